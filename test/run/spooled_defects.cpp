// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 11, spooled_temp_file:
//  - point 20: max_size 0 keeps nothing in memory; never_roll_over is the C++
//    spelling of Python's SpooledTemporaryFile() (no size rolls over);
//  - point 13: a size memory cannot hold rolls over instead of letting
//    bad_alloc or length_error out of an error_code form, and a size no file
//    can hold is file_too_large naming the size; every error_code form is
//    driven through its failures and must not throw;
//  - the rollover to a position past the largest file says so (it said
//    "cannot copy the spooled data");
//  - point 4: a forked child never writes the parent's buffered data through
//    the descriptor they share: its stream fails, close() and the destructor
//    drop that data, and rollover/size/truncate are refused (real forks).

#define BOOST_TEST_MODULE spooled_defects
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <iterator>
#include <limits>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::child_checks;
using test_support::fd_leak_check;
using test_support::run_checked_in_child;
using test_support::scratch_dir;
using test_support::fault_scope;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_spooled_file = tf::basic_spooled_temp_file< tf::random_name<>, tf::owner_only, faulty >;

constexpr std::size_t largest_size = std::numeric_limits< std::size_t >::max();
constexpr std::uintmax_t two_to_the_62 = std::uintmax_t(1) << 62;

tf::options in(const scratch_dir& d)
{
    return tf::options().dir(d.path);
}

bool contains(const std::string& s, const std::string& part)
{
    return s.find(part) != std::string::npos;
}

//! Reads the whole stream from the start; leaves the stream cleared.
std::string read_all(std::iostream& s)
{
    s.clear();
    s.seekg(0);
    std::string out((std::istreambuf_iterator< char >(s)), std::istreambuf_iterator< char >());
    s.clear();
    return out;
}

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

std::uintmax_t physical_memory()
{
    return static_cast< std::uintmax_t >(::sysconf(_SC_PHYS_PAGES)) *
           static_cast< std::uintmax_t >(::sysconf(_SC_PAGESIZE));
}

//! What dir's file system says to a file of `size` bytes and to a position
//! there (0: it holds them; else the errno of ftruncate or lseek).
struct file_system_limits
{
    int truncate_error = 0;
    int seek_error = 0;
};

file_system_limits limits_in(const fs::path& dir, std::uintmax_t size)
{
    file_system_limits l;
    const fs::path probe = dir / "limit-probe";
    const int fd = ::open(probe.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    BOOST_TEST_REQUIRE(fd >= 0);
    if (::ftruncate(fd, static_cast< ::off_t >(size)) != 0)
        l.truncate_error = errno;
    if (::lseek(fd, static_cast< ::off_t >(size), SEEK_SET) < 0)
        l.seek_error = errno;
    ::close(fd);
    ::unlink(probe.c_str());
    return l;
}

} // namespace

BOOST_AUTO_TEST_SUITE(max_size)

BOOST_AUTO_TEST_CASE(max_size_zero_keeps_nothing_in_memory_and_the_first_byte_rolls_over)
{
    // The documented meaning, kept: 0 is a size, not "no limit".
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file f(0, in(scratch));
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(f.size() == 0u);
    f.stream() << 'x';
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(read_all(f.stream()) == "x");
}

BOOST_AUTO_TEST_CASE(never_roll_over_is_pythons_default_and_no_size_rolls_it_over)
{
    // Python's SpooledTemporaryFile() (max_size=0 there) never rolls over on
    // size; never_roll_over is its spelling here.
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file f(tf::never_roll_over, in(scratch));
    BOOST_TEST(f.max_size() == largest_size);
    const std::string chunk(64 * 1024, 'q');
    for (int i = 0; i < 48; ++i) // 3 MiB
        f.stream().write(chunk.data(), static_cast< std::streamsize >(chunk.size()));
    BOOST_TEST(f.stream().good());
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(f.size() == 48u * chunk.size());
    f.truncate(5u << 20);
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(f.size() == 5u << 20);
    BOOST_TEST(scratch.entries() == 0u);
    // Asked for, it still rolls over, as Python's rollover() and fileno().
    BOOST_TEST(f.native_handle() >= 0);
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == 5u << 20);
}

