// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: InitData
 *
 * What MSG_INIT gives the firmware, built once at bring-up as the Asahi driver's
 * initdata.rs builds it (<agx/fw/initdata.h>, <agx/fw/hwdata.h>):
 *
 * ==================  =========  ==================================================
 * object              pool       contents
 * ==================  =========  ==================================================
 * InitData            private    ver_info (the layout's), pointers, UAT geometry
 * unk_buf             shared_ro  16 KiB of zeroes
 * RuntimePointers     private    every channel ring but FwCtl, the statistics
 *                                buffers, HwDataA, HwDataB (twice), the FW log
 *                                payloads, the buffer-manager control addresses
 * HwDataA             private    power management: the constants of the builder,
 *                                the SoC's tables, the power controllers' words
 * HwDataB             private    GPU configuration: chip, core, revision, cores,
 *                                clocks, UAT TTB base, p-states, MMIO windows
 * GPU statistics      private    vertex, fragment, compute: opaque (frag ids -1)
 * unkptr_190..1c8     private    zeroed arrays of the builder's sizes
 * Globals             private    configuration, pending stamps, fault info
 * FwStatus            shared     the FwCtl channel, halt/resume words
 * FW log payloads     shared     6 x 0x100 entries
 * ==================  =========  ==================================================
 *
 * Every value is the one the Rust driver writes, for firmware 13.5 on G13G/G14G: its
 * constants, the SoC's tables (&struct agx_fw_chip_cfg), and what the device tree's
 * power configuration gives (&struct agx_gpu_pwr: the p-states, power zones, leakage,
 * and the filters and gains of the power controllers, turned into the firmware's
 * coefficients with the IEEE single-precision arithmetic of f32.c). The SoC's MMIO
 * windows the firmware drives (Fender, AIC timer, RGX, sensors, ... of hw/t8103.rs and
 * hw/t8112.rs) are mapped into the kernel VM from 0xffffffaf_00000000 (gpu.rs
 * IOVA_KERN_MMIO_RANGE) with the firmware's MMIO protections, and HwDataB.io_mappings
 * says where. The buffer-manager control page is mapped at the two addresses
 * RuntimePointers gives (gpu.rs). See Documentation/agx-firmware.rst.
 *
 * Coding conventions in this file: one function per object; fill functions only write
 * into memory allocated (zeroed) before, and cannot fail; everything is freed by
 * agx_initdata_destroy(), which also undoes a partial agx_initdata_create().
 */

#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <agx/uat.h>

#include "initdata.h"
#include "channel.h"
#include "f32.h"

#include "mmu/agx_mmu.h"

/* IEEE 754 single-precision bits of the float constants initdata.rs writes */
#define AGX_F32_0_2	0x3e4ccccd
#define AGX_F32_0_8	0x3f4ccccd
#define AGX_F32_1_0	0x3f800000
#define AGX_F32_5_3	0x40a9999a
#define AGX_F32_95	0x42be0000
#define AGX_F32_100	0x42c80000
#define AGX_F32_8000	0x45fa0000
#define AGX_F32_65536	0x47800000
#define AGX_F32_0_95	0x3f733333
#define AGX_F32_1000	0x447a0000
#define AGX_F32_1_02	0x3f828f5c	/* sram_k of t8103 and t8112 */

/* HwDataShared2Curve t3 words without a value (initdata.rs init_curve()) */
#define AGX_CURVE_T3_NONE	0x3ffffff

#define AGX_UAT_OAS	40	/* uat_oas of t8103 and t8112 (hw/t8103.rs, hw/t8112.rs) */

static unsigned int progress_check_ms;
module_param(progress_check_ms, uint, 0644);
MODULE_PARM_DESC(progress_check_ms,
		 "Firmware progress check (hang detection) interval, ms, all pipes (default 0: 40/10/250 ms for 3D/TA/CL, as macOS)");

/* IOVA_KERN_MMIO_RANGE (gpu.rs): where the firmware's MMIO windows are mapped */
#define AGX_KERN_MMIO_VA	0xffffffaf00000000ULL

/**
 * struct agx_fw_io_map - one MMIO window of the firmware (hw/t8103.rs IOMapping)
 * @base: physical address of the registers.
 * @size: bytes.
 * @writable: the firmware writes them (FW_MMIO_RW, else FW_MMIO_RO).
 */
struct agx_fw_io_map {
	u64 base;
	u32 size;
	bool writable;
};

/**
 * struct agx_fw_chip_cfg - an SoC's firmware configuration (hw/t8103.rs, hw/t8112.rs)
 * @chip_id: the SoC.
 * @unk_87c: HwConfigA unk_87c (HwDataA.unk_87c, Globals.unk_89c4).
 * @unk_8cc: HwConfigA unk_8cc (HwDataA.unk_8cc, Globals.unk_89bc).
 * @unk_e24: HwConfigA unk_e24.
 * @unk_4e0: HwConfigB unk_4e0.
 * @unk_534: HwConfigB unk_534.
 * @unk_b30: HwConfigB unk_b30.
 * @fast_sensor_mask: fast die-0 sensors (HwDataA fast_die0_sensor_mask{,_2}).
 * @fast_sensor_mask_alt: HwDataA fast_die0_sensor_mask_alt.
 * @shared1_tab: HwDataShared1 table.
 * @shared1_a4: HwDataShared1 unk_a4.
 * @shared2_tab: HwDataShared2 table.
 * @shared2_unk_508: HwDataShared2 unk_508.
 * @shared2_curves: the SoC has the G14 power curves (HwDataShared2 g14).
 * @curve_t1_coef: HwConfigShared2Curves t1_coef.
 * @curve_t2: HwConfigShared2Curves t2 (the rest of curve2.t2 repeats the first).
 * @curve_t3_coefs: HwConfigShared2Curves t3_coefs, by p-state.
 * @curve_t3_scales: HwConfigShared2Curves t3_scales.
 * @shared3_unk: HwDataShared3 unk_8.
 * @shared3_tab: HwDataShared3 table (all zero: none).
 * @coef: HwDataA unk_coef_a/b of cluster 0 (floats; all zero: none).
 * @io: the firmware's MMIO windows, by HwDataB io_mappings slot (size 0: none).
 * @compute_preempt1_size: HwConfig compute_preempt1_size (bytes).
 */
struct agx_fw_chip_cfg {
	u32 chip_id;
	s32 unk_87c;
	u32 unk_8cc;
	u32 unk_e24;
	u64 unk_4e0;
	u32 unk_534;
	u32 unk_b30;
	u64 fast_sensor_mask;
	u64 fast_sensor_mask_alt;
	s32 shared1_tab[16];
	u32 shared1_a4;
	s32 shared2_tab[10];
	u32 shared2_unk_508;
	bool shared2_curves;
	u32 curve_t1_coef;
	s16 curve_t2[9];
	u32 curve_t3_coefs[9];
	u32 curve_t3_scales[3];
	u32 shared3_unk;
	u32 shared3_tab[16];
	u32 coef[AGX_HWDATA_CORES];
	struct agx_fw_io_map io[AGX_IO_MAPPINGS];
	u32 compute_preempt1_size;
};

static const struct agx_fw_chip_cfg agx_fw_chips[] = {
	{
		.chip_id = 0x8103,
		.compute_preempt1_size = 0x7f80,
		.unk_87c = -220, .unk_8cc = 9880, .unk_e24 = 112,
		.unk_4e0 = 0, .unk_534 = 0, .unk_b30 = 0,
		.fast_sensor_mask = 0x12, .fast_sensor_mask_alt = 0x12,
		.shared1_tab = { -1, 0x7282, 0x50ea, 0x370a, 0x25be, 0x1c1f, 0x16fb, -1, -1, -1,
				 -1, -1, -1, -1, -1, -1 },
		.shared1_a4 = 0xffff,
		.shared2_tab = { 0x800, 0x1555, -1, -1, -1, -1, -1, -1, 0, 0 },
		.shared2_unk_508 = 0xc00007,
		.io = {
			[0] = { 0x204d00000, 0x1c000, true },	/* Fender */
			[1] = { 0x20e100000, 0x4000, false },	/* AICTimer */
			[2] = { 0x23b104000, 0x4000, true },	/* AICSWInt */
			[3] = { 0x204000000, 0x20000, true },	/* RGX */
			[7] = { 0x23b2e8000, 0x1000, false },	/* AnalogTempSensorControllerRegs */
			[8] = { 0x23bc00000, 0x1000, true },	/* PMPDoorbell */
			[9] = { 0x204d80000, 0x5000, true },	/* MetrologySensorRegs */
			[10] = { 0x204d61000, 0x1000, true },	/* GMGIFAFRegs */
			[11] = { 0x200000000, 0xd6400, true },	/* MCache registers */
			[13] = { 0x23b738000, 0x1000, true },	/* PMGRScratch */
		},
	},
	{
		.chip_id = 0x8112,
		.compute_preempt1_size = 0x10000,	/* "TODO: Check" in hw/t8112.rs */
		.unk_87c = 900, .unk_8cc = 11000, .unk_e24 = 125,
		.unk_4e0 = 4, .unk_534 = 0, .unk_b30 = 1,
		.fast_sensor_mask = 0x6800, .fast_sensor_mask_alt = 0x6800,
		.shared1_tab = { 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff,
				 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff },
		.shared1_a4 = 0,
		.shared2_tab = { -1, -1, -1, -1, -1, -1, -1, -1, 0xaa5aa, 0 },
		.shared2_unk_508 = 0xc00000,
		.shared2_curves = true,
		.curve_t1_coef = 7200,
		.curve_t2 = { 0xf07, 0x4c0, 0x6c0, 0x8c0, 0xac0, 0xc40, 0xdc0, 0xec0, 0xf80 },
		.curve_t3_coefs = { 0, 20, 28, 36, 44, 50, 56, 60, 63 },
		.curve_t3_scales = { 9, 3209, 10400 },
		.shared3_unk = 5,
		.shared3_tab = { 10700, 10700, 10700, 10700, 10700, 6000, 1000, 1000, 1000, 10700,
				 10700, 10700, 10700, 10700, 10700, 10700 },
		.coef = { 0, 0, 0, 0, AGX_F32_5_3, 0, AGX_F32_5_3, AGX_F32_5_3 },
		.io = {
			[0] = { 0x204d00000, 0x14000, true },	/* Fender */
			[1] = { 0x20e100000, 0x4000, false },	/* AICTimer */
			[2] = { 0x23b0c4000, 0x4000, true },	/* AICSWInt */
			[3] = { 0x204000000, 0x20000, true },	/* RGX */
			[7] = { 0x23b2c0000, 0x1000, false },	/* AnalogTempSensorControllerRegs */
			[9] = { 0x204d80000, 0x8000, true },	/* MetrologySensorRegs */
			[10] = { 0x204d61000, 0x1000, true },	/* GMGIFAFRegs */
			[11] = { 0x200000000, 0xd6400, true },	/* MCache registers */
			[16] = { 0x204e00000, 0x10000, true },	/* CRE registers */
			[17] = { 0x27d050000, 0x4000, true },	/* Streaming codec registers */
			[18] = { 0x23b3d0000, 0x1000, true },
			[19] = { 0x23b3c0000, 0x1000, true },
		},
	},
};

static const struct agx_fw_chip_cfg *agx_fw_chip_find(u32 chip_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_fw_chips); i++)
		if (agx_fw_chips[i].chip_id == chip_id)
			return &agx_fw_chips[i];
	return NULL;
}

