// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated AGX firmware
 *
 * agx_sim.ko plays the GPU's ASC coprocessor (asahi-agx-driver.md §6). Each simulated GPU
 * is a platform device (``agx-sim-gpu``) that agx.ko binds to like to the real one; its
 * platform data carries the link that stands in for the mailbox, the coprocessor start, the
 * SGX registers and the crash notification (<agx/fw/sim_link.h>). The firmware is a kernel
 * thread; it knows nothing of the driver but the ABI headers (<agx/fw/>) and what it finds
 * through InitData, and it reaches driver memory only through the UAT walker
 * (driver/sim/mem.c): firmware accesses through slot 0, GPU accesses through the command's
 * VM slot.
 *
 * The thread:
 *
 * - boot: answers the handoff (``magic_fw``), then waits for MSG_INIT, reads InitData and
 *   the channel descriptors, handles DeviceControl Initialize and logs "init done" through
 *   the FW log and a Stats message (§6.4);
 * - doorbells: a pipe doorbell scans that pipe channel (RunWorkQueueMsg registers or
 *   updates a work queue), the device-control doorbell the device-control channel, FwCtl
 *   the FwCtl channel; KICKFW re-evaluates notifiers (§6.5);
 * - executes work queues on ``engines`` execution units per pipe type (vertex, fragment
 *   and compute run concurrently; within a type, up to ``engines`` work queues at once, each
 *   one command at a time in ring order), highest priority first, round robin within a
 *   priority. A Barrier blocks its queue until the FwStamp reaches the value (wrap-safe); a
 *   Run* command is parsed with its microsequence, its attachments are written through the
 *   job's VM, its SIMQ control stream is interpreted, it takes ``latency_us`` (timed with
 *   an hrtimer, so a command is not rounded up to a timer tick), its Timestamp ops write
 *   the simulated GPU time (ktime nanoseconds) where they point; on completion its FwStamp
 *   and Stamp are written, the notifier counts it, and its slot is flagged once the
 *   notifier's count reaches the threshold (§6.7); flags are coalesced into one Flag event
 *   followed by an RX doorbell. Each engine has its own pending_stamps entry;
 * - faults (bad GPU access or injected): FAULT_INFO, pending_stamps, halt, Fault event;
 *   after ``resume`` the faulting command is retired (§6.8). Hangs: a watchdog of
 *   ``progress_check_interval`` raises Timeout the same way. Channel errors block the work
 *   queue until DeviceControl RecoverChannel. A crash stops the thread from touching memory
 *   and calls the driver's crash callback.
 *
 * Validation (each violation counted and logged as "agx_sim: violation"): every firmware
 * pointer must translate and lie in its expected pool (§6.10 #1); with the debug preamble
 * every object dereferenced must be LIVE (#2); ring and message invariants (#3); stamps
 * must not go backwards and a busy queue must keep its event slot (#4); a command's VM
 * slot must be bound with ASID == slot (#5); a context must not be destroyed while a queue
 * using it has work (§6.9).
 *
 * Not modelled: shader execution, tiling and TVB sizing, preemption, power and stats
 * semantics, KTrace, the firmware cache (flushes are acknowledged only).
 */

#include <linux/bitfield.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/kfifo.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <agx/fw/channels.h>
#include <agx/fw/event.h>
#include <agx/fw/initdata.h>
#include <agx/fw/version.h>
#include <agx/fw/sim_link.h>
#include <agx/fw/workqueue.h>

#include "agx_sim_fw.h"
#include "agx_sim_mem.h"

#define SIM_POOL_PRIVATE	BIT(0)
#define SIM_POOL_GPU_RO		BIT(1)
#define SIM_POOL_SHARED		BIT(2)
#define SIM_POOL_SHARED_RO	BIT(3)
#define SIM_POOL_GPU		BIT(4)
#define SIM_POOL_ANY		GENMASK(4, 0)

struct agx_sim_msg {
	u64 msg;
	u8 ep;
};

/* a channel as the firmware sees it */
struct agx_sim_chan {
	u64 state_va;
	u64 ring_va;
	u32 msg_size;
	u32 count;
	u32 ptr[AGX_FWLOG_SUBCHANS];
	bool fwctl;
};

enum agx_sim_wq_state {
	SIM_WQ_READY,
	SIM_WQ_BARRIER,
	SIM_WQ_CHANERR,
};

/* the firmware's cached view of one QueueInfo */
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
};

struct agx_sim_notif {
	struct list_head link;
	u64 va;
	u32 held[4];
};

/*
 * One execution unit of a pipe type: it runs one command of one work queue at a time. A
 * pipe type has cfg.engines of them, so that many work queues of that type run at once.
 */
struct agx_sim_engine {
	struct agx_sim_wq *wq;
	u32 pipe;
	u32 lane;
	u64 cmd_va;
	struct agx_fw_cmd_run cmd;
	u64 ts_end;
	ktime_t start;
	ktime_t deadline;
	bool active;
	bool hung;
	bool faulted;
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
 * @pipes: pipe channels (thread state).
 * @devctl: device-control channel (thread state).
 * @fwctl: FwCtl channel (thread state).
 * @event: event channel (thread state).
 * @fwlog: FW log channel (thread state).
 * @stats: Stats channel (thread state).
 * @wqs: known work queues (thread state).
 * @notifs: notifiers with held completions (thread state).
 * @eng: execution units per pipe type, the first cfg.engines of each used (thread state).
 * @dirty: slots to flag (thread state).
 * @fault_info: FAULT_INFO register.
 * @last_fault_info: FAULT_INFO of the last fault, kept after the resume clears the register
 *	(agx_sim_last_fault_info()).
 * @timeout_counter: Timeout counter (thread state).
 * @ncmds: commands started, for the injection knobs (thread state).
 * @progress_ms: watchdog interval from Globals (thread state).
 *
 * Created by agx_sim_create() and freed by agx_sim_destroy(), which unregisters the
 * device (the driver unbinds and shuts the firmware down first).
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
	struct agx_sim_chan pipes[AGX_NUM_PRIOS][AGX_NUM_PIPE_TYPES];
	struct agx_sim_chan devctl;
	struct agx_sim_chan fwctl;
	struct agx_sim_chan event;
	struct agx_sim_chan fwlog;
	struct agx_sim_chan stats;
	struct list_head wqs;
	struct list_head notifs;
	struct agx_sim_engine eng[AGX_NUM_PIPE_TYPES][AGX_SIM_MAX_ENGINES];
	u32 dirty[4];
	u64 fault_info;
	u64 last_fault_info;
	u32 timeout_counter;
	u32 ncmds;
	u32 progress_ms;
};

static LIST_HEAD(agx_sims);
static DEFINE_MUTEX(agx_sims_lock);
static struct dentry *agx_sim_dbg_root;

/* Validation and memory access */

static __printf(2, 3) void agx_sim_violation(struct agx_sim *s, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	atomic_inc(&s->ctr.violations);
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err_ratelimited("agx_sim: violation: %pV\n", &vaf);
	va_end(args);
}

static u32 agx_sim_pool_of(u64 va)
{
	if (va >= AGX_KVA_PRIVATE_START && va < AGX_KVA_PRIVATE_END)
		return SIM_POOL_PRIVATE;
	if (va >= AGX_KVA_GPU_RO_START && va < AGX_KVA_GPU_RO_END)
		return SIM_POOL_GPU_RO;
	if (va >= AGX_KVA_SHARED_START && va < AGX_KVA_SHARED_END)
		return SIM_POOL_SHARED;
	if (va >= AGX_KVA_SHARED_RO_START && va < AGX_KVA_SHARED_RO_END)
		return SIM_POOL_SHARED_RO;
	if (va >= AGX_KVA_GPU_START && va < AGX_KVA_GPU_END)
		return SIM_POOL_GPU;
	return 0;
}

/* §6.10 #1 and #2: a firmware object pointer is in its pool and live. */
static bool agx_sim_check_ptr(struct agx_sim *s, u64 va, u32 pools, bool object,
			      const char *what)
{
	int ret;

	if (!(agx_sim_pool_of(va) & pools)) {
		agx_sim_violation(s, "%s pointer 0x%llx outside its pools (0x%x)", what, va,
				  pools);
		return false;
	}
	if (!object || !s->cfg.debug_alloc)
		return true;
	ret = agx_sim_check_object(&s->mem, va);
	if (ret) {
		agx_sim_violation(s, "%s 0x%llx is not a live object (%d)", what, va, ret);
		return false;
	}
	return true;
}

static int agx_sim_rd(struct agx_sim *s, u64 va, void *buf, size_t len)
{
	struct agx_sim_fault f;

	if (agx_sim_copy_from_gpu(&s->mem, AGX_UAT_KERNEL_CTX, buf, va, len, true, &f)) {
		agx_sim_violation(s, "firmware read fault at 0x%llx (level %d reason %d)", va,
				  f.level, f.reason);
		memset(buf, 0, len);
		return -EFAULT;
	}
	return 0;
}

static int agx_sim_wr(struct agx_sim *s, u64 va, const void *buf, size_t len)
{
	struct agx_sim_fault f;

	if (agx_sim_copy_to_gpu(&s->mem, AGX_UAT_KERNEL_CTX, va, buf, len, true, &f)) {
		agx_sim_violation(s, "firmware write fault at 0x%llx (level %d reason %d)", va,
				  f.level, f.reason);
		return -EFAULT;
	}
	return 0;
}

static u32 agx_sim_rd32(struct agx_sim *s, u64 va)
{
	u32 v = 0;

	agx_sim_rd(s, va, &v, sizeof(v));
	return v;
}

static void agx_sim_wr32(struct agx_sim *s, u64 va, u32 v)
{
	agx_sim_wr(s, va, &v, sizeof(v));
}

static u64 agx_sim_rd64(struct agx_sim *s, u64 va)
{
	u64 v = 0;

	agx_sim_rd(s, va, &v, sizeof(v));
	return v;
}

/* Channels */

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

static void agx_sim_chan_setup(struct agx_sim *s, struct agx_sim_chan *c,
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

/* Next TX message (driver to firmware) into @msg; false if none. */
static bool agx_sim_tx_peek(struct agx_sim *s, struct agx_sim_chan *c, void *msg)
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

static void agx_sim_tx_ack(struct agx_sim *s, struct agx_sim_chan *c)
{
	c->ptr[0] = (c->ptr[0] + 1) % c->count;
	agx_sim_wr32(s, agx_sim_rptr_va(c, 0), c->ptr[0]);
}

/* Write an RX message (firmware to driver); waits a little if the ring is full. */
static int agx_sim_rx_put(struct agx_sim *s, struct agx_sim_chan *c, u32 sub,
			  const void *msg, size_t len)
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

static void agx_sim_rx_doorbell(struct agx_sim *s)
{
	s->host->rx(s->host_priv, AGX_EP_FIRMWARE, AGX_MSG_RX_DOORBELL);
}

static void agx_sim_post_event(struct agx_sim *s, const struct agx_fw_event_msg *m)
{
	if (agx_sim_rx_put(s, &s->event, 0, m, sizeof(*m)))
		agx_sim_violation(s, "event ring full, event %u lost", m->tag);
	agx_sim_rx_doorbell(s);
}

static void agx_sim_log(struct agx_sim *s, u32 level, const char *text)
{
	struct agx_fw_fwlog_payload p = { .msg_type = AGX_FWLOG_MSG_PAYLOAD };
	struct agx_fw_fwlog_msg m = { .msg_type = AGX_FWLOG_MSG_RING };
	u32 idx = s->fwlog.ptr[level];

	strscpy(p.msg, text, sizeof(p.msg));
	p.seq = idx;
	agx_sim_wr(s, s->fwlog_buf_va + (level * AGX_CHAN_ENTRIES + idx) * sizeof(p), &p,
		   sizeof(p));
	m.msg_index = idx;
	agx_sim_rx_put(s, &s->fwlog, level, &m, sizeof(m));
}

/* Boot (§6.4) */

static void agx_sim_init(struct agx_sim *s, u64 va)
{
	struct agx_fw_runtime_pointers rt;
	struct agx_fw_initdata id;
	struct agx_fw_stats_msg st = { .tag = AGX_STATS_POWER_ON };
	struct agx_fw_status fs;
	struct agx_fw_globals *g = NULL;
	unsigned int p, t;

	if (va & BIT_ULL(43))
		va |= ~AGX_MSG_INIT_VA_MASK;	/* sign-extend the 44-bit VA */
	if (s->inited) {
		agx_sim_violation(s, "second MSG_INIT");
		return;
	}
	if (!agx_sim_check_ptr(s, va, SIM_POOL_ANY, true, "InitData") ||
	    agx_sim_rd(s, va, &id, sizeof(id)) ||
	    !agx_sim_check_ptr(s, id.runtime_pointers, SIM_POOL_ANY, true, "RuntimePointers") ||
	    agx_sim_rd(s, id.runtime_pointers, &rt, sizeof(rt)))
		return;
	if (s->layout->has_ver_info &&
	    (id.ver_info[0] << 16 | id.ver_info[1] << 8 | id.ver_info[2]) != s->layout->version)
		agx_sim_violation(s, "InitData version does not match the firmware");
	for (p = 0; p < AGX_NUM_PRIOS; p++)
		for (t = 0; t < AGX_NUM_PIPE_TYPES; t++)
			agx_sim_chan_setup(s, &s->pipes[p][t], &rt.pipes[p][t],
					   s->layout->pipe_msg_size, AGX_CHAN_ENTRIES,
					   SIM_POOL_PRIVATE, "pipe channel");
	agx_sim_chan_setup(s, &s->devctl, &rt.device_control, s->layout->devctl_msg_size,
			   AGX_CHAN_ENTRIES, SIM_POOL_PRIVATE, "devctl channel");
	agx_sim_chan_setup(s, &s->event, &rt.event, AGX_EVENT_MSG_SIZE, AGX_CHAN_ENTRIES,
			   SIM_POOL_SHARED, "event channel");
	agx_sim_chan_setup(s, &s->fwlog, &rt.fw_log, sizeof(struct agx_fw_fwlog_msg),
			   AGX_CHAN_ENTRIES, SIM_POOL_SHARED, "fwlog channel");
	agx_sim_chan_setup(s, &s->stats, &rt.stats, s->layout->stats_msg_size,
			   AGX_CHAN_ENTRIES, SIM_POOL_SHARED, "stats channel");
	s->fwlog_buf_va = rt.fwlog_buf;
	agx_sim_check_ptr(s, rt.fwlog_buf, SIM_POOL_SHARED, true, "FWLog buffer");
	if (!agx_sim_check_ptr(s, id.fw_status, SIM_POOL_SHARED, true, "FwStatus") ||
	    agx_sim_rd(s, id.fw_status, &fs, sizeof(fs)))
		return;
	s->fw_status_va = id.fw_status;
	s->fwctl.fwctl = true;
	agx_sim_chan_setup(s, &s->fwctl, &fs.fwctl_channel, sizeof(struct agx_fw_fwctl_msg),
			   AGX_CHAN_ENTRIES, SIM_POOL_SHARED, "fwctl channel");
	if (!agx_sim_check_ptr(s, id.globals, SIM_POOL_SHARED, true, "Globals"))
		return;
	s->globals_va = id.globals;
	s->progress_ms = agx_sim_rd32(s, id.globals +
				      offsetof(typeof(*g), progress_check_interval_cl));
	if (!s->progress_ms)
		s->progress_ms = 2000;	/* sim default, §6.8 */
	if (id.num_stamps != AGX_NUM_EVENTS)
		agx_sim_violation(s, "InitData has %u stamps", id.num_stamps);
	agx_sim_check_ptr(s, id.stamps, SIM_POOL_SHARED, true, "Stamps");
	agx_sim_check_ptr(s, id.fw_stamps, SIM_POOL_PRIVATE, true, "FwStamps");
	s->stamps_va = id.stamps;
	s->fw_stamps_va = id.fw_stamps;
	s->inited = true;
	agx_sim_log(s, 2, "agx_sim: init done");
	agx_sim_rx_put(s, &s->stats, 0, &st, sizeof(st));
	agx_sim_rx_doorbell(s);
}

/* Work queues */

static struct agx_sim_wq *agx_sim_wq_find(struct agx_sim *s, u64 info_va)
{
	struct agx_sim_wq *wq;

	list_for_each_entry(wq, &s->wqs, link)
		if (wq->info_va == info_va)
			return wq;
	return NULL;
}

static u64 agx_sim_qi(struct agx_sim_wq *wq, size_t off)
{
	return wq->info_va + off;
}

static u32 agx_sim_wq_wptr(struct agx_sim *s, struct agx_sim_wq *wq)
{
	return agx_sim_rd32(s, wq->state_va + offsetof(struct agx_fw_ring_state, cpu_wptr));
}

static bool agx_sim_wq_has_work(struct agx_sim *s, struct agx_sim_wq *wq)
{
	return wq->running || wq->rptr != agx_sim_wq_wptr(s, wq);
}

/* Work the driver announced before the current message is not all done. */
static bool agx_sim_wq_busy_before(struct agx_sim_wq *wq)
{
	return wq->running || wq->rptr != wq->msg_wptr || wq->st == SIM_WQ_CHANERR;
}

/* RunWorkQueueMsg (§6.5 "Pipe message") */
static void agx_sim_pipe_msg(struct agx_sim *s, u32 prio, u32 pipe,
			     const struct agx_fw_run_wq_msg *m)
{
	struct agx_fw_queue_info qi;
	struct agx_fw_ring_state rs;
	struct agx_sim_wq *wq;

	if (m->pipe_type != pipe) {
		agx_sim_violation(s, "RunWorkQueue for pipe %u on channel of pipe %u",
				  m->pipe_type, pipe);
		return;
	}
	if (m->event_slot >= AGX_NUM_EVENTS) {
		agx_sim_violation(s, "RunWorkQueue with event slot %u", m->event_slot);
		return;
	}
	if (!agx_sim_check_ptr(s, m->info, SIM_POOL_PRIVATE | SIM_POOL_SHARED, true,
			       "QueueInfo") || agx_sim_rd(s, m->info, &qi, sizeof(qi)))
		return;
	wq = agx_sim_wq_find(s, m->info);
	if (wq && m->is_new) {
		if (agx_sim_wq_has_work(s, wq))
			agx_sim_violation(s, "new QueueInfo 0x%llx replaces a busy one", m->info);
		list_del(&wq->link);
		kfree(wq);
		wq = NULL;
	}
	if (!wq) {
		if (!m->is_new)
			agx_sim_violation(s, "RunWorkQueue for unknown QueueInfo 0x%llx", m->info);
		wq = kzalloc(sizeof(*wq), GFP_KERNEL);
		if (!wq)
			return;
		wq->info_va = m->info;
		wq->pipe = pipe;
		wq->prio = prio;
		wq->slot = m->event_slot;
		list_add_tail(&wq->link, &s->wqs);
	} else if (wq->slot != m->event_slot && agx_sim_wq_busy_before(wq)) {
		/* §6.10 #4: a busy queue keeps its slot */
		agx_sim_violation(s, "busy queue 0x%llx moved from slot %u to %u", m->info,
				  wq->slot, m->event_slot);
	}
	if (!agx_sim_check_ptr(s, qi.state, SIM_POOL_SHARED, true, "RingState") ||
	    !agx_sim_check_ptr(s, qi.ring, SIM_POOL_PRIVATE | SIM_POOL_SHARED, true, "Ring") ||
	    !agx_sim_check_ptr(s, qi.gpu_context, SIM_POOL_SHARED, true, "GpuContext") ||
	    agx_sim_rd(s, qi.state, &rs, sizeof(rs)))
		return;
	if (rs.rb_size != AGX_WQ_SIZE || m->wptr >= rs.rb_size)
		agx_sim_violation(s, "ring size %u / wptr %u", rs.rb_size, m->wptr);
	wq->ring_va = qi.ring;
	wq->state_va = qi.state;
	wq->ctx_va = qi.gpu_context;
	wq->slot = m->event_slot;
	wq->msg_wptr = m->wptr;
	agx_sim_wr32(s, agx_sim_qi(wq, offsetof(struct agx_fw_queue_info, event_id)),
		     m->event_slot);
	if (wq->st == SIM_WQ_BARRIER)
		wq->st = SIM_WQ_READY;
}

static void agx_sim_scan_pipe(struct agx_sim *s, u32 prio, u32 pipe)
{
	struct agx_sim_chan *c = &s->pipes[prio][pipe];
	u8 buf[AGX_FW_MSG_MAX];

	if (READ_ONCE(s->cfg.stall_pipes))
		return;
	while (agx_sim_tx_peek(s, c, buf)) {
		agx_sim_pipe_msg(s, prio, pipe, (struct agx_fw_run_wq_msg *)buf);
		agx_sim_tx_ack(s, c);
	}
}

/* Stamps, notifiers and flags (§6.7) */

static void agx_sim_flag(struct agx_sim *s, u32 slot)
{
	s->dirty[slot / 32] |= BIT(slot % 32);
}

static struct agx_sim_notif *agx_sim_notif(struct agx_sim *s, u64 va)
{
	struct agx_sim_notif *n;

	list_for_each_entry(n, &s->notifs, link)
		if (n->va == va)
			return n;
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (n) {
		n->va = va;
		list_add_tail(&n->link, &s->notifs);
	}
	return n;
}

/* Release held flags of a notifier whose count reached its threshold. */
static void agx_sim_notif_eval(struct agx_sim *s, struct agx_sim_notif *n)
{
	u32 count = agx_sim_rd32(s, n->va + offsetof(struct agx_fw_notifier, cur_count));
	u64 thr_va = agx_sim_rd64(s, n->va + offsetof(struct agx_fw_notifier, threshold));
	u64 thr;
	unsigned int i;

	if (!agx_sim_check_ptr(s, thr_va, SIM_POOL_SHARED, true, "Threshold"))
		return;
	thr = agx_sim_rd64(s, thr_va);
	if (!READ_ONCE(s->cfg.notifier_always) && count < thr)
		return;
	for (i = 0; i < 4; i++) {
		s->dirty[i] |= n->held[i];
		n->held[i] = 0;
	}
	list_del(&n->link);
	kfree(n);
}

static void agx_sim_notif_eval_all(struct agx_sim *s)
{
	struct agx_sim_notif *n, *tmp;

	list_for_each_entry_safe(n, tmp, &s->notifs, link)
		agx_sim_notif_eval(s, n);
}

static void agx_sim_write_stamp(struct agx_sim *s, u32 slot, u32 value)
{
	u32 old = agx_sim_rd32(s, s->fw_stamps_va + slot * sizeof(u32));
	struct agx_sim_wq *wq;

	if (agx_stamp_delta(value, old) < 0)
		agx_sim_violation(s, "stamp of slot %u goes back from 0x%x to 0x%x", slot, old,
				  value);
	agx_sim_wr32(s, s->fw_stamps_va + slot * sizeof(u32), value);
	agx_sim_wr32(s, s->stamps_va + slot * sizeof(u32), value);
	/* barriers may be satisfied now */
	list_for_each_entry(wq, &s->wqs, link)
		if (wq->st == SIM_WQ_BARRIER)
			wq->st = SIM_WQ_READY;
}

/* A Run* command is done: stamps, notifier count, flag (gated by the threshold). */
static void agx_sim_retire(struct agx_sim *s, u32 slot, u32 value, u64 notifier_va)
{
	struct agx_sim_notif *n;
	u32 count;

	agx_sim_write_stamp(s, slot, value);
	count = agx_sim_rd32(s, notifier_va + offsetof(struct agx_fw_notifier, cur_count));
	agx_sim_wr32(s, notifier_va + offsetof(struct agx_fw_notifier, cur_count), count + 1);
	n = agx_sim_notif(s, notifier_va);
	if (!n) {
		agx_sim_flag(s, slot);
		return;
	}
	n->held[slot / 32] |= BIT(slot % 32);
	agx_sim_notif_eval(s, n);
	if (!list_empty(&s->notifs))
		atomic_inc(&s->ctr.held);
	atomic_inc(&s->ctr.commands);
}

static void agx_sim_post_flags(struct agx_sim *s)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_FLAG };

	if (!(s->dirty[0] | s->dirty[1] | s->dirty[2] | s->dirty[3]))
		return;
	memcpy(m.flag.firing, s->dirty, sizeof(s->dirty));
	memset(s->dirty, 0, sizeof(s->dirty));
	atomic_inc(&s->ctr.flags);
	agx_sim_post_event(s, &m);
}

/* Execution */

static void agx_sim_advance(struct agx_sim *s, struct agx_sim_wq *wq)
{
	wq->rptr = (wq->rptr + 1) % AGX_WQ_SIZE;
	agx_sim_wr32(s, wq->state_va + offsetof(struct agx_fw_ring_state, gpu_rptr), wq->rptr);
	agx_sim_wr32(s, wq->state_va + offsetof(struct agx_fw_ring_state, gpu_doneptr),
		     wq->rptr);
	agx_sim_wr32(s, agx_sim_qi(wq, offsetof(struct agx_fw_queue_info, gpu_rptr1)),
		     wq->rptr);
}

/* One pending_stamps entry per engine: the commands in flight when the firmware halts. */
static u64 agx_sim_pending_va(struct agx_sim *s, const struct agx_sim_engine *e)
{
	return s->globals_va + offsetof(struct agx_fw_globals, pending_stamps) +
	       (e->pipe * AGX_SIM_MAX_ENGINES + e->lane) * sizeof(struct agx_fw_pending_stamp);
}

static void agx_sim_set_pending(struct agx_sim *s, const struct agx_sim_engine *e, u32 slot,
				u32 value)
{
	struct agx_fw_pending_stamp ps = {
		.info = AGX_PENDING_VALID | (slot << s->layout->pending_slot_shift),
		.wait_value = value,
	};

	agx_sim_wr(s, agx_sim_pending_va(s, e), &ps, sizeof(ps));
}

/*
 * A Timestamp op with a pointer: the simulated GPU timer counts ktime_get() nanoseconds
 * (AGX_SIM_TIMESTAMP_HZ). The buffer is the driver's (a firmware mapping of its own).
 */
static void agx_sim_write_ts(struct agx_sim *s, u64 va)
{
	u64 now = ktime_get_ns();

	if (va && agx_sim_check_ptr(s, va, SIM_POOL_SHARED | SIM_POOL_PRIVATE | SIM_POOL_GPU,
				    false, "timestamp"))
		agx_sim_wr(s, va, &now, sizeof(now));
}

static void agx_sim_halt(struct agx_sim *s)
{
	u64 hc_va = s->fw_status_va + offsetof(struct agx_fw_status, halt_count);

	agx_sim_wr32(s, s->fw_status_va + offsetof(struct agx_fw_status, halted), 1);
	agx_sim_wr(s, hc_va, &(u64){ agx_sim_rd64(s, hc_va) + 1 }, sizeof(u64));
	s->halted = true;
}

/*
 * The FAULT_INFO reason code of a walker fault, as the Asahi driver decodes it (regs.rs
 * FaultReason): 0 Unmapped, 1 AfFault (leaf without the access flag), 2 WriteOnly (a read
 * of a page that only allows writes), 3 ReadOnly (a write of a page that only allows
 * reads), 4 NoAccess (a page that allows neither, and a TTBR whose ASID is not the
 * context's: asahi-agx-driver.md §6.2).
 */
static u64 agx_sim_fault_reason(const struct agx_sim_fault *f)
{
	switch (f->reason) {
	case AGX_SIM_FAULT_AF:
		return AGX_FAULT_REASON_AF;
	case AGX_SIM_FAULT_ASID:
		return AGX_FAULT_REASON_NO_ACCESS;
	case AGX_SIM_FAULT_PERM:
		if (!f->allowed)
			return AGX_FAULT_REASON_NO_ACCESS;
		if ((f->access & AGX_SIM_WRITE) && !(f->allowed & AGX_SIM_WRITE))
			return AGX_FAULT_REASON_READ_ONLY;
		return AGX_FAULT_REASON_WRITE_ONLY;
	default:
		return AGX_FAULT_REASON_UNMAPPED;
	}
}

/* §6.8: a GPU fault */
static void agx_sim_fault(struct agx_sim *s, struct agx_sim_engine *e,
			  const struct agx_sim_fault *f)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_FAULT };
	u64 info = AGX_FAULT_VALID | FIELD_PREP(AGX_FAULT_UNIT, AGX_FAULT_UNIT_UL1C) |
		   FIELD_PREP(AGX_FAULT_VM_SLOT, e->cmd.vm_slot) |
		   FIELD_PREP(AGX_FAULT_LEVEL, f->level & 3) |
		   FIELD_PREP(AGX_FAULT_REASON, agx_sim_fault_reason(f)) |
		   ((f->va >> 6) << AGX_FAULT_ADDR_SHIFT);

	if (f->access == AGX_SIM_READ)
		info |= AGX_FAULT_READ;
	WRITE_ONCE(s->fault_info, info);
	WRITE_ONCE(s->last_fault_info, info);
	agx_sim_wr(s, s->globals_va + offsetof(struct agx_fw_globals, fault_info), &info,
		   sizeof(info));
	e->faulted = true;
	atomic_inc(&s->ctr.faults);
	agx_sim_halt(s);
	agx_sim_post_event(s, &m);
}

