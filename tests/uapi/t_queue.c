// SPDX-License-Identifier: GPL-2.0
/*
 * QUEUE_CREATE/DESTROY, GEM_BIND_OBJECT and SUBMIT (§3.7-3.11 of the uAPI facts): the
 * queue's VM, priority and flags, timestamp objects, and submits the kernel must refuse
 * before anything reaches the firmware.
 */
#include <string.h>
#include <xf86drm.h>

#include "cases.h"

static int queue_create(int fd, __u32 vm, __u32 prio, __u32 flags, __u32 *id)
{
	struct drm_asahi_queue_create qc = {
		.flags = flags, .vm_id = vm, .priority = prio, .usc_exec_base = 1ULL << 36,
	};
	int r;

	agx_require("QUEUE_CREATE");
	r = agx_ioctl(fd, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc);
	if (id)
		*id = qc.queue_id;
	return r;
}

static int queue_destroy(int fd, __u32 id, __u32 pad)
{
	struct drm_asahi_queue_destroy qd = { .queue_id = id, .pad = pad };

	agx_require("QUEUE_DESTROY");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_QUEUE_DESTROY, &qd);
}

static void queue_create_destroy(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd), q;

	KTAP_ASSERT_OK(queue_create(fd, vm, DRM_ASAHI_PRIORITY_MEDIUM, 0, &q));
	KTAP_EXPECT_OK(queue_destroy(fd, q, 0));
	KTAP_EXPECT_ERR(queue_destroy(fd, q, 0), ENOENT);
}

/* a queue keeps working state of its VM: destroying the VM first is allowed */
static void queue_outlives_vm(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd), q;

	KTAP_ASSERT_OK(queue_create(fd, vm, DRM_ASAHI_PRIORITY_LOW, 0, &q));
	KTAP_EXPECT_OK(agx_vm_destroy(fd, vm));
	KTAP_EXPECT_OK(queue_destroy(fd, q, 0));
}

static void queue_bad_vm(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(queue_create(fd, 0x7fffffff, DRM_ASAHI_PRIORITY_LOW, 0, NULL), ENOENT);
}

static void queue_flags_nonzero(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd);

	KTAP_EXPECT_ERR(queue_create(fd, vm, DRM_ASAHI_PRIORITY_LOW, 1, NULL), EINVAL);
}

/* a priority past REALTIME is not one */
static void queue_bad_priority(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd);

	KTAP_EXPECT_ERR(queue_create(fd, vm, DRM_ASAHI_PRIORITY_REALTIME + 1, 0, NULL), EINVAL);
}

/* HIGH and REALTIME are reserved: refused until there is a permission check */
static void queue_priority_reserved(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd);

	KTAP_EXPECT_ERR(queue_create(fd, vm, DRM_ASAHI_PRIORITY_HIGH, 0, NULL), EINVAL);
	KTAP_EXPECT_ERR(queue_create(fd, vm, DRM_ASAHI_PRIORITY_REALTIME, 0, NULL), EINVAL);
}

static void queue_destroy_pad(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd), q;

	KTAP_ASSERT_OK(queue_create(fd, vm, DRM_ASAHI_PRIORITY_LOW, 0, &q));
	KTAP_EXPECT_ERR(queue_destroy(fd, q, 1), EINVAL);
	KTAP_EXPECT_OK(queue_destroy(fd, q, 0));
}

static int bind_object(int fd, struct drm_asahi_gem_bind_object *bo)
{
	agx_require("GEM_BIND_OBJECT");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, bo);
}

/* a timestamp buffer, as Gallium registers one per context */
static void bind_object_timestamps(void)
{
	struct drm_asahi_gem_bind_object bo = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = AGX_PAGE,
	};
	int fd = agx_open();

	bo.handle = agx_bo_create(fd, AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, 0);
	KTAP_ASSERT_OK(bind_object(fd, &bo));
	KTAP_EXPECT(bo.object_handle != 0);
	/* as Mesa unbinds (agx_bo_unbind_object): the fields of BIND are zero */
	bo = (struct drm_asahi_gem_bind_object){
		.op = DRM_ASAHI_BIND_OBJECT_OP_UNBIND, .object_handle = bo.object_handle,
	};
	KTAP_EXPECT_OK(bind_object(fd, &bo));
	KTAP_EXPECT_ERR(bind_object(fd, &bo), ENOENT);
}

static void bind_object_malformed(void)
{
	struct drm_asahi_gem_bind_object bo = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = AGX_PAGE,
	};
	struct drm_asahi_gem_bind_object t;
	int fd = agx_open();

	bo.handle = agx_bo_create(fd, AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, 0);
	t = bo;
	t.op = 2;
	KTAP_EXPECT_ERR(bind_object(fd, &t), EINVAL);
	t = bo;
	t.flags = 1u << 5;
	KTAP_EXPECT_ERR(bind_object(fd, &t), EINVAL);
	t = bo;
	t.pad = 1;
	KTAP_EXPECT_ERR(bind_object(fd, &t), EINVAL);
	t = bo;
	t.vm_id = 1;
	KTAP_EXPECT_ERR(bind_object(fd, &t), EINVAL);
	t = bo;
	t.range = 2 * AGX_PAGE;
	KTAP_EXPECT_ERR(bind_object(fd, &t), EINVAL);
	t = bo;
	t.handle = 0x7fff;
	KTAP_EXPECT_ERR(bind_object(fd, &t), ENOENT);
}

