/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/channel.c: ring channels (a leaf of driver/fw).
 */
#ifndef _DRIVER_FW_CHANNEL_H_
#define _DRIVER_FW_CHANNEL_H_

#include "agx_fw_types.h"

int agx_chan_init_tx(struct agx_gpu *gpu, struct agx_chan *c, const char *name, u32 size,
		     bool shared_ring, bool fwctl);
int agx_chan_init_rx(struct agx_gpu *gpu, struct agx_chan *c, const char *name, u32 size,
		     u32 count, u32 nsub);
void agx_chan_fini(struct agx_chan *c);
int agx_chan_put(struct agx_chan *c, const void *msg, size_t len, bool fwctl, u32 *token);
int agx_chan_wait(struct agx_chan *c, u32 token, bool fwctl, unsigned int timeout_ms);
bool agx_chan_get(struct agx_chan *c, u32 sub, void *msg, size_t len);
void agx_chan_ring(struct agx_chan *c, struct agx_fw_chan_ring *r, u32 sub);

#endif /* _DRIVER_FW_CHANNEL_H_ */
