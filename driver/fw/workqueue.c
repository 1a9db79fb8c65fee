// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware work queues
 *
 * A firmware work queue is a ring of AGX_WQ_SIZE (0x500) command pointers with a QueueInfo
 * and a RingState (asahi-agx-driver.md §2.5), one per pipe of an AGX queue. Its life:
 *
 * - agx_fw_wq_job_begin() (submit, may sleep): takes an event slot if the queue has none
 *   (waiting interruptibly when all 128 are taken) and counts a pending job. Stamp values
 *   continue from the slot's current stamp.
 * - agx_fw_wq_next_value() assigns the commands' stamp values in submission order, in steps
 *   of 0x100; a Barrier shares the value of the command after it.
 * - agx_fw_wq_can_submit() (prepare_job): the ring needs room for the job's commands and
 *   the job's last value may be at most AGX_MAX_JOB_SLOTS (127) steps past the last
 *   completed one; otherwise it returns the hardware fence of the oldest pending command.
 * - agx_fw_wq_submit() (run_job, no allocation): writes the ring, publishes ``cpu_wptr``,
 *   and sends RunWorkQueueMsg on the pipe channel; the caller rings the doorbell.
 * - agx_fw_wq_signal() (receive path): completes every pending command whose value the
 *   slot's stamp has reached; a queue with nothing pending, no job in preparation and
 *   ``RingState.gpu_doneptr`` at its write pointer (the firmware is done with it) gives its
 *   slot back, before the completed fences signal.
 *
 * Completed commands are not freed in the receive path (it signals fences and must not
 * take the allocator's locks): they go to a free list drained by a work item
 * (asahi-agx-driver.md §1.6, newest workqueue.rs).
 *
 * Event slot owners: the owner table (&agx_event_mgr.owner) maps each slot taken by a work
 * queue to that work queue, with a reference; event.c only hands out the slot numbers.
 * A submitter finding all 128 slots taken waits interruptibly (asahi-agx-driver.md §5
 * #8); a firmware crash wakes it with -ENODEV. The receive path dispatches events to the
 * owners: a Flag to agx_fw_slot_signal(), errors to agx_fw_slot_mark_error(), a crash or
 * an unbind to agx_fw_slots_fail_all().
 *
 * Locking: &agx_fw_wq.lock protects the ring, the pending list and the slot of a work
 * queue; &agx_event_mgr.lock the owner table; &agx_gpu.dead_lock the dead contexts. They
 * are never held together: a slot is released, fences signalled and references dropped
 * after the work queue's lock is dropped (agx_fw_wq_signal()). The receive-path functions
 * run under &agx_gpu.rx_lock, in the fence-signalling critical section.
 *
 * Lifetime: the work queue is referenced by its AGX queue, by the event slot while it holds
 * one and by each job built on it. It therefore outlives an AGX queue destroyed with
 * commands in the ring until the firmware is done; its release drops the queue context,
 * whose last put destroys the GPU context through device control (agx_gpu_ctx_work()); the
 * work queue's QueueInfo, RingState, ring and GPBF are freed with the context, once
 * DestroyContext is acknowledged.
 */

#include <linux/dma-fence.h>
#include <linux/export.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "workqueue.h"
#include "buffer.h"
#include "devctl.h"
#include "event.h"
#include "fence.h"
#include "channel.h"

#include "mmu/agx_mmu.h"

/* Queue contexts */

/* Allocate the context's objects: 0, or the first error (the objects are left to free). */
static int agx_fw_qctx_alloc_objs(struct agx_gpu *gpu, struct agx_fw_qctx *q)
{
	q->context = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED,
				     sizeof(struct agx_fw_gpu_context), "GpuContext");
	q->threshold = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED,
				       sizeof(struct agx_fw_threshold), "Threshold");
	q->notifier_list = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED,
					   sizeof(struct agx_fw_notifier_list), "NotifierList");
	q->notifier = agx_fwobj_alloc(gpu->mmu, AGX_POOL_PRIVATE, gpu->layout->notifier_size,
				      "Notifier");
	if (IS_ERR(q->context))
		return PTR_ERR(q->context);
	return PTR_ERR_OR_ZERO(q->threshold) ?: PTR_ERR_OR_ZERO(q->notifier_list) ?:
	       PTR_ERR_OR_ZERO(q->notifier);
}

/* Free the objects agx_fw_qctx_alloc_objs() got (after a failure of one of them). */
static void agx_fw_qctx_free_objs(struct agx_fw_qctx *q)
{
	if (!IS_ERR(q->context))
		agx_fwobj_free(q->context);
	if (!IS_ERR(q->threshold))
		agx_fwobj_free(q->threshold);
	if (!IS_ERR(q->notifier_list))
		agx_fwobj_free(q->notifier_list);
	if (!IS_ERR(q->notifier))
		agx_fwobj_free(q->notifier);
}

