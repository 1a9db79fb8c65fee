// SPDX-License-Identifier: GPL-2.0
/*
 * AGX queues: jobs built into firmware commands and run through one job queue each. The
 * model, the job-queue ops and the locking are the DOC blocks of agx_queue.h.
 */

#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <kunit/visibility.h>
#include <jq/jobqueue.h>

#include "queue.h"
#include "render.h"

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"

#define AGX_PIPES		AGX_NUM_PIPE_TYPES
#define AGX_MAX_WORKS		3	/* barrier + InitBuffer + run per pipe */

/**
 * struct agx_queue - an AGX queue
 * @ref: references: the creator's (until agx_queue_destroy()) and one per job.
 * @gpu: the GPU (a reference, dropped when the queue is freed).
 * @user: registration on the GPU: an unbind kills @jq (under the GPU's users mutex,
 *	which agx_queue_destroy() also takes before it drops @jq).
 * @heap: the kernel-range heap of the queue's VM (a reference, which holds the VM), where
 *	its TVB buffer lives.
 * @buf: the TVB buffer (a reference), created at the first render (under @submit_lock).
 * @jq: the job queue (the creator's reference, dropped at destroy).
 * @qctx: GPU context and notifier (a reference).
 * @wq: firmware work queues by pipe (references).
 * @prio: priority 0..3.
 * @fence_ctx: context of the hardware fences.
 * @seqno: last hardware fence seqno.
 * @submit_lock: serializes building, arming and pushing jobs.
 * @cmd_id: command ids (barrier uuid of the implicit vertex->fragment barrier).
 * @fw_counter: the queue's command counter the Start* ops carry (the Rust driver's
 *	queue counter: a render takes two, fragment n and vertex n + 1; a compute one).
 */
struct agx_queue {
	struct kref ref;
	struct agx_gpu *gpu;
	struct agx_gpu_user user;
	struct agx_heap *heap;
	struct agx_fw_buffer *buf;
	struct jq_queue *jq;
	struct agx_fw_qctx *qctx;
	struct agx_fw_wq *wq[AGX_PIPES];
	u32 prio;
	u64 fence_ctx;
	u64 seqno;
	struct mutex submit_lock; /* build + arm + push in value order */
	u32 cmd_id;
	u64 fw_counter;
};

/**
 * struct agx_job - one AGX job
 * @base: the job queue's job.
 * @q: the queue (a reference).
 * @fence: the hardware fence (a reference).
 * @works: firmware commands per pipe, owned until run_job hands them over.
 * @nworks: commands per pipe.
 * @last_value: stamp value of the last command per pipe.
 * @begun: a firmware job was begun on the pipe's work queue and not yet ended.
 * @ncmds: Run* commands (the notification count, asahi-agx-driver.md §1.3).
 * @vm_bound: the VM is bound for the job (unbound in free_job).
 * @rearms: times the job queue's timer expired for the job and was re-armed.
 *
 * Freed by free_job.
 */
struct agx_job {
	struct jq_job base;
	struct agx_queue *q;
	struct agx_hw_fence *fence;
	struct agx_fw_work *works[AGX_PIPES][AGX_MAX_WORKS];
	unsigned int nworks[AGX_PIPES];
	u32 last_value[AGX_PIPES];
	bool begun[AGX_PIPES];
	unsigned int ncmds;
	bool vm_bound;
	unsigned int rearms;
};

/*
 * AGX queues and jobs alive now, over every GPU: agx_queue_live(), read by the DRM device's
 * leak check (``make run``). A queue counts until it is freed (after its last job), a job
 * from jq_job_init() until free_job.
 */
static atomic_t agx_queues_alive = ATOMIC_INIT(0);
static atomic_t agx_jobs_alive = ATOMIC_INIT(0);

static struct agx_job *to_agx_job(struct jq_job *job)
{
	return container_of(job, struct agx_job, base);
}

static void agx_queue_release(struct kref *ref)
{
	struct agx_queue *q = container_of(ref, struct agx_queue, ref);
	unsigned int p;

	for (p = 0; p < AGX_PIPES; p++)
		agx_fw_wq_put(q->wq[p]);
	agx_fw_qctx_put(q->qctx);
	agx_fw_buffer_put(q->buf);
	agx_heap_put(q->heap);
	mutex_destroy(&q->submit_lock);
	/* last: the VM and the firmware objects above live in the GPU's MMU */
	agx_gpu_put(q->gpu);
	kfree(q);
	atomic_dec(&agx_queues_alive);
}

static void agx_queue_put(struct agx_queue *q)
{
	kref_put(&q->ref, agx_queue_release);
}

/* Job-queue ops */

static struct dma_fence *agx_job_prepare(struct jq_job *jqj)
{
	struct agx_job *job = to_agx_job(jqj);
	struct dma_fence *f;
	unsigned int p;

	for (p = 0; p < AGX_PIPES; p++) {
		if (!job->nworks[p])
			continue;
		f = agx_fw_wq_can_submit(job->q->wq[p], job->nworks[p], job->last_value[p]);
		if (f)
			return f;
	}
	return NULL;
}

static struct dma_fence *agx_job_run(struct jq_job *jqj)
{
	static const unsigned int order[AGX_PIPES] = { AGX_PIPE_FRAG, AGX_PIPE_VTX,
						       AGX_PIPE_COMP };
	struct agx_job *job = to_agx_job(jqj);
	struct agx_queue *q = job->q;
	struct agx_gpu *gpu = q->gpu;
	struct agx_fw_threshold *thr = q->qctx->threshold->cpu;
	unsigned int i, p, rung = 0;

	if (agx_gpu_is_crashed(gpu))
		return ERR_PTR(-ENODEV);
	/* asahi-agx-driver.md §2.7: raise the threshold when the job runs */
	if (!gpu->threshold_at_submit)
		WRITE_ONCE(thr->value, READ_ONCE(thr->value) + job->ncmds);
	for (i = 0; i < AGX_PIPES; i++) {
		p = order[i];
		if (!job->nworks[p])
			continue;
		if (agx_fw_wq_submit(q->wq[p], job->works[p], job->nworks[p]) == -ENODEV) {
			/* unbound under us: the rest stays the job's, freed by free_job */
			agx_hw_fence_abort(job->fence, -ENODEV);
			break;
		}
		job->nworks[p] = 0;
		job->begun[p] = false;
		rung |= BIT(p);
	}
	for (i = 0; i < AGX_PIPES; i++)
		if (rung & BIT(order[i]))
			agx_gpu_doorbell(gpu, AGX_DOORBELL_PIPE(order[i], q->prio));
	return dma_fence_get(&job->fence->base);
}

