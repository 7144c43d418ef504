// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a permission policy needs `static constexpr mode_type file_mode`,
// expected static_assert: `static constexpr mode_type dir_mode` and `static constexpr bool exact`

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

struct file_mode_only
{
    static constexpr tf::mode_type file_mode = 0640; // no dir_mode, no exact
};

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, file_mode_only > file;
}
