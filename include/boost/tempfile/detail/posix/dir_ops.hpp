// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_DIR_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_DIR_OPS_HPP
#pragma once

// The directory operations of temp_dir and of the removal walk on POSIX,
// written from the system-call layer (detail/posix/sys.hpp, overridden by
// detail/linux/sys.hpp) so that a wrapping platform such as
// fault_injecting_platform reaches every call. Each takes the platform tag
// first, never throws, and reports a failure by its result and an errno
// value in `err`. detail/remove_tree.hpp and temp_dir.hpp hold the
// algorithms; what is here is how POSIX does each step:
// - a directory is entered with O_NOFOLLOW|O_DIRECTORY through the
//   descriptor of its parent, so a symlink -- also one swapped in for a
//   directory mid-walk -- is removed as a link and never followed;
// - a subdirectory is entered only if it is on the root's own mount: the same
//   st_dev and, where the platform can tell (mount_id(): Linux), the same
//   mount, so that a bind mount of the tree's own file system is recognised
//   too. The check comes before any repair of the directory's mode;
// - a directory whose mode denies us is repaired through a descriptor of its
//   own, never by name: fchmod, or for one we cannot even open for reading an
//   O_PATH descriptor and a chmod of /proc/self/fd/N (O_PATH where the system
//   headers have it, as before the one-owner redesign);
// - a level let go to bound the descriptors held is found again through
//   ".." of its child and accepted only if it is the same directory.

#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/walk_types.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/platform.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <type_traits>

