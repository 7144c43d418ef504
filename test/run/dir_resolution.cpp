// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// options().dir() means what the kernel resolves. "inbox/.." where inbox is
// a symlink to elsewhere/deep is elsewhere/, not the directory that holds
// inbox: a lexical rewrite of ".." would create the file somewhere the
// caller never named (and report a path that means that other place). The
// library makes a relative directory absolute and drops "." components and
// repeated separators, which never change what a path resolves to, and
// leaves ".." to the kernel. The same holds for $TMPDIR and
// set_temp_directory_path().

#define BOOST_TEST_MODULE dir_resolution
#include <boost/tempfile.hpp>

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scoped_env;
using test_support::scratch_dir;

namespace {

//! scratch/
//!   inbox -> elsewhere/deep      (relative symlink)
//!   elsewhere/deep/
struct symlinked_inbox
{
    scratch_dir scratch;
    fs::path inbox = scratch.path / "inbox";
    fs::path elsewhere = scratch.path / "elsewhere";
    symlinked_inbox()
    {
        fs::create_directories(elsewhere / "deep");
        fs::create_symlink("elsewhere/deep", inbox);
    }
    //! Entries directly in scratch/ besides inbox and elsewhere.
    std::size_t strays() const { return scratch.entries() - 2; }
};

struct scoped_cwd
{
    explicit scoped_cwd(const fs::path& p) : old(fs::current_path()) { fs::current_path(p); }
    ~scoped_cwd() { fs::current_path(old); }
    fs::path old;
};

//! Same file system object (device and inode, following symlinks)?
bool same_entry(const fs::path& a, const fs::path& b)
{
    struct stat sa, sb;
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

//! The entry open as fd is the one p names now.
bool names_descriptor(const fs::path& p, int fd)
{
    struct stat sp, sf;
    return ::stat(p.c_str(), &sp) == 0 && ::fstat(fd, &sf) == 0 && sp.st_dev == sf.st_dev &&
           sp.st_ino == sf.st_ino;
}

} // namespace

BOOST_AUTO_TEST_CASE(dot_dot_after_a_symlinked_directory_creates_where_the_kernel_resolves_it)
{
    fd_leak_check leak;
    symlinked_inbox t;
    const std::string dir = (t.inbox / "..").string(); // absolute: scratch/inbox/..
    tf::named_temp_file<> f(tf::options().dir(dir));
    // In elsewhere/ (the parent of inbox's target), not in scratch/ (inbox's lexical parent).
    BOOST_TEST(fs::exists(t.elsewhere / f.path().filename()));
    BOOST_TEST(t.strays() == 0u);
    // path() means that file.
    BOOST_TEST(names_descriptor(f.path(), f.native_handle()));
    BOOST_TEST(same_entry(f.path().parent_path(), t.elsewhere));
}

BOOST_AUTO_TEST_CASE(relative_dot_dot_after_a_symlinked_directory_creates_where_the_kernel_resolves_it)
{
    fd_leak_check leak;
    symlinked_inbox t;
    scoped_cwd cwd(t.scratch.path);
    tf::named_temp_file<> f(tf::options().dir("inbox/.."));
    BOOST_TEST(f.path().is_absolute());
    BOOST_TEST(fs::exists(t.elsewhere / f.path().filename()));
    BOOST_TEST(t.strays() == 0u);
    BOOST_TEST(names_descriptor(f.path(), f.native_handle()));
}

BOOST_AUTO_TEST_CASE(every_owner_and_make_temp_resolve_dot_dot_through_the_symlink)
{
    fd_leak_check leak;
    symlinked_inbox t;
    const tf::options o = tf::options().dir(t.inbox / "..");
    {
        tf::temp_dir<> d(o);
        BOOST_TEST(fs::is_directory(t.elsewhere / d.path().filename()));
        BOOST_TEST(same_entry(d.path(), t.elsewhere / d.path().filename()));
        tf::temp_file anonymous(o);
        BOOST_TEST(t.strays() == 0u);
    }
    tf::created_file c = tf::make_temp_file(o);
    BOOST_TEST(fs::exists(t.elsewhere / c.path.filename()));
    BOOST_TEST(names_descriptor(c.path, c.handle));
    ::close(c.handle);
    BOOST_TEST(fs::remove(c.path));
    const fs::path d = tf::make_temp_dir(o);
    BOOST_TEST(same_entry(d, t.elsewhere / d.filename()));
    BOOST_TEST(fs::remove(d));
    BOOST_TEST(t.strays() == 0u);
    BOOST_TEST(fs::is_empty(t.elsewhere / "deep"));
}

BOOST_AUTO_TEST_CASE(tmpdir_and_the_override_are_not_rewritten_through_a_symlink)
{
    symlinked_inbox t;
    scoped_env tmpdir("TMPDIR", (t.inbox / "..").c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(same_entry(tf::temp_directory_path(), t.elsewhere));
    {
        tf::named_temp_file<> f;
        BOOST_TEST(fs::exists(t.elsewhere / f.path().filename()));
    }
    tf::set_temp_directory_path(t.inbox / "..");
    BOOST_TEST(same_entry(tf::temp_directory_path(), t.elsewhere));
    {
        tf::named_temp_file<> f;
        BOOST_TEST(fs::exists(t.elsewhere / f.path().filename()));
        BOOST_TEST(names_descriptor(f.path(), f.native_handle()));
    }
    tf::reset_temp_directory_path();
    BOOST_TEST(t.strays() == 0u);
}

BOOST_AUTO_TEST_CASE(dot_components_and_repeated_separators_are_still_dropped)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::create_directory(scratch.path / "sub");
    const std::string s = (scratch.path / "sub").string();
    for (const std::string& spelling : {s + "/", s + "//", s + "/.", s + "/./", "/" + s, s + "/.//./"})
    {
        BOOST_TEST_CONTEXT("dir " << spelling)
        {
            tf::named_temp_file<> f(tf::options().dir(spelling));
            BOOST_TEST(f.path() == scratch.path / "sub" / f.path().filename());
        }
    }
    scoped_cwd cwd(scratch.path);
    tf::named_temp_file<> f(tf::options().dir("./sub/."));
    BOOST_TEST(f.path() == fs::current_path() / "sub" / f.path().filename());
}

BOOST_AUTO_TEST_CASE(dot_dot_is_kept_as_written)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::create_directories(scratch.path / "a" / "b");
    tf::named_temp_file<> f(tf::options().dir((scratch.path / "a" / "b" / "..").string() + "/"));
    BOOST_TEST(f.path() == scratch.path / "a" / "b" / ".." / f.path().filename());
    BOOST_TEST(fs::exists(scratch.path / "a" / f.path().filename()));
}
