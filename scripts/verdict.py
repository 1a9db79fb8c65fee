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

    verdict.py --kunit KUNIT_PY [--vmlinux IMAGE] [...] RESULTS   judge one run (scripts/run.sh)

The subcommands read verdict.json files that runs left behind:

    verdict.py sum [--seconds S] [--out JSON] VERDICT...   the summary of make check
    verdict.py total [--results DIR] SPEC...               the total of .ci/run
    verdict.py brief VERDICT                               one line, for negative.sh
    verdict.py caught --categories CAT,... [--name N] RESULTS   inverted, stress-negative.sh
    verdict.py lint RESULTS FILE...                        make lint's verdict (lint.sh)

Each prints its last line as "N passed, N failed" (brief and lint excepted) and, but for
brief and lint, exits 0 only when nothing failed.
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
    # the simulated firmware caught the driver breaking a rule real firmware relies on
    # (driver/sim/access.c); tests that break one on purpose log "expected violation"
    ("agx-sim", r"agx_sim: violation: "),
    ("bug", r"BUG: "),
]
REPORT_RES = [(cat, re.compile(pat)) for cat, pat in REPORTS]
MARK_RE = re.compile(r"AGX-MARK: (.*)$")
# A report spans several lines that may match again (refcount_t: then WARNING:, the kmemleak
# summary then its objects); matches this close to the previous one belong to it.
SAME_REPORT_LINES = 6
CONTEXT_BEFORE, CONTEXT_AFTER = 3, 30


# Races inside the kernel itself that the verdict allows (Documentation/harness.rst, "Races
# inside the kernel"). A KCSAN report is allowed only if it is exactly the entry's race:
#  - its title is the entry's;
#  - it has exactly two accesses, a plain read and a plain write of ``size`` bytes, and each
#    access's stack is exactly one of the entry's call chains, every frame a function of the
#    kernel image (a frame of a module, ours or any other, never matches);
#  - no line of the report names a module frame ("func+0x../0x.. [module]"); the only line
#    allowed to name a module is "Workqueue: <name> <function> [<module>]", the worker's
#    description, which is not an access;
#  - in the kernel image (--vmlinux), both accesses are the one statement the entry names,
#    recognised from the machine code around the frames' addresses (see kernel_race_code()).
#    Without the image nothing is allowed.
KERNEL_RACES = [
    {
        # kernel/workqueue.c:3272 in 6.12.117, process_one_work():
        #   pwq->stats[PWQ_STAT_COMPLETED]++;   (outside pool->lock)
        #   lock_map_release(&lockdep_map);
        # Fixed upstream by 70e1683ca3a6 ("workqueue: Fix race condition in wq->stats
        # incrementation", v6.16), which moves the increment under pool->lock.
        "name": "wq-pwq-stats-completed",
        "title": "data-race in process_one_work / process_one_work",
        "size": 8,
        "chains": [["process_one_work", "worker_thread", "kthread", "ret_from_fork",
                    "ret_from_fork_asm"],
                   ["process_one_work", "rescuer_thread", "kthread", "ret_from_fork",
                    "ret_from_fork_asm"]],
        # the statement: an 8-byte read and write of one memory operand, and the next call
        # after the write is lock_release() (the lock_map_release() that follows)
        "next_call": "lock_release",
    },
    {
        # kernel/workqueue.c:1497 in 6.12.117, wq_worker_tick(), from the scheduler tick:
        #   pwq->stats[PWQ_STAT_CPU_TIME] += TICK_USEC;   (no lock: ticks of two CPUs
        # running kworkers of one unbound pwq race on it; a statistic for wq_monitor.py)
        # The interrupted kworker's own frames vary, so the stacks are matched by their
        # fixed tick part (prefix, down to the interrupt entry) and by the kworker's base
        # (suffix). The frames between them are the interrupted work, any code, ours
        # included: both racing accesses are in the prefix's first frame, at the statement
        # kernel_race_code() checks, and the tick path itself has no module frame.
        "name": "wq-pwq-stats-cpu-time",
        "title": "data-race in wq_worker_tick / wq_worker_tick",
        "size": 8,
        "prefix": ["wq_worker_tick", "sched_tick", "update_process_times", "tick_nohz_handler",
                   "__hrtimer_run_queues", "hrtimer_interrupt", "__sysvec_apic_timer_interrupt",
                   "sysvec_apic_timer_interrupt", "asm_sysvec_apic_timer_interrupt"],
        "suffix": ["worker_thread", "kthread", "ret_from_fork", "ret_from_fork_asm"],
        "interrupted": True,
        # after the write: the plain read of wq_cpu_intensive_thresh_us (its __tsan call)
        "next_call": "__tsan_read8",
    },
]
KCSAN_ACCESS_RE = re.compile(r"^\s*(?:\[[ \d.]+\] )?(read|write|read-write)( \(marked\))?"
                             r"( \(reordered\))? to 0x[0-9a-f]+ of (\d+) bytes by .*:$")
