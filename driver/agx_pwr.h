/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/agx_pwr.c: the GPU's power configuration from its device node (bus layer).
 */
#ifndef _DRIVER_AGX_PWR_H_
#define _DRIVER_AGX_PWR_H_

#include "fw/agx_fw.h"

int agx_pwr_parse(struct device *dev, u32 nr_clusters, struct agx_gpu_pwr *pwr);

#endif /* _DRIVER_AGX_PWR_H_ */
