// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: DRM device model
 *
 * agx.ko registers one DRM render device (driver name ``asahi``, the name Mesa probes for,
 * asahi-uapi.md §5.1) for each GPU it binds, after the firmware is up
 * (agx_drm_register(), called by the platform driver's probe), and implements the uAPI of
 * include/uapi/drm/asahi_drm.h on it. The files of driver/drm, each one concern:
 *
 * ============== ========================================================================
 * agx_drm_drv.c  the &struct drm_driver, registration and unplug, files, GET_PARAMS,
 *                GET_TIME, the ioctl table
 * gem.c          buffer objects (&struct agx_bo): GEM_CREATE, GEM_MMAP_OFFSET, CPU
 *                mappings, handle close
 * vm.c           VMs (&struct agx_drm_vm: a drm_gpuvm over driver/mmu page tables):
 *                VM_CREATE, VM_DESTROY, VM_BIND
 * queue.c        queues (&struct agx_drm_queue: an AGX queue of driver/queue):
 *                QUEUE_CREATE, QUEUE_DESTROY
 * object.c       timestamp objects (&struct agx_drm_object: a BO range mapped for the
 *                firmware): GEM_BIND_OBJECT
 * submit.c       SUBMIT: command buffer, syncobj waits and signals, timestamps, jobs
 * ============== ========================================================================
 *
 * They form layers, a file calling only files below it (scripts/calls.py checks it on the
 * built objects in ``make lint``): agx_drm_drv.c calls gem.c, vm.c, queue.c, object.c and
 * submit.c; submit.c calls queue.c and object.c; gem.c and queue.c call vm.c; vm.c and
 * object.c call none of them (the BO helpers they need are inline in agx_drm_types.h).
 *
 * Objects and who owns them: an open file (&struct agx_drm_file) owns its VMs and its
 * queues and its timestamp objects by ID (xarrays, IDs from 1) and, through DRM core, its
 * GEM handles and syncobjs. A timestamp object is reference counted (the file's handle,
 * each job that writes timestamps into it) and keeps its BO and the device.
 * A queue is reference counted (the file's ID, each SUBMIT in progress) and keeps its
 * VM's page tables; its jobs keep the queue (driver/queue). A VM is
 * reference counted (its &drm_gpuvm): the file's ID holds one, each &drm_gpuvm_bo one, and
 * an ioctl working on it one. A GEM object lives while a handle, an mmap or a mapping in a
 * VM (its &drm_gpuvm_bo) refers to it. Closing a GEM handle unmaps the object from every
 * VM of that file (Mesa relies on it, asahi-uapi.md §5.2); destroying a VM, or closing the
 * file, unmaps everything in it.
 *
 * Unbind with files open: agx_drm_unregister() unplugs the DRM device before the GPU shuts
 * down (drm_dev_unplug(): new ioctls fail with -ENODEV; the handlers that create objects or
 * change mappings run inside drm_dev_enter(), so they finish first; SUBMIT does not, as it
 * may wait for a firmware event slot that only the GPU's shutdown frees: the AGX queue
 * fails it with -ENODEV once the device is unbound); the files keep the device, and the device a
 * reference on the GPU, whose memory (the MMU and its page tables) therefore outlives
 * every VM; closing the files then frees everything.
 */

/**
 * DOC: Locking
 *
 * Outermost first:
 *
 * 1. &agx_drm_vm.lock (mutex): a VM's binds, the handle-close unmap and its teardown; the
 *    VM's drm_gpuvm tree. One VM's lock at a time.
 * 2. &agx_bo.gpuva_lock (mutex): a GEM object's &drm_gpuvm_bo list and their mappings
 *    (drm_gem_gpuva_set_lock()); taken under a VM's lock, one object at a time, with a GEM
 *    reference held across so that a put under it is never the last.
 * 3. The page-table lock of driver/mmu (&agx_vm.lock), taken inside agx_vm_map_pages() and
 *    agx_vm_unmap() (Documentation/agx-mmu.rst).
 *
 * &agx_drm_dev.obj_lock (mutex) guards the allocator of the timestamp objects' kernel VA
 * range only; nothing is taken under it (the kernel VM is mapped and unmapped outside it).
 * A timestamp object's last reference may go in a fence callback: its unmap then runs
 * from the GPU's workqueue.
 *
 * &agx_drm_file.vms, .queues and .objects have their own locks (the xarrays'): a lookup
 * takes a reference under it and nothing else. No lock of driver/drm is held while
 * calling into driver/fw.
 */

#include <linux/module.h>
#include <linux/ktime.h>
#include <linux/seq_file.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <kunit/visibility.h>
#include <drm/drm_debugfs.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>
#include <drm/drm_gem.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_managed.h>
#include <agx/fw/sim_link.h>

#include "fw/agx_fw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "agx_drm_drv.h"
#include "gem.h"
#include "object.h"
#include "queue.h"
#include "submit.h"
#include "vm.h"

/* The uAPI layout, asahi-uapi.md §2 and §3: sizes of every struct and the ioctl values. */
static_assert(sizeof(struct drm_asahi_params_global) == 592);
static_assert(offsetof(struct drm_asahi_params_global, core_masks) == 40);
static_assert(offsetof(struct drm_asahi_params_global, vm_start) == 552);
static_assert(offsetof(struct drm_asahi_params_global, vm_kernel_min_size) == 568);
static_assert(offsetof(struct drm_asahi_params_global, max_commands_per_submission) == 576);
static_assert(offsetof(struct drm_asahi_params_global, command_timestamp_frequency_hz) == 584);
static_assert(sizeof(struct drm_asahi_get_params) == 24);
static_assert(offsetof(struct drm_asahi_get_params, size) == 16);
static_assert(sizeof(struct drm_asahi_vm_create) == 24);
static_assert(offsetof(struct drm_asahi_vm_create, vm_id) == 16);
static_assert(sizeof(struct drm_asahi_vm_destroy) == 8);
static_assert(sizeof(struct drm_asahi_gem_create) == 24);
static_assert(offsetof(struct drm_asahi_gem_create, handle) == 16);
static_assert(sizeof(struct drm_asahi_gem_mmap_offset) == 16);
static_assert(sizeof(struct drm_asahi_vm_bind) == 24);
static_assert(offsetof(struct drm_asahi_vm_bind, userptr) == 16);
static_assert(sizeof(struct drm_asahi_gem_bind_op) == 32);
static_assert(offsetof(struct drm_asahi_gem_bind_op, addr) == 24);
static_assert(sizeof(struct drm_asahi_gem_bind_object) == 40);
static_assert(offsetof(struct drm_asahi_gem_bind_object, object_handle) == 32);
static_assert(sizeof(struct drm_asahi_queue_create) == 24);
static_assert(offsetof(struct drm_asahi_queue_create, usc_exec_base) == 16);
static_assert(sizeof(struct drm_asahi_queue_destroy) == 8);
static_assert(sizeof(struct drm_asahi_sync) == 16);
static_assert(sizeof(struct drm_asahi_submit) == 40);
static_assert(offsetof(struct drm_asahi_submit, cmdbuf_size) == 32);
static_assert(sizeof(struct drm_asahi_cmd_header) == 8);
static_assert(sizeof(struct drm_asahi_attachment) == 24);
static_assert(sizeof(struct drm_asahi_zls_buffer) == 24);
static_assert(sizeof(struct drm_asahi_timestamp) == 8);
static_assert(sizeof(struct drm_asahi_timestamps) == 16);
static_assert(sizeof(struct drm_asahi_helper_program) == 16);
static_assert(sizeof(struct drm_asahi_bg_eot) == 8);
static_assert(sizeof(struct drm_asahi_cmd_render) == 240);
static_assert(offsetof(struct drm_asahi_cmd_render, depth) == 72);
static_assert(offsetof(struct drm_asahi_cmd_render, ppp_ctrl) == 144);
static_assert(offsetof(struct drm_asahi_cmd_render, utile_width_px) == 156);
static_assert(offsetof(struct drm_asahi_cmd_render, bg) == 168);
static_assert(offsetof(struct drm_asahi_cmd_render, isp_bgobjdepth) == 200);
static_assert(offsetof(struct drm_asahi_cmd_render, ts_frag) == 224);
static_assert(sizeof(struct drm_asahi_cmd_compute) == 64);
static_assert(offsetof(struct drm_asahi_cmd_compute, helper) == 32);
static_assert(offsetof(struct drm_asahi_cmd_compute, ts) == 48);
static_assert(sizeof(struct drm_asahi_get_time) == 16);
static_assert(DRM_IOCTL_ASAHI_GET_PARAMS == 0x40186440);
static_assert(DRM_IOCTL_ASAHI_GET_TIME == 0xc0106441);
static_assert(DRM_IOCTL_ASAHI_VM_BIND == 0x40186444);
static_assert(DRM_IOCTL_ASAHI_GEM_BIND_OBJECT == 0xc0286447);
static_assert(DRM_IOCTL_ASAHI_SUBMIT == 0x4028644a);

/*
 * The GPU VA window userspace manages (asahi-uapi.md §3.1): the user half of the UAT
 * (driver/mmu, AGX_UVA_START..AGX_UVA_END, exclusive end). The kernel range of VM_CREATE
 * lies inside it (§4.3); this driver keeps no per-VM kernel object there yet, so the least
 * size asked for is small (Mesa reserves at least 32 GiB anyway, §5.1).
 */
#define AGX_DRM_VM_KERNEL_MIN_SIZE	SZ_1G

/* Most hardware commands per SUBMIT (asahi-uapi.md §3.10); the Asahi driver's value */
#define AGX_DRM_MAX_COMMANDS		64

/*
 * What the parameter block reports per SoC (&agx_gpu_ident.chip_id): the base ("G") variant
 * of a generation, as the simulated GPU is (a simulated G14X GPU is a one-cluster M2 with
 * G14X firmware). A GPU read from the device tree will fill these from its hardware
 * configuration instead.
 */
struct agx_drm_gpu_info {
	u32 generation;
	u32 chip_id;
	u32 cores;
	u32 max_frequency_khz;
};

static const struct agx_drm_gpu_info agx_drm_gpus[] = {
	{ 13, 0x8103, 8, 1278000 },	/* M1, T8103 */
	{ 14, 0x8112, 10, 1398000 },	/* M2, T8112 */
};

static int agx_drm_fill_params(struct agx_drm_dev *adev)
{
	struct drm_asahi_params_global *p = &adev->params;
	const struct agx_drm_gpu_info *info = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(agx_drm_gpus); i++)
		if (agx_drm_gpus[i].chip_id == adev->gpu->ident.chip_id)
			info = &agx_drm_gpus[i];
	if (!info)
		return -ENODEV;
	memset(p, 0, sizeof(*p));
	/* soft faults are off: the firmware's fault control is left at 0 (driver/fw) */
	p->features = 0;
	p->gpu_generation = info->generation;
	p->gpu_variant = 'G';
	p->gpu_revision = 0;	/* A0: the driver reads no revision register yet */
	p->chip_id = info->chip_id;
	p->num_dies = 1;
	p->num_clusters_total = 1;
	p->num_cores_per_cluster = info->cores;
	p->max_frequency_khz = info->max_frequency_khz;
	p->core_masks[0] = GENMASK_ULL(info->cores - 1, 0);
	p->vm_start = AGX_UVA_START;
	p->vm_end = AGX_UVA_END;
	p->vm_kernel_min_size = AGX_DRM_VM_KERNEL_MIN_SIZE;
	p->max_commands_per_submission = AGX_DRM_MAX_COMMANDS;
	p->max_attachments = AGX_JOB_MAX_ATT;
	/* the simulated firmware's timer counts nanoseconds (driver/sim); hardware: 24 MHz */
	p->command_timestamp_frequency_hz = NSEC_PER_SEC;
	return 0;
}

/**
 * agx_drm_get_params_ioctl() - DRM_IOCTL_ASAHI_GET_PARAMS: copy out the parameter block
 * @drm: the DRM device.
 * @data: &struct drm_asahi_get_params.
 * @file: the caller's file.
 *
 * Writes min(@size, sizeof(struct drm_asahi_params_global)) bytes of the block to
 * @pointer, and zeroes the rest of a larger buffer: fields a newer userspace knows and this
 * kernel does not read as zero (asahi-uapi.md §3.2, §4.2).
 *
 * Context: process context (ioctl).
 * Return: 0; -EINVAL for a non-zero @param_group or @pad; -EFAULT if the buffer is not
 * writable; -ENODEV after unbind.
 */
static int agx_drm_get_params_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct agx_drm_dev *adev = to_agx_drm_dev(drm);
	struct drm_asahi_get_params *args = data;
	void __user *ptr = u64_to_user_ptr(args->pointer);
	u64 n = min_t(u64, args->size, sizeof(adev->params));
	int ret = 0, idx;

	if (args->param_group || args->pad)
		return -EINVAL;
	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	if (copy_to_user(ptr, &adev->params, n))
		ret = -EFAULT;
	else if (args->size > n && clear_user(ptr + n, args->size - n))
		ret = -EFAULT;
	drm_dev_exit(idx);
	return ret;
}

