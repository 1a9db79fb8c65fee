/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/workqueue.c: queue contexts, firmware work queues, the event-slot owner table
 * and the dispatch of events to the owners; calls devctl.c, event.c, fence.c, channel.c.
 */
#ifndef _DRIVER_FW_WORKQUEUE_H_
#define _DRIVER_FW_WORKQUEUE_H_

#include "agx_fw_types.h"

struct agx_fw_qctx *agx_fw_qctx_create(struct agx_gpu *gpu);
void agx_fw_qctx_put(struct agx_fw_qctx *qctx);
void agx_gpu_ctx_work(struct work_struct *work);
struct agx_fw_wq *agx_fw_wq_create(struct agx_gpu *gpu, struct agx_fw_qctx *qctx, u32 pipe,
				   u32 prio);
struct agx_fw_wq *agx_fw_wq_get(struct agx_fw_wq *wq);
void agx_fw_wq_put(struct agx_fw_wq *wq);
int agx_fw_wq_job_begin(struct agx_fw_wq *wq);
u32 agx_fw_wq_next_value(struct agx_fw_wq *wq);
bool agx_fw_wq_last(struct agx_fw_wq *wq, int *slot, u32 *value);
void agx_fw_wq_job_cancel(struct agx_fw_wq *wq);
int agx_fw_wq_slot(struct agx_fw_wq *wq);
struct dma_fence *agx_fw_wq_can_submit(struct agx_fw_wq *wq, unsigned int ncmds,
				       u32 last_value);
int agx_fw_wq_submit(struct agx_fw_wq *wq, struct agx_fw_work **works, unsigned int n);
void agx_fw_wq_signal(struct agx_fw_wq *wq);
void agx_fw_wq_mark_error(struct agx_fw_wq *wq, u32 value, enum agx_work_err err,
			  u32 fault_slot);
void agx_fw_wq_fail_all(struct agx_fw_wq *wq, enum agx_work_err err);
void agx_fw_work_destroy(struct agx_fw_work *work);
void agx_fw_work_free(struct agx_gpu *gpu, struct agx_fw_work *work);
void agx_gpu_free_work(struct work_struct *work);
struct agx_fw_wq *agx_event_owner(struct agx_gpu *gpu, int slot);
void agx_fw_slot_signal(struct agx_gpu *gpu, int slot);
void agx_fw_slot_mark_error(struct agx_gpu *gpu, int slot, u32 value, enum agx_work_err err,
			    u32 fault_slot);
void agx_fw_slots_fail_all(struct agx_gpu *gpu, enum agx_work_err err);

#endif /* _DRIVER_FW_WORKQUEUE_H_ */
