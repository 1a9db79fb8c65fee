// SPDX-License-Identifier: GPL-2.0
/*
 * One client process of agx-run: its own file on the render node, VM, BO (the SIMQ
 * programs its jobs run and the words they write) and two queues, a render one and a
 * compute one. Each round (at most DEPTH of them in flight) it submits a render job, which
 * waits on the previous client's timeline syncobj (one the parent created and exported as
 * an fd before the fork, the cross-process dependency) and signals a binary syncobj, and a
 * compute job on the other queue, which waits on that and signals this client's own
 * timeline at the round's point, which the next client waits on. Every job also signals a
 * binary syncobj of its own, whose fence's status (sync_file) says how the job ended. The
 * fault and hang clients add one compute job whose program faults or hangs; the victim
 * submits slow jobs and is killed by the parent. Every job also asks the firmware for a
 * start and an end timestamp (GEM_BIND_OBJECT, two slots per job in one object), as Mesa
 * does with ts_vtx.start/ts_frag.end and the compute ts: with its SUBMIT time and its
 * fence's signal time they give the job's submit-to-run and hardware-done-to-signal
 * latencies. The simulated GPU's timer is CLOCK_MONOTONIC in ns (GET_TIME's clock, at
 * command_timestamp_frequency_hz 10^9), the clock of the other two.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/sync_file.h>
#include <xf86drm.h>

#include "agx_run.h"
#include "simq.h"
#include "uapi.h"

#define RW (DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)
#define NONE DRM_ASAHI_BARRIER_NONE
#define MAX_JOBS RUN_MAX_JOBS
#define VICTIM_JOBS 8		/* per queue */
#define VICTIM_DELAY_US 50000
#define WAIT_S 120		/* the longest a client waits for a fence */
#define DEPTH 4			/* rounds in flight per client, like a driver's frames */
#define MAX_ROUNDS 100

struct client {
	int fd;
	struct run_cfg cfg;
	struct agx_layout l;
	__u32 vm, bo, q[2], tl, dep, mid;
	__u64 va, size, results;	/* results: GPU VA of the words the jobs write */
	unsigned char *map;
	__u32 ts_bo, ts_obj;		/* the timestamp BO and its GEM_BIND_OBJECT object */
	__u64 *ts;			/* its CPU mapping: [2j] start, [2j + 1] end of job j */
	unsigned int progs;		/* SIMQ programs written so far */
	__u32 done[MAX_JOBS];		/* one binary syncobj per job */
	__u64 submit_ns[MAX_JOBS];	/* CLOCK_MONOTONIC before its SUBMIT */
	int injected;			/* index in done of the injected job, or -1 */
	unsigned int round_end[MAX_ROUNDS];	/* index in done of each round's compute job */
	struct run_result res;
};

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static __s64 deadline_ns(unsigned int s)
{
	return now_ns() + s * 1000000000LL;
}

static void report(struct client *c)
{
	if (write(c->cfg.out, &c->res, sizeof(c->res)) != sizeof(c->res))
		_exit(3);
}

/* a failed step: report it to the parent and end the process */
static void fail(struct client *c, unsigned int step, int err)
{
	c->res.failed = err ? err : -EINVAL;
	c->res.step = step;
	report(c);
	_exit(1);
}

static __u32 syncobj(struct client *c)
{
	__u32 h;

	if (drmSyncobjCreate(c->fd, 0, &h))
		fail(c, 2, -errno);
	return h;
}

/* a syncobj of the parent's (an fd inherited at the fork) in this client's file */
static __u32 import(struct client *c, int fd)
{
	__u32 h;

	if (drmSyncobjFDToHandle(c->fd, fd, &h))
		fail(c, 2, -errno);
	close(fd);
	return h;
}

_Static_assert(RUN_MAX_JOBS * 2 * sizeof(__u64) <= AGX_PAGE, "a timestamp page per client");

/* the timestamp object: one GPU page, bound as the firmware's timestamp buffer */
static void setup_ts(struct client *c)
{
	struct drm_asahi_gem_bind_object b = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = AGX_PAGE,
	};
	int ret;

	c->ts_bo = agx_bo_create(c->fd, AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, 0);
	c->ts = agx_bo_map(c->fd, c->ts_bo, AGX_PAGE);
	b.handle = c->ts_bo;
	ret = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &b);
	if (ret)
		fail(c, 1, ret);
	c->ts_obj = b.object_handle;
}

