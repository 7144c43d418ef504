#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds and runs the whole test suite with b2 and ends with "N passed, M failed".
# Extra arguments go to b2, e.g.:  bash tools/test.sh toolset=gcc,clang cxxstd=17,20
#                                  bash tools/test.sh define=BOOST_FILESYSTEM_VERSION=4
set -uo pipefail
cd "$(dirname "$0")/.."

toolsets=gcc
free=()
for arg in "$@"; do
    case "$arg" in
        toolset=*) toolsets="${arg#toolset=}" ;;
        # b2's free features: they change the commands, not the build folder.
        define=*|undef=*|include=*|cflags=*|cxxflags=*|compileflags=*|linkflags=*|library-path=*|dll-path=*|\
        find-shared-library=*|find-static-library=*|library=*|force-include=*|dependency=*|source=*)
            free+=("$arg") ;;
    esac
done
TEMPFILE_TOOLSETS="${toolsets//,/ }" bash tools/setup.sh || exit 1

# b2 would reuse an object built with other free options (an object built
# without define=BOOST_FILESYSTEM_VERSION=4 for a run with it: same folder,
# sources unchanged), so each set of them builds in a folder of its own,
# bin/options-<hash>/, which says what they were in options.txt. Without any,
# the build folder is bin/, as for a plain b2 run.
build=bin
options=
if [ ${#free[@]} -gt 0 ]; then
    options=$(printf '%s\n' "${free[@]}")
    build=bin/options-$(sha1sum <<< "$options" | cut -c1-10)
fi
# Objects built before this script kept the option sets apart may have been
# built with any: rebuilt once.
if [ "$(cat "$build/options.txt" 2>/dev/null)" != "free options: ${options:-none}" ]; then
    find "$build/test" -name '*.o' -delete 2>/dev/null
fi
mkdir -p "$build"
echo "free options: ${options:-none}" > "$build/options.txt"
export BOOST_TEMPFILE_BUILD_DIR=$build

export BOOST_TEST_COLOR_OUTPUT=no
log=$(mktemp)
# Up-to-date tests print nothing: force every run so that every result is counted.
# The header checks include their header through a macro, which b2's include
# scanner cannot see: rebuild them every time.
rm -rf "$build"/test/header_*.test
find "$build" -type f \( -name '*.test' -o -name '*.run' -o -name '*.output' \) 2>/dev/null | xargs -r rm -f
# Shown: each result, each failure, and the compiler's errors (a compile-fail
# test's expected diagnostics stay in its checker unless the check fails).
b2 -j"$(nproc)" --abbreviate-paths test "$@" 2>&1 | tee "$log" | grep -E '^\*\*passed\*\*|^\.\.\.failed|^\.\.\.skipped|error:|====== (BEGIN|END) OUTPUT' || true
status=${PIPESTATUS[0]}
# What could not be tested on this backend, said by the tests themselves
# (PORTABLE_NOT_TESTED_HERE), and how many test cases each configuration ran.
find "$build/test" -name '*.output' -print0 2>/dev/null | xargs -0 -r grep -h 'NOT TESTED' 2>/dev/null |
    sed 's/^.*NOT TESTED/NOT TESTED/' | sort | uniq -c | sed 's/^ */    /'
bash tools/count-cases.sh "$build"
bash tools/count-results.sh "$log" "$status"
result=$?
rm -f "$log"
exit $result
