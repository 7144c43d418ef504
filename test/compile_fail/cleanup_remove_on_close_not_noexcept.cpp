// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a cleanup policy's remove_on_close() must be noexcept

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

struct throwing_close_policy
{
    bool remove_on_close() const { return true; } // not noexcept
    bool remove_on_destroy() const noexcept { return true; }
};

int main()
{
    tf::named_temp_file< throwing_close_policy > file;
}
