// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// spooled_temp_file's into_buffer(), into_file() and truncate() in a forked
// child (decisions.md, 1): refused with operation_not_permitted, nothing
// taken, cut or written; the parent's data whole afterwards. What every
// backend shares is in test/behaviour/spooled_take.cpp.

#define BOOST_TEST_MODULE spooled_take
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <string>
#include <vector>

namespace tf = boost::tempfile;
namespace errc = boost::system::errc;

namespace {

//! In a child: every way to take or cut the data is refused.
int refused_in_child(tf::spooled_temp_file& f)
{
    boost::system::error_code ec;
    if (!f.into_buffer(ec).empty() || ec != errc::operation_not_permitted)
        return 1;
    tf::temp_file file = f.into_file(ec);
    if (file.is_open() || ec != errc::operation_not_permitted)
        return 2;
    f.truncate(ec);
    if (ec != errc::operation_not_permitted)
        return 3;
    return 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_forked_child_takes_nothing_out_of_memory)
{
    tf::spooled_temp_file f(64);
    f.stream() << "parent's data";
    f.stream().seekp(3);
    BOOST_TEST(test_support::run_in_child([&] { return refused_in_child(f); }) == 0);
    BOOST_TEST(std::string(f.into_buffer().data(), 13) == "parent's data");
}

BOOST_AUTO_TEST_CASE(a_forked_child_takes_no_rolled_over_file_and_writes_nothing)
{
    test_support::fd_leak_check leak;
    tf::spooled_temp_file f(4);
    f.stream() << "parent's data";
    f.stream() << " and more"; // buffered in the file's stream: the child must not write it
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(test_support::run_in_child([&] { return refused_in_child(f); }) == 0);
    tf::temp_file file = f.into_file();
    BOOST_TEST(portable::handle_contents(file.native_handle()) == "parent's data and more");
}
