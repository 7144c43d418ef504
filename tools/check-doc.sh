#!/usr/bin/env bash
# Copyright 2026 The Boost.TempFile developers
# Distributed under the Boost Software License, Version 1.0.
# (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

# Builds the manual (b2 doc: asciidoctor with warnings as failures) and checks
# that the reference documents every public name.
#
# Public names are read from the compiler, not guessed with regular
# expressions: clang dumps the declarations of every public header
# (include/boost/tempfile/*.hpp), and every name declared there outside
# namespace detail counts -- classes, structs, aliases, functions, variables,
# enumerators, and the public members (functions, data, types) of public
# classes. Constructors, destructors and operators are covered by their class.
#
# A name is documented when it appears in code -- a listing block or a
# `backtick` span -- inside the reference section of its own header: the
# section of doc/reference.adoc whose heading names <boost/tempfile/X.hpp>.
# So a new header needs a new section, and a new member needs a mention there.
#
# Also checked: no cross reference points to a missing id (asciidoctor does
# not warn about those), every example/*.cpp is included in the manual, and
# <boost/tempfile.hpp> includes every public header (the manual says so).
#
# Usage: bash tools/check-doc.sh [--no-build]
# Prints what is missing and exits non-zero if anything is (or the build fails).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=1
[ "${1:-}" = "--no-build" ] && build=0

