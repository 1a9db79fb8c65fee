/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/queue/queue.c: AGX queues on the job queue; calls driver/fw and driver/mmu.
 */
#ifndef _DRIVER_QUEUE_QUEUE_H_
#define _DRIVER_QUEUE_QUEUE_H_

#include "agx_queue_types.h"
#include "render.h"

struct agx_gpu;
struct agx_heap;
struct agx_queue;

struct agx_queue *agx_queue_create(struct agx_gpu *gpu, struct agx_heap *heap, u32 prio);
void agx_queue_destroy(struct agx_queue *q);
struct dma_fence *agx_queue_submit(struct agx_queue *q, const struct agx_job_desc *desc);
unsigned int agx_queue_id(struct agx_queue *q);
void agx_queue_live(unsigned int *queues, unsigned int *jobs);

#endif /* _DRIVER_QUEUE_QUEUE_H_ */
