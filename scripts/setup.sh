#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# setup.sh [CONFIG]: installs what the project needs from Debian's packages and unpacks the
# kernel source into the cache. Idempotent: a second run checks and returns in seconds.
# With an arm64 CONFIG (arm64*) also the aarch64 cross tool chain (with its static libc),
# qemu-system-aarch64, an arm64 busybox and an arm64 libdrm; only then, so that the x86-64
# path does not pay for them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PKGS="linux-source-6.12 build-essential flex bison bc libelf-dev libssl-dev dwarves cpio kmod
python3 qemu-system-x86 busybox-static sparse rsync gzip xz-utils perl gnuplot-nox
python3-sphinx libdrm-dev"
if is_arm64 "${1:-}"; then
	# libc6-dev-arm64-cross: the static libc of the arm64 userspace programs (userspace.sh)
	PKGS="$PKGS gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm
libc6-dev-arm64-cross"
fi

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

# The arm64 initramfs needs an arm64 static busybox. Debian's busybox-static:arm64 is only
# downloaded and unpacked into the cache: installing it would replace the host's busybox.
if is_arm64 "${1:-}" && [ ! -x "$ARM64_BUSYBOX" ]; then
	log "unpacking busybox-static:arm64 into ${ARM64_BUSYBOX%/bin/busybox}"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		$SUDO dpkg --add-architecture arm64
		$SUDO apt-get update -q
	fi
	apt-cache show busybox-static:arm64 >/dev/null 2>&1 || $SUDO apt-get update -q
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# As root, apt would download as user _apt, who cannot write to the private $tmp.
	sandbox=()
	[ "$(id -u)" != 0 ] || sandbox=(-o APT::Sandbox::User=root)
	(cd "$tmp" && apt-get download -q "${sandbox[@]}" busybox-static:arm64 >&2)
	rm -rf "${ARM64_BUSYBOX%/bin/busybox}"
	mkdir -p "${ARM64_BUSYBOX%/bin/busybox}"
	dpkg-deb -x "$tmp"/busybox-static_*_arm64.deb "${ARM64_BUSYBOX%/bin/busybox}"
	[ -x "$ARM64_BUSYBOX" ] || die "no bin/busybox in busybox-static:arm64"
fi

# The arm64 userspace programs (scripts/userspace.sh) link libdrm statically: Debian's
# libdrm-dev:arm64 (libdrm.a and the headers) is unpacked into the cache the same way, never
# installed (it would pull in arm64 runtime libraries the host has no use for).
if is_arm64 "${1:-}" && [ ! -f "$ARM64_LIBDRM/usr/lib/aarch64-linux-gnu/libdrm.a" ]; then
	log "unpacking libdrm-dev:arm64 into $ARM64_LIBDRM"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	apt-cache show libdrm-dev:arm64 >/dev/null 2>&1 || $SUDO apt-get update -q
	tmp2=$(mktemp -d)
	sandbox=()
	[ "$(id -u)" != 0 ] || sandbox=(-o APT::Sandbox::User=root)
	(cd "$tmp2" && apt-get download -q "${sandbox[@]}" libdrm-dev:arm64 >&2)
	rm -rf "$ARM64_LIBDRM"
	mkdir -p "$ARM64_LIBDRM"
	dpkg-deb -x "$tmp2"/libdrm-dev_*_arm64.deb "$ARM64_LIBDRM"
	rm -rf "$tmp2"
	[ -f "$ARM64_LIBDRM/usr/lib/aarch64-linux-gnu/libdrm.a" ] ||
		die "no libdrm.a in libdrm-dev:arm64"
fi
