#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh: the kernel's own style checks on every C source and header of the project:
# checkpatch --strict --no-tree, kernel-doc (-none: warnings only) and sparse (a C=2 build of
# the modules against the debug kernel). Writes results/lint/verdict.json: one check per file
# and tool, failed if the tool said anything about that file.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

res=$AGX_TOP/results/lint
rm -rf "$res"
mkdir -p "$res"
cd "$AGX_TOP" || exit 1
mapfile -t files < <(git ls-files -co --exclude-standard -- '*.c' '*.h' | sort)

for f in "${files[@]}"; do
	perl "$KSRC/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f "$f" > "$res/cp.tmp" 2>&1
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
# the file-level call graphs must be DAGs (scripts/calls.py): driver/fw and driver/mmu of
# agx.ko, driver/sim of agx_sim.ko (the objects Kbuild lists in agx_sim.mod)
{
	python3 "$AGX_TOP/scripts/calls.py" "$mdir" ||
		echo "calls.py: error: exit status $?"
	python3 "$AGX_TOP/scripts/calls.py" "$mdir" --mod driver/sim/agx_sim.mod driver/sim ||
		echo "calls.py: error: exit status $?"
} > "$res/calls.txt" 2>&1

# one check per file and tool: results/lint/verdict.json, the tools' output, the count
python3 "$AGX_TOP/scripts/verdict.py" lint "$res" "${files[@]}"
