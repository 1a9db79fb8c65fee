#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge one QEMU run of the harness from its console log.

The log is cut into steps at the "AGX-MARK:" lines that scripts/init.sh writes. The KUnit
output of each loaded module is handed to the kernel's own `kunit.py parse`; test cases are
counted from its JSON. Every kernel report in the log (lockdep, KASAN, KCSAN, UBSAN, WARNING,
BUG, Oops, refcount_t, hung task, kmemleak, ...) counts as a failure and is printed with its
context. A run that did not reach its end mark (crash, timeout) fails.

In self-test mode (a plan made of `fixture` steps) each fixture must instead produce the report
it is built to trigger; a fixture that is not caught is a failure.

Writes RESULTS/verdict.json and RESULTS/kunit.json; prints a summary ending with the line
"N passed, N failed"; exits 0 only when nothing failed.
"""

import argparse
import json
import os
import re
import subprocess
import sys

# (category, pattern) in priority order: the first match names a report line's category.
REPORTS = [
    ("kasan", r"BUG: KASAN: "),
    ("kcsan", r"BUG: KCSAN: "),
    ("lockdep", r"WARNING: (possible circular locking|possible recursive locking|"
                r"inconsistent lock state|possible irq lock inversion|bad unlock balance|"
                r"suspicious RCU usage|held lock freed|lock held when returning|"
                r"lock held at task exit|Nested lock was not taken|"
                r"[^ ]+ is trying to release lock)|"
                r"INFO: (trying to register non-static key|possible recursive locking)|"
                r"BUG: (sleeping function called from invalid context|"
                r"scheduling while atomic|looking up invalid subclass)"),
    ("ubsan", r"UBSAN: "),
    ("refcount", r"refcount_t: "),
    ("hung-task", r"INFO: task .* blocked for more than"),
    ("kmemleak", r"unreferenced object 0x|kmemleak: \d+ new suspected memory leak"),
    ("debugobjects", r"ODEBUG: "),
    ("list-corruption", r"list_(add|del) corruption"),
    ("rcu-stall", r"rcu: INFO: .*detected stall"),
    ("lockup", r"soft lockup|hard LOCKUP|BUG: workqueue lockup"),
    ("warning", r"WARNING: CPU: \d+ PID: |WARNING: at "),
    ("oops", r"Oops: |general protection fault|kernel BUG at|Kernel panic"),
    ("bug", r"BUG: "),
]
REPORT_RES = [(cat, re.compile(pat)) for cat, pat in REPORTS]
MARK_RE = re.compile(r"AGX-MARK: (.*)$")
# A report spans several lines that may match again (refcount_t: then WARNING:, the kmemleak
# summary then its objects); matches this close to the previous one belong to it.
SAME_REPORT_LINES = 6
CONTEXT_BEFORE, CONTEXT_AFTER = 3, 30


def classify(line):
    for cat, rx in REPORT_RES:
        if rx.search(line):
            return cat
    return None


def find_reports(lines):
    """Return [(line index, category)] for each distinct report in lines."""
    reports, last = [], -SAME_REPORT_LINES - 1
    for i, line in enumerate(lines):
        if "AGX-MARK:" in line:
            continue
        cat = classify(line)
        if cat is None:
            continue
        if i - last <= SAME_REPORT_LINES:
            last = i
            continue
        reports.append((i, cat))
        last = i
    return reports


class Step:
    """The console lines from one AGX-MARK to the next."""

    def __init__(self, mark, first):
        self.mark, self.first, self.lines = mark, first, []


def split_steps(lines):
    steps = [Step("boot", 0)]
    for i, line in enumerate(lines):
        m = MARK_RE.search(line)
        if m:
            steps.append(Step(m.group(1).strip(), i))
        steps[-1].lines.append(line)
    return steps


def count_cases(group, out):
    for case in group.get("test_cases", []):
        out.append((case["name"], case["status"]))
    for sub in group.get("sub_groups", []):
        count_cases(sub, out)


def parse_kunit(kunit_py, text, json_path):
    """Run kunit.py parse on text; return (cases [(name, status)], json object)."""
    subprocess.run([sys.executable, kunit_py, "parse", "--json=" + json_path],
                   input=text, text=True, capture_output=True, check=False)
    try:
        with open(json_path) as f:
            obj = json.load(f)
    except (OSError, ValueError):
        return [], None
    cases = []
    count_cases(obj, cases)
    return cases, obj


def print_context(lines, idx, cat):
    lo, hi = max(0, idx - CONTEXT_BEFORE), min(len(lines), idx + CONTEXT_AFTER)
    print(f"---- {cat} report (console line {idx + 1}) ----")
    for line in lines[lo:hi]:
        print("  " + line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kunit", required=True, help="path of tools/testing/kunit/kunit.py")
    ap.add_argument("--name", default="run")
    ap.add_argument("--quiet-reports", action="store_true",
                    help="self-test: do not print expected reports in full")
    ap.add_argument("--filtered", action="store_true",
                    help="a KUnit filter was given: a module whose suites it all filtered out "
                         "prints no KTAP, but the filter must match some test case")
    ap.add_argument("results", help="directory holding console.log")
    args = ap.parse_args()

    with open(os.path.join(args.results, "console.log"), errors="replace") as f:
        lines = [l.rstrip("\r\n") for l in f]
    steps = split_steps(lines)
    failures, passed = [], 0
    all_cases, groups = [], []

    # KUnit: one kunit.py parse per module load, so modules cannot confuse each other's KTAP.
    for n, step in enumerate(steps):
        if not step.mark.startswith(("load ", "fixture-load ")):
            continue
        mod = step.mark.split()[1]
        text = "\n".join(step.lines) + "\n"
        has_ktap = "KTAP version" in text or "TAP version" in text
        expects_ktap = re.search(r"(^|/)(kunit|stress)/", mod) is not None
        if not has_ktap:
            if expects_ktap and not args.filtered and not step.mark.startswith("fixture-load "):
                failures.append(f"{mod}: no KTAP output (module crashed or ran no suite)")
            continue
        cases, obj = parse_kunit(args.kunit, text,
                                 os.path.join(args.results, f"kunit-{n}.json"))
        if obj is not None:
            groups.append(obj)
        if not cases:
            failures.append(f"{mod}: KTAP output could not be parsed")
        step.cases = cases
        if step.mark.startswith("fixture-load "):
            continue
        for name, status in cases:
            all_cases.append({"module": mod, "name": name, "status": status})
            if status in ("PASS", "SKIP"):
                passed += 1
            else:
                failures.append(f"{mod}: test case {name}: {status}")

    reports = find_reports(lines)
    line_step = {}
    for step in steps:
        for i in range(step.first, step.first + len(step.lines)):
            line_step[i] = step

    # Self-test: "fixture CATEGORY" ... "fixture-end CATEGORY" segments must hold their report.
    fixtures, in_fixture = [], None
    fixture_of_line = {}
    for step in steps:
        if step.mark.startswith("fixture "):
            in_fixture = {"expect": step.mark.split()[1], "found": set()}
            fixtures.append(in_fixture)
        elif step.mark.startswith("fixture-end"):
            in_fixture = None
            continue
        if in_fixture is not None:
            for i in range(step.first, step.first + len(step.lines)):
                fixture_of_line[i] = in_fixture
            for _name, status in getattr(step, "cases", []):
                if status not in ("PASS", "SKIP"):
                    in_fixture["found"].add("kunit")

    # "expect CATS" ... "expect-end": reports of those categories are the module's own.
    expected_of_line, expects, cur = {}, [], None
    for step in steps:
        if step.mark.startswith("expect "):
            cur = {"cats": set(step.mark.split()[1].split(",")), "found": set()}
            expects.append(cur)
        elif step.mark.startswith("expect-end"):
            cur = None
        if cur is not None:
            for i in range(step.first, step.first + len(step.lines)):
                expected_of_line[i] = cur

    unexpected = []
    for idx, cat in reports:
        ex = expected_of_line.get(idx)
        if ex is not None and cat in ex["cats"]:
            ex["found"].add(cat)
            print(f"expected {cat} report (console line {idx + 1}): {lines[idx].strip()[:120]}")
            continue
        fx = fixture_of_line.get(idx)
        if fx is not None:
            fx["found"].add(cat)
            if args.quiet_reports:
                print(f"expected {cat} report (console line {idx + 1}): {lines[idx].strip()[:120]}")
            else:
                print_context(lines, idx, cat + " (expected by fixture)")
            continue
        unexpected.append((idx, cat))
        print_context(lines, idx, cat)
        failures.append(f"kernel report: {cat} at console line {idx + 1}: "
                        f"{lines[idx].strip()[:160]}")

    for fx in fixtures:
        ok = fx["expect"] in fx["found"]
        print(f"self-test: {fx['expect']:<10} {'caught' if ok else 'NOT CAUGHT'}"
              f" (reports seen: {', '.join(sorted(fx['found'])) or 'none'})")
        if ok:
            passed += 1
        else:
            failures.append(f"self-test: the {fx['expect']} negative control was not caught")

    for ex in expects:
        for cat in sorted(ex["cats"] - ex["found"]):
            failures.append(f"expected a {cat} report, none came")
    if args.filtered and not all_cases:
        failures.append("the KUnit filter matched no test case")
    for step in steps:
        if step.mark.startswith("FAIL"):
            failures.append("init: " + step.mark)
    if not any(s.mark == "done" for s in steps):
        tail = next((l for l in reversed(lines) if "AGX-HARNESS: timeout" in l), None)
        failures.append(tail.strip() if tail else
                        "the run did not reach its end (crash or early reboot)")

    with open(os.path.join(args.results, "kunit.json"), "w") as f:
        json.dump({"name": args.name, "groups": groups}, f, indent=2)
    verdict = {"name": args.name, "passed": passed, "failed": len(failures),
               "cases": all_cases, "failures": failures,
               "reports": [{"line": i + 1, "category": c} for i, c in unexpected],
               "fixtures": [{"expect": fx["expect"], "found": sorted(fx["found"])}
                            for fx in fixtures]}
    with open(os.path.join(args.results, "verdict.json"), "w") as f:
        json.dump(verdict, f, indent=2)

    for msg in failures:
        print(f"FAIL {args.name}: {msg}")
    print(f"{args.name}: {len(all_cases)} test cases, {len(unexpected)} kernel reports, "
          f"{len(fixtures)} negative controls")
    print(f"{passed} passed, {len(failures)} failed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
