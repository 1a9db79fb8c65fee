// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Buffer manager
 *
 * The tiled vertex buffer (TVB, the tiler heap) holds a render's transformed primitives
 * between its vertex and fragment halves. The firmware takes its memory in blocks of
 * AGX_BM_BLOCK_SIZE (four 32 KiB pages) that the driver gives it, and it must be told, per
 * buffer-manager slot, which buffer a render uses. As the Asahi driver does (buffer.rs,
 * queue/render.rs; the layouts are <agx/fw/buffer.h>):
 *
 * - A render queue has one buffer (&struct agx_fw_buffer): Info (private pool);
 *   BlockControl, Counter, Stats and the kernel buffer (shared pool); the page and block
 *   lists in the firmware half of the user VM's kernel range (AGX_HEAP_GPU_FW); the blocks
 *   in its GPU half (AGX_HEAP_GPU). It starts with AGX_BM_INITIAL_BLOCKS blocks.
 * - Each render has a scene (&struct agx_fw_scene): Scene (shared pool); user buffer, heap
 *   meta, tile map, preemption buffers and aux_fb (AGX_HEAP_GPU); and the buffer's tail
 *   pointer cache (AGX_HEAP_GPU_FW), kept for the next renders and replaced by a larger
 *   one when a render needs more.
 * - A buffer holds one of the GPU's AGX_BM_SLOTS slots (&struct agx_bm_slots) from its
 *   first scene in flight to its last. Bound to a slot that last held another buffer, or
 *   grown, it needs an InitBuffer on the vertex work queue before the RunVertex
 *   (&agx_fw_scene.needs_init, agx_fw_scene_init_buffer()).
 * - Before each render the buffer grows (at agx_fw_scene_create()): from the firmware's
 *   statistics (Stats.max_pages, the pages the renders since the last look used: twice
 *   that is needed, three times the target, capped at the no-memoryless maximum), then to
 *   the render's minimum (one block per AGX_BM_TILES_PER_BLOCK tiles, at least
 *   AGX_BM_MIN_BLOCKS). BlockControl follows every growth; the Info's counts only while no
 *   scene is in flight (the firmware owns them otherwise). Counter counts the renders built.
 *
 * - GrowTVB (the firmware asks for blocks during a render; buffer.rs calls it unexpected)
 *   comes through the receive path, which may not allocate: agx_bm_grow_request() queues
 *   it, the grow worker adds AGX_BM_SYNC_GROW_BLOCKS blocks to the slot's buffer and sends
 *   GrowTVBAck.
 *
 * Deviations from the Asahi driver: the buffer is created at a queue's first render, not at
 * queue creation (a queue that never renders costs no TVB); aux_fb belongs to the scene, not
 * to the RunFragment (the same lifetime); GrowTVB is handled by a work item, not in the
 * event handler. Not built: the clustering buffers (G13G and G14G have one cluster), the
 * InitData statistics the Start and Finalize ops point at (0 here).
 *
 * Lifetimes: each firmware command pointing at a scene holds a reference on it
 * (&agx_fw_work.scene), so the scene lives until the firmware retired the command, also
 * past a job's timeout; a scene holds its buffer, the buffer its heap and the GPU. A busy
 * slot's &agx_bm_slots.owner is borrowed: the slot is released before its buffer's last
 * scene drops the buffer.
 *
 * Locking: &agx_fw_buffer.lock (mutex) is taken under the queue's submit lock (scene
 * creation, growth, the counter), by the last put of a scene (the GPU's free worker) and by
 * the grow worker; the allocations of driver/mmu and &agx_bm_slots.lock (spinlock) nest
 * inside it. Waiting for a free slot is interruptible, ends at a firmware crash, and holds
 * no buffer lock (the grow worker may need it).
 */

#include <linux/bitops.h>
#include <linux/completion.h>
#include <linux/lockdep.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <agx/fw/render.h>

#include "buffer.h"
#include "devctl.h"

#include "mmu/agx_mmu.h"

#define AGX_BM_PAGE_SHIFT	15	/* buffer.rs PAGE_SHIFT: page numbers are VA >> 15 */
#define AGX_BM_NOMEMLESS_BLOCKS	(AGX_BM_MAX_PAGES_NOMEMLESS / AGX_BM_PAGES_PER_BLOCK)
#define AGX_BM_LAYERMETA_SIZE	0x100	/* after the heap meta, with layers */
#define AGX_BM_SYNC_GROW_BLOCKS	10	/* buffer.rs sync_grow: blocks added per GrowTVB */

static void agx_bm_grow_work(struct work_struct *work);

/**
 * agx_bm_slots_init() - set up a GPU's buffer-manager slots
 * @bm: the slots, zeroed (part of &struct agx_gpu).
 *
 * Context: any.
 */
void agx_bm_slots_init(struct agx_bm_slots *bm)
{
	spin_lock_init(&bm->lock);
	bm->nslots = AGX_BM_SLOTS;
	init_waitqueue_head(&bm->wait);
	INIT_KFIFO(bm->grow);
	INIT_WORK(&bm->grow_work, agx_bm_grow_work);
}

/**
 * agx_bm_slots_wake() - wake the submitters waiting for a slot
 * @gpu: the GPU, marked crashed or dead: they return -ENODEV.
 *
 * Context: any.
 */
void agx_bm_slots_wake(struct agx_gpu *gpu)
{
	wake_up_all(&gpu->bm.wait);
}

/*
 * A free slot for @buf: its last one if no buffer took it since, else the least recently
 * released. Returns it, or -1.
 */
static int agx_bm_slot_try(struct agx_bm_slots *bm, struct agx_fw_buffer *buf)
{
	unsigned int n = min_t(u32, READ_ONCE(bm->nslots), AGX_BM_SLOTS);
	int i, best = -1;

	spin_lock(&bm->lock);
	if (buf->slot >= 0 && buf->slot < n && !test_bit(buf->slot, bm->busy) &&
	    bm->last[buf->slot] == buf->id) {
		best = buf->slot;
	} else {
		for_each_clear_bit(i, bm->busy, n)
			if (best < 0 || bm->used[i] < bm->used[best])
				best = i;
	}
	if (best >= 0) {
		__set_bit(best, bm->busy);
		bm->owner[best] = buf;
	}
	spin_unlock(&bm->lock);
	return best;
}

/*
 * Was the last InitBuffer built for @slot not @buf's? Asked at every scene: a scene whose
 * build failed holds the slot without having told the firmware.
 */
static bool agx_bm_slot_stale(struct agx_bm_slots *bm, int slot, u64 id)
{
	bool stale;

	spin_lock(&bm->lock);
	stale = bm->last[slot] != id;
	spin_unlock(&bm->lock);
	return stale;
}

/*
 * Take a slot for @buf's first scene in flight, waiting while all are busy. Called without
 * the buffer's lock: the grow worker may need it meanwhile.
 */
static int agx_bm_slot_take(struct agx_fw_buffer *buf)
{
	struct agx_gpu *gpu = buf->gpu;
	int slot = -1, ret;

	ret = wait_event_interruptible(gpu->bm.wait,
				       (slot = agx_bm_slot_try(&gpu->bm, buf)) >= 0 ||
				       agx_gpu_is_crashed(gpu));
	if (ret)
		return ret;
	return slot >= 0 ? slot : -ENODEV;
}

static void agx_bm_slot_release(struct agx_bm_slots *bm, int slot)
{
	spin_lock(&bm->lock);
	__clear_bit(slot, bm->busy);
	bm->owner[slot] = NULL;
	bm->used[slot] = ++bm->clock;
	spin_unlock(&bm->lock);
	if (wq_has_sleeper(&bm->wait))
		wake_up_all(&bm->wait);
}

/* An allocation's result into *@obj, zeroed; 0 or its error (*@obj untouched). */
static int agx_bm_zeroed(struct agx_fwobj *o, struct agx_fwobj **obj)
{
	if (IS_ERR(o))
		return PTR_ERR(o);
	memset(o->cpu, 0, o->size);
	*obj = o;
	return 0;
}

static void agx_fw_tpc_release(struct kref *ref)
{
	struct agx_fw_tpc *tpc = container_of(ref, struct agx_fw_tpc, ref);

	agx_fwobj_free(tpc->obj);
	kfree(tpc);
}

static void agx_fw_tpc_put(struct agx_fw_tpc *tpc)
{
	if (tpc)
		kref_put(&tpc->ref, agx_fw_tpc_release);
}

static void agx_fw_buffer_release(struct kref *ref)
{
	struct agx_fw_buffer *buf = container_of(ref, struct agx_fw_buffer, ref);
	struct agx_fwobj *block;
	unsigned long i;

	xa_for_each(&buf->blocks, i, block)
		agx_fwobj_free(block);
	xa_destroy(&buf->blocks);
	agx_fw_tpc_put(buf->tpc);
	agx_fwobj_free(buf->block_list);
	agx_fwobj_free(buf->page_list);
	agx_fwobj_free(buf->kbuf);
	agx_fwobj_free(buf->stats);
	agx_fwobj_free(buf->counter);
	agx_fwobj_free(buf->block_ctl);
	agx_fwobj_free(buf->info);
	mutex_destroy(&buf->lock);
	/* last: the objects above live in the heap's VM and the GPU's MMU */
	agx_heap_put(buf->heap);
	agx_gpu_put(buf->gpu);
	kfree(buf);
}

/**
 * agx_fw_buffer_put() - drop a reference on a buffer
 * @buf: the buffer, or NULL.
 *
 * Context: process context; may sleep (the last reference frees its objects).
 */
void agx_fw_buffer_put(struct agx_fw_buffer *buf)
{
	if (buf)
		kref_put(&buf->ref, agx_fw_buffer_release);
}

/* The Info's counts, which the firmware reads at an InitBuffer: only while idle. */
static void agx_fw_buffer_set_counts(struct agx_fw_buffer *buf)
{
	struct agx_fw_bm_info *info = buf->info->cpu;
	u32 pages = buf->nblocks * AGX_BM_PAGES_PER_BLOCK;

	lockdep_assert_held(&buf->lock);
	WRITE_ONCE(info->page_count, pages);
	WRITE_ONCE(info->block_count, buf->nblocks);
	WRITE_ONCE(info->last_page, pages - 1);
}

/* Write block @i's page numbers into the page and block lists. */
static void agx_fw_buffer_list_block(struct agx_fw_buffer *buf, u32 i)
{
	struct agx_fwobj *block = xa_load(&buf->blocks, i);
	u32 *pages = buf->page_list->cpu, *list = buf->block_list->cpu;
	u32 pn = block->gpu_va >> AGX_BM_PAGE_SHIFT, j;

	list[2 * i] = pn;
	for (j = 0; j < AGX_BM_PAGES_PER_BLOCK; j++)
		pages[i * AGX_BM_PAGES_PER_BLOCK + j] = pn + j;
}

/*
 * Grow @buf to @count blocks (more than it has, at most AGX_BM_MAX_BLOCKS). The blocks are
 * allocated first, so that a failure leaves the buffer as it was; then the lists,
 * BlockControl, and the Info's counts if no scene is in flight.
 */
static int agx_fw_buffer_add_blocks(struct agx_fw_buffer *buf, u32 count)
{
	struct agx_fw_bm_block_control *ctl = buf->block_ctl->cpu;
	struct agx_fwobj *block;
	u32 i;
	int ret;

	lockdep_assert_held(&buf->lock);
	for (i = buf->nblocks; i < count; i++) {
		block = agx_heap_alloc(buf->heap, AGX_HEAP_GPU, AGX_BM_BLOCK_SIZE, "TVB");
		ret = PTR_ERR_OR_ZERO(block);
		if (!ret)
			ret = xa_err(xa_store(&buf->blocks, i, block, GFP_KERNEL));
		if (ret) {
			if (!IS_ERR(block))
				agx_fwobj_free(block);
			while (i-- > buf->nblocks)
				agx_fwobj_free(xa_erase(&buf->blocks, i));
			return ret;
		}
	}
	for (i = buf->nblocks; i < count; i++)
		agx_fw_buffer_list_block(buf, i);
	buf->nblocks = count;
	wmb();	/* the lists before the counts that make the firmware read them */
	WRITE_ONCE(ctl->total, count);
	WRITE_ONCE(ctl->wptr, count);
	if (!buf->active)
		agx_fw_buffer_set_counts(buf);
	return 0;
}

/* Info as buffer.rs initializes it: the lists, BlockControl, Counter and the limits. */
static void agx_fw_buffer_fill_info(struct agx_fw_buffer *buf)
{
	struct agx_fw_bm_info *info = buf->info->cpu;

	info->cur_id = -1;
	info->page_list = buf->page_list->gpu_va;
	info->page_list_size = sizeof(u32) * AGX_BM_MAX_PAGES;
	info->max_blocks = AGX_BM_MAX_BLOCKS;
	info->block_list = buf->block_list->gpu_va;
	info->block_ctl = buf->block_ctl->gpu_va;
	info->block_size = AGX_BM_BLOCK_SIZE;
	info->counter = buf->counter->gpu_va;
	info->unk_80 = 1;
	info->max_pages = AGX_BM_MAX_PAGES;
	info->max_pages_nomemless = AGX_BM_MAX_PAGES_NOMEMLESS;
	((struct agx_fw_bm_stats *)buf->stats->cpu)->reset = 1;
}

/* The buffer's firmware objects (left for agx_fw_buffer_release() on error). */
static int agx_fw_buffer_alloc_objs(struct agx_fw_buffer *buf)
{
	struct agx_mmu *mmu = buf->gpu->mmu;
	struct agx_heap *heap = buf->heap;

	return agx_bm_zeroed(agx_fwobj_alloc(mmu, AGX_POOL_PRIVATE,
					     sizeof(struct agx_fw_bm_info), "BufInfo"),
			     &buf->info) ?:
	       agx_bm_zeroed(agx_fwobj_alloc(mmu, AGX_POOL_SHARED,
					     sizeof(struct agx_fw_bm_block_control), "BufBlockCtl"),
			     &buf->block_ctl) ?:
	       agx_bm_zeroed(agx_fwobj_alloc(mmu, AGX_POOL_SHARED,
					     sizeof(struct agx_fw_bm_counter), "BufCounter"),
			     &buf->counter) ?:
	       agx_bm_zeroed(agx_fwobj_alloc(mmu, AGX_POOL_SHARED,
					     sizeof(struct agx_fw_bm_stats), "BufStats"),
			     &buf->stats) ?:
	       agx_bm_zeroed(agx_fwobj_alloc(mmu, AGX_POOL_SHARED, AGX_BM_KERNEL_BUF_SIZE, "KBUF"),
			     &buf->kbuf) ?:
	       agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU_FW,
					    sizeof(u32) * AGX_BM_MAX_PAGES, "PLST"),
			     &buf->page_list) ?:
	       agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU_FW,
					    2 * sizeof(u32) * AGX_BM_MAX_BLOCKS, "BLST"),
			     &buf->block_list);
}

