// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a permission policy's modes must not hold 04000 (S_ISUID) or 02000 (S_ISGID)
// expected static_assert: nothing the library creates carries the privileges of its creator
//
// A set-group-ID directory passes its group to everything made in it.

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::mode< 0600, 02700 > > dir;
}
