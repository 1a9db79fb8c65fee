# SPDX-License-Identifier: GPL-2.0
# Self-test plan for the debug kernel: each fixture must be caught by its detector.
kmemleak_clear
fixture kasan scripts/selftest/nc_kasan.ko
fixture lockdep scripts/selftest/nc_lockdep.ko
fixture warning scripts/selftest/nc_warn.ko
fixture kunit scripts/selftest/nc_kunit.ko
fixture kmemleak scripts/selftest/nc_kmemleak.ko
