// SPDX-License-Identifier: GPL-2.0
/*
 * One test per ownership rule R1-R9 of jobqueue.ko (Documentation/jobqueue.rst), on the mock
 * hardware of jq_mock.c. The mock checks on every op that the queue is alive and that ops are
 * neither concurrent nor atomic; each test then checks the outcome the rule promises: who
 * frees what and when (free_job counts, jq_fences_alive() back to its starting value), fence
 * states, errors and order. R9 here covers misuse with a defined outcome and no WARN; the
 * WARNing misuse checks are in jq_misuse_test.c.
 */
#include <kunit/test.h>
#include <linux/debug_locks.h>
#include <linux/delay.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <jq/jobqueue_test.h>

#include "jq_mock.h"

/*
 * The free hook (include/jq/jobqueue_test.h): tells when a watched queue is being freed and
 * can hold its free work item there, before it cancels the queue's work items. One queue
 * at a time; the hook is cleared when the test ends.
 */
static struct {
	struct jq_queue *queue;
	struct completion freeing, release;
	bool hold;
} jq_r_free;

static void jq_r_free_hook(struct jq_queue *queue)
{
	if (queue != READ_ONCE(jq_r_free.queue))
		return;
	complete(&jq_r_free.freeing);
	if (jq_r_free.hold)
		wait_for_completion_timeout(&jq_r_free.release, JQ_MOCK_WAIT);
}

static void jq_r_unwatch(void *data)
{
	WRITE_ONCE(jq_test_hooks.free, NULL);
	complete_all(&jq_r_free.release);
	WRITE_ONCE(jq_r_free.queue, NULL);
}

static void jq_r_watch_free(struct kunit *test, struct jq_queue *queue)
{
	init_completion(&jq_r_free.freeing);
	init_completion(&jq_r_free.release);
	jq_r_free.hold = false;
	WRITE_ONCE(jq_r_free.queue, queue);
	WRITE_ONCE(jq_test_hooks.free, jq_r_free_hook);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_r_unwatch, NULL), 0);
}

/* The watched queue's free work item ran; give it time to finish (it does not sleep long). */
static bool jq_r_wait_queue_freed(struct kunit *test, struct jq_queue *queue)
{
	if (!wait_for_completion_timeout(&jq_r_free.freeing, JQ_MOCK_WAIT))
		return false;
	msleep(20);
	return true;
}

/* R1: a job holds its queue from jq_job_init() until its last put. */
static void jq_r1_job_holds_queue(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *waiting = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *unarmed = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *aborted = jq_mock_job_new(mq, 1, 0);
	struct jq_queue *queue = mq->queue;

	jq_mock_job_add_dep(waiting, dep);
	jq_mock_job_submit(waiting);
	/* The last user reference: the queue is killed but must stay readable through jobs. */
	jq_mock_queue_put(mq);
	KUNIT_EXPECT_PTR_EQ(test, jq_job_queue(&unarmed->base), queue);
	KUNIT_EXPECT_TRUE(test, jq_queue_is_killed(jq_job_queue(&unarmed->base)));
	KUNIT_EXPECT_STREQ(test, jq_queue_name(jq_job_queue(&unarmed->base)), mq->name);
	KUNIT_EXPECT_PTR_EQ(test, jq_queue_priv(jq_job_queue(&unarmed->base)), (void *)mq);

	/* An initialized job aborted after the queue died: free_job, no UAF. */
	jq_mock_job_release(aborted);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));

	/* Armed and pushed after the kill: cancelled, after the earlier job (seqno order). */
	jq_mock_job_submit(unarmed);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(waiting));
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(unarmed));
	jq_test_fence_signal(dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(unarmed, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_mock_job_is_finished(waiting));
	KUNIT_EXPECT_EQ(test, waiting->finished_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, unarmed->finished_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
	jq_mock_expect_increasing(test, mq->finish_order, atomic_read(&mq->nr_finish_order));

	jq_mock_job_release(waiting);
	jq_mock_job_release(unarmed);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 3, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 3);
}

