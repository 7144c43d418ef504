#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# bench/run.sh -- Boost.TempFile's benchmarks against the system-call floor and
# the peers. Builds everything, measures, prints markdown tables.
#
#   bash bench/run.sh [--quick] [SECTION ...]
#
# Sections (default: all, in this order):
#   ops       per-operation wall time: named, anonymous, directory, 2 threads;
#             interleaved rounds, every case in its own new directory
#   trees     recursive removal of 100,000 files (flat and deep trees)
#   counts    syscalls per operation (strace -c -f) and user-space instructions
#             per operation (callgrind), by difference of two loop sizes;
#             callgrind profile of the library's cases (hot spots)
#   dentries  negative dentries left by 1,000,000 create+destroy
#   compile   compile time (bench/compile_cost.sh)
# --quick: small loops and few rounds, to try the script (figures meaningless).
#
# Environment:
#   BENCH_N (20000) iterations per timed loop, BENCH_WARMUP (1000),
#   BENCH_ROUNDS (5) interleaved rounds, BENCH_TREE_ROUNDS (3),
#   BENCH_COUNT_N (2000) smaller loop of the counts (the larger is twice it),
#   BENCH_DENTRIES (1000000), BENCH_DROP_CACHES (1: try drop_caches in the
#   dentry study), BENCH_DIR (/tmp/tempfile-bench) where files are made,
#   BENCH_OUT (bin/bench-results/<time>) where raw data and report.md go,
#   BENCH_WAIT_QUIET (0) seconds to wait before each round for the rest of the
#   machine to use less than BENCH_QUIET_CORES (0.3) cores,
#   BENCH_PYTHON (python3), BENCH_NO_RUST=1 / BENCH_NO_PYTHON=1 to skip peers.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
N=${BENCH_N:-20000}
WARMUP=${BENCH_WARMUP:-1000}
ROUNDS=${BENCH_ROUNDS:-5}
TREE_ROUNDS=${BENCH_TREE_ROUNDS:-3}
COUNT_N=${BENCH_COUNT_N:-2000}
DENTRIES=${BENCH_DENTRIES:-1000000}
BASE=${BENCH_DIR:-/tmp/tempfile-bench}
PY=${BENCH_PYTHON:-python3}
# The interpreter itself, not a wrapper script (pyenv's shim): valgrind follows no exec.
PY=$("$PY" -c 'import sys; print(sys.executable)' 2>/dev/null || echo "$PY")
WAIT_QUIET=${BENCH_WAIT_QUIET:-0}
QUIET_CORES=${BENCH_QUIET_CORES:-0.3}

sections=()
for arg in "$@"; do
    case "$arg" in
        --quick) N=2000; WARMUP=200; ROUNDS=2; TREE_ROUNDS=1; COUNT_N=500; DENTRIES=100000; export RUNS=1 ;;
        ops|trees|counts|dentries|compile) sections+=("$arg") ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done
