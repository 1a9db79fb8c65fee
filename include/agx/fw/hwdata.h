/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX firmware ABI: HwDataA (power management), HwDataB (GPU configuration) and
 * the two structures they share with Globals, as the firmware of macOS 13.5 reads them on
 * G13G and G14G (M1 t8103, M2 t8112), which have the same layout here. Source: the Asahi
 * driver's fw/initdata.rs (herrnst/linux-asahi), the structs HwDataA, HwDataB,
 * HwDataShared1/2/3, HwDataA130Extra, T81xxData, PowerZone, AuxLeakCoef, IOMapping,
 * HwDataBAuxPStates; field names are theirs. What the fields mean is mostly unknown: the
 * Rust driver fills them with the values macOS was seen to write (initdata.rs, the
 * builder), and driver/fw/initdata.c does the same.
 *
 * Conventions in this file: the Rust driver names unknown fields after their offset in
 * the firmware 12.3 layout (unk_3c00 at 0x3c00). A field that exists only from some
 * version on is marked with that version in a trailing comment (V13_0B4, V13_2, V13_3,
 * V13_5); a field of 12.3 only is a comment line starting with "V<13.0b4:". Removing the
 * marked fields and restoring the commented ones gives the 12.3 layout, in which every
 * unk_/pad_ name is its offset: scripts/fw-layouts/names-check.py checks exactly that, so
 * a field dropped or mis-sized in transcription is caught. Floats (F32 in the Rust
 * driver) are u32 holding IEEE 754 single-precision bits; each struct's comment says
 * which fields are floats. Sizes and key offsets of the 13.5 layout
 * are pinned below (computed from the field list, which names-check.py verifies).
 */
#ifndef _AGX_FW_HWDATA_H_
#define _AGX_FW_HWDATA_H_

#include <agx/fw/types.h>

/* MAX_CORES_PER_CLUSTER: 8 before G14X (fw/initdata.rs) */
#define AGX_HWDATA_CORES	8

/*
 * HwDataShared1: in HwDataA and in Globals (fw/initdata.rs). Its unk_ names are not its
 * offsets: m1n1's fw/agx/initdata.py has a table of 17 entries; the Rust driver's 16 is
 * what places HwDataA.unk_3c00 at 0x3c00 (names-check.py skips this struct).
 */
struct agx_fw_hw_shared1 {
	s32 table[16];
	u8 unk_44[0x60];
	u32 unk_a4;
	u32 unk_a8;
} __packed;
static_assert(sizeof(struct agx_fw_hw_shared1) == 0xa8);

/* HwDataShared2Curve (fw/initdata.rs); G14 power curves, zero on G13 */
struct agx_fw_hw_shared2_curve {
	u32 unk_0;
	u32 unk_4;
	u16 t1[16];
	s16 t2[16];
	s32 t3[8][16];
} __packed;
static_assert(sizeof(struct agx_fw_hw_shared2_curve) == 0x248);

struct agx_fw_hw_shared2_g14 {
	u32 unk_0[5];
	u32 unk_14;
	u32 unk_18[8];
	struct agx_fw_hw_shared2_curve curve1;
	struct agx_fw_hw_shared2_curve curve2;
} __packed;

/* HwDataShared2: in HwDataA and in Globals (fw/initdata.rs) */
struct agx_fw_hw_shared2 {
	s32 table[10];
	u8 unk_28[0x10];
	struct agx_fw_hw_shared2_g14 g14;
	u32 unk_500;
	u32 unk_504;
	u32 unk_508;
	u32 unk_50c;
} __packed;
static_assert(offsetof(struct agx_fw_hw_shared2, unk_500) == 0x500);
static_assert(sizeof(struct agx_fw_hw_shared2) == 0x510);

/* HwDataShared3: in HwDataA and in Globals (fw/initdata.rs) */
struct agx_fw_hw_shared3 {
	u32 unk_0;
	u32 unk_4;
	u32 unk_8;
	u32 table[16];
	u32 unk_4c;
} __packed;
static_assert(sizeof(struct agx_fw_hw_shared3) == 0x50);

