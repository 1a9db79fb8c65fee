/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko hardware description (driver/hw): what the bus layer (agx_drv.c, agx_of.c) and
 * the tests use. driver/hw calls nothing else of the driver.
 */
#ifndef _DRIVER_HW_AGX_HW_H_
#define _DRIVER_HW_AGX_HW_H_

#include "agx_hw_types.h"
#include "dt.h"
#include "regs.h"

#endif /* _DRIVER_HW_AGX_HW_H_ */
