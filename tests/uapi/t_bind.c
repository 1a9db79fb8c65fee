// SPDX-License-Identifier: GPL-2.0
/*
 * VM_BIND (§3.6, §4.5 of the uAPI facts): arrays of bind and unbind ops with a stride,
 * single-page binds, and every malformed op: alignment to the 16 KiB GPU page, the user
 * window, the kernel's window, handles, flags, padding, the stride.
 */
#include <string.h>
#include <sys/mman.h>

#include "cases.h"

#define RW (DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)
#define BO_SIZE (4 * AGX_PAGE)

/* a file with one VM and one 4-page BO, and the user VA window */
struct bind_env {
	int fd;
	__u32 vm, bo;
	struct agx_layout l;
	__u64 va;	/* a free, aligned address in the user window */
};

static void env(struct bind_env *e)
{
	agx_require("VM_BIND");
	e->fd = agx_open();
	agx_layout(e->fd, &e->l);
	e->vm = agx_vm_create(e->fd);
	e->bo = agx_bo_create(e->fd, BO_SIZE, 0, 0);
	e->va = e->l.user_start + (1ULL << 32);
	if (e->va + (1ULL << 32) > e->l.user_end)
		e->va = e->l.user_start;
}

static int bind(struct bind_env *e, __u32 flags, __u64 off, __u64 range, __u64 addr)
{
	return agx_bind(e->fd, e->vm, flags, e->bo, off, range, addr);
}

static int unbind(struct bind_env *e, __u64 range, __u64 addr)
{
	return agx_bind(e->fd, e->vm, DRM_ASAHI_BIND_UNBIND, 0, 0, range, addr);
}

static void bind_unbind(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_OK(bind(&e, RW, 0, BO_SIZE, e.va));
	KTAP_EXPECT_OK(unbind(&e, BO_SIZE, e.va));
}

static void bind_read_only(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_OK(bind(&e, DRM_ASAHI_BIND_READ, AGX_PAGE, AGX_PAGE, e.va));
	KTAP_EXPECT_OK(unbind(&e, AGX_PAGE, e.va));
}

/* one page of the BO (its second) repeated over 64 pages, as Mesa fills sparse holes */
static void bind_single_page(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_OK(bind(&e, RW | DRM_ASAHI_BIND_SINGLE_PAGE, AGX_PAGE, 64 * AGX_PAGE,
			    e.va));
	KTAP_EXPECT_OK(unbind(&e, 64 * AGX_PAGE, e.va));
}

/* a partial unbind in the middle of a mapping splits it; the rest unbinds later */
static void bind_partial_unbind(void)
{
	struct bind_env e;

	env(&e);
	KTAP_ASSERT_OK(bind(&e, RW, 0, BO_SIZE, e.va));
	KTAP_EXPECT_OK(unbind(&e, AGX_PAGE, e.va + AGX_PAGE));
	KTAP_EXPECT_OK(unbind(&e, BO_SIZE, e.va));
}

/* binding over a live mapping replaces it (drm_gpuvm remaps) */
static void bind_over_mapping(void)
{
	struct bind_env e;

	env(&e);
	KTAP_ASSERT_OK(bind(&e, RW, 0, BO_SIZE, e.va));
	KTAP_EXPECT_OK(bind(&e, DRM_ASAHI_BIND_READ, 0, 2 * AGX_PAGE, e.va + AGX_PAGE));
	KTAP_EXPECT_OK(unbind(&e, BO_SIZE, e.va));
}

/* three ops in one call, the ioctl's stride the op's size */
static void bind_array(void)
{
	struct drm_asahi_gem_bind_op ops[3];
	struct drm_asahi_vm_bind vb = { 0 };
	struct bind_env e;
	int i;

	env(&e);
	memset(ops, 0, sizeof(ops));
	for (i = 0; i < 3; i++) {
		ops[i].flags = RW;
		ops[i].handle = e.bo;
		ops[i].offset = i * AGX_PAGE;
		ops[i].range = AGX_PAGE;
		ops[i].addr = e.va + 2 * i * AGX_PAGE;
	}
	vb.vm_id = e.vm;
	vb.num_binds = 3;
	vb.stride = sizeof(ops[0]);
	vb.userptr = (__u64)(unsigned long)ops;
	KTAP_EXPECT_OK(agx_vm_bind_raw(e.fd, &vb));
	KTAP_EXPECT_OK(unbind(&e, 6 * AGX_PAGE, e.va));
}

