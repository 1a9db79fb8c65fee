// SPDX-License-Identifier: GPL-2.0
/*
 * SUBMIT end to end (§3.9-3.15, §4.4 of the uAPI facts): compute and render commands that
 * run on the simulated GPU, syncobj waits and signals (binary and timeline), command
 * buffers the kernel must refuse, and queues destroyed and files closed with jobs in flight.
 * A command's control stream is the simulator's "SIMQ" program (include/agx/fw/workqueue.h:
 * write a value, delay, fault), placed in a BO the GPU reads; 0 means no work.
 */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "cases.h"

/* the simulator's control stream, as include/agx/fw/workqueue.h defines it */
#define SIMQ_MAGIC 0x514d4953U
enum { SIMQ_END, SIMQ_WRITE32, SIMQ_DELAY_US, SIMQ_HANG, SIMQ_FAULT_READ };

struct simq_op {
	__u32 op, arg;
	__u64 va;
} __attribute__((packed));

struct simq {
	__u32 magic, count;
	struct simq_op ops[16];
} __attribute__((packed));

#define RW (DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)
#define NONE DRM_ASAHI_BARRIER_NONE

/* a file, a VM, a queue on it, and a BO bound at va for control streams and results */
struct sub {
	int fd;
	__u32 vm, queue, bo;
	__u64 va;
	unsigned char *map;
	unsigned char buf[16384];	/* the command buffer being built */
	__u32 len;
	struct drm_asahi_sync syncs[16];
	__u32 nin, nout;
};

static void sub_init(struct sub *s)
{
	struct drm_asahi_queue_create qc = { .priority = DRM_ASAHI_PRIORITY_LOW };
	struct agx_layout l;

	agx_require("SUBMIT");
	agx_require("QUEUE_CREATE");
	memset(s, 0, sizeof(*s));
	s->fd = agx_open();
	agx_layout(s->fd, &l);
	s->vm = agx_vm_create(s->fd);
	qc.vm_id = s->vm;
	qc.usc_exec_base = l.user_start & ~((1ULL << 32) - 1);
	KTAP_ASSERT_OK(agx_ioctl(s->fd, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc));
	s->queue = qc.queue_id;
	s->bo = agx_bo_create(s->fd, 4 * AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, 0);
	s->va = l.user_start + 64 * AGX_PAGE;
	KTAP_ASSERT_OK(agx_bind(s->fd, s->vm, RW, s->bo, 0, 4 * AGX_PAGE, s->va));
	s->map = agx_bo_map(s->fd, s->bo, 4 * AGX_PAGE);
}

static void cmd(struct sub *s, __u16 type, __u16 vdm, __u16 cdm, const void *p, __u16 size)
{
	struct drm_asahi_cmd_header h = {
		.cmd_type = type, .size = size, .vdm_barrier = vdm, .cdm_barrier = cdm,
	};

	KTAP_ASSERT(s->len + sizeof(h) + size <= sizeof(s->buf));
	memcpy(s->buf + s->len, &h, sizeof(h));
	memcpy(s->buf + s->len + sizeof(h), p, size);
	s->len += sizeof(h) + size;
}

/* a compute command running the control stream at stream (0: no work) */
static void compute(struct sub *s, __u64 stream)
{
	struct drm_asahi_cmd_compute c = {
		.cdm_ctrl_stream_base = stream, .cdm_ctrl_stream_end = stream + 256,
	};

	cmd(s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &c, sizeof(c));
}

