// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_LINUX_SYS_HPP
#define BOOST_TEMPFILE_DETAIL_LINUX_SYS_HPP
#pragma once

// Linux additions to the POSIX layer. Only what Linux does better is here;
// everything else falls back to the posix_platform overloads.

#include <boost/tempfile/detail/posix/sys.hpp>

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

} // namespace sys
} // namespace tempfile
} // namespace boost

#endif
