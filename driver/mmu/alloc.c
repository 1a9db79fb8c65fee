// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware-object allocators
 *
 * Firmware objects live in five pools of the kernel-upper VM, each a VA range with one
 * protection (asahi-agx-driver.md §3.3, §3.7):
 *
 * =========  ===========================  ========================  ======  =======
 * pool       range                        protection                block   garbage
 * =========  ===========================  ========================  ======  =======
 * private    0xffffffa0_00000000 +24 GiB  FW_PRIV_RW (cached)       1 MiB   kept
 * gpu_ro     0xffffffa6_00000000 +8 GiB   GPU_RO_FW_PRIV_RW         1 MiB   kept
 * shared     0xffffffa8_00000000 +8 GiB   FW_SHARED_RW              1 MiB   no
 * shared_ro  0xffffffaa_00000000 +8 GiB   FW_SHARED_RO              64 KiB  no
 * gpu        0xffffffac_00000000 +8 GiB   GPU_FW_SHARED_RW          64 KiB  no
 * =========  ===========================  ========================  ======  =======
 *
 * Each pool is a grow-only heap managed by a drm_mm range allocator (best fit, 0x80-byte
 * alignment). Backing blocks are added back to back from the start of the range; each is
 * made of 16 KiB chunks (16 KiB-aligned slab objects, so failslab reaches them), mapped
 * into the kernel VM with the pool's protection and into the CPU with vmap(), and followed
 * by a 16 KiB guard node (32 KiB in the user-VM heaps, keeping blocks 32 KiB aligned) that
 * is never mapped: objects never straddle two blocks (whose CPU mappings are not
 * contiguous) and a firmware over-read past a block faults.
 *
 * The driver writes objects through the CPU pointer; the firmware (or the simulator) reads
 * them through the GPU VA. The CPU mapping is cacheable (PAGE_KERNEL); see
 * Documentation/agx-mmu.rst.
 *
 * Cached pools (private, gpu_ro) keep freed objects on a garbage list: the firmware may
 * still hold stale cache lines for them, so their VA is reused only after a firmware cache
 * flush. agx_mmu_gc() flushes and collects when the garbage of a pool passes 16 MiB or 2048
 * objects; agx_mmu_flush_and_collect() does it unconditionally.
 *
 * With &agx_mmu_config.debug_alloc each object is preceded by a 0x40-byte
 * &struct agx_alloc_debug (LIVE/DEAD state, tag, size, VAs, name) inside a 0x80-byte slot,
 * so the firmware can detect a use after free.
 *
 * A heap (&struct agx_heap) is the same allocator over a user VM's kernel range, for
 * what the GPU reads and writes on a render's behalf (buffer-manager lists, tile maps,
 * scenes): the Asahi driver's per-VM allocators (asahi-agx-driver.md, file.rs vm_create).
 * The range, 32 KiB aligned, is split in two halves:
 *
 * =======  ============  ==========================  =======  =======
 * heap     range         protection                  block    garbage
 * =======  ============  ==========================  =======  =======
 * gpu      first half    GPU_SHARED_RW               512 KiB  no
 * gpu_fw   second half   GPU_FW_PRIV_RW              64 KiB   no
 * =======  ============  ==========================  =======  =======
 *
 * Heap objects are 32 KiB aligned and carry no debug preamble (the GPU reads them from
 * their first byte); with debug allocations they are poisoned when freed instead, which is
 * how the simulator finds a compute command's preemption buffer freed under it.
 *
 * Locking: each pool has a mutex; allocation may sleep. Backing blocks are freed only when
 * the MMU (pools) or the last heap reference (heaps) goes.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#include "alloc.h"
#include "vm.h"

/**
 * struct agx_pool_block - a backing block of a pool
 * @link: on the pool's @blocks list.
 * @gpu_va: GPU VA of the block (bytes).
 * @size: size in bytes (a multiple of 16 KiB).
 * @nr_chunks: number of 16 KiB chunks.
 * @chunks: the chunks (kernel addresses of 16 KiB slab objects).
 * @cpu: contiguous CPU mapping of the chunks (vmap).
 * @guard: the unmapped guard range after the block (16 KiB, or the pool's alignment).
 *
 * Owned by its pool; freed by agx_pools_fini().
 */
