#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds the tour of Boost.TempFile and runs it: every example of the guide
# to Python's tempfile, in C++, printing what happens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
b2 -j"$(nproc)" -d0 stage-tour "$@"
./bin/stage/tour
