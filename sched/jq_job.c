// SPDX-License-Identifier: GPL-2.0
/*
 * Jobs: initialization, dependencies, arm, push and references.
 */

/**
 * DOC: Life of a job
 *
 * A job is embedded in the driver's job structure. The driver:
 *
 * 1. jq_job_init() - fallible, may sleep: allocates the finished fence (so that no later step
 *    can fail) and takes an internal reference on the queue (R1). The driver holds one job
 *    reference.
 * 2. jq_job_add_dependency() - fallible, may sleep: the job keeps the latest fence of each
 *    fence context. The fence reference is consumed in every case.
 * 3. jq_job_arm() - infallible: assigns the queue's next seqno and initializes the finished
 *    fence, which the driver may now publish.
 * 4. jq_job_push() - infallible: the queue takes a job reference (R2) and runs the job once
 *    its dependencies have signalled, prepare_job is satisfied and credits are free.
 *
 * Arm and push must happen in the same order for all jobs of a queue (seqno order): like
 * drm_sched, the driver does both under its submission lock. The driver may give up before
 * arm by dropping its reference (jq_job_put()): dependencies and the queue reference are
 * dropped and free_job is called.
 *
 * Misuse is caught (R9) with a WARN and a defined outcome: a dependency added after arm is
 * dropped (-EINVAL); a second arm or push is ignored; a push without arm arms the job and
 * cancels it (its finished fence signals -EINVAL); a push out of arm order is put back in
 * seqno order (the later job waits for the earlier one's push); dropping the last reference
 * of an armed, never pushed job hands it to the queue, which cancels it in seqno order (its
 * finished fence signals -ECANCELED) before free_job. A driver that gives up an armed job on
 * purpose calls jq_job_abort() instead: the same outcome, without the WARN.
 */

#include <linux/dma-resv.h>
#include <linux/err.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "jq_internal.h"

/**
 * jq_job_init() - initialize a job for a queue
 * @job: the job, embedded in the driver's job; its previous contents are ignored
 * @queue: the queue; the caller holds a user reference
 * @credits: the credits the job takes while in flight, 1 to the queue's credit limit
 *
 * Preallocates the finished fence (and the scheduled fence, JQ_QUEUE_SCHEDULED_FENCE). On
 * success the caller holds the one job reference and
 * the job holds an internal reference on @queue until its last put (R1). On failure the job
 * holds nothing and free_job is not called for it.
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: 0; -EINVAL if @credits is 0 or above the queue's credit limit; -ENODEV if the
 * queue was killed; -ENOMEM.
 */
int jq_job_init(struct jq_job *job, struct jq_queue *queue, u32 credits)
{
	struct jq_fence *fence, *scheduled = NULL;

	if (!credits || credits > queue->credit_limit)
		return -EINVAL;
	if (jq_queue_is_killed(queue))
		return -ENODEV;
	fence = jq_fence_alloc();
	if (!fence)
		return -ENOMEM;
	if (queue->flags & JQ_QUEUE_SCHEDULED_FENCE) {
		scheduled = jq_fence_alloc();
		if (!scheduled) {
			jq_fence_free_unarmed(fence);
			return -ENOMEM;
		}
	}

	memset(job, 0, sizeof(*job));
	kref_init(&job->refcount);
	jq_queue_get_for_job(queue);
	job->queue = queue;
	job->finished = fence;
	job->scheduled = scheduled;
	xa_init_flags(&job->dependencies, XA_FLAGS_ALLOC);
	INIT_LIST_HEAD(&job->link);
	job->credits = credits;
	job->status = JQ_JOB_NEW;
	return 0;
}
EXPORT_SYMBOL_GPL(jq_job_init);

/**
 * jq_job_note_dep_error() - remember a signalled dependency's error
 * @job: the job
 * @fence: a signalled dependency of @job
 *
 * Context: any context; the caller serializes (driver before arm, the worker after push).
 */
void jq_job_note_dep_error(struct jq_job *job, struct dma_fence *fence)
{
	int status = dma_fence_get_status(fence);

	if (status < 0 && !job->dep_error)
		WRITE_ONCE(job->dep_error, status);
}

