/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/agx_drv.c: the module and its platform driver (the bus layer).
 */
#ifndef _DRIVER_AGX_DRV_H_
#define _DRIVER_AGX_DRV_H_

/* The platform driver's name: tests find it on the platform bus to attach it by hand. */
#define AGX_DRV_NAME	"agx"

#endif /* _DRIVER_AGX_DRV_H_ */
