// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx firmware submission path tests
 *
 * KUnit suites of agx.ko's firmware layer and AGX queues on the simulated firmware
 * (agx_sim.ko). Each case creates its own simulated GPU (agx.ko binds to it and boots its
 * firmware), VMs with a mapped buffer, and AGX queues; it checks fence outcomes, the
 * driver's and the simulator's counters, and that the simulator saw no violation.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-fence.h>
#include <linux/dma-fence-array.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/unaligned.h>
#include <agx/fw/workqueue.h>

#include "fw/agx_fw.h"
#include "fw/f32.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"
#include "jq_test_hw.h"

#define T_BUF_VA	0x1000000ULL
#define T_UNMAPPED_VA	0x7000000ULL
#define T_WAIT		(20 * HZ)

struct t_env {
	struct agx_sim *sim;
	struct agx_gpu *gpu;
	struct agx_vm *vm[2];
	struct agx_heap *heap[2];
	struct page *pages[2][2];
	unsigned int nctrl[2];
};

static void t_env_fini(struct t_env *e)
{
	unsigned int v, i;

	if (e->gpu)
		flush_workqueue(e->gpu->wq);
	for (v = 0; v < 2; v++) {
		if (!IS_ERR_OR_NULL(e->heap[v]))
			agx_heap_put(e->heap[v]);
		if (IS_ERR_OR_NULL(e->vm[v]))
			continue;
		for (i = 0; i < 2; i++) {
			if (!e->pages[v][i])
				continue;
			agx_vm_unmap(e->vm[v], T_BUF_VA + i * AGX_UAT_PGSZ, AGX_UAT_PGSZ);
			__free_pages(e->pages[v][i], get_order(AGX_UAT_PGSZ));
		}
		agx_vm_put(e->vm[v]);
	}
	agx_sim_destroy(e->sim);
	/* last: the VMs above live in the GPU's MMU, even after an unbind */
	if (e->gpu)
		agx_gpu_put(e->gpu);
}

static struct t_env *t_env(struct kunit *test, enum agx_gpu_gen gen, u32 ver, u32 latency,
			   bool single_step)
{
	struct agx_sim_cfg cfg = {
		.gen = gen,
		.fw_version = ver,
		.debug_alloc = true,
		.latency_us = latency,
		.single_step = single_step,
	};
	struct t_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	unsigned int v, i;

	KUNIT_ASSERT_NOT_NULL(test, e);
	e->sim = agx_sim_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->sim));
	e->gpu = dev_get_drvdata(agx_sim_device(e->sim));
	if (!e->gpu) {
		agx_sim_destroy(e->sim);
		KUNIT_FAIL_AND_ABORT(test, "agx.ko did not bind to the simulated GPU");
	}
	agx_gpu_get(e->gpu);
	for (v = 0; v < 2; v++) {
		e->vm[v] = agx_vm_create(e->gpu->mmu, AGX_UVA_START, AGX_UVA_END);
		KUNIT_ASSERT_FALSE(test, IS_ERR(e->vm[v]));
		e->heap[v] = agx_heap_create(e->vm[v], AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
		KUNIT_ASSERT_FALSE(test, IS_ERR(e->heap[v]));
		for (i = 0; i < 2; i++) {
			e->pages[v][i] = alloc_pages(GFP_KERNEL | __GFP_ZERO,
						     get_order(AGX_UAT_PGSZ));
			KUNIT_ASSERT_NOT_NULL(test, e->pages[v][i]);
			KUNIT_ASSERT_EQ(test, 0,
					agx_vm_map(e->vm[v], T_BUF_VA + i * AGX_UAT_PGSZ,
						   page_to_phys(e->pages[v][i]), AGX_UAT_PGSZ,
						   AGX_PROT_GPU_SHARED_RW));
		}
	}
	return e;
}

static u64 t_ctrl(struct t_env *e, unsigned int v, u32 op, u32 arg, u64 va)
{
	unsigned int idx = e->nctrl[v]++;
	struct agx_simq *q = page_address(e->pages[v][1]) + idx * sizeof(*q);

	q->magic = AGX_SIMQ_MAGIC;
	q->count = 1;
	q->ops[0].op = op;
	q->ops[0].arg = arg;
	q->ops[0].va = va;
	return T_BUF_VA + AGX_UAT_PGSZ + idx * sizeof(*q);
}

/* A render pass of 64x64 pixels, one layer and sample, 32x32 utiles; the Mesa shader base */
#define T_USC_BASE	0x1100000000ULL
static const struct drm_asahi_cmd_render t_geometry = {
	.width_px = 64, .height_px = 64, .layers = 1, .samples = 1,
	.utile_width_px = 32, .utile_height_px = 32, .sample_size_B = 8,
};

static struct dma_fence *t_submit(struct kunit *test, struct agx_queue *q,
				  enum agx_job_type type, u64 ctrl, struct dma_fence *dep)
{
	struct agx_job_desc d = { .type = type, .ctrl_stream = ctrl, .natt = 1,
				  .render = t_geometry, .usc_exec_base = T_USC_BASE };
	struct dma_fence *f;

	d.att[0].address = T_BUF_VA;
	d.att[0].size = 4;
	if (dep)
		d.deps[d.ndeps++] = dep;
	f = agx_queue_submit(q, &d);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "submit: %ld", PTR_ERR(f));
	return f;
}

/* wait and return the fence error; fails the test if it never signals */
static int t_wait(struct kunit *test, struct dma_fence *f)
{
	long t = dma_fence_wait_timeout(f, false, T_WAIT);
	int err;

	KUNIT_EXPECT_GT(test, t, 0);
	err = t > 0 ? f->error : -EBUSY;
	dma_fence_put(f);
	return err;
}

/*
 * Poll @cond every 5 ms until it holds or T_WAIT passes; true if it held. A case waits for
 * the state it checks rather than for a fixed time: on a loaded host the firmware thread
 * can take longer than any fixed sleep to reach it, and a failed assertion then leaves the
 * case's queue and fences behind (rmmod waits for them).
 */
#define t_poll(cond) ({							\
	unsigned long __end = jiffies + T_WAIT;				\
	bool __held;							\
									\
	while (!(__held = (cond)) && time_before(jiffies, __end))	\
		usleep_range(4000, 6000);				\
	__held;								\
})

/* the work queue owning event slot @slot, once a job holds it (a reference), or NULL */
static struct agx_fw_wq *t_slot_owner(struct t_env *e, unsigned int slot)
{
	struct agx_fw_wq *wq = NULL;

	t_poll((wq = agx_event_owner(e->gpu, slot)) != NULL);
	return wq;
}

/* does a work queue holding an event slot have a command in its ring? */
static bool t_any_in_ring(struct t_env *e)
{
	struct agx_fw_wq *wq;
	bool found = false;
	int i;

	for (i = 0; i < AGX_NUM_EVENTS && !found; i++) {
		wq = agx_event_owner(e->gpu, i);
		if (!wq)
			continue;
		found = READ_ONCE(wq->nr_pending) > 0;
		agx_fw_wq_put(wq);
	}
	return found;
}

/* slot 0's work queue once the case's first job is in its ring (a reference), or NULL */
static struct agx_fw_wq *t_ring_owner(struct t_env *e)
{
	struct agx_fw_wq *wq = t_slot_owner(e, 0);

	if (wq)
		t_poll(READ_ONCE(wq->nr_pending) >= 1);
	return wq;
}

static void t_no_violations(struct kunit *test, struct t_env *e)
{
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&agx_sim_get_counters(e->sim)->violations));
}

static struct agx_queue *t_queue(struct kunit *test, struct t_env *e, unsigned int v, u32 p)
{
	struct agx_queue *q = agx_queue_create(e->gpu, e->heap[v], p);

	KUNIT_ASSERT_FALSE(test, IS_ERR(q));
	return q;
}

/* Happy paths */

static void agx_fw_render(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	u32 *buf = page_address(e->pages[0][0]);
	u64 ctrl;
	int i;

	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_RENDER, 0, NULL)));
	/* a control stream write lands in the job's VM */
	ctrl = t_ctrl(e, 0, AGX_SIMQ_WRITE32, 0xabcd, T_BUF_VA + 0x100);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_RENDER, ctrl, NULL)));
	KUNIT_EXPECT_EQ(test, 0xabcdU, READ_ONCE(buf[0x40]));
	KUNIT_EXPECT_GE(test, atomic_read(&agx_sim_get_counters(e->sim)->barriers), 9);
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_compute(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	struct agx_queue *q = t_queue(test, e, 0, 1);
	int i;

	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 8, atomic_read(&agx_sim_get_counters(e->sim)->commands));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_mixed_cross_queue(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 200, false);
	struct agx_queue *a = t_queue(test, e, 0, 0), *b = t_queue(test, e, 1, 1);
	struct dma_fence *f[32], *prev = NULL;
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE, .barrier = true };
	int i;

	for (i = 0; i < 32; i += 2) {
		f[i] = t_submit(test, a, i % 4 ? AGX_JOB_RENDER : AGX_JOB_COMPUTE, 0, prev);
		f[i + 1] = t_submit(test, b, i % 4 ? AGX_JOB_COMPUTE : AGX_JOB_RENDER, 0, f[i]);
		prev = f[i + 1];
	}
	/* explicit barrier: compute after the queue's render */
	f[0] = dma_fence_get(f[0]);
	d.deps[d.ndeps++] = f[31];
	prev = agx_queue_submit(a, &d);
	KUNIT_ASSERT_FALSE(test, IS_ERR(prev));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, prev));
	for (i = 0; i < 32; i++) {
		KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(f[i]));
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, f[i]));
	}
	dma_fence_put(f[0]);
	agx_queue_destroy(a);
	agx_queue_destroy(b);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* The same code on the other firmware/GPU combinations: only the layout differs. */
