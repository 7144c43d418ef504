// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::basic_atomic_file: a durability policy needs `static constexpr bool sync_file`
//
// A durability policy written as a run-time flag: commit() needs to know at
// compile time which fsyncs it makes.

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

struct maybe_sync
{
    bool sync = true;
};

int main()
{
    tf::basic_atomic_file< tf::copy_target_mode, maybe_sync > f("config");
}