/* Jobs of jq_r1_prepaid_queue_refs: over a batch of 64 prepaid queue references. */
#define JQ_R1_PREPAID_JOBS	100

/*
 * R1 across the users' prepaid queue references (JQ_QUEUE_PREPAID): jobs initialized from
 * two batches, all but the first one run and released, then the last user reference
 * dropped with part of the second batch unused. The queue stays while the kept job lives
 * (with one reference too few, it is freed under it: the free hook fires, and KASAN reports
 * the job's use), and is freed with it (with one too many, or the unused ones kept, never:
 * the wait fails, and kmemleak reports the queue).
 */
static void jq_r1_prepaid_queue_refs(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 8, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_queue *queue = mq->jq;
	struct jq_mock_job *job, *kept;
	unsigned int i;

	jq_r_watch_free(test, queue);
	kept = jq_mock_job_new(mq, 1, 0);
	for (i = 1; i < JQ_R1_PREPAID_JOBS; i++) {
		job = jq_mock_job_new(mq, 1, 10);
		jq_mock_job_submit(job);
		jq_mock_job_release(job);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, JQ_R1_PREPAID_JOBS - 1,
						   JQ_MOCK_WAIT));
	jq_mock_queue_put(mq);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, completion_done(&jq_r_free.freeing));
	KUNIT_EXPECT_TRUE(test, jq_queue_is_killed(jq_job_queue(&kept->base)));
	jq_mock_job_release(kept);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, JQ_R1_PREPAID_JOBS,
						   JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_r_wait_queue_freed(test, queue));
}

/* R2: the queue holds a pushed job until its finished fence signalled. */
static void jq_r2_queue_holds_job(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *running = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *waiting = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);

	jq_mock_job_add_dep(waiting, dep);
	jq_mock_job_submit(running);
	jq_mock_job_submit(waiting);
	/* From here the jobs may only be reached through the mock queue's counters. */
	jq_mock_job_release(running);
	jq_mock_job_release(waiting);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 1, JQ_MOCK_WAIT));
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);

	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 1);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);

	jq_test_fence_signal(dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 2, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 2, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 2);
}

/*
 * R3: workers hold the queue while they run, and do nothing once it is dead. A timeout is
 * armed, a trigger_timeout queued and a job pushed (submit work queued) right before the last
 * put; afterwards no op sees a dead queue (the mock checks), no timeout runs for the finished
 * job, and after flushing the workqueue nothing is left.
 */
static void jq_r3_worker_dead_queue(struct kunit *test)
{
	struct workqueue_struct *wq = jq_mock_wq_new(test, 0);
	struct jq_mock_queue *mq = jq_mock_queue_new_wq(test, 1, HZ / 10, 0, wq);
	struct jq_mock_queue *mq2 = jq_mock_queue_new_wq(test, 1, HZ / 10, 0, wq);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *racing = jq_mock_job_new(mq2, 1, 0);
	int timeouts;

	mq->timeout_mode = JQ_MOCK_TIMEOUT_NO_HANG;
	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_queue_trigger_timeout(mq->queue);
	jq_mock_queue_put(mq);

	/* Submit work racing with the last put. */
	jq_mock_job_submit(racing);
	jq_mock_queue_put(mq2);

	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->cancels, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, job->finished_error, 0);
	timeouts = atomic_read(&mq->timeouts);
	jq_mock_job_release(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(racing, JQ_MOCK_WAIT) ||
			  jq_mock_advance(mq2, 1));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(racing, JQ_MOCK_WAIT));
	if (!test_bit(JQ_MOCK_JOB_RAN, &racing->flags))
		KUNIT_EXPECT_EQ(test, racing->finished_error, -ECANCELED);
	jq_mock_job_release(racing);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq2, &mq2->frees, 1, JQ_MOCK_WAIT));

	/* Several timeout periods later, with every work item flushed. */
	msleep(jiffies_to_msecs(3 * HZ / 10));
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), timeouts);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->violations), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq2->violations), 0);
}

