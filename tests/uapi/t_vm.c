// SPDX-License-Identifier: GPL-2.0
/*
 * VM_CREATE and VM_DESTROY: the kernel's VA window chosen by userspace (§4.3 of the uAPI
 * facts: inside [vm_start, vm_end], at least vm_kernel_min_size), ids, padding.
 */
#include "cases.h"

static int vm_create(int fd, __u64 start, __u64 end, __u32 pad, __u32 *id)
{
	struct drm_asahi_vm_create vc = {
		.kernel_start = start, .kernel_end = end, .pad = pad,
	};
	int r = agx_vm_create_raw(fd, &vc);

	if (id)
		*id = vc.vm_id;
	return r;
}

/* Mesa's layout: created, destroyed */
static void vm_create_destroy(void)
{
	int fd = agx_open();
	__u32 id = agx_vm_create(fd);

	KTAP_EXPECT_OK(agx_vm_destroy(fd, id));
}

/* the smallest window the kernel accepts, at the bottom of the space */
static void vm_kernel_min_window(void)
{
	int fd = agx_open();
	const struct drm_asahi_params_global *p = agx_params(fd);
	__u32 id;

	KTAP_ASSERT_OK(vm_create(fd, p->vm_start, p->vm_start + p->vm_kernel_min_size, 0, &id));
	KTAP_EXPECT_OK(agx_vm_destroy(fd, id));
}

/* sixteen VMs in one file have sixteen ids */
static void vm_many(void)
{
	int fd = agx_open();
	__u32 ids[16];
	int i, j;

	for (i = 0; i < 16; i++) {
		ids[i] = agx_vm_create(fd);
		for (j = 0; j < i; j++)
			KTAP_EXPECT(ids[i] != ids[j]);
	}
	for (i = 0; i < 16; i++)
		KTAP_EXPECT_OK(agx_vm_destroy(fd, ids[i]));
}

/* VM ids are per file: another file's id is not ours */
static void vm_other_file(void)
{
	int a = agx_open(), b = agx_open();
	__u32 id = agx_vm_create(a);

	KTAP_EXPECT_ERR(agx_vm_destroy(b, id), ENOENT);
	KTAP_EXPECT_OK(agx_vm_destroy(a, id));
}

static void vm_create_pad(void)
{
	int fd = agx_open();
	struct agx_layout l;

	agx_layout(fd, &l);
	KTAP_EXPECT_ERR(vm_create(fd, l.kernel_start, l.kernel_end, 1, NULL), EINVAL);
}

static void vm_kernel_too_small(void)
{
	int fd = agx_open();
	const struct drm_asahi_params_global *p = agx_params(fd);
	__u64 end = p->vm_end;

	KTAP_EXPECT_ERR(vm_create(fd, end - p->vm_kernel_min_size + AGX_PAGE, end, 0, NULL),
			EINVAL);
}

static void vm_kernel_past_end(void)
{
	int fd = agx_open();
	struct agx_layout l;

	agx_layout(fd, &l);
	KTAP_EXPECT_ERR(vm_create(fd, l.kernel_start + AGX_PAGE, l.kernel_end + AGX_PAGE, 0,
				  NULL), EINVAL);
}

static void vm_kernel_below_start(void)
{
	int fd = agx_open();
	const struct drm_asahi_params_global *p = agx_params(fd);

	if (p->vm_start < AGX_PAGE)
		ktap_skip("vm_start is %#llx: nothing below it",
			  (unsigned long long)p->vm_start);
	KTAP_EXPECT_ERR(vm_create(fd, p->vm_start - AGX_PAGE,
				  p->vm_start + p->vm_kernel_min_size, 0, NULL), EINVAL);
}

static void vm_kernel_inverted(void)
{
	int fd = agx_open();
	struct agx_layout l;

	agx_layout(fd, &l);
	KTAP_EXPECT_ERR(vm_create(fd, l.kernel_end, l.kernel_start, 0, NULL), EINVAL);
}

/* a window that wraps around 2^64 */
static void vm_kernel_wraps(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(vm_create(fd, ~0ULL - AGX_PAGE + 1, 1ULL << 40, 0, NULL), EINVAL);
}

static void vm_destroy_bad_id(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(agx_vm_destroy(fd, 0x7fffffff), ENOENT);
}

static void vm_destroy_twice(void)
{
	int fd = agx_open();
	__u32 id = agx_vm_create(fd);

	KTAP_ASSERT_OK(agx_vm_destroy(fd, id));
	KTAP_EXPECT_ERR(agx_vm_destroy(fd, id), ENOENT);
}

static void vm_destroy_pad(void)
{
	struct drm_asahi_vm_destroy vd = { .pad = 1 };
	int fd = agx_open();

	vd.vm_id = agx_vm_create(fd);
	KTAP_EXPECT_ERR(agx_ioctl(fd, DRM_IOCTL_ASAHI_VM_DESTROY, &vd), EINVAL);
	KTAP_EXPECT_OK(agx_vm_destroy(fd, vd.vm_id));
}

static const struct ktap_case vm_cases[] = {
	KTAP_CASE(vm_create_destroy),
	KTAP_CASE(vm_kernel_min_window),
	KTAP_CASE(vm_many),
	KTAP_CASE(vm_other_file),
	KTAP_CASE(vm_create_pad),
	KTAP_CASE(vm_kernel_too_small),
	KTAP_CASE(vm_kernel_past_end),
	KTAP_CASE(vm_kernel_below_start),
	KTAP_CASE(vm_kernel_inverted),
	KTAP_CASE(vm_kernel_wraps),
	KTAP_CASE(vm_destroy_bad_id),
	KTAP_CASE(vm_destroy_twice),
	KTAP_CASE(vm_destroy_pad),
};

const struct ktap_suite suite_vm = {
	.name = "asahi_uapi_vm", .cases = vm_cases, .count = ARRAY_SIZE(vm_cases),
};
