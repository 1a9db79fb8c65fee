// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: agx hardware-description tests
 *
 * KUnit suite ``agx_hw``: what the hardware probe (driver/agx_of.c) learns before it
 * touches the firmware, on any kernel. A test device gets a software node with the GPU
 * node's properties (those of the device-tree binding apple,agx.yaml and the Asahi
 * t8103.dtsi/t8112.dtsi), and driver/hw reads it through the same device-property calls
 * that read the device tree on a Mac:
 *
 * - a complete node of each supported SoC, under both spellings of its compatible, gives
 *   the SoC, the firmware version (of the "apple,firmware-abi" cells, or of the older
 *   "apple,firmware-compat") and each region's index;
 * - each way a node can be unusable fails with its error: unknown SoC, no or unset
 *   (<0 0 0>) firmware ABI, too few cells, a cell above 255, a required region or register
 *   range missing; an optional region ("globals") may be missing.
 *
 * The ID-register cases decode register values built from the field layout of the Asahi
 * driver's regs.rs (not read off a machine): an M1-like G13G, an M2-like G14G, a G14X with
 * core masks across three registers, and the contradictions (mask bits beyond the counted
 * cores, unknown generation or revision, a G14 ID under a t8103 node) that must refuse to
 * bind.
 *
 * ``agx_hw_probe_sequence`` and ``agx_hw_probe_refused`` run the hardware probe sequence
 * (driver/agx_probe.c) itself against fakes: the software node, plain memory standing in
 * for the registers and the reserved regions, and a simulated GPU (unbound from agx.ko)
 * whose transport stands in for RTKit. The GPU comes up on the regions and runs a job; a
 * node of another machine or without a firmware ABI is refused, with nothing left mapped.
 *
 * ``agx_hw_pwr_parse`` and ``agx_hw_pwr_bad`` read the power configuration
 * (driver/agx_pwr.c) of a node with an OPP table (test values, not an M1's): p-states,
 * zones, leakage, the defaults of the optional properties, and each way it can be
 * unusable (a required property missing, a float that is not finite, zones not in
 * threes, an OPP with the wrong number of voltages) refused with its error.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-fence.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <agx/fw/sim_link.h>
#include <agx/uat.h>

#include "agx_probe.h"
#include "agx_pwr.h"
#include "fw/agx_fw.h"
#include "hw/agx_hw.h"
#include "mmu/agx_mmu.h"
#include "queue/agx_queue.h"
#include "sim/agx_sim_fw.h"
#include "xport/sim.h"

/* the cells of a firmware-ABI property */
struct t_abi {
	const u32 *cells;
	unsigned int n;
};

#define T_ABI(...) { .cells = (const u32[]){ __VA_ARGS__ }, \
	.n = sizeof((const u32[]){ __VA_ARGS__ }) / sizeof(u32) }

static const struct t_abi t_abi_13_5 = T_ABI(13, 5, 0);
static const struct t_abi t_abi_12_3 = T_ABI(12, 3, 0);
static const struct t_abi t_abi_12_4 = T_ABI(12, 4, 0);
static const struct t_abi t_abi_unset = T_ABI(0, 0, 0);
static const struct t_abi t_abi_short = T_ABI(13, 5);
static const struct t_abi t_abi_big = T_ABI(13, 256, 0);

static const char * const t_rgn_all[] = {
	"ttbs", "pagetables", "handoff", "hw-cal-a", "hw-cal-b", "globals",
};

static const char * const t_rgn_no_globals[] = {
	"ttbs", "pagetables", "handoff", "hw-cal-a", "hw-cal-b",
};

static const char * const t_rgn_no_handoff[] = {
	"ttbs", "pagetables", "hw-cal-a", "hw-cal-b", "globals",
};

static const char * const t_regs_all[] = { "asc", "sgx" };
static const char * const t_regs_no_sgx[] = { "asc" };

/**
 * struct t_node - the properties of one test GPU node
 * @compat: "compatible".
 * @abi_prop: the firmware-ABI property's name, or NULL for none.
 * @abi: its cells.
 * @rgn: "memory-region-names".
 * @rgn_n: how many.
 * @regs: "reg-names".
 * @regs_n: how many.
 * @opp: the reference to the OPP table, or NULL for t_opp_ref.
 * @pwr_drop: a power property left out, or NULL.
 * @pwr_set: a power property given another value, or NULL.
 */
struct t_node {
	const char *compat;
	const char *abi_prop;
	const struct t_abi *abi;
	const char * const *rgn;
	unsigned int rgn_n;
	const char * const *regs;
	unsigned int regs_n;
	const struct property_entry *opp;
	const char *pwr_drop;
	const struct property_entry *pwr_set;
};

/* A test OPP table: an off state and three p-states of one cluster. */
static const struct software_node t_opp_table = { .name = "agx-hw-test-opp" };

