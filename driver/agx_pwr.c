// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: GPU power configuration from the device tree
 *
 * The firmware's power, performance and thermal controllers are configured through
 * InitData (HwDataA, HwDataB, Globals) from what the GPU node of the device tree says,
 * as the bootloader (m1n1) copied it from Apple's device tree. The properties are those
 * the Asahi driver's PwrConfig::load() reads (hw/mod.rs), with its defaults:
 *
 * - ``operating-points-v2``: a phandle to an OPP table, one child per p-state, ascending:
 *   ``opp-hz`` (u64), ``opp-microvolt`` (one cell per cluster), ``opp-microwatt``.
 * - ``apple,power-zones``: optional, three cells per zone (target, target offset, filter
 *   time constant), at most five zones.
 * - ``apple,core-leak-coef``, ``apple,sram-leak-coef``: one float cell per cluster.
 * - Required cells: ``apple,min-sram-microvolt``, ``apple,power-sample-period`` and the
 *   controllers' gains and time constants of agx_pwr_required[].
 * - Optional cells with a default: agx_pwr_optional[] (e.g. ``apple,perf-base-pstate``
 *   1, ``apple,idle-off-delay-ms`` 2).
 *
 * Floats are cells holding IEEE 754 single-precision bits (the Asahi trees' ``<2.6375>``
 * notation); each must be finite. Everything goes through the device-property API, so a
 * software node works as well as a device tree: agx_sim.ko gives its GPU device one
 * (the simulated GPU is configured like an M1), and kunit/agx_hw_test.c tests against
 * others. Whether the values make sense for the firmware (periods, time constants) is
 * checked where they are used, by driver/fw/initdata.c.
 *
 * Coding conventions in this file: the caller owns the &struct agx_gpu_pwr; nothing is
 * allocated but the OPP table's fwnode reference, dropped on every path.
 */

#include <linux/device.h>
#include <linux/export.h>
#include <linux/property.h>
#include <kunit/visibility.h>

#include "agx_pwr.h"

#define AGX_PWR_FIELD(f)	offsetof(struct agx_gpu_pwr, f)

struct agx_pwr_prop {
	const char *name;
	size_t off;		/* of the u32 in &struct agx_gpu_pwr */
	u32 def;		/* the default of an optional property */
	bool is_float;
};

#define AGX_PWR_U32(n, f)	{ n, AGX_PWR_FIELD(f), 0, false }
#define AGX_PWR_F32(n, f)	{ n, AGX_PWR_FIELD(f), 0, true }
#define AGX_PWR_OPT(n, f, d)	{ n, AGX_PWR_FIELD(f), d, false }
#define AGX_PWR_OPTF(n, f, d)	{ n, AGX_PWR_FIELD(f), d, true }

static const struct agx_pwr_prop agx_pwr_required[] = {
	AGX_PWR_U32("apple,min-sram-microvolt", min_sram_microvolt),
	AGX_PWR_U32("apple,power-sample-period", power_sample_period),
	AGX_PWR_U32("apple,avg-power-filter-tc-ms", avg_power_filter_tc_ms),
	AGX_PWR_F32("apple,avg-power-ki-only", avg_power_ki_only),
	AGX_PWR_F32("apple,avg-power-kp", avg_power_kp),
	AGX_PWR_U32("apple,avg-power-min-duty-cycle", avg_power_min_duty_cycle),
	AGX_PWR_U32("apple,avg-power-target-filter-tc", avg_power_target_filter_tc),
	AGX_PWR_F32("apple,fast-die0-integral-gain", fast_die0_integral_gain),
	AGX_PWR_F32("apple,fast-die0-proportional-gain", fast_die0_proportional_gain),
	AGX_PWR_U32("apple,perf-filter-drop-threshold", perf_filter_drop_threshold),
	AGX_PWR_U32("apple,perf-filter-time-constant", perf_filter_time_constant),
	AGX_PWR_U32("apple,perf-filter-time-constant2", perf_filter_time_constant2),
	AGX_PWR_F32("apple,perf-integral-gain2", perf_integral_gain2),
	AGX_PWR_U32("apple,perf-integral-min-clamp", perf_integral_min_clamp),
	AGX_PWR_F32("apple,perf-proportional-gain2", perf_proportional_gain2),
	AGX_PWR_U32("apple,perf-tgt-utilization", perf_tgt_utilization),
	AGX_PWR_U32("apple,ppm-filter-time-constant-ms", ppm_filter_time_constant_ms),
	AGX_PWR_F32("apple,ppm-ki", ppm_ki),
	AGX_PWR_F32("apple,ppm-kp", ppm_kp),
	AGX_PWR_U32("apple,pwr-min-duty-cycle", pwr_min_duty_cycle),
};

