/* SPDX-License-Identifier: GPL-2.0 */
/*
 * failslab for the KUnit suites that fail allocations in turn (agx_mmu_fault, agx_failslab):
 * make failslab fail sleeping allocations too, quietly, for the length of a test.
 */
#ifndef _AGX_TEST_FAILSLAB_H_
#define _AGX_TEST_FAILSLAB_H_

#include <kunit/test.h>
#include <linux/debugfs.h>
#include <linux/fs.h>

/* fail-nth needs CONFIG_FAULT_INJECTION and failslab: the debug kernel has both. */
#if IS_ENABLED(CONFIG_FAILSLAB) && IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS)

/*
 * failslab ignores sleeping (GFP_KERNEL) allocations and prints a stack for each failure by
 * default. Its knobs are debugfs files whose inodes point at the variables; the test flips
 * them directly (debugfs need not be mounted) and restores them afterwards.
 */
struct agx_failslab {
	struct dentry *dir, *ignore_d, *verbose_d;
	bool *ignore;
	unsigned long *verbose;
	bool old_ignore;
	unsigned long old_verbose;
};

static inline void agx_failslab_restore(void *data)
{
	struct agx_failslab *f = data;

	*f->ignore = f->old_ignore;
	*f->verbose = f->old_verbose;
	dput(f->verbose_d);
	dput(f->ignore_d);
	dput(f->dir);
}

/* Until the test ends; skips the test when failslab is not there. */
static inline void agx_failslab_enable(struct kunit *test)
{
	struct agx_failslab *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->dir = debugfs_lookup("failslab", NULL);
	if (IS_ERR_OR_NULL(f->dir))
		kunit_skip(test, "no failslab in debugfs");
	f->ignore_d = debugfs_lookup("ignore-gfp-wait", f->dir);
	f->verbose_d = debugfs_lookup("verbose", f->dir);
	if (IS_ERR_OR_NULL(f->ignore_d) || IS_ERR_OR_NULL(f->verbose_d)) {
		dput(f->verbose_d);
		dput(f->ignore_d);
		dput(f->dir);
		kunit_skip(test, "failslab knobs not found");
	}
	f->ignore = d_inode(f->ignore_d)->i_private;
	f->verbose = d_inode(f->verbose_d)->i_private;
	f->old_ignore = *f->ignore;
	f->old_verbose = *f->verbose;
	*f->ignore = false;
	*f->verbose = 0;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, agx_failslab_restore, f));
}

#endif

#endif /* _AGX_TEST_FAILSLAB_H_ */
