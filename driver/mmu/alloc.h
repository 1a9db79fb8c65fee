/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/mmu/alloc.c: the firmware-object pools; calls vm.c.
 */
#ifndef _DRIVER_MMU_ALLOC_H_
#define _DRIVER_MMU_ALLOC_H_

#include <linux/sizes.h>

#include "agx_mmu_types.h"

/* Room for the debug preamble: keeps objects 0x80-aligned (asahi-agx-driver.md §3.7) */
#define AGX_FWOBJ_ALIGN		0x80
#define AGX_FWOBJ_PREAMBLE	AGX_FWOBJ_ALIGN

/* Heap objects: the 32 KiB TVB page (the Asahi driver's buffer::PAGE_SIZE) */
#define AGX_HEAP_ALIGN		0x8000

/* Garbage-collection thresholds: asahi-agx-driver.md §3.7 */
#define AGX_GC_MAX_BYTES	SZ_16M
#define AGX_GC_MAX_OBJECTS	2048

int agx_alloc_module_init(void);
void agx_alloc_module_exit(void);
void agx_pools_init(struct agx_mmu *mmu);
void agx_pools_fini(struct agx_mmu *mmu);
struct agx_fwobj *agx_fwobj_alloc(struct agx_mmu *mmu, enum agx_pool_id pool, size_t size,
				  const char *name);
void agx_fwobj_free(struct agx_fwobj *obj);
int agx_mmu_gc(struct agx_mmu *mmu);
int agx_mmu_flush_and_collect(struct agx_mmu *mmu);
struct agx_heap *agx_heap_create(struct agx_vm *vm, u64 start, u64 end);
struct agx_heap *agx_heap_get(struct agx_heap *heap);
void agx_heap_put(struct agx_heap *heap);
struct agx_fwobj *agx_heap_alloc(struct agx_heap *heap, enum agx_heap_id id, size_t size,
				 const char *name);
struct agx_vm *agx_heap_vm(struct agx_heap *heap);

#endif /* _DRIVER_MMU_ALLOC_H_ */
