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
/*
 * Called by a queue's free work item, once the last internal reference is gone and before
 * it cancels the queue's work items; NULL normally. Lets a test start a worker on a dead
 * queue (R3). Set and cleared by one test at a time.
 */
extern void (*jq_test_free_hook)(struct jq_queue *queue);
#endif

#endif /* _JQ_JOBQUEUE_TEST_H_ */
