/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: the tiled vertex buffer (TVB) manager, as G13 and G14 (not
 * G14X) firmware from V13.3 reads it: the buffer info of a buffer-manager slot with its
 * block control, counter and statistics, and the per-render scene. Shared by agx.ko and
 * the simulated firmware. See Documentation/agx-firmware.rst.
 *
 * Sources: the Asahi driver's fw/buffer.rs (the newest snapshots: Scene.unk_28 from
 * V13.3) and buffer.rs (the constants and initial values), m1n1's microsequence.py
 * (BufferManagerInfo, BufferManagerBlockControl, BufferManagerCounter,
 * BufferManagerMisc, BufferThing). driver/fw/buffer.c builds them (one buffer per render
 * queue, one scene per render; InitBuffer is in <agx/fw/workqueue.h>). As elsewhere, U64
 * and pointers are packed(1).
 */
#ifndef _AGX_FW_BUFFER_H_
#define _AGX_FW_BUFFER_H_

#include <agx/fw/types.h>

/* buffer.rs constants */
#define AGX_BM_SLOTS			127	/* "yes, 127, not 128" */
#define AGX_BM_PAGE_SIZE		0x8000	/* bytes, 32 KiB-aligned in the user VM */
#define AGX_BM_PAGES_PER_BLOCK		4
#define AGX_BM_BLOCK_SIZE		(AGX_BM_PAGE_SIZE * AGX_BM_PAGES_PER_BLOCK)
#define AGX_BM_MAX_BLOCKS		6579	/* 862322688 bytes / AGX_BM_BLOCK_SIZE */
#define AGX_BM_MAX_PAGES		(AGX_BM_MAX_BLOCKS * AGX_BM_PAGES_PER_BLOCK)
#define AGX_BM_MAX_PAGES_NOMEMLESS	8772	/* a third of the above */
#define AGX_BM_INITIAL_BLOCKS		8	/* per queue at creation (1 MiB) */
#define AGX_BM_KERNEL_BUF_SIZE		0x40	/* RunVertex/RunFragment unk_buffer_buf */
#define AGX_BM_MIN_BLOCKS		8	/* queue/render.rs get_tiling_params, one cluster */
#define AGX_BM_TILES_PER_BLOCK		128	/* min_tvb_blocks = tiles / 128, rounded up */

/* buffer.rs new_scene: the per-render objects in the user VM, one cluster */
#define AGX_BM_USER_BUF_SIZE		0x80	/* Scene.user_buffer */
#define AGX_BM_TPC_ALIGN		0x4000	/* the TPC is rounded up to the UAT page */

/*
 * The scene's preemption buffer: three parts, sizes of hw/t8103.rs and hw/t8112.rs
 * (preempt1_size .. preempt3_size; the same on G13G and G14G, one cluster). RunVertex
 * points at each part; the third pointer carries AGX_BM_PREEMPT3_FLAG (queue/render.rs).
 */
#define AGX_BM_PREEMPT1_SIZE		0x540
#define AGX_BM_PREEMPT2_SIZE		0x280
#define AGX_BM_PREEMPT3_SIZE		0x20
#define AGX_BM_PREEMPT_SIZE		(AGX_BM_PREEMPT1_SIZE + AGX_BM_PREEMPT2_SIZE + \
					 AGX_BM_PREEMPT3_SIZE)
#define AGX_BM_PREEMPT3_FLAG		0x4000000000000ULL

/* fw/buffer.rs BlockControl (shared pool): 0x40 bytes */
struct agx_fw_bm_block_control {
	u32 total;		/* blocks given to the firmware */
	u32 wptr;
	u32 unk;
	u8 pad[0x34];
} __packed;
static_assert(sizeof(struct agx_fw_bm_block_control) == 0x40);	/* fw/buffer.rs */

/* fw/buffer.rs Counter (shared pool): 0x40 bytes; one increment per render submitted */
struct agx_fw_bm_counter {
	u32 count;
	u8 __pad[0x3c];
} __packed;
static_assert(sizeof(struct agx_fw_bm_counter) == 0x40);	/* fw/buffer.rs */

