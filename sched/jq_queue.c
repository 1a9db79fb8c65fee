// SPDX-License-Identifier: GPL-2.0
/*
 * Job queues: lifetime, the worker that runs jobs and signals their finished fences, kill,
 * flush and timeouts.
 */

/**
 * DOC: Job queue model
 *
 * A queue feeds one firmware ring. It has no thread of its own: one work item (@work of
 * &struct jq_queue) on a shared workqueue does all its scheduling, and a delayed work item
 * (@tdr) handles timeouts. A work item never runs concurrently with itself, so each queue is
 * serialized while different queues run in parallel. 4096 queues cost 4096 small structures
 * and no threads.
 *
 * Jobs move through two lists, both in seqno order:
 *
 * - ``pending``: pushed, not yet run. A push adds the job to a lock-free list first
 *   (``pushed``, an llist: a push takes no lock); whoever looks at ``pending`` moves those
 *   jobs over first, under the queue lock. Without the fast path, only the push that finds
 *   ``pushed`` empty queues the worker: its pass starts after that push and sees every job
 *   pushed until it looks. Only the oldest pending job (the head) makes progress:
 *   the worker waits for its dependencies one by one with a dma_fence callback, then calls
 *   prepare_job until it returns NULL (waiting, again by callback, on each fence it returns),
 *   then takes the job's credits if they fit under the limit, then calls run_job. A later job
 *   never overtakes an earlier one (head-of-line).
 * - ``inflight``: run (or cancelled) jobs whose finished fence has not signalled yet. The
 *   hardware fence's callback marks the job done, gives its credits back and, if the job
 *   is at the head of the list, signals its finished fence there and then, followed by
 *   those of the done jobs right behind it. A job done while an earlier one is still
 *   running only gets marked done: whoever completes the head signals the run of
 *   consecutive done jobs. So finished fences signal in seqno order even when hardware
 *   fences complete out of order, and never before their hardware fence (R5). A finished
 *   fence's timestamp is its hardware fence's (when the job completed, not when its turn
 *   to signal came), and one clock read for a batch of jobs that had none.
 *
 * Jobs the worker finishes itself (cancelled, or done as soon as run_job returned: no
 * hardware fence, or one already signalled) are signalled by the worker in the same way,
 * in process context. One signaller at a time (see the DOC "Locking"). Exceptions: while
 * timedout_job or cancel_job runs, callbacks only mark jobs done and the worker signals
 * them after the op (a job's finished fence never signals under its timeout handler); and
 * the fast path never signals, it leaves done jobs to the worker.
 *
 * A signalled job moves to a third list, ``signalled``. A second work item of the queue, the
 * cleanup worker (@cleanup), takes it from there and drops the job's fences and the
 * queue's job reference (R2), in process context, outside run_lock and the signalling
 * section; the last job reference calls free_job. That cleanup is on neither the path from
 * a hardware fence to the finished fence nor the work item that runs and signals jobs: a
 * free_job that sleeps or allocates holds up no fence of the queue. The callback queues it
 * when the worker has nothing to do, else the worker queues it at the end of its pass.
 *
 * Nothing blocks: a worker that cannot make progress returns, and is queued again by the
 * callback of the fence it waits for, or by the hardware-fence callback that gives credits
 * back. There is no polling timer and no busy loop.
 *
 * Kill (jq_queue_kill(), and the last jq_queue_put()) only records the error, stops the
 * timer and queues the worker. The worker then hands each in-flight job to cancel_job, in
 * seqno order, and cancels pending jobs as they reach the head: still after their
 * dependencies have signalled, so a cancelled job's finished fence never signals before its
 * dependencies, and in seqno order after the in-flight jobs' fences. In-flight jobs finish
 * when their hardware fences signal.
 */

/**
 * DOC: Locking
 *
 * Locks, outermost first:
 *
 * 1. &jq_queue.run_lock (mutex): serializes calls of the driver ops for one queue between the
 *    worker, the timeout handler and the fast path of jq_job_push(), and protects the wait
 *    fence state. The fast path only trylocks it, because the driver may call jq_job_push()
 *    with its submission lock held while the worker holds run_lock and waits for that lock
 *    inside run_job. The signalling section (dma_fence_begin_signalling()) nests inside it.
 * 2. fence locks (of dependency, prepare and hardware fences): our callbacks run under
 *    them. The hardware-fence callback signals finished fences, so a hardware fence lock
 *    nests outside the timeline lock (hardware fence lock -> &jq_timeline.lock).
 * 3. &jq_timeline.lock, the fence lock of all the queue's finished fences: taken by the
 *    dma_fence core when we signal (or add a callback to, or test) a finished fence, and by
 *    the signaller around a batch of consecutive fences, never with the queue lock held.
 *    Callbacks on finished fences run under it, and jobqueue.ko's own (the dependency
 *    callback of another job) only queue a work item.
 * 4. &jq_queue.lock (spinlock, irq-safe): the lists (but ``pushed``, an llist that a push
 *    adds to without it, and that is emptied only under it), the credits, the kill error,
 *    job status, the signalling owner. Innermost: while holding it we never call a driver op,
 *    never add a fence callback and never signal a fence; we only queue work items
 *    (queue_work(), mod_delayed_work() and cancel_delayed_work() do not sleep). The
 *    signaller drops it before it signals and takes it again afterwards.
 *
 * So the order is hardware fence lock -> queue lock, and hardware fence lock -> timeline
 * lock, with the queue lock and the timeline lock never held together. A driver must not
 * return a finished fence of jobqueue.ko as a hardware fence (its callback would signal a
 * finished fence under another timeline lock).
 *
 * Signalling: &jq_queue.signalling, under the queue lock, names one owner at a time (a
 * hardware-fence callback, or the worker). The owner moves the finished jobs at the head of
 * ``inflight`` to ``signalled`` (status SIGNALLED), drops the queue lock, signals their
 * fences in that order, takes the lock again and looks at the head again; it clears the
 * flag only when the head is not finished, under the lock. A completion on another CPU
 * meanwhile marks its job done and leaves: the owner's re-check signals it, so concurrent
 * callbacks never signal out of order. The worker leaves ``signalled`` alone while there is
 * an owner (the owner queues it again when done): the jobs being signalled, and the queue
 * they hold (R1), cannot be freed under the owner. While timedout_job or cancel_job runs
 * (&jq_queue.defer_signal, set and cleared under run_lock), nobody takes ownership: the
 * callbacks queue the worker, which signals once the op has returned.
 *
 * Callbacks run under a fence lock, possibly in hardirq (R8). The dependency and prepare
 * callback only queues the worker. The hardware-fence callback takes the queue lock (fence
 * lock -> queue lock, the order above), marks the job done, signals what it may as above
 * (not sleeping, freeing or putting anything), re-arms the timer for the next oldest job
 * and queues the worker while still holding the queue lock, so the worker cannot free the
 * job and the queue under it.
 * Callbacks never add a callback on another fence: the next dependency is waited for by the
 * worker, in process context (this avoids the deadlock fixed in drm_sched by 487df8b69834).
 * Before forgetting a fence it had a callback on, the worker calls
 * dma_fence_remove_callback(), which takes the fence lock and so waits for a callback
 * running on another CPU to return.
 */

/**
 * DOC: Coding conventions in this file
 *
 * - ``q`` is a queue, ``job`` a job; functions ending in ``_locked`` need &jq_queue.lock,
 *   functions taking ``run`` in their DOC need &jq_queue.run_lock (both asserted with
 *   lockdep).
 * - Every function that may run a driver op is called with run_lock held, inside the
 *   signalling section, and never with the queue lock.
 * - Work items take an internal queue reference with kref_get_unless_zero() first (R3).
 * - Job references: the driver's, from jq_job_init(); the queue's (R2), from jq_job_push()
 *   until the worker takes the job off ``signalled``, after its finished fence signalled.
 *   A job on a list of the queue is always covered by the queue's reference.
 */

