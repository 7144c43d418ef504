// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Compile-cost benchmark (bench/compile_cost.sh): tempfile.cpp's code with
// the convenience header <boost/tempfile.hpp> (every public header) instead.
#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <unistd.h>

namespace tf = boost::tempfile;

int main()
{
    tf::temp_dir<> dir;
    tf::named_temp_file<> named(tf::options().dir(dir.path()));
    named.stream() << "hello\n";
    tf::temp_file scratch;
    scratch.stream() << "scratch\n";
    tf::created_file manual = tf::make_temp_file();
    ::close(manual.handle);
    boost::filesystem::remove(manual.path);
    return named.path().empty() ? 1 : 0;
}
