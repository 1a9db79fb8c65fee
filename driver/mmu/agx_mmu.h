/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko GPU memory management: UAT page tables, VM contexts and TTBAT slots, the handoff
 * lock, TLB invalidation and the firmware-object allocators. The model is described in
 * Documentation/agx-mmu.rst; every function is documented where it is defined.
 *
 * The public header of driver/mmu, for its users outside the folder (driver/fw,
 * driver/queue, the tests): the shared types and the interface of every file. The files of
 * driver/mmu include only the headers they need, never this one.
 */
#ifndef _AGX_MMU_H_
#define _AGX_MMU_H_

#include "agx_mmu_types.h"
#include "mmu.h"
#include "alloc.h"
#include "vm.h"
#include "slots.h"
#include "handoff.h"
#include "pgtable.h"
#include "tlb.h"

/*
 * The kernel range of the VMs the in-kernel tests, the soak and the benchmark create
 * themselves (userspace names its own at VM_CREATE): the top 64 MiB of the user VA space,
 * above everything they map, for agx_heap_create().
 */
#define AGX_TEST_HEAP_START	(AGX_UVA_END - SZ_64M)
#define AGX_TEST_HEAP_END	AGX_UVA_END

/**
 * DOC: Memory management model
 *
 * One &struct agx_mmu per GPU, created by its user (the GPU in driver/fw, or a test) with a
 * TLB backend and a firmware cache-flush callback (&struct agx_mmu_config). It owns the
 * TTBAT and the handoff region (driver memory whose physical addresses are all the
 * firmware gets), the two kernel VMs of slot 0, the slot table and the five
 * firmware-object pools of the kernel-upper VM. A &struct agx_vm is one GPU address space
 * (a &struct agx_pgtable tree and a VA range), refcounted, loaded in a TTBAT slot while
 * bound; it does not own the pages it maps. A &struct agx_fwobj is an object of a pool,
 * owned by its allocator's caller until agx_fwobj_free(), then by the pool until its
 * garbage is collected.
 *
 * The files form layers; a file calls functions of the files below it only
 * (scripts/calls.py checks it on the built objects in ``make lint``, and checks that a file
 * includes the header of no file above it):
 *
 * ========== ==========================================================================
 * mmu.c      the MMU: TTBAT, handoff region, kernel VMs, pools; calls alloc, vm, slots
 * alloc.c    firmware-object pools and user-VM heaps; calls vm (map, unmap)
 * vm.c       VMs: references, bind / unbind, map / unmap / remap; calls slots, pgtable
 * slots.c    the TTBAT slot table (LRU, sticky slots, TLB invalidation); calls handoff;
 *            takes no VM reference
 * handoff.c  the handoff lock shared with the firmware (leaf)
 * pgtable.c  UAT page tables (leaf)
 * tlb.c      the arm64 TLB backend (leaf)
 * ========== ==========================================================================
 *
 * Each file's interface is its header (mmu.h, alloc.h, vm.h, slots.h, handoff.h, pgtable.h,
 * tlb.h); the types they share are in agx_mmu_types.h. Calls upward go through the
 * creator's callbacks: the TLB backend and the firmware cache flush.
 */

/**
 * DOC: Locking
 *
 * Locks of an MMU, outermost first (each may be taken under the ones above it, never the
 * other way round):
 *
 * 1. &agx_pool.lock (mutex, one per pool): a pool's allocator; the pool maps a new backing
 *    block into the kernel VM under it (agx_vm_map_pages()), so a VM's lock nests inside.
 * 2. &agx_vm.lock (mutex): a VM's page tables (map, unmap, remap); the tables are allocated
 *    under it (GFP_KERNEL) and the TLB invalidation that follows a change is made under it.
 * 3. &agx_mmu.slot_lock (mutex): the slot table, the LRU clock, every VM's @slot and
 *    @bind_count, and &agx_mmu.tlb_detached; every TLB backend call is made under it, which
 *    is what agx_mmu_detach() relies on.
 * 4. &agx_mmu.handoff_lock (spinlock, innermost): the CPU side of the handoff lock; the
 *    TTBAT is written under it, without sleeping.
 *
 * The firmware cache flush (&agx_mmu_config.flush_fw_cache, device control in driver/fw)
 * is called with none of them held. Functions that need a lock assert it with
 * lockdep_assert_held(); the page-table functions of pgtable.c need the lock of the VM
 * that embeds the tree (they cannot name it: vm.c takes it around every call).
 */

#endif /* _AGX_MMU_H_ */