#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <kunit/visibility.h>
#include <jq/jobqueue_test.h>

#include "jq_internal.h"
#include "jq_trace.h"

static atomic64_t jq_next_id = ATOMIC64_INIT(0);

static void jq_queue_work(struct work_struct *work);
static void jq_queue_cleanup_work(struct work_struct *work);
static void jq_queue_tdr_work(struct work_struct *work);
static void jq_queue_free_work(struct work_struct *work);
static void jq_pushed_to_pending_locked(struct jq_queue *q);

/*
 * R3: a work item takes an internal reference before it touches the queue; it finds the
 * queue dead when its last reference went while the item was already running (the free
 * work item then waits for it in cancel_work_sync()).
 */
static bool jq_worker_get(struct jq_queue *q)
{
#ifdef JQ_BREAK_DEAD_QUEUE	/* negative control: jq_r3_worker_finds_dead_queue must fail */
	kref_get(&q->ref);
	return true;
#else
	return kref_get_unless_zero(&q->ref);
#endif
}

#if IS_ENABLED(CONFIG_KUNIT)
/*
 * Test seam: called by the free work item before it cancels the queue's work items, so a
 * test can make a worker start on a queue whose last reference is gone (R3).
 */
VISIBLE_IF_KUNIT struct jq_test_hooks jq_test_hooks;
EXPORT_SYMBOL_IF_KUNIT(jq_test_hooks);

static void jq_queue_free_hook(struct jq_queue *q)
{
	void (*hook)(struct jq_queue *queue) = READ_ONCE(jq_test_hooks.free);

	if (hook)
		hook(q);
}
#else
static void jq_queue_free_hook(struct jq_queue *q) { }
#endif

/* Internal references */

static void jq_queue_release(struct kref *ref)
{
	struct jq_queue *q = container_of(ref, struct jq_queue, ref);

	/*
	 * The last reference may go inside the queue's own work items, which the free
	 * function must cancel synchronously: always free from a separate work item.
	 */
	queue_work(jq_wq, &q->free_work);
}

/**
 * jq_queue_put_internal() - drop an internal queue reference
 * @queue: the queue
 *
 * Context: process context; does not sleep (freeing is deferred to a work item).
 */
void jq_queue_put_internal(struct jq_queue *queue)
{
	kref_put(&queue->ref, jq_queue_release);
}

/**
 * jq_queue_get_for_job() - take an internal queue reference for a new job (R1)
 * @queue: the queue; the caller holds a user reference
 *
 * The reference comes out of the users' prepaid ones (&jq_queue.ref_prepaid, see
 * jq_ref_get_prepaid()): the submitter writes &jq_queue.ref once per JQ_QUEUE_PREPAID
 * jobs, not once per job.
 *
 * Context: any context.
 */
void jq_queue_get_for_job(struct jq_queue *queue)
{
	jq_ref_get_prepaid(&queue->ref.refcount, &queue->ref_prepaid, JQ_QUEUE_PREPAID);
}

/* Drop @count internal references at once: the jobs a cleanup pass freed (R1). */
static void jq_queue_put_internal_many(struct jq_queue *q, unsigned int count)
{
	if (count && refcount_sub_and_test(count, &q->ref.refcount))
		jq_queue_release(&q->ref);
}

static void jq_queue_free_work(struct work_struct *work)
{
	struct jq_queue *q = container_of(work, struct jq_queue, free_work);

	/* debugfs removal waits for readers of the file */
	jq_debugfs_remove(q);
	jq_queue_free_hook(q);
	cancel_work_sync(&q->work);
	cancel_work_sync(&q->cleanup);
	cancel_delayed_work_sync(&q->tdr);
	WARN_ON(!list_empty(&q->pending) || !llist_empty(&q->pushed) ||
		!list_empty(&q->inflight) || !list_empty(&q->signalled));
	/* a prepare fence can only be left behind by a bug; do not leak it */
	if (q->wait_fence && !q->wait_is_dep) {
		dma_fence_remove_callback(q->wait_fence, &q->wait_cb);
		dma_fence_put(q->wait_fence);
	}
	mutex_destroy(&q->run_lock);
	/* the queue's reference and the prepaid ones no fence took */
	jq_timeline_put_many(q->tl, atomic_read(&q->tl_prepaid) + 1);
	kfree(q);
}

/* Creation, user references, accessors */

static bool jq_queue_args_valid(const struct jq_queue_args *args)
{
	return args && args->ops && args->ops->run_job && args->ops->free_job &&
	       args->name && args->name[0] && args->credit_limit && args->timeout > 0;
}

static void jq_queue_init_fields(struct jq_queue *q, const struct jq_queue_args *args)
{
	kref_init(&q->ref);
	refcount_set(&q->users, 1);
	q->ops = args->ops;
	q->priv = args->priv;
	q->wq = args->wq ? args->wq : jq_wq;
	q->cleanup_wq = args->cleanup_wq ?: (args->wq ?: jq_cleanup_wq);
	/* finished fences, then scheduled fences (JQ_QUEUE_SCHEDULED_FENCE) */
	q->context = dma_fence_context_alloc(2);
	atomic64_set(&q->seqno, 0);
	atomic_set(&q->tl_prepaid, 0);
	atomic_set(&q->ref_prepaid, 0);
	q->id = atomic64_inc_return(&jq_next_id);
	q->timeout = args->timeout;
	q->flags = args->flags;
	q->credit_limit = args->credit_limit;
	q->next_seqno = 1;
	spin_lock_init(&q->lock);
	INIT_LIST_HEAD(&q->pending);
	init_llist_head(&q->pushed);
	INIT_LIST_HEAD(&q->inflight);
	INIT_LIST_HEAD(&q->signalled);
	mutex_init(&q->run_lock);
	INIT_WORK(&q->work, jq_queue_work);
	INIT_WORK(&q->cleanup, jq_queue_cleanup_work);
	INIT_DELAYED_WORK(&q->tdr, jq_queue_tdr_work);
	INIT_WORK(&q->free_work, jq_queue_free_work);
	init_waitqueue_head(&q->flush_wq);
}

/**
 * jq_queue_create() - create a job queue
 * @args: the queue's ops, name, credit limit, timeout, workqueue, flags and private pointer
 *
 * The queue gets its own dma_fence context and a copy of @args->name. Its worker and
 * timeout handler run on @args->wq, or on jobqueue.ko's shared default workqueue when that
 * is NULL. Its cleanup work items, and so @args->ops->free_job, run on @args->cleanup_wq;
 * when that is NULL, on @args->wq, or on jobqueue.ko's per-CPU cleanup workqueue. A
 * driver-supplied workqueue must be WQ_MEM_RECLAIM (jobs are in the memory-reclaim path)
 * and must outlive the queue, i.e. every job of the queue; this cannot be checked from a
 * module and is the caller's duty. A driver whose free_job is in a module that may be
 * unloaded passes a workqueue of its own for the cleanup: destroying it is how it knows
 * every free_job has returned.
 *
 * Ownership: the caller gets one user reference, dropped with jq_queue_put().
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: the queue, ERR_PTR(-EINVAL) if @args is incomplete (no ops, no run_job or
 * free_job op, no or empty name, credit_limit 0, timeout <= 0 jiffies), or
 * ERR_PTR(-ENOMEM), in which case nothing stays allocated.
 */
struct jq_queue *jq_queue_create(const struct jq_queue_args *args)
{
	struct jq_queue *q;