/**
 * agx_fw_buffer_create() - create the TVB buffer of a render queue
 * @gpu: the GPU; the buffer takes a reference.
 * @heap: the kernel-range heap of the queue's VM; the buffer takes a reference.
 *
 * Allocates the buffer's objects (Info, BlockControl, Counter, Stats, kernel buffer, page
 * and block lists) and its first AGX_BM_INITIAL_BLOCKS blocks (1 MiB). It holds no slot
 * until its first scene.
 *
 * Context: process context; may sleep.
 * Return: the buffer with one reference for the caller (agx_fw_buffer_put());
 * ERR_PTR(-ENOMEM) or ERR_PTR(-ENOSPC) (the heap is full); nothing is left allocated.
 */
struct agx_fw_buffer *agx_fw_buffer_create(struct agx_gpu *gpu, struct agx_heap *heap)
{
	struct agx_fw_buffer *buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	int ret;

	if (!buf)
		return ERR_PTR(-ENOMEM);
	kref_init(&buf->ref);
	buf->gpu = agx_gpu_get(gpu);
	buf->heap = agx_heap_get(heap);
	buf->id = atomic64_inc_return(&gpu->bm.next_id);
	buf->slot = -1;
	mutex_init(&buf->lock);
	xa_init(&buf->blocks);
	ret = agx_fw_buffer_alloc_objs(buf);
	if (!ret) {
		agx_fw_buffer_fill_info(buf);
		mutex_lock(&buf->lock);
		ret = agx_fw_buffer_add_blocks(buf, AGX_BM_INITIAL_BLOCKS);
		mutex_unlock(&buf->lock);
	}
	if (ret) {
		agx_fw_buffer_put(buf);
		return ERR_PTR(ret);
	}
	return buf;
}

