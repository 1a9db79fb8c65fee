// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: VMs and binds
 *
 * A VM of VM_CREATE (&struct agx_drm_vm) is a drm_gpuvm, which tracks the mappings and
 * splits them, over a user VM of driver/mmu, which holds the UAT page tables. Its VA space
 * is the parameter block's [vm_start, vm_end) (exclusive end); the kernel range given at
 * creation is the drm_gpuvm's reserved node, so no bind can reach it (asahi-uapi.md §4.3).
 *
 * VM_BIND copies and checks every op of the array first (flags, alignment to the 16 KiB
 * GPU page, ranges, handles), so a malformed array changes nothing; then it runs the ops
 * in order under the VM's lock. A map replaces whatever was mapped in its range (the
 * drm_gpuvm split/merge steps: mappings it covers are unmapped, mappings it cuts are
 * split, the pages of their remaining parts stay mapped); an unmap removes whatever is
 * mapped in its range, splitting what it cuts. A SINGLE_PAGE map maps the one GPU page of
 * the BO at the op's offset over the whole range. If an op fails at run time (-ENOMEM in
 * the page tables), the ops before it stay done and its own range may be left unmapped.
 *
 * The GPU protection of a map: READ|WRITE read/write, READ read-only, WRITE write-only
 * (enum agx_prot's user protections); a map with neither is -EINVAL.
 *
 * Binds that race with jobs in flight: a queue keeps its VM's page tables (driver/mmu) and
 * a running job binds them to a slot. An unmap returns only once the GPU can no longer
 * reach the pages (agx_vm_unmap() invalidates the TLB), so a job that touches a range
 * unmapped under it faults (its fence signals -EIO) and never reaches freed memory.
 */

#include <linux/slab.h>
#include <linux/uaccess.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>

#include "mmu/agx_mmu.h"
#include "vm.h"

#define AGX_BIND_FLAGS		(DRM_ASAHI_BIND_UNBIND | DRM_ASAHI_BIND_READ | \
				 DRM_ASAHI_BIND_WRITE | DRM_ASAHI_BIND_SINGLE_PAGE)
#define AGX_BIND_MAX_OPS	SZ_64K	/* bounds the kernel copy of the op array */
#define AGX_BIND_PAGES_CHUNK	64	/* GPU pages mapped per page-table call */

/* One op of a VM_BIND, checked, with its object and its preallocated mappings. */
struct agx_bind_op {
	struct drm_asahi_gem_bind_op op;
	struct agx_bo *bo;
	struct drm_gpuvm_bo *vm_bo;
	struct agx_va *va[3];
	int prot;
};

/* What the drm_gpuvm step callbacks of one op work with. */
struct agx_bind_ctx {
	struct agx_drm_vm *vm;
	struct agx_bind_op *op;
};

static struct agx_drm_vm *to_agx_drm_vm(struct drm_gpuvm *gpuvm)
{
	return container_of(gpuvm, struct agx_drm_vm, gpuvm);
}

static struct agx_va *agx_bind_take_va(struct agx_bind_op *bop)
{
	struct agx_va *va;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bop->va); i++) {
		va = bop->va[i];
		if (va) {
			bop->va[i] = NULL;
			return va;
		}
	}
	return NULL;
}

/* Map @range bytes at @addr of @vm: the BO's pages from @offset, or one page repeated. */
static int agx_vm_map_range(struct agx_drm_vm *vm, struct agx_bo *bo, u64 addr, u64 offset,
			    u64 range, int prot, bool single_page)
{
	phys_addr_t pages[AGX_BIND_PAGES_CHUNK];
	u64 done = 0, n, i;
	int ret;

	while (done < range) {
		n = min_t(u64, (range - done) >> AGX_UAT_PGBIT, AGX_BIND_PAGES_CHUNK);
		for (i = 0; i < n; i++)
			pages[i] = agx_bo_gpu_page(bo, single_page ? offset :
						   offset + done + (i << AGX_UAT_PGBIT));
		ret = agx_vm_map_pages(vm->vm, addr + done, pages, n, prot);
		if (ret) {
			if (done)
				agx_vm_unmap(vm->vm, addr, done);
			return ret;
		}
		done += n << AGX_UAT_PGBIT;
		cond_resched();
	}
	return 0;
}

