// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_file on POSIX: no name is ever visible, the mode, the directory may go
// away under it, the descriptor is not inherited across exec, and the
// create+unlink fallback used where O_TMPFILE is refused leaves no name
// behind, even when it fails. What every backend shares is in
// test/behaviour/temp_file.cpp.

#define BOOST_TEST_MODULE temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <fcntl.h>
#include <iterator>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scoped_umask;
using test_support::scratch_dir;
using test_support::fault_scope;
using test_support::stream_contents;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_temp_file = tf::basic_temp_file< tf::random_name<>, tf::owner_only, faulty >;

struct stat stat_fd(int fd)
{
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        st.st_nlink = 12345; // makes every check on it fail visibly
    return st;
}

std::string link_of(int fd)
{
    char buf[4096];
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    const ssize_t n = ::readlink(proc.c_str(), buf, sizeof buf);
    return n > 0 ? std::string(buf, static_cast< std::size_t >(n)) : std::string();
}

//! Execs /bin/sh in a child and asks whether descriptor `fd` is open there
//! and refers to a path starting with `where`: 0 yes, 1 no, else broken.
int exec_child_sees_fd(int fd, const std::string& where)
{
    const std::string number = std::to_string(fd);
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
    {
        ::execl("/bin/sh", "sh", "-c",
                "case \"$(readlink /proc/self/fd/$1 2>/dev/null)\" in \"$2\"*) exit 0 ;; *) exit 1 ;; esac", "sh",
                number.c_str(), where.c_str(), static_cast< char* >(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

BOOST_AUTO_TEST_SUITE(anonymous)

BOOST_AUTO_TEST_CASE(no_entry_appears_in_the_directory)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path));
    BOOST_TEST_REQUIRE(f.is_open());
    BOOST_TEST(scratch.entries() == 0u);
    BOOST_TEST(stat_fd(f.native_handle()).st_nlink == 0u);
    BOOST_TEST(S_ISREG(stat_fd(f.native_handle()).st_mode));
    f.stream() << "content does not make a name appear";
    f.native_handle();
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(is_made_in_the_options_directory)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path));
    // The kernel still knows where the unnamed inode lives: "<dir>/#ino (deleted)".
    const std::string where = link_of(f.native_handle());
    BOOST_TEST(where.compare(0, scratch.path.string().size() + 1, scratch.path.string() + "/") == 0, where);
}

BOOST_AUTO_TEST_CASE(default_construction_is_open_read_write_and_close_on_exec)
{
    fd_leak_check leak;
    tf::temp_file f;
    BOOST_TEST_REQUIRE(f.is_open());
    const int fd = f.native_handle();
    BOOST_TEST((::fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    BOOST_TEST((::fcntl(fd, F_GETFD) & FD_CLOEXEC) == FD_CLOEXEC);
    BOOST_TEST(stat_fd(fd).st_nlink == 0u);
}

BOOST_AUTO_TEST_CASE(mode_is_0600_under_umask_000)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(0);
    tf::temp_file f(tf::options().dir(scratch.path));
    BOOST_TEST((stat_fd(f.native_handle()).st_mode & 07777) == 0600u);
}

BOOST_AUTO_TEST_CASE(exact_mode_ignores_the_umask)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    tf::basic_temp_file< tf::random_name<>, tf::exact_mode< 0640, 0750 > > f(tf::options().dir(scratch.path));
    BOOST_TEST((stat_fd(f.native_handle()).st_mode & 07777) == 0640u);
}

BOOST_AUTO_TEST_CASE(directory_can_be_removed_while_the_file_is_open)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path sub = scratch.path / "sub";
    fs::create_directory(sub);
    tf::temp_file f(tf::options().dir(sub));
    f.stream() << "before";
    f.native_handle();
    BOOST_TEST_REQUIRE(::rmdir(sub.c_str()) == 0);
    BOOST_TEST(!fs::exists(sub));
    f.stream().seekp(0, std::ios::end);
    f.stream() << " and after";
    BOOST_TEST(stream_contents(f.stream()) == "before and after");
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(stream_after_close_is_returned_failed_and_touches_nothing)
{
    // Issue 16.2: stream() on a closed file no longer throws; it returns the
    // stream (the one made before, or a new one) failed, and nothing written
    // through it reaches any descriptor.
    fd_leak_check leak;
    scratch_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path));
    std::iostream& before = f.stream();
    f.close();
    std::iostream& after = f.stream();
    BOOST_TEST(&after == &before, "the same stream object");
    BOOST_TEST(after.bad());
    after.clear();
    after << "lost";
    after.flush();
    BOOST_TEST(after.bad());
    tf::temp_file g(tf::options().dir(scratch.path));
    g.close();
    BOOST_TEST(g.stream().bad(), "a stream first asked for after close() is failed too");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(exec)