/**
 * agx_fw_buffer_blocks() - the blocks a buffer has
 * @buf: the buffer.
 *
 * Context: process context; takes the buffer's lock.
 * Return: the number of AGX_BM_BLOCK_SIZE blocks.
 */
u32 agx_fw_buffer_blocks(struct agx_fw_buffer *buf)
{
	u32 n;

	mutex_lock(&buf->lock);
	n = buf->nblocks;
	mutex_unlock(&buf->lock);
	return n;
}

/* Blocks wanted from the firmware's statistics (buffer.rs auto_grow), 0 for none. */
static u32 agx_fw_buffer_auto_blocks(struct agx_fw_buffer *buf)
{
	struct agx_fw_bm_stats *st = buf->stats->cpu;
	u64 used = READ_ONCE(st->max_pages);
	u64 need = min_t(u64, DIV_ROUND_UP(used * 2, AGX_BM_PAGES_PER_BLOCK),
			 AGX_BM_NOMEMLESS_BLOCKS);

	WRITE_ONCE(st->reset, 1);
	if (need <= buf->nblocks)
		return 0;
	/* three times what was used, as macOS */
	return min_t(u64, DIV_ROUND_UP(used * 3, AGX_BM_PAGES_PER_BLOCK), AGX_BM_NOMEMLESS_BLOCKS);
}

