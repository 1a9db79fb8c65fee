// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated firmware thread and link
 *
 * The link (&struct agx_sim_link_ops, <agx/fw/sim_link.h>) is what agx.ko's simulator
 * transport calls in place of the hardware: boot starts the firmware thread
 * ("agx-simfw"), send puts a mailbox message in &agx_sim.mbox and wakes the thread,
 * mmio_read reads the SGX FAULT_INFO register, shutdown stops the thread and forgets the
 * firmware's state.
 *
 * The thread first answers the handoff (``magic_fw`` once the driver set ``magic_ap``,
 * §6.4 step 1), then loops: it sleeps until a message, a kick (a changed knob, a granted
 * step) or the moment the first engine's command is due or a hung one times out, at most
 * 100 ms (it polls for the driver's resume and for knob changes); it handles the mailbox
 * (MSG_INIT, doorbells: pipe channels, device control, FwCtl, KICKFW re-evaluates the
 * notifiers; nothing but MSG_INIT before MSG_INIT, nothing after a crash); once inited
 * and not crashed it resumes after a halt when asked, runs a pass over the engines unless
 * halted, and posts the flags collected.
 *
 * The sleep is on the thread's own hrtimer (armed and cancelled by the thread only) and
 * wait queue rather than wait_event_interruptible_hrtimeout(): that macro reads its
 * sleeper's task pointer without a marked access while the timer interrupt clears it,
 * which KCSAN reports. The timer is armed with the thread's timer slack, so a command is
 * not rounded up to a timer tick.
 */

#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/kfifo.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <agx/fw/initdata.h>
#include <agx/uat.h>

#include "agx_sim_access.h"
#include "agx_sim_control.h"
#include "agx_sim_exec.h"
#include "agx_sim_stamps.h"
#include "agx_sim_thread.h"
#include "agx_sim_workqueue.h"

/* One message from the driver, the firmware not crashed (§6.4, §6.5). */
static void agx_sim_handle_msg(struct agx_sim *s, const struct agx_sim_msg *m)
{
	u32 n;

	if (m->ep == AGX_EP_FIRMWARE && AGX_MSG_TYPE(m->msg) == AGX_MSG_TYPE(AGX_MSG_INIT)) {
		agx_sim_msg_init(s, m->msg & AGX_MSG_INIT_VA_MASK);
		return;
	}
	if (!s->inited)
		return;	/* §6.4: ignored until MSG_INIT */
	if (m->ep != AGX_EP_DOORBELL) {
		agx_sim_violation(s, "message 0x%llx on endpoint 0x%x", m->msg, m->ep);
		return;
	}
	if (AGX_MSG_TYPE(m->msg) == AGX_MSG_TYPE(AGX_MSG_FWCTL)) {
		agx_sim_scan_fwctl(s);
		return;
	}
	n = m->msg & 0xff;
	if (n < AGX_DOORBELL_KICKFW)
		agx_sim_scan_pipe(s, n >> 2, n & 3);
	else if (n == AGX_DOORBELL_DEVCTRL)
		agx_sim_scan_devctl(s);
	agx_sim_notif_eval_all(s);
}

static bool agx_sim_mbox_get(struct agx_sim *s, struct agx_sim_msg *m)
{
	bool got;

	spin_lock(&s->lock);
	got = kfifo_get(&s->mbox, m);
	spin_unlock(&s->lock);
	return got;
}

static void agx_sim_mailbox(struct agx_sim *s)
{
	struct agx_sim_msg m;

	while (agx_sim_mbox_get(s, &m))
		if (!s->crashed)
			agx_sim_handle_msg(s, &m);
}

/*
 * How long the thread may sleep: until the first command is due or a hung one times out
 * (one stalled for a GrowTVBAck is not due: the ack is a message, which wakes the thread),
 * at most 100 ms (it polls for resume and knob changes). With single-step on, a command
 * that is due waits for agx_sim_step(), which wakes the thread.
 */
static ktime_t agx_sim_next_timeout(struct agx_sim *s)
{
	ktime_t now = ktime_get(), best = ktime_add_ms(now, 100), due;
	bool stepping = READ_ONCE(s->cfg.single_step);
	unsigned int p, l;

	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++) {
		for (l = 0; l < AGX_SIM_MAX_ENGINES; l++) {
			struct agx_sim_engine *e = &s->eng[p][l];

			if (!e->active || e->faulted || e->grow_wait)
				continue;
			due = e->hung ? ktime_add_ms(e->start, s->progress_ms) : e->deadline;
			if (stepping && !ktime_after(due, now))
				continue;
			best = ktime_before(due, best) ? due : best;
		}
	}
	return ktime_after(best, now) ? ktime_sub(best, now) : 0;
}

/* The mailbox's indices are written under @lock by agx_sim_link_send(): read them under it. */
static bool agx_sim_mbox_pending(struct agx_sim *s)
{
	bool pending;

	spin_lock(&s->lock);
	pending = !kfifo_is_empty(&s->mbox);
	spin_unlock(&s->lock);
	return pending;
}

static bool agx_sim_wake(struct agx_sim *s)
{
	return kthread_should_stop() || READ_ONCE(s->kick) || READ_ONCE(s->timer_fired) ||
	       agx_sim_mbox_pending(s);
}

