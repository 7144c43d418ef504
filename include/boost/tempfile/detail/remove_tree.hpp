// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_REMOVE_TREE_HPP
#define BOOST_TEMPFILE_DETAIL_REMOVE_TREE_HPP
#pragma once

// Removes a directory tree by descriptor, never by path:
// - every entry is reached through the descriptor of the directory holding
//   it, and a directory is entered with O_NOFOLLOW|O_DIRECTORY, so a symlink
//   -- also one swapped in for a directory mid-walk -- is removed as a link
//   and never followed out of the tree;
// - a mount point is not entered, and not changed: a directory is entered
//   only if it is on the root's own mount -- the same st_dev and, where the
//   platform can tell (mount_id(): Linux), the same mount, so that a bind
//   mount of the tree's own file system is recognised too. The check comes
//   before any repair of the directory's mode. The mount point is reported
//   (removal_result::mount_point) and the rest of the tree still removed;
// - directories made unwritable or unsearchable inside the tree, and the
//   root itself, are repaired through a descriptor of their own (never a
//   chmod by name);
// - the walk is iterative and holds at most max_open_levels descriptors: an
//   ancestor whose descriptor was let go is found again through ".." of its
//   child and accepted only if it is the same directory (device, inode);
// - the first error is kept with its path; the walk goes on removing all it
//   can, and entries that failed are not tried again in the same walk;
// - std::bad_alloc (the only exception) leaves no descriptor open: whatever
//   allocates is done before a descriptor is taken, and the levels held are
//   closed by the destructor.
// Paths are built only to report an error.

#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! The first error of a removal and where it happened.
struct removal_result
{
    system::error_code error;
    filesystem::path where;
    //! The error is a mount point inside the tree (`where`), not entered
    //! and left as it was; `error` is EXDEV.
    bool mount_point = false;
};

//! Descriptors a walk holds at most (besides the root's, which the caller owns).
constexpr std::size_t max_open_levels = 32;

//! Times a directory is listed again when its removal says ENOTEMPTY: a pass
//! can miss entries created meanwhile, or moved by the deletions themselves.
constexpr int removal_passes = 3;

constexpr int walk_open_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

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
//! directory just made; the walk below checks the mount first.
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

template< typename Platform >
class tree_remover
{
public:
    tree_remover(int root_fd, filesystem::path root, ::dev_t device, ::ino_t inode)
        : root_path_(std::move(root)), device_(device)
    {
        level top;
        top.fd = root_fd;
        top.device = device;
        top.inode = inode;
        stack_.push_back(std::move(top));
        if (mount_id(Platform{}, root_fd, &root_mount_) != 0)
            root_mount_error_ = errno;
    }

    tree_remover(const tree_remover&) = delete;
    tree_remover& operator=(const tree_remover&) = delete;

    ~tree_remover() { close_all(); }

    //! Empties the tree, then calls remove_self() (0, or -1 and errno) to
    //! remove the root itself.
    template< typename RemoveSelf >
    removal_result run(RemoveSelf remove_self)
    {
        while (!stack_.empty())
        {
            if (!ensure_listing())
            {
                finish_level(remove_self);
                continue;
            }
            level& current = stack_.back();
            errno = 0;
            struct ::dirent* entry = read_dir(Platform{}, current.listing);
            if (!entry)
            {
                if (errno != 0)
                    note(errno, stack_.size(), nullptr);
                finish_level(remove_self);
                continue;
            }
            const char* name = entry->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                continue;
            if (current.gave_up(name))
                continue;
#if defined(DT_DIR)
            const bool known_dir = entry->d_type == DT_DIR;
#else
            const bool known_dir = false;
#endif
            if (known_dir || !unlink_entry(name))
                descend(name);
        }
        return std::move(result_);
    }

private:
    struct level
    {
        int fd = -1;                  // -1 while let go (see make_room)
        ::DIR* listing = nullptr;     // owns fd, except at the root
        ::dev_t device = 0;
        ::ino_t inode = 0;
        std::string name;             // in the parent; empty at the root
        int passes = 0;
        bool repaired = false;        // mode already widened once
        std::vector< std::string > failed;

