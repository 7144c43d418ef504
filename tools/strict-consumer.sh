#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds a consumer project outside the repository the way a strict
# downstream project would: the library's include folder on a plain -I (not
# -isystem, so its headers get no warning amnesty), and
#   -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
#   -Wold-style-cast -Wundef -Werror
# with each compiler, in each configuration:
#   plain          exceptions on, Boost.Filesystem's default version (v3)
#   no-exceptions  -fno-exceptions (BOOST_NO_EXCEPTIONS)
#   filesystem-v4  -DBOOST_FILESYSTEM_VERSION=4
# The project has three files: one that includes every public header (listed
# from include/boost/tempfile/ when the script runs, so a new header is in
# it) but the opt-in ones, each on its own and then <boost/tempfile.hpp> (and <boost/filesystem.hpp>:
# Boost.Filesystem's headers must work without exceptions too); and the program
# test/no_exceptions/error_code_forms.cpp, which exercises the error_code
# forms, failures included, and boost::throw_exception. Both are compiled,
# linked and the program run; the third, the opt-in headers (<boost/tempfile/
# unit_test.hpp>, <boost/tempfile/gtest.hpp>), is compiled with the same flags. Each compiler and configuration is one result.
#
# Environment (tools/boost-1.74.sh uses them to build against another Boost):
#   TEMPFILE_CONSUMER_TOOLSETS  compilers, default "gcc clang"
#   TEMPFILE_CONSUMER_CONFIGS   default "plain no-exceptions filesystem-v4"
#   TEMPFILE_CONSUMER_STD       C++ standard, default 17
#   TEMPFILE_CONSUMER_CXXFLAGS  more compiler flags (e.g. -isystem <another Boost>)
#   TEMPFILE_CONSUMER_LDFLAGS   more linker flags (e.g. -L<dir> -Wl,-rpath,<dir>)
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD
toolsets=${TEMPFILE_CONSUMER_TOOLSETS:-gcc clang}
configs=${TEMPFILE_CONSUMER_CONFIGS:-plain no-exceptions filesystem-v4}
std=${TEMPFILE_CONSUMER_STD:-17}
read -r -a extra_cxxflags <<< "${TEMPFILE_CONSUMER_CXXFLAGS:-}"
read -r -a extra_ldflags <<< "${TEMPFILE_CONSUMER_LDFLAGS:-}"
TEMPFILE_TOOLSETS="$toolsets" bash tools/setup.sh >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

strict=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast -Wundef -Werror)

# The consumer project, outside the repository.
project=$(mktemp -d /tmp/tempfile-strict-consumer.XXXXXX)
trap 'rm -rf "$project"' EXIT
# Opt-in headers (marked "Opt-in header" in their first comment: they need a
# test framework) go into a file of their own, compiled with the same flags
# but not linked: linking them would need the framework's library.
opt_in=()
for h in include/boost/tempfile/*.hpp; do
    head -12 "$h" | grep -q '^// Opt-in header' && opt_in+=("$h")
done
{
    echo "// The opt-in headers of Boost.TempFile, compiled, not linked."
    for h in "${opt_in[@]}"; do
        if [ "$h" = include/boost/tempfile/gtest.hpp ] && [ ! -f /usr/include/gtest/gtest.h ]; then
            echo "strict-consumer: NOT TESTED: $h (no GoogleTest headers; tools/setup.sh could not install libgtest-dev)" >&2
            continue
        fi
        echo "#include <${h#include/}>"
    done
} > "$project/opt_in_headers.cpp"
{
    echo "// Every public header of Boost.TempFile, each on its own, then all of them."
    for h in include/boost/tempfile/*.hpp; do
        [[ " ${opt_in[*]} " == *" $h "* ]] && continue
        echo "#include <${h#include/}>"
    done
    echo "#include <boost/tempfile.hpp>"
    echo "// And all of Boost.Filesystem's (a system header: its warnings are Boost's), which must"
    echo "// compile without exceptions too."
    echo "#include <boost/filesystem.hpp>"
} > "$project/all_headers.cpp"
cp test/no_exceptions/error_code_forms.cpp "$project/main.cpp"
echo "consumer project: $project ($(grep -c '^#include' "$project/all_headers.cpp") includes; main.cpp from test/no_exceptions/error_code_forms.cpp)"

passed=0
failed=0
for toolset in $toolsets; do
    case "$toolset" in
        gcc) cxx=g++ ;;
        clang) cxx=clang++ ;;
        *) echo "strict-consumer: unknown toolset $toolset"; failed=$((failed + 1)); continue ;;
    esac
    for config in $configs; do
        case "$config" in
            plain) flags=() ;;
            no-exceptions) flags=(-fno-exceptions) ;;
            filesystem-v4) flags=(-DBOOST_FILESYSTEM_VERSION=4) ;;
            *) echo "strict-consumer: unknown configuration $config"; failed=$((failed + 1)); continue ;;
        esac
        name="$toolset C++$std $config"
        out=$project/$toolset-$config
        mkdir -p "$out"
        log=$out/log
        cxxflags=(-std=c++"$std" "${strict[@]}" "${flags[@]}" "${extra_cxxflags[@]}" -I"$src/include" -pthread)
        if (
            cd "$project" &&
            "$cxx" "${cxxflags[@]}" -c all_headers.cpp -o "$out/all_headers.o" &&
            "$cxx" "${cxxflags[@]}" -c opt_in_headers.cpp -o "$out/opt_in_headers.o" &&
            "$cxx" "${cxxflags[@]}" -c main.cpp -o "$out/main.o" &&
            "$cxx" -pthread "$out/all_headers.o" "$out/main.o" -o "$out/consumer" "${extra_ldflags[@]}" -lboost_filesystem &&
            "$out/consumer"
        ) > "$log" 2>&1; then
            passed=$((passed + 1))
            echo "=== $name: passed ($(head -1 "$log"))"
        else
            failed=$((failed + 1))
            echo "=== $name: FAILED"
            echo "    flags: ${cxxflags[*]}"
            tail -30 "$log" | sed 's/^/    /'
        fi
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