/**
 * agx_drm_get_time_ioctl() - DRM_IOCTL_ASAHI_GET_TIME: the GPU time in nanoseconds
 * @drm: the DRM device.
 * @data: &struct drm_asahi_get_time.
 * @file: the caller's file.
 *
 * The simulated GPU's timer is ktime_get_ns() (the clock of its Timestamp ops, driver/sim),
 * so @gpu_timestamp is comparable with the timestamps it writes; hardware shares a 24 MHz
 * reference clock with the CPU (asahi-uapi.md §3.16).
 *
 * Context: process context (ioctl).
 * Return: 0; -EINVAL for non-zero @flags; -ENODEV after unbind.
 */
static int agx_drm_get_time_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_get_time *args = data;
	int idx;

	if (args->flags)
		return -EINVAL;
	if (!drm_dev_enter(drm, &idx))
		return -ENODEV;
	args->gpu_timestamp = ktime_get_ns();
	drm_dev_exit(idx);
	return 0;
}

static int agx_drm_open(struct drm_device *drm, struct drm_file *file)
{
	struct agx_drm_file *afile = kzalloc(sizeof(*afile), GFP_KERNEL);

	if (!afile)
		return -ENOMEM;
	afile->adev = to_agx_drm_dev(drm);
	atomic_inc(&afile->adev->live.files);
	xa_init_flags(&afile->vms, XA_FLAGS_ALLOC1);
	xa_init_flags(&afile->queues, XA_FLAGS_ALLOC1);
	xa_init_flags(&afile->objects, XA_FLAGS_ALLOC1);
	file->driver_priv = afile;
	return 0;
}

