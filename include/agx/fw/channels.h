/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: the messages of the ring-buffer channels (asahi-agx-driver.md
 * §2.3, §2.4). Message sizes and device-control tags differ between firmware versions; they
 * are data in &struct agx_fw_layout (<agx/fw/version.h>), never constants in code.
 */
#ifndef _AGX_FW_CHANNELS_H_
#define _AGX_FW_CHANNELS_H_

#include <agx/fw/types.h>

/* Largest message of any channel in any supported version (pipe/devctl on G14: 0x40). */
#define AGX_FW_MSG_MAX		0x40

/*
 * RunWorkQueueMsg (pipe channels, driver -> firmware): Rust fw/channels.rs RunWorkQueueMsg,
 * m1n1 fw/agx/channels.py RunCmdQueueMsg. 0x30 bytes; G14 firmware from 13.2 pads it to
 * 0x40 (#[ver(V >= V13_2 && G == G14)] __pad of 0x2b instead of 0x1b): the slot size is
 * &agx_fw_layout.pipe_msg_size and the channel zeroes the bytes past this struct. m1n1 names
 * 0x18 "timestamp" and 0x20 "data"; the Rust driver leaves them zero (padding).
 */
struct agx_fw_run_wq_msg {
	u32 pipe_type;		/* 0x00: AGX_PIPE_* */
	u64 work_queue;		/* 0x04: QueueInfo GPU VA (unaligned) */
	u32 wptr;		/* 0x0c: new cpu_wptr */
	u32 event_slot;		/* 0x10 */
	u8 is_new;		/* 0x14: first message for this QueueInfo */
	u8 __pad[0x1b];
} __packed;
static_assert(sizeof(struct agx_fw_run_wq_msg) == 0x30);	/* fw/channels.rs */
static_assert(offsetof(struct agx_fw_run_wq_msg, work_queue) == 0x04);
static_assert(offsetof(struct agx_fw_run_wq_msg, wptr) == 0x0c);
static_assert(offsetof(struct agx_fw_run_wq_msg, event_slot) == 0x10);
static_assert(offsetof(struct agx_fw_run_wq_msg, is_new) == 0x14);

/*
 * DeviceControl (driver -> firmware): Rust fw/channels.rs DeviceControlMsg, a repr(C, u32)
 * enum: a u32 tag (the variant index, which moves between versions: &struct agx_fw_layout
 * devctl_* fields) and a payload of 0x2c bytes, 0x3c on G14 from V13.2 (DEVICECONTROL_SZ;
 * the slot is &agx_fw_layout.devctl_msg_size, the bytes past this struct are zero). m1n1
 * fw/agx/channels.py DC_* agrees on the DestroyContext and Initialize tags.
 *
 * DestroyContext has two layouts: from V13.3 it is packed (unk_c and the context pointer
 * unaligned); before, it has padding and a u32 unk_18 (&agx_fw_layout.devctl_dc_v13_3
 * says which). The Rust driver copies ctx_23, ctx_0, ctx_1 and ctx_4 from the context's
 * GpuContextData (unk_23, unk_0, unk_1, unk_4); a full firmware cache flush is
 * ctx_0 = ctx_1 = 0xff with no context.
 */
struct agx_fw_devctl_destroy_ctx_v13_3 {
	u32 unk_4;		/* 0x04 */
	u8 ctx_23;		/* 0x08 */
	u32 unk_c;		/* 0x09 (U32) */
	u32 unk_10;		/* 0x0d (U32) */
	u8 ctx_0;		/* 0x11 */
	u8 ctx_1;		/* 0x12 */
	u8 ctx_4;		/* 0x13 */
	u64 gpu_context;	/* 0x14: GpuContextData GPU VA, 0 for none */
} __packed;
static_assert(sizeof(struct agx_fw_devctl_destroy_ctx_v13_3) == 0x18);

