// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a file cleanup policy needs `bool remove_on_close() const noexcept`
// expected static_assert: (whether close() removes the name); directory policies such as recursive_remove have none
//
// recursive_remove says how a directory is removed; a file owner needs to
// know what close() does, which a directory policy cannot say.

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::recursive_remove > file;
}
