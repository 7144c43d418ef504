// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::basic_atomic_file: a mode policy's final_mode() must be noexcept:
// expected static_assert: commit() calls it between writing the content and publishing it

#include <boost/tempfile/atomic_file.hpp>

namespace tf = boost::tempfile;

struct may_throw
{
    static tf::mode_type final_mode(const tf::mode_context&) { return 0644; }
};

int main()
{
    tf::basic_atomic_file< may_throw > f("config");
}