/*
 * The power configuration, as initdata.rs derives it from PwrConfig: periods, scaled
 * p-states and the f32 coefficients every controller shares.
 */
struct agx_id_pwr {
	const struct agx_gpu_pwr *p;
	u32 period_ms;
	u32 period_s;		/* f32: period_ms / 1000 */
	u32 base_scaled;	/* 100 * base p-state */
	u32 max_scaled;		/* 100 * max p-state */
	u32 ppm_periods;
	u32 avg_periods;
	u32 base_clock_khz;
};

/* 1 / @n (f32), and 1 - that */
static u32 agx_id_inv(u32 n)
{
	return agx_f32_div(AGX_F32_1_0, agx_f32_from_u32(n));
}

static u32 agx_id_inv_neg(u32 n)
{
	return agx_f32_sub(AGX_F32_1_0, agx_id_inv(n));
}

/*
 * What the derivations need: a sample period of 1..1000 ms no longer than the PPM and
 * average-power filters, no zero time constant nor one longer than AGX_PWR_MAX_MS,
 * p-states ascending with powers, the base p-state at most the highest, per-cluster
 * arrays that fit.
 */
static int agx_id_pwr_check(struct agx_gpu *gpu)
{
	const struct agx_gpu_pwr *p = &gpu->pwr;
	const u32 tcs[] = { p->pwr_filter_time_constant, p->perf_filter_time_constant,
			    p->perf_filter_time_constant2, p->avg_power_target_filter_tc,
			    p->se_filter_time_constant, p->se_filter_time_constant_1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tcs); i++)
		if (!tcs[i])
			goto bad;
	for (i = 0; i < p->nr_zones; i++)
		if (!p->zones[i].filter_tc || p->zones[i].target_offset > p->zones[i].target)
			goto bad;
	for (i = 1; i < p->nr_pstates; i++)
		if (p->pstates[i].freq_hz <= p->pstates[i - 1].freq_hz)
			goto bad;
	for (i = 0; i < ARRAY_SIZE(tcs); i++)	/* the *_clks words must fit a u32 */
		if ((u64)tcs[i] * p->power_sample_period > AGX_PWR_MAX_MS)
			goto bad;
	if (!p->power_sample_period || p->power_sample_period > 1000 ||
	    p->ppm_filter_time_constant_ms < p->power_sample_period ||
	    p->avg_power_filter_tc_ms < p->power_sample_period ||
	    p->ppm_filter_time_constant_ms > AGX_PWR_MAX_MS ||
	    p->avg_power_filter_tc_ms > AGX_PWR_MAX_MS ||
	    !p->nr_pstates || p->nr_pstates > AGX_PWR_MAX_PSTATES ||
	    p->perf_max_pstate != p->nr_pstates - 1 ||
	    p->perf_base_pstate > p->perf_max_pstate || !p->max_power_mw ||
	    !p->nr_volts || p->nr_volts > AGX_PWR_MAX_VOLTS || p->nr_zones > AGX_PWR_MAX_ZONES ||
	    p->nr_clusters > AGX_PWR_MAX_CLUSTERS)
		goto bad;
	return 0;
