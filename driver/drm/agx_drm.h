/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko DRM device (driver/drm): the render node of each GPU and the Asahi uAPI
 * (include/uapi/drm/asahi_drm.h). See Documentation/agx-uapi.rst; every function is
 * documented where it is defined.
 */
#ifndef _AGX_DRM_H_
#define _AGX_DRM_H_

#include "agx_drm_types.h"

struct device;
struct drm_file;

/* agx_drm_drv.c: the device, its files, GET_PARAMS, GET_TIME */
extern bool agx_drm_enabled;
int agx_drm_register(struct device *dev, struct agx_gpu *gpu);
void agx_drm_unregister(struct device *dev);

/* gem.c: buffer objects */
int agx_drm_gem_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_gem_mmap_offset_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
struct agx_bo *agx_bo_lookup(struct drm_file *file, u32 handle);
void agx_bo_gpuva_lock(struct drm_gem_object *obj);
void agx_bo_gpuva_unlock(struct drm_gem_object *obj);
phys_addr_t agx_bo_gpu_page(struct agx_bo *bo, u64 offset);

/* vm.c: VMs and binds */
int agx_drm_vm_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_vm_destroy_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_vm_bind_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
struct agx_drm_vm *agx_drm_vm_lookup(struct agx_drm_file *afile, u32 id);
void agx_drm_vm_put(struct agx_drm_vm *vm);
void agx_drm_vm_unmap_bo(struct agx_drm_vm *vm, struct drm_gem_object *obj);
void agx_drm_file_vms_fini(struct agx_drm_file *afile);

/* queue.c: queues */
int agx_drm_queue_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_queue_destroy_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
struct agx_drm_queue *agx_drm_queue_lookup(struct agx_drm_file *afile, u32 id);
void agx_drm_queue_put(struct agx_drm_queue *queue);
void agx_drm_file_queues_fini(struct agx_drm_file *afile);

/* submit.c: SUBMIT */
int agx_drm_submit_ioctl(struct drm_device *drm, void *data, struct drm_file *file);

static inline struct agx_drm_dev *to_agx_drm_dev(struct drm_device *drm)
{
	return container_of(drm, struct agx_drm_dev, drm);
}

static inline struct agx_bo *to_agx_bo(struct drm_gem_object *obj)
{
	return container_of(obj, struct agx_bo, base);
}

#endif /* _AGX_DRM_H_ */
