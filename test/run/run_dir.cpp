// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// run_dir and sweep_runs with real processes and real kills: runs of
// processes that died by SIGKILL, _exit or abort are swept exactly, a live
// run never (also one kept alive by a forked child only), foreign entries
// and other applications' roots are never touched, hostile roots are refused
// with nothing removed, a sweep racing with creations never takes a run
// being made.

#define BOOST_TEST_MODULE run_dir
#include <boost/tempfile.hpp>

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <string>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::present;
using test_support::read_file;
using test_support::scratch_dir;
using test_support::write_file;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

fs::path root_of(const fs::path& parent, const std::string& app = "myapp")
{
    return parent / (app + "-" + std::to_string(::geteuid()));
}

std::vector< std::string > runs_in(const fs::path& root)
{
    std::vector< std::string > out;
    if (!fs::exists(root))
        return out;
    for (const std::string& n : test_support::names_in(root))
        if (n.compare(0, 4, "run-") == 0)
            out.push_back(n);
    return out;
}

enum class ending
{
    killed,     // SIGKILL from the parent
    underscore, // _exit: no destructor, no exit handler
    aborted,    // abort(): SIGABRT, which the library does not handle
    std_exit,   // std::exit: the exit registry removes the run
    normal      // the destructor runs
};

//! A child process that makes a run of `app` in `parent`, fills it, tells
//! the parent its path and waits for a byte on a pipe before it ends as
//! asked. With `grandchild`, it forks a child of its own first, which
//! inherits the run_dir and waits on the same pipe.
struct run_child
{
    pid_t pid = -1;
    int go = -1;      // write end: one byte lets the child end
    int hold_go = -1; // write end the grandchild waits on: closing it ends the grandchild
    fs::path run;

    run_child(const fs::path& parent, ending how, const std::string& app = "myapp", bool grandchild = false)
    {
        int report[2];
        int wait[2];
        int hold[2];
        BOOST_REQUIRE(::pipe(report) == 0);
        BOOST_REQUIRE(::pipe(wait) == 0);
        BOOST_REQUIRE(::pipe(hold) == 0);
        std::fflush(nullptr); // nothing buffered is written twice by a child's std::exit
        pid = ::fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0)
        {
            ::close(report[0]);
            ::close(wait[1]);
            ::close(hold[1]);
            std::string path;
            tf::run_dir* r = nullptr;
            try
            {
                r = new tf::run_dir(app, in(parent));
                write_file(r->path() / "data.txt", "work in progress", 0600);
                fs::create_directories(r->path() / "sub" / "deeper");
                write_file(r->path() / "sub" / "deeper" / "f", "x", 0600);
                path = r->path().string();
            }
            catch (...)
            {
                path = "ERROR";
            }
            if (grandchild && ::fork() == 0)
            {
                // Inherits the descriptor (and with it the lock) and the
                // inert run_dir; ends when the pipe says so.
                char c;
                (void)!::read(hold[0], &c, 1);
                delete r; // inert: removes nothing
                ::_exit(0);
            }
            path += "\n";
            (void)!::write(report[1], path.data(), path.size());
            char c = 0;
            if (::read(wait[0], &c, 1) != 1)
                c = 0;
            switch (how)
            {
            case ending::underscore:
                ::_exit(0);
            case ending::aborted:
                std::signal(SIGABRT, SIG_DFL);
                std::abort();
            case ending::std_exit:
                std::exit(0);
            case ending::normal:
                delete r;
                ::_exit(0);
            default:
                for (;;)
                    ::pause();
            }
        }
        ::close(report[1]);
        ::close(wait[0]);
        ::close(hold[0]);
        go = wait[1];
        hold_go = hold[1];
        std::string line;
        char c;
        while (::read(report[0], &c, 1) == 1 && c != '\n')
            line += c;
        ::close(report[0]);
        BOOST_REQUIRE_MESSAGE(!line.empty() && line != "ERROR", "the child could not make its run");
        run = line;
    }

    //! Lets the child end as it was told (or kills it) and reaps it.
    void finish(ending how)
    {
        if (how == ending::killed)
            ::kill(pid, SIGKILL);
        else
            (void)!::write(go, "g", 1);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
        {
        }
        ::close(go);
        go = -1;
        pid = -1;
    }

    void release_grandchild()
    {
        if (hold_go >= 0)
            ::close(hold_go);
        hold_go = -1;
    }

    ~run_child()
    {
        if (pid > 0)
            finish(ending::killed);
        release_grandchild();
    }
};