/*
 * The job queue's timer is a backstop: firmware Timeout events do the real work
 * (asahi-agx-driver.md §1.2, §1.7). A firmware that is alive but wedged (halted and never
 * resuming, or the "cannot recover" path) sends none, so after job_timeout_rearms re-arms
 * the job fails with -ETIMEDOUT and its hardware fence signals (R5). Its commands stay in
 * the ring: the firmware may still read them, so they are freed only when it retires them
 * or the device goes.
 */
static enum jq_timeout_status agx_job_timedout(struct jq_job *jqj)
{
	struct agx_job *job = to_agx_job(jqj);
	struct agx_gpu *gpu = job->q->gpu;

	if (agx_gpu_is_crashed(gpu))
		return JQ_TIMEOUT_ENODEV;
	if (dma_fence_is_signaled(&job->fence->base))
		return JQ_TIMEOUT_NONE;
	if (job->rearms++ < READ_ONCE(gpu->job_timeout_rearms))
		return JQ_TIMEOUT_NO_HANG;
	dev_err(gpu->dev, "agx: queue %u: job not completed after %u timeouts, failing it\n",
		job->q->qctx->id, job->rearms);
	agx_hw_fence_abort(job->fence, -ETIMEDOUT);
	return JQ_TIMEOUT_RESET;
}

static void agx_job_free(struct jq_job *jqj)
{
	struct agx_job *job = to_agx_job(jqj);
	struct agx_queue *q = job->q;
	unsigned int p, i;

	for (p = 0; p < AGX_PIPES; p++) {
		for (i = 0; i < job->nworks[p]; i++)
			agx_fw_work_destroy(job->works[p][i]);
		if (job->begun[p])
			agx_fw_wq_job_cancel(q->wq[p]);
	}
	if (job->vm_bound)
		agx_vm_unbind(agx_heap_vm(q->heap));
	if (job->fence)
		dma_fence_put(&job->fence->base);
	agx_queue_put(q);
	kfree(job);
	atomic_dec(&agx_jobs_alive);
}

static const struct jq_queue_ops agx_queue_ops = {
	.prepare_job = agx_job_prepare,
	.run_job = agx_job_run,
	.timedout_job = agx_job_timedout,
	.free_job = agx_job_free,
};

/* The device is unbound: jobs not yet run fail with -ENODEV (R4). */
static void agx_queue_unbind(struct agx_gpu_user *user)
{
	struct agx_queue *q = container_of(user, struct agx_queue, user);

	jq_queue_kill(q->jq, -ENODEV);
}

/* Building commands */

/*
 * A command of @job on @pipe with its object of @size bytes in @pool: the job's (freed by
 * free_job) as soon as it exists, so an error leaves nothing to undo here.
 */
static struct agx_fw_work *agx_work_alloc(struct agx_job *job, unsigned int pipe,
					  enum agx_pool_id pool, size_t size, const char *name)
{
	struct agx_fw_work *w = kzalloc(sizeof(*w), GFP_KERNEL);
	struct agx_fwobj *cmd;

	if (!w)
		return ERR_PTR(-ENOMEM);
	job->works[pipe][job->nworks[pipe]++] = w;
	cmd = agx_fwobj_alloc(job->q->gpu->mmu, pool, size, name);
	if (IS_ERR(cmd))
		return ERR_CAST(cmd);
	w->cmd = cmd;
	return w;
}

/* A Barrier on @pipe waiting until stamp @slot reaches @wait_value. */
static int agx_build_barrier(struct agx_job *job, unsigned int pipe, int slot,
			     u32 wait_value, u32 value, u32 uuid, u32 internal)
{
	struct agx_gpu *gpu = job->q->gpu;
	struct agx_fw_cmd_barrier *b;
	struct agx_fw_work *w = agx_work_alloc(job, pipe, AGX_POOL_GPU_RO,
					       gpu->layout->barrier_size, "Barrier");

	if (IS_ERR(w))
		return PTR_ERR(w);
	w->value = value;
	b = w->cmd->cpu;
	memset(b, 0, gpu->layout->barrier_size);
	b->tag = AGX_CMD_BARRIER;
	b->wait_stamp = agx_event_fw_stamp_va(gpu, slot);
	b->wait_value = wait_value;
	b->wait_slot = slot;
	b->stamp_self = value;
	b->uuid = uuid;
	b->internal_barrier_type = internal;
	return 0;
}

/*
 * One Run* command to build: what differs between the vertex, fragment and compute
 * commands of a job. Lives on the stack of agx_build_render()/agx_build_compute().
 */
struct agx_run_args {
	unsigned int pipe;
	u32 tag;
	u32 start_op;
	u32 idle_mask;
	u32 value;
	u64 counter;
	u64 ctrl;
	const struct agx_job_desc *desc;
	const struct agx_job_ts *ts;
	u32 vm_slot;
	const struct agx_tiling *tiling;
	struct agx_fw_scene *scene;
	const struct agx_render_tvb *tvb;
	u32 frag_slot;
	u32 frag_value;
};

/*
 * A microsequence being built (fw/microseq.rs Builder): the Run* command's VA (the
 * Timestamp ops point into it), the work queue, slot and uuid the ops carry. Lives on the
 * stack of agx_build_microseq(); the job, work and arguments are its caller's.
 */
struct agx_ms {
	struct agx_job *job;
	struct agx_fw_work *w;
	const struct agx_run_args *a;
	u64 info_va;
	u64 cmd_va;
	u32 slot;
	u32 uuid;
};

/*
 * Offsets of cur_ts, start_ts, end_ts and unk_ts in a Run* command of @tag: [0] .. [3]
 * (the fields the Timestamp ops point at).
 */
