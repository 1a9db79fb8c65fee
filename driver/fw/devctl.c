// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Device state: references, crash state, doorbells, device control
 *
 * The lowest layer of a GPU above the channels: what every other file of driver/fw needs
 * to know about the device and nothing more.
 *
 * - References: &agx_gpu.ref keeps the GPU's memory and its struct device alive, not the
 *   binding. The last put queues &agx_gpu.release_work on &agx_gpu.release_wq; the work
 *   function belongs to gpu.c, which sets it up at probe.
 * - Crash state: &agx_gpu.crashed is set once, under &agx_gpu.rx_lock, when the firmware
 *   crashed or the device is being unbound (agx_gpu_mark_dead()). From then on nothing
 *   sends a message or writes firmware memory.
 * - Doorbells: agx_gpu_doorbell() sends in an RCU read-side section, so that the unbind
 *   can wait (synchronize_rcu()) for every doorbell that saw the firmware alive before it
 *   destroys the transport.
 * - Device control is one message at a time (&agx_gpu.devctl_lock), with a bounded wait
 *   for the firmware's acknowledgment (read_ptr), so a stalled firmware costs at most 1 s
 *   per message.
 */

#include <linux/device.h>
#include <linux/export.h>
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <kunit/visibility.h>

#include "devctl.h"
#include "channel.h"

#include "xport/agx_xport.h"

static void agx_gpu_release(struct kref *ref)
{
	struct agx_gpu *gpu = container_of(ref, struct agx_gpu, ref);

	/* the last put may come from agx_wq (free_job, agx_gpu_ctx_work()): free elsewhere */
	queue_work(gpu->release_wq, &gpu->release_work);
}

/**
 * agx_gpu_get() - take a reference on a GPU
 * @gpu: the GPU; the caller already holds a reference (or is its bound driver).
 *
 * A reference keeps the GPU's memory (MMU, pools, channels, stamps) and its struct device
 * alive, not the device binding: after an unbind the GPU is dead (agx_gpu_is_crashed())
 * and refuses work with -ENODEV.
 *
 * Context: any.
 * Return: @gpu.
 */
struct agx_gpu *agx_gpu_get(struct agx_gpu *gpu)
{
	kref_get(&gpu->ref);
	return gpu;
}
EXPORT_SYMBOL_GPL(agx_gpu_get);

/**
 * agx_gpu_put() - drop a reference on a GPU
 * @gpu: the GPU (NULL is ignored).
 *
 * The last put frees the GPU from a work item (it may come from the GPU's own work
 * items); agx.ko's exit waits for it.
 *
 * Context: any; does not sleep.
 */
void agx_gpu_put(struct agx_gpu *gpu)
{
	if (gpu)
		kref_put(&gpu->ref, agx_gpu_release);
}
EXPORT_SYMBOL_GPL(agx_gpu_put);

/**
 * agx_gpu_is_crashed() - has the firmware crashed (or been shut down)?
 * @gpu: the GPU.
 *
 * Context: any.
 * Return: true once nothing may touch firmware memory any more.
 */
bool agx_gpu_is_crashed(struct agx_gpu *gpu)
{
	return READ_ONCE(gpu->crashed);
}
EXPORT_SYMBOL_IF_KUNIT(agx_gpu_is_crashed);

/**
 * agx_gpu_mark_dead() - the firmware crashed or the device goes: stop touching it
 * @gpu: the GPU.
 *
 * Set under the receive lock, so that a receive pass that saw the firmware alive has
 * finished when this returns, and none starts reading firmware memory afterwards.
 *
 * Context: process context; takes &agx_gpu.rx_lock.
 */
void agx_gpu_mark_dead(struct agx_gpu *gpu)
{
	mutex_lock(&gpu->rx_lock);
	WRITE_ONCE(gpu->crashed, true);
	mutex_unlock(&gpu->rx_lock);
}

/**
 * agx_gpu_doorbell() - ring a firmware doorbell
 * @gpu: the GPU.
 * @n: pipe doorbell (AGX_DOORBELL_PIPE()), %AGX_DOORBELL_KICKFW or %AGX_DOORBELL_DEVCTRL.
 *
 * Context: any; never sleeps or allocates (an RCU read-side section around the send).
 * Return: 0 or -ENODEV once the firmware is dead or the device unbound.
 */
