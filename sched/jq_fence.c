// SPDX-License-Identifier: GPL-2.0
/*
 * Finished fences of the job queue.
 */

/**
 * DOC: Finished fences
 *
 * Each job has one finished fence, a &struct dma_fence whose ops belong to jobqueue.ko. It is
 * allocated by jq_job_init() (so that arming cannot fail), initialized by jq_job_arm() with
 * the queue's fence context and the next seqno, and signalled in seqno order, never before
 * the job's hardware fence (R5): from the hardware fence's callback when every earlier fence
 * of the queue has signalled, otherwise by whoever completes the earlier job, or by the
 * queue's worker (see the DOC "Locking" in sched/jq_queue.c).
 *
 * The fence must stay usable after its job, its queue and the driver are gone (R6): it is
 * exported to other drivers and to userspace (sync_file, syncobj, dma_resv), which may read
 * its names and wait on it at any later time. So:
 *
 * - the fence holds no pointer into the job or the queue, only a reference on a small
 *   refcounted &struct jq_timeline, shared by the queue's fences, that holds the fence lock
 *   and a copy of the queue's name;
 * - the driver name is a string constant of this module, and each timeline holds a module
 *   reference, dropped as the last step of its release, so ``rmmod jobqueue`` fails
 *   (delete_module() returns -EWOULDBLOCK, i.e. EAGAIN) while any fence (which holds its
 *   timeline) is alive, and succeeds once all are released. Per timeline rather than per
 *   fence: a job then touches no cache line shared by all queues (the module's reference
 *   count, like the live-fence count, which is a per-CPU counter). Arm takes the fence's
 *   timeline reference out of a batch the queue prepaid (JQ_TIMELINE_PREPAID): the count
 *   is then written once per batch by the arming CPU and once per fence by the releasing
 *   one, instead of by both for every fence;
 * - fence and timeline memory are freed after an RCU grace period, as dma_fence_free() does,
 *   for readers that found the fence under RCU.
 *
 * Residual window: module_put() is the last call of the timeline release, but the few
 * instructions that return from it still run in this module's text. The module exit
 * function waits for an RCU grace period (rcu_barrier()), which closes the window in
 * practice because fence releases do not sleep; it is the same window every module that
 * puts its own reference has.
 */

#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/percpu_counter.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "jq_internal.h"

/* initialized finished and scheduled fences not yet released; per CPU, summed to read */
static struct percpu_counter jq_fences_live;

static const char *jq_fence_get_driver_name(struct dma_fence *fence)
{
	return "jobqueue";
}

static struct jq_fence *to_jq_fence(struct dma_fence *fence)
{
	return container_of(fence, struct jq_fence, base);
}

static const char *jq_fence_get_timeline_name(struct dma_fence *fence)
{
	return to_jq_fence(fence)->tl->name;
}

static void jq_timeline_free(struct kref *ref)
{
	struct jq_timeline *tl = container_of(ref, struct jq_timeline, ref);

	kfree_rcu(tl, rcu);
	module_put(THIS_MODULE);	/* last: this module may go from here on */
}

/**
 * jq_timeline_put() - drop a reference on a timeline
 * @tl: the timeline
 *
 * Context: any context (the memory is freed after an RCU grace period).
 */
void jq_timeline_put(struct jq_timeline *tl)
{
	kref_put(&tl->ref, jq_timeline_free);
}

/**
 * jq_timeline_put_many() - drop several references on a timeline
 * @tl: the timeline
 * @count: how many; the caller holds at least that many
 *
 * Context: any context (the memory is freed after an RCU grace period).
 */
void jq_timeline_put_many(struct jq_timeline *tl, unsigned int count)
{
	if (count && refcount_sub_and_test(count, &tl->ref.refcount))
		jq_timeline_free(&tl->ref);
}

/*
 * Called by dma_fence_release() when the last reference goes, in any context. The timeline
 * reference is dropped last: with it may go the module reference (jq_timeline_free()).
 */
static void jq_fence_release(struct dma_fence *fence)
{
	struct jq_fence *jf = to_jq_fence(fence);
	struct jq_timeline *tl = jf->tl;

	dma_fence_put(jf->scheduled);
	percpu_counter_dec(&jq_fences_live);
	kfree_rcu(jf, base.rcu);
	jq_timeline_put(tl);
}

/* Take a reference on the hardware fence a deadline must go to, under the fence lock. */
static struct dma_fence *jq_fence_deadline_target(struct jq_fence *jf, ktime_t deadline)
{
	struct dma_fence *hw = NULL;
	unsigned long flags;

