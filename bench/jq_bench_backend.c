// SPDX-License-Identifier: GPL-2.0
/*
 * jq_bench.ko: the null hardware backend and the three adapters (drm_sched, jobqueue.ko, the
 * floor) behind one submit call.
 */

/**
 * DOC: Null hardware and adapters
 *
 * Every job of every kind is a &struct jq_bench_job: the same size (a union of the
 * scheduler-specific parts), from the same slab cache, with its hardware fence preallocated
 * at submit (run_job must not allocate) and handed out by the one helper jq_bench_hw_run()
 * for all kinds. The hardware fence signals before run_job returns (JQ_BENCH_HW_NOW), from
 * an hrtimer in hardirq context (JQ_BENCH_HW_TIMER), or when the benchmark releases it
 * (JQ_BENCH_HW_HELD). Both schedulers thus see exactly the same hardware.
 *
 * drm_sched is set up the way firmware-scheduled drivers (Asahi among them) use it: one
 * &struct drm_gpu_scheduler per queue with its own ordered submit workqueue (submit_wq NULL),
 * one run queue, one entity. jobqueue.ko queues use the module's default workqueue. The
 * floor has no scheduling at all: a lockless list of submitted jobs and one work item per
 * queue, on an unbound WQ_MEM_RECLAIM workqueue (the flags of jobqueue.ko's default one),
 * that runs each job and signals its fence.
 *
 * The fences' ops are the shared test backend's bare ones (jq_test_bare_fence_ops of
 * tests/jq_test_hw.c: names only, no release op), so a job costs what it did with ops of
 * its own: one dma_fence_init() with a constant ops pointer, freed by dma_fence_free().
 * Nothing else of the backend is on a job's path: the jobs, the adapters and the timer are
 * this module's.
 */

#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "jq_bench.h"
#include "jq_test_hw.h"

/* the fence ops of the shared test backend (tests/jq_test_hw.c) */
MODULE_IMPORT_NS(JQ_TEST_HW);

/* How long a benchmark waits for its jobs before it declares the run broken. */
#define JQ_BENCH_WAIT_JIFFIES	(120 * HZ)

struct jq_bench_ds {
	struct drm_gpu_scheduler sched;
	struct drm_sched_entity entity;
};

struct jq_bench_hw_fence {
	struct dma_fence base;		/* first: dma_fence_free() frees the whole struct */
	struct hrtimer timer;
	struct jq_bench_run *run;
	enum jq_bench_hw_mode mode;	/* the queue's mode when the job was submitted */
};

struct jq_bench_job {
	union {
		struct jq_job jq;
		struct drm_sched_job ds;
		struct llist_node floor_node;	/* the floor */
	};
	struct jq_bench_queue *q;
	struct jq_bench_run *run;
	struct jq_bench_hw_fence *hw;	/* preallocated; run_job consumes it */
	struct dma_fence *floor_fence;
	struct dma_fence_cb watch_cb;
};

static struct device *jq_bench_dev;
static struct kmem_cache *jq_bench_job_cache;
static struct workqueue_struct *jq_bench_floor_wq;

static const char * const jq_bench_kind_names[JQ_BENCH_NR_KINDS] = {
	[JQ_BENCH_DRM] = "drm_sched",
	[JQ_BENCH_JQ] = "jq",
	[JQ_BENCH_JQ_FAST] = "jq_fast",
	[JQ_BENCH_FLOOR] = "floor",
};

/**
 * jq_bench_kind_name() - the name of a kind in the output
 * @kind: enum jq_bench_kind
 *
 * Return: a static string.
 */
const char *jq_bench_kind_name(enum jq_bench_kind kind)
{
	return jq_bench_kind_names[kind];
}

/* Runs */

/**
 * jq_bench_run_init() - reset the counters of a run
 * @run: the run
 * @jobs: how many jobs will be freed, and how many finished fences are watched
 */
void jq_bench_run_init(struct jq_bench_run *run, unsigned int jobs)
{
	atomic_set(&run->left, jobs);
	init_completion(&run->freed);
	atomic_set(&run->sig_left, jobs);
	init_completion(&run->signalled);
	run->t_run_ns = 0;
	run->t_hw_ns = 0;
	run->t_signalled_ns = 0;
}

