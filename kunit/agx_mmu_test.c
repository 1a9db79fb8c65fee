// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx.ko memory-management tests
 *
 * KUnit suites for driver/mmu, checked through the simulated firmware's walker
 * (driver/sim): what the tests see is what the firmware and the GPU would see.
 *
 * - agx_uat: map, unmap, remap round trips; the permission matrix (every protection ×
 *   firmware/GPU × read/write); table reclamation; bad input leaves the tables unchanged.
 * - agx_slots: slot 0, sticky LRU binding, 63 user VMs + 1, TLB invalidation, the handoff
 *   lock under concurrency.
 * - agx_alloc: the five pools, reuse only after a firmware cache flush, GC thresholds, the
 *   debug preamble catching a use after free.
 * - agx_sim_walk: the walker on hand-built tables (every fault kind and level), copies
 *   across 16 KiB pages.
 * - agx_mmu_fault: failslab fail-nth injection on every allocation of map, pool growth, VM
 *   and MMU creation; each failure leaves the tables unchanged and nothing allocated.
 *
 * Every test releases what it creates through kunit actions.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "agx_test_failslab.h"
#include "mmu/agx_mmu.h"
#include "sim/agx_sim_mem.h"

/* An L0 table covers 2048 GPU pages = 32 MiB; an L1 table 64 GiB. */
#define L0_SPAN		(AGX_UAT_PGSZ << AGX_UAT_PTE_BITS)
#define L1_SPAN		(L0_SPAN << AGX_UAT_PTE_BITS)
#define GPU_PAGE	AGX_UAT_PGSZ

struct agx_test_env {
	struct agx_mmu *mmu;
	struct agx_sim_mem mem;
	struct agx_sim_tlb tlb;
	atomic_t flushes;
	int flush_ret;
};

static int agx_test_flush(void *priv)
{
	struct agx_test_env *env = priv;

	atomic_inc(&env->flushes);
	return env->flush_ret;
}

static void agx_test_env_destroy(void *data)
{
	struct agx_test_env *env = data;

	agx_mmu_destroy(env->mmu);
	agx_sim_tlb_fini(&env->tlb);
}

static struct agx_test_env *agx_test_env(struct kunit *test, bool debug_alloc)
{
	struct agx_test_env *env = kunit_kzalloc(test, sizeof(*env), GFP_KERNEL);
	struct agx_mmu_config cfg = {
		.tlb = &agx_sim_tlb_ops,
		.flush_fw_cache = agx_test_flush,
		.debug_alloc = debug_alloc,
	};

	KUNIT_ASSERT_NOT_NULL(test, env);
	agx_sim_tlb_init(&env->tlb);
	cfg.tlb_priv = &env->tlb;
	cfg.flush_priv = env;
	env->mmu = agx_mmu_create(NULL, &cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(env->mmu));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_test_env_destroy, env));
	agx_sim_mem_init(&env->mem, env->mmu->ttbat_phys, env->mmu->handoff_phys, &env->tlb);
	return env;
}

static void agx_test_vm_put(void *vm)
{
	agx_vm_put(vm);
}

static struct agx_vm *agx_test_vm(struct kunit *test, struct agx_test_env *env)
{
	struct agx_vm *vm = agx_vm_create(env->mmu, AGX_UVA_START, AGX_UVA_END);

	KUNIT_ASSERT_FALSE(test, IS_ERR(vm));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_test_vm_put, vm));
	return vm;
}

static void agx_test_vm_unbind(void *vm)
{
	agx_vm_unbind(vm);
}

static int agx_test_bind(struct kunit *test, struct agx_vm *vm)
{
	int slot = agx_vm_bind(vm);

	KUNIT_ASSERT_GE(test, slot, 0);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_test_vm_unbind, vm));
	return slot;
}

/* 16 KiB GPU pages of test memory: order-2 pages on 4 KiB CPUs, naturally aligned. */
struct agx_test_pages {
	unsigned int n;
	phys_addr_t *phys;
	void **cpu;
};

static void agx_test_pages_free(void *data)
{
	struct agx_test_pages *p = data;
	unsigned int i;

	for (i = 0; i < p->n; i++)
		if (p->cpu[i])
			free_pages((unsigned long)p->cpu[i], get_order(GPU_PAGE));
}

static struct agx_test_pages *agx_test_pages(struct kunit *test, unsigned int n)
{
	struct agx_test_pages *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->phys = kunit_kcalloc(test, n, sizeof(*p->phys), GFP_KERNEL);
	p->cpu = kunit_kcalloc(test, n, sizeof(*p->cpu), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p->phys);
	KUNIT_ASSERT_NOT_NULL(test, p->cpu);
	p->n = n;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_test_pages_free, p));
	for (i = 0; i < n; i++) {
		p->cpu[i] = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, get_order(GPU_PAGE));
		KUNIT_ASSERT_NOT_NULL(test, p->cpu[i]);
		p->phys[i] = virt_to_phys(p->cpu[i]);
		KUNIT_ASSERT_EQ(test, 0, p->phys[i] & AGX_UAT_PGMASK);
	}
	return p;
}

/* Does @va translate for @access in @slot? Returns 0 or the fault reason. */
static int agx_test_xlate(struct agx_test_env *env, u32 slot, u64 va, u32 access, bool fw,
			  phys_addr_t *phys, struct agx_sim_fault *fault)
{
	struct agx_sim_fault f;
	phys_addr_t pa;

	if (!agx_sim_translate(&env->mem, slot, va, access, fw, phys ? phys : &pa,
			       fault ? fault : &f))
		return 0;
	return fault ? fault->reason : f.reason;
}

static bool agx_test_unmapped(struct agx_test_env *env, u32 slot, u64 va, u64 size)
{
	u64 off;

	for (off = 0; off < size; off += GPU_PAGE)
		if (agx_test_xlate(env, slot, va + off, AGX_SIM_READ, false, NULL, NULL) !=
		    AGX_SIM_FAULT_UNMAPPED)
			return false;
	return true;
}

/* ---- agx_uat ---------------------------------------------------------------------- */

static void agx_uat_map_round_trip(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 3);
	struct agx_vm *vm = agx_test_vm(test, env);
	u64 va = L0_SPAN - GPU_PAGE;	/* crosses a leaf-table boundary */
	struct agx_sim_fault fault;
	phys_addr_t pa;
	char buf[64];
	int slot = agx_test_bind(test, vm), i;

	KUNIT_ASSERT_EQ(test, 0, agx_vm_map_pages(vm, va, p->phys, 3, AGX_PROT_GPU_SHARED_RW));
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, slot, va + i * GPU_PAGE + 0x10,
							AGX_SIM_READ | AGX_SIM_WRITE, false,
							&pa, NULL));
		KUNIT_EXPECT_EQ(test, pa, p->phys[i] + 0x10);
	}
	/* CPU writes at the end of page 0 and the start of page 1; read across the seam. */
	memset(p->cpu[0] + GPU_PAGE - 32, 0xa5, 32);
	memset(p->cpu[1], 0x5a, 32);
	KUNIT_ASSERT_EQ(test, 0, agx_sim_copy_from_gpu(&env->mem, slot, buf,
						       va + GPU_PAGE - 32, 64, false, &fault));
	KUNIT_EXPECT_EQ(test, buf[0], (char)0xa5);
	KUNIT_EXPECT_EQ(test, buf[31], (char)0xa5);
	KUNIT_EXPECT_EQ(test, buf[32], (char)0x5a);
	KUNIT_EXPECT_EQ(test, buf[63], (char)0x5a);
	/* GPU writes across the seam of pages 1 and 2 land in both. */
	memset(buf, 0x3c, sizeof(buf));
	KUNIT_ASSERT_EQ(test, 0, agx_sim_copy_to_gpu(&env->mem, slot, va + 2 * GPU_PAGE - 8,
						     buf, 16, false, &fault));
	KUNIT_EXPECT_EQ(test, ((u8 *)p->cpu[1])[GPU_PAGE - 8], 0x3c);
	KUNIT_EXPECT_EQ(test, ((u8 *)p->cpu[2])[7], 0x3c);
	KUNIT_EXPECT_EQ(test, ((u8 *)p->cpu[2])[8], 0);

	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, va, 3 * GPU_PAGE));
	KUNIT_EXPECT_TRUE(test, agx_test_unmapped(env, slot, va, 3 * GPU_PAGE));
	KUNIT_EXPECT_EQ(test, 1, vm->pt.nr_tables);
	/* map again after unmap */
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, va, p->phys[2], GPU_PAGE, AGX_PROT_GPU_SHARED_RO));
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, slot, va, AGX_SIM_READ, false, &pa, NULL));
	KUNIT_EXPECT_EQ(test, pa, p->phys[2]);
	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(vm, va, GPU_PAGE));
}

