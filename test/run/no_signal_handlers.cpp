// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// BOOST_TEMPFILE_NO_SIGNAL_HANDLERS, defined for a whole program, makes the
// library install no signal handler at all (issue 16.1): the exit signals
// keep their default disposition, a signal kills the process without any
// cleanup, and removal at exit still works. set_signal_cleanup(true) turns
// the handlers on all the same.

#define BOOST_TEMPFILE_NO_SIGNAL_HANDLERS
#define BOOST_TEST_MODULE no_signal_handlers
#include <boost/tempfile.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdlib>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::child_checks;
using test_support::run_checked_in_child;
using test_support::scratch_dir;

namespace {

bool default_disposition(int sig)
{
    struct sigaction now;
    return ::sigaction(sig, nullptr, &now) == 0 && !(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_DFL;
}

} // namespace

BOOST_AUTO_TEST_CASE(no_handler_is_installed_and_a_signal_kills_without_cleanup)
{
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            std::signal(sig, SIG_DFL);
        tf::temp_dir< tf::delete_at_exit > d(tf::options().dir(scratch.path));
        tf::named_temp_file< tf::delete_at_exit > f(tf::options().dir(scratch.path));
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            CHILD_CHECK(check, default_disposition(sig));
        ::raise(SIGTERM);
        return 0;
    });
    BOOST_TEST(status == 128 + SIGTERM);
    BOOST_TEST(scratch.entries() == 2u, "nothing removed: no handler ran");
}

BOOST_AUTO_TEST_CASE(exit_still_removes_and_set_signal_cleanup_true_installs_the_handlers)
{
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            std::signal(sig, SIG_DFL);
        new tf::temp_dir< tf::delete_at_exit >(tf::options().dir(scratch.path)); // leaked: the registry removes it
        CHILD_CHECK(check, default_disposition(SIGTERM));
        tf::set_signal_cleanup(true);
        CHILD_CHECK(check, !default_disposition(SIGTERM));
        std::exit(3);
        return 0;
    });
    BOOST_TEST(status == 3);
    BOOST_TEST(scratch.entries() == 0u);
}