/* Unlink a mapping from its object's list and free it. Under the VM's lock. */
static void agx_va_unlink_free(struct agx_va *va)
{
	struct drm_gem_object *obj = va->base.gem.obj;

	/* the put of the last vm_bo may drop the object's last reference: not under its lock */
	drm_gem_object_get(obj);
	agx_bo_gpuva_lock(obj);
	drm_gpuva_unlink(&va->base);
	agx_bo_gpuva_unlock(obj);
	drm_gem_object_put(obj);
	kfree(va);
}

static int agx_vm_step_map(struct drm_gpuva_op *op, void *priv)
{
	struct agx_bind_ctx *ctx = priv;
	struct agx_bind_op *bop = ctx->op;
	struct agx_va *va = agx_bind_take_va(bop);
	int ret;

	ret = agx_vm_map_range(ctx->vm, bop->bo, op->map.va.addr, op->map.gem.offset,
			       op->map.va.range, bop->prot,
			       bop->op.flags & DRM_ASAHI_BIND_SINGLE_PAGE);
	if (ret) {
		kfree(va);
		return ret;
	}
	va->prot = bop->prot;
	va->single_page = bop->op.flags & DRM_ASAHI_BIND_SINGLE_PAGE;
	drm_gpuva_map(&ctx->vm->gpuvm, &va->base, &op->map);
	agx_bo_gpuva_lock(&bop->bo->base);
	drm_gpuva_link(&va->base, bop->vm_bo);
	agx_bo_gpuva_unlock(&bop->bo->base);
	return 0;
}

static int agx_vm_step_remap(struct drm_gpuva_op *op, void *priv)
{
	struct agx_bind_ctx *ctx = priv;
	struct agx_va *old = container_of(op->remap.unmap->va, struct agx_va, base);
	struct drm_gem_object *obj = old->base.gem.obj;
	struct agx_va *prev = NULL, *next = NULL;
	u64 start, range;
	int ret;

	drm_gpuva_op_remap_to_unmap_range(&op->remap, &start, &range);
	ret = agx_vm_unmap(ctx->vm->vm, start, range);
	if (ret)
		return ret;
	if (op->remap.prev)
		prev = agx_bind_take_va(ctx->op);
	if (op->remap.next)
		next = agx_bind_take_va(ctx->op);
	drm_gpuva_remap(prev ? &prev->base : NULL, next ? &next->base : NULL, &op->remap);
	drm_gem_object_get(obj);
	agx_bo_gpuva_lock(obj);
	if (prev) {
		prev->prot = old->prot;
		prev->single_page = old->single_page;
		drm_gpuva_link(&prev->base, old->base.vm_bo);
	}
	if (next) {
		next->prot = old->prot;
		next->single_page = old->single_page;
		drm_gpuva_link(&next->base, old->base.vm_bo);
	}
	drm_gpuva_unlink(&old->base);
	agx_bo_gpuva_unlock(obj);
	drm_gem_object_put(obj);
	kfree(old);
	return 0;
}

static int agx_vm_step_unmap(struct drm_gpuva_op *op, void *priv)
{
	struct agx_bind_ctx *ctx = priv;
	struct agx_va *va = container_of(op->unmap.va, struct agx_va, base);
	int ret;

	ret = agx_vm_unmap(ctx->vm->vm, va->base.va.addr, va->base.va.range);
	if (ret)
		return ret;
	drm_gpuva_unmap(&op->unmap);
	agx_va_unlink_free(va);
	return 0;
}

static void agx_drm_vm_free(struct drm_gpuvm *gpuvm)
{
	struct agx_drm_vm *vm = to_agx_drm_vm(gpuvm);

	agx_heap_put(vm->heap);
	agx_vm_put(vm->vm);
	mutex_destroy(&vm->lock);
	atomic_dec(&to_agx_drm_dev(gpuvm->drm)->live.vms);
	kfree(vm);
}

