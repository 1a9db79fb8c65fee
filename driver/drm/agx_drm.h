/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko DRM device (driver/drm): the render node of each GPU and the Asahi uAPI
 * (include/uapi/drm/asahi_drm.h). See Documentation/agx-uapi.rst; every function is
 * documented where it is defined.
 */
#ifndef _AGX_DRM_H_
#define _AGX_DRM_H_

#include <linux/mm.h>
#include <drm/drm_gem.h>

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

/**
 * agx_bo_lookup() - the BO of a GEM handle of a file
 * @file: the file.
 * @handle: the handle.
 *
 * Context: process context.
 * Return: the BO with a GEM reference (drop it with drm_gem_object_put()), or NULL if
 * @handle names no object of @file.
 */
static inline struct agx_bo *agx_bo_lookup(struct drm_file *file, u32 handle)
{
	struct drm_gem_object *obj = drm_gem_object_lookup(file, handle);

	return obj ? to_agx_bo(obj) : NULL;
}

/**
 * agx_bo_gpuva_lock() - lock a GEM object's list of VM mappings
 * @obj: the object; the caller holds a reference across the lock and the unlock.
 *
 * Context: process context; sleeps. Under a VM's lock (agx_drm_drv.c, "Locking").
 */
static inline void agx_bo_gpuva_lock(struct drm_gem_object *obj)
{
	mutex_lock(&to_agx_bo(obj)->gpuva_lock);
}

/**
 * agx_bo_gpuva_unlock() - unlock what agx_bo_gpuva_lock() locked
 * @obj: the object.
 *
 * Context: process context.
 */
static inline void agx_bo_gpuva_unlock(struct drm_gem_object *obj)
{
	mutex_unlock(&to_agx_bo(obj)->gpuva_lock);
}

/**
 * agx_bo_gpu_page() - physical address of the 16 KiB GPU page at an offset of a BO
 * @bo: the BO.
 * @offset: byte offset, 16 KiB aligned, below the BO's size.
 *
 * Context: any.
 * Return: the physical address (16 KiB aligned, 16 KiB contiguous).
 */
static inline phys_addr_t agx_bo_gpu_page(struct agx_bo *bo, u64 offset)
{
	return page_to_phys(bo->pages[offset >> PAGE_SHIFT]);
}

#endif /* _AGX_DRM_H_ */
