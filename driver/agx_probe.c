// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Hardware probe sequence
 *
 * How agx.ko brings up the GPU of an Apple SoC, in the order of the Asahi driver's probe
 * (driver.rs, regs.rs, mmu.rs, gpu.rs; asahi-agx-driver.md §2.2), with every resource
 * behind &struct agx_probe_ops so that the sequence runs unchanged against the device
 * tree, MMIO, reserved memory and RTKit of a Mac (driver/agx_of.c) and against a test's
 * software node, fake registers, plain memory and the simulated firmware's transport
 * (kunit/agx_hw_test.c):
 *
 * 1. The node is read (driver/hw/dt.c): the SoC from its compatible, the firmware ABI,
 *    the names of its regions and register ranges. A node the driver cannot use fails
 *    here, before anything is touched. The DMA mask is the SoC's UAT output size.
 * 2. The "asc" and "sgx" register ranges are mapped.
 * 3. The coprocessor is started (ASC CPU_CONTROL.CPU_RUN), so that its firmware sets up
 *    its half of the handoff while the driver goes on.
 * 4. The ID registers are read and must match the SoC; SoC generation and firmware ABI
 *    select the layouts (driver/fw/layouts.c).
 * 5. The "ttbs", "handoff" and "pagetables" reserved regions are mapped and given to the
 *    MMU in place of its own allocations: the TTBAT, the handoff, and the firmware's
 *    kernel root table, under which the driver's kernel VM takes root entry 2 (mmu.rs).
 *    The GPU's identity and power configuration are read for InitData.
 * 6. agx_gpu_create() builds the MMU, channels and InitData over the transport, waits for
 *    the firmware's handoff magic, boots the coprocessor's RTKit and its endpoints, and
 *    sends the InitData.
 *
 * Ownership: the register mappings belong to the caller (device-managed on a Mac: they
 * go after remove, when nothing uses them). The region mappings belong to the GPU from
 * step 6 on: the MMU writes them until its last reference goes, which may be after the
 * device is unbound (files still open), so they are unmapped through ops->unmap_region
 * when the GPU's memory is freed (&agx_gpu_config.release), or here on failure.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/slab.h>
#include <kunit/visibility.h>
#include <agx/uat.h>

#include "agx_probe.h"
#include "agx_pwr.h"
#include "fw/agx_fw.h"
#include "hw/agx_hw.h"
#include "mmu/agx_mmu.h"

/**
 * struct agx_probe - the state of one hardware probe, owned by the GPU once it exists
 * @ops: the resources.
 * @priv: passed to @ops.
 * @dev: the GPU device.
 * @desc: what the device tree and the ID registers say.
 * @asc: the "asc" registers.
 * @sgx: the "sgx" registers.
 * @regions: the mapped TTBAT, handoff and kernel root-table regions, for the MMU.
 * @pwr: the power configuration read from the node (agx_gpu_create() copies it).
 *
 * Allocated by agx_hw_probe(); freed by agx_probe_release() with the GPU's memory, or on
 * a failure before the GPU took it.
 */
struct agx_probe {
	const struct agx_probe_ops *ops;
	void *priv;
	struct device *dev;
	struct agx_hw_desc desc;
	void __iomem *asc;
	void __iomem *sgx;
	struct agx_mmu_regions regions;
	struct agx_gpu_pwr pwr;
};

/* The GPU's memory is freed: its MMU no longer writes the regions. */
static void agx_probe_release(void *data)
{
	struct agx_probe *p = data;

	if (p->regions.pagetables)
		p->ops->unmap_region(p->dev, p->regions.pagetables, p->priv);
	if (p->regions.handoff)
		p->ops->unmap_region(p->dev, p->regions.handoff, p->priv);
	if (p->regions.ttbat)
		p->ops->unmap_region(p->dev, p->regions.ttbat, p->priv);
	kfree(p);
}

/* Step 5: the reserved TTBAT, handoff and kernel root-table regions, each large enough. */
static int agx_probe_regions(struct agx_probe *p)
{
	struct agx_mmu_regions *r = &p->regions;
	void *va;

	va = p->ops->map_region(p->dev, &p->desc, AGX_RGN_TTBS,
				AGX_UAT_NUM_CTX * sizeof(*r->ttbat), &r->ttbat_phys, p->priv);
	if (IS_ERR(va))
		return PTR_ERR(va);
	r->ttbat = va;
	va = p->ops->map_region(p->dev, &p->desc, AGX_RGN_HANDOFF, sizeof(*r->handoff),
				&r->handoff_phys, p->priv);
	if (IS_ERR(va))
		return PTR_ERR(va);
	r->handoff = va;
	va = p->ops->map_region(p->dev, &p->desc, AGX_RGN_PAGETABLES, AGX_UAT_PGSZ,
				&r->pagetables_phys, p->priv);
	if (IS_ERR(va))
		return PTR_ERR(va);
	r->pagetables = va;
	return 0;
}