/* the file, the VM, a BO for programs and results bound in it, two queues */
static void setup(struct client *c)
{
	struct drm_asahi_queue_create qc = { .priority = DRM_ASAHI_PRIORITY_LOW };
	unsigned int i;

	c->fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
	if (c->fd < 0)
		fail(c, 1, -errno);
	agx_layout(c->fd, &c->l);
	c->vm = agx_vm_create(c->fd);
	c->size = 8 * AGX_PAGE;
	c->bo = agx_bo_create(c->fd, c->size, DRM_ASAHI_GEM_WRITEBACK, 0);
	c->va = c->l.user_start + 64 * AGX_PAGE;
	if (agx_bind(c->fd, c->vm, RW, c->bo, 0, c->size, c->va))
		fail(c, 1, -EINVAL);
	c->map = agx_bo_map(c->fd, c->bo, c->size);
	c->results = c->va + c->size - AGX_PAGE;
	qc.vm_id = c->vm;
	qc.usc_exec_base = c->l.user_start & ~((1ULL << 32) - 1);
	for (i = 0; i < 2; i++) {
		qc.priority = i ? DRM_ASAHI_PRIORITY_MEDIUM : DRM_ASAHI_PRIORITY_LOW;
		if (agx_ioctl(c->fd, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc))
			fail(c, 1, -errno);
		c->q[i] = qc.queue_id;
	}
	c->tl = import(c, c->cfg.tl_fd);
	if (c->cfg.dep_fd >= 0)
		c->dep = import(c, c->cfg.dep_fd);
	c->mid = syncobj(c);
	c->injected = -1;
	setup_ts(c);
}

/* a one-op SIMQ program in the BO (below the results page); its GPU address */
static __u64 program(struct client *c, __u32 op, __u32 arg, __u64 va)
{
	struct simq q = { .magic = SIMQ_MAGIC, .count = 1 };
	size_t off = c->progs++ * sizeof(q);

	if (off + sizeof(q) > c->size - AGX_PAGE)
		fail(c, 3, -ENOSPC);
	q.ops[0] = (struct simq_op){ .op = op, .arg = arg, .va = va };
	memcpy(c->map + off, &q, sizeof(q));
	return c->va + off;
}

static void put_cmd(unsigned char *buf, __u32 *len, __u16 type, const void *p, __u16 size)
{
	struct drm_asahi_cmd_header h = {
		.cmd_type = type, .size = size, .vdm_barrier = 0, .cdm_barrier = 0,
	};

	memcpy(buf + *len, &h, sizeof(h));
	memcpy(buf + *len + sizeof(h), p, size);
	*len += sizeof(h) + size;
}

/*
 * One SUBMIT of one job on queue qi running the program at stream: waits on syncs[0..nin),
 * signals syncs[nin..nin + nout) and a new binary syncobj of its own (done[]).
 */
static int submit(struct client *c, unsigned int qi, __u64 stream, struct drm_asahi_sync *syncs,
		  __u32 nin, __u32 nout)
{
	struct drm_asahi_cmd_render r = {
		.vdm_ctrl_stream_base = stream, .width_px = 64, .height_px = 64, .layers = 1,
		.samples = 1, .utile_width_px = 16, .utile_height_px = 16, .sample_size_B = 8,
		.ppp_ctrl = 0x202,
	};
	struct drm_asahi_cmd_compute cc = {
		.cdm_ctrl_stream_base = stream, .cdm_ctrl_stream_end = stream + sizeof(struct simq),
	};
	struct drm_asahi_submit sb = { .queue_id = c->q[qi] };
	unsigned char buf[512];
	__u32 len = 0, h;

	if (c->res.jobs == MAX_JOBS)
		fail(c, 4, -ENOSPC);
	r.ts_vtx.start = (struct drm_asahi_timestamp){ c->ts_obj, c->res.jobs * 16 };
	r.ts_frag.end = (struct drm_asahi_timestamp){ c->ts_obj, c->res.jobs * 16 + 8 };
	cc.ts.start = r.ts_vtx.start;
	cc.ts.end = r.ts_frag.end;
	h = syncobj(c);
	syncs[nin + nout++] = (struct drm_asahi_sync){ .sync_type = DRM_ASAHI_SYNC_SYNCOBJ,
						      .handle = h };
	if (qi == 0)
		put_cmd(buf, &len, DRM_ASAHI_CMD_RENDER, &r, sizeof(r));
	else
		put_cmd(buf, &len, DRM_ASAHI_CMD_COMPUTE, &cc, sizeof(cc));
	sb.syncs = (__u64)(unsigned long)syncs;
	sb.cmdbuf = (__u64)(unsigned long)buf;
	sb.in_sync_count = nin;
	sb.out_sync_count = nout;
	sb.cmdbuf_size = len;
	c->submit_ns[c->res.jobs] = now_ns();
	if (agx_ioctl(c->fd, DRM_IOCTL_ASAHI_SUBMIT, &sb)) {
		drmSyncobjDestroy(c->fd, h);
		return -errno;
	}
	c->done[c->res.jobs++] = h;
	c->res.submits++;
	return 0;
}

