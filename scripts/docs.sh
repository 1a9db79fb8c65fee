#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# docs.sh OUT [SOURCE]: builds the documentation in SOURCE (default Documentation/) as HTML
# into OUT with Sphinx and the kernel's own kernel-doc extension from the unpacked 6.12 source
# (Documentation/conf.py), from scratch (-E: every page read again, so every warning is
# printed every time). Prints Sphinx's warnings and errors; exits with sphinx-build's status.
# Part of make lint (lint.sh), which fails each page a warning names; `make docs` alone.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$1
src=${2:-$AGX_TOP/Documentation}
command -v sphinx-build >/dev/null || die "sphinx-build not found: run scripts/setup.sh"
rm -rf "$out"
mkdir -p "$out"
AGX_KSRC=$KSRC AGX_TOP=$AGX_TOP sphinx-build -E -q -j 1 -b html -c "$AGX_TOP/Documentation" \
	-d "$out/.doctrees" "$src" "$out"