static void agx_uat_remap(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 2);
	struct agx_vm *vm = agx_test_vm(test, env);
	int slot = agx_test_bind(test, vm);
	u64 va = 0x100000;
	int ranges;

	KUNIT_ASSERT_EQ(test, 0, agx_vm_map_pages(vm, va, p->phys, 2, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, slot, va, AGX_SIM_WRITE, false, NULL, NULL));
	ranges = atomic_read(&env->tlb.range);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_remap(vm, va, 2 * GPU_PAGE, AGX_PROT_GPU_SHARED_RO));
	KUNIT_EXPECT_EQ(test, ranges + 1, atomic_read(&env->tlb.range));
	KUNIT_EXPECT_EQ(test, slot, atomic_read(&env->tlb.last_asid));
	KUNIT_EXPECT_EQ(test, AGX_SIM_FAULT_PERM,
			agx_test_xlate(env, slot, va + GPU_PAGE, AGX_SIM_WRITE, false, NULL, NULL));
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, slot, va + GPU_PAGE, AGX_SIM_READ, false,
						NULL, NULL));
	/* remap of a partly unmapped range fails and changes nothing */
	KUNIT_EXPECT_EQ(test, -ENOENT, agx_vm_remap(vm, va, 3 * GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, AGX_SIM_FAULT_PERM,
			agx_test_xlate(env, slot, va, AGX_SIM_WRITE, false, NULL, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_remap(vm, va, GPU_PAGE, AGX_PROT_COUNT));
	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(vm, va, 2 * GPU_PAGE));
}

/* Expected access per protection: asahi-agx-driver.md §3.1 */
static const struct {
	enum agx_prot prot;
	const char *name;
	bool gpu_r, gpu_w, fw_r, fw_w;
	u8 attr;
} agx_prot_matrix[] = {
	{ AGX_PROT_FW_SHARED_RW, "FW_SHARED_RW", 0, 0, 1, 1, AGX_MEMATTR_UNCACHED },
	{ AGX_PROT_FW_PRIV_RW, "FW_PRIV_RW", 0, 0, 1, 1, AGX_MEMATTR_CACHED },
	{ AGX_PROT_FW_SHARED_RO, "FW_SHARED_RO", 0, 0, 1, 0, AGX_MEMATTR_UNCACHED },
	{ AGX_PROT_FW_MMIO_RW, "FW_MMIO_RW", 0, 0, 1, 1, AGX_MEMATTR_DEVICE },
	{ AGX_PROT_FW_MMIO_RO, "FW_MMIO_RO", 0, 0, 1, 0, AGX_MEMATTR_DEVICE },
	{ AGX_PROT_GPU_FW_SHARED_RW, "GPU_FW_SHARED_RW", 1, 1, 1, 1, AGX_MEMATTR_UNCACHED },
	{ AGX_PROT_GPU_FW_PRIV_RW, "GPU_FW_PRIV_RW", 1, 1, 1, 1, AGX_MEMATTR_CACHED },
	{ AGX_PROT_GPU_RO_FW_PRIV_RW, "GPU_RO_FW_PRIV_RW", 1, 0, 1, 1, AGX_MEMATTR_CACHED },
	{ AGX_PROT_GPU_SHARED_RW, "GPU_SHARED_RW", 1, 1, 0, 0, AGX_MEMATTR_UNCACHED },
	{ AGX_PROT_GPU_SHARED_RO, "GPU_SHARED_RO", 1, 0, 0, 0, AGX_MEMATTR_UNCACHED },
	{ AGX_PROT_GPU_SHARED_WO, "GPU_SHARED_WO", 0, 1, 0, 0, AGX_MEMATTR_UNCACHED },
};

static void agx_test_expect_access(struct kunit *test, struct agx_test_env *env, u32 slot,
				   u64 va, u32 access, bool fw, bool allowed, const char *name)
{
	struct agx_sim_fault fault;
	int r = agx_test_xlate(env, slot, va, access, fw, NULL, &fault);

	if (allowed) {
		KUNIT_EXPECT_EQ_MSG(test, r, 0, "%s %s %s", name, fw ? "FW" : "GPU",
				    access == AGX_SIM_READ ? "read" : "write");
	} else {
		KUNIT_EXPECT_EQ_MSG(test, r, AGX_SIM_FAULT_PERM, "%s %s %s", name,
				    fw ? "FW" : "GPU", access == AGX_SIM_READ ? "read" : "write");
		KUNIT_EXPECT_EQ(test, fault.level, 0);
		KUNIT_EXPECT_EQ(test, fault.slot, slot);
	}
}

static void agx_uat_permission_matrix(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 1);
	struct agx_vm *vm = agx_test_vm(test, env);
	int slot = agx_test_bind(test, vm);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_prot_matrix); i++) {
		u64 va = 0x200000 + i * GPU_PAGE, pte = agx_prot_pte(agx_prot_matrix[i].prot);
		const char *name = agx_prot_matrix[i].name;

		KUNIT_EXPECT_EQ(test, (pte & AGX_PTE_ATTR_MASK) >> AGX_PTE_ATTR_SHIFT,
				(u64)agx_prot_matrix[i].attr);
		KUNIT_EXPECT_TRUE(test, pte & AGX_PTE_OS);
		KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, va, p->phys[0], GPU_PAGE,
						    agx_prot_matrix[i].prot));
		agx_test_expect_access(test, env, slot, va, AGX_SIM_READ, false,
				       agx_prot_matrix[i].gpu_r, name);
		agx_test_expect_access(test, env, slot, va, AGX_SIM_WRITE, false,
				       agx_prot_matrix[i].gpu_w, name);
		agx_test_expect_access(test, env, slot, va, AGX_SIM_READ, true,
				       agx_prot_matrix[i].fw_r, name);
		agx_test_expect_access(test, env, slot, va, AGX_SIM_WRITE, true,
				       agx_prot_matrix[i].fw_w, name);
		KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(vm, va, GPU_PAGE));
	}
}

/* The raw AP × (UXN, PXN) table of asahi-agx-driver.md §3.1, bit 55 set. */
static void agx_uat_raw_permission_table(struct kunit *test)
{
	/* "RW" strings per [ap][idx]; FW AP0 idx2 is "?" in the reference: denied */
	static const char * const gpu[3][4] = {
		{ "--", "R-", "-W", "RW" }, { "--", "--", "--", "R-" }, { "R-", "-W", "RW", "--" },
	};
	static const char * const fw[3][4] = {
		{ "--", "R-", "--", "RW" }, { "R-", "--", "RW", "RW" }, { "--", "--", "--", "--" },
	};
	unsigned int ap, idx;

	for (ap = 0; ap < 3; ap++) {
		for (idx = 0; idx < 4; idx++) {
			u64 pte = AGX_PTE_PROT(ap, idx & 2, idx & 1, 0);

			KUNIT_EXPECT_EQ(test, agx_sim_perm_ok(pte, AGX_SIM_READ, false),
					gpu[ap][idx][0] == 'R');
			KUNIT_EXPECT_EQ(test, agx_sim_perm_ok(pte, AGX_SIM_WRITE, false),
					gpu[ap][idx][1] == 'W');
			KUNIT_EXPECT_EQ(test, agx_sim_perm_ok(pte, AGX_SIM_READ, true),
					fw[ap][idx][0] == 'R');
			KUNIT_EXPECT_EQ(test, agx_sim_perm_ok(pte, AGX_SIM_WRITE, true),
					fw[ap][idx][1] == 'W');
			/* without bit 55 nothing is allowed */
			KUNIT_EXPECT_FALSE(test, agx_sim_perm_ok(pte & ~AGX_PTE_OS,
								 AGX_SIM_READ, idx == 3));
		}
	}
}

static void agx_uat_table_reclaim(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 1);
	struct agx_vm *vm = agx_test_vm(test, env);
	long global = agx_pgtables_allocated();
	u64 a = 0x4000, b = a + L0_SPAN, c = a + L1_SPAN;

	KUNIT_EXPECT_EQ(test, 1, vm->pt.nr_tables);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, a, p->phys[0], GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, 3, vm->pt.nr_tables);	/* root + L1 + L0 */
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, b, p->phys[0], GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, 4, vm->pt.nr_tables);	/* + L0 */
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, c, p->phys[0], GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, 6, vm->pt.nr_tables);	/* + L1 + L0 */
	KUNIT_EXPECT_EQ(test, global + 5, agx_pgtables_allocated());
	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, b, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, 5, vm->pt.nr_tables);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, c, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, 3, vm->pt.nr_tables);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, a, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, 1, vm->pt.nr_tables);
	KUNIT_EXPECT_EQ(test, global, agx_pgtables_allocated());
	/*
	 * A contiguous range over four leaf tables (partial, full, full, partial), then all
	 * of it away. The physical range is never accessed.
	 */
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, L0_SPAN - GPU_PAGE, p->phys[0],
					    2 * L0_SPAN + 2 * GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, 6, vm->pt.nr_tables);	/* root + L1 + 4 L0 */
	KUNIT_EXPECT_EQ(test, -ENOENT, agx_vm_unmap(vm, L0_SPAN - 2 * GPU_PAGE, 2 * GPU_PAGE));
	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, L0_SPAN - GPU_PAGE, 2 * L0_SPAN + 2 * GPU_PAGE));
	KUNIT_EXPECT_EQ(test, 1, vm->pt.nr_tables);
	KUNIT_EXPECT_EQ(test, global, agx_pgtables_allocated());
}

