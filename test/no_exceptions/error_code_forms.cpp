// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The library in a program built without exceptions (-fno-exceptions, so
// BOOST_NO_EXCEPTIONS): every error_code form reports its failure through
// the error_code and never reaches boost::throw_exception, and a throwing
// form reaches the program's boost::throw_exception -- with the message and
// the path a filesystem_error would have carried.
//
// Built and run by test/Jamfile with <exception-handling>off (gcc and clang),
// and by tools/strict-consumer.sh from a project outside the repository,
// with and without -fno-exceptions, under -Wall -Wextra -Wpedantic -Wshadow
// -Wconversion -Wsign-conversion -Wold-style-cast -Wundef -Werror.
// Plain checks, not Boost.Test: the program stays a consumer's program.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>
#include <boost/throw_exception.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;

namespace {

int failures = 0;

#define CHECK(condition)                                                                                  \
    do                                                                                                    \
    {                                                                                                     \
        if (!(condition))                                                                                 \
        {                                                                                                 \
            std::printf("  FAILED line %d: %s\n", __LINE__, #condition);                                  \
            ++failures;                                                                                   \
        }                                                                                                 \
    } while (false)

// Where a thrown exception's message goes: -1 in the main process, where
// nothing may throw; a pipe in the child that calls a throwing form.
int thrown_message_fd = -1;
const int exit_code_after_throw = 42;

[[noreturn]] void report_thrown(const std::exception& e)
{
    if (thrown_message_fd < 0)
    {
        std::printf("  FAILED: unexpected exception (an error_code form threw?): %s\n", e.what());
        std::fflush(stdout);
        std::abort();
    }
    const char* what = e.what();
    const std::size_t length = std::strlen(what);
    if (::write(thrown_message_fd, what, length) != static_cast< ssize_t >(length))
        ::_exit(1);
    ::_exit(exit_code_after_throw);
}

// Compares with the portable condition: the library reports errno values in
// the system category.
bool is(const error_code& ec, boost::system::errc::errc_t expected)
{
    if (ec == expected)
        return true;
    std::printf("  got error %d (%s)\n", ec.value(), ec.message().c_str());
    return false;
}

std::string read_file(const fs::path& p)
{
    std::ifstream in(p.string().c_str(), std::ios::binary);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

// Runs call() in a child and returns what it threw ("" if it returned).
template< typename Call >
std::string message_thrown_by(Call call)
{
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0)
        return "pipe failed";
    std::fflush(stdout);
    const pid_t child = ::fork();
    if (child == 0)
    {
        ::close(pipe_fds[0]);
        thrown_message_fd = pipe_fds[1];
#if defined(BOOST_NO_EXCEPTIONS)
        call();
#else
        try
        {
            call();
        }
        catch (const std::exception& e)
        {
            report_thrown(e);
        }
#endif
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    std::string message;
    char buffer[512];
    ssize_t n;
    while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
        message.append(buffer, static_cast< std::size_t >(n));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != exit_code_after_throw)
        return "";
    return message;
}

void creation_in_a_missing_directory_sets_the_error_code(const fs::path& missing)
{
    std::printf("creation in a missing directory sets the error_code\n");
    const tf::options there = tf::options().dir(missing);
    error_code ec;
    {
        tf::named_temp_file<> file(there, ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
        CHECK(!file.is_open() && !file.owns_name());
    }
    {
        ec.clear();
        tf::temp_file file(there, ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
    }
    {
        ec.clear();
        tf::temp_dir<> dir(there, ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
    }
    {
        ec.clear();
        tf::created_file made = tf::make_temp_file(there, ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
        CHECK(made.handle == -1 && made.path.empty());
    }
    {
        ec.clear();
        const fs::path made = tf::make_temp_dir(there, ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
        CHECK(made.empty());
    }
    {
        ec.clear();
        tf::spooled_temp_file spool(4, there, ec);
        CHECK(!ec);
        spool.rollover(ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
    }
    {
        ec.clear();
        tf::atomic_file file(missing / "settings.ini", ec);
        CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
    }
}

void invalid_options_set_the_error_code(const fs::path& work)
{
    std::printf("invalid options set the error_code\n");
    error_code ec;
    tf::named_temp_file<> file(tf::options().dir(work).prefix("a/b"), ec);
    CHECK(is(ec, boost::system::errc::invalid_argument));
    CHECK(!file.owns_name());
}

void a_named_file_is_written_closed_and_removed(const fs::path& work)
{
    std::printf("a named file is written, closed and removed with error_code forms\n");
    error_code ec;
    tf::named_temp_file< tf::delete_on_destroy > file(tf::options().dir(work), ec);
    CHECK(!ec);
    file.stream() << "no exceptions";
    file.close(ec);
    CHECK(!ec);
    CHECK(read_file(file.path()) == "no exceptions");
    file.remove(ec);
    CHECK(!ec);
    CHECK(!fs::exists(file.path()));
}

void persist_failures_keep_the_file_and_success_publishes_it(const fs::path& work)
{
    std::printf("persist: refusals and failures keep the file, success publishes it\n");
    const fs::path taken = work / "taken.txt";
    std::ofstream(taken.string().c_str()) << "already here";
    error_code ec;
    tf::named_temp_file<> file(tf::options().dir(work), ec);
    CHECK(!ec);
    file.stream() << "report";
    file.persist(taken, tf::no_clobber, ec);
    CHECK(is(ec, boost::system::errc::file_exists));
    CHECK(file.owns_name() && fs::exists(file.path()));
    CHECK(read_file(taken) == "already here");

    ec.clear();
    file.persist(work / "no such directory" / "report.txt", ec);
    CHECK(is(ec, boost::system::errc::no_such_file_or_directory));
    CHECK(file.owns_name() && fs::exists(file.path()));

    ec.clear();
    file.persist(work / "report.txt", ec);
    CHECK(!ec);
    CHECK(read_file(work / "report.txt") == "report");
}

void a_directory_is_made_and_removed(const fs::path& work)
{
    std::printf("a directory is made and removed with error_code forms\n");
    error_code ec;
    tf::temp_dir<> dir(tf::options().dir(work), ec);
    CHECK(!ec);
    const fs::path made = dir.path();
    std::ofstream((made / "inside.txt").string().c_str()) << "x";
    dir.remove(ec);
    CHECK(!ec);
    CHECK(!fs::exists(made));
}

void an_atomic_file_commits_and_refuses_to_clobber(const fs::path& work)
{
    std::printf("atomic_file commits, and refuses to clobber through the error_code\n");
    const fs::path target = work / "settings.ini";
    error_code ec;
    {
        tf::atomic_file file(target, ec);
        CHECK(!ec);
        file.stream() << "first";
        file.commit(ec);
        CHECK(!ec);
    }
    CHECK(read_file(target) == "first");
    {
        tf::atomic_file file(target, ec);
        CHECK(!ec);
        file.stream() << "second";
        file.commit(tf::no_clobber, ec);
        CHECK(is(ec, boost::system::errc::file_exists));
        file.cancel(ec);
        CHECK(!ec);
    }
    CHECK(read_file(target) == "first");
}

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
using faulty_file = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty_platform >;

void system_call_failures_reach_the_error_code(const fs::path& work)
{
    std::printf("system-call failures (injected) reach the error_code\n");
    error_code ec;
    tf::fault_injection::clear();
    tf::fault_injection::fail(tf::sys_call::open, ENOSPC, 0, tf::fault_injection::always);
    {
        faulty_file file(tf::options().dir(work), ec);
        CHECK(is(ec, boost::system::errc::no_space_on_device));
    }
    tf::fault_injection::clear();

    ec.clear();
    faulty_file file(tf::options().dir(work), ec);
    CHECK(!ec);
    file.stream() << "lost to a full disk";
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    file.close(ec);
    CHECK(is(ec, boost::system::errc::no_space_on_device));
    CHECK(tf::fault_injection::injected() == 1);
    tf::fault_injection::clear();
}

void a_throwing_form_reaches_boost_throw_exception(const fs::path& missing)
{
    std::printf("a throwing form reaches boost::throw_exception with the path\n");
    const std::string message = message_thrown_by([&] { tf::named_temp_file<> file(tf::options().dir(missing)); });
    std::printf("  thrown: %s\n", message.c_str());
    CHECK(message.find(missing.string()) != std::string::npos);

    // (stream() on a closed file no longer throws: it returns the failed stream.)
    const std::string closed = message_thrown_by([] {
        tf::named_temp_file<> file;
        file.close();
        (void)file.duplicate_handle();
    });
    std::printf("  thrown: %s\n", closed.c_str());
    CHECK(closed.find("the file is closed") != std::string::npos);
}

} // namespace

#if defined(BOOST_NO_EXCEPTIONS)
// What a program built without exceptions provides (Boost.ThrowException):
// the library's throwing forms and Boost.Filesystem's end up here.
namespace boost {
void throw_exception(const std::exception& e)
{
    report_thrown(e);
}
void throw_exception(const std::exception& e, const boost::source_location&)
{
    report_thrown(e);
}
} // namespace boost
#endif

int main()
{
#if defined(BOOST_NO_EXCEPTIONS)
    std::printf("built without exceptions (BOOST_NO_EXCEPTIONS)\n");
#else
    std::printf("built with exceptions\n");
#endif
    error_code ec;
    const fs::path tmp = tf::temp_directory_path(ec);
    CHECK(!ec && fs::is_directory(tmp));
    tf::temp_dir<> work(ec);
    CHECK(!ec);
    if (ec)
        return 1;
    const fs::path missing = work.path() / "missing";

    creation_in_a_missing_directory_sets_the_error_code(missing);
    invalid_options_set_the_error_code(work.path());
    a_named_file_is_written_closed_and_removed(work.path());
    persist_failures_keep_the_file_and_success_publishes_it(work.path());
    a_directory_is_made_and_removed(work.path());
    an_atomic_file_commits_and_refuses_to_clobber(work.path());
    system_call_failures_reach_the_error_code(work.path());
    a_throwing_form_reaches_boost_throw_exception(missing);

    work.remove(ec);
    CHECK(!ec);
    std::printf("%s: %d failed check(s)\n", failures == 0 ? "passed" : "FAILED", failures);
    return failures == 0 ? 0 : 1;
}