int agx_gpu_doorbell(struct agx_gpu *gpu, u32 n)
{
	int ret = -ENODEV;

	/* agx_gpu_shutdown() waits for this section before it destroys the transport */
	rcu_read_lock();
	if (!agx_gpu_is_crashed(gpu))
		ret = agx_xport_send(gpu->xport, AGX_EP_DOORBELL, AGX_MSG_TX_DOORBELL | n);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(agx_gpu_doorbell);

/* Put @msg on the device-control channel, ring, wait for the acknowledgment. */
static int agx_gpu_devctl_locked(struct agx_gpu *gpu, const struct agx_fw_devctl_msg *msg)
{
	u32 token;
	int ret;

	lockdep_assert_held(&gpu->devctl_lock);
	if (agx_gpu_is_crashed(gpu))
		return -ENODEV;
	ret = agx_chan_put(&gpu->devctl, msg, sizeof(*msg), false, &token);
	if (!ret)
		ret = agx_gpu_doorbell(gpu, AGX_DOORBELL_DEVCTRL);
	if (!ret)
		ret = agx_chan_wait(&gpu->devctl, token, false, AGX_DEVCTL_WAIT_MS);
	return ret;
}

/**
 * agx_gpu_devctl() - send a device-control message and wait for the acknowledgment
 * @gpu: the GPU.
 * @msg: the message (tag from the layout).
 *
 * Context: process context; sleeps up to 1 s (+1 s if the ring is full); takes
 * &agx_gpu.devctl_lock (inside &agx_gpu.rx_lock when the receive path sends); never
 * allocates.
 * Return: 0; -ENODEV if the firmware is dead; -ETIMEDOUT if it did not acknowledge.
 */
int agx_gpu_devctl(struct agx_gpu *gpu, const struct agx_fw_devctl_msg *msg)
{
	int ret;

	mutex_lock(&gpu->devctl_lock);
	ret = agx_gpu_devctl_locked(gpu, msg);
	if (ret == -ETIMEDOUT) {
		atomic_inc(&gpu->stats.devctl_timeouts);
		dev_err(gpu->dev, "agx: device control 0x%x not acknowledged\n", msg->tag);
	}
	mutex_unlock(&gpu->devctl_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(agx_gpu_devctl);

/**
 * agx_devctl_destroy_ctx() - build a DestroyContext message in the firmware's layout
 * @l: the firmware layout (&agx_fw_layout.devctl_dc_v13_3 picks the payload layout).
 * @msg: the message, zeroed by the caller; its tag and payload are set.
 * @ctx: the context's GpuContextData (CPU view, shared pool), or NULL for a full firmware
 *	cache flush.
 * @ctx_va: GPU VA of @ctx (ignored if @ctx is NULL).
 *
 * As the Rust driver's invalidate_context() (gpu.rs): ctx_23, ctx_0, ctx_1 and ctx_4 are
 * copied from the context's unk_23, unk_0, unk_1 and unk_4, the other words are 0. A full
 * flush (flush_fw_cache()) is ctx_0 = ctx_1 = 0xff with no context.
 *
 * Context: any.
 */
void agx_devctl_destroy_ctx(const struct agx_fw_layout *l, struct agx_fw_devctl_msg *msg,
			    const struct agx_fw_gpu_context *ctx, u64 ctx_va)
{
	u8 c0 = ctx ? READ_ONCE(ctx->unk_0) : 0xff, c1 = ctx ? READ_ONCE(ctx->unk_1) : 0xff;
	u8 c4 = ctx ? READ_ONCE(ctx->unk_4) : 0, c23 = ctx ? READ_ONCE(ctx->unk_23) : 0;
	u64 va = ctx ? ctx_va : 0;

	msg->tag = l->devctl_destroy_ctx;
	if (l->devctl_dc_v13_3) {
		msg->destroy_ctx.ctx_23 = c23;
		msg->destroy_ctx.ctx_0 = c0;
		msg->destroy_ctx.ctx_1 = c1;
		msg->destroy_ctx.ctx_4 = c4;
		msg->destroy_ctx.gpu_context = va;
	} else {
		msg->destroy_ctx_v12.ctx_23 = c23;
		msg->destroy_ctx_v12.ctx_0 = c0;
		msg->destroy_ctx_v12.ctx_1 = c1;
		msg->destroy_ctx_v12.ctx_4 = c4;
		msg->destroy_ctx_v12.gpu_context = va;
	}
}
EXPORT_SYMBOL_IF_KUNIT(agx_devctl_destroy_ctx);

/**
 * agx_gpu_flush_fw_cache() - flush the firmware's cache (the MMU's flush callback)
 * @priv: the GPU.
 *
 * DestroyContext with 0xff contexts and no context is a full cache flush
 * (asahi-agx-driver.md §2.4; gpu.rs flush_fw_cache()).
 *
 * Context: process context; sleeps (agx_gpu_devctl()).
 * Return: as agx_gpu_devctl().
 */
int agx_gpu_flush_fw_cache(void *priv)
{
	struct agx_gpu *gpu = priv;
	struct agx_fw_devctl_msg msg = {};

	agx_devctl_destroy_ctx(gpu->layout, &msg, NULL, 0);
	return agx_gpu_devctl(gpu, &msg);
}