[ ${#sections[@]} -gt 0 ] || sections=(ops trees counts dentries compile)
want() { local s; for s in "${sections[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

OUT=${BENCH_OUT:-$ROOT/bin/bench-results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# ------------------------------------------------------------------ tools
TEMPFILE_EXTRA_PACKAGES="strace valgrind e2fsprogs" bash "$ROOT/tools/setup.sh" >&2
HAVE_RUST=0
if [ "${BENCH_NO_RUST:-0}" != 1 ] && command -v cargo >/dev/null; then
    if [ ! -d /usr/share/cargo/registry ] || ! ls -d /usr/share/cargo/registry/tempfile-3* >/dev/null 2>&1; then
        log "installing librust-tempfile-dev (Rust's tempfile crate, for the offline peer build)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends librust-tempfile-dev >/dev/null 2>&1 ||
            log "librust-tempfile-dev not available: no Rust peer"
    fi
    ls -d /usr/share/cargo/registry/tempfile-3* >/dev/null 2>&1 && HAVE_RUST=1
fi
HAVE_PY=0
[ "${BENCH_NO_PYTHON:-0}" != 1 ] && command -v "$PY" >/dev/null && HAVE_PY=1

# ------------------------------------------------------------------ build
log "building: b2 -j1 bench"
(cd "$ROOT" && b2 -j1 bench) > "$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
BT="$ROOT/bin/stage/bench/bench_tempfile"
RS=""
if [ "$HAVE_RUST" = 1 ]; then
    log "building the Rust peer (cargo, offline, -j1)"
    rm -rf "$ROOT/bin/bench-rust/src"
    mkdir -p "$ROOT/bin/bench-rust"
    cp -r "$HERE/rust" "$ROOT/bin/bench-rust/src"     # Cargo.lock stays out of the source tree
    if (cd "$ROOT/bin/bench-rust/src" && CARGO_TARGET_DIR="$ROOT/bin/bench-rust/target" \
            cargo build --release --offline -j1 -q) >> "$OUT/build.log" 2>&1; then
        RS="$ROOT/bin/bench-rust/target/release/tempfile-peer"
    else
        log "the Rust peer does not build (see $OUT/build.log): left out"
        HAVE_RUST=0
    fi
fi
PEERS_PY="$HERE/peers.py"

# ------------------------------------------------------------------ places
OPS="$BASE/ops"; TREES="$BASE/trees"
mkdir -p "$OPS" "$TREES"
# ext4 places a directory flagged "top" (chattr +T) -- and so every directory
# made inside these two -- in a block group chosen afresh from its name rather
# than next to its parent. Without it the cases' directories share /tmp's
# group, where every other program's recently deleted inodes sit: ext4
# without a journal skips each of those on every file creation.
chattr +T "$OPS" "$TREES" 2>/dev/null || true
dev=$(findmnt -n -o SOURCE -T "$BASE" | sed 's#^/dev/##')

{
    echo "date: $(date -Is)"
    echo "cpus: $(nproc)"
    echo "cpu model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
    echo "memory: $(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
    echo "kernel: $(uname -r)"
    echo "filesystem of $BASE: $(findmnt -n -o FSTYPE,SOURCE,OPTIONS -T "$BASE")"
    [ -r "/sys/fs/ext4/$dev/journal_task" ] && echo "ext4 journal: $(cat "/sys/fs/ext4/$dev/journal_task") (<none>: no journal)"
    echo "filesystem of /tmp: $(findmnt -n -o FSTYPE,SOURCE -T /tmp)"
    echo "compiler: $(g++ --version | head -1); b2 bench: -O3 (variant=release), -std=c++17"
    echo "glibc: $(ldd --version | head -1 | awk '{ print $NF }')"
    echo "boost: $(awk '/define BOOST_LIB_VERSION/ { print $3 }' /usr/include/boost/version.hpp | tr -d '"')"
    [ "$HAVE_PY" = 1 ] && echo "python: $("$PY" -c 'import sys; print(sys.version.split()[0])')"
    [ "$HAVE_RUST" = 1 ] && echo "rust: $(rustc --version | awk '{ print $2 }'), tempfile crate $(ls -d /usr/share/cargo/registry/tempfile-3* | sed 's#.*/tempfile-##' | head -1)"
    echo "rm: $(rm --version | head -1)"
    echo "loops: n=$N per timed loop after a warm-up of $WARMUP, $ROUNDS interleaved rounds; trees: $TREE_ROUNDS rounds; counts: n=$COUNT_N vs $((2 * COUNT_N))"
    echo "library: $(git -C "$ROOT" log -1 --format='%h (%cs) %s' 2>/dev/null | cut -c1-80)$(git -C "$ROOT" status --porcelain -- include 2>/dev/null | grep -q . && echo ' (with uncommitted changes in include/)')"
    echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/env.txt"
cat "$OUT/env.txt" >&2

# ------------------------------------------------------------------ load of the rest of the machine
HZ=$(getconf CLK_TCK)
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }          # user nice system irq softirq
ours() { awk '{ sub(/.*\) /, ""); print $14 + $15 }' "/proc/$$/stat"; }     # cutime + cstime of this shell
load_start() { L_T0=$(date +%s%N); L_B0=$(busy); L_C0=$(ours); }
load_end() {  # cores used by everything but our children since load_start
    awk -v t="$(( $(date +%s%N) - L_T0 ))" -v b="$(( $(busy) - L_B0 ))" -v c="$(( $(ours) - L_C0 ))" -v hz="$HZ" \
        'BEGIN { o = (b - c) / hz / (t / 1e9); if (o < 0) o = 0; printf "%.2f", o }'
}
wait_quiet() {
    [ "$WAIT_QUIET" -gt 0 ] || return 0
    local until=$((SECONDS + WAIT_QUIET)) l
    while :; do
        load_start; sleep 1; l=$(load_end)
        awk -v l="$l" -v q="$QUIET_CORES" 'BEGIN { exit !(l < q) }' && return 0
        [ $SECONDS -lt $until ] || { log "other load still $l cores: measuring anyway"; return 0; }
        log "waiting: the rest of the machine uses $l cores"
        sleep 5
    done
}

# run_case ID N WARMUP DIR : one case's command line output
run_case() {
    local id=$1 n=$2 w=$3 d=$4
    case "$id" in
        py.*) TMPDIR="$d" "$PY" "$PEERS_PY" op "$id" --n "$n" --warmup "$w" ;;
        rust.*) TMPDIR="$d" "$RS" op "$id" --n "$n" --warmup "$w" ;;
        thr.*) mkdir -p "$d/s"; TMPDIR="$d/s" "$BT" op "$id" --n "$n" --warmup "$w" --dir "$d" ;;
        *) TMPDIR="$d" "$BT" op "$id" --n "$n" --warmup "$w" --dir "$d" ;;
    esac
}