static void render(struct sub *s, __u64 stream)
{
	struct drm_asahi_cmd_render r = {
		.vdm_ctrl_stream_base = stream, .width_px = 64, .height_px = 64, .layers = 1,
		.samples = 1, .utile_width_px = 16, .utile_height_px = 16, .sample_size_B = 8,
		.ppp_ctrl = 0x202,
	};

	cmd(s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
}

static void add_sync(struct sub *s, bool wait, __u32 type, __u32 handle, __u64 point)
{
	struct drm_asahi_sync y = { .sync_type = type, .handle = handle, .timeline_value = point };

	KTAP_ASSERT(s->nin + s->nout < 16);
	if (wait) {
		KTAP_ASSERT(!s->nout);
		s->syncs[s->nin++] = y;
	} else {
		s->syncs[s->nin + s->nout++] = y;
	}
}

/* submit what was built, then start a new command buffer */
static int submit(struct sub *s)
{
	struct drm_asahi_submit sb = {
		.syncs = (__u64)(unsigned long)s->syncs, .cmdbuf = (__u64)(unsigned long)s->buf,
		.queue_id = s->queue, .in_sync_count = s->nin, .out_sync_count = s->nout,
		.cmdbuf_size = s->len,
	};
	int r = agx_ioctl(s->fd, DRM_IOCTL_ASAHI_SUBMIT, &sb);

	s->len = 0;
	s->nin = 0;
	s->nout = 0;
	return r;
}

static __u32 syncobj(struct sub *s)
{
	__u32 h;

	KTAP_ASSERT(drmSyncobjCreate(s->fd, 0, &h) == 0);
	return h;
}

/* wait up to 10 s for a binary syncobj (point 0) or a timeline point */
static int wait_point(struct sub *s, __u32 h, __u64 point)
{
	const __u32 flags = DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT;
	uint64_t p = point;
	struct timespec ts;
	__s64 deadline;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	deadline = ts.tv_sec * 1000000000LL + ts.tv_nsec + 10000000000LL;
	if (point)
		r = drmSyncobjTimelineWait(s->fd, &h, &p, 1, deadline, flags, NULL);
	else
		r = drmSyncobjWait(s->fd, &h, 1, deadline, flags, NULL);
	return r ? -errno : 0;
}

/* a SIMQ program of n ops at offset off of the BO; returns its GPU address */
static __u64 simq(struct sub *s, size_t off, const struct simq_op *ops, __u32 n)
{
	struct simq q = { .magic = SIMQ_MAGIC, .count = n };

	memcpy(q.ops, ops, n * sizeof(*ops));
	memcpy(s->map + off, &q, sizeof(q));
	return s->va + off;
}

/* one compute command with no work; its out-syncobj signals */
static void submit_compute(void)
{
	struct sub s;
	__u32 h;

	sub_init(&s);
	h = syncobj(&s);
	compute(&s, 0);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_EXPECT_OK(wait_point(&s, h, 0));
}

/* the GPU writes a value into a BO (SIMQ WRITE32); the CPU reads it once the fence signals */
static void submit_gpu_writes(void)
{
	struct simq_op op = { .op = SIMQ_WRITE32, .arg = 0xc0ffee };
	__u32 h, v;
	struct sub s;

	sub_init(&s);
	h = syncobj(&s);
	op.va = s.va + 2 * AGX_PAGE;
	compute(&s, simq(&s, 0, &op, 1));
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_ASSERT_OK(wait_point(&s, h, 0));
	memcpy(&v, s.map + 2 * AGX_PAGE, sizeof(v));
	KTAP_EXPECT(v == 0xc0ffee);
}

/* Gallium's render pass: fragment attachments, then a render command */
static void submit_render(void)
{
	struct drm_asahi_attachment att = { .size = AGX_PAGE };
	struct sub s;
	__u32 h;

	sub_init(&s);
	h = syncobj(&s);
	att.pointer = s.va + AGX_PAGE;
	cmd(&s, DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS, NONE, NONE, &att, sizeof(att));
	render(&s, 0);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_EXPECT_OK(wait_point(&s, h, 0));
}

/* hk's chain: A signals a binary syncobj, B waits on it and signals a timeline point */
static void submit_chain(void)
{
	struct sub s;
	__u32 a, t;

	sub_init(&s);
	a = syncobj(&s);
	t = syncobj(&s);
	compute(&s, 0);
	render(&s, 0);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, a, 0);
	KTAP_ASSERT_OK(submit(&s));
	compute(&s, 0);
	add_sync(&s, true, DRM_ASAHI_SYNC_SYNCOBJ, a, 0);
	add_sync(&s, false, DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, t, 1);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_EXPECT_OK(wait_point(&s, t, 1));
}

/* a wait on a timeline point userspace signals */
static void submit_timeline_wait(void)
{
	uint64_t two = 2;
	struct sub s;
	__u32 t, h;

	sub_init(&s);
	t = syncobj(&s);
	h = syncobj(&s);
	KTAP_ASSERT(drmSyncobjTimelineSignal(s.fd, &t, &two, 1) == 0);
	compute(&s, 0);
	add_sync(&s, true, DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, t, 2);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_EXPECT_OK(wait_point(&s, h, 0));
}

/* max_commands_per_submission commands pass, one more is refused */
static void submit_command_limit(void)
{
	struct sub s;
	__u32 i, max;

	sub_init(&s);
	max = agx_params(s.fd)->max_commands_per_submission;
	if (max > 200)
		ktap_skip("max_commands_per_submission %u: too many for the buffer", max);
	for (i = 0; i < max; i++)
		compute(&s, 0);
	KTAP_EXPECT_OK(submit(&s));
	for (i = 0; i <= max; i++)
		compute(&s, 0);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
}

