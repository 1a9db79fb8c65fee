/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/xport/sim.c: the simulated firmware's backend; calls xport.c.
 */
#ifndef _DRIVER_XPORT_SIM_H_
#define _DRIVER_XPORT_SIM_H_

#include "agx_xport_types.h"

struct agx_sim_pdata;

struct agx_xport *agx_xport_sim_create(struct device *dev, const struct agx_sim_pdata *pdata,
				       const struct agx_xport_client *client);

#endif /* _DRIVER_XPORT_SIM_H_ */
