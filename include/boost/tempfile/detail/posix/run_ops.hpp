// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_RUN_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_RUN_OPS_HPP
#pragma once

// run_dir on POSIX:
// - the root <parent>/<app>-<uid> is opened with O_NOFOLLOW|O_DIRECTORY and
//   checked through that descriptor (owner, mode repaired with fchmod); every
//   later step goes through the descriptor, so that the root's name cannot
//   be swapped for another directory in between;
// - a run is alive while flock(LOCK_EX) is held on its directory's
//   descriptor: the lock belongs to the open file description, which the
//   kernel closes when the process dies however it dies (SIGKILL, OOM), and
//   which a forked child shares; fcntl locks would be released by any close()
//   of the same directory anywhere in the process;
// - a run is made as ".new-<random>", opened, locked, and only then renamed
//   to "run-<pid>-<random>": a sweep never takes a run being made for a dead
//   one (a ".new-" whose lock is free is removed only once it is older than
//   incomplete_run_grace_seconds: its creator died between mkdir and flock);
// - a sweep opens each entry through the root's descriptor (O_NOFOLLOW),
//   accepts only a directory of this user on the root's own mount, and tries
//   the lock without blocking: busy means alive; got it means dead, and the
//   run is removed with the lock held, so that two sweeps never remove one
//   run together.

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/run_types.hpp>
#include <boost/tempfile/detail/posix/dir_ops.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/platform.hpp>

#include <cerrno>
#include <cstdint>
#include <ctime>
#include <string>
#include <time.h> // NOLINT(modernize-deprecated-headers): nanosleep is POSIX, not in <ctime>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! The application's root, held open.
struct run_root
{
    int fd = -1;
    std::uint64_t device = 0;
    std::uint64_t mount = 0;
    int mount_error = 0; // 0: mount known; ENOSYS: st_dev only
};

//! A run held: its directory's descriptor, locked.
struct run_lock
{
    int fd = -1;
    file_identity id;
    long long mtime = 0; // seconds: the newest dead runs are the ones retained
};

//! Runs are made under a staging name and renamed once locked.
template< typename Platform, if_posix< Platform > = 0 >
constexpr bool stages_runs(Platform) noexcept
{
    return true;
}

//! What tells one user's root from another's: the effective uid.
template< typename Platform, if_posix< Platform > = 0 >
std::string user_tag(Platform, int&)
{
    return std::to_string(static_cast< unsigned long >(::geteuid()));
}

//! Opens (and when `create`, first makes, 0700) the root at `path` and
//! checks it: a directory, no symlink, owned by the effective user; a mode
//! other than 0700 is repaired through the descriptor. False with the
//! reason and errno otherwise; nothing is changed in a refused root.
template< typename Platform, if_posix< Platform > = 0 >
bool open_run_root(Platform, const char* path, bool create, run_root& root, root_refusal& why, int& err) noexcept
{
    why = root_refusal::none;
    if (create && mkdir_at(Platform{}, AT_FDCWD, path, 0700) != 0 && errno != EEXIST)
    {
        err = errno;
        why = root_refusal::cannot_create;
        return false;
    }
    int fd = open_at(Platform{}, AT_FDCWD, path, walk_open_flags, 0);
    if (fd < 0)
    {
        err = errno;
        struct ::stat st;
        if (err == ELOOP || (stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)))
            why = root_refusal::symlink;
        else if (err == ENOTDIR)
            why = root_refusal::not_directory;
        else if (err == ENOENT && !create)
            why = root_refusal::absent;
        else if (err == EACCES && stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                 st.st_uid != ::geteuid())
            why = root_refusal::foreign_owner;
        else
        {
#if defined(O_PATH)
            // Ours with a mode that denies us reading it: checked through an
            // O_PATH descriptor before its mode is touched.
            if (err == EACCES)
            {
                const int handle = open_at(Platform{}, AT_FDCWD, path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
                if (handle >= 0)
                {
                    if (stat_fd(Platform{}, handle, &st) == 0 && st.st_uid == ::geteuid())
                        fd = reopen_with_owner_access< Platform >(handle, st);
                    close_fd(Platform{}, handle);
                }
            }
#endif
            if (fd < 0)
                why = root_refusal::cannot_open;
        }
        if (why == root_refusal::symlink)
            err = ELOOP; // O_DIRECTORY may have made it ENOTDIR: say what it is
        if (fd < 0)
            return false;
    }
    struct ::stat st;
    if (stat_fd(Platform{}, fd, &st) != 0)
    {
        err = errno;
        why = root_refusal::cannot_open;
    }
    else if (!S_ISDIR(st.st_mode))
    {
        err = ENOTDIR;
        why = root_refusal::not_directory;
    }
    else if (st.st_uid != ::geteuid())
    {
        err = EPERM;
        why = root_refusal::foreign_owner;
    }
    else if ((st.st_mode & 07777) != 0700 && chmod_fd(Platform{}, fd, 0700) != 0)
    {
        err = errno;
        why = root_refusal::cannot_repair;
    }
    if (why != root_refusal::none)
    {
        close_fd(Platform{}, fd);
        return false;
    }
    root.fd = fd;
    root.device = static_cast< std::uint64_t >(st.st_dev);
    root.mount_error = mount_id(Platform{}, fd, &root.mount) == 0 ? 0 : errno;
    return true;
}

