// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx_drm_test.ko: the Asahi uAPI of driver/drm, through the render node
 *
 * Each case creates its own simulated GPU (agx.ko binds it and registers its DRM device),
 * opens the GPU's render node from devtmpfs and calls the ioctls through the file, as a
 * program would: the arguments live in user memory of the test's own mm
 * (kunit_vm_mmap()), so DRM core's copy-in and copy-out, the size rules of the ioctl
 * encoding and the handlers' user copies all run. The cases: GET_PARAMS (full, short and
 * long sizes, bad group, pad, bad pointer), GET_TIME, VM_CREATE/VM_DESTROY (the kernel
 * range rule and every bad field), GEM_CREATE and GEM_MMAP_OFFSET (flags, sizes, VM
 * private objects, a CPU mapping written and read back), VM_BIND (map, unmap, splits,
 * single-page, strides, and each malformed op), the ioctls not implemented yet, teardown
 * with everything alive (file close, handle close, VM destroy with mappings) and unbind
 * with the file open (ioctls then fail with -ENODEV and the close is clean). The userspace
 * tests of the uAPI are Documentation/agx-uapi.rst's; these pin the kernel side.
 */

#include <linux/device.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <kunit/test.h>
#include <drm/drm.h>
#include <uapi/drm/asahi_drm.h>
#include <agx/fw/sim_link.h>
#include <agx/uat.h>

#include <agx/fw/workqueue.h>

#include "sim/agx_sim_fw.h"

#define T_USER_SIZE	SZ_64K
#define T_ARG		0		/* the ioctl argument */
#define T_BUF		SZ_4K		/* pointed-to buffers */
#define T_PGSZ		AGX_UAT_PGSZ
#define T_KSIZE		SZ_32G		/* Mesa's kernel range, at the top (asahi-uapi.md §5.1) */

struct t_drm {
	struct agx_sim *sim;
	struct file *f;
	char __user *u;
};

static int t_find_render(struct device *dev, void *data)
{
	if (strncmp(dev_name(dev), "renderD", 7))
		return 0;
	strscpy(data, dev_name(dev), 32);
	return 1;
}

static struct file *t_open(struct kunit *test, struct agx_sim *sim)
{
	char name[32] = "", path[48];
	struct file *f;

	device_for_each_child(agx_sim_device(sim), name, t_find_render);
	KUNIT_ASSERT_NE_MSG(test, name[0], 0, "no render node under the GPU device");
	snprintf(path, sizeof(path), "/dev/dri/%s", name);
	f = filp_open(path, O_RDWR, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open %s: %ld", path, PTR_ERR(f));
	return f;
}

static void t_close(struct t_drm *t)
{
	if (t->f)
		__fput_sync(t->f);
	t->f = NULL;
}

static int t_init(struct kunit *test)
{
	struct agx_sim_cfg cfg = {
		.gen = AGX_GEN_G13,
		.fw_version = AGX_FW_VERSION(13, 5, 0),
		.debug_alloc = true,
	};
	struct t_drm *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	unsigned long u;

	KUNIT_ASSERT_NOT_NULL(test, t);
	test->priv = t;
	u = kunit_vm_mmap(test, NULL, 0, T_USER_SIZE, PROT_READ | PROT_WRITE,
			  MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_NE(test, u, 0);
	t->u = (char __user *)u;
	t->sim = agx_sim_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t->sim));
	if (!dev_get_drvdata(agx_sim_device(t->sim))) {
		agx_sim_destroy(t->sim);
		t->sim = NULL;
		KUNIT_FAIL_AND_ABORT(test, "agx.ko did not bind to the simulated GPU");
	}
	t->f = t_open(test, t->sim);
	return 0;
}

static void t_exit(struct kunit *test)
{
	struct t_drm *t = test->priv;

	t_close(t);
	if (t->sim)
		agx_sim_destroy(t->sim);
}

/* The ioctl through the file, its argument copied through user memory. */
static long t_ioctl(struct t_drm *t, unsigned int cmd, void *arg, size_t len)
{
	long ret;

	if (copy_to_user(t->u + T_ARG, arg, len))
		return -EFAULT;
	ret = t->f->f_op->unlocked_ioctl(t->f, cmd, (unsigned long)(t->u + T_ARG));
	if (copy_from_user(arg, t->u + T_ARG, len))
		return -EFAULT;
	return ret;
}

static u64 t_ubuf(struct t_drm *t, const void *data, size_t len)
{
	if (data && copy_to_user(t->u + T_BUF, data, len))
		return 0;
	return (u64)(uintptr_t)(t->u + T_BUF);
}

static void t_params(struct kunit *test, struct t_drm *t, struct drm_asahi_params_global *p)
{
	struct drm_asahi_get_params gp = { .size = sizeof(*p) };

	gp.pointer = t_ubuf(t, NULL, 0);
	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GET_PARAMS, &gp, sizeof(gp)));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(p, t->u + T_BUF, sizeof(*p)));
}

static u32 t_vm_create(struct kunit *test, struct t_drm *t)
{
	struct drm_asahi_params_global p;
	struct drm_asahi_vm_create vc = {};

	t_params(test, t, &p);
	vc.kernel_start = p.vm_end - T_KSIZE;
	vc.kernel_end = p.vm_end;
	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_CREATE, &vc, sizeof(vc)));
	KUNIT_ASSERT_NE(test, vc.vm_id, 0);
	return vc.vm_id;
}

static u32 t_bo(struct kunit *test, struct t_drm *t, u64 size, u32 flags, u32 vm_id)
{
	struct drm_asahi_gem_create gc = { .size = size, .flags = flags, .vm_id = vm_id };

	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	KUNIT_ASSERT_NE(test, gc.handle, 0);
	return gc.handle;
}