FRAME_RE = re.compile(r"^\s*(?:\[[ \d.]+\] )?\s*([\w.]+)\+0x([0-9a-f]+)/0x([0-9a-f]+)"
                      r"(?: \[(\S+)\])?\s*$")
MODULE_FRAME_RE = re.compile(r"[\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+ \[\S+\]")
WORKQUEUE_LINE_RE = re.compile(r"^\s*(?:\[[ \d.]+\] )?Workqueue: ")
# A kernel message that is not KTAP: "driver device: text" (dev_printk) or "prefix: text"
# (pr_fmt). A KTAP line starts with blanks, "#", "ok", "not ok", "KTAP", "TAP" or a plan, so
# it never looks like this. Such messages come from work running beside a test (a GPU fault
# of a job in flight) and land between its KTAP lines: kunit.py, given one between "KTAP
# version" and "# Subtest:", nests the rest of the output wrongly and reports an ERROR case.
KERNEL_MSG_RE = re.compile(r"^\[[ \d.]+\] (?:[\w.-]+ )?[\w.:-]+: ")
REPORT_END_RE = re.compile(r"={20,}")


def kcsan_block(lines, idx):
    """The lines of the KCSAN report whose title is lines[idx], up to its closing rule."""
    block = []
    for line in lines[idx:idx + 80]:
        block.append(line)
        if len(block) > 1 and REPORT_END_RE.search(line):
            break
    return block


def parse_kcsan(block):
    """Return (title, [(kind, marked or reordered, size, [(func, off, len, module)])])."""
    m = re.search(r"BUG: KCSAN: (.*)$", block[0])
    title = m.group(1).strip() if m else ""
    accesses, cur = [], None
    for line in block[1:]:
        a = KCSAN_ACCESS_RE.search(line)
        if a:
            cur = (a.group(1), bool(a.group(2) or a.group(3)), int(a.group(4)), [])
            accesses.append(cur)
            continue
        f = FRAME_RE.search(line)
        if f and cur is not None:
            cur[3].append((f.group(1), int(f.group(2), 16), int(f.group(3), 16), f.group(4)))
        elif cur is not None and not line.split("]")[-1].strip():
            cur = None  # a blank line ends an access's stack
    return title, accesses


class Disassembly:
    """objdump of single functions of a kernel image, cached; None without an image."""

    def __init__(self, vmlinux):
        self.vmlinux, self.cache, self.syms = vmlinux, {}, None

    def function(self, name, size):
        """[(offset, text)] of the instructions of function name (size bytes), or None."""
        if not self.vmlinux or not os.path.exists(self.vmlinux):
            return None
        if (name, size) in self.cache:
            return self.cache[(name, size)]
        if self.syms is None:
            out = subprocess.run(["nm", self.vmlinux], capture_output=True, text=True,
                                 check=False).stdout
            self.syms = {}
            for l in out.splitlines():
                p = l.split()
                if len(p) == 3 and p[1] in "tT":
                    self.syms.setdefault(p[2], int(p[0], 16))
        start = self.syms.get(name)
        insns = None
        if start is not None:
            out = subprocess.run(["objdump", "-d", "--no-show-raw-insn",
                                  f"--start-address={start:#x}",
                                  f"--stop-address={start + size:#x}", self.vmlinux],
                                 capture_output=True, text=True, check=False).stdout
            insns = []
            for l in out.splitlines():
                m = re.match(r"^\s*([0-9a-f]+):\t(.*)$", l)
                if m:
                    insns.append((int(m.group(1), 16) - start, m.group(2).strip()))
        self.cache[(name, size)] = insns
        return insns


def mem_operand(text):
    m = re.search(r"(-?0x[0-9a-f]+)?\((%\w+)\)", text)
    return m.group(0) if m else None


