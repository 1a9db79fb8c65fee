/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko AGX queues: render and compute jobs built into firmware commands and run through
 * one job queue (jobqueue.ko) per AGX queue. See Documentation/agx-firmware.rst.
 *
 * The public header of driver/queue, for its users (the tests, the benchmark, later
 * driver/drm): the types and the interface of queue.c.
 */
#ifndef _AGX_QUEUE_H_
#define _AGX_QUEUE_H_

#include "agx_queue_types.h"
#include "queue.h"

/**
 * DOC: AGX queue model
 *
 * An AGX queue (asahi-agx-driver.md §1.1) owns one &struct jq_queue and three firmware work
 * queues (vertex, fragment, compute) sharing one GPU context and notifier. A job is built
 * into firmware commands at submit time, where allocating and sleeping are allowed:
 *
 * - render: fragment queue ``Barrier(wait vertex FwStamp >= vertex value)`` +
 *   ``RunFragment``; vertex queue ``[InitBuffer]`` + ``RunVertex`` (asahi-agx-driver.md
 *   §1.4, §6.11), both pointing at the render's scene and the queue's TVB buffer
 *   (driver/fw/buffer.c; the InitBuffer when the buffer got a new buffer-manager slot or
 *   grew);
 * - compute: ``RunCompute``;
 * - an explicit barrier (a compute after a render or the reverse) is a ``Barrier`` on the
 *   other pipe's last value with ``uuid = 0xffffbbbb`` (§2.8).
 *
 * Each Run* command has a microsequence ``Start* -> Timestamp -> WaitForIdle -> Timestamp ->
 * Finalize*{fw_stamp, value} -> RetireStamp`` and a job meta naming its slot and value
 * (§1.4, §2.9). Stamp values are assigned in submission order under the queue's submit
 * lock, which also covers arm and push, so the job queue runs jobs in value order.
 *
 * Job-queue ops:
 *
 * - ``prepare_job``: each work queue the job uses must have room for its commands in the
 *   0x500-entry ring and in the 127 job slots; otherwise the hardware fence of the oldest
 *   pending command is returned and the job queue waits on it (§1.2).
 * - ``run_job`` (fence-signalling critical section: no allocation): raises the notifier
 *   threshold by the job's command count, writes fragment, vertex, compute rings, sends
 *   RunWorkQueueMsg and rings the pipe doorbells, and returns the hardware fence. Raising
 *   the threshold here and not at submit is the fix of asahi-agx-driver.md §2.7: a
 *   threshold raised for a job the job queue has not run yet holds back the completion
 *   event of the running one, and if the later job depends on the earlier one, nothing
 *   ever completes.
 * - ``timedout_job``: timeouts come from the firmware (Timeout events); the job queue's
 *   timer (``job_timeout_ms``) is a backstop: it re-arms ``job_timeout_rearms`` times,
 *   then fails the job with -ETIMEDOUT (a firmware alive but wedged never completes it).
 * - ``cancel_job``: nothing (AGX cannot abort a running command).
 * - ``free_job``: ends unsubmitted firmware jobs, frees their commands, unbinds the VM.
 *
 * The hardware fence signals when every Run* command of the job has been retired by the
 * stamps, with the first error: timeout -ETIMEDOUT, fault -EIO, killed -ECANCELED,
 * firmware crash -ENODEV, channel error -EIO.
 *
 * Destroying a queue kills its job queue and drops the creator's references; the firmware
 * work queues, their QueueInfo, rings, commands, context and event slots stay alive
 * through their own references until the firmware has retired every command.
 *
 * Ownership: the creator owns a &struct agx_queue from agx_queue_create() until
 * agx_queue_destroy(); the queue is refcounted and each job holds a reference, so it is
 * freed when the last job is. A queue holds references on its GPU, its VM and the VM's
 * kernel-range heap, its job queue (until destroy), its queue context, its three firmware
 * work queues and, from its first render, its TVB buffer. A job
 * (&struct agx_job in queue.c) is the job queue's from push (R2) until free_job; its
 * firmware commands are the job's until run_job hands them to the work queues.
 */

/**
 * DOC: Locking in driver/queue
 *
 * &agx_queue.submit_lock (mutex, one per queue) serializes building, arming and pushing the
 * queue's jobs, so stamp values, command ids, hardware-fence seqnos and job-queue order
 * agree; the build functions assert it (lockdep_assert_held()). Under it a submit may sleep
 * waiting for an event slot (agx_fw_wq_job_begin(), interruptibly), allocates firmware
 * objects (the pools' and VMs' locks of driver/mmu nest inside) and takes the work queues'
 * spinlocks and the job queue's locks. Taken before it, with no lock held: the garbage
 * collection of the pools (agx_mmu_gc(), which may flush the firmware cache through device
 * control) and the VM bind (&agx_mmu.slot_lock).
 *
 * The job-queue ops run without it: ``run_job`` in the job queue's fence-signalling
 * critical section, taking only the firmware layer's leaf spinlocks (work queue, channel)
 * and RCU (the doorbell); ``prepare_job`` the work queues' spinlocks; ``free_job`` in
 * process context, freeing firmware objects and unbinding the VM. &agx_gpu.users_lock is
 * taken by agx_queue_create() and agx_queue_destroy() (registering and unregistering the
 * queue) and held around agx_queue_unbind() at an unbind, which kills the job queue (its
 * locks nest inside).
 */

#endif /* _AGX_QUEUE_H_ */
