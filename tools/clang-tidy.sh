#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Runs clang-tidy 14 with the repository's .clang-tidy over the library's
# headers: one translation unit includes <boost/tempfile.hpp> and
# instantiates the main class templates with their defaults (clang-tidy sees
# the bodies of templates only where they are instantiated), and only
# diagnostics located in include/boost/tempfile/ are shown.
#
# Usage: bash tools/clang-tidy.sh [extra clang-tidy arguments, e.g. --checks=-*,bugprone-*]
# Prints the findings, then "clang-tidy: N findings in include/boost/tempfile
# (by check: ...), M compile errors"; exits non-zero if there is any finding
# or error.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
if [ -z "$tidy" ]; then
    echo "clang-tidy.sh: installing clang-tidy-14"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends clang-tidy-14 >/dev/null || exit 1
    tidy=$(command -v clang-tidy-14)
fi
"$tidy" --version | grep -q 'version 14' || echo "clang-tidy.sh: warning: $("$tidy" --version | grep version) is not clang-tidy 14"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
tu=$dir/tidy_tu.cpp
# Explicit instantiation definitions instantiate every member; a class
# template not (yet) in its header is skipped.
instantiate() { # header class-template arguments
    grep -q "class $2\b" "include/boost/tempfile/$1" 2>/dev/null && echo "template class tf::$2<$3>;"
}
{
    echo '#include <boost/tempfile.hpp>'
    # Also every public header by name, in case the convenience header misses one.
    for h in include/boost/tempfile/*.hpp; do echo "#include <${h#include/}>"; done
    echo 'namespace tf = boost::tempfile;'
    instantiate named_temp_file.hpp basic_named_temp_file ''
    instantiate named_temp_file.hpp basic_named_temp_file \
        'tf::delete_on_close, tf::pattern_name, tf::exact_mode<0600, 0700>, tf::fault_injecting_platform<tf::native_platform>'
    instantiate temp_dir.hpp basic_temp_dir ''
    instantiate temp_file.hpp basic_temp_file ''
    instantiate spooled_temp_file.hpp basic_spooled_temp_file ''
    instantiate atomic_file.hpp basic_atomic_file ''
    echo 'void use_functions()'
    echo '{'
    echo '    auto f = tf::make_temp_file();'
    echo '    auto d = tf::make_temp_dir();'
    echo '    (void)f; (void)d;'
    echo '}'
} > "$tu"

out=$dir/tidy.out
"$tidy" --quiet --config-file="$root/.clang-tidy" "$@" "$tu" -- -std=c++17 -I"$root/include" -DNDEBUG > "$out" 2> "$dir/tidy.err"
rc=$?
# HeaderFilterRegex (.clang-tidy) already limits warnings to the library's
# headers; notes that point elsewhere for context stay with their warning.
sed "s|$root/||g" "$out"
in_library="^$root/include/boost/tempfile/.*: (warning|error): "
findings=$(grep -cE "$in_library" "$out")
by_check=$(grep -E "$in_library" "$out" | grep -oE '\[[a-z0-9.,-]+\]$' | sort | uniq -c | sort -rn | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')
# A compile error anywhere (the translation unit, a header) means the
# headers were not checked: never report that as clean.
errors=$(grep -cE ': error: ' "$out" "$dir/tidy.err" | awk -F: '{n += $NF} END {print n + 0}')
echo "clang-tidy: $findings findings in include/boost/tempfile${by_check:+ (by check: $by_check)}, $errors compile errors"
[ "$findings" -eq 0 ] && [ "$errors" -eq 0 ] && [ "$rc" -eq 0 ]
