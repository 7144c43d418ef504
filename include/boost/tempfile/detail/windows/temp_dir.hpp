// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_TEMP_DIR_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_TEMP_DIR_HPP
#pragma once

// basic_temp_dir on Windows: created with CreateDirectoryW and an owner-only,
// inheritable DACL; the owner holds a directory HANDLE (full sharing, so the
// user may still rename or remove it) and remembers its identity (volume
// serial number, file index). Removal first pins the name -- opens it
// without following a reparse point and without FILE_SHARE_DELETE -- and
// goes on only if it is still the directory made (else ERROR_FILE_INVALID,
// left in place); the contents are removed as detail/windows/remove_tree.hpp
// says, and the directory itself through the pinning handle. A removal that
// fails keeps the directory owned: a later remove() or the destructor tries
// again.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/windows/create.hpp>
#include <boost/tempfile/detail/windows/remove_tree.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <string>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Cleanup = recursive_remove, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_temp_dir : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_dir_cleanup< Cleanup >::value, "");
    static_assert(detail::check_naming< Naming >::value, "");
    static_assert(detail::check_permissions< Permissions >::value, "");
    static_assert(detail::check_platform< Platform >::value, "");

    static constexpr const char* who = "boost::tempfile::temp_dir";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    basic_temp_dir() : basic_temp_dir(detail::default_options()) {}
    explicit basic_temp_dir(const options& opts) { create(opts, nullptr); }
    basic_temp_dir(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_temp_dir(system::error_code& ec) { create(detail::default_options(), &ec); }

    basic_temp_dir(basic_temp_dir&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), handle_(other.handle_), id_(other.id_), owns_(other.owns_),
          retry_removal_(other.retry_removal_)
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
            handle_ = other.handle_;
            id_ = other.id_;
            owns_ = other.owns_;
            retry_removal_ = other.retry_removal_;
            other.forget();
        }
        return *this;
    }

    basic_temp_dir(const basic_temp_dir&) = delete;
    basic_temp_dir& operator=(const basic_temp_dir&) = delete;

    ~basic_temp_dir() { dispose(); }

    const filesystem::path& path() const noexcept { return path_; }

    //! The directory's HANDLE (FILE_LIST_DIRECTORY, full sharing);
    //! INVALID_HANDLE_VALUE if none.
    native_handle_type native_handle() const noexcept { return handle_; }

    bool owns_directory() const noexcept { return owns_; }

    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    void keep() noexcept { disown(); }

    filesystem::path release() noexcept
    {
        disown();
        filesystem::path p = std::move(path_);
        close_handle();
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
        std::wstring full;
        if (!detail::win::create_directory< Naming, Permissions, Platform >(opts, dir, full, who, ec))
            return;
        HANDLE h = ::CreateFileW(full.c_str(), FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
                                 detail::win::share_all, nullptr, OPEN_EXISTING,
                                 FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
        if (h == INVALID_HANDLE_VALUE || !detail::win::identify(h, id_))
        {
            const DWORD e = ::GetLastError();
            if (h != INVALID_HANDLE_VALUE)
                ::CloseHandle(h);
            ::RemoveDirectoryW(full.c_str());
            filesystem::path made(full);
            detail::report(detail::win::win32_code(e), std::string(who) + ": cannot open the new directory",
                           made.parent_path(), made, ec);
            return;
        }
        handle_ = h;
        path_ = filesystem::path(std::move(full));
        owns_ = true;
        detail::notify_create(cleanup(), path_, entry_kind::directory);
    }

    void disown() noexcept
    {
        if (!owns_)
            return;
        owns_ = false;
        detail::notify_release(cleanup(), path_, entry_kind::directory);
    }

    detail::removal_result remove_now()
    {
        detail::removal_result result;
        HANDLE root = detail::win::pin_directory(path_.c_str());
        if (root == INVALID_HANDLE_VALUE)
        {
            const DWORD e = ::GetLastError();
            // Removed by someone else while we hold a handle: the name answers
            // ERROR_ACCESS_DENIED until our handle closes (delete pending).
            if (!detail::win::not_found(e) && !(e == ERROR_ACCESS_DENIED && delete_pending()))
                detail::win::keep_first(result, e, path_.native());
            return result;
        }
        detail::win::file_id got;
        DWORD attributes = 0;
        if (!detail::win::identify(root, got, &attributes))
            detail::win::keep_first(result, ::GetLastError(), path_.native());
        else if (got != id_ || (attributes & FILE_ATTRIBUTE_REPARSE_POINT))
            detail::win::keep_first(result, detail::win::name_replaced, path_.native()); // not ours: left alone
        else
        {
            if (Cleanup::recursive)
                detail::win::remove_contents(root, path_.native(), result);
            if (!delete_handle(Platform{}, root))
                detail::win::keep_first(result, ::GetLastError(), path_.native());
        }
        ::CloseHandle(root);
        return result;
    }

    //! Whether our directory is being deleted by someone else.
    bool delete_pending() const noexcept
    {
        return handle_ != INVALID_HANDLE_VALUE && detail::win::delete_pending(handle_);
    }

    //! A removal that fails keeps the directory owned, and its handle open: a
    //! later remove() or the destructor tries again.
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
            close_handle();
        if (result.error)
        {
            const char* why = result.error == detail::win::win32_code(detail::win::name_replaced)
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
        if (owns_)
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
        close_handle();
    }

    void close_handle() noexcept
    {
        if (handle_ != INVALID_HANDLE_VALUE)
            ::CloseHandle(handle_);
        handle_ = INVALID_HANDLE_VALUE;
    }

    void forget() noexcept
    {
        handle_ = INVALID_HANDLE_VALUE;
        owns_ = false;
        retry_removal_ = false;
        path_.clear();
    }

    filesystem::path path_;
    HANDLE handle_ = INVALID_HANDLE_VALUE;
    detail::win::file_id id_;
    bool owns_ = false;
    bool retry_removal_ = false; // remove() failed: the destructor tries again
};

} // namespace tempfile
} // namespace boost

#endif
