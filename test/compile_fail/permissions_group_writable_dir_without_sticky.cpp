// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a permission policy's dir_mode lets group or others write (020, 002) without the sticky bit
// expected static_assert: they could remove or replace every file in the directory
//
// A mode narrowed by the umask too: the umask may be 0 or 002.

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    const boost::filesystem::path p = tf::make_temp_dir< tf::random_name<>, tf::mode< 0600, 0770 > >();
    (void)p;
}
