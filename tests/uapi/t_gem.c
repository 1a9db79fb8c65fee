// SPDX-License-Identifier: GPL-2.0
/*
 * GEM_CREATE, GEM_MMAP_OFFSET and mmap (§3.4-3.5, §5.2 of the uAPI facts): BO flags,
 * VM-private BOs, the CPU mapping.
 */
#include <string.h>
#include <sys/mman.h>

#include "cases.h"

static int gem_create(int fd, __u64 size, __u32 flags, __u32 vm_id, __u32 pad)
{
	struct drm_asahi_gem_create gc = {
		.size = size, .flags = flags, .vm_id = vm_id, .pad = pad,
	};

	return agx_gem_create_raw(fd, &gc);
}

static void gem_create_close(void)
{
	int fd = agx_open();
	__u32 h = agx_bo_create(fd, AGX_PAGE, 0, 0);

	KTAP_EXPECT_OK(agx_gem_close(fd, h));
	KTAP_EXPECT_ERR(agx_gem_close(fd, h), EINVAL);
}

static void gem_writeback(void)
{
	int fd = agx_open();

	KTAP_EXPECT_OK(agx_gem_close(fd, agx_bo_create(fd, AGX_PAGE,
						       DRM_ASAHI_GEM_WRITEBACK, 0)));
}

static void gem_vm_private(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd);
	__u32 h = agx_bo_create(fd, 4 * AGX_PAGE, DRM_ASAHI_GEM_VM_PRIVATE, vm);

	KTAP_EXPECT_OK(agx_gem_close(fd, h));
	KTAP_EXPECT_OK(agx_vm_destroy(fd, vm));
}

/* a private BO outliving its VM's destroy: closed afterwards without trouble */
static void gem_private_outlives_vm(void)
{
	int fd = agx_open();
	__u32 vm = agx_vm_create(fd);
	__u32 h = agx_bo_create(fd, AGX_PAGE, DRM_ASAHI_GEM_VM_PRIVATE, vm);

	KTAP_EXPECT_OK(agx_vm_destroy(fd, vm));
	KTAP_EXPECT_OK(agx_gem_close(fd, h));
}

static void gem_private_bad_vm(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(gem_create(fd, AGX_PAGE, DRM_ASAHI_GEM_VM_PRIVATE, 0x7fffffff, 0),
			ENOENT);
}

static void gem_unknown_flags(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(gem_create(fd, AGX_PAGE, 1u << 31, 0, 0), EINVAL);
	KTAP_EXPECT_ERR(gem_create(fd, AGX_PAGE, 1u << 2, 0, 0), EINVAL);
}

static void gem_pad_nonzero(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(gem_create(fd, AGX_PAGE, 0, 0, 1), EINVAL);
}

static void gem_size_zero(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(gem_create(fd, 0, 0, 0, 0), EINVAL);
}

/* a size that wraps when rounded up to pages fails cleanly (the errno is the kernel's) */
static void gem_size_wraps(void)
{
	int fd = agx_open();
	int r = gem_create(fd, ~0ULL - 100, 0, 0, 0);

	ktap_diag("GEM_CREATE of 2^64 - 101 bytes: %s", ktap_errname(r));
	KTAP_EXPECT(r == -EINVAL || r == -ENOMEM || r == -E2BIG || r == -EOVERFLOW);
}

/* 2^62 bytes: refused, or created lazily (shmem) and closed; either way no kernel report */
static void gem_size_huge(void)
{
	struct drm_asahi_gem_create gc = { .size = 1ULL << 62 };
	int fd = agx_open();
	int r = agx_gem_create_raw(fd, &gc);

	ktap_diag("GEM_CREATE of 2^62 bytes: %s", ktap_errname(r));
	KTAP_EXPECT(r == 0 || r == -EINVAL || r == -ENOMEM || r == -E2BIG);
	if (!r)
		KTAP_EXPECT_OK(agx_gem_close(fd, gc.handle));
}