bad:
	dev_err(gpu->dev, "agx: the power configuration is not usable\n");
	return -EINVAL;
}

static void agx_id_pwr_init(struct agx_id_pwr *w, const struct agx_gpu_pwr *p)
{
	w->p = p;
	w->period_ms = p->power_sample_period;
	w->period_s = agx_f32_div(agx_f32_from_u32(p->power_sample_period), AGX_F32_1000);
	w->base_scaled = 100 * p->perf_base_pstate;
	w->max_scaled = 100 * p->perf_max_pstate;
	w->ppm_periods = p->ppm_filter_time_constant_ms / p->power_sample_period;
	w->avg_periods = p->avg_power_filter_tc_ms / p->power_sample_period;
	w->base_clock_khz = AGX_BASE_CLOCK_KHZ;
}

/* HwDataA: the power controller (pwr_*) and the PPM filter (ppm_*) */
static void agx_id_hwa_pwr(const struct agx_id_pwr *w, struct agx_fw_hwdata_a *a)
{
	const struct agx_gpu_pwr *p = w->p;

	a->clocks_per_period = p->pwr_sample_period_aic_clks;
	a->clocks_per_period_2 = p->pwr_sample_period_aic_clks;
	a->base_pstate_scaled = w->base_scaled;
	a->max_pstate_scaled = w->max_scaled;
	a->pwr_filter_a_neg = agx_id_inv_neg(p->pwr_filter_time_constant);
	a->pwr_filter_a = agx_id_inv(p->pwr_filter_time_constant);
	a->pwr_integral_gain = p->pwr_integral_gain;
	a->pwr_integral_min_clamp = agx_f32_from_u32(p->pwr_integral_min_clamp);
	a->max_power_1 = agx_f32_from_u32(p->max_power_mw);
	a->pwr_proportional_gain = p->pwr_proportional_gain;
	a->pwr_pstate_related_k = agx_f32_neg(agx_f32_div(agx_f32_from_u32(w->max_scaled),
							  agx_f32_from_u32(p->max_power_mw)));
	a->pwr_pstate_max_dc_offset = (s32)p->pwr_min_duty_cycle - (s32)w->max_scaled;
	a->max_pstate_scaled_2 = w->max_scaled;
	a->max_power_2 = p->max_power_mw;
	a->max_pstate_scaled_3 = w->max_scaled;
	a->ppm_filter_tc_periods_x4 = w->ppm_periods * 4;
	a->ppm_filter_a_neg = agx_id_inv_neg(w->ppm_periods);
	a->ppm_filter_a = agx_id_inv(w->ppm_periods);
	a->ppm_ki_dt = agx_f32_mul(p->ppm_ki, w->period_s);
	a->ppm_kp = p->ppm_kp;
	a->pwr_min_duty_cycle = p->pwr_min_duty_cycle;
	a->max_pstate_scaled_4 = w->max_scaled;
	a->max_power_3 = p->max_power_mw;
	a->ppm_filter_tc_ms = p->ppm_filter_time_constant_ms;
	a->ppm_filter_tc_clks = w->ppm_periods * w->period_ms * w->base_clock_khz;
}

/* HwDataA: the performance controller (perf_*) */
static void agx_id_hwa_perf(const struct agx_id_pwr *w, struct agx_fw_hwdata_a *a)
{
	const struct agx_gpu_pwr *p = w->p;

	a->perf_tgt_utilization = p->perf_tgt_utilization;
	a->perf_boost_min_util = p->perf_boost_min_util;
	a->perf_boost_ce_step = p->perf_boost_ce_step;
	a->perf_reset_iters = p->perf_reset_iters;
	a->perf_filter_drop_threshold = p->perf_filter_drop_threshold;
	a->perf_filter_a_neg = agx_id_inv_neg(p->perf_filter_time_constant);
	a->perf_filter_a2_neg = agx_id_inv_neg(p->perf_filter_time_constant2);
	a->perf_filter_a = agx_id_inv(p->perf_filter_time_constant);
	a->perf_filter_a2 = agx_id_inv(p->perf_filter_time_constant2);
	a->perf_ki = p->perf_integral_gain;
	a->perf_ki2 = p->perf_integral_gain2;
	a->perf_integral_min_clamp = agx_f32_from_u32(p->perf_integral_min_clamp);
	a->perf_kp = p->perf_proportional_gain;
	a->perf_kp2 = p->perf_proportional_gain2;
	a->boost_state_unk_k = agx_f32_div(agx_f32_from_u32(p->perf_max_pstate -
							    p->perf_base_pstate), AGX_F32_0_95);
	a->base_pstate_scaled_2 = w->base_scaled;
	a->max_pstate_scaled_5 = w->max_scaled;
	a->base_pstate_scaled_3 = w->base_scaled;
	a->perf_tgt_utilization_2 = p->perf_tgt_utilization;
	a->base_pstate_scaled_4 = w->base_scaled;
	a->pwr_min_duty_cycle_2 = agx_f32_from_u32(p->pwr_min_duty_cycle);
	a->max_pstate_scaled_6 = agx_f32_from_u32(w->max_scaled);
	a->max_freq_mhz = p->max_freq_mhz;
	a->pwr_min_duty_cycle_3 = p->pwr_min_duty_cycle;
	a->max_pstate_scaled_7 = w->max_scaled;
}

/* HwDataA: the thermal controller (fast_die0_*) and the p-state limits after it */
static void agx_id_hwa_thermal(const struct agx_id_pwr *w, struct agx_fw_hwdata_a *a)
{
	const struct agx_gpu_pwr *p = w->p;

	a->fast_die0_release_temp_cc = 100 * p->fast_die0_release_temp;
	a->fast_die0_ki_dt = agx_f32_mul(p->fast_die0_integral_gain, w->period_s);
	a->fast_die0_kp = p->fast_die0_proportional_gain;
	a->pwr_min_duty_cycle_4 = p->pwr_min_duty_cycle;
	a->max_pstate_scaled_8 = w->max_scaled;
	a->max_pstate_scaled_9 = w->max_scaled;
	a->fast_die0_prop_tgt_delta = 100 * p->fast_die0_prop_tgt_delta;
	a->max_pstate_scaled_10 = w->max_scaled;
	a->max_pstate_scaled_11 = w->max_scaled;
	a->max_pstate_scaled_14 = w->max_scaled;
}

