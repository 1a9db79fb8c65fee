/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/queue/render.c: RunVertex and RunFragment from a render payload; called by
 * queue.c (and its geometry check by driver/drm), calls nothing of driver/queue.
 */
#ifndef _DRIVER_QUEUE_RENDER_H_
#define _DRIVER_QUEUE_RENDER_H_

#include <linux/types.h>
#include <uapi/drm/asahi_drm.h>
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
};

int agx_render_geometry_check(const struct drm_asahi_cmd_render *r);
void agx_render_tiling(const struct drm_asahi_cmd_render *r, struct agx_tiling *t);
void agx_render_fill_vertex(const struct agx_render_cmd *c, u32 frag_slot, u32 frag_value,
			    struct agx_fw_run_vertex *v);
void agx_render_fill_fragment(const struct agx_render_cmd *c, struct agx_fw_run_fragment *f);

#endif /* _DRIVER_QUEUE_RENDER_H_ */