static void agx_sim_timeout(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_fw_event_msg m = { .tag = AGX_EVENT_TIMEOUT };

	m.timeout.counter = ++s->timeout_counter;
	m.timeout.event_slot = e->cmd.meta.stamp_slot;
	atomic_inc(&s->ctr.timeouts);
	agx_sim_halt(s);
	agx_sim_post_event(s, &m);
}

static void agx_sim_crash(struct agx_sim *s)
{
	pr_info("agx_sim: firmware crash\n");
	s->crashed = true;
	s->host->crashed(s->host_priv);
}

static void agx_sim_complete(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_fw_pending_stamp none = {};

	agx_sim_write_ts(s, e->ts_end);
	agx_sim_wr(s, agx_sim_pending_va(s, e), &none, sizeof(none));
	agx_sim_retire(s, e->cmd.meta.stamp_slot, e->cmd.meta.stamp_value, e->cmd.notifier);
	e->wq->last_value = e->cmd.meta.stamp_value;
	e->wq->running = false;
	agx_sim_advance(s, e->wq);
	e->active = false;
	e->hung = false;
	e->faulted = false;
	e->wq = NULL;
}

/* §6.10 #5: the VM slot has a valid TTBAT entry with ASID == slot */
static bool agx_sim_slot_bound(struct agx_sim *s, u32 slot)
{
	struct agx_ttbat_entry *tt = phys_to_virt(s->mem.ttbat_phys);
	u64 ttb0;

	if (!slot || slot >= AGX_UAT_NUM_CTX)
		return false;
	ttb0 = READ_ONCE(tt[slot].ttb0);
	return (ttb0 & AGX_TTBR_VALID) &&
	       (ttb0 & AGX_TTBR_ASID_MASK) >> AGX_TTBR_ASID_SHIFT == slot;
}

