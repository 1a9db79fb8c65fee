/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: firmware work queues (QueueInfo, RingState, the ring of command
 * pointers), the commands they hold (RunVertex, RunFragment, RunCompute, Barrier,
 * InitBuffer), job meta and microsequences (asahi-agx-driver.md §1.4, §2.5, §2.8, §2.9).
 *
 * QueueInfo, RingState, the ring, GpuContextData and the microsequence operations have
 * the firmware's layouts (Rust driver fw/workqueue.rs, fw/microseq.rs; m1n1
 * fw/agx/cmdqueue.py, microsequence.py). The Run* commands, job meta, Barrier and
 * InitBuffer still have this project's own layouts, shared only with the simulator
 * (Documentation/agx-firmware.rst, "Real layouts and what is still the project's own").
 * Version-dependent sizes and offsets (the QueueInfo tail, Barrier padding on G14X, the
 * WaitForIdle opcode) are data in &struct agx_fw_layout.
 */
#ifndef _AGX_FW_WORKQUEUE_H_
#define _AGX_FW_WORKQUEUE_H_

#include <agx/fw/types.h>

/*
 * Firmware work queue geometry: asahi-agx-driver.md §2.5, Appendix A; the driver's ring
 * size (0x500 command pointers) and the QueueInfo's private buffer ("GPBF", 0x2c18 bytes)
 * are what workqueue.rs allocates; m1n1 cmdqueue.py CommandQueuePointers has rb_size 0x500.
 */
#define AGX_WQ_SIZE		0x500	/* ring entries */
#define AGX_MAX_JOB_SLOTS	127	/* stamp steps in flight per work queue */
#define AGX_GPU_BUF_SIZE	0x2c18	/* QueueInfo gpu_buf ("GPBF"), private */

/*
 * RingState (Rust fw/workqueue.rs raw::RingState; m1n1 cmdqueue.py CommandQueuePointers):
 * 16-byte-spaced words. Shared pool. The firmware writes gpu_doneptr/gpu_rptr, the driver
 * cpu_wptr and rb_size; cpu_freeptr is not read by the firmware (the Rust driver's debugging
 * aid: the ring position the driver freed up to). unk_10 and unk_20 stay zero.
 */
struct agx_fw_ring_state {
	u32 gpu_doneptr;	/* 0x00 */
	u8 __pad0[0x0c];
	u32 unk_10;		/* 0x10 */
	u8 __pad1[0x0c];
	u32 unk_20;		/* 0x20 */
	u8 __pad2[0x0c];
	u32 gpu_rptr;		/* 0x30 */
	u8 __pad3[0x0c];
	u32 cpu_wptr;		/* 0x40 */
	u8 __pad4[0x0c];
	u32 rb_size;		/* 0x50 */
	u8 __pad5[0x0c];
	u32 cpu_freeptr;	/* 0x60 */
	u8 __pad6[0x0c];
} __packed;
/* fw/workqueue.rs RingState; m1n1 CommandQueuePointerMap: DONEPTR 0, RPTR 0x30, WPTR 0x40 */
static_assert(sizeof(struct agx_fw_ring_state) == 0x70);
static_assert(offsetof(struct agx_fw_ring_state, gpu_doneptr) == 0x00);
static_assert(offsetof(struct agx_fw_ring_state, gpu_rptr) == 0x30);
static_assert(offsetof(struct agx_fw_ring_state, cpu_wptr) == 0x40);
static_assert(offsetof(struct agx_fw_ring_state, rb_size) == 0x50);
static_assert(offsetof(struct agx_fw_ring_state, cpu_freeptr) == 0x60);

/*
 * The ring: AGX_WQ_SIZE u64 GPU VAs of command objects (fw/workqueue.rs QueueInfo.ring,
 * workqueue.rs submit(): ring[wptr] = command VA). The first u32 of each command is its
 * AGX_CMD_* type. An entry is live from the write of cpu_wptr past it until gpu_doneptr
 * passes it.
 */
#define AGX_FW_RING_ENTRY_SIZE	sizeof(u64)

/*
 * Priority: the 6-tuple at QueueInfo 0x30 (fw/workqueue.rs raw::Priority; m1n1 cmdqueue.py
 * CommandQueueInfo unk_30..unk_48, set_prio()). The values are the Rust driver's PRIORITY[]
 * table (agx_fw_priorities[] in driver/fw/workqueue.c), indexed by the queue's priority.
 * The field names are positional: the firmware's meaning is unknown.
 */
