// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: SUBMIT
 *
 * SUBMIT copies the sync array and the whole command buffer into the kernel once, checks
 * all of it, looks up every syncobj and takes every in-fence, and only then submits: a
 * malformed submit changes nothing. Each hardware command of the buffer (asahi-uapi.md
 * §3.11) becomes one job of the queue's AGX queue (driver/queue), in order:
 *
 * - RENDER: a render job; its control stream is @vdm_ctrl_stream_base; its attachments are
 *   those of the last SET_VERTEX_ATTACHMENTS and SET_FRAGMENT_ATTACHMENTS before it.
 * - COMPUTE: a compute job on @cdm_ctrl_stream_base, with the last SET_COMPUTE_ATTACHMENTS.
 * - Barriers (§4.4): the jobs of one queue run in submission order, so a wait on the own
 *   subqueue is always met; a wait on the other subqueue (a value other than
 *   DRM_ASAHI_BARRIER_NONE) makes the job wait for the queue's last job of that subqueue,
 *   which covers 0 and every N. N must not exceed the commands of that subqueue before it
 *   in the submit.
 *
 * The in-syncs are dependencies of the first job (the others follow it on the queue), up to
 * %AGX_SUBMIT_MAX_IN of them: Mesa waits on one syncobj per shared BO, so a submit may have
 * more waits than a job has dependency slots (%AGX_JOB_MAX_DEPS). The first
 * %AGX_JOB_MAX_DEPS - 1 are the job's own; the rest become one &struct dma_fence_array in
 * the last slot, built before anything runs. The out-syncs receive the finished fence of
 * the last job, which signals after every job of the submit (a queue's fences signal in
 * order). If submitting a later job fails, the
 * earlier ones run and the out-syncs are left unchanged.
 *
 * Timestamps (&struct drm_asahi_timestamps, asahi-uapi.md §3.13, §4.7): a handle of 0 is
 * none (its offset must be 0); otherwise the handle is a timestamp object of the file
 * (object.c) and the offset an 8-byte aligned offset with 8 bytes inside it. The job
 * carries the firmware VAs (&agx_job_desc.ts: [0] the compute or vertex command, [1] the
 * fragment command), where the firmware's Timestamp ops write the start and end GPU
 * times (asahi-agx-driver.md §1.4, §2.9). Each job holds a reference on every object its
 * timestamps point into, dropped by a callback on its finished fence: UNBIND or closing
 * the file while the job is in flight does not unmap them.
 *
 * A payload shorter than its struct reads as zeroes; bytes past the struct must be zero.
 * Not supported yet: more than %AGX_JOB_MAX_ATT attachments per command.
 */

#include <linux/dma-fence-array.h>
#include <linux/dma-fence-chain.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_syncobj.h>

#include "queue/agx_queue.h"
#include "object.h"
#include "queue.h"
#include "submit.h"

#define AGX_SUBMIT_MAX_CMDBUF	SZ_256K
#define AGX_SUBMIT_MAX_IN	256	/* waits: Mesa's shared BOs, each its own syncobj */
#define AGX_SUBMIT_MAX_OUT	64
#define AGX_SUBMIT_MAX_CMDS	64	/* max_commands_per_submission */
#define AGX_ATT_LINE		64	/* attachment sizes go to the firmware in cache lines */

/* One out-sync, looked up and with its timeline point allocated before anything runs. */
struct agx_out_sync {
	struct drm_syncobj *syncobj;
	struct dma_fence_chain *chain;
	u64 point;
};

/*
 * The timestamp objects one job writes into (a reference each, up to two timestamps of
 * two commands), released when the job's finished fence signals.
 */
struct agx_ts_hold {
	struct dma_fence_cb cb;
	struct agx_drm_object *obj[4];
	unsigned int n;
};

/*
 * Everything a submit needs, gathered and checked before the first job is pushed. Owns a
 * reference on each of @in and on @merged; the first job's dependencies borrow them.
 */