static long t_gem_close(struct t_drm *t, u32 handle)
{
	struct drm_gem_close c = { .handle = handle };

	return t_ioctl(t, DRM_IOCTL_GEM_CLOSE, &c, sizeof(c));
}

/* One VM_BIND op; stride 32 */
static long t_bind1(struct t_drm *t, u32 vm_id, u32 flags, u32 handle, u64 offset, u64 range,
		    u64 addr)
{
	struct drm_asahi_gem_bind_op op = {
		.flags = flags, .handle = handle, .offset = offset, .range = range, .addr = addr,
	};
	struct drm_asahi_vm_bind b = { .vm_id = vm_id, .num_binds = 1, .stride = sizeof(op) };

	b.userptr = t_ubuf(t, &op, sizeof(op));
	return t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b));
}

#define RW	(DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)
#define VA	(SZ_64G)	/* a user VA well inside the window */

static u32 t_queue(struct kunit *test, struct t_drm *t, u32 vm_id)
{
	struct drm_asahi_queue_create qc = { .vm_id = vm_id, .priority = 1,
					     .usc_exec_base = SZ_4G };

	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc, sizeof(qc)));
	KUNIT_ASSERT_NE(test, qc.queue_id, 0);
	return qc.queue_id;
}

static u32 t_syncobj(struct kunit *test, struct t_drm *t)
{
	struct drm_syncobj_create c = {};

	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_SYNCOBJ_CREATE, &c, sizeof(c)));
	return c.handle;
}

/* Wait for a syncobj (a timeline point if @point), 10 s at most. */
static long t_wait(struct t_drm *t, u32 handle, u64 point)
{
	struct drm_syncobj_timeline_wait w = {
		.count_handles = 1,
		.timeout_nsec = ktime_get_ns() + 10 * NSEC_PER_SEC,
		.flags = DRM_SYNCOBJ_WAIT_FLAGS_WAIT_FOR_SUBMIT,
	};

	if (copy_to_user(t->u + T_BUF + SZ_8K, &handle, 4) ||
	    copy_to_user(t->u + T_BUF + SZ_8K + 8, &point, 8))
		return -EFAULT;
	w.handles = (u64)(uintptr_t)(t->u + T_BUF + SZ_8K);
	w.points = (u64)(uintptr_t)(t->u + T_BUF + SZ_8K + 8);
	return t_ioctl(t, DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT, &w, sizeof(w));
}

/* A command buffer under construction. */
struct t_cmdbuf {
	u8 buf[2048];
	u32 len;
};

static struct t_cmdbuf *t_cb(struct kunit *test)
{
	struct t_cmdbuf *cb = kunit_kzalloc(test, sizeof(*cb), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cb);
	return cb;
}

static void t_cmd(struct t_cmdbuf *cb, u16 type, u16 vdm, u16 cdm, const void *p, u16 size)
{
	struct drm_asahi_cmd_header h = { type, size, vdm, cdm };

	memcpy(cb->buf + cb->len, &h, sizeof(h));
	memcpy(cb->buf + cb->len + sizeof(h), p, size);
	cb->len += sizeof(h) + size;
}

static void t_compute(struct t_cmdbuf *cb, u64 stream)
{
	struct drm_asahi_cmd_compute c = { .cdm_ctrl_stream_base = stream };

	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, &c, sizeof(c));
}

static void t_render(struct t_cmdbuf *cb, u64 stream)
{
	struct drm_asahi_cmd_render r = { .vdm_ctrl_stream_base = stream, .samples = 1,
					  .width_px = 64, .height_px = 64, .layers = 1,
					  .utile_width_px = 32, .utile_height_px = 32 };

	t_cmd(cb, DRM_ASAHI_CMD_RENDER, 0, DRM_ASAHI_BARRIER_NONE, &r, sizeof(r));
}

/* SUBMIT @cb to @queue with @syncs (waits first). The sync array goes after the cmdbuf. */
static long t_submit(struct t_drm *t, u32 queue, const struct t_cmdbuf *cb,
		     const struct drm_asahi_sync *syncs, u32 nin, u32 nout)
{
	struct drm_asahi_submit s = {
		.queue_id = queue, .cmdbuf_size = cb->len,
		.in_sync_count = nin, .out_sync_count = nout,
	};

	if (copy_to_user(t->u + T_BUF, cb->buf, cb->len) ||
	    copy_to_user(t->u + T_BUF + 4096, syncs, (nin + nout) * sizeof(*syncs)))
		return -EFAULT;
	s.cmdbuf = (u64)(uintptr_t)(t->u + T_BUF);
	s.syncs = (u64)(uintptr_t)(t->u + T_BUF + 4096);
	return t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &s, sizeof(s));
}

/* A BO bound RW at VA with a CPU mapping: SIMQ programs at 0x100 * n, results at 0x8000. */
static void __user *t_gpu_buf(struct kunit *test, struct t_drm *t, u32 vm)
{
	u32 bo = t_bo(test, t, SZ_64K, DRM_ASAHI_GEM_WRITEBACK, 0);
	struct drm_asahi_gem_mmap_offset mo = { .handle = bo };
	unsigned long cpu;

	KUNIT_ASSERT_EQ(test, 0, t_bind1(t, vm, RW, bo, 0, SZ_64K, VA));
	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo, sizeof(mo)));
	cpu = kunit_vm_mmap(test, t->f, 0, SZ_64K, PROT_READ | PROT_WRITE, MAP_SHARED,
			    mo.offset);
	KUNIT_ASSERT_TRUE(test, cpu && !IS_ERR_VALUE(cpu));
	return (void __user *)cpu;
}

