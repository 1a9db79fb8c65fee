/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the simulated GPU devices (device.c), for the module's init and exit; the
 * API other modules use is agx_sim_fw.h.
 */
#ifndef _AGX_SIM_DEVICE_H_
#define _AGX_SIM_DEVICE_H_

#include "agx_sim_types.h"

int agx_sim_devices_init(void);
void agx_sim_devices_exit(void);

#endif /* _AGX_SIM_DEVICE_H_ */