/* the render job of round r: after the previous client's point r + 1, if there is one */
static void round_render(struct client *c, unsigned int r)
{
	struct drm_asahi_sync s[3] = {
		{ .sync_type = DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, .handle = c->dep,
		  .timeline_value = r + 1 },
	};
	uint64_t point = r + 1;
	__u32 nin = 0;
	int ret;

	if (c->dep) {
		/* the point may not be submitted yet: wait until it is (as Mesa does) */
		if (drmSyncobjTimelineWait(c->fd, &c->dep, &point, 1, deadline_ns(WAIT_S),
					   DRM_SYNCOBJ_WAIT_FLAGS_WAIT_AVAILABLE, NULL))
			fail(c, 5, -errno);
		nin = 1;
	}
	s[nin] = (struct drm_asahi_sync){ .sync_type = DRM_ASAHI_SYNC_SYNCOBJ, .handle = c->mid };
	ret = submit(c, 0, program(c, SIMQ_WRITE32, r + 1, c->results), s, nin, 1);
	if (ret)
		fail(c, 6, ret);
}

/* the compute job of round r: after the render, signals this client's point r + 1 */
static void round_compute(struct client *c, unsigned int r)
{
	struct drm_asahi_sync s[3] = {
		{ .sync_type = DRM_ASAHI_SYNC_SYNCOBJ, .handle = c->mid },
		{ .sync_type = DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, .handle = c->tl,
		  .timeline_value = r + 1 },
	};
	int ret = submit(c, 1, program(c, SIMQ_WRITE32, r + 1, c->results + 4), s, 1, 1);

	if (ret)
		fail(c, 7, ret);
}

/* wait until every job submitted so far has signalled: 0, or -errno (a timeout) */
static int wait_all(struct client *c)
{
	if (drmSyncobjWait(c->fd, c->done, c->res.jobs, deadline_ns(WAIT_S),
			   DRM_SYNCOBJ_WAIT_FLAGS_WAIT_ALL | DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT,
			   NULL))
		return -errno;
	return 0;
}

/*
 * The fault client's and the hang client's extra compute job, signalling nothing else. The
 * fault client's runs alone among its jobs: a GPU fault names only the VM
 * (asahi-agx-driver.md §1.7), so every command of the VM pending at that moment ends with
 * the fault, and only the faulting one may.
 */
static void inject(struct client *c)
{
	bool fault = c->cfg.role == ROLE_FAULT;
	struct drm_asahi_sync s[1];
	__u64 stream;
	int ret;

	if (fault)	/* a GPU write 1 GiB past the BO: unmapped */
		stream = program(c, SIMQ_FAULT_WRITE, 0, c->va + (1ULL << 30));
	else
		stream = program(c, SIMQ_HANG, 0, 0);
	ret = fault ? wait_all(c) : 0;
	if (ret)
		fail(c, 12, ret);
	c->injected = c->res.jobs;
	ret = submit(c, 1, stream, s, 0, 0);
	if (ret)
		fail(c, 8, ret);
	ret = fault ? wait_all(c) : 0;
	if (ret)
		fail(c, 12, ret);
}

static int errkind(int err)
{
	static const int kinds[RUN_NERR - 1] = { EIO, ETIMEDOUT, ECANCELED, ENODEV, ENODATA };
	int k;

	for (k = 0; k < RUN_NERR - 1; k++)
		if (err == -kinds[k])
			return k;
	return RUN_NERR - 1;
}

/* job i's firmware start and end (its timestamps) against its SUBMIT and its signal */
static void firmware_times(struct client *c, __u32 i, __u64 signal_ns)
{
	/* written before the fence signalled, which the wait in collect() saw */
	__u64 start = c->ts[2 * i], end = c->ts[2 * i + 1];

	if (!start || !end || start < c->submit_ns[i] || end < start || signal_ns < end) {
		c->res.ts_bad++;
		return;
	}
	c->res.run_ns[c->res.nts] = start - c->submit_ns[i];
	c->res.done_ns[c->res.nts++] = signal_ns - end;
}