/*
 * Grow @buf before a render: from the firmware's statistics (asking it to reset them),
 * then to @min_blocks (at most AGX_BM_MAX_BLOCKS, checked by the caller). Returns 1 if it
 * grew, 0 if not, or the error of the failed step (the buffer unchanged by it).
 */
static int agx_fw_buffer_grow(struct agx_fw_buffer *buf, u32 min_blocks)
{
	bool grew = false;
	u32 want;
	int ret = 0;

	lockdep_assert_held(&buf->lock);
	want = agx_fw_buffer_auto_blocks(buf);
	if (want > buf->nblocks) {
		ret = agx_fw_buffer_add_blocks(buf, want);
		grew = !ret;
	}
	if (!ret && min_blocks > buf->nblocks) {
		ret = agx_fw_buffer_add_blocks(buf, min_blocks);
		grew = !ret;
	}
	return ret ?: grew;
}

static void agx_fw_scene_release(struct kref *ref)
{
	struct agx_fw_scene *sc = container_of(ref, struct agx_fw_scene, ref);
	struct agx_fw_buffer *buf = sc->buf;

	if (sc->counted) {
		mutex_lock(&buf->lock);
		if (!--buf->active)
			agx_bm_slot_release(&buf->gpu->bm, buf->slot);
		mutex_unlock(&buf->lock);
	}
	agx_fw_tpc_put(sc->tpc);
	agx_fwobj_free(sc->obj);
	agx_fwobj_free(sc->aux_fb);
	agx_fwobj_free(sc->preempt);
	agx_fwobj_free(sc->tilemap);
	agx_fwobj_free(sc->heapmeta);
	agx_fwobj_free(sc->user_buf);
	agx_fw_buffer_put(buf);
	kfree(sc);
}

