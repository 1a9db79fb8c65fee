// SPDX-License-Identifier: GPL-2.0
/*
 * agx-client: what Mesa's asahi driver does with agx.ko's render node, step by step
 * (../shared/reference/asahi-uapi.md §5): agx_open_device() (drmGetVersion, GET_PARAMS, the
 * VA layout, VM_CREATE, the zero, scratch and printf BOs), agx_bo_alloc() and agx_bo_bind()
 * (GEM_CREATE, VM_BIND), agx_bo_mmap() (GEM_MMAP_OFFSET, mmap), GET_TIME, a context's queue
 * and timestamp object (QUEUE_CREATE, GEM_BIND_OBJECT), a Gallium batch (compute, then a
 * render pass with its attachment) and hk's queue timeline (a submit waiting on the batch's
 * syncobj, signalling a timeline point the CPU waits for), and the teardown. Each step is a
 * KTAP case of the suite agx_client; a step whose ioctl agx.ko does not have yet is
 * skipped, and so is every step after a failed one.
 *
 *   agx-client [-k]      -k: the KTAP goes to /dev/kmsg (the guest's "prog" step)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "ktap.h"
#include "uapi.h"

#if AGX_HAVE_UAPI
/* Mesa's fixed VA layout: the bottom 2^36 bytes reserved, a 4 GiB USC (shader) heap */
#define RESERVED_VA (64ULL << 30)
#define USC_HEAP (4ULL << 30)
#define KERNEL_VA_MIN (32ULL << 30)
#define PRINTF_SIZE (AGX_PAGE * 4)
#define USER_BO_SIZE (AGX_PAGE * 4)
#define RW (DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)

struct client {
	int fd;
	struct drm_asahi_params_global params;
	__u64 shader_base, user_base, user_next, user_end, kernel_start, kernel_end;
	__u64 zero_va, scratch_va, printf_va, user_va;
	__u32 vm_id, zero_bo, scratch_bo, printf_bo, user_bo, ts_bo, ts_object, queue_id;
	__u32 batch_syncobj;
	unsigned char *user_map;
};

static __u64 align_up(__u64 v, __u64 a)
{
	return (v + a - 1) & ~(a - 1);
}

/* agx_open_device(), 1: the driver is "asahi" */
static int step_open(struct client *c)
{
	drmVersionPtr v;
	int ok;

	c->fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
	if (c->fd < 0)
		return -errno;
	v = drmGetVersion(c->fd);
	if (!v)
		return -errno;
	ktap_print("    # %s %d.%d.%d: %s", v->name, v->version_major, v->version_minor,
		   v->version_patchlevel, v->desc);
	ok = !strcmp(v->name, "asahi");
	drmFreeVersion(v);
	return ok ? 0 : -ENODEV;
}

/* 2: GET_PARAMS into a zeroed block; the marketing name and the core count */
static int step_params(struct client *c)
{
	static const char *const variants[] = { ['G'] = "", ['S'] = " Pro", ['C'] = " Max",
						['D'] = " Ultra" };
	struct drm_asahi_get_params gp = {
		.pointer = (__u64)(unsigned long)&c->params, .size = sizeof(c->params),
	};
	const char *variant = "";
	unsigned int i, cores = 0;
	int r;

	memset(&c->params, 0, sizeof(c->params));
	r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GET_PARAMS, &gp);
	if (r)
		return r;
	for (i = 0; i < c->params.num_clusters_total && i < DRM_ASAHI_MAX_CLUSTERS; i++)
		cores += __builtin_popcountll(c->params.core_masks[i]);
	if (c->params.gpu_variant < ARRAY_SIZE(variants) &&
	    variants[c->params.gpu_variant])
		variant = variants[c->params.gpu_variant];
	ktap_print("    # Apple M%d%s (G%u%c rev %#x), %u GPU cores, %u kHz, timestamps at %llu Hz",
		   (int)c->params.gpu_generation - 12, variant, c->params.gpu_generation,
		   c->params.gpu_variant, c->params.gpu_revision, cores,
		   c->params.max_frequency_khz,
		   (unsigned long long)c->params.command_timestamp_frequency_hz);
	return c->params.gpu_generation >= 13 && cores ? 0 : -EINVAL;
}