/* Program @n: one op, at offset 0x100 * n of the buffer; returns its GPU VA. */
static u64 t_prog(struct kunit *test, void __user *cpu, unsigned int n, u32 op, u32 arg,
		  u64 va)
{
	struct agx_simq q = { .magic = AGX_SIMQ_MAGIC, .count = 1 };

	q.ops[0] = (struct agx_simq_op){ op, arg, va };
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(cpu + 0x100 * n, &q, sizeof(q)));
	return VA + 0x100 * n;
}

static u32 t_read32(struct kunit *test, void __user *cpu, u32 off)
{
	u32 v = 0;

	KUNIT_EXPECT_EQ(test, 0, copy_from_user(&v, cpu + off, 4));
	return v;
}

static void t_get_params(struct kunit *test)
{
	struct t_drm *t = test->priv;
	struct drm_asahi_get_params gp = {};
	struct drm_asahi_params_global p;
	u8 buf[sizeof(p) + 16];
	unsigned int i;

	t_params(test, t, &p);
	KUNIT_EXPECT_EQ(test, p.gpu_generation, 13);
	KUNIT_EXPECT_EQ(test, p.gpu_variant, 'G');
	KUNIT_EXPECT_EQ(test, p.chip_id, 0x8103);
	KUNIT_EXPECT_EQ(test, p.num_clusters_total, 1);
	KUNIT_EXPECT_EQ(test, p.core_masks[0], 0xff);
	KUNIT_EXPECT_EQ(test, p.vm_start, AGX_UVA_START);
	KUNIT_EXPECT_EQ(test, p.vm_end, AGX_UVA_END);
	KUNIT_EXPECT_NE(test, p.vm_kernel_min_size, 0);
	KUNIT_EXPECT_LE(test, p.vm_kernel_min_size, T_KSIZE);
	KUNIT_EXPECT_NE(test, p.max_commands_per_submission, 0);
	KUNIT_EXPECT_EQ(test, p.command_timestamp_frequency_hz, NSEC_PER_SEC);

	/* a short buffer: only its bytes are written */
	memset(buf, 0xa5, sizeof(buf));
	gp.pointer = t_ubuf(t, buf, sizeof(buf));
	gp.size = 12;
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GET_PARAMS, &gp, sizeof(gp)));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(buf, t->u + T_BUF, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, 0, memcmp(buf, &p, 12));
	for (i = 12; i < sizeof(buf); i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0xa5);

	/* a long one: the block, then zeroes up to its size */
	memset(buf, 0xa5, sizeof(buf));
	gp.pointer = t_ubuf(t, buf, sizeof(buf));
	gp.size = sizeof(buf);
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GET_PARAMS, &gp, sizeof(gp)));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(buf, t->u + T_BUF, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, 0, memcmp(buf, &p, sizeof(p)));
	for (i = sizeof(p); i < sizeof(buf); i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0);

	gp.size = sizeof(p);
	gp.param_group = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_GET_PARAMS, &gp, sizeof(gp)));
	gp.param_group = 0;
	gp.pad = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_GET_PARAMS, &gp, sizeof(gp)));
	gp.pad = 0;
	gp.pointer = 8;		/* unmapped */
	KUNIT_EXPECT_EQ(test, -EFAULT, t_ioctl(t, DRM_IOCTL_ASAHI_GET_PARAMS, &gp, sizeof(gp)));
}

static void t_get_time(struct kunit *test)
{
	struct t_drm *t = test->priv;
	struct drm_asahi_get_time a = {}, b = {};

	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GET_TIME, &a, sizeof(a)));
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GET_TIME, &b, sizeof(b)));
	KUNIT_EXPECT_NE(test, a.gpu_timestamp, 0);
	KUNIT_EXPECT_GE(test, b.gpu_timestamp, a.gpu_timestamp);
	a.flags = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_GET_TIME, &a, sizeof(a)));
}

