// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_HOSTILE_SUPPORT_HPP
#define BOOST_TEMPFILE_TEST_HOSTILE_SUPPORT_HPP

// What the hostile-tree suites share: mounts made in a child's own mount
// namespace (so that none outlives the test or reaches the machine), files
// and trees built without the library, and the "precious" directory outside
// every temporary tree whose content must survive whatever the tree holds.

#include "test_support.hpp"

#include <boost/filesystem.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hostile {

namespace fs = boost::filesystem;

// Files and trees built without the library: the shared helpers.
using test_support::make_dir;
using test_support::names_in;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

//! In a forked child: a mount namespace of its own with / private, so that
//! the mounts made next vanish with the namespace. Empty, or why not.
inline std::string private_mount_namespace()
{
    if (::unshare(CLONE_NEWNS) != 0)
        return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    // Source and type are ignored here; named all the same, so that valgrind
    // does not take a null pointer for a bad argument.
    if (::mount("none", "/", "none", MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("making / private: ") + std::strerror(errno);
    return {};
}

inline std::string bind_mount(const fs::path& from, const fs::path& to)
{
    if (::mount(from.c_str(), to.c_str(), "none", MS_BIND, nullptr) != 0)
        return "bind mount of " + from.string() + " on " + to.string() + ": " + std::strerror(errno);
    return {};
}

inline std::string mount_tmpfs(const fs::path& on, const char* options = "size=64k")
{
    if (::mount("tmpfs", on.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
        return "tmpfs on " + on.string() + ": " + std::strerror(errno);
    return {};
}

//! A directory outside every temporary tree, with a file whose content must
//! survive: what a walk entering a bind mount of it would destroy.
struct precious_dir
{
    explicit precious_dir(const fs::path& where) : dir(where), file(where / "precious.txt")
    {
        make_dir(dir);
        write_file(file, "irreplaceable");
        make_dir(dir / "sub");
        write_file(dir / "sub" / "also.txt", "also irreplaceable");
    }
    bool intact() const
    {
        return read_file(file) == "irreplaceable" && read_file(dir / "sub" / "also.txt") == "also irreplaceable" &&
               names_in(dir) == std::set< std::string >{"precious.txt", "sub"};
    }
    fs::path dir, file;
};

//! Puts files, nested directories and a locked directory in root: what
//! must all go around whatever cannot.
inline void populate(const fs::path& root)
{
    write_file(root / "top.txt", "top");
    make_dir(root / "a");
    write_file(root / "a" / "inner.txt", "inner");
    make_dir(root / "a" / "b");
    write_file(root / "a" / "b" / "deeper.txt", "deeper");
    make_dir(root / "locked");
    write_file(root / "locked" / "x", "x");
    if (::chmod((root / "locked").c_str(), 0) != 0)
        throw std::runtime_error("chmod failed");
}

//! A chain of `depth` directories under root, each with a file; returns the
//! deepest. Made through descriptors, so that it may exceed PATH_MAX.
inline fs::path make_chain(const fs::path& root, int depth, const std::string& stem = "level")
{
    fs::path p = root;
    int at = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (int i = 0; i < depth && at >= 0; ++i)
    {
        const std::string name = stem + std::to_string(i);
        p /= name;
        int next = -1;
        if (::mkdirat(at, name.c_str(), 0755) == 0)
            next = ::openat(at, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ::close(at);
        at = next;
        const int f = at < 0 ? -1 : ::openat(at, "f", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (f < 0)
        {
            if (at >= 0)
                ::close(at);
            throw std::runtime_error("cannot make the chain at " + p.string() + ": " + std::strerror(errno));
        }
        ::close(f);
    }
    if (at < 0)
        throw std::runtime_error("cannot open " + root.string());
    ::close(at);
    return p;
}

inline mode_t mode_of(const fs::path& p)
{
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return static_cast< mode_t >(-1);
    return st.st_mode & 07777;
}

} // namespace hostile

#endif
