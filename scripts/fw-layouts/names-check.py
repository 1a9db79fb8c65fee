#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the transcription of the InitData structures against their field names.

The Asahi driver (fw/initdata.rs) names unknown fields after their offset in the
firmware 12.3 layout: unk_3c00 sits at 0x3c00. include/agx/fw/hwdata.h and initdata.h
hold the 13.5 layout and mark each field that newer firmware added with its version in a
trailing comment (/* V13_0B4 */ ... /* V13_5 */), and each 12.3-only field as a comment
line "/* V<13.0b4: <decl>; */" (an array whose length changed carries
"/* V<13.0b4: [n] */"). This script rebuilds the 12.3 form from those marks, lays every
structure out (all are __packed), and requires each unk_<hex>/pad_<hex> field to sit at
its name's offset, relative to its own structure, or to its parent for the structures
listed in PARENT_NAMED (UNCHECKED structures and MISNAMED fields have names that
are not offsets). It then prints the 13.5 size of each structure, which the
headers' static assertions pin, and with --emit FILE writes the field lists of
results/fw-layouts.json for these structures (fw-layouts.c includes FILE; the offsets
come from offsetof()). Exit status 1 on any mismatch.
"""
import re
import sys

SIZES = {"u8": 1, "s8": 1, "u16": 2, "s16": 2, "u32": 4, "s32": 4, "u64": 8, "s64": 8}
NEWER = ("V13_0B4", "V13_2", "V13_3", "V13_5")
PARENT_NAMED = {"agx_fw_t81xx_data", "agx_fw_runtime_scratch", "agx_fw_globals_sub"}
# names that are not offsets: HwDataShared1 (see its comment), UatLevelInfo (numbered in
# field order), InitData (unk_8/unk_c named in the 12.3 layout, unk_ac.. in 13.x's; its
# offsets are pinned by static assertions instead)
UNCHECKED = {"agx_fw_hw_shared1", "agx_fw_uat_level_info", "agx_fw_initdata"}
# single fields whose name is not their offset: Globals.unk_117bc sits at 0x118bc (the
# fields around it, fault_info and unk_118dc, fix where it is)
MISNAMED = {"agx_fw_globals.unk_117bc": 0x118bc}
FIELD = re.compile(r"^\s*(struct\s+\w+|\w+)\s+(\w+)((?:\[[^\]]+\])*)\s*;(.*)$")
OLD = re.compile(r"^\s*/\*\s*V<13\.0b4:\s*(.*?)\s*\*/\s*$")


def parse(text, defines):
    structs = {}
    for m in re.finditer(r"^struct (\w+) \{\n(.*?)^\} __packed;", text, re.S | re.M):
        fields = []
        for line in m.group(2).splitlines():
            old = OLD.match(line)
            if old:
                f = FIELD.match("\t" + old.group(1).rstrip(";") + ";")
                if f:
                    fields.append((f.group(1), f.group(2), f.group(3), "OLD", None))
                continue
            f = FIELD.match(line)
            if not f:
                continue
            tail = f.group(4)
            tag = next((v for v in NEWER if re.search(r"\b%s\b" % v, tail)), None)
            oldlen = re.search(r"V<13\.0b4: \[(\w+)\]", tail)
            fields.append((f.group(1), f.group(2), f.group(3), tag,
                           oldlen.group(1) if oldlen else None))
        structs[m.group(1)] = fields
    return structs


def dims(spec, defines, oldlen):
    out = [int(defines.get(d, d), 0) for d in re.findall(r"\[([^\]]+)\]", spec)]
    if oldlen:
        out[0] = int(oldlen, 0)
    return out


def layout(structs, defines, name, old, cache):
    key = (name, old)
    if key in cache:
        return cache[key]
    offs, off = [], 0
    for typ, fname, spec, tag, oldlen in structs[name]:
        if (old and tag in NEWER) or (not old and tag == "OLD"):
            continue
        base = SIZES[typ] if typ in SIZES else \
            layout(structs, defines, typ.split()[1], old, cache)[0]
        n = 1
        for d in dims(spec, defines, oldlen if old else None):
            n *= d
        offs.append((fname, off, typ))
        off += base * n
    cache[key] = (off, offs)
    return cache[key]


def check(structs, defines, name, base, cache, errors, checked):
    if name in UNCHECKED:
        return
    for fname, off, typ in layout(structs, defines, name, True, cache)[1]:
        m = re.fullmatch(r"(?:unk|pad)_([0-9a-f]+)", fname)
        if m:
            checked[0] += 1
            want = MISNAMED.get(name + "." + fname, int(m.group(1), 16))
            if want != base + off:
                errors.append("%s.%s at 0x%x in the 12.3 form" % (name, fname, base + off))
        if typ.startswith("struct "):
            sub = typ.split()[1]
            check(structs, defines, sub, base + off if sub in PARENT_NAMED else 0,
                  cache, errors, checked)


# The structures results/fw-layouts.json lists, by their Rust names (--emit)
EMIT = [("InitData", "agx_fw_initdata"), ("FwStatus", "agx_fw_status"),
        ("RuntimePointers", "agx_fw_runtime_pointers"), ("Globals", "agx_fw_globals"),
        ("HwDataA", "agx_fw_hwdata_a"), ("HwDataB", "agx_fw_hwdata_b"),
        ("GpuGlobalStatsVtx", "agx_fw_stats_vtx"), ("GpuGlobalStatsFrag", "agx_fw_stats_frag"),
        ("GpuStatsComp", "agx_fw_stats_comp")]


def emit(structs, out):
    """C for fw-layouts.c: every field of EMIT, sizes and offsets by sizeof/offsetof."""
    lines = ["/* Generated by names-check.py --emit from include/agx/fw/. */",
             "static void initdata_structs(int *n)", "{"]
    for rust, c in EMIT:
        lines.append('\tst_begin(n, "%s", "%s", "fw/initdata.rs %s", sizeof(struct %s));'
                     % (rust, c, rust, c))
        for typ, fname, spec, tag, oldlen in structs[c]:
            if tag != "OLD":
                lines.append("\tF(%s, %s);" % (c, fname))
        lines.append("\tst_end();")
    lines.append("}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def main(args):
    out = None
    if args[:1] == ["--emit"]:
        out, args = args[1], args[2:]
    paths = args
    text = "".join(open(p).read() for p in paths)
    defines = dict(re.findall(r"^#define\s+(AGX_\w+)\s+(0x[0-9a-fA-F]+|\d+)\b", text, re.M))
    structs = parse(text, defines)
    cache, errors, checked = {}, [], [0]
    for name in structs:
        if name not in PARENT_NAMED:
            check(structs, defines, name, 0, cache, errors, checked)
    for name in structs:
        print("%-36s 12.3 0x%05x  13.5 0x%05x" % (name, layout(structs, defines, name, True, cache)[0],
                                                 layout(structs, defines, name, False, cache)[0]))
    for e in errors:
        print("names-check: " + e, file=sys.stderr)
    print("names-check: %d offset-named fields, %d wrong" % (checked[0], len(errors)))
    if out:
        emit(structs, out)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
