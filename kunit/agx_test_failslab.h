/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault injection for the KUnit suites that fail allocations in turn (agx_mmu_fault,
 * agx_failslab): make failslab and, where the kernel has it, fail_page_alloc fail
 * sleeping allocations too (and every page order), quietly, for the length of a test.
 * fail-nth (current->fail_nth) then counts the slab and the page allocations together.
 */
#ifndef _AGX_TEST_FAILSLAB_H_
#define _AGX_TEST_FAILSLAB_H_

#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/fs.h>

/* fail-nth needs CONFIG_FAULT_INJECTION and failslab: the debug kernel has both. */
#if IS_ENABLED(CONFIG_FAILSLAB) && IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)

/*
 * One knob: a debugfs file whose inode points at the variable (debugfs need not be
 * mounted); the test sets it directly and restores it afterwards. The defaults skip
 * sleeping (GFP_KERNEL) allocations and order-0 pages and print a stack per failure.
 */
enum agx_fault_knob_type { AGX_KNOB_BOOL, AGX_KNOB_U32, AGX_KNOB_ULONG };

struct agx_fault_knob {
	struct dentry *d;
	void *var;
	enum agx_fault_knob_type type;
	unsigned long old;
};

static inline void agx_fault_knob_set(struct agx_fault_knob *k, unsigned long v)
{
	switch (k->type) {
	case AGX_KNOB_BOOL:
		*(bool *)k->var = v;
		break;
	case AGX_KNOB_U32:
		*(u32 *)k->var = v;
		break;
	default:
		*(unsigned long *)k->var = v;
	}
}

static inline unsigned long agx_fault_knob_get(struct agx_fault_knob *k)
{
	switch (k->type) {
	case AGX_KNOB_BOOL:
		return *(bool *)k->var;
	case AGX_KNOB_U32:
		return *(u32 *)k->var;
	default:
		return *(unsigned long *)k->var;
	}
}

static inline void agx_fault_knob_restore(void *data)
{
	struct agx_fault_knob *k = data;

	agx_fault_knob_set(k, k->old);
	dput(k->d);
}

/* Set knob @file of @dir (of @type) to @v until the test ends. */
static inline bool agx_fault_knob(struct kunit *test, struct dentry *dir, const char *file,
				  enum agx_fault_knob_type type, unsigned long v)
{
	struct agx_fault_knob *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	k->d = debugfs_lookup(file, dir);
	if (IS_ERR_OR_NULL(k->d))
		return false;
	k->var = d_inode(k->d)->i_private;
	k->type = type;
	k->old = agx_fault_knob_get(k);
	agx_fault_knob_set(k, v);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_fault_knob_restore, k));
	return true;
}

static inline void agx_fault_dir_put(void *data)
{
	dput(data);
}

/* The knobs of fault-injection directory @name; false if the kernel has no such one. */
static inline bool agx_fault_attr_quiet(struct kunit *test, const char *name)
{
	struct dentry *dir = debugfs_lookup(name, NULL);
	bool ok;

	if (IS_ERR_OR_NULL(dir))
		return false;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_fault_dir_put, dir));
	ok = agx_fault_knob(test, dir, "ignore-gfp-wait", AGX_KNOB_BOOL, false) &&
	     agx_fault_knob(test, dir, "verbose", AGX_KNOB_ULONG, 0);
	if (ok && !strcmp(name, "fail_page_alloc"))
		ok = agx_fault_knob(test, dir, "min-order", AGX_KNOB_U32, 0) &&
		     agx_fault_knob(test, dir, "ignore-gfp-highmem", AGX_KNOB_BOOL, false);
	return ok;
}

/*
 * Until the test ends; skips the test when failslab is not there. Page allocations are
 * failed too when the kernel has CONFIG_FAIL_PAGE_ALLOC (the debug kernel does).
 */
static inline void agx_failslab_enable(struct kunit *test)
{
	if (!agx_fault_attr_quiet(test, "failslab"))
		kunit_skip(test, "no failslab knobs in debugfs");
	if (IS_ENABLED(CONFIG_FAIL_PAGE_ALLOC))
		KUNIT_ASSERT_TRUE(test, agx_fault_attr_quiet(test, "fail_page_alloc"));
}

#endif

#endif /* _AGX_TEST_FAILSLAB_H_ */
