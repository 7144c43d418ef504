// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     with tempfile.NamedTemporaryFile(mode='w+', delete=True) as tmp_file: ...
// A named file, written and read back through one stream, removed when the
// scope ends.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <iostream>
#include <iterator>
#include <string>

namespace tf = boost::tempfile;

int main()
{
    const std::string written = "Hello, temporary world!\nThis is some sample data.";
    boost::filesystem::path path;
    {
        tf::named_temp_file< tf::delete_on_close > tmp_file;
        path = tmp_file.path();
        std::cout << "Temporary file created at: " << path.string() << '\n';

        std::iostream& file = tmp_file.stream();
        file << "Hello, temporary world!\n";
        file << "This is some sample data.";

        // Back to the start to read what was written, as Python's seek(0).
        file.seekg(0);
        const std::string content((std::istreambuf_iterator< char >(file)), std::istreambuf_iterator< char >());
        std::cout << "Content read from the file:\n" << content << '\n';
        if (content != written || !boost::filesystem::exists(path))
            return 1;
    }
    std::cout << "File " << path.string() << " has been closed and deleted.\n";
    std::cout << "Does the file exist? " << std::boolalpha << boost::filesystem::exists(path) << '\n';
    if (boost::filesystem::exists(path))
        return 1;
    return 0;
}
