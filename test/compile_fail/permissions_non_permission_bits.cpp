// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: permission modes hold only permission bits (07777)
//
// 010600 has a file-type bit: open() takes permission bits only.

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::mode< 010600, 0700 > > file;
}
