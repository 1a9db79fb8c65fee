// SPDX-License-Identifier: GPL-2.0
/*
 * The render node and DRM core ioctls: what every DRM client does before the driver's own
 * ioctls (Mesa's agx_open_device() starts with drmGetVersion()).
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <xf86drm.h>

#include "cases.h"

/* the render node exists, is a character device of the DRM major, and opens read-write */
static void render_node_opens(void)
{
	struct stat st;
	int fd = agx_open();

	KTAP_ASSERT(fstat(fd, &st) == 0);
	KTAP_EXPECT(S_ISCHR(st.st_mode));
	KTAP_EXPECT(major(st.st_rdev) == 226);	/* DRM_MAJOR */
	KTAP_EXPECT(minor(st.st_rdev) >= 128);	/* render minors */
	KTAP_EXPECT(drmGetNodeTypeFromFd(fd) == DRM_NODE_RENDER);
}

/* DRM_IOCTL_VERSION names the driver "asahi", as Mesa requires */
static void version_name_asahi(void)
{
	int fd = agx_open();
	drmVersionPtr v = drmGetVersion(fd);

	KTAP_ASSERT(v);
	ktap_diag("driver %s %d.%d.%d (%s, %s)", v->name, v->version_major,
		  v->version_minor, v->version_patchlevel, v->date, v->desc);
	KTAP_EXPECT(v->name_len == 5 && !strcmp(v->name, "asahi"));
	KTAP_EXPECT(v->desc_len > 0);
	drmFreeVersion(v);
}

/* two opens are two DRM files; closing one leaves the other usable */
static void two_files(void)
{
	int a = agx_open(), b = agx_open();
	drmVersionPtr v;

	KTAP_EXPECT(a != b);
	close(a);
	v = drmGetVersion(b);
	KTAP_ASSERT(v);
	drmFreeVersion(v);
}

/* a driver ioctl number past the driver's table: the DRM core refuses it with -EINVAL */
static void unknown_driver_ioctl(void)
{
	int fd = agx_open();
	__u64 arg[4] = { 0 };

	KTAP_EXPECT_ERR(agx_ioctl(fd, DRM_IOWR(DRM_COMMAND_BASE + 0x5f, arg), arg), EINVAL);
}

/* GEM_CLOSE of a handle that was never created: -EINVAL (drm_gem_handle_delete) */
static void gem_close_bad_handle(void)
{
	int fd = agx_open();

	KTAP_EXPECT_ERR(agx_gem_close(fd, 0x7fff), EINVAL);
}

/* syncobjs (SUBMIT's waits and signals): create, signal, wait, destroy */
static void syncobj_basic(void)
{
	int fd = agx_open();
	__u32 h;
	int r;

	r = drmSyncobjCreate(fd, DRM_SYNCOBJ_CREATE_SIGNALED, &h);
	if (r && errno == EOPNOTSUPP)
		ktap_skip("the driver has no DRIVER_SYNCOBJ");
	KTAP_ASSERT(r == 0);
	KTAP_EXPECT(drmSyncobjWait(fd, &h, 1, 0, 0, NULL) == 0);
	KTAP_EXPECT(drmSyncobjDestroy(fd, h) == 0);
}

/* timeline syncobjs (TIMELINE_SYNCOBJ syncs, hk's queue timeline) */
static void syncobj_timeline(void)
{
	int fd = agx_open();
	uint64_t point = 0, three = 3;
	__u32 h;
	int r;

	r = drmSyncobjCreate(fd, 0, &h);
	if (r && errno == EOPNOTSUPP)
		ktap_skip("the driver has no DRIVER_SYNCOBJ");
	KTAP_ASSERT(r == 0);
	r = drmSyncobjTimelineSignal(fd, &h, &three, 1);
	if (r && errno == EOPNOTSUPP)
		ktap_skip("the driver has no DRIVER_SYNCOBJ_TIMELINE");
	KTAP_EXPECT(r == 0);
	KTAP_EXPECT(drmSyncobjQuery(fd, &h, &point, 1) == 0);
	KTAP_EXPECT(point == 3);
	KTAP_EXPECT(drmSyncobjDestroy(fd, h) == 0);
}

static const struct ktap_case core_cases[] = {
	KTAP_CASE(render_node_opens),
	KTAP_CASE(version_name_asahi),
	KTAP_CASE(two_files),
	KTAP_CASE(unknown_driver_ioctl),
	KTAP_CASE(gem_close_bad_handle),
	KTAP_CASE(syncobj_basic),
	KTAP_CASE(syncobj_timeline),
};

const struct ktap_suite suite_core = {
	.name = "asahi_uapi_core", .cases = core_cases, .count = ARRAY_SIZE(core_cases),
};
