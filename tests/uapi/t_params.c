// SPDX-License-Identifier: GPL-2.0
/*
 * GET_PARAMS and GET_TIME: the device's parameter block (§3.1-3.2 of the uAPI facts) and
 * the GPU clock in nanoseconds (§3.16).
 */
#include <string.h>
#include <unistd.h>

#include "cases.h"

static int get_params(int fd, __u32 group, __u32 pad, void *ptr, __u64 size)
{
	struct drm_asahi_get_params gp = {
		.param_group = group, .pad = pad,
		.pointer = (__u64)(unsigned long)ptr, .size = size,
	};

	agx_require("GET_PARAMS");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_GET_PARAMS, &gp);
}

/* the whole block, and values Mesa relies on (§5.1) */
static void params_global(void)
{
	struct drm_asahi_params_global p;
	int fd = agx_open();
	unsigned int i;

	memset(&p, 0, sizeof(p));
	KTAP_ASSERT_OK(get_params(fd, 0, 0, &p, sizeof(p)));
	ktap_diag("G%u%c rev %#x chip %#x, %u die(s), %u cluster(s) x %u cores",
		  p.gpu_generation, p.gpu_variant, p.gpu_revision, p.chip_id, p.num_dies,
		  p.num_clusters_total, p.num_cores_per_cluster);
	ktap_diag("VA [%#llx, %#llx], kernel min %#llx, %u commands per submit",
		  (unsigned long long)p.vm_start, (unsigned long long)p.vm_end,
		  (unsigned long long)p.vm_kernel_min_size, p.max_commands_per_submission);
	KTAP_EXPECT(p.gpu_generation >= 13);
	KTAP_EXPECT(p.num_dies >= 1);
	KTAP_EXPECT(p.num_clusters_total >= 1 &&
		    p.num_clusters_total <= DRM_ASAHI_MAX_CLUSTERS);
	for (i = 0; i < p.num_clusters_total && i < DRM_ASAHI_MAX_CLUSTERS; i++)
		KTAP_EXPECT(p.core_masks[i] != 0);
	KTAP_EXPECT(p.vm_start < p.vm_end);
	KTAP_EXPECT(p.vm_kernel_min_size > 0 &&
		    p.vm_kernel_min_size < p.vm_end - p.vm_start);
	KTAP_EXPECT(p.max_commands_per_submission >= 1);
	KTAP_EXPECT(p.command_timestamp_frequency_hz > 0);
	KTAP_EXPECT(!(p.features & ~(__u64)DRM_ASAHI_FEATURE_SOFT_FAULTS));
}

/* older userspace passes a shorter size: the kernel writes exactly that much */
static void params_short_size(void)
{
	unsigned char buf[sizeof(struct drm_asahi_params_global)];
	int fd = agx_open();
	size_t i, bad = 0;

	memset(buf, 0xa5, sizeof(buf));
	KTAP_ASSERT_OK(get_params(fd, 0, 0, buf, 16));
	for (i = 16; i < sizeof(buf); i++)
		bad += buf[i] != 0xa5;
	KTAP_EXPECT(bad == 0);
	KTAP_EXPECT(((struct drm_asahi_params_global *)buf)->gpu_generation >= 13);
}

/* newer userspace passes a larger buffer: accepted, the known block is written */
static void params_long_size(void)
{
	unsigned char buf[sizeof(struct drm_asahi_params_global) + 64];
	int fd = agx_open();

	memset(buf, 0, sizeof(buf));
	KTAP_ASSERT_OK(get_params(fd, 0, 0, buf, sizeof(buf)));
	KTAP_EXPECT(((struct drm_asahi_params_global *)buf)->gpu_generation >= 13);
}

/* two reads give the same block */
static void params_stable(void)
{
	struct drm_asahi_params_global a, b;
	int fd = agx_open();

	memset(&a, 0, sizeof(a));
	memset(&b, 0xff, sizeof(b));
	KTAP_ASSERT_OK(get_params(fd, 0, 0, &a, sizeof(a)));
	KTAP_ASSERT_OK(get_params(fd, 0, 0, &b, sizeof(b)));
	KTAP_EXPECT(!memcmp(&a, &b, sizeof(a)));
}

static void params_pad_nonzero(void)
{
	struct drm_asahi_params_global p;
	int fd = agx_open();

	KTAP_EXPECT_ERR(get_params(fd, 0, 1, &p, sizeof(p)), EINVAL);
}

static void params_bad_group(void)
{
	struct drm_asahi_params_global p;
	int fd = agx_open();

	KTAP_EXPECT_ERR(get_params(fd, 1, 0, &p, sizeof(p)), EINVAL);
}

static void params_bad_pointer(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(get_params(fd, 0, 0, (void *)16, sizeof(struct drm_asahi_params_global)),
			EFAULT);
}

static int get_time(int fd, __u64 flags, __u64 *ns)
{
	struct drm_asahi_get_time gt = { .flags = flags };
	int r;

	agx_require("GET_TIME");
	r = agx_ioctl(fd, DRM_IOCTL_ASAHI_GET_TIME, &gt);
	if (ns)
		*ns = gt.gpu_timestamp;
	return r;
}

/* GPU time advances, in nanoseconds: a 20 ms sleep is between 10 ms and 10 s of it */
static void time_advances(void)
{
	int fd = agx_open();
	__u64 t0, t1;

	KTAP_ASSERT_OK(get_time(fd, 0, &t0));
	usleep(20000);
	KTAP_ASSERT_OK(get_time(fd, 0, &t1));
	ktap_diag("t0 %llu ns, t1 - t0 = %llu ns", (unsigned long long)t0,
		  (unsigned long long)(t1 - t0));
	KTAP_EXPECT(t0 > 0);
	KTAP_EXPECT(t1 > t0);
	KTAP_EXPECT(t1 - t0 >= 10000000ULL && t1 - t0 <= 10000000000ULL);
}

static void time_flags_nonzero(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(get_time(fd, 1, NULL), EINVAL);
}

static const struct ktap_case params_cases[] = {
	KTAP_CASE(params_global),
	KTAP_CASE(params_short_size),
	KTAP_CASE(params_long_size),
	KTAP_CASE(params_stable),
	KTAP_CASE(params_pad_nonzero),
	KTAP_CASE(params_bad_group),
	KTAP_CASE(params_bad_pointer),
	KTAP_CASE(time_advances),
	KTAP_CASE(time_flags_nonzero),
};

const struct ktap_suite suite_params = {
	.name = "asahi_uapi_params", .cases = params_cases, .count = ARRAY_SIZE(params_cases),
};
