/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jq_bench.ko: benchmarks of jobqueue.ko against drm_sched. Shared declarations of the null
 * hardware backend, the scheduler adapters and the workloads; see jq_bench_main.c.
 */
#ifndef _JQ_BENCH_H_
#define _JQ_BENCH_H_

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/dma-fence.h>
#include <linux/hrtimer.h>
#include <linux/llist.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <drm/gpu_scheduler.h>
#include <jq/jobqueue.h>

/**
 * enum jq_bench_kind - the scheduler a bench queue drives
 * @JQ_BENCH_DRM: drm_sched, one scheduler (own ordered workqueue) and one entity per queue.
 * @JQ_BENCH_JQ: jobqueue.ko, default workqueue, no fast path.
 * @JQ_BENCH_JQ_FAST: jobqueue.ko with JQ_QUEUE_FAST_PATH.
 * @JQ_BENCH_FLOOR: no scheduler: queue_work() and a dma_fence per job.
 * @JQ_BENCH_NR_KINDS: number of kinds.
 */
enum jq_bench_kind {
	JQ_BENCH_DRM,
	JQ_BENCH_JQ,
	JQ_BENCH_JQ_FAST,
	JQ_BENCH_FLOOR,
	JQ_BENCH_NR_KINDS,
};

/**
 * enum jq_bench_hw_mode - when the null backend signals a hardware fence
 * @JQ_BENCH_HW_NOW: before run_job returns.
 * @JQ_BENCH_HW_TIMER: from an hrtimer (hardirq), after the queue's @hw_delay_ns.
 * @JQ_BENCH_HW_HELD: when the benchmark calls jq_bench_hw_release().
 */
enum jq_bench_hw_mode {
	JQ_BENCH_HW_NOW,
	JQ_BENCH_HW_TIMER,
	JQ_BENCH_HW_HELD,
};

/**
 * struct jq_bench_run - counters of one measured run, shared by its jobs
 * @left: jobs not yet freed; the last free_job completes @freed
 * @freed: completed when @left reaches 0
 * @sig_left: watched finished fences not yet signalled
 * @signalled: completed when @sig_left reaches 0
 * @t_run_ns: ktime_get_ns() at the latest run_job
 * @t_hw_ns: ktime_get_ns() just before the latest timer-signalled hardware fence signalled
 * @t_signalled_ns: ktime_get_ns() when the last watched finished fence signalled
 */
struct jq_bench_run {
	atomic_t left;
	struct completion freed;
	atomic_t sig_left;
	struct completion signalled;
	u64 t_run_ns;
	u64 t_hw_ns;
	u64 t_signalled_ns;
};

struct jq_bench_ds;

/**
 * struct jq_bench_queue - one queue of any kind, with its null hardware ring
 * @kind: enum jq_bench_kind
 * @jq: the job queue (JQ_BENCH_JQ*)
 * @ds: the drm_sched scheduler and entity (JQ_BENCH_DRM)
 * @killed: the queue was killed, do not tear it down again
 * @hw_lock: lock of the hardware fences
 * @hw_context: fence context of the hardware fences
 * @hw_seqno: last hardware seqno
 * @hw_mode: enum jq_bench_hw_mode of the jobs submitted from now on
 * @hw_delay_ns: delay of JQ_BENCH_HW_TIMER
 * @held: the fence of JQ_BENCH_HW_HELD, referenced, until jq_bench_hw_release()
 * @held_ready: completed when @held is set
 * @floor_jobs: submitted jobs of the floor, newest first
 * @floor_work: the floor's worker
 */
struct jq_bench_queue {
	enum jq_bench_kind kind;
	union {
		struct jq_queue *jq;
		struct jq_bench_ds *ds;
	};
	bool killed;
	spinlock_t hw_lock;	/* the hardware fences' fence lock */
	u64 hw_context;
	atomic64_t hw_seqno;
	enum jq_bench_hw_mode hw_mode;
	u64 hw_delay_ns;
	struct dma_fence *held;
	struct completion held_ready;
	struct llist_head floor_jobs;
	struct work_struct floor_work;
};

/* Backend and adapters (jq_bench_backend.c) */
int jq_bench_backend_init(void);
void jq_bench_backend_fini(void);
int jq_bench_queue_init(struct jq_bench_queue *q, enum jq_bench_kind kind, u32 credit_limit);
void jq_bench_queue_fini(struct jq_bench_queue *q);
void jq_bench_queue_kill(struct jq_bench_queue *q);
int jq_bench_submit(struct jq_bench_queue *q, struct jq_bench_run *run,
		    struct dma_fence *dep, struct dma_fence **finished, bool watch);
void jq_bench_hw_release(struct jq_bench_queue *q);
void jq_bench_run_init(struct jq_bench_run *run, unsigned int jobs);
int jq_bench_run_wait(struct jq_bench_run *run);
int jq_bench_run_wait_signalled(struct jq_bench_run *run);
const char *jq_bench_kind_name(enum jq_bench_kind kind);

/* Probes and output (jq_bench_main.c) */
u64 jq_bench_mem_bytes(void);
unsigned int jq_bench_kthreads(void);
void jq_bench_emit(const char *row, const char *unit, enum jq_bench_kind kind,
		   unsigned int rep, u64 value);
void jq_bench_emit_pct(const char *row, enum jq_bench_kind kind, unsigned int rep,
		       u64 *samples, unsigned int n);

/* Workloads (jq_bench_workloads.c) */
int jq_bench_throughput(unsigned int reps, unsigned int jobs);
int jq_bench_submit_latency(unsigned int reps, unsigned int samples);
int jq_bench_dep_latency(unsigned int reps, unsigned int samples, u64 delay_ns);
int jq_bench_scale(unsigned int reps, unsigned int jobs, unsigned int max_queues);
int jq_bench_kill(unsigned int reps, unsigned int jobs);
int jq_bench_overhead(unsigned int reps, unsigned int jobs, u64 job_ns);

#endif /* _JQ_BENCH_H_ */