/**
 * jq_bench_run_wait() - wait until every job of a run is freed
 * @run: the run
 *
 * Return: 0, or -ETIMEDOUT (a scheduler lost a job).
 */
int jq_bench_run_wait(struct jq_bench_run *run)
{
	return wait_for_completion_timeout(&run->freed, JQ_BENCH_WAIT_JIFFIES) ? 0 : -ETIMEDOUT;
}

/**
 * jq_bench_run_wait_signalled() - wait until every watched finished fence has signalled
 * @run: the run
 *
 * Return: 0, or -ETIMEDOUT.
 */
int jq_bench_run_wait_signalled(struct jq_bench_run *run)
{
	return wait_for_completion_timeout(&run->signalled, JQ_BENCH_WAIT_JIFFIES) ?
	       0 : -ETIMEDOUT;
}

/* The null hardware */

static enum hrtimer_restart jq_bench_hw_timer(struct hrtimer *timer)
{
	struct jq_bench_hw_fence *hw = container_of(timer, struct jq_bench_hw_fence, timer);

	/* the dependency latency is measured from here, the hardware "interrupt" */
	WRITE_ONCE(hw->run->t_hw_ns, ktime_get_ns());
	dma_fence_signal(&hw->base);
	dma_fence_put(&hw->base);	/* the timer's reference */
	return HRTIMER_NORESTART;
}

static struct jq_bench_hw_fence *jq_bench_hw_alloc(void)
{
	struct jq_bench_hw_fence *hw = kzalloc(sizeof(*hw), GFP_KERNEL);

	if (hw) {
		hrtimer_init(&hw->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		hw->timer.function = jq_bench_hw_timer;
	}
	return hw;
}

/*
 * The one run_job of every kind: start the job on the null hardware and return its
 * hardware fence (a new reference). Records the run time for the latency workloads.
 */
static struct dma_fence *jq_bench_hw_run(struct jq_bench_job *job)
{
	struct jq_bench_hw_fence *hw = job->hw;
	struct jq_bench_queue *q = job->q;

	WRITE_ONCE(job->run->t_run_ns, ktime_get_ns());
	job->hw = NULL;
	hw->run = job->run;
	dma_fence_init(&hw->base, &jq_test_bare_fence_ops, &q->hw_lock, q->hw_context,
		       atomic64_inc_return(&q->hw_seqno));
	switch (hw->mode) {
	case JQ_BENCH_HW_TIMER:
		dma_fence_get(&hw->base);
		hrtimer_start(&hw->timer, ns_to_ktime(q->hw_delay_ns), HRTIMER_MODE_REL);
		break;
	case JQ_BENCH_HW_HELD:
		q->held = dma_fence_get(&hw->base);
		complete(&q->held_ready);
		break;
	default:
		dma_fence_signal(&hw->base);
		break;
	}
	return &hw->base;
}

/**
 * jq_bench_hw_release() - signal the held hardware fence of a queue, if any
 * @q: the queue
 */
void jq_bench_hw_release(struct jq_bench_queue *q)
{
	struct dma_fence *fence = q->held;

	if (!fence)
		return;
	q->held = NULL;
	dma_fence_signal(fence);
	dma_fence_put(fence);
}

/* Jobs */

/* A job that never reached its scheduler: free it without counting it. */
static void jq_bench_job_discard(struct jq_bench_job *job)
{
	kfree(job->hw);
	kmem_cache_free(jq_bench_job_cache, job);
}

static void jq_bench_job_free(struct jq_bench_job *job)
{
	struct jq_bench_run *run = job->run;

	jq_bench_job_discard(job);	/* job->hw is left only if the job never ran */
	if (atomic_dec_and_test(&run->left))
		complete(&run->freed);
}

static void jq_bench_signalled(struct jq_bench_run *run)
{
	if (atomic_dec_and_test(&run->sig_left)) {
		WRITE_ONCE(run->t_signalled_ns, ktime_get_ns());
		complete(&run->signalled);
	}
}

static void jq_bench_watch_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	jq_bench_signalled(container_of(cb, struct jq_bench_job, watch_cb)->run);
}