# The cases, grouped so that each library case runs next to its floor.
CASES=()
for id in $("$BT" list | cut -f1); do
    CASES+=("$id")
    case "$id" in
        boost.unique_path.w) [ "$HAVE_PY" = 1 ] && CASES+=(py.named py.named.w py.mkstemp)
                             [ "$HAVE_RUST" = 1 ] && CASES+=(rust.named rust.named.w) ;;
        lib.anon.w) [ "$HAVE_PY" = 1 ] && CASES+=(py.anon); [ "$HAVE_RUST" = 1 ] && CASES+=(rust.anon) ;;
        lib.dir) [ "$HAVE_PY" = 1 ] && CASES+=(py.dir); [ "$HAVE_RUST" = 1 ] && CASES+=(rust.dir) ;;
    esac
done
{
    "$BT" list
    [ "$HAVE_PY" = 1 ] && "$PY" "$PEERS_PY" list
    [ "$HAVE_RUST" = 1 ] && "$RS" list
} > "$OUT/cases.tsv"

# ------------------------------------------------------------------ ops
if want ops; then
    : > "$OUT/ops.raw"
    for r in $(seq 1 "$ROUNDS"); do
        wait_quiet
        # Odd rounds forwards, even rounds backwards: a slow phase of the host
        # does not always hit the same side of a pair.
        order=("${CASES[@]}")
        if [ $((r % 2)) -eq 0 ]; then
            order=(); for ((i = ${#CASES[@]} - 1; i >= 0; i--)); do order+=("${CASES[i]}"); done
        fi
        log "ops round $r of $ROUNDS (${#order[@]} cases; wall ns/op)"
        for id in "${order[@]}"; do
            d=$(mktemp -d "$OPS/$id.XXXXXX")
            sync
            load_start
            line=$(run_case "$id" "$N" "$WARMUP" "$d")
            other=$(load_end)
            # Removing the directory also drops the negative dentries its names left.
            rm -rf "$d"
            printf '%s\t%s\t%s\n' "$r" "$line" "$other" >> "$OUT/ops.raw"
            printf '  %-22s %10s ns/op  (other load %s cores)\n' "$id" "$(cut -f2 <<< "$line")" "$other" >&2
        done
    done
fi

# ------------------------------------------------------------------ trees
if want trees; then
    : > "$OUT/trees.raw"
    methods=(lib rm std boost)
    [ "$HAVE_PY" = 1 ] && methods+=(py)
    [ "$HAVE_RUST" = 1 ] && methods+=(rust)
    for r in $(seq 1 "$TREE_ROUNDS"); do
        wait_quiet
        for shape in flat deep; do
            log "trees round $r of $TREE_ROUNDS: $shape (ms per tree, removal only)"
            for m in "${methods[@]}"; do
                load_start
                case "$m" in
                    py) line=$("$PY" "$PEERS_PY" tree-rm "$BT" "$TREES" "$shape") ;;
                    rust) line=$("$RS" tree-rm "$BT" "$TREES" "$shape") ;;
                    *) line=$("$BT" tree-rm "$m" "$TREES" "$shape") ;;
                esac
                other=$(load_end)
                printf '%s\t%s\t%s\n' "$r" "$line" "$other" >> "$OUT/trees.raw"
                printf '  %-18s %10s ms  (other load %s cores over the step, tree making included)\n' "$m" "$(cut -f2 <<< "$line")" "$other" >&2
            done
        done
        # rm -rf of an empty directory: what fork+exec alone costs
        line=$("$BT" tree-rm rm "$TREES" empty)
        printf '%s\t%s\t-\n' "$r" "$line" >> "$OUT/trees.raw"
    done