/* wait for every job's fence, then count how each ended */
static void collect(struct client *c)
{
	__u64 signal_ns;
	__u32 i;
	int st;

	wait_all(c);	/* what has not signalled by then is counted as such */
	for (i = 0; i < c->res.jobs; i++) {
		st = run_fence_status(c->fd, c->done[i], &signal_ns);
		if (st > 0) {
			c->res.unsignalled++;
		} else if (!st) {
			c->res.completed++;
			if (signal_ns >= c->submit_ns[i])
				c->res.lat_us[c->res.nlat++] = (signal_ns - c->submit_ns[i]) / 1000;
			firmware_times(c, i, signal_ns);
		} else {
			c->res.errs[errkind(st)]++;
		}
		if ((int)i == c->injected)
			c->res.injected_err = st;
		else if (st < 0 && st != -ECANCELED && !c->res.others_err)
			c->res.others_err = st;	/* a recovery's casualty is -ECANCELED */
	}
}

/* at most DEPTH rounds in flight: wait for the end of round r - DEPTH */
static void throttle(struct client *c, unsigned int r)
{
	if (r < DEPTH)
		return;
	if (drmSyncobjWait(c->fd, &c->done[c->round_end[r - DEPTH]], 1, deadline_ns(WAIT_S),
			   DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT, NULL))
		fail(c, 11, -errno);
}

static void worker(struct client *c)
{
	__u32 words[2];
	unsigned int r;

	if (c->cfg.rounds > MAX_ROUNDS)
		fail(c, 3, -EINVAL);
	for (r = 0; r < c->cfg.rounds; r++) {
		throttle(c, r);
		round_render(c, r);
		round_compute(c, r);
		c->round_end[r] = c->res.jobs - 1;
		if (r == c->cfg.rounds / 3 && c->cfg.role != ROLE_WORKER)
			inject(c);
	}
	collect(c);
	memcpy(words, c->map + c->size - AGX_PAGE, sizeof(words));
	c->res.gpu_writes_ok = words[0] == c->cfg.rounds && words[1] == c->cfg.rounds;
}

/*
 * The victim: slow jobs on both queues, the last fence of each in a binary syncobj of the
 * parent's, which waits on it after killing this process.
 */
static void victim(struct client *c)
{
	struct drm_asahi_sync s[2];
	__u32 last[2];
	unsigned int i, qi;
	int ret;

	for (qi = 0; qi < 2; qi++)
		last[qi] = import(c, c->cfg.last_fd[qi]);
	for (i = 0; i < VICTIM_JOBS; i++) {
		for (qi = 0; qi < 2; qi++) {
			s[0] = (struct drm_asahi_sync){ .sync_type = DRM_ASAHI_SYNC_SYNCOBJ,
							.handle = last[qi] };
			ret = submit(c, qi, program(c, SIMQ_DELAY_US, VICTIM_DELAY_US, 0), s, 0, 1);
			if (ret)
				fail(c, 9, ret);
		}
	}
	report(c);
	for (;;)
		pause();	/* until the parent's SIGKILL */
}

/**
 * run_client() - one client of agx-run
 * @cfg: what it does, and the syncobj fds it inherited.
 *
 * Sets up its file, runs its role and writes a &struct run_result to @cfg->out (the
 * victim: once its jobs are submitted).
 */
void run_client(const struct run_cfg *cfg)
{
	static struct client c;

	c.cfg = *cfg;
	setup(&c);
	if (c.cfg.role == ROLE_VICTIM)
		victim(&c);
	worker(&c);
	report(&c);
	_exit(0);
}

/**
 * run_fence_status() - how the fence of a binary syncobj ended
 * @drm_fd: the file.
 * @syncobj: the syncobj.
 * @signal_ns: set to the fence's signal time (CLOCK_MONOTONIC ns) if not NULL.
 *
 * The syncobj's fence exported as a sync_file (SYNC_IOC_FILE_INFO): its status and, once
 * signalled, its timestamp, which the kernel takes with ktime_get() when it signals.
 *
 * Return: 0 signalled without an error, its negative error, 1 not signalled (or no fence).
 */
int run_fence_status(int drm_fd, __u32 syncobj, __u64 *signal_ns)
{
	struct sync_fence_info fi;
	struct sync_file_info info;
	int sf, ret;

	if (drmSyncobjExportSyncFile(drm_fd, syncobj, &sf))
		return 1;
	memset(&info, 0, sizeof(info));
	memset(&fi, 0, sizeof(fi));
	info.num_fences = 1;
	info.sync_fence_info = (__u64)(unsigned long)&fi;
	ret = ioctl(sf, SYNC_IOC_FILE_INFO, &info);
	close(sf);
	if (ret)
		return 1;
	if (signal_ns)
		*signal_ns = fi.timestamp_ns;
	return info.status == 1 ? 0 : info.status == 0 ? 1 : info.status;
}