static void agx_run_ts_fields(u32 tag, size_t field[4])
{
	switch (tag) {
	case AGX_CMD_RUN_VERTEX:
		field[0] = offsetof(struct agx_fw_run_vertex, cur_ts);
		field[1] = offsetof(struct agx_fw_run_vertex, start_ts);
		field[2] = offsetof(struct agx_fw_run_vertex, end_ts);
		field[3] = offsetof(struct agx_fw_run_vertex, unk_ts);
		return;
	case AGX_CMD_RUN_FRAGMENT:
		field[0] = offsetof(struct agx_fw_run_fragment, cur_ts);
		field[1] = offsetof(struct agx_fw_run_fragment, start_ts);
		field[2] = offsetof(struct agx_fw_run_fragment, end_ts);
		field[3] = offsetof(struct agx_fw_run_fragment, unk_ts);
		return;
	}
	field[0] = offsetof(struct agx_fw_run_compute, cur_ts);
	field[1] = offsetof(struct agx_fw_run_compute, start_ts);
	field[2] = offsetof(struct agx_fw_run_compute, end_ts);
	field[3] = offsetof(struct agx_fw_run_compute, context_store_req);	/* unk_ts */
}

/*
 * The attachments of the command's Start op: a render's vertex ones are the first of
 * &agx_job_desc.att, its fragment ones the last &agx_job_desc.nfrag_att; a compute job's
 * are all. Returns their count.
 */
static u32 agx_ms_attachments(const struct agx_ms *m, struct agx_fw_attachments *att)
{
	const struct agx_job_desc *d = m->a->desc;
	unsigned int first = 0, n = d->natt;

	if (m->a->tag == AGX_CMD_RUN_VERTEX)
		n = d->natt - d->nfrag_att;
	else if (m->a->tag == AGX_CMD_RUN_FRAGMENT)
		first = d->natt - d->nfrag_att, n = d->nfrag_att;
	if (att) {
		att->count = n;
		memcpy(att->list, d->att + first, n * sizeof(d->att[0]));
	}
	return n;
}

/* The Notifier's unk_buf, which Start* ops point at from V13.0b4 (render.rs). */
static u64 agx_ms_notifier_buf(const struct agx_ms *m)
{
	return m->job->q->qctx->notifier->gpu_va + offsetof(struct agx_fw_notifier, state.unk_buf);
}

/* The address of a field of the command being built (a RunVertex, RunFragment, RunCompute). */
#define AGX_CMD_FIELD(m, type, field)	((m)->cmd_va + offsetof(struct type, field))

/*
 * The GPU statistics a pipe's Start and Finalize operations point at: the inner stats of
 * RuntimePointers' vertex and fragment buffers, the compute buffer itself (render.rs,
 * compute.rs).
 */
static u64 agx_ms_stats(const struct agx_ms *m)
{
	const struct agx_gpu_init *in = &m->job->q->gpu->init;

	switch (m->a->start_op) {
	case AGX_OP_START_VERTEX:
		return in->stats_vtx->gpu_va + offsetof(struct agx_fw_stats_vtx, stats);
	case AGX_OP_START_FRAGMENT:
		return in->stats_frag->gpu_va + offsetof(struct agx_fw_stats_frag, stats);
	default:
		return in->stats_comp->gpu_va;
	}
}

/* StartVertex: it points at the RunVertex's parameters; no clustering (unk_178). */
static size_t agx_ms_start_vertex(const struct agx_ms *m, struct agx_fw_op_start_vertex *v)
{
	const struct agx_run_args *a = m->a;

	*v = (struct agx_fw_op_start_vertex){ .header = a->start_op,
		.tiling_params = AGX_CMD_FIELD(m, agx_fw_run_vertex, tiling_params),
		.job_params1 = AGX_CMD_FIELD(m, agx_fw_run_vertex, job_params1),
		.buffer = a->tvb->buffer, .scene = a->tvb->scene, .stats = agx_ms_stats(m),
		.work_queue = m->info_va, .vm_slot = a->vm_slot, .unk_38 = 1,
		.event_generation = m->job->q->qctx->id, .buffer_slot = a->tvb->slot,
		.event_seq = m->w->value / AGX_STAMP_STEP,
		.unk_pointer = AGX_CMD_FIELD(m, agx_fw_run_vertex, unk_pointee),
		.unk_job_buf = AGX_CMD_FIELD(m, agx_fw_run_vertex, unk_buf_0),
		.uuid = m->uuid, .counter = a->counter, .notifier_buf = agx_ms_notifier_buf(m),
		.unk_178 = 1 };
	agx_ms_attachments(m, &v->attachments);
	return sizeof(*v);
}

/* StartFragment: it points at the RunFragment, its parameters and flags. */
static size_t agx_ms_start_fragment(const struct agx_ms *m, struct agx_fw_op_start_fragment *f)
{
	const struct agx_run_args *a = m->a;

	*f = (struct agx_fw_op_start_fragment){ .header = a->start_op,
		.job_params2 = AGX_CMD_FIELD(m, agx_fw_run_fragment, job_params2),
		.job_params1 = AGX_CMD_FIELD(m, agx_fw_run_fragment, job_params1),
		.scene = a->tvb->scene, .stats = agx_ms_stats(m),
		.busy_flag = AGX_CMD_FIELD(m, agx_fw_run_fragment, busy_flag),
		.tvb_overflow_count = AGX_CMD_FIELD(m, agx_fw_run_fragment, tvb_overflow_count),
		.unk_pointer = AGX_CMD_FIELD(m, agx_fw_run_fragment, unk_pointee),
		.work_queue = m->info_va, .work_item = m->cmd_va, .vm_slot = a->vm_slot,
		.unk_50 = 1, .event_generation = m->job->q->qctx->id,
		.buffer_slot = a->tvb->slot, .event_seq = m->w->value / AGX_STAMP_STEP,
		.unk_758_flag = AGX_CMD_FIELD(m, agx_fw_run_fragment, unk_758_flag),
		.unk_job_buf = AGX_CMD_FIELD(m, agx_fw_run_fragment, unk_buf_0),
		.uuid = m->uuid, .counter = a->counter, .notifier_buf = agx_ms_notifier_buf(m) };
	agx_ms_attachments(m, &f->attachments);
	return sizeof(*f);
}

/* StartCompute: it points at the RunCompute's parameters. */
static size_t agx_ms_start_compute(const struct agx_ms *m, struct agx_fw_op_start_compute *c)
{
	const struct agx_run_args *a = m->a;

	*c = (struct agx_fw_op_start_compute){ .header = a->start_op,
		.job_params1 = AGX_CMD_FIELD(m, agx_fw_run_compute, job_params1),
		.job_params2 = AGX_CMD_FIELD(m, agx_fw_run_compute, job_params2),
		.unk_flag = AGX_CMD_FIELD(m, agx_fw_run_compute, unk_flag),
		.stats = agx_ms_stats(m), .work_queue = m->info_va, .vm_slot = a->vm_slot,
		.unk_28 = 1,
		.event_generation = m->job->q->qctx->id, .event_seq = m->w->value / AGX_STAMP_STEP,
		.uuid = m->uuid, .counter = a->counter, .notifier_buf = agx_ms_notifier_buf(m) };
	agx_ms_attachments(m, &c->attachments);
	return sizeof(*c);
}

