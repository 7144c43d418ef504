// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Rust's
//     match spooled.into_inner() {
//         SpooledData::InMemory(cursor) => use_bytes(cursor.into_inner()),
//         SpooledData::OnDisk(file) => use_file(file),
//     }
// and Python's `tmp.truncate()` (at the current position) and `tmp.rollover()`.

#include <boost/tempfile.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace tf = boost::tempfile;

namespace {

bool check(bool ok, const char* claim)
{
    std::cout << (ok ? "ok:     " : "FAILED: ") << claim << '\n';
    return ok;
}

//! Whatever became of the data: the bytes if they stayed in memory, else the file.
std::string take(tf::spooled_temp_file& spooled)
{
    if (!spooled.rolled_over())
    {
        const std::vector< char > bytes = spooled.into_buffer();
        return "memory: " + std::string(bytes.begin(), bytes.end());
    }
    tf::temp_file file = spooled.into_file(); // the handle is at the stream's position
    std::iostream& s = file.stream();
    s.seekg(0);
    std::string line;
    std::getline(s, line);
    return "file: " + line;
}

} // namespace

int main()
{
    bool ok = true;

    tf::spooled_temp_file small(64);
    small.stream() << "a short answer, and then some";
    small.stream().seekp(14);
    small.truncate(); // Python's truncate(): cut where the stream is
    ok &= check(take(small) == "memory: a short answer", "small data comes out of memory, cut at the position");
    ok &= check(!small.is_open(), "the spooled file is closed once its data is taken");

    tf::spooled_temp_file big(8);
    big.stream() << "more than eight bytes";
    ok &= check(take(big) == "file: more than eight bytes", "rolled-over data comes out as a temp_file");

    tf::spooled_temp_file early(tf::never_roll_over);
    early.stream() << "x";
    early.rollover(); // on demand
    ok &= check(early.rolled_over(), "rollover() moves the data into a file at once");

    return ok ? 0 : 1;
}
