/* SPDX-License-Identifier: GPL-2.0 */
/*
 * agx-run: the workload of make run (agx_run.c: the parent; client.c: one client process).
 * What the parent gives a client at its fork and what the client reports through its pipe.
 */
#ifndef AGX_RUN_H
#define AGX_RUN_H

#include <linux/types.h>

/* the error kinds counted, as run.json names them; the last is every other error */
#define RUN_ERR_KINDS { "EIO", "ETIMEDOUT", "ECANCELED", "ENODEV", "ENODATA", "other" }
#define RUN_NERR 6
#define RUN_MAX_JOBS 512	/* per client */

/* what a client does */
enum run_role {
	ROLE_WORKER,	/* render and compute rounds */
	ROLE_FAULT,	/* a worker whose one extra compute job faults */
	ROLE_HANG,	/* a worker whose one extra compute job hangs (firmware timeout) */
	ROLE_VICTIM,	/* slow jobs on both queues, then SIGKILLed by the parent */
};

/*
 * What a client is given at its fork: syncobj fds (drmSyncobjHandleToFD) of syncobjs the
 * parent created before forking, which the client imports into its own file.
 */
struct run_cfg {
	int idx;
	enum run_role role;
	unsigned int rounds;
	int tl_fd;		/* its timeline: its compute jobs signal point r + 1 */
	int dep_fd;		/* the previous client's timeline, or -1 */
	int last_fd[2];		/* the victim: binary syncobjs of its last job per queue */
	int out;		/* the pipe to the parent */
};

/* what a client reports when it is done (the victim: when its jobs are submitted) */
struct run_result {
	int failed;		/* 0, or the negative errno of the step that failed */
	unsigned int step;	/* where it failed (client.c's step numbers) */
	unsigned int submits;	/* SUBMIT ioctls that succeeded */
	unsigned int jobs;	/* hardware commands submitted (one job each) */
	unsigned int completed;	/* jobs whose fence signalled without an error */
	unsigned int unsignalled;	/* jobs whose fence did not signal in time */
	unsigned int errs[RUN_NERR];
	int injected_err;	/* the fault's or hang's fence error (0: none or not injected) */
	int others_err;		/* the first error but -ECANCELED of a job not injected */
	int gpu_writes_ok;	/* the BO holds what the last round's jobs wrote */
	unsigned int nlat;	/* entries of lat_us */
	/* per job completed without an error: SUBMIT ioctl to its fence signalled, in us */
	__u32 lat_us[RUN_MAX_JOBS];
	/*
	 * per job completed without an error, from its firmware timestamps (ns): SUBMIT to
	 * the firmware's start of it, the firmware's end of it to its fence signalled; ts_bad:
	 * jobs whose timestamps were missing or out of order
	 */
	unsigned int nts, ts_bad;
	__u64 run_ns[RUN_MAX_JOBS];
	__u64 done_ns[RUN_MAX_JOBS];
};

/* the client's side; never returns */
void run_client(const struct run_cfg *cfg) __attribute__((noreturn));

/*
 * how a binary syncobj's fence ended (sync_file status): 0, <0 its error, or 1 if pending;
 * *signal_ns (if not NULL): when it signalled, CLOCK_MONOTONIC (the fence's timestamp)
 */
int run_fence_status(int drm_fd, __u32 syncobj, __u64 *signal_ns);

#endif /* AGX_RUN_H */
