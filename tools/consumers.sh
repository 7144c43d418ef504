#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds and runs what a downstream project would, outside the source tree:
#   1. b2 consumer       test/b2_consumer (use-project + <library>/boost_tempfile//tempfile, and
#                        <library>/boost_tempfile//tempfile_compiled: the compiled part)
#   2. cmake subdirectory test/cmake_consumer with add_subdirectory(<this tree>)
#   3. cmake fetchcontent test/cmake_consumer with FetchContent from <this tree>
#   4. cmake package     `cmake --build` (the compiled part) and `cmake --install` into a fresh prefix, then
#                        test/cmake_consumer with find_package(boost_tempfile CONFIG)
#   5. ctest             this tree as the top-level CMake project: test/run/*.cpp
#                        and example/*.cpp, each a ctest test
# Each consumer (1-4) builds the program twice: with the headers only, and
# with the separately compiled part (consumer_compiled).
# Results: each consumer (1-4) counts as one result; ctest's tests count one
# each (a suite that fails to build counts as a failed test). Ends with
# "N passed, M failed" and exits non-zero if anything failed.
#
# Usage: bash tools/consumers.sh
# Build trees live in ${BOOST_TEMPFILE_CONSUMERS_DIR:-bin/consumers} (inside this tree: a CMake
# cache remembers its source directory, so two clones must not share one)
# and are reused (incremental); the install prefix is made afresh every run.
# A ctest test running longer than ${BOOST_TEMPFILE_CTEST_TIMEOUT:-1800} seconds fails.
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD
work=${BOOST_TEMPFILE_CONSUMERS_DIR:-$src/bin/consumers}
jobs=$(nproc)
mkdir -p "$work"
export BOOST_TEST_COLOR_OUTPUT=no

if ! command -v cmake >/dev/null 2>&1; then
    echo "consumers: installing cmake"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends cmake >/dev/null
fi
for tool in b2 cmake ctest; do
    command -v "$tool" >/dev/null 2>&1 || { echo "consumers: $tool is missing (bash tools/setup.sh; apt-get install cmake)"; echo "0 passed, 1 failed"; exit 1; }
done

passed=0
failed=0
result() { # name status
    if [ "$2" -eq 0 ]; then
        passed=$((passed + 1)); echo "=== $1: passed"
    else
        failed=$((failed + 1)); echo "=== $1: FAILED"
    fi
}
quiet() { # log command...: runs, appending to log; shows its end only on failure
    local log=$1; shift
    if "$@" >> "$log" 2>&1; then return 0; fi
    tail -40 "$log" | sed 's/^/    /'
    return 1
}
rm -f "$work"/*.log

# 1. b2
(
    cd test/b2_consumer &&
    quiet "$work/b2.log" b2 -j"$jobs" --build-dir="$work/b2" &&
    exe=$(find "$work/b2/boost_tempfile_consumer" -type f -name consumer -perm -u+x | head -1) &&
    [ -n "$exe" ] && "$exe" &&
    exe=$(find "$work/b2/boost_tempfile_consumer" -type f -name consumer_compiled -perm -u+x | head -1) &&
    [ -n "$exe" ] && "$exe"
)
result "b2 consumer (use-project, <library>/boost_tempfile//tempfile)" $?

# 2, 3. CMake, the library built as part of the consumer.
for mode in subdirectory fetchcontent; do
    (
        build=$work/cmake-$mode
        quiet "$build.log" cmake -S test/cmake_consumer -B "$build" -DBOOST_TEMPFILE_MODE=$mode \
            -DBOOST_TEMPFILE_SOURCE_DIR="$src" &&
        quiet "$build.log" cmake --build "$build" -j"$jobs" &&
        "$build/consumer" && "$build/consumer_compiled"
    )
    result "cmake consumer ($mode)" $?
done

# 4. CMake, against an installed package.
(
    lib_build=$work/cmake-install-build
    prefix=$work/prefix
    rm -rf "$prefix"
    quiet "$work/install.log" cmake -S . -B "$lib_build" -DBOOST_TEMPFILE_BUILD_TESTS=OFF \
        -DCMAKE_INSTALL_PREFIX="$prefix" &&
    quiet "$work/install.log" cmake --build "$lib_build" -j"$jobs" &&
    quiet "$work/install.log" cmake --install "$lib_build" &&
    [ -f "$prefix/include/boost/tempfile.hpp" ] &&
    build=$work/cmake-package &&
    rm -rf "$build" &&
    quiet "$build.log" cmake -S test/cmake_consumer -B "$build" -DBOOST_TEMPFILE_MODE=package \
        -DCMAKE_PREFIX_PATH="$prefix" &&
    quiet "$build.log" cmake --build "$build" -j"$jobs" &&
    "$build/consumer" && "$build/consumer_compiled"
)
result "cmake consumer (find_package from $work/prefix)" $?

# 5. ctest: the suites and the examples.
build=$work/cmake-tests
echo "=== ctest: building the tests in $build"
if cmake -S . -B "$build" -DBOOST_TEMPFILE_BUILD_TESTS=ON > "$build.log" 2>&1; then
    # Keep going past a suite that does not compile: ctest reports it as not run.
    cmake --build "$build" -j"$jobs" -- -k >> "$build.log" 2>&1 ||
        { echo "    some tests did not build:"; grep -E 'error:|Error [0-9]' "$build.log" | head -20 | sed 's/^/    /'; }
    ctest_log=$work/ctest.log
    (cd "$build" && ctest -j"$jobs" --output-on-failure --timeout "${BOOST_TEMPFILE_CTEST_TIMEOUT:-1800}") > "$ctest_log" 2>&1
    grep -E 'Test +#|tests passed|\*\*\*' "$ctest_log" | sed 's/^/    /'
    summary=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$ctest_log" | tail -1)
    if [ -n "$summary" ]; then
        total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<< "$summary")
        bad=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<< "$summary")
        passed=$((passed + total - bad))
        failed=$((failed + bad))
    else
        echo "    ctest printed no summary"; failed=$((failed + 1))
    fi
else
    tail -40 "$build.log" | sed 's/^/    /'
    echo "=== ctest: configuration FAILED"
    failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