struct agx_submit {
	struct agx_drm_file *afile;
	struct agx_job_desc *desc;
	struct agx_ts_hold **holds;	/* per job, NULL: no timestamps */
	unsigned int ndesc;
	struct dma_fence **in;
	unsigned int nin;
	struct dma_fence *merged;	/* @in past the first AGX_JOB_MAX_DEPS - 1, or NULL */
	struct agx_out_sync *out;
	unsigned int nout;
};

/* Copy a payload into @dst: shorter reads as zeroes, longer must be zero past @len. */
static int agx_payload(void *dst, size_t len, const u8 *src, size_t size)
{
	memset(dst, 0, len);
	memcpy(dst, src, min(len, size));
	if (size > len && memchr_inv(src + len, 0, size - len))
		return -EINVAL;
	return 0;
}

/* Process context: drop the references of a job that was not pushed, or has signalled. */
static void agx_ts_hold_free(struct agx_ts_hold *h)
{
	unsigned int i;

	for (i = 0; i < h->n; i++)
		agx_drm_object_put(h->obj[i]);
	kfree(h);
}

/* The job's finished fence signalled: the firmware writes no more timestamps for it. */
static void agx_ts_hold_signalled(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct agx_ts_hold *h = container_of(cb, struct agx_ts_hold, cb);
	unsigned int i;

	for (i = 0; i < h->n; i++)
		agx_drm_object_put_async(h->obj[i]);
	kfree(h);
}

/* One timestamp of job @j: its firmware VA in *@va (0: none), its object held. */
static int agx_ts_resolve(struct agx_submit *s, unsigned int j,
			  const struct drm_asahi_timestamp *t, u64 *va)
{
	struct agx_ts_hold **h = &s->holds[j];
	struct agx_drm_object *obj;

	*va = 0;
	if (!t->handle)
		return t->offset ? -EINVAL : 0;
	if (t->offset % sizeof(u64))
		return -EINVAL;
	obj = agx_drm_object_lookup(s->afile, t->handle);
	if (!obj)
		return -ENOENT;
	if (!*h)
		*h = kzalloc(sizeof(**h), GFP_KERNEL);
	if (!*h) {
		agx_drm_object_put(obj);
		return -ENOMEM;
	}
	(*h)->obj[(*h)->n++] = obj;	/* released with the hold, on error too */
	if ((u64)t->offset + sizeof(u64) > agx_drm_object_size(obj))
		return -EINVAL;
	*va = agx_drm_object_va(obj, t->offset);
	return 0;
}

/* A start/end pair of job @j into @where. */
static int agx_ts_parse(struct agx_submit *s, unsigned int j,
			const struct drm_asahi_timestamps *ts, struct agx_job_ts *where)
{
	return agx_ts_resolve(s, j, &ts->start, &where->start) ?:
	       agx_ts_resolve(s, j, &ts->end, &where->end);
}

#define AGX_RENDER_FLAGS	(DRM_ASAHI_RENDER_VERTEX_SCRATCH |		\
				 DRM_ASAHI_RENDER_PROCESS_EMPTY_TILES |		\
				 DRM_ASAHI_RENDER_NO_VERTEX_CLUSTERING |	\
				 DRM_ASAHI_RENDER_DBIAS_IS_INT)

/* The fields of a render payload this driver checks (asahi-uapi.md §3.14). */
static int agx_render_check(const struct drm_asahi_cmd_render *rc)
{
	if (rc->flags & ~AGX_RENDER_FLAGS)
		return -EINVAL;
	return agx_render_geometry_check(rc);
}

static int agx_parse_attachments(struct agx_fw_attachment *att, unsigned int *natt,
				 const u8 *p, u16 size)
{
	struct drm_asahi_attachment a;
	unsigned int i, n = size / sizeof(a);

	if (size % sizeof(a) || n > AGX_JOB_MAX_ATT)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		memcpy(&a, p + i * sizeof(a), sizeof(a));
		if (a.pad || a.flags || !a.size ||
		    DIV_ROUND_UP_ULL(a.size, AGX_ATT_LINE) > U32_MAX)
			return -EINVAL;
		att[i].address = a.pointer;
		att[i].size = DIV_ROUND_UP_ULL(a.size, AGX_ATT_LINE);
		att[i].unk_c = 0;	/* fw/microseq.rs Attachment */
		att[i].unk_e = 0;
	}
	*natt = n;
	return 0;
}

