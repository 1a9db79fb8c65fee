/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations of jobqueue.ko: the queue structure, the finished-fence timeline, job
 * flags and states, and the functions the files of sched/ call in each other.
 */
#ifndef _JQ_INTERNAL_H_
#define _JQ_INTERNAL_H_

#include <linux/atomic.h>
#include <linux/dma-fence.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <jq/jobqueue.h>

struct dentry;

/**
 * enum jq_job_flags - bits of &jq_job.flags, changed with atomic bitops
 * @JQ_JOB_F_ARMED: jq_job_arm() ran; the finished fence is initialized.
 * @JQ_JOB_F_PUSHED: jq_job_push() ran; the queue holds a job reference (R2).
 * @JQ_JOB_F_UNARMED_PUSH: pushed without arm (R9); the job is cancelled with -EINVAL.
 * @JQ_JOB_F_CANCEL_OP: ops->cancel_job was called for this job.
 * @JQ_JOB_F_TIMEDOUT: ops->timedout_job returned NONE or RESET for this job; the timer
 *	moves on to the next oldest job.
 * @JQ_JOB_F_PREPARED: ops->prepare_job returned NULL; it is not called again while the job
 *	waits for credits.
 * @JQ_JOB_F_ABANDONED: jq_job_abort(), or the last reference of an armed, unpushed job was
 *	dropped (R9): the queue took the job over to cancel it (-ECANCELED) in seqno order.
 */
enum jq_job_flags {
	JQ_JOB_F_ARMED,
	JQ_JOB_F_PUSHED,
	JQ_JOB_F_UNARMED_PUSH,
	JQ_JOB_F_CANCEL_OP,
	JQ_JOB_F_TIMEDOUT,
	JQ_JOB_F_PREPARED,
	JQ_JOB_F_ABANDONED,
};

/**
 * enum jq_tdr_off - why the timeout timer of a queue is off, bits of &jq_queue.tdr_off
 * @JQ_TDR_OFF_STOPPED: jq_queue_stop() (GPU reset), until jq_queue_start().
 * @JQ_TDR_OFF_SUSPENDED: jq_queue_suspend_timeout(), until jq_queue_resume_timeout().
 * @JQ_TDR_OFF_ENODEV: timedout_job returned JQ_TIMEOUT_ENODEV; for good.
 */
enum jq_tdr_off {
	JQ_TDR_OFF_STOPPED = BIT(0),
	JQ_TDR_OFF_SUSPENDED = BIT(1),
	JQ_TDR_OFF_ENODEV = BIT(2),
};

/*
 * The most finished fences one hardware-fence callback signals (it may run in hardirq, with
 * interrupts off); the worker signals the rest, in process context.
 */
#define JQ_SIGNAL_ATOMIC_MAX	32

/*
 * The jobs the worker finishes itself (run_job returned no fence or a signalled one, or it
 * cancelled them) that it lets accumulate before it signals them: one hold of the queue
 * and timeline locks and one cleanup work item per batch instead of per job. The batch
 * also ends with the worker's pass, and when the head job has to wait.
 */
#define JQ_SIGNAL_WORKER_BATCH	16

/*
 * Timeline references a queue buys at once for the fences it arms (&jq_queue.tl_prepaid):
 * one atomic update of the shared count per batch at arm, instead of one per fence.
 */
#define JQ_TIMELINE_PREPAID	64

/*
 * Internal queue references the users buy at once for the jobs they initialize
 * (&jq_queue.ref_prepaid): jq_job_init() then writes no line of the queue that the worker
 * and the cleanup write, but once per batch.
 */
#define JQ_QUEUE_PREPAID	64

/*
 * Take one reference on @ref out of the @prepaid ones, buying @batch at once when none is
 * left (JQ_TIMELINE_PREPAID, JQ_QUEUE_PREPAID): the references' releases write @ref on
 * whichever CPU drops them, the taker writes it once per batch, not once per reference.
 * Concurrent callers each buy their own batch: never one too few. Any context.
 */
