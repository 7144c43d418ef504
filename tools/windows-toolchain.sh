#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Prepare a Windows (x86_64) cross toolchain for Boost.TempFile test programs:
# mingw-w64 (posix threads) + wine from Debian packages, plus static Boost.Filesystem and
# Boost.Test (unit_test_framework) libraries cross-built from Debian's boost source package.
#
# Usage:  tools/windows-toolchain.sh            # prepare (first run) / print cache paths (later)
#         eval "$(tools/windows-toolchain.sh)"  # or: . "$TEMPFILE_WIN_CACHE/env.sh"
#
# Environment:
#   TEMPFILE_WIN_CACHE     cache folder (default /var/cache/boost-tempfile-win), outside the repo
#   TEMPFILE_WIN_JOBS      parallel compile jobs (default: nproc)
#   TEMPFILE_WIN_SELFTEST  1 (default): build and run a Boost.Test program under wine once
#   TEMPFILE_WIN_MIRROR    Debian mirror for the source package: the URL holding debian/ and
#                          debian-security/ (default: the Debian repositories this machine's apt
#                          configuration already uses -- the script names no mirror of its own)
#
# stdout carries only the "export VAR=value" lines (also written to $CACHE/env.sh); progress
# messages go to stderr. Needs root only when packages are missing or the cache is not writable.
# See doc of the variables at the end of this file (write_env).
set -euo pipefail

# Bump whenever the build recipe below changes: invalidates every existing cache.
TOOLCHAIN_VERSION=1

