/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/queue/render.c: RunVertex and RunFragment from a render payload; called by
 * queue.c (and its geometry check by driver/drm), calls nothing of driver/queue.
 */
#ifndef _DRIVER_QUEUE_RENDER_H_
#define _DRIVER_QUEUE_RENDER_H_

#include <linux/types.h>
#include <uapi/drm/asahi_drm.h>
#include <agx/fw/buffer.h>
#include <agx/fw/render.h>
#include <agx/fw/version.h>

/**
 * struct agx_tiling - how a render pass is tiled (queue/render.rs get_tiling_params)
 * @tiles_x: 32x32-pixel tiles across.
 * @tiles_y: tiles down.
 * @tpm_x: tiles per macrotile across (4x4 macrotiles, each a multiple of 4 tiles).
 * @tpm_y: tiles per macrotile down.
 * @utiles_x: utiles per tile across (32 / utile width).
 * @utiles_y: utiles per tile down.
 * @rgn_size: region size (TilingParameters rgn_size).
 * @utile_config: utile size and log2 of the samples (JobParameters1 utile_config).
 * @tile_config: layered / empty-tile bits (JobParameters1 tile_config).
 * @tib_blocks: tile-buffer blocks per utile.
 * @layers: layers of the pass.
 * @tilemap_size: bytes of the top-level tile map (4 * rgn_size per macrotile, 16
 *	macrotiles, every layer).
 * @tpc_size: bytes of the tail pointer cache (4 * tpc_stride per macrotile, the same).
 * @min_blocks: TVB blocks the pass needs at least: one per AGX_BM_TILES_PER_BLOCK tiles,
 *	at least AGX_BM_MIN_BLOCKS (one cluster).
 *
 * Computed by agx_render_tiling() on the caller's stack, once per render job.
 */
struct agx_tiling {
	u32 tiles_x;
	u32 tiles_y;
	u32 tpm_x;
	u32 tpm_y;
	u32 utiles_x;
	u32 utiles_y;
	u32 rgn_size;
	u32 utile_config;
	u64 tile_config;
	u32 tib_blocks;
	u32 layers;
	u64 tilemap_size;
	u64 tpc_size;
	u32 min_blocks;
};

/**
 * struct agx_render_tvb - the buffer manager's objects a render's commands point at
 * @slot: the buffer-manager slot.
 * @buffer: firmware VA of the buffer's Info.
 * @scene: firmware VA of the render's Scene.
 * @kbuf: firmware VA of the buffer's kernel buffer (unk_buffer_buf).
 * @tilemap: user VM VA of the tile map.
 * @tpc: user VM VA of the tail pointer cache.
 * @tpc_size: the bytes of it the render uses.
 * @heapmeta: user VM VA of the heap meta (the layer meta 0x200 bytes after it).
 * @preempt: user VM VA of the three preemption buffers.
 * @aux_fb: user VM VA of RunFragment's aux_fb.
 *
 * From the render's scene (driver/fw/buffer.c), on the command builder's stack.
 */
struct agx_render_tvb {
	u32 slot;
	u64 buffer;
	u64 scene;
	u64 kbuf;
	u64 tilemap;
	u64 tpc;
	u64 tpc_size;
	u64 heapmeta;
	u64 preempt;
	u64 aux_fb;
};

/**
 * struct agx_render_cmd - what a Run* command of a render takes besides the payload
 * @layout: the firmware/GPU combination (the JobParameters1 form and its values).
 * @render: the uAPI render payload (the caller's); its vdm_ctrl_stream_base is not read.
 * @ctrl_stream: the vertex control stream (user VM VA).
 * @tiling: its tiling (from agx_render_tiling()).
 * @vm_slot: the job's VM slot.
 * @counter: the queue's command counter of this command.
 * @notifier: firmware VA of the queue's Notifier.
 * @microsequence: firmware VA of the command's microsequence.
 * @microsequence_size: its bytes.
 * @meta: the job meta (slot, stamps, value), copied in.
 * @start_ts: firmware VA the start time goes to, 0 for none.
 * @end_ts: the same for the end time.
 * @client_sequence: the queue id's low byte.
 * @usc_exec_base: the queue's shader base (uAPI drm_asahi_queue_create.usc_exec_base).
 * @tvb: the buffer manager's objects.
 * @core_masks: the GPU's two core-mask registers (G13's RunVertex repeats them).
 *
 * On the stack of the queue's command builder; every pointer is the caller's.
 */
struct agx_render_cmd {
	const struct agx_fw_layout *layout;
	const struct drm_asahi_cmd_render *render;
	u64 ctrl_stream;
	const struct agx_tiling *tiling;
	u32 vm_slot;
	u64 counter;
	u64 notifier;
	u64 microsequence;
	u32 microsequence_size;
	const struct agx_fw_job_meta *meta;
	u64 start_ts;
	u64 end_ts;
	u8 client_sequence;
	u64 usc_exec_base;
	const struct agx_render_tvb *tvb;
	const u32 *core_masks;
};

int agx_render_geometry_check(const struct drm_asahi_cmd_render *r);
void agx_render_tiling(const struct drm_asahi_cmd_render *r, struct agx_tiling *t);
void agx_render_fill_vertex(const struct agx_render_cmd *c, u32 frag_slot, u32 frag_value,
			    struct agx_fw_run_vertex *v);
void agx_render_fill_fragment(const struct agx_render_cmd *c, struct agx_fw_run_fragment *f);

#endif /* _DRIVER_QUEUE_RENDER_H_ */
