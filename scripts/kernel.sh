#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel.sh CONFIG: build (or reuse) the x86-64 test kernel CONFIG (debug, kcsan, perf) or the
# arm64 one (arm64*, cross-built) in $AGX_CACHE/build/CONFIG-HASH and print that directory on
# stdout.
#
# The .config is base.config + CONFIG.config run through olddefconfig; every option the
# fragments set is then checked against the result, so a fragment line that Kconfig silently
# dropped (a typo, an unmet dependency) fails the build instead of giving a different kernel.
# The perf kernel also gets gpu-sched.ko (drm_sched) built from the kernel's own unmodified
# source as an external module, see Documentation/harness.rst. Every kernel also gets the DRM
# helpers agx.ko's DRM device needs and 6.12 offers no prompt for (drm_exec.ko, drm_gpuvm.ko,
# drm_shmem_helper.ko), built the same way in a step of their own (build_drm_helpers) with
# their own stamp, so that adding them leaves an existing kernel build valid. An arm64 kernel
# is built from its own fragments (lib.sh: kernel_fragments) with allnoconfig instead, see
# build_arm64.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cfg=${1:?usage: kernel.sh CONFIG}
[ -f "$AGX_TOP/scripts/kconfig/$cfg.config" ] || die "no kernel config fragment '$cfg'"
"$AGX_TOP/scripts/setup.sh" "$cfg" >&2
mapfile -t frags < <(kernel_fragments "$cfg")
out=$(kernel_dir "$cfg")
mkdir -p "$AGX_CACHE/build"
exec 9>"$AGX_CACHE/build/.lock-$cfg"
flock 9

# check_config: every option the fragments set must have that value in the final .config.
# As with the kernel's merge_config.sh, a later fragment overrides an earlier one.
check_config() {
	local line sym want got
	local -A req=()
	while read -r line; do
		req[${line%%=*}]=${line#*=}
	done < <(grep -hE '^CONFIG_' "${frags[@]}")
	for sym in "${!req[@]}"; do
		want=${req[$sym]}
		got=$(grep -E "^$sym=" "$out/.config" | cut -d= -f2- || true)
		if [ "$want" = n ]; then
			[ -z "$got" ] || die "$cfg: $sym=n requested, .config has $got"
		else
			[ "$got" = "$want" ] || die "$cfg: $sym=$want requested, .config has '${got:-unset}'"
		fi
	done
}

build_drm_sched() {
	local d=$out/extmod/drm_sched
	mkdir -p "$d"
	cp -p "$KSRC"/drivers/gpu/drm/scheduler/*.[ch] "$d/"
	echo 'obj-m += gpu-sched.o' > "$d/Kbuild"
	echo 'gpu-sched-y := sched_main.o sched_fence.o sched_entity.o' >> "$d/Kbuild"
	make -s -C "$out" M="$d" -j"$JOBS" modules >&2
}

# The DRM helpers without a Kconfig prompt in 6.12 (DRM_EXEC, DRM_GPUVM, DRM_GEM_SHMEM_HELPER:
# only an in-tree driver can select them) as external modules of the kernel's own unmodified
# source, one module each as drivers/gpu/drm/Makefile defines them, into extmod/drm_helpers
# (Module.symvers for the project's modules, scripts/modules.sh). The stamp is the list of
# the modules: a change of it rebuilds them, never the kernel.
DRM_HELPERS="drm_exec drm_gpuvm drm_shmem_helper"
build_drm_helpers() {
	local d=$out/extmod/drm_helpers arch=(ARCH=x86_64)
	is_arm64 "$cfg" && arch=("${ARM64_MAKE[@]}")
	rm -rf "$d"
	mkdir -p "$d"
	cp -p "$KSRC"/drivers/gpu/drm/{drm_exec,drm_gpuvm,drm_gem_shmem_helper}.c "$d/"
	{
		echo 'obj-m += drm_exec.o drm_gpuvm.o drm_shmem_helper.o'
		echo 'drm_shmem_helper-y := drm_gem_shmem_helper.o'
	} > "$d/Kbuild"
	make -s -C "$out" M="$d" "${arch[@]}" -j"$JOBS" modules >&2
	echo "$DRM_HELPERS" > "$d/.agx-built"
}

# arm64: allnoconfig with the fragments as KCONFIG_ALLCONFIG gives a minimal kernel with the
# requested options; olddefconfig would enable every ARCH_* platform with its drivers and
# multiply the (cross, KASAN) build time.
build_arm64() {
	log "building kernel '$cfg' (arm64, cross) in $out (15-30 minutes on 2 cores)"
	mkdir -p "$out"
	cat "${frags[@]}" > "$out/agx-allconfig"
	make -s -C "$KSRC" O="$out" "${ARM64_MAKE[@]}" KCONFIG_ALLCONFIG="$out/agx-allconfig" \
		allnoconfig >&2
	check_config
	make -s -C "$KSRC" O="$out" "${ARM64_MAKE[@]}" -j"$JOBS" Image modules >&2
	touch "$out/.agx-built"
}

if is_arm64 "$cfg" && [ ! -f "$out/.agx-built" ]; then build_arm64; fi
if [ ! -f "$out/.agx-built" ]; then
	log "building kernel '$cfg' in $out (a few minutes)"
	mkdir -p "$out"
	cat "$AGX_TOP/scripts/kconfig/base.config" "$AGX_TOP/scripts/kconfig/$cfg.config" \
		> "$out/.config"
	make -s -C "$KSRC" O="$out" ARCH=x86_64 olddefconfig >&2
	check_config
	make -s -C "$KSRC" O="$out" ARCH=x86_64 -j"$JOBS" bzImage modules >&2
	[ "$cfg" != perf ] || build_drm_sched
	touch "$out/.agx-built"
fi
[ "$(cat "$out/extmod/drm_helpers/.agx-built" 2>/dev/null)" = "$DRM_HELPERS" ] ||
	build_drm_helpers
# A kernel of this config with other fragments is stale now: its build takes about 1 GiB.
for d in "$AGX_CACHE/build/$cfg"-????????????; do
	[ "$d" = "$out" ] || [ ! -d "$d" ] || rm -rf "$d"
done
echo "$out"