/* 3: the VA layout of agx_open_device(), then VM_CREATE with the kernel's window */
static int step_vm(struct client *c)
{
	const struct drm_asahi_params_global *p = &c->params;
	struct drm_asahi_vm_create vc = { 0 };
	__u64 ksize = p->vm_kernel_min_size > KERNEL_VA_MIN ? p->vm_kernel_min_size :
							     KERNEL_VA_MIN;
	__u64 reserved = RESERVED_VA + PRINTF_SIZE;
	int r;

	c->shader_base = align_up(p->vm_start > reserved ? p->vm_start : reserved, USC_HEAP);
	c->user_base = c->shader_base + USC_HEAP;
	c->kernel_end = p->vm_end;
	c->kernel_start = p->vm_end - ksize;
	c->user_end = c->kernel_start;
	c->user_next = c->user_base;
	ktap_print("    # VA: shader heap %#llx, user heap [%#llx, %#llx), kernel [%#llx, %#llx]",
		   (unsigned long long)c->shader_base, (unsigned long long)c->user_base,
		   (unsigned long long)c->user_end, (unsigned long long)c->kernel_start,
		   (unsigned long long)c->kernel_end);
	if (c->user_base >= c->user_end || c->kernel_start < p->vm_start)
		return -ENOSPC;
	vc.kernel_start = c->kernel_start;
	vc.kernel_end = c->kernel_end;
	r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_VM_CREATE, &vc);
	c->vm_id = vc.vm_id;
	return r;
}

static int bo_create(struct client *c, __u64 size, __u32 flags, __u32 *handle)
{
	struct drm_asahi_gem_create gc = { .size = size, .flags = flags };
	int r;

	if (flags & DRM_ASAHI_GEM_VM_PRIVATE)
		gc.vm_id = c->vm_id;
	r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GEM_CREATE, &gc);
	*handle = gc.handle;
	return r;
}

/* agx_bo_bind(): one op, stride 32, the whole BO */
static int bo_bind(struct client *c, __u32 handle, __u64 size, __u64 va, __u32 flags)
{
	return agx_bind(c->fd, c->vm_id, flags, handle, 0, size, va);
}

/*
 * 4: the three fixed BOs of agx_open_device(): a zero page bound read-only, a scratch page
 * read-write, a WRITEBACK printf buffer; at fixed addresses in the reserved bottom of the
 * space (here: its last pages, then the printf buffer at 2^36)
 */
static int step_fixed_bos(struct client *c)
{
	int r;

	c->printf_va = RESERVED_VA;
	c->scratch_va = RESERVED_VA - AGX_PAGE;
	c->zero_va = RESERVED_VA - 2 * AGX_PAGE;
	if (c->zero_va < c->params.vm_start)
		return -ENOSPC;
	r = bo_create(c, AGX_PAGE, 0, &c->zero_bo);
	r = r ?: bo_bind(c, c->zero_bo, AGX_PAGE, c->zero_va, DRM_ASAHI_BIND_READ);
	r = r ?: bo_create(c, AGX_PAGE, 0, &c->scratch_bo);
	r = r ?: bo_bind(c, c->scratch_bo, AGX_PAGE, c->scratch_va, RW);
	r = r ?: bo_create(c, PRINTF_SIZE, DRM_ASAHI_GEM_WRITEBACK, &c->printf_bo);
	r = r ?: bo_bind(c, c->printf_bo, PRINTF_SIZE, c->printf_va, RW);
	return r;
}

/* 5: agx_bo_alloc() of a VM-private BO, a VA from the user heap with a guard page, bind */
static int step_user_bo(struct client *c)
{
	int r = bo_create(c, USER_BO_SIZE, DRM_ASAHI_GEM_VM_PRIVATE, &c->user_bo);

	if (r)
		return r;
	c->user_va = c->user_next;
	c->user_next += USER_BO_SIZE + AGX_PAGE;
	return bo_bind(c, c->user_bo, USER_BO_SIZE, c->user_va, RW);
}

