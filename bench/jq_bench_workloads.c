// SPDX-License-Identifier: GPL-2.0
/*
 * jq_bench.ko: the workloads. What each measures, and how, is in the DOC of jq_bench_main.c.
 * Every workload interleaves the schedulers within each repetition.
 */

#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "jq_bench.h"

/* Credit limit of queues that should never wait for credits. */
#define JQ_BENCH_CREDITS	1024
/* Submit loops yield this often, so the submitter cannot starve the workers' CPU. */
#define JQ_BENCH_BATCH		64

static const enum jq_bench_kind jq_bench_all_kinds[] = {
	JQ_BENCH_DRM, JQ_BENCH_JQ, JQ_BENCH_JQ_FAST, JQ_BENCH_FLOOR,
};

static const enum jq_bench_kind jq_bench_sched_kinds[] = { JQ_BENCH_DRM, JQ_BENCH_JQ };

static struct jq_bench_queue *jq_bench_queue_new(enum jq_bench_kind kind, u32 credits)
{
	struct jq_bench_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (q && jq_bench_queue_init(q, kind, credits)) {
		kfree(q);
		q = NULL;
	}
	return q;
}

static void jq_bench_queue_free(struct jq_bench_queue *q)
{
	jq_bench_queue_fini(q);
	kfree(q);
}

/* Forget @count jobs that were counted in @run but never submitted. */
static void jq_bench_run_abandon(struct jq_bench_run *run, unsigned int count)
{
	if (count && atomic_sub_and_test(count, &run->left))
		complete(&run->freed);
}

static u64 jq_bench_rate(u64 jobs, u64 ns)
{
	return div64_u64(jobs * NSEC_PER_SEC, max_t(u64, ns, 1));
}

/* 1 and 7: throughput, and the floor */

static unsigned long jq_bench_csw(void)
{
	return current->nvcsw + current->nivcsw;
}

/*
 * Also reports the submitter's own time per job (allocation, init, arm, push, and with the
 * fast path run_job) and how often it lost the CPU per 1000 jobs: they tell the submit
 * path's cost from the workers'.
 */
static int jq_bench_throughput_one(enum jq_bench_kind kind, unsigned int n, u64 *rate,
				   u64 *submit_ns, u64 *csw)
{
	struct jq_bench_queue *q = jq_bench_queue_new(kind, JQ_BENCH_CREDITS);
	struct jq_bench_run run;
	unsigned long csw0;
	unsigned int i;
	u64 t0;
	int ret = 0;

	if (!q)
		return -ENOMEM;
	jq_bench_run_init(&run, n);
	csw0 = jq_bench_csw();
	t0 = ktime_get_ns();
	for (i = 0; i < n && !ret; i++) {
		ret = jq_bench_submit(q, &run, NULL, NULL, false);
		if (i % JQ_BENCH_BATCH == 0)
			cond_resched();
	}
	*submit_ns = div_u64(ktime_get_ns() - t0, n);
	*csw = div_u64((u64)(jq_bench_csw() - csw0) * 1000, n);
	jq_bench_run_abandon(&run, n - i + !!ret);
	if (!jq_bench_run_wait(&run))
		*rate = jq_bench_rate(n, ktime_get_ns() - t0);
	else
		ret = -ETIMEDOUT;
	jq_bench_queue_free(q);
	return ret;
}

/**
 * jq_bench_throughput() - workloads 1 and 7: jobs/s on one queue, and the floor
 * @reps: repetitions
 * @jobs: jobs per repetition
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_throughput(unsigned int reps, unsigned int jobs)
{
	u64 rate = 0, submit_ns = 0, csw = 0;
	enum jq_bench_kind kind;
	unsigned int rep, k;
	int ret;

	for (rep = 0; rep < reps; rep++) {
		for (k = 0; k < ARRAY_SIZE(jq_bench_all_kinds); k++) {
			kind = jq_bench_all_kinds[k];
			ret = jq_bench_throughput_one(kind, jobs, &rate, &submit_ns, &csw);
			if (ret)
				return ret;
			jq_bench_emit("throughput", "jobs/s", kind, rep, rate);
			jq_bench_emit("submit_cost", "ns/job", kind, rep, submit_ns);
			jq_bench_emit("submit_csw", "csw/1k", kind, rep, csw);
		}
	}
	return 0;
}

/* 2: submit-to-run latency on an idle queue */

