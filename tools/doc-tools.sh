#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# What `b2 doc` needs before it runs asciidoctor: asciidoctor itself and the
# rouge highlighter. When either is missing they are installed the way
# tools/setup.sh installs compilers and Boost -- Debian packages through
# apt-get, as root or through sudo -- and where that cannot be done the
# script prints the one command that would, and fails.
# doc/Jamfile runs it as the first step of the manual's build.
set -uo pipefail

ready() {
    asciidoctor --version >/dev/null 2>&1 && ruby -e 'require "rouge"' >/dev/null 2>&1
}
instruction="b2 doc needs asciidoctor and the rouge highlighter: sudo apt-get install asciidoctor ruby-rouge (or: gem install asciidoctor rouge)"

ready && exit 0
if ! apt-get --version >/dev/null 2>&1; then
    echo "$instruction"
    exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        echo "$instruction"
        exit 1
    fi
fi
echo "doc-tools: installing asciidoctor ruby-rouge"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null 2>&1
"${sudo[@]}" apt-get install -y -qq --no-install-recommends asciidoctor ruby-rouge >/dev/null 2>&1
ready && exit 0
echo "$instruction"
exit 1