static const struct drm_gpuvm_ops agx_gpuvm_ops = {
	.vm_free = agx_drm_vm_free,
	.sm_step_map = agx_vm_step_map,
	.sm_step_remap = agx_vm_step_remap,
	.sm_step_unmap = agx_vm_step_unmap,
};

/**
 * agx_drm_vm_lookup() - a VM of a file by ID
 * @afile: the file.
 * @id: the VM ID.
 *
 * Context: any (takes the xarray's lock).
 * Return: the VM with a reference (drop it with agx_drm_vm_put()), or NULL.
 */
struct agx_drm_vm *agx_drm_vm_lookup(struct agx_drm_file *afile, u32 id)
{
	struct agx_drm_vm *vm;

	xa_lock(&afile->vms);
	vm = xa_load(&afile->vms, id);
	if (vm)
		drm_gpuvm_get(&vm->gpuvm);
	xa_unlock(&afile->vms);
	return vm;
}

/**
 * agx_drm_vm_put() - drop a VM reference
 * @vm: the VM.
 *
 * Context: process context; the last put frees the page tables (sleeps).
 */
void agx_drm_vm_put(struct agx_drm_vm *vm)
{
	drm_gpuvm_put(&vm->gpuvm);
}

/* Unmap everything, under the VM's lock: the VM is being destroyed. */
static void agx_drm_vm_unmap_all(struct agx_drm_vm *vm)
{
	struct drm_gpuva *va, *next;

	drm_gpuvm_for_each_va_safe(va, next, &vm->gpuvm) {
		if (va == &vm->gpuvm.kernel_alloc_node)
			continue;
		agx_vm_unmap(vm->vm, va->va.addr, va->va.range);
		drm_gpuva_remove(va);
		agx_va_unlink_free(container_of(va, struct agx_va, base));
	}
}

static void agx_drm_vm_teardown(struct agx_drm_vm *vm)
{
	mutex_lock(&vm->lock);
	vm->dead = true;
	agx_drm_vm_unmap_all(vm);
	mutex_unlock(&vm->lock);
}

/**
 * agx_drm_vm_unmap_bo() - unmap a GEM object from a VM
 * @vm: the VM.
 * @obj: the object, whose last handle in the VM's file is being closed (the caller holds a
 *	reference).
 *
 * Context: process context; sleeps (takes the VM's lock).
 */
void agx_drm_vm_unmap_bo(struct agx_drm_vm *vm, struct drm_gem_object *obj)
{
	struct drm_gpuvm_bo *vm_bo;
	struct drm_gpuva *va, *next;

	mutex_lock(&vm->lock);
	agx_bo_gpuva_lock(obj);
	vm_bo = drm_gpuvm_bo_find(&vm->gpuvm, obj);
	if (vm_bo) {
		drm_gpuvm_bo_for_each_va_safe(va, next, vm_bo) {
			agx_vm_unmap(vm->vm, va->va.addr, va->va.range);
			drm_gpuva_remove(va);
			drm_gpuva_unlink(va);
			kfree(container_of(va, struct agx_va, base));
		}
		drm_gpuvm_bo_put(vm_bo);
	}
	agx_bo_gpuva_unlock(obj);
	mutex_unlock(&vm->lock);
}

/**
 * agx_drm_file_vms_fini() - destroy every VM of a closing file
 * @afile: the file; its GEM handles are closed already.
 *
 * Context: process context (postclose); sleeps.
 */
void agx_drm_file_vms_fini(struct agx_drm_file *afile)
{
	struct agx_drm_vm *vm;
	unsigned long id;

	xa_for_each(&afile->vms, id, vm) {
		xa_erase(&afile->vms, id);
		agx_drm_vm_teardown(vm);
		agx_drm_vm_put(vm);
	}
}

/* The page tables of a new VM and the heap in its kernel range; on error nothing is left. */
static int agx_drm_vm_create_mmu(struct agx_drm_dev *adev, struct agx_drm_vm *vm,
				 const struct drm_asahi_vm_create *args)
{
	vm->vm = agx_vm_create(adev->mmu, adev->params.vm_start, adev->params.vm_end);
	if (IS_ERR(vm->vm))
		return PTR_ERR(vm->vm);
	vm->heap = agx_heap_create(vm->vm, args->kernel_start, args->kernel_end);
	if (IS_ERR(vm->heap)) {
		agx_vm_put(vm->vm);
		return PTR_ERR(vm->heap);
	}
	return 0;
}

