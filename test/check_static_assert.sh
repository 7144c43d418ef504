#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# One compile-fail test: a file of test/compile_fail/ must fail to compile,
# and for the reason it was written for. Each file states the static_assert
# message it must stop at (or a distinctive part of it) in one or more lines
#   // expected static_assert: <text>
# The test passes when the compiler fails, every stated text appears on one
# of its error lines, and no error is reported in the test file itself: a
# typo, a missing include or a misnamed policy member there would fail the
# compilation too, and must not pass for the contract violation the test is
# about. (Errors that follow from the static_assert inside the library's own
# headers -- clang goes on after a failed static_assert, gcc does not -- are
# consequences, not another reason.)
#
# Usage: check_static_assert.sh SOURCE RESULT -- COMPILER ARGUMENTS...
# test/Jamfile runs it with the command b2 would compile SOURCE with (same
# compiler, standard, defines, include paths and flags), plus -fsyntax-only.
# On success it prints "**passed** RESULT" (how b2 reports a test; tools/test.sh
# counts those lines) and creates RESULT; on failure it prints why, on lines
# holding "error:", then the compiler's output, and exits 1.
set -uo pipefail
source=$1
result=$2
shift 2
[ "${1:-}" = "--" ] && shift
name=$(basename "$source")

fail() {
    echo "error: compile-fail test $source: $*"
    if [ -n "${output:-}" ]; then
        echo "====== BEGIN COMPILER OUTPUT ======"
        printf '%s\n' "$output"
        echo "====== END COMPILER OUTPUT ======"
    fi
    exit 1
}

mapfile -t expected < <(sed -n 's|^// expected static_assert: *||p' "$source")
[ ${#expected[@]} -gt 0 ] ||
    fail "states no expected message (a line '// expected static_assert: <part of the message>')"

output=$("$@" 2>&1)
status=$?
[ "$status" -ne 0 ] || fail "compiled, but must fail with the static_assert \"${expected[0]}\""

errors=$(grep -E '(^|[^a-z])error:' <<< "$output")
for text in "${expected[@]}"; do
    grep -qF -- "$text" <<< "$errors" ||
        fail "did not fail with the expected static_assert \"$text\""
done
# "name.cpp:LINE:COLUMN: error:" or "name.cpp:LINE: fatal error:" -- a
# diagnostic located in the test file itself.
own=$(grep -E "(^|/)${name//./\\.}:[0-9]+(:[0-9]+)?: (fatal )?error:" <<< "$errors" | head -3)
[ -z "$own" ] || fail "failed for another reason too, in the test file itself: $own"

echo "**passed** $result"
: > "$result"
