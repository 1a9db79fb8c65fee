// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: RTKit transport
 *
 * The transport backend for the real ASC, built only where ``CONFIG_APPLE_RTKIT`` is
 * available (Asahi kernels). RTKit delivers messages of non-system endpoints from its
 * worker and reports crashes in process context; both are forwarded to the common FIFO.
 * Boot starts the coprocessor's RTKit and the two endpoints of asahi-agx-driver.md
 * §2.1/§2.2. The reserved regions are the device tree's on hardware, so @ttbat/@handoff
 * are not passed on: the firmware finds them itself.
 *
 * Shared memory: when the coprocessor asks for a buffer (crash log, system log, IOReport)
 * without naming an address, RTKit calls shmem_setup; the client allocates it as a
 * firmware object and gives its firmware VA, which RTKit sends back (the Asahi driver
 * maps these in the kernel VM too, asahi-agx-driver.md §3.3). Buffers the coprocessor
 * places itself (a non-zero IOVA in the request) are refused with -EINVAL: nothing here
 * could map them. SGX registers (the fault status) are read from the "sgx" range the
 * probe mapped.
 */

#include <linux/err.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/soc/apple/rtkit.h>
#include <agx/fw/types.h>

#include "rtkit.h"
#include "xport.h"

struct agx_xport_rtkit {
	struct agx_xport x;
	struct apple_rtkit *rtk;
	void __iomem *sgx;
};

static void agx_rtkit_crashed(void *cookie)
{
	agx_xport_crashed(cookie);
}

static void agx_rtkit_recv(void *cookie, u8 ep, u64 msg)
{
	agx_xport_received(cookie, ep, msg);
}

static int agx_rtkit_shmem_setup(void *cookie, struct apple_rtkit_shmem *bfr)
{
	struct agx_xport *x = cookie;
	u64 iova;
	int ret;

	if (bfr->iova || !x->client.shmem_map)
		return -EINVAL;
	ret = x->client.shmem_map(x->client.priv, bfr->size, &bfr->buffer, &iova,
				  &bfr->private);
	if (ret)
		return ret;
	bfr->iova = iova;
	return 0;
}

static void agx_rtkit_shmem_destroy(void *cookie, struct apple_rtkit_shmem *bfr)
{
	struct agx_xport *x = cookie;

	if (bfr->private)
		x->client.shmem_unmap(x->client.priv, bfr->private);
	bfr->private = NULL;
}

static const struct apple_rtkit_ops agx_rtkit_ops = {
	.crashed = agx_rtkit_crashed,
	.recv_message = agx_rtkit_recv,
	.shmem_setup = agx_rtkit_shmem_setup,
	.shmem_destroy = agx_rtkit_shmem_destroy,
};

static int agx_rtkit_boot(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff)
{
	struct agx_xport_rtkit *r = x->backend;
	int ret;

	ret = apple_rtkit_boot(r->rtk);
	if (ret)
		return ret;
	ret = apple_rtkit_start_ep(r->rtk, AGX_EP_FIRMWARE);
	if (ret)
		return ret;
	return apple_rtkit_start_ep(r->rtk, AGX_EP_DOORBELL);
}

static int agx_rtkit_send(struct agx_xport *x, u8 ep, u64 msg)
{
	struct agx_xport_rtkit *r = x->backend;

	return apple_rtkit_send_message(r->rtk, ep, msg, NULL, true);
}

static u64 agx_rtkit_mmio_read(struct agx_xport *x, u32 offset)
{
	struct agx_xport_rtkit *r = x->backend;

	return readq_relaxed(r->sgx + offset);
}

static void agx_rtkit_shutdown(struct agx_xport *x)
{
	struct agx_xport_rtkit *r = x->backend;

	apple_rtkit_shutdown(r->rtk);
	apple_rtkit_free(r->rtk);
}

static const struct agx_xport_ops agx_xport_rtkit_ops = {
	.boot = agx_rtkit_boot,
	.send = agx_rtkit_send,
	.mmio_read = agx_rtkit_mmio_read,
	.shutdown = agx_rtkit_shutdown,
};

/**
 * agx_xport_rtkit_create() - create a transport over Apple RTKit
 * @dev: the GPU's platform device (with the ASC mailbox in its device-tree node's
 *	"mboxes").
 * @sgx: the mapped "sgx" register range (device-managed by the caller; must outlive the
 *	transport).
 * @client: the firmware layer's callbacks.
 *
 * Context: process context; may sleep.
 * Return: the transport, owned by the caller until agx_xport_destroy(); an ERR_PTR from
 * apple_rtkit_init() (-EPROBE_DEFER while the mailbox is not there yet); ERR_PTR(-ENOMEM).
 */
struct agx_xport *agx_xport_rtkit_create(struct device *dev, void __iomem *sgx,
					 const struct agx_xport_client *client)
{
	struct agx_xport_rtkit *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return ERR_PTR(-ENOMEM);
	agx_xport_init(&r->x, dev, client);
	r->x.ops = &agx_xport_rtkit_ops;
	r->x.backend = r;
	r->sgx = sgx;
	r->rtk = apple_rtkit_init(dev, &r->x, NULL, 0, &agx_rtkit_ops);
	if (IS_ERR(r->rtk)) {
		int ret = PTR_ERR(r->rtk);

		kfree(r);
		return ERR_PTR(ret);
	}
	return &r->x;
}