struct agx_fw_devctl_destroy_ctx_v12 {
	u32 unk_4;		/* 0x04 */
	u8 ctx_23;		/* 0x08 */
	u8 __pad0[3];
	u32 unk_c;		/* 0x0c */
	u32 unk_10;		/* 0x10 */
	u8 ctx_0;		/* 0x14 */
	u8 ctx_1;		/* 0x15 */
	u8 ctx_4;		/* 0x16 */
	u8 __pad1;
	u32 unk_18;		/* 0x18 */
	u64 gpu_context;	/* 0x1c */
} __packed;
static_assert(sizeof(struct agx_fw_devctl_destroy_ctx_v12) == 0x20);

/* RecoverChannel (the variant after GrowTVBAck; newer fw/channels.rs, gpu.rs) */
struct agx_fw_devctl_recover_channel {
	u32 pipe_type;		/* 0x04 */
	u64 work_queue;		/* 0x08: QueueInfo GPU VA */
	u32 event_value;	/* 0x10 */
} __packed;

/*
 * GrowTVBAck: the Rust driver writes unk_4 = 1, subpipe = 0 ("TODO") and, in the newest
 * snapshots read, halt_count = FwStatus halt_count (older ones leave 0x18 as padding).
 */
struct agx_fw_devctl_grow_tvb_ack {
	u32 unk_4;		/* 0x04: 1 */
	u32 buffer_slot;	/* 0x08 */
	u32 vm_slot;		/* 0x0c */
	u32 counter;		/* 0x10 */
	u32 subpipe;		/* 0x14 */
	u64 halt_count;		/* 0x18 (U64) */
} __packed;

#define AGX_DEVCTL_PAYLOAD	0x2c	/* DEVICECONTROL_SZ, but 0x3c on G14 from V13.2 */

struct agx_fw_devctl_msg {
	u32 tag;
	union {
		struct agx_fw_devctl_destroy_ctx_v13_3 destroy_ctx;
		struct agx_fw_devctl_destroy_ctx_v12 destroy_ctx_v12;
		struct agx_fw_devctl_recover_channel recover;
		struct agx_fw_devctl_grow_tvb_ack grow_ack;
		u8 raw[AGX_DEVCTL_PAYLOAD];
	};
} __packed;
/* fw/channels.rs: size_of::<DeviceControlMsg>() == 4 + DEVICECONTROL_SZ */
static_assert(sizeof(struct agx_fw_devctl_msg) == 0x30);
static_assert(offsetof(struct agx_fw_devctl_msg, destroy_ctx.ctx_23) == 0x08);
static_assert(offsetof(struct agx_fw_devctl_msg, destroy_ctx.ctx_0) == 0x11);
static_assert(offsetof(struct agx_fw_devctl_msg, destroy_ctx.gpu_context) == 0x14);
static_assert(offsetof(struct agx_fw_devctl_msg, destroy_ctx_v12.ctx_0) == 0x14);
static_assert(offsetof(struct agx_fw_devctl_msg, destroy_ctx_v12.gpu_context) == 0x1c);
static_assert(offsetof(struct agx_fw_devctl_msg, recover.work_queue) == 0x08);
static_assert(offsetof(struct agx_fw_devctl_msg, recover.event_value) == 0x10);
static_assert(offsetof(struct agx_fw_devctl_msg, grow_ack.counter) == 0x10);
static_assert(offsetof(struct agx_fw_devctl_msg, grow_ack.halt_count) == 0x18);

/*
 * EventMsg (firmware -> driver): Rust fw/channels.rs EventMsg/RawEventMsg (repr(C, u32)
 * enum: u32 tag + EVENT_SZ 0x34 bytes), m1n1 fw/agx/channels.py EventMsg; tags 2, 3, 5, 6
 * unknown. ChannelError (tag 8) is in the newer snapshots of fw/channels.rs.
 */
#define AGX_EVENT_MSG_SIZE	0x38
#define AGX_EVENT_FAULT		0
#define AGX_EVENT_FLAG		1
#define AGX_EVENT_TIMEOUT	4
#define AGX_EVENT_GROW_TVB	7
#define AGX_EVENT_CHANNEL_ERROR	8

