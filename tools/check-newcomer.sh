#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# What a newcomer sees first must be true:
#   1. README.md: every ```cpp block compiles exactly as shown -- as a whole
#      program, with gcc and clang under -Wall -Wextra -Wpedantic -Wshadow
#      -Wconversion -Wsign-conversion -Wold-style-cast -Wundef -Werror --
#      and runs, in an empty directory with TMPDIR an empty directory, which
#      it must leave empty (a snippet that leaks a temporary file would teach
#      leaking).
#   2. the tour (bash tools/tour.sh, piped as through tee): nothing on
#      standard error, every example passes, and each error line an example
#      expects is on standard output, under its example's heading, after the
#      line that says it is expected.
#   3. the compile-fail tests: b2 runs them without printing their expected
#      diagnostics, and the checker rejects a test that fails for another
#      reason (a typo), one that compiles, and one that stops at another
#      static_assert.
# Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
src=$PWD
TEMPFILE_TOOLSETS="gcc clang" bash tools/setup.sh >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d /tmp/tempfile-newcomer.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
result() { # name status
    if [ "$2" -eq 0 ]; then
        passed=$((passed + 1)); echo "=== $1: passed"
    else
        failed=$((failed + 1)); echo "=== $1: FAILED"
    fi
}
strict=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast -Wundef -Werror)

# ---- 1. README snippets ----------------------------------------------------------
awk -v dir="$work" '
    /^```cpp$/ { n++; file = sprintf("%s/readme_%d.cpp", dir, n); inside = 1; next }
    /^```$/    { inside = 0; next }
    inside     { print > file }
' README.md
snippets=("$work"/readme_*.cpp)
[ -e "${snippets[0]}" ] || { echo "check-newcomer: README.md has no \`\`\`cpp block"; snippets=(); result "README snippets found" 1; }
for snippet in "${snippets[@]}"; do
    name=$(basename "$snippet" .cpp)
    for cxx in g++ clang++; do
        (
            run=$work/$name-$cxx
            mkdir -p "$run/cwd" "$run/tmp"
            "$cxx" -std=c++17 "${strict[@]}" -I"$src/include" "$snippet" -o "$run/program" -lboost_filesystem -pthread ||
                exit 1
            (cd "$run/cwd" && TMPDIR=$run/tmp "$run/program") || { echo "    the program failed"; exit 1; }
            left=$(find "$run/tmp" -mindepth 1)
            [ -z "$left" ] || { echo "    left in TMPDIR: $left"; exit 1; }
        ) 2>&1 | sed 's/^/    /'
        result "README.md ${name#readme_}. \`\`\`cpp block: compiles ($cxx, strict warnings) and runs as shown" "${PIPESTATUS[0]}"
    done
done

# ---- 2. the tour -------------------------------------------------------------------
(
    bash tools/tour.sh > "$work/tour.out" 2> "$work/tour.err" | cat
    status=${PIPESTATUS[0]}
    [ "$status" -eq 0 ] || { echo "    tools/tour.sh failed ($status)"; tail -20 "$work/tour.out"; exit 1; }
    [ ! -s "$work/tour.err" ] || { echo "    on standard error:"; cat "$work/tour.err"; exit 1; }
    grep -qE '^([0-9]+) of \1 examples passed$' "$work/tour.out" || { echo "    not every example passed"; exit 1; }
    python3 - "$work/tour.out" <<'PYTHON'
import re, sys
lines = open(sys.argv[1]).read().split('\n')
expected = [  # (pattern of the error line, the example it belongs to)
    (r'^boost::tempfile: kept directory .* for inspection', 'keep_on_error.cpp'),
    (r'fatal: the configuration is broken', 'delete_at_exit.cpp'),
    (r'could not save .*No space left on device', 'fault_injection.cpp'),
    (r'close\(\) threw', 'fault_injection.cpp'),
    (r'persist\(no_clobber\) over an existing report: File exists', 'persist.cpp'),
    (r'writing the defaults again: File exists', 'atomic_file.cpp'),
    (r'In a missing directory: No such file or directory', 'std_filesystem.cpp'),
]
bad = 0
for pattern, example in expected:
    heading = None
    found = False
    for i, line in enumerate(lines):
        if line.startswith('=== '):
            heading = line
        if re.search(pattern, line):
            found = True
            labelled = 'expected' in line or (i > 0 and 'expected' in lines[i - 1])
            if heading is None or example not in heading:
                print('    "%s" is under the heading "%s", not %s\'s' % (line, heading, example)); bad += 1
            elif not labelled:
                print('    "%s" is not labelled as expected' % line); bad += 1
    if not found:
        print('    no line matches /%s/ (%s)' % (pattern, example)); bad += 1
sys.exit(1 if bad else 0)
PYTHON
)
result "the tour: expected error lines on stdout, in order, labelled as expected" $?

# ---- 3. compile-fail tests ---------------------------------------------------------
(
    targets=()
    for f in test/compile_fail/*.cpp; do targets+=("test//$(basename "$f" .cpp).test"); done
    # The same filter as tools/test.sh.
    b2 -j"$(nproc)" --abbreviate-paths -a toolset=gcc "${targets[@]}" > "$work/b2.log" 2>&1
    status=$?
    shown=$(grep -E '^\*\*passed\*\*|^\.\.\.failed|^\.\.\.skipped|error:|====== (BEGIN|END) OUTPUT' "$work/b2.log")
    [ "$status" -eq 0 ] || { echo "    b2 failed:"; echo "$shown" | head -20; exit 1; }
    [ "$(grep -c '^\*\*passed\*\*' <<< "$shown")" -eq ${#targets[@]} ] ||
        { echo "    not ${#targets[@]} results"; exit 1; }
    if grep -q 'error:' <<< "$shown"; then
        echo "    tools/test.sh would show these diagnostics of passing tests:"; grep 'error:' <<< "$shown" | head -5; exit 1
    fi
    echo "    ${#targets[@]} compile-fail tests passed, no diagnostics shown"

    # The checker on broken tests (copies, outside the tree).
    base=test/compile_fail/naming_without_generate.cpp
    check() { bash test/check_static_assert.sh "$1" "$work/result.test" -- g++ -std=c++17 -I"$src/include" -fsyntax-only "$1"; }
    sed 's/std::string next_name() const/std::strin next_name() const/' "$base" > "$work/typo.cpp"
    sed 's/std::string next_name() const { return "fixed"; }/void generate(const tf::options\&, std::string\& name) { name = "fixed"; }/' \
        "$base" > "$work/compiles.cpp"
    sed 's/that writes one candidate file name/that writes two candidate file names/' "$base" > "$work/other_message.cpp"
    for broken in typo compiles other_message; do
        if out=$(check "$work/$broken.cpp" 2>&1); then
            echo "    the checker passed $broken.cpp"; exit 1
        fi
        echo "    $broken.cpp rejected: $(head -1 <<< "$out" | cut -c1-160)"
    done
    check "$base" > /dev/null || { echo "    the checker rejected the unchanged test"; exit 1; }
)
result "compile-fail tests: quiet when passing, and a test broken another way fails" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
