/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/agx_of.c: the hardware probe (device tree, MMIO, reserved memory, RTKit); built
 * with CONFIG_APPLE_RTKIT, called by agx_drv.c.
 */
#ifndef _DRIVER_AGX_OF_H_
#define _DRIVER_AGX_OF_H_

#include <linux/err.h>

struct agx_gpu;
struct platform_device;

#if IS_ENABLED(CONFIG_APPLE_RTKIT)
struct agx_gpu *agx_of_probe(struct platform_device *pdev);
#else
static inline struct agx_gpu *agx_of_probe(struct platform_device *pdev)
{
	return ERR_PTR(-ENODEV);
}
#endif

#endif /* _DRIVER_AGX_OF_H_ */
