/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx.ko GPU memory management: the types shared by the files of driver/mmu (and seen by its
 * users through agx_mmu.h). Each says who owns it and what keeps it alive; the functions are
 * declared in the header of the file that defines them.
 */
#ifndef _DRIVER_MMU_AGX_MMU_TYPES_H_
#define _DRIVER_MMU_AGX_MMU_TYPES_H_

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <drm/drm_mm.h>
#include <agx/tlb.h>
#include <agx/uat.h>

struct device;
struct agx_mmu;

/**
 * enum agx_prot - named protections of a GPU mapping (asahi-agx-driver.md §3.1)
 * @AGX_PROT_FW_SHARED_RW: firmware read/write, uncached.
 * @AGX_PROT_FW_PRIV_RW: firmware read/write, cached (firmware-private).
 * @AGX_PROT_FW_SHARED_RO: firmware read-only, uncached.
 * @AGX_PROT_FW_MMIO_RW: firmware read/write, device memory.
 * @AGX_PROT_FW_MMIO_RO: firmware read-only, device memory.
 * @AGX_PROT_GPU_FW_SHARED_RW: firmware and GPU read/write, uncached.
 * @AGX_PROT_GPU_FW_PRIV_RW: firmware and GPU read/write, cached.
 * @AGX_PROT_GPU_RO_FW_PRIV_RW: firmware read/write, GPU read-only, cached.
 * @AGX_PROT_GPU_SHARED_RW: GPU read/write (user mappings).
 * @AGX_PROT_GPU_SHARED_RO: GPU read-only (user mappings).
 * @AGX_PROT_GPU_SHARED_WO: GPU write-only (user mappings).
 * @AGX_PROT_COUNT: number of protections.
 */
enum agx_prot {
	AGX_PROT_FW_SHARED_RW,
	AGX_PROT_FW_PRIV_RW,
	AGX_PROT_FW_SHARED_RO,
	AGX_PROT_FW_MMIO_RW,
	AGX_PROT_FW_MMIO_RO,
	AGX_PROT_GPU_FW_SHARED_RW,
	AGX_PROT_GPU_FW_PRIV_RW,
	AGX_PROT_GPU_RO_FW_PRIV_RW,
	AGX_PROT_GPU_SHARED_RW,
	AGX_PROT_GPU_SHARED_RO,
	AGX_PROT_GPU_SHARED_WO,
	AGX_PROT_COUNT,
};

/**
 * struct agx_mmu_regions - firmware-shared regions the device tree reserves
 * @ttbat: the "ttbs" region mapped write-back: the TTBAT, AGX_UAT_NUM_CTX entries.
 * @ttbat_phys: its physical address.
 * @handoff: the "handoff" region mapped write-back: one &struct agx_handoff.
 * @handoff_phys: its physical address.
 * @pagetables: the "pagetables" region mapped write-back: the firmware's kernel root
 *	table (16 KiB, TTBR1 of slot 0); the bootloader's entries in it are kept, or NULL
 *	(the MMU then allocates the root itself).
 * @pagetables_phys: its physical address (16 KiB aligned).
 *
 * Mapped by the bus layer (driver/agx_drv.c) from the GPU node's memory-region entries,
 * each checked to be large enough, and unmapped by it after the MMU is destroyed.
 */
struct agx_mmu_regions {
	struct agx_ttbat_entry *ttbat;
	phys_addr_t ttbat_phys;
	struct agx_handoff *handoff;
	phys_addr_t handoff_phys;
	u64 *pagetables;
	phys_addr_t pagetables_phys;
};

/**
 * struct agx_mmu_config - what the creator of an &struct agx_mmu provides
 * @tlb: TLB invalidation backend (&agx_tlb_arm64_ops on hardware, the simulator's otherwise).
 * @tlb_priv: passed to @tlb.
 * @flush_fw_cache: asks the firmware to flush its cache (may sleep); returns 0 or -errno.
 *	NULL means there is no firmware cache to flush.
 * @flush_priv: passed to @flush_fw_cache.
 * @debug_alloc: prepend a &struct agx_alloc_debug preamble to each firmware object.
 * @regions: the reserved TTBAT and handoff regions (hardware), or NULL: the MMU then
 *	allocates both from kernel memory (the simulator walks from their physical address).
 *
 * Copied at creation; the pointed-to ops and private data must outlive the MMU.
 */
struct agx_mmu_config {
	const struct agx_tlb_ops *tlb;
	void *tlb_priv;
	int (*flush_fw_cache)(void *priv);
	void *flush_priv;
	bool debug_alloc;
	const struct agx_mmu_regions *regions;
};

/**
 * struct agx_pgtable - one UAT page-table tree (the tables reached from one TTBR)
 * @root: the root (L2) table, 16 KiB, in kernel memory; its physical address goes into a TTBR.
 * @root_phys: physical address of @root.
 * @user: leaves get the nG bit (user, owned tables).
 * @nr_tables: number of tables of the tree, root and @free_list included (leak checks).
 * @free_list: tables unlinked by an operation, freed after the TLB invalidation.
 * @root_external: @root is not the tree's (the "pagetables" region): only its entries
 *	@root_first..@root_last are the tree's, and it is not freed.
 * @root_first: first root entry of the tree (with @root_external).
 * @root_last: last root entry of the tree (with @root_external).
 *
 * Owned by the &struct agx_vm that embeds it; protected by that VM's @lock. The lower
 * tables are reachable only through the physical addresses in the descriptors.
 */
