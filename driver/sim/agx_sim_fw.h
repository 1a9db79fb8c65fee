/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko simulated firmware: the API test and workload modules use to create simulated
 * GPUs, drive the single-step mode, turn the injection knobs and read the validation
 * counters. Implemented by driver/sim/device.c (agx_sim_check_initdata() by control.c);
 * see Documentation/agx-firmware.rst.
 */
#ifndef _AGX_SIM_FW_H_
#define _AGX_SIM_FW_H_

#include <linux/types.h>
#include <agx/fw/version.h>

struct agx_sim;
struct device;

/* Upper bound of &agx_sim_cfg.engines (pending_stamps has room for far more). */
#define AGX_SIM_MAX_ENGINES	8
/* The simulated GPU timer that Timestamp ops write: ktime_get() nanoseconds. */
#define AGX_SIM_TIMESTAMP_HZ	1000000000ULL

/**
 * struct agx_sim_cfg - configuration and injection knobs of one simulated GPU
 * @gen: GPU generation the device reports.
 * @fw_version: firmware version the device reports (AGX_FW_VERSION()).
 * @debug_alloc: the driver allocates firmware objects with the debug preamble and the
 *	simulator checks that every object it dereferences is live.
 * @latency_us: time each command takes (microseconds), timed with an hrtimer; a SIMQ
 *	DELAY_US op adds to it.
 * @engines: how many work queues of one pipe type run at once, each one command at a time
 *	(0 is 1, at most %AGX_SIM_MAX_ENGINES). A model parameter: how many the real firmware
 *	interleaves is not documented (asahi-agx-driver.md §6.5).
 * @fault_every: every Nth command faults (0: never).
 * @hang_every: every Nth command hangs until the timeout (0: never).
 * @chanerr_every: every Nth command raises a channel error (0: never).
 * @crash_after: the firmware crashes when starting command N (0: never).
 * @stall_devctl: stop consuming the device-control channel.
 * @stall_pipes: stop consuming the pipe channels.
 * @notifier_always: signal completions regardless of the notifier threshold (the
 *	faithful mode, the default, gates them as the firmware does).
 * @single_step: the firmware only makes progress when agx_sim_step() grants steps.
 * @no_recovery: ignore ``resume`` after a halt.
 * @unbound: register the device as ``agx-sim-gpu-unbound``, which agx.ko does not bind: a
 *	test drives the simulated firmware through the link in its platform data itself (the
 *	hardware probe sequence's test, kunit/agx_hw_test.c). Read at creation only.
 * @tvb_pages: TVB pages each RunVertex reports used, in its Scene and its buffer's Stats
 *	(0: none reported), the input of the driver's buffer growth.
 * @expect_violations: a test breaks a rule on purpose: violations are logged as
 *	``agx_sim: expected violation:``, which the harness's verdict does not count as a
 *	report (``agx_sim: violation:`` fails any run, Documentation/harness.rst).
 * @tlb_unchecked: no shadow TLB (driver/sim/tlb.c): translations changed without an
 *	invalidation go unseen, and an access skips the shadow's lookup. For benchmarks of
 *	the driver's path; read at creation only.
 *
 * Knobs may be changed at any time (read with READ_ONCE by the firmware thread); owned by
 * the &struct agx_sim.
 */
struct agx_sim_cfg {
	enum agx_gpu_gen gen;
	u32 fw_version;
	bool debug_alloc;
	u32 latency_us;
	u32 engines;
	u32 fault_every;
	u32 hang_every;
	u32 chanerr_every;
	u32 crash_after;
	bool stall_devctl;
	bool stall_pipes;
	bool notifier_always;
	bool single_step;
	bool no_recovery;
	bool unbound;
	u32 tvb_pages;
	bool expect_violations;
	bool tlb_unchecked;
};

/**
 * struct agx_sim_counters - what the simulated firmware saw (monotonic)
 * @violations: firmware-side rule violations (must stay 0 with a correct driver).
 * @commands: Run* commands completed.
 * @barriers: barriers consumed.
 * @faults: faults raised.
 * @timeouts: timeouts raised.
 * @channel_errors: channel errors raised.
 * @flags: Flag events posted.
 * @devctl: device-control messages handled.
 * @contexts_destroyed: DestroyContext messages for a context.
 * @held: completions held back by a notifier threshold at least once.
 * @init_buffers: InitBuffer commands run.
 * @grow_acks: GrowTVBAcks answering the simulator's GrowTVB (SIMQ GROW_TVB).
 * @tvb_grown: of those, the ones after which the buffer had more blocks (BlockControl).
 */
struct agx_sim_counters {
	atomic_t violations;
	atomic_t commands;
	atomic_t barriers;
	atomic_t faults;
	atomic_t timeouts;
	atomic_t channel_errors;
	atomic_t flags;
	atomic_t devctl;
	atomic_t contexts_destroyed;
	atomic_t held;
	atomic_t init_buffers;
	atomic_t grow_acks;
	atomic_t tvb_grown;
};

struct agx_sim *agx_sim_create(const struct agx_sim_cfg *cfg);
void agx_sim_destroy(struct agx_sim *sim);
struct agx_sim *agx_sim_default(void);
struct device *agx_sim_device(struct agx_sim *sim);
struct agx_sim_cfg *agx_sim_config(struct agx_sim *sim);
struct agx_sim_counters *agx_sim_get_counters(struct agx_sim *sim);
void agx_sim_step(struct agx_sim *sim, unsigned int steps);
void agx_sim_kick(struct agx_sim *sim);
bool agx_sim_crashed(struct agx_sim *sim);
u64 agx_sim_last_fault_info(struct agx_sim *sim);

int agx_sim_check_initdata(struct agx_sim *sim, u64 va);

#endif /* _AGX_SIM_FW_H_ */
