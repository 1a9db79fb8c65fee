/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/devctl.c: GPU references, crash state, doorbells, device control; calls
 * channel.c.
 */
#ifndef _DRIVER_FW_DEVCTL_H_
#define _DRIVER_FW_DEVCTL_H_

#include "agx_fw_types.h"

#define AGX_DEVCTL_WAIT_MS	1000	/* asahi-agx-driver.md Appendix A */

struct agx_gpu *agx_gpu_get(struct agx_gpu *gpu);
void agx_gpu_put(struct agx_gpu *gpu);
bool agx_gpu_is_crashed(struct agx_gpu *gpu);
void agx_gpu_mark_dead(struct agx_gpu *gpu);
int agx_gpu_doorbell(struct agx_gpu *gpu, u32 n);
int agx_gpu_devctl(struct agx_gpu *gpu, const struct agx_fw_devctl_msg *msg);
int agx_gpu_flush_fw_cache(void *priv);
void agx_devctl_destroy_ctx(const struct agx_fw_layout *l, struct agx_fw_devctl_msg *msg,
			    const struct agx_fw_gpu_context *ctx, u64 ctx_va);

#endif /* _DRIVER_FW_DEVCTL_H_ */
