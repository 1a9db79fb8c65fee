/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: stamps, notifier and threshold (asahi-agx-driver.md §2.6, §2.7).
 */
#ifndef _AGX_FW_EVENT_H_
#define _AGX_FW_EVENT_H_

#include <agx/fw/types.h>

/*
 * Stamps: one u32 per event slot. The driver-visible Stamp array is in the shared pool,
 * the firmware's FwStamp array in the private pool (asahi-agx-driver.md §2.6).
 */
struct agx_fw_stamp {
	u32 value;
} __packed;

/* Threshold: u64 in shared; raised by the driver at run time (§2.7) */
struct agx_fw_threshold {
	u64 value;
} __packed;

/* NotifierList: a self-referencing list head in shared (§2.7) */
struct agx_fw_notifier_list {
	u64 list_head;
	u64 unk_8;
} __packed;

/*
 * Notifier (private): {threshold ptr, generation (= queue id), cur_count, unk_10 = 0x50,
 * NotifierState} (asahi-agx-driver.md §2.7). The firmware counts processed commands in
 * cur_count and signals completions only once cur_count reaches *threshold.
 */
struct agx_fw_notifier {
	u64 threshold;
	u32 generation;
	u32 cur_count;
	u32 unk_10;
	u32 vm_slot;
	u8 has_vtx;
	u8 has_frag;
	u8 has_comp;
	u8 in_list;
	u32 pstamp_vtx[4];
	u32 pstamp_frag[4];
	u32 pstamp_comp[4];
	u64 list_head;
	u8 unk_buf[8];		/* 0xff x 8, V >= 13.0b4 */
} __packed;

#endif /* _AGX_FW_EVENT_H_ */