/* The initial contents of the context's objects (asahi-agx-driver.md §2.5, §2.7). */
static void agx_fw_qctx_fill(struct agx_gpu *gpu, struct agx_fw_qctx *q)
{
	struct agx_fw_gpu_context *ctx = q->context->cpu;
	struct agx_fw_notifier_list *nl = q->notifier_list->cpu;
	struct agx_fw_notifier *n = q->notifier->cpu;

	memset(ctx, 0, sizeof(*ctx));
	ctx->unk_0 = 0xff;
	ctx->unk_1 = 0xff;
	ctx->unk_5 = 1;
	ctx->unk_1e = 0xff;
	ctx->unk_23 = 2;
	memset(nl, 0, sizeof(*nl));
	nl->list_head.next = q->notifier_list->gpu_va +
			     offsetof(struct agx_fw_notifier_list, list_head);
	memset(q->threshold->cpu, 0, sizeof(struct agx_fw_threshold));
	memset(n, 0, gpu->layout->notifier_size);
	n->threshold = q->threshold->gpu_va;
	n->generation = q->id;
	n->unk_10 = 0x50;
	if (gpu->layout->notifier_size >= sizeof(*n))
		memset(n->state.unk_buf, 0xff, sizeof(n->state.unk_buf));
}

/**
 * agx_fw_qctx_create() - allocate the firmware objects shared by an AGX queue's pipes
 * @gpu: the GPU.
 *
 * GpuContextData with its defaults (fw/workqueue.rs), NotifierList (self-referencing
 * head), Threshold (0) and Notifier {threshold, generation = queue id, unk_10 = 0x50,
 * unk_buf 0xff} (asahi-agx-driver.md §2.5, §2.7).
 *
 * Context: process context; may sleep.
 * Return: the context (one reference, the caller's; it holds a GPU reference), or an
 * ERR_PTR.
 */
struct agx_fw_qctx *agx_fw_qctx_create(struct agx_gpu *gpu)
{
	struct agx_fw_qctx *q = kzalloc(sizeof(*q), GFP_KERNEL);
	int ret;

	if (!q)
		return ERR_PTR(-ENOMEM);
	kref_init(&q->ref);
	q->gpu = gpu;
	q->id = atomic_inc_return(&gpu->next_id);
	INIT_LIST_HEAD(&q->link);
	INIT_LIST_HEAD(&q->dead_wqs);
	ret = agx_fw_qctx_alloc_objs(gpu, q);
	if (ret) {
		agx_fw_qctx_free_objs(q);
		kfree(q);
		return ERR_PTR(ret);
	}
	agx_fw_qctx_fill(gpu, q);
	/* the context outlives its AGX queue until DestroyContext: so does the GPU */
	agx_gpu_get(gpu);
	return q;
}

static void agx_fw_qctx_release(struct kref *ref)
{
	struct agx_fw_qctx *q = container_of(ref, struct agx_fw_qctx, ref);
	struct agx_gpu *gpu = q->gpu;
	unsigned long flags;

	spin_lock_irqsave(&gpu->dead_lock, flags);
	list_add_tail(&q->link, &gpu->dead_ctx);
	spin_unlock_irqrestore(&gpu->dead_lock, flags);
	queue_work(gpu->wq, &gpu->ctx_work);
}

/**
 * agx_fw_qctx_put() - drop a reference on a queue context
 * @qctx: the context (NULL is ignored).
 *
 * The last put queues DestroyContext; the objects are freed once the firmware acknowledged
 * it (or at once after a crash).
 *
 * Context: any.
 */
void agx_fw_qctx_put(struct agx_fw_qctx *qctx)
{
	if (qctx)
		kref_put(&qctx->ref, agx_fw_qctx_release);
}

/* Free the firmware objects of a released work queue (its context is destroyed). */
static void agx_fw_wq_free(struct agx_fw_wq *wq)
{
	agx_fwobj_free(wq->gpu_buf);
	agx_fwobj_free(wq->ring);
	agx_fwobj_free(wq->state);
	agx_fwobj_free(wq->info);
	kfree(wq);
}

/* The next dead context, with its released work queues moved to @wqs; NULL if none. */
static struct agx_fw_qctx *agx_gpu_next_dead_ctx(struct agx_gpu *gpu, struct list_head *wqs)
{
	struct agx_fw_qctx *q;

	spin_lock_irq(&gpu->dead_lock);
	q = list_first_entry_or_null(&gpu->dead_ctx, struct agx_fw_qctx, link);
	if (q) {
		list_del_init(&q->link);
		list_splice_init(&q->dead_wqs, wqs);
	}
	spin_unlock_irq(&gpu->dead_lock);
	return q;
}

/*
 * DestroyContext for a dead context, then free it, its objects and those of its released
 * work queues @wqs, and drop its GPU reference (which may be the last: the GPU is freed
 * only after this work item returns).
 */
static void agx_fw_qctx_destroy(struct agx_gpu *gpu, struct agx_fw_qctx *q,
				struct list_head *wqs)
{
	struct agx_fw_devctl_msg msg = {};
	struct agx_fw_wq *wq, *tmp;

