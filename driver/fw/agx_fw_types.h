/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko firmware layer: the types shared by the files of driver/fw (and seen by its users
 * through agx_fw.h). Each says who owns it and what keeps it alive; the functions are
 * declared in the header of the file that defines them.
 */
#ifndef _DRIVER_FW_AGX_FW_TYPES_H_
#define _DRIVER_FW_AGX_FW_TYPES_H_

#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/dma-fence.h>
#include <linux/kfifo.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <agx/fw/buffer.h>
#include <agx/fw/channels.h>
#include <agx/fw/event.h>
#include <agx/fw/initdata.h>
#include <agx/fw/version.h>
#include <agx/fw/workqueue.h>

struct device;
struct agx_heap;
struct agx_fwobj;
struct agx_mmu;
struct agx_xport;
struct agx_xport_client;
struct agx_tlb_ops;
struct agx_mmu_regions;

/**
 * enum agx_work_err - the error of a firmware command (asahi-agx-driver.md §1.5, WorkError)
 * @AGX_WERR_NONE: completed.
 * @AGX_WERR_TIMEOUT: the firmware timed the command out (-ETIMEDOUT).
 * @AGX_WERR_FAULT: a GPU fault in the command's VM (-EIO).
 * @AGX_WERR_UNKNOWN: a fault whose FAULT_INFO is not valid (-ENODATA).
 * @AGX_WERR_KILLED: killed by the recovery from another command's fault or timeout
 *	(-ECANCELED).
 * @AGX_WERR_NODEV: the firmware crashed or the device was unbound (-ENODEV).
 * @AGX_WERR_CHANNEL: a channel error (-EIO).
 *
 * agx_work_errno() (fence.c) gives the errno.
 */
enum agx_work_err {
	AGX_WERR_NONE,
	AGX_WERR_TIMEOUT,
	AGX_WERR_FAULT,
	AGX_WERR_UNKNOWN,
	AGX_WERR_KILLED,
	AGX_WERR_NODEV,
	AGX_WERR_CHANNEL,
};

/**
 * struct agx_chan - one ring channel, driver side
 * @name: for messages.
 * @state: ring state(s) (shared pool); @nsub states for the FW log.
 * @ring: the ring(s).
 * @msg_size: bytes per entry.
 * @count: entries per ring.
 * @nsub: sub-channels (6 for the FW log, else 1).
 * @ptr: TX: the next write index; RX: the next read index per sub-channel.
 * @lock: serializes producers of a TX channel.
 *
 * Embedded in &struct agx_gpu; lives as long as the GPU.
 */
struct agx_chan {
	const char *name;
	struct agx_fwobj *state;
	struct agx_fwobj *ring;
	u32 msg_size;
	u32 count;
	u32 nsub;
	u32 ptr[AGX_FWLOG_SUBCHANS];
	spinlock_t lock; /* TX producers */
};

/**
 * struct agx_event_mgr - the 128 event slots and their stamps
 * @lock: protects @busy, @owner, @last_used, @clock.
 * @wait: submitters waiting for a free slot.
 * @stamps: Stamp array (shared pool), read by the driver.
 * @fw_stamps: FwStamp array (private pool), for firmware barriers.
 * @busy: slot numbers taken (event.c).
 * @owner: the owner table (workqueue.c): the work queue holding each slot (a reference),
 *	or NULL.
 * @last_used: LRU clock value when each slot was last released.
 * @clock: LRU clock.
 * @waiters: number of submitters currently waiting for a slot (tests).
 *
 * Embedded in &struct agx_gpu; lives as long as the GPU. The stamp arrays are allocated by
 * agx_event_init() at probe and freed by agx_event_fini() with the GPU.
 */
struct agx_event_mgr {
	spinlock_t lock; /* protects busy, owner, last_used, clock */
	wait_queue_head_t wait;
	struct agx_fwobj *stamps;
	struct agx_fwobj *fw_stamps;
	DECLARE_BITMAP(busy, AGX_NUM_EVENTS);
	struct agx_fw_wq *owner[AGX_NUM_EVENTS];
	u64 last_used[AGX_NUM_EVENTS];
	u64 clock;
	atomic_t waiters;
};

/**
 * struct agx_gpu_stats - event counters of one GPU (monotonic)
 * @faults: Fault events.
 * @timeouts: Timeout events.
 * @channel_errors: ChannelError events.
 * @flags: Flag (completion) events.
 * @devctl_timeouts: device-control messages not acknowledged in time.
 * @fwlog: firmware log lines.
 * @stats: Stats messages.
 * @contexts_destroyed: DestroyContext messages acknowledged.
 *
 * Embedded in &struct agx_gpu; lives as long as the GPU. Read by the tests.
 */
