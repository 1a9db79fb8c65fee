/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The link between agx.ko's simulator transport (driver/xport/sim.c) and the simulated
 * firmware (agx_sim.ko). It stands in for what the real hardware offers: the ASC mailbox
 * (RTKit messages on endpoints), "start the coprocessor CPU" with the reserved regions
 * (handoff, TTBAT), the SGX MMIO registers and the crash notification
 * (asahi-agx-driver.md §6.1).
 *
 * agx_sim.ko registers a platform device named AGX_SIM_DEV_NAME whose platform data is a
 * &struct agx_sim_pdata; agx.ko binds to it like to the real GPU.
 */
#ifndef _AGX_FW_SIM_LINK_H_
#define _AGX_FW_SIM_LINK_H_

#include <linux/types.h>
#include <agx/fw/version.h>

#define AGX_SIM_DEV_NAME	"agx-sim-gpu"

struct agx_tlb_ops;

/**
 * struct agx_sim_host_ops - what the simulated firmware calls in the driver
 * @rx: a mailbox message from the firmware (endpoint, 64-bit payload). Called from the
 *	simulator's thread; must not sleep for long and must not call back into the link.
 * @crashed: the firmware crashed; called once, from the simulator's thread.
 *
 * Owned by the driver; must stay valid from @boot until @shutdown returns.
 */
struct agx_sim_host_ops {
	void (*rx)(void *host, u8 ep, u64 msg);
	void (*crashed)(void *host);
};

/**
 * struct agx_sim_boot - what the driver gives the firmware at boot
 * @ttbat_phys: physical address of the TTBAT (a reserved region on hardware).
 * @handoff_phys: physical address of the handoff region.
 * @host: the driver's callbacks.
 * @host_priv: passed to @host.
 */
struct agx_sim_boot {
	phys_addr_t ttbat_phys;
	phys_addr_t handoff_phys;
	const struct agx_sim_host_ops *host;
	void *host_priv;
};

/**
 * struct agx_sim_link_ops - what the driver calls in the simulated firmware
 * @boot: start the coprocessor (RTKit boot): the firmware thread starts and publishes the
 *	handoff magic. Process context.
 * @send: send a mailbox message to an endpoint; never sleeps, any context.
 * @mmio_read: read a 64-bit SGX register (fault info); any context.
 * @shutdown: stop the firmware; after it returns the simulator touches no driver memory and
 *	calls no host op. Process context, sleeps.
 */
struct agx_sim_link_ops {
	int (*boot)(void *sim, const struct agx_sim_boot *boot);
	int (*send)(void *sim, u8 ep, u64 msg);
	u64 (*mmio_read)(void *sim, u32 offset);
	void (*shutdown)(void *sim);
};

/**
 * struct agx_sim_pdata - platform data of the simulated GPU device
 * @ops: the link.
 * @sim: passed to @ops.
 * @tlb: the GPU TLB backend (the simulator's; the CPU's tlbi on hardware).
 * @tlb_priv: passed to @tlb.
 * @gen: GPU generation, as the driver reads it from the hardware.
 * @fw_version: AGX_FW_VERSION() of the firmware (DT "apple,firmware-compat").
 * @debug_alloc: allocate firmware objects with the debug preamble (the simulator then
 *	checks every object it dereferences is live).
 *
 * Owned by agx_sim.ko; valid while the platform device exists.
 */
struct agx_sim_pdata {
	const struct agx_sim_link_ops *ops;
	void *sim;
	const struct agx_tlb_ops *tlb;
	void *tlb_priv;
	enum agx_gpu_gen gen;
	u32 fw_version;
	bool debug_alloc;
};

#endif /* _AGX_FW_SIM_LINK_H_ */