/* HwDataA: the average-power controller (avg_power_*) and the power zones */
static void agx_id_hwa_avg(const struct agx_id_pwr *w, struct agx_fw_hwdata_a *a)
{
	const struct agx_gpu_pwr *p = w->p;
	u32 tgt_tc = p->avg_power_target_filter_tc;
	unsigned int i;

	a->power_zone_count = p->nr_zones;
	a->max_power_4 = p->max_power_mw;
	a->max_power_5 = p->max_power_mw;
	a->max_power_6 = p->max_power_mw;
	a->avg_power_target_filter_a_neg = agx_id_inv_neg(tgt_tc);
	a->avg_power_target_filter_a = agx_id_inv(tgt_tc);
	a->avg_power_target_filter_tc_x4 = 4 * tgt_tc;
	a->avg_power_target_filter_tc_xperiod = w->period_ms * tgt_tc;
	a->avg_power_target_filter_tc_clks = w->period_ms * tgt_tc * w->base_clock_khz;
	for (i = 0; i < p->nr_zones; i++) {
		struct agx_fw_power_zone *z = &a->power_zones[i];

		z->target = p->zones[i].target;
		z->target_off = p->zones[i].target - p->zones[i].target_offset;
		z->filter_tc_x4 = 4 * p->zones[i].filter_tc;
		z->filter_tc_xperiod = w->period_ms * p->zones[i].filter_tc;
		z->filter_a = agx_id_inv(p->zones[i].filter_tc);
		z->filter_a_neg = agx_id_inv_neg(p->zones[i].filter_tc);
		z->unk_10 = 1320000000;
	}
	a->avg_power_filter_tc_periods_x4 = 4 * w->avg_periods;
	a->avg_power_filter_a_neg = agx_id_inv_neg(w->avg_periods);
	a->avg_power_filter_a = agx_id_inv(w->avg_periods);
	a->avg_power_ki_dt = agx_f32_mul(p->avg_power_ki_only, w->period_s);
	a->avg_power_kp = p->avg_power_kp;
	a->avg_power_min_duty_cycle = p->avg_power_min_duty_cycle;
	a->max_pstate_scaled_12 = w->max_scaled;
	a->max_pstate_scaled_13 = w->max_scaled;
	a->max_power_7 = agx_f32_from_u32(p->max_power_mw);
	a->max_power_8 = p->max_power_mw;
	a->avg_power_filter_tc_ms = p->avg_power_filter_tc_ms;
	a->avg_power_filter_tc_clks = w->avg_periods * w->period_ms * w->base_clock_khz;
}

/* HwDataA130Extra: the SE controller (gpu_se_*) */
static void agx_id_hwa_se(const struct agx_id_pwr *w, struct agx_fw_hwdata_a_v13_extra *x)
{
	const struct agx_gpu_pwr *p = w->p;
	u64 coarse = (u64)w->base_clock_khz * w->period_ms;

	x->gpu_se_inactive_threshold = p->se_inactive_threshold;
	x->gpu_se_engagement_criteria = p->se_engagement_criteria;
	x->gpu_se_reset_criteria = p->se_reset_criteria;
	x->gpu_se_filter_a_neg = agx_id_inv_neg(p->se_filter_time_constant);
	x->gpu_se_filter_1_a_neg = agx_id_inv_neg(p->se_filter_time_constant_1);
	x->gpu_se_filter_a = agx_id_inv(p->se_filter_time_constant);
	x->gpu_se_filter_1_a = agx_id_inv(p->se_filter_time_constant_1);
	x->gpu_se_ki_dt = agx_f32_mul(p->se_ki, w->period_s);
	x->gpu_se_ki_1_dt = agx_f32_mul(p->se_ki_1, w->period_s);
	x->gpu_se_kp = p->se_kp;
	x->gpu_se_kp_1 = p->se_kp_1;
	x->max_pstate_scaled_1 = w->max_scaled;
	x->gpu_se_filter_time_constant_ms = p->se_filter_time_constant * w->period_ms;
	x->gpu_se_filter_time_constant_1_ms = p->se_filter_time_constant_1 * w->period_ms;
	x->gpu_se_filter_time_constant_clks = p->se_filter_time_constant * coarse;
	x->gpu_se_filter_time_constant_1_clks = p->se_filter_time_constant_1 * coarse;
	x->max_pstate_scaled_2 = w->max_scaled;
}

/* HwDataA: SRAM and leakage coefficients, per p-state and per cluster */
static void agx_id_hwa_coefs(const struct agx_gpu_pwr *p, struct agx_fw_hwdata_a *a)
{
	unsigned int i;

	for (i = 0; i < p->nr_pstates; i++)
		a->sram_k[i] = AGX_F32_1_02;
	for (i = 0; i < p->nr_clusters; i++) {
		a->core_leak_coef[i] = p->core_leak_coef[i];
		a->sram_leak_coef[i] = p->sram_leak_coef[i];
	}
}

/* HwDataB: the p-state table (initdata.rs hwdata_b()) */
static void agx_id_hwb_pstates(const struct agx_gpu_pwr *p, struct agx_fw_hwdata_b *b)
{
	u32 base_f = p->pstates[p->perf_base_pstate].freq_hz;
	u32 step = (p->pstates[p->perf_max_pstate].freq_hz - base_f) / 100;
	u32 min_sram_mv = p->min_sram_microvolt / 1000;
	unsigned int i, j;

	b->power_sample_period = p->power_sample_period;
	b->max_pstate = p->nr_pstates - 1;
	for (i = 0; i < p->nr_pstates; i++) {
		const struct agx_gpu_pstate *ps = &p->pstates[i];

		b->frequencies[i] = ps->freq_hz / 1000000;
		for (j = 0; j < ARRAY_SIZE(b->voltages[i]); j++) {
			u32 mv = ps->volt_mv[j < p->nr_volts ? j : 0];

			b->voltages[i][j] = mv;
			b->voltages_sram[i][j] = max(mv, min_sram_mv);
		}
		b->sram_k[i] = AGX_F32_1_02;
		b->rel_max_powers[i] = ps->pwr_mw * 100 / p->max_power_mw;
		b->rel_boost_freqs[i] = i > p->perf_base_pstate && step ?
					(ps->freq_hz - base_f) / step : 0;
	}
}

/* Globals: the power words it repeats (initdata.rs globals()) */
static void agx_id_globals_pwr(const struct agx_id_pwr *w, struct agx_fw_globals *g)
{
	const struct agx_gpu_pwr *p = w->p;
	unsigned int i;

	g->max_power = p->max_power_mw;
	g->max_pstate_scaled = w->max_scaled;
	g->max_pstate_scaled_2 = w->max_scaled;
	g->max_pstate_scaled_3 = w->max_scaled;
	g->power_zone_count = p->nr_zones;
	g->avg_power_filter_tc_periods = w->avg_periods;
	g->avg_power_ki_dt = agx_f32_mul(p->avg_power_ki_only, w->period_s);
	g->avg_power_kp = p->avg_power_kp;
	g->avg_power_min_duty_cycle = p->avg_power_min_duty_cycle;
	g->avg_power_target_filter_tc = p->avg_power_target_filter_tc;
	g->fast_die0_release_temp = 100 * p->fast_die0_release_temp;
	g->fast_die0_prop_tgt_delta = 100 * p->fast_die0_prop_tgt_delta;
	g->fast_die0_kp = p->fast_die0_proportional_gain;
	g->fast_die0_ki_dt = agx_f32_mul(p->fast_die0_integral_gain, w->period_s);
	g->max_power_2 = p->max_power_mw;
	g->ppm_kp = p->ppm_kp;
	g->ppm_ki_dt = agx_f32_mul(p->ppm_ki, w->period_s);
	g->idle_off_standby_timer = p->idle_off_standby_timer;
	g->idle_off_delay_ms = p->idle_off_delay_ms;
	g->fender_idle_off_delay_ms = p->fender_idle_off_delay_ms;
	g->fw_early_wake_timeout_ms = p->fw_early_wake_timeout_ms;
	for (i = 0; i < p->nr_zones; i++) {
		g->power_zones[i].target = p->zones[i].target;
		g->power_zones[i].target_off = p->zones[i].target - p->zones[i].target_offset;
		g->power_zones[i].filter_tc = p->zones[i].filter_tc;
	}
}