	if (!jq_queue_args_valid(args))
		return ERR_PTR(-EINVAL);

	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->tl = jq_timeline_create(args->name, args->pipeline);
	if (!q->tl) {
		kfree(q);
		return ERR_PTR(-ENOMEM);
	}
	jq_queue_init_fields(q, args);
	jq_debugfs_add(q);
	return q;
}
EXPORT_SYMBOL_GPL(jq_queue_create);

/**
 * jq_queue_get() - take a user reference on a queue
 * @queue: the queue; the caller already holds a user reference
 *
 * Context: any context.
 * Return: @queue.
 */
struct jq_queue *jq_queue_get(struct jq_queue *queue)
{
	refcount_inc(&queue->users);
	return queue;
}
EXPORT_SYMBOL_GPL(jq_queue_get);

/**
 * jq_queue_put() - drop a user reference on a queue
 * @queue: the queue, or NULL
 *
 * Dropping the last user reference kills the queue with -ECANCELED, exactly like
 * jq_queue_kill(), and drops the users' internal references (their own and the prepaid
 * ones no job took: no job is initialized after this). The memory is freed later, in
 * process context, once every job and worker has dropped its internal reference (R1, R3):
 * in-flight jobs keep the queue alive until their hardware fences signal.
 *
 * Context: process context; returns at once, never waits for hardware, does not sleep.
 */
void jq_queue_put(struct jq_queue *queue)
{
	if (!queue || !refcount_dec_and_test(&queue->users))
		return;
	jq_queue_kill(queue, -ECANCELED);
	jq_queue_put_internal_many(queue, atomic_xchg(&queue->ref_prepaid, 0) + 1);
}
EXPORT_SYMBOL_GPL(jq_queue_put);

/**
 * jq_queue_is_killed() - tell whether a queue was killed
 * @queue: the queue; the caller holds a reference
 *
 * Context: any context.
 * Return: true once jq_queue_kill() (or the last jq_queue_put()) ran.
 */
bool jq_queue_is_killed(struct jq_queue *queue)
{
	return READ_ONCE(queue->error) != 0;
}
EXPORT_SYMBOL_GPL(jq_queue_is_killed);

/**
 * jq_queue_priv() - the driver's private pointer of a queue
 * @queue: the queue; the caller holds a reference
 *
 * Context: any context.
 * Return: &jq_queue_args.priv given at creation.
 */
void *jq_queue_priv(struct jq_queue *queue)
{
	return queue->priv;
}
EXPORT_SYMBOL_GPL(jq_queue_priv);

/**
 * jq_queue_name() - the name of a queue
 * @queue: the queue; the caller holds a reference
 *
 * Context: any context.
 * Return: the queue's copy of its name, valid while the caller holds a reference.
 */
const char *jq_queue_name(struct jq_queue *queue)
{
	return queue->tl->name;
}
EXPORT_SYMBOL_GPL(jq_queue_name);

/* Timeouts: the timer follows the oldest in-flight job */

/**
 * DOC: Timeouts
 *
 * The timer watches one job: the oldest in-flight job not yet timed out. That job's timeout
 * starts when it becomes the watched job (when it is run, or when the job before it
 * completes or times out), so a job queued on the hardware behind a slow one gets its whole
 * timeout once it is at the front, as with drm_sched; its start is &jq_job.tdr_start.
 *
 * The deadline is lazy: a change of the watched job only queues the timer if it is not
 * pending already (every timer already pending fires no later than the new job's
 * deadline). The handler checks the watched job's deadline under the queue lock and, if it
 * has not passed (its predecessor completed while the handler waited for run_lock, say),
 * re-arms the timer for the remainder instead of timing out a job that has just started.
 *
 * jq_queue_trigger_timeout() runs the handler at once for the oldest in-flight job, timed
 * out before or not; nothing pushes a forced run back, neither a change of the oldest job
 * nor a kill.
 *
 * A kill does not stop the timer: an in-flight job of a killed queue whose cancel_job
 * cannot abort it still times out and goes through timedout_job, so that its finished
 * fence (possibly in a dma_resv shared with other drivers) signals in bounded time. The
 * timer is off while the queue is stopped (jq_queue_stop()), while its timeout is
 * suspended (jq_queue_suspend_timeout()), and for good once timedout_job returned
 * JQ_TIMEOUT_ENODEV.
 */

static struct jq_job *jq_oldest_running_locked(struct jq_queue *q, bool any)
{
	struct jq_job *job;

	lockdep_assert_held(&q->lock);
	list_for_each_entry(job, &q->inflight, link) {
		if (job->status != JQ_JOB_IN_FLIGHT)
			continue;
		if (any || !test_bit(JQ_JOB_F_TIMEDOUT, &job->flags))
			return job;
	}
	return NULL;
}

static bool jq_tdr_on_locked(struct jq_queue *q)
{
	lockdep_assert_held(&q->lock);
	return q->timeout != MAX_SCHEDULE_TIMEOUT && !q->tdr_off;
}

/* @job becomes the watched job: its timeout starts now. */
static void jq_tdr_watch_locked(struct jq_queue *q, struct jq_job *job)
{
	lockdep_assert_held(&q->lock);
	q->tdr_seqno = job->finished->base.seqno;
	job->tdr_start = jiffies;
	/* lazy: a pending timer fires earlier, and the handler re-arms for the remainder */
	queue_delayed_work(q->wq, &q->tdr, q->timeout);
}

/*
 * Follow the oldest in-flight job: watch it if it changed, stop the timer when nothing is
 * in flight (unless a forced run is pending).
 */
static void jq_tdr_update_locked(struct jq_queue *q)
{
	struct jq_job *job;

	lockdep_assert_held(&q->lock);
	if (!jq_tdr_on_locked(q))
		return;
	job = jq_oldest_running_locked(q, false);
	if (!job) {
		q->tdr_seqno = 0;
		if (!q->tdr_forced)
			cancel_delayed_work(&q->tdr);
		return;
	}
	if (job->finished->base.seqno != q->tdr_seqno)
		jq_tdr_watch_locked(q, job);
}

static void jq_tdr_update(struct jq_queue *q)
{
	spin_lock_irq(&q->lock);
	jq_tdr_update_locked(q);
	spin_unlock_irq(&q->lock);
}

/*
 * Has the watched job's timeout expired? If not, re-arm the timer for the remainder (the
 * handler runs as the tdr work item, so this queues it again).
 */
static bool jq_tdr_expired_locked(struct jq_queue *q, struct jq_job *job)
{
	long left;

	lockdep_assert_held(&q->lock);
	if (job->finished->base.seqno != q->tdr_seqno) {
		jq_tdr_watch_locked(q, job);
		return false;
	}
	left = (long)(job->tdr_start + q->timeout - jiffies);
	if (left <= 0)
		return true;
	mod_delayed_work(q->wq, &q->tdr, left);
	return false;
}

/*
 * A timedout_job or cancel_job op returned: callbacks may signal again. Those that came
 * during the op queued the worker, which signals their jobs once it gets run_lock.
 */
static void jq_signal_resume(struct jq_queue *q)
{
	spin_lock_irq(&q->lock);
	q->defer_signal = false;
	spin_unlock_irq(&q->lock);
}

static void jq_tdr_apply_status(struct jq_queue *q, struct jq_job *job,
				enum jq_timeout_status status)
{
	spin_lock_irq(&q->lock);
	if (status == JQ_TIMEOUT_ENODEV) {
		q->tdr_off |= JQ_TDR_OFF_ENODEV;
		cancel_delayed_work(&q->tdr);
	} else {
		/* NO_HANG: the same job, a whole timeout again; NONE, RESET: the next one */
		if (status != JQ_TIMEOUT_NO_HANG)
			set_bit(JQ_JOB_F_TIMEDOUT, &job->flags);
		q->tdr_seqno = 0;
		jq_tdr_update_locked(q);
	}
	spin_unlock_irq(&q->lock);
	if (status == JQ_TIMEOUT_ENODEV)
		jq_queue_kill(q, -ENODEV);
}

