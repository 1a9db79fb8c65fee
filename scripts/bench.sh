#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: `make bench`. Boots the perf kernel (no debug option) with drm_sched (gpu-sched.ko
# from the kernel's unmodified source), jobqueue.ko and jq_bench.ko, which runs every workload
# while it loads (scripts/plan/bench.plan); then prints the table, writes results/bench.json and
# plots the scale workload to results/bench-scale.png (tools/bench/).
#
# Environment: BENCH_PARAMS (jq_bench.ko parameters, e.g. "reps=3 jobs=10000"), MEM (default
# 4G), SMP (default 2: the host's cores; more vCPUs than cores only adds noise under TCG),
# TIMEOUT (s, default 1200).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

res=$AGX_TOP/results
plan=$(mktemp)
trap 'rm -f "$plan"' EXIT
sed "s|^load bench/jq_bench.ko.*|& ${BENCH_PARAMS:-}|" "$AGX_TOP/scripts/plan/bench.plan" > "$plan"

start=$(date +%s)
rc=0
MEM=${MEM:-4G} SMP=${SMP:-2} TIMEOUT=${TIMEOUT:-1200} \
	"$AGX_TOP/scripts/run.sh" -p "$plan" perf bench >&2 || rc=$?
mkdir -p "$res"
python3 "$AGX_TOP/tools/bench/report.py" "$res/perf/bench/console.log" "$res/bench.json" \
	"$res/bench-scale.dat" || rc=1
gnuplot -e "datafile='$res/bench-scale.dat'; outfile='$res/bench-scale.png'" \
	"$AGX_TOP/tools/bench/scale.gp" || rc=1
log "bench: $(( $(date +%s) - start )) s; results/bench.json, results/bench-scale.png," \
	"log in results/perf/bench/console.log"
exit $rc
