// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     with tempfile.TemporaryFile(mode='w+') as tmp: ...
// A file with no name at all (O_TMPFILE on Linux): nothing to clean up, ever.

#include <boost/tempfile.hpp>

#include <iostream>
#include <iterator>
#include <string>
#include <sys/stat.h>

namespace tf = boost::tempfile;

int main()
{
    const std::string written = "This is an anonymous temporary file.";
    tf::temp_file tmp;
    tmp.stream() << written;
    tmp.stream().seekg(0);
    const std::string content((std::istreambuf_iterator< char >(tmp.stream())), std::istreambuf_iterator< char >());
    std::cout << "Read from anonymous file: " << content << '\n';

    // No directory entry refers to it: its link count is zero.
    struct ::stat status;
    if (::fstat(tmp.native_handle(), &status) != 0)
        return 1;
    std::cout << "Names the file has: " << status.st_nlink << '\n';
    if (content != written || status.st_nlink != 0)
        return 1;
    return 0;
} // closing the descriptor releases the storage