fi

# ------------------------------------------------------------------ counts
# strace_counts OUTFILE CMD... : "syscall calls errors" lines of strace -c -f
strace_counts() {
    local out=$1; shift
    strace -f -c -o "$out.txt" -- "$@" > /dev/null
    awk '$NF != "total" && $NF != "syscall" && $1 ~ /^[0-9.]+$/ && NF >= 5 { print $NF, $4, (NF == 6 ? $5 : 0) }' \
        "$out.txt" > "$out"
}
case_cmd() {  # the command line of a case with n iterations and no warm-up, in directory $2
    local id=$1 d=$2 n=$3
    case "$id" in
        py.*) echo "$PY $PEERS_PY op $id --n $n --warmup 0" ;;
        rust.*) echo "$RS op $id --n $n --warmup 0" ;;
        *) echo "$BT op $id --n $n --warmup 0 --dir $d" ;;
    esac
}
if want counts; then
    mkdir -p "$OUT/strace" "$OUT/callgrind"
    log "counts: strace -c -f, n=$COUNT_N vs $((2 * COUNT_N)), syscalls per op"
    : > "$OUT/strace.raw"
    for id in "${CASES[@]}"; do
        case "$id" in thr.*) continue ;; esac
        for n in "$COUNT_N" "$((2 * COUNT_N))"; do
            d=$(mktemp -d "$OPS/$id.XXXXXX")
            # shellcheck disable=SC2046
            TMPDIR="$d" strace_counts "$OUT/strace/$id.$n" $(case_cmd "$id" "$d" "$n")
            rm -rf "$d"
        done
        "$PY" - "$OUT/strace/$id.$COUNT_N" "$OUT/strace/$id.$((2 * COUNT_N))" "$COUNT_N" "$id" >> "$OUT/strace.raw" <<'PYTHON'
import sys
def read(p):
    d = {}
    for l in open(p):
        k, c, e = l.split()
        d[k] = (d.get(k, (0, 0))[0] + int(c), d.get(k, (0, 0))[1] + int(e))
    return d
