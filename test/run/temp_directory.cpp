// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_directory_path() on POSIX: TMPDIR, TEMP and TMP in order, candidates
// that cannot take a file passed over, relative values made absolute, and
// the fixed fallbacks and the error when nothing is usable (made real with a
// private mount namespace where the machine allows one). What every backend
// shares is in test/behaviour/temp_directory.cpp.

#define BOOST_TEST_MODULE temp_directory
#include <boost/tempfile.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sched.h>
#include <sstream>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scoped_env;
using test_support::scratch_dir;
using test_support::make_dir;

using test_support::child_checks;
using test_support::child_skipped;
using test_support::run_checked_in_child;

namespace {

// ---- helpers ---------------------------------------------------------------

//! Each test starts and ends with none of the variables set and nothing
//! cached, so no answer leaks from one test into the next.
struct clean_lookup
{
    scoped_env tmpdir{"TMPDIR", nullptr}, temp{"TEMP", nullptr}, tmp{"TMP", nullptr};
    clean_lookup() { tf::reset_temp_directory_path(); }
    ~clean_lookup() { tf::reset_temp_directory_path(); }
};

//! Changes the current directory for a scope.
struct scoped_cwd
{
    explicit scoped_cwd(const fs::path& p) : old(fs::current_path()) { fs::current_path(p); }
    ~scoped_cwd() { fs::current_path(old); }
    fs::path old;
};

void make_file(const fs::path& p)
{
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw std::runtime_error("cannot create " + p.string());
    ::close(fd);
}

//! Can this process create a file in dir? (Independent of the library.)
bool writable(const fs::path& dir)
{
    const fs::path probe = dir / "writable-probe";
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    ::unlink(probe.c_str());
    return true;
}

//! Gives this (child) process mount points of its own. Root unshares the
//! mount namespace directly; anyone else needs a user namespace first.
bool private_mounts(std::string& why)
{
    if (::unshare(CLONE_NEWNS) != 0)
    {
        const uid_t uid = ::getuid();
        const gid_t gid = ::getgid();
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
            why = std::string("unshare: ") + std::strerror(errno);
            return false;
        }
        auto put = [](const char* file, const std::string& text) {
            const int fd = ::open(file, O_WRONLY | O_CLOEXEC);
            const bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast< ::ssize_t >(text.size());
            if (fd >= 0)
                ::close(fd);
            return ok;
        };
        put("/proc/self/setgroups", "deny");
        if (!put("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
            !put("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1"))
        {
            why = "cannot map the user in the new user namespace";
            return false;
        }
    }
    // Mounts made here must not reach the parent's namespace.
    if (::mount("none", "/", "none", MS_REC | MS_PRIVATE, nullptr) != 0)
    {
        why = std::string("making / private: ") + std::strerror(errno);
        return false;
    }
    return true;
}

//! Covers dir with an empty file system that takes no files at all.
bool cover_read_only(const char* dir, std::string& why)
{
    if (::mount("tmpfs", dir, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=16k") != 0)
    {
        why = std::string("read-only tmpfs on ") + dir + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

bool is_dir(const char* p)
{
    struct stat st;
    return ::stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(lookup, clean_lookup)

// ---- the environment, in order -------------------------------------------------

BOOST_AUTO_TEST_CASE(tmpdir_comes_before_temp_and_tmp)
{
    scratch_dir a, b, c;
    scoped_env e1("TMPDIR", a.path.c_str()), e2("TEMP", b.path.c_str()), e3("TMP", c.path.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == a.path);
}

BOOST_AUTO_TEST_CASE(temp_is_used_when_tmpdir_is_unset_and_comes_before_tmp)
{
    scratch_dir b, c;
    scoped_env e2("TEMP", b.path.c_str()), e3("TMP", c.path.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == b.path);
}

BOOST_AUTO_TEST_CASE(tmp_is_used_when_tmpdir_and_temp_are_unset)
{
    scratch_dir c;
    scoped_env e3("TMP", c.path.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == c.path);
}

BOOST_AUTO_TEST_CASE(without_variables_the_answer_is_tmp_when_tmp_is_usable)
{
    if (!writable("/tmp"))
    {
        BOOST_TEST_MESSAGE("/tmp does not take files here: skipped");
        return;
    }
    BOOST_TEST(tf::temp_directory_path() == fs::path("/tmp"));
}

BOOST_AUTO_TEST_CASE(empty_tmpdir_is_passed_over)
{
    scratch_dir b;
    scoped_env e1("TMPDIR", ""), e2("TEMP", b.path.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == b.path);
}

BOOST_AUTO_TEST_CASE(tmpdir_naming_a_regular_file_is_passed_over)
{
    scratch_dir a, b;
    make_file(a.path / "plain_file");
    const fs::path file = a.path / "plain_file";
    scoped_env e1("TMPDIR", file.c_str()), e2("TEMP", b.path.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == b.path);
}

BOOST_AUTO_TEST_CASE(nonexistent_tmpdir_is_passed_over_and_not_created)
{
    scratch_dir a, b;
    const fs::path missing = a.path / "missing";
    scoped_env e1("TMPDIR", missing.c_str()), e2("TEMP", b.path.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == b.path);
    BOOST_TEST(!fs::exists(missing));
}

BOOST_AUTO_TEST_CASE(unwritable_tmpdir_is_passed_over)
{
    fd_leak_check leaks;
    scratch_dir a, b;
    const fs::path ro = a.path / "read_only";
    make_dir(ro, 0555);
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, test_support::drop_permission_override());
        CHILD_CHECK(check, !writable(ro));
        scoped_env e1("TMPDIR", ro.c_str()), e2("TEMP", b.path.c_str());
        tf::reset_temp_directory_path();
        CHILD_CHECK(check, tf::temp_directory_path() == b.path);
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::is_empty(ro));
    BOOST_TEST(b.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(tmpdir_naming_a_symlink_to_a_directory_is_kept_as_given)
{
    scratch_dir a;
    make_dir(a.path / "real");
    BOOST_TEST_REQUIRE(::symlink((a.path / "real").c_str(), (a.path / "link").c_str()) == 0);
    const fs::path link = a.path / "link";
    scoped_env e1("TMPDIR", link.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == link);
}

// ---- relative and untidy values ---------------------------------------------

BOOST_AUTO_TEST_CASE(relative_tmpdir_becomes_absolute)
{
    scratch_dir a;
    make_dir(a.path / "rel");
    scoped_cwd cwd(a.path);
    const fs::path expected = fs::current_path() / "rel";
    for (const char* value : {"rel", "./rel", "rel/", "./rel/."})
    {
        BOOST_TEST_CONTEXT("TMPDIR=" << value)
        {
            scoped_env e1("TMPDIR", value);
            tf::reset_temp_directory_path();
            const fs::path got = tf::temp_directory_path();
            BOOST_TEST(got.is_absolute());
            BOOST_TEST(got == expected);
        }
    }
    scoped_env dot("TMPDIR", ".");
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == fs::current_path());
}

// "." components and the trailing separator go; ".." stays for the kernel
// to resolve (x could be a symlink: test/run/dir_resolution.cpp).
BOOST_AUTO_TEST_CASE(absolute_tmpdir_with_dot_components_and_trailing_slash_is_normalised)
{
    scratch_dir a;
    make_dir(a.path / "x");
    const std::string untidy = a.path.string() + "/./x/../x/";
    scoped_env e1("TMPDIR", untidy.c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == a.path / "x" / ".." / "x");
    BOOST_TEST(fs::equivalent(tf::temp_directory_path(), a.path / "x"));
}

// ---- caching and the override ------------------------------------------------

// ---- the fixed fallbacks, with mount points of a child's own ------------------

BOOST_AUTO_TEST_CASE(no_usable_directory_anywhere_is_an_error)
{
    fd_leak_check leaks;
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!private_mounts(why) || !cover_read_only("/tmp", why) || !cover_read_only("/var/tmp", why) ||
            (is_dir("/usr/tmp") && !cover_read_only("/usr/tmp", why)))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        CHILD_CHECK(check, !writable("/tmp"));
        CHILD_CHECK(check, !writable("/var/tmp"));
        CHILD_CHECK(check, ::chdir("/tmp") == 0); // the last candidate, read-only too
        scoped_env e1("TMPDIR", "/nonexistent-tempfile-test-dir"), e2("TEMP", "/dev/null"), e3("TMP", "/tmp");
        tf::reset_temp_directory_path();

        boost::system::error_code ec;
        const fs::path got = tf::temp_directory_path(ec);
        CHILD_CHECK(check, !!ec);
        CHILD_CHECK(check, got.empty());

        bool threw = false;
        try
        {
            tf::temp_directory_path();
        }
        catch (const fs::filesystem_error& e)
        {
            threw = true;
            CHILD_CHECK(check, e.code() == ec);
        }
        CHILD_CHECK(check, threw);

        // Creation in the default place reports the same.
        boost::system::error_code dir_ec;
        tf::temp_dir<> d(dir_ec);
        CHILD_CHECK(check, dir_ec == ec);
        CHILD_CHECK(check, d.path().empty());
        return 0;
    });
    if (status == child_skipped)
        BOOST_TEST_MESSAGE("skipped: no private mount namespace here, so /tmp cannot be made unusable");
    else
        BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(read_only_tmp_falls_back_to_var_tmp)
{
    if (!writable("/var/tmp"))
    {
        BOOST_TEST_MESSAGE("/var/tmp does not take files here: skipped");
        return;
    }
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!private_mounts(why) || !cover_read_only("/tmp", why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        tf::reset_temp_directory_path();
        CHILD_CHECK(check, tf::temp_directory_path() == fs::path("/var/tmp"));
        return 0;
    });
    if (status == child_skipped)
        BOOST_TEST_MESSAGE("skipped: no private mount namespace here");
    else
        BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(current_directory_is_the_last_resort)
{
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        // A writable file system on /tmp/cwd, then /tmp itself made read-only
        // around it: only the current directory can take a file.
        if (!private_mounts(why) || ::mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") != 0 ||
            ::mkdir("/tmp/cwd", 0700) != 0 ||
            ::mount("tmpfs", "/tmp/cwd", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") != 0 ||
            ::mount("tmpfs", "/tmp", "tmpfs", MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, "size=64k") != 0 ||
            !cover_read_only("/var/tmp", why) || (is_dir("/usr/tmp") && !cover_read_only("/usr/tmp", why)))
        {
            check(false, why.empty() ? std::string("mount: ") + std::strerror(errno) : why, __LINE__);
            return child_skipped;
        }
        CHILD_CHECK(check, !writable("/tmp"));
        CHILD_CHECK(check, ::chdir("/tmp/cwd") == 0);
        tf::reset_temp_directory_path();
        CHILD_CHECK(check, tf::temp_directory_path() == fs::path("/tmp/cwd"));
        return 0;
    });
    if (status == child_skipped)
        BOOST_TEST_MESSAGE("skipped: no private mount namespace here");
    else
        BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_SUITE_END()
