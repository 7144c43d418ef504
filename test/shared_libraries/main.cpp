// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Two shared libraries built with hidden visibility, each using Boost.TempFile,
// loaded into one program (which uses it too).
//
// BOOST_TEMPFILE_TEST_ONE_STATE=0: header-only. Each library has its own
// process-wide state: what one sets with set_temp_directory_path() the other
// does not see. This is the documented behaviour (doc/integration.adoc) that
// BOOST_TEMPFILE_SEPARATE_COMPILATION exists to change; the test keeps the
// manual honest about it.
//
// BOOST_TEMPFILE_TEST_ONE_STATE=1: BOOST_TEMPFILE_SEPARATE_COMPILATION, the
// libraries and the program linked with the compiled part (shared): one state
// for all three.

#define BOOST_TEST_MODULE shared_libraries
#include "plugin.hpp"

#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/temp_directory.hpp>

#include "../run/test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::scoped_env;
using test_support::scratch_dir;

#if !defined(BOOST_TEMPFILE_TEST_ONE_STATE)
#error "define BOOST_TEMPFILE_TEST_ONE_STATE to 0 (header-only) or 1 (separate compilation)"
#endif
#if BOOST_TEMPFILE_TEST_ONE_STATE != defined(BOOST_TEMPFILE_SEPARATE_COMPILATION)
#error "BOOST_TEMPFILE_TEST_ONE_STATE=1 goes with BOOST_TEMPFILE_SEPARATE_COMPILATION, 0 without"
#endif

namespace {

const plugin_api& a = *boost_tempfile_test_plugin_a();
const plugin_api& b = *boost_tempfile_test_plugin_b();

//! Every test starts from $TMPDIR = a scratch directory and nothing cached
//! or overridden, in the program and in both libraries.
struct fresh_state
{
    scratch_dir from_environment, chosen;
    scoped_env tmpdir{"TMPDIR", from_environment.path.c_str()};
    fresh_state() { reset_all(); }
    ~fresh_state() { reset_all(); }
    static void reset_all()
    {
        tf::reset_temp_directory_path();
        a.reset_temp_directory();
        b.reset_temp_directory();
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(shared_libraries, fresh_state)

#if BOOST_TEMPFILE_TEST_ONE_STATE

BOOST_AUTO_TEST_CASE(the_libraries_and_the_program_share_one_temp_directory_state)
{
    BOOST_TEST(a.temp_directory_state() == b.temp_directory_state());
    BOOST_TEST(a.temp_directory_state() == static_cast< const void* >(&tf::detail::temp_directory_state()));
    BOOST_TEST(a.process_state() == b.process_state());
    BOOST_TEST(a.process_state() == static_cast< const void* >(&tf::detail::the_process_state()));
}

BOOST_AUTO_TEST_CASE(set_temp_directory_path_in_one_library_is_seen_by_the_other_and_by_the_program)
{
    BOOST_TEST(b.temp_directory() == from_environment.path); // cached in b before a changes it
    a.set_temp_directory(chosen.path);
    BOOST_TEST(b.temp_directory() == chosen.path);
    BOOST_TEST(tf::temp_directory_path() == chosen.path);
    BOOST_TEST(b.directory_of_a_new_file() == chosen.path);
    BOOST_TEST(a.directory_of_a_new_file() == chosen.path);
    tf::named_temp_file<> mine;
    BOOST_TEST(mine.path().parent_path() == chosen.path);
}

BOOST_AUTO_TEST_CASE(reset_in_one_library_is_seen_by_the_other)
{
    tf::set_temp_directory_path(chosen.path);
    BOOST_TEST(a.temp_directory() == chosen.path);
    b.reset_temp_directory();
    BOOST_TEST(a.temp_directory() == from_environment.path);
    BOOST_TEST(a.directory_of_a_new_file() == from_environment.path);
}

#else

BOOST_AUTO_TEST_CASE(each_library_has_its_own_temp_directory_state)
{
    BOOST_TEST(a.temp_directory_state() != b.temp_directory_state());
    BOOST_TEST(a.temp_directory_state() != static_cast< const void* >(&tf::detail::temp_directory_state()));
    BOOST_TEST(a.process_state() != b.process_state());
}

BOOST_AUTO_TEST_CASE(set_temp_directory_path_in_one_library_is_not_seen_by_the_other)
{
    BOOST_TEST(b.temp_directory() == from_environment.path);
    a.set_temp_directory(chosen.path);
    BOOST_TEST(a.temp_directory() == chosen.path);
    BOOST_TEST(a.directory_of_a_new_file() == chosen.path);
    // b, and the program, still use their own answer.
    BOOST_TEST(b.temp_directory() == from_environment.path);
    BOOST_TEST(b.directory_of_a_new_file() == from_environment.path);
    BOOST_TEST(tf::temp_directory_path() == from_environment.path);
}

#endif

// Holds in both modes: each copy of the fork counter has its own atfork
// handler (or the one copy has one), so every library knows a child for one.
BOOST_AUTO_TEST_CASE(every_library_knows_it_runs_in_a_forked_child)
{
    const unsigned in_a = a.fork_generation(), in_b = b.fork_generation();
    const pid_t pid = ::fork();
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0)
    {
        ::alarm(10);
        const bool ok = a.fork_generation() != in_a && b.fork_generation() != in_b &&
                        tf::detail::fork_generation() != 0;
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    BOOST_TEST_REQUIRE(::waitpid(pid, &status, 0) == pid);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    BOOST_TEST(a.fork_generation() == in_a);
    BOOST_TEST(b.fork_generation() == in_b);
}

BOOST_AUTO_TEST_SUITE_END()
