/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: per-version layouts as data.
 *
 * The Rust driver clones each versioned structure once per (GPU generation, firmware
 * version) combination (asahi-agx-driver.md §4). Here every difference between the
 * combinations is a value in a &struct agx_fw_layout, chosen once at probe from the GPU
 * generation and the firmware-compat version (the §4 selection table), and shared by the
 * driver and the simulator. Code never tests a version: it reads the layout. Adding one of
 * the upstream combinations means adding one table entry.
 */
#ifndef _AGX_FW_VERSION_H_
#define _AGX_FW_VERSION_H_

#include <linux/types.h>

/**
 * enum agx_gpu_gen - GPU generation (asahi-agx-driver.md §4)
 * @AGX_GEN_G13: M1 family.
 * @AGX_GEN_G14: M2 family, "G" variant.
 * @AGX_GEN_G14X: M2 Pro/Max/Ultra (G14, other variants).
 */
enum agx_gpu_gen {
	AGX_GEN_G13 = 13,
	AGX_GEN_G14 = 14,
	AGX_GEN_G14X = 15,
};

#define AGX_FW_VERSION(maj, min, pat)	(((maj) << 16) | ((min) << 8) | (pat))

/**
 * struct agx_fw_layout - what differs between firmware/GPU combinations
 * @name: combination name, e.g. "G13V13_5".
 * @gen: GPU generation.
 * @version: firmware version, AGX_FW_VERSION(major, minor, patch) (the DT firmware-compat).
 * @pipe_msg_size: bytes of a RunWorkQueueMsg slot: 0x30, 0x40 on G14 with V >= 13.2 (§2.3).
 * @devctl_msg_size: bytes of a DeviceControl slot: same rule as @pipe_msg_size (§2.3).
 * @stats_msg_size: bytes of a Stats slot: 0x30 before V13.0b4, else 0x40 (§2.3).
 * @devctl_grow_tvb_ack: DeviceControl tag of GrowTVBAck: 0x0d, 0x0e from V13.3 (§2.4).
 * @devctl_recover_channel: tag of RecoverChannel (the slot after GrowTVBAck, §2.4).
 * @devctl_destroy_ctx: tag of DestroyContext: 0x17, 0x18 from V13.3 (§2.4).
 * @devctl_initialize: tag of Initialize: 0x19, 0x1a from V13.3 (§2.4).
 * @pending_slot_shift: slot position in pending_stamps info: 4 from V13.5, else 3 (§1.7).
 * @op_wait_idle: WaitForIdle opcode: WaitForIdle2 on G14X (§1.4, §2.9).
 * @barrier_size: bytes of a Barrier command: 0x40 for every combination (the newest
 *	fw/workqueue.rs has the G14X addition, internal_barrier_type and its padding,
 *	unconditionally; the reference's §2.8 notes 0x20 bytes of padding more on G14X).
 * @notifier_size: bytes of a Notifier: unk_buf only from V13.0b4 (§2.7).
 * @real: every structure the driver writes is the firmware's for this combination
 *	(G13 and G14 with 13.5). False for entries kept for the simulator, whose structures
 *	the firmware would misread (G13 with 12.3, G14 with 12.4, G14X with 13.5: InitData,
 *	the microsequence and the Run* commands are the G13/G14 13.x forms); the hardware
 *	probe refuses them.
 * @has_ver_info: InitData carries ver_info (V >= 13.0b4, §2.10).
 * @ver_info: the four ver_info words of InitData, opaque identifiers of the firmware
 *	build: 0x6ba0, 0x1f28, 0x601, 0xb0 for 13.5 before G14X, 0xb390, 0x70f8, 0x601, 0xb0
 *	on G14X (initdata.rs build(), gpu.rs).
 * @devctl_dc_v13_3: DestroyContext has the packed payload of V >= 13.3
 *	(&struct agx_fw_devctl_destroy_ctx_v13_3), else &struct agx_fw_devctl_destroy_ctx_v12.
 * @queue_info_size: bytes of a QueueInfo: 0xb8 on G13/G14 from V13.2, else 0xb0
 *	(fw/workqueue.rs QueueInfo, #[ver(V >= V13_2 && G < G14X)] unk_84_0, unk_b0).
 * @queue_info_tail: offset of &struct agx_fw_queue_info_tail in QueueInfo: 0x88 with
 *	unk_84_0, else 0x84.
 * @render_g14: RunVertex and RunFragment JobParameters1 have their G14 form
 *	(&struct agx_fw_vertex_params1_g14, &struct agx_fw_frag_params1_g14; fw/vertex.rs and
 *	fw/fragment.rs #[ver(G >= G14)]), else their G13 form.
 * @tiling_control: RunVertex tiling_control (G13 only, hw/t8103.rs 0xa041; 0 where the
 *	G14 form has no such field).
 * @frag_g14_unk: RunFragment unk_58_g14_0 and JobParameters3 unk_290: 0x4040404 on G14,
 *	0 on G13 (queue/render.rs).
 * @frag_bgobjvals_or: OR'd into RunFragment JobParameters2 isp_bgobjvals: 0x400 on G13,
 *	0 on G14 (queue/render.rs).
 */
struct agx_fw_layout {
	const char *name;
	enum agx_gpu_gen gen;
	u32 version;
	u32 pipe_msg_size;
	u32 devctl_msg_size;
	u32 stats_msg_size;
	u32 devctl_grow_tvb_ack;
	u32 devctl_recover_channel;
	u32 devctl_destroy_ctx;
	u32 devctl_initialize;
	u32 pending_slot_shift;
	u32 op_wait_idle;
	u32 barrier_size;
	u32 notifier_size;
	bool real;
	bool has_ver_info;
	u16 ver_info[4];
	bool devctl_dc_v13_3;
	u32 queue_info_size;
	u32 queue_info_tail;
	bool render_g14;
	u32 tiling_control;
	u32 frag_g14_unk;
	u32 frag_bgobjvals_or;
};

const struct agx_fw_layout *agx_fw_layout_find(enum agx_gpu_gen gen, u32 version);

#endif /* _AGX_FW_VERSION_H_ */