/* a larger stride (newer userspace): accepted while the unknown tail is zero, else -EINVAL */
static void bind_stride_extended(void)
{
	struct { struct drm_asahi_gem_bind_op op; __u64 tail; } ext;
	struct drm_asahi_vm_bind vb = { 0 };
	struct bind_env e;

	env(&e);
	memset(&ext, 0, sizeof(ext));
	ext.op.flags = RW;
	ext.op.handle = e.bo;
	ext.op.range = AGX_PAGE;
	ext.op.addr = e.va;
	vb.vm_id = e.vm;
	vb.num_binds = 1;
	vb.stride = sizeof(ext);
	vb.userptr = (__u64)(unsigned long)&ext;
	KTAP_EXPECT_OK(agx_vm_bind_raw(e.fd, &vb));
	ext.op.addr += AGX_PAGE;
	ext.tail = 1;
	KTAP_EXPECT_ERR(agx_vm_bind_raw(e.fd, &vb), EINVAL);
}

static void bind_stride_short(void)
{
	struct drm_asahi_gem_bind_op op = { .flags = RW, .range = AGX_PAGE };
	struct drm_asahi_vm_bind vb = { 0 };
	struct bind_env e;

	env(&e);
	op.handle = e.bo;
	op.addr = e.va;
	vb.vm_id = e.vm;
	vb.num_binds = 1;
	vb.stride = sizeof(op) - 8;
	vb.userptr = (__u64)(unsigned long)&op;
	KTAP_EXPECT_ERR(agx_vm_bind_raw(e.fd, &vb), EINVAL);
}

static void bind_pad_nonzero(void)
{
	struct drm_asahi_gem_bind_op op = { .flags = RW, .range = AGX_PAGE };
	struct drm_asahi_vm_bind vb = { 0 };
	struct bind_env e;

	env(&e);
	op.handle = e.bo;
	op.addr = e.va;
	vb.vm_id = e.vm;
	vb.num_binds = 1;
	vb.stride = sizeof(op);
	vb.pad = 1;
	vb.userptr = (__u64)(unsigned long)&op;
	KTAP_EXPECT_ERR(agx_vm_bind_raw(e.fd, &vb), EINVAL);
}

/* the op array is not readable: -EFAULT */
static void bind_bad_userptr(void)
{
	struct drm_asahi_vm_bind vb = { 0 };
	struct bind_env e;

	env(&e);
	vb.vm_id = e.vm;
	vb.num_binds = 1;
	vb.stride = sizeof(struct drm_asahi_gem_bind_op);
	vb.userptr = 16;
	KTAP_EXPECT_ERR(agx_vm_bind_raw(e.fd, &vb), EFAULT);
}

static void bind_bad_vm(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(agx_bind(e.fd, 0x7fffffff, RW, e.bo, 0, AGX_PAGE, e.va), ENOENT);
}

static void bind_bad_handle(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(agx_bind(e.fd, e.vm, RW, 0x7fff, 0, AGX_PAGE, e.va), ENOENT);
}

static void bind_unknown_flags(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW | (1u << 7), 0, AGX_PAGE, e.va), EINVAL);
	KTAP_EXPECT_ERR(bind(&e, RW | (1u << 31), 0, AGX_PAGE, e.va), EINVAL);
}

static void bind_misaligned_addr(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE, e.va + 4096), EINVAL);
}

static void bind_misaligned_offset(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW, 4096, AGX_PAGE, e.va), EINVAL);
}

static void bind_misaligned_range(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE + 4096, e.va), EINVAL);
	KTAP_EXPECT_ERR(unbind(&e, 4096, e.va), EINVAL);
}

static void bind_range_zero(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW, 0, 0, e.va), EINVAL);
}

/* offset + range past the end of the BO */
static void bind_past_bo_end(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW, 2 * AGX_PAGE, BO_SIZE, e.va), EINVAL);
	KTAP_EXPECT_ERR(bind(&e, RW, BO_SIZE, AGX_PAGE, e.va), EINVAL);
}

/* an address past vm_end, or below vm_start */
static void bind_out_of_window(void)
{
	struct bind_env e;
	const struct drm_asahi_params_global *p;

	env(&e);
	p = agx_params(e.fd);
	KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE, (p->vm_end + AGX_PAGE) & ~(AGX_PAGE - 1)),
			EINVAL);
	KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE, 1ULL << 62), EINVAL);
	if (p->vm_start >= AGX_PAGE)
		KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE, p->vm_start - AGX_PAGE), EINVAL);
}

