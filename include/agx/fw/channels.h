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
 * RunWorkQueueMsg (pipe channels, driver -> firmware): asahi-agx-driver.md §2.4. Padded
 * to the version's pipe message size (0x30, or 0x40 on G14 with V >= 13.2).
 */
struct agx_fw_run_wq_msg {
	u32 pipe_type;		/* 0x00: AGX_PIPE_* */
	u64 info;		/* 0x04: QueueInfo GPU VA */
	u32 wptr;		/* 0x0c: new cpu_wptr */
	u32 event_slot;		/* 0x10 */
	u8 is_new;		/* 0x14: first message for this QueueInfo */
	u8 pad[3];
	u64 timestamp;		/* 0x18: m1n1 name; left zero */
	u64 data;		/* 0x20: m1n1 name; left zero */
	u8 pad2[8];
} __packed;
static_assert(sizeof(struct agx_fw_run_wq_msg) == 0x30);
static_assert(offsetof(struct agx_fw_run_wq_msg, event_slot) == 0x10);
static_assert(offsetof(struct agx_fw_run_wq_msg, is_new) == 0x14);

/*
 * DeviceControl (driver -> firmware): u32 tag (the variant index, which moves between
 * versions: &struct agx_fw_layout devctl_* fields) and a payload; asahi-agx-driver.md §2.4.
 */
struct agx_fw_devctl_destroy_ctx {
	u32 unk_4;
	u8 ctx_23;
	u8 pad[3];
	u32 unk_c;
	u32 unk_10;
	u8 ctx_0;		/* 0xff with ctx_1 = 0xff and no context: full cache flush */
	u8 ctx_1;
	u8 ctx_4;
	u8 pad2;
	u64 gpu_context;	/* GpuContextData GPU VA */
} __packed;

struct agx_fw_devctl_recover_channel {
	u32 pipe_type;
	u64 work_queue;		/* QueueInfo GPU VA */
	u32 event_value;
} __packed;

struct agx_fw_devctl_grow_tvb_ack {
	u32 unk_4;
	u32 buffer_slot;
	u32 vm_slot;
	u32 counter;
} __packed;

struct agx_fw_devctl_msg {
	u32 tag;
	union {
		struct agx_fw_devctl_destroy_ctx destroy_ctx;
		struct agx_fw_devctl_recover_channel recover;
		struct agx_fw_devctl_grow_tvb_ack grow_ack;
		u8 raw[0x2c];
	};
} __packed;
static_assert(sizeof(struct agx_fw_devctl_msg) == 0x30);

/* EventMsg (firmware -> driver): u32 tag + 0x34 bytes (asahi-agx-driver.md §2.4) */
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

/* FWLog: ring entry -> payload (asahi-agx-driver.md §2.4) */
#define AGX_FWLOG_MSG_RING	2
#define AGX_FWLOG_MSG_PAYLOAD	3
#define AGX_FWLOG_TEXT		0xc8

struct agx_fw_fwlog_msg {
	u32 msg_type;		/* AGX_FWLOG_MSG_RING */
	u32 pad;
	u32 msg_index;		/* index into the payload ring of the sub-channel */
	u8 pad2[0x2c];
} __packed;
static_assert(sizeof(struct agx_fw_fwlog_msg) == 0x38);

struct agx_fw_fwlog_payload {
	u32 msg_type;		/* AGX_FWLOG_MSG_PAYLOAD */
	u32 seq;
	u64 timestamp;
	char msg[AGX_FWLOG_TEXT];
} __packed;
static_assert(sizeof(struct agx_fw_fwlog_payload) == 0xd8);

/* Stats (firmware -> driver): 0x30 (V < 13.0b4) or 0x40 bytes; only the tag is modelled. */
#define AGX_STATS_POWER_ON	0
struct agx_fw_stats_msg {
	u32 tag;
	u8 raw[0x2c];
} __packed;

/* FwCtl (driver -> firmware): 0x14 bytes (asahi-agx-driver.md §2.3) */
struct agx_fw_fwctl_msg {
	u64 addr;
	u32 unk_8;
	u32 slot;
	u16 page_count;
	u16 unk_12;
} __packed;
static_assert(sizeof(struct agx_fw_fwctl_msg) == 0x14);

#endif /* _AGX_FW_CHANNELS_H_ */
