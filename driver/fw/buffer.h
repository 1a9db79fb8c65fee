/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/buffer.c: the buffer manager (TVB buffers, scenes, slots); called by
 * workqueue.c and gpu.c, calls devctl and driver/mmu.
 */
#ifndef _DRIVER_FW_BUFFER_H_
#define _DRIVER_FW_BUFFER_H_

#include "agx_fw_types.h"

/**
 * struct agx_fw_scene_size - what a render's scene needs (queue/render.rs TileInfo)
 * @tilemap_size: bytes of the top-level tile map, every layer.
 * @tpc_size: bytes of the tail pointer cache, every layer.
 * @min_blocks: TVB blocks the render needs at least (min_tvb_blocks).
 * @layers: layers of the render pass (a layer meta follows the heap meta with two or more).
 *
 * On the caller's stack.
 */
struct agx_fw_scene_size {
	u64 tilemap_size;
	u64 tpc_size;
	u32 min_blocks;
	u32 layers;
};

void agx_bm_slots_init(struct agx_bm_slots *bm);
void agx_bm_slots_wake(struct agx_gpu *gpu);
void agx_bm_grow_request(struct agx_gpu *gpu, const struct agx_bm_grow *req);
struct agx_fw_buffer *agx_fw_buffer_create(struct agx_gpu *gpu, struct agx_heap *heap);
void agx_fw_buffer_put(struct agx_fw_buffer *buf);
u32 agx_fw_buffer_blocks(struct agx_fw_buffer *buf);
struct agx_fw_scene *agx_fw_scene_create(struct agx_fw_buffer *buf,
					 const struct agx_fw_scene_size *size);
struct agx_fw_scene *agx_fw_scene_get(struct agx_fw_scene *scene);
void agx_fw_scene_put(struct agx_fw_scene *scene);
void agx_fw_scene_init_buffer(struct agx_fw_scene *scene, u32 vm_slot, u32 stamp_value,
			      struct agx_fw_cmd_init_buffer *cmd);
void agx_fw_scene_commit(struct agx_fw_scene *scene);

#endif /* _DRIVER_FW_BUFFER_H_ */