/* A new VM for @args with one reference, or an ERR_PTR() with nothing left behind. */
static struct agx_drm_vm *agx_drm_vm_new(struct drm_device *drm,
					 const struct drm_asahi_vm_create *args)
{
	const struct drm_asahi_params_global *p = &to_agx_drm_dev(drm)->params;
	struct drm_gem_object *r_obj;
	struct agx_drm_vm *vm;
	int ret;

	vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	if (!vm)
		return ERR_PTR(-ENOMEM);
	ret = agx_drm_vm_create_mmu(to_agx_drm_dev(drm), vm, args);
	if (ret) {
		kfree(vm);
		return ERR_PTR(ret);
	}
	r_obj = drm_gpuvm_resv_object_alloc(drm);
	if (!r_obj) {
		agx_heap_put(vm->heap);
		agx_vm_put(vm->vm);
		kfree(vm);
		return ERR_PTR(-ENOMEM);
	}
	mutex_init(&vm->lock);
	vm->kernel_start = args->kernel_start;
	vm->kernel_end = args->kernel_end;
	atomic_inc(&to_agx_drm_dev(drm)->live.vms);	/* agx_drm_vm_free() counts it out */
	drm_gpuvm_init(&vm->gpuvm, "agx", 0, drm, r_obj, p->vm_start, p->vm_end - p->vm_start,
		       args->kernel_start, args->kernel_end - args->kernel_start,
		       &agx_gpuvm_ops);
	drm_gem_object_put(r_obj);
	return vm;
}

/**
 * agx_drm_vm_create_ioctl() - DRM_IOCTL_ASAHI_VM_CREATE: create a VM
 * @drm: the DRM device.
 * @data: &struct drm_asahi_vm_create.
 * @file: the caller's file.
 *
 * The kernel range [@kernel_start, @kernel_end) must lie inside [vm_start, vm_end), be
 * aligned to the 16 KiB GPU page and be at least vm_kernel_min_size long (asahi-uapi.md
 * §4.3).
 *
 * Context: process context (ioctl); sleeps.
 * Return: 0 with @vm_id set; -EINVAL for a bad kernel range or a non-zero @pad; -ENOMEM;
 * -ENODEV after unbind.
 */
int agx_drm_vm_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	const struct drm_asahi_params_global *p = &to_agx_drm_dev(drm)->params;
	struct agx_drm_file *afile = file->driver_priv;
	struct drm_asahi_vm_create *args = data;
	struct agx_drm_vm *vm;
	int ret, idx;
	u32 id;

	if (args->pad || (args->kernel_start | args->kernel_end) & AGX_UAT_PGMASK ||
	    args->kernel_start < p->vm_start || args->kernel_end > p->vm_end ||
	    args->kernel_start >= args->kernel_end ||
	    args->kernel_end - args->kernel_start < p->vm_kernel_min_size)
		return -EINVAL;
	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	vm = agx_drm_vm_new(drm, args);
	ret = PTR_ERR_OR_ZERO(vm);
	if (!ret) {
		ret = xa_alloc(&afile->vms, &id, vm, xa_limit_32b, GFP_KERNEL);
		if (ret)
			agx_drm_vm_put(vm);
		else
			args->vm_id = id;
	}
	drm_dev_exit(idx);
	return ret;
}

/**
 * agx_drm_vm_destroy_ioctl() - DRM_IOCTL_ASAHI_VM_DESTROY: destroy a VM
 * @drm: the DRM device.
 * @data: &struct drm_asahi_vm_destroy.
 * @file: the caller's file.
 *
 * Everything mapped in the VM is unmapped; its VM_PRIVATE objects stay valid but can be
 * bound nowhere.
 *
 * Context: process context (ioctl); sleeps.
 * Return: 0; -EINVAL for a non-zero @pad; -ENOENT if @vm_id names no VM of the file.
 */