void make_old(const fs::path& p, long seconds)
{
    struct ::timeval times[2];
    ::gettimeofday(&times[0], nullptr);
    times[0].tv_sec -= seconds;
    times[1] = times[0];
    BOOST_REQUIRE(::lutimes(p.c_str(), times) == 0);
}

} // namespace

// ---- liveness ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_live_run_is_never_swept_while_its_process_lives)
{
    scratch_dir scratch;
    run_child alive(scratch.path, ending::normal);
    BOOST_TEST(fs::is_directory(alive.run));
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
    BOOST_TEST(tf::list_dead_runs("myapp", in(scratch.path)).empty());
    {
        tf::run_dir mine("myapp", in(scratch.path));
        BOOST_TEST(mine.swept() == 0u);
    }
    BOOST_TEST(read_file(alive.run / "data.txt") == "work in progress");
    BOOST_TEST(present(alive.run / "sub" / "deeper" / "f"));
    alive.finish(ending::normal);
    BOOST_TEST(!present(alive.run)); // its destructor removed it
}

BOOST_AUTO_TEST_CASE(runs_of_processes_killed_by_sigkill_are_swept_with_their_contents)
{
    scratch_dir scratch;
    run_child dying(scratch.path, ending::killed);
    dying.finish(ending::killed);
    BOOST_TEST(present(dying.run / "sub" / "deeper" / "f")); // nothing ran at its death
    const std::vector< fs::path > dead = tf::list_dead_runs("myapp", in(scratch.path));
    BOOST_TEST_REQUIRE(dead.size() == 1u);
    BOOST_TEST(dead[0] == dying.run);
    BOOST_TEST(present(dying.run)); // listing removes nothing
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(dying.run));
    BOOST_TEST(fs::is_directory(root_of(scratch.path))); // the root stays
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
}

BOOST_AUTO_TEST_CASE(runs_of_processes_ended_by_underscore_exit_or_abort_are_swept)
{
    scratch_dir scratch;
    run_child a(scratch.path, ending::underscore);
    run_child b(scratch.path, ending::aborted);
    a.finish(ending::underscore);
    b.finish(ending::aborted);
    BOOST_TEST(present(a.run));
    BOOST_TEST(present(b.run));
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 2u);
    BOOST_TEST(!present(a.run));
    BOOST_TEST(!present(b.run));
}

BOOST_AUTO_TEST_CASE(std_exit_without_the_destructor_removes_the_run_through_the_exit_registry)
{
    scratch_dir scratch;
    run_child c(scratch.path, ending::std_exit);
    c.finish(ending::std_exit);
    BOOST_TEST(!present(c.run));
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
}

BOOST_AUTO_TEST_CASE(constructing_a_run_dir_sweeps_the_dead_runs_of_the_same_application_first)
{
    scratch_dir scratch;
    run_child dying(scratch.path, ending::killed);
    dying.finish(ending::killed);
    tf::run_dir next("myapp", in(scratch.path));
    BOOST_TEST(next.swept() == 1u);
    BOOST_TEST(!present(dying.run));
    BOOST_TEST(next.path().parent_path() == root_of(scratch.path));
    BOOST_TEST(test_support::mode_of(next.path()) == 0700u);
    BOOST_TEST(test_support::mode_of(next.root()) == 0700u);
    const std::string name = next.path().filename().string();
    BOOST_TEST(name.compare(0, 4 + std::to_string(::getpid()).size() + 1,
                            "run-" + std::to_string(::getpid()) + "-") == 0);
}

