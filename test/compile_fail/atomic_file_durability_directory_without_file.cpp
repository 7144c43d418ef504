// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Expected: static assertion failed: "boost::tempfile::basic_atomic_file: a durability policy
// that syncs the directory must sync the file too: otherwise a crash can leave the new name
// durable over content that never reached the disk (an empty or partial target)"

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
