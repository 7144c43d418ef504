#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Performance regression check cheap enough for CI: no timing, only EXACT
# system-call counts per operation, which do not depend on the machine's load.
#
# It builds bench/perf_check.cpp with the library and runs it under
# `strace -c -f` twice per operation, with N and 2N iterations: the difference
# divided by N is the cost of one operation (start-up, library loading and
# one-time set-up -- the temp directory probe, the generator's key -- cancel).
# For the tree, a temp_dir whose destructor removes DIRS x FILES entries is
# compared with the same run under temp_dir<keep>, which leaves the tree.
#
# Checks (the bars of the Performance goals):
#   named_temp_file<> create + destroy     == 3 syscalls, and no getrandom
#   temp_file create + destroy             == 2 syscalls
#   temp_dir<> (empty) create + destroy    <= 6 syscalls
#   temp_dir<> recursive removal           <= 1.1 syscalls per entry (10,100 entries)
#
# Usage: bash tools/perf-check.sh
# Prints one line per check and ends with "N passed, M failed"; exits
# non-zero if a check failed or could not run. Installs strace if missing.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

N=${PERF_CHECK_N:-2000}       # iterations of the smaller run
TREE_DIRS=100                 # tree: 100 dirs x 100 files = 10,100 entries
TREE_FILES=100

if ! command -v strace >/dev/null 2>&1; then
    echo "perf-check: installing strace"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends strace >/dev/null; } ||
        { echo "perf-check: cannot install strace"; echo "0 passed, 1 failed"; exit 1; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/perf-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/tmp" "$work/trees" "$work/strace"

cxx=${CXX:-g++}
if ! "$cxx" -std=c++17 -O2 -pthread -I"$root/include" -o "$work/perf_check" bench/perf_check.cpp \
        -lboost_filesystem 2> "$work/build.log"; then
    echo "perf-check: the check program does not build:"
    sed 's/^/  /' "$work/build.log" | head -30
    echo "0 passed, 1 failed"
    exit 1
fi

# count TAG ARGS... : runs the program under strace -c -f with TMPDIR=$work/tmp;
# prints "syscall calls" lines (errors included in calls), one per syscall.
count() {
    local tag=$1; shift
    local out="$work/strace/$tag.txt"
    if ! TMPDIR="$work/tmp" strace -f -c -o "$out" -- "$work/perf_check" "$@" > /dev/null; then
        echo "perf-check: '$*' failed under strace" >&2
        return 1
    fi
    # Rows: % time, seconds, usecs/call, calls, [errors], syscall.
    awk '$NF != "total" && $NF != "syscall" && $1 ~ /^[0-9.]+$/ && NF >= 5 { print $NF, $4 }' "$out"
}

# per_op SMALL_COUNTS LARGE_COUNTS DIVISOR : "total<TAB>breakdown" of (large - small) / divisor
per_op() {
    awk -v d="$3" '
        FNR == NR { small[$1] += $2; next }
        { large[$1] += $2 }
        END {
            for (k in small) if (!(k in large)) large[k] = 0
            total = 0; out = ""
            for (k in large) {
                v = (large[k] - small[k]) / d
                if (v > 0.0005 || v < -0.0005) {
                    total += v
                    out = out sprintf("%s%s %.3g", out == "" ? "" : ", ", k, v)
                }
            }
            printf "%.4f\t%s\n", total, out == "" ? "none" : out
        }' <(echo "$1") <(echo "$2")
}

passed=0
failed=0
# verdict NAME MEASURED OP BAR UNIT DETAIL : OP is == or <=
verdict() {
    local name=$1 measured=$2 op=$3 bar=$4 unit=$5 detail=$6 ok
    if [ "$op" = "==" ]; then
        ok=$(awk -v m="$measured" -v b="$bar" 'BEGIN { print (m + 0 == b + 0) ? 1 : 0 }')
    else
        ok=$(awk -v m="$measured" -v b="$bar" 'BEGIN { print (m + 0 <= b + 0) ? 1 : 0 }')
    fi
    if [ "$ok" = 1 ]; then
        passed=$((passed + 1))
        printf 'PASS  %-44s %s %s (bar %s %s)  [%s]\n' "$name" "$measured" "$unit" "$op" "$bar" "$detail"
    else
        failed=$((failed + 1))
        printf 'FAIL  %-44s %s %s (bar %s %s)  [%s]\n' "$name" "$measured" "$unit" "$op" "$bar" "$detail"
    fi
}

# op_check NAME KIND OP BAR
op_check() {
    local name=$1 kind=$2 op=$3 bar=$4 small large r total detail
    if ! small=$(count "$kind-$N" "$kind" "$N") || ! large=$(count "$kind-$((2 * N))" "$kind" "$((2 * N))"); then
        failed=$((failed + 1))
        echo "FAIL  $name: could not be measured"
        return
    fi
    r=$(per_op "$small" "$large" "$N")
    total=$(printf '%.2f' "${r%%$'\t'*}")
    detail=${r#*$'\t'}
    verdict "$name" "$total" "$op" "$bar" "syscalls/op" "$detail"
    if [ "$kind" = named ]; then
        # Names come from a generator keyed once per thread: no getrandom per name.
        verdict "named_temp_file<>: getrandom per name" "$(delta getrandom "$small" "$large" "$N")" "==" 0 \
            "calls/op" "key drawn once per thread"
    fi
}

# delta SYSCALL SMALL_COUNTS LARGE_COUNTS DIVISOR : (large - small) / divisor for one syscall
delta() {
    awk -v k="$1" -v d="$4" 'FNR == NR { if ($1 == k) s += $2; next } $1 == k { l += $2 }
        END { printf "%.2f", (l - s) / d }' <(echo "$2") <(echo "$3")
}

echo "perf-check: syscalls per operation, strace -c -f of $N vs $((2 * N)) iterations"
op_check "named_temp_file<> create + destroy" named "==" 3
op_check "temp_file create + destroy" anon "==" 2
op_check "temp_dir<> (empty) create + destroy" dir "<=" 6

entries=$((TREE_DIRS * (TREE_FILES + 1)))
if small=$(count tree-keep tree keep "$work/trees" "$TREE_DIRS" "$TREE_FILES") &&
    large=$(count tree-remove tree remove "$work/trees" "$TREE_DIRS" "$TREE_FILES"); then
    r=$(per_op "$small" "$large" "$entries")
    verdict "temp_dir<> recursive removal, $entries entries" "$(printf '%.3f' "${r%%$'\t'*}")" "<=" 1.1 \
        "syscalls/entry" "${r#*$'\t'}"
else
    failed=$((failed + 1))
    echo "FAIL  temp_dir<> recursive removal: could not be measured"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