/* Start* as queue/render.rs and compute.rs fill it. Returns its size. */
static size_t agx_ms_start(const struct agx_ms *m, void *p)
{
	switch (m->a->start_op) {
	case AGX_OP_START_VERTEX:
		return agx_ms_start_vertex(m, p);
	case AGX_OP_START_FRAGMENT:
		return agx_ms_start_fragment(m, p);
	default:
		return agx_ms_start_compute(m, p);
	}
}

/*
 * A Timestamp op writing the time to the VA held in the command's start_ts (@start) or
 * end_ts field.
 */
static size_t agx_ms_timestamp(const struct agx_ms *m, void *p, bool start)
{
	struct agx_fw_op_timestamp *t = p;
	size_t field[4];

	agx_run_ts_fields(m->a->tag, field);
	*t = (struct agx_fw_op_timestamp){
		.header = AGX_OP_TIMESTAMP | (start ? AGX_OP_TIMESTAMP_START : 0),
		.cur_ts = m->cmd_va + field[0], .start_ts = m->cmd_va + field[1],
		.update_ts = m->cmd_va + field[start ? 1 : 2], .work_queue = m->info_va,
		.unk_ts = m->cmd_va + field[3], .uuid = m->uuid };
	return sizeof(*t);
}

/* The WaitForIdle op of the layout (WaitForIdle2 has no pipe argument). */
static size_t agx_ms_wait_idle(const struct agx_ms *m, void *p)
{
	u32 op = m->job->q->gpu->layout->op_wait_idle;

	((struct agx_fw_op_header *)p)->header = op == AGX_OP_WAIT_FOR_IDLE ?
		AGX_OP_WAIT_FOR_IDLE_HDR(m->a->idle_mask) : op;
	return sizeof(struct agx_fw_op_header);
}

/* Finalize* on the slot's FwStamp; @back is the offset of the Start* op from it. */
static size_t agx_ms_finalize(const struct agx_ms *m, void *p, s32 back)
{
	const struct agx_run_args *a = m->a;
	u64 fw_stamp = agx_event_fw_stamp_va(m->job->q->gpu, m->slot);
	struct agx_fw_op_finalize_fragment *f = p;
	struct agx_fw_op_finalize_compute *c = p;
	struct agx_fw_op_finalize_vertex *v = p;
	u32 has_att = agx_ms_attachments(m, NULL) > 0;

	switch (a->start_op) {
	case AGX_OP_START_VERTEX:
		*v = (struct agx_fw_op_finalize_vertex){ .header = AGX_OP_FINALIZE_VERTEX,
			.scene = a->tvb->scene, .buffer = a->tvb->buffer, .stats = agx_ms_stats(m),
			.work_queue = m->info_va, .vm_slot = a->vm_slot,
			.unk_pointer = AGX_CMD_FIELD(m, agx_fw_run_vertex, unk_pointee),
			.uuid = m->uuid, .fw_stamp = fw_stamp, .stamp_value = m->w->value,
			.restart_branch_offset = back, .has_attachments = has_att };
		return sizeof(*v);
	case AGX_OP_START_FRAGMENT:
		*f = (struct agx_fw_op_finalize_fragment){ .header = AGX_OP_FINALIZE_FRAGMENT,
			.uuid = m->uuid, .fw_stamp = fw_stamp, .stamp_value = m->w->value,
			.scene = a->tvb->scene, .buffer = a->tvb->buffer, .unk_2c = 1,
			.stats = agx_ms_stats(m),
			.unk_pointer = AGX_CMD_FIELD(m, agx_fw_run_fragment, unk_pointee),
			.busy_flag = AGX_CMD_FIELD(m, agx_fw_run_fragment, busy_flag),
			.work_queue = m->info_va, .work_item = m->cmd_va, .vm_slot = a->vm_slot,
			.unk_758_flag = AGX_CMD_FIELD(m, agx_fw_run_fragment, unk_758_flag),
			.restart_branch_offset = back, .has_attachments = has_att };
		return sizeof(*f);
	default:
		*c = (struct agx_fw_op_finalize_compute){ .header = AGX_OP_FINALIZE_COMPUTE,
			.stats = agx_ms_stats(m),
			.job_params2 = AGX_CMD_FIELD(m, agx_fw_run_compute, job_params2),
			.unk_flag = AGX_CMD_FIELD(m, agx_fw_run_compute, unk_flag),
			.work_queue = m->info_va, .vm_slot = a->vm_slot, .uuid = m->uuid,
			.fw_stamp = fw_stamp, .stamp_value = m->w->value,
			.restart_branch_offset = back, .has_attachments = has_att };
		return sizeof(*c);
	}
}

/*
 * The microsequence of render.rs / compute.rs at @base: Start*, [Timestamp start],
 * WaitForIdle, [Timestamp end], Finalize*, RetireStamp. Returns its size in bytes.
 */
static size_t agx_ms_build(const struct agx_ms *m, u8 *base)
{
	bool ts = m->a->ts->start || m->a->ts->end;
	size_t off = agx_ms_start(m, base);

	if (ts)
		off += agx_ms_timestamp(m, base + off, true);
	off += agx_ms_wait_idle(m, base + off);
	if (ts)
		off += agx_ms_timestamp(m, base + off, false);
	off += agx_ms_finalize(m, base + off, -(s32)off);
	((struct agx_fw_op_header *)(base + off))->header = AGX_OP_RETIRE_STAMP_HDR;
	return off + sizeof(struct agx_fw_op_header);
}

/* The microsequence of @w, in gpu_ro; its size in @w->microseq_size. */
static int agx_build_microseq(struct agx_job *job, struct agx_fw_work *w,
			      const struct agx_run_args *a, u64 info_va, u32 slot, u32 uuid)
{
	struct agx_ms m = { .job = job, .w = w, .a = a, .info_va = info_va,
			    .cmd_va = w->cmd->gpu_va, .slot = slot, .uuid = uuid };

	w->microseq = agx_fwobj_alloc(job->q->gpu->mmu, AGX_POOL_GPU_RO, AGX_MICROSEQ_MAX_SIZE,
				      "Microseq");
	if (IS_ERR(w->microseq)) {
		int err = PTR_ERR(w->microseq);

		w->microseq = NULL;
		return err;
	}
	memset(w->microseq->cpu, 0, AGX_MICROSEQ_MAX_SIZE);
	w->microseq_size = agx_ms_build(&m, w->microseq->cpu);
	return 0;
}

