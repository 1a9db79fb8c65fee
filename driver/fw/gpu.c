// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: GPU bring-up, receive path and recovery
 *
 * The top of driver/fw: the platform driver (agx_drv.c) calls agx_gpu_create() at probe
 * for the GPU platform device (the simulated one registered by agx_sim.ko, or the real
 * one with RTKit), which brings the firmware up in the order of
 * asahi-agx-driver.md §2.2: pick the per-version layout, create the MMU (TTBAT, handoff,
 * pools), the event stamps, the channels (12 pipe rings, device control, FwCtl; event,
 * FW log, KTrace and Stats receive rings), Globals, FwStatus and InitData; queue
 * DeviceControl Initialize; boot the coprocessor; wait (1 s) for the handoff magic; send
 * MSG_INIT with the InitData VA; ring the device-control doorbell and wait (1 s) for the
 * acknowledgment.
 *
 * Receive path: the firmware's RX doorbell (EP 0x20, 0x42 << 48) is delivered by the
 * transport in process context; the receive lock is taken and the FW log, Stats and event
 * rings are drained (asahi-agx-driver.md §2.1). Events:
 *
 * - Flag: each firing slot is handed to its work queue, which reads the stamp.
 * - Fault: FAULT_INFO gives the VM slot; pending_stamps in Globals name the slots and
 *   values in flight, which get Fault (Killed for other VMs); then recovery.
 * - Timeout: the culprit slot gets Timeout, the other in-flight ones Killed; recovery.
 * - ChannelError: the slot's commands up to the value get the error; DeviceControl
 *   RecoverChannel (bounded wait).
 *
 * The whole receive pass is a fence-signalling critical section (R7, see "Locking" in
 * Documentation/agx-firmware.rst): it takes &agx_gpu.rx_lock, work-queue and event locks
 * and fence locks, and may send device-control messages (bounded waits), but never
 * allocates nor waits for a fence.
 *
 * Recovery waits (100 ms) for ``fw_status.halted``, then clears it and sets ``resume``
 * (asahi-agx-driver.md §1.7). A firmware crash (transport callback) marks the GPU crashed
 * (agx_gpu_mark_dead()): from then on no message is sent and no firmware memory is
 * written, every pending command completes with -ENODEV (agx_fw_slots_fail_all()) and
 * submits fail with -ENODEV.
 */

#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>
#include <kunit/visibility.h>

#include "gpu.h"
#include "workqueue.h"
#include "buffer.h"
#include "devctl.h"
#include "event.h"
#include "channel.h"
#include "initdata.h"

#include "mmu/agx_mmu.h"
#include "xport/agx_xport.h"

#define AGX_HANDOFF_WAIT_MS	1000	/* asahi-agx-driver.md §2.2 */
#define AGX_HALT_WAIT_MS	100	/* asahi-agx-driver.md §1.7 */

static unsigned int job_timeout_ms = 10000;
module_param(job_timeout_ms, uint, 0644);
MODULE_PARM_DESC(job_timeout_ms, "Job-queue backstop timeout of the queues created next, ms");

static unsigned int job_timeout_rearms = 5;
module_param(job_timeout_rearms, uint, 0644);
MODULE_PARM_DESC(job_timeout_rearms,
		 "Backstop re-arms before a job the firmware never completes fails (-ETIMEDOUT)");

static LIST_HEAD(agx_gpus);
static DEFINE_MUTEX(agx_gpus_lock);

/*
 * The job queues' and the firmware layer's work items of every GPU run on agx_wq; the last
 * put of a GPU frees it from agx_release_wq. Both live as long as agx.ko, so that work
 * still queued after an unbind never meets a destroyed workqueue; module exit waits for
 * every GPU to be freed (agx_gpus_alive).
 */
static struct workqueue_struct *agx_wq;
static struct workqueue_struct *agx_release_wq;
static atomic_t agx_gpus_alive = ATOMIC_INIT(0);

