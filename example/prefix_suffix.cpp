// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     with tempfile.NamedTemporaryFile(suffix='.log', prefix='my_app_', mode='w+') as tmp: ...
// The random part of the name sits between a prefix and a suffix of your choice.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <iostream>
#include <string>

namespace tf = boost::tempfile;

int main()
{
    boost::filesystem::path path;
    {
        tf::named_temp_file<> tmp(tf::options().prefix("my_app_").suffix(".log"));
        path = tmp.path();
        tmp.stream() << "This log file has a custom name.";
        std::cout << "File with custom name: " << path.string() << '\n'; // e.g. /tmp/my_app_k3x9q2ztab.log

        const std::string name = path.filename().string();
        const bool named_as_asked = name.size() > std::string("my_app_.log").size() &&
                                    name.compare(0, 7, "my_app_") == 0 &&
                                    name.compare(name.size() - 4, 4, ".log") == 0;
        if (!named_as_asked || path.parent_path() != tf::temp_directory_path())
            return 1;
    }
    if (boost::filesystem::exists(path))
        return 1;
    return 0;
}