struct agx_pgtable {
	u64 *root;
	phys_addr_t root_phys;
	bool user;
	long nr_tables;
	struct list_head free_list;
	bool root_external;
	unsigned int root_first;
	unsigned int root_last;
};

/**
 * struct agx_vm - a GPU virtual address space (a VM context)
 * @ref: references: the creator's, plus one per active bind (a running job holds one).
 * @mmu: the device-level MMU; it outlives every VM.
 * @lock: protects @pt (map, unmap, remap).
 * @pt: the page tables.
 * @va_start: first GPU VA of the VM (bytes).
 * @va_last: last GPU VA of the VM (inclusive, bytes).
 * @kernel: this is one of the kernel VMs of slot 0 (never bound, never stolen).
 * @upper: the VM is reached through TTBR1 (upper half).
 * @slot: TTBAT slot the VM is loaded in, or -1; protected by the MMU's @slot_lock. Sticky:
 *	kept after the last unbind until another VM steals the slot.
 * @bind_count: active binds; protected by the MMU's @slot_lock.
 *
 * Created by agx_vm_create() (user VMs) or agx_mmu_create() (kernel VMs); freed when the
 * last reference goes (agx_vm_put()).
 */
struct agx_vm {
	struct kref ref;
	struct agx_mmu *mmu;
	struct mutex lock; /* protects pt */
	struct agx_pgtable pt;
	u64 va_start;
	u64 va_last;
	bool kernel;
	bool upper;
	int slot;
	unsigned int bind_count;
};

/**
 * struct agx_slot - state of one user TTBAT slot
 * @vm: the VM loaded in the slot (sticky), or NULL. Weak: cleared when the VM is freed.
 * @last_used: value of the MMU's LRU clock when the slot was last released or taken.
 *
 * Embedded in &struct agx_mmu (its slot table) and protected by &agx_mmu.slot_lock; lives as
 * long as the MMU. Holds no reference on @vm.
 */
struct agx_slot {
	struct agx_vm *vm;
	u64 last_used;
};

/**
 * enum agx_pool_id - the firmware-object pools of the kernel VM (asahi-agx-driver.md §3.7)
 * @AGX_POOL_PRIVATE: firmware-private, cached; freed objects kept until a cache flush.
 * @AGX_POOL_SHARED: firmware shared, uncached.
 * @AGX_POOL_SHARED_RO: firmware read-only, uncached.
 * @AGX_POOL_GPU: firmware and GPU shared, uncached.
 * @AGX_POOL_GPU_RO: firmware read/write, GPU read-only, cached; kept until a cache flush.
 * @AGX_POOL_COUNT: number of pools.
 */
enum agx_pool_id {
	AGX_POOL_PRIVATE,
	AGX_POOL_SHARED,
	AGX_POOL_SHARED_RO,
	AGX_POOL_GPU,
	AGX_POOL_GPU_RO,
	AGX_POOL_COUNT,
};

/**
 * struct agx_pool - a heap allocator of GPU objects over one VA range of one VM
 * @mmu: the MMU.
 * @vm: the VM the backing blocks are mapped in: the kernel VM for the firmware pools, a
 *	user VM for a &struct agx_heap. Not a reference: the pool's owner keeps it alive.
 * @name: pool name, for messages.
 * @start: first GPU VA of the range (bytes).
 * @end: end of the range (exclusive, bytes).
 * @prot: protection of the pool's mappings.
 * @block_size: size of a backing block (bytes, multiple of 16 KiB).
 * @align: alignment of every object in GPU VA (bytes, a power of two).
 * @keep_garbage: freed objects wait on @garbage until the next firmware cache flush.
 * @debug: objects carry the debug preamble (&agx_mmu_config.debug_alloc; kernel pools).
 * @poison: freed objects are overwritten with %AGX_ALLOC_POISON (&agx_mmu_config.debug_alloc;
 *	the heaps, whose objects have no preamble).
 * @lock: protects everything below.
 * @mm: the range allocator over [@start, @end).
 * @top: GPU VA where the next backing block goes.
 * @blocks: backing blocks (&struct agx_pool_block), oldest first.
 * @garbage: freed objects not yet reusable (&struct agx_fwobj.garbage).
 * @garbage_bytes: bytes on @garbage (objects plus preambles).
 * @garbage_count: objects on @garbage.
 * @live: objects allocated and not yet freed.
 * @next_tag: tag of the next object's debug preamble.
 *
 * Embedded in &struct agx_mmu (set up by agx_pools_init() when the MMU is created and torn
 * down, with its backing blocks, by agx_pools_fini() when it is destroyed) or in &struct
 * agx_heap (set up by agx_heap_create(), torn down when the heap's last reference goes).
 */