/* the range the kernel reserved at VM_CREATE is not userspace's */
static void bind_kernel_window(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE, e.l.kernel_start), EINVAL);
	/* straddling its start */
	KTAP_EXPECT_ERR(bind(&e, RW, 0, 2 * AGX_PAGE, e.l.kernel_start - AGX_PAGE), EINVAL);
	KTAP_EXPECT_ERR(unbind(&e, AGX_PAGE, e.l.kernel_start), EINVAL);
}

/* addr + range wraps around 2^64 */
static void bind_wraps(void)
{
	struct bind_env e;

	env(&e);
	KTAP_EXPECT_ERR(agx_bind(e.fd, e.vm, RW | DRM_ASAHI_BIND_SINGLE_PAGE, e.bo, 0,
				 ~0ULL & ~(AGX_PAGE - 1), e.va), EINVAL);
}

/* a VM-private BO belongs to its VM: not bindable into another */
static void bind_private_other_vm(void)
{
	struct bind_env e;
	__u32 vm2, h;

	env(&e);
	vm2 = agx_vm_create(e.fd);
	h = agx_bo_create(e.fd, AGX_PAGE, DRM_ASAHI_GEM_VM_PRIVATE, vm2);
	KTAP_EXPECT_ERR(agx_bind(e.fd, e.vm, RW, h, 0, AGX_PAGE, e.va), EINVAL);
	KTAP_EXPECT_OK(agx_bind(e.fd, vm2, RW, h, 0, AGX_PAGE, e.va));
}

/* closing a bound BO and destroying its VM with mappings alive */
static void bind_then_close(void)
{
	struct bind_env e;

	env(&e);
	KTAP_ASSERT_OK(bind(&e, RW, 0, BO_SIZE, e.va));
	KTAP_EXPECT_OK(agx_gem_close(e.fd, e.bo));
	KTAP_EXPECT_ERR(bind(&e, RW, 0, AGX_PAGE, e.va + BO_SIZE), ENOENT);
	KTAP_EXPECT_OK(agx_vm_destroy(e.fd, e.vm));
}

/* a BO bound, mapped by the CPU and written, while bound in two VMs */
static void bind_two_vms_mapped(void)
{
	struct bind_env e;
	unsigned char *p;
	__u32 vm2;

	env(&e);
	vm2 = agx_vm_create(e.fd);
	KTAP_ASSERT_OK(bind(&e, RW, 0, BO_SIZE, e.va));
	KTAP_ASSERT_OK(agx_bind(e.fd, vm2, DRM_ASAHI_BIND_READ, e.bo, 0, BO_SIZE, e.va));
	p = agx_bo_map(e.fd, e.bo, BO_SIZE);
	memset(p, 0x11, BO_SIZE);
	KTAP_EXPECT_OK(agx_vm_destroy(e.fd, vm2));
	KTAP_EXPECT(p[BO_SIZE - 1] == 0x11);
	munmap(p, BO_SIZE);
}

static const struct ktap_case bind_cases[] = {
	KTAP_CASE(bind_unbind),
	KTAP_CASE(bind_read_only),
	KTAP_CASE(bind_single_page),
	KTAP_CASE(bind_partial_unbind),
	KTAP_CASE(bind_over_mapping),
	KTAP_CASE(bind_array),
	KTAP_CASE(bind_stride_extended),
	KTAP_CASE(bind_stride_short),
	KTAP_CASE(bind_pad_nonzero),
	KTAP_CASE(bind_bad_userptr),
	KTAP_CASE(bind_bad_vm),
	KTAP_CASE(bind_bad_handle),
	KTAP_CASE(bind_unknown_flags),
	KTAP_CASE(bind_misaligned_addr),
	KTAP_CASE(bind_misaligned_offset),
	KTAP_CASE(bind_misaligned_range),
	KTAP_CASE(bind_range_zero),
	KTAP_CASE(bind_past_bo_end),
	KTAP_CASE(bind_out_of_window),
	KTAP_CASE(bind_kernel_window),
	KTAP_CASE(bind_wraps),
	KTAP_CASE(bind_private_other_vm),
	KTAP_CASE(bind_then_close),
	KTAP_CASE(bind_two_vms_mapped),
};

const struct ktap_suite suite_bind = {
	.name = "asahi_uapi_vm_bind", .cases = bind_cases, .count = ARRAY_SIZE(bind_cases),
};
