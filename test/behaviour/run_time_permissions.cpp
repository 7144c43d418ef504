// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// options().permissions(mode) (Rust's Builder::permissions) on every
// backend: held to the permission policies' rules at run time -- refused
// with invalid_argument naming the directory, before anything is made --
// and accepted by every creation otherwise. The modes it gives are tested
// in test/run/run_time_modes.cpp (POSIX), the DACLs in
// test/windows/run_time_permissions.cpp.

#define BOOST_TEST_MODULE behaviour_run_time_permissions
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

void check_refused(const boost::system::error_code& ec, const case_dir& scratch)
{
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST((ec.category() == boost::system::generic_category()));
    BOOST_TEST(scratch.entries() == 0u);
}

//! Every file creation refuses `mode`; the message says `why`.
void every_file_creation_refuses(tf::mode_type mode, const std::string& why)
{
    case_dir scratch;
    const tf::options opts = tf::options().dir(scratch.path).permissions(mode);
    boost::system::error_code ec;
    tf::named_temp_file<> f(opts, ec);
    check_refused(ec, scratch);
    tf::temp_file t(opts, ec);
    check_refused(ec, scratch);
    const tf::created_file made = tf::make_temp_file(opts, ec);
    check_refused(ec, scratch);
    BOOST_TEST(made.path.empty());
    tf::spooled_temp_file s(4, opts, ec);
    check_refused(ec, scratch);
    try
    {
        tf::named_temp_file<> thrown(opts);
        BOOST_ERROR("named_temp_file accepted a mode the rules refuse");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST_MESSAGE(e.what());
        BOOST_TEST(std::string(e.what()).find(why) != std::string::npos);
    }
}

//! Every directory creation refuses `mode`; the message says `why`.
void every_directory_creation_refuses(tf::mode_type mode, const std::string& why)
{
    case_dir scratch;
    const tf::options opts = tf::options().dir(scratch.path).permissions(mode);
    boost::system::error_code ec;
    tf::temp_dir<> d(opts, ec);
    check_refused(ec, scratch);
    const fs::path p = tf::make_temp_dir(opts, ec);
    check_refused(ec, scratch);
    BOOST_TEST(p.empty());
    try
    {
        tf::temp_dir<> thrown(opts);
        BOOST_ERROR("temp_dir accepted a mode the rules refuse");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST_MESSAGE(e.what());
        BOOST_TEST(std::string(e.what()).find(why) != std::string::npos);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(a_run_time_mode_never_carries_privilege)
{
    every_file_creation_refuses(04600, "permissions(04600) holds 04000 (S_ISUID)");
    every_file_creation_refuses(02600, "02000 (S_ISGID)");
    every_directory_creation_refuses(02700, "02000 (S_ISGID)");
    every_directory_creation_refuses(04700, "04000 (S_ISUID)");
}

BOOST_AUTO_TEST_CASE(a_run_time_mode_holds_only_permission_bits)
{
    every_file_creation_refuses(0100600, "no permission bits");
    every_directory_creation_refuses(040700, "no permission bits");
}

BOOST_AUTO_TEST_CASE(a_run_time_file_mode_lets_the_owner_read_and_write)
{
    every_file_creation_refuses(0400, "lacks 0600");
    every_file_creation_refuses(0200, "lacks 0600");
    every_file_creation_refuses(0044, "lacks 0600");
}

BOOST_AUTO_TEST_CASE(a_run_time_directory_mode_lets_the_owner_use_it)
{
    every_directory_creation_refuses(0600, "lacks 0700");
    every_directory_creation_refuses(0500, "lacks 0700");
}

BOOST_AUTO_TEST_CASE(a_directory_that_others_may_write_needs_the_sticky_bit)
{
    every_directory_creation_refuses(0777, "without the sticky bit");
    every_directory_creation_refuses(0770, "without the sticky bit");
    every_directory_creation_refuses(0702, "without the sticky bit");
}

BOOST_AUTO_TEST_CASE(modes_the_rules_allow_are_accepted_by_every_creation)
{
    case_dir scratch;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path).permissions(0644));
        BOOST_TEST(f.is_open());
        tf::temp_file t(tf::options().dir(scratch.path).permissions(0660, true));
        BOOST_TEST(t.is_open());
        tf::spooled_temp_file s(2, tf::options().dir(scratch.path).permissions(0640));
        s.stream() << "rolls over";
        s.stream().flush();
        BOOST_TEST(s.rolled_over());
        const tf::created_file made = tf::make_temp_file(tf::options().dir(scratch.path).permissions(0666));
        BOOST_TEST(made.handle != no_handle());
        close_handle(made.handle);
        fs::remove(made.path);
        tf::temp_dir<> d(tf::options().dir(scratch.path).permissions(01777));
        BOOST_TEST(is_real_dir(d.path()));
        tf::temp_dir<> e(tf::options().dir(scratch.path).permissions(0755, true));
        BOOST_TEST(is_real_dir(e.path()));
        const fs::path m = tf::make_temp_dir(tf::options().dir(scratch.path).permissions(0750));
        BOOST_TEST(is_real_dir(m));
        fs::remove(m);
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(the_options_report_what_was_set)
{
    const tf::options none;
    BOOST_TEST(!none.has_permissions());
    BOOST_TEST(!none.has_random_length());
    BOOST_TEST(!none.append());
    const tf::options set = tf::options().permissions(0640, true).random_length(0).append(true);
    BOOST_TEST(set.has_permissions());
    BOOST_TEST(set.permissions() == 0640u);
    BOOST_TEST(set.exact_permissions());
    BOOST_TEST(set.has_random_length());
    BOOST_TEST(set.random_length() == 0u);
    BOOST_TEST(set.append());
}
