/* SPDX-License-Identifier: GPL-2.0 */
/* driver/drm/agx_drm_drv.c: the device, its files, GET_PARAMS, GET_TIME. */
#ifndef _DRIVER_DRM_AGX_DRM_DRV_H_
#define _DRIVER_DRM_AGX_DRM_DRV_H_

#include <linux/types.h>

struct agx_gpu;
struct device;

extern bool agx_drm_enabled;
int agx_drm_register(struct device *dev, struct agx_gpu *gpu);
void agx_drm_unregister(struct device *dev);

#endif /* _DRIVER_DRM_AGX_DRM_DRV_H_ */
