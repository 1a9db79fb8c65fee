// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Render commands
 *
 * A render job is a RunVertex on the queue's vertex work queue and a RunFragment on its
 * fragment work queue (<agx/fw/render.h>). This file fills the two from the uAPI's render
 * payload (&struct drm_asahi_cmd_render) as queue/render.rs does for G13 and G14 firmware:
 *
 * - the tiling of the pass (agx_render_tiling(): 32x32-pixel tiles in 4x4 macrotiles,
 *   the utile size, the region size), which both commands carry;
 * - JobParameters1 in the layout's form (&agx_fw_layout.render_g14) with the values the
 *   layout names (tiling_control, the G14 words, the G13 background bits);
 * - the payload's registers passed through: control stream, helper programs, ZLS control
 *   and buffers, scissor / depth-bias / occlusion arrays, background and end-of-tile
 *   programs, merge bounds, sampler heap;
 * - the constants of queue/render.rs.
 *
 * - the buffer manager's objects (&struct agx_render_tvb, from the render's scene of
 *   driver/fw/buffer.c): buffer info and slot, scene, kernel buffer, TVB tile map, TPC,
 *   heap and layer meta, the preemption buffers, aux_fb.
 *
 * Left 0: the G13 cluster buffers (G13G and G14G have one cluster) and the core mask.
 *
 * Conventions in this file: the callers hold the queue's submit lock and give every value
 * that is not the payload's in &struct agx_render_cmd; nothing here allocates, sleeps or
 * calls back into queue.c.
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/string.h>

#include "render.h"

/* queue/render.rs constants (m1n1's WorkCommandTA dump has the same) */
#define AGX_VTX_UNK_8		0x1e3ce508	/* f32 1e-20 */
#define AGX_VTX_IOGPU_UNK_54	0x3a0012006b0003ULL
#define AGX_RENDER_UNK_F8	0x8c60
#define AGX_RENDER_UNK_1C	0x1c
#define AGX_TILING_UNK_4	0x88
#define AGX_TILING_UNK_24	0x100
#define AGX_TILING_UNK_28	0x8000
#define AGX_TILING_LAYERED	0xe000
#define AGX_TILE_CONFIG_BASE	0x280
#define AGX_TILE_CONFIG_LAYERED	BIT(0)
#define AGX_TILE_CONFIG_EMPTY	BIT(16)
#define AGX_TIB_BLOCK_SIZE	2048	/* bytes */
#define AGX_MTILES		16	/* 4x4 macrotiles */
#define AGX_LAYERMETA_OFFSET	AGX_HEAPMETA_SIZE

static bool agx_render_utile_ok(u32 w, u32 h)
{
	return (w == 32 && h == 32) || (w == 32 && h == 16) || (w == 16 && h == 16);
}

/**
 * agx_render_geometry_check() - can the firmware tile a render pass?
 * @r: the render payload.
 *
 * The geometry queue/render.rs accepts: 1..16384 pixels each way, 1..2048 layers, 1, 2 or 4
 * samples, utiles of 32x32, 32x16 or 16x16 pixels. The uAPI checks every command of a
 * submit with it before it pushes the first; agx_queue_submit() checks its descriptor.
 *
 * Context: any.
 * Return: 0, or -EINVAL for a geometry the firmware cannot tile.
 */
int agx_render_geometry_check(const struct drm_asahi_cmd_render *r)
{
	if (!r->width_px || r->width_px > AGX_RENDER_MAX_DIM || !r->height_px ||
	    r->height_px > AGX_RENDER_MAX_DIM || !r->layers || r->layers > AGX_RENDER_MAX_LAYERS ||
	    (r->samples != 1 && r->samples != 2 && r->samples != 4) ||
	    !agx_render_utile_ok(r->utile_width_px, r->utile_height_px))
		return -EINVAL;
	return 0;
}

/* TilingParameters tpc_stride: the TPC words of a macrotile (8 bytes per utile) */
static u32 agx_tpc_stride(const struct agx_tiling *t)
{
	return 8 * t->utiles_x * t->utiles_y * t->tpm_x * t->tpm_y / 4;
}

/**
 * agx_render_tiling() - tile a render pass (queue/render.rs get_tiling_params)
 * @r: the render payload, whose geometry agx_render_geometry_check() accepted.
 * @t: filled.
 *
 * Context: any.
 */
