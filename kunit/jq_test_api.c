// SPDX-License-Identifier: GPL-2.0
/*
 * jobqueue.ko API contract tests on the mock hardware of jq_mock.c: argument checking of
 * jq_queue_create() and jq_job_init(), queue references, dependency handling (NULL, one fence
 * per context, dependency errors with and without JQ_QUEUE_DEP_ERROR_CANCELS), the results of
 * run_job (fence, NULL, ERR_PTR), prepare_job gating, in-order finished fences under
 * out-of-order hardware completion, the fast path, flush, trigger_timeout and the ENODEV
 * timeout status.
 */
#include <kunit/test.h>
#include <linux/delay.h>

#include "jq_mock.h"

static struct dma_fence *jq_api_dummy_run(struct jq_job *job)
{
	return NULL;
}

static void jq_api_dummy_free(struct jq_job *job)
{
}

static const struct jq_queue_ops jq_api_ops = {
	.run_job = jq_api_dummy_run,
	.free_job = jq_api_dummy_free,
};

static const struct jq_queue_ops jq_api_ops_no_run = {
	.free_job = jq_api_dummy_free,
};

static const struct jq_queue_ops jq_api_ops_no_free = {
	.run_job = jq_api_dummy_run,
};

static void jq_api_expect_einval(struct kunit *test, const struct jq_queue_args *args,
				 const char *what)
{
	struct jq_queue *queue = jq_queue_create(args);

	KUNIT_EXPECT_TRUE_MSG(test, IS_ERR(queue), "%s accepted", what);
	if (IS_ERR(queue))
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(queue), -EINVAL, "%s", what);
	else
		jq_queue_put(queue);
}

/* Each bad argument of jq_queue_create() gives ERR_PTR(-EINVAL); good ones work. */
static void jq_api_create_bad_args(struct kunit *test)
{
	const struct jq_queue_args good = {
		.ops = &jq_api_ops,
		.name = "jq-api",
		.credit_limit = 1,
		.timeout = MAX_SCHEDULE_TIMEOUT,
	};
	struct jq_queue_args args;
	struct jq_queue *queue;

	args = good;
	args.ops = NULL;
	jq_api_expect_einval(test, &args, "NULL ops");
	args = good;
	args.ops = &jq_api_ops_no_run;
	jq_api_expect_einval(test, &args, "NULL run_job");
	args = good;
	args.ops = &jq_api_ops_no_free;
	jq_api_expect_einval(test, &args, "NULL free_job");
	args = good;
	args.name = NULL;
	jq_api_expect_einval(test, &args, "NULL name");
	args = good;
	args.name = "";
	jq_api_expect_einval(test, &args, "empty name");
	args = good;
	args.credit_limit = 0;
	jq_api_expect_einval(test, &args, "credit_limit 0");
	args = good;
	args.timeout = 0;
	jq_api_expect_einval(test, &args, "timeout 0");
	args = good;
	args.timeout = -1;
	jq_api_expect_einval(test, &args, "negative timeout");

	queue = jq_queue_create(&good);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, queue);
	KUNIT_EXPECT_STREQ(test, jq_queue_name(queue), "jq-api");
	KUNIT_EXPECT_FALSE(test, jq_queue_is_killed(queue));
	jq_queue_put(queue);
}

/* jq_queue_get/put count user references; the last put kills the queue (-ECANCELED). */
static void jq_api_queue_refs(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *held, *pending;
	struct jq_queue *queue = mq->queue;

	KUNIT_EXPECT_PTR_EQ(test, jq_queue_priv(queue), (void *)mq);
	KUNIT_EXPECT_STREQ(test, jq_queue_name(queue), mq->name);
	KUNIT_EXPECT_PTR_EQ(test, jq_queue_get(queue), queue);
	jq_queue_put(queue);
	KUNIT_EXPECT_FALSE(test, jq_queue_is_killed(queue));

	/* A job keeps the queue readable after the last user reference (R1). */
	held = jq_mock_job_new(mq, 1, 0);
	pending = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_add_dep(pending, jq_mock_fence_new(test, NULL));
	jq_mock_job_submit(pending);
	jq_mock_queue_put(mq);
	KUNIT_EXPECT_TRUE(test, jq_queue_is_killed(jq_job_queue(&held->base)));
	KUNIT_EXPECT_PTR_EQ(test, jq_job_queue(&held->base), queue);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &pending->flags));
}