/* The job meta of a Run* command (fw/job.rs JobMeta; asahi-agx-driver.md §1.4). */
static void agx_fill_meta(struct agx_queue *q, const struct agx_run_args *a, int slot,
			  struct agx_fw_job_meta *meta)
{
	meta->stamp = agx_event_stamp_va(q->gpu, slot);
	meta->fw_stamp = agx_event_fw_stamp_va(q->gpu, slot);
	meta->stamp_value = a->value;
	meta->stamp_slot = slot;
	meta->uuid = q->cmd_id;
	meta->event_seq = a->value / AGX_STAMP_STEP;
}

/*
 * RunCompute as queue/compute.rs fills it for G13/G14: the control stream and its end,
 * the preemption buffer's five parts, the sampler heap, the constants of its job
 * parameters; no helper program.
 */
static void agx_fill_compute(struct agx_queue *q, const struct agx_run_args *a,
			     struct agx_fw_work *w, int slot)
{
	const struct agx_job_desc *d = a->desc;
	struct agx_fw_run_compute *c = w->cmd->cpu;

	memset(c, 0, sizeof(*c));
	c->tag = AGX_CMD_RUN_COMPUTE;
	c->counter = a->counter;
	c->vm_slot = a->vm_slot;
	c->notifier = q->qctx->notifier->gpu_va;
	c->job_params1.cdm_ctrl_stream_base = a->ctrl;
	c->job_params1.preempt_buf1 = w->preempt->gpu_va;
	c->job_params1.preempt_buf2 = w->preempt->gpu_va + q->gpu->init.compute_preempt1_size;
	c->job_params1.preempt_buf3 = c->job_params1.preempt_buf2 + sizeof(u64);
	c->job_params1.preempt_buf4 = c->job_params1.preempt_buf3 + sizeof(u64);
	c->job_params1.preempt_buf5 = c->job_params1.preempt_buf4 + sizeof(u64);
	c->job_params1.pipeline_base = d->usc_exec_base;
	c->job_params1.unk_38 = 0x8c60;
	c->job_params1.unk_58 = 1;
	c->microsequence = w->microseq->gpu_va;
	c->microsequence_size = w->microseq_size;
	c->job_params2.encoder_end = d->ctrl_stream_end;
	c->encoder_params.sampler_array = d->sampler_heap;
	c->encoder_params.sampler_count = d->sampler_count;
	c->encoder_params.sampler_max = d->sampler_count ? d->sampler_count + 1 : 0;
	agx_fill_meta(q, a, slot, &c->meta);
	c->start_ts = a->ts->start;
	c->end_ts = a->ts->end;
}

/* A render's RunVertex or RunFragment (driver/queue/render.c). */
static void agx_fill_render(struct agx_queue *q, const struct agx_run_args *a,
			    struct agx_fw_work *w, int slot)
{
	struct agx_fw_job_meta meta = {};
	struct agx_render_cmd c = {
		.layout = q->gpu->layout, .render = &a->desc->render, .ctrl_stream = a->ctrl,
		.tiling = a->tiling,
		.vm_slot = a->vm_slot, .counter = a->counter,
		.notifier = q->qctx->notifier->gpu_va, .microsequence = w->microseq->gpu_va,
		.microsequence_size = w->microseq_size, .meta = &meta, .start_ts = a->ts->start,
		.end_ts = a->ts->end, .client_sequence = q->qctx->id & 0xff,
		.usc_exec_base = a->desc->usc_exec_base, .tvb = a->tvb,
		.core_masks = q->gpu->ident.core_masks,
	};

	agx_fill_meta(q, a, slot, &meta);
	if (a->tag == AGX_CMD_RUN_VERTEX)
		agx_render_fill_vertex(&c, a->frag_slot, a->frag_value, w->cmd->cpu);
	else
		agx_render_fill_fragment(&c, w->cmd->cpu);
}

/*
 * Fill the Run* command of @w and its job meta (asahi-agx-driver.md §1.4, §2.9), and
 * zero the AGX_FW_RUN_TAIL bytes after it.
 */
static void agx_fill_run(struct agx_job *job, const struct agx_run_args *a,
			 struct agx_fw_work *w, int slot)
{
	memset((u8 *)w->cmd->cpu + agx_fw_run_size(a->tag), 0, AGX_FW_RUN_TAIL);
	if (a->tag == AGX_CMD_RUN_COMPUTE)
		agx_fill_compute(job->q, a, w, slot);
	else
		agx_fill_render(job->q, a, w, slot);
}

/*
 * A compute command's preemption buffer in the queue's heap: compute_preempt1_size bytes,
 * then four u64 (compute.rs); the command holds it and a heap reference until it is freed.
 */
static int agx_compute_preempt(struct agx_queue *q, struct agx_fw_work *w)
{
	size_t size = q->gpu->init.compute_preempt1_size + 4 * sizeof(u64);

	w->preempt = agx_heap_alloc(q->heap, AGX_HEAP_GPU, size, "CPMT");
	if (IS_ERR(w->preempt))
		return PTR_ERR(w->preempt);
	w->heap = agx_heap_get(q->heap);
	return 0;
}

static int agx_build_run(struct agx_job *job, const struct agx_run_args *a)
{
	struct agx_queue *q = job->q;
	struct agx_fw_wq *wq = q->wq[a->pipe];
	int slot = agx_fw_wq_slot(wq);
	struct agx_fw_work *w;
	int ret;

	lockdep_assert_held(&q->submit_lock);
	w = agx_work_alloc(job, a->pipe, AGX_POOL_GPU_RO,
			   agx_fw_run_size(a->tag) + AGX_FW_RUN_TAIL, "RunCmd");
	if (IS_ERR(w))
		return PTR_ERR(w);
	w->value = a->value;
	w->vm_slot = a->vm_slot;
	w->fence = job->fence;
	dma_fence_get(&job->fence->base);
	if (a->scene)
		w->scene = agx_fw_scene_get(a->scene);
	if (a->tag == AGX_CMD_RUN_COMPUTE) {
		ret = agx_compute_preempt(q, w);
		if (ret)
			return ret;
	}
	ret = agx_build_microseq(job, w, a, wq->info->gpu_va, slot, ++q->cmd_id);
	if (ret)
		return ret;
	agx_fill_run(job, a, w, slot);
	job->ncmds++;
	job->last_value[a->pipe] = a->value;
	return 0;
}

