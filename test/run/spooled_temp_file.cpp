// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// spooled_temp_file on POSIX: what the rolled-over file is (no name, mode
// 0600, a memfd for spool_target::memory_file and its fallback), checked
// against the real descriptors in /proc/self/fd; and the stream of a moved-
// from or closed object. What every backend shares -- the threshold, the
// stream across it, failed rollovers -- is in
// test/behaviour/spooled_temp_file.cpp.

#define BOOST_TEST_MODULE spooled_temp_file
#include <boost/tempfile.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::open_fd_count;
using test_support::scratch_dir;
using test_support::fault_scope;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_spooled_file = tf::basic_spooled_temp_file< tf::random_name<>, tf::owner_only, faulty >;

tf::options in(const scratch_dir& d)
{
    return tf::options().dir(d.path);
}

std::string link_of(int fd)
{
    char buf[4096];
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    const ssize_t n = ::readlink(proc.c_str(), buf, sizeof buf);
    return n > 0 ? std::string(buf, static_cast< std::size_t >(n)) : std::string();
}

bool starts_with(const std::string& s, const std::string& head)
{
    return s.compare(0, head.size(), head) == 0;
}

//! The whole content of a descriptor, read with pread (the offset stays).
std::string pread_all(int fd)
{
    std::string out;
    char buf[4096];
    ::off_t at = 0;
    for (;;)
    {
        const ssize_t n = ::pread(fd, buf, sizeof buf, at);
        if (n <= 0)
            break;
        out.append(buf, static_cast< std::size_t >(n));
        at += n;
    }
    return out;
}

struct stat stat_fd(int fd)
{
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        st.st_size = -12345; // makes every check on it fail visibly
    return st;
}

//! Reads the whole stream from the start; leaves the stream cleared.
template< typename Stream >
std::string read_all(Stream& s)
{
    s.clear();
    s.seekg(0);
    std::string out((std::istreambuf_iterator< char >(s)), std::istreambuf_iterator< char >());
    s.clear();
    return out;
}

std::string pattern(std::size_t n, char first = 'a')
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast< char >(first + static_cast< char >(i % 26));
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(one_byte_past_max_size_rolls_over_into_an_anonymous_file_in_dir)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int fds = open_fd_count();
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << pattern(16);
    BOOST_TEST(!f.rolled_over());
    f.stream().put('!');
    BOOST_TEST(f.stream().good());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(open_fd_count() == fds + 1, "one descriptor once rolled over");
    BOOST_TEST(scratch.entries() == 0u, "the file has no name in the directory");
    const int fd = f.native_handle();
    BOOST_TEST(starts_with(link_of(fd), scratch.path.string() + "/"), link_of(fd));
    BOOST_TEST(stat_fd(fd).st_nlink == 0u);
    BOOST_TEST((stat_fd(fd).st_mode & 07777) == 0600u);
    BOOST_TEST(stat_fd(fd).st_size == 17);
    BOOST_TEST(pread_all(fd) == pattern(16) + "!");
    BOOST_TEST(read_all(f.stream()) == pattern(16) + "!");
    f.close();
    BOOST_TEST(open_fd_count() == fds);
}

BOOST_AUTO_TEST_CASE(memory_file_target_rolls_over_into_a_private_memfd)
{
    TEST_NEEDS_LINUX_BACKEND("memfd_create");
    fd_leak_check leaks;
    scratch_dir scratch;
    const int fds = open_fd_count();
    tf::spooled_temp_file f(8, tf::spool_target::memory_file, in(scratch).prefix("spooltest"));
    f.stream() << "in memory";
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(open_fd_count() == fds + 1);
    const int fd = f.native_handle();
    BOOST_TEST(starts_with(link_of(fd), "/memfd:spooltest"), link_of(fd));
    BOOST_TEST((stat_fd(fd).st_mode & 07777) == 0600u, "the permission policy's mode, not memfd's 0777");
    BOOST_TEST(scratch.entries() == 0u);
    BOOST_TEST(pread_all(fd) == "in memory");
    f.truncate(100);
    BOOST_TEST(stat_fd(fd).st_size == 100);
    BOOST_TEST(read_all(f.stream()) == "in memory" + std::string(91, '\0'));
}

