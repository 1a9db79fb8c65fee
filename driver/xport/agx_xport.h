/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko firmware transport: send a message on an endpoint, receive callback (process
 * context), boot, MMIO and crash notification, over Apple RTKit (real hardware) or the
 * simulated firmware (agx_sim.ko). See Documentation/agx-firmware.rst.
 */
#ifndef _AGX_XPORT_H_
#define _AGX_XPORT_H_

#include <linux/kfifo.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct device;
struct agx_xport;
struct agx_sim_pdata;

/**
 * struct agx_xport_client - the transport's user (the firmware layer)
 * @rx: a message from the firmware; called in process context (a work item), one message
 *	at a time, in arrival order.
 * @crashed: the firmware crashed; called once, in process context, after every message
 *	received before the crash was delivered.
 * @priv: passed to both.
 *
 * Owned by the client; must outlive the transport.
 */
struct agx_xport_client {
	void (*rx)(void *priv, u8 ep, u64 msg);
	void (*crashed)(void *priv);
	void *priv;
};

/**
 * struct agx_xport_ops - a transport backend
 * @boot: start the coprocessor, given the reserved regions (physical addresses).
 * @send: send @msg on endpoint @ep; any context, never sleeps.
 * @mmio_read: read a 64-bit SGX register.
 * @shutdown: stop the coprocessor and the backend; no callback afterwards.
 */
struct agx_xport_ops {
	int (*boot)(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff);
	int (*send)(struct agx_xport *x, u8 ep, u64 msg);
	u64 (*mmio_read)(struct agx_xport *x, u32 offset);
	void (*shutdown)(struct agx_xport *x);
};

struct agx_xport_msg {
	u64 msg;
	u8 ep;
};

/**
 * struct agx_xport - one transport instance
 * @ops: the backend.
 * @backend: the backend's data.
 * @client: the firmware layer's callbacks.
 * @dev: the device, for messages.
 * @lock: protects @fifo and @crash_pending.
 * @fifo: messages received, waiting for @rx_work.
 * @rx_work: delivers @fifo to the client in process context.
 * @dead: set once the firmware crashed or was shut down; send fails with -ENODEV.
 * @crash_pending: a crash must be reported after the queued messages.
 * @overflows: messages dropped because @fifo was full (a bug: reported).
 *
 * Created by a backend constructor, destroyed by agx_xport_destroy(); the client owns it.
 */
struct agx_xport {
	const struct agx_xport_ops *ops;
	void *backend;
	struct agx_xport_client client;
	struct device *dev;
	spinlock_t lock; /* protects fifo, crash_pending */
	DECLARE_KFIFO(fifo, struct agx_xport_msg, 256);
	struct work_struct rx_work;
	bool dead;
	bool crash_pending;
	unsigned long overflows;
};

struct agx_xport *agx_xport_sim_create(struct device *dev, const struct agx_sim_pdata *pdata,
				       const struct agx_xport_client *client);
struct agx_xport *agx_xport_rtkit_create(struct device *dev,
					 const struct agx_xport_client *client);
int agx_xport_boot(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff);
int agx_xport_send(struct agx_xport *x, u8 ep, u64 msg);
u64 agx_xport_mmio_read(struct agx_xport *x, u32 offset);
void agx_xport_destroy(struct agx_xport *x);

/* for backends */
void agx_xport_init(struct agx_xport *x, struct device *dev,
		    const struct agx_xport_client *client);
void agx_xport_received(struct agx_xport *x, u8 ep, u64 msg);
void agx_xport_crashed(struct agx_xport *x);

#endif /* _AGX_XPORT_H_ */
