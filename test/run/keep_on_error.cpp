// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// keep_on_error: an owner whose scope is left by an exception keeps its file
// or directory as evidence and writes the path to standard error; left
// normally it removes it. "By an exception" means one newer than the owner:
// an exception already in flight when the owner was made (the owner is made
// during unwinding) does not count, and neither does one thrown and caught
// while the owner lives. Each scenario runs in a forked child whose standard
// error goes to a pipe the test reads.

#define BOOST_TEST_MODULE keep_on_error
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

namespace {

using evidence_file = tf::named_temp_file< tf::keep_on_error >;
using evidence_dir = tf::temp_dir< tf::keep_on_error >;

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

std::string read_all(int fd)
{
    std::string out;
    char buf[4096];
    for (;;)
    {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0)
            out.append(buf, static_cast< std::size_t >(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    return out;
}

std::vector< std::string > lines_of(const std::string& text)
{
    std::vector< std::string > lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

//! What a scenario run in a child left: its exit status, what it wrote to
//! standard error, and the lines it reported (paths, "fail ..." checks).
struct outcome
{
    int status = -1;
    std::string stderr_text;
    std::vector< std::string > lines;
};

//! The child's report channel.
struct reporter
{
    int fd;
    void say(const std::string& line) const
    {
        const std::string text = line + '\n';
        if (::write(fd, text.data(), text.size()) < 0)
        {
        }
    }
    void check(bool ok, const char* what, int line) const
    {
        if (!ok)
            say("fail line " + std::to_string(line) + ": " + what);
    }
};
#define CHILD_CHECK(r, cond) (r).check((cond), #cond, __LINE__)

outcome run_scenario(const std::function< void(const reporter&) >& body)
{
    int report[2], err[2];
    BOOST_TEST_REQUIRE(::pipe2(report, O_CLOEXEC) == 0);
    BOOST_TEST_REQUIRE(::pipe2(err, O_CLOEXEC) == 0);
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0)
    {
        ::close(report[0]);
        ::close(err[0]);
        ::dup2(err[1], 2);
        ::close(err[1]);
        const reporter r{report[1]};
        try
        {
            body(r);
        }
        catch (const std::exception& e)
        {
            r.say(std::string("fail escaped exception: ") + e.what());
            ::_exit(98);
        }
        catch (...)
        {
            r.say("fail escaped exception");
            ::_exit(98);
        }
        ::_exit(0);
    }
    ::close(report[1]);
    ::close(err[1]);
    outcome o;
    // Small outputs: reading one pipe to its end cannot block the other.
    o.stderr_text = read_all(err[0]);
    const std::string reported = read_all(report[0]);
    ::close(err[0]);
    ::close(report[0]);
    while (::waitpid(pid, &o.status, 0) < 0 && errno == EINTR)
    {
    }
    for (const std::string& line : lines_of(reported))
    {
        if (line.rfind("fail", 0) == 0)
            BOOST_ERROR("in the child: " << line);
        else
            o.lines.push_back(line);
    }
    BOOST_TEST((WIFEXITED(o.status) && WEXITSTATUS(o.status) == 0), "child status " << o.status);
    return o;
}

std::string kept_file_line(const std::string& p)
{
    return "boost::tempfile: kept file " + p + " for inspection (its scope was left by an exception)";
}

std::string kept_dir_line(const std::string& p)
{
    return "boost::tempfile: kept directory " + p + " for inspection (its scope was left by an exception)";
}

struct failure : std::runtime_error
{
    failure() : std::runtime_error("the work failed") {}
};

[[noreturn]] void fail_deep_inside()
{
    throw failure();
}

} // namespace

BOOST_AUTO_TEST_CASE(file_left_by_an_exception_stays_and_its_path_goes_to_stderr)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            evidence_file f(in(scratch.path));
            f.stream() << "partial results";
            r.say(f.path().string());
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 1u);
    const std::string& p = o.lines[0];
    BOOST_TEST(read_file(p) == "partial results");
    BOOST_TEST((lines_of(o.stderr_text) == std::vector< std::string >{kept_file_line(p)}));
    fs::remove(p);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(directory_left_by_an_exception_stays_with_its_contents_and_its_path_goes_to_stderr)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            evidence_dir d(in(scratch.path));
            fs::create_directory(d.path() / "sub");
            write_file(d.path() / "sub" / "log.txt", "what happened");
            r.say(d.path().string());
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 1u);
    const fs::path p = o.lines[0];
    BOOST_TEST(read_file(p / "sub" / "log.txt") == "what happened");
    BOOST_TEST((lines_of(o.stderr_text) == std::vector< std::string >{kept_dir_line(p.string())}));
    fs::remove_all(p);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(owners_left_normally_are_removed_and_nothing_is_written)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        {
            evidence_file f(in(scratch.path));
            evidence_dir d(in(scratch.path));
            write_file(d.path() / "inside", "x");
            r.say(f.path().string());
            r.say(d.path().string());
        }
        {
            evidence_file closed(in(scratch.path));
            closed.close(); // close() keeps the name: a failure later in the scope must find it
            CHILD_CHECK(r, present(closed.path()));
        } // the normal end removes it
    });
    BOOST_TEST(o.lines.size() == 2u);
    BOOST_TEST(o.stderr_text.empty(), o.stderr_text);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(owner_made_in_a_function_and_unwound_through_its_caller_stays)
{
    // The owner is made outside any try block of its own frame; the
    // exception comes from a call deeper down and is caught two frames up.
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        const auto work = [&] {
            evidence_file f(in(scratch.path));
            evidence_dir d(in(scratch.path));
            r.say(f.path().string());
            r.say(d.path().string());
            [] { fail_deep_inside(); }();
        };
        try
        {
            work();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 2u);
    BOOST_TEST(present(o.lines[0]));
    BOOST_TEST(fs::is_directory(o.lines[1]));
    // Destroyed in reverse order: the directory first.
    BOOST_TEST((lines_of(o.stderr_text) ==
                std::vector< std::string >{kept_dir_line(o.lines[1]), kept_file_line(o.lines[0])}));
    fs::remove(o.lines[0]);
    fs::remove_all(o.lines[1]);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(owner_outliving_a_caught_exception_is_removed_at_its_normal_end)
{
    // An exception thrown and caught while the owner lives does not make
    // its end an unwinding one.
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        evidence_file f(in(scratch.path));
        r.say(f.path().string());
        try
        {
            fail_deep_inside();
        }
        catch (const failure&)
        {
            // Inside the handler the exception is caught, not in flight.
            evidence_file in_handler(in(scratch.path));
            r.say(in_handler.path().string());
        }
    });
    BOOST_TEST(o.lines.size() == 2u);
    BOOST_TEST(o.stderr_text.empty(), o.stderr_text);
    BOOST_TEST(scratch.entries() == 0u);
}

