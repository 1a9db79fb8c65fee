/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko memory access: the simulated firmware reaches driver memory only by walking
 * the UAT page tables from the TTBAT, as the hardware does. See driver/sim/mem.c and
 * Documentation/agx-mmu.rst.
 */
#ifndef _AGX_SIM_MEM_H_
#define _AGX_SIM_MEM_H_

#include <linux/atomic.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <agx/tlb.h>
#include <agx/uat.h>

/**
 * enum agx_sim_access - kind of access
 * @AGX_SIM_READ: read.
 * @AGX_SIM_WRITE: write.
 */
enum agx_sim_access {
	AGX_SIM_READ = 1,
	AGX_SIM_WRITE = 2,
};

/**
 * enum agx_sim_fault_reason - why a translation failed
 * @AGX_SIM_FAULT_NONE: no fault.
 * @AGX_SIM_FAULT_UNMAPPED: no valid TTBR or descriptor (or a non-canonical VA, or a
 *	descriptor pointing outside memory).
 * @AGX_SIM_FAULT_ASID: the TTBR's ASID is not the slot.
 * @AGX_SIM_FAULT_AF: the leaf's access flag is clear.
 * @AGX_SIM_FAULT_PERM: the leaf's permissions forbid the access.
 */
enum agx_sim_fault_reason {
	AGX_SIM_FAULT_NONE,
	AGX_SIM_FAULT_UNMAPPED,
	AGX_SIM_FAULT_ASID,
	AGX_SIM_FAULT_AF,
	AGX_SIM_FAULT_PERM,
};

/**
 * struct agx_sim_fault - what the simulated MMU reports on a fault
 * @va: faulting GPU VA.
 * @slot: TTBAT slot (VM context) of the access.
 * @level: table level of the fault: 3 = TTBR, 2 = root, 1, 0 = leaf.
 * @reason: why.
 * @fw: the access came from the firmware (else from the GPU).
 * @access: &enum agx_sim_access.
 * @allowed: with %AGX_SIM_FAULT_PERM, the accesses the leaf allows (&enum agx_sim_access
 *	bits, 0 for none): what tells a read-only from a write-only or a no-access fault.
 */
struct agx_sim_fault {
	u64 va;
	u32 slot;
	int level;
	enum agx_sim_fault_reason reason;
	bool fw;
	u32 access;
	u32 allowed;
};

/**
 * struct agx_sim_mem - the simulated firmware's view of memory
 * @ttbat_phys: physical address of the TTBAT (given by the driver, as in initdata).
 * @handoff_phys: physical address of the handoff region.
 * @tlb: the TLB whose invalidations wait for this view's accesses (&agx_sim_tlb.walks),
 *	or NULL when no driver frees memory under the accesses (unit tests of the walk).
 *
 * Owned by the simulator; holds no reference to driver objects.
 */
struct agx_sim_mem {
	phys_addr_t ttbat_phys;
	phys_addr_t handoff_phys;
	struct agx_sim_tlb *tlb;
};

/* Translations changed under the TLB remembered at once, until checked (tlb.c). */
#define AGX_SIM_TLB_STALE_MAX	16

/**
 * struct agx_sim_tlb_stale - a translation that changed while the TLB still held it
 * @key: the TLB entry's key (slot, VA half, GPU page).
 * @slot: its TTBAT slot.
 * @va: the GPU VA of the access that found the change.
 * @was: the leaf descriptor the TLB holds.
 * @now: the leaf descriptor the tables hold now (0: none, the walk faults).
 * @since: when it was first seen (jiffies).
 */
struct agx_sim_tlb_stale {
	unsigned long key;
	u32 slot;
	u64 va;
	u64 was;
	u64 now;
	unsigned long since;
};

/**
 * struct agx_sim_tlb - the simulator's TLB backend: counts invalidations
 * @all: number of invalidate-all calls.
 * @asid: number of per-ASID invalidations.
 * @range: number of range invalidations.
 * @range_bytes: bytes covered by range invalidations.
 * @last_asid: ASID of the last per-ASID or range invalidation.
 * @walks: held for reading by each translation together with the access that uses it;
 *	every invalidation takes it for writing once, so it returns only after the accesses
 *	that may have used the old translation. A real TLB invalidation gives the same
 *	guarantee, on which the driver frees pages and tables once it returns.
 * @entries: the shadow TLB: for each page the simulator accessed since its last
 *	invalidation, the leaf descriptor it was accessed through (xa_mk_value(leaf >> 1));
 *	an invalidation erases what it covers.
 * @stale_lock: protects @stale and @nr_stale.
 * @stale: translations found changed while @entries still held them, oldest first.
 * @nr_stale: entries of @stale in use.
 * @check: the shadow TLB is kept (agx_sim_tlb_init() sets it).
 *
 * Owned by whoever creates the MMU with &agx_sim_tlb_ops; must outlive it. Initialized
 * with agx_sim_tlb_init(), torn down with agx_sim_tlb_fini().
 */
struct agx_sim_tlb {
	atomic_t all;
	atomic_t asid;
	atomic_t range;
	atomic64_t range_bytes;
	atomic_t last_asid;
	rwlock_t walks;
	struct xarray entries;
	spinlock_t stale_lock;	/* protects @stale and @nr_stale */
	struct agx_sim_tlb_stale stale[AGX_SIM_TLB_STALE_MAX];
	unsigned int nr_stale;
	bool check;
};

extern const struct agx_tlb_ops agx_sim_tlb_ops;

void agx_sim_tlb_init(struct agx_sim_tlb *tlb);
void agx_sim_tlb_fini(struct agx_sim_tlb *tlb);
void agx_sim_tlb_note(struct agx_sim_tlb *tlb, u32 slot, u64 va, u64 leaf);
bool agx_sim_tlb_take_stale(struct agx_sim_tlb *tlb, struct agx_sim_tlb_stale *out);
void agx_sim_mem_init(struct agx_sim_mem *mem, phys_addr_t ttbat, phys_addr_t handoff,
		      struct agx_sim_tlb *tlb);
bool agx_sim_perm_ok(u64 pte, u32 access, bool fw);
int agx_sim_walk(const struct agx_sim_mem *mem, u32 slot, u64 va, u64 *leaf,
		 struct agx_sim_fault *fault);
int agx_sim_translate(const struct agx_sim_mem *mem, u32 slot, u64 va, u32 access, bool fw,
		      phys_addr_t *phys, struct agx_sim_fault *fault);
int agx_sim_touch(const struct agx_sim_mem *mem, u32 slot, u64 va, u32 access, bool fw,
		  struct agx_sim_fault *fault);
int agx_sim_copy_from_gpu(const struct agx_sim_mem *mem, u32 slot, void *dst, u64 va,
			  size_t len, bool fw, struct agx_sim_fault *fault);
int agx_sim_copy_to_gpu(const struct agx_sim_mem *mem, u32 slot, u64 va, const void *src,
			size_t len, bool fw, struct agx_sim_fault *fault);
int agx_sim_check_object(const struct agx_sim_mem *mem, u64 obj_va);
void agx_sim_handoff_lock(const struct agx_sim_mem *mem);
void agx_sim_handoff_unlock(const struct agx_sim_mem *mem);

#endif /* _AGX_SIM_MEM_H_ */
