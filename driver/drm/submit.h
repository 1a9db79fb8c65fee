/* SPDX-License-Identifier: GPL-2.0 */
/* driver/drm/submit.c: SUBMIT. Documented where defined. */
#ifndef _DRIVER_DRM_SUBMIT_H_
#define _DRIVER_DRM_SUBMIT_H_

#include "agx_drm_types.h"

struct drm_device;
struct drm_file;

int agx_drm_submit_ioctl(struct drm_device *drm, void *data, struct drm_file *file);

#endif /* _DRIVER_DRM_SUBMIT_H_ */
