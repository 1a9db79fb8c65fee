// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: GPU device-tree node
 *
 * The GPU node of an Apple SoC (the device-tree binding gpu/apple,agx.yaml, and the Asahi
 * device trees' t8103.dtsi/t8112.dtsi) names:
 *
 * - ``compatible``: "apple,agx-t8103" / "apple,agx-t8112" in the Asahi device trees,
 *   "apple,agx-g13g" / "apple,agx-g14g" in the upstream binding; either selects the
 *   &struct agx_hw_chip of that SoC (agx_hw_chips[]).
 * - ``reg`` with ``reg-names`` "asc" (the coprocessor's control registers) and "sgx" (the
 *   GPU block's registers), ``mboxes`` (the ASC mailbox that RTKit talks through).
 * - ``memory-region`` with ``memory-region-names`` "ttbs", "pagetables", "handoff",
 *   "hw-cal-a", "hw-cal-b", "globals": memory the bootloader (m1n1) reserved and filled.
 * - ``apple,firmware-abi`` (``apple,firmware-compat`` in older trees): three cells, the
 *   macOS version the loaded firmware comes from (e.g. <13 5 0>), which selects the
 *   firmware's structure layouts; the bootloader overwrites the <0 0 0> of the source.
 *
 * Only the firmware/SoC combinations that driver/fw has layouts for are listed: t8103
 * (G13G) and t8112 (G14G). t600x/t602x (G13X, G14X: several clusters or dies) are not, and
 * do not bind.
 *
 * Everything here goes through the device-property API (device_property_*()), so the
 * same code reads a device tree on a Mac and a software node in KUnit
 * (kunit/agx_hw_test.c). Bad or missing properties fail with -ENODEV (nothing the driver
 * can use) or -EINVAL (malformed), each with a message naming the property.
 *
 * Coding conventions in this file: functions take the device and fill a caller-owned
 * &struct agx_hw_desc; nothing is allocated, so there is nothing to free on any path.
 */

#include <linux/device.h>
#include <linux/export.h>
#include <linux/property.h>
#include <kunit/visibility.h>

#include "dt.h"
#include "regs.h"

static const char * const agx_hw_t8103_compat[] = {
	"apple,agx-t8103", "apple,agx-g13g", NULL
};

static const char * const agx_hw_t8112_compat[] = {
	"apple,agx-t8112", "apple,agx-g14g", NULL
};

/* hw/t8103.rs and hw/t8112.rs of the Asahi driver (HwConfig), regs.rs for the gen codes */
const struct agx_hw_chip agx_hw_t8103 = {
	.name = "t8103", .compatible = agx_hw_t8103_compat, .chip_id = 0x8103,
	.gen = AGX_GEN_G13, .gen_code = AGX_HW_GEN_CODE_G13, .variant = 'G', .gpu_core = 11,
	.uat_oas = 40, .max_clusters = 1, .max_cores = 8,
};
EXPORT_SYMBOL_IF_KUNIT(agx_hw_t8103);

const struct agx_hw_chip agx_hw_t8112 = {
	.name = "t8112", .compatible = agx_hw_t8112_compat, .chip_id = 0x8112,
	.gen = AGX_GEN_G14, .gen_code = AGX_HW_GEN_CODE_G14G, .variant = 'G', .gpu_core = 15,
	.uat_oas = 40, .max_clusters = 1, .max_cores = 10,
};
EXPORT_SYMBOL_IF_KUNIT(agx_hw_t8112);

static const struct agx_hw_chip * const agx_hw_chips[] = {
	&agx_hw_t8103, &agx_hw_t8112,
};

/* memory-region-names, indexed by enum agx_hw_region (apple,agx.yaml) */
static const char * const agx_hw_region_names[AGX_RGN_NR] = {
	[AGX_RGN_TTBS] = "ttbs",
	[AGX_RGN_PAGETABLES] = "pagetables",
	[AGX_RGN_HANDOFF] = "handoff",
	[AGX_RGN_HW_CAL_A] = "hw-cal-a",
	[AGX_RGN_HW_CAL_B] = "hw-cal-b",
	[AGX_RGN_GLOBALS] = "globals",
};

/* The regions the driver maps itself (driver/mmu): it cannot come up without them. */
#define AGX_RGN_REQUIRED	(BIT(AGX_RGN_TTBS) | BIT(AGX_RGN_PAGETABLES) | BIT(AGX_RGN_HANDOFF))

/**
 * agx_hw_region_name() - the memory-region-names entry of a region
 * @rgn: the region.
 *
 * Context: any context.
 * Return: a static string.
 */
const char *agx_hw_region_name(enum agx_hw_region rgn)
{
	return agx_hw_region_names[rgn];
}

/**
 * agx_hw_chip_match() - the SoC a GPU node's compatible names
 * @dev: the GPU device, with a device-tree node or a software node.
 *
 * Context: process context.
 * Return: the static chip description, or NULL if no compatible of the node is known.
 */
const struct agx_hw_chip *agx_hw_chip_match(struct device *dev)
{
	const char * const *c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_hw_chips); i++)
		for (c = agx_hw_chips[i]->compatible; *c; c++)
			if (device_is_compatible(dev, *c))
				return agx_hw_chips[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(agx_hw_chip_match);

/* Three cells of @prop into @abi: 0, -EINVAL if there are fewer, or the read's error. */
static int agx_hw_read_abi(struct device *dev, const char *prop, u32 *abi)
{
	int n = device_property_count_u32(dev, prop);

	if (n >= 0 && n < 3) {
		dev_err(dev, "agx: %s has %d cells, needs 3\n", prop, n);
		return -EINVAL;
	}
	return n < 0 ? n : device_property_read_u32_array(dev, prop, abi, 3);
}

/*
 * The firmware ABI: "apple,firmware-abi", else the older "apple,firmware-compat". <0 0 0>
 * is the source's placeholder: the bootloader did not say which firmware it loaded.
 */
static int agx_hw_parse_abi(struct device *dev, struct agx_hw_desc *desc)
{
	const char *prop = "apple,firmware-abi";
	u32 *abi = desc->fw_abi;
	int ret;

	if (!device_property_present(dev, prop))
		prop = "apple,firmware-compat";
	if (!device_property_present(dev, prop)) {
		dev_err(dev, "agx: no apple,firmware-abi in the GPU node\n");
		return -ENODEV;
	}
	ret = agx_hw_read_abi(dev, prop, abi);
	if (ret)
		return ret;
	if (!abi[0]) {
		dev_err(dev, "agx: firmware ABI not set by the bootloader (<0 0 0>)\n");
		return -ENODEV;
	}
	if (abi[0] > 0xff || abi[1] > 0xff || abi[2] > 0xff) {
		dev_err(dev, "agx: firmware ABI %u.%u.%u out of range\n", abi[0], abi[1], abi[2]);
		return -EINVAL;
	}
	desc->fw_version = AGX_FW_VERSION(abi[0], abi[1], abi[2]);
	return 0;
}

/* Each region's index in memory-region; the ones the driver maps must be there. */
static int agx_hw_parse_regions(struct device *dev, struct agx_hw_desc *desc)
{
	unsigned int i;
	int idx;

	for (i = 0; i < AGX_RGN_NR; i++) {
		idx = device_property_match_string(dev, "memory-region-names",
						   agx_hw_region_names[i]);
		desc->region[i] = idx < 0 ? -1 : idx;
		if (idx < 0 && (AGX_RGN_REQUIRED & BIT(i))) {
			dev_err(dev, "agx: no \"%s\" in memory-region-names\n",
				agx_hw_region_names[i]);
			return -ENODEV;
		}
	}
	return 0;
}

/* The two register ranges, by name. */
static int agx_hw_parse_regs(struct device *dev)
{
	static const char * const names[] = { "asc", "sgx" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (device_property_match_string(dev, "reg-names", names[i]) < 0) {
			dev_err(dev, "agx: no \"%s\" in reg-names\n", names[i]);
			return -ENODEV;
		}
	}
	return 0;
}

/**
 * agx_hw_dt_parse() - read the GPU node: SoC, firmware ABI, reserved regions, registers
 * @dev: the GPU device, with a device-tree node or a software node.
 * @desc: filled (chip, fw_abi, fw_version, region); @desc->id is left alone.
 *
 * Context: process context.
 * Return: 0; -ENODEV if the compatible is not a supported SoC, the firmware ABI is absent
 * or unset, or a required region or register range is missing; -EINVAL for a malformed
 * firmware ABI. A message names what is wrong.
 */
int agx_hw_dt_parse(struct device *dev, struct agx_hw_desc *desc)
{
	int ret;

	desc->chip = agx_hw_chip_match(dev);
	if (!desc->chip) {
		dev_err(dev, "agx: GPU node has no supported compatible\n");
		return -ENODEV;
	}
	ret = agx_hw_parse_abi(dev, desc);
	if (!ret)
		ret = agx_hw_parse_regions(dev, desc);
	if (!ret)
		ret = agx_hw_parse_regs(dev);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(agx_hw_dt_parse);

/**
 * agx_hw_identify() - decode the ID registers and check them against the device tree's SoC
 * @dev: the GPU device, for messages.
 * @regs: its ID registers, read with agx_hw_id_read() after the coprocessor started.
 * @desc: from agx_hw_dt_parse(); @desc->id is filled.
 *
 * A device tree of another machine fails here, before any firmware structure is written.
 *
 * Context: process context.
 * Return: 0; the errors of agx_hw_id_decode(); -ENODEV if the ID registers do not match
 * the SoC of the compatible.
 */
int agx_hw_identify(struct device *dev, const struct agx_hw_id_regs *regs,
		    struct agx_hw_desc *desc)
{
	int ret = agx_hw_id_decode(regs, &desc->id);

	if (ret) {
		dev_err(dev, "agx: GPU ID registers %#x %#x %#x %#x not understood (%d)\n",
			regs->version, regs->counts_1, regs->counts_2, regs->clusters, ret);
		return ret;
	}
	if (agx_hw_id_check(desc->chip, &desc->id)) {
		dev_err(dev, "agx: GPU ID (gen %u, variant %c, %u x %u cores) is not a %s\n",
			desc->id.gen_code, desc->id.variant, desc->id.num_clusters,
			desc->id.num_cores, desc->chip->name);
		return -ENODEV;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_hw_identify);
