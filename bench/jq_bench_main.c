// SPDX-License-Identifier: GPL-2.0
/*
 * jq_bench.ko: benchmarks of jobqueue.ko against the kernel's drm_sched. Runs every workload
 * at load and prints one line per measurement; scripts/bench.sh turns them into the table.
 */

/**
 * DOC: Benchmarks
 *
 * The module runs the workloads below when it is loaded (on the ``perf`` kernel: no debug
 * option) and prints each measurement as one line::
 *
 *   AGX-BENCH {"row":"throughput","unit":"jobs/s","sched":"jq","rep":0,"value":123}
 *
 * ``sched`` is ``drm_sched``, ``jq`` (jobqueue.ko, default workqueue, no fast path),
 * ``jq_fast`` (with JQ_QUEUE_FAST_PATH) or ``floor``. Repetitions of the schedulers are
 * interleaved within one boot so that they see the same machine. Times are ktime_get_ns();
 * latencies are collected per sample, sorted, and reported as p50 and p99 per repetition.
 * scripts/bench.sh takes the median over repetitions and the spread (max - min).
 *
 * Every job is the same &struct jq_bench_job on the same null hardware (jq_bench_backend.c).
 *
 * 1. Throughput (``throughput``, ``throughput_fast``): @jobs jobs without dependencies are
 *    pushed back to back on one queue (credit limit 1024, hardware fences signalled in
 *    run_job); jobs/s from the first submit until the last free_job. ``submit_cost``: the
 *    submitting thread's own time per job, ``submit_csw``: its context switches per 1000
 *    jobs (to attribute the cost).
 * 2. Submit latency (``submit_latency_p50/p99``, ``submit_latency_fast_*``): on an idle queue,
 *    from just before the push to the start of run_job, one job at a time (the next one is
 *    pushed once the previous one is freed), @lat_samples samples.
 * 3. Dependency latency (``dep_latency_*``: across queues, ``dep_latency_same_*``: same
 *    queue): job A's hardware fence signals from an hrtimer @dep_delay_us after its run_job;
 *    job B waits on A's finished fence, on another queue, or on the same queue (credit limit
 *    1, so B also waits for A's credits). From the timer's signal to B's run_job. Samples
 *    whose B was not yet pushed when the timer fired are dropped and counted
 *    (``dep_latency_late``). ``dep_signal*``: the part of it until A's finished fence
 *    signalled (a callback on it), to attribute the latency.
 * 4. Scale (``scale_throughput_N``, ``idle_queue_bytes_N``, ``kthreads_N``): N = 1, 16, 256,
 *    4096 queues (up to @scale_max) are created; the slab and kernel-stack memory
 *    (NR_SLAB_*_B, NR_KERNEL_STACK_KB, read exactly, per-CPU deltas included) and the number
 *    of kernel threads are read before and after: their differences divided by N and the
 *    threads added. Then @scale_jobs jobs are pushed round robin over the queues, all in
 *    flight at once; jobs/s until the last free_job. ``busy_kthreads_N``: the threads added
 *    meanwhile (kworkers the workqueue pools started for the load).
 * 5. Kill (``kill_10k_return``, ``kill_10k_all_signalled``): a queue (credit limit 1) has one
 *    job in flight on a held hardware fence and @kill_jobs jobs queued behind it. Time of the
 *    teardown call (drm_sched_entity_fini() / jq_queue_kill() + jq_queue_put()), then the
 *    held fence is signalled and the time from the call until every queued job's finished
 *    fence has signalled.
 * 6. Overhead (``overhead_queue``, ``overhead_ping_pong``): drm_sched's own overhead tests
 *    (drm_sched_scheduler_overhead_tests): a held job blocks a queue (credit limit 1) while
 *    @overhead_jobs jobs of @overhead_us each are pushed behind it, on the one queue or
 *    alternating between two queues with each job depending on the one before (ping-pong);
 *    from the held job's release until the last finished fence, less the jobs' own time, per
 *    job: what picking, running and completing one job at a time costs.
 * 7. Floor (``floor`` column of 1 and 2): the same jobs with only llist_add() +
 *    queue_work() at submit and, in the work item, the null hardware and
 *    dma_fence_init()/dma_fence_signal()/dma_fence_put(): the least a workqueue-based
 *    scheduler can cost.
 */