/* pending_stamps -> errors (asahi-agx-driver.md §1.7 mark_pending_events()) */
static void agx_gpu_mark_pending(struct agx_gpu *gpu, int culprit, enum agx_work_err err,
				 u32 fault_slot)
{
	struct agx_fw_globals *g = gpu->globals->cpu;
	unsigned int i;

	lockdep_assert_held(&gpu->rx_lock);
	for (i = 0; i < AGX_PENDING_STAMPS; i++) {
		u32 info = READ_ONCE(g->pending_stamps[i].info);
		u32 value = READ_ONCE(g->pending_stamps[i].wait_value);
		enum agx_work_err e = err;
		int slot;

		if (!(info & AGX_PENDING_VALID))
			continue;
		slot = (info >> gpu->layout->pending_slot_shift) & 0x7f;
		if (culprit >= 0 && slot != culprit)
			e = AGX_WERR_KILLED;
		agx_fw_slot_mark_error(gpu, slot, value, e, fault_slot);
		WRITE_ONCE(g->pending_stamps[i].info, 0);
		WRITE_ONCE(g->pending_stamps[i].wait_value, 0);
	}
}

/* Let a halted firmware continue (asahi-agx-driver.md §1.7 recover()). */
static void agx_gpu_recover(struct agx_gpu *gpu)
{
	struct agx_fw_status *st = gpu->fw_status->cpu;
	unsigned long deadline = jiffies + msecs_to_jiffies(AGX_HALT_WAIT_MS);

	lockdep_assert_held(&gpu->rx_lock);
	while (!READ_ONCE(st->halted)) {
		if (time_after(jiffies, deadline) || agx_gpu_is_crashed(gpu)) {
			dev_err(gpu->dev, "agx: firmware did not halt, cannot recover\n");
			return;
		}
		usleep_range(500, 1000);
	}
	WRITE_ONCE(st->halted, 0);
	smp_mb(); /* SeqCst in the reference */
	WRITE_ONCE(st->resume, 1);
	agx_gpu_doorbell(gpu, AGX_DOORBELL_KICKFW);
}

static void agx_gpu_event_fault(struct agx_gpu *gpu)
{
	u64 info = agx_xport_mmio_read(gpu->xport, AGX_SGX_FAULT_INFO);

	atomic_inc(&gpu->stats.faults);
	/* userspace decides how often its jobs fault: keep the log readable */
	dev_info_ratelimited(gpu->dev, "agx: GPU fault, info 0x%llx (vm slot %llu)\n", info,
			     FIELD_GET(AGX_FAULT_VM_SLOT, info));
	agx_gpu_mark_pending(gpu, -1, info & AGX_FAULT_VALID ? AGX_WERR_FAULT :
			     AGX_WERR_UNKNOWN, FIELD_GET(AGX_FAULT_VM_SLOT, info));
	agx_gpu_recover(gpu);
}

static void agx_gpu_event_timeout(struct agx_gpu *gpu, const struct agx_fw_event_msg *m)
{
	lockdep_assert_held(&gpu->rx_lock);
	atomic_inc(&gpu->stats.timeouts);
	gpu->timeout_counter = m->timeout.counter;
	dev_info(gpu->dev, "agx: GPU timeout on event slot %d\n", m->timeout.event_slot);
	agx_gpu_mark_pending(gpu, m->timeout.event_slot, AGX_WERR_TIMEOUT, 0);
	agx_gpu_recover(gpu);
}

static void agx_gpu_event_channel_error(struct agx_gpu *gpu, const struct agx_fw_event_msg *m)
{
	struct agx_fw_devctl_msg dc = {};
	struct agx_fw_wq *wq;

	atomic_inc(&gpu->stats.channel_errors);
	dev_info(gpu->dev, "agx: channel error %u on pipe %u slot %u\n",
		 m->channel_error.error_type, m->channel_error.pipe_type,
		 m->channel_error.event_slot);
	agx_fw_slot_mark_error(gpu, m->channel_error.event_slot,
			       m->channel_error.event_value, AGX_WERR_CHANNEL, 0);
	wq = agx_event_owner(gpu, m->channel_error.event_slot);
	if (!wq)
		return;
	dc.tag = gpu->layout->devctl_recover_channel;
	dc.recover.pipe_type = m->channel_error.pipe_type;
	dc.recover.work_queue = wq->info->gpu_va;
	dc.recover.event_value = m->channel_error.event_value;
	agx_gpu_devctl(gpu, &dc);
	agx_fw_wq_put(wq);
}

