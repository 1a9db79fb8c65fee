// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for kmemleak: an allocation whose only pointer is dropped.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static noinline void nc_kmemleak_leak(void)
{
	void *p = kmalloc(256, GFP_KERNEL);

	if (p)
		memset(p, 0x5a, 256);
}

static int __init nc_kmemleak_init(void)
{
	nc_kmemleak_leak();
	return 0;
}
module_init(nc_kmemleak_init);

static void __exit nc_kmemleak_exit(void)
{
}
module_exit(nc_kmemleak_exit);

MODULE_DESCRIPTION("Harness negative control: memory leak (kmemleak)");
MODULE_LICENSE("GPL");
