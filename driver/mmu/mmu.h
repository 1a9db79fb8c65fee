/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/mmu.c: the device-level MMU (the top of driver/mmu); calls alloc.c, vm.c and
 * slots.c.
 */
#ifndef _DRIVER_MMU_MMU_H_
#define _DRIVER_MMU_MMU_H_

#include "agx_mmu_types.h"

struct agx_mmu *agx_mmu_create(struct device *dev, const struct agx_mmu_config *cfg);
void agx_mmu_destroy(struct agx_mmu *mmu);
void agx_mmu_detach(struct agx_mmu *mmu);

#endif /* _DRIVER_MMU_MMU_H_ */
