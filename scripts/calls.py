#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""calls.py: the file-level call graph of agx.ko, from its built objects; fails on a cycle
and on an include against the layers.

usage: calls.py MODULE_BUILD_DIR [DIR ...]

Reads the objects that make up agx.ko (driver/*.o and driver/<dir>/*.o, without the linked
agx.o, the *.mod.o and driver/sim, which is agx_sim.ko) with nm: a file A "calls" a file B
when A's object references (nm -u: calls, and addresses taken) a global symbol B defines.
Prints, for each file of the checked directories (DIR, default driver/fw driver/mmu
driver/queue driver/xport), the files it calls, then a layer order (callees first). Exits 1
if some files of a checked directory call each other in a cycle (a strongly connected
component of more than one file), naming each cycle; the layering the DAG must follow is
documented in the model DOC of each folder's public header (driver/fw/agx_fw.h "Firmware
layer model", driver/mmu/agx_mmu.h "Memory management model", driver/xport/agx_xport.h,
driver/queue/agx_queue.h).

It also reads the sources (#include "..." lines, resolved as the compiler does: the
including file's directory, then driver/, the -I of driver/Kbuild) and exits 1 when
- a file of driver/ (but driver/sim), kunit/, bench/ or stress/ includes with "../";
- a file of a checked directory includes the header of a file above it (X.h pairs with
  X.c: a file includes X.h, or a header of X's folder, while X calls it, directly or not);
- a file of a folder includes the folder's public header (agx_<folder>.h, for users
  outside the folder only), or the header of a file of its folder it does not call;
- a file calls a file of its folder whose header it does not include (so the includes of
  a file are exactly the files of its folder it calls: they show the layers).
A header X.h is checked as its file X.c; <folder>_types.h headers (types only) are free.
"""
import os
import re
import subprocess
import sys

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
RELATIVE_DIRS = ("driver", "kunit", "bench", "stress")


def objects(mdir):
    drv = os.path.join(mdir, "driver")
    for root, dirs, files in os.walk(drv):
        rel = os.path.relpath(root, mdir)
        if rel == "driver/sim" or rel.startswith("driver/sim/"):
            dirs[:] = []
            continue
        for f in sorted(files):
            if not f.endswith(".o") or f.endswith(".mod.o"):
                continue
            if rel == "driver" and f == "agx.o":
                continue
            yield os.path.join(rel, f[:-2] + ".c")


def nm(mdir, src, *args):
    obj = os.path.join(mdir, src[:-2] + ".o")
    out = subprocess.run([os.environ.get("NM", "nm"), *args, obj], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def graph(mdir):
    files = list(objects(mdir))
    owner = {}
    for f in files:
        for sym in nm(mdir, f, "--defined-only", "-g"):
            owner[sym] = f
    edges = {f: set() for f in files}
    for f in files:
        for sym in nm(mdir, f, "-u"):
            g = owner.get(sym)
            if g and g != f:
                edges[f].add(g)
    return edges


def sccs(edges):
    """Tarjan's strongly connected components, iterative."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = n
        n += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = n
                    n += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(sorted(comp))
    return out  # callees before callers


def cycle_path(edges, comp):
    """One cycle through the first file of a component, for the message."""
    start, members = comp[0], set(comp)
    prev, todo = {start: None}, [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(edges[v] & members):
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if w not in prev:
                prev[w] = v
                todo.append(w)
    return comp


def sources(mdir, top):
    """The C sources and headers under top (relative to mdir), without driver/sim."""
    for root, dirs, files in os.walk(os.path.join(mdir, top)):
        rel = os.path.relpath(root, mdir)
        if rel == "driver/sim" or rel.startswith("driver/sim/"):
            dirs[:] = []
            continue
        dirs.sort()
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                yield os.path.join(rel, f)


def includes(mdir, src):
    """The quoted includes of src: (as written, resolved path relative to mdir or None)."""
    with open(os.path.join(mdir, src), errors="replace") as f:
        text = f.read()
    for name in INCLUDE_RE.findall(text):
        path = None
        for base in (os.path.dirname(src), "driver"):
            cand = os.path.normpath(os.path.join(base, name))
            if os.path.isfile(os.path.join(mdir, cand)):
                path = cand
                break
        yield name, path


def reaches(edges, a, b):
    """Does file a call file b, directly or through other files?"""
    seen, todo = {a}, [a]
    while todo:
        for w in edges.get(todo.pop(), ()):
            if w == b:
                return True
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return False


def header_kind(h):
    """umbrella (agx_<folder>.h), types (*_types.h), or the .c file it pairs with."""
    d, base = os.path.split(h)
    if base.endswith("_types.h"):
        return "types", None
    if base == f"agx_{os.path.basename(d)}.h":
        return "umbrella", None
    return "file", h[:-2] + ".c"


def check_includes(mdir, edges, dirs):
    """The include errors of the files under driver/, kunit/, bench/ and stress/."""
    errs = []
    for top in RELATIVE_DIRS:
        for src in sources(mdir, top):
            for name, _ in includes(mdir, src):
                if name.startswith("../") or "/../" in name:
                    errs.append(f'{src}: #include "{name}": use the path from driver/ '
                                f"(the -I of the Kbuild), not ../")

    def checked(f):
        return any(f.startswith(d.rstrip("/") + "/") for d in dirs)

    for src in sources(mdir, "driver"):
        if not checked(src):
            continue
        kind, owner = ("file", src) if src.endswith(".c") else header_kind(src)
        if kind != "file":
            continue
        folder = os.path.dirname(src)
        if src.endswith(".h") and not os.path.isfile(os.path.join(mdir, owner)):
            continue
        included = set()
        for name, h in includes(mdir, src):
            if h is None or not h.startswith("driver/"):
                continue
            hkind, hfile = header_kind(h)
            hfolder = os.path.dirname(h)
            if hfolder == folder:
                if hkind == "umbrella":
                    errs.append(f"{src}: includes {h}, the public header of its own folder "
                                f"(for users outside it): include the headers of the "
                                f"files it calls")
                elif hkind == "file" and hfile != owner and owner in edges:
                    included.add(hfile)
                    if hfile in edges and reaches(edges, hfile, owner):
                        errs.append(f"{src}: includes {h}, the header of "
                                    f"{os.path.basename(hfile)}, a file above it (which "
                                    f"calls {os.path.basename(owner)})")
                    elif hfile in edges and hfile not in edges[owner]:
                        errs.append(f"{src}: includes {h}, but "
                                    f"{os.path.basename(owner)} calls nothing of "
                                    f"{os.path.basename(hfile)}")
                continue
            above = [g for g in edges if os.path.dirname(g) == hfolder and
                     (hkind != "file" or g == hfile) and reaches(edges, g, owner)]
            if above:
                errs.append(f"{src}: includes {h} of {hfolder}, above it "
                            f"({above[0]} calls {owner}, directly or not)")
        if src.endswith(".c") and owner in edges:
            for g in sorted(edges[owner]):
                if (os.path.dirname(g) == folder and
                        os.path.isfile(os.path.join(mdir, g[:-2] + ".h")) and
                        g not in included):
                    errs.append(f"{src}: calls {os.path.basename(g)} without including "
                                f"its header {g[:-2]}.h")
    return errs


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mdir = sys.argv[1]
    dirs = sys.argv[2:] or ["driver/fw", "driver/mmu", "driver/queue", "driver/xport"]
    edges = graph(mdir)
    if not edges:
        sys.exit(f"calls.py: no objects under {mdir}/driver (build the modules first)")

    def checked(f):
        return any(f.startswith(d.rstrip("/") + "/") for d in dirs)

    for f in sorted(x for x in edges if checked(x)):
        callees = sorted(edges[f])
        print(f"{f}: {' '.join(callees) if callees else '(leaf)'}")
    comps = sccs(edges)
    bad = [c for c in comps if len(c) > 1 and any(checked(f) for f in c)]
    for d in dirs:
        order = [c[0] for c in comps if len(c) == 1 and c[0].startswith(d.rstrip("/") + "/")]
        print(f"layers of {d} (callees first): {' '.join(os.path.basename(f) for f in order)}")
    for c in bad:
        print(f"calls.py: error: call cycle: {' -> '.join(cycle_path(edges, c))} "
              f"(files calling each other: {' '.join(c)})")
    inc = check_includes(mdir, edges, dirs)
    for e in inc:
        print(f"calls.py: error: include: {e}")
    print(f"calls.py: {len(edges)} files, {sum(map(len, edges.values()))} cross-file edges, "
          f"{len(bad)} cycles, {len(inc)} include errors")
    return 1 if bad or inc else 0


if __name__ == "__main__":
    sys.exit(main())
