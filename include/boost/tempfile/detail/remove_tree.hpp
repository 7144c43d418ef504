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
// - a directory on another file system (a mount point) is not entered;
// - directories made unwritable or unsearchable inside the tree are repaired
//   through a descriptor of their own (never a chmod by name);
// - the walk is iterative and holds at most max_open_levels descriptors: an
//   ancestor whose descriptor was let go is found again through ".." of its
//   child and accepted only if it is the same directory (device, inode);
// - the first error is kept with its path; the walk goes on removing all it
//   can, and entries that failed are not tried again in the same walk.
// Paths are built only to report an error.

#include <boost/tempfile/detail/posix/sys.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <algorithm>
#include <cerrno>
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
};

//! Descriptors a walk holds at most (besides the root's, which the caller owns).
constexpr std::size_t max_open_levels = 32;

//! Times a directory is listed again when its removal says ENOTEMPTY: a pass
//! can miss entries created meanwhile, or moved by the deletions themselves.
constexpr int removal_passes = 3;

constexpr int walk_open_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

//! Opens the directory `name` of dirfd although its mode denies us reading
//! it: takes an O_PATH descriptor (no permission needed, no symlink
//! followed), gives the owner rwx through /proc/self/fd/N -- the inode held,
//! whatever the name means by now -- and opens it for reading the same way.
//! -1 and errno if that is impossible (no O_PATH, no /proc, not the owner).
template< typename Platform >
int open_locked_dir(int dirfd, const char* name) noexcept
{
#if defined(O_PATH)
    const int handle = open_at(Platform{}, dirfd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
    if (handle < 0)
        return -1;
    char proc[40];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", handle);
    struct ::stat st;
    int fd = -1;
    if (stat_fd(Platform{}, handle, &st) == 0 &&
        chmod_at(Platform{}, AT_FDCWD, proc, static_cast< ::mode_t >((st.st_mode & 07777) | 0700), 0) == 0)
        fd = open_at(Platform{}, AT_FDCWD, proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
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

    void note(int e, std::size_t depth, const char* leaf) noexcept
    {
        if (result_.error)
            return;
        result_.error = system::error_code(e, system::system_category());
        BOOST_TRY
        {
            result_.where = path_at(depth, leaf);
        }
        BOOST_CATCH(...)
        {
        }
        BOOST_CATCH_END
    }

    void give_up(level& l, const char* name, int e)
    {
        note(e, static_cast< std::size_t >(&l - &stack_.front()) + 1, name);
        l.failed.emplace_back(name);
    }

    //! The current level has a listing to read; false if it cannot (noted).
    bool ensure_listing()
    {
        level& l = stack_.back();
        if (l.listing)
            return true;
        // The root's descriptor is the caller's; read it through a second one
        // so that closedir() cannot close it.
        const int fd = is_root(l) ? open_at(Platform{}, l.fd, ".", walk_open_flags, 0) : l.fd;
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

    //! Enters the directory `name` of the current level.
    void descend(const char* name)
    {
        level& parent = stack_.back();
        int fd = open_at(Platform{}, parent.fd, name, walk_open_flags, 0);
        if (fd < 0 && (errno == EMFILE || errno == ENFILE) && make_room(true))
            fd = open_at(Platform{}, parent.fd, name, walk_open_flags, 0);
        if (fd < 0 && errno == EACCES)
            fd = open_locked_dir< Platform >(parent.fd, name);
        if (fd < 0)
        {
            const int e = errno;
            if (e == ENOTDIR || e == ELOOP)
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
        if (stat_fd(Platform{}, fd, &st) != 0)
        {
            const int e = errno;
            close_fd(Platform{}, fd);
            give_up(parent, name, e);
            return;
        }
        if (st.st_dev != device_)
        {
            // A mount point: its contents are not ours to remove.
            close_fd(Platform{}, fd);
            give_up(parent, name, EXDEV);
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
        child.name = name;
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
        const int fd = open_at(Platform{}, child.fd, "..", walk_open_flags, 0);
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
        const std::string name = l.name;
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
