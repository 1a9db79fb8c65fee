# SPDX-License-Identifier: GPL-2.0
# Self-test plan for the kcsan kernel. nc_kcsan: two threads race on a plain variable.
# nc_wqrace: the same in work items of an unbound workqueue, the stacks of which hold the
# workqueue core under our frame: the allow-list of kernel races must not hide it.
# kr_wq_stats: the one race inside the kernel that the verdict allows; its entry must
# still match (Documentation/harness.rst, "Races inside the kernel").
fixture kcsan scripts/selftest/nc_kcsan.ko
fixture kcsan scripts/selftest/nc_wqrace.ko
allowed wq-pwq-stats-completed scripts/selftest/kr_wq_stats.ko
