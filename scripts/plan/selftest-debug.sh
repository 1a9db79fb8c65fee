# SPDX-License-Identifier: GPL-2.0
# Self-test plan for the debug kernel: each fixture must be caught by its detector.
# Order matters: a KASAN report taints the kernel in a way that switches lockdep off
# (LOCKDEP_NOW_UNRELIABLE), so lockdep goes first and KASAN last.
kmemleak_clear
fixture lockdep scripts/selftest/nc_lockdep.ko
fixture warning scripts/selftest/nc_warn.ko
fixture kunit scripts/selftest/nc_kunit.ko
fixture kmemleak scripts/selftest/nc_kmemleak.ko
fixture kasan scripts/selftest/nc_kasan.ko
