/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: firmware work queues (QueueInfo, RingState, the ring of command
 * pointers), the commands they hold (RunVertex, RunFragment, RunCompute, Barrier,
 * InitBuffer), job meta and microsequences (asahi-agx-driver.md §1.4, §2.5, §2.8, §2.9).
 *
 * The field sets are the reference's; where the reference gives no byte offset (QueueInfo,
 * the Run* commands, microsequence operands) the offsets are this project's and shared only
 * with the simulator. Version-dependent sizes (Barrier padding on G14X, the counter operand
 * of Start* ops from V13.0b4, the WaitForIdle opcode) are data in &struct agx_fw_layout.
 */
#ifndef _AGX_FW_WORKQUEUE_H_
#define _AGX_FW_WORKQUEUE_H_

#include <agx/fw/types.h>

/* Firmware work queue geometry: asahi-agx-driver.md §2.5, Appendix A */
#define AGX_WQ_SIZE		0x500	/* ring entries */
#define AGX_MAX_JOB_SLOTS	127	/* stamp steps in flight per work queue */
#define AGX_GPU_BUF_SIZE	0x2c18	/* QueueInfo gpu_buf ("GPBF"), private */

/*
 * RingState: 16-byte-spaced words (asahi-agx-driver.md §2.5). Shared pool. The firmware
 * writes gpu_doneptr/gpu_rptr, the driver cpu_wptr (and cpu_freeptr, a debugging aid).
 */
struct agx_fw_ring_state {
	u32 gpu_doneptr;	/* 0x00 */
	u8 pad0[0x0c];
	u32 unk_10;		/* 0x10 */
	u8 pad1[0x0c];
	u32 unk_20;		/* 0x20 */
	u8 pad2[0x0c];
	u32 gpu_rptr;		/* 0x30 */
	u8 pad3[0x0c];
	u32 cpu_wptr;		/* 0x40 */
	u8 pad4[0x0c];
	u32 rb_size;		/* 0x50 */
	u8 pad5[0x0c];
	u32 cpu_freeptr;	/* 0x60 */
	u8 pad6[0x0c];
} __packed;
static_assert(offsetof(struct agx_fw_ring_state, cpu_wptr) == 0x40);
static_assert(offsetof(struct agx_fw_ring_state, rb_size) == 0x50);

/*
 * QueueInfo: one per firmware work queue (asahi-agx-driver.md §2.5). Private pool (shared
 * with verbose faults). Pointers are set by the driver; gpu_rptr*, event_id, busy,
 * unk_84_state, pending, error_count are updated by the firmware.
 */
struct agx_fw_queue_info {
	u64 state;		/* RingState */
	u64 ring;		/* u64[rb_size] of command VAs */
	u64 notifier_list;	/* NotifierList (shared) */
	u64 gpu_buf;		/* AGX_GPU_BUF_SIZE bytes, private */
	u32 gpu_rptr1;
	u32 gpu_rptr2;
	u32 gpu_rptr3;
	s32 event_id;		/* -1 until the firmware runs the queue */
	u32 busy;
	u32 unk_84_state;
	u32 pending;
	u32 error_count;
	u32 priority[6];	/* PRIORITY[prio] tuple */
	u32 uuid;		/* queue id */
	s32 unk_4c;		/* -1 */
	s32 unk_54;		/* -1 */
	u32 pipe_type;		/* this project: the pipe the queue belongs to */
	u64 gpu_context;	/* GpuContextData (shared) */
	u8 pad[0x20];
} __packed;

/* GpuContextData: 0x40 bytes, shared (asahi-agx-driver.md §2.5) */
struct agx_fw_gpu_context {
	u8 unk_0;		/* 0xff */
	u8 unk_1;		/* 0xff */
	u8 unk_2[0x21];
	u8 unk_23;		/* 2 */
	u8 pad[0x1c];
} __packed;
static_assert(sizeof(struct agx_fw_gpu_context) == 0x40);

