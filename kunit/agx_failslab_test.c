// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx init paths under failslab fail-nth injection
 *
 * The KUnit suite ``agx_failslab`` fails every slab and page allocation of each init path
 * in turn (page allocations where the kernel has CONFIG_FAIL_PAGE_ALLOC, as the debug
 * kernel does: page tables, pool blocks, the simulated device's memory):
 * the task's fail-nth is set to n = 1, 2, ... and the path is run until it no longer reaches
 * its n-th allocation. Each failure must return -ENOMEM and leave nothing behind (page
 * tables, firmware objects, event slots, fences, GPU, VM and dependency references, the
 * device binding); after a failure the next attempt must work, and teardown must not crash.
 * Paths: GPU probe and firmware boot (without the DRM device: agx_drm_enabled), VM
 * creation, AGX queue creation (jq_queue_create() under it) and job submission with two
 * dependencies (jq_job_init(), jq_job_add_dependency() under it). kmemleak, scanned by the
 * harness after the run, catches leaked memory the counters do not see.
 */

#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-fence.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <agx/fw/sim_link.h>
#include <jq/jobqueue.h>

#include "agx_drv.h"
#include "drm/agx_drm.h"
#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"
#include "agx_test_failslab.h"
#include "jq_test_hw.h"

#define T_BUF_VA	0x1000000ULL
#define T_WAIT		(20 * HZ)
#define T_SETTLE_MS	2000
#define T_FAIL_MAX_N	2000
/* two dependencies: the second needs an xarray node in jq_job_add_dependency() */
#define T_DEPS		2

/* fail-nth needs CONFIG_FAULT_INJECTION and failslab: the debug kernel has both. */
#if IS_ENABLED(CONFIG_FAILSLAB) && IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)

/**
 * struct t_fail_op - one init path under injection
 * @name: for messages.
 * @prepare: optional, run before each attempt, outside injection.
 * @run: the path; 0 or -errno.
 * @failed: after a failed attempt: checks that nothing is left behind.
 * @succeeded: after a successful attempt: uses the result, tears it down, checks.
 */
struct t_fail_op {
	const char *name;
	void (*prepare)(struct kunit *test, void *ctx);
	int (*run)(struct kunit *test, void *ctx);
	void (*failed)(struct kunit *test, void *ctx);
	void (*succeeded)(struct kunit *test, void *ctx);
};

/*
 * Fail the n-th slab or page allocation of @op for n = 1, 2, ... until @op needs fewer than n.
 * An attempt that succeeds although its n-th allocation failed (the path tolerates that
 * one: a uevent, a debugfs file) is torn down and the loop goes on.
 */
static void t_fail_nth_loop(struct kunit *test, const struct t_fail_op *op, void *ctx)
{
	unsigned int n, failures = 0, tolerated = 0, left;
	int ret;

	for (n = 1; n < T_FAIL_MAX_N; n++) {
		if (op->prepare)
			op->prepare(test, ctx);
		current->fail_nth = n;
		ret = op->run(test, ctx);
		left = current->fail_nth;
		current->fail_nth = 0;
		if (ret) {
			KUNIT_EXPECT_EQ_MSG(test, ret, -ENOMEM, "%s: n = %u", op->name, n);
			op->failed(test, ctx);
			failures++;
			continue;
		}
		op->succeeded(test, ctx);
		if (left)	/* finished before the n-th allocation: all points covered */
			break;
		tolerated++;
	}
	KUNIT_EXPECT_LT(test, n, T_FAIL_MAX_N);
	KUNIT_EXPECT_GT(test, failures, 0U);
	kunit_info(test, "%s: %u allocations failed in turn, %u returned -ENOMEM, %u tolerated\n",
		   op->name, n - 1, failures, tolerated);
}

/* What an init path may leave behind; compared with a baseline once everything settled. */
struct t_snap {
	unsigned int live[AGX_POOL_COUNT];
	long tables;	/* without the kernel VMs' */
	unsigned long fences;
	unsigned int gpu_ref;
	unsigned int vm_ref;
	unsigned int slots;
};

static long t_vm_tables(struct agx_vm *vm)
{
	long n;

	mutex_lock(&vm->lock);
	n = vm->pt.nr_tables;
	mutex_unlock(&vm->lock);
	return n;
}

static void t_snap_take(struct agx_gpu *gpu, struct agx_vm *vm, struct t_snap *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->tables = agx_pgtables_allocated();
	s->fences = jq_fences_alive();
	if (!gpu)
		return;
	/* the kernel VMs' tables map pool blocks, which pools keep as a cache */
	s->tables -= t_vm_tables(gpu->mmu->kernel_vm) + t_vm_tables(gpu->mmu->kernel_lo);
	for (i = 0; i < AGX_POOL_COUNT; i++) {
		struct agx_pool *p = &gpu->mmu->pools[i];

		mutex_lock(&p->lock);
		s->live[i] = p->live;
		mutex_unlock(&p->lock);
	}
	s->gpu_ref = kref_read(&gpu->ref);
	s->vm_ref = vm ? kref_read(&vm->ref) : 0;
	for (i = 0; i < AGX_NUM_EVENTS; i++)
		s->slots += !!agx_event_owner(gpu, i);
}

/*
 * Before a baseline: the GPUs of earlier cases are freed from agx.ko's release workqueue,
 * after the case that dropped them returned, and their kernel VMs' page tables count in
 * the global table count. Flush it and wait until the count is stable for 50 ms (2 s at
 * most), so that such a late release is not taken for a leak of this case.
 */
static void t_quiesce(struct agx_gpu *gpu)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(2000);
	long last = -1, now;
	unsigned int stable = 0;

	while (stable < 5 && time_before(jiffies, deadline)) {
		if (gpu) {
			flush_workqueue(gpu->wq);
			flush_workqueue(gpu->release_wq);
		}
		now = agx_pgtables_allocated();
		stable = now == last ? stable + 1 : 0;
		last = now;
		usleep_range(10000, 11000);
	}
}

