/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: InitData and what the firmware finds through it: FwStatus,
 * RuntimePointers (the channel rings, the statistics buffers, HwDataA/B, the scratch
 * area), Globals (configuration, power tables, pending stamps, fault info), as the
 * firmware of macOS 13.5 reads them on G13G and G14G. Source: the Asahi driver's
 * fw/initdata.rs (herrnst/linux-asahi); the names of progress_check_interval_{3d,ta,cl}
 * and cl_{context_switch,kill}_timeout_ms (unk_11020..28, unk_118e0, unk_118e4_0 there)
 * come from a newer snapshot of the same file. Older snapshots of the Rust driver call
 * RuntimePointers and Globals "region B" and "region C"; InitData.unk_buf was region A.
 *
 * Conventions: those of <agx/fw/hwdata.h> (version marks, 12.3 offset names checked by
 * scripts/fw-layouts/names-check.py, floats as u32 bits).
 */
#ifndef _AGX_FW_INITDATA_H_
#define _AGX_FW_INITDATA_H_

#include <agx/fw/hwdata.h>
#include <agx/fw/types.h>

/* FwStatusFlags + FwStatus (fw/initdata.rs): 16-byte spaced words. Shared, uncached. */
struct agx_fw_status {
	struct agx_fw_chan_ring fwctl_channel;
	u32 halt_count;
	u8 pad_14[0xc];
	u32 halted;
	u8 pad_24[0xc];
	u32 resume;
	u8 pad_34[0xc];
	u32 unk_40;
	u8 pad_44[0xc];
	u32 unk_ctr;
	u8 pad_54[0xc];
	u32 unk_60;
	u8 pad_64[0xc];
	u32 unk_70;
	u8 pad_74[0xc];
} __packed;
static_assert(offsetof(struct agx_fw_status, halt_count) == 0x10);
static_assert(offsetof(struct agx_fw_status, halted) == 0x20);
static_assert(offsetof(struct agx_fw_status, resume) == 0x30);
static_assert(sizeof(struct agx_fw_status) == 0x80);

/*
 * GpuGlobalStatsVtx, GpuGlobalStatsFrag, GpuStatsComp (fw/initdata.rs): the firmware's
 * per-pipe statistics, opaque but for two fields the driver sets to -1. The Start and
 * Finalize microsequence operations point at the inner stats (queue/render.rs,
 * queue/compute.rs). Firmware-private.
 */
struct agx_fw_stats_vtx {
	u32 total_cmds;
	u8 stats[0x3000];
} __packed;

struct agx_fw_stats_frag_inner {
	u8 unk1[0x100];
	s32 cur_stamp_id;
	u8 unk2[0x14];
	s32 unk_id;
	u8 unk3[0x1000];
} __packed;

struct agx_fw_stats_frag {
	u32 total_cmds;
	u32 unk_4;
	struct agx_fw_stats_frag_inner stats;
} __packed;

struct agx_fw_stats_comp {
	u8 opaque[0x3000];
} __packed;
static_assert(sizeof(struct agx_fw_stats_vtx) == 0x3004);
static_assert(sizeof(struct agx_fw_stats_frag) == 0x1124);

/* RuntimeScratch (fw/initdata.rs), inside RuntimePointers; names are offsets in the latter */
struct agx_fw_runtime_scratch {
	u8 unk_280[0x6800];
	u32 unk_6a80;
	u32 gpu_idle;
	u8 unkpad_6a88[0x14];
	u32 unk_6a9c;
	u32 unk_ctr0;
	u32 unk_ctr1;
	u32 unk_6aa8;
	u32 unk_6aac;
	u32 unk_ctr2;
	u32 unk_6ab4;
	u32 unk_6ab8;
	u32 unk_6abc;
	u32 unk_6ac0;
	u32 unk_6ac4;
	u32 unk_ctr3;
	u32 unk_6acc;
	u32 unk_6ad0;
	u32 unk_6ad4;
	u32 unk_6ad8;
	u32 unk_6adc;
	u32 unk_6ae0;
	u32 unk_6ae4;
	u32 unk_6ae8;
	u32 unk_6aec;
	u32 unk_6af0;
	u32 unk_ctr4;
	u32 unk_ctr5;
	u32 unk_6afc;
	u8 pad_6b00[0x38];
	u32 unk_6b38;
	u8 pad_6b3c[0x84];
} __packed;

