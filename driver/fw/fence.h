/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/fence.c: hardware fences and work errors (a leaf of driver/fw).
 */
#ifndef _DRIVER_FW_FENCE_H_
#define _DRIVER_FW_FENCE_H_

#include "agx_fw_types.h"

int agx_work_errno(enum agx_work_err err);
struct agx_hw_fence *agx_hw_fence_create(u64 context, u64 seqno, unsigned int commands);
void agx_hw_fence_done(struct agx_hw_fence *f, int error);
void agx_hw_fence_abort(struct agx_hw_fence *f, int error);

#endif /* _DRIVER_FW_FENCE_H_ */