	agx_devctl_destroy_ctx(gpu->layout, &msg, q->context->cpu, q->context->gpu_va);
	if (!agx_gpu_devctl(gpu, &msg))
		atomic_inc(&gpu->stats.contexts_destroyed);
	list_for_each_entry_safe(wq, tmp, wqs, dead_link) {
		list_del(&wq->dead_link);
		agx_fw_wq_free(wq);
	}
	agx_fwobj_free(q->notifier);
	agx_fwobj_free(q->notifier_list);
	agx_fwobj_free(q->threshold);
	agx_fwobj_free(q->context);
	kfree(q);
	agx_gpu_put(gpu);
}

/**
 * agx_gpu_ctx_work() - destroy dead contexts through device control
 * @work: &agx_gpu.ctx_work.
 *
 * For each dead context: DeviceControl DestroyContext (bounded wait; it also flushes the
 * firmware cache, asahi-agx-driver.md §1.6), then free its objects and those of its
 * released work queues (the firmware drops its cached queues with the context), and collect
 * the allocators' garbage.
 *
 * Context: process context (the GPU's workqueue).
 */
void agx_gpu_ctx_work(struct work_struct *work)
{
	struct agx_gpu *gpu = container_of(work, struct agx_gpu, ctx_work);
	struct agx_fw_qctx *q;
	bool any = false;

	for (;;) {
		LIST_HEAD(wqs);

		q = agx_gpu_next_dead_ctx(gpu, &wqs);
		if (!q)
			break;
		agx_fw_qctx_destroy(gpu, q, &wqs);
		any = true;
	}
	if (any && !agx_gpu_is_crashed(gpu))
		agx_mmu_gc(gpu->mmu);
}

/* Work queues */

/* Allocate QueueInfo, RingState, ring and GPBF; on error none is left allocated. */
static int agx_fw_wq_alloc_objs(struct agx_fw_wq *wq)
{
	struct agx_mmu *mmu = wq->gpu->mmu;
	int ret;

	wq->info = agx_fwobj_alloc(mmu, AGX_POOL_PRIVATE, wq->gpu->layout->queue_info_size,
				   "QueueInfo");
	wq->state = agx_fwobj_alloc(mmu, AGX_POOL_SHARED, sizeof(struct agx_fw_ring_state),
				    "RingState");
	wq->ring = agx_fwobj_alloc(mmu, AGX_POOL_PRIVATE, AGX_WQ_SIZE * AGX_FW_RING_ENTRY_SIZE,
				   "Ring");
	wq->gpu_buf = agx_fwobj_alloc(mmu, AGX_POOL_PRIVATE, AGX_GPU_BUF_SIZE, "GPBF");
	ret = PTR_ERR_OR_ZERO(wq->info) ?: PTR_ERR_OR_ZERO(wq->state) ?:
	      PTR_ERR_OR_ZERO(wq->ring) ?: PTR_ERR_OR_ZERO(wq->gpu_buf);
	if (!ret)
		return 0;
	if (!IS_ERR(wq->info))
		agx_fwobj_free(wq->info);
	if (!IS_ERR(wq->state))
		agx_fwobj_free(wq->state);
	if (!IS_ERR(wq->ring))
		agx_fwobj_free(wq->ring);
	if (!IS_ERR(wq->gpu_buf))
		agx_fwobj_free(wq->gpu_buf);
	return ret;
}

/*
 * The Rust driver's PRIORITY[] (fw/workqueue.rs), indexed by the queue's priority; the
 * same tuples as m1n1 cmdqueue.py set_prio().
 */
static const struct agx_fw_priority agx_fw_priorities[AGX_NUM_PRIOS] = {
	{ 0, 0, 0xffffffffffff0000ULL, 1, 0, 1 },
	{ 1, 1, 0xffffffff00000000ULL, 0, 0, 0 },
	{ 2, 2, 0xffff000000000000ULL, 0, 0, 2 },
	{ 3, 3, 0x0000000000000000ULL, 0, 0, 3 },
};

/*
 * The priority tuple of a work queue. Compute queues get p0 = 0, p5 = 1, as the Rust driver
 * does (workqueue.rs: "disable compute preemption until we fix it").
 */
static struct agx_fw_priority agx_fw_wq_priority(u32 pipe, u32 prio)
{
	struct agx_fw_priority p = agx_fw_priorities[prio];

	if (pipe == AGX_PIPE_COMP) {
		p.p0 = 0;
		p.p5 = 1;
	}
	return p;
}

/*
 * The initial ring, GPBF, RingState and QueueInfo (fw/workqueue.rs, workqueue.rs new()):
 * every field the Rust driver writes as zero is zero, including the version-dependent
 * words (unk_84_0, unk_b0) outside the two parts written here.
 */
