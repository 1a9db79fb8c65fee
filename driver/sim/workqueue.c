// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated firmware work queues
 *
 * The firmware learns a work queue from a RunWorkQueueMsg on a pipe channel
 * (asahi-agx-driver.md §6.5 "Pipe message"): the QueueInfo, its RingState, ring and
 * GpuContextData, the event slot and the driver's write pointer. It keeps a view of each
 * (&struct agx_sim_wq on &agx_sim.wqs, keyed by the QueueInfo's address): a message with
 * ``is_new`` replaces an earlier view of the same QueueInfo (a violation if that queue
 * still had work), one without it updates the view. Checks: the message's pipe type is
 * its channel's, the slot is in range, every pointer is in its pool, the ring has the ABI
 * size and a busy queue keeps its event slot (§6.10 #4). The QueueInfo has the layout of
 * the firmware version (&agx_fw_layout.queue_info_tail), and a new one the values the Rust
 * driver writes (-1 words, the PRIORITY[] tuple of its channel's priority). The firmware
 * writes the slot back to the QueueInfo (``event_id``).
 *
 * While a queue has work, its QueueInfo, RingState, ring and GpuContextData must stay
 * live objects (agx_sim_wq_live(): a queue that breaks this is dead and fetches nothing
 * more) and ``cpu_wptr`` must index the ring (agx_sim_wq_wptr()).
 *
 * The ring of command pointers is read at the firmware's own index (&agx_sim_wq.rptr)
 * up to the driver's ``cpu_wptr``; agx_sim_advance() publishes the consumed index as
 * ``gpu_rptr``, ``gpu_doneptr`` and the QueueInfo's ``gpu_rptr1`` (the firmware consumes
 * a command when it is done, so all three are the same here).
 */

#include <linux/slab.h>
#include <agx/fw/event.h>
#include <agx/fw/workqueue.h>

#include "agx_sim_access.h"
#include "agx_sim_channels.h"
#include "agx_sim_workqueue.h"

/**
 * agx_sim_wq_find() - the firmware's view of a QueueInfo
 * @s: the simulated GPU.
 * @info_va: the QueueInfo.
 *
 * Context: the firmware thread.
 * Return: the work queue, or NULL if the firmware does not know it.
 */
struct agx_sim_wq *agx_sim_wq_find(struct agx_sim *s, u64 info_va)
{
	struct agx_sim_wq *wq;

	list_for_each_entry(wq, &s->wqs, link)
		if (wq->info_va == info_va)
			return wq;
	return NULL;
}

/**
 * agx_sim_wq_free() - forget a work queue
 * @wq: the work queue; no engine holds it.
 *
 * Context: the firmware thread, or after it stopped.
 */
void agx_sim_wq_free(struct agx_sim_wq *wq)
{
	list_del(&wq->link);
	kfree(wq);
}

static u64 agx_sim_qi(struct agx_sim_wq *wq, size_t off)
{
	return wq->info_va + off;
}

/**
 * agx_sim_wq_wptr() - the driver's write pointer of a work queue's ring
 * @s: the simulated GPU.
 * @wq: the work queue.
 *
 * A ``cpu_wptr`` outside the ring is a violation; the queue then fetches nothing (the
 * value returned is the firmware's own read index) until the driver writes a sane one.
 *
 * Context: the firmware thread.
 * Return: RingState ``cpu_wptr``, or &agx_sim_wq.rptr.
 */
u32 agx_sim_wq_wptr(struct agx_sim *s, struct agx_sim_wq *wq)
{
	u32 wptr;

	if (wq->dead)
		return wq->rptr;
	wptr = agx_sim_rd32(s, wq->state_va + offsetof(struct agx_fw_ring_state, cpu_wptr));
	if (wptr < AGX_WQ_SIZE)
		return wptr;
	/* the firmware would index past the ring: fetch nothing until the pointer is sane */
	agx_sim_violation(s, "QueueInfo 0x%llx: cpu_wptr %u outside its ring of %u", wq->info_va,
			  wptr, AGX_WQ_SIZE);
	return wq->rptr;
}

/**
 * agx_sim_wq_live() - are a work queue's objects still the driver's live objects?
 * @s: the simulated GPU.
 * @wq: the work queue, with work to fetch.
 *
 * The firmware reads the QueueInfo, RingState, ring and GpuContextData while the queue has
 * work: each must still be allocated (with the debug preamble: not freed, nor its address
 * reused by another object). A queue that fails is dead: it fetches nothing more.
 *
 * Context: the firmware thread.
 * Return: true if all are live.
 */
bool agx_sim_wq_live(struct agx_sim *s, struct agx_sim_wq *wq)
{
	u32 any = SIM_POOL_PRIVATE | SIM_POOL_SHARED;

	if (wq->dead)
		return false;
	wq->dead = !agx_sim_check_ptr(s, wq->info_va, any, true, "running QueueInfo") ||
		   !agx_sim_check_ptr(s, wq->state_va, SIM_POOL_SHARED, true,
				      "running RingState") ||
		   !agx_sim_check_ptr(s, wq->ring_va, any, true, "running ring") ||
		   !agx_sim_check_ptr(s, wq->ctx_va, SIM_POOL_SHARED, true,
				      "running GpuContext");
	return !wq->dead;
}

/**
 * agx_sim_wq_has_work() - does a work queue have a command running or unread?
 * @s: the simulated GPU.
 * @wq: the work queue.
 *
 * Context: the firmware thread.
 * Return: true if a command runs (or holds a channel error) or the ring is not empty.
 */
bool agx_sim_wq_has_work(struct agx_sim *s, struct agx_sim_wq *wq)
{
	return wq->running || wq->rptr != agx_sim_wq_wptr(s, wq);
}

/* Work the driver announced before the current message is not all done. */
static bool agx_sim_wq_busy_before(struct agx_sim_wq *wq)
{
	return wq->running || wq->rptr != wq->msg_wptr || wq->st == SIM_WQ_CHANERR;
}

/*
 * The QueueInfo of the firmware's version, read into @qi and @tail: 0, or -EFAULT after a
 * violation.
 */
static int agx_sim_qi_read(struct agx_sim *s, u64 va, struct agx_fw_queue_info *qi,
			   struct agx_fw_queue_info_tail *tail)
{
	return agx_sim_rd(s, va, qi, sizeof(*qi)) ?:
	       agx_sim_rd(s, va + s->layout->queue_info_tail, tail, sizeof(*tail));
}

/*
 * A new QueueInfo as the Rust driver initialises it (fw/workqueue.rs, workqueue.rs new()):
 * event_id, unk_4c and unk_54 -1, the PRIORITY[] tuple of the channel's priority (its
 * second word is the priority), a GPBF buffer in the private pool, an empty NotifierList.
 */
static void agx_sim_qi_check_new(struct agx_sim *s, u32 prio, const struct agx_fw_queue_info *qi)
{
	if (qi->event_id != -1 || qi->unk_4c != -1 || qi->unk_54 != -1)
		agx_sim_violation(s, "new QueueInfo with event_id %d unk_4c %d unk_54 %d",
				  qi->event_id, qi->unk_4c, qi->unk_54);
	if (qi->priority.p1 != prio)
		agx_sim_violation(s, "QueueInfo of priority %u on a channel of priority %u",
				  qi->priority.p1, prio);
	agx_sim_check_ptr(s, qi->gpu_buf, SIM_POOL_PRIVATE, true, "GPBF");
	if (!agx_sim_check_ptr(s, qi->notifier_list, SIM_POOL_SHARED | SIM_POOL_PRIVATE, true,
			       "NotifierList"))
		return;
	/* the firmware links notifiers into it: an empty list, next at its own head */
	if (agx_sim_rd64(s, qi->notifier_list + offsetof(struct agx_fw_notifier_list,
							 list_head.next)) !=
	    qi->notifier_list + offsetof(struct agx_fw_notifier_list, list_head))
		agx_sim_violation(s, "NotifierList 0x%llx is not an empty list", qi->notifier_list);
}

/* The message names the pipe of its channel, a slot, a QueueInfo: read into @qi, @tail. */
static bool agx_sim_pipe_msg_valid(struct agx_sim *s, u32 pipe,
				   const struct agx_fw_run_wq_msg *m,
				   struct agx_fw_queue_info *qi,
				   struct agx_fw_queue_info_tail *tail)
{
	if (m->pipe_type != pipe) {
		agx_sim_violation(s, "RunWorkQueue for pipe %u on channel of pipe %u",
				  m->pipe_type, pipe);
		return false;
	}
	if (m->event_slot >= AGX_NUM_EVENTS) {
		agx_sim_violation(s, "RunWorkQueue with event slot %u", m->event_slot);
		return false;
	}
	return agx_sim_check_ptr(s, m->work_queue, SIM_POOL_PRIVATE | SIM_POOL_SHARED, true,
				 "QueueInfo") && !agx_sim_qi_read(s, m->work_queue, qi, tail);
}

/* The view of the message's QueueInfo: found, replaced or new; NULL if out of memory. */
static struct agx_sim_wq *agx_sim_wq_get(struct agx_sim *s, u32 prio, u32 pipe,
					 const struct agx_fw_run_wq_msg *m)
{
	u64 va = m->work_queue;
	struct agx_sim_wq *wq = agx_sim_wq_find(s, va);

	if (wq && m->is_new) {
		if (agx_sim_wq_has_work(s, wq))
			agx_sim_violation(s, "new QueueInfo 0x%llx replaces a busy one", va);
		agx_sim_wq_free(wq);
		wq = NULL;
	}
	if (!wq) {
		if (!m->is_new)
			agx_sim_violation(s, "RunWorkQueue for unknown QueueInfo 0x%llx", va);
		wq = kzalloc(sizeof(*wq), GFP_KERNEL);
		if (!wq)
			return NULL;
		wq->info_va = m->work_queue;
		wq->pipe = pipe;
		wq->prio = prio;
		wq->slot = m->event_slot;
		list_add_tail(&wq->link, &s->wqs);
	} else if (wq->slot != m->event_slot && agx_sim_wq_busy_before(wq)) {
		/* §6.10 #4: a busy queue keeps its slot */
		agx_sim_violation(s, "busy queue 0x%llx moved from slot %u to %u", m->work_queue,
				  wq->slot, m->event_slot);
	}
	return wq;
}

/* Take the QueueInfo's pointers, the message's slot and write pointer. */
static void agx_sim_wq_update(struct agx_sim *s, struct agx_sim_wq *wq,
			      const struct agx_fw_run_wq_msg *m,
			      const struct agx_fw_queue_info *qi,
			      const struct agx_fw_queue_info_tail *tail)
{
	struct agx_fw_ring_state rs;

	if (!agx_sim_check_ptr(s, qi->state, SIM_POOL_SHARED, true, "RingState") ||
	    !agx_sim_check_ptr(s, qi->ring, SIM_POOL_PRIVATE | SIM_POOL_SHARED, true, "Ring") ||
	    !agx_sim_check_ptr(s, tail->gpu_context, SIM_POOL_SHARED, true, "GpuContext") ||
	    agx_sim_rd(s, qi->state, &rs, sizeof(rs)))
		return;
	if (rs.rb_size != AGX_WQ_SIZE || m->wptr >= rs.rb_size || rs.cpu_wptr >= rs.rb_size)
		agx_sim_violation(s, "ring size %u / wptr %u / cpu_wptr %u", rs.rb_size, m->wptr,
				  rs.cpu_wptr);
	wq->ring_va = qi->ring;
	wq->state_va = qi->state;
	wq->ctx_va = tail->gpu_context;
	wq->slot = m->event_slot;
	wq->msg_wptr = m->wptr;
	agx_sim_wr32(s, agx_sim_qi(wq, offsetof(struct agx_fw_queue_info, event_id)),
		     m->event_slot);
	if (wq->st == SIM_WQ_BARRIER)
		wq->st = SIM_WQ_READY;
}

/* RunWorkQueueMsg (§6.5 "Pipe message") */
static void agx_sim_pipe_msg(struct agx_sim *s, u32 prio, u32 pipe,
			     const struct agx_fw_run_wq_msg *m)
{
	struct agx_fw_queue_info_tail tail;
	struct agx_fw_queue_info qi;
	struct agx_sim_wq *wq;

	if (!agx_sim_pipe_msg_valid(s, pipe, m, &qi, &tail))
		return;
	if (m->is_new)
		agx_sim_qi_check_new(s, prio, &qi);
	wq = agx_sim_wq_get(s, prio, pipe, m);
	if (wq)
		agx_sim_wq_update(s, wq, m, &qi, &tail);
}

/**
 * agx_sim_scan_pipe() - handle every new message of a pipe channel
 * @s: the simulated GPU.
 * @prio: the channel's priority.
 * @pipe: its pipe type.
 *
 * Does nothing while the ``stall_pipes`` knob is set.
 *
 * Context: the firmware thread (a pipe doorbell).
 */
void agx_sim_scan_pipe(struct agx_sim *s, u32 prio, u32 pipe)
{
	struct agx_sim_chan *c = &s->pipes[prio][pipe];
	u8 buf[AGX_FW_MSG_MAX];

	if (READ_ONCE(s->cfg.stall_pipes))
		return;
	while (agx_sim_tx_peek(s, c, buf)) {
		agx_sim_pipe_msg(s, prio, pipe, (struct agx_fw_run_wq_msg *)buf);
		agx_sim_tx_ack(s, c);
	}
}

/**
 * agx_sim_advance() - consume the command at a work queue's read index
 * @s: the simulated GPU.
 * @wq: the work queue.
 *
 * Publishes the new index as RingState ``gpu_rptr`` and ``gpu_doneptr`` and QueueInfo
 * ``gpu_rptr1``. A command retires long after it was fetched: the queue's objects must
 * still be live then (agx_sim_wq_live()), or the write would land in memory the driver
 * freed; such a queue is dead and nothing is written.
 *
 * Context: the firmware thread.
 */
void agx_sim_advance(struct agx_sim *s, struct agx_sim_wq *wq)
{
	if (!agx_sim_wq_live(s, wq))
		return;
	wq->rptr = (wq->rptr + 1) % AGX_WQ_SIZE;
	agx_sim_wr32(s, wq->state_va + offsetof(struct agx_fw_ring_state, gpu_rptr), wq->rptr);
	agx_sim_wr32(s, wq->state_va + offsetof(struct agx_fw_ring_state, gpu_doneptr),
		     wq->rptr);
	agx_sim_wr32(s, agx_sim_qi(wq, offsetof(struct agx_fw_queue_info, gpu_rptr1)),
		     wq->rptr);
}

/**
 * agx_sim_wqs_free() - forget every work queue
 * @s: the simulated GPU; its firmware thread has stopped.
 *
 * Context: process context (shutdown).
 */
void agx_sim_wqs_free(struct agx_sim *s)
{
	struct agx_sim_wq *wq, *tmp;

	list_for_each_entry_safe(wq, tmp, &s->wqs, link)
		agx_sim_wq_free(wq);
}