#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/nodemask.h>
#include <linux/sched/signal.h>
#include <linux/sort.h>
#include <linux/vmstat.h>

#include "jq_bench.h"

static unsigned int reps = 5;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "repetitions of each workload (default 5)");

static unsigned int jobs = 20000;
module_param(jobs, uint, 0444);
MODULE_PARM_DESC(jobs, "jobs per throughput repetition (default 20000)");

static unsigned int lat_samples = 1000;
module_param(lat_samples, uint, 0444);
MODULE_PARM_DESC(lat_samples, "samples per submit-latency repetition (default 1000)");

static unsigned int dep_samples = 300;
module_param(dep_samples, uint, 0444);
MODULE_PARM_DESC(dep_samples, "samples per dependency-latency repetition (default 300)");

static unsigned int dep_delay_us = 200;
module_param(dep_delay_us, uint, 0444);
MODULE_PARM_DESC(dep_delay_us, "hrtimer delay of the awaited hardware fence (default 200)");

static unsigned int scale_reps = 3;
module_param(scale_reps, uint, 0444);
MODULE_PARM_DESC(scale_reps, "repetitions of the scale workload (default 3)");

static unsigned int scale_jobs = 16384;
module_param(scale_jobs, uint, 0444);
MODULE_PARM_DESC(scale_jobs, "jobs per scale repetition, over all queues (default 16384)");

static unsigned int scale_max = 4096;
module_param(scale_max, uint, 0444);
MODULE_PARM_DESC(scale_max, "largest number of queues of the scale workload (default 4096)");

static unsigned int kill_jobs = 10000;
module_param(kill_jobs, uint, 0444);
MODULE_PARM_DESC(kill_jobs, "queued jobs of the kill workload (default 10000)");

static unsigned int overhead_reps = 3;
module_param(overhead_reps, uint, 0444);
MODULE_PARM_DESC(overhead_reps, "repetitions of the overhead workload (default 3)");

static unsigned int overhead_jobs = 1000;
module_param(overhead_jobs, uint, 0444);
MODULE_PARM_DESC(overhead_jobs, "jobs per overhead repetition (default 1000, as drm_sched's test)");

static unsigned int overhead_us = 1000;
module_param(overhead_us, uint, 0444);
MODULE_PARM_DESC(overhead_us, "duration of each overhead job (us, default 1000, as drm_sched's test)");

/* the numbers of the workloads in the DOC above, as bits */
static unsigned int workloads = 0x3f;
module_param(workloads, uint, 0444);
MODULE_PARM_DESC(workloads,
		 "workloads to run, bit N-1 for workload N of the DOC: 1 throughput, 2 submit latency, 4 dependency latency, 8 scale, 16 kill, 32 overhead (default 0x3f: all; the report needs all)");

/**
 * jq_bench_emit() - print one measurement for scripts/bench.sh
 * @row: the row name
 * @unit: the unit of @value
 * @kind: enum jq_bench_kind
 * @rep: repetition
 * @value: the measurement
 */
void jq_bench_emit(const char *row, const char *unit, enum jq_bench_kind kind,
		   unsigned int rep, u64 value)
{
	pr_info("AGX-BENCH {\"row\":\"%s\",\"unit\":\"%s\",\"sched\":\"%s\",\"rep\":%u,\"value\":%llu}\n",
		row, unit, jq_bench_kind_name(kind), rep, value);
}

static int jq_bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/**
 * jq_bench_emit_pct() - sort latency samples and print their p50 and p99
 * @row: the row name prefix; ``_p50`` and ``_p99`` are appended
 * @kind: enum jq_bench_kind
 * @rep: repetition
 * @samples: the samples, in ns; sorted in place
 * @n: number of samples, at least 1
 */
