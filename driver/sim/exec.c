// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated command execution
 *
 * Each pipe type (vertex, fragment, compute) has ``engines`` execution units
 * (&struct agx_sim_engine; the ``engines`` knob, 1 to %AGX_SIM_MAX_ENGINES). The three
 * types run concurrently and, within a type, up to ``engines`` work queues at once, each
 * one command at a time in ring order. An idle engine takes the first runnable work queue
 * of its type, highest priority first, round robin within a priority; a work queue runs on
 * one engine at a time (asahi-agx-driver.md §6.5).
 *
 * Fetching a work queue's next command: a Barrier blocks the queue until the FwStamp it
 * names reaches its value (wrap-safe; a queue blocked so is woken by a stamp write or a
 * RunWorkQueueMsg), an InitBuffer is consumed, a Run* command starts. Starting it:
 *
 * 1. checks: the command's tag is its pipe's, its VM slot is bound (TTBAT ASID == slot,
 *    §6.10 #5), its job meta names the queue's slot and that slot's stamps, its notifier
 *    is a private object (a Run* command names no context: the firmware takes its
 *    QueueInfo's), a RunVertex's fragment stamp is another slot's, ahead of its FwStamp;
 *    every pointer of the Start* and Finalize* ops into the command is at its field
 *    (job parameters, flags, the command itself); the microsequence (§2.9) is
 *    ``Start* -> Timestamp -> WaitForIdle -> Timestamp -> Finalize* -> RetireStamp`` with
 *    the command's VM slot and stamp value;
 * 2. the start Timestamp op writes the simulated GPU time (ktime_get_ns(),
 *    %AGX_SIM_TIMESTAMP_HZ) where it points, the engine's pending_stamps entry is set and
 *    the context is loaded (the handoff's ``cur_slot``, under the handoff lock);
 * 3. the outcome: the injection knobs by command count (``crash_after``, ``fault_every``,
 *    ``hang_every``, ``chanerr_every``), else the SIMQ control stream (§6.6: WRITE32,
 *    DELAY_US, HANG, FAULT_READ/WRITE, CHANNEL_ERROR, CRASH), else the attachments are
 *    written through the command's VM, page by page; a GPU access the walker refuses is a
 *    fault (fault.c).
 *
 * A command that runs is due ``latency_us`` (plus its DELAY_US) after its start; the
 * thread sleeps until the first one is due (thread.c). agx_sim_run_engines() completes
 * what is due on every engine, reports it (notifiers, Flag event) before it starts
 * anything, then gives every idle engine a command. A hung command raises a Timeout once
 * it has run for the watchdog interval (Globals ``progress_check_interval``). Completion:
 * the end Timestamp op, the pending_stamps entry cleared, the stamps and the notifier
 * (stamps.c), the ring's read pointer. In single-step mode every start and completion
 * spends one step of agx_sim_step().
 */

#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <agx/fw/event.h>
#include <agx/fw/initdata.h>
#include <agx/fw/render.h>
#include <agx/fw/workqueue.h>
#include <agx/tlb.h>
#include <agx/uat.h>

#include "agx_sim_access.h"
#include "agx_sim_exec.h"
#include "agx_sim_fault.h"
#include "agx_sim_stamps.h"
#include "agx_sim_tvb.h"
#include "agx_sim_workqueue.h"

enum agx_sim_outcome { SIM_RUN, SIM_HANG, SIM_FAULT, SIM_CHANERR, SIM_CRASH };

/*
 * What starting a command led to, and what it needs: the time it takes (@delay_us), the
 * fault (@f), the channel error type (@err).
 */
struct agx_sim_run {
	enum agx_sim_outcome out;
	u32 delay_us;
	u32 err;
	struct agx_sim_fault f;
};

/*
 * A Timestamp op with a pointer: the simulated GPU timer counts ktime_get() nanoseconds
 * (AGX_SIM_TIMESTAMP_HZ). The buffer is the driver's: a firmware object of its own, or a
 * user timestamp buffer the driver mapped for the firmware (GEM_BIND_OBJECT, §3.3).
 */
static void agx_sim_write_ts(struct agx_sim *s, u64 va, ktime_t when)
{
	u64 now = ktime_to_ns(when);

	if (va && agx_sim_check_ptr(s, va, SIM_POOL_SHARED | SIM_POOL_PRIVATE | SIM_POOL_GPU |
				    SIM_POOL_TIMESTAMP, false, "timestamp"))
		agx_sim_wr(s, va, &now, sizeof(now));
}

/*
 * Where a Run* command of one tag holds the fields of &struct agx_sim_cmd (0 for
 * @ctrl_stream: none). Per layout only for RunVertex, whose control stream is in its
 * JobParameters1.
 */
struct agx_sim_run_offs {
	size_t vm_slot;
	size_t notifier;
	size_t microsequence;
	size_t microsequence_size;
	size_t ctrl_stream;
	size_t meta;
};

#define AGX_SIM_RUN_OFFS(type, ctrl) {						\
	.vm_slot = offsetof(struct type, vm_slot),				\
	.notifier = offsetof(struct type, notifier),				\
	.microsequence = offsetof(struct type, microsequence),			\
	.microsequence_size = offsetof(struct type, microsequence_size),	\
	.ctrl_stream = (ctrl), .meta = offsetof(struct type, meta) }

static const struct agx_sim_run_offs agx_sim_offs_vtx13 = AGX_SIM_RUN_OFFS(agx_fw_run_vertex,
	offsetof(struct agx_fw_run_vertex, job_params1.g13.vdm_ctrl_stream_base));
static const struct agx_sim_run_offs agx_sim_offs_vtx14 = AGX_SIM_RUN_OFFS(agx_fw_run_vertex,
	offsetof(struct agx_fw_run_vertex, job_params1.g14.vdm_ctrl_stream_base));
static const struct agx_sim_run_offs agx_sim_offs_frag = AGX_SIM_RUN_OFFS(agx_fw_run_fragment, 0);
static const struct agx_sim_run_offs agx_sim_offs_comp = AGX_SIM_RUN_OFFS(agx_fw_run_compute,
	offsetof(struct agx_fw_run_compute, job_params1.cdm_ctrl_stream_base));

/**
 * agx_sim_read_run() - read a Run* command
 * @s: the simulated GPU.
 * @cmd_va: its firmware VA.
 * @c: filled from the command's layout (RunVertex's JobParameters1 in the form of the
 *	simulator's layout). An unknown tag leaves everything but @c->tag 0, which the
 *	caller's checks refuse.
 *
 * Context: the firmware thread.
 */
void agx_sim_read_run(struct agx_sim *s, u64 cmd_va, struct agx_sim_cmd *c)
{
	const struct agx_sim_run_offs *o;

	memset(c, 0, sizeof(*c));
	c->tag = agx_sim_rd32(s, cmd_va);
	switch (c->tag) {
	case AGX_CMD_RUN_VERTEX:
		o = s->layout->render_g14 ? &agx_sim_offs_vtx14 : &agx_sim_offs_vtx13;
		break;
	case AGX_CMD_RUN_FRAGMENT:
		o = &agx_sim_offs_frag;
		break;
	case AGX_CMD_RUN_COMPUTE:
		o = &agx_sim_offs_comp;
		break;
	default:
		return;
	}
	c->vm_slot = agx_sim_rd32(s, cmd_va + o->vm_slot);
	c->notifier = agx_sim_rd64(s, cmd_va + o->notifier);
	c->microsequence = agx_sim_rd64(s, cmd_va + o->microsequence);
	c->microsequence_size = agx_sim_rd32(s, cmd_va + o->microsequence_size);
	c->ctrl_stream = o->ctrl_stream ? agx_sim_rd64(s, cmd_va + o->ctrl_stream) : 0;
	agx_sim_rd(s, cmd_va + o->meta, &c->meta, sizeof(c->meta));
	if (c->tag != AGX_CMD_RUN_VERTEX)
		return;
	cmd_va += offsetof(struct agx_fw_run_vertex, fragment_stamp_slot);
	c->frag_slot = agx_sim_rd32(s, cmd_va);
	c->frag_value = agx_sim_rd32(s, cmd_va + sizeof(u32));	/* fragment_stamp_value */
}

/* What the simulated firmware leaves at the start of the preemption buffer it owns. */
#define AGX_SIM_PREEMPT_STAMP	0x53494d5052454d50ULL	/* "PMERPMIS" */

static u64 agx_sim_preempt_stamp(u64 cmd_va)
{
	return AGX_SIM_PREEMPT_STAMP ^ cmd_va;
}

/*
 * The preemption buffer belongs to the command until it retires: the stamp of its start
 * must still be there. Freed meanwhile (the heap poisons freed objects under debug
 * allocations) or given to another object, it is not.
 */
static void agx_sim_check_preempt_done(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_sim_fault f;
	u64 found = 0;

	if (!e->preempt_va)
		return;
	if (agx_sim_copy_from_gpu(&s->mem, e->cmd.vm_slot, &found, e->preempt_va,
				  sizeof(found), false, &f) ||
	    found != agx_sim_preempt_stamp(e->cmd_va))
		agx_sim_violation(s,
				  "RunCompute 0x%llx: preemption buffer 0x%llx reused while running (0x%llx)",
				  e->cmd_va, e->preempt_va, found);
	e->preempt_va = 0;
}

/**
 * agx_sim_complete() - retire the command of an engine
 * @s: the simulated GPU.
 * @e: the engine, active; idle afterwards.
 *
 * Checks that a render's Info and Scene are still live and that a compute command's
 * preemption buffer still holds the stamp of its start, writes the end timestamp, clears
 * the pending_stamps entry, retires the command (stamps, notifier, flag) and consumes it
 * from its work queue's ring.
 *
 * Context: the firmware thread.
 */
void agx_sim_complete(struct agx_sim *s, struct agx_sim_engine *e)
{
	agx_sim_check_tvb_done(s, e->cmd.tag, e->cmd_va);
	agx_sim_check_preempt_done(s, e);
	agx_sim_write_ts(s, e->ts_end, ktime_get());
	agx_sim_clear_pending(s, e);
	agx_sim_retire(s, e->cmd.meta.stamp_slot, e->cmd.meta.stamp_value, e->cmd.notifier);
	e->wq->last_value = e->cmd.meta.stamp_value;
	e->wq->running = false;
	agx_sim_advance(s, e->wq);
	e->active = false;
	e->hung = false;
	e->faulted = false;
	e->wq = NULL;
}

/* §6.10 #5: the VM slot has a valid TTBAT entry with ASID == slot */
static bool agx_sim_slot_bound(struct agx_sim *s, u32 slot)
{
	struct agx_ttbat_entry *tt = phys_to_virt(s->mem.ttbat_phys);
	u64 ttb0;

	if (!slot || slot >= AGX_UAT_NUM_CTX)
		return false;
	ttb0 = READ_ONCE(tt[slot].ttb0);
	return (ttb0 & AGX_TTBR_VALID) &&
	       (ttb0 & AGX_TTBR_ASID_MASK) >> AGX_TTBR_ASID_SHIFT == slot;
}

static u32 agx_sim_start_op(const struct agx_sim_cmd *c)
{
	return c->tag == AGX_CMD_RUN_VERTEX ? AGX_OP_START_VERTEX :
	       c->tag == AGX_CMD_RUN_FRAGMENT ? AGX_OP_START_FRAGMENT :
	       AGX_OP_START_COMPUTE;
}

/*
 * What the firmware takes from a microsequence: the Start* op's attachments and the VAs
 * the two Timestamp ops write to (0: none). On the stack of agx_sim_start().
 */
struct agx_sim_ms {
	struct agx_fw_attachments att;
	u64 ts[2];
};

/*
 * The GPU statistics a Start or Finalize op of @op's pipe must point at: the inner stats
 * of RuntimePointers' vertex and fragment buffers, the compute one itself (render.rs,
 * compute.rs).
 */
static u64 agx_sim_stats_va(const struct agx_sim *s, u32 op)
{
	switch (op) {
	case AGX_OP_START_VERTEX:
	case AGX_OP_FINALIZE_VERTEX:
		return s->stats_va[AGX_PIPE_VTX] + offsetof(struct agx_fw_stats_vtx, stats);
	case AGX_OP_START_FRAGMENT:
	case AGX_OP_FINALIZE_FRAGMENT:
		return s->stats_va[AGX_PIPE_FRAG] + offsetof(struct agx_fw_stats_frag, stats);
	default:
		return s->stats_va[AGX_PIPE_COMP];
	}
}

/* The common fields of a Start* op: its queue, VM slot, notifier buffer, statistics. */
static bool agx_sim_start_fields(struct agx_sim *s, const struct agx_sim_cmd *c, u32 op,
				 u64 wq_va, u64 queue, u32 vm_slot, u64 notifier_buf, u64 stats)
{
	if (stats != agx_sim_stats_va(s, op)) {
		agx_sim_violation(s, "Start op 0x%x statistics 0x%llx are not InitData's", op,
				  stats);
		return false;
	}
	if (queue == wq_va && vm_slot == c->vm_slot &&
	    notifier_buf == c->notifier + offsetof(struct agx_fw_notifier, state.unk_buf))
		return true;
	agx_sim_violation(s, "Start op for queue 0x%llx slot %u notifier_buf 0x%llx", queue,
			  vm_slot, notifier_buf);
	return false;
}

/*
 * The pointers of a Start* or Finalize* op into its own command (@ptr[i] must be @cmd_va
 * + @off[i]): the firmware follows them (fw/microseq.rs; queue/render.rs and compute.rs
 * point them at the command's job parameters and flags).
 */
static bool agx_sim_op_ptrs(struct agx_sim *s, u32 op, u64 cmd_va, const u64 *ptr,
			    const size_t *off, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (ptr[i] == cmd_va + off[i])
			continue;
		agx_sim_violation(s, "op 0x%x pointer %u is 0x%llx, not its command's +0x%zx",
				  op, i, ptr[i], off[i]);
		return false;
	}
	return true;
}

static bool agx_sim_start_vertex_ptrs(struct agx_sim *s, u64 cmd_va,
				      const struct agx_fw_op_start_vertex *v)
{
	const u64 ptr[] = { v->tiling_params, v->job_params1, v->unk_pointer, v->unk_job_buf };
	static const size_t off[] = {
		offsetof(struct agx_fw_run_vertex, tiling_params),
		offsetof(struct agx_fw_run_vertex, job_params1),
		offsetof(struct agx_fw_run_vertex, unk_pointee),
		offsetof(struct agx_fw_run_vertex, unk_buf_0),
	};

	return agx_sim_op_ptrs(s, v->header, cmd_va, ptr, off, ARRAY_SIZE(off));
}

static bool agx_sim_start_fragment_ptrs(struct agx_sim *s, u64 cmd_va,
					const struct agx_fw_op_start_fragment *f)
{
	const u64 ptr[] = { f->job_params1, f->job_params2, f->busy_flag, f->tvb_overflow_count,
			    f->unk_pointer, f->work_item, f->unk_758_flag, f->unk_job_buf };
	static const size_t off[] = {
		offsetof(struct agx_fw_run_fragment, job_params1),
		offsetof(struct agx_fw_run_fragment, job_params2),
		offsetof(struct agx_fw_run_fragment, busy_flag),
		offsetof(struct agx_fw_run_fragment, tvb_overflow_count),
		offsetof(struct agx_fw_run_fragment, unk_pointee),
		0,	/* work_item: the command */
		offsetof(struct agx_fw_run_fragment, unk_758_flag),
		offsetof(struct agx_fw_run_fragment, unk_buf_0),
	};

	return agx_sim_op_ptrs(s, f->header, cmd_va, ptr, off, ARRAY_SIZE(off));
}

static bool agx_sim_start_compute_ptrs(struct agx_sim *s, u64 cmd_va,
				       const struct agx_fw_op_start_compute *k)
{
	const u64 ptr[] = { k->job_params1, k->job_params2, k->unk_flag };
	static const size_t off[] = {
		offsetof(struct agx_fw_run_compute, job_params1),
		offsetof(struct agx_fw_run_compute, job_params2),
		offsetof(struct agx_fw_run_compute, unk_flag),
	};

	return agx_sim_op_ptrs(s, k->header, cmd_va, ptr, off, ARRAY_SIZE(off));
}

/* The Start* op at @buf (its opcode checked): its size, 0 after a violation. */
static size_t agx_sim_ms_start(struct agx_sim *s, const struct agx_sim_cmd *c, u64 cmd_va,
			       u64 wq_va, const u8 *buf, struct agx_sim_ms *ms)
{
	const struct agx_fw_op_start_fragment *f = (const void *)buf;
	const struct agx_fw_op_start_compute *k = (const void *)buf;
	const struct agx_fw_op_start_vertex *v = (const void *)buf;

	switch (v->header) {
	case AGX_OP_START_VERTEX:
		ms->att = v->attachments;
		if (!agx_sim_start_vertex_ptrs(s, cmd_va, v))
			return 0;
		return agx_sim_start_fields(s, c, v->header, wq_va, v->work_queue, v->vm_slot,
					    v->notifier_buf, v->stats) ? sizeof(*v) : 0;
	case AGX_OP_START_FRAGMENT:
		ms->att = f->attachments;
		if (!agx_sim_start_fragment_ptrs(s, cmd_va, f))
			return 0;
		return agx_sim_start_fields(s, c, f->header, wq_va, f->work_queue, f->vm_slot,
					    f->notifier_buf, f->stats) ? sizeof(*f) : 0;
	default:
		ms->att = k->attachments;
		if (!agx_sim_start_compute_ptrs(s, cmd_va, k))
			return 0;
		return agx_sim_start_fields(s, c, k->header, wq_va, k->work_queue, k->vm_slot,
					    k->notifier_buf, k->stats) ? sizeof(*k) : 0;
	}
}

/*
 * A Timestamp op at @buf, if there is one of the kind @start: its update_ts must point at
 * a u64 field of the command (@cmd_size bytes at @cmd_va), which holds the VA written to;
 * the firmware reads it there. Its size, or 0.
 */
static size_t agx_sim_ms_timestamp(struct agx_sim *s, u64 cmd_va, size_t cmd_size,
				   const u8 *buf, bool start, u64 *ts)
{
	const struct agx_fw_op_timestamp *t = (const void *)buf;
	u32 want = AGX_OP_TIMESTAMP | (start ? AGX_OP_TIMESTAMP_START : 0);
	u64 field = t->update_ts - cmd_va;

	if (t->header != want)
		return 0;
	if (t->update_ts < cmd_va || field > cmd_size - sizeof(u64)) {
		agx_sim_violation(s, "Timestamp update_ts 0x%llx outside its command",
				  t->update_ts);
		return sizeof(*t);
	}
	*ts = agx_sim_rd64(s, t->update_ts);
	return sizeof(*t);
}

/* The WaitForIdle op of the layout, for the command's pipe. */
static bool agx_sim_ms_wait(struct agx_sim *s, const struct agx_sim_cmd *c, const u8 *buf)
{
	static const u32 masks[] = { AGX_IDLE_VERTEX, AGX_IDLE_FRAGMENT, AGX_IDLE_COMPUTE };
	u32 op = s->layout->op_wait_idle, hdr = ((const struct agx_fw_op_header *)buf)->header;
	/* tags 0, 1, 3: vertex, fragment, compute (a wrong tag is agx_sim_check_cmd()'s) */
	u32 want = op == AGX_OP_WAIT_FOR_IDLE ?
		   AGX_OP_WAIT_FOR_IDLE_HDR(masks[min_t(u32, c->tag, 2)]) : op;

	if (hdr == want)
		return true;
	agx_sim_violation(s, "WaitForIdle 0x%x, expected 0x%x", hdr, want);
	return false;
}

/* The pointers of the Finalize* op at @buf into its command (a wrong opcode is not here). */
static bool agx_sim_finalize_ptrs(struct agx_sim *s, u64 cmd_va, const u8 *buf)
{
	const struct agx_fw_op_finalize_fragment *f = (const void *)buf;
	const struct agx_fw_op_finalize_compute *k = (const void *)buf;
	const struct agx_fw_op_finalize_vertex *v = (const void *)buf;
	const u64 fptr[] = { f->unk_pointer, f->busy_flag, f->work_item, f->unk_758_flag };
	static const size_t foff[] = {
		offsetof(struct agx_fw_run_fragment, unk_pointee),
		offsetof(struct agx_fw_run_fragment, busy_flag),
		0,	/* work_item: the command */
		offsetof(struct agx_fw_run_fragment, unk_758_flag),
	};
	const u64 kptr[] = { k->job_params2, k->unk_flag };
	static const size_t koff[] = {
		offsetof(struct agx_fw_run_compute, job_params2),
		offsetof(struct agx_fw_run_compute, unk_flag),
	};
	static const size_t voff = offsetof(struct agx_fw_run_vertex, unk_pointee);
	u64 stats = v->header == AGX_OP_FINALIZE_VERTEX ? v->stats :
		    v->header == AGX_OP_FINALIZE_FRAGMENT ? f->stats : k->stats;

	if (stats != agx_sim_stats_va(s, v->header)) {
		agx_sim_violation(s, "Finalize op 0x%x statistics 0x%llx are not InitData's",
				  v->header, stats);
		return false;
	}
	switch (v->header) {
	case AGX_OP_FINALIZE_VERTEX:
		return agx_sim_op_ptrs(s, v->header, cmd_va, &v->unk_pointer, &voff, 1);
	case AGX_OP_FINALIZE_FRAGMENT:
		return agx_sim_op_ptrs(s, v->header, cmd_va, fptr, foff, ARRAY_SIZE(foff));
	case AGX_OP_FINALIZE_COMPUTE:
		return agx_sim_op_ptrs(s, v->header, cmd_va, kptr, koff, ARRAY_SIZE(koff));
	}
	return true;
}

/* Finalize* at @buf, @off bytes after the Start op: its FwStamp, value and branch back. */
static size_t agx_sim_ms_finalize(struct agx_sim *s, const struct agx_sim_cmd *c,
				  u64 cmd_va, const u8 *buf, size_t off)
{
	const struct agx_fw_op_finalize_fragment *f = (const void *)buf;
	const struct agx_fw_op_finalize_compute *k = (const void *)buf;
	const struct agx_fw_op_finalize_vertex *v = (const void *)buf;
	u64 stamp = v->fw_stamp;
	u32 value = v->stamp_value;
	s32 back = v->restart_branch_offset;
	size_t len = sizeof(*v);

	if (v->header == AGX_OP_FINALIZE_FRAGMENT) {
		stamp = f->fw_stamp;
		value = f->stamp_value;
		back = f->restart_branch_offset;
		len = sizeof(*f);
	} else if (v->header == AGX_OP_FINALIZE_COMPUTE) {
		stamp = k->fw_stamp;
		value = k->stamp_value;
		back = k->restart_branch_offset;
		len = sizeof(*k);
	}
	if (!agx_sim_finalize_ptrs(s, cmd_va, buf))
		return 0;
	if (v->header == agx_sim_start_op(c) + 1 && stamp == c->meta.fw_stamp &&
	    value == c->meta.stamp_value && back == -(s32)off)
		return len;
	agx_sim_violation(s, "bad Finalize op 0x%x (value 0x%x, branch %d)", v->header, value,
			  back);
	return 0;
}

/* Parse the ops after the Start op at @buf + @off; 0 or -EINVAL after a violation. */
static int agx_sim_ms_rest(struct agx_sim *s, const struct agx_sim_cmd *c, u64 cmd_va,
			   const u8 *buf, size_t off, struct agx_sim_ms *ms)
{
	size_t n, end = c->microsequence_size, size = agx_fw_run_size(c->tag);

	off += agx_sim_ms_timestamp(s, cmd_va, size, buf + off, true, &ms->ts[0]);
	if (!agx_sim_ms_wait(s, c, buf + off))
		return -EINVAL;
	off += sizeof(struct agx_fw_op_header);
	off += agx_sim_ms_timestamp(s, cmd_va, size, buf + off, false, &ms->ts[1]);
	n = agx_sim_ms_finalize(s, c, cmd_va, buf + off, off);
	if (!n)
		return -EINVAL;
	off += n;
	if (off + sizeof(struct agx_fw_op_header) != end ||
	    ((const struct agx_fw_op_header *)(buf + off))->header != AGX_OP_RETIRE_STAMP_HDR) {
		agx_sim_violation(s, "no RetireStamp at the end of the microsequence");
		return -EINVAL;
	}
	return 0;
}

/*
 * Parse and check the microsequence of @c at @cmd_va on the queue @wq_va (fw/microseq.rs,
 * the order of render.rs / compute.rs): Start*, [Timestamp], WaitForIdle, [Timestamp],
 * Finalize*, RetireStamp, exactly microsequence_size bytes. Fills @ms.
 */
static int agx_sim_microseq(struct agx_sim *s, const struct agx_sim_cmd *c, u64 cmd_va,
			    u64 wq_va, struct agx_sim_ms *ms)
{
	u8 buf[AGX_MICROSEQ_MAX_SIZE + sizeof(struct agx_fw_op_timestamp)] = {};
	size_t off;

	if (!agx_sim_check_ptr(s, c->microsequence, SIM_POOL_GPU_RO | SIM_POOL_PRIVATE, true,
			       "microsequence"))
		return -EINVAL;
	if (c->microsequence_size > AGX_MICROSEQ_MAX_SIZE ||
	    agx_sim_rd(s, c->microsequence, buf, c->microsequence_size)) {
		agx_sim_violation(s, "microsequence of %u bytes", c->microsequence_size);
		return -EINVAL;
	}
	if (((struct agx_fw_op_header *)buf)->header != agx_sim_start_op(c)) {
		agx_sim_violation(s, "bad Start op 0x%x", ((struct agx_fw_op_header *)buf)->header);
		return -EINVAL;
	}
	off = agx_sim_ms_start(s, c, cmd_va, wq_va, buf, ms);
	if (!off || ms->att.count > AGX_MAX_ATTACHMENTS) {
		memset(&ms->att, 0, sizeof(ms->att));
		return -EINVAL;
	}
	return agx_sim_ms_rest(s, c, cmd_va, buf, off, ms);
}

/*
 * GPU access of @len bytes at @va in the command's VM, one page at a time; fills @f on a
 * fault with the first faulting byte (@va itself, or the start of a later page), as the
 * hardware reports the faulting address.
 */
static int agx_sim_gpu_touch(struct agx_sim *s, u32 slot, u64 va, u64 len, u32 access,
			     struct agx_sim_fault *f)
{
	u64 end = va + max_t(u64, len, 1);

	for (; va < end; va = round_down(va, AGX_UAT_PGSZ) + AGX_UAT_PGSZ)
		if (agx_sim_touch(&s->mem, slot, va, access, false, f))
			return -EFAULT;
	return 0;
}

/* One op of the SIMQ control stream: true to go on with the next, else @r->out holds. */
static bool agx_sim_ctrl_op(struct agx_sim *s, struct agx_sim_engine *e,
			    const struct agx_simq_op *op, struct agx_sim_run *r)
{
	switch (op->op) {
	case AGX_SIMQ_WRITE32:
		if (agx_sim_copy_to_gpu(&s->mem, e->cmd.vm_slot, op->va, &op->arg,
					sizeof(u32), false, &r->f))
			break;
		return true;
	case AGX_SIMQ_DELAY_US:
		r->delay_us += op->arg;
		return true;
	case AGX_SIMQ_HANG:
		r->out = SIM_HANG;
		return false;
	case AGX_SIMQ_FAULT_READ:
	case AGX_SIMQ_FAULT_WRITE:
		if (agx_sim_gpu_touch(s, e->cmd.vm_slot, op->va, 4,
				      op->op == AGX_SIMQ_FAULT_READ ? AGX_SIM_READ :
				      AGX_SIM_WRITE, &r->f))
			break;
		return true;
	case AGX_SIMQ_CHANNEL_ERROR:
		r->err = op->arg;
		r->out = SIM_CHANERR;
		return false;
	case AGX_SIMQ_CRASH:
		r->out = SIM_CRASH;
		return false;
	case AGX_SIMQ_GROW_TVB:
		agx_sim_grow_tvb(s, e);
		return true;
	default:
		return false;
	}
	r->out = SIM_FAULT;	/* the GPU access faulted */
	return false;
}

/* The SIMQ control stream (§6.6). */
static void agx_sim_ctrl(struct agx_sim *s, struct agx_sim_engine *e, struct agx_sim_run *r)
{
	struct agx_simq q;
	unsigned int i;

	if (!e->cmd.ctrl_stream)
		return;
	if (agx_sim_copy_from_gpu(&s->mem, e->cmd.vm_slot, &q, e->cmd.ctrl_stream, sizeof(q),
				  false, &r->f)) {
		r->out = SIM_FAULT;
		return;
	}
	if (q.magic != AGX_SIMQ_MAGIC)
		return;
	for (i = 0; i < min_t(u32, q.count, AGX_SIMQ_MAX_OPS); i++)
		if (!agx_sim_ctrl_op(s, e, &q.ops[i], r))
			return;
}

/*
 * A RunVertex names the stamp its fragment half will write: a slot other than its own,
 * at a value that slot's FwStamp has not reached (the fragment half runs after this).
 */
static void agx_sim_check_frag_stamp(struct agx_sim *s, const struct agx_sim_cmd *c,
				     const struct agx_sim_wq *wq)
{
	u32 now;

	if (c->frag_slot >= AGX_NUM_EVENTS || c->frag_slot == wq->slot) {
		agx_sim_violation(s, "RunVertex names fragment slot %u", c->frag_slot);
		return;
	}
	now = agx_sim_rd32(s, s->fw_stamps_va + c->frag_slot * sizeof(u32));
	if (agx_stamp_delta(c->frag_value, now) <= 0)
		agx_sim_violation(s, "RunVertex fragment stamp 0x%x, slot %u already at 0x%x",
				  c->frag_value, c->frag_slot, now);
}

/* The checks of a Run* command against its work queue (§6.10 #1, #4, #5). */
static void agx_sim_check_cmd(struct agx_sim *s, const struct agx_sim_cmd *c,
			      const struct agx_sim_wq *wq)
{
	static const u32 tags[AGX_NUM_PIPE_TYPES] = { AGX_CMD_RUN_VERTEX, AGX_CMD_RUN_FRAGMENT,
						       AGX_CMD_RUN_COMPUTE };

	if (c->tag != tags[wq->pipe])
		agx_sim_violation(s, "command %u on pipe %u", c->tag, wq->pipe);
	if (!agx_sim_slot_bound(s, c->vm_slot))
		agx_sim_violation(s, "command in unbound VM slot %u", c->vm_slot);
	if (c->meta.stamp_slot != wq->slot ||
	    c->meta.stamp != s->stamps_va + c->meta.stamp_slot * sizeof(u32) ||
	    c->meta.fw_stamp != s->fw_stamps_va + c->meta.stamp_slot * sizeof(u32))
		agx_sim_violation(s, "job meta names slot %u, queue has %u", c->meta.stamp_slot,
				  wq->slot);
	agx_sim_check_ptr(s, c->notifier, SIM_POOL_PRIVATE, true, "Notifier");
	if (c->tag == AGX_CMD_RUN_VERTEX)
		agx_sim_check_frag_stamp(s, c, wq);
}

/* The ASC loads the command's context (§6.5 step 1). */
static void agx_sim_load_ctx(struct agx_sim *s, u32 vm_slot)
{
	agx_sim_handoff_lock(&s->mem);
	WRITE_ONCE(((struct agx_handoff *)phys_to_virt(s->mem.handoff_phys))->cur_slot,
		   vm_slot);
	agx_sim_handoff_unlock(&s->mem);
}

/* Is @n a multiple of the knob @every (0: never)? Read once: debugfs may write it to 0. */
static bool agx_sim_every(u32 n, const u32 *every)
{
	u32 k = READ_ONCE(*every);

	return k && !(n % k);
}

/* The injection knobs, by the count of commands started. */
static void agx_sim_inject(struct agx_sim *s, struct agx_sim_run *r)
{
	u32 n = ++s->ncmds;
	u32 crash = READ_ONCE(s->cfg.crash_after);

	if (crash && n == crash)
		r->out = SIM_CRASH;
	else if (agx_sim_every(n, &s->cfg.fault_every))
		r->out = SIM_FAULT;
	else if (agx_sim_every(n, &s->cfg.hang_every))
		r->out = SIM_HANG;
	else if (agx_sim_every(n, &s->cfg.chanerr_every))
		r->out = SIM_CHANERR;
	if (r->out == SIM_FAULT) {
		r->f.va = 0;
		r->f.reason = AGX_SIM_FAULT_UNMAPPED;
		r->f.access = AGX_SIM_WRITE;
	}
}

/*
 * RunCompute's preemption buffer (compute.rs): its first part, then four u64 in a row,
 * all GPU-writable in the command's VM. The firmware saves the context there when it
 * preempts the command, at any moment while it runs; the simulator does not preempt, but
 * saves a stamp of the command at the start, which the command's retirement reads back
 * (agx_sim_check_preempt_done()). A driver error: a violation, not a GPU fault.
 */
static void agx_sim_check_preempt(struct agx_sim *s, struct agx_sim_engine *e)
{
	const struct agx_sim_cmd *c = &e->cmd;
	struct agx_fw_compute_params1 p;
	struct agx_sim_fault f;
	u64 stamp = agx_sim_preempt_stamp(e->cmd_va);
	u64 cmd_va = e->cmd_va;

	e->preempt_va = 0;
	if (c->tag != AGX_CMD_RUN_COMPUTE ||
	    agx_sim_rd(s, cmd_va + offsetof(struct agx_fw_run_compute, job_params1), &p,
		       sizeof(p)))
		return;
	/* the first part: 0x7f80 (t8103) or 0x10000 (t8112) bytes; bounded for the walk */
	if (p.preempt_buf2 <= p.preempt_buf1 || p.preempt_buf2 - p.preempt_buf1 > SZ_1M ||
	    p.preempt_buf3 != p.preempt_buf2 + 8 ||
	    p.preempt_buf4 != p.preempt_buf3 + 8 || p.preempt_buf5 != p.preempt_buf4 + 8 ||
	    agx_sim_gpu_touch(s, c->vm_slot, p.preempt_buf1, p.preempt_buf5 + 8 - p.preempt_buf1,
			      AGX_SIM_WRITE, &f)) {
		agx_sim_violation(s, "RunCompute preemption buffer 0x%llx..0x%llx not writable",
				  p.preempt_buf1, p.preempt_buf5);
		return;
	}
	if (!agx_sim_copy_to_gpu(&s->mem, c->vm_slot, p.preempt_buf1, &stamp, sizeof(stamp),
				 false, &f))
		e->preempt_va = p.preempt_buf1;
}

/* The GPU writes the attachments of the Start op through the command's VM. */
static void agx_sim_attachments(struct agx_sim *s, const struct agx_sim_cmd *c,
				const struct agx_fw_attachments *att, struct agx_sim_run *r)
{
	unsigned int i, n = min_t(u32, att->count, ARRAY_SIZE(att->list));

	/* a count over the array's is the driver's error: check what the array holds */
	for (i = 0; r->out == SIM_RUN && i < n; i++)
		if (agx_sim_gpu_touch(s, c->vm_slot, att->list[i].address,
				      (u64)att->list[i].size * 64, AGX_SIM_WRITE, &r->f))
			r->out = SIM_FAULT;
}

static void agx_sim_outcome(struct agx_sim *s, struct agx_sim_engine *e,
			    const struct agx_sim_run *r)
{
	switch (r->out) {
	case SIM_RUN:
		e->deadline = ktime_add_us(e->start, r->delay_us);
		break;
	case SIM_HANG:
		e->hung = true;
		break;
	case SIM_FAULT:
		agx_sim_raise_fault(s, e, &r->f);
		break;
	case SIM_CHANERR:
		agx_sim_channel_error(s, e, r->err);
		break;
	case SIM_CRASH:
		agx_sim_crash(s);
		break;
	}
}

/* Start the Run* command at @cmd_va of @wq on engine @e (an error is handled here). */
static void agx_sim_start(struct agx_sim *s, struct agx_sim_engine *e, struct agx_sim_wq *wq,
			  u64 cmd_va)
{
	struct agx_sim_run r = { .out = SIM_RUN, .delay_us = READ_ONCE(s->cfg.latency_us) };
	struct agx_sim_cmd *c = &e->cmd;
	/* zero: a microsequence that cannot be read leaves no attachments to write */
	struct agx_sim_ms ms = {};

	e->wq = wq;
	e->cmd_va = cmd_va;
	e->active = true;
	e->hung = false;
	e->faulted = false;
	e->grow_wait = false;
	wq->running = true;
	e->start = ktime_get();
	agx_sim_read_run(s, cmd_va, c);
	agx_sim_check_cmd(s, c, wq);
	agx_sim_check_tvb(s, c->tag, cmd_va);
	agx_sim_microseq(s, c, cmd_va, wq->info_va, &ms);
	/* the start the command's duration counts from: end - start >= its delay */
	agx_sim_write_ts(s, ms.ts[0], e->start);
	e->ts_end = ms.ts[1];
	agx_sim_set_pending(s, e, c->meta.stamp_slot, c->meta.stamp_value);
	agx_sim_load_ctx(s, c->vm_slot);
	agx_sim_check_preempt(s, e);
	agx_sim_inject(s, &r);
	if (r.out == SIM_RUN)
		agx_sim_ctrl(s, e, &r);
	agx_sim_attachments(s, c, &ms.att, &r);
	agx_sim_outcome(s, e, &r);
}

/* A Barrier at @cmd_va: false if it blocks @wq, true once consumed (or skipped). */
static bool agx_sim_barrier(struct agx_sim *s, struct agx_sim_wq *wq, u64 cmd_va)
{
	struct agx_fw_cmd_barrier b;

	agx_sim_rd(s, cmd_va, &b, sizeof(b));
	if (b.wait_slot >= AGX_NUM_EVENTS ||
	    b.wait_stamp != s->fw_stamps_va + b.wait_slot * sizeof(u32)) {
		agx_sim_violation(s, "barrier on 0x%llx is not an FwStamp", b.wait_stamp);
		agx_sim_advance(s, wq);
		return true;
	}
	if (!agx_stamp_reached(agx_sim_rd32(s, b.wait_stamp), b.wait_value)) {
		wq->st = SIM_WQ_BARRIER;
		return false;
	}
	atomic_inc(&s->ctr.barriers);
	agx_sim_advance(s, wq);
	return true;
}

/* Take the next command of @wq: false if the queue cannot progress now. */
static bool agx_sim_fetch(struct agx_sim *s, struct agx_sim_engine *e, struct agx_sim_wq *wq)
{
	u64 cmd_va;
	u32 tag;

	while (wq->st == SIM_WQ_READY && wq->rptr != agx_sim_wq_wptr(s, wq)) {
		if (!agx_sim_wq_live(s, wq))
			return false;
		cmd_va = agx_sim_rd64(s, wq->ring_va + wq->rptr * AGX_FW_RING_ENTRY_SIZE);
		if (!agx_sim_check_ptr(s, cmd_va, SIM_POOL_GPU_RO | SIM_POOL_PRIVATE, true,
				       "command")) {
			agx_sim_advance(s, wq);
			continue;
		}
		tag = agx_sim_rd32(s, cmd_va);
		switch (tag) {
		case AGX_CMD_BARRIER:
			if (!agx_sim_barrier(s, wq, cmd_va))
				return false;
			continue;
		case AGX_CMD_INIT_BUFFER:
			agx_sim_init_buffer(s, cmd_va);
			agx_sim_advance(s, wq);
			continue;
		case AGX_CMD_RUN_VERTEX:
		case AGX_CMD_RUN_FRAGMENT:
		case AGX_CMD_RUN_COMPUTE:
			agx_sim_start(s, e, wq, cmd_va);
			return true;
		default:
			agx_sim_violation(s, "unknown command tag %u", tag);
			agx_sim_advance(s, wq);
		}
	}
	return false;
}

/* Single-step mode: spend one of the steps agx_sim_step() granted; false if none. */
static bool agx_sim_take_step(struct agx_sim *s)
{
	bool ok = true;

	if (!READ_ONCE(s->cfg.single_step))
		return true;
	spin_lock(&s->lock);
	if (s->steps)
		s->steps--;
	else
		ok = false;
	spin_unlock(&s->lock);
	return ok;
}

static unsigned int agx_sim_engines(struct agx_sim *s)
{
	return clamp_t(u32, READ_ONCE(s->cfg.engines), 1, AGX_SIM_MAX_ENGINES);
}

/* An engine with a command: raise its timeout, or complete the command when it is due. */
static void agx_sim_engine_poll(struct agx_sim *s, struct agx_sim_engine *e, ktime_t now)
{
	if (e->hung) {
		if (ktime_ms_delta(now, e->start) >= s->progress_ms)
			agx_sim_timeout(s, e);
		return;
	}
	if (!e->grow_wait && !ktime_before(now, e->deadline) && agx_sim_take_step(s))
		agx_sim_complete(s, e);
}

/*
 * An idle engine: start the next command of the first runnable work queue of its pipe
 * type, highest priority first, round robin within a priority. A work queue runs on one
 * engine at a time (its commands run in ring order). Return: false if nothing was taken.
 */
static bool agx_sim_engine_fill(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_sim_wq *wq;
	unsigned int prio;

	for (prio = 0; prio < AGX_NUM_PRIOS; prio++) {
		list_for_each_entry(wq, &s->wqs, link) {
			if (wq->pipe != e->pipe || wq->prio != prio || wq->st != SIM_WQ_READY ||
			    wq->running || wq->rptr == agx_sim_wq_wptr(s, wq))
				continue;
			if (!agx_sim_take_step(s))
				return false;
			if (agx_sim_fetch(s, e, wq)) {
				list_move_tail(&wq->link, &s->wqs);	/* round robin */
				return true;
			}
			if (s->crashed || s->halted)
				return false;
		}
	}
	return false;
}

/**
 * agx_sim_run_engines() - one pass over the engines
 * @s: the simulated GPU, neither halted nor crashed.
 *
 * Completes what is due on every engine (or raises its timeout) and reports it at once,
 * as the firmware signals a completion when it happens, not after starting the next
 * commands; then gives every idle engine a command. Stops at a crash or a halt.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_run_engines(struct agx_sim *s)
{
	unsigned int n = agx_sim_engines(s), p, l;
	ktime_t now = ktime_get();

	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++)
		for (l = 0; l < AGX_SIM_MAX_ENGINES && !s->crashed && !s->halted; l++)
			if (s->eng[p][l].active)
				agx_sim_engine_poll(s, &s->eng[p][l], now);
	agx_sim_notif_eval_all(s);
	if (!s->crashed)
		agx_sim_post_flags(s);
	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++)
		for (l = 0; l < n; l++)
			while (!s->crashed && !s->halted && !s->eng[p][l].active &&
			       agx_sim_engine_fill(s, &s->eng[p][l]))
				;	/* a channel error leaves the engine idle: take the next */
}

/**
 * agx_sim_engines_init() - number the engines of a simulated GPU
 * @s: the simulated GPU, zeroed, before its firmware boots.
 *
 * Context: any.
 */
void agx_sim_engines_init(struct agx_sim *s)
{
	unsigned int p, l;

	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++) {
		for (l = 0; l < AGX_SIM_MAX_ENGINES; l++) {
			s->eng[p][l].pipe = p;
			s->eng[p][l].lane = l;
		}
	}
}
