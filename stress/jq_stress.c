// SPDX-License-Identifier: GPL-2.0
/*
 * jq_stress.ko: stress and race test of jobqueue.ko, a KUnit suite with module parameters.
 */

/**
 * DOC: Stress model
 *
 * The point of jobqueue.ko is that teardown is safe while work is in flight. This suite
 * proves it under load, with the race detectors of the test kernels on, by running a mock
 * driver as hard as it can for ``seconds`` seconds, cut into rounds of at most
 * ``round_seconds`` (each round is one KUnit case, fully torn down and checked, so that no
 * task waits uninterruptibly long enough to look hung). In each round:
 *
 * - ``threads`` submitter threads push jobs to ``queues`` queue slots. Each job gets random
 *   credits against a small random credit limit, up to three dependencies on recent finished
 *   fences of any queue (its own or others) plus sometimes an external fence, and zero to two
 *   prepare fences that prepare_job hands out one by one. A few jobs are abandoned before arm.
 *   Arm and push are serialized per slot (the driver's submission lock), so the fast path
 *   runs jobs from inside jq_job_push() with that lock held.
 * - run_job returns a hardware fence that is signalled, after a random delay, from hardirq
 *   (hrtimer, HARD mode), softirq (hrtimer, SOFT mode), a work item on another CPU, a
 *   submitter thread (process context, in random order), or at once inside run_job; some
 *   "hang" until a late timer, the timeout handler or cancel_job ends them; some signal an
 *   error. A few run_job calls return no fence or an error pointer.
 * - a killer thread picks random queues and forces timeouts (jq_queue_trigger_timeout()),
 *   kills them (jq_queue_kill()), or replaces them in their slot and drops the last
 *   reference (final put), sometimes right after forcing a timeout; timedout_job itself
 *   sometimes kills its queue or reports the device gone. Before each kill the jobs of the
 *   queue are classified by stage (waiting on dependencies, on prepare fences, on credits,
 *   queued behind the head, in flight, in the timeout handler, completing), so the figures
 *   show which races actually happened. A submitter that finds its queue killed replaces it.
 * - a waiter thread holds finished fences (and some driver job references) as userspace
 *   would through a syncobj or sync_file, waits on some, and releases them later, often
 *   after their queue is gone: then it reads their timeline and driver names. At the end of
 *   the last round ``hold`` fences go to jq_fence_holder.ko, which releases them after this
 *   module and jobqueue.ko's queues are gone (the plan checks that jobqueue.ko cannot be
 *   unloaded meanwhile).
 *
 * Every finished fence has a callback installed between arm and push that checks, as it
 * signals: exactly once; in seqno order within its queue; never before the job's hardware
 * fence (R5); never before the job's dependencies, whether the job ran or was cancelled
 * (R4); with the error of its hardware fence, or an error if it never ran. run_job and
 * prepare_job check that they run after the dependencies and prepare fences, once, and
 * never for a job whose dependency failed on a queue that cancels such jobs. free_job checks
 * that it is called once per job (a bitmap of job ids) and only after the finished fence
 * signalled. At the end of a round every job, queue and fence must be gone, with
 * jq_fences_alive() back to its value at the start (plus the fences handed to the holder).
 * A violation is a counter, reported as a KUnit failure; the counters of races and of each
 * violation are printed per round and in total, in lines starting with ``STRESS``.
 *
 * The mock fences (hardware, prepare, external) are the shared test backend's
 * (tests/jq_test_hw.c), which counts them live; so are the op-contract checks, the same as
 * the KUnit mock's. The random driver, its signallers and its checks are this module's.
 */

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/dma-fence.h>
#include <linux/err.h>
#include <linux/hardirq.h>
#include <linux/hrtimer.h>
#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <kunit/test.h>

#include <jq/jobqueue.h>

#include "jq_fence_holder.h"
#include "jq_test_hw.h"

/* the shared test backend: fences and op-contract checks (tests/jq_test_hw.c) */
MODULE_IMPORT_NS(JQ_TEST_HW);

static unsigned int seconds = 10;
module_param(seconds, uint, 0444);
MODULE_PARM_DESC(seconds, "total stress time in seconds (default 10)");

static unsigned int round_seconds = 30;
module_param(round_seconds, uint, 0444);
MODULE_PARM_DESC(round_seconds, "longest round, each torn down and checked (default 30)");

static unsigned int threads = 4;
module_param(threads, uint, 0444);
MODULE_PARM_DESC(threads, "submitter threads (default 4)");

static unsigned int queues = 8;
module_param(queues, uint, 0444);
MODULE_PARM_DESC(queues, "queue slots (default 8)");

static unsigned int hold = 32;
module_param(hold, uint, 0444);
MODULE_PARM_DESC(hold, "finished fences left to jq_fence_holder.ko at the end (default 32)");

#define JS_MAX_ROUNDS		16
#define JS_MAX_THREADS		32
#define JS_MAX_SLOTS		256
#define JS_MAX_JOB_IDS		BIT(22)
#define JS_MAX_QUEUE_IDS	BIT(16)
#define JS_MAX_DEPS		4
#define JS_MAX_PREP		2
#define JS_RING			64
#define JS_POOL			256
#define JS_LIVE_PER_QUEUE	16
#define JS_NAME_LEN		24

/* Counters of what happened; printed, never judged. */
enum js_count {
	C_QUEUES, C_PUSHED, C_ABANDONED, C_INIT_ENODEV, C_RUN_HW, C_RUN_NULL, C_RUN_ERR,
	C_FIN_OK, C_FIN_ERR, C_FIN_CANCELLED, C_FREED,
	C_DEP_SAME, C_DEP_CROSS, C_DEP_EXT, C_PREP_FENCES,
	C_KILLS, C_PUTS, C_KILLS_IN_TDR, C_KILL_IDLE, C_FLUSHES,
	C_FORCED, C_TDR_CALLS, C_TDR_WON, C_COMPL_WON, C_TDR_NO_HANG, C_TDR_ENODEV,
	C_CANCEL_CALLS, C_CANCEL_ABORTS,
	C_SIG_HARDIRQ, C_SIG_SOFTIRQ, C_SIG_PROCESS, C_SIG_OTHER_CPU, C_SIG_INLINE,
	C_SIG_HANG, C_SIG_ERROR, C_SIG_LATE, C_HW_OUT_OF_ORDER,
	C_HELD, C_WAITS, C_WAIT_TIMEOUTS, C_OUTLIVED, C_NAMES_READ, C_HANDED,
	C_NR
};

/* Invariant violations; each must stay at zero. */
enum js_violation {
	V_SIGNAL_TWICE, V_ORDER, V_BEFORE_HW, V_CANCEL_BEFORE_DEP, V_RUN_BEFORE_DEP,
	V_PREPARE_BEFORE_DEP, V_RUN_BEFORE_PREPARE, V_RUN_TWICE, V_RUN_DEP_ERROR,
	V_ERROR_MISMATCH, V_CANCEL_NO_ERROR, V_SIGNALLED_AT_PUSH, V_FREE_TWICE,
	V_FREE_UNSIGNALLED, V_NOT_FREED, V_TDR_NOT_RUN, V_CANCEL_NOT_RUN, V_NAME,
	V_OPS_CONCURRENT, V_OP_CONTEXT, V_FREE_ATOMIC, V_STUCK, V_LIVE_JOBS, V_LIVE_QUEUES,
	V_LIVE_HW_FENCES, V_LIVE_JQ_FENCES,
	V_NR
};

