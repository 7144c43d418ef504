// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_TEMP_FILE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_TEMP_FILE_HPP
#pragma once

// basic_temp_file on Windows: an anonymous file is created exclusively with
// FILE_FLAG_DELETE_ON_CLOSE and no sharing, so nothing outlives the handle
// (also when the process is killed) and nobody else can open it. Where POSIX
// delete semantics exist (Windows 10 1709+, NTFS) its name is removed at
// once; elsewhere (older Windows, FAT, wine) a hidden name stays until the
// handle closes. It cannot be given a name later: persist() fails with
// operation_not_supported and linkable() is false.

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

#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
class basic_temp_file
{
    static_assert(detail::check_naming< Naming >::value, "");
    static_assert(detail::check_permissions< Permissions >::value, "");
    static_assert(detail::check_platform< Platform >::value, "");

    static constexpr const char* who = "boost::tempfile::temp_file";

public:
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    basic_temp_file() : basic_temp_file(detail::default_options()) {}
    explicit basic_temp_file(const options& opts)
        : file_(detail::win::create_anonymous_file< Naming, Permissions, Platform >(opts, who, unlinked_, nullptr))
    {
    }
    basic_temp_file(const options& opts, system::error_code& ec)
        : file_(detail::win::create_anonymous_file< Naming, Permissions, Platform >(opts, who, unlinked_, &ec))
    {
    }
    explicit basic_temp_file(system::error_code& ec) : basic_temp_file(detail::default_options(), ec) {}

    basic_temp_file(basic_temp_file&& other) noexcept : unlinked_(other.unlinked_), file_(std::move(other.file_)) {}
    basic_temp_file& operator=(basic_temp_file&& other) noexcept
    {
        file_ = std::move(other.file_);
        unlinked_ = other.unlinked_;
        return *this;
    }

    ~basic_temp_file() = default;

    bool is_open() const noexcept { return file_.is_open(); }
    native_handle_type native_handle() { return file_.synced_fd(); }
    std::iostream& stream() { return file_.stream(who, filesystem::path()); }

    void close() { close_impl(nullptr); }
    void close(system::error_code& ec) { close_impl(&ec); }

    //! Always false on Windows: a FILE_FLAG_DELETE_ON_CLOSE file cannot be kept.
    bool linkable() const noexcept { return false; }

    //! Windows-only: whether the file's name was removed at creation (POSIX
    //! delete semantics); false where a hidden, unopenable name stays until close.
    bool name_removed() const noexcept { return unlinked_ && file_.is_open(); }

    //! Fails with operation_not_supported (bad_file_descriptor when closed).
    void persist(const filesystem::path& to) { persist_impl(to, nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, &ec); }
    void persist(const filesystem::path& to, no_clobber_t) { persist_impl(to, nullptr); }
    void persist(const filesystem::path& to, no_clobber_t, system::error_code& ec) { persist_impl(to, &ec); }

    //! Writes out the stream, then gives up the HANDLE: the caller closes it
    //! (and the file goes with it). If the write-out fails, nothing is handed
    //! over: filesystem_error, the object unchanged and its stream marked bad.
    native_handle_type release()
    {
        if (const int e = file_.write_out_everything())
            detail::report(detail::win::win32_code(static_cast< DWORD >(e)),
                           std::string(who) + "::release: cannot write out the stream's buffer; nothing was handed "
                                              "over",
                           filesystem::path(), nullptr);
        return file_.release();
    }

    void swap(basic_temp_file& other) noexcept
    {
        file_.swap(other.file_);
        std::swap(unlinked_, other.unlinked_);
    }

private:
    void close_impl(system::error_code* ec)
    {
        if (const int e = file_.close())
            detail::report(detail::errno_code(e), std::string(who) + "::close", filesystem::path(), ec);
        else
            detail::clear(ec);
    }

    void persist_impl(const filesystem::path& to, system::error_code* ec)
    {
        const bool open = file_.is_open();
        system::error_code abs_ec;
        filesystem::path target = filesystem::absolute(to, abs_ec);
        if (abs_ec)
            target = to;
        detail::report(detail::errc_code(open ? system::errc::operation_not_supported
                                              : system::errc::bad_file_descriptor),
                       std::string(who) + (open ? "::persist: an anonymous file made with FILE_FLAG_DELETE_ON_CLOSE "
                                                  "cannot be given a name on Windows"
                                                : "::persist: the file is closed"),
                       target, ec);
    }

    bool unlinked_ = false; // before file_: file_'s initialiser sets it
    detail::file_handle< Platform > file_;
};

} // namespace tempfile
} // namespace boost

#endif
