/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/tlb.c: the arm64 TLB backend (a leaf of driver/mmu).
 */
#ifndef _DRIVER_MMU_TLB_H_
#define _DRIVER_MMU_TLB_H_

#include <agx/tlb.h>

extern const struct agx_tlb_ops agx_tlb_arm64_ops;

#endif /* _DRIVER_MMU_TLB_H_ */