static void agx_fw_versions(struct kunit *test)
{
	static const struct { enum agx_gpu_gen gen; u32 ver; } combos[] = {
		{ AGX_GEN_G14, AGX_FW_VERSION(13, 5, 0) },
		{ AGX_GEN_G13, AGX_FW_VERSION(12, 3, 0) },
		{ AGX_GEN_G14, AGX_FW_VERSION(12, 4, 0) },
		{ AGX_GEN_G14X, AGX_FW_VERSION(13, 5, 0) },
	};
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(combos); c++) {
		struct t_env *e = t_env(test, combos[c].gen, combos[c].ver, 50, false);
		struct agx_queue *q = t_queue(test, e, 0, 0);

		KUNIT_EXPECT_EQ(test, combos[c].ver, e->gpu->layout->version);
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_RENDER, 0, NULL)));
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL)));
		agx_queue_destroy(q);
		t_no_violations(test, e);
		t_env_fini(e);
	}
	/* an unknown combination has no layout (the simulator's lookup is the driver's table) */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			PTR_ERR(agx_sim_create(&(struct agx_sim_cfg){
				.gen = AGX_GEN_G14X, .fw_version = AGX_FW_VERSION(14, 0, 0) })));
}

/*
 * The bytes of a QueueInfo, RingState and ring as the firmware of each version reads them,
 * at the offsets of the Rust driver's fw/workqueue.rs (typed here as numbers, not taken from
 * the C structs, so that a wrong struct fails).
 */
/*
 * The firmware floats of f32.c bit for bit against IEEE single precision (the values a
 * host's float arithmetic gives): rounding to nearest, ties to even, negative results.
 */
static void agx_fw_f32_math(struct kunit *test)
{
	const u32 one = 0x3f800000, three = agx_f32_from_u32(3);

	KUNIT_EXPECT_EQ(test, agx_f32_from_u32(1000000001), 0x4e6e6b28U);
	KUNIT_EXPECT_EQ(test, agx_f32_from_u32(16777217), 0x4b800000U);	/* a tie: to even */
	KUNIT_EXPECT_EQ(test, agx_f32_from_s32(-3), 0xc0400000U);
	KUNIT_EXPECT_EQ(test, agx_f32_div(one, three), 0x3eaaaaabU);
	KUNIT_EXPECT_EQ(test, agx_f32_div(agx_f32_from_u32(7), 0x3f733333), 0x40ebca1bU);
	KUNIT_EXPECT_EQ(test, agx_f32_div(one, 0), 0U);			/* no trap */
	/* 0.1 * 0.2, -50 * 0.008 */
	KUNIT_EXPECT_EQ(test, agx_f32_mul(0x3dcccccd, 0x3e4ccccd), 0x3ca3d70bU);
	KUNIT_EXPECT_EQ(test, agx_f32_mul(0xc2480000, 0x3c03126f), 0xbecccccdU);
	/* 100 - 0.5, 1 - 2^-30 (rounds to 1), 0.5 - 1 */
	KUNIT_EXPECT_EQ(test, agx_f32_sub(0x42c80000, 0x3f000000), 0x42c70000U);
	KUNIT_EXPECT_EQ(test, agx_f32_sub(one, 0x30800000), one);
	KUNIT_EXPECT_EQ(test, agx_f32_sub(0x3f000000, one), 0xbf000000U);
	KUNIT_EXPECT_EQ(test, agx_f32_sub(one, agx_f32_div(one, agx_f32_from_u32(12))),
			0x3f6aaaabU);
	KUNIT_EXPECT_TRUE(test, agx_f32_finite(0x7f7fffff));
	KUNIT_EXPECT_FALSE(test, agx_f32_finite(0x7fc00000));
}

/*
 * InitData as the driver builds it for the simulated M1 (its power configuration is the
 * simulator's software node, driver/sim/device.c): the pointers and pools, ver_info, the
 * UAT levels, HwDataB's identity and p-state table, the power controllers' coefficients
 * (expected bits from IEEE single-precision arithmetic of the same formulas), the MMIO
 * windows, Globals' intervals. The simulator accepted all of it at boot (no violation:
 * it also walks each MMIO window to its registers).
 */
static void agx_fw_initdata_layout(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_gpu *gpu = e->gpu;
	const struct agx_fw_initdata *id = gpu->initdata->cpu;
	const struct agx_fw_runtime_pointers *rt = gpu->rtptrs->cpu;
	const struct agx_fw_hwdata_a *a = gpu->init.hwdata_a->cpu;
	const struct agx_fw_hwdata_b *b = gpu->init.hwdata_b->cpu;
	const struct agx_fw_globals *g = gpu->globals->cpu;

	KUNIT_EXPECT_EQ(test, id->ver_info[0], 0x6ba0);
	KUNIT_EXPECT_EQ(test, id->ver_info[3], 0xb0);
	KUNIT_EXPECT_EQ(test, id->runtime_pointers, gpu->rtptrs->gpu_va);
	KUNIT_EXPECT_EQ(test, id->uat_level_info[1].index_shift, 25);
	KUNIT_EXPECT_EQ(test, id->uat_level_info[1].index_mask, 0x7ffULL << 25);
	KUNIT_EXPECT_EQ(test, id->uat_level_info[0].unk_10, 0xffffffc000ULL);
	KUNIT_EXPECT_EQ(test, rt->hwdata_b, rt->hwdata_b_2);
	KUNIT_EXPECT_EQ(test, rt->buffer_mgr_ctl_fw_addr, AGX_BUFMGR_CTL_FW_VA);
	KUNIT_EXPECT_EQ(test, rt->gpu_scratch.unk_6b38, 0xffU);
	KUNIT_EXPECT_NOT_NULL(test, gpu->init.bufmgr_ctl);
	KUNIT_EXPECT_EQ(test, gpu->init.bufmgr_mapped, 3U);	/* GPU and firmware addresses */
	KUNIT_EXPECT_EQ(test, b->chip_id, 0x8103U);
	KUNIT_EXPECT_EQ(test, b->gpu_core_id, 11U);
	KUNIT_EXPECT_EQ(test, b->num_cores, 8U);
	KUNIT_EXPECT_EQ(test, b->uat_ttb_base, (u64)gpu->mmu->ttbat_phys);
	KUNIT_EXPECT_EQ(test, b->max_pstate, 6U);
	KUNIT_EXPECT_EQ(test, b->frequencies[6], 1278U);
	KUNIT_EXPECT_EQ(test, b->voltages[1][7], 603U);
	KUNIT_EXPECT_EQ(test, b->voltages_sram[1][0], 790U);	/* raised to min-sram */
	KUNIT_EXPECT_EQ(test, b->rel_max_powers[3], 33U);
	KUNIT_EXPECT_EQ(test, b->rel_boost_freqs[3], 36U);
	KUNIT_EXPECT_EQ(test, b->power_sample_period, 8U);
	/* t8103's MMIO windows one after the other from 0xffffffaf_00000000, in 16 KiB pages */
	KUNIT_EXPECT_EQ(test, b->io_mappings[0].phys_addr, 0x204d00000ULL);
	KUNIT_EXPECT_EQ(test, b->io_mappings[0].virt_addr, 0xffffffaf00000000ULL);
	KUNIT_EXPECT_EQ(test, b->io_mappings[0].total_size, 0x1c000U);
	KUNIT_EXPECT_EQ(test, b->io_mappings[1].readwrite, 0ULL);
	KUNIT_EXPECT_EQ(test, b->io_mappings[10].virt_addr, 0xffffffaf00055000ULL);
	KUNIT_EXPECT_EQ(test, b->io_mappings[4].total_size, 0U);
	KUNIT_EXPECT_EQ(test, a->pwr_status, (u32)AGX_HWDATA_PWR_OFF);
	KUNIT_EXPECT_EQ(test, a->max_pstate_scaled, 600U);
	KUNIT_EXPECT_EQ(test, a->ppm_filter_a, 0x3daaaaabU);		/* 1/12 */
	KUNIT_EXPECT_EQ(test, a->ppm_filter_a_neg, 0x3f6aaaabU);
	KUNIT_EXPECT_EQ(test, a->ppm_ki_dt, 0x3da3d70bU);		/* 10 * 0.008 */
	KUNIT_EXPECT_EQ(test, a->avg_power_ki_dt, 0x3b9d4952U);	/* 0.6 * 0.008 */
	KUNIT_EXPECT_EQ(test, a->pwr_filter_a, 0x3b516154U);		/* 1/313 */
	KUNIT_EXPECT_EQ(test, a->boost_state_unk_k, 0x40a86bcaU);	/* 5 / 0.95 */
	KUNIT_EXPECT_EQ(test, a->pwr_pstate_related_k, 0xbd75c28fU);	/* -600/10000 */
	KUNIT_EXPECT_EQ(test, a->unk_e10_0.gpu_se_ki_dt, 0xbecccccdU);	/* -50 * 0.008 */
	KUNIT_EXPECT_EQ(test, a->fast_die0_ki_dt, 0x404ccccdU);	/* 400 * 0.008 */
	KUNIT_EXPECT_EQ(test, a->power_zones[0].target_off, 9500U);
	KUNIT_EXPECT_EQ(test, a->hws1.table[1], 0x7282);
	KUNIT_EXPECT_EQ(test, g->ppm_ki_dt, a->ppm_ki_dt);
	KUNIT_EXPECT_EQ(test, g->power_zones[0].filter_tc, 100U);
	KUNIT_EXPECT_EQ(test, g->cl_context_switch_timeout_ms, 40U);
	KUNIT_EXPECT_EQ(test, g->idle_off_delay_ms, 2U);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* A copy of the firmware object @o in the private pool (freed with the test). */
static struct agx_fwobj *t_fw_copy(struct kunit *test, struct agx_gpu *gpu,
				   const struct agx_fwobj *o)
{
	struct agx_fwobj *c = agx_fwobj_alloc(gpu->mmu, AGX_POOL_PRIVATE, o->size, "copy");

	KUNIT_ASSERT_FALSE(test, IS_ERR(c));
	memcpy(c->cpu, o->cpu, o->size);
	return c;
}

/* One corruption of the InitData copy: the simulator's MSG_INIT checks count one violation */
static void t_initdata_broken(struct kunit *test, struct t_env *e, u64 va, const char *what)
{
	int before = atomic_read(&agx_sim_get_counters(e->sim)->violations);

	wmb(); /* the corruption before the simulator reads */
	KUNIT_EXPECT_EQ(test, agx_sim_check_initdata(e->sim, va), 0);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&agx_sim_get_counters(e->sim)->violations),
			    before + 1, "%s", what);
}