/* waits the kernel refuses: a binary syncobj with no fence, two waits on one syncobj */
static void submit_bad_waits(void)
{
	struct sub s;
	__u32 h, t;

	sub_init(&s);
	h = syncobj(&s);
	compute(&s, 0);
	add_sync(&s, true, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	t = syncobj(&s);
	compute(&s, 0);
	add_sync(&s, true, DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, t, 1);
	add_sync(&s, true, DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, t, 2);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	compute(&s, 0);
	add_sync(&s, false, 7, h, 0);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	compute(&s, 0);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, 0x7fff, 0);
	KTAP_EXPECT_ERR(submit(&s), ENOENT);
}

/* barriers: N may not exceed the commands of that subqueue before it in the submit */
static void submit_bad_barriers(void)
{
	struct drm_asahi_cmd_compute c = { 0 };
	struct sub s;

	sub_init(&s);
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, NONE, 1, &c, sizeof(c));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, 2, NONE, &c, sizeof(c));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	compute(&s, 0);
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, NONE, 1, &c, sizeof(c));
	KTAP_EXPECT_OK(submit(&s));
}

/* payloads: shorter reads as zeroes, a non-zero byte past the struct, MBZ and flags */
static void submit_bad_payloads(void)
{
	struct { struct drm_asahi_cmd_compute c; __u64 tail; } big = { 0 };
	struct drm_asahi_cmd_render r = { .samples = 3 };
	struct sub s;

	sub_init(&s);
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &big, 16);
	KTAP_EXPECT_OK(submit(&s));
	big.tail = 1;
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &big, sizeof(big));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	big.tail = 0;
	big.c.flags = 1;
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &big, sizeof(big.c));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	big.c.flags = 0;
	big.c.ts.end.handle = 1;
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &big, sizeof(big.c));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	r.samples = 1;
	r.flags = 1u << 5;
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
}

/* attachments: pad/flags MBZ, a size not a multiple of 24, more than max_attachments */
static void submit_bad_attachments(void)
{
	struct drm_asahi_attachment att[8];
	struct sub s;

	sub_init(&s);
	memset(att, 0, sizeof(att));
	att[0].size = AGX_PAGE;
	att[0].flags = 1;
	cmd(&s, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, NONE, NONE, att, sizeof(att[0]));
	compute(&s, 0);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	att[0].flags = 0;
	cmd(&s, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, NONE, NONE, att, 20);
	compute(&s, 0);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	cmd(&s, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, NONE, NONE, att, sizeof(att));
	compute(&s, 0);
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
}

/* more waits than the kernel takes: -EINVAL before anything is read */
static void submit_too_many_syncs(void)
{
	struct drm_asahi_sync syncs[64];
	struct drm_asahi_submit sb = { 0 };
	struct sub s;

	sub_init(&s);
	memset(syncs, 0, sizeof(syncs));
	compute(&s, 0);
	sb.syncs = (__u64)(unsigned long)syncs;
	sb.cmdbuf = (__u64)(unsigned long)s.buf;
	sb.cmdbuf_size = s.len;
	sb.queue_id = s.queue;
	sb.in_sync_count = 1u << 20;
	KTAP_EXPECT_ERR(agx_ioctl(s.fd, DRM_IOCTL_ASAHI_SUBMIT, &sb), EINVAL);
	sb.in_sync_count = 0;
	sb.out_sync_count = ~0u;
	KTAP_EXPECT_ERR(agx_ioctl(s.fd, DRM_IOCTL_ASAHI_SUBMIT, &sb), EINVAL);
}

/* a second queue on the case's VM, for jobs the first queue's jobs wait on */
static __u32 other_queue(struct sub *s)
{
	struct drm_asahi_queue_create qc = {
		.priority = DRM_ASAHI_PRIORITY_LOW, .vm_id = s->vm,
	};

	KTAP_ASSERT_OK(agx_ioctl(s->fd, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc));
	return qc.queue_id;
}

/*
 * More waits than a job has dependency slots (Mesa waits on one syncobj per shared BO):
 * 24 syncobjs, each signalled by a job of another queue, the last of them delayed. The
 * waiting job may finish only after all of them, the delayed one included.
 */