/*
 * Releases finish on workqueues (free_job, DestroyContext, the GPU's release work): wait
 * up to T_SETTLE_MS for the counters to come back, then compare them one by one.
 */
static void t_settled(struct kunit *test, struct agx_gpu *gpu, struct agx_vm *vm,
		      const struct t_snap *base, const char *what)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(T_SETTLE_MS);
	struct t_snap now;
	unsigned int i;

	for (;;) {
		if (gpu)
			flush_workqueue(gpu->wq);
		t_snap_take(gpu, vm, &now);
		if (!memcmp(&now, base, sizeof(now)) || time_after(jiffies, deadline))
			break;
		usleep_range(5000, 10000);
	}
	for (i = 0; i < AGX_POOL_COUNT; i++)
		KUNIT_EXPECT_EQ_MSG(test, base->live[i], now.live[i], "%s: pool %u objects",
				    what, i);
	KUNIT_EXPECT_EQ_MSG(test, base->tables, now.tables, "%s: page tables", what);
	KUNIT_EXPECT_EQ_MSG(test, base->fences, now.fences, "%s: live fences", what);
	KUNIT_EXPECT_EQ_MSG(test, base->gpu_ref, now.gpu_ref, "%s: GPU references", what);
	KUNIT_EXPECT_EQ_MSG(test, base->vm_ref, now.vm_ref, "%s: VM references", what);
	KUNIT_EXPECT_EQ_MSG(test, base->slots, now.slots, "%s: event slots owned", what);
}

/* A simulated GPU bound by agx.ko, one VM with one mapped page. */
struct t_env {
	struct agx_sim *sim;
	struct agx_gpu *gpu;
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct page *page;
};

static const struct agx_sim_cfg t_sim_cfg = {
	.gen = AGX_GEN_G13,
	.fw_version = AGX_FW_VERSION(13, 5, 0),
	.debug_alloc = true,
};

