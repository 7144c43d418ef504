// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::fixed_mode<Mode>: Mode must not hold 04000 (S_ISUID) or 02000 (S_ISGID)
// expected static_assert: atomic_file never publishes a set-user-ID or set-group-ID file

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_atomic_file< tf::fixed_mode< 04755 > > f("program");
}
