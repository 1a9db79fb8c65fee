// SPDX-License-Identifier: GPL-2.0
/*
 * File close and process death with objects alive: VMs with mappings, BOs mapped by the
 * CPU, syncobjs. The file's release must free them all (the leak suite checks it).
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xf86drm.h>

#include "cases.h"

#define RW (DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE)

/* a VM with a bound BO, a private BO, a CPU mapping; returns the mapping */
static void *populate(int fd)
{
	struct agx_layout l;
	__u32 vm, bo, priv;
	void *p;

	agx_layout(fd, &l);
	vm = agx_vm_create(fd);
	bo = agx_bo_create(fd, 8 * AGX_PAGE, 0, 0);
	priv = agx_bo_create(fd, 2 * AGX_PAGE, DRM_ASAHI_GEM_VM_PRIVATE, vm);
	KTAP_ASSERT_OK(agx_bind(fd, vm, RW, bo, 0, 8 * AGX_PAGE, l.user_start));
	KTAP_ASSERT_OK(agx_bind(fd, vm, RW, priv, 0, 2 * AGX_PAGE,
				l.user_start + 16 * AGX_PAGE));
	p = agx_bo_map(fd, bo, 8 * AGX_PAGE);
	((char *)p)[0] = 1;
	return p;
}

/* close(fd) with everything alive; the CPU mapping outlives the file */
static void close_with_objects(void)
{
	int fd = agx_open();
	char *p;

	agx_require("VM_BIND");
	p = populate(fd);
	KTAP_EXPECT(close(fd) == 0);
	KTAP_EXPECT(p[0] == 1);
	munmap(p, 8 * AGX_PAGE);
}

/* a process killed (SIGKILL) with its objects alive; the device stays usable */
static void killed_with_objects(void)
{
	int status, fd;
	pid_t pid;

	agx_require("VM_BIND");
	pid = fork();
	KTAP_ASSERT(pid >= 0);
	if (pid == 0) {
		int i;

		fd = agx_open();
		for (i = 0; i < 4; i++)
			populate(fd);
		pause();
		_exit(0);
	}
	usleep(300000);
	kill(pid, SIGKILL);
	KTAP_ASSERT(waitpid(pid, &status, 0) == pid);
	KTAP_EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	fd = agx_open();
	KTAP_EXPECT_OK(agx_vm_destroy(fd, agx_vm_create(fd)));
}

/* many files opened and closed with a VM and a BO each */
static void open_close_cycles(void)
{
	int i;

	agx_require("GEM_CREATE");
	for (i = 0; i < 64; i++) {
		int fd = agx_open();

		agx_vm_create(fd);
		agx_bo_create(fd, AGX_PAGE, 0, 0);
		close(fd);
	}
}

static const struct ktap_case close_cases[] = {
	KTAP_CASE(close_with_objects),
	KTAP_CASE(killed_with_objects),
	KTAP_CASE(open_close_cycles),
};

const struct ktap_suite suite_close = {
	.name = "asahi_uapi_close", .cases = close_cases, .count = ARRAY_SIZE(close_cases),
};
