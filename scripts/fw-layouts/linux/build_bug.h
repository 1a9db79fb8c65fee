/* SPDX-License-Identifier: GPL-2.0 */
/* Host shim (scripts/fw-layouts.c): the headers' size and offset assertions still hold */
#ifndef _FW_LAYOUTS_SHIM_BUILD_BUG_H_
#define _FW_LAYOUTS_SHIM_BUILD_BUG_H_
#undef static_assert
/* a negative array size if @expr is false (the headers assert at file scope only) */
#define static_assert(expr, ...)	extern char fw_layouts_assert[(expr) ? 1 : -1]
#endif
