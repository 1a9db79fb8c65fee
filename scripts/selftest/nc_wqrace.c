// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for the KCSAN allow-list: the workload of kr_wq_stats.c, whose kernel
 * race the verdict allows, but with a race of our own in the work function: every work
 * item increments one plain counter. Its reports have process_one_work() and the workqueue
 * core in their stacks too, under this module's frame; they must still fail the run.
 *
 * Neither this module's nor its functions' names may contain "kcsan_": KCSAN drops every
 * frame whose symbol (with its module) contains it, as its own runtime's
 * (kernel/kcsan/report.c, get_stack_skipnr()), and the report would show no frame of ours.
 */
#include <linux/module.h>

#define WQ_RACE_FN nc_wqrace_fn
#include "wq_race.h"

static unsigned long nc_wqrace_count;

static void nc_wqrace_fn(struct work_struct *work)
{
	unsigned int i;

	/* many accesses per item, so that KCSAN's sampling catches one at its default rate */
	for (i = 0; i < 256; i++) {
		nc_wqrace_count++;	/* deliberately racy: no lock, no atomic */
		cpu_relax();
	}
}

static int __init nc_wqrace_init(void)
{
	long n = wq_race_run("nc_wqrace");

	if (n < 0)
		return n;
	pr_info("nc_wqrace: %ld work items queued, %lu counted\n", n, nc_wqrace_count);
	return 0;
}
module_init(nc_wqrace_init);

static void __exit nc_wqrace_exit(void)
{
}
module_exit(nc_wqrace_exit);

MODULE_DESCRIPTION("Harness negative control: data race in a work function (KCSAN)");
MODULE_LICENSE("GPL");
