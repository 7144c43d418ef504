#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# The oldest Boost release the library supports, tested: Boost 1.74, Debian
# bookworm's default. Its -dev packages conflict with the 1.81 ones the rest
# of the tools install, so they are not installed: `apt-get download` fetches
# the .deb files and `dpkg-deb -x` unpacks them into a private folder outside
# the repository, ${TEMPFILE_BOOST174_CACHE:-/var/cache/boost-tempfile-1.74}
# (made once; kept while the packages' versions stay the same). Builds point
# at it with -isystem, -L and an rpath. Then:
#   1. the test suite, tools/test.sh toolset=gcc cxxstd=17 (b2 from the 1.81
#      tools; the headers and libraries of 1.74)
#   2. a check that those builds really used 1.74: BOOST_VERSION of the
#      headers, and the libraries a test program loads
#   3. the strict consumer (tools/strict-consumer.sh), gcc, plain and
#      -fno-exceptions (Boost.Filesystem v4 came with 1.77)
#   4. CMake: test/cmake_consumer with add_subdirectory(), Boost found by
#      find_package(Boost 1.74) in the private folder
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD
export DEBIAN_FRONTEND=noninteractive

cache=${TEMPFILE_BOOST174_CACHE:-/var/cache/boost-tempfile-1.74}
packages=(libboost1.74-dev libboost-filesystem1.74-dev libboost-filesystem1.74.0 libboost-test1.74-dev
          libboost-test1.74.0 libboost-system1.74-dev libboost-system1.74.0)
bash tools/setup.sh >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

