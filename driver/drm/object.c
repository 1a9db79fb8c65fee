// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Timestamp objects (GEM_BIND_OBJECT)
 *
 * GEM_BIND_OBJECT with BIND and %DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS maps a 16 KiB
 * aligned range of a BO into the GPU's kernel VM, in the range the Asahi driver keeps for
 * user timestamp buffers (asahi-agx-driver.md §3.3, AGX_KVA_TIMESTAMP_START..END),
 * firmware read/write and uncached, and names it with an object handle of the file
 * (asahi-uapi.md §3.7; not a GEM handle). A SUBMIT command's &struct drm_asahi_timestamp
 * is {object handle, byte offset}: the firmware's Timestamp ops write the start and end
 * GPU times (u64, &drm_asahi_params_global.command_timestamp_frequency_hz) there, and
 * userspace reads them through its CPU mapping of the BO (§4.7).
 *
 * Lifetime (&struct agx_drm_object): the file's handle is one reference, dropped by
 * UNBIND or file close; every job whose timestamps point into the object holds one until
 * its finished fence signals (submit.c). The mapping goes with the last reference, so
 * the firmware never writes to a range that was unmapped or reused while a job that
 * points there is in flight. The BO stays (a GEM reference) while it is mapped, whatever
 * happens to its GEM handle.
 */

#include <linux/slab.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <agx/uat.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "object.h"

/* The unmap: the firmware no longer reaches the pages once agx_vm_unmap() returns. */
static void agx_object_free(struct agx_drm_object *obj)
{
	struct agx_drm_dev *adev = obj->adev;

	agx_vm_unmap(adev->mmu->kernel_vm, obj->node.start, obj->node.size);
	mutex_lock(&adev->obj_lock);
	drm_mm_remove_node(&obj->node);
	mutex_unlock(&adev->obj_lock);
	drm_gem_object_put(&obj->bo->base);
	kfree(obj);
	drm_dev_put(&adev->drm);
}

static void agx_object_free_work(struct work_struct *work)
{
	agx_object_free(container_of(work, struct agx_drm_object, free_work));
}

static void agx_object_release(struct kref *ref)
{
	agx_object_free(container_of(ref, struct agx_drm_object, ref));
}

static void agx_object_release_async(struct kref *ref)
{
	struct agx_drm_object *obj = container_of(ref, struct agx_drm_object, ref);

	queue_work(obj->adev->gpu->wq, &obj->free_work);
}

/**
 * agx_drm_object_put() - drop a reference on a timestamp object
 * @obj: the object.
 *
 * The last reference unmaps the object from the kernel VM (its range is free again on
 * return) and drops its BO and device references.
 *
 * Context: process context; may sleep.
 */
void agx_drm_object_put(struct agx_drm_object *obj)
{
	kref_put(&obj->ref, agx_object_release);
}

/**
 * agx_drm_object_put_async() - drop a reference on a timestamp object, from any context
 * @obj: the object.
 *
 * As agx_drm_object_put(), but the last reference queues the unmap on the GPU's
 * workqueue (agx.ko drains it before it goes): for fence callbacks.
 *
 * Context: any; does not sleep.
 */
void agx_drm_object_put_async(struct agx_drm_object *obj)
{
	kref_put(&obj->ref, agx_object_release_async);
}

/**
 * agx_drm_object_lookup() - the timestamp object of an object handle of a file
 * @afile: the file.
 * @handle: the object handle (GEM_BIND_OBJECT's @object_handle).
 *
 * Context: process context.
 * Return: the object with a new reference (drop it with agx_drm_object_put()), or NULL if
 * @handle names no object of @afile.
 */
struct agx_drm_object *agx_drm_object_lookup(struct agx_drm_file *afile, u32 handle)
{
	struct agx_drm_object *obj;

	xa_lock(&afile->objects);
	obj = xa_load(&afile->objects, handle);
	if (obj)
		kref_get(&obj->ref);
	xa_unlock(&afile->objects);
	return obj;
}

