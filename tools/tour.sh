#!/usr/bin/env bash
# Builds the tour of Boost.TempFile and runs it: every example of the guide
# to Python's tempfile, in C++, printing what happens.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
b2 -j"$(nproc)" -d0 stage-tour "$@"
./bin/stage/tour