struct agx_fw_priority {
	u32 p0;			/* 0x00 */
	u32 p1;			/* 0x04 */
	u64 p2;			/* 0x08, unaligned in QueueInfo (U64) */
	u32 p3;			/* 0x10 */
	u32 p4;			/* 0x14 */
	u32 p5;			/* 0x18 */
} __packed;
static_assert(sizeof(struct agx_fw_priority) == 0x1c);

/*
 * QueueInfo (fw/workqueue.rs raw::QueueInfo, #[versions(AGX)]; m1n1 cmdqueue.py
 * CommandQueueInfo): one per firmware work queue. Private pool (shared with verbose faults).
 * The driver sets the pointers, event_id = -1, priority, uuid (queue id), unk_4c = unk_54 =
 * -1, everything else 0; the firmware updates gpu_rptr1..3, event_id, busy, unk_84_state,
 * error_count and pending.
 *
 * The firmware's layout differs between versions only after 0x84: G13 and G14 (not G14X)
 * firmware from 13.2 has a u32 unk_84_0 there and a u32 unk_b0 at the end
 * (#[ver(V >= V13_2 && G < G14X)]). The fixed part is &struct agx_fw_queue_info, the rest
 * &struct agx_fw_queue_info_tail, at &agx_fw_layout.queue_info_tail; the two whole layouts
 * are &struct agx_fw_queue_info_v13_2 and &struct agx_fw_queue_info_v12.
 */
struct agx_fw_queue_info {
	u64 state;		/* 0x00: RingState (shared) */
	u64 ring;		/* 0x08: rb_size command VAs (u64) */
	u64 notifier_list;	/* 0x10: NotifierList (shared) */
	u64 gpu_buf;		/* 0x18: AGX_GPU_BUF_SIZE bytes, private */
	u32 gpu_rptr1;		/* 0x20 */
	u32 gpu_rptr2;		/* 0x24 */
	u32 gpu_rptr3;		/* 0x28 */
	s32 event_id;		/* 0x2c: -1 until the firmware runs the queue */
	struct agx_fw_priority priority;	/* 0x30 */
	s32 unk_4c;		/* 0x4c: -1 */
	u32 uuid;		/* 0x50: queue id */
	s32 unk_54;		/* 0x54: -1 */
	u64 unk_58;		/* 0x58 */
	u32 busy;		/* 0x60 */
	u8 __pad[0x20];		/* 0x64 */
} __packed;
static_assert(sizeof(struct agx_fw_queue_info) == 0x84);	/* fw/workqueue.rs QueueInfo */
static_assert(offsetof(struct agx_fw_queue_info, event_id) == 0x2c);
static_assert(offsetof(struct agx_fw_queue_info, priority) == 0x30);
static_assert(offsetof(struct agx_fw_queue_info, unk_4c) == 0x4c);
static_assert(offsetof(struct agx_fw_queue_info, busy) == 0x60);

/* QueueInfo after the version-dependent word at 0x84 (names: offsets before 13.2) */
struct agx_fw_queue_info_tail {
	u32 unk_84_state;
	u32 error_count;
	u32 unk_8c;
	u32 unk_90;
	u32 unk_94;
	u32 pending;
	u32 unk_9c;
	u64 gpu_context;	/* GpuContextData (shared) */
	u64 unk_a8;
} __packed;
static_assert(sizeof(struct agx_fw_queue_info_tail) == 0x2c);

/* QueueInfo of G13/G14 firmware from 13.2 (G13V13_5, G14V13_5): 0xb8 bytes */
struct agx_fw_queue_info_v13_2 {
	struct agx_fw_queue_info head;
	u32 unk_84_0;
	struct agx_fw_queue_info_tail tail;
	u32 unk_b0;
} __packed;
static_assert(sizeof(struct agx_fw_queue_info_v13_2) == 0xb8);
static_assert(offsetof(struct agx_fw_queue_info_v13_2, tail.unk_84_state) == 0x88);
static_assert(offsetof(struct agx_fw_queue_info_v13_2, tail.pending) == 0x9c);
static_assert(offsetof(struct agx_fw_queue_info_v13_2, tail.gpu_context) == 0xa4);
static_assert(offsetof(struct agx_fw_queue_info_v13_2, unk_b0) == 0xb4);

