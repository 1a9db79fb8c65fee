// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Simulated GPU devices
 *
 * Each simulated GPU (&struct agx_sim) is a platform device named ``agx-sim-gpu`` whose
 * platform data (&struct agx_sim_pdata) carries the link (thread.c), the simulator's TLB
 * backend, the GPU generation and firmware version, and whether objects have the debug
 * preamble; agx.ko binds to it like to the real GPU, and boots the firmware through the
 * link during the bind. agx_sim_create() registers one (if agx.ko is loaded it binds at
 * once), agx_sim_destroy() unregisters it (the driver unbinds and shuts the firmware down)
 * and frees it. Every simulated GPU is on a list, the first one is agx_sim_default().
 *
 * This file is the API of agx_sim_fw.h for the test, workload and benchmark modules:
 * creation, the knobs (&struct agx_sim_cfg), the counters, single steps, the last
 * FAULT_INFO and the crash state. Each GPU has a debugfs directory ``agx_sim/gpuN/``
 * (N the platform device id) with the knobs ``latency_us``, ``engines``,
 * ``fault_every``, ``hang_every``, ``chanerr_every``, ``crash_after``,
 * ``stall_devctl``, ``stall_pipes``, ``notifier_always``, ``tvb_pages`` and the counters
 * ``violations`` and ``commands``.
 *
 * The device's software node carries the power configuration a GPU node of the device
 * tree carries (driver/agx_pwr.c): an OPP table with the frequencies of t8103's (an off
 * state, then 396 to 1278 MHz) and the controllers' gains and time constants. The
 * voltages, powers and gains are the simulator's own values, not an M1's: the simulated
 * firmware does not manage power, the driver only has to derive InitData from them.
 */

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <agx/fw/sim_link.h>
#include <agx/fw/version.h>

#include "agx_sim_device.h"
#include "agx_sim_thread.h"

static LIST_HEAD(agx_sims);
static DEFINE_MUTEX(agx_sims_lock);
static struct dentry *agx_sim_dbg_root;

static void agx_sim_debugfs(struct agx_sim *s)
{
	char name[16];

	snprintf(name, sizeof(name), "gpu%d", s->pdev->id);
	s->dbg = debugfs_create_dir(name, agx_sim_dbg_root);
	debugfs_create_u32("latency_us", 0644, s->dbg, &s->cfg.latency_us);
	debugfs_create_u32("tvb_pages", 0644, s->dbg, &s->cfg.tvb_pages);
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

static void agx_sim_fill_pdata(struct agx_sim *s, const struct agx_sim_cfg *cfg)
{
	s->pdata.ops = &agx_sim_link;
	s->pdata.sim = s;
	agx_sim_tlb_init(&s->tlb);
	s->tlb.check = !cfg->tlb_unchecked;
	s->pdata.tlb = &agx_sim_tlb_ops;
	s->pdata.tlb_priv = &s->tlb;
	s->pdata.gen = cfg->gen;
	s->pdata.fw_version = cfg->fw_version;
	s->pdata.debug_alloc = cfg->debug_alloc;
}

static void agx_sim_list_del(struct agx_sim *s)
{
	mutex_lock(&agx_sims_lock);
	list_del(&s->link);
	mutex_unlock(&agx_sims_lock);
}

/* The OPP table: one software node per p-state, children of the table's node. */
static const struct software_node agx_sim_opp_table = { .name = "agx-sim-opp-table" };

#define AGX_SIM_OPP(n, hz, uv, uw)						\
	static const struct property_entry agx_sim_opp##n##_props[] = {		\
		PROPERTY_ENTRY_U64("opp-hz", hz),					\
		PROPERTY_ENTRY_U32("opp-microvolt", uv),				\
		PROPERTY_ENTRY_U32("opp-microwatt", uw),				\
		{ }								\
	};									\
	static const struct software_node agx_sim_opp##n = {			\
		.name = "opp" #n, .parent = &agx_sim_opp_table,			\
		.properties = agx_sim_opp##n##_props,				\
	}

AGX_SIM_OPP(0, 0, 400000, 0);
AGX_SIM_OPP(1, 396000000, 603000, 1000000);
AGX_SIM_OPP(2, 528000000, 640000, 2000000);
AGX_SIM_OPP(3, 720000000, 690000, 3300000);
AGX_SIM_OPP(4, 924000000, 784000, 5000000);
AGX_SIM_OPP(5, 1128000000, 862000, 7500000);
AGX_SIM_OPP(6, 1278000000, 931000, 10000000);

static const struct software_node *agx_sim_opp_nodes[] = {
	&agx_sim_opp_table, &agx_sim_opp0, &agx_sim_opp1, &agx_sim_opp2, &agx_sim_opp3,
	&agx_sim_opp4, &agx_sim_opp5, &agx_sim_opp6, NULL
};

static const u32 agx_sim_power_zones[] = { 10000, 500, 100 };

