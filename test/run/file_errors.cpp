// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Every way creating or closing a file can fail, for real where the system
// can be made to fail (missing directory, a file in the way, permissions,
// descriptor exhaustion) and through the fault-injecting platform for the
// rest. Each failure must be reported in both error forms with the right
// errno and path, leave the object empty, leak no descriptor and leave
// nothing behind.

#define BOOST_TEST_MODULE file_errors
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::fault_scope;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_named = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty >;

// One creating API each; `create(opts, ec)` returns whether the result is empty.

struct named_api
{
    static constexpr const char* name = "named_temp_file";
    static void create(const tf::options& o) { tf::named_temp_file<> f(o); }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        tf::named_temp_file<> f(o, ec);
        return f.path().empty() && !f.is_open() && !f.owns_name();
    }
};

struct anonymous_api
{
    static constexpr const char* name = "temp_file";
    static void create(const tf::options& o) { tf::temp_file f(o); }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        tf::temp_file f(o, ec);
        return !f.is_open();
    }
};

struct mkstemp_api
{
    static constexpr const char* name = "make_temp_file";
    static void create(const tf::options& o)
    {
        tf::created_file made = tf::make_temp_file(o);
        ::close(made.handle);
        ::unlink(made.path.c_str());
    }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        tf::created_file made = tf::make_temp_file(o, ec);
        const bool empty = made.handle == -1 && made.path.empty();
        if (made.handle >= 0)
            ::close(made.handle);
        if (!made.path.empty())
            ::unlink(made.path.c_str());
        return empty;
    }
};

struct mkdtemp_api
{
    static constexpr const char* name = "make_temp_dir";
    static void create(const tf::options& o) { ::rmdir(tf::make_temp_dir(o).c_str()); }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        const fs::path d = tf::make_temp_dir(o, ec);
        if (!d.empty())
            ::rmdir(d.c_str());
        return d.empty();
    }
};

//! Creates in `dir` through both error forms of Api and describes every way
//! the result differs from "errno `err`, reported with `dir`, object empty".
//! Empty when all is as it should be. Usable in a forked child.
template< typename Api >
std::string error_forms_mismatch(const fs::path& dir, int err)
{
    std::ostringstream why;
    const tf::options opts = tf::options().dir(dir);
    try
    {
        Api::create(opts);
        why << Api::name << ": the throwing form did not throw; ";
    }
    catch (const fs::filesystem_error& e)
    {
        if (e.code() != boost::system::error_code(err, boost::system::system_category()))
            why << Api::name << ": threw " << e.code() << " (" << e.code().message() << "), not errno " << err << "; ";
        if (e.path1() != dir)
            why << Api::name << ": path1 is " << e.path1() << ", not " << dir << "; ";
    }
    catch (const std::exception& e)
    {
        why << Api::name << ": threw something else: " << e.what() << "; ";
    }
    boost::system::error_code ec;
    const bool empty = Api::create(opts, ec);
    if (ec != boost::system::error_code(err, boost::system::system_category()))
        why << Api::name << ": ec is " << ec << " (" << ec.message() << "), not errno " << err << "; ";
    if (!empty)
        why << Api::name << ": the error_code form did not leave the result empty; ";
    return why.str();
}

std::string all_error_forms_mismatch(const fs::path& dir, int err)
{
    return error_forms_mismatch< named_api >(dir, err) + error_forms_mismatch< anonymous_api >(dir, err) +
           error_forms_mismatch< mkstemp_api >(dir, err) + error_forms_mismatch< mkdtemp_api >(dir, err);
}

//! For a forked child: says why on stderr, and exits non-zero if anything.
int child_verdict(const std::string& why)
{
    if (why.empty())
        return 0;
    std::fprintf(stderr, "child: %s\n", why.c_str());
    return 1;
}

bool fd_is_open(int fd)
{
    return ::fcntl(fd, F_GETFD) != -1;
}

} // namespace

BOOST_AUTO_TEST_SUITE(real_failures)

