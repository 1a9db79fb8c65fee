#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# userspace.sh CONFIG: build the project's userspace programs for the architecture of test
# kernel CONFIG and print the directory holding them on stdout; the initramfs carries them
# in /prog (scripts/initramfs.sh) and the plan step "prog NAME" runs them (scripts/init.sh).
# The programs: tests/uapi (agx-uapi-test, agx-uapi-fuzz), tools/agx-client (agx-client) and
# tools/agx-run (agx-run, the workload of make run),
# each a Makefile of its own, built out of the tree (O=) into $AGX_CACHE/user/ARCH, linked
# statically against Debian's libdrm (libdrm-dev's libdrm.a): the guest has no libc and no
# loader. arm64: aarch64-linux-gnu-gcc with libc6-dev-arm64-cross and libdrm-dev:arm64,
# which setup.sh unpacks into the cache (never installs).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cfg=${1:?usage: userspace.sh CONFIG}
arch=x86_64 cc=gcc
# what pkg-config --static says for libdrm, without needing pkg-config
drm_cflags="-I/usr/include/libdrm"
drm_libs="-ldrm -lm"
if is_arm64 "$cfg"; then
	arch=arm64 cc=aarch64-linux-gnu-gcc
	drm_cflags="-I$ARM64_LIBDRM/usr/include/libdrm -I$ARM64_LIBDRM/usr/include"
	drm_libs="$ARM64_LIBDRM/usr/lib/aarch64-linux-gnu/libdrm.a -lm"
fi
# AGX_MOD_TAG keeps the build of a second work tree apart, as for the modules
udir=$AGX_CACHE/user/$arch${AGX_MOD_TAG:+-$AGX_MOD_TAG}
mkdir -p "$udir"
exec 9>"$udir.lock"
flock 9
# The dependency files name the sources by absolute path: a build made from another tree
# (CI's clone, a moved checkout) would make look for files that are not there. Start anew.
if [ "$(cat "$udir/.tree" 2>/dev/null)" != "$AGX_TOP" ]; then
	rm -rf "${udir:?}"/* "$udir/.tree"
	echo "$AGX_TOP" > "$udir/.tree"
fi
rm -rf "$udir/prog"
mkdir -p "$udir/prog"
for d in tests/uapi tools/agx-client tools/agx-run; do
	make -s -C "$AGX_TOP/$d" O="$udir/$d" CC="$cc" STATIC=1 \
		DRM_CFLAGS="$drm_cflags" DRM_LIBS="$drm_libs" >&2 || die "building $d failed"
	find "$udir/$d" -maxdepth 1 -type f -name 'agx-*' -perm -u+x -exec cp -p {} "$udir/prog/" \;
done
echo "$udir/prog"
