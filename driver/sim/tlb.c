// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated TLB invalidation
 *
 * The simulated MMU has no TLB (it walks the tables on every access), so the driver's
 * invalidations need to be observable: &agx_sim_tlb_ops counts them in the
 * &struct agx_sim_tlb given as private data, and tests check that unmaps, remaps and slot
 * changes invalidate what they must. Each also waits for the accesses in progress
 * (&agx_sim_tlb.walks, mem.c), as a real invalidation completes only after the accesses
 * that used the old translations.
 *
 * Context of the ops: any (they spin on &agx_sim_tlb.walks, whose holders only copy).
 */

#include <linux/export.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "agx_sim_mem.h"

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
}
EXPORT_SYMBOL_GPL(agx_sim_tlb_init);

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
}

static void agx_sim_tlb_inval_asid(void *priv, u32 asid)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->asid);
	atomic_set(&tlb->last_asid, asid);
	agx_sim_tlb_wait_walks(tlb);
}

static void agx_sim_tlb_inval_range(void *priv, u32 asid, u64 iova, u64 size)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->range);
	atomic64_add(size, &tlb->range_bytes);
	atomic_set(&tlb->last_asid, asid);
	agx_sim_tlb_wait_walks(tlb);
}

/* The TLB backend of the simulator; private data: &struct agx_sim_tlb. */
const struct agx_tlb_ops agx_sim_tlb_ops = {
	.inval_all = agx_sim_tlb_inval_all,
	.inval_asid = agx_sim_tlb_inval_asid,
	.inval_range = agx_sim_tlb_inval_range,
};
EXPORT_SYMBOL_GPL(agx_sim_tlb_ops);
