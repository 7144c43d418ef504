// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The names the API review (issue 16) added to the file owners' interface:
// options remembering what was set (16.3), to_perms / to_mode (16.3).
//
// Portable: built here and, through test/windows/api_additions.cpp, for
// Windows (run under wine).

#define BOOST_TEST_MODULE api_additions
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>

#include <boost/filesystem/file_status.hpp>
#include <boost/test/unit_test.hpp>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

// ---- options remember what the caller set (16.3) ---------------------------------------------------

BOOST_AUTO_TEST_CASE(options_remember_which_of_prefix_suffix_and_pattern_were_set)
{
    const tf::options none;
    BOOST_TEST(!none.has_prefix());
    BOOST_TEST(!none.has_suffix());
    BOOST_TEST(!none.has_pattern());
    BOOST_TEST(none.prefix() == "tmp", "the default prefix is still there to use");

    const tf::options some = tf::options().prefix("tmp").pattern("XXXXXX");
    BOOST_TEST(some.has_prefix(), "set to its default value still counts as set");
    BOOST_TEST(!some.has_suffix());
    BOOST_TEST(some.has_pattern());

    tf::options lvalue;
    lvalue.suffix(".x");
    const tf::options copy = lvalue;
    BOOST_TEST(copy.has_suffix(), "a copy remembers too");
    BOOST_TEST(!copy.has_prefix());
    tf::options moved = std::move(lvalue);
    BOOST_TEST(moved.has_suffix());
}

// ---- to_perms / to_mode (16.3) -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(to_perms_and_to_mode_convert_the_permission_bits)
{
    static_assert(tf::to_perms(0600) == (fs::owner_read | fs::owner_write), "");
    static_assert(tf::to_mode(fs::owner_all | fs::group_read) == 0740u, "");
    static_assert(tf::to_mode(tf::to_perms(01777)) == 01777u, "");
    static_assert(tf::to_perms(010644) == tf::to_perms(0644), "file-type bits are no permission bits");
    static_assert(tf::to_mode(fs::perms_not_known) == 0u, "unknown: no bits");
    static_assert(tf::to_mode(fs::add_perms | fs::owner_read) == 0400u, "flags are dropped");
    BOOST_TEST(tf::to_mode(fs::set_uid_on_exe) == 04000u);
    BOOST_TEST(tf::to_mode(tf::to_perms(tf::owner_only::file_mode)) == 0600u);
}