static int jq_bench_submit_latency_one(enum jq_bench_kind kind, unsigned int rep,
				       u64 *samples, unsigned int n)
{
	struct jq_bench_queue *q = jq_bench_queue_new(kind, JQ_BENCH_CREDITS);
	struct jq_bench_run run;
	unsigned int i;
	u64 t0;
	int ret = 0;

	if (!q)
		return -ENOMEM;
	for (i = 0; i < n && !ret; i++) {
		jq_bench_run_init(&run, 1);
		t0 = ktime_get_ns();
		ret = jq_bench_submit(q, &run, NULL, NULL, false);
		if (!ret)
			ret = jq_bench_run_wait(&run);
		samples[i] = run.t_run_ns - t0;
	}
	jq_bench_queue_free(q);
	if (!ret)
		jq_bench_emit_pct("submit_latency", kind, rep, samples, n);
	return ret;
}

/**
 * jq_bench_submit_latency() - workload 2: from push to run_job, idle queue
 * @reps: repetitions
 * @n: samples per repetition
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_submit_latency(unsigned int reps, unsigned int n)
{
	u64 *samples = kvmalloc_array(n, sizeof(*samples), GFP_KERNEL);
	unsigned int rep, k;
	int ret = 0;

	if (!samples)
		return -ENOMEM;
	for (rep = 0; rep < reps && !ret; rep++)
		for (k = 0; k < ARRAY_SIZE(jq_bench_all_kinds) && !ret; k++)
			ret = jq_bench_submit_latency_one(jq_bench_all_kinds[k], rep, samples, n);
	kvfree(samples);
	return ret;
}

/* 3: from a hardware fence's signal to run_job of the job waiting on it */

/* When a fence signalled: splits the dependency latency at A's finished fence. */
struct jq_bench_stamp {
	struct dma_fence_cb cb;
	u64 ns;
};

static void jq_bench_stamp_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	WRITE_ONCE(container_of(cb, struct jq_bench_stamp, cb)->ns, ktime_get_ns());
}

/*
 * One sample: A on @qa with a timer-signalled hardware fence, B on @qb waiting on A's
 * finished fence. Returns in lat[0] the latency from A's hardware fence to B's run_job and
 * in lat[1] the part up to A's finished fence, or 0 if B was pushed too late to measure.
 */
static int jq_bench_dep_sample(struct jq_bench_queue *qa, struct jq_bench_queue *qb, u64 *lat)
{
	struct jq_bench_stamp stamp = { .ns = 0 };
	struct dma_fence *fa = NULL;
	struct jq_bench_run run;
	u64 pushed;
	int ret;

	jq_bench_run_init(&run, 2);
	qa->hw_mode = JQ_BENCH_HW_TIMER;
	ret = jq_bench_submit(qa, &run, NULL, &fa, false);
	qa->hw_mode = JQ_BENCH_HW_NOW;	/* B's own hardware fence signals at once */
	if (ret) {
		jq_bench_run_abandon(&run, 2);
		return ret;
	}
	if (dma_fence_add_callback(fa, &stamp.cb, jq_bench_stamp_cb))
		stamp.ns = ktime_get_ns();
	ret = jq_bench_submit(qb, &run, dma_fence_get(fa), NULL, false);
	pushed = ktime_get_ns();
	if (ret)
		jq_bench_run_abandon(&run, 1);
	if (jq_bench_run_wait(&run))
		return -ETIMEDOUT;	/* leaks fa: a broken run is not worth unwinding */
	/* A's finished fence has signalled, so the stamp callback has returned */
	dma_fence_put(fa);
	lat[0] = run.t_hw_ns < pushed ? 0 : run.t_run_ns - run.t_hw_ns;
	lat[1] = lat[0] ? READ_ONCE(stamp.ns) - run.t_hw_ns : 0;
	return ret;
}

static void jq_bench_dep_emit(enum jq_bench_kind kind, bool same, unsigned int rep,
			      u64 *samples, u64 *signal, unsigned int got, unsigned int n)
{
	jq_bench_emit_pct(same ? "dep_latency_same" : "dep_latency", kind, rep, samples, got);
	jq_bench_emit_pct(same ? "dep_signal_same" : "dep_signal", kind, rep, signal, got);
	jq_bench_emit(same ? "dep_latency_same_late" : "dep_latency_late", "samples", kind,
		      rep, n - got);
}