a, b, n, case = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
per = {k: (b.get(k, (0, 0))[0] - a.get(k, (0, 0))[0]) / n for k in set(a) | set(b)}
err = {k: (b.get(k, (0, 0))[1] - a.get(k, (0, 0))[1]) / n for k in set(a) | set(b)}
per = {k: v for k, v in per.items() if abs(v) >= 0.005}
fmt = lambda d: ", ".join(f"{k} {v:g}" for k, v in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))) or "-"
print(f"{case}\t{sum(per.values()):.2f}\t{fmt({k: round(v, 2) for k, v in per.items()})}\t"
      f"{fmt({k: round(v, 2) for k, v in err.items() if abs(v) >= 0.005})}")
PYTHON
        printf '  %-22s %s\n' "$id" "$(tail -1 "$OUT/strace.raw" | cut -f2-3)" >&2
    done

    log "counts: strace -c -f of removing a flat tree (101,000 entries), syscalls per entry"
    : > "$OUT/treestrace.raw"
    per_entry() {  # SMALL LARGE DIVISOR ID
        "$PY" - "$@" <<'PYTHON'
import sys
def read(p):
    d = {}
    for l in open(p):
        k, c, _ = l.split()
        d[k] = d.get(k, 0) + int(c)
    return d
a, b, n, case = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
per = {k: (b.get(k, 0) - a.get(k, 0)) / n for k in set(a) | set(b)}
per = {k: v for k, v in per.items() if abs(v) >= 0.0005}
print(f"{case}\t{sum(per.values()):.3f}\t" +
      ", ".join(f"{k} {v:.3f}" for k, v in sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))))
