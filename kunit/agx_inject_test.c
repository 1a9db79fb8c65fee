// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx simulator injection tests
 *
 * KUnit suite ``agx_inject``: each case turns one injection knob of the simulated firmware
 * (&struct agx_sim_cfg: ``fault_every``, ``hang_every``, ``chanerr_every``, ``crash_after``,
 * ``stall_pipes``, ``no_recovery``) on a simulated GPU of its own and checks what the driver
 * makes of it: the fence error of every job, the driver's and the simulator's counters, and
 * that the simulator saw no violation. Jobs are submitted one at a time and waited for, so
 * the Nth command is the Nth job and every outcome is deterministic.
 *
 * ``agx_inject_fault_codes`` checks the FAULT_INFO the simulator raises for each kind of
 * page-table fault, decoded as the Asahi driver does (regs.rs get_fault_info()): reason
 * (Unmapped, AfFault, WriteOnly, ReadOnly, NoAccess), level, read bit, unit, VM slot and
 * address.
 *
 * Not covered yet: ``hang_every`` with ``no_recovery``. The firmware then never retires the
 * hung command and only the job queue's timeout can end the job; agx.ko's timedout_job
 * re-arms the timer for ever until the bounded backstop (driver/queue, in progress) lands.
 */

#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/dma-fence.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>
#include <agx/fw/workqueue.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"

#define T_BUF_VA	0x1000000ULL	/* page 0: attachments, page 1: control streams */
#define T_RO_VA		0x2000000ULL	/* GPU read-only */
#define T_WO_VA		0x3000000ULL	/* GPU write-only */
#define T_AF_VA		0x4000000ULL	/* read/write, access flag cleared by the test */
#define T_UNMAPPED_VA	0x7000000ULL
#define T_PAGES		5
#define T_WAIT		(20 * HZ)

struct t_env {
	struct agx_sim *sim;
	struct agx_gpu *gpu;
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct page *pages[T_PAGES];
	u64 vas[T_PAGES];
	unsigned int nctrl;
};

static void t_env_fini(struct t_env *e)
{
	unsigned int i;

	if (e->gpu)
		flush_workqueue(e->gpu->wq);
	if (!IS_ERR_OR_NULL(e->heap))
		agx_heap_put(e->heap);
	for (i = 0; !IS_ERR_OR_NULL(e->vm) && i < T_PAGES; i++) {
		if (!e->pages[i])
			continue;
		agx_vm_unmap(e->vm, e->vas[i], AGX_UAT_PGSZ);
		__free_pages(e->pages[i], get_order(AGX_UAT_PGSZ));
	}
	if (!IS_ERR_OR_NULL(e->vm))
		agx_vm_put(e->vm);
	agx_sim_destroy(e->sim);
}

static void t_map(struct kunit *test, struct t_env *e, unsigned int i, u64 va,
		  enum agx_prot prot)
{
	e->pages[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_UAT_PGSZ));
	KUNIT_ASSERT_NOT_NULL(test, e->pages[i]);
	e->vas[i] = va;
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(e->vm, va, page_to_phys(e->pages[i]),
					    AGX_UAT_PGSZ, prot));
}

/* A simulated GPU with @cfg's knobs (latency 100 us), one VM and its buffers. */
static struct t_env *t_env(struct kunit *test, struct agx_sim_cfg *cfg)
{
	struct t_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	cfg->gen = AGX_GEN_G13;
	cfg->fw_version = AGX_FW_VERSION(13, 5, 0);
	cfg->debug_alloc = true;
	cfg->latency_us = 100;
	e->sim = agx_sim_create(cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->sim));
	e->gpu = dev_get_drvdata(agx_sim_device(e->sim));
	if (!e->gpu) {
		agx_sim_destroy(e->sim);
		KUNIT_FAIL_AND_ABORT(test, "agx.ko did not bind to the simulated GPU");
	}
	e->vm = agx_vm_create(e->gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->vm));
	e->heap = agx_heap_create(e->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->heap));
	t_map(test, e, 0, T_BUF_VA, AGX_PROT_GPU_SHARED_RW);
	t_map(test, e, 1, T_BUF_VA + AGX_UAT_PGSZ, AGX_PROT_GPU_SHARED_RW);
	t_map(test, e, 2, T_RO_VA, AGX_PROT_GPU_SHARED_RO);
	t_map(test, e, 3, T_WO_VA, AGX_PROT_GPU_SHARED_WO);
	t_map(test, e, 4, T_AF_VA, AGX_PROT_GPU_SHARED_RW);
	return e;
}