void agx_render_tiling(const struct drm_asahi_cmd_render *r, struct agx_tiling *t)
{
	u32 utiles;

	t->tiles_x = DIV_ROUND_UP(r->width_px, AGX_TILE_SIZE_PX);
	t->tiles_y = DIV_ROUND_UP(r->height_px, AGX_TILE_SIZE_PX);
	t->tpm_x = ALIGN(DIV_ROUND_UP(t->tiles_x, 4), 4);
	t->tpm_y = ALIGN(DIV_ROUND_UP(t->tiles_y, 4), 4);
	t->utiles_x = AGX_TILE_SIZE_PX / r->utile_width_px;
	t->utiles_y = AGX_TILE_SIZE_PX / r->utile_height_px;
	utiles = t->utiles_x * t->utiles_y;
	t->rgn_size = ALIGN(5 * t->tpm_x * t->tpm_y * utiles, 4) / 4;
	t->utile_config = (r->utile_width_px / 16) << 12 | (r->utile_height_px / 16) << 14 |
			  ilog2(r->samples);
	t->tile_config = AGX_TILE_CONFIG_BASE | (r->layers > 1 ? AGX_TILE_CONFIG_LAYERED : 0);
	if (r->flags & DRM_ASAHI_RENDER_PROCESS_EMPTY_TILES)
		t->tile_config |= AGX_TILE_CONFIG_EMPTY;
	t->tib_blocks = DIV_ROUND_UP((u32)r->sample_size_B * r->utile_width_px *
				     r->utile_height_px * r->samples, AGX_TIB_BLOCK_SIZE);
	t->layers = r->layers;
	t->tilemap_size = (u64)4 * t->rgn_size * AGX_MTILES * r->layers;
	t->tpc_size = (u64)4 * agx_tpc_stride(t) * AGX_MTILES * r->layers;
	t->min_blocks = max(DIV_ROUND_UP(t->tiles_x * t->tiles_y, AGX_BM_TILES_PER_BLOCK),
			    AGX_BM_MIN_BLOCKS);
}

/* (tiles_y - 1) << 12 | (tiles_x - 1): te_screen and tile_counts */
static u32 agx_tile_counts(const struct agx_tiling *t)
{
	return (t->tiles_y - 1) << 12 | (t->tiles_x - 1);
}

/* te_mtile1 / te_mtile2 of @tpm tiles per macrotile */
static u32 agx_te_mtile(u32 tpm)
{
	return 3 * tpm | (2 * tpm) << 9 | tpm << 18;
}

static void agx_fill_tiling_params(const struct agx_render_cmd *c, struct agx_fw_tiling_params *p)
{
	const struct drm_asahi_cmd_render *r = c->render;
	const struct agx_tiling *t = c->tiling;

	p->rgn_size = t->rgn_size;
	p->unk_4 = AGX_TILING_UNK_4;
	p->ppp_ctrl = r->ppp_ctrl;
	p->x_max = r->width_px - 1;
	p->y_max = r->height_px - 1;
	p->te_screen = agx_tile_counts(t);
	p->te_mtile1 = agx_te_mtile(t->tpm_x);
	p->te_mtile2 = agx_te_mtile(t->tpm_y);
	p->tiles_per_mtile = t->tpm_x * t->tpm_y;
	p->tpc_stride = agx_tpc_stride(t);
	p->unk_24 = AGX_TILING_UNK_24;
	p->unk_28 = r->layers > 1 ? AGX_TILING_LAYERED | (r->layers - 1) : AGX_TILING_UNK_28;
	p->helper_cfg = r->vertex_helper.cfg;
}

/*
 * The fields both forms of RunVertex JobParameters1 have, with queue/render.rs's values.
 * A macro because the G13 and G14 forms place them differently.
 */
#define AGX_VTX_PARAMS1(p_, c_) do {						\
	typeof(p_) par = (p_);							\
	const struct agx_render_cmd *rc = (c_);					\
										\
	par->unk_0 = 0x200;							\
	par->unk_8 = AGX_VTX_UNK_8;						\
	par->unk_c = AGX_VTX_UNK_8;						\
	par->iogpu_unk_54 = AGX_VTX_IOGPU_UNK_54;				\
	par->iogpu_unk_56 = 1;							\
	par->utile_config = rc->tiling->utile_config;				\
	par->ppp_multisamplectl = rc->render->ppp_multisamplectl;		\
	par->unk_80 = 1;							\
	par->vdm_ctrl_stream_base = rc->ctrl_stream;				\
	par->usc_exec_base_ta = rc->usc_exec_base;				\
	par->unk_f8 = AGX_RENDER_UNK_F8;					\
	par->helper_program = rc->render->vertex_helper.binary;			\
	par->helper_arg = rc->render->vertex_helper.data;			\
	par->unk_118 = AGX_RENDER_UNK_1C;					\
	par->tvb_tilemap = rc->tvb->tilemap;					\
	par->tpc = rc->tvb->tpc;						\
	par->tvb_heapmeta = rc->tvb->heapmeta | AGX_TVB_HEAPMETA_FLAG;		\
	par->tvb_layermeta = rc->tvb->heapmeta + AGX_LAYERMETA_OFFSET;		\
	par->preempt_buf1 = rc->tvb->preempt;					\
	par->preempt_buf2 = rc->tvb->preempt + AGX_BM_PREEMPT1_SIZE;		\
	par->preempt_buf3 = (rc->tvb->preempt + AGX_BM_PREEMPT1_SIZE +		\
			     AGX_BM_PREEMPT2_SIZE) | AGX_BM_PREEMPT3_FLAG;	\
} while (0)

