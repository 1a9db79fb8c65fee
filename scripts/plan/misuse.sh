# SPDX-License-Identifier: GPL-2.0
# R9: misuse of the job queue API is caught with a WARN and a defined outcome. jq_misuse_test
# WARNs on purpose (and its R7 negative control makes lockdep report), so it runs in a boot
# of its own: a lockdep report switches lockdep off for the rest of the boot.
kmemleak_clear
load sched/jobqueue.ko
expect warning,lockdep kunit/jq_misuse_test.ko
unload_all
kmemleak_scan