/* After arm: hand out the finished fence and/or count its signal. */
static void jq_bench_publish(struct jq_bench_job *job, struct dma_fence *fence,
			     struct dma_fence **finished, bool watch)
{
	if (finished)
		*finished = dma_fence_get(fence);
	if (watch && dma_fence_add_callback(fence, &job->watch_cb, jq_bench_watch_cb))
		jq_bench_signalled(job->run);
}

/* drm_sched */

static struct dma_fence *jq_bench_ds_run_job(struct drm_sched_job *sched_job)
{
	return jq_bench_hw_run(container_of(sched_job, struct jq_bench_job, ds));
}

static enum drm_gpu_sched_stat jq_bench_ds_timedout_job(struct drm_sched_job *sched_job)
{
	return DRM_GPU_SCHED_STAT_NOMINAL;	/* never called: no timeout */
}

static void jq_bench_ds_free_job(struct drm_sched_job *sched_job)
{
	drm_sched_job_cleanup(sched_job);
	jq_bench_job_free(container_of(sched_job, struct jq_bench_job, ds));
}

static const struct drm_sched_backend_ops jq_bench_ds_ops = {
	.run_job = jq_bench_ds_run_job,
	.timedout_job = jq_bench_ds_timedout_job,
	.free_job = jq_bench_ds_free_job,
};

static int jq_bench_ds_init(struct jq_bench_queue *q, u32 credit_limit)
{
	const struct drm_sched_init_args args = {
		.ops = &jq_bench_ds_ops,
		.submit_wq = NULL,	/* an ordered workqueue per scheduler, as drivers do */
		.num_rqs = 1,		/* one entity per scheduler: one run queue is enough */
		.credit_limit = credit_limit,
		.timeout = MAX_SCHEDULE_TIMEOUT,
		.name = "jq_bench_ds",
		.dev = jq_bench_dev,
	};
	struct drm_gpu_scheduler *list[1];
	struct jq_bench_ds *ds;
	int ret;

	ds = kzalloc(sizeof(*ds), GFP_KERNEL);
	if (!ds)
		return -ENOMEM;
	ret = drm_sched_init(&ds->sched, &args);
	if (ret)
		goto free;
	list[0] = &ds->sched;
	ret = drm_sched_entity_init(&ds->entity, DRM_SCHED_PRIORITY_KERNEL, list, 1, NULL);
	if (ret)
		goto fini;
	q->ds = ds;
	return 0;
fini:
	drm_sched_fini(&ds->sched);
free:
	kfree(ds);
	return ret;
}

static int jq_bench_ds_submit(struct jq_bench_job *job, struct dma_fence *dep,
			      struct dma_fence **finished, bool watch)
{
	int ret;

	ret = drm_sched_job_init(&job->ds, &job->q->ds->entity, 1, NULL, 0);
	if (ret) {
		dma_fence_put(dep);
		jq_bench_job_discard(job);
		return ret;
	}
	if (dep) {
		ret = drm_sched_job_add_dependency(&job->ds, dep);
		if (ret) {
			drm_sched_job_cleanup(&job->ds);
			jq_bench_job_discard(job);
			return ret;
		}
	}
	drm_sched_job_arm(&job->ds);
	jq_bench_publish(job, &job->ds.s_fence->finished, finished, watch);
	drm_sched_entity_push_job(&job->ds);
	return 0;
}

/* jobqueue.ko */

static struct dma_fence *jq_bench_jq_run_job(struct jq_job *jq_job)
{
	return jq_bench_hw_run(container_of(jq_job, struct jq_bench_job, jq));
}

static void jq_bench_jq_free_job(struct jq_job *jq_job)
{
	jq_bench_job_free(container_of(jq_job, struct jq_bench_job, jq));
}

static const struct jq_queue_ops jq_bench_jq_ops = {
	.run_job = jq_bench_jq_run_job,
	.free_job = jq_bench_jq_free_job,
};