#define T_OPP(n, hz, uv, uw)							\
	static const struct property_entry t_opp##n##_props[] = {		\
		PROPERTY_ENTRY_U64("opp-hz", hz),					\
		PROPERTY_ENTRY_U32("opp-microvolt", uv),				\
		PROPERTY_ENTRY_U32("opp-microwatt", uw),				\
		{ }								\
	};									\
	static const struct software_node t_opp##n = {				\
		.name = "opp" #n, .parent = &t_opp_table, .properties = t_opp##n##_props \
	}

T_OPP(0, 0, 400000, 0);
T_OPP(1, 400000000, 600000, 1500000);
T_OPP(2, 800000000, 700000, 4000000);
T_OPP(3, 1200000000, 900000, 8000000);

static const struct software_node *t_opp_nodes[] = {
	&t_opp_table, &t_opp0, &t_opp1, &t_opp2, &t_opp3, NULL
};

/* A second table whose OPP has two voltages: wrong for a one-cluster GPU. */
static const struct software_node t_opp2v_table = { .name = "agx-hw-test-opp2v" };

static const u32 t_opp2v_uv[] = { 600000, 610000 };

static const struct property_entry t_opp2v0_props[] = {
	PROPERTY_ENTRY_U64("opp-hz", 400000000),
	PROPERTY_ENTRY_U32_ARRAY("opp-microvolt", t_opp2v_uv),
	PROPERTY_ENTRY_U32("opp-microwatt", 1000000),
	{ }
};

static const struct software_node t_opp2v0 = {
	.name = "opp0", .parent = &t_opp2v_table, .properties = t_opp2v0_props
};

static const struct software_node *t_opp2v_nodes[] = { &t_opp2v_table, &t_opp2v0, NULL };

static const u32 t_zones[] = { 9000, 400, 50, 12000, 1000, 100 };

/* The references to the two tables (file scope: the reference arguments must be static) */
static const struct property_entry t_opp_ref =
	PROPERTY_ENTRY_REF("operating-points-v2", &t_opp_table);
static const struct property_entry t_opp2v_ref =
	PROPERTY_ENTRY_REF("operating-points-v2", &t_opp2v_table);

/* The power properties of every test node (floats as bits), besides the OPP reference */
static const struct property_entry t_pwr_props[] = {
	PROPERTY_ENTRY_U32("apple,core-leak-coef", 0x41c80000),	/* 25.0 */
	PROPERTY_ENTRY_U32("apple,sram-leak-coef", 0x40a00000),	/* 5.0 */
	PROPERTY_ENTRY_U32("apple,min-sram-microvolt", 650000),
	PROPERTY_ENTRY_U32("apple,power-sample-period", 8),
	PROPERTY_ENTRY_U32("apple,avg-power-filter-tc-ms", 1000),
	PROPERTY_ENTRY_U32("apple,avg-power-ki-only", 0x3f19999a),	/* 0.6 */
	PROPERTY_ENTRY_U32("apple,avg-power-kp", 0x3e4ccccd),		/* 0.2 */
	PROPERTY_ENTRY_U32("apple,avg-power-min-duty-cycle", 40),
	PROPERTY_ENTRY_U32("apple,avg-power-target-filter-tc", 125),
	PROPERTY_ENTRY_U32("apple,fast-die0-integral-gain", 0x43c80000),
	PROPERTY_ENTRY_U32("apple,fast-die0-proportional-gain", 0x42c80000),
	PROPERTY_ENTRY_U32("apple,perf-filter-drop-threshold", 0),
	PROPERTY_ENTRY_U32("apple,perf-filter-time-constant", 5),
	PROPERTY_ENTRY_U32("apple,perf-filter-time-constant2", 50),
	PROPERTY_ENTRY_U32("apple,perf-integral-gain2", 0x40fca970),
	PROPERTY_ENTRY_U32("apple,perf-integral-min-clamp", 0),
	PROPERTY_ENTRY_U32("apple,perf-proportional-gain2", 0x416b53d1),
	PROPERTY_ENTRY_U32("apple,perf-tgt-utilization", 85),
	PROPERTY_ENTRY_U32("apple,ppm-filter-time-constant-ms", 100),
	PROPERTY_ENTRY_U32("apple,ppm-ki", 0x41200000),		/* 10.0 */
	PROPERTY_ENTRY_U32("apple,ppm-kp", 0x3fc00000),		/* 1.5 */
	PROPERTY_ENTRY_U32("apple,pwr-min-duty-cycle", 40),
	PROPERTY_ENTRY_U32_ARRAY("apple,power-zones", t_zones),
	{ }
};

#define T_MAX_PROPS	(5 + ARRAY_SIZE(t_pwr_props))

#define T_NODE(c, p, a) { .compat = (c), .abi_prop = (p), .abi = &(a), \
	.rgn = t_rgn_all, .rgn_n = ARRAY_SIZE(t_rgn_all), \
	.regs = t_regs_all, .regs_n = ARRAY_SIZE(t_regs_all) }

