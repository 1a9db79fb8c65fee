#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [STEP...]: the project's whole test run (make check). Steps (default: all, in this
# order):
#   lint      checkpatch --strict, sparse and kernel-doc on the project's C sources
#   selftest  the negative controls: every detector must fire (debug and kcsan kernels); the
#             unit test of the verdict (scripts/verdict_test.py: the allow-list of kernel
#             races, the subcommands)
#   debug     every module scripts/modules.manifest tags debug, under the debug kernel
#   misuse    scripts/plan/misuse.plan under the debug kernel: tests whose WARNs are expected
#   uapi      scripts/plan/uapi.plan under the debug kernel: the userspace programs
#             (tests/uapi, tools/agx-client) on agx.ko's render node, the fuzzer, kmemleak
#   kcsan     every module scripts/modules.manifest tags kcsan, under the kcsan kernel
#   stress    the job queue's stress plan (scripts/stress-run.sh) for 20 s under the kcsan
#             kernel: with it the R6 checks of module lifetime (rmmod refused while fences
#             live, names read after the queues are gone, reload cycles)
#   arm64     the arm64/16K kernel: its self-test, every module the manifest tags arm64, then
#             scripts/plan/uapi.plan (the userspace programs, cross-built, on 16 KiB pages)
#             (not in the default steps: make check-arm64, run by CI after make check)
# Every step runs even if an earlier one failed. The last line printed is the sum over all
# steps: "N passed, N failed" (test cases, negative controls and lint checks; a kernel report
# counts as a failure).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(lint selftest debug misuse uapi kcsan stress)
"$AGX_TOP/scripts/setup.sh" || die "setup failed"

verdicts=()
t0=$(date +%s)
for s in "${steps[@]}"; do
	log "=== step $s"
	case $s in
	lint)
		"$AGX_TOP/scripts/lint.sh"
		verdicts+=("$AGX_TOP/results/lint/verdict.json") ;;
	selftest)
		# the verdict's own unit test: the allow-list of kernel races on stored real reports,
		# the subcommands that sum verdicts
		mkdir -p "$AGX_TOP/results"
		python3 "$AGX_TOP/scripts/verdict_test.py" > "$AGX_TOP/results/verdict-test.log" 2>&1 ||
			log "verdict_test.py failed: results/verdict-test.log"
		verdicts+=("$AGX_TOP/results/verdict-test/verdict.json")
		VERDICT_ARGS=--quiet-reports "$AGX_TOP/scripts/run.sh" -x \
			-p "$AGX_TOP/scripts/plan/selftest-debug.plan" \
			debug selftest
		verdicts+=("$AGX_TOP/results/debug/selftest/verdict.json")
		VERDICT_ARGS=--quiet-reports "$AGX_TOP/scripts/run.sh" -x \
			-p "$AGX_TOP/scripts/plan/selftest-kcsan.plan" \
			kcsan selftest
		verdicts+=("$AGX_TOP/results/kcsan/selftest/verdict.json") ;;
	misuse)
		"$AGX_TOP/scripts/run.sh" -p "$AGX_TOP/scripts/plan/misuse.plan" debug misuse
		verdicts+=("$AGX_TOP/results/debug/misuse/verdict.json") ;;
	uapi)
		"$AGX_TOP/scripts/run.sh" -p "$AGX_TOP/scripts/plan/uapi.plan" debug uapi
		verdicts+=("$AGX_TOP/results/debug/uapi/verdict.json") ;;
	stress)
		STRESS_SECONDS=${STRESS_SECONDS:-20} STRESS_NAME=check-stress \
			"$AGX_TOP/scripts/stress-run.sh" kcsan
		verdicts+=("$AGX_TOP/results/kcsan/check-stress/verdict.json") ;;
	arm64)
		"$AGX_TOP/scripts/setup.sh" arm64 || die "arm64 setup failed"
		VERDICT_ARGS=--quiet-reports "$AGX_TOP/scripts/run.sh" -x \
			-p "$AGX_TOP/scripts/plan/selftest-debug.plan" arm64 selftest
		verdicts+=("$AGX_TOP/results/arm64/selftest/verdict.json")
		mods=$(manifest_modules arm64) || die "scripts/modules.manifest is broken"
		# shellcheck disable=SC2086
		"$AGX_TOP/scripts/run.sh" arm64 check $mods
		verdicts+=("$AGX_TOP/results/arm64/check/verdict.json")
		"$AGX_TOP/scripts/run.sh" -p "$AGX_TOP/scripts/plan/uapi.plan" arm64 uapi
		verdicts+=("$AGX_TOP/results/arm64/uapi/verdict.json") ;;
	debug|kcsan)
		mods=$(manifest_modules "$s") || die "scripts/modules.manifest is broken"
		if [ -z "$mods" ]; then
			log "no modules listed for $s"
			continue
		fi
		# shellcheck disable=SC2086
		"$AGX_TOP/scripts/run.sh" "$s" check $mods
		verdicts+=("$AGX_TOP/results/$s/check/verdict.json") ;;
	*) die "unknown step $s" ;;
	esac
done

# the summary: every step's verdict, its failures, the total as the last line; also written
# to results/CHECK_NAME.json for .ci/run
python3 "$AGX_TOP/scripts/verdict.py" sum --seconds $(( $(date +%s) - t0 )) \
	--out "$AGX_TOP/results/${CHECK_NAME:-check}.json" "${verdicts[@]}"
