/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/initdata.c: InitData and what it leads the firmware to (calls channel).
 */
#ifndef _DRIVER_FW_INITDATA_H_
#define _DRIVER_FW_INITDATA_H_

#include "agx_fw_types.h"

int agx_initdata_create(struct agx_gpu *gpu);
void agx_initdata_destroy(struct agx_gpu *gpu);

#endif /* _DRIVER_FW_INITDATA_H_ */
