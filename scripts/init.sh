#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the test initramfs. Mounts the pseudo file systems, then runs /plan.sh, a list of
# the steps below written by scripts/run.sh, and powers the VM off. Every step leaves a
# "AGX-MARK:" line in the kernel log so the verdict can tell which step a report belongs to.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug
# KCSAN: no reports whose access is in the 6.12 hrtimer sleeper (hrtimer_wakeup() clears
# the task that schedule_hrtimeout_range_clock() reads plainly): a race of the core that
# every usleep_range() caller reaches, ours too (Documentation/harness.rst, "Races inside
# the kernel"). KCSAN's own report filter, by the function of either access's top frame.
if [ -w /sys/kernel/debug/kcsan ]; then
	echo '!schedule_hrtimeout_range_clock' > /sys/kernel/debug/kcsan
	echo '!hrtimer_wakeup' > /sys/kernel/debug/kcsan
fi

mark() { echo "AGX-MARK: $*" > /dev/kmsg; }

# load MODULE [PARAMS...]: insmod a module of the build (its tests run during the load).
load() {
	m=$1
	shift
	mark "load $m"
	insmod "/mod/$m" "$@" || mark "FAIL insmod $m rc=$?"
	LOADED="$(basename "$m" .ko) $LOADED"
}

# unload MODULE-NAME: rmmod, which must succeed.
unload() {
	mark "unload $1"
	rmmod "$1" || mark "FAIL rmmod $1 rc=$?"
}

# unload_all: rmmod every module loaded by load, newest first.
unload_all() {
	for m in $LOADED; do
		unload "$m"
	done
	LOADED=""
}

# expect_busy MODULE-NAME: rmmod must fail (the module is still in use).
expect_busy() {
	mark "expect-busy $1"
	if rmmod "$1" 2>/dev/null; then mark "FAIL rmmod $1 succeeded while busy"; fi
}

# kmemleak_clear: forget the objects allocated so far (boot-time ones are not ours).
kmemleak_clear() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	echo clear > /sys/kernel/debug/kmemleak
}

# kmemleak_scan: report objects allocated since kmemleak_clear that nothing references. An
# object is only reported once it is 5 s old, hence the sleep; two scans, as kmemleak asks
# for, so that transient references (in registers, on stacks) do not hide a leak.
kmemleak_scan() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	mark "kmemleak-scan"
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
}

# fixture CATEGORY MODULE: a negative control of the self-test. Everything logged between
# "fixture" and "fixture-end" is the fixture's; the verdict requires a CATEGORY report in it.
fixture() {
	cat=$1
	m=$2
	mark "fixture $cat"
	mark "fixture-load $m"
	insmod "/mod/$m" || mark "fixture-insmod-failed $m"
	rmmod "$(basename "$m" .ko)" 2>/dev/null
	[ "$cat" != kmemleak ] || kmemleak_scan
	mark "fixture-end $cat"
}

# expect CATEGORIES MODULE [PARAMS...]: load a module whose tests trigger kernel reports on
# purpose (WARNs of misuse checks, say). Inside the bracket, reports of the comma-separated
# CATEGORIES are expected, and each category must show up; any other report still fails.
expect() {
	cats=$1
	shift
	mark "expect $cats"
	load "$@"
	mark "expect-end"
}

# allowed NAME MODULE: load a reproducer of a race inside the kernel that the verdict allows
# (KERNEL_RACES in scripts/verdict.py); the entry NAME must match a report in the bracket,
# which shows that the allow-list still recognises the race on this kernel. KCSAN watches
# one access in 100 instead of 4000 meanwhile, and the reproducer runs up to twelve times
# until its report shows: the race window is small, and on a loaded host (vCPUs that
# rarely run at the same time) five runs were seen to miss it.
allowed() {
	name=$1
	m=$2
	mark "allowed $name"
	skip=/sys/module/kcsan/parameters/skip_watch
	old=$(cat $skip 2>/dev/null)
	[ -z "$old" ] || echo 100 > $skip
	n0=$(dmesg | grep -c "BUG: KCSAN: ")
	i=0
	while [ $i -lt 12 ] && [ "$(dmesg | grep -c "BUG: KCSAN: ")" = "$n0" ]; do
		i=$((i + 1))
		insmod "/mod/$m" || mark "FAIL insmod $m rc=$?"
		rmmod "$(basename "$m" .ko)"
	done
	[ -z "$old" ] || echo "$old" > $skip
	mark "allowed-end $name"
}

# prog NAME [ARGS...]: run the userspace program /prog/NAME (scripts/userspace.sh builds
# them: tests/uapi, tools/agx-client, tools/agx-run) with -k, which writes its KTAP to
# /dev/kmsg, one record per line, so that the verdict parses it like a KUnit module's and a
# kernel report lands between the lines of the case that caused it. Exit status 0: every case
# passed; 1: some failed (the KTAP says which); anything else (a crash, a usage error) fails
# the run.
prog() {
	p=$1
	shift
	mark "prog $p"
	"/prog/$p" -k "$@"
	rc=$?
	[ $rc -le 1 ] || mark "FAIL prog $p rc=$rc"
	mark "prog-end $p"
}

LOADED=""
mark "start $(uname -r) cpus=$(grep -c ^processor /proc/cpuinfo)"
. /plan.sh
mark "done"
sync
reboot -f