struct agx_gpu_stats {
	atomic_t faults;
	atomic_t timeouts;
	atomic_t channel_errors;
	atomic_t flags;
	atomic_t devctl_timeouts;
	atomic_t fwlog;
	atomic_t stats;
	atomic_t contexts_destroyed;
};

/**
 * struct agx_gpu_ident - the GPU's identity, as HwDataB gives it to the firmware
 * @chip_id: the SoC number (0x8103, 0x8112); selects the SoC's firmware configuration
 *	(driver/fw/initdata.c).
 * @gpu_core: GpuCore (hw/mod.rs of the Asahi driver): 11 for G13G, 15 for G14G.
 * @gpu_rev: GpuRevisionID (hw/mod.rs): 1 A0, 2 A1, 3 B0, 4 B1, 5 C0, 6 C1.
 * @num_clusters: clusters.
 * @num_cores: cores per cluster.
 * @num_frags: fragment units per cluster.
 * @core_masks: the raw core-mask registers CORE_MASK_0/1 (the Rust driver's
 *	core_masks_packed), which G13's RunVertex repeats.
 *
 * A value type, filled by the bus layer (the ID registers, or the simulator's platform
 * data) in &struct agx_gpu_config and copied into &struct agx_gpu.
 */
struct agx_gpu_ident {
	u32 chip_id;
	u32 gpu_core;
	u32 gpu_rev;
	u32 num_clusters;
	u32 num_cores;
	u32 num_frags;
	u32 core_masks[2];
};

#define AGX_PWR_MAX_PSTATES	16	/* HwDataB frequencies[] */
/* base_clock_hz of t8103 and t8112 (hw/t8103.rs, hw/t8112.rs): 24 MHz, in kHz */
#define AGX_BASE_CLOCK_KHZ	24000
/* longest filter time the words are derived for, ms: its clocks fit a u32 */
#define AGX_PWR_MAX_MS		100000
#define AGX_PWR_MAX_VOLTS	8	/* HwDataB voltages[][] */
#define AGX_PWR_MAX_ZONES	5	/* MAX_POWERZONES (hw/mod.rs) */
#define AGX_PWR_MAX_CLUSTERS	8	/* HwDataA core_leak_coef[] */

/**
 * struct agx_gpu_pstate - one GPU performance state (an OPP of the device tree)
 * @freq_hz: frequency (opp-hz).
 * @volt_mv: voltage of each cluster, mV (opp-microvolt / 1000).
 * @pwr_mw: power, mW (opp-microwatt / 1000).
 */
struct agx_gpu_pstate {
	u32 freq_hz;
	u32 volt_mv[AGX_PWR_MAX_VOLTS];
	u32 pwr_mw;
};

/**
 * struct agx_gpu_power_zone - one power zone ("apple,power-zones", three cells each)
 * @target: target, mW.
 * @target_offset: offset below @target.
 * @filter_tc: filter time constant, sample periods.
 */
struct agx_gpu_power_zone {
	u32 target;
	u32 target_offset;
	u32 filter_tc;
};

