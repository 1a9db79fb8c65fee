// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: VM contexts
 *
 * A &struct agx_vm is one GPU address space: a page-table tree, a VA range, and the
 * TTBAT slot it is loaded in (see the slot model). User VMs cover part of the lower half
 * [0x4000, 1 << 39) (asahi-agx-driver.md §3.4) and are reached through ttb0 of their slot.
 * The MMU owns two kernel VMs in slot 0: the kernel-lower VM (ttb0) and the kernel-upper VM
 * (ttb1) that covers the top 512 GiB and holds the firmware-object pools.
 *
 * Every operation validates its arguments before taking the lock: addresses and sizes are
 * bytes and must be multiples of the 16 KiB GPU page (not the CPU page), non-empty and
 * inside the VM, or the call fails with -EINVAL and changes nothing. After an unmap, a
 * remap, or a map that had to be undone, the VM's ASID range is invalidated if the VM is
 * loaded in a slot (a VM in no slot has no TLB entries: loading it invalidates its ASID),
 * and only then are emptied tables freed.
 *
 * Lifetime: a VM is refcounted; its creator holds one reference and each bind holds one.
 * When the last goes the VM leaves its sticky slot and its tables are freed. The pages it
 * maps are not owned by the VM.
 */

#include <linux/err.h>
#include <linux/export.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "vm.h"
#include "slots.h"
#include "pgtable.h"

/**
 * agx_vm_alloc() - allocate a VM and its root table
 * @mmu: the MMU.
 * @start: first GPU VA (bytes, 16 KiB aligned).
 * @last: last GPU VA, inclusive (bytes).
 * @kernel: a kernel VM of slot 0.
 * @upper: reached through TTBR1.
 *
 * Context: process context; may sleep.
 * Return: the VM with one reference, or NULL on allocation failure.
 */
struct agx_vm *agx_vm_alloc(struct agx_mmu *mmu, u64 start, u64 last, bool kernel, bool upper)
{
	return agx_vm_alloc_at(mmu, start, last, kernel, upper, NULL, 0);
}

/**
 * agx_vm_alloc_at() - allocate a VM, possibly under a root table it does not own
 * @mmu: the MMU.
 * @start: first GPU VA (bytes).
 * @last: last GPU VA (inclusive).
 * @kernel: a kernel VM (slot 0).
 * @upper: reached through TTBR1.
 * @root: the root table to build under (agx_pgtable_init_at(): the VM takes the root
 *	entries of [@start, @last]), or NULL to allocate one.
 * @root_phys: its physical address.
 *
 * Context: process context; may sleep.
 * Return: the VM (one reference), or NULL.
 */
struct agx_vm *agx_vm_alloc_at(struct agx_mmu *mmu, u64 start, u64 last, bool kernel,
			       bool upper, u64 *root, phys_addr_t root_phys)
{
	struct agx_vm *vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	int ret;

	if (!vm)
		return NULL;
	/* the walk indexes the root with the VA's low 39 bits: so do its entries here */
	if (root)
		ret = agx_pgtable_init_at(&vm->pt, root, root_phys,
					  AGX_UAT_IDX(start & AGX_UAT_IAS_MASK, AGX_UAT_LEVELS - 1),
					  AGX_UAT_IDX(last & AGX_UAT_IAS_MASK, AGX_UAT_LEVELS - 1));
	else
		ret = agx_pgtable_init(&vm->pt, !kernel);
	if (ret) {
		kfree(vm);
		return NULL;
	}
	kref_init(&vm->ref);
	mutex_init(&vm->lock);
	vm->mmu = mmu;
	vm->va_start = start;
	vm->va_last = last;
	vm->kernel = kernel;
	vm->upper = upper;
	vm->slot = kernel ? AGX_UAT_KERNEL_CTX : -1;
	return vm;
}

/**
 * agx_vm_create() - create a user VM
 * @mmu: the MMU; must outlive the VM.
 * @start: first GPU VA of the VM (bytes, 16 KiB aligned, at least 0x4000).
 * @end: end of the VM (exclusive, bytes, 16 KiB aligned, at most 1 << 39).
 *
 * The VM is in no slot until agx_vm_bind().
 *
 * Context: process context; may sleep.
 * Return: the VM, holding one reference for the caller (drop with agx_vm_put()), or
 * ERR_PTR(-EINVAL) for a bad range, ERR_PTR(-ENOMEM).
 */
struct agx_vm *agx_vm_create(struct agx_mmu *mmu, u64 start, u64 end)
{
	struct agx_vm *vm;

