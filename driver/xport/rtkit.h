/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/xport/rtkit.c: the Apple RTKit backend (built with CONFIG_APPLE_RTKIT); calls
 * xport.c.
 */
#ifndef _DRIVER_XPORT_RTKIT_H_
#define _DRIVER_XPORT_RTKIT_H_

#include "agx_xport_types.h"

struct agx_xport *agx_xport_rtkit_create(struct device *dev, void __iomem *sgx,
					 const struct agx_xport_client *client);

#endif /* _DRIVER_XPORT_RTKIT_H_ */
