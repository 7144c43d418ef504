#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Counts the test cases the Boost.Test programs of one run ran, from what
# each printed ("Running N test cases..."), per build configuration and per
# kind of suite: the portable behaviour suite (test/behaviour, run on every
# backend) and the POSIX suites (test/run). One line per configuration:
#   test cases, gcc-12/dbg/cxstd-17-iso/thrd-mlt: 552 (behaviour 120, POSIX-only 432) in 40 programs
# Usage: count-cases.sh BUILD_DIR (the b2 build folder, e.g. bin)
set -u
build=${1:-bin}
[ -d "$build/test" ] || exit 0
find "$build/test" -name '*.output' -print0 2>/dev/null |
    xargs -0 -r grep -H -m1 -oE '^Running [0-9]+ test cases?' 2>/dev/null |
    awk -v build="$build/test/" '
        {
            file = substr($0, 1, index($0, ":") - 1)
            n = $0; sub(/.*Running /, "", n); sub(/ test.*/, "", n)
            rel = substr(file, length(build) + 1)
            # <target>.test/<toolset>/<variant>/.../<target>.output
            target = rel; sub(/\.test\/.*/, "", target)
            config = rel; sub(/^[^\/]*\//, "", config); sub(/\/[^\/]*$/, "", config)
            total[config] += n; programs[config]++
            if (target ~ /^behaviour_/) behaviour[config] += n; else posix[config] += n
        }
        END {
            for (c in total)
                printf "test cases, %s: %d (behaviour %d, POSIX-only %d) in %d programs\n",
                       c, total[c], behaviour[c], posix[c], programs[c]
        }' | sort
