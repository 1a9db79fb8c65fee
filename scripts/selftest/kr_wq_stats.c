// SPDX-License-Identifier: GPL-2.0
/*
 * Reproducer of a data race inside the kernel itself, for the KCSAN allow-list of
 * scripts/verdict.py (Documentation/harness.rst, "Races inside the kernel"): in 6.12,
 * process_one_work() increments pwq->stats[PWQ_STAT_COMPLETED] after the work function
 * returns and before it takes pool->lock again (kernel/workqueue.c:3272), so two kworkers
 * finishing work items of one unbound pool_workqueue race on that counter: "data-race in
 * process_one_work / process_one_work", with no frame of this module in either stack. The
 * work function here does nothing, so that the counter is the only shared data.
 */
#include <linux/module.h>

#define WQ_RACE_FN kr_wq_stats_fn
#include "wq_race.h"

static void kr_wq_stats_fn(struct work_struct *work)
{
}

static int __init kr_wq_stats_init(void)
{
	long n = wq_race_run("kr_wq_stats");

	if (n < 0)
		return n;
	pr_info("kr_wq_stats: %ld work items queued\n", n);
	return 0;
}
module_init(kr_wq_stats_init);

static void __exit kr_wq_stats_exit(void)
{
}
module_exit(kr_wq_stats_exit);

MODULE_DESCRIPTION("Harness: reproducer of the workqueue core's pwq stats race (KCSAN)");
MODULE_LICENSE("GPL");
