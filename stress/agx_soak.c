// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx driver soak
 *
 * ``agx_soak.ko`` (KUnit suite ``agx_soak``, ``make soak``) drives agx.ko on simulated GPUs
 * of its own for ``seconds``, in rounds of at most ``round_seconds`` (one KUnit case each,
 * torn down and checked on its own, so that no task waits for longer than a round). Each
 * round runs two simulator lifetimes: the firmware of the first crashes halfway through the
 * round (a job whose control stream says CRASH), every fence must then fail, the simulated
 * GPU is destroyed (agx.ko unbinds) and a new one created (agx.ko binds and boots it
 * again). Every lifetime draws its injection knobs at random (``fault_every``,
 * ``hang_every``, ``chanerr_every``: off or every 40-120 commands) and runs
 * ``SOAK_VMS`` VMs with ``SOAK_QUEUES`` queues of both priorities.
 *
 * One thread submits render and compute jobs, at most ``SOAK_INFLIGHT`` in flight, some
 * depending on another in-flight job, some with a control stream that faults (a write to
 * an unmapped VA), hangs (the firmware's timeout), raises a channel error or takes 2 ms.
 * At random it destroys a queue with jobs in flight and creates a new one, drops a VM with
 * its queues in flight (the VM is freed, and leaves its TTBAT slot, when its last job is
 * freed), and unmaps a VM's attachment page while jobs use it, then maps a new one (the
 * jobs then fault: GPU pages are never freed under a running job, see below).
 *
 * Checks: every fence signals (within 30 s of the end of its lifetime), the simulator
 * counts no violation, and the last case (``agx_soak_paths``) requires that each path was
 * taken at least once over the run: faults, timeouts and channel errors raised and
 * handled, fences failed with -EIO, -ETIMEDOUT, -ECANCELED and -ENODEV, crashes and
 * restarts, queue destroys, VM drops and unmaps mid-flight. It prints the figures::
 *
 *   AGX-SOAK round N: {...}
 *   AGX-SOAK total {"seconds": S, "lifetimes": L, "jobs": J, "ok": ..., ...}
 *
 * The harness adds what it checks itself: no kernel report during the run, and kmemleak
 * clean after every module is unloaded (scripts/soak.sh).
 *
 * Pages unmapped mid-flight are kept until the lifetime ends: the simulated firmware may
 * still hold a translation it made just before the unmap, as a GPU holds a TLB entry until
 * the invalidation; only after the last fence signalled and the GPU is gone are they freed.
 * Not in the soak: ``no_recovery`` (a halted firmware would wedge the queue until the job
 * queue's bounded timeout backstop, in progress in driver/queue).
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/dma-fence.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/workqueue.h>
#include <agx/fw/workqueue.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"

#define SOAK_VMS	3
#define SOAK_QUEUES	6
#define SOAK_INFLIGHT	48
#define SOAK_RETIRED	64	/* pages unmapped mid-flight, per lifetime */
#define SOAK_MAX_ROUNDS	64
#define SOAK_BUF_VA	0x1000000ULL	/* page 0: attachments, page 1: control streams */
#define SOAK_UNMAPPED_VA 0x7000000ULL
#define SOAK_WAIT	(30 * HZ)

static unsigned int seconds = 120;
module_param(seconds, uint, 0444);
MODULE_PARM_DESC(seconds, "total soak time (default 120)");
static unsigned int round_seconds = 30;
module_param(round_seconds, uint, 0444);
MODULE_PARM_DESC(round_seconds, "longest round, each torn down and checked (default 30)");
static unsigned int seed;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "random seed (0: a random one, printed)");

/* the control streams of page 1, one per kind, written when the VM is created */
enum soak_ctrl { C_FAULT, C_HANG, C_CHANERR, C_DELAY, C_CRASH, C_NR };

