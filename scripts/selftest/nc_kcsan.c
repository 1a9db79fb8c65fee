// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for KCSAN: two threads on two CPUs write one plain variable for a while.
 * The load waits for both threads, so the report lands while the module is loading.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>

static int nc_kcsan_racy;
static struct completion nc_kcsan_done[2];

static int nc_kcsan_thread(void *arg)
{
	struct completion *done = arg;
	unsigned long end = jiffies + 2 * HZ;

	while (time_before(jiffies, end)) {
		nc_kcsan_racy++;	/* deliberately racy: no lock, no atomic */
		cpu_relax();
	}
	complete(done);
	return 0;
}

static int __init nc_kcsan_init(void)
{
	struct task_struct *t;
	int i, started, err = 0;

	for (started = 0; started < 2; started++) {
		init_completion(&nc_kcsan_done[started]);
		t = kthread_run_on_cpu(nc_kcsan_thread, &nc_kcsan_done[started],
				       started % num_online_cpus(), "nc_kcsan/%u");
		if (IS_ERR(t)) {
			err = PTR_ERR(t);
			break;
		}
	}
	for (i = 0; i < started; i++)
		wait_for_completion(&nc_kcsan_done[i]);
	if (err)
		return err;
	pr_info("nc_kcsan: %d increments\n", nc_kcsan_racy);
	return 0;
}
module_init(nc_kcsan_init);

static void __exit nc_kcsan_exit(void)
{
}
module_exit(nc_kcsan_exit);

MODULE_DESCRIPTION("Harness negative control: data race (KCSAN)");
MODULE_LICENSE("GPL");