/* @n's power properties into @props from @i: the OPP reference, t_pwr_props, edits. */
static unsigned int t_pwr(const struct t_node *n, struct property_entry *props,
			  unsigned int i)
{
	const struct property_entry *p;

	props[i++] = n->opp ? *n->opp : t_opp_ref;
	for (p = t_pwr_props; p->name; p++) {
		if (n->pwr_drop && !strcmp(p->name, n->pwr_drop))
			continue;
		if (n->pwr_set && !strcmp(p->name, n->pwr_set->name))
			props[i++] = *n->pwr_set;
		else
			props[i++] = *p;
	}
	return i;
}

/* A test device whose fwnode is a software node with @n's properties. */
static struct device *t_dev(struct kunit *test, const struct t_node *n)
{
	struct property_entry *props = kunit_kcalloc(test, T_MAX_PROPS, sizeof(*props),
						     GFP_KERNEL);
	static atomic_t seq = ATOMIC_INIT(0);
	struct device *dev;
	unsigned int i;
	char name[32];

	KUNIT_ASSERT_NOT_NULL(test, props);
	i = t_pwr(n, props, 0);
	props[i++] = PROPERTY_ENTRY_STRING("compatible", n->compat);
	if (n->abi_prop)
		props[i++] = PROPERTY_ENTRY_U32_ARRAY_LEN(n->abi_prop, n->abi->cells,
							  n->abi->n);
	props[i++] = PROPERTY_ENTRY_STRING_ARRAY_LEN("memory-region-names", n->rgn, n->rgn_n);
	props[i++] = PROPERTY_ENTRY_STRING_ARRAY_LEN("reg-names", n->regs, n->regs_n);
	/* device names are unique on the KUnit bus (and copied): one per node */
	snprintf(name, sizeof(name), "agx-hw-test.%d", atomic_inc_return(&seq));
	dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	KUNIT_ASSERT_EQ(test, device_create_managed_software_node(dev, props, NULL), 0);
	return dev;
}

static int t_parse(struct kunit *test, const struct t_node *n, struct agx_hw_desc *desc)
{
	memset(desc, 0, sizeof(*desc));
	return agx_hw_dt_parse(t_dev(test, n), desc);
}

static void agx_hw_dt_t8103(struct kunit *test)
{
	const struct t_node n = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_13_5);
	struct agx_hw_desc d;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, t_parse(test, &n, &d), 0);
	KUNIT_EXPECT_PTR_EQ(test, d.chip, &agx_hw_t8103);
	KUNIT_EXPECT_EQ(test, d.chip->gen, AGX_GEN_G13);
	KUNIT_EXPECT_EQ(test, d.fw_version, AGX_FW_VERSION(13, 5, 0));
	for (i = 0; i < AGX_RGN_NR; i++)
		KUNIT_EXPECT_EQ(test, d.region[i], (int)i);
}

/* The upstream binding's compatible and the older firmware-compat property. */
static void agx_hw_dt_spellings(struct kunit *test)
{
	const struct t_node g14 = T_NODE("apple,agx-g14g", "apple,firmware-abi", t_abi_13_5);
	const struct t_node t8112 = T_NODE("apple,agx-t8112", "apple,firmware-abi", t_abi_13_5);
	const struct t_node g13 = T_NODE("apple,agx-g13g", "apple,firmware-compat", t_abi_12_3);
	struct agx_hw_desc d;

	KUNIT_ASSERT_EQ(test, t_parse(test, &g14, &d), 0);
	KUNIT_EXPECT_PTR_EQ(test, d.chip, &agx_hw_t8112);
	KUNIT_ASSERT_EQ(test, t_parse(test, &t8112, &d), 0);
	KUNIT_EXPECT_PTR_EQ(test, d.chip, &agx_hw_t8112);
	KUNIT_EXPECT_EQ(test, d.chip->gen, AGX_GEN_G14);
	KUNIT_ASSERT_EQ(test, t_parse(test, &g13, &d), 0);
	KUNIT_EXPECT_PTR_EQ(test, d.chip, &agx_hw_t8103);
	KUNIT_EXPECT_EQ(test, d.fw_version, AGX_FW_VERSION(12, 3, 0));
}

static void agx_hw_dt_bad_abi(struct kunit *test)
{
	const struct t_node none = T_NODE("apple,agx-t8103", NULL, t_abi_13_5);
	const struct t_node unset = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_unset);
	const struct t_node shrt = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_short);
	const struct t_node big = T_NODE("apple,agx-t8103", "apple,firmware-compat", t_abi_big);
	struct agx_hw_desc d;

	KUNIT_EXPECT_EQ(test, t_parse(test, &none, &d), -ENODEV);
	KUNIT_EXPECT_EQ(test, t_parse(test, &unset, &d), -ENODEV);
	KUNIT_EXPECT_EQ(test, t_parse(test, &shrt, &d), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_parse(test, &big, &d), -EINVAL);
}