/* One curve of HwDataShared2's G14 part (initdata.rs init_curve()). */
static void agx_id_curve(struct agx_fw_hw_shared2_curve *c, u32 unk_0, u32 unk_4,
			 const u16 *t1, unsigned int n1, const s16 *t2, unsigned int n2,
			 u32 t3[][AGX_PWR_MAX_PSTATES], unsigned int n3)
{
	unsigned int i, j;

	c->unk_0 = unk_0;
	c->unk_4 = unk_4;
	for (i = 0; i < ARRAY_SIZE(c->t1); i++)
		c->t1[i] = t1[i < n1 ? i : 0];
	for (i = 0; i < ARRAY_SIZE(c->t2); i++)
		c->t2[i] = t2[i < n2 ? i : 0];
	for (i = 0; i < ARRAY_SIZE(c->t3); i++)
		for (j = 0; j < ARRAY_SIZE(c->t3[i]); j++)
			c->t3[i][j] = i < n3 && j < n1 ? t3[i][j] : AGX_CURVE_T3_NONE;
}

/* HwDataShared2 curve2 from the p-states, on SoCs with curves (initdata.rs hw_shared2()). */
static void agx_id_curve2(const struct agx_fw_chip_cfg *c, const struct agx_gpu_pwr *p,
			  struct agx_fw_hw_shared2_curve *curve)
{
	u32 t3[ARRAY_SIZE(c->curve_t3_scales)][AGX_PWR_MAX_PSTATES];
	u16 t1[AGX_PWR_MAX_PSTATES];
	unsigned int i, j, n = min_t(unsigned int, p->nr_pstates, ARRAY_SIZE(c->curve_t3_coefs));

	for (i = 0; i < n; i++) {
		u64 f_khz = p->pstates[i].freq_hz / 1000, v_max = 0, d;

		for (j = 0; j < p->nr_volts; j++)
			v_max = max_t(u64, v_max, p->pstates[i].volt_mv[j]);
		d = f_khz * v_max;
		/* a u16 (initdata.rs unwraps the conversion): saturate */
		t1[i] = c->curve_t3_coefs[i] && d ?
			min_t(u64, div64_u64(1000000000ULL * c->curve_t1_coef, d), U16_MAX) :
			U16_MAX;
		for (j = 0; j < ARRAY_SIZE(c->curve_t3_scales); j++)
			t3[j][i] = c->curve_t3_coefs[i] && d ?
				   div64_u64((u64)c->curve_t3_coefs[i] * 1000000100ULL *
					     c->curve_t3_scales[j], d * 6) : AGX_CURVE_T3_NONE;
	}
	agx_id_curve(curve, 7, 0x80000000, t1, n, c->curve_t2, ARRAY_SIZE(c->curve_t2), t3,
		     ARRAY_SIZE(c->curve_t3_scales));
}

/* HwDataShared1/2/3, written into HwDataA and Globals alike (initdata.rs hw_shared*()) */
static void agx_id_shared(const struct agx_fw_chip_cfg *c, const struct agx_gpu_pwr *p,
			  struct agx_fw_hw_shared1 *s1, struct agx_fw_hw_shared2 *s2,
			  struct agx_fw_hw_shared3 *s3)
{
	struct agx_fw_hw_shared2_curve *c1 = &s2->g14.curve1;

	memcpy(s1->table, c->shared1_tab, sizeof(s1->table));
	s1->unk_a4 = c->shared1_a4;
	memcpy(s2->table, c->shared2_tab, sizeof(s2->table));
	memset(s2->unk_28, 0xff, sizeof(s2->unk_28));
	s2->unk_508 = c->shared2_unk_508;
	if (c->shared2_curves) {
		s2->g14.unk_14 = 0x6000000;
		c1->unk_4 = 0x20000000;
		memset(c1->t1, 0xff, sizeof(c1->t1));
		memset32((u32 *)c1->t3, AGX_CURVE_T3_NONE, sizeof(c1->t3) / sizeof(u32));
		memset16((u16 *)c1->t2, 0x0f07, ARRAY_SIZE(c1->t2));
		agx_id_curve2(c, p, &s2->g14.curve2);
	}
	if (c->shared3_tab[0]) {
		s3->unk_0 = 1;
		s3->unk_4 = 500;
		s3->unk_8 = c->shared3_unk;
		memcpy(s3->table, c->shared3_tab, sizeof(s3->table));
		s3->unk_4c = 1;
	}
}

/* HwDataA130Extra: the builder's constants (initdata.rs hwdata_a()) */
static void agx_id_hwdata_a_extra(struct agx_fw_hwdata_a_v13_extra *x)
{
	x->unk_38 = 4;
	x->unk_3c = 8000;
	x->unk_54 = 50;
	x->unk_58 = 1;
	x->unk_7c = AGX_F32_65536;
	x->unk_8c = 100;	/* 40 before 13.3 */
	x->unk_9c = AGX_F32_8000;
	x->unk_a0 = 1400;
	x->unk_c4 = AGX_F32_65536;
	x->unk_114 = AGX_F32_65536;
	x->unk_124 = 40;
}

/* HwDataA: the builder's constants and the SoC's tables (initdata.rs hwdata_a()) */
static void agx_id_hwdata_a(const struct agx_fw_chip_cfg *c, const struct agx_id_pwr *w,
			    struct agx_fw_hwdata_a *a)
{
	a->pwr_status = AGX_HWDATA_PWR_OFF;
	a->unk_10 = AGX_F32_1_0;
	a->actual_pstate = 1;
	a->tgt_pstate = 1;
	a->unk_40 = 1;
	a->min_pstate_scaled = 100;
	a->unk_64c = 625;
	a->unk_6fc = AGX_F32_65536;
	a->unk_774 = 6;
	a->unk_778 = 1;
	a->unk_79c = AGX_F32_95;
	a->unk_7fc = AGX_F32_65536;
	a->min_pstate_scaled_4 = AGX_F32_100;
	a->unk_alpha_neg = AGX_F32_0_8;
	a->unk_alpha = AGX_F32_0_2;
	a->fast_die0_sensor_mask = c->fast_sensor_mask;
	a->unk_87c = c->unk_87c;
	a->unk_880 = 4;
	a->unk_894 = AGX_F32_1_0;
	a->unk_8a8 = AGX_F32_65536;
	a->unk_8cc = c->unk_8cc;
	a->unk_c2c = 1;
	a->unk_d20 = AGX_F32_65536;
	agx_id_hwdata_a_extra(&a->unk_e10_0);
	a->fast_die0_sensor_mask_2 = c->fast_sensor_mask;
	a->unk_e24 = c->unk_e24;
	a->unk_e28 = 1;
	a->fast_die0_sensor_mask_alt = c->fast_sensor_mask_alt;
	a->unk_163c = 1;
	a->unk_3ce8 = 1;
	memcpy(a->unk_coef_a1[0], c->coef, sizeof(c->coef));
	memcpy(a->unk_coef_a2[0], c->coef, sizeof(c->coef));
	memcpy(a->unk_coef_b1[0], c->coef, sizeof(c->coef));
	memcpy(a->unk_coef_b2[0], c->coef, sizeof(c->coef));
	agx_id_shared(c, w->p, &a->hws1, &a->hws2, &a->hws3);
	agx_id_hwa_pwr(w, a);
	agx_id_hwa_perf(w, a);
	agx_id_hwa_thermal(w, a);
	agx_id_hwa_avg(w, a);
	agx_id_hwa_se(w, &a->unk_e10_0);
	agx_id_hwa_coefs(w->p, a);
}

