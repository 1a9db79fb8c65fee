/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mock "hardware" backend for the jobqueue.ko KUnit tests: a mock queue wraps a jq_queue and
 * adds a fake in-order hardware timeline; mock jobs embed a struct jq_job and own a hardware
 * fence that completes from an hrtimer (hardirq) or when the test advances the timeline.
 * See jq_mock.c for how it works.
 */
#ifndef _JQ_MOCK_H_
#define _JQ_MOCK_H_

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <jq/jobqueue.h>

#include "jq_test_hw.h"

/* The most jobs a mock queue records the run, cancel and finish order of. */
#define JQ_MOCK_MAX_ORDER	1024
/* Dependencies a mock job remembers to check "finished not before its dependencies". */
#define JQ_MOCK_MAX_DEPS	2
/* Bounded waits: generous because QEMU runs without KVM. */
#define JQ_MOCK_WAIT		(10 * HZ)

/* What cancel_job does with the in-flight job. */
enum jq_mock_cancel_mode {
	JQ_MOCK_CANCEL_ABORT,		/* signal the hardware fence with -ECANCELED */
	JQ_MOCK_CANCEL_NONE,		/* AGX: cannot abort, the hardware finishes later */
};

/* What timedout_job does with the timed-out job. */
enum jq_mock_timeout_mode {
	JQ_MOCK_TIMEOUT_RESET,		/* signal -ETIMEDOUT, return RESET */
	JQ_MOCK_TIMEOUT_NO_HANG,	/* flag RESET_SKIPPED, return NO_HANG */
	JQ_MOCK_TIMEOUT_NONE,		/* do nothing, return NONE */
	JQ_MOCK_TIMEOUT_COMPLETE,	/* hardware completes during the handler, return NONE */
	JQ_MOCK_TIMEOUT_ENODEV,		/* device gone, return ENODEV */
};

/* What run_job returns. */
enum jq_mock_run_mode {
	JQ_MOCK_RUN_HW,			/* a hardware fence */
	JQ_MOCK_RUN_NULL,		/* NULL: nothing to run */
	JQ_MOCK_RUN_ERR,		/* ERR_PTR(run_err) */
	JQ_MOCK_RUN_FENCE,		/* ext_fence: a fence the test signals */
};

/* Flags of a mock job (bits of jq_mock_job::flags). */
enum {
	JQ_MOCK_JOB_RAN,		/* run_job was called */
	JQ_MOCK_JOB_HW_DONE,		/* hardware fence signalled */
	JQ_MOCK_JOB_TIMEDOUT,		/* timedout_job reset it */
	JQ_MOCK_JOB_RESET_SKIPPED,	/* timedout_job returned NO_HANG */
	JQ_MOCK_JOB_CANCELLED,		/* cancel_job was called */
	JQ_MOCK_JOB_FAST,		/* run_job was called from jq_mock_job_push() */
	JQ_MOCK_JOB_FINISHED,		/* finished fence signalled */
	JQ_MOCK_JOB_EARLY,		/* finished before its hw fence or a dependency */
	JQ_MOCK_JOB_HW_IRQ,		/* hardware fence signalled in hardirq */
	JQ_MOCK_JOB_PREP_EARLY,		/* prepare_job called before dependencies signalled */
	JQ_MOCK_JOB_IN_TDR,		/* finished while its own timedout_job ran */
	JQ_MOCK_JOB_RUN_ENTERED,	/* run_job was entered */
};

struct jq_mock_queue {
	struct kunit *test;
	struct jq_queue *queue;		/* the mock's user reference, NULL once put */
	struct jq_queue *jq;		/* the queue, for ops-side checks; not a reference */
	struct kref ref;		/* the test's, plus one per mock job */
	char name[32];
	u32 credit_limit;

	/* The fake hardware timeline; also the lock of every hardware fence. */
	spinlock_t lock;
	u64 hw_context;
	u64 hw_seqno;
	struct list_head running;	/* in run order */
	ktime_t hw_busy_until;		/* when the last running job ends */
	u32 hw_credits;			/* credits of running jobs */

	/* Behaviour, set by the test before the jobs it concerns run. */
	enum jq_mock_cancel_mode cancel_mode;
	enum jq_mock_timeout_mode timeout_mode;
	struct completion *timeout_gate;	/* timedout_job waits for it */
	bool timeout_entered;
	u64 timeout_seqno;		/* the job timedout_job runs for, 0 if none */
	struct task_struct *pusher;	/* inside jq_mock_job_push() */
	struct list_head jobs;		/* jobs whose jq_job_init reference the test holds */

	/* Counters and orders, readable by the test at any time. */
	atomic_t created, runs, frees, cancels, timeouts, prepares, finished;
	atomic_t frees_entered;		/* free_job calls entered (frees: returned) */
	atomic_t violations;		/* broken op contract, see jq_mock_note_op() */
	atomic_t op_busy;
	atomic_t free_in_atomic;
	struct task_struct *completer;	/* inside jq_mock_advance() or _job_complete() */
	atomic_t finished_in_hw_cb;	/* finished fences signalled inside those */
	atomic_t credit_overflow;
	atomic_t ops, signalling_ops;	/* ops called, and in a signalling section */
	atomic_t nr_run_order, nr_cancel_order, nr_finish_order, nr_timeout_order;
	u64 run_order[JQ_MOCK_MAX_ORDER];
	u64 cancel_order[JQ_MOCK_MAX_ORDER];
	u64 finish_order[JQ_MOCK_MAX_ORDER];
	u64 timeout_order[JQ_MOCK_MAX_ORDER];
	wait_queue_head_t wait;
};