/**
 * struct agx_gpu_pwr - the GPU's power configuration from the device tree (the Asahi
 *	driver's PwrConfig, hw/mod.rs; the properties are named in driver/agx_pwr.c)
 * @pstates: the performance states, ascending (operating-points-v2).
 * @nr_pstates: entries of @pstates (1..16).
 * @nr_volts: voltages per p-state (the clusters).
 * @zones: the power zones.
 * @nr_zones: entries of @zones (0..5).
 * @core_leak_coef: per cluster (f32 bits).
 * @sram_leak_coef: per cluster (f32 bits).
 * @nr_clusters: entries of the two leakage arrays.
 * @max_power_mw: the largest p-state power, mW.
 * @max_freq_mhz: the largest p-state frequency, MHz.
 * @perf_base_pstate: the p-state to start at.
 * @perf_max_pstate: the highest p-state (@nr_pstates - 1).
 * @min_sram_microvolt: the SRAM domain's minimum voltage, uV.
 * @power_sample_period: ms.
 * @pwr_sample_period_aic_clks: the period in 24 MHz clocks.
 * @avg_power_filter_tc_ms: ms.
 * @avg_power_ki_only: f32.
 * @avg_power_kp: f32.
 * @avg_power_min_duty_cycle: percent.
 * @avg_power_target_filter_tc: periods.
 * @fast_die0_integral_gain: f32.
 * @fast_die0_proportional_gain: f32.
 * @fast_die0_prop_tgt_delta: degrees.
 * @fast_die0_release_temp: degrees C.
 * @fender_idle_off_delay_ms: ms.
 * @fw_early_wake_timeout_ms: ms.
 * @idle_off_delay_ms: ms.
 * @idle_off_standby_timer: (unit unknown).
 * @perf_boost_ce_step: percent.
 * @perf_boost_min_util: percent.
 * @perf_filter_drop_threshold: (unknown).
 * @perf_filter_time_constant: periods.
 * @perf_filter_time_constant2: periods.
 * @perf_integral_gain: f32.
 * @perf_integral_gain2: f32.
 * @perf_integral_min_clamp: (unknown).
 * @perf_proportional_gain: f32.
 * @perf_proportional_gain2: f32.
 * @perf_reset_iters: iterations.
 * @perf_tgt_utilization: percent.
 * @ppm_filter_time_constant_ms: ms.
 * @ppm_ki: f32.
 * @ppm_kp: f32.
 * @pwr_filter_time_constant: periods.
 * @pwr_integral_gain: f32.
 * @pwr_integral_min_clamp: (unknown).
 * @pwr_min_duty_cycle: percent.
 * @pwr_proportional_gain: f32.
 * @se_engagement_criteria: (unknown).
 * @se_filter_time_constant: periods.
 * @se_filter_time_constant_1: periods.
 * @se_inactive_threshold: (unknown).
 * @se_ki: f32.
 * @se_ki_1: f32.
 * @se_kp: f32.
 * @se_kp_1: f32.
 * @se_reset_criteria: (unknown).
 *
 * A value type (about 1 KiB: not for the stack): the bus layer fills one
 * (agx_pwr_parse()) and points &agx_gpu_config.pwr at it; agx_gpu_create() copies it
 * into &struct agx_gpu. Floats are IEEE 754 bits, as the
 * device tree holds them.
 */
struct agx_gpu_pwr {
	struct agx_gpu_pstate pstates[AGX_PWR_MAX_PSTATES];
	u32 nr_pstates;
	u32 nr_volts;
	struct agx_gpu_power_zone zones[AGX_PWR_MAX_ZONES];
	u32 nr_zones;
	u32 core_leak_coef[AGX_PWR_MAX_CLUSTERS];
	u32 sram_leak_coef[AGX_PWR_MAX_CLUSTERS];
	u32 nr_clusters;
	u32 max_power_mw;
	u32 max_freq_mhz;
	u32 perf_base_pstate;
	u32 perf_max_pstate;
	u32 min_sram_microvolt;
	u32 power_sample_period;
	u32 pwr_sample_period_aic_clks;
	u32 avg_power_filter_tc_ms;
	u32 avg_power_ki_only;
	u32 avg_power_kp;
	u32 avg_power_min_duty_cycle;
	u32 avg_power_target_filter_tc;
	u32 fast_die0_integral_gain;
	u32 fast_die0_proportional_gain;
	u32 fast_die0_prop_tgt_delta;
	u32 fast_die0_release_temp;
	u32 fender_idle_off_delay_ms;
	u32 fw_early_wake_timeout_ms;
	u32 idle_off_delay_ms;
	u32 idle_off_standby_timer;
	u32 perf_boost_ce_step;
	u32 perf_boost_min_util;
	u32 perf_filter_drop_threshold;
	u32 perf_filter_time_constant;
	u32 perf_filter_time_constant2;
	u32 perf_integral_gain;
	u32 perf_integral_gain2;
	u32 perf_integral_min_clamp;
	u32 perf_proportional_gain;
	u32 perf_proportional_gain2;
	u32 perf_reset_iters;
	u32 perf_tgt_utilization;
	u32 ppm_filter_time_constant_ms;
	u32 ppm_ki;
	u32 ppm_kp;
	u32 pwr_filter_time_constant;
	u32 pwr_integral_gain;
	u32 pwr_integral_min_clamp;
	u32 pwr_min_duty_cycle;
	u32 pwr_proportional_gain;
	s32 se_engagement_criteria;
	u32 se_filter_time_constant;
	u32 se_filter_time_constant_1;
	u32 se_inactive_threshold;
	u32 se_ki;
	u32 se_ki_1;
	u32 se_kp;
	u32 se_kp_1;
	u32 se_reset_criteria;
};