/* Replace a kept fence of the same context by @fence if @fence is later. */
static bool jq_job_merge_dependency(struct jq_job *job, struct dma_fence *fence)
{
	struct dma_fence *entry;
	unsigned long index;

	xa_for_each(&job->dependencies, index, entry) {
		if (entry->context != fence->context)
			continue;
		if (dma_fence_is_later(fence, entry)) {
			dma_fence_put(entry);
			/* replaces an existing entry: no allocation */
			xa_store(&job->dependencies, index, fence, GFP_KERNEL);
		} else {
			dma_fence_put(fence);
		}
		return true;
	}
	return false;
}

/*
 * A finished fence of a queue on the same pipeline (the same in-order hardware ring) only
 * needs to be scheduled before us: swap it for its scheduled fence.
 */
static struct dma_fence *jq_job_pipeline_dependency(struct jq_job *job, struct dma_fence *fence)
{
	struct dma_fence *scheduled = jq_fence_pipeline_dep(fence, job->queue->tl->pipeline);

	if (!scheduled)
		return fence;
	dma_fence_put(fence);
	return scheduled;
}

/**
 * jq_job_add_dependency() - make a job wait for a fence
 * @job: an initialized, unarmed job; the caller holds a reference
 * @fence: the fence (reference consumed in every case), or NULL
 *
 * The job runs (or is cancelled) only after @fence has signalled. Only the latest fence of
 * each fence context is kept. A fence that has already signalled is dropped at once; its
 * error, if any, is remembered (see jq_job_dependency_error()). A finished (or scheduled)
 * fence of an earlier job of the same queue costs nothing: it is dropped at once, since that
 * job is run before this one and its finished fence signals before this one's (so its
 * error is not seen by jq_job_dependency_error()). A finished fence of a queue with the same
 * &jq_queue_args.pipeline is replaced by its job's scheduled fence, if it has one.
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: 0; -ENOMEM; -EINVAL after jq_job_arm() (a bug: WARN, the fence is dropped).
 */
int jq_job_add_dependency(struct jq_job *job, struct dma_fence *fence)
{
	u32 id;
	int ret;

	if (!fence)
		return 0;
	if (WARN_ON_ONCE(test_bit(JQ_JOB_F_ARMED, &job->flags))) {
		dma_fence_put(fence);
		return -EINVAL;
	}
	if (dma_fence_is_signaled(fence)) {
		jq_job_note_dep_error(job, fence);
		dma_fence_put(fence);
		return 0;
	}
	/* an earlier job of this queue runs first and finishes first: nothing to wait for */
	if (fence->context == job->queue->context) {
		dma_fence_put(fence);
		return 0;
	}
	fence = jq_job_pipeline_dependency(job, fence);
	if (jq_job_merge_dependency(job, fence))
		return 0;

	ret = xa_alloc(&job->dependencies, &id, fence, xa_limit_32b, GFP_KERNEL);
	if (ret)
		dma_fence_put(fence);
	return ret;
}
EXPORT_SYMBOL_GPL(jq_job_add_dependency);

/**
 * jq_job_add_resv_dependencies() - make a job wait for the fences of a reservation object
 * @job: an initialized, unarmed job; the caller holds a reference
 * @resv: the reservation object, locked by the caller
 * @usage: which fences: every fence of @resv with this usage or a stricter one
 *	(DMA_RESV_USAGE_WRITE for a reader of the buffer, DMA_RESV_USAGE_READ for a writer...)
 *
 * Adds each fence with jq_job_add_dependency(), taking its own reference; the same rules
 * apply (latest per context, same-queue fences dropped).
 *
 * Context: process context, may sleep (GFP_KERNEL); @resv locked.
 * Return: 0; -ENOMEM (the dependencies added until then stay); -EINVAL after jq_job_arm().
 */
int jq_job_add_resv_dependencies(struct jq_job *job, struct dma_resv *resv,
				 enum dma_resv_usage usage)
{
	struct dma_resv_iter cursor;
	struct dma_fence *fence;
	int ret;