static void agx_uat_bad_input(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 2);
	struct agx_vm *vm = agx_test_vm(test, env);
	int slot = agx_test_bind(test, vm);
	long tables;
	u64 va = 0x800000;

	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, va, p->phys[0], GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	tables = agx_pgtables_allocated();
	/* misaligned VA, size, physical address */
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, va + 0x1000, p->phys[1], GPU_PAGE,
						  AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, va + GPU_PAGE, p->phys[1], 0x1000,
						  AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, va + GPU_PAGE, p->phys[1] + 0x1000,
						  GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, va + GPU_PAGE, p->phys[1], 0,
						  AGX_PROT_GPU_SHARED_RW));
	/* outside the VM: below 0x4000, above 1 << 39, wrapping, upper half */
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, 0, p->phys[1], GPU_PAGE,
						  AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, AGX_UVA_END - GPU_PAGE, p->phys[1],
						  2 * GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, va, p->phys[1], -GPU_PAGE,
						  AGX_PROT_GPU_SHARED_RW));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, AGX_KVA_PRIVATE_START, p->phys[1],
						  GPU_PAGE, AGX_PROT_GPU_SHARED_RW));
	/* bad protection */
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(vm, va + GPU_PAGE, p->phys[1], GPU_PAGE,
						  AGX_PROT_COUNT));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map_pages(vm, va + GPU_PAGE, NULL, 1,
							AGX_PROT_GPU_SHARED_RW));
	/* overlap: the second page is free but the first is not */
	KUNIT_EXPECT_EQ(test, -EEXIST, agx_vm_map(vm, va - GPU_PAGE, p->phys[1], 3 * GPU_PAGE,
						  AGX_PROT_GPU_SHARED_RO));
	KUNIT_EXPECT_EQ(test, -EEXIST, agx_vm_map(vm, va, p->phys[1], GPU_PAGE,
						  AGX_PROT_GPU_SHARED_RO));
	/* unmap of a range not fully mapped */
	KUNIT_EXPECT_EQ(test, -ENOENT, agx_vm_unmap(vm, va, 2 * GPU_PAGE));
	KUNIT_EXPECT_EQ(test, -ENOENT, agx_vm_unmap(vm, va + L1_SPAN, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_unmap(vm, va, 0));
	/* unchanged */
	KUNIT_EXPECT_EQ(test, tables, agx_pgtables_allocated());
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, slot, va, AGX_SIM_WRITE, false, NULL, NULL));
	KUNIT_EXPECT_TRUE(test, agx_test_unmapped(env, slot, va - GPU_PAGE, GPU_PAGE));
	KUNIT_EXPECT_TRUE(test, agx_test_unmapped(env, slot, va + GPU_PAGE, GPU_PAGE));
	/* bad VM ranges */
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_vm_create(env->mmu, 0, AGX_UVA_END)));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_vm_create(env->mmu, 0x4000, 0x4000)));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_vm_create(env->mmu, 0x4000, 0x6000)));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_vm_create(env->mmu, 0x4000,
							     AGX_UVA_END + GPU_PAGE)));
	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(vm, va, GPU_PAGE));
}

static void agx_uat_kernel_upper_half(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 1);
	struct agx_vm *kvm = env->mmu->kernel_vm;
	u64 va = 0xffffffaf00000000ULL;	/* the firmware MMIO range: unused by the pools */
	phys_addr_t pa;

	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(kvm, va, p->phys[0], GPU_PAGE, AGX_PROT_FW_MMIO_RW));
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, 0, va + 8, AGX_SIM_WRITE, true, &pa, NULL));
	KUNIT_EXPECT_EQ(test, pa, p->phys[0] + 8);
	/* the same low 39 bits in the lower half are another address space */
	KUNIT_EXPECT_TRUE(test, agx_test_unmapped(env, 0, va & AGX_UAT_IAS_MASK, GPU_PAGE));
	/* kernel leaves have no nG bit */
	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(kvm, va, GPU_PAGE));
	KUNIT_EXPECT_TRUE(test, agx_test_unmapped(env, 0, va, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_vm_map(kvm, AGX_KVA_BASE - GPU_PAGE, p->phys[0],
						  GPU_PAGE, AGX_PROT_FW_MMIO_RW));
	/* the top page of the address space */
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(kvm, -GPU_PAGE, p->phys[0], GPU_PAGE,
					    AGX_PROT_FW_SHARED_RO));
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, 0, -8ULL, AGX_SIM_READ, true, NULL, NULL));
	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(kvm, -GPU_PAGE, GPU_PAGE));
}

/*
 * A tree under a root it does not own (the bootloader's "pagetables" region): its root
 * entries start cleared, mapping fills only them, and freeing it frees its own tables,
 * clears its entries and leaves the others (the firmware's) and the root alone.
 */
static void agx_uat_external_root(struct kunit *test)
{
	u64 *root = kunit_kzalloc(test, GPU_PAGE, GFP_KERNEL);
	struct agx_pgtable *pt = kunit_kzalloc(test, sizeof(*pt), GFP_KERNEL);
	struct agx_test_pages *p = agx_test_pages(test, 1);
	long tables = agx_pgtables_allocated();
	u64 va = AGX_KVA_DRIVER_START + 0x4000;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, root);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	root[0] = 0x5a5a0000;	/* the firmware's (not a valid descriptor) */
	root[2] = 0x5a5a0000;	/* stale in the driver's entry */
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_pgtable_init_at(pt, root, virt_to_phys(root) + 8,
							   2, 2));
	KUNIT_ASSERT_EQ(test, 0, agx_pgtable_init_at(pt, root, virt_to_phys(root), 2, 2));
	KUNIT_EXPECT_EQ(test, root[2], 0ULL);
	KUNIT_ASSERT_EQ(test, 0, agx_pgtable_map(pt, va, NULL, p->phys[0], 1,
						 AGX_PROT_FW_SHARED_RW));
	KUNIT_EXPECT_EQ(test, root[2] & AGX_PTE_TYPE_MASK, AGX_PTE_TYPE_MASK);
	KUNIT_EXPECT_EQ(test, agx_pgtables_allocated(), tables + 2);	/* L1 and L0 only */
	for (i = 0; i < AGX_UAT_PTES; i++)
		if (i != 2)
			KUNIT_EXPECT_EQ(test, root[i], i ? 0ULL : 0x5a5a0000ULL);
	agx_pgtable_fini(pt);
	KUNIT_EXPECT_EQ(test, agx_pgtables_allocated(), tables);
	KUNIT_EXPECT_EQ(test, root[2], 0ULL);
	KUNIT_EXPECT_EQ(test, root[0], 0x5a5a0000ULL);
}

static struct kunit_case agx_uat_cases[] = {
	KUNIT_CASE(agx_uat_map_round_trip),
	KUNIT_CASE(agx_uat_remap),
	KUNIT_CASE(agx_uat_permission_matrix),
	KUNIT_CASE(agx_uat_raw_permission_table),
	KUNIT_CASE(agx_uat_table_reclaim),
	KUNIT_CASE(agx_uat_bad_input),
	KUNIT_CASE(agx_uat_kernel_upper_half),
	KUNIT_CASE(agx_uat_external_root),
	{}
};

static struct kunit_suite agx_uat_suite = {
	.name = "agx_uat",
	.test_cases = agx_uat_cases,
};

/* ---- agx_slots -------------------------------------------------------------------- */

static void agx_slots_kernel_slot0(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_mmu *mmu = env->mmu;
	struct agx_ttbat_entry *e = &mmu->ttbat[0];

	KUNIT_EXPECT_EQ(test, e->ttb0, (u64)mmu->kernel_lo->pt.root_phys | AGX_TTBR_VALID);
	KUNIT_EXPECT_EQ(test, e->ttb1, (u64)mmu->kernel_vm->pt.root_phys | AGX_TTBR_VALID);
	KUNIT_EXPECT_EQ(test, mmu->handoff->magic_ap, AGX_PPL_MAGIC);
	KUNIT_EXPECT_EQ(test, 0, agx_vm_bind(mmu->kernel_vm));
	KUNIT_EXPECT_EQ(test, 0, agx_vm_current_slot(mmu->kernel_vm));
	agx_vm_unbind(mmu->kernel_vm);
}

static void agx_slots_sticky(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_vm *a = agx_test_vm(test, env), *b = agx_test_vm(test, env);
	struct agx_mmu *mmu = env->mmu;
	int sa, sb, asids;

	KUNIT_EXPECT_EQ(test, -1, agx_vm_current_slot(a));
	sa = agx_vm_bind(a);
	KUNIT_ASSERT_GE(test, sa, 1);
	KUNIT_EXPECT_EQ(test, mmu->ttbat[sa].ttb0, agx_vm_ttbr(a, sa));
	KUNIT_EXPECT_EQ(test, (mmu->ttbat[sa].ttb0 & AGX_TTBR_ASID_MASK) >> 48, (u64)sa);
	KUNIT_EXPECT_EQ(test, 0ULL, mmu->ttbat[sa].ttb1);
	KUNIT_EXPECT_EQ(test, sa, agx_vm_bind(a));	/* second bind ref */
	agx_vm_unbind(a);
	agx_vm_unbind(a);
	/* sticky: still loaded, rebinding costs no TTBAT write or invalidation */
	KUNIT_EXPECT_EQ(test, sa, agx_vm_current_slot(a));
	asids = atomic_read(&env->tlb.asid);
	KUNIT_EXPECT_EQ(test, sa, agx_vm_bind(a));
	KUNIT_EXPECT_EQ(test, asids, atomic_read(&env->tlb.asid));
	sb = agx_vm_bind(b);
	KUNIT_EXPECT_GE(test, sb, 1);
	KUNIT_EXPECT_NE(test, sa, sb);
	KUNIT_EXPECT_EQ(test, asids + 1, atomic_read(&env->tlb.asid));
	KUNIT_EXPECT_EQ(test, sb, atomic_read(&env->tlb.last_asid));
	agx_vm_unbind(b);
	agx_vm_unbind(a);
}

