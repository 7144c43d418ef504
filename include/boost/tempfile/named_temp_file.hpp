// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#pragma once

// A temporary file with a visible name (Python's NamedTemporaryFile): created
// exclusively, 0600, with an absolute path; the cleanup policy says whether
// close() and the end of the owner's life remove the name. Move-only. A
// process forked from the creator closes its copy's descriptor, writes none
// of the data the creator's stream had buffered, and never removes,
// publishes or hands over the file: only the creating process does.

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

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
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
          inode_(other.inode_), pin_(other.pin_)
    {
        other.pin_ = -1;
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
            pin_ = other.pin_;
            other.pin_ = -1;
            other.forget();
        }
        return *this;
    }

    basic_named_temp_file(const basic_named_temp_file&) = delete;
    basic_named_temp_file& operator=(const basic_named_temp_file&) = delete;

    //! Flushes the stream, closes, and removes the name if the policy says so
    //! (in the creating process only: a forked child's copy writes nothing
    //! and removes nothing). Never throws.
    ~basic_named_temp_file() { dispose(); }

    //! Absolute path of the file; empty if creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! Whether the descriptor is still open.
    bool is_open() const noexcept { return file_.is_open(); }

    //! Whether this object will still remove the name (cleanup policy
    //! allowing). Stays true when a removal failed: it is tried again.
    bool owns_name() const noexcept { return owns_name_; }

    //! The descriptor, after writing out what the stream buffers and moving
    //! the descriptor's offset to the stream's position, so raw I/O and the
    //! stream agree. -1 when closed. Throws filesystem_error (the write's
    //! error, naming the file) if that write fails: the stream is then bad,
    //! what it could not write is dropped, and persist()/release() refuse
    //! the file. In a forked child: the descriptor, nothing written.
    native_handle_type native_handle()
    {
        int e = 0;
        const native_handle_type fd = file_.written_fd(e);
        if (e != 0)
            detail::report(detail::errno_code(e),
                           std::string(who) + "::native_handle: cannot write out what the stream buffers", path_,
                           nullptr);
        return fd;
    }

    //! A std::iostream over the descriptor (binary, buffered). Throws
    //! filesystem_error (bad_file_descriptor) when the file is closed. In a
    //! forked child the stream is bad and never touches the descriptor.
    std::iostream& stream() { return file_.stream(who, path_); }

    //! Writes out the stream, closes the descriptor, and removes the name if
    //! the policy's remove_on_close() says so. Reports the first error met
    //! (a failed write of buffered data, a failed close, a failed removal).
    //! A failed removal leaves the name owned: calling close() again (or
    //! remove(), or the destructor) tries it again; otherwise calling it
    //! again does nothing. A name already removed by someone else is not an
    //! error. In a forked child it only closes the child's descriptor.
    void close() { close_impl(false, nullptr); }
    void close(system::error_code& ec) { close_impl(false, &ec); }

    //! Closes and removes the name now, whatever the cleanup policy says.
    //! Fails with operation_not_permitted, changing nothing, in a forked child.
    void remove() { close_impl(true, nullptr); }
    void remove(system::error_code& ec) { close_impl(true, &ec); }

    //! From now on the name is never removed by this object (Python's
    //! delete=False decided late). The descriptor stays open and owned.
    void keep() noexcept { disown(); }

    //! Gives up the descriptor and the name: the caller now closes and
    //! removes them. The object is left empty. If the stream cannot write
    //! out what it buffers (or lost a write before), nothing is handed over:
    //! the error is reported (throw, or ec and {-1, empty}) and the object
    //! keeps the file. Fails with operation_not_permitted in a forked child.
    created_file release() { return release_impl(nullptr); }
    created_file release(system::error_code& ec) { return release_impl(&ec); }

    //! Gives the file its final name `to` atomically (rename), replacing
    //! what is there; from then on nothing removes it and path() is `to`
    //! (made absolute). The stream is written out first and the descriptor
    //! stays open. Fails -- the file staying where it was, still owned --
    //! with the write's error if the stream cannot write out (or lost a
    //! write before), with EXDEV when `to` is on another file system, with
    //! invalid_argument when `to` cannot name a file, with
    //! operation_not_permitted in a forked child; errors name both paths.
    void persist(const filesystem::path& to) { persist_impl(to, false, nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, false, &ec); }

    //! As above, but fails with EEXIST (nothing changed) if `to` exists.
    void persist(const filesystem::path& to, no_clobber_t) { persist_impl(to, true, nullptr); }
    void persist(const filesystem::path& to, no_clobber_t, system::error_code& ec) { persist_impl(to, true, &ec); }

    //! Opens the file again by its name (read-write, close-on-exec, no
    //! symlink followed) and checks that the name still means this file
    //! (device, inode): a new descriptor the caller owns. Fails with ESTALE
    //! if the name now means another file, ENOENT if it is gone. After
    //! close() the object keeps a reference (O_PATH) to the file, so that
    //! its inode number cannot pass to another file meanwhile.
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

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    //! Reports the refusal of `op` in a forked child; false if this is the
    //! creating process.
    bool refused_in_child(const char* op, const filesystem::path* to, system::error_code* ec) const
    {
        if (created_here())
            return false;
        const std::string what = std::string(who) + op + detail::forked_child_refusal;
        if (to)
            detail::report(detail::errc_code(system::errc::operation_not_permitted), what, path_, *to, ec);
        else
            detail::report(detail::errc_code(system::errc::operation_not_permitted), what, path_, ec);
        return true;
    }

    //! Writes out the stream before the file is published or handed over:
    //! the error of this write, or of an earlier one whose data was dropped
    //! (the file would be short); 0 if the file holds all that was written.
    int written_out()
    {
        if (!file_.is_open())
            return 0;
        int e = 0;
        file_.written_fd(e);
        return e != 0 ? e : file_.lost_write();
    }

    created_file release_impl(system::error_code* ec)
    {
        if (path_.empty() && !file_.is_open())
        {
            detail::clear(ec); // nothing to hand over
            return created_file{-1, filesystem::path()};
        }
        if (refused_in_child("::release", nullptr, ec))
            return created_file{-1, filesystem::path()};
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) +
                               "::release: cannot write out what the stream buffers; the file is not handed over",
                           path_, ec);
            return created_file{-1, filesystem::path()};
        }
        disown();
        created_file result{file_.release(), std::move(path_)};
        forget();
        detail::clear(ec);
        return result;
    }

    void persist_impl(const filesystem::path& to, bool keep_existing, system::error_code* ec)
    {
        if (path_.empty())
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::persist" + detail::owns_nothing, to, ec);
            return;
        }
        if (refused_in_child("::persist", &to, ec))
            return;
        filesystem::path target;
        if (!detail::persist_target(to, "boost::tempfile::named_temp_file::persist", path_, target, ec))
            return;
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: cannot write out what the stream buffers; nothing published",
                           path_, target, ec);
            return;
        }
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
        path_ = std::move(target); // no allocation once published
        detail::clear(ec);
    }

    native_handle_type reopen_impl(system::error_code* ec)
    {
        struct ::stat want;
        struct ::stat got;
        int e = 0;
        const char* why = "::reopen";
        if (file_.is_open())
        {
            const int fd = file_.written_fd(e);
            if (e != 0)
                why = "::reopen: cannot write out what the stream buffers";
            else if (stat_fd(Platform{}, fd, &want) != 0)
                e = errno;
        }
        else if (identity_known_)
        {
            want.st_dev = device_;
            want.st_ino = inode_;
        }
        else
        {
            e = EBADF;
            why = "::reopen: the file is closed and its identity is not known (removed, released, or not provable)";
        }
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
                {
                    e = ESTALE; // replaced since we made it
                    why = "::reopen: the name now refers to another file";
                }
                if (e != 0)
                {
                    close_fd(Platform{}, fd);
                    fd = -1;
                }
            }
        }
        if (fd < 0)
            detail::report(detail::errno_code(e), std::string(who) + why, path_, ec);
        else
            detail::clear(ec);
        return fd;
    }

    //! Before the descriptor is closed with the name kept: what reopen()
    //! compares the name against. Device and inode identify a file only
    //! while it exists -- ext4 gives a freed inode number to the next file
    //! at once -- so on systems with O_PATH the object keeps a reference
    //! that holds the inode (no read or write access: no ETXTBSY, locks
    //! untouched). If none can be had, the identity is not known and
    //! reopen() fails rather than guess.
    void remember_identity(int fd) noexcept
    {
        struct ::stat st;
        if (identity_known_ || stat_fd(Platform{}, fd, &st) != 0)
            return;
#if defined(O_PATH)
        char proc[40];
        std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        int pin = open_at(Platform{}, AT_FDCWD, proc, O_PATH | O_CLOEXEC, 0);
        struct ::stat pinned;
        if (pin < 0) // no /proc: by name, which must still mean our file (its inode is held by fd now)
            pin = open_at(Platform{}, AT_FDCWD, path_.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
        if (pin >= 0 && (stat_fd(Platform{}, pin, &pinned) != 0 || pinned.st_dev != st.st_dev ||
                         pinned.st_ino != st.st_ino))
        {
            close_fd(Platform{}, pin);
            pin = -1;
        }
        if (pin < 0)
            return;
        pin_ = pin;
#endif
        device_ = st.st_dev;
        inode_ = st.st_ino;
        identity_known_ = true;
    }

    void forget_identity() noexcept
    {
        if (pin_ >= 0)
            close_fd(Platform{}, pin_);
        pin_ = -1;
        identity_known_ = false;
    }

    void close_impl(bool remove_now, system::error_code* ec)
    {
        if (remove_now && refused_in_child("::remove", nullptr, ec))
            return;
        const bool remove = owns_name_ && (remove_now || (cleanup().remove_on_close() && created_here()));
        // The name goes first, while the descriptor is still open: if it
        // cannot be removed, it stays owned and its identity is taken from
        // the descriptor for reopen().
        bool removed = false;
        int remove_error = 0;
        if (remove)
        {
            removed = unlink_at(Platform{}, AT_FDCWD, path_.c_str(), 0) == 0 || errno == ENOENT;
            if (!removed)
                remove_error = errno;
        }
        int e = 0;
        if (file_.is_open())
        {
            if (!removed)
                remember_identity(file_.native());
            e = file_.close();
        }
        if (removed)
        {
            forget_identity();
            disown();
        }
        if (e == 0)
            e = remove_error;
        if (e != 0)
            detail::report(detail::errno_code(e), std::string(who) + (remove_now ? "::remove" : "::close"), path_, ec);
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        file_.close_quietly(); // in a forked child: writes nothing
        if (owns_name_ && created_here())
        {
            if (cleanup().remove_on_destroy())
                unlink_at(Platform{}, AT_FDCWD, path_.c_str(), 0);
            else
                detail::notify_keep(cleanup(), path_, entry_kind::file);
        }
        disown();
        forget_identity();
    }

    void forget() noexcept
    {
        owns_name_ = false;
        forget_identity();
        path_.clear();
    }

    filesystem::path path_;
    detail::file_handle< Platform > file_;
    bool owns_name_ = false;
    unsigned generation_ = 0;
    bool identity_known_ = false; // device_/inode_ recorded when closed with the name kept
    ::dev_t device_ = 0;
    ::ino_t inode_ = 0;
    int pin_ = -1; // O_PATH reference holding the inode while closed with the name kept
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