/*
 * Negative controls of the simulator's MSG_INIT checks, on a copy of the driver's InitData
 * (with copies of its RuntimePointers and HwDataB): the intact copy passes; a ver_info
 * word, HwDataB's second pointer, an MMIO window's registers, the firmware address of the
 * buffer-manager control page and the UAT geometry, each broken alone, are one violation.
 */
static void agx_fw_initdata_checked(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_gpu *gpu = e->gpu;
	struct agx_fwobj *id = t_fw_copy(test, gpu, gpu->initdata);
	struct agx_fwobj *rt = t_fw_copy(test, gpu, gpu->rtptrs);
	struct agx_fwobj *hb = t_fw_copy(test, gpu, gpu->init.hwdata_b);
	struct agx_fw_initdata *i = id->cpu;
	struct agx_fw_runtime_pointers *r = rt->cpu;
	struct agx_fw_hwdata_b *b = hb->cpu;

	i->runtime_pointers = rt->gpu_va;
	r->hwdata_b = hb->gpu_va;
	r->hwdata_b_2 = hb->gpu_va;
	wmb(); /* the copies before the simulator reads */
	KUNIT_EXPECT_EQ(test, agx_sim_check_initdata(e->sim, id->gpu_va), 0);
	t_no_violations(test, e);
	WRITE_ONCE(agx_sim_config(e->sim)->expect_violations, true);
	i->ver_info[0] ^= 1;
	t_initdata_broken(test, e, id->gpu_va, "ver_info");
	i->ver_info[0] ^= 1;
	r->hwdata_b_2 = gpu->init.hwdata_b->gpu_va;
	t_initdata_broken(test, e, id->gpu_va, "hwdata_b_2");
	r->hwdata_b_2 = hb->gpu_va;
	b->io_mappings[0].phys_addr += AGX_UAT_PGSZ;
	t_initdata_broken(test, e, id->gpu_va, "io_mappings");
	b->io_mappings[0].phys_addr -= AGX_UAT_PGSZ;
	r->buffer_mgr_ctl_fw_addr += AGX_UAT_PGSZ;
	t_initdata_broken(test, e, id->gpu_va, "buffer_mgr_ctl");
	r->buffer_mgr_ctl_fw_addr -= AGX_UAT_PGSZ;
	i->uat_level_info[0].index_shift = 35;
	t_initdata_broken(test, e, id->gpu_va, "uat_level_info");
	agx_fwobj_free(hb);
	agx_fwobj_free(rt);
	agx_fwobj_free(id);
	t_env_fini(e);
}

static void t_check_queue_info(struct kunit *test, struct agx_fw_wq *wq, bool v13_2)
{
	const u8 *qi = wq->info->cpu;
	const u8 *rs = wq->state->cpu;
	const u64 *ring = wq->ring->cpu;
	u32 tail = v13_2 ? 0x88 : 0x84;

	KUNIT_EXPECT_EQ(test, wq->info->size, v13_2 ? 0xb8 : 0xb0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(qi + 0x00), wq->state->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(qi + 0x08), wq->ring->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(qi + 0x10), wq->qctx->notifier_list->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(qi + 0x18), wq->gpu_buf->gpu_va);
	KUNIT_EXPECT_EQ(test, (s32)get_unaligned_le32(qi + 0x2c), wq->slot);
	/* PRIORITY[1] = {1, 1, 0xffffffff00000000, 0, 0, 0}; compute: p0 = 0, p5 = 1 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x30), 0U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x34), 1U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(qi + 0x38), 0xffffffff00000000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x40), 0U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x48), 1U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x4c), 0xffffffffU);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x50), wq->qctx->id);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x54), 0xffffffffU);
	if (v13_2) {
		KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0x84), 0U);	/* unk_84_0 */
		KUNIT_EXPECT_EQ(test, get_unaligned_le32(qi + 0xb4), 0U);	/* unk_b0 */
	}
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(qi + tail + 0x1c), wq->qctx->context->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(rs + 0x50), AGX_WQ_SIZE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(rs + 0x40), wq->wptr);
	KUNIT_EXPECT_NE(test, ring[(wq->wptr + AGX_WQ_SIZE - 1) % AGX_WQ_SIZE], 0ULL);
	/* GpuContextData defaults */
	KUNIT_EXPECT_EQ(test, ((u8 *)wq->qctx->context->cpu)[0x05], 1);
	KUNIT_EXPECT_EQ(test, ((u8 *)wq->qctx->context->cpu)[0x1e], 0xff);
	KUNIT_EXPECT_EQ(test, ((u8 *)wq->qctx->context->cpu)[0x23], 2);
}

/* DestroyContext bytes (fw/channels.rs): packed from V13.3, padded with unk_18 before. */
static void t_check_destroy_msg(struct kunit *test, const struct agx_fw_layout *l,
				struct agx_fw_wq *wq, bool v13_3)
{
	struct agx_fw_devctl_msg m = {};
	const u8 *b = (const u8 *)&m;

	agx_devctl_destroy_ctx(l, &m, wq->qctx->context->cpu, wq->qctx->context->gpu_va);
	KUNIT_EXPECT_EQ(test, m.tag, v13_3 ? 0x18U : 0x17U);
	KUNIT_EXPECT_EQ(test, b[0x08], 2);				/* ctx_23 */
	KUNIT_EXPECT_EQ(test, b[v13_3 ? 0x11 : 0x14], 0xff);		/* ctx_0 */
	KUNIT_EXPECT_EQ(test, b[v13_3 ? 0x12 : 0x15], 0xff);		/* ctx_1 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + (v13_3 ? 0x14 : 0x1c)),
			wq->qctx->context->gpu_va);
	memset(&m, 0, sizeof(m));
	agx_devctl_destroy_ctx(l, &m, NULL, 0);
	KUNIT_EXPECT_EQ(test, b[v13_3 ? 0x11 : 0x14], 0xff);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(b + (v13_3 ? 0x14 : 0x1c)), 0ULL);
}

static void agx_fw_queue_info_layout(struct kunit *test)
{
	/*
	 * qi: the QueueInfo words of G13/G14 from V13.2 (not G14X); dc: the DestroyContext
	 * of V13.3 and later
	 */
	static const struct { enum agx_gpu_gen gen; u32 ver; bool qi, dc; } combos[] = {
		{ AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), true, true },
		{ AGX_GEN_G14, AGX_FW_VERSION(13, 5, 0), true, true },
		{ AGX_GEN_G13, AGX_FW_VERSION(12, 3, 0), false, false },
		{ AGX_GEN_G14, AGX_FW_VERSION(12, 4, 0), false, false },
		{ AGX_GEN_G14X, AGX_FW_VERSION(13, 5, 0), false, true },
	};
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(combos); c++) {
		struct t_env *e = t_env(test, combos[c].gen, combos[c].ver, 0, true);
		struct agx_queue *q = t_queue(test, e, 0, 1);
		struct dma_fence *f = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL);
		struct agx_fw_queue_info *qi;
		struct agx_fw_wq *wq;

		wq = t_ring_owner(e);
		KUNIT_ASSERT_NOT_NULL(test, wq);
		/* the firmware writes the event id when it first runs the queue */
		qi = wq->info->cpu;
		t_poll(READ_ONCE(qi->event_id) == wq->slot);
		t_check_queue_info(test, wq, combos[c].qi);
		t_check_destroy_msg(test, e->gpu->layout, wq, combos[c].dc);
		agx_fw_wq_put(wq);
		agx_sim_step(e->sim, 4);
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, f));
		agx_queue_destroy(q);
		t_no_violations(test, e);
		t_env_fini(e);
	}
}

/* The work queue holding slot 0 (a reference, for the caller to put) and its first work. */
static struct agx_fw_work *t_first_work(struct kunit *test, struct t_env *e,
					struct agx_fw_wq **wq)
{
	struct agx_fw_work *w;

	*wq = t_ring_owner(e);
	KUNIT_ASSERT_NOT_NULL(test, *wq);
	spin_lock(&(*wq)->lock);
	w = list_first_entry_or_null(&(*wq)->pending, struct agx_fw_work, link);
	spin_unlock(&(*wq)->lock);
	KUNIT_ASSERT_NOT_NULL(test, w);
	return w;
}

/*
 * The microsequence of a compute command as G13/G14 13.5 firmware reads it (fw/microseq.rs
 * offsets typed as numbers): StartCompute (0x16c bytes), WaitForIdle(compute) (on G14X
 * WaitForIdle2, a header without the pipe: queue/compute.rs), FinalizeCompute (0x7c bytes,
 * branching back to the start), RetireStamp.
 */
static void t_check_compute_microseq(struct kunit *test, enum agx_gpu_gen gen, u32 wait_idle)
{
	struct t_env *e = t_env(test, gen, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct dma_fence *f = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL);
	struct agx_fw_work *w;
	struct agx_fw_wq *wq;
	const u8 *ms;

	w = t_first_work(test, e, &wq);
	KUNIT_ASSERT_NOT_NULL(test, w->microseq);
	ms = w->microseq->cpu;
	KUNIT_EXPECT_EQ(test, w->microseq_size, 0x16c + 4 + 0x7c + 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms), 0x29U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x1c), wq->info->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x28), 1U);		/* unk_28 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x2c), wq->qctx->id);	/* generation */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x4c + 0x100), 1U);	/* att count */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x164),
			wq->qctx->notifier->gpu_va +
			offsetof(struct agx_fw_notifier, state.unk_buf));
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x16c), wait_idle);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x170), 0x2aU);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x170 + 0x30), w->value);
	KUNIT_EXPECT_EQ(test, (s32)get_unaligned_le32(ms + 0x170 + 0x58), -0x170);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x170 + 0x7c), 0x40000018U);
	agx_fw_wq_put(wq);
	agx_sim_step(e->sim, 4);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_microseq_layout(struct kunit *test)
{
	t_check_compute_microseq(test, AGX_GEN_G14, 0x01U | (1U << 15) << 8);
	t_check_compute_microseq(test, AGX_GEN_G14X, 0x02U);
}