/*
 * R3, the dead-queue guard itself: a worker that starts after the queue's last reference
 * went (the free work item is held before it cancels the worker, which then runs) must do
 * nothing. Without the guard (JQ_BREAK=DEAD_QUEUE) the worker revives the reference count
 * ("refcount_t: addition on 0") and frees the queue a second time (KASAN).
 */
static void jq_r3_worker_finds_dead_queue(struct kunit *test)
{
	struct workqueue_struct *wq = jq_mock_wq_ordered(test);
	struct jq_mock_queue *mq = jq_mock_queue_new_wq(test, 1, MAX_SCHEDULE_TIMEOUT, 0, wq);
	struct jq_mock_gate *gate = jq_mock_gate_close(test, wq);

	jq_r_watch_free(test, mq->jq);
	jq_r_free.hold = true;
	/* the worker is queued behind the gate, then the last reference goes */
	jq_queue_kill(mq->queue, -ECANCELED);
	jq_mock_queue_put(mq);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&jq_r_free.freeing, JQ_MOCK_WAIT));
	/* the free work item waits in the hook; now the worker runs on the dead queue */
	jq_mock_gate_open(gate);
	flush_workqueue(wq);
	complete_all(&jq_r_free.release);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->ops), 0);
}

/*
 * R4: kill returns at once. In-flight jobs go to cancel_job in seqno order and finish with
 * their hardware fence's result when the hardware is done; queued jobs finish with the kill
 * error, in seqno order, never before their own dependency, and are never run.
 */
static void jq_r4_kill_inflight_and_queued(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 3, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *jobs[6];
	unsigned long start;
	int i;

	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	for (i = 0; i < 6; i++) {
		/* A 3 s duration bounds the test should kill wait for the hardware. */
		jobs[i] = jq_mock_job_new(mq, 1, i < 3 ? 3 * USEC_PER_SEC : 0);
		if (i == 3)
			jq_mock_job_add_dep(jobs[i], dep);
		jq_mock_job_submit(jobs[i]);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 3, JQ_MOCK_WAIT));

	start = jiffies;
	jq_queue_kill(mq->queue, -ESRCH);
	KUNIT_EXPECT_LT(test, jiffies - start, (unsigned long)HZ);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->cancels, 3, JQ_MOCK_WAIT));
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, mq->cancel_order[i], jobs[i]->seqno);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 0);

	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[0], 0));
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[1], -EIO));
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[2], 0));
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->finished, 3, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jobs[0]->finished_error, 0);
	KUNIT_EXPECT_EQ(test, jobs[1]->finished_error, -EIO);
	KUNIT_EXPECT_EQ(test, jobs[2]->finished_error, 0);
	msleep(20);
	/* Job 4 waits for its dependency; 5 and 6 wait for job 4 (seqno order). */
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 3);

	jq_test_fence_signal(dep, 0);
	for (i = 3; i < 6; i++) {
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jobs[i], JQ_MOCK_WAIT));
		KUNIT_EXPECT_EQ(test, jobs[i]->finished_error, -ESRCH);
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &jobs[i]->flags));
	}
	for (i = 0; i < 6; i++)
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags));
	jq_mock_expect_increasing(test, mq->finish_order, 6);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->cancels), 3);
}

/*
 * R5: a finished fence never signals before its hardware fence, and finished fences of a
 * queue signal in seqno order, whatever order the hardware completes in.
 */
