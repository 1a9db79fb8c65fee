/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the control plane of the simulated firmware (control.c): MSG_INIT, device
 * control, FwCtl, the resume after a halt.
 */
#ifndef _AGX_SIM_CONTROL_H_
#define _AGX_SIM_CONTROL_H_

#include "agx_sim_types.h"

void agx_sim_msg_init(struct agx_sim *s, u64 va);
void agx_sim_scan_devctl(struct agx_sim *s);
void agx_sim_scan_fwctl(struct agx_sim *s);
void agx_sim_poll_resume(struct agx_sim *s);

#endif /* _AGX_SIM_CONTROL_H_ */
