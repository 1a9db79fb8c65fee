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
 *                                the SoC's tables (fast sensors, shared tables)
 * HwDataB             private    GPU configuration: chip, core, revision, cores,
 *                                clocks, UAT TTB base
 * stats vtx/frag/comp private    opaque firmware statistics (frag ids -1)
 * unkptr_190..1c8     private    zeroed arrays of the builder's sizes
 * Globals             private    configuration, pending stamps, fault info
 * FwStatus            shared     the FwCtl channel, halt/resume words
 * FW log payloads     shared     6 x 0x100 entries
 * ==================  =========  ==================================================
 *
 * Every value is the one the Rust driver writes, for firmware 13.5 on G13G/G14G.
 * Not built yet: what the device tree's power tables give (the p-states, their
 * voltages and powers, and the filters and gains of the power controllers: the
 * Rust driver's PwrConfig); those fields of HwDataA, HwDataB and Globals stay zero, as
 * do HwDataB.io_mappings (the firmware's MMIO windows) and the mapping of the
 * buffer-manager control page at the addresses RuntimePointers gives. See
 * Documentation/agx-firmware.rst.
 *
 * Coding conventions in this file: one function per object; fill functions only write
 * into memory allocated (zeroed) before, and cannot fail; everything is freed by
 * agx_initdata_destroy(), which also undoes a partial agx_initdata_create().
 */

#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <agx/uat.h>

#include "initdata.h"
#include "channel.h"

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

#define AGX_UAT_OAS	40	/* uat_oas of t8103 and t8112 (hw/t8103.rs, hw/t8112.rs) */

static unsigned int progress_check_ms = 100;
module_param(progress_check_ms, uint, 0644);
MODULE_PARM_DESC(progress_check_ms,
		 "Firmware progress check (hang detection) interval, ms, all pipes (0: 40/10/250 ms for 3D/TA/CL as macOS)");

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
 * @shared3_unk: HwDataShared3 unk_8.
 * @shared3_tab: HwDataShared3 table (all zero: none).
 * @coef: HwDataA unk_coef_a/b of cluster 0 (floats; all zero: none).
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
	u32 shared3_unk;
	u32 shared3_tab[16];
	u32 coef[AGX_HWDATA_CORES];
};

