#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""report.py CONSOLE_LOG OUT_JSON OUT_SCALE_DAT: turn the AGX-BENCH lines of jq_bench.ko into
the benchmark table (stdout), results/bench.json and the data file of the scale plot.

Each AGX-BENCH line is one measurement of one repetition: {"row", "unit", "sched", "rep",
"value"}; jq_bench.ko's end with AGX-BENCH-END STATUS, agx_bench.ko's (the AGX path end to
end, "sched": "agx", shown in the "ours" column) with AGX-BENCH-AGX-END STATUS. A cell is the median over the repetitions; its spread is (max - min) / median.
The JSON is a list of rows {"name", "unit", "drm_sched", "jq", "floor"} (null where a column
does not apply), each with "spread" (per column, percent) and "reps".
"""
import json
import re
import statistics
import sys

# Table rows: name -> (row emitted by the module, drm_sched column, ours, floor column).
# "ours" is jq (default workqueue, no fast path) unless the row is about the fast path.
ROWS = [
    ("throughput", "throughput", "drm_sched", "jq", "floor"),
    ("throughput_fast", "throughput", "drm_sched", "jq_fast", "floor"),
    ("submit_cost", "submit_cost", "drm_sched", "jq", "floor"),
    ("submit_cost_fast", "submit_cost", "drm_sched", "jq_fast", "floor"),
    ("submit_csw", "submit_csw", "drm_sched", "jq", "floor"),
    ("submit_csw_fast", "submit_csw", "drm_sched", "jq_fast", "floor"),
    ("submit_latency_p50", "submit_latency_p50", "drm_sched", "jq", "floor"),
    ("submit_latency_p99", "submit_latency_p99", "drm_sched", "jq", "floor"),
    ("submit_latency_fast_p50", "submit_latency_p50", "drm_sched", "jq_fast", "floor"),
    ("submit_latency_fast_p99", "submit_latency_p99", "drm_sched", "jq_fast", "floor"),
    ("dep_latency_p50", "dep_latency_p50", "drm_sched", "jq", None),
    ("dep_latency_p99", "dep_latency_p99", "drm_sched", "jq", None),
    ("dep_latency_same_p50", "dep_latency_same_p50", "drm_sched", "jq", None),
    ("dep_latency_same_p99", "dep_latency_same_p99", "drm_sched", "jq", None),
    ("dep_signal_p50", "dep_signal_p50", "drm_sched", "jq", None),
    ("dep_signal_same_p50", "dep_signal_same_p50", "drm_sched", "jq", None),
    ("scale_throughput_1", "scale_throughput_1", "drm_sched", "jq", None),
    ("scale_throughput_16", "scale_throughput_16", "drm_sched", "jq", None),
    ("scale_throughput_256", "scale_throughput_256", "drm_sched", "jq", None),
    ("scale_throughput_4096", "scale_throughput_4096", "drm_sched", "jq", None),
    ("kthreads_1_queues", "kthreads_1", "drm_sched", "jq", None),
    ("kthreads_4096_queues", "kthreads_4096", "drm_sched", "jq", None),
    ("busy_kthreads_256", "busy_kthreads_256", "drm_sched", "jq", None),
    ("busy_kthreads_4096", "busy_kthreads_4096", "drm_sched", "jq", None),
    ("idle_queue_bytes", "idle_queue_bytes_4096", "drm_sched", "jq", None),
    ("kill_10k_return", "kill_10k_return", "drm_sched", "jq", None),
    ("kill_10k_all_signalled", "kill_10k_all_signalled", "drm_sched", "jq", None),
    ("overhead_queue", "overhead_queue", "drm_sched", "jq", None),
    ("overhead_ping_pong", "overhead_ping_pong", "drm_sched", "jq", None),
    ("agx_throughput", "agx_throughput", None, "agx", None),
    ("agx_submit_to_run_p50", "agx_submit_to_run_p50", None, "agx", None),
    ("agx_submit_to_run_p99", "agx_submit_to_run_p99", None, "agx", None),
    ("agx_done_to_signal_p50", "agx_done_to_signal_p50", None, "agx", None),
    ("agx_done_to_signal_p99", "agx_done_to_signal_p99", None, "agx", None),
    ("agx_long_queue_jobs", "agx_long_queue_jobs", None, "agx", None),
    ("agx_long_queue_heap_growth", "agx_long_queue_heap_growth", None, "agx", None),
    ("agx_long_queue_slab_growth", "agx_long_queue_slab_growth", None, "agx", None),
]
REQUIRED = ["throughput", "submit_latency_p50", "submit_latency_p99",
            "submit_latency_fast_p99", "dep_latency_p99", "kthreads_4096_queues",
            "idle_queue_bytes", "kill_10k_return", "kill_10k_all_signalled", "overhead_queue",
            "agx_throughput", "agx_long_queue_jobs"]
SCALE = [1, 16, 256, 4096]


def parse(path):
    data, units, end, agx_end = {}, {}, None, None
    with open(path, errors="replace") as f:
        for line in f:
            m = re.search(r"AGX-BENCH (\{.*\})", line)
            if m:
                d = json.loads(m.group(1))
                data.setdefault((d["row"], d["sched"]), []).append(d["value"])
                units[d["row"]] = d["unit"]
            m = re.search(r"AGX-BENCH-END (-?\d+)", line)
            if m:
                end = int(m.group(1))
            m = re.search(r"AGX-BENCH-AGX-END (-?\d+)", line)
            if m:
                agx_end = int(m.group(1))
    return data, units, end, agx_end


def cell(data, row, sched):
    vals = data.get((row, sched)) if sched else None
    if not vals:
        return None, None, 0
    med = statistics.median(vals)
    spread = 100.0 * (max(vals) - min(vals)) / med if med else 0.0
    return med, round(spread, 1), len(vals)


def human(v):
    if v is None:
        return "-"
    for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= div:
            return f"{v / div:.3g}{suf}"
    return f"{v:.3g}"


def ratio(a, b):
    return a / b if a is not None and b else None


def build(data, units):
    rows = []
    for name, src, dcol, jcol, fcol in ROWS:
        d, ds, n = cell(data, src, dcol)
        j, js, nj = cell(data, src, jcol)
        n = max(n, nj)
        fl, fs, _ = cell(data, src, fcol)
        rows.append({"name": name, "unit": units.get(src, "?"), "drm_sched": d, "jq": j,
                     "floor": fl, "spread": {"drm_sched": ds, "jq": js, "floor": fs},
                     "reps": n})
    return rows


def table(rows):
    head = f"{'workload':<26} {'unit':<8} {'drm_sched':>14} {'ours':>14} {'floor':>14} " \
           f"{'ours/drm':>9} {'ours/floor':>10}"
    print(head)
    print("-" * len(head))

    def fmt(v, s):
        return "-" if v is None else f"{human(v)} ±{s:.0f}%"

    for r in rows:
        rd, rf = ratio(r["jq"], r["drm_sched"]), ratio(r["jq"], r["floor"])
        print(f"{r['name']:<26} {r['unit']:<8} {fmt(r['drm_sched'], r['spread']['drm_sched']):>14} "
              f"{fmt(r['jq'], r['spread']['jq']):>14} {fmt(r['floor'], r['spread']['floor']):>14} "
              f"{'-' if rd is None else f'{rd:.2f}':>9} {'-' if rf is None else f'{rf:.2f}':>10}")


def targets(rows):
    r = {x["name"]: x for x in rows}

    def get(name, col):
        return r[name][col]

    checks = []
    for row in ("throughput", "throughput_fast"):
        tp = ratio(get(row, "jq"), get(row, "drm_sched"))
        checks.append((f"{row} >= 3x drm_sched", tp, tp is not None and tp >= 3,
                       f"ours/drm_sched = {tp:.2f}" if tp else "no data"))
        fl = ratio(get(row, "jq"), get(row, "floor"))
        checks.append((f"{row} >= 0.85x the floor", fl, fl is not None and fl >= 0.85,
                       f"ours/floor = {fl:.2f}" if fl else "no data"))
    for row in ("submit_cost", "dep_signal_p50"):
        c = ratio(get(row, "jq"), get(row, "drm_sched"))
        checks.append((f"{row} <= drm_sched's", c, c is not None and c <= 1,
                       f"ours/drm_sched = {c:.2f}" if c else "no data"))
    sc = [ratio(get(f"scale_throughput_{n}", "jq"), get(f"scale_throughput_{n}", "drm_sched"))
          for n in SCALE]
    ok = all(x is not None and x >= 2 for x in sc)
    checks.append(("scale >= 2x drm_sched at every queue count", min(sc, default=None)
                   if None not in sc else None, ok,
                   ", ".join("-" if x is None else f"{x:.2f}" for x in sc)))
    lat = ratio(get("submit_latency_fast_p99", "jq"), get("submit_latency_fast_p99", "drm_sched"))
    checks.append(("p99 submit latency (fast path) <= 0.5x drm_sched", lat,
                   lat is not None and lat <= 0.5,
                   f"ours/drm_sched = {lat:.2f}" if lat else "no data"))
    kt = get("kthreads_4096_queues", "jq")
    kd = get("kthreads_4096_queues", "drm_sched")
    checks.append(("no kernel thread per queue", kt, kt is not None and kt < 64,
                   f"4096 queues: ours +{human(kt)} threads, drm_sched +{human(kd)}"
                   if kt is not None else "no data"))
    mem = ratio(get("idle_queue_bytes", "jq"), get("idle_queue_bytes", "drm_sched"))
    checks.append(("idle-queue memory <= 0.25x drm_sched", mem, mem is not None and mem <= 0.25,
                   f"ours/drm_sched = {mem:.3f}" if mem else "no data"))
    kill = get("kill_10k_return", "jq")
    checks.append(("kill of a 10,000-job queue returns < 1 ms", kill,
                   kill is not None and kill < 1e6,
                   f"{human(kill)} ns" if kill is not None else "no data"))
    agx, null = get("agx_throughput", "jq"), get("throughput", "jq")
    if agx is not None and null:
        print(f"\nAGX path end to end: {human(agx)} jobs/s, {agx / null:.3f}x the job queue "
              f"on null hardware ({human(null)} jobs/s)")
    n, heap = get("agx_long_queue_jobs", "jq"), get("agx_long_queue_heap_growth", "jq")
    checks.append(("100,000 render jobs on one AGX queue, firmware memory flat", heap,
                   n is not None and n >= 100000 and heap is not None and heap <= 1 << 20,
                   f"{human(n)} jobs, gpu_ro heap +{human(heap)} bytes after job 512 "
                   f"(target <= 1 MiB, one pool block)" if n is not None else "no data"))
    print()
    print("Targets (same boot):")
    for name, _, ok, why in checks:
        print(f"  {'MET   ' if ok else 'MISSED'} {name}: {why}")


def scale_dat(data, path):
    with open(path, "w") as f:
        f.write("# queues drm_jobs_per_s jq_jobs_per_s drm_kthreads jq_kthreads "
                "drm_idle_bytes jq_idle_bytes\n")
        for n in SCALE:
            vals = [cell(data, f"{what}_{n}", s)[0]
                    for what in ("scale_throughput", "kthreads", "idle_queue_bytes")
                    for s in ("drm_sched", "jq")]
            if all(v is not None for v in vals):
                f.write(f"{n} " + " ".join(f"{v:g}" for v in vals) + "\n")


def main():
    log, out_json, out_dat = sys.argv[1:4]
    data, units, end, agx_end = parse(log)
    rows = build(data, units)
    with open(out_json, "w") as f:
        json.dump([{k: v for k, v in x.items()} for x in rows], f, indent=1)
    scale_dat(data, out_dat)
    table(rows)
    targets(rows)
    missing = [n for n in REQUIRED
               if not any(x["name"] == n and x["jq"] is not None for x in rows)]
    if end != 0 or agx_end != 0 or missing:
        print(f"bench: incomplete run (end status {end}, AGX end status {agx_end}, "
              f"missing {missing})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
