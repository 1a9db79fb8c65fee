// SPDX-License-Identifier: GPL-2.0
/*
 * Signalling and release of jobqueue.ko (the DOC "Locking" in sched/jq_queue.c): bounded
 * signalling in a hardware-fence callback, no finished fence under its own timeout handler
 * even from a signaller already in its loop, credit accounting that cannot overflow, the
 * last job put in every atomic context, and free_job apart from the work item that signals.
 * Each case failed on the code before its fix.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "jq_mock.h"

#define JQ_SIG_JOBS	1000

/*
 * 1000 cancelled jobs behind a running one: the hardware-fence callback that completes the
 * running job (interrupts off, as in hardirq) signals a bounded number of finished fences
 * and leaves the rest to the worker, in order.
 */
static void jq_signal_hw_cb_bounded(struct kunit *test)
{
	struct workqueue_struct *wq = jq_mock_wq_ordered(test);
	struct jq_mock_queue *mq = jq_mock_queue_new_wq(test, 1, MAX_SCHEDULE_TIMEOUT, 0, wq);
	struct jq_mock_job *head = jq_mock_job_new(mq, 1, 0);
	unsigned long irqflags;
	int i;

	mq->cancel_mode = JQ_MOCK_CANCEL_NONE;
	jq_mock_job_submit(head);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(head, JQ_MOCK_WAIT));
	for (i = 0; i < JQ_SIG_JOBS; i++)
		jq_mock_job_submit(jq_mock_job_new(mq, 1, 0));
	jq_mock_queue_put(mq);
	/* the worker's pass cancels all 1000 behind the running head */
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->finished), 0);

	local_irq_save(irqflags);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(head, 0));
	local_irq_restore(irqflags);

	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->finished, JQ_SIG_JOBS + 1,
						   JQ_MOCK_WAIT));
	KUNIT_EXPECT_GE(test, atomic_read(&mq->finished_in_hw_cb), 1);
	KUNIT_EXPECT_LE(test, atomic_read(&mq->finished_in_hw_cb), 32);
	jq_mock_expect_increasing(test, mq->finish_order, JQ_SIG_JOBS + 1);
}

struct jq_sig_defer {
	struct jq_mock_queue *mq;
	struct jq_mock_job *a;
	struct work_struct complete_a;
	struct dma_fence_cb a_finished;
	bool in_cb, resume;
};

static void jq_sig_defer_complete_a(struct work_struct *work)
{
	struct jq_sig_defer *d = container_of(work, struct jq_sig_defer, complete_a);

	jq_test_fence_signal(d->a->ext_fence, 0);
}

/* Inside the signaller's loop, after a's fence: hold the signaller until the test says. */
static void jq_sig_defer_a_finished(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct jq_sig_defer *d = container_of(cb, struct jq_sig_defer, a_finished);
	ktime_t deadline = ktime_add_ms(ktime_get(), 2000);

	WRITE_ONCE(d->in_cb, true);
	/* a fence callback: interrupts off, spin (bounded) */
	while (!READ_ONCE(d->resume) && ktime_before(ktime_get(), deadline))
		cpu_relax();
}

/*
 * A signaller is inside its loop (a finished fence's callback runs) when timedout_job starts
 * for the next job x and x's hardware completes: the signaller must not signal x's finished
 * fence while timedout_job still runs for it (the worker does once the handler returned).
 */
static void jq_signal_not_under_timeout(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_sig_defer *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct jq_mock_job *x;
	struct completion gate;

	KUNIT_ASSERT_NOT_NULL(test, d);
	init_completion(&gate);
	d->mq = mq;
	d->a = jq_mock_job_new(mq, 1, 0);
	d->a->run_mode = JQ_MOCK_RUN_FENCE;
	d->a->ext_fence = jq_mock_fence_new(test, NULL);
	x = jq_mock_job_new(mq, 1, 0);
	mq->timeout_mode = JQ_MOCK_TIMEOUT_NONE;
	mq->timeout_gate = &gate;
	INIT_WORK(&d->complete_a, jq_sig_defer_complete_a);

	jq_mock_job_arm(d->a);
	KUNIT_ASSERT_EQ(test, dma_fence_add_callback(jq_mock_job_finished(d->a), &d->a_finished,
						     jq_sig_defer_a_finished), 0);
	jq_mock_job_push(d->a);
	jq_mock_job_submit(x);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(x, JQ_MOCK_WAIT));

	/* another CPU completes a and, as the signaller, stops in a's callback */
	queue_work(system_unbound_wq, &d->complete_a);
	KUNIT_ASSERT_TRUE(test, wait_event_timeout(mq->wait, READ_ONCE(d->in_cb), HZ) ||
			  READ_ONCE(d->in_cb));
	jq_queue_trigger_timeout(mq->queue);
	KUNIT_ASSERT_TRUE(test, wait_event_timeout(mq->wait, READ_ONCE(mq->timeout_entered),
						   JQ_MOCK_WAIT));
	KUNIT_EXPECT_TRUE(test, jq_mock_job_complete(x, 0));
	WRITE_ONCE(d->resume, true);
	flush_work(&d->complete_a);
	msleep(50);
	KUNIT_EXPECT_FALSE(test, jq_mock_job_is_finished(x));
	complete(&gate);

	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(x, JQ_MOCK_WAIT));
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_IN_TDR, &x->flags));
	KUNIT_EXPECT_EQ(test, mq->timeout_order[0], x->seqno);
	jq_mock_expect_increasing(test, mq->finish_order, 2);
}