static int jq_bench_dep_one(enum jq_bench_kind kind, bool same, unsigned int rep,
			    u64 *samples, unsigned int n, u64 delay_ns)
{
	struct jq_bench_queue *qa, *qb;
	unsigned int i, got = 0;
	u64 lat[2];
	int ret = 0;

	/* same queue: credit limit 1, as a full ring; B waits for A's credits too */
	qa = jq_bench_queue_new(kind, same ? 1 : JQ_BENCH_CREDITS);
	qb = same ? qa : jq_bench_queue_new(kind, JQ_BENCH_CREDITS);
	if (!qa || !qb) {
		ret = -ENOMEM;
		goto out;
	}
	qa->hw_delay_ns = delay_ns;
	for (i = 0; i < n && !ret; i++) {
		ret = jq_bench_dep_sample(qa, qb, lat);
		if (ret || !lat[0])
			continue;
		samples[got] = lat[0];
		samples[n + got] = lat[1];
		got++;
	}
	if (!ret && got)
		jq_bench_dep_emit(kind, same, rep, samples, samples + n, got, n);
out:
	if (qb && qb != qa)
		jq_bench_queue_free(qb);
	if (qa)
		jq_bench_queue_free(qa);
	return ret;
}

/**
 * jq_bench_dep_latency() - workload 3: hardware fence signal to run_job of its waiter
 * @reps: repetitions
 * @n: samples per repetition
 * @delay_ns: how long after run_job the awaited hardware fence signals
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_dep_latency(unsigned int reps, unsigned int n, u64 delay_ns)
{
	/* the latencies, then the parts up to A's finished fence */
	u64 *samples = kvmalloc_array(2 * n, sizeof(*samples), GFP_KERNEL);
	unsigned int rep, k, same;
	int ret = 0;

	if (!samples)
		return -ENOMEM;
	for (rep = 0; rep < reps && !ret; rep++)
		for (same = 0; same < 2 && !ret; same++)
			for (k = 0; k < ARRAY_SIZE(jq_bench_sched_kinds) && !ret; k++)
				ret = jq_bench_dep_one(jq_bench_sched_kinds[k], same, rep,
						       samples, n, delay_ns);
	kvfree(samples);
	return ret;
}

/* 5: kill a queue holding many queued jobs */

/* One job in flight on a held hardware fence, @n jobs queued behind it (credit limit 1). */
static int jq_bench_kill_fill(struct jq_bench_queue *q, struct jq_bench_run *run,
			      unsigned int n)
{
	unsigned int i;
	int ret;

	q->hw_mode = JQ_BENCH_HW_HELD;
	ret = jq_bench_submit(q, run, NULL, NULL, false);
	q->hw_mode = JQ_BENCH_HW_NOW;
	if (ret)
		return ret;
	if (!wait_for_completion_timeout(&q->held_ready, 60 * HZ))
		return -ETIMEDOUT;
	for (i = 0; i < n; i++) {
		ret = jq_bench_submit(q, run, NULL, NULL, true);
		if (ret) {
			/* unreachable in practice; the run is then abandoned as broken */
			return ret;
		}
		if (i % JQ_BENCH_BATCH == 0)
			cond_resched();
	}
	return 0;
}

static int jq_bench_kill_one(enum jq_bench_kind kind, unsigned int rep, unsigned int n)
{
	struct jq_bench_queue *q = jq_bench_queue_new(kind, 1);
	struct jq_bench_run run;
	u64 t0, t1;
	int ret;

	if (!q)
		return -ENOMEM;
	jq_bench_run_init(&run, n + 1);
	atomic_set(&run.sig_left, n);
	ret = jq_bench_kill_fill(q, &run, n);
	if (ret)
		return ret;	/* leaks the queue: a broken run is not worth unwinding */

	t0 = ktime_get_ns();
	jq_bench_queue_kill(q);
	t1 = ktime_get_ns();
	/* the in-flight job completes on the hardware's own time: here, at once */
	jq_bench_hw_release(q);
	ret = jq_bench_run_wait_signalled(&run);
	if (!ret)
		ret = jq_bench_run_wait(&run);
	if (ret)
		return ret;
	jq_bench_queue_free(q);
	jq_bench_emit("kill_10k_return", "ns", kind, rep, t1 - t0);
	jq_bench_emit("kill_10k_all_signalled", "ns", kind, rep, run.t_signalled_ns - t0);
	return 0;
}

/**
 * jq_bench_kill() - workload 5: kill a queue with @n queued jobs
 * @reps: repetitions
 * @n: queued jobs
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_kill(unsigned int reps, unsigned int n)
{
	unsigned int rep, k;
	int ret = 0;

	for (rep = 0; rep < reps && !ret; rep++)
		for (k = 0; k < ARRAY_SIZE(jq_bench_sched_kinds) && !ret; k++)
			ret = jq_bench_kill_one(jq_bench_sched_kinds[k], rep, n);
	return ret;
}

/* 4: scale */