/* HwDataA130Extra: HwDataA from V13_0B4 on (fw/initdata.rs); floats: the *_a, *_kp, *_ki */
struct agx_fw_hwdata_a_v13_extra {
	u8 unk_0[0x38];
	u32 unk_38;
	u32 unk_3c;
	u32 gpu_se_inactive_threshold;
	u32 unk_44;
	s32 gpu_se_engagement_criteria;
	u32 gpu_se_reset_criteria;
	u32 unk_50;
	u32 unk_54;
	u32 unk_58;
	u32 unk_5c;
	u32 gpu_se_filter_a_neg;
	u32 gpu_se_filter_1_a_neg;
	u32 gpu_se_filter_a;
	u32 gpu_se_filter_1_a;
	u32 gpu_se_ki_dt;
	u32 gpu_se_ki_1_dt;
	u32 unk_78;
	u32 unk_7c;
	u32 gpu_se_kp;
	u32 gpu_se_kp_1;
	u32 unk_88;
	u32 unk_8c;
	u32 max_pstate_scaled_1;
	u32 unk_94;
	u32 unk_98;
	u32 unk_9c;
	u32 unk_a0;
	u32 unk_a4;
	u32 gpu_se_filter_time_constant_ms;
	u32 gpu_se_filter_time_constant_1_ms;
	u64 gpu_se_filter_time_constant_clks;
	u64 gpu_se_filter_time_constant_1_clks;
	u32 unk_c0;
	u32 unk_c4;
	u8 unk_c8[0x4c];
	u32 unk_114;
	u32 unk_118;
	u32 unk_11c;
	u32 unk_120;
	u32 unk_124;
	u32 max_pstate_scaled_2;
	u8 unk_12c[0x8c];
} __packed;
static_assert(offsetof(struct agx_fw_hwdata_a_v13_extra, unk_114) == 0x114);
static_assert(sizeof(struct agx_fw_hwdata_a_v13_extra) == 0x1b8);

/* T81xxData: in HwDataA, offsets named in HwDataA's 12.3 layout (fw/initdata.rs) */
struct agx_fw_t81xx_data {
	u32 unk_d8c;
	u32 unk_d90;
	u32 unk_d94;
	u32 unk_d98;
	u32 unk_d9c;
	u32 unk_da0;
	u32 unk_da4;
	u32 unk_da8;
	u32 unk_dac;
	u32 unk_db0;
	u32 unk_db4;
	u32 unk_db8;
	u32 unk_dbc;
	u32 unk_dc0;
	u32 unk_dc4;
	u32 unk_dc8;
	u32 max_pstate_scaled;
} __packed;
static_assert(sizeof(struct agx_fw_t81xx_data) == 0x44);

/* PowerZone (fw/initdata.rs); val, filter_a_neg, filter_a are floats */
struct agx_fw_power_zone {
	u32 val;
	u32 target;
	u32 target_off;
	u32 filter_tc_x4;
	u32 filter_tc_xperiod;
	u32 unk_10;		/* V13_0B4 */
	u32 unk_14;		/* V13_0B4 */
	u32 filter_a_neg;
	u32 filter_a;
	u32 pad;
} __packed;
static_assert(sizeof(struct agx_fw_power_zone) == 0x28);

#define AGX_POWER_ZONES		5

/* AuxLeakCoef (fw/initdata.rs), floats */
struct agx_fw_aux_leak_coef {
	u32 afr_1[2];
	u32 cs_1[2];
	u32 afr_2[2];
	u32 cs_2[2];
} __packed;

/*
 * HwDataA (fw/initdata.rs): power management. Firmware-private. The firmware writes
 * pwr_status (4: powered off), the p-states and the temperatures back.
 */