# ---- the private Boost 1.74 --------------------------------------------------
versions() {
    local p
    for p in "${packages[@]}"; do
        printf '%s=%s\n' "$p" "$(apt-cache show --no-all-versions "$p" 2>/dev/null | sed -n 's/^Version: //p')"
    done
}
prepare() {
    mkdir -p "$cache" || { echo "boost-1.74: cannot create $cache (run as root or set TEMPFILE_BOOST174_CACHE)"; return 1; }
    exec 9>"$cache/.lock"
    flock 9
    local wanted
    wanted=$(versions)
    if grep -q '=$' <<< "$wanted"; then
        # No package lists yet.
        apt-get update -qq >/dev/null 2>&1
        wanted=$(versions)
    fi
    if grep -q '=$' <<< "$wanted"; then
        echo "boost-1.74: apt knows no candidate for: $(grep '=$' <<< "$wanted" | tr -d = | tr '\n' ' ')"
        return 1
    fi
    if [ -f "$cache/stamp" ] && [ "$(cat "$cache/stamp")" = "$wanted" ] && [ -f "$cache/root/usr/include/boost/version.hpp" ]; then
        return 0
    fi
    echo "boost-1.74: unpacking ${packages[*]} into $cache/root"
    local debs
    debs=$(mktemp -d)
    if ! (cd "$debs" && apt-get download -o APT::Sandbox::User=root -qq "${packages[@]}" >/dev/null); then
        rm -rf "$debs"
        echo "boost-1.74: apt-get download failed"
        return 1
    fi
    rm -rf "$cache/root.tmp" "$cache/stamp"
    mkdir -p "$cache/root.tmp"
    local deb
    for deb in "$debs"/*.deb; do
        dpkg-deb -x "$deb" "$cache/root.tmp" || { rm -rf "$debs"; return 1; }
    done
    rm -rf "$debs" "$cache/root"
    mv "$cache/root.tmp" "$cache/root"
    echo "$wanted" > "$cache/stamp"
}
if ! prepare; then
    echo "0 passed, 1 failed"
    exit 1
fi
multiarch=$(gcc -print-multiarch)
include=$cache/root/usr/include
lib=$cache/root/usr/lib/$multiarch
echo "boost-1.74: Boost $(sed -n 's/^#define BOOST_LIB_VERSION "\(.*\)"/\1/p' "$include/boost/version.hpp") in $cache/root"

passed=0
failed=0
result() { # name status
    if [ "$2" -eq 0 ]; then
        passed=$((passed + 1)); echo "=== $1: passed"
    else
        failed=$((failed + 1)); echo "=== $1: FAILED"
    fi
}
# count NAME LOG: adds the "N passed, M failed" line of a log.
count() {
    local line p f
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -1)
    if [ -z "$line" ]; then
        echo "=== $1: no result line"; failed=$((failed + 1)); return
    fi
    p=${line%% passed*}
    f=${line#*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
    echo "=== $1: $line"
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# ---- 1. the test suite ---------------------------------------------------------
echo "=== test suite against Boost 1.74 (gcc, C++17)"
bash tools/test.sh toolset=gcc cxxstd=17 "cxxflags=-isystem $include" "library-path=$lib" "dll-path=$lib" 2>&1 |
    tee "$log" | grep -vE '^\*\*passed\*\*'
count "test suite against Boost 1.74" "$log"

# ---- 2. which Boost was used ---------------------------------------------------
(
    set -e
    probe=$(mktemp -d)
    trap 'rm -rf "$probe"' EXIT
    printf '#include <boost/version.hpp>\n#include <cstdio>\nint main() { std::printf("%%d\\n", BOOST_VERSION); }\n' \
        > "$probe/version.cpp"
    g++ -std=c++17 -isystem "$include" "$probe/version.cpp" -o "$probe/version"
    version=$("$probe/version")
    echo "    headers: BOOST_VERSION $version"
    [ "$version" = 107400 ]
    exe=$(find bin/options-* -path '*gcc-12/dbg/cxstd-17-iso/thrd-mlt/*' -name named_temp_file -type f -perm -u+x \
          -newer "$cache/stamp" 2>/dev/null | head -1)
    [ -n "$exe" ]
    loaded=$(ldd "$exe" | grep -E 'libboost_(filesystem|unit_test_framework)')
    echo "$loaded" | sed 's/^/    /'
    [ "$(grep -c "=> $lib/" <<< "$loaded")" -eq 2 ]
)
result "the suite used Boost 1.74's headers and libraries" $?

# ---- 3. the strict consumer ----------------------------------------------------
TEMPFILE_CONSUMER_TOOLSETS=gcc TEMPFILE_CONSUMER_CONFIGS="plain no-exceptions" \
TEMPFILE_CONSUMER_CXXFLAGS="-isystem $include" TEMPFILE_CONSUMER_LDFLAGS="-L$lib -Wl,-rpath,$lib" \
    bash tools/strict-consumer.sh > "$log" 2>&1
sed 's/^/    /' "$log"
count "strict consumer against Boost 1.74" "$log"

# ---- 4. CMake ------------------------------------------------------------------
if ! command -v cmake >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends cmake >/dev/null 2>&1
fi
(
    build=$src/bin/consumers/cmake-boost-1.74
    rm -rf "$build"
    cmake -S test/cmake_consumer -B "$build" -DBOOST_TEMPFILE_MODE=subdirectory -DBOOST_TEMPFILE_SOURCE_DIR="$src" \
        -DBoost_DIR="$lib/cmake/Boost-1.74.0" -DBoost_NO_SYSTEM_PATHS=ON > "$log" 2>&1 &&
    cmake --build "$build" -j"$(nproc)" >> "$log" 2>&1 &&
    ldd "$build/consumer" | grep -q "libboost_filesystem.so.1.74.0 => $lib/" &&
    "$build/consumer" >> "$log" 2>&1
    status=$?
    grep -iE 'boost.*(version|found)|error' "$log" | head -5 | sed 's/^/    /'
    [ "$status" -eq 0 ] || tail -20 "$log" | sed 's/^/    /'
    exit "$status"
)
result "CMake consumer, find_package(Boost 1.74) from $cache" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
