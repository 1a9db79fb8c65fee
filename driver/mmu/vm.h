/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/vm.c: VMs (references, bind / unbind, map / unmap / remap); calls slots.c
 * and pgtable.c.
 */
#ifndef _DRIVER_MMU_VM_H_
#define _DRIVER_MMU_VM_H_

#include "agx_mmu_types.h"

struct agx_vm *agx_vm_alloc(struct agx_mmu *mmu, u64 start, u64 last, bool kernel, bool upper);
struct agx_vm *agx_vm_alloc_at(struct agx_mmu *mmu, u64 start, u64 last, bool kernel,
			       bool upper, u64 *root, phys_addr_t root_phys);
struct agx_vm *agx_vm_create(struct agx_mmu *mmu, u64 start, u64 end);
struct agx_vm *agx_vm_get(struct agx_vm *vm);
void agx_vm_put(struct agx_vm *vm);
int agx_vm_bind(struct agx_vm *vm);
void agx_vm_unbind(struct agx_vm *vm);
int agx_vm_current_slot(struct agx_vm *vm);
int agx_vm_map_pages(struct agx_vm *vm, u64 iova, const phys_addr_t *phys,
		     unsigned long npages, enum agx_prot prot);
int agx_vm_map(struct agx_vm *vm, u64 iova, phys_addr_t phys, u64 size, enum agx_prot prot);
int agx_vm_unmap(struct agx_vm *vm, u64 iova, u64 size);
int agx_vm_remap(struct agx_vm *vm, u64 iova, u64 size, enum agx_prot prot);

#endif /* _DRIVER_MMU_VM_H_ */