/**
 * agx_fw_scene_get() - take a reference on a scene
 * @scene: the scene.
 *
 * Context: any.
 * Return: @scene.
 */
struct agx_fw_scene *agx_fw_scene_get(struct agx_fw_scene *scene)
{
	kref_get(&scene->ref);
	return scene;
}

/**
 * agx_fw_scene_put() - drop a reference on a scene
 * @scene: the scene, or NULL.
 *
 * The last reference frees the scene's objects and, if it was its buffer's last scene in
 * flight, releases the buffer's slot.
 *
 * Context: process context; may sleep (the last reference takes the buffer's lock).
 */
void agx_fw_scene_put(struct agx_fw_scene *scene)
{
	if (scene)
		kref_put(&scene->ref, agx_fw_scene_release);
}

/* The buffer's TPC if it is large enough, else a new one that the buffer keeps. */
static int agx_fw_scene_tpc(struct agx_fw_scene *sc)
{
	struct agx_fw_buffer *buf = sc->buf;
	struct agx_fw_tpc *tpc;
	int ret;

	lockdep_assert_held(&buf->lock);
	if (!buf->tpc || buf->tpc->obj->size < sc->tpc_size) {
		tpc = kzalloc(sizeof(*tpc), GFP_KERNEL);
		if (!tpc)
			return -ENOMEM;
		ret = agx_bm_zeroed(agx_heap_alloc(buf->heap, AGX_HEAP_GPU_FW,
						   round_up(sc->tpc_size, AGX_BM_TPC_ALIGN), "TPC"),
				    &tpc->obj);
		if (ret) {
			kfree(tpc);
			return ret;
		}
		kref_init(&tpc->ref);	/* the buffer's */
		agx_fw_tpc_put(buf->tpc);
		buf->tpc = tpc;
	}
	kref_get(&buf->tpc->ref);
	sc->tpc = buf->tpc;
	return 0;
}

