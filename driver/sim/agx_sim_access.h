/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: firmware memory access and validation (access.c), the bottom layer of the
 * simulated firmware.
 */
#ifndef _AGX_SIM_ACCESS_H_
#define _AGX_SIM_ACCESS_H_

#include "agx_sim_types.h"

__printf(2, 3) void agx_sim_violation(struct agx_sim *s, const char *fmt, ...);
bool agx_sim_check_ptr(struct agx_sim *s, u64 va, u32 pools, bool object, const char *what);
int agx_sim_rd(struct agx_sim *s, u64 va, void *buf, size_t len);
int agx_sim_wr(struct agx_sim *s, u64 va, const void *buf, size_t len);
u32 agx_sim_rd32(struct agx_sim *s, u64 va);
void agx_sim_wr32(struct agx_sim *s, u64 va, u32 v);
u64 agx_sim_rd64(struct agx_sim *s, u64 va);

#endif /* _AGX_SIM_ACCESS_H_ */
