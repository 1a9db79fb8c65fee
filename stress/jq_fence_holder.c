// SPDX-License-Identifier: GPL-2.0
/*
 * jq_fence_holder.ko: holds fences past the life of their queue and of the module that made
 * them, like a sync_file or syncobj that userspace keeps open.
 */

/**
 * DOC: Fence holder
 *
 * The stress module (jq_stress.ko) hands some finished fences of jobqueue.ko to this module
 * at the end of its run, with the timeline and driver names it expects them to report. This
 * module does not use any symbol of jobqueue.ko, so the harness can unload the stress module
 * while the fences stay alive here; jobqueue.ko must then refuse to unload (each live
 * finished fence pins it, R6). Unloading this module releases the fences, reading their
 * names first, after their queues, their jobs and the stress module are all gone: under
 * KASAN a dangling name is a use-after-free report, and a wrong name is a WARN, which the
 * harness counts as a failure. Only then may jobqueue.ko unload.
 *
 * The module's KUnit suite checks the holder itself with a fence of the shared test backend
 * (jq_test_hw.ko, which must be loaded first).
 */

#include <linux/dma-fence.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <kunit/test.h>

#include "jq_fence_holder.h"
#include "jq_test_hw.h"

/* the self-test's fence: the shared test backend's (tests/jq_test_hw.c) */
MODULE_IMPORT_NS(JQ_TEST_HW);

#define JQH_NAME_LEN 32

struct jqh_entry {
	struct list_head link;
	struct dma_fence *fence;
	char timeline[JQH_NAME_LEN];
	char driver[JQH_NAME_LEN];
};

/* What a release found, for the module exit's summary and the self-test. */
struct jqh_result {
	unsigned int released;
	unsigned int names_read;
	unsigned int mismatched;
	unsigned int unsignalled;
};

static LIST_HEAD(jqh_list);
static DEFINE_SPINLOCK(jqh_lock);
static unsigned int jqh_count;

/**
 * jq_holder_give() - keep a fence until this module is unloaded
 * @fence: the fence; the caller's reference is consumed in every case
 * @timeline: the timeline name @fence must still report at release, copied
 * @driver: the driver name @fence must still report at release, copied
 *
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: 0, or -ENOMEM (the fence is then released at once).
 */
int jq_holder_give(struct dma_fence *fence, const char *timeline, const char *driver)
{
	struct jqh_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e) {
		dma_fence_put(fence);
		return -ENOMEM;
	}
	e->fence = fence;
	strscpy(e->timeline, timeline, sizeof(e->timeline));
	strscpy(e->driver, driver, sizeof(e->driver));
	spin_lock(&jqh_lock);
	list_add_tail(&e->link, &jqh_list);
	jqh_count++;
	spin_unlock(&jqh_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(jq_holder_give);

/**
 * jq_holder_count() - how many fences the holder keeps
 *
 * Context: any context.
 * Return: the number of fences given and not yet released.
 */
unsigned int jq_holder_count(void)
{
	unsigned int n;

	spin_lock(&jqh_lock);
	n = jqh_count;
	spin_unlock(&jqh_lock);
	return n;
}
EXPORT_SYMBOL_GPL(jq_holder_count);

/* Read the names through the fence's own ops (its module is pinned by the fence), then put. */
static void jqh_release_one(struct jqh_entry *e, struct jqh_result *r)
{
	struct dma_fence *f = e->fence;
	const char *timeline = f->ops->get_timeline_name(f);
	const char *driver = f->ops->get_driver_name(f);

	r->names_read++;
	if (strcmp(timeline, e->timeline) || strcmp(driver, e->driver)) {
		pr_err("jq_fence_holder: fence %llu:%llu names %s/%s, expected %s/%s\n",
		       f->context, f->seqno, driver, timeline, e->driver, e->timeline);
		r->mismatched++;
	}
	if (!dma_fence_is_signaled(f))
		r->unsignalled++;
	dma_fence_put(f);
	r->released++;
	kfree(e);
}

static void jqh_release_all(struct jqh_result *r)
{
	struct jqh_entry *e, *tmp;
	LIST_HEAD(list);

	spin_lock(&jqh_lock);
	list_splice_init(&jqh_list, &list);
	jqh_count = 0;
	spin_unlock(&jqh_lock);
	list_for_each_entry_safe(e, tmp, &list, link)
		jqh_release_one(e, r);
}

/* The self-test: a signalled fence of the test backend goes through give and release. */

static void jqh_test_give_release(struct kunit *test)
{
	struct jqh_result r = {};
	struct dma_fence *f;

	f = jq_test_fence_create();
	KUNIT_ASSERT_NOT_NULL(test, f);
	dma_fence_signal(f);
	KUNIT_EXPECT_EQ(test, jq_holder_count(), 0);
	KUNIT_ASSERT_EQ(test, jq_holder_give(f, "jq-test-hw", "jq_test_hw"), 0);
	KUNIT_EXPECT_EQ(test, jq_holder_count(), 1);
	jqh_release_all(&r);
	KUNIT_EXPECT_EQ(test, r.released, 1);
	KUNIT_EXPECT_EQ(test, r.names_read, 1);
	KUNIT_EXPECT_EQ(test, r.mismatched, 0);
	KUNIT_EXPECT_EQ(test, r.unsignalled, 0);
	KUNIT_EXPECT_EQ(test, jq_holder_count(), 0);
}

static struct kunit_case jqh_cases[] = {
	KUNIT_CASE(jqh_test_give_release),
	{}
};

static struct kunit_suite jqh_suite = {
	.name = "jq_fence_holder",
	.test_cases = jqh_cases,
};

kunit_test_suite(jqh_suite);

/* Release what the stress module left: the names are read after their queues are gone. */
static void __exit jqh_exit(void)
{
	struct jqh_result r = {};

	jqh_release_all(&r);
	pr_info("jq_fence_holder: released %u fences that outlived their queue and module: %u names read, %u mismatched, %u unsignalled\n",
		r.released, r.names_read, r.mismatched, r.unsignalled);
	WARN(r.mismatched || r.unsignalled, "jq_fence_holder: %u fences with wrong names, %u unsignalled\n",
	     r.mismatched, r.unsignalled);
}

module_exit(jqh_exit);

MODULE_DESCRIPTION("Holds job-queue fences past their queue and module, for the stress test");
MODULE_LICENSE("GPL");