BOOST_AUTO_TEST_CASE(never_roll_over_rolls_over_when_memory_cannot_hold_the_data)
{
    // A write far past the end: holding it in memory would take more than
    // the machine has. The file holds it (sparse) instead.
    fd_leak_check leaks;
    scratch_dir scratch;
    const std::uintmax_t far = std::uintmax_t(1) << 40;
    if (physical_memory() >= far || limits_in(scratch.path, far + 1).seek_error != 0)
    {
        BOOST_TEST_MESSAGE("skipped: this machine's memory, or not this file system, holds 1 TiB");
        return;
    }
    tf::spooled_temp_file f(largest_size, in(scratch));
    std::iostream& s = f.stream();
    s << "abc";
    s.seekp(static_cast< std::streamoff >(far));
    s << 'z';
    BOOST_TEST(s.good());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == far + 1);
    s.seekg(0);
    char head[3] = {};
    s.read(head, 3);
    BOOST_TEST(std::string(head, 3) == "abc");
    s.seekg(static_cast< std::streamoff >(far));
    BOOST_TEST(s.get() == 'z');
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(truncation)

BOOST_AUTO_TEST_CASE(truncate_to_a_size_memory_cannot_hold_never_throws_from_the_error_code_form)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    {
        // 2^62 bytes: within max_size, beyond any memory. Was bad_alloc.
        tf::spooled_temp_file f(largest_size, in(scratch));
        f.stream() << "abc";
        boost::system::error_code ec;
        BOOST_CHECK_NO_THROW(f.truncate(two_to_the_62, ec));
        if (ec)
            BOOST_TEST((ec == boost::system::errc::file_too_large), ec.message());
        else
            BOOST_TEST(f.size() == two_to_the_62);
        BOOST_TEST(f.rolled_over());
        f.stream().seekg(0);
        char head[3] = {};
        f.stream().read(head, 3);
        BOOST_TEST(std::string(head, 3) == "abc");
    }
    {
        // More than any file can hold: refused before anything moves. Was
        // length_error.
        tf::spooled_temp_file f(largest_size, in(scratch));
        f.stream() << "abc";
        boost::system::error_code ec;
        BOOST_CHECK_NO_THROW(f.truncate(std::numeric_limits< std::uintmax_t >::max(), ec));
        BOOST_TEST((ec == boost::system::errc::file_too_large), ec.message());
        BOOST_TEST(!f.rolled_over());
        BOOST_TEST(read_all(f.stream()) == "abc");
        try
        {
            f.truncate(std::numeric_limits< std::uintmax_t >::max());
            BOOST_ERROR("no error");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(contains(e.what(), "18446744073709551615 bytes is more than any file can hold"), e.what());
        }
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(a_size_past_the_largest_file_is_file_too_large_naming_the_size_and_the_directory)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const file_system_limits l = limits_in(scratch.path, two_to_the_62);
    if (l.truncate_error != EFBIG)
    {
        BOOST_TEST_MESSAGE("skipped: this file system takes a 2^62-byte file");
        return;
    }
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << "abc";
    try
    {
        f.truncate(two_to_the_62);
        BOOST_ERROR("no error");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST((e.code() == boost::system::errc::file_too_large), e.what());
        BOOST_TEST(contains(e.what(), "cannot make the file rolled over into 4611686018427387904 bytes long"),
                   e.what());
        BOOST_TEST(e.path1() == scratch.path, e.what());
    }
    BOOST_TEST(f.size() == 3u); // nothing lost
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(positions)

BOOST_AUTO_TEST_CASE(a_write_past_the_largest_file_reports_the_position_not_a_failed_copy)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    if (limits_in(scratch.path, two_to_the_62).seek_error != EINVAL)
    {
        BOOST_TEST_MESSAGE("skipped: this file system takes a position of 2^62");
        return;
    }
    tf::spooled_temp_file f(16, in(scratch));
    std::iostream& s = f.stream();
    s << "abc";
    s.seekp(static_cast< std::streamoff >(two_to_the_62));
    s << 'x';
    BOOST_TEST(s.bad());
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(read_all(s) == "abc"); // the failed rollover lost nothing
    try
    {
        f.close();
        BOOST_ERROR("close() reported nothing");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST((e.code() == boost::system::errc::file_too_large), e.what());
        BOOST_TEST(contains(e.what(), "cannot roll over to the stream's position 4611686018427387904, past the "
                                      "largest file the file system holds, into the anonymous file in directory"),
                   e.what());
        BOOST_TEST(!contains(e.what(), "copy"), e.what());
        BOOST_TEST(e.path1() == scratch.path);
    }
}