static void jq_r5_finished_after_hw(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 8, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *jobs[8];
	int i, j;

	for (i = 0; i < 8; i++) {
		jobs[i] = jq_mock_job_new(mq, 1, 0);
		jq_mock_job_submit(jobs[i]);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 8, JQ_MOCK_WAIT));
	/* Complete 7, 6, ..., 1: nothing may finish until job 0 does. */
	for (i = 7; i >= 1; i--) {
		KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[i], 0));
		usleep_range(5000, 6000);
		for (j = 0; j < 8; j++)
			KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(jobs[j]));
	}
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[0], 0));
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->finished, 8, JQ_MOCK_WAIT));
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags));
	jq_mock_expect_increasing(test, mq->finish_order, 8);

	/* And with the hrtimer completing jobs in hardirq. */
	for (i = 0; i < 8; i++) {
		jobs[i] = jq_mock_job_new(mq, 1, 200);
		jq_mock_job_submit(jobs[i]);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->finished, 16, JQ_MOCK_WAIT));
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags));
	jq_mock_expect_increasing(test, mq->finish_order, 16);
}

/*
 * R6: a finished fence outlives its job and its queue: after both are gone its driver and
 * timeline names are still readable, it can be waited on, and jq_fences_alive() counts it
 * until the last reference goes.
 */
static void jq_r6_fence_outlives_queue(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	unsigned long alive = jq_fences_alive();
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *done = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *cancelled = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *f_done, *f_cancelled;
	struct jq_queue *queue = mq->jq;
	char name[sizeof(mq->name)];

	jq_r_watch_free(test, queue);
	strscpy(name, mq->name, sizeof(name));
	jq_mock_job_submit(done);
	jq_mock_job_add_dep(cancelled, dep);
	jq_mock_job_submit(cancelled);
	f_done = dma_fence_get(jq_mock_job_finished(done));
	f_cancelled = dma_fence_get(jq_mock_job_finished(cancelled));
	KUNIT_EXPECT_TRUE(test, jq_fence_is_jq(f_done));
	KUNIT_EXPECT_FALSE(test, jq_fence_is_jq(dep));
	KUNIT_EXPECT_GE(test, jq_fences_alive(), alive + 2);

	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(done, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, jq_fence_is_jq(done->hw_fence));
	jq_mock_advance(mq, 1);
	jq_mock_queue_put(mq);
	jq_test_fence_signal(dep, 0);
	jq_mock_job_release(done);
	jq_mock_job_release(cancelled);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 2, JQ_MOCK_WAIT));
	/*
	 * Let the queue's own memory go before reading the names: its free work item, then
	 * the kfree_rcu() batches (which rcu_barrier() does not wait for, and which would hide
	 * a timeline freed too early for seconds). With the timeline reference removed
	 * (JQ_BREAK=TIMELINE_REF) KASAN reports the reads below.
	 */
	KUNIT_EXPECT_TRUE(test, jq_r_wait_queue_freed(test, queue));
	kvfree_rcu_barrier();

	KUNIT_EXPECT_STREQ(test, f_done->ops->get_driver_name(f_done), "jobqueue");
	KUNIT_EXPECT_STREQ(test, f_done->ops->get_timeline_name(f_done), name);
	KUNIT_EXPECT_STREQ(test, f_cancelled->ops->get_driver_name(f_cancelled), "jobqueue");
	KUNIT_EXPECT_STREQ(test, f_cancelled->ops->get_timeline_name(f_cancelled), name);
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(f_done, false, HZ), 0L);
	KUNIT_EXPECT_EQ(test, f_done->error, 0);
	KUNIT_EXPECT_EQ(test, f_cancelled->error, -ECANCELED);
	KUNIT_EXPECT_TRUE(test, jq_fence_is_jq(f_cancelled));
	KUNIT_EXPECT_EQ(test, jq_fences_alive(), alive + 2);

	dma_fence_put(f_done);
	dma_fence_put(f_cancelled);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_fences_alive(alive, 5 * HZ));
}

/* Jobs of jq_r6_prepaid_timeline_refs: two fences each, 80 in all, over a batch of 64. */
#define JQ_R6_PREPAID_JOBS	40