/**
 * agx_drm_object_va() - the firmware VA of a byte of a timestamp object
 * @obj: the object; the caller holds a reference.
 * @offset: byte offset in the object, below its size.
 *
 * Context: any.
 * Return: the kernel VM (firmware) VA of that byte.
 */
u64 agx_drm_object_va(const struct agx_drm_object *obj, u64 offset)
{
	return obj->node.start + offset;
}

/**
 * agx_drm_object_size() - the size of a timestamp object
 * @obj: the object; the caller holds a reference.
 *
 * Context: any.
 * Return: its size in bytes (the @range it was bound with).
 */
u64 agx_drm_object_size(const struct agx_drm_object *obj)
{
	return obj->node.size;
}

/* Map BO bytes [offset, offset + node size) at the object's node, 16 KiB pages. */
static int agx_object_map(struct agx_drm_object *obj, u64 offset)
{
	unsigned long i, n = obj->node.size >> AGX_UAT_PGBIT;
	phys_addr_t *pages;
	int ret;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		pages[i] = agx_bo_gpu_page(obj->bo, offset + (i << AGX_UAT_PGBIT));
	ret = agx_vm_map_pages(obj->adev->mmu->kernel_vm, obj->node.start, pages, n,
			       AGX_PROT_FW_SHARED_RW);
	kvfree(pages);
	return ret;
}

/* A VA range of the timestamp range, then the mapping; consumes nothing on error. */
static int agx_object_place(struct agx_drm_object *obj, u64 offset, u64 range)
{
	struct agx_drm_dev *adev = obj->adev;
	int ret;

	mutex_lock(&adev->obj_lock);
	ret = drm_mm_insert_node_generic(&adev->obj_mm, &obj->node, range, AGX_UAT_PGSZ, 0,
					 DRM_MM_INSERT_BEST);
	mutex_unlock(&adev->obj_lock);
	if (ret)
		return ret;
	ret = agx_object_map(obj, offset);
	if (ret) {
		mutex_lock(&adev->obj_lock);
		drm_mm_remove_node(&obj->node);
		mutex_unlock(&adev->obj_lock);
	}
	return ret;
}

/* BIND: the checked range of @bo mapped, named in the file; consumes the BO reference. */
static int agx_object_create(struct agx_drm_dev *adev, struct agx_drm_file *afile,
			     struct agx_bo *bo, struct drm_asahi_gem_bind_object *args)
{
	struct agx_drm_object *obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	u32 id;
	int ret;

	if (!obj) {
		drm_gem_object_put(&bo->base);
		return -ENOMEM;
	}
	kref_init(&obj->ref);
	INIT_WORK(&obj->free_work, agx_object_free_work);
	obj->adev = adev;
	obj->bo = bo;
	ret = agx_object_place(obj, args->offset, args->range);
	if (ret) {
		drm_gem_object_put(&bo->base);
		kfree(obj);
		return ret;
	}
	drm_dev_get(&adev->drm);
	ret = xa_alloc(&afile->objects, &id, obj, xa_limit_32b, GFP_KERNEL);
	if (ret) {
		agx_drm_object_put(obj);
		return ret == -EBUSY ? -ENOSPC : ret;
	}
	args->object_handle = id;
	return 0;
}

/* The arguments of BIND (asahi-uapi.md §3.7, §4.5); the BO looked up with a reference. */
static int agx_object_bind(struct drm_device *drm, struct drm_asahi_gem_bind_object *args,
			   struct drm_file *file)
{
	struct agx_bo *bo;

	if (args->flags != DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS || !args->range ||
	    (args->offset | args->range) & AGX_UAT_PGMASK)
		return -EINVAL;
	bo = agx_bo_lookup(file, args->handle);
	if (!bo)
		return -ENOENT;
	/* a VM-private BO belongs to one VM; the firmware object is the device's (§4.7) */
	if (bo->flags & DRM_ASAHI_GEM_VM_PRIVATE || args->range > bo->base.size ||
	    args->offset > bo->base.size - args->range) {
		drm_gem_object_put(&bo->base);
		return -EINVAL;
	}
	return agx_object_create(to_agx_drm_dev(drm), file->driver_priv, bo, args);
}