/* Command types: the first u32 of a command (asahi-agx-driver.md §2.5) */
#define AGX_CMD_RUN_VERTEX	0
#define AGX_CMD_RUN_FRAGMENT	1
#define AGX_CMD_RUN_BLITTER	2
#define AGX_CMD_RUN_COMPUTE	3
#define AGX_CMD_BARRIER		4
#define AGX_CMD_INIT_BUFFER	6

/*
 * JobMeta: {stamp (shared), fw_stamp, stamp_value, stamp_slot, flush_stamps, uuid,
 * event_seq} (asahi-agx-driver.md §1.4).
 */
struct agx_fw_job_meta {
	u64 stamp;		/* Stamp of the slot (shared, driver-visible) */
	u64 fw_stamp;		/* FwStamp of the slot (private, barriers wait on it) */
	u32 stamp_value;
	u32 stamp_slot;
	u32 flush_stamps;
	u32 uuid;
	u32 event_seq;
	u32 pad;
} __packed;

/*
 * Header shared by RunVertex, RunFragment and RunCompute (gpu_ro pool,
 * asahi-agx-driver.md §1.4). notifier is the queue's Notifier (firmware counts completions
 * there, §2.7); microsequence points at the op list of §2.9; ctrl_stream is the encoder /
 * control-stream pointer, which the simulator reads as a "SIMQ" stream (§6.6).
 */
struct agx_fw_cmd_run {
	u32 tag;		/* AGX_CMD_RUN_* */
	u32 vm_slot;
	u64 notifier;
	u64 microsequence;
	u32 microsequence_size;
	u32 cmd_id;
	u64 ctrl_stream;	/* user VM GPU VA, 0 for none */
	u64 context;		/* GpuContextData */
	struct agx_fw_job_meta meta;
	/* RunVertex only: the stamp the fragment stage of the same render will write */
	u32 fragment_stamp_slot;
	u32 fragment_stamp_value;
	u64 preempt_buf;	/* RunCompute: preemption buffer (user VM) */
	u8 pad[0x18];
} __packed;

/* Barrier (asahi-agx-driver.md §2.8); G14X adds 0x20 bytes of padding (layout data) */
#define AGX_BARRIER_UUID_USER	0xffffbbbb
struct agx_fw_cmd_barrier {
	u32 tag;		/* AGX_CMD_BARRIER */
	u64 wait_stamp;		/* FwStamp VA */
	u32 wait_value;
	u32 wait_slot;
	u32 stamp_self;
	u32 uuid;
	u8 barrier_type;
	u8 external_barrier;
	u8 internal_barrier_type;	/* 0 vertex->fragment, 1 explicit */
	u8 pad;
} __packed;

/* InitBuffer (asahi-agx-driver.md §1.4, §6.5) */
struct agx_fw_cmd_init_buffer {
	u32 tag;		/* AGX_CMD_INIT_BUFFER */
	u32 vm_slot;
	u32 buffer_slot;	/* < 127 */
	u32 pad;
	u64 buffer;		/* buffer::Info GPU VA */
	u64 context;
} __packed;

/* Microsequence opcodes: asahi-agx-driver.md §2.9 */
#define AGX_OP_WAIT_FOR_IDLE	0x01
#define AGX_OP_WAIT_FOR_IDLE2	0x02	/* G14X */
#define AGX_OP_RETIRE_STAMP	0x18
#define AGX_OP_TIMESTAMP	0x19
#define AGX_OP_START_VERTEX	0x22
#define AGX_OP_FINALIZE_VERTEX	0x23
#define AGX_OP_START_FRAGMENT	0x24
#define AGX_OP_FINALIZE_FRAGMENT 0x25
#define AGX_OP_START_COMPUTE	0x29
#define AGX_OP_FINALIZE_COMPUTE	0x2a
#define AGX_OP_END		0x00	/* this project: end of the list */