struct jq_bench_scale_result {
	u64 rate;
	s64 idle_bytes;
	int kthreads;
	int busy_kthreads;	/* more threads after the jobs ran: workers the pools added */
};

static unsigned int jq_bench_queues_create(struct jq_bench_queue *qs, unsigned int nq,
					   enum jq_bench_kind kind)
{
	unsigned int i;

	for (i = 0; i < nq; i++) {
		if (jq_bench_queue_init(&qs[i], kind, JQ_BENCH_CREDITS))
			break;
		cond_resched();
	}
	return i;
}

static void jq_bench_queues_destroy(struct jq_bench_queue *qs, unsigned int nq)
{
	unsigned int i;

	for (i = 0; i < nq; i++) {
		jq_bench_queue_fini(&qs[i]);
		cond_resched();
	}
}

/* Push @per jobs on each queue, round robin, so that every queue has jobs in flight. */
static int jq_bench_scale_push(struct jq_bench_queue *qs, unsigned int nq, unsigned int per,
			       u64 *rate)
{
	unsigned int i, j, done = 0;
	struct jq_bench_run run;
	u64 t0;
	int ret = 0;

	jq_bench_run_init(&run, nq * per);
	t0 = ktime_get_ns();
	for (j = 0; j < per && !ret; j++) {
		for (i = 0; i < nq && !ret; i++) {
			ret = jq_bench_submit(&qs[i], &run, NULL, NULL, false);
			done += !ret;
			if (done % JQ_BENCH_BATCH == 0)
				cond_resched();
		}
	}
	jq_bench_run_abandon(&run, nq * per - done);
	if (jq_bench_run_wait(&run))
		return -ETIMEDOUT;
	*rate = jq_bench_rate(done, ktime_get_ns() - t0);
	return ret;
}

static int jq_bench_scale_one(enum jq_bench_kind kind, unsigned int nq, unsigned int jobs,
			      struct jq_bench_scale_result *res)
{
	struct jq_bench_queue *qs = kvcalloc(nq, sizeof(*qs), GFP_KERNEL);
	unsigned int made, threads;
	u64 mem;
	int ret;

	if (!qs)
		return -ENOMEM;
	/* the wrappers are allocated above, before the baseline: only the schedulers count */
	threads = jq_bench_kthreads();
	mem = jq_bench_mem_bytes();
	made = jq_bench_queues_create(qs, nq, kind);
	res->idle_bytes = div_s64((s64)(jq_bench_mem_bytes() - mem), max(made, 1U));
	res->kthreads = (int)jq_bench_kthreads() - (int)threads;
	ret = made == nq ? 0 : -ENOMEM;
	if (!ret)
		ret = jq_bench_scale_push(qs, nq, max(jobs / nq, 1U), &res->rate);
	res->busy_kthreads = (int)jq_bench_kthreads() - (int)threads - res->kthreads;
	jq_bench_queues_destroy(qs, made);
	kvfree(qs);
	return ret;
}

static int jq_bench_scale_emit(enum jq_bench_kind kind, unsigned int nq, unsigned int rep,
			       const struct jq_bench_scale_result *res)
{
	char name[40];

	snprintf(name, sizeof(name), "scale_throughput_%u", nq);
	jq_bench_emit(name, "jobs/s", kind, rep, res->rate);
	snprintf(name, sizeof(name), "idle_queue_bytes_%u", nq);
	jq_bench_emit(name, "bytes", kind, rep, max_t(s64, res->idle_bytes, 0));
	snprintf(name, sizeof(name), "kthreads_%u", nq);
	jq_bench_emit(name, "threads", kind, rep, max(res->kthreads, 0));
	snprintf(name, sizeof(name), "busy_kthreads_%u", nq);
	jq_bench_emit(name, "threads", kind, rep, max(res->busy_kthreads, 0));
	return 0;
}

/**
 * jq_bench_scale() - workload 4: 1 to @max_queues queues with jobs in flight
 * @reps: repetitions
 * @jobs: jobs per repetition, over all queues
 * @max_queues: the largest number of queues (1, 16, 256, 4096, ... up to it)
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_scale(unsigned int reps, unsigned int jobs, unsigned int max_queues)
{
	struct jq_bench_scale_result res;
	unsigned int nq, rep, k;
	int ret;

	for (nq = 1; nq <= max_queues; nq *= 16) {
		for (rep = 0; rep < reps; rep++) {
			for (k = 0; k < ARRAY_SIZE(jq_bench_sched_kinds); k++) {
				memset(&res, 0, sizeof(res));
				ret = jq_bench_scale_one(jq_bench_sched_kinds[k], nq, jobs, &res);
				if (ret)
					return ret;
				jq_bench_scale_emit(jq_bench_sched_kinds[k], nq, rep, &res);
			}
		}
	}
	return 0;
}

/* 6: drm_sched's overhead tests */

