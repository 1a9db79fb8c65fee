// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Ring-buffer channels
 *
 * Channels are rings of fixed-size messages with a state holding a read and a write index
 * (asahi-agx-driver.md §2.3). TX channels (driver to firmware: the 12 pipe channels,
 * device control, FwCtl): the driver writes a message at its write index, orders the write
 * before publishing ``write_ptr``, and the firmware acknowledges by advancing ``read_ptr``.
 * RX channels (event, FW log with 6 sub-channels, KTrace, Stats): the firmware writes, the
 * driver compares its own read index with ``write_ptr`` and publishes ``read_ptr``.
 *
 * Memory: TX state in the shared pool and TX ring in the private pool, except FwCtl whose
 * ring is shared; RX state and ring in the shared pool (asahi-agx-driver.md §2.3).
 *
 * A full TX ring does not busy-sleep forever as the Rust driver does ("TODO: block
 * properly", asahi-agx-driver.md §5 #6): agx_chan_put() waits a bounded time, then fails.
 * agx_chan_wait() is the bounded wait for an acknowledgment used by device control.
 */

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/string.h>

#include "channel.h"

#include "mmu/agx_mmu.h"

#define AGX_CHAN_FULL_WAIT_MS	1000

static u32 *agx_chan_rptr(struct agx_chan *c, u32 sub, bool fwctl)
{
	if (fwctl)
		return &((struct agx_fw_fwctl_state *)c->state->cpu)->read_ptr;
	return &((struct agx_fw_chan_state *)c->state->cpu)[sub].read_ptr;
}

static u32 *agx_chan_wptr(struct agx_chan *c, u32 sub, bool fwctl)
{
	if (fwctl)
		return &((struct agx_fw_fwctl_state *)c->state->cpu)->write_ptr;
	return &((struct agx_fw_chan_state *)c->state->cpu)[sub].write_ptr;
}

/**
 * agx_chan_init_tx() - allocate a TX channel
 * @gpu: the GPU.
 * @c: the channel (embedded in @gpu, zeroed).
 * @name: for messages.
 * @size: message size in bytes (from the layout).
 * @shared_ring: put the ring in the shared pool (FwCtl) instead of private.
 * @fwctl: the state has the FwCtl layout.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno (the channel is left for agx_chan_fini()).
 */
int agx_chan_init_tx(struct agx_gpu *gpu, struct agx_chan *c, const char *name, u32 size,
		     bool shared_ring, bool fwctl)
{
	c->name = name;
	c->msg_size = size;
	c->count = AGX_CHAN_ENTRIES;
	c->nsub = 1;
	spin_lock_init(&c->lock);
	c->state = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED,
				   fwctl ? sizeof(struct agx_fw_fwctl_state) :
				   sizeof(struct agx_fw_chan_state), name);
	if (IS_ERR(c->state))
		return PTR_ERR(c->state);
	c->ring = agx_fwobj_alloc(gpu->mmu, shared_ring ? AGX_POOL_SHARED : AGX_POOL_PRIVATE,
				  size * c->count, name);
	if (IS_ERR(c->ring))
		return PTR_ERR(c->ring);
	memset(c->state->cpu, 0, c->state->size);
	memset(c->ring->cpu, 0, c->ring->size);
	return 0;
}

/**
 * agx_chan_init_rx() - allocate an RX channel
 * @gpu: the GPU.
 * @c: the channel (embedded in @gpu, zeroed).
 * @name: for messages.
 * @size: message size in bytes.
 * @count: entries per sub-channel.
 * @nsub: sub-channels (each with its own state and ring).
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno (the channel is left for agx_chan_fini()).
 */
int agx_chan_init_rx(struct agx_gpu *gpu, struct agx_chan *c, const char *name, u32 size,
		     u32 count, u32 nsub)
{
	c->name = name;
	c->msg_size = size;
	c->count = count;
	c->nsub = nsub;
	spin_lock_init(&c->lock);
	c->state = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED,
				   nsub * sizeof(struct agx_fw_chan_state), name);
	if (IS_ERR(c->state))
		return PTR_ERR(c->state);
	c->ring = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED, nsub * size * count, name);
	if (IS_ERR(c->ring))
		return PTR_ERR(c->ring);
	memset(c->state->cpu, 0, c->state->size);
	memset(c->ring->cpu, 0, c->ring->size);
	return 0;
}

/**
 * agx_chan_fini() - free a channel's objects
 * @c: the channel; the firmware must be stopped.
 *
 * Context: process context; may sleep.
 */