/* QueueInfo before 13.2 and of G14X (G13V12_3, G14V12_4, G14XV13_5): 0xb0 bytes */
struct agx_fw_queue_info_v12 {
	struct agx_fw_queue_info head;
	struct agx_fw_queue_info_tail tail;
} __packed;
static_assert(sizeof(struct agx_fw_queue_info_v12) == 0xb0);	/* m1n1 CommandQueueInfo */
static_assert(offsetof(struct agx_fw_queue_info_v12, tail.unk_84_state) == 0x84);
static_assert(offsetof(struct agx_fw_queue_info_v12, tail.gpu_context) == 0xa0);

/*
 * GpuContextData: 0x40 bytes, shared (fw/workqueue.rs raw::GpuContextData; m1n1 cmdqueue.py
 * GPUContextData). Defaults: unk_0 = unk_1 = 0xff, unk_5 = 1, unk_1e = 0xff, unk_23 = 2.
 */
struct agx_fw_gpu_context {
	u8 unk_0;		/* 0x00: 0xff */
	u8 unk_1;		/* 0x01: 0xff */
	u8 unk_2[2];
	u8 unk_4;		/* 0x04: 0 */
	u8 unk_5;		/* 0x05: 1 */
	u8 unk_6[0x18];
	u8 unk_1e;		/* 0x1e: 0xff */
	u8 unk_1f;		/* 0x1f: 0 */
	u8 unk_20[3];
	u8 unk_23;		/* 0x23: 2 */
	u8 unk_24[0x1c];
} __packed;
static_assert(sizeof(struct agx_fw_gpu_context) == 0x40);
static_assert(offsetof(struct agx_fw_gpu_context, unk_1e) == 0x1e);
static_assert(offsetof(struct agx_fw_gpu_context, unk_23) == 0x23);

/* Command types: the first u32 of a command (asahi-agx-driver.md §2.5) */
#define AGX_CMD_RUN_VERTEX	0
#define AGX_CMD_RUN_FRAGMENT	1
#define AGX_CMD_RUN_BLITTER	2
#define AGX_CMD_RUN_COMPUTE	3
#define AGX_CMD_BARRIER		4
#define AGX_CMD_INIT_BUFFER	6

/*
 * JobMeta (fw/job.rs raw::JobMeta; asahi-agx-driver.md §1.4): 0x2c bytes, packed (the
 * pointers are GpuWeakPointer, 4-byte aligned in the Rust driver, at 0x4 and 0xc).
 * no_preemption is the job's flag; evctl_index is 0 ("fixed", queue/compute.rs).
 */
struct agx_fw_job_meta {
	u16 unk_0;
	u8 unk_2;
	u8 no_preemption;
	u64 stamp;		/* 0x04: Stamp of the slot (shared, driver-visible) */
	u64 fw_stamp;		/* 0x0c: FwStamp of the slot (private, barriers wait on it) */
	u32 stamp_value;	/* 0x14 */
	u32 stamp_slot;		/* 0x18 */
	u32 evctl_index;	/* 0x1c */
	u32 flush_stamps;	/* 0x20 */
	u32 uuid;		/* 0x24 */
	u32 event_seq;		/* 0x28 */
} __packed;
static_assert(sizeof(struct agx_fw_job_meta) == 0x2c);		/* fw/job.rs JobMeta */
static_assert(offsetof(struct agx_fw_job_meta, stamp_value) == 0x14);
static_assert(offsetof(struct agx_fw_job_meta, event_seq) == 0x28);

/*
 * EncoderParams (fw/job.rs raw::EncoderParams, the newest snapshot's names): 0x28 bytes.
 * For a compute job: the sampler heap of the uAPI (sampler_max = count + 1, 0 without
 * samplers), the rest 0 (queue/compute.rs).
 */
struct agx_fw_encoder_params {
	u32 unk_8;
	u32 sync_grow;
	u32 unk_10;
	u32 encoder_id;
	u32 unk_18;
	u32 unk_mask;
	u64 sampler_array;	/* 0x18 (U64) */
	u32 sampler_count;	/* 0x20 */
	u32 sampler_max;	/* 0x24 */
} __packed;
static_assert(sizeof(struct agx_fw_encoder_params) == 0x28);	/* fw/job.rs EncoderParams */

