// SPDX-License-Identifier: GPL-2.0
/* Placeholder: replaced by the job queue implementation. */
#include <linux/module.h>

MODULE_DESCRIPTION("Job queue: a workqueue-based scheduler for firmware-scheduled GPUs");
MODULE_LICENSE("GPL");