/* The GPU node's power properties; floats are their IEEE 754 bits. */
static const struct property_entry agx_sim_gpu_props[] = {
	PROPERTY_ENTRY_REF("operating-points-v2", &agx_sim_opp_table),
	PROPERTY_ENTRY_U32_ARRAY("apple,power-zones", agx_sim_power_zones),
	PROPERTY_ENTRY_U32("apple,core-leak-coef", 0x41c80000),	/* 25.0 */
	PROPERTY_ENTRY_U32("apple,sram-leak-coef", 0x40a00000),	/* 5.0 */
	PROPERTY_ENTRY_U32("apple,min-sram-microvolt", 790000),
	PROPERTY_ENTRY_U32("apple,power-sample-period", 8),
	PROPERTY_ENTRY_U32("apple,avg-power-filter-tc-ms", 1000),
	PROPERTY_ENTRY_U32("apple,avg-power-ki-only", 0x3f19999a),	/* 0.6 */
	PROPERTY_ENTRY_U32("apple,avg-power-kp", 0x3e4ccccd),		/* 0.2 */
	PROPERTY_ENTRY_U32("apple,avg-power-min-duty-cycle", 40),
	PROPERTY_ENTRY_U32("apple,avg-power-target-filter-tc", 125),
	PROPERTY_ENTRY_U32("apple,fast-die0-integral-gain", 0x43c80000),	/* 400.0 */
	PROPERTY_ENTRY_U32("apple,fast-die0-proportional-gain", 0x42c80000),	/* 100.0 */
	PROPERTY_ENTRY_U32("apple,perf-filter-drop-threshold", 0),
	PROPERTY_ENTRY_U32("apple,perf-filter-time-constant", 5),
	PROPERTY_ENTRY_U32("apple,perf-filter-time-constant2", 50),
	PROPERTY_ENTRY_U32("apple,perf-integral-gain2", 0x40fca970),	/* 7.8956833 */
	PROPERTY_ENTRY_U32("apple,perf-integral-min-clamp", 0),
	PROPERTY_ENTRY_U32("apple,perf-proportional-gain2", 0x416b53d1),	/* 14.707963 */
	PROPERTY_ENTRY_U32("apple,perf-tgt-utilization", 85),
	PROPERTY_ENTRY_U32("apple,ppm-filter-time-constant-ms", 100),
	PROPERTY_ENTRY_U32("apple,ppm-ki", 0x41200000),		/* 10.0 */
	PROPERTY_ENTRY_U32("apple,ppm-kp", 0x3fc00000),		/* 1.5 */
	PROPERTY_ENTRY_U32("apple,pwr-min-duty-cycle", 40),
	{ }
};

/**
 * agx_sim_create() - create a simulated GPU
 * @cfg: its configuration, copied.
 *
 * Registers the platform device; if agx.ko is loaded it binds at once (the firmware boots
 * during this call), unless @cfg->unbound.
 *
 * Context: process context; sleeps.
 * Return: the simulated GPU, owned by the caller until agx_sim_destroy(), or an ERR_PTR.
 */
struct agx_sim *agx_sim_create(const struct agx_sim_cfg *cfg)
{
	struct platform_device_info info = {
		.name = cfg->unbound ? AGX_SIM_DEV_NAME "-unbound" : AGX_SIM_DEV_NAME,
		.id = PLATFORM_DEVID_AUTO,
		.properties = agx_sim_gpu_props,
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
	agx_sim_link_init(s);
	agx_sim_fill_pdata(s, cfg);
	info.data = &s->pdata;
	info.size_data = sizeof(s->pdata);
	mutex_lock(&agx_sims_lock);
	list_add_tail(&s->link, &agx_sims);
	mutex_unlock(&agx_sims_lock);
	s->pdev = platform_device_register_full(&info);
	if (IS_ERR(s->pdev)) {
		struct platform_device *pdev = s->pdev;

		agx_sim_list_del(s);
		agx_sim_tlb_fini(&s->tlb);
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
	agx_sim_list_del(sim);
	agx_sim_tlb_fini(&sim->tlb);
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
 * agx_sim_get_counters() - the counters of a simulated GPU
 * @sim: the simulated GPU.
 *
 * Context: any.
 * Return: the counters, owned by @sim.
 */
struct agx_sim_counters *agx_sim_get_counters(struct agx_sim *sim)
{
	return &sim->ctr;
}
EXPORT_SYMBOL_GPL(agx_sim_get_counters);

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

/**
 * agx_sim_devices_init() - create the debugfs root ``agx_sim`` and the OPP table's nodes
 *
 * Context: module init.
 * Return: 0, or the error of software_node_register_node_group().
 */
int agx_sim_devices_init(void)
{
	int ret = software_node_register_node_group(agx_sim_opp_nodes);

	if (ret)
		return ret;
	agx_sim_dbg_root = debugfs_create_dir("agx_sim", NULL);
	return 0;
}

/**
 * agx_sim_devices_exit() - remove every simulated GPU and the debugfs root
 *
 * Context: module exit; sleeps.
 */
void agx_sim_devices_exit(void)
{
	struct agx_sim *s;

	while ((s = agx_sim_default()))
		agx_sim_destroy(s);
	debugfs_remove_recursive(agx_sim_dbg_root);
	software_node_unregister_node_group(agx_sim_opp_nodes);
}
