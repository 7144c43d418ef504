// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_DIR_HPP
#define BOOST_TEMPFILE_TEMP_DIR_HPP
#pragma once

// A temporary directory (Python's TemporaryDirectory): created exclusively,
// 0700, with an absolute path. The owner holds the directory open for its
// whole life and remembers its identity (device, inode): removal walks the
// contents by descriptor and never follows a symlink nor enters a mount
// point (reported as EXDEV, left in place), repairs modes -- the root's
// through the descriptor held -- and removes the name itself only if it
// still means the directory that was made (detail/remove_tree.hpp). A
// removal that fails keeps the directory owned: a later remove() or the
// destructor tries again. A process forked from the creator closes its
// copy's descriptor and removes nothing.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
// The same class over a directory HANDLE: see the Windows header.
#include <boost/tempfile/detail/windows/temp_dir.hpp>
#else

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/detail/remove_tree.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <string>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

//! The new directory's descriptor, identity and repaired mode. On failure the
//! directory is removed again, the error reported, and -1 returned.
template< typename Permissions, typename Platform >
int open_new_dir(const std::string& full, struct ::stat& st, const char* who, system::error_code* ec)
{
    const char* step = "cannot open the new directory";
    int fd = open_at(Platform{}, AT_FDCWD, full.c_str(), walk_open_flags, 0);
    if (fd < 0 && errno == EACCES)
        fd = open_locked_dir< Platform >(AT_FDCWD, full.c_str()); // a umask such as 0477 left us no read bit
    if (fd >= 0)
    {
        step = "cannot read the new directory's status";
        if (stat_fd(Platform{}, fd, &st) == 0)
        {
            // The umask may have taken owner bits; a temp dir stays usable by its owner.
            const mode_type have = static_cast< mode_type >(st.st_mode) & 07777u;
            const mode_type want = Permissions::exact ? Permissions::dir_mode : (have | 0700u);
            step = "cannot set the new directory's mode";
            if (have == want || chmod_fd(Platform{}, fd, static_cast< ::mode_t >(want)) == 0)
            {
                st.st_mode = (st.st_mode & ~static_cast< ::mode_t >(07777)) | static_cast< ::mode_t >(want);
                return fd;
            }
        }
    }
    const int e = errno;
    if (fd >= 0)
        close_fd(Platform{}, fd);
    unlink_at(Platform{}, AT_FDCWD, full.c_str(), AT_REMOVEDIR);
    // Like every creation error, it names the directory created in first;
    // the new directory (already removed again) comes second.
    filesystem::path made(full);
    report(errno_code(e), std::string(who) + ": " + step, made.parent_path(), made, ec);
    return -1;
}

} // namespace detail