struct agx_fw_hwdata_a {
	u32 unk_0;
	u32 clocks_per_period;
	u32 clocks_per_period_2;	/* V13_0B4 */
	u32 unk_8;
	u32 pwr_status;
	u32 unk_10;
	u32 unk_14;
	u32 unk_18;
	u32 unk_1c;
	u32 unk_20;
	u32 unk_24;
	u32 actual_pstate;
	u32 tgt_pstate;
	u32 unk_30;
	u32 cur_pstate;
	u32 unk_38;
	u32 unk_3c_0;			/* V13_0B4 */
	u32 base_pstate_scaled;
	u32 unk_40;
	u32 max_pstate_scaled;
	u32 unk_48;
	u32 min_pstate_scaled;
	u32 freq_mhz;
	u8 unk_54[0x20];
	u32 unk_74_0;			/* V13_0B4 */
	u32 sram_k[0x10];
	u8 unk_b4[0x100];
	u32 unk_1b4;
	u32 temp_c;
	u32 avg_power_mw;
	u64 update_ts;
	u32 unk_1c8;
	u8 unk_1cc[0x478];
	u8 pad_644[0x8];
	u32 unk_64c;
	u32 unk_650;
	u32 pad_654;
	u32 pwr_filter_a_neg;
	u32 pad_65c;
	u32 pwr_filter_a;
	u32 pad_664;
	u32 pwr_integral_gain;
	u32 pad_66c;
	u32 pwr_integral_min_clamp;
	u32 max_power_1;
	u32 pwr_proportional_gain;
	u32 pad_67c;
	u32 pwr_pstate_related_k;
	s32 pwr_pstate_max_dc_offset;
	u32 unk_688;
	u32 max_pstate_scaled_2;
	u32 pad_690;
	u32 unk_694;
	u32 max_power_2;
	u8 pad_69c[0x18];
	u32 unk_6b4;
	u8 unk_6b8_0[0x10];		/* V13_0B4 */
	u32 max_pstate_scaled_3;
	u32 unk_6bc;
	u8 pad_6c0[0x14];
	u32 ppm_filter_tc_periods_x4;
	u32 unk_6d8;
	u32 pad_6dc;
	u32 ppm_filter_a_neg;
	u32 pad_6e4;
	u32 ppm_filter_a;
	u32 pad_6ec;
	u32 ppm_ki_dt;
	u32 pad_6f4;
	u32 pwr_integral_min_clamp_2;
	u32 unk_6fc;
	u32 ppm_kp;
	u32 pad_704;
	u32 unk_708;
	u32 pwr_min_duty_cycle;
	u32 max_pstate_scaled_4;
	u32 unk_714;
	u32 pad_718;
	u32 unk_71c;
	u32 max_power_3;
	u32 cur_power_mw_2;
	u32 ppm_filter_tc_ms;
	u32 unk_72c;
	u32 ppm_filter_tc_clks;		/* V13_0B4 */
	u32 unk_730_4;			/* V13_0B4 */
	u32 unk_730_8;			/* V13_0B4 */
	u32 unk_730_c;			/* V13_0B4 */
	u32 unk_730;
	u32 unk_734;
	u32 unk_738;
	u32 unk_73c;
	u32 unk_740;
	u32 unk_744;
	u32 unk_748[4];
	u32 unk_758;
	u32 perf_tgt_utilization;
	u32 pad_760;
	u32 perf_boost_min_util;
	u32 perf_boost_ce_step;
	u32 perf_reset_iters;
	u32 pad_770;
	u32 unk_774;
	u32 unk_778;
	u32 perf_filter_drop_threshold;
	u32 perf_filter_a_neg;
	u32 perf_filter_a2_neg;
	u32 perf_filter_a;
	u32 perf_filter_a2;
	u32 perf_ki;
	u32 perf_ki2;
	u32 perf_integral_min_clamp;
	u32 unk_79c;
	u32 perf_kp;
	u32 perf_kp2;
	u32 boost_state_unk_k;
	u32 base_pstate_scaled_2;
	u32 max_pstate_scaled_5;
	u32 base_pstate_scaled_3;
	u32 pad_7b8;
	u32 perf_cur_utilization;
	u32 perf_tgt_utilization_2;
	u8 pad_7c4[0x18];
	u32 unk_7dc;
	u8 unk_7e0_0[0x10];		/* V13_0B4 */
	u32 base_pstate_scaled_4;
	u32 pad_7e4;
	u8 unk_7e8[0x14];
	u32 unk_7fc;
	u32 pwr_min_duty_cycle_2;
	u32 max_pstate_scaled_6;
	u32 max_freq_mhz;
	u32 pad_80c;
	u32 unk_810;
	u32 pad_814;
	u32 pwr_min_duty_cycle_3;
	u32 unk_81c;
	u32 pad_820;
	u32 min_pstate_scaled_4;
	u32 max_pstate_scaled_7;
	u32 unk_82c;
	u32 unk_alpha_neg;
	u32 unk_alpha;
	u32 unk_838;
	u32 unk_83c;
	u8 pad_840[0x2c];
	u32 unk_86c;
	u64 fast_die0_sensor_mask;
	u32 fast_die0_release_temp_cc;
	s32 unk_87c;
	u32 unk_880;
	u32 unk_884;
	u32 pad_888;
	u32 unk_88c;
	u32 pad_890;
	u32 unk_894;
	u32 pad_898;
	u32 fast_die0_ki_dt;
	u32 pad_8a0;
	u32 unk_8a4;
	u32 unk_8a8;
	u32 fast_die0_kp;
	u32 pad_8b0;
	u32 unk_8b4;
	u32 pwr_min_duty_cycle_4;
	u32 max_pstate_scaled_8;
	u32 max_pstate_scaled_9;
	u32 fast_die0_prop_tgt_delta;
	u32 unk_8c8;
	u32 unk_8cc;
	u8 pad_8d0[0x14];
	u8 unk_8e4_0[0x10];		/* V13_0B4 */
	u32 unk_8e4;
	u32 unk_8e8;
	u32 max_pstate_scaled_10;
	u32 unk_8f0;
	u32 unk_8f4;
	u32 pad_8f8;
	u32 pad_8fc;
	u8 unk_900[0x24];
	u32 unk_coef_a1[8][AGX_HWDATA_CORES];
	u32 unk_coef_a2[8][AGX_HWDATA_CORES];
	u8 pad_b24[0x70];
	u32 max_pstate_scaled_11;
	u32 freq_with_off;
	u32 unk_b9c;
	u64 unk_ba0;
	u64 unk_ba8;
	u32 unk_bb0;
	u32 unk_bb4;
	u8 pad_bb8_0[0x200];		/* V13_3 */
	u8 pad_bb8_200[0x8];		/* V13_5 */
	u8 pad_bb8[0x74];
	u32 unk_c2c;
	u32 power_zone_count;
	u32 max_power_4;
	u32 max_power_5;
	u32 max_power_6;
	u32 unk_c40;
	u32 unk_c44;
	u32 avg_power_target_filter_a_neg;
	u32 avg_power_target_filter_a;
	u32 avg_power_target_filter_tc_x4;
	u32 avg_power_target_filter_tc_xperiod;
	u32 avg_power_target_filter_tc_clks;	/* V13_0B4 */
	u32 unk_c58_4;			/* V13_0B4 */
	struct agx_fw_power_zone power_zones[AGX_POWER_ZONES];
	u32 avg_power_filter_tc_periods_x4;
	u32 unk_cfc;
	u32 unk_d00;
	u32 avg_power_filter_a_neg;
	u32 unk_d08;
	u32 avg_power_filter_a;
	u32 unk_d10;
	u32 avg_power_ki_dt;
	u32 unk_d18;
	u32 unk_d1c;
	u32 unk_d20;
	u32 avg_power_kp;
	u32 unk_d28;
	u32 unk_d2c;
	u32 avg_power_min_duty_cycle;
	u32 max_pstate_scaled_12;
	u32 max_pstate_scaled_13;
	u32 unk_d3c;
	u32 max_power_7;
	u32 max_power_8;
	u32 unk_d48;
	u32 avg_power_filter_tc_ms;
	u32 unk_d50;
	u32 avg_power_filter_tc_clks;	/* V13_0B4 */
	u8 unk_d54_4[0xc];		/* V13_0B4 */
	u8 unk_d54[0x10];
	u32 max_pstate_scaled_14;
	u8 unk_d68[0x24];
	struct agx_fw_t81xx_data t81xx_data;
	u8 unk_dd0[0x40];
	u8 unk_e10_pad[0x10];		/* V13_2 */
	struct agx_fw_hwdata_a_v13_extra unk_e10_0;	/* V13_0B4 */
	u8 unk_e10[0xc];
	u64 fast_die0_sensor_mask_2;
	u32 unk_e24;
	u32 unk_e28;
	u8 unk_e2c[0x1c];
	u32 unk_coef_b1[8][AGX_HWDATA_CORES];
	u32 unk_coef_b2[8][AGX_HWDATA_CORES];
	u8 pad_1048[0x5e4];
	u64 fast_die0_sensor_mask_alt;
	/* V<13.0b4: u64 fast_die0_sensor_present; */
	u32 unk_163c;
	u8 unk_1640[0x2000];
	u32 unk_3640;
	u32 unk_3644;
	struct agx_fw_hw_shared1 hws1;
	u16 unk_hws2[16];		/* V13_0B4 */
	struct agx_fw_hw_shared2 hws2;
	u32 unk_3c00;
	u32 unk_3c04;
	struct agx_fw_hw_shared3 hws3;
	u8 unk_3c58[0x3c];
	u32 unk_3c94;
	u64 unk_3c98;
	u64 unk_3ca0;
	u64 unk_3ca8;
	u64 unk_3cb0;
	u64 ts_last_idle;
	u64 ts_last_poweron;
	u64 ts_last_poweroff;
	u64 unk_3cd0;
	u64 unk_3cd8;
	u32 unk_3ce0_0;			/* V13_0B4 */
	u32 unk_3ce0;
	u32 unk_3ce4;
	u32 unk_3ce8;
	u32 unk_3cec;
	u32 unk_3cf0;
	u32 core_leak_coef[8];
	u32 sram_leak_coef[8];
	struct agx_fw_aux_leak_coef aux_leak_coef;	/* V13_0B4 */
	u8 unk_3d34_0[0x18];		/* V13_0B4 */
	u8 unk_3d34[0x38];
} __packed;