/* ChannelError error_type: asahi-agx-driver.md §2.4 */
#define AGX_CHANNEL_ERR_MEMORY	0
#define AGX_CHANNEL_ERR_DMKILL	1
#define AGX_CHANNEL_ERR_ABORTED	2
#define AGX_CHANNEL_ERR_UNK3	3

struct agx_fw_event_msg {
	u32 tag;
	union {
		struct {
			u32 firing[4];	/* 128-bit slot bitmap */
			u16 unk_14;
		} __packed flag;
		struct {
			u32 counter;
			u32 unk_8;
			s32 event_slot;
		} __packed timeout;
		struct {
			u32 vm_slot;
			u32 buffer_slot;
			u32 counter;
		} __packed grow_tvb;
		struct {
			u32 error_type;
			u32 pipe_type;
			u32 event_slot;
			u32 event_value;
		} __packed channel_error;
		u8 raw[0x34];
	};
} __packed;
static_assert(sizeof(struct agx_fw_event_msg) == AGX_EVENT_MSG_SIZE);
static_assert(offsetof(struct agx_fw_event_msg, flag.unk_14) == 0x14);
static_assert(offsetof(struct agx_fw_event_msg, timeout.event_slot) == 0x0c);
static_assert(offsetof(struct agx_fw_event_msg, grow_tvb.counter) == 0x0c);
static_assert(offsetof(struct agx_fw_event_msg, channel_error.event_value) == 0x10);

/*
 * FWLog: ring entry -> payload (Rust fw/channels.rs RawFwLogMsg, RawFwLogPayloadMsg; m1n1
 * fw/agx/channels.py FWLogMsg). msg_index is a U64 (unaligned u64) at 0x08.
 */
#define AGX_FWLOG_MSG_RING	2
#define AGX_FWLOG_MSG_PAYLOAD	3
#define AGX_FWLOG_TEXT		0xc8

struct agx_fw_fwlog_msg {
	u32 msg_type;		/* 0x00: AGX_FWLOG_MSG_RING */
	u32 __pad0;
	u64 msg_index;		/* 0x08: index into the payload ring of the sub-channel */
	u8 __pad1[0x28];
} __packed;
static_assert(sizeof(struct agx_fw_fwlog_msg) == 0x38);
static_assert(offsetof(struct agx_fw_fwlog_msg, msg_index) == 0x08);

struct agx_fw_fwlog_payload {
	u32 msg_type;		/* 0x00: AGX_FWLOG_MSG_PAYLOAD */
	u32 seq_no;		/* 0x04 */
	u64 timestamp;		/* 0x08 (U64) */
	char msg[AGX_FWLOG_TEXT];	/* 0x10: NUL-terminated */
} __packed;
static_assert(sizeof(struct agx_fw_fwlog_payload) == 0xd8);
static_assert(offsetof(struct agx_fw_fwlog_payload, msg) == 0x10);

/* Stats (firmware -> driver): 0x30 (V < 13.0b4) or 0x40 bytes; only the tag is modelled. */
#define AGX_STATS_POWER_ON	0
struct agx_fw_stats_msg {
	u32 tag;
	u8 raw[0x2c];
} __packed;

/*
 * FwCtl (driver -> firmware): 0x14 bytes (Rust fw/channels.rs FwCtlMsg; asahi-agx-driver.md
 * §2.3). The ring is in the shared pool (uncached channel).
 */
struct agx_fw_fwctl_msg {
	u64 addr;
	u32 unk_8;
	u32 slot;
	u16 page_count;
	u16 unk_12;
} __packed;
static_assert(sizeof(struct agx_fw_fwctl_msg) == 0x14);
static_assert(offsetof(struct agx_fw_fwctl_msg, slot) == 0x0c);
static_assert(offsetof(struct agx_fw_fwctl_msg, page_count) == 0x10);
static_assert(offsetof(struct agx_fw_fwctl_msg, unk_12) == 0x12);

#endif /* _AGX_FW_CHANNELS_H_ */
