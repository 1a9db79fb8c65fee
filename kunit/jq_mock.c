// SPDX-License-Identifier: GPL-2.0
/*
 * Mock "hardware" backend for the jobqueue.ko KUnit tests.
 *
 * A mock queue wraps a real jq_queue (its ops are the mock's) and adds a fake hardware
 * timeline: its own dma-fence context, a spinlock that is also the lock of every hardware
 * fence of the queue (so callbacks run with a shared fence lock held), and the list of jobs
 * the hardware runs, in run order. run_job initializes the job's hardware fence on that
 * timeline and, when the job has a duration, starts an hrtimer in HRTIMER_MODE_REL_HARD: it
 * fires in hardirq and completes the job and every job before it (the hardware is in order).
 * The test can also advance the timeline by n jobs, or complete one given job out of order.
 *
 * The ops record what happened (counters, the seqno order of run, cancel, timeout and
 * finished, per-job flags) and check the op contract on every call: no two ops of a queue at
 * once, process context, the queue alive (R3), credits within the limit. Breaches are counted
 * in mq->violations and reported when the test ends.
 *
 * Every mock queue registers a KUnit action: when the test ends, even by a failed assertion,
 * it drops the queue's user reference, the test's job references, completes whatever the
 * hardware still runs and waits (bounded) until free_job has freed every job, so a test leaves
 * nothing behind. The mock queue itself is refcounted by its jobs and freed by the last one.
 *
 * The fences (hardware and dependency fences are &struct jq_test_fence), their signalling
 * and the op-contract checks are the shared test backend's (tests/jq_test_hw.c), as in the
 * stress test and the benchmark; the scripted ops, the in-order timeline and the records
 * are the mock's own.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "jq_mock.h"

/* jobqueue.ko's test seams (include/jq/jobqueue_test.h) */
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
/* the shared test backend: fences and op-contract checks (tests/jq_test_hw.c) */
MODULE_IMPORT_NS(JQ_TEST_HW);

static atomic_t jq_mock_queue_ids = ATOMIC_INIT(0);

static struct jq_mock_job *to_mock_job(struct jq_job *job)
{
	return container_of(job, struct jq_mock_job, base);
}

/* The deadline the job's hardware fence was given, 0 if none. */
ktime_t jq_mock_hw_deadline(struct jq_mock_job *job)
{
	return jq_test_fence_deadline(job->hw_fence);
}

static void jq_mock_record(atomic_t *nr, u64 *order, u64 seqno)
{
	int i = atomic_inc_return(nr) - 1;

	if (i < JQ_MOCK_MAX_ORDER)
		order[i] = seqno;
}

/* The op contract, checked on entry of every op but free_job. */
static void jq_mock_op_enter(struct jq_mock_job *job)
{
	struct jq_mock_queue *mq = job->mq;
	bool cookie;

	/* no other op of the queue at once, process context (jq_test_hw.c) */
	if (jq_test_op_enter(&mq->op_busy))
		atomic_inc(&mq->violations);
	/* R3: the queue is alive while an op runs (KASAN would flag a freed one). */
	if (jq_queue_priv(jq_job_queue(&job->base)) != mq)
		atomic_inc(&mq->violations);
	/*
	 * R7: dma_fence_begin_signalling() returns true when a signalling section is already
	 * open, or in atomic context (not a signalling section: not counted).
	 */
	cookie = dma_fence_begin_signalling();
	if (cookie && preemptible())
		atomic_inc(&mq->signalling_ops);
	dma_fence_end_signalling(cookie);
	atomic_inc(&mq->ops);
}

static void jq_mock_op_exit(struct jq_mock_job *job)
{
	jq_test_op_exit(&job->mq->op_busy);
	wake_up_all(&job->mq->wait);
}

/* Signal a running job's hardware fence; the caller holds mq->lock. */
static void jq_mock_hw_signal_locked(struct jq_mock_job *job, int error)
{
	struct jq_mock_queue *mq = job->mq;

	lockdep_assert_held(&mq->lock);
	list_del_init(&job->hw_link);
	mq->hw_credits -= job->credits;
	if (in_hardirq())
		set_bit(JQ_MOCK_JOB_HW_IRQ, &job->flags);
	set_bit(JQ_MOCK_JOB_HW_DONE, &job->flags);
	jq_test_fence_signal_locked(job->hw_fence, error);
}

