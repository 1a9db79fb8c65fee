#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""calls.py: the file-level call graph of a module, from its built objects; fails on a cycle.

usage: calls.py MODULE_BUILD_DIR [--mod PATH.mod] [DIR ...]

Reads the objects that make up agx.ko (driver/*.o and driver/<dir>/*.o, without the linked
agx.o, the *.mod.o and driver/sim, which is agx_sim.ko), or with --mod those that Kbuild
lists in the module's PATH.mod (relative to MODULE_BUILD_DIR: driver/sim/agx_sim.mod for
agx_sim.ko), with nm: a file A "calls" a file B when A's object references (nm -u: calls,
and addresses taken) a global symbol B defines. Prints, for each file of the checked
directories (DIR, default driver/fw driver/mmu), the files it calls, then a layer order
(callees first). Exits 1 if some files of a checked directory call each other in a cycle
(a strongly connected component of more than one file), naming each cycle; the layering
the DAG must follow is documented in driver/fw/agx_fw.h ("Firmware layer model"),
driver/mmu/agx_mmu.h ("Layers") and driver/sim/agx_sim_types.h ("Simulator layer model").
"""
import os
import subprocess
import sys


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


def mod_objects(mdir, mod):
    """The objects Kbuild lists in a module's .mod file, as sources relative to mdir."""
    with open(os.path.join(mdir, mod)) as f:
        for line in f.read().split():
            rel = os.path.relpath(os.path.join(mdir, line), mdir)
            if rel.endswith(".o"):
                yield rel[:-2] + ".c"


def nm(mdir, src, *args):
    obj = os.path.join(mdir, src[:-2] + ".o")
    out = subprocess.run([os.environ.get("NM", "nm"), *args, obj], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def graph(mdir, mod=None):
    files = list(mod_objects(mdir, mod) if mod else objects(mdir))
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


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mdir, args, mod = sys.argv[1], sys.argv[2:], None
    if args[:1] == ["--mod"] and len(args) > 1:
        mod, args = args[1], args[2:]
    dirs = args or ["driver/fw", "driver/mmu"]
    try:
        edges = graph(mdir, mod)
    except OSError as e:
        sys.exit(f"calls.py: no objects: {e} (build the modules first)")
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
    print(f"calls.py: {len(edges)} files, {sum(map(len, edges.values()))} cross-file edges, "
          f"{len(bad)} cycles")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
