/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: Hardware description model
 *
 * driver/hw says which GPU a device is, before anything talks to its firmware: the SoCs
 * the driver supports (&struct agx_hw_chip, static), what the GPU's device-tree node
 * names (dt.c: compatible, firmware ABI, reserved regions, register ranges) and what its
 * ID registers say (regs.c), gathered in a caller-owned &struct agx_hw_desc. It owns no
 * object and allocates nothing; the MMIO accessors take mappings the bus layer made.
 *
 * Layers (callees first): regs.c, dt.c. Users: the bus layer (agx_drv.c, agx_of.c) and
 * kunit/agx_hw_test.c; driver/hw calls nothing else of the driver.
 */
#ifndef _DRIVER_HW_AGX_HW_H_
#define _DRIVER_HW_AGX_HW_H_

#include "agx_hw_types.h"
#include "dt.h"
#include "regs.h"

#endif /* _DRIVER_HW_AGX_HW_H_ */