static const char *const js_violation_names[V_NR] = {
	[V_SIGNAL_TWICE] = "finished signalled twice",
	[V_ORDER] = "finished out of seqno order",
	[V_BEFORE_HW] = "finished before hw fence",
	[V_CANCEL_BEFORE_DEP] = "cancelled before deps",
	[V_RUN_BEFORE_DEP] = "run before deps",
	[V_PREPARE_BEFORE_DEP] = "prepare before deps",
	[V_RUN_BEFORE_PREPARE] = "run before prepare fences",
	[V_RUN_TWICE] = "run_job twice",
	[V_RUN_DEP_ERROR] = "run despite dep error",
	[V_ERROR_MISMATCH] = "finished error != hw error",
	[V_CANCEL_NO_ERROR] = "cancelled without error",
	[V_SIGNALLED_AT_PUSH] = "finished signalled before push",
	[V_FREE_TWICE] = "free_job twice",
	[V_FREE_UNSIGNALLED] = "free_job before finished",
	[V_NOT_FREED] = "free_job never called",
	[V_TDR_NOT_RUN] = "timedout_job on unrun job",
	[V_CANCEL_NOT_RUN] = "cancel_job on unrun job",
	[V_NAME] = "wrong fence name after queue",
	[V_OPS_CONCURRENT] = "ops of one queue concurrent",
	[V_OP_CONTEXT] = "op not in process context",
	[V_FREE_ATOMIC] = "free_job in atomic context",
	[V_STUCK] = "teardown did not finish",
	[V_LIVE_JOBS] = "live jobs at end",
	[V_LIVE_QUEUES] = "live queues at end",
	[V_LIVE_HW_FENCES] = "live hw fences at end",
	[V_LIVE_JQ_FENCES] = "live jq fences at end",
};

/* Stages of a job, as the killer sees them (kills are counted by the stages present). */
enum js_stage {
	S_DEPS, S_PREPARE, S_CREDITS, S_QUEUED, S_INFLIGHT, S_TIMEOUT, S_COMPLETING, S_NR
};

static const char *const js_stage_names[S_NR] = {
	"deps", "prepare", "credits", "queued", "in-flight", "in-timeout", "completing",
};

/* How a mock fence is signalled. */
enum js_mode { M_HARDIRQ, M_SOFTIRQ, M_OTHER_CPU, M_PROCESS, M_INLINE, M_HANG };

/* What run_job did, in js_job.run_state. */
enum js_run { R_NOT_RUN, R_HW, R_NULL, R_ERR };

/* Driver-side progress of a job before run_job, in js_job.stage. */
enum js_prep_stage { P_PUSHED, P_PREPARE, P_PREPARED };

/**
 * struct js_fence - a mock fence: hardware, prepare or external
 * @base: the test backend's fence (its own lock), counted in js.live_mock_fences.
 * @timer: fires the signal in hardirq or softirq.
 * @work: fires the signal on another CPU.
 * @plink: on the process-context list, under js.plock.
 * @job: for a hardware fence, its job (alive until the fence has signalled, R5).
 * @error: the error to signal with, or 0.
 * @mode: enum js_mode.
 * @is_hw: a hardware fence; only those are counted by context.
 */
struct js_fence {
	struct jq_test_fence base;
	struct hrtimer timer;
	struct work_struct work;
	struct list_head plink;
	struct js_job *job;
	int error;
	u8 mode;
	bool is_hw;
};

/**
 * struct js_queue - the mock driver's queue
 * @ref: held by its slot and by each of its jobs.
 * @q: the job queue; the slot's user reference until the queue is retired.
 * @id: unique in the round, index in js.dead.
 * @name: the queue's name, also its fences' timeline name.
 * @lock: protects @jobs.
 * @jobs: armed jobs not yet freed, for the killer's stage census.
 * @in_timeout: timedout_job is running.
 * @in_op: a driver op is running (they must not overlap).
 * @hw_max: the highest seqno whose hardware fence signalled.
 * @last_fin: seqno of the last finished fence signalled.
 * @credit_limit: the queue's credit limit.
 * @dep_error_cancels: the queue has JQ_QUEUE_DEP_ERROR_CANCELS.
 */
struct js_queue {
	struct kref ref;
	struct jq_queue *q;
	u32 id;
	char name[JS_NAME_LEN];
	spinlock_t lock;	/* protects @jobs */
	struct list_head jobs;
	atomic_t in_timeout;
	atomic_t in_op;
	atomic64_t hw_max;
	atomic64_t last_fin;
	u32 credit_limit;
	bool dep_error_cancels;
};

/**
 * struct js_job - the mock driver's job
 * @base: the job queue's job.
 * @sq: the queue, referenced until free_job.
 * @id: unique in the round, index in js.freed.
 * @fin: the finished fence (borrowed; the job holds it), set at arm.
 * @seqno: the finished fence's seqno.
 * @ndeps: number of @deps.
 * @deps: our own references on the dependencies, for the checks.
 * @hw: the preallocated hardware fence; our reference until free_job.
 * @nprep: number of @prep.
 * @prep: preallocated prepare fences, handed out in order by prepare_job.
 * @prep_next: index of the next prepare fence.
 * @stage: enum js_prep_stage.
 * @run_state: enum js_run.
 * @run_error: the error run_job returned as a pointer.
 * @runs: run_job calls.
 * @fin_calls: finished-fence callbacks.
 * @fin_cb: the checking callback on @fin.
 * @link: on @sq->jobs.
 */
struct js_job {
	struct jq_job base;
	struct js_queue *sq;
	u32 id;
	struct dma_fence *fin;
	u64 seqno;
	unsigned int ndeps;
	struct dma_fence *deps[JS_MAX_DEPS];
	struct js_fence *hw;
	unsigned int nprep;
	struct js_fence *prep[JS_MAX_PREP];
	atomic_t prep_next;
	atomic_t stage;
	int run_state;
	int run_error;
	atomic_t runs;
	atomic_t fin_calls;
	struct dma_fence_cb fin_cb;
	struct list_head link;
};

/* A slot: the current queue of a "ring", replaced when killed. */
struct js_slot {
	struct mutex lock;	/* the submission lock: arm and push order */
	struct js_queue *sq;
};

/* A finished fence held as userspace would, with the driver's job reference sometimes. */
struct js_hold {
	struct list_head link;
	struct dma_fence *fence;
	struct js_job *job;
	u32 qid;
	char name[JS_NAME_LEN];
};

/* A recent finished fence, candidate dependency of later jobs. */
struct js_ring_entry {
	struct dma_fence *fence;
	u32 qid;
};

static struct {
	atomic_long_t count[C_NR];
	atomic_long_t viol[V_NR];
	atomic_long_t kill_stage[S_NR];
	atomic_long_t total[C_NR];
	atomic_long_t total_viol[V_NR];
	atomic_long_t total_stage[S_NR];

	struct workqueue_struct *wq;		/* queues' own workqueue (some queues) */
	struct workqueue_struct *sig_wq;	/* per-CPU: signals on another CPU */

	struct js_slot slots[JS_MAX_SLOTS];
	unsigned int nslots;
	unsigned long *freed;			/* job ids that went through free_job */
	unsigned long *dead;			/* queue ids whose js_queue is gone */
	atomic_t next_job_id;
	atomic_t next_queue_id;
	atomic_t live_jobs;
	atomic_t live_queues;
	atomic_t live_mock_fences;
	u64 mock_context;

