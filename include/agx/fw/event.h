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

/* LinkedListHead (fw/event.rs): {prev, next}, 0 for none. */
struct agx_fw_list_head {
	u64 prev;
	u64 next;
} __packed;

/*
 * NotifierList (fw/event.rs): 0x18 bytes, in shared. An empty list: next points at its own
 * list_head, prev is 0 (queue/mod.rs).
 */
struct agx_fw_notifier_list {
	struct agx_fw_list_head list_head;
	u64 unkptr_10;		/* 0x10 (U64) */
} __packed;
static_assert(sizeof(struct agx_fw_notifier_list) == 0x18);	/* fw/event.rs */

/*
 * NotifierState (fw/event.rs, G13 and G14 from V13.0b4; G14 before it has two more
 * fields): 0x9c bytes, packed (U64 pstamps at 4-byte offsets). The driver leaves it zero
 * but unk_buf, all 0xff (the Rust driver's Default); the firmware keeps its state here.
 */
struct agx_fw_notifier_state {
	u32 unk_14;
	u64 unk_18;		/* (U64) */
	u32 unk_20;
	u32 vm_slot;
	u32 has_vtx;
	u64 pstamp_vtx[4];	/* (U64) */
	u32 has_frag;
	u64 pstamp_frag[4];
	u32 has_comp;
	u64 pstamp_comp[4];
	u32 in_list;
	struct agx_fw_list_head list_head;
	u8 unk_buf[8];		/* V >= 13.0b4: 0xff x 8 */
} __packed;

/*
 * Notifier (fw/event.rs, private): 0xb0 bytes from V13.0b4 (0xa8 before: no unk_buf; the
 * layout table's notifier_size). {threshold pointer, generation (= queue id), cur_count,
 * unk_10 = 0x50 (queue/mod.rs), NotifierState}. The firmware counts processed commands in
 * cur_count and signals completions only once cur_count reaches *threshold (§2.7); the
 * Start* ops point at state.unk_buf (notifier_buf).
 */
struct agx_fw_notifier {
	u64 threshold;
	u32 generation;		/* 0x08 */
	u32 cur_count;		/* 0x0c */
	u32 unk_10;		/* 0x10 */
	struct agx_fw_notifier_state state;	/* 0x14 */
} __packed;
static_assert(sizeof(struct agx_fw_notifier) == 0xb0);		/* fw/event.rs Notifier */
static_assert(offsetof(struct agx_fw_notifier, state.unk_18) == 0x18);
static_assert(offsetof(struct agx_fw_notifier, state.unk_20) == 0x20);
static_assert(offsetof(struct agx_fw_notifier, state.in_list) == 0x94);
static_assert(offsetof(struct agx_fw_notifier, state.unk_buf) == 0xa8);

#endif /* _AGX_FW_EVENT_H_ */