BOOST_AUTO_TEST_CASE(regular_file_given_as_directory_reports_enotdir)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path file = scratch.path / "file";
    std::ofstream(file.string()) << "not a directory";
    const std::string why = all_error_forms_mismatch(file, ENOTDIR);
    BOOST_TEST(why.empty(), why);
    BOOST_TEST(fs::is_regular_file(file));
    BOOST_TEST(fs::file_size(file) == 15u);
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(read_only_directory_reports_eacces)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path ro = scratch.path / "ro";
    fs::create_directory(ro);
    BOOST_TEST_REQUIRE(::chmod(ro.c_str(), 0500) == 0);
    const int child = test_support::run_in_child([&] {
        if (!test_support::drop_permission_override())
            return 10;
        return child_verdict(all_error_forms_mismatch(ro, EACCES));
    });
    BOOST_TEST(child == 0);
    BOOST_TEST(fs::is_empty(ro));
}

//! In a child that has no descriptor left to give, creates through both error
//! forms of the given checker; 0 when all is as it should be.
template< typename Check >
int with_descriptors_exhausted(Check check)
{
    return test_support::run_in_child([&] {
        struct rlimit low{32, 32};
        if (::setrlimit(RLIMIT_NOFILE, &low) != 0)
            return 10;
        // Take every descriptor below the limit.
        while (::dup(0) >= 0)
        {
        }
        if (errno != EMFILE)
            return 11;
        return child_verdict(check());
    });
}

BOOST_AUTO_TEST_CASE(descriptor_exhaustion_reports_emfile)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const int child = with_descriptors_exhausted([&] {
        return error_forms_mismatch< named_api >(scratch.path, EMFILE) +
               error_forms_mismatch< anonymous_api >(scratch.path, EMFILE) +
               error_forms_mismatch< mkstemp_api >(scratch.path, EMFILE);
    });
    BOOST_TEST(child == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

// make_temp.hpp promises errors naming the parent directory; the directory
// made and removed again is no use to the caller.
BOOST_AUTO_TEST_CASE(make_temp_dir_descriptor_exhaustion_reports_emfile_with_the_parent_directory)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const int child =
        with_descriptors_exhausted([&] { return error_forms_mismatch< mkdtemp_api >(scratch.path, EMFILE); });
    BOOST_TEST(child == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(injected_creation_failures)

BOOST_AUTO_TEST_CASE(open_failure_is_reported_at_once_without_retry)
{
    for (int error : {EACCES, ENOSPC, EMFILE, EROFS})
    {
        BOOST_TEST_CONTEXT("errno " << error)
        {
            fd_leak_check leak;
            scratch_dir scratch;
            fault_scope faults;
            tf::fault_injection::fail(tf::sys_call::open, error);
            bool thrown = false;
            try
            {
                faulty_named f(tf::options().dir(scratch.path));
            }
            catch (const fs::filesystem_error& e)
            {
                thrown = true;
                BOOST_TEST(e.code().value() == error);
                BOOST_TEST(e.path1() == scratch.path);
            }
            BOOST_TEST(thrown);
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 1u);

            tf::fault_injection::clear();
            tf::fault_injection::fail(tf::sys_call::open, error);
            boost::system::error_code ec;
            faulty_named f(tf::options().dir(scratch.path), ec);
            BOOST_TEST(ec.value() == error, ec.message());
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 1u);
            BOOST_TEST(f.path().empty());
            BOOST_TEST(!f.is_open());
            BOOST_TEST(scratch.entries() == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(eexist_storm_moves_on_to_fresh_names)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open, EEXIST, 0, 3);
    faulty_named f(tf::options().dir(scratch.path));
    BOOST_TEST(f.is_open());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 4u);
    BOOST_TEST(tf::fault_injection::injected() == 3u);
    BOOST_TEST(fs::is_regular_file(f.path()));
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(eexist_on_every_attempt_exhausts_the_attempts)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open, EEXIST, 0, tf::fault_injection::always);
    boost::system::error_code ec;
    faulty_named f(tf::options().dir(scratch.path).attempts(7), ec);
    BOOST_TEST((ec == boost::system::errc::file_exists), ec.message());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 7u);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(eintr_on_open_is_retried)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open, EINTR, 0, 2);
    boost::system::error_code ec;
    faulty_named f(tf::options().dir(scratch.path), ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(f.is_open());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 3u);
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(exact_mode_chmod_failure_names_the_file_and_removes_it)
{
    using exact_faulty =
        tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::exact_mode< 0640, 0750 >, faulty >;
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::chmod, EPERM);
    bool thrown = false;
    try
    {
        exact_faulty f(tf::options().dir(scratch.path));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(e.code().value() == EPERM);
        BOOST_TEST(e.path1().parent_path() == scratch.path);
        BOOST_TEST(e.path1().filename().string().compare(0, 3, "tmp") == 0, e.path1());
    }
    BOOST_TEST(thrown);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::chmod) == 1u);
    BOOST_TEST(scratch.entries() == 0u);

    tf::fault_injection::clear();
    tf::fault_injection::fail(tf::sys_call::chmod, EPERM);
    boost::system::error_code ec;
    exact_faulty f(tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec.value() == EPERM, ec.message());
    BOOST_TEST(f.path().empty());
    BOOST_TEST(!f.is_open());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(injected_io_and_close_failures)

