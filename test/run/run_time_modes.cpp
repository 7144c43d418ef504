// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// options().permissions(mode[, exact]) on POSIX: the mode every creation
// gives (the option wins over the permission policy), narrowed by the
// umask like open() and mkdir() unless exact -- asked by the option or by
// the policy -- and the O_APPEND flag that options().append(true) puts on
// the descriptor. What every backend shares (the refusals) is in
// test/behaviour/run_time_permissions.cpp and test/behaviour/append_mode.cpp.

#define BOOST_TEST_MODULE run_time_modes
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::mode_of;
using test_support::scoped_umask;
using test_support::scratch_dir;

namespace {

mode_t mode_of_handle(int fd)
{
    struct stat st;
    return ::fstat(fd, &st) == 0 ? (st.st_mode & 07777) : static_cast< mode_t >(-1);
}

bool appends(int fd)
{
    const int flags = ::fcntl(fd, F_GETFL);
    return flags != -1 && (flags & O_APPEND) != 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_run_time_mode_wins_over_the_policy_for_every_file_creation)
{
    scratch_dir scratch;
    const scoped_umask no_umask(0);
    const tf::options opts = tf::options().dir(scratch.path).permissions(0640);
    tf::named_temp_file<> f(opts);
    BOOST_TEST(mode_of(f.path()) == 0640u);
    tf::temp_file t(opts);
    BOOST_TEST(mode_of_handle(t.native_handle()) == 0640u);
    const tf::created_file made = tf::make_temp_file(opts);
    BOOST_TEST(mode_of(made.path) == 0640u);
    ::close(made.handle);
    fs::remove(made.path);
    // A policy that gives more yields to the option too.
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::umask_default > g(
        tf::options().dir(scratch.path).permissions(0600));
    BOOST_TEST(mode_of(g.path()) == 0600u);
}

BOOST_AUTO_TEST_CASE(the_run_time_mode_wins_for_spooled_files_in_memory_and_on_disk)
{
    scratch_dir scratch;
    const scoped_umask no_umask(0);
    for (const tf::spool_target target : {tf::spool_target::file, tf::spool_target::memory_file})
    {
        tf::spooled_temp_file s(1, target, tf::options().dir(scratch.path).permissions(0660));
        s.stream() << "more than one byte";
        s.stream().flush();
        BOOST_TEST_REQUIRE(s.rolled_over());
        BOOST_TEST(mode_of_handle(s.native_handle()) == 0660u);
    }
}

BOOST_AUTO_TEST_CASE(the_run_time_mode_wins_for_directories)
{
    scratch_dir scratch;
    const scoped_umask no_umask(0);
    tf::temp_dir<> d(tf::options().dir(scratch.path).permissions(0750));
    BOOST_TEST(mode_of(d.path()) == 0750u);
    tf::temp_dir<> sticky(tf::options().dir(scratch.path).permissions(01777));
    BOOST_TEST(mode_of(sticky.path()) == 01777u);
    const fs::path m = tf::make_temp_dir(tf::options().dir(scratch.path).permissions(0711));
    BOOST_TEST(mode_of(m) == 0711u);
    fs::remove(m);
}

BOOST_AUTO_TEST_CASE(the_umask_narrows_a_run_time_mode_unless_it_is_exact)
{
    scratch_dir scratch;
    const scoped_umask narrow(077);
    tf::named_temp_file<> plain(tf::options().dir(scratch.path).permissions(0666));
    BOOST_TEST(mode_of(plain.path()) == 0600u);
    tf::named_temp_file<> exact(tf::options().dir(scratch.path).permissions(0666, true));
    BOOST_TEST(mode_of(exact.path()) == 0666u);
    tf::temp_dir<> plain_dir(tf::options().dir(scratch.path).permissions(0755));
    BOOST_TEST(mode_of(plain_dir.path()) == 0700u);
    tf::temp_dir<> exact_dir(tf::options().dir(scratch.path).permissions(0755, true));
    BOOST_TEST(mode_of(exact_dir.path()) == 0755u);
    // An exact policy keeps the run-time mode exact too.
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::exact_mode< 0600, 0700 > > by_policy(
        tf::options().dir(scratch.path).permissions(0644));
    BOOST_TEST(mode_of(by_policy.path()) == 0644u);
}

BOOST_AUTO_TEST_CASE(append_mode_sets_o_append_on_every_file_descriptor_made)
{
    scratch_dir scratch;
    const tf::options opts = tf::options().dir(scratch.path).append(true);
    tf::named_temp_file<> f(opts);
    BOOST_TEST(appends(f.native_handle()));
    tf::temp_file t(opts);
    BOOST_TEST(appends(t.native_handle()));
    const tf::created_file made = tf::make_temp_file(opts);
    BOOST_TEST(appends(made.handle));
    ::close(made.handle);
    fs::remove(made.path);
    tf::named_temp_file<> plain(tf::options().dir(scratch.path));
    BOOST_TEST(!appends(plain.native_handle()));
    // reopen() opens the name afresh: read-write, without O_APPEND.
    const int again = f.reopen();
    BOOST_TEST(!appends(again));
    ::close(again);
}
