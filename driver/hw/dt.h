/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/hw/dt.c: the GPU's device-tree node and the SoCs the driver knows; calls regs.c.
 */
#ifndef _DRIVER_HW_DT_H_
#define _DRIVER_HW_DT_H_

#include "agx_hw_types.h"

struct device;

extern const struct agx_hw_chip agx_hw_t8103;
extern const struct agx_hw_chip agx_hw_t8112;

const char *agx_hw_region_name(enum agx_hw_region rgn);
const struct agx_hw_chip *agx_hw_chip_match(struct device *dev);
int agx_hw_dt_parse(struct device *dev, struct agx_hw_desc *desc);
int agx_hw_identify(struct device *dev, const struct agx_hw_id_regs *regs,
		    struct agx_hw_desc *desc);

#endif /* _DRIVER_HW_DT_H_ */