static void agx_fw_wq_fill(struct agx_fw_wq *wq, struct agx_fw_qctx *qctx)
{
	const struct agx_fw_layout *l = wq->gpu->layout;
	struct agx_fw_ring_state *rs = wq->state->cpu;
	struct agx_fw_queue_info *qi = wq->info->cpu;
	struct agx_fw_queue_info_tail *tail = wq->info->cpu + l->queue_info_tail;

	memset(wq->ring->cpu, 0, wq->ring->size);
	memset(wq->gpu_buf->cpu, 0, wq->gpu_buf->size);
	memset(rs, 0, sizeof(*rs));
	rs->rb_size = AGX_WQ_SIZE;
	memset(wq->info->cpu, 0, l->queue_info_size);
	qi->state = wq->state->gpu_va;
	qi->ring = wq->ring->gpu_va;
	qi->notifier_list = qctx->notifier_list->gpu_va;
	qi->gpu_buf = wq->gpu_buf->gpu_va;
	qi->event_id = -1;
	qi->priority = agx_fw_wq_priority(wq->pipe, wq->prio);
	qi->unk_4c = -1;
	qi->uuid = qctx->id;
	qi->unk_54 = -1;
	tail->gpu_context = qctx->context->gpu_va;
}

/**
 * agx_fw_wq_create() - create a firmware work queue
 * @gpu: the GPU.
 * @qctx: the AGX queue's context; the work queue takes a reference.
 * @pipe: AGX_PIPE_*.
 * @prio: priority 0..3.
 *
 * Context: process context; may sleep.
 * Return: the work queue (one reference, the caller's), or an ERR_PTR: -EINVAL for a
 * priority outside 0..3 (the Rust driver's PRIORITY[] index), -ENOMEM.
 */
struct agx_fw_wq *agx_fw_wq_create(struct agx_gpu *gpu, struct agx_fw_qctx *qctx, u32 pipe,
				   u32 prio)
{
	struct agx_fw_wq *wq;
	int ret;

	if (prio >= AGX_NUM_PRIOS || pipe >= AGX_NUM_PIPE_TYPES)
		return ERR_PTR(-EINVAL);
	wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	if (!wq)
		return ERR_PTR(-ENOMEM);
	kref_init(&wq->ref);
	wq->gpu = gpu;
	wq->pipe = pipe;
	wq->prio = prio;
	wq->slot = -1;
	wq->last_slot = -1;
	wq->is_new = true;
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->pending);
	INIT_LIST_HEAD(&wq->dead_link);
	ret = agx_fw_wq_alloc_objs(wq);
	if (ret) {
		kfree(wq);
		return ERR_PTR(ret);
	}
	kref_get(&qctx->ref);
	wq->qctx = qctx;
	agx_fw_wq_fill(wq, qctx);
	return wq;
}

/**
 * agx_fw_wq_get() - take a reference on a work queue
 * @wq: the work queue.
 *
 * Context: any.
 * Return: @wq.
 */
struct agx_fw_wq *agx_fw_wq_get(struct agx_fw_wq *wq)
{
	kref_get(&wq->ref);
	return wq;
}

/*
 * The firmware keeps the work queue (QueueInfo, RingState, ring) cached until its context
 * is destroyed (asahi-agx-driver.md §6.9, §6.10 #2): the objects go with the context, after
 * DestroyContext is acknowledged (agx_gpu_ctx_work()), not here.
 */
static void agx_fw_wq_release(struct kref *ref)
{
	struct agx_fw_wq *wq = container_of(ref, struct agx_fw_wq, ref);
	struct agx_fw_qctx *qctx = wq->qctx;
	struct agx_gpu *gpu = wq->gpu;
	unsigned long flags;

	WARN_ON(!list_empty(&wq->pending));
	spin_lock_irqsave(&gpu->dead_lock, flags);
	list_add_tail(&wq->dead_link, &qctx->dead_wqs);
	spin_unlock_irqrestore(&gpu->dead_lock, flags);
	agx_fw_qctx_put(qctx);
}

/**
 * agx_fw_wq_put() - drop a reference on a work queue
 * @wq: the work queue (NULL is ignored).
 *
 * Context: process context (the last put frees firmware objects).
 */
void agx_fw_wq_put(struct agx_fw_wq *wq)
{
	if (wq)
		kref_put(&wq->ref, agx_fw_wq_release);
}
EXPORT_SYMBOL_IF_KUNIT(agx_fw_wq_put);

/* Event slot owners */

/* Take a slot for @wq with a reference on it: the slot, -1 if none is free, or -ENODEV. */
static int agx_fw_wq_slot_try(struct agx_fw_wq *wq)
{
	struct agx_event_mgr *ev = &wq->gpu->ev;
	int slot;

	if (agx_gpu_is_crashed(wq->gpu))
		return -ENODEV;
	spin_lock(&ev->lock);
	slot = agx_event_take_locked(wq->gpu, wq->last_slot);
	if (slot >= 0)
		ev->owner[slot] = agx_fw_wq_get(wq);
	spin_unlock(&ev->lock);
	return slot;
}

/* A slot is free, or the firmware crashed (the waiter must look). */
static bool agx_fw_slot_available(struct agx_gpu *gpu)
{
	bool free;

	if (agx_gpu_is_crashed(gpu))
		return true;
	spin_lock(&gpu->ev.lock);
	free = agx_event_any_free_locked(gpu);
	spin_unlock(&gpu->ev.lock);
	return free;
}