/*
 * After drm_gem_release(): every handle is closed, every BO unmapped from the file's VMs.
 * The queues go first (without waiting for the GPU), then the timestamp objects (jobs in
 * flight keep theirs mapped), then the VMs.
 */
static void agx_drm_postclose(struct drm_device *drm, struct drm_file *file)
{
	struct agx_drm_file *afile = file->driver_priv;

	agx_drm_file_queues_fini(afile);
	agx_drm_file_objects_fini(afile);
	agx_drm_file_vms_fini(afile);
	xa_destroy(&afile->objects);
	xa_destroy(&afile->queues);
	xa_destroy(&afile->vms);
	atomic_dec(&afile->adev->live.files);
	kfree(afile);
}

static const struct drm_ioctl_desc agx_drm_ioctls[] = {
	DRM_IOCTL_DEF_DRV(ASAHI_GET_PARAMS, agx_drm_get_params_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_GET_TIME, agx_drm_get_time_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_VM_CREATE, agx_drm_vm_create_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_VM_DESTROY, agx_drm_vm_destroy_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_VM_BIND, agx_drm_vm_bind_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_GEM_CREATE, agx_drm_gem_create_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_GEM_MMAP_OFFSET, agx_drm_gem_mmap_offset_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_GEM_BIND_OBJECT, agx_drm_gem_bind_object_ioctl,
			  DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_QUEUE_CREATE, agx_drm_queue_create_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_QUEUE_DESTROY, agx_drm_queue_destroy_ioctl, DRM_RENDER_ALLOW),
	DRM_IOCTL_DEF_DRV(ASAHI_SUBMIT, agx_drm_submit_ioctl, DRM_RENDER_ALLOW),
};

