// SPDX-License-Identifier: GPL-2.0
/*
 * Last: kmemleak finds nothing unreferenced after all the cases before (every file was
 * closed when its case's process exited). Runs only where the kernel has kmemleak (the
 * debug kernel; the harness does not scan automatically, see Documentation/harness.rst).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"

#define KMEMLEAK "/sys/kernel/debug/kmemleak"

static void kmemleak_write(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY);

	KTAP_ASSERT(fd >= 0);
	KTAP_EXPECT(write(fd, cmd, strlen(cmd)) == (ssize_t)strlen(cmd));
	close(fd);
}

/*
 * kmemleak reports an object only once it is 5 s old, and asks for two scans so that a
 * pointer still in a register or on a stack does not hide one: as kmemleak_scan in
 * scripts/init.sh. Prints the first lines of each report.
 */
static void kmemleak_clean(void)
{
	char line[256];
	int objects = 0, shown = 0;
	FILE *f;

	if (access(KMEMLEAK, W_OK))
		ktap_skip("no %s (kernel without kmemleak)", KMEMLEAK);
	sleep(6);
	kmemleak_write("scan");
	kmemleak_write("scan");
	f = fopen(KMEMLEAK, "r");
	KTAP_ASSERT(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		objects += !strncmp(line, "unreferenced object", 19);
		if (shown++ < 40)
			ktap_diag("%s", line);
	}
	fclose(f);
	KTAP_EXPECT(objects == 0);
}

static const struct ktap_case leak_cases[] = {
	KTAP_CASE(kmemleak_clean),
};

const struct ktap_suite suite_leak = {
	.name = "asahi_uapi_leak", .cases = leak_cases, .count = ARRAY_SIZE(leak_cases),
};