static void t_env_fini(void *data)
{
	struct t_env *e = data;

	if (e->gpu)
		flush_workqueue(e->gpu->wq);
	if (!IS_ERR_OR_NULL(e->heap))
		agx_heap_put(e->heap);
	if (!IS_ERR_OR_NULL(e->vm)) {
		if (e->page)
			agx_vm_unmap(e->vm, T_BUF_VA, AGX_UAT_PGSZ);
		agx_vm_put(e->vm);
	}
	if (e->page)
		__free_pages(e->page, get_order(AGX_UAT_PGSZ));
	agx_sim_destroy(e->sim);
	/* last: the VM lives in the GPU's MMU, even after an unbind */
	if (e->gpu)
		agx_gpu_put(e->gpu);
}

static struct t_env *t_env(struct kunit *test)
{
	struct t_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	e->sim = agx_sim_create(&t_sim_cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->sim));
	e->gpu = dev_get_drvdata(agx_sim_device(e->sim));
	if (!e->gpu) {
		agx_sim_destroy(e->sim);
		KUNIT_FAIL_AND_ABORT(test, "agx.ko did not bind to the simulated GPU");
	}
	agx_gpu_get(e->gpu);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, t_env_fini, e));
	e->vm = agx_vm_create(e->gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->vm));
	e->heap = agx_heap_create(e->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->heap));
	e->page = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_UAT_PGSZ));
	KUNIT_ASSERT_NOT_NULL(test, e->page);
	KUNIT_ASSERT_EQ(test, 0, agx_vm_map(e->vm, T_BUF_VA, page_to_phys(e->page),
					    AGX_UAT_PGSZ, AGX_PROT_GPU_SHARED_RW));
	return e;
}

/* A compute job without a control stream, writing nothing: it must complete cleanly. */
static struct dma_fence *t_submit(struct agx_queue *q)
{
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE, .natt = 1 };

	d.att[0].address = T_BUF_VA;
	d.att[0].size = 4;
	return agx_queue_submit(q, &d);
}

static void t_job_ok(struct kunit *test, struct agx_queue *q)
{
	struct dma_fence *f = t_submit(q);
	long t;

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "submit: %ld", PTR_ERR(f));
	t = dma_fence_wait_timeout(f, false, T_WAIT);
	KUNIT_EXPECT_GT(test, t, 0);
	if (t > 0)
		KUNIT_EXPECT_EQ(test, 0, f->error);
	dma_fence_put(f);
}

/* ---- GPU probe and firmware boot ---------------------------------------------------- */

/*
 * The probe runs inside agx_sim_create() (device_add() binds at once). To inject into the
 * probe alone, a bus notifier keeps agx.ko off the devices this test registers (a
 * driver_override nobody matches), and the test binds with device_driver_attach(), which
 * returns the probe's error.
 */
static struct task_struct *t_unbound_task;

static int t_bus_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct device *dev = data;

	if (action != BUS_NOTIFY_ADD_DEVICE || READ_ONCE(t_unbound_task) != current)
		return NOTIFY_DONE;
	/* on failure agx.ko binds at once, which the test sees */
	if (device_set_driver_override(dev, "none"))
		return NOTIFY_BAD;
	return NOTIFY_OK;
}

static struct notifier_block t_bus_nb = { .notifier_call = t_bus_notify };

static void t_bus_nb_remove(void *data)
{
	WRITE_ONCE(t_unbound_task, NULL);
	bus_unregister_notifier(&platform_bus_type, &t_bus_nb);
}

struct t_probe_ctx {
	struct device_driver *drv;
	struct agx_sim *sim;
	struct t_snap base;
};

static void t_probe_prepare(struct kunit *test, void *data)
{
	struct t_probe_ctx *c = data;

	c->sim = agx_sim_create(&t_sim_cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->sim));
	KUNIT_ASSERT_NULL(test, agx_sim_device(c->sim)->driver);
}

static int t_probe_run(struct kunit *test, void *data)
{
	struct t_probe_ctx *c = data;

	return device_driver_attach(c->drv, agx_sim_device(c->sim));
}