/* HwDataB: the GPU's identity and the builder's constants (initdata.rs hwdata_b()) */
/* HwDataB: the GPU's identity (initdata.rs hwdata_b(), gpu_rev_id as the ID registers say) */
static void agx_id_hwb_ident(struct agx_gpu *gpu, struct agx_fw_hwdata_b *b)
{
	const struct agx_gpu_ident *id = &gpu->ident;

	b->chip_id = id->chip_id;
	b->num_frags = id->num_frags * id->num_clusters;
	b->uat_ttb_base = gpu->mmu->ttbat_phys;
	b->gpu_core_id = id->gpu_core;
	b->gpu_rev_id = id->gpu_rev;
	b->num_cores = id->num_cores * id->num_clusters;
	b->base_clock_khz = AGX_BASE_CLOCK_KHZ;
}

static void agx_id_hwdata_b(struct agx_gpu *gpu, const struct agx_fw_chip_cfg *c,
			    struct agx_fw_hwdata_b *b)
{
	unsigned int i;

	agx_id_hwb_ident(gpu, b);
	b->unk_8 = 0x1400000000ULL;
	b->unk_18 = 0xffc00000;
	b->unk_20 = 0x1100000000ULL;
	b->unk_28 = 0x1100000000ULL;
	b->unk_30 = 0x6fffff8000ULL;
	b->unkptr_38 = 0xffffffa011800000ULL;
	b->unk_454 = 1;
	b->unk_458 = 1;
	b->unk_460 = 1;
	b->unk_464 = 1;
	b->unk_468 = 1;
	b->unk_47c = 1;
	b->unk_484 = 1;
	b->unk_48c = 1;
	b->unk_49c = 1;
	b->unk_4a0 = 1;
	b->unk_4a4 = 1;
	b->unk_4c0 = 0x1f;
	b->unk_4e0 = c->unk_4e0;
	b->unk_4f0 = 1;
	b->unk_4f4 = 1;
	b->unk_504 = 0x31;
	b->unk_524 = 1;		/* use_secure_cache_flush */
	b->unk_534 = c->unk_534;
	b->unk_554 = 1;
	b->unk_ae4[1] = 0x3;
	b->unk_ae4[2] = 0x7;
	b->unk_ae4[3] = 0x7;
	b->unk_b10 = 1;
	b->unk_b24 = 1;
	b->unk_b28 = 1;
	b->unk_b2c = 1;
	b->unk_b30 = c->unk_b30;
	b->unk_b38_0 = 1;
	b->unk_b38_4 = 1;
	memset32(b->unk_b38, 0xffffffff, ARRAY_SIZE(b->unk_b38));
	b->unk_c3c = 0x1a;	/* 0x19 before 13.3 */
	for (i = 0; i < 16; i++)
		b->unk_arr_0[i] = i;
	agx_id_hwb_pstates(&gpu->pwr, b);
}

/* Globals: configuration and the words shared at run time (initdata.rs globals()) */
static void agx_id_globals(const struct agx_fw_chip_cfg *c, const struct agx_id_pwr *w,
			   struct agx_fw_globals *g)
{
	g->unk_24_0 = 3000;
	g->unk_28 = 1;
	g->unk_2c = 1;
	g->unk_34 = 120;
	g->sub.unk_54 = 0xffff;	/* global_unk_54 of t8103 and t8112 */
	g->sub.unk_56 = 40;
	g->sub.unk_58 = 0xffff;
	g->sub.unk_5e = 1;
	g->sub.unk_66 = 1;
	g->unk_8900 = 1;
	g->unk_89bc = c->unk_8cc;
	g->unk_89c4 = c->unk_87c;
	g->unk_89e0 = 1;
	g->unk_89f4_8 = 1;
	agx_id_shared(c, w->p, &g->hws1, &g->hws2, &g->hws3);
	g->unk_900c = 1;
	g->unk_9010_0 = 1;
	g->unk_903c = 1;
	g->fault_control = 0;	/* hard faults (lib.rs fault_control; 0xb: macOS's soft faults) */
	g->do_init = 1;
	g->progress_check_interval_3d = progress_check_ms ?: 40;
	g->progress_check_interval_ta = progress_check_ms ?: 10;
	g->progress_check_interval_cl = progress_check_ms ?: 250;
	g->unk_1102c_0 = 1;
	g->unk_1102c_4 = 1;
	g->unk_1102c_8 = 100;
	g->unk_1102c_c = 1;
	g->cl_context_switch_timeout_ms = 40;
	g->cl_kill_timeout_ms = 50;
	agx_id_globals_pwr(w, g);
}

/* The GPU statistics buffers: zero, but the fragment ids the firmware wants at -1. */
static void agx_id_stats(struct agx_gpu *gpu)
{
	struct agx_fw_stats_frag *f = gpu->init.stats_frag->cpu;

	f->stats.cur_stamp_id = -1;
	f->stats.unk_id = -1;
}

/* RuntimePointers: every channel but FwCtl, and the objects above (runtime_pointers()) */
static void agx_id_rtptrs(struct agx_gpu *gpu)
{
	struct agx_fw_runtime_pointers *rt = gpu->rtptrs->cpu;
	struct agx_gpu_init *in = &gpu->init;
	unsigned int p;

	for (p = 0; p < AGX_NUM_PRIOS; p++) {
		agx_chan_ring(&gpu->pipes[p][AGX_PIPE_VTX], &rt->pipes[p].vtx, 0);
		agx_chan_ring(&gpu->pipes[p][AGX_PIPE_FRAG], &rt->pipes[p].frag, 0);
		agx_chan_ring(&gpu->pipes[p][AGX_PIPE_COMP], &rt->pipes[p].comp, 0);
	}
	agx_chan_ring(&gpu->devctl, &rt->device_control, 0);
	agx_chan_ring(&gpu->event, &rt->event, 0);
	agx_chan_ring(&gpu->fwlog, &rt->fw_log, 0);
	agx_chan_ring(&gpu->ktrace, &rt->ktrace, 0);
	agx_chan_ring(&gpu->stats_chan, &rt->stats, 0);
	rt->stats_vtx = in->stats_vtx->gpu_va;
	rt->stats_frag = in->stats_frag->gpu_va;
	rt->stats_comp = in->stats_comp->gpu_va;
	rt->hwdata_a = in->hwdata_a->gpu_va;
	rt->unkptr_190 = in->unkptr[0]->gpu_va;
	rt->unkptr_198 = in->unkptr[1]->gpu_va;
	rt->hwdata_b = in->hwdata_b->gpu_va;
	rt->hwdata_b_2 = in->hwdata_b->gpu_va;
	rt->fwlog_buf = gpu->fwlog_buf->gpu_va;
	rt->unkptr_1b8 = in->unkptr[2]->gpu_va;
	rt->unkptr_1c0 = in->unkptr[3]->gpu_va;
	rt->unkptr_1c8 = in->unkptr[4]->gpu_va;
	rt->buffer_mgr_ctl_gpu_addr = AGX_BUFMGR_CTL_GPU_VA;
	rt->buffer_mgr_ctl_fw_addr = AGX_BUFMGR_CTL_FW_VA;
	rt->gpu_scratch.unk_6b38 = 0xff;
}

