/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/slots.c: the TTBAT slot table; calls handoff.c.
 */
#ifndef _DRIVER_MMU_SLOTS_H_
#define _DRIVER_MMU_SLOTS_H_

#include "agx_mmu_types.h"

u64 agx_vm_ttbr(struct agx_vm *vm, unsigned int slot);
int agx_slots_bind(struct agx_mmu *mmu, struct agx_vm *vm);
int agx_slots_unbind(struct agx_mmu *mmu, struct agx_vm *vm);
int agx_slots_current(struct agx_mmu *mmu, struct agx_vm *vm);
void agx_slots_inval_range(struct agx_vm *vm, u64 iova, u64 size);
void agx_slots_release_vm(struct agx_mmu *mmu, struct agx_vm *vm);
int agx_mmu_set_user_slots(struct agx_mmu *mmu, unsigned int n);

#endif /* _DRIVER_MMU_SLOTS_H_ */