struct agx_pool_block {
	struct list_head link;
	u64 gpu_va;
	u64 size;
	unsigned int nr_chunks;
	void **chunks;
	void *cpu;
	struct drm_mm_node guard;
};

/* Pools: asahi-agx-driver.md §3.3 (ranges) and §3.7 (prot, block, keep_garbage) */
struct agx_pool_desc {
	const char *name;
	u64 start;
	u64 end;
	enum agx_prot prot;
	u64 block_size;
	u64 align;
	bool keep_garbage;
	bool debug;
};

static const struct agx_pool_desc agx_pool_descs[AGX_POOL_COUNT] = {
	[AGX_POOL_PRIVATE] = { "private", AGX_KVA_PRIVATE_START, AGX_KVA_PRIVATE_END,
			       AGX_PROT_FW_PRIV_RW, SZ_1M, AGX_FWOBJ_ALIGN, true, true },
	[AGX_POOL_SHARED] = { "shared", AGX_KVA_SHARED_START, AGX_KVA_SHARED_END,
			      AGX_PROT_FW_SHARED_RW, SZ_1M, AGX_FWOBJ_ALIGN, false, true },
	[AGX_POOL_SHARED_RO] = { "shared_ro", AGX_KVA_SHARED_RO_START, AGX_KVA_SHARED_RO_END,
				 AGX_PROT_FW_SHARED_RO, SZ_64K, AGX_FWOBJ_ALIGN, false, true },
	[AGX_POOL_GPU] = { "gpu", AGX_KVA_GPU_START, AGX_KVA_GPU_END,
			   AGX_PROT_GPU_FW_SHARED_RW, SZ_64K, AGX_FWOBJ_ALIGN, false, true },
	[AGX_POOL_GPU_RO] = { "gpu_ro", AGX_KVA_GPU_RO_START, AGX_KVA_GPU_RO_END,
			      AGX_PROT_GPU_RO_FW_PRIV_RW, SZ_1M, AGX_FWOBJ_ALIGN, true, true },
};

/*
 * The pools of a user VM's kernel range (the Asahi driver's file.rs vm_create: ualloc over
 * the first half, ualloc_priv over the second; buffer::PAGE_SIZE alignment, CPU-mapped, no
 * garbage kept). The range comes from the heap's creator.
 */
static const struct agx_pool_desc agx_heap_descs[AGX_HEAP_COUNT] = {
	[AGX_HEAP_GPU] = { "heap_gpu", 0, 0, AGX_PROT_GPU_SHARED_RW, SZ_512K, AGX_HEAP_ALIGN,
			   false, false },
	[AGX_HEAP_GPU_FW] = { "heap_gpu_fw", 0, 0, AGX_PROT_GPU_FW_PRIV_RW, SZ_64K,
			      AGX_HEAP_ALIGN, false, false },
};

#define AGX_CHUNK_SIZE		AGX_UAT_PGSZ
#define AGX_CHUNK_CPU_PAGES	(AGX_CHUNK_SIZE / PAGE_SIZE)
#define AGX_POOL_GUARD		AGX_UAT_PGSZ

/* A 16 KiB GPU page is a whole number of CPU pages (4 KiB on x86-64, 16 KiB on Asahi). */
static_assert(!(AGX_CHUNK_SIZE % PAGE_SIZE));

static struct kmem_cache *agx_chunk_cache;

/**
 * agx_alloc_module_init() - create the slab cache of 16 KiB backing chunks
 *
 * Context: module init; may sleep.
 * Return: 0 or -ENOMEM.
 */
int agx_alloc_module_init(void)
{
	agx_chunk_cache = kmem_cache_create("agx_fw_chunk", AGX_CHUNK_SIZE, AGX_CHUNK_SIZE,
					    0, NULL);
	return agx_chunk_cache ? 0 : -ENOMEM;
}

/**
 * agx_alloc_module_exit() - destroy the chunk cache
 *
 * Context: module exit, after every MMU is gone; may sleep.
 */
void agx_alloc_module_exit(void)
{
	kmem_cache_destroy(agx_chunk_cache);
}

