// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Naming on POSIX: the spellings of options().dir() (".", untidy absolute
// and relative paths: phase B's review makes dir() mean what the kernel
// resolves, so these stay with the owner being changed) and a forked child's
// random sequence. What every backend shares is in
// test/behaviour/naming_options.cpp.

#define BOOST_TEST_MODULE naming_options
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;

namespace {

//! Changes the current directory for a scope.
struct scoped_cwd
{
    explicit scoped_cwd(const fs::path& to) : old(fs::current_path()) { fs::current_path(to); }
    ~scoped_cwd() { fs::current_path(old); }
    fs::path old;
};

} // namespace

BOOST_AUTO_TEST_SUITE(run_time_options)

BOOST_AUTO_TEST_CASE(dot_dir_gives_an_absolute_path_in_the_current_directory)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_cwd cwd(scratch.path);
    const fs::path here = fs::current_path();
    {
        tf::named_temp_file<> f(tf::options().dir("."));
        BOOST_TEST(f.path().is_absolute());
        BOOST_TEST(f.path().parent_path() == here);
        BOOST_TEST(f.path() == here / f.path().filename()); // no "/./" left inside
        BOOST_TEST(fs::exists(scratch.path / f.path().filename()));
    }
    const fs::path d = tf::make_temp_dir(tf::options().dir("."));
    BOOST_TEST(d.parent_path() == here);
    fs::remove(d);
}

// A tidy absolute directory is used as given (no copy); every untidy
// spelling of it must still come out as the same tidy path. ".." stays as
// written: only the kernel knows what it means (test/run/dir_resolution.cpp).
BOOST_AUTO_TEST_CASE(untidy_absolute_dirs_give_the_tidy_path)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::create_directory(scratch.path / "sub");
    const fs::path tidy = scratch.path / "sub";
    const std::string t = tidy.string();
    const std::pair< std::string, fs::path > cases[] = {
        {t, tidy}, {t + "/", tidy}, {t + "//", tidy}, {t + "/.", tidy}, {t + "/./", tidy},
        {"/" + t, tidy}, {t + "/../sub", tidy / ".." / "sub"}, {t + "/./../sub/.", tidy / ".." / "sub"}};
    for (const auto& c : cases)
    {
        BOOST_TEST_CONTEXT("dir " << c.first)
        {
            tf::named_temp_file<> f(tf::options().dir(c.first));
            BOOST_TEST(f.path().parent_path() == c.second);
            BOOST_TEST(f.path() == c.second / f.path().filename());
            BOOST_TEST(fs::exists(tidy / f.path().filename()));
            tf::temp_dir<> d(tf::options().dir(c.first));
            BOOST_TEST(d.path() == c.second / d.path().filename());
            BOOST_TEST(fs::is_directory(tidy / d.path().filename()));
        }
    }
}

BOOST_AUTO_TEST_CASE(relative_dir_is_taken_from_the_current_directory)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fs::create_directories(scratch.path / "sub" / "deeper");
    scoped_cwd cwd(scratch.path);
    const fs::path here = fs::current_path();
    const std::pair< const char*, fs::path > cases[] = {
        {"sub", here / "sub"}, {"sub/", here / "sub"}, {"./sub/deeper/..", here / "sub/deeper/.."},
        {"sub/deeper", here / "sub/deeper"}};
    for (const auto& c : cases)
    {
        BOOST_TEST_CONTEXT("dir " << c.first)
        {
            tf::named_temp_file<> f(tf::options().dir(c.first));
            BOOST_TEST(f.path().is_absolute());
            BOOST_TEST(f.path().parent_path() == c.second);
            BOOST_TEST(fs::exists(f.path()));
        }
    }
    BOOST_TEST(fs::is_empty(scratch.path / "sub" / "deeper"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(random_source)

BOOST_AUTO_TEST_CASE(forked_child_does_not_repeat_its_parents_sequence)
{
    tf::random_bits(); // key the parent's generator before forking
    int pipe_fds[2];
    BOOST_TEST_REQUIRE(::pipe(pipe_fds) == 0);
    const int child = test_support::run_in_child([&] {
        const std::uint64_t r = tf::random_bits();
        return ::write(pipe_fds[1], &r, sizeof r) == static_cast< ssize_t >(sizeof r) ? 0 : 1;
    });
    ::close(pipe_fds[1]);
    std::uint64_t from_child = 0;
    const ssize_t n = ::read(pipe_fds[0], &from_child, sizeof from_child);
    ::close(pipe_fds[0]);
    BOOST_TEST(child == 0);
    BOOST_TEST_REQUIRE(n == static_cast< ssize_t >(sizeof from_child));
    // Without a new key the child would have drawn exactly this word.
    BOOST_TEST(tf::random_bits() != from_child);
}

BOOST_AUTO_TEST_SUITE_END()
