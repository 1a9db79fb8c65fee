// SPDX-License-Identifier: GPL-2.0
/*
 * agx-run: the workload of make run, through agx.ko's render node as Mesa would drive it.
 * The parent forks the clients (client.c), each with its own file, VM, BO and two queues,
 * submitting render and compute jobs in rounds; each client's render jobs wait on the
 * previous client's timeline syncobj, so the dependencies cross processes. The syncobjs
 * they share are created by the parent before the fork and inherited as syncobj fds
 * (drmSyncobjHandleToFD): the guest kernels have no networking, hence no Unix sockets to
 * pass fds over; the clients report through pipes. Client 1 adds a job that faults (a GPU
 * write to an unmapped address), client 2 one that hangs (a firmware timeout); the last
 * client, the victim, submits slow jobs on both queues, the last of each signalling a
 * syncobj the parent holds, and is SIGKILLed with them in flight; the parent then waits on
 * those syncobjs through a file of its own. When all
 * are gone the parent reads agx.ko's debugfs ``agx_objects`` (what of the files is still
 * alive: files, VMs, BOs, queues, AGX queues, jobs) until it is all zero or 30 s passed,
 * and the simulated GPU's counters, and prints one line, which scripts/run-report.py turns
 * into results/run.json::
 *
 *   AGX-RUN {"clients": N, "jobs_submitted": J, "jobs_completed": C, "errors": {...},
 *            "jobs_per_s": X, "submits_via_ioctl": S, "leaked_objects": L, ...}
 *
 * and KTAP (suite agx_run): one case per property, so that the harness judges it.
 *
 *   agx-run [-k] [-c CLIENTS] [-r ROUNDS]   -k: the output goes to /dev/kmsg
 */
#define _GNU_SOURCE		/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "agx_run.h"
#include "uapi.h"

#define MAX_CLIENTS 8
#define SIM_DIR "/sys/kernel/debug/agx_sim/gpu0/"
#define LEAK_WAIT_S 30

struct run {
	unsigned int nclients, rounds;
	pid_t pid[MAX_CLIENTS];
	int pipe[MAX_CLIENTS], tl[MAX_CLIENTS], last[2];
	struct run_result res[MAX_CLIENTS];
	int killed_err[2];	/* the victim's last fences: 0, their error, or 1 unsignalled */
	int killed_status;
	long long us;		/* from the start of the rounds to the last worker's report */
	int sim0[2];		/* violations, commands before */
	unsigned int live[6];	/* agx_objects: files, vms, bos, queues, hw_queues, jobs */
	int faults, timeouts;
};

static const char *const role_names[] = { "worker", "fault", "hang", "victim" };
static const char *const live_names[] = { "files", "vms", "bos", "queues", "hw_queues", "jobs" };

