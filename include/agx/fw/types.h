/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: basic types shared by every firmware structure, the mailbox
 * encodings and the channel ring states. Shared by agx.ko (driver/fw, driver/xport) and the
 * simulated firmware (driver/sim), which must agree on every byte, as the driver and the ASC
 * firmware do. See Documentation/agx-firmware.rst.
 *
 * Firmware structures are byte-packed (asahi-agx-driver.md §2.4: U64/U32/pointers are
 * packed(1)); every pointer to firmware memory is a GPU VA (u64) in the kernel VM, slot 0.
 */
#ifndef _AGX_FW_TYPES_H_
#define _AGX_FW_TYPES_H_

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>

/* RTKit endpoints and mailbox messages: asahi-agx-driver.md §2.1 */
#define AGX_EP_FIRMWARE		0x20
#define AGX_EP_DOORBELL		0x21
#define AGX_MSG_TYPE_SHIFT	48
#define AGX_MSG_TYPE(m)		((u32)((m) >> AGX_MSG_TYPE_SHIFT))
#define AGX_MSG_INIT		(0x81ULL << AGX_MSG_TYPE_SHIFT)
#define AGX_MSG_INIT_VA_MASK	GENMASK_ULL(43, 0)
#define AGX_MSG_TX_DOORBELL	(0x83ULL << AGX_MSG_TYPE_SHIFT)
#define AGX_MSG_FWCTL		(0x84ULL << AGX_MSG_TYPE_SHIFT)
#define AGX_MSG_RX_DOORBELL	(0x42ULL << AGX_MSG_TYPE_SHIFT)
#define AGX_DOORBELL_KICKFW	0x10
#define AGX_DOORBELL_DEVCTRL	0x11
/* pipe doorbell n = pipe_type | (priority << 2): asahi-agx-driver.md §2.1 */
#define AGX_DOORBELL_PIPE(pipe, prio)	((pipe) | ((prio) << 2))

/* Pipes: 3 types x 4 priorities: asahi-agx-driver.md §2.3, Appendix A */
#define AGX_PIPE_VTX		0	/* vertex / TA */
#define AGX_PIPE_FRAG		1	/* fragment / 3D */
#define AGX_PIPE_COMP		2	/* compute / CL */
#define AGX_NUM_PIPE_TYPES	3
#define AGX_NUM_PRIOS		4

/* Channel entries: asahi-agx-driver.md §2.3 (A channel.rs) */
#define AGX_CHAN_ENTRIES	0x100
#define AGX_KTRACE_ENTRIES	0x200
#define AGX_FWLOG_SUBCHANS	6

/*
 * Event slots and stamps: asahi-agx-driver.md §2.6. A stamp value advances by 0x100 per
 * command and is compared wrap-safely through the signed delta in steps.
 */
#define AGX_NUM_EVENTS		128
#define AGX_STAMP_STEP		0x100

/**
 * agx_stamp_delta() - wrap-safe distance between two stamp values, in command steps
 * @a: a stamp value.
 * @b: another stamp value.
 *
 * ``delta(a, b) = ((a - b) as i32) >> 8`` (asahi-agx-driver.md §2.6).
 *
 * Context: any.
 * Return: positive if @a is after @b, 0 if equal (within one step), negative if before.
 */
static inline s32 agx_stamp_delta(u32 a, u32 b)
{
	return (s32)(a - b) >> 8;
}

/**
 * agx_stamp_reached() - has a stamp reached a value (wrap-safe)?
 * @stamp: current stamp value.
 * @value: the value waited for.
 *
 * Context: any.
 * Return: true if @stamp is at or after @value.
 */
static inline bool agx_stamp_reached(u32 stamp, u32 value)
{
	return (s32)(stamp - value) >= 0;
}

/*
 * Channel ring state. TX and RX rings: 0x30 bytes, read_ptr at 0x00, write_ptr at 0x20;
 * FwCtl: 0x20 bytes, read_ptr at 0x00, write_ptr at 0x10 (asahi-agx-driver.md §2.3).
 * Owner: the driver (shared pool, uncached); the consumer writes read_ptr, the producer
 * write_ptr.
 */
struct agx_fw_chan_state {
	u32 read_ptr;
	u8 pad0[0x1c];
	u32 write_ptr;
	u8 pad1[0x0c];
} __packed;
static_assert(sizeof(struct agx_fw_chan_state) == 0x30);
static_assert(offsetof(struct agx_fw_chan_state, write_ptr) == 0x20);

struct agx_fw_fwctl_state {
	u32 read_ptr;
	u8 pad0[0x0c];
	u32 write_ptr;
	u8 pad1[0x0c];
} __packed;
static_assert(sizeof(struct agx_fw_fwctl_state) == 0x20);
static_assert(offsetof(struct agx_fw_fwctl_state, write_ptr) == 0x10);

/* ChannelRing in initdata: {state_va, ring_va} (asahi-agx-driver.md §2.3) */
struct agx_fw_chan_ring {
	u64 state;
	u64 ring;
} __packed;

/*
 * FAULT_INFO register bits: asahi-agx-driver.md §1.7 (H regs.rs). The simulator exposes
 * it through its MMIO shim at AGX_SGX_FAULT_INFO.
 */
#define AGX_SGX_FAULT_INFO	0x17030
#define AGX_FAULT_VALID		BIT_ULL(0)
#define AGX_FAULT_REASON	GENMASK_ULL(3, 1)
#define AGX_FAULT_READ		BIT_ULL(4)
#define AGX_FAULT_LEVEL		GENMASK_ULL(8, 7)
#define AGX_FAULT_UNIT		GENMASK_ULL(16, 9)
#define AGX_FAULT_VM_SLOT	GENMASK_ULL(22, 17)
#define AGX_FAULT_ADDR_SHIFT	30
#define AGX_FAULT_REASON_UNMAPPED	0
#define AGX_FAULT_REASON_AF		1
#define AGX_FAULT_REASON_WRITE_ONLY	2
#define AGX_FAULT_REASON_READ_ONLY	3
#define AGX_FAULT_REASON_NO_ACCESS	4
#define AGX_FAULT_UNIT_UL1C	0x21	/* asahi-agx-driver.md §6.8 */

#endif /* _AGX_FW_TYPES_H_ */
