// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the uAPI tests: see uapi.h.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>

#include "ioctls.h"
#include "uapi.h"

static const char agx_ioctls[] = AGX_IOCTLS;

int agx_open(void)
{
	int fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);

	/* a render node is missing only where the driver has no ioctls at all */
	if (fd < 0 && errno == ENOENT && !agx_ioctls[0])
		ktap_skip("no %s: agx.ko of this tree has no DRM device", AGX_RENDER_NODE);
	if (fd < 0) {
		ktap_diag("open %s: %s", AGX_RENDER_NODE, strerror(errno));
		ktap_abort();
	}
	return fd;
}

int agx_ioctl(int fd, unsigned long req, void *arg)
{
	return drmIoctl(fd, req, arg) ? -errno : 0;
}

static bool in_table(const char *name)
{
	const char *p = agx_ioctls;
	size_t len = strlen(name);

	while ((p = strstr(p, name))) {
		if ((p == agx_ioctls || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
		p += len;
	}
	return false;
}

#if AGX_HAVE_UAPI
static const struct {
	const char *name;
	unsigned long req;
} ioctl_reqs[] = {
	{ "GET_PARAMS", DRM_IOCTL_ASAHI_GET_PARAMS },
	{ "GET_TIME", DRM_IOCTL_ASAHI_GET_TIME },
	{ "VM_CREATE", DRM_IOCTL_ASAHI_VM_CREATE },
	{ "VM_DESTROY", DRM_IOCTL_ASAHI_VM_DESTROY },
	{ "VM_BIND", DRM_IOCTL_ASAHI_VM_BIND },
	{ "GEM_CREATE", DRM_IOCTL_ASAHI_GEM_CREATE },
	{ "GEM_MMAP_OFFSET", DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET },
	{ "GEM_BIND_OBJECT", DRM_IOCTL_ASAHI_GEM_BIND_OBJECT },
	{ "QUEUE_CREATE", DRM_IOCTL_ASAHI_QUEUE_CREATE },
	{ "QUEUE_DESTROY", DRM_IOCTL_ASAHI_QUEUE_DESTROY },
	{ "SUBMIT", DRM_IOCTL_ASAHI_SUBMIT },
};

/*
 * A table entry may be a stub: called with a zeroed argument (which every implemented
 * ioctl refuses or, GET_PARAMS with size 0 and GET_TIME, answers without side effects),
 * a stub says -EOPNOTSUPP. Probed once per process; without a render node, the table's
 * word stands.
 */
static bool implemented(const char *name)
{
	static signed char known[ARRAY_SIZE(ioctl_reqs)];
	__u64 zero[8] = { 0 };
	size_t i;
	int fd, r;

	for (i = 0; i < ARRAY_SIZE(ioctl_reqs); i++)
		if (!strcmp(ioctl_reqs[i].name, name))
			break;
	if (i == ARRAY_SIZE(ioctl_reqs))
		return false;
	if (!known[i]) {
		fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return true;
		r = agx_ioctl(fd, ioctl_reqs[i].req, zero);
		close(fd);
		known[i] = r == -EOPNOTSUPP ? -1 : 1;
	}
	return known[i] > 0;
}
#else
static bool implemented(const char *name)
{
	(void)name;
	return false;
}
#endif

bool agx_has_ioctl(const char *name)
{
	return in_table(name) && implemented(name);
}

void agx_require(const char *name)
{
	if (!AGX_HAVE_UAPI)
		ktap_skip("no include/uapi/drm/asahi_drm.h in this tree");
	if (!in_table(name))
		ktap_skip("%s is not in agx.ko's ioctl table", name);
	if (!implemented(name))
		ktap_skip("%s: agx.ko says -EOPNOTSUPP (not implemented yet)", name);
}

int agx_gem_close(int fd, __u32 handle)
{
	struct drm_gem_close gc = { .handle = handle };

	return agx_ioctl(fd, DRM_IOCTL_GEM_CLOSE, &gc);
}

#if AGX_HAVE_UAPI
const struct drm_asahi_params_global *agx_params(int fd)
{
	static struct drm_asahi_params_global p;
	static bool have;
	struct drm_asahi_get_params gp = {
		.param_group = 0,
		.pointer = (__u64)(unsigned long)&p,
		.size = sizeof(p),
	};

	if (!have) {
		agx_require("GET_PARAMS");
		KTAP_ASSERT_OK(agx_ioctl(fd, DRM_IOCTL_ASAHI_GET_PARAMS, &gp));
		have = true;
	}
	return &p;
}

/*
 * As agx_open_device() in Mesa: the kernel's window is max(vm_kernel_min_size, 32 GiB) at
 * the top of [vm_start, vm_end] (vm_end itself passed as kernel_end), clamped to half of
 * the space if that is smaller; userspace binds below it.
 */
void agx_layout(int fd, struct agx_layout *l)
{
	const struct drm_asahi_params_global *p = agx_params(fd);
	__u64 ksize = p->vm_kernel_min_size;

	if (ksize < (32ULL << 30))
		ksize = 32ULL << 30;
	if (ksize > (p->vm_end - p->vm_start) / 2)
		ksize = p->vm_kernel_min_size;
	ksize = (ksize + AGX_PAGE - 1) & ~(AGX_PAGE - 1);
	l->kernel_end = p->vm_end;
	l->kernel_start = p->vm_end - ksize;
	l->user_start = (p->vm_start + AGX_PAGE - 1) & ~(AGX_PAGE - 1);
	l->user_end = l->kernel_start & ~(AGX_PAGE - 1);
	KTAP_ASSERT(l->user_start < l->user_end);
}

int agx_vm_create_raw(int fd, struct drm_asahi_vm_create *vc)
{
	agx_require("VM_CREATE");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_VM_CREATE, vc);
}

__u32 agx_vm_create(int fd)
{
	struct drm_asahi_vm_create vc = { 0 };
	struct agx_layout l;

	agx_layout(fd, &l);
	vc.kernel_start = l.kernel_start;
	vc.kernel_end = l.kernel_end;
	KTAP_ASSERT_OK(agx_vm_create_raw(fd, &vc));
	return vc.vm_id;
}

int agx_vm_destroy(int fd, __u32 vm_id)
{
	struct drm_asahi_vm_destroy vd = { .vm_id = vm_id };

	agx_require("VM_DESTROY");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_VM_DESTROY, &vd);
}