struct agx_pool {
	struct agx_mmu *mmu;
	struct agx_vm *vm;
	const char *name;
	u64 start;
	u64 end;
	enum agx_prot prot;
	u64 block_size;
	u64 align;
	bool keep_garbage;
	bool debug;
	bool poison;
	struct mutex lock; /* protects the fields below */
	struct drm_mm mm;
	u64 top;
	struct list_head blocks;
	struct list_head garbage;
	u64 garbage_bytes;
	unsigned int garbage_count;
	unsigned int live;
	u32 next_tag;
};

/**
 * enum agx_heap_id - the two pools of a user VM's kernel range (the Asahi driver's
 *	``ualloc`` and ``ualloc_priv``, asahi-agx-driver.md §3.3)
 * @AGX_HEAP_GPU: the first half: GPU read/write (GPU_SHARED_RW), 512 KiB blocks; what the
 *	GPU alone reads and writes (tile maps, TPC, heap meta, TVB blocks).
 * @AGX_HEAP_GPU_FW: the second half: firmware and GPU, cached (GPU_FW_PRIV_RW), 64 KiB
 *	blocks; what the firmware reads through the VM (the TVB page and block lists).
 * @AGX_HEAP_COUNT: number of heap pools.
 */
enum agx_heap_id {
	AGX_HEAP_GPU,
	AGX_HEAP_GPU_FW,
	AGX_HEAP_COUNT,
};

/**
 * struct agx_heap - the driver's allocator in a user VM's kernel range
 * @ref: references: the creator's, and one per user (a queue's buffer manager).
 * @vm: the user VM (a reference, dropped when the heap is freed).
 * @pools: the two pools, &enum agx_heap_id; their objects are 32 KiB aligned (the TVB
 *	page), reusable as soon as they are freed (no garbage kept, as the Asahi driver).
 *
 * Created by agx_heap_create() over the range userspace reserved at VM_CREATE (or a test's
 * range); freed with its backing memory when the last reference goes, which must be after
 * the last of its objects is freed.
 */
struct agx_heap {
	struct kref ref;
	struct agx_vm *vm;
	struct agx_pool pools[AGX_HEAP_COUNT];
};

/**
 * struct agx_fwobj - a firmware object allocated from a pool
 * @node: the object's range in the pool's allocator (preamble included).
 * @pool: the pool it came from.
 * @garbage: link on the pool's garbage list once freed (cached pools).
 * @cpu: CPU address of the object.
 * @gpu_va: GPU VA of the object in its pool's VM (bytes).
 * @size: size requested (bytes).
 *
 * Owned by the caller of agx_fwobj_alloc() until agx_fwobj_free(); then by the pool until
 * the garbage is collected.
 */
struct agx_fwobj {
	struct drm_mm_node node;
	struct agx_pool *pool;
	struct list_head garbage;
	void *cpu;
	u64 gpu_va;
	size_t size;
};

/**
 * struct agx_mmu - device-level GPU memory management
 * @dev: the device (may be NULL in tests); only used for messages.
 * @cfg: the creator's configuration.
 * @ttbat: the TTBAT (64 × {ttb0, ttb1}), driver memory read by the firmware.
 * @ttbat_phys: physical address of @ttbat (what the firmware gets from initdata).
 * @handoff: the handoff region, driver memory shared with the firmware.
 * @handoff_phys: physical address of @handoff.
 * @handoff_lock: serializes the CPU side of the handoff lock (CPU threads among themselves).
 * @kernel_lo: kernel-lower VM (slot 0, ttb0).
 * @kernel_vm: kernel-upper VM (slot 0, ttb1), home of the firmware-object pools.
 * @slot_lock: protects @slots, @lru_clock, @tlb_detached and each VM's slot and bind
 *	count; every TLB backend call is made under it.
 * @slots: user slots; index 0 unused (slot 0 is the kernel).
 * @lru_clock: increases on every slot take or release.
 * @max_user_slots: number of usable user slots (1..63).
 * @pools: the firmware-object pools.
 * @nr_chunks: 16 KiB backing chunks currently allocated by the pools (for leak checks).
 * @tlb_detached: the device is gone (agx_mmu_detach()): the TLB backend is not called.
 *
 * Created by agx_mmu_create(), freed by agx_mmu_destroy(), which the creator calls after
 * dropping every user VM and freeing every firmware object.
 */
struct agx_mmu {
	struct device *dev;
	struct agx_mmu_config cfg;
	struct agx_ttbat_entry *ttbat;
	phys_addr_t ttbat_phys;
	struct agx_handoff *handoff;
	phys_addr_t handoff_phys;
	spinlock_t handoff_lock; /* CPU side of the handoff lock */
	struct agx_vm *kernel_lo;
	struct agx_vm *kernel_vm;
	struct mutex slot_lock; /* protects slots, lru_clock, vm->slot/bind_count */
	struct agx_slot slots[AGX_UAT_NUM_CTX];
	u64 lru_clock;
	unsigned int max_user_slots;
	struct agx_pool pools[AGX_POOL_COUNT];
	atomic_long_t nr_chunks;
	bool tlb_detached;
};

#endif /* _DRIVER_MMU_AGX_MMU_TYPES_H_ */