DEFINE_DRM_GEM_FOPS(agx_drm_fops);

static const struct drm_driver agx_drm_driver = {
	.driver_features = DRIVER_RENDER | DRIVER_GEM | DRIVER_SYNCOBJ |
			   DRIVER_SYNCOBJ_TIMELINE | DRIVER_GEM_GPUVA,
	.open = agx_drm_open,
	.postclose = agx_drm_postclose,
	.ioctls = agx_drm_ioctls,
	.num_ioctls = ARRAY_SIZE(agx_drm_ioctls),
	.fops = &agx_drm_fops,
	.name = "asahi",
	.desc = "Apple AGX GPU",
	.major = 1,
	.minor = 0,
};

/*
 * Tests that fail every allocation of the probe in turn (kunit/agx_failslab_test.c) turn
 * the DRM device off around it: in 6.12, a failed drm_sysfs_minor_alloc() makes
 * drm_dev_init()'s cleanup put_device() an error pointer (drm_minor_alloc_release()), and
 * DRM core's own allocations would multiply the iterations past the hung-task timeout.
 */
bool agx_drm_enabled = true;
EXPORT_SYMBOL_IF_KUNIT(agx_drm_enabled);

/*
 * debugfs ``dri/<minor>/agx_objects``: what of the files is alive, one "name count" line
 * each: open files, VMs, BOs and queues of this device (&struct agx_drm_live), then the AGX
 * queues and jobs of driver/queue (over every GPU; a destroyed queue lives until its last
 * job is freed), then the GPU's fault and timeout events so far. ``make run`` requires the
 * first six to be 0 once its clients are gone (tools/agx-run).
 */
