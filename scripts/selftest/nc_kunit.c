// SPDX-License-Identifier: GPL-2.0
/*
 * Negative control for the KTAP verdict: a KUnit case that fails.
 */
#include <kunit/test.h>

static void nc_kunit_fails(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, 1, 2, "deliberate failure");
}

static struct kunit_case nc_kunit_cases[] = {
	KUNIT_CASE(nc_kunit_fails),
	{}
};

static struct kunit_suite nc_kunit_suite = {
	.name = "agx_harness_negative_control",
	.test_cases = nc_kunit_cases,
};

kunit_test_suite(nc_kunit_suite);

MODULE_DESCRIPTION("Harness negative control: a failing KUnit case");
MODULE_LICENSE("GPL");
