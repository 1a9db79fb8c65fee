// SPDX-License-Identifier: GPL-2.0
/*
 * The ten scheduler scenarios of the design reference (shared/reference/scheduler-anchors.md
 * §6), on the mock hardware of jq_mock.c: hardware fence after teardown, teardown with jobs
 * waiting on dependencies, timeout racing completion, teardown during timeout handling,
 * concurrent producers, hardirq completion with shared fence locks, fences outliving the
 * queue, credit edge cases, in-order signalling, and a killable/bounded flush with the
 * signalling paths proven allocation-free by lockdep.
 */
#include <kunit/test.h>
#include <linux/debug_locks.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "jq_mock.h"

#define JQ_SC_TIMEOUT	(HZ / 5)

/*
 * 1. The hardware fence signals after the queue is destroyed, and the driver cannot abort:
 * the finished fence waits for the hardware, free_job runs exactly once, after it.
 */
static void jq_sc01_hw_after_destroy(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_mock_queue_put(mq);
	jq_mock_job_release(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->cancels, 1, JQ_MOCK_WAIT));
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);

	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 1);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
}

#define JQ_SC2_JOBS	100
#define JQ_SC2_QUEUES	4

/*
 * 2. 100 jobs chained across 4 queues, each also waiting on its own external fence; the
 * queues are destroyed at the midpoint and the remaining external fences signalled in random
 * order afterwards. Every never-run job finishes with -ECANCELED, never before its own
 * dependencies; every dependency reference is dropped.
 */
static void jq_sc02_destroy_waiting_deps(struct kunit *test)
{
	struct jq_mock_queue *mq[JQ_SC2_QUEUES];
	struct dma_fence **ext;
	struct jq_mock_job **jobs;
	unsigned int i, q, order[JQ_SC2_JOBS / 2];
	u32 seed = 0x5eed;

	ext = kunit_kcalloc(test, JQ_SC2_JOBS, sizeof(*ext), GFP_KERNEL);
	jobs = kunit_kcalloc(test, JQ_SC2_JOBS, sizeof(*jobs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ext);
	KUNIT_ASSERT_NOT_NULL(test, jobs);
	for (q = 0; q < JQ_SC2_QUEUES; q++)
		mq[q] = jq_mock_queue_new(test, U32_MAX, MAX_SCHEDULE_TIMEOUT, 0);
	for (i = 0; i < JQ_SC2_JOBS; i++) {
		ext[i] = jq_mock_fence_new(test, NULL);
		jobs[i] = jq_mock_job_new(mq[i % JQ_SC2_QUEUES], 1, 200);
		jq_mock_job_add_dep(jobs[i], ext[i]);
		if (i)
			jq_mock_job_add_dep(jobs[i], jq_mock_job_finished(jobs[i - 1]));
		jq_mock_job_submit(jobs[i]);
	}
	/* The first half's external fences, in reverse order. */
	for (i = JQ_SC2_JOBS / 2; i-- > 0;)
		jq_test_fence_signal(ext[i], 0);
	KUNIT_ASSERT_TRUE(test,
			  jq_mock_job_wait_finished(jobs[JQ_SC2_JOBS / 2 - 1], JQ_MOCK_WAIT));
	for (q = 0; q < JQ_SC2_QUEUES; q++)
		jq_mock_queue_put(mq[q]);

	/* The second half after destruction, shuffled. */
	for (i = 0; i < JQ_SC2_JOBS / 2; i++)
		order[i] = JQ_SC2_JOBS / 2 + i;
	for (i = JQ_SC2_JOBS / 2 - 1; i > 0; i--) {
		unsigned int j, tmp;

		seed = seed * 1664525 + 1013904223;
		j = seed % (i + 1);
		tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	for (i = 0; i < JQ_SC2_JOBS / 2; i++) {
		jq_test_fence_signal(ext[order[i]], 0);
		if (i % 8 == 0)
			usleep_range(100, 200);
	}

	for (i = 0; i < JQ_SC2_JOBS; i++) {
		KUNIT_ASSERT_TRUE_MSG(test, jq_mock_job_wait_finished(jobs[i], JQ_MOCK_WAIT),
				      "job %u", i);
		KUNIT_EXPECT_FALSE_MSG(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags),
				       "job %u finished before a dependency", i);
		if (i < JQ_SC2_JOBS / 2)
			KUNIT_EXPECT_EQ(test, jobs[i]->finished_error, 0);
		else
			KUNIT_EXPECT_EQ(test, jobs[i]->finished_error, -ECANCELED);
		KUNIT_EXPECT_EQ(test, test_bit(JQ_MOCK_JOB_RAN, &jobs[i]->flags),
				i < JQ_SC2_JOBS / 2);
	}
	for (i = 0; i < JQ_SC2_JOBS; i++)
		jq_mock_job_release(jobs[i]);
	for (q = 0; q < JQ_SC2_QUEUES; q++)
		KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq[q], &mq[q]->frees,
							   JQ_SC2_JOBS / JQ_SC2_QUEUES,
							   JQ_MOCK_WAIT));
	/* Only the test's own reference is left on each external fence. */
	for (i = 0; i < JQ_SC2_JOBS; i++)
		KUNIT_EXPECT_EQ_MSG(test, kref_read(&ext[i]->refcount), 1U, "fence %u", i);
}