/* A SIMQ control stream of one op, in page 1 of the buffer. */
static u64 t_ctrl(struct t_env *e, u32 op, u64 va)
{
	unsigned int idx = e->nctrl++;
	struct agx_simq *q = page_address(e->pages[1]) + idx * sizeof(*q);

	q->magic = AGX_SIMQ_MAGIC;
	q->count = 1;
	q->ops[0].op = op;
	q->ops[0].va = va;
	return T_BUF_VA + AGX_UAT_PGSZ + idx * sizeof(*q);
}

static struct dma_fence *t_submit(struct kunit *test, struct agx_queue *q, u64 ctrl)
{
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE, .ctrl_stream = ctrl, .natt = 1 };
	struct dma_fence *f;

	d.att[0].address = T_BUF_VA;
	d.att[0].size = 4;
	f = agx_queue_submit(q, &d);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "submit: %ld", PTR_ERR(f));
	return f;
}

/* Wait and return the fence error; fails the case if the fence never signals. */
static int t_wait(struct kunit *test, struct dma_fence *f)
{
	long t = dma_fence_wait_timeout(f, false, T_WAIT);
	int err;

	KUNIT_EXPECT_GT(test, t, 0);
	err = t > 0 ? f->error : -EBUSY;
	dma_fence_put(f);
	return err;
}

/* Submit one compute job, wait for it, return its error. */
static int t_job(struct kunit *test, struct agx_queue *q, u64 ctrl)
{
	return t_wait(test, t_submit(test, q, ctrl));
}

static struct agx_queue *t_queue(struct kunit *test, struct t_env *e)
{
	struct agx_queue *q = agx_queue_create(e->gpu, e->heap, 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(q));
	return q;
}

static void t_done(struct kunit *test, struct t_env *e, struct agx_queue *q)
{
	if (q)
		agx_queue_destroy(q);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&agx_sim_get_counters(e->sim)->violations));
	t_env_fini(e);
}

/* Jobs 1..n one after the other: every @every-th fails with @err, the others succeed. */
static void t_every(struct kunit *test, struct agx_queue *q, int n, int every, int err)
{
	int i;

	for (i = 1; i <= n; i++)
		KUNIT_EXPECT_EQ_MSG(test, i % every ? 0 : err, t_job(test, q, 0), "job %d", i);
}

static void agx_inject_fault_every(struct kunit *test)
{
	struct agx_sim_cfg cfg = { .fault_every = 3 };
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);
	u64 info;

	t_every(test, q, 6, 3, -EIO);
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&agx_sim_get_counters(e->sim)->faults));
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&e->gpu->stats.faults));
	/* an injected fault is an unmapped write at VA 0 in the job's VM */
	info = agx_sim_last_fault_info(e->sim);
	KUNIT_EXPECT_TRUE(test, info & AGX_FAULT_VALID);
	KUNIT_EXPECT_EQ(test, (u64)AGX_FAULT_REASON_UNMAPPED, FIELD_GET(AGX_FAULT_REASON, info));
	KUNIT_EXPECT_EQ(test, (u64)agx_vm_current_slot(e->vm), FIELD_GET(AGX_FAULT_VM_SLOT, info));
	t_done(test, e, q);
}

static void agx_inject_hang_every(struct kunit *test)
{
	struct agx_sim_cfg cfg = { .hang_every = 2 };
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);

	t_every(test, q, 4, 2, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&agx_sim_get_counters(e->sim)->timeouts));
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&e->gpu->stats.timeouts));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&e->gpu->stats.faults));
	t_done(test, e, q);
}

static void agx_inject_chanerr_every(struct kunit *test)
{
	struct agx_sim_cfg cfg = { .chanerr_every = 2 };
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);

	t_every(test, q, 4, 2, -EIO);
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&agx_sim_get_counters(e->sim)->channel_errors));
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&e->gpu->stats.channel_errors));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&e->gpu->stats.faults));
	t_done(test, e, q);
}

static void agx_inject_crash_after(struct kunit *test)
{
	struct agx_sim_cfg cfg = { .crash_after = 3 };
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);
	struct dma_fence *f;

	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, 0));
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, 0));
	KUNIT_EXPECT_EQ(test, -ENODEV, t_job(test, q, 0));
	KUNIT_EXPECT_TRUE(test, agx_sim_crashed(e->sim));
	KUNIT_EXPECT_TRUE(test, agx_gpu_is_crashed(e->gpu));
	f = agx_queue_submit(q, &(struct agx_job_desc){ .type = AGX_JOB_COMPUTE });
	KUNIT_EXPECT_EQ(test, -ENODEV, PTR_ERR_OR_ZERO(f));
	t_done(test, e, q);
}

