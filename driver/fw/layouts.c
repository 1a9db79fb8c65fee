// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware versions
 *
 * Probe picks one &struct agx_fw_layout from the GPU generation and the firmware-compat
 * version, as the Rust driver picks its versioned GpuManager (asahi-agx-driver.md §4): an
 * unknown combination is -ENODEV.
 *
 * Apple AGX firmware ABI: the layout table of &struct agx_fw_layout, one entry per
 * firmware/GPU combination, and its lookup. Compiled into agx.ko (driver/Kbuild) and, the
 * same source, into agx_sim.ko (driver/sim/layouts.c): the simulated firmware knows its own
 * layout without calling into the driver, and both read the same data.
 *
 * Values: asahi-agx-driver.md §2.3, §2.4, §1.7, §2.8, §2.9, §2.7, §2.10 and the Rust
 * driver's #[ver] conditions (fw/workqueue.rs, fw/channels.rs), as cited in &struct
 * agx_fw_layout. G13 with firmware 13.5 (M1) is the reference combination; G14 with 13.5,
 * G13 with 12.3, G14 with 12.4 and G14X with 13.5 are the same code with other data. The
 * microsequence op structs (<agx/fw/workqueue.h>), InitData and the Run* commands
 * (<agx/fw/render.h>, RunCompute) are those of G13 and G14 from 13.3, which the G13/12.3,
 * G14/12.4 and G14X/13.5 entries use too: those three are not real (&agx_fw_layout.real),
 * a Mac with one of them is refused at probe.
 */

#include <linux/kernel.h>
#include <agx/fw/buffer.h>	/* its static assertions, in the kernel build too */
#include <agx/fw/channels.h>
#include <agx/fw/event.h>
#include <agx/fw/render.h>
#include <agx/fw/version.h>
#include <agx/fw/workqueue.h>

