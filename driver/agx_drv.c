// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx.ko module
 *
 * The Apple AGX GPU driver. For now the module only provides the GPU memory-management
 * layer (driver/mmu) as a library for the firmware layer, the simulator and the tests; it
 * becomes a platform driver with the firmware bring-up. Module init creates the slab caches
 * of 16 KiB page tables and backing chunks.
 */

#include <linux/module.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"

static int __init agx_init(void)
{
	int ret = agx_pgtable_module_init();

	if (ret)
		return ret;
	ret = agx_alloc_module_init();
	if (ret)
		goto err_pgtable;
	/* the GPU platform driver (firmware bring-up, driver/fw/gpu.c) */
	ret = agx_gpu_module_init();
	if (ret)
		goto err_alloc;
	return 0;
err_alloc:
	agx_alloc_module_exit();
err_pgtable:
	agx_pgtable_module_exit();
	return ret;
}

static void __exit agx_exit(void)
{
	agx_gpu_module_exit();
	agx_alloc_module_exit();
	agx_pgtable_module_exit();
}

module_init(agx_init);
module_exit(agx_exit);
MODULE_DESCRIPTION("Apple AGX GPU driver");
MODULE_LICENSE("GPL");