/*
 * One run of drm_sched's overhead tests (drm_sched_scheduler_overhead_tests,
 * tests_scheduler.c): a held job blocks the queue(s) while @n jobs of @job_ns each are
 * pushed, each depending on the one before with @pingpong (alternating between two
 * queues); from the held job's release until the last finished fence. Credit limit 1.
 */
static int jq_bench_overhead_run(struct jq_bench_queue **qs, bool pingpong, unsigned int n,
				 u64 job_ns, u64 *elapsed)
{
	const unsigned int nq = pingpong ? 2 : 1;
	struct dma_fence *prev = NULL;
	struct jq_bench_run run;
	unsigned int i;
	u64 t0;
	int ret;

	jq_bench_run_init(&run, n + 1);
	atomic_set(&run.sig_left, 1);	/* only the last job's finished fence is watched */
	for (i = 0; i < nq; i++) {
		qs[i]->hw_delay_ns = job_ns;
		qs[i]->hw_mode = JQ_BENCH_HW_TIMER;
	}
	qs[0]->hw_mode = JQ_BENCH_HW_HELD;
	ret = jq_bench_submit(qs[0], &run, NULL, pingpong ? &prev : NULL, false);
	qs[0]->hw_mode = JQ_BENCH_HW_TIMER;
	/* on failure the run leaks: a broken run is not worth unwinding */
	if (ret || !wait_for_completion_timeout(&qs[0]->held_ready, 60 * HZ))
		return ret ?: -ETIMEDOUT;
	for (i = 1; i <= n && !ret; i++) {
		/* the previous finished fence's reference goes to the job */
		ret = jq_bench_submit(qs[i % nq], &run, prev,
				      pingpong && i < n ? &prev : NULL, i == n);
		if (i % JQ_BENCH_BATCH == 0)
			cond_resched();
	}
	if (ret)
		return ret;
	t0 = ktime_get_ns();
	jq_bench_hw_release(qs[0]);
	ret = jq_bench_run_wait_signalled(&run) ?: jq_bench_run_wait(&run);
	*elapsed = run.t_signalled_ns - t0;
	return ret;
}

static int jq_bench_overhead_one(enum jq_bench_kind kind, bool pingpong, unsigned int rep,
				 unsigned int n, u64 job_ns)
{
	struct jq_bench_queue *qs[2] = { jq_bench_queue_new(kind, 1), NULL };
	u64 elapsed = 0;
	int ret;

	if (pingpong)
		qs[1] = jq_bench_queue_new(kind, 1);
	if (!qs[0] || (pingpong && !qs[1])) {
		ret = -ENOMEM;
	} else {
		ret = jq_bench_overhead_run(qs, pingpong, n, job_ns, &elapsed);
		if (ret)
			return ret;	/* leaks the queues, as above */
	}
	if (qs[1])
		jq_bench_queue_free(qs[1]);
	if (qs[0])
		jq_bench_queue_free(qs[0]);
	if (!ret)
		jq_bench_emit(pingpong ? "overhead_ping_pong" : "overhead_queue", "ns/job", kind,
			      rep, div_u64(elapsed > n * job_ns ? elapsed - n * job_ns : 0, n));
	return ret;
}

/**
 * jq_bench_overhead() - workload 6: drm_sched's overhead tests, per job
 * @reps: repetitions
 * @n: jobs per repetition
 * @job_ns: how long each job runs on the null hardware
 *
 * Return: 0 or a negative errno.
 */
int jq_bench_overhead(unsigned int reps, unsigned int n, u64 job_ns)
{
	unsigned int rep, k, pingpong;
	int ret = 0;

	for (rep = 0; rep < reps && !ret; rep++)
		for (pingpong = 0; pingpong < 2 && !ret; pingpong++)
			for (k = 0; k < ARRAY_SIZE(jq_bench_sched_kinds) && !ret; k++)
				ret = jq_bench_overhead_one(jq_bench_sched_kinds[k], pingpong,
							    rep, n, job_ns);
	return ret;
}
