/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the uAPI tests (tests/uapi/): the render node, ioctls that return 0 or a
 * negative errno, and the objects most cases need (a VM laid out as Mesa lays it out, a BO,
 * a bind). Documentation/harness.rst, "A userspace test".
 */
#ifndef AGX_UAPI_H
#define AGX_UAPI_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>

#include "ktap.h"

#if __has_include("drm/asahi_drm.h")
#include "drm/asahi_drm.h"
#define AGX_HAVE_UAPI 1
#else
#define AGX_HAVE_UAPI 0
#endif

#define AGX_RENDER_NODE "/dev/dri/renderD128"
#define AGX_PAGE 16384ULL		/* the GPU page: every bind is aligned to it */

/* the render node, opened by the case (the child's exit closes it); skips if missing */
int agx_open(void);
/* ioctl through libdrm's drmIoctl (restarts on EINTR): 0 or -errno */
int agx_ioctl(int fd, unsigned long req, void *arg);

/*
 * Does agx.ko implement the ioctl NAME (GET_PARAMS, VM_BIND, ...)? It must be in the
 * driver's ioctl table, which the build compiles in from the DRM_IOCTL_DEF_DRV(ASAHI_*)
 * entries of driver/ (AGX_IOCTLS), and not be a stub that says -EOPNOTSUPP to everything.
 * agx_require() skips the case if not.
 */
bool agx_has_ioctl(const char *name);
void agx_require(const char *name);
/* DRM_IOCTL_GEM_CLOSE */
int agx_gem_close(int fd, __u32 handle);

#if AGX_HAVE_UAPI
/* the device's parameters (GET_PARAMS, asserted to succeed); cached per process */
const struct drm_asahi_params_global *agx_params(int fd);

/* Mesa's VA layout (§5.1 of the uAPI facts): the kernel window at the top of the VA space */
struct agx_layout {
	__u64 user_start, user_end;	/* where the cases bind */
	__u64 kernel_start, kernel_end;
};

void agx_layout(int fd, struct agx_layout *l);

int agx_vm_create_raw(int fd, struct drm_asahi_vm_create *vc);
__u32 agx_vm_create(int fd);			/* asserted to succeed */
int agx_vm_destroy(int fd, __u32 vm_id);
int agx_gem_create_raw(int fd, struct drm_asahi_gem_create *gc);
__u32 agx_bo_create(int fd, __u64 size, __u32 flags, __u32 vm_id);	/* asserted */
/* one bind op: 0 or -errno */
int agx_bind(int fd, __u32 vm_id, __u32 flags, __u32 handle, __u64 offset, __u64 range,
	     __u64 addr);
int agx_vm_bind_raw(int fd, struct drm_asahi_vm_bind *vb);
/* mmap a BO through GEM_MMAP_OFFSET (asserted); munmap it with size */
void *agx_bo_map(int fd, __u32 handle, __u64 size);
#endif

#endif /* AGX_UAPI_H */
