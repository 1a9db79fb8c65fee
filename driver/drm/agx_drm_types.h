/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko DRM device: the types of driver/drm (device, file, VM, buffer object). The model
 * and the locking rules are the DOC blocks of agx_drm_drv.c.
 */
#ifndef _AGX_DRM_TYPES_H_
#define _AGX_DRM_TYPES_H_

#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/kref.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <drm/drm_device.h>
#include <drm/drm_gem.h>
#include <drm/drm_gpuvm.h>
#include <drm/drm_mm.h>
#include <uapi/drm/asahi_drm.h>

struct agx_gpu;
struct agx_mmu;
struct agx_vm;

/**
 * struct agx_drm_live - how many objects of driver/drm are alive, for leak checks
 * @files: open files (open to postclose).
 * @vms: VMs (&struct agx_drm_vm), from VM_CREATE to their free.
 * @bos: buffer objects (&struct agx_bo), from GEM_CREATE to their free.
 * @queues: queues (&struct agx_drm_queue), from QUEUE_CREATE to their release.
 *
 * Embedded in &struct agx_drm_dev; read through its debugfs file ``agx_objects``
 * (agx_drm_drv.c), which ``make run`` checks once every client is gone.
 */
struct agx_drm_live {
	atomic_t files;
	atomic_t vms;
	atomic_t bos;
	atomic_t queues;
};

/**
 * struct agx_drm_dev - the DRM device of one GPU
 * @drm: the DRM device; its lifetime is its reference count (open files, the binding).
 * @gpu: the GPU (a reference, dropped when @drm is released).
 * @mmu: the GPU's MMU (lives as long as @gpu): the page tables of the VMs.
 * @params: the parameter block GET_PARAMS copies out, filled at registration.
 * @obj_lock: protects @obj_mm.
 * @obj_mm: the kernel VA range of the timestamp objects of every file
 *	(AGX_KVA_TIMESTAMP_START..END), one node per &struct agx_drm_object.
 * @live: the objects alive now.
 *
 * Allocated with devm_drm_dev_alloc() when agx.ko binds the GPU; unplugged (ioctls fail
 * with -ENODEV) before the GPU is shut down at unbind; freed with the last file and the
 * last timestamp object (each holds a reference on @drm).
 */
struct agx_drm_dev {
	struct drm_device drm;
	struct agx_gpu *gpu;
	struct agx_mmu *mmu;
	struct drm_asahi_params_global params;
	struct mutex obj_lock; /* obj_mm */
	struct drm_mm obj_mm;
	struct agx_drm_live live;
};

/**
 * struct agx_drm_file - what one open DRM file owns
 * @adev: the device.
 * @vms: the file's VMs (&struct agx_drm_vm, one reference each) by VM ID, from 1.
 * @queues: the file's queues (&struct agx_drm_queue, one reference each) by queue ID,
 *	from 1.
 * @objects: the file's timestamp objects of GEM_BIND_OBJECT (&struct agx_drm_object, one
 *	reference each) by object handle, from 1.
 *
 * Freed at postclose, after every GEM handle of the file was closed.
 */
struct agx_drm_file {
	struct agx_drm_dev *adev;
	struct xarray vms;
	struct xarray queues;
	struct xarray objects;
};

struct agx_bo;

/**
 * struct agx_drm_object - a timestamp object of GEM_BIND_OBJECT
 * @ref: references: the file's object handle (until UNBIND or file close), each job
 *	whose timestamps point into it (until the job's finished fence signals), each SUBMIT
 *	in progress that looked it up.
 * @adev: the device (a reference on its &drm_device, so that the kernel VM and @node's
 *	allocator outlive the object).
 * @bo: the BO whose pages are mapped (a GEM reference: the pages stay while mapped).
 * @node: the object's range in &agx_drm_dev.obj_mm: the firmware (kernel VM) VA where
 *	@bo's bytes [offset, offset + @node.size) are mapped, uncached.
 * @free_work: the unmap and free after the last reference (which may be dropped in a
 *	fence callback, where the kernel VM cannot be changed); runs on the GPU's
 *	workqueue, which agx.ko drains before it goes.
 *
 * The firmware writes the start and end timestamps of jobs there (asahi-agx-driver.md
 * §3.3, the user timestamp buffers); userspace reads them through its mapping of @bo.
 */