/*
 * Parse and check the microsequence of @c (§2.9); returns the Start op's data and the
 * pointers of the two Timestamp ops (0: none).
 */
static int agx_sim_microseq(struct agx_sim *s, const struct agx_fw_cmd_run *c,
			    struct agx_fw_op_start *st, u64 ts[2])
{
	const struct agx_fw_layout *l = s->layout;
	u8 buf[AGX_MICROSEQ_MAX_SIZE];
	struct agx_fw_op_timestamp *t0, *t1;
	struct agx_fw_op_finalize *fin;
	struct agx_fw_op_wait_idle *wi;
	u32 start_op = c->tag == AGX_CMD_RUN_VERTEX ? AGX_OP_START_VERTEX :
		       c->tag == AGX_CMD_RUN_FRAGMENT ? AGX_OP_START_FRAGMENT :
		       AGX_OP_START_COMPUTE;
	size_t off;

	if (!agx_sim_check_ptr(s, c->microsequence, SIM_POOL_GPU_RO | SIM_POOL_PRIVATE, true,
			       "microsequence") ||
	    c->microsequence_size > sizeof(buf) ||
	    agx_sim_rd(s, c->microsequence, buf, c->microsequence_size))
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	memcpy(st, buf, l->op_start_size);
	off = l->op_start_size;
	if (st->op != start_op || st->vm_slot != c->vm_slot ||
	    st->attachment_count > AGX_MAX_ATTACHMENTS) {
		agx_sim_violation(s, "bad Start op 0x%x", st->op);
		return -EINVAL;
	}
	t0 = (void *)buf + off;
	off += sizeof(*t0);
	wi = (void *)buf + off;
	off += sizeof(*wi);
	t1 = (void *)buf + off;
	off += sizeof(*t1);
	if (wi->op != l->op_wait_idle || t0->op != AGX_OP_TIMESTAMP ||
	    t1->op != AGX_OP_TIMESTAMP || t0->flags || t1->flags != AGX_TIMESTAMP_END) {
		agx_sim_violation(s, "bad WaitForIdle/Timestamp ops 0x%x", wi->op);
		return -EINVAL;
	}
	ts[0] = t0->ts_pointer;
	ts[1] = t1->ts_pointer;
	fin = (void *)buf + off;
	if (fin->op != start_op + 1 || fin->stamp_value != c->meta.stamp_value ||
	    fin->fw_stamp != c->meta.fw_stamp) {
		agx_sim_violation(s, "bad Finalize op 0x%x", fin->op);
		return -EINVAL;
	}
	off += sizeof(*fin);
	if (((struct agx_fw_op_retire *)(buf + off))->op != AGX_OP_RETIRE_STAMP) {
		agx_sim_violation(s, "no RetireStamp");
		return -EINVAL;
	}
	return 0;
}

