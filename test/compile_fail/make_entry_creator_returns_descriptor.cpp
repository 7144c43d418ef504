// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::make_entry: the creator must return bool (made or not) or
// expected static_assert: a raw descriptor would convert to bool

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    // A raw descriptor: 0 would read as "not made", -1 as "made".
    auto entry = tf::make_entry([](const boost::filesystem::path&, boost::system::error_code&) { return 3; });
    (void)entry;
}