/* Credits 0 or above the limit: -EINVAL, and free_job is not called for the failed init. */
static void jq_api_init_bad_credits(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 4, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job;
	int err;

	job = jq_mock_job_try_new(mq, mq->queue, 0, 0, &err);
	KUNIT_EXPECT_NULL(test, job);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	job = jq_mock_job_try_new(mq, mq->queue, 5, 0, &err);
	KUNIT_EXPECT_NULL(test, job);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);

	/* Exactly the limit is fine and runs. */
	job = jq_mock_job_new(mq, 4, 0);
	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	jq_mock_job_release(job);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
}

/* jq_job_init on a killed queue: -ENODEV, no free_job. */
static void jq_api_init_killed(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job;
	int err;

	jq_queue_kill(mq->queue, -EIO);
	KUNIT_EXPECT_TRUE(test, jq_queue_is_killed(mq->queue));
	job = jq_mock_job_try_new(mq, mq->queue, 1, 0, &err);
	KUNIT_EXPECT_NULL(test, job);
	KUNIT_EXPECT_EQ(test, err, -ENODEV);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->created), 0);
}

/* Putting the last reference of an initialized, unarmed job aborts it: free_job once. */
static void jq_api_abort_unarmed(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_add_dep(job, jq_mock_fence_new(test, NULL));
	jq_mock_job_release(job);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
}

/* A NULL dependency is accepted and ignored. */
static void jq_api_dep_null(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&job->base, NULL), 0);
	jq_mock_job_submit(job);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
}

/*
 * Two fences of one context: only the later is kept, whichever order they are added in.
 * Signalling only the later one lets the job run; the earlier one stays unsignalled.
 */
static void jq_api_dep_dedup(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	u64 ctx = dma_fence_context_alloc(1);
	struct dma_fence *early = jq_mock_fence_new_ctx(test, NULL, ctx, 1);
	struct dma_fence *late = jq_mock_fence_new_ctx(test, NULL, ctx, 2);
	struct dma_fence *other = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	/* Earlier first, later second (a); later first, earlier second (b). */
	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&a->base, dma_fence_get(early)), 0);
	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&a->base, dma_fence_get(late)), 0);
	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&b->base, dma_fence_get(late)), 0);
	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&b->base, dma_fence_get(early)), 0);
	/* A fence of another context is kept besides. */
	jq_mock_job_add_dep(b, other);
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);

	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 0);
	jq_test_fence_signal(late, 0);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_ran(a, JQ_MOCK_WAIT));
	msleep(20);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &b->flags));
	jq_test_fence_signal(other, 0);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(early));
}

/* Without DEP_ERROR_CANCELS a failed dependency's job runs and sees the error. */
static void jq_api_dep_error_runs(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_add_dep(job, dep);
	jq_mock_job_submit(job);
	jq_test_fence_signal(dep, -EIO);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, job->dep_error, -EIO);
	KUNIT_EXPECT_EQ(test, jq_job_dependency_error(&job->base), -EIO);
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	/* The finished fence carries the hardware's result. */
	KUNIT_EXPECT_EQ(test, job->finished_error, 0);
}

/* With DEP_ERROR_CANCELS the job is not run and finishes with the dependency's error. */
static void jq_api_dep_error_cancels(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT,
						     JQ_QUEUE_DEP_ERROR_CANCELS);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *next = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_add_dep(job, dep);
	jq_mock_job_submit(job);
	jq_mock_job_submit(next);
	jq_test_fence_signal(dep, -EIO);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, job->finished_error, -EIO);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &job->flags));
	/* The queue goes on with the next job. */
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(next, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, next->dep_error, 0);
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(next, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, next->finished_error, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 1);
}

