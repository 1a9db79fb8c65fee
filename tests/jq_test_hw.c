// SPDX-License-Identifier: GPL-2.0
/*
 * jq_test_hw.ko: the test backend shared by the job queue's test modules.
 */

/**
 * DOC: Test backend
 *
 * The job queue has three mock drivers: the KUnit mock (kunit/jq_mock.c: scripted jobs and
 * an in-order hardware timeline), the stress test (stress/jq_stress.c: random jobs, fences
 * signalled from every context) and the benchmark's null hardware (bench/jq_bench_backend.c:
 * the same jobs for drm_sched and the job queue). Their ops differ (scripted, random, as
 * cheap as possible); what they have in common is here, in one module that needs neither
 * KUnit nor jobqueue.ko (the benchmark loads it on the perf kernel):
 *
 * - &struct jq_test_fence and jq_test_fence_ops: the fence type of hardware, dependency and
 *   prepare fences. Its own lock or a timeline's, the earliest deadline forwarded to it
 *   (``set_deadline``, as the job queue forwards a finished fence's deadline to the hardware
 *   fence) and, optionally, a counter of the owner's live fences, decremented in its release
 *   (the stress test checks at the end of a round that the job queue dropped every fence).
 *   jq_test_fence_create() is the fence a test signals itself (the agx tests', the fence
 *   holder's self-test).
 * - jq_test_bare_fence_ops: the same names for a bare &struct dma_fence, without a release
 *   op, for the benchmark, whose per-job cost must stay what it was: its fences are
 *   initialized with dma_fence_init() and freed by dma_fence_free(), exactly as before.
 * - jq_test_fence_signal() and jq_test_fence_signal_locked(): signal once, with an error;
 *   completion, cancel_job and timedout_job race to end a hardware fence, and only the
 *   first may set the error.
 * - jq_test_op_enter(), jq_test_op_exit() and jq_test_free_context_ok(): the op contract of
 *   Documentation/jobqueue.rst, as the mock and the stress test check it on every op: the
 *   ops of a queue never run concurrently, always in process context; free_job (which may
 *   run concurrently with them, guarantee 6) only where it may sleep.
 *
 * A fence of jq_test_fence_ops calls this module's release, so jq_test_hw.ko must outlive
 * every such fence: its users import its symbols (the module loader pins it while they are
 * loaded) and drain their fences before they unload.
 */

#include <linux/hardirq.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "jq_test_hw.h"

static const char *jq_test_fence_driver_name(struct dma_fence *fence)
{
	return "jq_test_hw";
}

static const char *jq_test_fence_timeline_name(struct dma_fence *fence)
{
	/* static: a fence may outlive the queue or test that made it */
	return "jq-test-hw";
}

static void jq_test_fence_set_deadline(struct dma_fence *fence, ktime_t deadline)
{
	struct jq_test_fence *f = to_jq_test_fence(fence);
	unsigned long flags;

	spin_lock_irqsave(fence->lock, flags);
	if (!f->deadline || ktime_before(deadline, f->deadline))
		f->deadline = deadline;
	spin_unlock_irqrestore(fence->lock, flags);
}

static void jq_test_fence_release(struct dma_fence *fence)
{
	atomic_t *live = to_jq_test_fence(fence)->live;

	if (live)
		atomic_dec(live);
	dma_fence_free(fence);
}

const struct dma_fence_ops jq_test_fence_ops = {
	.get_driver_name = jq_test_fence_driver_name,
	.get_timeline_name = jq_test_fence_timeline_name,
	.set_deadline = jq_test_fence_set_deadline,
	.release = jq_test_fence_release,
};
EXPORT_SYMBOL_NS_GPL(jq_test_fence_ops, JQ_TEST_HW);

const struct dma_fence_ops jq_test_bare_fence_ops = {
	.get_driver_name = jq_test_fence_driver_name,
	.get_timeline_name = jq_test_fence_timeline_name,
};
EXPORT_SYMBOL_NS_GPL(jq_test_bare_fence_ops, JQ_TEST_HW);

/**
 * jq_test_fence_create() - a fence the caller signals: its own lock and fence context
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: the fence (one reference, the caller's; seqno 1), or NULL.
 */
