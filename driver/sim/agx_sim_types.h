/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx_sim.ko: the structures the files of the simulated firmware share (the simulated GPU
 * and the firmware's views of channels, work queues, notifiers and engines), and what holds
 * for all of those files: the layer model, the locking and the coding conventions. Functions
 * are declared in one header per file (agx_sim_<file>.h) and documented where they are
 * defined; the API for other modules is agx_sim_fw.h.
 */
#ifndef _AGX_SIM_TYPES_H_
#define _AGX_SIM_TYPES_H_

#include <linux/bits.h>
#include <linux/hrtimer.h>
#include <linux/kfifo.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <agx/fw/buffer.h>
#include <agx/fw/channels.h>
#include <agx/fw/sim_link.h>
#include <agx/fw/version.h>
#include <agx/fw/render.h>
#include <agx/fw/workqueue.h>

#include "agx_sim_fw.h"
#include "agx_sim_mem.h"

struct dentry;
struct platform_device;
struct task_struct;

/**
 * DOC: Simulator layer model
 *
 * The files of driver/sim form layers, as those of driver/fw do: a file calls functions of
 * the files below it only, never of a file above, so the call graph between files is a DAG
 * (``make lint`` checks it on the built objects of agx_sim.ko, scripts/calls.py):
 *
 * ============== =========================================================================
 * agx_sim_main.c the module: parameters, the default GPU; calls device
 * device.c       simulated GPUs (platform devices), the API of agx_sim_fw.h, debugfs;
 *                calls thread, tlb, layouts
 * thread.c       the firmware thread, its hrtimer and wait, the mailbox, the link ops;
 *                calls control, exec, workqueue, stamps, access, mem
 * control.c      MSG_INIT, device control, FwCtl, the resume after a halt; calls exec,
 *                tvb, workqueue, stamps, channels, access
 * exec.c         the engines: fetch, start (checks, microsequence, SIMQ, injection), time
 *                and complete commands; calls tvb, fault, workqueue, stamps, access, mem
 * tvb.c          the buffer manager: InitBuffer, render commands' buffer, scene and slot,
 *                the TVB statistics, GrowTVB; calls channels, access, mem
 * fault.c        halts, faults, timeouts, channel errors, crashes, pending_stamps; calls
 *                channels, access
 * workqueue.c    the firmware's work queues: RunWorkQueueMsg, ring pointers; calls
 *                channels, access
 * stamps.c       stamps, notifiers and their thresholds, Flag events; calls channels,
 *                access
 * channels.c     ring channels (TX consumed, RX produced), events, FW log; calls access
 * access.c       firmware memory access and validation; calls mem
 * mem.c          the UAT walker, the handoff lock (leaf)
 * tlb.c          the TLB backend given to the driver (leaf)
 * layouts.c      the per-version layouts, driver/fw/layouts.c compiled again (leaf)
 * ============== =========================================================================
 *
 * Calls upward go through the driver's callbacks (&struct agx_sim_host_ops: rx and
 * crashed), given at boot.
 */

/**
 * DOC: Locking in driver/sim
 *
 * The firmware thread owns the firmware's state: every field of &struct agx_sim marked
 * "thread state", the work queues (&agx_sim.wqs), the notifiers (&agx_sim.notifs) and the
 * engines. It is read and written by that thread only, from agx_sim_link_boot() (before
 * the thread starts: the engines and lists are set up by agx_sim_link_init()) to
 * agx_sim_link_shutdown(), which stops the thread before it frees the lists; so it needs
 * no lock. Every function of control.c, exec.c, fault.c, workqueue.c, stamps.c,
 * channels.c and access.c runs on the firmware thread.
 *
 * Locks:
 *
 * 1. ``agx_sims_lock`` (mutex, device.c): the list of simulated GPUs. Taken alone.
 * 2. &agx_sim.lock (spinlock): the mailbox (&agx_sim.mbox, filled by the driver's
 *    agx_sim_link_send(), emptied by the thread) and the single-step budget
 *    (&agx_sim.steps, raised by agx_sim_step(), spent by the thread). Innermost: held only
 *    around the kfifo or counter access, never across a call. agx_sim_link_send() saves
 *    and disables interrupts (the link allows any context), the thread and agx_sim_step()
 *    do not.
 * 3. the handoff lock (agx_sim_handoff_lock(), mem.c): the firmware side of the lock it
 *    shares with the driver's MMU, around the write of the current context at a command
 *    start. Nothing nests inside.
 *
 * No function is called with a lock held (each of these locks is taken and dropped in the
 * function that needs it), so there is no ``_locked`` function and nothing for
 * lockdep_assert_held() to check.
 *
 * Shared without a lock, with marked accesses: the knobs (&agx_sim.cfg, written by tests
 * and debugfs at any time, read with READ_ONCE() by the thread); &agx_sim.kick and
 * &agx_sim.timer_fired (WRITE_ONCE() then a wake-up of &agx_sim.wait; read by the thread's
 * wake condition); &agx_sim.fault_info and &agx_sim.last_fault_info (written by the thread
 * with WRITE_ONCE(), read by agx_sim_link_mmio_read() and agx_sim_last_fault_info());
 * &agx_sim.crashed (read by agx_sim_crashed()); the counters (atomics). Memory shared
 * with the driver is ordered as the ABI says (a message before its ring's write pointer).
 */

/**
 * DOC: Coding conventions in driver/sim
 *
 * - ``s`` is a simulated GPU (&struct agx_sim), ``e`` an engine, ``wq`` a work queue as the
 *   firmware sees it, ``c`` a channel (or a command, in exec.c), ``n`` a notifier, ``m`` a
 *   message.
 * - Every function is ``agx_sim_*``; a function one file uses is static; the others are
 *   declared in their file's header and documented, with ``Context:`` (the firmware thread
 *   for every file below thread.c) and ``Return:``, where they are defined.
 * - Driver memory is reached only as the hardware reaches it: firmware accesses through
 *   agx_sim_rd() and agx_sim_wr() (slot 0, the firmware permission column), GPU accesses
 *   through the walker with the command's VM slot (agx_sim_copy_from_gpu(),
 *   agx_sim_copy_to_gpu(), agx_sim_translate()). A failed firmware read gives zeroes and a
 *   violation; the code reads on, and the checks that follow report the rest.
 * - Every rule the driver breaks is an agx_sim_violation() (counted, logged), after which
 *   the firmware carries on as far as it can; firmware pointers are checked with
 *   agx_sim_check_ptr() before they are followed.
 * - Knobs are read with READ_ONCE() each time they are used: they change at any time.
 * - The thread may sleep (GFP_KERNEL allocations, the bounded wait for room in an RX ring);
 *   it is not on a fence-signalling path of the driver.
 */

/* Firmware pools, by the kernel VA ranges of <agx/uat.h>, for agx_sim_check_ptr() */
#define SIM_POOL_PRIVATE	BIT(0)
#define SIM_POOL_GPU_RO		BIT(1)
#define SIM_POOL_SHARED		BIT(2)
#define SIM_POOL_SHARED_RO	BIT(3)
#define SIM_POOL_GPU		BIT(4)
#define SIM_POOL_ANY		GENMASK(4, 0)
/* not a pool: the range of the user timestamp buffers, only a Timestamp op writes there */
#define SIM_POOL_TIMESTAMP	BIT(5)

/**
 * struct agx_sim_msg - one mailbox message from the driver
 * @msg: the 64-bit payload.
 * @ep: the endpoint.
 */
struct agx_sim_msg {
	u64 msg;
	u8 ep;
};

/**
 * struct agx_sim_chan - a ring channel as the firmware sees it
 * @state_va: its state(s) (read and write pointers).
 * @ring_va: its ring(s).
 * @msg_size: bytes per message.
 * @count: messages per ring.
 * @ptr: the firmware's index per sub-channel: the read index of a TX channel, the write
 *	index of an RX channel.
 * @fwctl: the state has the FwCtl layout.
 *
 * Thread state, set at MSG_INIT.
 */
struct agx_sim_chan {
	u64 state_va;
	u64 ring_va;
	u32 msg_size;
	u32 count;
	u32 ptr[AGX_FWLOG_SUBCHANS];
	bool fwctl;
};

/**
 * enum agx_sim_wq_state - whether a work queue can fetch commands
 * @SIM_WQ_READY: it can.
 * @SIM_WQ_BARRIER: a Barrier waits for its stamp (re-evaluated at each stamp write and
 *	each RunWorkQueueMsg).
 * @SIM_WQ_CHANERR: a channel error, until DeviceControl RecoverChannel.
 */
enum agx_sim_wq_state {
	SIM_WQ_READY,
	SIM_WQ_BARRIER,
	SIM_WQ_CHANERR,
};

/**
 * struct agx_sim_wq - the firmware's cached view of one QueueInfo
 * @link: on &agx_sim.wqs.
 * @info_va: the QueueInfo.
 * @ring_va: its ring of command pointers.
 * @state_va: its RingState.
 * @ctx_va: its GpuContextData.
 * @pipe: pipe type.
 * @prio: priority (of the channel it was announced on).
 * @rptr: the firmware's read index in the ring.
 * @slot: event slot of the last RunWorkQueueMsg.
 * @last_value: stamp value of the last completed command.
 * @msg_wptr: write pointer of the last RunWorkQueueMsg.
 * @st: &enum agx_sim_wq_state.
 * @running: an engine runs (or a channel error holds) a command of this queue.
 * @dead: its objects were found freed while it had work (a violation): it fetches
 *	nothing more.
 *
 * Thread state; created by a RunWorkQueueMsg with is_new, freed when replaced, when its
 * context is destroyed while idle, or at shutdown.
 */
struct agx_sim_wq {
	struct list_head link;
	u64 info_va;
	u64 ring_va;
	u64 state_va;
	u64 ctx_va;
	u32 pipe;
	u32 prio;
	u32 rptr;
	u32 slot;
	u32 last_value;
	u32 msg_wptr;
	enum agx_sim_wq_state st;
	bool running;
	bool dead;
};

/**
 * struct agx_sim_notif - a notifier holding back completions
 * @link: on &agx_sim.notifs.
 * @va: the notifier.
 * @held: slots whose flags wait for the notifier's count to reach its threshold.
 *
 * Thread state; freed when its flags are released, or at shutdown.
 */
struct agx_sim_notif {
	struct list_head link;
	u64 va;
	u32 held[4];
};

/**
 * struct agx_sim_cmd - a Run* command as the simulated firmware reads it
 * @tag: AGX_CMD_RUN_VERTEX, _FRAGMENT or _COMPUTE.
 * @vm_slot: the VM slot it runs in.
 * @notifier: the queue's Notifier.
 * @microsequence: its microsequence.
 * @microsequence_size: bytes.
 * @ctrl_stream: the SIMQ control stream (RunVertex: JobParameters1 vdm_ctrl_stream_base;
 *	RunCompute: cdm_ctrl_stream_base; RunFragment has none), user VM VA.
 * @meta: the job meta.
 * @frag_slot: RunVertex only: the event slot of the render's fragment command.
 * @frag_value: RunVertex only: the stamp value that command will write.
 *
 * The fields of RunVertex, RunFragment and RunCompute (<agx/fw/render.h>,
 * <agx/fw/workqueue.h>) the rest of the simulator needs, in one form: agx_sim_read_run()
 * fills it from the command's real layout. Thread state.
 */
struct agx_sim_cmd {
	u32 tag;
	u32 vm_slot;
	u64 notifier;
	u64 microsequence;
	u32 microsequence_size;
	u64 ctrl_stream;
	struct agx_fw_job_meta meta;
	u32 frag_slot;
	u32 frag_value;
};

/**
 * struct agx_sim_engine - one execution unit of a pipe type
 * @wq: the work queue whose command it runs, or NULL.
 * @pipe: its pipe type.
 * @lane: its index within the pipe type.
 * @cmd_va: the command.
 * @cmd: the command as read at its start.
 * @ts_end: the end Timestamp op's pointer (0: none).
 * @start: when the command started.
 * @deadline: when it completes (not hung).
 * @active: it holds a command.
 * @hung: the command hangs until the watchdog raises a Timeout.
 * @faulted: the command faulted; it is retired at the resume.
 * @preempt_va: the RunCompute's preemption buffer, stamped at the start (0: none).
 * @grow_wait: the command sent GrowTVB and stalls until its GrowTVBAck (not due before).
 *
 * It runs one command of one work queue at a time. A pipe type has &agx_sim_cfg.engines of
 * them, so that many work queues of that type run at once. Thread state.
 */
struct agx_sim_engine {
	struct agx_sim_wq *wq;
	u32 pipe;
	u32 lane;
	u64 cmd_va;
	struct agx_sim_cmd cmd;
	u64 ts_end;
	ktime_t start;
	ktime_t deadline;
	bool active;
	bool hung;
	bool faulted;
	u64 preempt_va;
	bool grow_wait;
};

/**
 * struct agx_sim_bm - a buffer-manager slot as the simulated firmware knows it
 * @info: GPU VA of the buffer's Info the last valid InitBuffer bound, 0 for none.
 * @vm_slot: the VM slot of that InitBuffer.
 */
struct agx_sim_bm {
	u64 info;
	u32 vm_slot;
};

/**
 * struct agx_sim_grow - the GrowTVB the simulated firmware waits to see acknowledged
 * @pending: one was sent and not yet acknowledged.
 * @vm_slot: its VM slot.
 * @buffer_slot: its buffer-manager slot.
 * @counter: its counter.
 * @total: the buffer's BlockControl total when it was sent.
 * @block_ctl: GPU VA of that BlockControl.
 * @engine: the engine whose command sent it and waits for the ack.
 */
struct agx_sim_grow {
	bool pending;
	u32 vm_slot;
	u32 buffer_slot;
	u32 counter;
	u32 total;
	u64 block_ctl;
	struct agx_sim_engine *engine;
};

/**
 * struct agx_sim - one simulated GPU
 * @link: on the list of simulated GPUs.
 * @pdev: the platform device agx.ko binds to.
 * @pdata: its platform data (copied by the platform core).
 * @tlb: TLB backend given to the driver (counts invalidations).
 * @cfg: configuration and knobs.
 * @ctr: counters.
 * @layout: the firmware/GPU combination (the same table as the driver's).
 * @mem: the walker's view (TTBAT, handoff).
 * @host: the driver's callbacks, from boot.
 * @host_priv: passed to @host.
 * @thread: the firmware thread, from boot to shutdown.
 * @wait: wakes the thread.
 * @timer: wakes the thread when the first command is due (armed by the thread only).
 * @timer_fired: set by @timer.
 * @lock: protects @mbox and @steps.
 * @mbox: mailbox messages from the driver.
 * @steps: single-step budget.
 * @kick: set by agx_sim_kick().
 * @dbg: debugfs directory.
 * @crashed: the firmware crashed (thread state).
 * @inited: MSG_INIT was handled (thread state).
 * @halted: halted after a fault or timeout (thread state).
 * @init_seen: DeviceControl Initialize was handled (thread state).
 * @globals_va: Globals (thread state).
 * @fw_status_va: FwStatus (thread state).
 * @stamps_va: Stamp array (thread state).
 * @fw_stamps_va: FwStamp array (thread state).
 * @fwlog_buf_va: FW log payloads (thread state).
 * @stats_va: the GPU statistics buffers of RuntimePointers, by pipe type (vertex,
 *	fragment, compute): where the Start/Finalize operations must point.
 * @pipes: pipe channels (thread state).
 * @devctl: device-control channel (thread state).
 * @fwctl: FwCtl channel (thread state).
 * @event: event channel (thread state).
 * @fwlog: FW log channel (thread state).
 * @stats: Stats channel (thread state).
 * @wqs: known work queues (thread state).
 * @notifs: notifiers with held completions (thread state).
 * @eng: execution units per pipe type, the first cfg.engines of each used (thread state).
 * @bm: the buffer-manager slots as the InitBuffers bound them (thread state).
 * @grow: the GrowTVB in flight (thread state).
 * @dirty: slots to flag (thread state).
 * @fault_info: FAULT_INFO register.
 * @last_fault_info: FAULT_INFO of the last fault, kept after the resume clears the register
 *	(agx_sim_last_fault_info()).
 * @timeout_counter: Timeout counter (thread state).
 * @ncmds: commands started, for the injection knobs (thread state).
 * @progress_ms: watchdog interval from Globals (thread state).
 *
 * Created by agx_sim_create() and freed by agx_sim_destroy(), which unregisters the
 * device (the driver unbinds and shuts the firmware down first). Locking: the DOC
 * "Locking in driver/sim".
 */
struct agx_sim {
	struct list_head link;
	struct platform_device *pdev;
	struct agx_sim_pdata pdata;
	struct agx_sim_tlb tlb;
	struct agx_sim_cfg cfg;
	struct agx_sim_counters ctr;
	const struct agx_fw_layout *layout;
	struct agx_sim_mem mem;
	const struct agx_sim_host_ops *host;
	void *host_priv;
	struct task_struct *thread;
	wait_queue_head_t wait;
	struct hrtimer timer;
	bool timer_fired;
	spinlock_t lock; /* protects mbox, steps */
	DECLARE_KFIFO(mbox, struct agx_sim_msg, 1024);
	unsigned long steps;
	bool kick;
	struct dentry *dbg;
	bool crashed;
	bool inited;
	bool halted;
	bool init_seen;
	u64 globals_va;
	u64 fw_status_va;
	u64 stamps_va;
	u64 fw_stamps_va;
	u64 fwlog_buf_va;
	u64 stats_va[AGX_NUM_PIPE_TYPES];
	struct agx_sim_chan pipes[AGX_NUM_PRIOS][AGX_NUM_PIPE_TYPES];
	struct agx_sim_chan devctl;
	struct agx_sim_chan fwctl;
	struct agx_sim_chan event;
	struct agx_sim_chan fwlog;
	struct agx_sim_chan stats;
	struct list_head wqs;
	struct list_head notifs;
	struct agx_sim_engine eng[AGX_NUM_PIPE_TYPES][AGX_SIM_MAX_ENGINES];
	struct agx_sim_bm bm[AGX_BM_SLOTS];
	struct agx_sim_grow grow;
	u32 dirty[4];
	u64 fault_info;
	u64 last_fault_info;
	u32 timeout_counter;
	u32 ncmds;
	u32 progress_ms;
};

#endif /* _AGX_SIM_TYPES_H_ */
