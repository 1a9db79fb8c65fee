// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: UAT page tables
 *
 * A &struct agx_pgtable is the tree of UAT tables reached from one TTBR: 16 KiB GPU pages,
 * three levels (L2 root, L1, L0 leaf), 2048 eight-byte descriptors per 16 KiB table and a
 * 39-bit input address (asahi-agx-driver.md §3.1). Upper-half (TTBR1) VAs are masked to
 * 39 bits before the walk, like the hardware does.
 *
 * Tables are plain kernel memory from a dedicated slab cache of 16 KiB objects aligned to
 * 16 KiB, whatever the CPU page size: on a 4 KiB-page CPU a table spans four CPU pages of
 * one slab, on a 16 KiB-page CPU it is one page. Using the slab (and not alloc_pages())
 * makes every table allocation a failslab injection point. Descriptors hold physical
 * addresses, so a table is reachable only through its parent's descriptor, exactly as the
 * hardware (or the simulated firmware's walker) follows it; the code gets back to a table
 * with phys_to_virt().
 *
 * Invariant: every table but the root has at least one valid descriptor. Intermediate
 * tables are allocated on demand by map and freed as soon as unmap empties them. Tables
 * freed by an operation are not returned to the slab at once: they are unlinked, queued on
 * the tree's free list, and released by agx_pgtable_free_deferred() after the caller has
 * invalidated the TLBs, so the GPU never walks freed memory.
 *
 * Every operation checks the whole range first and fails without touching the tables: map
 * refuses a range with any page already mapped (-EEXIST), unmap and remap refuse a range
 * with any page not mapped (-ENOENT). A map that runs out of memory part-way undoes what it
 * did, so on any error the tables are as they were.
 *
 * Locking: the caller serializes all operations on one tree (the VM's mutex). Descriptors
 * are written with WRITE_ONCE() and a new table is zeroed and ordered before it is linked,
 * so a concurrent walker sees either the old or the new descriptor, never a torn one.
 */

#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/kmemleak.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "pgtable.h"

static struct kmem_cache *agx_pt_cache;
static atomic_long_t agx_pt_count = ATOMIC_LONG_INIT(0);

/* Named protections → leaf bits: asahi-agx-driver.md §3.1 ("Driver prot constants") */
static const u64 agx_prot_bits[AGX_PROT_COUNT] = {
	[AGX_PROT_FW_SHARED_RW] = AGX_PTE_PROT(AGX_AP_FW, 1, 0, AGX_MEMATTR_UNCACHED),
	[AGX_PROT_FW_PRIV_RW] = AGX_PTE_PROT(AGX_AP_FW, 1, 0, AGX_MEMATTR_CACHED),
	[AGX_PROT_FW_SHARED_RO] = AGX_PTE_PROT(AGX_AP_FW, 0, 0, AGX_MEMATTR_UNCACHED),
	[AGX_PROT_FW_MMIO_RW] = AGX_PTE_PROT(AGX_AP_FW, 1, 0, AGX_MEMATTR_DEVICE),
	[AGX_PROT_FW_MMIO_RO] = AGX_PTE_PROT(AGX_AP_FW, 0, 0, AGX_MEMATTR_DEVICE),
	[AGX_PROT_GPU_FW_SHARED_RW] = AGX_PTE_PROT(AGX_AP_FW_GPU, 1, 1, AGX_MEMATTR_UNCACHED),
	[AGX_PROT_GPU_FW_PRIV_RW] = AGX_PTE_PROT(AGX_AP_FW_GPU, 1, 1, AGX_MEMATTR_CACHED),
	[AGX_PROT_GPU_RO_FW_PRIV_RW] = AGX_PTE_PROT(AGX_AP_FW, 1, 1, AGX_MEMATTR_CACHED),
	/* the GPU_SHARED memory attribute is not in the reference; uncached (inferred) */
	[AGX_PROT_GPU_SHARED_RW] = AGX_PTE_PROT(AGX_AP_GPU, 1, 0, AGX_MEMATTR_UNCACHED),
	[AGX_PROT_GPU_SHARED_RO] = AGX_PTE_PROT(AGX_AP_GPU, 0, 0, AGX_MEMATTR_UNCACHED),
	[AGX_PROT_GPU_SHARED_WO] = AGX_PTE_PROT(AGX_AP_GPU, 0, 1, AGX_MEMATTR_UNCACHED),
};

/**
 * agx_prot_pte() - leaf descriptor bits of a named protection
 * @prot: the protection.
 *
 * Context: any.
 * Return: the valid, page, AF, OS, AP, PXN, UXN and MemAttr bits of a leaf descriptor
 * (without the output address and nG), or 0 if @prot is not a valid protection.
 */
u64 agx_prot_pte(enum agx_prot prot)
{
	if ((unsigned int)prot >= AGX_PROT_COUNT)
		return 0;
	return agx_prot_bits[prot];
}
EXPORT_SYMBOL_IF_KUNIT(agx_prot_pte);

/**
 * agx_pgtable_module_init() - create the slab cache of 16 KiB page tables
 *
 * Context: module init; may sleep.
 * Return: 0 or -ENOMEM.
 */
int agx_pgtable_module_init(void)
{
	agx_pt_cache = kmem_cache_create("agx_uat_table", AGX_UAT_TABLE_SIZE,
					 AGX_UAT_TABLE_SIZE, 0, NULL);
	return agx_pt_cache ? 0 : -ENOMEM;
}

/**
 * agx_pgtable_module_exit() - destroy the page-table cache
 *
 * Context: module exit, after every tree is gone; may sleep.
 */
void agx_pgtable_module_exit(void)
{
	kmem_cache_destroy(agx_pt_cache);
}

/**
 * agx_pgtables_allocated() - number of UAT tables currently allocated by agx.ko
 *
 * Context: any. Used by the tests to prove that nothing leaked.
 * Return: the number of 16 KiB tables in use, including tables waiting on free lists.
 */
long agx_pgtables_allocated(void)
{
	return atomic_long_read(&agx_pt_count);
}
EXPORT_SYMBOL_IF_KUNIT(agx_pgtables_allocated);

static bool agx_desc_valid(u64 desc)
{
	return (desc & AGX_PTE_TYPE_MASK) == AGX_PTE_TYPE_MASK;
}

static u64 *agx_desc_table(u64 desc)
{
	return phys_to_virt(desc & AGX_PTE_OA_MASK);
}

static u64 *agx_pt_alloc(struct agx_pgtable *pt, phys_addr_t *phys)
{
	u64 *tbl = kmem_cache_zalloc(agx_pt_cache, GFP_KERNEL);

	if (!tbl)
		return NULL;
	/* Reachable only through physical addresses in descriptors: hide from kmemleak. */
	kmemleak_not_leak(tbl);
	*phys = virt_to_phys(tbl);
	pt->nr_tables++;
	atomic_long_inc(&agx_pt_count);
	return tbl;
}

static void agx_pt_release(struct agx_pgtable *pt, void *tbl)
{
	kmem_cache_free(agx_pt_cache, tbl);
	pt->nr_tables--;
	atomic_long_dec(&agx_pt_count);
}

/* Unlink-then-free: the table is queued until agx_pgtable_free_deferred(). */
static void agx_pt_defer_free(struct agx_pgtable *pt, u64 *tbl)
{
	struct list_head *entry = (struct list_head *)tbl;

	list_add_tail(entry, &pt->free_list);
}

/**
 * agx_pgtable_free_deferred() - free the tables unlinked by previous operations
 * @pt: the tree.
 *
 * Call after the TLB invalidation that follows an unmap (or a failed map), so the GPU
 * cannot be walking the tables any more.
 *
 * Context: process context, the tree's lock held.
 */
void agx_pgtable_free_deferred(struct agx_pgtable *pt)
{
	struct list_head *entry, *tmp;

	list_for_each_safe(entry, tmp, &pt->free_list) {
		list_del(entry);
		agx_pt_release(pt, entry);
	}
}

/**
 * agx_pgtable_init() - allocate the root table of a tree
 * @pt: the tree to initialize (caller memory).
 * @user: the tree belongs to a user VM: leaves get the nG bit.
 *
 * Context: process context; may sleep.
 * Return: 0, or -ENOMEM with @pt left without tables.
 */
int agx_pgtable_init(struct agx_pgtable *pt, bool user)
{
	pt->user = user;
	pt->nr_tables = 0;
	INIT_LIST_HEAD(&pt->free_list);
	pt->root = agx_pt_alloc(pt, &pt->root_phys);
	return pt->root ? 0 : -ENOMEM;
}

/**
 * agx_pgtable_init_at() - a kernel tree under a root table it does not own
 * @pt: the tree to initialize (caller memory).
 * @root: the root table (16 KiB, mapped write-back), e.g. the "pagetables" region the
 *	bootloader prepared for the firmware.
 * @root_phys: its physical address (16 KiB aligned).
 * @first: the first root entry the tree may fill.
 * @last: the last one (at most AGX_UAT_PTES - 1).
 *
 * The tree's root entries start cleared; every other entry of @root is left as it is,
 * never followed and never freed (mmu.rs: the driver's kernel table goes into one entry
 * of the bootloader's root, which keeps the firmware's own).
 *
 * Context: any.
 * Return: 0, or -EINVAL for a bad root or range.
 */
int agx_pgtable_init_at(struct agx_pgtable *pt, u64 *root, phys_addr_t root_phys,
			unsigned int first, unsigned int last)
{
	if (!root || root_phys & AGX_UAT_PGMASK || first > last || last >= AGX_UAT_PTES)
		return -EINVAL;
	pt->user = false;
	pt->nr_tables = 0;
	INIT_LIST_HEAD(&pt->free_list);
	pt->root = root;
	pt->root_phys = root_phys;
	pt->root_external = true;
	pt->root_first = first;
	pt->root_last = last;
	memset(&root[first], 0, (last - first + 1) * sizeof(*root));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_pgtable_init_at);

static void agx_pt_free_level(struct agx_pgtable *pt, u64 *tbl, int lvl)
{
	unsigned int i;

	if (lvl > 0) {
		for (i = 0; i < AGX_UAT_PTES; i++)
			if (agx_desc_valid(tbl[i]))
				agx_pt_free_level(pt, agx_desc_table(tbl[i]), lvl - 1);
	}
	agx_pt_release(pt, tbl);
}

/**
 * agx_pgtable_fini() - free every table of a tree
 * @pt: the tree; its root must be unreachable by the GPU (TTBAT entry cleared, TLB
 *	invalidated), or, under a root it does not own (agx_pgtable_init_at()), its
 *	entries must be: they are cleared here and the rest of the root is left alone.
 *
 * Leaves are not followed: the pages they map belong to whoever mapped them.
 *
 * Context: process context; may sleep.
 */
void agx_pgtable_fini(struct agx_pgtable *pt)
{
	unsigned int i;

	agx_pgtable_free_deferred(pt);
	if (pt->root && pt->root_external) {
		/* only the tree's entries, unlinked first: the rest is the bootloader's */
		for (i = pt->root_first; i <= pt->root_last; i++) {
			u64 desc = pt->root[i];

			WRITE_ONCE(pt->root[i], 0);
			if (agx_desc_valid(desc))
				agx_pt_free_level(pt, agx_desc_table(desc), AGX_UAT_LEVELS - 2);
		}
	} else if (pt->root) {
		agx_pt_free_level(pt, pt->root, AGX_UAT_LEVELS - 1);
	}
	pt->root = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(agx_pgtable_fini);

/* The table that @tbl[@idx] points to; allocated and linked if absent and @alloc. */
static u64 *agx_pt_next(struct agx_pgtable *pt, u64 *tbl, unsigned int idx, bool alloc)
{
	phys_addr_t phys;
	u64 *next;

	if (agx_desc_valid(tbl[idx]))
		return agx_desc_table(tbl[idx]);
	if (!alloc)
		return NULL;
	next = agx_pt_alloc(pt, &phys);
	if (!next)
		return ERR_PTR(-ENOMEM);
	/* The zeroed table must be visible before the descriptor that links it. */
	wmb();
	WRITE_ONCE(tbl[idx], (u64)phys | AGX_PTE_TYPE_MASK);
	return next;
}

/* The leaf (L0) table covering @iova: NULL if absent, ERR_PTR(-ENOMEM) if @alloc failed. */
static u64 *agx_pt_leaf(struct agx_pgtable *pt, u64 iova, bool alloc)
{
	u64 *tbl = pt->root;
	int lvl;

	iova &= AGX_UAT_IAS_MASK;
	for (lvl = AGX_UAT_LEVELS - 1; lvl > 0 && !IS_ERR_OR_NULL(tbl); lvl--)
		tbl = agx_pt_next(pt, tbl, AGX_UAT_IDX(iova, lvl), alloc);
	return tbl;
}

/* Pages from @iova (at most @npages) that lie in the same leaf table. */
static unsigned long agx_pt_span(u64 iova, unsigned long npages)
{
	unsigned int idx = AGX_UAT_IDX(iova & AGX_UAT_IAS_MASK, 0);

	return min_t(unsigned long, npages, AGX_UAT_PTES - idx);
}

/* Is every page of the range mapped (@mapped) or unmapped (!@mapped)? */
static bool agx_pt_range_is(struct agx_pgtable *pt, u64 iova, unsigned long npages,
			    bool mapped)
{
	while (npages) {
		unsigned long n = agx_pt_span(iova, npages), i;
		unsigned int idx = AGX_UAT_IDX(iova & AGX_UAT_IAS_MASK, 0);
		u64 *l0 = agx_pt_leaf(pt, iova, false);

		if (!l0 && mapped)
			return false;
		for (i = 0; l0 && i < n; i++)
			if (agx_desc_valid(l0[idx + i]) != mapped)
				return false;
		iova += (u64)n << AGX_UAT_PGBIT;
		npages -= n;
	}
	return true;
}

static bool agx_pt_empty(const u64 *tbl)
{
	unsigned int i;

	for (i = 0; i < AGX_UAT_PTES; i++)
		if (tbl[i])
			return false;
	return true;
}

/* Unlink the L0 and L1 tables on the path of @iova if they are empty. */
static void agx_pt_prune(struct agx_pgtable *pt, u64 iova)
{
	unsigned int i2, i1;
	u64 *l1, *l0;

	iova &= AGX_UAT_IAS_MASK;
	i2 = AGX_UAT_IDX(iova, 2);
	i1 = AGX_UAT_IDX(iova, 1);
	if (!agx_desc_valid(pt->root[i2]))
		return;
	l1 = agx_desc_table(pt->root[i2]);
	if (agx_desc_valid(l1[i1])) {
		l0 = agx_desc_table(l1[i1]);
		if (!agx_pt_empty(l0))
			return;
		WRITE_ONCE(l1[i1], 0);
		agx_pt_defer_free(pt, l0);
	}
	if (!agx_pt_empty(l1))
		return;
	WRITE_ONCE(pt->root[i2], 0);
	agx_pt_defer_free(pt, l1);
}

/* Clear the leaves of a fully mapped range and unlink the tables this empties. */
static void agx_pt_clear(struct agx_pgtable *pt, u64 iova, unsigned long npages)
{
	while (npages) {
		unsigned long n = agx_pt_span(iova, npages), i;
		unsigned int idx = AGX_UAT_IDX(iova & AGX_UAT_IAS_MASK, 0);
		u64 *l0 = agx_pt_leaf(pt, iova, false);

		for (i = 0; l0 && i < n; i++)
			WRITE_ONCE(l0[idx + i], 0);
		agx_pt_prune(pt, iova);
		iova += (u64)n << AGX_UAT_PGBIT;
		npages -= n;
	}
}

static bool agx_phys_ok(phys_addr_t phys)
{
	return !((u64)phys & ~AGX_PTE_OA_MASK);
}

static int agx_pt_check_phys(const phys_addr_t *pages, phys_addr_t base, unsigned long npages)
{
	unsigned long i;

	if (!pages)
		return agx_phys_ok(base) &&
			agx_phys_ok(base + ((u64)(npages - 1) << AGX_UAT_PGBIT)) ? 0 : -EINVAL;
	for (i = 0; i < npages; i++)
		if (!agx_phys_ok(pages[i]))
			return -EINVAL;
	return 0;
}

/**
 * agx_pgtable_map() - map 16 KiB GPU pages
 * @pt: the tree.
 * @iova: GPU VA of the first page (16 KiB aligned; upper-half VAs are masked to 39 bits).
 * @pages: physical address of each 16 KiB GPU page (each 16 KiB aligned), or NULL to map
 *	the physically contiguous range starting at @base.
 * @base: physical address of the range when @pages is NULL.
 * @npages: number of 16 KiB GPU pages (not CPU pages), at least 1.
 * @prot: protection of the new leaves.
 *
 * The caller has checked that the range lies in the VM. Intermediate tables are allocated
 * as needed. The pages stay owned by the caller, who must keep them until they are
 * unmapped and the TLB invalidated.
 *
 * Context: process context; may sleep; the tree's lock held.
 * Return: 0; -EINVAL for a bad protection or physical address; -EEXIST if a page of the
 * range is already mapped; -ENOMEM. On error the tables are unchanged (tables allocated
 * and unlinked again are on the free list).
 */
int agx_pgtable_map(struct agx_pgtable *pt, u64 iova, const phys_addr_t *pages,
		    phys_addr_t base, unsigned long npages, enum agx_prot prot)
{
	u64 attrs = agx_prot_pte(prot) | (pt->user ? AGX_PTE_NG : 0);
	unsigned long done = 0;

	if (!agx_prot_pte(prot) || agx_pt_check_phys(pages, base, npages))
		return -EINVAL;
	if (!agx_pt_range_is(pt, iova, npages, false))
		return -EEXIST;
	while (done < npages) {
		u64 va = iova + ((u64)done << AGX_UAT_PGBIT);
		unsigned long n = agx_pt_span(va, npages - done), i;
		unsigned int idx = AGX_UAT_IDX(va & AGX_UAT_IAS_MASK, 0);
		u64 *l0 = agx_pt_leaf(pt, va, true);

		if (IS_ERR(l0)) {
			agx_pt_clear(pt, iova, done);
			agx_pt_prune(pt, va);
			return PTR_ERR(l0);
		}
		for (i = 0; i < n; i++, done++) {
			u64 pa = pages ? pages[done] : base + ((u64)done << AGX_UAT_PGBIT);

			WRITE_ONCE(l0[idx + i], pa | attrs);
		}
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_pgtable_map);

/**
 * agx_pgtable_unmap() - unmap 16 KiB GPU pages and free the tables this empties
 * @pt: the tree.
 * @iova: GPU VA of the first page (16 KiB aligned).
 * @npages: number of 16 KiB GPU pages, at least 1.
 *
 * Emptied tables go to the free list: call agx_pgtable_free_deferred() after the TLB
 * invalidation.
 *
 * Context: process context; the tree's lock held.
 * Return: 0, or -ENOENT if a page of the range is not mapped (nothing is changed).
 */
int agx_pgtable_unmap(struct agx_pgtable *pt, u64 iova, unsigned long npages)
{
	if (!agx_pt_range_is(pt, iova, npages, true))
		return -ENOENT;
	agx_pt_clear(pt, iova, npages);
	return 0;
}

/**
 * agx_pgtable_remap() - change the protection of mapped 16 KiB GPU pages
 * @pt: the tree.
 * @iova: GPU VA of the first page (16 KiB aligned).
 * @npages: number of 16 KiB GPU pages, at least 1.
 * @prot: the new protection.
 *
 * Context: process context; the tree's lock held.
 * Return: 0; -EINVAL for a bad protection; -ENOENT if a page of the range is not mapped.
 * On error nothing is changed.
 */
int agx_pgtable_remap(struct agx_pgtable *pt, u64 iova, unsigned long npages,
		      enum agx_prot prot)
{
	u64 attrs = agx_prot_pte(prot) | (pt->user ? AGX_PTE_NG : 0);

	if (!agx_prot_pte(prot))
		return -EINVAL;
	if (!agx_pt_range_is(pt, iova, npages, true))
		return -ENOENT;
	while (npages) {
		unsigned long n = agx_pt_span(iova, npages), i;
		unsigned int idx = AGX_UAT_IDX(iova & AGX_UAT_IAS_MASK, 0);
		u64 *l0 = agx_pt_leaf(pt, iova, false);

		for (i = 0; i < n; i++)
			WRITE_ONCE(l0[idx + i], (l0[idx + i] & AGX_PTE_OA_MASK) | attrs);
		iova += (u64)n << AGX_UAT_PGBIT;
		npages -= n;
	}
	return 0;
}