static void t_vm_create_destroy(struct kunit *test)
{
	struct t_drm *t = test->priv;
	struct drm_asahi_params_global p;
	struct drm_asahi_vm_create vc;
	struct drm_asahi_vm_destroy vd = {};
	const struct { u64 start, end; u32 pad; } bad[] = {
		{ 0, 0, 0 },					/* empty */
		{ SZ_1T, SZ_1T + T_KSIZE, 0 },			/* above vm_end */
		{ 0, T_KSIZE, 0 },				/* below vm_start */
		{ SZ_16G, SZ_16G + SZ_16K, 0 },			/* too small */
		{ SZ_16G + 4096, SZ_16G + T_KSIZE, 0 },		/* unaligned */
		{ SZ_16G + T_KSIZE, SZ_16G, 0 },		/* reversed */
		{ SZ_16G, SZ_16G + T_KSIZE, 1 },		/* pad */
	};
	unsigned int i;
	u32 a, b;

	t_params(test, t, &p);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		vc = (struct drm_asahi_vm_create){ bad[i].start, bad[i].end, 0, bad[i].pad };
		KUNIT_EXPECT_EQ_MSG(test, -EINVAL,
				    t_ioctl(t, DRM_IOCTL_ASAHI_VM_CREATE, &vc, sizeof(vc)),
				    "case %u", i);
	}
	/* the whole window, and exactly the least size */
	vc = (struct drm_asahi_vm_create){ p.vm_start, p.vm_end };
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_CREATE, &vc, sizeof(vc)));
	vc = (struct drm_asahi_vm_create){ SZ_16G, SZ_16G + p.vm_kernel_min_size };
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_CREATE, &vc, sizeof(vc)));
	a = t_vm_create(test, t);
	b = t_vm_create(test, t);
	KUNIT_EXPECT_NE(test, a, b);
	vd.vm_id = a;
	vd.pad = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	vd.pad = 0;
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	KUNIT_EXPECT_EQ(test, -ENOENT, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	vd.vm_id = 0;
	KUNIT_EXPECT_EQ(test, -ENOENT, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	vd.vm_id = 12345;
	KUNIT_EXPECT_EQ(test, -ENOENT, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	/* b and the two above are left for the file close */
}

static void t_gem(struct kunit *test)
{
	struct t_drm *t = test->priv;
	struct drm_asahi_gem_create gc = {};
	struct drm_asahi_gem_mmap_offset mo = {};
	u32 vm = t_vm_create(test, t), h;
	unsigned long cpu;
	u32 val = 0;

	gc.size = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	gc.size = SZ_16K;
	gc.flags = 4;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	gc.flags = 0;
	gc.pad = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	gc.pad = 0;
	gc.flags = DRM_ASAHI_GEM_VM_PRIVATE;
	gc.vm_id = vm + 100;
	KUNIT_EXPECT_EQ(test, -ENOENT, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	gc.flags = 0;
	gc.size = SZ_1T;
	KUNIT_EXPECT_EQ(test, -ENOMEM, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	/* vm_id is ignored without VM_PRIVATE */
	gc.size = 100;
	gc.vm_id = 999;
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_CREATE, &gc, sizeof(gc)));
	t_bo(test, t, SZ_64K, DRM_ASAHI_GEM_WRITEBACK, 0);
	t_bo(test, t, SZ_64K, DRM_ASAHI_GEM_VM_PRIVATE | DRM_ASAHI_GEM_WRITEBACK, vm);

	/* mmap: write through one mapping, read through another */
	h = t_bo(test, t, SZ_32K, 0, 0);
	mo.handle = h;
	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo, sizeof(mo)));
	KUNIT_EXPECT_NE(test, mo.offset, 0);
	cpu = kunit_vm_mmap(test, t->f, 0, SZ_32K, PROT_READ | PROT_WRITE, MAP_SHARED, mo.offset);
	KUNIT_ASSERT_TRUE_MSG(test, cpu && !IS_ERR_VALUE(cpu), "mmap: %ld", (long)cpu);
	KUNIT_EXPECT_EQ(test, 0, copy_to_user((void __user *)(cpu + SZ_16K + 8), &h, 4));
	cpu = kunit_vm_mmap(test, t->f, 0, SZ_32K, PROT_READ, MAP_SHARED, mo.offset);
	KUNIT_ASSERT_TRUE(test, cpu && !IS_ERR_VALUE(cpu));
	KUNIT_EXPECT_EQ(test, 0, copy_from_user(&val, (void __user *)(cpu + SZ_16K + 8), 4));
	KUNIT_EXPECT_EQ(test, val, h);
	/* larger than the object */
	cpu = kunit_vm_mmap(test, t->f, 0, SZ_64K, PROT_READ, MAP_SHARED, mo.offset);
	KUNIT_EXPECT_TRUE(test, IS_ERR_VALUE(cpu));

	mo.flags = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			t_ioctl(t, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo, sizeof(mo)));
	mo.flags = 0;
	mo.handle = 777;
	KUNIT_EXPECT_EQ(test, -ENOENT,
			t_ioctl(t, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo, sizeof(mo)));
	/* the mapping outlives the handle */
	KUNIT_EXPECT_EQ(test, 0, t_gem_close(t, h));
}

static void t_bind(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), vm2 = t_vm_create(test, t);
	u32 bo = t_bo(test, t, SZ_256K, 0, 0);
	u32 priv = t_bo(test, t, SZ_64K, DRM_ASAHI_GEM_VM_PRIVATE, vm);

	/* map, overlap, split, unmap */
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, bo, 0, SZ_256K, VA));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, DRM_ASAHI_BIND_READ, bo, SZ_64K, SZ_64K,
					 VA + SZ_32K));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, DRM_ASAHI_BIND_UNBIND, 0, 0, SZ_32K,
					 VA + SZ_128K));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, DRM_ASAHI_BIND_WRITE, bo, 0, SZ_16K, VA));
	/* unmapping nothing is fine */
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, DRM_ASAHI_BIND_UNBIND, 0, 0, SZ_1M, SZ_1G));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, DRM_ASAHI_BIND_UNBIND, 0, 0, SZ_256K, VA));
	/* the same object in two VMs */
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, bo, 0, SZ_256K, VA));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm2, RW, bo, 0, SZ_256K, VA));
	/* single page over 16 MiB, then split */
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW | DRM_ASAHI_BIND_SINGLE_PAGE, bo, SZ_16K,
					 SZ_16M, SZ_1G));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, DRM_ASAHI_BIND_UNBIND, 0, 0, SZ_1M,
					 SZ_1G + SZ_4M));
	/* VM-private object: its VM only */
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, priv, 0, SZ_64K, SZ_2G));
	KUNIT_EXPECT_EQ(test, -EINVAL, t_bind1(t, vm2, RW, priv, 0, SZ_64K, SZ_2G));
}