PYTHON
    }
    entries=101000
    # The library: a temp_dir<> removing the tree it holds, minus the same run
    # with temp_dir<keep> (which builds the same tree and leaves it).
    keepbase=$(mktemp -d "$TREES/keep.XXXXXX")
    strace_counts "$OUT/strace/tree.lib-keep" "$BT" tree-strace lib-keep "$keepbase" flat
    rm -rf "$keepbase"
    libbase=$(mktemp -d "$TREES/lib.XXXXXX")
    strace_counts "$OUT/strace/tree.lib" "$BT" tree-strace lib "$libbase" flat
    rm -rf "$libbase"
    per_entry "$OUT/strace/tree.lib-keep" "$OUT/strace/tree.lib" "$entries" lib >> "$OUT/treestrace.raw"
    # The others remove a tree that is already there: a full tree minus an empty directory.
    for m in rm std boost py rust; do
        case "$m" in
            rm) cmd=(rm -rf) ;;
            std|boost) cmd=("$BT" tree-strace "$m") ;;
            py) [ "$HAVE_PY" = 1 ] || continue; cmd=("$PY" "$PEERS_PY" rm-path) ;;
            rust) [ "$HAVE_RUST" = 1 ] || continue; cmd=("$RS" rm-path) ;;
        esac
        t=$(mktemp -u "$TREES/st-$m.XXXXXX"); "$BT" tree-make "$t" flat > /dev/null
        strace_counts "$OUT/strace/tree.$m.full" "${cmd[@]}" "$t"
        t=$(mktemp -d "$TREES/st-$m.XXXXXX")
        strace_counts "$OUT/strace/tree.$m.empty" "${cmd[@]}" "$t"
        per_entry "$OUT/strace/tree.$m.empty" "$OUT/strace/tree.$m.full" "$entries" "$m" >> "$OUT/treestrace.raw"
    done
    sed 's/^/  /' "$OUT/treestrace.raw" >&2

    log "counts: callgrind, user-space instructions per op, n=$COUNT_N vs $((2 * COUNT_N))"
    : > "$OUT/callgrind.raw"
    cg_total() {  # LOGFILE CMD... : total Ir
        local logf=$1; shift
        valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$logf" -- "$@" > /dev/null
        awk '/Collected :/ { print $NF }' "$logf"
    }
    cg_cases=(floor.named lib.named lib.named.dir lib.make_temp_file glibc.mkstemp std.tmpfile boost.unique_path
              floor.anon lib.anon floor.dir glibc.mkdtemp lib.dir)
    [ "$HAVE_PY" = 1 ] && cg_cases+=(py.named)
    [ "$HAVE_RUST" = 1 ] && cg_cases+=(rust.named rust.anon rust.dir)
    for id in "${cg_cases[@]}"; do
        totals=()
        for n in "$COUNT_N" "$((2 * COUNT_N))"; do
            d=$(mktemp -d "$OPS/$id.XXXXXX")
            # shellcheck disable=SC2046
            totals+=("$(TMPDIR="$d" cg_total "$OUT/callgrind/$id.$n.log" $(case_cmd "$id" "$d" "$n"))")
            rm -rf "$d"
        done
        per=$(awk -v a="${totals[0]}" -v b="${totals[1]}" -v n="$COUNT_N" 'BEGIN { printf "%.0f", (b - a) / n }')
        printf '%s\t%s\n' "$id" "$per" >> "$OUT/callgrind.raw"
        printf '  %-22s %s instructions/op\n' "$id" "$per" >&2
    done

    log "counts: callgrind profile of the library's loops (hot spots)"
    : > "$OUT/hotspots.raw"
    for spec in lib.named:lib_named lib.named.dir:lib_named_dir lib.anon:lib_anon lib.dir:lib_dir; do
        id=${spec%%:*}; fn=${spec#*:}
        d=$(mktemp -d "$OPS/$id.XXXXXX")
        prof_n=$((5 * COUNT_N))
        TMPDIR="$d" valgrind --tool=callgrind --toggle-collect="*::$fn(*" \
            --callgrind-out-file="$OUT/callgrind/$id.profile.out" --log-file="$OUT/callgrind/$id.profile.log" -- \
            "$BT" op "$id" --n "$prof_n" --warmup "$COUNT_N" --dir "$d" > /dev/null
        rm -rf "$d"
        # Self cost per function (exclusive) and inclusive cost, per operation.
        # The warm-up runs the same function, so the collected total covers
        # warm-up + timed loop: divide by both.
        for kind in self inclusive; do
            inc=no; [ "$kind" = inclusive ] && inc=yes
            callgrind_annotate --auto=no --inclusive=$inc --threshold=99.9 "$OUT/callgrind/$id.profile.out" \
                > "$OUT/callgrind/$id.$kind.txt" 2>/dev/null || true
        done
        printf '%s\t%s\n' "$id" "$((prof_n + COUNT_N))" >> "$OUT/hotspots.raw"
    done
fi

# ------------------------------------------------------------------ dentries
if want dentries; then
    log "dentries: $DENTRIES create+destroy in one directory"
    d=$(mktemp -d "$OPS/dentries.XXXXXX")
    drop=""
    if [ "${BENCH_DROP_CACHES:-1}" = 1 ] && [ -w /proc/sys/vm/drop_caches ]; then drop=--drop; fi
    sync
    wait_quiet
    load_start
    "$BT" dentries "$d" "$DENTRIES" "$N" $drop > "$OUT/dentries.raw"
    echo "# other load during the study: $(load_end) cores" >> "$OUT/dentries.raw"
    rm -rf "$d"
    printf 'after removing the directory\t%s\t%s\t-\t-\n' \
        "$(awk '{ print $1 }' /proc/sys/fs/dentry-state)" "$(awk '{ print $5 }' /proc/sys/fs/dentry-state)" \
        >> "$OUT/dentries.raw"
    [ -n "$drop" ] || echo "# drop_caches not tried (not writable or BENCH_DROP_CACHES=0)" >> "$OUT/dentries.raw"
    sed 's/^/  /' "$OUT/dentries.raw" >&2
fi

# ------------------------------------------------------------------ compile
if want compile; then
    log "compile: bench/compile_cost.sh"
    bash "$HERE/compile_cost.sh" "$OUT/compile.tsv" >&2
fi

echo "loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
"$PY" "$HERE/report.py" "$OUT" | tee "$OUT/report.md"
log "raw data and report.md in $OUT"