/* The job to time out, with a reference, or NULL (nothing in flight, or not yet due). */
static struct jq_job *jq_tdr_pick(struct jq_queue *q)
{
	struct jq_job *job = NULL;
	bool forced;

	spin_lock_irq(&q->lock);
	forced = q->tdr_forced;
	q->tdr_forced = false;
	if (!q->stopped && (forced || jq_tdr_on_locked(q)))
		job = jq_oldest_running_locked(q, forced);
	if (job && !forced && !jq_tdr_expired_locked(q, job))
		job = NULL;
	/* the queue's reference (R2) covers the job while it is listed */
	if (job)
		jq_job_get(job);
	/* the job's finished fence does not signal while timedout_job runs */
	q->defer_signal = !!job;
	spin_unlock_irq(&q->lock);
	return job;
}

static void jq_queue_tdr_work(struct work_struct *work)
{
	struct jq_queue *q = container_of(work, struct jq_queue, tdr.work);
	enum jq_timeout_status status = JQ_TIMEOUT_NO_HANG;
	struct jq_job *job;
	bool cookie;

	if (!jq_worker_get(q))
		return;		/* R3: the queue is being freed */

	mutex_lock(&q->run_lock);
	job = jq_tdr_pick(q);
	if (job) {
		cookie = dma_fence_begin_signalling();
		trace_jq_timeout(q, job, 0);
		if (q->ops->timedout_job)
			status = q->ops->timedout_job(job);
		jq_tdr_apply_status(q, job, status);
		jq_signal_resume(q);
		dma_fence_end_signalling(cookie);
	}
	mutex_unlock(&q->run_lock);

	/* held across the op so a racing completion cannot free the job under it */
	if (job)
		jq_job_put_process(job);
	jq_queue_put_internal(q);
}

/**
 * jq_queue_trigger_timeout() - run the timeout handling now
 * @queue: the queue; the caller holds a reference
 *
 * Queues the timeout handler to run at once for the oldest in-flight job, as if its timeout
 * had expired, even if that job timed out before, even on a queue without a timeout, and
 * also on a killed queue: device teardown uses it to force every queue's in-flight job
 * through the driver's reset path. Nothing defers the forced run: neither a kill nor a new
 * oldest job. ops->timedout_job is called from the queue's workqueue; nothing is done when
 * no job is in flight by the time the handler runs, or while the queue is stopped.
 *
 * Context: any context; does not sleep.
 */
void jq_queue_trigger_timeout(struct jq_queue *queue)
{
	unsigned long flags;

	spin_lock_irqsave(&queue->lock, flags);
	queue->tdr_forced = true;
	mod_delayed_work(queue->wq, &queue->tdr, 0);
	spin_unlock_irqrestore(&queue->lock, flags);
}
EXPORT_SYMBOL_GPL(jq_queue_trigger_timeout);

/**
 * jq_queue_suspend_timeout() - stop the timeout clock of a queue
 * @queue: the queue; the caller holds a reference
 *
 * For a queue whose firmware ring is not resident (the firmware does not run it, so its
 * jobs cannot make progress and must not time out), as drm_sched_suspend_timeout(). The
 * clock stays stopped until jq_queue_resume_timeout(). A forced timeout
 * (jq_queue_trigger_timeout()) still runs.
 *
 * Context: any context; does not sleep.
 * Return: the jiffies left of the watched job's timeout, to give back to
 * jq_queue_resume_timeout(); the queue's whole timeout if no job was watched.
 */
long jq_queue_suspend_timeout(struct jq_queue *queue)
{
	struct jq_job *job;
	unsigned long flags;
	long left = queue->timeout;

	spin_lock_irqsave(&queue->lock, flags);
	job = jq_tdr_on_locked(queue) ? jq_oldest_running_locked(queue, false) : NULL;
	if (job && job->finished->base.seqno == queue->tdr_seqno)
		left = clamp_t(long, (long)(job->tdr_start + queue->timeout - jiffies), 1,
			       queue->timeout);
	queue->tdr_off |= JQ_TDR_OFF_SUSPENDED;
	if (!queue->tdr_forced)
		cancel_delayed_work(&queue->tdr);
	spin_unlock_irqrestore(&queue->lock, flags);
	return left;
}
EXPORT_SYMBOL_GPL(jq_queue_suspend_timeout);

/**
 * jq_queue_resume_timeout() - restart the timeout clock of a queue
 * @queue: the queue; the caller holds a reference
 * @remaining: in jiffies, what the oldest in-flight job has left of its timeout, as
 *	returned by jq_queue_suspend_timeout(); clamped to 1..the queue's timeout
 *
 * Context: any context; does not sleep.
 */
void jq_queue_resume_timeout(struct jq_queue *queue, long remaining)
{
	struct jq_job *job;
	unsigned long flags;

	spin_lock_irqsave(&queue->lock, flags);
	queue->tdr_off &= ~JQ_TDR_OFF_SUSPENDED;
	job = jq_tdr_on_locked(queue) ? jq_oldest_running_locked(queue, false) : NULL;
	if (job) {
		remaining = clamp_t(long, remaining, 1, queue->timeout);
		queue->tdr_seqno = job->finished->base.seqno;
		job->tdr_start = jiffies + remaining - queue->timeout;
		mod_delayed_work(queue->wq, &queue->tdr, remaining);
	}
	spin_unlock_irqrestore(&queue->lock, flags);
}
EXPORT_SYMBOL_GPL(jq_queue_resume_timeout);

/* Stop and start, for a GPU reset */

/**
 * jq_queue_stop() - stop running jobs on a queue
 * @queue: the queue; the caller holds a reference
 *
 * For a GPU or firmware reset, as drm_sched_wqueue_stop() plus the timer part of
 * drm_sched_stop(): after the call no ops->run_job or ops->prepare_job is called and no
 * timeout is handled until jq_queue_start(). Jobs in flight stay in flight: their hardware
 * fences still complete them, and resubmitting them to the hardware after the reset is the
 * driver's business (the queue does not call run_job again for them). A kill still cancels
 * pending jobs. Idempotent.
 *
 * Context: process context; may sleep: waits for an op running on the queue's worker or
 * timeout handler, so it must not be called with a lock those ops take. From inside an op of
 * the same queue (timedout_job, say), use jq_queue_stop_nowait(): the caller is the op.
 */
void jq_queue_stop(struct jq_queue *queue)
{
	jq_queue_stop_nowait(queue);
	/* run_lock is held around every op: once we had it, none is running */
	mutex_lock(&queue->run_lock);
	mutex_unlock(&queue->run_lock);
}
EXPORT_SYMBOL_GPL(jq_queue_stop);

/**
 * jq_queue_stop_nowait() - stop running jobs on a queue, from one of its ops
 * @queue: the queue; the caller holds a reference
 *
 * jq_queue_stop() without waiting for the op in progress: for a caller that is that op
 * (timedout_job starting a reset), or that cannot sleep. No op starts after the call.
 *
 * Context: any context; does not sleep.
 */
void jq_queue_stop_nowait(struct jq_queue *queue)
{
	unsigned long flags;

	spin_lock_irqsave(&queue->lock, flags);
	WRITE_ONCE(queue->stopped, true);
	queue->tdr_off |= JQ_TDR_OFF_STOPPED;
	if (!queue->tdr_forced)
		cancel_delayed_work(&queue->tdr);
	spin_unlock_irqrestore(&queue->lock, flags);
}
EXPORT_SYMBOL_GPL(jq_queue_stop_nowait);

/**
 * jq_queue_start() - let a stopped queue run jobs again
 * @queue: the queue; the caller holds a reference
 *
 * Undoes jq_queue_stop(): the worker runs the pending jobs again and the oldest in-flight
 * job gets a whole timeout from now (as drm_sched_start() re-arms it).
 *
 * Context: any context; does not sleep.
 */