static void t_bind_bad(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t);
	u32 bo = t_bo(test, t, SZ_64K, 0, 0);
	struct drm_asahi_params_global p;
	const struct { u32 flags, handle; u64 offset, range, addr; int err; } bad[] = {
		{ RW, 0, 0, SZ_16K, VA, -ENOENT },			/* no handle */
		{ RW, 9999, 0, SZ_16K, VA, -ENOENT },
		{ 1U << 4 | RW, 0, 0, SZ_16K, VA, -EINVAL },		/* unknown flag */
		{ 0, 1, 0, SZ_16K, VA, -EINVAL },			/* no permission */
		{ DRM_ASAHI_BIND_UNBIND | DRM_ASAHI_BIND_READ, 0, 0, SZ_16K, VA, -EINVAL },
		{ RW, 1, 4096, SZ_16K, VA, -EINVAL },			/* unaligned */
		{ RW, 1, 0, SZ_16K + 4096, VA, -EINVAL },
		{ RW, 1, 0, SZ_16K, VA + 4096, -EINVAL },
		{ RW, 1, 0, 0, VA, -EINVAL },				/* empty */
		{ RW, 1, 0, SZ_128K, VA, -EINVAL },			/* past the object */
		{ RW, 1, SZ_64K, SZ_16K, VA, -EINVAL },
		{ RW | DRM_ASAHI_BIND_SINGLE_PAGE, 1, SZ_64K, SZ_1M, VA, -EINVAL },
		{ RW, 1, 0, SZ_16K, 0, -EINVAL },			/* below vm_start */
		{ RW, 1, 0, SZ_16K, AGX_UVA_END, -EINVAL },		/* past vm_end */
		{ DRM_ASAHI_BIND_UNBIND, 0, 0, 0x8000000000000000ULL,
		  0x8000000000000000ULL, -EINVAL },			/* overflow */
		{ RW, 1, 0, SZ_16K, AGX_UVA_END - SZ_16K, -EINVAL },	/* kernel range */
		{ DRM_ASAHI_BIND_UNBIND, 0, 0, SZ_32K, AGX_UVA_END - T_KSIZE - SZ_16K, -EINVAL },
	};
	struct drm_asahi_gem_bind_op ops[2] = {};
	struct drm_asahi_vm_bind b = {};
	u8 wide[40] = {};
	unsigned int i;

	KUNIT_ASSERT_EQ(test, bo, 1);
	t_params(test, t, &p);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, bad[i].err,
				    t_bind1(t, vm, bad[i].flags, bad[i].handle, bad[i].offset,
					    bad[i].range, bad[i].addr), "case %u", i);
	KUNIT_EXPECT_EQ(test, -ENOENT, t_bind1(t, vm + 7, RW, bo, 0, SZ_16K, VA));

	/* the array: a bad second op fails the whole call, the first is not done */
	ops[0] = (struct drm_asahi_gem_bind_op){ RW, bo, 0, SZ_16K, VA };
	ops[1] = (struct drm_asahi_gem_bind_op){ RW, bo, 0, SZ_16K, VA + 4096 };
	b = (struct drm_asahi_vm_bind){ vm, 2, sizeof(ops[0]), 0, t_ubuf(t, ops, sizeof(ops)) };
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
	b.pad = 1;
	b.num_binds = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
	b.pad = 0;
	b.num_binds = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
	b.num_binds = 1;
	b.stride = 24;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
	b.stride = 32;
	b.userptr = 8;
	KUNIT_EXPECT_EQ(test, -EFAULT, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
	/* a longer op with a zero tail is accepted, a non-zero tail is not */
	memcpy(wide, &ops[0], sizeof(ops[0]));
	b = (struct drm_asahi_vm_bind){ vm, 1, sizeof(wide), 0, t_ubuf(t, wide, sizeof(wide)) };
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
	wide[39] = 1;
	b.userptr = t_ubuf(t, wide, sizeof(wide));
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_VM_BIND, &b, sizeof(b)));
}

static void t_unsupported(struct kunit *test)
{
	struct t_drm *t = test->priv;
	struct drm_asahi_gem_bind_object bo = {};
	struct drm_asahi_submit s = {};

	/* BIND without USAGE_TIMESTAMPS, the only usage there is */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			t_ioctl(t, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &bo, sizeof(bo)));
	/* an ioctl number past the table */
	KUNIT_EXPECT_EQ(test, -EINVAL,
			t_ioctl(t, DRM_IOW(DRM_COMMAND_BASE + 11, struct drm_asahi_submit),
				&s, sizeof(s)));
}

