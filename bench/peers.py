#!/usr/bin/env python3
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

"""Python's tempfile as a peer in Boost.TempFile's benchmark (bench/run.sh).

    peers.py list
    peers.py op CASE [--n N] [--warmup W]      -> "CASE <tab> wall ns/op <tab> cpu ns/op"
    peers.py tree-rm BUILDER BASE SHAPE        -> "tree.SHAPE.py <tab> wall ms <tab> cpu ms <tab> entries"

The per-operation cases use the default temporary directory, i.e. $TMPDIR,
which run.sh points at a new empty directory for every case. The tree is made
by `BUILDER tree-make ROOT SHAPE` (bench_tempfile, untimed); only
shutil.rmtree() is timed.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

PAGE = b"x" * 4096


def named(n):
    make = tempfile.NamedTemporaryFile
    for _ in range(n):
        with make():
            pass


def named_w(n):
    make = tempfile.NamedTemporaryFile
    for _ in range(n):
        with make() as f:
            f.write(PAGE)


def mkstemp(n):
    make, close, unlink = tempfile.mkstemp, os.close, os.unlink
    for _ in range(n):
        fd, path = make()
        close(fd)
        unlink(path)


def anon(n):
    make = tempfile.TemporaryFile
    for _ in range(n):
        with make():
            pass


def tdir(n):
    make = tempfile.TemporaryDirectory
    for _ in range(n):
        with make():
            pass


CASES = {
    "py.named": (named, "Python NamedTemporaryFile() enter + exit"),
    "py.named.w": (named_w, "Python NamedTemporaryFile() + write 4 KiB"),
    "py.mkstemp": (mkstemp, "Python tempfile.mkstemp + os.close + os.unlink"),
    "py.anon": (anon, "Python TemporaryFile() (O_TMPFILE)"),
    "py.dir": (tdir, "Python TemporaryDirectory() (empty)"),
}


def op(argv):
    case = argv[0]
    opts = dict(zip(argv[1::2], argv[2::2]))
    n = int(opts.get("--n", 20000))
    warmup = int(opts.get("--warmup", 1000))
    fn = CASES[case][0]
    if warmup:
        fn(warmup)
    c0, w0 = time.process_time_ns(), time.perf_counter_ns()
    fn(n)
    w1, c1 = time.perf_counter_ns(), time.process_time_ns()
    ops = n if n else 1
    print(f"{case}\t{(w1 - w0) / ops:.1f}\t{(c1 - c0) / ops:.1f}")


def tree_rm(builder, base, shape):
    root = os.path.join(base, f"py-{os.getpid()}-{time.monotonic_ns()}")
    out = subprocess.run([builder, "tree-make", root, shape], check=True, capture_output=True, text=True)
    entries = int(out.stdout.strip())
    c0, w0 = time.process_time_ns(), time.perf_counter_ns()
    shutil.rmtree(root)
    w1, c1 = time.perf_counter_ns(), time.process_time_ns()
    if os.path.lexists(root):
        sys.exit(f"peers.py: {root} left behind")
    print(f"tree.{shape}.py\t{(w1 - w0) / 1e6:.3f}\t{(c1 - c0) / 1e6:.3f}\t{entries}")


def main(argv):
    if argv and argv[0] == "list":
        for k, (_, d) in CASES.items():
            print(f"{k}\t{d}")
    elif len(argv) >= 2 and argv[0] == "op":
        op(argv[1:])
    elif len(argv) == 4 and argv[0] == "tree-rm":
        tree_rm(*argv[1:])
    elif len(argv) == 2 and argv[0] == "rm-path":  # for strace: removal only
        shutil.rmtree(argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
