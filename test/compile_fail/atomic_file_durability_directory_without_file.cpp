// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::basic_atomic_file: a durability policy that syncs the directory must
// expected static_assert: sync the file too: otherwise a crash can leave the new name durable over content that
// expected static_assert: never reached the disk (an empty or partial target)

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

struct name_only
{
    static constexpr bool sync_file = false;
    static constexpr bool sync_directory = true;
};

int main()
{
    tf::basic_atomic_file< tf::copy_target_mode, name_only > f("config");
}
