// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Must fail to compile at the static_assert whose message holds each line below
// (checked by test/check_static_assert.sh):
// expected static_assert: boost::tempfile: a naming policy needs `void generate(const
// expected static_assert: boost::tempfile::options&, std::string& name)` that writes one candidate file name
//
// make_temp_file checks its policies as the owners do.

#include <boost/tempfile.hpp>

#include <string>

namespace tf = boost::tempfile;

struct bad_naming
{
    void generate(std::string& name) const { name = "no-options"; } // wrong signature
};

int main()
{
    (void)tf::make_temp_file< bad_naming >();
}