int agx_drm_vm_destroy_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct agx_drm_file *afile = file->driver_priv;
	struct drm_asahi_vm_destroy *args = data;
	struct agx_drm_vm *vm;

	if (args->pad)
		return -EINVAL;
	vm = xa_erase(&afile->vms, args->vm_id);
	if (!vm)
		return -ENOENT;
	agx_drm_vm_teardown(vm);
	agx_drm_vm_put(vm);
	return 0;
}

static int agx_bind_prot(u32 flags)
{
	switch (flags & (DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)) {
	case DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE:
		return AGX_PROT_GPU_SHARED_RW;
	case DRM_ASAHI_BIND_READ:
		return AGX_PROT_GPU_SHARED_RO;
	case DRM_ASAHI_BIND_WRITE:
		return AGX_PROT_GPU_SHARED_WO;
	default:
		return -EINVAL;
	}
}

/* Check one op against the VM and look its object up (asahi-uapi.md §3.6, §4.5). */
static int agx_bind_check(struct agx_drm_vm *vm, struct drm_file *file,
			  struct agx_bind_op *bop)
{
	const struct drm_asahi_gem_bind_op *op = &bop->op;
	u64 end, need;

	if (op->flags & ~AGX_BIND_FLAGS)
		return -EINVAL;
	if (!op->range || (op->addr | op->range) & AGX_UAT_PGMASK ||
	    check_add_overflow(op->addr, op->range, &end))
		return -EINVAL;
	if (op->addr < vm->gpuvm.mm_start || end > vm->gpuvm.mm_start + vm->gpuvm.mm_range)
		return -EINVAL;
	if (op->addr < vm->kernel_end && end > vm->kernel_start)
		return -EINVAL;
	if (op->flags & DRM_ASAHI_BIND_UNBIND)
		return op->flags == DRM_ASAHI_BIND_UNBIND ? 0 : -EINVAL;
	bop->prot = agx_bind_prot(op->flags);
	if (bop->prot < 0 || op->offset & AGX_UAT_PGMASK)
		return -EINVAL;
	bop->bo = agx_bo_lookup(file, op->handle);
	if (!bop->bo)
		return -ENOENT;
	if (bop->bo->vm_resv && bop->bo->vm_resv != vm->gpuvm.r_obj)
		return -EINVAL;
	need = op->flags & DRM_ASAHI_BIND_SINGLE_PAGE ? AGX_UAT_PGSZ : op->range;
	if (op->offset >= bop->bo->base.size || need > bop->bo->base.size - op->offset)
		return -EINVAL;
	return 0;
}

/* Allocate what running a checked op needs: its vm_bo and up to three mappings. */
static int agx_bind_prepare(struct agx_drm_vm *vm, struct agx_bind_op *bop)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bop->va); i++) {
		bop->va[i] = kzalloc(sizeof(*bop->va[i]), GFP_KERNEL_ACCOUNT);
		if (!bop->va[i])
			return -ENOMEM;
	}
	if (!bop->bo)
		return 0;
	bop->vm_bo = drm_gpuvm_bo_create(&vm->gpuvm, &bop->bo->base);
	return bop->vm_bo ? 0 : -ENOMEM;
}

static void agx_bind_op_fini(struct agx_bind_op *bop)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bop->va); i++)
		kfree(bop->va[i]);
	if (!bop->bo)
		return;
	if (bop->vm_bo) {
		agx_bo_gpuva_lock(&bop->bo->base);
		drm_gpuvm_bo_put(bop->vm_bo);
		agx_bo_gpuva_unlock(&bop->bo->base);
	}
	drm_gem_object_put(&bop->bo->base);
}

