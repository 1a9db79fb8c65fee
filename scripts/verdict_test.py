#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Unit test of scripts/verdict.py: its allow-list of kernel races (KERNEL_RACES), and its
subcommands (sum, total, brief, caught, lint).

The fixtures are real: scripts/fixtures/kcsan-wq-pwq-stats.log is the KCSAN report that
scripts/selftest/kr_wq_stats.ko produced on the kcsan kernel, process_one_work.dis the
objdump of that kernel's process_one_work() around the two accesses; kcsan-wq-cpu-time.log
and wq_worker_tick.dis the same for the second allowed race (caught in a make check run). The allowed report
must match; every variant that is not exactly that race must not: above all any report
with a module frame in it. The WholeVerdict cases run the whole verdict on a console log; the
Subcommands cases run verdict.py's sum, total, brief, caught and lint on their input files.

Writes results/verdict-test/verdict.json (the harness's format) and prints
"N passed, N failed".
"""

import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import verdict  # noqa: E402

FIX = os.path.join(HERE, "fixtures")
REPORT = open(os.path.join(FIX, "kcsan-wq-pwq-stats.log")).read().splitlines()


TICK_REPORT = open(os.path.join(FIX, "kcsan-wq-cpu-time.log")).read().splitlines()
# the stored excerpts of the kcsan kernel's functions, by (name, size)
FUNCTIONS = {("process_one_work", 0xbc0): "process_one_work.dis",
             ("wq_worker_tick", 0x230): "wq_worker_tick.dis"}


class FakeDisassembly:
    """verdict.Disassembly on the stored excerpts of process_one_work(), wq_worker_tick()."""

    def __init__(self, present=True):
        self.present = present

    def function(self, name, size):
        if not self.present or (name, size) not in FUNCTIONS:
            return None
        out = []
        for line in open(os.path.join(FIX, FUNCTIONS[(name, size)])):
            off, text = line.rstrip("\n").split("\t", 1)
            out.append((int(off, 16), text))
        return out


def edit(old, new, count=1):
    """The fixture report with old replaced by new (count times)."""
    text = "\n".join(REPORT)
    assert old in text, old
    return text.replace(old, new, count).splitlines()


def match(lines, disasm=None):
    return verdict.allowed_kernel_race(verdict.kcsan_block(lines, 1),
                                       disasm or FakeDisassembly())


class AllowList(unittest.TestCase):
    def test_the_kernel_race_is_allowed(self):
        self.assertEqual(match(REPORT), "wq-pwq-stats-completed")

    def test_workqueue_line_of_ours_is_not_a_frame(self):
        lines = edit("Workqueue: kr_wq_stats kr_wq_stats_fn [kr_wq_stats]",
                     "Workqueue: jobqueue jq_queue_work [jobqueue]")
        self.assertEqual(match(lines), "wq-pwq-stats-completed")

    def test_our_frame_in_a_stack_fails(self):
        lines = edit(" worker_thread+0x32f/0x5d0",
                     " jq_queue_work+0x1c/0x90 [jobqueue]\n[   11.406311]  worker_thread+0x32f/0x5d0")
        self.assertIsNone(match(lines))

    def test_our_frame_on_top_fails(self):
        lines = edit("process_one_work+0x51e/0xbc0", "jq_queue_work+0x51e/0xbc0 [jobqueue]")
        self.assertIsNone(match(lines))

    def test_our_function_named_like_the_kernel_one_fails(self):
        lines = edit("process_one_work+0x50a/0xbc0", "process_one_work+0x50a/0xbc0 [agx]")
        self.assertIsNone(match(lines))

    def test_any_module_frame_anywhere_fails(self):
        lines = edit("value changed:", "  agx_sim_thread+0x10/0x200 [agx_sim]\nvalue changed:")
        self.assertIsNone(match(lines))

    def test_race_in_our_work_function_fails(self):
        lines = edit("data-race in process_one_work / process_one_work",
                     "data-race in nc_kcsan_wq_fn / nc_kcsan_wq_fn")
        lines = "\n".join(lines).replace(
            " process_one_work+", " nc_kcsan_wq_fn+0x20/0x60 [nc_kcsan_wq]\n"
            "[   11.405308]  process_one_work+").splitlines()
        self.assertIsNone(match(lines))

    def test_other_statement_of_process_one_work_fails(self):
        # the __tsan_read8 at +0x54b/+0x550 is another statement (not followed by the write)
        lines = edit("process_one_work+0x50a/0xbc0", "process_one_work+0x550/0xbc0")
        self.assertIsNone(match(lines))

    def test_write_not_at_the_statement_fails(self):
        lines = edit("process_one_work+0x51e/0xbc0", "process_one_work+0x550/0xbc0")
        self.assertIsNone(match(lines))

    def test_other_size_fails(self):
        lines = edit("of 8 bytes", "of 4 bytes", 2)
        self.assertIsNone(match(lines))

    def test_marked_access_fails(self):
        lines = edit("read to", "read (marked) to")
        self.assertIsNone(match(lines))

    def test_other_caller_fails(self):
        lines = edit("worker_thread+0x32f/0x5d0", "some_kernel_fn+0x32f/0x5d0")
        self.assertIsNone(match(lines))

    def test_race_in_work_function_without_its_frame_fails(self):
        # A real report of nc_wqrace's race while it was named nc_kcsan_wq: KCSAN dropped
        # its frame (the name had "kcsan_" in it), leaving only kernel frames; its accesses
        # sit at the return address of the work function's call, not on the statement.
        lines = open(os.path.join(FIX, "kcsan-work-fn-without-frame.log")).read().splitlines()
        self.assertIsNone(match(lines))

    def test_without_the_kernel_image_nothing_is_allowed(self):
        self.assertIsNone(match(REPORT, FakeDisassembly(present=False)))
        self.assertIsNone(verdict.allowed_kernel_race(verdict.kcsan_block(REPORT, 1),
                                                      verdict.Disassembly(None)))


class TickRace(unittest.TestCase):
    """The second allowed race: wq_worker_tick()'s CPU-time statistic, from two ticks."""

    def tick(self, old=None, new=None, disasm=None):
        text = "\n".join(TICK_REPORT)
        if old is not None:
            assert old in text, old
            text = text.replace(old, new, 1)
        return verdict.allowed_kernel_race(verdict.kcsan_block(text.splitlines(), 1),
                                           disasm or FakeDisassembly())

    def test_the_tick_race_is_allowed(self):
        self.assertEqual(self.tick(), "wq-pwq-stats-cpu-time")

    def test_tick_interrupting_our_code_is_allowed(self):
        # the interrupted work is not part of either access (seen in kcsan/soak: the tick
        # landed in agx_chan_put() under a jq_queue_work() pass)
        self.assertEqual(self.tick(" _raw_spin_unlock_irq+0x2b/0x40",
                                   " jq_queue_work+0x1c/0x90 [jobqueue]"),
                         "wq-pwq-stats-cpu-time")

    def test_our_frame_in_the_tick_path_fails(self):
        self.assertIsNone(self.tick(" hrtimer_interrupt+0x1c1/0x3b0",
                                    " hrtimer_interrupt+0x1c1/0x3b0 [agx]"))

    def test_tick_race_of_another_interrupt_fails(self):
        self.assertIsNone(self.tick(" asm_sysvec_apic_timer_interrupt+0x1a/0x20",
                                    " asm_common_interrupt+0x1a/0x20"))

    def test_our_frame_in_the_kworker_base_fails(self):
        self.assertIsNone(self.tick(" kthread+0x184/0x1c0", " kthread+0x184/0x1c0 [jobqueue]"))

    def test_tick_race_outside_a_kworker_fails(self):
        self.assertIsNone(self.tick(" worker_thread+0x32f/0x5d0", " do_idle+0x10/0x90"))

    def test_other_statement_of_wq_worker_tick_fails(self):
        self.assertIsNone(self.tick(" wq_worker_tick+0x65/0x230", " wq_worker_tick+0x73/0x230"))

    def test_tick_race_without_the_kernel_image_fails(self):
        self.assertIsNone(self.tick(disasm=FakeDisassembly(present=False)))


class Categories(unittest.TestCase):
    def test_simulator_violation_is_a_report(self):
        line = "[   26.09] agx_sim: violation: running RingState 0xffffffa800078400 is not live"
        self.assertEqual(verdict.classify(line), "agx-sim")

    def test_expected_simulator_violation_is_not(self):
        line = "[   26.09] agx_sim: expected violation: ring write pointer 0x503 outside"
        self.assertIsNone(verdict.classify(line))


class WholeVerdict(unittest.TestCase):
    """The verdict of a run whose log holds the report: allowed, or failed with our frame."""

    def run_verdict(self, report, vmlinux_fake=True, steps=None):
        with tempfile.TemporaryDirectory() as d:
            log = ["[    1.0] AGX-MARK: start", "[    1.1] AGX-MARK: load x.ko"] + report + \
                  (steps or []) + ["[    9.0] AGX-MARK: done"]
            with open(os.path.join(d, "console.log"), "w") as f:
                f.write("\n".join(log) + "\n")
            real = verdict.Disassembly
            verdict.Disassembly = lambda _v: FakeDisassembly(vmlinux_fake)
            argv = sys.argv
            sys.argv = ["verdict.py", "--kunit", "/nonexistent", "--vmlinux", "fake", d]
            try:
                with open(os.devnull, "w") as null:
                    out, sys.stdout = sys.stdout, null
                    try:
                        rc = verdict.main()
                    finally:
                        sys.stdout = out
            finally:
                verdict.Disassembly, sys.argv = real, argv
            return rc, json.load(open(os.path.join(d, "verdict.json")))

    def test_allowed_report_passes_the_run(self):
        rc, v = self.run_verdict(REPORT)
        self.assertEqual(rc, 0)
        self.assertEqual(len(v["allowed"]), 1)

    def test_report_with_our_frame_fails_the_run(self):
        rc, v = self.run_verdict(edit("process_one_work+0x51e/0xbc0",
                                      "jq_queue_work+0x51e/0xbc0 [jobqueue]"))
        self.assertEqual(rc, 1)
        self.assertEqual([r["category"] for r in v["reports"]], ["kcsan"])

    def test_report_without_image_fails_the_run(self):
        rc, _ = self.run_verdict(REPORT, vmlinux_fake=False)
        self.assertEqual(rc, 1)

    ALLOWED_STEP = ["[    5.0] AGX-MARK: allowed wq-pwq-stats-completed",
                    "[    6.0] AGX-MARK: allowed-end wq-pwq-stats-completed"]

    def test_reproducer_proven_by_an_earlier_report(self):
        # KCSAN reports a race once: the earlier step's report proves the entry
        rc, v = self.run_verdict(REPORT, steps=self.ALLOWED_STEP)
        self.assertEqual(rc, 0)

    def test_reproducer_without_any_report_fails(self):
        rc, v = self.run_verdict([], steps=self.ALLOWED_STEP)
        self.assertEqual(rc, 1)
        self.assertIn("allow-list: wq-pwq-stats-completed matched no report of its reproducer",
                      v["failures"])


KUNIT_PY = os.path.join(os.path.expanduser(os.environ.get("AGX_CACHE", "~/.cache/agx")),
                        "src", "linux-source-6.12", "tools", "testing", "kunit", "kunit.py")


def ktap_lines(results):
    """A userspace program's KTAP (tests/uapi/ktap.c) as /dev/kmsg puts it in the log."""
    out = ["KTAP version 1", "1..1", "    KTAP version 1", "    # Subtest: s",
           f"    1..{len(results)}"]
    out += [f"    ok {i + 1} c{i} # SKIP no ioctl" if r == "skip" else f"    {r} {i + 1} c{i}"
            for i, r in enumerate(results)]
    out.append(("not ok" if "not ok" in results else "ok") + " 1 s")
    return [f"[    2.{i:06d}] {l}" for i, l in enumerate(out)]


@unittest.skipUnless(os.path.exists(KUNIT_PY), "no unpacked kernel source (kunit.py)")
class ProgSteps(unittest.TestCase):
    """The "prog NAME" steps of scripts/init.sh: a userspace program's KTAP is judged like a
    KUnit module's, and a program without KTAP or that crashed fails the run."""

    def judge(self, step):
        with tempfile.TemporaryDirectory() as d:
            log = ["[    1.0] AGX-MARK: start", "[    1.1] AGX-MARK: prog agx-uapi-test"] + \
                step + ["[    8.0] AGX-MARK: prog-end agx-uapi-test", "[    9.0] AGX-MARK: done"]
            with open(os.path.join(d, "console.log"), "w") as f:
                f.write("\n".join(log) + "\n")
            rc, _ = run_main(["--kunit", KUNIT_PY, d])
            return rc, json.load(open(os.path.join(d, "verdict.json")))

    def test_cases_of_a_program_count(self):
        rc, v = self.judge(ktap_lines(["ok", "ok", "skip"]))
        self.assertEqual((rc, v["passed"], v["failed"]), (0, 3, 0))
        self.assertEqual({c["module"] for c in v["cases"]}, {"agx-uapi-test"})

    def test_a_failed_case_fails_the_run(self):
        rc, v = self.judge(ktap_lines(["ok", "not ok"]))
        self.assertEqual((rc, v["passed"], v["failed"]), (1, 1, 1))

    def test_kernel_messages_between_ktap_lines_are_not_ktap(self):
        # as seen on arm64: a GPU fault of a job in flight, printed between a suite's
        # "KTAP version 1" and its "# Subtest:"; kunit.py alone made an ERROR case of it
        lines = ktap_lines(["ok", "ok"])
        fault = "[    2.000003] agx-sim-gpu agx-sim-gpu.0.auto: agx: GPU fault, info 0x1"
        lines[3:3] = [fault, "[    2.000003] agx: queue 3 dropped"]
        rc, v = self.judge(lines)
        self.assertEqual((rc, v["passed"], v["failed"]), (0, 2, 0))

    def test_a_program_without_ktap_fails(self):
        rc, v = self.judge(["[    2.0] agx-uapi-test: not found"])
        self.assertEqual(rc, 1)
        self.assertIn("no KTAP output", v["failures"][0])

    def test_a_crashed_program_fails(self):
        rc, v = self.judge(ktap_lines(["ok"]) +
                           ["[    3.0] AGX-MARK: FAIL prog agx-uapi-test rc=139"])
        self.assertEqual((rc, v["passed"], v["failed"]), (1, 1, 1))


def run_main(argv):
    """verdict.main() with argv as the command line: (exit status, stdout)."""
    saved, sys.argv = sys.argv, ["verdict.py"] + argv
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            rc = verdict.main()
    finally:
        sys.argv = saved
    return rc, out.getvalue().splitlines()


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f)


