// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: in-kernel submission workload
 *
 * The submission path end to end from inside the kernel, as a one-case KUnit suite so that
 * the harness judges it; ``make check-arm64`` runs it (16 KiB pages), and it was the
 * workload of ``make run`` before that became the userspace ``tools/agx-run``: on the
 * simulated GPU that agx_sim.ko registered at load, create
 * three VMs and eight AGX queues of two priorities, submit rounds of mixed render and
 * compute jobs with dependencies across queues and explicit barriers, destroy two queues
 * mid-flight, inject one GPU fault (a job writing an unmapped address of its VM) and one
 * timeout (a job that hangs), wait for every fence and print one line::
 *
 *   AGX-RUN {"jobs_completed": N, "errors": {"EIO": n, ...}, "jobs_per_s": X,
 *            "violations": V, "sim_commands": C, "latency_ns": {...}}
 *
 * ``latency_ns`` holds the p50 and p99, over the jobs that completed without an error, of
 * three latencies: ``submit_to_run``, from agx_queue_submit() to the firmware starting
 * the job's first command (its start Timestamp op), which includes the wait behind the
 * queue's earlier jobs (the workload submits every round at once); ``ready_to_run``, the
 * part of it the driver adds: from the latest of the submit, the dependency's finished
 * fence signalling and the end of what the firmware ran before it in order (the queue's
 * previous command on the same pipe, and with a barrier the queue's previous job) to that
 * start (the job queue's dependency callback and run_job, the ring write, the doorbell
 * and the firmware picking it up); and ``hw_done_to_signal``, from the firmware finishing
 * the job's last command (its end Timestamp op, written before the stamp), or the queue's
 * previous job signalling if that is later (a queue's fences signal in order), to the
 * finished fence signalling (the event, the receive path, the hardware fence and the job
 * queue).
 * The simulated GPU timer is ktime in nanoseconds, the clock of the fence timestamps.
 *
 * which scripts/run-report.py turns into results/run.json (adding the kernel reports of
 * the verdict). The case fails if the simulator counted a violation.
 */

#include <kunit/test.h>
#include <linux/dma-fence.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <agx/fw/workqueue.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"

#define RUN_VMS		3
#define RUN_QUEUES	8
#define RUN_ROUNDS	40
#define RUN_BUF_VA	0x1000000ULL
#define RUN_BUF_PAGES	2
#define RUN_UNMAPPED_VA	0x7000000ULL
#define RUN_JOBS	(RUN_ROUNDS * RUN_QUEUES)

static int rounds = RUN_ROUNDS;
module_param(rounds, int, 0444);
MODULE_PARM_DESC(rounds, "Rounds of jobs (one per queue per round)");

struct run_vm {
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct page *pages[RUN_BUF_PAGES];
};

static int run_vm_init(struct agx_gpu *gpu, struct run_vm *v)
{
	unsigned int i;
	int ret;

	v->vm = agx_vm_create(gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	if (IS_ERR(v->vm))
		return PTR_ERR(v->vm);
	v->heap = agx_heap_create(v->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	if (IS_ERR(v->heap))
		return PTR_ERR(v->heap);
	for (i = 0; i < RUN_BUF_PAGES; i++) {
		v->pages[i] = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_UAT_PGSZ));
		if (!v->pages[i])
			return -ENOMEM;
		ret = agx_vm_map(v->vm, RUN_BUF_VA + i * AGX_UAT_PGSZ, page_to_phys(v->pages[i]),
				 AGX_UAT_PGSZ, AGX_PROT_GPU_SHARED_RW);
		if (ret)
			return ret;
	}
	return 0;
}

static void run_vm_fini(struct run_vm *v)
{
	unsigned int i;

	if (!IS_ERR_OR_NULL(v->heap))
		agx_heap_put(v->heap);
	if (IS_ERR_OR_NULL(v->vm))
		return;
	for (i = 0; i < RUN_BUF_PAGES; i++) {
		if (!v->pages[i])
			continue;
		agx_vm_unmap(v->vm, RUN_BUF_VA + i * AGX_UAT_PGSZ, AGX_UAT_PGSZ);
		__free_pages(v->pages[i], get_order(AGX_UAT_PGSZ));
	}
	agx_vm_put(v->vm);
}

/* A SIMQ control stream with one op in page 1 of the VM's buffer. */
static u64 run_ctrl(struct run_vm *v, unsigned int idx, u32 op, u64 va)
{
	struct agx_simq *q = page_address(v->pages[1]) + idx * sizeof(*q);

	q->magic = AGX_SIMQ_MAGIC;
	q->count = 1;
	q->ops[0].op = op;
	q->ops[0].va = va;
	return RUN_BUF_VA + AGX_UAT_PGSZ + idx * sizeof(*q);
}

/*
 * Latency records: the submit time of each job, and a firmware buffer of four u64 per
 * job that the Timestamp ops fill: first command start, first command end, fragment
 * start, fragment end.
 */
struct run_lat_job {
	u64 submit;
	int dep;		/* index of the job it depends on, or -1 */
	u8 queue;
	u8 type;
	bool barrier;
};

struct run_lat {
	struct agx_fwobj *ts;
	struct run_lat_job *job;
	u64 *a;
	u64 *b;
	u64 *c;
	unsigned int n;
};

static int run_lat_init(struct agx_gpu *gpu, struct run_lat *l, unsigned int jobs)
{
	l->ts = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED, jobs * 4 * sizeof(u64), "RunTs");
	if (IS_ERR(l->ts))
		return PTR_ERR(l->ts);
	memset(l->ts->cpu, 0, jobs * 4 * sizeof(u64));
	l->job = kcalloc(jobs, sizeof(*l->job), GFP_KERNEL);
	l->a = kcalloc(jobs, sizeof(u64), GFP_KERNEL);
	l->b = kcalloc(jobs, sizeof(u64), GFP_KERNEL);
	l->c = kcalloc(jobs, sizeof(u64), GFP_KERNEL);
	return l->job && l->a && l->b && l->c ? 0 : -ENOMEM;
}

static void run_lat_fini(struct run_lat *l)
{
	if (!IS_ERR_OR_NULL(l->ts))
		agx_fwobj_free(l->ts);
	kfree(l->job);
	kfree(l->a);
	kfree(l->b);
	kfree(l->c);
}

/* Point job @j's Timestamp ops into the buffer and note what it waits for. */
static void run_lat_job(struct run_lat *l, unsigned int j, struct agx_job_desc *d,
			unsigned int queue, int dep)
{
	u64 va = l->ts->gpu_va + j * 4 * sizeof(u64);

	d->ts[0].start = va;
	d->ts[0].end = va + sizeof(u64);
	if (d->type == AGX_JOB_RENDER) {
		d->ts[1].start = va + 2 * sizeof(u64);
		d->ts[1].end = va + 3 * sizeof(u64);
	}
	l->job[j] = (struct run_lat_job){ .dep = dep, .queue = queue, .type = d->type,
					  .barrier = d->barrier };
	l->job[j].submit = ktime_get_ns();
}

static u64 *run_ts(struct run_lat *l, unsigned int j)
{
	return (u64 *)l->ts->cpu + j * 4;
}

/* When job @j could start: after its submit, its dependency and what runs before it. */
static u64 run_ready(struct run_lat *l, struct dma_fence **f, unsigned int j, int *last)
{
	struct run_lat_job *job = &l->job[j];
	int same = last[job->queue * 2 + job->type];
	int other = last[job->queue * 2 + !job->type];
	u64 ready = job->submit;

	if (job->dep >= 0)
		ready = max_t(u64, ready, ktime_to_ns(f[job->dep]->timestamp));
	if (same >= 0)	/* the first command of the queue's previous job of this type */
		ready = max(ready, run_ts(l, same)[1]);
	if (job->barrier && other >= 0)	/* the last command of the other type */
		ready = max(ready, run_ts(l, other)[3] ?: run_ts(l, other)[1]);
	return ready;
}

/*
 * When job @j's finished fence could signal: when its last command ended, but not before
 * the queue's previous job signalled (the fences of a queue signal in order).
 */
static u64 run_done(struct run_lat *l, struct dma_fence **f, unsigned int j, int *last)
{
	int prev = max(last[l->job[j].queue * 2], last[l->job[j].queue * 2 + 1]);
	u64 *ts = run_ts(l, j), end = ts[3] ?: ts[1];

	return prev >= 0 ? max_t(u64, end, ktime_to_ns(f[prev]->timestamp)) : end;
}

/* After every fence signalled: the latencies of the jobs that completed without error. */
static void run_lat_collect(struct run_lat *l, struct dma_fence **f, unsigned int njobs)
{
	int last[RUN_QUEUES * 2];
	unsigned int j;

	memset(last, 0xff, sizeof(last));
	for (j = 0; j < njobs; j++) {
		u64 *ts = run_ts(l, j), start = ts[0], end = ts[3] ?: ts[1];
		u64 signalled = ktime_to_ns(f[j]->timestamp), ready = run_ready(l, f, j, last);

		if (end)
			end = run_done(l, f, j, last);
		last[l->job[j].queue * 2 + l->job[j].type] = j;
		if (f[j]->error || !start || !end || start < ready || signalled < end)
			continue;
		l->a[l->n] = start - l->job[j].submit;
		l->b[l->n] = start - ready;
		l->c[l->n] = signalled - end;
		l->n++;
	}
}

static int run_cmp_u64(const void *x, const void *y)
{
	u64 a = *(const u64 *)x, b = *(const u64 *)y;

	return a < b ? -1 : a > b;
}

static u64 run_pct(u64 *v, unsigned int n, unsigned int pct)
{
	return n ? v[min(n - 1, n * pct / 100)] : 0;
}

static int run_lat_print(struct run_lat *l, char *buf, size_t len)
{
	sort(l->a, l->n, sizeof(u64), run_cmp_u64, NULL);
	sort(l->b, l->n, sizeof(u64), run_cmp_u64, NULL);
	sort(l->c, l->n, sizeof(u64), run_cmp_u64, NULL);
	return scnprintf(buf, len,
			 "{\"jobs\": %u, \"submit_to_run\": {\"p50\": %llu, \"p99\": %llu}, \"ready_to_run\": {\"p50\": %llu, \"p99\": %llu}, \"hw_done_to_signal\": {\"p50\": %llu, \"p99\": %llu}}",
			 l->n, run_pct(l->a, l->n, 50), run_pct(l->a, l->n, 99),
			 run_pct(l->b, l->n, 50), run_pct(l->b, l->n, 99),
			 run_pct(l->c, l->n, 50), run_pct(l->c, l->n, 99));
}

static const char *run_errname(int err)
{
	switch (err) {
	case -EIO: return "EIO";
	case -ETIMEDOUT: return "ETIMEDOUT";
	case -ECANCELED: return "ECANCELED";
	case -ENODEV: return "ENODEV";
	case -ENODATA: return "ENODATA";
	default: return "other";
	}
}

/* The render pass of the workload's renders: 64x64, one layer, one sample, 32x32 utiles. */
static const struct drm_asahi_cmd_render run_geometry = {
	.width_px = 64, .height_px = 64, .layers = 1, .samples = 1,
	.utile_width_px = 32, .utile_height_px = 32, .sample_size_B = 8,
};

static void agx_run_workload(struct kunit *test)
{
	static const char * const kinds[] = { "EIO", "ETIMEDOUT", "ECANCELED", "ENODEV",
					      "ENODATA", "other" };
	unsigned int counts[ARRAY_SIZE(kinds)] = {};
	struct agx_gpu *gpu = agx_gpu_first();
	struct agx_sim *sim = agx_sim_default();
	struct agx_queue *q[RUN_QUEUES] = {};
	struct dma_fence *last[RUN_QUEUES] = {};
	int last_idx[RUN_QUEUES] = {};
	struct dma_fence **fences;
	struct agx_job_desc *d;
	struct run_vm vms[RUN_VMS] = {};
	struct run_lat lat = {};
	unsigned int njobs = 0, done = 0, i, r, k, nkinds = 0;
	int viol0, cmds0;
	char errs[160], lats[300];
	ktime_t t0;
	s64 us;
	int len = 0;

	KUNIT_ASSERT_NOT_NULL(test, gpu);
	KUNIT_ASSERT_NOT_NULL(test, sim);
	fences = kcalloc(rounds * RUN_QUEUES, sizeof(*fences), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fences);
	d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);	/* too big for the stack */
	KUNIT_ASSERT_NOT_NULL(test, d);
	viol0 = atomic_read(&agx_sim_get_counters(sim)->violations);
	cmds0 = atomic_read(&agx_sim_get_counters(sim)->commands);
	KUNIT_ASSERT_EQ(test, 0, run_lat_init(gpu, &lat, rounds * RUN_QUEUES));
	for (i = 0; i < RUN_VMS; i++)
		KUNIT_ASSERT_EQ(test, 0, run_vm_init(gpu, &vms[i]));
	for (i = 0; i < RUN_QUEUES; i++) {
		q[i] = agx_queue_create(gpu, vms[i % RUN_VMS].heap, i % 2);
		KUNIT_ASSERT_FALSE(test, IS_ERR(q[i]));
	}
	t0 = ktime_get();
	for (r = 0; r < rounds; r++) {
		if (r == rounds / 2) {
			/* two queues destroyed with work in flight */
			agx_queue_destroy(q[6]);
			agx_queue_destroy(q[7]);
			q[6] = NULL;
			q[7] = NULL;
		}
		for (i = 0; i < RUN_QUEUES; i++) {
			struct run_vm *v = &vms[i % RUN_VMS];
			struct dma_fence *f;
			int dep;

			if (!q[i])
				continue;
			memset(d, 0, sizeof(*d));
			d->render = run_geometry;
			d->type = (r + i) % 3 == 0 ? AGX_JOB_COMPUTE : AGX_JOB_RENDER;
			d->natt = 1;
			d->att[0].address = RUN_BUF_VA;
			d->att[0].size = 16;
			d->barrier = (r % 5) == 4;
			/* a dependency on another queue's last job */
			dep = -1;
			if (r % 2 && last[(i + 3) % RUN_QUEUES]) {
				d->deps[d->ndeps++] = last[(i + 3) % RUN_QUEUES];
				dep = last_idx[(i + 3) % RUN_QUEUES];
			}
			if (r == 3 && i == 1)		/* the injected fault */
				d->ctrl_stream = run_ctrl(v, 0, AGX_SIMQ_FAULT_WRITE,
							  RUN_UNMAPPED_VA);
			if (r == 7 && i == 2)		/* the injected timeout */
				d->ctrl_stream = run_ctrl(v, 1, AGX_SIMQ_HANG, 0);
			run_lat_job(&lat, njobs, d, i, dep);
			f = agx_queue_submit(q[i], d);
			KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "submit: %ld", PTR_ERR(f));
			last_idx[i] = njobs;
			fences[njobs++] = f;
			last[i] = f;
		}
	}
	for (i = 0; i < njobs; i++) {
		long t = dma_fence_wait_timeout(fences[i], false, 60 * HZ);
		int err;

		KUNIT_ASSERT_GT_MSG(test, t, 0, "job %u never completed", i);
		err = fences[i]->error;
		if (!err) {
			done++;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(kinds); k++)
			if (!strcmp(kinds[k], run_errname(err)))
				counts[k]++;
	}
	us = max_t(s64, 1, ktime_us_delta(ktime_get(), t0));
	run_lat_collect(&lat, fences, njobs);
	for (i = 0; i < RUN_QUEUES; i++)
		if (q[i])
			agx_queue_destroy(q[i]);
	for (i = 0; i < njobs; i++)
		dma_fence_put(fences[i]);
	kfree(fences);
	/* let the firmware retire and the contexts be destroyed before the VMs go */
	flush_workqueue(gpu->wq);
	for (i = 0; i < AGX_NUM_EVENTS; i++) {
		struct agx_fw_wq *wq = agx_event_owner(gpu, i);

		if (!wq)
			continue;
		pr_info("agx_run: slot %u still owned: pipe %u pending %u jobs %u refs %u\n", i,
			wq->pipe, wq->nr_pending, wq->pending_jobs, kref_read(&wq->ref));
		agx_fw_wq_put(wq);
	}
	for (i = 0; i < RUN_VMS; i++)
		run_vm_fini(&vms[i]);
	run_lat_print(&lat, lats, sizeof(lats));
	run_lat_fini(&lat);
	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		if (!counts[k])
			continue;
		len += scnprintf(errs + len, sizeof(errs) - len, "%s\"%s\": %u",
				 nkinds++ ? ", " : "", kinds[k], counts[k]);
	}
	pr_info("AGX-RUN {\"jobs_completed\": %u, \"jobs_submitted\": %u, \"errors\": {%s}, \"jobs_per_s\": %lld, \"violations\": %d, \"sim_commands\": %d, \"faults\": %d, \"timeouts\": %d, \"engines\": %u, \"latency_us_cfg\": %u, \"latency_ns\": %s}\n",
		done, njobs, errs, (s64)done * USEC_PER_SEC / us,
		atomic_read(&agx_sim_get_counters(sim)->violations) - viol0,
		atomic_read(&agx_sim_get_counters(sim)->commands) - cmds0,
		atomic_read(&gpu->stats.faults), atomic_read(&gpu->stats.timeouts),
		agx_sim_config(sim)->engines, agx_sim_config(sim)->latency_us, lats);
	KUNIT_EXPECT_EQ(test, atomic_read(&agx_sim_get_counters(sim)->violations), viol0);
	KUNIT_EXPECT_GE(test, atomic_read(&gpu->stats.faults), 1);
	KUNIT_EXPECT_GE(test, atomic_read(&gpu->stats.timeouts), 1);
}

static struct kunit_case agx_run_cases[] = {
	KUNIT_CASE_SLOW(agx_run_workload),
	{}
};

static struct kunit_suite agx_run_suite = {
	.name = "agx_run",
	.test_cases = agx_run_cases,
};

kunit_test_suite(agx_run_suite);

MODULE_DESCRIPTION("AGX make-run workload on the simulated firmware");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
