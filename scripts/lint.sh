#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh: the kernel's own style checks on every C source and header of the project:
# checkpatch --strict --no-tree, kernel-doc (-none: warnings only) and sparse (a C=2 build of
# the modules against the debug kernel), and the Sphinx build of Documentation/ (docs.sh).
# Writes results/lint/verdict.json: one check per file and tool, failed if the tool said
# anything about that file (for a page of Documentation/: if Sphinx warned about it).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

res=$AGX_TOP/results/lint
rm -rf "$res"
mkdir -p "$res"
cd "$AGX_TOP" || exit 1
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.c' '*.h' | sort)

for f in "${files[@]}"; do
	# userspace programs (tests/uapi, tools/): libdrm's API is CamelCase, and neither the
	# kernel's attribute macros (__printf) nor its types (u64) exist outside the kernel
	ignore=FILE_PATH_CHANGES,SPDX_LICENSE_TAG
	case $f in tests/uapi/* | tools/*) ignore+=,CAMELCASE,PREFER_DEFINED_ATTRIBUTE_MACRO,PREFER_KERNEL_TYPES ;; esac
	perl "$KSRC/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		--ignore "$ignore" -f "$f" > "$res/cp.tmp" 2>&1
	grep -q . "$res/cp.tmp" && { echo "== checkpatch $f"; cat "$res/cp.tmp"; } >> "$res/checkpatch.txt"
	"$KSRC/scripts/kernel-doc" -none -Wall "$f" > "$res/kd.tmp" 2>&1
	grep -q . "$res/kd.tmp" && { echo "== kernel-doc $f"; cat "$res/kd.tmp"; } >> "$res/kernel-doc.txt"
done
rm -f "$res/cp.tmp" "$res/kd.tmp"

# sparse: rebuild every object with C=2 against the debug kernel; keep the warnings that point
# into the project's own files.
kdir=$("$AGX_TOP/scripts/kernel.sh" debug)
mdir=$(AGX_SELFTEST=1 "$AGX_TOP/scripts/modules.sh" debug 2>/dev/null)
make -C "$kdir" M="$mdir" C=2 CONFIG_AGX_KUNIT=m CONFIG_AGX_SELFTEST=m -j"$JOBS" modules \
	2>&1 | grep -E "^$mdir/.*(warning|error):" | sed "s|^$mdir/||" > "$res/sparse.txt"
# the file-level call graph of driver/{fw,mmu,queue,xport,drm,hw} must be a DAG and the
# includes must follow it; no "../" includes (scripts/calls.py)
python3 "$AGX_TOP/scripts/calls.py" "$mdir" driver/fw driver/mmu driver/queue driver/xport \
	driver/drm driver/hw > "$res/calls.txt" 2>&1 ||
	echo "calls.py: error: exit status $?" >> "$res/calls.txt"

# the documentation: Documentation/ built with Sphinx and the kernel's kernel-doc extension
# (scripts/docs.sh), whose warnings fail the pages they name; and its negative control, a page
# (scripts/fixtures/docs/) the build must warn about three times
mapfile -t pages < <(git ls-files -co --exclude-standard -- 'Documentation/*.rst' | sort)
"$AGX_TOP/scripts/docs.sh" "$res/html" > "$res/docs.txt" 2>&1 ||
	echo "docs.sh: error: exit status $?" >> "$res/docs.txt"
"$AGX_TOP/scripts/docs.sh" "$res/docs-control" "$AGX_TOP/scripts/fixtures/docs" \
	> "$res/docs-control.txt" 2>&1

# one check per file and tool: results/lint/verdict.json, the tools' output, the count
python3 "$AGX_TOP/scripts/verdict.py" lint "$res" "${files[@]}" "${pages[@]}"