/* read a whole message from a client's pipe: 0, or -EPIPE if it died first */
static int recv_result(int fd, struct run_result *res)
{
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(*res)) {
		n = read(fd, (char *)res + got, sizeof(*res) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EPIPE;
		got += n;
	}
	return 0;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int read_int(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%d", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static enum run_role role_of(const struct run *r, unsigned int i)
{
	if (i == r->nclients - 1)
		return ROLE_VICTIM;
	return i == 1 ? ROLE_FAULT : i == 2 ? ROLE_HANG : ROLE_WORKER;
}

/*
 * The syncobjs the clients share, created before the fork in a file of the parent's that is
 * closed again: each client's timeline and the victim's two last-job syncobjs, as fds.
 */
static int shared_syncobjs(struct run *r)
{
	unsigned int i, n = r->nclients + 2;
	int fd, ret = 0, sfd[MAX_CLIENTS + 2];
	__u32 h;

	fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (i = 0; i < n && !ret; i++) {
		ret = drmSyncobjCreate(fd, 0, &h) || drmSyncobjHandleToFD(fd, h, &sfd[i]) ?
		      -errno : 0;
	}
	close(fd);
	if (ret)
		return ret;
	memcpy(r->tl, sfd, r->nclients * sizeof(int));
	memcpy(r->last, sfd + r->nclients, sizeof(r->last));
	return 0;
}

static struct run_cfg client_cfg(const struct run *r, unsigned int i, int out)
{
	struct run_cfg cfg = {
		.idx = i, .role = role_of(r, i), .rounds = r->rounds, .tl_fd = r->tl[i],
		.dep_fd = -1, .last_fd = { -1, -1 }, .out = out,
	};

	if (cfg.role == ROLE_VICTIM)
		memcpy(cfg.last_fd, r->last, sizeof(r->last));
	else if (i)
		cfg.dep_fd = r->tl[i - 1];
	return cfg;
}

/* fork the clients, each with a pipe to report through */
static int spawn(struct run *r)
{
	unsigned int i;
	int p[2];

	for (i = 0; i < r->nclients; i++) {
		if (pipe2(p, O_CLOEXEC))
			return -errno;
		r->pid[i] = fork();
		if (r->pid[i] < 0)
			return -errno;
		if (!r->pid[i]) {
			struct run_cfg cfg = client_cfg(r, i, p[1]);

			close(p[0]);
			run_client(&cfg);
		}
		close(p[1]);
		r->pipe[i] = p[0];
	}
	for (i = 0; i < r->nclients; i++)
		close(r->tl[i]);
	return 0;
}

/* the victim's last fences, waited for after its death in a file of the parent's own */
static void victim_fences(struct run *r, int fd, const int *sf)
{
	__u32 h[2] = { 0, 0 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		r->killed_err[i] = 1;
		if (sf[i] < 0 || drmSyncobjFDToHandle(fd, sf[i], &h[i]))
			continue;
		drmSyncobjWait(fd, &h[i], 1, (now_us() + 30000000LL) * 1000LL,
			       DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT, NULL);
		r->killed_err[i] = run_fence_status(fd, h[i], NULL);
	}
}

/* kill the victim once its jobs are submitted, reap it, wait on its last fences */
static int kill_victim(struct run *r)
{
	unsigned int v = r->nclients - 1, i;
	int fd, ret;

	ret = recv_result(r->pipe[v], &r->res[v]);
	kill(r->pid[v], SIGKILL);
	waitpid(r->pid[v], &r->killed_status, 0);
	r->pid[v] = 0;
	fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		victim_fences(r, fd, r->last);
		close(fd);
	}
	for (i = 0; i < 2; i++)
		close(r->last[i]);
	if (ret || r->res[v].failed)
		ktap_print("    # victim: %s (step %u: %s)", ktap_errname(ret), r->res[v].step,
			   ktap_errname(r->res[v].failed));
	return ret ?: r->res[v].failed;
}

/* every worker's report, then every worker reaped */
static int collect(struct run *r)
{
	unsigned int i;
	int st, ret = 0, e;

	for (i = 0; i + 1 < r->nclients; i++) {
		e = recv_result(r->pipe[i], &r->res[i]);
		if (e || r->res[i].failed)
			ktap_print("    # client %u: %s (step %u: %s)", i, ktap_errname(e),
				   r->res[i].step, ktap_errname(r->res[i].failed));
		ret = ret ?: e ?: r->res[i].failed;
	}
	for (i = 0; i + 1 < r->nclients; i++) {
		if (waitpid(r->pid[i], &st, 0) != r->pid[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			ret = ret ?: -ECHILD;
		close(r->pipe[i]);
	}
	close(r->pipe[r->nclients - 1]);
	return ret;
}

/* agx.ko's debugfs agx_objects of the render node's DRM device; 0 or -errno */
static int read_objects(struct run *r)
{
	char path[96], name[32];
	struct stat st;
	unsigned int i;
	FILE *f;
	int v;

	if (stat(AGX_RENDER_NODE, &st))
		return -errno;
	snprintf(path, sizeof(path), "/sys/kernel/debug/dri/%u/agx_objects", minor(st.st_rdev));
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fscanf(f, "%31s %d", name, &v) == 2) {
		for (i = 0; i < ARRAY_SIZE(live_names); i++)
			if (!strcmp(name, live_names[i]))
				r->live[i] = v;
		if (!strcmp(name, "faults"))
			r->faults = v;
		if (!strcmp(name, "timeouts"))
			r->timeouts = v;
	}
	fclose(f);
	return 0;
}

/* what of the files is alive once they are all closed: polled until 0 (jobs finish late) */
static long leaked(struct run *r)
{
	long long end = now_us() + LEAK_WAIT_S * 1000000LL;
	unsigned int i;
	long n;

	do {
		if (read_objects(r))
			return -1;
		for (n = 0, i = 0; i < ARRAY_SIZE(r->live); i++)
			n += r->live[i];
		if (!n)
			break;
		usleep(100000);
	} while (now_us() < end);
	return n;
}

static const char *errname(int err)
{
	return err > 0 ? "unsignalled" : ktap_errname(err);
}

/* the counts over the workers; the victim's jobs are counted apart (killed) */
static void totals(const struct run *r, struct run_result *t)
{
	unsigned int i, k;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < r->nclients; i++) {
		t->submits += r->res[i].submits;
		if (role_of(r, i) == ROLE_VICTIM)
			continue;
		t->jobs += r->res[i].jobs;
		t->completed += r->res[i].completed;
		t->unsignalled += r->res[i].unsignalled;
		t->nts += r->res[i].nts;
		t->ts_bad += r->res[i].ts_bad;
		for (k = 0; k < RUN_NERR; k++)
			t->errs[k] += r->res[i].errs[k];
	}
}

static int cmp_u32(const void *a, const void *b)
{
	__u32 x = *(const __u32 *)a, y = *(const __u32 *)b;

	return x < y ? -1 : x > y;
}

/* p50 and p99 of the workers' submit-to-signal latencies (us) */
static unsigned int latency(const struct run *r, __u32 *p50, __u32 *p99)
{
	static __u32 all[MAX_CLIENTS * RUN_MAX_JOBS];
	unsigned int i, n = 0;

	for (i = 0; i + 1 < r->nclients; i++) {
		memcpy(all + n, r->res[i].lat_us, r->res[i].nlat * sizeof(__u32));
		n += r->res[i].nlat;
	}
	qsort(all, n, sizeof(*all), cmp_u32);
	*p50 = n ? all[n / 2] : 0;
	*p99 = n ? all[n * 99 / 100] : 0;
	return n;
}

static int cmp_u64(const void *a, const void *b)
{
	__u64 x = *(const __u64 *)a, y = *(const __u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * ", "name": {"p50": X, "p99": Y}" in us with one decimal, over the workers' firmware-side
 * latencies (ns) at byte offset off of struct run_result (run_ns or done_ns)
 */
static void firmware_latency(const struct run *r, size_t off, const char *name, char *buf,
			     size_t size)
{
	static __u64 all[MAX_CLIENTS * RUN_MAX_JOBS];
	unsigned int i, n = 0;
	size_t len = strlen(buf);

	for (i = 0; i + 1 < r->nclients; i++) {
		memcpy(all + n, (const char *)&r->res[i] + off, r->res[i].nts * sizeof(__u64));
		n += r->res[i].nts;
	}
	qsort(all, n, sizeof(*all), cmp_u64);
	snprintf(buf + len, size - len, ", \"%s\": {\"p50\": %.1f, \"p99\": %.1f}", name,
		 n ? all[n / 2] / 1000.0 : 0.0, n ? all[n * 99 / 100] / 1000.0 : 0.0);
}

/* a JSON member "name": value appended to buf (a comma before all but the first) */
static void member(char *buf, size_t size, const char *name, const char *fmt, long long v)
{
	size_t len = strlen(buf);
	char val[32];

	snprintf(val, sizeof(val), fmt, v);
	snprintf(buf + len, size - len, "%s\"%s\": %s", buf[len - 1] == '{' ? "" : ", ", name,
		 val);
}

/* the AGX-RUN line: the figures of results/run.json (scripts/run-report.py) */
static void print_line(const struct run *r, const struct run_result *t, long leak)
{
	static const char *const kinds[RUN_NERR] = RUN_ERR_KINDS;
	char line[1000] = "{", errs[160] = "{";
	unsigned int k, nlat;
	__u32 p50, p99;

	for (k = 0; k < RUN_NERR; k++)
		if (t->errs[k])
			member(errs, sizeof(errs), kinds[k], "%lld", t->errs[k]);
	nlat = latency(r, &p50, &p99);
	member(line, sizeof(line), "clients", "%lld", r->nclients);
	member(line, sizeof(line), "jobs_submitted", "%lld", t->jobs);
	member(line, sizeof(line), "jobs_completed", "%lld", t->completed);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), ", \"errors\": %s}", errs);
	member(line, sizeof(line), "jobs_per_s", "%lld",
	       t->completed * 1000000LL / (r->us > 0 ? r->us : 1));
	member(line, sizeof(line), "submits_via_ioctl", "%lld", t->submits);
	member(line, sizeof(line), "leaked_objects", "%lld", leak);
	member(line, sizeof(line), "violations", "%lld",
	       read_int(SIM_DIR "violations") - r->sim0[0]);
	member(line, sizeof(line), "sim_commands", "%lld",
	       read_int(SIM_DIR "commands") - r->sim0[1]);
	member(line, sizeof(line), "faults", "%lld", r->faults);
	member(line, sizeof(line), "timeouts", "%lld", r->timeouts);
	member(line, sizeof(line), "engines", "%lld", read_int(SIM_DIR "engines"));
	member(line, sizeof(line), "latency_us_cfg", "%lld", read_int(SIM_DIR "latency_us"));
	member(line, sizeof(line), "killed_jobs", "%lld", r->res[r->nclients - 1].jobs);
	member(line, sizeof(line), "latency_us", "{\"jobs\": %lld", nlat);
	snprintf(line + strlen(line), sizeof(line) - strlen(line),
		 ", \"submit_to_signal\": {\"p50\": %u, \"p99\": %u}", p50, p99);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), ", \"timestamped_jobs\": %u",
		 t->nts);
	firmware_latency(r, offsetof(struct run_result, run_ns), "submit_to_run", line,
			 sizeof(line));
	firmware_latency(r, offsetof(struct run_result, done_ns), "hw_done_to_signal", line,
			 sizeof(line));
	snprintf(line + strlen(line), sizeof(line) - strlen(line), "}}");
	ktap_print("    # AGX-RUN %s", line);
}

