// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a directory cleanup policy needs `static constexpr bool recursive`
// expected static_assert: (whether the contents are removed too); file policies such as delete_on_close have none
//
// delete_on_close is a file policy: it cannot say whether a directory's
// contents go with it.

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_temp_dir< tf::delete_on_close > dir;
}
