// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A system call that keeps failing with EINTR is retried a bounded number of
// times (detail::max_eintr_retries), then reported: a platform told to fail
// `always` with EINTR must end every operation with an error, never hang.
// Each case runs in a child process with an alarm, so that a hang -- the
// behaviour before the bound -- fails the test instead of stalling the suite.

#define BOOST_TEST_MODULE interrupted_calls
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::scratch_dir;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;

//! Exit codes of the child: 0 all well, 1 wrong result, 142 (128 + SIGALRM) hung.
int run_bounded(const std::function< int() >& body)
{
    return test_support::run_in_child([&] {
        ::alarm(20);
        tf::fault_injection::clear();
        const int r = body();
        tf::fault_injection::clear();
        return r;
    });
}

bool is_eintr(const boost::system::error_code& ec)
{
    return ec.value() == EINTR;
}

} // namespace

BOOST_AUTO_TEST_CASE(creating_a_named_file_under_endless_eintr_fails_with_eintr)
{
    scratch_dir scratch;
    const int r = run_bounded([&] {
        tf::fault_injection::fail(tf::sys_call::open, EINTR, 0, tf::fault_injection::always);
        boost::system::error_code ec;
        tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(
            tf::options().dir(scratch.path), ec);
        const unsigned opens = tf::fault_injection::calls(tf::sys_call::open);
        return is_eintr(ec) && !f.is_open() && opens == tf::detail::max_eintr_retries + 1 ? 0 : 1;
    });
    BOOST_TEST(r == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(creating_a_directory_under_endless_eintr_fails_with_eintr)
{
    scratch_dir scratch;
    const int r = run_bounded([&] {
        tf::fault_injection::fail(tf::sys_call::mkdir, EINTR, 0, tf::fault_injection::always);
        boost::system::error_code ec;
        tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::owner_only, faulty > d(
            tf::options().dir(scratch.path), ec);
        return is_eintr(ec) && d.path().empty() ? 0 : 1;
    });
    BOOST_TEST(r == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(writing_under_endless_eintr_reports_eintr_at_close)
{
    scratch_dir scratch;
    const int r = run_bounded([&] {
        tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(
            tf::options().dir(scratch.path));
        f.stream() << "content that must reach the file";
        tf::fault_injection::fail(tf::sys_call::write, EINTR, 0, tf::fault_injection::always);
        boost::system::error_code ec;
        f.close(ec);
        return is_eintr(ec) ? 0 : 1;
    });
    BOOST_TEST(r == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(reading_under_endless_eintr_ends_the_read)
{
    scratch_dir scratch;
    const int r = run_bounded([&] {
        tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(
            tf::options().dir(scratch.path));
        f.stream() << "abc";
        f.stream().seekg(0);
        tf::fault_injection::fail(tf::sys_call::read, EINTR, 0, tf::fault_injection::always);
        std::string word;
        f.stream() >> word;
        return word.empty() && !f.stream() ? 0 : 1;
    });
    BOOST_TEST(r == 0);
}

BOOST_AUTO_TEST_CASE(committing_under_endless_eintr_fails_and_keeps_the_target)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "config";
    {
        std::ofstream(target.string()) << "old";
    }
    for (tf::sys_call call : {tf::sys_call::sync, tf::sys_call::rename})
    {
        const int r = run_bounded([&] {
            tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>, faulty > f(target);
            f.stream() << "new";
            tf::fault_injection::fail(call, EINTR, 0, tf::fault_injection::always);
            boost::system::error_code ec;
            f.commit(ec);
            return is_eintr(ec) && !f.committed() ? 0 : 1;
        });
        BOOST_TEST(r == 0, "sys_call " << static_cast< unsigned >(call));
        std::ifstream in(target.string());
        std::string content;
        in >> content;
        BOOST_TEST(content == "old");
        BOOST_TEST(scratch.entries() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(persisting_without_clobber_under_endless_eintr_fails_and_keeps_the_file)
{
    scratch_dir scratch;
    const int r = run_bounded([&] {
        tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(
            tf::options().dir(scratch.path));
        tf::fault_injection::fail(tf::sys_call::rename, EINTR, 0, tf::fault_injection::always);
        tf::fault_injection::fail(tf::sys_call::link, EINTR, 0, tf::fault_injection::always);
        boost::system::error_code ec;
        f.persist(scratch.path / "kept", tf::no_clobber, ec);
        return ec && f.owns_name() && fs::exists(f.path()) ? 0 : 1;
    });
    BOOST_TEST(r == 0);
    BOOST_TEST(scratch.entries() == 0u);
}