/*
 * GPU access of @len bytes at @va in the command's VM, one page at a time; fills @f on a
 * fault with the first faulting byte (@va itself, or the start of a later page), as the
 * hardware reports the faulting address.
 */
static int agx_sim_gpu_touch(struct agx_sim *s, u32 slot, u64 va, u64 len, u32 access,
			     struct agx_sim_fault *f)
{
	u64 end = va + max_t(u64, len, 1);
	phys_addr_t phys;

	for (; va < end; va = round_down(va, AGX_UAT_PGSZ) + AGX_UAT_PGSZ)
		if (agx_sim_translate(&s->mem, slot, va, access, false, &phys, f))
			return -EFAULT;
	return 0;
}

enum agx_sim_outcome { SIM_RUN, SIM_HANG, SIM_FAULT, SIM_CHANERR, SIM_CRASH };

/* The SIMQ control stream (§6.6). */
static enum agx_sim_outcome agx_sim_ctrl(struct agx_sim *s, struct agx_sim_engine *e,
					 u32 *delay_us, struct agx_sim_fault *f, u32 *err)
{
	struct agx_simq q;
	unsigned int i;

	if (!e->cmd.ctrl_stream)
		return SIM_RUN;
	if (agx_sim_copy_from_gpu(&s->mem, e->cmd.vm_slot, &q, e->cmd.ctrl_stream, sizeof(q),
				  false, f))
		return SIM_FAULT;
	if (q.magic != AGX_SIMQ_MAGIC)
		return SIM_RUN;
	for (i = 0; i < min_t(u32, q.count, AGX_SIMQ_MAX_OPS); i++) {
		struct agx_simq_op *op = &q.ops[i];

		switch (op->op) {
		case AGX_SIMQ_WRITE32:
			if (agx_sim_copy_to_gpu(&s->mem, e->cmd.vm_slot, op->va, &op->arg,
						sizeof(u32), false, f))
				return SIM_FAULT;
			break;
		case AGX_SIMQ_DELAY_US:
			*delay_us += op->arg;
			break;
		case AGX_SIMQ_HANG:
			return SIM_HANG;
		case AGX_SIMQ_FAULT_READ:
		case AGX_SIMQ_FAULT_WRITE:
			if (agx_sim_gpu_touch(s, e->cmd.vm_slot, op->va, 4,
					      op->op == AGX_SIMQ_FAULT_READ ? AGX_SIM_READ :
					      AGX_SIM_WRITE, f))
				return SIM_FAULT;
			break;
		case AGX_SIMQ_CHANNEL_ERROR:
			*err = op->arg;
			return SIM_CHANERR;
		case AGX_SIMQ_CRASH:
			return SIM_CRASH;
		default:
			return SIM_RUN;
		}
	}
	return SIM_RUN;
}

