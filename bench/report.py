#!/usr/bin/env python3
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

"""Prints the markdown report of one bench/run.sh run from its results directory.

    report.py RESULTS_DIR

Reads the files run.sh writes there (env.txt, cases.tsv, ops.raw, trees.raw,
strace.raw, treestrace.raw, callgrind.raw, hotspots.raw + callgrind/*.self.txt,
dentries.raw, compile.tsv); a section whose file is missing is left out.

Timing statistics: for every case, median and min-max over the rounds. A
ratio "vs X" is computed per round (both measured in the same round, minutes
apart at most) and then summarised as median and min-max over the rounds, so
that a slow phase of the machine, which moves both, cancels.
"""
import os
import re
import statistics
import sys

OUT = sys.argv[1]


def path(name):
    return os.path.join(OUT, name)


def lines(name):
    if not os.path.exists(path(name)):
        return None
    with open(path(name)) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def med(v):
    return statistics.median(v) if v else float("nan")


def fmt_ns(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def spread(v, f=fmt_ns):
    return f"{f(med(v))} ({f(min(v))}-{f(max(v))})" if v else "-"


def fmt_ratio(v):
    return f"{v:.2f}x"


# ---------------------------------------------------------------- data
desc = {}
for l in lines("cases.tsv") or []:
    k, d = l.split("\t", 1)
    desc[k] = d.replace("|", "\\|")

ops = {}      # id -> {round: (wall, cpu, other)}
for l in lines("ops.raw") or []:
    r, cid, wall, cpu, other = l.split("\t")
    ops.setdefault(cid, {})[int(r)] = (float(wall), float(cpu), float(other))

trees = {}    # (shape, method) -> {round: (wall_ms, cpu_ms, entries, other)}
for l in lines("trees.raw") or []:
    r, tid, wall, cpu, entries, other = l.split("\t")
    _, shape, method = tid.split(".")
    trees.setdefault((shape, method), {})[int(r)] = (float(wall), float(cpu), int(entries),
                                                     None if other == "-" else float(other))

strace = {}   # id -> (total, breakdown, errors)
for l in lines("strace.raw") or []:
    cid, total, breakdown, errors = l.split("\t")
    strace[cid] = (float(total), breakdown, errors)

treestrace = {}
for l in lines("treestrace.raw") or []:
    m, total, breakdown = (l.split("\t") + [""])[:3]
    treestrace[m] = (float(total), breakdown)

instr = {}
for l in lines("callgrind.raw") or []:
    cid, v = l.split("\t")
    instr[cid] = float(v)


def walls(cid):
    return [v[0] for v in ops.get(cid, {}).values()]


def cpus(cid):
    return [v[1] for v in ops.get(cid, {}).values()]


def ratios(cid, ref, invert=False):
    """per-round wall(cid)/wall(ref) (or ref/cid: a throughput ratio)"""
    a, b = ops.get(cid, {}), ops.get(ref, {})
    out = []
    for r in sorted(set(a) & set(b)):
        out.append(b[r][0] / a[r][0] if invert else a[r][0] / b[r][0])
    return out


def other_load(cid):
    v = [x[2] for x in ops.get(cid, {}).values()]
    return f"{statistics.mean(v):.2f}" if v else "-"


# ---------------------------------------------------------------- sections
env = lines("env.txt")
print("## Benchmark results\n")
if env:
    print("Machine and run:\n")
    for l in env:
        print(f"* {l}")
    print()

syscall_col = lambda cid: f"{strace[cid][0]:.2f}" if cid in strace else "-"
instr_col = lambda cid: f"{instr[cid]:,.0f}" if cid in instr else "-"


def op_table(title, rows, note=None):
    rows = [r for r in rows if r[0] in ops]
    if not rows:
        return
    print(f"### {title}\n")
    if note:
        print(note + "\n")
    print("| case | what | wall ns/op, median (min-max) | CPU ns/op | vs reference, per round: median (min-max) "
          "| syscalls/op | user instr/op | other load |")
    print("|---|---|---|---|---|---|---|---|")
    for cid, ref in rows:
        rv = ratios(cid, ref) if ref and ref != cid else []
        rtxt = (f"{fmt_ratio(med(rv))} ({fmt_ratio(min(rv))}-{fmt_ratio(max(rv))}) vs `{ref}`" if rv
                else ("reference" if ref == cid else "-"))
        print(f"| `{cid}` | {desc.get(cid, '')} | {spread(walls(cid))} | {fmt_ns(med(cpus(cid)))} | {rtxt} | "
              f"{syscall_col(cid)} | {instr_col(cid)} | {other_load(cid)} |")
    print()


op_table("Named file: create + destroy", [
    ("floor.named", "floor.named"), ("lib.named", "floor.named"), ("lib.named.dir", "floor.named"),
    ("lib.make_temp_file", "floor.named"), ("glibc.mkstemp", "floor.named"), ("std.tmpfile", "floor.named"),
    ("boost.unique_path", "floor.named"), ("py.named", "floor.named"), ("py.mkstemp", "floor.named"),
    ("rust.named", "floor.named"),
    ("floor.named.w", "floor.named.w"), ("lib.named.w", "floor.named.w"), ("lib.named.stream", "floor.named.w"),
    ("glibc.mkstemp.w", "floor.named.w"), ("std.tmpfile.w", "floor.named.w"),
    ("boost.unique_path.w", "floor.named.w"), ("py.named.w", "floor.named.w"), ("rust.named.w", "floor.named.w"),
], "`.w` cases write 4 KiB (one write, no fsync) before closing; their reference is `floor.named.w`. "
   "`std.tmpfile` is anonymous (glibc uses O_TMPFILE in /tmp) but listed here as the C++ standard's answer. "
   "'other load': cores used by the rest of the machine while the case ran, mean over rounds.")

op_table("Anonymous file: create + destroy", [
    ("floor.anon", "floor.anon"), ("lib.anon", "floor.anon"), ("std.tmpfile", "floor.anon"),
    ("py.anon", "floor.anon"), ("rust.anon", "floor.anon"),
    ("floor.anon.w", "floor.anon.w"), ("lib.anon.w", "floor.anon.w"), ("std.tmpfile.w", "floor.anon.w"),
])

op_table("Empty temporary directory: create + destroy", [
    ("glibc.mkdtemp", "glibc.mkdtemp"), ("floor.dir", "glibc.mkdtemp"), ("lib.dir", "glibc.mkdtemp"),
    ("py.dir", "glibc.mkdtemp"), ("rust.dir", "glibc.mkdtemp"),
], "Every rmdir frees the directory's block; on this file system (ext4 without a journal, mounted with "
   "`discard`) that is a synchronous device discard, so wall time is mostly waiting for the device and "
   "varies much more than CPU time.")

if any(k.startswith("thr.") for k in ops):
    print("### Two threads\n")
    print("Aggregate ns per operation (wall / (threads x n)); each thread does n named create+destroy cycles.\n")
    print("| case | what | aggregate wall ns/op, median (min-max) | CPU ns/op | other load |")
    print("|---|---|---|---|---|")
    for cid in ("thr.floor.1", "thr.floor.2same", "thr.floor.2sep", "thr.lib.1", "thr.lib.2same", "thr.lib.1dir",
                "thr.lib.2sep"):
        if cid in ops:
            print(f"| `{cid}` | {desc.get(cid, '')} | {spread(walls(cid))} | {fmt_ns(med(cpus(cid)))} | "
                  f"{other_load(cid)} |")
    print("\nThroughput ratios (per round, median (min-max)):\n")
    print("| comparison | throughput ratio |")
    print("|---|---|")
    for a, b, what in (("thr.lib.2same", "thr.floor.2same", "library 2 threads one dir / floor 2 threads one dir"),
                       ("thr.lib.2sep", "thr.lib.1dir", "library 2 threads separate dirs / library 1 thread"),
                       ("thr.lib.2same", "thr.lib.1", "library 2 threads one dir / library 1 thread"),
                       ("thr.floor.2same", "thr.floor.1", "floor 2 threads one dir / floor 1 thread"),
                       ("thr.floor.2sep", "thr.floor.1", "floor 2 threads separate dirs / floor 1 thread")):
        rv = ratios(a, b, invert=True)
        if rv:
            print(f"| {what} | {fmt_ratio(med(rv))} ({fmt_ratio(min(rv))}-{fmt_ratio(max(rv))}) |")
    print()

TREE_DESC = {
    "lib": "`temp_dir<>` destructor (recursive_remove)",
    "rm": "`rm -rf` (coreutils; fork+exec included)",
    "std": "`std::filesystem::remove_all` (libstdc++ 12)",
    "boost": "`boost::filesystem::remove_all` (1.81)",
    "py": "Python `shutil.rmtree`",
    "rust": "Rust `TempDir` drop (tempfile 3.3 = `remove_dir_all`)",
}


def tree_ratio_vs_fastest(shape, method):
    """per round: method / min(rm, std, rust) of that round"""
    out = []
    mine = trees.get((shape, method), {})
    for r, v in mine.items():
        peers = [trees[(shape, m)][r][0] for m in ("rm", "std", "rust") if r in trees.get((shape, m), {})]
        if peers:
            out.append(v[0] / min(peers))
    return out


if trees:
    print("### Recursive removal of a tree\n")
    print("flat: 1,000 directories x 100 files of 1 byte = 101,000 entries; deep: 100 chains of 10 nested "
          "directories, 100 files in each = 101,000 entries, depth 10. Each tree is made fresh before each "
          "removal (not timed; not synced, so as a program's scratch tree would be: ext4's delayed allocation "
          "has given the files no data blocks yet); only the removal is timed.\n")
    empty = trees.get(("empty", "rm"), {})
    for shape in ("flat", "deep"):
        print(f"**{shape}**\n")
        print("| method | wall ms per tree, median (min-max) | ns per entry | CPU ms | vs fastest of rm/std/Rust, "
              "per round | syscalls per entry" + (" (flat tree)" if shape == "deep" else "") + " |")
        print("|---|---|---|---|---|---|")
        for m in ("lib", "rm", "std", "boost", "py", "rust"):
            v = trees.get((shape, m))
            if not v:
                continue
            w = [x[0] for x in v.values()]
            c = [x[1] for x in v.values()]
            entries = next(iter(v.values()))[2]
            rv = tree_ratio_vs_fastest(shape, m)
            rtxt = f"{fmt_ratio(med(rv))} ({fmt_ratio(min(rv))}-{fmt_ratio(max(rv))})" if rv else "-"
            st = f"{treestrace[m][0]:.3f}" if m in treestrace else "-"
            print(f"| {TREE_DESC[m]} | {spread(w, lambda x: f'{x:,.1f}')} | {med(w) * 1e6 / entries:,.0f} | "
                  f"{'-' if m == 'rm' else f'{med(c):,.1f}'} | {rtxt} | {st} |")
        print()
    if empty:
        print(f"`rm -rf` of an empty directory (the cost of starting rm): "
              f"{spread([x[0] for x in empty.values()], lambda x: f'{x:.2f}')} ms.\n")
    if treestrace:
        print("Syscalls per entry, removing the flat tree (strace -c -f; the library: a `temp_dir<>` that removes "
              "the tree minus the same run with `temp_dir<keep>`; the others: a full tree minus an empty "
              "directory):\n")
        print("| method | syscalls/entry | breakdown |")
        print("|---|---|---|")
        for m, (t, b) in treestrace.items():
            print(f"| {TREE_DESC.get(m, m)} | {t:.3f} | {b} |")
        print()

if strace:
    print("### Syscalls per operation (exact)\n")
    print("`strace -c -f`, run with n and 2n iterations; (count(2n) - count(n)) / n.\n")
    print("| case | syscalls/op | breakdown | failed calls/op |")
    print("|---|---|---|---|")
    for cid, (t, b, e) in strace.items():
        print(f"| `{cid}` | {t:.2f} | {b} | {e} |")
    print()

# ---------------------------------------------------------------- bars
bars = []


def bar(name, measured, ok, why=""):
    bars.append((name, measured, "met" if ok else "NOT met", why))


def rr(cid, ref):
    v = ratios(cid, ref)
    return (med(v), min(v), max(v)) if v else None


if "lib.named" in strace:
    t, b, _ = strace["lib.named"]
    bar("named_temp_file<> create+destroy: 3 syscalls", f"{t:.2f} ({b})", abs(t - 3) < 0.005)
    g = re.search(r"getrandom ([\d.]+)", b)
    bar("named: no getrandom per name", f"{float(g.group(1)) if g else 0:.2f} getrandom/op", not g)
if "lib.named" in instr:
    bar("named: <= 600 user instructions", f"{instr['lib.named']:,.0f} instr/op (floor {instr.get('floor.named', 0):,.0f})",
        instr["lib.named"] <= 600)
x = rr("lib.named", "floor.named")
if x:
    bar("named: wall <= 1.05x open+close+unlink floor", f"{x[0]:.3f}x ({x[1]:.2f}-{x[2]:.2f})", x[0] <= 1.05)
if "lib.anon" in strace:
    t, b, _ = strace["lib.anon"]
    bar("temp_file create+destroy: 2 syscalls", f"{t:.2f} ({b})", abs(t - 2) < 0.005)
x = rr("lib.anon", "floor.anon")
if x:
    bar("temp_file: wall <= 1.05x O_TMPFILE open+close", f"{x[0]:.3f}x ({x[1]:.2f}-{x[2]:.2f})", x[0] <= 1.05)
if "lib.dir" in strace:
    t, b, _ = strace["lib.dir"]
    bar("temp_dir<> (empty): <= 6 syscalls", f"{t:.2f} ({b})", t <= 6.005)
x = rr("lib.dir", "glibc.mkdtemp")
if x:
    bar("temp_dir<>: wall <= 1.15x mkdtemp+rmdir", f"{x[0]:.3f}x ({x[1]:.2f}-{x[2]:.2f})", x[0] <= 1.15)
if "lib" in treestrace:
    bar("recursive_remove 100k files: <= 1.1 syscalls/entry", f"{treestrace['lib'][0]:.3f}", treestrace["lib"][0] <= 1.1)
rv = tree_ratio_vs_fastest("flat", "lib") if trees else []
if rv:
    bar("recursive_remove 100k files: wall <= fastest of rm -rf / std / Rust",
        f"{med(rv):.3f}x the fastest ({min(rv):.2f}-{max(rv):.2f})", med(rv) <= 1.0)
v = ratios("thr.lib.2same", "thr.floor.2same", invert=True)
if v:
    bar("2 threads, one dir: >= 0.95x the 2-thread floor", f"{med(v):.3f}x ({min(v):.2f}-{max(v):.2f})", med(v) >= 0.95)
v = ratios("thr.lib.2sep", "thr.lib.1dir", invert=True)
if v:
    f = ratios("thr.floor.2sep", "thr.floor.1", invert=True)
    bar("2 threads, separate dirs: >= 1.35x one thread", f"{med(v):.3f}x ({min(v):.2f}-{max(v):.2f})",
        med(v) >= 1.35, f"the floor itself scales {med(f):.2f}x here" if f else "")
compile_rows = lines("compile.tsv")
if compile_rows:
    for l in compile_rows[1:]:
        c = l.split("\t")
        if c[0] in ("tempfile", "tempfile-separate"):
            what = "" if c[0] == "tempfile" else ", BOOST_TEMPFILE_SEPARATE_COMPILATION"
            bar(f"compile cost {c[1]}{what}: <= 1.5x by hand", f"{float(c[8]):.2f}x user CPU time",
                float(c[8]) <= 1.5)

if bars:
    print("### The bars of GOALS.md\n")
    print("| bar | measured | verdict | note |")
    print("|---|---|---|---|")
    for name, m, ok, why in bars:
        print(f"| {name} | {m} | {ok} | {why} |")
    print()

if instr:
    print("### User-space instructions per operation\n")
    print("callgrind total Ir, run with n and 2n iterations; (Ir(2n) - Ir(n)) / n. The kernel's work is not "
          "counted.\n")
    print("| case | instructions/op |")
    print("|---|---|")
    for cid, v in instr.items():
        print(f"| `{cid}` | {v:,.0f} |")
    print()

# ---------------------------------------------------------------- hot spots
ANNOT = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S.*)$")


