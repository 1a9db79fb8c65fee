/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/gpu.c: GPU bring-up, receive path, recovery, unbind (the top of driver/fw).
 */
#ifndef _DRIVER_FW_GPU_H_
#define _DRIVER_FW_GPU_H_

#include "agx_fw_types.h"

struct agx_gpu *agx_gpu_create(struct device *dev, const struct agx_gpu_config *cfg);
void agx_gpu_destroy(struct agx_gpu *gpu);
int agx_gpu_add_user(struct agx_gpu *gpu, struct agx_gpu_user *user);
void agx_gpu_del_user(struct agx_gpu *gpu, struct agx_gpu_user *user);
struct agx_gpu *agx_gpu_first(void);
int agx_gpu_module_init(void);
void agx_gpu_module_exit(void);

#endif /* _DRIVER_FW_GPU_H_ */
