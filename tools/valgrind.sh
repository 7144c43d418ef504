#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Runs the functional test suites under valgrind (memcheck): any memory error
# or definite leak fails a suite, and so does a descriptor the suite opened
# and left open at exit (--track-fds; descriptors inherited from the caller
# do not count). The suites that fork thousands of children, time races or
# starve the process of descriptors are left to the sanitizer stage, where
# they run at full speed.
#
# Usage: bash tools/valgrind.sh     (gcc, C++17, debug: builds what is missing)
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: installing valgrind"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi
bash tools/setup.sh >/dev/null || exit 1

suites=(named_temp_file temp_file temp_dir make_temp naming_options temp_directory persist reopen
        keep_on_error cleanup_hooks spooled_temp_file atomic_file dir_errors)
# The behaviour suite runs whole (test/behaviour/X.cpp is the target behaviour_X).
for f in test/behaviour/*.cpp; do
    name=${f##*/}
    suites+=("behaviour_${name%.cpp}")
done

targets=()
for s in "${suites[@]}"; do targets+=("test//$s"); done
# Build only (the run is ours, under valgrind).
b2 -j"$(nproc)" --abbreviate-paths toolset=gcc cxxstd=17 "${targets[@]}" >/dev/null 2>&1 || true

passed=0
failed=0
for s in "${suites[@]}"; do
    exe=bin/test/$s.test/gcc-12/dbg/cxstd-17-iso/thrd-mlt/$s
    if [ ! -x "$exe" ]; then
        echo "valgrind: $s: not built"; failed=$((failed + 1)); continue
    fi
    log=$(mktemp)
    valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --track-fds=yes --child-silent-after-fork=yes "$exe" --log_level=nothing >"$log" 2>&1
    status=$?
    # "Open file descriptor N: what" then a line telling where it was opened;
    # "<inherited from parent>" there means it is not the suite's.
    leaked=$(awk '/Open file descriptor [0-9]+/ { fd = $0; getline; if ($0 !~ /inherited from parent/) print fd }' "$log" |
             grep -v -E 'descriptor [012]:' || true)
    if [ "$status" -eq 0 ] && [ -z "$leaked" ]; then
        echo "valgrind: $s: clean"; passed=$((passed + 1))
    else
        echo "valgrind: $s: FAILED (status $status)"
        [ -n "$leaked" ] && echo "$leaked"
        grep -E '^==[0-9]+== (Invalid|Conditional|Syscall param|.*definitely lost|Mismatched)' "$log" | head -20
        tail -20 "$log"
        failed=$((failed + 1))
    fi
    rm -f "$log"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