/* Steps 2-4: registers, coprocessor start, identity. */
static int agx_probe_identify(struct agx_probe *p)
{
	struct agx_hw_id_regs regs;

	p->asc = p->ops->map_regs(p->dev, "asc", AGX_ASC_CTL_SIZE, p->priv);
	if (IS_ERR(p->asc))
		return PTR_ERR(p->asc);
	p->sgx = p->ops->map_regs(p->dev, "sgx", AGX_SGX_SIZE, p->priv);
	if (IS_ERR(p->sgx))
		return PTR_ERR(p->sgx);
	agx_hw_asc_start(p->asc);
	agx_hw_id_read(p->sgx, &regs);
	return agx_hw_identify(p->dev, &regs, &p->desc);
}

/*
 * Step 1 too: the node's firmware must be one the driver has the real structures of
 * (&agx_fw_layout.real); the other entries of the table are the simulator's.
 */
static int agx_probe_layout(struct agx_probe *p)
{
	const struct agx_fw_layout *l = agx_fw_layout_find(p->desc.chip->gen,
							   p->desc.fw_version);

	if (l && l->real)
		return 0;
	dev_err(p->dev, "agx: no firmware structures for %s with firmware %u.%u.%u\n",
		p->desc.chip->name, p->desc.fw_abi[0], p->desc.fw_abi[1], p->desc.fw_abi[2]);
	return -ENODEV;
}

/* Steps 1-5; on error @p still owns what it mapped. */
static int agx_probe_prepare(struct agx_probe *p)
{
	int ret = agx_hw_dt_parse(p->dev, &p->desc);

	if (!ret)
		ret = agx_probe_layout(p);

	if (!ret && p->ops->set_dma_mask)
		ret = p->ops->set_dma_mask(p->dev, p->desc.chip->uat_oas, p->priv);
	if (!ret)
		ret = agx_probe_identify(p);
	if (!ret)
		ret = agx_probe_regions(p);
	return ret;
}

static struct agx_xport *agx_probe_xport(struct device *dev, const void *data,
					 const struct agx_xport_client *client)
{
	const struct agx_probe *p = data;

	return p->ops->xport_create(dev, p->sgx, client, p->priv);
}

/*
 * The identity HwDataB gives the firmware. GpuRevisionID (hw/mod.rs) counts A0 = 1, A1,
 * B0, B1, C0, C1 = 6 from ID_VERSION's revision 0x00, 0x01, 0x10, 0x11, 0x20, 0x21. Base
 * M1/M2 GPUs have one fragment unit per core (max_num_frags = max_num_cores).
 */
static void agx_probe_ident(const struct agx_hw_desc *d, struct agx_gpu_ident *ident)
{
	ident->chip_id = d->chip->chip_id;
	ident->gpu_core = d->chip->gpu_core;
	ident->gpu_rev = (d->id.rev >> 4) * 2 + (d->id.rev & 1) + 1;
	ident->num_clusters = d->id.num_clusters;
	ident->num_cores = d->id.num_cores;
	ident->num_frags = d->id.num_cores;
	ident->core_masks[0] = d->id.core_masks_packed[0];
	ident->core_masks[1] = d->id.core_masks_packed[1];
}

/**
 * agx_hw_probe() - bring up the GPU of an Apple SoC, in the order of the Asahi driver
 * @dev: the GPU device, with its device-tree node (or, in a test, a software node).
 * @ops: the resources (driver/agx_of.c on a Mac); must outlive the GPU.
 * @priv: passed to @ops; must outlive the GPU.
 *
 * Context: process context (probe); sleeps (up to about 2 s waiting for the firmware).
 * Return: the GPU with one reference (the caller's, dropped by agx_gpu_destroy()); an
 * ERR_PTR: -ENODEV for an unknown SoC, GPU or firmware, a missing property or region;
 * -EINVAL for a malformed property; the errors of @ops (-EPROBE_DEFER while the mailbox
 * is not bound yet, say); -ETIMEDOUT if the firmware does not come up; -ENOMEM. On error
 * every region mapped here is unmapped again.
 */
struct agx_gpu *agx_hw_probe(struct device *dev, const struct agx_probe_ops *ops, void *priv)
{
	struct agx_gpu_config cfg = {};
	struct agx_probe *p = kzalloc(sizeof(*p), GFP_KERNEL);
	int ret;

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->ops = ops;
	p->priv = priv;
	p->dev = dev;
	ret = agx_probe_prepare(p);
	if (!ret)
		ret = agx_pwr_parse(dev, p->desc.chip->max_clusters, &p->pwr);
	if (ret) {
		agx_probe_release(p);
		return ERR_PTR(ret);
	}
	cfg.gen = p->desc.chip->gen;
	cfg.fw_version = p->desc.fw_version;
	agx_probe_ident(&p->desc, &cfg.ident);
	cfg.pwr = &p->pwr;
	cfg.tlb = ops->tlb;
	cfg.tlb_priv = ops->tlb_priv;
	cfg.regions = &p->regions;
	cfg.xport_create = agx_probe_xport;
	cfg.xport_data = p;
	cfg.release = agx_probe_release;
	cfg.release_data = p;
	return agx_gpu_create(dev, &cfg);	/* owns @p from here on */
}
EXPORT_SYMBOL_IF_KUNIT(agx_hw_probe);