/*
 * 3. Timeout racing with completion: (a) the hardware completes just before the timeout,
 * (b) during the handler, (c) right after a reset; and many jobs whose hardware time is about
 * the timeout. Exactly one of "completed" and "timed out" wins, each job is freed once.
 */
static void jq_sc03_timeout_vs_completion(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, JQ_SC_TIMEOUT, 0);
	struct jq_mock_job *job, *jobs[12];
	unsigned int t_us = jiffies_to_usecs(JQ_SC_TIMEOUT);
	int i, timeouts;

	/* (a) Completes before: no timeout afterwards. */
	job = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	timeouts = atomic_read(&mq->timeouts);
	msleep(jiffies_to_msecs(2 * JQ_SC_TIMEOUT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), timeouts);
	KUNIT_EXPECT_EQ(test, job->finished_error, 0);
	jq_mock_job_release(job);

	/* (b) Completes inside the handler, which returns NONE. */
	mq->timeout_mode = JQ_MOCK_TIMEOUT_COMPLETE;
	job = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, job->finished_error, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), timeouts + 1);
	jq_mock_job_release(job);

	/* (c) Reset, then the hardware "completes": nothing left to complete. */
	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	job = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 0);
	KUNIT_EXPECT_EQ(test, job->finished_error, -ETIMEDOUT);
	jq_mock_job_release(job);

	/* Real races: durations around the timeout. */
	for (i = 0; i < ARRAY_SIZE(jobs); i++) {
		jobs[i] = jq_mock_job_new(mq, 1, t_us - t_us / 20 + i * (t_us / 100));
		jq_mock_job_submit(jobs[i]);
	}
	for (i = 0; i < ARRAY_SIZE(jobs); i++) {
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jobs[i], 3 * JQ_MOCK_WAIT));
		if (test_bit(JQ_MOCK_JOB_TIMEDOUT, &jobs[i]->flags))
			KUNIT_EXPECT_EQ(test, jobs[i]->finished_error, -ETIMEDOUT);
		else
			KUNIT_EXPECT_EQ(test, jobs[i]->finished_error, 0);
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags));
	}
	for (i = 0; i < ARRAY_SIZE(jobs); i++)
		jq_mock_job_release(jobs[i]);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 3 + ARRAY_SIZE(jobs),
						   JQ_MOCK_WAIT));
}

/*
 * 4. Teardown while timeout handling is pending (trigger_timeout just queued) or running
 * (the handler blocked); and a device-level teardown forcing every queue through the timeout
 * path with ENODEV. Everything terminates, each job is freed once.
 */
