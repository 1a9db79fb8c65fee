/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: the render commands, RunVertex (TA) and RunFragment (3D), with
 * their job parameters, in the layouts of G13 and G14 (not G14X) firmware from V13.3 (the
 * G13V13_5 and G14V13_5 combinations). Shared by agx.ko (driver/queue builds them) and the
 * simulated firmware (driver/sim reads them). See Documentation/agx-firmware.rst.
 *
 * Sources: the Asahi driver's fw/vertex.rs and fw/fragment.rs (the newest snapshots' field
 * names, which match the uAPI: z_load, isp_scissor_base, ...), fw/job.rs; m1n1's
 * cmdqueue.py (WorkCommandTA, WorkCommand3D) for the boundaries. As in RunCompute
 * (<agx/fw/workqueue.h>), U64 and pointers are packed(1), u32 4-byte aligned: every
 * structure here is __packed and pins its offsets. The Rust driver's pre-13.0b4 names
 * (unk_55c, unk_914, ...) are offsets before the 8-byte counter after the tag; where a name
 * no longer matches its place the comment says so.
 *
 * JobParameters1 of both commands has a G13 and a G14 form of the same size (the Rust
 * driver's #[ver(G < G14)] and #[ver(G >= G14)] fields); &agx_fw_layout.render_g14 picks
 * one. Everything else is the same on the two.
 */
#ifndef _AGX_FW_RENDER_H_
#define _AGX_FW_RENDER_H_

#include <agx/fw/types.h>
#include <agx/fw/workqueue.h>

/* Constants of queue/render.rs for G13/G14 (one cluster: no cluster buffers) */
#define AGX_TILE_SIZE_PX		32
#define AGX_RENDER_MAX_DIM		16384
#define AGX_RENDER_MAX_LAYERS		2048
#define AGX_HEAPMETA_SIZE		0x200	/* layermeta follows it: 0x100 with layers */
#define AGX_TVB_HEAPMETA_FLAG		BIT_ULL(63)	/* JobParameters1.tvb_heapmeta */
#define AGX_AUX_FB_SIZE			0x8000	/* RunFragment's aux_fb, user VM */
#define AGX_AUX_FB_UNK3			0x100000
#define AGX_ISP_CTL_BASE		0xc000	/* | DRM_ASAHI_RENDER_DBIAS_IS_INT */
#define AGX_FRAG_G14_UNK		0x4040404	/* unk_58_g14_0, JobParameters3.unk_290 */
#define AGX_FRAG_G13_BGOBJVALS		0x400	/* OR'd into JobParameters2 isp_bgobjvals */
#define AGX_TILING_CONTROL_T8103	0xa041	/* hw/t8103.rs; bit 0: no clustering */
/* bytes past a Run* command that m1n1's tracer still parses: allocated, zeroed */
#define AGX_FW_RUN_TAIL			0x18

/* fw/vertex.rs raw::TilingParameters (G < G14X): 0xa0 bytes, render.rs get_tiling_params */
struct agx_fw_tiling_params {
	u32 rgn_size;
	u32 unk_4;		/* 0x88 */
	u32 ppp_ctrl;		/* uAPI ppp_ctrl */
	u16 x_max;		/* 0x0c: width - 1 */
	u16 y_max;
	u32 te_screen;		/* 0x10: (tiles_y - 1) << 12 | (tiles_x - 1) */
	u32 te_mtile1;
	u32 te_mtile2;
	u32 tiles_per_mtile;	/* 0x1c */
	u32 tpc_stride;
	u32 unk_24;		/* 0x100 */
	u32 unk_28;		/* 0x8000, or 0xe000 | (layers - 1) */
	u32 helper_cfg;		/* 0x2c: uAPI vertex_helper.cfg */
	u8 __pad[0x70];
} __packed;
static_assert(sizeof(struct agx_fw_tiling_params) == 0xa0);	/* fw/vertex.rs */
static_assert(offsetof(struct agx_fw_tiling_params, unk_24) == 0x24);
static_assert(offsetof(struct agx_fw_tiling_params, helper_cfg) == 0x2c);

/*
 * RunVertex JobParameters1 (fw/vertex.rs raw::JobParameters1), G13: 0x384 bytes, with
 * the cluster buffers (0 with one cluster), the core mask and tiling_control. The names
 * unk_4c..unk_118 are their offsets here.
 */
struct agx_fw_vertex_params1_g13 {
	u64 unk_0;		/* 0x200 */
	u32 unk_8;		/* 0x1e3ce508 (f32 1e-20), as unk_c */
	u32 unk_c;
	u64 tvb_tilemap;	/* 0x10 */
	u64 tvb_cluster_tilemaps;
	u64 tpc;		/* 0x20 */
	u64 tvb_heapmeta;	/* 0x28: | AGX_TVB_HEAPMETA_FLAG */
	u64 iogpu_unk_54;	/* 0x30: 0x3a0012006b0003 */
	u64 iogpu_unk_56;	/* 1 */
	u64 tvb_cluster_meta1;	/* 0x40 */
	u32 utile_config;	/* 0x48 */
	u32 unk_4c;
	u64 ppp_multisamplectl;	/* 0x50 */
	u64 tvb_layermeta;	/* 0x58: tvb_heapmeta + 0x200 */
	u64 tvb_cluster_layermeta;
	u32 core_mask[2];	/* 0x68 */
	u64 preempt_buf1;	/* 0x70 */
	u64 preempt_buf2;
	u64 unk_80;		/* 1 */
	u64 preempt_buf3;	/* 0x88 */
	u64 vdm_ctrl_stream_base;	/* 0x90: uAPI vdm_ctrl_stream_base */
	u64 tvb_cluster_meta2;
	u64 tvb_cluster_meta3;
	u32 tiling_control;	/* 0xa8 */
	u32 unk_ac;
	u64 unk_b0[6];
	u64 usc_exec_base_ta;	/* 0xe0 */
	u64 tvb_cluster_meta4;
	u64 unk_f0;		/* 0x1c */
	u64 unk_f8;		/* 0x8c60 */
	u32 helper_program;	/* 0x100 */
	u32 unk_104;
	u64 helper_arg;		/* 0x108 */
	u64 unk_110;
	u32 unk_118;		/* 0x1c */
	u8 __pad[0x268];
} __packed;
static_assert(sizeof(struct agx_fw_vertex_params1_g13) == 0x384);	/* fw/vertex.rs */
static_assert(offsetof(struct agx_fw_vertex_params1_g13, unk_4c) == 0x4c);
static_assert(offsetof(struct agx_fw_vertex_params1_g13, vdm_ctrl_stream_base) == 0x90);
static_assert(offsetof(struct agx_fw_vertex_params1_g13, unk_ac) == 0xac);
static_assert(offsetof(struct agx_fw_vertex_params1_g13, unk_f0) == 0xf0);
static_assert(offsetof(struct agx_fw_vertex_params1_g13, unk_118) == 0x118);

/*
 * RunVertex JobParameters1, G14: the nine G13-only u64s are absent and the rest moves
 * down (the names no longer match the offsets); the pad grows by 8 * 9.
 */
struct agx_fw_vertex_params1_g14 {
	u64 unk_0;
	u32 unk_8;
	u32 unk_c;
	u64 tvb_tilemap;	/* 0x10 */
	u64 tpc;		/* 0x18 */
	u64 tvb_heapmeta;	/* 0x20 */
	u64 iogpu_unk_54;
	u64 iogpu_unk_56;
	u32 utile_config;	/* 0x38 */
	u32 unk_4c;
	u64 ppp_multisamplectl;	/* 0x40 */
	u64 tvb_layermeta;
	u64 preempt_buf1;	/* 0x50 */
	u64 preempt_buf2;
	u64 unk_80;		/* 0x60 */
	u64 preempt_buf3;
	u64 vdm_ctrl_stream_base;	/* 0x70 */
	u64 unk_b0[6];
	u64 usc_exec_base_ta;	/* 0xa8 */
	u64 unk_f8;		/* 0xb0 */
	u32 helper_program;	/* 0xb8 */
	u32 unk_104;
	u64 helper_arg;		/* 0xc0 */
	u64 unk_110;
	u32 unk_118;		/* 0xd0 */
	u8 __pad[8 * 9 + 0x268];
} __packed;
static_assert(sizeof(struct agx_fw_vertex_params1_g14) == 0x384);	/* fw/vertex.rs */
static_assert(offsetof(struct agx_fw_vertex_params1_g14, vdm_ctrl_stream_base) == 0x70);
static_assert(offsetof(struct agx_fw_vertex_params1_g14, usc_exec_base_ta) == 0xa8);
static_assert(offsetof(struct agx_fw_vertex_params1_g14, unk_118) == 0xd0);

/* fw/vertex.rs raw::JobParameters2: 0xa0 bytes (unk_480 sits at 0x488 before 13.0b4) */
struct agx_fw_vertex_params2 {
	u32 unk_480[4];
	u64 unk_498;		/* 0x10 */
	u32 unk_4a0;
	u64 preempt_buf1;	/* 0x1c */
	u32 unk_4ac;
	u64 unk_4b0;		/* 0x28 */
	u32 unk_4b8;
	u64 unk_4bc;		/* 0x34 */
	u8 unk_4c4_padding[0x48];
	u32 unk_50c;		/* 0x84 */
	u64 unk_510;
	u64 unk_518;
	u64 unk_520;		/* 0x98 */
} __packed;
static_assert(sizeof(struct agx_fw_vertex_params2) == 0xa0);	/* fw/vertex.rs */
static_assert(offsetof(struct agx_fw_vertex_params2, unk_50c) == 0x84);

/*
 * RunVertex (fw/vertex.rs raw::RunVertex, G < G14X, V >= 13.0b4): 0x608 bytes. m1n1's
 * WorkCommandTA parses 0x18 bytes more (the Rust driver's "alignment, handled by the
 * allocator"): the driver allocates and zeroes AGX_FW_RUN_TAIL bytes after every Run*.
 * The microsequence's StartVertex points at job_params1, tiling_params,
 * unk_pointee and unk_buf_0, FinalizeVertex at unk_pointee, the Timestamp ops at cur_ts,
 * start_ts / end_ts and unk_ts. The pre-13.0b4 names unk_55c, unk_560 and unk_568 sit
 * 0xc bytes before them (an older, longer EncoderParams).
 */
struct agx_fw_run_vertex {
	u32 tag;		/* AGX_CMD_RUN_VERTEX */
	u64 counter;		/* 0x004: the queue's command counter (fragment + 1) */
	u32 vm_slot;		/* 0x00c */
	u32 unk_8;
	u64 notifier;		/* 0x014 */
	u32 buffer_slot;	/* 0x01c */
	u32 unk_1c;		/* 0x020 (the name matches no layout) */
	u64 buffer;		/* 0x024: buffer::Info */
	u64 scene;		/* 0x02c: buffer::Scene */
	u64 unk_buffer_buf;	/* 0x034: the buffer's kernel buffer */
	u32 unk_34;
	union {
		struct agx_fw_vertex_params1_g13 g13;
		struct agx_fw_vertex_params1_g14 g14;
	} __packed job_params1;	/* 0x040 */
	struct agx_fw_tiling_params tiling_params;	/* 0x3c4 */
	u64 tpc;		/* 0x464 */
	u64 tpc_size;		/* 0x46c: bytes */
	u64 microsequence;	/* 0x474 */
	u32 microsequence_size;	/* 0x47c */
	u32 fragment_stamp_slot;	/* 0x480 */
	u32 fragment_stamp_value;	/* 0x484 */
	u32 unk_pointee;	/* 0x488 */
	u32 unk_pad;
	struct agx_fw_vertex_params2 job_params2;	/* 0x490 */
	struct agx_fw_encoder_params encoder_params;	/* 0x530 */
	u32 unk_55c;		/* 0x558 */
	u32 unk_560;
	u32 sync_grow;
	u32 unk_568;
	u32 uses_scratch;	/* 0x568: DRM_ASAHI_RENDER_VERTEX_SCRATCH */
	struct agx_fw_job_meta meta;	/* 0x56c */
	u32 unk_after_meta;	/* 0x598 */
	u64 unk_buf_0;		/* 0x59c */
	u64 unk_buf_8;
	u64 unk_buf_10;
	u64 cur_ts;		/* 0x5b4 (command_time), written by the firmware */
	u64 start_ts;		/* 0x5bc: where the start time goes, 0 for none */
	u64 end_ts;		/* 0x5c4 */
	u32 unk_5c4;		/* 0x5cc: user_timestamp_pointers in the newest snapshot */
	u32 unk_5c8;
	u32 unk_5cc;
	u32 unk_5d0;
	u8 client_sequence;	/* 0x5dc: queue id & 0xff */
	u8 pad_5d5[3];
	u32 unk_5d8;		/* 0x5e0 */
	u8 unk_5dc;
	u64 unk_ts;		/* 0x5e5 (U64, unaligned) */
	u8 unk_5dd_8[0x1b];
} __packed;
static_assert(sizeof(struct agx_fw_run_vertex) == 0x608);	/* fw/vertex.rs RunVertex */
static_assert(offsetof(struct agx_fw_run_vertex, notifier) == 0x14);
static_assert(offsetof(struct agx_fw_run_vertex, unk_34) == 0x3c);	/* 0x34 + counter */
static_assert(offsetof(struct agx_fw_run_vertex, job_params1) == 0x40);
static_assert(offsetof(struct agx_fw_run_vertex, tiling_params) == 0x3c4);
static_assert(offsetof(struct agx_fw_run_vertex, microsequence) == 0x474);
static_assert(offsetof(struct agx_fw_run_vertex, fragment_stamp_slot) == 0x480);
static_assert(offsetof(struct agx_fw_run_vertex, fragment_stamp_value) == 0x484);
static_assert(offsetof(struct agx_fw_run_vertex, unk_pointee) == 0x488);
static_assert(offsetof(struct agx_fw_run_vertex, job_params2) == 0x490);
static_assert(offsetof(struct agx_fw_run_vertex, encoder_params) == 0x530);
static_assert(offsetof(struct agx_fw_run_vertex, meta) == 0x56c);
static_assert(offsetof(struct agx_fw_run_vertex, unk_buf_0) == 0x59c);
static_assert(offsetof(struct agx_fw_run_vertex, cur_ts) == 0x5b4);
static_assert(offsetof(struct agx_fw_run_vertex, unk_5d8) == 0x5e0);	/* 0x5d8 + counter */
static_assert(offsetof(struct agx_fw_run_vertex, unk_ts) == 0x5e5);

/* fw/fragment.rs ClearPipelineBinding (BackgroundProgram): 0x10 bytes */
struct agx_fw_bg_program {
	u64 rsrc_spec;
	u64 address;		/* uAPI bg.usc */
} __packed;
static_assert(sizeof(struct agx_fw_bg_program) == 0x10);

/* fw/fragment.rs StorePipelineBinding (EotProgram): 0x20 bytes */
struct agx_fw_eot_program {
	u64 unk_0;
	u32 unk_8;
	u32 rsrc_spec;		/* 0x0c */
	u32 unk_10;
	u32 address;		/* 0x14: uAPI eot.usc */
	u32 unk_18;
	u32 unk_1c_padding;
} __packed;
static_assert(sizeof(struct agx_fw_eot_program) == 0x20);
static_assert(offsetof(struct agx_fw_eot_program, address) == 0x14);

/* fw/fragment.rs ArrayAddr: 0x10 bytes */
struct agx_fw_array_addr {
	u64 ptr;
	u64 unk_padding;
} __packed;
static_assert(sizeof(struct agx_fw_array_addr) == 0x10);

/* fw/fragment.rs AuxFBInfo, V >= 13.0b4 (unk3): 0x18 bytes */
struct agx_fw_aux_fb_info {
	u32 isp_ctl;		/* AGX_ISP_CTL_BASE | DRM_ASAHI_RENDER_DBIAS_IS_INT */
	u32 unk2;
	u32 width;
	u32 height;
	u64 unk3;		/* 0x10: AGX_AUX_FB_UNK3 */
} __packed;
static_assert(sizeof(struct agx_fw_aux_fb_info) == 0x18);

/* The depth and stencil buffers of RunFragment JobParameters1 (fw/fragment.rs): 0x20 bytes */
struct agx_fw_zls_ptrs {
	u64 z_load;
	u64 z_store;
	u64 s_load;
	u64 s_store;
} __packed;
static_assert(sizeof(struct agx_fw_zls_ptrs) == 0x20);

/*
 * The depth and stencil buffers' strides and compression pointers of RunFragment JobParameters1
 * (fw/fragment.rs, from z_load_stride), the same on G13 and G14: 0x60 bytes.
 */
struct agx_fw_zls_strides {
	u64 z_load_stride;
	u64 z_store_stride;
	u64 s_load_stride;
	u64 s_store_stride;
	u64 z_load_comp;	/* 0x20 */
	u64 z_load_comp_stride;
	u64 z_store_comp;
	u64 z_store_comp_stride;
	u64 s_load_comp;	/* 0x40 */
	u64 s_load_comp_stride;
	u64 s_store_comp;
	u64 s_store_comp_stride;
} __packed;
static_assert(sizeof(struct agx_fw_zls_strides) == 0x60);

/*
 * The tail of RunFragment JobParameters1 after the depth/stencil fields, the same on G13
 * and G14 (fw/fragment.rs, from tvb_tilemap to unk_160): 0x90 bytes.
 */
struct agx_fw_frag_params1_tail {
	u64 tvb_tilemap;
	u64 tvb_layermeta;	/* tvb_heapmeta + 0x200 */
	u64 mtile_stride_dwords;	/* (4 * rgn_size) << 24 */
	u64 tvb_heapmeta;
	u64 tile_config;	/* 0x20 */
	u64 aux_fb;		/* AGX_AUX_FB_SIZE bytes in the user VM */
	u64 unk_108[6];
	u64 usc_exec_base_isp;	/* 0x60 */
	u64 unk_140;		/* 0x8c60 */
	u32 helper_program;	/* 0x70: uAPI fragment_helper.binary */
	u32 unk_14c;
	u64 helper_arg;		/* 0x78 */
	u64 unk_158;		/* 0x1c */
	u64 unk_160;
} __packed;
static_assert(sizeof(struct agx_fw_frag_params1_tail) == 0x90);

/*
 * RunFragment JobParameters1 (fw/fragment.rs), G13: 0x348 bytes. The names unk_4 and
 * unk_108..unk_160 are their offsets on G13.
 */
struct agx_fw_frag_params1_g13 {
	u32 utile_config;
	u32 unk_4;
	struct agx_fw_bg_program bg;	/* 0x08 */
	u64 ppp_multisamplectl;	/* 0x18 */
	u64 isp_scissor_base;
	u64 isp_dbias_base;	/* 0x28 */
	struct agx_fw_aux_fb_info aux_fb_info;	/* 0x30 */
	u64 isp_zls_pixels;	/* 0x48 */
	u64 isp_oclqry_base;
	u64 zls_ctrl;		/* 0x58 */
	struct agx_fw_zls_ptrs zs;	/* 0x60 */
	struct agx_fw_zls_strides zls;	/* 0x80 */
	struct agx_fw_frag_params1_tail tail;	/* 0xe0 */
	u8 __pad[0x1d8];
} __packed;
static_assert(sizeof(struct agx_fw_frag_params1_g13) == 0x348);	/* fw/fragment.rs */
static_assert(offsetof(struct agx_fw_frag_params1_g13, zs.z_load) == 0x60);
static_assert(offsetof(struct agx_fw_frag_params1_g13, tail.unk_108) == 0x110);
static_assert(offsetof(struct agx_fw_frag_params1_g13, tail.unk_160) == 0x168);

/*
 * RunFragment JobParameters1, G14: unk_58_g14_0/8 before the depth/stencil pointers and
 * 0x20 bytes after them (G14 only); the rest 0x30 bytes later, the pad 0x30 shorter.
 */
struct agx_fw_frag_params1_g14 {
	u32 utile_config;
	u32 unk_4;
	struct agx_fw_bg_program bg;
	u64 ppp_multisamplectl;
	u64 isp_scissor_base;
	u64 isp_dbias_base;
	struct agx_fw_aux_fb_info aux_fb_info;
	u64 isp_zls_pixels;
	u64 isp_oclqry_base;
	u64 zls_ctrl;		/* 0x58 */
	u64 unk_58_g14_0;	/* 0x60: AGX_FRAG_G14_UNK */
	u64 unk_58_g14_8;
	struct agx_fw_zls_ptrs zs;	/* 0x70 */
	u8 unk_68_g14_0[0x20];	/* 0x90 (the name matches no layout) */
	struct agx_fw_zls_strides zls;	/* 0xb0 */
	struct agx_fw_frag_params1_tail tail;	/* 0x110 */
	u8 __pad[0x1a8];
} __packed;
static_assert(sizeof(struct agx_fw_frag_params1_g14) == 0x348);	/* fw/fragment.rs */
static_assert(offsetof(struct agx_fw_frag_params1_g14, zs.z_load) == 0x70);
static_assert(offsetof(struct agx_fw_frag_params1_g14, zls) == 0xb0);
static_assert(offsetof(struct agx_fw_frag_params1_g14, tail.usc_exec_base_isp) == 0x170);

/* RunFragment JobParameters2 (fw/fragment.rs): 0xf0 bytes */
struct agx_fw_frag_params2 {
	u32 eot_rsrc_spec;
	u32 eot_usc;
	u32 unk_8;
	u32 unk_c;
	u32 isp_merge_upper_x;	/* 0x10: f32 bits */
	u32 isp_merge_upper_y;
	u64 unk_18;
	u16 utiles_per_mtile_y;	/* 0x20 */
	u16 utiles_per_mtile_x;
	u32 unk_24;
	u32 tile_counts;	/* 0x28 */
	u32 tib_blocks;
	u32 isp_bgobjdepth;	/* 0x30 */
	u32 isp_bgobjvals;	/* | AGX_FRAG_G13_BGOBJVALS on G13 */
	u32 unk_38;
	u32 unk_3c;		/* 1 */
	u32 helper_cfg;		/* 0x40 */
	u8 __pad[0xac];
} __packed;
static_assert(sizeof(struct agx_fw_frag_params2) == 0xf0);	/* fw/fragment.rs */
static_assert(offsetof(struct agx_fw_frag_params2, unk_3c) == 0x3c);

/*
 * RunFragment JobParameters3 (fw/fragment.rs, V >= 13.0b4): 0x2b8 bytes. The names
 * unk_118..unk_388 are offsets from JobParameters2 before 13.0b4 (aux_fb_info.unk3 and
 * unk_390_0 came later).
 */
struct agx_fw_frag_params3 {
	struct agx_fw_array_addr isp_dbias_base;
	struct agx_fw_array_addr isp_scissor_base;	/* 0x010 */
	u64 isp_oclqry_base;	/* 0x020 */
	u64 unk_118;
	u64 unk_120[0x25];	/* 0x030 */
	struct agx_fw_bg_program unk_partial_bg;	/* 0x158 */
	u64 unk_258;
	u64 unk_260;
	u64 unk_268;
	u64 unk_270;
	struct agx_fw_bg_program partial_bg;	/* 0x188 */
	u64 zls_ctrl;		/* 0x198 */
	u64 unk_290;		/* AGX_FRAG_G14_UNK on G14 */
	u64 z_load;		/* 0x1a8 */
	u64 z_partial_stride;
	u64 z_partial_comp_stride;
	u64 z_store;		/* 0x1c0 */
	u64 z_partial;
	u64 z_partial_comp;
	u64 s_load;		/* 0x1d8 */
	u64 s_partial_stride;
	u64 s_partial_comp_stride;
	u64 s_store;		/* 0x1f0 */
	u64 s_partial;
	u64 s_partial_comp;
	u64 unk_2f8[2];		/* 0x208 */
	u32 tib_blocks;		/* 0x218 */
	u32 unk_30c;
	struct agx_fw_aux_fb_info aux_fb_info;	/* 0x220 */
	u64 tile_config;	/* 0x238 */
	u8 unk_328_padding[8];
	struct agx_fw_eot_program unk_partial_eot;	/* 0x248 */
	struct agx_fw_eot_program partial_eot;	/* 0x268 */
	u32 isp_bgobjdepth;	/* 0x288 */
	u32 isp_bgobjvals;
	u32 sample_size;	/* 0x290: uAPI sample_size_B */
	u32 unk_37c;
	u64 unk_380;
	u64 unk_388;
	u64 unk_390_0;		/* 0x2a8 */
	u64 isp_zls_pixels;	/* 0x2b0 */
} __packed;
static_assert(sizeof(struct agx_fw_frag_params3) == 0x2b8);	/* fw/fragment.rs */
static_assert(offsetof(struct agx_fw_frag_params3, unk_partial_bg) == 0x158);
static_assert(offsetof(struct agx_fw_frag_params3, zls_ctrl) == 0x198);
static_assert(offsetof(struct agx_fw_frag_params3, aux_fb_info) == 0x220);
static_assert(offsetof(struct agx_fw_frag_params3, sample_size) == 0x290);
static_assert(offsetof(struct agx_fw_frag_params3, isp_zls_pixels) == 0x2b0);

/*
 * RunFragment (fw/fragment.rs raw::RunFragment, G < G14X, V >= 13.3): 0x96c bytes (the
 * newest m1n1 tracer parses 8 bytes more, covered by AGX_FW_RUN_TAIL).
 * StartFragment points at job_params1, job_params2, busy_flag, tvb_overflow_count,
 * unk_pointee, unk_758_flag, unk_buf_0 and the command itself (work_item);
 * FinalizeFragment at unk_pointee, busy_flag, unk_758_flag and the command. unk_v13_3 is
 * the V13.3 word; the names from unk_758_flag on are 0x18 (0x1c from meta) bytes before
 * their place.
 */
struct agx_fw_run_fragment {
	u32 tag;		/* AGX_CMD_RUN_FRAGMENT */
	u64 counter;		/* 0x004 */
	u32 vm_slot;		/* 0x00c */
	u32 unk_8;
	u64 microsequence;	/* 0x014 */
	u32 microsequence_size;
	u64 notifier;		/* 0x020 */
	u64 buffer;		/* 0x028: buffer::Info */
	u64 scene;		/* 0x030 */
	u64 unk_buffer_buf;	/* 0x038 */
	u64 tvb_tilemap;	/* 0x040 */
	u64 ppp_multisamplectl;	/* 0x048 */
	u32 samples;		/* 0x050 */
	u16 tiles_per_mtile_y;
	u16 tiles_per_mtile_x;
	u64 unk_50;		/* 0x058 */
	u64 unk_58;
	u32 isp_merge_upper_x;	/* 0x068 */
	u32 isp_merge_upper_y;
	u64 unk_68;		/* 0x070 */
	u64 tile_count;		/* 0x078 */
	union {
		struct agx_fw_frag_params1_g13 g13;
		struct agx_fw_frag_params1_g14 g14;
	} __packed job_params1;	/* 0x080 */
	struct agx_fw_frag_params2 job_params2;	/* 0x3c8 */
	struct agx_fw_frag_params3 job_params3;	/* 0x4b8 */
	u32 unk_758_flag;	/* 0x770 */
	u32 unk_75c_flag;
	u8 unk_buf[0x110];	/* 0x778 */
	u32 busy_flag;		/* 0x888 */
	u32 tvb_overflow_count;	/* 0x88c */
	u32 unk_878;
	struct agx_fw_encoder_params encoder_params;	/* 0x894 */
	u32 process_empty_tiles;	/* 0x8bc */
	u32 no_clear_pipeline_textures;	/* 1 ("TODO" in render.rs) */
	u32 msaa_zs;
	u32 unk_pointee;	/* 0x8c8 */
	u32 unk_v13_3;		/* 0x8cc: V >= 13.3 */
	struct agx_fw_job_meta meta;	/* 0x8d0 */
	u32 unk_after_meta;	/* 0x8fc */
	u64 unk_buf_0;		/* 0x900 */
	u64 unk_buf_8;
	u64 unk_buf_10;		/* 1 below G14X */
	u64 cur_ts;		/* 0x918 (command_time), written by the firmware */
	u64 start_ts;		/* 0x920 */
	u64 end_ts;		/* 0x928 */
	u32 unk_914;		/* 0x930: user_timestamp_pointers in the newest snapshot */
	u64 unk_918;		/* 0x934 (U64) */
	u32 unk_920;
	u8 client_sequence;	/* 0x940 */
	u8 pad_925[3];
	u32 unk_928;		/* 0x944 */
	u8 unk_92c;		/* 0x948 */
	u64 unk_ts;		/* 0x949 (U64, unaligned) */
	u8 unk_92d_8[0x1b];
} __packed;
static_assert(sizeof(struct agx_fw_run_fragment) == 0x96c);	/* fw/fragment.rs RunFragment */
static_assert(offsetof(struct agx_fw_run_fragment, microsequence) == 0x14);
static_assert(offsetof(struct agx_fw_run_fragment, notifier) == 0x20);
static_assert(offsetof(struct agx_fw_run_fragment, unk_68) == 0x70);	/* 0x68 + counter */
static_assert(offsetof(struct agx_fw_run_fragment, job_params1) == 0x80);
static_assert(offsetof(struct agx_fw_run_fragment, job_params2) == 0x3c8);
static_assert(offsetof(struct agx_fw_run_fragment, job_params3) == 0x4b8);
static_assert(offsetof(struct agx_fw_run_fragment, unk_758_flag) == 0x770);
static_assert(offsetof(struct agx_fw_run_fragment, busy_flag) == 0x888);
static_assert(offsetof(struct agx_fw_run_fragment, encoder_params) == 0x894);
static_assert(offsetof(struct agx_fw_run_fragment, unk_pointee) == 0x8c8);
static_assert(offsetof(struct agx_fw_run_fragment, meta) == 0x8d0);
static_assert(offsetof(struct agx_fw_run_fragment, cur_ts) == 0x918);
static_assert(offsetof(struct agx_fw_run_fragment, unk_928) == 0x944);	/* 0x928 + 0x1c */
static_assert(offsetof(struct agx_fw_run_fragment, unk_ts) == 0x949);

/**
 * agx_fw_run_size() - the size of a Run* command in memory
 * @tag: AGX_CMD_RUN_VERTEX, AGX_CMD_RUN_FRAGMENT or AGX_CMD_RUN_COMPUTE.
 *
 * The driver allocates by it; the simulator bounds the Timestamp ops' update_ts by it.
 *
 * Context: any.
 * Return: bytes.
 */
static inline size_t agx_fw_run_size(u32 tag)
{
	return tag == AGX_CMD_RUN_VERTEX ? sizeof(struct agx_fw_run_vertex) :
	       tag == AGX_CMD_RUN_FRAGMENT ? sizeof(struct agx_fw_run_fragment) :
	       sizeof(struct agx_fw_run_compute);
}

#endif /* _AGX_FW_RENDER_H_ */