static inline void jq_ref_get_prepaid(refcount_t *ref, atomic_t *prepaid, unsigned int batch)
{
	if (atomic_dec_if_positive(prepaid) >= 0)
		return;
	refcount_add(batch, ref);
	atomic_add(batch - 1, prepaid);
}

/**
 * enum jq_job_status - where a job is, in &jq_job.status, under the queue lock
 * @JQ_JOB_NEW: initialized, not pushed.
 * @JQ_JOB_QUEUED: pushed, behind the oldest unrun job.
 * @JQ_JOB_WAIT_DEPS: oldest unrun job, waiting for a dependency.
 * @JQ_JOB_WAIT_PREPARE: oldest unrun job, waiting for a fence returned by prepare_job.
 * @JQ_JOB_WAIT_CREDITS: oldest unrun job, waiting for credits.
 * @JQ_JOB_IN_FLIGHT: run_job was called; waiting for the hardware fence.
 * @JQ_JOB_DONE: hardware fence signalled (or run_job returned no fence); waiting for the
 *	earlier jobs so that the finished fence signals in seqno order.
 * @JQ_JOB_CANCELLED: never run; waiting for the earlier jobs, then signalled with an error.
 * @JQ_JOB_SIGNALLED: on &jq_queue.signalled: finished fence signalled (or being signalled
 *	by the signalling owner); the worker drops the queue's reference.
 */
enum jq_job_status {
	JQ_JOB_NEW,
	JQ_JOB_QUEUED,
	JQ_JOB_WAIT_DEPS,
	JQ_JOB_WAIT_PREPARE,
	JQ_JOB_WAIT_CREDITS,
	JQ_JOB_IN_FLIGHT,
	JQ_JOB_DONE,
	JQ_JOB_CANCELLED,
	JQ_JOB_SIGNALLED,
};

/**
 * struct jq_timeline - what a finished fence needs after its queue is gone (R6)
 * @ref: one reference held by the queue, one by each initialized finished fence.
 * @lock: the fence lock of every finished fence of the queue.
 * @rcu: the timeline is freed after a grace period, like the fences themselves.
 * @pipeline: &jq_queue_args.pipeline of the queue, compared, never dereferenced.
 * @name: the queue's name, the fences' timeline name.
 *
 * Owned jointly by the queue and its fences; freed (after an RCU grace period) when the last
 * of them drops its reference, so the lock and the name stay valid for as long as any fence
 * of the queue lives, long after the queue, the jobs and the driver are gone.
 */
struct jq_timeline {
	struct kref ref;
	spinlock_t lock;	/* the fence lock of the queue's finished fences */
	struct rcu_head rcu;
	const void *pipeline;
	char name[];
};

/**
 * struct jq_fence - the finished (or scheduled) fence of a job
 * @base: the dma_fence; its lock is @tl->lock.
 * @tl: the timeline, referenced from jq_fence_init() until the fence is released.
 * @scheduled: of a finished fence: the job's scheduled fence, referenced, or NULL.
 * @hw: of a finished fence: the job's hardware fence once run_job returned it, borrowed
 *	(the job holds it until after the finished fence signalled); under @tl->lock.
 * @deadline: the earliest deadline set on the fence (JQ_FENCE_FLAG_DEADLINE); under
 *	@tl->lock.
 *
 * Allocated by jq_job_init(), initialized by jq_job_arm(). Holds no pointer into the job or
 * the queue, so it may outlive both (R6). Refcounted through @base; the job holds one
 * reference until its last put.
 */
struct jq_fence {
	struct dma_fence base;
	struct jq_timeline *tl;
	struct dma_fence *scheduled;
	struct dma_fence *hw;
	ktime_t deadline;
};

/* &dma_fence.flags bit: a deadline was set on the fence (&jq_fence.deadline) */
#define JQ_FENCE_FLAG_DEADLINE	DMA_FENCE_FLAG_USER_BITS