static void jq_sc04_destroy_during_timeout(struct kunit *test)
{
	struct jq_mock_queue *pending = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_queue *running = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_queue *dev[4];
	struct jq_mock_job *a, *b, *c[4];
	DECLARE_COMPLETION_ONSTACK(gate);
	int i;

	a = jq_mock_job_new(pending, 1, 0);
	jq_mock_job_submit(a);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(a, JQ_MOCK_WAIT));
	jq_queue_trigger_timeout(pending->queue);
	jq_mock_queue_put(pending);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, a->finished_error == -ETIMEDOUT ||
			  a->finished_error == -ECANCELED);

	running->timeout_gate = &gate;
	b = jq_mock_job_new(running, 1, 0);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	jq_queue_trigger_timeout(running->queue);
	KUNIT_ASSERT_TRUE(test, wait_event_timeout(running->wait,
						   READ_ONCE(running->timeout_entered),
						   JQ_MOCK_WAIT));
	jq_mock_queue_put(running);
	jq_mock_job_release(b);
	complete_all(&gate);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(running, &running->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&running->timeouts), 1);

	for (i = 0; i < 4; i++) {
		dev[i] = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
		dev[i]->timeout_mode = JQ_MOCK_TIMEOUT_ENODEV;
		dev[i]->cancel_mode = JQ_MOCK_CANCEL_ABORT;
		c[i] = jq_mock_job_new(dev[i], 1, 0);
		jq_mock_job_submit(c[i]);
		jq_mock_job_submit(jq_mock_job_new(dev[i], 1, 0));
	}
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(c[i], JQ_MOCK_WAIT));
		jq_queue_trigger_timeout(dev[i]->queue);
	}
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(dev[i], &dev[i]->finished, 2,
							   JQ_MOCK_WAIT));
		KUNIT_EXPECT_TRUE(test, jq_queue_is_killed(dev[i]->queue));
		KUNIT_EXPECT_EQ(test, atomic_read(&dev[i]->runs), 1);
	}
}

#define JQ_SC5_WORKERS	16
#define JQ_SC5_JOBS	8

struct jq_sc5_worker {
	struct work_struct work;
	struct jq_mock_queue *own, *shared;
	struct mutex *shared_lock;	/* the driver's submission lock: arm + push */
	struct completion *start;
	struct jq_mock_job *own_jobs[JQ_SC5_JOBS], *shared_jobs[JQ_SC5_JOBS];
};

static void jq_sc5_work(struct work_struct *work)
{
	struct jq_sc5_worker *w = container_of(work, struct jq_sc5_worker, work);
	int i;

	wait_for_completion(w->start);
	for (i = 0; i < JQ_SC5_JOBS; i++) {
		jq_mock_job_submit(w->own_jobs[i]);
		/* arm + push must not interleave between producers of one queue. */
		mutex_lock(w->shared_lock);
		jq_mock_job_submit(w->shared_jobs[i]);
		mutex_unlock(w->shared_lock);
	}
}

/*
 * 5. Concurrent producers: 16 workers each submit to their own queue and to one shared queue
 * while the hardware completes jobs from hardirq. Every job runs and finishes, in seqno order
 * on every queue; no lost wakeup (bounded waits).
 */
static void jq_sc05_concurrent_producers(struct kunit *test)
{
	struct workqueue_struct *wq = jq_mock_wq_new(test, WQ_UNBOUND);
	struct jq_mock_queue *shared = jq_mock_queue_new(test, 4, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_sc5_worker *w;
	DECLARE_COMPLETION_ONSTACK(start);
	struct mutex shared_lock;	/* serializes arm + push on the shared queue */
	int i, j;

	mutex_init(&shared_lock);
	w = kunit_kcalloc(test, JQ_SC5_WORKERS, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < JQ_SC5_WORKERS; i++) {
		w[i].own = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
		w[i].shared = shared;
		w[i].shared_lock = &shared_lock;
		w[i].start = &start;
		INIT_WORK(&w[i].work, jq_sc5_work);
		for (j = 0; j < JQ_SC5_JOBS; j++) {
			w[i].own_jobs[j] = jq_mock_job_new(w[i].own, 1, 20 + i);
			w[i].shared_jobs[j] = jq_mock_job_new(shared, 1, 10);
		}
	}
	for (i = 0; i < JQ_SC5_WORKERS; i++)
		queue_work(wq, &w[i].work);
	complete_all(&start);
	for (i = 0; i < JQ_SC5_WORKERS; i++)
		flush_work(&w[i].work);

	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(shared, &shared->finished,
						   JQ_SC5_WORKERS * JQ_SC5_JOBS,
						   3 * JQ_MOCK_WAIT));
	jq_mock_expect_increasing(test, shared->run_order, atomic_read(&shared->nr_run_order));
	jq_mock_expect_increasing(test, shared->finish_order,
				  atomic_read(&shared->nr_finish_order));
	for (i = 0; i < JQ_SC5_WORKERS; i++) {
		KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(w[i].own, &w[i].own->finished,
							   JQ_SC5_JOBS, JQ_MOCK_WAIT));
		jq_mock_expect_increasing(test, w[i].own->finish_order, JQ_SC5_JOBS);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&shared->runs), JQ_SC5_WORKERS * JQ_SC5_JOBS);
}

