# SPDX-License-Identifier: GPL-2.0
#
# Top-level Makefile. The module build itself is Kbuild's (see ./Kbuild); these targets drive
# the harness in scripts/. `make help` lists them. Kbuild reads ./Kbuild, never this file.

SHELL := /bin/bash
CONFIG ?= debug
S := scripts

.PHONY: help setup kernels modules run check check-arm64 fw-layouts selftest lint docs test stress stress-negative sched-negative sim-negative soak bench clean

help:
	@echo "make run        the AGX workload through jq to the simulated firmware (results/run.json)"
	@echo "make check      all tests: lint, detector self-test, KUnit (debug), stress (kcsan)"
	@echo "make selftest   negative controls: every detector must catch its fixture"
	@echo "make check-arm64  arm64/16K pages (Asahi): cross-build, qemu-system-aarch64, KUnit"
	@echo "make test       the modules scripts/modules.manifest tags CONFIG (CONFIG=$(CONFIG))"
	@echo "make stress     jobqueue stress/race run, kcsan and debug (STRESS_SECONDS=120)"
	@echo "make stress-negative  jobqueue built with a reference removed: stress must fail"
	@echo "make sched-negative   jobqueue built without each guarantee: its KUnit test must fail"
	@echo "make sim-negative     agx_sim built without each of its checks: its KUnit test must fail"
	@echo "make soak       agx.ko soak, every injection at random, debug and kcsan (SOAK_SECONDS=120)"
	@echo "make bench      benchmarks against drm_sched on the perf kernel"
	@echo "make lint       checkpatch --strict, sparse, kernel-doc, the Sphinx build of the docs"
	@echo "make docs       Documentation/ as HTML in results/docs/"
	@echo "make fw-layouts results/fw-layouts.json: firmware struct sizes/offsets per version"
	@echo "make kernels    build the debug, kcsan and perf test kernels (cached)"
	@echo "make modules    build the modules for CONFIG, or for any tree with KDIR=<build dir>"
	@echo "make setup      install Debian packages, unpack the kernel source (idempotent)"
	@echo "make clean      remove results/ (the kernel cache is in \$$AGX_CACHE)"
	@echo "One suite: make test KUNIT_FILTER='jq_basic*'; see README.md"

setup:
	@$(S)/setup.sh

kernels: setup
	@for c in debug kcsan perf; do $(S)/kernel.sh $$c >/dev/null || exit 1; done

ifneq ($(KDIR),)
modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules
else
modules: setup
	@$(S)/modules.sh $(CONFIG)
endif

run: setup
	@rc=0; $(S)/run.sh -p $(S)/plan/workload.plan debug run || rc=$$?; \
	python3 $(S)/run-report.py results/debug/run results/run.json || rc=1; exit $$rc

check: setup fw-layouts
	@$(S)/check.sh

# arm64 with 16 KiB pages, as Asahi runs: the modules scripts/modules.manifest tags arm64,
# under the cross-built arm64 debug kernel in qemu-system-aarch64. Last line: "N passed, N
# failed".
check-arm64: setup
	@CHECK_NAME=check-arm64 $(S)/check.sh arm64

selftest: setup
	@$(S)/check.sh selftest

# Sizes and field offsets of the firmware structures per firmware/GPU combination, from the
# C structs (a host build of include/agx/fw/ and driver/fw/layouts.c; also re-checks their
# static assertions). Documentation/agx-firmware.rst.
FW_NAMED := include/agx/fw/types.h include/agx/fw/hwdata.h include/agx/fw/initdata.h
fw-layouts:
	@mkdir -p results
	@python3 $(S)/fw-layouts/names-check.py --emit results/fw-initdata-fields.h $(FW_NAMED) > results/fw-names-check.txt
	@sed '/u32 unk_3c04;/d' include/agx/fw/hwdata.h > results/fw-names-nc.h
	@if python3 $(S)/fw-layouts/names-check.py include/agx/fw/types.h results/fw-names-nc.h include/agx/fw/initdata.h >/dev/null 2>&1; then \
		echo "fw-layouts: names-check missed a dropped HwDataA field (negative control)"; exit 1; fi
	@tail -1 results/fw-names-check.txt; echo "fw-layouts: names-check negative control caught a dropped field"
	@$(or $(HOSTCC),cc) -std=gnu11 -Wall -Wextra -Werror -D"__packed=__attribute__((packed))" -I $(S)/fw-layouts -I include -I results \
		-o results/fw-layouts-gen $(S)/fw-layouts/fw-layouts.c
	@results/fw-layouts-gen > results/fw-layouts.json
	@echo "fw-layouts: results/fw-layouts.json"

lint: setup
	@$(S)/check.sh lint

test: setup
	@$(S)/check.sh $(CONFIG)

# the jobqueue stress and race test: scripts/stress-run.sh, Documentation/harness.rst
stress: setup
	@$(S)/stress-run.sh

stress-negative: setup
	@$(S)/stress-negative.sh

sched-negative: setup
	@$(S)/negative.sh jq

sim-negative: setup
	@$(S)/negative.sh sim

# the driver soak: scripts/soak.sh, stress/agx_soak.c, Documentation/harness.rst
soak: setup
	@$(S)/soak.sh

bench: setup
	@$(S)/bench.sh

# Documentation/ as HTML, with the kernel-doc of the sources (scripts/docs.sh)
docs: setup
	@$(S)/docs.sh results/docs && echo "results/docs/index.html"

clean:
	rm -rf results