/* GrowTVB: the buffer manager grows the slot's buffer and acknowledges (buffer.c). */
static void agx_gpu_event_grow_tvb(struct agx_gpu *gpu, const struct agx_fw_event_msg *m)
{
	struct agx_bm_grow req = { .vm_slot = m->grow_tvb.vm_slot,
		.buffer_slot = m->grow_tvb.buffer_slot, .counter = m->grow_tvb.counter };

	agx_bm_grow_request(gpu, &req);
}

static void agx_gpu_handle_event(struct agx_gpu *gpu, const struct agx_fw_event_msg *m)
{
	int i;

	lockdep_assert_held(&gpu->rx_lock);
	switch (m->tag) {
	case AGX_EVENT_FLAG:
		atomic_inc(&gpu->stats.flags);
		for (i = 0; i < AGX_NUM_EVENTS; i++)
			if (m->flag.firing[i / 32] & BIT(i % 32))
				agx_fw_slot_signal(gpu, i);
		break;
	case AGX_EVENT_FAULT:
		agx_gpu_event_fault(gpu);
		break;
	case AGX_EVENT_TIMEOUT:
		agx_gpu_event_timeout(gpu, m);
		break;
	case AGX_EVENT_CHANNEL_ERROR:
		agx_gpu_event_channel_error(gpu, m);
		break;
	case AGX_EVENT_GROW_TVB:
		agx_gpu_event_grow_tvb(gpu, m);
		break;
	default:
		dev_warn(gpu->dev, "agx: unknown event tag %u\n", m->tag);
	}
}

/* Print the firmware's log lines (asahi-agx-driver.md §2.3: 6 sub-channels). */
static void agx_gpu_drain_fwlog(struct agx_gpu *gpu)
{
	struct agx_fw_fwlog_payload *payload;
	struct agx_fw_fwlog_msg log;
	u32 sub;

	lockdep_assert_held(&gpu->rx_lock);
	for (sub = 0; sub < AGX_FWLOG_SUBCHANS; sub++) {
		while (agx_chan_get(&gpu->fwlog, sub, &log, sizeof(log))) {
			if (log.msg_type != AGX_FWLOG_MSG_RING ||
			    log.msg_index >= AGX_CHAN_ENTRIES)
				continue;
			payload = gpu->fwlog_buf->cpu;
			payload += sub * AGX_CHAN_ENTRIES + log.msg_index;
			if (payload->msg_type != AGX_FWLOG_MSG_PAYLOAD)
				continue;
			atomic_inc(&gpu->stats.fwlog);
			dev_info(gpu->dev, "agx-fw[%u]: %.*s\n", sub, AGX_FWLOG_TEXT,
				 payload->msg);
		}
	}
}

/*
 * The receive path. It completes firmware commands, so it signals hardware fences: the
 * whole pass, receive lock included, is a fence-signalling critical section (R7), and
 * lockdep checks that nothing in it allocates or waits for a fence.
 */
static void agx_gpu_poll_rx(struct agx_gpu *gpu)
{
	struct agx_fw_event_msg ev;
	u8 buf[AGX_FW_MSG_MAX];
	bool cookie;

	cookie = dma_fence_begin_signalling();
	mutex_lock(&gpu->rx_lock);
	if (!agx_gpu_is_crashed(gpu)) {
		agx_gpu_drain_fwlog(gpu);
		while (agx_chan_get(&gpu->stats_chan, 0, buf, gpu->layout->stats_msg_size))
			atomic_inc(&gpu->stats.stats);
		while (agx_chan_get(&gpu->event, 0, &ev, sizeof(ev)))
			agx_gpu_handle_event(gpu, &ev);
	}
	mutex_unlock(&gpu->rx_lock);
	dma_fence_end_signalling(cookie);
}

static void agx_gpu_rx(void *priv, u8 ep, u64 msg)
{
	struct agx_gpu *gpu = priv;

	if (ep == AGX_EP_FIRMWARE && (msg & ~GENMASK_ULL(47, 0)) == AGX_MSG_RX_DOORBELL) {
		agx_gpu_poll_rx(gpu);
		return;
	}
	dev_warn(gpu->dev, "agx: unknown message 0x%llx on endpoint 0x%x\n", msg, ep);
}

static void agx_gpu_crashed(void *priv)
{
	struct agx_gpu *gpu = priv;

	dev_err(gpu->dev, "agx: firmware crashed\n");
	agx_gpu_mark_dead(gpu);
	agx_fw_slots_fail_all(gpu, AGX_WERR_NODEV);
}