        bool gave_up(const char* n) const { return !failed.empty() && std::find(failed.begin(), failed.end(), n) != failed.end(); }
    };

    bool is_root(const level& l) const noexcept { return &l == &stack_.front(); }

    //! Path of the directory at depth `depth` (1 = root), plus leaf.
    filesystem::path path_at(std::size_t depth, const char* leaf) const
    {
        filesystem::path p = root_path_;
        for (std::size_t i = 1; i < depth && i < stack_.size(); ++i)
            p /= stack_[i].name;
        if (leaf)
            p /= leaf;
        return p;
    }

    void note(int e, std::size_t depth, const char* leaf, bool mount_point = false) noexcept
    {
        if (result_.error)
            return;
        result_.error = system::error_code(e, system::system_category());
        result_.mount_point = mount_point;
        BOOST_TRY
        {
            result_.where = path_at(depth, leaf);
        }
        BOOST_CATCH(...)
        {
        }
        BOOST_CATCH_END
    }

    void give_up(level& l, const char* name, int e, bool mount_point = false)
    {
        note(e, static_cast< std::size_t >(&l - &stack_.front()) + 1, name, mount_point);
        l.failed.emplace_back(name);
    }

    //! 0 if the directory open as fd (status st; fd may be an O_PATH
    //! descriptor) is on the root's own mount; EXDEV if it is a mount point;
    //! another errno if that cannot be told -- then it is not entered either.
    int mount_check(int fd, const struct ::stat& st) const noexcept
    {
        if (st.st_dev != device_)
            return EXDEV;
        if (root_mount_error_ == ENOSYS)
            return 0; // the platform cannot tell mounts apart: st_dev is all there is
        if (root_mount_error_ != 0)
            return root_mount_error_;
        std::uint64_t mount = 0;
        if (mount_id(Platform{}, fd, &mount) != 0)
            return errno;
        return mount == root_mount_ ? 0 : EXDEV;
    }

    //! The current level has a listing to read; false if it cannot (noted).
    bool ensure_listing()
    {
        level& l = stack_.back();
        if (l.listing)
            return true;
        // The root's descriptor is the caller's; read it through a second one
        // so that closedir() cannot close it. A root that lost its read or
        // search permission is repaired through the caller's descriptor.
        int fd = l.fd;
        if (is_root(l))
        {
            fd = open_at(Platform{}, l.fd, ".", walk_open_flags, 0);
            if (fd < 0 && (errno == EACCES || errno == EPERM) && repair(l))
                fd = open_at(Platform{}, l.fd, ".", walk_open_flags, 0);
        }
        if (fd >= 0)
            l.listing = open_dir_fd(Platform{}, fd);
        if (!l.listing)
        {
            note(errno, stack_.size(), nullptr);
            if (!is_root(l))
                l.fd = -1; // open_dir_fd closed it
            return false;
        }
        return true;
    }

