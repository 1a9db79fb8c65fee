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
 * - the driver name is a string constant of this module, and each initialized fence holds a
 *   module reference, dropped as the last step of its release, so ``rmmod jobqueue`` fails
 *   (delete_module() returns -EWOULDBLOCK, i.e. EAGAIN) while any fence is alive, and
 *   succeeds once all are released;
 * - fence and timeline memory are freed after an RCU grace period, as dma_fence_free() does,
 *   for readers that found the fence under RCU.
 *
 * Residual window: module_put() is the last call of the release function, but the few
 * instructions that return from it still run in this module's text. The module exit
 * function waits for an RCU grace period (rcu_barrier()), which closes the window in
 * practice because fence releases do not sleep; it is the same window every module that
 * puts its own reference has.
 */

#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "jq_internal.h"

static atomic_long_t jq_fences_live = ATOMIC_LONG_INIT(0);

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

/*
 * Called by dma_fence_release() when the last reference goes, in any context. The module
 * reference is dropped last: after it, this module may be unloaded.
 */
static void jq_fence_release(struct dma_fence *fence)
{
	struct jq_fence *jf = to_jq_fence(fence);

	jq_timeline_put(jf->tl);
	atomic_long_dec(&jq_fences_live);
	kfree_rcu(jf, base.rcu);
	module_put(THIS_MODULE);
}

static const struct dma_fence_ops jq_fence_ops = {
	.use_64bit_seqno = true,
	.get_driver_name = jq_fence_get_driver_name,
	.get_timeline_name = jq_fence_get_timeline_name,
	.release = jq_fence_release,
};

/**
 * jq_timeline_create() - allocate a timeline for a queue's fences
 * @name: the queue's name, copied
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: the timeline with one reference for the caller, or NULL on allocation failure.
 */
struct jq_timeline *jq_timeline_create(const char *name)
{
	size_t len = strlen(name) + 1;
	struct jq_timeline *tl;

	tl = kmalloc(struct_size(tl, name, len), GFP_KERNEL);
	if (!tl)
		return NULL;
	kref_init(&tl->ref);
	spin_lock_init(&tl->lock);
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
 * @context: the queue's fence context
 * @seqno: the job's seqno
 *
 * Takes a module reference, held until the fence is released (R6). The caller owns the one
 * fence reference created here.
 *
 * Context: any context; does not allocate.
 */
void jq_fence_init(struct jq_fence *fence, struct jq_timeline *tl, u64 context, u64 seqno)
{
	__module_get(THIS_MODULE);
	atomic_long_inc(&jq_fences_live);
#ifndef JQ_NEGATIVE_CONTROL	/* stress/README.rst: the stress test must catch its absence */
	kref_get(&tl->ref);
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
 * Context: any context.
 * Return: the number of initialized finished fences not yet released.
 */
unsigned long jq_fences_alive(void)
{
	return atomic_long_read(&jq_fences_live);
}
EXPORT_SYMBOL_GPL(jq_fences_alive);