/*
 * One compute job on a single-stepped G13/13.5 environment, held at its first command:
 * the test holds @wq until t_compute_finish().
 */
struct t_compute {
	struct t_env *e;
	struct agx_queue *q;
	u64 ctrl;
	struct dma_fence *f;
	struct agx_fw_work *w;
	struct agx_fw_wq *wq;
};

static void t_compute_start(struct kunit *test, struct t_compute *tc)
{
	tc->e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	tc->q = t_queue(test, tc->e, 0, 0);
	tc->ctrl = t_ctrl(tc->e, 0, AGX_SIMQ_DELAY_US, 1, 0);
	tc->f = t_submit(test, tc->q, AGX_JOB_COMPUTE, tc->ctrl, NULL);
	tc->w = t_first_work(test, tc->e, &tc->wq);
}

/* Drop the hold on the work queue, let the job run to its end and destroy its queue. */
static void t_compute_finish(struct kunit *test, struct t_compute *tc)
{
	agx_fw_wq_put(tc->wq);
	agx_sim_step(tc->e->sim, 4);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, tc->f));
	agx_queue_destroy(tc->q);
}

/*
 * The RunCompute a compute job becomes, as G13/G14 13.5 firmware reads it (fw/compute.rs
 * offsets typed as numbers; values of queue/compute.rs), and the StartCompute pointers
 * into it.
 */
static void agx_fw_run_compute_layout(struct kunit *test)
{
	struct agx_fw_work *w;
	struct agx_fw_wq *wq;
	struct t_compute tc;
	const u8 *c, *ms;
	struct t_env *e;
	u64 ctrl, va;

	t_compute_start(test, &tc);
	e = tc.e;
	w = tc.w;
	wq = tc.wq;
	ctrl = tc.ctrl;
	c = w->cmd->cpu;
	ms = w->microseq->cpu;
	va = w->cmd->gpu_va;
	KUNIT_EXPECT_EQ(test, w->cmd->size, 0x319UL + 0x18);	/* + AGX_FW_RUN_TAIL */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c), 3U);			/* RunCompute */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x10), w->vm_slot);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x14), wq->qctx->notifier->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x70 + 0x08), ctrl);	/* cdm stream */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x70 + 0x30), 0x1100000000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x70 + 0x38), 0x8c60ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x70 + 0x58), 1U);
	/* the preemption buffer: t8103's 0x7f80 bytes, then four u64 (compute.rs) */
	KUNIT_ASSERT_NOT_NULL(test, w->preempt);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x70), w->preempt->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x70 + 0x10), w->preempt->gpu_va + 0x7f80);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x70 + 0x28), w->preempt->gpu_va + 0x7f98);
	KUNIT_EXPECT_GE(test, w->preempt->size, 0x7fa0UL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x1f0), w->microseq->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x1f8), w->microseq_size);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x284 + 0x04),
			e->gpu->ev.stamps->gpu_va + wq->slot * 4ULL);	/* meta.stamp */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x284 + 0x14), w->value);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x284 + 0x18), (u32)wq->slot);
	/* StartCompute's job_params1, job_params2 and unk_flag point into the command */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x0c), va + 0x70);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x3c), va + 0x1fc);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x154), va + 0x305);
	t_compute_finish(test, &tc);
	t_no_violations(test, e);
	t_env_fini(e);
}

/*
 * Negative control: a compute command's preemption buffer is the firmware's until the
 * command retires. It is a heap object, without a debug preamble; freed while the command
 * runs (the driver bug this models: a job giving it back at submit), the heap poisons it,
 * and the simulator finds the stamp it left at the command's start gone at its
 * retirement: a violation. The job still completes.
 */
static void agx_fw_preempt_freed_checked(struct kunit *test)
{
	struct agx_fw_work *w;
	struct t_compute tc;
	struct t_env *e;
	u64 *save;

	t_compute_start(test, &tc);
	e = tc.e;
	w = tc.w;
	save = w->preempt->cpu;
	agx_sim_step(e->sim, 1);	/* the start only: the stamp goes in */
	KUNIT_ASSERT_TRUE(test, t_poll(READ_ONCE(*save) != 0));
	t_no_violations(test, e);
	WRITE_ONCE(agx_sim_config(e->sim)->expect_violations, true);
	agx_fwobj_free(w->preempt);
	w->preempt = NULL;		/* the job no longer owns it */
	t_compute_finish(test, &tc);
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&agx_sim_get_counters(e->sim)->violations));
	t_env_fini(e);
}

/* The @n-th pending command of @wq (0: the first), which the test holds @wq for. */
static struct agx_fw_work *t_nth_work(struct kunit *test, struct agx_fw_wq *wq, unsigned int n)
{
	struct agx_fw_work *w, *found = NULL;

	t_poll(READ_ONCE(wq->nr_pending) > n);
	spin_lock(&wq->lock);
	list_for_each_entry(w, &wq->pending, link)
		if (!n--) {
			found = w;
			break;
		}
	spin_unlock(&wq->lock);
	KUNIT_ASSERT_NOT_NULL(test, found);
	return found;
}

/*
 * The InitBuffer before a queue's first RunVertex (fw/buffer.rs offsets typed as numbers):
 * the buffer-manager slot, the initial 8 blocks, the buffer's Info, the RunVertex's value.
 * Returns the Info's VA.
 */
static u64 t_init_buffer_bytes(struct kunit *test, struct agx_fw_wq *wq)
{
	struct agx_fw_work *w = t_nth_work(test, wq, 0), *run = t_nth_work(test, wq, 1);
	const u8 *c = w->cmd->cpu;

	KUNIT_EXPECT_NULL(test, w->microseq);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c), 6U);			/* InitBuffer */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x4), w->vm_slot);
	KUNIT_EXPECT_LT(test, get_unaligned_le32(c + 0x8), 127U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x10), 8U);		/* blocks */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x1c), run->value);
	KUNIT_EXPECT_EQ(test, w->value, run->value);
	return get_unaligned_le64(c + 0x14);
}

/*
 * The RunVertex of a 64x64 render as G13 (@g14 false) or G14 13.5 firmware reads it
 * (fw/vertex.rs offsets typed as numbers; values of queue/render.rs), and StartVertex's
 * pointers into it; @info is its buffer's.
 */
static void t_run_vertex_bytes(struct kunit *test, struct agx_fw_wq *wq, u64 ctrl, bool g14,
			       u64 info)
{
	struct agx_fw_work *w = t_nth_work(test, wq, 1);	/* after the InitBuffer */
	const u8 *c = w->cmd->cpu, *ms = w->microseq->cpu, *p1 = c + 0x40;
	u64 va = w->cmd->gpu_va, heapmeta = get_unaligned_le64(p1 + (g14 ? 0x20 : 0x28));
	u64 preempt = get_unaligned_le64(p1 + (g14 ? 0x50 : 0x70));

	KUNIT_EXPECT_EQ(test, w->cmd->size, 0x608UL + 0x18);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c), 0U);			/* RunVertex */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0xc), w->vm_slot);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x14), wq->qctx->notifier->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x1c), get_unaligned_le32(ms + 0x40));
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x24), info);		/* buffer */
	KUNIT_EXPECT_NE(test, get_unaligned_le64(c + 0x2c), 0ULL);		/* scene */
	KUNIT_EXPECT_NE(test, get_unaligned_le64(c + 0x34), 0ULL);		/* kernel buf */
	KUNIT_EXPECT_NE(test, get_unaligned_le64(p1 + 0x10), 0ULL);		/* tilemap */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p1 + (g14 ? 0x18 : 0x20)),
			get_unaligned_le64(c + 0x464));				/* tpc */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x46c), 0x800ULL);		/* tpc_size */
	KUNIT_EXPECT_EQ(test, heapmeta >> 63, 1ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p1 + (g14 ? 0x48 : 0x58)),
			(heapmeta & ~BIT_ULL(63)) + 0x200);			/* layermeta */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p1 + (g14 ? 0x58 : 0x78)), preempt + 0x540);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(p1 + (g14 ? 0x68 : 0x88)),
			(preempt + 0x7c0) | 0x4000000000000ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x490 + 0x1c), preempt);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x14), info);		/* StartVertex */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x1c), get_unaligned_le64(c + 0x2c));
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x40), 0x200ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x48), 0x1e3ce508U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x40 + (g14 ? 0x70 : 0x90)), ctrl);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x40 + (g14 ? 0xa8 : 0xe0)), T_USC_BASE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x40 + (g14 ? 0xd0 : 0x118)), 0x1cU);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x40 + 0xa8), g14 ? 0U : 0xa041U);
	/* G13: the core-mask registers at 0x68 (all 8 cores of the simulated M1) */
	if (!g14)
		KUNIT_EXPECT_EQ(test, get_unaligned_le32(p1 + 0x68), 0xffU);
	/* 2x2 tiles in 4x4-tile macrotiles, 32x32 utiles */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3c4), 0x14U);		/* rgn_size */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3c8), 0x88U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(c + 0x3d0), 63U);		/* x_max */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3d4), 0x1001U);		/* te_screen */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3d8), 0x10100cU);	/* te_mtile1 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3ec), 0x8000U);		/* unk_28 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x474), w->microseq->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x47c), w->microseq_size);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x530 + 0x14), U32_MAX);	/* unk_mask */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x56c + 0x14), w->value);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x56c + 0x18), (u32)wq->slot);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x04), va + 0x3c4);	/* tiling */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x0c), va + 0x40);	/* params1 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x54), va + 0x488);	/* pointee */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x5c), va + 0x59c);	/* unk_buf_0 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ms + 0x188), 1U);		/* no clusters */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x18c + 4 + 0x2c), va + 0x488);
}

