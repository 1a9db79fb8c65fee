# SPDX-License-Identifier: GPL-2.0
# Benchmark plan for the perf kernel (scripts/bench.sh, `make bench`): drm_sched from the
# kernel's unmodified source, the job queue, then the benchmark, which runs every workload
# while it loads and prints AGX-BENCH lines. scripts/bench.sh appends $BENCH_PARAMS to the
# jq_bench.ko line. Then the AGX path end to end: agx.ko, the simulated firmware (commands
# take no time, eight work queues per pipe type at once) and agx_bench.ko.
load extmod/gpu-sched.ko
load sched/jobqueue.ko
load bench/jq_bench.ko
load driver/agx.ko
load driver/sim/agx_sim.ko latency_us=0 engines=8
load bench/agx_bench.ko
unload_all
