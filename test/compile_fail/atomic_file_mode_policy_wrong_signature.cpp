// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::basic_atomic_file: a mode policy needs `mode_type final_mode(const
// expected static_assert: boost::tempfile::mode_context&) const noexcept`
//
// final_mode() must take the mode_context: a policy taking something else
// is not one.

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

struct takes_a_path
{
    static tf::mode_type final_mode(const char* target) noexcept { return target ? 0644 : 0600; }
};

int main()
{
    tf::basic_atomic_file< takes_a_path > f("config");
}