/* The RunFragment of the same render (fw/fragment.rs), and its Start/FinalizeFragment. */
static void t_run_fragment_bytes(struct kunit *test, struct agx_fw_wq *wq, bool g14)
{
	struct agx_fw_work *w = t_nth_work(test, wq, 1);	/* after the barrier */
	const u8 *c = w->cmd->cpu, *ms = w->microseq->cpu, *fin = ms + 0x1ac + 4;
	u64 va = w->cmd->gpu_va;

	KUNIT_EXPECT_EQ(test, w->cmd->size, 0x96cUL + 0x18);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c), 1U);			/* RunFragment */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x14), w->microseq->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x20), wq->qctx->notifier->gpu_va);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x50), 1U);		/* samples */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x78), 4ULL);		/* tile_count */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x80), 0xa000U);		/* utile_config */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x80 + (g14 ? 0x170 : 0x140)), T_USC_BASE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x80 + (g14 ? 0x178 : 0x148)), 0x8c60ULL);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x80 + 0x60), g14 ? 0x4040404ULL : 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x80 + 0x38), 64U);	/* aux width */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3c8 + 0x28), 0x1001U);	/* tile_counts */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3c8 + 0x34), g14 ? 0U : 0x400U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x3c8 + 0x3c), 1U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x4b8 + 0x1a0), g14 ? 0x4040404ULL : 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x4b8 + 0x290), 8U);	/* sample_size */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x8c0), 1U);	/* no clear textures */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(c + 0x8d0 + 0x14), w->value);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(c + 0x910), 1ULL);		/* unk_buf_10 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x04), va + 0x3c8);	/* params2 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x0c), va + 0x80);	/* params1 */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x24), va + 0x888);	/* busy_flag */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x34), va + 0x8c8);	/* pointee */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x44), va);		/* work_item */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(ms + 0x6c), va + 0x770);	/* 758 flag */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(fin), 0x25U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(fin + 0x2c), 1ULL);		/* unk_2c */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(fin + 0x3c), va + 0x8c8);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(fin + 0x54), va);
}

/* RunVertex and RunFragment of one render on G13 and on G14 (two forms of their params). */
static void agx_fw_run_render_layout(struct kunit *test)
{
	static const enum agx_gpu_gen gens[] = { AGX_GEN_G13, AGX_GEN_G14 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gens); i++) {
		struct t_env *e = t_env(test, gens[i], AGX_FW_VERSION(13, 5, 0), 0, true);
		struct agx_queue *q = t_queue(test, e, 0, 0);
		u64 ctrl = t_ctrl(e, 0, AGX_SIMQ_DELAY_US, 1, 0);
		struct dma_fence *f = t_submit(test, q, AGX_JOB_RENDER, ctrl, NULL);
		struct agx_fw_wq *vtx = t_slot_owner(e, 0), *frag = t_slot_owner(e, 1);

		KUNIT_ASSERT_TRUE(test, vtx && frag);
		KUNIT_EXPECT_EQ(test, vtx->pipe, (u32)AGX_PIPE_VTX);
		t_run_vertex_bytes(test, vtx, ctrl, gens[i] == AGX_GEN_G14,
				   t_init_buffer_bytes(test, vtx));
		t_run_fragment_bytes(test, frag, gens[i] == AGX_GEN_G14);
		agx_fw_wq_put(vtx);
		agx_fw_wq_put(frag);
		agx_sim_step(e->sim, 8);
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, f));
		agx_queue_destroy(q);
		t_no_violations(test, e);
		t_env_fini(e);
	}
}

/*
 * Submit a render on a single-stepped G13 simulator, let @corrupt change the pending
 * command @n of the work queue on event slot @slot before the firmware starts it, run it:
 * the simulator must count a violation (the job still completes).
 */
static void t_render_violation(struct kunit *test, unsigned int slot, unsigned int n,
			       void (*corrupt)(struct agx_fw_work *w))
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct dma_fence *f = t_submit(test, q, AGX_JOB_RENDER, 0, NULL);
	struct agx_fw_wq *wq = t_slot_owner(e, slot);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	WRITE_ONCE(agx_sim_config(e->sim)->expect_violations, true);
	corrupt(t_nth_work(test, wq, n));
	agx_fw_wq_put(wq);
	agx_sim_step(e->sim, 8);
	t_wait(test, f);
	KUNIT_EXPECT_GE(test, atomic_read(&agx_sim_get_counters(e->sim)->violations), 1);
	agx_queue_destroy(q);
	t_env_fini(e);
}

static void t_move_busy_flag(struct agx_fw_work *w)
{
	struct agx_fw_op_start_fragment *sf = w->microseq->cpu;

	sf->busy_flag += sizeof(u32);
}

static void t_stale_frag_stamp(struct agx_fw_work *w)
{
	struct agx_fw_run_vertex *v = w->cmd->cpu;

	v->fragment_stamp_value = 0;
}

/*
 * Negative control: the simulator checks where StartFragment points. A busy_flag pointer
 * moved off its RunFragment's field (the fragment queue's second command, after the
 * barrier) is a violation.
 */
static void agx_fw_render_ptrs_checked(struct kunit *test)
{
	t_render_violation(test, 1, 1, t_move_busy_flag);
}

static void t_move_frag_stats(struct agx_fw_work *w)
{
	struct agx_fw_op_start_fragment *sf = w->microseq->cpu;

	sf->stats -= sizeof(u32);	/* the GpuGlobalStatsFrag itself, not its stats */
}

/*
 * Negative control: the simulator checks that StartFragment points at InitData's
 * fragment statistics (the inner stats of GpuGlobalStatsFrag); four bytes off is a
 * violation.
 */
static void agx_fw_stats_ptr_checked(struct kunit *test)
{
	t_render_violation(test, 1, 1, t_move_frag_stats);
}

/*
 * Negative control: the simulator checks the fragment stamp a RunVertex names. A value
 * its slot has reached already is a violation.
 */
static void agx_fw_frag_stamp_checked(struct kunit *test)
{
	t_render_violation(test, 0, 1, t_stale_frag_stamp);
}

/* The InitBuffers the simulated firmware ran. */
static int t_init_buffers(struct t_env *e)
{
	return atomic_read(&agx_sim_get_counters(e->sim)->init_buffers);
}

/* A render of @w x @h pixels on @q, waited for: its fence error. */
static int t_render_wh(struct kunit *test, struct agx_queue *q, u16 w, u16 h)
{
	struct agx_job_desc d = { .type = AGX_JOB_RENDER, .render = t_geometry,
				  .usc_exec_base = T_USC_BASE };
	struct dma_fence *f;

	d.render.width_px = w;
	d.render.height_px = h;
	f = agx_queue_submit(q, &d);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "submit: %ld", PTR_ERR(f));
	return t_wait(test, f);
}

/* The end of a case with two queues: destroy them, no violation, the environment goes. */
static void t_done2(struct kunit *test, struct t_env *e, struct agx_queue *a,
		    struct agx_queue *b)
{
	agx_queue_destroy(a);
	agx_queue_destroy(b);
	t_no_violations(test, e);
	t_env_fini(e);
}

/*
 * A queue's TVB buffer is bound to a buffer-manager slot by one InitBuffer at its first
 * render and keeps the slot for the next: they need none. Another queue's buffer gets a
 * slot and an InitBuffer of its own.
 */
static void agx_fw_tvb_bind(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G14, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_queue *a = t_queue(test, e, 0, 0), *b = t_queue(test, e, 1, 0);
	unsigned int i;

	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 1, t_init_buffers(e));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, b, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 2, t_init_buffers(e));
	t_done2(test, e, a, b);
}

/*
 * With one slot, two queues' buffers take turns: each render after the other queue's
 * binds the slot again (the simulator checks that every RunVertex's slot holds its
 * buffer), and a render waits at submit while the other queue's render holds the slot.
 */
static void agx_fw_tvb_slot_shared(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_queue *a = t_queue(test, e, 0, 0), *b = t_queue(test, e, 1, 0);
	struct dma_fence *fa, *fb;

	WRITE_ONCE(e->gpu->bm.nslots, 1);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, b, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 3, t_init_buffers(e));
	/* a's render runs 50 ms: b's submit returns once a's render released the slot */
	fa = t_submit(test, a, AGX_JOB_RENDER, t_ctrl(e, 0, AGX_SIMQ_DELAY_US, 50000, 0), NULL);
	fb = t_submit(test, b, AGX_JOB_RENDER, 0, NULL);
	KUNIT_EXPECT_TRUE(test, dma_fence_is_signaled(fa));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, fa));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, fb));
	KUNIT_EXPECT_EQ(test, 4, t_init_buffers(e));
	t_done2(test, e, a, b);
}

/*
 * A buffer grows before a render: from the pages the firmware reported (100 pages: 75
 * blocks, three times what was used) and to a large render's minimum (4096x4096 pixels:
 * 16384 tiles, 128 blocks); each growth tells the firmware with an InitBuffer, whose
 * blocks the simulator checks are listed and mapped.
 */
static void agx_fw_tvb_grow(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_queue *q = t_queue(test, e, 0, 0);

	WRITE_ONCE(agx_sim_config(e->sim)->tvb_pages, 100);
	KUNIT_EXPECT_EQ(test, 0, t_render_wh(test, q, 64, 64));
	KUNIT_EXPECT_EQ(test, 1, t_init_buffers(e));
	KUNIT_EXPECT_EQ(test, 0, t_render_wh(test, q, 64, 64));	/* grows to 75 blocks */
	KUNIT_EXPECT_EQ(test, 2, t_init_buffers(e));
	KUNIT_EXPECT_EQ(test, 0, t_render_wh(test, q, 64, 64));	/* 50 needed: no growth */
	KUNIT_EXPECT_EQ(test, 2, t_init_buffers(e));
	KUNIT_EXPECT_EQ(test, 0, t_render_wh(test, q, 4096, 4096));
	KUNIT_EXPECT_EQ(test, 3, t_init_buffers(e));
	KUNIT_EXPECT_EQ(test, 0, t_render_wh(test, q, 4096, 4096));
	KUNIT_EXPECT_EQ(test, 3, t_init_buffers(e));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/*
 * GrowTVB: the firmware asks a render's buffer to grow at once (the simulator sends it
 * from the RunVertex, SIMQ GROW_TVB). The driver grows it by 10 blocks from a work item
 * and acknowledges with the request's slots and counter; the simulator sees the
 * acknowledgment with BlockControl raised. The render stalls until then, so its buffer
 * is still in its slot when the driver grows it: with the acknowledgment held back
 * (&agx_bm_slots.ack_gate), the render's fence stays unsignalled.
 */
static void agx_fw_tvb_sync_grow(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G14, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_sim_counters *ctr = agx_sim_get_counters(e->sim);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	u64 ctrl = t_ctrl(e, 0, AGX_SIMQ_GROW_TVB, 0, 0);
	struct agx_bm_slots *bm = &e->gpu->bm;
	DECLARE_COMPLETION_ONSTACK(gate);
	struct dma_fence *f;

	WRITE_ONCE(bm->ack_gate, &gate);
	f = t_submit(test, q, AGX_JOB_RENDER, ctrl, NULL);
	KUNIT_EXPECT_TRUE(test, t_poll(work_busy(&bm->grow_work) & WORK_BUSY_RUNNING));
	KUNIT_EXPECT_EQ_MSG(test, 0, dma_fence_wait_timeout(f, false, msecs_to_jiffies(100)),
			    "the render retired before its GrowTVB was acknowledged");
	complete_all(&gate);
	flush_work(&bm->grow_work);
	WRITE_ONCE(bm->ack_gate, NULL);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&ctr->grow_acks));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&ctr->tvb_grown));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_RENDER, 0, NULL)));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void t_wrong_buffer_slot(struct agx_fw_work *w)
{
	struct agx_fw_cmd_init_buffer *ib = w->cmd->cpu;

	ib->buffer_slot = (ib->buffer_slot + 1) % AGX_BM_SLOTS;
}

