/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the simulated firmware's buffer manager (tvb.c): InitBuffer, the buffer and
 * scene of render commands, the TVB statistics.
 */
#ifndef _AGX_SIM_TVB_H_
#define _AGX_SIM_TVB_H_

#include "agx_sim_types.h"

void agx_sim_init_buffer(struct agx_sim *s, u64 cmd_va);
void agx_sim_check_tvb(struct agx_sim *s, u32 tag, u64 cmd_va);
void agx_sim_check_tvb_done(struct agx_sim *s, u32 tag, u64 cmd_va);
void agx_sim_grow_tvb(struct agx_sim *s, struct agx_sim_engine *e);
void agx_sim_grow_ack(struct agx_sim *s, const struct agx_fw_devctl_grow_tvb_ack *ack);

#endif /* _AGX_SIM_TVB_H_ */
