// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx.ko module and platform driver
 *
 * The Apple AGX GPU driver. agx.ko is a platform driver that binds two kinds of device:
 *
 * - the GPU of an Apple SoC, through its OF match table (the compatibles of
 *   driver/hw/dt.c): agx_of_probe() (agx_of.c) reads the device tree, starts the
 *   coprocessor, checks the ID registers and brings the firmware up over RTKit;
 * - the simulated GPU ``agx-sim-gpu``, registered by agx_sim.ko with the simulated
 *   firmware's link in its platform data, through its platform ID.
 *
 * Both end in agx_gpu_create() (driver/fw/gpu.c) with a &struct agx_gpu_config: which
 * generation and firmware, which TLB backend, which transport. Remove (unbind) shuts the
 * firmware down with queues and jobs possibly alive (agx_gpu_destroy()). Once the firmware
 * is up, probe registers the GPU's DRM render device (driver/drm, agx_drm_register());
 * remove unplugs it before the shutdown, with files possibly still open
 * (Documentation/agx-uapi.rst).
 *
 * Module init creates the slab caches of 16 KiB page tables and backing chunks
 * (driver/mmu), the workqueues shared by all GPUs (driver/fw), and then registers the
 * platform driver; module exit undoes it in reverse order and waits until every GPU is
 * freed.
 *
 * Layers, each calling only those below it (Documentation/agx-firmware.rst, "Layers"):
 * driver/drm (the DRM device and its uAPI), driver/queue (AGX queues on jobqueue.ko),
 * driver/fw (firmware), driver/mmu (GPU memory), driver/xport (transport), driver/hw (the
 * SoCs, their device-tree node and ID registers).
 */

#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <agx/fw/sim_link.h>

#include "agx_drv.h"
#include "agx_of.h"
#include "drm/agx_drm.h"
#include "fw/agx_fw.h"
#include "agx_pwr.h"
#include "hw/agx_hw.h"
#include "mmu/agx_mmu.h"
#include "xport/sim.h"

static struct agx_xport *agx_sim_xport_create(struct device *dev, const void *data,
					      const struct agx_xport_client *client)
{
	return agx_xport_sim_create(dev, data, client);
}

/*
 * The simulated GPU is the base M1 (G13) or M2 (G14), revision A0, all cores enabled; a
 * G14X one is the M2 with the G14X firmware data (one cluster: the simulator models no
 * multi-cluster GPU).
 */
static void agx_sim_ident(enum agx_gpu_gen gen, struct agx_gpu_ident *ident)
{
	const struct agx_hw_chip *chip = gen >= AGX_GEN_G14 ? &agx_hw_t8112 : &agx_hw_t8103;

	ident->chip_id = chip->chip_id;
	ident->gpu_core = chip->gpu_core;
	ident->gpu_rev = 1;
	ident->num_clusters = 1;
	ident->num_cores = chip->max_cores;
	ident->num_frags = chip->max_cores;
	ident->core_masks[0] = GENMASK(chip->max_cores - 1, 0);
}

/* The simulated GPU: everything comes from agx_sim.ko's platform data. */
static struct agx_gpu *agx_sim_probe(struct platform_device *pdev)
{
	const struct agx_sim_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct agx_gpu_pwr *pwr = kmalloc(sizeof(*pwr), GFP_KERNEL);
	struct agx_gpu_config cfg = {};
	struct agx_gpu *gpu;
	int ret;

	if (!pwr)
		return ERR_PTR(-ENOMEM);
	cfg.gen = pdata->gen;
	cfg.fw_version = pdata->fw_version;
	agx_sim_ident(pdata->gen, &cfg.ident);
	ret = agx_pwr_parse(&pdev->dev, cfg.ident.num_clusters, pwr);
	if (ret) {
		kfree(pwr);
		return ERR_PTR(ret);
	}
	cfg.pwr = pwr;
	cfg.tlb = pdata->tlb;
	cfg.tlb_priv = pdata->tlb_priv;
	cfg.debug_alloc = pdata->debug_alloc;
	cfg.xport_create = agx_sim_xport_create;
	cfg.xport_data = pdata;
	gpu = agx_gpu_create(&pdev->dev, &cfg);
	kfree(pwr);	/* copied */
	return gpu;
}

static int agx_platform_probe(struct platform_device *pdev)
{
	struct agx_gpu *gpu;
	int ret;

	/* by platform data, not by the ID matched: a test may attach the driver by hand */
	gpu = dev_get_platdata(&pdev->dev) ? agx_sim_probe(pdev) : agx_of_probe(pdev);
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

/* The SoCs of driver/hw/dt.c, under both spellings of their compatible. */
static const struct of_device_id agx_of_match[] = {
	{ .compatible = "apple,agx-t8103" },
	{ .compatible = "apple,agx-g13g" },
	{ .compatible = "apple,agx-t8112" },
	{ .compatible = "apple,agx-g14g" },
	{ }
};
MODULE_DEVICE_TABLE(of, agx_of_match);

static const struct platform_device_id agx_sim_ids[] = {
	{ .name = AGX_SIM_DEV_NAME },
	{ }
};
MODULE_DEVICE_TABLE(platform, agx_sim_ids);

static struct platform_driver agx_platform_driver = {
	.probe = agx_platform_probe,
	.remove = agx_platform_remove,
	.id_table = agx_sim_ids,
	.driver = {
		.name = AGX_DRV_NAME,
		.of_match_table = agx_of_match,
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
