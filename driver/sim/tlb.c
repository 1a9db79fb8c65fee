// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated TLB invalidation
 *
 * The simulated MMU has no TLB (it walks the tables on every access), so the driver's
 * invalidations only need to be observable: &agx_sim_tlb_ops counts them in the
 * &struct agx_sim_tlb given as private data, and tests check that unmaps, remaps and slot
 * changes invalidate what they must.
 */

#include <linux/export.h>

#include "agx_sim_mem.h"

static void agx_sim_tlb_inval_all(void *priv)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->all);
}

static void agx_sim_tlb_inval_asid(void *priv, u32 asid)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->asid);
	atomic_set(&tlb->last_asid, asid);
}

static void agx_sim_tlb_inval_range(void *priv, u32 asid, u64 iova, u64 size)
{
	struct agx_sim_tlb *tlb = priv;

	atomic_inc(&tlb->range);
	atomic64_add(size, &tlb->range_bytes);
	atomic_set(&tlb->last_asid, asid);
}

/* The TLB backend of the simulator; private data: &struct agx_sim_tlb. */
const struct agx_tlb_ops agx_sim_tlb_ops = {
	.inval_all = agx_sim_tlb_inval_all,
	.inval_asid = agx_sim_tlb_inval_asid,
	.inval_range = agx_sim_tlb_inval_range,
};
EXPORT_SYMBOL_GPL(agx_sim_tlb_ops);
