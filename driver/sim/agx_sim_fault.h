/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: what the simulated firmware raises when a command cannot complete
 * (fault.c): faults, timeouts, channel errors, crashes, and the pending_stamps entries.
 */
#ifndef _AGX_SIM_FAULT_H_
#define _AGX_SIM_FAULT_H_

#include "agx_sim_types.h"

void agx_sim_set_pending(struct agx_sim *s, const struct agx_sim_engine *e, u32 slot,
			 u32 value);
void agx_sim_clear_pending(struct agx_sim *s, const struct agx_sim_engine *e);
void agx_sim_raise_fault(struct agx_sim *s, struct agx_sim_engine *e,
			 const struct agx_sim_fault *f);
void agx_sim_timeout(struct agx_sim *s, struct agx_sim_engine *e);
void agx_sim_channel_error(struct agx_sim *s, struct agx_sim_engine *e, u32 err);
void agx_sim_crash(struct agx_sim *s);

#endif /* _AGX_SIM_FAULT_H_ */