static int agx_job_begin(struct agx_job *job, unsigned int pipe)
{
	int ret = agx_fw_wq_job_begin(job->q->wq[pipe]);

	if (!ret)
		job->begun[pipe] = true;
	return ret;
}

/* Explicit barrier on another pipe's last command, if it has one in flight. */
static int agx_build_user_barrier(struct agx_job *job, unsigned int pipe,
				  unsigned int other, u32 value)
{
	int slot;
	u32 last;

	/* one snapshot: the receive path may release an idle work queue's slot at any time */
	if (!agx_fw_wq_last(job->q->wq[other], &slot, &last))
		return 0;	/* idle: everything it ran is complete */
	return agx_build_barrier(job, pipe, slot, last, value, AGX_BARRIER_UUID_USER, 1);
}

/* The fragment half of a render: the implicit barrier on the vertex command, RunFragment. */
static int agx_build_fragment(struct agx_job *job, const struct agx_job_desc *desc,
			      struct agx_run_args *a, u32 vval, u32 fval)
{
	struct agx_queue *q = job->q;
	int ret;

	/* implicit vertex -> fragment barrier: internal type 0, uuid = 3D id (§2.8) */
	ret = agx_build_barrier(job, AGX_PIPE_FRAG, agx_fw_wq_slot(q->wq[AGX_PIPE_VTX]), vval, fval,
				q->cmd_id + 1, 0);
	if (ret)
		return ret;
	a->pipe = AGX_PIPE_FRAG;
	a->tag = AGX_CMD_RUN_FRAGMENT;
	a->start_op = AGX_OP_START_FRAGMENT;
	a->idle_mask = AGX_IDLE_FRAGMENT;
	a->value = fval;
	a->counter = a->counter - 1;	/* fragment n, vertex n + 1 (render.rs) */
	a->ts = &desc->ts[1];
	return agx_build_run(job, a);
}

/*
 * The InitBuffer binding the render's buffer-manager slot to its buffer, before the
 * RunVertex (queue/render.rs: after a new binding or a growth). It is complete with @value.
 */
static int agx_build_init_buffer(struct agx_job *job, struct agx_fw_scene *scene, u32 vm_slot,
				 u32 value)
{
	struct agx_fw_work *w = agx_work_alloc(job, AGX_PIPE_VTX, AGX_POOL_PRIVATE,
					       sizeof(struct agx_fw_cmd_init_buffer), "InitBuffer");

	if (IS_ERR(w))
		return PTR_ERR(w);
	w->value = value;
	w->vm_slot = vm_slot;
	w->scene = agx_fw_scene_get(scene);
	agx_fw_scene_init_buffer(scene, vm_slot, value, w->cmd->cpu);
	return 0;
}

/* Barrier, InitBuffer and RunVertex on the vertex pipe, then the fragment half. */
static int agx_build_render_cmds(struct agx_job *job, const struct agx_job_desc *desc,
				 struct agx_run_args *a)
{
	struct agx_queue *q = job->q;
	u32 vval, fval;
	int ret;

	ret = agx_job_begin(job, AGX_PIPE_VTX);
	if (!ret)
		ret = agx_job_begin(job, AGX_PIPE_FRAG);
	if (ret)
		return ret;
	vval = agx_fw_wq_next_value(q->wq[AGX_PIPE_VTX]);
	fval = agx_fw_wq_next_value(q->wq[AGX_PIPE_FRAG]);
	if (desc->barrier) {
		ret = agx_build_user_barrier(job, AGX_PIPE_VTX, AGX_PIPE_COMP, vval);
		if (ret)
			return ret;
	}
	if (a->scene->needs_init) {
		ret = agx_build_init_buffer(job, a->scene, a->vm_slot, vval);
		if (ret)
			return ret;
	}
	a->value = vval;
	a->counter = q->fw_counter + 1;
	q->fw_counter += 2;
	a->frag_slot = agx_fw_wq_slot(q->wq[AGX_PIPE_FRAG]);
	a->frag_value = fval;
	ret = agx_build_run(job, a);
	if (ret)
		return ret;
	return agx_build_fragment(job, desc, a, vval, fval);
}

/* The queue's TVB buffer, created at its first render. */
static struct agx_fw_buffer *agx_queue_buffer(struct agx_queue *q)
{
	struct agx_fw_buffer *buf;

	lockdep_assert_held(&q->submit_lock);
	if (q->buf)
		return q->buf;
	buf = agx_fw_buffer_create(q->gpu, q->heap);
	if (!IS_ERR(buf))
		q->buf = buf;
	return buf;
}

/* The render's scene, in the queue's buffer grown for it. */
static struct agx_fw_scene *agx_render_scene(struct agx_queue *q, const struct agx_tiling *t)
{
	struct agx_fw_scene_size size = { .tilemap_size = t->tilemap_size,
		.tpc_size = t->tpc_size, .min_blocks = t->min_blocks, .layers = t->layers };
	struct agx_fw_buffer *buf = agx_queue_buffer(q);

	if (IS_ERR(buf))
		return ERR_CAST(buf);
	return agx_fw_scene_create(buf, &size);
}

/* What the render's commands point at, from its scene. */
static void agx_render_tvb_of(const struct agx_fw_scene *sc, struct agx_render_tvb *t)
{
	*t = (struct agx_render_tvb){ .slot = sc->slot, .buffer = sc->buf->info->gpu_va,
		.scene = sc->obj->gpu_va, .kbuf = sc->buf->kbuf->gpu_va,
		.tilemap = sc->tilemap->gpu_va, .tpc = sc->tpc->obj->gpu_va,
		.tpc_size = sc->tpc_size, .heapmeta = sc->heapmeta->gpu_va,
		.preempt = sc->preempt->gpu_va, .aux_fb = sc->aux_fb->gpu_va };
}

