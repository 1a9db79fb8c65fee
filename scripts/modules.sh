#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# modules.sh CONFIG [make args...]: build the project's modules against test kernel CONFIG and
# print the module build directory on stdout. The sources are mirrored into
# $AGX_CACHE/mod/CONFIG so that builds for different kernels do not overwrite each other's
# objects and the work tree stays free of build products; rsync keeps timestamps, so the
# build is incremental.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cfg=${1:?usage: modules.sh CONFIG [make args]}
shift
kdir=$("$AGX_TOP/scripts/kernel.sh" "$cfg")
# AGX_MOD_TAG keeps the build of a second work tree (a fresh clone, say) apart.
mdir=$AGX_CACHE/mod/$cfg${AGX_MOD_TAG:+-$AGX_MOD_TAG}
mkdir -p "$mdir"
exec 9>"$mdir.lock"
flock 9
rsync -a --delete --exclude=.git --exclude=results --exclude='*.o' --exclude='*.ko' \
	--exclude='*.mod*' --exclude='.*.cmd' --exclude=Module.symvers --exclude=modules.order \
	--filter='P *.o' --filter='P *.ko' --filter='P *.mod*' --filter='P .*.cmd' \
	--filter='P Module.symvers' --filter='P modules.order' --exclude=/extmod \
	"$AGX_TOP/" "$mdir/" >&2
extra=()
if grep -q '^CONFIG_KUNIT=y' "$kdir/.config"; then extra+=(CONFIG_AGX_KUNIT=m); fi
[ -z "${AGX_SELFTEST:-}" ] || extra+=(CONFIG_AGX_SELFTEST=m)
# negative controls (scripts/stress-negative.sh, negative.sh): a jobqueue.ko with one
# guarantee removed (sched/Kbuild), an agx_sim.ko with one check removed (driver/sim/Kbuild)
[ -z "${AGX_JQ_BREAK:-}" ] || extra+=(JQ_BREAK="$AGX_JQ_BREAK")
[ -z "${AGX_SIM_BREAK:-}" ] || extra+=(AGX_SIM_BREAK="$AGX_SIM_BREAK")
# agx.ko links against the DRM helpers kernel.sh builds for every kernel (drm_exec.ko,
# drm_gpuvm.ko, drm_shmem_helper.ko), which the initramfs must carry: copy them into the
# module tree as extmod/*.ko; the guest loads them before agx.ko.
symvers=("$kdir/extmod/drm_helpers/Module.symvers")
mkdir -p "$mdir/extmod"
cp -p "$kdir"/extmod/drm_helpers/*.ko "$mdir/extmod/"
# perf: the benchmark links against drm_sched (gpu-sched.ko, built by kernel.sh) too: copy
# it as extmod/gpu-sched.ko.
if [ "$cfg" = perf ]; then
	extra+=(CONFIG_AGX_BENCH=m)
	symvers+=("$kdir/extmod/drm_sched/Module.symvers")
	cp -p "$kdir/extmod/drm_sched/gpu-sched.ko" "$mdir/extmod/gpu-sched.ko"
fi
extra+=(KBUILD_EXTRA_SYMBOLS="${symvers[*]}")
# An arm64 kernel is cross-built; its modules need the same ARCH and tool chain.
if is_arm64 "$cfg"; then extra+=("${ARM64_MAKE[@]}"); fi
make -C "$kdir" M="$mdir" -j"$JOBS" W=1 "${extra[@]}" "$@" modules >&2
echo "$mdir"
