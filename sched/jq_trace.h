/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of jobqueue.ko: one event per step of a job's life (push, run, hardware done,
 * finished fence signalled, timeout, cancel, dependency wait). Each records the queue's id
 * and name and the job's seqno, so a trace can follow one job through the queue, and the
 * fields tools read from drm_sched's gpu_scheduler events under the same names: the
 * finished fence (pointer, and its context:seqno, which dma_fence events carry too), ``name``
 * (drm_sched's ring), ``job_count`` (jobs not yet run) and ``hw_job_count`` (credits in
 * flight). The counters are read without the queue lock: a snapshot.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM jobqueue

#if !defined(_JQ_TRACE_H_) || defined(TRACE_HEADER_MULTI_READ)
#define _JQ_TRACE_H_

#include <linux/tracepoint.h>

#include "jq_internal.h"

DECLARE_EVENT_CLASS(jq_job_event,
		    TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
		    TP_ARGS(queue, job, error),
		    TP_STRUCT__entry(__field(u64, id)
				     __field(struct dma_fence *, fence)
				     __field(u64, ctx)
				     __field(u64, seqno)
				     __field(u32, credits)
				     __field(int, error)
				     __field(u32, job_count)
				     __field(u32, hw_job_count)
				     __string(name, queue->tl->name)),
		    TP_fast_assign(__entry->id = queue->id;
				   __entry->fence = &job->finished->base;
				   __entry->ctx = queue->context;
				   __entry->seqno = test_bit(JQ_JOB_F_ARMED, &job->flags) ?
						    job->finished->base.seqno : 0;
				   __entry->credits = job->credits;
				   __entry->error = error;
				   /* snapshots for the trace, without the queue lock */
				   __entry->job_count = data_race(queue->nr_pending);
				   /* likewise */
				   __entry->hw_job_count = data_race(queue->credits);
				   __assign_str(name);),
		    TP_printk("queue=%s:%llu fence=%p %llu:%llu credits=%u error=%d job count:%u hw job count:%u",
			      __get_str(name), __entry->id, __entry->fence, __entry->ctx,
			      __entry->seqno, __entry->credits, __entry->error,
			      __entry->job_count, __entry->hw_job_count)
);

DEFINE_EVENT(jq_job_event, jq_push,
	     TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
	     TP_ARGS(queue, job, error));

DEFINE_EVENT(jq_job_event, jq_run,
	     TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
	     TP_ARGS(queue, job, error));

DEFINE_EVENT(jq_job_event, jq_hw_done,
	     TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
	     TP_ARGS(queue, job, error));

DEFINE_EVENT(jq_job_event, jq_finished,
	     TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
	     TP_ARGS(queue, job, error));

DEFINE_EVENT(jq_job_event, jq_timeout,
	     TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
	     TP_ARGS(queue, job, error));

DEFINE_EVENT(jq_job_event, jq_cancel,
	     TP_PROTO(struct jq_queue *queue, struct jq_job *job, int error),
	     TP_ARGS(queue, job, error));

/*
 * The oldest unrun job waits for a dependency (or a prepare fence's dependency): which
 * fence, by context and seqno, as drm_sched_job_wait_dep records it.
 */
TRACE_EVENT(jq_dep_wait,
	    TP_PROTO(struct jq_queue *queue, struct jq_job *job, struct dma_fence *fence),
	    TP_ARGS(queue, job, fence),
	    TP_STRUCT__entry(__field(u64, id)
			     __field(u64, seqno)
			     __field(struct dma_fence *, fence)
			     __field(u64, ctx)
			     __field(u64, dep_ctx)
			     __field(u64, dep_seqno)
			     __string(name, queue->tl->name)),
	    TP_fast_assign(__entry->id = queue->id;
			   __entry->seqno = job->finished->base.seqno;
			   __entry->fence = fence;
			   __entry->ctx = job->finished->base.context;
			   __entry->dep_ctx = fence->context;
			   __entry->dep_seqno = fence->seqno;
			   __assign_str(name);),
	    TP_printk("queue=%s:%llu fence=%llu:%llu dependency=%llu:%llu",
		      __get_str(name), __entry->id, __entry->ctx, __entry->seqno,
		      __entry->dep_ctx, __entry->dep_seqno)
);

#endif /* _JQ_TRACE_H_ */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE jq_trace
#include <trace/define_trace.h>