static void agx_slots_pressure(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_mmu *mmu = env->mmu;
	struct agx_vm *vms[AGX_UAT_USER_CTX + 1];
	bool seen[AGX_UAT_NUM_CTX] = {};
	int slots[AGX_UAT_USER_CTX + 1];
	unsigned int i;
	int s;

	for (i = 0; i <= AGX_UAT_USER_CTX; i++)
		vms[i] = agx_test_vm(test, env);
	for (i = 0; i < AGX_UAT_USER_CTX; i++) {
		slots[i] = agx_vm_bind(vms[i]);
		KUNIT_ASSERT_GE(test, slots[i], 1);
		KUNIT_ASSERT_LE(test, slots[i], AGX_UAT_USER_CTX);
		KUNIT_EXPECT_FALSE(test, seen[slots[i]]);
		seen[slots[i]] = true;
	}
	/* all 63 bound: the 64th VM gets a clear error and nothing changes */
	KUNIT_EXPECT_EQ(test, -EBUSY, agx_vm_bind(vms[AGX_UAT_USER_CTX]));
	KUNIT_EXPECT_EQ(test, -1, agx_vm_current_slot(vms[AGX_UAT_USER_CTX]));
	for (i = 0; i < AGX_UAT_USER_CTX; i++)
		KUNIT_EXPECT_EQ(test, mmu->ttbat[slots[i]].ttb0, agx_vm_ttbr(vms[i], slots[i]));
	/* release in order 5, 9, then the rest: the least recently used (5's) is stolen */
	agx_vm_unbind(vms[5]);
	agx_vm_unbind(vms[9]);
	s = agx_vm_bind(vms[AGX_UAT_USER_CTX]);
	KUNIT_EXPECT_EQ(test, s, slots[5]);
	KUNIT_EXPECT_EQ(test, -1, agx_vm_current_slot(vms[5]));
	KUNIT_EXPECT_EQ(test, slots[9], agx_vm_current_slot(vms[9]));
	KUNIT_EXPECT_EQ(test, mmu->ttbat[s].ttb0, agx_vm_ttbr(vms[AGX_UAT_USER_CTX], s));
	KUNIT_EXPECT_EQ(test, s, atomic_read(&env->tlb.last_asid));
	/* vm 9 rebinds its sticky slot; vm 5 now has to wait */
	KUNIT_EXPECT_EQ(test, slots[9], agx_vm_bind(vms[9]));
	KUNIT_EXPECT_EQ(test, -EBUSY, agx_vm_bind(vms[5]));
	for (i = 0; i < AGX_UAT_USER_CTX; i++)
		if (i != 5)
			agx_vm_unbind(vms[i]);
	agx_vm_unbind(vms[AGX_UAT_USER_CTX]);
	/* everything free now: vm 5 takes the LRU slot, which was vm 0's */
	KUNIT_EXPECT_EQ(test, slots[0], agx_vm_bind(vms[5]));
	agx_vm_unbind(vms[5]);
}

static void agx_slots_release_on_free(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_vm *vm = agx_vm_create(env->mmu, AGX_UVA_START, AGX_UVA_END);
	int slot;

	KUNIT_ASSERT_FALSE(test, IS_ERR(vm));
	slot = agx_vm_bind(vm);
	KUNIT_ASSERT_GE(test, slot, 1);
	/* the bind holds a reference: dropping the creator's keeps the VM loaded */
	agx_vm_put(vm);
	KUNIT_EXPECT_NE(test, 0ULL, env->mmu->ttbat[slot].ttb0);
	agx_vm_unbind(vm);	/* last reference: slot cleared */
	KUNIT_EXPECT_EQ(test, 0ULL, env->mmu->ttbat[slot].ttb0);
	KUNIT_EXPECT_NULL(test, env->mmu->slots[slot].vm);
}

static void agx_slots_tlb_after_unmap(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 1);
	struct agx_vm *vm = agx_test_vm(test, env);
	int slot, ranges;

	/* a VM in no slot has nothing cached: no invalidation */
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, 0x4000, p->phys[0], GPU_PAGE,
					    AGX_PROT_GPU_SHARED_RW));
	ranges = atomic_read(&env->tlb.range);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, 0x4000, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, ranges, atomic_read(&env->tlb.range));
	slot = agx_test_bind(test, vm);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, 0x4000, p->phys[0], GPU_PAGE,
					    AGX_PROT_GPU_SHARED_RW));
	KUNIT_ASSERT_EQ(test, 0, agx_vm_unmap(vm, 0x4000, GPU_PAGE));
	KUNIT_EXPECT_EQ(test, ranges + 1, atomic_read(&env->tlb.range));
	KUNIT_EXPECT_EQ(test, slot, atomic_read(&env->tlb.last_asid));
	KUNIT_EXPECT_EQ(test, (s64)GPU_PAGE, atomic64_read(&env->tlb.range_bytes));
}

struct t_unmap_work {
	struct work_struct work;
	struct agx_vm *vm;
	int ret;
	struct completion done;
};

static void t_unmap_fn(struct work_struct *work)
{
	struct t_unmap_work *u = container_of(work, struct t_unmap_work, work);

	u->ret = agx_vm_unmap(u->vm, 0x4000, GPU_PAGE);
	complete(&u->done);
}

/*
 * An unmap returns only after the accesses that may still use the old translation: the
 * driver frees the pages once it returns. The test holds the walk lock as an access of
 * the simulator between its translation and its copy does (mem.c), and the unmap, having
 * reached its invalidation, must wait for it.
 */
static void agx_slots_unmap_waits_for_access(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_test_pages *p = agx_test_pages(test, 1);
	struct agx_vm *vm = agx_test_vm(test, env);
	struct t_unmap_work u = { .vm = vm };
	int ranges, i;
	bool early;

	agx_test_bind(test, vm);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(vm, 0x4000, p->phys[0], GPU_PAGE,
					    AGX_PROT_GPU_SHARED_RW));
	ranges = atomic_read(&env->tlb.range);
	init_completion(&u.done);
	INIT_WORK_ONSTACK(&u.work, t_unmap_fn);
	read_lock(&env->tlb.walks);
	queue_work(system_unbound_wq, &u.work);
	/* no sleeping under the lock: spin until the unmap invalidates, up to 5 s */
	for (i = 0; i < 5000 && atomic_read(&env->tlb.range) == ranges; i++)
		mdelay(1);
	mdelay(20);
	early = completion_done(&u.done);
	read_unlock(&env->tlb.walks);
	wait_for_completion(&u.done);
	destroy_work_on_stack(&u.work);
	KUNIT_EXPECT_EQ(test, ranges + 1, atomic_read(&env->tlb.range));
	KUNIT_EXPECT_FALSE_MSG(test, early, "the unmap returned during an access");
	KUNIT_EXPECT_EQ(test, 0, u.ret);
}

static void agx_slots_robust_isolation(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_vm *a = agx_test_vm(test, env), *b = agx_test_vm(test, env);

	KUNIT_EXPECT_EQ(test, -EINVAL, agx_mmu_set_user_slots(env->mmu, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_mmu_set_user_slots(env->mmu, 64));
	KUNIT_ASSERT_EQ(test, 0, agx_mmu_set_user_slots(env->mmu, 1));
	KUNIT_EXPECT_EQ(test, 1, agx_vm_bind(a));
	KUNIT_EXPECT_EQ(test, -EBUSY, agx_vm_bind(b));
	agx_vm_unbind(a);
	KUNIT_EXPECT_EQ(test, 1, agx_vm_bind(b));
	KUNIT_EXPECT_EQ(test, -1, agx_vm_current_slot(a));
	agx_vm_unbind(b);
}

/* Handoff lock: CPU threads and a simulated-firmware thread increment one counter. */
#define AGX_HANDOFF_ITERS	3000
#define AGX_HANDOFF_AP_THREADS	2

struct agx_handoff_race {
	struct agx_test_env *env;
	unsigned long counter;
	atomic_t inside;
	atomic_t overlaps;
	atomic_t ap_errors;
	struct completion done[AGX_HANDOFF_AP_THREADS + 1];
};

static void agx_handoff_cs(void *arg)
{
	struct agx_handoff_race *r = arg;
	unsigned long c;

	if (atomic_inc_return(&r->inside) != 1)
		atomic_inc(&r->overlaps);
	c = READ_ONCE(r->counter);
	ndelay(50);
	WRITE_ONCE(r->counter, c + 1);
	atomic_dec(&r->inside);
}

static int agx_handoff_ap_thread(void *arg)
{
	struct agx_handoff_race *r = arg;
	int i;

	for (i = 0; i < AGX_HANDOFF_ITERS; i++) {
		if (agx_handoff_run(r->env->mmu, agx_handoff_cs, r))
			atomic_inc(&r->ap_errors);
		if (!(i % 64))
			cond_resched();
	}
	return 0;
}

static int agx_handoff_fw_thread(void *arg)
{
	struct agx_handoff_race *r = arg;
	int i;

	for (i = 0; i < AGX_HANDOFF_ITERS; i++) {
		agx_sim_handoff_lock(&r->env->mem);
		agx_handoff_cs(r);
		agx_sim_handoff_unlock(&r->env->mem);
		if (!(i % 64))
			cond_resched();
	}
	return 0;
}

struct agx_handoff_thread {
	struct agx_handoff_race *race;
	int (*fn)(void *arg);
	struct completion *done;
};

static int agx_handoff_thread(void *arg)
{
	struct agx_handoff_thread *t = arg;

	t->fn(t->race);
	kthread_complete_and_exit(t->done, 0);
}

static void agx_slots_handoff_mutual_exclusion(struct kunit *test)
{
	struct agx_handoff_race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct agx_handoff_thread t[AGX_HANDOFF_AP_THREADS + 1];
	struct task_struct *task;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->env = agx_test_env(test, false);
	for (i = 0; i <= AGX_HANDOFF_AP_THREADS; i++) {
		init_completion(&r->done[i]);
		t[i].race = r;
		t[i].done = &r->done[i];
		t[i].fn = i < AGX_HANDOFF_AP_THREADS ? agx_handoff_ap_thread :
			agx_handoff_fw_thread;
	}
	for (i = 0; i <= AGX_HANDOFF_AP_THREADS; i++) {
		task = kthread_run(agx_handoff_thread, &t[i], "agx-handoff-%d", i);
		if (IS_ERR(task))
			complete(&r->done[i]);
		KUNIT_EXPECT_FALSE(test, IS_ERR(task));
	}
	for (i = 0; i <= AGX_HANDOFF_AP_THREADS; i++)
		wait_for_completion(&r->done[i]);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&r->overlaps));
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&r->ap_errors));
	KUNIT_EXPECT_EQ(test, r->counter,
			(unsigned long)(AGX_HANDOFF_AP_THREADS + 1) * AGX_HANDOFF_ITERS);
	KUNIT_EXPECT_EQ(test, 0, READ_ONCE(r->env->mmu->handoff->lock_ap));
	KUNIT_EXPECT_EQ(test, 0, READ_ONCE(r->env->mmu->handoff->lock_fw));
}

