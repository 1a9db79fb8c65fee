// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: AGX end-to-end benchmark
 *
 * agx_bench.ko runs the AGX submission path end to end on the perf kernel: jobs go through
 * agx_queue_submit() (driver/queue: firmware commands built, a job-queue job), the job
 * queue, the firmware rings and the simulated firmware (agx_sim.ko's default GPU, loaded
 * with ``latency_us=0`` so that a command completes as soon as the firmware thread gets
 * to it, and ``tlb_check=0``, without the shadow TLB's work on every access), and back
 * through the event path to the finished fence. It prints AGX-BENCH lines as jq_bench.ko
 * does (``sched`` is ``agx``), and AGX-BENCH-AGX-END with its status:
 *
 * 1. ``agx_throughput``: @jobs compute jobs spread over @queues queues (two VMs), at most
 *    @inflight per queue, back to back; jobs/s from the first submit to the last fence.
 *    The table sets it beside the job queue's throughput on null hardware
 *    (jq_bench.ko's ``throughput``), which is what the job queue alone can do.
 * 2. ``agx_submit_to_run_p50/p99`` and ``agx_done_to_signal_p50/p99``: one compute job at
 *    a time on an idle queue, @lat_samples samples: from agx_queue_submit() to the
 *    firmware's start Timestamp op, and from its end Timestamp op to the finished fence
 *    signalling (ns; the simulated GPU timer is ktime).
 * 3. ``agx_long_queue_*``: @long_jobs render jobs on one queue, 32 in flight, within
 *    @long_seconds: the jobs run and the growth of the queue's firmware memory (the
 *    gpu_ro pool's heap, bytes) from job 512 to the end, and of the kernel's slab memory
 *    over the same span (bytes, which also holds everything else the kernel allocates; 0
 *    if it shrank).
 *    Flat memory means the growth stays within one pool block however many jobs run.
 *
 * Repetitions (@reps) are interleaved with nothing else: the job queue's own rows come
 * from jq_bench.ko earlier in the same boot.
 */

#include <linux/dma-fence.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmstat.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"

static unsigned int reps = 5;
module_param(reps, uint, 0444);
MODULE_PARM_DESC(reps, "Repetitions of the throughput and latency workloads");
static unsigned int jobs = 20000;
module_param(jobs, uint, 0444);
MODULE_PARM_DESC(jobs, "Jobs of the throughput workload");
static unsigned int queues = 8;
module_param(queues, uint, 0444);
MODULE_PARM_DESC(queues, "Queues of the throughput workload (at most 16)");
static unsigned int inflight = 64;
module_param(inflight, uint, 0444);
MODULE_PARM_DESC(inflight, "Jobs in flight per queue in the throughput workload (at most 128)");
static unsigned int lat_samples = 2000;
module_param(lat_samples, uint, 0444);
MODULE_PARM_DESC(lat_samples, "Samples of the latency workload");
static unsigned int long_jobs = 100000;
module_param(long_jobs, uint, 0444);
MODULE_PARM_DESC(long_jobs, "Render jobs of the long-queue workload");
static unsigned int long_seconds = 240;
module_param(long_seconds, uint, 0444);
MODULE_PARM_DESC(long_seconds, "Time budget of the long-queue workload (s)");

#define AB_MAX_QUEUES	16
#define AB_MAX_INFLIGHT	128
#define AB_LONG_INFLIGHT 32
#define AB_LONG_WARM	512
#define AB_BUF_VA	0x1000000ULL
#define AB_WAIT		(30 * HZ)

/* One VM with one mapped page the jobs' attachment points at. */
struct ab_vm {
	struct agx_vm *vm;
	struct agx_heap *heap;
	struct page *page;
};

static void ab_emit(const char *row, const char *unit, unsigned int rep, u64 value)
{
	pr_info("AGX-BENCH {\"row\":\"%s\",\"unit\":\"%s\",\"sched\":\"agx\",\"rep\":%u,\"value\":%llu}\n",
		row, unit, rep, value);
}

static int ab_vm_init(struct agx_gpu *gpu, struct ab_vm *v)
{
	v->vm = agx_vm_create(gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	if (IS_ERR(v->vm))
		return PTR_ERR(v->vm);
	v->heap = agx_heap_create(v->vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	if (IS_ERR(v->heap))
		return PTR_ERR(v->heap);
	v->page = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(AGX_UAT_PGSZ));
	if (!v->page)
		return -ENOMEM;
	return agx_vm_map(v->vm, AB_BUF_VA, page_to_phys(v->page), AGX_UAT_PGSZ,
			  AGX_PROT_GPU_SHARED_RW);
}

static void ab_vm_fini(struct ab_vm *v)
{
	if (!IS_ERR_OR_NULL(v->heap))
		agx_heap_put(v->heap);
	if (IS_ERR_OR_NULL(v->vm))
		return;
	if (v->page) {
		agx_vm_unmap(v->vm, AB_BUF_VA, AGX_UAT_PGSZ);
		__free_pages(v->page, get_order(AGX_UAT_PGSZ));
	}
	agx_vm_put(v->vm);
}

/* The render pass of the benchmark's renders: 64x64 pixels, one layer and sample. */
static const struct drm_asahi_cmd_render ab_geometry = {
	.width_px = 64, .height_px = 64, .layers = 1, .samples = 1,
	.utile_width_px = 32, .utile_height_px = 32, .sample_size_B = 8,
};

static struct dma_fence *ab_submit(struct agx_queue *q, enum agx_job_type type,
				   const struct agx_job_ts *ts)
{
	struct agx_job_desc d = { .type = type, .natt = 1, .render = ab_geometry };

	d.att[0].address = AB_BUF_VA;
	d.att[0].size = 4;
	if (ts)
		d.ts[0] = *ts;
	return agx_queue_submit(q, &d);
}

/* Wait for @f and drop it: 0, the fence's error, or -ETIMEDOUT. */
static int ab_wait(struct dma_fence *f)
{
	long t = dma_fence_wait_timeout(f, false, AB_WAIT);
	int err = t > 0 ? f->error : -ETIMEDOUT;

	dma_fence_put(f);
	return err;
}

static int ab_cmp_u64(const void *x, const void *y)
{
	u64 a = *(const u64 *)x, b = *(const u64 *)y;

	return a < b ? -1 : a > b;
}

static u64 ab_pct(u64 *v, unsigned int n, unsigned int pct)
{
	return n ? v[min(n - 1, n * pct / 100)] : 0;
}

/* Workload 1: back-to-back compute jobs over several queues. */
static int ab_throughput(struct agx_queue **q, unsigned int nq, unsigned int rep)
{
	static struct dma_fence *f[AB_MAX_QUEUES][AB_MAX_INFLIGHT];
	unsigned int depth = clamp(inflight, 1U, (unsigned int)AB_MAX_INFLIGHT), n, i, k;
	u64 t0 = ktime_get_ns();
	int ret = 0;

	for (n = 0; n < jobs && !ret; n++) {
		struct dma_fence **slot = &f[n % nq][(n / nq) % depth];

		if (*slot)
			ret = ab_wait(*slot);
		*slot = ab_submit(q[n % nq], AGX_JOB_COMPUTE, NULL);
		if (IS_ERR(*slot)) {
			ret = PTR_ERR(*slot);
			*slot = NULL;
		}
	}
	for (i = 0; i < nq; i++)
		for (k = 0; k < depth; k++)
			if (f[i][k]) {
				ret = ab_wait(f[i][k]) ?: ret;
				f[i][k] = NULL;
			}
	if (!ret)
		ab_emit("agx_throughput", "jobs/s", rep,
			div64_u64((u64)jobs * NSEC_PER_SEC, max(ktime_get_ns() - t0, 1ULL)));
	return ret;
}

/* One job on the idle queue @q; its two latencies into @a and @b (ns). */
static int ab_latency_one(struct agx_queue *q, struct agx_fwobj *ts, u64 *a, u64 *b)
{
	struct agx_job_ts where = { .start = ts->gpu_va, .end = ts->gpu_va + sizeof(u64) };
	u64 *t = ts->cpu, submit;
	struct dma_fence *f;
	int ret;

	t[0] = 0;
	t[1] = 0;
	submit = ktime_get_ns();
	f = ab_submit(q, AGX_JOB_COMPUTE, &where);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = dma_fence_wait_timeout(f, false, AB_WAIT) > 0 ? f->error : -ETIMEDOUT;
	if (!ret && (READ_ONCE(t[0]) < submit || ktime_to_ns(f->timestamp) < READ_ONCE(t[1])))
		ret = -ERANGE;
	*a = READ_ONCE(t[0]) - submit;
	*b = ktime_to_ns(f->timestamp) - READ_ONCE(t[1]);
	dma_fence_put(f);
	return ret;
}

/* Workload 2: latencies of one job at a time. */
static int ab_latency(struct agx_gpu *gpu, struct agx_queue *q, unsigned int rep)
{
	unsigned int n = max(lat_samples, 1U), i;
	u64 *a = kvcalloc(n, sizeof(u64), GFP_KERNEL), *b = kvcalloc(n, sizeof(u64), GFP_KERNEL);
	struct agx_fwobj *ts = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED, 2 * sizeof(u64),
					       "BenchTs");
	int ret = !a || !b ? -ENOMEM : PTR_ERR_OR_ZERO(ts);

	for (i = 0; i < n && !ret; i++)
		ret = ab_latency_one(q, ts, &a[i], &b[i]);
	if (!ret) {
		sort(a, n, sizeof(u64), ab_cmp_u64, NULL);
		sort(b, n, sizeof(u64), ab_cmp_u64, NULL);
		ab_emit("agx_submit_to_run_p50", "ns", rep, ab_pct(a, n, 50));
		ab_emit("agx_submit_to_run_p99", "ns", rep, ab_pct(a, n, 99));
		ab_emit("agx_done_to_signal_p50", "ns", rep, ab_pct(b, n, 50));
		ab_emit("agx_done_to_signal_p99", "ns", rep, ab_pct(b, n, 99));
	}
	if (!IS_ERR_OR_NULL(ts))
		agx_fwobj_free(ts);
	kvfree(a);
	kvfree(b);
	return ret;
}

static u64 ab_pool_heap(struct agx_mmu *mmu)
{
	struct agx_pool *pool = &mmu->pools[AGX_POOL_GPU_RO];
	u64 heap;

	mutex_lock(&pool->lock);
	heap = pool->top - pool->start;
	mutex_unlock(&pool->lock);
	return heap;
}

static u64 ab_slab_bytes(void)
{
	return (global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B)) << PAGE_SHIFT;
}

/* Workload 3: render jobs on one long-lived queue, memory measured after the warm-up. */
static int ab_long_queue(struct agx_gpu *gpu, struct agx_queue *q)
{
	struct dma_fence *f[AB_LONG_INFLIGHT] = {};
	u64 deadline = ktime_get_ns() + (u64)long_seconds * NSEC_PER_SEC;
	u64 heap0 = 0, slab0 = 0;
	unsigned int n, i;
	int ret = 0;

	for (n = 0; n < long_jobs && !ret && ktime_get_ns() < deadline; n++) {
		if (n == AB_LONG_WARM) {
			heap0 = ab_pool_heap(gpu->mmu);
			slab0 = ab_slab_bytes();
		}
		if (f[n % AB_LONG_INFLIGHT])
			ret = ab_wait(f[n % AB_LONG_INFLIGHT]);
		f[n % AB_LONG_INFLIGHT] = ab_submit(q, AGX_JOB_RENDER, NULL);
		if (IS_ERR(f[n % AB_LONG_INFLIGHT])) {
			ret = PTR_ERR(f[n % AB_LONG_INFLIGHT]);
			f[n % AB_LONG_INFLIGHT] = NULL;
		}
	}
	for (i = 0; i < AB_LONG_INFLIGHT; i++)
		if (f[i])
			ret = ab_wait(f[i]) ?: ret;
	if (ret || n <= AB_LONG_WARM)
		return ret ?: -ETIME;
	ab_emit("agx_long_queue_jobs", "jobs", 0, n);
	ab_emit("agx_long_queue_heap_growth", "bytes", 0, ab_pool_heap(gpu->mmu) - heap0);
	ab_emit("agx_long_queue_slab_growth", "bytes", 0,
		(u64)max_t(s64, 0, (s64)(ab_slab_bytes() - slab0)));
	return 0;
}

static int ab_run(struct agx_gpu *gpu, struct ab_vm *vm, struct agx_queue **q,
		  unsigned int nq)
{
	unsigned int i, rep;
	int ret;

	for (i = 0; i < 2; i++) {
		ret = ab_vm_init(gpu, &vm[i]);
		if (ret)
			return ret;
	}
	for (i = 0; i < nq; i++) {
		q[i] = agx_queue_create(gpu, vm[i % 2].heap, 0);
		if (IS_ERR(q[i]))
			return PTR_ERR(q[i]);
	}
	for (rep = 0; rep < reps; rep++) {
		ret = ab_throughput(q, nq, rep) ?: ab_latency(gpu, q[0], rep);
		if (ret)
			return ret;
	}
	return ab_long_queue(gpu, q[0]);
}

static int __init agx_bench_init(void)
{
	struct agx_gpu *gpu = agx_gpu_first();
	struct agx_queue *q[AB_MAX_QUEUES] = {};
	struct ab_vm vm[2] = {};
	unsigned int nq = clamp(queues, 1U, (unsigned int)AB_MAX_QUEUES), i;
	int ret;

	if (!gpu) {
		pr_info("AGX-BENCH-AGX-END %d\n", -ENODEV);
		return 0;
	}
	agx_gpu_get(gpu);
	ret = ab_run(gpu, vm, q, nq);
	for (i = 0; i < nq; i++)
		if (!IS_ERR_OR_NULL(q[i]))
			agx_queue_destroy(q[i]);
	flush_workqueue(gpu->wq);
	for (i = 0; i < 2; i++)
		ab_vm_fini(&vm[i]);
	agx_gpu_put(gpu);
	pr_info("AGX-BENCH-AGX-END %d\n", ret);
	return 0;
}

static void __exit agx_bench_exit(void)
{
}

module_init(agx_bench_init);
module_exit(agx_bench_exit);

MODULE_DESCRIPTION("AGX submission path end to end on the simulated firmware");
MODULE_LICENSE("GPL");