/**
 * struct agx_gpu_config - what the bus layer (driver/agx_drv.c) gives agx_gpu_create()
 * @gen: GPU generation (the ID registers on hardware, platform data in the simulator).
 * @fw_version: AGX_FW_VERSION() of the firmware ABI (the DT "apple,firmware-abi" or, in
 *	older device trees, "apple,firmware-compat"); with @gen it picks the layouts.
 * @ident: the GPU's identity (HwDataB).
 * @pwr: the power configuration (HwDataA, HwDataB, Globals), copied; required.
 * @tlb: the GPU TLB backend (the CPU's tlbi on hardware, the simulator's otherwise).
 * @tlb_priv: passed to @tlb.
 * @debug_alloc: allocate firmware objects with the debug preamble (simulator only).
 * @regions: the firmware-shared regions the device tree reserves, or NULL where the MMU
 *	allocates them itself (simulator).
 * @xport_create: creates the transport to the firmware for @dev, delivering to @client
 *	(sim.c or rtkit.c behind a constructor of the bus layer); returns an ERR_PTR on error.
 * @xport_data: passed to @xport_create.
 * @release: called with @release_data once the GPU's memory is freed, after its MMU was
 *	destroyed (the bus layer unmaps @regions there), and also when agx_gpu_create()
 *	fails; NULL for nothing. Process context.
 * @release_data: passed to @release; from the call of agx_gpu_create() on, the GPU owns it.
 *
 * Read during agx_gpu_create() only (the ops and data it points to must outlive the GPU);
 * owned by the caller.
 */
struct agx_gpu_config {
	enum agx_gpu_gen gen;
	u32 fw_version;
	struct agx_gpu_ident ident;
	const struct agx_gpu_pwr *pwr;
	const struct agx_tlb_ops *tlb;
	void *tlb_priv;
	bool debug_alloc;
	const struct agx_mmu_regions *regions;
	struct agx_xport *(*xport_create)(struct device *dev, const void *data,
					  const struct agx_xport_client *client);
	const void *xport_data;
	void (*release)(void *data);
	void *release_data;
};

/**
 * struct agx_gpu_user - something killed when its GPU's device is unbound
 * @link: on &agx_gpu.users (under &agx_gpu.users_lock).
 * @unbind: called once at unbind, with &agx_gpu.users_lock held; must not sleep for long.
 *
 * Embedded in its owner (an AGX queue), which holds a GPU reference while registered.
 */
struct agx_gpu_user {
	struct list_head link;
	void (*unbind)(struct agx_gpu_user *user);
};

/**
 * struct agx_bm_grow - a GrowTVB request of the firmware (fw/channels.rs GrowTvb)
 * @vm_slot: the VM slot of the render.
 * @buffer_slot: the buffer-manager slot whose buffer is to grow.
 * @counter: the request's counter, echoed in the GrowTVBAck.
 */
struct agx_bm_grow {
	u32 vm_slot;
	u32 buffer_slot;
	u32 counter;
};

/* GrowTVB requests queued for the grow worker at most (more are acknowledged at once) */
#define AGX_BM_GROW_QUEUE	16

/**
 * struct agx_bm_slots - the GPU's buffer-manager slots (buffer.c)
 * @lock: protects @busy, @owner, @last, @used, @clock and @grow.
 * @busy: slots bound to a buffer with scenes in flight.
 * @owner: the buffer holding each busy slot (borrowed: a busy slot's buffer is alive, its
 *	scenes hold it), NULL for a free slot.
 * @last: id of the buffer whose InitBuffer was last built for each slot, 0 for none:
 *	binding the same buffer again needs no InitBuffer.
 * @used: @clock at each slot's last release; a new binding takes the least recently used.
 * @clock: counts releases.
 * @nslots: the slots used, AGX_BM_SLOTS; tests lower it to make buffers contend.
 * @next_id: buffer ids (from 1, never reused: a freed buffer's id matches no slot).
 * @wait: submitters waiting for a free slot; woken at each release and at a crash.
 * @grow: GrowTVB requests from the receive path, for @grow_work.
 * @grow_work: grows the requests' buffers and acknowledges them (it may allocate, the
 *	receive path may not).
 * @ack_gate: NULL, or set by a test: @grow_work waits for it to complete before each
 *	acknowledgment, which shows that the firmware's render waits for the ack.
 *
 * Part of &struct agx_gpu (agx_bm_slots_init()). The firmware has 127 of them
 * (AGX_BM_SLOTS); a buffer holds one from its first scene in flight to its last.
 */
