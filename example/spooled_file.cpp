// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     with tempfile.SpooledTemporaryFile(max_size=100, mode='w+') as tmp:
//         tmp.write("small data stays in memory")      # tmp._rolled == False
//         tmp.write("x" * 200)                         # past max_size: now a real file
//         tmp.seek(0); tmp.read()
//         tmp.fileno()                                 # a descriptor (forces a rollover)
// Data stays in memory until it grows past max_size, then moves to an
// anonymous temporary file; the stream is the same object before and after.

#include <boost/tempfile.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>

#include <iostream>
#include <iterator>
#include <string>
#include <sys/stat.h>

namespace tf = boost::tempfile;

namespace {

bool check(bool ok, const char* claim)
{
    std::cout << (ok ? "ok:     " : "FAILED: ") << claim << '\n';
    return ok;
}

std::string read_back(std::iostream& s)
{
    s.seekg(0);
    return std::string((std::istreambuf_iterator< char >(s)), std::istreambuf_iterator< char >());
}

} // namespace

int main()
{
    bool ok = true;
    {
        tf::spooled_temp_file tmp(100);
        std::iostream& stream = tmp.stream();

        const std::string small = "small data stays in memory";
        stream << small;
        ok &= check(!tmp.rolled_over(), "26 bytes stay in memory (max_size 100)");

        const std::string big(200, 'x');
        stream << big;
        ok &= check(tmp.rolled_over(), "226 bytes rolled over into an anonymous file");
        ok &= check(&tmp.stream() == &stream, "the stream is the same object after the rollover");

        const std::string content = read_back(stream);
        std::cout << "read back " << content.size() << " bytes, starting \"" << content.substr(0, 10) << "\"\n";
        ok &= check(content == small + big, "everything written reads back");

        struct ::stat status;
        ok &= check(::fstat(tmp.native_handle(), &status) == 0 && status.st_nlink == 0,
                    "the file has no name anywhere");
    } // the memory or the file is released here

    {
        // Like Python's fileno(): asking for the descriptor rolls over.
        tf::spooled_temp_file tmp(1024, tf::spool_target::memory_file);
        tmp.stream() << "tiny";
        ok &= check(!tmp.rolled_over(), "4 bytes stay in memory");
        const int fd = tmp.native_handle();
        ok &= check(tmp.rolled_over() && fd >= 0, "native_handle() rolled over (into a memfd on Linux)");
        struct ::stat status;
        ok &= check(::fstat(fd, &status) == 0 && status.st_size == 4, "the descriptor holds the 4 bytes");
    }
    return ok ? 0 : 1;
}
