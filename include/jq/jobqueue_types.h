/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Types of the job queue (jobqueue.ko). Functions are in <jq/jobqueue.h>.
 *
 * Fields of struct jq_job and struct jq_queue_ops are visible because a driver embeds the job
 * and supplies the ops; every field of struct jq_job is private to jobqueue.ko unless its
 * comment says otherwise. struct jq_queue is opaque.
 */
#ifndef _JQ_JOBQUEUE_TYPES_H_
#define _JQ_JOBQUEUE_TYPES_H_

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <linux/dma-fence.h>

struct jq_queue;
struct jq_job;
struct jq_fence;

/**
 * enum jq_timeout_status - what the driver's timedout_job op did with a timed-out job
 * @JQ_TIMEOUT_NONE: handled; the job completes normally through its hardware fence, the
 *	timer is re-armed for the next oldest job.
 * @JQ_TIMEOUT_RESET: the driver reset (or will reset) the job and will signal its hardware
 *	fence with an error; the timer is re-armed for the next oldest job.
 * @JQ_TIMEOUT_NO_HANG: the job is still making progress; the timer is re-armed for it.
 * @JQ_TIMEOUT_ENODEV: the device is gone; the queue is killed with -ENODEV and no timer is
 *	re-armed. The driver still signals every hardware fence (R5).
 */
enum jq_timeout_status {
	JQ_TIMEOUT_NONE,
	JQ_TIMEOUT_RESET,
	JQ_TIMEOUT_NO_HANG,
	JQ_TIMEOUT_ENODEV,
};

/**
 * struct jq_queue_ops - driver callbacks of a job queue
 *
 * All ops are called from process context, from the queue's work items on the queue's
 * workqueue (or from jq_job_push() itself on the fast path), never concurrently with each
 * other for the same queue, and with a queue reference held (R3). None of them may allocate
 * with GFP_KERNEL: they are inside the fence signalling critical section (R7).
 */
struct jq_queue_ops {
	/**
	 * @prepare_job: optional. Return a fence (a new reference, consumed by the queue) that
	 * must signal before the job can run, or NULL when the job is ready. Called again once
	 * the returned fence signals, until it returns NULL. Called for the queue's oldest
	 * unrun job only, after its dependencies have signalled.
	 */
	struct dma_fence *(*prepare_job)(struct jq_job *job);

	/**
	 * @run_job: required. Hand the job to the hardware. Return the hardware fence (a new
	 * reference, consumed by the queue; one that has signalled already is put at once and
	 * its error is the job's), NULL when the job has nothing to run (it completes at once),
	 * or an ERR_PTR (the job completes at once with that error). Called exactly once per
	 * job, in seqno order.
	 */
	struct dma_fence *(*run_job)(struct jq_job *job);

	/**
	 * @timedout_job: optional. The oldest in-flight job has not completed within the
	 * queue's timeout. Return what was done, see enum jq_timeout_status. Without this op
	 * a timeout is treated as JQ_TIMEOUT_NO_HANG.
	 */
	enum jq_timeout_status (*timedout_job)(struct jq_job *job);

	/**
	 * @cancel_job: optional. The queue was killed while the job was in flight. The driver
	 * may abort the job and signal its hardware fence with an error, or do nothing (the
	 * hardware fence then signals when the hardware is done). The job is never freed from
	 * here. Called in seqno order.
	 */
	void (*cancel_job)(struct jq_job *job);

	/**
	 * @free_job: required. The last reference to the job was dropped: release the driver's
	 * job (and the structure that embeds the &struct jq_job). Called exactly once per job
	 * initialized with jq_job_init(), in process context; may sleep.
	 */
	void (*free_job)(struct jq_job *job);
};

/**
 * enum jq_queue_flags - per-queue options
 * @JQ_QUEUE_FAST_PATH: jq_job_push() may call @run_job directly when the queue is idle, the
 *	job's dependencies have signalled and credits are free.
 * @JQ_QUEUE_DEP_ERROR_CANCELS: a job one of whose dependencies signalled with an error is not
 *	run; its finished fence signals with that error. Without the flag the job runs and
 *	jq_job_dependency_error() tells @run_job about the error.
 * @JQ_QUEUE_SCHEDULED_FENCE: every job gets a scheduled fence too (jq_job_scheduled_fence()),
 *	which signals once @run_job has handed the job to the hardware (or the job was
 *	cancelled). jq_job_init() then allocates two fences instead of one.
 */
