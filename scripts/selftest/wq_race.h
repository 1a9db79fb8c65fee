/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared body of kr_wq_stats.c and nc_kcsan_wq.c: one thread per online CPU keeps a set of
 * work items queued on an unbound workqueue for two seconds, so that several kworkers of
 * one pool run (and finish) work items of one pool_workqueue at the same time. The work
 * function is WQ_RACE_FN, defined by the including file.
 */
#ifndef _AGX_SELFTEST_WQ_RACE_H_
#define _AGX_SELFTEST_WQ_RACE_H_

#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define WQ_RACE_ITEMS	256	/* work items per thread */
#define WQ_RACE_THREADS	8

struct wq_race_thread {
	struct work_struct work[WQ_RACE_ITEMS];
	struct workqueue_struct *wq;
	struct completion done;
	unsigned long queued;
};

static void WQ_RACE_FN(struct work_struct *work);

static int wq_race_thread_fn(void *arg)
{
	struct wq_race_thread *t = arg;
	unsigned long end = jiffies + 2 * HZ;
	unsigned int i;

	for (i = 0; i < WQ_RACE_ITEMS; i++)
		INIT_WORK(&t->work[i], WQ_RACE_FN);
	/* queue a batch, wait for it: the CPUs stay free for the kworkers */
	while (time_before(jiffies, end)) {
		for (i = 0; i < WQ_RACE_ITEMS; i++)
			t->queued += queue_work(t->wq, &t->work[i]);
		for (i = 0; i < WQ_RACE_ITEMS; i++)
			flush_work(&t->work[i]);
	}
	complete(&t->done);
	return 0;
}

/* Run the threads to their end; returns the number of work items queued, or an error. */
static long wq_race_run(const char *name)
{
	unsigned int n = min_t(unsigned int, num_online_cpus(), WQ_RACE_THREADS), i, started;
	struct wq_race_thread *t = kcalloc(n, sizeof(*t), GFP_KERNEL);
	struct workqueue_struct *wq = alloc_workqueue("%s", WQ_UNBOUND, 0, name);
	long total = 0;

	if (!t || !wq) {
		kfree(t);
		if (wq)
			destroy_workqueue(wq);
		return -ENOMEM;
	}
	for (started = 0; started < n; started++) {
		struct task_struct *k;

		t[started].wq = wq;
		init_completion(&t[started].done);
		k = kthread_run(wq_race_thread_fn, &t[started], "%s/%u", name, started);
		if (IS_ERR(k)) {
			total = PTR_ERR(k);
			break;
		}
	}
	for (i = 0; i < started; i++) {
		wait_for_completion(&t[i].done);
		if (total >= 0)
			total += t[i].queued;
	}
	destroy_workqueue(wq);
	kfree(t);
	return total;
}

#endif /* _AGX_SELFTEST_WQ_RACE_H_ */
