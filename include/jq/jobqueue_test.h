/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test seams of jobqueue.ko, for its KUnit suites only (kunit/). They exist only in kernels
 * with KUnit and are exported into the EXPORTED_FOR_KUNIT_TESTING namespace.
 */
#ifndef _JQ_JOBQUEUE_TEST_H_
#define _JQ_JOBQUEUE_TEST_H_

#include <linux/kconfig.h>

struct jq_queue;

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * struct jq_test_hooks - functions jobqueue.ko calls for a test, NULL normally
 * @free: called by a queue's free work item, once the last internal reference is gone and
 *	before it cancels the queue's work items; lets a test start a worker on a dead queue
 *	(R3) or wait until a queue is freed (R6). Set and cleared by one test at a time.
 */
struct jq_test_hooks {
	void (*free)(struct jq_queue *queue);
};

extern struct jq_test_hooks jq_test_hooks;
#endif

#endif /* _JQ_JOBQUEUE_TEST_H_ */
