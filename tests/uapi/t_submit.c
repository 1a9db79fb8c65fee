// SPDX-License-Identifier: GPL-2.0
/*
 * SUBMIT end to end (§3.9-3.15, §4.4 of the uAPI facts): compute and render commands that
 * run on the simulated GPU, syncobj waits and signals (binary and timeline), command
 * buffers the kernel must refuse, and queues destroyed and files closed with jobs in flight.
 * The second suite, asahi_uapi_timestamps, is GEM_BIND_OBJECT and the timestamps the
 * firmware writes for SUBMIT's commands (§3.7, §3.13, §4.7).
 * A command's control stream is the simulator's "SIMQ" program (include/agx/fw/workqueue.h:
 * write a value, delay, fault), placed in a BO the GPU reads; 0 means no work.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "cases.h"
#include "simq.h"

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
	struct drm_asahi_cmd_render r = { .width_px = 64, .height_px = 64, .layers = 1,
					  .samples = 3, .utile_width_px = 32,
					  .utile_height_px = 32 };
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
	big.c.ts.end.handle = 1;	/* no timestamp object 1 in this file */
	cmd(&s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &big, sizeof(big.c));
	KTAP_EXPECT_ERR(submit(&s), ENOENT);
	big.c.ts.end.handle = 0;
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	r.samples = 1;
	r.flags = 1u << 5;
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
}

/*
 * The geometry the firmware tiles (queue/render.rs): 1..16384 pixels each way, 1..2048
 * layers, utiles of 32x32, 32x16 or 16x16. Anything else is EINVAL before any job runs;
 * each limit is accepted (not all at once: 16384x16384 pixels in 2048 layers would need
 * a 5 GiB tile map and an 8 GiB TPC in the VM's kernel range).
 */
static void submit_bad_geometry(void)
{
	static const struct { __u16 w, h, layers; __u8 uw, uh; } bad[] = {
		{ 0, 64, 1, 32, 32 }, { 16385, 64, 1, 32, 32 }, { 64, 0, 1, 32, 32 },
		{ 64, 64, 0, 32, 32 }, { 64, 64, 2049, 32, 32 }, { 64, 64, 1, 16, 32 },
		{ 64, 64, 1, 8, 8 }, { 64, 64, 1, 0, 0 },
	};
	struct drm_asahi_cmd_render r = { .samples = 1 };
	struct sub s;
	unsigned int i;

	sub_init(&s);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		r.width_px = bad[i].w;
		r.height_px = bad[i].h;
		r.layers = bad[i].layers;
		r.utile_width_px = bad[i].uw;
		r.utile_height_px = bad[i].uh;
		render(&s, 0);		/* a good one first, in the same submit */
		cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
		KTAP_EXPECT_ERR(submit(&s), EINVAL);
	}
	r = (struct drm_asahi_cmd_render){ .width_px = 16384, .height_px = 16384,
					   .layers = 1, .samples = 4, .utile_width_px = 32,
					   .utile_height_px = 16, .sample_size_B = 8 };
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_OK(submit(&s));
	r.width_px = 64;
	r.height_px = 64;
	r.layers = 2048;
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_OK(submit(&s));
}

/* attachments: pad/flags MBZ, a size not a multiple of 24, more than max_attachments */
static void submit_bad_attachments(void)
{
	struct drm_asahi_attachment att[17];
	__u32 i, max;
	struct sub s;

	sub_init(&s);
	max = agx_params(s.fd)->max_attachments;
	KTAP_ASSERT(max >= 1 && max < 17);
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
	for (i = 0; i <= max; i++)
		att[i] = (struct drm_asahi_attachment){ .pointer = s.va, .size = AGX_PAGE };
	/* max_attachments pass (Gallium uses up to 16), one more does not */
	cmd(&s, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, NONE, NONE, att, max * sizeof(att[0]));
	compute(&s, 0);
	KTAP_EXPECT_OK(submit(&s));
	cmd(&s, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, NONE, NONE, att, (max + 1) * sizeof(att[0]));
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

/* Timestamps: GEM_BIND_OBJECT objects and the firmware's Timestamp writes */

#define TS_SENTINEL 0xa5a5a5a5a5a5a5a5ULL

/* a timestamp buffer: a 2-page BO whose second page is the bound object */
struct tsbuf {
	__u32 bo, object;
	__u64 *slots;		/* the object's bytes, through the CPU mapping */
	unsigned char *map;
};

static int bind_object_raw(int fd, struct drm_asahi_gem_bind_object *b)
{
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, b);
}