/* 6: agx_bo_mmap(): GEM_MMAP_OFFSET, mmap shared read-write; the CPU writes and reads */
static int step_mmap(struct client *c)
{
	struct drm_asahi_gem_mmap_offset mo = { .handle = c->user_bo };
	size_t i;
	int r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo);

	if (r)
		return r;
	c->user_map = mmap(NULL, USER_BO_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd,
			   mo.offset);
	if (c->user_map == MAP_FAILED) {
		c->user_map = NULL;
		return -errno;
	}
	for (i = 0; i < USER_BO_SIZE; i++)
		if (c->user_map[i])
			return -EIO;		/* a new BO reads as zeroes */
	for (i = 0; i < USER_BO_SIZE; i++)
		c->user_map[i] = i * 7;
	for (i = 0; i < USER_BO_SIZE; i++)
		if (c->user_map[i] != (unsigned char)(i * 7))
			return -EIO;
	return 0;
}

/* 7: agx_get_gpu_timestamp() */
static int step_time(struct client *c)
{
	struct drm_asahi_get_time gt = { 0 };
	int r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GET_TIME, &gt);

	if (!r)
		ktap_print("    # GPU time %llu ns", (unsigned long long)gt.gpu_timestamp);
	return r;
}

/* 8: a Gallium context's queue on the VM (agx_create_command_queue()) */
static int step_queue(struct client *c)
{
	struct drm_asahi_queue_create qc = {
		.vm_id = c->vm_id, .priority = DRM_ASAHI_PRIORITY_MEDIUM,
		.usc_exec_base = c->shader_base,
	};
	int r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc);

	c->queue_id = qc.queue_id;
	return r;
}

/* 9: its shared WRITEBACK timestamp buffer, registered as a firmware object */
static int step_timestamps(struct client *c)
{
	struct drm_asahi_gem_bind_object bo = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .range = AGX_PAGE,
	};
	int r = bo_create(c, AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, &c->ts_bo);

	if (r)
		return r;
	bo.handle = c->ts_bo;
	r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &bo);
	c->ts_object = bo.object_handle;
	if (r)
		return r;
	/* agx_bo_unbind_object(): only the object handle, the fields of BIND zero */
	bo = (struct drm_asahi_gem_bind_object){
		.op = DRM_ASAHI_BIND_OBJECT_OP_UNBIND, .object_handle = c->ts_object,
	};
	r = agx_ioctl(c->fd, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &bo);
	return r ?: agx_gem_close(c->fd, c->ts_bo);
}

/* a command header and its payload into buf at *len */
static void put_cmd(unsigned char *buf, __u32 *len, __u16 type, __u16 vdm, __u16 cdm,
		    const void *payload, __u16 size)
{
	struct drm_asahi_cmd_header h = {
		.cmd_type = type, .size = size, .vdm_barrier = vdm, .cdm_barrier = cdm,
	};

	memcpy(buf + *len, &h, sizeof(h));
	memcpy(buf + *len + sizeof(h), payload, size);
	*len += sizeof(h) + size;
}

static int submit(struct client *c, const void *buf, __u32 len, struct drm_asahi_sync *syncs,
		  __u32 nin, __u32 nout)
{
	struct drm_asahi_submit sb = {
		.syncs = (__u64)(unsigned long)syncs, .cmdbuf = (__u64)(unsigned long)buf,
		.queue_id = c->queue_id, .in_sync_count = nin, .out_sync_count = nout,
		.cmdbuf_size = len,
	};

	return agx_ioctl(c->fd, DRM_IOCTL_ASAHI_SUBMIT, &sb);
}

/*
 * 10: Gallium's batch: a compute command (vdm 0, cdm 0: after all earlier work), then the
 * render pass, its fragment attachment (the user BO) and a render command waiting only on
 * that compute (vdm NONE, cdm 1); signals the batch's binary syncobj
 */
