// SPDX-License-Identifier: GPL-2.0
/*
 * R9 misuse checks of jobqueue.ko that WARN on purpose, and the R7 negative control that
 * makes lockdep report: suite jq_misuse, module jq_misuse_test.ko, NOT in the default plan
 * (the harness fails any run with a WARNING or a lockdep report). Each case misuses the API
 * once and checks the defined outcome: the WARN, an error or a cancelled finished fence,
 * free_job exactly once, no memory corruption (KASAN).
 *
 * The mock hardware (jq_mock.c) is compiled into this single object instead of sharing
 * jq_mock.o with jq_test.ko: kbuild warns about an object linked into two modules.
 */
#include "jq_mock.c"

#include <linux/debug_locks.h>
#include <linux/delay.h>

/* A dependency added after arm: WARN, -EINVAL, the fence reference is consumed. */
static void jq_misuse_dep_after_arm(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_arm(job);
	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&job->base, dma_fence_get(dep)), -EINVAL);
	KUNIT_EXPECT_EQ(test, kref_read(&dep->refcount), 1U);
	/* The job is not held back by the rejected dependency. */
	jq_mock_job_push(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, job->finished_error, 0);
}

/* Arm twice: WARN, no effect (same fence, same seqno); the job runs once. */
static void jq_misuse_arm_twice(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *finished;

	jq_mock_job_arm(job);
	finished = jq_mock_job_finished(job);
	jq_job_arm(&job->base);
	KUNIT_EXPECT_PTR_EQ(test, jq_mock_job_finished(job), finished);
	KUNIT_EXPECT_EQ(test, finished->seqno, job->seqno);
	jq_mock_job_push(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);
}

/* Push without arm: WARN; the job is cancelled (-EINVAL), never run, freed once. */
static void jq_misuse_push_unarmed(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *finished;

	jq_job_push(&job->base);
	finished = jq_mock_job_finished(job);
	KUNIT_ASSERT_NOT_NULL(test, finished);
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(finished, false, JQ_MOCK_WAIT), 0L);
	KUNIT_EXPECT_EQ(test, finished->error, -EINVAL);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
	jq_mock_job_release(job);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
}

/* Push twice: WARN, the second push is ignored; one run, one free. */
static void jq_misuse_push_twice(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(job);
	jq_mock_job_push(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	jq_mock_job_release(job);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
}

/* The last put of an armed, never pushed job: WARN, finished signals -ECANCELED, freed. */
static void jq_misuse_put_armed_unpushed(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *finished;

	jq_mock_job_arm(job);
	finished = dma_fence_get(jq_mock_job_finished(job));
	jq_mock_job_release(job);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(finished));
	KUNIT_EXPECT_EQ(test, finished->error, -ECANCELED);
	dma_fence_put(finished);
}

/*
 * Push out of arm order (arm a, arm b, push b, push a): WARN; b waits for a, both run in
 * seqno order and their finished fences signal in seqno order.
 */
static void jq_misuse_push_out_of_order(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 100);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 100);

	jq_mock_job_arm(a);
	jq_mock_job_arm(b);
	jq_mock_job_push(b);
	msleep(50);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &b->flags));
	jq_mock_job_push(a);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, mq->run_order[0], a->seqno);
	KUNIT_EXPECT_EQ(test, mq->run_order[1], b->seqno);
	jq_mock_expect_increasing(test, mq->finish_order, 2);
}

/*
 * The last put of an armed job a that was never pushed, after a later job b was pushed:
 * WARN; b waits, a's finished fence signals -ECANCELED before b's, then b runs.
 */
static void jq_misuse_put_armed_before_later(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 100);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 100);
	u64 a_seqno;

	jq_mock_job_arm(a);
	a_seqno = a->seqno;
	jq_mock_job_arm(b);
	jq_mock_job_push(b);
	msleep(50);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &b->flags));
	jq_mock_job_release(a);	/* a is freed once cancelled: not touched after this */
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);
	KUNIT_EXPECT_EQ(test, b->finished_error, 0);
	KUNIT_EXPECT_EQ(test, mq->finish_order[0], a_seqno);
	jq_mock_expect_increasing(test, mq->finish_order, 2);
}

/*
 * R7 negative control: run_job that allocates with GFP_KERNEL inside the signalling section
 * makes lockdep report (and turn itself off, which is what the test checks).
 */
static void jq_misuse_r7_alloc_in_run_job(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	if (!IS_ENABLED(CONFIG_LOCKDEP))
		kunit_skip(test, "needs lockdep");
	KUNIT_ASSERT_TRUE(test, debug_locks);
	job->alloc_in_run = true;
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, debug_locks);
}

static struct kunit_case jq_misuse_cases[] = {
	KUNIT_CASE(jq_misuse_dep_after_arm),
	KUNIT_CASE(jq_misuse_arm_twice),
	KUNIT_CASE(jq_misuse_push_unarmed),
	KUNIT_CASE(jq_misuse_push_twice),
	KUNIT_CASE(jq_misuse_put_armed_unpushed),
	KUNIT_CASE(jq_misuse_push_out_of_order),
	KUNIT_CASE(jq_misuse_put_armed_before_later),
	KUNIT_CASE(jq_misuse_r7_alloc_in_run_job),
	{}
};

static struct kunit_suite jq_misuse_suite = {
	.name = "jq_misuse",
	.init = jq_mock_test_init,
	.test_cases = jq_misuse_cases,
};

kunit_test_suites(&jq_misuse_suite);

MODULE_DESCRIPTION("KUnit misuse (WARN) checks of jobqueue.ko; not in the default plan");
MODULE_LICENSE("GPL");