/* The GPU's memory goes with its last reference, on agx.ko's release workqueue. */
static void t_probe_gone(struct kunit *test, struct t_probe_ctx *c, const char *what)
{
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&agx_sim_get_counters(c->sim)->violations));
	agx_sim_destroy(c->sim);
	c->sim = NULL;
	t_settled(test, NULL, NULL, &c->base, what);
}

static void t_probe_failed(struct kunit *test, void *data)
{
	struct t_probe_ctx *c = data;
	struct device *dev = agx_sim_device(c->sim);

	KUNIT_EXPECT_NULL(test, dev->driver);
	KUNIT_EXPECT_NULL(test, dev_get_drvdata(dev));
	t_probe_gone(test, c, "failed probe");
}

/* The GPU that came up takes a VM, a queue and a job. */
static void t_probe_succeeded(struct kunit *test, void *data)
{
	struct t_probe_ctx *c = data;
	struct agx_gpu *gpu = dev_get_drvdata(agx_sim_device(c->sim));
	struct agx_heap *heap;
	struct agx_queue *q;
	struct agx_vm *vm;

	KUNIT_ASSERT_NOT_NULL(test, gpu);
	KUNIT_EXPECT_FALSE(test, agx_gpu_is_crashed(gpu));
	vm = agx_vm_create(gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vm));
	heap = agx_heap_create(vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(heap));
	q = agx_queue_create(gpu, heap, 0);
	agx_heap_put(heap);
	KUNIT_EXPECT_FALSE(test, IS_ERR(q));
	if (!IS_ERR(q)) {
		struct agx_job_desc d = { .type = AGX_JOB_COMPUTE };
		struct dma_fence *f = agx_queue_submit(q, &d);

		KUNIT_EXPECT_FALSE(test, IS_ERR(f));
		if (!IS_ERR(f)) {
			KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(f, false, T_WAIT), 0);
			KUNIT_EXPECT_EQ(test, 0, f->error);
			dma_fence_put(f);
		}
		agx_queue_destroy(q);
	}
	flush_workqueue(gpu->wq);
	agx_vm_put(vm);
	t_probe_gone(test, c, "probe, then unbind");
}

static void t_probe_cleanup(void *data)
{
	struct t_probe_ctx *c = data;

	agx_sim_destroy(c->sim);	/* after an assertion in the loop */
}

static void t_drm_enable(void *data)
{
	WRITE_ONCE(agx_drm_enabled, true);
}

static void agx_failslab_probe(struct kunit *test)
{
	static const struct t_fail_op op = {
		"GPU probe + firmware boot", t_probe_prepare, t_probe_run, t_probe_failed,
		t_probe_succeeded,
	};
	struct t_probe_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->drv = driver_find(AGX_DRV_NAME, &platform_bus_type);
	KUNIT_ASSERT_NOT_NULL(test, c->drv);
	KUNIT_ASSERT_EQ(test, 0, bus_register_notifier(&platform_bus_type, &t_bus_nb));
	WRITE_ONCE(t_unbound_task, current);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, t_bus_nb_remove, NULL));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, t_probe_cleanup, c));
	/* the GPU's probe without its DRM device (see agx_drm_enabled) */
	WRITE_ONCE(agx_drm_enabled, false);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, t_drm_enable, NULL));
	t_quiesce(NULL);
	t_snap_take(NULL, NULL, &c->base);
	agx_failslab_enable(test);
	t_fail_nth_loop(test, &op, c);
}

/* ---- VM creation ------------------------------------------------------------------ */

struct t_vm_ctx {
	struct t_env *e;
	struct agx_vm *vm;
	struct t_snap base;
};

