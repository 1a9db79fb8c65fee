/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: command execution of the simulated firmware (exec.c): the engines.
 */
#ifndef _AGX_SIM_EXEC_H_
#define _AGX_SIM_EXEC_H_

#include "agx_sim_types.h"

void agx_sim_read_run(struct agx_sim *s, u64 cmd_va, struct agx_sim_cmd *c);
void agx_sim_complete(struct agx_sim *s, struct agx_sim_engine *e);
void agx_sim_run_engines(struct agx_sim *s);
void agx_sim_engines_init(struct agx_sim *s);

#endif /* _AGX_SIM_EXEC_H_ */