	if ((start | end) & AGX_UAT_PGMASK || start < AGX_UVA_START || end > AGX_UVA_END ||
	    start >= end)
		return ERR_PTR(-EINVAL);
	vm = agx_vm_alloc(mmu, start, end - 1, false, false);
	return vm ? vm : ERR_PTR(-ENOMEM);
}
EXPORT_SYMBOL_GPL(agx_vm_create);

/**
 * agx_vm_get() - take a reference on a VM
 * @vm: the VM.
 *
 * Context: any.
 * Return: @vm.
 */
struct agx_vm *agx_vm_get(struct agx_vm *vm)
{
	kref_get(&vm->ref);
	return vm;
}

static void agx_vm_release(struct kref *ref)
{
	struct agx_vm *vm = container_of(ref, struct agx_vm, ref);

	if (!vm->kernel)
		agx_slots_release_vm(vm->mmu, vm);
	agx_pgtable_fini(&vm->pt);
	mutex_destroy(&vm->lock);
	kfree(vm);
}

/**
 * agx_vm_put() - drop a reference on a VM
 * @vm: the VM (NULL or an error pointer is ignored).
 *
 * The last reference unloads the VM from its slot and frees its tables; the pages still
 * mapped stay owned by whoever mapped them.
 *
 * Context: process context; may sleep.
 */
void agx_vm_put(struct agx_vm *vm)
{
	if (!IS_ERR_OR_NULL(vm))
		kref_put(&vm->ref, agx_vm_release);
}
EXPORT_SYMBOL_GPL(agx_vm_put);

/* Is [@iova, @iova + @size) a non-empty, 16 KiB-aligned range inside the VM? */
static int agx_vm_check_range(struct agx_vm *vm, u64 iova, u64 size)
{
	u64 last = iova + size - 1;

	if (!size || (iova | size) & AGX_UAT_PGMASK)
		return -EINVAL;
	if (iova < vm->va_start || last < iova || last > vm->va_last)
		return -EINVAL;
	return 0;
}

/**
 * agx_vm_bind() - make a VM visible to the GPU in a TTBAT slot and hold it there
 * @vm: the VM.
 *
 * Takes a bind reference and a reference on @vm; both are dropped by agx_vm_unbind(). The
 * slot returned stays the VM's until its last unbind. Kernel VMs are always in slot 0.
 *
 * Context: process context; may sleep (takes the MMU's slot mutex).
 * Return: the slot (0 for a kernel VM, 1..63 for a user VM); -EBUSY if every usable user
 * slot is bound by other VMs; -ETIMEDOUT if the firmware holds the handoff lock. On error
 * nothing is taken and the TTBAT is unchanged.
 */
int agx_vm_bind(struct agx_vm *vm)
{
	int slot = AGX_UAT_KERNEL_CTX;

	if (!vm->kernel)
		slot = agx_slots_bind(vm->mmu, vm);
	if (slot >= 0)
		agx_vm_get(vm);
	return slot;
}
EXPORT_SYMBOL_IF_KUNIT(agx_vm_bind);

/**
 * agx_vm_unbind() - drop a bind reference taken by agx_vm_bind()
 * @vm: the VM; the reference taken by the bind is dropped too, so @vm may be freed.
 *
 * At the last unbind the slot becomes free for other VMs but stays loaded (sticky).
 *
 * Context: process context; may sleep.
 */
void agx_vm_unbind(struct agx_vm *vm)
{
	if (!vm->kernel && agx_slots_unbind(vm->mmu, vm))
		return;
	agx_vm_put(vm);
}
EXPORT_SYMBOL_IF_KUNIT(agx_vm_unbind);

/**
 * agx_vm_current_slot() - the slot a VM is loaded in
 * @vm: the VM.
 *
 * Context: process context; may sleep.
 * Return: 0 for kernel VMs; for user VMs the slot (bound or sticky), or -1 if none.
 */
int agx_vm_current_slot(struct agx_vm *vm)
{
	if (vm->kernel)
		return AGX_UAT_KERNEL_CTX;
	return agx_slots_current(vm->mmu, vm);
}
EXPORT_SYMBOL_IF_KUNIT(agx_vm_current_slot);