/* PipeChannels: one priority's vertex, fragment, compute rings (fw/initdata.rs) */
struct agx_fw_pipe_channels {
	struct agx_fw_chan_ring vtx;
	struct agx_fw_chan_ring frag;
	struct agx_fw_chan_ring comp;
} __packed;

/* buffer_mgr_ctl: GPU and firmware addresses of the buffer-manager control page (gpu.rs) */
#define AGX_BUFMGR_CTL_GPU_VA	0x2000000000ULL
#define AGX_BUFMGR_CTL_FW_VA	0xffffffaeffff0000ULL
#define AGX_BUFMGR_CTL_SIZE	0x4000

/* Sizes of the unknown arrays RuntimePointers points at (initdata.rs runtime_pointers()) */
#define AGX_RTPTR_UNK_190_SIZE	0x80
#define AGX_RTPTR_UNK_198_SIZE	0xc0
#define AGX_RTPTR_UNK_1B8_SIZE	0x1000
#define AGX_RTPTR_UNK_1C0_SIZE	0x300
#define AGX_RTPTR_UNK_1C8_SIZE	0x1000

/*
 * RuntimePointers (fw/initdata.rs): every channel but FwCtl, the statistics buffers,
 * HwDataA, HwDataB (twice), the FW log payloads, the buffer-manager control addresses,
 * and the scratch area the firmware keeps its state in. Firmware-private.
 */
struct agx_fw_runtime_pointers {
	struct agx_fw_pipe_channels pipes[AGX_NUM_PRIOS];
	struct agx_fw_chan_ring device_control;
	struct agx_fw_chan_ring event;
	struct agx_fw_chan_ring fw_log;
	struct agx_fw_chan_ring ktrace;
	struct agx_fw_chan_ring stats;
	u8 pad_110[0x50];
	u64 unk_160;
	u64 unk_168;
	u64 stats_vtx;
	u64 stats_frag;
	u64 stats_comp;
	u64 hwdata_a;
	u64 unkptr_190;
	u64 unkptr_198;
	u64 hwdata_b;
	u64 hwdata_b_2;
	u64 fwlog_buf;		/* payload rings: 6 x 0x100 x 0xd8 */
	u64 unkptr_1b8;
	u64 unkptr_1c0;
	u64 unkptr_1c8;
	u32 unk_1d0;
	u32 unk_1d4;
	u8 unk_1d8[0x3c];
	u64 buffer_mgr_ctl_gpu_addr;
	u64 buffer_mgr_ctl_fw_addr;
	u8 pad_224[0x5c];
	struct agx_fw_runtime_scratch gpu_scratch;
} __packed;
static_assert(offsetof(struct agx_fw_runtime_pointers, device_control) == 0xc0);
static_assert(offsetof(struct agx_fw_runtime_pointers, stats_vtx) == 0x170);
static_assert(offsetof(struct agx_fw_runtime_pointers, fwlog_buf) == 0x1b0);
static_assert(offsetof(struct agx_fw_runtime_pointers, buffer_mgr_ctl_gpu_addr) == 0x214);
static_assert(offsetof(struct agx_fw_runtime_pointers, gpu_scratch) == 0x280);
static_assert(sizeof(struct agx_fw_runtime_pointers) == 0x6bc0);

/* pending_stamps[0x100] entries (asahi-agx-driver.md §1.7, §2.10; PendingStamp) */
#define AGX_PENDING_STAMPS	0x100
#define AGX_PENDING_VALID	BIT(0)
struct agx_fw_pending_stamp {
	u32 info;		/* valid | slot << layout->pending_slot_shift */
	u32 wait_value;
} __packed;

/* FaultInfo (fw/initdata.rs) */
struct agx_fw_fault_info {
	u32 unk_0;
	u32 unk_4;
	u32 queue_uuid;
	u32 unk_c;
	u32 unk_10;
	u32 unk_14;
} __packed;

/* GlobalsSub (fw/initdata.rs), packed; names are offsets in Globals */
struct agx_fw_globals_sub {
	u16 unk_54;
	u16 unk_56;
	u16 unk_58;
	u32 unk_5a;
	u32 unk_5e;
	u32 unk_62;
	u8 unk_66_0[0xc];	/* V13_0B4 */
	u32 unk_66;
	u8 unk_6a[0x16];
} __packed;

