// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Expected: static assertion failed: "boost::tempfile: a permission policy's file_mode
// must include 0600: the owner must be able to read and write its own temporary file"

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::mode< 0400, 0700 > > file;
}