static const struct agx_fw_chip_cfg agx_fw_chips[] = {
	{
		.chip_id = 0x8103,
		.unk_87c = -220, .unk_8cc = 9880, .unk_e24 = 112,
		.unk_4e0 = 0, .unk_534 = 0, .unk_b30 = 0,
		.fast_sensor_mask = 0x12, .fast_sensor_mask_alt = 0x12,
		.shared1_tab = { -1, 0x7282, 0x50ea, 0x370a, 0x25be, 0x1c1f, 0x16fb, -1, -1, -1,
				 -1, -1, -1, -1, -1, -1 },
		.shared1_a4 = 0xffff,
		.shared2_tab = { 0x800, 0x1555, -1, -1, -1, -1, -1, -1, 0, 0 },
		.shared2_unk_508 = 0xc00007,
	},
	{
		.chip_id = 0x8112,
		.unk_87c = 900, .unk_8cc = 11000, .unk_e24 = 125,
		.unk_4e0 = 4, .unk_534 = 0, .unk_b30 = 1,
		.fast_sensor_mask = 0x6800, .fast_sensor_mask_alt = 0x6800,
		.shared1_tab = { 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff,
				 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff },
		.shared1_a4 = 0,
		.shared2_tab = { -1, -1, -1, -1, -1, -1, -1, -1, 0xaa5aa, 0 },
		.shared2_unk_508 = 0xc00000,
		.shared2_curves = true,
		.shared3_unk = 5,
		.shared3_tab = { 10700, 10700, 10700, 10700, 10700, 6000, 1000, 1000, 1000, 10700,
				 10700, 10700, 10700, 10700, 10700, 10700 },
		.coef = { 0, 0, 0, 0, AGX_F32_5_3, 0, AGX_F32_5_3, AGX_F32_5_3 },
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

/* HwDataShared1/2/3, written into HwDataA and Globals alike (initdata.rs hw_shared*()) */
static void agx_id_shared(const struct agx_fw_chip_cfg *c, struct agx_fw_hw_shared1 *s1,
			  struct agx_fw_hw_shared2 *s2, struct agx_fw_hw_shared3 *s3)
{
	struct agx_fw_hw_shared2_curve *c1 = &s2->g14.curve1;

	memcpy(s1->table, c->shared1_tab, sizeof(s1->table));
	s1->unk_a4 = c->shared1_a4;
	memcpy(s2->table, c->shared2_tab, sizeof(s2->table));
	memset(s2->unk_28, 0xff, sizeof(s2->unk_28));
	s2->unk_508 = c->shared2_unk_508;
	if (c->shared2_curves) {
		/* curve2 comes from the p-states (not built yet, see the DOC) */
		s2->g14.unk_14 = 0x6000000;
		c1->unk_4 = 0x20000000;
		memset(c1->t1, 0xff, sizeof(c1->t1));
		memset32((u32 *)c1->t3, 0x3ffffff, sizeof(c1->t3) / sizeof(u32));
		memset16((u16 *)c1->t2, 0x0f07, ARRAY_SIZE(c1->t2));
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
static void agx_id_hwdata_a(const struct agx_fw_chip_cfg *c, struct agx_fw_hwdata_a *a)
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
	agx_id_shared(c, &a->hws1, &a->hws2, &a->hws3);
}

/* HwDataB: the GPU's identity and the builder's constants (initdata.rs hwdata_b()) */
static void agx_id_hwdata_b(struct agx_gpu *gpu, const struct agx_fw_chip_cfg *c,
			    struct agx_fw_hwdata_b *b)
{
	const struct agx_gpu_ident *id = &gpu->ident;
	unsigned int i;

	b->unk_8 = 0x1400000000ULL;
	b->unk_18 = 0xffc00000;
	b->unk_20 = 0x1100000000ULL;
	b->unk_28 = 0x1100000000ULL;
	b->unk_30 = 0x6fffff8000ULL;
	b->unkptr_38 = 0xffffffa011800000ULL;
	b->chip_id = id->chip_id;
	b->unk_454 = 1;
	b->unk_458 = 1;
	b->unk_460 = 1;
	b->unk_464 = 1;
	b->unk_468 = 1;
	b->unk_47c = 1;
	b->unk_484 = 1;
	b->unk_48c = 1;
	b->base_clock_khz = 24000;	/* base_clock_hz 24 MHz (hw/t8103.rs, t8112.rs) */
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
	b->num_frags = id->num_frags * id->num_clusters;
	b->unk_554 = 1;
	b->uat_ttb_base = gpu->mmu->ttbat_phys;
	b->gpu_core_id = id->gpu_core;
	b->gpu_rev_id = id->gpu_rev;
	b->num_cores = id->num_cores * id->num_clusters;
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
}

/* Globals: configuration and the words shared at run time (initdata.rs globals()) */
static void agx_id_globals(const struct agx_fw_chip_cfg *c, struct agx_fw_globals *g)
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
	agx_id_shared(c, &g->hws1, &g->hws2, &g->hws3);
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
	/* PwrConfig's defaults for apple,{,fender-}idle-off-delay-ms, fw-early-wake-timeout-ms */
	g->idle_off_delay_ms = 2;
	g->fender_idle_off_delay_ms = 40;
	g->fw_early_wake_timeout_ms = 5;
	g->cl_context_switch_timeout_ms = 40;
	g->cl_kill_timeout_ms = 50;
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
	agx_id_uat_level(&id->uat_level_info[0], 36, 8, AGX_UAT_OAS);
	agx_id_uat_level(&id->uat_level_info[1], 25, 2048, AGX_UAT_OAS);
	agx_id_uat_level(&id->uat_level_info[2], 14, 2048, AGX_UAT_OAS);
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

/**
 * agx_initdata_destroy() - free InitData and everything it leads to
 * @gpu: the GPU, whose firmware no longer runs (or never ran).
 *
 * Also undoes a failed agx_initdata_create(); idempotent.
 *
 * Context: process context; may sleep (the pools' locks).
 */
void agx_initdata_destroy(struct agx_gpu *gpu)
{
	int i;

	for (i = ARRAY_SIZE(agx_id_objs) - 1; i >= 0; i--) {
		struct agx_fwobj **slot = agx_id_slot(gpu, &agx_id_objs[i]);

		if (!IS_ERR_OR_NULL(*slot))
			agx_fwobj_free(*slot);
		*slot = NULL;
	}
}

/**
 * agx_initdata_create() - build InitData and everything it leads the firmware to
 * @gpu: the GPU, with its MMU, event stamps and channels created, before MSG_INIT.
 *
 * Allocates the objects of the DOC table (zeroed) and fills them. FwStatus gets the
 * FwCtl channel; Globals, HwDataA and HwDataB the SoC's configuration, chosen by
 * &agx_gpu.ident chip_id. The objects live until agx_initdata_destroy().
 *
 * Context: process context; may sleep (allocations).
 * Return: 0; -ENODEV for an SoC without a firmware configuration here; -ENOMEM. On error
 * everything allocated is freed.
 */
int agx_initdata_create(struct agx_gpu *gpu)
{
	const struct agx_fw_chip_cfg *c = agx_fw_chip_find(gpu->ident.chip_id);
	struct agx_fw_status *st;
	unsigned int i;

	if (!c) {
		dev_err(gpu->dev, "agx: no firmware configuration for SoC t%x\n",
			gpu->ident.chip_id);
		return -ENODEV;
	}
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
	agx_id_hwdata_a(c, gpu->init.hwdata_a->cpu);
	agx_id_hwdata_b(gpu, c, gpu->init.hwdata_b->cpu);
	agx_id_stats(gpu);
	agx_id_globals(c, gpu->globals->cpu);
	st = gpu->fw_status->cpu;
	agx_chan_ring(&gpu->fwctl, &st->fwctl_channel, 0);
	agx_id_rtptrs(gpu);
	agx_id_initdata(gpu);
	wmb(); /* everything before the firmware may read it */
	return 0;
}
