/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apple AGX UAT (GPU MMU) firmware ABI: page-table format, TTBAT, handoff region and the
 * firmware-object debug preamble. Shared by the driver (driver/mmu) and the simulated
 * firmware (driver/sim), which must agree on every bit here exactly as the driver and the
 * real ASC firmware do. See Documentation/agx-mmu.rst.
 */
#ifndef _AGX_UAT_H_
#define _AGX_UAT_H_

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/sizes.h>
#include <linux/types.h>

/* Page-table geometry: asahi-agx-driver.md §3.1 */
#define AGX_UAT_PGBIT		14			/* 16 KiB GPU pages */
#define AGX_UAT_PGSZ		BIT_ULL(AGX_UAT_PGBIT)
#define AGX_UAT_PGMASK		(AGX_UAT_PGSZ - 1)
#define AGX_UAT_PTE_BITS	11			/* 2048 descriptors per table */
#define AGX_UAT_PTES		BIT(AGX_UAT_PTE_BITS)
#define AGX_UAT_LEVELS		3			/* L2 (root), L1, L0 (leaf) */
#define AGX_UAT_IAS		39			/* 512 GiB per TTBR */
#define AGX_UAT_IAS_MASK	((1ULL << AGX_UAT_IAS) - 1)
#define AGX_UAT_TABLE_SIZE	(AGX_UAT_PTES * sizeof(u64))	/* 16 KiB */

/* Index of @va in the table of level @lvl (0 = leaf, 2 = root): asahi-agx-driver.md §3.1 */
#define AGX_UAT_LVL_SHIFT(lvl)	(AGX_UAT_PGBIT + AGX_UAT_PTE_BITS * (lvl))
#define AGX_UAT_IDX(va, lvl)	\
	((unsigned int)(((va) >> AGX_UAT_LVL_SHIFT(lvl)) & (AGX_UAT_PTES - 1)))

/* Descriptors: asahi-agx-driver.md §3.1 */
#define AGX_PTE_VALID		BIT_ULL(0)
#define AGX_PTE_TYPE		BIT_ULL(1)	/* table (L2, L1) or page (L0) */
#define AGX_PTE_TYPE_MASK	(AGX_PTE_VALID | AGX_PTE_TYPE)
#define AGX_PTE_ATTR_SHIFT	2		/* MemAttr, bits 2..4 */
#define AGX_PTE_ATTR_MASK	GENMASK_ULL(4, 2)
#define AGX_PTE_AP_SHIFT	6		/* AP, bits 6..7 */
#define AGX_PTE_AP_MASK		GENMASK_ULL(7, 6)
#define AGX_PTE_AF		BIT_ULL(10)
#define AGX_PTE_NG		BIT_ULL(11)	/* user (owned) tables */
#define AGX_PTE_PXN		BIT_ULL(53)
#define AGX_PTE_UXN		BIT_ULL(54)
#define AGX_PTE_OS		BIT_ULL(55)	/* "GPU access", always set by the driver */
#define AGX_PTE_OA_MASK		GENMASK_ULL(47, AGX_UAT_PGBIT)

/* MemAttr values: asahi-agx-driver.md §3.1 */
#define AGX_MEMATTR_CACHED	0
#define AGX_MEMATTR_DEVICE	1
#define AGX_MEMATTR_UNCACHED	2

/* AP values: asahi-agx-driver.md §3.1 (permissions table) */
#define AGX_AP_FW_GPU		0
#define AGX_AP_FW		1
#define AGX_AP_GPU		2

/*
 * Leaf protection encodings, with AF, OS (bit 55) and the valid/page bits: the driver's
 * named protections, asahi-agx-driver.md §3.1 ("Driver prot constants").
 */
#define AGX_PTE_PROT(ap, uxn, pxn, attr)					\
	(AGX_PTE_TYPE_MASK | AGX_PTE_AF | AGX_PTE_OS |				\
	 ((u64)(ap) << AGX_PTE_AP_SHIFT) | ((u64)(attr) << AGX_PTE_ATTR_SHIFT) |	\
	 ((uxn) ? AGX_PTE_UXN : 0) | ((pxn) ? AGX_PTE_PXN : 0))

/* TTBR values: asahi-agx-driver.md §3.2 */
#define AGX_TTBR_VALID		BIT_ULL(0)
#define AGX_TTBR_ASID_SHIFT	48
#define AGX_TTBR_ASID_MASK	GENMASK_ULL(55, 48)
#define AGX_TTBR_BADDR_MASK	GENMASK_ULL(47, AGX_UAT_PGBIT)

/* TTBAT: 64 contexts, 0 = kernel, 1..63 = user: asahi-agx-driver.md §3.2 */
#define AGX_UAT_NUM_CTX		64
#define AGX_UAT_KERNEL_CTX	0
#define AGX_UAT_USER_CTX	63

/**
 * struct agx_ttbat_entry - one TTBAT slot, as read by the firmware (asahi-agx-driver.md §3.2)
 * @ttb0: TTBR value for the lower half (user VAs; kernel-lower VM for slot 0), 0 if none.
 * @ttb1: TTBR value for the upper half (kernel VAs; slot 0 only on G13), 0 if none.
 */
struct agx_ttbat_entry {
	u64 ttb0;
	u64 ttb1;
};

/* Handoff region layout: asahi-agx-driver.md §3.2 */
#define AGX_PPL_MAGIC		0x4b1d000000000002ULL	/* asahi-agx-driver.md Appendix A */
#define AGX_HANDOFF_FLUSH_SLOTS	65			/* index 64 = kernel */

