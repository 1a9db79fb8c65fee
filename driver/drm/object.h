/* SPDX-License-Identifier: GPL-2.0 */
/* driver/drm/object.c: timestamp objects (GEM_BIND_OBJECT). Documented where defined. */
#ifndef _DRIVER_DRM_OBJECT_H_
#define _DRIVER_DRM_OBJECT_H_

#include "agx_drm_types.h"

struct drm_device;
struct drm_file;

int agx_drm_gem_bind_object_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
struct agx_drm_object *agx_drm_object_lookup(struct agx_drm_file *afile, u32 handle);
void agx_drm_object_put(struct agx_drm_object *obj);
void agx_drm_object_put_async(struct agx_drm_object *obj);
u64 agx_drm_object_va(const struct agx_drm_object *obj, u64 offset);
u64 agx_drm_object_size(const struct agx_drm_object *obj);
void agx_drm_file_objects_fini(struct agx_drm_file *afile);
void agx_drm_objects_init(struct agx_drm_dev *adev);
void agx_drm_objects_fini(struct agx_drm_dev *adev);

#endif /* _DRIVER_DRM_OBJECT_H_ */
