#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Compile cost of Boost.TempFile: time to compile a translation unit that uses
# the main types (bench/compile_cost/tempfile.cpp: named_temp_file, temp_dir,
# temp_file, make_temp_file) against the same program written by hand with
# Boost.Filesystem and <fstream> (handwritten.cpp), and the same as
# tempfile.cpp through <boost/tempfile.hpp> (umbrella.cpp). tempfile.cpp is
# compiled twice: header-only, and with BOOST_TEMPFILE_SEPARATE_COMPILATION
# (what libs/tempfile/src compiles once is then only declared). Goal:
# tempfile.cpp compiles in <= 1.5x the time of handwritten.cpp.
#
#   bash bench/compile_cost.sh [TSV_OUT]
#
# Each TU is compiled (-c, no link) RUNS times at -O0 and -O2, interleaved;
# wall and user CPU seconds (what the compiler itself spent: the machine's
# other load shows in wall time, little in user time), median and min-max
# over the runs. Also the preprocessed size (g++ -E -P: lines, non-blank
# lines). Prints a markdown table; TSV_OUT, if given, receives the raw
# figures for bench/report.py. Environment: CXX (default g++), RUNS (default
# 7), TEMPFILE_INCLUDE (default include: another copy of the headers, to
# measure a change before making it).
set -euo pipefail
cd "$(dirname "$0")/.."
CXX=${CXX:-g++}
RUNS=${RUNS:-7}
INCLUDE=${TEMPFILE_INCLUDE:-include}
# name:source:extra flags
TUS=(tempfile:tempfile.cpp: tempfile-separate:tempfile.cpp:-DBOOST_TEMPFILE_SEPARATE_COMPILATION
     handwritten:handwritten.cpp: umbrella:umbrella.cpp:)
OPTS=(-O0 -O2)
out=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

flags=(-std=c++17 -pthread -I"$INCLUDE" -c -o /dev/null)
for run in $(seq 1 "$RUNS"); do
    for opt in "${OPTS[@]}"; do
        for entry in "${TUS[@]}"; do
            IFS=: read -r tu src extra <<< "$entry"
            # shellcheck disable=SC2086 # extra: zero or more flags
            /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$CXX" "${flags[@]}" $extra "$opt" "bench/compile_cost/$src"
            read -r wall user sys < "$tmp/t"
            printf '%s\t%s\t%s\t%s\n' "$tu" "$opt" "$wall" "$user" >> "$tmp/raw"
        done
    done
done
for entry in "${TUS[@]}"; do
    IFS=: read -r tu src extra <<< "$entry"
    # shellcheck disable=SC2086
    "$CXX" -std=c++17 -pthread -I"$INCLUDE" $extra -E -P "bench/compile_cost/$src" > "$tmp/$tu.i"
    printf '%s\t%s\t%s\n' "$tu" "$(wc -l < "$tmp/$tu.i")" "$(grep -c '[^[:space:]]' "$tmp/$tu.i")" >> "$tmp/pp"
done

python3 - "$tmp/raw" "$tmp/pp" "$CXX" "$RUNS" "$out" <<'PYTHON'
import statistics, subprocess, sys
raw, pp, cxx, runs, out = sys.argv[1:6]
rows = {}
for line in open(raw):
    tu, opt, wall, cpu = line.split()
    rows.setdefault((tu, opt), []).append((float(wall), float(cpu)))
lines = {l.split()[0]: (int(l.split()[1]), int(l.split()[2])) for l in open(pp)}
version = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
tsv = []
print(f"Compile time, {version}, -std=c++17 -c, median (min-max) of {runs} runs, seconds:\n")
print("| TU | opt | wall s | user CPU s | CPU vs by hand | preprocessed lines (non-blank) |")
print("|---|---|---|---|---|---|")
for opt in ("-O0", "-O2"):
    base = statistics.median(c for _, c in rows[("handwritten", opt)])
    for tu in ("tempfile", "tempfile-separate", "handwritten", "umbrella"):
        v = rows[(tu, opt)]
        w = sorted(x for x, _ in v); c = sorted(y for _, y in v)
        ratio = statistics.median(c) / base
        print(f"| {tu} | {opt} | {statistics.median(w):.2f} ({w[0]:.2f}-{w[-1]:.2f}) | "
              f"{statistics.median(c):.2f} ({c[0]:.2f}-{c[-1]:.2f}) | {ratio:.2f}x | "
              f"{lines[tu][0]:,} ({lines[tu][1]:,}) |")
        tsv.append(f"{tu}\t{opt}\t{statistics.median(w):.3f}\t{w[0]:.3f}\t{w[-1]:.3f}\t"
                   f"{statistics.median(c):.3f}\t{c[0]:.3f}\t{c[-1]:.3f}\t{ratio:.3f}\t{lines[tu][0]}\t{lines[tu][1]}")
if out:
    with open(out, "w") as f:
        f.write(f"# {version}; runs={runs}\n")
        f.write("tu\topt\twall_med\twall_min\twall_max\tcpu_med\tcpu_min\tcpu_max\tcpu_ratio_vs_handwritten\tpp_lines\tpp_nonblank\n")
        f.write("\n".join(tsv) + "\n")
PYTHON