/**
 * struct agx_handoff_flush - a cache-flush request slot of the handoff region
 * @state: 0 idle, 1 requested by the CPU, 2 done by the firmware (asahi-agx-driver.md §3.5).
 * @addr: GPU VA of the range to flush.
 * @size: size of the range in bytes.
 */
struct agx_handoff_flush {
	u64 state;
	u64 addr;
	u64 size;
};

/**
 * struct agx_handoff - the handoff region shared by the CPU (AP) and the firmware
 * @magic_ap: written by the CPU at init (%AGX_PPL_MAGIC).
 * @magic_fw: written by the firmware when it is up.
 * @lock_ap: the CPU's flag of the two-party (Dekker) lock.
 * @lock_fw: the firmware's flag of the lock.
 * @turn: who yields on contention: nonzero = the firmware's turn.
 * @pad: unused.
 * @cur_slot: the user context the firmware has loaded (0 or ~0 = none).
 * @flush: cache-flush requests per context; index 64 is the kernel.
 * @unk2: unknown.
 * @unk3: unknown.
 *
 * Layout: asahi-agx-driver.md §3.2. Owned by the driver (it allocates it); both parties
 * read and write it concurrently, with the lock protocol of Documentation/agx-mmu.rst.
 */
struct agx_handoff {
	u64 magic_ap;
	u64 magic_fw;
	u8 lock_ap;
	u8 lock_fw;
	u8 pad[2];
	u32 turn;
	u64 cur_slot;
	struct agx_handoff_flush flush[AGX_HANDOFF_FLUSH_SLOTS];
	u64 unk2;
	u64 unk3;
};

static_assert(offsetof(struct agx_handoff, lock_ap) == 0x10);
static_assert(offsetof(struct agx_handoff, lock_fw) == 0x11);
static_assert(offsetof(struct agx_handoff, turn) == 0x14);
static_assert(offsetof(struct agx_handoff, cur_slot) == 0x18);
static_assert(offsetof(struct agx_handoff, flush) == 0x20);
static_assert(offsetof(struct agx_handoff, unk2) == 0x638);
static_assert(offsetof(struct agx_handoff, unk3) == 0x640);

/* Kernel (upper-half, TTBR1) VA map: asahi-agx-driver.md §3.3 */
#define AGX_KVA_BASE		0xffffff8000000000ULL	/* first VA reached through TTBR1 */
/*
 * Under the bootloader's root table ("pagetables" region), the driver's kernel VM takes
 * root entry 2 only (mmu.rs kpt0()[2]): 64 GiB holding every range below.
 */
#define AGX_KVA_DRIVER_START	0xffffffa000000000ULL
#define AGX_KVA_DRIVER_LAST	0xffffffafffffffffULL
#define AGX_KVA_PRIVATE_START	0xffffffa000000000ULL
#define AGX_KVA_PRIVATE_END	0xffffffa600000000ULL
#define AGX_KVA_GPU_RO_START	0xffffffa600000000ULL
#define AGX_KVA_GPU_RO_END	0xffffffa800000000ULL
#define AGX_KVA_SHARED_START	0xffffffa800000000ULL
#define AGX_KVA_SHARED_END	0xffffffaa00000000ULL
#define AGX_KVA_SHARED_RO_START	0xffffffaa00000000ULL
#define AGX_KVA_SHARED_RO_END	0xffffffac00000000ULL
#define AGX_KVA_GPU_START	0xffffffac00000000ULL
#define AGX_KVA_GPU_END		0xffffffae00000000ULL
/* user timestamp buffers (GEM_BIND_OBJECT), mapped for the firmware: §3.3 */
#define AGX_KVA_TIMESTAMP_START	0xffffffae10000000ULL
#define AGX_KVA_TIMESTAMP_END	0xffffffae14000000ULL

/* User VM range: asahi-agx-driver.md §3.4 */
#define AGX_UVA_START		0x4000ULL
#define AGX_UVA_END		BIT_ULL(AGX_UAT_IAS)

/* Debug preamble of firmware objects (DebugAllocations): asahi-agx-driver.md §3.7 */
#define AGX_ALLOC_DEBUG_LIVE	0x4556494cU	/* "LIVE" in memory order */
#define AGX_ALLOC_DEBUG_DEAD	0x44414544U	/* "DEAD" in memory order */
#define AGX_ALLOC_DEBUG_NAME	32
/*
 * Objects without a preamble (the heaps of user VMs, which the GPU reads from their first
 * byte) are overwritten with this byte when freed under DebugAllocations instead: this
 * project's own choice, so that the simulator sees what the driver gave back.
 */
#define AGX_ALLOC_POISON	0x6b

/**
 * struct agx_alloc_debug - debug preamble placed right before a firmware object
 * @state: %AGX_ALLOC_DEBUG_LIVE while allocated, %AGX_ALLOC_DEBUG_DEAD once freed.
 * @tag: allocation tag chosen by the driver (a per-pool serial number).
 * @size: size of the object in bytes (without the preamble).
 * @base_gpuva: GPU VA of the preamble.
 * @obj_gpuva: GPU VA of the object.
 * @name: NUL-terminated object name.
 *
 * 0x40 bytes, asahi-agx-driver.md §3.7. Written by the driver through the CPU mapping; the
 * simulated firmware reads it through the page tables before dereferencing an object.
 */
struct agx_alloc_debug {
	u32 state;
	u32 tag;
	u64 size;
	u64 base_gpuva;
	u64 obj_gpuva;
	char name[AGX_ALLOC_DEBUG_NAME];
};

static_assert(sizeof(struct agx_alloc_debug) == 0x40);

#endif /* _AGX_UAT_H_ */
