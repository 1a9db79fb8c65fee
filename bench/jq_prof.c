// SPDX-License-Identifier: GPL-2.0
/*
 * jq_prof.ko: a sampling profile of the kernel, by function, for finding where a benchmark
 * spends its time when the guest has no perf tool and no function tracer.
 */

/**
 * DOC: Sampling profile
 *
 * Loaded, the module creates one cpu-clock software perf event per online CPU (kernel
 * only, one sample every @period_ns of CPU time) whose overflow handler counts the sampled
 * instruction pointers in a fixed open-addressing table. Unloaded, it stops the events,
 * folds the addresses into functions (sprint_symbol_no_offset(): module functions
 * included) and prints the @top most sampled ones, one ``JQ-PROF`` line each, after one
 * line with the totals. Load it just before the workload and unload it just after, e.g. in
 * a plan of scripts/run.sh::
 *
 *   load bench/jq_prof.ko
 *   load bench/jq_bench.ko workloads=8
 *   unload_all
 *
 * The event is driven by the hrtimer interrupt, so time spent with interrupts disabled is
 * charged to the instruction that enables them again: _raw_spin_unlock_irqrestore() and
 * the like stand for the irq-disabled sections that end there. Samples that find the table
 * full are counted as lost.
 */

#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/perf_event.h>
#include <linux/slab.h>
#include <linux/sort.h>

#define JQ_PROF_BITS	14
#define JQ_PROF_SLOTS	BIT(JQ_PROF_BITS)
/* slots an address may probe before its sample is counted as lost */
#define JQ_PROF_PROBES	64
/* most distinct functions folded at unload */
#define JQ_PROF_FUNCS	4096
#define JQ_PROF_CPUS	64

static unsigned int period_ns = 20000;
module_param(period_ns, uint, 0444);
MODULE_PARM_DESC(period_ns, "CPU time between samples, per CPU (ns, default 20000)");

static unsigned int top = 40;
module_param(top, uint, 0444);
MODULE_PARM_DESC(top, "functions printed at unload (default 40)");

static unsigned long jq_prof_ip[JQ_PROF_SLOTS];
static atomic_t jq_prof_hits[JQ_PROF_SLOTS];
static atomic_t jq_prof_total, jq_prof_lost;
static struct perf_event *jq_prof_events[JQ_PROF_CPUS];

/* Find or claim the slot of @ip; NULL when its probe sequence is full. */
static atomic_t *jq_prof_slot(unsigned long ip)
{
	unsigned int h = hash_long(ip, JQ_PROF_BITS), i, idx;
	unsigned long cur;

	for (i = 0; i < JQ_PROF_PROBES; i++) {
		idx = (h + i) & (JQ_PROF_SLOTS - 1);
		cur = READ_ONCE(jq_prof_ip[idx]);
		if (!cur)
			cur = cmpxchg(&jq_prof_ip[idx], 0, ip) ?: ip;
		if (cur == ip)
			return &jq_prof_hits[idx];
	}
	return NULL;
}

/* The overflow handler: in the hrtimer interrupt of the sampled CPU. */
static void jq_prof_sample(struct perf_event *event, struct perf_sample_data *data,
			   struct pt_regs *regs)
{
	atomic_t *hits = jq_prof_slot(instruction_pointer(regs));

	atomic_inc(&jq_prof_total);
	if (hits)
		atomic_inc(hits);
	else
		atomic_inc(&jq_prof_lost);
}

static int __init jq_prof_init(void)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.size = sizeof(attr),
		.sample_period = period_ns,
		.exclude_user = 1,
	};
	struct perf_event *event;
	int cpu;

	if (!period_ns)
		return -EINVAL;
	for_each_online_cpu(cpu) {
		if (cpu >= JQ_PROF_CPUS)
			break;
		event = perf_event_create_kernel_counter(&attr, cpu, NULL, jq_prof_sample, NULL);
		if (IS_ERR(event)) {
			pr_warn("jq_prof: no event on CPU %d: %ld\n", cpu, PTR_ERR(event));
			continue;
		}
		jq_prof_events[cpu] = event;
	}
	return 0;
}

struct jq_prof_func {
	unsigned int hits;
	char name[KSYM_NAME_LEN];
};

static int jq_prof_cmp(const void *a, const void *b)
{
	const struct jq_prof_func *x = a, *y = b;

	return x->hits < y->hits ? 1 : x->hits > y->hits ? -1 : 0;
}

/* Add @hits to the function @ip is in; returns the number of functions. */
static unsigned int jq_prof_fold(struct jq_prof_func *funcs, unsigned int n,
				 unsigned long ip, unsigned int hits)
{
	char name[KSYM_SYMBOL_LEN];
	unsigned int i;

	sprint_symbol_no_offset(name, ip);
	for (i = 0; i < n; i++) {
		if (!strcmp(funcs[i].name, name)) {
			funcs[i].hits += hits;
			return n;
		}
	}
	if (n == JQ_PROF_FUNCS)
		return n;
	strscpy(funcs[n].name, name, sizeof(funcs[n].name));
	funcs[n].hits = hits;
	return n + 1;
}

static void jq_prof_report(void)
{
	struct jq_prof_func *funcs = kvcalloc(JQ_PROF_FUNCS, sizeof(*funcs), GFP_KERNEL);
	unsigned int i, n = 0;

	pr_info("JQ-PROF total %d lost %d period_ns %u\n", atomic_read(&jq_prof_total),
		atomic_read(&jq_prof_lost), period_ns);
	if (!funcs)
		return;
	for (i = 0; i < JQ_PROF_SLOTS; i++)
		if (jq_prof_ip[i])
			n = jq_prof_fold(funcs, n, jq_prof_ip[i], atomic_read(&jq_prof_hits[i]));
	sort(funcs, n, sizeof(*funcs), jq_prof_cmp, NULL);
	for (i = 0; i < n && i < top; i++)
		pr_info("JQ-PROF %8u %s\n", funcs[i].hits, funcs[i].name);
	kvfree(funcs);
}

static void __exit jq_prof_exit(void)
{
	int cpu;

	for (cpu = 0; cpu < JQ_PROF_CPUS; cpu++)
		if (jq_prof_events[cpu])
			perf_event_release_kernel(jq_prof_events[cpu]);
	jq_prof_report();
}

module_init(jq_prof_init);
module_exit(jq_prof_exit);

MODULE_DESCRIPTION("A sampling profile of the kernel by function, for the benchmarks");
MODULE_LICENSE("GPL");