/* what the soak counts; the paths marked [path] must each be taken at least once */
enum soak_ctr {
	K_JOBS, K_OK, K_EIO, K_ETIMEDOUT, K_ECANCELED, K_ENODEV, K_EOTHER,	/* fences */
	K_SUBMIT_ERR, K_DEPS,
	K_CTRL_FAULT, K_CTRL_HANG, K_CTRL_CHANERR, K_CTRL_DELAY,
	K_DESTROYS, K_VM_DROPS, K_UNMAPS, K_CRASHES, K_LIFETIMES,
	K_SIM_FAULTS, K_SIM_TIMEOUTS, K_SIM_CHANERRS, K_SIM_COMMANDS, K_VIOLATIONS,
	K_GPU_FAULTS, K_GPU_TIMEOUTS, K_GPU_CHANERRS,
	K_NR
};

static const char * const soak_ctr_names[K_NR] = {
	"jobs", "ok", "EIO", "ETIMEDOUT", "ECANCELED", "ENODEV", "other_errors",
	"submit_errors", "deps",
	"ctrl_fault", "ctrl_hang", "ctrl_chanerr", "ctrl_delay",
	"queue_destroys", "vm_drops", "unmaps", "crashes", "lifetimes",
	"sim_faults", "sim_timeouts", "sim_channel_errors", "sim_commands", "violations",
	"gpu_faults", "gpu_timeouts", "gpu_channel_errors",
};

/* every path of the soak, each of which the run must have taken */
static const enum soak_ctr soak_paths[] = {
	K_OK, K_EIO, K_ETIMEDOUT, K_ECANCELED, K_ENODEV, K_DEPS,
	K_CTRL_FAULT, K_CTRL_HANG, K_CTRL_CHANERR, K_DESTROYS, K_VM_DROPS, K_UNMAPS,
	K_CRASHES, K_LIFETIMES, K_SIM_FAULTS, K_SIM_TIMEOUTS, K_SIM_CHANERRS,
	K_GPU_FAULTS, K_GPU_TIMEOUTS, K_GPU_CHANERRS,
};

struct soak_vm {
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct page *pages[2];
};

/* One simulator lifetime: the GPU, its VMs and queues, the fences in flight. */
struct soak_life {
	struct kunit *test;
	struct rnd_state *rnd;
	u64 *ctr;
	struct agx_sim *sim;
	struct agx_gpu *gpu;
	struct soak_vm vms[SOAK_VMS];
	struct agx_queue *q[SOAK_QUEUES];
	struct dma_fence *f[SOAK_INFLIGHT];
	unsigned int nf;
	struct page *retired[SOAK_RETIRED];
	unsigned int nretired;
};

static u64 soak_total[K_NR];
static unsigned int soak_round_ids[SOAK_MAX_ROUNDS];
static struct rnd_state soak_rnd;

static u32 soak_rand(struct rnd_state *rnd, u32 n)
{
	return prandom_u32_state(rnd) % n;
}

/* An injection knob: off in half the lifetimes, else every 40-120 commands. */
static u32 soak_knob(struct rnd_state *rnd)
{
	return soak_rand(rnd, 2) ? 40 + soak_rand(rnd, 81) : 0;
}

static void soak_ctrl_write(struct soak_vm *v, enum soak_ctrl c, u32 op, u32 arg, u64 va)
{
	struct agx_simq *q = page_address(v->pages[1]) + c * sizeof(*q);

	q->magic = AGX_SIMQ_MAGIC;
	q->count = 1;
	q->ops[0].op = op;
	q->ops[0].arg = arg;
	q->ops[0].va = va;
}

static u64 soak_ctrl_va(enum soak_ctrl c)
{
	return SOAK_BUF_VA + AGX_UAT_PGSZ + c * sizeof(struct agx_simq);
}

static int soak_map_page(struct soak_vm *v, unsigned int i)
{
	v->pages[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_UAT_PGSZ));
	if (!v->pages[i])
		return -ENOMEM;
	return agx_vm_map(v->vm, SOAK_BUF_VA + i * AGX_UAT_PGSZ, page_to_phys(v->pages[i]),
			  AGX_UAT_PGSZ, AGX_PROT_GPU_SHARED_RW);
}

/**
 * soak_vm_init() - a VM with its attachment page and its control streams
 * @gpu: the GPU.
 * @v: the VM to set up; on failure soak_vm_fini() frees what was made.
 *
 * Context: process context, may sleep.
 * Return: 0 or a negative errno.
 */