	spinlock_t plock;			/* fences signalled from process context */
	struct list_head plist;

	spinlock_t ring_lock;			/* protects ring, ring_pos */
	struct js_ring_entry ring[JS_RING];
	unsigned int ring_pos;

	spinlock_t hold_lock;			/* protects holds, nholds */
	struct list_head holds;
	unsigned int nholds;

	struct task_struct *tasks[JS_MAX_THREADS + 2];
	unsigned int ntasks;
	bool last_round;
} js;

static void js_inc(enum js_count c)
{
	atomic_long_inc(&js.count[c]);
}

static void js_violation(enum js_violation v)
{
	atomic_long_inc(&js.viol[v]);
}

static u32 js_rand(u32 n)
{
	return get_random_u32_below(n);
}

/* Mock fences */

static struct js_fence *js_fence_alloc(bool is_hw)
{
	struct js_fence *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	INIT_LIST_HEAD(&f->plink);
	f->is_hw = is_hw;
	jq_test_fence_init(&f->base, NULL, js.mock_context, 0, &js.live_mock_fences);
	return f;
}

/*
 * A hardware fence signalling while a later job's already did: out of order. Called before
 * the signal, under the fence lock, while the job (and so its queue) is still alive.
 */
static void js_hw_note_order(struct js_job *job)
{
	s64 max = atomic64_read(&job->sq->hw_max);

	while (max < (s64)job->seqno) {
		if (atomic64_try_cmpxchg(&job->sq->hw_max, &max, job->seqno))
			return;
	}
	js_inc(C_HW_OUT_OF_ORDER);
}

/*
 * Signal unless someone else did: completion, cancel_job and the timeout handler race to
 * end a hardware fence, and only the first one may set the error.
 */
static bool js_fence_signal(struct js_fence *f, int error)
{
	struct dma_fence *fence = &f->base.base;
	unsigned long flags;
	bool won;

	spin_lock_irqsave(fence->lock, flags);
	if (f->job && !test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &fence->flags))
		js_hw_note_order(f->job);
	won = jq_test_fence_signal_locked(fence, error);
	spin_unlock_irqrestore(fence->lock, flags);
	return won;
}

static const enum js_count js_mode_count[] = {
	[M_HARDIRQ] = C_SIG_HARDIRQ, [M_SOFTIRQ] = C_SIG_SOFTIRQ,
	[M_OTHER_CPU] = C_SIG_OTHER_CPU, [M_PROCESS] = C_SIG_PROCESS,
	[M_INLINE] = C_SIG_INLINE, [M_HANG] = C_SIG_HANG,
};

/* The signaller's end: signal, count by context, drop the signaller's reference. */
static void js_fence_fire(struct js_fence *f)
{
	if (js_fence_signal(f, f->error) && f->is_hw) {
		enum js_count c = js_mode_count[f->mode];

		/* count what really happened: a hardirq signal must be in hardirq */
		if (f->mode == M_HARDIRQ && !in_hardirq())
			c = C_SIG_LATE;
		else if (f->mode == M_SOFTIRQ && !in_serving_softirq())
			c = C_SIG_LATE;
		js_inc(c);
		if (f->error)
			js_inc(C_SIG_ERROR);
	}
	dma_fence_put(&f->base.base);
}

static enum hrtimer_restart js_fence_timer(struct hrtimer *t)
{
	js_fence_fire(container_of(t, struct js_fence, timer));
	return HRTIMER_NORESTART;
}

static void js_fence_work(struct work_struct *w)
{
	js_fence_fire(container_of(w, struct js_fence, work));
}

static unsigned int js_other_cpu(void)
{
	unsigned int self = raw_smp_processor_id();
	unsigned int n = num_online_cpus();
	unsigned int cpu = cpumask_nth(js_rand(n), cpu_online_mask);

	if (cpu == self && n > 1)
		cpu = cpumask_any_but(cpu_online_mask, self);
	return cpu < nr_cpu_ids ? cpu : self;
}

static void js_fence_start_timer(struct js_fence *f, enum hrtimer_mode mode, u64 ns)
{
	hrtimer_init(&f->timer, CLOCK_MONOTONIC, mode);
	f->timer.function = js_fence_timer;
	hrtimer_start(&f->timer, ns_to_ktime(ns), mode);
}

/*
 * Arrange for @f to be signalled with @error by @mode after about @ns. The signaller holds
 * a fence reference until it has fired. Does not allocate and does not sleep: called from
 * run_job, prepare_job and the timeout handler.
 */
static void js_fence_start(struct js_fence *f, enum js_mode mode, int error, u64 ns)
{
	unsigned long flags;

	f->mode = mode;
	f->error = error;
	dma_fence_get(&f->base.base);
	switch (mode) {
	case M_HARDIRQ:
		js_fence_start_timer(f, HRTIMER_MODE_REL_HARD, ns);
		break;
	case M_SOFTIRQ:
		js_fence_start_timer(f, HRTIMER_MODE_REL_SOFT, ns);
		break;
	case M_HANG:
		/* a backstop far beyond the queues' timeouts (R5: every hw fence signals) */
		js_fence_start_timer(f, HRTIMER_MODE_REL_SOFT, 40 * NSEC_PER_MSEC + ns * 30);
		break;
	case M_OTHER_CPU:
		INIT_WORK(&f->work, js_fence_work);
		queue_work_on(js_other_cpu(), js.sig_wq, &f->work);
		break;
	case M_PROCESS:
		spin_lock_irqsave(&js.plock, flags);
		if (js_rand(2))
			list_add_tail(&f->plink, &js.plist);
		else
			list_add(&f->plink, &js.plist);
		spin_unlock_irqrestore(&js.plock, flags);
		break;
	case M_INLINE:
		js_fence_fire(f);
		break;
	}
}

/* Signal up to @max fences queued for process context; returns how many. */
static unsigned int js_signal_process(unsigned int max)
{
	struct js_fence *f;
	unsigned int n = 0;

	while (n < max) {
		spin_lock_irq(&js.plock);
		f = list_first_entry_or_null(&js.plist, struct js_fence, plink);
		if (f)
			list_del_init(&f->plink);
		spin_unlock_irq(&js.plock);
		if (!f)
			break;
		js_fence_fire(f);
		n++;
	}
	return n;
}

/* Checks shared by the ops and the finished callback */

/*
 * A dependency on an earlier job of the job's own queue costs nothing: the job queue drops
 * it, since that job runs first and finishes first (V_ORDER checks the latter), so it need
 * not have signalled when this job is prepared or run.
 */
static bool js_deps_signalled(struct js_job *job)
{
	u64 own = job->fin ? job->fin->context : 0;
	unsigned int i;

	for (i = 0; i < job->ndeps; i++)
		if (job->deps[i]->context != own && !dma_fence_is_signaled(job->deps[i]))
			return false;
	return true;
}

static bool js_prep_signalled(struct js_job *job)
{
	unsigned int i;

	if (atomic_read(&job->prep_next) != job->nprep)
		return false;
	for (i = 0; i < job->nprep; i++)
		if (!dma_fence_is_signaled(&job->prep[i]->base.base))
			return false;
	return true;
}

static struct js_job *to_js_job(struct jq_job *job)
{
	return container_of(job, struct js_job, base);
}

/* Census of a queue's jobs by stage, at a kill */

static enum js_stage js_job_stage(struct js_job *job)
{
	int run = READ_ONCE(job->run_state);

