// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Expected: static assertion failed: "boost::tempfile: the platform policy must be
// posix_platform, linux_platform, native_platform or a type derived from one of them"

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, int > file;
}
