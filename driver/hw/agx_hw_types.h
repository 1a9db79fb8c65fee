/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko hardware description: the types of driver/hw (the SoCs the driver knows, what the
 * GPU's ID registers and device-tree node say). Each says who owns it; the functions are
 * declared in the header of the file that defines them.
 */
#ifndef _DRIVER_HW_AGX_HW_TYPES_H_
#define _DRIVER_HW_AGX_HW_TYPES_H_

#include <linux/types.h>
#include <agx/fw/version.h>

/*
 * ASC (GPU coprocessor) control registers, offsets in the "asc" region: regs.rs of the
 * Asahi driver. Writing CPU_RUN into CPU_CONTROL starts the coprocessor.
 */
#define AGX_ASC_CTL_SIZE	0x4000
#define AGX_ASC_CPU_CONTROL	0x44
#define AGX_ASC_CPU_RUN		BIT(4)

/*
 * SGX (GPU block) registers, offsets in the "sgx" region: regs.rs of the Asahi driver
 * (FAULT_INFO, read through the transport, is in include/agx/fw/types.h).
 */
#define AGX_SGX_SIZE		0x1000000
#define AGX_SGX_ID_VERSION	0xd04000
#define AGX_SGX_ID_UNK08	0xd04008
#define AGX_SGX_ID_COUNTS_1	0xd04010
#define AGX_SGX_ID_COUNTS_2	0xd04014
#define AGX_SGX_ID_UNK18	0xd04018
#define AGX_SGX_ID_CLUSTERS	0xd0401c
#define AGX_SGX_CORE_MASK_0	0xd01500
#define AGX_SGX_CORE_MASK_1	0xd01514
#define AGX_SGX_CORE_MASKS_G14X	0xe01500

/* ID_VERSION[31:24]: the generation code (regs.rs). */
#define AGX_HW_GEN_CODE_G13	4
#define AGX_HW_GEN_CODE_G14G	5
#define AGX_HW_GEN_CODE_G14X	6

/* Core-mask registers: two on G13/G14G, three on G14X (regs.rs). */
#define AGX_HW_MAX_CORE_MASK_REGS	3
#define AGX_HW_MAX_CLUSTERS		32

/**
 * enum agx_hw_region - the reserved regions of the GPU node ("memory-region-names", in
 * the order of the device-tree binding apple,agx.yaml)
 * @AGX_RGN_TTBS: the TTBAT (UAT translation-table base array), CPU and firmware shared.
 * @AGX_RGN_PAGETABLES: the firmware's kernel page tables.
 * @AGX_RGN_HANDOFF: the handoff structure (UAT lock, flush requests).
 * @AGX_RGN_HW_CAL_A: calibration blob A (mostly power configuration).
 * @AGX_RGN_HW_CAL_B: calibration blob B (mostly GPU configuration).
 * @AGX_RGN_GLOBALS: globals shared with the firmware.
 * @AGX_RGN_NR: number of regions.
 */
enum agx_hw_region {
	AGX_RGN_TTBS,
	AGX_RGN_PAGETABLES,
	AGX_RGN_HANDOFF,
	AGX_RGN_HW_CAL_A,
	AGX_RGN_HW_CAL_B,
	AGX_RGN_GLOBALS,
	AGX_RGN_NR,
};

/**
 * struct agx_hw_chip - one SoC's GPU, as the driver knows it (the Asahi driver's
 * hw/t8103.rs, hw/t8112.rs HwConfig)
 * @name: the SoC, e.g. "t8103".
 * @compatible: the GPU node's compatibles that select it, NULL-terminated: the Asahi
 *	device trees' "apple,agx-tNNNN" and the upstream binding's "apple,agx-gNNx".
 * @chip_id: the SoC number, e.g. 0x8103.
 * @gen: the GPU generation.
 * @gen_code: what ID_VERSION[31:24] must read on this SoC.
 * @variant: the GPU variant letter ('G' for the base M1 and M2 GPUs).
 * @gpu_core: GpuCore, what HwDataB tells the firmware (hw/mod.rs): 11 G13G, 15 G14G.
 * @uat_oas: the UAT output address size, bits (the device's DMA mask).
 * @max_clusters: at most this many clusters.
 * @max_cores: at most this many cores per cluster.
 *
 * Static data in driver/hw/dt.c; the OF match table points at it.
 */
struct agx_hw_chip {
	const char *name;
	const char * const *compatible;
	u32 chip_id;
	enum agx_gpu_gen gen;
	u8 gen_code;
	char variant;
	u8 gpu_core;
	u8 uat_oas;
	u8 max_clusters;
	u8 max_cores;
};

/**
 * struct agx_hw_id_regs - the raw ID registers of the SGX block
 * @version: ID_VERSION.
 * @counts_1: ID_COUNTS_1.
 * @counts_2: ID_COUNTS_2.
 * @clusters: ID_CLUSTERS.
 * @core_mask: the core-mask registers (CORE_MASK_0/1, or the three G14X ones).
 * @nr_core_mask: how many of @core_mask were read.
 *
 * Read by agx_hw_id_read() (hardware) or filled by a test; decoded by agx_hw_id_decode().
 */
struct agx_hw_id_regs {
	u32 version;
	u32 counts_1;
	u32 counts_2;
	u32 clusters;
	u32 core_mask[AGX_HW_MAX_CORE_MASK_REGS];
	unsigned int nr_core_mask;
};

/**
 * struct agx_hw_id - the GPU's identity, decoded from its ID registers (regs.rs)
 * @gen_code: ID_VERSION[31:24] (AGX_HW_GEN_CODE_*).
 * @variant: ID_VERSION[23:16] as a letter: 'P', 'G', 'S', 'C' or 'D'.
 * @rev: ID_VERSION[15:8]: 0x00 A0, 0x01 A1, 0x10 B0, 0x11 B1, 0x20 C0, 0x21 C1.
 * @num_clusters: clusters (ID_CLUSTERS[19:12]; on G14X clusters per die times dies).
 * @num_cores: cores per cluster (ID_COUNTS_1[7:0]).
 * @num_gps: ID_COUNTS_2[23:16].
 * @total_active_cores: the cores enabled in the core masks.
 * @core_masks: the enabled cores of each cluster.
 * @core_masks_packed: the core-mask registers as read (all clusters packed).
 *
 * Owned by whoever decoded it (a value type).
 */
struct agx_hw_id {
	u8 gen_code;
	char variant;
	u8 rev;
	u32 num_clusters;
	u32 num_cores;
	u32 num_gps;
	u32 total_active_cores;
	u32 core_masks[AGX_HW_MAX_CLUSTERS];
	u32 core_masks_packed[AGX_HW_MAX_CORE_MASK_REGS];
};

/**
 * struct agx_hw_desc - what the device tree and the ID registers say about one GPU
 * @chip: the SoC, from the node's compatible.
 * @fw_abi: the firmware ABI the bootloader wrote ("apple,firmware-abi", or
 *	"apple,firmware-compat" in older device trees): major, minor, patch.
 * @fw_version: @fw_abi as AGX_FW_VERSION(); with @chip->gen it selects the layouts.
 * @region: each region's index in the node's "memory-region" list, -1 if absent.
 * @id: the decoded ID registers.
 *
 * Filled by agx_hw_dt_parse() and agx_hw_identify(); owned by the caller (a value type).
 */
struct agx_hw_desc {
	const struct agx_hw_chip *chip;
	u32 fw_abi[3];
	u32 fw_version;
	int region[AGX_RGN_NR];
	struct agx_hw_id id;
};

#endif /* _DRIVER_HW_AGX_HW_TYPES_H_ */
