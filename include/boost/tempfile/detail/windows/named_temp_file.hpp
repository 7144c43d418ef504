// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_NAMED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_NAMED_TEMP_FILE_HPP
#pragma once

// basic_named_temp_file on Windows: the public API of named_temp_file.hpp
// over a HANDLE. The file is created with CREATE_NEW, an owner-only DACL and
// full sharing (read, write, delete), so that it can be opened by name while
// it is open, as on POSIX. Removal goes through the open handle whenever
// there is one (never a name that could now mean another file); a name
// removed after close() is first opened without following a reparse point
// and checked to be the file made (volume serial number, file index).

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
          path_(std::move(other.path_)), file_(std::move(other.file_)), owns_name_(other.owns_name_), id_(other.id_)
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

    created_file release()
    {
        disown();
        created_file result{file_.release(), std::move(path_)};
        forget();
        return result;
    }

    //! Renames through the open handle (SetFileInformationByHandle with
    //! FileRenameInfo; MoveFileExW where that is refused). Errors are Win32
    //! codes: ERROR_NOT_SAME_DEVICE across volumes, ERROR_ALREADY_EXISTS
    //! (file_exists) with no_clobber.
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
    //! our file; INVALID_HANDLE_VALUE and GetLastError() otherwise.
    HANDLE open_own_name(DWORD access) const noexcept
    {
        HANDLE h = ::CreateFileW(path_.c_str(), access, detail::win::share_all, nullptr, OPEN_EXISTING,
                                 FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
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

    //! Removes the name of the open file through a second handle on it: 0,
    //! or a Win32 error.
    DWORD remove_open_name() noexcept
    {
        HANDLE h = detail::win::reopen_for_delete(file_.synced_fd());
        if (h == INVALID_HANDLE_VALUE)
            return ::GetLastError();
        const DWORD e = delete_handle(Platform{}, h) ? 0 : ::GetLastError();
        ::CloseHandle(h);
        return e;
    }

    //! Removes the name (file closed): 0, or a Win32 error. Gone is fine.
    DWORD remove_closed_name() const noexcept
    {
        HANDLE h = open_own_name(DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES);
        if (h == INVALID_HANDLE_VALUE)
        {
            const DWORD e = ::GetLastError();
            return detail::win::not_found(e) ? 0 : e;
        }
        const DWORD e = delete_handle(Platform{}, h) ? 0 : ::GetLastError();
        ::CloseHandle(h);
        return e;
    }

    void persist_impl(const filesystem::path& to, bool keep_existing, system::error_code* ec)
    {
        const filesystem::path target = filesystem::absolute(to);
        HANDLE h = INVALID_HANDLE_VALUE;
        bool opened_here = false;
        DWORD e = 0;
        if (file_.is_open())
        {
            h = detail::win::reopen_for_delete(file_.synced_fd());
            opened_here = h != INVALID_HANDLE_VALUE;
            if (!opened_here)
                e = ::GetLastError();
        }
        else
        {
            h = open_own_name(DELETE | FILE_READ_ATTRIBUTES);
            opened_here = h != INVALID_HANDLE_VALUE;
            if (!opened_here)
                e = ::GetLastError();
        }
        if (h != INVALID_HANDLE_VALUE &&
            !rename_handle(Platform{}, h, path_.native(), target.native(), !keep_existing))
            e = ::GetLastError();
        if (opened_here)
            ::CloseHandle(h);
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
        HANDLE h = open_own_name(GENERIC_READ | GENERIC_WRITE);
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

    void close_impl(bool remove_now, system::error_code* ec)
    {
        system::error_code err;
        const bool remove = owns_name_ && (remove_now || cleanup().remove_on_close());
        if (remove && file_.is_open())
        {
            // Through the handle: the name goes with the file we hold, whatever
            // has happened to the name meanwhile.
            if (const DWORD e = remove_open_name())
                err = detail::win::win32_code(e);
        }
        else if (remove && !path_.empty())
        {
            if (const DWORD e = remove_closed_name())
                err = detail::win::win32_code(e);
        }
        if (const int e = file_.close())
            if (!err)
                err = detail::errno_code(e);
        if (remove)
            disown();
        if (err)
            detail::report(err, std::string(who) + (remove_now ? "::remove" : "::close"), path_, ec);
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        if (owns_name_)
        {
            if (cleanup().remove_on_destroy())
            {
                if (file_.is_open())
                {
                    BOOST_TRY
                    {
                        remove_open_name();
                    }
                    BOOST_CATCH(...)
                    {
                    }
                    BOOST_CATCH_END
                }
                else
                    remove_closed_name();
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
        path_.clear();
    }

    filesystem::path path_;
    detail::file_handle< Platform > file_;
    bool owns_name_ = false;
    detail::win::file_id id_;
};

} // namespace tempfile
} // namespace boost

#endif
