/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/agx_probe.c: the hardware probe sequence (calls driver/hw and driver/fw); its
 * resources come from driver/agx_of.c on a Mac, from a test otherwise.
 */
#ifndef _DRIVER_AGX_PROBE_H_
#define _DRIVER_AGX_PROBE_H_

#include <linux/compiler_types.h>
#include <linux/types.h>
#include "hw/agx_hw_types.h"

struct agx_gpu;
struct agx_tlb_ops;
struct agx_xport;
struct agx_xport_client;
struct device;

/**
 * struct agx_probe_ops - the resources of a hardware probe
 * @set_dma_mask: set the device's DMA mask to @bits (the UAT output size); NULL for none.
 *	0 or -errno.
 * @map_regs: map the register range @name ("asc", "sgx") of at least @size bytes; the
 *	mapping must last until the device is unbound. An ERR_PTR on error.
 * @map_region: map reserved region @rgn of the node (&agx_hw_desc.region), at least @min
 *	bytes, cached; its physical address in *@phys. An ERR_PTR on error.
 * @unmap_region: undo @map_region, given its address; called with the GPU's memory (the
 *	MMU no longer writes it) or on a failed probe.
 * @xport_create: the transport to the firmware, delivering to @client; @sgx for the
 *	registers the firmware layer reads. An ERR_PTR on error.
 * @tlb: the GPU TLB backend.
 * @tlb_priv: passed to @tlb.
 *
 * Static data of the bus layer (driver/agx_of.c), or a test's; must outlive the GPU. Every
 * callback runs in process context and may sleep; @priv is agx_hw_probe()'s.
 */
struct agx_probe_ops {
	int (*set_dma_mask)(struct device *dev, unsigned int bits, void *priv);
	void __iomem *(*map_regs)(struct device *dev, const char *name, size_t size,
				  void *priv);
	void *(*map_region)(struct device *dev, const struct agx_hw_desc *desc,
			    enum agx_hw_region rgn, size_t min, phys_addr_t *phys, void *priv);
	void (*unmap_region)(struct device *dev, void *va, void *priv);
	struct agx_xport *(*xport_create)(struct device *dev, void __iomem *sgx,
					  const struct agx_xport_client *client, void *priv);
	const struct agx_tlb_ops *tlb;
	void *tlb_priv;
};

struct agx_gpu *agx_hw_probe(struct device *dev, const struct agx_probe_ops *ops, void *priv);

#endif /* _DRIVER_AGX_PROBE_H_ */