/*
 * Take an event slot for @wq; the slot holds a reference on @wq until
 * agx_fw_slot_release(). Waits interruptibly while all slots are taken (asahi-agx-driver.md
 * §5 #8); a firmware crash wakes the waiters. Returns the slot (0..127), -ERESTARTSYS or
 * -ENODEV.
 */
static int agx_fw_wq_slot_acquire(struct agx_fw_wq *wq)
{
	struct agx_gpu *gpu = wq->gpu;
	int slot = agx_fw_wq_slot_try(wq);

	if (slot != -1)
		return slot;
	atomic_inc(&gpu->ev.waiters);
	for (;;) {
		if (wait_event_interruptible(gpu->ev.wait, agx_fw_slot_available(gpu))) {
			slot = -ERESTARTSYS;
			break;
		}
		slot = agx_fw_wq_slot_try(wq);
		if (slot != -1)
			break;
	}
	atomic_dec(&gpu->ev.waiters);
	return slot;
}

/* Give @slot back and drop its owner's reference (process context: @wq may be released). */
static void agx_fw_slot_release(struct agx_gpu *gpu, int slot)
{
	struct agx_event_mgr *ev = &gpu->ev;
	struct agx_fw_wq *wq;

	spin_lock(&ev->lock);
	wq = ev->owner[slot];
	ev->owner[slot] = NULL;
	agx_event_give_locked(gpu, slot);
	spin_unlock(&ev->lock);
	wake_up_all(&ev->wait);
	if (wq)
		agx_fw_wq_put(wq);
}

/**
 * agx_event_owner() - the work queue holding an event slot
 * @gpu: the GPU.
 * @slot: the slot (out-of-range values give NULL).
 *
 * Context: any; takes &agx_event_mgr.lock.
 * Return: a new reference on the owner (drop it with agx_fw_wq_put()), or NULL if the slot
 * is free.
 */
struct agx_fw_wq *agx_event_owner(struct agx_gpu *gpu, int slot)
{
	struct agx_fw_wq *wq = NULL;

	if (slot < 0 || slot >= AGX_NUM_EVENTS)
		return NULL;
	spin_lock(&gpu->ev.lock);
	if (gpu->ev.owner[slot])
		wq = agx_fw_wq_get(gpu->ev.owner[slot]);
	spin_unlock(&gpu->ev.lock);
	return wq;
}
EXPORT_SYMBOL_IF_KUNIT(agx_event_owner);

/*
 * Under wq->lock: give the slot back if nothing needs it; returns the slot to release.
 *
 * The firmware is done with the queue when every command is retired by the stamps *and*
 * it has moved the ring's done pointer past them: it writes a command's stamps before it
 * advances RingState.gpu_doneptr (asahi-agx-driver.md §6.5 steps 5-6), and until then the
 * queue is busy and must keep its slot (§6.10 #4). The Flag for the last stamp is posted
 * after the advance, so a signal that saw the stamp early is followed by one that sees
 * the done pointer. @force (firmware crash), or a GPU already dead when a job built before
 * the crash or unbind is cancelled, skips the check.
 */
static int agx_fw_wq_maybe_idle(struct agx_fw_wq *wq, bool force)
{
	struct agx_fw_ring_state *rs = wq->state->cpu;
	int slot = wq->slot;

	lockdep_assert_held(&wq->lock);
	if (slot < 0 || wq->nr_pending || wq->pending_jobs)
		return -1;
	/* a dead firmware (crash, unbind) holds on to nothing */
	if (!force && !agx_gpu_is_crashed(wq->gpu) && READ_ONCE(rs->gpu_doneptr) != wq->wptr)
		return -1;
	wq->last_slot = slot;
	wq->slot = -1;
	return slot;
}

/**
 * agx_fw_wq_job_begin() - a job is being built on the work queue
 * @wq: the work queue.
 *
 * Takes an event slot if the queue holds none (waits interruptibly while all are taken).
 * Must be balanced by agx_fw_wq_submit() or agx_fw_wq_job_cancel(). Callers serialize
 * the building of jobs per work queue.
 *
 * Context: process context; may sleep.
 * Return: 0, -ERESTARTSYS, or -ENODEV after a firmware crash.
 */
int agx_fw_wq_job_begin(struct agx_fw_wq *wq)
{
	u32 stamp;
	int slot;

	spin_lock(&wq->lock);
	if (wq->slot >= 0) {
		wq->pending_jobs++;
		spin_unlock(&wq->lock);
		return 0;
	}
	spin_unlock(&wq->lock);
	slot = agx_fw_wq_slot_acquire(wq);
	if (slot < 0)
		return slot;
	stamp = agx_event_stamp(wq->gpu, slot);
	spin_lock(&wq->lock);
	wq->slot = slot;
	wq->next_value = stamp;
	wq->completed_value = stamp;
	wq->pending_jobs++;
	spin_unlock(&wq->lock);
	return 0;
}

/**
 * agx_fw_wq_next_value() - assign the next stamp value
 * @wq: the work queue, between agx_fw_wq_job_begin() and submit/cancel.
 *
 * Context: any.
 * Return: the value (previous + 0x100, asahi-agx-driver.md §2.6).
 */
