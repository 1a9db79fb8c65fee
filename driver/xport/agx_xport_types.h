/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko firmware transport: the types shared by the files of driver/xport (and seen by
 * its users through agx_xport.h). Each says who owns it and what keeps it alive; the
 * functions are declared in the header of the file that defines them.
 */
#ifndef _DRIVER_XPORT_AGX_XPORT_TYPES_H_
#define _DRIVER_XPORT_AGX_XPORT_TYPES_H_

#include <linux/kfifo.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct device;
struct agx_xport;

/**
 * struct agx_xport_client - the transport's user (the firmware layer)
 * @rx: a message from the firmware; called in process context (a work item), one message
 *	at a time, in arrival order.
 * @crashed: the firmware crashed; called once, in process context, after every message
 *	received before the crash was delivered.
 * @shmem_map: a buffer of @size bytes the coprocessor asked for (RTKit's crash log, system
 *	log, IOReport buffers): allocate it zeroed, map it for the firmware, return its CPU
 *	address in *@vaddr, its firmware VA in *@iova and a cookie in *@obj. Process context,
 *	may sleep. 0 or -errno. NULL if the client has none (then the request fails).
 * @shmem_unmap: free a buffer of @shmem_map, given its cookie; process context.
 * @priv: passed to all of them.
 *
 * Owned by the client; must outlive the transport.
 */
struct agx_xport_client {
	void (*rx)(void *priv, u8 ep, u64 msg);
	void (*crashed)(void *priv);
	int (*shmem_map)(void *priv, size_t size, void **vaddr, u64 *iova, void **obj);
	void (*shmem_unmap)(void *priv, void *obj);
	void *priv;
};

/**
 * struct agx_xport_ops - a transport backend
 * @boot: start the coprocessor, given the reserved regions (physical addresses).
 * @send: send @msg on endpoint @ep; any context, never sleeps.
 * @mmio_read: read a 64-bit SGX register.
 * @shutdown: stop the coprocessor and the backend; no callback afterwards.
 *
 * Static data of a backend (sim.c, rtkit.c), pointed to by each of its transports.
 */
struct agx_xport_ops {
	int (*boot)(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff);
	int (*send)(struct agx_xport *x, u8 ep, u64 msg);
	u64 (*mmio_read)(struct agx_xport *x, u32 offset);
	void (*shutdown)(struct agx_xport *x);
};

/**
 * struct agx_xport_msg - a received message waiting in &agx_xport.fifo
 * @msg: the message.
 * @ep: its endpoint.
 *
 * Copied into and out of the FIFO by value; nobody holds a pointer to one.
 */
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

#endif /* _DRIVER_XPORT_AGX_XPORT_TYPES_H_ */
