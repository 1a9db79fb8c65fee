// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for KASAN: a read after kfree(). The harness self-test passes only if
 * KASAN reports it.
 */
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/slab.h>

static int __init nc_kasan_init(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	kfree(p);
	OPTIMIZER_HIDE_VAR(p);
	pr_info("nc_kasan: read after free: %d\n", READ_ONCE(p[8]));
	return 0;
}
module_init(nc_kasan_init);

static void __exit nc_kasan_exit(void)
{
}
module_exit(nc_kasan_exit);

MODULE_DESCRIPTION("Harness negative control: use after free (KASAN)");
MODULE_LICENSE("GPL");
