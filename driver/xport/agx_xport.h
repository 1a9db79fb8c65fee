/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko firmware transport: send a message on an endpoint, receive callback (process
 * context), boot, MMIO and crash notification, over Apple RTKit (real hardware) or the
 * simulated firmware (agx_sim.ko). See Documentation/agx-firmware.rst.
 *
 * The public header of driver/xport, for its users outside the folder (driver/fw): the
 * shared types and the interface of every file. The files of driver/xport include only the
 * headers they need, never this one.
 */
#ifndef _AGX_XPORT_H_
#define _AGX_XPORT_H_

#include "agx_xport_types.h"
#include "sim.h"
#include "rtkit.h"
#include "xport.h"

/**
 * DOC: Firmware transport model
 *
 * The firmware layer talks to the GPU's coprocessor (the ASC) through a small interface:
 * boot with the reserved regions, send a 64-bit message on an endpoint, read an SGX
 * register, and two callbacks: a received message and a crash (asahi-agx-driver.md §2.1,
 * §6.1). Backends: the simulated firmware (sim.c, always built) and Apple RTKit (rtkit.c,
 * built where ``CONFIG_APPLE_RTKIT`` is available).
 *
 * Received messages are queued in a FIFO and delivered from a work item, so the client's
 * receive path runs in process context and may take mutexes and sleep (the firmware
 * layer's devctl waits do), whatever context the backend receives in. A crash is reported
 * after the messages that arrived before it; from then on sends fail with -ENODEV.
 *
 * One &struct agx_xport per GPU, created by a backend's constructor (agx_xport_sim_create(),
 * agx_xport_rtkit_create()) embedded in the backend's own structure, owned by its client
 * (the GPU) until agx_xport_destroy(). The files form layers, a file calling only the files
 * below it (scripts/calls.py):
 *
 * ========== ==========================================================================
 * sim.c      the simulator backend: the link of agx_sim.ko's platform data; calls xport
 * rtkit.c    the RTKit backend; calls xport
 * xport.c    the common part: the FIFO, the receive work item, the client's calls (leaf)
 * ========== ==========================================================================
 *
 * Calls upward are function pointers: the backend's &struct agx_xport_ops, called by
 * xport.c, and the client's &struct agx_xport_client callbacks. Each file's interface is
 * its header (sim.h, rtkit.h, xport.h); the shared types are in agx_xport_types.h.
 */

/**
 * DOC: Locking in driver/xport
 *
 * &agx_xport.lock (spinlock, irq-safe, the only lock of driver/xport) protects the FIFO,
 * &agx_xport.crash_pending and &agx_xport.overflows. Backends call agx_xport_received()
 * and agx_xport_crashed() in any context (the simulator's thread, RTKit's worker), which
 * take it with interrupts saved and never sleep; the receive work item takes it around each
 * FIFO read only. &agx_xport.dead is written with WRITE_ONCE() and read locklessly by
 * agx_xport_send().
 *
 * The client's callbacks run from &agx_xport.rx_work with no lock of driver/xport held,
 * one at a time (a work item never runs concurrently with itself): the firmware layer's
 * receive path takes its own locks there. agx_xport_send() never sleeps (it is called in
 * RCU read-side sections and from run_job). agx_xport_destroy() waits for the work item: it
 * must not be called from a callback nor under a lock a callback takes (the GPU calls it
 * at unbind with none held). No function of driver/xport requires its caller to hold a
 * lock.
 */

#endif /* _AGX_XPORT_H_ */