static int t_vm_run(struct kunit *test, void *data)
{
	struct t_vm_ctx *c = data;

	c->vm = agx_vm_create(c->e->gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	return PTR_ERR_OR_ZERO(c->vm);
}

static void t_vm_failed(struct kunit *test, void *data)
{
	struct t_vm_ctx *c = data;

	t_settled(test, c->e->gpu, c->e->vm, &c->base, "failed VM create");
}

/* The new VM maps and unmaps a page, and a job runs in it. */
static void t_vm_succeeded(struct kunit *test, void *data)
{
	struct t_vm_ctx *c = data;
	struct agx_heap *heap;
	struct agx_queue *q;

	KUNIT_EXPECT_EQ(test, 0, agx_vm_map(c->vm, T_BUF_VA, page_to_phys(c->e->page),
					    AGX_UAT_PGSZ, AGX_PROT_GPU_SHARED_RW));
	heap = agx_heap_create(c->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(heap));
	q = agx_queue_create(c->e->gpu, heap, 0);
	agx_heap_put(heap);
	KUNIT_EXPECT_FALSE(test, IS_ERR(q));
	if (!IS_ERR(q)) {
		t_job_ok(test, q);
		agx_queue_destroy(q);
	}
	flush_workqueue(c->e->gpu->wq);
	KUNIT_EXPECT_EQ(test, 0, agx_vm_unmap(c->vm, T_BUF_VA, AGX_UAT_PGSZ));
	agx_vm_put(c->vm);
	c->vm = NULL;
	t_settled(test, c->e->gpu, c->e->vm, &c->base, "VM create, then put");
}

static void agx_failslab_vm(struct kunit *test)
{
	static const struct t_fail_op op = {
		"VM create", NULL, t_vm_run, t_vm_failed, t_vm_succeeded,
	};
	struct t_vm_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->e = t_env(test);
	t_quiesce(c->e->gpu);
	t_snap_take(c->e->gpu, c->e->vm, &c->base);
	agx_failslab_enable(test);
	t_fail_nth_loop(test, &op, c);
}

/* ---- AGX queue creation (jq_queue_create() under it) ------------------------------ */

struct t_queue_ctx {
	struct t_env *e;
	struct agx_queue *q;
	struct t_snap base;
};

static int t_queue_run(struct kunit *test, void *data)
{
	struct t_queue_ctx *c = data;

	c->q = agx_queue_create(c->e->gpu, c->e->heap, 0);
	return PTR_ERR_OR_ZERO(c->q);
}

static void t_queue_failed(struct kunit *test, void *data)
{
	struct t_queue_ctx *c = data;

	t_settled(test, c->e->gpu, c->e->vm, &c->base, "failed queue create");
}

static void t_queue_succeeded(struct kunit *test, void *data)
{
	struct t_queue_ctx *c = data;

	t_job_ok(test, c->q);
	agx_queue_destroy(c->q);
	c->q = NULL;
	t_settled(test, c->e->gpu, c->e->vm, &c->base, "queue create, then destroy");
}

static void agx_failslab_queue(struct kunit *test)
{
	static const struct t_fail_op op = {
		"queue create", NULL, t_queue_run, t_queue_failed, t_queue_succeeded,
	};
	struct t_queue_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->e = t_env(test);
	/*
	 * A job allocates in the VM's heap (a compute command's preemption buffer), whose
	 * blocks and their page tables stay until the heap goes: warm it before the baseline.
	 */
	KUNIT_ASSERT_EQ(test, t_queue_run(test, c), 0);
	t_job_ok(test, c->q);
	agx_queue_destroy(c->q);
	c->q = NULL;
	t_quiesce(c->e->gpu);
	t_snap_take(c->e->gpu, c->e->vm, &c->base);
	agx_failslab_enable(test);
	t_fail_nth_loop(test, &op, c);
}

/* ---- job submission (jq_job_init(), jq_job_add_dependency() under it) ------------- */

struct t_submit_ctx {
	struct t_env *e;
	struct agx_queue *q;
	struct dma_fence *f;
	struct dma_fence *dep[T_DEPS];
	struct t_snap base;
};

/*
 * Dependencies of the test's own (the shared test backend's fences), signalled once the job
 * is in: their references are checked.
 */
static void t_submit_prepare(struct kunit *test, void *data)
{
	struct t_submit_ctx *c = data;
	unsigned int i;

	for (i = 0; i < T_DEPS; i++) {
		if (c->dep[i])
			continue;
		c->dep[i] = jq_test_fence_create();
		KUNIT_ASSERT_NOT_NULL(test, c->dep[i]);
	}
}

static int t_submit_run(struct kunit *test, void *data)
{
	struct t_submit_ctx *c = data;
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE, .natt = 1, .ndeps = T_DEPS };
	unsigned int i;

	d.att[0].address = T_BUF_VA;
	d.att[0].size = 4;
	for (i = 0; i < T_DEPS; i++)
		d.deps[i] = c->dep[i];
	c->f = agx_queue_submit(c->q, &d);
	return PTR_ERR_OR_ZERO(c->f);
}