/* A firmware that never releases the lock: the CPU gives up without touching the TTBAT. */
static void agx_slots_handoff_timeout(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_vm *vm = agx_test_vm(test, env);
	struct agx_handoff *h = env->mmu->handoff;

	WRITE_ONCE(h->lock_fw, 1);
	WRITE_ONCE(h->turn, 1);
	KUNIT_EXPECT_EQ(test, -ETIMEDOUT, agx_vm_bind(vm));
	KUNIT_EXPECT_EQ(test, -1, agx_vm_current_slot(vm));
	KUNIT_EXPECT_EQ(test, 0, READ_ONCE(h->lock_ap));
	WRITE_ONCE(h->turn, 0);
	WRITE_ONCE(h->lock_fw, 0);
	KUNIT_EXPECT_GE(test, agx_test_bind(test, vm), 1);
}

static struct kunit_case agx_slots_cases[] = {
	KUNIT_CASE(agx_slots_kernel_slot0),
	KUNIT_CASE(agx_slots_sticky),
	KUNIT_CASE(agx_slots_pressure),
	KUNIT_CASE(agx_slots_release_on_free),
	KUNIT_CASE(agx_slots_tlb_after_unmap),
	KUNIT_CASE(agx_slots_unmap_waits_for_access),
	KUNIT_CASE(agx_slots_robust_isolation),
	KUNIT_CASE_SLOW(agx_slots_handoff_mutual_exclusion),
	KUNIT_CASE(agx_slots_handoff_timeout),
	{}
};

static struct kunit_suite agx_slots_suite = {
	.name = "agx_slots",
	.test_cases = agx_slots_cases,
};

/* ---- agx_alloc -------------------------------------------------------------------- */

static void agx_test_fwobj_free(void *obj)
{
	agx_fwobj_free(obj);
}

static struct agx_fwobj *agx_test_obj(struct kunit *test, struct agx_test_env *env,
				      enum agx_pool_id pool, size_t size)
{
	struct agx_fwobj *obj = agx_fwobj_alloc(env->mmu, pool, size, "test");

	KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_test_fwobj_free, obj));
	return obj;
}

static void agx_alloc_pools(struct kunit *test)
{
	static const struct {
		enum agx_pool_id id;
		u64 start, end;
		bool fw_w, gpu_r, gpu_w;
	} pools[] = {
		{ AGX_POOL_PRIVATE, AGX_KVA_PRIVATE_START, AGX_KVA_PRIVATE_END, 1, 0, 0 },
		{ AGX_POOL_SHARED, AGX_KVA_SHARED_START, AGX_KVA_SHARED_END, 1, 0, 0 },
		{ AGX_POOL_SHARED_RO, AGX_KVA_SHARED_RO_START, AGX_KVA_SHARED_RO_END, 0, 0, 0 },
		{ AGX_POOL_GPU, AGX_KVA_GPU_START, AGX_KVA_GPU_END, 1, 1, 1 },
		{ AGX_POOL_GPU_RO, AGX_KVA_GPU_RO_START, AGX_KVA_GPU_RO_END, 1, 1, 0 },
	};
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_sim_fault fault;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pools); i++) {
		struct agx_fwobj *a = agx_test_obj(test, env, pools[i].id, 100);
		struct agx_fwobj *b = agx_test_obj(test, env, pools[i].id, 3 * SZ_16K + 5);
		u32 v = 0x1234 + i, got = 0;

		KUNIT_EXPECT_GE(test, a->gpu_va, pools[i].start);
		KUNIT_EXPECT_LT(test, b->gpu_va + b->size, pools[i].end);
		KUNIT_EXPECT_EQ(test, 0, a->gpu_va % AGX_FWOBJ_ALIGN);
		KUNIT_EXPECT_EQ(test, 0, b->gpu_va % AGX_FWOBJ_ALIGN);
		/* written by the CPU, read by the firmware across the object's pages */
		memset(b->cpu, 0x11 * (i + 1), b->size);
		KUNIT_EXPECT_EQ(test, 0, agx_sim_copy_from_gpu(&env->mem, 0, &got,
							       b->gpu_va + 2 * SZ_16K - 2, 4,
							       true, &fault));
		KUNIT_EXPECT_EQ(test, got, 0x01010101U * (0x11 * (i + 1)));
		*(u32 *)a->cpu = v;
		KUNIT_EXPECT_EQ(test, 0, agx_sim_copy_from_gpu(&env->mem, 0, &got, a->gpu_va, 4,
							       true, &fault));
		KUNIT_EXPECT_EQ(test, got, v);
		KUNIT_EXPECT_EQ(test, pools[i].fw_w ? 0 : AGX_SIM_FAULT_PERM,
				agx_test_xlate(env, 0, a->gpu_va, AGX_SIM_WRITE, true, NULL, NULL));
		KUNIT_EXPECT_EQ(test, pools[i].gpu_r ? 0 : AGX_SIM_FAULT_PERM,
				agx_test_xlate(env, 0, a->gpu_va, AGX_SIM_READ, false, NULL, NULL));
		KUNIT_EXPECT_EQ(test, pools[i].gpu_w ? 0 : AGX_SIM_FAULT_PERM,
				agx_test_xlate(env, 0, a->gpu_va, AGX_SIM_WRITE, false, NULL,
					       NULL));
	}
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_fwobj_alloc(env->mmu, AGX_POOL_COUNT, 8, "x")));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_fwobj_alloc(env->mmu, AGX_POOL_GPU, 0, "x")));
}

/* A block is followed by an unmapped guard page; a big object gets a block of its own. */
static void agx_alloc_blocks_and_guard(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_pool *pool = &env->mmu->pools[AGX_POOL_GPU];	/* 64 KiB blocks */
	struct agx_fwobj *a = agx_test_obj(test, env, AGX_POOL_GPU, SZ_64K - 0x80);
	struct agx_fwobj *b, *big;

	KUNIT_EXPECT_EQ(test, a->gpu_va, AGX_KVA_GPU_START);
	KUNIT_EXPECT_EQ(test, AGX_SIM_FAULT_UNMAPPED,
			agx_test_xlate(env, 0, AGX_KVA_GPU_START + SZ_64K, AGX_SIM_READ, true,
				       NULL, NULL));
	b = agx_test_obj(test, env, AGX_POOL_GPU, 0x100);	/* does not fit: new block */
	KUNIT_EXPECT_EQ(test, b->gpu_va, AGX_KVA_GPU_START + SZ_64K + SZ_16K);
	big = agx_test_obj(test, env, AGX_POOL_GPU, SZ_256K + 1);
	KUNIT_EXPECT_EQ(test, big->gpu_va, AGX_KVA_GPU_START + 2 * (SZ_64K + SZ_16K));
	memset(big->cpu, 0x77, big->size);
	KUNIT_EXPECT_EQ(test, pool->top, AGX_KVA_GPU_START + 2 * (SZ_64K + SZ_16K) +
			SZ_256K + SZ_16K + SZ_16K);
}

/* A pool whose range is used up fails with -ENOSPC and changes nothing. */
static void agx_alloc_exhausted(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_pool *pool = &env->mmu->pools[AGX_POOL_GPU];	/* 64 KiB blocks */
	struct agx_fwobj *a;
	long tables;

	/* shrink the range to one block and its guard (the real one is 8 GiB) */
	pool->end = pool->start + SZ_64K + SZ_16K;
	a = agx_test_obj(test, env, AGX_POOL_GPU, SZ_32K);
	tables = agx_pgtables_allocated();
	KUNIT_EXPECT_EQ(test, -ENOSPC, PTR_ERR(agx_fwobj_alloc(env->mmu, AGX_POOL_GPU,
							       SZ_32K + 1, "x")));
	KUNIT_EXPECT_EQ(test, pool->top, pool->end);
	KUNIT_EXPECT_EQ(test, tables, agx_pgtables_allocated());
	KUNIT_EXPECT_EQ(test, 4L, atomic_long_read(&env->mmu->nr_chunks));
	/* what still fits is still allocated */
	KUNIT_EXPECT_NE(test, a->gpu_va, agx_test_obj(test, env, AGX_POOL_GPU, SZ_16K)->gpu_va);
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_fwobj_alloc(env->mmu, AGX_POOL_GPU,
							       SZ_1G + 1, "x")));
}