static void agx_fill_vertex_params1(const struct agx_render_cmd *c, struct agx_fw_run_vertex *v)
{
	struct agx_fw_vertex_params1_g13 *g13 = &v->job_params1.g13;
	struct agx_fw_vertex_params1_g14 *g14 = &v->job_params1.g14;

	if (c->layout->render_g14) {
		AGX_VTX_PARAMS1(g14, c);
		return;
	}
	AGX_VTX_PARAMS1(g13, c);
	/* one cluster: clustering off (bit 0 of tiling_control), no cluster buffers */
	g13->tiling_control = c->layout->tiling_control;
	g13->core_mask[0] = c->core_masks[0];	/* the core-mask registers (render.rs) */
	g13->core_mask[1] = c->core_masks[1];
	g13->unk_f0 = AGX_RENDER_UNK_1C;
}

/* EncoderParams of both render commands: the sampler heap of the pass, the mask all ones. */
static void agx_fill_encoder(const struct drm_asahi_cmd_render *r,
			     struct agx_fw_encoder_params *e)
{
	e->unk_mask = U32_MAX;
	e->sampler_array = r->sampler_heap;
	e->sampler_count = r->sampler_count;
	e->sampler_max = r->sampler_count + 1;
}

/**
 * agx_render_fill_vertex() - fill the RunVertex of a render
 * @c: the command's values.
 * @frag_slot: event slot of the render's fragment work queue.
 * @frag_value: the stamp value the fragment command will write.
 * @v: the command (its memory; every byte is written).
 *
 * Context: any (the caller holds the queue's submit lock).
 */
void agx_render_fill_vertex(const struct agx_render_cmd *c, u32 frag_slot, u32 frag_value,
			    struct agx_fw_run_vertex *v)
{
	const struct drm_asahi_cmd_render *r = c->render;

	memset(v, 0, sizeof(*v));
	v->tag = AGX_CMD_RUN_VERTEX;
	v->counter = c->counter;
	v->vm_slot = c->vm_slot;
	v->notifier = c->notifier;
	v->buffer_slot = c->tvb->slot;
	v->buffer = c->tvb->buffer;
	v->scene = c->tvb->scene;
	v->unk_buffer_buf = c->tvb->kbuf;
	agx_fill_vertex_params1(c, v);
	agx_fill_tiling_params(c, &v->tiling_params);
	v->tpc = c->tvb->tpc;
	v->tpc_size = c->tvb->tpc_size;
	v->microsequence = c->microsequence;
	v->microsequence_size = c->microsequence_size;
	v->job_params2.preempt_buf1 = c->tvb->preempt;
	v->fragment_stamp_slot = frag_slot;
	v->fragment_stamp_value = frag_value;
	agx_fill_encoder(r, &v->encoder_params);
	v->uses_scratch = !!(r->flags & DRM_ASAHI_RENDER_VERTEX_SCRATCH);
	v->meta = *c->meta;
	v->start_ts = c->start_ts;
	v->end_ts = c->end_ts;
	v->client_sequence = c->client_sequence;
}

/* The first 0x60 bytes of RunFragment JobParameters1, the same in both forms. */
static void agx_fill_frag_head(const struct agx_render_cmd *c, struct agx_fw_frag_params1_g13 *p)
{
	const struct drm_asahi_cmd_render *r = c->render;

	p->utile_config = c->tiling->utile_config;
	p->bg.rsrc_spec = r->bg.rsrc_spec;
	p->bg.address = r->bg.usc;
	p->ppp_multisamplectl = r->ppp_multisamplectl;
	p->isp_scissor_base = r->isp_scissor_base;
	p->isp_dbias_base = r->isp_dbias_base;
	p->isp_zls_pixels = r->isp_zls_pixels;
	p->isp_oclqry_base = r->isp_oclqry_base;
	p->zls_ctrl = r->zls_ctrl;
}