/* a queue and a submit whose fields the test changes */
struct submit_env {
	int fd;
	__u32 vm, queue;
	struct {
		struct drm_asahi_cmd_header hdr;
		struct drm_asahi_cmd_compute cmd;
	} buf;
	struct drm_asahi_submit s;
};

static void submit_env(struct submit_env *e)
{
	agx_require("SUBMIT");
	e->fd = agx_open();
	e->vm = agx_vm_create(e->fd);
	KTAP_ASSERT_OK(queue_create(e->fd, e->vm, DRM_ASAHI_PRIORITY_LOW, 0, &e->queue));
	memset(&e->buf, 0, sizeof(e->buf));
	e->buf.hdr.cmd_type = DRM_ASAHI_CMD_COMPUTE;
	e->buf.hdr.size = sizeof(e->buf.cmd);
	memset(&e->s, 0, sizeof(e->s));
	e->s.cmdbuf = (__u64)(unsigned long)&e->buf;
	e->s.cmdbuf_size = sizeof(e->buf);
	e->s.queue_id = e->queue;
}

static int submit(struct submit_env *e)
{
	return agx_ioctl(e->fd, DRM_IOCTL_ASAHI_SUBMIT, &e->s);
}

/* SUBMIT's own fields: flags, pad, queue, an empty or unreadable command buffer */
static void submit_malformed(void)
{
	struct submit_env e;

	submit_env(&e);
	e.s.flags = 1;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	e.s.flags = 0;
	e.s.pad = 1;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	e.s.pad = 0;
	e.s.queue_id = 0x7fffffff;
	KTAP_EXPECT_ERR(submit(&e), ENOENT);
	e.s.queue_id = e.queue;
	e.s.cmdbuf_size = 0;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	e.s.cmdbuf_size = sizeof(e.buf);
	e.s.cmdbuf = 16;
	KTAP_EXPECT_ERR(submit(&e), EFAULT);
}

/* command headers: a size past the buffer, an unknown type, barriers on attachments */
static void submit_bad_commands(void)
{
	struct submit_env e;

	submit_env(&e);
	e.buf.hdr.size = sizeof(e.buf.cmd) + 8;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	e.buf.hdr.size = sizeof(e.buf.cmd);
	e.buf.hdr.cmd_type = 99;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	e.buf.hdr.cmd_type = DRM_ASAHI_SET_COMPUTE_ATTACHMENTS;
	e.buf.hdr.size = 24;
	e.buf.hdr.vdm_barrier = 0;
	e.s.cmdbuf_size = sizeof(e.buf.hdr) + 24;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	/* attachments only: no hardware command at all */
	e.buf.hdr.vdm_barrier = DRM_ASAHI_BARRIER_NONE;
	e.buf.hdr.cdm_barrier = DRM_ASAHI_BARRIER_NONE;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
}

/* syncs: a bad syncobj handle, an unknown sync type, an unreadable array */
static void submit_bad_syncs(void)
{
	struct drm_asahi_sync sync = { .sync_type = DRM_ASAHI_SYNC_SYNCOBJ, .handle = 0x7fff };
	struct submit_env e;

	submit_env(&e);
	e.s.syncs = (__u64)(unsigned long)&sync;
	e.s.in_sync_count = 1;
	KTAP_EXPECT_ERR(submit(&e), ENOENT);
	KTAP_ASSERT(drmSyncobjCreate(e.fd, DRM_SYNCOBJ_CREATE_SIGNALED, &sync.handle) == 0);
	sync.sync_type = 7;
	KTAP_EXPECT_ERR(submit(&e), EINVAL);
	e.s.syncs = 16;
	KTAP_EXPECT_ERR(submit(&e), EFAULT);
}

static const struct ktap_case queue_cases[] = {
	KTAP_CASE(queue_create_destroy),
	KTAP_CASE(queue_outlives_vm),
	KTAP_CASE(queue_bad_vm),
	KTAP_CASE(queue_flags_nonzero),
	KTAP_CASE(queue_bad_priority),
	KTAP_CASE(queue_priority_reserved),
	KTAP_CASE(queue_destroy_pad),
	KTAP_CASE(bind_object_timestamps),
	KTAP_CASE(bind_object_malformed),
	KTAP_CASE(submit_malformed),
	KTAP_CASE(submit_bad_commands),
	KTAP_CASE(submit_bad_syncs),
};

const struct ktap_suite suite_queue = {
	.name = "asahi_uapi_queue", .cases = queue_cases, .count = ARRAY_SIZE(queue_cases),
};
