// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Event slots and stamps
 *
 * 128 event slots (asahi-agx-driver.md §2.6). Each slot has a Stamp in the shared pool,
 * which the driver reads, and an FwStamp in the private pool, on which firmware barriers
 * wait. Stamp values advance by 0x100 per command and are compared wrap-safely
 * (agx_stamp_delta(), agx_stamp_reached()).
 *
 * This file knows slot numbers and stamps only: the stamp arrays, their VAs and values,
 * and which slot numbers are taken. Allocation is sticky (a work queue gets its previous
 * slot back if nobody used it since) and otherwise least-recently-released first
 * (agx_event_take_locked(), agx_event_give_locked()). Who holds a slot, the wait for a free
 * one and the dispatch of a Flag to the slot's owner are the work queues' (workqueue.c,
 * "Event slot owners"). A leaf of driver/fw: it calls no other file of the firmware layer.
 *
 * Locking: &agx_event_mgr.lock (a spinlock, never nested with another lock of driver/fw)
 * protects @busy, @last_used, @clock and the owner table; the ``_locked`` functions
 * need it (asserted with lockdep). The stamp accessors take no lock.
 */

#include <linux/bitmap.h>
#include <linux/lockdep.h>
#include <linux/string.h>

#include "event.h"

#include "mmu/agx_mmu.h"

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

	for_each_set_bit(i, gpu->ev.busy, AGX_NUM_EVENTS)
		dev_err(gpu->dev, "agx: event slot %u still owned at teardown\n", i);
	if (!IS_ERR_OR_NULL(gpu->ev.fw_stamps))
		agx_fwobj_free(gpu->ev.fw_stamps);
	if (!IS_ERR_OR_NULL(gpu->ev.stamps))
		agx_fwobj_free(gpu->ev.stamps);
}

/**
 * agx_event_take_locked() - take a free slot number
 * @gpu: the GPU.
 * @hint: the slot the caller held last, or -1: taken if still free (sticky reuse).
 *
 * Otherwise the free slot released least recently (slots never used first).
 *
 * Context: &agx_event_mgr.lock held.
 * Return: the slot (0..127), or -1 if all are taken.
 */
int agx_event_take_locked(struct agx_gpu *gpu, int hint)
{
	struct agx_event_mgr *ev = &gpu->ev;
	int best = -1, i;

	lockdep_assert_held(&ev->lock);
	if (hint >= 0 && hint < AGX_NUM_EVENTS && !test_bit(hint, ev->busy)) {
		__set_bit(hint, ev->busy);
		return hint;
	}
	for (i = 0; i < AGX_NUM_EVENTS; i++) {
		if (test_bit(i, ev->busy))
			continue;
		if (best < 0 || ev->last_used[i] < ev->last_used[best])
			best = i;
	}
	if (best >= 0)
		__set_bit(best, ev->busy);
	return best;
}

/**
 * agx_event_give_locked() - give a slot number back
 * @gpu: the GPU.
 * @slot: a slot taken with agx_event_take_locked().
 *
 * Context: &agx_event_mgr.lock held.
 */
void agx_event_give_locked(struct agx_gpu *gpu, int slot)
{
	struct agx_event_mgr *ev = &gpu->ev;

	lockdep_assert_held(&ev->lock);
	__clear_bit(slot, ev->busy);
	ev->last_used[slot] = ++ev->clock;
}

/**
 * agx_event_any_free_locked() - is a slot number free?
 * @gpu: the GPU.
 *
 * Context: &agx_event_mgr.lock held.
 * Return: true if agx_event_take_locked() would succeed.
 */
bool agx_event_any_free_locked(struct agx_gpu *gpu)
{
	lockdep_assert_held(&gpu->ev.lock);
	return !bitmap_full(gpu->ev.busy, AGX_NUM_EVENTS);
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
