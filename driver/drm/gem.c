// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Buffer objects
 *
 * A &struct agx_bo is a GEM object whose memory is allocated at GEM_CREATE, zeroed, in
 * physically contiguous, naturally aligned 16 KiB groups: the GPU maps 16 KiB pages
 * (driver/mmu, agx_vm_map_pages()), whatever the CPU page size. That is why the objects
 * are not drm_gem_shmem objects: shmem hands out CPU pages one at a time and, with 4 KiB
 * CPU pages, would not give a 16 KiB GPU page contiguous memory. The memory is not
 * swappable and is charged to the caller's memory cgroup.
 *
 * The CPU maps an object through GEM_MMAP_OFFSET and mmap() on the DRM file: a PFN map
 * filled at fault time, write-combined, or write-back with DRM_ASAHI_GEM_WRITEBACK. PRIME
 * export gives a scatter-gather table of the pages; a DRM_ASAHI_GEM_VM_PRIVATE object
 * cannot be exported (-EPERM) and shares its VM's reservation object.
 *
 * Closing the last handle of an object in a file unmaps it from every VM of that file
 * (agx_drm_vm_unmap_bo()); the object itself goes with its last reference.
 */

#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_prime.h>

#include "mmu/agx_mmu.h"
#include "gem.h"
#include "vm.h"

#define AGX_BO_FLAGS		(DRM_ASAHI_GEM_WRITEBACK | DRM_ASAHI_GEM_VM_PRIVATE)
#define AGX_BO_GROUP		(AGX_UAT_PGSZ >> PAGE_SHIFT)	/* CPU pages per GPU page */
#define AGX_BO_GROUP_ORDER	ilog2(AGX_BO_GROUP)
#define AGX_BO_GFP		(GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_NOWARN | \
				 __GFP_RETRY_MAYFAIL)

static_assert(AGX_UAT_PGSZ >= PAGE_SIZE);

static void agx_bo_free_pages(struct agx_bo *bo)
{
	unsigned long i, n = bo->base.size >> PAGE_SHIFT;

	for (i = 0; i < n && bo->pages[i]; i++)
		__free_page(bo->pages[i]);
	kvfree(bo->pages);
	bo->pages = NULL;
}

/* The pages, 16 KiB at a time: one high-order allocation split into CPU pages. */
static int agx_bo_alloc_pages(struct agx_bo *bo)
{
	unsigned long i, j, n = bo->base.size >> PAGE_SHIFT;
	struct page *p;

	bo->pages = kvcalloc(n, sizeof(*bo->pages), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!bo->pages)
		return -ENOMEM;
	for (i = 0; i < n; i += AGX_BO_GROUP) {
		p = alloc_pages(AGX_BO_GFP, AGX_BO_GROUP_ORDER);
		if (!p) {
			agx_bo_free_pages(bo);
			return -ENOMEM;
		}
		if (AGX_BO_GROUP_ORDER)
			split_page(p, AGX_BO_GROUP_ORDER);
		for (j = 0; j < AGX_BO_GROUP; j++)
			bo->pages[i + j] = p + j;
		cond_resched();
	}
	return 0;
}

static void agx_bo_free(struct drm_gem_object *obj)
{
	struct agx_bo *bo = to_agx_bo(obj);

	drm_gem_free_mmap_offset(obj);
	drm_gem_object_release(obj);
	if (bo->vm_resv)
		drm_gem_object_put(bo->vm_resv);
	if (bo->pages)
		agx_bo_free_pages(bo);
	mutex_destroy(&bo->gpuva_lock);
	atomic_dec(&to_agx_drm_dev(obj->dev)->live.bos);
	kfree(bo);
}

/* The last handle of @obj in @file is closed: unmap it from the file's VMs. */
static void agx_bo_close(struct drm_gem_object *obj, struct drm_file *file)
{
	struct agx_drm_file *afile = file->driver_priv;
	struct agx_drm_vm *vm;
	unsigned long id;

	xa_for_each(&afile->vms, id, vm) {
		vm = agx_drm_vm_lookup(afile, id);
		if (!vm)
			continue;
		agx_drm_vm_unmap_bo(vm, obj);
		agx_drm_vm_put(vm);
	}
}

static vm_fault_t agx_bo_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct agx_bo *bo = to_agx_bo(vma->vm_private_data);

	if (vmf->pgoff >= bo->base.size >> PAGE_SHIFT)
		return VM_FAULT_SIGBUS;
	return vmf_insert_pfn(vma, vmf->address, page_to_pfn(bo->pages[vmf->pgoff]));
}

static const struct vm_operations_struct agx_bo_vm_ops = {
	.fault = agx_bo_fault,
	.open = drm_gem_vm_open,
	.close = drm_gem_vm_close,
};

static int agx_bo_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	struct agx_bo *bo = to_agx_bo(obj);

	/* DRM core keeps the fake offset in vm_pgoff: make it an offset into the object */
	vma->vm_pgoff -= drm_vma_node_start(&obj->vma_node);
	if (vma->vm_pgoff + vma_pages(vma) > obj->size >> PAGE_SHIFT)
		return -EINVAL;
	vm_flags_set(vma, VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	if (!(bo->flags & DRM_ASAHI_GEM_WRITEBACK))
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return 0;
}