namespace {

//! Runs `during` from its destructor, i.e. while an exception unwinds past it.
struct on_unwind
{
    std::function< void() > during;
    ~on_unwind() { during(); }
};

} // namespace

BOOST_AUTO_TEST_CASE(owner_made_and_ended_while_unwinding_is_removed)
{
    // The exception in flight is older than the owner: not the owner's failure.
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            on_unwind guard{[&] {
                CHILD_CHECK(r, std::uncaught_exceptions() == 1);
                evidence_file f(in(scratch.path));
                evidence_dir d(in(scratch.path));
                r.say(f.path().string());
                r.say(d.path().string());
            }};
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST(o.lines.size() == 2u);
    BOOST_TEST(o.stderr_text.empty(), o.stderr_text);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(owner_made_while_unwinding_is_kept_when_a_newer_exception_ends_it)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            on_unwind guard{[&] {
                try
                {
                    evidence_file f(in(scratch.path));
                    r.say(f.path().string());
                    throw std::logic_error("cleanup failed too");
                }
                catch (const std::logic_error&)
                {
                }
            }};
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 1u);
    BOOST_TEST(present(o.lines[0]));
    BOOST_TEST((lines_of(o.stderr_text) == std::vector< std::string >{kept_file_line(o.lines[0])}));
    fs::remove(o.lines[0]);
}