/* WaitForIdle pipe masks (asahi-agx-driver.md §2.9), argument pipe << 8 */
#define AGX_IDLE_VERTEX		BIT(0)
#define AGX_IDLE_FRAGMENT	BIT(8)
#define AGX_IDLE_COMPUTE	BIT(15)
#define AGX_RETIRE_STAMP_ARG	0x40000000
#define AGX_TIMESTAMP_END	BIT(31)

#define AGX_MAX_ATTACHMENTS	16	/* asahi-agx-driver.md §1.3 */

struct agx_fw_attachment {
	u64 address;		/* user VM GPU VA */
	u32 size;		/* in cache lines (64 bytes) */
	u32 pad;
} __packed;

/*
 * Start{Vertex,Fragment,Compute}. From V13.0b4 a u64 counter/notifier_buf operand
 * follows (layout->op_start_size says which): asahi-agx-driver.md §2.9.
 */
struct agx_fw_op_start {
	u32 op;
	u32 vm_slot;
	u64 work_queue;		/* QueueInfo */
	u32 event_generation;
	u32 event_seq;
	u32 uuid;
	u32 attachment_count;
	struct agx_fw_attachment attachments[AGX_MAX_ATTACHMENTS];
	u64 counter;		/* V >= 13.0b4 only */
} __packed;
#define AGX_OP_START_SIZE_NO_COUNTER	offsetof(struct agx_fw_op_start, counter)

struct agx_fw_op_timestamp {
	u32 op;
	u32 flags;		/* AGX_TIMESTAMP_END for the end stamp */
	u64 ts_pointer;		/* 0: none */
} __packed;

struct agx_fw_op_wait_idle {
	u32 op;			/* AGX_OP_WAIT_FOR_IDLE or _IDLE2 (layout) */
	u32 arg;		/* pipe mask << 8 */
} __packed;

struct agx_fw_op_finalize {
	u32 op;
	u32 stamp_value;
	u64 fw_stamp;
	u32 restart_branch_offset;
	u32 pad;
} __packed;

struct agx_fw_op_retire {
	u32 op;
	u32 arg;		/* AGX_RETIRE_STAMP_ARG */
} __packed;

/* Bytes of a microsequence: start + 2 timestamps + wait + finalize + retire + end */
#define AGX_MICROSEQ_MAX_SIZE	(sizeof(struct agx_fw_op_start) +		\
				 2 * sizeof(struct agx_fw_op_timestamp) +	\
				 sizeof(struct agx_fw_op_wait_idle) +		\
				 sizeof(struct agx_fw_op_finalize) +		\
				 sizeof(struct agx_fw_op_retire) + sizeof(u32))

/*
 * The simulator's control stream (asahi-agx-driver.md §6.6): a "SIMQ" header then ops of
 * {u32 op, u32 arg, u64 va}, read by the GPU (the job's VM) when the command runs. Not a
 * real firmware format: it is how tests make a job hang, fault or take time.
 */
#define AGX_SIMQ_MAGIC		0x514d4953U	/* "SIMQ" in memory order */
#define AGX_SIMQ_END		0
#define AGX_SIMQ_WRITE32	1	/* *va = arg */
#define AGX_SIMQ_DELAY_US	2	/* arg microseconds */
#define AGX_SIMQ_HANG		3
#define AGX_SIMQ_FAULT_READ	4	/* GPU read of va */
#define AGX_SIMQ_FAULT_WRITE	5	/* GPU write of va */
#define AGX_SIMQ_CHANNEL_ERROR	6	/* arg = error type */
#define AGX_SIMQ_CRASH		7
#define AGX_SIMQ_MAX_OPS	16

struct agx_simq_op {
	u32 op;
	u32 arg;
	u64 va;
} __packed;

struct agx_simq {
	u32 magic;
	u32 count;
	struct agx_simq_op ops[AGX_SIMQ_MAX_OPS];
} __packed;

#endif /* _AGX_FW_WORKQUEUE_H_ */
