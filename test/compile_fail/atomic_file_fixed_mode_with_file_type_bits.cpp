// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::fixed_mode<Mode>: Mode holds only permission bits (07777), e.g.
// expected static_assert: 0644; file type bits such as S_IFREG (0100000) do not belong there

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_atomic_file< tf::fixed_mode< 0100644 > > f("config");
}