/*
 * Credits near U32_MAX: a job holding every credit leaves no room for one more, however
 * the sum would wrap.
 */
static void jq_signal_credits_no_overflow(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, U32_MAX, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *all = jq_mock_job_new(mq, U32_MAX, 0);
	struct jq_mock_job *one = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(all);
	jq_mock_job_submit(one);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(all, JQ_MOCK_WAIT));
	msleep(100);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &one->flags));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_ran(one, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_finished(one, JQ_MOCK_WAIT));
}

/* Wait until the queue dropped its job reference: the test's is then the last one. */
static bool jq_sig_only_test_ref(struct jq_mock_job *job)
{
	unsigned long deadline = jiffies + JQ_MOCK_WAIT;

	while (kref_read(&job->base.refcount) > 1) {
		if (time_after(jiffies, deadline))
			return false;
		msleep(20);
	}
	return true;
}

struct jq_sig_irq_put {
	struct hrtimer timer;
	struct jq_mock_job *job;
	bool in_hardirq;
};

static enum hrtimer_restart jq_sig_irq_put_fn(struct hrtimer *timer)
{
	struct jq_sig_irq_put *p = container_of(timer, struct jq_sig_irq_put, timer);

	p->in_hardirq = in_hardirq();
	jq_mock_job_release(p->job);
	return HRTIMER_NORESTART;
}

enum { JQ_PUT_SPINLOCK, JQ_PUT_RCU, JQ_PUT_IRQS_OFF, JQ_PUT_HARDIRQ, JQ_PUT_NR };

/* a driver lock held around a last put */
static DEFINE_SPINLOCK(jq_sig_driver_lock);

static void jq_sig_last_put(struct kunit *test, struct jq_mock_job *job, int how)
{
	struct jq_sig_irq_put *p;
	unsigned long irqflags;

	switch (how) {
	case JQ_PUT_SPINLOCK:
		spin_lock(&jq_sig_driver_lock);
		jq_mock_job_release(job);
		spin_unlock(&jq_sig_driver_lock);
		break;
	case JQ_PUT_RCU:
		rcu_read_lock();
		jq_mock_job_release(job);
		rcu_read_unlock();
		break;
	case JQ_PUT_IRQS_OFF:
		local_irq_save(irqflags);
		jq_mock_job_release(job);
		local_irq_restore(irqflags);
		break;
	case JQ_PUT_HARDIRQ:
		p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		p->job = job;
		hrtimer_init(&p->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
		p->timer.function = jq_sig_irq_put_fn;
		hrtimer_start(&p->timer, ns_to_ktime(100 * NSEC_PER_USEC), HRTIMER_MODE_REL_HARD);
		while (hrtimer_active(&p->timer))
			msleep(20);
		KUNIT_EXPECT_TRUE(test, p->in_hardirq);
		break;
	}
}

/*
 * R8: the last reference of a job dropped under a spinlock, in an RCU read-side section,
 * with interrupts off and in hardirq: free_job still runs in process context (the mock
 * counts a free_job where it may not sleep, and might_sleep() reports it).
 */
static void jq_signal_atomic_last_put(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *job;
	int how;

	for (how = 0; how < JQ_PUT_NR; how++) {
		job = jq_mock_job_new(mq, 1, 0);
		jq_mock_job_submit(job);
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(job, JQ_MOCK_WAIT));
		KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
		KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(job, JQ_MOCK_WAIT));
		KUNIT_ASSERT_TRUE(test, jq_sig_only_test_ref(job));
		jq_sig_last_put(test, job, how);
		KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, how + 1,
							   JQ_MOCK_WAIT));
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->free_in_atomic), 0);
}

/*
 * free_job runs on the queue's cleanup workqueue (&jq_queue_args.cleanup_wq), both when the
 * queue's put is the last and when the driver's last put from atomic context is deferred:
 * while a gate holds that workqueue up, no job is freed, and once it is flushed every
 * signalled job is. That is what lets a driver know, by destroying its workqueue, that
 * every free_job has returned.
 */