static int agx_drm_objects_show(struct seq_file *m, void *data)
{
	struct drm_debugfs_entry *entry = m->private;
	struct agx_drm_dev *adev = to_agx_drm_dev(entry->dev);
	unsigned int queues, jobs;

	agx_queue_live(&queues, &jobs);
	seq_printf(m, "files %d\nvms %d\nbos %d\nqueues %d\n",
		   atomic_read(&adev->live.files), atomic_read(&adev->live.vms),
		   atomic_read(&adev->live.bos), atomic_read(&adev->live.queues));
	seq_printf(m, "hw_queues %u\njobs %u\nfaults %d\ntimeouts %d\n", queues, jobs,
		   atomic_read(&adev->gpu->stats.faults), atomic_read(&adev->gpu->stats.timeouts));
	return 0;
}

/*
 * The device's GPU reference goes with the DRM device (the last file or timestamp object,
 * or the unbind).
 */
static void agx_drm_release(struct drm_device *drm, void *res)
{
	agx_drm_objects_fini(to_agx_drm_dev(drm));
	agx_gpu_put(to_agx_drm_dev(drm)->gpu);
}

/* devres: finds the DRM device of a platform device at unbind (its drvdata is the GPU) */
static void agx_drm_devres_release(struct device *dev, void *res)
{
}

/**
 * agx_drm_register() - register the DRM render device of a GPU
 * @dev: the GPU's platform device, being bound.
 * @gpu: the GPU, up; the DRM device takes a reference.
 *
 * Does nothing while agx_drm_enabled is false (tests only).
 *
 * Context: process context (probe).
 * Return: 0; -ENODEV for a GPU generation without parameters; -ENOMEM; an error of
 * drm_dev_register().
 */
int agx_drm_register(struct device *dev, struct agx_gpu *gpu)
{
	struct agx_drm_dev *adev, **slot;
	int ret;

	if (!READ_ONCE(agx_drm_enabled))
		return 0;
	slot = devres_alloc(agx_drm_devres_release, sizeof(*slot), GFP_KERNEL);
	if (!slot)
		return -ENOMEM;
	adev = devm_drm_dev_alloc(dev, &agx_drm_driver, struct agx_drm_dev, drm);
	if (IS_ERR(adev)) {
		devres_free(slot);
		return PTR_ERR(adev);
	}
	adev->gpu = agx_gpu_get(gpu);
	adev->mmu = gpu->mmu;
	agx_drm_objects_init(adev);
	ret = drmm_add_action_or_reset(&adev->drm, agx_drm_release, NULL);
	if (!ret)
		ret = agx_drm_fill_params(adev);
	if (!ret)
		drm_debugfs_add_file(&adev->drm, "agx_objects", agx_drm_objects_show, NULL);
	if (!ret)
		ret = drm_dev_register(&adev->drm, 0);
	if (ret) {
		devres_free(slot);
		return ret;
	}
	*slot = adev;
	devres_add(dev, slot);
	return 0;
}

/**
 * agx_drm_unregister() - unplug the DRM device of a GPU being unbound
 * @dev: the GPU's platform device.
 *
 * Called before the GPU shuts down. New ioctls fail with -ENODEV; the ones running
 * return first. Open files stay valid: they keep the DRM device, which keeps the GPU's
 * memory, until they are closed.
 *
 * Context: process context (remove); sleeps.
 */
void agx_drm_unregister(struct device *dev)
{
	struct agx_drm_dev **slot = devres_find(dev, agx_drm_devres_release, NULL, NULL);

	if (slot)
		drm_dev_unplug(&(*slot)->drm);
}