BOOST_AUTO_TEST_CASE(memory_file_target_without_memfd_falls_back_to_a_file_in_dir)
{
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    tf::fault_injection::fail(tf::sys_call::memory_file, ENOSYS, 0, tf::fault_injection::always);
    faulty_spooled_file f(2, tf::spool_target::memory_file, in(scratch));
    f.stream() << "abc";
    BOOST_TEST(f.stream().good());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::memory_file) == 1u);
    BOOST_TEST(starts_with(link_of(f.native_handle()), scratch.path.string() + "/"), link_of(f.native_handle()));
    BOOST_TEST(read_all(f.stream()) == "abc");
}

BOOST_AUTO_TEST_CASE(memfd_failure_other_than_enosys_is_reported_without_fallback)
{
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    tf::fault_injection::fail(tf::sys_call::memory_file, EMFILE, 0, tf::fault_injection::always);
    faulty_spooled_file f(2, tf::spool_target::memory_file, in(scratch));
    f.stream() << "a";
    boost::system::error_code ec;
    f.rollover(ec);
    BOOST_TEST(ec.value() == EMFILE);
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(scratch.entries() == 0u);
    BOOST_TEST(read_all(f.stream()) == "a");
}

BOOST_AUTO_TEST_CASE(move_and_swap_carry_the_stream_and_the_data)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file a(4, in(scratch));
    std::iostream& s = a.stream();
    s << "ab";
    tf::spooled_temp_file b(std::move(a));
    BOOST_TEST(!a.is_open());
    BOOST_TEST(b.is_open());
    BOOST_TEST(&b.stream() == &s, "the stream survives the move");
    s << "cdef";
    BOOST_TEST(b.rolled_over());
    BOOST_TEST(!a.rolled_over());
    BOOST_TEST(a.stream().bad(), "a moved-from object's stream is failed, not a throw");
    BOOST_TEST(&a.stream() != &s);
    boost::system::error_code ec;
    a.rollover(ec);
    BOOST_TEST(ec == boost::system::errc::bad_file_descriptor);
    BOOST_TEST(a.native_handle() == -1);
    BOOST_CHECK_THROW(a.size(), fs::filesystem_error);
    a.close(ec);
    BOOST_TEST(!ec);

    tf::spooled_temp_file c(100, in(scratch));
    c.stream() << "memory";
    const int fds = open_fd_count();
    c = std::move(b);
    BOOST_TEST(open_fd_count() == fds, "the assigned-to object had no descriptor");
    BOOST_TEST(c.rolled_over());
    BOOST_TEST(c.max_size() == 4u);
    BOOST_TEST(read_all(c.stream()) == "abcdef");

    tf::spooled_temp_file d(100, in(scratch));
    d.stream() << "other";
    swap(c, d);
    BOOST_TEST(!c.rolled_over());
    BOOST_TEST(c.max_size() == 100u);
    BOOST_TEST(read_all(c.stream()) == "other");
    BOOST_TEST(d.rolled_over());
    BOOST_TEST(read_all(d.stream()) == "abcdef");
    d = std::move(c);
    BOOST_TEST(open_fd_count() == fds - 1, "assigning over a rolled-over file closes its descriptor");
}

BOOST_AUTO_TEST_CASE(close_and_destructor_release_the_descriptor)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int fds = open_fd_count();
    {
        tf::spooled_temp_file f(1, in(scratch));
        f.stream() << "ab";
        BOOST_TEST(open_fd_count() == fds + 1);
    }
    BOOST_TEST(open_fd_count() == fds);
    tf::spooled_temp_file g(1, in(scratch));
    g.stream() << "ab";
    g.close();
    BOOST_TEST(!g.is_open());
    BOOST_TEST(open_fd_count() == fds);
    g.close();
    BOOST_TEST(g.stream().bad(), "the stream stays, failed");
    BOOST_CHECK_THROW(g.truncate(3), fs::filesystem_error);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(rollover_without_dir_goes_to_the_temp_directory)
{
    fd_leak_check leaks;
    tf::spooled_temp_file f(1);
    f.stream() << "xy";
    BOOST_TEST(f.rolled_over());
    const std::string link = link_of(f.native_handle());
    BOOST_TEST(starts_with(link, tf::temp_directory_path().string() + "/"), link);
}