/* The attachments of the last SET_*_ATTACHMENTS of each kind, while walking a buffer. */
struct agx_att_state {
	struct agx_fw_attachment vtx[AGX_JOB_MAX_ATT], frag[AGX_JOB_MAX_ATT];
	struct agx_fw_attachment comp[AGX_JOB_MAX_ATT];
	unsigned int nvtx, nfrag, ncomp;
};

static int agx_parse_set_att(struct agx_att_state *a, const struct drm_asahi_cmd_header *h,
			     const u8 *p)
{
	if (h->vdm_barrier != DRM_ASAHI_BARRIER_NONE || h->cdm_barrier != DRM_ASAHI_BARRIER_NONE)
		return -EINVAL;
	if (h->cmd_type == DRM_ASAHI_SET_VERTEX_ATTACHMENTS)
		return agx_parse_attachments(a->vtx, &a->nvtx, p, h->size);
	if (h->cmd_type == DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS)
		return agx_parse_attachments(a->frag, &a->nfrag, p, h->size);
	return agx_parse_attachments(a->comp, &a->ncomp, p, h->size);
}

/* A render command into job @j (§3.14): vertex and fragment timestamps, attachments. */
static int agx_parse_render(struct agx_submit *s, unsigned int j, const struct agx_att_state *a,
			    const struct drm_asahi_cmd_header *h, const u8 *p)
{
	struct agx_job_desc *d = &s->desc[j];
	struct drm_asahi_cmd_render rc;
	int ret;

	ret = agx_payload(&rc, sizeof(rc), p, h->size) ?: agx_render_check(&rc);
	if (!ret && a->nvtx + a->nfrag > AGX_JOB_MAX_ATT)
		ret = -EINVAL;
	ret = ret ?: agx_ts_parse(s, j, &rc.ts_vtx, &d->ts[0]) ?:
		     agx_ts_parse(s, j, &rc.ts_frag, &d->ts[1]);
	if (ret)
		return ret;
	d->type = AGX_JOB_RENDER;
	d->render = rc;
	d->ctrl_stream = rc.vdm_ctrl_stream_base;
	d->barrier = h->cdm_barrier != DRM_ASAHI_BARRIER_NONE;
	memcpy(d->att, a->vtx, a->nvtx * sizeof(a->vtx[0]));
	memcpy(d->att + a->nvtx, a->frag, a->nfrag * sizeof(a->frag[0]));
	d->natt = a->nvtx + a->nfrag;
	d->nfrag_att = a->nfrag;
	return 0;
}

/* A compute command into job @j (§3.15). */
static int agx_parse_compute(struct agx_submit *s, unsigned int j,
			     const struct agx_att_state *a,
			     const struct drm_asahi_cmd_header *h, const u8 *p)
{
	struct agx_job_desc *d = &s->desc[j];
	struct drm_asahi_cmd_compute cc;
	int ret;

	ret = agx_payload(&cc, sizeof(cc), p, h->size);
	if (!ret && cc.flags)
		ret = -EINVAL;
	ret = ret ?: agx_ts_parse(s, j, &cc.ts, &d->ts[0]);
	if (ret)
		return ret;
	d->type = AGX_JOB_COMPUTE;
	d->ctrl_stream = cc.cdm_ctrl_stream_base;
	d->ctrl_stream_end = cc.cdm_ctrl_stream_end;
	d->sampler_heap = cc.sampler_heap;
	d->sampler_count = cc.sampler_count;
	d->barrier = h->vdm_barrier != DRM_ASAHI_BARRIER_NONE;
	memcpy(d->att, a->comp, a->ncomp * sizeof(a->comp[0]));
	d->natt = a->ncomp;
	return 0;
}

