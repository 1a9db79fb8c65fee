// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for WARN(): any WARNING in the log must fail a run.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init nc_warn_init(void)
{
	WARN(1, "nc_warn: deliberate warning\n");
	return 0;
}
module_init(nc_warn_init);

static void __exit nc_warn_exit(void)
{
}
module_exit(nc_warn_exit);

MODULE_DESCRIPTION("Harness negative control: WARN");
MODULE_LICENSE("GPL");