/* run_job returning NULL: done at once without error; credits come back. */
static void jq_api_run_null(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	a->run_mode = JQ_MOCK_RUN_NULL;
	b->run_mode = JQ_MOCK_RUN_NULL;
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, a->finished_error, 0);
	KUNIT_EXPECT_EQ(test, b->finished_error, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 2);
}

/* run_job returning ERR_PTR: done at once with that error; the queue goes on. */
static void jq_api_run_err(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	a->run_mode = JQ_MOCK_RUN_ERR;
	a->run_err = -ENOSPC;
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, a->finished_error, -ENOSPC);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, b->finished_error, 0);
}

/* What a job's hardware fence's refcount was when its finished fence signalled. */
struct jq_api_refs_at_signal {
	struct dma_fence_cb cb;
	struct dma_fence *hw;
	unsigned int refs;
};

static void jq_api_refs_at_signal_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct jq_api_refs_at_signal *r = container_of(cb, struct jq_api_refs_at_signal, cb);

	r->refs = kref_read(&r->hw->refcount);	/* under the finished fence lock */
}

/*
 * run_job returning a hardware fence that has signalled already (with an error): the job is
 * done with that error, but its finished fence still waits for the earlier job's (R5, seqno
 * order), and the queue has let go of the hardware fence by then: it keeps no reference to a
 * fence it need not wait for (only the test's is left when the finished fence signals).
 */
static void jq_api_run_signalled(struct kunit *test)
{
	/*
	 * Made in this order so that the test's end releases them in the reverse one: the
	 * queue first (which may signal the finished fence, running the callback), then the
	 * callback's memory, then the hardware fence it reads.
	 */
	struct dma_fence *hw = jq_mock_fence_new(test, NULL);
	struct jq_api_refs_at_signal *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->hw = hw;
	dma_fence_set_error(hw, -EIO);
	dma_fence_signal(hw);
	b->run_mode = JQ_MOCK_RUN_FENCE;
	b->ext_fence = hw;
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	KUNIT_ASSERT_EQ(test, dma_fence_add_callback(jq_mock_job_finished(b), &r->cb,
						     jq_api_refs_at_signal_cb), 0);
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	/* takes the fence lock: waits for the callbacks to return; ours has run */
	KUNIT_EXPECT_FALSE(test, dma_fence_remove_callback(jq_mock_job_finished(b), &r->cb));
	KUNIT_EXPECT_EQ(test, a->finished_error, 0);
	KUNIT_EXPECT_EQ(test, b->finished_error, -EIO);
	KUNIT_EXPECT_EQ(test, mq->finish_order[0], a->seqno);
	KUNIT_EXPECT_EQ(test, mq->finish_order[1], b->seqno);
	KUNIT_EXPECT_EQ(test, r->refs, 1);
}

/*
 * A finished fence carries its job's completion time: that of the hardware fence when the
 * job completed on one (set here 1 us before the submission, so that a clock read at the
 * signal, as dma_fence_signal() does, would not match), else, for a job done at once, a
 * time between its submission and its signal.
 */
static void jq_api_finished_timestamp(struct kunit *test)
{
	struct dma_fence *hw = jq_mock_fence_new(test, NULL);
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);
	ktime_t t0 = ktime_get(), hw_time = ktime_sub_us(t0, 1), t1;

	a->run_mode = JQ_MOCK_RUN_NULL;
	b->run_mode = JQ_MOCK_RUN_FENCE;
	b->ext_fence = hw;
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	t1 = ktime_get();
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	KUNIT_ASSERT_EQ(test, dma_fence_signal_timestamp(hw, hw_time), 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));

	KUNIT_EXPECT_GE(test, ktime_to_ns(dma_fence_timestamp(jq_mock_job_finished(a))),
			ktime_to_ns(t0));
	KUNIT_EXPECT_LE(test, ktime_to_ns(dma_fence_timestamp(jq_mock_job_finished(a))),
			ktime_to_ns(t1));
	KUNIT_EXPECT_EQ(test, ktime_to_ns(dma_fence_timestamp(jq_mock_job_finished(b))),
			ktime_to_ns(hw_time));
}