/* Set up @pool over [@start, @end) of @vm with the properties of @d; no memory yet. */
static void agx_pool_setup(struct agx_pool *pool, struct agx_mmu *mmu, struct agx_vm *vm,
			   const struct agx_pool_desc *d, u64 start, u64 end)
{
	pool->mmu = mmu;
	pool->vm = vm;
	pool->name = d->name;
	pool->start = start;
	pool->end = end;
	pool->prot = d->prot;
	pool->block_size = d->block_size;
	pool->align = d->align;
	pool->keep_garbage = d->keep_garbage;
	pool->debug = d->debug && mmu->cfg.debug_alloc;
	pool->poison = !d->debug && mmu->cfg.debug_alloc;
	mutex_init(&pool->lock);
	drm_mm_init(&pool->mm, start, end - start);
	pool->top = start;
	INIT_LIST_HEAD(&pool->blocks);
	INIT_LIST_HEAD(&pool->garbage);
}

/**
 * agx_pools_init() - set up the pools of an MMU (no memory is allocated yet)
 * @mmu: the MMU being created.
 *
 * Context: process context.
 */
void agx_pools_init(struct agx_mmu *mmu)
{
	unsigned int i;

	for (i = 0; i < AGX_POOL_COUNT; i++)
		agx_pool_setup(&mmu->pools[i], mmu, mmu->kernel_vm, &agx_pool_descs[i],
			       agx_pool_descs[i].start, agx_pool_descs[i].end);
}

static void agx_block_free_chunks(struct agx_mmu *mmu, struct agx_pool_block *block)
{
	unsigned int i;

	if (!block->chunks)
		return;
	for (i = 0; i < block->nr_chunks; i++) {
		if (!block->chunks[i])
			continue;
		kmem_cache_free(agx_chunk_cache, block->chunks[i]);
		atomic_long_dec(&mmu->nr_chunks);
	}
	kfree(block->chunks);
}

/* Free a block that is not (or no longer) mapped in the GPU. */
static void agx_block_free(struct agx_mmu *mmu, struct agx_pool_block *block)
{
	if (block->cpu)
		vunmap(block->cpu);
	agx_block_free_chunks(mmu, block);
	kfree(block);
}

static int agx_block_alloc_chunks(struct agx_mmu *mmu, struct agx_pool_block *block)
{
	unsigned int i;

	block->chunks = kcalloc(block->nr_chunks, sizeof(*block->chunks), GFP_KERNEL);
	if (!block->chunks)
		return -ENOMEM;
	for (i = 0; i < block->nr_chunks; i++) {
		block->chunks[i] = kmem_cache_zalloc(agx_chunk_cache, GFP_KERNEL);
		if (!block->chunks[i])
			return -ENOMEM;
		atomic_long_inc(&mmu->nr_chunks);
	}
	return 0;
}

/* Map the chunks contiguously into the CPU. */
static int agx_block_vmap(struct agx_pool_block *block)
{
	unsigned int n = block->nr_chunks * AGX_CHUNK_CPU_PAGES, i;
	struct page **pages = kmalloc_array(n, sizeof(*pages), GFP_KERNEL);

	if (!pages)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		pages[i] = virt_to_page(block->chunks[i / AGX_CHUNK_CPU_PAGES] +
					(i % AGX_CHUNK_CPU_PAGES) * PAGE_SIZE);
	block->cpu = vmap(pages, n, VM_MAP, PAGE_KERNEL);
	kfree(pages);
	return block->cpu ? 0 : -ENOMEM;
}

/* Map the chunks into the kernel VM at the block's GPU VA. */
static int agx_block_map_gpu(struct agx_pool *pool, struct agx_pool_block *block)
{
	phys_addr_t *phys = kmalloc_array(block->nr_chunks, sizeof(*phys), GFP_KERNEL);
	unsigned int i;
	int ret;

	if (!phys)
		return -ENOMEM;
	for (i = 0; i < block->nr_chunks; i++)
		phys[i] = virt_to_phys(block->chunks[i]);
	ret = agx_vm_map_pages(pool->vm, block->gpu_va, phys, block->nr_chunks,
			       pool->prot);
	kfree(phys);
	return ret;
}

static int agx_block_setup(struct agx_pool *pool, struct agx_pool_block *block)
{
	int ret = agx_block_alloc_chunks(pool->mmu, block);

	if (!ret)
		ret = agx_block_vmap(block);
	if (!ret)
		ret = agx_block_map_gpu(pool, block);
	return ret;
}