/* A stalled pipe consumes nothing; once it runs again the queued job completes. */
static void agx_inject_stall_pipes(struct kunit *test)
{
	struct agx_sim_cfg cfg = { .stall_pipes = true };
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);
	struct dma_fence *first = t_submit(test, q, 0);

	KUNIT_EXPECT_EQ(test, 0L, dma_fence_wait_timeout(first, false, HZ / 2));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&agx_sim_get_counters(e->sim)->commands));
	WRITE_ONCE(agx_sim_config(e->sim)->stall_pipes, false);
	/* the next submission rings the pipe's doorbell: the firmware scans the channel */
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, 0));
	KUNIT_EXPECT_EQ(test, 0, t_wait(test, first));
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&agx_sim_get_counters(e->sim)->commands));
	t_done(test, e, q);
}

/*
 * no_recovery: the firmware ignores the driver's resume after a fault, so the faulting job
 * does not complete; once recovery is allowed again, the resume the driver already wrote
 * is honoured and the job ends with its fault.
 */
static void agx_inject_no_recovery(struct kunit *test)
{
	struct agx_sim_cfg cfg = { .fault_every = 1, .no_recovery = true };
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);
	struct agx_fw_status *st = e->gpu->fw_status->cpu;
	struct dma_fence *f = t_submit(test, q, 0);

	KUNIT_EXPECT_EQ(test, 0L, dma_fence_wait_timeout(f, false, HZ / 2));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&e->gpu->stats.faults));
	KUNIT_EXPECT_EQ(test, 1U, READ_ONCE(st->resume));	/* written, not taken */
	WRITE_ONCE(agx_sim_config(e->sim)->fault_every, 0);
	WRITE_ONCE(agx_sim_config(e->sim)->no_recovery, false);
	agx_sim_kick(e->sim);
	KUNIT_EXPECT_EQ(test, -EIO, t_wait(test, f));
	KUNIT_EXPECT_EQ(test, 0U, READ_ONCE(st->resume));
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, 0));
	t_done(test, e, q);
}

/* Page-table walk from the CPU: the leaf descriptor of @va in @vm. */
static u64 *t_leaf(struct agx_vm *vm, u64 va)
{
	phys_addr_t tbl = vm->pt.root_phys;
	u64 *desc = NULL;
	int lvl;

	for (lvl = AGX_UAT_LEVELS - 1; lvl >= 0; lvl--) {
		desc = (u64 *)phys_to_virt(tbl) + AGX_UAT_IDX(va & AGX_UAT_IAS_MASK, lvl);
		if ((READ_ONCE(*desc) & AGX_PTE_TYPE_MASK) != AGX_PTE_TYPE_MASK)
			return NULL;
		tbl = READ_ONCE(*desc) & AGX_PTE_OA_MASK;
	}
	return desc;
}

struct t_ttb1 {
	struct agx_ttbat_entry *entry;
	u64 val;
};

static void t_set_ttb1(void *arg)
{
	struct t_ttb1 *w = arg;

	WRITE_ONCE(w->entry->ttb1, w->val);
}

/* One faulting job: the fence says -EIO and FAULT_INFO the expected fields. */
static void t_fault(struct kunit *test, struct t_env *e, struct agx_queue *q, u32 op, u64 va,
		    u64 reason, u64 level)
{
	u64 info, got_reason, got_level;

	KUNIT_EXPECT_EQ(test, -EIO, t_job(test, q, t_ctrl(e, op, va)));
	info = agx_sim_last_fault_info(e->sim);
	got_reason = FIELD_GET(AGX_FAULT_REASON, info);
	got_level = FIELD_GET(AGX_FAULT_LEVEL, info);
	KUNIT_EXPECT_TRUE(test, info & AGX_FAULT_VALID);
	KUNIT_EXPECT_EQ_MSG(test, reason, got_reason, "reason, va 0x%llx", va);
	KUNIT_EXPECT_EQ_MSG(test, level, got_level, "level, va 0x%llx", va);
	KUNIT_EXPECT_EQ(test, op == AGX_SIMQ_FAULT_READ, !!(info & AGX_FAULT_READ));
	KUNIT_EXPECT_EQ(test, (u64)AGX_FAULT_UNIT_UL1C, FIELD_GET(AGX_FAULT_UNIT, info));
	KUNIT_EXPECT_EQ(test, (u64)agx_vm_current_slot(e->vm), FIELD_GET(AGX_FAULT_VM_SLOT, info));
	KUNIT_EXPECT_EQ(test, (va & ~63ULL) & (U64_MAX >> AGX_FAULT_ADDR_SHIFT << 6),
			(info >> AGX_FAULT_ADDR_SHIFT) << 6);
}

