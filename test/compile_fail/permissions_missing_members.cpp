// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Expected: static assertion failed: "boost::tempfile: a permission policy needs
// `static constexpr mode_type file_mode`, `static constexpr mode_type dir_mode` and
// `static constexpr bool exact`"

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
