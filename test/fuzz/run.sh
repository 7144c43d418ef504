#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds the libFuzzer harness (fuzz_names.cpp: pattern_name and the
# validation of options) with AddressSanitizer and UndefinedBehaviorSanitizer
# and runs it for a bounded time, starting from the checked-in corpus.
#
#   test/fuzz/run.sh [SECONDS]      default 60
#
# Exits non-zero on any finding (crash, failed check, sanitizer report,
# leak, timeout); the inputs that found something are kept and their
# directory printed. Needs clang++ with libFuzzer (Debian: clang) and
# Boost.Filesystem. CXX overrides the compiler; TEMPFILE_INCLUDE the headers
# (to check that the harness finds a bug planted in a copy of them).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
case "$seconds" in
    ''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/tempfile-fuzz-XXXXXX")
keep_work=0
cleanup() { [ "$keep_work" -eq 1 ] || rm -rf "$work"; }
trap cleanup EXIT

# libFuzzer and the sanitizer runtimes come with Debian's libclang-rt-14-dev,
# which clang does not pull in by itself.
if [ -z "${CXX:-}" ]; then
    fuzzer_lib=$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null || true)
    if ! command -v clang++ >/dev/null 2>&1 || [ ! -f "$fuzzer_lib" ]; then
        echo "run.sh: installing clang and libclang-rt-14-dev"
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo=sudo
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
    fi
fi

"${CXX:-clang++}" -std=c++17 -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"${TEMPFILE_INCLUDE:-$root/include}" "$here/fuzz_names.cpp" -o "$work/fuzz_names" -lboost_filesystem

# libFuzzer adds what it finds to the first corpus directory: a copy, so the
# checked-in seeds stay as they are.
mkdir "$work/corpus" "$work/artifacts"
cp "$here"/corpus/* "$work/corpus/"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
# TMPDIR: the harness makes its sandbox there, so that it goes with $work.
TMPDIR="$work" "$work/fuzz_names" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1024 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" || status=$?

findings=$(find "$work/artifacts" -type f | wc -l)
if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
    keep_work=1
    echo "fuzz_names: FAILED (exit status $status, $findings finding(s)); inputs kept in $work/artifacts" >&2
    exit 1
fi
echo "fuzz_names: no finding in ${seconds} s"