struct jq_mock_job {
	struct jq_job base;
	struct jq_mock_queue *mq;	/* holds a mock queue reference */
	struct dma_fence *hw_fence;	/* a jq_test_fence, allocated at creation, run_job inits */
	struct list_head hw_link;	/* on mq->running while the hardware runs it */
	struct list_head test_link;	/* on mq->jobs while test_ref */
	bool hw_inited;
	struct hrtimer timer;
	unsigned int duration_us;	/* 0: completes only on advance or complete */
	u32 credits;
	bool test_ref;			/* the test still holds the jq_job_init reference */
	bool armed;

	enum jq_mock_run_mode run_mode;
	int run_err;
	struct dma_fence *ext_fence;	/* JQ_MOCK_RUN_FENCE; the test's reference */
	struct completion *run_gate;	/* run_job waits for it (bounded) */
	struct completion *free_gate;	/* free_job waits for it (bounded) */
	bool alloc_in_run;		/* run_job pretends to allocate (negative control) */
	int dep_error;			/* jq_job_dependency_error() seen by run_job */
	struct dma_fence *prepare_fence;	/* returned once by prepare_job */
	struct dma_fence *deps[JQ_MOCK_MAX_DEPS];	/* our references, for checks */
	unsigned int nr_deps;

	unsigned long flags;
	unsigned long run_jiffies, timeout_jiffies;
	u64 seqno;			/* of the finished fence, once armed */
	int finished_error;
	struct dma_fence_cb finished_cb;
	struct dma_fence_cb user_cb;	/* free for the test's use */
};

/* Queues */
struct jq_mock_queue *jq_mock_queue_new(struct kunit *test, u32 credit_limit, long timeout,
					unsigned long flags);
struct jq_mock_queue *jq_mock_queue_new_wq(struct kunit *test, u32 credit_limit,
					   long timeout, unsigned long flags,
					   struct workqueue_struct *wq);
struct jq_mock_queue *jq_mock_queue_new_pipeline(struct kunit *test, u32 credit_limit,
						 long timeout, unsigned long flags,
						 const void *pipeline);
struct jq_mock_queue *jq_mock_queue_new_cleanup(struct kunit *test, u32 credit_limit,
						struct workqueue_struct *cleanup_wq);
void jq_mock_queue_put(struct jq_mock_queue *mq);
unsigned int jq_mock_advance(struct jq_mock_queue *mq, unsigned int n);
unsigned int jq_mock_hw_running(struct jq_mock_queue *mq);
bool jq_mock_wait_count(struct jq_mock_queue *mq, atomic_t *counter, int n, long timeout);

/* Jobs */
struct jq_mock_job *jq_mock_job_try_new(struct jq_mock_queue *mq, struct jq_queue *queue,
					u32 credits, unsigned int duration_us, int *err);
struct jq_mock_job *jq_mock_job_new(struct jq_mock_queue *mq, u32 credits,
				    unsigned int duration_us);
void jq_mock_job_set_prepare(struct jq_mock_job *job, struct dma_fence *fence);
void jq_mock_job_add_dep(struct jq_mock_job *job, struct dma_fence *fence);
void jq_mock_job_arm(struct jq_mock_job *job);
void jq_mock_job_push(struct jq_mock_job *job);
void jq_mock_job_submit(struct jq_mock_job *job);
void jq_mock_job_release(struct jq_mock_job *job);
bool jq_mock_job_complete(struct jq_mock_job *job, int error);
struct dma_fence *jq_mock_job_finished(struct jq_mock_job *job);
bool jq_mock_job_wait_finished(struct jq_mock_job *job, long timeout);
bool jq_mock_job_wait_ran(struct jq_mock_job *job, long timeout);
bool jq_mock_job_is_finished(struct jq_mock_job *job);

/* Fences the test controls (dependencies, prepare fences) */
struct dma_fence *jq_mock_fence_new(struct kunit *test, spinlock_t *lock);
struct dma_fence *jq_mock_fence_new_ctx(struct kunit *test, spinlock_t *lock, u64 context,
					u64 seqno);
ktime_t jq_mock_hw_deadline(struct jq_mock_job *job);

/* Workqueues the test controls: an ordered one, and a gate that holds it up */
struct jq_mock_gate;
struct workqueue_struct *jq_mock_wq_ordered(struct kunit *test);
struct jq_mock_gate *jq_mock_gate_close(struct kunit *test, struct workqueue_struct *wq);
void jq_mock_gate_open(struct jq_mock_gate *gate);

/* Checks */
int jq_mock_test_init(struct kunit *test);
void jq_mock_expect_increasing(struct kunit *test, const u64 *order, int n);
bool jq_mock_wait_fences_alive(unsigned long expected, long timeout);
struct workqueue_struct *jq_mock_wq_new(struct kunit *test, unsigned int flags);

#endif /* _JQ_MOCK_H_ */