# ---- tools ---------------------------------------------------------------
need=()
command -v asciidoctor >/dev/null 2>&1 || need+=(asciidoctor)
dpkg-query -W -f='${Status}' ruby-rouge 2>/dev/null | grep -q "install ok installed" || need+=(ruby-rouge)
command -v clang++ >/dev/null 2>&1 || need+=(clang)
command -v b2 >/dev/null 2>&1 || need+=(libboost1.81-tools-dev)
# The public names of <boost/tempfile/gtest.hpp> are read through GoogleTest's headers.
dpkg-query -W -f='${Status}' libgtest-dev 2>/dev/null | grep -q "install ok installed" || need+=(libgtest-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "check-doc: installing ${need[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq || exit 1
    $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 1
fi

status=0

# ---- build ---------------------------------------------------------------
if [ "$build" -eq 1 ]; then
    echo "check-doc: b2 doc"
    # -a: rebuild even when up to date, so that every warning is seen again.
    if ! b2 -a doc 2>&1 | sed 's/^/  /'; then
        echo "check-doc: FAILED: the manual does not build without warnings"
        status=1
    elif [ ! -s doc/html/tempfile.html ]; then
        echo "check-doc: FAILED: b2 doc made no doc/html/tempfile.html"
        status=1
    else
        echo "check-doc: built doc/html/tempfile.html"
        # asciidoctor does not warn about a cross reference to a missing id
        # (it prints "[id]" as the link text): find them in the page.
        broken=$(python3 -c '
import re, sys
page = open(sys.argv[1]).read()
ids = set(re.findall(r"id=\"([^\"]+)\"", page))
print(" ".join(sorted(set(re.findall(r"href=\"#([^\"]+)\"", page)) - ids)))' doc/html/tempfile.html)
        if [ -n "$broken" ]; then
            echo "check-doc: FAILED: cross references to missing ids: $broken"
            status=1
        fi
    fi
fi

# ---- the convenience header -------------------------------------------------
# The manual says <boost/tempfile.hpp> declares everything -- but the opt-in
# headers, which need a test framework (unit_test.hpp, gtest.hpp) and say so
# in their first comment: "Opt-in header (not included by <boost/tempfile.hpp>)".
for h in include/boost/tempfile/*.hpp; do
    if grep -q "^// Opt-in header (not included by <boost/tempfile.hpp>)" "$h"; then
        if grep -q "^#include <${h#include/}>" include/boost/tempfile.hpp; then
            echo "check-doc: FAILED: <boost/tempfile.hpp> includes the opt-in header <${h#include/}>"
            status=1
        fi
        continue
    fi
    if ! grep -q "^#include <${h#include/}>" include/boost/tempfile.hpp; then
        echo "check-doc: FAILED: <boost/tempfile.hpp> does not include <${h#include/}> (the manual says it includes every public header)"
        status=1
    fi
done

# ---- examples -----------------------------------------------------------------
# Every example is shown somewhere in the manual (whole, so that what the
# reader sees is what the test suite runs).
for ex in example/*.cpp; do
    if ! grep -q "^include::\.\./${ex}\[" doc/*.adoc; then
        echo "check-doc: FAILED: ${ex} is not included in the manual"
        status=1
    fi
done

# ---- public names ----------------------------------------------------------
tu=$(mktemp --suffix=.cpp)
dump=$(mktemp)
trap 'rm -f "$tu" "$dump"' EXIT
for h in include/boost/tempfile/*.hpp; do
    echo "#include <${h#include/}>" >> "$tu"
done
if ! clang++ -std=c++17 -I"$root/include" -fsyntax-only -Xclang -ast-dump=json \
        -Xclang -ast-dump-filter=boost::tempfile "$tu" > "$dump" 2> "$dump.err"; then
    echo "check-doc: FAILED: the public headers do not compile:"
    sed 's/^/  /' "$dump.err" | head -30
    rm -f "$dump.err"
    exit 1
fi
rm -f "$dump.err"

python3 - "$dump" doc/reference.adoc doc/tempfile.adoc <<'PYTHON'
import json, re, sys

dump_path, reference_path, main_path = sys.argv[1:4]
HEADER = re.compile(r'(?:^|/)include/boost/tempfile/([A-Za-z0-9_]+\.hpp)$')

# ---- declarations from clang's JSON dump ----------------------------------
# The dump writes a file name only when it changes, so the current file is
# tracked in document order, exactly as the dumper wrote it.
class Walker:
    def __init__(self):
        self.file = None
        self.names = {}   # header -> {display name: plain name}

    def track(self, loc):
        if not isinstance(loc, dict):
            return
        for key, value in loc.items():
            if key == 'includedFrom':
                continue
            if key == 'file':
                self.file = value
            elif isinstance(value, dict):
                self.track(value)

    def locate(self, n):
        """Tracks n's own location and returns the public header it is in."""
        self.track(n.get('loc'))
        m = HEADER.search(self.file or '')
        self.track(n.get('range'))
        return m.group(1) if m else None

    def add(self, header, plain, display):
        if header and plain and not plain.startswith('operator'):
            self.names.setdefault(header, {})[display] = plain

    def node(self, n, scope, collect, access=None):
        """scope: enclosing class names ([] at namespace scope); collect:
        whether names found here are public."""
        if not isinstance(n, dict):
            return
        header = self.locate(n)
        kind = n.get('kind', '')
        name = n.get('name')
        public = collect and not n.get('isImplicit') and access in (None, 'public')
        where = header if public else None
        qual = '::'.join(scope + [name]) if name else None
        inner = n.get('inner', [])

        if kind == 'NamespaceDecl':
            self.children(inner, [], collect and name != 'detail')
        elif kind == 'ClassTemplateDecl':
            self.add(where, name, qual)
            for c in inner:
                if isinstance(c, dict) and c.get('kind') == 'CXXRecordDecl':
                    self.locate(c)
                    self.record(c, scope + [name], public)
                else:
                    self.node(c, scope, False)
        elif kind == 'CXXRecordDecl':
            if name:
                self.add(where, name, qual)
            self.record(n, scope + [name] if name else scope, public)
        elif kind in ('ClassTemplateSpecializationDecl', 'ClassTemplatePartialSpecializationDecl'):
            self.children(inner, scope, False)
        elif kind in ('TypeAliasDecl', 'TypedefDecl', 'TypeAliasTemplateDecl', 'VarDecl', 'FieldDecl',
                      'FunctionDecl', 'FunctionTemplateDecl', 'CXXMethodDecl'):
            self.add(where, name, qual)
            self.children(inner, scope, False)
        elif kind == 'EnumDecl':
            self.add(where, name, qual)
            for c in inner:
                if isinstance(c, dict) and c.get('kind') == 'EnumConstantDecl':
                    at = self.locate(c)
                    self.add(at if public else None, c.get('name'), '%s::%s' % (qual, c.get('name')))
                    self.children(c.get('inner', []), scope, False)
                else:
                    self.node(c, scope, False)
        elif kind == 'FriendDecl':
            for c in inner:
                hidden_friend = isinstance(c, dict) and c.get('kind') in ('FunctionDecl', 'FunctionTemplateDecl')
                self.node(c, scope, collect and hidden_friend, access)
        elif kind == 'LinkageSpecDecl':
            self.children(inner, scope, collect)
        else:
            # Constructors, destructors, using-declarations, static_asserts,
            # statements, types: no new name, but their locations keep the
            # file tracking right.
            self.children(inner, scope, False)

    def record(self, n, scope, collect):
        access = 'public' if n.get('tagUsed') in ('struct', 'union') else 'private'
        for c in n.get('inner', []):
            if not isinstance(c, dict):
                continue
            if c.get('kind') == 'AccessSpecDecl':
                self.locate(c)
                access = c.get('access')
            elif c.get('kind') == 'CXXRecordDecl' and c.get('isImplicit'):
                self.node(c, scope, False)   # the injected class name
            else:
                self.node(c, scope, collect, access)

    def children(self, inner, scope, collect):
        for c in inner:
            self.node(c, scope, collect)

text = open(dump_path).read()
decoder = json.JSONDecoder()
walker = Walker()
pos = 0
while True:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos >= len(text):
        break
    obj, pos = decoder.raw_decode(text, pos)
    walker.file = None
    walker.node(obj, [], True)

# ---- the reference ---------------------------------------------------------
main = open(main_path).read()
if not re.search(r'^include::reference\.adoc\[', main, re.M):
    print('check-doc: FAILED: doc/tempfile.adoc does not include reference.adoc')
    sys.exit(1)

lines = open(reference_path).read().split('\n')
HEADING = re.compile(r'^(=+)\s+(.*)$')
sections = {}  # header file -> code text of its section
i = 0
while i < len(lines):
    m = HEADING.match(lines[i])
    h = re.search(r'<boost/tempfile/([A-Za-z0-9_]+\.hpp)>', lines[i]) if m else None
    if not h:
        i += 1
        continue
    level = len(m.group(1))
    body = []
    i += 1
    while i < len(lines):
        m2 = HEADING.match(lines[i])
        if m2 and len(m2.group(1)) <= level:
            break
        body.append(lines[i])
        i += 1
    code = []
    in_listing = False
    for line in body:
        if line.strip() == '----':
            in_listing = not in_listing
            continue
        if in_listing:
            code.append(line)
        else:
            code.extend(re.findall(r'`([^`]+)`', line))
    sections[h.group(1)] = sections.get(h.group(1), '') + '\n'.join(code) + '\n'

missing = []
total = 0
for header in sorted(walker.names):
    code = sections.get(header)
    for display, plain in sorted(walker.names[header].items()):
        total += 1
        if code is None or not re.search(r'(?<![A-Za-z0-9_])' + re.escape(plain) + r'(?![A-Za-z0-9_])', code):
            missing.append((header, display, code is None))

for header, display, no_section in missing:
    where = 'no section for <boost/tempfile/%s>' % header if no_section else 'not in its section'
    print('check-doc: undocumented: %-28s %-50s (%s)' % (header, display, where))
print('check-doc: %d public names in %d headers, %d documented, %d missing'
      % (total, len(walker.names), total - len(missing), len(missing)))
sys.exit(1 if missing else 0)
PYTHON
names_status=$?
[ "$names_status" -eq 0 ] || status=1

if [ "$status" -eq 0 ]; then echo "check-doc: OK"; else echo "check-doc: FAILED"; fi
exit $status