static int step_submit_batch(struct client *c)
{
	struct drm_asahi_cmd_compute cc = { 0 };
	struct drm_asahi_cmd_render rc = {
		.width_px = 64, .height_px = 64, .layers = 1, .samples = 1,
		.utile_width_px = 16, .utile_height_px = 16, .sample_size_B = 8,
		.ppp_ctrl = 0x202,
	};
	struct drm_asahi_attachment att = { .pointer = c->user_va, .size = USER_BO_SIZE };
	struct drm_asahi_sync out = { .sync_type = DRM_ASAHI_SYNC_SYNCOBJ };
	unsigned char buf[512];
	__u32 len = 0;

	if (drmSyncobjCreate(c->fd, 0, &c->batch_syncobj))
		return -errno;
	out.handle = c->batch_syncobj;
	put_cmd(buf, &len, DRM_ASAHI_CMD_COMPUTE, 0, 0, &cc, sizeof(cc));
	put_cmd(buf, &len, DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS, DRM_ASAHI_BARRIER_NONE,
		DRM_ASAHI_BARRIER_NONE, &att, sizeof(att));
	put_cmd(buf, &len, DRM_ASAHI_CMD_RENDER, DRM_ASAHI_BARRIER_NONE, 1, &rc, sizeof(rc));
	return submit(c, buf, len, &out, 0, 1);
}

/*
 * 11: hk's queue timeline: a compute command waiting on the batch syncobj and signalling
 * the queue's timeline syncobj at 1; the CPU waits for that point (5 s at most)
 */
static int step_submit_wait(struct client *c)
{
	struct drm_asahi_cmd_compute cc = { 0 };
	struct drm_asahi_sync syncs[2] = {
		{ .sync_type = DRM_ASAHI_SYNC_SYNCOBJ, .handle = c->batch_syncobj },
		{ .sync_type = DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, .timeline_value = 1 },
	};
	unsigned char buf[128];
	uint64_t point = 1;
	struct timespec ts;
	__u32 len = 0;
	int r;

	if (drmSyncobjCreate(c->fd, 0, &syncs[1].handle))
		return -errno;
	put_cmd(buf, &len, DRM_ASAHI_CMD_COMPUTE, 0, 0, &cc, sizeof(cc));
	r = submit(c, buf, len, syncs, 1, 1);
	if (r)
		return r;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (drmSyncobjTimelineWait(c->fd, &syncs[1].handle, &point, 1,
				   ts.tv_sec * 1000000000LL + ts.tv_nsec + 5000000000LL,
				   DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT, NULL))
		return -errno;
	drmSyncobjDestroy(c->fd, syncs[1].handle);
	return drmSyncobjDestroy(c->fd, c->batch_syncobj) ? -errno : 0;
}

static int step_queue_destroy(struct client *c)
{
	struct drm_asahi_queue_destroy qd = { .queue_id = c->queue_id };

	return agx_ioctl(c->fd, DRM_IOCTL_ASAHI_QUEUE_DESTROY, &qd);
}

/*
 * 13: agx_bo_free(): munmap, GEM_CLOSE without unbinding (the kernel unbinds); the scratch
 * page the agx_va_free(unbind=true) way, one UNBIND op with handle 0; then VM_DESTROY
 */
static int step_teardown(struct client *c)
{
	int r = 0;

	if (c->user_map)
		munmap(c->user_map, USER_BO_SIZE);
	r = r ?: agx_bind(c->fd, c->vm_id, DRM_ASAHI_BIND_UNBIND, 0, 0, AGX_PAGE,
			  c->scratch_va);
	r = r ?: agx_gem_close(c->fd, c->scratch_bo);
	r = r ?: agx_gem_close(c->fd, c->user_bo);
	r = r ?: agx_gem_close(c->fd, c->zero_bo);
	r = r ?: agx_gem_close(c->fd, c->printf_bo);
	r = r ?: agx_vm_destroy(c->fd, c->vm_id);
	if (!r && close(c->fd))
		r = -errno;
	return r;
}

