// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: the platform policy must be posix_platform, linux_platform,
// expected static_assert: native_platform or a type derived from one of them

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

struct my_platform
{
    using native_handle_type = int;
};

int main()
{
    tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>, my_platform > f("config");
}
