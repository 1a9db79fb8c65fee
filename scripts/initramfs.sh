#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# initramfs.sh OUT.cpio.gz PLAN MODDIR [PROGDIR]: build a busybox initramfs holding
# scripts/init.sh as /init, PLAN as /plan.sh, every *.ko of the module build directory
# MODDIR under /mod, at the same relative paths, and the (static) userspace programs of
# PROGDIR (scripts/userspace.sh) in /prog.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:?} plan=${2:?} mdir=${3:?} pdir=${4:-}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,mod,prog,tmp}
# AGX_BUSYBOX: a busybox for another architecture (run.sh passes the arm64 one of setup.sh).
cp "${AGX_BUSYBOX:-/bin/busybox}" "$root/bin/busybox"
cp "$AGX_TOP/scripts/init.sh" "$root/init"
cp "$plan" "$root/plan.sh"
chmod +x "$root/init"
(cd "$mdir" && find . -name '*.ko' -print0 | cpio -0 -pdm --quiet "$root/mod")
[ -z "$pdir" ] || cp -rp "$pdir"/. "$root/prog/"
mknod "$root/dev/console" c 5 1
mknod "$root/dev/null" c 1 3
(cd "$root" && find . -print0 | cpio -0 -o -H newc --quiet) | gzip -1 > "$out"