/*
 * Add a backing block of at least @min bytes at the top of the heap. Block and guard are
 * whole multiples of the pool's alignment when it is over a chunk (the user-VM heaps' 32
 * KiB): the top stays aligned, so an object as large as its block fits in it.
 */
static int agx_pool_grow(struct agx_pool *pool, u64 min)
{
	u64 step = max_t(u64, AGX_CHUNK_SIZE, pool->align);
	u64 size = max_t(u64, pool->block_size, round_up(min, step));
	u64 guard = round_up(AGX_POOL_GUARD, step);
	struct agx_pool_block *block;
	int ret;

	lockdep_assert_held(&pool->lock);
	if (size > pool->end - pool->top || pool->end - pool->top - size < guard)
		return -ENOSPC;
	block = kzalloc(sizeof(*block), GFP_KERNEL);
	if (!block)
		return -ENOMEM;
	block->gpu_va = pool->top;
	block->size = size;
	block->nr_chunks = size / AGX_CHUNK_SIZE;
	ret = agx_block_setup(pool, block);
	if (ret) {
		agx_block_free(pool->mmu, block);
		return ret;
	}
	block->guard.start = block->gpu_va + size;
	block->guard.size = guard;
	ret = drm_mm_reserve_node(&pool->mm, &block->guard);
	if (ret) {
		agx_vm_unmap(pool->vm, block->gpu_va, size);
		agx_block_free(pool->mmu, block);
		return ret;
	}
	pool->top += size + guard;
	list_add_tail(&block->link, &pool->blocks);
	return 0;
}

static int agx_pool_insert_mapped(struct agx_pool *pool, struct drm_mm_node *node, u64 size)
{
	lockdep_assert_held(&pool->lock);
	return drm_mm_insert_node_in_range(&pool->mm, node, size, pool->align, 0,
					   pool->start, pool->top, DRM_MM_INSERT_BEST);
}

/* Find room for @size bytes in the mapped part of the heap, growing it if needed. */
static int agx_pool_insert(struct agx_pool *pool, struct drm_mm_node *node, u64 size)
{
	int ret = agx_pool_insert_mapped(pool, node, size);

	if (ret != -ENOSPC)
		return ret;
	ret = agx_pool_grow(pool, size);
	if (ret)
		return ret;
	return agx_pool_insert_mapped(pool, node, size);
}

static struct agx_pool_block *agx_pool_block_of(struct agx_pool *pool, u64 va)
{
	struct agx_pool_block *block;

	lockdep_assert_held(&pool->lock);
	list_for_each_entry(block, &pool->blocks, link)
		if (va >= block->gpu_va && va - block->gpu_va < block->size)
			return block;
	return NULL;
}

static void agx_fwobj_write_debug(struct agx_fwobj *obj, u32 state, const char *name)
{
	struct agx_alloc_debug *dbg = obj->cpu - sizeof(*dbg);

	lockdep_assert_held(&obj->pool->lock);
	if (name) {
		dbg->tag = obj->pool->next_tag++;
		dbg->size = obj->size;
		dbg->base_gpuva = obj->gpu_va - sizeof(*dbg);
		dbg->obj_gpuva = obj->gpu_va;
		strscpy_pad(dbg->name, name, sizeof(dbg->name));
	}
	/* The fields before the state (asahi-agx-driver.md §3.7: state is checked first). */
	wmb();
	WRITE_ONCE(dbg->state, state);
}

/* An object of @size bytes from @pool: see agx_fwobj_alloc(). */
static struct agx_fwobj *agx_pool_alloc(struct agx_pool *pool, size_t size, const char *name)
{
	u64 pre = pool->debug ? AGX_FWOBJ_PREAMBLE : 0;
	struct agx_pool_block *block;
	struct agx_fwobj *obj;
	int ret;

	if (!size || size > SZ_1G)
		return ERR_PTR(-EINVAL);
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->pool = pool;
	obj->size = size;
	mutex_lock(&pool->lock);
	ret = agx_pool_insert(pool, &obj->node, round_up(size + pre, AGX_FWOBJ_ALIGN));
	if (ret) {
		mutex_unlock(&pool->lock);
		kfree(obj);
		return ERR_PTR(ret);
	}
	block = agx_pool_block_of(pool, obj->node.start);
	obj->gpu_va = obj->node.start + pre;
	obj->cpu = block->cpu + (obj->gpu_va - block->gpu_va);
	if (pre)
		agx_fwobj_write_debug(obj, AGX_ALLOC_DEBUG_LIVE, name ? name : "");
	pool->live++;
	mutex_unlock(&pool->lock);
	return obj;
}