static int agx_build_render(struct agx_job *job, const struct agx_job_desc *desc, u32 vm_slot)
{
	struct agx_render_tvb tvb;
	struct agx_tiling tiling;
	struct agx_run_args a = {
		.pipe = AGX_PIPE_VTX, .tag = AGX_CMD_RUN_VERTEX, .start_op = AGX_OP_START_VERTEX,
		.idle_mask = AGX_IDLE_VERTEX, .ctrl = desc->ctrl_stream, .desc = desc,
		.ts = &desc->ts[0], .vm_slot = vm_slot, .tiling = &tiling, .tvb = &tvb,
	};
	int ret;

	lockdep_assert_held(&job->q->submit_lock);
	agx_render_tiling(&desc->render, &tiling);	/* its geometry checked at submit */
	a.scene = agx_render_scene(job->q, &tiling);
	if (IS_ERR(a.scene))
		return PTR_ERR(a.scene);
	agx_render_tvb_of(a.scene, &tvb);
	ret = agx_build_render_cmds(job, desc, &a);
	if (!ret)
		agx_fw_scene_commit(a.scene);
	/* the commands hold their own references */
	agx_fw_scene_put(a.scene);
	return ret;
}

static int agx_build_compute(struct agx_job *job, const struct agx_job_desc *desc,
			     u32 vm_slot)
{
	struct agx_run_args a = {
		.pipe = AGX_PIPE_COMP, .tag = AGX_CMD_RUN_COMPUTE, .start_op = AGX_OP_START_COMPUTE,
		.idle_mask = AGX_IDLE_COMPUTE, .ctrl = desc->ctrl_stream, .desc = desc,
		.ts = &desc->ts[0], .vm_slot = vm_slot,
	};
	struct agx_queue *q = job->q;
	u32 val;
	int ret;

	lockdep_assert_held(&q->submit_lock);
	ret = agx_job_begin(job, AGX_PIPE_COMP);
	if (ret)
		return ret;
	val = agx_fw_wq_next_value(q->wq[AGX_PIPE_COMP]);
	if (desc->barrier) {
		ret = agx_build_user_barrier(job, AGX_PIPE_COMP, AGX_PIPE_FRAG, val);
		if (ret)
			return ret;
	}
	a.value = val;
	a.counter = q->fw_counter++;
	return agx_build_run(job, &a);
}

/* The checks of a descriptor (a render's geometry is the firmware's to tile). */
static bool agx_job_desc_ok(const struct agx_job_desc *desc)
{
	if (desc->natt > AGX_JOB_MAX_ATT || desc->ndeps > AGX_JOB_MAX_DEPS)
		return false;
	if (desc->type == AGX_JOB_COMPUTE)
		return !desc->nfrag_att;
	return desc->type == AGX_JOB_RENDER && desc->nfrag_att <= desc->natt &&
	       !agx_render_geometry_check(&desc->render);
}

/*
 * A job of @q with the dependencies of @desc, not yet built. The job holds a queue
 * reference; once jq_job_init() succeeded it is freed by jq_job_put() (free_job).
 */
static struct agx_job *agx_job_create(struct agx_queue *q, const struct agx_job_desc *desc)
{
	struct agx_job *job = kzalloc(sizeof(*job), GFP_KERNEL);
	unsigned int i;
	int ret;

	if (!job)
		return ERR_PTR(-ENOMEM);
	ret = jq_job_init(&job->base, q->jq, 1);
	if (ret) {
		kfree(job);
		return ERR_PTR(ret);
	}
	atomic_inc(&agx_jobs_alive);
	kref_get(&q->ref);
	job->q = q;
	for (i = 0; i < desc->ndeps; i++) {
		ret = jq_job_add_dependency(&job->base, dma_fence_get(desc->deps[i]));
		if (ret) {
			jq_job_put(&job->base);
			return ERR_PTR(ret);
		}
	}
	return job;
}

/* Build @job's hardware fence and firmware commands, in @q's value order. */
static int agx_queue_build(struct agx_queue *q, struct agx_job *job,
			   const struct agx_job_desc *desc, u32 vm_slot)
{
	int ret;

	lockdep_assert_held(&q->submit_lock);
	job->fence = agx_hw_fence_create(q->fence_ctx, ++q->seqno,
					 desc->type == AGX_JOB_RENDER ? 2 : 1);
	if (!job->fence)
		return -ENOMEM;
	if (desc->type == AGX_JOB_RENDER)
		ret = agx_build_render(job, desc, vm_slot);
	else
		ret = agx_build_compute(job, desc, vm_slot);
	if (ret)
		return ret;
	if (q->gpu->threshold_at_submit) {
		struct agx_fw_threshold *thr = q->qctx->threshold->cpu;

		/* the old, deadlocking behaviour (asahi-agx-driver.md §2.7), for tests */
		WRITE_ONCE(thr->value, READ_ONCE(thr->value) + job->ncmds);
	}
	return 0;
}

/* Build, arm and push @job under the submit lock: its finished fence, or an ERR_PTR. */
static struct dma_fence *agx_queue_push(struct agx_queue *q, struct agx_job *job,
					const struct agx_job_desc *desc, u32 vm_slot)
{
	struct dma_fence *fence;
	int ret;

	mutex_lock(&q->submit_lock);
	ret = agx_queue_build(q, job, desc, vm_slot);
	if (ret) {
		mutex_unlock(&q->submit_lock);
		return ERR_PTR(ret);
	}
	jq_job_arm(&job->base);
	fence = dma_fence_get(jq_job_finished_fence(&job->base));
	jq_job_push(&job->base);
	mutex_unlock(&q->submit_lock);
	return fence;
}

/**
 * agx_queue_submit() - build a job into firmware commands and push it
 * @q: the queue.
 * @desc: the job.
 *
 * Collects the firmware pools' garbage when a threshold is reached (a firmware cache
 * flush, bounded wait), binds the queue's VM (the slot goes into every command), takes
 * event slots (waiting interruptibly while all 128 are taken), allocates and fills the
 * commands, adds the dependencies, arms and pushes the job.
 *
 * Context: process context; may sleep.
 * Return: the job's finished fence (a new reference, the caller's); ERR_PTR(-ENODEV) if
 * the firmware crashed or the queue was destroyed; ERR_PTR(-ERESTARTSYS) if interrupted
 * while waiting for an event slot; ERR_PTR(-EINVAL) for a bad descriptor; other
 * allocation or VM-slot errors.
 */
struct dma_fence *agx_queue_submit(struct agx_queue *q, const struct agx_job_desc *desc)
{
	struct dma_fence *fence;
	struct agx_job *job;
	int slot;