void agx_chan_fini(struct agx_chan *c)
{
	if (!IS_ERR_OR_NULL(c->ring))
		agx_fwobj_free(c->ring);
	if (!IS_ERR_OR_NULL(c->state))
		agx_fwobj_free(c->state);
	c->ring = NULL;
	c->state = NULL;
}

/**
 * agx_chan_ring() - describe a channel for initdata
 * @c: the channel.
 * @r: filled with the GPU VAs of the state and ring of sub-channel 0.
 * @sub: unused for now (sub-channels are contiguous).
 *
 * Context: any.
 */
void agx_chan_ring(struct agx_chan *c, struct agx_fw_chan_ring *r, u32 sub)
{
	r->state = c->state->gpu_va;
	r->ring = c->ring->gpu_va;
}

/**
 * agx_chan_put() - write a message into a TX channel
 * @c: the channel.
 * @msg: the message.
 * @len: its length (at most the channel's message size; the rest is zeroed).
 * @fwctl: the channel has the FwCtl state layout.
 * @token: if not NULL, the new write index, for agx_chan_wait().
 *
 * Waits (bounded, sleeping) while the ring is full.
 *
 * Context: process context; may sleep; never allocates (used from run_job).
 * Return: 0, or -ETIMEDOUT if the firmware did not make room within 1 s.
 */
int agx_chan_put(struct agx_chan *c, const void *msg, size_t len, bool fwctl, u32 *token)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(AGX_CHAN_FULL_WAIT_MS);
	u32 next;
	void *slot;

	for (;;) {
		spin_lock(&c->lock);
		next = (c->ptr[0] + 1) % c->count;
		if (next != READ_ONCE(*agx_chan_rptr(c, 0, fwctl)))
			break;
		spin_unlock(&c->lock);
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		usleep_range(500, 1000);
	}
	slot = c->ring->cpu + c->ptr[0] * c->msg_size;
	memcpy(slot, msg, min_t(size_t, len, c->msg_size));
	if (len < c->msg_size)
		memset(slot + len, 0, c->msg_size - len);
	/* the message before the write pointer (dsb sy in asahi-agx-driver.md §2.3) */
	wmb();
	WRITE_ONCE(*agx_chan_wptr(c, 0, fwctl), next);
	c->ptr[0] = next;
	spin_unlock(&c->lock);
	if (token)
		*token = next;
	return 0;
}

/**
 * agx_chan_wait() - wait until the firmware consumed a TX message
 * @c: the channel.
 * @token: the write index agx_chan_put() returned.
 * @fwctl: the channel has the FwCtl state layout.
 * @timeout_ms: bound, in milliseconds.
 *
 * The firmware acknowledges by advancing ``read_ptr`` (asahi-agx-driver.md §2.3): polls
 * briefly, then sleeps in steps of at most 0.5 ms. The caller serializes producers so that
 * ``read_ptr`` stops at @token.
 *
 * Context: process context; sleeps.
 * Return: 0, or -ETIMEDOUT.
 */
int agx_chan_wait(struct agx_chan *c, u32 token, bool fwctl, unsigned int timeout_ms)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_ms);
	int spins = 100;

	while (READ_ONCE(*agx_chan_rptr(c, 0, fwctl)) != token) {
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		if (spins-- > 0)
			cpu_relax();
		else
			usleep_range(100, 500);
	}
	rmb(); /* what the firmware wrote before acknowledging */
	return 0;
}

/**
 * agx_chan_get() - read the next message of an RX (sub-)channel
 * @c: the channel.
 * @sub: sub-channel index.
 * @msg: buffer for the message.
 * @len: bytes to copy (at most the message size).
 *
 * Context: process context, under the GPU's receive lock.
 * Return: true if a message was read (and acknowledged), false if the ring is empty.
 */
bool agx_chan_get(struct agx_chan *c, u32 sub, void *msg, size_t len)
{
	u32 wptr = READ_ONCE(*agx_chan_wptr(c, sub, false));
	u32 rptr = c->ptr[sub];

	if (rptr == wptr || wptr >= c->count)
		return false;
	rmb(); /* the message after the write pointer */
	memcpy(msg, c->ring->cpu + (sub * c->count + rptr) * c->msg_size,
	       min_t(size_t, len, c->msg_size));
	c->ptr[sub] = (rptr + 1) % c->count;
	/* done with the message before handing the slot back */
	mb();
	WRITE_ONCE(*agx_chan_rptr(c, sub, false), c->ptr[sub]);
	return true;
}