/**
 * agx_fwobj_alloc() - allocate a firmware object
 * @mmu: the MMU.
 * @pool_id: the pool, which decides the GPU VA range and the protection.
 * @size: size in bytes (at least 1, at most 1 GiB).
 * @name: name recorded in the debug preamble (may be NULL).
 *
 * The object is zeroed (on first use of its memory) or holds whatever a previous object
 * left; it is 0x80-byte aligned in GPU VA and contiguous in CPU and GPU VA.
 *
 * Context: process context; may sleep; takes the pool's mutex.
 * Return: the object, owned by the caller until agx_fwobj_free(); ERR_PTR(-EINVAL) for a
 * bad pool or size; ERR_PTR(-ENOSPC) if the pool's range is exhausted; ERR_PTR(-ENOMEM).
 * On error nothing is left allocated or mapped.
 */
struct agx_fwobj *agx_fwobj_alloc(struct agx_mmu *mmu, enum agx_pool_id pool_id, size_t size,
				  const char *name)
{
	if ((unsigned int)pool_id >= AGX_POOL_COUNT)
		return ERR_PTR(-EINVAL);
	return agx_pool_alloc(&mmu->pools[pool_id], size, name);
}
EXPORT_SYMBOL_GPL(agx_fwobj_alloc);

static void agx_fwobj_release(struct agx_fwobj *obj)
{
	lockdep_assert_held(&obj->pool->lock);
	drm_mm_remove_node(&obj->node);
	kfree(obj);
}

/**
 * agx_fwobj_free() - free a firmware object
 * @obj: the object (NULL or an error pointer is ignored); the caller's ownership ends.
 *
 * The debug preamble (if any) is marked DEAD; under &agx_mmu_config.debug_alloc an
 * object without one (a heap's) is overwritten with %AGX_ALLOC_POISON. In cached pools the
 * object goes to the garbage list and its VA is reused only after the next firmware cache
 * flush; in the others it is reusable at once.
 *
 * Context: process context; may sleep; takes the pool's mutex.
 */
void agx_fwobj_free(struct agx_fwobj *obj)
{
	struct agx_pool *pool;

	if (IS_ERR_OR_NULL(obj))
		return;
	pool = obj->pool;
	mutex_lock(&pool->lock);
	if (pool->debug)
		agx_fwobj_write_debug(obj, AGX_ALLOC_DEBUG_DEAD, NULL);
	if (pool->poison)
		memset(obj->cpu, AGX_ALLOC_POISON, obj->size);
	pool->live--;
	if (pool->keep_garbage) {
		list_add_tail(&obj->garbage, &pool->garbage);
		pool->garbage_bytes += obj->node.size;
		pool->garbage_count++;
	} else {
		agx_fwobj_release(obj);
	}
	mutex_unlock(&pool->lock);
}
EXPORT_SYMBOL_GPL(agx_fwobj_free);

/* Take the pool's garbage (what a flush starting now covers). */
static void agx_pool_take_garbage(struct agx_pool *pool, struct list_head *out)
{
	mutex_lock(&pool->lock);
	list_splice_init(&pool->garbage, out);
	pool->garbage_bytes = 0;
	pool->garbage_count = 0;
	mutex_unlock(&pool->lock);
}

static void agx_pool_give_back_garbage(struct agx_pool *pool, struct list_head *list)
{
	struct agx_fwobj *obj;

	mutex_lock(&pool->lock);
	list_for_each_entry(obj, list, garbage) {
		pool->garbage_bytes += obj->node.size;
		pool->garbage_count++;
	}
	list_splice(list, &pool->garbage);
	mutex_unlock(&pool->lock);
}

static unsigned int agx_pool_release_garbage(struct agx_pool *pool, struct list_head *list)
{
	struct agx_fwobj *obj, *tmp;
	unsigned int n = 0;

	mutex_lock(&pool->lock);
	list_for_each_entry_safe(obj, tmp, list, garbage) {
		list_del(&obj->garbage);
		agx_fwobj_release(obj);
		n++;
	}
	mutex_unlock(&pool->lock);
	return n;
}

