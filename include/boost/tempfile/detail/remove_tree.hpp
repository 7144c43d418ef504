#ifndef BOOST_TEMPFILE_DETAIL_REMOVE_TREE_HPP
#define BOOST_TEMPFILE_DETAIL_REMOVE_TREE_HPP
#pragma once

// Removes what a directory holds, walking by descriptor: every entry is
// reached through the descriptor of the directory that holds it, and a
// directory is entered with O_NOFOLLOW|O_DIRECTORY, so a symlink -- also one
// swapped in for a directory during the walk -- is removed as a link and
// never followed out of the tree. Paths are built only to report an error.

#include <boost/tempfile/detail/posix/sys.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstring>

namespace boost {
namespace tempfile {
namespace detail {

//! The first error of a removal and where it happened.
struct removal_result
{
    system::error_code error;
    filesystem::path where;
};

//! A directory on the walk's current branch, for building paths lazily.
struct walk_frame
{
    const walk_frame* parent;
    const filesystem::path* root; // set on the top frame only
    const char* name;
};

inline filesystem::path frame_path(const walk_frame& f)
{
    return f.parent ? frame_path(*f.parent) / f.name : *f.root;
}

inline void note_failure(removal_result& r, int e, const walk_frame& where, const char* leaf) noexcept
{
    if (r.error)
        return;
    r.error = system::error_code(e, system::system_category());
    try
    {
        r.where = frame_path(where);
        if (leaf)
            r.where /= leaf;
    }
    catch (...)
    {
    }
}

//! Passes over one directory before giving up on it: a pass can miss
//! entries created meanwhile, or (on some file systems) entries moved by the
//! deletions themselves; the directory's own removal says ENOTEMPTY then.
constexpr int removal_passes = 3;

template< typename Platform >
void remove_entries(int dirfd, const walk_frame& here, removal_result& result);

//! Empties the directory open as fd, then calls remove_self() (0, or -1 and
//! errno), passing again over the directory while it says ENOTEMPTY.
template< typename Platform, typename RemoveSelf >
void empty_and_remove(int fd, const walk_frame& here, const walk_frame& parent, const char* name,
                      RemoveSelf remove_self, removal_result& result)
{
    for (int pass = 1;; ++pass)
    {
        remove_entries< Platform >(fd, here, result);
        if (remove_self() == 0 || errno == ENOENT)
            return;
        const int e = errno;
        if ((e != ENOTEMPTY && e != EEXIST) || pass == removal_passes)
        {
            note_failure(result, e, parent, name);
            return;
        }
    }
}

//! Removes the directory `name` (an entry of dirfd) and everything in it.
template< typename Platform >
void remove_subtree(int dirfd, const char* name, const walk_frame& here, removal_result& result)
{
    const int fd = open_at(Platform{}, dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
    if (fd < 0)
    {
        const int e = errno;
        if (e == ENOTDIR || e == ELOOP)
        {
            // Not a directory any more (a symlink or file swapped in): remove
            // the entry itself, never what it points to.
            if (unlink_at(Platform{}, dirfd, name, 0) != 0 && errno != ENOENT)
                note_failure(result, errno, here, name);
        }
        else if (e != ENOENT)
            note_failure(result, e, here, name);
        return;
    }
    const walk_frame child{&here, nullptr, name};
    empty_and_remove< Platform >(
        fd, child, here, name, [&]() noexcept { return unlink_at(Platform{}, dirfd, name, AT_REMOVEDIR); }, result);
    close_fd(Platform{}, fd);
}

//! One pass over the entries of dirfd, removing each.
template< typename Platform >
void remove_entries(int dirfd, const walk_frame& here, removal_result& result)
{
    // A second descriptor for reading, so that the caller's keeps its own
    // offset and fdopendir cannot take ownership of it.
    const int listfd = open_at(Platform{}, dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (listfd < 0)
    {
        note_failure(result, errno, here, nullptr);
        return;
    }
    ::DIR* listing = open_dir_fd(Platform{}, listfd);
    if (!listing)
    {
        note_failure(result, errno, here, nullptr);
        return;
    }
    for (;;)
    {
        errno = 0;
        struct ::dirent* entry = read_dir(Platform{}, listing);
        if (!entry)
        {
            if (errno != 0)
                note_failure(result, errno, here, nullptr);
            break;
        }
        const char* name = entry->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
            continue;
#if defined(DT_DIR)
        if (entry->d_type == DT_DIR)
        {
            remove_subtree< Platform >(dirfd, name, here, result);
            continue;
        }
#endif
        if (unlink_at(Platform{}, dirfd, name, 0) == 0)
            continue;
        const int e = errno;
        if (e == EISDIR || e == EPERM) // Linux says EISDIR for a directory, POSIX allows EPERM
            remove_subtree< Platform >(dirfd, name, here, result);
        else if (e != ENOENT)
            note_failure(result, e, here, name);
    }
    close_dir(Platform{}, listing);
}

//! Removes the directory open as fd whose path is `root`, contents first;
//! remove_self() removes the emptied directory itself (the caller checks
//! first that the name still means this directory).
template< typename Platform, typename RemoveSelf >
removal_result remove_tree(int fd, const filesystem::path& root, RemoveSelf remove_self)
{
    removal_result result;
    const walk_frame top{nullptr, &root, nullptr};
    empty_and_remove< Platform >(fd, top, top, nullptr, remove_self, result);
    return result;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
