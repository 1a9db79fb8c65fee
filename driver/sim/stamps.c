// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated stamps, notifiers and flags
 *
 * What the firmware does when a command is done (asahi-agx-driver.md §2.6, §2.7):
 * agx_sim_retire() writes the slot's FwStamp and Stamp (a stamp going backwards, in the
 * wrap-safe order, is a violation), increments the notifier's count and flags the slot
 * once the count reaches the notifier's threshold. Until then the flag is held by the
 * notifier (&struct agx_sim_notif, one per notifier with held flags) and released by
 * agx_sim_notif_eval_all() when the driver raises the threshold (the thread evaluates the
 * notifiers after every doorbell and every pass over the engines). The ``notifier_always``
 * knob flags at once. A stamp write also wakes every work queue waiting in a Barrier.
 *
 * Flags are collected in &agx_sim.dirty and posted as one Flag event (agx_sim_post_flags()).
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <agx/fw/event.h>

#include "agx_sim_access.h"
#include "agx_sim_channels.h"
#include "agx_sim_stamps.h"

static void agx_sim_flag(struct agx_sim *s, u32 slot)
{
	s->dirty[slot / 32] |= BIT(slot % 32);
}

/* The notifier at @va, created if it holds no flag yet; NULL if out of memory. */
static struct agx_sim_notif *agx_sim_notif(struct agx_sim *s, u64 va)
{
	struct agx_sim_notif *n;

	list_for_each_entry(n, &s->notifs, link)
		if (n->va == va)
			return n;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (n) {
		n->va = va;
		list_add_tail(&n->link, &s->notifs);
	}
	return n;
}

/* Release held flags of a notifier whose count reached its threshold. */
static void agx_sim_notif_eval(struct agx_sim *s, struct agx_sim_notif *n)
{
	u32 count = agx_sim_rd32(s, n->va + offsetof(struct agx_fw_notifier, cur_count));
	u64 thr_va = agx_sim_rd64(s, n->va + offsetof(struct agx_fw_notifier, threshold));
	u64 thr;
	unsigned int i;

	if (!agx_sim_check_ptr(s, thr_va, SIM_POOL_SHARED, true, "Threshold"))
		return;
	thr = agx_sim_rd64(s, thr_va);
	if (!READ_ONCE(s->cfg.notifier_always) && count < thr)
		return;
	for (i = 0; i < 4; i++) {
		s->dirty[i] |= n->held[i];
		n->held[i] = 0;
	}
	list_del(&n->link);
	kfree(n);
}

/**
 * agx_sim_notif_eval_all() - release the flags of every notifier that reached its threshold
 * @s: the simulated GPU.
 *
 * Context: the firmware thread.
 */
void agx_sim_notif_eval_all(struct agx_sim *s)
{
	struct agx_sim_notif *n, *tmp;

	list_for_each_entry_safe(n, tmp, &s->notifs, link)
		agx_sim_notif_eval(s, n);
}

/**
 * agx_sim_notifs_free() - forget every notifier (their held flags are dropped)
 * @s: the simulated GPU; its firmware thread has stopped.
 *
 * Context: process context (shutdown).
 */
void agx_sim_notifs_free(struct agx_sim *s)
{
	struct agx_sim_notif *n, *ntmp;

	list_for_each_entry_safe(n, ntmp, &s->notifs, link) {
		list_del(&n->link);
		kfree(n);
	}
}

static void agx_sim_write_stamp(struct agx_sim *s, u32 slot, u32 value)
{
	u32 old = agx_sim_rd32(s, s->fw_stamps_va + slot * sizeof(u32));
	struct agx_sim_wq *wq;

	if (agx_stamp_delta(value, old) < 0)
		agx_sim_violation(s, "stamp of slot %u goes back from 0x%x to 0x%x", slot, old,
				  value);
	agx_sim_wr32(s, s->fw_stamps_va + slot * sizeof(u32), value);
	agx_sim_wr32(s, s->stamps_va + slot * sizeof(u32), value);
	/* barriers may be satisfied now */
	list_for_each_entry(wq, &s->wqs, link)
		if (wq->st == SIM_WQ_BARRIER)
			wq->st = SIM_WQ_READY;
}

/**
 * agx_sim_retire() - a Run* command is done: stamps, notifier count, flag
 * @s: the simulated GPU.
 * @slot: the command's event slot.
 * @value: its stamp value.
 * @notifier_va: its notifier; the flag is held until the notifier's count reaches its
 *	threshold.
 *
 * Context: the firmware thread.
 */
void agx_sim_retire(struct agx_sim *s, u32 slot, u32 value, u64 notifier_va)
{
	struct agx_sim_notif *n;
	u32 count;

	agx_sim_write_stamp(s, slot, value);
	count = agx_sim_rd32(s, notifier_va + offsetof(struct agx_fw_notifier, cur_count));
	agx_sim_wr32(s, notifier_va + offsetof(struct agx_fw_notifier, cur_count), count + 1);
	n = agx_sim_notif(s, notifier_va);
	if (!n) {
		agx_sim_flag(s, slot);
		return;
	}
	n->held[slot / 32] |= BIT(slot % 32);
	agx_sim_notif_eval(s, n);
	if (!list_empty(&s->notifs))
		atomic_inc(&s->ctr.held);
	atomic_inc(&s->ctr.commands);
}

/**
 * agx_sim_post_flags() - post the flagged slots as one Flag event
 * @s: the simulated GPU.
 *
 * Does nothing if no slot is flagged.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_post_flags(struct agx_sim *s)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_FLAG };

	if (!(s->dirty[0] | s->dirty[1] | s->dirty[2] | s->dirty[3]))
		return;
	memcpy(m.flag.firing, s->dirty, sizeof(s->dirty));
	memset(s->dirty, 0, sizeof(s->dirty));
	atomic_inc(&s->ctr.flags);
	agx_sim_post_event(s, &m);
}