/**
 * struct jq_queue - a job queue
 *
 * Lifetime: two counts, like mm_users and mm_count. @users counts the driver's references
 * (jq_queue_create(), jq_queue_get(), jq_queue_put()); when it reaches zero the queue is
 * killed with -ECANCELED and the users' internal references are dropped. @ref is the
 * internal count: held by the users collectively (one, and the @ref_prepaid ones not yet
 * handed out), by each job from jq_job_init() to its last put (R1) and by each running
 * worker (R3). The memory is freed by @free_work when @ref reaches zero.
 *
 * Layout: the fields the submitter writes (at init and arm) are on a cache line of their
 * own, and those a push hands jobs over with start the next one, apart from the
 * read-mostly ones at the top, which every path reads: a submit then moves one line to the
 * other CPU (the push list's), not three. Cold fields fill the lines' ends, so that the
 * structure stays in 512 bytes (kmalloc-512) without debug options.
 *
 * Locking: see the DOC section "Locking" in sched/jq_queue.c.
 */
struct jq_queue {
	/** @users: the driver's references. */
	refcount_t users;
	/** @ops: the driver's callbacks, outlive the queue. */
	const struct jq_queue_ops *ops;
	/** @priv: the driver's pointer. */
	void *priv;
	/** @wq: where @work and @tdr run. */
	struct workqueue_struct *wq;
	/** @cleanup_wq: where @cleanup and deferred job releases run (free_job). */
	struct workqueue_struct *cleanup_wq;
	/** @tl: the fences' timeline; one reference held by the queue. */
	struct jq_timeline *tl;
	/** @context: dma_fence context of the finished fences. */
	u64 context;
	/** @id: unique id, for debugfs. */
	u64 id;
	/** @timeout: in jiffies; MAX_SCHEDULE_TIMEOUT for none. */
	long timeout;
	/** @flags: enum jq_queue_flags. */
	unsigned long flags;
	/** @credit_limit: most credits in flight at once. */
	u32 credit_limit;
	/** @error: kill error (negative), 0 while the queue is alive; written under @lock. */
	int error;
	/* cold, filling the line: */
	/** @free_work: frees the queue once @ref is zero, on the module's workqueue. */
	struct work_struct free_work;

	/** @seqno: last seqno given by jq_job_arm(); the driver serializes arm. */
	atomic64_t seqno ____cacheline_aligned_in_smp;
	/**
	 * @tl_prepaid: references on @tl the queue holds beyond its own, handed to the
	 * fences jq_job_arm() initializes (JQ_TIMELINE_PREPAID); dropped with the queue.
	 */
	atomic_t tl_prepaid;
	/**
	 * @ref_prepaid: references in @ref the users hold beyond their own, handed to the
	 * jobs jq_job_init() initializes (JQ_QUEUE_PREPAID); dropped with the last user
	 * reference, after which no job is initialized.
	 */
	atomic_t ref_prepaid;
	/* cold, filling the line: read by the cleanup once per pass, written by waiters */
	/** @flush_wq: jq_queue_flush() waits here. */
	wait_queue_head_t flush_wq;
	/** @debugfs: the queue's debugfs file, or NULL/ERR_PTR. */
	struct dentry *debugfs;

	/**
	 * @pushed: jobs pushed since @pending was last looked at, newest first; lock-free,
	 * so that a push does not take @lock. Moved to @pending under @lock by whoever needs
	 * @pending whole (jq_pushed_to_pending_locked()).
	 */
	struct llist_head pushed ____cacheline_aligned_in_smp;
	/** @work: the queue's worker: runs jobs, signals finished fences, cancels. */
	struct work_struct work;