/*
 * RunCompute job parameters (fw/compute.rs raw::JobParameters1, G13/G14 only: G14X has a
 * register array instead): 0x160 bytes. cdm_ctrl_stream_base (``encoder`` in older
 * snapshots) is the compute control stream in the user VM; the constants are
 * queue/compute.rs's: pipeline_base 0x11_00000000, unk_38 0x8c60, unk_58 1. preempt_buf1..5
 * are the parts of the command's preemption buffer in the user VM: compute_preempt1_size
 * bytes (the SoC's), then four u64. The helper fields are used only with an internal
 * (helper) program, which this driver does not run.
 */
struct agx_fw_compute_params1 {
	u64 preempt_buf1;
	u64 cdm_ctrl_stream_base;	/* 0x08 (U64) */
	u64 preempt_buf2;
	u64 preempt_buf3;
	u64 preempt_buf4;
	u64 preempt_buf5;
	u64 pipeline_base;	/* 0x30 (U64) */
	u64 unk_38;		/* 0x38 (U64) */
	u32 helper_program;	/* 0x40 */
	u32 unk_44;
	u64 helper_arg;		/* 0x48 (U64) */
	u32 helper_cfg;		/* 0x50 */
	u32 unk_54;
	u32 unk_58;
	u32 unk_5c;
	u32 iogpu_unk_40;	/* 0x60 */
	u8 pad[0xfc];
} __packed;
static_assert(sizeof(struct agx_fw_compute_params1) == 0x160);	/* fw/compute.rs */
static_assert(offsetof(struct agx_fw_compute_params1, helper_program) == 0x40);

/*
 * fw/compute.rs raw::JobParameters2, V >= 13.0b4 (unk_0_0 in, unk_5c out): 0x60 bytes.
 * encoder_end is the end of the control stream's first piece (the uAPI's
 * cdm_ctrl_stream_end).
 */
struct agx_fw_compute_params2 {
	u32 unk_0_0;
	u8 unk_0[0x24];
	u64 preempt_buf1;	/* 0x28 */
	u64 encoder_end;	/* 0x30 (U64) */
	u8 unk_34[0x20];
	u32 unk_g14x;		/* 0x58: 0 below G14X */
	u32 unk_58;		/* 0x5c */
} __packed;
static_assert(sizeof(struct agx_fw_compute_params2) == 0x60);	/* fw/compute.rs */

/*
 * RunCompute (fw/compute.rs raw::RunCompute, G13 and G14 from V13.0b4, the G13V13_5 and
 * G14V13_5 combinations): 0x319 bytes, packed (U64 and U32 are packed(1) in the Rust
 * driver; its pre-13.0b4 field names are their offsets then, e.g. unk_2c0, 8 bytes before
 * where the V13.0b4 counter puts them). Built by driver/queue (values of
 * queue/compute.rs); the firmware reaches the queue's GPU context through the QueueInfo,
 * not through the command. The microsequence's Timestamp ops point at cur_ts, start_ts
 * and end_ts, its StartCompute and FinalizeCompute at job_params1, job_params2 and
 * unk_flag. context_store_req/compl are the 13.0b4 snapshot's names of unk_ts/unk_2e1 in
 * newer ones (same bytes); the whole tail is 0.
 */
struct agx_fw_run_compute {
	u32 tag;		/* AGX_CMD_RUN_COMPUTE */
	u64 counter;		/* 0x004 (U64): the queue's command counter */
	u32 unk_4;
	u32 vm_slot;		/* 0x010 */
	u64 notifier;		/* 0x014 */
	u32 unk_pointee;
	u8 pad0[0x50];
	struct agx_fw_compute_params1 job_params1;	/* 0x070 */
	u8 pad1[0x20];
	u64 microsequence;	/* 0x1f0 */
	u32 microsequence_size;
	struct agx_fw_compute_params2 job_params2;	/* 0x1fc */
	struct agx_fw_encoder_params encoder_params;	/* 0x25c */
	struct agx_fw_job_meta meta;			/* 0x284 */
	u64 cur_ts;		/* 0x2b0 (U64), written by the firmware */
	u64 start_ts;		/* 0x2b8: where the start time goes, 0 for none */
	u64 end_ts;		/* 0x2c0 */
	u32 unk_2c0;
	u32 unk_2c4;
	u32 unk_2c8;
	u32 unk_2cc;
	u8 client_sequence;	/* 0x2d8 */
	u8 pad_2d1[3];
	u32 unk_2d4;
	u8 unk_2d8;		/* 0x2e0 */
	u64 context_store_req;	/* 0x2e1 (U64) */
	u64 context_store_compl;	/* 0x2e9 (U64) */
	u8 unk_2e9[0x14];
	u32 unk_flag;		/* 0x305 (U32) */
	u8 unk_pad[0x10];
} __packed;
static_assert(sizeof(struct agx_fw_run_compute) == 0x319);	/* fw/compute.rs RunCompute */
static_assert(offsetof(struct agx_fw_run_compute, notifier) == 0x14);
static_assert(offsetof(struct agx_fw_run_compute, job_params1) == 0x70);
static_assert(offsetof(struct agx_fw_run_compute, microsequence) == 0x1f0);
static_assert(offsetof(struct agx_fw_run_compute, job_params2) == 0x1fc);
static_assert(offsetof(struct agx_fw_run_compute, meta) == 0x284);
static_assert(offsetof(struct agx_fw_run_compute, cur_ts) == 0x2b0);
static_assert(offsetof(struct agx_fw_run_compute, unk_2c0) == 0x2c8);	/* 0x2c0 + counter */
static_assert(offsetof(struct agx_fw_run_compute, unk_flag) == 0x305);