static enum hrtimer_restart agx_sim_timer_fn(struct hrtimer *t)
{
	struct agx_sim *s = container_of(t, struct agx_sim, timer);

	WRITE_ONCE(s->timer_fired, true);
	wake_up(&s->wait);
	return HRTIMER_NORESTART;
}

/* The shadow TLB's findings: translations changed without an invalidation (tlb.c). */
static void agx_sim_check_tlb(struct agx_sim *s)
{
	struct agx_sim_tlb_stale st;

	while (agx_sim_tlb_take_stale(&s->tlb, &st))
		agx_sim_violation(s, "stale TLB entry: slot %u VA 0x%llx was 0x%llx, now 0x%llx",
				  st.slot, st.va, st.was, st.now);
}

/* Sleep until a message, a kick or the next deadline (the DOC above: why our own timer). */
static void agx_sim_sleep(struct agx_sim *s)
{
	WRITE_ONCE(s->timer_fired, false);
	hrtimer_start_range_ns(&s->timer, agx_sim_next_timeout(s), current->timer_slack_ns,
			       HRTIMER_MODE_REL);
	wait_event_interruptible(s->wait, agx_sim_wake(s));
	hrtimer_cancel(&s->timer);
}

static int agx_sim_thread(void *arg)
{
	struct agx_sim *s = arg;
	struct agx_handoff *h = phys_to_virt(s->mem.handoff_phys);

	/* §6.4 step 1: answer the handoff */
	while (READ_ONCE(h->magic_ap) != AGX_PPL_MAGIC && !kthread_should_stop())
		usleep_range(100, 200);
	WRITE_ONCE(h->magic_fw, AGX_PPL_MAGIC);
	while (!kthread_should_stop()) {
		agx_sim_sleep(s);
		WRITE_ONCE(s->kick, false);
		agx_sim_mailbox(s);
		if (s->crashed || !s->inited)
			continue;
		agx_sim_poll_resume(s);
		agx_sim_check_tlb(s);
		if (!s->halted) {
			agx_sim_run_engines(s);
			agx_sim_notif_eval_all(s);
		}
		if (!s->crashed)
			agx_sim_post_flags(s);
	}
	return 0;
}

static int agx_sim_link_boot(void *priv, const struct agx_sim_boot *boot)
{
	struct agx_sim *s = priv;

	agx_sim_mem_init(&s->mem, boot->ttbat_phys, boot->handoff_phys, &s->tlb);
	s->host = boot->host;
	s->host_priv = boot->host_priv;
	s->thread = kthread_run(agx_sim_thread, s, "agx-simfw");
	if (IS_ERR(s->thread)) {
		int ret = PTR_ERR(s->thread);

		s->thread = NULL;
		return ret;
	}
	return 0;
}

static int agx_sim_link_send(void *priv, u8 ep, u64 msg)
{
	struct agx_sim *s = priv;
	struct agx_sim_msg m = { .msg = msg, .ep = ep };
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&s->lock, flags);
	if (!kfifo_put(&s->mbox, m))
		ret = -EBUSY;
	spin_unlock_irqrestore(&s->lock, flags);
	wake_up(&s->wait);
	return ret;
}

static u64 agx_sim_link_mmio_read(void *priv, u32 offset)
{
	struct agx_sim *s = priv;

	return offset == AGX_SGX_FAULT_INFO ? READ_ONCE(s->fault_info) : 0;
}

/**
 * agx_sim_link_shutdown() - stop the firmware and forget its state
 * @priv: the simulated GPU.
 *
 * Stops the thread (if it runs) and frees the work queues and notifiers; the firmware
 * touches no driver memory afterwards. Called by the driver (the link's shutdown) and
 * again by agx_sim_destroy(), for a device the driver did not shut down; a second call
 * finds nothing to do.
 *
 * Context: process context; sleeps.
 */
void agx_sim_link_shutdown(void *priv)
{
	struct agx_sim *s = priv;

	if (s->thread)
		kthread_stop(s->thread);
	s->thread = NULL;
	agx_sim_wqs_free(s);
	agx_sim_notifs_free(s);
}

/* The link of every simulated GPU, in its platform data. */
const struct agx_sim_link_ops agx_sim_link = {
	.boot = agx_sim_link_boot,
	.send = agx_sim_link_send,
	.mmio_read = agx_sim_link_mmio_read,
	.shutdown = agx_sim_link_shutdown,
};

/**
 * agx_sim_link_init() - set up the thread state and the link of a new simulated GPU
 * @s: the simulated GPU, zeroed.
 *
 * Numbers the engines and initializes the timer, the wait queue, the mailbox and its
 * lock and the lists of work queues and notifiers, before the device is registered.
 *
 * Context: any.
 */
void agx_sim_link_init(struct agx_sim *s)
{
	agx_sim_engines_init(s);
	hrtimer_init(&s->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	s->timer.function = agx_sim_timer_fn;
	spin_lock_init(&s->lock);
	init_waitqueue_head(&s->wait);
	INIT_KFIFO(s->mbox);
	INIT_LIST_HEAD(&s->wqs);
	INIT_LIST_HEAD(&s->notifs);
}