/* PowerZoneGlobal (fw/initdata.rs) */
struct agx_fw_power_zone_global {
	u32 target;
	u32 target_off;
	u32 filter_tc;
} __packed;

/*
 * Globals (fw/initdata.rs): firmware configuration and the words the driver and the
 * firmware exchange at run time (pending_submissions, pending_stamps, fault_info).
 * Firmware-private (cached); the driver reads pending_stamps after a fault.
 */
struct agx_fw_globals {
	u32 ktrace_enable;
	u8 unk_4[0x20];
	u32 unk_24_0;		/* V13_2 */
	u32 unk_24;
	u32 debug;		/* V13_0B4 */
	u32 unk_28_4;		/* V13_3 */
	u32 unk_28;
	u32 unk_2c_0;		/* V13_0B4 */
	u32 unk_2c;
	u32 unk_30;
	u32 unk_34;
	u8 unk_38[0x1c];
	struct agx_fw_globals_sub sub;
	u8 unk_80[0xf80];
	u8 unk_1000[0x7000];
	u8 unk_8000[0x900];
	u8 unk_8900_pad2[0x54];	/* V13_3 */
	u32 unk_8900;
	u32 pending_submissions;
	u32 max_power;
	u32 max_pstate_scaled;
	u32 max_pstate_scaled_2;
	u32 unk_8914;
	u32 unk_8918;
	u32 max_pstate_scaled_3;
	u32 unk_8920;
	u32 power_zone_count;
	u32 avg_power_filter_tc_periods;
	u32 avg_power_ki_dt;
	u32 avg_power_kp;
	u32 avg_power_min_duty_cycle;
	u32 avg_power_target_filter_tc;
	struct agx_fw_power_zone_global power_zones[AGX_POWER_ZONES];
	u8 unk_8978[0x44];
	u8 unk_89bc_0[0x3c];	/* V13_0B4 */
	u32 unk_89bc;
	u32 fast_die0_release_temp;
	s32 unk_89c4;
	u32 fast_die0_prop_tgt_delta;
	u32 fast_die0_kp;
	u32 fast_die0_ki_dt;
	u8 unk_89d4[0xc];
	u32 unk_89e0;
	u32 max_power_2;
	u32 ppm_kp;
	u32 ppm_ki_dt;
	u32 unk_89f0;
	u8 unk_89f4_0[0x8];	/* V13_0B4 */
	u32 unk_89f4_8;		/* V13_0B4 */
	u8 unk_89f4_c[0x50];	/* V13_0B4 */
	u8 unk_89f4_5c[0xc];	/* V13_3 */
	u32 unk_89f4;
	struct agx_fw_hw_shared1 hws1;
	struct agx_fw_hw_shared2 hws2;
	u32 idle_off_standby_timer;	/* V13_0B4 */
	u32 unk_hws2_4[0x8];	/* V13_0B4 */
	u32 unk_hws2_24;	/* V13_0B4 */
	u32 unk_hws2_28;
	struct agx_fw_hw_shared3 hws3;
	u8 unk_9004[8];
	u32 unk_900c;
	u32 unk_9010_0;		/* V13_0B4 */
	u8 unk_9010_4[0x14];	/* V13_0B4 */
	u8 unk_9010[0x2c];
	u32 unk_903c;
	u8 unk_9040[0xc0];
	u8 unk_9100[0x6f00];
	u8 unk_10000[0xe50];
	u32 unk_10e50;
	u8 unk_10e54[0x2c];
	u8 unk_x_pad[0x4];	/* V13_3 */
	u32 fault_control;	/* bit 0: sgx 0x17620, bit 1: sgx 0x17630 */
	u32 do_init;
	u8 unk_10e88[0x188];
	u64 idle_ts;
	u64 idle_unk;
	u32 progress_check_interval_3d;	/* ms */
	u32 progress_check_interval_ta;	/* ms */
	u32 progress_check_interval_cl;	/* ms */
	u32 unk_1102c_0;	/* V13_0B4 */
	u32 unk_1102c_4;	/* V13_0B4 */
	u32 unk_1102c_8;	/* V13_0B4 */
	u32 unk_1102c_c;	/* V13_0B4 */
	u32 unk_1102c_10;	/* V13_0B4 */
	u32 unk_1102c;
	u32 idle_off_delay_ms;
	u32 fender_idle_off_delay_ms;
	u32 fw_early_wake_timeout_ms;
	struct agx_fw_pending_stamp pending_stamps[AGX_PENDING_STAMPS];
	u8 ps_pad_0[0x8];	/* before pending_stamps in 13.3 only */
	u8 unkpad_ps[0x78];
	u32 unk_117bc;
	struct agx_fw_fault_info fault_info;
	u32 counter;
	u32 unk_118dc;
	u8 unk_118e0_0[0x9c];	/* V13_0B4 */
	u8 unk_118e0_9c_x[0x8];	/* V13_3 */
	u32 cl_context_switch_timeout_ms;
	u32 cl_kill_timeout_ms;	/* V13_0B4 */
	u32 cdm_context_store_latency_threshold;
	u32 unk_118e8;
	u8 unk_118ec[0x400];
	u8 unk_11cec[0x54];
	u8 unk_11d40[0x19c];	/* V13_0B4 */
	u32 unk_11edc;		/* V13_0B4 */
	u8 unk_11ee0[0x1c];	/* V13_0B4 */
	u32 unk_11efc;		/* V13_0B4 */
	u8 unk_11f00[0x280];	/* V13_3 */
} __packed;
static_assert(offsetof(struct agx_fw_globals, sub) == 0x64);
static_assert(offsetof(struct agx_fw_globals, pending_submissions) == 0x8974);
static_assert(offsetof(struct agx_fw_globals, hws1) == 0x8b0c);
static_assert(offsetof(struct agx_fw_globals, fault_control) == 0x10fd8);
static_assert(offsetof(struct agx_fw_globals, progress_check_interval_3d) == 0x11178);
static_assert(offsetof(struct agx_fw_globals, pending_stamps) == 0x111a8);
static_assert(offsetof(struct agx_fw_globals, fault_info) == 0x11a2c);
static_assert(offsetof(struct agx_fw_globals, cl_context_switch_timeout_ms) == 0x11af0);
static_assert(sizeof(struct agx_fw_globals) == 0x12394);

