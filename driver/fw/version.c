// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware versions
 *
 * Probe picks one &struct agx_fw_layout from the GPU generation and the firmware-compat
 * version, as the Rust driver picks its versioned GpuManager (asahi-agx-driver.md §4): an
 * unknown combination is -ENODEV. The table itself is ABI data shared with the simulator
 * (<agx/fw/layouts.h>).
 */

#include <linux/export.h>
#include <kunit/visibility.h>
#include <agx/fw/layouts.h>

#include "agx_fw.h"

/**
 * agx_fw_layout_find() - the layout of a firmware/GPU combination
 * @gen: GPU generation.
 * @version: AGX_FW_VERSION() of the firmware.
 *
 * Context: any.
 * Return: the layout (static data), or NULL if the combination is not supported.
 */
const struct agx_fw_layout *agx_fw_layout_find(enum agx_gpu_gen gen, u32 version)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_fw_layouts); i++)
		if (agx_fw_layouts[i].gen == gen && agx_fw_layouts[i].version == version)
			return &agx_fw_layouts[i];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(agx_fw_layout_find);
