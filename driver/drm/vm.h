/* SPDX-License-Identifier: GPL-2.0 */
/* driver/drm/vm.c: VMs and binds (VM_CREATE, VM_DESTROY, VM_BIND). Documented where defined. */
#ifndef _DRIVER_DRM_VM_H_
#define _DRIVER_DRM_VM_H_

#include "agx_drm_types.h"

struct drm_device;
struct drm_file;

int agx_drm_vm_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_vm_destroy_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
int agx_drm_vm_bind_ioctl(struct drm_device *drm, void *data, struct drm_file *file);
struct agx_drm_vm *agx_drm_vm_lookup(struct agx_drm_file *afile, u32 id);
void agx_drm_vm_put(struct agx_drm_vm *vm);
void agx_drm_vm_unmap_bo(struct agx_drm_vm *vm, struct drm_gem_object *obj);
void agx_drm_file_vms_fini(struct agx_drm_file *afile);

#endif /* _DRIVER_DRM_VM_H_ */