/*
 * The TPC and, for the buffer's first scene in flight, a slot; then count the scene and
 * grow the buffer for it (the order of queue/render.rs). An idle buffer waits for a slot
 * without its lock (the grow worker may need it): only this builder (under the queue's
 * submit lock) adds scenes, so the buffer stays idle meanwhile; a busy one may become idle
 * until the lock is taken again, hence the loop.
 */
static int agx_fw_scene_bind(struct agx_fw_scene *sc, u32 min_blocks)
{
	struct agx_fw_buffer *buf = sc->buf;
	int ret, slot = -1;

	mutex_lock(&buf->lock);
	ret = agx_fw_scene_tpc(sc);
	while (!ret && !buf->active && slot < 0) {
		mutex_unlock(&buf->lock);
		slot = agx_bm_slot_take(buf);
		ret = min(slot, 0);
		mutex_lock(&buf->lock);
	}
	if (!ret) {
		if (!buf->active)
			buf->slot = slot;
		buf->active++;
		sc->counted = true;
		sc->slot = buf->slot;
		sc->needs_init = agx_bm_slot_stale(&buf->gpu->bm, buf->slot, buf->id);
		ret = agx_fw_buffer_grow(buf, min_blocks);
		sc->needs_init |= ret > 0;
	}
	mutex_unlock(&buf->lock);
	return min(ret, 0);
}

/* The scene's objects (left for agx_fw_scene_release() on error). */
static int agx_fw_scene_alloc_objs(struct agx_fw_scene *sc, const struct agx_fw_scene_size *sz)
{
	struct agx_heap *heap = sc->buf->heap;
	size_t meta = AGX_HEAPMETA_SIZE + (sz->layers > 1 ? AGX_BM_LAYERMETA_SIZE : 0);

	return agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU, AGX_BM_USER_BUF_SIZE, "UBUF"),
			     &sc->user_buf) ?:
	       agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU, meta, "HMTA"), &sc->heapmeta) ?:
	       agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU, sz->tilemap_size, "TMAP"),
			     &sc->tilemap) ?:
	       agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU, AGX_BM_PREEMPT_SIZE, "PRMT"),
			     &sc->preempt) ?:
	       agx_bm_zeroed(agx_heap_alloc(heap, AGX_HEAP_GPU, AGX_AUX_FB_SIZE, "AUXF"),
			     &sc->aux_fb) ?:
	       agx_bm_zeroed(agx_fwobj_alloc(sc->buf->gpu->mmu, AGX_POOL_SHARED,
					     sizeof(struct agx_fw_bm_scene), "Scene"), &sc->obj);
}