static void agx_hw_dt_bad_node(struct kunit *test)
{
	struct t_node n = T_NODE("apple,agx-t6000", "apple,firmware-abi", t_abi_13_5);
	struct agx_hw_desc d;

	KUNIT_EXPECT_EQ(test, t_parse(test, &n, &d), -ENODEV);	/* t600x: no layouts */
	n.compat = "apple,agx-t8103";
	n.rgn = t_rgn_no_handoff;
	n.rgn_n = ARRAY_SIZE(t_rgn_no_handoff);
	KUNIT_EXPECT_EQ(test, t_parse(test, &n, &d), -ENODEV);
	n.rgn = t_rgn_no_globals;
	n.rgn_n = ARRAY_SIZE(t_rgn_no_globals);
	KUNIT_ASSERT_EQ(test, t_parse(test, &n, &d), 0);	/* optional */
	KUNIT_EXPECT_EQ(test, d.region[AGX_RGN_GLOBALS], -1);
	KUNIT_EXPECT_EQ(test, d.region[AGX_RGN_HANDOFF], 2);
	n.regs = t_regs_no_sgx;
	n.regs_n = ARRAY_SIZE(t_regs_no_sgx);
	KUNIT_EXPECT_EQ(test, t_parse(test, &n, &d), -ENODEV);
}

/* ID_VERSION: gen << 24 | variant << 16 | rev << 8 (regs.rs) */
#define T_ID_VERSION(gen, var, rev)	(((gen) << 24) | ((var) << 16) | ((rev) << 8))

static const struct agx_hw_id_regs t_id_g13g = {
	.version = T_ID_VERSION(4, 2, 0x11), .counts_1 = 8, .counts_2 = 4 << 16,
	.clusters = 1 << 12, .core_mask = { 0xff, 0 }, .nr_core_mask = 2,
};

static const struct agx_hw_id_regs t_id_g14g = {
	.version = T_ID_VERSION(5, 2, 0x01), .counts_1 = 10, .counts_2 = 4 << 16,
	.clusters = 1 << 12, .core_mask = { 0x2ff, 0 }, .nr_core_mask = 2,	/* core 8 off */
};

static void agx_hw_id_g13g_g14g(struct kunit *test)
{
	struct agx_hw_id id;

	KUNIT_ASSERT_EQ(test, agx_hw_id_decode(&t_id_g13g, &id), 0);
	KUNIT_EXPECT_EQ(test, id.gen_code, AGX_HW_GEN_CODE_G13);
	KUNIT_EXPECT_EQ(test, id.variant, 'G');
	KUNIT_EXPECT_EQ(test, id.rev, 0x11);
	KUNIT_EXPECT_EQ(test, id.num_clusters, 1);
	KUNIT_EXPECT_EQ(test, id.num_cores, 8);
	KUNIT_EXPECT_EQ(test, id.num_gps, 4);
	KUNIT_EXPECT_EQ(test, id.total_active_cores, 8);
	KUNIT_EXPECT_EQ(test, agx_hw_id_check(&agx_hw_t8103, &id), 0);
	KUNIT_EXPECT_EQ(test, agx_hw_id_check(&agx_hw_t8112, &id), -ENODEV);

	KUNIT_ASSERT_EQ(test, agx_hw_id_decode(&t_id_g14g, &id), 0);
	KUNIT_EXPECT_EQ(test, id.core_masks[0], 0x2ff);
	KUNIT_EXPECT_EQ(test, id.total_active_cores, 9);
	KUNIT_EXPECT_EQ(test, agx_hw_id_check(&agx_hw_t8112, &id), 0);
	KUNIT_EXPECT_EQ(test, agx_hw_id_check(&agx_hw_t8103, &id), -ENODEV);
}

/* G14X: 2 clusters per die x 2 dies of 10 cores, the masks packed over three registers. */
static void agx_hw_id_g14x_masks(struct kunit *test)
{
	struct agx_hw_id_regs r = {
		.version = T_ID_VERSION(6, 4, 0x10),
		.counts_1 = (2 << 16) | (2 << 8) | 10,
		.core_mask = { 0xffffffff, 0xbf, 0 },	/* core 6 of cluster 3 off */
		.nr_core_mask = 3,
	};
	struct agx_hw_id id;

	KUNIT_ASSERT_EQ(test, agx_hw_id_decode(&r, &id), 0);
	KUNIT_EXPECT_EQ(test, id.num_clusters, 4);
	KUNIT_EXPECT_EQ(test, id.variant, 'C');		/* 4 clusters or fewer */
	KUNIT_EXPECT_EQ(test, id.core_masks[0], 0x3ff);
	KUNIT_EXPECT_EQ(test, id.core_masks[2], 0x3ff);
	KUNIT_EXPECT_EQ(test, id.core_masks[3], 0x2ff);	/* bits 30-39 straddle two registers */
	KUNIT_EXPECT_EQ(test, id.total_active_cores, 39);
	KUNIT_EXPECT_EQ(test, agx_hw_id_check(&agx_hw_t8112, &id), -ENODEV);
}