template< typename Platform, if_posix< Platform > = 0 >
void close_run_root(Platform, run_root& root) noexcept
{
    if (root.fd >= 0)
        close_fd(Platform{}, root.fd);
    root.fd = -1;
}

//! Closes a listing however the listing of the root ends (std::bad_alloc too).
struct dir_stream_closer
{
    ::DIR* d;
    ~dir_stream_closer()
    {
        if (d)
            ::closedir(d);
    }
};

//! The names in the root ("." and ".." left out). May throw std::bad_alloc
//! (nothing stays open then).
template< typename Platform, if_posix< Platform > = 0 >
bool list_run_root(Platform, const run_root& root, std::vector< path_string >& names, int& err)
{
    const int fd = open_at(Platform{}, root.fd, ".", walk_open_flags, 0);
    ::DIR* d = fd >= 0 ? open_dir_fd(Platform{}, fd) : nullptr; // takes fd
    if (!d)
    {
        err = errno;
        return false;
    }
    dir_stream_closer closer{d};
    for (;;)
    {
        errno = 0;
        struct ::dirent* entry = read_dir(Platform{}, d);
        if (!entry)
        {
            err = errno;
            return err == 0;
        }
        const char* name = entry->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
        names.emplace_back(name);
    }
}

//! Makes the run directory `leaf` (`full`: its whole path) in the root, 0700.
template< typename Platform, if_posix< Platform > = 0 >
bool make_run_entry(Platform, const run_root& root, const char*, const char* leaf, int& err) noexcept
{
    if (mkdir_at(Platform{}, root.fd, leaf, 0700) == 0)
        return true;
    err = errno;
    return false;
}

//! Tries flock without blocking: 0, EWOULDBLOCK (held by someone), or another errno.
template< typename Platform >
int try_run_lock(int fd) noexcept
{
    int rc = lock_fd(Platform{}, fd, LOCK_EX | LOCK_NB);
    for (unsigned again = 0; rc != 0 && errno == EINTR && again < max_eintr_retries; ++again)
        rc = lock_fd(Platform{}, fd, LOCK_EX | LOCK_NB);
    if (rc == 0)
        return 0;
    return errno == EAGAIN ? EWOULDBLOCK : errno;
}

//! Opens the run directory just made, gives it exactly 0700 (the umask may
//! have taken bits) and locks it. A sweep may hold the lock for a moment
//! (it looks at a ".new-" entry and lets it be, being young): the creator
//! waits for that, a bounded number of times.
template< typename Platform, if_posix< Platform > = 0 >
bool open_new_run(Platform, const run_root& root, const char*, const char* leaf, run_lock& run, int& err) noexcept
{
    const int fd = open_at(Platform{}, root.fd, leaf, walk_open_flags, 0);
    if (fd < 0)
    {
        err = errno;
        return false;
    }
    struct ::stat st;
    int e = 0;
    if (stat_fd(Platform{}, fd, &st) != 0 ||
        ((st.st_mode & 07777) != 0700 && chmod_fd(Platform{}, fd, 0700) != 0))
        e = errno;
    else
    {
        e = try_run_lock< Platform >(fd);
        for (int waited = 0; e == EWOULDBLOCK && waited < 1000; ++waited)
        {
            struct ::timespec pause = {0, 1000000}; // 1 ms: a sweep holds a young entry's lock for microseconds
            ::nanosleep(&pause, nullptr);
            e = try_run_lock< Platform >(fd);
        }
    }
    if (e != 0)
    {
        close_fd(Platform{}, fd);
        err = e;
        return false;
    }
    run.fd = fd;
    run.id = identity_of(st);
    run.mtime = static_cast< long long >(st.st_mtime);
    return true;
}

