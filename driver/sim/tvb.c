// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated firmware's buffer manager: what a render needs of its TVB buffer.
 *
 * - InitBuffer binds a buffer-manager slot to a buffer (its Info) in a VM slot. The
 *   simulator checks what the firmware will read: the Info is a live private object, its
 *   BlockControl a live shared one whose total is the command's block count, and each of
 *   those blocks is listed in the block and page lists (read through the VM, firmware
 *   access) and mapped GPU-writable in the VM. It records the binding.
 * - A RunVertex must name a slot bound, by the last InitBuffer for it, to the Info it
 *   points at, in its own VM slot: else the firmware would render with another buffer's
 *   pages (a stale slot). RunVertex and RunFragment point at a live Info and Scene.
 * - With &agx_sim_cfg.tvb_pages set, each RunVertex reports that many pages used in its
 *   Scene and the buffer's Stats (max_pages since the driver's last reset), the input of
 *   the driver's growth.
 * - The SIMQ op GROW_TVB makes a RunVertex send GrowTVB for its buffer slot (one at a
 *   time); the GrowTVBAck that answers it is counted, and counted as grown if the
 *   buffer's BlockControl total rose meanwhile. The grow is synchronous: the command
 *   stalls until the ack (the design of §6.8 blocks the vertex work queue meanwhile), so
 *   its buffer stays bound to the slot the driver grows. How long the real firmware
 *   waits before it gives up on an ack is not known: the simulator waits for ever (the
 *   job of a command whose ack never comes fails by the driver's backstop timeout; the
 *   command stays on its engine until the device goes).
 *
 * Called by exec.c and control.c (the firmware thread); calls channels, access and mem.
 */

#include <linux/minmax.h>
#include <agx/fw/buffer.h>
#include <agx/fw/render.h>
#include <agx/uat.h>

#include "agx_sim_tvb.h"
#include "agx_sim_access.h"
#include "agx_sim_channels.h"
#include "agx_sim_mem.h"

#define AGX_SIM_BM_PAGE_SHIFT	15	/* page numbers are VA >> 15 (buffer.rs) */

/* Block @i is listed (block list, its four pages) and GPU-writable in @vm_slot. */
static bool agx_sim_bm_block_ok(struct agx_sim *s, u32 vm_slot,
				const struct agx_fw_bm_info *info, u32 i)
{
	u32 pn, pages[AGX_BM_PAGES_PER_BLOCK], j;
	struct agx_sim_fault f;
	phys_addr_t phys;
	u64 va;

	if (agx_sim_copy_from_gpu(&s->mem, vm_slot, &pn, info->block_list + 8 * i, sizeof(pn),
				  true, &f) ||
	    agx_sim_copy_from_gpu(&s->mem, vm_slot, pages,
				  info->page_list + sizeof(pages) * i, sizeof(pages), true, &f))
		return false;
	for (j = 0; j < AGX_BM_PAGES_PER_BLOCK; j++)
		if (pages[j] != pn + j)
			return false;
	for (va = (u64)pn << AGX_SIM_BM_PAGE_SHIFT; va < ((u64)(pn + AGX_BM_PAGES_PER_BLOCK) <<
	     AGX_SIM_BM_PAGE_SHIFT); va += AGX_UAT_PGSZ)
		if (agx_sim_translate(&s->mem, vm_slot, va, AGX_SIM_WRITE, false, &phys, &f))
			return false;
	return true;
}

/* What the firmware reads of the buffer an InitBuffer binds. */
static bool agx_sim_bm_buffer_ok(struct agx_sim *s, const struct agx_fw_cmd_init_buffer *ib)
{
	struct agx_fw_bm_info info;
	u32 i;

	if (!agx_sim_check_ptr(s, ib->buffer, SIM_POOL_PRIVATE, true, "buffer Info"))
		return false;
	agx_sim_rd(s, ib->buffer, &info, sizeof(info));
	if (!agx_sim_check_ptr(s, info.block_ctl, SIM_POOL_SHARED, true, "BlockControl"))
		return false;
	if (agx_sim_rd32(s, info.block_ctl) != ib->block_count || !ib->block_count ||
	    ib->block_count > info.max_blocks || info.max_blocks > AGX_BM_MAX_BLOCKS) {
		agx_sim_violation(s, "InitBuffer of %u blocks, BlockControl says %u (max %u)",
				  ib->block_count, agx_sim_rd32(s, info.block_ctl),
				  info.max_blocks);
		return false;
	}
	for (i = 0; i < ib->block_count; i++) {
		if (!agx_sim_bm_block_ok(s, ib->vm_slot, &info, i)) {
			agx_sim_violation(s, "InitBuffer: block %u of slot %u not listed or mapped",
					  i, ib->buffer_slot);
			return false;
		}
	}
	return true;
}

