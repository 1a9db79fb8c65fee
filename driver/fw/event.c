// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Event slots and stamps
 *
 * 128 event slots (asahi-agx-driver.md §2.6). Each slot has a Stamp in the shared pool,
 * which the driver reads, and an FwStamp in the private pool, on which firmware barriers
 * wait. Stamp values advance by 0x100 per command and are compared wrap-safely
 * (agx_stamp_delta(), agx_stamp_reached()).
 *
 * A firmware work queue holds a slot while it has work (built, submitted or running); the
 * slot holds a reference on the work queue, so the work queue and its firmware-visible
 * objects stay alive as long as the firmware may signal through the slot. Allocation is
 * sticky (a work queue gets its previous slot back if nobody used it since) and otherwise
 * least-recently-released first. When all 128 are taken, submitters wait interruptibly
 * (asahi-agx-driver.md §5 #8); a firmware crash wakes them with -ENODEV.
 *
 * The firmware reports completions with a Flag event whose bitmap names the slots;
 * agx_event_signal() hands each to its owner, which reads the stamp.
 */

#include <linux/export.h>
#include <linux/sched/signal.h>
#include <linux/string.h>

#include "agx_fw.h"

/**
 * agx_event_init() - allocate the stamp arrays
 * @gpu: the GPU.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno (left for agx_event_fini()).
 */
int agx_event_init(struct agx_gpu *gpu)
{
	struct agx_event_mgr *ev = &gpu->ev;
	size_t sz = AGX_NUM_EVENTS * sizeof(struct agx_fw_stamp);

	spin_lock_init(&ev->lock);
	init_waitqueue_head(&ev->wait);
	ev->stamps = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED, sz, "stamps");
	if (IS_ERR(ev->stamps))
		return PTR_ERR(ev->stamps);
	ev->fw_stamps = agx_fwobj_alloc(gpu->mmu, AGX_POOL_PRIVATE, sz, "fw_stamps");
	if (IS_ERR(ev->fw_stamps))
		return PTR_ERR(ev->fw_stamps);
	memset(ev->stamps->cpu, 0, sz);
	memset(ev->fw_stamps->cpu, 0, sz);
	return 0;
}

/**
 * agx_event_fini() - free the stamp arrays
 * @gpu: the GPU; every slot must be free and the firmware stopped.
 *
 * Context: process context; may sleep.
 */
void agx_event_fini(struct agx_gpu *gpu)
{
	unsigned int i;

	for (i = 0; i < AGX_NUM_EVENTS; i++)
		if (gpu->ev.owner[i])
			dev_err(gpu->dev, "agx: event slot %u still owned at teardown\n", i);
	if (!IS_ERR_OR_NULL(gpu->ev.fw_stamps))
		agx_fwobj_free(gpu->ev.fw_stamps);
	if (!IS_ERR_OR_NULL(gpu->ev.stamps))
		agx_fwobj_free(gpu->ev.stamps);
}

static int agx_event_try(struct agx_gpu *gpu, struct agx_fw_wq *wq)
{
	struct agx_event_mgr *ev = &gpu->ev;
	int best = -1, i;

	if (READ_ONCE(gpu->crashed))
		return -ENODEV;
	spin_lock(&ev->lock);
	i = wq->last_slot;
	if (i >= 0 && !ev->owner[i])
		best = i;
	if (best < 0) {
		for (i = 0; i < AGX_NUM_EVENTS; i++) {
			if (ev->owner[i])
				continue;
			if (best < 0 || ev->last_used[i] < ev->last_used[best])
				best = i;
		}
	}
	if (best >= 0)
		ev->owner[best] = agx_fw_wq_get(wq);
	spin_unlock(&ev->lock);
	return best;
}

/* A slot is free, or the firmware crashed (the waiter must look). */
static bool agx_event_free(struct agx_gpu *gpu)
{
	bool free = READ_ONCE(gpu->crashed);
	int i;

	spin_lock(&gpu->ev.lock);
	for (i = 0; !free && i < AGX_NUM_EVENTS; i++)
		free = !gpu->ev.owner[i];
	spin_unlock(&gpu->ev.lock);
	return free;
}

/**
 * agx_event_acquire() - take an event slot for a work queue
 * @gpu: the GPU.
 * @wq: the work queue; the slot takes a reference on it until agx_event_release().
 *
 * Waits interruptibly while all slots are taken.
 *
 * Context: process context; sleeps.
 * Return: the slot (0..127), -ERESTARTSYS if interrupted, -ENODEV after a firmware crash.
 */
