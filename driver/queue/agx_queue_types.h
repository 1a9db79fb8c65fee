/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko AGX queues: the types of the queues' interface (seen by their users through
 * agx_queue.h). Each says who owns it and what keeps it alive; the queue and its jobs are
 * private to queue.c.
 */
#ifndef _DRIVER_QUEUE_AGX_QUEUE_TYPES_H_
#define _DRIVER_QUEUE_AGX_QUEUE_TYPES_H_

#include <linux/dma-fence.h>
#include <linux/types.h>
#include <uapi/drm/asahi_drm.h>
#include <agx/fw/workqueue.h>

/**
 * enum agx_job_type - what a job runs
 * @AGX_JOB_RENDER: vertex then fragment, with the firmware barrier between them.
 * @AGX_JOB_COMPUTE: one compute command.
 */
enum agx_job_type {
	AGX_JOB_RENDER,
	AGX_JOB_COMPUTE,
};

#define AGX_JOB_MAX_DEPS	8
#define AGX_JOB_MAX_ATT		AGX_MAX_ATTACHMENTS	/* 16, fw/microseq.rs; Gallium uses 16 */

/**
 * struct agx_job_ts - where the firmware writes a command's start and end timestamps
 * @start: firmware GPU VA of a u64 written when the command starts, 0 for none.
 * @end: firmware GPU VA of a u64 written when the command's work is done, before its
 *	stamp, 0 for none.
 *
 * The buffer is the caller's: a firmware mapping (the user timestamp buffers of
 * asahi-agx-driver.md §3.3) that stays mapped until the job's fence signals. The values are
 * GPU timer ticks (the simulated GPU: nanoseconds, AGX_SIM_TIMESTAMP_HZ).
 */
struct agx_job_ts {
	u64 start;
	u64 end;
};

/**
 * struct agx_job_desc - a job to submit (what the uAPI will carry)
 * @type: enum agx_job_type.
 * @att: attachments (render targets / buffers written), user VM GPU VAs; the firmware
 *	writes them through the job's VM.
 * @natt: number of attachments.
 * @nfrag_att: render only: the last @nfrag_att of @att are the fragment stage's, the others
 *	the vertex stage's.
 * @ctrl_stream: user VM GPU VA of the (vertex or compute) control stream, 0 for none.
 * @ctrl_stream_end: compute only: the end of the control stream's first piece (user VM VA).
 * @sampler_heap: compute only: user VM VA of the sampler heap, 0 for none.
 * @sampler_count: compute only: samplers in @sampler_heap.
 * @render: render only: the uAPI payload (asahi-uapi.md §3.14), the registers and geometry
 *	RunVertex and RunFragment carry; its geometry must be one the firmware tiles
 *	(driver/queue/render.c), its vdm_ctrl_stream_base is not read (@ctrl_stream is).
 * @usc_exec_base: the queue's shader base (uAPI drm_asahi_queue_create.usc_exec_base).
 * @barrier: explicit barrier: a compute job waits for the queue's last render, a render for
 *	the queue's last compute (the vdm/cdm barriers, asahi-agx-driver.md §1.3).
 * @deps: fences the job waits for (the caller keeps its references).
 * @ndeps: number of @deps.
 * @ts: timestamps: [0] of the vertex (render) or compute command, [1] of the fragment
 *	command (render only).
 *
 * Owned by the caller; read during agx_queue_submit() only.
 */
struct agx_job_desc {
	enum agx_job_type type;
	struct agx_fw_attachment att[AGX_JOB_MAX_ATT];
	unsigned int natt;
	unsigned int nfrag_att;
	u64 ctrl_stream;
	u64 ctrl_stream_end;
	u64 sampler_heap;
	u32 sampler_count;
	struct drm_asahi_cmd_render render;
	u64 usc_exec_base;
	bool barrier;
	struct dma_fence *deps[AGX_JOB_MAX_DEPS];
	unsigned int ndeps;
	struct agx_job_ts ts[2];
};

#endif /* _DRIVER_QUEUE_AGX_QUEUE_TYPES_H_ */