/**
 * agx_sim_init_buffer() - run an InitBuffer
 * @s: the simulated GPU.
 * @cmd_va: the command.
 *
 * Checks it (a violation leaves the slot unbound) and binds its slot.
 *
 * Context: the firmware thread.
 */
void agx_sim_init_buffer(struct agx_sim *s, u64 cmd_va)
{
	struct agx_fw_cmd_init_buffer ib;
	struct agx_sim_bm *bm;

	agx_sim_rd(s, cmd_va, &ib, sizeof(ib));
	atomic_inc(&s->ctr.init_buffers);
	if (ib.buffer_slot >= AGX_BM_SLOTS) {
		agx_sim_violation(s, "InitBuffer for buffer slot %u", ib.buffer_slot);
		return;
	}
	bm = &s->bm[ib.buffer_slot];
	bm->info = 0;
	if (!agx_sim_bm_buffer_ok(s, &ib))
		return;
	bm->info = ib.buffer;
	bm->vm_slot = ib.vm_slot;
}

/* The pages a render used (the knob), in its Scene and its buffer's Stats. */
static void agx_sim_tvb_report(struct agx_sim *s, u64 scene_va)
{
	u32 pages = READ_ONCE(s->cfg.tvb_pages);
	u64 stats = agx_sim_rd64(s, scene_va + offsetof(struct agx_fw_bm_scene, stats));
	u64 max = stats + offsetof(struct agx_fw_bm_stats, max_pages);
	u64 reset = stats + offsetof(struct agx_fw_bm_stats, reset);

	if (!pages || !agx_sim_check_ptr(s, stats, SIM_POOL_SHARED, true, "TVB Stats"))
		return;
	agx_sim_wr32(s, scene_va + offsetof(struct agx_fw_bm_scene, pass_page_count), pages);
	agx_sim_wr32(s, scene_va + offsetof(struct agx_fw_bm_scene, total_page_count), pages);
	if (agx_sim_rd32(s, reset)) {
		agx_sim_wr32(s, reset, 0);
		agx_sim_wr32(s, max, pages);
	} else {
		agx_sim_wr32(s, max, max(pages, agx_sim_rd32(s, max)));
	}
}

/* A RunVertex's slot holds its buffer, bound in its VM slot. */
static void agx_sim_check_slot(struct agx_sim *s, u64 cmd_va, u64 buffer)
{
	u32 slot = agx_sim_rd32(s, cmd_va + offsetof(struct agx_fw_run_vertex, buffer_slot));
	u32 vm_slot = agx_sim_rd32(s, cmd_va + offsetof(struct agx_fw_run_vertex, vm_slot));

	if (slot >= AGX_BM_SLOTS) {
		agx_sim_violation(s, "RunVertex names buffer slot %u", slot);
		return;
	}
	if (s->bm[slot].info != buffer || s->bm[slot].vm_slot != vm_slot)
		agx_sim_violation(s, "stale buffer slot %u: RunVertex 0x%llx/%u, slot 0x%llx/%u",
				  slot, buffer, vm_slot, s->bm[slot].info, s->bm[slot].vm_slot);
}

/* The Info and Scene a RunVertex or RunFragment points at: live? (false for other tags) */
static bool agx_sim_tvb_ptrs(struct agx_sim *s, u32 tag, u64 cmd_va, u64 *buffer)
{
	size_t buf_off = offsetof(struct agx_fw_run_vertex, buffer);
	size_t scene_off = offsetof(struct agx_fw_run_vertex, scene);
	bool ok;

	if (tag == AGX_CMD_RUN_FRAGMENT) {
		buf_off = offsetof(struct agx_fw_run_fragment, buffer);
		scene_off = offsetof(struct agx_fw_run_fragment, scene);
	} else if (tag != AGX_CMD_RUN_VERTEX) {
		return false;
	}
	*buffer = agx_sim_rd64(s, cmd_va + buf_off);
	ok = agx_sim_check_ptr(s, *buffer, SIM_POOL_PRIVATE, true, "buffer Info");
	ok &= agx_sim_check_ptr(s, agx_sim_rd64(s, cmd_va + scene_off), SIM_POOL_SHARED, true,
				"Scene");
	return ok;
}