struct agx_bm_slots {
	spinlock_t lock; /* protects busy, last, used, clock */
	DECLARE_BITMAP(busy, AGX_BM_SLOTS);
	struct agx_fw_buffer *owner[AGX_BM_SLOTS];
	u64 last[AGX_BM_SLOTS];
	u64 used[AGX_BM_SLOTS];
	u64 clock;
	u32 nslots;
	atomic64_t next_id;
	wait_queue_head_t wait;
	DECLARE_KFIFO(grow, struct agx_bm_grow, AGX_BM_GROW_QUEUE);
	struct work_struct grow_work;
	struct completion *ack_gate;
};

/**
 * struct agx_fw_tpc - a tail pointer cache, shared by the scenes of a buffer
 * @ref: references: the buffer's (while it is the cached one) and one per scene.
 * @obj: the TPC (user VM, firmware and GPU: AGX_HEAP_GPU_FW), rounded up to 16 KiB.
 *
 * buffer.rs keeps the largest TPC a buffer's renders needed and gives it to the next
 * scene that fits; a larger render replaces it, the scenes in flight keep the old one.
 */
struct agx_fw_tpc {
	struct kref ref;
	struct agx_fwobj *obj;
};

/**
 * struct agx_fw_buffer - the tiled vertex buffer of one render queue (buffer.c)
 * @ref: references: the queue's and one per scene.
 * @gpu: the GPU (borrowed: the queue holding @ref holds the GPU).
 * @heap: the user VM's kernel-range heap its objects come from (a reference).
 * @id: this buffer's id in &agx_bm_slots.last.
 * @lock: protects @blocks, @nblocks, @active, @slot, @tpc and the Info's counts.
 * @info: buffer::Info (private pool), read by the firmware through the InitBuffer and
 *	the commands that point at it.
 * @block_ctl: BlockControl (shared pool).
 * @counter: Counter (shared pool).
 * @stats: Stats (shared pool), written by the firmware: the growth input.
 * @kbuf: the kernel buffer of RunVertex/RunFragment unk_buffer_buf (shared pool).
 * @page_list: the pages of the blocks, u32 page numbers (AGX_HEAP_GPU_FW).
 * @block_list: the first page of each block, in u32 pairs (AGX_HEAP_GPU_FW).
 * @blocks: the TVB blocks (AGX_HEAP_GPU, AGX_BM_BLOCK_SIZE bytes each), by index; the
 *	buffer only grows (buffer.rs).
 * @nblocks: entries of @blocks.
 * @active: scenes alive (created and not yet freed).
 * @slot: the slot held while @active > 0; the last one held otherwise, or -1.
 * @tpc: the cached TPC (a reference), or NULL.
 *
 * Created at a queue's first render (agx_fw_buffer_create()); freed with its objects when
 * the queue and the last scene have dropped their references, which is after the
 * firmware retired the last command that points at it.
 */
struct agx_fw_buffer {
	struct kref ref;
	struct agx_gpu *gpu;
	struct agx_heap *heap;
	u64 id;
	struct mutex lock; /* blocks, active, slot, tpc */
	struct agx_fwobj *info;
	struct agx_fwobj *block_ctl;
	struct agx_fwobj *counter;
	struct agx_fwobj *stats;
	struct agx_fwobj *kbuf;
	struct agx_fwobj *page_list;
	struct agx_fwobj *block_list;
	struct xarray blocks;
	u32 nblocks;
	u32 active;
	int slot;
	struct agx_fw_tpc *tpc;
};

/**
 * struct agx_fw_scene - the per-render objects of a buffer (buffer.rs Scene)
 * @ref: references: one per firmware command pointing at it (RunVertex, RunFragment,
 *	InitBuffer) and the builder's until the job is built.
 * @buf: the buffer (a reference).
 * @obj: buffer::Scene (shared pool: the firmware does not clean it from its cache).
 * @user_buf: Scene.user_buffer, AGX_BM_USER_BUF_SIZE bytes (AGX_HEAP_GPU).
 * @heapmeta: the TVB heap meta, then the layer meta with layers (AGX_HEAP_GPU).
 * @tilemap: the top-level tile map (AGX_HEAP_GPU).
 * @preempt: the three preemption buffers (AGX_HEAP_GPU).
 * @aux_fb: RunFragment's aux_fb, AGX_AUX_FB_SIZE bytes (AGX_HEAP_GPU).
 * @tpc: the tail pointer cache (a reference).
 * @tpc_size: the bytes of @tpc this render uses (RunVertex tpc_size).
 * @slot: the buffer-manager slot of the render.
 * @needs_init: an InitBuffer must precede the render's RunVertex: none binding @slot to
 *	the buffer was built yet, or the buffer grew for this render.
 * @counted: counted in &agx_fw_buffer.active (released with it).
 *
 * Created per render by agx_fw_scene_create() under the queue's submit lock; freed when
 * the last command pointing at it is freed (after the firmware retired it), which
 * releases the buffer's slot if it was the buffer's last scene.
 */
