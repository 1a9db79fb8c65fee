// SPDX-License-Identifier: GPL-2.0
/*
 * Timeouts of jobqueue.ko (the DOC "Timeouts" in sched/jq_queue.c): a forced timeout is
 * never lost or deferred, a job is timed out only once its own timeout has passed, a killed
 * queue still times out its hung jobs, and stop/start and suspend/resume hold the clock. Each
 * case failed on the code before its fix; the ones that need a work item to wait are made
 * deterministic with an ordered workqueue held up by a gate (jq_mock_gate_close()).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>

#include "jq_mock.h"

/* How long a case waits for something that must happen soon, well under JQ_MOCK_WAIT. */
#define JQ_TDR_SOON	(3 * HZ)

/*
 * jq_queue_trigger_timeout(), then the last put (a kill) before the handler ran: the
 * forced timeout still runs, so a hung job whose cancel_job cannot abort it is reset.
 */
static void jq_tdr_forced_survives_kill(struct kunit *test)
{
	struct workqueue_struct *wq = jq_mock_wq_ordered(test);
	struct jq_mock_queue *mq = jq_mock_queue_new_wq(test, 1, MAX_SCHEDULE_TIMEOUT, 0, wq);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_gate *gate;

	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));

	gate = jq_mock_gate_close(test, wq);
	jq_queue_trigger_timeout(mq->queue);
	jq_mock_queue_put(mq);
	jq_mock_gate_open(gate);

	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, job->finished_error, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
}

/*
 * A forced timeout is not pushed back by a full timeout when the oldest job changes before
 * the handler ran: it runs at once, for the new oldest job.
 */
static void jq_tdr_forced_not_deferred(struct kunit *test)
{
	struct workqueue_struct *wq = jq_mock_wq_ordered(test);
	struct jq_mock_queue *mq = jq_mock_queue_new_wq(test, 2, 30 * HZ, 0, wq);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_gate *gate;

	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));

	gate = jq_mock_gate_close(test, wq);
	jq_queue_trigger_timeout(mq->queue);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(a, 0));
	jq_mock_gate_open(gate);

	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->timeouts, 1, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, mq->timeout_order[0], b->seqno);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, b->finished_error, -ETIMEDOUT);
}

/*
 * The handler waits for run_lock (held by a run_job that blocks) while the timed-out job
 * completes: the next job has only just become the oldest and is not timed out before its
 * own timeout has passed, counted from then.
 */
static void jq_tdr_not_early(struct kunit *test)
{
	const long timeout = HZ;
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 3, timeout, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *c = jq_mock_job_new(mq, 1, 0);
	struct completion run_gate;
	unsigned long moved;

	init_completion(&run_gate);
	c->run_gate = &run_gate;
	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	jq_mock_job_submit(c);
	KUNIT_ASSERT_TRUE(test, wait_event_timeout(mq->wait,
						   test_bit(JQ_MOCK_JOB_RUN_ENTERED, &c->flags),
						   JQ_MOCK_WAIT));
	/* a's timeout expires; its handler now waits for run_lock, held in run_job(c) */
	msleep(jiffies_to_msecs(timeout + HZ / 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(a, 0));
	moved = jiffies;
	complete(&run_gate);

	msleep(jiffies_to_msecs(timeout / 2));
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->timeouts), 0,
			    "job %llu timed out right after it became the oldest", b->seqno);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->timeouts, 1, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, mq->timeout_order[0], b->seqno);
	KUNIT_EXPECT_GE(test, (long)(b->timeout_jiffies - moved), timeout - 1);
}

/*
 * A killed queue keeps timing out its in-flight jobs: a hung job that cancel_job cannot
 * abort reaches timedout_job, and its finished fence signals.
 */
static void jq_tdr_after_kill(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, HZ / 5, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_mock_queue_put(mq);

	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, job->finished_error, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->cancels), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
}

/*
 * A stopped queue runs nothing and times nothing out; jq_queue_start() runs the pending
 * job and gives the in-flight one a whole timeout again.
 */
static void jq_tdr_stop_start(struct kunit *test)
{
	const long timeout = HZ / 5;
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, timeout, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);
	unsigned long started;

	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	jq_mock_job_submit(a);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(a, JQ_MOCK_WAIT));
	jq_queue_stop(mq->queue);
	jq_mock_job_submit(b);
	msleep(jiffies_to_msecs(3 * timeout));
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &b->flags));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);

	started = jiffies;
	jq_queue_start(mq->queue);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, a->finished_error, -ETIMEDOUT);
	KUNIT_EXPECT_GE(test, (long)(a->timeout_jiffies - started), timeout - 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, b->finished_error, -ETIMEDOUT);
	jq_mock_expect_increasing(test, mq->finish_order, 2);
}

/* A suspended timeout does not expire; resumed, the job gets what it had left. */
static void jq_tdr_suspend_resume(struct kunit *test)
{
	const long timeout = HZ / 2;
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, timeout, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	long left;

	mq->timeout_mode = JQ_MOCK_TIMEOUT_RESET;
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	left = jq_queue_suspend_timeout(mq->queue);
	KUNIT_EXPECT_GT(test, left, 0L);
	KUNIT_EXPECT_LE(test, left, timeout);
	msleep(jiffies_to_msecs(2 * timeout));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);

	jq_queue_resume_timeout(mq->queue, left);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_TDR_SOON));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
	KUNIT_EXPECT_EQ(test, job->finished_error, -ETIMEDOUT);
}

static struct kunit_case jq_tdr_cases[] = {
	KUNIT_CASE(jq_tdr_forced_survives_kill),
	KUNIT_CASE(jq_tdr_forced_not_deferred),
	KUNIT_CASE(jq_tdr_not_early),
	KUNIT_CASE(jq_tdr_after_kill),
	KUNIT_CASE(jq_tdr_stop_start),
	KUNIT_CASE(jq_tdr_suspend_resume),
	{}
};

static struct kunit_suite jq_tdr_suite = {
	.name = "jq_tdr",
	.init = jq_mock_test_init,
	.test_cases = jq_tdr_cases,
};

kunit_test_suites(&jq_tdr_suite);
