// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated faults, timeouts, channel errors and crashes
 *
 * How the firmware reports a command that cannot complete (asahi-agx-driver.md §6.8):
 *
 * - each engine has a ``pending_stamps`` entry in Globals, valid with the slot and value of
 *   its command while the command runs (agx_sim_set_pending(), agx_sim_clear_pending()):
 *   at a halt it tells the driver which commands were in flight;
 * - a fault (agx_sim_raise_fault(): a GPU access the walker refused, or injected) fills
 *   FAULT_INFO (the MMIO register and Globals) with the walker's reason, level, access,
 *   VM slot and address, halts the firmware (FwStatus ``halted``, ``halt_count``) and
 *   posts a Fault event; a hang the watchdog caught (agx_sim_timeout()) halts and posts a
 *   Timeout event with the culprit's slot. The faulting or hung command is retired after
 *   the driver's ``resume`` (control.c);
 * - a channel error (agx_sim_channel_error()) does not halt: the command's work queue
 *   stops until DeviceControl RecoverChannel, the engine is free for other queues;
 * - a crash (agx_sim_crash()) marks the firmware crashed and calls the driver's crash
 *   callback; from then on the thread touches no memory.
 */

#include <linux/bitfield.h>
#include <linux/printk.h>
#include <agx/fw/channels.h>
#include <agx/fw/initdata.h>

#include "agx_sim_access.h"
#include "agx_sim_channels.h"
#include "agx_sim_fault.h"

/* One pending_stamps entry per engine: the commands in flight when the firmware halts. */
static u64 agx_sim_pending_va(struct agx_sim *s, const struct agx_sim_engine *e)
{
	return s->globals_va + offsetof(struct agx_fw_globals, pending_stamps) +
	       (e->pipe * AGX_SIM_MAX_ENGINES + e->lane) * sizeof(struct agx_fw_pending_stamp);
}

/**
 * agx_sim_set_pending() - publish the command an engine runs in its pending_stamps entry
 * @s: the simulated GPU.
 * @e: the engine.
 * @slot: the command's event slot.
 * @value: its stamp value.
 *
 * Context: the firmware thread.
 */
void agx_sim_set_pending(struct agx_sim *s, const struct agx_sim_engine *e, u32 slot,
			 u32 value)
{
	struct agx_fw_pending_stamp ps = {
		.info = AGX_PENDING_VALID | (slot << s->layout->pending_slot_shift),
		.wait_value = value,
	};

	agx_sim_wr(s, agx_sim_pending_va(s, e), &ps, sizeof(ps));
}

/**
 * agx_sim_clear_pending() - an engine runs no command: clear its pending_stamps entry
 * @s: the simulated GPU.
 * @e: the engine.
 *
 * Context: the firmware thread.
 */
void agx_sim_clear_pending(struct agx_sim *s, const struct agx_sim_engine *e)
{
	struct agx_fw_pending_stamp none = {};

	agx_sim_wr(s, agx_sim_pending_va(s, e), &none, sizeof(none));
}

static void agx_sim_halt(struct agx_sim *s)
{
	u64 hc_va = s->fw_status_va + offsetof(struct agx_fw_status, halt_count);

	agx_sim_wr32(s, s->fw_status_va + offsetof(struct agx_fw_status, halted), 1);
	agx_sim_wr32(s, hc_va, agx_sim_rd32(s, hc_va) + 1);
	s->halted = true;
}

/*
 * The FAULT_INFO reason code of a walker fault, as the Asahi driver decodes it (regs.rs
 * FaultReason): 0 Unmapped, 1 AfFault (leaf without the access flag), 2 WriteOnly (a read
 * of a page that only allows writes), 3 ReadOnly (a write of a page that only allows
 * reads), 4 NoAccess (a page that allows neither, and a TTBR whose ASID is not the
 * context's: asahi-agx-driver.md §6.2).
 */
