/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the job queue for DRM drivers. Static inline, so that jobqueue.ko itself needs
 * nothing of DRM: the driver, which links against drm.ko anyway, compiles them.
 */
#ifndef _JQ_JOBQUEUE_DRM_H_
#define _JQ_JOBQUEUE_DRM_H_

#include <drm/drm_syncobj.h>
#include <jq/jobqueue.h>

struct drm_file;

/**
 * jq_job_add_syncobj_dependency() - make a job wait for a syncobj's fence
 * @job: an initialized, unarmed job; the caller holds a reference
 * @file: the DRM file the handle belongs to
 * @handle: the syncobj handle
 * @point: the timeline point, 0 for a binary syncobj
 *
 * Looks the fence up with drm_syncobj_find_fence() (which fails if none is attached yet:
 * no wait-before-submit) and adds it with jq_job_add_dependency(), as
 * drm_sched_job_add_syncobj_dependency() does.
 *
 * Context: process context, may sleep.
 * Return: 0; -ENOENT (no such handle, or no fence at @point); -EINVAL (e.g. after arm);
 * -ENOMEM.
 */
static inline int jq_job_add_syncobj_dependency(struct jq_job *job, struct drm_file *file,
						u32 handle, u32 point)
{
	struct dma_fence *fence;
	int ret;

	ret = drm_syncobj_find_fence(file, handle, point, 0, &fence);
	if (ret)
		return ret;
	return jq_job_add_dependency(job, fence);
}

#endif /* _JQ_JOBQUEUE_DRM_H_ */