/*
 * Negative control: the simulator checks that a RunVertex's buffer-manager slot holds its
 * buffer. An InitBuffer that bound another slot (the vertex queue's first command) leaves
 * the RunVertex's slot stale: a violation.
 */
static void agx_fw_tvb_stale_slot_checked(struct kunit *test)
{
	t_render_violation(test, 0, 0, t_wrong_buffer_slot);
}

/* Remap the control streams' page @prot: invalidated, or with the TLB backend cut off. */
static void t_remap_ctrl_page(struct kunit *test, struct t_env *e, enum agx_prot prot,
			      bool invalidate)
{
	struct agx_mmu *mmu = e->gpu->mmu;

	mutex_lock(&mmu->slot_lock);
	mmu->tlb_detached = !invalidate;
	mutex_unlock(&mmu->slot_lock);
	KUNIT_EXPECT_EQ(test, 0, agx_vm_remap(e->vm[0], T_BUF_VA + AGX_UAT_PGSZ, AGX_UAT_PGSZ,
					      prot));
	mutex_lock(&mmu->slot_lock);
	mmu->tlb_detached = false;
	mutex_unlock(&mmu->slot_lock);
}

/*
 * The shadow TLB: the firmware reads a job's control stream through a VM slot. Its page
 * made read-only with an invalidation, the next job's read is no violation. Made
 * writable again without one (the MMU's TLB backend cut off, as after a device loss),
 * the next job reads through the new translation where a real GPU could still use the
 * old one: after the grace the simulator reports the stale entry, one violation.
 */
static void agx_fw_tlb_stale_checked(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_sim_counters *ctr = agx_sim_get_counters(e->sim);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	u64 ctrl = t_ctrl(e, 0, AGX_SIMQ_DELAY_US, 1, 0);

	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, ctrl, NULL)));
	t_remap_ctrl_page(test, e, AGX_PROT_GPU_SHARED_RO, true);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, ctrl, NULL)));
	msleep(300);	/* past the grace */
	t_no_violations(test, e);
	WRITE_ONCE(agx_sim_config(e->sim)->expect_violations, true);
	t_remap_ctrl_page(test, e, AGX_PROT_GPU_SHARED_RW, false);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, ctrl, NULL)));
	KUNIT_EXPECT_TRUE(test, t_poll(atomic_read(&ctr->violations) == 1));
	agx_queue_destroy(q);
	t_env_fini(e);
}

/* Negative control: the simulator catches a ring write pointer outside the ring. */
static void agx_fw_ring_wptr_checked(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct dma_fence *f = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL);
	struct agx_fw_ring_state *rs;
	struct agx_fw_wq *wq;
	u32 wptr;

	wq = t_ring_owner(e);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	rs = wq->state->cpu;
	wptr = READ_ONCE(rs->cpu_wptr);
	WRITE_ONCE(agx_sim_config(e->sim)->expect_violations, true);
	WRITE_ONCE(rs->cpu_wptr, AGX_WQ_SIZE + 3);
	agx_sim_kick(e->sim);
	msleep(100);
	KUNIT_EXPECT_GE(test, atomic_read(&agx_sim_get_counters(e->sim)->violations), 1);
	/* a sane pointer again: the queue runs */
	WRITE_ONCE(rs->cpu_wptr, wptr);
	agx_fw_wq_put(wq);
	agx_sim_step(e->sim, 4);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f));
	agx_queue_destroy(q);
	t_env_fini(e);
}

static void agx_fw_stamp_math(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1, agx_stamp_delta(0x0, 0xffffff00));
	KUNIT_EXPECT_EQ(test, -1, agx_stamp_delta(0xffffff00, 0x0));
	KUNIT_EXPECT_TRUE(test, agx_stamp_reached(0x100, 0xffffff00));
	KUNIT_EXPECT_FALSE(test, agx_stamp_reached(0xffffff00, 0x100));
	KUNIT_EXPECT_EQ(test, 127, agx_stamp_delta(127 * 0x100 + 0x80, 0x80));
}

/* Stamps that wrap around during the test: jobs keep completing, in order. */
static void agx_fw_stamp_wrap(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 20, false);
	struct agx_fw_stamp *s = e->gpu->ev.stamps->cpu, *fs = e->gpu->ev.fw_stamps->cpu;
	struct agx_queue *q;
	int i;

	for (i = 0; i < AGX_NUM_EVENTS; i++) {
		WRITE_ONCE(s[i].value, 0xfffff000);
		WRITE_ONCE(fs[i].value, 0xfffff000);
	}
	q = t_queue(test, e, 0, 0);
	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, i % 2 ? AGX_JOB_RENDER :
							       AGX_JOB_COMPUTE, 0, NULL)));
	KUNIT_EXPECT_LT(test, READ_ONCE(s[0].value) + READ_ONCE(s[1].value) +
			READ_ONCE(s[2].value), 0x10000U);
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* Back-pressure */

static void agx_fw_job_slots(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct agx_fw_wq *wq = NULL;
	struct dma_fence **f;
	int i, n = 200;

	f = kunit_kcalloc(test, n, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	for (i = 0; i < n; i++)
		f[i] = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL);
	/* the firmware is paused: at most 127 jobs in the ring, the rest wait in prepare */
	wq = t_slot_owner(e, 0);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	t_poll(READ_ONCE(wq->nr_pending) >= AGX_MAX_JOB_SLOTS);
	msleep(100);	/* time for one too many to get in */
	KUNIT_EXPECT_EQ(test, AGX_MAX_JOB_SLOTS, (int)READ_ONCE(wq->nr_pending));
	agx_fw_wq_put(wq);
	agx_sim_config(e->sim)->single_step = false;
	agx_sim_kick(e->sim);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, f[i]));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* Ring room: a job needing more entries than are free waits for the oldest command. */
static void agx_fw_ring_full(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct dma_fence *f = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL), *w;
	struct agx_fw_wq *wq;

	wq = t_ring_owner(e);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_EXPECT_NULL(test, agx_fw_wq_can_submit(wq, 1, wq->next_value));
	/* the whole ring: 0x500 entries never fit (one stays empty): wait for the oldest */
	w = agx_fw_wq_can_submit(wq, AGX_WQ_SIZE, wq->next_value);
	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_EXPECT_FALSE(test, dma_fence_is_signaled(w));
	dma_fence_put(w);
	/* 128 stamp steps in flight: more than the 127 job slots */
	w = agx_fw_wq_can_submit(wq, 1, wq->next_value + 127 * AGX_STAMP_STEP);
	KUNIT_ASSERT_NOT_NULL(test, w);
	dma_fence_put(w);
	agx_fw_wq_put(wq);
	agx_sim_step(e->sim, 4);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

struct t_slot_work {
	struct work_struct work;
	struct kunit *test;
	struct agx_queue *q;
	struct dma_fence *f;
};

static void t_slot_submit(struct work_struct *work)
{
	struct t_slot_work *w = container_of(work, struct t_slot_work, work);
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE };

	w->f = agx_queue_submit(w->q, &d);
}