def collapse(text, open_, close):
    """keeps the outermost level of open_...close_ groups, empties what is inside"""
    out, depth = [], 0
    for ch in text:
        if ch == open_:
            if depth == 0:
                out.append(ch)
            depth += 1
        elif ch == close and depth > 0:
            depth -= 1
            if depth == 0:
                out.append(ch)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def simplify(entry):
    """'file:function [object]' -> (function with template and call arguments elided, file basename)"""
    obj = re.search(r"\s+\[(/[^\]]*)\]$", entry)      # the object file, when callgrind names one
    if obj:
        entry = entry[:obj.start()]
    m = re.match(r"^([^\s:]+):(?!:)(.*)$", entry)      # "file:function" (a file name has no "::")
    src, fn = (m.group(1), m.group(2)) if m else ("", entry)
    if src in ("", "???") and obj:                    # no line info: name the object file
        src = re.sub(r"\.so[.\d]*$", "", os.path.basename(obj.group(1)))
    fn = fn.replace("(anonymous namespace)", "{anon}").replace("std::__cxx11::", "std::")
    fn = collapse(fn, "<", ">")
    fn = collapse(fn, "(", ")")                        # argument lists
    fn = re.sub(r"\s*\[clone [^\]]*\]", "", fn).replace("{anon}", "(anon)")
    fn = re.sub(r"^(int|void|bool|unsigned long) ", "", fn)
    return fn, os.path.basename(src) if src and src != "???" else "?"