static int result(int n, int ok, const char *name)
{
	ktap_print("    %s %d %s", ok ? "ok" : "not ok", n, name);
	return !ok;
}

/* the KTAP cases: what the run must show */
static int verdict(const struct run *r, const struct run_result *t, int ret, long leak)
{
	const struct run_result *f = &r->res[1], *h = &r->res[2];
	unsigned int i;
	int bad = 0, writes = 1, killed, isolated = 1;

	for (i = 0; i < r->nclients; i++) {
		const struct run_result *c = &r->res[i];

		writes &= c->gpu_writes_ok || role_of(r, i) == ROLE_VICTIM;
		/* another VM's fault or timeout only cancels a worker's jobs */
		isolated &= role_of(r, i) != ROLE_WORKER || !c->others_err;
		ktap_print("    # client %u (%s): %u submits, %u ok, errors %u %u %u %u %u %u%s%s",
			   i, role_names[role_of(r, i)], c->submits, c->completed, c->errs[0],
			   c->errs[1], c->errs[2], c->errs[3], c->errs[4], c->errs[5],
			   c->others_err ? ", first not injected: " : "",
			   c->others_err ? ktap_errname(c->others_err) : "");
	}
	ktap_print("    # fault job: %s, hang job: %s, killed client's last fences: %s %s",
		   errname(f->injected_err), errname(h->injected_err),
		   errname(r->killed_err[0]), errname(r->killed_err[1]));
	ktap_print("    # alive after: files %u vms %u bos %u queues %u hw_queues %u jobs %u",
		   r->live[0], r->live[1], r->live[2], r->live[3], r->live[4], r->live[5]);
	bad |= result(1, !ret && !t->unsignalled, "clients_ran");
	bad |= result(2, writes, "gpu_writes_seen");
	bad |= result(3, f->injected_err < 0 && !f->others_err && isolated, "gpu_fault_isolated");
	bad |= result(4, h->injected_err < 0, "firmware_timeout");
	killed = WIFSIGNALED(r->killed_status) && WTERMSIG(r->killed_status) == SIGKILL;
	bad |= result(5, killed && r->killed_err[0] <= 0 && r->killed_err[1] <= 0,
		      "killed_client_fences_signal");
	bad |= result(6, leak == 0, "no_leaked_objects");
	ktap_print("    # %u jobs timestamped by the firmware, %u completed without them",
		   t->nts, t->ts_bad);
	bad |= result(7, t->nts && !t->ts_bad, "firmware_timestamps");
	return bad;
}