/**
 * agx_fw_scene_create() - the scene of a render
 * @buf: the render queue's buffer; the scene takes a reference.
 * @size: the render's sizes (from its tiling).
 *
 * Allocates the scene's objects, takes the buffer's TPC (a new one if it is too small) and,
 * if no other scene of the buffer is in flight, a buffer-manager slot: the buffer's last one
 * if no buffer took it since, else the least recently released one, waiting while all
 * AGX_BM_SLOTS are busy. Then grows the buffer: from the firmware's statistics, then to
 * @size's min_blocks. &agx_fw_scene.needs_init says whether the render needs an InitBuffer
 * (no InitBuffer for this buffer on the slot was committed, agx_fw_scene_commit(), or the
 * buffer grew).
 *
 * Context: process context; may sleep; the caller holds the queue's submit lock.
 * Return: the scene with one reference for the caller (agx_fw_scene_put());
 * ERR_PTR(-EINVAL) for a min_blocks over AGX_BM_MAX_BLOCKS; ERR_PTR(-ERESTARTSYS) if
 * interrupted waiting for a slot, ERR_PTR(-ENODEV) if the firmware crashed meanwhile;
 * ERR_PTR(-ENOMEM) or ERR_PTR(-ENOSPC); nothing is left.
 */
struct agx_fw_scene *agx_fw_scene_create(struct agx_fw_buffer *buf,
					 const struct agx_fw_scene_size *size)
{
	struct agx_fw_bm_scene *s;
	struct agx_fw_scene *sc;
	int ret;

	if (size->min_blocks > AGX_BM_MAX_BLOCKS)
		return ERR_PTR(-EINVAL);
	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return ERR_PTR(-ENOMEM);
	kref_init(&sc->ref);
	kref_get(&buf->ref);
	sc->buf = buf;
	sc->tpc_size = size->tpc_size;
	ret = agx_fw_scene_alloc_objs(sc, size) ?: agx_fw_scene_bind(sc, size->min_blocks);
	if (ret) {
		agx_fw_scene_put(sc);
		return ERR_PTR(ret);
	}
	s = sc->obj->cpu;
	s->user_buffer = sc->user_buf->gpu_va;
	s->stats = buf->stats->gpu_va;
	return sc;
}

/**
 * agx_fw_scene_init_buffer() - fill the InitBuffer of a render
 * @scene: the render's scene.
 * @vm_slot: the render's VM slot.
 * @stamp_value: the stamp value of the render's RunVertex.
 * @cmd: the command's memory.
 *
 * Binds the scene's slot to its buffer with the buffer's current block count
 * (queue/render.rs).
 *
 * Context: process context; takes the buffer's lock.
 */
void agx_fw_scene_init_buffer(struct agx_fw_scene *scene, u32 vm_slot, u32 stamp_value,
			      struct agx_fw_cmd_init_buffer *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->tag = AGX_CMD_INIT_BUFFER;
	cmd->vm_slot = vm_slot;
	cmd->buffer_slot = scene->slot;
	cmd->block_count = agx_fw_buffer_blocks(scene->buf);
	cmd->buffer = scene->buf->info->gpu_va;
	cmd->stamp_value = stamp_value;
}

/**
 * agx_fw_scene_commit() - a render's commands are built
 * @scene: the render's scene.
 *
 * Counts the render in its buffer's Counter and, if its InitBuffer was built
 * (&agx_fw_scene.needs_init), records the slot as its buffer's: the buffer's next scenes on it
 * need none.
 *
 * Context: process context; takes the buffer's lock.
 */
void agx_fw_scene_commit(struct agx_fw_scene *scene)
{
	struct agx_fw_buffer *buf = scene->buf;
	struct agx_fw_bm_counter *c = buf->counter->cpu;
	struct agx_bm_slots *bm = &buf->gpu->bm;

	mutex_lock(&buf->lock);
	WRITE_ONCE(c->count, READ_ONCE(c->count) + 1);
	if (scene->needs_init) {
		spin_lock(&bm->lock);
		bm->last[scene->slot] = buf->id;
		spin_unlock(&bm->lock);
	}
	mutex_unlock(&buf->lock);
}

/* GrowTVBAck with the words of gpu.rs ack_grow(): unk_4 = 1, subpipe 0, halt_count. */
static void agx_bm_ack_grow(struct agx_gpu *gpu, const struct agx_bm_grow *req)
{
	struct agx_fw_status *st = gpu->fw_status->cpu;
	struct agx_fw_devctl_msg dc = {};

	dc.tag = gpu->layout->devctl_grow_tvb_ack;
	dc.grow_ack.unk_4 = 1;
	dc.grow_ack.halt_count = READ_ONCE(st->halt_count);
	dc.grow_ack.buffer_slot = req->buffer_slot;
	dc.grow_ack.vm_slot = req->vm_slot;
	dc.grow_ack.counter = req->counter;
	agx_gpu_devctl(gpu, &dc);
}

