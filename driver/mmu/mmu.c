// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Device-level MMU
 *
 * &struct agx_mmu gathers what exists once per GPU: the TTBAT, the handoff region, the
 * kernel VMs of slot 0, the user-slot allocator and the firmware-object pools.
 *
 * On hardware the TTBAT and the handoff region are reserved memory regions named by the
 * device tree ("ttbs" and "handoff", asahi-agx-driver.md §3.2), mapped by the bus layer
 * and passed in &agx_mmu_config.regions; the MMU writes them but never frees them. With
 * the simulator they are ordinary driver allocations; their physical addresses
 * (@ttbat_phys, @handoff_phys) are what the firmware is given, and all the simulated
 * firmware ever gets: it walks from the TTBAT like the hardware does. The kernel's TTBR1
 * root is always a driver allocation (the "pagetables" region of the device tree is not
 * used yet: Documentation/agx-firmware.rst, "Real hardware").
 *
 * Ownership: the creator owns the MMU and destroys it after dropping all its user VMs and
 * freeing all its firmware objects. The MMU owns the kernel VMs and the pools. The GPU
 * (driver/fw) keeps its MMU until its last reference goes, which may be after the device
 * is unbound: agx_mmu_detach() then cuts the MMU off the TLB backend.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "mmu.h"
#include "alloc.h"
#include "vm.h"
#include "slots.h"

static void agx_mmu_free(struct agx_mmu *mmu)
{
	agx_vm_put(mmu->kernel_vm);
	agx_vm_put(mmu->kernel_lo);
	if (!mmu->cfg.regions) {
		kfree(mmu->handoff);
		kfree(mmu->ttbat);
	}
	mutex_destroy(&mmu->slot_lock);
	kfree(mmu);
}

/* Allocate the firmware-shared regions and the kernel VMs; NULL members on failure. */
static int agx_mmu_alloc(struct agx_mmu *mmu)
{
	const struct agx_mmu_regions *r = mmu->cfg.regions;

	if (r) {
		/* reserved regions: the firmware may have left anything there */
		mmu->ttbat = r->ttbat;
		mmu->ttbat_phys = r->ttbat_phys;
		mmu->handoff = r->handoff;
		mmu->handoff_phys = r->handoff_phys;
		memset(mmu->ttbat, 0, AGX_UAT_NUM_CTX * sizeof(*mmu->ttbat));
		/*
		 * Not the whole handoff: the firmware, started before probe maps it, may
		 * have published magic_fw and holds its half of the lock (the Asahi
		 * driver's handoff init resets only these, mmu.rs).
		 */
		WRITE_ONCE(mmu->handoff->cur_slot, 0);
		WRITE_ONCE(mmu->handoff->unk3, 0);
		memset(mmu->handoff->flush, 0, sizeof(mmu->handoff->flush));
	} else {
		mmu->ttbat = kcalloc(AGX_UAT_NUM_CTX, sizeof(*mmu->ttbat), GFP_KERNEL);
		mmu->handoff = kzalloc(sizeof(*mmu->handoff), GFP_KERNEL);
		if (!mmu->ttbat || !mmu->handoff)
			return -ENOMEM;
		mmu->ttbat_phys = virt_to_phys(mmu->ttbat);
		mmu->handoff_phys = virt_to_phys(mmu->handoff);
	}
	mmu->kernel_lo = agx_vm_alloc(mmu, 0, AGX_UVA_END - 1, true, false);
	if (!mmu->kernel_lo)
		return -ENOMEM;
	if (r && r->pagetables)
		mmu->kernel_vm = agx_vm_alloc_at(mmu, AGX_KVA_DRIVER_START, AGX_KVA_DRIVER_LAST,
						 true, true, r->pagetables, r->pagetables_phys);
	else
		mmu->kernel_vm = agx_vm_alloc(mmu, AGX_KVA_BASE, U64_MAX, true, true);
	return mmu->kernel_vm ? 0 : -ENOMEM;
}