/*
 * prepare_job is called only after the dependencies signalled; the fence it returns holds
 * the job back (without the queue calling prepare_job in a loop), and it is called again
 * once that fence signals.
 */
static void jq_api_prepare_gating(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct dma_fence *gate = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_add_dep(job, dep);
	jq_mock_job_set_prepare(job, gate);
	jq_mock_job_submit(job);
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->prepares), 0);

	jq_test_fence_signal(dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->prepares, 1, JQ_MOCK_WAIT));
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->prepares), 1);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &job->flags));

	jq_test_fence_signal(gate, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->prepares), 2);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_PREP_EARLY, &job->flags));
}

/* Hardware completes 3, 1, 2: finished fences still signal 1, 2, 3 and carry hw errors. */
static void jq_api_out_of_order(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 3, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *jobs[3];
	int i;

	for (i = 0; i < 3; i++) {
		jobs[i] = jq_mock_job_new(mq, 1, 0);
		jq_mock_job_submit(jobs[i]);
	}
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 3, JQ_MOCK_WAIT));

	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[2], -EIO));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 0);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[0], 0));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jobs[0], JQ_MOCK_WAIT));
	msleep(20);
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(jobs[1]));
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(jobs[2]));
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(jobs[1], 0));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(jobs[2], JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jobs[2]->finished_error, -EIO);
	KUNIT_EXPECT_EQ(test, jobs[1]->finished_error, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->nr_finish_order), 3);
	jq_mock_expect_increasing(test, mq->finish_order, 3);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_EARLY, &jobs[i]->flags));
}

/* Fast path on an idle queue: run_job is called from jq_job_push() itself. */
static void jq_api_fast_path_idle(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT,
						     JQ_QUEUE_FAST_PATH);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(job);
	KUNIT_EXPECT_TRUE(test, test_bit(JQ_MOCK_JOB_RAN, &job->flags));
	KUNIT_EXPECT_TRUE(test, test_bit(JQ_MOCK_JOB_FAST, &job->flags));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, job->finished_error, 0);
}

/*
 * Fast path not taken when the queue is busy: no credits left, or an earlier job still
 * waits for its dependency (jobs run in seqno order), or the job's own dependency is unmet.
 */
static void jq_api_fast_path_busy(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT,
						     JQ_QUEUE_FAST_PATH);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *first = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *second = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *blocked = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *behind = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(first);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(first, JQ_MOCK_WAIT));
	jq_mock_job_submit(second);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_FAST, &second->flags));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(second, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_FAST, &second->flags));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(second, JQ_MOCK_WAIT));

	jq_mock_job_add_dep(blocked, dep);
	jq_mock_job_submit(blocked);
	jq_mock_job_submit(behind);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &blocked->flags));
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &behind->flags));
	jq_test_fence_signal(dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(blocked, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(behind, JQ_MOCK_WAIT));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(behind, JQ_MOCK_WAIT));
	jq_mock_expect_increasing(test, mq->run_order, atomic_read(&mq->nr_run_order));
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->runs), 4);
}

/* flush returns remaining jiffies (>= 1) once every pushed job finished. */
static void jq_api_flush_done(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 4, MAX_SCHEDULE_TIMEOUT, 0);
	int i;

	for (i = 0; i < 4; i++)
		jq_mock_job_submit(jq_mock_job_new(mq, 1, 500));
	KUNIT_EXPECT_GE(test, jq_queue_flush(mq->queue, JQ_MOCK_WAIT), 1L);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 4);
	/* Nothing pushed: at once. */
	KUNIT_EXPECT_GE(test, jq_queue_flush(mq->queue, HZ), 1L);
}