def stack_fits(entry, funcs):
    """Is this access's stack (function names, innermost first) one the entry allows?"""
    if "chains" in entry:
        return any(funcs == c for c in entry["chains"])
    pre, suf = entry["prefix"], entry["suffix"]
    return len(funcs) >= len(pre) + len(suf) and funcs[:len(pre)] == pre and \
        funcs[-len(suf):] == suf


def kernel_race_code(entry, disasm, read, write):
    """Do the read and write frames (func, off, len, module) sit on the entry's statement?

    The frame of a KCSAN access is the return address of its __tsan_* call, so the
    instruction before it calls __tsan_[unaligned_]read8 / write8 and the instruction at it
    is the access itself. Both must access the same memory operand, the read must come
    first with nothing but the write's instrumentation call in between, and the next call
    after the write must be the entry's next_call.
    """
    size = entry["size"]
    insns = disasm.function(read[0], read[2])
    if not insns or read[0] != write[0] or read[2] != write[2]:
        return False
    at = {off: i for i, (off, _) in enumerate(insns)}
    ri, wi = at.get(read[1]), at.get(write[1])
    if ri is None or wi is None or ri == 0 or wi == 0 or ri >= wi:
        return False

    def calls(i, what):
        return re.search(rf"call\s+\S+ <__tsan_(unaligned_)?{what}{size}>$", insns[i][1])

    if not calls(ri - 1, "read") or not calls(wi - 1, "write"):
        return False
    op = mem_operand(insns[ri][1])
    if op is None or op != mem_operand(insns[wi][1]):
        return False
    if any(t.startswith("call") for _, t in insns[ri + 1:wi - 1]):
        return False
    nxt = next((t for _, t in insns[wi + 1:] if t.startswith("call")), "")
    return re.search(rf"<{entry['next_call']}>$", nxt) is not None


def frames_of_kernel(entry, frames):
    """No module frame in a stack; for an interrupt entry, none outside the interrupted part."""
    if entry.get("interrupted"):
        frames = frames[:len(entry["prefix"])] + frames[-len(entry["suffix"]):]
    return all(f[3] is None for f in frames)


def allowed_kernel_race(block, disasm):
    """The name of the KERNEL_RACES entry this KCSAN report is exactly, or None."""
    ours = any(MODULE_FRAME_RE.search(l) and not WORKQUEUE_LINE_RE.search(l) for l in block)
    title, accesses = parse_kcsan(block)
    for entry in KERNEL_RACES:
        if title != entry["title"] or len(accesses) != 2:
            continue
        if ours and not entry.get("interrupted"):
            continue
        kinds = sorted(a[0] for a in accesses)
        if kinds != ["read", "write"] or any(a[1] or a[2] != entry["size"] for a in accesses):
            continue
        chains_ok = all(stack_fits(entry, [f[0] for f in a[3]]) and
                        frames_of_kernel(entry, a[3]) for a in accesses)
        if not chains_ok:
            continue
        read = next(a for a in accesses if a[0] == "read")[3][0]
        write = next(a for a in accesses if a[0] == "write")[3][0]
        if kernel_race_code(entry, disasm, read, write):
            return entry["name"]
    return None


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