static int unbind_object(int fd, __u32 object)
{
	struct drm_asahi_gem_bind_object b = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_UNBIND, .object_handle = object,
	};

	return bind_object_raw(fd, &b);
}

static void tsbuf_init(int fd, struct tsbuf *t)
{
	struct drm_asahi_gem_bind_object b = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS,
		.offset = AGX_PAGE, .range = AGX_PAGE,
	};

	agx_require("GEM_BIND_OBJECT");
	t->bo = agx_bo_create(fd, 2 * AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, 0);
	t->map = agx_bo_map(fd, t->bo, 2 * AGX_PAGE);
	memset(t->map, 0xa5, 2 * AGX_PAGE);
	t->slots = (__u64 *)(t->map + AGX_PAGE);
	b.handle = t->bo;
	KTAP_ASSERT_OK(bind_object_raw(fd, &b));
	KTAP_ASSERT(b.object_handle != 0);
	t->object = b.object_handle;
}

static __u64 gpu_time(int fd)
{
	struct drm_asahi_get_time gt = { 0 };

	KTAP_ASSERT_OK(agx_ioctl(fd, DRM_IOCTL_ASAHI_GET_TIME, &gt));
	return gt.gpu_timestamp;
}

static struct drm_asahi_timestamp ts_at(__u32 object, __u32 slot)
{
	struct drm_asahi_timestamp t = { .handle = object, .offset = slot * 8 };

	return t;
}

/* a compute command on stream whose start and end timestamps are slots a and b */
static void compute_ts(struct sub *s, __u64 stream, __u32 object, __u32 a, __u32 b)
{
	struct drm_asahi_cmd_compute c = {
		.cdm_ctrl_stream_base = stream, .cdm_ctrl_stream_end = stream + 256,
	};

	c.ts.start = ts_at(object, a);
	c.ts.end = ts_at(object, b);
	cmd(s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &c, sizeof(c));
}

/* the slots were written, in order, within [lo, hi] (GET_TIME's clock) */
static void expect_ordered(const struct tsbuf *t, const __u32 *slot, int n, __u64 lo,
			   __u64 hi)
{
	__u64 prev = lo;
	int i;

	for (i = 0; i < n; i++) {
		__u64 v = t->slots[slot[i]];

		if (!KTAP_EXPECT(v != TS_SENTINEL && v >= prev && v <= hi))
			ktap_diag("slot %u: %llu (after %llu, before %llu)", slot[i],
				  (unsigned long long)v, (unsigned long long)prev,
				  (unsigned long long)hi);
		prev = v;
	}
}

/* BIND returns distinct object handles (not GEM handles); UNBIND releases each once */
static void ts_bind_unbind(void)
{
	struct drm_asahi_gem_bind_object b = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = 2 * AGX_PAGE,
	};
	struct tsbuf t;
	int fd = agx_open();

	tsbuf_init(fd, &t);
	b.handle = t.bo;
	KTAP_ASSERT_OK(bind_object_raw(fd, &b));	/* the whole BO, overlapping t's */
	KTAP_EXPECT(b.object_handle != 0 && b.object_handle != t.object);
	KTAP_EXPECT_OK(unbind_object(fd, b.object_handle));
	KTAP_EXPECT_ERR(unbind_object(fd, b.object_handle), ENOENT);
	KTAP_EXPECT_OK(unbind_object(fd, t.object));
	KTAP_EXPECT_ERR(unbind_object(fd, t.object), ENOENT);
}

/* BIND's malformed arguments, each with its errno; nothing is bound by any of them */
static void ts_bind_bad(void)
{
	const struct drm_asahi_gem_bind_object good = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = AGX_PAGE,
	};
	struct drm_asahi_gem_bind_object b;
	int fd = agx_open();
	__u32 bo, priv, vm;

	agx_require("GEM_BIND_OBJECT");
	bo = agx_bo_create(fd, 2 * AGX_PAGE, 0, 0);
	vm = agx_vm_create(fd);
	priv = agx_bo_create(fd, AGX_PAGE, DRM_ASAHI_GEM_VM_PRIVATE, vm);
#define BAD(field, value, err) do {					\
		b = good;						\
		b.handle = bo;						\
		b.field = value;					\
		KTAP_EXPECT_ERR(bind_object_raw(fd, &b), err);		\
	} while (0)
	BAD(vm_id, vm, EINVAL);
	BAD(pad, 1, EINVAL);
	BAD(op, 2, EINVAL);
	BAD(flags, 0, EINVAL);
	BAD(flags, DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS | 2, EINVAL);
	BAD(range, 0, EINVAL);
	BAD(range, AGX_PAGE / 2, EINVAL);
	BAD(range, 3 * AGX_PAGE, EINVAL);
	BAD(offset, 4096, EINVAL);
	BAD(offset, 2 * AGX_PAGE, EINVAL);
	BAD(offset, ~0ULL & ~(AGX_PAGE - 1), EINVAL);	/* offset + range wraps */
	BAD(handle, 0, ENOENT);
	BAD(handle, 0x7fff, ENOENT);
	BAD(handle, priv, EINVAL);
