// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated boot, device control and recovery
 *
 * The firmware's control plane, above the engines:
 *
 * - MSG_INIT (asahi-agx-driver.md §6.4; fw/initdata.rs): the firmware reads InitData
 *   (13.5 layout) and RuntimePointers, learns every channel from its descriptor (pipe
 *   channels, device control, event, FW log, Stats; FwCtl from FwStatus), FwStatus,
 *   Globals (the watchdog interval ``progress_check_interval_cl``, 2 s if zero) and the
 *   stamp arrays (the simulator's extension after InitData). It checks ver_info against
 *   the layout's, the UAT geometry, and that unk_buf, RuntimePointers, HwDataA, HwDataB
 *   (both pointers the same, its UAT TTB base the TTBAT of the boot, each of its MMIO
 *   windows mapped to its registers with the access it names), the statistics and
 *   the unknown arrays are live objects of their pools, and that the buffer-manager
 *   control page is one page at its GPU and firmware addresses; then logs "init done" and posts
 *   a Stats message. A second MSG_INIT is a violation. Until MSG_INIT the firmware
 *   ignores every message.
 * - Device control (§6.9), one message at a time from its channel, unless the
 *   ``stall_devctl`` knob holds it: Initialize (once), DestroyContext in the version's
 *   payload layout (the firmware forgets the idle work queues of the context; one with
 *   work left is a violation, and so are ctx bytes that are not the context's; with no
 *   context and 0xff/0xff it is a cache flush, not modelled), RecoverChannel (the failed
 *   command of a work queue with a channel error is retired at the driver's value and the
 *   queue runs again), GrowTVBAck (acknowledged; unk_4 must be 1).
 * - FwCtl: a cache flush request in a handoff slot is acknowledged (state 1 -> 2).
 * - Recovery after a halt (§6.8): once the driver sets FwStatus ``resume`` (ignored with
 *   the ``no_recovery`` knob), the firmware clears it and FAULT_INFO, retires the faulting
 *   and hung commands and runs again.
 */

#include <linux/export.h>
#include <linux/io.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <agx/fw/channels.h>
#include <agx/fw/initdata.h>
#include <agx/uat.h>

#include "agx_sim_access.h"
#include "agx_sim_channels.h"
#include "agx_sim_control.h"
#include "agx_sim_exec.h"
#include "agx_sim_fw.h"
#include "agx_sim_mem.h"
#include "agx_sim_stamps.h"
#include "agx_sim_workqueue.h"
#include "agx_sim_tvb.h"

/* InitData at @va, its sim extension and the RuntimePointers it names. */
static bool agx_sim_init_read(struct agx_sim *s, u64 va, struct agx_fw_initdata *id,
			      struct agx_fw_initdata_sim *ext, struct agx_fw_runtime_pointers *rt)
{
	return agx_sim_check_ptr(s, va, SIM_POOL_PRIVATE, true, "InitData") &&
	       !agx_sim_rd(s, va, id, sizeof(*id)) &&
	       !agx_sim_rd(s, va + sizeof(*id), ext, sizeof(*ext)) &&
	       agx_sim_check_ptr(s, id->runtime_pointers, SIM_POOL_PRIVATE, true,
				 "RuntimePointers") &&
	       !agx_sim_rd(s, id->runtime_pointers, rt, sizeof(*rt));
}

/* What InitData itself says: the firmware build and the UAT geometry (initdata.rs build()). */
static void agx_sim_init_check_id(struct agx_sim *s, const struct agx_fw_initdata *id)
{
	const struct agx_fw_uat_level_info *l0 = &id->uat_level_info[0];

	if (s->layout->has_ver_info &&
	    memcmp(id->ver_info, s->layout->ver_info, sizeof(id->ver_info)))
		agx_sim_violation(s, "InitData ver_info %x %x %x %x is not the firmware's",
				  id->ver_info[0], id->ver_info[1], id->ver_info[2],
				  id->ver_info[3]);
	if (id->uat_page_size != AGX_UAT_PGSZ || id->uat_page_bits != AGX_UAT_PGBIT ||
	    id->uat_num_levels != AGX_UAT_LEVELS || l0->index_shift != 36 ||
	    l0->num_entries != 8 || id->uat_level_info[2].index_shift != AGX_UAT_PGBIT)
		agx_sim_violation(s, "InitData UAT geometry is not the GPU's");
	agx_sim_check_ptr(s, id->unk_buf, SIM_POOL_SHARED_RO, true, "InitData unk_buf");
}

/*
 * HwDataB's MMIO windows: each the firmware would use must translate, in the kernel VM,
 * to the registers it names, writable if it says so (gpu.rs iomap()).
 */
static void agx_sim_init_check_io(struct agx_sim *s, u64 hwdata_b)
{
	u64 base = hwdata_b + offsetof(struct agx_fw_hwdata_b, io_mappings);
	struct agx_fw_io_mapping io;
	struct agx_sim_fault f;
	unsigned int i;
	u64 pte;

	for (i = 0; i < AGX_IO_MAPPINGS; i++) {
		u32 access;

		if (agx_sim_rd(s, base + i * sizeof(io), &io, sizeof(io)))
			return;
		if (!io.total_size)
			continue;
		access = AGX_SIM_READ | (io.readwrite ? AGX_SIM_WRITE : 0);
		/* device memory: walked, not read (the simulator has no such registers) */
		if (agx_sim_walk(&s->mem, 0, io.virt_addr, &pte, &f) ||
		    !(pte & AGX_PTE_AF) || !agx_sim_perm_ok(pte, access, true) ||
		    (pte & AGX_PTE_OA_MASK) + (io.virt_addr & AGX_UAT_PGMASK) != io.phys_addr)
			agx_sim_violation(s, "HwDataB io_mappings[%u]: 0x%llx is not 0x%llx", i,
					  io.virt_addr, io.phys_addr);
	}
}

/*
 * The buffer-manager control page: the GPU's address (kernel context, lower half) and the
 * firmware's (upper half) must be the same RAM, readable and writable by each.
 */
static void agx_sim_init_check_bufmgr(struct agx_sim *s, const struct agx_fw_runtime_pointers *rt)
{
	u32 rw = AGX_SIM_READ | AGX_SIM_WRITE;
	phys_addr_t gpu, fw;
	struct agx_sim_fault f;

	if (agx_sim_translate(&s->mem, 0, rt->buffer_mgr_ctl_gpu_addr, rw, false, &gpu, &f) ||
	    agx_sim_translate(&s->mem, 0, rt->buffer_mgr_ctl_fw_addr, rw, true, &fw, &f) ||
	    gpu != fw)
		agx_sim_violation(s, "buffer-manager control 0x%llx / 0x%llx not one page",
				  rt->buffer_mgr_ctl_gpu_addr, rt->buffer_mgr_ctl_fw_addr);
}

/* The objects RuntimePointers points at besides the channels: live, in their pools. */
static void agx_sim_init_check_rt(struct agx_sim *s, const struct agx_fw_runtime_pointers *rt)
{
	static const struct { size_t off; const char *what; } objs[] = {
		{ offsetof(struct agx_fw_runtime_pointers, stats_vtx), "StatsVtx" },
		{ offsetof(struct agx_fw_runtime_pointers, stats_frag), "StatsFrag" },
		{ offsetof(struct agx_fw_runtime_pointers, stats_comp), "StatsComp" },
		{ offsetof(struct agx_fw_runtime_pointers, hwdata_a), "HwDataA" },
		{ offsetof(struct agx_fw_runtime_pointers, unkptr_190), "unkptr_190" },
		{ offsetof(struct agx_fw_runtime_pointers, unkptr_198), "unkptr_198" },
		{ offsetof(struct agx_fw_runtime_pointers, hwdata_b), "HwDataB" },
		{ offsetof(struct agx_fw_runtime_pointers, unkptr_1b8), "unkptr_1b8" },
		{ offsetof(struct agx_fw_runtime_pointers, unkptr_1c0), "unkptr_1c0" },
		{ offsetof(struct agx_fw_runtime_pointers, unkptr_1c8), "unkptr_1c8" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(objs); i++)
		agx_sim_check_ptr(s, *(const u64 *)((const char *)rt + objs[i].off),
				  SIM_POOL_PRIVATE, true, objs[i].what);
	if (rt->hwdata_b_2 != rt->hwdata_b)
		agx_sim_violation(s, "RuntimePointers hwdata_b_2 is not hwdata_b");
	else if (agx_sim_rd64(s, rt->hwdata_b + offsetof(struct agx_fw_hwdata_b, uat_ttb_base)) !=
		 s->mem.ttbat_phys)
		agx_sim_violation(s, "HwDataB uat_ttb_base is not the TTBAT of the boot");
	else
		agx_sim_init_check_io(s, rt->hwdata_b);
	agx_sim_init_check_bufmgr(s, rt);
}

/* The channels of RuntimePointers, and the FW log buffer. */
static void agx_sim_init_channels(struct agx_sim *s, const struct agx_fw_runtime_pointers *rt)
{
	const struct agx_fw_chan_ring *ring;
	unsigned int p, t;

	for (p = 0; p < AGX_NUM_PRIOS; p++)
		for (t = 0; t < AGX_NUM_PIPE_TYPES; t++) {
			ring = t == AGX_PIPE_VTX ? &rt->pipes[p].vtx :
			       t == AGX_PIPE_FRAG ? &rt->pipes[p].frag : &rt->pipes[p].comp;
			agx_sim_chan_setup(s, &s->pipes[p][t], ring, s->layout->pipe_msg_size,
					   AGX_CHAN_ENTRIES, SIM_POOL_PRIVATE, "pipe channel");
		}
	agx_sim_chan_setup(s, &s->devctl, &rt->device_control, s->layout->devctl_msg_size,
			   AGX_CHAN_ENTRIES, SIM_POOL_PRIVATE, "devctl channel");
	agx_sim_chan_setup(s, &s->event, &rt->event, AGX_EVENT_MSG_SIZE, AGX_CHAN_ENTRIES,
			   SIM_POOL_SHARED, "event channel");
	agx_sim_chan_setup(s, &s->fwlog, &rt->fw_log, sizeof(struct agx_fw_fwlog_msg),
			   AGX_CHAN_ENTRIES, SIM_POOL_SHARED, "fwlog channel");
	agx_sim_chan_setup(s, &s->stats, &rt->stats, s->layout->stats_msg_size,
			   AGX_CHAN_ENTRIES, SIM_POOL_SHARED, "stats channel");
	s->fwlog_buf_va = rt->fwlog_buf;
	agx_sim_check_ptr(s, rt->fwlog_buf, SIM_POOL_SHARED, true, "FWLog buffer");
}

/* FwStatus and the FwCtl channel it holds: false if FwStatus cannot be read. */
static bool agx_sim_init_status(struct agx_sim *s, const struct agx_fw_initdata *id)
{
	struct agx_fw_status fs;

	if (!agx_sim_check_ptr(s, id->fw_status, SIM_POOL_SHARED, true, "FwStatus") ||
	    agx_sim_rd(s, id->fw_status, &fs, sizeof(fs)))
		return false;
	s->fw_status_va = id->fw_status;
	s->fwctl.fwctl = true;
	agx_sim_chan_setup(s, &s->fwctl, &fs.fwctl_channel, sizeof(struct agx_fw_fwctl_msg),
			   AGX_CHAN_ENTRIES, SIM_POOL_SHARED, "fwctl channel");
	return true;
}

/* Globals (the watchdog interval) and the stamp arrays: false if Globals is bad. */
static bool agx_sim_init_globals(struct agx_sim *s, const struct agx_fw_initdata *id,
				 const struct agx_fw_initdata_sim *ext)
{
	if (!agx_sim_check_ptr(s, id->globals, SIM_POOL_PRIVATE, true, "Globals"))
		return false;
	s->globals_va = id->globals;
	s->progress_ms = agx_sim_rd32(s, id->globals +
				      offsetof(struct agx_fw_globals, progress_check_interval_cl));
	if (!s->progress_ms)
		s->progress_ms = 2000;	/* sim default, §6.8 */
	if (ext->num_stamps != AGX_NUM_EVENTS)
		agx_sim_violation(s, "InitData has %u stamps", ext->num_stamps);
	agx_sim_check_ptr(s, ext->stamps, SIM_POOL_SHARED, true, "Stamps");
	agx_sim_check_ptr(s, ext->fw_stamps, SIM_POOL_PRIVATE, true, "FwStamps");
	s->stamps_va = ext->stamps;
	s->fw_stamps_va = ext->fw_stamps;
	return true;
}

/**
 * agx_sim_msg_init() - handle MSG_INIT (§6.4)
 * @s: the simulated GPU.
 * @va: the InitData VA of the message (44 bits, sign-extended here).
 *
 * The firmware is inited (&agx_sim.inited) only if InitData, RuntimePointers, FwStatus
 * and Globals could be read.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_msg_init(struct agx_sim *s, u64 va)
{
	struct agx_fw_stats_msg st = { .tag = AGX_STATS_POWER_ON };
	struct agx_fw_runtime_pointers *rt;
	struct agx_fw_initdata_sim ext;
	struct agx_fw_initdata id;

	if (va & BIT_ULL(43))
		va |= ~AGX_MSG_INIT_VA_MASK;	/* sign-extend the 44-bit VA */
	if (s->inited) {
		agx_sim_violation(s, "second MSG_INIT");
		return;
	}
	rt = kmalloc(sizeof(*rt), GFP_KERNEL);	/* 27 KiB: not on the stack */
	if (!rt || !agx_sim_init_read(s, va, &id, &ext, rt)) {
		kfree(rt);
		return;
	}
	agx_sim_init_check_id(s, &id);
	agx_sim_init_check_rt(s, rt);
	s->stats_va[AGX_PIPE_VTX] = rt->stats_vtx;
	s->stats_va[AGX_PIPE_FRAG] = rt->stats_frag;
	s->stats_va[AGX_PIPE_COMP] = rt->stats_comp;
	agx_sim_init_channels(s, rt);
	kfree(rt);
	if (!agx_sim_init_status(s, &id) || !agx_sim_init_globals(s, &id, &ext))
		return;
	s->inited = true;
	agx_sim_log(s, 2, "agx_sim: init done");
	agx_sim_rx_put(s, &s->stats, 0, &st, sizeof(st));
	agx_sim_rx_doorbell(s);
}

static void agx_sim_destroy_ctx(struct agx_sim *s, u64 ctx_va)
{
	struct agx_sim_wq *wq, *tmp;

	atomic_inc(&s->ctr.contexts_destroyed);
	list_for_each_entry_safe(wq, tmp, &s->wqs, link) {
		if (wq->ctx_va != ctx_va)
			continue;
		if (agx_sim_wq_has_work(s, wq) || wq->st == SIM_WQ_CHANERR)
			agx_sim_violation(s, "context 0x%llx destroyed while queue 0x%llx is busy",
					  ctx_va, wq->info_va);
		if (wq->running)
			continue;	/* an engine still holds it */
		agx_sim_wq_free(wq);
	}
}

static void agx_sim_recover_channel(struct agx_sim *s,
				    const struct agx_fw_devctl_recover_channel *r)
{
	struct agx_sim_wq *wq = agx_sim_wq_find(s, r->work_queue);
	struct agx_sim_cmd c;
	u64 cmd_va;

	if (!wq || wq->st != SIM_WQ_CHANERR || wq->pipe != r->pipe_type) {
		agx_sim_violation(s, "RecoverChannel for a queue without a channel error");
		return;
	}
	/*
	 * Skip the failed command: retire it at the driver's value. It no longer runs, so the
	 * queue is idle again unless more commands follow (as after agx_sim_complete()).
	 */
	cmd_va = agx_sim_rd64(s, wq->ring_va + wq->rptr * AGX_FW_RING_ENTRY_SIZE);
	agx_sim_read_run(s, cmd_va, &c);
	agx_sim_retire(s, wq->slot, r->event_value, c.notifier);
	wq->running = false;
	agx_sim_advance(s, wq);
	wq->st = SIM_WQ_READY;
}

/*
 * DestroyContext in the layout of the firmware version (&agx_fw_layout.devctl_dc_v13_3):
 * no context is a full cache flush (ctx_0 = ctx_1 = 0xff); with one, ctx_0, ctx_1 and
 * ctx_23 must be the context's own bytes, as the Rust driver copies them (gpu.rs).
 */
static void agx_sim_devctl_destroy(struct agx_sim *s, const struct agx_fw_devctl_msg *m)
{
	bool v13_3 = s->layout->devctl_dc_v13_3;
	u64 va = v13_3 ? m->destroy_ctx.gpu_context : m->destroy_ctx_v12.gpu_context;
	u8 c0 = v13_3 ? m->destroy_ctx.ctx_0 : m->destroy_ctx_v12.ctx_0;
	u8 c1 = v13_3 ? m->destroy_ctx.ctx_1 : m->destroy_ctx_v12.ctx_1;
	u8 c23 = v13_3 ? m->destroy_ctx.ctx_23 : m->destroy_ctx_v12.ctx_23;
	struct agx_fw_gpu_context ctx;

	if (!va) {
		if (c0 != 0xff || c1 != 0xff)
			agx_sim_violation(s, "DestroyContext without a context is not a flush");
		return;	/* full cache flush: no cache modelled */
	}
	if (!agx_sim_check_ptr(s, va, SIM_POOL_SHARED, true, "destroyed context") ||
	    agx_sim_rd(s, va, &ctx, sizeof(ctx)))
		return;
	if (c0 != ctx.unk_0 || c1 != ctx.unk_1 || c23 != ctx.unk_23)
		agx_sim_violation(s, "DestroyContext 0x%llx: ctx %x %x %x, context %x %x %x", va,
				  c0, c1, c23, ctx.unk_0, ctx.unk_1, ctx.unk_23);
	agx_sim_destroy_ctx(s, va);
}

/* One device-control message (§6.9); the tags are the layout's. */
static void agx_sim_devctl_msg(struct agx_sim *s, const struct agx_fw_devctl_msg *m)
{
	const struct agx_fw_layout *l = s->layout;

	atomic_inc(&s->ctr.devctl);
	if (m->tag == l->devctl_initialize) {
		if (s->init_seen)
			agx_sim_violation(s, "second Initialize");
		s->init_seen = true;
	} else if (m->tag == l->devctl_destroy_ctx) {
		agx_sim_devctl_destroy(s, m);
	} else if (m->tag == l->devctl_recover_channel) {
		agx_sim_recover_channel(s, &m->recover);
	} else if (m->tag == l->devctl_grow_tvb_ack) {
		if (m->grow_ack.unk_4 != 1)	/* gpu.rs ack_grow() */
			agx_sim_violation(s, "GrowTVBAck with unk_4 %u", m->grow_ack.unk_4);
		agx_sim_grow_ack(s, &m->grow_ack);
	} else {
		pr_info("agx_sim: unknown device control 0x%x\n", m->tag);
	}
}

/**
 * agx_sim_scan_devctl() - handle every new message of the device-control channel
 * @s: the simulated GPU.
 *
 * Does nothing while the ``stall_devctl`` knob is set.
 *
 * Context: the firmware thread (the device-control doorbell); sleeps.
 */
void agx_sim_scan_devctl(struct agx_sim *s)
{
	struct agx_fw_devctl_msg m;
	u8 buf[AGX_FW_MSG_MAX];

	if (READ_ONCE(s->cfg.stall_devctl))
		return;
	while (agx_sim_tx_peek(s, &s->devctl, buf)) {
		memcpy(&m, buf, sizeof(m));
		agx_sim_devctl_msg(s, &m);
		agx_sim_tx_ack(s, &s->devctl);
	}
}

/**
 * agx_sim_scan_fwctl() - handle every new message of the FwCtl channel
 * @s: the simulated GPU.
 *
 * Acknowledges each cache flush request in the handoff; a message without a request in
 * its slot is a violation.
 *
 * Context: the firmware thread (the FwCtl doorbell).
 */
void agx_sim_scan_fwctl(struct agx_sim *s)
{
	struct agx_fw_fwctl_msg m;
	struct agx_handoff *h = phys_to_virt(s->mem.handoff_phys);

	while (agx_sim_tx_peek(s, &s->fwctl, &m)) {
		if (m.slot < AGX_HANDOFF_FLUSH_SLOTS && READ_ONCE(h->flush[m.slot].state) == 1)
			WRITE_ONCE(h->flush[m.slot].state, 2);
		else
			agx_sim_violation(s, "FwCtl flush without a request in slot %u", m.slot);
		agx_sim_tx_ack(s, &s->fwctl);
	}
}

/* After the driver's resume: retire the faulting or hung commands (§6.8). */
static void agx_sim_resume(struct agx_sim *s)
{
	unsigned int p, l;

	WRITE_ONCE(s->fault_info, 0);
	s->halted = false;
	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++) {
		for (l = 0; l < AGX_SIM_MAX_ENGINES; l++) {
			struct agx_sim_engine *e = &s->eng[p][l];

			if (e->active && (e->faulted || e->hung))
				agx_sim_complete(s, e);
		}
	}
}

