// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Handoff lock
 *
 * The handoff region is memory shared by the CPU (the "AP") and the firmware; the TTBAT
 * may be changed by the CPU only while it holds the handoff lock, so that the firmware
 * never loads a half-written context (asahi-agx-driver.md §3.2). The lock is Dekker's
 * two-party algorithm on three fields of &struct agx_handoff:
 *
 * - lock: set ``lock_ap``; full barrier; while ``lock_fw`` is set, if ``turn`` is nonzero
 *   (the firmware's turn) clear ``lock_ap``, wait for ``turn`` to become zero, and set
 *   ``lock_ap`` again;
 * - unlock: ``turn = 1`` (give the firmware priority next time), clear ``lock_ap``.
 *
 * The firmware runs the mirror image (``lock_fw``, waiting while ``turn`` is zero, and
 * ``turn = 0`` on unlock); the simulated firmware's half is in driver/sim.
 *
 * Dekker is a two-party algorithm, so CPU threads first serialize among themselves on the
 * MMU's @handoff_lock spinlock, which also keeps the holder from being preempted while the
 * firmware spins. The critical section runs with that spinlock held and must be short and
 * must not sleep. A firmware that never releases its side makes the CPU give up after one
 * second with -ETIMEDOUT instead of hanging.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/ktime.h>
#include <linux/processor.h>
#include <linux/time64.h>
#include <kunit/visibility.h>

#include "handoff.h"

#define AGX_HANDOFF_TIMEOUT_NS	NSEC_PER_SEC

static bool agx_handoff_expired(u64 deadline)
{
	return ktime_get_ns() > deadline;
}

/*
 * Give up: drop our flag and hand the turn to the firmware, which may be waiting for it
 * (as it would after an unlock), so that it is not stuck behind a CPU that left.
 */
static int agx_handoff_give_up(struct agx_handoff *h)
{
	WRITE_ONCE(h->turn, 1);
	WRITE_ONCE(h->lock_ap, 0);
	return -ETIMEDOUT;
}

/* Wait for the firmware to hand the turn back to the CPU. */
static int agx_handoff_wait_turn(struct agx_handoff *h, u64 deadline)
{
	while (READ_ONCE(h->turn)) {
		if (agx_handoff_expired(deadline))
			return -ETIMEDOUT;
		cpu_relax();
	}
	return 0;
}

/* The CPU half of Dekker's lock (asahi-agx-driver.md §3.2). */
static int agx_handoff_acquire(struct agx_handoff *h)
{
	u64 deadline = ktime_get_ns() + AGX_HANDOFF_TIMEOUT_NS;

	WRITE_ONCE(h->lock_ap, 1);
	smp_mb(); /* our flag before reading theirs */
	while (READ_ONCE(h->lock_fw)) {
		if (READ_ONCE(h->turn)) {
			WRITE_ONCE(h->lock_ap, 0);
			if (agx_handoff_wait_turn(h, deadline))
				return agx_handoff_give_up(h);
			WRITE_ONCE(h->lock_ap, 1);
			smp_mb(); /* our flag before reading theirs */
		}
		if (agx_handoff_expired(deadline))
			return agx_handoff_give_up(h);
		cpu_relax();
	}
	smp_mb(); /* the critical section after the lock */
	return 0;
}

static void agx_handoff_release(struct agx_handoff *h)
{
	smp_mb(); /* the critical section before the unlock */
	WRITE_ONCE(h->turn, 1);
	WRITE_ONCE(h->lock_ap, 0);
}

/**
 * agx_handoff_run() - run a function with the handoff lock held by the CPU
 * @mmu: the MMU whose handoff region is locked.
 * @fn: the critical section; must not sleep; called with a spinlock held.
 * @arg: passed to @fn.
 *
 * Context: process context; does not sleep; takes @mmu->handoff_lock (a spinlock).
 * Return: 0 after @fn ran, or -ETIMEDOUT (without running @fn) if the firmware held the
 * lock for more than one second.
 */
int agx_handoff_run(struct agx_mmu *mmu, void (*fn)(void *arg), void *arg)
{
	int ret;

	spin_lock(&mmu->handoff_lock);
	ret = agx_handoff_acquire(mmu->handoff);
	if (!ret) {
		fn(arg);
		agx_handoff_release(mmu->handoff);
	}
	spin_unlock(&mmu->handoff_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(agx_handoff_run);
