/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the simulated firmware's thread and the link agx.ko calls (thread.c).
 */
#ifndef _AGX_SIM_THREAD_H_
#define _AGX_SIM_THREAD_H_

#include <agx/fw/sim_link.h>

#include "agx_sim_types.h"

extern const struct agx_sim_link_ops agx_sim_link;

void agx_sim_link_init(struct agx_sim *s);
void agx_sim_link_shutdown(void *priv);

#endif /* _AGX_SIM_THREAD_H_ */
