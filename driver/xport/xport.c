// SPDX-License-Identifier: GPL-2.0
/*
 * The common part of a transport (see "Firmware transport model" in agx_xport.h): the FIFO
 * of received messages, the work item that delivers them and the crash to the client, and
 * the client's calls, which go to the backend's ops.
 */

#include <linux/device.h>
#include <linux/slab.h>

#include "xport.h"

static void agx_xport_rx_work(struct work_struct *work)
{
	struct agx_xport *x = container_of(work, struct agx_xport, rx_work);
	struct agx_xport_msg m;
	bool crash;

	for (;;) {
		spin_lock_irq(&x->lock);
		if (!kfifo_get(&x->fifo, &m)) {
			crash = x->crash_pending;
			x->crash_pending = false;
			spin_unlock_irq(&x->lock);
			break;
		}
		spin_unlock_irq(&x->lock);
		x->client.rx(x->client.priv, m.ep, m.msg);
	}
	if (crash)
		x->client.crashed(x->client.priv);
}

/**
 * agx_xport_init() - initialize the common part of a transport (for backends)
 * @x: the transport, zeroed, embedded or allocated by the backend.
 * @dev: the device, for messages.
 * @client: the client's callbacks, copied.
 *
 * Context: any.
 */
void agx_xport_init(struct agx_xport *x, struct device *dev,
		    const struct agx_xport_client *client)
{
	x->dev = dev;
	x->client = *client;
	spin_lock_init(&x->lock);
	INIT_KFIFO(x->fifo);
	INIT_WORK(&x->rx_work, agx_xport_rx_work);
}

/**
 * agx_xport_received() - a backend received a message
 * @x: the transport.
 * @ep: endpoint.
 * @msg: the message.
 *
 * Context: any; does not sleep. The client sees it later, in process context.
 */
void agx_xport_received(struct agx_xport *x, u8 ep, u64 msg)
{
	struct agx_xport_msg m = { .msg = msg, .ep = ep };
	unsigned long flags;

	spin_lock_irqsave(&x->lock, flags);
	if (!kfifo_put(&x->fifo, m))
		x->overflows++;
	spin_unlock_irqrestore(&x->lock, flags);
	queue_work(system_highpri_wq, &x->rx_work);
}

/**
 * agx_xport_crashed() - the coprocessor crashed (for backends)
 * @x: the transport.
 *
 * Context: any; does not sleep. Later sends fail; the client is told in process context.
 */
void agx_xport_crashed(struct agx_xport *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->lock, flags);
	WRITE_ONCE(x->dead, true);
	x->crash_pending = true;
	spin_unlock_irqrestore(&x->lock, flags);
	queue_work(system_highpri_wq, &x->rx_work);
}

/**
 * agx_xport_boot() - start the coprocessor
 * @x: the transport.
 * @ttbat: physical address of the TTBAT region.
 * @handoff: physical address of the handoff region.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno from the backend.
 */
int agx_xport_boot(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff)
{
	return x->ops->boot(x, ttbat, handoff);
}

/**
 * agx_xport_send() - send a message to the firmware
 * @x: the transport.
 * @ep: endpoint (%AGX_EP_FIRMWARE, %AGX_EP_DOORBELL).
 * @msg: the message.
 *
 * Context: any; never sleeps, never allocates (used from the job queue's run_job).
 * Return: 0, -ENODEV once the firmware is dead, or a backend error.
 */
int agx_xport_send(struct agx_xport *x, u8 ep, u64 msg)
{
	if (READ_ONCE(x->dead))
		return -ENODEV;
	return x->ops->send(x, ep, msg);
}

/**
 * agx_xport_mmio_read() - read a 64-bit SGX register
 * @x: the transport.
 * @offset: register offset in the SGX block.
 *
 * Context: any.
 * Return: the register value.
 */
u64 agx_xport_mmio_read(struct agx_xport *x, u32 offset)
{
	return x->ops->mmio_read(x, offset);
}

/**
 * agx_xport_destroy() - shut the coprocessor down and free the transport
 * @x: the transport (NULL or an error pointer is ignored).
 *
 * After return no client callback runs.
 *
 * Context: process context; sleeps.
 */
void agx_xport_destroy(struct agx_xport *x)
{
	if (IS_ERR_OR_NULL(x))
		return;
	WRITE_ONCE(x->dead, true);
	x->ops->shutdown(x);
	cancel_work_sync(&x->rx_work);
	if (x->overflows)
		dev_err(x->dev, "agx: %lu firmware messages dropped\n", x->overflows);
	kfree(x);
}
