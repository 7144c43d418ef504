// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a permission policy's dir_mode must include 0700: a temporary
// expected static_assert: directory must stay usable by its owner

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::mode< 0600, 0500 > > dir;
}