void jq_bench_emit_pct(const char *row, enum jq_bench_kind kind, unsigned int rep,
		       u64 *samples, unsigned int n)
{
	char name[48];

	sort(samples, n, sizeof(*samples), jq_bench_cmp_u64, NULL);
	snprintf(name, sizeof(name), "%s_p50", row);
	jq_bench_emit(name, "ns", kind, rep, samples[n / 2]);
	snprintf(name, sizeof(name), "%s_p99", row);
	jq_bench_emit(name, "ns", kind, rep, samples[(u64)n * 99 / 100]);
}

/*
 * A node counter read exactly: the global value lags behind by the per-CPU deltas (up to
 * the vmstat threshold per CPU), which is as much as the memory of the queues measured.
 */
static long jq_bench_node_stat(enum node_stat_item item)
{
	long sum = 0;
	int nid, cpu;

	for_each_online_node(nid) {
		struct pglist_data *pgdat = NODE_DATA(nid);

		sum += atomic_long_read(&pgdat->vm_stat[item]);
		for_each_online_cpu(cpu)
			sum += per_cpu_ptr(pgdat->per_cpu_nodestats, cpu)->vm_node_stat_diff[item];
	}
	return sum;
}

/**
 * jq_bench_mem_bytes() - slab and kernel-stack memory in use
 *
 * Slab counters are kept in pages, kernel stacks in KiB. Kernel stacks count because each
 * drm_sched scheduler's workqueue brings a rescuer thread.
 *
 * Return: bytes.
 */
u64 jq_bench_mem_bytes(void)
{
	long pages = jq_bench_node_stat(NR_SLAB_UNRECLAIMABLE_B) +
		     jq_bench_node_stat(NR_SLAB_RECLAIMABLE_B);

	return (u64)pages * PAGE_SIZE + (u64)jq_bench_node_stat(NR_KERNEL_STACK_KB) * 1024;
}

/**
 * jq_bench_kthreads() - count the kernel threads
 *
 * Return: the number of tasks with PF_KTHREAD.
 */
unsigned int jq_bench_kthreads(void)
{
	struct task_struct *g, *t;
	unsigned int n = 0;

	rcu_read_lock();
	for_each_process_thread(g, t)
		n += !!(t->flags & PF_KTHREAD);
	rcu_read_unlock();
	return n;
}

static int jq_bench_run_all(void)
{
	int ret;

	pr_info("AGX-BENCH-START reps=%u jobs=%u cpus=%u\n", reps, jobs, num_online_cpus());
	ret = 0;
	if (workloads & BIT(0))
		ret = jq_bench_throughput(reps, jobs);
	if (!ret && (workloads & BIT(1)))
		ret = jq_bench_submit_latency(reps, lat_samples);
	if (!ret && (workloads & BIT(2)))
		ret = jq_bench_dep_latency(reps, dep_samples, (u64)dep_delay_us * NSEC_PER_USEC);
	if (!ret && (workloads & BIT(4)))
		ret = jq_bench_kill(reps, kill_jobs);
	if (!ret && (workloads & BIT(5)))
		ret = jq_bench_overhead(overhead_reps, overhead_jobs,
					(u64)overhead_us * NSEC_PER_USEC);
	if (!ret && (workloads & BIT(3)))
		ret = jq_bench_scale(scale_reps, scale_jobs, scale_max);
	pr_info("AGX-BENCH-END %d\n", ret);
	return ret;
}

static int __init jq_bench_init(void)
{
	int ret;

	if (!reps || !jobs || !lat_samples || !dep_samples || !scale_reps || !scale_jobs ||
	    !scale_max || !kill_jobs || !overhead_reps || !overhead_jobs || !overhead_us)
		return -EINVAL;
	ret = jq_bench_backend_init();
	if (ret)
		return ret;
	ret = jq_bench_run_all();
	if (ret)
		jq_bench_backend_fini();
	return ret;
}

static void __exit jq_bench_exit(void)
{
	jq_bench_backend_fini();
}

module_init(jq_bench_init);
module_exit(jq_bench_exit);

MODULE_DESCRIPTION("Benchmarks of jobqueue.ko against drm_sched");
MODULE_LICENSE("GPL");
