#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# stress-negative.sh [CONFIG]: the negative control of the stress test (make stress-negative).
# Builds jobqueue.ko with JQ_BREAK=TIMELINE_REF (AGX_JQ_BREAK, in a separate module build
# directory, AGX_MOD_TAG=negative[-TAG], so the normal build is untouched): a finished fence then
# takes no reference on its queue's timeline (sched/jq_fence.c), the one reference that lets
# a fence outlive its queue (R6). The stress run (scripts/stress-run.sh, default 20 s,
# on the debug kernel) must then fail with a KASAN or KCSAN report; this script inverts the
# verdict: it passes only if such a report was found, and prints it.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cfg=${1:-debug}
mkdir -p "$here/results"

# the broken kernel may hang after its first report: do not wait long for it
# (AGX_MOD_TAG of the caller, if any, kept as a suffix: work trees stay apart here too)
TIMEOUT=${TIMEOUT:-300} AGX_JQ_BREAK=TIMELINE_REF STRESS_NAME=negative \
	AGX_MOD_TAG=negative${AGX_MOD_TAG:+-$AGX_MOD_TAG} \
	STRESS_SECONDS=${STRESS_SECONDS:-20} STRESS_RELOADS=${STRESS_RELOADS:-0} \
	"$here/scripts/stress-run.sh" "$cfg" > "$here/results/stress-negative.log" 2>&1
res=$here/results/$cfg/negative
# inverted: the run must hold a KASAN or KCSAN report; prints it and "N passed, N failed"
python3 "$here/scripts/verdict.py" caught --categories kasan,kcsan --name stress-negative "$res"