static bool jq_mock_hw_running_job(struct jq_mock_job *job)
{
	return job->hw_inited && !list_empty(&job->hw_link);
}

/* The hardware finished @job, and with it every job it ran before @job. */
static enum hrtimer_restart jq_mock_timer_fn(struct hrtimer *timer)
{
	struct jq_mock_job *job = container_of(timer, struct jq_mock_job, timer);
	struct jq_mock_queue *mq = job->mq;
	struct jq_mock_job *cur, *next;
	unsigned long irqflags;

	spin_lock_irqsave(&mq->lock, irqflags);
	if (jq_mock_hw_running_job(job)) {
		list_for_each_entry_safe(cur, next, &mq->running, hw_link) {
			jq_mock_hw_signal_locked(cur, 0);
			if (cur == job)
				break;
		}
	}
	spin_unlock_irqrestore(&mq->lock, irqflags);
	wake_up_all(&mq->wait);
	return HRTIMER_NORESTART;
}

/**
 * jq_mock_advance - complete the next @n jobs of the hardware timeline, in order
 * @mq: the mock queue
 * @n: how many jobs
 *
 * Return: the number of jobs completed (fewer if fewer were running).
 */
unsigned int jq_mock_advance(struct jq_mock_queue *mq, unsigned int n)
{
	struct jq_mock_job *job, *next;
	unsigned long irqflags;
	unsigned int done = 0;

	WRITE_ONCE(mq->completer, current);
	spin_lock_irqsave(&mq->lock, irqflags);
	list_for_each_entry_safe(job, next, &mq->running, hw_link) {
		if (done == n)
			break;
		jq_mock_hw_signal_locked(job, 0);
		done++;
	}
	spin_unlock_irqrestore(&mq->lock, irqflags);
	WRITE_ONCE(mq->completer, NULL);
	wake_up_all(&mq->wait);
	return done;
}

/**
 * jq_mock_job_complete - complete one running job, out of order if need be
 * @job: the job
 * @error: 0 or the hardware fence's error
 *
 * Return: true if the job was running and is now complete.
 */
bool jq_mock_job_complete(struct jq_mock_job *job, int error)
{
	struct jq_mock_queue *mq = job->mq;
	unsigned long irqflags;
	bool done = false;

	WRITE_ONCE(mq->completer, current);
	spin_lock_irqsave(&mq->lock, irqflags);
	if (jq_mock_hw_running_job(job)) {
		jq_mock_hw_signal_locked(job, error);
		done = true;
	}
	spin_unlock_irqrestore(&mq->lock, irqflags);
	WRITE_ONCE(mq->completer, NULL);
	wake_up_all(&mq->wait);
	return done;
}

unsigned int jq_mock_hw_running(struct jq_mock_queue *mq)
{
	struct jq_mock_job *job;
	unsigned long irqflags;
	unsigned int n = 0;

	spin_lock_irqsave(&mq->lock, irqflags);
	list_for_each_entry(job, &mq->running, hw_link)
		n++;
	spin_unlock_irqrestore(&mq->lock, irqflags);
	return n;
}

static struct dma_fence *jq_mock_prepare_job(struct jq_job *base)
{
	struct jq_mock_job *job = to_mock_job(base);
	struct dma_fence *fence;
	unsigned int i;

	jq_mock_op_enter(job);
	for (i = 0; i < job->nr_deps; i++)
		if (!test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &job->deps[i]->flags))
			set_bit(JQ_MOCK_JOB_PREP_EARLY, &job->flags);
	fence = xchg(&job->prepare_fence, NULL);
	atomic_inc(&job->mq->prepares);
	jq_mock_op_exit(job);
	return fence;
}

static struct dma_fence *jq_mock_run_job(struct jq_job *base)
{
	struct jq_mock_job *job = to_mock_job(base);
	struct jq_mock_queue *mq = job->mq;
	struct dma_fence *fence = NULL;
	unsigned long irqflags;

