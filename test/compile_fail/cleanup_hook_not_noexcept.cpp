// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a cleanup policy's hooks (on_create, on_keep, on_release) must be
// expected static_assert: noexcept: owners call them from destructors

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

struct logging_policy
{
    bool remove_on_close() const noexcept { return true; }
    bool remove_on_destroy() const noexcept { return true; }
    void on_release(const boost::filesystem::path&, tf::entry_kind) {} // not noexcept
};

int main()
{
    tf::named_temp_file< logging_policy > file;
}