def annotate_rows(f):
    rows, total = [], None
    for line in open(f):
        m = ANNOT.match(line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        if "PROGRAM TOTALS" in m.group(2):
            total = ir
        else:
            rows.append((ir,) + simplify(m.group(2)))
    return rows, total


for l in lines("hotspots.raw") or []:
    cid, calls = l.split("\t")
    calls = int(calls)
    f = path(f"callgrind/{cid}.self.txt")
    if not os.path.exists(f):
        continue
    rows, total = annotate_rows(f)
    if not total:
        continue
    print(f"### Where the user-space instructions of `{cid}` go\n")
    print(f"callgrind, counting only inside the loop (`--toggle-collect`), {calls:,} operations: "
          f"{total / calls:,.0f} instructions per operation. Self cost per function; code inlined from "
          "another file is counted apart, under the function it was inlined into, with its source file:\n")
    print("| instr/op | share | function | source |")
    print("|---|---|---|---|")
    for ir, fn, src in sorted(rows, reverse=True)[:16]:
        print(f"| {ir / calls:,.1f} | {100 * ir / total:.1f}% | `{fn[:110]}` | {src} |")
    by_src = {}
    for ir, fn, src in rows:
        by_src[src] = by_src.get(src, 0) + ir
    print("\nSelf cost by source file: " + ", ".join(
        f"{src} {ir / calls:,.0f}" for src, ir in sorted(by_src.items(), key=lambda kv: -kv[1])[:12]) + ".\n")
    finc = path(f"callgrind/{cid}.inclusive.txt")
    if os.path.exists(finc):
        inc, _ = annotate_rows(finc)
        best = {}
        for ir, fn, src in inc:   # a function's whole cost is its largest entry
            best[fn] = max(best.get(fn, 0), ir)
        top = sorted(((ir, fn) for fn, ir in best.items() if ir < 0.99 * total), reverse=True)
        print("Inclusive cost (the function and all it calls), per operation: " + "; ".join(
            f"`{fn[:80]}` {ir / calls:,.0f}" for ir, fn in top[:12]) + ".\n")

# ---------------------------------------------------------------- dentries
d = lines("dentries.raw")
if d:
    print("### Negative dentries\n")
    print("One process, one directory `a`: the library's create+destroy (`named_temp_file<>` with "
          "`options().dir(a)`) and the floor's, 5 alternating samples each (median), before and after many "
          "create+destroy in `a` (timed in chunks); then in a new directory `b`; then after `drop_caches`. `nr_negative` is "
          "field 5 of /proc/sys/fs/dentry-state.\n")
    note = [l for l in open(path("dentries.raw")) if l.startswith("# other load")]
    if note:
        print(note[0].lstrip("# ").strip().capitalize() + ".\n")
    print("| stage | nr_dentry | nr_negative | library ns/op | floor ns/op |")
    print("|---|---|---|---|---|")
    for l in d[1:]:
        c = l.split("\t")
        print("| " + " | ".join(c) + " |")
    print()

# ---------------------------------------------------------------- compile
if compile_rows:
    print("### Compile cost\n")
    ver = open(path("compile.tsv")).readline().lstrip("# ").strip()
    print(f"{ver}; -std=c++17 -c; median (min-max) over the runs, seconds. `tempfile.cpp` uses "
          "named_temp_file, temp_dir, temp_file and make_temp_file through their headers; `handwritten.cpp` "
          "does the same with Boost.Filesystem and <fstream>; `umbrella.cpp` is tempfile.cpp through "
          "<boost/tempfile.hpp>; `tempfile-separate` is tempfile.cpp with BOOST_TEMPFILE_SEPARATE_COMPILATION. "
          "The ratio is of user CPU time, which the rest of the machine's load disturbs less than wall time.\n")
    print("| TU | opt | wall s | user CPU s | CPU vs handwritten | preprocessed lines (non-blank) |")
    print("|---|---|---|---|---|---|")
    for l in compile_rows[1:]:
        c = l.split("\t")
        print(f"| {c[0]} | {c[1]} | {float(c[2]):.2f} ({float(c[3]):.2f}-{float(c[4]):.2f}) | "
              f"{float(c[5]):.2f} ({float(c[6]):.2f}-{float(c[7]):.2f}) | {float(c[8]):.2f}x | "
              f"{int(c[9]):,} ({int(c[10]):,}) |")
    print()