	jq_mock_op_enter(job);
	set_bit(JQ_MOCK_JOB_RUN_ENTERED, &job->flags);
	wake_up_all(&mq->wait);
	if (job->run_gate)
		wait_for_completion_timeout(job->run_gate, JQ_MOCK_WAIT);
	job->dep_error = jq_job_dependency_error(base);
	/* jq_misuse negative control: what a GFP_KERNEL allocation tells lockdep. */
	if (job->alloc_in_run)
		might_alloc(GFP_KERNEL);
	job->run_jiffies = jiffies;
	if (READ_ONCE(mq->pusher) == current)
		set_bit(JQ_MOCK_JOB_FAST, &job->flags);
	jq_mock_record(&mq->nr_run_order, mq->run_order, job->seqno);

	switch (job->run_mode) {
	case JQ_MOCK_RUN_NULL:
		set_bit(JQ_MOCK_JOB_HW_DONE, &job->flags);
		break;
	case JQ_MOCK_RUN_ERR:
		set_bit(JQ_MOCK_JOB_HW_DONE, &job->flags);
		fence = ERR_PTR(job->run_err);
		break;
	case JQ_MOCK_RUN_FENCE:
		/* HW_DONE is not tracked for a fence the test signals */
		set_bit(JQ_MOCK_JOB_HW_DONE, &job->flags);
		fence = dma_fence_get(job->ext_fence);
		break;
	case JQ_MOCK_RUN_HW:
		spin_lock_irqsave(&mq->lock, irqflags);
		jq_test_fence_init(to_jq_test_fence(job->hw_fence), &mq->lock, mq->hw_context,
				   ++mq->hw_seqno, NULL);
		job->hw_inited = true;
		list_add_tail(&job->hw_link, &mq->running);
		mq->hw_credits += job->credits;
		if (mq->hw_credits > mq->credit_limit)
			atomic_inc(&mq->credit_overflow);
		if (job->duration_us) {
			ktime_t now = ktime_get();
			ktime_t start = ktime_after(mq->hw_busy_until, now) ?
					mq->hw_busy_until : now;

			mq->hw_busy_until = ktime_add_us(start, job->duration_us);
			hrtimer_start(&job->timer, ktime_sub(mq->hw_busy_until, now),
				      HRTIMER_MODE_REL_HARD);
		}
		fence = dma_fence_get(job->hw_fence);
		spin_unlock_irqrestore(&mq->lock, irqflags);
		break;
	}
	set_bit(JQ_MOCK_JOB_RAN, &job->flags);
	atomic_inc(&mq->runs);
	jq_mock_op_exit(job);
	return fence;
}

static enum jq_timeout_status jq_mock_timedout_job(struct jq_job *base)
{
	struct jq_mock_job *job = to_mock_job(base);
	struct jq_mock_queue *mq = job->mq;
	enum jq_timeout_status status = JQ_TIMEOUT_NONE;
	unsigned long irqflags;

	jq_mock_op_enter(job);
	job->timeout_jiffies = jiffies;
	WRITE_ONCE(mq->timeout_seqno, job->seqno);
	WRITE_ONCE(mq->timeout_entered, true);
	wake_up_all(&mq->wait);
	/* Lets a test tear the queue down while the handler runs (scenario 4). */
	if (mq->timeout_gate)
		wait_for_completion_timeout(mq->timeout_gate, JQ_MOCK_WAIT);

	switch (mq->timeout_mode) {
	case JQ_MOCK_TIMEOUT_RESET:
		spin_lock_irqsave(&mq->lock, irqflags);
		if (jq_mock_hw_running_job(job)) {
			set_bit(JQ_MOCK_JOB_TIMEDOUT, &job->flags);
			jq_mock_hw_signal_locked(job, -ETIMEDOUT);
		}
		spin_unlock_irqrestore(&mq->lock, irqflags);
		status = JQ_TIMEOUT_RESET;
		break;
	case JQ_MOCK_TIMEOUT_NO_HANG:
		set_bit(JQ_MOCK_JOB_RESET_SKIPPED, &job->flags);
		status = JQ_TIMEOUT_NO_HANG;
		break;
	case JQ_MOCK_TIMEOUT_NONE:
		break;
	case JQ_MOCK_TIMEOUT_COMPLETE:
		spin_lock_irqsave(&mq->lock, irqflags);
		if (jq_mock_hw_running_job(job))
			jq_mock_hw_signal_locked(job, 0);
		spin_unlock_irqrestore(&mq->lock, irqflags);
		break;
	case JQ_MOCK_TIMEOUT_ENODEV:
		set_bit(JQ_MOCK_JOB_TIMEDOUT, &job->flags);
		status = JQ_TIMEOUT_ENODEV;
		break;
	}
	jq_mock_record(&mq->nr_timeout_order, mq->timeout_order, job->seqno);
	WRITE_ONCE(mq->timeout_seqno, 0);
	atomic_inc(&mq->timeouts);
	jq_mock_op_exit(job);
	return status;
}