/*
 * R6 across the queue's prepaid timeline references (JQ_TIMELINE_PREPAID): a queue with
 * scheduled fences arms two fences per job, so its jobs take references from two batches,
 * and the queue dies with part of the second one unused. The last job's two fences outlive
 * the queue: their names stay readable after it is freed (with one reference dropped too
 * many, KASAN reports the reads), and the timeline goes with the last of them (with one too
 * few, kmemleak reports it, and jobqueue.ko cannot be unloaded).
 */
static void jq_r6_prepaid_timeline_refs(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 8, MAX_SCHEDULE_TIMEOUT,
						     JQ_QUEUE_SCHEDULED_FENCE);
	unsigned long alive = jq_fences_alive();
	struct dma_fence *finished = NULL, *scheduled = NULL;
	struct jq_queue *queue = mq->jq;
	char name[sizeof(mq->name)];
	struct jq_mock_job *job;
	unsigned int i;

	jq_r_watch_free(test, queue);
	strscpy(name, mq->name, sizeof(name));
	for (i = 0; i < JQ_R6_PREPAID_JOBS; i++) {
		job = jq_mock_job_new(mq, 1, 10);
		jq_mock_job_submit(job);
		if (i == JQ_R6_PREPAID_JOBS - 1) {
			finished = dma_fence_get(jq_mock_job_finished(job));
			scheduled = dma_fence_get(jq_job_scheduled_fence(&job->base));
		}
		jq_mock_job_release(job);
	}
	KUNIT_ASSERT_NOT_NULL(test, scheduled);
	jq_mock_queue_put(mq);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, JQ_R6_PREPAID_JOBS,
						   JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_r_wait_queue_freed(test, queue));
	kvfree_rcu_barrier();

	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(finished, false, HZ), 0L);
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(scheduled));
	KUNIT_EXPECT_STREQ(test, finished->ops->get_timeline_name(finished), name);
	KUNIT_EXPECT_STREQ(test, scheduled->ops->get_timeline_name(scheduled), name);
	KUNIT_EXPECT_EQ(test, jq_fences_alive(), alive + 2);
	dma_fence_put(finished);
	dma_fence_put(scheduled);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_fences_alive(alive, 5 * HZ));
}

/*
 * R7: the signalling paths never allocate with GFP_KERNEL. Lockdep is primed, as a shrinker
 * would, with "reclaim waits for a job's finished fence"; then every op path runs (prepare,
 * run, hardirq completion, timeout reset, dependency error, cancel). Each op must be called
 * inside a dma_fence_begin_signalling() section, and lockdep must still be on at the end (an
 * allocation in a signalling section would have been reported and turned it off).
 */
static void jq_r7_signalling_no_alloc(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *gate = jq_mock_fence_new(test, NULL);
	struct dma_fence *bad = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *first = jq_mock_job_new(mq, 1, 500);
	struct jq_mock_job *jobs[3];
	long left;
	int i;

	if (!IS_ENABLED(CONFIG_LOCKDEP) || !IS_ENABLED(CONFIG_PREEMPT_COUNT))
		kunit_skip(test, "needs lockdep and a preempt count");
	KUNIT_ASSERT_TRUE(test, debug_locks);

	jq_mock_job_submit(first);
	fs_reclaim_acquire(GFP_KERNEL);
	left = dma_fence_wait_timeout(jq_mock_job_finished(first), false, JQ_MOCK_WAIT);
	fs_reclaim_release(GFP_KERNEL);
	KUNIT_ASSERT_GT(test, left, 0L);

	mq->cancel_mode = JQ_MOCK_CANCEL_ABORT;
	for (i = 0; i < 3; i++)
		jobs[i] = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_set_prepare(jobs[0], gate);
	jq_mock_job_add_dep(jobs[1], bad);
	jq_mock_job_submit(jobs[0]);
	jq_mock_job_submit(jobs[1]);
	jq_mock_job_submit(jobs[2]);
	jq_test_fence_signal(gate, 0);
	jq_test_fence_signal(bad, -EIO);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(jobs[0], JQ_MOCK_WAIT));
	jq_queue_trigger_timeout(mq->queue);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jobs[0], JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jobs[0]->finished_error, -ETIMEDOUT);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(jobs[1], JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jobs[1]->dep_error, -EIO);
	jq_mock_queue_put(mq);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->cancels, 1, JQ_MOCK_WAIT));
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_finished(jobs[i], JQ_MOCK_WAIT));

	KUNIT_EXPECT_GE(test, atomic_read(&mq->ops), 5);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->signalling_ops), atomic_read(&mq->ops),
			    "ops called outside a dma-fence signalling section");
	KUNIT_EXPECT_TRUE(test, debug_locks);
}