/* fw/buffer.rs Stats (m1n1 BufferManagerMisc, shared pool): 0x40 bytes, reset = 1 at start */
struct agx_fw_bm_stats {
	u32 max_pages;		/* the pages the last renders used: the growth input */
	u32 max_b;
	u32 overflow_count;
	u32 gpu_c;
	u8 __pad0[0x10];
	u32 reset;		/* 0x20 */
	u8 __pad1[0x1c];
} __packed;
static_assert(sizeof(struct agx_fw_bm_stats) == 0x40);	/* fw/buffer.rs */
static_assert(offsetof(struct agx_fw_bm_stats, reset) == 0x20);

/*
 * fw/buffer.rs Info (m1n1 BufferManagerInfo, private pool), G13/G14 from V13.0b4 (no
 * unk_1c, which only older firmware and G14X have): 0xbc bytes. The names unk_38 ..
 * unk_90 are 4 bytes after their place here (their offsets with unk_1c). The initial
 * values are buffer.rs's: cur_id -1, unk_80 1, block_size AGX_BM_BLOCK_SIZE, the limits.
 */
struct agx_fw_bm_info {
	u32 gpu_counter;
	u32 unk_4;
	s32 last_id;
	s32 cur_id;		/* 0x0c: -1 */
	u32 unk_10;
	u32 gpu_counter2;
	u32 unk_18;
	u64 page_list;		/* 0x1c: u32 page numbers (VA >> 15), user VM */
	u32 page_list_size;	/* 0x24: bytes, 4 * AGX_BM_MAX_PAGES */
	u32 page_count;
	u32 max_blocks;		/* 0x2c: AGX_BM_MAX_BLOCKS (m1n1 unk_30) */
	u32 block_count;
	u32 unk_38;
	u64 block_list;		/* 0x38: page number pairs per block, user VM */
	u64 block_ctl;		/* 0x40: &struct agx_fw_bm_block_control */
	u32 last_page;		/* 0x48 */
	u32 gpu_page_ptr1;
	u32 gpu_page_ptr2;
	u32 unk_58;
	u32 block_size;		/* 0x58: bytes */
	u64 unk_60;
	u64 counter;		/* 0x64: &struct agx_fw_bm_counter */
	u32 unk_70;
	u32 unk_74;
	u32 unk_78;
	u32 unk_7c;
	u32 unk_80;		/* 0x7c: 1 */
	u32 max_pages;		/* 0x80: AGX_BM_MAX_PAGES */
	u32 max_pages_nomemless;	/* 0x84 */
	u32 unk_8c;
	u8 unk_90[0x30];	/* 0x8c */
} __packed;
static_assert(sizeof(struct agx_fw_bm_info) == 0xbc);	/* fw/buffer.rs Info */
static_assert(offsetof(struct agx_fw_bm_info, page_list) == 0x1c);
static_assert(offsetof(struct agx_fw_bm_info, block_list) == 0x38);
static_assert(offsetof(struct agx_fw_bm_info, block_ctl) == 0x40);
static_assert(offsetof(struct agx_fw_bm_info, last_page) == 0x48);
static_assert(offsetof(struct agx_fw_bm_info, counter) == 0x64);
static_assert(offsetof(struct agx_fw_bm_info, max_pages) == 0x80);

/*
 * fw/buffer.rs Scene (m1n1 BufferThing, shared pool: the firmware does not clean it from
 * its cache before reading), G13/G14 from V13.3 (unk_28 in; no G14X control words):
 * 0x48 bytes. One per render; RunVertex, RunFragment and the render ops point at it. The
 * names total_page_count's old unk_2c, unk_30 and unk_38 are 8 bytes before their place.
 */
struct agx_fw_bm_scene {
	u32 pass_page_count;
	u32 unk_4;
	u64 unk_8;
	u64 unk_10;
	u64 user_buffer;	/* 0x18: 0x80 bytes in the user VM (one cluster) */
	u32 unk_20;
	u64 unk_28;		/* 0x24: V >= 13.3 */
	u64 stats;		/* 0x2c: &struct agx_fw_bm_stats */
	u32 total_page_count;	/* 0x34: > pass_page_count: the render overflowed */
	u64 unk_30;
	u64 unk_38;		/* 0x40 */
} __packed;
static_assert(sizeof(struct agx_fw_bm_scene) == 0x48);	/* fw/buffer.rs Scene */
static_assert(offsetof(struct agx_fw_bm_scene, unk_28) == 0x24);
static_assert(offsetof(struct agx_fw_bm_scene, stats) == 0x2c);
static_assert(offsetof(struct agx_fw_bm_scene, total_page_count) == 0x34);

#endif /* _AGX_FW_BUFFER_H_ */
