/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/xport/xport.c: the transport's common part (a leaf of driver/xport): the client's
 * calls, and the helpers of the backends.
 */
#ifndef _DRIVER_XPORT_XPORT_H_
#define _DRIVER_XPORT_XPORT_H_

#include "agx_xport_types.h"

int agx_xport_boot(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff);
int agx_xport_send(struct agx_xport *x, u8 ep, u64 msg);
u64 agx_xport_mmio_read(struct agx_xport *x, u32 offset);
void agx_xport_destroy(struct agx_xport *x);

/* for backends */
void agx_xport_init(struct agx_xport *x, struct device *dev,
		    const struct agx_xport_client *client);
void agx_xport_received(struct agx_xport *x, u8 ep, u64 msg);
void agx_xport_crashed(struct agx_xport *x);

#endif /* _DRIVER_XPORT_XPORT_H_ */
