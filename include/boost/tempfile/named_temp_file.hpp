// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#pragma once

// A temporary file with a visible name (Python's NamedTemporaryFile): created
// exclusively, 0600, with an absolute path; the cleanup policy says whether
// close() and the end of the owner's life remove the name. Move-only. A
// process forked from the creator closes its copy's descriptor but never
// removes the name: only the creating process does.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
// The same class over a HANDLE: see the Windows header.
#include <boost/tempfile/detail/windows/named_temp_file.hpp>
#else

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/detail/rename.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <iostream>
#include <memory>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_named_temp_file : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_file_cleanup< Cleanup >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_permissions< Permissions >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::named_temp_file";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Creates a file in temp_directory_path(). Throws filesystem_error.
    basic_named_temp_file() : basic_named_temp_file(detail::default_options()) {}

    //! Creates a file as `opts` says. Throws filesystem_error naming the
    //! directory (or, for a bad prefix/suffix, the offending text).
    explicit basic_named_temp_file(const options& opts) { create(opts, nullptr); }

    //! As above; on failure sets ec and leaves the object empty (path() is
    //! empty, is_open() false).
    basic_named_temp_file(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_named_temp_file(system::error_code& ec) { create(detail::default_options(), &ec); }

    basic_named_temp_file(basic_named_temp_file&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), file_(std::move(other.file_)), owns_name_(other.owns_name_),
          generation_(other.generation_), identity_known_(other.identity_known_), device_(other.device_),
          inode_(other.inode_)
    {
        other.forget();
    }

    basic_named_temp_file& operator=(basic_named_temp_file&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            file_ = std::move(other.file_);
            owns_name_ = other.owns_name_;
            generation_ = other.generation_;
            identity_known_ = other.identity_known_;
            device_ = other.device_;
            inode_ = other.inode_;
            other.forget();
        }
        return *this;
    }

    basic_named_temp_file(const basic_named_temp_file&) = delete;
    basic_named_temp_file& operator=(const basic_named_temp_file&) = delete;

    //! Flushes the stream, closes, and removes the name if the policy says so
    //! (in the creating process only). Never throws.
    ~basic_named_temp_file() { dispose(); }

    //! Absolute path of the file; empty if creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! Whether the descriptor is still open.
    bool is_open() const noexcept { return file_.is_open(); }

    //! Whether this object will still remove the name (cleanup policy allowing).
    bool owns_name() const noexcept { return owns_name_; }

    //! The descriptor, after writing out what the stream buffers and moving
    //! the descriptor's offset to the stream's position, so raw I/O and the
    //! stream agree. -1 when closed.
    native_handle_type native_handle() { return file_.synced_fd(); }

    //! A std::iostream over the descriptor (binary, buffered). Throws
    //! filesystem_error (bad_file_descriptor) when the file is closed.
    std::iostream& stream() { return file_.stream(who, path_); }

    //! Writes out the stream, closes the descriptor, and removes the name if
    //! the policy's remove_on_close() says so. Reports the first error met
    //! (a failed write of buffered data, a failed close, a failed removal);
    //! calling it again does nothing. A name already removed by someone else
    //! is not an error.
    void close() { close_impl(false, nullptr); }
    void close(system::error_code& ec) { close_impl(false, &ec); }

    //! Closes and removes the name now, whatever the cleanup policy says.
    void remove() { close_impl(true, nullptr); }
    void remove(system::error_code& ec) { close_impl(true, &ec); }

    //! From now on the name is never removed by this object (Python's
    //! delete=False decided late). The descriptor stays open and owned.
    void keep() noexcept { disown(); }

    //! Gives up the descriptor and the name: the caller now closes and
    //! removes them. The object is left empty.
    created_file release()
    {
        disown();
        created_file result{file_.release(), std::move(path_)};
        forget();
        return result;
    }

    //! Gives the file its final name `to` atomically (rename), replacing
    //! what is there; from then on nothing removes it and path() is `to`
    //! (made absolute). The stream is written out first and the descriptor
    //! stays open. Fails -- the file staying where it was, still owned --
    //! with EXDEV when `to` is on another file system; errors name both paths.
    void persist(const filesystem::path& to) { persist_impl(to, false, nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, false, &ec); }

    //! As above, but fails with EEXIST (nothing changed) if `to` exists.
    void persist(const filesystem::path& to, no_clobber_t) { persist_impl(to, true, nullptr); }
    void persist(const filesystem::path& to, no_clobber_t, system::error_code& ec) { persist_impl(to, true, &ec); }

    //! Opens the file again by its name (read-write, close-on-exec, no
    //! symlink followed) and checks that the name still means this file
    //! (device, inode): a new descriptor the caller owns. Fails with ESTALE
    //! if the name now means another file, ENOENT if it is gone.
    native_handle_type reopen() { return reopen_impl(nullptr); }
    native_handle_type reopen(system::error_code& ec) { return reopen_impl(&ec); }

    //! The cleanup policy object (for stateful policies).
    Cleanup& cleanup() noexcept { return boost::empty_value< Cleanup >::get(); }
    const Cleanup& cleanup() const noexcept { return boost::empty_value< Cleanup >::get(); }

    void swap(basic_named_temp_file& other) noexcept
    {
        basic_named_temp_file tmp(std::move(other));
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
        // Held until on_create has registered the new name (delete_at_exit).
        const typename detail::creation_scope_of< Cleanup >::type scope{};
        (void)scope;
        const int fd = detail::create_named_file< Naming, Permissions, Platform >(opts, dir, full, who, ec);
        if (fd < 0)
            return;
        file_ = detail::file_handle< Platform >(fd);
        path_ = filesystem::path(std::move(full));
        owns_name_ = true;
        generation_ = detail::fork_generation();
        detail::notify_create(cleanup(), path_, entry_kind::file);
    }

    //! This object stops being responsible for the name.
    void disown() noexcept
    {
        if (!owns_name_)
            return;
        owns_name_ = false;
        detail::notify_release(cleanup(), path_, entry_kind::file);
    }

    void persist_impl(const filesystem::path& to, bool keep_existing, system::error_code* ec)
    {
        const filesystem::path target = filesystem::absolute(to);
        if (file_.is_open())
            file_.synced_fd();
        bool published = false;
        const int r = keep_existing ? detail::rename_no_replace< Platform >(path_.c_str(), target.c_str(), published)
                                 : rename_at(Platform{}, AT_FDCWD, path_.c_str(), AT_FDCWD, target.c_str());
        if (r != 0)
        {
            const int e = errno;
            // Published but the temporary name stayed: this object keeps
            // owning that name (its cleanup removes only the extra link).
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist" +
                               (published ? ": the file has its new name, but its temporary name could not be removed"
                                          : detail::persist_failure(e, keep_existing)),
                           path_, target, ec);
            return;
        }
        disown();
        path_ = target;
        detail::clear(ec);
    }

    native_handle_type reopen_impl(system::error_code* ec)
    {
        struct ::stat want;
        struct ::stat got;
        int e = 0;
        if (file_.is_open())
        {
            if (stat_fd(Platform{}, file_.synced_fd(), &want) != 0)
                e = errno;
        }
        else if (identity_known_)
        {
            want.st_dev = device_;
            want.st_ino = inode_;
        }
        else
            e = EBADF; // closed, and no identity to check a new descriptor against
        int fd = -1;
        if (e == 0)
        {
            fd = open_at(Platform{}, AT_FDCWD, path_.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0);
            if (fd < 0)
                e = errno;
            else
            {
                if (stat_fd(Platform{}, fd, &got) != 0)
                    e = errno;
                else if (got.st_dev != want.st_dev || got.st_ino != want.st_ino)
                    e = ESTALE; // replaced since we made it
                if (e != 0)
                {
                    close_fd(Platform{}, fd);
                    fd = -1;
                }
            }
        }
        if (fd < 0)
            detail::report(detail::errno_code(e),
                           std::string(who) + (e == ESTALE ? "::reopen: the name now refers to another file" : "::reopen"),
                           path_, ec);
        else
            detail::clear(ec);
        return fd;
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    void close_impl(bool remove_now, system::error_code* ec)
    {
        system::error_code err;
        const bool remove = owns_name_ && (remove_now || (cleanup().remove_on_close() && created_here()));
        if (!remove && file_.is_open() && !identity_known_)
        {
            // The name stays: remember what it means, for reopen().
            struct ::stat st;
            if (stat_fd(Platform{}, file_.synced_fd(), &st) == 0)
            {
                device_ = st.st_dev;
                inode_ = st.st_ino;
                identity_known_ = true;
            }
        }
        if (const int e = file_.close())
            err = detail::errno_code(e);
        if (remove)
        {
            if (unlink_at(Platform{}, AT_FDCWD, path_.c_str(), 0) != 0 && errno != ENOENT && !err)
                err = detail::errno_code(errno);
            disown();
        }
        if (err)
            detail::report(err, std::string(who) + (remove_now ? "::remove" : "::close"), path_, ec);
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        file_.close_quietly();
        if (owns_name_ && created_here())
        {
            if (cleanup().remove_on_destroy())
                unlink_at(Platform{}, AT_FDCWD, path_.c_str(), 0);
            else
                detail::notify_keep(cleanup(), path_, entry_kind::file);
        }
        disown();
    }

    void forget() noexcept
    {
        owns_name_ = false;
        identity_known_ = false;
        path_.clear();
    }

    filesystem::path path_;
    detail::file_handle< Platform > file_;
    bool owns_name_ = false;
    unsigned generation_ = 0;
    bool identity_known_ = false; // device_/inode_ recorded when closed with the name kept
    ::dev_t device_ = 0;
    ::ino_t inode_ = 0;
};

} // namespace tempfile
} // namespace boost

#endif // BOOST_TEMPFILE_WINDOWS

namespace boost {
namespace tempfile {

template< typename C, typename N, typename P, typename Pl >
void swap(basic_named_temp_file< C, N, P, Pl >& a, basic_named_temp_file< C, N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: random name in temp_directory_path(), 0600, removed on
//! close (or as Cleanup says).
template< typename Cleanup = delete_on_close >
using named_temp_file = basic_named_temp_file< Cleanup >;

} // namespace tempfile
} // namespace boost

#endif