static void agx_hw_id_contradictions(struct kunit *test)
{
	struct agx_hw_id_regs r = t_id_g13g;
	struct agx_hw_id id;

	r.core_mask[0] = 0x1ff;			/* a ninth core in an 8-core cluster */
	KUNIT_EXPECT_EQ(test, agx_hw_id_decode(&r, &id), -EIO);
	r = t_id_g13g;
	r.version = T_ID_VERSION(7, 2, 0x11);	/* unknown generation */
	KUNIT_EXPECT_EQ(test, agx_hw_id_decode(&r, &id), -ENODEV);
	r.version = T_ID_VERSION(4, 2, 0x30);	/* unknown revision */
	KUNIT_EXPECT_EQ(test, agx_hw_id_decode(&r, &id), -ENODEV);
	r.version = T_ID_VERSION(4, 9, 0x11);	/* unknown variant */
	KUNIT_EXPECT_EQ(test, agx_hw_id_decode(&r, &id), -ENODEV);
	r = t_id_g13g;
	r.nr_core_mask = 3;			/* G13 has two mask registers */
	KUNIT_EXPECT_EQ(test, agx_hw_id_decode(&r, &id), -EINVAL);
	r = t_id_g13g;
	r.counts_1 = 0;				/* no cores */
	KUNIT_EXPECT_EQ(test, agx_hw_id_decode(&r, &id), -ENODEV);
}

/* Device tree and ID registers together: an M2's GPU under an M1's node must not bind. */
static void agx_hw_describe_mismatch(struct kunit *test)
{
	const struct t_node n = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_13_5);
	struct device *dev = t_dev(test, &n);
	struct agx_hw_desc d = {};

	KUNIT_ASSERT_EQ(test, agx_hw_dt_parse(dev, &d), 0);
	KUNIT_EXPECT_EQ(test, agx_hw_identify(dev, &t_id_g13g, &d), 0);
	KUNIT_EXPECT_EQ(test, d.id.total_active_cores, 8);
	KUNIT_EXPECT_EQ(test, agx_hw_identify(dev, &t_id_g14g, &d), -ENODEV);
}

/*
 * The hardware probe sequence (driver/agx_probe.c) against fakes: the software node above,
 * plain memory for the "asc" and "sgx" registers (the ID registers preset) and for the
 * reserved regions, and the simulated firmware's transport and TLB backend for RTKit and
 * the CPU's tlbi. @regions counts the regions mapped and not yet unmapped.
 */
struct t_hw_env {
	struct agx_sim *sim;
	const struct agx_sim_pdata *pdata;
	struct agx_probe_ops ops;
	const struct agx_hw_id_regs *id;
	void *asc;
	void *sgx;
	atomic_t regions;
	bool asc_run_at_id_read;
	u64 *pagetables;
	phys_addr_t pagetables_phys;
};

/*
 * What the bootloader leaves in the "pagetables" region: entries of the firmware's own,
 * which must be kept (valid-looking descriptors, pointing nowhere the driver may follow:
 * entry 2042 is where the unmasked index of 0xffffffa0_00000000 would fall), and a stale
 * valid one in the driver's entry 2, which must be replaced, never followed.
 */
#define T_BOOT_ROOT_IDX		5
#define T_BOOT_ROOT_IDX2	2042
#define T_BOOT_ROOT_ENTRY	0x5a5a0003ULL

static void __iomem *t_hw_map_regs(struct device *dev, const char *name, size_t size,
				   void *priv)
{
	struct t_hw_env *e = priv;
	u8 *sgx;

	if (!strcmp(name, "asc"))
		return (void __force __iomem *)e->asc;
	sgx = e->sgx;
	writel(e->id->version, (void __force __iomem *)sgx + AGX_SGX_ID_VERSION);
	writel(e->id->counts_1, (void __force __iomem *)sgx + AGX_SGX_ID_COUNTS_1);
	writel(e->id->counts_2, (void __force __iomem *)sgx + AGX_SGX_ID_COUNTS_2);
	writel(e->id->clusters, (void __force __iomem *)sgx + AGX_SGX_ID_CLUSTERS);
	writel(e->id->core_mask[0], (void __force __iomem *)sgx + AGX_SGX_CORE_MASK_0);
	writel(e->id->core_mask[1], (void __force __iomem *)sgx + AGX_SGX_CORE_MASK_1);
	return (void __force __iomem *)sgx;
}

static void *t_hw_map_region(struct device *dev, const struct agx_hw_desc *desc,
			     enum agx_hw_region rgn, size_t min, phys_addr_t *phys, void *priv)
{
	struct t_hw_env *e = priv;
	void *va = kzalloc(min, GFP_KERNEL);

	if (!va)
		return ERR_PTR(-ENOMEM);
	atomic_inc(&e->regions);
	*phys = virt_to_phys(va);
	if (rgn == AGX_RGN_PAGETABLES) {
		((u64 *)va)[T_BOOT_ROOT_IDX] = T_BOOT_ROOT_ENTRY;
		((u64 *)va)[T_BOOT_ROOT_IDX2] = T_BOOT_ROOT_ENTRY;
		((u64 *)va)[2] = T_BOOT_ROOT_ENTRY;
		e->pagetables = va;
		e->pagetables_phys = *phys;
	}
	return va;
}

