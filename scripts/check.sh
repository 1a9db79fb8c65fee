#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [STEP...]: the project's whole test run (make check). Steps (default: all, in this
# order):
#   lint      checkpatch --strict, sparse and kernel-doc on the project's C sources
#   selftest  the negative controls: every detector must fire (debug and kcsan kernels); the
#             unit test of the verdict's allow-list of kernel races (scripts/verdict_test.py)
#   debug     every module in scripts/plan/debug.list under the debug kernel
#   misuse    scripts/plan/misuse.sh under the debug kernel: tests whose WARNs are expected
#   kcsan     every module in scripts/plan/kcsan.list under the kcsan kernel
#   stress    the job queue's stress plan (scripts/plan/stress-run.sh) for 20 s under the kcsan
#             kernel: with it the R6 checks of module lifetime (rmmod refused while fences
#             live, names read after the queues are gone, reload cycles)
#   arm64     the arm64/16K kernel: its self-test, then every module in scripts/plan/arm64.list
#             (not in the default steps: make check-arm64, run by CI after make check)
# Every step runs even if an earlier one failed. The last line printed is the sum over all
# steps: "N passed, N failed" (test cases, negative controls and lint checks; a kernel report
# counts as a failure).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(lint selftest debug misuse kcsan stress)
"$AGX_TOP/scripts/setup.sh" || die "setup failed"

list() { grep -vE '^\s*(#|$)' "$AGX_TOP/scripts/plan/$1.list" 2>/dev/null || true; }

verdicts=()
t0=$(date +%s)
for s in "${steps[@]}"; do
	log "=== step $s"
	case $s in
	lint)
		"$AGX_TOP/scripts/lint.sh"
		verdicts+=("$AGX_TOP/results/lint/verdict.json") ;;
	selftest)
		# the verdict's own allow-list of kernel races, on stored real reports
		mkdir -p "$AGX_TOP/results"
		python3 "$AGX_TOP/scripts/verdict_test.py" > "$AGX_TOP/results/verdict-test.log" 2>&1 ||
			log "verdict_test.py failed: results/verdict-test.log"
		verdicts+=("$AGX_TOP/results/verdict-test/verdict.json")
		VERDICT_ARGS=--quiet-reports "$AGX_TOP/scripts/run.sh" -x \
			-p "$AGX_TOP/scripts/plan/selftest-debug.sh" \
			debug selftest
		verdicts+=("$AGX_TOP/results/debug/selftest/verdict.json")
		VERDICT_ARGS=--quiet-reports "$AGX_TOP/scripts/run.sh" -x \
			-p "$AGX_TOP/scripts/plan/selftest-kcsan.sh" \
			kcsan selftest
		verdicts+=("$AGX_TOP/results/kcsan/selftest/verdict.json") ;;
	misuse)
		"$AGX_TOP/scripts/run.sh" -p "$AGX_TOP/scripts/plan/misuse.sh" debug misuse
		verdicts+=("$AGX_TOP/results/debug/misuse/verdict.json") ;;
	stress)
		STRESS_SECONDS=${STRESS_SECONDS:-20} STRESS_NAME=check-stress \
			"$AGX_TOP/scripts/plan/stress-run.sh" kcsan
		verdicts+=("$AGX_TOP/results/kcsan/check-stress/verdict.json") ;;
	arm64)
		"$AGX_TOP/scripts/setup.sh" arm64 || die "arm64 setup failed"
		VERDICT_ARGS=--quiet-reports "$AGX_TOP/scripts/run.sh" -x \
			-p "$AGX_TOP/scripts/plan/selftest-debug.sh" arm64 selftest
		verdicts+=("$AGX_TOP/results/arm64/selftest/verdict.json")
		# shellcheck disable=SC2046
		"$AGX_TOP/scripts/run.sh" arm64 check $(list arm64)
		verdicts+=("$AGX_TOP/results/arm64/check/verdict.json") ;;
	debug|kcsan)
		mods=$(list "$s")
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

AGX_ELAPSED=$(( $(date +%s) - t0 )) AGX_TOP="$AGX_TOP" CHECK_NAME=${CHECK_NAME:-check} python3 - "${verdicts[@]}" <<'PY'
import json, os, sys
p = f = 0
print("\n==== summary ====")
for path in sys.argv[1:]:
    try:
        v = json.load(open(path))
    except (OSError, ValueError):
        print(f"{path}: missing (the step did not finish)")
        f += 1
        continue
    print(f"{v['name']:<22} {v['passed']:>5} passed {v['failed']:>4} failed")
    for msg in v["failures"][:20]:
        print(f"    {msg}")
    p += v["passed"]
    f += v["failed"]
os.makedirs(os.environ["AGX_TOP"] + "/results", exist_ok=True)
with open(os.environ["AGX_TOP"] + "/results/" + os.environ["CHECK_NAME"] + ".json", "w") as out:
    json.dump({"passed": p, "failed": f, "seconds": int(os.environ["AGX_ELAPSED"])}, out)
print(f"check took {os.environ['AGX_ELAPSED']} s")
print(f"{p} passed, {f} failed")
sys.exit(1 if f else 0)
PY

