// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated firmware memory access
 *
 * The simulated firmware knows two physical addresses, the TTBAT and the handoff region,
 * as the real firmware learns them from initdata. Every access to driver memory goes
 * through agx_sim_translate(), which does what the UAT hardware does
 * (asahi-agx-driver.md §3.1, §3.2, §6.2):
 *
 * 1. pick the TTBAT entry of the slot, ttb1 for upper-half VAs and ttb0 for lower-half
 *    ones (a VA whose bits 63..39 are neither all ones nor all zeroes faults);
 * 2. require the TTBR's valid bit and ASID == slot;
 * 3. walk L2, L1, L0 with 11-bit indices from bit 36, 25 and 14 of the VA masked to
 *    39 bits; every descriptor must have both low bits set;
 * 4. at the leaf require the access flag, then check the permission table: AP bits 6-7,
 *    index (UXN << 1) | PXN, and bit 55 set, with the firmware or the GPU column.
 *
 * A failure returns -EFAULT and fills &struct agx_sim_fault with the VA, slot, level
 * (3 for the TTBR) and reason. Tables and pages are read through the kernel's linear map
 * of the physical addresses found in the descriptors (64-bit kernels have no highmem); a
 * descriptor pointing outside RAM faults instead of being followed.
 *
 * The simulated MMU has no TLB: every access walks the tables, so an unmap is visible at
 * once, and the driver's invalidations are counted (agx_sim_tlb_ops) so that tests can
 * check they happen. Each copy also tells the shadow TLB the leaf it used
 * (agx_sim_tlb_note()), which finds translations changed without an invalidation (tlb.c),
 * and so does a GPU access without data (agx_sim_touch(): the attachments' writes); the
 * bare translations of agx_sim_translate() (checks that something is mapped: the buffer
 * manager's blocks, the control page) are not recorded.
 *
 * What an invalidation must still do is wait: a copy translates a page
 * and then reads or writes it, and the driver frees the page (or a table) as soon as its
 * invalidation returns. So each page's translation and access hold &agx_sim_tlb.walks for
 * reading, and an invalidation takes it for writing (tlb.c): a job whose range is unmapped
 * under it either completes that page's access first or faults, and never reaches a freed
 * page.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/processor.h>
#include <linux/string.h>

#include "agx_sim_mem.h"

#define R AGX_SIM_READ
#define W AGX_SIM_WRITE

/*
 * Allowed accesses by [AP][(UXN << 1) | PXN] with bit 55 set: asahi-agx-driver.md §3.1.
 * The firmware's AP 0 / index 2 entry is "?" in the reference: treated as no access.
 */
static const u8 agx_sim_gpu_perm[4][4] = {
	{ 0, R, W, R | W },
	{ 0, 0, 0, R },
	{ R, W, R | W, 0 },
	{ 0, 0, 0, 0 },
};

static const u8 agx_sim_fw_perm[4][4] = {
	{ 0, R, 0, R | W },
	{ R, 0, R | W, R | W },
	{ 0, 0, 0, 0 },
	{ 0, 0, 0, 0 },
};

#undef R
#undef W

/**
 * agx_sim_mem_init() - set up the simulator's view of memory
 * @mem: the view to initialize.
 * @ttbat: physical address of the TTBAT.
 * @handoff: physical address of the handoff region.
 * @tlb: the TLB backend the driver invalidates, initialized; NULL if none.
 *
 * Context: any.
 */
void agx_sim_mem_init(struct agx_sim_mem *mem, phys_addr_t ttbat, phys_addr_t handoff,
		      struct agx_sim_tlb *tlb)
{
	mem->ttbat_phys = ttbat;
	mem->handoff_phys = handoff;
	mem->tlb = tlb;
}
EXPORT_SYMBOL_GPL(agx_sim_mem_init);

/**
 * agx_sim_perm_allowed() - the accesses a leaf descriptor allows
 * @pte: the leaf descriptor.
 * @fw: for the firmware (else for the GPU).
 *
 * Context: any.
 * Return: %AGX_SIM_READ, %AGX_SIM_WRITE, both or 0; 0 without bit 55 (OS).
 */
static u32 agx_sim_perm_allowed(u64 pte, bool fw)
{
	unsigned int ap = (pte & AGX_PTE_AP_MASK) >> AGX_PTE_AP_SHIFT;
	unsigned int idx = (pte & AGX_PTE_UXN ? 2 : 0) | (pte & AGX_PTE_PXN ? 1 : 0);

	if (!(pte & AGX_PTE_OS))
		return 0;
	return fw ? agx_sim_fw_perm[ap][idx] : agx_sim_gpu_perm[ap][idx];
}

/**
 * agx_sim_perm_ok() - may a leaf descriptor be accessed this way?
 * @pte: the leaf descriptor.
 * @access: %AGX_SIM_READ, %AGX_SIM_WRITE or both.
 * @fw: the firmware accesses (else the GPU).
 *
 * Context: any.
 * Return: true if every access in @access is allowed.
 */
bool agx_sim_perm_ok(u64 pte, u32 access, bool fw)
{
	return access && !(access & ~agx_sim_perm_allowed(pte, fw));
}
EXPORT_SYMBOL_GPL(agx_sim_perm_ok);

static int agx_sim_fault(struct agx_sim_fault *fault, int level,
			 enum agx_sim_fault_reason reason)
{
	fault->level = level;
	fault->reason = reason;
	return -EFAULT;
}

static bool agx_sim_va_canonical(u64 va)
{
	u64 top = va >> AGX_UAT_IAS;

	return !top || top == (U64_MAX >> AGX_UAT_IAS);
}

/*
 * Is the 16 KiB-aligned physical range at @phys RAM the simulator may read? With
 * SPARSEMEM, pfn_valid() answers for a whole subsection (2 MiB) at the finest, which a
 * 16 KiB-aligned range never straddles: its first page answers for all of it. The walk
 * asks once per level of every access, so the second lookup is worth saving.
 */
static bool agx_sim_phys_ok(phys_addr_t phys)
{
#ifdef CONFIG_SPARSEMEM
	BUILD_BUG_ON(SUBSECTION_SHIFT < AGX_UAT_PGBIT);
	return pfn_valid(PHYS_PFN(phys));
#else
	return pfn_valid(PHYS_PFN(phys)) && pfn_valid(PHYS_PFN(phys + AGX_UAT_PGSZ - 1));
#endif
}

/* The TTBR the hardware would use for @va in @slot. */
static u64 agx_sim_ttbr(const struct agx_sim_mem *mem, u32 slot, u64 va)
{
	struct agx_ttbat_entry *tt = phys_to_virt(mem->ttbat_phys);

	return (va >> 63) ? READ_ONCE(tt[slot].ttb1) : READ_ONCE(tt[slot].ttb0);
}

/**
 * agx_sim_walk() - walk the page tables to the leaf descriptor of a GPU VA
 * @mem: the simulator's view of memory.
 * @slot: TTBAT slot (VM context) of the access: 0 for the firmware's kernel accesses.
 * @va: the GPU VA.
 * @leaf: on success, the valid leaf descriptor (not checked: access flag, permissions,
 *	and whether its output is RAM are the caller's to check).
 * @fault: filled on failure: where and why.
 *
 * Context: any; does not sleep. Reads the tables without locks, as the hardware does.
 * Return: 0, or -EFAULT with @fault filled.
 */
int agx_sim_walk(const struct agx_sim_mem *mem, u32 slot, u64 va, u64 *leaf,
		 struct agx_sim_fault *fault)
{
	u64 iva = va & AGX_UAT_IAS_MASK, desc, tbl;
	int lvl;

	if (slot >= AGX_UAT_NUM_CTX || !agx_sim_va_canonical(va))
		return agx_sim_fault(fault, 3, AGX_SIM_FAULT_UNMAPPED);
	desc = agx_sim_ttbr(mem, slot, va);
	if (!(desc & AGX_TTBR_VALID))
		return agx_sim_fault(fault, 3, AGX_SIM_FAULT_UNMAPPED);
	if ((desc & AGX_TTBR_ASID_MASK) >> AGX_TTBR_ASID_SHIFT != slot)
		return agx_sim_fault(fault, 3, AGX_SIM_FAULT_ASID);
	tbl = desc & AGX_TTBR_BADDR_MASK;
	for (lvl = AGX_UAT_LEVELS - 1; lvl >= 0; lvl--) {
		if (!agx_sim_phys_ok(tbl))
			return agx_sim_fault(fault, lvl, AGX_SIM_FAULT_UNMAPPED);
		desc = READ_ONCE(((u64 *)phys_to_virt(tbl))[AGX_UAT_IDX(iva, lvl)]);
		if ((desc & AGX_PTE_TYPE_MASK) != AGX_PTE_TYPE_MASK)
			return agx_sim_fault(fault, lvl, AGX_SIM_FAULT_UNMAPPED);
		tbl = desc & AGX_PTE_OA_MASK;
	}
	*leaf = desc;
	return 0;
}
EXPORT_SYMBOL_GPL(agx_sim_walk);

/* agx_sim_translate(), and *@leaf the leaf descriptor found (0: the walk faulted first). */
static int agx_sim_translate_leaf(const struct agx_sim_mem *mem, u32 slot, u64 va, u32 access,
				  bool fw, phys_addr_t *phys, u64 *leaf,
				  struct agx_sim_fault *fault)
{
	u64 desc, tbl;

	*leaf = 0;
	*fault = (struct agx_sim_fault){ .va = va, .slot = slot, .fw = fw, .access = access };
	if (agx_sim_walk(mem, slot, va, &desc, fault))
		return -EFAULT;
	*leaf = desc;
	tbl = desc & AGX_PTE_OA_MASK;
	if (!agx_sim_phys_ok(tbl))
		return agx_sim_fault(fault, 0, AGX_SIM_FAULT_UNMAPPED);
	if (!(desc & AGX_PTE_AF))
		return agx_sim_fault(fault, 0, AGX_SIM_FAULT_AF);
	if (!agx_sim_perm_ok(desc, access, fw)) {
		fault->allowed = agx_sim_perm_allowed(desc, fw);
		return agx_sim_fault(fault, 0, AGX_SIM_FAULT_PERM);
	}
	*phys = tbl + (va & AGX_UAT_PGMASK);
	return 0;
}

/**
 * agx_sim_translate() - translate a GPU VA like the UAT hardware
 * @mem: the simulator's view of memory.
 * @slot: TTBAT slot (VM context) of the access: 0 for the firmware's kernel accesses.
 * @va: the GPU VA.
 * @access: %AGX_SIM_READ, %AGX_SIM_WRITE or both.
 * @fw: the firmware accesses (else the GPU).
 * @phys: on success, the physical address @va translates to (RAM).
 * @fault: always filled; on failure says where and why.
 *
 * Context: any; does not sleep. Reads the tables without locks, as the hardware does.
 * Return: 0, or -EFAULT with @fault filled.
 */
int agx_sim_translate(const struct agx_sim_mem *mem, u32 slot, u64 va, u32 access, bool fw,
		      phys_addr_t *phys, struct agx_sim_fault *fault)
{
	u64 leaf;

	return agx_sim_translate_leaf(mem, slot, va, access, fw, phys, &leaf, fault);
}
EXPORT_SYMBOL_GPL(agx_sim_translate);

/* Translate for an access, which the shadow TLB records (with &agx_sim_tlb.walks held). */
static int agx_sim_translate_access(const struct agx_sim_mem *mem, u32 slot, u64 va,
				    u32 access, bool fw, phys_addr_t *phys,
				    struct agx_sim_fault *fault)
{
	u64 leaf;
	int ret = agx_sim_translate_leaf(mem, slot, va, access, fw, phys, &leaf, fault);

	if (mem->tlb && mem->tlb->check)
		agx_sim_tlb_note(mem->tlb, slot, va, leaf);
	return ret;
}

/**
 * agx_sim_touch() - a GPU access of one page whose bytes the simulator does not model
 * @mem: the simulator's view of memory.
 * @slot: TTBAT slot of the access.
 * @va: the GPU VA.
 * @access: %AGX_SIM_READ, %AGX_SIM_WRITE or both.
 * @fw: the firmware accesses (else the GPU).
 * @fault: always filled; on failure says where and why.
 *
 * Translates @va as agx_sim_translate() does and, like a copy, under the walk lock and
 * with the translation recorded in the shadow TLB: what a GPU writing attachments does.
 *
 * Context: any; does not sleep.
 * Return: 0, or -EFAULT with @fault filled.
 */
int agx_sim_touch(const struct agx_sim_mem *mem, u32 slot, u64 va, u32 access, bool fw,
		  struct agx_sim_fault *fault)
{
	phys_addr_t phys;
	int ret;

	if (!mem->tlb)
		return agx_sim_translate(mem, slot, va, access, fw, &phys, fault);
	read_lock(&mem->tlb->walks);
	ret = agx_sim_translate_access(mem, slot, va, access, fw, &phys, fault);
	read_unlock(&mem->tlb->walks);
	return ret;
}

/* Translate and access @n bytes within one GPU page. */
static int agx_sim_walk_copy(const struct agx_sim_mem *mem, u32 slot, u64 va, void *buf,
			     size_t n, bool fw, bool to_gpu, struct agx_sim_fault *fault)
{
	u32 access = to_gpu ? AGX_SIM_WRITE : AGX_SIM_READ;
	phys_addr_t phys;
	int ret = agx_sim_translate_access(mem, slot, va, access, fw, &phys, fault);

	if (!ret && to_gpu)
		memcpy(phys_to_virt(phys), buf, n);
	else if (!ret)
		memcpy(buf, phys_to_virt(phys), n);
	return ret;
}

/* The same as one walk that no TLB invalidation overtakes (see the DOC above). */
static int agx_sim_copy_page(const struct agx_sim_mem *mem, u32 slot, u64 va, void *buf,
			     size_t n, bool fw, bool to_gpu, struct agx_sim_fault *fault)
{
	int ret;

	if (!mem->tlb)
		return agx_sim_walk_copy(mem, slot, va, buf, n, fw, to_gpu, fault);
	read_lock(&mem->tlb->walks);
	ret = agx_sim_walk_copy(mem, slot, va, buf, n, fw, to_gpu, fault);
	read_unlock(&mem->tlb->walks);
	return ret;
}

/* Copy between @buf and GPU VAs, one 16 KiB GPU page at a time. */
static int agx_sim_copy(const struct agx_sim_mem *mem, u32 slot, u64 va, void *buf,
			size_t len, bool fw, bool to_gpu, struct agx_sim_fault *fault)
{
	while (len) {
		size_t n = min_t(u64, len, AGX_UAT_PGSZ - (va & AGX_UAT_PGMASK));
		int ret = agx_sim_copy_page(mem, slot, va, buf, n, fw, to_gpu, fault);

		if (ret)
			return ret;
		buf += n;
		va += n;
		len -= n;
	}
	return 0;
}

/**
 * agx_sim_copy_from_gpu() - read GPU memory through the page tables
 * @mem: the simulator's view of memory.
 * @slot: TTBAT slot of the access.
 * @dst: destination buffer (kernel memory).
 * @va: GPU VA to read from; the range may cross 16 KiB GPU pages.
 * @len: bytes.
 * @fw: the firmware reads (else the GPU).
 * @fault: filled with the first fault.
 *
 * Context: any; does not sleep.
 * Return: 0, or -EFAULT at the first page that does not translate (bytes before it are
 * copied).
 */
int agx_sim_copy_from_gpu(const struct agx_sim_mem *mem, u32 slot, void *dst, u64 va,
			  size_t len, bool fw, struct agx_sim_fault *fault)
{
	return agx_sim_copy(mem, slot, va, dst, len, fw, false, fault);
}
EXPORT_SYMBOL_GPL(agx_sim_copy_from_gpu);

/**
 * agx_sim_copy_to_gpu() - write GPU memory through the page tables
 * @mem: the simulator's view of memory.
 * @slot: TTBAT slot of the access.
 * @va: GPU VA to write to; the range may cross 16 KiB GPU pages.
 * @src: source buffer (kernel memory).
 * @len: bytes.
 * @fw: the firmware writes (else the GPU).
 * @fault: filled with the first fault.
 *
 * Context: any; does not sleep.
 * Return: 0, or -EFAULT at the first page that does not translate for writing.
 */
int agx_sim_copy_to_gpu(const struct agx_sim_mem *mem, u32 slot, u64 va, const void *src,
			size_t len, bool fw, struct agx_sim_fault *fault)
{
	return agx_sim_copy(mem, slot, va, (void *)src, len, fw, true, fault);
}
EXPORT_SYMBOL_GPL(agx_sim_copy_to_gpu);

/**
 * agx_sim_check_object() - check the debug preamble of a firmware object
 * @mem: the simulator's view of memory.
 * @obj_va: GPU VA of the object (the preamble is the 0x40 bytes before it).
 *
 * The firmware check of asahi-agx-driver.md §6.10 #2, read through slot 0 as the
 * firmware.
 *
 * Context: any; does not sleep.
 * Return: 0 if the object is live; -ESTALE if it was freed (a use after free); -EFAULT if
 * the preamble does not translate; -EINVAL if it is not a preamble for @obj_va.
 */
int agx_sim_check_object(const struct agx_sim_mem *mem, u64 obj_va)
{
	struct agx_sim_fault fault;
	struct agx_alloc_debug dbg;
	int ret;

	ret = agx_sim_copy_from_gpu(mem, AGX_UAT_KERNEL_CTX, &dbg, obj_va - sizeof(dbg),
				    sizeof(dbg), true, &fault);
	if (ret)
		return ret;
	if (dbg.obj_gpuva != obj_va)
		return -EINVAL;
	if (dbg.state == AGX_ALLOC_DEBUG_DEAD)
		return -ESTALE;
	return dbg.state == AGX_ALLOC_DEBUG_LIVE ? 0 : -EINVAL;
}
EXPORT_SYMBOL_GPL(agx_sim_check_object);

/**
 * agx_sim_handoff_lock() - take the firmware's side of the handoff lock
 * @mem: the simulator's view of memory.
 *
 * The mirror image of the CPU's half (asahi-agx-driver.md §3.2): set ``lock_fw``; while
 * ``lock_ap`` is set and it is the CPU's turn (``turn == 0``), step back until the turn
 * comes. Spins with preemption disabled until agx_sim_handoff_unlock().
 *
 * Context: any; does not sleep; disables preemption until the unlock.
 */
void agx_sim_handoff_lock(const struct agx_sim_mem *mem)
{
	struct agx_handoff *h = phys_to_virt(mem->handoff_phys);

	preempt_disable();
	WRITE_ONCE(h->lock_fw, 1);
	smp_mb(); /* our flag before reading theirs */
	while (READ_ONCE(h->lock_ap)) {
		if (!READ_ONCE(h->turn)) {
			WRITE_ONCE(h->lock_fw, 0);
			while (!READ_ONCE(h->turn))
				cpu_relax();
			WRITE_ONCE(h->lock_fw, 1);
			smp_mb(); /* our flag before reading theirs */
		}
		cpu_relax();
	}
	smp_mb(); /* the critical section after the lock */
}
EXPORT_SYMBOL_GPL(agx_sim_handoff_lock);

/**
 * agx_sim_handoff_unlock() - release the firmware's side of the handoff lock
 * @mem: the simulator's view of memory.
 *
 * Gives the turn to the CPU and clears ``lock_fw``.
 *
 * Context: any; re-enables preemption.
 */
void agx_sim_handoff_unlock(const struct agx_sim_mem *mem)
{
	struct agx_handoff *h = phys_to_virt(mem->handoff_phys);

	smp_mb(); /* the critical section before the unlock */
	WRITE_ONCE(h->turn, 0);
	WRITE_ONCE(h->lock_fw, 0);
	preempt_enable();
}
EXPORT_SYMBOL_GPL(agx_sim_handoff_unlock);
