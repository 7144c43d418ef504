// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_SYS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_SYS_HPP
#pragma once

// The POSIX system-call layer. Each function is a thin, noexcept wrapper with
// the system call's own convention (-1 and errno on failure) so that a
// wrapping platform (fault_injecting_platform) can stand in for any of them.
// Callers find these by argument-dependent lookup on the platform tag.

#include <boost/tempfile/platform.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h> // NOLINT(modernize-deprecated-headers): POSIX declares renameat here, <cstdio> need not
#include <sys/file.h> // flock: run_dir
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/xattr.h>
#endif

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
#endif

namespace boost {
namespace tempfile {
namespace sys {

//! The reason for the last failure of a call below (errno): what the shared
//! stream and handle code reports, whatever the platform.
inline int last_error(posix_platform) noexcept
{
    return errno;
}

inline int open_at(posix_platform, int dirfd, const char* name, int flags, ::mode_t mode) noexcept
{
    return ::openat(dirfd, name, flags, mode);
}

inline int mkdir_at(posix_platform, int dirfd, const char* name, ::mode_t mode) noexcept
{
    return ::mkdirat(dirfd, name, mode);
}

inline int unlink_at(posix_platform, int dirfd, const char* name, int flags) noexcept
{
    return ::unlinkat(dirfd, name, flags);
}

inline int close_fd(posix_platform, int fd) noexcept
{
    return ::close(fd);
}

inline int stat_fd(posix_platform, int fd, struct ::stat* st) noexcept
{
    return ::fstat(fd, st);
}

inline int stat_at(posix_platform, int dirfd, const char* name, struct ::stat* st, int flags) noexcept
{
    return ::fstatat(dirfd, name, st, flags);
}

inline int chmod_fd(posix_platform, int fd, ::mode_t mode) noexcept
{
    return ::fchmod(fd, mode);
}

//! fchmodat; the library uses it only on /proc/self/fd/N of a descriptor it
//! holds (O_PATH), never on a name that could have been swapped.
inline int chmod_at(posix_platform, int dirfd, const char* name, ::mode_t mode, int flags) noexcept
{
    return ::fchmodat(dirfd, name, mode, flags);
}

inline ::ssize_t read_fd(posix_platform, int fd, void* buf, std::size_t n) noexcept
{
    return ::read(fd, buf, n);
}

inline ::ssize_t write_fd(posix_platform, int fd, const void* buf, std::size_t n) noexcept
{
    return ::write(fd, buf, n);
}

inline ::off_t seek_fd(posix_platform, int fd, ::off_t off, int whence) noexcept
{
    return ::lseek(fd, off, whence);
}

inline int truncate_fd(posix_platform, int fd, ::off_t size) noexcept
{
    return ::ftruncate(fd, size);
}

inline int sync_fd(posix_platform, int fd) noexcept
{
    return ::fsync(fd);
}

inline int rename_at(posix_platform, int olddirfd, const char* oldname, int newdirfd, const char* newname) noexcept
{
    return ::renameat(olddirfd, oldname, newdirfd, newname);
}

//! renameat with Linux's renameat2 flags (RENAME_NOREPLACE, RENAME_EXCHANGE).
//! Plain POSIX has only flags == 0; others fail with EINVAL so that callers
//! take their portable fallback.
inline int rename_at2(posix_platform, int olddirfd, const char* oldname, int newdirfd, const char* newname,
                      unsigned flags) noexcept
{
    if (flags != 0)
    {
        errno = EINVAL;
        return -1;
    }
    return ::renameat(olddirfd, oldname, newdirfd, newname);
}

inline int link_at(posix_platform, int olddirfd, const char* oldname, int newdirfd, const char* newname,
                   int flags) noexcept
{
    return ::linkat(olddirfd, oldname, newdirfd, newname, flags);
}

//! fgetxattr: the size of the attribute's value (nothing is copied when
//! size is 0), or -1 and errno (ENODATA: no such attribute; ENOTSUP: the
//! file system keeps none). Extended attributes are not POSIX: where the
//! system has no fgetxattr the answer is ENOSYS, "cannot tell". On Linux the
//! plain POSIX tag asks too, as the umask it goes with (read_umask in
//! detail/posix/publish_ops.hpp) is read from Linux's /proc whatever the tag.
inline ::ssize_t get_xattr_fd(posix_platform, int fd, const char* name, void* value, std::size_t size) noexcept
{
#if defined(__linux__)
    return ::fgetxattr(fd, name, value, size);
#else
    (void)fd;
    (void)name;
    (void)value;
    (void)size;
    errno = ENOSYS;
    return -1;
#endif
}

//! Takes ownership of fd (as fdopendir does), also on failure: the caller
//! must not close fd afterwards.
inline ::DIR* open_dir_fd(posix_platform, int fd) noexcept
{
    ::DIR* d = ::fdopendir(fd);
    if (!d)
    {
        int e = errno;
        ::close(fd);
        errno = e;
    }
    return d;
}

//! nullptr with errno unchanged at the end; nullptr with errno set on error.
inline struct ::dirent* read_dir(posix_platform, ::DIR* d) noexcept
{
    return ::readdir(d);
}

inline void rewind_dir(posix_platform, ::DIR* d) noexcept
{
    ::rewinddir(d);
}

inline int close_dir(posix_platform, ::DIR* d) noexcept
{
    return ::closedir(d);
}

//! The identity of the mount the descriptor `fd` (also an O_PATH one) is
//! on: 0 and *id, or -1 and errno. ENOSYS means the system cannot tell --
//! plain POSIX has no such notion, so a walk there recognises another file
//! system by st_dev alone, and a mount that reports the device of the
//! directory it covers (a bind mount, a null mount) goes unnoticed. Any other
//! errno is a failure to find out. Must stay async-signal-safe: the removal
//! in the signal handler calls it.
inline int mount_id(posix_platform, int, std::uint64_t*) noexcept
{
    errno = ENOSYS;
    return -1;
}

//! An anonymous file in memory (Linux memfd_create); plain POSIX has none.
inline int memory_file(posix_platform, const char*, unsigned) noexcept
{
    errno = ENOSYS;
    return -1;
}

//! Anonymous files need O_TMPFILE: plain POSIX has none.
inline int open_tmpfile(posix_platform, int, const char*, int, ::mode_t) noexcept
{
    errno = EOPNOTSUPP;
    return -1;
}

// ---- file owners (duplicate_handle, open_stdio) ------------------------------

//! A second descriptor on the open file description of fd, close-on-exec
//! (fcntl F_DUPFD_CLOEXEC: no window in which an exec() in another thread
//! inherits it). -1 and errno on failure.
inline int dup_fd(posix_platform, int fd) noexcept
{
    return ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
}

// ---- atomic_file (detail/posix/publish_ops.hpp) ----------------------------

//! readlinkat: the link's content (not NUL-terminated), its length, or -1
//! and errno (EINVAL: not a symlink).
inline ::ssize_t read_link_at(posix_platform, int dirfd, const char* name, char* buf, std::size_t size) noexcept
{
    return ::readlinkat(dirfd, name, buf, size);
}

//! fchown: the published file gets the target's owner and group (only
//! where the caller may give them).
inline int chown_fd(posix_platform, int fd, ::uid_t owner, ::gid_t group) noexcept
{
    return ::fchown(fd, owner, group);
}

// ---- run_dir (detail/posix/run_ops.hpp) -----------------------------------

//! flock: the lock that says a run is alive. It belongs to the open file
//! description, so the kernel drops it when the last descriptor on it closes
//! -- at the latest when the process dies, however it dies -- and, unlike an
//! fcntl lock, no close() of another descriptor on the same directory in the
//! process releases it.
inline int lock_fd(posix_platform, int fd, int operation) noexcept
{
    return ::flock(fd, operation);
}

} // namespace sys
} // namespace tempfile
} // namespace boost

#endif
