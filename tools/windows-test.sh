#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Cross-compiles the portable behaviour suite (test/behaviour/*.cpp), the
# Windows tests (test/windows/*.cpp) and the examples that use only the
# portable API, runs each under wine with a timeout, prints how many test
# cases ran, and ends with the line "N passed, M failed" (exit status 1 if
# anything failed).
# Works on a fresh Debian bookworm machine as root: tools/windows-toolchain.sh
# installs mingw-w64 and wine and builds the Boost libraries once (cached).
#
# Environment:
#   TEMPFILE_WIN_JOBS      parallel compile jobs (default 2)
#   TEMPFILE_WIN_TIMEOUT   seconds each program may run (default 120)
#   TEMPFILE_WIN_OUT       build folder (default bin/windows in the repository)
#   TEMPFILE_WIN_VERBOSE   1: show every program's output, not only failures
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

JOBS=${TEMPFILE_WIN_JOBS:-2}
TIMEOUT=${TEMPFILE_WIN_TIMEOUT:-120}
OUT=${TEMPFILE_WIN_OUT:-$ROOT/bin/windows}
VERBOSE=${TEMPFILE_WIN_VERBOSE:-0}

# Examples that use only the portable API (the others show POSIX descriptors,
# fstat, chmod, fork or signals; test/windows/ has the Windows counterparts of
# atomic_file, spooled_temp_file, delete_at_exit and fault_injection).
EXAMPLES="named_file delete_on_destroy prefix_suffix persist pattern_name custom_naming keep_on_error temp_directory append_mode run_time_options temp_path switchable_cleanup spooled_take"

T0=$SECONDS
env_lines=$(TEMPFILE_WIN_JOBS=$JOBS bash tools/windows-toolchain.sh) || {
    echo "windows-toolchain.sh failed"
    echo "0 passed, 1 failed"
    exit 1
}
eval "$env_lines"
T_TOOLCHAIN=$((SECONDS - T0))

