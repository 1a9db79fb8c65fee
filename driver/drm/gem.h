/* SPDX-License-Identifier: GPL-2.0 */
/* driver/drm/gem.c: buffer objects (GEM_CREATE, GEM_MMAP_OFFSET). Documented where defined. */
#ifndef _DRIVER_DRM_GEM_H_
#define _DRIVER_DRM_GEM_H_

#include "agx_drm_types.h"

struct drm_device;
struct drm_file;

int agx_drm_gem_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_gem_mmap_offset_ioctl(struct drm_device *drm, void *data, struct drm_file *file);

#endif /* _DRIVER_DRM_GEM_H_ */
