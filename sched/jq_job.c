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
 * cancels it (its finished fence signals -EINVAL); dropping the last reference of an armed,
 * never pushed job signals its finished fence with -ECANCELED before free_job.
 */

#include <linux/err.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "jq_internal.h"

/**
 * jq_job_init() - initialize a job for a queue
 * @job: the job, embedded in the driver's job; its previous contents are ignored
 * @queue: the queue; the caller holds a user reference
 * @credits: the credits the job takes while in flight, 1 to the queue's credit limit
 *
 * Preallocates the finished fence. On success the caller holds the one job reference and
 * the job holds an internal reference on @queue until its last put (R1). On failure the job
 * holds nothing and free_job is not called for it.
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: 0; -EINVAL if @credits is 0 or above the queue's credit limit; -ENODEV if the
 * queue was killed; -ENOMEM.
 */
int jq_job_init(struct jq_job *job, struct jq_queue *queue, u32 credits)
{
	struct jq_fence *fence;

	if (!credits || credits > queue->credit_limit)
		return -EINVAL;
	if (jq_queue_is_killed(queue))
		return -ENODEV;
	fence = jq_fence_alloc();
	if (!fence)
		return -ENOMEM;

	memset(job, 0, sizeof(*job));
	kref_init(&job->refcount);
	kref_get(&queue->ref);
	job->queue = queue;
	job->finished = fence;
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

/**
 * jq_job_add_dependency() - make a job wait for a fence
 * @job: an initialized, unarmed job; the caller holds a reference
 * @fence: the fence (reference consumed in every case), or NULL
 *
 * The job runs (or is cancelled) only after @fence has signalled. Only the latest fence of
 * each fence context is kept. A fence that has already signalled is dropped at once; its
 * error, if any, is remembered (see jq_job_dependency_error()). Finished fences of earlier
 * jobs of the same queue and of other queues are accepted: a dependency on an earlier job of
 * the same queue is satisfied at the latest when that job finishes.
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
	if (jq_job_merge_dependency(job, fence))
		return 0;

	ret = xa_alloc(&job->dependencies, &id, fence, xa_limit_32b, GFP_KERNEL);
	if (ret)
		dma_fence_put(fence);
	return ret;
}
EXPORT_SYMBOL_GPL(jq_job_add_dependency);

/**
 * jq_job_arm() - give a job its seqno and initialize its finished fence
 * @job: an initialized job; the caller holds a reference
 *
 * After arm, the job must be pushed: its finished fence exists and may be published. Jobs of
 * one queue must be armed and pushed in the same order (under the driver's submission
 * lock). Arming twice is a bug: WARN, no effect.
 *
 * Context: any context; infallible, does not allocate. Takes a module reference for the
 * fence (R6).
 */
void jq_job_arm(struct jq_job *job)
{
	struct jq_queue *q = job->queue;

	if (WARN_ON_ONCE(test_and_set_bit(JQ_JOB_F_ARMED, &job->flags)))
		return;
	jq_fence_init(job->finished, q->tl, q->context, atomic64_inc_return(&q->seqno));
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
 * the job is the queue's oldest unrun job and all it needs is there.
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

	xa_for_each(&job->dependencies, index, fence)
		dma_fence_put(fence);
	xa_destroy(&job->dependencies);
	dma_fence_put(job->hw_fence);
	job->hw_fence = NULL;
}

/* The finished fence at the last put: signal it if it was armed but never pushed. */
static void jq_job_release_fence(struct jq_job *job)
{
	struct jq_fence *fence = job->finished;

	if (!test_bit(JQ_JOB_F_ARMED, &job->flags)) {
		jq_fence_free_unarmed(fence);
		return;
	}
	if (WARN_ON_ONCE(!test_bit(JQ_JOB_F_PUSHED, &job->flags)))
		jq_fence_signal(fence, -ECANCELED);
	dma_fence_put(&fence->base);
}

static void jq_job_free(struct jq_job *job)
{
	struct jq_queue *q = job->queue;

	jq_job_drop_fences(job);
	jq_job_release_fence(job);
	/* the job's memory belongs to the driver from here on */
	q->ops->free_job(job);
	jq_queue_put_internal(q);	/* R1 ends */
}

static void jq_job_free_work(struct work_struct *work)
{
	jq_job_free(container_of(work, struct jq_job, free_work));
}

static void jq_job_release(struct kref *ref)
{
	struct jq_job *job = container_of(ref, struct jq_job, refcount);

	/*
	 * A last put from a fence callback (hardirq, or a fence lock held) must not run
	 * free_job there (R8): defer it to process context.
	 */
	if (in_interrupt() || irqs_disabled()) {
		INIT_WORK(&job->free_work, jq_job_free_work);
		queue_work(jq_wq, &job->free_work);
		return;
	}
	jq_job_free(job);
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
 * Context: process context, may sleep (free_job may sleep). A last put from hardirq or
 * with interrupts disabled (e.g. from a fence callback) is tolerated: the release is
 * deferred to a work item on the module's workqueue.
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
