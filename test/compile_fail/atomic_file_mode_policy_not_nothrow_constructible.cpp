// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile::basic_atomic_file: a mode policy must be nothrow
// expected static_assert: default-constructible

#include <boost/tempfile/atomic_file.hpp>

#include <string>

namespace tf = boost::tempfile;

struct named_mode
{
    named_mode() noexcept(false) : name("rw-r--r--") {}
    std::string name;
    tf::mode_type final_mode(const tf::mode_context&) const noexcept { return 0644; }
};

int main()
{
    tf::basic_atomic_file< named_mode > f("config");
}
