// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware floats
 *
 * The firmware reads many configuration words of InitData as IEEE 754 single-precision
 * floats, some of which the driver must compute: filter coefficients 1/n and 1 - 1/n,
 * gains scaled by the power sample period, ratios of p-states to powers (initdata.rs).
 * Kernel code does not use the FPU, so these few operations are done on the bits, each
 * rounded as IEEE 754 single precision rounds (to nearest, ties to even): the words are
 * those a hardware FPU computes from the same formulas, as macOS's driver does. The Rust
 * driver's soft float (float.rs) is not fully IEEE: it rounds ties up and drops bits when
 * aligning in a subtraction, so a few of its words differ from these in the last bit
 * (1 - 1/3: 0x3f2aaaab there, 0x3f2aaaaa here).
 *
 * Only finite, normal values are handled (what the configuration holds): a zero or
 * subnormal operand counts as zero, a division by zero gives zero (never a trap), results
 * below the normal range flush to zero and above it saturate to infinity. NaN never
 * comes in (the device tree's values are checked with agx_f32_finite()).
 *
 * Coding conventions in this file: an f32 is a u32 of its bits; every function is pure.
 */

#include <linux/bitops.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/math64.h>
#include <kunit/visibility.h>

#include "f32.h"

#define F32_SIGN	BIT(31)
#define F32_EXP(x)	(((x) >> 23) & 0xff)
#define F32_MANT(x)	(((x) & GENMASK(22, 0)) | BIT(23))	/* with the implicit 1 */
#define F32_BIAS	127
/* zero, or subnormal (counted as zero here) */
#define F32_ZERO(x)	(!F32_EXP(x))

/*
 * Pack sign, exponent and a mantissa of 24 bits plus @extra lower bits (so m is in
 * [2^(23+extra), 2^(24+extra))), rounding to nearest, ties to even.
 */
static u32 agx_f32_pack(u32 sign, int exp, u64 m, unsigned int extra)
{
	u64 half = extra ? BIT_ULL(extra - 1) : 0, rest = m & (BIT_ULL(extra) - 1);

	m >>= extra;
	if (rest > half || (rest == half && extra && (m & 1)))
		m++;
	if (m == BIT_ULL(24)) {
		m >>= 1;
		exp++;
	}
	if (exp <= 0)
		return sign;				/* flush to zero */
	if (exp >= 0xff)
		return sign | (0xffU << 23);		/* infinity */
	return sign | (u32)exp << 23 | ((u32)m & GENMASK(22, 0));
}

/* Normalize @m (non-zero) to [2^(23+extra), 2^(24+extra)) and pack. */
static u32 agx_f32_norm(u32 sign, int exp, u64 m, unsigned int extra)
{
	int top = fls64(m) - 1, want = 23 + extra;

	if (top > want) {
		/* keep the shifted-out bits as a sticky bit for the rounding */
		u64 lost = m & (BIT_ULL(top - want) - 1);

		m = (m >> (top - want)) | (lost ? 1 : 0);
		exp += top - want;
	} else {
		m <<= want - top;
		exp -= want - top;
	}
	return agx_f32_pack(sign, exp, m, extra);
}

/**
 * agx_f32_from_u32() - the float nearest an unsigned integer
 * @v: the integer.
 *
 * Context: any.
 * Return: the f32 bits.
 */
u32 agx_f32_from_u32(u32 v)
{
	if (!v)
		return 0;
	return agx_f32_norm(0, F32_BIAS + 23 + 8, v, 8);
}
EXPORT_SYMBOL_IF_KUNIT(agx_f32_from_u32);

/**
 * agx_f32_from_s32() - the float nearest a signed integer
 * @v: the integer.
 *
 * Context: any.
 * Return: the f32 bits.
 */
u32 agx_f32_from_s32(s32 v)
{
	return v < 0 ? agx_f32_neg(agx_f32_from_u32(-(s64)v)) : agx_f32_from_u32(v);
}
EXPORT_SYMBOL_IF_KUNIT(agx_f32_from_s32);

/**
 * agx_f32_mul() - IEEE single-precision product
 * @a: a factor (f32 bits).
 * @b: the other factor.
 *
 * Context: any.
 * Return: @a * @b, rounded to nearest.
 */
u32 agx_f32_mul(u32 a, u32 b)
{
	u32 sign = (a ^ b) & F32_SIGN;

	if (F32_ZERO(a) || F32_ZERO(b))
		return sign;
	/* the 47- or 48-bit product of the mantissas, 23 extra bits for the rounding */
	return agx_f32_norm(sign, F32_EXP(a) + F32_EXP(b) - F32_BIAS,
			    (u64)F32_MANT(a) * F32_MANT(b), 23);
}
EXPORT_SYMBOL_IF_KUNIT(agx_f32_mul);

/**
 * agx_f32_div() - IEEE single-precision quotient
 * @a: the dividend (f32 bits).
 * @b: the divisor.
 *
 * Context: any.
 * Return: @a / @b, rounded to nearest; 0 if either is zero.
 */
u32 agx_f32_div(u32 a, u32 b)
{
	u32 sign = (a ^ b) & F32_SIGN;
	u64 num, q;

	if (F32_ZERO(a) || F32_ZERO(b))
		return sign;
	/* (ma << 40) / mb has 40 or 41 significant bits; the remainder is the sticky bit */
	num = (u64)F32_MANT(a) << 40;
	q = div64_u64(num, F32_MANT(b));
	if (q * F32_MANT(b) != num)
		q |= 1;
	/* a / b = q * 2^(ea - eb - 40), and norm() scales q by 2^(exp - 127 - 23 - 16) */
	return agx_f32_norm(sign, F32_EXP(a) - F32_EXP(b) + F32_BIAS - 1, q, 16);
}
EXPORT_SYMBOL_IF_KUNIT(agx_f32_div);

/**
 * agx_f32_sub() - IEEE single-precision difference of two positive floats
 * @a: the minuend (f32 bits, positive).
 * @b: the subtrahend (positive).
 *
 * Context: any.
 * Return: @a - @b, rounded to nearest (the filters' 1 - a).
 */
u32 agx_f32_sub(u32 a, u32 b)
{
	int ea = F32_EXP(a), eb = F32_EXP(b);
	u32 sign = 0;
	u64 ma, mb;

	if (F32_ZERO(b))
		return F32_ZERO(a) ? 0 : a;
	if (F32_ZERO(a))
		return agx_f32_neg(b);
	if (ea < eb || (ea == eb && F32_MANT(a) < F32_MANT(b))) {
		swap(a, b);
		swap(ea, eb);
		sign = F32_SIGN;
	}
	if (ea - eb > 40)
		return a | sign;
	/* on 40 extra bits, aligning @b loses nothing: the difference is exact */
	ma = (u64)F32_MANT(a) << 40;
	mb = ((u64)F32_MANT(b) << 40) >> (ea - eb);
	if (ma == mb)
		return 0;
	return agx_f32_norm(sign, ea, ma - mb, 40);
}
EXPORT_SYMBOL_IF_KUNIT(agx_f32_sub);

/**
 * agx_f32_finite() - is a float finite (not an infinity or NaN)?
 * @a: f32 bits.
 *
 * Context: any.
 * Return: true if finite.
 */
bool agx_f32_finite(u32 a)
{
	return F32_EXP(a) != 0xff;
}
EXPORT_SYMBOL_IF_KUNIT(agx_f32_finite);