static void jq_mock_cancel_job(struct jq_job *base)
{
	struct jq_mock_job *job = to_mock_job(base);
	struct jq_mock_queue *mq = job->mq;
	unsigned long irqflags;

	jq_mock_op_enter(job);
	set_bit(JQ_MOCK_JOB_CANCELLED, &job->flags);
	jq_mock_record(&mq->nr_cancel_order, mq->cancel_order, job->seqno);
	if (mq->cancel_mode == JQ_MOCK_CANCEL_ABORT) {
		spin_lock_irqsave(&mq->lock, irqflags);
		if (jq_mock_hw_running_job(job))
			jq_mock_hw_signal_locked(job, -ECANCELED);
		spin_unlock_irqrestore(&mq->lock, irqflags);
	}
	atomic_inc(&mq->cancels);
	jq_mock_op_exit(job);
}

static void jq_mock_queue_release(struct kref *ref)
{
	kvfree(container_of(ref, struct jq_mock_queue, ref));
}

static void jq_mock_free_job(struct jq_job *base)
{
	struct jq_mock_job *job = to_mock_job(base);
	struct jq_mock_queue *mq = job->mq;
	unsigned long irqflags;
	unsigned int i;

	/* R8: process context, preemptible, outside RCU read-side sections */
	if (!jq_test_free_context_ok()) {
		/*
		 * Broken contract. Leak the job rather than hrtimer_cancel() from what may be
		 * its own timer callback (a hang); kmemleak reports the leak as well.
		 */
		atomic_inc(&mq->free_in_atomic);
		wake_up_all(&mq->wait);
		return;
	}
	might_sleep();
	atomic_inc(&mq->frees_entered);
	wake_up_all(&mq->wait);
	if (job->free_gate)
		wait_for_completion_timeout(job->free_gate, JQ_MOCK_WAIT);
	hrtimer_cancel(&job->timer);
	spin_lock_irqsave(&mq->lock, irqflags);
	/* R2/R5: freed while the hardware runs it; keep the mock's list sane. */
	if (!list_empty(&job->hw_link)) {
		list_del_init(&job->hw_link);
		mq->hw_credits -= job->credits;
		atomic_inc(&mq->violations);
	}
	spin_unlock_irqrestore(&mq->lock, irqflags);

	if (job->hw_inited)
		dma_fence_put(job->hw_fence);
	else
		kfree(job->hw_fence);
	dma_fence_put(xchg(&job->prepare_fence, NULL));
	for (i = 0; i < job->nr_deps; i++)
		dma_fence_put(job->deps[i]);
	kfree(job);

	atomic_inc(&mq->frees);
	wake_up_all(&mq->wait);
	kref_put(&mq->ref, jq_mock_queue_release);
}

static const struct jq_queue_ops jq_mock_ops = {
	.prepare_job = jq_mock_prepare_job,
	.run_job = jq_mock_run_job,
	.timedout_job = jq_mock_timedout_job,
	.cancel_job = jq_mock_cancel_job,
	.free_job = jq_mock_free_job,
};

/**
 * jq_mock_queue_put - drop the mock's user reference: the queue is killed with -ECANCELED
 * @mq: the mock queue; stays valid until the test ends
 */
void jq_mock_queue_put(struct jq_mock_queue *mq)
{
	struct jq_queue *queue = xchg(&mq->queue, NULL);

	if (queue)
		jq_queue_put(queue);
}

static void jq_mock_drop_test_refs(struct jq_mock_queue *mq)
{
	struct jq_mock_job *job;
	unsigned long irqflags;

	for (;;) {
		spin_lock_irqsave(&mq->lock, irqflags);
		job = list_first_entry_or_null(&mq->jobs, struct jq_mock_job, test_link);
		if (job) {
			list_del_init(&job->test_link);
			job->test_ref = false;
		}
		spin_unlock_irqrestore(&mq->lock, irqflags);
		if (!job)
			break;
		jq_job_put(&job->base);
	}
}