static int agx_vm_do_map(struct agx_vm *vm, u64 iova, const phys_addr_t *pages,
			 phys_addr_t base, u64 size, enum agx_prot prot)
{
	int ret = agx_vm_check_range(vm, iova, size);

	if (ret)
		return ret;
	mutex_lock(&vm->lock);
	ret = agx_pgtable_map(&vm->pt, iova, pages, base, size >> AGX_UAT_PGBIT, prot);
	if (ret == -ENOMEM)	/* leaves were written and cleared again */
		agx_slots_inval_range(vm, iova, size);
	agx_pgtable_free_deferred(&vm->pt);
	mutex_unlock(&vm->lock);
	return ret;
}

/**
 * agx_vm_map_pages() - map scattered 16 KiB GPU pages at consecutive GPU VAs
 * @vm: the VM.
 * @iova: GPU VA of the first page (bytes, 16 KiB aligned).
 * @pages: physical address of each 16 KiB GPU page (16 KiB aligned, physically
 *	contiguous over 16 KiB).
 * @npages: number of 16 KiB GPU pages.
 * @prot: protection.
 *
 * The pages stay owned by the caller, who keeps them until they are unmapped.
 *
 * Context: process context; may sleep; takes the VM's lock.
 * Return: 0; -EINVAL for a bad range, protection or physical address; -EEXIST if a page of
 * the range is mapped already; -ENOMEM. On error the tables are unchanged.
 */
int agx_vm_map_pages(struct agx_vm *vm, u64 iova, const phys_addr_t *pages,
		     unsigned long npages, enum agx_prot prot)
{
	if (!pages || !npages || npages > (U64_MAX >> AGX_UAT_PGBIT))
		return -EINVAL;
	return agx_vm_do_map(vm, iova, pages, 0, (u64)npages << AGX_UAT_PGBIT, prot);
}
EXPORT_SYMBOL_IF_KUNIT(agx_vm_map_pages);

/**
 * agx_vm_map() - map a physically contiguous range
 * @vm: the VM.
 * @iova: GPU VA (bytes, 16 KiB aligned).
 * @phys: physical address (16 KiB aligned).
 * @size: size in bytes (a multiple of 16 KiB).
 * @prot: protection.
 *
 * Context: process context; may sleep; takes the VM's lock.
 * Return: as agx_vm_map_pages().
 */
int agx_vm_map(struct agx_vm *vm, u64 iova, phys_addr_t phys, u64 size, enum agx_prot prot)
{
	if ((u64)phys & AGX_UAT_PGMASK)
		return -EINVAL;
	return agx_vm_do_map(vm, iova, NULL, phys, size, prot);
}
EXPORT_SYMBOL_GPL(agx_vm_map);

/**
 * agx_vm_unmap() - unmap a range and invalidate the TLB
 * @vm: the VM.
 * @iova: GPU VA (bytes, 16 KiB aligned).
 * @size: size in bytes (a multiple of 16 KiB).
 *
 * On return the GPU can no longer reach the pages: the caller may free them. Tables
 * emptied by the unmap are freed.
 *
 * Context: process context; may sleep; takes the VM's lock.
 * Return: 0; -EINVAL for a bad range; -ENOENT if a page of the range is not mapped
 * (nothing is unmapped).
 */
int agx_vm_unmap(struct agx_vm *vm, u64 iova, u64 size)
{
	int ret = agx_vm_check_range(vm, iova, size);

	if (ret)
		return ret;
	mutex_lock(&vm->lock);
	ret = agx_pgtable_unmap(&vm->pt, iova, size >> AGX_UAT_PGBIT);
	if (!ret)
		agx_slots_inval_range(vm, iova, size);
	agx_pgtable_free_deferred(&vm->pt);
	mutex_unlock(&vm->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(agx_vm_unmap);

/**
 * agx_vm_remap() - change the protection of a mapped range
 * @vm: the VM.
 * @iova: GPU VA (bytes, 16 KiB aligned).
 * @size: size in bytes (a multiple of 16 KiB).
 * @prot: the new protection.
 *
 * Context: process context; may sleep; takes the VM's lock.
 * Return: 0; -EINVAL for a bad range or protection; -ENOENT if a page of the range is not
 * mapped. On error nothing is changed.
 */
int agx_vm_remap(struct agx_vm *vm, u64 iova, u64 size, enum agx_prot prot)
{
	int ret = agx_vm_check_range(vm, iova, size);

	if (ret)
		return ret;
	mutex_lock(&vm->lock);
	ret = agx_pgtable_remap(&vm->pt, iova, size >> AGX_UAT_PGBIT, prot);
	if (!ret)
		agx_slots_inval_range(vm, iova, size);
	mutex_unlock(&vm->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(agx_vm_remap);
