// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated AGX firmware
 *
 * agx_sim.ko plays the GPU's ASC coprocessor (asahi-agx-driver.md §6). Each simulated GPU
 * is a platform device (``agx-sim-gpu``, device.c) that agx.ko binds to like to the real
 * one; its platform data carries the link that stands in for the mailbox, the coprocessor
 * start, the SGX registers and the crash notification (<agx/fw/sim_link.h>, thread.c). The
 * firmware is a kernel thread; it knows nothing of the driver but the ABI headers
 * (<agx/fw/>) and what it finds through InitData, and it reaches driver memory only through
 * the UAT walker (mem.c): firmware accesses through slot 0 (access.c), GPU accesses
 * through the command's VM slot.
 *
 * The thread (thread.c):
 *
 * - boot: answers the handoff (``magic_fw``), then waits for MSG_INIT, reads InitData and
 *   the channel descriptors, handles DeviceControl Initialize and logs "init done" through
 *   the FW log and a Stats message (§6.4; control.c);
 * - doorbells: a pipe doorbell scans that pipe channel (RunWorkQueueMsg registers or
 *   updates a work queue, workqueue.c), the device-control doorbell the device-control
 *   channel, FwCtl the FwCtl channel (control.c); KICKFW re-evaluates notifiers (§6.5);
 * - executes work queues on ``engines`` execution units per pipe type (exec.c: vertex,
 *   fragment and compute run concurrently; within a type, up to ``engines`` work queues at
 *   once, each one command at a time in ring order), highest priority first, round robin
 *   within a priority. A Barrier blocks its queue until the FwStamp reaches the value
 *   (wrap-safe); a Run* command is parsed with its microsequence, its attachments are
 *   written through the job's VM, its SIMQ control stream is interpreted, it takes
 *   ``latency_us`` (timed with an hrtimer, so a command is not rounded up to a timer
 *   tick), its Timestamp ops write the simulated GPU time (ktime nanoseconds) where they
 *   point; on completion its FwStamp and Stamp are written, the notifier counts it, and its
 *   slot is flagged once the notifier's count reaches the threshold (§6.7, stamps.c); flags
 *   are coalesced into one Flag event followed by an RX doorbell (channels.c). Each engine
 *   has its own pending_stamps entry;
 * - faults (bad GPU access or injected): FAULT_INFO, pending_stamps, halt, Fault event;
 *   after ``resume`` the faulting command is retired (§6.8; fault.c, control.c). Hangs: a
 *   watchdog of ``progress_check_interval`` raises Timeout the same way. Channel errors
 *   block the work queue until DeviceControl RecoverChannel. A crash stops the thread from
 *   touching memory and calls the driver's crash callback.
 *
 * Validation (each violation counted and logged as "agx_sim: violation"): every firmware
 * pointer must translate and lie in its expected pool (§6.10 #1); with the debug preamble
 * every object dereferenced must be LIVE (#2); ring and message invariants (#3); stamps
 * must not go backwards and a busy queue must keep its event slot (#4); a command's VM
 * slot must be bound with ASID == slot (#5); a context must not be destroyed while a queue
 * using it has work (§6.9); a translation the GPU may hold in its TLB must not change
 * without an invalidation (tlb.c).
 *
 * Not modelled: shader execution, tiling and TVB sizing, preemption, power and stats
 * semantics, KTrace, the firmware cache (flushes are acknowledged only).
 *
 * This file is the module: its parameters configure the simulated GPU created at load
 * (G13, firmware 13.5), unless ``create_default=0``. How the files are layered, locked and
 * written: the DOCs "Simulator layer model", "Locking in driver/sim" and "Coding
 * conventions in driver/sim" of agx_sim_types.h.
 */

#include <linux/err.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <agx/fw/version.h>

#include "agx_sim_device.h"
#include "agx_sim_fw.h"

static bool create_default = true;
module_param(create_default, bool, 0444);
MODULE_PARM_DESC(create_default, "Create one simulated GPU at load");
static uint latency_us = 200;
module_param(latency_us, uint, 0444);
MODULE_PARM_DESC(latency_us, "Default per-command latency (us)");
static uint engines = 1;
module_param(engines, uint, 0444);
MODULE_PARM_DESC(engines, "Work queues of one pipe type the default GPU runs at once (1-8)");
static uint fault_every;
module_param(fault_every, uint, 0444);
MODULE_PARM_DESC(fault_every, "Inject a fault every N commands");
static uint hang_every;
module_param(hang_every, uint, 0444);
MODULE_PARM_DESC(hang_every, "Inject a hang every N commands");
static uint crash_after;
module_param(crash_after, uint, 0444);
MODULE_PARM_DESC(crash_after, "Crash at command N");
static bool debug_alloc = true;
module_param(debug_alloc, bool, 0444);
MODULE_PARM_DESC(debug_alloc, "Debug preamble on firmware objects (use-after-free checks)");
static bool tlb_check = true;
module_param(tlb_check, bool, 0444);
MODULE_PARM_DESC(tlb_check, "Shadow TLB: report translations changed without an invalidation");

/* Module init: the debugfs root and the default GPU (one that fails to come up is logged). */
static int __init agx_sim_init(void)
{
	struct agx_sim_cfg cfg = {
		.gen = AGX_GEN_G13,
		.fw_version = AGX_FW_VERSION(13, 5, 0),
		.debug_alloc = debug_alloc,
		.latency_us = latency_us,
		.engines = engines,
		.fault_every = fault_every,
		.hang_every = hang_every,
		.crash_after = crash_after,
		.tlb_unchecked = !tlb_check,
	};
	struct agx_sim *s;
	int ret = agx_sim_devices_init();

	if (ret)
		return ret;
	if (!create_default)
		return 0;
	s = agx_sim_create(&cfg);
	if (IS_ERR(s))
		pr_err("agx_sim: default GPU: %ld\n", PTR_ERR(s));
	return 0;
}

/* Module exit: every simulated GPU is removed. */
static void __exit agx_sim_exit(void)
{
	agx_sim_devices_exit();
}

module_init(agx_sim_init);
module_exit(agx_sim_exit);
MODULE_DESCRIPTION("Simulated Apple AGX GPU firmware");
MODULE_LICENSE("GPL");