struct dma_fence *jq_test_fence_create(void)
{
	struct jq_test_fence *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	jq_test_fence_init(f, NULL, dma_fence_context_alloc(1), 1, NULL);
	return &f->base;
}
EXPORT_SYMBOL_NS_GPL(jq_test_fence_create, JQ_TEST_HW);

/**
 * jq_test_fence_signal_locked() - signal a fence with @error unless it has signalled
 * @fence: any fence; its lock held by the caller
 * @error: 0, or the negative errno the fence signals with
 *
 * Context: any context, @fence->lock held.
 * Return: true if this call signalled the fence.
 */
bool jq_test_fence_signal_locked(struct dma_fence *fence, int error)
{
	lockdep_assert_held(fence->lock);
	if (test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->flags))
		return false;
	if (error)
		dma_fence_set_error(fence, error);
	dma_fence_signal_locked(fence);
	return true;
}
EXPORT_SYMBOL_NS_GPL(jq_test_fence_signal_locked, JQ_TEST_HW);

/**
 * jq_test_fence_signal() - signal a fence with @error unless it has signalled
 * @fence: any fence
 * @error: 0, or the negative errno the fence signals with
 *
 * Context: any context; takes the fence lock.
 * Return: true if this call signalled the fence.
 */
bool jq_test_fence_signal(struct dma_fence *fence, int error)
{
	unsigned long flags;
	bool won;

	spin_lock_irqsave(fence->lock, flags);
	won = jq_test_fence_signal_locked(fence, error);
	spin_unlock_irqrestore(fence->lock, flags);
	return won;
}
EXPORT_SYMBOL_NS_GPL(jq_test_fence_signal, JQ_TEST_HW);

/**
 * jq_test_fence_deadline() - the earliest deadline set on a test fence
 * @fence: a fence initialized by jq_test_fence_init()
 *
 * Context: any context; takes the fence lock.
 * Return: the deadline, 0 if none was set.
 */
ktime_t jq_test_fence_deadline(struct dma_fence *fence)
{
	unsigned long flags;
	ktime_t deadline;

	spin_lock_irqsave(fence->lock, flags);
	deadline = to_jq_test_fence(fence)->deadline;
	spin_unlock_irqrestore(fence->lock, flags);
	return deadline;
}
EXPORT_SYMBOL_NS_GPL(jq_test_fence_deadline, JQ_TEST_HW);

/**
 * jq_test_op_enter() - check the op contract on entry of a queue op (not free_job)
 * @busy: the queue's count of running ops, the same for every op of the queue
 *
 * Every call must be paired with jq_test_op_exit(), whatever it returned.
 *
 * Context: a driver op of a job queue (run_job, prepare_job, timedout_job, cancel_job).
 * Return: 0, or the JQ_TEST_OP_* breaches of the contract.
 */
unsigned int jq_test_op_enter(atomic_t *busy)
{
	unsigned int breach = 0;

	if (atomic_inc_return(busy) != 1)
		breach |= JQ_TEST_OP_CONCURRENT;
	if (in_interrupt() || irqs_disabled())
		breach |= JQ_TEST_OP_CONTEXT;
	return breach;
}
EXPORT_SYMBOL_NS_GPL(jq_test_op_enter, JQ_TEST_HW);

/**
 * jq_test_op_exit() - leave an op entered with jq_test_op_enter()
 * @busy: the queue's count of running ops
 */
void jq_test_op_exit(atomic_t *busy)
{
	atomic_dec(busy);
}
EXPORT_SYMBOL_NS_GPL(jq_test_op_exit, JQ_TEST_HW);

/**
 * jq_test_free_context_ok() - may free_job run here? (guarantee 6, R8)
 *
 * Return: true in process context, preemptible, interrupts on, outside RCU read-side
 * sections: where free_job may sleep.
 */
bool jq_test_free_context_ok(void)
{
	return in_task() && !irqs_disabled() && preemptible() && !rcu_preempt_depth();
}
EXPORT_SYMBOL_NS_GPL(jq_test_free_context_ok, JQ_TEST_HW);

#if IS_ENABLED(CONFIG_KUNIT)
#include <kunit/test.h>