/* UatLevelInfo (fw/initdata.rs), packed: one level of the UAT walk */
struct agx_fw_uat_level_info {
	u8 unk_3;
	u8 unk_1;
	u8 unk_2;
	u8 index_shift;
	u16 num_entries;
	u16 unk_4;
	u64 unk_8;
	u64 unk_10;
	u64 index_mask;
} __packed;
static_assert(sizeof(struct agx_fw_uat_level_info) == 0x20);

/* InitData.unk_buf: 16 KiB, shared read-only (initdata.rs build()) */
#define AGX_INITDATA_UNK_BUF_SIZE	0x4000

/*
 * InitData (fw/initdata.rs): what MSG_INIT points the firmware at. ver_info are four
 * opaque words of the firmware build (the layout table's, initdata.rs build()). Unlike
 * the other structures, its unk_ names are offsets in the 13.x layout.
 * Firmware-private.
 */
struct agx_fw_initdata {
	u16 ver_info[4];	/* V13_0B4 */
	u64 unk_buf;
	u32 unk_8;
	u32 unk_c;
	u64 runtime_pointers;
	u64 globals;
	u64 fw_status;
	u16 uat_page_size;
	u8 uat_page_bits;
	u8 uat_num_levels;
	struct agx_fw_uat_level_info uat_level_info[3];
	u8 pad_94[0x14];
	u32 host_mapped_fw_allocations;
	u32 unk_ac;
	u32 unk_b0;
	u32 unk_b4;
	u32 unk_b8;
} __packed;
static_assert(offsetof(struct agx_fw_initdata, runtime_pointers) == 0x18);
static_assert(offsetof(struct agx_fw_initdata, uat_level_info) == 0x34);
static_assert(offsetof(struct agx_fw_initdata, host_mapped_fw_allocations) == 0xa8);
static_assert(sizeof(struct agx_fw_initdata) == 0xbc);

/*
 * The simulator's InitData extension (asahi-agx-driver.md §6.7): the real firmware finds
 * stamps through the commands; the simulated one also wants the arrays at boot. It
 * follows InitData in the same allocation, where the real firmware reads nothing.
 */
struct agx_fw_initdata_sim {
	u64 stamps;
	u64 fw_stamps;
	u32 num_stamps;
	u32 pad;
} __packed;

#endif /* _AGX_FW_INITDATA_H_ */
