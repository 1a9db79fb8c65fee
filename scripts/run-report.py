#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# run-report.py RESULTS_DIR OUT_JSON: turn the workload's "AGX-RUN {json}" console line and
# the harness verdict into results/run.json:
#   {"jobs_completed", "errors": {kind: count}, "jobs_per_s", "violations", "kernel_reports",
#    "clients", "submits_via_ioctl", "leaked_objects",
#    "latency_us": {"submit_to_run", "ready_to_run", "hw_done_to_signal": {"p50", "p99"}},
#    "latency_jobs", "sim": {"engines", "command_us"}}
# The workload is tools/agx-run (make run) or kunit/agx_run.c (check-arm64); what each figure
# means is the comment at the top of each. agx-run's latency_us has submit_to_signal (what
# userspace sees), submit_to_run and hw_done_to_signal (from the firmware's timestamps of
# each job), not ready_to_run, and latency_timestamped_jobs; kunit/agx_run.c's line gives
# latency_ns, the three in-kernel ones. clients, submits_via_ioctl and leaked_objects only
# if the line has them (agx-run).
# Print the figures. Exit 1 if the line is missing, or violations, kernel reports or leaked
# objects are not zero.
import json
import re
import sys

res, out = sys.argv[1], sys.argv[2]
run = None
with open(f"{res}/console.log", errors="replace") as f:
    for line in f:
        m = re.search(r"AGX-RUN (\{.*\})\s*$", line)
        if m:
            run = json.loads(m.group(1))
reports = None
try:
    with open(f"{res}/verdict.json") as f:
        reports = len(json.load(f).get("reports", []))
except (OSError, ValueError):
    pass
if run is None:
    print("run-report: no AGX-RUN line in the console log")
    sys.exit(1)
report = {
    "jobs_completed": run["jobs_completed"],
    "errors": run["errors"],
    "jobs_per_s": run["jobs_per_s"],
    "violations": run["violations"],
    "kernel_reports": reports if reports is not None else -1,
}
for k in ("clients", "submits_via_ioctl", "leaked_objects"):
    if k in run:
        report[k] = run[k]
lat = run.get("latency_ns")
if lat:
    report["latency_us"] = {k: {p: round(lat[k][p] / 1000, 1) for p in ("p50", "p99")}
                            for k in ("submit_to_run", "ready_to_run", "hw_done_to_signal")}
    report["latency_jobs"] = lat["jobs"]
elif "latency_us" in run:  # agx-run: SUBMIT to the fence signalled, and from its timestamps
    lat = run["latency_us"]
    report["latency_us"] = {k: lat[k] for k in ("submit_to_signal", "submit_to_run",
                                                "hw_done_to_signal") if k in lat}
    report["latency_jobs"] = lat["jobs"]
    if "timestamped_jobs" in lat:
        report["latency_timestamped_jobs"] = lat["timestamped_jobs"]
report["sim"] = {"engines": run.get("engines"), "command_us": run.get("latency_us_cfg")}
with open(out, "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
print(f"jobs completed: {report['jobs_completed']} of {run.get('jobs_submitted', '?')}")
print("errors by kind: " + (", ".join(f"{k} {v}" for k, v in report["errors"].items())
                            or "none"))
print(f"throughput: {report['jobs_per_s']} jobs/s "
      f"({report['sim']['engines']} engines per pipe type, "
      f"{report['sim']['command_us']} us per command)")
for k, what in (("submit_to_signal", "SUBMIT ioctl to fence signalled (userspace)"),
                ("submit_to_run", "submit to run"),
                ("ready_to_run", "ready (submitted, dependency and queue order met) to run"),
                ("hw_done_to_signal", "hardware done to fence signalled")):
    if k in report.get("latency_us", {}):
        v = report["latency_us"][k]
        print(f"latency {what}: p50 {v['p50']} us, p99 {v['p99']} us")
if "clients" in report:
    print(f"clients: {report['clients']}, SUBMIT ioctls that succeeded: "
          f"{report['submits_via_ioctl']}")
    print(f"objects of the files alive after the run: {report['leaked_objects']}")
print(f"firmware-side violations: {report['violations']}")
print(f"kernel reports: {report['kernel_reports']}")
print(f"written: {out}")
ok = (report["violations"] == 0 and report["kernel_reports"] == 0
      and report.get("leaked_objects", 0) == 0)
sys.exit(0 if ok else 1)