/* Start a Run* command on engine @e; false if it cannot run (error already handled). */
static void agx_sim_start(struct agx_sim *s, struct agx_sim_engine *e, struct agx_sim_wq *wq,
			  u64 cmd_va)
{
	static const u32 tags[AGX_NUM_PIPE_TYPES] = { AGX_CMD_RUN_VERTEX, AGX_CMD_RUN_FRAGMENT,
						       AGX_CMD_RUN_COMPUTE };
	struct agx_fw_cmd_run *c = &e->cmd;
	struct agx_fw_event_msg m = {};
	struct agx_fw_op_start st;
	enum agx_sim_outcome out = SIM_RUN;
	struct agx_sim_fault f = {};
	u32 delay = READ_ONCE(s->cfg.latency_us), err = 0;
	u64 ts[2] = {};
	unsigned int i, n;

	e->wq = wq;
	e->cmd_va = cmd_va;
	e->active = true;
	e->hung = false;
	e->faulted = false;
	wq->running = true;
	e->start = ktime_get();
	agx_sim_rd(s, cmd_va, c, sizeof(*c));
	if (c->tag != tags[wq->pipe])
		agx_sim_violation(s, "command %u on pipe %u", c->tag, wq->pipe);
	if (!agx_sim_slot_bound(s, c->vm_slot))
		agx_sim_violation(s, "command in unbound VM slot %u", c->vm_slot);
	if (c->meta.stamp_slot != wq->slot ||
	    c->meta.stamp != s->stamps_va + c->meta.stamp_slot * sizeof(u32) ||
	    c->meta.fw_stamp != s->fw_stamps_va + c->meta.stamp_slot * sizeof(u32))
		agx_sim_violation(s, "job meta names slot %u, queue has %u", c->meta.stamp_slot,
				  wq->slot);
	if (c->context != wq->ctx_va)
		agx_sim_violation(s, "command context differs from its queue's");
	agx_sim_check_ptr(s, c->notifier, SIM_POOL_PRIVATE, true, "Notifier");
	agx_sim_microseq(s, c, &st, ts);
	agx_sim_write_ts(s, ts[0]);
	e->ts_end = ts[1];
	agx_sim_set_pending(s, e, c->meta.stamp_slot, c->meta.stamp_value);
	/* the ASC loads the context (§6.5 step 1) */
	agx_sim_handoff_lock(&s->mem);
	WRITE_ONCE(((struct agx_handoff *)phys_to_virt(s->mem.handoff_phys))->cur_slot,
		   c->vm_slot);
	agx_sim_handoff_unlock(&s->mem);
	n = ++s->ncmds;
	if (READ_ONCE(s->cfg.crash_after) && n == READ_ONCE(s->cfg.crash_after))
		out = SIM_CRASH;
	else if (READ_ONCE(s->cfg.fault_every) && !(n % READ_ONCE(s->cfg.fault_every)))
		out = SIM_FAULT;
	else if (READ_ONCE(s->cfg.hang_every) && !(n % READ_ONCE(s->cfg.hang_every)))
		out = SIM_HANG;
	else if (READ_ONCE(s->cfg.chanerr_every) && !(n % READ_ONCE(s->cfg.chanerr_every)))
		out = SIM_CHANERR;
	if (out == SIM_FAULT) {
		f.va = 0;
		f.reason = AGX_SIM_FAULT_UNMAPPED;
		f.access = AGX_SIM_WRITE;
	}
	if (out == SIM_RUN)
		out = agx_sim_ctrl(s, e, &delay, &f, &err);
	for (i = 0; out == SIM_RUN && i < st.attachment_count; i++)
		if (agx_sim_gpu_touch(s, c->vm_slot, st.attachments[i].address,
				      (u64)st.attachments[i].size * 64, AGX_SIM_WRITE, &f))
			out = SIM_FAULT;
	switch (out) {
	case SIM_RUN:
		e->deadline = ktime_add_us(e->start, delay);
		break;
	case SIM_HANG:
		e->hung = true;
		break;
	case SIM_FAULT:
		agx_sim_fault(s, e, &f);
		break;
	case SIM_CHANERR:
		m.tag = AGX_EVENT_CHANNEL_ERROR;
		m.channel_error.error_type = err ? err : AGX_CHANNEL_ERR_ABORTED;
		m.channel_error.pipe_type = wq->pipe;
		m.channel_error.event_slot = c->meta.stamp_slot;
		m.channel_error.event_value = c->meta.stamp_value;
		atomic_inc(&s->ctr.channel_errors);
		wq->st = SIM_WQ_CHANERR;
		e->active = false;
		e->wq = NULL;
		agx_sim_wr(s, agx_sim_pending_va(s, e), &(struct agx_fw_pending_stamp){},
			   sizeof(struct agx_fw_pending_stamp));
		agx_sim_post_event(s, &m);
		break;
	case SIM_CRASH:
		agx_sim_crash(s);
		break;
	}
}

/* Take the next command of @wq: false if the queue cannot progress now. */
static bool agx_sim_fetch(struct agx_sim *s, struct agx_sim_engine *e, struct agx_sim_wq *wq)
{
	struct agx_fw_cmd_barrier b;
	u64 cmd_va;
	u32 tag;

	while (wq->st == SIM_WQ_READY && wq->rptr != agx_sim_wq_wptr(s, wq)) {
		cmd_va = agx_sim_rd64(s, wq->ring_va + wq->rptr * sizeof(u64));
		if (!agx_sim_check_ptr(s, cmd_va, SIM_POOL_GPU_RO | SIM_POOL_PRIVATE, true,
				       "command")) {
			agx_sim_advance(s, wq);
			continue;
		}
		tag = agx_sim_rd32(s, cmd_va);
		switch (tag) {
		case AGX_CMD_BARRIER:
			agx_sim_rd(s, cmd_va, &b, sizeof(b));
			if (b.wait_slot >= AGX_NUM_EVENTS ||
			    b.wait_stamp != s->fw_stamps_va + b.wait_slot * sizeof(u32)) {
				agx_sim_violation(s, "barrier on 0x%llx is not an FwStamp",
						  b.wait_stamp);
				agx_sim_advance(s, wq);
				continue;
			}
			if (!agx_stamp_reached(agx_sim_rd32(s, b.wait_stamp), b.wait_value)) {
				wq->st = SIM_WQ_BARRIER;
				return false;
			}
			atomic_inc(&s->ctr.barriers);
			agx_sim_advance(s, wq);
			continue;
		case AGX_CMD_INIT_BUFFER:
			agx_sim_advance(s, wq);
			continue;
		case AGX_CMD_RUN_VERTEX:
		case AGX_CMD_RUN_FRAGMENT:
		case AGX_CMD_RUN_COMPUTE:
			agx_sim_start(s, e, wq, cmd_va);
			return true;
		default:
			agx_sim_violation(s, "unknown command tag %u", tag);
			agx_sim_advance(s, wq);
		}
	}
	return false;
}

