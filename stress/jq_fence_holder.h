/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jq_fence_holder.ko: keeps dma_fences alive after the module that made them is gone. See
 * the DOC in stress/jq_fence_holder.c.
 */
#ifndef _JQ_FENCE_HOLDER_H_
#define _JQ_FENCE_HOLDER_H_

struct dma_fence;

int jq_holder_give(struct dma_fence *fence, const char *timeline, const char *driver);
unsigned int jq_holder_count(void);

#endif /* _JQ_FENCE_HOLDER_H_ */