void jq_queue_start(struct jq_queue *queue)
{
	unsigned long flags;

	spin_lock_irqsave(&queue->lock, flags);
	WRITE_ONCE(queue->stopped, false);
	queue->tdr_off &= ~JQ_TDR_OFF_STOPPED;
	queue->tdr_seqno = 0;
	jq_tdr_update_locked(queue);
	queue_work(queue->wq, &queue->work);
	spin_unlock_irqrestore(&queue->lock, flags);
}
EXPORT_SYMBOL_GPL(jq_queue_start);

/* Kill and flush */

/**
 * jq_queue_kill() - stop a queue
 * @queue: the queue; the caller holds a reference
 * @error: negative errno the cancelled jobs' finished fences signal with; 0 means
 *	-ECANCELED; a positive value is a bug (WARN) and is negated
 *
 * Idempotent: the first error wins. After it, jq_job_init() on the queue fails with -ENODEV;
 * jobs not yet run (waiting for dependencies, prepare fences or credits, or pushed later)
 * are cancelled by the worker: their finished fences signal with @error, in seqno order and
 * never before their own dependencies have signalled. In-flight jobs are handed to
 * ops->cancel_job (if any) in seqno order, and their finished fences signal when their
 * hardware fences do, with the hardware fence's error. The timeout timer keeps running for
 * them, and a pending jq_queue_trigger_timeout() still runs: a hung job that cancel_job
 * cannot abort still reaches ops->timedout_job.
 *
 * Context: any process context, including with the driver's locks (even spinlocks) held;
 * returns at once, never sleeps, never waits for hardware. The driver ops are called later,
 * from the worker.
 */
void jq_queue_kill(struct jq_queue *queue, int error)
{
	unsigned long flags;

	if (WARN_ON(error > 0))
		error = -error;
	if (!error)
		error = -ECANCELED;

	spin_lock_irqsave(&queue->lock, flags);
	if (!queue->error)
		WRITE_ONCE(queue->error, error);
	/* the timer goes on: in-flight jobs still time out (DOC "Timeouts") */
	queue_work(queue->wq, &queue->work);
	spin_unlock_irqrestore(&queue->lock, flags);
}
EXPORT_SYMBOL_GPL(jq_queue_kill);

static struct dma_fence *jq_queue_last_fence(struct jq_queue *q)
{
	struct dma_fence *fence = NULL;
	struct jq_job *job;

	spin_lock_irq(&q->lock);
	jq_pushed_to_pending_locked(q);
	if (!list_empty(&q->pending))
		job = list_last_entry(&q->pending, struct jq_job, link);
	else if (!list_empty(&q->inflight))
		job = list_last_entry(&q->inflight, struct jq_job, link);
	else if (!list_empty(&q->signalled))
		job = list_last_entry(&q->signalled, struct jq_job, link);
	else
		job = NULL;
	if (job)
		fence = dma_fence_get(&job->finished->base);
	spin_unlock_irq(&q->lock);
	return fence;
}

/**
 * jq_queue_flush() - wait for the jobs pushed so far
 * @queue: the queue; the caller holds a reference
 * @timeout: the longest wait, in jiffies (MAX_SCHEDULE_TIMEOUT: no limit)
 *
 * Waits until the finished fence of every job pushed before the call has signalled. Since
 * finished fences signal in seqno order, this is a wait on the last pushed job's fence.
 * Only fatal signals interrupt the wait.
 *
 * Context: process context, may sleep; no queue lock held.
 * Return: the remaining jiffies (at least 1) once everything signalled, 0 on timeout,
 * -ERESTARTSYS if a fatal signal interrupted the wait.
 */
long jq_queue_flush(struct jq_queue *queue, long timeout)
{
	struct dma_fence *fence;
	long ret;

	might_sleep();
	fence = jq_queue_last_fence(queue);
	if (!fence)
		return timeout > 0 ? timeout : 1;
	ret = wait_event_killable_timeout(queue->flush_wq, dma_fence_is_signaled(fence),
					  timeout);
	dma_fence_put(fence);
	return ret;
}
EXPORT_SYMBOL_GPL(jq_queue_flush);

/* The signaller, and the fence callbacks (irq-safe, R8) */

static void jq_wait_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct jq_queue *q = container_of(cb, struct jq_queue, wait_cb);

	/* the oldest pending job keeps q alive; the worker syncs on the fence lock */
	queue_work(q->wq, &q->work);
}

static bool jq_job_finished_locked(struct jq_job *job)
{
	return job->status == JQ_JOB_DONE || job->status == JQ_JOB_CANCELLED;
}

static bool jq_head_finished_locked(struct jq_queue *q)
{
	struct jq_job *job = list_first_entry_or_null(&q->inflight, struct jq_job, link);

	lockdep_assert_held(&q->lock);
	return job && jq_job_finished_locked(job);
}

/* Move up to @budget finished jobs from the head of @inflight to @signalled. */
static struct jq_job *jq_take_finished_locked(struct jq_queue *q, unsigned int *budget)
{
	struct jq_job *job, *first = NULL;

	lockdep_assert_held(&q->lock);
	while (*budget && jq_head_finished_locked(q)) {
		job = list_first_entry(&q->inflight, struct jq_job, link);
		list_move_tail(&job->link, &q->signalled);
		job->status = JQ_JOB_SIGNALLED;
		if (!first)
			first = job;
		(*budget)--;
	}
	return first;
}

/*
 * The time a finished fence signals with: its hardware fence's, when the job ran to
 * completion on a hardware fence (the time the job completed, and no clock read on the
 * path from the hardware fence to the finished fence); else, for jobs done at once or
 * cancelled, one clock read (*@now, read at the first need) for the whole batch.
 */
static ktime_t jq_signal_time(struct jq_job *job, ktime_t *now)
{
	struct dma_fence *hw = job->hw_fence;

	if (hw && test_bit(DMA_FENCE_FLAG_TIMESTAMP_BIT, &hw->flags)) {
		smp_rmb();	/* the timestamp was written before the bit was set */
		return hw->timestamp;
	}
	if (!*now)
		*now = ktime_get();
	return *now;
}

/*
 * Signal @first..the tail of @signalled: the owner's batch, stable while it owns it. All
 * the queue's fences share the timeline lock: one hold of it for the whole batch.
 */
static void jq_signal_batch(struct jq_queue *q, struct jq_job *first)
{
	struct jq_job *job = first;
	unsigned long flags;
	ktime_t now = 0, t;

	spin_lock_irqsave(&q->tl->lock, flags);
	list_for_each_entry_from(job, &q->signalled, link) {
		t = jq_signal_time(job, &now);
		/* a cancelled job was never scheduled: its scheduled fence goes first */
		if (job->scheduled)
			jq_fence_signal_locked(job->scheduled, 0, t);
		jq_fence_signal_locked(job->finished, job->error, t);
		trace_jq_finished(q, job, job->error);
	}
	spin_unlock_irqrestore(&q->tl->lock, flags);
}

/*
 * The signaller: signal the finished fences of the finished jobs at the head of the
 * in-flight list, in seqno order (R5), at most @budget of them. Called with the queue lock
 * held, taken with spin_lock_irqsave() into *@flags; drops it around the signalling and
 * returns with it held.
 *
 * One caller at a time owns the signalling (&jq_queue.signalling): a caller that finds an
 * owner returns at once, its job already marked done, and the owner looks at the head of
 * the list again under the lock before it gives up ownership, so it signals that job too.
 * The owner stops before a batch when a timedout_job or cancel_job op started meanwhile
 * (&jq_queue.defer_signal): the job that op handles may be the next one. The jobs being
 * signalled are on &jq_queue.signalled, which only the owner appends to and which the
 * cleanup worker does not touch while there is an owner: they (and, through them, the
 * queue, R1) stay alive until the owner has cleared the flag under the lock; the caller then
 * queues the cleanup worker (jq_signal_release_locked()).
 *
 * Context: any context including hardirq; does not sleep, free or put anything (R8).
 * Return: true if it moved jobs to &jq_queue.signalled.
 */