/* Compute and render jobs write through the VM; binary and timeline syncobjs chain them. */
static void t_submit_ok(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), q = t_queue(test, t, vm), q2 = t_queue(test, t, vm);
	void __user *cpu = t_gpu_buf(test, t, vm);
	u32 bin = t_syncobj(test, t), tl = t_syncobj(test, t);
	struct drm_asahi_attachment att = { .pointer = VA + 0x8000, .size = 4 };
	struct drm_asahi_sync sy[2];
	struct t_cmdbuf *cb = t_cb(test);

	/* one compute, signalling a binary syncobj */
	t_compute(cb, t_prog(test, cpu, 0, AGX_SIMQ_WRITE32, 0x1111, VA + 0x8000));
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_SYNCOBJ, bin };
	KUNIT_ASSERT_EQ(test, 0, t_submit(t, q, cb, sy, 0, 1));
	KUNIT_ASSERT_EQ(test, 0, t_wait(t, bin, 0));
	KUNIT_EXPECT_EQ(test, t_read32(test, cpu, 0x8000), 0x1111);

	/* attachments, a render then a compute with a barrier, timeline point 5 */
	cb->len = 0;
	t_cmd(cb, DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS, DRM_ASAHI_BARRIER_NONE,
	      DRM_ASAHI_BARRIER_NONE, &att, sizeof(att));
	t_render(cb, t_prog(test, cpu, 1, AGX_SIMQ_WRITE32, 0x2222, VA + 0x8004));
	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, 1, 0, &(struct drm_asahi_cmd_compute){
		.cdm_ctrl_stream_base = t_prog(test, cpu, 2, AGX_SIMQ_WRITE32, 0x3333,
					       VA + 0x8008) }, 64);
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, tl, 5 };
	KUNIT_ASSERT_EQ(test, 0, t_submit(t, q, cb, sy, 0, 1));

	/* another queue waits for point 5 and the binary syncobj, signals point 6 */
	cb->len = 0;
	t_compute(cb, t_prog(test, cpu, 3, AGX_SIMQ_WRITE32, 0x4444, VA + 0x800c));
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, tl, 5 };
	sy[1] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ, tl, 6 };
	KUNIT_ASSERT_EQ(test, 0, t_submit(t, q2, cb, sy, 1, 1));
	KUNIT_ASSERT_EQ(test, 0, t_wait(t, tl, 6));
	KUNIT_EXPECT_EQ(test, t_read32(test, cpu, 0x8004), 0x2222);
	KUNIT_EXPECT_EQ(test, t_read32(test, cpu, 0x8008), 0x3333);
	KUNIT_EXPECT_EQ(test, t_read32(test, cpu, 0x800c), 0x4444);

	/* a shorter payload is zero-extended: a compute of 16 bytes */
	cb->len = 0;
	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, &(struct drm_asahi_cmd_compute){
		.cdm_ctrl_stream_base = t_prog(test, cpu, 4, AGX_SIMQ_WRITE32, 0x5555,
					       VA + 0x8010) }, 16);
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_SYNCOBJ, bin };
	KUNIT_ASSERT_EQ(test, 0, t_submit(t, q, cb, sy, 0, 1));
	KUNIT_ASSERT_EQ(test, 0, t_wait(t, bin, 0));
	KUNIT_EXPECT_EQ(test, t_read32(test, cpu, 0x8010), 0x5555);
}

static void t_submit_bad(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), q = t_queue(test, t, vm);
	void __user *cpu = t_gpu_buf(test, t, vm);
	u64 prog = t_prog(test, cpu, 0, AGX_SIMQ_WRITE32, 1, VA + 0x8000);
	struct drm_asahi_queue_create qc = { .vm_id = vm };
	struct drm_asahi_queue_destroy qd = {};
	struct drm_asahi_cmd_compute cc = { .cdm_ctrl_stream_base = prog };
	struct drm_asahi_attachment att = { .pointer = VA, .size = 64 };
	struct drm_asahi_submit sub = {};
	struct drm_asahi_sync sy[10] = {};
	u32 bin = t_syncobj(test, t);
	struct t_cmdbuf *cb = t_cb(test);
	u8 wide[72] = {};
	unsigned int i;

	/* QUEUE_CREATE / QUEUE_DESTROY */
	qc.priority = DRM_ASAHI_PRIORITY_HIGH;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc, sizeof(qc)));
	qc.priority = 7;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc, sizeof(qc)));
	qc.priority = 0;
	qc.flags = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc, sizeof(qc)));
	qc.flags = 0;
	qc.vm_id = vm + 9;
	KUNIT_EXPECT_EQ(test, -ENOENT, t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_CREATE, &qc, sizeof(qc)));
	qd.queue_id = q + 9;
	KUNIT_EXPECT_EQ(test, -ENOENT,
			t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_DESTROY, &qd, sizeof(qd)));
	qd.queue_id = q;
	qd.pad = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_DESTROY, &qd, sizeof(qd)));

	/* the submit struct */
	t_compute(cb, prog);
	KUNIT_EXPECT_EQ(test, -ENOENT, t_submit(t, q + 9, cb, NULL, 0, 0));
	sub = (struct drm_asahi_submit){ .queue_id = q, .cmdbuf_size = cb->len, .flags = 1 };
	sub.cmdbuf = t_ubuf(t, cb->buf, cb->len);
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &sub, sizeof(sub)));
	sub.flags = 0;
	sub.pad = 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &sub, sizeof(sub)));
	sub.pad = 0;
	sub.cmdbuf_size = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &sub, sizeof(sub)));
	sub.cmdbuf_size = SZ_1M;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &sub, sizeof(sub)));
	sub.cmdbuf_size = cb->len;
	sub.cmdbuf = 8;
	KUNIT_EXPECT_EQ(test, -EFAULT, t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &sub, sizeof(sub)));

	/* the command buffer */
	cb->len = 4;					/* truncated header */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;
	t_compute(cb, prog);
	cb->len -= 8;					/* truncated payload */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;
	t_cmd(cb, 5, 0, 0, &cc, sizeof(cc));		/* unknown type */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* no hardware command */
	t_cmd(cb, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, DRM_ASAHI_BARRIER_NONE,
	      DRM_ASAHI_BARRIER_NONE, &att, sizeof(att));
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* barrier on an attachment command */
	t_cmd(cb, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, 0, DRM_ASAHI_BARRIER_NONE, &att,
	      sizeof(att));
	t_compute(cb, prog);
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* attachment size not N * 24 */
	t_cmd(cb, DRM_ASAHI_SET_COMPUTE_ATTACHMENTS, DRM_ASAHI_BARRIER_NONE,
	      DRM_ASAHI_BARRIER_NONE, &att, 20);
	t_compute(cb, prog);
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* barrier past the submit's commands */
	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 1, &cc, sizeof(cc));
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* compute flags MBZ */
	cc.flags = 1;
	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, &cc, sizeof(cc));
	cc.flags = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* a timestamp: no objects yet */
	cc.ts.end.handle = 1;
	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, &cc, sizeof(cc));
	cc.ts.end.handle = 0;
	KUNIT_EXPECT_EQ(test, -ENOENT, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* longer payload, non-zero tail */
	memcpy(wide, &cc, sizeof(cc));
	wide[70] = 1;
	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, wide, sizeof(wide));
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* render: bad sample count */
	t_cmd(cb, DRM_ASAHI_CMD_RENDER, 0, DRM_ASAHI_BARRIER_NONE,
	      &(struct drm_asahi_cmd_render){ .vdm_ctrl_stream_base = prog, .samples = 3 }, 240);
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));
	cb->len = 0;					/* 65 commands */
	for (i = 0; i < 65; i++)
		t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, &cc, 16);
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, NULL, 0, 0));

	/* syncs */
	cb->len = 0;
	t_compute(cb, prog);
	sy[0] = (struct drm_asahi_sync){ 2, bin };		/* unknown type */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, sy, 0, 1));
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_SYNCOBJ, 999 };	/* bad handle */
	KUNIT_EXPECT_EQ(test, -ENOENT, t_submit(t, q, cb, sy, 0, 1));
	KUNIT_EXPECT_EQ(test, -ENOENT, t_submit(t, q, cb, sy, 1, 0));
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_SYNCOBJ, bin };	/* no fence */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, sy, 1, 0));
	sy[1] = sy[0];						/* twice */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, sy, 2, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, sy, 9, 0));	/* too many */
	sy[0] = (struct drm_asahi_sync){ DRM_ASAHI_SYNC_SYNCOBJ, bin };
	sub = (struct drm_asahi_submit){ .queue_id = q, .cmdbuf_size = cb->len,
					 .out_sync_count = 1, .syncs = 8 };
	sub.cmdbuf = t_ubuf(t, cb->buf, cb->len);
	KUNIT_EXPECT_EQ(test, -EFAULT, t_ioctl(t, DRM_IOCTL_ASAHI_SUBMIT, &sub, sizeof(sub)));
	/* nothing above ran: the syncobj is still without a fence */
	KUNIT_EXPECT_EQ(test, -EINVAL, t_submit(t, q, cb, sy, 1, 0));
	KUNIT_EXPECT_EQ(test, 0, t_read32(test, cpu, 0x8000));
}