u32 agx_fw_wq_next_value(struct agx_fw_wq *wq)
{
	u32 v;

	spin_lock(&wq->lock);
	wq->next_value += AGX_STAMP_STEP;
	v = wq->next_value;
	spin_unlock(&wq->lock);
	return v;
}

/**
 * agx_fw_wq_last() - the event slot and stamp value of the last command built
 * @wq: the work queue.
 * @slot: set to the slot the work queue holds, or -1 when it is idle.
 * @value: set to the stamp value of its last command.
 *
 * Both are read under one lock: the receive path may release the slot of an idle work
 * queue at any time, so a barrier must not read the slot twice.
 *
 * Context: any.
 * Return: true if the work queue holds a slot (has commands the firmware may still run).
 */
bool agx_fw_wq_last(struct agx_fw_wq *wq, int *slot, u32 *value)
{
	spin_lock(&wq->lock);
	*slot = wq->slot;
	*value = wq->next_value;
	spin_unlock(&wq->lock);
	return *slot >= 0;
}

/**
 * agx_fw_wq_slot() - the event slot the work queue holds
 * @wq: the work queue.
 *
 * Context: any; stable between agx_fw_wq_job_begin() and the job's completion.
 * Return: the slot or -1.
 */
int agx_fw_wq_slot(struct agx_fw_wq *wq)
{
	return READ_ONCE(wq->slot);
}

/**
 * agx_fw_wq_job_cancel() - a job built on the work queue will never be submitted
 * @wq: the work queue.
 *
 * Context: process context.
 */
void agx_fw_wq_job_cancel(struct agx_fw_wq *wq)
{
	int slot;

	spin_lock(&wq->lock);
	if (!WARN_ON(!wq->pending_jobs))
		wq->pending_jobs--;
	slot = agx_fw_wq_maybe_idle(wq, false);
	spin_unlock(&wq->lock);
	if (slot >= 0)
		agx_fw_slot_release(wq->gpu, slot);
}

/**
 * agx_fw_wq_can_submit() - is there room for a job?
 * @wq: the work queue.
 * @ncmds: ring entries the job needs.
 * @last_value: stamp value of the job's last command.
 *
 * Room means @ncmds free ring entries (one stays empty) and at most AGX_MAX_JOB_SLOTS
 * stamp steps in flight including the job (asahi-agx-driver.md §2.5 can_submit()).
 *
 * Context: process context (prepare_job); does not allocate.
 * Return: NULL if the job fits; else a reference to the hardware fence of the oldest
 * pending command, which signals when room may have appeared.
 */
struct dma_fence *agx_fw_wq_can_submit(struct agx_fw_wq *wq, unsigned int ncmds,
				       u32 last_value)
{
	struct dma_fence *fence = NULL;
	struct agx_fw_work *w;

	spin_lock(&wq->lock);
	if (AGX_WQ_SIZE - wq->nr_pending - 1 >= ncmds &&
	    agx_stamp_delta(last_value, wq->completed_value) <= AGX_MAX_JOB_SLOTS)
		goto out;
	list_for_each_entry(w, &wq->pending, link) {
		if (w->fence) {
			fence = dma_fence_get(&w->fence->base);
			break;
		}
	}
out:
	spin_unlock(&wq->lock);
	return fence;
}
EXPORT_SYMBOL_IF_KUNIT(agx_fw_wq_can_submit);

/**
 * agx_fw_wq_submit() - write commands into the ring and tell the firmware
 * @wq: the work queue.
 * @works: the commands, in order; ownership passes to the work queue.
 * @n: number of commands.
 *
 * Writes the command VAs at ``wptr``, publishes ``RingState.cpu_wptr`` and sends
 * RunWorkQueueMsg{pipe, QueueInfo, wptr, event slot, is_new} on the pipe channel of the
 * queue's priority (asahi-agx-driver.md §2.5 submit()/run()). The caller rings the
 * doorbell. Ends the job begun with agx_fw_wq_job_begin().
 *
 * Context: process context (run_job); never allocates; may sleep briefly if the pipe
 * channel is full.
 * Return: 0 or -ETIMEDOUT (pipe channel full): the commands are in the ring either way
 * and complete through the normal path (or error handling); -ENODEV if the firmware is
 * dead or the device unbound: nothing was written, the commands and the job stay the
 * caller's.
 */