static void agx_alloc_reuse_after_flush(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_fwobj *a = agx_fwobj_alloc(env->mmu, AGX_POOL_PRIVATE, 256, "a");
	struct agx_fwobj *b, *c;
	u64 va;

	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	va = a->gpu_va;
	agx_fwobj_free(a);
	KUNIT_EXPECT_EQ(test, 1, env->mmu->pools[AGX_POOL_PRIVATE].garbage_count);
	b = agx_test_obj(test, env, AGX_POOL_PRIVATE, 256);
	KUNIT_EXPECT_NE(test, b->gpu_va, va);	/* not reused before the flush */
	/* the freed object stays mapped: the firmware may still touch it */
	KUNIT_EXPECT_EQ(test, 0, agx_test_xlate(env, 0, va, AGX_SIM_READ, true, NULL, NULL));
	/* a failed flush collects nothing */
	env->flush_ret = -EIO;
	KUNIT_EXPECT_EQ(test, -EIO, agx_mmu_flush_and_collect(env->mmu));
	KUNIT_EXPECT_EQ(test, 1, env->mmu->pools[AGX_POOL_PRIVATE].garbage_count);
	c = agx_test_obj(test, env, AGX_POOL_PRIVATE, 256);
	KUNIT_EXPECT_NE(test, c->gpu_va, va);
	env->flush_ret = 0;
	KUNIT_EXPECT_EQ(test, 1, agx_mmu_flush_and_collect(env->mmu));
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&env->flushes));
	KUNIT_EXPECT_EQ(test, 0, env->mmu->pools[AGX_POOL_PRIVATE].garbage_count);
	c = agx_test_obj(test, env, AGX_POOL_PRIVATE, 256);
	KUNIT_EXPECT_EQ(test, c->gpu_va, va);	/* best fit: a's hole */
	/* uncached pools reuse at once */
	a = agx_fwobj_alloc(env->mmu, AGX_POOL_SHARED, 256, "a");
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	va = a->gpu_va;
	agx_fwobj_free(a);
	c = agx_test_obj(test, env, AGX_POOL_SHARED, 256);
	KUNIT_EXPECT_EQ(test, c->gpu_va, va);
}

static void agx_alloc_gc_thresholds(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_pool *gpu_ro = &env->mmu->pools[AGX_POOL_GPU_RO];
	struct agx_fwobj **objs;
	unsigned int i;

	objs = kunit_kcalloc(test, AGX_GC_MAX_OBJECTS + 1, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i <= AGX_GC_MAX_OBJECTS; i++) {
		objs[i] = agx_fwobj_alloc(env->mmu, AGX_POOL_GPU_RO, 64, "gc");
		KUNIT_ASSERT_FALSE(test, IS_ERR(objs[i]));
	}
	for (i = 0; i < AGX_GC_MAX_OBJECTS; i++)
		agx_fwobj_free(objs[i]);
	KUNIT_EXPECT_EQ(test, 0, agx_mmu_gc(env->mmu));	/* 2048: not yet */
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&env->flushes));
	agx_fwobj_free(objs[AGX_GC_MAX_OBJECTS]);
	KUNIT_EXPECT_EQ(test, AGX_GC_MAX_OBJECTS + 1, agx_mmu_gc(env->mmu));
	KUNIT_EXPECT_EQ(test, 1, atomic_read(&env->flushes));
	KUNIT_EXPECT_EQ(test, 0, gpu_ro->garbage_count);
	KUNIT_EXPECT_EQ(test, 0ULL, gpu_ro->garbage_bytes);

	/* bytes: 16 MiB of garbage is not enough, one more object is */
	for (i = 0; i < 17; i++) {
		objs[i] = agx_fwobj_alloc(env->mmu, AGX_POOL_PRIVATE,
					  i < 16 ? SZ_1M - AGX_FWOBJ_ALIGN : 64, "big");
		KUNIT_ASSERT_FALSE(test, IS_ERR(objs[i]));
	}
	for (i = 0; i < 16; i++)
		agx_fwobj_free(objs[i]);
	KUNIT_EXPECT_EQ(test, (u64)SZ_16M - 16 * AGX_FWOBJ_ALIGN,
			env->mmu->pools[AGX_POOL_PRIVATE].garbage_bytes);
	KUNIT_EXPECT_EQ(test, 0, agx_mmu_gc(env->mmu));
	objs[0] = agx_fwobj_alloc(env->mmu, AGX_POOL_PRIVATE, 16 * AGX_FWOBJ_ALIGN, "x");
	KUNIT_ASSERT_FALSE(test, IS_ERR(objs[0]));
	agx_fwobj_free(objs[0]);
	agx_fwobj_free(objs[16]);
	KUNIT_EXPECT_EQ(test, 18, agx_mmu_gc(env->mmu));
	KUNIT_EXPECT_EQ(test, 2, atomic_read(&env->flushes));
}

static void agx_alloc_debug_preamble(struct kunit *test)
{
	struct agx_test_env *env = agx_test_env(test, true);
	struct agx_fwobj *a = agx_fwobj_alloc(env->mmu, AGX_POOL_PRIVATE, 200, "queue_info");
	struct agx_fwobj *b = agx_fwobj_alloc(env->mmu, AGX_POOL_SHARED, 200, "ring");
	struct agx_alloc_debug dbg;
	struct agx_sim_fault fault;
	u64 va_a, va_b;

	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_EXPECT_EQ(test, 0, a->gpu_va % AGX_FWOBJ_ALIGN);
	KUNIT_EXPECT_EQ(test, 0, agx_sim_check_object(&env->mem, a->gpu_va));
	KUNIT_EXPECT_EQ(test, 0, agx_sim_check_object(&env->mem, b->gpu_va));
	KUNIT_ASSERT_EQ(test, 0, agx_sim_copy_from_gpu(&env->mem, 0, &dbg,
						       a->gpu_va - sizeof(dbg), sizeof(dbg),
						       true, &fault));
	KUNIT_EXPECT_EQ(test, dbg.size, 200ULL);
	KUNIT_EXPECT_EQ(test, dbg.obj_gpuva, a->gpu_va);
	KUNIT_EXPECT_EQ(test, dbg.base_gpuva, a->gpu_va - sizeof(dbg));
	KUNIT_EXPECT_STREQ(test, dbg.name, "queue_info");
	/* not an object start */
	KUNIT_EXPECT_EQ(test, -EINVAL, agx_sim_check_object(&env->mem, a->gpu_va + 0x80));
	/* use after free: the firmware sees DEAD (the CPU-side handles are gone) */
	va_a = a->gpu_va;
	va_b = b->gpu_va;
	agx_fwobj_free(a);
	KUNIT_EXPECT_EQ(test, -ESTALE, agx_sim_check_object(&env->mem, va_a));
	agx_fwobj_free(b);
	KUNIT_EXPECT_EQ(test, -ESTALE, agx_sim_check_object(&env->mem, va_b));
	/* unmapped */
	KUNIT_EXPECT_EQ(test, -EFAULT, agx_sim_check_object(&env->mem, AGX_KVA_GPU_START + 0x80));
}

static void agx_test_heap_put(void *heap)
{
	agx_heap_put(heap);
}

/* The user VM's kernel range: two halves, 32 KiB aligned, mapped only in that VM. */
static void agx_alloc_heap(struct kunit *test)
{
	const u64 start = AGX_UVA_END - SZ_64M, mid = start + SZ_32M;
	struct agx_test_env *env = agx_test_env(test, false);
	struct agx_vm *vm = agx_vm_create(env->mmu, AGX_UVA_START, AGX_UVA_END);
	struct agx_fwobj *a, *b, *c;
	struct agx_heap *heap;

	KUNIT_ASSERT_FALSE(test, IS_ERR(vm));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_heap_create(vm, 0, SZ_1M)));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_heap_create(vm, start, AGX_UVA_END + 1)));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_heap_create(vm, start, start + SZ_64K)));
	heap = agx_heap_create(vm, start, AGX_UVA_END);
	agx_vm_put(vm);
	KUNIT_ASSERT_FALSE(test, IS_ERR(heap));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_test_heap_put, heap));
	KUNIT_EXPECT_PTR_EQ(test, agx_heap_vm(heap), vm);
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_heap_alloc(heap, AGX_HEAP_COUNT, 8, "x")));
	KUNIT_EXPECT_EQ(test, -EINVAL, PTR_ERR(agx_heap_alloc(heap, AGX_HEAP_GPU, 0, "x")));
	a = agx_heap_alloc(heap, AGX_HEAP_GPU, 0x80, "scene");
	b = agx_heap_alloc(heap, AGX_HEAP_GPU_FW, 3 * SZ_32K + 1, "page_list");
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	KUNIT_EXPECT_GE(test, a->gpu_va, start);
	KUNIT_EXPECT_LE(test, a->gpu_va + a->size, mid);
	KUNIT_EXPECT_GE(test, b->gpu_va, mid);
	KUNIT_EXPECT_LE(test, b->gpu_va + b->size, AGX_UVA_END);
	KUNIT_EXPECT_EQ(test, 0, a->gpu_va % AGX_HEAP_ALIGN);
	KUNIT_EXPECT_EQ(test, 0, b->gpu_va % AGX_HEAP_ALIGN);
	memset(b->cpu, 0x5a, b->size);
	/* after the first block: an object of 3 blocks' size gets an aligned block of its own */
	c = agx_heap_alloc(heap, AGX_HEAP_GPU, 3 * SZ_512K, "tilemap");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(c), "large object: %ld", PTR_ERR(c));
	KUNIT_EXPECT_EQ(test, 0, c->gpu_va % AGX_HEAP_ALIGN);
	KUNIT_EXPECT_LE(test, c->gpu_va + c->size, mid);
	agx_fwobj_free(c);
	agx_fwobj_free(a);
	agx_fwobj_free(b);
}