/*
 * 6. Completion and last put from hardirq with shared fence locks: the hardware fences of a
 * queue share the mock's lock and signal from an hrtimer; dependencies share another lock
 * and several signal in one locked section; the test's last job reference is dropped in a
 * finished-fence callback. No lock inversion (lockdep), free_job in process context.
 */
static void jq_sc06_hardirq_shared_locks(struct kunit *test)
{
	struct jq_mock_queue *a = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_queue *b = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	spinlock_t *lock = kunit_kzalloc(test, sizeof(*lock), GFP_KERNEL);
	struct jq_mock_job *ja[6], *jb[6];
	struct dma_fence *deps[3];
	unsigned long flags;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, lock);
	spin_lock_init(lock);
	for (i = 0; i < 3; i++)
		deps[i] = jq_mock_fence_new(test, lock);
	for (i = 0; i < 6; i++) {
		ja[i] = jq_mock_job_new(a, 1, 100);
		jb[i] = jq_mock_job_new(b, 1, 150);
		jq_mock_job_add_dep(ja[i], deps[i % 3]);
		jq_mock_job_add_dep(ja[i], deps[(i + 1) % 3]);
		/* b's jobs wait on a's: the chain crosses from one hardirq timeline to another. */
		jq_mock_job_arm(ja[i]);
		jq_mock_job_add_dep(jb[i], jq_mock_job_finished(ja[i]));
		jq_mock_job_push(ja[i]);
		jq_mock_job_submit(jb[i]);
	}
	spin_lock_irqsave(lock, flags);
	for (i = 0; i < 3; i++)
		dma_fence_signal_locked(deps[i]);
	spin_unlock_irqrestore(lock, flags);

	for (i = 0; i < 6; i++) {
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jb[i], JQ_MOCK_WAIT));
		KUNIT_EXPECT_TRUE(test, test_bit(JQ_MOCK_JOB_HW_IRQ, &ja[i]->flags));
		KUNIT_EXPECT_TRUE(test, test_bit(JQ_MOCK_JOB_HW_IRQ, &jb[i]->flags));
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jb[i]->flags));
	}
	for (i = 0; i < 6; i++) {
		jq_mock_job_release(ja[i]);
		jq_mock_job_release(jb[i]);
	}
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(a, &a->frees, 6, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(b, &b->frees, 6, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&a->free_in_atomic) + atomic_read(&b->free_in_atomic),
			0);
}

/*
 * 7. A finished fence exported before the queue is destroyed: after the queue, its jobs and
 * its workers are gone it can still be named, waited on and released, and the count of live
 * jobqueue fences returns to where it was.
 */
static void jq_sc07_fence_outlives_queue(struct kunit *test)
{
	unsigned long alive = jq_fences_alive();
	struct dma_fence *exported[4];
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 4, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job;
	char name[32];
	int i;

	strscpy(name, mq->name, sizeof(name));
	for (i = 0; i < 4; i++) {
		job = jq_mock_job_new(mq, 1, 100);
		jq_mock_job_submit(job);
		exported[i] = dma_fence_get(jq_mock_job_finished(job));
		jq_mock_job_release(job);
	}
	/* Destroyed with the jobs still on the hardware. */
	jq_mock_queue_put(mq);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 4, JQ_MOCK_WAIT));
	msleep(50);
	rcu_barrier();
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(exported[i], false, HZ), 0L);
		KUNIT_EXPECT_STREQ(test, exported[i]->ops->get_timeline_name(exported[i]), name);
		KUNIT_EXPECT_STREQ(test, exported[i]->ops->get_driver_name(exported[i]),
				   "jobqueue");
		dma_fence_put(exported[i]);
	}
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_fences_alive(alive, 5 * HZ));
}