	if (run == R_HW)
		return dma_fence_is_signaled(&job->hw->base.base) ? S_COMPLETING : S_INFLIGHT;
	if (run != R_NOT_RUN)
		return S_COMPLETING;
	if (atomic_read(&job->stage) == P_PREPARE)
		return S_PREPARE;
	if (!js_deps_signalled(job))
		return S_DEPS;
	if (atomic_read(&job->stage) == P_PREPARED)
		return S_CREDITS;
	return S_QUEUED;
}

/* Count the stages a kill (or final put) of @sq hits; @in_tdr: from the timeout handler. */
static void js_kill_census(struct js_queue *sq, bool in_tdr)
{
	bool hit[S_NR] = {};
	struct js_job *job;
	unsigned long flags;
	bool any = false;
	int s;

	spin_lock_irqsave(&sq->lock, flags);
	list_for_each_entry(job, &sq->jobs, link) {
		if (dma_fence_is_signaled(job->fin))
			continue;
		hit[js_job_stage(job)] = true;
	}
	spin_unlock_irqrestore(&sq->lock, flags);
	if (in_tdr || atomic_read(&sq->in_timeout))
		hit[S_TIMEOUT] = true;
	for (s = 0; s < S_NR; s++) {
		if (hit[s]) {
			atomic_long_inc(&js.kill_stage[s]);
			any = true;
		}
	}
	if (!any)
		js_inc(C_KILL_IDLE);
}

/* The ops: each checks that it runs alone for its queue, in process context */

static void js_op_enter(struct js_queue *sq)
{
	unsigned int breach = jq_test_op_enter(&sq->in_op);

	if (breach & JQ_TEST_OP_CONCURRENT)
		js_violation(V_OPS_CONCURRENT);
	if (breach & JQ_TEST_OP_CONTEXT)
		js_violation(V_OP_CONTEXT);
}

static void js_op_exit(struct js_queue *sq)
{
	jq_test_op_exit(&sq->in_op);
}

static struct dma_fence *js_prepare_job_op(struct jq_job *base)
{
	struct js_job *job = to_js_job(base);
	int i = atomic_read(&job->prep_next);
	struct js_fence *f;

	if (!js_deps_signalled(job))
		js_violation(V_PREPARE_BEFORE_DEP);
	if (i >= job->nprep) {
		atomic_set(&job->stage, P_PREPARED);
		return NULL;
	}
	f = job->prep[i];
	js_inc(C_PREP_FENCES);
	atomic_set(&job->prep_next, i + 1);
	atomic_set(&job->stage, P_PREPARE);
	js_fence_start(f, js_rand(2) ? M_SOFTIRQ : M_OTHER_CPU, 0, 20000 + js_rand(500000));
	return dma_fence_get(&f->base.base);
}

static struct dma_fence *js_prepare_job(struct jq_job *base)
{
	struct js_queue *sq = to_js_job(base)->sq;
	struct dma_fence *f;

	js_op_enter(sq);
	f = js_prepare_job_op(base);
	js_op_exit(sq);
	return f;
}

static enum js_mode js_pick_hw_mode(void)
{
	u32 r = js_rand(100);

	if (r < 30)
		return M_HARDIRQ;
	if (r < 55)
		return M_SOFTIRQ;
	if (r < 72)
		return M_OTHER_CPU;
	if (r < 88)
		return M_PROCESS;
	if (r < 94)
		return M_INLINE;
	return M_HANG;
}

static void js_run_checks(struct js_job *job)
{
	if (atomic_inc_return(&job->runs) != 1)
		js_violation(V_RUN_TWICE);
	if (!js_deps_signalled(job))
		js_violation(V_RUN_BEFORE_DEP);
	if (!js_prep_signalled(job))
		js_violation(V_RUN_BEFORE_PREPARE);
	if (job->sq->dep_error_cancels && jq_job_dependency_error(&job->base))
		js_violation(V_RUN_DEP_ERROR);
}

static struct dma_fence *js_run_job_op(struct jq_job *base)
{
	struct js_job *job = to_js_job(base);
	u32 r = js_rand(100);

	js_run_checks(job);
	if (r < 3) {
		WRITE_ONCE(job->run_state, R_NULL);
		js_inc(C_RUN_NULL);
		return NULL;
	}
	if (r < 5) {
		job->run_error = -EIO;
		WRITE_ONCE(job->run_state, R_ERR);
		js_inc(C_RUN_ERR);
		return ERR_PTR(-EIO);
	}
	/* before the fence can signal: the finished callback checks R5 against it */
	WRITE_ONCE(job->run_state, R_HW);
	js_inc(C_RUN_HW);
	js_fence_start(job->hw, js_pick_hw_mode(), js_rand(100) < 5 ? -EIO : 0,
		       10000 + js_rand(js_rand(4) ? 300000 : 3000000));
	return dma_fence_get(&job->hw->base.base);
}

static struct dma_fence *js_run_job(struct jq_job *base)
{
	struct js_queue *sq = to_js_job(base)->sq;
	struct dma_fence *f;

	js_op_enter(sq);
	f = js_run_job_op(base);
	js_op_exit(sq);
	return f;
}

static enum jq_timeout_status js_timedout_job(struct jq_job *base)
{
	struct js_job *job = to_js_job(base);
	struct js_queue *sq = job->sq;
	enum jq_timeout_status status = JQ_TIMEOUT_NONE;
	u32 r = js_rand(100);

	js_op_enter(sq);
	atomic_inc(&sq->in_timeout);
	js_inc(C_TDR_CALLS);
	if (READ_ONCE(job->run_state) != R_HW) {
		js_violation(V_TDR_NOT_RUN);
	} else if (dma_fence_is_signaled(&job->hw->base.base)) {
		js_inc(C_COMPL_WON);
	} else if (r < 40) {
		js_inc(js_fence_signal(job->hw, -ETIMEDOUT) ? C_TDR_WON : C_COMPL_WON);
		status = JQ_TIMEOUT_RESET;
	} else if (r < 85) {
		js_inc(C_TDR_NO_HANG);
		status = JQ_TIMEOUT_NO_HANG;
	} else if (r < 95) {
		/* the driver decides to kill the queue from its timeout handler */
		js_kill_census(sq, true);
		js_inc(C_KILLS_IN_TDR);
		jq_queue_kill(jq_job_queue(base), -ETIMEDOUT);
	} else {
		js_kill_census(sq, true);
		js_inc(C_TDR_ENODEV);
		status = JQ_TIMEOUT_ENODEV;
	}
	atomic_dec(&sq->in_timeout);
	js_op_exit(sq);
	return status;
}

static void js_cancel_job(struct jq_job *base)
{
	struct js_job *job = to_js_job(base);

	js_op_enter(job->sq);
	js_inc(C_CANCEL_CALLS);
	if (READ_ONCE(job->run_state) != R_HW)
		js_violation(V_CANCEL_NOT_RUN);
	/* half the time the "firmware" aborts the job, racing its completion */
	else if (js_rand(2) && js_fence_signal(job->hw, -ECANCELED))
		js_inc(C_CANCEL_ABORTS);
	js_op_exit(job->sq);
}

static void js_queue_release(struct kref *ref)
{
	struct js_queue *sq = container_of(ref, struct js_queue, ref);

	set_bit(sq->id, js.dead);
	atomic_dec(&js.live_queues);
	kfree(sq);
}

static void js_queue_put(struct js_queue *sq)
{
	kref_put(&sq->ref, js_queue_release);
}