static void t_submit_failed(struct kunit *test, void *data)
{
	struct t_submit_ctx *c = data;
	unsigned int i;

	t_settled(test, c->e->gpu, c->e->vm, &c->base, "failed submit");
	/* the failed job dropped the references it took on its dependencies */
	for (i = 0; i < T_DEPS; i++)
		KUNIT_EXPECT_EQ_MSG(test, 1, kref_read(&c->dep[i]->refcount), "dependency %u", i);
}

static void t_dep_signal(struct t_submit_ctx *c)
{
	unsigned int i;

	for (i = 0; i < T_DEPS; i++) {
		if (!c->dep[i])
			continue;
		dma_fence_signal(c->dep[i]);
		dma_fence_put(c->dep[i]);
		c->dep[i] = NULL;
	}
}

/* The job runs once its dependency signals, and the queue takes the next one. */
static void t_submit_succeeded(struct kunit *test, void *data)
{
	struct t_submit_ctx *c = data;
	long t;

	t_dep_signal(c);
	t = dma_fence_wait_timeout(c->f, false, T_WAIT);
	KUNIT_EXPECT_GT(test, t, 0);
	if (t > 0)
		KUNIT_EXPECT_EQ(test, 0, c->f->error);
	dma_fence_put(c->f);
	c->f = NULL;
	t_job_ok(test, c->q);
	t_settled(test, c->e->gpu, c->e->vm, &c->base, "submit");
}

static void t_submit_cleanup(void *data)
{
	struct t_submit_ctx *c = data;

	t_dep_signal(c);	/* after an assertion in the loop */
	agx_queue_destroy(c->q);
}

static void agx_failslab_submit(struct kunit *test)
{
	static const struct t_fail_op op = {
		"job submit", t_submit_prepare, t_submit_run, t_submit_failed, t_submit_succeeded,
	};
	struct t_submit_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->e = t_env(test);
	c->q = agx_queue_create(c->e->gpu, c->e->heap, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(c->q));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, t_submit_cleanup, c));
	/* one job first: the pools' first blocks and the VM's slot are not per-job state */
	t_job_ok(test, c->q);
	flush_workqueue(c->e->gpu->wq);
	t_quiesce(c->e->gpu);
	t_snap_take(c->e->gpu, c->e->vm, &c->base);
	agx_failslab_enable(test);
	t_fail_nth_loop(test, &op, c);
}

static struct kunit_case agx_failslab_cases[] = {
	KUNIT_CASE_SLOW(agx_failslab_probe),
	KUNIT_CASE_SLOW(agx_failslab_vm),
	KUNIT_CASE_SLOW(agx_failslab_queue),
	KUNIT_CASE_SLOW(agx_failslab_submit),
	{}
};

static struct kunit_suite agx_failslab_suite = {
	.name = "agx_failslab",
	.test_cases = agx_failslab_cases,
};

kunit_test_suite(agx_failslab_suite);

#endif /* CONFIG_FAILSLAB && CONFIG_FAULT_INJECTION_DEBUG_FS */

MODULE_DESCRIPTION("agx init paths under failslab fail-nth injection");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_IMPORT_NS(JQ_TEST_HW);
