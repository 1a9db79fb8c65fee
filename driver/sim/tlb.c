// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated TLB invalidation
 *
 * The simulated MMU walks the tables on every access (mem.c), so an unmap is visible at
 * once and the simulator never reaches a page the driver freed. The driver's
 * invalidations are made observable instead: &agx_sim_tlb_ops counts them in the
 * &struct agx_sim_tlb given as private data, and tests check that unmaps, remaps and slot
 * changes invalidate what they must. Each also waits for the accesses in progress
 * (&agx_sim_tlb.walks, mem.c), as a real invalidation completes only after the accesses
 * that used the old translations.
 *
 * A shadow TLB checks the rule every test relies on without naming it: a translation
 * the hardware may hold is only changed together with an invalidation. Each memory
 * access through a VM slot records the leaf descriptor it used (&agx_sim_tlb.entries,
 * keyed by slot, VA half and GPU page), as the UAT's TLB would keep it; the invalidations
 * erase the entries they cover (all, one ASID, or a range of one ASID). An access whose
 * fresh walk finds another descriptor (or none) than the entry holds is what real
 * hardware would have done with a stale translation. The driver may be between its
 * table write and its invalidation, so such a change is only remembered
 * (&agx_sim_tlb.stale); if no invalidation erased the entry AGX_SIM_TLB_GRACE later, the
 * firmware thread reports it as a violation (agx_sim_tlb_take_stale()).
 *
 * Context of the ops and of the shadow TLB: any but an interrupt (they spin on
 * &agx_sim_tlb.walks, whose holders only copy; the locks are the plain ones, as the
 * driver's invalidations and the simulator's accesses run in process context).
 */

#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "agx_sim_mem.h"

/* How long a changed translation may wait for its invalidation (jiffies). */
#define AGX_SIM_TLB_GRACE	(HZ / 5)
/* The key of a GPU page of @slot: slot, VA half (TTBR), page number within the half. */
#define AGX_SIM_TLB_PAGES_BITS	(AGX_UAT_IAS - AGX_UAT_PGBIT)

static unsigned long agx_sim_tlb_key(u32 slot, u64 va)
{
	unsigned long half = (slot << 1) | (va >> 63);

	return (half << AGX_SIM_TLB_PAGES_BITS) | ((va & AGX_UAT_IAS_MASK) >> AGX_UAT_PGBIT);
}

/**
 * agx_sim_tlb_init() - initialize a TLB backend's counters and its walk lock
 * @tlb: the backend, before the MMU that uses it is created.
 *
 * Context: any.
 */
void agx_sim_tlb_init(struct agx_sim_tlb *tlb)
{
	memset(tlb, 0, sizeof(*tlb));
	rwlock_init(&tlb->walks);
	xa_init(&tlb->entries);	/* never used from an interrupt: the plain xa_*() calls */
	spin_lock_init(&tlb->stale_lock);
	tlb->check = true;
}
EXPORT_SYMBOL_GPL(agx_sim_tlb_init);

/**
 * agx_sim_tlb_fini() - free the shadow TLB
 * @tlb: the backend, after the MMU that used it is gone.
 *
 * Context: any.
 */
void agx_sim_tlb_fini(struct agx_sim_tlb *tlb)
{
	xa_destroy(&tlb->entries);
}
EXPORT_SYMBOL_GPL(agx_sim_tlb_fini);

/* Remember that the entry of @slot, @va (holding @was) no longer matches the tables. */
static void agx_sim_tlb_suspect(struct agx_sim_tlb *tlb, u32 slot, u64 va, u64 was, u64 now)
{
	unsigned long key = agx_sim_tlb_key(slot, va);
	unsigned int i;

	spin_lock(&tlb->stale_lock);
	for (i = 0; i < tlb->nr_stale && tlb->stale[i].key != key; i++)
		;
	if (i == tlb->nr_stale && i < AGX_SIM_TLB_STALE_MAX)
		tlb->stale[tlb->nr_stale++] = (struct agx_sim_tlb_stale){ .key = key,
			.slot = slot, .va = va, .was = was, .now = now, .since = jiffies };
	spin_unlock(&tlb->stale_lock);
}

/**
 * agx_sim_tlb_note() - an access used a translation: what the hardware's TLB would hold
 * @tlb: the backend.
 * @slot: the TTBAT slot of the access.
 * @va: the GPU VA.
 * @leaf: the leaf descriptor the walk found, 0 if the walk faulted.
 *
 * Records a new translation; one that differs from the entry held is remembered (see the
 * DOC). An entry that cannot be allocated is not recorded: the check is best effort.
 *
 * Context: not an interrupt; under &agx_sim_tlb.walks held for reading (the access's
 * translation).
 */