static void js_job_drop(struct js_job *job)
{
	unsigned int i;

	for (i = 0; i < job->ndeps; i++)
		dma_fence_put(job->deps[i]);
	for (i = 0; i < job->nprep; i++)
		if (job->prep[i])
			dma_fence_put(&job->prep[i]->base.base);
	if (job->hw)
		dma_fence_put(&job->hw->base.base);
	kfree(job);
	atomic_dec(&js.live_jobs);
}

/* Drop a job record the job queue never knew (init failed): no free_job is expected. */
static void js_job_abandon(struct js_job *job)
{
	set_bit(job->id, js.freed);
	js_job_drop(job);
}

static void js_free_job(struct jq_job *base)
{
	struct js_job *job = to_js_job(base);
	struct js_queue *sq = job->sq;
	unsigned long flags;

	if (!jq_test_free_context_ok())
		js_violation(V_FREE_ATOMIC);
	if (test_and_set_bit(job->id, js.freed)) {
		/* do not free twice: KASAN would report our bug, not the queue's */
		js_violation(V_FREE_TWICE);
		return;
	}
	if (job->fin && atomic_read(&job->fin_calls) != 1)
		js_violation(V_FREE_UNSIGNALLED);
	spin_lock_irqsave(&sq->lock, flags);
	list_del_init(&job->link);
	spin_unlock_irqrestore(&sq->lock, flags);
	js_inc(C_FREED);
	js_job_drop(job);
	js_queue_put(sq);
}

static const struct jq_queue_ops js_ops_full = {
	.prepare_job = js_prepare_job,
	.run_job = js_run_job,
	.timedout_job = js_timedout_job,
	.cancel_job = js_cancel_job,
	.free_job = js_free_job,
};

/* No timeout or cancel op: timeouts are NO_HANG, kills wait for the hardware. */
static const struct jq_queue_ops js_ops_min = {
	.prepare_job = js_prepare_job,
	.run_job = js_run_job,
	.free_job = js_free_job,
};

/* The finished fence's callback: the invariants at the moment it signals */

static void js_fin_check_error(struct js_job *job, int run, int err)
{
	if (run == R_NOT_RUN) {
		js_inc(C_FIN_CANCELLED);
		if (err >= 0)
			js_violation(V_CANCEL_NO_ERROR);
		return;
	}
	js_inc(err ? C_FIN_ERR : C_FIN_OK);
	if (run == R_HW && err != job->hw->base.base.error)
		js_violation(V_ERROR_MISMATCH);
	else if (run == R_ERR && err != job->run_error)
		js_violation(V_ERROR_MISMATCH);
	else if (run == R_NULL && err)
		js_violation(V_ERROR_MISMATCH);
}

static void js_fin_cb(struct dma_fence *fence, struct dma_fence_cb *cb)
{
	struct js_job *job = container_of(cb, struct js_job, fin_cb);
	struct js_queue *sq = job->sq;
	int run = READ_ONCE(job->run_state);

	if (atomic_inc_return(&job->fin_calls) != 1)
		js_violation(V_SIGNAL_TWICE);
	/* callbacks of one queue's fences run under its timeline lock: no race on last_fin */
	if (fence->seqno != atomic64_read(&sq->last_fin) + 1)
		js_violation(V_ORDER);
	atomic64_set(&sq->last_fin, fence->seqno);
	if (run == R_HW && !dma_fence_is_signaled(&job->hw->base.base))
		js_violation(V_BEFORE_HW);
	if (!js_deps_signalled(job))
		js_violation(run == R_NOT_RUN ? V_CANCEL_BEFORE_DEP : V_RUN_BEFORE_DEP);
	js_fin_check_error(job, run, fence->error);
}

/* Queues and slots */

static long js_pick_timeout(void)
{
	static const long t[] = { 2, 3, 5, 10 };
	u32 r = js_rand(ARRAY_SIZE(t) + 1);

	return r < ARRAY_SIZE(t) ? t[r] : MAX_SCHEDULE_TIMEOUT;
}

static struct js_queue *js_queue_create(void)
{
	struct jq_queue_args args = {};
	struct js_queue *sq;
	u32 id = atomic_inc_return(&js.next_queue_id);

	if (id >= JS_MAX_QUEUE_IDS)
		return NULL;
	sq = kzalloc(sizeof(*sq), GFP_KERNEL);
	if (!sq)
		return NULL;
	kref_init(&sq->ref);
	sq->id = id;
	snprintf(sq->name, sizeof(sq->name), "jqs-%u", id);
	spin_lock_init(&sq->lock);
	INIT_LIST_HEAD(&sq->jobs);
	atomic64_set(&sq->last_fin, 0);

	args.ops = js_rand(4) ? &js_ops_full : &js_ops_min;
	args.name = sq->name;
	args.credit_limit = 1 + js_rand(4);
	args.timeout = js_pick_timeout();
	args.wq = js_rand(2) ? js.wq : NULL;
	args.flags = (js_rand(2) ? JQ_QUEUE_FAST_PATH : 0) |
		     (js_rand(2) ? JQ_QUEUE_DEP_ERROR_CANCELS : 0);
	args.priv = sq;
	sq->credit_limit = args.credit_limit;
	sq->dep_error_cancels = args.flags & JQ_QUEUE_DEP_ERROR_CANCELS;
	sq->q = jq_queue_create(&args);
	if (IS_ERR(sq->q)) {
		kfree(sq);
		return NULL;
	}
	atomic_inc(&js.live_queues);
	js_inc(C_QUEUES);
	return sq;
}

/* Drop a retired queue's last user reference: it is killed with jobs at any stage. */
static void js_queue_retire(struct js_queue *sq)
{
	js_kill_census(sq, false);
	js_inc(C_PUTS);
	jq_queue_put(sq->q);
	js_queue_put(sq);
}

/* Put a fresh queue in @slot (its lock held); returns the old one to retire, or NULL. */
static struct js_queue *js_slot_replace_locked(struct js_slot *slot)
{
	struct js_queue *old = slot->sq, *sq = js_queue_create();

	if (!sq)
		return NULL;
	slot->sq = sq;
	return old;
}

/* Take references on a slot's current queue (user reference on the job queue too). */
static struct js_queue *js_slot_get(struct js_slot *slot)
{
	struct js_queue *sq;

	mutex_lock(&slot->lock);
	sq = slot->sq;
	kref_get(&sq->ref);
	jq_queue_get(sq->q);
	mutex_unlock(&slot->lock);
	return sq;
}

static void js_slot_put(struct js_queue *sq)
{
	jq_queue_put(sq->q);
	js_queue_put(sq);
}

/* Dependencies: recent finished fences of any queue, and external fences */

static void js_ring_add(struct dma_fence *fence, u32 qid)
{
	struct dma_fence *old;

	spin_lock(&js.ring_lock);
	old = js.ring[js.ring_pos].fence;
	js.ring[js.ring_pos].fence = dma_fence_get(fence);
	js.ring[js.ring_pos].qid = qid;
	js.ring_pos = (js.ring_pos + 1) % JS_RING;
	spin_unlock(&js.ring_lock);
	dma_fence_put(old);
}

static struct dma_fence *js_ring_pick(u32 *qid)
{
	struct dma_fence *f;
	unsigned int i = js_rand(JS_RING);

	spin_lock(&js.ring_lock);
	f = dma_fence_get(js.ring[i].fence);
	*qid = js.ring[i].qid;
	spin_unlock(&js.ring_lock);
	return f;
}

