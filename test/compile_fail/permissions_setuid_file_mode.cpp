// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a permission policy's modes must not hold 04000 (S_ISUID) or 02000 (S_ISGID)
// expected static_assert: nothing the library creates carries the privileges of its creator
//
// Issue 16.3: exact_mode<04666, 0700> would make set-user-ID files.

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

int main()
{
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::exact_mode< 04666, 0700 > > file;
}
