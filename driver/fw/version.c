// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware versions
 *
 * Probe picks one &struct agx_fw_layout from the GPU generation and the firmware-compat
 * version, as the Rust driver picks its versioned GpuManager (asahi-agx-driver.md §4): an
 * unknown combination is -ENODEV. The table and agx_fw_layout_find() are ABI data shared
 * with the simulator, in driver/fw/layouts.c; agx.ko exports the lookup to its KUnit
 * suites only (agx_sim.ko has its own copy of the table, so it must not export it).
 */

#include <linux/export.h>
#include <kunit/visibility.h>
#include <agx/fw/version.h>

EXPORT_SYMBOL_IF_KUNIT(agx_fw_layout_find);
