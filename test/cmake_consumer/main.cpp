// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A program that uses Boost.TempFile the way a downstream project does: it
// only knows the target Boost::tempfile. Exits 0 when the library behaves.

#include <boost/tempfile.hpp>

// consumer_compiled links the separately compiled part, whose target must
// hand the macro on.
#if defined(BOOST_TEMPFILE_CONSUMER_LINKS_COMPILED) && !defined(BOOST_TEMPFILE_SEPARATE_COMPILATION)
#error "linking the compiled part did not define BOOST_TEMPFILE_SEPARATE_COMPILATION"
#endif

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace tf = boost::tempfile;

int main()
{
    boost::filesystem::path dir_path, file_path;
    {
        tf::temp_dir<> dir;
        dir_path = dir.path();
        tf::named_temp_file<> file(tf::options().dir(dir.path()).prefix("consumer_").suffix(".txt"));
        file_path = file.path();
        file.stream() << "linked and working";
        file.stream().seekg(0);
        const std::string back((std::istreambuf_iterator< char >(file.stream())), std::istreambuf_iterator< char >());
        std::cout << file_path.string() << ": " << back << '\n';
        if (back != "linked and working" || file_path.parent_path() != dir_path)
            return 1;
    }
    // Both gone with their scopes.
    return boost::filesystem::exists(file_path) || boost::filesystem::exists(dir_path) ? 1 : 0;
}