/* A hardware command: a new job; its barriers count the commands before it (§4.4). */
static int agx_parse_hw_cmd(struct agx_submit *s, const struct agx_att_state *a,
			    const struct drm_asahi_cmd_header *h, const u8 *p,
			    unsigned int *renders, unsigned int *computes)
{
	unsigned int j = s->ndesc;

	if (j == AGX_SUBMIT_MAX_CMDS)
		return -EINVAL;
	if ((h->vdm_barrier != DRM_ASAHI_BARRIER_NONE && h->vdm_barrier > *renders) ||
	    (h->cdm_barrier != DRM_ASAHI_BARRIER_NONE && h->cdm_barrier > *computes))
		return -EINVAL;
	s->ndesc++;	/* so that agx_submit_fini() releases what the job holds */
	if (h->cmd_type == DRM_ASAHI_CMD_RENDER) {
		(*renders)++;
		return agx_parse_render(s, j, a, h, p);
	}
	(*computes)++;
	return agx_parse_compute(s, j, a, h, p);
}

/* Walk the command buffer into job descriptors (asahi-uapi.md §3.11 to §3.15, §4.4). */
static int agx_parse_cmdbuf(struct agx_submit *s, const u8 *buf, u32 len)
{
	unsigned int renders = 0, computes = 0;
	struct drm_asahi_cmd_header h;
	struct agx_att_state a = {};
	u32 off = 0;
	int ret;

	while (off < len) {
		if (len - off < sizeof(h))
			return -EINVAL;
		memcpy(&h, buf + off, sizeof(h));
		off += sizeof(h);
		if (h.size > len - off)
			return -EINVAL;
		switch (h.cmd_type) {
		case DRM_ASAHI_SET_VERTEX_ATTACHMENTS:
		case DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS:
		case DRM_ASAHI_SET_COMPUTE_ATTACHMENTS:
			ret = agx_parse_set_att(&a, &h, buf + off);
			break;
		case DRM_ASAHI_CMD_RENDER:
		case DRM_ASAHI_CMD_COMPUTE:
			ret = agx_parse_hw_cmd(s, &a, &h, buf + off, &renders, &computes);
			break;
		default:
			ret = -EINVAL;
		}
		if (ret)
			return ret;
		off += h.size;
	}
	return s->ndesc ? 0 : -EINVAL;
}

/* Look the syncs up: in-fences taken, out-syncobjs found, timeline points allocated. */
static int agx_parse_syncs(struct agx_submit *s, struct drm_file *file,
			   const struct drm_asahi_sync *syncs, u32 nin, u32 nout)
{
	const struct drm_asahi_sync *y;
	unsigned int i, j;
	int ret;

	for (i = 0; i < nin + nout; i++) {
		y = &syncs[i];
		if (y->sync_type != DRM_ASAHI_SYNC_SYNCOBJ &&
		    y->sync_type != DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ)
			return -EINVAL;
		if (i >= nin)
			continue;
		/* one wait per timeline syncobj (asahi-uapi.md §4.6) */
		for (j = 0; j < i; j++)
			if (syncs[j].handle == y->handle)
				return -EINVAL;
	}
	s->in = kvcalloc(nin ?: 1, sizeof(*s->in), GFP_KERNEL);
	if (!s->in)
		return -ENOMEM;
	for (i = 0; i < nin; i++) {
		y = &syncs[i];
		ret = drm_syncobj_find_fence(file, y->handle,
					     y->sync_type == DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ ?
					     y->timeline_value : 0, 0, &s->in[s->nin]);
		if (ret)
			return ret;
		s->nin++;
	}
	for (i = 0; i < nout; i++) {
		struct agx_out_sync *o = &s->out[s->nout];

		y = &syncs[nin + i];
		o->syncobj = drm_syncobj_find(file, y->handle);
		if (!o->syncobj)
			return -ENOENT;
		s->nout++;
		if (y->sync_type == DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ && y->timeline_value) {
			o->point = y->timeline_value;
			o->chain = dma_fence_chain_alloc();
			if (!o->chain)
				return -ENOMEM;
		}
	}
	return 0;
}

