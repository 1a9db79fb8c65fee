# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration of the project's documentation, built by scripts/docs.sh (part of
# `make lint`). The kernel-doc directive is the kernel's own Sphinx extension, taken from the
# unpacked 6.12 source; scripts/docs.sh passes its location as the environment variable
# AGX_KSRC, and the tree to document as AGX_TOP.
import os
import sys

ksrc = os.environ['AGX_KSRC']
sys.path.insert(0, os.path.join(ksrc, 'Documentation', 'sphinx'))

project = 'AGX driver stack and job queue'
copyright = 'The AGX driver authors'
extensions = ['kerneldoc']
master_doc = 'index'
exclude_patterns = []
primary_domain = 'c'
highlight_language = 'none'
html_theme = 'alabaster'

kerneldoc_bin = os.path.join(ksrc, 'scripts', 'kernel-doc')
kerneldoc_srctree = os.environ['AGX_TOP']
kerneldoc_verbosity = 0

# the kernel's attributes in declarations (as the kernel's own Documentation/conf.py lists
# them), so that the C domain parses prototypes such as "void __iomem *asc"
c_id_attributes = [
    '__iomem', '__user', '__force', '__rcu', '__percpu', '__must_check', '__init',
    '__exit', '__always_inline', 'noinline',
]