CACHE=${TEMPFILE_WIN_CACHE:-/var/cache/boost-tempfile-win}
[[ $CACHE == /* ]] || { echo "TEMPFILE_WIN_CACHE must be an absolute path" >&2; exit 1; }
MIRROR=${TEMPFILE_WIN_MIRROR:-}
JOBS=${TEMPFILE_WIN_JOBS:-$(nproc 2>/dev/null || echo 2)}
SELFTEST=${TEMPFILE_WIN_SELFTEST:-1}
CXX_NAME=x86_64-w64-mingw32-g++-posix
AR_NAME=x86_64-w64-mingw32-ar
BOOST_HEADERS_PKG_DEFAULT=libboost1.81-dev   # provides /usr/include/boost if nothing else does

export DEBIAN_FRONTEND=noninteractive
# wine maps Windows (UTF-16) file names to Unix ones through the locale's charset: under LC_ALL=C
# any non-ASCII name fails (CreateFileW/_wfopen -> not found). Always run wine in a UTF-8 locale.
WINE_ENV=(LC_ALL=C.UTF-8 WINEDEBUG=-all "WINEDLLOVERRIDES=mscoree,mshtml=" WINEARCH=win64)

log() { printf '[windows-toolchain] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Stamp key: everything the cached libraries depend on.
# ---------------------------------------------------------------------------------------------
boost_source_of_headers() {  # prints "srcpkg srcversion binpkg", or nothing if no headers
    local owner
    owner=$(dpkg -S /usr/include/boost/version.hpp 2>/dev/null | head -n1 | cut -d: -f1) || true
    [[ -n $owner ]] || return 0
    dpkg-query -W -f='${source:Package} ${source:Version} ${Package}\n' "$owner" 2>/dev/null | head -n1
}

stamp_key() {
    local pkgs boost
    pkgs=$(dpkg-query -W -f='${Package}=${Version} ' g++-mingw-w64-x86-64-posix wine64 2>/dev/null) || true
    boost=$(boost_source_of_headers)
    printf 'toolchain=%s %sboost=%s\n' "$TOOLCHAIN_VERSION" "$pkgs" "${boost:-none}"
}

cache_is_valid() {
    [[ -f $CACHE/stamp && -f $CACHE/env.sh ]] || return 1
    [[ -f $CACHE/lib/libboost_filesystem.a && -f $CACHE/lib/libboost_unit_test_framework.a ]] || return 1
    [[ -e $CACHE/include/boost/version.hpp && -f $CACHE/wineprefix/system.reg ]] || return 1
    command -v wine >/dev/null 2>&1 || return 1
    [[ "$(cat "$CACHE/stamp")" == "$(stamp_key)" ]]
}

# Fast path: nothing to do.
if cache_is_valid; then
    log "cache up to date: $CACHE"
    cat "$CACHE/env.sh"
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# Slow path (serialised against concurrent runs).
# ---------------------------------------------------------------------------------------------
mkdir -p "$CACHE" || die "cannot create $CACHE (run as root or set TEMPFILE_WIN_CACHE)"
exec 9>"$CACHE/.lock"
flock 9
if cache_is_valid; then   # another run finished while we waited for the lock
    cat "$CACHE/env.sh"
    exit 0
fi
T0=$SECONDS
rm -f "$CACHE/stamp"

# 1. Packages --------------------------------------------------------------------------------
need=()
for p in g++-mingw-w64-x86-64-posix wine64 wine dpkg-dev xz-utils; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || need+=("$p")
done
[[ -e /usr/include/boost/version.hpp ]] || need+=("$BOOST_HEADERS_PKG_DEFAULT")
if ((${#need[@]})); then
    [[ $(id -u) == 0 ]] || die "missing packages (${need[*]}), run as root"
    log "installing: ${need[*]}"
    apt-get update -qq </dev/null >&2 || log "warning: apt-get update reported errors, trying anyway"
    apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${need[@]}" </dev/null >&2
fi
CXX=$(command -v "$CXX_NAME") || die "$CXX_NAME not found after install"
AR=$(command -v "$AR_NAME") || die "$AR_NAME not found after install"
command -v wine >/dev/null || die "wine not found after install"

read -r BOOST_SRC BOOST_SRC_VER BOOST_BIN_PKG < <(boost_source_of_headers) ||
    die "cannot tell which package owns /usr/include/boost/version.hpp"
log "boost headers: $BOOST_BIN_PKG (source $BOOST_SRC $BOOST_SRC_VER); compiler: $CXX ($(dpkg-query -W -f='${Version}' g++-mingw-w64-x86-64-posix))"

# 2. Headers: a folder holding only the symlink boost -> /usr/include/boost (for -isystem) -----
mkdir -p "$CACHE/include"
ln -sfn /usr/include/boost "$CACHE/include/boost"

# 3. Boost sources via a private apt configuration (nothing under /etc changes) ----------------
APTDIR=$CACHE/apt
SRCDIR=$CACHE/src
mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$SRCDIR"
# shellcheck disable=SC1091
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
# The source package comes from the Debian repositories apt already uses here
# (sources.list or deb822 .sources, a local mirror or proxy included): apt lists
# them, with their suites, once its package lists are there.
debian_repositories() {  # prints "URI SUITE" lines
    apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Origin: Debian' 'Identifier: Packages' 2>/dev/null |
        sort -u
}
if [[ -n $MIRROR ]]; then
    repositories=$(printf '%s\n' "$MIRROR/debian $codename" "$MIRROR/debian $codename-updates" \
        "$MIRROR/debian-security $codename-security")
else
    repositories=$(debian_repositories)
    if [[ -z $repositories ]]; then
        [[ $(id -u) == 0 ]] || die "apt has no package lists yet: run apt-get update (as root) first"
        apt-get update -qq </dev/null >&2 || true
        repositories=$(debian_repositories)
    fi
    [[ -n $repositories ]] ||
        die "apt's configuration names no Debian repository: set TEMPFILE_WIN_MIRROR to a Debian mirror's URL"
fi
while read -r uri suite; do
    echo "deb-src [signed-by=$keyring] $uri $suite main"
done <<<"$repositories" >"$APTDIR/sources.list"
log "source repositories: $(awk '{printf "%s%s %s", sep, $3, $4; sep = ", "}' "$APTDIR/sources.list")"
APT_OPTS=(
    -o "Dir::Etc::SourceList=$APTDIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache"
    -o APT::Sandbox::User=root -o Acquire::Languages=none -o APT::Get::Only-Source=true
)
noepoch=${BOOST_SRC_VER#*:}
orig=("$SRCDIR/${BOOST_SRC}_${noepoch%-*}".orig.tar.*)
dsc=$SRCDIR/${BOOST_SRC}_$noepoch.dsc
if [[ ! -f ${orig[0]} || ! -f $dsc ]]; then
    log "fetching source package $BOOST_SRC=$BOOST_SRC_VER"
    rm -f "$SRCDIR/${BOOST_SRC}"_*
    apt-get "${APT_OPTS[@]}" -qq update </dev/null >&2
    if ! (cd "$SRCDIR" && apt-get "${APT_OPTS[@]}" -qq source --download-only \
            "$BOOST_SRC=$BOOST_SRC_VER" </dev/null >&2); then
        log "warning: $BOOST_SRC=$BOOST_SRC_VER not in the archive any more, using the newest one"
        (cd "$SRCDIR" && apt-get "${APT_OPTS[@]}" -qq source --download-only "$BOOST_SRC" </dev/null >&2)
    fi
fi
orig=("$SRCDIR/${BOOST_SRC}"_*.orig.tar.*)
[[ -f ${orig[-1]} ]] || die "no orig tarball in $SRCDIR"
debtar=("$SRCDIR/${BOOST_SRC}"_*.debian.tar.*)

TREE=$CACHE/boost-src
rm -rf "$TREE" && mkdir -p "$TREE"
log "extracting libs/filesystem and libs/test sources from $(basename "${orig[-1]}")"
tar -xf "${orig[-1]}" -C "$TREE" --strip-components=1 --wildcards \
    '*/libs/filesystem/src/*' '*/libs/filesystem/config/*' '*/libs/test/src/*'
# Debian's patches (boost1.81 -5+deb12u1) do not touch these folders; warn if that ever changes.
if [[ -f ${debtar[-1]} ]]; then
    tar -xf "${debtar[-1]}" -C "$TREE" debian/patches
    if grep -lE '^\+\+\+ [^ ]*/libs/(filesystem|test)/src/' "$TREE"/debian/patches/* >&2 2>/dev/null; then
        log "warning: Debian patches above modify libs/filesystem or libs/test (not applied)"
    fi
fi

# 4. Cross-build the static libraries --------------------------------------------------------
BUILD=$CACHE/build.tmp
rm -rf "$BUILD" && mkdir -p "$BUILD/filesystem" "$BUILD/test"
COMMON="-std=c++20 -O2 -DNDEBUG -isystem $CACHE/include -DBOOST_ALL_NO_LIB -DBOOST_USE_WINDOWS_H -DWIN32_LEAN_AND_MEAN -DNOMINMAX"

# Boost.Filesystem's Jamfile configure checks, done with the cross compiler.
FS_FLAGS="$COMMON -DBOOST_FILESYSTEM_SOURCE -DBOOST_FILESYSTEM_STATIC_LINK=1 -I$TREE/libs/filesystem/src"
cfg=$TREE/libs/filesystem/config
# shellcheck disable=SC2086
if "$CXX" $FS_FLAGS "$cfg/has_bcrypt.cpp" -o "$BUILD/has_bcrypt.exe" -lbcrypt 2>/dev/null; then
    FS_FLAGS+=" -DBOOST_FILESYSTEM_HAS_BCRYPT"; FS_LIBS="-lbcrypt"
else
    FS_FLAGS+=" -DBOOST_FILESYSTEM_HAS_WINCRYPT"; FS_LIBS="-ladvapi32"
fi
# shellcheck disable=SC2086
"$CXX" $FS_FLAGS -c "$cfg/has_attribute_init_priority.cpp" -o "$BUILD/c1.o" 2>/dev/null &&
    FS_FLAGS+=" -DBOOST_FILESYSTEM_HAS_INIT_PRIORITY"
# shellcheck disable=SC2086
"$CXX" $FS_FLAGS -c "$cfg/has_cxx20_atomic_ref.cpp" -o "$BUILD/c2.o" 2>/dev/null ||
    die "std::atomic_ref unavailable: Boost.Filesystem would need Boost.Atomic (not built here)"

TEST_FLAGS="$COMMON -Wno-variadic-macros"
FS_SOURCES="codecvt_error_category exception directory operations path path_traits portability
    unique_path utf8_codecvt_facet windows_file_codecvt"
TEST_SOURCES="compiler_log_formatter debug decorator execution_monitor framework plain_report_formatter
    progress_monitor results_collector results_reporter test_framework_init_observer test_tools
    test_tree unit_test_log unit_test_main unit_test_monitor unit_test_parameters junit_log_formatter
    xml_log_formatter xml_report_formatter"

export CXX FS_FLAGS TEST_FLAGS TREE BUILD
compile_one() {  # $1 = filesystem|test, $2 = source basename
    local flags=$FS_FLAGS
    [[ $1 == test ]] && flags=$TEST_FLAGS
    # shellcheck disable=SC2086
    "$CXX" $flags -c "$TREE/libs/$1/src/$2.cpp" -o "$BUILD/$1/$2.o" ||
        { echo "[windows-toolchain] compile failed: libs/$1/src/$2.cpp" >&2; return 255; }
}
export -f compile_one

log "compiling $(wc -w <<<"$FS_SOURCES $TEST_SOURCES") sources with $JOBS jobs"
t_build=$SECONDS
{
    # The big Boost.Test sources first, so the jobs finish together.
    for s in $TEST_SOURCES; do echo "test $s"; done
    for s in $FS_SOURCES; do echo "filesystem $s"; done
} | xargs -P "$JOBS" -L 1 bash -c 'compile_one "$@"' _

mkdir -p "$CACHE/lib.tmp"
rm -f "$CACHE"/lib.tmp/*.a
"$AR" rcs "$CACHE/lib.tmp/libboost_filesystem.a" "$BUILD"/filesystem/*.o
"$AR" rcs "$CACHE/lib.tmp/libboost_unit_test_framework.a" "$BUILD"/test/*.o
rm -rf "${CACHE:?}/lib" && mv "$CACHE/lib.tmp" "$CACHE/lib"
log "libraries built in $((SECONDS - t_build)) s"

# 5. Environment file ------------------------------------------------------------------------
write_env() {
    {
        echo "# generated by tools/windows-toolchain.sh (toolchain version $TOOLCHAIN_VERSION)"
        # Cross compiler (mingw-w64, posix threads); headers folder for -isystem; static libraries.
        printf 'export TEMPFILE_WIN_CXX=%q\n' "$CXX"
        printf 'export TEMPFILE_WIN_INCLUDE=%q\n' "$CACHE/include"
        printf 'export TEMPFILE_WIN_LIBDIR=%q\n' "$CACHE/lib"
        # Pre-initialised 64-bit wine prefix (creating a fresh one costs ~6 s, a run in this one
        # ~0.5 s). Run programs with:
        #   LC_ALL=C.UTF-8 WINEDEBUG=-all WINEDLLOVERRIDES=mscoree,mshtml= \
        #     WINEPREFIX="$TEMPFILE_WIN_WINEPREFIX" wine prog.exe </dev/null
        printf 'export TEMPFILE_WIN_WINEPREFIX=%q\n' "$CACHE/wineprefix"
        # Convenience: flags/libraries that go with them (see the verified command in the docs).
        printf 'export TEMPFILE_WIN_CXXFLAGS=%q\n' "-isystem $CACHE/include -DBOOST_ALL_NO_LIB"
        printf 'export TEMPFILE_WIN_LDFLAGS=%q\n' "-static -static-libgcc -static-libstdc++ -L$CACHE/lib"
        printf 'export TEMPFILE_WIN_LIBS=%q\n' "-lboost_unit_test_framework -lboost_filesystem $FS_LIBS"
    } >"$CACHE/env.sh.tmp"
    mv "$CACHE/env.sh.tmp" "$CACHE/env.sh"
}
write_env

# 6. Wine prefix + self test (build a Boost.Test + Boost.Filesystem program, run it under wine)
PREFIX=$CACHE/wineprefix
wine_kill() { WINEPREFIX="$PREFIX" wineserver -k >/dev/null 2>&1 || true; }
wine_kill
rm -rf "$PREFIX"
log "creating wine prefix $PREFIX"
env -u DISPLAY "${WINE_ENV[@]}" WINEPREFIX="$PREFIX" timeout 300 wineboot --init </dev/null >/dev/null 2>&1 ||
    die "wineboot --init failed"
if [[ $SELFTEST == 1 ]]; then
    log "self test (mingw build + wine run)"
    st=$(mktemp -d /tmp/tempfile-win-selftest.XXXXXX)
    trap 'wine_kill; rm -rf "$st"' EXIT
    cat >"$st/t.cpp" <<'EOF'
#define BOOST_TEST_MODULE windows_toolchain_selftest
#include <boost/test/unit_test.hpp>
#include <boost/filesystem.hpp>
#include <cstdio>
BOOST_AUTO_TEST_CASE(fs_roundtrip) {
    namespace fs = boost::filesystem;
    fs::path d = fs::temp_directory_path() / fs::unique_path("tf-%%%%-%%%%");
    BOOST_TEST(fs::create_directory(d));
    fs::path f = d / fs::path(L"\u00e9t\u00e9-\u6587\u4ef6.txt");
    std::FILE* fp = _wfopen(f.c_str(), L"wb");  // wide path: no ANSI code page involved
    BOOST_TEST_REQUIRE(fp != nullptr);
    std::fputs("x", fp);
    std::fclose(fp);
    BOOST_TEST(fs::exists(f));
    BOOST_TEST(fs::remove_all(d) == 2u);
}
EOF
    # shellcheck disable=SC1091
    . "$CACHE/env.sh"
    # shellcheck disable=SC2086
    "$TEMPFILE_WIN_CXX" -std=c++17 $TEMPFILE_WIN_CXXFLAGS "$st/t.cpp" -o "$st/t.exe" \
        $TEMPFILE_WIN_LDFLAGS $TEMPFILE_WIN_LIBS
    out=$(cd "$st" && env -u DISPLAY "${WINE_ENV[@]}" WINEPREFIX="$PREFIX" timeout 300 wine ./t.exe </dev/null 2>&1) ||
        { printf '%s\n' "$out" >&2; die "self test failed"; }
    grep -q '\*\*\* No errors detected' <<<"$out" || { printf '%s\n' "$out" >&2; die "self test: no success line"; }
    log "self test passed"
fi
# Let the wineserver flush the registry and exit before the prefix is declared ready.
WINEPREFIX="$PREFIX" timeout 60 wineserver -w || wine_kill

# 7. Done: clean intermediates, stamp, print ------------------------------------------------
rm -rf "$BUILD" "$TREE"
stamp_key >"$CACHE/stamp"
log "ready in $((SECONDS - T0)) s: $CACHE"
cat "$CACHE/env.sh"
