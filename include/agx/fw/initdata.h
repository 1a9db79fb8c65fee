/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: InitData and what the firmware finds through it: the runtime
 * pointers (channel rings), Globals (the fields of asahi-agx-driver.md §2.10, without the
 * power tables) and FwStatus.
 */
#ifndef _AGX_FW_INITDATA_H_
#define _AGX_FW_INITDATA_H_

#include <agx/fw/types.h>

/* RuntimePointers (asahi-agx-driver.md §2.3, §2.10): the channel order of initdata */
struct agx_fw_runtime_pointers {
	struct agx_fw_chan_ring pipes[AGX_NUM_PRIOS][AGX_NUM_PIPE_TYPES];
	struct agx_fw_chan_ring device_control;
	struct agx_fw_chan_ring event;
	struct agx_fw_chan_ring fw_log;
	struct agx_fw_chan_ring ktrace;
	struct agx_fw_chan_ring stats;
	u64 fwlog_buf;		/* payload rings: 6 x 0x100 x 0xd8 */
	u64 hwdata_a;
	u64 hwdata_b;
	u64 gpu_scratch;
} __packed;

/* pending_stamps[0x100] entries (asahi-agx-driver.md §1.7, §2.10) */
#define AGX_PENDING_STAMPS	0x100
#define AGX_PENDING_VALID	BIT(0)
struct agx_fw_pending_stamp {
	u32 info;		/* valid | slot << layout->pending_slot_shift */
	u32 wait_value;
} __packed;

/* Globals: the fields the simulator needs (asahi-agx-driver.md §2.10, §6.13) */
struct agx_fw_globals {
	u32 pending_submissions;
	u32 fault_control;
	u32 progress_check_interval_3d;	/* ms */
	u32 progress_check_interval_ta;	/* ms */
	u32 progress_check_interval_cl;	/* ms */
	u32 idle_off_delay_ms;
	u32 cl_context_switch_timeout_ms;
	u32 cl_kill_timeout_ms;
	struct agx_fw_pending_stamp pending_stamps[AGX_PENDING_STAMPS];
	u64 fault_info;
} __packed;

/* FwStatus: 16-byte spaced (asahi-agx-driver.md §2.10) */
struct agx_fw_status {
	struct agx_fw_chan_ring fwctl_channel;	/* 0x00 */
	u64 halt_count;				/* 0x10 */
	u8 pad0[8];
	u32 halted;				/* 0x20 */
	u8 pad1[0x0c];
	u32 resume;				/* 0x30 */
	u8 pad2[0x0c];
} __packed;
static_assert(offsetof(struct agx_fw_status, halted) == 0x20);
static_assert(offsetof(struct agx_fw_status, resume) == 0x30);

/*
 * InitData (asahi-agx-driver.md §2.10): version info, pointers to the runtime pointers,
 * globals and fw_status, UAT geometry. The stamps/fw_stamps pointers are the sim-only
 * initdata extension proposed in §6.7 (the real firmware finds stamps through commands).
 */
struct agx_fw_initdata {
	u32 ver_info[4];	/* V >= 13.0b4: major, minor, patch, gpu generation */
	u64 unk_buf;
	u64 runtime_pointers;
	u64 globals;
	u64 fw_status;
	u32 uat_page_size;
	u32 uat_page_bits;
	u32 uat_num_levels;
	u32 pad;
	u64 host_mapped_fw_allocations;
	/* sim extension */
	u64 stamps;
	u64 fw_stamps;
	u32 num_stamps;
	u32 pad2;
} __packed;

#endif /* _AGX_FW_INITDATA_H_ */
