// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: TTBAT slots and VM binding
 *
 * The TTBAT has 64 slots of {ttb0, ttb1}; slot 0 is the kernel (ttb0 = kernel-lower VM,
 * ttb1 = kernel-upper VM) and slots 1..63 hold user VMs (asahi-agx-driver.md §3.2). A
 * TTBR value is the root table's physical address, the valid bit, and the ASID (= slot) in
 * bits 48 and up.
 *
 * A user VM is loaded in a slot only while something needs the GPU to see it: a *bind
 * reference* (agx_vm_bind(); a running job holds one) keeps the slot. The first bind takes
 * a slot, the last unbind releases it. Release is *sticky*: the VM stays loaded in the slot
 * (its TTBAT entry stays valid) so that binding it again needs no TTBAT write and no TLB
 * invalidation, unless another VM has stolen the slot in between. A VM that needs a slot
 * takes the free (unbound) slot used least recently; slots never used come first. If all
 * usable user slots are bound, agx_vm_bind() fails with -EBUSY.
 *
 * A slot change is written under the handoff lock and followed by an invalidation of the
 * slot's ASID. A VM freed while still sticky in a slot clears that slot's entry.
 *
 * Layering: this file keeps the slot table only; it takes no VM reference and calls no
 * function of vm.c. The VM API (agx_vm_bind(), agx_vm_unbind(), agx_vm_current_slot()) is
 * vm.c's, which takes and drops the VM reference around agx_slots_bind() and
 * agx_slots_unbind(); the VM's release calls agx_slots_release_vm().
 *
 * Locking: &agx_mmu.slot_lock (a mutex) protects the slot table, the LRU clock and each
 * VM's @slot and @bind_count; it nests inside a VM's lock and outside the handoff spinlock.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/lockdep.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <kunit/visibility.h>

#include "slots.h"
#include "handoff.h"

/**
 * agx_vm_ttbr() - the TTBR value that loads a VM's root in a slot
 * @vm: the VM.
 * @slot: the TTBAT slot (= ASID), 0..63.
 *
 * Context: any.
 * Return: root physical address | VALID | slot << 48 (asahi-agx-driver.md §3.2).
 */
u64 agx_vm_ttbr(struct agx_vm *vm, unsigned int slot)
{
	return ((u64)vm->pt.root_phys & AGX_TTBR_BADDR_MASK) | AGX_TTBR_VALID |
		((u64)slot << AGX_TTBR_ASID_SHIFT);
}
EXPORT_SYMBOL_IF_KUNIT(agx_vm_ttbr);

struct agx_ttbat_write {
	struct agx_ttbat_entry *entry;
	u64 ttb0;
	u64 ttb1;
};

static void agx_ttbat_write_locked(void *arg)
{
	struct agx_ttbat_write *w = arg;

	WRITE_ONCE(w->entry->ttb0, w->ttb0);
	WRITE_ONCE(w->entry->ttb1, w->ttb1);
}

/*
 * Write a TTBAT slot under the handoff lock, then invalidate its ASID. With @force the
 * entry is written even if the firmware does not release the lock (teardown).
 */
static int agx_ttbat_write(struct agx_mmu *mmu, unsigned int slot, u64 ttb0, u64 ttb1,
			   bool force)
{
	struct agx_ttbat_write w = { &mmu->ttbat[slot], ttb0, ttb1 };
	int ret;

	lockdep_assert_held(&mmu->slot_lock);
	ret = agx_handoff_run(mmu, agx_ttbat_write_locked, &w);
	if (ret && !force)
		return ret;
	if (ret) {
		pr_err("agx: handoff lock timeout, clearing TTBAT slot %u anyway\n", slot);
		agx_ttbat_write_locked(&w);
	}
	if (!mmu->tlb_detached)
		mmu->cfg.tlb->inval_asid(mmu->cfg.tlb_priv, slot);
	return 0;
}

/* The unbound user slot used least recently, or -1 if every usable slot is bound. */
static int agx_slot_pick(struct agx_mmu *mmu)
{
	int best = -1;
	unsigned int i;

	lockdep_assert_held(&mmu->slot_lock);
	for (i = 1; i <= mmu->max_user_slots; i++) {
		struct agx_slot *s = &mmu->slots[i];

		if (s->vm && s->vm->bind_count)
			continue;
		if (best < 0 || s->last_used < mmu->slots[best].last_used)
			best = i;
	}
	return best;
}

/* Load @vm in a slot, stealing the least recently used one. */
static int agx_slot_take(struct agx_mmu *mmu, struct agx_vm *vm)
{
	int slot = agx_slot_pick(mmu);
	struct agx_vm *old;
	int ret;

	lockdep_assert_held(&mmu->slot_lock);
	if (slot < 0)
		return -EBUSY;
	ret = agx_ttbat_write(mmu, slot, agx_vm_ttbr(vm, slot), 0, false);
	if (ret)
		return ret;
	old = mmu->slots[slot].vm;
	if (old)
		old->slot = -1;
	mmu->slots[slot].vm = vm;
	vm->slot = slot;
	return 0;
}