/*
 * Barrier (fw/workqueue.rs raw::Barrier; asahi-agx-driver.md §2.8): 0x40 bytes. The
 * command waits until the FwStamp of wait_slot reaches wait_value; stamp_self is the
 * value of the command that follows it. Implicit vertex -> fragment barriers have
 * internal_barrier_type 0 and the 3D command's uuid, explicit ones 1 and
 * AGX_BARRIER_UUID_USER; external_barrier is 0.
 */
#define AGX_BARRIER_UUID_USER	0xffffbbbb
struct agx_fw_cmd_barrier {
	u32 tag;		/* AGX_CMD_BARRIER */
	u64 wait_stamp;		/* 0x04: FwStamp VA */
	u32 wait_value;		/* 0x0c */
	u32 wait_slot;		/* 0x10 */
	u32 stamp_self;		/* 0x14 */
	u32 uuid;		/* 0x18 */
	u32 external_barrier;	/* 0x1c */
	u32 internal_barrier_type;	/* 0x20 */
	u8 padding[0x1c];
} __packed;
static_assert(sizeof(struct agx_fw_cmd_barrier) == 0x40);	/* fw/workqueue.rs Barrier */
static_assert(offsetof(struct agx_fw_cmd_barrier, internal_barrier_type) == 0x20);

/*
 * InitBuffer (fw/buffer.rs raw::InitBuffer; asahi-agx-driver.md §1.4, §6.5): 0x20 bytes,
 * packed (the buffer manager's Info pointer sits unaligned at 0x14). Queued on the vertex
 * work queue before a RunVertex whose buffer was bound to a new buffer-manager slot
 * (buffer_slot < 127) or grew (queue/render.rs): it tells the firmware which buffer the
 * slot holds now and how many blocks it has. stamp_value is the RunVertex's.
 */
struct agx_fw_cmd_init_buffer {
	u32 tag;		/* AGX_CMD_INIT_BUFFER */
	u32 vm_slot;		/* 0x04 */
	u32 buffer_slot;	/* 0x08 */
	u32 unk_c;
	u32 block_count;	/* 0x10 */
	u64 buffer;		/* 0x14: buffer::Info GPU VA */
	u32 stamp_value;	/* 0x1c */
} __packed;
static_assert(sizeof(struct agx_fw_cmd_init_buffer) == 0x20);	/* fw/buffer.rs InitBuffer */

/*
 * Microsequence operations (Rust fw/microseq.rs; m1n1 fw/agx/microsequence.py). An op
 * starts with a u32 header: the opcode in the low bits, ORed with its arguments
 * (WaitForIdle: pipe mask << 8; Timestamp: bit 31 for the start stamp, clear for the end;
 * RetireStamp: 0x40000000). A Run* command's microsequence is, as the Rust driver builds
 * it (queue/render.rs, queue/compute.rs): Start*, [Timestamp start], WaitForIdle,
 * [Timestamp end], Finalize*, RetireStamp, microsequence_size bytes in all (no end marker).
 * The Timestamp pair is there only when the job asks for timestamps.
 *
 * The operand layouts below are those of G13 and G14 (not G14X) firmware from V13.3, the
 * G13V13_5 and G14V13_5 combinations: fields present from V13.0b4 (counter,
 * notifier_buf, unk_ts, unk_flag, Finalize* tails) and V13.3 (StartFragment unk_7c_0,
 * FinalizeFragment unk_6c_0) are in; the G14X register-array pointer and the pre-13.0b4
 * G14 words are out. Field names are the Rust driver's (unk_N: the offset before 13.0b4).
 */
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
#define AGX_OP_CODE_MASK	0xff	/* the opcodes above; the rest are arguments */

