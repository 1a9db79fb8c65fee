/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small KTAP test framework for userspace programs run in the test guest. Its output has
 * the shape of KUnit's (a top-level plan, one nested subtest per suite, one result line per
 * case), so that scripts/verdict.py judges it with the kernel's kunit.py parser like the
 * KUnit modules' output. Each case runs in a forked child: a crash, a hang (alarm) or a
 * failed assertion ends that case only, and the child's exit closes every file it opened,
 * as a process death would. Documentation/harness.rst, "A userspace test".
 */
#ifndef AGX_KTAP_H
#define AGX_KTAP_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct ktap_case {
	const char *name;
	void (*run)(void);
};

struct ktap_suite {
	const char *name;
	const struct ktap_case *cases;
	size_t count;
};

#define KTAP_CASE(fn) { .name = #fn, .run = fn }

/* where the KTAP lines go: stdout, or one /dev/kmsg record per line (ktap_use_kmsg()) */
void ktap_use_kmsg(void);
void ktap_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* run every suite whose name matches the glob filter (NULL: all); 0 if no case failed */
int ktap_run(const struct ktap_suite *suites, size_t count, const char *filter,
	     unsigned int timeout_s);

/* inside a case */
void ktap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ktap_fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
__attribute__((noreturn)) void ktap_abort(void);
void ktap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
bool ktap_failed(void);

/* a failed EXPECT marks the case failed and goes on; a failed ASSERT ends the case */
#define KTAP_EXPECT(cond) ({						\
	bool __ok = (cond);						\
	if (!__ok)							\
		ktap_fail_at(__FILE__, __LINE__, "expected %s", #cond);	\
	__ok;								\
})
#define KTAP_ASSERT(cond) do {						\
	if (!KTAP_EXPECT(cond))						\
		ktap_abort();						\
} while (0)

/* expr is 0 or a negative errno (the helpers of uapi.h); expect exactly -err */
#define KTAP_EXPECT_ERR(expr, err) ({					\
	int __r = (expr), __e = -(err);					\
	bool __ok = __r == __e;						\
	if (!__ok)							\
		ktap_fail_at(__FILE__, __LINE__, "%s: expected %s, got %s",	\
			     #expr, ktap_errname(__e), ktap_errname(__r));	\
	__ok;								\
})
#define KTAP_ASSERT_ERR(expr, err) do {					\
	if (!KTAP_EXPECT_ERR(expr, err))				\
		ktap_abort();						\
} while (0)
#define KTAP_EXPECT_OK(expr) KTAP_EXPECT_ERR(expr, 0)
#define KTAP_ASSERT_OK(expr) KTAP_ASSERT_ERR(expr, 0)

/* "0", "-EINVAL", ...: an errno for a diagnostic line */
const char *ktap_errname(int r);

#endif /* AGX_KTAP_H */