static void t_hw_unmap_region(struct device *dev, void *va, void *priv)
{
	struct t_hw_env *e = priv;

	kfree(va);
	atomic_dec(&e->regions);
}

static struct agx_xport *t_hw_xport(struct device *dev, void __iomem *sgx,
				    const struct agx_xport_client *client, void *priv)
{
	struct t_hw_env *e = priv;

	/* the coprocessor was started before the transport exists */
	e->asc_run_at_id_read = readl((void __force __iomem *)e->asc + AGX_ASC_CPU_CONTROL) &
				AGX_ASC_CPU_RUN;
	return agx_xport_sim_create(dev, e->pdata, client);
}

static void t_hw_env_fini(void *data)
{
	struct t_hw_env *e = data;

	if (!IS_ERR_OR_NULL(e->sim))
		agx_sim_destroy(e->sim);
	vfree(e->sgx);
	kfree(e->asc);
}

/* A simulated G13 13.5 GPU that agx.ko does not bind: the probe under test talks to it. */
static struct t_hw_env *t_hw_env(struct kunit *test, const struct agx_hw_id_regs *id)
{
	struct agx_sim_cfg cfg = {
		/* no debug preamble: the hardware path allocates firmware objects plainly */
		.gen = AGX_GEN_G13, .fw_version = AGX_FW_VERSION(13, 5, 0), .unbound = true,
	};
	struct t_hw_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	e->id = id;
	e->asc = kzalloc(AGX_ASC_CTL_SIZE, GFP_KERNEL);
	e->sgx = vzalloc(AGX_SGX_SIZE);
	e->sim = agx_sim_create(&cfg);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, t_hw_env_fini, e));
	KUNIT_ASSERT_NOT_NULL(test, e->asc);
	KUNIT_ASSERT_NOT_NULL(test, e->sgx);
	KUNIT_ASSERT_FALSE(test, IS_ERR(e->sim));
	KUNIT_ASSERT_NULL(test, agx_sim_device(e->sim)->driver);
	e->pdata = dev_get_platdata(agx_sim_device(e->sim));
	e->ops = (struct agx_probe_ops){
		.map_regs = t_hw_map_regs, .map_region = t_hw_map_region,
		.unmap_region = t_hw_unmap_region, .xport_create = t_hw_xport,
		.tlb = e->pdata->tlb, .tlb_priv = e->pdata->tlb_priv,
	};
	return e;
}

/* One compute job through the GPU the hardware probe brought up. */
static void t_hw_run_job(struct kunit *test, struct agx_gpu *gpu)
{
	struct agx_job_desc d = { .type = AGX_JOB_COMPUTE };
	struct agx_queue *q;
	struct agx_heap *heap;
	struct dma_fence *f;
	struct agx_vm *vm;

	vm = agx_vm_create(gpu->mmu, AGX_UVA_START, AGX_UVA_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(vm));
	heap = agx_heap_create(vm, AGX_TEST_HEAP_START, AGX_TEST_HEAP_END);
	KUNIT_ASSERT_FALSE(test, IS_ERR(heap));
	q = agx_queue_create(gpu, heap, 0);
	agx_heap_put(heap);
	KUNIT_ASSERT_FALSE(test, IS_ERR(q));
	f = agx_queue_submit(q, &d);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_GT(test, dma_fence_wait_timeout(f, false, 20 * HZ), 0);
	KUNIT_EXPECT_EQ(test, f->error, 0);
	dma_fence_put(f);
	agx_queue_destroy(q);
	agx_vm_put(vm);
}

/*
 * The sequence of driver/agx_probe.c end to end: the coprocessor started before the ID
 * registers are trusted and the transport exists, the layouts of the node's firmware ABI,
 * the MMU on the reserved regions (the simulated firmware walks from them), a job that
 * runs, the regions still mapped after an unbind while a reference holds the GPU, and
 * unmapped only once its memory is freed.
 */