/* Defaults of hw/mod.rs; floats as their bits (7.8956833, 14.707963, 0.0202129, ...) */
static const struct agx_pwr_prop agx_pwr_optional[] = {
	AGX_PWR_OPT("apple,perf-base-pstate", perf_base_pstate, 1),
	AGX_PWR_OPT("apple,fast-die0-prop-tgt-delta", fast_die0_prop_tgt_delta, 0),
	AGX_PWR_OPT("apple,fast-die0-release-temp", fast_die0_release_temp, 80),
	AGX_PWR_OPT("apple,fender-idle-off-delay-ms", fender_idle_off_delay_ms, 40),
	AGX_PWR_OPT("apple,fw-early-wake-timeout-ms", fw_early_wake_timeout_ms, 5),
	AGX_PWR_OPT("apple,idle-off-delay-ms", idle_off_delay_ms, 2),
	AGX_PWR_OPT("apple,idleoff-standby-timer", idle_off_standby_timer, 0),
	AGX_PWR_OPT("apple,perf-boost-ce-step", perf_boost_ce_step, 25),
	AGX_PWR_OPT("apple,perf-boost-min-util", perf_boost_min_util, 100),
	AGX_PWR_OPTF("apple,perf-integral-gain", perf_integral_gain, 0x40fca970),
	AGX_PWR_OPTF("apple,perf-proportional-gain", perf_proportional_gain, 0x416b53d1),
	AGX_PWR_OPT("apple,perf-reset-iters", perf_reset_iters, 6),
	AGX_PWR_OPT("apple,pwr-filter-time-constant", pwr_filter_time_constant, 313),
	AGX_PWR_OPTF("apple,pwr-integral-gain", pwr_integral_gain, 0x3ca59586),
	AGX_PWR_OPT("apple,pwr-integral-min-clamp", pwr_integral_min_clamp, 0),
	AGX_PWR_OPTF("apple,pwr-proportional-gain", pwr_proportional_gain, 0x40a90fdb),
	AGX_PWR_OPT("apple,se-engagement-criteria", se_engagement_criteria, (u32)-1),
	AGX_PWR_OPT("apple,se-filter-time-constant", se_filter_time_constant, 9),
	AGX_PWR_OPT("apple,se-filter-time-constant-1", se_filter_time_constant_1, 3),
	AGX_PWR_OPT("apple,se-inactive-threshold", se_inactive_threshold, 2500),
	AGX_PWR_OPTF("apple,se-ki", se_ki, 0xc2480000),		/* -50.0 */
	AGX_PWR_OPTF("apple,se-ki-1", se_ki_1, 0xc2c80000),	/* -100.0 */
	AGX_PWR_OPTF("apple,se-kp", se_kp, 0xc0a00000),		/* -5.0 */
	AGX_PWR_OPTF("apple,se-kp-1", se_kp_1, 0xc1200000),	/* -10.0 */
	AGX_PWR_OPT("apple,se-reset-criteria", se_reset_criteria, 50),
};