static int mmap_offset(int fd, __u32 handle, __u32 flags, __u64 *offset)
{
	struct drm_asahi_gem_mmap_offset mo = { .handle = handle, .flags = flags };
	int r;

	agx_require("GEM_MMAP_OFFSET");
	r = agx_ioctl(fd, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo);
	if (offset)
		*offset = mo.offset;
	return r;
}

/* a new BO reads as zeroes; what the CPU writes, a second mapping reads */
static void gem_mmap_rw(void)
{
	int fd = agx_open();
	__u32 h = agx_bo_create(fd, 2 * AGX_PAGE, 0, 0);
	unsigned char *a = agx_bo_map(fd, h, 2 * AGX_PAGE);
	unsigned char *b;
	size_t i, nonzero = 0;

	for (i = 0; i < 2 * AGX_PAGE; i++)
		nonzero += a[i] != 0;
	KTAP_EXPECT(nonzero == 0);
	memset(a, 0x5a, 2 * AGX_PAGE);
	b = agx_bo_map(fd, h, 2 * AGX_PAGE);
	KTAP_EXPECT(b[0] == 0x5a && b[2 * AGX_PAGE - 1] == 0x5a);
	munmap(a, 2 * AGX_PAGE);
	munmap(b, 2 * AGX_PAGE);
	KTAP_EXPECT_OK(agx_gem_close(fd, h));
}

/* the mapping keeps the BO alive after GEM_CLOSE (the VMA holds a reference) */
static void gem_mmap_after_close(void)
{
	int fd = agx_open();
	__u32 h = agx_bo_create(fd, AGX_PAGE, DRM_ASAHI_GEM_WRITEBACK, 0);
	unsigned char *a = agx_bo_map(fd, h, AGX_PAGE);

	KTAP_ASSERT_OK(agx_gem_close(fd, h));
	a[0] = 1;
	KTAP_EXPECT(a[0] == 1);
	munmap(a, AGX_PAGE);
}

static void gem_mmap_offset_bad_handle(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(mmap_offset(fd, 0x7fff, 0, NULL), ENOENT);
}

static void gem_mmap_offset_flags(void)
{
	int fd = agx_open();
	__u32 h = agx_bo_create(fd, AGX_PAGE, 0, 0);

	KTAP_EXPECT_ERR(mmap_offset(fd, h, 1, NULL), EINVAL);
}

/* mapping more than the BO: refused by the DRM core's GEM mmap */
static void gem_mmap_past_end(void)
{
	int fd = agx_open();
	__u32 h = agx_bo_create(fd, AGX_PAGE, 0, 0);
	__u64 off;
	void *p;

	KTAP_ASSERT_OK(mmap_offset(fd, h, 0, &off));
	p = mmap(NULL, 4 * AGX_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	KTAP_EXPECT(p == MAP_FAILED && errno == EINVAL);
	if (p != MAP_FAILED)
		munmap(p, 4 * AGX_PAGE);
}

static const struct ktap_case gem_cases[] = {
	KTAP_CASE(gem_create_close),
	KTAP_CASE(gem_writeback),
	KTAP_CASE(gem_vm_private),
	KTAP_CASE(gem_private_outlives_vm),
	KTAP_CASE(gem_private_bad_vm),
	KTAP_CASE(gem_unknown_flags),
	KTAP_CASE(gem_pad_nonzero),
	KTAP_CASE(gem_size_zero),
	KTAP_CASE(gem_size_wraps),
	KTAP_CASE(gem_size_huge),
	KTAP_CASE(gem_mmap_rw),
	KTAP_CASE(gem_mmap_after_close),
	KTAP_CASE(gem_mmap_offset_bad_handle),
	KTAP_CASE(gem_mmap_offset_flags),
	KTAP_CASE(gem_mmap_past_end),
};

const struct ktap_suite suite_gem = {
	.name = "asahi_uapi_gem", .cases = gem_cases, .count = ARRAY_SIZE(gem_cases),
};
