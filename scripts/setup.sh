#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs what the project needs from Debian's packages and unpacks the kernel source into
# the cache. Idempotent: a second run checks and returns in seconds.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS="linux-source-6.12 build-essential flex bison bc libelf-dev libssl-dev dwarves cpio kmod
python3 qemu-system-x86 busybox-static sparse rsync gzip xz-utils perl gnuplot-nox"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	log "installing:$missing"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

if [ ! -f "$KSRC/.agx-unpacked" ]; then
	log "unpacking $KVER_PKG into $KSRC"
	rm -rf "$KSRC"
	mkdir -p "$AGX_CACHE/src"
	tar -C "$AGX_CACHE/src" -xf /usr/src/$KVER_PKG.tar.xz
	touch "$KSRC/.agx-unpacked"
fi
