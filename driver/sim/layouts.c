// SPDX-License-Identifier: GPL-2.0
/*
 * The firmware layout table (driver/fw/layouts.c), compiled into agx_sim.ko too: the
 * simulated firmware knows the layout it implements without calling into agx.ko. Neither
 * module exports the lookup, so the two copies do not clash.
 */
#include "../fw/layouts.c"