struct agx_fw_scene {
	struct kref ref;
	struct agx_fw_buffer *buf;
	struct agx_fwobj *obj;
	struct agx_fwobj *user_buf;
	struct agx_fwobj *heapmeta;
	struct agx_fwobj *tilemap;
	struct agx_fwobj *preempt;
	struct agx_fwobj *aux_fb;
	struct agx_fw_tpc *tpc;
	u64 tpc_size;
	u32 slot;
	bool needs_init;
	bool counted;
};

#define AGX_BUFMGR_MAPPED_GPU	BIT(0)	/* at its GPU address (kernel-lower VM) */
#define AGX_BUFMGR_MAPPED_FW	BIT(1)	/* at its firmware address (kernel VM) */

/**
 * struct agx_gpu_init - the firmware objects InitData leads to, besides those
 *	&struct agx_gpu names (initdata.rs runtime_pointers(), build())
 * @unk_buf: InitData.unk_buf, 16 KiB (shared_ro).
 * @hwdata_a: HwDataA (private).
 * @hwdata_b: HwDataB (private).
 * @stats_vtx: GpuGlobalStatsVtx (private); StartVertex/FinalizeVertex point into it.
 * @stats_frag: GpuGlobalStatsFrag (private); StartFragment/FinalizeFragment.
 * @stats_comp: GpuStatsComp (private); StartCompute/FinalizeCompute.
 * @unkptr: the unknown arrays of RuntimePointers unkptr_190, 198, 1b8, 1c0, 1c8 (private).
 * @io_va: kernel-VM address of each mapped MMIO window (HwDataB io_mappings slot).
 * @io_size: its mapped size, bytes (0: not mapped).
 * @bufmgr_ctl: the buffer-manager control page (16 KiB, naturally aligned).
 * @bufmgr_mapped: AGX_BUFMGR_MAPPED_GPU, AGX_BUFMGR_MAPPED_FW: where @bufmgr_ctl is
 *	mapped.
 * @compute_preempt1_size: the first part of a compute command's preemption buffer, bytes
 *	(the SoC's HwConfig compute_preempt1_size).
 *
 * Allocated and filled by agx_initdata_create() at bring-up, freed by
 * agx_initdata_destroy() with the GPU: the firmware may use all of it as long as it runs.
 */
struct agx_gpu_init {
	struct agx_fwobj *unk_buf;
	struct agx_fwobj *hwdata_a;
	struct agx_fwobj *hwdata_b;
	struct agx_fwobj *stats_vtx;
	struct agx_fwobj *stats_frag;
	struct agx_fwobj *stats_comp;
	struct agx_fwobj *unkptr[5];
	u64 io_va[AGX_IO_MAPPINGS];
	u64 io_size[AGX_IO_MAPPINGS];
	struct page *bufmgr_ctl;
	u32 bufmgr_mapped;
	u32 compute_preempt1_size;
};

