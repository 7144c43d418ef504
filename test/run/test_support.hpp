// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_SUPPORT_HPP
#define BOOST_TEMPFILE_TEST_SUPPORT_HPP

// Helpers shared by the test suites: descriptor counting, child processes,
// dropping root's permission override, umask and environment scopes, and a
// scratch directory made and removed without the library under test.

#include <boost/filesystem.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <functional>
#include <linux/capability.h>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace test_support {

//! Open descriptors of this process (the listing's own descriptor not counted).
inline int open_fd_count()
{
    DIR* d = ::opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    while (struct dirent* e = ::readdir(d))
        if (e->d_name[0] != '.')
            ++n;
    ::closedir(d);
    return n - 1;
}

//! Checks at the end of a scope that no descriptor was leaked in it.
struct fd_leak_check
{
    int before = open_fd_count();
    ~fd_leak_check() { BOOST_TEST(open_fd_count() == before, "descriptors leaked"); }
};

//! Runs body in a forked child; returns its exit status, or 128 + signal.
inline int run_in_child(const std::function< int() >& body)
{
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
    {
        int code = 99;
        try
        {
            code = body();
        }
        catch (...)
        {
            code = 98;
        }
        ::_exit(code);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

//! In a child process of root: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
//! so that permission bits apply (CI runs as root). True on success, or
//! when not root (the bits apply anyway).
inline bool drop_permission_override()
{
    if (::geteuid() != 0)
        return true;
    __user_cap_header_struct header{};
    header.version = _LINUX_CAPABILITY_VERSION_3;
    header.pid = 0;
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER})
    {
        data[cap / 32].effective &= ~(1u << (cap % 32));
        data[cap / 32].permitted &= ~(1u << (cap % 32));
        data[cap / 32].inheritable &= ~(1u << (cap % 32));
    }
    return ::syscall(SYS_capset, &header, data) == 0;
}

//! Sets the umask for a scope.
struct scoped_umask
{
    explicit scoped_umask(mode_t m) : old(::umask(m)) {}
    ~scoped_umask() { ::umask(old); }
    mode_t old;
};

//! Sets (or, with nullptr, unsets) an environment variable for a scope.
struct scoped_env
{
    scoped_env(const char* name, const char* value) : name_(name)
    {
        const char* old = std::getenv(name);
        had_ = old != nullptr;
        if (had_)
            old_ = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~scoped_env()
    {
        if (had_)
            ::setenv(name_.c_str(), old_.c_str(), 1);
        else
            ::unsetenv(name_.c_str());
    }
    std::string name_, old_;
    bool had_ = false;
};

//! A private directory for one test, made with mkdtemp and removed with
//! boost::filesystem (not with the library under test).
struct scratch_dir
{
    scratch_dir()
    {
        std::string t = (boost::filesystem::temp_directory_path() / "tempfile-test-XXXXXX").string();
        if (!::mkdtemp(&t[0]))
            throw std::runtime_error("mkdtemp failed");
        path = t;
    }
    ~scratch_dir()
    {
        boost::system::error_code ec;
        // Undo modes a test may have narrowed, then remove.
        for (boost::filesystem::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
            if (!boost::filesystem::is_symlink(it->symlink_status()))
                ::chmod(it->path().c_str(), 0700);
        boost::filesystem::remove_all(path, ec);
    }
    std::size_t entries() const
    {
        std::size_t n = 0;
        for (boost::filesystem::directory_iterator it(path), end; it != end; ++it)
            ++n;
        return n;
    }
    boost::filesystem::path path;
};

//! Mode bits (07777) of a path, not following a symlink.
inline mode_t mode_of(const boost::filesystem::path& p)
{
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return static_cast< mode_t >(-1);
    return st.st_mode & 07777;
}

} // namespace test_support

#endif