/*
 * A buffer the coprocessor's RTKit asked for: a firmware-shared object (uncached, in the
 * kernel VM), so that the firmware reaches it at its VA.
 */
static int agx_gpu_shmem_map(void *priv, size_t size, void **vaddr, u64 *iova, void **obj)
{
	struct agx_gpu *gpu = priv;
	struct agx_fwobj *o;

	if (IS_ERR_OR_NULL(gpu->mmu))
		return -ENODEV;
	o = agx_fwobj_alloc(gpu->mmu, AGX_POOL_SHARED, size, "rtkit");
	if (IS_ERR(o))
		return PTR_ERR(o);
	memset(o->cpu, 0, size);
	*vaddr = o->cpu;
	*iova = o->gpu_va;
	*obj = o;
	return 0;
}

static void agx_gpu_shmem_unmap(void *priv, void *obj)
{
	agx_fwobj_free(obj);
}

static int agx_gpu_init_channels(struct agx_gpu *gpu)
{
	static const char * const names[AGX_NUM_PIPE_TYPES] = { "TA", "3D", "CL" };
	const struct agx_fw_layout *l = gpu->layout;
	unsigned int p, t;
	int ret;

	for (p = 0; p < AGX_NUM_PRIOS; p++)
		for (t = 0; t < AGX_NUM_PIPE_TYPES; t++) {
			ret = agx_chan_init_tx(gpu, &gpu->pipes[p][t], names[t],
					       l->pipe_msg_size, false, false);
			if (ret)
				return ret;
		}
	ret = agx_chan_init_tx(gpu, &gpu->devctl, "DevCtrl", l->devctl_msg_size, false, false);
	if (ret)
		return ret;
	ret = agx_chan_init_tx(gpu, &gpu->fwctl, "FwCtl", sizeof(struct agx_fw_fwctl_msg),
			       true, true);
	if (ret)
		return ret;
	ret = agx_chan_init_rx(gpu, &gpu->event, "Event", AGX_EVENT_MSG_SIZE,
			       AGX_CHAN_ENTRIES, 1);
	if (ret)
		return ret;
	ret = agx_chan_init_rx(gpu, &gpu->fwlog, "FWLog", sizeof(struct agx_fw_fwlog_msg),
			       AGX_CHAN_ENTRIES, AGX_FWLOG_SUBCHANS);
	if (ret)
		return ret;
	ret = agx_chan_init_rx(gpu, &gpu->ktrace, "KTrace", 0x38, AGX_KTRACE_ENTRIES, 1);
	if (ret)
		return ret;
	return agx_chan_init_rx(gpu, &gpu->stats_chan, "Stats", l->stats_msg_size,
				AGX_CHAN_ENTRIES, 1);
}

static void agx_gpu_fini_channels(struct agx_gpu *gpu)
{
	unsigned int p, t;

	for (p = 0; p < AGX_NUM_PRIOS; p++)
		for (t = 0; t < AGX_NUM_PIPE_TYPES; t++)
			agx_chan_fini(&gpu->pipes[p][t]);
	agx_chan_fini(&gpu->devctl);
	agx_chan_fini(&gpu->fwctl);
	agx_chan_fini(&gpu->event);
	agx_chan_fini(&gpu->fwlog);
	agx_chan_fini(&gpu->ktrace);
	agx_chan_fini(&gpu->stats_chan);
}

static int agx_gpu_boot(struct agx_gpu *gpu)
{
	struct agx_fw_devctl_msg init = { .tag = gpu->layout->devctl_initialize };
	unsigned long deadline;
	u32 token;
	int ret;

	ret = agx_chan_put(&gpu->devctl, &init, sizeof(init), false, &token);
	if (ret)
		return ret;
	ret = agx_xport_boot(gpu->xport, gpu->mmu->ttbat_phys, gpu->mmu->handoff_phys);
	if (ret)
		return ret;
	deadline = jiffies + msecs_to_jiffies(AGX_HANDOFF_WAIT_MS);
	while (READ_ONCE(gpu->mmu->handoff->magic_fw) != AGX_PPL_MAGIC) {
		if (time_after(jiffies, deadline)) {
			dev_err(gpu->dev, "agx: firmware did not answer the handoff\n");
			return -ETIMEDOUT;
		}
		usleep_range(1000, 2000);
	}
	ret = agx_xport_send(gpu->xport, AGX_EP_FIRMWARE,
			     AGX_MSG_INIT | (gpu->initdata->gpu_va & AGX_MSG_INIT_VA_MASK));
	if (!ret)
		ret = agx_gpu_doorbell(gpu, AGX_DOORBELL_DEVCTRL);
	if (!ret)
		ret = agx_chan_wait(&gpu->devctl, token, false, AGX_DEVCTL_WAIT_MS);
	if (!ret)
		ret = agx_gpu_doorbell(gpu, AGX_DOORBELL_KICKFW);
	if (ret)
		dev_err(gpu->dev, "agx: firmware initialization failed: %d\n", ret);
	return ret;
}

