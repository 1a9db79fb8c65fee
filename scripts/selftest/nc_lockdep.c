// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for lockdep: two mutexes taken in both orders by the same thread. No
 * deadlock happens, but lockdep must report the inversion.
 */
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(nc_lock_a);
static DEFINE_MUTEX(nc_lock_b);

static int __init nc_lockdep_init(void)
{
	mutex_lock(&nc_lock_a);
	mutex_lock(&nc_lock_b);
	mutex_unlock(&nc_lock_b);
	mutex_unlock(&nc_lock_a);

	mutex_lock(&nc_lock_b);
	mutex_lock(&nc_lock_a);
	mutex_unlock(&nc_lock_a);
	mutex_unlock(&nc_lock_b);
	return 0;
}
module_init(nc_lockdep_init);

static void __exit nc_lockdep_exit(void)
{
}
module_exit(nc_lockdep_exit);

MODULE_DESCRIPTION("Harness negative control: inverted lock order (lockdep)");
MODULE_LICENSE("GPL");
