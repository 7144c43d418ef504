#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Every file of the project carries the Boost Software License notice near its
# top, and LICENSE_1_0.txt is at the root. Exempt: the licence itself, JSON
# (no comment syntax) and the fuzzer's seed inputs (data, not source).
# Prints each file that lacks the notice; fails if any does.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
if [ ! -f LICENSE_1_0.txt ] || ! grep -q '^Boost Software License - Version 1.0' LICENSE_1_0.txt; then
    echo "LICENSE_1_0.txt is missing or is not the Boost Software License"
    status=1
fi
checked=0
while IFS= read -r f; do
    case "$f" in
        LICENSE_1_0.txt | *.json | test/fuzz/corpus/*) continue ;;
    esac
    [ -f "$f" ] || continue
    checked=$((checked + 1))
    if ! head -n 12 "$f" | grep -q 'Distributed under the Boost Software License, Version 1.0.'; then
        echo "no licence notice: $f"
        status=1
    fi
done < <(git ls-files --cached --others --exclude-standard)
echo "licence notice: $checked files checked"
exit $status
