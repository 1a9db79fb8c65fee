// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulator transport
 *
 * The transport backend for the simulated firmware (agx_sim.ko). The simulated GPU is a
 * platform device whose platform data (&struct agx_sim_pdata) carries the link: the
 * simulator's boot, send, MMIO and shutdown entry points. The simulator calls back
 * agx_xport_received() and agx_xport_crashed() from its own thread. agx.ko has no symbol
 * dependency on agx_sim.ko.
 */

#include <linux/err.h>
#include <linux/slab.h>
#include <kunit/visibility.h>
#include <agx/fw/sim_link.h>

#include "sim.h"
#include "xport.h"

struct agx_xport_sim {
	struct agx_xport x;
	const struct agx_sim_pdata *pdata;
	bool booted;
};

static struct agx_xport_sim *to_sim(struct agx_xport *x)
{
	return container_of(x, struct agx_xport_sim, x);
}

static void agx_xport_sim_rx(void *host, u8 ep, u64 msg)
{
	agx_xport_received(host, ep, msg);
}

static void agx_xport_sim_crashed(void *host)
{
	agx_xport_crashed(host);
}

static const struct agx_sim_host_ops agx_xport_sim_host = {
	.rx = agx_xport_sim_rx,
	.crashed = agx_xport_sim_crashed,
};

static int agx_xport_sim_boot(struct agx_xport *x, phys_addr_t ttbat, phys_addr_t handoff)
{
	struct agx_xport_sim *s = to_sim(x);
	struct agx_sim_boot boot = {
		.ttbat_phys = ttbat,
		.handoff_phys = handoff,
		.host = &agx_xport_sim_host,
		.host_priv = x,
	};
	int ret = s->pdata->ops->boot(s->pdata->sim, &boot);

	s->booted = !ret;
	return ret;
}

static int agx_xport_sim_send(struct agx_xport *x, u8 ep, u64 msg)
{
	struct agx_xport_sim *s = to_sim(x);

	return s->pdata->ops->send(s->pdata->sim, ep, msg);
}

static u64 agx_xport_sim_mmio_read(struct agx_xport *x, u32 offset)
{
	struct agx_xport_sim *s = to_sim(x);

	return s->pdata->ops->mmio_read(s->pdata->sim, offset);
}

static void agx_xport_sim_shutdown(struct agx_xport *x)
{
	struct agx_xport_sim *s = to_sim(x);

	if (s->booted)
		s->pdata->ops->shutdown(s->pdata->sim);
	s->booted = false;
}

static const struct agx_xport_ops agx_xport_sim_ops = {
	.boot = agx_xport_sim_boot,
	.send = agx_xport_sim_send,
	.mmio_read = agx_xport_sim_mmio_read,
	.shutdown = agx_xport_sim_shutdown,
};

/**
 * agx_xport_sim_create() - create a transport to the simulated firmware
 * @dev: the simulated GPU's platform device.
 * @pdata: its platform data (the link); must outlive the transport.
 * @client: the firmware layer's callbacks.
 *
 * Context: process context; may sleep.
 * Return: the transport, owned by the caller until agx_xport_destroy();
 * ERR_PTR(-EINVAL) without a link; ERR_PTR(-ENOMEM).
 */
struct agx_xport *agx_xport_sim_create(struct device *dev, const struct agx_sim_pdata *pdata,
				       const struct agx_xport_client *client)
{
	struct agx_xport_sim *s;

	if (!pdata || !pdata->ops)
		return ERR_PTR(-EINVAL);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	agx_xport_init(&s->x, dev, client);
	s->x.ops = &agx_xport_sim_ops;
	s->x.backend = s;
	s->pdata = pdata;
	return &s->x;
}
EXPORT_SYMBOL_IF_KUNIT(agx_xport_sim_create);
