// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_NAMED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_NAMED_TEMP_FILE_HPP
#pragma once

// basic_named_temp_file on Windows: the public API of named_temp_file.hpp
// over a HANDLE. The file is created with CREATE_NEW, an owner-only DACL and
// full sharing (read, write, delete), so that it can be opened by name while
// it is open, as on POSIX. Removal and rename act only through a handle
// proven to be the file made (volume serial number, file index recorded at
// creation) and pinned (opened without FILE_SHARE_DELETE, so that the file
// cannot be renamed or deleted by others meanwhile): a second handle on the
// open file (ReOpenFile) or, when closed -- or when ReOpenFile answers with
// another file, as wine's, which reopens by name, does -- the name opened
// without following a reparse point. Never by a name alone. A removal that
// fails (someone holds the file open without FILE_SHARE_DELETE) keeps the
// name owned: a later remove() or the destructor tries again.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/windows/create.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_named_temp_file : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_file_cleanup< Cleanup >::value, "");
    static_assert(detail::check_naming< Naming >::value, "");
    static_assert(detail::check_permissions< Permissions >::value, "");
    static_assert(detail::check_platform< Platform >::value, "");

    static constexpr const char* who = "boost::tempfile::named_temp_file";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    basic_named_temp_file() : basic_named_temp_file(detail::default_options()) {}
    explicit basic_named_temp_file(const options& opts) { create(opts, nullptr); }
    basic_named_temp_file(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_named_temp_file(system::error_code& ec) { create(detail::default_options(), &ec); }

    basic_named_temp_file(basic_named_temp_file&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), file_(std::move(other.file_)), owns_name_(other.owns_name_),
          retry_removal_(other.retry_removal_), id_(other.id_)
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
            retry_removal_ = other.retry_removal_;
            id_ = other.id_;
            other.forget();
        }
        return *this;
    }

    basic_named_temp_file(const basic_named_temp_file&) = delete;
    basic_named_temp_file& operator=(const basic_named_temp_file&) = delete;

    ~basic_named_temp_file() { dispose(); }

    const filesystem::path& path() const noexcept { return path_; }
    bool is_open() const noexcept { return file_.is_open(); }
    bool owns_name() const noexcept { return owns_name_; }

    //! The HANDLE, after the stream's buffer is written out and the file
    //! pointer moved to the stream's position. INVALID_HANDLE_VALUE when closed.
    native_handle_type native_handle() { return file_.synced_fd(); }

    std::iostream& stream() { return file_.stream(who, path_); }

    void close() { close_impl(false, nullptr); }
    void close(system::error_code& ec) { close_impl(false, &ec); }

    void remove() { close_impl(true, nullptr); }
    void remove(system::error_code& ec) { close_impl(true, &ec); }

    void keep() noexcept { disown(); }

    //! Writes out the stream, then hands over the HANDLE and the name. If the
    //! write-out fails, nothing is handed over: filesystem_error, the object
    //! unchanged and its stream marked bad.
    created_file release()
    {
        if (const int e = file_.write_out_everything())
            detail::report(detail::win::win32_code(static_cast< DWORD >(e)),
                           std::string(who) + "::release: cannot write out the stream's buffer; nothing was handed "
                                              "over",
                           path_, nullptr);
        disown();
        created_file result{file_.release(), std::move(path_)};
        forget();
        return result;
    }

    //! Writes out the stream (a failure is reported, the stream marked bad
    //! and nothing renamed), then renames through a pinned handle proven to be
    //! this file (SetFileInformationByHandle with FileRenameInfo; never by
    //! name). Errors are Win32 codes: ERROR_NOT_SAME_DEVICE across volumes,
    //! ERROR_ALREADY_EXISTS (file_exists) with no_clobber, ERROR_FILE_INVALID
    //! when the file made is out of reach and its name means another file.
    void persist(const filesystem::path& to) { persist_impl(to, false, nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, false, &ec); }
    void persist(const filesystem::path& to, no_clobber_t) { persist_impl(to, true, nullptr); }
    void persist(const filesystem::path& to, no_clobber_t, system::error_code& ec) { persist_impl(to, true, &ec); }

    //! Opens the file again by its name (read-write, full sharing, no reparse
    //! point followed) and checks that it is still this file: a new HANDLE
    //! the caller owns. Fails with ERROR_FILE_INVALID if the name now means
    //! another file (POSIX: ESTALE), ERROR_FILE_NOT_FOUND if it is gone.
    native_handle_type reopen() { return reopen_impl(nullptr); }
    native_handle_type reopen(system::error_code& ec) { return reopen_impl(&ec); }

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
        std::wstring full;
        HANDLE h = detail::win::create_named_file< Naming, Permissions, Platform >(opts, dir, full, who, ec);
        if (h == INVALID_HANDLE_VALUE)
            return;
        detail::win::identify(h, id_);
        file_ = detail::file_handle< Platform >(h);
        path_ = filesystem::path(std::move(full));
        owns_name_ = true;
        detail::notify_create(cleanup(), path_, entry_kind::file);
    }

    void disown() noexcept
    {
        if (!owns_name_)
            return;
        owns_name_ = false;
        detail::notify_release(cleanup(), path_, entry_kind::file);
    }

    //! Opens the name without following a reparse point if it still means
    //! our file; INVALID_HANDLE_VALUE and GetLastError() otherwise
    //! (name_replaced when it means another file).
    HANDLE open_own_name(DWORD access, DWORD share) const noexcept
    {
        HANDLE h = ::CreateFileW(path_.c_str(), access, share, nullptr, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT,
                                 nullptr);
        if (h == INVALID_HANDLE_VALUE)
            return h;
        detail::win::file_id got;
        if (!detail::win::identify(h, got) || got != id_)
        {
            ::CloseHandle(h);
            ::SetLastError(detail::win::name_replaced);
            return INVALID_HANDLE_VALUE;
        }
        return h;
    }

    //! A handle with `access` on the file this object made, proven to be it
    //! (volume serial number, file index) and pinned (no FILE_SHARE_DELETE:
    //! nobody renames or deletes it while the handle is held), for removal and
    //! rename. Through the open handle when there is one (ReOpenFile); if that
    //! yields another file (wine reopens by the name the handle was opened by)
    //! or nothing, then by path(), which our own persist() may have changed.
    //! INVALID_HANDLE_VALUE and the Win32 error in `e` otherwise: name_replaced
    //! when what is within reach is another file, a not-found code (or
    //! ERROR_ACCESS_DENIED with `gone`) when the file was removed by someone else.
    HANDLE pin_own_file(DWORD access, DWORD& e, bool& gone)
    {
        e = 0;
        gone = false;
        bool replaced = false;
        if (file_.is_open())
        {
            const HANDLE mine = file_.synced_fd();
            HANDLE h = detail::win::reopen_pinned(mine, access);
            if (h != INVALID_HANDLE_VALUE)
            {
                detail::win::file_id got;
                if (detail::win::identify(h, got) && got == id_)
                    return h;
                ::CloseHandle(h);
                replaced = true;
            }
            else
            {
                e = ::GetLastError();
                if (e == ERROR_ACCESS_DENIED && detail::win::delete_pending(mine))
                {
                    gone = true; // removed by someone else, still open here
                    return INVALID_HANDLE_VALUE;
                }
                if (!detail::win::not_found(e))
                    return INVALID_HANDLE_VALUE;
            }
        }
        HANDLE h = open_own_name(access | SYNCHRONIZE, detail::win::pinned_file_share);
        if (h != INVALID_HANDLE_VALUE)
        {
            e = 0;
            return h;
        }
        e = ::GetLastError();
        if (replaced && detail::win::not_found(e))
            e = detail::win::name_replaced; // our file is out of reach; only another one answered
        gone = detail::win::not_found(e);
        return INVALID_HANDLE_VALUE;
    }

    //! Marks our file for deletion through a pinned handle, returned in
    //! `pinned` (to be closed after our own handle: where deletion happens at
    //! the last close, by name, the name is still pinned then). 0, or a Win32
    //! error; a file removed by someone else is not one.
    DWORD mark_for_deletion(HANDLE& pinned)
    {
        DWORD e = 0;
        bool gone = false;
        pinned = pin_own_file(DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, e, gone);
        if (pinned == INVALID_HANDLE_VALUE)
            return gone ? 0 : e;
        return delete_handle(Platform{}, pinned) ? 0 : ::GetLastError();
    }

    //! Removes our file, open or not, and closes our handle: 0, or a Win32
    //! error; the error of writing out and closing in `close_error` if given.
    DWORD remove_and_close(int* close_error)
    {
        HANDLE pinned = INVALID_HANDLE_VALUE;
        const DWORD e = mark_for_deletion(pinned);
        if (close_error)
            *close_error = file_.close();
        else
            file_.close_quietly();
        if (pinned != INVALID_HANDLE_VALUE)
            ::CloseHandle(pinned);
        return e;
    }

    void persist_impl(const filesystem::path& to, bool keep_existing, system::error_code* ec)
    {
        system::error_code abs_ec;
        const filesystem::path target = filesystem::absolute(to, abs_ec);
        if (abs_ec)
        {
            detail::report(abs_ec, std::string(who) + "::persist: cannot make the target absolute; the file stays "
                                                       "where it was",
                           path_, to, ec);
            return;
        }
        if (const int written = file_.write_out_everything())
        {
            detail::report(detail::win::win32_code(static_cast< DWORD >(written)),
                           std::string(who) + "::persist: cannot write out the stream's buffer; the file stays where "
                                              "it was",
                           path_, target, ec);
            return;
        }
        DWORD e = 0;
        bool gone = false;
        HANDLE h = pin_own_file(DELETE | FILE_READ_ATTRIBUTES, e, gone);
        if (h != INVALID_HANDLE_VALUE)
        {
            if (!rename_handle(Platform{}, h, target.native(), !keep_existing))
                e = ::GetLastError();
            ::CloseHandle(h);
        }
        if (e != 0)
        {
            detail::report(detail::win::win32_code(e),
                           std::string(who) + "::persist" + detail::win::persist_failure(e, keep_existing), path_,
                           target, ec);
            return;
        }
        disown();
        path_ = target;
        detail::clear(ec);
    }

    native_handle_type reopen_impl(system::error_code* ec)
    {
        HANDLE h = open_own_name(GENERIC_READ | GENERIC_WRITE, detail::win::share_all);
        if (h == INVALID_HANDLE_VALUE)
        {
            const DWORD e = ::GetLastError();
            detail::report(detail::win::win32_code(e),
                           std::string(who) + (e == detail::win::name_replaced
                                                   ? "::reopen: the name now refers to another file"
                                                   : "::reopen"),
                           path_, ec);
            return Platform::invalid_handle();
        }
        detail::clear(ec);
        return h;
    }

    //! A removal that failed keeps the name owned (a later remove() or the
    //! destructor tries again); the handle is closed all the same.
    void close_impl(bool remove_now, system::error_code* ec)
    {
        const bool remove = owns_name_ && (remove_now || cleanup().remove_on_close());
        DWORD removal = 0;
        int closing = 0;
        if (remove)
            removal = remove_and_close(&closing);
        else
            closing = file_.close();
        if (remove)
        {
            retry_removal_ = removal != 0;
            if (removal == 0)
                disown();
        }
        const char* op = remove_now ? "::remove" : "::close";
        if (removal != 0)
            detail::report(detail::win::win32_code(removal), std::string(who) + op + detail::win::removal_failure(removal),
                           path_, ec);
        else if (closing != 0)
            detail::report(detail::errno_code(closing), std::string(who) + op, path_, ec);
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        if (owns_name_)
        {
            if (cleanup().remove_on_destroy() || retry_removal_)
            {
                BOOST_TRY
                {
                    remove_and_close(nullptr);
                }
                BOOST_CATCH(...)
                {
                }
                BOOST_CATCH_END
            }
            else
                detail::notify_keep(cleanup(), path_, entry_kind::file);
        }
        file_.close_quietly();
        disown();
    }

    void forget() noexcept
    {
        owns_name_ = false;
        retry_removal_ = false;
        path_.clear();
    }

    filesystem::path path_;
    detail::file_handle< Platform > file_;
    bool owns_name_ = false;
    bool retry_removal_ = false; // remove() or a removing close() failed: the destructor tries again
    detail::win::file_id id_;
};

} // namespace tempfile
} // namespace boost

#endif