/* Kill what uses the GPU (its AGX queues): their jobs not yet run fail with -ENODEV. */
static void agx_gpu_unbind_users(struct agx_gpu *gpu)
{
	struct agx_gpu_user *u;

	mutex_lock(&gpu->users_lock);
	gpu->unbound = true;
	list_for_each_entry(u, &gpu->users, link)
		u->unbind(u);
	mutex_unlock(&gpu->users_lock);
}

/*
 * Stop the firmware and everything that could reach it or the device: queues, doorbells,
 * device control, the receive path, the TLB backend. Memory (channels, stamps, pools,
 * MMU) stays until the last reference goes; every hardware fence of a submitted command
 * signals here, with -ENODEV.
 */
static void agx_gpu_shutdown(struct agx_gpu *gpu)
{
	/* pending DestroyContext messages still reach a live firmware */
	flush_workqueue(gpu->wq);
	agx_gpu_mark_dead(gpu);
	/* doorbells that saw the firmware alive have returned: the transport can go */
	synchronize_rcu();
	agx_gpu_unbind_users(gpu);
	if (!IS_ERR_OR_NULL(gpu->xport))
		agx_xport_destroy(gpu->xport);
	gpu->xport = NULL;
	if (IS_ERR_OR_NULL(gpu->mmu))
		return;
	/* after the crash flag: agx_fw_wq_submit() adds nothing the firmware will not run */
	agx_fw_slots_fail_all(gpu, AGX_WERR_NODEV);
	agx_mmu_detach(gpu->mmu);
	flush_workqueue(gpu->wq);
}

static void agx_gpu_free(struct agx_gpu *gpu)
{
	if (!IS_ERR_OR_NULL(gpu->mmu)) {
		agx_initdata_destroy(gpu);
		agx_gpu_fini_channels(gpu);
		agx_event_fini(gpu);
		agx_mmu_destroy(gpu->mmu);
	}
	/* the bus layer's regions (the MMU's TTBAT and handoff) go after the MMU */
	if (gpu->release)
		gpu->release(gpu->release_data);
	mutex_destroy(&gpu->devctl_lock);
	mutex_destroy(&gpu->rx_lock);
	mutex_destroy(&gpu->users_lock);
	put_device(gpu->dev);
	kfree(gpu);
}

static void agx_gpu_release_work(struct work_struct *work)
{
	struct agx_gpu *gpu = container_of(work, struct agx_gpu, release_work);

	/* the last put may come from the end of either work item: let it return */
	flush_work(&gpu->ctx_work);
	flush_work(&gpu->free_work);
	flush_work(&gpu->bm.grow_work);
	agx_gpu_free(gpu);
	if (atomic_dec_and_test(&agx_gpus_alive))
		wake_up_var(&agx_gpus_alive);
}

/* A GPU with one reference and its locks, lists and work items; no firmware yet. */
static struct agx_gpu *agx_gpu_alloc(struct device *dev)
{
	struct agx_gpu *gpu = kzalloc(sizeof(*gpu), GFP_KERNEL);

	if (!gpu)
		return NULL;
	kref_init(&gpu->ref);
	gpu->release_wq = agx_release_wq;
	atomic_inc(&agx_gpus_alive);
	/* messages after an unbind still name the device: keep its struct alive */
	gpu->dev = get_device(dev);
	INIT_WORK(&gpu->release_work, agx_gpu_release_work);
	mutex_init(&gpu->users_lock);
	INIT_LIST_HEAD(&gpu->users);
	gpu->job_timeout_ms = READ_ONCE(job_timeout_ms);
	gpu->job_timeout_rearms = READ_ONCE(job_timeout_rearms);
	mutex_init(&gpu->devctl_lock);
	mutex_init(&gpu->rx_lock);
	spin_lock_init(&gpu->dead_lock);
	agx_bm_slots_init(&gpu->bm);
	INIT_LIST_HEAD(&gpu->dead_ctx);
	INIT_LIST_HEAD(&gpu->link);
	INIT_WORK(&gpu->ctx_work, agx_gpu_ctx_work);
	INIT_WORK(&gpu->free_work, agx_gpu_free_work);
	init_llist_head(&gpu->free_list);
	gpu->wq = agx_wq;
	return gpu;
}

