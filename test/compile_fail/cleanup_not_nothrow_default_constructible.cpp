// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a cleanup policy must be nothrow default-constructible
//
// Owners make their policy object in constructors that must not fail after
// the file exists.

#include <boost/tempfile.hpp>

#include <string>

namespace tf = boost::tempfile;

struct allocating_policy
{
    allocating_policy() : reason("debugging") {} // may throw std::bad_alloc
    bool remove_on_close() const noexcept { return true; }
    bool remove_on_destroy() const noexcept { return true; }
    std::string reason;
};

int main()
{
    tf::named_temp_file< allocating_policy > file;
}