static int soak_vm_init(struct agx_gpu *gpu, struct soak_vm *v)
{
	unsigned int i;
	int ret;

	memset(v, 0, sizeof(*v));
	v->vm = agx_vm_create(gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	if (IS_ERR(v->vm))
		return PTR_ERR(v->vm);
	v->heap = agx_heap_create(v->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	if (IS_ERR(v->heap))
		return PTR_ERR(v->heap);
	for (i = 0; i < ARRAY_SIZE(v->pages); i++) {
		ret = soak_map_page(v, i);
		if (ret)
			return ret;
	}
	soak_ctrl_write(v, C_FAULT, AGX_SIMQ_FAULT_WRITE, 0, SOAK_UNMAPPED_VA);
	soak_ctrl_write(v, C_HANG, AGX_SIMQ_HANG, 0, 0);
	soak_ctrl_write(v, C_CHANERR, AGX_SIMQ_CHANNEL_ERROR, AGX_CHANNEL_ERR_DMKILL, 0);
	soak_ctrl_write(v, C_DELAY, AGX_SIMQ_DELAY_US, 2000, 0);
	soak_ctrl_write(v, C_CRASH, AGX_SIMQ_CRASH, 0, 0);
	return 0;
}

/**
 * soak_vm_fini() - unmap and free a VM's pages and drop the soak's VM reference
 * @v: the VM (queues still using it keep it alive).
 *
 * Context: process context, may sleep; the firmware must be done with the pages (every
 * fence signalled and the work queues' contexts destroyed, or the GPU gone).
 */
static void soak_vm_fini(struct soak_vm *v)
{
	unsigned int i;

	if (!IS_ERR_OR_NULL(v->heap))
		agx_heap_put(v->heap);
	v->heap = NULL;
	if (IS_ERR_OR_NULL(v->vm))
		return;
	for (i = 0; i < ARRAY_SIZE(v->pages); i++) {
		if (!v->pages[i])
			continue;
		agx_vm_unmap(v->vm, SOAK_BUF_VA + i * AGX_UAT_PGSZ, AGX_UAT_PGSZ);
		__free_pages(v->pages[i], get_order(AGX_UAT_PGSZ));
	}
	agx_vm_put(v->vm);
	v->vm = NULL;
}

static int soak_queue_new(struct soak_life *l, unsigned int i)
{
	struct agx_queue *q = agx_queue_create(l->gpu, l->vms[i % SOAK_VMS].heap, i % 2);

	if (IS_ERR(q)) {
		l->q[i] = NULL;
		return PTR_ERR(q);
	}
	l->q[i] = q;
	return 0;
}

/* The counter of a fence error. */
static enum soak_ctr soak_err_ctr(int err)
{
	static const struct { int err; enum soak_ctr ctr; } map[] = {
		{ 0, K_OK }, { -EIO, K_EIO }, { -ETIMEDOUT, K_ETIMEDOUT },
		{ -ECANCELED, K_ECANCELED }, { -ENODEV, K_ENODEV },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (map[i].err == err)
			return map[i].ctr;
	return K_EOTHER;
}

/* Account a signalled fence's outcome and drop it. */
static void soak_retire_fence(struct soak_life *l, struct dma_fence *f)
{
	l->ctr[soak_err_ctr(f->error)]++;
	dma_fence_put(f);
}

/* Drop the signalled fences from the in-flight array. */
static void soak_reap(struct soak_life *l)
{
	unsigned int i = 0;

	while (i < l->nf) {
		if (!dma_fence_is_signaled(l->f[i])) {
			i++;
			continue;
		}
		soak_retire_fence(l, l->f[i]);
		l->f[i] = l->f[--l->nf];
	}
}

/**
 * soak_wait_all() - wait for every fence in flight and account it
 * @l: the lifetime.
 *
 * Context: process context, sleeps.
 * Return: the number of fences that did not signal within %SOAK_WAIT (counted as failed
 * test expectations; they are dropped all the same).
 */
static unsigned int soak_wait_all(struct soak_life *l)
{
	unsigned int stuck = 0;

	while (l->nf) {
		struct dma_fence *f = l->f[--l->nf];

		if (dma_fence_wait_timeout(f, false, SOAK_WAIT) <= 0) {
			stuck++;
			dma_fence_put(f);
			continue;
		}
		soak_retire_fence(l, f);
	}
	return stuck;
}

/* Pick the control stream of the next job: mostly none. */
static u64 soak_pick_ctrl(struct soak_life *l)
{
	u32 r = soak_rand(l->rnd, 1000);

	if (r < 15) {
		l->ctr[K_CTRL_FAULT]++;
		return soak_ctrl_va(C_FAULT);
	}
	if (r < 25) {
		l->ctr[K_CTRL_HANG]++;
		return soak_ctrl_va(C_HANG);
	}
	if (r < 40) {
		l->ctr[K_CTRL_CHANERR]++;
		return soak_ctrl_va(C_CHANERR);
	}
	if (r < 100) {
		l->ctr[K_CTRL_DELAY]++;
		return soak_ctrl_va(C_DELAY);
	}
	return 0;
}

/* Submit one job to queue @i (with control stream @ctrl); errors are counted. */
/*
 * One jiffy on the timer wheel. Not usleep_range(): the hrtimer sleeper's wake-up
 * (hrtimer_wakeup() clearing the task, read plainly by schedule_hrtimeout_range_clock()) is
 * an unannotated data race of the 6.12 core that KCSAN reported in a soak run, not ours to
 * test (stress/jq_stress.c avoids it the same way).
 */
static void soak_nap(void)
{
	schedule_timeout_uninterruptible(1);
}

/* Push @d on queue @i; the fence is kept in @l->f (borrowed by the return), or NULL. */
static struct dma_fence *soak_push(struct soak_life *l, unsigned int i,
				   const struct agx_job_desc *d)
{
	struct dma_fence *f = agx_queue_submit(l->q[i], d);

	if (IS_ERR(f)) {
		l->ctr[K_SUBMIT_ERR]++;
		return NULL;
	}
	l->ctr[K_JOBS]++;
	l->f[l->nf++] = f;
	return f;
}

/* The soak's render pass: 64x64 pixels, one layer and sample, 32x32 utiles. */
static const struct drm_asahi_cmd_render soak_geometry = {
	.width_px = 64, .height_px = 64, .layers = 1, .samples = 1,
	.utile_width_px = 32, .utile_height_px = 32, .sample_size_B = 8,
};

static void soak_submit(struct soak_life *l, unsigned int i, u64 ctrl)
{
	struct agx_job_desc d = {};

	if (!l->q[i] || l->nf >= SOAK_INFLIGHT)
		return;
	d.type = soak_rand(l->rnd, 3) ? AGX_JOB_RENDER : AGX_JOB_COMPUTE;
	d.render = soak_geometry;
	d.ctrl_stream = ctrl;
	d.natt = 1;
	d.att[0].address = SOAK_BUF_VA;
	d.att[0].size = 16;
	d.barrier = !soak_rand(l->rnd, 8);
	if (l->nf && !soak_rand(l->rnd, 5)) {
		d.deps[d.ndeps++] = l->f[soak_rand(l->rnd, l->nf)];
		l->ctr[K_DEPS]++;
	}
	soak_push(l, i, &d);
}

/* A queue destroyed with its jobs in flight, and a new one in its place. */
static void soak_destroy_queue(struct soak_life *l)
{
	unsigned int i = soak_rand(l->rnd, SOAK_QUEUES);

	if (!l->q[i])
		return;
	agx_queue_destroy(l->q[i]);
	l->ctr[K_DESTROYS]++;
	soak_queue_new(l, i);
}

/*
 * A VM dropped with its queues in flight: the queues are destroyed, the soak's reference
 * goes, its jobs keep it until they are freed. Its pages join the retired ones (the
 * firmware may run its jobs still). A new VM with new queues takes its place.
 */
static void soak_drop_vm(struct soak_life *l)
{
	unsigned int v = soak_rand(l->rnd, SOAK_VMS), i;
	struct soak_vm *sv = &l->vms[v];

	if (l->nretired + ARRAY_SIZE(sv->pages) > SOAK_RETIRED)
		return;
	for (i = v; i < SOAK_QUEUES; i += SOAK_VMS) {
		if (l->q[i])
			agx_queue_destroy(l->q[i]);
		l->q[i] = NULL;
	}
	for (i = 0; i < ARRAY_SIZE(sv->pages); i++)
		l->retired[l->nretired++] = sv->pages[i];
	agx_heap_put(sv->heap);
	agx_vm_put(sv->vm);
	l->ctr[K_VM_DROPS]++;
	if (soak_vm_init(l->gpu, sv)) {
		soak_vm_fini(sv);
		return;
	}
	for (i = v; i < SOAK_QUEUES; i += SOAK_VMS)
		soak_queue_new(l, i);
}

/* A VM's attachment page unmapped under its running jobs, then a new page mapped. */
static void soak_unmap(struct soak_life *l)
{
	struct soak_vm *v = &l->vms[soak_rand(l->rnd, SOAK_VMS)];

	if (IS_ERR_OR_NULL(v->vm) || !v->pages[0] || l->nretired >= SOAK_RETIRED)
		return;
	if (agx_vm_unmap(v->vm, SOAK_BUF_VA, AGX_UAT_PGSZ))
		return;
	l->retired[l->nretired++] = v->pages[0];
	v->pages[0] = NULL;
	l->ctr[K_UNMAPS]++;
	/* a few jobs see the hole before the new page comes */
	soak_submit(l, soak_rand(l->rnd, SOAK_QUEUES), 0);
	soak_nap();
	if (soak_map_page(v, 0) && v->pages[0]) {
		__free_pages(v->pages[0], get_order(AGX_UAT_PGSZ));
		v->pages[0] = NULL;
	}
}

/**
 * soak_life_start() - a new simulated GPU with random knobs, its VMs and queues
 * @l: the lifetime, zeroed but for @test, @rnd and @ctr.
 *
 * Context: process context, may sleep.
 * Return: 0, or a negative errno (the caller still calls soak_life_end()).
 */
static int soak_life_start(struct soak_life *l)
{
	struct agx_sim_cfg cfg = {
		.gen = AGX_GEN_G13,
		.fw_version = AGX_FW_VERSION(13, 5, 0),
		.debug_alloc = true,
		.latency_us = 20 + soak_rand(l->rnd, 280),
		.fault_every = soak_knob(l->rnd),
		.hang_every = soak_knob(l->rnd),
		.chanerr_every = soak_knob(l->rnd),
	};
	unsigned int i;
	int ret;

	l->sim = agx_sim_create(&cfg);
	if (IS_ERR(l->sim)) {
		ret = PTR_ERR(l->sim);
		l->sim = NULL;
		return ret;
	}
	l->ctr[K_LIFETIMES]++;
	l->gpu = dev_get_drvdata(agx_sim_device(l->sim));
	if (!l->gpu)
		return -ENODEV;
	kunit_info(l->test, "lifetime %llu: latency %u us, fault_every %u, hang_every %u, chanerr_every %u\n",
		   l->ctr[K_LIFETIMES], cfg.latency_us, cfg.fault_every, cfg.hang_every,
		   cfg.chanerr_every);
	for (i = 0; i < SOAK_VMS; i++) {
		ret = soak_vm_init(l->gpu, &l->vms[i]);
		if (ret)
			return ret;
	}
	for (i = 0; i < SOAK_QUEUES; i++) {
		ret = soak_queue_new(l, i);
		if (ret)
			return ret;
	}
	return 0;
}

/* Fold the simulator's and the driver's counters of this lifetime into @l->ctr. */
static void soak_life_counters(struct soak_life *l)
{
	struct agx_sim_counters *c = agx_sim_get_counters(l->sim);

	l->ctr[K_SIM_FAULTS] += atomic_read(&c->faults);
	l->ctr[K_SIM_TIMEOUTS] += atomic_read(&c->timeouts);
	l->ctr[K_SIM_CHANERRS] += atomic_read(&c->channel_errors);
	l->ctr[K_SIM_COMMANDS] += atomic_read(&c->commands);
	l->ctr[K_VIOLATIONS] += atomic_read(&c->violations);
	if (!l->gpu)
		return;
	l->ctr[K_GPU_FAULTS] += atomic_read(&l->gpu->stats.faults);
	l->ctr[K_GPU_TIMEOUTS] += atomic_read(&l->gpu->stats.timeouts);
	l->ctr[K_GPU_CHANERRS] += atomic_read(&l->gpu->stats.channel_errors);
}

/**
 * soak_life_end() - wait for every fence, tear the lifetime down, destroy the GPU
 * @l: the lifetime.
 *
 * Context: process context, sleeps.
 */
static void soak_life_end(struct soak_life *l)
{
	unsigned int i, stuck;

	for (i = 0; i < SOAK_QUEUES; i++)
		if (l->q[i])
			agx_queue_destroy(l->q[i]);
	stuck = soak_wait_all(l);
	KUNIT_EXPECT_EQ_MSG(l->test, 0U, stuck, "fences that never signalled");
	if (l->gpu)
		flush_workqueue(l->gpu->wq);
	if (l->sim)
		soak_life_counters(l);
	for (i = 0; i < SOAK_VMS; i++)
		soak_vm_fini(&l->vms[i]);
	if (l->sim)
		agx_sim_destroy(l->sim);
	/* the GPU is gone: nothing can reach the pages unmapped mid-flight now */
	for (i = 0; i < l->nretired; i++)
		if (l->retired[i])
			__free_pages(l->retired[i], get_order(AGX_UAT_PGSZ));
}

/* One random step of a lifetime: mostly a job, now and then a mid-flight teardown. */
static void soak_step(struct soak_life *l)
{
	u32 r = soak_rand(l->rnd, 1000);

	soak_reap(l);
	if (r < 5)
		soak_destroy_queue(l);
	else if (r < 8)
		soak_drop_vm(l);
	else if (r < 13)
		soak_unmap(l);
	else
		soak_submit(l, soak_rand(l->rnd, SOAK_QUEUES), soak_pick_ctrl(l));
	if (l->nf >= SOAK_INFLIGHT)
		dma_fence_wait_timeout(l->f[soak_rand(l->rnd, l->nf)], false, HZ / 10);
	if (!soak_rand(l->rnd, 16))
		soak_nap();
	cond_resched();
}

/*
 * The crash: a job whose control stream crashes the firmware. Every fence must fail
 * (with -ENODEV, or the error it had already), later submissions fail with -ENODEV.
 */
static void soak_crash(struct soak_life *l)
{
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE, .ctrl_stream = soak_ctrl_va(C_CRASH) };
	struct dma_fence *f = NULL;
	unsigned int i, tries;

	while (l->nf >= SOAK_INFLIGHT) {
		dma_fence_wait_timeout(l->f[0], false, HZ / 10);
		soak_reap(l);
	}
	/*
	 * No dependency (a failed one would cancel the job), and again if a recovery of
	 * another job's fault cancelled it before it ran: each try waits up to 5 s.
	 */
	for (tries = 0; tries < 4 && !agx_sim_crashed(l->sim); tries++) {
		for (i = 0, f = NULL; i < SOAK_QUEUES && !f; i++)
			if (l->q[i] && l->nf < SOAK_INFLIGHT)
				f = soak_push(l, i, &d);
		if (!f)
			break;
		for (i = 0; i < 250 && !agx_sim_crashed(l->sim) && !dma_fence_is_signaled(f); i++)
			msleep(20);
	}
	KUNIT_EXPECT_NOT_NULL(l->test, f);
	KUNIT_EXPECT_TRUE(l->test, agx_sim_crashed(l->sim));
	if (agx_sim_crashed(l->sim))
		l->ctr[K_CRASHES]++;
	soak_submit(l, 0, 0);	/* refused: -ENODEV */
}

/**
 * soak_life_run() - one simulator lifetime until @end, crashing it at the end if @crash
 * @test: the KUnit case.
 * @rnd: random state.
 * @ctr: the round's counters.
 * @end: jiffies at which the lifetime ends.
 * @crash: crash the firmware before the end.
 *
 * Context: process context, sleeps.
 */
static void soak_life_run(struct kunit *test, struct rnd_state *rnd, u64 *ctr,
			  unsigned long end, bool crash)
{
	struct soak_life *l = kzalloc(sizeof(*l), GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, l);
	l->test = test;
	l->rnd = rnd;
	l->ctr = ctr;
	ret = soak_life_start(l);
	KUNIT_EXPECT_EQ_MSG(test, 0, ret, "lifetime set-up");
	while (!ret && time_before(jiffies, end))
		soak_step(l);
	if (!ret && crash)
		soak_crash(l);
	soak_life_end(l);
	kfree(l);
}

static unsigned int soak_rounds(void)
{
	unsigned int per = clamp(round_seconds, 2U, 60U);

	return clamp(DIV_ROUND_UP(max(seconds, 2U), per), 1U, (unsigned int)SOAK_MAX_ROUNDS);
}

static unsigned int soak_round_length(unsigned int round)
{
	unsigned int per = clamp(round_seconds, 2U, 60U), done = round * per;
	unsigned int total = max(seconds, 2U);

	return done < total ? max(min(per, total - done), 2U) : 2;
}

/* Print counters as one JSON object after @prefix. */
static void soak_print(const char *prefix, const u64 *ctr)
{
	char buf[768];
	int len = 0;
	unsigned int i;

	for (i = 0; i < K_NR; i++)
		len += scnprintf(buf + len, sizeof(buf) - len, "%s\"%s\": %llu", i ? ", " : "",
				 soak_ctr_names[i], ctr[i]);
	pr_info("AGX-SOAK %s{%s}\n", prefix, buf);
}

static void agx_soak_round(struct kunit *test)
{
	unsigned int round = *(const unsigned int *)test->param_value;
	unsigned long len = soak_round_length(round) * HZ, t0 = jiffies;
	u64 ctr[K_NR] = {};
	char prefix[32];
	unsigned int i;

	/* first lifetime: crashes halfway; second: runs to the end of the round */
	soak_life_run(test, &soak_rnd, ctr, t0 + len / 2, true);
	soak_life_run(test, &soak_rnd, ctr, t0 + len, false);
	KUNIT_EXPECT_EQ(test, 0ULL, ctr[K_VIOLATIONS]);
	KUNIT_EXPECT_EQ(test, 0ULL, ctr[K_EOTHER]);
	for (i = 0; i < K_NR; i++)
		soak_total[i] += ctr[i];
	snprintf(prefix, sizeof(prefix), "round %u: ", round + 1);
	soak_print(prefix, ctr);
}

/* Over the whole run, every path was taken. */
static void agx_soak_paths(struct kunit *test)
{
	unsigned int i;

	pr_info("AGX-SOAK seconds %u seed %u\n", max(seconds, 2U), seed);
	soak_print("total ", soak_total);
	for (i = 0; i < ARRAY_SIZE(soak_paths); i++)
		KUNIT_EXPECT_GT_MSG(test, soak_total[soak_paths[i]], 0ULL, "path %s never taken",
				    soak_ctr_names[soak_paths[i]]);
	KUNIT_EXPECT_EQ(test, 0ULL, soak_total[K_VIOLATIONS]);
}

static const void *soak_round_gen(const void *prev, char *desc)
{
	const unsigned int *p = prev ? (const unsigned int *)prev + 1 : soak_round_ids;
	unsigned int i = p - soak_round_ids;

	if (i >= soak_rounds())
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "round %u of %u, %u s", i + 1, soak_rounds(),
		 soak_round_length(i));
	return p;
}

static int soak_suite_init(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < SOAK_MAX_ROUNDS; i++)
		soak_round_ids[i] = i;
	if (!seed)
		seed = get_random_u32() ?: 1;
	prandom_seed_state(&soak_rnd, seed);
	memset(soak_total, 0, sizeof(soak_total));
	pr_info("AGX-SOAK seed %u: reproduce with seed=%u\n", seed, seed);
	return 0;
}

static struct kunit_case agx_soak_cases[] = {
	KUNIT_CASE_PARAM_ATTR(agx_soak_round, soak_round_gen, { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE(agx_soak_paths),
	{}
};

static struct kunit_suite agx_soak_suite = {
	.name = "agx_soak",
	.suite_init = soak_suite_init,
	.test_cases = agx_soak_cases,
};

kunit_test_suite(agx_soak_suite);

MODULE_DESCRIPTION("agx.ko soak on the simulated firmware with every injection at random");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
