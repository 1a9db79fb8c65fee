# SPDX-License-Identifier: GPL-2.0
# The scale workload: total throughput and kernel threads created against the number of
# queues. gnuplot -e "datafile='...'; outfile='...'" scale.gp (scripts/bench.sh does it).
set terminal pngcairo size 900,500 font ",10"
set output outfile
set title "jq\\_bench scale: queues with jobs in flight (perf kernel, QEMU TCG)"
set logscale x 2
set xlabel "queues"
set ylabel "jobs/s (all queues)"
set y2label "kernel threads created"
set logscale y2 10
set y2tics
set ytics nomirror
set yrange [0:*]
set key top right
set grid
plot datafile using 1:2 with linespoints lw 2 title "drm\\_sched jobs/s", \
     datafile using 1:3 with linespoints lw 2 title "jobqueue jobs/s", \
     datafile using 1:($4 + 1) axes x1y2 with linespoints dt 2 title "drm\\_sched kthreads + 1", \
     datafile using 1:($5 + 1) axes x1y2 with linespoints dt 2 title "jobqueue kthreads + 1"