	dma_resv_assert_held(resv);
	dma_resv_for_each_fence(&cursor, resv, usage, fence) {
		ret = jq_job_add_dependency(job, dma_fence_get(fence));
		if (ret)
			return ret;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(jq_job_add_resv_dependencies);

/**
 * jq_job_arm() - give a job its seqno and initialize its finished fence
 * @job: an initialized job; the caller holds a reference
 *
 * After arm, the job must be pushed: its finished fence exists and may be published. Jobs of
 * one queue must be armed and pushed in the same order (under the driver's submission
 * lock). Arming twice is a bug: WARN, no effect.
 *
 * Context: any context; infallible, does not allocate. Takes a module reference for each
 * fence (R6).
 */
void jq_job_arm(struct jq_job *job)
{
	struct jq_queue *q = job->queue;

	u64 seqno;

	if (WARN_ON_ONCE(test_and_set_bit(JQ_JOB_F_ARMED, &job->flags)))
		return;
	seqno = atomic64_inc_return(&q->seqno);
	jq_fence_init(job->finished, q->tl, &q->tl_prepaid, q->context, seqno);
	if (job->scheduled) {
		jq_fence_init(job->scheduled, q->tl, &q->tl_prepaid, q->context + 1, seqno);
		jq_fence_set_scheduled(job->finished, job->scheduled);
	}
}
EXPORT_SYMBOL_GPL(jq_job_arm);

/**
 * jq_job_push() - hand an armed job to its queue
 * @job: an armed job; the caller holds a reference, which it keeps
 *
 * The queue takes its own job reference (R2), held until the job's finished fence has
 * signalled. The job runs after its dependencies, in seqno order. On a killed queue (a
 * legitimate race with jq_queue_kill()) the job is cancelled like the other unrun jobs.
 * Pushing twice is a bug: WARN, ignored. Pushing without arm is a bug: WARN, the job is
 * armed and cancelled with -EINVAL (its finished fence signals -EINVAL, free_job runs once
 * the references are dropped).
 *
 * With JQ_QUEUE_FAST_PATH, ops->prepare_job and ops->run_job may be called from this
 * function, in the caller's context (possibly with the driver's submission lock held), when
 * the job is the queue's oldest unrun job, all it needs is there and the queue's worker is
 * not already queued.
 *
 * Context: process context; infallible. May sleep only if the driver's prepare_job or
 * run_job sleep (fast path).
 */
void jq_job_push(struct jq_job *job)
{
	if (WARN_ON_ONCE(test_and_set_bit(JQ_JOB_F_PUSHED, &job->flags)))
		return;
	if (WARN_ON_ONCE(!test_bit(JQ_JOB_F_ARMED, &job->flags))) {
		set_bit(JQ_JOB_F_UNARMED_PUSH, &job->flags);
		jq_job_arm(job);
	}
	jq_job_get(job);	/* R2: the queue's reference */
	jq_queue_push_job(job->queue, job);
}
EXPORT_SYMBOL_GPL(jq_job_push);

/**
 * jq_job_abort() - give up an armed job without running it
 * @job: an armed, never pushed job; the caller holds a reference, which it keeps
 *
 * For a submission that fails after some of its jobs were armed (the setup of a later job
 * failed, say, on bad input from userspace): the job is handed to the queue like a push,
 * cancelled. It never runs; its finished fence (and scheduled fence) signal -ECANCELED in
 * seqno order, after its dependencies; free_job runs once the caller's reference and the
 * queue's are dropped. Not misuse: no WARN (dropping the last reference instead WARNs,
 * R9). An unarmed job is given up with jq_job_put() alone. Aborting an unarmed or pushed
 * job is a bug: WARN, ignored.
 *
 * Context: any context; does not sleep.
 */
void jq_job_abort(struct jq_job *job)
{
	if (WARN_ON_ONCE(!test_bit(JQ_JOB_F_ARMED, &job->flags)) ||
	    WARN_ON_ONCE(test_and_set_bit(JQ_JOB_F_PUSHED, &job->flags)))
		return;
	set_bit(JQ_JOB_F_ABANDONED, &job->flags);
	jq_job_get(job);	/* R2: the queue's reference */
	jq_queue_push_job(job->queue, job);
}
EXPORT_SYMBOL_GPL(jq_job_abort);

/**
 * jq_job_finished_fence() - the finished fence of a job
 * @job: an armed job; the caller holds a reference
 *
 * Context: any context.
 * Return: the finished fence, borrowed: valid while the caller holds its job reference; take
 * a reference with dma_fence_get() to keep it. NULL (and a WARN) before jq_job_arm().
 */
struct dma_fence *jq_job_finished_fence(struct jq_job *job)
{
	if (WARN_ON_ONCE(!test_bit(JQ_JOB_F_ARMED, &job->flags)))
		return NULL;
	return &job->finished->base;
}
EXPORT_SYMBOL_GPL(jq_job_finished_fence);

/**
 * jq_job_scheduled_fence() - the scheduled fence of a job
 * @job: an armed job of a queue with JQ_QUEUE_SCHEDULED_FENCE; the caller holds a reference
 *
 * The scheduled fence signals (without an error) once ops->run_job has returned for the
 * job, or when the job is cancelled without running, and always before its finished fence.
 * Its seqno is the finished fence's, on the queue's second fence context.
 *
 * Context: any context.
 * Return: the scheduled fence, borrowed like jq_job_finished_fence()'s; NULL if the queue
 * has no scheduled fences; NULL (and a WARN) before jq_job_arm().
 */
struct dma_fence *jq_job_scheduled_fence(struct jq_job *job)
{
	if (WARN_ON_ONCE(!test_bit(JQ_JOB_F_ARMED, &job->flags)))
		return NULL;
	return job->scheduled ? &job->scheduled->base : NULL;
}
EXPORT_SYMBOL_GPL(jq_job_scheduled_fence);

/**
 * jq_job_get() - take a job reference
 * @job: the job; the caller already holds a reference
 *
 * Context: any context.
 * Return: @job.
 */
struct jq_job *jq_job_get(struct jq_job *job)
{
	kref_get(&job->refcount);
	return job;
}
EXPORT_SYMBOL_GPL(jq_job_get);

/**
 * jq_job_drop_fences() - drop a job's dependency and hardware fence references
 * @job: a job that will not wait or run any more
 *
 * Idempotent. Called by the worker once the finished fence has signalled, and at the last
 * put.
 *
 * Context: process context.
 */
void jq_job_drop_fences(struct jq_job *job)
{
	struct dma_fence *fence;
	unsigned long index;

	/* most jobs have none, and xa_destroy() takes the xarray's lock even then */
	if (!xa_empty(&job->dependencies)) {
		xa_for_each(&job->dependencies, index, fence)
			dma_fence_put(fence);
		xa_destroy(&job->dependencies);
	}
	dma_fence_put(job->hw_fence);
	job->hw_fence = NULL;
}

/* The job's fences at the last put; an armed job was pushed (or abandoned and cancelled). */
static void jq_job_release_fences(struct jq_job *job)
{
	if (!test_bit(JQ_JOB_F_ARMED, &job->flags)) {
		jq_fence_free_unarmed(job->finished);
		jq_fence_free_unarmed(job->scheduled);
		return;
	}
	if (job->scheduled)
		dma_fence_put(&job->scheduled->base);
	dma_fence_put(&job->finished->base);
}

/* Free a job whose last reference went; the caller drops the job's queue reference. */
static void jq_job_free_keep_queue(struct jq_job *job)
{
	struct jq_queue *q = job->queue;

	jq_job_drop_fences(job);
	jq_job_release_fences(job);
	/* the job's memory belongs to the driver from here on */
	q->ops->free_job(job);
}

static void jq_job_free(struct jq_job *job)
{
	struct jq_queue *q = job->queue;

	jq_job_free_keep_queue(job);
	jq_queue_put_internal(q);	/* R1 ends */
}

static void jq_job_free_work(struct work_struct *work)
{
	jq_job_free(container_of(work, struct jq_job, free_work));
}

/*
 * May the last put run free_job here? Not in hardirq or softirq, with interrupts or
 * preemption off (a spinlock held) or inside an RCU read-side section (R8). Without
 * CONFIG_PREEMPT_COUNT a spinlock cannot be seen: always defer then.
 */
static bool jq_job_may_free_here(void)
{
#ifdef JQ_BREAK_ATOMIC_FREE	/* negative control: jq_r8_atomic_last_put must fail */
	return true;
#else
	return IS_ENABLED(CONFIG_PREEMPT_COUNT) && preemptible() && !rcu_preempt_depth();
#endif
}

/*
 * The last reference of an armed job that was never pushed (R9): the finished fence must
 * still signal in seqno order, after the earlier jobs' and before the later ones'. The
 * queue takes the job over with a fresh reference (its R2 reference) and cancels it with
 * -ECANCELED like a pushed job; its last put then frees it.
 */
static void jq_job_abandon(struct jq_job *job)
{
	kref_init(&job->refcount);
	set_bit(JQ_JOB_F_ABANDONED, &job->flags);
	set_bit(JQ_JOB_F_PUSHED, &job->flags);
	jq_queue_push_job(job->queue, job);
}

static void jq_job_release(struct kref *ref)
{
	struct jq_job *job = container_of(ref, struct jq_job, refcount);

	if (test_bit(JQ_JOB_F_ARMED, &job->flags) &&
	    WARN_ON_ONCE(!test_bit(JQ_JOB_F_PUSHED, &job->flags))) {
		jq_job_abandon(job);
		return;
	}
	if (!jq_job_may_free_here()) {
		INIT_WORK(&job->free_work, jq_job_free_work);
		queue_work(job->queue->cleanup_wq, &job->free_work);
		return;
	}
	jq_job_free(job);
}

static void jq_job_release_process(struct kref *ref)
{
	jq_job_free(container_of(ref, struct jq_job, refcount));
}

/**
 * jq_job_put_process() - drop a job reference of the queue, in process context
 * @job: a pushed job
 *
 * A put of the queue's work items: the timeout handler's, after timedout_job (the cleanup
 * work item uses jq_job_put_keep_queue()). The context is known to allow free_job, so a last
 * put frees at once instead of deferring.
 *
 * Context: process context, no locks held; may sleep (free_job).
 */
void jq_job_put_process(struct jq_job *job)
{
	might_sleep();
	kref_put(&job->refcount, jq_job_release_process);
}

static void jq_job_release_keep_queue(struct kref *ref)
{
	jq_job_free_keep_queue(container_of(ref, struct jq_job, refcount));
}

/**
 * jq_job_put_keep_queue() - jq_job_put_process(), leaving the queue reference to the caller
 * @job: a pushed job
 *
 * For the cleanup work item, which releases jobs in batches and drops the queue
 * references of those it freed (R1) at once, with its own reference (R3) keeping the
 * queue meanwhile.
 *
 * Context: process context, no locks held; may sleep (free_job).
 * Return: true if this was the last reference: the job is freed, and the caller owns the
 * queue reference the job held.
 */
bool jq_job_put_keep_queue(struct jq_job *job)
{
	might_sleep();
	return kref_put(&job->refcount, jq_job_release_keep_queue);
}

/**
 * jq_job_put() - drop a job reference
 * @job: the job, or NULL
 *
 * The last put drops the job's dependencies and its finished fence reference, calls
 * ops->free_job and drops the job's queue reference (R1). Dropping the last reference of
 * an unarmed job is how a driver abandons it. Dropping the last reference of an armed job
 * that was never pushed is a bug: WARN, its finished fence signals -ECANCELED.
 *
 * Context: any context. A last put where free_job may not run (hardirq, softirq,
 * interrupts or preemption disabled, e.g. under a spinlock or in a fence callback, or an
 * RCU read-side section) defers the release to a work item on the module's workqueue;
 * otherwise free_job runs before this returns, and may sleep.
 */
void jq_job_put(struct jq_job *job)
{
	if (job)
		kref_put(&job->refcount, jq_job_release);
}
EXPORT_SYMBOL_GPL(jq_job_put);

/**
 * jq_job_dependency_error() - the first error among a job's dependencies
 * @job: the job; the caller holds a reference (run_job may call it)
 *
 * Context: any context. Complete once the job's dependencies have all signalled, e.g. in
 * ops->prepare_job and ops->run_job.
 * Return: the first negative error a dependency signalled with, or 0.
 */
int jq_job_dependency_error(struct jq_job *job)
{
	return READ_ONCE(job->dep_error);
}
EXPORT_SYMBOL_GPL(jq_job_dependency_error);

/**
 * jq_job_queue() - the queue of a job
 * @job: an initialized job; the caller holds a reference
 *
 * Context: any context.
 * Return: the job's queue, kept alive by the job (R1); no reference is taken.
 */
struct jq_queue *jq_job_queue(struct jq_job *job)
{
	return job->queue;
}
EXPORT_SYMBOL_GPL(jq_job_queue);