static void js_ring_clear(void)
{
	unsigned int i;

	for (i = 0; i < JS_RING; i++) {
		dma_fence_put(js.ring[i].fence);
		js.ring[i].fence = NULL;
	}
}

/* Add a dependency: the job queue consumes one reference, the job record keeps another. */
static void js_add_dep(struct js_job *job, struct dma_fence *f)
{
	if (jq_job_add_dependency(&job->base, dma_fence_get(f))) {
		dma_fence_put(f);
		return;
	}
	job->deps[job->ndeps++] = f;
}

static void js_add_deps(struct js_job *job)
{
	static const u8 ndeps[20] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3 };
	unsigned int i, n = ndeps[js_rand(ARRAY_SIZE(ndeps))];
	struct js_fence *ext;
	struct dma_fence *f;
	u32 qid;

	for (i = 0; i < n && job->ndeps < JS_MAX_DEPS - 1; i++) {
		f = js_ring_pick(&qid);
		if (!f)
			continue;
		js_inc(qid == job->sq->id ? C_DEP_SAME : C_DEP_CROSS);
		js_add_dep(job, f);
	}
	if (js_rand(8))
		return;
	ext = js_fence_alloc(false);
	if (!ext)
		return;
	js_fence_start(ext, js_rand(2) ? M_HARDIRQ : M_OTHER_CPU, js_rand(16) ? 0 : -EIO,
		       10000 + js_rand(1000000));
	js_inc(C_DEP_EXT);
	js_add_dep(job, &ext->base.base);
}

/* Jobs */

static struct js_job *js_job_alloc(void)
{
	u32 id = atomic_inc_return(&js.next_job_id);
	struct js_job *job;
	bool fail = false;
	unsigned int i;

	if (id >= JS_MAX_JOB_IDS)
		return NULL;
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job) {
		set_bit(id, js.freed);	/* never a job: no free_job expected */
		return NULL;
	}
	atomic_inc(&js.live_jobs);
	job->id = id;
	INIT_LIST_HEAD(&job->link);
	job->hw = js_fence_alloc(true);
	job->nprep = js_rand(4) ? 0 : 1 + js_rand(JS_MAX_PREP);
	for (i = 0; i < job->nprep; i++)
		job->prep[i] = js_fence_alloc(false);
	for (i = 0; i < job->nprep; i++)
		fail |= !job->prep[i];
	if (fail || !job->hw) {
		js_job_abandon(job);
		return NULL;
	}
	return job;
}

/* Release a held fence; after its queue is gone, read its names first (R6). */
static void js_hold_release(struct js_hold *h)
{
	struct dma_fence *f = h->fence;

	if (test_bit(h->qid, js.dead)) {
		js_inc(C_OUTLIVED);
		if (strcmp(f->ops->get_timeline_name(f), h->name) ||
		    strcmp(f->ops->get_driver_name(f), "jobqueue"))
			js_violation(V_NAME);
		js_inc(C_NAMES_READ);
	}
	dma_fence_put(f);
	if (h->job)
		jq_job_put(&h->job->base);
	kfree(h);
}

static struct js_hold *js_hold_pop(unsigned int keep)
{
	struct js_hold *h = NULL;

	spin_lock(&js.hold_lock);
	if (js.nholds > keep) {
		h = list_first_entry(&js.holds, struct js_hold, link);
		list_del(&h->link);
		js.nholds--;
	}
	spin_unlock(&js.hold_lock);
	return h;
}

/* Hold the finished fence as userspace would (sometimes with the driver's job reference). */
static void js_hold_add(struct js_job *job, struct dma_fence *fin)
{
	struct js_hold *h = kzalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return;
	h->fence = dma_fence_get(fin);
	h->qid = job->sq->id;
	strscpy(h->name, job->sq->name, sizeof(h->name));
	if (!js_rand(4))
		h->job = to_js_job(jq_job_get(&job->base));
	spin_lock(&js.hold_lock);
	list_add_tail(&h->link, &js.holds);
	js.nholds++;
	spin_unlock(&js.hold_lock);
	js_inc(C_HELD);
	/* the waiter fell behind: release the oldest at once */
	h = js_hold_pop(2 * JS_POOL);
	if (h)
		js_hold_release(h);
}

/* Drop the job references of held fences (the fences stay held), so the jobs can go. */
static void js_holds_drop_jobs(void)
{
	struct js_job *job;
	struct js_hold *h;

	do {
		job = NULL;
		spin_lock(&js.hold_lock);
		list_for_each_entry(h, &js.holds, link) {
			if (h->job) {
				job = h->job;
				h->job = NULL;
				break;
			}
		}
		spin_unlock(&js.hold_lock);
		if (job)
			jq_job_put(&job->base);
	} while (job);
}

/*
 * Arm, publish and push one job; the slot lock is the driver's submission lock. Returns
 * false if the driver abandoned the job instead (its reference is then gone).
 */
static bool js_submit_locked(struct js_queue *sq, struct js_job *job)
{
	struct dma_fence *fin;
	unsigned long flags;

	js_add_deps(job);
	if (!js_rand(32)) {
		/* the driver gives up before arm */
		js_inc(C_ABANDONED);
		jq_job_put(&job->base);
		return false;
	}
	jq_job_arm(&job->base);
	fin = jq_job_finished_fence(&job->base);
	job->fin = fin;
	job->seqno = fin->seqno;
	job->hw->job = job;
	if (dma_fence_add_callback(fin, &job->fin_cb, js_fin_cb))
		js_violation(V_SIGNALLED_AT_PUSH);
	spin_lock_irqsave(&sq->lock, flags);
	list_add_tail(&job->link, &sq->jobs);
	spin_unlock_irqrestore(&sq->lock, flags);
	js_ring_add(fin, sq->id);
	if (!js_rand(4))
		js_hold_add(job, fin);
	jq_job_push(&job->base);
	js_inc(C_PUSHED);
	return true;
}

static void js_submit(struct js_slot *slot)
{
	struct js_queue *sq, *old = NULL;
	struct js_job *job;
	bool pushed;
	int ret;

	job = js_job_alloc();
	if (!job)
		return;
	mutex_lock(&slot->lock);
	sq = slot->sq;
	ret = jq_job_init(&job->base, sq->q, 1 + js_rand(sq->credit_limit));
	if (ret) {
		if (ret == -ENODEV) {
			js_inc(C_INIT_ENODEV);
			old = js_slot_replace_locked(slot);
		}
		mutex_unlock(&slot->lock);
		js_job_abandon(job);
		if (old)
			js_queue_retire(old);
		return;
	}
	kref_get(&sq->ref);
	job->sq = sq;
	pushed = js_submit_locked(sq, job);
	mutex_unlock(&slot->lock);
	if (pushed)
		jq_job_put(&job->base);		/* the driver's reference */
}

/* Threads */

/*
 * Sleep @ticks jiffies on the timer wheel. Not usleep_range(): the hrtimer sleeper's wake-up
 * (hrtimer_wakeup() clearing the task, read plainly by schedule_hrtimeout_range_clock())
 * is an unannotated data race of the 6.12 core that KCSAN reports, not ours to test.
 */
static void js_nap(unsigned long ticks)
{
	schedule_timeout_uninterruptible(ticks);
}

static struct js_slot *js_random_slot(void)
{
	return &js.slots[js_rand(js.nslots)];
}