static int jq_bench_jq_init(struct jq_bench_queue *q, u32 credit_limit, unsigned long flags)
{
	const struct jq_queue_args args = {
		.ops = &jq_bench_jq_ops,
		.name = "jq_bench",
		.credit_limit = credit_limit,
		.timeout = MAX_SCHEDULE_TIMEOUT,
		.wq = NULL,		/* the module's shared default workqueue */
		.flags = flags,
	};
	struct jq_queue *jq = jq_queue_create(&args);

	if (IS_ERR(jq))
		return PTR_ERR(jq);
	q->jq = jq;
	return 0;
}

static int jq_bench_jq_submit(struct jq_bench_job *job, struct dma_fence *dep,
			      struct dma_fence **finished, bool watch)
{
	int ret;

	ret = jq_job_init(&job->jq, job->q->jq, 1);
	if (ret) {
		dma_fence_put(dep);
		jq_bench_job_discard(job);
		return ret;
	}
	if (dep) {
		ret = jq_job_add_dependency(&job->jq, dep);
		if (ret) {
			jq_job_put(&job->jq);	/* free_job frees (and counts) the job */
			return ret;
		}
	}
	jq_job_arm(&job->jq);
	jq_bench_publish(job, jq_job_finished_fence(&job->jq), finished, watch);
	jq_job_push(&job->jq);
	jq_job_put(&job->jq);	/* the queue holds its own reference until signalled */
	return 0;
}

/* The floor */

/*
 * The least a workqueue-based scheduler does per job: take the queue's submitted jobs in one
 * work item (as a scheduler's worker batches), run each on the null hardware and signal and
 * put its fence. No dependencies, credits or ordering beyond the list's.
 */
static void jq_bench_floor_work(struct work_struct *work)
{
	struct jq_bench_queue *q = container_of(work, struct jq_bench_queue, floor_work);
	struct llist_node *list = llist_reverse_order(llist_del_all(&q->floor_jobs));
	struct jq_bench_job *job, *next;
	struct dma_fence *hw;

	llist_for_each_entry_safe(job, next, list, floor_node) {
		hw = jq_bench_hw_run(job);
		/* JQ_BENCH_HW_NOW only: the hardware fence has signalled, no callback needed */
		dma_fence_signal(job->floor_fence);
		dma_fence_put(hw);
		dma_fence_put(job->floor_fence);
		jq_bench_job_free(job);
	}
}

static int jq_bench_floor_submit(struct jq_bench_job *job, struct dma_fence **finished,
				 bool watch)
{
	struct jq_bench_queue *q = job->q;
	struct dma_fence *fence = kzalloc(sizeof(*fence), GFP_KERNEL);

	if (!fence) {
		jq_bench_job_discard(job);
		return -ENOMEM;
	}
	dma_fence_init(fence, &jq_test_bare_fence_ops, &q->hw_lock, q->hw_context + 1,
		       atomic64_inc_return(&q->hw_seqno));
	job->floor_fence = fence;
	jq_bench_publish(job, fence, finished, watch);
	llist_add(&job->floor_node, &q->floor_jobs);
	queue_work(jq_bench_floor_wq, &q->floor_work);
	return 0;
}

/**
 * jq_bench_submit() - allocate, initialize, arm and push one job
 * @q: the queue
 * @run: the run the job counts in
 * @dep: a dependency fence (consumed) or NULL; not supported by the floor
 * @finished: if not NULL, gets a reference to the job's finished fence
 * @watch: count the finished fence's signal in @run
 *
 * Return: 0 or a negative errno (the job is gone, @dep consumed).
 */
int jq_bench_submit(struct jq_bench_queue *q, struct jq_bench_run *run,
		    struct dma_fence *dep, struct dma_fence **finished, bool watch)
{
	struct jq_bench_job *job;

	job = kmem_cache_zalloc(jq_bench_job_cache, GFP_KERNEL);
	if (job)
		job->hw = jq_bench_hw_alloc();
	if (!job || !job->hw) {
		if (job)
			jq_bench_job_discard(job);
		dma_fence_put(dep);
		return -ENOMEM;
	}
	job->q = q;
	job->run = run;
	job->hw->mode = q->hw_mode;

