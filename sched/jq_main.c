// SPDX-License-Identifier: GPL-2.0
/*
 * jobqueue.ko: module init and exit, the shared default workqueues, tracepoints.
 */

/**
 * DOC: jobqueue.ko
 *
 * A refcounted, workqueue-based job scheduler for firmware-scheduled GPUs, replacing
 * drm_sched for drivers whose firmware arbitrates between rings. The module is split by
 * idea:
 *
 * - jq_queue.c: queues, their worker (dependencies, prepare, credits, run, in-order
 *   signalling), kill, flush and timeouts;
 * - jq_job.c: the life of a job (init, dependencies, arm, push, references);
 * - jq_fence.c: the finished fences and their timeline, which outlive queues and drivers;
 * - jq_debugfs.c: the debugfs view; jq_trace.h: the tracepoints.
 *
 * The module owns two workqueues, created at init, both WQ_MEM_RECLAIM because finished
 * fences are waited for in memory reclaim, so their signalling path needs a rescuer.
 * ``jobqueue`` is WQ_UNBOUND so that a queue's worker is not tied to the submitting CPU and
 * long driver ops do not hold up per-CPU work; queues created without a workqueue of their
 * own run on it, and every queue is freed from it. ``jobqueue_cleanup`` is per-CPU, for the
 * releases of such queues (free_job): in a pool of its own, so that the unbound pool, which
 * wakes the kworker that went idle last, keeps waking the one that ran the queue's last job
 * on the CPU its hardware interrupt comes to (Documentation/jobqueue.rst, the cleanup).
 * Module exit destroys both (draining pending frees) and waits for RCU callbacks.
 */

/**
 * DOC: Coding conventions in this module
 *
 * - Every name starts with ``jq_``; the private ones are declared in jq_internal.h.
 * - Each function does one thing; those ending in ``_locked`` need the queue spinlock,
 *   asserted with lockdep_assert_held(), as are run_lock requirements.
 * - References are named where they are taken and dropped: R1 to R9 refer to the rules of
 *   Documentation/jobqueue.rst.
 * - Fence callbacks may run in hardirq (R8): they only record state and queue work items.
 * - Nothing on the signalling path allocates with GFP_KERNEL (R7); allocation happens in
 *   jq_queue_create(), jq_job_init() and jq_job_add_dependency() only.
 */

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>

#include "jq_internal.h"

#define CREATE_TRACE_POINTS
#include "jq_trace.h"

/* The shared default workqueues; see the DOC above. */
struct workqueue_struct *jq_wq;
struct workqueue_struct *jq_cleanup_wq;

static int __init jq_init(void)
{
	int ret = jq_fences_setup();

	if (ret)
		return ret;
	jq_wq = alloc_workqueue("jobqueue", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	jq_cleanup_wq = alloc_workqueue("jobqueue_cleanup", WQ_MEM_RECLAIM, 0);
	if (!jq_wq || !jq_cleanup_wq) {
		if (jq_wq)
			destroy_workqueue(jq_wq);
		if (jq_cleanup_wq)
			destroy_workqueue(jq_cleanup_wq);
		jq_fences_teardown();
		return -ENOMEM;
	}
	jq_debugfs_init();
	return 0;
}

static void __exit jq_exit(void)
{
	/* no queue or fence is left: drivers are unloaded, fences hold module references */
	destroy_workqueue(jq_wq);
	destroy_workqueue(jq_cleanup_wq);
	jq_debugfs_fini();
	/* fences and timelines are freed with kfree_rcu() */
	rcu_barrier();
	jq_fences_teardown();
}

module_init(jq_init);
module_exit(jq_exit);

MODULE_DESCRIPTION("Job queue: a workqueue-based scheduler for firmware-scheduled GPUs");
MODULE_LICENSE("GPL");