//! Renames the locked ".new-" directory to its run name, never over an
//! existing entry (renameat2(RENAME_NOREPLACE); where there is none, the
//! target's absence is checked first -- the names carry 60 random bits).
template< typename Platform, if_posix< Platform > = 0 >
bool publish_run(Platform, const run_root& root, const char* from, const char* to, int& err) noexcept
{
    constexpr unsigned no_replace = 1; // RENAME_NOREPLACE
    if (rename_at2(Platform{}, root.fd, from, root.fd, to, no_replace) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)
    {
        err = errno;
        return false;
    }
    struct ::stat st;
    if (stat_at(Platform{}, root.fd, to, &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
        err = EEXIST;
        return false;
    }
    if (rename_at(Platform{}, root.fd, from, root.fd, to) == 0)
        return true;
    err = errno;
    return false;
}

//! Removes a staging directory whose creation failed half-way (it is empty).
template< typename Platform, if_posix< Platform > = 0 >
void discard_new_run(Platform, const run_root& root, const char*, const char* leaf, run_lock& run) noexcept
{
    const int e = errno;
    unlink_at(Platform{}, root.fd, leaf, AT_REMOVEDIR);
    if (run.fd >= 0)
        close_fd(Platform{}, run.fd);
    run.fd = -1;
    errno = e;
}

//! Whether `leaf` of the root still means the directory whose status is `st`.
template< typename Platform >
bool still_named(Platform, const run_root& root, const char* leaf, const struct ::stat& st) noexcept
{
    struct ::stat now;
    return stat_at(Platform{}, root.fd, leaf, &now, AT_SYMLINK_NOFOLLOW) == 0 && identity_of(now) == identity_of(st);
}

//! Looks at the entry `leaf` of the root (a run name, or a staging name
//! when `staging`): see run_probe. `dead` leaves the lock held in `run`.
template< typename Platform, if_posix< Platform > = 0 >
run_probe probe_run(Platform, const run_root& root, const char*, const char* leaf, bool staging, run_lock& run,
                    int& err) noexcept
{
    const int fd = open_at(Platform{}, root.fd, leaf, walk_open_flags, 0);
    if (fd < 0)
    {
        err = errno;
        if (err == ENOENT)
            return run_probe::gone;
        if (err == ELOOP || err == ENOTDIR)
            return run_probe::not_ours; // a symlink or a file: someone else's, never followed
        return run_probe::failed;
    }
    struct ::stat st;
    run_probe result = run_probe::failed;
    if (stat_fd(Platform{}, fd, &st) != 0)
        err = errno;
    else if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || static_cast< std::uint64_t >(st.st_dev) != root.device)
        result = run_probe::not_ours;
    else
    {
        std::uint64_t mount = 0;
        if (root.mount_error == 0 && (mount_id(Platform{}, fd, &mount) != 0 || mount != root.mount))
            result = run_probe::not_ours; // a mount point where a run should be: not entered
        else
        {
            const int e = try_run_lock< Platform >(fd);
            if (e == EWOULDBLOCK)
                result = run_probe::alive;
            else if (e != 0)
                err = e;
            else if (!still_named(Platform{}, root, leaf, st))
                result = run_probe::gone; // removed (by its owner's end) between our open and our lock
            else if (staging && static_cast< long long >(std::time(nullptr)) - static_cast< long long >(st.st_mtime) <
                                    incomplete_run_grace_seconds)
                result = run_probe::young;
            else
            {
                run.fd = fd;
                run.id = identity_of(st);
                run.mtime = static_cast< long long >(st.st_mtime);
                return run_probe::dead;
            }
        }
    }
    close_fd(Platform{}, fd); // releases the lock if it was taken
    return result;
}

//! The handle the removal walk gets: the locked descriptor, held through
//! the removal so that no other sweep takes the run meanwhile.
template< typename Platform, if_posix< Platform > = 0 >
int handle_for_removal(Platform, run_lock& run) noexcept
{
    return run.fd;
}

//! The run directory's descriptor (run_dir::native_handle).
template< typename Platform, if_posix< Platform > = 0 >
int native_run_handle(Platform, const run_lock& run) noexcept
{
    return run.fd;
}

//! Lets go of a run: closing the descriptor releases the lock (a forked
//! child's copy of the descriptor keeps it until the child closes it too).
template< typename Platform, if_posix< Platform > = 0 >
void release_run(Platform, run_lock& run) noexcept
{
    if (run.fd >= 0)
        close_fd(Platform{}, run.fd);
    run.fd = -1;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
