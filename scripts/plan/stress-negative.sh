#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# stress-negative.sh [CONFIG]: the negative control of the stress test (make stress-negative).
# Builds jobqueue.ko with JQ_BREAK=TIMELINE_REF (AGX_JQ_BREAK, in a separate module build
# directory, AGX_MOD_TAG=negative, so the normal build is untouched): a finished fence then
# takes no reference on its queue's timeline (sched/jq_fence.c), the one reference that lets
# a fence outlive its queue (R6). The stress run (scripts/plan/stress-run.sh, default 20 s,
# on the debug kernel) must then fail with a KASAN or KCSAN report; this script inverts the
# verdict: it passes only if such a report was found, and prints it.
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cfg=${1:-debug}
mkdir -p "$here/results"

# the broken kernel may hang after its first report: do not wait long for it
TIMEOUT=${TIMEOUT:-300} AGX_JQ_BREAK=TIMELINE_REF AGX_MOD_TAG=negative STRESS_NAME=negative \
	STRESS_SECONDS=${STRESS_SECONDS:-20} STRESS_RELOADS=${STRESS_RELOADS:-0} \
	"$here/scripts/plan/stress-run.sh" "$cfg" > "$here/results/stress-negative.log" 2>&1
res=$here/results/$cfg/negative
python3 - "$res" <<'PY'
import json, sys
res = sys.argv[1]
try:
    v = json.load(open(f"{res}/verdict.json"))
except (OSError, ValueError):
    print("stress-negative: no verdict (the run did not finish)")
    print("0 passed, 1 failed")
    sys.exit(1)
lines = open(f"{res}/console.log", errors="replace").read().splitlines()
hits = [r for r in v["reports"] if r["category"] in ("kasan", "kcsan")]
for r in hits[:3]:
    print(f"caught: {r['category']} at console line {r['line']}: {lines[r['line'] - 1].strip()}")
others = sorted({r["category"] for r in v["reports"]} - {"kasan", "kcsan"})
if others:
    print(f"other reports: {', '.join(others)}")
if hits:
    print("stress-negative: the negative control was caught")
    print("1 passed, 0 failed")
    sys.exit(0)
print("stress-negative: NOT CAUGHT: no KASAN or KCSAN report with the broken jobqueue.ko")
print("0 passed, 1 failed")
sys.exit(1)
PY