	spin_lock_irqsave(jf->base.lock, flags);
	if (test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &jf->base.flags))
		goto out;
	if (!test_and_set_bit(JQ_FENCE_FLAG_DEADLINE, &jf->base.flags) ||
	    ktime_before(deadline, jf->deadline))
		jf->deadline = deadline;
	/* unsignalled: the job still holds its reference on @hw */
	if (jf->hw)
		hw = dma_fence_get(jf->hw);
out:
	spin_unlock_irqrestore(jf->base.lock, flags);
	return hw;
}

/*
 * dma_fence_set_deadline() on a finished fence: forwarded to the hardware fence, outside
 * our fence lock (a hardware fence lock nests outside it, see the DOC "Locking"). Before
 * run_job the deadline is kept, and jq_fence_set_hw() forwards it.
 */
static void jq_fence_set_deadline(struct dma_fence *fence, ktime_t deadline)
{
	struct dma_fence *hw = jq_fence_deadline_target(to_jq_fence(fence), deadline);

	if (hw) {
		dma_fence_set_deadline(hw, deadline);
		dma_fence_put(hw);
	}
}

static const struct dma_fence_ops jq_fence_ops = {
	.use_64bit_seqno = true,
	.get_driver_name = jq_fence_get_driver_name,
	.get_timeline_name = jq_fence_get_timeline_name,
	.set_deadline = jq_fence_set_deadline,
	.release = jq_fence_release,
};

/**
 * jq_timeline_create() - allocate a timeline for a queue's fences
 * @name: the queue's name, copied
 * @pipeline: the queue's &jq_queue_args.pipeline cookie, or NULL
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: the timeline with one reference for the caller, or NULL on allocation failure.
 */
struct jq_timeline *jq_timeline_create(const char *name, const void *pipeline)
{
	size_t len = strlen(name) + 1;
	struct jq_timeline *tl;

	tl = kmalloc(struct_size(tl, name, len), GFP_KERNEL);
	if (!tl)
		return NULL;
	kref_init(&tl->ref);
	spin_lock_init(&tl->lock);
	tl->pipeline = pipeline;
	__module_get(THIS_MODULE);	/* R6: dropped when the last fence is gone */
	memcpy(tl->name, name, len);
	return tl;
}

/**
 * jq_fence_alloc() - allocate an uninitialized finished fence
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: the fence, to be initialized with jq_fence_init() or freed with
 * jq_fence_free_unarmed(); NULL on allocation failure.
 */
struct jq_fence *jq_fence_alloc(void)
{
	return kzalloc(sizeof(struct jq_fence), GFP_KERNEL);
}

/**
 * jq_fence_free_unarmed() - free a fence that was never initialized
 * @fence: the fence from jq_fence_alloc(), or NULL
 *
 * Context: any context.
 */
void jq_fence_free_unarmed(struct jq_fence *fence)
{
	kfree(fence);
}

/**
 * jq_fence_init() - initialize a finished fence at arm
 * @fence: the fence from jq_fence_alloc()
 * @tl: the queue's timeline; a reference is taken for the fence
 * @prepaid: the queue's prepaid timeline references (&jq_queue.tl_prepaid), which the
 *	reference comes from
 * @context: the queue's fence context
 * @seqno: the job's seqno
 *
 * Takes a timeline reference, held until the fence is released; the timeline holds the
 * module (R6). The caller owns the one fence reference created here.
 *
 * Context: any context; does not allocate.
 */
void jq_fence_init(struct jq_fence *fence, struct jq_timeline *tl, atomic_t *prepaid,
		   u64 context, u64 seqno)
{
	percpu_counter_inc(&jq_fences_live);
#ifndef JQ_BREAK_TIMELINE_REF	/* stress/README.rst: the tests must catch its absence */
	/* the fences' releases write @tl->ref on whichever CPU signals and frees them */
	jq_ref_get_prepaid(&tl->ref.refcount, prepaid, JQ_TIMELINE_PREPAID);
#endif
	fence->tl = tl;
	dma_fence_init(&fence->base, &jq_fence_ops, &tl->lock, context, seqno);
}

/**
 * jq_fence_signal() - signal a finished fence, with an error if @error is negative
 * @fence: an initialized, unsignalled fence
 * @error: 0 or a negative errno
 *
 * Context: any context; takes the timeline lock, runs the fence's callbacks.
 */
void jq_fence_signal(struct jq_fence *fence, int error)
{
	if (error < 0)
		dma_fence_set_error(&fence->base, error);
	dma_fence_signal(&fence->base);
}

/**
 * jq_fence_signal_locked() - signal a fence, unless it has signalled, with its lock held
 * @fence: an initialized fence
 * @error: 0 or a negative errno
 * @timestamp: the signal time (CLOCK_MONOTONIC) the caller chose: the job's hardware
 *	fence's, or one clock read for a batch signalled under one hold of the lock (a
 *	clock read per fence costs more than the rest of the signal when the fence has no
 *	callback). Not necessarily monotonic along the timeline: a job whose hardware fence
 *	completed before an earlier job's keeps its own, earlier, time
 *
 * Context: any context; the timeline lock (the fence's lock) held; runs the fence's
 * callbacks.
 */