/**
 * agx_mmu_flush_and_collect() - flush the firmware cache, then make freed objects reusable
 * @mmu: the MMU.
 *
 * Only objects freed before the flush was requested are collected.
 *
 * Context: process context; may sleep (the flush waits for the firmware).
 * Return: the number of objects collected, or the flush's error (nothing collected).
 */
int agx_mmu_flush_and_collect(struct agx_mmu *mmu)
{
	struct list_head lists[AGX_POOL_COUNT];
	unsigned int i, n = 0;
	int ret = 0;

	for (i = 0; i < AGX_POOL_COUNT; i++) {
		INIT_LIST_HEAD(&lists[i]);
		agx_pool_take_garbage(&mmu->pools[i], &lists[i]);
	}
	if (mmu->cfg.flush_fw_cache)
		ret = mmu->cfg.flush_fw_cache(mmu->cfg.flush_priv);
	for (i = 0; i < AGX_POOL_COUNT; i++) {
		if (ret)
			agx_pool_give_back_garbage(&mmu->pools[i], &lists[i]);
		else
			n += agx_pool_release_garbage(&mmu->pools[i], &lists[i]);
	}
	return ret ? ret : n;
}
EXPORT_SYMBOL_IF_KUNIT(agx_mmu_flush_and_collect);

static bool agx_pool_gc_due(struct agx_pool *pool)
{
	bool due;

	mutex_lock(&pool->lock);
	due = pool->garbage_bytes > AGX_GC_MAX_BYTES ||
		pool->garbage_count > AGX_GC_MAX_OBJECTS;
	mutex_unlock(&pool->lock);
	return due;
}

/**
 * agx_mmu_gc() - collect garbage if a cached pool holds too much of it
 * @mmu: the MMU.
 *
 * Flushes the firmware cache and collects when the garbage of a pool exceeds 16 MiB or
 * 2048 objects (asahi-agx-driver.md §3.7). Meant to be called on every queue creation and
 * command build.
 *
 * Context: process context; may sleep.
 * Return: 0 if no flush was due, else as agx_mmu_flush_and_collect().
 */