static bool jq_signal_locked(struct jq_queue *q, unsigned long *flags, unsigned int budget)
	__must_hold(&q->lock)
{
	struct jq_job *first;
	bool any = false;

	lockdep_assert_held(&q->lock);
	if (q->signalling)
		return false;
	q->signalling = true;
	while (!q->defer_signal && (first = jq_take_finished_locked(q, &budget))) {
		spin_unlock_irqrestore(&q->lock, *flags);
		jq_signal_batch(q, first);
		spin_lock_irqsave(&q->lock, *flags);
		any = true;
	}
	q->signalling = false;
	return any;
}

/*
 * The worker's signaller: signal all it may, then let the cleanup worker release them; at
 * the end of a pass (@last), also what hardware-fence callbacks signalled and left to the
 * worker (see jq_hw_fence_cb()).
 */
static void jq_signal_release_locked(struct jq_queue *q, unsigned long *flags, bool last)
	__must_hold(&q->lock)
{
	if (jq_signal_locked(q, flags, UINT_MAX) || (last && !list_empty(&q->signalled)))
		queue_work(q->cleanup_wq, &q->cleanup);
}

static void jq_job_done_locked(struct jq_queue *q, struct jq_job *job, int error)
{
	lockdep_assert_held(&q->lock);
	if (error < 0 && !job->error)
		job->error = error;
	q->credits -= job->credits;
	job->status = JQ_JOB_DONE;
	trace_jq_hw_done(q, job, error);
}

/*
 * Is there a pending job the worker may run once credits come back? Not one that waits on
 * a fence: that fence's callback queues the worker (jq_wait_cb()). A status read while the
 * worker moves on from such a wait is harmless: it takes the credits under this lock later.
 */
static bool jq_head_may_run_locked(struct jq_queue *q)
{
	struct jq_job *head = list_first_entry_or_null(&q->pending, struct jq_job, link);

	lockdep_assert_held(&q->lock);
	return head && head->status != JQ_JOB_WAIT_DEPS && head->status != JQ_JOB_WAIT_PREPARE;
}

/*
 * The hardware fence signalled: the job is done, its credits are back, and its finished
 * fence (with those of up to JQ_SIGNAL_ATOMIC_MAX done jobs after it) signals here if every
 * earlier one has. The worker is queued only if it has something to do: a pending job
 * that may run once the credits are back (not one waiting on a fence, whose callback
 * queues the worker: in a chain across two queues the worker of each would otherwise be
 * queued twice per job), or finished jobs left for it (over the budget, or while an op
 * defers signalling); it is queued after the signalling (the finished fence is the latency
 * path), and then it also queues the cleanup worker at the end of its pass, so that a
 * pending job that waited for these credits runs before the release of this one and one
 * work item is queued here, not two.
 */
static void jq_hw_fence_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct jq_job *job = container_of(cb, struct jq_job, cb);
	struct jq_queue *q = job->queue;
	unsigned long flags;
	bool signalled;

	spin_lock_irqsave(&q->lock, flags);
	jq_job_done_locked(q, job, fence->error);
	signalled = jq_signal_locked(q, &flags, JQ_SIGNAL_ATOMIC_MAX);
	jq_tdr_update_locked(q);
	/*
	 * Under the lock: the cleanup worker cannot free the job or the queue before this.
	 * One work item: the worker, if it has something to do (it queues the cleanup worker
	 * once it is done), else the cleanup worker.
	 */
	if (jq_head_may_run_locked(q) || jq_head_finished_locked(q))
		queue_work(q->wq, &q->work);
	else if (signalled)
		queue_work(q->cleanup_wq, &q->cleanup);
	spin_unlock_irqrestore(&q->lock, flags);
}

/*
 * The worker: signalling the jobs it finished itself (cancelled, or done in jq_run()); @last
 * at the end of its pass.
 */
static void jq_signal_done(struct jq_queue *q, bool last)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	jq_signal_release_locked(q, &flags, last);
	spin_unlock_irqrestore(&q->lock, flags);
}

/*
 * Take the signalled jobs off the queue, unless a signaller still owns them (it queues the
 * cleanup worker again when it is done). Returns true if there are jobs to release.
 */
static bool jq_collect_signalled(struct jq_queue *q, struct list_head *done)
{
	spin_lock_irq(&q->lock);
	if (!q->signalling)
		list_splice_tail_init(&q->signalled, done);
	spin_unlock_irq(&q->lock);
	return !list_empty(done);
}

/*
 * Drop the queue's hold on signalled jobs (R2): the last put calls free_job. The queue
 * references of the jobs freed (R1) are dropped once for the batch, by the caller.
 * Returns how many jobs were freed.
 */
static unsigned int jq_release_done(struct list_head *done)
{
	struct jq_job *job, *tmp;
	unsigned int freed = 0;

	list_for_each_entry_safe(job, tmp, done, link) {
		list_del_init(&job->link);
		jq_job_drop_fences(job);
		freed += jq_job_put_keep_queue(job);
	}
	return freed;
}

/*
 * The cleanup worker: releases the signalled jobs, in process context, apart from the
 * worker that runs and signals jobs: free_job may sleep or allocate, and must not hold up
 * the signalling of the queue's other fences (outside the signalling section, R7).
 */
static void jq_queue_cleanup_work(struct work_struct *work)
{
	struct jq_queue *q = container_of(work, struct jq_queue, cleanup);
	unsigned int freed;
	LIST_HEAD(done);

	if (!jq_worker_get(q))
		return;		/* R3: the queue is being freed */
	if (jq_collect_signalled(q, &done)) {
		/* the fences signalled before this work item was queued: barrier enough */
		if (wq_has_sleeper(&q->flush_wq))
			wake_up_all(&q->flush_wq);
#ifdef JQ_BREAK_SERIAL_FREE	/* negative control: jq_r2_free_job_concurrent must fail */
		mutex_lock(&q->run_lock);
		freed = jq_release_done(&done);
		mutex_unlock(&q->run_lock);
#else
		freed = jq_release_done(&done);
#endif
		/* our own reference (R3) keeps the queue: these are never the last */
		jq_queue_put_internal_many(q, freed);
	}
	jq_queue_put_internal(q);
}

/* The worker: cancelling */

static void jq_leave_pending_locked(struct jq_queue *q, struct jq_job *job, u32 status)
{
	lockdep_assert_held(&q->lock);
	list_move_tail(&job->link, &q->inflight);
	job->status = status;
	q->next_seqno++;
	q->nr_pending--;
}

static void jq_cancel_locked(struct jq_queue *q, struct jq_job *job, int error)
{
	lockdep_assert_held(&q->lock);
	jq_leave_pending_locked(q, job, JQ_JOB_CANCELLED);
	job->error = error;
	trace_jq_cancel(q, job, error);
}

static struct jq_job *jq_next_to_cancel(struct jq_queue *q)
{
	struct jq_job *job, *found = NULL;

	spin_lock_irq(&q->lock);
	list_for_each_entry(job, &q->inflight, link) {
		if (job->status == JQ_JOB_IN_FLIGHT &&
		    !test_and_set_bit(JQ_JOB_F_CANCEL_OP, &job->flags)) {
			found = job;
			break;
		}
	}
	/* no finished fence signals while cancel_job runs; cleared by the next call */
	q->defer_signal = !!found;
	spin_unlock_irq(&q->lock);
	return found;
}