/* WaitForIdle pipe masks (fw/microseq.rs Pipe), in the header as mask << 8 */
#define AGX_IDLE_VERTEX		BIT(0)
#define AGX_IDLE_FRAGMENT	BIT(8)
#define AGX_IDLE_COMPUTE	BIT(15)
#define AGX_OP_WAIT_FOR_IDLE_HDR(mask)	(AGX_OP_WAIT_FOR_IDLE | ((mask) << 8))
#define AGX_OP_RETIRE_STAMP_HDR	(AGX_OP_RETIRE_STAMP | 0x40000000)
#define AGX_OP_TIMESTAMP_START	BIT(31)	/* Timestamp::new(true): the start stamp */

#define AGX_MAX_ATTACHMENTS	16	/* fw/microseq.rs MAX_ATTACHMENTS */

/* Attachment (fw/microseq.rs Attachment): 0x10 bytes */
struct agx_fw_attachment {
	u64 address;		/* user VM GPU VA */
	u32 size;		/* in cache lines (64 bytes) */
	u16 unk_c;
	u16 unk_e;
} __packed;
static_assert(sizeof(struct agx_fw_attachment) == 0x10);

/* Attachments (fw/microseq.rs Attachments): the list, then the count */
struct agx_fw_attachments {
	struct agx_fw_attachment list[AGX_MAX_ATTACHMENTS];
	u32 count;
} __packed;
static_assert(sizeof(struct agx_fw_attachments) == 0x104);

/* StartVertex (fw/microseq.rs StartVertex, G < G14X, V >= 13.0b4): 0x18c bytes */
struct agx_fw_op_start_vertex {
	u32 header;		/* AGX_OP_START_VERTEX */
	u64 tiling_params;	/* 0x04 */
	u64 job_params1;	/* 0x0c */
	u64 buffer;		/* 0x14: buffer::Info */
	u64 scene;		/* 0x1c */
	u64 stats;		/* 0x24: GpuStatsVtx */
	u64 work_queue;		/* 0x2c: QueueInfo */
	u32 vm_slot;		/* 0x34 */
	u32 unk_38;		/* 0x38: 1 */
	u32 event_generation;	/* 0x3c: queue id */
	u32 buffer_slot;	/* 0x40 */
	u32 unk_44;
	u64 event_seq;		/* 0x48 (U64) */
	u32 unk_50;
	u64 unk_pointer;	/* 0x54 */
	u64 unk_job_buf;	/* 0x5c */
	u32 unk_64;
	u32 unk_68;
	u32 uuid;		/* 0x6c */
	struct agx_fw_attachments attachments;	/* 0x70 */
	u32 padding;		/* 0x174 */
	u64 counter;		/* 0x178: the queue's command count */
	u64 notifier_buf;	/* 0x180: the Notifier's unk_buf */
	u32 unk_178;		/* 0x188 */
} __packed;
static_assert(sizeof(struct agx_fw_op_start_vertex) == 0x18c);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_start_vertex, work_queue) == 0x2c);
static_assert(offsetof(struct agx_fw_op_start_vertex, event_seq) == 0x48);
static_assert(offsetof(struct agx_fw_op_start_vertex, attachments) == 0x70);
static_assert(offsetof(struct agx_fw_op_start_vertex, counter) == 0x178);

