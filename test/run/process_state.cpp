// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The process-wide state across fork(): a fork made while another thread
// holds the temp-directory cache's lock (set_temp_directory_path,
// reset_temp_directory_path, temp_directory_path) must leave the child a
// usable cache -- its first creation in the default directory used to wait
// forever for a lock that no thread of the child would ever release.

#define BOOST_TEST_MODULE process_state
#include <boost/tempfile.hpp>

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::scoped_env;
using test_support::scratch_dir;

namespace {

//! Stops and joins the thread at the end of the scope, whatever happens.
struct looping_thread
{
    template< typename F >
    explicit looping_thread(F body)
        : thread([this, body] {
              while (!stop.load(std::memory_order_relaxed))
                  body();
          })
    {
    }
    ~looping_thread()
    {
        stop.store(true, std::memory_order_relaxed);
        thread.join();
    }
    std::atomic< bool > stop{false};
    std::thread thread;
};

//! What became of a child: 0 if it created its file in one of the two
//! directories and exited in time, else its exit status or 128 + signal
//! (SIGALRM: it hung).
int child_status(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

//! In the child: a creation in the default directory, which must be one of
//! the two the other thread of the parent switches between.
int create_in_default_directory(const fs::path& overridden, const fs::path& from_environment) noexcept
{
    // A child that hangs on a lock held by a thread it does not have is
    // killed, and the parent sees SIGALRM.
    ::alarm(10);
    boost::system::error_code ec;
    tf::named_temp_file<> f(ec);
    if (ec)
        return 2;
    const fs::path dir = f.path().parent_path();
    if (dir != overridden && dir != from_environment)
        return 3;
    f.stream() << "made in the child";
    f.close(ec);
    return ec ? 4 : 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_fork_while_another_thread_sets_and_resets_the_temp_directory_leaves_the_child_able_to_create)
{
    scratch_dir overridden, from_environment;
    scoped_env tmpdir("TMPDIR", from_environment.path.c_str());
    tf::reset_temp_directory_path();
    int failures = 0;
    int hung = 0;
    {
        looping_thread setter([&] {
            tf::set_temp_directory_path(overridden.path);
            tf::reset_temp_directory_path();
            (void)tf::temp_directory_path(); // the probe of $TMPDIR, under and around the lock
        });
        for (int i = 0; i < 1000 && failures < 3; ++i)
        {
            const pid_t pid = ::fork();
            BOOST_TEST_REQUIRE(pid >= 0);
            if (pid == 0)
                ::_exit(create_in_default_directory(overridden.path, from_environment.path));
            const int status = child_status(pid);
            if (status != 0)
            {
                ++failures;
                hung += status == 128 + SIGALRM;
                BOOST_ERROR("child " << i << " failed: status " << status
                                      << (status == 128 + SIGALRM ? " (hung: killed by its alarm)" : ""));
            }
        }
    }
    BOOST_TEST(failures == 0);
    BOOST_TEST(hung == 0);
    tf::reset_temp_directory_path();
    // The children removed what they made.
    BOOST_TEST(overridden.entries() == 0u);
    BOOST_TEST(from_environment.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(the_child_sees_the_answer_the_parent_had_at_the_fork)
{
    scratch_dir a;
    tf::set_temp_directory_path(a.path);
    const pid_t pid = ::fork();
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0)
    {
        ::alarm(10);
        ::_exit(tf::temp_directory_path() == a.path ? 0 : 1);
    }
    BOOST_TEST(child_status(pid) == 0);
    tf::reset_temp_directory_path();
}
