// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Hardware probe
 *
 * How agx.ko binds to the GPU of an Apple SoC (its device-tree node: driver/hw/dt.c), in
 * the order of the Asahi driver's probe (driver.rs, regs.rs, mmu.rs, gpu.rs;
 * asahi-agx-driver.md §2.2):
 *
 * 1. The node is read: the SoC from its compatible, the firmware ABI
 *    ("apple,firmware-abi"), the names of its regions and registers; a node the driver
 *    cannot use fails here, before anything is touched. The DMA mask is the SoC's UAT
 *    output size.
 * 2. The "asc" and "sgx" register ranges are mapped.
 * 3. The coprocessor is started (ASC CPU_CONTROL.CPU_RUN), so that its firmware sets up
 *    its half of the handoff while the driver goes on.
 * 4. The ID registers are read and must match the SoC; SoC generation and firmware ABI
 *    select the layouts (driver/fw/layouts.c).
 * 5. The "ttbs" and "handoff" reserved regions are mapped (write-back, as the firmware
 *    and the CPU share them coherently) and handed to the MMU in place of its own
 *    allocations.
 * 6. agx_gpu_create() builds the MMU, channels and InitData over an RTKit transport
 *    (driver/xport/rtkit.c), waits for the firmware's handoff magic, boots RTKit and its
 *    endpoints, and sends the InitData; agx_drv.c then registers the DRM device.
 *
 * Built where the kernel has Apple RTKit (arm64 Asahi kernels, and ``make check-arm64``);
 * elsewhere agx_of_probe() fails with -ENODEV. The device-tree reading and the ID decoding
 * are KUnit-tested on any kernel through software nodes (kunit/agx_hw_test.c); this file's
 * MMIO, reserved memory and RTKit need the machine.
 *
 * Ownership: every mapping is device-managed (it goes when probe fails or the device is
 * unbound, after remove has destroyed the GPU); the per-device state is devm-allocated and
 * the GPU holds pointers into it only until agx_gpu_destroy() returns.
 */

#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <agx/uat.h>

#include "agx_of.h"
#include "fw/agx_fw.h"
#include "hw/agx_hw.h"
#include "mmu/agx_mmu.h"
#include "xport/rtkit.h"

/**
 * struct agx_of_gpu - the hardware resources of one bound GPU
 * @desc: what the device tree and the ID registers say.
 * @asc: the "asc" registers.
 * @sgx: the "sgx" registers.
 * @regions: the mapped TTBAT and handoff regions, for the MMU.
 *
 * devm-allocated at probe, freed with the device's resources after remove.
 */
struct agx_of_gpu {
	struct agx_hw_desc desc;
	void __iomem *asc;
	void __iomem *sgx;
	struct agx_mmu_regions regions;
};

/* Map reserved region @rgn of the node write-back; at least @min bytes. */
static void *agx_of_map_region(struct device *dev, const struct agx_hw_desc *desc,
			       enum agx_hw_region rgn, size_t min, phys_addr_t *phys)
{
	struct device_node *np;
	struct reserved_mem *rmem;

	np = of_parse_phandle(dev->of_node, "memory-region", desc->region[rgn]);
	if (!np)
		return ERR_PTR(-ENODEV);
	rmem = of_reserved_mem_lookup(np);
	of_node_put(np);
	if (!rmem || rmem->size < min) {
		dev_err(dev, "agx: reserved region \"%s\" missing or below %zu bytes\n",
			agx_hw_region_name(rgn), min);
		return ERR_PTR(-ENODEV);
	}
	*phys = rmem->base;
	return devm_memremap(dev, rmem->base, rmem->size, MEMREMAP_WB);
}

static int agx_of_map_regions(struct device *dev, struct agx_of_gpu *hw)
{
	struct agx_mmu_regions *r = &hw->regions;
	void *p;

	p = agx_of_map_region(dev, &hw->desc, AGX_RGN_TTBS,
			      AGX_UAT_NUM_CTX * sizeof(*r->ttbat), &r->ttbat_phys);
	if (IS_ERR(p))
		return PTR_ERR(p);
	r->ttbat = p;
	p = agx_of_map_region(dev, &hw->desc, AGX_RGN_HANDOFF, sizeof(*r->handoff),
			      &r->handoff_phys);
	if (IS_ERR(p))
		return PTR_ERR(p);
	r->handoff = p;
	return 0;
}

/* Steps 2-4: registers, coprocessor start, identity. */
static int agx_of_identify(struct platform_device *pdev, struct agx_of_gpu *hw)
{
	struct agx_hw_id_regs regs;

	hw->asc = devm_platform_ioremap_resource_byname(pdev, "asc");
	if (IS_ERR(hw->asc))
		return PTR_ERR(hw->asc);
	hw->sgx = devm_platform_ioremap_resource_byname(pdev, "sgx");
	if (IS_ERR(hw->sgx))
		return PTR_ERR(hw->sgx);
	agx_hw_asc_start(hw->asc);
	agx_hw_id_read(hw->sgx, &regs);
	return agx_hw_identify(&pdev->dev, &regs, &hw->desc);
}

static struct agx_xport *agx_of_xport_create(struct device *dev, const void *data,
					     const struct agx_xport_client *client)
{
	const struct agx_of_gpu *hw = data;

	return agx_xport_rtkit_create(dev, hw->sgx, client);
}

/**
 * agx_of_probe() - bring up the GPU of an Apple SoC from its device-tree node
 * @pdev: the GPU's platform device, bound through the OF match table.
 *
 * Context: process context (probe); sleeps (up to about 2 s waiting for the firmware).
 * Return: the GPU with one reference (the caller's, dropped by agx_gpu_destroy()); an
 * ERR_PTR: -ENODEV for an unknown SoC, GPU or firmware, a missing property or region;
 * -EINVAL for a malformed property; -EPROBE_DEFER while the mailbox is not bound yet;
 * -ETIMEDOUT if the firmware does not come up; -ENOMEM. On error every mapping is
 * released with the device's resources.
 */
struct agx_gpu *agx_of_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct agx_gpu_config cfg = {};
	struct agx_of_gpu *hw;
	int ret;

	hw = devm_kzalloc(dev, sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return ERR_PTR(-ENOMEM);
	ret = agx_hw_dt_parse(dev, &hw->desc);
	if (!ret)
		ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(hw->desc.chip->uat_oas));
	if (!ret)
		ret = agx_of_identify(pdev, hw);
	if (!ret)
		ret = agx_of_map_regions(dev, hw);
	if (ret)
		return ERR_PTR(ret);
	cfg.gen = hw->desc.chip->gen;
	cfg.fw_version = hw->desc.fw_version;
	cfg.tlb = &agx_tlb_arm64_ops;
	cfg.regions = &hw->regions;
	cfg.xport_create = agx_of_xport_create;
	cfg.xport_data = hw;
	return agx_gpu_create(dev, &cfg);
}
