// SPDX-License-Identifier: GPL-2.0
/*
 * The KTAP framework of ktap.h: output, per-case child processes, results.
 */
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktap.h"

#define KTAP_LINE_MAX 900	/* below a /dev/kmsg record's limit */

enum { KTAP_PASS = 0, KTAP_FAIL = 1, KTAP_SKIP = 2 };

static bool use_kmsg;
static const char *indent = "";
static bool this_failed;
static int skip_fd = -1;

void ktap_use_kmsg(void)
{
	use_kmsg = true;
}

/*
 * One line per write: to /dev/kmsg each line is one record, opened anew so that the
 * per-open rate limit of /dev/kmsg never drops one (each open may write ten at once).
 */
static void emit(const char *line, size_t len)
{
	int fd = 1;

	if (use_kmsg) {
		fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			fd = 1;
	}
	if (write(fd, line, len) < 0)
		(void)!write(2, line, len);
	if (fd != 1)
		close(fd);
}

static void vprint(const char *prefix, const char *fmt, va_list ap)
{
	char line[KTAP_LINE_MAX + 2];
	int n = snprintf(line, sizeof(line), "%s%s", indent, prefix);

	if (n < 0 || n >= KTAP_LINE_MAX)
		n = 0;
	vsnprintf(line + n, KTAP_LINE_MAX - n, fmt, ap);
	n = strlen(line);
	line[n++] = '\n';
	emit(line, n);
}

void ktap_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint("", fmt, ap);
	va_end(ap);
}

void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint("# ", fmt, ap);
	va_end(ap);
}

void ktap_fail_at(const char *file, int line, const char *fmt, ...)
{
	char msg[KTAP_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ktap_diag("%s:%d: %s", file, line, msg);
	this_failed = true;
}

bool ktap_failed(void)
{
	return this_failed;
}

void ktap_abort(void)
{
	_exit(KTAP_FAIL);
}

void ktap_skip(const char *fmt, ...)
{
	char msg[KTAP_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (skip_fd >= 0)
		(void)!write(skip_fd, msg, strlen(msg));
	_exit(KTAP_SKIP);
}

const char *ktap_errname(int r)
{
	static const struct { int err; const char *name; } names[] = {
		{ 0, "0" }, { EPERM, "-EPERM" }, { ENOENT, "-ENOENT" }, { EIO, "-EIO" },
		{ E2BIG, "-E2BIG" }, { EBADF, "-EBADF" }, { EAGAIN, "-EAGAIN" },
		{ ENOMEM, "-ENOMEM" }, { EACCES, "-EACCES" }, { EFAULT, "-EFAULT" },
		{ EBUSY, "-EBUSY" }, { EEXIST, "-EEXIST" }, { ENODEV, "-ENODEV" },
		{ EINVAL, "-EINVAL" }, { ENOSPC, "-ENOSPC" }, { ERANGE, "-ERANGE" },
		{ ENOTTY, "-ENOTTY" }, { EOVERFLOW, "-EOVERFLOW" },
		{ EOPNOTSUPP, "-EOPNOTSUPP" }, { ETIMEDOUT, "-ETIMEDOUT" },
		{ ECANCELED, "-ECANCELED" }, { ETIME, "-ETIME" }, { EINTR, "-EINTR" },
	};
	static char buf[32];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].err == -r)
			return names[i].name;
	snprintf(buf, sizeof(buf), "%d", r);
	return buf;
}

/* run one case in a child; its result, and in reason a skip's reason */
static int run_case(const struct ktap_case *c, unsigned int timeout_s, char *reason,
		    size_t rlen)
{
	int pfd[2], status, res;
	ssize_t n;
	pid_t pid;

	reason[0] = '\0';
	if (pipe(pfd)) {
		ktap_diag("pipe: %s", strerror(errno));
		return KTAP_FAIL;
	}
	pid = fork();
	if (pid < 0) {
		ktap_diag("fork: %s", strerror(errno));
		return KTAP_FAIL;
	}
	if (pid == 0) {
		close(pfd[0]);
		skip_fd = pfd[1];
		alarm(timeout_s);
		c->run();
		_exit(this_failed ? KTAP_FAIL : KTAP_PASS);
	}
	close(pfd[1]);
	n = read(pfd[0], reason, rlen - 1);
	reason[n > 0 ? n : 0] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status)) {
		ktap_diag("%s: killed by signal %d (%s)", c->name, WTERMSIG(status),
			  WTERMSIG(status) == SIGALRM ? "timeout" : strsignal(WTERMSIG(status)));
		return KTAP_FAIL;
	}
	res = WEXITSTATUS(status);
	return res == KTAP_PASS || res == KTAP_SKIP ? res : KTAP_FAIL;
}

static bool selected(const struct ktap_suite *s, const struct ktap_case *c,
		     const char *filter)
{
	char full[256];

	if (!filter)
		return true;
	snprintf(full, sizeof(full), "%s.%s", s->name, c->name);
	return !fnmatch(filter, s->name, 0) || !fnmatch(filter, full, 0);
}

static size_t suite_selected(const struct ktap_suite *s, const char *filter)
{
	size_t i, n = 0;

	for (i = 0; i < s->count; i++)
		n += selected(s, &s->cases[i], filter);
	return n;
}

struct ktap_counts {
	unsigned int pass, fail, skip;
};

static void run_suite(const struct ktap_suite *s, size_t num, const char *filter,
		      unsigned int timeout_s, struct ktap_counts *total)
{
	struct ktap_counts cnt = { 0 };
	char reason[KTAP_LINE_MAX / 2];
	size_t i, n = 0;
	int res;

	indent = "    ";
	ktap_print("KTAP version 1");
	ktap_print("# Subtest: %s", s->name);
	ktap_print("1..%zu", suite_selected(s, filter));
	for (i = 0; i < s->count; i++) {
		const struct ktap_case *c = &s->cases[i];

		if (!selected(s, c, filter))
			continue;
		res = run_case(c, timeout_s, reason, sizeof(reason));
		n++;
		if (res == KTAP_SKIP) {
			cnt.skip++;
			ktap_print("ok %zu %s # SKIP %s", n, c->name, reason);
		} else if (res == KTAP_PASS) {
			cnt.pass++;
			ktap_print("ok %zu %s", n, c->name);
		} else {
			cnt.fail++;
			ktap_print("not ok %zu %s", n, c->name);
		}
	}
	indent = "";
	ktap_diag("%s: pass:%u fail:%u skip:%u total:%zu", s->name, cnt.pass, cnt.fail,
		  cnt.skip, n);
	ktap_print("%s %zu %s", cnt.fail ? "not ok" : "ok", num, s->name);
	total->pass += cnt.pass;
	total->fail += cnt.fail;
	total->skip += cnt.skip;
}

int ktap_run(const struct ktap_suite *suites, size_t count, const char *filter,
	     unsigned int timeout_s)
{
	struct ktap_counts total = { 0 };
	size_t i, n = 0;

	for (i = 0; i < count; i++)
		n += suite_selected(&suites[i], filter) > 0;
	ktap_print("KTAP version 1");
	ktap_print("1..%zu", n);
	n = 0;
	for (i = 0; i < count; i++)
		if (suite_selected(&suites[i], filter))
			run_suite(&suites[i], ++n, filter, timeout_s, &total);
	ktap_diag("Totals: pass:%u fail:%u skip:%u total:%u", total.pass, total.fail,
		  total.skip, total.pass + total.fail + total.skip);
	return total.fail ? 1 : 0;
}
