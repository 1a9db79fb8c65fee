/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the simulated firmware's work queues (workqueue.c): RunWorkQueueMsg, the
 * ring pointers.
 */
#ifndef _AGX_SIM_WORKQUEUE_H_
#define _AGX_SIM_WORKQUEUE_H_

#include "agx_sim_types.h"

struct agx_sim_wq *agx_sim_wq_find(struct agx_sim *s, u64 info_va);
void agx_sim_wq_free(struct agx_sim_wq *wq);
u32 agx_sim_wq_wptr(struct agx_sim *s, struct agx_sim_wq *wq);
bool agx_sim_wq_live(struct agx_sim *s, struct agx_sim_wq *wq);
bool agx_sim_wq_has_work(struct agx_sim *s, struct agx_sim_wq *wq);
void agx_sim_scan_pipe(struct agx_sim *s, u32 prio, u32 pipe);
void agx_sim_advance(struct agx_sim *s, struct agx_sim_wq *wq);
void agx_sim_wqs_free(struct agx_sim *s);

#endif /* _AGX_SIM_WORKQUEUE_H_ */
