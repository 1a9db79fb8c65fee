// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated ring channels
 *
 * The firmware's side of the channels of driver/fw/channel.c (asahi-agx-driver.md §2.3):
 * rings of fixed-size messages with a state holding a read and a write index, reached
 * through the firmware's own mappings (access.c). The firmware keeps its own index per
 * channel (&agx_sim_chan.ptr) and only reads the driver's.
 *
 * - TX channels (driver to firmware: the pipe channels, device control, FwCtl) are
 *   consumed: agx_sim_tx_peek() reads the message at the firmware's read index if the
 *   driver's ``write_ptr`` is past it, agx_sim_tx_ack() advances and publishes
 *   ``read_ptr``. A write pointer out of range is a violation.
 * - RX channels (firmware to driver: event, FW log with its sub-channels, Stats) are
 *   produced: agx_sim_rx_put() writes the message, orders it before the new ``write_ptr``
 *   and waits a bounded time for room when the driver has not read the ring.
 *
 * Events (agx_sim_post_event()) are followed by an RX doorbell, the driver's receive
 * callback; FW log lines (agx_sim_log()) are a payload in the FW log buffer and a ring
 * message naming it.
 */

#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <agx/fw/channels.h>

#include "agx_sim_access.h"
#include "agx_sim_channels.h"

static u64 agx_sim_rptr_va(struct agx_sim_chan *c, u32 sub)
{
	if (c->fwctl)
		return c->state_va + offsetof(struct agx_fw_fwctl_state, read_ptr);
	return c->state_va + sub * sizeof(struct agx_fw_chan_state) +
	       offsetof(struct agx_fw_chan_state, read_ptr);
}

static u64 agx_sim_wptr_va(struct agx_sim_chan *c, u32 sub)
{
	if (c->fwctl)
		return c->state_va + offsetof(struct agx_fw_fwctl_state, write_ptr);
	return c->state_va + sub * sizeof(struct agx_fw_chan_state) +
	       offsetof(struct agx_fw_chan_state, write_ptr);
}

/**
 * agx_sim_chan_setup() - learn a channel from its descriptor
 * @s: the simulated GPU.
 * @c: the firmware's view of the channel.
 * @r: the descriptor (RuntimePointers or FwStatus).
 * @msg_size: bytes per message.
 * @count: messages per ring.
 * @ring_pools: the pools the ring may be in (SIM_POOL_*); the state must be shared.
 * @name: for violation messages.
 *
 * Context: the firmware thread (MSG_INIT).
 */
void agx_sim_chan_setup(struct agx_sim *s, struct agx_sim_chan *c,
			const struct agx_fw_chan_ring *r, u32 msg_size, u32 count,
			u32 ring_pools, const char *name)
{
	c->state_va = r->state;
	c->ring_va = r->ring;
	c->msg_size = msg_size;
	c->count = count;
	agx_sim_check_ptr(s, r->state, SIM_POOL_SHARED, true, name);
	agx_sim_check_ptr(s, r->ring, ring_pools, true, name);
}

/**
 * agx_sim_tx_peek() - the next message of a TX channel (driver to firmware)
 * @s: the simulated GPU.
 * @c: the channel.
 * @msg: filled with the message (&agx_sim_chan.msg_size bytes).
 *
 * The message stays in the ring until agx_sim_tx_ack().
 *
 * Context: the firmware thread.
 * Return: true if there was a message; false if none (or the write pointer is out of
 * range, a violation).
 */
bool agx_sim_tx_peek(struct agx_sim *s, struct agx_sim_chan *c, void *msg)
{
	u32 wptr = agx_sim_rd32(s, agx_sim_wptr_va(c, 0));

	if (wptr >= c->count) {
		agx_sim_violation(s, "channel write pointer %u out of range", wptr);
		return false;
	}
	if (wptr == c->ptr[0])
		return false;
	agx_sim_rd(s, c->ring_va + c->ptr[0] * c->msg_size, msg, c->msg_size);
	return true;
}