/* Queues destroyed and the file closed with jobs in flight: every fence signals. */
/* GEM_BIND_OBJECT of a 16 KiB timestamp BO with a CPU mapping filled with 0xa5 */
static u32 t_ts_object(struct kunit *test, struct t_drm *t, void __user **cpu)
{
	u32 bo = t_bo(test, t, SZ_16K, DRM_ASAHI_GEM_WRITEBACK, 0);
	struct drm_asahi_gem_bind_object b = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_BIND,
		.flags = DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS, .handle = bo, .range = SZ_16K,
	};
	struct drm_asahi_gem_mmap_offset mo = { .handle = bo };
	unsigned long va;
	u8 fill[64];

	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &b, sizeof(b)));
	KUNIT_ASSERT_NE(test, b.object_handle, 0);
	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo, sizeof(mo)));
	va = kunit_vm_mmap(test, t->f, 0, SZ_16K, PROT_READ | PROT_WRITE, MAP_SHARED,
			   mo.offset);
	KUNIT_ASSERT_TRUE(test, va && !IS_ERR_VALUE(va));
	*cpu = (void __user *)va;
	memset(fill, 0xa5, sizeof(fill));
	KUNIT_ASSERT_EQ(test, 0, copy_to_user(*cpu, fill, sizeof(fill)));
	return b.object_handle;
}

/*
 * A slow compute job writes its timestamps into an object that is unbound while the job
 * runs: the firmware's writes land (the mapping stays until the job signals), in order
 * within GET_TIME's clock, with no firmware-side violation.
 */
static void t_timestamps(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), q = t_queue(test, t, vm), bin = t_syncobj(test, t);
	void __user *cpu = t_gpu_buf(test, t, vm), *tsbuf;
	u32 obj = t_ts_object(test, t, &tsbuf);
	struct drm_asahi_cmd_compute cc = {
		.cdm_ctrl_stream_base = t_prog(test, cpu, 0, AGX_SIMQ_DELAY_US, 50000, 0),
		.ts = { { obj, 16 }, { obj, 24 } },
	};
	struct drm_asahi_gem_bind_object ub = {
		.op = DRM_ASAHI_BIND_OBJECT_OP_UNBIND, .object_handle = obj,
	};
	struct drm_asahi_sync sy = { DRM_ASAHI_SYNC_SYNCOBJ, bin };
	int violations = atomic_read(&agx_sim_get_counters(t->sim)->violations);
	struct t_cmdbuf *cb = t_cb(test);
	u64 ts[4], before = ktime_get_ns();

	t_cmd(cb, DRM_ASAHI_CMD_COMPUTE, DRM_ASAHI_BARRIER_NONE, 0, &cc, sizeof(cc));
	KUNIT_ASSERT_EQ(test, 0, t_submit(t, q, cb, &sy, 0, 1));
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &ub, sizeof(ub)));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			t_ioctl(t, DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, &ub, sizeof(ub)));
	KUNIT_ASSERT_EQ(test, 0, t_wait(t, bin, 0));
	KUNIT_ASSERT_EQ(test, 0, copy_from_user(ts, tsbuf, sizeof(ts)));
	KUNIT_EXPECT_EQ(test, ts[0], 0xa5a5a5a5a5a5a5a5ULL);	/* offsets 0, 8 untouched */
	KUNIT_EXPECT_EQ(test, ts[1], 0xa5a5a5a5a5a5a5a5ULL);
	KUNIT_EXPECT_LE(test, before, ts[2]);
	KUNIT_EXPECT_LE(test, ts[2] + 50 * NSEC_PER_MSEC, ts[3]);
	KUNIT_EXPECT_LE(test, ts[3], ktime_get_ns());
	KUNIT_EXPECT_EQ(test, violations,
			atomic_read(&agx_sim_get_counters(t->sim)->violations));
	/* a timestamp into the unbound object is refused */
	KUNIT_EXPECT_EQ(test, -ENOENT, t_submit(t, q, cb, NULL, 0, 0));
}