static struct kunit_case agx_alloc_cases[] = {
	KUNIT_CASE(agx_alloc_pools),
	KUNIT_CASE(agx_alloc_blocks_and_guard),
	KUNIT_CASE(agx_alloc_exhausted),
	KUNIT_CASE(agx_alloc_reuse_after_flush),
	KUNIT_CASE_SLOW(agx_alloc_gc_thresholds),
	KUNIT_CASE(agx_alloc_debug_preamble),
	KUNIT_CASE(agx_alloc_heap),
	{}
};

static struct kunit_suite agx_alloc_suite = {
	.name = "agx_alloc",
	.test_cases = agx_alloc_cases,
};

/* ---- agx_sim_walk: the walker on hand-built tables ---------------------------------- */

struct agx_walk_env {
	struct agx_test_env env;	/* only .mem is used */
	struct agx_test_pages *p;	/* 0 TTBAT, 1 L2, 2 L1, 3 L0, 4..5 data */
	struct agx_ttbat_entry *ttbat;
	u64 *l2, *l1, *l0;
};

#define WALK_SLOT	5
#define WALK_VA		0x1234560000ULL	/* L2 1, L1 0x11a, L0 0x158 */

static struct agx_walk_env *agx_walk_env(struct kunit *test)
{
	struct agx_walk_env *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, w);
	w->p = agx_test_pages(test, 6);
	w->ttbat = w->p->cpu[0];
	w->l2 = w->p->cpu[1];
	w->l1 = w->p->cpu[2];
	w->l0 = w->p->cpu[3];
	agx_sim_mem_init(&w->env.mem, w->p->phys[0], 0, NULL);
	w->ttbat[WALK_SLOT].ttb0 = w->p->phys[1] | AGX_TTBR_VALID | (u64)WALK_SLOT << 48;
	w->l2[AGX_UAT_IDX(WALK_VA, 2)] = w->p->phys[2] | AGX_PTE_TYPE_MASK;
	w->l1[AGX_UAT_IDX(WALK_VA, 1)] = w->p->phys[3] | AGX_PTE_TYPE_MASK;
	w->l0[AGX_UAT_IDX(WALK_VA, 0)] = w->p->phys[4] |
		AGX_PTE_PROT(AGX_AP_GPU, 1, 0, AGX_MEMATTR_UNCACHED);
	w->l0[AGX_UAT_IDX(WALK_VA, 0) + 1] = w->p->phys[5] |
		AGX_PTE_PROT(AGX_AP_GPU, 1, 0, AGX_MEMATTR_UNCACHED);
	return w;
}

static void agx_walk_expect(struct kunit *test, struct agx_walk_env *w, u32 slot, u64 va,
			    int level, enum agx_sim_fault_reason reason)
{
	struct agx_sim_fault fault;
	phys_addr_t pa;

	KUNIT_EXPECT_EQ(test, -EFAULT, agx_sim_translate(&w->env.mem, slot, va, AGX_SIM_READ,
							 false, &pa, &fault));
	KUNIT_EXPECT_EQ(test, fault.level, level);
	KUNIT_EXPECT_EQ(test, fault.reason, reason);
	KUNIT_EXPECT_EQ(test, fault.slot, slot);
	KUNIT_EXPECT_EQ(test, fault.va, va);
}

static void agx_sim_walk_levels(struct kunit *test)
{
	struct agx_walk_env *w = agx_walk_env(test);
	struct agx_sim_fault fault;
	phys_addr_t pa;

	KUNIT_EXPECT_EQ(test, 0x1, AGX_UAT_IDX(WALK_VA, 2));
	KUNIT_EXPECT_EQ(test, 0x11a, AGX_UAT_IDX(WALK_VA, 1));
	KUNIT_EXPECT_EQ(test, 0x158, AGX_UAT_IDX(WALK_VA, 0));
	KUNIT_ASSERT_EQ(test, 0, agx_sim_translate(&w->env.mem, WALK_SLOT, WALK_VA + 0x123,
						   AGX_SIM_READ, false, &pa, &fault));
	KUNIT_EXPECT_EQ(test, pa, w->p->phys[4] + 0x123);
	/* another slot, an invalid TTBR, a non-canonical VA, the upper half without ttb1 */
	agx_walk_expect(test, w, WALK_SLOT + 1, WALK_VA, 3, AGX_SIM_FAULT_UNMAPPED);
	agx_walk_expect(test, w, 64, WALK_VA, 3, AGX_SIM_FAULT_UNMAPPED);
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA | BIT_ULL(45), 3, AGX_SIM_FAULT_UNMAPPED);
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA | ~AGX_UAT_IAS_MASK, 3,
			AGX_SIM_FAULT_UNMAPPED);
	/* leaf missing, L1 entry missing, L2 entry missing */
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA + 2 * GPU_PAGE, 0, AGX_SIM_FAULT_UNMAPPED);
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA + L0_SPAN, 1, AGX_SIM_FAULT_UNMAPPED);
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA + L1_SPAN, 2, AGX_SIM_FAULT_UNMAPPED);
	/* a descriptor with only the valid bit is not a table */
	w->l1[AGX_UAT_IDX(WALK_VA, 1)] &= ~AGX_PTE_TYPE;
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA, 1, AGX_SIM_FAULT_UNMAPPED);
	w->l1[AGX_UAT_IDX(WALK_VA, 1)] |= AGX_PTE_TYPE;
	/* access flag */
	w->l0[AGX_UAT_IDX(WALK_VA, 0)] &= ~AGX_PTE_AF;
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA, 0, AGX_SIM_FAULT_AF);
	w->l0[AGX_UAT_IDX(WALK_VA, 0)] |= AGX_PTE_AF;
	/* permission: the firmware cannot touch a GPU-only page */
	KUNIT_EXPECT_EQ(test, -EFAULT, agx_sim_translate(&w->env.mem, WALK_SLOT, WALK_VA,
							 AGX_SIM_READ, true, &pa, &fault));
	KUNIT_EXPECT_EQ(test, fault.reason, AGX_SIM_FAULT_PERM);
	KUNIT_EXPECT_TRUE(test, fault.fw);
	/* ASID must equal the slot */
	w->ttbat[WALK_SLOT].ttb0 ^= (u64)1 << 48;
	agx_walk_expect(test, w, WALK_SLOT, WALK_VA, 3, AGX_SIM_FAULT_ASID);
	w->ttbat[WALK_SLOT].ttb0 ^= (u64)1 << 48;
	/* the upper half goes through ttb1 with the same tables */
	w->ttbat[WALK_SLOT].ttb1 = w->ttbat[WALK_SLOT].ttb0;
	KUNIT_EXPECT_EQ(test, 0, agx_sim_translate(&w->env.mem, WALK_SLOT,
						   WALK_VA | ~AGX_UAT_IAS_MASK, AGX_SIM_READ,
						   false, &pa, &fault));
	KUNIT_EXPECT_EQ(test, pa, w->p->phys[4]);
}

static void agx_sim_walk_copy(struct kunit *test)
{
	struct agx_walk_env *w = agx_walk_env(test);
	const size_t len = GPU_PAGE / 4;
	u8 *buf = kunit_kzalloc(test, len, GFP_KERNEL);
	struct agx_sim_fault fault;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < len; i++)
		buf[i] = i;
	/* the two GPU pages are not physically adjacent: the copy is split */
	KUNIT_ASSERT_EQ(test, 0, agx_sim_copy_to_gpu(&w->env.mem, WALK_SLOT,
						     WALK_VA + GPU_PAGE - 100, buf, len,
						     false, &fault));
	KUNIT_EXPECT_EQ(test, 0, memcmp(w->p->cpu[4] + GPU_PAGE - 100, buf, 100));
	KUNIT_EXPECT_EQ(test, 0, memcmp(w->p->cpu[5], buf + 100, len - 100));
	memset(buf, 0, len);
	KUNIT_ASSERT_EQ(test, 0, agx_sim_copy_from_gpu(&w->env.mem, WALK_SLOT, buf,
						       WALK_VA + GPU_PAGE - 100, len,
						       false, &fault));
	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ(test, buf[i], (u8)i);
	/* a copy running into an unmapped page stops there */
	KUNIT_EXPECT_EQ(test, -EFAULT, agx_sim_copy_from_gpu(&w->env.mem, WALK_SLOT, buf,
							     WALK_VA + 2 * GPU_PAGE - 8, 16,
							     false, &fault));
	KUNIT_EXPECT_EQ(test, fault.va, WALK_VA + 2 * GPU_PAGE);
	KUNIT_EXPECT_EQ(test, fault.level, 0);
	KUNIT_EXPECT_EQ(test, fault.reason, AGX_SIM_FAULT_UNMAPPED);
}

static struct kunit_case agx_sim_walk_cases[] = {
	KUNIT_CASE(agx_sim_walk_levels),
	KUNIT_CASE(agx_sim_walk_copy),
	{}
};

static struct kunit_suite agx_sim_walk_suite = {
	.name = "agx_sim_walk",
	.test_cases = agx_sim_walk_cases,
};

/* ---- agx_mmu_fault: failslab fail-nth injection ------------------------------------ */