int agx_gem_create_raw(int fd, struct drm_asahi_gem_create *gc)
{
	agx_require("GEM_CREATE");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_GEM_CREATE, gc);
}

__u32 agx_bo_create(int fd, __u64 size, __u32 flags, __u32 vm_id)
{
	struct drm_asahi_gem_create gc = { .size = size, .flags = flags, .vm_id = vm_id };

	KTAP_ASSERT_OK(agx_gem_create_raw(fd, &gc));
	KTAP_ASSERT(gc.handle != 0);
	return gc.handle;
}

int agx_vm_bind_raw(int fd, struct drm_asahi_vm_bind *vb)
{
	agx_require("VM_BIND");
	return agx_ioctl(fd, DRM_IOCTL_ASAHI_VM_BIND, vb);
}

int agx_bind(int fd, __u32 vm_id, __u32 flags, __u32 handle, __u64 offset, __u64 range,
	     __u64 addr)
{
	struct drm_asahi_gem_bind_op op = {
		.flags = flags, .handle = handle, .offset = offset, .range = range,
		.addr = addr,
	};
	struct drm_asahi_vm_bind vb = {
		.vm_id = vm_id, .num_binds = 1, .stride = sizeof(op),
		.userptr = (__u64)(unsigned long)&op,
	};

	return agx_vm_bind_raw(fd, &vb);
}

void *agx_bo_map(int fd, __u32 handle, __u64 size)
{
	struct drm_asahi_gem_mmap_offset mo = { .handle = handle };
	void *p;

	agx_require("GEM_MMAP_OFFSET");
	KTAP_ASSERT_OK(agx_ioctl(fd, DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, &mo));
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, mo.offset);
	if (p == MAP_FAILED) {
		ktap_diag("mmap of handle %u at offset %#llx: %s", handle,
			  (unsigned long long)mo.offset, strerror(errno));
		ktap_abort();
	}
	return p;
}
#endif
