#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Counts b2's test results in a log: passed tests, failed runs or compiles,
# and tests skipped for lack of a target that failed to build. Prints
# "N passed, M failed" and exits non-zero if anything failed.
# Usage: count-results.sh LOG B2_EXIT_STATUS
set -u
log=$1
status=${2:-0}
passed=$(grep -c '^\*\*passed\*\*' "$log")
failed_runs=$(grep -cE '^\.\.\.failed (testing\.|capture-output|.*\.test\b|.*\.run\b)' "$log")
failed_builds=$(grep -cE '^\.\.\.failed [a-z0-9_.+-]*(compile|link)' "$log")
skipped=$(grep -cE '^\.\.\.skipped <[^>]*>[^ ]*\.(test|run)( |\.\.\.|$)' "$log")
failed=$((failed_runs + failed_builds + skipped))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