/* Run one checked, prepared op. Under the VM's lock. */
static int agx_bind_run(struct agx_drm_vm *vm, struct agx_bind_op *bop)
{
	struct agx_bind_ctx ctx = { .vm = vm, .op = bop };
	const struct drm_asahi_gem_bind_op *op = &bop->op;

	if (op->flags & DRM_ASAHI_BIND_UNBIND)
		return drm_gpuvm_sm_unmap(&vm->gpuvm, &ctx, op->addr, op->range);
	agx_bo_gpuva_lock(&bop->bo->base);
	bop->vm_bo = drm_gpuvm_bo_obtain_prealloc(bop->vm_bo);
	agx_bo_gpuva_unlock(&bop->bo->base);
	return drm_gpuvm_sm_map(&vm->gpuvm, &ctx, op->addr, op->range, &bop->bo->base,
				op->offset);
}

/* Copy, check and prepare the @args->num_binds operations into @ops (zeroed). */
static int agx_bind_read_ops(struct agx_drm_vm *vm, struct drm_file *file,
			     const struct drm_asahi_vm_bind *args, struct agx_bind_op *ops)
{
	u32 i;
	int ret = 0;

	for (i = 0; i < args->num_binds && !ret; i++) {
		ret = copy_struct_from_user(&ops[i].op, sizeof(ops[i].op),
					    u64_to_user_ptr(args->userptr +
							    (u64)i * args->stride),
					    args->stride);
		if (ret == -E2BIG)
			ret = -EINVAL;
		if (!ret)
			ret = agx_bind_check(vm, file, &ops[i]);
		if (!ret)
			ret = agx_bind_prepare(vm, &ops[i]);
	}
	return ret;
}

/* Run the prepared operations in order, under the VM lock, while the device is there. */
static int agx_bind_run_ops(struct drm_device *drm, struct agx_drm_vm *vm,
			    struct agx_bind_op *ops, u32 n)
{
	u32 i;
	int ret = 0, idx;

	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	mutex_lock(&vm->lock);
	if (vm->dead)
		ret = -ENODEV;
	for (i = 0; i < n && !ret; i++)
		ret = agx_bind_run(vm, &ops[i]);
	mutex_unlock(&vm->lock);
	drm_dev_exit(idx);
	return ret;
}

/**
 * agx_drm_vm_bind_ioctl() - DRM_IOCTL_ASAHI_VM_BIND: map and unmap ranges of a VM
 * @drm: the DRM device.
 * @data: &struct drm_asahi_vm_bind.
 * @file: the caller's file.
 *
 * Reads @num_binds ops @stride bytes apart from @userptr; a @stride larger than
 * &struct drm_asahi_gem_bind_op is allowed if the extra bytes are zero (asahi-uapi.md
 * §4.2). Every op is checked before any runs.
 *
 * Context: process context (ioctl); sleeps.
 * Return: 0; -EINVAL for a non-zero @pad, a zero @num_binds, a @stride smaller than an op,
 * more than 65536 ops, an unknown flag, a non-zero unknown field, an unaligned, empty,
 * overflowing or out-of-window range, a range inside the kernel range, an UNBIND with
 * READ/WRITE/SINGLE_PAGE, a map without READ or WRITE, an offset or range outside the BO,
 * a VM_PRIVATE BO of another VM; -ENOENT for a bad @vm_id or handle; -EFAULT for an
 * unreadable array; -ENOMEM; -ENODEV after unbind or if the VM is being destroyed.
 */
int agx_drm_vm_bind_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_vm_bind *args = data;
	struct agx_bind_op *ops;
	struct agx_drm_vm *vm;
	u32 i, n = args->num_binds;
	int ret;

	if (args->pad || !n || n > AGX_BIND_MAX_OPS ||
	    args->stride < sizeof(struct drm_asahi_gem_bind_op))
		return -EINVAL;
	vm = agx_drm_vm_lookup(file->driver_priv, args->vm_id);
	if (!vm)
		return -ENOENT;
	ops = kvcalloc(n, sizeof(*ops), GFP_KERNEL_ACCOUNT);
	if (!ops) {
		agx_drm_vm_put(vm);
		return -ENOMEM;
	}
	ret = agx_bind_read_ops(vm, file, args, ops) ?: agx_bind_run_ops(drm, vm, ops, n);
	for (i = 0; i < n; i++)
		agx_bind_op_fini(&ops[i]);
	kvfree(ops);
	agx_drm_vm_put(vm);
	return ret;
}