BOOST_AUTO_TEST_CASE(descriptor_is_not_inherited_across_exec)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path));
    BOOST_TEST(exec_child_sees_fd(f.native_handle(), scratch.path.string() + "/") == 1);
}

BOOST_AUTO_TEST_CASE(control_descriptor_without_cloexec_is_inherited)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path));
    const int inheritable = ::dup(f.native_handle());
    BOOST_TEST_REQUIRE(inheritable >= 0);
    BOOST_TEST(exec_child_sees_fd(inheritable, scratch.path.string() + "/") == 0);
    ::close(inheritable);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(o_tmpfile_fallback)

BOOST_AUTO_TEST_CASE(refused_o_tmpfile_falls_back_to_create_and_unlink_in_the_same_directory)
{
    for (int refusal : {EOPNOTSUPP, EISDIR, EINVAL})
    {
        BOOST_TEST_CONTEXT("O_TMPFILE refused with errno " << refusal)
        {
            fd_leak_check leak;
            scratch_dir scratch;
            fault_scope faults;
            tf::fault_injection::fail(tf::sys_call::open_tmpfile, refusal);
            faulty_temp_file f(tf::options().dir(scratch.path));
            BOOST_TEST_REQUIRE(f.is_open());
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open_tmpfile) == 1u);
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 1u);
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 1u);
            BOOST_TEST(scratch.entries() == 0u);
            BOOST_TEST(stat_fd(f.native_handle()).st_nlink == 0u);
            const std::string where = link_of(f.native_handle());
            BOOST_TEST(where.compare(0, scratch.path.string().size() + 1, scratch.path.string() + "/") == 0, where);
            BOOST_TEST((stat_fd(f.native_handle()).st_mode & 07777) == 0600u);
            f.stream() << "fallback works";
            BOOST_TEST(stream_contents(f.stream()) == "fallback works");
        }
    }
}

BOOST_AUTO_TEST_CASE(refusal_is_remembered_per_directory)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE");
    fd_leak_check leak;
    scratch_dir refusing, other;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, EOPNOTSUPP);
    {
        faulty_temp_file first(tf::options().dir(refusing.path));
        BOOST_TEST_REQUIRE(first.is_open());
    }
    tf::fault_injection::clear();
    {
        faulty_temp_file again(tf::options().dir(refusing.path));
        BOOST_TEST(again.is_open());
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open_tmpfile) == 0u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 1u);
        BOOST_TEST(refusing.entries() == 0u);
    }
    tf::fault_injection::clear();
    {
        faulty_temp_file elsewhere(tf::options().dir(other.path));
        BOOST_TEST(elsewhere.is_open());
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open_tmpfile) == 1u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 0u);
    }
}

BOOST_AUTO_TEST_CASE(fallback_unlink_failure_is_reported_without_leaking_the_descriptor)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, EOPNOTSUPP);
    tf::fault_injection::fail(tf::sys_call::unlink, EACCES);
    bool thrown = false;
    try
    {
        faulty_temp_file f(tf::options().dir(scratch.path));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(e.code().value() == EACCES);
        BOOST_TEST(e.path1().parent_path() == scratch.path);
    }
    BOOST_TEST(thrown);
}

BOOST_AUTO_TEST_CASE(fallback_unlink_failure_leaves_no_name_behind)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, EOPNOTSUPP);
    tf::fault_injection::fail(tf::sys_call::unlink, EACCES);
    boost::system::error_code ec;
    faulty_temp_file f(tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec.value() == EACCES, ec.message());
    BOOST_TEST(!f.is_open());
    // An anonymous file must never leave a name, also when its creation fails.
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(fallback_create_failure_is_reported_with_the_directory)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, EOPNOTSUPP);
    tf::fault_injection::fail(tf::sys_call::open, ENOSPC);
    bool thrown = false;
    try
    {
        faulty_temp_file f(tf::options().dir(scratch.path));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(e.code().value() == ENOSPC);
        BOOST_TEST(e.path1() == scratch.path);
    }
    BOOST_TEST(thrown);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 1u);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(other_o_tmpfile_errors_are_reported_at_once_without_fallback)
{
    for (int error : {EACCES, ENOSPC, EMFILE, EROFS})
    {
        BOOST_TEST_CONTEXT("errno " << error)
        {
            fd_leak_check leak;
            scratch_dir scratch;
            fault_scope faults;
            tf::fault_injection::fail(tf::sys_call::open_tmpfile, error);
            boost::system::error_code ec;
            faulty_temp_file f(tf::options().dir(scratch.path), ec);
            BOOST_TEST(ec.value() == error, ec.message());
            BOOST_TEST(!f.is_open());
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open_tmpfile) == 1u);
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 0u);
            BOOST_TEST(scratch.entries() == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(eintr_on_o_tmpfile_is_retried)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE");
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, EINTR, 0, 2);
    faulty_temp_file f(tf::options().dir(scratch.path));
    BOOST_TEST(f.is_open());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open_tmpfile) == 3u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