static bool jq_mock_all_freed(struct jq_mock_queue *mq)
{
	return atomic_read(&mq->frees) >= atomic_read(&mq->created);
}

/* End of test: drain the queue so that every job is freed, then check the op contract. */
static void jq_mock_queue_cleanup(void *data)
{
	struct jq_mock_queue *mq = data;
	struct kunit *test = mq->test;
	unsigned long deadline = jiffies + JQ_MOCK_WAIT;

	jq_mock_queue_put(mq);
	jq_mock_drop_test_refs(mq);
	/* The hardware finishes whatever it still runs (R5: every hw fence signals). */
	while (!jq_mock_all_freed(mq)) {
		jq_mock_advance(mq, UINT_MAX);
		if (wait_event_timeout(mq->wait, jq_mock_all_freed(mq), HZ / 10))
			break;
		if (time_after(jiffies, deadline))
			break;
	}
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->frees), atomic_read(&mq->created),
			    "%s: jobs not freed at the end of the test", mq->name);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->violations), 0,
			    "%s: op contract broken (concurrent ops, atomic context, dead queue)",
			    mq->name);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->credit_overflow), 0,
			    "%s: more credits in flight than the limit", mq->name);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&mq->free_in_atomic), 0,
			    "%s: free_job called in atomic context", mq->name);
	kref_put(&mq->ref, jq_mock_queue_release);
}

/* Create a mock queue with @args (its ops, name and priv are the mock's). */
static struct jq_mock_queue *jq_mock_queue_new_args(struct kunit *test,
						    struct jq_queue_args args)
{
	struct jq_mock_queue *mq;
	struct jq_queue *queue;

	mq = kvzalloc(sizeof(*mq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mq);
	kref_init(&mq->ref);
	mq->test = test;
	mq->credit_limit = args.credit_limit;
	snprintf(mq->name, sizeof(mq->name), "jq-mock-%d", atomic_inc_return(&jq_mock_queue_ids));
	spin_lock_init(&mq->lock);
	mq->hw_context = dma_fence_context_alloc(1);
	INIT_LIST_HEAD(&mq->running);
	INIT_LIST_HEAD(&mq->jobs);
	init_waitqueue_head(&mq->wait);

	args.ops = &jq_mock_ops;
	args.name = mq->name;
	args.priv = mq;
	queue = jq_queue_create(&args);
	if (IS_ERR(queue)) {
		kvfree(mq);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, queue);
	}
	mq->queue = queue;
	mq->jq = queue;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_mock_queue_cleanup, mq), 0);
	return mq;
}

/**
 * jq_mock_queue_new_wq - create a mock queue, cleaned up when the test ends
 * @test: the test
 * @credit_limit: the queue's credit limit
 * @timeout: the queue's timeout in jiffies, MAX_SCHEDULE_TIMEOUT for none
 * @flags: enum jq_queue_flags
 * @wq: the workqueue, NULL for jobqueue.ko's default
 *
 * Return: the mock queue; the test fails (assertion) if the queue cannot be created.
 */
struct jq_mock_queue *jq_mock_queue_new_wq(struct kunit *test, u32 credit_limit,
					   long timeout, unsigned long flags,
					   struct workqueue_struct *wq)
{
	struct jq_queue_args args = {
		.credit_limit = credit_limit, .timeout = timeout, .wq = wq, .flags = flags,
	};

	return jq_mock_queue_new_args(test, args);
}

/* A mock queue whose jobs are released on @cleanup_wq (&jq_queue_args.cleanup_wq). */
struct jq_mock_queue *jq_mock_queue_new_cleanup(struct kunit *test, u32 credit_limit,
						struct workqueue_struct *cleanup_wq)
{
	struct jq_queue_args args = {
		.credit_limit = credit_limit, .timeout = MAX_SCHEDULE_TIMEOUT,
		.cleanup_wq = cleanup_wq,
	};

	return jq_mock_queue_new_args(test, args);
}

/* A mock queue on @pipeline (&jq_queue_args.pipeline), on the default workqueue. */
struct jq_mock_queue *jq_mock_queue_new_pipeline(struct kunit *test, u32 credit_limit,
						 long timeout, unsigned long flags,
						 const void *pipeline)
{
	struct jq_queue_args args = {
		.credit_limit = credit_limit, .timeout = timeout, .flags = flags,
		.pipeline = pipeline,
	};

	return jq_mock_queue_new_args(test, args);
}