/* StartFragment (fw/microseq.rs StartFragment, G < G14X, V >= 13.3): 0x1ac bytes */
struct agx_fw_op_start_fragment {
	u32 header;		/* AGX_OP_START_FRAGMENT */
	u64 job_params2;	/* 0x04 */
	u64 job_params1;	/* 0x0c */
	u64 scene;		/* 0x14 */
	u64 stats;		/* 0x1c: GpuStatsFrag */
	u64 busy_flag;		/* 0x24 */
	u64 tvb_overflow_count;	/* 0x2c */
	u64 unk_pointer;	/* 0x34 */
	u64 work_queue;		/* 0x3c: QueueInfo */
	u64 work_item;		/* 0x44: the RunFragment */
	u32 vm_slot;		/* 0x4c */
	u32 unk_50;
	u32 event_generation;	/* 0x54 */
	u32 buffer_slot;	/* 0x58 */
	u32 sync_grow;		/* 0x5c */
	u64 event_seq;		/* 0x60 (U64) */
	u32 unk_68;
	u64 unk_758_flag;	/* 0x6c */
	u64 unk_job_buf;	/* 0x74 */
	u64 unk_7c_0;		/* 0x7c: V >= 13.3 */
	u32 unk_7c;
	u32 unk_80;
	u32 unk_84;
	u32 uuid;		/* 0x90 */
	struct agx_fw_attachments attachments;	/* 0x94 */
	u32 padding;		/* 0x198 */
	u64 counter;		/* 0x19c */
	u64 notifier_buf;	/* 0x1a4 */
} __packed;
static_assert(sizeof(struct agx_fw_op_start_fragment) == 0x1ac);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_start_fragment, work_queue) == 0x3c);
static_assert(offsetof(struct agx_fw_op_start_fragment, vm_slot) == 0x4c);
static_assert(offsetof(struct agx_fw_op_start_fragment, attachments) == 0x94);
static_assert(offsetof(struct agx_fw_op_start_fragment, counter) == 0x19c);

/* StartCompute (fw/microseq.rs StartCompute, newer snapshots, G < G14X, V >= 13.0b4) */
struct agx_fw_op_start_compute {
	u32 header;		/* AGX_OP_START_COMPUTE */
	u64 unk_pointer;	/* 0x04 */
	u64 job_params1;	/* 0x0c */
	u64 stats;		/* 0x14: GpuStatsComp */
	u64 work_queue;		/* 0x1c: QueueInfo */
	u32 vm_slot;		/* 0x24 */
	u32 unk_28;		/* 0x28: 1 */
	u32 event_generation;	/* 0x2c */
	u64 event_seq;		/* 0x30 (U64) */
	u32 unk_38;
	u64 job_params2;	/* 0x3c */
	u32 unk_44;
	u32 uuid;		/* 0x48 */
	struct agx_fw_attachments attachments;	/* 0x4c */
	u32 padding;		/* 0x150 */
	u64 unk_flag;		/* 0x154 */
	u64 counter;		/* 0x15c */
	u64 notifier_buf;	/* 0x164 */
} __packed;
static_assert(sizeof(struct agx_fw_op_start_compute) == 0x16c);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_start_compute, work_queue) == 0x1c);
static_assert(offsetof(struct agx_fw_op_start_compute, attachments) == 0x4c);
static_assert(offsetof(struct agx_fw_op_start_compute, counter) == 0x15c);

/*
 * Timestamp (fw/microseq.rs Timestamp, V >= 13.0b4): 0x3c bytes. cur_ts, start_ts and
 * update_ts point into the Run* command: update_ts at the u64 field holding the VA the
 * firmware writes the time to (the command's start_ts field for the start stamp, end_ts
 * for the end one).
 */
struct agx_fw_op_timestamp {
	u32 header;		/* AGX_OP_TIMESTAMP [| AGX_OP_TIMESTAMP_START] */
	u64 cur_ts;		/* 0x04 */
	u64 start_ts;		/* 0x0c */
	u64 update_ts;		/* 0x14 */
	u64 work_queue;		/* 0x1c */
	u64 unk_24;		/* 0x24 */
	u64 unk_ts;		/* 0x2c */
	u32 uuid;		/* 0x34 */
	u32 unk_30_padding;	/* 0x38 */
} __packed;
static_assert(sizeof(struct agx_fw_op_timestamp) == 0x3c);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_timestamp, update_ts) == 0x14);
static_assert(offsetof(struct agx_fw_op_timestamp, uuid) == 0x34);

/* WaitForIdle, WaitForIdle2 and RetireStamp are a header only (fw/microseq.rs) */
struct agx_fw_op_header {
	u32 header;
} __packed;

/* FinalizeVertex (fw/microseq.rs FinalizeVertex, V >= 13.0b4): 0x84 bytes */
struct agx_fw_op_finalize_vertex {
	u32 header;		/* AGX_OP_FINALIZE_VERTEX */
	u64 scene;		/* 0x04 */
	u64 buffer;		/* 0x0c */
	u64 stats;		/* 0x14 */
	u64 work_queue;		/* 0x1c */
	u32 vm_slot;		/* 0x24 */
	u32 unk_28;
	u64 unk_pointer;	/* 0x2c */
	u32 unk_34;
	u32 uuid;		/* 0x38 */
	u64 fw_stamp;		/* 0x3c: FwStamp of the slot */
	u32 stamp_value;	/* 0x44 */
	u64 unk_48;
	u32 unk_50;
	u32 unk_54;
	u64 unk_58;
	u32 unk_60;
	u32 unk_64;
	u32 unk_68;
	s32 restart_branch_offset;	/* 0x6c: Start* op - this op, bytes */
	u32 has_attachments;	/* 0x70 */
	u8 unk_74[0x10];
} __packed;
static_assert(sizeof(struct agx_fw_op_finalize_vertex) == 0x84);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_finalize_vertex, fw_stamp) == 0x3c);
static_assert(offsetof(struct agx_fw_op_finalize_vertex, restart_branch_offset) == 0x6c);