int agx_mmu_gc(struct agx_mmu *mmu)
{
	unsigned int i;

	for (i = 0; i < AGX_POOL_COUNT; i++)
		if (agx_pool_gc_due(&mmu->pools[i]))
			return agx_mmu_flush_and_collect(mmu);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(agx_mmu_gc);

static void agx_pool_fini(struct agx_pool *pool)
{
	struct agx_pool_block *block, *tmp;
	LIST_HEAD(garbage);

	agx_pool_take_garbage(pool, &garbage);
	agx_pool_release_garbage(pool, &garbage);
	if (pool->live)
		pr_err("agx: %u firmware objects of pool %s leaked\n", pool->live, pool->name);
	list_for_each_entry_safe(block, tmp, &pool->blocks, link) {
		drm_mm_remove_node(&block->guard);
		agx_vm_unmap(pool->vm, block->gpu_va, block->size);
		list_del(&block->link);
		agx_block_free(pool->mmu, block);
	}
	if (!pool->live)
		drm_mm_takedown(&pool->mm);
	mutex_destroy(&pool->lock);
}

/**
 * agx_pools_fini() - free the garbage and the backing memory of every pool
 * @mmu: the MMU being destroyed; the firmware is stopped, so garbage needs no flush.
 *
 * Context: process context; may sleep.
 */
void agx_pools_fini(struct agx_mmu *mmu)
{
	unsigned int i;

	for (i = 0; i < AGX_POOL_COUNT; i++)
		agx_pool_fini(&mmu->pools[i]);
}

/**
 * agx_heap_create() - the driver's allocator in a user VM's kernel range
 * @vm: the user VM; the heap takes a reference.
 * @start: first GPU VA of the range (bytes; rounded up to the 32 KiB TVB page).
 * @end: end of the range (exclusive, bytes; rounded down to 32 KiB).
 *
 * The range is split in two halves, as the Asahi driver does (&enum agx_heap_id). Nothing
 * is allocated or mapped until the first object: a VM that never renders costs nothing.
 * The caller keeps userspace out of the range (VM_BIND refuses it).
 *
 * Context: process context; may sleep.
 * Return: the heap with one reference for the caller (agx_heap_put()); ERR_PTR(-EINVAL)
 * for a range outside @vm or smaller than two 64 KiB halves; ERR_PTR(-ENOMEM).
 */
struct agx_heap *agx_heap_create(struct agx_vm *vm, u64 start, u64 end)
{
	u64 half, s = round_up(start, AGX_HEAP_ALIGN), e = round_down(end, AGX_HEAP_ALIGN);
	struct agx_heap *heap;
	unsigned int i;

	if (start < vm->va_start || end - 1 > vm->va_last || e <= s || e - s < 2 * SZ_64K)
		return ERR_PTR(-EINVAL);
	heap = kzalloc(sizeof(*heap), GFP_KERNEL);
	if (!heap)
		return ERR_PTR(-ENOMEM);
	kref_init(&heap->ref);
	heap->vm = agx_vm_get(vm);
	half = round_down((e - s) / 2, AGX_HEAP_ALIGN);
	for (i = 0; i < AGX_HEAP_COUNT; i++)
		agx_pool_setup(&heap->pools[i], vm->mmu, vm, &agx_heap_descs[i],
			       i ? s + half : s, i ? e : s + half);
	return heap;
}
EXPORT_SYMBOL_GPL(agx_heap_create);

/**
 * agx_heap_get() - take a reference on a heap
 * @heap: the heap.
 *
 * Context: any.
 * Return: @heap.
 */
struct agx_heap *agx_heap_get(struct agx_heap *heap)
{
	kref_get(&heap->ref);
	return heap;
}
EXPORT_SYMBOL_GPL(agx_heap_get);

static void agx_heap_release(struct kref *ref)
{
	struct agx_heap *heap = container_of(ref, struct agx_heap, ref);
	unsigned int i;

	for (i = 0; i < AGX_HEAP_COUNT; i++)
		agx_pool_fini(&heap->pools[i]);
	agx_vm_put(heap->vm);
	kfree(heap);
}

/**
 * agx_heap_put() - drop a reference on a heap
 * @heap: the heap (NULL is ignored).
 *
 * The last reference unmaps and frees the backing memory; every object must have been
 * freed before (a leak is reported, its memory freed anyway).
 *
 * Context: process context; may sleep (the last reference).
 */
void agx_heap_put(struct agx_heap *heap)
{
	if (heap)
		kref_put(&heap->ref, agx_heap_release);
}
EXPORT_SYMBOL_GPL(agx_heap_put);

/**
 * agx_heap_alloc() - allocate an object in a user VM's kernel range
 * @heap: the heap.
 * @id: which half (&enum agx_heap_id): the protection.
 * @size: size in bytes (at least 1, at most 1 GiB).
 * @name: for messages (may be NULL).
 *
 * The object is 32 KiB aligned in GPU VA, contiguous in CPU and GPU VA, and zeroed on
 * first use of its memory, or holds what a previous object left. Freed with
 * agx_fwobj_free(), after the GPU and the firmware are done with it.
 *
 * Context: process context; may sleep; takes the pool's mutex, then the VM's lock.
 * Return: the object, the caller's until agx_fwobj_free(); ERR_PTR(-EINVAL) for a bad
 * @id or size; ERR_PTR(-ENOSPC) when the range is exhausted; ERR_PTR(-ENOMEM).
 */
struct agx_fwobj *agx_heap_alloc(struct agx_heap *heap, enum agx_heap_id id, size_t size,
				 const char *name)
{
	if ((unsigned int)id >= AGX_HEAP_COUNT)
		return ERR_PTR(-EINVAL);
	return agx_pool_alloc(&heap->pools[id], size, name);
}
EXPORT_SYMBOL_GPL(agx_heap_alloc);

/**
 * agx_heap_vm() - the VM of a heap
 * @heap: the heap.
 *
 * Context: any.
 * Return: the VM; borrowed: valid while the caller holds a reference on @heap.
 */
struct agx_vm *agx_heap_vm(struct agx_heap *heap)
{
	return heap->vm;
}
EXPORT_SYMBOL_GPL(agx_heap_vm);