static_assert(offsetof(struct agx_fw_hwdata_a, pwr_status) == 0x10);
static_assert(offsetof(struct agx_fw_hwdata_a, unk_coef_a1) == 0x970);
static_assert(offsetof(struct agx_fw_hwdata_a, power_zones) == 0xeb4);
static_assert(offsetof(struct agx_fw_hwdata_a, unk_e10_0) == 0x10b4);
static_assert(offsetof(struct agx_fw_hwdata_a, hws1) == 0x3a9c);
static_assert(offsetof(struct agx_fw_hwdata_a, hws3) == 0x407c);
static_assert(sizeof(struct agx_fw_hwdata_a) == 0x421c);

/* HwDataA pwr_status: 4 while the GPU is powered off (asahi-agx-driver.md §2.10) */
#define AGX_HWDATA_PWR_OFF	4

/* IOMapping (fw/initdata.rs): a firmware MMIO window, HwDataB.io_mappings */
struct agx_fw_io_mapping {
	u64 phys_addr;
	u64 virt_addr;
	u32 total_size;
	u32 element_size;
	u64 readwrite;
} __packed;
static_assert(sizeof(struct agx_fw_io_mapping) == 0x20);

/* IO_MAPPING_COUNT: 0x14 before V13_0B4, 0x17 to V13_3, 0x18 to V13_5, 0x19 (fw/initdata.rs) */
#define AGX_IO_MAPPINGS		0x19

