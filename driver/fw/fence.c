// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Hardware fences
 *
 * The hardware fence of an AGX job (&struct agx_hw_fence) signals when every firmware
 * command (Run*) of the job is retired, with the first error of a command
 * (agx_work_errno(): timeout -ETIMEDOUT, fault -EIO, killed -ECANCELED, firmware crash
 * -ENODEV, channel error -EIO). It is the fence run_job returns to the job queue.
 *
 * A leaf of driver/fw: it calls nothing else of the firmware layer. agx_hw_fence_done()
 * and agx_hw_fence_abort() run in the fence-signalling critical section (the receive path,
 * the crash path, the job queue's timeout handler): they take only the fence lock and
 * never allocate. Signalling is idempotent under the fence lock, so a fence aborted by the
 * driver (backstop timeout, unbind) ignores the later completion of its commands.
 */

#include <linux/slab.h>

#include "fence.h"

/**
 * agx_work_errno() - the errno of a work error
 * @err: the error (asahi-agx-driver.md §1.5).
 *
 * Context: any.
 * Return: 0 for %AGX_WERR_NONE, else a negative errno.
 */
int agx_work_errno(enum agx_work_err err)
{
	switch (err) {
	case AGX_WERR_NONE:
		return 0;
	case AGX_WERR_TIMEOUT:
		return -ETIMEDOUT;
	case AGX_WERR_FAULT:
		return -EIO;
	case AGX_WERR_KILLED:
		return -ECANCELED;
	case AGX_WERR_NODEV:
		return -ENODEV;
	case AGX_WERR_CHANNEL:
		return -EIO;
	default:
		return -ENODATA;
	}
}

static const char *agx_hw_fence_driver(struct dma_fence *f)
{
	return "agx";
}

static const char *agx_hw_fence_timeline(struct dma_fence *f)
{
	return "agx-hw";
}

static const struct dma_fence_ops agx_hw_fence_ops = {
	.get_driver_name = agx_hw_fence_driver,
	.get_timeline_name = agx_hw_fence_timeline,
};

/**
 * agx_hw_fence_create() - allocate the hardware fence of a job
 * @context: fence context (one per AGX queue).
 * @seqno: sequence number in @context.
 * @commands: firmware commands that must complete before it signals (at least 1).
 *
 * Context: process context; allocates.
 * Return: the fence (one reference, the caller's), or NULL.
 */
struct agx_hw_fence *agx_hw_fence_create(u64 context, u64 seqno, unsigned int commands)
{
	struct agx_hw_fence *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	spin_lock_init(&f->lock);
	atomic_set(&f->pending, commands);
	dma_fence_init(&f->base, &agx_hw_fence_ops, &f->lock, context, seqno);
	return f;
}

/*
 * Signal @f once, with its recorded error. A fence aborted by the driver (backstop timeout,
 * unbind) still has commands that complete later: signalling is idempotent under the lock.
 */
static void agx_hw_fence_finish(struct agx_hw_fence *f)
{
	int error = atomic_read(&f->error);
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	if (!test_bit(DMA_FENCE_FLAG_SIGNALED_BIT, &f->base.flags)) {
		if (error)
			dma_fence_set_error(&f->base, error);
		dma_fence_signal_locked(&f->base);
	}
	spin_unlock_irqrestore(&f->lock, flags);
}

/**
 * agx_hw_fence_done() - one command of the job completed
 * @f: the fence.
 * @error: the command's error (negative errno) or 0; the first error wins.
 *
 * Signals the fence (with the error, if any) when the last command completes, unless
 * agx_hw_fence_abort() signalled it already.
 *
 * Context: any, including the fence-signalling critical section; takes the fence lock
 * (irq-safe); never allocates.
 */
void agx_hw_fence_done(struct agx_hw_fence *f, int error)
{
	if (error)
		atomic_cmpxchg(&f->error, 0, error);
	if (!atomic_dec_and_test(&f->pending))
		return;
	agx_hw_fence_finish(f);
}

/**
 * agx_hw_fence_abort() - signal the fence now, before its commands complete
 * @f: the fence.
 * @error: negative errno; recorded unless a command already recorded one.
 *
 * For a job the firmware will never complete (R5): the backstop timeout, or a job run
 * while the device went away. The commands stay where they are (ring, free list or job);
 * their later completion, if any, no longer signals. Idempotent.
 *
 * Context: any, including the fence-signalling critical section; takes the fence lock.
 */
void agx_hw_fence_abort(struct agx_hw_fence *f, int error)
{
	atomic_cmpxchg(&f->error, 0, error);
	agx_hw_fence_finish(f);
}