struct jq_mock_queue *jq_mock_queue_new(struct kunit *test, u32 credit_limit, long timeout,
					unsigned long flags)
{
	return jq_mock_queue_new_wq(test, credit_limit, timeout, flags, NULL);
}

/**
 * jq_mock_job_try_new - allocate a mock job and jq_job_init() it
 * @mq: the mock queue whose ops and hardware the job uses
 * @queue: the queue to init the job on (normally mq->queue)
 * @credits: the job's credits
 * @duration_us: how long the hardware runs it; 0 for "until advanced"
 * @err: jq_job_init()'s error
 *
 * Return: the job, with the test holding the jq_job_init() reference, or NULL on error.
 */
struct jq_mock_job *jq_mock_job_try_new(struct jq_mock_queue *mq, struct jq_queue *queue,
					u32 credits, unsigned int duration_us, int *err)
{
	struct jq_test_fence *hw;
	struct jq_mock_job *job;
	unsigned long irqflags;

	*err = -ENOMEM;
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return NULL;
	/* Allocated here, not in run_job: the run path must not allocate (R7). */
	hw = kzalloc(sizeof(*hw), GFP_KERNEL);
	job->hw_fence = hw ? &hw->base : NULL;
	if (!job->hw_fence) {
		kfree(job);
		return NULL;
	}
	job->mq = mq;
	job->credits = credits;
	job->duration_us = duration_us;
	INIT_LIST_HEAD(&job->hw_link);
	INIT_LIST_HEAD(&job->test_link);
	hrtimer_init(&job->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	job->timer.function = jq_mock_timer_fn;

	*err = jq_job_init(&job->base, queue, credits);
	if (*err) {
		kfree(job->hw_fence);
		kfree(job);
		return NULL;
	}
	kref_get(&mq->ref);
	job->test_ref = true;
	spin_lock_irqsave(&mq->lock, irqflags);
	list_add_tail(&job->test_link, &mq->jobs);
	spin_unlock_irqrestore(&mq->lock, irqflags);
	atomic_inc(&mq->created);
	return job;
}

struct jq_mock_job *jq_mock_job_new(struct jq_mock_queue *mq, u32 credits,
				    unsigned int duration_us)
{
	struct jq_mock_job *job;
	int err;

	job = jq_mock_job_try_new(mq, mq->jq, credits, duration_us, &err);
	KUNIT_ASSERT_NOT_NULL_MSG(mq->test, job, "jq_job_init: %d", err);
	return job;
}

/* @fence is borrowed: the job and the queue take their own references. */
void jq_mock_job_add_dep(struct jq_mock_job *job, struct dma_fence *fence)
{
	if (job->nr_deps < JQ_MOCK_MAX_DEPS)
		job->deps[job->nr_deps++] = dma_fence_get(fence);
	KUNIT_EXPECT_EQ(job->mq->test, jq_job_add_dependency(&job->base, dma_fence_get(fence)),
			0);
}

/* prepare_job returns @fence (borrowed) once, then NULL. */
void jq_mock_job_set_prepare(struct jq_mock_job *job, struct dma_fence *fence)
{
	dma_fence_put(xchg(&job->prepare_fence, dma_fence_get(fence)));
}

static void jq_mock_finished_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct jq_mock_job *job = container_of(cb, struct jq_mock_job, finished_cb);
	struct jq_mock_queue *mq = job->mq;
	unsigned int i;

	/*
	 * R5 and R4: never before the hardware fence, nor before a dependency. Flags are read
	 * directly: calling a fence's ops from here could take a lock we already hold.
	 */
	if (test_bit(JQ_MOCK_JOB_RAN, &job->flags) &&
	    !test_bit(JQ_MOCK_JOB_HW_DONE, &job->flags))
		set_bit(JQ_MOCK_JOB_EARLY, &job->flags);
	for (i = 0; i < job->nr_deps; i++)
		if (!test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &job->deps[i]->flags))
			set_bit(JQ_MOCK_JOB_EARLY, &job->flags);
	/* never while timedout_job runs for this very job */
	if (READ_ONCE(mq->timeout_seqno) == fence->seqno) {
		set_bit(JQ_MOCK_JOB_IN_TDR, &job->flags);
		atomic_inc(&mq->violations);
	}
	if (READ_ONCE(mq->completer) == current)
		atomic_inc(&mq->finished_in_hw_cb);
	job->finished_error = fence->error;
	jq_mock_record(&mq->nr_finish_order, mq->finish_order, fence->seqno);
	set_bit(JQ_MOCK_JOB_FINISHED, &job->flags);
	atomic_inc(&mq->finished);
	wake_up_all(&mq->wait);
}