/* the clients could not be started: kill and reap the ones there are */
static void abandon(struct run *r)
{
	unsigned int i;

	ktap_print("    # agx-run: the clients could not be started");
	for (i = 0; i < r->nclients; i++) {
		if (r->pid[i] <= 0)
			continue;
		kill(r->pid[i], SIGKILL);
		waitpid(r->pid[i], NULL, 0);
	}
}

static int bad_args(void)
{
	fprintf(stderr, "usage: agx-run [-k] [-c CLIENTS (4..%d)] [-r ROUNDS (3..100)]\n",
		MAX_CLIENTS);
	return 2;
}

int main(int argc, char **argv)
{
	static struct run r = { .nclients = 5, .rounds = 40 };
	struct run_result t;
	int c, ret, bad;
	long leak;

	while ((c = getopt(argc, argv, "kc:r:")) != -1) {
		if (c == 'k')
			ktap_use_kmsg();
		else if (c == 'c')
			r.nclients = atoi(optarg);
		else if (c == 'r')
			r.rounds = atoi(optarg);
		else
			return bad_args();
	}
	if (r.nclients < 4 || r.nclients > MAX_CLIENTS || r.rounds < 3 || r.rounds > 100)
		return bad_args();
	ktap_print("KTAP version 1");
	ktap_print("1..1");
	ktap_print("    KTAP version 1");
	ktap_print("    # Subtest: agx_run");
	ktap_print("    1..7");
	r.sim0[0] = read_int(SIM_DIR "violations");
	r.sim0[1] = read_int(SIM_DIR "commands");
	ret = shared_syncobjs(&r) ?: spawn(&r);
	if (ret) {
		abandon(&r);
		return 2;
	}
	r.us = now_us();
	ret = kill_victim(&r);
	ret = collect(&r) ?: ret;
	r.us = now_us() - r.us;
	leak = leaked(&r);
	totals(&r, &t);
	print_line(&r, &t, leak);
	bad = verdict(&r, &t, ret, leak);
	ktap_print("%s 1 agx_run", bad ? "not ok" : "ok");
	return bad;
}