/*
 * 8. Credits: (a) limit 1 serializes; (b) credits above the limit are rejected; (c) credits
 * come back on completion, on a timeout reset and on run_job errors; mixed sizes never
 * exceed the limit and never overtake (seqno order); (d) a queue blocked on prepare_job
 * sleeps rather than calling prepare_job in a loop.
 */
static void jq_sc08_credits(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 4, JQ_SC_TIMEOUT, 0);
	struct dma_fence *gate = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *big, *mid, *small, *err, *hung, *after, *gated;
	int e;

	KUNIT_EXPECT_NULL(test, jq_mock_job_try_new(mq, mq->queue, 5, 0, &e));
	KUNIT_EXPECT_EQ(test, e, -EINVAL);

	big = jq_mock_job_new(mq, 3, 0);
	mid = jq_mock_job_new(mq, 2, 0);
	small = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_submit(big);
	jq_mock_job_submit(mid);
	jq_mock_job_submit(small);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(big, JQ_MOCK_WAIT));
	msleep(30);
	/* small would fit, but must not overtake mid. */
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &mid->flags));
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &small->flags));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(small, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 2);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(small, JQ_MOCK_WAIT));

	/* Credits return on run_job errors and on a timeout reset. */
	err = jq_mock_job_new(mq, 4, 0);
	err->run_mode = JQ_MOCK_RUN_ERR;
	err->run_err = -EINVAL;
	hung = jq_mock_job_new(mq, 4, 0);
	after = jq_mock_job_new(mq, 4, 0);
	jq_mock_job_submit(err);
	jq_mock_job_submit(hung);
	jq_mock_job_submit(after);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(hung, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, err->finished_error, -EINVAL);
	KUNIT_EXPECT_EQ(test, hung->finished_error, -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(after, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(after, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, after->finished_error, 0);

	/* Blocked on a non-credit resource: prepare_job is not polled. */
	gated = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_set_prepare(gated, gate);
	e = atomic_read(&mq->prepares);
	jq_mock_job_submit(gated);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->prepares, e + 1, JQ_MOCK_WAIT));
	e = atomic_read(&mq->prepares);
	msleep(100);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->prepares), e);
	jq_test_fence_signal(gate, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(gated, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->credit_overflow), 0);
}

/*
 * 9. In-order signalling: hardware completes in a shuffled order, then a queue with several
 * in-flight jobs is cancelled with the hardware aborting them in cancel order. Finished
 * fences signal in seqno order and cancel_job is called in seqno order.
 */
static void jq_sc09_in_order_signalling(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 8, MAX_SCHEDULE_TIMEOUT, 0);
	static const int order[8] = { 5, 2, 7, 0, 3, 6, 1, 4 };
	struct jq_mock_job *jobs[8], *more[4];
	int i;

	for (i = 0; i < 8; i++) {
		jobs[i] = jq_mock_job_new(mq, 1, 0);
		jq_mock_job_submit(jobs[i]);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 8, JQ_MOCK_WAIT));
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[order[i]], i & 1 ? -EIO : 0));
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->finished, 8, JQ_MOCK_WAIT));
	jq_mock_expect_increasing(test, mq->finish_order, 8);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags));

	mq->cancel_mode = JQ_MOCK_CANCEL_ABORT;
	for (i = 0; i < 4; i++) {
		more[i] = jq_mock_job_new(mq, 1, 0);
		jq_mock_job_submit(more[i]);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 12, JQ_MOCK_WAIT));
	jq_mock_queue_put(mq);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->finished, 12, JQ_MOCK_WAIT));
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, mq->cancel_order[i], more[i]->seqno);
		KUNIT_EXPECT_EQ(test, more[i]->finished_error, -ECANCELED);
	}
	jq_mock_expect_increasing(test, mq->finish_order, 12);
}

