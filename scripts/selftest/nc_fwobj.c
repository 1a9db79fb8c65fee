// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for the simulated firmware's liveness check (category "agx-sim"): on
 * load, a firmware object is freed while the firmware still uses it. A simulated GPU of
 * its own (debug preamble on) runs a compute job of 300 ms on one queue; while it runs,
 * the queue's RingState is replaced the way a driver bug would do it: the driver carries
 * on with a fresh copy and frees the original, whose VA the firmware still has in the
 * QueueInfo. The firmware's next look at the running queue must report "running
 * RingState ... is not a live object" (driver/sim/workqueue.c, agx_sim_wq_live()), which
 * the verdict counts as an agx-sim report. The simulated GPU is then unbound, which fails
 * the job with -ENODEV, and everything is freed (the driver only owns the copy).
 */
#include <linux/delay.h>
#include <linux/dma-fence.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/string.h>
#include <agx/fw/workqueue.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"

#define NC_BUF_VA	0x1000000ULL	/* one page: the attachment, then the control stream */

struct nc_env {
	struct agx_sim *sim;
	struct agx_gpu *gpu;
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct page *page;
	struct agx_queue *q;
};

/* One compute job that runs for 300 ms (a SIMQ DELAY_US control stream). */
static struct dma_fence *nc_submit(struct nc_env *e)
{
	struct agx_simq *simq = page_address(e->page) + 0x100;
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE, .natt = 1 };

	simq->magic = AGX_SIMQ_MAGIC;
	simq->count = 1;
	simq->ops[0].op = AGX_SIMQ_DELAY_US;
	simq->ops[0].arg = 300000;
	d.ctrl_stream = NC_BUF_VA + 0x100;
	d.att[0].address = NC_BUF_VA;
	d.att[0].size = 4;
	return agx_queue_submit(e->q, &d);
}

static int nc_env_init(struct nc_env *e)
{
	struct agx_sim_cfg cfg = {
		.gen = AGX_GEN_G13, .fw_version = AGX_FW_VERSION(13, 5, 0), .debug_alloc = true,
	};

	e->sim = agx_sim_create(&cfg);
	if (IS_ERR(e->sim))
		return PTR_ERR(e->sim);
	e->gpu = dev_get_drvdata(agx_sim_device(e->sim));
	if (!e->gpu)
		return -ENODEV;
	agx_gpu_get(e->gpu);
	e->vm = agx_vm_create(e->gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	if (IS_ERR(e->vm))
		return PTR_ERR(e->vm);
	e->heap = agx_heap_create(e->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	if (IS_ERR(e->heap))
		return PTR_ERR(e->heap);
	e->page = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_UAT_PGSZ));
	if (!e->page)
		return -ENOMEM;
	if (agx_vm_map(e->vm, NC_BUF_VA, page_to_phys(e->page), AGX_UAT_PGSZ,
		       AGX_PROT_GPU_SHARED_RW))
		return -ENOMEM;
	e->q = agx_queue_create(e->gpu, e->heap, 0);
	return PTR_ERR_OR_ZERO(e->q);
}

/* Unbind first (every job fails with -ENODEV), then the objects that outlive it. */
static void nc_env_fini(struct nc_env *e)
{
	if (!IS_ERR_OR_NULL(e->sim))
		agx_sim_destroy(e->sim);
	if (!IS_ERR_OR_NULL(e->q))
		agx_queue_destroy(e->q);
	if (!IS_ERR_OR_NULL(e->heap))
		agx_heap_put(e->heap);
	if (!IS_ERR_OR_NULL(e->vm)) {
		if (e->page)
			agx_vm_unmap(e->vm, NC_BUF_VA, AGX_UAT_PGSZ);
		agx_vm_put(e->vm);
	}
	if (e->page)
		__free_pages(e->page, get_order(AGX_UAT_PGSZ));
	if (e->gpu)
		agx_gpu_put(e->gpu);
}

/* The work queue running the job: it holds event slot 0 (the only queue). */
static struct agx_fw_wq *nc_running_wq(struct nc_env *e)
{
	struct agx_fw_wq *wq;
	int i;

	for (i = 0; i < 400; i++) {
		wq = agx_event_owner(e->gpu, 0);
		if (wq && READ_ONCE(wq->nr_pending))
			return wq;
		if (wq)
			agx_fw_wq_put(wq);
		usleep_range(5000, 10000);
	}
	return NULL;
}

/* The bug: the RingState goes while the firmware still reads it; the driver keeps a copy. */
static int nc_free_ring_state(struct nc_env *e, struct agx_fw_wq *wq)
{
	struct agx_fwobj *copy, *old = wq->state;

	copy = agx_fwobj_alloc(e->gpu->mmu, AGX_POOL_SHARED, old->size, "RingState");
	if (IS_ERR(copy))
		return PTR_ERR(copy);
	memcpy(copy->cpu, old->cpu, old->size);
	wq->state = copy;
	agx_fwobj_free(old);
	agx_sim_kick(e->sim);
	return 0;
}

static int __init nc_fwobj_init(void)
{
	struct agx_sim_counters *ctr;
	struct nc_env e = {};
	struct dma_fence *f = NULL;
	struct agx_fw_wq *wq;
	int ret, i;

	ret = nc_env_init(&e);
	if (!ret) {
		f = nc_submit(&e);
		ret = PTR_ERR_OR_ZERO(f);
	}
	wq = ret ? NULL : nc_running_wq(&e);
	if (wq) {
		ret = nc_free_ring_state(&e, wq);
		agx_fw_wq_put(wq);
		ctr = agx_sim_get_counters(e.sim);
		for (i = 0; i < 200 && !ret && !atomic_read(&ctr->violations); i++)
			usleep_range(5000, 10000);
	}
	pr_info("nc_fwobj: %s, %d violation(s)\n", wq ? "RingState freed under a running queue" :
		"no running queue", e.sim && !IS_ERR(e.sim) ?
		atomic_read(&agx_sim_get_counters(e.sim)->violations) : 0);
	nc_env_fini(&e);
	if (!IS_ERR_OR_NULL(f))
		dma_fence_put(f);
	return 0;
}

static void __exit nc_fwobj_exit(void)
{
}

module_init(nc_fwobj_init);
module_exit(nc_fwobj_exit);
MODULE_DESCRIPTION("Negative control: a firmware object freed under a running queue");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