struct jq_r8_irq {
	struct hrtimer timer;
	spinlock_t lock;		/* shared by every dependency fence */
	struct dma_fence *deps[4];
	bool fired_in_hardirq;
};

/* Signal all dependencies in one locked section, in hardirq. */
static enum hrtimer_restart jq_r8_timer_fn(struct hrtimer *timer)
{
	struct jq_r8_irq *irq = container_of(timer, struct jq_r8_irq, timer);
	unsigned long flags;
	int i;

	irq->fired_in_hardirq = in_hardirq();
	spin_lock_irqsave(&irq->lock, flags);
	for (i = 0; i < ARRAY_SIZE(irq->deps); i++)
		dma_fence_signal_locked(irq->deps[i]);
	spin_unlock_irqrestore(&irq->lock, flags);
	return HRTIMER_NORESTART;
}

static void jq_r8_put_in_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct jq_mock_job *job = container_of(cb, struct jq_mock_job, user_cb);

	jq_job_put(&job->base);
}

/*
 * R8: hardware fences (and dependencies sharing one lock) signal in hardirq; the job's last
 * put happens inside a finished-fence callback. free_job still runs in process context,
 * exactly once per job, and everything finishes in order.
 */
static void jq_r8_hardirq_completion(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 4, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_r8_irq *irq = kunit_kzalloc(test, sizeof(*irq), GFP_KERNEL);
	struct jq_mock_job *jobs[8];
	unsigned long flags;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, irq);
	spin_lock_init(&irq->lock);
	for (i = 0; i < ARRAY_SIZE(irq->deps); i++)
		irq->deps[i] = jq_mock_fence_new(test, &irq->lock);

	for (i = 0; i < 8; i++) {
		jobs[i] = jq_mock_job_new(mq, 1, 300);
		/* Two dependencies on the same lock per job, re-armed from a callback. */
		jq_mock_job_add_dep(jobs[i], irq->deps[i % 4]);
		jq_mock_job_add_dep(jobs[i], irq->deps[(i + 1) % 4]);
		jq_mock_job_arm(jobs[i]);
		/* Hand the test's reference to a finished-fence callback. */
		spin_lock_irqsave(&mq->lock, flags);
		jobs[i]->test_ref = false;
		list_del_init(&jobs[i]->test_link);
		spin_unlock_irqrestore(&mq->lock, flags);
		KUNIT_EXPECT_EQ(test, dma_fence_add_callback(jq_mock_job_finished(jobs[i]),
							     &jobs[i]->user_cb, jq_r8_put_in_cb),
				0);
		jq_mock_job_push(jobs[i]);
	}
	/* jobs[] are only read below through the mock queue's records. */
	hrtimer_init(&irq->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	irq->timer.function = jq_r8_timer_fn;
	hrtimer_start(&irq->timer, ns_to_ktime(500 * NSEC_PER_USEC), HRTIMER_MODE_REL_HARD);

	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 8, JQ_MOCK_WAIT));
	hrtimer_cancel(&irq->timer);
	KUNIT_EXPECT_TRUE(test, irq->fired_in_hardirq);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 8);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 8);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->free_in_atomic), 0);
	jq_mock_expect_increasing(test, mq->finish_order, 8);
}

struct jq_r9_killer {
	struct work_struct work;
	struct jq_mock_queue *mq;
	struct completion pushing;
};