static const struct agx_fw_layout agx_fw_layouts[] = {
	{
		.name = "G13V13_5",
		.gen = AGX_GEN_G13,
		.version = AGX_FW_VERSION(13, 5, 0),
		.pipe_msg_size = 0x30,
		.devctl_msg_size = 0x30,
		.stats_msg_size = 0x40,
		.devctl_grow_tvb_ack = 0x0e,
		.devctl_recover_channel = 0x0f,
		.devctl_destroy_ctx = 0x18,
		.devctl_initialize = 0x1a,
		.pending_slot_shift = 4,
		.op_wait_idle = AGX_OP_WAIT_FOR_IDLE,
		.barrier_size = sizeof(struct agx_fw_cmd_barrier),
		.notifier_size = sizeof(struct agx_fw_notifier),
		.real = true,
		.has_ver_info = true,
		.ver_info = { 0x6ba0, 0x1f28, 0x601, 0xb0 },
		.devctl_dc_v13_3 = true,
		.queue_info_size = sizeof(struct agx_fw_queue_info_v13_2),
		.queue_info_tail = offsetof(struct agx_fw_queue_info_v13_2, tail),
		.render_g14 = false,
		.tiling_control = AGX_TILING_CONTROL_T8103,
		.frag_g14_unk = 0,
		.frag_bgobjvals_or = AGX_FRAG_G13_BGOBJVALS,
	},
	{
		.name = "G14V13_5",
		.gen = AGX_GEN_G14,
		.version = AGX_FW_VERSION(13, 5, 0),
		.pipe_msg_size = 0x40,
		.devctl_msg_size = 0x40,
		.stats_msg_size = 0x40,
		.devctl_grow_tvb_ack = 0x0e,
		.devctl_recover_channel = 0x0f,
		.devctl_destroy_ctx = 0x18,
		.devctl_initialize = 0x1a,
		.pending_slot_shift = 4,
		.op_wait_idle = AGX_OP_WAIT_FOR_IDLE,
		.barrier_size = sizeof(struct agx_fw_cmd_barrier),
		.notifier_size = sizeof(struct agx_fw_notifier),
		.real = true,
		.has_ver_info = true,
		.ver_info = { 0x6ba0, 0x1f28, 0x601, 0xb0 },
		.devctl_dc_v13_3 = true,
		.queue_info_size = sizeof(struct agx_fw_queue_info_v13_2),
		.queue_info_tail = offsetof(struct agx_fw_queue_info_v13_2, tail),
		.render_g14 = true,
		.tiling_control = 0,
		.frag_g14_unk = AGX_FRAG_G14_UNK,
		.frag_bgobjvals_or = 0,
	},
	{
		.name = "G13V12_3",
		.gen = AGX_GEN_G13,
		.version = AGX_FW_VERSION(12, 3, 0),
		.pipe_msg_size = 0x30,
		.devctl_msg_size = 0x30,
		.stats_msg_size = 0x30,
		.devctl_grow_tvb_ack = 0x0d,
		.devctl_recover_channel = 0x0e,
		.devctl_destroy_ctx = 0x17,
		.devctl_initialize = 0x19,
		.pending_slot_shift = 3,
		.op_wait_idle = AGX_OP_WAIT_FOR_IDLE,
		.barrier_size = sizeof(struct agx_fw_cmd_barrier),
		.notifier_size = sizeof(struct agx_fw_notifier) - 8,
		.real = false,	/* 13.x structures: the simulator's only */
		.has_ver_info = false,
		.devctl_dc_v13_3 = false,
		.queue_info_size = sizeof(struct agx_fw_queue_info_v12),
		.queue_info_tail = offsetof(struct agx_fw_queue_info_v12, tail),
		.render_g14 = false,
		.tiling_control = AGX_TILING_CONTROL_T8103,
		.frag_g14_unk = 0,
		.frag_bgobjvals_or = AGX_FRAG_G13_BGOBJVALS,
	},
	{
		/* GpuManagerG14V12_4 (§4): the G13/12.3 rules, the G14 render forms */
		.name = "G14V12_4",
		.gen = AGX_GEN_G14,
		.version = AGX_FW_VERSION(12, 4, 0),
		.pipe_msg_size = 0x30,
		.devctl_msg_size = 0x30,
		.stats_msg_size = 0x30,
		.devctl_grow_tvb_ack = 0x0d,
		.devctl_recover_channel = 0x0e,
		.devctl_destroy_ctx = 0x17,
		.devctl_initialize = 0x19,
		.pending_slot_shift = 3,
		.op_wait_idle = AGX_OP_WAIT_FOR_IDLE,
		.barrier_size = sizeof(struct agx_fw_cmd_barrier),
		.notifier_size = sizeof(struct agx_fw_notifier) - 8,
		.real = false,	/* 13.x structures: the simulator's only */
		.has_ver_info = false,
		.devctl_dc_v13_3 = false,
		.queue_info_size = sizeof(struct agx_fw_queue_info_v12),
		.queue_info_tail = offsetof(struct agx_fw_queue_info_v12, tail),
		.render_g14 = true,
		.tiling_control = 0,
		.frag_g14_unk = AGX_FRAG_G14_UNK,
		.frag_bgobjvals_or = 0,
	},
	{
		/*
		 * GpuManagerG14XV13_5 (§4): the G14/13.5 rules but for the QueueInfo, which has
		 * neither unk_84_0 nor unk_b0 (fw/workqueue.rs, #[ver(V >= V13_2 && G < G14X)]),
		 * WaitForIdle2 in every microsequence (queue/render.rs, queue/compute.rs,
		 * #[ver(G >= G14X)]) and its own ver_info (gpu.rs). The G14X Start ops and Run*
		 * commands (register lists instead of the tiling and job parameter pointers,
		 * RunFragment unk_buf_10 = 0, the cluster buffers) are not built: the G14 forms
		 * stand in.
		 */
		.name = "G14XV13_5",
		.gen = AGX_GEN_G14X,
		.version = AGX_FW_VERSION(13, 5, 0),
		.pipe_msg_size = 0x40,
		.devctl_msg_size = 0x40,
		.stats_msg_size = 0x40,
		.devctl_grow_tvb_ack = 0x0e,
		.devctl_recover_channel = 0x0f,
		.devctl_destroy_ctx = 0x18,
		.devctl_initialize = 0x1a,
		.pending_slot_shift = 4,
		.op_wait_idle = AGX_OP_WAIT_FOR_IDLE2,
		.barrier_size = sizeof(struct agx_fw_cmd_barrier),
		.notifier_size = sizeof(struct agx_fw_notifier),
		.real = false,	/* G14 Start ops and Run* forms: the simulator's only */
		.has_ver_info = true,
		.ver_info = { 0xb390, 0x70f8, 0x601, 0xb0 },	/* gpu.rs: G14X has its own */
		.devctl_dc_v13_3 = true,
		.queue_info_size = sizeof(struct agx_fw_queue_info_v12),
		.queue_info_tail = offsetof(struct agx_fw_queue_info_v12, tail),
		.render_g14 = true,
		.tiling_control = 0,
		.frag_g14_unk = AGX_FRAG_G14_UNK,
		.frag_bgobjvals_or = 0,
	},
};

/**
 * agx_fw_layout_find() - the layout of a firmware/GPU combination
 * @gen: GPU generation.
 * @version: AGX_FW_VERSION() of the firmware.
 *
 * Context: any.
 * Return: the layout (static data), or NULL if the combination is not supported.
 */
const struct agx_fw_layout *agx_fw_layout_find(enum agx_gpu_gen gen, u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_fw_layouts); i++)
		if (agx_fw_layouts[i].gen == gen && agx_fw_layouts[i].version == version)
			return &agx_fw_layouts[i];
	return NULL;
}