/* The transport and the MMU, with the GPU's callbacks; left for agx_gpu_shutdown(). */
static int agx_gpu_create_backends(struct agx_gpu *gpu, struct device *dev,
				   const struct agx_gpu_config *cfg)
{
	struct agx_xport_client client = {
		.rx = agx_gpu_rx, .crashed = agx_gpu_crashed,
		.shmem_map = agx_gpu_shmem_map, .shmem_unmap = agx_gpu_shmem_unmap,
		.priv = gpu,
	};
	struct agx_mmu_config mcfg = {
		.tlb = cfg->tlb, .tlb_priv = cfg->tlb_priv,
		.flush_fw_cache = agx_gpu_flush_fw_cache, .flush_priv = gpu,
		.debug_alloc = cfg->debug_alloc, .regions = cfg->regions,
	};

	gpu->xport = cfg->xport_create(dev, cfg->xport_data, &client);
	if (IS_ERR(gpu->xport))
		return PTR_ERR(gpu->xport);
	gpu->mmu = agx_mmu_create(dev, &mcfg);
	return PTR_ERR_OR_ZERO(gpu->mmu);
}

/**
 * agx_gpu_add_user() - register something to kill when the device is unbound
 * @gpu: the GPU; the caller holds a reference for as long as @user is registered.
 * @user: the user, with its @unbind callback set; owned by the caller.
 *
 * @user->unbind is called once, with the GPU's users mutex held, if the device is unbound
 * before agx_gpu_del_user(); it must not sleep for long nor call back into these two.
 *
 * Context: process context; takes the users mutex.
 * Return: 0, or -ENODEV if the device is already unbound.
 */
int agx_gpu_add_user(struct agx_gpu *gpu, struct agx_gpu_user *user)
{
	int ret = 0;

	mutex_lock(&gpu->users_lock);
	if (gpu->unbound)
		ret = -ENODEV;
	else
		list_add_tail(&user->link, &gpu->users);
	mutex_unlock(&gpu->users_lock);
	return ret;
}

/**
 * agx_gpu_del_user() - unregister a user
 * @gpu: the GPU.
 * @user: a user registered with agx_gpu_add_user(); its @unbind is not running and will
 *	not be called once this returns.
 *
 * Context: process context; takes the users mutex.
 */
void agx_gpu_del_user(struct agx_gpu *gpu, struct agx_gpu_user *user)
{
	mutex_lock(&gpu->users_lock);
	list_del_init(&user->link);
	mutex_unlock(&gpu->users_lock);
}

/**
 * agx_gpu_create() - bring up a GPU and its firmware
 * @dev: the GPU's platform device.
 * @cfg: generation, firmware version, TLB backend, reserved regions and transport
 *	constructor, from the bus layer (the device tree, or the simulator's platform data);
 *	read during the call only.
 *
 * Context: process context (probe); sleeps up to about 2 s waiting for the firmware.
 * Return: the GPU with one reference, the caller's, which agx_gpu_destroy() drops (and
 * @cfg->release_data, released with the GPU's memory or on failure); ERR_PTR(-ENODEV) for an
 * unsupported firmware/GPU combination; ERR_PTR(-ETIMEDOUT) if the firmware does not come
 * up; ERR_PTR(-ENOMEM).
 */
struct agx_gpu *agx_gpu_create(struct device *dev, const struct agx_gpu_config *cfg)
{
	struct agx_gpu *gpu = agx_gpu_alloc(dev);
	int ret;

