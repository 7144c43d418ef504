// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Compile-cost benchmark (bench/compile_cost.sh), library side: the main
// types of Boost.TempFile, each used once, including only their headers.
// handwritten.cpp does the same with Boost.Filesystem and <fstream>.
#include <boost/tempfile/make_temp.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/temp_dir.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <boost/filesystem/operations.hpp>

#include <unistd.h>

namespace tf = boost::tempfile;

int main()
{
    tf::temp_dir<> dir;                                      // a private directory, removed with its contents
    tf::named_temp_file<> named(tf::options().dir(dir.path())); // a named file inside it
    named.stream() << "hello\n";
    tf::temp_file scratch;                                   // an anonymous file
    scratch.stream() << "scratch\n";
    tf::created_file manual = tf::make_temp_file();          // managed by hand
    ::close(manual.handle);
    boost::filesystem::remove(manual.path);
    return named.path().empty() ? 1 : 0;
}