def judge(argv):
    """Judge the run in argv's RESULTS directory; 0 if nothing failed."""
    ap = argparse.ArgumentParser(prog="verdict.py")
    ap.add_argument("--kunit", required=True, help="path of tools/testing/kunit/kunit.py")
    ap.add_argument("--name", default="run")
    ap.add_argument("--quiet-reports", action="store_true",
                    help="self-test: do not print expected reports in full")
    ap.add_argument("--filtered", action="store_true",
                    help="a KUnit filter was given: a module whose suites it all filtered out "
                         "prints no KTAP, but the filter must match some test case")
    ap.add_argument("--vmlinux", help="the kernel image, to recognise allowed kernel races")
    ap.add_argument("results", help="directory holding console.log")
    args = ap.parse_args(argv)

    with open(os.path.join(args.results, "console.log"), errors="replace") as f:
        lines = [l.rstrip("\r\n") for l in f]
    steps = split_steps(lines)
    failures, passed = [], 0
    all_cases, groups = [], []

    # KUnit: one kunit.py parse per module load, so modules cannot confuse each other's KTAP.
    # A userspace program's step ("prog NAME", scripts/init.sh) is parsed the same way: its
    # KTAP goes to /dev/kmsg, and every program of the harness must print some.
    for n, step in enumerate(steps):
        if not step.mark.startswith(("load ", "fixture-load ", "prog ")):
            continue
        mod = step.mark.split()[1]
        text = "\n".join(step.lines) + "\n"
        has_ktap = "KTAP version" in text or "TAP version" in text
        expects_ktap = step.mark.startswith("prog ") or \
            re.search(r"(^|/)(kunit|stress)/", mod) is not None
        if not has_ktap:
            if expects_ktap and not args.filtered and not step.mark.startswith("fixture-load "):
                failures.append(f"{mod}: no KTAP output (module crashed or ran no suite)")
            continue
        ktap = "\n".join(l for l in step.lines if not KERNEL_MSG_RE.search(l)) + "\n"
        cases, obj = parse_kunit(args.kunit, ktap,
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

    # "allowed NAME" ... "allowed-end": a reproducer of an allowed kernel race; the entry
    # NAME must have matched a report there (the allow-list still fits this kernel).
    allowed_of_line, allowed_steps, cur = {}, [], None
    for step in steps:
        if step.mark.startswith("allowed "):
            cur = {"name": step.mark.split()[1], "found": 0}
            allowed_steps.append(cur)
        elif step.mark.startswith("allowed-end"):
            cur = None
        if cur is not None:
            for i in range(step.first, step.first + len(step.lines)):
                allowed_of_line[i] = cur

    disasm = Disassembly(args.vmlinux)
    unexpected, allowed = [], []
    for idx, cat in reports:
        if cat == "kcsan":
            name = allowed_kernel_race(kcsan_block(lines, idx), disasm)
            if name is not None:
                allowed.append({"line": idx + 1, "race": name})
                st = allowed_of_line.get(idx)
                if st is not None and st["name"] == name:
                    st["found"] += 1
                print(f"allowed kernel race {name} (console line {idx + 1}): "
                      f"{lines[idx].strip()[:120]}; see Documentation/harness.rst")
                continue
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

    for st in allowed_steps:
        # a reproducer only makes its race likely, and KCSAN reports a location at most once
        # per KCSAN_REPORT_ONCE_IN_MS: a report of the same race earlier in the boot proves
        # the entry against this kernel as well
        earlier = sum(1 for a in allowed if a["race"] == st["name"])
        if st["found"]:
            print(f"allow-list: {st['name']} matched {st['found']} report(s) of its reproducer")
            passed += 1
        elif earlier:
            print(f"allow-list: {st['name']} matched {earlier} report(s) earlier in the boot "
                  "(KCSAN reports a race once)")
            passed += 1
        else:
            failures.append(f"allow-list: {st['name']} matched no report of its reproducer")
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
               "allowed": allowed,
               "fixtures": [{"expect": fx["expect"], "found": sorted(fx["found"])}
                            for fx in fixtures]}
    with open(os.path.join(args.results, "verdict.json"), "w") as f:
        json.dump(verdict, f, indent=2)

    for msg in failures:
        print(f"FAIL {args.name}: {msg}")
    print(f"{args.name}: {len(all_cases)} test cases, {len(unexpected)} kernel reports, "
          f"{len(allowed)} allowed kernel races, {len(fixtures)} negative controls")
    print(f"{passed} passed, {len(failures)} failed")
    return 0 if not failures else 1


def load_verdict(path):
    """The verdict.json at path, or None if the run left none (or a broken one)."""
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def cmd_sum(argv):
    """make check's summary: each step's verdict with its first failures, then the total.

    A verdict file that is missing counts as one failure (the step did not finish). The total
    also goes to --out as {"passed", "failed", "seconds"}, which .ci/run adds up.
    """
    ap = argparse.ArgumentParser(prog="verdict.py sum")
    ap.add_argument("--seconds", type=int, default=0, help="the wall time of the whole run")
    ap.add_argument("--out", help="write the total here (JSON)")
    ap.add_argument("verdicts", nargs="*", help="verdict.json of each step, in order")
    args = ap.parse_args(argv)
    p = f = 0
    print("\n==== summary ====")
    for path in args.verdicts:
        v = load_verdict(path)
        if v is None:
            print(f"{path}: missing (the step did not finish)")
            f += 1
            continue
        print(f"{v['name']:<22} {v['passed']:>5} passed {v['failed']:>4} failed")
        for msg in v["failures"][:20]:
            print(f"    {msg}")
        p += v["passed"]
        f += v["failed"]
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as out:
            json.dump({"passed": p, "failed": f, "seconds": args.seconds}, out)
    print(f"check took {args.seconds} s")
    print(f"{p} passed, {f} failed")
    return 1 if f else 0


