// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Volume: many processes creating in one directory at once, a large tree and
// a very deep chain removed by temp_dir. Sizes are chosen to keep the suite
// short; the environment scales them up for a run by hand:
//   TEMPFILE_STRESS_N            creations per process (default 2000)
//   TEMPFILE_STRESS_TREE_DIRS    directories of the large tree (default 1000)
//   TEMPFILE_STRESS_TREE_FILES   files per directory (default 100)
//   TEMPFILE_STRESS_DEPTH        depth of the chain (default 10000)

#define BOOST_TEST_MODULE stress
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = boost::filesystem;
namespace tf = boost::tempfile;
using test_support::fd_leak_check;
using test_support::open_fd_count;
using test_support::scratch_dir;

namespace {

int env_int(const char* name, int fallback)
{
    const char* v = std::getenv(name);
    const int n = v ? std::atoi(v) : 0;
    return n > 0 ? n : fallback;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration< double >(std::chrono::steady_clock::now() - start).count();
}

//! Names in a directory (without "." and "..").
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
//! to top, so that only top's children are ever entered. For cleaning up
//! after a failed removal of a deep chain (boost::filesystem::remove_all
//! needs paths longer than PATH_MAX there).
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
        const int listfd = ::openat(topfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR* d = ::fdopendir(listfd);
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

//! Waits for a child; its exit status, or 128 + signal.
int wait_child(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

//! random_name<>, counting its calls: every call past the first for one
//! creation is a name that was already taken.
struct counted_random_name
{
    static unsigned long& calls()
    {
        static unsigned long n = 0;
        return n;
    }
    void generate(const tf::options& opts, std::string& name) const
    {
        ++calls();
        tf::random_name<>().generate(opts, name);
    }
};

constexpr int process_count = 8;

//! Forks process_count children that wait on a pipe and start together;
//! body(index) is each child's exit code. Returns the children's codes.
template< typename Body >
std::vector< int > run_together(Body body)
{
    int go[2];
    BOOST_REQUIRE(::pipe(go) == 0);
    std::vector< pid_t > pids;
    for (int i = 0; i < process_count; ++i)
    {
        const pid_t pid = ::fork();
        BOOST_REQUIRE(pid >= 0);
        if (pid == 0)
        {
            ::close(go[1]);
            char c;
            const bool started = ::read(go[0], &c, 1) == 0; // released when the parent closes its end
            ::close(go[0]);
            int code = 97;
            try
            {
                code = started ? body(i) : 96;
            }
            catch (...)
            {
                code = 98;
            }
            ::_exit(code);
        }
        pids.push_back(pid);
    }
    ::close(go[0]);
    ::close(go[1]);
    std::vector< int > codes;
    for (pid_t pid : pids)
        codes.push_back(wait_child(pid));
    return codes;
}

} // namespace

// Exit codes of the children below: 0 fine, 1 descriptor leaked, 2 a name
// was taken already (generator shared with another process), 3 cannot
// write the record, 98 exception.
BOOST_AUTO_TEST_CASE(processes_creating_at_once_make_distinct_names_and_keep_every_file)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path dir = scratch.path / "files";
    const fs::path records = scratch.path / "records";
    fs::create_directory(dir);
    fs::create_directory(records);
    const int n = env_int("TEMPFILE_STRESS_N", 2000);
    // The parent's generator is keyed before the fork, so children would all
    // inherit one state if the library did not key them afresh.
    { tf::named_temp_file<> warm(tf::options().dir(scratch.path)); }

    const auto start = std::chrono::steady_clock::now();
    const std::vector< int > codes = run_together([&](int index) {
        const int fds_before = open_fd_count();
        counted_random_name::calls() = 0;
        std::ofstream record((records / std::to_string(index)).string());
        for (int i = 0; i < n; ++i)
        {
            tf::basic_named_temp_file< tf::keep, counted_random_name > f(tf::options().dir(dir));
            record << f.path().filename().string() << '\n';
        }
        record.close();
        if (!record)
            return 3;
        if (counted_random_name::calls() != static_cast< unsigned long >(n))
            return 2;
        return open_fd_count() == fds_before ? 0 : 1;
    });
    const double took = seconds_since(start);
    for (int i = 0; i < process_count; ++i)
        BOOST_TEST(codes[static_cast< std::size_t >(i)] == 0, "child " << i);

    std::set< std::string > recorded;
    std::size_t lines = 0;
    for (int i = 0; i < process_count; ++i)
    {
        std::ifstream in((records / std::to_string(i)).string());
        for (std::string name; std::getline(in, name);)
        {
            ++lines;
            recorded.insert(name);
        }
    }
    const std::vector< std::string > present = list_names(dir);
    const std::set< std::string > on_disk(present.begin(), present.end());
    BOOST_TEST(lines == static_cast< std::size_t >(process_count) * static_cast< std::size_t >(n));
    BOOST_TEST(recorded.size() == lines, lines - recorded.size() << " names handed out twice");
    BOOST_TEST((on_disk == recorded), "files on disk differ from the names recorded (" << on_disk.size()
                                                                                        << " vs " << recorded.size()
                                                                                        << ")");
    for (const std::string& name : present)
        BOOST_TEST(::unlink((dir / name).c_str()) == 0, name);
    BOOST_TEST(list_names(dir).empty());
    BOOST_TEST_MESSAGE(process_count << " processes x " << n << " named_temp_file<keep>: " << took << " s");
}

BOOST_AUTO_TEST_CASE(processes_creating_and_deleting_at_once_leave_nothing_behind)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int n = env_int("TEMPFILE_STRESS_N", 2000);
    const auto start = std::chrono::steady_clock::now();
    const std::vector< int > codes = run_together([&](int) {
        const int fds_before = open_fd_count();
        for (int i = 0; i < n; ++i)
        {
            tf::named_temp_file<> f(tf::options().dir(scratch.path));
            if (i % 16 == 0)
                f.stream() << i << std::flush;
        }
        return open_fd_count() == fds_before ? 0 : 1;
    });
    const double took = seconds_since(start);
    for (int i = 0; i < process_count; ++i)
        BOOST_TEST(codes[static_cast< std::size_t >(i)] == 0, "child " << i);
    const std::vector< std::string > left = list_names(scratch.path);
    BOOST_TEST(left.empty(), left.size() << " files left behind");
    BOOST_TEST_MESSAGE(process_count << " processes x " << n << " named_temp_file<>: " << took << " s");
}