/* The backend's own checks: what the three users rely on (not built for the perf kernel). */

static void jq_test_hw_signal_once(struct kunit *test)
{
	struct dma_fence *f = jq_test_fence_create();

	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_STREQ(test, f->ops->get_driver_name(f), "jq_test_hw");
	KUNIT_EXPECT_TRUE(test, jq_test_fence_signal(f, -EIO));
	KUNIT_EXPECT_FALSE(test, jq_test_fence_signal(f, -ETIMEDOUT));
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(f));
	KUNIT_EXPECT_EQ(test, f->error, -EIO);
	dma_fence_put(f);
}

static void jq_test_hw_deadline(struct kunit *test)
{
	struct dma_fence *f = jq_test_fence_create();
	ktime_t now = ktime_get();

	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_EQ(test, jq_test_fence_deadline(f), 0);
	dma_fence_set_deadline(f, ktime_add_ms(now, 20));
	dma_fence_set_deadline(f, ktime_add_ms(now, 10));
	dma_fence_set_deadline(f, ktime_add_ms(now, 30));
	KUNIT_EXPECT_EQ(test, jq_test_fence_deadline(f), ktime_add_ms(now, 10));
	jq_test_fence_signal(f, 0);
	dma_fence_put(f);
}

static void jq_test_hw_live_count(struct kunit *test)
{
	struct jq_test_fence *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct jq_test_fence *b = kzalloc(sizeof(*b), GFP_KERNEL);
	atomic_t live = ATOMIC_INIT(0);
	u64 context = dma_fence_context_alloc(1);
	spinlock_t lock;	/* the timeline's fence lock */

	if (!a || !b) {
		kfree(a);
		kfree(b);
		KUNIT_FAIL(test, "no memory");
		return;
	}
	/* two fences on one timeline, with its shared lock */
	spin_lock_init(&lock);
	jq_test_fence_init(a, &lock, context, 1, &live);
	jq_test_fence_init(b, &lock, context, 2, &live);
	KUNIT_EXPECT_PTR_EQ(test, a->base.lock, &lock);
	KUNIT_EXPECT_EQ(test, atomic_read(&live), 2);
	jq_test_fence_signal(&a->base, 0);
	jq_test_fence_signal(&b->base, 0);
	dma_fence_put(&a->base);
	KUNIT_EXPECT_EQ(test, atomic_read(&live), 1);
	dma_fence_put(&b->base);
	KUNIT_EXPECT_EQ(test, atomic_read(&live), 0);
}

static void jq_test_hw_op_contract(struct kunit *test)
{
	atomic_t busy = ATOMIC_INIT(0);
	unsigned long flags;

	KUNIT_EXPECT_EQ(test, jq_test_op_enter(&busy), 0);
	KUNIT_EXPECT_EQ(test, jq_test_op_enter(&busy), JQ_TEST_OP_CONCURRENT);
	jq_test_op_exit(&busy);
	jq_test_op_exit(&busy);
	local_irq_save(flags);
	KUNIT_EXPECT_EQ(test, jq_test_op_enter(&busy), JQ_TEST_OP_CONTEXT);
	KUNIT_EXPECT_FALSE(test, jq_test_free_context_ok());
	local_irq_restore(flags);
	jq_test_op_exit(&busy);
	KUNIT_EXPECT_TRUE(test, jq_test_free_context_ok());
	rcu_read_lock();
	KUNIT_EXPECT_FALSE(test, jq_test_free_context_ok());
	rcu_read_unlock();
}

static struct kunit_case jq_test_hw_cases[] = {
	KUNIT_CASE(jq_test_hw_signal_once),
	KUNIT_CASE(jq_test_hw_deadline),
	KUNIT_CASE(jq_test_hw_live_count),
	KUNIT_CASE(jq_test_hw_op_contract),
	{}
};

static struct kunit_suite jq_test_hw_suite = {
	.name = "jq_test_hw",
	.test_cases = jq_test_hw_cases,
};

kunit_test_suite(jq_test_hw_suite);
#endif /* CONFIG_KUNIT */

MODULE_DESCRIPTION("Test backend of the job queue's tests: fences and op-contract checks");
MODULE_LICENSE("GPL");
