/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GPU TLB invalidation interface between agx.ko and its backends: the CPU's broadcast
 * tlbi on arm64 hardware (driver/mmu/tlb.c), or the simulated firmware (driver/sim).
 */
#ifndef _AGX_TLB_H_
#define _AGX_TLB_H_

#include <linux/types.h>

/**
 * struct agx_tlb_ops - GPU TLB invalidation (asahi-agx-driver.md §3.5)
 * @inval_all: invalidate every context (tlbi vmalle1os).
 * @inval_asid: invalidate all entries of one ASID (= TTBAT slot; tlbi aside1os).
 * @inval_range: invalidate @size bytes from GPU VA @iova in one ASID (tlbi vae1os per
 *	16 KiB GPU page).
 *
 * Called in process context, possibly with spinlocks or mutexes of the MMU held; must not
 * sleep. The ops and their private data belong to the creator of the MMU and must outlive
 * it.
 */
struct agx_tlb_ops {
	void (*inval_all)(void *priv);
	void (*inval_asid)(void *priv, u32 asid);
	void (*inval_range)(void *priv, u32 asid, u64 iova, u64 size);
};

#endif /* _AGX_TLB_H_ */