static int js_submitter(void *arg)
{
	while (!kthread_should_stop()) {
		js_signal_process(1 + js_rand(4));
		if (atomic_read(&js.live_jobs) > JS_LIVE_PER_QUEUE * (int)js.nslots) {
			js_nap(1);
			continue;
		}
		js_submit(js_random_slot());
		if (!js_rand(8))
			udelay(js_rand(50));
		cond_resched();
	}
	return 0;
}

static void js_killer_act(struct js_slot *slot)
{
	struct js_queue *sq, *old = NULL;
	u32 r = js_rand(100);

	sq = js_slot_get(slot);
	if (r < 40) {
		jq_queue_trigger_timeout(sq->q);
		js_inc(C_FORCED);
		if (js_rand(8))
			goto out;
		/* a kill right behind the forced timeout */
		udelay(js_rand(50));
	} else if (r < 50) {
		if (jq_queue_flush(sq->q, 1) >= 0)
			js_inc(C_FLUSHES);
		goto out;
	} else if (r >= 64) {
		goto out;	/* let the queue live a little */
	}
	if (r < 57) {
		js_kill_census(sq, false);
		js_inc(C_KILLS);
		jq_queue_kill(sq->q, -ECANCELED);
		goto out;
	}
	mutex_lock(&slot->lock);
	if (slot->sq == sq)
		old = js_slot_replace_locked(slot);
	mutex_unlock(&slot->lock);
	if (old)
		js_queue_retire(old);
out:
	js_slot_put(sq);
}

static int js_killer(void *arg)
{
	while (!kthread_should_stop()) {
		js_nap(1 + js_rand(2));
		js_killer_act(js_random_slot());
	}
	return 0;
}

static int js_waiter(void *arg)
{
	struct js_hold *h;
	long ret;

	while (!kthread_should_stop()) {
		h = js_hold_pop(js_rand(JS_POOL));
		if (!h) {
			js_nap(1);
			continue;
		}
		if (!js_rand(4)) {
			ret = dma_fence_wait_timeout(h->fence, false, 2 * HZ);
			js_inc(ret > 0 ? C_WAITS : C_WAIT_TIMEOUTS);
		}
		js_hold_release(h);
	}
	return 0;
}

static int js_start_thread(int (*fn)(void *), const char *name, unsigned int i)
{
	struct task_struct *t = kthread_run(fn, NULL, "%s/%u", name, i);

	if (IS_ERR(t))
		return PTR_ERR(t);
	js.tasks[js.ntasks++] = t;
	return 0;
}

static void js_stop_threads(void)
{
	while (js.ntasks)
		kthread_stop(js.tasks[--js.ntasks]);
}

/* A round: set-up, run, teardown, checks */

static int js_round_setup(void)
{
	unsigned int i;

	memset(js.count, 0, sizeof(js.count));
	memset(js.viol, 0, sizeof(js.viol));
	memset(js.kill_stage, 0, sizeof(js.kill_stage));
	atomic_set(&js.next_job_id, 0);
	atomic_set(&js.next_queue_id, 0);
	bitmap_zero(js.freed, JS_MAX_JOB_IDS);
	bitmap_zero(js.dead, JS_MAX_QUEUE_IDS);
	js.mock_context = dma_fence_context_alloc(1);
	js.nslots = clamp(queues, 1U, (unsigned int)JS_MAX_SLOTS);
	for (i = 0; i < js.nslots; i++) {
		mutex_init(&js.slots[i].lock);
		js.slots[i].sq = js_queue_create();
		if (!js.slots[i].sq)
			return -ENOMEM;
	}
	return 0;
}

/* Wait until every job, queue and mock fence is gone, signalling for "process context". */
static bool js_drain(void)
{
	unsigned long deadline = jiffies + 120 * HZ;

	while (atomic_read(&js.live_jobs) || atomic_read(&js.live_queues) ||
	       atomic_read(&js.live_mock_fences)) {
		if (time_after(jiffies, deadline))
			return false;
		js_signal_process(UINT_MAX);
		msleep(20);
	}
	return true;
}

static void js_round_teardown(struct kunit *test, long jq_base)
{
	struct js_hold *h;
	unsigned int i, handed = 0;
	unsigned long deadline;
	u32 njobs;

	for (i = 0; i < js.nslots; i++) {
		if (js.slots[i].sq)
			js_queue_retire(js.slots[i].sq);
		js.slots[i].sq = NULL;
	}
	js_ring_clear();
	js_holds_drop_jobs();
	if (!js_drain()) {
		js_violation(V_STUCK);
		kunit_err(test, "STRESS stuck: jobs %d queues %d mock fences %d\n",
			  atomic_read(&js.live_jobs), atomic_read(&js.live_queues),
			  atomic_read(&js.live_mock_fences));
	}
	flush_workqueue(js.sig_wq);
	/* timer callbacks may still be returning from their last fence put */
	synchronize_rcu();

	/* every queue is gone now: the held fences outlive theirs */
	while ((h = js_hold_pop(0))) {
		if (js.last_round && handed < hold && !h->job &&
		    !jq_holder_give(dma_fence_get(h->fence), h->name, "jobqueue")) {
			handed++;
			js_inc(C_HANDED);
		}
		js_hold_release(h);
	}

	njobs = atomic_read(&js.next_job_id);
	for (i = 1; i <= njobs && i < JS_MAX_JOB_IDS; i++) {
		if (!test_bit(i, js.freed))
			atomic_long_inc(&js.viol[V_NOT_FREED]);
	}
	if (atomic_read(&js.live_jobs))
		js_violation(V_LIVE_JOBS);
	if (atomic_read(&js.live_queues))
		js_violation(V_LIVE_QUEUES);
	if (atomic_read(&js.live_mock_fences))
		js_violation(V_LIVE_HW_FENCES);
	deadline = jiffies + 10 * HZ;
	while (jq_fences_alive() != jq_base + handed && time_before(jiffies, deadline))
		msleep(20);
	if (jq_fences_alive() != jq_base + handed) {
		js_violation(V_LIVE_JQ_FENCES);
		kunit_err(test, "STRESS jq_fences_alive() %lu, expected %ld\n", jq_fences_alive(),
			  jq_base + handed);
	}
}

#define JS_C(c) atomic_long_read(&cnt[c])