namespace boost {
namespace tempfile {
namespace detail {

//! Enables an operation for the POSIX tags and the tags derived from them.
template< typename Platform >
using if_posix = typename std::enable_if< std::is_base_of< posix_platform, Platform >::value, int >::type;

constexpr int walk_open_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

//! The two file identities of POSIX: device and inode.
inline file_identity identity_of(const struct ::stat& st) noexcept
{
    file_identity id;
    id.device = static_cast< std::uint64_t >(st.st_dev);
    id.inode = static_cast< std::uint64_t >(st.st_ino);
    return id;
}

// ---- creation ------------------------------------------------------------------------------

//! What a new directory is made with: its mode (the umask applies).
struct new_dir_attributes
{
    ::mode_t mode = 0700;
};

//! Nothing to build on POSIX: the mode is an argument of mkdir.
template< typename Platform, if_posix< Platform > = 0 >
bool prepare_new_dir(Platform, new_dir_attributes& attributes, unsigned mode, int&) noexcept
{
    attributes.mode = static_cast< ::mode_t >(mode);
    return true;
}

//! Creates the directory exclusively (mkdir never reuses or follows what is there).
template< typename Platform, if_posix< Platform > = 0 >
bool make_dir(Platform, const char* path, const new_dir_attributes& attributes, int& err) noexcept
{
    if (mkdir_at(Platform{}, AT_FDCWD, path, attributes.mode) == 0)
        return true;
    err = errno;
    return false;
}

//! Removes a directory just made, whose opening failed.
template< typename Platform, if_posix< Platform > = 0 >
void remove_new_dir(Platform, const char* path) noexcept
{
    const int e = errno;
    unlink_at(Platform{}, AT_FDCWD, path, AT_REMOVEDIR);
    errno = e;
}

#if defined(O_PATH)
//! Gives the owner rwx on the directory held by the O_PATH descriptor
//! `handle` (status st) and opens it for reading: the chmod goes through
//! /proc/self/fd/N -- the inode held, whatever its name means by now -- and
//! the open through the handle itself. -1 and errno if impossible (no /proc,
//! not the owner).
template< typename Platform >
int reopen_with_owner_access(int handle, const struct ::stat& st) noexcept
{
    char proc[40];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", handle);
    if (chmod_at(Platform{}, AT_FDCWD, proc, static_cast< ::mode_t >((st.st_mode & 07777) | 0700), 0) != 0)
        return -1;
    return open_at(Platform{}, handle, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
}
#endif

//! Opens the directory `name` of dirfd although its mode denies us reading
//! it: takes an O_PATH descriptor (no permission needed, no symlink
//! followed) and repairs it as reopen_with_owner_access() does. -1 and errno
//! if that is impossible (no O_PATH, no /proc, not the owner). For a
//! directory just made; the walk checks the mount first.
template< typename Platform >
int open_locked_dir(int dirfd, const char* name) noexcept
{
#if defined(O_PATH)
    const int handle = open_at(Platform{}, dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
    if (handle < 0)
        return -1;
    struct ::stat st;
    int fd = -1;
    if (stat_fd(Platform{}, handle, &st) == 0)
        fd = reopen_with_owner_access< Platform >(handle, st);
    const int e = errno;
    close_fd(Platform{}, handle);
    errno = e;
    return fd;
#else
    (void)dirfd;
    (void)name;
    errno = EACCES;
    return -1;
#endif
}

//! Opens the directory just made, reads its identity and gives it the mode
//! asked for: `mode` exactly when `exact`, else what the umask left plus the
//! owner's rwx (a temporary directory stays usable by its owner). The
//! descriptor, or -1 with the failed step and errno; nothing is closed or
//! removed by the caller's account then, except the directory itself.
template< typename Platform, if_posix< Platform > = 0 >
int open_new_dir(Platform, const char* path, unsigned mode, bool exact, file_identity& id, new_dir_step& step,
                 int& err) noexcept
{
    step = new_dir_step::open;
    int fd = open_at(Platform{}, AT_FDCWD, path, walk_open_flags, 0);
    if (fd < 0 && errno == EACCES)
        fd = open_locked_dir< Platform >(AT_FDCWD, path); // a umask such as 0477 left us no read bit
    if (fd >= 0)
    {
        struct ::stat st;
        step = new_dir_step::status;
        if (stat_fd(Platform{}, fd, &st) == 0)
        {
            const unsigned have = static_cast< unsigned >(st.st_mode) & 07777u;
            const unsigned want = exact ? mode : (have | 0700u);
            step = new_dir_step::mode;
            if (have == want || chmod_fd(Platform{}, fd, static_cast< ::mode_t >(want)) == 0)
            {
                id = identity_of(st);
                return fd;
            }
        }
    }
    err = errno;
    if (fd >= 0)
        close_fd(Platform{}, fd);
    return -1;
}

//! Closes the owner's descriptor.
template< typename Platform, if_posix< Platform > = 0 >
void close_dir_handle(Platform, int fd) noexcept
{
    close_fd(Platform{}, fd);
}

// ---- the walk ---------------------------------------------------------------------------

template< typename Platform, if_posix< Platform > = 0 >
walk_error classify(Platform, int err) noexcept
{
    switch (err)
    {
    case ENOENT:
        return walk_error::gone;
    case ENOTEMPTY:
    case EEXIST:
        return walk_error::not_empty;
    case EACCES:
    case EPERM:
        return walk_error::denied;
    case EMFILE:
    case ENFILE:
        return walk_error::too_many_open;
    case ESTALE:
        return walk_error::stale;
    default:
        return walk_error::other;
    }
}

//! The code reported for a name that now means another directory.
template< typename Platform, if_posix< Platform > = 0 >
int stale_error(Platform) noexcept
{
    return ESTALE;
}

//! Descriptors a walk holds at most besides the root's: an ancestor whose
//! descriptor was let go is found again through ".." of its child.
template< typename Platform, if_posix< Platform > = 0 >
constexpr std::size_t walk_open_limit(Platform) noexcept
{
    return 32;
}

//! A directory of the walk. The listing (a DIR*) owns `fd`, except at the
//! root, whose descriptor is the owner's -- or the walk's own, closed apart
//! (`owns_fd`) -- and is read through a second one so that closedir cannot
//! close it. `fd` is -1 while the level is let go. The destructor closes
//! what is still held: it only acts when std::bad_alloc leaves the walk.
struct walk_dir
{
    int fd = -1;
    ::DIR* listing = nullptr;
    file_identity id;
    bool owns_fd = false; // a root the walk opened itself: closed apart from the listing

    walk_dir() noexcept = default;
    walk_dir(walk_dir&& o) noexcept : fd(o.fd), listing(o.listing), id(o.id), owns_fd(o.owns_fd)
    {
        o.fd = -1;
        o.listing = nullptr;
        o.owns_fd = false;
    }
    walk_dir& operator=(walk_dir&&) = delete;
    walk_dir(const walk_dir&) = delete;
    ~walk_dir()
    {
        if (listing)
            ::closedir(listing);
        if (fd >= 0 && owns_fd)
            ::close(fd);
    }
    bool let_go() const noexcept { return fd < 0; }
};

//! What a subdirectory must share with the root to be entered.
struct walk_tree
{
    std::uint64_t device = 0;
    std::uint64_t mount = 0;
    int mount_error = 0; // 0: mount known; ENOSYS: st_dev only; else enter nothing
};

//! Makes `root` the directory to remove: the owner's descriptor `held`, or,
//! without one (at exit), the directory opened by name -- accepted only if
//! it is the directory registered (`id`). A root that lost its read or
//! search permission is opened through an O_PATH descriptor, checked to be
//! the registered directory, and only then repaired.
template< typename Platform, if_posix< Platform > = 0 >
root_status open_root(Platform, const char* path, const file_identity& id, int held, walk_dir& root,
                      int& err) noexcept
{
    root.id = id;
    if (held >= 0)
    {
        root.fd = held;
        root.owns_fd = false;
        return root_status::ready;
    }
    int fd = open_at(Platform{}, AT_FDCWD, path, walk_open_flags, 0);
#if defined(O_PATH)
    if (fd < 0 && (errno == EACCES || errno == EPERM))
    {
        const int handle = open_at(Platform{}, AT_FDCWD, path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (handle >= 0)
        {
            struct ::stat held_st;
            if (stat_fd(Platform{}, handle, &held_st) == 0 && identity_of(held_st) == id)
                fd = reopen_with_owner_access< Platform >(handle, held_st);
            else
                errno = ESTALE;
            const int e = errno;
            close_fd(Platform{}, handle);
            errno = e;
        }
    }
#endif
    if (fd < 0)
    {
        err = errno;
        return err == ENOENT ? root_status::gone : root_status::failed;
    }
    struct ::stat st;
    if (stat_fd(Platform{}, fd, &st) != 0 || identity_of(st) != id)
    {
        err = errno == 0 || identity_of(st) != id ? ESTALE : errno;
        close_fd(Platform{}, fd);
        return root_status::failed;
    }
    root.fd = fd;
    root.owns_fd = true;
    return root_status::ready;
}

//! Removes the root itself, by name, if the name still means it (one
//! lstat, one rmdir); ESTALE if it now means something else, which is left
//! alone.
template< typename Platform, if_posix< Platform > = 0 >
bool remove_root(Platform, walk_dir&, const char* path, const file_identity& id, int& err) noexcept
{
    struct ::stat st;
    if (stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
        err = errno;
        return false;
    }
    if (identity_of(st) != id)
    {
        err = ESTALE; // replaced: not ours to remove
        return false;
    }
    if (unlink_at(Platform{}, AT_FDCWD, path, AT_REMOVEDIR) == 0)
        return true;
    err = errno;
    return false;
}

//! The mount the walk stays on: the root's.
template< typename Platform, if_posix< Platform > = 0 >
void start_walk(Platform, walk_tree& tree, const walk_dir& root) noexcept
{
    tree.device = root.id.device;
    if (mount_id(Platform{}, root.fd, &tree.mount) != 0)
        tree.mount_error = errno;
}

//! Opens the root's listing through a second descriptor.
template< typename Platform, if_posix< Platform > = 0 >
bool open_listing(Platform, walk_dir& d, int& err) noexcept
{
    if (d.listing)
        return true;
    const int fd = open_at(Platform{}, d.fd, ".", walk_open_flags, 0);
    if (fd >= 0)
        d.listing = open_dir_fd(Platform{}, fd); // takes fd, also when it fails
    if (!d.listing)
    {
        err = errno;
        return false;
    }
    return true;
}

//! The next entry of the listing ("." and ".." skipped).
template< typename Platform, if_posix< Platform > = 0 >
walk_read read_entry(Platform, walk_dir& d, const char*& name, walk_hint& hint, int& err) noexcept
{
    for (;;)
    {
        errno = 0;
        struct ::dirent* entry = read_dir(Platform{}, d.listing);
        if (!entry)
        {
            err = errno;
            return err != 0 ? walk_read::failed : walk_read::end;
        }
        name = entry->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
#if defined(DT_DIR)
        hint = entry->d_type == DT_DIR ? walk_hint::directory : walk_hint::unknown;
#else
        hint = walk_hint::unknown;
#endif
        return walk_read::entry;
    }
}

template< typename Platform, if_posix< Platform > = 0 >
void rewind_listing(Platform, walk_dir& d) noexcept
{
    if (d.listing)
        rewind_dir(Platform{}, d.listing);
}

//! Removes a non-directory entry; is_directory if it is a directory.
template< typename Platform, if_posix< Platform > = 0 >
walk_outcome remove_entry(Platform, walk_dir& parent, const char* name, walk_hint, int& err) noexcept
{
    if (unlink_at(Platform{}, parent.fd, name, 0) == 0 || errno == ENOENT)
        return walk_outcome::done;
    err = errno;
    if (err == EISDIR)
        return walk_outcome::is_directory;
    if (err == EPERM)
    {
        // POSIX lets unlink() say EPERM for a directory.
        struct ::stat st;
        if (stat_at(Platform{}, parent.fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
            return walk_outcome::is_directory;
    }
    return walk_outcome::failed;
}

//! 0 if the directory open as fd (status st; fd may be an O_PATH
//! descriptor) is on the root's own mount; EXDEV if it is a mount point;
//! another errno if that cannot be told -- then it is not entered either.
template< typename Platform >
int mount_check(const walk_tree& tree, int fd, const struct ::stat& st) noexcept
{
    if (static_cast< std::uint64_t >(st.st_dev) != tree.device)
        return EXDEV;
    if (tree.mount_error == ENOSYS)
        return 0; // the platform cannot tell mounts apart: st_dev is all there is
    if (tree.mount_error != 0)
        return tree.mount_error;
    std::uint64_t mount = 0;
    if (mount_id(Platform{}, fd, &mount) != 0)
        return errno;
    return mount == tree.mount ? 0 : EXDEV;
}

//! Opens the subdirectory `name` of dirfd that our permissions keep us
//! from reading: through an O_PATH descriptor, checked to be on the
//! root's mount before its mode is touched (a file system mounted there
//! is left as found). -1 and errno; `refused` says a mount check failed.
template< typename Platform >
int open_unreadable(const walk_tree& tree, int dirfd, const char* name, bool& refused) noexcept
{
#if defined(O_PATH)
    const int handle = open_at(Platform{}, dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
    if (handle < 0)
        return -1;
    struct ::stat st;
    int e = stat_fd(Platform{}, handle, &st) == 0 ? mount_check< Platform >(tree, handle, st) : errno;
    int fd = -1;
    if (e == 0)
    {
        fd = reopen_with_owner_access< Platform >(handle, st);
        e = errno;
    }
    else
        refused = true;
    close_fd(Platform{}, handle);
    errno = e;
    return fd;
#else
    (void)tree;
    (void)dirfd;
    (void)name;
    (void)refused;
    errno = EACCES;
    return -1;
#endif
}

//! Enters the subdirectory `name` of `parent` into `child`, unless it is a
//! mount point (mount_point, EXDEV: left as found). Not a directory any
//! more -- a symlink or file swapped in -- it is removed itself, never what
//! it points to (done). too_many_open errors leave nothing held.
template< typename Platform, if_posix< Platform > = 0 >
walk_outcome enter_dir(Platform, const walk_tree& tree, walk_dir& parent, const char* name, walk_dir& child,
                       int& err) noexcept
{
    int fd = open_at(Platform{}, parent.fd, name, walk_open_flags, 0);
    bool refused = false;
    if (fd < 0 && (errno == EACCES || errno == EPERM))
        fd = open_unreadable< Platform >(tree, parent.fd, name, refused);
    if (fd < 0)
    {
        err = errno;
        if (refused)
            return err == EXDEV ? walk_outcome::mount_point : walk_outcome::failed;
        if (err == ENOTDIR || err == ELOOP)
        {
            if (unlink_at(Platform{}, parent.fd, name, 0) == 0 || errno == ENOENT)
                return walk_outcome::done;
            err = errno;
            return walk_outcome::failed;
        }
        return err == ENOENT ? walk_outcome::done : walk_outcome::failed;
    }
    struct ::stat st;
    const int e = stat_fd(Platform{}, fd, &st) == 0 ? mount_check< Platform >(tree, fd, st) : errno;
    if (e != 0)
    {
        // EXDEV: a mount point; its contents are not ours to remove.
        close_fd(Platform{}, fd);
        err = e;
        return e == EXDEV ? walk_outcome::mount_point : walk_outcome::failed;
    }
    ::DIR* listing = open_dir_fd(Platform{}, fd);
    if (!listing)
    {
        err = errno;
        return walk_outcome::failed;
    }
    child.fd = fd;
    child.listing = listing;
    child.id = identity_of(st);
    child.owns_fd = false; // the listing owns it
    return walk_outcome::done;
}

//! Removes the emptied directory `child`, entered as `name` of `parent`.
template< typename Platform, if_posix< Platform > = 0 >
bool remove_emptied_dir(Platform, walk_dir& parent, const char* name, walk_dir&, int& err) noexcept
{
    if (unlink_at(Platform{}, parent.fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
        return true;
    err = errno;
    return false;
}

//! Gives the owner rwx on a directory, through its descriptor.
template< typename Platform, if_posix< Platform > = 0 >
bool repair_dir(Platform, walk_dir& d) noexcept
{
    struct ::stat st;
    if (stat_fd(Platform{}, d.fd, &st) != 0)
        return false;
    return chmod_fd(Platform{}, d.fd, static_cast< ::mode_t >((st.st_mode & 07777) | 0700)) == 0;
}

//! Lets go of a level's descriptor (it has a child on the walk's stack).
template< typename Platform, if_posix< Platform > = 0 >
void let_go(Platform, walk_dir& d) noexcept
{
    if (d.listing)
        close_dir(Platform{}, d.listing);
    d.listing = nullptr;
    d.fd = -1;
}

//! Re-enters the let-go `parent` through ".." of `child`, accepting it only
//! if it is the same directory as before (ESTALE otherwise).
template< typename Platform, if_posix< Platform > = 0 >
bool climb_to(Platform, walk_dir& child, walk_dir& parent, int& err) noexcept
{
    const int fd = open_at(Platform{}, child.fd, "..", walk_open_flags, 0);
    if (fd < 0)
    {
        err = errno;
        return false;
    }
    struct ::stat st;
    int e = 0;
    if (stat_fd(Platform{}, fd, &st) != 0)
        e = errno;
    else if (identity_of(st) != parent.id)
        e = ESTALE; // not the directory we came down from
    if (e != 0)
    {
        close_fd(Platform{}, fd);
        err = e;
        return false;
    }
    parent.listing = open_dir_fd(Platform{}, fd);
    if (!parent.listing)
    {
        err = errno;
        return false;
    }
    parent.fd = fd;
    return true;
}

//! Closes what the walk holds of a level (the owner's descriptor stays
//! open). False with err if the close failed: the descriptor is gone
//! either way, but EIO is worth telling; EINTR on Linux means it was closed.
template< typename Platform, if_posix< Platform > = 0 >
bool close_walk_dir(Platform, walk_dir& d, int& err) noexcept
{
    int rc = 0;
    if (d.listing)
        rc = close_dir(Platform{}, d.listing);
    if (rc == 0 && d.fd >= 0 && d.owns_fd)
        rc = close_fd(Platform{}, d.fd);
    else if (d.fd >= 0 && d.owns_fd)
    {
        const int e = errno;
        close_fd(Platform{}, d.fd);
        errno = e;
    }
    d.listing = nullptr;
    d.fd = -1;
    d.owns_fd = false;
    if (rc != 0 && errno != EINTR)
    {
        err = errno;
        return false;
    }
    return true;
}

// ---- reports ------------------------------------------------------------------------------

//! Writes a path to a C stream as it is (the system's narrow characters).
inline void put_path(std::FILE* out, const char* path) noexcept
{
    std::fputs(path, out);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
