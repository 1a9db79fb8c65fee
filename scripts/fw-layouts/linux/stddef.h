/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (scripts/fw-layouts.c) */
#include <stddef.h>