static int agx_pwr_cells(struct device *dev, const struct agx_pwr_prop *p, size_t n,
			 bool required, struct agx_gpu_pwr *pwr)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u32 *v = (u32 *)((char *)pwr + p[i].off);
		int ret = device_property_read_u32(dev, p[i].name, v);

		if (ret == -EINVAL && !required) {
			*v = p[i].def;
		} else if (ret) {
			dev_err(dev, "agx: GPU node: %s %s\n", p[i].name,
				ret == -EINVAL ? "missing" : "malformed");
			return ret == -EINVAL ? -ENODEV : -EINVAL;
		} else if (p[i].is_float && !agx_f32_finite(*v)) {
			dev_err(dev, "agx: GPU node: %s is not a finite float\n", p[i].name);
			return -EINVAL;
		}
	}
	return 0;
}

/* One OPP child: its frequency, per-cluster voltages and power. */
static int agx_pwr_opp(struct device *dev, struct fwnode_handle *opp, u32 nr_clusters,
		       struct agx_gpu_pstate *ps)
{
	u32 uv[AGX_PWR_MAX_VOLTS], uw;
	unsigned int i;
	u64 hz;

	if (fwnode_property_count_u32(opp, "opp-microvolt") != nr_clusters ||
	    fwnode_property_read_u64(opp, "opp-hz", &hz) || hz > U32_MAX ||
	    fwnode_property_read_u32_array(opp, "opp-microvolt", uv, nr_clusters) ||
	    fwnode_property_read_u32(opp, "opp-microwatt", &uw)) {
		dev_err(dev, "agx: GPU OPP %pfwP: needs opp-hz, opp-microwatt and %u opp-microvolt\n",
			opp, nr_clusters);
		return -EINVAL;
	}
	ps->freq_hz = hz;
	for (i = 0; i < nr_clusters; i++)
		ps->volt_mv[i] = uv[i] / 1000;
	ps->pwr_mw = uw / 1000;
	return 0;
}

/* The p-states of the operating-points-v2 table, and the maxima derived from them. */
static int agx_pwr_opps(struct device *dev, u32 nr_clusters, struct agx_gpu_pwr *pwr)
{
	struct fwnode_handle *table, *opp;
	int ret = 0;

	table = fwnode_find_reference(dev_fwnode(dev), "operating-points-v2", 0);
	if (IS_ERR(table)) {
		dev_err(dev, "agx: GPU node: no operating-points-v2 table\n");
		return -ENODEV;
	}
	fwnode_for_each_child_node(table, opp) {
		if (pwr->nr_pstates == AGX_PWR_MAX_PSTATES) {
			ret = -EINVAL;
		} else {
			ret = agx_pwr_opp(dev, opp, nr_clusters, &pwr->pstates[pwr->nr_pstates]);
			pwr->nr_pstates++;
		}
		if (ret) {
			fwnode_handle_put(opp);
			break;
		}
	}
	fwnode_handle_put(table);
	if (!ret && !pwr->nr_pstates)
		ret = -EINVAL;
	if (ret) {
		dev_err(dev, "agx: GPU OPP table: 1 to %u usable p-states needed\n",
			AGX_PWR_MAX_PSTATES);
		return ret;
	}
	pwr->nr_volts = nr_clusters;
	pwr->perf_max_pstate = pwr->nr_pstates - 1;
	return 0;
}

/* The optional power zones, three cells each. */
static int agx_pwr_zones(struct device *dev, struct agx_gpu_pwr *pwr)
{
	u32 cells[AGX_PWR_MAX_ZONES * 3];
	int n = device_property_count_u32(dev, "apple,power-zones");
	unsigned int i;

	if (n == -EINVAL)
		return 0;	/* none */
	if (n <= 0 || n % 3 || n > ARRAY_SIZE(cells) ||
	    device_property_read_u32_array(dev, "apple,power-zones", cells, n)) {
		dev_err(dev, "agx: GPU node: apple,power-zones needs three cells per zone, at most %u zones\n",
			AGX_PWR_MAX_ZONES);
		return -EINVAL;
	}
	pwr->nr_zones = n / 3;
	for (i = 0; i < pwr->nr_zones; i++) {
		pwr->zones[i].target = cells[3 * i];
		pwr->zones[i].target_offset = cells[3 * i + 1];
		pwr->zones[i].filter_tc = cells[3 * i + 2];
	}
	return 0;
}