/**
 * agx_slots_bind() - the slot side of agx_vm_bind(): count a bind of a user VM
 * @mmu: the MMU.
 * @vm: a user VM; the caller (vm.c) takes the VM reference that goes with the bind.
 *
 * The first bind loads the VM in a slot (its sticky one if it still has it, else the least
 * recently used free one).
 *
 * Context: process context; may sleep (takes &agx_mmu.slot_lock).
 * Return: the slot (1..63); -EBUSY if every usable user slot is bound by other VMs;
 * -ETIMEDOUT if the firmware holds the handoff lock. On error nothing is counted and the
 * TTBAT is unchanged.
 */
int agx_slots_bind(struct agx_mmu *mmu, struct agx_vm *vm)
{
	int ret = 0;

	mutex_lock(&mmu->slot_lock);
	if (!vm->bind_count && vm->slot < 0)
		ret = agx_slot_take(mmu, vm);
	if (!ret) {
		if (!vm->bind_count++)
			mmu->slots[vm->slot].last_used = ++mmu->lru_clock;
		ret = vm->slot;
	}
	mutex_unlock(&mmu->slot_lock);
	return ret;
}

/**
 * agx_slots_unbind() - the slot side of agx_vm_unbind(): drop a bind of a user VM
 * @mmu: the MMU.
 * @vm: a user VM bound with agx_slots_bind().
 *
 * At the last unbind the slot becomes free for other VMs but stays loaded (sticky).
 *
 * Context: process context; may sleep (takes &agx_mmu.slot_lock).
 * Return: 0, or -EINVAL (and a warning) if @vm is not bound: the caller keeps its VM
 * reference then.
 */
int agx_slots_unbind(struct agx_mmu *mmu, struct agx_vm *vm)
{
	int ret = 0;

	mutex_lock(&mmu->slot_lock);
	if (WARN_ON_ONCE(!vm->bind_count))	/* unbind without bind: driver bug */
		ret = -EINVAL;
	else if (!--vm->bind_count)
		mmu->slots[vm->slot].last_used = ++mmu->lru_clock;
	mutex_unlock(&mmu->slot_lock);
	return ret;
}

/**
 * agx_slots_current() - the slot a user VM is loaded in
 * @mmu: the MMU.
 * @vm: a user VM.
 *
 * Context: process context; may sleep (takes &agx_mmu.slot_lock).
 * Return: the slot (bound or sticky), or -1 if none.
 */
int agx_slots_current(struct agx_mmu *mmu, struct agx_vm *vm)
{
	int slot;

	mutex_lock(&mmu->slot_lock);
	slot = vm->slot;
	mutex_unlock(&mmu->slot_lock);
	return slot;
}

/**
 * agx_slots_inval_range() - invalidate a VM's TLB entries for a range
 * @vm: the VM.
 * @iova: first GPU VA (bytes).
 * @size: size in bytes.
 *
 * Nothing to do when the VM is in no slot (loading it invalidates its ASID).
 *
 * Context: process context; may sleep (takes &agx_mmu.slot_lock).
 */
void agx_slots_inval_range(struct agx_vm *vm, u64 iova, u64 size)
{
	struct agx_mmu *mmu = vm->mmu;

	mutex_lock(&mmu->slot_lock);
	if (vm->slot >= 0 && !mmu->tlb_detached)
		mmu->cfg.tlb->inval_range(mmu->cfg.tlb_priv, vm->slot, iova, size);
	mutex_unlock(&mmu->slot_lock);
}

/**
 * agx_slots_release_vm() - unload a dying VM from its sticky slot
 * @mmu: the MMU.
 * @vm: a user VM with no bind reference left (it is being freed).
 *
 * Clears the TTBAT entry (even if the firmware does not release the handoff lock) and
 * invalidates the ASID, so the GPU can no longer reach the VM's tables.
 *
 * Context: process context; may sleep.
 */
void agx_slots_release_vm(struct agx_mmu *mmu, struct agx_vm *vm)
{
	mutex_lock(&mmu->slot_lock);
	if (vm->slot > 0) {
		agx_ttbat_write(mmu, vm->slot, 0, 0, true);
		mmu->slots[vm->slot].vm = NULL;
		vm->slot = -1;
	}
	mutex_unlock(&mmu->slot_lock);
}

/**
 * agx_mmu_set_user_slots() - limit the number of user slots (robust isolation)
 * @mmu: the MMU.
 * @n: usable user slots, 1..63 (1 serializes all user VMs).
 *
 * Slots above @n keep their VMs until those are freed but are not handed out any more.
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL if @n is out of range.
 */
int agx_mmu_set_user_slots(struct agx_mmu *mmu, unsigned int n)
{
	if (n < 1 || n > AGX_UAT_USER_CTX)
		return -EINVAL;
	mutex_lock(&mmu->slot_lock);
	mmu->max_user_slots = n;
	mutex_unlock(&mmu->slot_lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_mmu_set_user_slots);