/* More queues than event slots: the extra submitters wait, then complete. */
static void agx_fw_event_slots(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	const int n = AGX_NUM_EVENTS + 4;
	struct t_slot_work *w;
	int i;

	w = kunit_kcalloc(test, n, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < n; i++) {
		w[i].q = t_queue(test, e, i % 2, 0);
		INIT_WORK(&w[i].work, t_slot_submit);
		queue_work(system_unbound_wq, &w[i].work);
	}
	KUNIT_EXPECT_TRUE(test, t_poll(atomic_read(&e->gpu->ev.waiters) >= 1));
	agx_sim_config(e->sim)->single_step = false;
	agx_sim_kick(e->sim);
	for (i = 0; i < n; i++) {
		flush_work(&w[i].work);
		KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(w[i].f));
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, w[i].f));
	}
	for (i = 0; i < n; i++)
		agx_queue_destroy(w[i].q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* Faults, timeouts, channel errors, crash */

static void agx_fw_fault_own_and_other_vm(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	struct agx_queue *a = t_queue(test, e, 0, 0), *b = t_queue(test, e, 1, 0);
	struct dma_fence *victim, *bad;

	/* long enough to be running when the fault comes, on a loaded host too */
	victim = t_submit(test, b, AGX_JOB_COMPUTE,
			  t_ctrl(e, 1, AGX_SIMQ_DELAY_US, 1500000, 0), NULL);
	KUNIT_EXPECT_TRUE(test, t_poll(t_any_in_ring(e)));
	msleep(50);	/* the firmware thread has started it */
	bad = t_submit(test, a, AGX_JOB_RENDER,
		       t_ctrl(e, 0, AGX_SIMQ_FAULT_WRITE, 0, T_UNMAPPED_VA), NULL);
	KUNIT_EXPECT_EQ(test, -EIO, t_wait(test, bad));
	KUNIT_EXPECT_EQ(test, -ECANCELED, t_wait(test, victim));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&e->gpu->stats.faults));
	/* recovered: both queues run again */
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, b, AGX_JOB_COMPUTE, 0, NULL)));
	agx_queue_destroy(a);
	agx_queue_destroy(b);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_timeout_recovery(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	u64 ctrl = t_ctrl(e, 0, AGX_SIMQ_HANG, 0, 0);

	KUNIT_EXPECT_EQ(test, -ETIMEDOUT,
			t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, ctrl, NULL)));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&e->gpu->stats.timeouts));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_RENDER, 0, NULL)));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_channel_error(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	u64 ctrl = t_ctrl(e, 0, AGX_SIMQ_CHANNEL_ERROR, AGX_CHANNEL_ERR_DMKILL, 0);

	KUNIT_EXPECT_EQ(test, -EIO, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, ctrl, NULL)));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&e->gpu->stats.channel_errors));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL)));
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_devctl_bounded(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_fw_devctl_msg m = {
		.tag = e->gpu->layout->devctl_grow_tvb_ack,
		.grow_ack.unk_4 = 1,	/* as gpu.rs ack_grow() */
	};
	unsigned long t0 = jiffies;

	WRITE_ONCE(agx_sim_config(e->sim)->stall_devctl, true);
	KUNIT_EXPECT_EQ(test, -ETIMEDOUT, agx_gpu_devctl(e->gpu, &m));
	KUNIT_EXPECT_LT(test, jiffies - t0, 3 * HZ);
	WRITE_ONCE(agx_sim_config(e->sim)->stall_devctl, false);
	agx_gpu_doorbell(e->gpu, AGX_DOORBELL_DEVCTRL);
	msleep(50);
	KUNIT_EXPECT_EQ(test, 0, agx_gpu_devctl(e->gpu, &m));
	t_no_violations(test, e);
	t_env_fini(e);
}

static void agx_fw_crash(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 20000, false);
	struct agx_queue *a = t_queue(test, e, 0, 0), *b = t_queue(test, e, 1, 0);
	struct dma_fence *f1, *f2, *f3, *f;

	f1 = t_submit(test, b, AGX_JOB_RENDER, 0, NULL);
	f2 = t_submit(test, b, AGX_JOB_COMPUTE, 0, NULL);
	f3 = t_submit(test, a, AGX_JOB_COMPUTE, t_ctrl(e, 0, AGX_SIMQ_CRASH, 0, 0), NULL);
	KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, f3));
	KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, f1));
	KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, f2));
	KUNIT_EXPECT_TRUE(test, agx_gpu_is_crashed(e->gpu));
	f = agx_queue_submit(a, &(struct agx_job_desc){ .type = AGX_JOB_COMPUTE });
	KUNIT_EXPECT_EQ(test, -ENODEV, PTR_ERR_OR_ZERO(f));
	agx_queue_destroy(a);
	agx_queue_destroy(b);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* Teardown */

static void agx_fw_destroy_inflight(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *q = t_queue(test, e, 0, 0), *other = t_queue(test, e, 1, 0);
	struct dma_fence *blocker, *ring[4], *unsched, *queued;
	int destroyed = atomic_read(&agx_sim_get_counters(e->sim)->contexts_destroyed);
	int i;

	/* in the firmware ring (renders: fragment blocked on its barrier) */
	for (i = 0; i < 4; i++)
		ring[i] = t_submit(test, q, AGX_JOB_RENDER, 0, NULL);
	msleep(100);
	agx_sim_step(e->sim, 2);	/* vertex of the first render only */
	msleep(100);
	/* unscheduled: waits for a job of another queue the firmware has not run */
	blocker = t_submit(test, other, AGX_JOB_COMPUTE, 0, NULL);
	unsched = t_submit(test, q, AGX_JOB_COMPUTE, 0, blocker);
	queued = t_submit(test, q, AGX_JOB_RENDER, 0, NULL);
	agx_queue_destroy(q);
	agx_sim_config(e->sim)->single_step = false;
	agx_sim_kick(e->sim);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, 0, t_wait(test, ring[i]));
	KUNIT_EXPECT_EQ(test, -ECANCELED, t_wait(test, unsched));
	KUNIT_EXPECT_EQ(test, -ECANCELED, t_wait(test, queued));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, blocker));
	agx_queue_destroy(other);
	flush_workqueue(e->gpu->wq);
	msleep(100);
	flush_workqueue(e->gpu->wq);
	KUNIT_EXPECT_GE(test, atomic_read(&agx_sim_get_counters(e->sim)->contexts_destroyed),
			destroyed + 2);
	t_no_violations(test, e);
	t_env_fini(e);
}

KUNIT_DEFINE_ACTION_WRAPPER(t_fence_put, dma_fence_put, struct dma_fence *);

/* @fence in a one-fence dma_fence_array, put when the test ends; borrowed by the caller. */
static struct dma_fence *t_wrap_fence(struct kunit *test, struct dma_fence *fence)
{
	struct dma_fence **fences = kmalloc_array(1, sizeof(*fences), GFP_KERNEL);
	struct dma_fence_array *array;

	KUNIT_ASSERT_NOT_NULL(test, fences);
	fences[0] = dma_fence_get(fence);
	array = dma_fence_array_create(1, fences, dma_fence_context_alloc(1), 1, false);
	if (!array) {
		dma_fence_put(fences[0]);
		kfree(fences);
	}
	KUNIT_ASSERT_NOT_NULL(test, array);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, t_fence_put, &array->base), 0);
	return &array->base;
}

/* The firmware starts no command until t_release() (single step, no steps granted). */
static void t_hold(struct t_env *e)
{
	WRITE_ONCE(agx_sim_config(e->sim)->single_step, true);
}

static void t_release(struct t_env *e)
{
	msleep(50);	/* the job queue has run job 1 (its commands are in the ring) */
	WRITE_ONCE(agx_sim_config(e->sim)->single_step, false);
	agx_sim_kick(e->sim);
}

/* asahi-agx-driver.md §2.7: threshold at submit deadlocks, at run time it does not. */
static void agx_fw_notifier_threshold(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct dma_fence *f1, *f2, *wrapped;

	/*
	 * Both jobs are submitted while the firmware holds its commands (single step), so
	 * job 1 never completes before job 2 is submitted, which would hide the deadlock.
	 */
	/* the fixed driver */
	t_hold(e);
	f1 = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL);
	f2 = t_submit(test, q, AGX_JOB_COMPUTE, 0, f1);
	t_release(e);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f2));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f1));
	agx_queue_destroy(q);

	/*
	 * The regression: job 2 depends on job 1, whose completion waits for job 2. The
	 * dependency comes wrapped, as a timeline syncobj hands it over (a container of another
	 * fence context): the job queue drops a bare dependency on an earlier job of the same
	 * queue, but cannot see through a container.
	 */
	e->gpu->threshold_at_submit = true;
	q = t_queue(test, e, 0, 0);
	t_hold(e);
	f1 = t_submit(test, q, AGX_JOB_COMPUTE, 0, NULL);
	wrapped = t_wrap_fence(test, f1);
	f2 = t_submit(test, q, AGX_JOB_COMPUTE, 0, wrapped);
	t_release(e);
	KUNIT_EXPECT_EQ(test, 0L, dma_fence_wait_timeout(f1, false, HZ / 2));
	KUNIT_EXPECT_GE(test, atomic_read(&agx_sim_get_counters(e->sim)->held), 1);
	/* unwedge: the simulator stops gating */
	WRITE_ONCE(agx_sim_config(e->sim)->notifier_always, true);
	agx_sim_kick(e->sim);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f1));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, f2));
	e->gpu->threshold_at_submit = false;
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* Issue 14: garbage of the cached pools, the timeout backstop, unbind with work in flight */

static unsigned int gc_jobs = 100000;
module_param(gc_jobs, uint, 0644);
MODULE_PARM_DESC(gc_jobs, "agx_fw_gc_long_queue: render jobs to run on one queue (at most)");
static unsigned int gc_seconds = 60;
module_param(gc_seconds, uint, 0644);
MODULE_PARM_DESC(gc_seconds, "agx_fw_gc_long_queue: time budget (s); 0 runs every gc_jobs");

#define T_GC_MIN_JOBS	1000	/* ~2.4x the jobs whose garbage crosses the threshold */
#define T_GC_INFLIGHT	32
#define T_GC_SLACK	512	/* objects freed between two builds (in flight x per job) */
#define T_GC_MID	512	/* warm: the heap may not grow by more than a block after it */

struct t_pool_use {
	u64 heap;		/* bytes of the heap handed out so far (backing blocks) */
	u64 garbage_bytes;
	unsigned int garbage;
	unsigned int live;
};

static void t_pool_use(struct agx_mmu *mmu, enum agx_pool_id id, struct t_pool_use *u)
{
	struct agx_pool *pool = &mmu->pools[id];

	mutex_lock(&pool->lock);
	u->heap = pool->top - pool->start;
	u->garbage_bytes = pool->garbage_bytes;
	u->garbage = pool->garbage_count;
	u->live = pool->live;
	mutex_unlock(&pool->lock);
}

/*
 * One long-lived queue: its freed commands must be collected while it lives (at command
 * build, when a pool's garbage passes the threshold), so gpu_ro usage stays flat.
 */