/* One level of the UAT walk (initdata.rs uat_level_info()). */
static void agx_id_uat_level(struct agx_fw_uat_level_info *li, unsigned int shift,
			     unsigned int entries, unsigned int oas)
{
	li->index_shift = shift;
	li->unk_1 = 14;
	li->unk_2 = 14;
	li->unk_3 = 8;
	li->unk_4 = 0x4000;
	li->num_entries = entries;
	li->unk_8 = 1;
	li->unk_10 = GENMASK_ULL(oas - 1, 0) & ~AGX_UAT_PGMASK;
	li->index_mask = (u64)(entries - 1) << shift;
}

/* InitData, and the simulator's stamp arrays after it (initdata.rs build()). */
static void agx_id_initdata(struct agx_gpu *gpu)
{
	struct agx_fw_initdata *id = gpu->initdata->cpu;
	struct agx_fw_initdata_sim *sim = (void *)(id + 1);

	if (gpu->layout->has_ver_info)
		memcpy(id->ver_info, gpu->layout->ver_info, sizeof(id->ver_info));
	id->unk_buf = gpu->init.unk_buf->gpu_va;
	id->runtime_pointers = gpu->rtptrs->gpu_va;
	id->globals = gpu->globals->gpu_va;
	id->fw_status = gpu->fw_status->gpu_va;
	id->uat_page_size = AGX_UAT_PGSZ;
	id->uat_page_bits = AGX_UAT_PGBIT;
	id->uat_num_levels = AGX_UAT_LEVELS;
	/* root first: 8 entries of 39-bit VAs (shift 36), then two levels of 2048 */
	agx_id_uat_level(&id->uat_level_info[0], AGX_UAT_LVL_SHIFT(2),
			 BIT(AGX_UAT_IAS - AGX_UAT_LVL_SHIFT(2)), AGX_UAT_OAS);
	agx_id_uat_level(&id->uat_level_info[1], AGX_UAT_LVL_SHIFT(1), AGX_UAT_PTES, AGX_UAT_OAS);
	agx_id_uat_level(&id->uat_level_info[2], AGX_UAT_LVL_SHIFT(0), AGX_UAT_PTES, AGX_UAT_OAS);
	id->host_mapped_fw_allocations = 1;
	sim->stamps = gpu->ev.stamps->gpu_va;
	sim->fw_stamps = gpu->ev.fw_stamps->gpu_va;
	sim->num_stamps = AGX_NUM_EVENTS;
}

struct agx_id_obj {
	size_t off;		/* of the &struct agx_fwobj pointer in &struct agx_gpu */
	enum agx_pool_id pool;
	size_t size;
	const char *name;
};

#define AGX_ID_OBJ(f, p, s, n) { offsetof(struct agx_gpu, f), AGX_POOL_##p, s, n }

/* Allocation order: what the firmware is pointed at before what points at it. */
static const struct agx_id_obj agx_id_objs[] = {
	AGX_ID_OBJ(fwlog_buf, SHARED, AGX_FWLOG_SUBCHANS * AGX_CHAN_ENTRIES *
		   sizeof(struct agx_fw_fwlog_payload), "FWLogBuf"),
	AGX_ID_OBJ(init.hwdata_a, PRIVATE, sizeof(struct agx_fw_hwdata_a), "HwDataA"),
	AGX_ID_OBJ(init.hwdata_b, PRIVATE, sizeof(struct agx_fw_hwdata_b), "HwDataB"),
	AGX_ID_OBJ(init.stats_vtx, PRIVATE, sizeof(struct agx_fw_stats_vtx), "StatsVtx"),
	AGX_ID_OBJ(init.stats_frag, PRIVATE, sizeof(struct agx_fw_stats_frag), "StatsFrag"),
	AGX_ID_OBJ(init.stats_comp, PRIVATE, sizeof(struct agx_fw_stats_comp), "StatsComp"),
	AGX_ID_OBJ(init.unkptr[0], PRIVATE, AGX_RTPTR_UNK_190_SIZE, "I190"),
	AGX_ID_OBJ(init.unkptr[1], PRIVATE, AGX_RTPTR_UNK_198_SIZE, "I198"),
	AGX_ID_OBJ(init.unkptr[2], PRIVATE, AGX_RTPTR_UNK_1B8_SIZE, "I1B8"),
	AGX_ID_OBJ(init.unkptr[3], PRIVATE, AGX_RTPTR_UNK_1C0_SIZE, "I1C0"),
	AGX_ID_OBJ(init.unkptr[4], PRIVATE, AGX_RTPTR_UNK_1C8_SIZE, "I1C8"),
	AGX_ID_OBJ(rtptrs, PRIVATE, sizeof(struct agx_fw_runtime_pointers), "RuntimePointers"),
	AGX_ID_OBJ(globals, PRIVATE, sizeof(struct agx_fw_globals), "Globals"),
	AGX_ID_OBJ(fw_status, SHARED, sizeof(struct agx_fw_status), "FwStatus"),
	AGX_ID_OBJ(init.unk_buf, SHARED_RO, AGX_INITDATA_UNK_BUF_SIZE, "IDTA"),
	AGX_ID_OBJ(initdata, PRIVATE, sizeof(struct agx_fw_initdata) +
		   sizeof(struct agx_fw_initdata_sim), "InitData"),
};

static struct agx_fwobj **agx_id_slot(struct agx_gpu *gpu, const struct agx_id_obj *o)
{
	return (struct agx_fwobj **)((char *)gpu + o->off);
}

/* Unmap the firmware's MMIO windows (all, or those mapped before a failure). */
static void agx_id_io_unmap(struct agx_gpu *gpu)
{
	struct agx_gpu_init *in = &gpu->init;
	unsigned int i;

	for (i = 0; i < AGX_IO_MAPPINGS; i++) {
		if (in->io_size[i])
			agx_vm_unmap(gpu->mmu->kernel_vm, in->io_va[i], in->io_size[i]);
		in->io_size[i] = 0;
	}
}

/*
 * Map the SoC's MMIO windows for the firmware, one after the other from the MMIO range,
 * and describe each in HwDataB.io_mappings (gpu.rs iomap(): the window's pages, the VA
 * of its first byte).
 */
static int agx_id_io_map(struct agx_gpu *gpu, const struct agx_fw_chip_cfg *c,
			 struct agx_fw_hwdata_b *b)
{
	struct agx_gpu_init *in = &gpu->init;
	u64 va = AGX_KERN_MMIO_VA;
	unsigned int i;

