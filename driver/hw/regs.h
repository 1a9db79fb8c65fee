/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/hw/regs.c: the ID and ASC registers (the bottom of driver/hw).
 */
#ifndef _DRIVER_HW_REGS_H_
#define _DRIVER_HW_REGS_H_

#include <linux/compiler_types.h>
#include "agx_hw_types.h"

int agx_hw_id_decode(const struct agx_hw_id_regs *r, struct agx_hw_id *id);
int agx_hw_id_check(const struct agx_hw_chip *chip, const struct agx_hw_id *id);
void agx_hw_id_read(void __iomem *sgx, struct agx_hw_id_regs *r);
void agx_hw_asc_start(void __iomem *asc);

#endif /* _DRIVER_HW_REGS_H_ */