static u64 agx_sim_fault_reason(const struct agx_sim_fault *f)
{
	switch (f->reason) {
	case AGX_SIM_FAULT_AF:
		return AGX_FAULT_REASON_AF;
	case AGX_SIM_FAULT_ASID:
		return AGX_FAULT_REASON_NO_ACCESS;
	case AGX_SIM_FAULT_PERM:
		if (!f->allowed)
			return AGX_FAULT_REASON_NO_ACCESS;
		if ((f->access & AGX_SIM_WRITE) && !(f->allowed & AGX_SIM_WRITE))
			return AGX_FAULT_REASON_READ_ONLY;
		return AGX_FAULT_REASON_WRITE_ONLY;
	default:
		return AGX_FAULT_REASON_UNMAPPED;
	}
}

/**
 * agx_sim_raise_fault() - raise a GPU fault of an engine's command (§6.8)
 * @s: the simulated GPU.
 * @e: the engine; its command is retired at the resume.
 * @f: the fault, as the walker reported it.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_raise_fault(struct agx_sim *s, struct agx_sim_engine *e,
			 const struct agx_sim_fault *f)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_FAULT };
	u64 info = AGX_FAULT_VALID | FIELD_PREP(AGX_FAULT_UNIT, AGX_FAULT_UNIT_UL1C) |
		   FIELD_PREP(AGX_FAULT_VM_SLOT, e->cmd.vm_slot) |
		   FIELD_PREP(AGX_FAULT_LEVEL, f->level & 3) |
		   FIELD_PREP(AGX_FAULT_REASON, agx_sim_fault_reason(f)) |
		   ((f->va >> 6) << AGX_FAULT_ADDR_SHIFT);

	if (f->access == AGX_SIM_READ)
		info |= AGX_FAULT_READ;
	WRITE_ONCE(s->fault_info, info);
	WRITE_ONCE(s->last_fault_info, info);
	agx_sim_wr(s, s->globals_va + offsetof(struct agx_fw_globals, fault_info), &info,
		   sizeof(info));
	e->faulted = true;
	atomic_inc(&s->ctr.faults);
	agx_sim_halt(s);
	agx_sim_post_event(s, &m);
}

/**
 * agx_sim_timeout() - raise a Timeout for an engine's hung command (§6.8)
 * @s: the simulated GPU.
 * @e: the engine; its command is retired at the resume.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_timeout(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_TIMEOUT };

	m.timeout.counter = ++s->timeout_counter;
	m.timeout.event_slot = e->cmd.meta.stamp_slot;
	atomic_inc(&s->ctr.timeouts);
	agx_sim_halt(s);
	agx_sim_post_event(s, &m);
}

/**
 * agx_sim_channel_error() - raise a channel error for an engine's command
 * @s: the simulated GPU.
 * @e: the engine; it is idle afterwards.
 * @err: the error type, 0 for Aborted.
 *
 * The command's work queue stays stopped (and its command counted as running) until
 * DeviceControl RecoverChannel retires the command.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_channel_error(struct agx_sim *s, struct agx_sim_engine *e, u32 err)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_CHANNEL_ERROR };
	struct agx_sim_wq *wq = e->wq;

	m.channel_error.error_type = err ? err : AGX_CHANNEL_ERR_ABORTED;
	m.channel_error.pipe_type = wq->pipe;
	m.channel_error.event_slot = e->cmd.meta.stamp_slot;
	m.channel_error.event_value = e->cmd.meta.stamp_value;
	atomic_inc(&s->ctr.channel_errors);
	wq->st = SIM_WQ_CHANERR;
	e->active = false;
	e->wq = NULL;
	agx_sim_clear_pending(s, e);
	agx_sim_post_event(s, &m);
}

/**
 * agx_sim_crash() - the firmware crashes
 * @s: the simulated GPU.
 *
 * Calls the driver's crash callback (&agx_sim_host_ops.crashed); the thread touches no
 * memory afterwards.
 *
 * Context: the firmware thread.
 */
void agx_sim_crash(struct agx_sim *s)
{
	pr_info("agx_sim: firmware crash\n");
	s->crashed = true;
	s->host->crashed(s->host_priv);
}
