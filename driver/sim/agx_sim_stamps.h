/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: stamps, notifiers and Flag events of the simulated firmware (stamps.c).
 */
#ifndef _AGX_SIM_STAMPS_H_
#define _AGX_SIM_STAMPS_H_

#include "agx_sim_types.h"

void agx_sim_notif_eval_all(struct agx_sim *s);
void agx_sim_notifs_free(struct agx_sim *s);
void agx_sim_retire(struct agx_sim *s, u32 slot, u32 value, u64 notifier_va);
void agx_sim_post_flags(struct agx_sim *s);

#endif /* _AGX_SIM_STAMPS_H_ */
