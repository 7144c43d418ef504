// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// reopen() on POSIX: flags, a symlink or another hard link at the name, and
// where Windows answers otherwise (a removed name, the stream's buffer, a
// file removed by close() whose name a newcomer took -- see the closing
// report of issue 14). What every backend shares is in
// test/behaviour/reopen.cpp.

#define BOOST_TEST_MODULE reopen
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using portable::case_dir;
using test_support::read_file;
using test_support::write_file;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

//! ESTALE has no portable errc name.
bool is_estale(const boost::system::error_code& ec)
{
    return ec.value() == ESTALE && ec.category() == boost::system::system_category();
}

bool same_file(int a, int b)
{
    struct stat sa, sb;
    return ::fstat(a, &sa) == 0 && ::fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

std::string read_at(int fd, off_t at, std::size_t n)
{
    std::string s(n, '\0');
    const ssize_t got = ::pread(fd, &s[0], n, at);
    s.resize(got > 0 ? static_cast< std::size_t >(got) : 0u);
    return s;
}

//! Closes a descriptor the test was given, when the scope ends.
struct owned_fd
{
    explicit owned_fd(int f) : fd(f) {}
    ~owned_fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    owned_fd(const owned_fd&) = delete;
    owned_fd& operator=(const owned_fd&) = delete;
    int fd;
};

} // namespace

BOOST_AUTO_TEST_CASE(reopened_descriptor_is_read_write_and_close_on_exec)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    owned_fd again(f.reopen());
    BOOST_TEST_REQUIRE(again.fd >= 0);
    BOOST_TEST((::fcntl(again.fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    BOOST_TEST((::fcntl(again.fd, F_GETFD) & FD_CLOEXEC) != 0);
    BOOST_TEST(::write(again.fd, "via reopen", 10) == 10);
    BOOST_TEST(read_at(f.native_handle(), 0, 10) == "via reopen");
}

BOOST_AUTO_TEST_CASE(reopen_sees_what_the_stream_buffered)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    f.stream() << "buffered text";
    owned_fd again(f.reopen());
    BOOST_TEST_REQUIRE(again.fd >= 0);
    BOOST_TEST(read_at(again.fd, 0, 64) == "buffered text");
}

BOOST_AUTO_TEST_CASE(caller_owns_the_reopened_descriptor)
{
    case_dir scratch;
    fd_leak_check leaks;
    int fd = -1;
    fs::path p;
    {
        tf::named_temp_file<> f(in(scratch.path));
        p = f.path();
        fd = f.reopen();
    }
    BOOST_TEST_REQUIRE(fd >= 0);
    BOOST_TEST(::fcntl(fd, F_GETFD) != -1); // still open after the owner ended
    BOOST_TEST(::write(fd, "x", 1) == 1);
    BOOST_TEST(!fs::exists(p));
    BOOST_TEST(::close(fd) == 0);
}

BOOST_AUTO_TEST_CASE(reopen_fails_with_enoent_when_the_name_is_gone)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    BOOST_TEST_REQUIRE(::unlink(f.path().c_str()) == 0);
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == -1);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory);
    BOOST_CHECK_THROW((void)f.reopen(), fs::filesystem_error);
}

BOOST_AUTO_TEST_CASE(reopen_does_not_follow_a_symlink_at_the_name_even_to_the_same_file)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file< tf::keep > f(in(scratch.path));
    const fs::path p = f.path();
    const fs::path moved = p.string() + ".real";
    fs::rename(p, moved);
    BOOST_TEST_REQUIRE(::symlink(moved.c_str(), p.c_str()) == 0);
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == -1);
    BOOST_TEST((ec == boost::system::errc::too_many_symbolic_link_levels ||
                is_estale(ec)),
               ec.message());
}

BOOST_AUTO_TEST_CASE(reopen_accepts_another_hard_link_of_the_same_file_at_the_name)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    const fs::path p = f.path();
    const fs::path moved = p.string() + ".moved";
    fs::rename(p, moved);
    BOOST_TEST_REQUIRE(::link(moved.c_str(), p.c_str()) == 0);
    owned_fd again(f.reopen());
    BOOST_TEST(same_file(again.fd, f.native_handle()));
    fs::remove(moved);
}

// ---- after close() ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(reopen_after_close_does_not_follow_a_symlink)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file< tf::keep > f(in(scratch.path));
    f.close();
    const fs::path p = f.path();
    const fs::path moved = p.string() + ".real";
    fs::rename(p, moved);
    BOOST_TEST_REQUIRE(::symlink(moved.c_str(), p.c_str()) == 0);
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == -1);
    BOOST_TEST((ec == boost::system::errc::too_many_symbolic_link_levels ||
                is_estale(ec)),
               ec.message());
}

BOOST_AUTO_TEST_CASE(reopen_after_the_name_was_removed_by_close_fails_and_opens_nothing)
{
    case_dir scratch;
    fd_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    const fs::path p = f.path();
    f.close();
    // A file made at the old name later must not be mistaken for ours.
    write_file(p, "a newcomer");
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == -1);
    BOOST_TEST(ec);
    BOOST_TEST(read_file(p) == "a newcomer");
}
