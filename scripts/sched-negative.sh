#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# sched-negative.sh [CONFIG]: the negative controls of the job queue's KUnit tests (make
# sched-negative, Documentation/jobqueue.rst "Tests that must be able to fail"). For each
# guarantee NAME that sched/Kbuild can remove (JQ_BREAK=NAME), jobqueue.ko is built without
# it (AGX_JQ_BREAK=NAME, in its own module build directory, AGX_MOD_TAG=neg-NAME[-TAG]) and the
# one test that must catch its absence runs alone (KUNIT_FILTER) under the debug kernel. A
# control passes only if that run fails: a failed case or a kernel report. Last line:
# "N passed, N failed" (N controls caught, N not caught).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cfg=${1:-debug}

# NAME and the test that must fail without it
controls=(
	"TIMELINE_REF jq_rules.jq_r6_fence_outlives_queue"
	"DEAD_QUEUE jq_rules.jq_r3_worker_finds_dead_queue"
	"ATOMIC_FREE jq_signal.jq_signal_atomic_last_put"
	"SERIAL_FREE jq_rules.jq_r2_free_job_concurrent"
)

caught=0 missed=0
for c in "${controls[@]}"; do
	read -r name test <<< "$c"
	res=$here/results/$cfg/neg-$name
	# the broken module may wedge the guest after its first report: a KASAN report panics
	# (the guest then stops at once, and the run fails on the report), and a run is short
	APPEND="${APPEND:-} kasan.fault=panic" TIMEOUT=${TIMEOUT:-300} AGX_JQ_BREAK=$name \
		AGX_MOD_TAG=neg-$name${AGX_MOD_TAG:+-$AGX_MOD_TAG} KUNIT_FILTER=$test \
		"$here/scripts/run.sh" "$cfg" "neg-$name" sched/jobqueue.ko tests/jq_test_hw.ko \
		kunit/jq_test.ko \
		> "$res.log" 2>&1
	# what the run's verdict found: its failed cases and kernel reports, one line
	what=$(python3 "$here/scripts/verdict.py" brief "$res/verdict.json" 2>/dev/null ||
		echo "1 - | no verdict: the run did not finish")
	if [ "${what%% *}" != 0 ]; then
		echo "sched-negative: $name caught by $test: failed ${what#* }"
		caught=$((caught + 1))
	else
		echo "sched-negative: $name NOT CAUGHT by $test"
		missed=$((missed + 1))
	fi
done
echo "$caught passed, $missed failed"
[ "$missed" -eq 0 ]