struct agx_drm_object {
	struct kref ref;
	struct agx_drm_dev *adev;
	struct agx_bo *bo;
	struct drm_mm_node node;
	struct work_struct free_work;
};

struct agx_queue;

/**
 * struct agx_drm_queue - a queue of QUEUE_CREATE
 * @ref: references: the file's ID, each SUBMIT in progress.
 * @adev: the device (its &agx_drm_dev.live counts the queue).
 * @q: the AGX queue (driver/queue), which holds the VM's page tables and the GPU.
 * @usc_exec_base: the shader base given at creation.
 *
 * The last reference destroys the AGX queue (agx_queue_destroy(): jobs not yet run are
 * cancelled, the firmware finishes the others; it does not wait for the GPU).
 */
struct agx_drm_queue {
	struct kref ref;
	struct agx_drm_dev *adev;
	struct agx_queue *q;
	u64 usc_exec_base;
};

/**
 * struct agx_drm_vm - a VM of VM_CREATE
 * @gpuvm: the VA space (drm_gpuvm): the mappings; its reference count is the VM's
 *	(the file's ID, each &struct drm_gpuvm_bo, ioctls in progress).
 * @vm: the UAT page tables (driver/mmu), a reference.
 * @heap: the driver's allocator in the kernel range (a reference): the TVB buffers and
 *	scenes of the VM's render queues.
 * @lock: serializes the binds of the VM and its teardown; protects @gpuvm's tree and the
 *	page tables' contents.
 * @kernel_start: start of the kernel range given at VM_CREATE.
 * @kernel_end: end of the kernel range (exclusive).
 * @dead: destroyed (VM_DESTROY or file close): no further bind.
 *
 * Freed by the last drm_gpuvm_put() (agx_drm_vm_free()).
 */
struct agx_drm_vm {
	struct drm_gpuvm gpuvm;
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct mutex lock; /* binds and teardown */
	u64 kernel_start;
	u64 kernel_end;
	bool dead;
};

/**
 * struct agx_va - one mapping of a VM
 * @base: the drm_gpuvm mapping.
 * @prot: its GPU protection (enum agx_prot).
 * @single_page: the one 16 KiB page at @base.gem.offset repeated over the range.
 */
struct agx_va {
	struct drm_gpuva base;
	int prot;
	bool single_page;
};

/**
 * struct agx_bo - a buffer object of GEM_CREATE
 * @base: the GEM object (size a multiple of 16 KiB).
 * @pages: the CPU pages, @base.size >> PAGE_SHIFT of them, allocated at creation in
 *	physically contiguous, naturally aligned 16 KiB groups (the GPU page).
 * @flags: &enum drm_asahi_gem_flags.
 * @gpuva_lock: protects the GEM object's list of &struct drm_gpuvm_bo and their mappings
 *	(drm_gem_gpuva_set_lock()).
 * @vm_resv: DRM_ASAHI_GEM_VM_PRIVATE: the owning VM's &drm_gpuvm.r_obj (a reference),
 *	whose reservation object the BO shares; the BO is bound in that VM only. NULL
 *	otherwise.
 *
 * Freed with the last GEM reference (handles, mmaps, each &struct drm_gpuvm_bo).
 */
struct agx_bo {
	struct drm_gem_object base;
	struct page **pages;
	u32 flags;
	struct mutex gpuva_lock; /* the GEM object's gpuva list */
	struct drm_gem_object *vm_resv;
};

/* accessors of the types above, used by every file of driver/drm */

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

#endif /* _AGX_DRM_TYPES_H_ */