static void jq_r9_kill_work(struct work_struct *work)
{
	struct jq_r9_killer *k = container_of(work, struct jq_r9_killer, work);

	wait_for_completion(&k->pushing);
	jq_queue_kill(k->mq->jq, -ESRCH);
}

/*
 * R9 (the outcomes defined without a WARN): jq_job_init() on a killed queue is -ENODEV;
 * credits out of range are -EINVAL; a job armed before the kill and pushed after it is
 * cancelled with the kill error; an unarmed job put after the kill is freed; pushes racing
 * with a kill from another thread all finish, the run ones being a seqno prefix.
 */
static void jq_r9_misuse(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_queue *race = jq_mock_queue_new(test, 64, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *armed = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *unarmed = jq_mock_job_new(mq, 1, 0);
	struct jq_r9_killer *killer = kunit_kzalloc(test, sizeof(*killer), GFP_KERNEL);
	struct jq_mock_job *jobs[32];
	bool cancelled = false;
	int err, i;

	KUNIT_EXPECT_NULL(test, jq_mock_job_try_new(mq, mq->queue, 3, 0, &err));
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	jq_mock_job_arm(armed);
	jq_queue_kill(mq->queue, -ESRCH);
	KUNIT_EXPECT_NULL(test, jq_mock_job_try_new(mq, mq->queue, 1, 0, &err));
	KUNIT_EXPECT_EQ(test, err, -ENODEV);
	jq_mock_job_push(armed);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(armed, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, armed->finished_error, -ESRCH);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &armed->flags));
	jq_mock_job_release(unarmed);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));

	KUNIT_ASSERT_NOT_NULL(test, killer);
	killer->mq = race;
	init_completion(&killer->pushing);
	INIT_WORK(&killer->work, jq_r9_kill_work);
	/*
	 * The first job holds every credit and completes only when advanced, after the kill:
	 * whatever the timing of the racing pushes, the later jobs cannot have run before the
	 * kill, so some are always cancelled (on a fast machine all of them could otherwise
	 * run first).
	 */
	for (i = 0; i < ARRAY_SIZE(jobs); i++) {
		jobs[i] = i ? jq_mock_job_new(race, 1, 50) : jq_mock_job_new(race, 64, 0);
		jq_mock_job_arm(jobs[i]);
	}
	schedule_work(&killer->work);
	for (i = 0; i < ARRAY_SIZE(jobs); i++) {
		if (i == ARRAY_SIZE(jobs) / 4)
			complete(&killer->pushing);
		jq_mock_job_push(jobs[i]);
	}
	flush_work(&killer->work);
	jq_mock_advance(race, 1);
	for (i = 0; i < ARRAY_SIZE(jobs); i++) {
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jobs[i], JQ_MOCK_WAIT));
		if (!test_bit(JQ_MOCK_JOB_RAN, &jobs[i]->flags)) {
			KUNIT_EXPECT_EQ(test, jobs[i]->finished_error, -ESRCH);
			cancelled = true;
		} else {
			KUNIT_EXPECT_FALSE_MSG(test, cancelled, "job %d ran after a later one", i);
		}
	}
	KUNIT_EXPECT_TRUE(test, cancelled);
	jq_mock_expect_increasing(test, race->finish_order, ARRAY_SIZE(jobs));
}

/* The gates of jq_r2_free_job_concurrent: opened before the mock queue drains at the end. */
struct jq_r2_gates {
	struct completion free_gate, run_gate;
};

static void jq_r2_open_gates(void *data)
{
	struct jq_r2_gates *g = data;

	complete_all(&g->free_gate);
	complete_all(&g->run_gate);
}

/* run_job was entered for @job (it may still be inside, held by its run_gate) */
static bool jq_r2_wait_run_entered(struct jq_mock_job *job)
{
	return wait_event_timeout(job->mq->wait,
				  test_bit(JQ_MOCK_JOB_RUN_ENTERED, &job->flags), JQ_MOCK_WAIT) > 0;
}