def cmd_total(argv):
    """.ci/run's total over its make targets, one line per target, then the sum.

    A SPEC is NAME, the total that `sum --out DIR/NAME.json` wrote (make check, make
    check-arm64), or NAME:CFG,CFG..., the verdicts DIR/CFG/NAME/verdict.json of a target
    that runs one plan under several kernels (make stress, make soak), with its wall time
    in DIR/NAME.seconds. A missing file counts as one failure.
    """
    ap = argparse.ArgumentParser(prog="verdict.py total")
    ap.add_argument("--results", default="results", help="the results directory")
    ap.add_argument("specs", nargs="+", metavar="SPEC")
    args = ap.parse_args(argv)
    res = args.results
    p = f = 0
    for spec in args.specs:
        name, _, configs = spec.partition(":")
        if not configs:
            v = load_verdict(f"{res}/{name}.json")
            if v is None:
                print(f"ci: {res}/{name}.json missing: that run did not finish")
                f += 1
                continue
            print(f"ci: make {name}: {v['passed']} passed, {v['failed']} failed, "
                  f"{v['seconds']} s")
            p += v["passed"]
            f += v["failed"]
            continue
        tp = tf = 0
        for cfg in configs.split(","):
            v = load_verdict(f"{res}/{cfg}/{name}/verdict.json")
            if v is None:
                print(f"ci: {res}/{cfg}/{name}/verdict.json missing: that run did not finish")
                tf += 1
                continue
            tp += v["passed"]
            tf += v["failed"]
        try:
            with open(f"{res}/{name}.seconds") as s:
                secs = s.read().strip()
        except OSError:
            secs = "?"
        print(f"ci: make {name}: {tp} passed, {tf} failed, {secs} s")
        p += tp
        f += tf
    print(f"{p} passed, {f} failed")
    return 1 if f else 0


def cmd_brief(argv):
    """One line on a run: "FAILED CATEGORIES | FIRST FAILURE" (categories of its kernel
    reports, "-" for none). A negative control reads it to tell whether its run failed.
    """
    ap = argparse.ArgumentParser(prog="verdict.py brief")
    ap.add_argument("verdict", help="the run's verdict.json")
    args = ap.parse_args(argv)
    v = load_verdict(args.verdict)
    if v is None:
        print("1 - | no verdict: the run did not finish")
        return 0
    cats = sorted({r["category"] for r in v.get("reports", [])})
    print(v["failed"], " ".join(cats) or "-", "|", (v["failures"] or ["-"])[0][:120])
    return 0


def cmd_caught(argv):
    """The verdict of a negative control, inverted: it passes only if the run in RESULTS
    holds a kernel report of one of the categories (the broken module was caught). Prints
    the first three such reports and the other categories seen.
    """
    ap = argparse.ArgumentParser(prog="verdict.py caught")
    ap.add_argument("--categories", required=True, help="comma-separated, e.g. kasan,kcsan")
    ap.add_argument("--name", default="negative", help="the control's name, for the output")
    ap.add_argument("results", help="the run's results directory")
    args = ap.parse_args(argv)
    cats = args.categories.split(",")
    v = load_verdict(os.path.join(args.results, "verdict.json"))
    if v is None:
        print(f"{args.name}: no verdict (the run did not finish)")
        print("0 passed, 1 failed")
        return 1
    with open(os.path.join(args.results, "console.log"), errors="replace") as f:
        lines = f.read().splitlines()
    hits = [r for r in v["reports"] if r["category"] in cats]
    for r in hits[:3]:
        print(f"caught: {r['category']} at console line {r['line']}: "
              f"{lines[r['line'] - 1].strip()}")
    others = sorted({r["category"] for r in v["reports"]} - set(cats))
    if others:
        print(f"other reports: {', '.join(others)}")
    if hits:
        print(f"{args.name}: the negative control was caught")
        print("1 passed, 0 failed")
        return 0
    print(f"{args.name}: NOT CAUGHT: no {' or '.join(c.upper() for c in cats)} report")
    print("0 passed, 1 failed")
    return 1


# what Sphinx and docutils print for a problem, and where a problem names its page
DOCS_PROBLEM = re.compile(r"WARNING|ERROR|SEVERE|CRITICAL|Traceback|^Error|error:")
DOCS_PAGE = re.compile(r"(Documentation/[\w.-]+?)(?:\.rst)?:\d+")
# what the control page (scripts/fixtures/docs/index.rst) must make the build say
DOCS_CONTROL = ("Title overline too short", "Malformed table", "kernel-doc '")