struct jq_sc10_flush {
	struct jq_queue *queue;
	long ret;
	struct completion done;
};

static int jq_sc10_flush_fn(void *data)
{
	struct jq_sc10_flush *f = data;

	allow_signal(SIGKILL);
	f->ret = jq_queue_flush(f->queue, 60 * HZ);
	complete(&f->done);
	return 0;
}

/*
 * 10. Process kill with queued and in-flight work: a flush on a stuck queue is bounded (0 on
 * timeout) and killable (-ERESTARTSYS on SIGKILL); closing the queue afterwards cancels the
 * queued jobs and hands the in-flight one to cancel_job. Under "memory pressure" (reclaim
 * waiting on a job fence, as a shrinker does) the signalling paths stay allocation-free:
 * lockdep, primed with reclaim -> fence wait, stays silent.
 */
static void jq_sc10_kill_flush_reclaim(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	/* Not test-managed: a flush that ignores SIGKILL would outlive the test. */
	struct jq_sc10_flush *f = kzalloc(sizeof(*f), GFP_KERNEL);
	struct jq_mock_job *first = jq_mock_job_new(mq, 1, 300);
	struct jq_mock_job *stuck, *queued;
	struct task_struct *task;
	unsigned long done;
	long left;

	KUNIT_ASSERT_NOT_NULL(test, f);
	jq_mock_job_submit(first);
	fs_reclaim_acquire(GFP_KERNEL);
	left = dma_fence_wait_timeout(jq_mock_job_finished(first), false, JQ_MOCK_WAIT);
	fs_reclaim_release(GFP_KERNEL);
	KUNIT_EXPECT_GT(test, left, 0L);

	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	stuck = jq_mock_job_new(mq, 1, 0);
	queued = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_submit(stuck);
	jq_mock_job_submit(queued);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(stuck, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_queue_flush(mq->queue, HZ / 10), 0L);

	f->queue = mq->queue;
	init_completion(&f->done);
	task = kthread_run(jq_sc10_flush_fn, f, "jq_sc10_flush");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	get_task_struct(task);
	msleep(50);
	send_sig(SIGKILL, task, 1);
	done = wait_for_completion_timeout(&f->done, JQ_MOCK_WAIT);
	put_task_struct(task);
	KUNIT_EXPECT_TRUE(test, done);
	if (done) {
		KUNIT_EXPECT_EQ(test, f->ret, (long)-ERESTARTSYS);
		kfree(f);
	}

	/* The file is closed: queued work errors out, the in-flight job is cancelled. */
	jq_mock_queue_put(mq);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->cancels, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, test_bit(JQ_MOCK_JOB_CANCELLED, &stuck->flags));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(queued, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, queued->finished_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &queued->flags));
	KUNIT_EXPECT_EQ(test, stuck->finished_error, 0);
	if (IS_ENABLED(CONFIG_LOCKDEP))
		KUNIT_EXPECT_TRUE(test, debug_locks);
}

static struct kunit_case jq_scenarios_cases[] = {
	KUNIT_CASE(jq_sc01_hw_after_destroy),
	KUNIT_CASE(jq_sc02_destroy_waiting_deps),
	KUNIT_CASE(jq_sc03_timeout_vs_completion),
	KUNIT_CASE(jq_sc04_destroy_during_timeout),
	KUNIT_CASE(jq_sc05_concurrent_producers),
	KUNIT_CASE(jq_sc06_hardirq_shared_locks),
	KUNIT_CASE(jq_sc07_fence_outlives_queue),
	KUNIT_CASE(jq_sc08_credits),
	KUNIT_CASE(jq_sc09_in_order_signalling),
	KUNIT_CASE(jq_sc10_kill_flush_reclaim),
	{}
};

static struct kunit_suite jq_scenarios_suite = {
	.name = "jq_scenarios",
	.init = jq_mock_test_init,
	.test_cases = jq_scenarios_cases,
};

kunit_test_suites(&jq_scenarios_suite);
