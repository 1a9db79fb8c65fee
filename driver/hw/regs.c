// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: GPU registers
 *
 * Nearly everything goes through the firmware; the CPU touches few registers itself
 * (the Asahi driver's regs.rs, where the offsets and fields come from):
 *
 * - ASC ``CPU_CONTROL`` (0x44 of "asc"): setting ``CPU_RUN`` (bit 4) starts the GPU's
 *   coprocessor, before the UAT is set up, so that its firmware initializes its half of
 *   the handoff (the Asahi probe's order).
 * - The SGX ID registers (0xd04000 on of "sgx"): ``ID_VERSION`` [31:24] generation code
 *   (4 G13, 5 G14G, 6 G14X), [23:16] variant (1 P, 2 G, 3 S, 4 C or D: D with more than
 *   4 clusters), [15:8] revision; ``ID_COUNTS_1`` [7:0] cores per cluster, on G14X [15:8]
 *   clusters per die and [19:16] dies; ``ID_COUNTS_2`` [23:16] GPs; ``ID_CLUSTERS`` [19:12]
 *   clusters (G13, G14G). The core masks (0xd01500 and 0xd01514; three from 0xe01500 on
 *   G14X) hold one bit per core, the clusters' masks packed one after the other.
 *
 * agx_hw_id_decode() is pure (KUnit feeds it register values); agx_hw_id_read() and
 * agx_hw_asc_start() are the MMIO accessors of the hardware probe.
 *
 * Coding conventions in this file: decoding fills a caller-owned value and returns
 * -ENODEV for a GPU the driver does not know, -EIO for registers that contradict each
 * other; nothing is allocated.
 */

#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "regs.h"

#define AGX_ID_GEN		GENMASK(31, 24)
#define AGX_ID_VARIANT		GENMASK(23, 16)
#define AGX_ID_REV		GENMASK(15, 8)
#define AGX_ID_CORES		GENMASK(7, 0)
#define AGX_ID_G14X_CLUSTERS	GENMASK(15, 8)
#define AGX_ID_G14X_DIES	GENMASK(19, 16)
#define AGX_ID_GPS		GENMASK(23, 16)
#define AGX_ID_CLUSTERS		GENMASK(19, 12)

static bool agx_hw_rev_known(u8 rev)
{
	/* A0, A1, B0, B1, C0, C1 */
	return rev == 0x00 || rev == 0x01 || rev == 0x10 || rev == 0x11 || rev == 0x20 ||
	       rev == 0x21;
}

/* The variant letter of ID_VERSION[23:16], 0 if unknown. */
static char agx_hw_variant(u32 code, u32 clusters)
{
	static const char letters[] = { 0, 'P', 'G', 'S', 'C' };

	if (code >= ARRAY_SIZE(letters))
		return 0;
	return code == 4 && clusters > 4 ? 'D' : letters[code];
}

static int agx_hw_id_clusters(const struct agx_hw_id_regs *r, struct agx_hw_id *id)
{
	switch (id->gen_code) {
	case AGX_HW_GEN_CODE_G13:
	case AGX_HW_GEN_CODE_G14G:
		id->num_clusters = FIELD_GET(AGX_ID_CLUSTERS, r->clusters);
		return r->nr_core_mask == 2 ? 0 : -EINVAL;
	case AGX_HW_GEN_CODE_G14X:
		id->num_clusters = FIELD_GET(AGX_ID_G14X_CLUSTERS, r->counts_1) *
				   FIELD_GET(AGX_ID_G14X_DIES, r->counts_1);
		return r->nr_core_mask == 3 ? 0 : -EINVAL;
	default:
		return -ENODEV;
	}
}

/*
 * Unpack the per-cluster masks: cluster c owns bits [c * num_cores, (c + 1) * num_cores)
 * of the packed registers. A bit beyond the last cluster means counts and masks disagree.
 */
static int agx_hw_id_masks(const struct agx_hw_id_regs *r, struct agx_hw_id *id)
{
	DECLARE_BITMAP(bits, AGX_HW_MAX_CORE_MASK_REGS * 32);
	unsigned int nbits = r->nr_core_mask * 32, used, c;

	memcpy(id->core_masks_packed, r->core_mask, r->nr_core_mask * sizeof(u32));
	bitmap_from_arr32(bits, r->core_mask, nbits);
	for (c = 0; c < id->num_clusters; c++) {
		id->core_masks[c] = bitmap_read(bits, c * id->num_cores, id->num_cores);
		id->total_active_cores += hweight32(id->core_masks[c]);
	}
	used = id->num_clusters * id->num_cores;
	return find_next_bit(bits, nbits, used) < nbits ? -EIO : 0;
}

/**
 * agx_hw_id_decode() - decode the GPU's ID registers
 * @r: the raw registers.
 * @id: filled.
 *
 * Context: any context.
 * Return: 0; -ENODEV for an unknown generation, variant or revision, or more cores or
 * clusters than the masks can hold; -EINVAL if @r has the wrong number of core masks for
 * its generation; -EIO if the core masks have bits beyond the counted cores.
 */
int agx_hw_id_decode(const struct agx_hw_id_regs *r, struct agx_hw_id *id)
{
	int ret;

	memset(id, 0, sizeof(*id));
	id->gen_code = FIELD_GET(AGX_ID_GEN, r->version);
	id->rev = FIELD_GET(AGX_ID_REV, r->version);
	id->num_cores = FIELD_GET(AGX_ID_CORES, r->counts_1);
	id->num_gps = FIELD_GET(AGX_ID_GPS, r->counts_2);
	ret = agx_hw_id_clusters(r, id);
	if (ret)
		return ret;
	id->variant = agx_hw_variant(FIELD_GET(AGX_ID_VARIANT, r->version), id->num_clusters);
	if (!id->variant || !agx_hw_rev_known(id->rev))
		return -ENODEV;
	if (!id->num_cores || id->num_cores > 32 || !id->num_clusters ||
	    id->num_clusters > AGX_HW_MAX_CLUSTERS ||
	    id->num_cores * id->num_clusters > r->nr_core_mask * 32)
		return -ENODEV;
	return agx_hw_id_masks(r, id);
}
EXPORT_SYMBOL_IF_KUNIT(agx_hw_id_decode);

/**
 * agx_hw_id_check() - does a decoded identity belong to the SoC the device tree names?
 * @chip: the SoC of the GPU node's compatible.
 * @id: the decoded ID registers.
 *
 * Context: any context.
 * Return: 0, or -ENODEV if generation or variant differ or there are more clusters or
 * cores than the SoC has (a device tree for another machine).
 */
int agx_hw_id_check(const struct agx_hw_chip *chip, const struct agx_hw_id *id)
{
	if (id->gen_code != chip->gen_code || id->variant != chip->variant)
		return -ENODEV;
	if (id->num_clusters > chip->max_clusters || id->num_cores > chip->max_cores)
		return -ENODEV;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_hw_id_check);

/**
 * agx_hw_id_read() - read the ID and core-mask registers
 * @sgx: the mapped "sgx" range (at least AGX_SGX_SIZE bytes).
 * @r: filled; the core-mask registers of the generation ID_VERSION names.
 *
 * Context: process context; MMIO reads only.
 */
void agx_hw_id_read(void __iomem *sgx, struct agx_hw_id_regs *r)
{
	unsigned int i;

	r->version = readl_relaxed(sgx + AGX_SGX_ID_VERSION);
	r->counts_1 = readl_relaxed(sgx + AGX_SGX_ID_COUNTS_1);
	r->counts_2 = readl_relaxed(sgx + AGX_SGX_ID_COUNTS_2);
	r->clusters = readl_relaxed(sgx + AGX_SGX_ID_CLUSTERS);
	if (FIELD_GET(AGX_ID_GEN, r->version) == AGX_HW_GEN_CODE_G14X) {
		r->nr_core_mask = 3;
		for (i = 0; i < 3; i++)
			r->core_mask[i] = readl_relaxed(sgx + AGX_SGX_CORE_MASKS_G14X + 4 * i);
		return;
	}
	r->nr_core_mask = 2;
	r->core_mask[0] = readl_relaxed(sgx + AGX_SGX_CORE_MASK_0);
	r->core_mask[1] = readl_relaxed(sgx + AGX_SGX_CORE_MASK_1);
}

/**
 * agx_hw_asc_start() - start the GPU's coprocessor: set CPU_RUN in ASC CPU_CONTROL
 * @asc: the mapped "asc" range (at least AGX_ASC_CTL_SIZE bytes).
 *
 * Context: process context; one MMIO read-modify-write.
 */
void agx_hw_asc_start(void __iomem *asc)
{
	u32 val = readl_relaxed(asc + AGX_ASC_CPU_CONTROL);

	writel_relaxed(val | AGX_ASC_CPU_RUN, asc + AGX_ASC_CPU_CONTROL);
}