	for (i = 0; i < AGX_IO_MAPPINGS; i++) {
		const struct agx_fw_io_map *m = &c->io[i];
		u64 off = m->base & AGX_UAT_PGMASK;
		u64 size = round_up(off + m->size, AGX_UAT_PGSZ);
		int ret;

		if (!m->size)
			continue;
		ret = agx_vm_map(gpu->mmu->kernel_vm, va, m->base - off, size,
				 m->writable ? AGX_PROT_FW_MMIO_RW : AGX_PROT_FW_MMIO_RO);
		if (ret) {
			agx_id_io_unmap(gpu);
			return ret;
		}
		in->io_va[i] = va;
		in->io_size[i] = size;
		b->io_mappings[i] = (struct agx_fw_io_mapping){ .phys_addr = m->base,
			.virt_addr = va + off, .total_size = m->size, .element_size = m->size,
			.readwrite = m->writable };
		va += size;
	}
	return 0;
}

/* Unmap and free the buffer-manager control page (if it was mapped). */
static void agx_id_bufmgr_free(struct agx_gpu *gpu)
{
	struct agx_gpu_init *in = &gpu->init;

	if (!in->bufmgr_ctl)
		return;
	if (in->bufmgr_mapped & AGX_BUFMGR_MAPPED_GPU)
		agx_vm_unmap(gpu->mmu->kernel_lo, AGX_BUFMGR_CTL_GPU_VA, AGX_BUFMGR_CTL_SIZE);
	if (in->bufmgr_mapped & AGX_BUFMGR_MAPPED_FW)
		agx_vm_unmap(gpu->mmu->kernel_vm, AGX_BUFMGR_CTL_FW_VA, AGX_BUFMGR_CTL_SIZE);
	__free_pages(in->bufmgr_ctl, get_order(AGX_BUFMGR_CTL_SIZE));
	in->bufmgr_ctl = NULL;
	in->bufmgr_mapped = 0;
}

/*
 * The buffer-manager control page: 16 KiB of zeroes, mapped for the GPU at the low
 * address of the kernel context (GPU_SHARED_RW, kernel-lower VM) and for the firmware at
 * the high one (FW_SHARED_RW), as gpu.rs maps its buffer_mgr_ctl; RuntimePointers names
 * both addresses. Naturally aligned: the 16 KiB GPU page is one physical block.
 */
static int agx_id_bufmgr_map(struct agx_gpu *gpu)
{
	struct agx_gpu_init *in = &gpu->init;
	phys_addr_t phys;
	int ret;

	in->bufmgr_ctl = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_BUFMGR_CTL_SIZE));
	if (!in->bufmgr_ctl)
		return -ENOMEM;
	phys = page_to_phys(in->bufmgr_ctl);
	ret = agx_vm_map(gpu->mmu->kernel_lo, AGX_BUFMGR_CTL_GPU_VA, phys, AGX_BUFMGR_CTL_SIZE,
			 AGX_PROT_GPU_SHARED_RW);
	if (!ret) {
		in->bufmgr_mapped |= AGX_BUFMGR_MAPPED_GPU;
		ret = agx_vm_map(gpu->mmu->kernel_vm, AGX_BUFMGR_CTL_FW_VA, phys,
				 AGX_BUFMGR_CTL_SIZE, AGX_PROT_FW_SHARED_RW);
	}
	if (!ret)
		in->bufmgr_mapped |= AGX_BUFMGR_MAPPED_FW;
	return ret;
}

/**
 * agx_initdata_destroy() - free InitData and everything it leads to
 * @gpu: the GPU, whose firmware no longer runs (or never ran).
 *
 * Also undoes a failed agx_initdata_create(); idempotent. The MMIO windows and the
 * buffer-manager control page are unmapped from the kernel VMs.
 *
 * Context: process context; may sleep (the pools' and the kernel VM's locks).
 */
void agx_initdata_destroy(struct agx_gpu *gpu)
{
	int i;

	agx_id_io_unmap(gpu);
	agx_id_bufmgr_free(gpu);
	for (i = ARRAY_SIZE(agx_id_objs) - 1; i >= 0; i--) {
		struct agx_fwobj **slot = agx_id_slot(gpu, &agx_id_objs[i]);

		if (!IS_ERR_OR_NULL(*slot))
			agx_fwobj_free(*slot);
		*slot = NULL;
	}
}

/* The objects of agx_id_objs[], zeroed; on failure none is left. */
static int agx_id_alloc(struct agx_gpu *gpu)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_id_objs); i++) {
		const struct agx_id_obj *o = &agx_id_objs[i];
		struct agx_fwobj *obj = agx_fwobj_alloc(gpu->mmu, o->pool, o->size, o->name);

		*agx_id_slot(gpu, o) = obj;
		if (IS_ERR(obj)) {
			agx_initdata_destroy(gpu);
			return -ENOMEM;
		}
		memset(obj->cpu, 0, obj->size);
	}
	return 0;
}

/**
 * agx_initdata_create() - build InitData and everything it leads the firmware to
 * @gpu: the GPU, with its MMU, event stamps and channels created, before MSG_INIT.
 *
 * Allocates the objects of the DOC table (zeroed) and fills them, and maps the SoC's
 * MMIO windows for the firmware (HwDataB.io_mappings) and the buffer-manager control
 * page at its two addresses. FwStatus gets the FwCtl channel;
 * Globals, HwDataA and HwDataB the SoC's configuration, chosen by &agx_gpu.ident
 * chip_id, and the power configuration &agx_gpu.pwr. The objects live until agx_initdata_destroy().
 *
 * Context: process context; may sleep (allocations).
 * Return: 0; -ENODEV for an SoC without a firmware configuration here; -EINVAL for a
 * power configuration the firmware words cannot be derived from (agx_id_pwr_check());
 * -ENOMEM; the errors of agx_vm_map() for an MMIO window or the control page the
 * kernel VMs cannot take (-EINVAL, -EEXIST). On error everything allocated or mapped
 * is freed.
 */
int agx_initdata_create(struct agx_gpu *gpu)
{
	const struct agx_fw_chip_cfg *c = agx_fw_chip_find(gpu->ident.chip_id);
	struct agx_fw_status *st;
	struct agx_id_pwr w;
	int ret;

	if (!c) {
		dev_err(gpu->dev, "agx: no firmware configuration for SoC t%x\n",
			gpu->ident.chip_id);
		return -ENODEV;
	}
	ret = agx_id_pwr_check(gpu);
	if (ret)
		return ret;
	agx_id_pwr_init(&w, &gpu->pwr);
	gpu->init.compute_preempt1_size = c->compute_preempt1_size;
	ret = agx_id_alloc(gpu);
	if (ret)
		return ret;
	agx_id_hwdata_a(c, &w, gpu->init.hwdata_a->cpu);
	agx_id_hwdata_b(gpu, c, gpu->init.hwdata_b->cpu);
	ret = agx_id_io_map(gpu, c, gpu->init.hwdata_b->cpu);
	if (!ret)
		ret = agx_id_bufmgr_map(gpu);
	if (ret) {
		agx_initdata_destroy(gpu);
		return ret;
	}
	agx_id_stats(gpu);
	agx_id_globals(c, &w, gpu->globals->cpu);
	st = gpu->fw_status->cpu;
	agx_chan_ring(&gpu->fwctl, &st->fwctl_channel, 0);
	agx_id_rtptrs(gpu);
	agx_id_initdata(gpu);
	wmb(); /* everything before the firmware may read it */
	return 0;
}