#undef BAD
	b = good;
	b.handle = bo;
	b.offset = AGX_PAGE;
	KTAP_EXPECT_OK(bind_object_raw(fd, &b));	/* the last page is fine */
	KTAP_EXPECT(b.object_handle == 1);		/* the failures took no handle */
}

/* UNBIND's malformed arguments: fields of BIND must be zero, the handle must exist */
static void ts_unbind_bad(void)
{
	struct drm_asahi_gem_bind_object b;
	struct tsbuf t;
	int fd = agx_open();

	tsbuf_init(fd, &t);
#define BAD(field, value, err) do {					\
		memset(&b, 0, sizeof(b));				\
		b.op = DRM_ASAHI_BIND_OBJECT_OP_UNBIND;			\
		b.object_handle = t.object;				\
		b.field = value;					\
		KTAP_EXPECT_ERR(bind_object_raw(fd, &b), err);		\
	} while (0)
	BAD(flags, DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, EINVAL);
	BAD(handle, t.bo, EINVAL);
	BAD(offset, AGX_PAGE, EINVAL);
	BAD(range, AGX_PAGE, EINVAL);
	BAD(vm_id, 1, EINVAL);
	BAD(pad, 1, EINVAL);
	BAD(object_handle, 0, ENOENT);
	BAD(object_handle, t.object + 1, ENOENT);
#undef BAD
	KTAP_EXPECT_OK(unbind_object(fd, t.object));	/* still bound after all that */
}

/* a compute job's start and end timestamps, read back through the CPU mapping */
static void ts_compute(void)
{
	struct simq_op op = { .op = SIMQ_DELAY_US, .arg = 2000 };
	const __u32 order[] = { 0, 1 };
	__u64 before, after;
	struct tsbuf t;
	struct sub s;
	__u32 h;

	sub_init(&s);
	tsbuf_init(s.fd, &t);
	h = syncobj(&s);
	before = gpu_time(s.fd);
	compute_ts(&s, simq(&s, 0, &op, 1), t.object, 0, 1);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_ASSERT_OK(wait_point(&s, h, 0));
	after = gpu_time(s.fd);
	expect_ordered(&t, order, 2, before, after);
	KTAP_EXPECT(t.slots[1] - t.slots[0] >= 2000 * 1000ULL *
		    agx_params(s.fd)->command_timestamp_frequency_hz / 1000000000ULL);
	KTAP_EXPECT(t.slots[2] == TS_SENTINEL);	/* nothing else written */
	KTAP_EXPECT(*(__u64 *)t.map == TS_SENTINEL);	/* nor outside the object */
}

/* a render job: vertex start/end, then fragment start/end, in order */
static void ts_render(void)
{
	struct drm_asahi_cmd_render r = {
		.width_px = 64, .height_px = 64, .layers = 1, .samples = 1,
		.utile_width_px = 16, .utile_height_px = 16, .sample_size_B = 8,
		.ppp_ctrl = 0x202,
	};
	const __u32 order[] = { 10, 11, 12, 13 };
	__u64 before, after;
	struct tsbuf t;
	struct sub s;
	__u32 h;

	sub_init(&s);
	tsbuf_init(s.fd, &t);
	h = syncobj(&s);
	r.ts_vtx.start = ts_at(t.object, 10);
	r.ts_vtx.end = ts_at(t.object, 11);
	r.ts_frag.start = ts_at(t.object, 12);
	r.ts_frag.end = ts_at(t.object, 13);
	before = gpu_time(s.fd);
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_ASSERT_OK(wait_point(&s, h, 0));
	after = gpu_time(s.fd);
	expect_ordered(&t, order, 4, before, after);
	KTAP_EXPECT(t.slots[9] == TS_SENTINEL && t.slots[14] == TS_SENTINEL);
}