	switch (q->kind) {
	case JQ_BENCH_DRM:
		return jq_bench_ds_submit(job, dep, finished, watch);
	case JQ_BENCH_JQ:
	case JQ_BENCH_JQ_FAST:
		return jq_bench_jq_submit(job, dep, finished, watch);
	default:
		WARN_ON(dep);
		dma_fence_put(dep);
		return jq_bench_floor_submit(job, finished, watch);
	}
}

/* Queues */

/**
 * jq_bench_queue_init() - create the scheduler objects of a queue
 * @q: the queue, zeroed or finished
 * @kind: enum jq_bench_kind
 * @credit_limit: the most jobs in flight
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_queue_init(struct jq_bench_queue *q, enum jq_bench_kind kind, u32 credit_limit)
{
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	spin_lock_init(&q->hw_lock);
	q->hw_context = dma_fence_context_alloc(2);
	init_completion(&q->held_ready);

	switch (kind) {
	case JQ_BENCH_DRM:
		return jq_bench_ds_init(q, credit_limit);
	case JQ_BENCH_JQ:
		return jq_bench_jq_init(q, credit_limit, 0);
	case JQ_BENCH_JQ_FAST:
		return jq_bench_jq_init(q, credit_limit, JQ_QUEUE_FAST_PATH);
	default:
		init_llist_head(&q->floor_jobs);
		INIT_WORK(&q->floor_work, jq_bench_floor_work);
		return 0;
	}
}

/**
 * jq_bench_queue_kill() - tear a queue down with its jobs still queued, as a driver does
 *	when its user goes away
 * @q: the queue
 *
 * drm_sched: drm_sched_entity_fini() without the flush, which would wait for every job;
 * jobqueue.ko: jq_queue_kill() and the last jq_queue_put().
 */
void jq_bench_queue_kill(struct jq_bench_queue *q)
{
	switch (q->kind) {
	case JQ_BENCH_DRM:
		drm_sched_entity_fini(&q->ds->entity);
		break;
	case JQ_BENCH_JQ:
	case JQ_BENCH_JQ_FAST:
		jq_queue_kill(q->jq, -ECANCELED);
		jq_queue_put(q->jq);
		break;
	default:
		break;
	}
	q->killed = true;
}

/**
 * jq_bench_queue_fini() - destroy an idle (or killed and drained) queue
 * @q: the queue
 */
void jq_bench_queue_fini(struct jq_bench_queue *q)
{
	jq_bench_hw_release(q);
	switch (q->kind) {
	case JQ_BENCH_DRM:
		if (!q->killed)
			drm_sched_entity_fini(&q->ds->entity);
		drm_sched_fini(&q->ds->sched);
		kfree(q->ds);
		break;
	case JQ_BENCH_JQ:
	case JQ_BENCH_JQ_FAST:
		if (!q->killed)
			jq_queue_put(q->jq);
		break;
	default:
		/* the worker may still be returning from the last job's free */
		flush_work(&q->floor_work);
		break;
	}
}

/**
 * jq_bench_backend_init() - the job cache, the floor's workqueue and the device drm_sched
 *	reports against
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_backend_init(void)
{
	jq_bench_job_cache = KMEM_CACHE(jq_bench_job, 0);
	if (!jq_bench_job_cache)
		return -ENOMEM;
	jq_bench_floor_wq = alloc_workqueue("jq_bench_floor", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	if (!jq_bench_floor_wq)
		goto cache;
	jq_bench_dev = root_device_register("jq_bench");
	if (IS_ERR(jq_bench_dev))
		goto wq;
	return 0;
wq:
	destroy_workqueue(jq_bench_floor_wq);
cache:
	kmem_cache_destroy(jq_bench_job_cache);
	return -ENOMEM;
}

/**
 * jq_bench_backend_fini() - undo jq_bench_backend_init()
 */
void jq_bench_backend_fini(void)
{
	root_device_unregister(jq_bench_dev);
	destroy_workqueue(jq_bench_floor_wq);
	/* hardware and floor fences are freed with kfree_rcu() */
	rcu_barrier();
	kmem_cache_destroy(jq_bench_job_cache);
}