/*
 * R2, and guarantee 6 of Documentation/jobqueue.rst: free_job runs from the queue's cleanup
 * work item, not from the worker that runs jobs, and "may run concurrently with the other
 * ops of the queue (for another job)". A driver that assumed free_job serialized with
 * run_job or timedout_job would be wrong, and a slow free_job must not stall the queue:
 * while free_job of job 1 blocks, run_job of job 2 is called and blocks too (both ops are
 * inside at once), then timedout_job of job 2 runs, and only then does free_job of job 1
 * return. With free_job serialized with the ops (JQ_BREAK=SERIAL_FREE: the cleanup work
 * item takes run_lock), run_job of job 2 waits for free_job of job 1 and this test fails.
 */
static void jq_r2_free_job_concurrent(struct kunit *test)
{
	/* the gates outlive the queue's drain: allocated before it, opened before it */
	struct jq_r2_gates *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	struct jq_mock_queue *mq;
	struct jq_mock_job *first, *next;

	KUNIT_ASSERT_NOT_NULL(test, g);
	init_completion(&g->free_gate);
	init_completion(&g->run_gate);
	mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_r2_open_gates, g), 0);
	mq->timeout_mode = JQ_MOCK_TIMEOUT_NONE;

	first = jq_mock_job_new(mq, 1, 0);
	first->free_gate = &g->free_gate;
	jq_mock_job_submit(first);
	/* the queue's reference is the last one: free_job runs where the queue drops it */
	jq_mock_job_release(first);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(first, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees_entered, 1, JQ_MOCK_WAIT));

	/* free_job of job 1 blocks; job 2 is pushed and must run all the same */
	next = jq_mock_job_new(mq, 1, 0);
	next->run_gate = &g->run_gate;
	jq_mock_job_submit(next);
	KUNIT_ASSERT_TRUE_MSG(test, jq_r2_wait_run_entered(next),
			      "run_job of job 2 not entered while free_job of job 1 blocks");
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->frees), 0,
			    "run_job of job 2 waited for free_job of job 1");
	/* both ops are inside now: free_job of job 1 and run_job of job 2 */
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &next->flags));
	complete_all(&g->run_gate);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(next, JQ_MOCK_WAIT));

	/* the timeout handler of job 2, still beside free_job of job 1 */
	jq_queue_trigger_timeout(mq->jq);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->timeouts, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, mq->timeout_order[0], next->seqno);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->frees), 0,
			    "timedout_job of job 2 waited for free_job of job 1");

	/* free_job of job 1 returns; job 2 completes and is freed in turn */
	complete_all(&g->free_gate);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(next, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, next->finished_error, 0);
	jq_mock_job_release(next);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 2, JQ_MOCK_WAIT));
}

static struct kunit_case jq_rules_cases[] = {
	KUNIT_CASE(jq_r1_job_holds_queue),
	KUNIT_CASE(jq_r1_prepaid_queue_refs),
	KUNIT_CASE(jq_r2_queue_holds_job),
	KUNIT_CASE(jq_r2_free_job_concurrent),
	KUNIT_CASE(jq_r3_worker_dead_queue),
	KUNIT_CASE(jq_r3_worker_finds_dead_queue),
	KUNIT_CASE(jq_r4_kill_inflight_and_queued),
	KUNIT_CASE(jq_r5_finished_after_hw),
	KUNIT_CASE(jq_r6_fence_outlives_queue),
	KUNIT_CASE(jq_r6_prepaid_timeline_refs),
	KUNIT_CASE(jq_r7_signalling_no_alloc),
	KUNIT_CASE(jq_r8_hardirq_completion),
	KUNIT_CASE(jq_r9_misuse),
	{}
};

static struct kunit_suite jq_rules_suite = {
	.name = "jq_rules",
	.init = jq_mock_test_init,
	.test_cases = jq_rules_cases,
};

kunit_test_suites(&jq_rules_suite);
