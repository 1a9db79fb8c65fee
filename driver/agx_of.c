// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Hardware resources on a Mac
 *
 * The resources the hardware probe sequence (driver/agx_probe.c) takes on an Apple SoC:
 * the node's register ranges by name (device-managed: they stay mapped until the device
 * is unbound), its reserved regions through the reserved-memory framework, mapped
 * write-back as the Asahi driver maps them (mmu.rs, map_region: the firmware and the CPU
 * share them coherently) and unmapped only when the GPU's memory goes, the DMA mask, the
 * CPU's broadcast TLB invalidation and the RTKit transport (driver/xport/rtkit.c).
 *
 * Built where the kernel has Apple RTKit (arm64 Asahi kernels, and ``make check-arm64``);
 * elsewhere agx_of_probe() fails with -ENODEV. The sequence itself is KUnit-tested on any
 * kernel against a software node, fake registers and the simulated firmware
 * (kunit/agx_hw_test.c); what is here needs the machine.
 */

#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>

#include "agx_of.h"
#include "agx_probe.h"
#include "hw/agx_hw.h"
#include "mmu/agx_mmu.h"
#include "xport/rtkit.h"

static int agx_of_set_dma_mask(struct device *dev, unsigned int bits, void *priv)
{
	return dma_set_mask_and_coherent(dev, DMA_BIT_MASK(bits));
}

static void __iomem *agx_of_map_regs(struct device *dev, const char *name, size_t size,
				     void *priv)
{
	struct platform_device *pdev = to_platform_device(dev);
	struct resource *res = platform_get_resource_byname(pdev, IORESOURCE_MEM, name);

	if (!res || resource_size(res) < size) {
		dev_err(dev, "agx: register range \"%s\" missing or below %zu bytes\n", name,
			size);
		return IOMEM_ERR_PTR(-ENODEV);
	}
	return devm_ioremap_resource(dev, res);
}

static void *agx_of_map_region(struct device *dev, const struct agx_hw_desc *desc,
			       enum agx_hw_region rgn, size_t min, phys_addr_t *phys, void *priv)
{
	struct device_node *np;
	struct reserved_mem *rmem;
	void *va;

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
	va = memremap(rmem->base, rmem->size, MEMREMAP_WB);
	if (!va)
		return ERR_PTR(-ENOMEM);
	*phys = rmem->base;
	return va;
}

static void agx_of_unmap_region(struct device *dev, void *va, void *priv)
{
	memunmap(va);
}

static struct agx_xport *agx_of_xport_create(struct device *dev, void __iomem *sgx,
					     const struct agx_xport_client *client, void *priv)
{
	return agx_xport_rtkit_create(dev, sgx, client);
}

static const struct agx_probe_ops agx_of_ops = {
	.set_dma_mask = agx_of_set_dma_mask,
	.map_regs = agx_of_map_regs,
	.map_region = agx_of_map_region,
	.unmap_region = agx_of_unmap_region,
	.xport_create = agx_of_xport_create,
	.tlb = &agx_tlb_arm64_ops,
};

/**
 * agx_of_probe() - bring up the GPU of an Apple SoC from its device-tree node
 * @pdev: the GPU's platform device, bound through the OF match table.
 *
 * Context: process context (probe); sleeps (up to about 2 s waiting for the firmware).
 * Return: what agx_hw_probe() returns: the GPU with one reference, or an ERR_PTR.
 */
struct agx_gpu *agx_of_probe(struct platform_device *pdev)
{
	return agx_hw_probe(&pdev->dev, &agx_of_ops, NULL);
}
