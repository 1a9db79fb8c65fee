// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx.ko module and platform driver
 *
 * The Apple AGX GPU driver. agx.ko is a platform driver: it binds to the GPU platform
 * device (``agx-sim-gpu``, registered by agx_sim.ko with the simulated firmware's link in
 * its platform data; the RTKit transport for real hardware is built where available) and
 * brings the GPU and its firmware up at probe (agx_gpu_create(), driver/fw/gpu.c). Remove
 * (unbind) shuts the firmware down with queues and jobs possibly alive
 * (agx_gpu_destroy()). Once the firmware is up, probe registers the GPU's DRM render
 * device (driver/drm, agx_drm_register()); remove unplugs it before the shutdown, with
 * files possibly still open (Documentation/agx-uapi.rst).
 *
 * Module init creates the slab caches of 16 KiB page tables and backing chunks
 * (driver/mmu), the workqueues shared by all GPUs (driver/fw), and then registers the
 * platform driver; module exit undoes it in reverse order and waits until every GPU is
 * freed.
 *
 * Layers, each calling only those below it (Documentation/agx-firmware.rst, "Layers"):
 * driver/drm (the DRM device and its uAPI), driver/queue (AGX queues on jobqueue.ko),
 * driver/fw (firmware), driver/mmu (GPU memory), driver/xport (transport).
 */

#include <linux/module.h>
#include <linux/platform_device.h>
#include <agx/fw/sim_link.h>

#include "drm/agx_drm.h"
#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"

static int agx_platform_probe(struct platform_device *pdev)
{
	const struct agx_sim_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct agx_gpu *gpu;
	int ret;

	if (!pdata)
		return -ENODEV;
	gpu = agx_gpu_create(&pdev->dev, pdata);
	if (IS_ERR(gpu))
		return PTR_ERR(gpu);
	platform_set_drvdata(pdev, gpu);
	ret = agx_drm_register(&pdev->dev, gpu);
	if (ret) {
		platform_set_drvdata(pdev, NULL);
		agx_gpu_destroy(gpu);
	}
	return ret;
}

/* The DRM device goes first: no ioctl reaches the GPU once its shutdown begins. */
static void agx_platform_remove(struct platform_device *pdev)
{
	agx_drm_unregister(&pdev->dev);
	agx_gpu_destroy(platform_get_drvdata(pdev));
}

static struct platform_driver agx_platform_driver = {
	.probe = agx_platform_probe,
	.remove = agx_platform_remove,
	.driver = {
		.name = AGX_SIM_DEV_NAME,
	},
};

static int __init agx_init(void)
{
	int ret = agx_pgtable_module_init();

	if (ret)
		return ret;
	ret = agx_alloc_module_init();
	if (ret)
		goto err_pgtable;
	ret = agx_gpu_module_init();
	if (ret)
		goto err_alloc;
	ret = platform_driver_register(&agx_platform_driver);
	if (ret)
		goto err_gpu;
	return 0;
err_gpu:
	agx_gpu_module_exit();
err_alloc:
	agx_alloc_module_exit();
err_pgtable:
	agx_pgtable_module_exit();
	return ret;
}

static void __exit agx_exit(void)
{
	/* unbinds every GPU */
	platform_driver_unregister(&agx_platform_driver);
	agx_gpu_module_exit();
	agx_alloc_module_exit();
	agx_pgtable_module_exit();
}

module_init(agx_init);
module_exit(agx_exit);
MODULE_DESCRIPTION("Apple AGX GPU driver");
MODULE_LICENSE("GPL");