/* Hand each in-flight job of a killed queue to cancel_job once, in seqno order. */
static void jq_cancel_inflight(struct jq_queue *q)
{
	struct jq_job *job;

	lockdep_assert_held(&q->run_lock);
	if (!q->ops->cancel_job)
		return;
	/* only the cleanup worker releases jobs (R2), after they signalled: job stays valid */
	while ((job = jq_next_to_cancel(q)))
		q->ops->cancel_job(job);
}

/* The worker: running the oldest pending job */

/*
 * The oldest pending job, if it is the next in seqno order: a job pushed before an earlier
 * armed one (R9) waits for it, whose push or abandonment queues the worker.
 */
static struct jq_job *jq_head_locked(struct jq_queue *q)
{
	struct jq_job *job;

	lockdep_assert_held(&q->lock);
	jq_pushed_to_pending_locked(q);
	job = list_first_entry_or_null(&q->pending, struct jq_job, link);
	if (job && job->finished->base.seqno != q->next_seqno)
		return NULL;
	return job;
}

static struct jq_job *jq_pending_head(struct jq_queue *q)
{
	struct jq_job *job;

	spin_lock_irq(&q->lock);
	job = jq_head_locked(q);
	spin_unlock_irq(&q->lock);
	return job;
}

static void jq_set_status(struct jq_queue *q, struct jq_job *job, u32 status)
{
	spin_lock_irq(&q->lock);
	job->status = status;
	spin_unlock_irq(&q->lock);
}

static void jq_install_wait(struct jq_queue *q, struct dma_fence *fence, bool is_dep)
{
	q->wait_fence = fence;
	q->wait_is_dep = is_dep;
}

/*
 * Finish with the fence the head job waited for, if it signalled (or, on a killed queue,
 * if it is a prepare fence: a cancelled job need not be prepared). Returns false while
 * the wait goes on.
 */
static bool jq_wait_done(struct jq_queue *q)
{
	struct dma_fence *fence = q->wait_fence;

	lockdep_assert_held(&q->run_lock);
	if (!fence)
		return true;
	if (!dma_fence_is_signaled(fence) && (q->wait_is_dep || !jq_queue_is_killed(q)))
		return false;
	/* waits for our callback if it is running on another CPU */
	dma_fence_remove_callback(fence, &q->wait_cb);
	q->wait_fence = NULL;
	if (!q->wait_is_dep)
		dma_fence_put(fence);
	return true;
}

/* Walk the head job's dependencies; wait (by callback) on the first unsignalled one. */
static bool jq_deps_done(struct jq_queue *q, struct jq_job *job)
{
	struct dma_fence *fence;

	lockdep_assert_held(&q->run_lock);
	if (xa_empty(&job->dependencies))
		return true;
	while ((fence = xa_find(&job->dependencies, &job->dep_index, ULONG_MAX, XA_PRESENT))) {
		if (!dma_fence_is_signaled(fence) &&
		    !dma_fence_add_callback(fence, &q->wait_cb, jq_wait_cb)) {
			jq_set_status(q, job, JQ_JOB_WAIT_DEPS);
			jq_install_wait(q, fence, true);
			trace_jq_dep_wait(q, job, fence);
			return false;
		}
		jq_job_note_dep_error(job, fence);
		job->dep_index++;
	}
	return true;
}

/* Why the head job must not run, as a negative errno, or 0. */
static int jq_cancel_reason(struct jq_queue *q, struct jq_job *job)
{
	int error = READ_ONCE(q->error);

	if (error)
		return error;
	if (test_bit(JQ_JOB_F_UNARMED_PUSH, &job->flags))
		return -EINVAL;
	if (test_bit(JQ_JOB_F_ABANDONED, &job->flags))
		return -ECANCELED;
	if ((q->flags & JQ_QUEUE_DEP_ERROR_CANCELS) && job->dep_error)
		return job->dep_error;
	return 0;
}

/* Call prepare_job until it returns NULL; wait (by callback) on each fence it returns. */
static bool jq_prepare_done(struct jq_queue *q, struct jq_job *job)
{
	struct dma_fence *fence;

	lockdep_assert_held(&q->run_lock);
	if (!q->ops->prepare_job || test_bit(JQ_JOB_F_PREPARED, &job->flags))
		return true;
	for (;;) {
		fence = q->ops->prepare_job(job);
		if (WARN_ON_ONCE(IS_ERR(fence)))
			fence = NULL;
		if (!fence) {
			/* prepared: a wait for credits does not ask again */
			set_bit(JQ_JOB_F_PREPARED, &job->flags);
			return true;
		}
		if (!dma_fence_add_callback(fence, &q->wait_cb, jq_wait_cb)) {
			jq_set_status(q, job, JQ_JOB_WAIT_PREPARE);
			jq_install_wait(q, fence, false);
			return false;
		}
		dma_fence_put(fence);	/* already signalled: ask again */
	}
}

/*
 * Cancel the head job; *@next is the new head. Its finished fence is signalled by whoever
 * stepped: the worker's pass, in batches (jq_process()); for the fast path, the worker it
 * queues (never signal a finished fence there).
 */
static void jq_cancel_head(struct jq_queue *q, struct jq_job *job, int error,
			   struct jq_job **next)
{
	spin_lock_irq(&q->lock);
	jq_cancel_locked(q, job, error);
	*next = jq_head_locked(q);
	spin_unlock_irq(&q->lock);
}

/*
 * Take the head job's credits and move it to the in-flight list, or cancel it if the queue
 * was killed meanwhile; *@next is then the new head of the pending list. Returns false when
 * the credits do not fit: the completion that gives credits back queues the worker again.
 * The check is written so that it cannot overflow: credits <= credit_limit always holds.
 */
static bool jq_take_credits(struct jq_queue *q, struct jq_job *job, bool *cancelled,
			    struct jq_job **next)
{
	unsigned long flags;
	bool ok = true;

	spin_lock_irqsave(&q->lock, flags);
	if (q->error) {
		jq_cancel_locked(q, job, q->error);
		*cancelled = true;
	} else if (job->credits > q->credit_limit - q->credits) {
		job->status = JQ_JOB_WAIT_CREDITS;
		ok = false;
	} else {
		q->credits += job->credits;
		jq_leave_pending_locked(q, job, JQ_JOB_IN_FLIGHT);
	}
	if (ok)
		*next = jq_head_locked(q);
	spin_unlock_irqrestore(&q->lock, flags);
	return ok;
}

/*
 * Call run_job. The scheduled fence signals as soon as it returned. A job done at once (no
 * hardware fence, or one already signalled) is only marked done here: the worker's pass
 * signals it with the others of its batch (jq_process()); from the fast path, which may run
 * under the driver's submission lock, the worker is queued to do so (never signal a finished
 * fence there).
 */
static void jq_run(struct jq_queue *q, struct jq_job *job, bool fast)
{
	struct dma_fence *fence;
	unsigned long flags;
	int error;

	lockdep_assert_held(&q->run_lock);
	trace_jq_run(q, job, 0);
	fence = q->ops->run_job(job);
	if (job->scheduled)
		jq_fence_signal(job->scheduled, 0);
	if (IS_ERR_OR_NULL(fence)) {
		error = PTR_ERR_OR_ZERO(fence);
	} else if (test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->flags)) {
		/* done already: no callback, no deadline to forward, nothing to keep */
		smp_rmb();	/* the error was written before the flag was set */
		error = fence->error;
		dma_fence_put(fence);
	} else {
		job->hw_fence = fence;
		jq_fence_set_hw(job->finished, fence);
		if (!dma_fence_add_callback(fence, &job->cb, jq_hw_fence_cb)) {
			jq_tdr_update(q);
			return;
		}
		error = fence->error;
	}

	spin_lock_irqsave(&q->lock, flags);
	jq_job_done_locked(q, job, error);
	if (fast)
		queue_work(q->wq, &q->work);
	jq_tdr_update_locked(q);
	spin_unlock_irqrestore(&q->lock, flags);
}