void jq_mock_job_arm(struct jq_mock_job *job)
{
	struct dma_fence *finished;

	jq_job_arm(&job->base);
	job->armed = true;
	finished = jq_job_finished_fence(&job->base);
	job->seqno = finished->seqno;
	if (dma_fence_add_callback(finished, &job->finished_cb, jq_mock_finished_cb))
		jq_mock_finished_cb(finished, &job->finished_cb);
}

/* Push, telling run_job that it is called from jq_job_push() (the fast path). */
void jq_mock_job_push(struct jq_mock_job *job)
{
	WRITE_ONCE(job->mq->pusher, current);
	jq_job_push(&job->base);
	WRITE_ONCE(job->mq->pusher, NULL);
}

void jq_mock_job_submit(struct jq_mock_job *job)
{
	jq_mock_job_arm(job);
	jq_mock_job_push(job);
}

/* Drop the test's jq_job_init() reference now rather than at the end of the test. */
void jq_mock_job_release(struct jq_mock_job *job)
{
	struct jq_mock_queue *mq = job->mq;
	unsigned long irqflags;
	bool put;

	spin_lock_irqsave(&mq->lock, irqflags);
	put = job->test_ref;
	if (put) {
		job->test_ref = false;
		list_del_init(&job->test_link);
	}
	spin_unlock_irqrestore(&mq->lock, irqflags);
	if (put)
		jq_job_put(&job->base);
}

struct dma_fence *jq_mock_job_finished(struct jq_mock_job *job)
{
	return jq_job_finished_fence(&job->base);
}

bool jq_mock_job_is_finished(struct jq_mock_job *job)
{
	return test_bit(JQ_MOCK_JOB_FINISHED, &job->flags);
}

bool jq_mock_job_wait_finished(struct jq_mock_job *job, long timeout)
{
	return wait_event_timeout(job->mq->wait, jq_mock_job_is_finished(job), timeout) > 0 ||
	       jq_mock_job_is_finished(job);
}

bool jq_mock_job_wait_ran(struct jq_mock_job *job, long timeout)
{
	return wait_event_timeout(job->mq->wait, test_bit(JQ_MOCK_JOB_RAN, &job->flags),
				  timeout) > 0 || test_bit(JQ_MOCK_JOB_RAN, &job->flags);
}

bool jq_mock_wait_count(struct jq_mock_queue *mq, atomic_t *counter, int n, long timeout)
{
	return wait_event_timeout(mq->wait, atomic_read(counter) >= n, timeout) > 0 ||
	       atomic_read(counter) >= n;
}

static void jq_mock_fence_cleanup(void *data)
{
	struct dma_fence *fence = data;

	/* A dependency nobody signalled would keep jobs (and the queue) alive forever. */
	if (!dma_fence_is_signaled(fence))
		dma_fence_signal(fence);
	dma_fence_put(fence);
}

/**
 * jq_mock_fence_new_ctx - a fence the test signals, signalled and put when the test ends
 * @test: the test
 * @lock: the fence's lock, shared with other fences, or NULL for its own
 * @context: the fence context
 * @seqno: the seqno on @context
 *
 * Return: the fence; the test's reference, borrowed by the caller.
 */
struct dma_fence *jq_mock_fence_new_ctx(struct kunit *test, spinlock_t *lock, u64 context,
					u64 seqno)
{
	struct jq_test_fence *f = kzalloc(sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	jq_test_fence_init(f, lock, context, seqno, NULL);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_mock_fence_cleanup, &f->base),
			0);
	return &f->base;
}

struct dma_fence *jq_mock_fence_new(struct kunit *test, spinlock_t *lock)
{
	return jq_mock_fence_new_ctx(test, lock, dma_fence_context_alloc(1), 1);
}