template< typename Cleanup = recursive_remove, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_temp_dir : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_dir_cleanup< Cleanup >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_permissions< Permissions >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::temp_dir";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Creates a directory in temp_directory_path(). Throws filesystem_error.
    basic_temp_dir() : basic_temp_dir(detail::default_options()) {}

    //! Creates a directory as `opts` says. Throws filesystem_error naming the
    //! parent directory (or, for a bad prefix/suffix, the offending text).
    explicit basic_temp_dir(const options& opts) { create(opts, nullptr); }

    //! As above; on failure sets ec and leaves the object empty.
    basic_temp_dir(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_temp_dir(system::error_code& ec) { create(detail::default_options(), &ec); }

    basic_temp_dir(basic_temp_dir&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), fd_(other.fd_), device_(other.device_), inode_(other.inode_),
          owns_(other.owns_), generation_(other.generation_), retry_removal_(other.retry_removal_)
    {
        other.forget();
    }

    basic_temp_dir& operator=(basic_temp_dir&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            fd_ = other.fd_;
            device_ = other.device_;
            inode_ = other.inode_;
            owns_ = other.owns_;
            generation_ = other.generation_;
            retry_removal_ = other.retry_removal_;
            other.forget();
        }
        return *this;
    }

    basic_temp_dir(const basic_temp_dir&) = delete;
    basic_temp_dir& operator=(const basic_temp_dir&) = delete;

    //! Removes the directory as the policy says (in the creating process
    //! only) and closes its descriptor. Never throws.
    ~basic_temp_dir() { dispose(); }

    //! Absolute path of the directory; empty if creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! The directory's descriptor (for openat() and friends); -1 if none.
    native_handle_type native_handle() const noexcept { return fd_; }

    //! Whether this object will still remove the directory (policy allowing).
    bool owns_directory() const noexcept { return owns_; }

    //! Removes the directory now -- with its contents if the policy is
    //! recursive, else only if empty -- and reports the first error met
    //! (with the path where it happened) after removing all it could. A
    //! directory already removed by someone else is not an error; one whose
    //! name now means another directory is left alone and reported.
    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    //! From now on the directory is never removed by this object.
    void keep() noexcept { disown(); }

    //! Gives up the directory: closes the descriptor and returns the path,
    //! now the caller's to remove. The object is left empty.
    filesystem::path release() noexcept
    {
        disown();
        filesystem::path p = std::move(path_);
        close_descriptor();
        forget();
        return p;
    }

    Cleanup& cleanup() noexcept { return boost::empty_value< Cleanup >::get(); }
    const Cleanup& cleanup() const noexcept { return boost::empty_value< Cleanup >::get(); }

    void swap(basic_temp_dir& other) noexcept
    {
        basic_temp_dir tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    void create(const options& opts, system::error_code* ec)
    {
        filesystem::path storage;
        const filesystem::path& dir = detail::creation_dir(opts, storage, ec);
        if (dir.empty())
            return;
        std::string full;
        // Held until on_create has registered the new directory (delete_at_exit).
        const typename detail::creation_scope_of< Cleanup >::type scope{};
        (void)scope;
        const int made = detail::create_unique< Naming >(
            opts, dir,
            [](const char* p) noexcept {
                return mkdir_at(Platform{}, AT_FDCWD, p, static_cast< ::mode_t >(Permissions::dir_mode));
            },
            full, who, "a directory", ec);
        if (made < 0)
            return;
        struct ::stat st;
        const int fd = detail::open_new_dir< Permissions, Platform >(full, st, who, ec);
        if (fd < 0)
            return;
        fd_ = fd;
        device_ = st.st_dev;
        inode_ = st.st_ino;
        path_ = filesystem::path(std::move(full));
        owns_ = true;
        generation_ = detail::fork_generation();
        detail::notify_create(cleanup(), path_, entry_kind::directory);
    }

    //! This object stops being responsible for the directory.
    void disown() noexcept
    {
        if (!owns_)
            return;
        owns_ = false;
        detail::notify_release(cleanup(), path_, entry_kind::directory);
    }

    //! Removes the name if it still means our directory: 0, or -1 and errno.
    int remove_own_name() const noexcept
    {
        struct ::stat st;
        if (stat_at(Platform{}, AT_FDCWD, path_.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return -1;
        if (st.st_dev != device_ || st.st_ino != inode_)
        {
            errno = ESTALE; // replaced: not ours to remove
            return -1;
        }
        return unlink_at(Platform{}, AT_FDCWD, path_.c_str(), AT_REMOVEDIR);
    }

    detail::removal_result remove_now()
    {
        // One rmdir removes the common empty directory; only a full one is walked.
        if (remove_own_name() == 0 || errno == ENOENT)
            return {};
        const int e = errno;
        // ESTALE: the name was replaced; the tree we made is still emptied through
        // our descriptor, and the stranger's entry is left alone.
        if (Cleanup::recursive && (e == ENOTEMPTY || e == EEXIST || e == ESTALE))
            return detail::remove_tree< Platform >(fd_, path_, device_, inode_,
                                                   [this]() noexcept { return remove_own_name(); });
        return {detail::errno_code(e), path_};
    }

    //! A removal that fails keeps the directory owned, and its descriptor
    //! open: a later remove() or the destructor tries again.
    void remove_impl(system::error_code* ec)
    {
        detail::removal_result result;
        if (owns_)
        {
            result = remove_now();
            retry_removal_ = static_cast< bool >(result.error);
            if (!result.error)
                disown();
        }
        if (!owns_)
            close_descriptor();
        if (result.error)
        {
            const char* why = result.mount_point
                                  ? "::remove: a mount point inside the directory (another file system, or a bind "
                                    "mount) was not entered; it and what is mounted there are left in place"
                              : result.error == detail::errno_code(ESTALE)
                                  ? "::remove: the name no longer refers to the directory created; left in place"
                                  : "::remove: the directory is still owned: a later remove() or the destructor "
                                    "tries again";
            detail::report(result.error, std::string(who) + why, result.where, ec);
        }
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        if (owns_ && generation_ == detail::fork_generation())
        {
            if (cleanup().remove_on_destroy() || retry_removal_)
            {
                BOOST_TRY
                {
                    remove_now();
                }
                BOOST_CATCH(...)
                {
                }
                BOOST_CATCH_END
            }
            else
                detail::notify_keep(cleanup(), path_, entry_kind::directory);
        }
        disown();
        close_descriptor();
    }

    void close_descriptor() noexcept
    {
        if (fd_ >= 0)
            close_fd(Platform{}, fd_);
        fd_ = -1;
    }

    void forget() noexcept
    {
        fd_ = -1;
        owns_ = false;
        retry_removal_ = false;
        path_.clear();
    }

    filesystem::path path_;
    int fd_ = -1;
    ::dev_t device_ = 0;
    ::ino_t inode_ = 0;
    bool owns_ = false;
    unsigned generation_ = 0;
    bool retry_removal_ = false; // remove() failed: the destructor tries again
};

} // namespace tempfile
} // namespace boost

#endif // BOOST_TEMPFILE_WINDOWS

namespace boost {
namespace tempfile {

template< typename C, typename N, typename P, typename Pl >
void swap(basic_temp_dir< C, N, P, Pl >& a, basic_temp_dir< C, N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: a 0700 directory in temp_directory_path(), removed with
//! its contents (or as Cleanup says).
template< typename Cleanup = recursive_remove >
using temp_dir = basic_temp_dir< Cleanup >;

} // namespace tempfile
} // namespace boost

#endif