/*
 * The first job's dependencies: the in-fences, the ones past its slots merged into one
 * fence array that holds references of its own. Nothing is submitted yet if it fails.
 */
static int agx_submit_deps(struct agx_submit *s)
{
	const unsigned int direct = AGX_JOB_MAX_DEPS - 1;
	struct agx_job_desc *d = &s->desc[0];
	struct dma_fence_array *array;
	struct dma_fence **rest;
	unsigned int i, n;

	if (s->nin <= AGX_JOB_MAX_DEPS) {
		memcpy(d->deps, s->in, s->nin * sizeof(*s->in));
		d->ndeps = s->nin;
		return 0;
	}
	n = s->nin - direct;
	rest = kmalloc_array(n, sizeof(*rest), GFP_KERNEL);
	if (!rest)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		rest[i] = dma_fence_get(s->in[direct + i]);
	/* on success the array owns @rest and its references */
	array = dma_fence_array_create(n, rest, dma_fence_context_alloc(1), 1, false);
	if (!array) {
		for (i = 0; i < n; i++)
			dma_fence_put(rest[i]);
		kfree(rest);
		return -ENOMEM;
	}
	s->merged = &array->base;
	memcpy(d->deps, s->in, direct * sizeof(*s->in));
	d->deps[direct] = s->merged;
	d->ndeps = AGX_JOB_MAX_DEPS;
	return 0;
}

static void agx_submit_fini(struct agx_submit *s)
{
	unsigned int i;

	dma_fence_put(s->merged);
	for (i = 0; i < s->nin; i++)
		dma_fence_put(s->in[i]);
	kvfree(s->in);
	for (i = 0; s->holds && i < s->ndesc; i++)
		if (s->holds[i])
			agx_ts_hold_free(s->holds[i]);
	for (i = 0; i < s->nout; i++) {
		dma_fence_chain_free(s->out[i].chain);
		drm_syncobj_put(s->out[i].syncobj);
	}
	kvfree(s->out);
	kvfree(s->holds);
	kvfree(s->desc);
}

/* Job @j was pushed: its timestamp objects are released when @fence signals. */
static void agx_ts_hold_attach(struct agx_submit *s, unsigned int j, struct dma_fence *fence)
{
	struct agx_ts_hold *h = s->holds[j];

	if (!h)
		return;
	s->holds[j] = NULL;
	if (dma_fence_add_callback(fence, &h->cb, agx_ts_hold_signalled))
		agx_ts_hold_free(h);	/* signalled already */
}

/* Push the jobs; the out-syncs get the last job's finished fence. */
static int agx_submit_run(struct agx_submit *s, struct agx_drm_queue *queue)
{
	struct dma_fence *fence = NULL, *f;
	struct agx_out_sync *o;
	unsigned int i;

	for (i = 0; i < s->ndesc; i++) {
		s->desc[i].usc_exec_base = queue->usc_exec_base;
		f = agx_queue_submit(queue->q, &s->desc[i]);
		if (IS_ERR(f)) {
			dma_fence_put(fence);
			return PTR_ERR(f);
		}
		agx_ts_hold_attach(s, i, f);
		dma_fence_put(fence);
		fence = f;
	}
	for (i = 0; i < s->nout; i++) {
		o = &s->out[i];
		if (o->chain) {
			drm_syncobj_add_point(o->syncobj, o->chain, fence, o->point);
			o->chain = NULL;
		} else {
			drm_syncobj_replace_fence(o->syncobj, fence);
		}
	}
	dma_fence_put(fence);
	return 0;
}

/*
 * Allocate the submission's arrays and parse its command buffer (@args->cmdbuf, copied
 * from userspace and freed again). On failure what was allocated stays in @s for
 * agx_submit_fini().
 */