/* fail-nth needs CONFIG_FAULT_INJECTION and failslab: the debug kernel has both. */
#if IS_ENABLED(CONFIG_FAILSLAB) && IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)

struct agx_fail_op {
	int (*run)(struct kunit *test, void *ctx);	/* 0 or -errno; state unchanged on error */
	void (*check_unchanged)(struct kunit *test, void *ctx);
	void (*undo)(struct kunit *test, void *ctx);	/* after a success */
};

#define AGX_FAIL_MAX_N	400

/* Fail the n-th slab allocation of @op for n = 1, 2, ... until @op needs fewer than n. */
static void agx_fail_nth_loop(struct kunit *test, const struct agx_fail_op *op, void *ctx)
{
	unsigned int n, failures = 0, left;
	int ret;

	for (n = 1; n < AGX_FAIL_MAX_N; n++) {
		current->fail_nth = n;
		ret = op->run(test, ctx);
		left = current->fail_nth;
		current->fail_nth = 0;
		if (ret) {
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "n = %u", n);
			op->check_unchanged(test, ctx);
			failures++;
			continue;
		}
		op->undo(test, ctx);
		op->check_unchanged(test, ctx);
		if (left)	/* finished before the n-th allocation: all points covered */
			break;
	}
	KUNIT_EXPECT_LT(test, n, AGX_FAIL_MAX_N);
	KUNIT_EXPECT_GT(test, failures, 0U);
	kunit_info(test, "%u injected failures, all clean\n", failures);
}

struct agx_fail_map_ctx {
	struct agx_test_env *env;
	struct agx_vm *vm;
	struct agx_test_pages *p;
	long tables;
	u64 va;
};

static int agx_fail_map_run(struct kunit *test, void *data)
{
	struct agx_fail_map_ctx *c = data;

	return agx_vm_map_pages(c->vm, c->va, c->p->phys, c->p->n, AGX_PROT_GPU_SHARED_RW);
}

static void agx_fail_map_check(struct kunit *test, void *data)
{
	struct agx_fail_map_ctx *c = data;

	KUNIT_EXPECT_EQ(test, c->tables, agx_pgtables_allocated());
	KUNIT_EXPECT_EQ(test, 1, c->vm->pt.nr_tables);
	KUNIT_EXPECT_TRUE(test, agx_test_unmapped(c->env, agx_vm_current_slot(c->vm), c->va,
						  (u64)c->p->n * GPU_PAGE));
}

static void agx_fail_map_undo(struct kunit *test, void *data)
{
	struct agx_fail_map_ctx *c = data;

	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(c->vm, c->va, (u64)c->p->n * GPU_PAGE));
}

static void agx_mmu_fault_map(struct kunit *test)
{
	static const struct agx_fail_op op = {
		agx_fail_map_run, agx_fail_map_check, agx_fail_map_undo,
	};
	struct agx_fail_map_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->env = agx_test_env(test, false);
	c->p = agx_test_pages(test, 3);
	c->vm = agx_test_vm(test, c->env);
	agx_test_bind(test, c->vm);
	c->va = L1_SPAN - GPU_PAGE;	/* needs two L1 and two L0 tables */
	c->tables = agx_pgtables_allocated();
	agx_failslab_enable(test);
	agx_fail_nth_loop(test, &op, c);
}

struct agx_fail_alloc_ctx {
	struct agx_mmu *mmu;
	struct agx_sim_tlb tlb;
	struct agx_fwobj *obj;
	long tables;
};

static void agx_fail_alloc_destroy(void *data)
{
	struct agx_fail_alloc_ctx *c = data;

	agx_mmu_destroy(c->mmu);
}

static struct agx_mmu *agx_fail_alloc_mmu(struct agx_fail_alloc_ctx *c)
{
	struct agx_mmu_config cfg = { .tlb = &agx_sim_tlb_ops, .tlb_priv = &c->tlb };

	agx_sim_tlb_init(&c->tlb);
	return agx_mmu_create(NULL, &cfg);
}

static int agx_fail_alloc_run(struct kunit *test, void *data)
{
	struct agx_fail_alloc_ctx *c = data;

	c->obj = agx_fwobj_alloc(c->mmu, AGX_POOL_SHARED, 0x1000, "inject");
	return PTR_ERR_OR_ZERO(c->obj);
}

static void agx_fail_alloc_check(struct kunit *test, void *data)
{
	struct agx_fail_alloc_ctx *c = data;
	struct agx_pool *pool = &c->mmu->pools[AGX_POOL_SHARED];
	struct agx_sim_mem mem;
	struct agx_sim_fault fault;
	phys_addr_t pa;

	agx_sim_mem_init(&mem, c->mmu->ttbat_phys, c->mmu->handoff_phys, &c->tlb);
	KUNIT_EXPECT_EQ(test, c->tables, agx_pgtables_allocated());
	KUNIT_EXPECT_EQ(test, 0, atomic_long_read(&c->mmu->nr_chunks));
	KUNIT_EXPECT_EQ(test, pool->top, pool->start);
	KUNIT_EXPECT_TRUE(test, list_empty(&pool->blocks));
	KUNIT_EXPECT_TRUE(test, drm_mm_clean(&pool->mm));
	KUNIT_EXPECT_EQ(test, -EFAULT, agx_sim_translate(&mem, 0, pool->start, AGX_SIM_READ,
							 true, &pa, &fault));
}

/* After a success: start again from a fresh MMU so that the heap has to grow again. */
static void agx_fail_alloc_undo(struct kunit *test, void *data)
{
	struct agx_fail_alloc_ctx *c = data;

	agx_fwobj_free(c->obj);
	agx_mmu_destroy(c->mmu);
	c->mmu = agx_fail_alloc_mmu(c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mmu));
}

static void agx_mmu_fault_pool_grow(struct kunit *test)
{
	static const struct agx_fail_op op = {
		agx_fail_alloc_run, agx_fail_alloc_check, agx_fail_alloc_undo,
	};
	struct agx_fail_alloc_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->tables = agx_pgtables_allocated();
	c->mmu = agx_fail_alloc_mmu(c);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->mmu));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_fail_alloc_destroy, c));
	c->tables = agx_pgtables_allocated();
	agx_failslab_enable(test);
	agx_fail_nth_loop(test, &op, c);
}

struct agx_fail_create_ctx {
	struct agx_test_env *env;	/* for VM creation */
	struct agx_mmu *mmu;
	struct agx_vm *vm;
	struct agx_sim_tlb tlb;
	long tables;
};

static int agx_fail_mmu_run(struct kunit *test, void *data)
{
	struct agx_fail_create_ctx *c = data;
	struct agx_mmu_config cfg = { .tlb = &agx_sim_tlb_ops, .tlb_priv = &c->tlb };

	agx_sim_tlb_init(&c->tlb);
	c->mmu = agx_mmu_create(NULL, &cfg);
	return PTR_ERR_OR_ZERO(c->mmu);
}

static void agx_fail_create_check(struct kunit *test, void *data)
{
	struct agx_fail_create_ctx *c = data;

	KUNIT_EXPECT_EQ(test, c->tables, agx_pgtables_allocated());
}

static void agx_fail_mmu_undo(struct kunit *test, void *data)
{
	struct agx_fail_create_ctx *c = data;

	agx_mmu_destroy(c->mmu);
}

static int agx_fail_vm_run(struct kunit *test, void *data)
{
	struct agx_fail_create_ctx *c = data;

	c->vm = agx_vm_create(c->env->mmu, AGX_UVA_START, AGX_UVA_END);
	return PTR_ERR_OR_ZERO(c->vm);
}

static void agx_fail_vm_undo(struct kunit *test, void *data)
{
	struct agx_fail_create_ctx *c = data;

	agx_vm_put(c->vm);
}

static void agx_mmu_fault_create(struct kunit *test)
{
	static const struct agx_fail_op mmu_op = {
		agx_fail_mmu_run, agx_fail_create_check, agx_fail_mmu_undo,
	};
	static const struct agx_fail_op vm_op = {
		agx_fail_vm_run, agx_fail_create_check, agx_fail_vm_undo,
	};
	struct agx_fail_create_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->env = agx_test_env(test, false);
	c->tables = agx_pgtables_allocated();
	agx_failslab_enable(test);
	agx_fail_nth_loop(test, &mmu_op, c);
	agx_fail_nth_loop(test, &vm_op, c);
}

#else /* !CONFIG_FAILSLAB */

static void agx_mmu_fault_unavailable(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_FAILSLAB and CONFIG_FAULT_INJECTION_DEBUG_FS");
}

#define agx_mmu_fault_map agx_mmu_fault_unavailable
#define agx_mmu_fault_pool_grow agx_mmu_fault_unavailable
#define agx_mmu_fault_create agx_mmu_fault_unavailable

#endif /* CONFIG_FAILSLAB */

static struct kunit_case agx_mmu_fault_cases[] = {
	KUNIT_CASE(agx_mmu_fault_map),
	KUNIT_CASE_SLOW(agx_mmu_fault_pool_grow),
	KUNIT_CASE(agx_mmu_fault_create),
	{}
};

static struct kunit_suite agx_mmu_fault_suite = {
	.name = "agx_mmu_fault",
	.test_cases = agx_mmu_fault_cases,
};

kunit_test_suites(&agx_uat_suite, &agx_slots_suite, &agx_alloc_suite, &agx_sim_walk_suite,
		  &agx_mmu_fault_suite);

MODULE_DESCRIPTION("KUnit tests of the AGX GPU memory management and the simulator walker");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