static bool agx_sim_take_step(struct agx_sim *s)
{
	bool ok = true;

	if (!READ_ONCE(s->cfg.single_step))
		return true;
	spin_lock(&s->lock);
	if (s->steps)
		s->steps--;
	else
		ok = false;
	spin_unlock(&s->lock);
	return ok;
}

static unsigned int agx_sim_engines(struct agx_sim *s)
{
	return clamp_t(u32, READ_ONCE(s->cfg.engines), 1, AGX_SIM_MAX_ENGINES);
}

/* An engine with a command: raise its timeout, or complete the command when it is due. */
static void agx_sim_engine_poll(struct agx_sim *s, struct agx_sim_engine *e, ktime_t now)
{
	if (e->hung) {
		if (ktime_ms_delta(now, e->start) >= s->progress_ms)
			agx_sim_timeout(s, e);
		return;
	}
	if (!ktime_before(now, e->deadline) && agx_sim_take_step(s))
		agx_sim_complete(s, e);
}

/*
 * An idle engine: start the next command of the first runnable work queue of its pipe
 * type, highest priority first, round robin within a priority. A work queue runs on one
 * engine at a time (its commands run in ring order). Return: false if nothing was taken.
 */
static bool agx_sim_engine_fill(struct agx_sim *s, struct agx_sim_engine *e)
{
	struct agx_sim_wq *wq;
	unsigned int prio;

	for (prio = 0; prio < AGX_NUM_PRIOS; prio++) {
		list_for_each_entry(wq, &s->wqs, link) {
			if (wq->pipe != e->pipe || wq->prio != prio || wq->st != SIM_WQ_READY ||
			    wq->running || wq->rptr == agx_sim_wq_wptr(s, wq))
				continue;
			if (!agx_sim_take_step(s))
				return false;
			if (agx_sim_fetch(s, e, wq)) {
				list_move_tail(&wq->link, &s->wqs);	/* round robin */
				return true;
			}
			if (s->crashed || s->halted)
				return false;
		}
	}
	return false;
}

/*
 * Complete what is due on every engine and report it at once (as the firmware signals a
 * completion when it happens, not after starting the next commands), then give every idle
 * engine a command.
 */
static void agx_sim_run_engines(struct agx_sim *s)
{
	unsigned int n = agx_sim_engines(s), p, l;
	ktime_t now = ktime_get();

	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++)
		for (l = 0; l < AGX_SIM_MAX_ENGINES && !s->crashed && !s->halted; l++)
			if (s->eng[p][l].active)
				agx_sim_engine_poll(s, &s->eng[p][l], now);
	agx_sim_notif_eval_all(s);
	if (!s->crashed)
		agx_sim_post_flags(s);
	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++)
		for (l = 0; l < n; l++)
			while (!s->crashed && !s->halted && !s->eng[p][l].active &&
			       agx_sim_engine_fill(s, &s->eng[p][l]))
				;	/* a channel error leaves the engine idle: take the next */
}

/* After the driver's resume: retire the faulting or hung commands (§6.8). */
static void agx_sim_resume(struct agx_sim *s)
{
	unsigned int p, l;

	WRITE_ONCE(s->fault_info, 0);
	s->halted = false;
	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++) {
		for (l = 0; l < AGX_SIM_MAX_ENGINES; l++) {
			struct agx_sim_engine *e = &s->eng[p][l];

			if (e->active && (e->faulted || e->hung))
				agx_sim_complete(s, e);
		}
	}
}

/* Device control (§6.9) */

static void agx_sim_destroy_ctx(struct agx_sim *s, u64 ctx_va)
{
	struct agx_sim_wq *wq, *tmp;

	atomic_inc(&s->ctr.contexts_destroyed);
	list_for_each_entry_safe(wq, tmp, &s->wqs, link) {
		if (wq->ctx_va != ctx_va)
			continue;
		if (agx_sim_wq_has_work(s, wq) || wq->st == SIM_WQ_CHANERR)
			agx_sim_violation(s, "context 0x%llx destroyed while queue 0x%llx is busy",
					  ctx_va, wq->info_va);
		if (wq->running)
			continue;	/* an engine still holds it */
		list_del(&wq->link);
		kfree(wq);
	}
}

static void agx_sim_recover_channel(struct agx_sim *s,
				    const struct agx_fw_devctl_recover_channel *r)
{
	struct agx_sim_wq *wq = agx_sim_wq_find(s, r->work_queue);
	struct agx_fw_cmd_run c;
	u64 cmd_va;

	if (!wq || wq->st != SIM_WQ_CHANERR || wq->pipe != r->pipe_type) {
		agx_sim_violation(s, "RecoverChannel for a queue without a channel error");
		return;
	}
	/*
	 * Skip the failed command: retire it at the driver's value. It no longer runs, so the
	 * queue is idle again unless more commands follow (as after agx_sim_complete()).
	 */
	cmd_va = agx_sim_rd64(s, wq->ring_va + wq->rptr * sizeof(u64));
	agx_sim_rd(s, cmd_va, &c, sizeof(c));
	agx_sim_retire(s, wq->slot, r->event_value, c.notifier);
	wq->running = false;
	agx_sim_advance(s, wq);
	wq->st = SIM_WQ_READY;
}

static void agx_sim_scan_devctl(struct agx_sim *s)
{
	struct agx_fw_devctl_msg m;
	u8 buf[AGX_FW_MSG_MAX];
	const struct agx_fw_layout *l = s->layout;

	if (READ_ONCE(s->cfg.stall_devctl))
		return;
	while (agx_sim_tx_peek(s, &s->devctl, buf)) {
		memcpy(&m, buf, sizeof(m));
		atomic_inc(&s->ctr.devctl);
		if (m.tag == l->devctl_initialize) {
			if (s->init_seen)
				agx_sim_violation(s, "second Initialize");
			s->init_seen = true;
		} else if (m.tag == l->devctl_destroy_ctx) {
			if (m.destroy_ctx.ctx_0 == 0xff && m.destroy_ctx.ctx_1 == 0xff)
				;	/* full cache flush: no cache modelled */
			else if (agx_sim_check_ptr(s, m.destroy_ctx.gpu_context, SIM_POOL_SHARED,
						   true, "destroyed context"))
				agx_sim_destroy_ctx(s, m.destroy_ctx.gpu_context);
		} else if (m.tag == l->devctl_recover_channel) {
			agx_sim_recover_channel(s, &m.recover);
		} else if (m.tag != l->devctl_grow_tvb_ack) {
			pr_info("agx_sim: unknown device control 0x%x\n", m.tag);
		}
		agx_sim_tx_ack(s, &s->devctl);
	}
}

static void agx_sim_scan_fwctl(struct agx_sim *s)
{
	struct agx_fw_fwctl_msg m;
	struct agx_handoff *h = phys_to_virt(s->mem.handoff_phys);

	while (agx_sim_tx_peek(s, &s->fwctl, &m)) {
		if (m.slot < AGX_HANDOFF_FLUSH_SLOTS && READ_ONCE(h->flush[m.slot].state) == 1)
			WRITE_ONCE(h->flush[m.slot].state, 2);
		else
			agx_sim_violation(s, "FwCtl flush without a request in slot %u", m.slot);
		agx_sim_tx_ack(s, &s->fwctl);
	}
}

/* The thread */