BOOST_AUTO_TEST_CASE(close_during_unwinding_keeps_the_name_and_reports_it_once)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            evidence_file f(in(scratch.path));
            r.say(f.path().string());
            on_unwind closer{[&] {
                f.close(); // unwinding: close() leaves the name
                CHILD_CHECK(r, present(f.path()));
                CHILD_CHECK(r, f.owns_name());
            }};
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 1u);
    BOOST_TEST(present(o.lines[0]));
    BOOST_TEST((lines_of(o.stderr_text) == std::vector< std::string >{kept_file_line(o.lines[0])}));
    fs::remove(o.lines[0]);
}

BOOST_AUTO_TEST_CASE(explicit_remove_during_unwinding_still_removes)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            evidence_file f(in(scratch.path));
            evidence_dir d(in(scratch.path));
            r.say(f.path().string());
            on_unwind remover{[&] {
                f.remove();
                d.remove();
            }};
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST(o.lines.size() == 1u);
    BOOST_TEST(o.stderr_text.empty(), o.stderr_text);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(moved_owner_is_judged_where_it_ends)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        const auto make = [&] { return evidence_file(in(scratch.path)); };
        {
            evidence_file normal = make();
            r.say(normal.path().string());
        }
        try
        {
            evidence_file unwound = make();
            r.say(unwound.path().string());
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 2u);
    BOOST_TEST(!present(o.lines[0]));
    BOOST_TEST(present(o.lines[1]));
    BOOST_TEST((lines_of(o.stderr_text) == std::vector< std::string >{kept_file_line(o.lines[1])}));
    fs::remove(o.lines[1]);
}

BOOST_AUTO_TEST_CASE(kept_and_released_owners_say_nothing_when_unwound)
{
    // The owner let go before the exception: nothing is its evidence.
    fd_leak_check leaks;
    scratch_dir scratch;
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            evidence_file kept(in(scratch.path));
            kept.keep();
            evidence_dir released(in(scratch.path));
            r.say(kept.path().string());
            r.say(released.release().string());
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST_REQUIRE(o.lines.size() == 2u);
    BOOST_TEST(present(o.lines[0]));
    BOOST_TEST(present(o.lines[1]));
    BOOST_TEST(o.stderr_text.empty(), o.stderr_text);
    fs::remove(o.lines[0]);
    fs::remove(o.lines[1]);
}

BOOST_AUTO_TEST_CASE(forked_child_unwinding_through_the_parents_owners_keeps_and_says_nothing)
{
    // The child's copies are not its own: it neither removes nor reports
    // them, whatever way they end. The parent's owners still end normally.
    fd_leak_check leaks;
    scratch_dir scratch;
    evidence_file f(in(scratch.path));
    evidence_dir d(in(scratch.path));
    const outcome o = run_scenario([&](const reporter& r) {
        try
        {
            evidence_file copy_f(std::move(f));
            evidence_dir copy_d(std::move(d));
            r.say(copy_f.path().string());
            fail_deep_inside();
        }
        catch (const failure&)
        {
        }
    });
    BOOST_TEST(o.lines.size() == 1u);
    BOOST_TEST(o.stderr_text.empty(), o.stderr_text);
    BOOST_TEST(present(f.path()));
    BOOST_TEST(fs::is_directory(d.path()));
    const fs::path pf = f.path(), pd = d.path();
    {
        evidence_file end_f(std::move(f));
        evidence_dir end_d(std::move(d));
    }
    BOOST_TEST(!present(pf));
    BOOST_TEST(!present(pd));
}