/* FinalizeFragment (fw/microseq.rs FinalizeFragment, V >= 13.3): 0xb4 bytes */
struct agx_fw_op_finalize_fragment {
	u32 header;		/* AGX_OP_FINALIZE_FRAGMENT */
	u32 uuid;		/* 0x04 */
	u32 unk_8;
	u64 fw_stamp;		/* 0x0c */
	u32 stamp_value;	/* 0x14 */
	u32 unk_18;
	u64 scene;		/* 0x1c */
	u64 buffer;		/* 0x24 */
	u64 unk_2c;
	u64 stats;		/* 0x34 */
	u64 unk_pointer;	/* 0x3c */
	u64 busy_flag;		/* 0x44 */
	u64 work_queue;		/* 0x4c */
	u64 work_item;		/* 0x54 */
	u32 vm_slot;		/* 0x5c */
	u32 unk_60;
	u64 unk_758_flag;	/* 0x64 */
	u64 unk_6c_0;		/* 0x6c: V >= 13.3 */
	u64 unk_6c;
	u64 unk_74;
	u64 unk_7c;
	u64 unk_84;
	u64 unk_8c;
	s32 restart_branch_offset;	/* 0x9c */
	u32 has_attachments;	/* 0xa0 */
	u8 unk_9c[0x10];
} __packed;
static_assert(sizeof(struct agx_fw_op_finalize_fragment) == 0xb4);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_finalize_fragment, fw_stamp) == 0x0c);
static_assert(offsetof(struct agx_fw_op_finalize_fragment, vm_slot) == 0x5c);
static_assert(offsetof(struct agx_fw_op_finalize_fragment, restart_branch_offset) == 0x9c);

/* FinalizeCompute (fw/microseq.rs FinalizeCompute, V >= 13.0b4): 0x7c bytes */
struct agx_fw_op_finalize_compute {
	u32 header;		/* AGX_OP_FINALIZE_COMPUTE */
	u64 stats;		/* 0x04 */
	u64 work_queue;		/* 0x0c */
	u32 vm_slot;		/* 0x14 */
	u64 job_params2;	/* 0x18 */
	u32 unk_24;
	u32 uuid;		/* 0x24 */
	u64 fw_stamp;		/* 0x28 */
	u32 stamp_value;	/* 0x30 */
	u32 unk_38;
	u32 unk_3c;
	u32 unk_40;
	u32 unk_44;
	u32 unk_48;
	u32 unk_4c;
	u32 unk_50;
	u32 unk_54;
	u32 unk_58;
	s32 restart_branch_offset;	/* 0x58 */
	u32 has_attachments;	/* 0x5c */
	u8 unk_64[0x0d];
	u64 unk_flag;		/* 0x6d */
	u8 unk_79[0x07];
} __packed;
static_assert(sizeof(struct agx_fw_op_finalize_compute) == 0x7c);	/* fw/microseq.rs */
static_assert(offsetof(struct agx_fw_op_finalize_compute, fw_stamp) == 0x28);
static_assert(offsetof(struct agx_fw_op_finalize_compute, restart_branch_offset) == 0x58);
static_assert(offsetof(struct agx_fw_op_finalize_compute, unk_flag) == 0x6d);

/* The largest microsequence: the largest Start* and Finalize* with both timestamps */
#define AGX_MICROSEQ_MAX_SIZE	(sizeof(struct agx_fw_op_start_fragment) +		\
				 2 * sizeof(struct agx_fw_op_timestamp) +		\
				 sizeof(struct agx_fw_op_header) +			\
				 sizeof(struct agx_fw_op_finalize_fragment) +		\
				 sizeof(struct agx_fw_op_header))

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
#define AGX_SIMQ_GROW_TVB	8	/* RunVertex: GrowTVB for its buffer slot */
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