/**
 * agx_sim_tx_ack() - consume the message agx_sim_tx_peek() returned
 * @s: the simulated GPU.
 * @c: the channel.
 *
 * Context: the firmware thread.
 */
void agx_sim_tx_ack(struct agx_sim *s, struct agx_sim_chan *c)
{
	c->ptr[0] = (c->ptr[0] + 1) % c->count;
	agx_sim_wr32(s, agx_sim_rptr_va(c, 0), c->ptr[0]);
}

/**
 * agx_sim_rx_put() - write a message to an RX channel (firmware to driver)
 * @s: the simulated GPU.
 * @c: the channel.
 * @sub: the sub-channel (FW log level; else 0).
 * @msg: the message; padded with zeroes to &agx_sim_chan.msg_size.
 * @len: its size.
 *
 * Waits up to about a second, in steps of 0.5-1 ms, while the ring is full.
 *
 * Context: the firmware thread; sleeps.
 * Return: 0, or -EBUSY if the ring stayed full (or the thread is being stopped).
 */
int agx_sim_rx_put(struct agx_sim *s, struct agx_sim_chan *c, u32 sub, const void *msg,
		   size_t len)
{
	u32 next = (c->ptr[sub] + 1) % c->count;
	u8 buf[AGX_FW_MSG_MAX] = {};
	int tries = 1000;

	while (agx_sim_rd32(s, agx_sim_rptr_va(c, sub)) == next) {
		if (!tries-- || kthread_should_stop())
			return -EBUSY;
		usleep_range(500, 1000);
	}
	memcpy(buf, msg, min_t(size_t, len, sizeof(buf)));
	agx_sim_wr(s, c->ring_va + (sub * c->count + c->ptr[sub]) * c->msg_size, buf,
		   c->msg_size);
	wmb(); /* the message before the write pointer */
	c->ptr[sub] = next;
	agx_sim_wr32(s, agx_sim_wptr_va(c, sub), next);
	return 0;
}

/**
 * agx_sim_rx_doorbell() - ring the driver's RX doorbell
 * @s: the simulated GPU.
 *
 * Calls the driver's receive callback (&agx_sim_host_ops.rx).
 *
 * Context: the firmware thread.
 */
void agx_sim_rx_doorbell(struct agx_sim *s)
{
	s->host->rx(s->host_priv, AGX_EP_FIRMWARE, AGX_MSG_RX_DOORBELL);
}

/**
 * agx_sim_post_event() - post an event and ring the RX doorbell
 * @s: the simulated GPU.
 * @m: the event.
 *
 * An event that does not fit (the driver does not read its ring) is lost: a violation.
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_post_event(struct agx_sim *s, const struct agx_fw_event_msg *m)
{
	if (agx_sim_rx_put(s, &s->event, 0, m, sizeof(*m)))
		agx_sim_violation(s, "event ring full, event %u lost", m->tag);
	agx_sim_rx_doorbell(s);
}

/**
 * agx_sim_log() - write a line to the FW log
 * @s: the simulated GPU.
 * @level: the log level, the FW log sub-channel.
 * @text: the line (truncated to the payload size).
 *
 * Context: the firmware thread; sleeps.
 */
void agx_sim_log(struct agx_sim *s, u32 level, const char *text)
{
	struct agx_fw_fwlog_payload p = { .msg_type = AGX_FWLOG_MSG_PAYLOAD };
	struct agx_fw_fwlog_msg m = { .msg_type = AGX_FWLOG_MSG_RING };
	u32 idx = s->fwlog.ptr[level];

	strscpy(p.msg, text, sizeof(p.msg));
	p.seq_no = idx;
	agx_sim_wr(s, s->fwlog_buf_va + (level * AGX_CHAN_ENTRIES + idx) * sizeof(p), &p,
		   sizeof(p));
	m.msg_index = idx;
	agx_sim_rx_put(s, &s->fwlog, level, &m, sizeof(m));
}