void jq_fence_signal_locked(struct jq_fence *fence, int error, ktime_t timestamp)
{
	lockdep_assert_held(fence->base.lock);
	if (test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->base.flags))
		return;
	if (error < 0)
		dma_fence_set_error(&fence->base, error);
	dma_fence_signal_timestamp_locked(&fence->base, timestamp);
}

/**
 * jq_fence_set_scheduled() - link a finished fence to its job's scheduled fence
 * @finished: an initialized finished fence, not yet published
 * @scheduled: the job's initialized scheduled fence; a reference is taken
 *
 * The link lets a job of another queue on the same pipeline wait for the scheduled fence
 * only (jq_fence_pipeline_dep()). Dropped when @finished is released.
 *
 * Context: any context; called by jq_job_arm() before the fence is published.
 */
void jq_fence_set_scheduled(struct jq_fence *finished, struct jq_fence *scheduled)
{
	finished->scheduled = dma_fence_get(&scheduled->base);
}

/**
 * jq_fence_set_hw() - tell a finished fence its hardware fence, for deadlines
 * @finished: the job's finished fence, not yet signalled
 * @hw: the hardware fence run_job returned; borrowed, the job holds it until after
 *	@finished signalled
 *
 * Forwards a deadline set on @finished before run_job (jq_fence_set_deadline()) to @hw.
 *
 * Context: any context; takes the timeline lock (not with the queue lock held), then calls
 * dma_fence_set_deadline() on @hw outside it.
 */
void jq_fence_set_hw(struct jq_fence *finished, struct dma_fence *hw)
{
	unsigned long flags;
	ktime_t deadline = 0;
	bool has_deadline;

	spin_lock_irqsave(finished->base.lock, flags);
	finished->hw = hw;
	has_deadline = test_bit(JQ_FENCE_FLAG_DEADLINE, &finished->base.flags);
	if (has_deadline)
		deadline = finished->deadline;
	spin_unlock_irqrestore(finished->base.lock, flags);
	if (has_deadline)
		dma_fence_set_deadline(hw, deadline);
}

/**
 * jq_fence_pipeline_dep() - what a job on @pipeline must wait for instead of @fence
 * @fence: a dependency, any dma_fence; the caller's reference
 * @pipeline: the waiting queue's &jq_queue_args.pipeline, or NULL
 *
 * Context: any context.
 * Return: a new reference on the scheduled fence of @fence's job if @fence is a finished
 * fence of a queue on the same (non-NULL) @pipeline that has scheduled fences, else NULL
 * (wait for @fence itself).
 */
struct dma_fence *jq_fence_pipeline_dep(struct dma_fence *fence, const void *pipeline)
{
	struct jq_fence *jf;

	if (!pipeline || !jq_fence_is_jq(fence))
		return NULL;
	jf = to_jq_fence(fence);
	if (jf->tl->pipeline != pipeline || !jf->scheduled)
		return NULL;
	return dma_fence_get(jf->scheduled);
}

/**
 * jq_fence_is_jq() - tell whether a fence is a finished fence of jobqueue.ko
 * @fence: any dma_fence, or NULL
 *
 * Context: any context.
 * Return: true if @fence is one of jobqueue.ko's finished fences.
 */
bool jq_fence_is_jq(struct dma_fence *fence)
{
	return fence && fence->ops == &jq_fence_ops;
}
EXPORT_SYMBOL_GPL(jq_fence_is_jq);

/**
 * jq_fences_alive() - count the live finished fences
 *
 * A fence is live from jq_job_arm() until its last reference is dropped, including after
 * its queue and job are gone. Meant for tests and module-unload checks.
 *
 * Context: any context; sums a per-CPU counter (not for fast paths).
 * Return: the number of initialized finished and scheduled fences not yet released.
 */
unsigned long jq_fences_alive(void)
{
	return percpu_counter_sum_positive(&jq_fences_live);
}
EXPORT_SYMBOL_GPL(jq_fences_alive);

/**
 * jq_fences_setup() - set up the live-fence count, at module init
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: 0 or -ENOMEM.
 */
int jq_fences_setup(void)
{
	return percpu_counter_init(&jq_fences_live, 0, GFP_KERNEL);
}

/**
 * jq_fences_teardown() - free the live-fence count, at module exit
 *
 * No fence is alive then: each one holds the module through its timeline.
 *
 * Context: process context.
 */
void jq_fences_teardown(void)
{
	percpu_counter_destroy(&jq_fences_live);
}
