// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs view of the job queues.
 */

/**
 * DOC: debugfs
 *
 * jobqueue.ko creates a directory ``jobqueue`` in debugfs at module init, and one file per
 * queue, named ``<queue name>-<queue id>``, created with the queue and removed when the
 * queue's memory is freed (debugfs removal waits for running readers, so a reader never sees
 * a freed queue). A file shows the queue's counters (credits in flight, credit limit, kill
 * state, timeout) and its unsignalled jobs with their seqno, credits, state and age
 * (``age_ms``, since the push, in jiffies' resolution: a push does not read the clock).
 *
 * debugfs is best effort: every failure is ignored and never fails queue creation.
 */

#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/seq_file.h>

#include "jq_internal.h"

static struct dentry *jq_debugfs_root;

static const char *const jq_job_status_names[] = {
	[JQ_JOB_NEW] = "new",
	[JQ_JOB_QUEUED] = "queued",
	[JQ_JOB_WAIT_DEPS] = "waiting deps",
	[JQ_JOB_WAIT_PREPARE] = "waiting prepare",
	[JQ_JOB_WAIT_CREDITS] = "waiting credits",
	[JQ_JOB_IN_FLIGHT] = "in flight",
	[JQ_JOB_DONE] = "done",
	[JQ_JOB_CANCELLED] = "cancelled",
	[JQ_JOB_SIGNALLED] = "signalled",
};

static void jq_debugfs_show_job(struct seq_file *m, struct jq_job *job, unsigned long now)
{
	const char *state = "?";

	if (job->status < ARRAY_SIZE(jq_job_status_names))
		state = jq_job_status_names[job->status];
	seq_printf(m, "  seqno %llu credits %u state %s error %d age_ms %u\n",
		   job->finished->base.seqno, job->credits, state, job->error,
		   jiffies_to_msecs(now - job->submit_jiffies));
}

static int jq_debugfs_show(struct seq_file *m, void *unused)
{
	struct jq_queue *q = m->private;
	unsigned long now = jiffies;
	struct jq_job *job;

	spin_lock_irq(&q->lock);
	seq_printf(m, "name %s\nid %llu\ncontext %llu\nlast seqno %llu\n", q->tl->name, q->id,
		   q->context, (u64)atomic64_read(&q->seqno));
	seq_printf(m, "credits %u\ncredit_limit %u\nkilled %d\ntimeout_jiffies %ld\n",
		   q->credits, q->credit_limit, q->error, q->timeout);
	seq_puts(m, "in flight:\n");
	list_for_each_entry(job, &q->inflight, link)
		jq_debugfs_show_job(m, job, now);
	/* jobs still on the push list show once the worker has looked at the queue */
	seq_puts(m, "pending:\n");
	list_for_each_entry(job, &q->pending, link)
		jq_debugfs_show_job(m, job, now);
	spin_unlock_irq(&q->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(jq_debugfs);

/**
 * jq_debugfs_add() - create the debugfs file of a queue
 * @queue: a queue being created
 *
 * Context: process context, may sleep. Failures are ignored.
 */
void jq_debugfs_add(struct jq_queue *queue)
{
	char name[64];

	if (IS_ERR_OR_NULL(jq_debugfs_root))
		return;
	snprintf(name, sizeof(name), "%s-%llu", queue->tl->name, queue->id);
	queue->debugfs = debugfs_create_file(name, 0444, jq_debugfs_root, queue,
					     &jq_debugfs_fops);
}

/**
 * jq_debugfs_remove() - remove the debugfs file of a queue
 * @queue: a queue being freed
 *
 * Waits for readers of the file to leave.
 *
 * Context: process context, may sleep.
 */
void jq_debugfs_remove(struct jq_queue *queue)
{
	debugfs_remove(queue->debugfs);
	queue->debugfs = NULL;
}

/**
 * jq_debugfs_init() - create the ``jobqueue`` debugfs directory
 *
 * Context: module init.
 */
void jq_debugfs_init(void)
{
	jq_debugfs_root = debugfs_create_dir("jobqueue", NULL);
}

/**
 * jq_debugfs_fini() - remove the ``jobqueue`` debugfs directory
 *
 * Context: module exit.
 */
void jq_debugfs_fini(void)
{
	debugfs_remove_recursive(jq_debugfs_root);
	jq_debugfs_root = NULL;
}
