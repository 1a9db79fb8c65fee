# SPDX-License-Identifier: GPL-2.0
# Common definitions for the harness scripts. Sourced, never run.

AGX_CACHE=${AGX_CACHE:-$HOME/.cache/agx}
AGX_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KVER_PKG=linux-source-6.12
KSRC=$AGX_CACHE/src/$KVER_PKG
JOBS=${JOBS:-$(nproc)}

die() { echo "agx: error: $*" >&2; exit 1; }
log() { echo "agx: $*" >&2; }

# kernel_dir CONFIG: the build directory of kernel config CONFIG. The name hashes the kernel
# version and every fragment that makes up the config, so a changed fragment means a new build
# directory and an unchanged one is reused.
kernel_dir() {
	local cfg=$1 h
	local frags
	mapfile -t frags < <(kernel_fragments "$cfg")
	h=$( { dpkg-query -W -f='${Version}' "$KVER_PKG" 2>/dev/null
	       cat "${frags[@]}"
	       echo "kbuild-v1"; } | sha256sum | cut -c1-12)
	echo "$AGX_CACHE/build/$cfg-$h"
}

# arm64 kernels (config names arm64*) are cross-built and run in qemu-system-aarch64. Their
# initramfs needs an arm64 busybox, unpacked (not installed) into the cache by setup.sh.
ARM64_MAKE=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
ARM64_BUSYBOX=$AGX_CACHE/arm64/busybox/bin/busybox
# libdrm-dev:arm64, unpacked like the busybox, for the userspace programs (userspace.sh)
ARM64_LIBDRM=$AGX_CACHE/arm64/libdrm
is_arm64() { [[ ${1:-} == arm64* ]]; }

# kernel_fragments CONFIG: the config fragments of kernel CONFIG, one path per line. x86-64:
# base.config (x86-specific in places: 64BIT, PCI, 8250 serial) + CONFIG.config. arm64:
# CONFIG.config, complete on its own for the architecture, + debug.config, so that the arm64
# kernel has exactly the detectors of the x86-64 debug kernel and the same verdict rules hold.
kernel_fragments() {
	local k=$AGX_TOP/scripts/kconfig
	if is_arm64 "$1"; then
		printf '%s\n' "$k/$1.config" "$k/debug.config"
	else
		printf '%s\n' "$k/base.config" "$k/$1.config"
	fi
}

# manifest_modules CONFIG: the modules (MODULE[:PARAMS]) that scripts/modules.manifest tags
# with CONFIG, one per line, in the file's order. A tag that names no kernel config fragment
# is an error: a typo would otherwise drop the module from every run without a word.
manifest_modules() {
	local cfg=$1 mod tags t
	while read -r mod tags; do
		case $mod in '' | '#'*) continue ;; esac
		[ -n "$tags" ] || die "modules.manifest: $mod: no config"
		for t in $tags; do
			[ -f "$AGX_TOP/scripts/kconfig/$t.config" ] ||
				die "modules.manifest: $mod: no kernel config '$t'"
			[ "$t" != "$cfg" ] || echo "$mod"
		done
	done < "$AGX_TOP/scripts/modules.manifest"
}