static void agx_fw_gc_long_queue(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, false);
	struct agx_queue *q = t_queue(test, e, 0, 0);
	struct dma_fence *f[T_GC_INFLIGHT] = {};
	struct t_pool_use u, mid = {}, first;
	unsigned int n, i, max_garbage = 0;
	u64 deadline = ktime_get_ns() + (u64)gc_seconds * NSEC_PER_SEC;
	u64 t0 = ktime_get_ns();

	t_pool_use(e->gpu->mmu, AGX_POOL_GPU_RO, &first);
	for (n = 0; n < gc_jobs; n++) {
		if (n >= T_GC_MIN_JOBS && gc_seconds && ktime_get_ns() > deadline)
			break;
		if (f[n % T_GC_INFLIGHT])
			KUNIT_ASSERT_EQ(test, 0, t_wait(test, f[n % T_GC_INFLIGHT]));
		f[n % T_GC_INFLIGHT] = t_submit(test, q, AGX_JOB_RENDER, 0, NULL);
		if (n % 64)
			continue;
		t_pool_use(e->gpu->mmu, AGX_POOL_GPU_RO, &u);
		max_garbage = max(max_garbage, u.garbage);
		if (n == T_GC_MID)
			mid = u;
	}
	for (i = 0; i < T_GC_INFLIGHT; i++)
		if (f[i])
			KUNIT_EXPECT_EQ(test, 0, t_wait(test, f[i]));
	flush_workqueue(e->gpu->wq);
	t_pool_use(e->gpu->mmu, AGX_POOL_GPU_RO, &u);
	max_garbage = max(max_garbage, u.garbage);
	kunit_info(test, "gc: %u render jobs on one queue in %llu ms: gpu_ro heap %llu KiB at start, %llu KiB after %u jobs, %llu KiB at the end (%lld bytes/job); garbage at most %u objects, at the end %u (%llu KiB), %u live\n",
		   n, (ktime_get_ns() - t0) / NSEC_PER_MSEC,
		   first.heap >> 10, mid.heap >> 10, T_GC_MID, u.heap >> 10,
		   (s64)(u.heap - first.heap) / (s64)max(n, 1U), max_garbage, u.garbage,
		   u.garbage_bytes >> 10, u.live);
	/* pool usage bounded by the threshold, heap flat once warm */
	KUNIT_EXPECT_LE(test, max_garbage, AGX_GC_MAX_OBJECTS + T_GC_SLACK);
	KUNIT_EXPECT_LE(test, u.heap, mid.heap + SZ_1M);
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/*
 * A firmware that is alive but wedged (halted after a timeout, never resuming): the job
 * queue's backstop fails each job after a bounded number of re-arms, with -ETIMEDOUT.
 */
static void agx_fw_backstop_timeout(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 100, false);
	const unsigned int ms = 200, rearms = 2;
	struct dma_fence *hung, *behind;
	struct agx_queue *q;
	unsigned long t0;
	long t;

	e->gpu->job_timeout_ms = ms;
	e->gpu->job_timeout_rearms = rearms;
	WRITE_ONCE(agx_sim_config(e->sim)->no_recovery, true);
	q = t_queue(test, e, 0, 0);
	t0 = jiffies;
	hung = t_submit(test, q, AGX_JOB_COMPUTE, t_ctrl(e, 0, AGX_SIMQ_HANG, 0, 0), NULL);
	behind = t_submit(test, q, AGX_JOB_RENDER, 0, NULL);
	t = dma_fence_wait_timeout(hung, false, msecs_to_jiffies(20 * ms * (rearms + 1)));
	KUNIT_EXPECT_GT_MSG(test, t, 0, "the wedged job's fence never signalled");
	if (t > 0) {
		KUNIT_EXPECT_EQ(test, -ETIMEDOUT, hung->error);
		/* not before the timer expired 1 + rearms times */
		KUNIT_EXPECT_GE(test, jiffies_to_msecs(jiffies - t0), ms * (rearms + 1));
	}
	/* the firmware did see the hang (and halted for good): the wedge is real */
	for (t = 0; t < 50 && !atomic_read(&e->gpu->stats.timeouts); t++)
		msleep(100);
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&e->gpu->stats.timeouts));
	t = dma_fence_wait_timeout(behind, false, msecs_to_jiffies(20 * ms * (rearms + 1)));
	KUNIT_EXPECT_GT_MSG(test, t, 0, "the job behind it never signalled");
	if (t > 0)
		KUNIT_EXPECT_EQ(test, -ETIMEDOUT, behind->error);
	dma_fence_put(hung);
	dma_fence_put(behind);
	agx_queue_destroy(q);
	t_no_violations(test, e);
	t_env_fini(e);
}

/* A fence of the test's own (the shared test backend's), signalled when the test says so. */
static struct dma_fence *t_fence(struct kunit *test)
{
	struct dma_fence *f = jq_test_fence_create();

	KUNIT_ASSERT_NOT_NULL(test, f);
	return f;
}

/* No event slot may stay owned once every queue is gone and the work items ran. */
static void t_no_slot_owned(struct kunit *test, struct agx_gpu *gpu)
{
	unsigned int i;

	flush_workqueue(gpu->wq);
	for (i = 0; i < AGX_NUM_EVENTS; i++) {
		struct agx_fw_wq *wq = agx_event_owner(gpu, i);

		KUNIT_EXPECT_NULL_MSG(test, wq, "event slot %u still owned", i);
		agx_fw_wq_put(wq);
	}
}

/*
 * Unbind the device (agx_sim_destroy()) while queues hold jobs in the firmware ring and
 * jobs waiting for them: every fence signals with -ENODEV, the queues refuse new work and
 * can still be destroyed, and nothing touches the freed device (KASAN). Then a new device
 * binds and runs jobs.
 */
static void agx_fw_unbind_inflight(struct kunit *test)
{
	struct t_env *e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 0, true);
	struct agx_queue *a = t_queue(test, e, 0, 0), *b = t_queue(test, e, 1, 1);
	struct dma_fence *ring[4], *waiting, *queued, *built, *gate, *f;
	int i;

	for (i = 0; i < 4; i++)
		ring[i] = t_submit(test, a, i % 2 ? AGX_JOB_COMPUTE : AGX_JOB_RENDER, 0, NULL);
	msleep(100);
	agx_sim_step(e->sim, 1);	/* the firmware starts the first command */
	waiting = t_submit(test, b, AGX_JOB_COMPUTE, 0, ring[3]);
	queued = t_submit(test, b, AGX_JOB_RENDER, 0, NULL);
	/* built on a's compute work queue, which has commands in the ring; never run */
	gate = t_fence(test);
	built = t_submit(test, a, AGX_JOB_COMPUTE, 0, gate);
	msleep(50);
	agx_sim_destroy(e->sim);	/* unbind: remove() runs with all of this in flight */
	e->sim = NULL;
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, ring[i]));
	KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, waiting));
	KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, queued));
	/* cancelled once its dependency signals: its work queue must still go idle */
	dma_fence_signal(gate);
	dma_fence_put(gate);
	KUNIT_EXPECT_EQ(test, -ENODEV, t_wait(test, built));
	f = agx_queue_submit(a, &(struct agx_job_desc){ .type = AGX_JOB_COMPUTE });
	KUNIT_EXPECT_EQ(test, -ENODEV, PTR_ERR_OR_ZERO(f));
	KUNIT_EXPECT_EQ(test, -ENODEV, PTR_ERR_OR_ZERO(agx_queue_create(e->gpu, e->heap[0], 0)));
	agx_queue_destroy(a);
	agx_queue_destroy(b);
	t_no_slot_owned(test, e->gpu);
	t_env_fini(e);		/* the VMs: the environment's GPU reference keeps their MMU */

	/* rebind */
	e = t_env(test, AGX_GEN_G13, AGX_FW_VERSION(13, 5, 0), 50, false);
	a = t_queue(test, e, 0, 0);
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_RENDER, 0, NULL)));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, t_submit(test, a, AGX_JOB_COMPUTE, 0, NULL)));
	agx_queue_destroy(a);
	t_no_violations(test, e);
	t_env_fini(e);
}

static struct kunit_case agx_fw_cases[] = {
	KUNIT_CASE(agx_fw_stamp_math),
	KUNIT_CASE(agx_fw_render),
	KUNIT_CASE(agx_fw_compute),
	KUNIT_CASE(agx_fw_mixed_cross_queue),
	KUNIT_CASE(agx_fw_versions),
	KUNIT_CASE(agx_fw_f32_math),
	KUNIT_CASE(agx_fw_initdata_layout),
	KUNIT_CASE(agx_fw_initdata_checked),
	KUNIT_CASE(agx_fw_queue_info_layout),
	KUNIT_CASE(agx_fw_microseq_layout),
	KUNIT_CASE(agx_fw_run_compute_layout),
	KUNIT_CASE(agx_fw_preempt_freed_checked),
	KUNIT_CASE(agx_fw_run_render_layout),
	KUNIT_CASE(agx_fw_render_ptrs_checked),
	KUNIT_CASE(agx_fw_frag_stamp_checked),
	KUNIT_CASE(agx_fw_stats_ptr_checked),
	KUNIT_CASE(agx_fw_tvb_bind),
	KUNIT_CASE(agx_fw_tvb_slot_shared),
	KUNIT_CASE(agx_fw_tvb_grow),
	KUNIT_CASE(agx_fw_tvb_sync_grow),
	KUNIT_CASE(agx_fw_tvb_stale_slot_checked),
	KUNIT_CASE(agx_fw_tlb_stale_checked),
	KUNIT_CASE(agx_fw_ring_wptr_checked),
	KUNIT_CASE(agx_fw_stamp_wrap),
	KUNIT_CASE_SLOW(agx_fw_job_slots),
	KUNIT_CASE(agx_fw_ring_full),
	KUNIT_CASE_SLOW(agx_fw_event_slots),
	KUNIT_CASE(agx_fw_fault_own_and_other_vm),
	KUNIT_CASE(agx_fw_timeout_recovery),
	KUNIT_CASE(agx_fw_channel_error),
	KUNIT_CASE(agx_fw_devctl_bounded),
	KUNIT_CASE(agx_fw_crash),
	KUNIT_CASE(agx_fw_destroy_inflight),
	KUNIT_CASE(agx_fw_notifier_threshold),
	KUNIT_CASE_SLOW(agx_fw_gc_long_queue),
	KUNIT_CASE(agx_fw_backstop_timeout),
	KUNIT_CASE(agx_fw_unbind_inflight),
	{}
};

static struct kunit_suite agx_fw_suite = {
	.name = "agx_fw",
	.test_cases = agx_fw_cases,
};

kunit_test_suite(agx_fw_suite);

MODULE_DESCRIPTION("agx.ko firmware submission path tests on the simulated firmware");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_IMPORT_NS(JQ_TEST_HW);