/* UNBIND: the file's reference goes; jobs in flight keep the mapping until they signal. */
static int agx_object_unbind(struct agx_drm_file *afile,
			     const struct drm_asahi_gem_bind_object *args)
{
	struct agx_drm_object *obj;

	if (args->flags || args->handle || args->offset || args->range)
		return -EINVAL;
	obj = xa_erase(&afile->objects, args->object_handle);
	if (!obj)
		return -ENOENT;
	agx_drm_object_put(obj);
	return 0;
}

/**
 * agx_drm_gem_bind_object_ioctl() - DRM_IOCTL_ASAHI_GEM_BIND_OBJECT: timestamp objects
 * @drm: the DRM device.
 * @data: &struct drm_asahi_gem_bind_object.
 * @file: the caller's file.
 *
 * BIND maps [@offset, @offset + @range) of the BO @handle for the firmware and returns
 * the new object's handle in @object_handle (the file's reference; the object holds a
 * GEM reference on the BO, so closing the GEM handle does not unmap it). UNBIND drops the
 * file's reference on @object_handle; jobs in flight that write timestamps there keep the
 * mapping until their fences signal.
 *
 * Context: process context (ioctl); sleeps.
 * Return: 0; -EINVAL for a non-zero @vm_id or @pad, an unknown @op, BIND with @flags other
 * than USAGE_TIMESTAMPS, a zero or unaligned (16 KiB) @range or
 * @offset, a range past the BO's end or a VM-private BO, UNBIND with a non-zero @flags,
 * @handle, @offset or @range; -ENOENT for a bad GEM @handle (BIND) or @object_handle
 * (UNBIND); -ENOSPC when the kernel VA range of timestamp objects (64 MiB per device) is
 * full; -ENOMEM; -ENODEV after unbind.
 */
int agx_drm_gem_bind_object_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_gem_bind_object *args = data;
	int ret, idx;

	if (args->vm_id || args->pad)
		return -EINVAL;
	if (args->op != DRM_ASAHI_BIND_OBJECT_OP_BIND &&
	    args->op != DRM_ASAHI_BIND_OBJECT_OP_UNBIND)
		return -EINVAL;
	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	if (args->op == DRM_ASAHI_BIND_OBJECT_OP_BIND)
		ret = agx_object_bind(drm, args, file);
	else
		ret = agx_object_unbind(file->driver_priv, args);
	drm_dev_exit(idx);
	return ret;
}

/**
 * agx_drm_file_objects_fini() - drop the timestamp objects of a file being closed
 * @afile: the file.
 *
 * Drops the file's reference on each; the objects that jobs still in flight point into
 * stay mapped until those jobs signal.
 *
 * Context: process context (postclose).
 */
void agx_drm_file_objects_fini(struct agx_drm_file *afile)
{
	struct agx_drm_object *obj;
	unsigned long id;

	xa_for_each(&afile->objects, id, obj) {
		xa_erase(&afile->objects, id);
		agx_drm_object_put(obj);
	}
}

/**
 * agx_drm_objects_init() - set up the device's range of timestamp objects
 * @adev: the device, being registered.
 *
 * Context: process context (probe).
 */
void agx_drm_objects_init(struct agx_drm_dev *adev)
{
	mutex_init(&adev->obj_lock);
	drm_mm_init(&adev->obj_mm, AGX_KVA_TIMESTAMP_START,
		    AGX_KVA_TIMESTAMP_END - AGX_KVA_TIMESTAMP_START);
}

/**
 * agx_drm_objects_fini() - tear down what agx_drm_objects_init() set up
 * @adev: the device, being released: no object is left (each held a device reference).
 *
 * Context: process context (the release of the DRM device).
 */
void agx_drm_objects_fini(struct agx_drm_dev *adev)
{
	drm_mm_takedown(&adev->obj_mm);
	mutex_destroy(&adev->obj_lock);
}
