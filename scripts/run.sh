#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [-p PLAN] [-x] CONFIG NAME [MODULE[:PARAM=V,...]]...
#
# Boot test kernel CONFIG in QEMU with the project's modules, run a plan, and judge the console
# log (scripts/verdict.py). Without -p the plan loads the MODULEs in order (their KUnit suites
# run during the load), unloads them newest first and scans for leaks. -x builds the
# negative-control fixtures too (AGX_SELFTEST). Results: results/CONFIG/NAME/{console.log,
# kunit.json,verdict.json}. Exit status 0 only if the verdict is clean.
#
# Environment: TIMEOUT (s, default 1200), KUNIT_FILTER (kunit.filter_glob), KUNIT_FILTER_ACTION,
# APPEND (more kernel command line), SMP (default 4), MEM (default 2G), VERDICT_ARGS; x86-64
# only, for finding where time goes: ACCEL (default tcg,thread=multi) and ICOUNT (-icount, e.g.
# ACCEL=tcg,thread=single ICOUNT=shift=0,sleep=off: the guest's clock counts instructions).
# An arm64 CONFIG (arm64*) boots in qemu-system-aarch64 -M virt with an arm64 busybox.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

plan_in=""
while getopts "p:x" o; do
	case $o in
	p) plan_in=$OPTARG ;;
	x) export AGX_SELFTEST=1 ;;
	*) die "usage: run.sh [-p PLAN] [-x] CONFIG NAME [MODULE[:PARAMS]]..." ;;
	esac
done
shift $((OPTIND - 1))
cfg=${1:?usage: run.sh CONFIG NAME MODULE...}
name=${2:?usage: run.sh CONFIG NAME MODULE...}
shift 2

# the results of an earlier run go first: a build that fails below must leave no verdict
# behind for check.sh's summary to count (it counts a missing one as a failure)
res=$AGX_TOP/results/$cfg/$name
rm -rf "$res"
kdir=$("$AGX_TOP/scripts/kernel.sh" "$cfg")
mdir=$("$AGX_TOP/scripts/modules.sh" "$cfg")
pdir=$("$AGX_TOP/scripts/userspace.sh" "$cfg")
mkdir -p "$res"

if [ -n "$plan_in" ]; then
	cp "$plan_in" "$res/plan.sh"
else
	{
		echo kmemleak_clear
		for m in "$@"; do
			p=""
			[[ $m != *:* ]] || { p=${m#*:}; p=${p//,/ }; m=${m%%:*}; }
			[ -f "$mdir/$m" ] || die "no module $m in $mdir"
			echo "load $m $p"
		done
		echo unload_all
		echo kmemleak_scan
	} > "$res/plan.sh"
fi

console=ttyS0
if is_arm64 "$cfg"; then
	export AGX_BUSYBOX=$ARM64_BUSYBOX
	console=ttyAMA0		# virt's PL011
fi
"$AGX_TOP/scripts/initramfs.sh" "$res/initramfs.cpio.gz" "$res/plan.sh" "$mdir" "$pdir"

cmdline="console=$console panic=-1 no_hash_pointers watchdog_thresh=30"
cmdline+=" rcupdate.rcu_cpu_stall_timeout=120 hung_task_timeout_secs=120"
[ -z "${KUNIT_FILTER:-}" ] || cmdline+=" kunit.filter_glob=$KUNIT_FILTER"
[ -z "${KUNIT_FILTER_ACTION:-}" ] || cmdline+=" kunit.filter_action=$KUNIT_FILTER_ACTION"
# x86-64: no PS/2 keyboard or mouse. The kernel's atkbd probe raced with its own interrupt
# handler under KCSAN (ps2_do_sendbyte / ps2_interrupt), a boot-time report that failed a
# CI run. The i8042 controller itself stays: reboot -f resets the machine through it
# (-machine pc,i8042=off made QEMU reboot the guest instead of exiting).
is_arm64 "$cfg" || cmdline+=" i8042.nokbd i8042.noaux"
cmdline+=" ${APPEND:-}"

log "booting $cfg ($name), log in ${res#"$AGX_TOP"/}/console.log"
start=$(date +%s)
rc=0
# arm64: -M virt (GIC, PL011, PSCI: reboot -f ends QEMU through -no-reboot), software
# emulation like x86-64. The x86-64 command below runs only for the other configs.
if is_arm64 "$cfg"; then
	timeout --kill-after=10 "${TIMEOUT:-1200}" qemu-system-aarch64 \
		-nodefaults -display none -no-reboot \
		-machine virt -accel tcg,thread=multi -cpu max -smp "${SMP:-4}" -m "${MEM:-2G}" \
		-kernel "$kdir/arch/arm64/boot/Image" -initrd "$res/initramfs.cpio.gz" \
		-append "$cmdline" -serial "file:$res/console.log" || rc=$?
fi
is_arm64 "$cfg" || timeout --kill-after=10 "${TIMEOUT:-1200}" qemu-system-x86_64 \
	-nodefaults -display none -no-reboot \
	-machine pc -accel "${ACCEL:-tcg,thread=multi}" ${ICOUNT:+-icount "$ICOUNT"} \
	-cpu max,la57=off -smp "${SMP:-4}" -m "${MEM:-2G}" \
	-bios /usr/share/qemu/qboot.rom \
	-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$res/initramfs.cpio.gz" \
	-append "$cmdline" -serial "file:$res/console.log" || rc=$?
echo "$(( $(date +%s) - start ))" > "$res/seconds"
[ $rc -ne 124 ] && [ $rc -ne 137 ] || echo "AGX-HARNESS: timeout after ${TIMEOUT:-1200} s" >> "$res/console.log"

python3 "$AGX_TOP/scripts/verdict.py" --kunit "$KSRC/tools/testing/kunit/kunit.py" \
	--vmlinux "$kdir/vmlinux" --name "$cfg/$name" ${KUNIT_FILTER:+--filtered} ${VERDICT_ARGS:-} \
	"$res"