static void agx_fill_aux_fb_info(const struct drm_asahi_cmd_render *r,
				 struct agx_fw_aux_fb_info *a)
{
	a->isp_ctl = AGX_ISP_CTL_BASE | (r->flags & DRM_ASAHI_RENDER_DBIAS_IS_INT);
	a->width = r->width_px;
	a->height = r->height_px;
	a->unk3 = AGX_AUX_FB_UNK3;
}

/* Depth and stencil: the same buffer loaded and stored (the uAPI has one of each). */
static void agx_fill_zs(const struct drm_asahi_cmd_render *r, struct agx_fw_zls_ptrs *z)
{
	z->z_load = r->depth.base;
	z->z_store = r->depth.base;
	z->s_load = r->stencil.base;
	z->s_store = r->stencil.base;
}

static void agx_fill_zls(const struct drm_asahi_cmd_render *r, struct agx_fw_zls_strides *z)
{
	z->z_load_stride = r->depth.stride;
	z->z_store_stride = r->depth.stride;
	z->s_load_stride = r->stencil.stride;
	z->s_store_stride = r->stencil.stride;
	z->z_load_comp = r->depth.comp_base;
	z->z_load_comp_stride = r->depth.comp_stride;
	z->z_store_comp = r->depth.comp_base;
	z->z_store_comp_stride = r->depth.comp_stride;
	z->s_load_comp = r->stencil.comp_base;
	z->s_load_comp_stride = r->stencil.comp_stride;
	z->s_store_comp = r->stencil.comp_base;
	z->s_store_comp_stride = r->stencil.comp_stride;
}

static void agx_fill_frag_tail(const struct agx_render_cmd *c, struct agx_fw_frag_params1_tail *t)
{
	const struct drm_asahi_cmd_render *r = c->render;

	t->tvb_tilemap = c->tvb->tilemap;
	t->tvb_layermeta = c->tvb->heapmeta + AGX_LAYERMETA_OFFSET;
	t->mtile_stride_dwords = (u64)(4 * c->tiling->rgn_size) << 24;
	t->tvb_heapmeta = c->tvb->heapmeta;
	t->aux_fb = c->tvb->aux_fb;
	t->tile_config = c->tiling->tile_config;
	t->usc_exec_base_isp = c->usc_exec_base;
	t->unk_140 = AGX_RENDER_UNK_F8;
	t->helper_program = r->fragment_helper.binary;
	t->helper_arg = r->fragment_helper.data;
	t->unk_158 = AGX_RENDER_UNK_1C;
}

/* RunFragment JobParameters1 in the layout's form. */
static void agx_fill_frag_params1(const struct agx_render_cmd *c, struct agx_fw_run_fragment *f)
{
	const struct drm_asahi_cmd_render *r = c->render;
	struct agx_fw_frag_params1_g13 *g13 = &f->job_params1.g13;
	struct agx_fw_frag_params1_g14 *g14 = &f->job_params1.g14;

	/* the head (0x60 bytes) is the same in both forms */
	agx_fill_frag_head(c, g13);
	agx_fill_aux_fb_info(r, &g13->aux_fb_info);
	if (!c->layout->render_g14) {
		agx_fill_zs(r, &g13->zs);
		agx_fill_zls(r, &g13->zls);
		agx_fill_frag_tail(c, &g13->tail);
		return;
	}
	g14->unk_58_g14_0 = c->layout->frag_g14_unk;
	agx_fill_zs(r, &g14->zs);
	agx_fill_zls(r, &g14->zls);
	agx_fill_frag_tail(c, &g14->tail);
}

/* RunFragment JobParameters2: end of tile, merge bounds, utiles, background values. */
static void agx_fill_frag_params2(const struct agx_render_cmd *c, struct agx_fw_frag_params2 *p)
{
	const struct drm_asahi_cmd_render *r = c->render;
	const struct agx_tiling *t = c->tiling;

	p->eot_rsrc_spec = r->eot.rsrc_spec;
	p->eot_usc = r->eot.usc;
	p->isp_merge_upper_x = r->isp_merge_upper_x;
	p->isp_merge_upper_y = r->isp_merge_upper_y;
	p->utiles_per_mtile_y = t->tpm_y * t->utiles_y;
	p->utiles_per_mtile_x = t->tpm_x * t->utiles_x;
	p->tile_counts = agx_tile_counts(t);
	p->tib_blocks = t->tib_blocks;
	p->isp_bgobjdepth = r->isp_bgobjdepth;
	p->isp_bgobjvals = r->isp_bgobjvals | c->layout->frag_bgobjvals_or;
	p->unk_3c = 1;
	p->helper_cfg = r->fragment_helper.cfg;
}