static void t_submit_teardown(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), q = t_queue(test, t, vm), q2 = t_queue(test, t, vm);
	void __user *cpu = t_gpu_buf(test, t, vm);
	struct drm_asahi_queue_destroy qd = { .queue_id = q };
	struct drm_asahi_vm_destroy vd = { .vm_id = vm };
	struct t_cmdbuf *cb = t_cb(test);
	unsigned int i;

	for (i = 0; i < 8; i++) {
		cb->len = 0;
		t_compute(cb, t_prog(test, cpu, i, AGX_SIMQ_DELAY_US, 20000, 0));
		KUNIT_ASSERT_EQ(test, 0, t_submit(t, i % 2 ? q2 : q, cb, NULL, 0, 0));
	}
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_QUEUE_DESTROY, &qd, sizeof(qd)));
	/* the VM goes while q2's jobs run: the queue keeps its page tables */
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	t_close(t);
}

/* Everything alive at close: VMs with mappings, handles, a BO closed while mapped. */
static void t_teardown(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), vm2 = t_vm_create(test, t);
	u32 a = t_bo(test, t, SZ_64K, 0, 0), b = t_bo(test, t, SZ_64K, 0, 0);
	u32 c = t_bo(test, t, SZ_64K, DRM_ASAHI_GEM_VM_PRIVATE, vm2);
	struct drm_asahi_vm_destroy vd = { .vm_id = vm2 };

	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, a, 0, SZ_64K, VA));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, b, 0, SZ_64K, VA + SZ_1M));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm2, RW, c, 0, SZ_64K, VA));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm2, RW, a, 0, SZ_64K, VA + SZ_1M));
	/* closing a handle unmaps it: the range is free again */
	KUNIT_EXPECT_EQ(test, 0, t_gem_close(t, a));
	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, b, 0, SZ_64K, VA));
	/* destroying a VM with mappings; its private object stays */
	KUNIT_EXPECT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_VM_DESTROY, &vd, sizeof(vd)));
	KUNIT_EXPECT_EQ(test, -ENOENT, t_bind1(t, vm2, RW, c, 0, SZ_64K, VA));
	/* the file goes with vm, b and c alive (t_exit) */
}

/* Unbind with the file open: ioctls fail with -ENODEV, the close is clean. */
static void t_unplug(struct kunit *test)
{
	struct t_drm *t = test->priv;
	u32 vm = t_vm_create(test, t), bo = t_bo(test, t, SZ_64K, 0, 0);
	struct drm_asahi_get_time gt = {};
	struct drm_asahi_gem_mmap_offset mo = { .handle = bo };
	unsigned long cpu;

	KUNIT_EXPECT_EQ(test, 0, t_bind1(t, vm, RW, bo, 0, SZ_64K, VA));
	KUNIT_ASSERT_EQ(test, 0, t_ioctl(t, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo, sizeof(mo)));
	cpu = kunit_vm_mmap(test, t->f, 0, SZ_64K, PROT_READ | PROT_WRITE, MAP_SHARED,
			    mo.offset);
	KUNIT_ASSERT_TRUE(test, cpu && !IS_ERR_VALUE(cpu));
	agx_sim_destroy(t->sim);
	t->sim = NULL;
	KUNIT_EXPECT_EQ(test, -ENODEV, t_ioctl(t, DRM_IOCTL_ASAHI_GET_TIME, &gt, sizeof(gt)));
	KUNIT_EXPECT_EQ(test, -ENODEV, t_bind1(t, vm, DRM_ASAHI_BIND_UNBIND, 0, 0, SZ_64K, VA));
	/* the CPU mapping of the memory still works */
	KUNIT_EXPECT_EQ(test, 0, copy_to_user((void __user *)cpu, &bo, 4));
	t_close(t);
}

static struct kunit_case agx_drm_cases[] = {
	KUNIT_CASE(t_get_params),
	KUNIT_CASE(t_get_time),
	KUNIT_CASE(t_vm_create_destroy),
	KUNIT_CASE(t_gem),
	KUNIT_CASE(t_bind),
	KUNIT_CASE(t_bind_bad),
	KUNIT_CASE(t_unsupported),
	KUNIT_CASE(t_submit_ok),
	KUNIT_CASE(t_submit_bad),
	KUNIT_CASE(t_timestamps),
	KUNIT_CASE(t_submit_teardown),
	KUNIT_CASE(t_teardown),
	KUNIT_CASE(t_unplug),
	{}
};

static struct kunit_suite agx_drm_suite = {
	.name = "agx_drm",
	.init = t_init,
	.exit = t_exit,
	.test_cases = agx_drm_cases,
};

kunit_test_suite(agx_drm_suite);

MODULE_DESCRIPTION("KUnit tests of agx.ko's DRM device and the Asahi uAPI");
MODULE_LICENSE("GPL");