int agx_fw_wq_submit(struct agx_fw_wq *wq, struct agx_fw_work **works, unsigned int n)
{
	struct agx_gpu *gpu = wq->gpu;
	struct agx_fw_ring_state *rs = wq->state->cpu;
	struct agx_fw_run_wq_msg msg = {};
	u64 *ring = wq->ring->cpu;
	unsigned int i;

	spin_lock(&wq->lock);
	/*
	 * Checked under the lock agx_fw_wq_fail_all() takes: a dead GPU's fail_all has run or
	 * will find these commands, so none is left pending for a firmware that is gone.
	 */
	if (agx_gpu_is_crashed(gpu)) {
		spin_unlock(&wq->lock);
		return -ENODEV;
	}
	for (i = 0; i < n; i++) {
		WARN_ON(wq->nr_pending >= AGX_WQ_SIZE - 1);
		WRITE_ONCE(ring[wq->wptr], works[i]->cmd->gpu_va);
		wq->wptr = (wq->wptr + 1) % AGX_WQ_SIZE;
		list_add_tail(&works[i]->link, &wq->pending);
		wq->nr_pending++;
	}
	if (!WARN_ON(!wq->pending_jobs))
		wq->pending_jobs--;
	/* ring entries before the write pointer */
	wmb();
	WRITE_ONCE(rs->cpu_wptr, wq->wptr);
	msg.pipe_type = wq->pipe;
	msg.work_queue = wq->info->gpu_va;
	msg.wptr = wq->wptr;
	msg.event_slot = wq->slot;
	msg.is_new = wq->is_new;
	wq->is_new = false;
	spin_unlock(&wq->lock);
	return agx_chan_put(&gpu->pipes[wq->prio][wq->pipe], &msg, sizeof(msg), false, NULL);
}

/* Complete @list (taken off a work queue) outside its lock. */
static void agx_fw_works_complete(struct agx_gpu *gpu, struct list_head *list)
{
	struct agx_fw_work *w, *tmp;

	list_for_each_entry_safe(w, tmp, list, link) {
		list_del(&w->link);
		if (w->fence) {
			agx_hw_fence_done(w->fence, agx_work_errno(w->error));
			dma_fence_put(&w->fence->base);
			w->fence = NULL;
		}
		agx_fw_work_free(gpu, w);
	}
}

/* Under wq->lock: move the commands the stamp has reached to @done. */
static void agx_fw_wq_collect(struct agx_fw_wq *wq, struct list_head *done)
{
	struct agx_fw_work *w, *tmp;
	u32 stamp;

	lockdep_assert_held(&wq->lock);
	if (wq->slot < 0)
		return;
	stamp = agx_event_stamp(wq->gpu, wq->slot);
	if (agx_stamp_delta(stamp, wq->completed_value) < 0)
		dev_warn_ratelimited(wq->gpu->dev, "agx: event %d rolled back?\n", wq->slot);
	else
		wq->completed_value = stamp;
	list_for_each_entry_safe(w, tmp, &wq->pending, link) {
		if (!agx_stamp_reached(stamp, w->value))
			break;
		list_move_tail(&w->link, done);
		wq->nr_pending--;
	}
	if (list_empty(&wq->pending))
		WRITE_ONCE(((struct agx_fw_ring_state *)wq->state->cpu)->cpu_freeptr, wq->wptr);
}

/**
 * agx_fw_wq_signal() - the work queue's event slot was flagged
 * @wq: the work queue.
 *
 * Completes the commands the stamp has reached; releases the slot when idle.
 *
 * Context: process context (the receive path).
 */
void agx_fw_wq_signal(struct agx_fw_wq *wq)
{
	LIST_HEAD(done);
	int slot;

	spin_lock(&wq->lock);
	agx_fw_wq_collect(wq, &done);
	slot = agx_fw_wq_maybe_idle(wq, false);
	spin_unlock(&wq->lock);
	/* slot before fences: a submit the completion wakes gets the queue's slot back */
	if (slot >= 0)
		agx_fw_slot_release(wq->gpu, slot);
	agx_fw_works_complete(wq->gpu, &done);
}

/**
 * agx_fw_wq_mark_error() - record an error for pending commands up to a value
 * @wq: the work queue.
 * @value: commands with a value up to this one (wrap-safe) get the error.
 * @err: the error.
 * @fault_slot: for %AGX_WERR_FAULT, the faulting VM slot: commands of other VMs get
 *	%AGX_WERR_KILLED (asahi-agx-driver.md §1.7).
 *
 * Completed commands are collected first, so they count as successes. The commands keep
 * running; they complete with the error when the firmware writes their stamps.
 *
 * Context: process context (the receive path).
 */
void agx_fw_wq_mark_error(struct agx_fw_wq *wq, u32 value, enum agx_work_err err,
			  u32 fault_slot)
{
	struct agx_fw_work *w;
	LIST_HEAD(done);
	int slot;

	spin_lock(&wq->lock);
	agx_fw_wq_collect(wq, &done);
	list_for_each_entry(w, &wq->pending, link) {
		if (!agx_stamp_reached(value, w->value))
			break;
		if (w->error)
			continue;
		w->error = err;
		if (err == AGX_WERR_FAULT && w->vm_slot != fault_slot)
			w->error = AGX_WERR_KILLED;
	}
	slot = agx_fw_wq_maybe_idle(wq, false);
	spin_unlock(&wq->lock);
	if (slot >= 0)
		agx_fw_slot_release(wq->gpu, slot);
	agx_fw_works_complete(wq->gpu, &done);
}

/**
 * agx_fw_wq_fail_all() - complete every pending command with an error
 * @wq: the work queue.
 * @err: the error (%AGX_WERR_NODEV after a firmware crash).
 *
 * Context: process context.
 */