    //! Removes a non-directory entry. False if it turned out to be a directory.
    bool unlink_entry(const char* name)
    {
        level& l = stack_.back();
        for (;;)
        {
            if (unlink_at(Platform{}, l.fd, name, 0) == 0 || errno == ENOENT)
                return true;
            const int e = errno;
            if (e == EISDIR)
                return false;
            if (e == EPERM)
            {
                // POSIX lets unlink() say EPERM for a directory.
                struct ::stat st;
                if (stat_at(Platform{}, l.fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
                    return false;
            }
            if ((e == EACCES || e == EPERM) && repair(l))
                continue;
            give_up(l, name, e);
            return true;
        }
    }

    //! Gives the owner rwx on a level's directory, once, through its descriptor.
    bool repair(level& l)
    {
        if (l.repaired)
            return false;
        l.repaired = true;
        struct ::stat st;
        if (stat_fd(Platform{}, l.fd, &st) != 0)
            return false;
        return chmod_fd(Platform{}, l.fd, static_cast< ::mode_t >((st.st_mode & 07777) | 0700)) == 0;
    }

    //! Opens the subdirectory `name` of dirfd that our permissions keep us
    //! from reading: through an O_PATH descriptor, checked to be on the
    //! root's mount before its mode is touched (a file system mounted there
    //! is left as found). -1 and errno; `refused` says a mount check failed.
    int open_unreadable(int dirfd, const char* name, bool& refused) const noexcept
    {
#if defined(O_PATH)
        const int handle = open_at(Platform{}, dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (handle < 0)
            return -1;
        struct ::stat st;
        int e = stat_fd(Platform{}, handle, &st) == 0 ? mount_check(handle, st) : errno;
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
        (void)dirfd;
        (void)name;
        (void)refused;
        errno = EACCES;
        return -1;
#endif
    }

    //! Enters the directory `name` of the current level, unless it is a
    //! mount point: that is left as found and reported.
    void descend(const char* name)
    {
        // What allocates comes before a descriptor is taken: std::bad_alloc
        // thrown here leaks nothing, and the push_back below cannot throw.
        std::string child_name(name);
        stack_.reserve(stack_.size() + 1);
        level& parent = stack_.back();
        int fd = open_at(Platform{}, parent.fd, name, walk_open_flags, 0);
        if (fd < 0 && (errno == EMFILE || errno == ENFILE) && make_room(true))
            fd = open_at(Platform{}, parent.fd, name, walk_open_flags, 0);
        bool refused = false;
        if (fd < 0 && (errno == EACCES || errno == EPERM))
            fd = open_unreadable(parent.fd, name, refused);
        if (fd < 0)
        {
            const int e = errno;
            if (refused)
                give_up(parent, name, e, e == EXDEV);
            else if (e == ENOTDIR || e == ELOOP)
            {
                // Not a directory any more (a symlink or file swapped in):
                // remove the entry itself, never what it points to.
                if (unlink_at(Platform{}, parent.fd, name, 0) != 0 && errno != ENOENT)
                    give_up(parent, name, errno);
            }
            else if (e != ENOENT)
                give_up(parent, name, e);
            return;
        }
        struct ::stat st;
        const int e = stat_fd(Platform{}, fd, &st) == 0 ? mount_check(fd, st) : errno;
        if (e != 0)
        {
            // EXDEV: a mount point; its contents are not ours to remove.
            close_fd(Platform{}, fd);
            give_up(parent, name, e, e == EXDEV);
            return;
        }
        ::DIR* listing = open_dir_fd(Platform{}, fd);
        if (!listing)
        {
            give_up(parent, name, errno);
            return;
        }
        make_room(false);
        level child;
        child.fd = fd;
        child.listing = listing;
        child.device = st.st_dev;
        child.inode = st.st_ino;
        child.name = std::move(child_name);
        stack_.push_back(std::move(child)); // `parent` is invalid from here
    }

    //! Lets go of the oldest held descriptors so that at most
    //! max_open_levels remain (all but one when `urgent`). True if any went.
    bool make_room(bool urgent)
    {
        std::size_t open = 0;
        for (std::size_t i = 1; i < stack_.size(); ++i)
            open += stack_[i].fd >= 0;
        const std::size_t keep = urgent ? 1 : max_open_levels - 1;
        bool freed = false;
        // Only levels that have a child on the stack: they are re-entered
        // through that child's "..".
        for (std::size_t i = 1; i + 1 < stack_.size() && open > keep; ++i)
        {
            level& l = stack_[i];
            if (l.fd < 0)
                continue;
            close_dir(Platform{}, l.listing);
            l.listing = nullptr;
            l.fd = -1;
            --open;
            freed = true;
        }
        return freed;
    }

    //! Re-enters the let-go parent of the current level through "..",
    //! accepting it only if it is the same directory as before.
    bool reopen_parent()
    {
        level& child = stack_.back();
        level& parent = stack_[stack_.size() - 2];
        int fd = open_at(Platform{}, child.fd, "..", walk_open_flags, 0);
        if (fd < 0 && (errno == EMFILE || errno == ENFILE) && make_room(true))
            fd = open_at(Platform{}, child.fd, "..", walk_open_flags, 0);
        if (fd < 0)
            return false;
        struct ::stat st;
        int e = 0;
        if (stat_fd(Platform{}, fd, &st) != 0)
            e = errno;
        else if (st.st_dev != parent.device || st.st_ino != parent.inode)
            e = ESTALE; // not the directory we came down from
        if (e != 0)
        {
            close_fd(Platform{}, fd);
            errno = e;
            return false;
        }
        parent.listing = open_dir_fd(Platform{}, fd);
        if (!parent.listing)
            return false;
        parent.fd = fd;
        return true;
    }

    //! The current level's listing is exhausted: remove its directory, list
    //! it again if that says ENOTEMPTY, or give up on it.
    template< typename RemoveSelf >
    void finish_level(RemoveSelf& remove_self)
    {
        level& l = stack_.back();
        if (is_root(l))
        {
            if (remove_self() == 0 || errno == ENOENT)
                return pop();
            const int e = errno;
            if ((e == ENOTEMPTY || e == EEXIST) && ++l.passes < removal_passes && l.listing)
                return rewind_dir(Platform{}, l.listing);
            note(e, 1, nullptr);
            return pop();
        }
        if (stack_[stack_.size() - 2].fd < 0 && !reopen_parent())
        {
            // The way back up is gone (the tree was moved meanwhile): stop
            // rather than remove anything by a name we cannot trust.
            note(errno, stack_.size() - 1, nullptr);
            close_all();
            stack_.clear();
            return;
        }
        level& parent = stack_[stack_.size() - 2];
        if (unlink_at(Platform{}, parent.fd, l.name.c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT)
            return pop();
        const int e = errno;
        if ((e == ENOTEMPTY || e == EEXIST) && ++l.passes < removal_passes && l.listing)
            return rewind_dir(Platform{}, l.listing);
        if ((e == EACCES || e == EPERM) && repair(parent))
            return; // listing is at its end: the next round retries the removal
        std::string name = std::move(l.name);
        pop();
        give_up(stack_.back(), name.c_str(), e);
    }

    void pop() noexcept
    {
        level& l = stack_.back();
        close_level(l);
        stack_.pop_back();
    }

    void close_level(level& l) noexcept
    {
        int rc = 0;
        if (l.listing)
            rc = close_dir(Platform{}, l.listing);
        else if (l.fd >= 0 && !is_root(l))
            rc = close_fd(Platform{}, l.fd);
        // The descriptor is gone either way; a failed close (EIO) is still
        // worth telling. EINTR on Linux means it was closed.
        if (rc != 0 && errno != EINTR)
            note(errno, static_cast< std::size_t >(&l - &stack_.front()) + 1, nullptr);
        l.listing = nullptr;
        l.fd = -1;
    }

    void close_all() noexcept
    {
        for (level& l : stack_)
            close_level(l);
    }

    filesystem::path root_path_;
    ::dev_t device_;
    std::uint64_t root_mount_ = 0;
    int root_mount_error_ = 0; // 0: root_mount_ known; ENOSYS: st_dev only; else enter nothing
    std::vector< level > stack_;
    removal_result result_;
};

//! Removes the directory open as fd (path `root`, identity device/inode),
//! contents first; remove_self() removes the emptied directory itself (the
//! caller checks first that the name still means this directory).
template< typename Platform, typename RemoveSelf >
removal_result remove_tree(int fd, const filesystem::path& root, ::dev_t device, ::ino_t inode,
                           RemoveSelf remove_self)
{
    tree_remover< Platform > remover(fd, root, device, inode);
    return remover.run(remove_self);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