static struct sg_table *agx_bo_get_sg_table(struct drm_gem_object *obj)
{
	return drm_prime_pages_to_sg(obj->dev, to_agx_bo(obj)->pages, obj->size >> PAGE_SHIFT);
}

static struct dma_buf *agx_bo_export(struct drm_gem_object *obj, int flags)
{
	if (to_agx_bo(obj)->vm_resv)
		return ERR_PTR(-EPERM);
	return drm_gem_prime_export(obj, flags);
}

static const struct drm_gem_object_funcs agx_bo_funcs = {
	.free = agx_bo_free,
	.close = agx_bo_close,
	.export = agx_bo_export,
	.get_sg_table = agx_bo_get_sg_table,
	.mmap = agx_bo_mmap,
	.vm_ops = &agx_bo_vm_ops,
};

/*
 * A new BO of @size bytes (16 KiB pages), without pages yet, with one reference; @vm is the
 * VM of a VM-private BO (its reservation object shared), else NULL. NULL on failure.
 */
static struct agx_bo *agx_bo_new(struct drm_device *drm, u32 flags, struct agx_drm_vm *vm,
				 u64 size)
{
	struct agx_bo *bo = kzalloc(sizeof(*bo), GFP_KERNEL);

	if (!bo)
		return NULL;
	atomic_inc(&to_agx_drm_dev(drm)->live.bos);	/* agx_bo_free() counts it out */
	bo->base.funcs = &agx_bo_funcs;
	bo->flags = flags;
	mutex_init(&bo->gpuva_lock);
	if (vm) {
		/* shares the VM's reservation object: drm_gem_private_object_init() keeps it */
		bo->vm_resv = vm->gpuvm.r_obj;
		drm_gem_object_get(bo->vm_resv);
		bo->base.resv = bo->vm_resv->resv;
	}
	drm_gem_private_object_init(drm, &bo->base, size);
	drm_gem_gpuva_set_lock(&bo->base, &bo->gpuva_lock);
	return bo;
}

/**
 * agx_drm_gem_create_ioctl() - DRM_IOCTL_ASAHI_GEM_CREATE: create a buffer object
 * @drm: the DRM device.
 * @data: &struct drm_asahi_gem_create.
 * @file: the caller's file.
 *
 * The size is rounded up to the 16 KiB GPU page. @vm_id is read only with
 * DRM_ASAHI_GEM_VM_PRIVATE (asahi-uapi.md §3.4), and must then name a VM of the file.
 *
 * Context: process context (ioctl); sleeps, allocates the whole object.
 * Return: 0 with @handle set; -EINVAL for a zero size, an unknown flag, a non-zero @pad;
 * -ENOENT for a VM_PRIVATE @vm_id that names no VM of the file; -ENOMEM when the memory
 * is not there (a size larger than the machine's RAM included); -ENODEV after unbind.
 */
int agx_drm_gem_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_gem_create *args = data;
	struct agx_drm_vm *vm = NULL;
	struct agx_bo *bo;
	u64 size;
	int ret, idx;

	if (!args->size || args->flags & ~AGX_BO_FLAGS || args->pad)
		return -EINVAL;
	if (args->size > ((u64)totalram_pages() << PAGE_SHIFT))
		return -ENOMEM;
	size = ALIGN(args->size, AGX_UAT_PGSZ);
	if (args->flags & DRM_ASAHI_GEM_VM_PRIVATE) {
		vm = agx_drm_vm_lookup(file->driver_priv, args->vm_id);
		if (!vm)
			return -ENOENT;
	}
	if (!drm_dev_enter(drm, &idx)) {
		ret = -ENODEV;
		goto out_vm;
	}
	bo = agx_bo_new(drm, args->flags, vm, size);
	if (!bo) {
		ret = -ENOMEM;
		goto out_exit;
	}
	ret = agx_bo_alloc_pages(bo);
	if (!ret)
		ret = drm_gem_create_mmap_offset(&bo->base);
	if (!ret)
		ret = drm_gem_handle_create(file, &bo->base, &args->handle);
	/* the handle holds the object now, or the put frees it */
	drm_gem_object_put(&bo->base);
out_exit:
	drm_dev_exit(idx);
out_vm:
	if (vm)
		agx_drm_vm_put(vm);
	return ret;
}

/**
 * agx_drm_gem_mmap_offset_ioctl() - DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET: the mmap() offset
 * @drm: the DRM device.
 * @data: &struct drm_asahi_gem_mmap_offset.
 * @file: the caller's file.
 *
 * Context: process context (ioctl).
 * Return: 0 with @offset set; -EINVAL for non-zero @flags; -ENOENT for a bad handle;
 * -ENODEV after unbind.
 */
int agx_drm_gem_mmap_offset_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_gem_mmap_offset *args = data;
	struct agx_bo *bo;
	int idx;

	if (args->flags)
		return -EINVAL;
	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	bo = agx_bo_lookup(file, args->handle);
	if (bo) {
		args->offset = drm_vma_node_offset_addr(&bo->base.vma_node);
		drm_gem_object_put(&bo->base);
	}
	drm_dev_exit(idx);
	return bo ? 0 : -ENOENT;
}