def lint_docs(res, pages):
    """The documentation checks of make lint: one per page of Documentation/, failed if a
    problem in RESULTS/docs.txt names it; one for the problems that name no page (a failed
    kernel-doc run, a broken configuration); one for the negative control, failed unless
    RESULTS/docs-control.txt holds each of DOCS_CONTROL. Nothing when docs.txt is absent.
    Returns (passed, failures).
    """
    try:
        with open(f"{res}/docs.txt") as f:
            lines = f.read().splitlines()
    except OSError:
        return 0, []
    named, unnamed = set(), []
    for line in lines:
        if not DOCS_PROBLEM.search(line):
            continue
        m = DOCS_PAGE.search(line)
        if m:
            named.add(m.group(1) + ".rst")
        else:
            unnamed.append(line.strip())
    failures = [f"docs: {p} (see results/lint/docs.txt)" for p in pages if p in named]
    failures += [f"docs: {line[:200]}" for line in unnamed[:5]]
    passed = len(pages) - len([p for p in pages if p in named]) + (0 if unnamed else 1)
    try:
        with open(f"{res}/docs-control.txt") as f:
            control = f.read()
    except OSError:
        control = ""
    missing = [m for m in DOCS_CONTROL if m not in control]
    if missing:
        failures.append("docs: the control page did not warn of " + ", ".join(missing))
    else:
        passed += 1
    return passed, failures


def cmd_lint(argv):
    """The verdict of make lint: one check per file and tool (checkpatch, kernel-doc,
    sparse), failed if the tool's output in RESULTS names the file. Writes
    RESULTS/verdict.json and prints the tools' output. Exits 0: the failures count in the
    summary of make check, as lint.sh always did.
    """
    ap = argparse.ArgumentParser(prog="verdict.py lint")
    ap.add_argument("results", help="results/lint, holding the tools' *.txt")
    ap.add_argument("files", nargs="*", help="every file that was checked")
    args = ap.parse_args(argv)
    res, files = args.results, args.files

    def flagged(name, pat):
        try:
            with open(f"{res}/{name}") as f:
                text = f.read()
        except OSError:
            return set()
        return set(re.findall(pat, text, re.M))

    bad = {
        "checkpatch": flagged("checkpatch.txt", r"^== checkpatch (\S+)"),
        "kernel-doc": flagged("kernel-doc.txt", r"^== kernel-doc (\S+)"),
        "sparse": flagged("sparse.txt", r"^([^:]+):\d+"),
    }
    passed, failures = 0, []
    for f in files:
        if f.endswith(".rst"):
            continue
        for tool, names in bad.items():
            if f in names:
                failures.append(f"{tool}: {f} (see results/lint/{tool}.txt)")
            else:
                passed += 1
    p, fl = lint_docs(res, [f for f in files if f.endswith(".rst")])
    passed += p
    failures += fl
    # the file-level call graph of driver/{fw,mmu,queue,xport} (scripts/calls.py, whose
    # output lint.sh always writes) is a DAG, and the includes follow it
    try:
        with open(f"{res}/calls.txt") as f:
            calls = f.read()
    except OSError:
        calls = None
    if calls is not None and ("error:" in calls or "no objects" in calls):
        failures.append("calls: a call cycle, or an include against the layers, in "
                        "driver/ (see results/lint/calls.txt)")
        print(calls.strip()[-4000:])
    elif calls is not None:
        passed += 1
    with open(f"{res}/verdict.json", "w") as out:
        json.dump({"name": "lint", "passed": passed, "failed": len(failures), "cases": [],
                   "failures": failures, "reports": []}, out, indent=2)
    for name in ("checkpatch.txt", "kernel-doc.txt", "sparse.txt", "docs.txt"):
        try:
            with open(f"{res}/{name}") as f:
                text = f.read().strip()
        except OSError:
            continue
        if text:
            print(text[:4000])
    print(f"lint: {len(files)} files, {passed} passed, {len(failures)} failed")
    return 0


COMMANDS = {"sum": cmd_sum, "total": cmd_total, "brief": cmd_brief, "caught": cmd_caught,
            "lint": cmd_lint}


def main():
    argv = sys.argv[1:]
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return judge(argv)


if __name__ == "__main__":
    sys.exit(main())