static void agx_inject_fault_codes(struct kunit *test)
{
	struct agx_sim_cfg cfg = {};
	struct t_env *e = t_env(test, &cfg);
	struct agx_queue *q = t_queue(test, e);
	u64 upper = (U64_MAX << AGX_UAT_IAS) | T_BUF_VA;
	struct t_ttb1 w;
	u64 *leaf;
	int slot;

	KUNIT_ASSERT_EQ(test, 0, t_job(test, q, 0));	/* binds the VM to its slot */
	slot = agx_vm_current_slot(e->vm);
	KUNIT_ASSERT_GT(test, slot, 0);
	t_fault(test, e, q, AGX_SIMQ_FAULT_WRITE, T_UNMAPPED_VA, AGX_FAULT_REASON_UNMAPPED, 1);
	t_fault(test, e, q, AGX_SIMQ_FAULT_WRITE, T_RO_VA + 0x40, AGX_FAULT_REASON_READ_ONLY, 0);
	t_fault(test, e, q, AGX_SIMQ_FAULT_READ, T_WO_VA + 0x80, AGX_FAULT_REASON_WRITE_ONLY, 0);
	/* the pages themselves are fine the other way round */
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, t_ctrl(e, AGX_SIMQ_FAULT_READ, T_RO_VA)));
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, t_ctrl(e, AGX_SIMQ_FAULT_WRITE, T_WO_VA)));

	/* a leaf without the access flag */
	leaf = t_leaf(e->vm, T_AF_VA);
	KUNIT_ASSERT_NOT_NULL(test, leaf);
	WRITE_ONCE(*leaf, READ_ONCE(*leaf) & ~AGX_PTE_AF);
	t_fault(test, e, q, AGX_SIMQ_FAULT_READ, T_AF_VA + 0x100, AGX_FAULT_REASON_AF, 0);
	WRITE_ONCE(*leaf, READ_ONCE(*leaf) | AGX_PTE_AF);
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, t_ctrl(e, AGX_SIMQ_FAULT_READ, T_AF_VA)));

	/*
	 * A TTBR whose ASID is not the context: user slots leave ttb1 empty, so loading the
	 * VM there with the next slot's ASID leaves ttb0 (which the simulator checks when a
	 * command starts) alone and only upper-half VAs see it.
	 */
	KUNIT_ASSERT_EQ(test, slot, agx_vm_current_slot(e->vm));
	w.entry = &e->gpu->mmu->ttbat[slot];
	w.val = agx_vm_ttbr(e->vm, (slot + 1) % AGX_UAT_NUM_CTX);
	KUNIT_ASSERT_EQ(test, 0, agx_handoff_run(e->gpu->mmu, t_set_ttb1, &w));
	t_fault(test, e, q, AGX_SIMQ_FAULT_READ, upper, AGX_FAULT_REASON_NO_ACCESS, 3);
	w.val = 0;
	KUNIT_ASSERT_EQ(test, 0, agx_handoff_run(e->gpu->mmu, t_set_ttb1, &w));
	KUNIT_EXPECT_EQ(test, 5, atomic_read(&e->gpu->stats.faults));
	KUNIT_EXPECT_EQ(test, 0, t_job(test, q, 0));
	t_done(test, e, q);
}

static struct kunit_case agx_inject_cases[] = {
	KUNIT_CASE(agx_inject_fault_every),
	KUNIT_CASE(agx_inject_hang_every),
	KUNIT_CASE(agx_inject_chanerr_every),
	KUNIT_CASE(agx_inject_crash_after),
	KUNIT_CASE(agx_inject_stall_pipes),
	KUNIT_CASE(agx_inject_no_recovery),
	KUNIT_CASE(agx_inject_fault_codes),
	{}
};

static struct kunit_suite agx_inject_suite = {
	.name = "agx_inject",
	.test_cases = agx_inject_cases,
};

kunit_test_suite(agx_inject_suite);

MODULE_DESCRIPTION("agx.ko on the simulated firmware's injection knobs and fault codes");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