static void agx_hw_probe_sequence(struct kunit *test)
{
	const struct t_node n = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_13_5);
	struct t_hw_env *e = t_hw_env(test, &t_id_g13g);
	struct agx_handoff *handoff;
	struct agx_gpu *gpu;
	int i;

	gpu = agx_hw_probe(t_dev(test, &n), &e->ops, e);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(gpu), "probe: %ld", PTR_ERR(gpu));
	KUNIT_EXPECT_TRUE(test, e->asc_run_at_id_read);
	KUNIT_EXPECT_STREQ(test, gpu->layout->name, "G13V13_5");
	/* what HwDataB tells the firmware: t8103, G13G, revision B1 (0x11), the mask register */
	KUNIT_EXPECT_EQ(test, gpu->ident.chip_id, 0x8103U);
	KUNIT_EXPECT_EQ(test, gpu->ident.gpu_core, 11U);
	KUNIT_EXPECT_EQ(test, gpu->ident.gpu_rev, 4U);
	KUNIT_EXPECT_EQ(test, gpu->ident.core_masks[0], 0xffU);
	KUNIT_EXPECT_EQ(test, gpu->pwr.nr_pstates, 4U);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->regions), 3);
	handoff = gpu->mmu->handoff;
	KUNIT_EXPECT_EQ(test, handoff->magic_ap, AGX_PPL_MAGIC);
	KUNIT_EXPECT_EQ(test, handoff->magic_fw, AGX_PPL_MAGIC);	/* the firmware's half */
	/* the firmware's kernel root is the region; the driver filled entry 2 only */
	KUNIT_EXPECT_EQ(test, gpu->mmu->ttbat[AGX_UAT_KERNEL_CTX].ttb1 & AGX_TTBR_BADDR_MASK,
			(u64)e->pagetables_phys);
	KUNIT_EXPECT_EQ(test, e->pagetables[T_BOOT_ROOT_IDX], T_BOOT_ROOT_ENTRY);
	KUNIT_EXPECT_EQ(test, e->pagetables[T_BOOT_ROOT_IDX2], T_BOOT_ROOT_ENTRY);
	KUNIT_EXPECT_NE(test, e->pagetables[2], T_BOOT_ROOT_ENTRY);
	KUNIT_EXPECT_EQ(test, e->pagetables[2] & AGX_PTE_TYPE_MASK, AGX_PTE_TYPE_MASK);
	t_hw_run_job(test, gpu);
	KUNIT_EXPECT_EQ(test, 0, atomic_read(&agx_sim_get_counters(e->sim)->violations));
	/* unbound while something (an open file, say) still holds the GPU: the MMU lives on */
	agx_gpu_get(gpu);
	agx_gpu_destroy(gpu);
	flush_workqueue(gpu->release_wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->regions), 3);
	KUNIT_EXPECT_EQ(test, gpu->mmu->handoff->magic_ap, AGX_PPL_MAGIC);
	agx_gpu_put(gpu);
	/* the GPU's memory, and with it the regions, go on agx.ko's release workqueue */
	for (i = 0; i < 400 && atomic_read(&e->regions); i++)
		usleep_range(5000, 10000);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->regions), 0);
}

/* A node of the wrong machine fails before the firmware is touched, leaving nothing. */
static void agx_hw_probe_refused(struct kunit *test)
{
	const struct t_node n = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_13_5);
	const struct t_node unset = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_unset);
	const struct t_node v12 = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_12_3);
	const struct t_node v12_4 = T_NODE("apple,agx-t8112", "apple,firmware-abi", t_abi_12_4);
	struct t_hw_env *e = t_hw_env(test, &t_id_g14g);
	struct agx_gpu *gpu;

	gpu = agx_hw_probe(t_dev(test, &n), &e->ops, e);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(gpu), -ENODEV);	/* a G14 under a t8103 node */
	KUNIT_EXPECT_EQ(test, atomic_read(&e->regions), 0);
	KUNIT_EXPECT_EQ(test, readl((void __force __iomem *)e->asc + AGX_ASC_CPU_CONTROL),
			AGX_ASC_CPU_RUN);	/* started, then refused */
	writel(0, (void __force __iomem *)e->asc + AGX_ASC_CPU_CONTROL);
	e->id = &t_id_g13g;
	gpu = agx_hw_probe(t_dev(test, &unset), &e->ops, e);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(gpu), -ENODEV);	/* bootloader wrote no ABI */
	gpu = agx_hw_probe(t_dev(test, &v12), &e->ops, e);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(gpu), -ENODEV);	/* 12.3: the simulator's only */
	e->id = &t_id_g14g;
	gpu = agx_hw_probe(t_dev(test, &v12_4), &e->ops, e);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(gpu), -ENODEV);	/* and G14 with 12.4 */
	/* the node is read before anything is touched */
	KUNIT_EXPECT_EQ(test, readl((void __force __iomem *)e->asc + AGX_ASC_CPU_CONTROL), 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->regions), 0);
}

