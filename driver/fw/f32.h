/* SPDX-License-Identifier: GPL-2.0 */
/*
 * driver/fw/f32.c: IEEE 754 single-precision arithmetic on the bits, for the firmware's
 * configuration floats (leaf).
 */
#ifndef _DRIVER_FW_F32_H_
#define _DRIVER_FW_F32_H_

#include <linux/types.h>

u32 agx_f32_from_u32(u32 v);
u32 agx_f32_from_s32(s32 v);
u32 agx_f32_mul(u32 a, u32 b);
u32 agx_f32_div(u32 a, u32 b);
u32 agx_f32_sub(u32 a, u32 b);
bool agx_f32_finite(u32 a);

/* -@a (f32 bits). */
static inline u32 agx_f32_neg(u32 a)
{
	return a ^ BIT(31);
}

#endif /* _DRIVER_FW_F32_H_ */
