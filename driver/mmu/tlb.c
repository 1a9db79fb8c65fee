// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: TLB invalidation
 *
 * The GPU's TLBs are invalidated by the CPU with broadcast, outer-shareable ``tlbi``
 * instructions, even though the GPU address spaces are unrelated to the CPU's; the ASID is
 * the TTBAT slot and kernel VMs use ASID 0 (asahi-agx-driver.md §3.5). The driver calls
 * these through &struct agx_tlb_ops so that the simulator can provide its own backend:
 * &agx_tlb_arm64_ops is the real one, built only on arm64 (elsewhere its callbacks do
 * nothing and are never selected), and driver/sim provides one that counts invalidations.
 *
 * Sequence: ``dsb sy`` makes the descriptor writes visible to the table walker, the
 * ``tlbi`` is broadcast, and ``dsb sy; isb`` waits for its completion.
 */

#include <linux/bits.h>
#include <linux/types.h>
#include <agx/uat.h>

#include "tlb.h"

#ifdef CONFIG_ARM64

/* VA operand of tlbi vae1os: VA[55:12] whatever the granule, ASID in bits 63:48 (Arm ARM). */
#define AGX_TLBI_VA(asid, va)	(((u64)(asid) << 48) | (((va) >> 12) & GENMASK_ULL(43, 0)))

static void agx_tlb_arm64_sync(void)
{
	asm volatile("dsb sy\n\tisb" : : : "memory");
}

static void agx_tlb_arm64_inval_all(void *priv)
{
	asm volatile("dsb sy\n\t"
		     ".arch armv8.4-a\n\t"
		     "tlbi vmalle1os" : : : "memory");
	agx_tlb_arm64_sync();
}

static void agx_tlb_arm64_inval_asid(void *priv, u32 asid)
{
	asm volatile("dsb sy\n\t"
		     ".arch armv8.4-a\n\t"
		     "tlbi aside1os, %0" : : "r" ((u64)asid << 48) : "memory");
	agx_tlb_arm64_sync();
}

static void agx_tlb_arm64_inval_range(void *priv, u32 asid, u64 iova, u64 size)
{
	u64 va;

	asm volatile("dsb sy" : : : "memory");
	for (va = iova; va - iova < size; va += AGX_UAT_PGSZ)
		asm volatile(".arch armv8.4-a\n\t"
			     "tlbi vae1os, %0" : : "r" (AGX_TLBI_VA(asid, va)) : "memory");
	agx_tlb_arm64_sync();
}

#else /* !CONFIG_ARM64: no GPU to invalidate; never selected outside arm64 */

static void agx_tlb_arm64_inval_all(void *priv)
{
}

static void agx_tlb_arm64_inval_asid(void *priv, u32 asid)
{
}

static void agx_tlb_arm64_inval_range(void *priv, u32 asid, u64 iova, u64 size)
{
}

#endif /* CONFIG_ARM64 */

/* TLB invalidation of the real GPU by CPU broadcast tlbi; the private data is unused. */
const struct agx_tlb_ops agx_tlb_arm64_ops = {
	.inval_all = agx_tlb_arm64_inval_all,
	.inval_asid = agx_tlb_arm64_inval_asid,
	.inval_range = agx_tlb_arm64_inval_range,
};