/*
 * One step for the oldest pending job: wait, cancel or run it. Returns true if the job left
 * the pending list (so the next one may be looked at). @fast: called from jq_job_push(),
 * which never signals (the caller queues the worker when the job did not run). *@head: the
 * pending head if known, NULL to look it up; set to the next head when this one left (or
 * NULL, as the list may grow meanwhile). Only run_lock holders remove pending jobs, so a
 * head found under the queue lock stays the head while run_lock is held. A stopped queue
 * (jq_queue_stop()) still cancels, but runs nothing. *@ran (if @ran is not NULL) is set
 * when run_job was called, so the fast path knows without looking at the job's status.
 */
static bool jq_step_head(struct jq_queue *q, bool fast, struct jq_job **head, bool *ran)
{
	struct jq_job *job = *head;
	bool cancelled = false;
	int error;

	lockdep_assert_held(&q->run_lock);
	*head = NULL;
	if (!job)
		job = jq_pending_head(q);
	if (!job || !jq_wait_done(q) || !jq_deps_done(q, job))
		return false;

	error = jq_cancel_reason(q, job);
	if (error) {
		jq_cancel_head(q, job, error, head);
		return true;
	}
	if (READ_ONCE(q->stopped))
		return false;
	if (!jq_prepare_done(q, job) || !jq_take_credits(q, job, &cancelled, head))
		return false;
	if (cancelled)
		return true;
	jq_run(q, job, fast);
	if (ran)
		*ran = true;
	return true;
}

/*
 * Everything the worker does, until nothing moves; run_lock held, signalling section. Jobs
 * the worker finishes itself are signalled every JQ_SIGNAL_WORKER_BATCH steps and when the
 * pass ends (the head must wait, or nothing is left); the first call signals those the fast
 * path or a bounded hardware-fence callback left done. Only run_lock holders add jobs to
 * the in-flight list, so an empty one seen here stays empty until this pass adds to it:
 * that first call is skipped then, a lock round trip saved in every pass that runs one job.
 * The last call also hands the cleanup worker the jobs hardware-fence callbacks signalled
 * and left to the worker.
 *
 * In-flight jobs of a killed queue go to cancel_job once per pass, before the pending ones
 * are cancelled: not at every step, since each call scans the in-flight list, where the
 * cancelled jobs queue up behind a running one (a kill of N queued jobs would cost N^2). A
 * kill that lands during the pass queues the worker again, and the next pass sees it.
 */
static void jq_process(struct jq_queue *q)
{
	struct jq_job *head = NULL;
	unsigned int steps = 0;

	lockdep_assert_held(&q->run_lock);
	if (!list_empty(&q->inflight))
		jq_signal_done(q, false);
	if (jq_queue_is_killed(q)) {
		jq_cancel_inflight(q);
		/* the jobs that completed while cancel_job ran */
		jq_signal_done(q, false);
	}
	while (jq_step_head(q, false, &head, NULL))
		if (!(++steps % JQ_SIGNAL_WORKER_BATCH))
			jq_signal_done(q, false);
	jq_signal_done(q, true);
}

static void jq_queue_work(struct work_struct *work)
{
	struct jq_queue *q = container_of(work, struct jq_queue, work);
	bool cookie;

	if (!jq_worker_get(q))
		return;		/* R3: the queue is being freed */

	mutex_lock(&q->run_lock);
	cookie = dma_fence_begin_signalling();
	jq_process(q);
	dma_fence_end_signalling(cookie);
	mutex_unlock(&q->run_lock);
	jq_queue_put_internal(q);
}

/* Push and the fast path */

/*
 * Run the job from jq_job_push() if it is the oldest pending job and everything it needs is
 * there. Same steps and same serialization (run_lock) as the worker; only trylock, see the
 * DOC "Locking". Not when the worker is queued already: its pass starts after this push
 * (the push list was added to first) and takes the job about as soon, and running it here
 * would only contend with that pass for run_lock. Returns true if the job was run.
 */
static bool jq_push_fast(struct jq_queue *q, struct jq_job *job)
{
	struct jq_job *head;
	bool cookie, ran = false;

	if (!(q->flags & JQ_QUEUE_FAST_PATH) || test_bit(JQ_JOB_F_ABANDONED, &job->flags) ||
	    work_pending(&q->work) || !mutex_trylock(&q->run_lock))
		return false;
	cookie = dma_fence_begin_signalling();
	head = jq_pending_head(q);
	if (head == job)
		jq_step_head(q, true, &head, &ran);
	dma_fence_end_signalling(cookie);
	mutex_unlock(&q->run_lock);
	return ran;
}

/*
 * Add @job to the pending list in seqno order. Jobs are pushed in arm order, so this is
 * the tail; a job pushed before an earlier armed one (R9) goes before it: WARN.
 */
static void jq_pending_add_locked(struct jq_queue *q, struct jq_job *job)
{
	u64 seqno = job->finished->base.seqno;
	struct jq_job *pos;

	lockdep_assert_held(&q->lock);
	list_for_each_entry_reverse(pos, &q->pending, link)
		if (pos->finished->base.seqno < seqno)
			break;
	list_add(&job->link, &pos->link);
	q->nr_pending++;
	/* an abandoned job (R9) was WARNed about at its last put */
	WARN_ONCE(!list_is_last(&job->link, &q->pending) &&
		  !test_bit(JQ_JOB_F_ABANDONED, &job->flags),
		  "jobqueue: %s: job %llu pushed after job %llu, out of arm order\n",
		  q->tl->name, seqno,
		  list_last_entry(&q->pending, struct jq_job, link)->finished->base.seqno);
}

/*
 * Sort the jobs pushed since the last call into the pending list, oldest first. Called by
 * everyone who looks at the pending list, under the queue lock: the worker and the fast
 * path (through jq_head_locked()) and jq_queue_flush(). The plain read first: an empty push
 * list, the common case at every step of the worker, costs no atomic.
 */
static void jq_pushed_to_pending_locked(struct jq_queue *q)
{
	struct llist_node *pushed;
	struct jq_job *job, *tmp;

	lockdep_assert_held(&q->lock);
	if (llist_empty(&q->pushed))
		return;
	pushed = llist_reverse_order(llist_del_all(&q->pushed));
	llist_for_each_entry_safe(job, tmp, pushed, push_node)
		jq_pending_add_locked(q, job);
}

/**
 * jq_queue_push_job() - add a pushed job to its queue
 * @queue: the job's queue
 * @job: an armed job; the caller (jq_job_push(), or jq_job_abandon()) gave the queue its
 *	job reference (R2)
 *
 * Context: any context for an abandoned job (no fast path); process context otherwise, and
 * may then call prepare_job and run_job (fast path).
 */
void jq_queue_push_job(struct jq_queue *queue, struct jq_job *job)
{
	bool first;

	job->submit_jiffies = jiffies;
	trace_jq_push(queue, job, 0);
	job->status = JQ_JOB_QUEUED;
	/* the job is the queue's from here on: nothing of it is written after this */
	first = llist_add(&job->push_node, &queue->pushed);

	/*
	 * Without the fast path, the push that made the push list non-empty queues the worker,
	 * whose pass starts after it and takes every job pushed until it looks; with it, a job
	 * the fast path did not run queues the worker (the run that took the list may be that
	 * of another job's fast path, which queues nothing).
	 */
	if (queue->flags & JQ_QUEUE_FAST_PATH) {
		if (!jq_push_fast(queue, job))
			queue_work(queue->wq, &queue->work);
	} else if (first) {
		queue_work(queue->wq, &queue->work);
	}
}
