/* SPDX-License-Identifier: GPL-2.0 */
/* driver/drm/queue.c: queues (QUEUE_CREATE, QUEUE_DESTROY). Documented where defined. */
#ifndef _DRIVER_DRM_QUEUE_H_
#define _DRIVER_DRM_QUEUE_H_

#include "agx_drm_types.h"

struct drm_device;
struct drm_file;

int agx_drm_queue_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_queue_destroy_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
struct agx_drm_queue *agx_drm_queue_lookup(struct agx_drm_file *afile, u32 id);
void agx_drm_queue_put(struct agx_drm_queue *queue);
void agx_drm_file_queues_fini(struct agx_drm_file *afile);

#endif /* _DRIVER_DRM_QUEUE_H_ */
