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
	h=$( { dpkg-query -W -f='${Version}' "$KVER_PKG" 2>/dev/null
	       cat "$AGX_TOP/scripts/kconfig/base.config" "$AGX_TOP/scripts/kconfig/$cfg.config"
	       echo "kbuild-v1"; } | sha256sum | cut -c1-12)
	echo "$AGX_CACHE/build/$cfg-$h"
}