/**
 * agx_sim_check_tvb() - check the buffer manager's part of a render command at its start
 * @s: the simulated GPU.
 * @tag: AGX_CMD_RUN_VERTEX or AGX_CMD_RUN_FRAGMENT (other tags are ignored).
 * @cmd_va: the command.
 *
 * Its Info and Scene must be live; a RunVertex's buffer slot must hold its buffer. A
 * RunVertex then reports the TVB pages used (&agx_sim_cfg.tvb_pages).
 *
 * Context: the firmware thread.
 */
void agx_sim_check_tvb(struct agx_sim *s, u32 tag, u64 cmd_va)
{
	u64 buffer;

	if (!agx_sim_tvb_ptrs(s, tag, cmd_va, &buffer) || tag != AGX_CMD_RUN_VERTEX)
		return;
	agx_sim_check_slot(s, cmd_va, buffer);
	agx_sim_tvb_report(s, agx_sim_rd64(s, cmd_va + offsetof(struct agx_fw_run_vertex, scene)));
}

/**
 * agx_sim_check_tvb_done() - check a render command's Info and Scene as it retires
 * @s: the simulated GPU.
 * @tag: the command's tag (only RunVertex and RunFragment have them).
 * @cmd_va: the command.
 *
 * The firmware uses them until the command retires: one freed meanwhile is a violation.
 *
 * Context: the firmware thread.
 */
void agx_sim_check_tvb_done(struct agx_sim *s, u32 tag, u64 cmd_va)
{
	u64 buffer;

	agx_sim_tvb_ptrs(s, tag, cmd_va, &buffer);
}

/**
 * agx_sim_grow_tvb() - send GrowTVB for a RunVertex's buffer slot (SIMQ GROW_TVB)
 * @s: the simulated GPU.
 * @e: the engine running the command; only a RunVertex has a buffer slot.
 *
 * The command then stalls (&agx_sim_engine.grow_wait) until the GrowTVBAck. Nothing is
 * sent while another GrowTVB waits for its ack.
 *
 * Context: the firmware thread.
 */
void agx_sim_grow_tvb(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_GROW_TVB };
	struct agx_sim_grow *g = &s->grow;
	u64 cmd_va = e->cmd_va;
	u64 info;

	if (e->cmd.tag != AGX_CMD_RUN_VERTEX || g->pending)
		return;
	g->buffer_slot = agx_sim_rd32(s, cmd_va + offsetof(struct agx_fw_run_vertex, buffer_slot));
	g->vm_slot = agx_sim_rd32(s, cmd_va + offsetof(struct agx_fw_run_vertex, vm_slot));
	info = agx_sim_rd64(s, cmd_va + offsetof(struct agx_fw_run_vertex, buffer));
	if (!agx_sim_check_ptr(s, info, SIM_POOL_PRIVATE, true, "buffer Info"))
		return;
	g->block_ctl = agx_sim_rd64(s, info + offsetof(struct agx_fw_bm_info, block_ctl));
	if (!agx_sim_check_ptr(s, g->block_ctl, SIM_POOL_SHARED, true, "BlockControl"))
		return;
	g->total = agx_sim_rd32(s, g->block_ctl);
	g->counter++;
	g->pending = true;
	g->engine = e;
#ifndef AGX_SIM_BREAK_GROW_ASYNC	/* negative control: agx_fw_tvb_sync_grow must fail */
	e->grow_wait = true;
#endif
	m.grow_tvb.vm_slot = g->vm_slot;
	m.grow_tvb.buffer_slot = g->buffer_slot;
	m.grow_tvb.counter = g->counter;
	agx_sim_post_event(s, &m);
}

/**
 * agx_sim_grow_ack() - a GrowTVBAck arrived
 * @s: the simulated GPU.
 * @ack: its payload.
 *
 * One answering the GrowTVB in flight (same slots and counter) ends it and the stall of
 * the command that sent it; others (the driver may send one at any time) are only
 * checked for unk_4 by the caller.
 *
 * Context: the firmware thread.
 */
void agx_sim_grow_ack(struct agx_sim *s, const struct agx_fw_devctl_grow_tvb_ack *ack)
{
	struct agx_sim_grow *g = &s->grow;

	if (!g->pending || ack->buffer_slot != g->buffer_slot || ack->vm_slot != g->vm_slot ||
	    ack->counter != g->counter)
		return;
	g->pending = false;
	g->engine->grow_wait = false;	/* a command started since has none to clear */
	g->engine = NULL;
	atomic_inc(&s->ctr.grow_acks);
	/* a render ended by a fault may be gone: look without counting a violation */
	if (READ_ONCE(s->cfg.debug_alloc) && agx_sim_check_object(&s->mem, g->block_ctl))
		return;
	if (agx_sim_rd32(s, g->block_ctl) > g->total)
		atomic_inc(&s->ctr.tvb_grown);
}
