# SPDX-License-Identifier: GPL-2.0
# make run: the AGX submission path end to end on the debug kernel. jobqueue.ko, agx.ko,
# agx_sim.ko (which registers one simulated GPU that agx.ko binds to), then the workload
# (kunit/agx_run.ko) that prints the AGX-RUN line; everything unloaded; leaks scanned.
kmemleak_clear
load sched/jobqueue.ko
load driver/agx.ko
load driver/sim/agx_sim.ko engines=8 latency_us=200
load kunit/agx_run.ko
unload_all
kmemleak_scan