/**
 * struct agx_gpu - one AGX GPU with its firmware
 * @ref: references: the bound driver's (dropped at unbind), each AGX queue's, each queue
 *	context's (&struct agx_fw_qctx, until DestroyContext), and callers' of agx_gpu_get().
 * @release_work: frees the GPU after the last put (agx_gpu_release_work()).
 * @release_wq: where @release_work runs (agx.ko's, shared by all GPUs).
 * @dev: the platform device (a reference: it outlives the binding).
 * @layout: firmware/GPU combination (per-version data).
 * @mmu: GPU memory management.
 * @xport: the firmware transport.
 * @ident: the GPU's identity (&agx_gpu_config.ident).
 * @pwr: the power configuration (&agx_gpu_config.pwr).
 * @initdata: InitData (private; driver/fw/initdata.c builds it and all below).
 * @rtptrs: RuntimePointers (private).
 * @globals: Globals (private).
 * @fw_status: FwStatus (shared).
 * @fwlog_buf: FW log payload rings (shared).
 * @init: the other objects InitData leads the firmware to (&struct agx_gpu_init).
 * @pipes: the 12 pipe channels [priority][pipe type].
 * @devctl: DeviceControl channel.
 * @fwctl: FwCtl channel.
 * @event: event channel.
 * @fwlog: FW log channel (6 sub-channels).
 * @ktrace: KTrace channel (disabled, allocated because initdata points at it).
 * @stats_chan: Stats channel.
 * @devctl_lock: serializes device-control messages (put + bounded wait).
 * @rx_lock: serializes the receive path.
 * @ev: event slots.
 * @bm: buffer-manager slots.
 * @crashed: the firmware crashed: nothing touches firmware memory any more.
 * @dead_lock: protects @dead_ctx.
 * @dead_ctx: contexts to destroy through device control (&struct agx_fw_qctx).
 * @ctx_work: destroys @dead_ctx.
 * @free_list: completed firmware work to free (&struct agx_fw_work).
 * @free_work: frees @free_list in process context.
 * @wq: the WQ_MEM_RECLAIM workqueue of the job queues (agx.ko's, shared by all GPUs).
 * @next_id: queue ids (QueueInfo uuid, notifier generation).
 * @stats: counters.
 * @timeout_counter: last Timeout counter seen.
 * @threshold_at_submit: regression knob: raise the notifier threshold at submit time, as
 *	older drivers did (asahi-agx-driver.md §2.7). Tests only.
 * @job_timeout_ms: job-queue backstop timeout of the queues created next (ms).
 * @job_timeout_rearms: backstop re-arms before a job the firmware never completes fails.
 * @users_lock: protects @users and @unbound.
 * @users: &struct agx_gpu_user to kill at unbind (the AGX queues).
 * @unbound: the device was unbound: no new user.
 * @link: on the global list of GPUs.
 * @release: &agx_gpu_config.release, called by the last put after the MMU is gone.
 * @release_data: passed to @release.
 *
 * Created by agx_gpu_create() at probe. agx_gpu_destroy() at remove (unbind) shuts the
 * firmware down with queues and jobs possibly still alive, and drops the driver's
 * reference; the memory goes with the last reference (agx_gpu_put()).
 */
struct agx_gpu {
	struct kref ref;
	struct work_struct release_work;
	struct workqueue_struct *release_wq;
	struct device *dev;
	const struct agx_fw_layout *layout;
	struct agx_mmu *mmu;
	struct agx_xport *xport;
	struct agx_gpu_ident ident;
	struct agx_gpu_pwr pwr;
	struct agx_fwobj *initdata;
	struct agx_fwobj *rtptrs;
	struct agx_fwobj *globals;
	struct agx_fwobj *fw_status;
	struct agx_fwobj *fwlog_buf;
	struct agx_gpu_init init;
	struct agx_chan pipes[AGX_NUM_PRIOS][AGX_NUM_PIPE_TYPES];
	struct agx_chan devctl;
	struct agx_chan fwctl;
	struct agx_chan event;
	struct agx_chan fwlog;
	struct agx_chan ktrace;
	struct agx_chan stats_chan;
	struct mutex devctl_lock; /* one device-control message at a time */
	struct mutex rx_lock; /* the receive path */
	struct agx_event_mgr ev;
	struct agx_bm_slots bm;
	bool crashed;
	spinlock_t dead_lock; /* protects dead_ctx */
	struct list_head dead_ctx;
	struct work_struct ctx_work;
	struct llist_head free_list;
	struct work_struct free_work;
	struct workqueue_struct *wq;
	atomic_t next_id;
	struct agx_gpu_stats stats;
	u32 timeout_counter;
	bool threshold_at_submit;
	unsigned int job_timeout_ms;
	unsigned int job_timeout_rearms;
	struct mutex users_lock; /* protects users, unbound */
	struct list_head users;
	bool unbound;
	struct list_head link;
	void (*release)(void *data);
	void *release_data;
};

/**
 * struct agx_hw_fence - the hardware fence of one AGX job
 * @base: the fence; its lock is @lock.
 * @lock: fence lock.
 * @pending: firmware commands (Run*) of the job not yet complete.
 * @error: first error of a command (negative errno), or 0.
 *
 * Allocated at submit; referenced by the job, by each of its firmware commands until they
 * complete, and by the job queue once run_job returns it. Freed with the last reference
 * (dma_fence_put()); it may outlive agx.ko's use of it in a dma_fence user's hands.
 */
struct agx_hw_fence {
	struct dma_fence base;
	spinlock_t lock; /* fence lock */
	atomic_t pending;
	atomic_t error;
};

