# SPDX-License-Identifier: GPL-2.0
# Self-test plan for the kcsan kernel.
fixture kcsan scripts/selftest/nc_kcsan.ko