/* Gallium's end timestamp only (ts.start none), and several jobs of one submit */
static void ts_many_jobs(void)
{
	const __u32 order[] = { 1, 3, 5, 7 };
	__u64 before, after;
	struct tsbuf t;
	struct sub s;
	__u32 h, i;

	sub_init(&s);
	tsbuf_init(s.fd, &t);
	h = syncobj(&s);
	before = gpu_time(s.fd);
	for (i = 0; i < 4; i++)
		compute_ts(&s, 0, t.object, 2 * i + 1, 2 * i + 1);
	for (i = 0; i < 4; i++) {	/* start: handle 0, none */
		struct drm_asahi_cmd_compute *c = (void *)(s.buf + i * (8 + sizeof(*c)) + 8);

		c->ts.start.handle = 0;
		c->ts.start.offset = 0;
	}
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_ASSERT_OK(wait_point(&s, h, 0));
	after = gpu_time(s.fd);
	expect_ordered(&t, order, 4, before, after);
	for (i = 0; i < 4; i++)
		KTAP_EXPECT(t.slots[2 * i] == TS_SENTINEL);
}

/* one compute command with one timestamp (the end one if end), submitted */
static int ts_submit_one(struct sub *s, bool end, __u32 handle, __u32 offset)
{
	struct drm_asahi_cmd_compute c = { 0 };
	struct drm_asahi_timestamp *t = end ? &c.ts.end : &c.ts.start;

	t->handle = handle;
	t->offset = offset;
	cmd(s, DRM_ASAHI_CMD_COMPUTE, 0, 0, &c, sizeof(c));
	return submit(s);
}

/* timestamps SUBMIT refuses: bad object handle, offset, alignment, handle 0 with offset */
static void ts_submit_bad(void)
{
	struct drm_asahi_cmd_render r = { .width_px = 64, .height_px = 64, .layers = 1,
					  .samples = 1, .utile_width_px = 32,
					  .utile_height_px = 32 };
	struct tsbuf t;
	struct sub s;

	sub_init(&s);
	tsbuf_init(s.fd, &t);
	KTAP_EXPECT_ERR(ts_submit_one(&s, false, t.object + 1, 0), ENOENT);
	KTAP_EXPECT_ERR(ts_submit_one(&s, true, t.bo + 100, 0), ENOENT);
	KTAP_EXPECT_ERR(ts_submit_one(&s, false, t.object, 4), EINVAL);
	KTAP_EXPECT_ERR(ts_submit_one(&s, true, t.object, AGX_PAGE - 4), EINVAL);
	KTAP_EXPECT_ERR(ts_submit_one(&s, true, t.object, AGX_PAGE), EINVAL);
	KTAP_EXPECT_ERR(ts_submit_one(&s, true, t.object, 0xfffffff8), EINVAL);
	KTAP_EXPECT_ERR(ts_submit_one(&s, false, 0, 8), EINVAL);
	KTAP_EXPECT_OK(ts_submit_one(&s, true, t.object, AGX_PAGE - 8));	/* the last slot */
	r.ts_frag.end = ts_at(t.object + 1, 0);
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_ERR(submit(&s), ENOENT);
	r.ts_frag.end = ts_at(0, 0);
	r.ts_vtx.start.handle = t.object;
	r.ts_vtx.start.offset = 12;
	cmd(&s, DRM_ASAHI_CMD_RENDER, 0, 0, &r, sizeof(r));
	KTAP_EXPECT_ERR(submit(&s), EINVAL);
	/* the second command is bad: the first is not submitted either */
	compute_ts(&s, 0, t.object, 0, 1);
	compute_ts(&s, 0, t.object + 1, 2, 3);
	KTAP_EXPECT_ERR(submit(&s), ENOENT);
	KTAP_ASSERT_OK(unbind_object(s.fd, t.object));
	compute_ts(&s, 0, t.object, 0, 1);
	KTAP_EXPECT_ERR(submit(&s), ENOENT);	/* unbound: gone from the file */
	usleep(100000);
	KTAP_EXPECT(t.slots[0] == TS_SENTINEL && t.slots[1] == TS_SENTINEL);
}

/* wait until the firmware wrote slot (the job started), at most 10 s */
static bool wait_slot(const struct tsbuf *t, __u32 slot)
{
	int i;

	for (i = 0; i < 10000; i++) {
		if (__atomic_load_n(&t->slots[slot], __ATOMIC_ACQUIRE) != TS_SENTINEL)
			return true;
		usleep(1000);
	}
	return false;
}

/*
 * UNBIND and GEM_CLOSE of the buffer while a slow job that writes its end timestamp there
 * is in flight: both return at once, the mapping stays until the job signals, so the end
 * timestamp lands (a freed mapping would leave the sentinel). Then the object's range is
 * reusable: a new object gets timestamps too.
 */