enum jq_queue_flags {
	JQ_QUEUE_FAST_PATH = BIT(0),
	JQ_QUEUE_DEP_ERROR_CANCELS = BIT(1),
	JQ_QUEUE_SCHEDULED_FENCE = BIT(2),
};

/**
 * struct jq_queue_args - arguments of jq_queue_create()
 * @ops: the driver's callbacks; must outlive the queue.
 * @name: the queue's name, copied; used as the finished fences' timeline name and in debugfs.
 * @credit_limit: the most credits of jobs in flight at once; at least 1.
 * @timeout: in jiffies, how long the oldest in-flight job may run before @ops->timedout_job;
 *	MAX_SCHEDULE_TIMEOUT for none.
 * @wq: the workqueue the queue's worker and timeout handler run on; must be
 *	WQ_MEM_RECLAIM. NULL selects jobqueue.ko's shared default workqueue (unbound).
 * @cleanup_wq: the workqueue the queue's signalled jobs are released on, so where
 *	@ops->free_job is called from the queue's side (a last jq_job_put() of the driver's
 *	own calls it where it is, or defers it here from atomic context); must be
 *	WQ_MEM_RECLAIM and outlive every job of the queue. NULL selects @wq if the driver
 *	gave one, else jobqueue.ko's per-CPU cleanup workqueue, apart from the workers' pool
 *	(Documentation/jobqueue.rst, the cleanup, says why).
 * @flags: enum jq_queue_flags.
 * @priv: the driver's pointer, returned by jq_queue_priv().
 * @pipeline: NULL, or a cookie naming the in-order hardware ring the queue feeds (compared,
 *	never dereferenced). A job's dependency on the finished fence of a job of another
 *	queue with the same @pipeline only waits for that job's scheduled fence: the ring runs
 *	the two in submission order anyway (drm_sched does the same for jobs of one
 *	scheduler). Takes effect when the other queue has JQ_QUEUE_SCHEDULED_FENCE.
 */
struct jq_queue_args {
	const struct jq_queue_ops *ops;
	const char *name;
	u32 credit_limit;
	long timeout;
	struct workqueue_struct *wq;
	struct workqueue_struct *cleanup_wq;
	unsigned long flags;
	void *priv;
	const void *pipeline;
};

/**
 * struct jq_job - a job, embedded in the driver's job structure
 *
 * Owned by whoever holds references on it (@refcount): the driver from jq_job_init(), the
 * queue from jq_job_push() until the job's finished fence has signalled (R2). When the last
 * reference goes, @free_job of the queue's ops is called. All fields are private to
 * jobqueue.ko.
 */
struct jq_job {
	/* private: */
	/* references on the job; the last put calls ops->free_job */
	struct kref refcount;
	/* the queue, referenced (internal count) from jq_job_init() to the last put (R1) */
	struct jq_queue *queue;
	/* the finished fence; one reference held by the job from init to the last put */
	struct jq_fence *finished;
	/* the scheduled fence (JQ_QUEUE_SCHEDULED_FENCE) or NULL; held like @finished */
	struct jq_fence *scheduled;
	/* the hardware fence returned by run_job, referenced until the job is done */
	struct dma_fence *hw_fence;
	/* dependency fences, one reference each, at most one per fence context */
	struct xarray dependencies;
	/* index of the next dependency the queue waits for */
	unsigned long dep_index;
	/* callback on @hw_fence */
	struct dma_fence_cb cb;
	/* on the queue's pending, in-flight or done list; under the queue lock */
	struct list_head link;
	/* on the queue's push list, from jq_job_push() until it is sorted into pending */
	struct llist_node push_node;
	/* defers the release when the last put happens in atomic context */
	struct work_struct free_work;
	/* jiffies at push, for debugfs (a clock read per job would cost more than it tells) */
	unsigned long submit_jiffies;
	/*
	 * jiffies when the job's timeout started: when it became the oldest in-flight job
	 * not yet timed out (or was re-armed by NO_HANG); under the queue lock
	 */
	unsigned long tdr_start;
	/* credits the job takes while in flight, 1..credit_limit */
	u32 credits;
	/* first dependency error (negative errno) or 0 */
	int dep_error;
	/* error the finished fence signals with (negative errno) or 0; under the queue lock */
	int error;
	/* enum jq_job_status (sched/jq_internal.h); under the queue lock */
	u32 status;
	/* JQ_JOB_F_* bits (sched/jq_internal.h), atomic bitops */
	unsigned long flags;
};

#endif /* _JQ_JOBQUEUE_TYPES_H_ */