/* The figures of a round, or of all rounds (@what). */
static void js_print(struct kunit *test, const char *what, atomic_long_t *cnt,
		     atomic_long_t *stage, atomic_long_t *viol)
{
	char buf[160];
	int s, v, n = 0;

	kunit_info(test, "STRESS %s jobs: pushed %ld run %ld (hw %ld, no fence %ld, error %ld) cancelled %ld abandoned %ld finished ok %ld error %ld freed %ld queues %ld init-ENODEV %ld\n",
		   what, JS_C(C_PUSHED), JS_C(C_RUN_HW) + JS_C(C_RUN_NULL) + JS_C(C_RUN_ERR),
		   JS_C(C_RUN_HW), JS_C(C_RUN_NULL), JS_C(C_RUN_ERR), JS_C(C_FIN_CANCELLED),
		   JS_C(C_ABANDONED), JS_C(C_FIN_OK), JS_C(C_FIN_ERR), JS_C(C_FREED),
		   JS_C(C_QUEUES), JS_C(C_INIT_ENODEV));
	kunit_info(test, "STRESS %s deps: same-queue %ld cross-queue %ld external %ld prepare-fences %ld\n",
		   what, JS_C(C_DEP_SAME), JS_C(C_DEP_CROSS), JS_C(C_DEP_EXT),
		   JS_C(C_PREP_FENCES));
	for (s = 0; s < S_NR; s++)
		n += scnprintf(buf + n, sizeof(buf) - n, " %s %ld", js_stage_names[s],
			       atomic_long_read(&stage[s]));
	kunit_info(test, "STRESS %s kills: kill %ld final-put %ld from-timeout-handler %ld enodev %ld idle %ld; by stage:%s\n",
		   what, JS_C(C_KILLS), JS_C(C_PUTS), JS_C(C_KILLS_IN_TDR), JS_C(C_TDR_ENODEV),
		   JS_C(C_KILL_IDLE), buf);
	kunit_info(test, "STRESS %s timeouts: forced %ld handled %ld timeout-won %ld completion-won %ld no-hang %ld; cancel_job %ld aborted %ld; flushes %ld\n",
		   what, JS_C(C_FORCED), JS_C(C_TDR_CALLS), JS_C(C_TDR_WON), JS_C(C_COMPL_WON),
		   JS_C(C_TDR_NO_HANG), JS_C(C_CANCEL_CALLS), JS_C(C_CANCEL_ABORTS),
		   JS_C(C_FLUSHES));
	kunit_info(test, "STRESS %s hw signals: hardirq %ld softirq %ld other-cpu %ld process %ld inline %ld hang-backstop %ld not-in-mode-context %ld with-error %ld out-of-order %ld\n",
		   what, JS_C(C_SIG_HARDIRQ), JS_C(C_SIG_SOFTIRQ), JS_C(C_SIG_OTHER_CPU),
		   JS_C(C_SIG_PROCESS), JS_C(C_SIG_INLINE), JS_C(C_SIG_HANG), JS_C(C_SIG_LATE),
		   JS_C(C_SIG_ERROR), JS_C(C_HW_OUT_OF_ORDER));
	kunit_info(test, "STRESS %s fences: held %ld waited %ld wait-timeouts %ld outlived-queue %ld names-read-after-queue %ld handed-to-holder %ld\n",
		   what, JS_C(C_HELD), JS_C(C_WAITS), JS_C(C_WAIT_TIMEOUTS), JS_C(C_OUTLIVED),
		   JS_C(C_NAMES_READ), JS_C(C_HANDED));
	for (v = 0; v < V_NR; v++) {
		if (atomic_long_read(&viol[v]))
			kunit_info(test, "STRESS %s VIOLATION %s: %ld\n", what,
				   js_violation_names[v], atomic_long_read(&viol[v]));
	}
}

static void js_accumulate(void)
{
	int i;

	for (i = 0; i < C_NR; i++)
		atomic_long_add(atomic_long_read(&js.count[i]), &js.total[i]);
	for (i = 0; i < V_NR; i++)
		atomic_long_add(atomic_long_read(&js.viol[i]), &js.total_viol[i]);
	for (i = 0; i < S_NR; i++)
		atomic_long_add(atomic_long_read(&js.kill_stage[i]), &js.total_stage[i]);
}

static unsigned int js_rounds(void)
{
	unsigned int per = clamp(round_seconds, 1U, 60U);

	return clamp(DIV_ROUND_UP(max(seconds, 1U), per), 1U, (unsigned int)JS_MAX_ROUNDS);
}

static unsigned int js_round_length(unsigned int round)
{
	unsigned int per = clamp(round_seconds, 1U, 60U);
	unsigned int done = round * per;
	unsigned int total = max(seconds, 1U);

	return done < total ? min(per, total - done) : 1;
}

static int js_run_threads(unsigned int secs)
{
	unsigned int i, n = clamp(threads, 1U, (unsigned int)JS_MAX_THREADS);
	int ret = 0;

	for (i = 0; i < n && !ret; i++)
		ret = js_start_thread(js_submitter, "jqs-submit", i);
	if (!ret)
		ret = js_start_thread(js_killer, "jqs-kill", 0);
	if (!ret)
		ret = js_start_thread(js_waiter, "jqs-wait", 0);
	if (!ret)
		msleep_interruptible(secs * MSEC_PER_SEC);
	js_stop_threads();
	return ret;
}

static void jq_stress_run(struct kunit *test)
{
	unsigned int round = *(const unsigned int *)test->param_value;
	unsigned int secs = js_round_length(round);
	long jq_base = jq_fences_alive();
	char what[24];
	int v, ret;

	js.last_round = round + 1 == js_rounds();
	kunit_info(test, "STRESS round %u: %u s, %u threads, %u queues, %u cpus\n", round, secs,
		   threads, queues, num_online_cpus());
	ret = js_round_setup();
	if (!ret)
		ret = js_run_threads(secs);
	js_round_teardown(test, jq_base);
	KUNIT_EXPECT_EQ(test, ret, 0);

	snprintf(what, sizeof(what), "round %u", round);
	js_print(test, what, js.count, js.kill_stage, js.viol);
	js_accumulate();
	if (js.last_round)
		js_print(test, "total", js.total, js.total_stage, js.total_viol);
	for (v = 0; v < V_NR; v++)
		KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&js.viol[v]), 0, "%s",
				    js_violation_names[v]);
	/* a run that pushed nothing proved nothing */
	KUNIT_EXPECT_GT(test, atomic_long_read(&js.count[C_PUSHED]), 0);
}

static unsigned int js_round_ids[JS_MAX_ROUNDS];

static const void *js_round_gen(const void *prev, char *desc)
{
	const unsigned int *p = prev ? (const unsigned int *)prev + 1 : js_round_ids;
	unsigned int i = p - js_round_ids;

	if (i >= js_rounds())
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "round %u of %u, %u s", i + 1, js_rounds(),
		 js_round_length(i));
	return p;
}

static int js_suite_init(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < JS_MAX_ROUNDS; i++)
		js_round_ids[i] = i;
	spin_lock_init(&js.plock);
	INIT_LIST_HEAD(&js.plist);
	spin_lock_init(&js.ring_lock);
	spin_lock_init(&js.hold_lock);
	INIT_LIST_HEAD(&js.holds);
	js.freed = bitmap_zalloc(JS_MAX_JOB_IDS, GFP_KERNEL);
	js.dead = bitmap_zalloc(JS_MAX_QUEUE_IDS, GFP_KERNEL);
	/* the queues' own workqueue must be WQ_MEM_RECLAIM and outlive them */
	js.wq = alloc_workqueue("jq_stress", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	js.sig_wq = alloc_workqueue("jq_stress_sig", WQ_HIGHPRI, 0);
	if (!js.freed || !js.dead || !js.wq || !js.sig_wq)
		return -ENOMEM;
	return 0;
}

static struct kunit_case jq_stress_cases[] = {
	KUNIT_CASE_PARAM_ATTR(jq_stress_run, js_round_gen, { .speed = KUNIT_SPEED_SLOW }),
	{}
};

static struct kunit_suite jq_stress_suite = {
	.name = "jq_stress",
	.suite_init = js_suite_init,
	.test_cases = jq_stress_cases,
};

kunit_test_suite(jq_stress_suite);

/* The queues' workqueue outlives them: their memory is freed after the last job's put. */
static void __exit js_exit(void)
{
	if (js.wq)
		destroy_workqueue(js.wq);
	if (js.sig_wq)
		destroy_workqueue(js.sig_wq);
	bitmap_free(js.freed);
	bitmap_free(js.dead);
	rcu_barrier();
}
module_exit(js_exit);

MODULE_DESCRIPTION("Stress and race test of the job queue (jobqueue.ko)");
MODULE_LICENSE("GPL");
