#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds and runs the whole test suite with b2 and ends with "N passed, M failed".
# Extra arguments go to b2, e.g.:  bash tools/test.sh toolset=gcc,clang cxxstd=17,20
set -uo pipefail
cd "$(dirname "$0")/.."

toolsets=gcc
for arg in "$@"; do
    case "$arg" in toolset=*) toolsets="${arg#toolset=}" ;; esac
done
TEMPFILE_TOOLSETS="${toolsets//,/ }" bash tools/setup.sh || exit 1

export BOOST_TEST_COLOR_OUTPUT=no
log=$(mktemp)
# Up-to-date tests print nothing: force every run so that every result is counted.
# The header checks include their header through a macro, which b2's include
# scanner cannot see: rebuild them every time.
rm -rf bin/test/header_*.test
find bin -type f \( -name '*.test' -o -name '*.run' -o -name '*.output' \) 2>/dev/null | xargs -r rm -f
b2 -j"$(nproc)" --abbreviate-paths test "$@" 2>&1 | tee "$log" | grep -E '^\*\*passed\*\*|^\.\.\.failed|^\.\.\.skipped|error:|====== (BEGIN|END) OUTPUT' || true
status=${PIPESTATUS[0]}
bash tools/count-results.sh "$log" "$status"
result=$?
rm -f "$log"
exit $result