/**
 * agx_mmu_create() - create the device-level GPU MMU
 * @dev: the GPU device, used for messages only; may be NULL (tests).
 * @cfg: TLB backend, firmware cache flush, debug options; copied.
 *
 * Allocates the TTBAT and the handoff region (zeroed, with magic_ap written), creates the
 * kernel VMs and loads them in slot 0, and sets up the five firmware-object pools (which
 * allocate their backing memory on demand).
 *
 * Context: process context; may sleep.
 * Return: the MMU, owned by the caller until agx_mmu_destroy(); ERR_PTR(-EINVAL) without a
 * TLB backend; ERR_PTR(-ENOMEM). Nothing is left allocated on error.
 */
struct agx_mmu *agx_mmu_create(struct device *dev, const struct agx_mmu_config *cfg)
{
	struct agx_mmu *mmu;
	int ret;

	if (!cfg || !cfg->tlb)
		return ERR_PTR(-EINVAL);
	mmu = kzalloc(sizeof(*mmu), GFP_KERNEL);
	if (!mmu)
		return ERR_PTR(-ENOMEM);
	mmu->dev = dev;
	mmu->cfg = *cfg;
	mmu->max_user_slots = AGX_UAT_USER_CTX;
	spin_lock_init(&mmu->handoff_lock);
	mutex_init(&mmu->slot_lock);
	atomic_long_set(&mmu->nr_chunks, 0);
	ret = agx_mmu_alloc(mmu);
	if (ret) {
		agx_mmu_free(mmu);
		return ERR_PTR(ret);
	}
	/* Slot 0 = kernel: asahi-agx-driver.md §3.2. The firmware is not running yet. */
	mmu->ttbat[AGX_UAT_KERNEL_CTX].ttb0 = agx_vm_ttbr(mmu->kernel_lo, AGX_UAT_KERNEL_CTX);
	mmu->ttbat[AGX_UAT_KERNEL_CTX].ttb1 = agx_vm_ttbr(mmu->kernel_vm, AGX_UAT_KERNEL_CTX);
	mmu->handoff->magic_ap = AGX_PPL_MAGIC;
	agx_pools_init(mmu);
	return mmu;
}
EXPORT_SYMBOL_IF_KUNIT(agx_mmu_create);

/**
 * agx_mmu_destroy() - tear down the MMU
 * @mmu: the MMU (NULL or an error pointer is ignored). Every user VM must have been put
 *	and every firmware object freed; garbage not yet collected is freed here.
 *
 * Context: process context; may sleep. The firmware must be stopped.
 */
void agx_mmu_destroy(struct agx_mmu *mmu)
{
	unsigned int i;

	if (IS_ERR_OR_NULL(mmu))
		return;
	agx_pools_fini(mmu);
	for (i = 1; i < AGX_UAT_NUM_CTX; i++)
		if (mmu->slots[i].vm)
			dev_err(mmu->dev, "agx: user VM still in slot %u at teardown\n", i);
	mmu->ttbat[AGX_UAT_KERNEL_CTX].ttb0 = 0;
	mmu->ttbat[AGX_UAT_KERNEL_CTX].ttb1 = 0;
	if (!mmu->tlb_detached)
		mmu->cfg.tlb->inval_all(mmu->cfg.tlb_priv);
	agx_mmu_free(mmu);
}
EXPORT_SYMBOL_IF_KUNIT(agx_mmu_destroy);

/**
 * agx_mmu_detach() - the GPU is gone: stop calling the TLB backend
 * @mmu: the MMU; it lives on for the VMs and firmware objects still referenced.
 *
 * After a device unbind the backend (the simulator's, which may be unloaded) and its
 * private data no longer exist, and there is no GPU TLB left to invalidate. Every backend
 * call is made under @slot_lock, so once this returns none is running or will run.
 *
 * Context: process context; sleeps (takes @slot_lock).
 */
void agx_mmu_detach(struct agx_mmu *mmu)
{
	mutex_lock(&mmu->slot_lock);
	mmu->tlb_detached = true;
	mutex_unlock(&mmu->slot_lock);
}