BOOST_AUTO_TEST_CASE(eight_processes_half_killed_exactly_the_dead_half_is_swept)
{
    scratch_dir scratch;
    std::vector< std::unique_ptr< run_child > > children;
    for (int i = 0; i < 8; ++i)
        children.emplace_back(new run_child(scratch.path, ending::normal));
    for (int i = 0; i < 8; i += 2)
        children[static_cast< std::size_t >(i)]->finish(ending::killed);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 4u);
    for (int i = 0; i < 8; ++i)
        BOOST_TEST(present(children[static_cast< std::size_t >(i)]->run) == (i % 2 == 1));
    BOOST_TEST(runs_in(root_of(scratch.path)).size() == 4u);
    for (int i = 1; i < 8; i += 2)
        children[static_cast< std::size_t >(i)]->finish(ending::normal);
    BOOST_TEST(runs_in(root_of(scratch.path)).empty());
}

BOOST_AUTO_TEST_CASE(a_forked_child_keeps_the_run_alive_until_it_ends_and_removes_nothing)
{
    scratch_dir scratch;
    run_child parent(scratch.path, ending::killed, "myapp", true);
    parent.finish(ending::killed); // the grandchild still holds the lock's file description
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
    BOOST_TEST(present(parent.run));
    // Let the grandchild end: its inert copy removes nothing; the run is dead now.
    parent.release_grandchild();
    for (int i = 0; i < 200 && tf::list_dead_runs("myapp", in(scratch.path)).empty(); ++i)
        ::usleep(10000);
    BOOST_TEST(present(parent.run / "data.txt"));
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(parent.run));
}

BOOST_AUTO_TEST_CASE(an_inherited_run_dir_is_inert_in_a_forked_child)
{
    scratch_dir scratch;
    tf::run_dir run("myapp", in(scratch.path));
    const int status = test_support::run_in_child([&]() {
        boost::system::error_code ec;
        run.remove(ec);
        if (ec != boost::system::errc::operation_not_permitted)
            return 1;
        tf::run_dir gone(std::move(run)); // destroyed here: must remove nothing
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::is_directory(run.path()));
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u); // still locked by us
    const fs::path p = run.path();
    run.remove();
    BOOST_TEST(!present(p));
    BOOST_TEST(!run.owns_directory());
}

