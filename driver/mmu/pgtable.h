/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/pgtable.c: UAT page tables (a leaf of driver/mmu).
 */
#ifndef _DRIVER_MMU_PGTABLE_H_
#define _DRIVER_MMU_PGTABLE_H_

#include "agx_mmu_types.h"

int agx_pgtable_module_init(void);
void agx_pgtable_module_exit(void);
u64 agx_prot_pte(enum agx_prot prot);
int agx_pgtable_init(struct agx_pgtable *pt, bool user);
int agx_pgtable_init_at(struct agx_pgtable *pt, u64 *root, phys_addr_t root_phys,
			unsigned int first, unsigned int last);
void agx_pgtable_fini(struct agx_pgtable *pt);
int agx_pgtable_map(struct agx_pgtable *pt, u64 iova, const phys_addr_t *pages,
		    phys_addr_t base, unsigned long npages, enum agx_prot prot);
void agx_pgtable_free_deferred(struct agx_pgtable *pt);
int agx_pgtable_unmap(struct agx_pgtable *pt, u64 iova, unsigned long npages);
int agx_pgtable_remap(struct agx_pgtable *pt, u64 iova, unsigned long npages,
		      enum agx_prot prot);
long agx_pgtables_allocated(void);

#endif /* _DRIVER_MMU_PGTABLE_H_ */