/* HwDataBAuxPStates (fw/initdata.rs): CS and AFR p-states, V13_0B4 on; zero without them */
struct agx_fw_hwdata_b_aux_pstates {
	u32 cs_max_pstate;
	u32 cs_frequencies[0x10];
	u32 cs_voltages[0x10][2];
	u32 cs_voltages_sram[0x10][2];
	u32 cs_unkpad;
	u32 afr_max_pstate;
	u32 afr_frequencies[0x8];
	u32 afr_voltages[0x8][2];
	u32 afr_voltages_sram[0x8][2];
	u32 afr_unkpad;
} __packed;
static_assert(sizeof(struct agx_fw_hwdata_b_aux_pstates) == 0x1f0);

#define AGX_MAX_PSTATES		0x10

/*
 * HwDataB (fw/initdata.rs): GPU configuration (chip, clocks, p-state table, UAT TTB).
 * Firmware-private; RuntimePointers points at it twice.
 */
struct agx_fw_hwdata_b {
	/* V<13.0b4: u64 unk_0; */
	u64 unk_8;
	/* V<13.0b4: u64 unk_10; */
	u64 unk_18;
	u64 unk_20;
	u64 unk_28;
	u64 unk_30;
	u64 unkptr_38;
	u8 pad_40[0x20];
	s16 yuv_matrices[0x3f][3][4];	/* V<13.0b4: [0xf] */
	u8 pad_1c8[0x8];
	struct agx_fw_io_mapping io_mappings[AGX_IO_MAPPINGS];	/* V<13.0b4: [0x14] */
	u64 sgx_sram_ptr;		/* V13_0B4 */
	u32 chip_id;
	u32 unk_454;
	u32 unk_458;
	u32 unk_45c;
	u32 unk_460;
	u32 unk_464;
	u32 unk_468;
	u32 unk_46c;
	u32 unk_470;
	u32 unk_474;
	u32 unk_478;
	u32 unk_47c;
	u32 unk_480;
	u32 unk_484;
	u32 unk_488;
	u32 unk_48c;
	u32 base_clock_khz;
	u32 power_sample_period;
	u8 pad_498[0x4];
	u32 unk_49c;
	u32 unk_4a0;
	u32 unk_4a4;
	u8 pad_4a8[0x4];
	u32 unk_4ac;
	u8 pad_4b0[0x8];
	u32 unk_4b8;
	u8 unk_4bc[0x4];
	u32 unk_4c0;
	u32 unk_4c4;
	u32 unk_4c8;
	u32 unk_4cc;
	u32 unk_4d0;
	u32 unk_4d4;
	u8 unk_4d8[0x4];
	u32 unk_4dc;
	u64 unk_4e0;
	u32 unk_4e8;
	u32 unk_4ec;
	u32 unk_4f0;
	u32 unk_4f4;
	u32 unk_4f8;
	u32 unk_4fc;
	u32 unk_500;
	u32 unk_504_0;			/* V13_0B4 */
	u32 unk_504;
	u32 unk_508;
	u32 unk_50c;
	u32 unk_510;
	u32 unk_514;
	u32 unk_518;
	u32 unk_51c;
	u32 unk_520;
	u32 unk_524;
	u32 unk_528;
	u32 unk_52c;
	u32 unk_530;
	u32 unk_534_0;			/* V13_0B4 */
	u32 unk_534;
	u32 unk_538;
	u32 num_frags;
	u32 unk_540;
	u32 unk_544;
	u32 unk_548;
	u32 unk_54c;
	u32 unk_550;
	u32 unk_554;
	u64 uat_ttb_base;
	u32 gpu_core_id;
	u32 gpu_rev_id;
	u32 num_cores;
	u32 max_pstate;
	/* V<13.0b4: u32 num_pstates; */
	u32 frequencies[AGX_MAX_PSTATES];
	u32 voltages[AGX_MAX_PSTATES][8];
	u32 voltages_sram[AGX_MAX_PSTATES][8];
	u8 unk_9f4_0[64];		/* V13_3 */
	u32 sram_k[AGX_MAX_PSTATES];
	u32 unk_9f4[0x10];
	u32 rel_max_powers[AGX_MAX_PSTATES];
	u32 rel_boost_freqs[AGX_MAX_PSTATES];
	u32 unk_arr_0[32];		/* V13_3 */
	/* V<13.0b4: u32 min_sram_volt; */
	/* V<13.0b4: u32 unk_ab8; */
	/* V<13.0b4: u32 unk_abc; */
	/* V<13.0b4: u32 unk_ac0; */
	struct agx_fw_hwdata_b_aux_pstates aux_ps;	/* V13_0B4 */
	u8 pad_ac4_0[0x44c];		/* V13_3 */
	u8 pad_ac4[0x8];
	u32 unk_acc;
	u32 unk_ad0;
	u8 pad_ad4[0x10];
	u32 unk_ae4[4];
	u8 pad_af4[0x4];
	u32 unk_af8;
	u8 pad_afc[0x8];
	u32 unk_b04;
	u32 unk_b08;
	u32 unk_b0c;
	u32 unk_b10;
	u64 timer_offset;
	u32 unk_b1c;
	u32 unk_b20;
	u32 unk_b24;
	u32 unk_b28;
	u32 unk_b2c;
	u32 unk_b30;
	u32 unk_b34;
	u32 unk_b38_0;			/* V13_0B4 */
	u32 unk_b38_4;			/* V13_0B4 */
	u32 unk_b38_8;			/* V13_3 */
	u32 unk_b38[0xc];
	u32 unk_b68;
	u8 unk_b6c[0xd0];		/* V13_0B4 */
	u8 unk_c3c_8[0x10];		/* V13_5 */
	u8 unk_c3c_18[0x20];		/* V13_5 */
	u32 unk_c3c;			/* V13_0B4 */
} __packed;
static_assert(offsetof(struct agx_fw_hwdata_b, io_mappings) == 0x640);
static_assert(offsetof(struct agx_fw_hwdata_b, chip_id) == 0x968);
static_assert(offsetof(struct agx_fw_hwdata_b, uat_ttb_base) == 0xa78);
static_assert(offsetof(struct agx_fw_hwdata_b, frequencies) == 0xa90);
static_assert(offsetof(struct agx_fw_hwdata_b, aux_ps) == 0x1090);
static_assert(offsetof(struct agx_fw_hwdata_b, timer_offset) == 0x171c);
static_assert(sizeof(struct agx_fw_hwdata_b) == 0x1884);

#endif /* _AGX_FW_HWDATA_H_ */
