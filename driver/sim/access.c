// SPDX-License-Identifier: GPL-2.0
/**
 * DOC: Firmware memory access and validation
 *
 * The bottom layer of the firmware proper. The firmware reaches driver memory as the real
 * one does: through the UAT of slot 0 with the firmware's permission column, on the
 * walker of mem.c (agx_sim_rd(), agx_sim_wr() and their 32- and 64-bit forms). Every
 * firmware object must be mapped for the firmware (asahi-agx-driver.md §6.10 #1), so a
 * firmware access that faults is the driver's fault: a violation; a read then gives
 * zeroes, a write stops at the faulting page, and the caller carries on with what it read.
 *
 * agx_sim_violation() counts and logs every rule the driver breaks (``agx_sim:
 * violation: ...``, &agx_sim_counters.violations); the harness fails any run whose log has
 * such a line, unless a test said it provokes them (&agx_sim_cfg.expect_violations).
 * agx_sim_check_ptr() checks a firmware pointer before it is followed: in one of its
 * expected pools (§6.10 #1) and, with the debug preamble, a live object (#2).
 */

#include <linux/printk.h>
#include <linux/string.h>

#include "agx_sim_access.h"

/**
 * agx_sim_violation() - count and log a rule the driver broke
 * @s: the simulated GPU.
 * @fmt: printf format of the message, then its arguments.
 *
 * Context: any (the firmware thread); does not sleep.
 */
void agx_sim_violation(struct agx_sim *s, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	atomic_inc(&s->ctr.violations);
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (READ_ONCE(s->cfg.expect_violations))
		pr_info_ratelimited("agx_sim: expected violation: %pV\n", &vaf);
	else
		pr_err_ratelimited("agx_sim: violation: %pV\n", &vaf);
	va_end(args);
}

static u32 agx_sim_pool_of(u64 va)
{
	if (va >= AGX_KVA_PRIVATE_START && va < AGX_KVA_PRIVATE_END)
		return SIM_POOL_PRIVATE;
	if (va >= AGX_KVA_GPU_RO_START && va < AGX_KVA_GPU_RO_END)
		return SIM_POOL_GPU_RO;
	if (va >= AGX_KVA_SHARED_START && va < AGX_KVA_SHARED_END)
		return SIM_POOL_SHARED;
	if (va >= AGX_KVA_SHARED_RO_START && va < AGX_KVA_SHARED_RO_END)
		return SIM_POOL_SHARED_RO;
	if (va >= AGX_KVA_GPU_START && va < AGX_KVA_GPU_END)
		return SIM_POOL_GPU;
	if (va >= AGX_KVA_TIMESTAMP_START && va < AGX_KVA_TIMESTAMP_END)
		return SIM_POOL_TIMESTAMP;
	return 0;
}

/**
 * agx_sim_check_ptr() - check a firmware object pointer (§6.10 #1 and #2)
 * @s: the simulated GPU.
 * @va: the pointer.
 * @pools: the pools it may point into (SIM_POOL_* bits).
 * @object: it points to the start of an object: with the debug preamble, check that the
 *	object is live.
 * @what: for the violation message.
 *
 * Context: the firmware thread.
 * Return: true if @va is in one of @pools (and, if checked, a live object); false after a
 * violation.
 */
bool agx_sim_check_ptr(struct agx_sim *s, u64 va, u32 pools, bool object, const char *what)
{
	int ret;

	if (!(agx_sim_pool_of(va) & pools)) {
		agx_sim_violation(s, "%s pointer 0x%llx outside its pools (0x%x)", what, va,
				  pools);
		return false;
	}
	if (!object || !s->cfg.debug_alloc)
		return true;
	ret = agx_sim_check_object(&s->mem, va);
	if (ret) {
		agx_sim_violation(s, "%s 0x%llx is not a live object (%d)", what, va, ret);
		return false;
	}
	return true;
}

/**
 * agx_sim_rd() - firmware read of driver memory
 * @s: the simulated GPU.
 * @va: firmware VA (slot 0).
 * @buf: filled with @len bytes, zeroes if the read faults.
 * @len: bytes to read.
 *
 * Context: the firmware thread.
 * Return: 0, or -EFAULT after a violation.
 */
int agx_sim_rd(struct agx_sim *s, u64 va, void *buf, size_t len)
{
	struct agx_sim_fault f;

	if (agx_sim_copy_from_gpu(&s->mem, AGX_UAT_KERNEL_CTX, buf, va, len, true, &f)) {
		agx_sim_violation(s, "firmware read fault at 0x%llx (level %d reason %d)", va,
				  f.level, f.reason);
		memset(buf, 0, len);
		return -EFAULT;
	}
	return 0;
}

/**
 * agx_sim_wr() - firmware write of driver memory
 * @s: the simulated GPU.
 * @va: firmware VA (slot 0).
 * @buf: the bytes to write.
 * @len: their number.
 *
 * Context: the firmware thread.
 * Return: 0, or -EFAULT after a violation (nothing written from the faulting page on).
 */
int agx_sim_wr(struct agx_sim *s, u64 va, const void *buf, size_t len)
{
	struct agx_sim_fault f;

	if (agx_sim_copy_to_gpu(&s->mem, AGX_UAT_KERNEL_CTX, va, buf, len, true, &f)) {
		agx_sim_violation(s, "firmware write fault at 0x%llx (level %d reason %d)", va,
				  f.level, f.reason);
		return -EFAULT;
	}
	return 0;
}

/**
 * agx_sim_rd32() - firmware read of a u32
 * @s: the simulated GPU.
 * @va: firmware VA.
 *
 * Context: the firmware thread.
 * Return: the value, 0 if the read faulted (a violation).
 */
u32 agx_sim_rd32(struct agx_sim *s, u64 va)
{
	u32 v = 0;

	agx_sim_rd(s, va, &v, sizeof(v));
	return v;
}

/**
 * agx_sim_wr32() - firmware write of a u32
 * @s: the simulated GPU.
 * @va: firmware VA.
 * @v: the value.
 *
 * Context: the firmware thread.
 */
void agx_sim_wr32(struct agx_sim *s, u64 va, u32 v)
{
	agx_sim_wr(s, va, &v, sizeof(v));
}

/**
 * agx_sim_rd64() - firmware read of a u64
 * @s: the simulated GPU.
 * @va: firmware VA.
 *
 * Context: the firmware thread.
 * Return: the value, 0 if the read faulted (a violation).
 */
u64 agx_sim_rd64(struct agx_sim *s, u64 va)
{
	u64 v = 0;

	agx_sim_rd(s, va, &v, sizeof(v));
	return v;
}