/* The buffer holding @slot, with a reference, or NULL. */
static struct agx_fw_buffer *agx_bm_slot_owner(struct agx_bm_slots *bm, u32 slot)
{
	struct agx_fw_buffer *buf = NULL;

	if (slot >= AGX_BM_SLOTS)
		return NULL;
	spin_lock(&bm->lock);
	if (test_bit(slot, bm->busy) && bm->owner[slot]) {
		buf = bm->owner[slot];
		kref_get(&buf->ref);
	}
	spin_unlock(&bm->lock);
	return buf;
}

/* buffer.rs sync_grow: AGX_BM_SYNC_GROW_BLOCKS more blocks for the buffer of @slot. */
static void agx_bm_grow_slot(struct agx_gpu *gpu, u32 slot)
{
	struct agx_fw_buffer *buf = agx_bm_slot_owner(&gpu->bm, slot);
	u32 count;
	int ret = -ENOSPC;

	if (!buf) {
		dev_err_ratelimited(gpu->dev, "agx: GrowTVB for empty buffer slot %u\n", slot);
		return;
	}
	mutex_lock(&buf->lock);
	count = min_t(u32, buf->nblocks + AGX_BM_SYNC_GROW_BLOCKS, AGX_BM_MAX_BLOCKS);
	if (count > buf->nblocks)
		ret = agx_fw_buffer_add_blocks(buf, count);
	mutex_unlock(&buf->lock);
	if (ret)
		dev_err_ratelimited(gpu->dev, "agx: buffer slot %u: synchronous growth failed: %d\n",
				    slot, ret);
	agx_fw_buffer_put(buf);
}

static bool agx_bm_grow_next(struct agx_bm_slots *bm, struct agx_bm_grow *req)
{
	bool got;

	spin_lock(&bm->lock);
	got = kfifo_get(&bm->grow, req);
	spin_unlock(&bm->lock);
	return got;
}

/* A test holds the acknowledgments back (&agx_bm_slots.ack_gate). */
static void agx_bm_ack_gate(struct agx_bm_slots *bm)
{
	struct completion *gate = READ_ONCE(bm->ack_gate);

	if (gate)
		wait_for_completion(gate);
}

static void agx_bm_grow_work(struct work_struct *work)
{
	struct agx_bm_slots *bm = container_of(work, struct agx_bm_slots, grow_work);
	struct agx_gpu *gpu = container_of(bm, struct agx_gpu, bm);
	struct agx_bm_grow req;

	while (agx_bm_grow_next(bm, &req)) {
		agx_bm_grow_slot(gpu, req.buffer_slot);
		agx_bm_ack_gate(bm);
		agx_bm_ack_grow(gpu, &req);
	}
}

/**
 * agx_bm_grow_request() - the firmware asks a slot's buffer to grow now (GrowTVB)
 * @gpu: the GPU.
 * @req: the request, copied.
 *
 * buffer.rs grows the buffer by AGX_BM_SYNC_GROW_BLOCKS blocks and acknowledges (it calls
 * the request unexpected: the driver's growth before each render should make it rare).
 * The growth allocates, so it is left to a work item; a request over AGX_BM_GROW_QUEUE
 * pending ones is acknowledged at once without growing.
 *
 * Context: the receive path (under &agx_gpu.rx_lock, a fence-signalling critical
 * section): allocates nothing; may send device control.
 */
void agx_bm_grow_request(struct agx_gpu *gpu, const struct agx_bm_grow *req)
{
	struct agx_bm_slots *bm = &gpu->bm;
	bool queued;

	spin_lock(&bm->lock);
	queued = kfifo_put(&bm->grow, *req);
	spin_unlock(&bm->lock);
	if (queued) {
		queue_work(gpu->wq, &bm->grow_work);
		return;
	}
	dev_err_ratelimited(gpu->dev, "agx: GrowTVB requests overflow, slot %u not grown\n",
			    req->buffer_slot);
	agx_bm_ack_grow(gpu, req);
}
