/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host shim: the kernel types the firmware ABI headers use (scripts/fw-layouts/fw-layouts.c;
 * the Makefile defines __packed).
 */
#ifndef _FW_LAYOUTS_SHIM_TYPES_H_
#define _FW_LAYOUTS_SHIM_TYPES_H_
#include <stdbool.h>
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef short s16;
typedef int s32;
#endif