void jq_mock_expect_increasing(struct kunit *test, const u64 *order, int n)
{
	int i;

	for (i = 1; i < min(n, JQ_MOCK_MAX_ORDER); i++)
		KUNIT_EXPECT_LT_MSG(test, order[i - 1], order[i], "out of order at %d", i);
}

bool jq_mock_wait_fences_alive(unsigned long expected, long timeout)
{
	unsigned long deadline = jiffies + timeout;

	/* Finished fences are freed after an RCU grace period. */
	while (jq_fences_alive() != expected) {
		if (time_after(jiffies, deadline))
			return false;
		rcu_barrier();
		msleep(20);
	}
	return true;
}

struct jq_mock_alive {
	struct kunit *test;
	unsigned long baseline;
};

static void jq_mock_check_alive(void *data)
{
	struct jq_mock_alive *alive = data;

	KUNIT_EXPECT_TRUE_MSG(alive->test, jq_mock_wait_fences_alive(alive->baseline, 5 * HZ),
			      "jobqueue fences alive: %lu, at the start of the test: %lu",
			      jq_fences_alive(), alive->baseline);
}

/**
 * jq_mock_test_init - suite .init: check at the very end that no jobqueue fence leaked
 * @test: the test
 *
 * Registered first, so it runs after every other cleanup action of the test.
 *
 * Return: 0, or -ENOMEM (the test then fails before it starts).
 */
int jq_mock_test_init(struct kunit *test)
{
	struct jq_mock_alive *alive = kunit_kzalloc(test, sizeof(*alive), GFP_KERNEL);

	if (!alive)
		return -ENOMEM;
	alive->test = test;
	alive->baseline = jq_fences_alive();
	return kunit_add_action_or_reset(test, jq_mock_check_alive, alive);
}

KUNIT_DEFINE_ACTION_WRAPPER(jq_mock_destroy_wq, destroy_workqueue, struct workqueue_struct *);

/**
 * jq_mock_wq_ordered - an ordered workqueue, destroyed when the test ends
 * @test: the test
 *
 * One work item at a time, in queueing order: with a gate (jq_mock_gate_close()) in front,
 * nothing queued behind it runs until the test opens the gate.
 *
 * Return: the workqueue; the test fails (assertion) if it cannot be allocated.
 */
struct workqueue_struct *jq_mock_wq_ordered(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("jq_mock_ordered",
							      WQ_MEM_RECLAIM);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_mock_destroy_wq, wq), 0);
	return wq;
}

struct jq_mock_gate {
	struct work_struct work;
	struct completion entered, open;
};

static void jq_mock_gate_fn(struct work_struct *work)
{
	struct jq_mock_gate *gate = container_of(work, struct jq_mock_gate, work);

	complete(&gate->entered);
	/* bounded: a test that fails before opening the gate must not hang the wq */
	wait_for_completion_timeout(&gate->open, JQ_MOCK_WAIT);
}

static void jq_mock_gate_cleanup(void *data)
{
	struct jq_mock_gate *gate = data;

	complete_all(&gate->open);
	flush_work(&gate->work);
}

/**
 * jq_mock_gate_close - hold up an ordered workqueue
 * @test: the test; the gate opens at the latest when it ends
 * @wq: an ordered workqueue (jq_mock_wq_ordered())
 *
 * Queues a work item that waits until jq_mock_gate_open() (or JQ_MOCK_WAIT), and returns
 * once it runs: from then on, work items queued on @wq wait behind it.
 *
 * Return: the gate.
 */
struct jq_mock_gate *jq_mock_gate_close(struct kunit *test, struct workqueue_struct *wq)
{
	struct jq_mock_gate *gate = kunit_kzalloc(test, sizeof(*gate), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, gate);
	INIT_WORK(&gate->work, jq_mock_gate_fn);
	init_completion(&gate->entered);
	init_completion(&gate->open);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_mock_gate_cleanup, gate), 0);
	queue_work(wq, &gate->work);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&gate->entered, JQ_MOCK_WAIT));
	return gate;
}

void jq_mock_gate_open(struct jq_mock_gate *gate)
{
	complete_all(&gate->open);
}

struct workqueue_struct *jq_mock_wq_new(struct kunit *test, unsigned int flags)
{
	struct workqueue_struct *wq = alloc_workqueue("jq_mock", flags | WQ_MEM_RECLAIM, 0);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, jq_mock_destroy_wq, wq), 0);
	return wq;
}