int agx_event_acquire(struct agx_gpu *gpu, struct agx_fw_wq *wq)
{
	int slot = agx_event_try(gpu, wq);

	if (slot != -1)
		return slot;
	atomic_inc(&gpu->ev.waiters);
	for (;;) {
		if (wait_event_interruptible(gpu->ev.wait, agx_event_free(gpu))) {
			slot = -ERESTARTSYS;
			break;
		}
		slot = agx_event_try(gpu, wq);
		if (slot != -1)
			break;
	}
	atomic_dec(&gpu->ev.waiters);
	return slot;
}

/**
 * agx_event_release() - give a slot back
 * @gpu: the GPU.
 * @slot: the slot; its owner's reference is dropped.
 *
 * Context: process context (the work queue may be freed).
 */
void agx_event_release(struct agx_gpu *gpu, int slot)
{
	struct agx_event_mgr *ev = &gpu->ev;
	struct agx_fw_wq *wq;

	spin_lock(&ev->lock);
	wq = ev->owner[slot];
	ev->owner[slot] = NULL;
	ev->last_used[slot] = ++ev->clock;
	spin_unlock(&ev->lock);
	wake_up_all(&ev->wait);
	if (wq)
		agx_fw_wq_put(wq);
}

/**
 * agx_event_stamp() - current value of a slot's stamp
 * @gpu: the GPU.
 * @slot: the slot.
 *
 * Context: any.
 * Return: the value the firmware last wrote.
 */
u32 agx_event_stamp(struct agx_gpu *gpu, int slot)
{
	struct agx_fw_stamp *s = gpu->ev.stamps->cpu;

	return READ_ONCE(s[slot].value);
}

/**
 * agx_event_stamp_va() - GPU VA of a slot's Stamp
 * @gpu: the GPU.
 * @slot: the slot.
 *
 * Context: any.
 * Return: the GPU VA (kernel VM).
 */
u64 agx_event_stamp_va(struct agx_gpu *gpu, int slot)
{
	return gpu->ev.stamps->gpu_va + slot * sizeof(struct agx_fw_stamp);
}

/**
 * agx_event_fw_stamp_va() - GPU VA of a slot's FwStamp
 * @gpu: the GPU.
 * @slot: the slot.
 *
 * Context: any.
 * Return: the GPU VA (kernel VM).
 */
u64 agx_event_fw_stamp_va(struct agx_gpu *gpu, int slot)
{
	return gpu->ev.fw_stamps->gpu_va + slot * sizeof(struct agx_fw_stamp);
}

/**
 * agx_event_owner() - the work queue holding a slot
 * @gpu: the GPU.
 * @slot: the slot (out-of-range values give NULL).
 *
 * Context: any.
 * Return: a new reference on the owner, or NULL if the slot is free.
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
EXPORT_SYMBOL_GPL(agx_event_owner);

/**
 * agx_event_signal() - the firmware flagged a slot
 * @gpu: the GPU.
 * @slot: the slot; a signal for a free slot is ignored.
 *
 * Context: process context (the receive path).
 */
void agx_event_signal(struct agx_gpu *gpu, int slot)
{
	struct agx_fw_wq *wq = agx_event_owner(gpu, slot);

	if (!wq) {
		dev_dbg(gpu->dev, "agx: signal for free event slot %d\n", slot);
		return;
	}
	agx_fw_wq_signal(wq);
	agx_fw_wq_put(wq);
}

/**
 * agx_event_mark_error() - record an error for the commands of a slot
 * @gpu: the GPU.
 * @slot: the slot.
 * @value: commands up to this stamp value get the error.
 * @err: the error.
 * @fault_slot: VM slot of a fault (commands of other VMs get Killed instead).
 *
 * Context: process context (the receive path).
 */
void agx_event_mark_error(struct agx_gpu *gpu, int slot, u32 value, enum agx_work_err err,
			  u32 fault_slot)
{
	struct agx_fw_wq *wq = agx_event_owner(gpu, slot);

	if (!wq)
		return;
	agx_fw_wq_mark_error(wq, value, err, fault_slot);
	agx_fw_wq_put(wq);
}

/**
 * agx_event_fail_all() - fail every submitted command (firmware crash)
 * @gpu: the GPU.
 * @err: the error.
 *
 * Also wakes submitters waiting for a slot.
 *
 * Context: process context.
 */
void agx_event_fail_all(struct agx_gpu *gpu, enum agx_work_err err)
{
	int i;

	for (i = 0; i < AGX_NUM_EVENTS; i++) {
		struct agx_fw_wq *wq = agx_event_owner(gpu, i);

		if (!wq)
			continue;
		agx_fw_wq_fail_all(wq, err);
		agx_fw_wq_put(wq);
	}
	wake_up_all(&gpu->ev.wait);
}