static int agx_submit_read_cmdbuf(struct agx_submit *s, const struct drm_asahi_submit *args)
{
	u8 *cmdbuf;
	int ret;

	s->desc = kvcalloc(AGX_SUBMIT_MAX_CMDS, sizeof(*s->desc), GFP_KERNEL);
	s->holds = kvcalloc(AGX_SUBMIT_MAX_CMDS, sizeof(*s->holds), GFP_KERNEL);
	s->out = kvcalloc(args->out_sync_count ?: 1, sizeof(*s->out), GFP_KERNEL);
	if (!s->desc || !s->holds || !s->out)
		return -ENOMEM;
	cmdbuf = kvmalloc(args->cmdbuf_size, GFP_KERNEL);
	if (!cmdbuf)
		return -ENOMEM;
	ret = -EFAULT;
	if (!copy_from_user(cmdbuf, u64_to_user_ptr(args->cmdbuf), args->cmdbuf_size))
		ret = agx_parse_cmdbuf(s, cmdbuf, args->cmdbuf_size);
	kvfree(cmdbuf);
	return ret;
}

/* Parse the in- and out-syncs (@args->syncs, copied from userspace and freed again). */
static int agx_submit_read_syncs(struct agx_submit *s, struct drm_file *file,
				 const struct drm_asahi_submit *args)
{
	struct drm_asahi_sync *syncs;
	int ret;

	if (!(args->in_sync_count + args->out_sync_count))
		return 0;
	syncs = vmemdup_array_user(u64_to_user_ptr(args->syncs),
				   args->in_sync_count + args->out_sync_count, sizeof(*syncs));
	if (IS_ERR(syncs))
		return PTR_ERR(syncs);
	ret = agx_parse_syncs(s, file, syncs, args->in_sync_count, args->out_sync_count);
	kvfree(syncs);
	return ret;
}

/**
 * agx_drm_submit_ioctl() - DRM_IOCTL_ASAHI_SUBMIT: submit a command buffer to a queue
 * @drm: the DRM device.
 * @data: &struct drm_asahi_submit.
 * @file: the caller's file.
 *
 * Context: process context (ioctl); sleeps (may wait interruptibly for a firmware event
 * slot).
 * Return: 0; -EINVAL for non-zero @flags or @pad, a zero or oversized @cmdbuf_size, more
 * than %AGX_SUBMIT_MAX_IN in-syncs or %AGX_SUBMIT_MAX_OUT out-syncs, an unknown sync type,
 * two waits on one syncobj, a binary syncobj without a fence, a malformed command buffer
 * (truncated header or payload, unknown command type, no or more than 64 hardware
 * commands, a barrier past the commands before it, a barrier on an attachment command,
 * a non-zero unknown field, flag or pad, bad sample count, too many attachments, a
 * timestamp with handle 0 and a non-zero offset, or an offset not 8-byte aligned or
 * without 8 bytes in its object); -ENOENT for a bad @queue_id, syncobj handle or
 * timestamp object handle; -EFAULT; -ENOMEM;
 * -ERESTARTSYS if interrupted; -ENODEV after unbind or a firmware crash.
 */
int agx_drm_submit_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_submit *args = data;
	struct agx_drm_queue *queue = NULL;
	struct agx_submit s = { .afile = file->driver_priv };
	int ret;

	if (args->flags || args->pad || !args->cmdbuf_size ||
	    args->cmdbuf_size > AGX_SUBMIT_MAX_CMDBUF ||
	    args->in_sync_count > AGX_SUBMIT_MAX_IN || args->out_sync_count > AGX_SUBMIT_MAX_OUT)
		return -EINVAL;
	ret = agx_submit_read_cmdbuf(&s, args);
	if (!ret)
		ret = agx_submit_read_syncs(&s, file, args);
	if (!ret)
		ret = agx_submit_deps(&s);
	if (ret)
		goto out;
	queue = agx_drm_queue_lookup(file->driver_priv, args->queue_id);
	if (!queue) {
		ret = -ENOENT;
		goto out;
	}
	/*
	 * Not inside drm_dev_enter(): a submit may wait for a firmware event slot, which the
	 * unbind frees only after the unplug. The AGX queue fails it with -ENODEV once the
	 * device is unbound (driver/queue).
	 */
	ret = agx_submit_run(&s, queue);
	agx_drm_queue_put(queue);
out:
	agx_submit_fini(&s);
	return ret;
}
