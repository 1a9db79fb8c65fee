// SPDX-License-Identifier: GPL-2.0
/*
 * What firmware-scheduled drivers need of a shared scheduler, beyond drm_sched's basics:
 * the scheduled fence, dependencies that cost nothing on the same queue and only wait for
 * scheduling on the same pipeline, deadline forwarding to the hardware fence, and
 * dma_resv dependencies.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/dma-resv.h>
#include <linux/ktime.h>

#include <jq/jobqueue_drm.h>	/* compile-checked here; no DRM device in these tests */

#include "jq_mock.h"

/*
 * The scheduled fence signals once run_job returned, before the finished fence; a job
 * cancelled without running gets it signalled (no error) just before its finished fence.
 */
static void jq_deps_scheduled_fence(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT,
						     JQ_QUEUE_SCHEDULED_FENCE);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *never = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *sched, *never_sched, *never_dep = jq_mock_fence_new(test, NULL);

	jq_mock_job_add_dep(job, dep);
	jq_mock_job_submit(job);
	sched = jq_job_scheduled_fence(&job->base);
	KUNIT_ASSERT_NOT_NULL(test, sched);
	KUNIT_EXPECT_NE(test, sched->context, jq_mock_job_finished(job)->context);
	KUNIT_EXPECT_EQ(test, sched->seqno, job->seqno);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(sched));

	jq_test_fence_signal(dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(sched, false, JQ_MOCK_WAIT), 0L);
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(job));

	jq_mock_job_add_dep(never, never_dep);
	jq_mock_job_submit(never);
	never_sched = jq_job_scheduled_fence(&never->base);
	jq_mock_queue_put(mq);
	jq_mock_advance(mq, 1);
	jq_test_fence_signal(never_dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(never, JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(never_sched));
	KUNIT_EXPECT_EQ(test, never_sched->error, 0);
	KUNIT_EXPECT_EQ(test, never->finished_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &never->flags));
}

/* A queue without JQ_QUEUE_SCHEDULED_FENCE has none. */
static void jq_deps_no_scheduled_fence(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(job);
	KUNIT_EXPECT_NULL(test, jq_job_scheduled_fence(&job->base));
}

/*
 * A dependency on an earlier job of the same queue costs nothing: the later job runs while
 * the earlier one is still on the hardware, and still finishes after it.
 */
static void jq_deps_same_queue_free(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(a);
	KUNIT_EXPECT_EQ(test, jq_job_add_dependency(&b->base,
						    dma_fence_get(jq_mock_job_finished(a))), 0);
	KUNIT_EXPECT_TRUE(test, xa_empty(&b->base.dependencies));
	jq_mock_job_submit(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(a));
	jq_mock_job_complete(b, 0);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(b));
	jq_mock_advance(mq, 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	jq_mock_expect_increasing(test, mq->finish_order, 2);
}

/*
 * Two queues on one pipeline: a job of the second that depends on a job of the first runs
 * once that job is scheduled, without waiting for it to finish. Off the pipeline, it waits.
 */
static void jq_deps_pipeline_scheduled(struct kunit *test)
{
	static const int ring;	/* the pipeline cookie: any address */
	struct jq_mock_queue *geom = jq_mock_queue_new_pipeline(test, 1, MAX_SCHEDULE_TIMEOUT,
								JQ_QUEUE_SCHEDULED_FENCE, &ring);
	struct jq_mock_queue *frag = jq_mock_queue_new_pipeline(test, 1, MAX_SCHEDULE_TIMEOUT, 0,
								&ring);
	struct jq_mock_queue *other = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *g, *f, *o;

	g = jq_mock_job_new(geom, 1, 0);
	f = jq_mock_job_new(frag, 1, 0);
	o = jq_mock_job_new(other, 1, 0);
	jq_mock_job_submit(g);
	jq_mock_job_add_dep(f, jq_mock_job_finished(g));
	jq_mock_job_add_dep(o, jq_mock_job_finished(g));
	jq_mock_job_submit(f);
	jq_mock_job_submit(o);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(f, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(g));
	msleep(20);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &o->flags));
	jq_mock_advance(geom, 1);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_ran(o, JQ_MOCK_WAIT));
}

/* The hardware fence's deadline once it is set: jq forwards it right after run_job returns. */
static ktime_t jq_deps_wait_hw_deadline(struct jq_mock_job *job)
{
	unsigned long deadline = jiffies + JQ_MOCK_WAIT;

	while (!jq_mock_hw_deadline(job) && time_before(jiffies, deadline))
		msleep(20);
	return jq_mock_hw_deadline(job);
}

/* A deadline on the finished fence reaches the hardware fence, before or after run_job. */
static void jq_deps_deadline_forwarded(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	ktime_t later = ktime_add_ms(ktime_get(), 500), sooner = ktime_add_ms(ktime_get(), 100);

	jq_mock_job_add_dep(job, dep);
	jq_mock_job_submit(job);
	dma_fence_set_deadline(jq_mock_job_finished(job), later);
	jq_test_fence_signal(dep, 0);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, ktime_to_ns(jq_deps_wait_hw_deadline(job)), ktime_to_ns(later));
	dma_fence_set_deadline(jq_mock_job_finished(job), sooner);
	KUNIT_EXPECT_EQ(test, ktime_to_ns(jq_mock_hw_deadline(job)), ktime_to_ns(sooner));
}

/* Every fence of a reservation object up to the usage asked for becomes a dependency. */
static void jq_deps_resv(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct dma_fence *writer = jq_mock_fence_new(test, NULL);
	struct dma_fence *reader = jq_mock_fence_new(test, NULL);
	struct jq_mock_job *job = jq_mock_job_new(mq, 1, 0);
	struct dma_resv *resv = kunit_kzalloc(test, sizeof(*resv), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, resv);
	dma_resv_init(resv);
	KUNIT_ASSERT_EQ(test, dma_resv_lock(resv, NULL), 0);
	KUNIT_ASSERT_EQ(test, dma_resv_reserve_fences(resv, 2), 0);
	dma_resv_add_fence(resv, writer, DMA_RESV_USAGE_WRITE);
	dma_resv_add_fence(resv, reader, DMA_RESV_USAGE_READ);
	KUNIT_EXPECT_EQ(test, jq_job_add_resv_dependencies(&job->base, resv,
							   DMA_RESV_USAGE_READ), 0);
	dma_resv_unlock(resv);
	jq_mock_job_submit(job);

	jq_test_fence_signal(writer, 0);
	msleep(20);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &job->flags));
	jq_test_fence_signal(reader, 0);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
	dma_resv_fini(resv);
}

static struct kunit_case jq_deps_cases[] = {
	KUNIT_CASE(jq_deps_scheduled_fence),
	KUNIT_CASE(jq_deps_no_scheduled_fence),
	KUNIT_CASE(jq_deps_same_queue_free),
	KUNIT_CASE(jq_deps_pipeline_scheduled),
	KUNIT_CASE(jq_deps_deadline_forwarded),
	KUNIT_CASE(jq_deps_resv),
	{}
};

static struct kunit_suite jq_deps_suite = {
	.name = "jq_deps",
	.init = jq_mock_test_init,
	.test_cases = jq_deps_cases,
};

kunit_test_suites(&jq_deps_suite);
