/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the firmware's side of the ring channels (channels.c): TX channels consumed,
 * RX channels produced, events and the FW log.
 */
#ifndef _AGX_SIM_CHANNELS_H_
#define _AGX_SIM_CHANNELS_H_

#include <agx/fw/channels.h>
#include <agx/fw/initdata.h>

#include "agx_sim_types.h"

void agx_sim_chan_setup(struct agx_sim *s, struct agx_sim_chan *c,
			const struct agx_fw_chan_ring *r, u32 msg_size, u32 count,
			u32 ring_pools, const char *name);
bool agx_sim_tx_peek(struct agx_sim *s, struct agx_sim_chan *c, void *msg);
void agx_sim_tx_ack(struct agx_sim *s, struct agx_sim_chan *c);
int agx_sim_rx_put(struct agx_sim *s, struct agx_sim_chan *c, u32 sub, const void *msg,
		   size_t len);
void agx_sim_rx_doorbell(struct agx_sim *s);
void agx_sim_post_event(struct agx_sim *s, const struct agx_fw_event_msg *m);
void agx_sim_log(struct agx_sim *s, u32 level, const char *text);

#endif /* _AGX_SIM_CHANNELS_H_ */
