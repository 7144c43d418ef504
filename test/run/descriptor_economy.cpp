// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Descriptors are a bounded resource: a process near its RLIMIT_NOFILE must
// still be able to remove any tree it made (however deep or wide), must not
// lose descriptors to temp objects, and must get a clean EMFILE error that
// names the directory when it has none left. Each test runs in a forked
// child whose limit is lowered to 64 (soft and hard, so that nothing can
// raise it back). Children print what went wrong to stderr and exit with a
// code the parent checks.
//   TEMPFILE_ECONOMY_DEPTH   depth of the chain (default 10000)

#define BOOST_TEST_MODULE descriptor_economy
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = boost::filesystem;
namespace tf = boost::tempfile;
using test_support::fd_leak_check;
using test_support::open_fd_count;
using test_support::scratch_dir;
using test_support::present;

namespace {

constexpr rlim_t descriptor_limit = 64;

int env_int(const char* name, int fallback)
{
    const char* v = std::getenv(name);
    const int n = v ? std::atoi(v) : 0;
    return n > 0 ? n : fallback;
}

//! In the child: says why, returns the exit code.
int failed(int code, const char* format, ...)
{
    std::va_list args;
    va_start(args, format);
    std::fprintf(stderr, "child: ");
    std::vfprintf(stderr, format, args);
    std::fprintf(stderr, "\n");
    va_end(args);
    return code;
}

//! A child still running after this long is stuck (a remover that retries
//! a failed subtree at every level above it takes exponential time): it is
//! killed by SIGALRM and the test fails instead of hanging.
constexpr unsigned child_time_limit = 600;

//! Runs body in a child whose descriptor limit is descriptor_limit.
int with_descriptor_limit(const std::function< int() >& body)
{
    return test_support::run_in_child([&]() -> int {
        ::alarm(child_time_limit);
        const struct rlimit limit{descriptor_limit, descriptor_limit};
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            return failed(90, "setrlimit: %s", std::strerror(errno));
        return body();
    });
}

std::vector< std::string > list_names(const fs::path& dir)
{
    std::vector< std::string > out;
    if (DIR* d = ::opendir(dir.c_str()))
    {
        while (struct dirent* e = ::readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                out.push_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

//! Removes top and everything under it with two descriptors, no recursion
//! and no long paths: each subdirectory's subdirectories are first moved up
//! to top, so that only top's children are ever entered. Cleans up after a
//! failed removal (boost::filesystem::remove_all needs paths longer than
//! PATH_MAX in a deep chain).
void flat_remove_all(const fs::path& top)
{
    const int topfd = ::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (topfd < 0)
        return;
    ::fchmod(topfd, 0700);
    unsigned long moved = 0;
    for (bool more = true; more;)
    {
        more = false;
        DIR* d = ::fdopendir(::openat(topfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!d)
            break;
        std::vector< std::string > dirs;
        while (struct dirent* e = ::readdir(d))
        {
            if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
                continue;
            if (::unlinkat(topfd, e->d_name, 0) != 0 && (errno == EISDIR || errno == EPERM))
                dirs.push_back(e->d_name);
        }
        ::closedir(d);
        for (const std::string& name : dirs)
        {
            const int sub = ::openat(topfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0)
                continue;
            ::fchmod(sub, 0700);
            DIR* sd = ::fdopendir(::openat(sub, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            while (sd)
            {
                struct dirent* e = ::readdir(sd);
                if (!e)
                    break;
                if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
                    continue;
                if (::unlinkat(sub, e->d_name, 0) == 0 || (errno != EISDIR && errno != EPERM))
                    continue;
                std::string up;
                do
                    up = "flat-" + std::to_string(moved++);
                while (::renameat(sub, e->d_name, topfd, up.c_str()) != 0 && errno == EEXIST);
                more = true;
            }
            if (sd)
                ::closedir(sd);
            ::close(sub);
            ::unlinkat(topfd, name.c_str(), AT_REMOVEDIR);
        }
    }
    ::close(topfd);
    ::rmdir(top.c_str());
}

//! Whatever a failed child left in dir.
void clean_leftovers(const fs::path& dir)
{
    for (const std::string& name : list_names(dir))
        flat_remove_all(dir / name);
}

//! Makes `name` in dirfd and returns its descriptor, or -1.
int make_dir(int dirfd, const char* name)
{
    if (::mkdirat(dirfd, name, 0700) != 0)
        return -1;
    return ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

bool make_file(int dirfd, const char* name)
{
    const int fd = ::openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

//! Removes a temp_dir with remove() and checks that it is gone and that
//! the child holds as many descriptors as before `build` ran. Exit codes:
//! 1 build failed, 2 remove() threw, 3 left behind, 4 descriptors leaked.
int build_and_remove(const fs::path& in, const std::function< bool(int) >& build)
{
    const int fds_before = open_fd_count();
    fs::path top;
    {
        tf::temp_dir<> dir(tf::options().dir(in));
        top = dir.path();
        if (!build(dir.native_handle()))
            return failed(1, "building the tree: %s", std::strerror(errno));
        try
        {
            dir.remove();
        }
        catch (const fs::filesystem_error& e)
        {
            return failed(2, "%s", e.what());
        }
    }
    if (present(top))
        return failed(3, "%s was not removed", top.c_str());
    const int fds_after = open_fd_count();
    if (fds_after != fds_before)
        return failed(4, "%d descriptors before, %d after", fds_before, fds_after);
    return 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(chain_10000_deep_is_removed_completely_with_64_descriptors)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int depth = env_int("TEMPFILE_ECONOMY_DEPTH", 10000);
    const int code = with_descriptor_limit([&] {
        return build_and_remove(scratch.path, [depth](int topfd) {
            int fd = ::dup(topfd);
            for (int level = 0; level < depth && fd >= 0; ++level)
            {
                const int next = make_dir(fd, "d");
                ::close(fd);
                fd = next;
            }
            if (fd < 0)
                return false;
            ::close(fd);
            return true;
        });
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (1 build, 2 threw, 3 left behind, 4 leak, 142 timed out)");
    clean_leftovers(scratch.path);
}

// 40 directories of 5 directories of 20 files: wide at every level, so a
// remover that keeps a descriptor per open listing runs short if it keeps
// many listings open at once.
BOOST_AUTO_TEST_CASE(wide_tree_is_removed_completely_with_64_descriptors)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int code = with_descriptor_limit([&] {
        return build_and_remove(scratch.path, [](int topfd) {
            for (int a = 0; a < 40; ++a)
            {
                const int afd = make_dir(topfd, ("a" + std::to_string(a)).c_str());
                if (afd < 0)
                    return false;
                for (int b = 0; b < 5; ++b)
                {
                    const int bfd = make_dir(afd, ("b" + std::to_string(b)).c_str());
                    if (bfd < 0)
                        return false;
                    for (int f = 0; f < 20; ++f)
                        if (!make_file(bfd, ("f" + std::to_string(f)).c_str()))
                            return false;
                    ::close(bfd);
                }
                if (!make_file(afd, "file"))
                    return false;
                ::close(afd);
            }
            return true;
        });
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (1 build, 2 threw, 3 left behind, 4 leak, 142 timed out)");
    clean_leftovers(scratch.path);
}

// A spine 500 deep with, at every level, a file and a side directory holding
// a file, listed around the spine: a remover that climbs back up must pick
// its listing up where it left it and still find the side directories.
BOOST_AUTO_TEST_CASE(deep_comb_is_removed_completely_with_64_descriptors)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int code = with_descriptor_limit([&] {
        return build_and_remove(scratch.path, [](int topfd) {
            int fd = ::dup(topfd);
            for (int level = 0; level < 500 && fd >= 0; ++level)
            {
                const int side = make_dir(fd, "a-side");
                if (side < 0 || !make_file(side, "f") || !make_file(fd, "m-file"))
                    return false;
                ::close(side);
                const int z = make_dir(fd, "z-side");
                if (z < 0)
                    return false;
                ::close(z);
                const int next = make_dir(fd, "spine");
                ::close(fd);
                fd = next;
            }
            if (fd < 0)
                return false;
            ::close(fd);
            return true;
        });
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (1 build, 2 threw, 3 left behind, 4 leak, 142 timed out)");
    clean_leftovers(scratch.path);
}

// With 64 descriptors, a leak of one per object ends in EMFILE within 64
// rounds; 500 rounds of every kind of object must leave the count as it was.
BOOST_AUTO_TEST_CASE(many_temp_objects_leak_nothing_with_64_descriptors)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int code = with_descriptor_limit([&]() -> int {
        const tf::options opts = tf::options().dir(scratch.path);
        const int fds_before = open_fd_count();
        try
        {
            for (int i = 0; i < 500; ++i)
            {
                {
                    tf::named_temp_file<> f(opts);
                    f.stream() << "data" << std::flush;
                }
                {
                    tf::named_temp_file< tf::delete_on_destroy > f(opts);
                    f.stream() << "data";
                    f.close();
                }
                {
                    tf::temp_file t(opts);
                    t.stream() << "data" << std::flush;
                }
                {
                    tf::temp_dir<> d(opts);
                    const int sub = make_dir(d.native_handle(), "sub");
                    if (sub < 0 || !make_file(sub, "f"))
                        return failed(5, "filling a temp_dir: %s", std::strerror(errno));
                    ::close(sub);
                }
                {
                    tf::created_file made = tf::make_temp_file(opts);
                    ::close(made.handle);
                    ::unlink(made.path.c_str());
                }
                ::rmdir(tf::make_temp_dir(opts).c_str());
            }
        }
        catch (const fs::filesystem_error& e)
        {
            return failed(2, "%s", e.what());
        }
        const int fds_after = open_fd_count();
        if (fds_after != fds_before)
            return failed(4, "%d descriptors before, %d after", fds_before, fds_after);
        if (!list_names(scratch.path).empty())
            return failed(3, "objects left behind in %s", scratch.path.c_str());
        return 0;
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (2 threw, 3 left behind, 4 leak, 5 setup)");
}

namespace {

//! Checks one creation made with no descriptor left: the throwing form must
//! throw filesystem_error(EMFILE) naming `dir`, the error_code form must set
//! EMFILE. Returns an empty string, or what was wrong.
template< typename Throwing, typename WithCode >
std::string expect_emfile(const char* what, const fs::path& dir, Throwing throwing, WithCode with_code)
{
    const boost::system::error_code emfile(EMFILE, boost::system::system_category());
    std::string wrong;
    try
    {
        throwing();
        wrong += std::string(what) + ": no exception; ";
    }
    catch (const fs::filesystem_error& e)
    {
        if (e.code() != emfile)
            wrong += std::string(what) + ": error " + e.code().message() + " instead of EMFILE; ";
        if (e.path1() != dir)
            wrong += std::string(what) + ": the error names " + e.path1().string() + ", not the directory " +
                     dir.string() + "; ";
    }
    catch (const std::exception& e)
    {
        wrong += std::string(what) + ": not a filesystem_error: " + e.what() + "; ";
    }
    boost::system::error_code ec;
    if (!with_code(ec))
        wrong += std::string(what) + " (error_code form): the object is not empty; ";
    if (ec != emfile)
        wrong += std::string(what) + " (error_code form): error " + ec.message() + " instead of EMFILE; ";
    return wrong;
}

} // namespace

BOOST_AUTO_TEST_CASE(creation_without_descriptors_fails_with_emfile_naming_the_directory_and_leaks_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path dir = scratch.path;
    const int code = with_descriptor_limit([&]() -> int {
        const tf::options opts = tf::options().dir(dir);
        const int fds_before = open_fd_count();
        std::vector< int > fillers;
        for (;;)
        {
            const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (fd < 0)
            {
                if (errno != EMFILE)
                    return failed(5, "filling the table: %s", std::strerror(errno));
                break;
            }
            fillers.push_back(fd);
        }
        std::string wrong;
        wrong += expect_emfile(
            "named_temp_file", dir, [&] { tf::named_temp_file<> f(opts); },
            [&](boost::system::error_code& ec) {
                tf::named_temp_file<> f(opts, ec);
                return f.path().empty() && !f.is_open();
            });
        wrong += expect_emfile(
            "temp_file", dir, [&] { tf::temp_file t(opts); },
            [&](boost::system::error_code& ec) {
                tf::temp_file t(opts, ec);
                return !t.is_open();
            });
        wrong += expect_emfile(
            "temp_dir", dir, [&] { tf::temp_dir<> d(opts); },
            [&](boost::system::error_code& ec) {
                tf::temp_dir<> d(opts, ec);
                return d.path().empty() && d.native_handle() == -1;
            });
        wrong += expect_emfile(
            "make_temp_file", dir, [&] { (void)tf::make_temp_file(opts); },
            [&](boost::system::error_code& ec) {
                const tf::created_file made = tf::make_temp_file(opts, ec);
                return made.handle == -1 && made.path.empty();
            });
        wrong += expect_emfile(
            "make_temp_dir", dir, [&] { (void)tf::make_temp_dir(opts); },
            [&](boost::system::error_code& ec) { return tf::make_temp_dir(opts, ec).empty(); });
        for (int fd : fillers)
            ::close(fd);
        if (!wrong.empty())
            return failed(1, "%s", wrong.c_str());
        const int fds_after = open_fd_count();
        if (fds_after != fds_before)
            return failed(4, "%d descriptors before, %d after", fds_before, fds_after);
        if (!list_names(dir).empty())
            return failed(3, "a failed creation left %s in %s", list_names(dir).front().c_str(), dir.c_str());
        // And with descriptors back, creation works again.
        try
        {
            tf::named_temp_file<> f(opts);
            tf::temp_dir<> d(opts);
        }
        catch (const fs::filesystem_error& e)
        {
            return failed(2, "%s", e.what());
        }
        return 0;
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (1 wrong error, 2 threw after, 3 left behind, 4 leak)");
    clean_leftovers(dir);
}
