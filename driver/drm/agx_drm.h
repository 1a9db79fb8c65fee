/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko DRM device (driver/drm): the render node of each GPU and the Asahi uAPI
 * (include/uapi/drm/asahi_drm.h): the interface of driver/drm for the rest of agx.ko. The
 * files of the folder include the headers of the files they call (agx_drm_drv.h, gem.h, vm.h,
 * queue.h, submit.h) and agx_drm_types.h. See Documentation/agx-uapi.rst; every function is
 * documented where it is defined.
 */
#ifndef _AGX_DRM_H_
#define _AGX_DRM_H_

#include "agx_drm_types.h"
#include "agx_drm_drv.h"

#endif /* _AGX_DRM_H_ */