static void agx_sim_mailbox(struct agx_sim *s)
{
	struct agx_sim_msg m;
	u32 n;

	for (;;) {
		spin_lock(&s->lock);
		if (!kfifo_get(&s->mbox, &m)) {
			spin_unlock(&s->lock);
			return;
		}
		spin_unlock(&s->lock);
		if (s->crashed)
			continue;
		if (m.ep == AGX_EP_FIRMWARE && AGX_MSG_TYPE(m.msg) == AGX_MSG_TYPE(AGX_MSG_INIT)) {
			agx_sim_init(s, m.msg & AGX_MSG_INIT_VA_MASK);
			continue;
		}
		if (!s->inited)
			continue;	/* §6.4: ignored until MSG_INIT */
		if (m.ep != AGX_EP_DOORBELL) {
			agx_sim_violation(s, "message 0x%llx on endpoint 0x%x", m.msg, m.ep);
			continue;
		}
		if (AGX_MSG_TYPE(m.msg) == AGX_MSG_TYPE(AGX_MSG_FWCTL)) {
			agx_sim_scan_fwctl(s);
			continue;
		}
		n = m.msg & 0xff;
		if (n < AGX_DOORBELL_KICKFW)
			agx_sim_scan_pipe(s, n >> 2, n & 3);
		else if (n == AGX_DOORBELL_DEVCTRL)
			agx_sim_scan_devctl(s);
		agx_sim_notif_eval_all(s);
	}
}

/*
 * How long the thread may sleep: until the first command is due or a hung one times out,
 * at most 100 ms (it polls for resume and knob changes). With single-step on, a command
 * that is due waits for agx_sim_step(), which wakes the thread.
 */
static ktime_t agx_sim_next_timeout(struct agx_sim *s)
{
	ktime_t now = ktime_get(), best = ktime_add_ms(now, 100), due;
	bool stepping = READ_ONCE(s->cfg.single_step);
	unsigned int p, l;

	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++) {
		for (l = 0; l < AGX_SIM_MAX_ENGINES; l++) {
			struct agx_sim_engine *e = &s->eng[p][l];

			if (!e->active || e->faulted)
				continue;
			due = e->hung ? ktime_add_ms(e->start, s->progress_ms) : e->deadline;
			if (stepping && !ktime_after(due, now))
				continue;
			best = ktime_before(due, best) ? due : best;
		}
	}
	return ktime_after(best, now) ? ktime_sub(best, now) : 0;
}

/* The mailbox's indices are written under @lock by agx_sim_link_send(): read them under it. */
static bool agx_sim_mbox_pending(struct agx_sim *s)
{
	bool pending;

	spin_lock(&s->lock);
	pending = !kfifo_is_empty(&s->mbox);
	spin_unlock(&s->lock);
	return pending;
}

static bool agx_sim_wake(struct agx_sim *s)
{
	return kthread_should_stop() || READ_ONCE(s->kick) || READ_ONCE(s->timer_fired) ||
	       agx_sim_mbox_pending(s);
}

static enum hrtimer_restart agx_sim_timer_fn(struct hrtimer *t)
{
	struct agx_sim *s = container_of(t, struct agx_sim, timer);

	WRITE_ONCE(s->timer_fired, true);
	wake_up(&s->wait);
	return HRTIMER_NORESTART;
}

/*
 * Sleep until a message, a kick or the next deadline. The thread's own hrtimer, not
 * wait_event_interruptible_hrtimeout(): that macro reads its sleeper's task pointer
 * without a marked access while the timer interrupt clears it, which KCSAN reports.
 */
static void agx_sim_sleep(struct agx_sim *s)
{
	WRITE_ONCE(s->timer_fired, false);
	hrtimer_start_range_ns(&s->timer, agx_sim_next_timeout(s), current->timer_slack_ns,
			       HRTIMER_MODE_REL);
	wait_event_interruptible(s->wait, agx_sim_wake(s));
	hrtimer_cancel(&s->timer);
}

static int agx_sim_thread(void *arg)
{
	struct agx_sim *s = arg;
	struct agx_handoff *h = phys_to_virt(s->mem.handoff_phys);

	/* §6.4 step 1: answer the handoff */
	while (READ_ONCE(h->magic_ap) != AGX_PPL_MAGIC && !kthread_should_stop())
		usleep_range(100, 200);
	WRITE_ONCE(h->magic_fw, AGX_PPL_MAGIC);
	while (!kthread_should_stop()) {
		agx_sim_sleep(s);
		WRITE_ONCE(s->kick, false);
		agx_sim_mailbox(s);
		if (s->crashed || !s->inited)
			continue;
		if (s->halted && !READ_ONCE(s->cfg.no_recovery) &&
		    agx_sim_rd32(s, s->fw_status_va + offsetof(struct agx_fw_status, resume))) {
			agx_sim_wr32(s, s->fw_status_va + offsetof(struct agx_fw_status, resume),
				     0);
			agx_sim_resume(s);
		}
		if (!s->halted) {
			agx_sim_run_engines(s);
			agx_sim_notif_eval_all(s);
		}
		if (!s->crashed)
			agx_sim_post_flags(s);
	}
	return 0;
}

/* The link */

static int agx_sim_link_boot(void *priv, const struct agx_sim_boot *boot)
{
	struct agx_sim *s = priv;

	agx_sim_mem_init(&s->mem, boot->ttbat_phys, boot->handoff_phys);
	s->host = boot->host;
	s->host_priv = boot->host_priv;
	s->thread = kthread_run(agx_sim_thread, s, "agx-simfw");
	if (IS_ERR(s->thread)) {
		int ret = PTR_ERR(s->thread);

		s->thread = NULL;
		return ret;
	}
	return 0;
}

static int agx_sim_link_send(void *priv, u8 ep, u64 msg)
{
	struct agx_sim *s = priv;
	struct agx_sim_msg m = { .msg = msg, .ep = ep };
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&s->lock, flags);
	if (!kfifo_put(&s->mbox, m))
		ret = -EBUSY;
	spin_unlock_irqrestore(&s->lock, flags);
	wake_up(&s->wait);
	return ret;
}

static u64 agx_sim_link_mmio_read(void *priv, u32 offset)
{
	struct agx_sim *s = priv;

	return offset == AGX_SGX_FAULT_INFO ? READ_ONCE(s->fault_info) : 0;
}

static void agx_sim_link_shutdown(void *priv)
{
	struct agx_sim *s = priv;
	struct agx_sim_notif *n, *ntmp;
	struct agx_sim_wq *wq, *tmp;

	if (s->thread)
		kthread_stop(s->thread);
	s->thread = NULL;
	list_for_each_entry_safe(wq, tmp, &s->wqs, link) {
		list_del(&wq->link);
		kfree(wq);
	}
	list_for_each_entry_safe(n, ntmp, &s->notifs, link) {
		list_del(&n->link);
		kfree(n);
	}
}

static const struct agx_sim_link_ops agx_sim_link = {
	.boot = agx_sim_link_boot,
	.send = agx_sim_link_send,
	.mmio_read = agx_sim_link_mmio_read,
	.shutdown = agx_sim_link_shutdown,
};

/* API */

static void agx_sim_debugfs(struct agx_sim *s)
{
	char name[16];

	snprintf(name, sizeof(name), "gpu%d", s->pdev->id);
	s->dbg = debugfs_create_dir(name, agx_sim_dbg_root);
	debugfs_create_u32("latency_us", 0644, s->dbg, &s->cfg.latency_us);
	debugfs_create_u32("engines", 0644, s->dbg, &s->cfg.engines);
	debugfs_create_u32("fault_every", 0644, s->dbg, &s->cfg.fault_every);
	debugfs_create_u32("hang_every", 0644, s->dbg, &s->cfg.hang_every);
	debugfs_create_u32("chanerr_every", 0644, s->dbg, &s->cfg.chanerr_every);
	debugfs_create_u32("crash_after", 0644, s->dbg, &s->cfg.crash_after);
	debugfs_create_bool("stall_devctl", 0644, s->dbg, &s->cfg.stall_devctl);
	debugfs_create_bool("stall_pipes", 0644, s->dbg, &s->cfg.stall_pipes);
	debugfs_create_bool("notifier_always", 0644, s->dbg, &s->cfg.notifier_always);
	debugfs_create_atomic_t("violations", 0444, s->dbg, &s->ctr.violations);
	debugfs_create_atomic_t("commands", 0444, s->dbg, &s->ctr.commands);
}

static void agx_sim_init_engines(struct agx_sim *s)
{
	unsigned int p, l;

	for (p = 0; p < AGX_NUM_PIPE_TYPES; p++) {
		for (l = 0; l < AGX_SIM_MAX_ENGINES; l++) {
			s->eng[p][l].pipe = p;
			s->eng[p][l].lane = l;
		}
	}
}

/**
 * agx_sim_create() - create a simulated GPU
 * @cfg: its configuration, copied.
 *
 * Registers the platform device; if agx.ko is loaded it binds at once (the firmware boots
 * during this call).
 *
 * Context: process context; sleeps.
 * Return: the simulated GPU, owned by the caller until agx_sim_destroy(), or an ERR_PTR.
 */
