// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     with tempfile.TemporaryDirectory() as tmp_dir: ...
// A directory for several files; it goes, with everything in it, when the
// scope ends.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>

namespace tf = boost::tempfile;

int main()
{
    boost::filesystem::path file1_path, file2_path, dir_path;
    {
        tf::temp_dir< tf::recursive_remove > tmp_dir;
        dir_path = tmp_dir.path();
        std::cout << "Temporary directory created at: " << dir_path.string() << '\n';

        file1_path = dir_path / "data1.txt";
        file2_path = dir_path / "data2.txt";
        std::ofstream(file1_path.string()) << "This is file 1.";
        std::ofstream(file2_path.string()) << "This is file 2.";

        std::cout << "Files created. Does 'data1.txt' exist? " << std::boolalpha
                  << boost::filesystem::exists(file1_path) << '\n';
        if (!boost::filesystem::exists(file1_path) || !boost::filesystem::exists(file2_path))
            return 1;
    }
    std::cout << "Directory " << dir_path.string() << " and its contents have been deleted.\n";
    std::cout << "Does 'data1.txt' exist now? " << std::boolalpha << boost::filesystem::exists(file1_path) << '\n';
    if (boost::filesystem::exists(file1_path) || boost::filesystem::exists(dir_path))
        return 1;
    return 0;
}
