/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The simulated GPU's control stream, as userspace writes it into a BO: a "SIMQ" header
 * then ops (include/agx/fw/workqueue.h, AGX_SIMQ_*; asahi-agx-driver.md §6.6). A command's
 * control-stream pointer (vdm_ctrl_stream_base, cdm_ctrl_stream_base) points at it; 0 means
 * no work. Shared by the uAPI tests and agx-run.
 */
#ifndef AGX_UAPI_SIMQ_H
#define AGX_UAPI_SIMQ_H

#include <linux/types.h>

#define SIMQ_MAGIC 0x514d4953U
enum { SIMQ_END, SIMQ_WRITE32, SIMQ_DELAY_US, SIMQ_HANG, SIMQ_FAULT_READ, SIMQ_FAULT_WRITE };

struct simq_op {
	__u32 op, arg;
	__u64 va;
} __attribute__((packed));

struct simq {
	__u32 magic, count;
	struct simq_op ops[16];
} __attribute__((packed));

#endif /* AGX_UAPI_SIMQ_H */