static void jq_signal_free_job_on_cleanup_wq(struct kunit *test)
{
	struct workqueue_struct *cwq = jq_mock_wq_ordered(test);
	struct jq_mock_queue *mq = jq_mock_queue_new_cleanup(test, 2, cwq);
	struct jq_mock_gate *gate = jq_mock_gate_close(test, cwq);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	jq_mock_job_release(a);		/* the queue's put of a is the last one */
	KUNIT_ASSERT_TRUE(test, jq_mock_wait_count(mq, &mq->runs, 2, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 2), 2);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 0);
	jq_mock_gate_open(gate);
	flush_workqueue(cwq);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);

	/* b's last put, with interrupts off, defers its release to the same workqueue */
	KUNIT_ASSERT_TRUE(test, jq_sig_only_test_ref(b));
	gate = jq_mock_gate_close(test, cwq);
	jq_sig_last_put(test, b, JQ_PUT_IRQS_OFF);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 1);
	jq_mock_gate_open(gate);
	flush_workqueue(cwq);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->frees), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&mq->free_in_atomic), 0);
}

/*
 * free_job does not hold up the queue: while one job's free_job blocks, the worker still
 * runs the next job and signals its finished fence (free_job runs in its own work item,
 * outside the signalling path).
 */
static void jq_signal_free_job_apart(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 1, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);
	struct dma_fence *dep_a = jq_mock_fence_new(test, NULL);
	struct dma_fence *dep = jq_mock_fence_new(test, NULL);
	struct completion free_gate;

	init_completion(&free_gate);
	a->free_gate = &free_gate;
	a->run_mode = JQ_MOCK_RUN_NULL;
	b->run_mode = JQ_MOCK_RUN_NULL;
	jq_mock_job_add_dep(a, dep_a);
	jq_mock_job_add_dep(b, dep);
	jq_mock_job_submit(a);
	jq_mock_job_submit(b);
	jq_mock_job_release(a);		/* the queue's put of a is the last one */
	jq_test_fence_signal(dep_a, 0);
	/* a is done at once; its free_job blocks in whichever work item releases it */
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	msleep(50);
	jq_test_fence_signal(dep, 0);
	KUNIT_EXPECT_TRUE(test, jq_mock_job_wait_finished(b, 2 * HZ));
	complete(&free_gate);
	KUNIT_EXPECT_TRUE(test, jq_mock_wait_count(mq, &mq->frees, 1, JQ_MOCK_WAIT));
}

/*
 * A submission gives up its first armed job (jq_job_abort()) after arming a second one:
 * no WARN, the aborted job never runs, its fence signals -ECANCELED before the second's.
 */
static void jq_signal_abort_in_order(struct kunit *test)
{
	struct jq_mock_queue *mq = jq_mock_queue_new(test, 2, MAX_SCHEDULE_TIMEOUT, 0);
	struct jq_mock_job *a = jq_mock_job_new(mq, 1, 0);
	struct jq_mock_job *b = jq_mock_job_new(mq, 1, 0);

	jq_mock_job_arm(a);
	jq_mock_job_arm(b);
	jq_job_abort(&a->base);
	jq_mock_job_push(b);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_ran(b, JQ_MOCK_WAIT));
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(a, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, a->finished_error, -ECANCELED);
	KUNIT_EXPECT_FALSE(test, test_bit(JQ_MOCK_JOB_RAN, &a->flags));
	KUNIT_EXPECT_EQ(test, jq_mock_advance(mq, 1), 1);
	KUNIT_ASSERT_TRUE(test, jq_mock_job_wait_finished(b, JQ_MOCK_WAIT));
	KUNIT_EXPECT_EQ(test, b->finished_error, 0);
	jq_mock_expect_increasing(test, mq->finish_order, 2);
}

static struct kunit_case jq_signal_cases[] = {
	KUNIT_CASE(jq_signal_hw_cb_bounded),
	KUNIT_CASE(jq_signal_not_under_timeout),
	KUNIT_CASE(jq_signal_credits_no_overflow),
	KUNIT_CASE(jq_signal_atomic_last_put),
	KUNIT_CASE(jq_signal_free_job_on_cleanup_wq),
	KUNIT_CASE(jq_signal_free_job_apart),
	KUNIT_CASE(jq_signal_abort_in_order),
	{}
};

static struct kunit_suite jq_signal_suite = {
	.name = "jq_signal",
	.init = jq_mock_test_init,
	.test_cases = jq_signal_cases,
};

kunit_test_suites(&jq_signal_suite);