static void submit_many_waits(void)
{
	enum { N = 24 };
	struct simq_op op = { .op = SIMQ_DELAY_US, .arg = 200000 };
	struct drm_asahi_sync y[N + 1] = { 0 };
	struct drm_asahi_submit sb = { 0 };
	__u32 h[N], out, main_queue;
	struct sub s;
	int i;

	sub_init(&s);
	main_queue = s.queue;
	s.queue = other_queue(&s);
	for (i = 0; i < N; i++) {
		h[i] = syncobj(&s);
		compute(&s, i == N - 1 ? simq(&s, 0, &op, 1) : 0);
		add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h[i], 0);
		KTAP_ASSERT_OK(submit(&s));
		y[i].sync_type = DRM_ASAHI_SYNC_SYNCOBJ;
		y[i].handle = h[i];
	}
	out = syncobj(&s);
	y[N].sync_type = DRM_ASAHI_SYNC_SYNCOBJ;
	y[N].handle = out;
	compute(&s, 0);
	sb.syncs = (__u64)(unsigned long)y;
	sb.cmdbuf = (__u64)(unsigned long)s.buf;
	sb.cmdbuf_size = s.len;
	sb.queue_id = main_queue;
	sb.in_sync_count = N;
	sb.out_sync_count = 1;
	KTAP_ASSERT_OK(agx_ioctl(s.fd, DRM_IOCTL_ASAHI_SUBMIT, &sb));
	KTAP_ASSERT_OK(wait_point(&s, out, 0));
	/* timeout 0: is the delayed job's syncobj signalled now? */
	KTAP_EXPECT(drmSyncobjWait(s.fd, &h[N - 1], 1, 0, 0, NULL) == 0);
	sb.in_sync_count = 257;	/* above the kernel's limit of waits */
	KTAP_EXPECT_ERR(agx_ioctl(s.fd, DRM_IOCTL_ASAHI_SUBMIT, &sb), EINVAL);
}

/* a job that faults (a GPU read of an unmapped address): its fence still signals */
static void submit_gpu_fault(void)
{
	struct simq_op op = { .op = SIMQ_FAULT_READ, .va = 0x4000 };
	struct sub s;
	__u32 h;

	sub_init(&s);
	h = syncobj(&s);
	compute(&s, simq(&s, 0, &op, 1));
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_EXPECT_OK(wait_point(&s, h, 0));
}

/* QUEUE_DESTROY right after a submit of slow jobs: returns at once, the fences signal */
static void submit_destroy_in_flight(void)
{
	struct simq_op op = { .op = SIMQ_DELAY_US, .arg = 100000 };
	struct drm_asahi_queue_destroy qd = { 0 };
	struct sub s;
	__u32 h;
	int i;

	sub_init(&s);
	h = syncobj(&s);
	for (i = 0; i < 4; i++)
		compute(&s, simq(&s, 0, &op, 1));
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	qd.queue_id = s.queue;
	KTAP_EXPECT_OK(agx_ioctl(s.fd, DRM_IOCTL_ASAHI_QUEUE_DESTROY, &qd));
	KTAP_EXPECT_OK(wait_point(&s, h, 0));
}

/* a process killed (SIGKILL) with slow jobs in flight on two queues; the device goes on */
static void submit_killed_in_flight(void)
{
	struct simq_op op = { .op = SIMQ_DELAY_US, .arg = 50000 };
	int status;
	pid_t pid;

	agx_require("SUBMIT");
	pid = fork();
	KTAP_ASSERT(pid >= 0);
	if (pid == 0) {
		struct sub s, t;
		int i;

		sub_init(&s);
		sub_init(&t);
		for (i = 0; i < 8; i++) {
			compute(&s, simq(&s, 0, &op, 1));
			render(&t, simq(&t, 0, &op, 1));
		}
		submit(&s);
		submit(&t);
		kill(getpid(), SIGKILL);
		_exit(0);
	}
	KTAP_ASSERT(waitpid(pid, &status, 0) == pid);
	KTAP_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	submit_compute();
}

static const struct ktap_case submit_cases[] = {
	KTAP_CASE(submit_compute),
	KTAP_CASE(submit_gpu_writes),
	KTAP_CASE(submit_render),
	KTAP_CASE(submit_chain),
	KTAP_CASE(submit_timeline_wait),
	KTAP_CASE(submit_command_limit),
	KTAP_CASE(submit_bad_waits),
	KTAP_CASE(submit_bad_barriers),
	KTAP_CASE(submit_bad_payloads),
	KTAP_CASE(submit_bad_attachments),
	KTAP_CASE(submit_too_many_syncs),
	KTAP_CASE(submit_many_waits),
	KTAP_CASE(submit_gpu_fault),
	KTAP_CASE(submit_destroy_in_flight),
	KTAP_CASE(submit_killed_in_flight),
};

const struct ktap_suite suite_submit = {
	.name = "asahi_uapi_submit", .cases = submit_cases, .count = ARRAY_SIZE(submit_cases),
};
