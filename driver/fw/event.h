/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/event.c: event slot numbers and stamps (a leaf of driver/fw).
 */
#ifndef _DRIVER_FW_EVENT_H_
#define _DRIVER_FW_EVENT_H_

#include "agx_fw_types.h"

int agx_event_init(struct agx_gpu *gpu);
void agx_event_fini(struct agx_gpu *gpu);
int agx_event_take_locked(struct agx_gpu *gpu, int hint);
void agx_event_give_locked(struct agx_gpu *gpu, int slot);
bool agx_event_any_free_locked(struct agx_gpu *gpu);
u32 agx_event_stamp(struct agx_gpu *gpu, int slot);
u64 agx_event_stamp_va(struct agx_gpu *gpu, int slot);
u64 agx_event_fw_stamp_va(struct agx_gpu *gpu, int slot);

#endif /* _DRIVER_FW_EVENT_H_ */
