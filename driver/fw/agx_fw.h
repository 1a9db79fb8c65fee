/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko firmware layer: the GPU instance (bring-up, receive path, error recovery), device
 * state and control, channels, event slots and stamps, firmware work queues and hardware
 * fences. See Documentation/agx-firmware.rst; every function is documented where it is
 * defined.
 *
 * The public header of driver/fw, for its users outside the folder (driver/queue,
 * agx_drv.c, the tests): the shared types and the interface of every file. The files of
 * driver/fw include only the headers they need, never this one.
 */
#ifndef _AGX_FW_H_
#define _AGX_FW_H_

#include "agx_fw_types.h"
#include "gpu.h"
#include "workqueue.h"
#include "buffer.h"
#include "devctl.h"
#include "event.h"
#include "fence.h"
#include "channel.h"
#include "initdata.h"
#include "f32.h"

/**
 * DOC: Firmware layer model
 *
 * One &struct agx_gpu per GPU, created at probe (gpu.c). AGX queues (driver/queue) build
 * firmware commands (&struct agx_fw_work) on firmware work queues (&struct agx_fw_wq, one
 * per pipe of a queue, sharing a queue context &struct agx_fw_qctx). A work queue with
 * work holds one of the 128 event slots; the firmware writes the slot's stamp when a
 * command completes and flags the slot in an event; the receive path hands the slot to its
 * work queue, which retires the commands the stamp has reached and signals their hardware
 * fences (&struct agx_hw_fence).
 *
 * The files form layers; a file calls functions of the files below it only, never of a
 * file above (scripts/calls.py checks it on the built objects in ``make lint``):
 *
 * ========== ==========================================================================
 * gpu.c      bring-up, receive path, recovery, unbind; calls all below
 * initdata.c InitData and what it leads the firmware to (built once at bring-up); calls
 *            channel, f32
 * workqueue  queue contexts, work queues, the event-slot owner table and the dispatch of
 *            events to owners; calls buffer, devctl, event, fence, channel
 * buffer.c   the buffer manager: TVB buffers, scenes, the buffer-manager slots; calls
 *            devctl
 * devctl.c   GPU references, crash state, doorbells, device control; calls channel
 * event.c    slot numbers and stamps (leaf)
 * f32.c      IEEE single-precision arithmetic on the bits (leaf)
 * fence.c    hardware fences, work errors (leaf)
 * channel.c  ring channels (leaf)
 * layouts.c  per-version layouts (leaf)
 * ========== ==========================================================================
 *
 * Calls upward go through function pointers set by the upper file: the work items
 * (&agx_gpu.release_work, ctx_work, free_work), the transport's receive and crash
 * callbacks, the MMU's cache-flush callback.
 *
 * Each file's interface is its header (gpu.h, workqueue.h, buffer.h, devctl.h, event.h, fence.h,
 * channel.h; layouts.c's is the ABI header <agx/fw/version.h>), and a file includes only
 * the headers of the files below it (scripts/calls.py checks that too); the types they
 * share are in agx_fw_types.h. Below driver/fw, the files use the public headers of
 * driver/mmu and driver/xport.
 */

/**
 * DOC: Locking
 *
 * Locks of a GPU, outermost first (each line may be taken under the ones above it, never
 * the other way round):
 *
 * 1. &agx_gpu.rx_lock (mutex): the receive path (agx_gpu_poll_rx()), and the crash flag
 *    (agx_gpu_mark_dead()). The receive path around it is a fence-signalling critical
 *    section (dma_fence_begin_signalling()): under it nothing allocates, waits for a fence
 *    or takes a lock held elsewhere around such a wait or an allocation (R7).
 * 2. &agx_gpu.devctl_lock (mutex): one device-control message at a time; taken by the
 *    receive path (RecoverChannel; GrowTVBAck when the grow queue is full), the context
 *    worker, the buffer manager's grow worker (GrowTVBAck) and the MMU's cache flush.
 *    Only the channel lock nests inside it.
 * 3. The leaf spinlocks, each taken alone, never two at a time: &agx_fw_wq.lock (a work
 *    queue's ring, pending list and slot), &agx_event_mgr.lock (slot numbers and the owner
 *    table), &agx_gpu.dead_lock (dead contexts and their released work queues; irq-safe)
 *    and &agx_chan.lock (TX producers). Under them only reference counts change
 *    (agx_fw_wq_get(), dma_fence_get()); slots are released, fences signalled and puts
 *    done after the lock is dropped.
 * 4. &agx_hw_fence.lock (irq-safe): taken by signalling, outside every lock of 3; the job
 *    queue's callbacks run under it (its queue lock nests inside).
 *
 * &agx_gpu.users_lock (mutex) is taken alone at unbind and by queue creation and
 * destruction. Functions that need a lock assert it with lockdep_assert_held(); the
 * ``_locked`` functions of event.c need &agx_event_mgr.lock.
 *
 * The locks of driver/mmu (its "Locking" DOC) are taken with none of these held: firmware
 * objects are allocated and freed in process context outside them (the free work item,
 * the context worker, probe, queue creation and submit). The MMU's cache-flush callback
 * (agx_gpu_flush_fw_cache()) takes &agx_gpu.devctl_lock with none of the MMU's held.
 */

#endif /* _AGX_FW_H_ */
