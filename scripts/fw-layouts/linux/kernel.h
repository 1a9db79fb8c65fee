/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (scripts/fw-layouts.c) */
#ifndef _FW_LAYOUTS_SHIM_KERNEL_H_
#define _FW_LAYOUTS_SHIM_KERNEL_H_
#include <linux/types.h>
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