// ---- what is never touched -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(foreign_entries_in_the_root_and_other_applications_roots_are_never_touched)
{
    scratch_dir scratch;
    run_child other_app(scratch.path, ending::killed, "otherapp");
    other_app.finish(ending::killed);
    run_child dying(scratch.path, ending::killed);
    dying.finish(ending::killed);
    const fs::path root = root_of(scratch.path);
    const fs::path outside = scratch.path / "outside";
    fs::create_directory(outside);
    write_file(outside / "precious", "keep me", 0600);
    // Names close to the library's, and entries that are not directories.
    fs::create_directory(root / "notes");
    write_file(root / "notes" / "n", "mine", 0600);
    fs::create_directory(root / "run-12-short");
    fs::create_directory(root / "run-x-abcdefghij");
    fs::create_directory(root / "run-12-abcdefghij-more");
    fs::create_directory(root / ".new-abcdefghi"); // one character short
    write_file(root / "run-1-abcdefghij", "a file with a run's name", 0600);
    fs::create_symlink(outside, root / "run-2-abcdefghij");
    // A run-shaped directory of another user (root chowns it away).
    fs::create_directory(root / "run-3-abcdefghij");
    write_file(root / "run-3-abcdefghij" / "theirs", "t", 0600);
    BOOST_REQUIRE(::chown((root / "run-3-abcdefghij").c_str(), ::geteuid() + 1234, 0) == 0);

    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(dying.run));
    BOOST_TEST(present(other_app.run / "data.txt"));
    BOOST_TEST(read_file(root / "notes" / "n") == "mine");
    BOOST_TEST(fs::is_directory(root / "run-12-short"));
    BOOST_TEST(fs::is_directory(root / "run-x-abcdefghij"));
    BOOST_TEST(fs::is_directory(root / "run-12-abcdefghij-more"));
    BOOST_TEST(fs::is_directory(root / ".new-abcdefghi"));
    BOOST_TEST(read_file(root / "run-1-abcdefghij") == "a file with a run's name");
    BOOST_TEST(fs::is_symlink(root / "run-2-abcdefghij"));
    BOOST_TEST(read_file(outside / "precious") == "keep me");
    BOOST_TEST(present(root / "run-3-abcdefghij" / "theirs"));
    BOOST_TEST(tf::sweep_runs("otherapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(other_app.run));
}

BOOST_AUTO_TEST_CASE(a_mount_where_a_run_should_be_is_neither_entered_nor_removed)
{
    scratch_dir scratch;
    { tf::run_dir first("myapp", in(scratch.path)); } // makes the root
    const fs::path root = root_of(scratch.path);
    const fs::path mounted = root / "run-4-abcdefghij";
    fs::create_directory(mounted);
    const int status = test_support::run_in_child([&]() {
        if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            return 77;
        if (::mount("tmpfs", mounted.c_str(), "tmpfs", 0, "size=64k") != 0)
            return 77;
        write_file(mounted / "on_the_mount", "m", 0600);
        boost::system::error_code ec;
        const std::size_t n = tf::sweep_runs("myapp", in(scratch.path), ec);
        const bool kept = present(mounted / "on_the_mount");
        ::umount(mounted.c_str());
        return (n == 0 && !ec && kept) ? 0 : 1;
    });
    if (status == 77)
        BOOST_TEST_MESSAGE("NOT TESTED: cannot mount here");
    else
        BOOST_TEST(status == 0);
    BOOST_TEST(fs::is_directory(mounted));
}

// ---- hostile roots ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_root_that_is_a_symlink_is_refused_naming_it_and_nothing_outside_is_touched)
{
    scratch_dir scratch;
    const fs::path outside = scratch.path / "outside";
    fs::create_directory(outside);
    write_file(outside / "precious", "keep me", 0600);
    fs::create_directory(outside / "run-5-abcdefghij"); // run-shaped, unlocked: a sweep would take it
    const fs::path root = root_of(scratch.path);
    fs::create_symlink(outside, root);
    for (int form = 0; form < 3; ++form)
    {
        try
        {
            if (form == 0)
                tf::run_dir r("myapp", in(scratch.path));
            else if (form == 1)
                (void)tf::sweep_runs("myapp", in(scratch.path));
            else
                (void)tf::list_dead_runs("myapp", in(scratch.path));
            BOOST_ERROR("a symlinked root was accepted");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.path1() == root);
            BOOST_TEST(std::string(e.what()).find("symbolic link") != std::string::npos);
        }
    }
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 0u);
    BOOST_TEST(ec.value() == ELOOP);
    tf::run_dir r("myapp", in(scratch.path), ec);
    BOOST_TEST(!!ec);
    BOOST_TEST(r.path().empty());
    BOOST_TEST(read_file(outside / "precious") == "keep me");
    BOOST_TEST(fs::is_directory(outside / "run-5-abcdefghij"));
    BOOST_TEST(test_support::names_in(outside).size() == 2u); // nothing made there
}

BOOST_AUTO_TEST_CASE(a_root_owned_by_another_user_is_refused_and_nothing_in_it_removed)
{
    scratch_dir scratch;
    const fs::path root = root_of(scratch.path);
    fs::create_directory(root);
    fs::create_directory(root / "run-6-abcdefghij");
    write_file(root / "run-6-abcdefghij" / "planted", "p", 0600);
    BOOST_REQUIRE(::chown(root.c_str(), ::geteuid() + 4321, 0) == 0);
    BOOST_REQUIRE(::chmod(root.c_str(), 0700) == 0);
    try
    {
        tf::run_dir r("myapp", in(scratch.path));
        BOOST_ERROR("a foreign root was accepted");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == root);
        BOOST_TEST(std::string(e.what()).find("owned by another user") != std::string::npos);
    }
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 0u);
    BOOST_TEST(!!ec);
    BOOST_TEST(present(root / "run-6-abcdefghij" / "planted"));
    BOOST_TEST(test_support::names_in(root).size() == 1u);
    ::chown(root.c_str(), ::geteuid(), 0);
}

