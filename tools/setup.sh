#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Installs what building and testing Boost.TempFile needs on Debian bookworm,
# only what is missing: b2, Boost 1.81 (Filesystem, Test), and the compilers
# named in $TEMPFILE_TOOLSETS (default: gcc), acl (setfacl: the atomic_file
# tests of a directory's default ACL skip without it) and libgtest-dev (the
# GoogleTest adapter of tmp_path; its tests say NOT TESTED without it). Needs
# root (or sudo) to install.
set -euo pipefail

packages=(libboost1.81-dev libboost-filesystem1.81-dev libboost-test1.81-dev libboost-system1.81-dev
          libboost1.81-tools-dev g++ acl)
for toolset in ${TEMPFILE_TOOLSETS:-gcc}; do
    case "$toolset" in
        clang*) packages+=(clang) ;;
    esac
done
for extra in ${TEMPFILE_EXTRA_PACKAGES:-}; do packages+=("$extra"); done

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "tools/setup.sh: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Optional: GoogleTest for the tmp_path adapter's tests. Without it they are
# not built, and the driver says NOT TESTED for GoogleTest.
if ! dpkg-query -W -f='${Status}' libgtest-dev 2>/dev/null | grep -q "install ok installed"; then
    echo "tools/setup.sh: installing libgtest-dev"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends libgtest-dev >/dev/null; }; then
        echo "tools/setup.sh: libgtest-dev could not be installed: the GoogleTest adapter of tmp_path is NOT TESTED"
    fi
fi
