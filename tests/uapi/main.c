// SPDX-License-Identifier: GPL-2.0
/*
 * agx-uapi-test: the userspace tests of agx.ko's uAPI (include/uapi/drm/asahi_drm.h) on
 * the render node, as KTAP. Run in the guest by scripts/plan/uapi.plan (make check's
 * debug/uapi step); Documentation/harness.rst, "A userspace test".
 *
 *   agx-uapi-test [-k] [-f GLOB] [-t SECONDS]
 *
 * -k writes the KTAP to /dev/kmsg (one record per line) instead of stdout; -f runs the
 * suites or suite.case names matching GLOB; -t is each case's time limit (default 60 s).
 * Exit status: 0 if no case failed, 1 otherwise.
 */
#include <stdlib.h>
#include <unistd.h>

#include "cases.h"

static const struct ktap_suite *const all[] = {
	&suite_core,
#if AGX_HAVE_UAPI
	&suite_params,
	&suite_vm,
	&suite_gem,
	&suite_bind,
	&suite_queue,
	&suite_submit,
	&suite_ts,
	&suite_close,
#endif
	&suite_leak,		/* last: after every other case's file is closed */
};

int main(int argc, char **argv)
{
	struct ktap_suite suites[ARRAY_SIZE(all)];
	unsigned int timeout_s = 60;
	const char *filter = NULL;
	size_t i;
	int c;

	while ((c = getopt(argc, argv, "kf:t:")) != -1) {
		switch (c) {
		case 'k':
			ktap_use_kmsg();
			break;
		case 'f':
			filter = optarg;
			break;
		case 't':
			timeout_s = strtoul(optarg, NULL, 0);
			break;
		default:
			return 2;
		}
	}
	for (i = 0; i < ARRAY_SIZE(all); i++)
		suites[i] = *all[i];
	return ktap_run(suites, ARRAY_SIZE(suites), filter, timeout_s);
}