BOOST_AUTO_TEST_CASE(a_root_that_is_a_file_is_refused_and_left_as_it_is)
{
    scratch_dir scratch;
    const fs::path root = root_of(scratch.path);
    write_file(root, "not a directory", 0600);
    try
    {
        tf::run_dir r("myapp", in(scratch.path));
        BOOST_ERROR("a file as root was accepted");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == root);
        BOOST_TEST(std::string(e.what()).find("not a directory") != std::string::npos);
    }
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 0u);
    BOOST_TEST(!!ec);
    BOOST_TEST(read_file(root) == "not a directory");
}

BOOST_AUTO_TEST_CASE(a_root_of_ours_with_wrong_mode_bits_is_repaired_to_0700)
{
    scratch_dir scratch;
    const fs::path root = root_of(scratch.path);
    fs::create_directory(root);
    BOOST_REQUIRE(::chmod(root.c_str(), 0777) == 0);
    tf::run_dir r("myapp", in(scratch.path));
    BOOST_TEST(test_support::mode_of(root) == 0700u);
    BOOST_REQUIRE(::chmod(root.c_str(), 02755) == 0);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
    BOOST_TEST(test_support::mode_of(root) == 0700u);
}

BOOST_AUTO_TEST_CASE(a_missing_root_is_no_error_for_a_sweep_and_is_not_created)
{
    scratch_dir scratch;
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 0u);
    BOOST_TEST(!ec);
    BOOST_TEST(!present(root_of(scratch.path)));
    BOOST_TEST(tf::list_dead_runs("myapp", in(scratch.path)).empty());
}

