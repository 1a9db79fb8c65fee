// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Queues
 *
 * A queue of QUEUE_CREATE (&struct agx_drm_queue) is one AGX queue of driver/queue: one job
 * queue and three firmware work queues (vertex, fragment, compute) in the VM given at
 * creation, which the AGX queue keeps (its page tables) for as long as it lives. The uAPI
 * priority is a hint to the firmware: LOW and MEDIUM select the pipe channels of firmware
 * priority 3 - priority, as the Asahi driver does; HIGH and REALTIME are refused with
 * -EINVAL until there is a permission check for them (asahi-agx-driver.md §1.1).
 *
 * QUEUE_DESTROY and file close drop the file's reference; a SUBMIT in progress holds its
 * own. The last one destroys the AGX queue without waiting for the GPU: jobs not yet run
 * are cancelled (-ECANCELED), those in the firmware's rings complete, and every fence
 * signals (R4).
 */

#include <linux/slab.h>
#include <drm/drm_drv.h>
#include <drm/drm_file.h>

#include "queue/agx_queue.h"
#include "queue.h"
#include "vm.h"

static void agx_drm_queue_release(struct kref *ref)
{
	struct agx_drm_queue *queue = container_of(ref, struct agx_drm_queue, ref);

	agx_queue_destroy(queue->q);
	atomic_dec(&queue->adev->live.queues);
	kfree(queue);
}

/**
 * agx_drm_queue_put() - drop a queue reference
 * @queue: the queue.
 *
 * Context: process context; the last put destroys the AGX queue (does not wait).
 */
void agx_drm_queue_put(struct agx_drm_queue *queue)
{
	kref_put(&queue->ref, agx_drm_queue_release);
}

/**
 * agx_drm_queue_lookup() - a queue of a file by ID
 * @afile: the file.
 * @id: the queue ID.
 *
 * Context: any (takes the xarray's lock).
 * Return: the queue with a reference (drop it with agx_drm_queue_put()), or NULL.
 */
struct agx_drm_queue *agx_drm_queue_lookup(struct agx_drm_file *afile, u32 id)
{
	struct agx_drm_queue *queue;

	xa_lock(&afile->queues);
	queue = xa_load(&afile->queues, id);
	if (queue)
		kref_get(&queue->ref);
	xa_unlock(&afile->queues);
	return queue;
}

/**
 * agx_drm_file_queues_fini() - destroy every queue of a closing file
 * @afile: the file.
 *
 * Context: process context (postclose); does not wait for the GPU.
 */
void agx_drm_file_queues_fini(struct agx_drm_file *afile)
{
	struct agx_drm_queue *queue;
	unsigned long id;

	xa_for_each(&afile->queues, id, queue) {
		xa_erase(&afile->queues, id);
		agx_drm_queue_put(queue);
	}
}

/**
 * agx_drm_queue_create_ioctl() - DRM_IOCTL_ASAHI_QUEUE_CREATE: create a queue
 * @drm: the DRM device.
 * @data: &struct drm_asahi_queue_create.
 * @file: the caller's file.
 *
 * Context: process context (ioctl); sleeps.
 * Return: 0 with @queue_id set; -EINVAL for non-zero @flags, a priority other than LOW or
 * MEDIUM; -ENOENT if @vm_id names no VM of the file; -ENOMEM; -ENODEV after unbind or a
 * firmware crash.
 */
int agx_drm_queue_create_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_queue_create *args = data;
	struct agx_drm_file *afile = file->driver_priv;
	struct agx_drm_queue *queue;
	struct agx_drm_vm *vm;
	int ret, idx;
	u32 id;

	if (args->flags || args->priority > DRM_ASAHI_PRIORITY_MEDIUM)
		return -EINVAL;
	vm = agx_drm_vm_lookup(afile, args->vm_id);
	if (!vm)
		return -ENOENT;
	if (!drm_dev_enter(drm, &idx)) {
		agx_drm_vm_put(vm);
		return -ENODEV;
	}
	ret = -ENOMEM;
	queue = kzalloc(sizeof(*queue), GFP_KERNEL_ACCOUNT);
	if (!queue)
		goto out;
	kref_init(&queue->ref);
	queue->usc_exec_base = args->usc_exec_base;
	queue->q = agx_queue_create(to_agx_drm_dev(drm)->gpu, vm->heap,
				    DRM_ASAHI_PRIORITY_REALTIME - args->priority);
	if (IS_ERR(queue->q)) {
		ret = PTR_ERR(queue->q);
		kfree(queue);
		goto out;
	}
	queue->adev = to_agx_drm_dev(drm);
	atomic_inc(&queue->adev->live.queues);	/* the release counts it out */
	ret = xa_alloc(&afile->queues, &id, queue, xa_limit_32b, GFP_KERNEL);
	if (ret) {
		agx_drm_queue_put(queue);
		goto out;
	}
	args->queue_id = id;
out:
	drm_dev_exit(idx);
	agx_drm_vm_put(vm);
	return ret;
}

/**
 * agx_drm_queue_destroy_ioctl() - DRM_IOCTL_ASAHI_QUEUE_DESTROY: destroy a queue
 * @drm: the DRM device.
 * @data: &struct drm_asahi_queue_destroy.
 * @file: the caller's file.
 *
 * Context: process context (ioctl); does not wait for the GPU.
 * Return: 0; -EINVAL for a non-zero @pad; -ENOENT if @queue_id names no queue of the file.
 */
int agx_drm_queue_destroy_ioctl(struct drm_device *drm, void *data, struct drm_file *file)
{
	struct drm_asahi_queue_destroy *args = data;
	struct agx_drm_file *afile = file->driver_priv;
	struct agx_drm_queue *queue;

	if (args->pad)
		return -EINVAL;
	queue = xa_erase(&afile->queues, args->queue_id);
	if (!queue)
		return -ENOENT;
	agx_drm_queue_put(queue);
	return 0;
}