BOOST_AUTO_TEST_CASE(failed_buffered_write_is_reported_by_close_and_the_file_still_removed)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    const int fd = f.native_handle();
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    f.stream() << "never reaches the disk";
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec.value() == ENOSPC, ec.message());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::write) >= 1u);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!fd_is_open(fd));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_buffered_write_throwing_close_names_the_file)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    f.stream() << "never reaches the disk";
    bool thrown = false;
    try
    {
        f.close();
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(e.code().value() == ENOSPC);
        BOOST_TEST(e.path1() == p);
    }
    BOOST_TEST(thrown);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(failed_large_write_sets_the_stream_bad_and_is_reported_by_close)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    f.stream() << std::string(100000, 'x');
    BOOST_TEST(f.stream().bad());
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec.value() == ENOSPC, ec.message());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_read_is_reported_by_close)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    f.stream() << "data";
    f.stream().seekg(0);
    tf::fault_injection::fail(tf::sys_call::read, EIO);
    std::string back;
    f.stream() >> back;
    BOOST_TEST(back.empty());
    BOOST_TEST(!f.stream());
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec.value() == EIO, ec.message());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_flush_in_the_destructor_neither_throws_nor_leaks)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    {
        faulty_named f(tf::options().dir(scratch.path));
        tf::fault_injection::fail(tf::sys_call::write, ENOSPC, 0, tf::fault_injection::always);
        f.stream() << "lost";
    }
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::write) >= 1u);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_close_is_reported_and_the_file_still_removed)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    tf::fault_injection::fail(tf::sys_call::close, EIO);
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec.value() == EIO, ec.message());
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!fs::exists(p));
    // Reported once: a second close has nothing left to do.
    f.close(ec);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(failed_unlink_on_close_is_reported)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    tf::fault_injection::fail(tf::sys_call::unlink, EACCES);
    bool thrown = false;
    try
    {
        f.close();
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(e.code().value() == EACCES);
        BOOST_TEST(e.path1() == p);
    }
    BOOST_TEST(thrown);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 1u);
    BOOST_TEST(!f.is_open());
    // The injected failure really kept the name; it is the caller's now.
    BOOST_TEST(fs::exists(p));
    fs::remove(p);
}

BOOST_AUTO_TEST_CASE(failed_unlink_on_close_error_code_form)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    tf::fault_injection::fail(tf::sys_call::unlink, EACCES);
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec.value() == EACCES, ec.message());
    BOOST_TEST(!f.is_open());
    fs::remove(p);
}

BOOST_AUTO_TEST_SUITE_END()