	/** @ref: internal reference count. */
	struct kref ref;
	/** @lock: protects the fields below, down to @stopped; irq-safe. */
	spinlock_t lock;
	/** @credits: credits of the jobs in flight. */
	u32 credits;
	/** @nr_pending: jobs on @pending, for the tracepoints. */
	u32 nr_pending;
	/** @pending: pushed jobs not yet run nor cancelled, in seqno order. */
	struct list_head pending;
	/** @inflight: run or cancelled jobs whose finished fence has not signalled. */
	struct list_head inflight;
	/**
	 * @signalled: jobs whose finished fence the signaller signalled (or is signalling),
	 * in seqno order, until the worker drops the queue's references on them (R2).
	 */
	struct list_head signalled;
	/**
	 * @signalling: a signaller (a hardware-fence callback or the worker) owns the
	 * signalling of the head of @inflight; the others only mark their jobs done.
	 */
	bool signalling;
	/**
	 * @defer_signal: timedout_job or cancel_job is running: hardware-fence callbacks
	 * only mark their jobs done, the worker signals them once the op has returned.
	 */
	bool defer_signal;
	/** @next_seqno: seqno of the next job to leave @pending (to run or be cancelled). */
	u64 next_seqno;
	/** @tdr_seqno: seqno of the job the timer watches, 0 if none. */
	u64 tdr_seqno;
	/** @tdr_forced: jq_queue_trigger_timeout() was called. */
	bool tdr_forced;
	/** @tdr_off: enum jq_tdr_off bits: the timer is not armed while any is set. */
	u8 tdr_off;
	/** @stopped: jq_queue_stop(): no run_job until jq_queue_start(). */
	bool stopped;
	/**
	 * @wait_is_dep: @wait_fence is a dependency (borrowed), not a prepare fence (owned);
	 * under @run_lock (here, with the other flags, to pack the structure).
	 */
	bool wait_is_dep;

	/**
	 * @run_lock: serializes the driver ops and the fields below between the worker, the
	 * timeout handler and the fast path of jq_job_push().
	 */
	struct mutex run_lock;
	/** @wait_fence: the fence the oldest unrun job waits for, or NULL. */
	struct dma_fence *wait_fence;
	/** @wait_cb: callback on @wait_fence; it only queues @work. */
	struct dma_fence_cb wait_cb;

	/**
	 * @cleanup: releases signalled jobs (fences, the queue's reference, free_job), apart
	 * from @work so that free_job never holds up the work item that signals fences.
	 */
	struct work_struct cleanup;
	/** @tdr: the timeout handler. */
	struct delayed_work tdr;
};

/* jq_main.c */
extern struct workqueue_struct *jq_wq;
extern struct workqueue_struct *jq_cleanup_wq;

/* jq_fence.c */
struct jq_timeline *jq_timeline_create(const char *name, const void *pipeline);
void jq_timeline_put(struct jq_timeline *tl);
void jq_timeline_put_many(struct jq_timeline *tl, unsigned int count);
struct jq_fence *jq_fence_alloc(void);
void jq_fence_free_unarmed(struct jq_fence *fence);
void jq_fence_init(struct jq_fence *fence, struct jq_timeline *tl, atomic_t *prepaid,
		   u64 context, u64 seqno);
void jq_fence_signal(struct jq_fence *fence, int error);
void jq_fence_signal_locked(struct jq_fence *fence, int error, ktime_t timestamp);
int jq_fences_setup(void);
void jq_fences_teardown(void);
void jq_fence_set_scheduled(struct jq_fence *finished, struct jq_fence *scheduled);
void jq_fence_set_hw(struct jq_fence *finished, struct dma_fence *hw);
struct dma_fence *jq_fence_pipeline_dep(struct dma_fence *fence, const void *pipeline);

/* jq_queue.c */
void jq_queue_put_internal(struct jq_queue *queue);
void jq_queue_get_for_job(struct jq_queue *queue);
void jq_queue_push_job(struct jq_queue *queue, struct jq_job *job);

/* jq_job.c */
void jq_job_drop_fences(struct jq_job *job);
void jq_job_put_process(struct jq_job *job);
bool jq_job_put_keep_queue(struct jq_job *job);
void jq_job_note_dep_error(struct jq_job *job, struct dma_fence *fence);

/* jq_debugfs.c */
void jq_debugfs_init(void);
void jq_debugfs_fini(void);
void jq_debugfs_add(struct jq_queue *queue);
void jq_debugfs_remove(struct jq_queue *queue);

#endif /* _JQ_INTERNAL_H_ */
