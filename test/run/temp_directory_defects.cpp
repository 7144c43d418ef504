// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 11: when no candidate of temp_directory_path() takes a file, the error
// was ENOENT naming the current directory ("/" for a daemon), whatever the
// cause. Now the error is the one met at the first candidate ($TMPDIR when
// set, else /tmp), with that candidate as the path, and the message lists
// every candidate tried with the reason it was passed over. Each case makes
// every candidate unusable in a forked child with a mount namespace of its
// own: nothing leaks out of the test.

#define BOOST_TEST_MODULE temp_directory_defects
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::child_checks;
using test_support::child_skipped;
using test_support::run_checked_in_child;
using test_support::scoped_env;
using test_support::scratch_dir;

namespace {

bool contains(const std::string& s, const std::string& part)
{
    return s.find(part) != std::string::npos;
}

//! Mount points of this (child) process's own; false with `why` if none.
bool private_mounts(std::string& why)
{
    if (::unshare(CLONE_NEWNS) != 0)
    {
        why = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
        return false;
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    {
        why = std::string("making / private: ") + std::strerror(errno);
        return false;
    }
    return true;
}

//! Makes dir read-only where it is, its content still visible (a read-only
//! bind mount of itself). A missing dir is left missing.
bool read_only(const char* dir, std::string& why)
{
    struct stat st;
    if (::stat(dir, &st) != 0)
        return true;
    if (::mount(dir, dir, nullptr, MS_BIND | MS_REC, nullptr) != 0 ||
        ::mount(nullptr, dir, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
    {
        why = std::string("read-only bind mount of ") + dir + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

//! An empty read-only tmpfs at dir (created first).
bool read_only_tmpfs(const fs::path& dir, std::string& why)
{
    if (::mkdir(dir.c_str(), 0755) != 0 ||
        ::mount("tmpfs", dir.c_str(), "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=64k") != 0)
    {
        why = "read-only tmpfs on " + dir.string() + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

struct outcome
{
    boost::system::error_code ec;     // from the error_code form
    boost::system::error_code thrown; // from the throwing form
    std::string what;
    fs::path path1;
};

outcome look_up()
{
    tf::reset_temp_directory_path();
    outcome o;
    tf::temp_directory_path(o.ec);
    try
    {
        const fs::path found = tf::temp_directory_path();
        o.what = "<found " + found.string() + ">";
    }
    catch (const fs::filesystem_error& e)
    {
        o.thrown = e.code();
        o.what = e.what();
        o.path1 = e.path1();
    }
    return o;
}

void report_skip(int status)
{
    if (status == child_skipped)
        BOOST_TEST_MESSAGE("skipped: no private mount namespace here");
    else
        BOOST_TEST(status == 0);
}

} // namespace

BOOST_AUTO_TEST_CASE(read_only_everywhere_is_reported_as_read_only_naming_the_first_candidate_and_listing_all)
{
    scratch_dir scratch;
    const fs::path ro = scratch.path / "ro";
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!private_mounts(why) || !read_only_tmpfs(ro, why) || !read_only("/tmp", why) ||
            !read_only("/var/tmp", why) || !read_only("/usr/tmp", why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        CHILD_CHECK(check, ::chdir(ro.c_str()) == 0); // the last candidate: read-only too
        scoped_env e1("TMPDIR", ro.c_str()), e2("TEMP", ro.c_str()), e3("TMP", ro.c_str());
        const outcome o = look_up();
        check(o.ec == boost::system::errc::read_only_file_system, "ec: " + o.ec.message(), __LINE__);
        check(o.thrown == o.ec, "thrown: " + o.thrown.message(), __LINE__);
        check(o.path1 == ro, "path1: " + o.path1.string(), __LINE__);
        const std::string rofs = " (" + o.ec.message() + ")";
        for (const std::string& part :
             {std::string("no usable temporary directory"), "$TMPDIR=" + ro.string() + rofs, "$TEMP=" + ro.string() + rofs,
              "$TMP=" + ro.string() + rofs, "/tmp" + rofs, "/var/tmp" + rofs,
              "the current directory " + ro.string() + rofs})
            check(contains(o.what, part), "\"" + part + "\" missing from: " + o.what, __LINE__);
        struct stat st;
        if (::stat("/usr/tmp", &st) != 0)
            check(contains(o.what, "/usr/tmp (No such file or directory)"), o.what, __LINE__);

        // A creation in the default place reports the same cause.
        boost::system::error_code dir_ec;
        tf::temp_dir<> d(dir_ec);
        check(dir_ec == o.ec, "temp_dir: " + dir_ec.message(), __LINE__);
        return 0;
    });
    report_skip(status);
}

BOOST_AUTO_TEST_CASE(without_variables_a_read_only_tmp_is_reported_as_read_only_tmp)
{
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!private_mounts(why) || !read_only("/tmp", why) || !read_only("/var/tmp", why) ||
            !read_only("/usr/tmp", why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        CHILD_CHECK(check, ::chdir("/tmp") == 0);
        scoped_env e1("TMPDIR", nullptr), e2("TEMP", nullptr), e3("TMP", nullptr);
        const outcome o = look_up();
        check(o.ec == boost::system::errc::read_only_file_system, "ec: " + o.ec.message(), __LINE__);
        check(o.path1 == fs::path("/tmp"), "path1: " + o.path1.string(), __LINE__);
        check(contains(o.what, "tried /tmp (" + o.ec.message() + ")"), o.what, __LINE__);
        check(!contains(o.what, "$TMPDIR"), "an unset variable is listed: " + o.what, __LINE__);
        return 0;
    });
    report_skip(status);
}

BOOST_AUTO_TEST_CASE(a_missing_tmpdir_is_reported_as_missing_under_its_own_name)
{
    scratch_dir scratch;
    const fs::path missing = scratch.path / "no-such-directory";
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!private_mounts(why) || !read_only("/tmp", why) || !read_only("/var/tmp", why) ||
            !read_only("/usr/tmp", why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        CHILD_CHECK(check, ::chdir("/tmp") == 0);
        scoped_env e1("TMPDIR", missing.c_str()), e2("TEMP", "/dev/null"), e3("TMP", nullptr);
        const outcome o = look_up();
        check(o.ec == boost::system::errc::no_such_file_or_directory, "ec: " + o.ec.message(), __LINE__);
        check(o.path1 == missing, "path1: " + o.path1.string(), __LINE__);
        check(contains(o.what, "$TEMP=/dev/null (Not a directory)"), o.what, __LINE__);
        check(contains(o.what, "/tmp (Read-only file system)"), o.what, __LINE__);
        return 0;
    });
    report_skip(status);
}
