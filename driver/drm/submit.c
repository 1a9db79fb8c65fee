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
 * The in-syncs are dependencies of the first job (the others follow it on the queue); the
 * out-syncs receive the finished fence of the last job, which signals after every job of
 * the submit (a queue's fences signal in order). If submitting a later job fails, the
 * earlier ones run and the out-syncs are left unchanged.
 *
 * A payload shorter than its struct reads as zeroes; bytes past the struct must be zero.
 * Not supported yet: timestamps (a timestamp with a non-zero handle is -EINVAL: there are
 * no GEM_BIND_OBJECT objects), more than %AGX_JOB_MAX_DEPS in-syncs, more than
 * %AGX_JOB_MAX_ATT attachments per command.
 */

#include <linux/dma-fence-chain.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_syncobj.h>

#include "queue/agx_queue.h"
#include "queue.h"
#include "submit.h"

#define AGX_SUBMIT_MAX_CMDBUF	SZ_256K
#define AGX_SUBMIT_MAX_OUT	64
#define AGX_SUBMIT_MAX_CMDS	64	/* max_commands_per_submission */
#define AGX_ATT_LINE		64	/* attachment sizes go to the firmware in cache lines */

/* One out-sync, looked up and with its timeline point allocated before anything runs. */
struct agx_out_sync {
	struct drm_syncobj *syncobj;
	struct dma_fence_chain *chain;
	u64 point;
};

/* Everything a submit needs, gathered and checked before the first job is pushed. */
struct agx_submit {
	struct agx_job_desc *desc;
	unsigned int ndesc;
	struct dma_fence *in[AGX_JOB_MAX_DEPS];
	unsigned int nin;
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

static int agx_ts_check(const struct drm_asahi_timestamps *ts)
{
	return ts->start.handle || ts->end.handle ? -EINVAL : 0;
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
	if (rc->samples != 1 && rc->samples != 2 && rc->samples != 4)
		return -EINVAL;
	return agx_ts_check(&rc->ts_vtx) ?: agx_ts_check(&rc->ts_frag);
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

/* Walk the command buffer into job descriptors (asahi-uapi.md §3.11 to §3.15, §4.4). */
static int agx_parse_cmdbuf(struct agx_submit *s, const u8 *buf, u32 len)
{
	struct agx_fw_attachment vtx_att[AGX_JOB_MAX_ATT], frag_att[AGX_JOB_MAX_ATT];
	struct agx_fw_attachment comp_att[AGX_JOB_MAX_ATT];
	unsigned int nvtx = 0, nfrag = 0, ncomp = 0, renders = 0, computes = 0;
	struct drm_asahi_cmd_compute cc;
	struct drm_asahi_cmd_render rc;
	struct drm_asahi_cmd_header h;
	struct agx_job_desc *d;
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
			if (h.vdm_barrier != DRM_ASAHI_BARRIER_NONE ||
			    h.cdm_barrier != DRM_ASAHI_BARRIER_NONE)
				return -EINVAL;
			if (h.cmd_type == DRM_ASAHI_SET_VERTEX_ATTACHMENTS)
				ret = agx_parse_attachments(vtx_att, &nvtx, buf + off, h.size);
			else if (h.cmd_type == DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS)
				ret = agx_parse_attachments(frag_att, &nfrag, buf + off, h.size);
			else
				ret = agx_parse_attachments(comp_att, &ncomp, buf + off, h.size);
			if (ret)
				return ret;
			break;
		case DRM_ASAHI_CMD_RENDER:
		case DRM_ASAHI_CMD_COMPUTE:
			if (s->ndesc == AGX_SUBMIT_MAX_CMDS)
				return -EINVAL;
			if ((h.vdm_barrier != DRM_ASAHI_BARRIER_NONE && h.vdm_barrier > renders) ||
			    (h.cdm_barrier != DRM_ASAHI_BARRIER_NONE && h.cdm_barrier > computes))
				return -EINVAL;
			d = &s->desc[s->ndesc++];
			if (h.cmd_type == DRM_ASAHI_CMD_RENDER) {
				ret = agx_payload(&rc, sizeof(rc), buf + off, h.size);
				if (!ret)
					ret = agx_render_check(&rc);
				if (!ret && nvtx + nfrag > AGX_JOB_MAX_ATT)
					ret = -EINVAL;
				if (ret)
					return ret;
				d->type = AGX_JOB_RENDER;
				d->ctrl_stream = rc.vdm_ctrl_stream_base;
				d->barrier = h.cdm_barrier != DRM_ASAHI_BARRIER_NONE;
				memcpy(d->att, vtx_att, nvtx * sizeof(*vtx_att));
				memcpy(d->att + nvtx, frag_att, nfrag * sizeof(*frag_att));
				d->natt = nvtx + nfrag;
				renders++;
			} else {
				ret = agx_payload(&cc, sizeof(cc), buf + off, h.size);
				if (!ret && cc.flags)
					ret = -EINVAL;
				if (!ret)
					ret = agx_ts_check(&cc.ts);
				if (ret)
					return ret;
				d->type = AGX_JOB_COMPUTE;
				d->ctrl_stream = cc.cdm_ctrl_stream_base;
				d->barrier = h.vdm_barrier != DRM_ASAHI_BARRIER_NONE;
				memcpy(d->att, comp_att, ncomp * sizeof(*comp_att));
				d->natt = ncomp;
				computes++;
			}
			break;
		default:
			return -EINVAL;
		}
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

static void agx_submit_fini(struct agx_submit *s)
{
	unsigned int i;

	for (i = 0; i < s->nin; i++)
		dma_fence_put(s->in[i]);
	for (i = 0; i < s->nout; i++) {
		dma_fence_chain_free(s->out[i].chain);
		drm_syncobj_put(s->out[i].syncobj);
	}
	kvfree(s->out);
	kvfree(s->desc);
}

/* Push the jobs; the out-syncs get the last job's finished fence. */
static int agx_submit_run(struct agx_submit *s, struct agx_drm_queue *queue)
{
	struct dma_fence *fence = NULL, *f;
	struct agx_out_sync *o;
	unsigned int i;

	memcpy(s->desc[0].deps, s->in, s->nin * sizeof(*s->in));
	s->desc[0].ndeps = s->nin;
	for (i = 0; i < s->ndesc; i++) {
		f = agx_queue_submit(queue->q, &s->desc[i]);
		if (IS_ERR(f)) {
			dma_fence_put(fence);
			return PTR_ERR(f);
		}
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

/**
 * agx_drm_submit_ioctl() - DRM_IOCTL_ASAHI_SUBMIT: submit a command buffer to a queue
 * @drm: the DRM device.
 * @data: &struct drm_asahi_submit.
 * @file: the caller's file.
 *
 * Context: process context (ioctl); sleeps (may wait interruptibly for a firmware event
 * slot).
 * Return: 0; -EINVAL for non-zero @flags or @pad, a zero or oversized @cmdbuf_size, more
 * than %AGX_JOB_MAX_DEPS in-syncs or %AGX_SUBMIT_MAX_OUT out-syncs, an unknown sync type,
 * two waits on one syncobj, a binary syncobj without a fence, a malformed command buffer
 * (truncated header or payload, unknown command type, no or more than 64 hardware
 * commands, a barrier past the commands before it, a barrier on an attachment command,
 * a non-zero unknown field, flag, pad or timestamp handle, bad sample count, too many
 * attachments); -ENOENT for a bad @queue_id or syncobj handle; -EFAULT; -ENOMEM;
 * -ERESTARTSYS if interrupted; -ENODEV after unbind or a firmware crash.
 */
int agx_drm_submit_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_submit *args = data;
	struct drm_asahi_sync *syncs = NULL;
	struct agx_drm_queue *queue = NULL;
	struct agx_submit s = {};
	u8 *cmdbuf = NULL;
	int ret;

	if (args->flags || args->pad || !args->cmdbuf_size ||
	    args->cmdbuf_size > AGX_SUBMIT_MAX_CMDBUF ||
	    args->in_sync_count > AGX_JOB_MAX_DEPS || args->out_sync_count > AGX_SUBMIT_MAX_OUT)
		return -EINVAL;
	s.desc = kvcalloc(AGX_SUBMIT_MAX_CMDS, sizeof(*s.desc), GFP_KERNEL);
	s.out = kvcalloc(args->out_sync_count ?: 1, sizeof(*s.out), GFP_KERNEL);
	cmdbuf = kvmalloc(args->cmdbuf_size, GFP_KERNEL);
	if (!s.desc || !s.out || !cmdbuf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = -EFAULT;
	if (copy_from_user(cmdbuf, u64_to_user_ptr(args->cmdbuf), args->cmdbuf_size))
		goto out;
	ret = agx_parse_cmdbuf(&s, cmdbuf, args->cmdbuf_size);
	if (ret)
		goto out;
	if (args->in_sync_count + args->out_sync_count) {
		syncs = vmemdup_array_user(u64_to_user_ptr(args->syncs),
					   args->in_sync_count + args->out_sync_count,
					   sizeof(*syncs));
		if (IS_ERR(syncs)) {
			ret = PTR_ERR(syncs);
			syncs = NULL;
			goto out;
		}
		ret = agx_parse_syncs(&s, file, syncs, args->in_sync_count,
				      args->out_sync_count);
		if (ret)
			goto out;
	}
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
out:
	if (queue)
		agx_drm_queue_put(queue);
	agx_submit_fini(&s);
	kvfree(syncs);
	kvfree(cmdbuf);
	return ret;
}