/**
 * agx_sim_poll_resume() - resume a halted firmware once the driver asks for it
 * @s: the simulated GPU, inited.
 *
 * If the firmware is halted and FwStatus ``resume`` is set (and the ``no_recovery`` knob
 * is not), clears ``resume`` and FAULT_INFO and retires the faulting and hung commands.
 *
 * Context: the firmware thread.
 */
void agx_sim_poll_resume(struct agx_sim *s)
{
	u64 va = s->fw_status_va + offsetof(struct agx_fw_status, resume);

	if (!s->halted || READ_ONCE(s->cfg.no_recovery) || !agx_sim_rd32(s, va))
		return;
	agx_sim_wr32(s, va, 0);
	agx_sim_resume(s);
}

/**
 * agx_sim_check_initdata() - run the checks of MSG_INIT on an InitData (tests)
 * @sim: a simulated GPU.
 * @va: the InitData to check (a kernel VA, as MSG_INIT gives it).
 *
 * Checks what MSG_INIT checks of InitData and the RuntimePointers, HwDataA, HwDataB,
 * statistics and buffer-manager control page it leads to, counting a violation for each
 * rule broken; the running firmware is not changed (no channel is set up). The negative
 * controls of those checks use it on a corrupted copy of the driver's InitData.
 *
 * Context: process context; may sleep.
 * Return: 0 if InitData and RuntimePointers could be read (the checks ran); -EFAULT if
 * not (a violation is counted); -ENOMEM.
 */
int agx_sim_check_initdata(struct agx_sim *sim, u64 va)
{
	struct agx_fw_runtime_pointers *rt = kmalloc(sizeof(*rt), GFP_KERNEL);
	struct agx_fw_initdata_sim ext;
	struct agx_fw_initdata id;
	int ret = -EFAULT;

	if (!rt)
		return -ENOMEM;
	if (agx_sim_init_read(sim, va, &id, &ext, rt)) {
		agx_sim_init_check_id(sim, &id);
		agx_sim_init_check_rt(sim, rt);
		ret = 0;
	}
	kfree(rt);
	return ret;
}
EXPORT_SYMBOL_GPL(agx_sim_check_initdata);