void agx_fw_wq_fail_all(struct agx_fw_wq *wq, enum agx_work_err err)
{
	struct agx_fw_work *w;
	LIST_HEAD(done);
	int slot;

	spin_lock(&wq->lock);
	list_splice_init(&wq->pending, &done);
	wq->nr_pending = 0;
	slot = agx_fw_wq_maybe_idle(wq, true);
	spin_unlock(&wq->lock);
	list_for_each_entry(w, &done, link)
		if (!w->error)
			w->error = err;
	if (slot >= 0)
		agx_fw_slot_release(wq->gpu, slot);
	agx_fw_works_complete(wq->gpu, &done);
}

/**
 * agx_fw_work_destroy() - free a firmware command now
 * @work: the command, no longer in any ring or list; its fence reference, if it still
 *	holds one, is dropped.
 *
 * Context: process context (frees firmware objects).
 */
void agx_fw_work_destroy(struct agx_fw_work *work)
{
	if (work->fence)
		dma_fence_put(&work->fence->base);
	agx_fwobj_free(work->microseq);
	agx_fwobj_free(work->cmd);
	agx_fw_scene_put(work->scene);
	if (!IS_ERR_OR_NULL(work->preempt))
		agx_fwobj_free(work->preempt);
	agx_heap_put(work->heap);	/* after the object: the heap holds its range */
	kfree(work);
}

/**
 * agx_fw_work_free() - free a firmware command (deferred)
 * @gpu: the GPU.
 * @work: the command, no longer in any ring or list.
 *
 * Context: any; the objects are freed by a work item.
 */
void agx_fw_work_free(struct agx_gpu *gpu, struct agx_fw_work *work)
{
	if (llist_add(&work->free_node, &gpu->free_list))
		queue_work(gpu->wq, &gpu->free_work);
}

/**
 * agx_gpu_free_work() - free completed firmware commands
 * @work: &agx_gpu.free_work.
 *
 * Context: process context.
 */
void agx_gpu_free_work(struct work_struct *work)
{
	struct agx_gpu *gpu = container_of(work, struct agx_gpu, free_work);
	struct llist_node *list = llist_del_all(&gpu->free_list);
	struct agx_fw_work *w, *tmp;

	llist_for_each_entry_safe(w, tmp, list, free_node)
		agx_fw_work_destroy(w);
}

/* Dispatch: what the receive path and the crash path do to the owner of a slot */

/**
 * agx_fw_slot_signal() - the firmware flagged an event slot
 * @gpu: the GPU.
 * @slot: the slot; a signal for a free slot is ignored.
 *
 * Hands the slot to its work queue (agx_fw_wq_signal()), which reads the stamp.
 *
 * Context: process context, the receive path (&agx_gpu.rx_lock held, fence-signalling
 * critical section).
 */
void agx_fw_slot_signal(struct agx_gpu *gpu, int slot)
{
	struct agx_fw_wq *wq = agx_event_owner(gpu, slot);

	lockdep_assert_held(&gpu->rx_lock);
	if (!wq) {
		dev_dbg(gpu->dev, "agx: signal for free event slot %d\n", slot);
		return;
	}
	agx_fw_wq_signal(wq);
	agx_fw_wq_put(wq);
}

/**
 * agx_fw_slot_mark_error() - record an error for the commands of an event slot
 * @gpu: the GPU.
 * @slot: the slot.
 * @value: commands up to this stamp value get the error.
 * @err: the error.
 * @fault_slot: VM slot of a fault (commands of other VMs get Killed instead).
 *
 * Context: process context, the receive path (&agx_gpu.rx_lock held, fence-signalling
 * critical section).
 */
void agx_fw_slot_mark_error(struct agx_gpu *gpu, int slot, u32 value, enum agx_work_err err,
			    u32 fault_slot)
{
	struct agx_fw_wq *wq = agx_event_owner(gpu, slot);

	lockdep_assert_held(&gpu->rx_lock);
	if (!wq)
		return;
	agx_fw_wq_mark_error(wq, value, err, fault_slot);
	agx_fw_wq_put(wq);
}

/**
 * agx_fw_slots_fail_all() - fail every submitted command (firmware crash, unbind)
 * @gpu: the GPU, marked dead (agx_gpu_mark_dead()).
 * @err: the error.
 *
 * Also wakes submitters waiting for an event or buffer-manager slot. Signals hardware
 * fences: runs as a fence-signalling critical section.
 *
 * Context: process context; not under &agx_gpu.rx_lock.
 */
void agx_fw_slots_fail_all(struct agx_gpu *gpu, enum agx_work_err err)
{
	bool cookie = dma_fence_begin_signalling();
	int i;

	for (i = 0; i < AGX_NUM_EVENTS; i++) {
		struct agx_fw_wq *wq = agx_event_owner(gpu, i);

		if (!wq)
			continue;
		agx_fw_wq_fail_all(wq, err);
		agx_fw_wq_put(wq);
	}
	wake_up_all(&gpu->ev.wait);
	agx_bm_slots_wake(gpu);
	dma_fence_end_signalling(cookie);
}