static void agx_fill_eot(const struct drm_asahi_bg_eot *e, struct agx_fw_eot_program *p)
{
	p->rsrc_spec = e->rsrc_spec;
	p->address = e->usc;
}

/* RunFragment JobParameters3: the partial-render programs and buffers, the arrays again. */
static void agx_fill_frag_params3(const struct agx_render_cmd *c, struct agx_fw_frag_params3 *p)
{
	const struct drm_asahi_cmd_render *r = c->render;

	p->isp_dbias_base.ptr = r->isp_dbias_base;
	p->isp_scissor_base.ptr = r->isp_scissor_base;
	p->isp_oclqry_base = r->isp_oclqry_base;
	p->unk_partial_bg.rsrc_spec = r->partial_bg.rsrc_spec;
	p->unk_partial_bg.address = r->partial_bg.usc;
	p->partial_bg = p->unk_partial_bg;
	p->zls_ctrl = r->zls_ctrl;
	p->unk_290 = c->layout->frag_g14_unk;
	p->z_load = r->depth.base;
	p->z_partial_stride = r->depth.stride;
	p->z_partial_comp_stride = r->depth.comp_stride;
	p->z_store = r->depth.base;
	p->z_partial = r->depth.base;
	p->z_partial_comp = r->depth.comp_base;
	p->s_load = r->stencil.base;
	p->s_partial_stride = r->stencil.stride;
	p->s_partial_comp_stride = r->stencil.comp_stride;
	p->s_store = r->stencil.base;
	p->s_partial = r->stencil.base;
	p->s_partial_comp = r->stencil.comp_base;
	p->tib_blocks = c->tiling->tib_blocks;
	agx_fill_aux_fb_info(r, &p->aux_fb_info);
	p->tile_config = c->tiling->tile_config;
	agx_fill_eot(&r->partial_eot, &p->unk_partial_eot);
	agx_fill_eot(&r->partial_eot, &p->partial_eot);
	p->isp_bgobjdepth = r->isp_bgobjdepth;
	p->isp_bgobjvals = r->isp_bgobjvals;
	p->sample_size = r->sample_size_B;
	p->isp_zls_pixels = r->isp_zls_pixels;
}

/**
 * agx_render_fill_fragment() - fill the RunFragment of a render
 * @c: the command's values.
 * @f: the command (its memory; every byte is written).
 *
 * Context: any (the caller holds the queue's submit lock).
 */
void agx_render_fill_fragment(const struct agx_render_cmd *c, struct agx_fw_run_fragment *f)
{
	const struct drm_asahi_cmd_render *r = c->render;
	const struct agx_tiling *t = c->tiling;

	memset(f, 0, sizeof(*f));
	f->tag = AGX_CMD_RUN_FRAGMENT;
	f->counter = c->counter;
	f->vm_slot = c->vm_slot;
	f->microsequence = c->microsequence;
	f->microsequence_size = c->microsequence_size;
	f->notifier = c->notifier;
	f->buffer = c->tvb->buffer;
	f->scene = c->tvb->scene;
	f->unk_buffer_buf = c->tvb->kbuf;
	f->tvb_tilemap = c->tvb->tilemap;
	f->ppp_multisamplectl = r->ppp_multisamplectl;
	f->samples = r->samples;
	f->tiles_per_mtile_y = t->tpm_y;
	f->tiles_per_mtile_x = t->tpm_x;
	f->isp_merge_upper_x = r->isp_merge_upper_x;
	f->isp_merge_upper_y = r->isp_merge_upper_y;
	f->tile_count = t->tiles_x * t->tiles_y;
	agx_fill_frag_params1(c, f);
	agx_fill_frag_params2(c, &f->job_params2);
	agx_fill_frag_params3(c, &f->job_params3);
	agx_fill_encoder(r, &f->encoder_params);
	f->process_empty_tiles = !!(r->flags & DRM_ASAHI_RENDER_PROCESS_EMPTY_TILES);
	f->no_clear_pipeline_textures = 1;
	f->meta = *c->meta;
	f->unk_buf_10 = 1;
	f->start_ts = c->start_ts;
	f->end_ts = c->end_ts;
	f->client_sequence = c->client_sequence;
}