/* flush on a stuck queue returns 0 after its timeout. */
static void jq_api_flush_timeout(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	unsigned long start;

	jq_mock_job_submit(job);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	start = jiffies;
	KUNIT_EXPECT_EQ(test, jq_queue_flush(mq->queue, HZ / 10), 0L);
	KUNIT_EXPECT_GE(test, jiffies - start, (unsigned long)(HZ / 10));
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(job));
}

/*
 * trigger_timeout without a timeout configured: the oldest in-flight job (not the second)
 * goes to timedout_job; RESET makes its finished fence carry -ETIMEDOUT.
 */
static void jq_api_trigger_timeout(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 2, JQ_MOCK_WAIT));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 0);

	jq_queue_trigger_timeout(mq->queue);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->timeouts, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, mq->timeout_order[0], a->seqno);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, a->finished_error, -ETIMEDOUT);
	KUNIT_EXPECT_TRUE(test, test_bit(JQ_MOCK_JOB_TIMEDOUT, &a->flags));
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_TIMEDOUT, &b->flags));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, b->finished_error, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
}

/*
 * ENODEV from timedout_job kills the queue with -ENODEV: no more jq_job_init, queued jobs
 * finish with -ENODEV, the in-flight one goes to cancel_job.
 */
static void jq_api_timeout_enodev(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *running, *queued, *late;
	int err;

	mq->timeout_mode = JQ_MOCK_TIMEOUT_ENODEV;
	mq->cancel_mode = JQ_MOCK_CANCEL_ABORT;
	running = jq_mock_job_new(mq, 1, 0);
	queued = jq_mock_job_new(mq, 1, 0);
	jq_mock_job_submit(running);
	jq_mock_job_submit(queued);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(running, JQ_MOCK_WAIT));

	jq_queue_trigger_timeout(mq->queue);
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->timeouts, 1, JQ_MOCK_WAIT));
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->cancels, 1, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_queue_is_killed(mq->queue));
	late = jq_mock_job_try_new(mq, mq->queue, 1, 0, &err);
	KUNIT_EXPECT_NULL(test, late);
	KUNIT_EXPECT_EQ(test, err, -ENODEV);

	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(queued, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, queued->finished_error, -ENODEV);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &queued->flags));
	KUNIT_EXPECT_TRUE(test, jq_mock_job_is_finished(running));
	KUNIT_EXPECT_EQ(test, running->finished_error, -ECANCELED);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->timeouts), 1);
}

static struct kunit_case jq_api_cases[] = {
	KUNIT_CASE(jq_api_create_bad_args),
	KUNIT_CASE(jq_api_queue_refs),
	KUNIT_CASE(jq_api_init_bad_credits),
	KUNIT_CASE(jq_api_init_killed),
	KUNIT_CASE(jq_api_abort_unarmed),
	KUNIT_CASE(jq_api_dep_null),
	KUNIT_CASE(jq_api_dep_dedup),
	KUNIT_CASE(jq_api_dep_error_runs),
	KUNIT_CASE(jq_api_dep_error_cancels),
	KUNIT_CASE(jq_api_run_null),
	KUNIT_CASE(jq_api_run_err),
	KUNIT_CASE(jq_api_run_signalled),
	KUNIT_CASE(jq_api_finished_timestamp),
	KUNIT_CASE(jq_api_prepare_gating),
	KUNIT_CASE(jq_api_out_of_order),
	KUNIT_CASE(jq_api_fast_path_idle),
	KUNIT_CASE(jq_api_fast_path_busy),
	KUNIT_CASE(jq_api_flush_done),
	KUNIT_CASE(jq_api_flush_timeout),
	KUNIT_CASE(jq_api_trigger_timeout),
	KUNIT_CASE(jq_api_timeout_enodev),
	{}
};

static struct kunit_suite jq_api_suite = {
	.name = "jq_api",
	.init = jq_mock_test_init,
	.test_cases = jq_api_cases,
};

kunit_test_suites(&jq_api_suite);
