// SPDX-License-Identifier: GPL-2.0
/*
 * The firmware layout table (driver/fw/layouts.c), compiled into agx_sim.ko too: the
 * simulated firmware knows the layout it implements without calling into agx.ko.
 */
#include "../fw/layouts.c"