struct agx_sim *agx_sim_create(const struct agx_sim_cfg *cfg)
{
	struct platform_device_info info = {
		.name = AGX_SIM_DEV_NAME,
		.id = PLATFORM_DEVID_AUTO,
	};
	struct agx_sim *s;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->cfg = *cfg;
	s->layout = agx_fw_layout_find(cfg->gen, cfg->fw_version);
	if (!s->layout) {
		kfree(s);
		return ERR_PTR(-EINVAL);
	}
	agx_sim_init_engines(s);
	hrtimer_init(&s->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	s->timer.function = agx_sim_timer_fn;
	spin_lock_init(&s->lock);
	init_waitqueue_head(&s->wait);
	INIT_KFIFO(s->mbox);
	INIT_LIST_HEAD(&s->wqs);
	INIT_LIST_HEAD(&s->notifs);
	s->pdata.ops = &agx_sim_link;
	s->pdata.sim = s;
	s->pdata.tlb = &agx_sim_tlb_ops;
	s->pdata.tlb_priv = &s->tlb;
	s->pdata.gen = cfg->gen;
	s->pdata.fw_version = cfg->fw_version;
	s->pdata.debug_alloc = cfg->debug_alloc;
	info.data = &s->pdata;
	info.size_data = sizeof(s->pdata);
	mutex_lock(&agx_sims_lock);
	list_add_tail(&s->link, &agx_sims);
	mutex_unlock(&agx_sims_lock);
	s->pdev = platform_device_register_full(&info);
	if (IS_ERR(s->pdev)) {
		struct platform_device *pdev = s->pdev;

		mutex_lock(&agx_sims_lock);
		list_del(&s->link);
		mutex_unlock(&agx_sims_lock);
		kfree(s);
		return ERR_CAST(pdev);
	}
	agx_sim_debugfs(s);
	return s;
}
EXPORT_SYMBOL_GPL(agx_sim_create);

/**
 * agx_sim_destroy() - remove a simulated GPU
 * @sim: the simulated GPU (NULL or an error pointer is ignored).
 *
 * Unregisters the device: the driver unbinds (shutting the firmware down), then the
 * simulator's memory is freed.
 *
 * Context: process context; sleeps.
 */
void agx_sim_destroy(struct agx_sim *sim)
{
	if (IS_ERR_OR_NULL(sim))
		return;
	debugfs_remove_recursive(sim->dbg);
	platform_device_unregister(sim->pdev);
	agx_sim_link_shutdown(sim);
	mutex_lock(&agx_sims_lock);
	list_del(&sim->link);
	mutex_unlock(&agx_sims_lock);
	kfree(sim);
}
EXPORT_SYMBOL_GPL(agx_sim_destroy);

/**
 * agx_sim_device() - the simulated GPU's device
 * @sim: the simulated GPU.
 *
 * Context: any.
 * Return: the platform device's &struct device (drvdata is the driver's GPU once bound).
 */
struct device *agx_sim_device(struct agx_sim *sim)
{
	return &sim->pdev->dev;
}
EXPORT_SYMBOL_GPL(agx_sim_device);

/**
 * agx_sim_config() - the knobs of a simulated GPU
 * @sim: the simulated GPU.
 *
 * Context: any; fields may be written at any time (WRITE_ONCE).
 * Return: the configuration, owned by @sim.
 */
struct agx_sim_cfg *agx_sim_config(struct agx_sim *sim)
{
	return &sim->cfg;
}
EXPORT_SYMBOL_GPL(agx_sim_config);

/**
 * agx_sim_counters() - the counters of a simulated GPU
 * @sim: the simulated GPU.
 *
 * Context: any.
 * Return: the counters, owned by @sim.
 */
struct agx_sim_counters *agx_sim_counters(struct agx_sim *sim)
{
	return &sim->ctr;
}
EXPORT_SYMBOL_GPL(agx_sim_counters);

/**
 * agx_sim_step() - grant steps in single-step mode
 * @sim: the simulated GPU.
 * @steps: number of command starts/completions the firmware may perform.
 *
 * Context: any process context.
 */
void agx_sim_step(struct agx_sim *sim, unsigned int steps)
{
	spin_lock(&sim->lock);
	sim->steps += steps;
	spin_unlock(&sim->lock);
	agx_sim_kick(sim);
}
EXPORT_SYMBOL_GPL(agx_sim_step);

/**
 * agx_sim_kick() - wake the firmware thread (after changing a knob)
 * @sim: the simulated GPU.
 *
 * Context: any.
 */
void agx_sim_kick(struct agx_sim *sim)
{
	WRITE_ONCE(sim->kick, true);
	wake_up(&sim->wait);
}
EXPORT_SYMBOL_GPL(agx_sim_kick);

/**
 * agx_sim_last_fault_info() - the FAULT_INFO value of the simulated GPU's last fault
 * @sim: the simulated GPU.
 *
 * The register itself is cleared when the firmware resumes; tests read the decoded fault
 * from here afterwards.
 *
 * Context: any.
 * Return: the FAULT_INFO value (AGX_FAULT_* fields), 0 if no fault was raised yet.
 */
u64 agx_sim_last_fault_info(struct agx_sim *sim)
{
	return READ_ONCE(sim->last_fault_info);
}
EXPORT_SYMBOL_GPL(agx_sim_last_fault_info);

/**
 * agx_sim_crashed() - has the simulated firmware crashed?
 * @sim: the simulated GPU.
 *
 * Context: any.
 * Return: true after a crash.
 */
bool agx_sim_crashed(struct agx_sim *sim)
{
	return READ_ONCE(sim->crashed);
}
EXPORT_SYMBOL_GPL(agx_sim_crashed);

/**
 * agx_sim_default() - the simulated GPU created at module load
 *
 * Context: any.
 * Return: the first simulated GPU, or NULL.
 */
struct agx_sim *agx_sim_default(void)
{
	struct agx_sim *s;

	mutex_lock(&agx_sims_lock);
	s = list_first_entry_or_null(&agx_sims, struct agx_sim, link);
	mutex_unlock(&agx_sims_lock);
	return s;
}
EXPORT_SYMBOL_GPL(agx_sim_default);

static bool create_default = true;
module_param(create_default, bool, 0444);
MODULE_PARM_DESC(create_default, "Create one simulated GPU at load");
static uint latency_us = 200;
module_param(latency_us, uint, 0444);
MODULE_PARM_DESC(latency_us, "Default per-command latency (us)");
static uint engines = 1;
module_param(engines, uint, 0444);
MODULE_PARM_DESC(engines, "Work queues of one pipe type the default GPU runs at once (1-8)");
static uint fault_every;
module_param(fault_every, uint, 0444);
MODULE_PARM_DESC(fault_every, "Inject a fault every N commands");
static uint hang_every;
module_param(hang_every, uint, 0444);
MODULE_PARM_DESC(hang_every, "Inject a hang every N commands");
static uint crash_after;
module_param(crash_after, uint, 0444);
MODULE_PARM_DESC(crash_after, "Crash at command N");
static bool debug_alloc = true;
module_param(debug_alloc, bool, 0444);
MODULE_PARM_DESC(debug_alloc, "Debug preamble on firmware objects (use-after-free checks)");

/**
 * agx_sim_fw_module_init() - module init: debugfs root and the default GPU
 *
 * Context: module init.
 * Return: 0 (a default GPU that fails to come up is logged).
 */
int agx_sim_fw_module_init(void)
{
	struct agx_sim_cfg cfg = {
		.gen = AGX_GEN_G13,
		.fw_version = AGX_FW_VERSION(13, 5, 0),
		.debug_alloc = debug_alloc,
		.latency_us = latency_us,
		.engines = engines,
		.fault_every = fault_every,
		.hang_every = hang_every,
		.crash_after = crash_after,
	};
	struct agx_sim *s;

	agx_sim_dbg_root = debugfs_create_dir("agx_sim", NULL);
	if (!create_default)
		return 0;
	s = agx_sim_create(&cfg);
	if (IS_ERR(s))
		pr_err("agx_sim: default GPU: %ld\n", PTR_ERR(s));
	return 0;
}

/**
 * agx_sim_fw_module_exit() - module exit: remove every simulated GPU
 *
 * Context: module exit.
 */
void agx_sim_fw_module_exit(void)
{
	struct agx_sim *s;

	while ((s = agx_sim_default()))
		agx_sim_destroy(s);
	debugfs_remove_recursive(agx_sim_dbg_root);
}