BOOST_AUTO_TEST_CASE(large_tree_is_removed_completely)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int dirs = env_int("TEMPFILE_STRESS_TREE_DIRS", 1000);
    const int files = env_int("TEMPFILE_STRESS_TREE_FILES", 100);
    fs::path top;
    double build = 0, removal = 0;
    {
        auto start = std::chrono::steady_clock::now();
        tf::temp_dir<> tree(tf::options().dir(scratch.path));
        top = tree.path();
        // Ten groups of directories, each directory holding `files` files.
        const int groups = 10;
        for (int g = 0; g < groups; ++g)
        {
            const std::string gname = "g" + std::to_string(g);
            BOOST_REQUIRE(::mkdirat(tree.native_handle(), gname.c_str(), 0700) == 0);
            const int gfd = ::openat(tree.native_handle(), gname.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            BOOST_REQUIRE(gfd >= 0);
            for (int d = g; d < dirs; d += groups)
            {
                const std::string dname = "d" + std::to_string(d);
                BOOST_REQUIRE(::mkdirat(gfd, dname.c_str(), 0700) == 0);
                const int dfd = ::openat(gfd, dname.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                BOOST_REQUIRE(dfd >= 0);
                for (int f = 0; f < files; ++f)
                {
                    const int fd = ::openat(dfd, ("f" + std::to_string(f)).c_str(),
                                            O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
                    BOOST_REQUIRE(fd >= 0);
                    ::close(fd);
                }
                ::close(dfd);
            }
            ::close(gfd);
        }
        build = seconds_since(start);
        start = std::chrono::steady_clock::now();
        tree.remove();
        removal = seconds_since(start);
    }
    BOOST_TEST(!fs::exists(fs::symlink_status(top)), "the tree was not removed completely");
    BOOST_TEST(list_names(scratch.path).empty());
    BOOST_TEST_MESSAGE("tree of " << dirs * files << " files in " << dirs << " directories: built in " << build
                                  << " s, removed in " << removal << " s");
}

// In a child, so that running out of stack shows as a signal, not as the
// end of the whole suite, and a hang as a timeout. Exit codes: 0 removed, 1 left behind, 2 could
// not build, 3 descriptor leaked, 4 remove() threw.
BOOST_AUTO_TEST_CASE(chain_10000_directories_deep_is_removed_completely)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int depth = env_int("TEMPFILE_STRESS_DEPTH", 10000);
    const auto start = std::chrono::steady_clock::now();
    const int code = test_support::run_in_child([&]() -> int {
        // Stuck rather than slow after this long (a remover that retries a
        // failed subtree at every level above it takes exponential time).
        ::alarm(600);
        const int fds_before = open_fd_count();
        fs::path top;
        {
            tf::temp_dir<> chain(tf::options().dir(scratch.path));
            top = chain.path();
            // Built relative to a descriptor: the chain's paths are far longer than PATH_MAX.
            int fd = ::dup(chain.native_handle());
            for (int level = 0; level < depth; ++level)
            {
                if (::mkdirat(fd, "d", 0700) != 0)
                    return 2;
                const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                ::close(fd);
                if (next < 0)
                    return 2;
                fd = next;
            }
            ::close(fd);
            try
            {
                chain.remove();
            }
            catch (const fs::filesystem_error& e)
            {
                std::fprintf(stderr, "chain removal: %s\n", e.what());
                return 4;
            }
        }
        if (fs::exists(fs::symlink_status(top)))
            return 1;
        return open_fd_count() == fds_before ? 0 : 3;
    });
    BOOST_TEST(code == 0, "child exit code " << code << " (1 left behind, 2 build, 3 leak, 4 threw, 142 timed out, >128 signal)");
    BOOST_TEST_MESSAGE("chain " << depth << " deep: built and removed in " << seconds_since(start) << " s");
    for (const std::string& name : list_names(scratch.path))
        flat_remove_all(scratch.path / name);
}
