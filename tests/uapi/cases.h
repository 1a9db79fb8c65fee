/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The suites of agx-uapi-test, one per file (t_*.c), listed in main.c.
 */
#ifndef AGX_CASES_H
#define AGX_CASES_H

#include "uapi.h"

extern const struct ktap_suite suite_core;
extern const struct ktap_suite suite_params;
extern const struct ktap_suite suite_vm;
extern const struct ktap_suite suite_gem;
extern const struct ktap_suite suite_bind;
extern const struct ktap_suite suite_queue;
extern const struct ktap_suite suite_submit;
extern const struct ktap_suite suite_ts;
extern const struct ktap_suite suite_close;
extern const struct ktap_suite suite_leak;

#endif /* AGX_CASES_H */
