#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# negative.sh SET [CONFIG]: the negative controls of the guarantees KUnit tests (make
# sched-negative: SET jq, Documentation/jobqueue.rst "Tests that must be able to fail"; make
# sim-negative: SET sim, Documentation/agx-firmware.rst "Checks that must be able to fail").
# For each guarantee NAME that the set's Kbuild can remove (JQ_BREAK=NAME in sched/Kbuild,
# AGX_SIM_BREAK=NAME in driver/sim/Kbuild), the module is built without it (AGX_JQ_BREAK=NAME
# or AGX_SIM_BREAK=NAME for scripts/modules.sh, in its own module build directory,
# AGX_MOD_TAG=neg-NAME[-TAG]) and the one test that must catch its absence runs alone
# (KUNIT_FILTER) under the debug kernel. A control passes only if that run fails: a failed
# case or a kernel report. Last line: "N passed, N failed" (N controls caught, N not caught).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
set_=${1:?usage: negative.sh jq|sim [CONFIG]}
cfg=${2:-debug}

# per set: its name in the output, the variable of scripts/modules.sh, the modules to load, and each NAME with the
# test that must fail without it
case $set_ in
jq)
	label=sched-negative var=AGX_JQ_BREAK
	mods=(sched/jobqueue.ko tests/jq_test_hw.ko kunit/jq_test.ko)
	controls=(
		"TIMELINE_REF jq_rules.jq_r6_fence_outlives_queue"
		"DEAD_QUEUE jq_rules.jq_r3_worker_finds_dead_queue"
		"ATOMIC_FREE jq_signal.jq_signal_atomic_last_put"
		"SERIAL_FREE jq_rules.jq_r2_free_job_concurrent"
	) ;;
sim)
	label=sim-negative var=AGX_SIM_BREAK
	mods=(sched/jobqueue.ko tests/jq_test_hw.ko extmod/drm_exec.ko extmod/drm_gpuvm.ko
	      driver/agx.ko driver/sim/agx_sim.ko kunit/agx_fw_test.ko)
	controls=(
		"GROW_ASYNC agx_fw.agx_fw_tvb_sync_grow"
		"TLB_KEEP agx_fw.agx_fw_tlb_stale_checked"
	) ;;
*)
	echo "negative.sh: unknown set $set_ (jq or sim)" >&2
	exit 2 ;;
esac

caught=0 missed=0
for c in "${controls[@]}"; do
	read -r name test <<< "$c"
	res=$here/results/$cfg/neg-$name
	# the broken module may wedge the guest after its first report: a KASAN report panics
	# (the guest then stops at once, and the run fails on the report), and a run is short
	env APPEND="${APPEND:-} kasan.fault=panic" TIMEOUT="${TIMEOUT:-300}" "$var=$name" \
		AGX_MOD_TAG="neg-$name${AGX_MOD_TAG:+-$AGX_MOD_TAG}" KUNIT_FILTER="$test" \
		"$here/scripts/run.sh" "$cfg" "neg-$name" "${mods[@]}" > "$res.log" 2>&1
	# what the run's verdict found: its failed cases and kernel reports, one line
	what=$(python3 "$here/scripts/verdict.py" brief "$res/verdict.json" 2>/dev/null ||
		echo "1 - | no verdict: the run did not finish")
	if [ "${what%% *}" != 0 ]; then
		echo "$label: $name caught by $test: failed ${what#* }"
		caught=$((caught + 1))
	else
		echo "$label: $name NOT CAUGHT by $test"
		missed=$((missed + 1))
	fi
done
echo "$caught passed, $missed failed"
[ "$missed" -eq 0 ]
