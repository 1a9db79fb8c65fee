/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The job queue: a refcounted, workqueue-based scheduler for firmware-scheduled GPUs.
 * See Documentation/jobqueue.rst for the model and the ownership rules R1-R9; each function
 * is documented (context, references, units, errors) where it is defined, in sched/.
 */
#ifndef _JQ_JOBQUEUE_H_
#define _JQ_JOBQUEUE_H_

#include <linux/dma-resv.h>
#include <jq/jobqueue_types.h>

/* Queues */
struct jq_queue *jq_queue_create(const struct jq_queue_args *args);
struct jq_queue *jq_queue_get(struct jq_queue *queue);
void jq_queue_put(struct jq_queue *queue);
void jq_queue_kill(struct jq_queue *queue, int error);
long jq_queue_flush(struct jq_queue *queue, long timeout);
void jq_queue_trigger_timeout(struct jq_queue *queue);
long jq_queue_suspend_timeout(struct jq_queue *queue);
void jq_queue_resume_timeout(struct jq_queue *queue, long remaining);
void jq_queue_stop(struct jq_queue *queue);
void jq_queue_stop_nowait(struct jq_queue *queue);
void jq_queue_start(struct jq_queue *queue);
bool jq_queue_is_killed(struct jq_queue *queue);
void *jq_queue_priv(struct jq_queue *queue);
const char *jq_queue_name(struct jq_queue *queue);

/* Jobs */
int jq_job_init(struct jq_job *job, struct jq_queue *queue, u32 credits);
int jq_job_add_dependency(struct jq_job *job, struct dma_fence *fence);
int jq_job_add_resv_dependencies(struct jq_job *job, struct dma_resv *resv,
				 enum dma_resv_usage usage);
void jq_job_arm(struct jq_job *job);
void jq_job_push(struct jq_job *job);
void jq_job_abort(struct jq_job *job);
struct dma_fence *jq_job_finished_fence(struct jq_job *job);
struct dma_fence *jq_job_scheduled_fence(struct jq_job *job);
struct jq_job *jq_job_get(struct jq_job *job);
void jq_job_put(struct jq_job *job);
int jq_job_dependency_error(struct jq_job *job);
struct jq_queue *jq_job_queue(struct jq_job *job);

/* Fences */
bool jq_fence_is_jq(struct dma_fence *fence);
unsigned long jq_fences_alive(void);

#endif /* _JQ_JOBQUEUE_H_ */