static void ts_unbind_in_flight(void)
{
	struct simq_op op = { .op = SIMQ_DELAY_US, .arg = 200000 };
	const __u32 order[] = { 0, 1 };
	__u64 before, after;
	struct tsbuf t, u;
	struct sub s;
	__u32 h;

	sub_init(&s);
	tsbuf_init(s.fd, &t);
	h = syncobj(&s);
	before = gpu_time(s.fd);
	compute_ts(&s, simq(&s, 0, &op, 1), t.object, 0, 1);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_EXPECT_OK(unbind_object(s.fd, t.object));
	KTAP_EXPECT_OK(agx_gem_close(s.fd, t.bo));
	KTAP_EXPECT(t.slots[1] == TS_SENTINEL);	/* 200 ms: not done yet */
	KTAP_ASSERT_OK(wait_point(&s, h, 0));
	after = gpu_time(s.fd);
	expect_ordered(&t, order, 2, before, after);
	tsbuf_init(s.fd, &u);
	compute_ts(&s, 0, u.object, 4, 5);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_ASSERT_OK(wait_point(&s, h, 0));
	KTAP_EXPECT(u.slots[4] != TS_SENTINEL && u.slots[5] >= u.slots[4]);
}

/*
 * The file closed with a bound object and a running job that writes timestamps into it:
 * its fence (exported as a sync file first) signals and the end timestamp still lands in
 * the BO. The BO is read through a dma-buf mapping: a mapping of the DRM file would keep
 * the file open past close().
 */
static void ts_close_in_flight(void)
{
	struct simq_op op = { .op = SIMQ_DELAY_US, .arg = 200000 };
	struct pollfd pfd = { .events = POLLIN };
	struct tsbuf t;
	struct sub s;
	int dmabuf;
	__u32 h;

	sub_init(&s);
	tsbuf_init(s.fd, &t);
	h = syncobj(&s);
	KTAP_ASSERT(drmPrimeHandleToFD(s.fd, t.bo, DRM_CLOEXEC | DRM_RDWR, &dmabuf) == 0);
	KTAP_ASSERT(munmap(t.map, 2 * AGX_PAGE) == 0);
	t.map = mmap(NULL, 2 * AGX_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, dmabuf, 0);
	KTAP_ASSERT(t.map != MAP_FAILED);
	t.slots = (__u64 *)(t.map + AGX_PAGE);
	close(dmabuf);				/* the mapping keeps the dma-buf */
	compute_ts(&s, simq(&s, 0, &op, 1), t.object, 0, 1);
	add_sync(&s, false, DRM_ASAHI_SYNC_SYNCOBJ, h, 0);
	KTAP_ASSERT_OK(submit(&s));
	KTAP_ASSERT(drmSyncobjExportSyncFile(s.fd, h, &pfd.fd) == 0);
	KTAP_ASSERT(munmap(s.map, 4 * AGX_PAGE) == 0);	/* nothing else holds the file */
	KTAP_ASSERT(wait_slot(&t, 0));		/* running: the firmware has it */
	KTAP_EXPECT(t.slots[1] == TS_SENTINEL);
	close(s.fd);
	KTAP_ASSERT(poll(&pfd, 1, 10000) == 1);
	close(pfd.fd);
	KTAP_EXPECT(t.slots[1] != TS_SENTINEL && t.slots[1] >= t.slots[0]);
}

/* binds and unbinds many times over: each UNBIND gives its range back */
static void ts_bind_many(void)
{
	struct drm_asahi_gem_bind_object b = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = 64 * AGX_PAGE,
	};
	int fd = agx_open(), i;

	agx_require("GEM_BIND_OBJECT");
	b.handle = agx_bo_create(fd, 64 * AGX_PAGE, 0, 0);
	/* 64 MiB of range: 64 objects of 1 MiB fill it; 200 rounds need the unbinds */
	for (i = 0; i < 200; i++) {
		b.object_handle = 0;
		KTAP_ASSERT_OK(bind_object_raw(fd, &b));
		KTAP_ASSERT_OK(unbind_object(fd, b.object_handle));
	}
}

static const struct ktap_case ts_cases[] = {
	KTAP_CASE(ts_bind_unbind),
	KTAP_CASE(ts_bind_bad),
	KTAP_CASE(ts_unbind_bad),
	KTAP_CASE(ts_compute),
	KTAP_CASE(ts_render),
	KTAP_CASE(ts_many_jobs),
	KTAP_CASE(ts_submit_bad),
	KTAP_CASE(ts_unbind_in_flight),
	KTAP_CASE(ts_close_in_flight),
	KTAP_CASE(ts_bind_many),
};

const struct ktap_suite suite_ts = {
	.name = "asahi_uapi_timestamps", .cases = ts_cases, .count = ARRAY_SIZE(ts_cases),
};

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
	KTAP_CASE(submit_bad_geometry),
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
