// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_LINUX_SYS_HPP
#define BOOST_TEMPFILE_DETAIL_LINUX_SYS_HPP
#pragma once

// Linux additions to the POSIX layer. Only what Linux does better is here;
// everything else falls back to the posix_platform overloads.

#include <boost/tempfile/detail/posix/sys.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>

#if defined(__linux__)
#include <fcntl.h>
#include <stdio.h> // NOLINT(modernize-deprecated-headers): renameat2 is declared here (glibc), not in <cstdio>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace boost {
namespace tempfile {
namespace sys {

#if defined(__linux__) && defined(O_TMPFILE)
//! An unnamed file in the directory `dir` (Linux 3.11+, and only on file
//! systems that support it: the caller falls back on EOPNOTSUPP/EISDIR/EINVAL).
inline int open_tmpfile(linux_platform, int dirfd, const char* dir, int flags, ::mode_t mode) noexcept
{
    return ::openat(dirfd, dir, flags | O_TMPFILE, mode);
}
#endif

#if defined(__linux__) && defined(SYS_renameat2)
//! Linux 3.15+; file systems without it say EINVAL, old kernels ENOSYS.
inline int rename_at2(linux_platform, int olddirfd, const char* oldname, int newdirfd, const char* newname,
                      unsigned flags) noexcept
{
    return static_cast< int >(::syscall(SYS_renameat2, olddirfd, oldname, newdirfd, newname, flags));
}
#endif

#if defined(__linux__) && defined(SYS_memfd_create)
//! Linux 3.17+: an anonymous file in memory, sealable, with a debug name.
inline int memory_file(linux_platform, const char* name, unsigned flags) noexcept
{
    return static_cast< int >(::syscall(SYS_memfd_create, name, flags));
}
#endif

#if defined(__linux__)
//! mnt_id from /proc/self/fdinfo/<fd> (Linux 3.15+): what mount_id() falls
//! back on where statx cannot say (before Linux 5.8, or a seccomp filter
//! refusing statx). Costs a descriptor for a moment. ENOSYS without /proc or
//! without the field. Async-signal-safe: open, read, close and hand-made
//! formatting only.
inline int mount_id_from_fdinfo(int fd, std::uint64_t* id) noexcept
{
    if (fd < 0)
    {
        errno = EBADF;
        return -1;
    }
    char path[40] = "/proc/self/fdinfo/";
    std::size_t at = 18;
    char digits[12];
    int n = 0;
    for (unsigned v = static_cast< unsigned >(fd); n == 0 || v != 0; v /= 10)
        digits[n++] = static_cast< char >('0' + v % 10);
    while (n > 0)
        path[at++] = digits[--n];
    path[at] = '\0';
    const int info = ::open(path, O_RDONLY | O_CLOEXEC);
    if (info < 0)
    {
        // fdinfo/<fd> missing: either fd is not open or /proc is not there.
        if (errno == ENOENT || errno == ENOTDIR)
            errno = ::fcntl(fd, F_GETFD) < 0 ? EBADF : ENOSYS;
        return -1;
    }
    // "pos:\t0\nflags:\t...\nmnt_id:\t27\n...": mnt_id comes third, well
    // inside the first 256 bytes for a directory.
    char text[256];
    std::size_t filled = 0;
    while (filled < sizeof text - 1)
    {
        const ::ssize_t got = ::read(info, text + filled, sizeof text - 1 - filled);
        if (got > 0)
            filled += static_cast< std::size_t >(got);
        else if (got == 0 || errno != EINTR)
            break;
    }
    const int read_errno = errno;
    ::close(info);
    text[filled] = '\0';
    static const char key[] = "mnt_id:";
    for (std::size_t line = 0; line < filled;)
    {
        if (std::strncmp(text + line, key, sizeof key - 1) == 0)
        {
            std::size_t i = line + sizeof key - 1;
            while (text[i] == ' ' || text[i] == '\t')
                ++i;
            if (text[i] < '0' || text[i] > '9')
                break;
            std::uint64_t value = 0;
            for (; text[i] >= '0' && text[i] <= '9'; ++i)
                value = value * 10 + static_cast< std::uint64_t >(text[i] - '0');
            *id = value;
            return 0;
        }
        while (line < filled && text[line] != '\n')
            ++line;
        ++line;
    }
    errno = filled == 0 && read_errno != 0 ? read_errno : ENOSYS;
    return -1;
}

//! The mount the descriptor is on: statx's STATX_MNT_ID (Linux 5.8+), else
//! /proc/self/fdinfo (Linux 3.15+), else ENOSYS. Two directories of the same
//! file system seen through different mounts -- a bind mount of the tree's
//! own file system -- share st_dev but not this. Async-signal-safe.
inline int mount_id(linux_platform, int fd, std::uint64_t* id) noexcept
{
#if defined(SYS_statx) && defined(AT_EMPTY_PATH)
    // The kernel's struct statx (256 bytes, stable ABI): stx_mask is the
    // first 32 bits, stx_mnt_id the 64 bits at offset 0x90. Spelled out
    // here so that the C library's headers need not know statx.
    constexpr unsigned statx_mnt_id = 0x1000u;
    constexpr std::size_t mnt_id_offset = 0x90;
    alignas(8) unsigned char buf[256] = {};
    if (::syscall(SYS_statx, fd, "", AT_EMPTY_PATH, statx_mnt_id, buf) == 0)
    {
        std::uint32_t mask;
        std::memcpy(&mask, buf, sizeof mask);
        if (mask & statx_mnt_id)
        {
            std::memcpy(id, buf + mnt_id_offset, sizeof *id);
            return 0;
        }
    }
    else if (errno == EBADF)
        return -1;
#endif
    return mount_id_from_fdinfo(fd, id);
}
#endif

} // namespace sys
} // namespace tempfile
} // namespace boost

#endif