mkdir -p "$OUT"
rm -f "$OUT"/*.exe "$OUT"/*.build.log "$OUT"/*.run.log

# ---- build (in parallel) --------------------------------------------------------------------
build_one() {  # $1 = source file, $2 = output name
    local src=$1 name=$2
    # shellcheck disable=SC2086
    "$TEMPFILE_WIN_CXX" -std=c++17 -O1 -Wall -Wextra -I"$ROOT/include" -I"$ROOT/test/windows" \
        $TEMPFILE_WIN_CXXFLAGS "$src" -o "$OUT/$name.exe" \
        $TEMPFILE_WIN_LDFLAGS $TEMPFILE_WIN_LIBS >"$OUT/$name.build.log" 2>&1
}
export -f build_one
export ROOT OUT TEMPFILE_WIN_CXX TEMPFILE_WIN_CXXFLAGS TEMPFILE_WIN_LDFLAGS TEMPFILE_WIN_LIBS

programs=()
{
    for src in test/behaviour/*.cpp; do
        [[ -f $src ]] || continue
        name=behaviour_$(basename "$src" .cpp)
        echo "$ROOT/$src $name"
    done
    for src in test/windows/*.cpp; do
        name=test_$(basename "$src" .cpp)
        echo "$ROOT/$src $name"
    done
    for ex in $EXAMPLES; do
        echo "$ROOT/example/$ex.cpp example_$ex"
    done
} >"$OUT/programs.txt"
while read -r _ name; do programs+=("$name"); done <"$OUT/programs.txt"

T1=$SECONDS
xargs -P "$JOBS" -L 1 bash -c 'build_one "$@"' _ <"$OUT/programs.txt" || true
T_BUILD=$((SECONDS - T1))

# ---- Unix symlinks for the walk test (wine shows them as reparse points) ----------------------
# One leads to a directory with contents, one to an empty directory (which
# wine would remove, were the link deleted through the Windows API).
PLANT=$(mktemp -d /tmp/tempfile-win-plant.XXXXXX)
trap 'rm -rf "$PLANT"' EXIT
mkdir -p "$PLANT/dir" "$PLANT/outside/sub" "$PLANT/empty-outside"
printf 'keep me' >"$PLANT/outside/keep.txt"
printf 'x' >"$PLANT/outside/sub/also.txt"
printf 'y' >"$PLANT/dir/file.txt"
ln -s "$PLANT/outside" "$PLANT/dir/link"
ln -s "$PLANT/empty-outside" "$PLANT/dir/link-to-empty"
# A symlink to a file, for atomic_file's follow_symlinks (wine cannot make one).
mkdir -p "$PLANT/dotfiles" && printf 'old' >"$PLANT/dotfiles/rc" && ln -s dotfiles/rc "$PLANT/rc-link"
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# ---- run ------------------------------------------------------------------------------------
passed=0
failed=0
cases_behaviour=0
cases_windows=0
T2=$SECONDS
for name in "${programs[@]}"; do
    exe=$OUT/$name.exe
    log=$OUT/$name.run.log
    if [[ ! -f $exe ]]; then
        echo "FAILED (build) $name"
        sed -n '1,40p' "$OUT/$name.build.log"
        failed=$((failed + 1))
        continue
    fi
    # Each example writes where it likes; run it from a scratch folder.
    work=$(mktemp -d /tmp/tempfile-win-run.XXXXXX)
    (cd "$work" && env -u DISPLAY LC_ALL=C.UTF-8 WINEDEBUG=-all "WINEDLLOVERRIDES=mscoree,mshtml=" \
        WINEPREFIX="$TEMPFILE_WIN_WINEPREFIX" BOOST_TEST_COLOR_OUTPUT=no \
        TEMPFILE_TEST_PLANTED_DIR="$(winpath "$PLANT/dir")" \
        TEMPFILE_TEST_PLANTED_TARGET="$(winpath "$PLANT/outside")" \
        TEMPFILE_TEST_PLANTED_EMPTY_TARGET="$(winpath "$PLANT/empty-outside")" \
        TEMPFILE_TEST_PLANTED_FILE_LINK="$(winpath "$PLANT/rc-link")" \
        TEMPFILE_TEST_PLANTED_FILE_LINK_TARGET="$(winpath "$PLANT/dotfiles/rc")" \
        timeout "$TIMEOUT" wine "$exe" --log_level=message </dev/null >"$log" 2>&1)
    status=$?
    rm -rf "$work"
    cases=$(grep -m1 -oE 'Running [0-9]+ test cases?' "$log" | grep -oE '[0-9]+' || true)
    case $name in
        behaviour_*) cases_behaviour=$((cases_behaviour + ${cases:-0})) ;;
        test_*) cases_windows=$((cases_windows + ${cases:-0})) ;;
    esac
    ok=0
    if [[ $status == 0 ]]; then
        # Boost.Test programs must also say so; examples only need exit status 0.
        if [[ $name == example_* ]] || grep -q '\*\*\* No errors detected' "$log"; then ok=1; fi
    fi
    if [[ $ok == 1 ]]; then
        passed=$((passed + 1))
        echo "passed $name${cases:+ ($cases test cases)}"
        grep -E 'NOT TESTED|link made as|name removed at creation|left in place' "$log" | sed 's/^/    /' || true
        [[ $VERBOSE == 1 ]] && sed 's/^/    | /' "$log"
    else
        failed=$((failed + 1))
        echo "FAILED $name (exit status $status$([[ $status == 124 ]] && echo ', timed out'))"
        sed 's/^/    | /' "$log" | tail -n 60
    fi
done
T_RUN=$((SECONDS - T2))
# The plant must be intact: the walk never follows the link.
if [[ ! -f $PLANT/outside/keep.txt || ! -f $PLANT/outside/sub/also.txt || ! -d $PLANT/empty-outside ]]; then
    echo "FAILED: a removal followed the planted symlink out of its tree"
    failed=$((failed + 1))
fi

echo "test cases, windows (under wine): $((cases_behaviour + cases_windows)) (behaviour $cases_behaviour, Windows-only $cases_windows)"
echo "toolchain ${T_TOOLCHAIN}s, build ${T_BUILD}s (${JOBS} jobs), run ${T_RUN}s, total $((SECONDS - T0))s"
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