BOOST_AUTO_TEST_CASE(bad_application_names_and_naming_options_are_refused_before_anything_is_made)
{
    scratch_dir scratch;
    for (const char* app : {"", "a/b", "..", ".hidden", "a b", "x\n"})
    {
        boost::system::error_code ec;
        tf::run_dir r(app, in(scratch.path), ec);
        BOOST_TEST(ec == boost::system::errc::invalid_argument);
        BOOST_TEST(tf::sweep_runs(app, in(scratch.path), ec) == 0u);
        BOOST_TEST(ec == boost::system::errc::invalid_argument);
    }
    boost::system::error_code ec;
    tf::run_dir r("myapp", tf::options().dir(scratch.path).prefix("p"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST(scratch.entries() == 0u);
}

// ---- creation against sweeps --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_sweep_racing_with_runs_being_made_never_takes_a_live_one)
{
    scratch_dir scratch;
    { tf::run_dir first("myapp", in(scratch.path)); } // the root exists before the race
    int report[2];
    BOOST_REQUIRE(::pipe(report) == 0);
    const pid_t maker = ::fork();
    BOOST_REQUIRE(maker >= 0);
    if (maker == 0)
    {
        ::close(report[0]);
        int failures = 0;
        for (int i = 0; i < 1000; ++i)
        {
            boost::system::error_code ec;
            tf::run_dir r("myapp", in(scratch.path), ec);
            // Each run must stay whole while it lives, whatever the sweeper does.
            if (ec || !fs::is_directory(r.path()))
                ++failures;
            else
            {
                const int fd = ::open((r.path() / "f").c_str(), O_CREAT | O_WRONLY, 0600);
                if (fd < 0)
                    ++failures;
                else
                    ::close(fd);
                if (!fs::exists(r.path() / "f"))
                    ++failures;
            }
        }
        (void)!::write(report[1], &failures, sizeof failures);
        ::_exit(0);
    }
    ::close(report[1]);
    std::size_t swept = 0;
    int status = 0;
    while (::waitpid(maker, &status, WNOHANG) == 0)
    {
        boost::system::error_code ec;
        swept += tf::sweep_runs("myapp", in(scratch.path), ec);
        BOOST_TEST(!ec, ec.message());
    }
    int failures = -1;
    BOOST_TEST(::read(report[0], &failures, sizeof failures) == static_cast< ::ssize_t >(sizeof failures));
    ::close(report[0]);
    BOOST_TEST(failures == 0);
    BOOST_TEST(swept == 0u);
    BOOST_TEST(test_support::names_in(root_of(scratch.path)).empty());
}

BOOST_AUTO_TEST_CASE(a_staging_entry_is_swept_only_once_its_lock_is_free_and_it_is_old)
{
    scratch_dir scratch;
    { tf::run_dir first("myapp", in(scratch.path)); }
    const fs::path root = root_of(scratch.path);
    const fs::path young = root / ".new-abcdefghij";
    const fs::path old = root / ".new-bcdefghijk";
    fs::create_directory(young);
    fs::create_directory(old);
    write_file(old / "half", "h", 0600);
    make_old(old, 3600);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(fs::is_directory(young)); // its creator may be about to lock it
    BOOST_TEST(!present(old));
    // An old one whose lock is held (a creator that stalled) is alive.
    make_old(young, 3600);
    const int fd = ::open(young.c_str(), O_RDONLY | O_DIRECTORY);
    BOOST_REQUIRE(fd >= 0);
    BOOST_REQUIRE(::flock(fd, LOCK_EX) == 0);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
    ::close(fd);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(young));
}

// ---- retention and listing --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(keep_crashed_runs_leaves_the_newest_dead_runs_and_list_dead_runs_shows_them)
{
    scratch_dir scratch;
    std::vector< fs::path > dead;
    {
        // All three alive at once: each construction sweeps the dead runs.
        run_child c0(scratch.path, ending::killed);
        run_child c1(scratch.path, ending::killed);
        run_child c2(scratch.path, ending::killed);
        for (run_child* c : {&c0, &c1, &c2})
        {
            c->finish(ending::killed);
            make_old(c->run, 300 - 100 * static_cast< long >(dead.size())); // dead[2] is the newest
            dead.push_back(c->run);
        }
    }
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), tf::keep_crashed_runs(2)) == 1u);
    BOOST_TEST(!present(dead[0]));
    BOOST_TEST(present(dead[1] / "data.txt"));
    BOOST_TEST(present(dead[2] / "data.txt"));
    std::vector< fs::path > listed = tf::list_dead_runs("myapp", in(scratch.path));
    std::sort(listed.begin(), listed.end());
    std::vector< fs::path > expected{dead[1], dead[2]};
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(listed == expected, boost::test_tools::per_element());
    {
        tf::run_dir r("myapp", in(scratch.path), tf::keep_crashed_runs(1));
        BOOST_TEST(r.swept() == 1u);
    }
    BOOST_TEST(!present(dead[1]));
    BOOST_TEST(present(dead[2]));
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(dead[2]));
}

// ---- errors -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_dead_run_that_cannot_be_removed_is_reported_after_the_others_are)
{
    scratch_dir scratch;
    run_child a(scratch.path, ending::killed);
    run_child b(scratch.path, ending::killed);
    a.finish(ending::killed);
    b.finish(ending::killed);
    // The obstacle: a mount inside one dead run, which the walk never enters.
    const int child = test_support::run_in_child([&]() {
        if (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            return 77;
        if (::mount("tmpfs", (a.run / "sub").c_str(), "tmpfs", 0, "size=64k") != 0)
            return 77;
        boost::system::error_code ec;
        const std::size_t n = tf::sweep_runs("myapp", in(scratch.path), ec);
        const bool ok = n == 1 && ec.value() == EXDEV && present(a.run / "sub") && !present(b.run);
        ::umount((a.run / "sub").c_str());
        return ok ? 0 : 1;
    });
    if (child == 77)
        BOOST_TEST_MESSAGE("NOT TESTED: cannot mount here");
    else
        BOOST_TEST(child == 0);
}