/**
 * struct agx_fw_qctx - firmware objects shared by the work queues of one AGX queue
 * @ref: references: the AGX queue's and one per work queue.
 * @gpu: the GPU (a reference, dropped once the context is destroyed and freed).
 * @id: queue id (notifier generation, QueueInfo uuid).
 * @context: GpuContextData (shared pool).
 * @notifier: Notifier (private pool).
 * @threshold: Threshold (shared pool).
 * @notifier_list: NotifierList (shared pool).
 * @link: on the GPU's dead-context list after the last put.
 * @dead_wqs: released work queues of this context whose QueueInfo, RingState, ring and
 *	GPBF wait for DestroyContext (under &agx_gpu.dead_lock).
 *
 * The last put does not free: it queues the context for DestroyContext through device
 * control (asahi-agx-driver.md §1.6); the objects are freed once the firmware acknowledged.
 * So are the objects of its released work queues: the firmware keeps a work queue cached
 * (and reads its RingState) until its context is destroyed.
 */
struct agx_fw_qctx {
	struct kref ref;
	struct agx_gpu *gpu;
	u32 id;
	struct agx_fwobj *context;
	struct agx_fwobj *notifier;
	struct agx_fwobj *threshold;
	struct agx_fwobj *notifier_list;
	struct list_head link;
	struct list_head dead_wqs;
};

/**
 * struct agx_fw_work - one firmware command in (or for) a work queue ring
 * @link: on the work queue's pending list once submitted.
 * @free_node: on the GPU's free list once complete.
 * @cmd: the command object (gpu_ro pool).
 * @microseq: its microsequence (gpu_ro pool), or NULL (Barrier, InitBuffer).
 * @microseq_size: bytes of the microsequence in @microseq.
 * @fence: the job's hardware fence (a reference) for commands that complete it; NULL for a
 *	Barrier (it shares the value of the next command).
 * @value: the stamp value at which the command is complete.
 * @vm_slot: the VM slot the command runs in (fault attribution).
 * @scene: the render's scene the command points at (a reference), or NULL.
 * @preempt: a compute command's preemption buffer (in @heap), or NULL.
 * @heap: the user-VM heap of @preempt (a reference), or NULL.
 * @error: enum agx_work_err recorded by error handling.
 *
 * Owned by the AGX job until run_job hands it to the work queue; then by the work queue
 * until it completes; then freed (with its objects) by the GPU's free worker.
 */
struct agx_fw_work {
	struct list_head link;
	struct llist_node free_node;
	struct agx_fwobj *cmd;
	struct agx_fwobj *microseq;
	u32 microseq_size;
	struct agx_hw_fence *fence;
	u32 value;
	u32 vm_slot;
	struct agx_fw_scene *scene;
	struct agx_fwobj *preempt;
	struct agx_heap *heap;
	enum agx_work_err error;
};

/**
 * struct agx_fw_wq - a firmware work queue (one pipe of one AGX queue)
 * @ref: references: the AGX queue's, the event slot's (while it holds one), the jobs'.
 * @gpu: the GPU.
 * @qctx: shared objects (a reference).
 * @pipe: AGX_PIPE_*.
 * @prio: priority 0..3.
 * @info: QueueInfo (private pool).
 * @state: RingState (shared pool).
 * @ring: the ring of command pointers (private pool), AGX_WQ_SIZE entries.
 * @gpu_buf: the GPBF buffer (private pool).
 * @dead_link: on &agx_fw_qctx.dead_wqs after the last put.
 * @lock: protects everything below.
 * @wptr: next ring index to write.
 * @is_new: the firmware has not seen this QueueInfo yet.
 * @slot: event slot held, or -1.
 * @last_slot: slot held last (sticky reuse).
 * @next_value: stamp value of the last command built.
 * @completed_value: last stamp value seen.
 * @pending_jobs: jobs built and not yet submitted nor cancelled.
 * @nr_pending: entries of @pending.
 * @pending: submitted commands not yet complete, oldest first.
 *
 * The work queue lives while it holds an event slot, i.e. until the firmware is done with
 * it: every command retired by the stamps *and* ``RingState.gpu_doneptr`` caught up with
 * @wptr. Its firmware-visible objects live on after the last put until DestroyContext of
 * its context is acknowledged.
 */
struct agx_fw_wq {
	struct kref ref;
	struct agx_gpu *gpu;
	struct agx_fw_qctx *qctx;
	u32 pipe;
	u32 prio;
	struct agx_fwobj *info;
	struct agx_fwobj *state;
	struct agx_fwobj *ring;
	struct agx_fwobj *gpu_buf;
	struct list_head dead_link;
	spinlock_t lock; /* protects the fields below */
	u32 wptr;
	bool is_new;
	int slot;
	int last_slot;
	u32 next_value;
	u32 completed_value;
	unsigned int pending_jobs;
	unsigned int nr_pending;
	struct list_head pending;
};

#endif /* _DRIVER_FW_AGX_FW_TYPES_H_ */