BOOST_AUTO_TEST_CASE(the_rollover_tells_a_failed_seek_from_a_failed_copy_on_every_target)
{
    // The same through fault injection, on any file system, for both targets.
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    for (const tf::spool_target target : {tf::spool_target::file, tf::spool_target::memory_file})
    {
        BOOST_TEST_CONTEXT("target " << static_cast< int >(target))
        {
            faulty_spooled_file f(16, target, in(scratch));
            f.stream() << "abc";
            f.stream().seekp(100);
            tf::fault_injection::fail(tf::sys_call::seek, EINVAL);
            f.stream() << 'x';
            BOOST_TEST(f.stream().bad());
            try
            {
                f.close();
                BOOST_ERROR("close() reported nothing");
            }
            catch (const fs::filesystem_error& e)
            {
                BOOST_TEST((e.code() == boost::system::errc::file_too_large), e.what());
                BOOST_TEST(contains(e.what(), "position 100, past the largest file"), e.what());
                // Without memfd (the plain POSIX backend) memory_file rolls over into the anonymous file.
                BOOST_TEST(contains(e.what(), target == tf::spool_target::file || !portable::linux_backend
                                                  ? "into the anonymous file in directory"
                                                  : "into the memory file"),
                           e.what());
                BOOST_TEST(!contains(e.what(), "copy"), e.what());
            }
            tf::fault_injection::clear();

            // And a failed copy still says "copy".
            faulty_spooled_file g(4, target, in(scratch));
            g.stream() << "abcd";
            tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
            g.stream() << 'e';
            boost::system::error_code ec;
            g.close(ec);
            BOOST_TEST((ec.value() == ENOSPC), ec.message());
            tf::fault_injection::clear();
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(error_code_forms)

BOOST_AUTO_TEST_CASE(native_handle_reports_a_failed_write_out_of_the_stream)
{
    // It wrote out the stream's buffer and dropped the error: the data was
    // gone and the caller told nothing.
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_spooled_file f(0, in(scratch));
    f.stream() << "abc"; // rolled over at the first byte; "abc" is buffered
    BOOST_TEST(f.rolled_over());
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    boost::system::error_code ec;
    const int fd = f.native_handle(ec);
    BOOST_TEST((ec.value() == ENOSPC), ec.message());
    BOOST_TEST(fd == -1);
}

BOOST_AUTO_TEST_CASE(no_error_code_form_throws_on_any_failure)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const tf::options nowhere = tf::options().dir(scratch.path / "missing");
    boost::system::error_code ec;

    BOOST_CHECK_NO_THROW(tf::spooled_temp_file(4, tf::options().prefix("a/b"), ec));
    BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
    BOOST_CHECK_NO_THROW(tf::spooled_temp_file(4, tf::spool_target::memory_file, tf::options().suffix("/"), ec));
    BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());

    tf::spooled_temp_file f(largest_size, nowhere);
    f.stream() << "abc";
    BOOST_CHECK_NO_THROW(f.rollover(ec));
    BOOST_TEST((ec == boost::system::errc::no_such_file_or_directory), ec.message());
    BOOST_CHECK_NO_THROW(f.native_handle(ec));
    BOOST_TEST((ec == boost::system::errc::no_such_file_or_directory), ec.message());
    // Memory cannot hold it, the file cannot be made: the creation's error.
    BOOST_CHECK_NO_THROW(f.truncate(two_to_the_62, ec));
    BOOST_TEST((ec == boost::system::errc::no_such_file_or_directory), ec.message());
    std::uintmax_t n = 0;
    BOOST_CHECK_NO_THROW(n = f.size(ec));
    BOOST_TEST(!ec);
    BOOST_TEST(n == 3u);
    BOOST_CHECK_NO_THROW(f.close(ec));
    BOOST_TEST(!ec); // no write failed: the rollovers were asked for, and reported
    BOOST_CHECK_NO_THROW(f.size(ec));
    BOOST_TEST((ec == boost::system::errc::bad_file_descriptor), ec.message());
    BOOST_CHECK_NO_THROW(f.truncate(1, ec));
    BOOST_TEST((ec == boost::system::errc::bad_file_descriptor), ec.message());
    BOOST_CHECK_NO_THROW(f.rollover(ec));
    BOOST_TEST((ec == boost::system::errc::bad_file_descriptor), ec.message());
    BOOST_CHECK_NO_THROW(f.close(ec));
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(forked_child)

BOOST_AUTO_TEST_CASE(a_child_that_closes_destroys_or_overwrites_the_object_never_writes_the_parents_data)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    for (const tf::spool_target target : {tf::spool_target::file, tf::spool_target::memory_file})
    {
        for (const int way : {0, 1, 2})
        {
            BOOST_TEST_CONTEXT("target " << static_cast< int >(target) << ", way " << way)
            {
                tf::spooled_temp_file f(4, target, in(scratch));
                f.stream() << "0123456789" << "parent"; // rolled over; all of it in the stream's buffer
                BOOST_TEST_REQUIRE(f.rolled_over());
                const int status = run_checked_in_child([&](const child_checks& check) {
                    if (way == 0)
                    {
                        boost::system::error_code ec;
                        f.close(ec);
                        CHILD_CHECK(check, !ec);
                        CHILD_CHECK(check, !f.is_open());
                    }
                    else if (way == 1)
                    {
                        tf::spooled_temp_file dying(std::move(f)); // its destructor runs here
                    }
                    else
                        f = tf::spooled_temp_file(0, in(scratch)); // move-assignment drops the old one
                    return 0;
                });
                BOOST_TEST(status == 0);
                BOOST_TEST(f.size() == 16u);
                BOOST_TEST(read_all(f.stream()) == "0123456789parent");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stream_from_the_parent_fails_in_the_child_and_moves_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file f(4, in(scratch));
    std::iostream& s = f.stream();
    s << "0123456789";
    BOOST_TEST_REQUIRE(f.rolled_over());
    const int status = run_checked_in_child([&](const child_checks& check) {
        s << "child" << std::flush;
        CHILD_CHECK(check, s.bad());
        s.clear();
        s.seekg(0);
        CHILD_CHECK(check, s.fail());
        s.clear();
        char c = 0;
        s.get(c);
        CHILD_CHECK(check, s.fail());
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(read_all(s) == "0123456789");
}

BOOST_AUTO_TEST_CASE(stream_in_the_child_comes_back_failed_without_throwing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file in_memory(1024, in(scratch));
    tf::spooled_temp_file on_file(0, in(scratch));
    in_memory.stream() << "abc";
    on_file.stream() << "abc";
    on_file.stream().exceptions(std::ios::badbit); // even so, stream() must not throw
    const int status = run_checked_in_child([&](const child_checks& check) {
        for (tf::spooled_temp_file* f : {&in_memory, &on_file})
        {
            bool threw = false;
            std::iostream* s = nullptr;
            try
            {
                s = &f->stream();
            }
            catch (...)
            {
                threw = true;
            }
            CHILD_CHECK(check, !threw);
            CHILD_CHECK(check, s && s->bad());
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(in_memory.stream().good());
    BOOST_TEST(read_all(on_file.stream()) == "abc");
}

BOOST_AUTO_TEST_CASE(rollover_size_and_truncate_are_refused_in_the_child_and_native_handle_writes_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file in_memory(1024, in(scratch));
    in_memory.stream() << "abc";
    tf::spooled_temp_file on_file(0, in(scratch));
    on_file.stream() << "xyz";
    const int fd = on_file.native_handle(); // written out
    on_file.stream() << "more";             // buffered only
    const int status = run_checked_in_child([&](const child_checks& check) {
        const auto refused = [&](const boost::system::error_code& ec, int line) {
            check(ec == boost::system::errc::operation_not_permitted, "ec: " + ec.message(), line);
        };
        boost::system::error_code ec;
        in_memory.rollover(ec);
        refused(ec, __LINE__);
        CHILD_CHECK(check, !in_memory.rolled_over());
        CHILD_CHECK(check, in_memory.native_handle(ec) == -1);
        refused(ec, __LINE__);
        in_memory.size(ec);
        refused(ec, __LINE__);
        in_memory.truncate(1, ec);
        refused(ec, __LINE__);
        try
        {
            in_memory.rollover();
            check(false, "rollover() did not throw", __LINE__);
        }
        catch (const fs::filesystem_error& e)
        {
            check(contains(e.what(), "spooled_temp_file::rollover: the object belongs to the process that created "
                                     "it (this is a forked child)"),
                  e.what(), __LINE__);
        }

        // The child's descriptor, with nothing of the parent's written out.
        CHILD_CHECK(check, on_file.native_handle(ec) == fd);
        CHILD_CHECK(check, !ec);
        CHILD_CHECK(check, pread_all(fd) == "xyz");
        on_file.size(ec);
        refused(ec, __LINE__);
        on_file.truncate(0, ec);
        refused(ec, __LINE__);
        CHILD_CHECK(check, pread_all(fd) == "xyz");
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(read_all(in_memory.stream()) == "abc");
    BOOST_TEST(!in_memory.rolled_over());
    BOOST_TEST(read_all(on_file.stream()) == "xyzmore");
}

BOOST_AUTO_TEST_CASE(a_child_writing_past_the_threshold_rolls_nothing_over)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::spooled_temp_file f(4, in(scratch));
    std::iostream& s = f.stream();
    s << "ab";
    const int status = run_checked_in_child([&](const child_checks& check) {
        s << "cdefgh" << std::flush;
        CHILD_CHECK(check, s.bad());
        CHILD_CHECK(check, !f.rolled_over());
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(read_all(s) == "ab");
}

BOOST_AUTO_TEST_SUITE_END()
