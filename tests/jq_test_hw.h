/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jq_test_hw.ko: the test backend shared by the job queue's test modules (kunit/jq_mock.c,
 * stress/jq_stress.c, bench/, and the fences other tests signal). See the DOC in
 * tests/jq_test_hw.c.
 */
#ifndef _JQ_TEST_HW_H_
#define _JQ_TEST_HW_H_

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/dma-fence.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>

/**
 * struct jq_test_fence - a fence of the test backend: hardware, dependency or prepare fence
 * @base: the dma_fence; first, so that dma_fence_free() frees the whole object.
 * @lock: the fence lock, unless jq_test_fence_init() was given a shared one.
 * @deadline: the earliest deadline set on the fence (dma_fence_set_deadline()), 0 if none;
 *	written under the fence lock.
 * @live: counter of the owner's live fences, or NULL: incremented at init, decremented when
 *	the fence is released.
 */
struct jq_test_fence {
	struct dma_fence base;
	spinlock_t lock;	/* the fence lock when no shared one is given */
	ktime_t deadline;
	atomic_t *live;
};

/* The ops of &struct jq_test_fence: names, deadline, release (counts @live). */
extern const struct dma_fence_ops jq_test_fence_ops;
/*
 * The ops of a bare &struct dma_fence (bench/: the null hardware's fences): names only and
 * the default release, so that nothing but dma_fence_init() is on a job's path.
 */
extern const struct dma_fence_ops jq_test_bare_fence_ops;

/**
 * jq_test_fence_init() - initialize a test fence (allocated zeroed by the caller)
 * @f: the fence
 * @lock: the fence lock (a timeline's, shared by its fences), or NULL for @f's own
 * @context: the fence context
 * @seqno: the seqno on @context
 * @live: counter of live fences to keep, or NULL
 *
 * Inline and allocation-free: may be called from run_job (R7).
 */
static inline void jq_test_fence_init(struct jq_test_fence *f, spinlock_t *lock, u64 context,
				      u64 seqno, atomic_t *live)
{
	if (!lock) {
		spin_lock_init(&f->lock);
		lock = &f->lock;
	}
	f->live = live;
	if (live)
		atomic_inc(live);
	dma_fence_init(&f->base, &jq_test_fence_ops, lock, context, seqno);
}

/* The test fence of @fence, which must have been initialized by jq_test_fence_init(). */
static inline struct jq_test_fence *to_jq_test_fence(struct dma_fence *fence)
{
	return container_of(fence, struct jq_test_fence, base);
}

struct dma_fence *jq_test_fence_create(void);
bool jq_test_fence_signal_locked(struct dma_fence *fence, int error);
bool jq_test_fence_signal(struct dma_fence *fence, int error);
ktime_t jq_test_fence_deadline(struct dma_fence *fence);

/* Breaches of the op contract, returned by jq_test_op_enter() */
#define JQ_TEST_OP_CONCURRENT	BIT(0)	/* another op of the queue is running */
#define JQ_TEST_OP_CONTEXT	BIT(1)	/* not in process context, or interrupts off */

unsigned int jq_test_op_enter(atomic_t *busy);
void jq_test_op_exit(atomic_t *busy);
bool jq_test_free_context_ok(void);

#endif /* _JQ_TEST_HW_H_ */
