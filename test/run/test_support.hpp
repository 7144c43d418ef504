// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_SUPPORT_HPP
#define BOOST_TEMPFILE_TEST_SUPPORT_HPP

// What the POSIX suites need beyond the portable layer (../support/portable.hpp,
// whose helpers are available here under the same names): child processes,
// dropping root's permission override, the umask, and modes.

#include "../support/portable.hpp"

#include <boost/filesystem.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <functional>
#include <stdexcept>
#include <linux/capability.h>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

//! Ends a test of what only the Linux backend has (O_TMPFILE, renameat2,
//! memfd_create, mount identities) on the plain POSIX backend
//! (BOOST_TEMPFILE_FORCE_POSIX_PLATFORM), saying so where the tools show it.
#define TEST_NEEDS_LINUX_BACKEND(why)                                                                                \
    do                                                                                                               \
    {                                                                                                                \
        if (!::portable::linux_backend)                                                                              \
            PORTABLE_NOT_TESTED_HERE(why);                                                                           \
    } while (false)

namespace test_support {

// The portable layer, under the names the POSIX suites have always used.
using portable::entries;
using portable::fault_scope;
using portable::handle_contents;
using portable::handle_is_open;
using portable::is_real_dir;
using portable::leftovers;
using portable::make_dir;
using portable::names_in;
using portable::present;
using portable::read_file;
using portable::scoped_env;
using portable::scratch_dir;
using portable::state_of;
using portable::stream_contents;
using portable::write_file;

//! Open descriptors of this process (the listing's own descriptor not counted).
inline int open_fd_count()
{
    return static_cast< int >(portable::open_handle_count());
}

//! Checks at the end of a scope that no descriptor was leaked in it.
using fd_leak_check = portable::handle_leak_check;

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

//! Creates (or truncates) p holding `text`, then gives it exactly `mode`
//! (fchmod: the umask does not narrow it); throws std::runtime_error naming
//! p if it cannot.
inline void write_file(const boost::filesystem::path& p, const std::string& text, mode_t mode)
{
    portable::write_file(p, text);
    if (::chmod(p.c_str(), mode) != 0)
        throw std::runtime_error("cannot chmod " + p.string() + ": " + std::strerror(errno));
}

//! Makes the directory p with `mode`, narrowed by the umask as mkdir does;
//! throws std::runtime_error naming p if it cannot.
inline void make_dir(const boost::filesystem::path& p, mode_t mode)
{
    if (::mkdir(p.c_str(), mode) != 0)
        throw std::runtime_error("cannot make directory " + p.string() + ": " + std::strerror(errno));
}

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