	if (!gpu) {
		if (cfg->release)
			cfg->release(cfg->release_data);
		return ERR_PTR(-ENOMEM);
	}
	gpu->release = cfg->release;
	gpu->release_data = cfg->release_data;
	gpu->ident = cfg->ident;
	if (cfg->pwr)
		gpu->pwr = *cfg->pwr;	/* else agx_initdata_create() refuses it */
	gpu->layout = agx_fw_layout_find(cfg->gen, cfg->fw_version);
	if (!gpu->layout) {
		dev_err(dev, "agx: unsupported GPU %d / firmware 0x%x\n", cfg->gen,
			cfg->fw_version);
		agx_gpu_put(gpu);
		return ERR_PTR(-ENODEV);
	}
	ret = agx_gpu_create_backends(gpu, dev, cfg);
	if (!ret)
		ret = agx_event_init(gpu);
	if (!ret)
		ret = agx_gpu_init_channels(gpu);
	if (!ret)
		ret = agx_initdata_create(gpu);
	if (!ret)
		ret = agx_gpu_boot(gpu);
	if (ret) {
		agx_gpu_shutdown(gpu);
		agx_gpu_put(gpu);
		return ERR_PTR(ret);
	}
	dev_info(dev, "agx: firmware %s up\n", gpu->layout->name);
	mutex_lock(&agx_gpus_lock);
	list_add_tail(&gpu->link, &agx_gpus);
	mutex_unlock(&agx_gpus_lock);
	return gpu;
}

/**
 * agx_gpu_destroy() - the device is unbound: shut the firmware down, drop the reference
 * @gpu: the GPU, from agx_gpu_create(); the caller's reference ends.
 *
 * May run with AGX queues alive and jobs in flight: it sends the pending DestroyContext
 * messages, marks the GPU dead (doorbells, device control and submits fail with -ENODEV),
 * kills every AGX queue (jobs not yet run fail with -ENODEV), stops the firmware, fails
 * every submitted command with -ENODEV (so every hardware fence signals), and cuts the MMU
 * off the TLB backend. After it returns nothing touches the transport, the simulator or
 * the unbound device; the GPU's memory is freed when its last reference goes (queues,
 * their firmware objects, tests).
 *
 * Context: process context (remove); sleeps.
 */
void agx_gpu_destroy(struct agx_gpu *gpu)
{
	mutex_lock(&agx_gpus_lock);
	list_del_init(&gpu->link);
	mutex_unlock(&agx_gpus_lock);
	agx_gpu_shutdown(gpu);
	agx_gpu_put(gpu);
}
EXPORT_SYMBOL_IF_KUNIT(agx_gpu_destroy);

/**
 * agx_gpu_first() - the first GPU bound
 *
 * For test and workload modules, which run against the simulated device agx_sim.ko
 * registers at load. No reference is taken: the pointer is good while the device is bound
 * (agx_sim.ko cannot be unloaded while a module using its symbols is loaded); a caller
 * that may outlive the binding takes one with agx_gpu_get().
 *
 * Context: process context.
 * Return: the GPU, or NULL.
 */
struct agx_gpu *agx_gpu_first(void)
{
	struct agx_gpu *gpu;

	mutex_lock(&agx_gpus_lock);
	gpu = list_first_entry_or_null(&agx_gpus, struct agx_gpu, link);
	mutex_unlock(&agx_gpus_lock);
	return gpu;
}
EXPORT_SYMBOL_GPL(agx_gpu_first);

/**
 * agx_gpu_module_init() - create the workqueues shared by every GPU
 *
 * Context: module init, before the platform driver is registered.
 * Return: 0 or -ENOMEM.
 */
int agx_gpu_module_init(void)
{
	agx_wq = alloc_workqueue("agx", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	agx_release_wq = alloc_workqueue("agx_release", WQ_UNBOUND, 0);
	if (agx_wq && agx_release_wq)
		return 0;
	if (agx_release_wq)
		destroy_workqueue(agx_release_wq);
	if (agx_wq)
		destroy_workqueue(agx_wq);
	return -ENOMEM;
}

/**
 * agx_gpu_module_exit() - wait until every GPU is freed, destroy the workqueues
 *
 * The platform driver is unregistered (every GPU unbound) by now. Modules that hold GPU
 * references (queues, tests) depend on agx.ko and are gone too, but the last frees may
 * still be queued.
 *
 * Context: module exit; sleeps.
 */
void agx_gpu_module_exit(void)
{
	wait_var_event(&agx_gpus_alive, !atomic_read(&agx_gpus_alive));
	destroy_workqueue(agx_release_wq);
	destroy_workqueue(agx_wq);
}
