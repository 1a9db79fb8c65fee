/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/handoff.c: the handoff lock shared with the firmware (a leaf of driver/mmu).
 */
#ifndef _DRIVER_MMU_HANDOFF_H_
#define _DRIVER_MMU_HANDOFF_H_

#include "agx_mmu_types.h"

int agx_handoff_run(struct agx_mmu *mmu, void (*fn)(void *arg), void *arg);

#endif /* _DRIVER_MMU_HANDOFF_H_ */
