// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a permission policy's file_mode must include 0600: the owner must be
// expected static_assert: able to read and write its own temporary file

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::mode< 0400, 0700 > > file;
}