def a_verdict(name, passed, failures=(), reports=()):
    return {"name": name, "passed": passed, "failed": len(failures),
            "failures": list(failures), "cases": [],
            "reports": [{"line": l, "category": c} for l, c in reports]}


class Subcommands(unittest.TestCase):
    """verdict.py sum, total, brief, caught and lint: the totals the harness scripts print."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.d = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_sum_adds_steps_and_writes_the_total(self):
        a, b = os.path.join(self.d, "a.json"), os.path.join(self.d, "b.json")
        write_json(a, a_verdict("lint", 240))
        write_json(b, a_verdict("debug/check", 120, ["m.ko: test case x: FAIL"]))
        out = os.path.join(self.d, "res", "check.json")
        rc, lines = run_main(["sum", "--seconds", "7", "--out", out, a, b])
        self.assertEqual(rc, 1)
        self.assertEqual(lines[-1], "360 passed, 1 failed")
        self.assertIn("    m.ko: test case x: FAIL", lines)
        self.assertEqual(json.load(open(out)), {"passed": 360, "failed": 1, "seconds": 7})

    def test_sum_counts_a_missing_step_as_failed(self):
        a = os.path.join(self.d, "a.json")
        write_json(a, a_verdict("lint", 3))
        rc, lines = run_main(["sum", a, os.path.join(self.d, "none.json")])
        self.assertEqual(rc, 1)
        self.assertEqual(lines[-1], "3 passed, 1 failed")

    def test_total_of_summaries_and_per_kernel_verdicts(self):
        write_json(os.path.join(self.d, "check.json"), {"passed": 485, "failed": 0,
                                                        "seconds": 387})
        write_json(os.path.join(self.d, "kcsan", "stress", "verdict.json"),
                   a_verdict("kcsan/stress", 8))
        write_json(os.path.join(self.d, "debug", "stress", "verdict.json"),
                   a_verdict("debug/stress", 9))
        with open(os.path.join(self.d, "stress.seconds"), "w") as f:
            f.write("304\n")
        rc, lines = run_main(["total", "--results", self.d, "check", "stress:kcsan,debug"])
        self.assertEqual(rc, 0)
        self.assertEqual(lines, ["ci: make check: 485 passed, 0 failed, 387 s",
                                 "ci: make stress: 17 passed, 0 failed, 304 s",
                                 "502 passed, 0 failed"])

    def test_total_counts_a_missing_run_as_failed(self):
        write_json(os.path.join(self.d, "debug", "soak", "verdict.json"),
                   a_verdict("debug/soak", 5))
        rc, lines = run_main(["total", "--results", self.d, "check-arm64", "soak:debug,kcsan"])
        self.assertEqual(rc, 1)
        self.assertEqual(lines[-2], "ci: make soak: 5 passed, 1 failed, ? s")
        self.assertEqual(lines[-1], "5 passed, 2 failed")

    def test_brief_names_failures_and_report_categories(self):
        v = os.path.join(self.d, "verdict.json")
        write_json(v, a_verdict("debug/neg", 3, ["kernel report: kasan at console line 9: x",
                                                 "another"],
                                [(9, "kasan"), (20, "kasan"), (30, "warning")]))
        rc, lines = run_main(["brief", v])
        self.assertEqual(rc, 0)
        self.assertEqual(lines, ["2 kasan warning | kernel report: kasan at console line 9: x"])
        write_json(v, a_verdict("debug/neg", 3))
        self.assertEqual(run_main(["brief", v])[1], ["0 - | -"])

    def test_brief_without_a_verdict_is_a_failure(self):
        rc, lines = run_main(["brief", os.path.join(self.d, "none.json")])
        self.assertEqual(rc, 0)
        self.assertEqual(lines, ["1 - | no verdict: the run did not finish"])

    def test_caught_passes_only_with_a_report_of_its_category(self):
        with open(os.path.join(self.d, "console.log"), "w") as f:
            f.write("boot\n[ 5.0] BUG: KASAN: slab-use-after-free in jq_fence_release\n")
        v = os.path.join(self.d, "verdict.json")
        write_json(v, a_verdict("debug/negative", 1, ["x"], [(2, "kasan")]))
        rc, lines = run_main(["caught", "--categories", "kasan,kcsan", "--name", "neg", self.d])
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "caught: kasan at console line 2: "
                                   "[ 5.0] BUG: KASAN: slab-use-after-free in jq_fence_release")
        self.assertEqual(lines[-1], "1 passed, 0 failed")
        write_json(v, a_verdict("debug/negative", 1, ["x"], [(2, "warning")]))
        rc, lines = run_main(["caught", "--categories", "kasan,kcsan", "--name", "neg", self.d])
        self.assertEqual(rc, 1)
        self.assertIn("other reports: warning", lines)
        self.assertEqual(lines[-1], "0 passed, 1 failed")

    def test_lint_fails_each_file_a_tool_names(self):
        with open(os.path.join(self.d, "checkpatch.txt"), "w") as f:
            f.write("== checkpatch sched/a.c\nWARNING: LONG_LINE: line too long\n")
        with open(os.path.join(self.d, "sparse.txt"), "w") as f:
            f.write("driver/b.c:12:3: warning: incorrect type in assignment\n")
        rc, lines = run_main(["lint", self.d, "sched/a.c", "driver/b.c", "kunit/c.c"])
        self.assertEqual(rc, 0)
        self.assertEqual(lines[-1], "lint: 3 files, 7 passed, 2 failed")
        v = json.load(open(os.path.join(self.d, "verdict.json")))
        self.assertEqual(v["failures"], ["checkpatch: sched/a.c (see results/lint/checkpatch.txt)",
                                         "sparse: driver/b.c (see results/lint/sparse.txt)"])

    def write_docs(self, docs, control):
        with open(os.path.join(self.d, "docs.txt"), "w") as f:
            f.write(docs)
        with open(os.path.join(self.d, "docs-control.txt"), "w") as f:
            f.write(control)

    CONTROL = ("x/index.rst:3: WARNING: Title overline too short.\n"
               "x/index.rst:14: ERROR: Malformed table.\n"
               "WARNING: kernel-doc 'kernel-doc -rst x.c' failed with return code 1\n")

    def test_lint_fails_each_page_sphinx_names(self):
        self.write_docs("/t/Documentation/a:474: /t/driver/x.c:9: WARNING: Duplicate C "
                        "declaration\n/t/Documentation/b.rst:3: ERROR: Malformed table.\n",
                        self.CONTROL)
        pages = ["Documentation/a.rst", "Documentation/b.rst", "Documentation/c.rst"]
        rc, lines = run_main(["lint", self.d] + pages)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[-1], "lint: 3 files, 3 passed, 2 failed")
        v = json.load(open(os.path.join(self.d, "verdict.json")))
        self.assertEqual(v["failures"], ["docs: Documentation/a.rst (see results/lint/docs.txt)",
                                         "docs: Documentation/b.rst (see results/lint/docs.txt)"])

    def test_lint_fails_a_docs_problem_without_a_page(self):
        self.write_docs("WARNING: kernel-doc 'kernel-doc x.c' failed with return code 1\n",
                        self.CONTROL)
        rc, lines = run_main(["lint", self.d, "Documentation/a.rst"])
        self.assertEqual(lines[-1], "lint: 1 files, 2 passed, 1 failed")
        v = json.load(open(os.path.join(self.d, "verdict.json")))
        self.assertTrue(v["failures"][0].startswith("docs: WARNING: kernel-doc"))

    def test_lint_fails_a_docs_control_that_did_not_warn(self):
        self.write_docs("", "x/index.rst:3: WARNING: Title overline too short.\n")
        rc, lines = run_main(["lint", self.d, "Documentation/a.rst"])
        self.assertEqual(lines[-1], "lint: 1 files, 2 passed, 1 failed")
        v = json.load(open(os.path.join(self.d, "verdict.json")))
        self.assertEqual(v["failures"], ["docs: the control page did not warn of "
                                         "Malformed table, kernel-doc '"])

    def test_lint_fails_a_call_cycle(self):
        with open(os.path.join(self.d, "calls.txt"), "w") as f:
            f.write("calls.py: error: cycle driver/fw/a.c -> driver/fw/b.c -> driver/fw/a.c\n")
        rc, lines = run_main(["lint", self.d, "sched/a.c"])
        self.assertEqual(rc, 0)
        self.assertEqual(lines[-1], "lint: 1 files, 3 passed, 1 failed")
        v = json.load(open(os.path.join(self.d, "verdict.json")))
        self.assertEqual(v["failures"], ["calls: a call cycle, or an include against the "
                                         "layers, in driver/ (see results/lint/calls.txt)"])

    def test_lint_fails_an_include_against_the_layers(self):
        with open(os.path.join(self.d, "calls.txt"), "w") as f:
            f.write("calls.py: error: include: driver/mmu/slots.c: includes driver/mmu/vm.h, "
                    "the header of vm.c, a file above it (which calls slots.c)\n")
        rc, lines = run_main(["lint", self.d, "sched/a.c"])
        self.assertEqual(rc, 0)
        self.assertEqual(lines[-1], "lint: 1 files, 3 passed, 1 failed")

    def test_lint_passes_a_dag(self):
        with open(os.path.join(self.d, "calls.txt"), "w") as f:
            f.write("driver/fw/a.c: driver/fw/b.c\nlayers: driver/fw/b.c driver/fw/a.c\n")
        rc, lines = run_main(["lint", self.d, "sched/a.c"])
        self.assertEqual(lines[-1], "lint: 1 files, 4 passed, 0 failed")

    def test_lint_without_output_passes_every_check(self):
        rc, lines = run_main(["lint", self.d, "sched/a.c", "driver/b.c"])
        self.assertEqual(rc, 0)
        self.assertEqual(lines, ["lint: 2 files, 6 passed, 0 failed"])

    def test_caught_without_a_verdict_fails(self):
        rc, lines = run_main(["caught", "--categories", "kasan", self.d])
        self.assertEqual(rc, 1)
        self.assertEqual(lines[-1], "0 passed, 1 failed")


def main():
    res = os.path.join(HERE, "..", "results", "verdict-test")
    os.makedirs(res, exist_ok=True)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failures = [f"{t.id()}: {msg.splitlines()[-1]}" for t, msg in result.failures + result.errors]
    passed = result.testsRun - len(failures)
    with open(os.path.join(res, "verdict.json"), "w") as f:
        json.dump({"name": "verdict-test", "passed": passed, "failed": len(failures),
                   "cases": [], "failures": failures, "reports": []}, f, indent=2)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