/* The power zones and the per-cluster leakage coefficients. */
static int agx_pwr_arrays(struct device *dev, u32 nr_clusters, struct agx_gpu_pwr *pwr)
{
	int ret = agx_pwr_zones(dev, pwr);
	bool finite = true;
	unsigned int i;

	if (ret)
		return ret;
	if (device_property_count_u32(dev, "apple,core-leak-coef") != nr_clusters ||
	    device_property_count_u32(dev, "apple,sram-leak-coef") != nr_clusters ||
	    device_property_read_u32_array(dev, "apple,core-leak-coef", pwr->core_leak_coef,
					   nr_clusters) ||
	    device_property_read_u32_array(dev, "apple,sram-leak-coef", pwr->sram_leak_coef,
					   nr_clusters)) {
		dev_err(dev, "agx: GPU node: apple,core-leak-coef and apple,sram-leak-coef need %u cells\n",
			nr_clusters);
		return -EINVAL;
	}
	for (i = 0; i < nr_clusters; i++)
		finite &= agx_f32_finite(pwr->core_leak_coef[i]) &&
			  agx_f32_finite(pwr->sram_leak_coef[i]);
	if (!finite) {
		dev_err(dev, "agx: GPU node: a leakage coefficient is not a finite float\n");
		return -EINVAL;
	}
	pwr->nr_clusters = nr_clusters;
	return 0;
}

/**
 * agx_pwr_parse() - read the GPU's power configuration from its device node
 * @dev: the GPU device (a device tree node or a software node).
 * @nr_clusters: the GPU's clusters: voltages per p-state and leakage cells expected
 *	(1..AGX_PWR_MAX_VOLTS).
 * @pwr: filled (the caller's; zeroed here first).
 *
 * Context: process context; may sleep.
 * Return: 0; -ENODEV if a required property is missing; -EINVAL if one is malformed (a
 * float that is not finite, an OPP without its three properties or with the wrong number
 * of voltages, more than 16 p-states, bad power zones or leakage cells), each with a
 * message naming it.
 */
int agx_pwr_parse(struct device *dev, u32 nr_clusters, struct agx_gpu_pwr *pwr)
{
	unsigned int i;
	int ret;

	memset(pwr, 0, sizeof(*pwr));
	if (!nr_clusters || nr_clusters > AGX_PWR_MAX_VOLTS)
		return -EINVAL;
	ret = agx_pwr_opps(dev, nr_clusters, pwr);
	if (!ret)
		ret = agx_pwr_arrays(dev, nr_clusters, pwr);
	if (!ret)
		ret = agx_pwr_cells(dev, agx_pwr_required, ARRAY_SIZE(agx_pwr_required), true,
				    pwr);
	if (!ret)
		ret = agx_pwr_cells(dev, agx_pwr_optional, ARRAY_SIZE(agx_pwr_optional), false,
				    pwr);
	if (ret)
		return ret;
	for (i = 0; i < pwr->nr_pstates; i++) {
		pwr->max_power_mw = max(pwr->max_power_mw, pwr->pstates[i].pwr_mw);
		pwr->max_freq_mhz = max(pwr->max_freq_mhz, pwr->pstates[i].freq_hz / 1000000);
	}
	if (device_property_read_u32(dev, "apple,pwr-sample-period-aic-clks",
				     &pwr->pwr_sample_period_aic_clks))
		pwr->pwr_sample_period_aic_clks = AGX_BASE_CLOCK_KHZ * pwr->power_sample_period;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_pwr_parse);