struct step {
	const char *name;
	const char *ioctl;	/* the ioctl the step needs in agx.ko's table, or NULL */
	int (*run)(struct client *c);
};

static const struct step steps[] = {
	{ "open_render_node", NULL, step_open },
	{ "get_params", "GET_PARAMS", step_params },
	{ "vm_create", "VM_CREATE", step_vm },
	{ "fixed_bos", "VM_BIND", step_fixed_bos },
	{ "user_bo", "VM_BIND", step_user_bo },
	{ "mmap", "GEM_MMAP_OFFSET", step_mmap },
	{ "get_time", "GET_TIME", step_time },
	{ "queue_create", "QUEUE_CREATE", step_queue },
	{ "timestamp_object", "GEM_BIND_OBJECT", step_timestamps },
	{ "submit_batch", "SUBMIT", step_submit_batch },
	{ "submit_wait", "SUBMIT", step_submit_wait },
	{ "queue_destroy", "QUEUE_DESTROY", step_queue_destroy },
	{ "teardown", "VM_DESTROY", step_teardown },
};

#define NSTEPS ARRAY_SIZE(steps)

/* the queue's steps can be missing alone: the others never depend on them */
static bool optional(const struct step *s)
{
	return s->run == step_queue || s->run == step_timestamps ||
	       s->run == step_submit_batch || s->run == step_submit_wait ||
	       s->run == step_queue_destroy;
}

/* the steps that need the queue of step_queue */
static bool needs_queue(const struct step *s)
{
	return s->run == step_submit_batch || s->run == step_submit_wait ||
	       s->run == step_queue_destroy;
}

/* the reason to skip step s, or NULL to run it */
static const char *skip_reason(const struct step *s, const char *skip, bool queue_ok)
{
	if (skip)
		return skip;
	if (s->ioctl && !agx_has_ioctl(s->ioctl))
		return "agx.ko does not implement its ioctl yet";
	if (needs_queue(s) && !queue_ok)
		return "no queue";
	return NULL;
}

/* the steps as KTAP cases; 0 if none failed */
static int run(void)
{
	struct client c = { .fd = -1 };
	const char *skip = NULL, *why;
	bool queue_ok = false;
	int r, failed = 0;
	size_t i;

	for (i = 0; i < NSTEPS; i++) {
		const struct step *s = &steps[i];

		why = skip_reason(s, skip, queue_ok);
		if (why) {
			ktap_print("    ok %zu %s # SKIP %s", i + 1, s->name, why);
			if (!optional(s))
				skip = "an earlier step was skipped";
			continue;
		}
		r = s->run(&c);
		queue_ok |= s->run == step_queue && !r;
		/* a tree whose agx.ko has no ioctls at all has no render node either */
		if (r == -ENOENT && s->run == step_open && !agx_has_ioctl("GET_PARAMS")) {
			ktap_print("    ok %zu %s # SKIP no %s: agx.ko has no DRM device", i + 1,
				   s->name, AGX_RENDER_NODE);
			skip = "no render node";
			continue;
		}
		if (r)
			ktap_print("    # %s: %s", s->name, ktap_errname(r));
		ktap_print("    %s %zu %s", r ? "not ok" : "ok", i + 1, s->name);
		if (r && !optional(s))
			skip = "an earlier step failed";
		failed |= !!r;
	}
	return failed;
}
#endif

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "k")) != -1) {
		if (c != 'k')
			return 2;
		ktap_use_kmsg();
	}
	ktap_print("KTAP version 1");
	ktap_print("1..1");
#if AGX_HAVE_UAPI
	ktap_print("    KTAP version 1");
	ktap_print("    # Subtest: agx_client");
	ktap_print("    1..%zu", NSTEPS);
	c = run();
	ktap_print("%s 1 agx_client", c ? "not ok" : "ok");
	return c;
#else
	ktap_print("ok 1 agx_client # SKIP no include/uapi/drm/asahi_drm.h in this tree");
#endif
	return 0;
}
