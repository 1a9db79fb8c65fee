// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx_sim.ko module
 *
 * The simulated AGX firmware. So far it provides the memory half: the UAT walker, copies
 * to and from GPU VAs, the firmware side of the handoff lock and a TLB backend. The
 * firmware proper (channels, work queues) comes with the firmware issue.
 */

#include <linux/module.h>

#include "agx_sim_fw.h"

static int __init agx_sim_init(void)
{
	return agx_sim_fw_module_init();
}

static void __exit agx_sim_exit(void)
{
	agx_sim_fw_module_exit();
}

module_init(agx_sim_init);
module_exit(agx_sim_exit);
MODULE_DESCRIPTION("Simulated Apple AGX GPU firmware");
MODULE_LICENSE("GPL");