/* The power configuration of the test node: p-states, zones, leakage and the defaults. */
static void agx_hw_pwr_parse(struct kunit *test)
{
	const struct t_node n = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_13_5);
	struct agx_gpu_pwr *pwr = kunit_kzalloc(test, sizeof(*pwr), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pwr);
	KUNIT_ASSERT_EQ(test, agx_pwr_parse(t_dev(test, &n), 1, pwr), 0);
	KUNIT_EXPECT_EQ(test, pwr->nr_pstates, 4U);
	KUNIT_EXPECT_EQ(test, pwr->perf_max_pstate, 3U);
	KUNIT_EXPECT_EQ(test, pwr->pstates[3].freq_hz, 1200000000U);
	KUNIT_EXPECT_EQ(test, pwr->pstates[3].volt_mv[0], 900U);
	KUNIT_EXPECT_EQ(test, pwr->pstates[2].pwr_mw, 4000U);
	KUNIT_EXPECT_EQ(test, pwr->max_power_mw, 8000U);
	KUNIT_EXPECT_EQ(test, pwr->max_freq_mhz, 1200U);
	KUNIT_EXPECT_EQ(test, pwr->nr_zones, 2U);
	KUNIT_EXPECT_EQ(test, pwr->zones[1].target, 12000U);
	KUNIT_EXPECT_EQ(test, pwr->zones[1].filter_tc, 100U);
	KUNIT_EXPECT_EQ(test, pwr->core_leak_coef[0], 0x41c80000U);
	KUNIT_EXPECT_EQ(test, pwr->ppm_ki, 0x41200000U);
	/* the defaults of the optional properties (hw/mod.rs) */
	KUNIT_EXPECT_EQ(test, pwr->perf_base_pstate, 1U);
	KUNIT_EXPECT_EQ(test, pwr->idle_off_delay_ms, 2U);
	KUNIT_EXPECT_EQ(test, pwr->pwr_filter_time_constant, 313U);
	KUNIT_EXPECT_EQ(test, pwr->se_engagement_criteria, -1);
	KUNIT_EXPECT_EQ(test, pwr->se_ki, 0xc2480000U);		/* -50.0 */
	KUNIT_EXPECT_EQ(test, pwr->pwr_sample_period_aic_clks, 24000U * 8);
}

/* Each way the power configuration is unusable, refused with its error. */
static void agx_hw_pwr_bad(struct kunit *test)
{
	static const u32 five_cells[] = { 1, 2, 3, 4, 5 };
	const struct property_entry nan = PROPERTY_ENTRY_U32("apple,ppm-kp", 0x7fc00000);
	const struct property_entry zones5 =
		PROPERTY_ENTRY_U32_ARRAY("apple,power-zones", five_cells);
	struct t_node n = T_NODE("apple,agx-t8103", "apple,firmware-abi", t_abi_13_5);
	struct agx_gpu_pwr *pwr = kunit_kzalloc(test, sizeof(*pwr), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pwr);
	n.pwr_drop = "apple,pwr-min-duty-cycle";
	KUNIT_EXPECT_EQ(test, agx_pwr_parse(t_dev(test, &n), 1, pwr), -ENODEV);
	n.pwr_drop = NULL;
	n.pwr_set = &nan;
	KUNIT_EXPECT_EQ(test, agx_pwr_parse(t_dev(test, &n), 1, pwr), -EINVAL);
	n.pwr_set = &zones5;
	KUNIT_EXPECT_EQ(test, agx_pwr_parse(t_dev(test, &n), 1, pwr), -EINVAL);
	n.pwr_set = NULL;
	n.opp = &t_opp2v_ref;
	KUNIT_EXPECT_EQ(test, agx_pwr_parse(t_dev(test, &n), 1, pwr), -EINVAL);
	n.opp = NULL;
	KUNIT_EXPECT_EQ(test, agx_pwr_parse(t_dev(test, &n), 2, pwr), -EINVAL);	/* 2 clusters */
	KUNIT_EXPECT_EQ(test, agx_pwr_parse(t_dev(test, &n), 1, pwr), 0);
}

static int agx_hw_suite_init(struct kunit_suite *suite)
{
	int ret = software_node_register_node_group(t_opp_nodes);

	if (!ret)
		ret = software_node_register_node_group(t_opp2v_nodes);
	return ret;
}

static void agx_hw_suite_exit(struct kunit_suite *suite)
{
	software_node_unregister_node_group(t_opp2v_nodes);
	software_node_unregister_node_group(t_opp_nodes);
}

static struct kunit_case agx_hw_cases[] = {
	KUNIT_CASE(agx_hw_dt_t8103),
	KUNIT_CASE(agx_hw_dt_spellings),
	KUNIT_CASE(agx_hw_dt_bad_abi),
	KUNIT_CASE(agx_hw_dt_bad_node),
	KUNIT_CASE(agx_hw_id_g13g_g14g),
	KUNIT_CASE(agx_hw_id_g14x_masks),
	KUNIT_CASE(agx_hw_id_contradictions),
	KUNIT_CASE(agx_hw_describe_mismatch),
	KUNIT_CASE(agx_hw_probe_sequence),
	KUNIT_CASE(agx_hw_probe_refused),
	KUNIT_CASE(agx_hw_pwr_parse),
	KUNIT_CASE(agx_hw_pwr_bad),
	{}
};

static struct kunit_suite agx_hw_suite = {
	.name = "agx_hw",
	.suite_init = agx_hw_suite_init,
	.suite_exit = agx_hw_suite_exit,
	.test_cases = agx_hw_cases,
};

kunit_test_suite(agx_hw_suite);

MODULE_DESCRIPTION("agx.ko hardware description: the GPU's device-tree node and ID registers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