	if (!agx_job_desc_ok(desc))
		return ERR_PTR(-EINVAL);
	if (agx_gpu_is_crashed(q->gpu))
		return ERR_PTR(-ENODEV);
	/*
	 * Collect the cached pools' garbage here, when a threshold is reached, as the Asahi
	 * driver does at command build: a long-lived queue frees 5 gpu_ro objects per render
	 * and nothing else would collect them until a queue is created or a context destroyed.
	 * A failed flush leaves the garbage for the next build.
	 */
	agx_mmu_gc(q->gpu->mmu);
	job = agx_job_create(q, desc);
	if (IS_ERR(job))
		return ERR_CAST(job);
	slot = agx_vm_bind(agx_heap_vm(q->heap));
	if (slot < 0) {
		jq_job_put(&job->base);
		return ERR_PTR(slot);
	}
	job->vm_bound = true;
	fence = agx_queue_push(q, job, desc, slot);
	/*
	 * Pushed, the queue holds the job now (R2); else free_job undoes what was built.
	 * Either way, drop the reference jq_job_init() gave us.
	 */
	jq_job_put(&job->base);
	return fence;
}
EXPORT_SYMBOL_GPL(agx_queue_submit);

/* A queue with one reference (the creator's) on @gpu and @heap; no firmware objects yet. */
static struct agx_queue *agx_queue_alloc(struct agx_gpu *gpu, struct agx_heap *heap, u32 prio)
{
	struct agx_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!q)
		return NULL;
	atomic_inc(&agx_queues_alive);
	kref_init(&q->ref);
	mutex_init(&q->submit_lock);
	q->gpu = agx_gpu_get(gpu);
	INIT_LIST_HEAD(&q->user.link);
	q->user.unbind = agx_queue_unbind;
	q->prio = prio;
	q->heap = agx_heap_get(heap);
	q->fence_ctx = dma_fence_context_alloc(1);
	return q;
}

/* The queue context and the three firmware work queues; left for agx_queue_release(). */
static int agx_queue_create_fw(struct agx_queue *q)
{
	unsigned int p;
	int ret;

	q->qctx = agx_fw_qctx_create(q->gpu);
	if (IS_ERR(q->qctx)) {
		ret = PTR_ERR(q->qctx);
		q->qctx = NULL;
		return ret;
	}
	for (p = 0; p < AGX_PIPES; p++) {
		q->wq[p] = agx_fw_wq_create(q->gpu, q->qctx, p, q->prio);
		if (IS_ERR(q->wq[p])) {
			ret = PTR_ERR(q->wq[p]);
			q->wq[p] = NULL;
			return ret;
		}
	}
	return 0;
}

/**
 * agx_queue_create() - create an AGX queue
 * @gpu: the GPU.
 * @heap: the kernel-range heap of the VM its jobs run in (agx_heap_create()); the queue
 *	takes a reference on it and on its VM.
 * @prio: priority 0..3 (selects the pipe channels and doorbells).
 *
 * The queue holds a reference on @gpu until it is freed, and is killed if the device is
 * unbound first. Its TVB buffer (driver/fw/buffer.c) is allocated in @heap at its first
 * render.
 *
 * Context: process context; may sleep; takes the GPU's users mutex.
 * Return: the queue, owned by the caller until agx_queue_destroy(); ERR_PTR(-EINVAL) for a
 * bad priority; ERR_PTR(-ENODEV) after a firmware crash or an unbind; ERR_PTR(-ENOMEM).
 */
struct agx_queue *agx_queue_create(struct agx_gpu *gpu, struct agx_heap *heap, u32 prio)
{
	struct jq_queue_args args = {
		.ops = &agx_queue_ops,
		.name = "agx-queue",
		.credit_limit = AGX_WQ_SIZE,	/* asahi-agx-driver.md §1.2 */
		.timeout = msecs_to_jiffies(gpu->job_timeout_ms),
		.wq = gpu->wq,
	};
	struct agx_queue *q;
	int ret;

	if (prio >= AGX_NUM_PRIOS)
		return ERR_PTR(-EINVAL);
	if (agx_gpu_is_crashed(gpu))
		return ERR_PTR(-ENODEV);
	agx_mmu_gc(gpu->mmu);
	q = agx_queue_alloc(gpu, heap, prio);
	if (!q)
		return ERR_PTR(-ENOMEM);
	ret = agx_queue_create_fw(q);
	if (ret)
		goto err;
	args.priv = q;
	q->jq = jq_queue_create(&args);
	if (IS_ERR(q->jq)) {
		ret = PTR_ERR(q->jq);
		q->jq = NULL;
		goto err;
	}
	ret = agx_gpu_add_user(gpu, &q->user);
	if (ret) {
		jq_queue_put(q->jq);
		goto err;
	}
	return q;
err:
	agx_queue_put(q);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(agx_queue_create);

/**
 * agx_queue_destroy() - destroy an AGX queue
 * @q: the queue; the caller's ownership ends.
 *
 * Kills the job queue: jobs not yet run are cancelled (-ECANCELED); jobs in the firmware
 * ring complete when the firmware retires them. Returns at once; firmware-visible objects
 * live on until the firmware is done, then the context is destroyed through device control.
 *
 * Context: process context; does not wait for the firmware; takes the GPU's users mutex.
 */
void agx_queue_destroy(struct agx_queue *q)
{
	/* after this an unbind no longer reaches q->jq */
	agx_gpu_del_user(q->gpu, &q->user);
	jq_queue_kill(q->jq, -ECANCELED);
	jq_queue_put(q->jq);
	q->jq = NULL;
	agx_queue_put(q);
}
EXPORT_SYMBOL_GPL(agx_queue_destroy);

/**
 * agx_queue_id() - the queue's firmware id
 * @q: the queue.
 *
 * Context: any.
 * Return: the id (QueueInfo uuid, notifier generation).
 */
unsigned int agx_queue_id(struct agx_queue *q)
{
	return q->qctx->id;
}

/**
 * agx_queue_live() - how many AGX queues and jobs are alive, over every GPU
 * @queues: set to the queues not yet freed (a destroyed queue lives until its last job).
 * @jobs: set to the jobs not yet freed (free_job).
 *
 * For leak checks once every user is gone: both are 0 then, unless something leaked.
 *
 * Context: any.
 */
void agx_queue_live(unsigned int *queues, unsigned int *jobs)
{
	*queues = atomic_read(&agx_queues_alive);
	*jobs = atomic_read(&agx_jobs_alive);
}