void agx_sim_tlb_note(struct agx_sim_tlb *tlb, u32 slot, u64 va, u64 leaf)
{
	unsigned long key = agx_sim_tlb_key(slot, va);
	void *entry = xa_load(&tlb->entries, key);

	if (!entry) {
		if (leaf)
			xa_store(&tlb->entries, key, xa_mk_value(leaf >> 1), GFP_ATOMIC);
		return;
	}
	/* bit 0 of a valid descriptor is set (mem.c): the entry keeps the others */
	if (xa_to_value(entry) != leaf >> 1)
		agx_sim_tlb_suspect(tlb, slot, va, (u64)xa_to_value(entry) << 1 | 1, leaf);
}
EXPORT_SYMBOL_GPL(agx_sim_tlb_note);

/**
 * agx_sim_tlb_take_stale() - take one translation changed without an invalidation
 * @tlb: the backend.
 * @out: filled with it.
 *
 * Drops the remembered changes whose entry an invalidation erased (or replaced); returns
 * the first one older than AGX_SIM_TLB_GRACE whose entry is still held, and erases that
 * entry, so it is reported once.
 *
 * Context: not an interrupt.
 * Return: true if @out was filled.
 */
bool agx_sim_tlb_take_stale(struct agx_sim_tlb *tlb, struct agx_sim_tlb_stale *out)
{
	unsigned int i = 0;
	bool found = false;

	spin_lock(&tlb->stale_lock);
	while (!found && i < tlb->nr_stale) {
		struct agx_sim_tlb_stale *st = &tlb->stale[i];
		void *entry = xa_load(&tlb->entries, st->key);
		bool held = entry && ((u64)xa_to_value(entry) << 1 | 1) == st->was;

		if (held && time_before(jiffies, st->since + AGX_SIM_TLB_GRACE)) {
			i++;
			continue;
		}
		if (held) {
			xa_erase(&tlb->entries, st->key);
			*out = *st;
			found = true;
		}
		*st = tlb->stale[--tlb->nr_stale];
	}
	spin_unlock(&tlb->stale_lock);
	return found;
}

/*
 * Erase the entries of keys @first..@last: an invalidation, once the accesses in progress
 * are done (agx_sim_tlb_wait_walks()); a later access records the new translation.
 */
static void agx_sim_tlb_erase(struct agx_sim_tlb *tlb, unsigned long first, unsigned long last)
{
	unsigned long key;
	void *entry;

#ifdef AGX_SIM_BREAK_TLB_KEEP	/* negative control: agx_fw_tlb_stale_checked must fail */
	return;
#endif
	xa_for_each_range(&tlb->entries, key, entry, first, last)
		xa_erase(&tlb->entries, key);
}

/* Return once no access is between its translation and its copy (see the DOC). */
static void agx_sim_tlb_wait_walks(struct agx_sim_tlb *tlb)
{
	write_lock(&tlb->walks);
	write_unlock(&tlb->walks);
}

static void agx_sim_tlb_inval_all(void *priv)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->all);
	agx_sim_tlb_wait_walks(tlb);
	agx_sim_tlb_erase(tlb, 0, ULONG_MAX);
}

static void agx_sim_tlb_inval_asid(void *priv, u32 asid)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->asid);
	atomic_set(&tlb->last_asid, asid);
	agx_sim_tlb_wait_walks(tlb);
	agx_sim_tlb_erase(tlb, agx_sim_tlb_key(asid, 0), agx_sim_tlb_key(asid, U64_MAX));
}

static void agx_sim_tlb_inval_range(void *priv, u32 asid, u64 iova, u64 size)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->range);
	atomic64_add(size, &tlb->range_bytes);
	atomic_set(&tlb->last_asid, asid);
	agx_sim_tlb_wait_walks(tlb);
	if (size)
		agx_sim_tlb_erase(tlb, agx_sim_tlb_key(asid, iova),
				  agx_sim_tlb_key(asid, iova + size - 1));
}

/* The TLB backend of the simulator; private data: &struct agx_sim_tlb. */
const struct agx_tlb_ops agx_sim_tlb_ops = {
	.inval_all = agx_sim_tlb_inval_all,
	.inval_asid = agx_sim_tlb_inval_asid,
	.inval_range = agx_sim_tlb_inval_range,
};
EXPORT_SYMBOL_GPL(agx_sim_tlb_ops);
