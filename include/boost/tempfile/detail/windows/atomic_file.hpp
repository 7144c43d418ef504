// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_ATOMIC_FILE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_ATOMIC_FILE_HPP
#pragma once

// basic_atomic_file on Windows: the public API of atomic_file.hpp over a
// HANDLE (included from there, after the policies and mode_context).
//
// The temporary file is created exclusively (CREATE_NEW) beside the target,
// with an owner-only DACL (the counterpart of 0600), and held open with
// DELETE access: it is removed (cancel, destructor, failed commit) and
// published (commit) through that handle, never by a name that could now
// mean another file. The target's directory is held open without
// FILE_SHARE_DELETE for the object's life, so it cannot be renamed or removed
// meanwhile: the temporary file and the rename stay in one directory (POSIX
// gets that from a directory descriptor and the *at calls).
//
// commit(): writes out the stream; gives the file its final permissions
// (below); FlushFileBuffers (sync_file); renames it over the target by handle
// (FileRenameInfoEx with POSIX semantics and leave to replace a read-only
// target where the system has it, else FileRenameInfo; never by name); then
// (sync_directory) FlushFileBuffers again:
// Windows cannot flush a directory, but on NTFS flushing a file commits the
// volume's log, which holds the rename. The handle is closed last.
//
// Mode policies on Windows: mode_context::target_mode() is 0444 for a target
// with FILE_ATTRIBUTE_READONLY, else 0666 (as the CRT's _stat reports), and
// new_file_mode() is 0666 (Windows has no umask). The final mode is applied
// as follows:
//   * read-only attribute: set when the mode has no owner write bit (0200);
//   * DACL: when the policy looked at an existing target and chose its mode
//     (copy_target_mode), the target's DACL is copied, protected or not as it
//     was; otherwise a mode giving nothing to group and others keeps the
//     owner-only DACL, and any other mode gets the DACL a new file in that
//     directory would get (inherited from it).

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/fd_stream.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/windows/create.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>

#include <aclapi.h>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {
namespace win {

//! Frees what the security functions allocate with LocalAlloc.
struct local_free
{
    void operator()(void* p) const noexcept { ::LocalFree(p); }
};
using local_descriptor = std::unique_ptr< void, local_free >;

//! Gives the file open as `to` (WRITE_DAC) the DACL of the file open as
//! `from` (READ_CONTROL), protected or not as it is there. 0 or a Win32 error.
inline DWORD copy_dacl(HANDLE from, HANDLE to) noexcept
{
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR raw = nullptr;
    DWORD e = ::GetSecurityInfo(from, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl, nullptr,
                                &raw);
    if (e != ERROR_SUCCESS)
        return e;
    const local_descriptor sd(raw);
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    if (!::GetSecurityDescriptorControl(raw, &control, &revision))
        return ::GetLastError();
    const SECURITY_INFORMATION what =
        DACL_SECURITY_INFORMATION |
        ((control & SE_DACL_PROTECTED) ? PROTECTED_DACL_SECURITY_INFORMATION : UNPROTECTED_DACL_SECURITY_INFORMATION);
    return ::SetSecurityInfo(to, SE_FILE_OBJECT, what, nullptr, nullptr, dacl, nullptr);
}

//! Gives the file open as `to` (WRITE_DAC) the DACL a new file in the
//! directory open as `dir` (READ_CONTROL) gets: computed from the directory's
//! inheritable entries as the system does at creation (the token's default
//! DACL when there are none). 0 or a Win32 error.
inline DWORD inherit_dacl(HANDLE dir, HANDLE to) noexcept
{
    PSECURITY_DESCRIPTOR raw_parent = nullptr;
    DWORD e = ::GetSecurityInfo(dir, SE_FILE_OBJECT,
                                DACL_SECURITY_INFORMATION | OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION,
                                nullptr, nullptr, nullptr, nullptr, &raw_parent);
    if (e != ERROR_SUCCESS)
        return e;
    const local_descriptor parent(raw_parent);
    HANDLE token = nullptr;
    if (!::OpenThreadToken(::GetCurrentThread(), TOKEN_QUERY, TRUE, &token))
    {
        if (::GetLastError() != ERROR_NO_TOKEN || !::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
            return ::GetLastError();
    }
    GENERIC_MAPPING mapping = {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS};
    PSECURITY_DESCRIPTOR made = nullptr;
    const BOOL ok = ::CreatePrivateObjectSecurityEx(raw_parent, nullptr, &made, nullptr, FALSE,
                                                    SEF_DACL_AUTO_INHERIT | SEF_AVOID_OWNER_CHECK |
                                                        SEF_AVOID_PRIVILEGE_CHECK,
                                                    token, &mapping);
    e = ok ? 0 : ::GetLastError();
    ::CloseHandle(token);
    if (!ok)
        return e;
    BOOL present = FALSE, defaulted = FALSE;
    PACL dacl = nullptr;
    if (!::GetSecurityDescriptorDacl(made, &present, &dacl, &defaulted))
        e = ::GetLastError();
    else
        e = ::SetSecurityInfo(to, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION | UNPROTECTED_DACL_SECURITY_INFORMATION,
                              nullptr, nullptr, present ? dacl : nullptr, nullptr);
    ::DestroyPrivateObjectSecurity(&made);
    return e;
}

//! UTF-16 to UTF-8 (for the naming policy, which works in UTF-8).
inline std::string narrow_utf8(const std::wstring& w)
{
    if (w.empty())
        return std::string();
    const int n = ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast< int >(w.size()), nullptr, 0, nullptr,
                                        nullptr);
    std::string out(n > 0 ? static_cast< std::size_t >(n) : 0u, '\0');
    if (n > 0)
        ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast< int >(w.size()), &out[0], n, nullptr, nullptr);
    return out;
}

} // namespace win
} // namespace detail

template< typename Mode = copy_target_mode, typename Durability = full_sync, typename Naming = random_name<>,
          typename Platform = native_platform >
class basic_atomic_file : private boost::empty_value< typename std::conditional<
                              detail::check_mode_policy< Mode >::valid, Mode, copy_target_mode >::type >
{
    static_assert(detail::check_mode_policy< Mode >::value, "");
    static_assert(detail::check_durability< Durability >::value, "");
    static_assert(detail::check_naming< Naming >::value, "");
    static_assert(detail::check_platform< Platform >::value, "");

    using used_mode = typename std::conditional< detail::check_mode_policy< Mode >::valid, Mode, copy_target_mode >::type;
    using used_durability =
        typename std::conditional< detail::check_durability< Durability >::valid, Durability, full_sync >::type;
    using used_naming = typename std::conditional< detail::has_generate< Naming >::value &&
                                                       std::is_default_constructible< Naming >::value,
                                                   Naming, random_name<> >::type;
    using used_platform = typename std::conditional< is_platform< Platform >::value, Platform, native_platform >::type;

    static constexpr const char* who = "boost::tempfile::atomic_file";

public:
    using mode_policy_type = Mode;
    using durability_type = Durability;
    using naming_type = Naming;
    using platform_type = Platform;
    using native_handle_type = typename used_platform::native_handle_type;

    explicit basic_atomic_file(const filesystem::path& target) { create(target, false, nullptr); }
    basic_atomic_file(const filesystem::path& target, system::error_code& ec) { create(target, false, &ec); }
    basic_atomic_file(const filesystem::path& target, no_clobber_t) { create(target, true, nullptr); }
    basic_atomic_file(const filesystem::path& target, no_clobber_t, system::error_code& ec)
    {
        create(target, true, &ec);
    }

    basic_atomic_file(basic_atomic_file&& other) noexcept
        : boost::empty_value< used_mode >(boost::empty_init_t(), std::move(other.mode_policy())),
          target_(std::move(other.target_)), temp_(std::move(other.temp_)), stream_(std::move(other.stream_)),
          h_(other.h_), dir_(other.dir_), id_(other.id_), owns_temp_(other.owns_temp_),
          committed_(other.committed_), keep_existing_(other.keep_existing_)
    {
        other.forget();
    }

    basic_atomic_file& operator=(basic_atomic_file&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            mode_policy() = std::move(other.mode_policy());
            target_ = std::move(other.target_);
            temp_ = std::move(other.temp_);
            stream_ = std::move(other.stream_);
            h_ = other.h_;
            dir_ = other.dir_;
            id_ = other.id_;
            owns_temp_ = other.owns_temp_;
            committed_ = other.committed_;
            keep_existing_ = other.keep_existing_;
            other.forget();
        }
        return *this;
    }

    basic_atomic_file(const basic_atomic_file&) = delete;
    basic_atomic_file& operator=(const basic_atomic_file&) = delete;

    //! Without a successful commit(): the target is untouched and the
    //! temporary file removed. Never throws.
    ~basic_atomic_file() { dispose(); }

    const filesystem::path& target_path() const noexcept { return target_; }
    const filesystem::path& temp_path() const noexcept { return temp_; }
    bool is_open() const noexcept { return h_ != INVALID_HANDLE_VALUE; }
    bool committed() const noexcept { return committed_; }
    bool replaces_existing() const noexcept { return !keep_existing_; }

    //! The temporary file's HANDLE, after the stream's buffer is written out
    //! and its position made the handle's. INVALID_HANDLE_VALUE when not open.
    native_handle_type native_handle()
    {
        if (stream_)
            stream_->buffer().pubsync();
        return h_;
    }

    std::iostream& stream()
    {
        if (!is_open())
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::stream: nothing to write to (committed, cancelled or failed)",
                           target_, nullptr);
        if (!stream_)
            stream_.reset(new detail::fd_stream< used_platform >(h_));
        return *stream_;
    }

    //! See atomic_file.hpp. On Windows a failure after the rename is the
    //! flush that makes it durable, or closing the handle.
    void commit() { commit_impl(keep_existing_, "::commit", nullptr); }
    void commit(system::error_code& ec) { commit_impl(keep_existing_, "::commit", &ec); }

    //! As commit(), but fails with ERROR_ALREADY_EXISTS (file_exists; target
    //! untouched, temporary file removed) if the target exists.
    void commit(no_clobber_t) { commit_impl(true, "::commit(no_clobber)", nullptr); }
    void commit(no_clobber_t, system::error_code& ec) { commit_impl(true, "::commit(no_clobber)", &ec); }

    void cancel() { cancel_impl(nullptr); }
    void cancel(system::error_code& ec) { cancel_impl(&ec); }

    used_mode& mode_policy() noexcept { return boost::empty_value< used_mode >::get(); }
    const used_mode& mode_policy() const noexcept { return boost::empty_value< used_mode >::get(); }

    void swap(basic_atomic_file& other) noexcept
    {
        basic_atomic_file tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    // Access of the temporary file's handle: I/O, removal and rename through
    // it (DELETE), attributes, and its DACL (READ_CONTROL, WRITE_DAC).
    static constexpr DWORD temp_access =
        GENERIC_READ | GENERIC_WRITE | DELETE | READ_CONTROL | WRITE_DAC | FILE_WRITE_ATTRIBUTES;

    void create(const filesystem::path& target, bool keep_existing, system::error_code* ec)
    {
        keep_existing_ = keep_existing;
        const std::wstring name = target.filename().native();
        if (name.empty() || name == L"." || name == L".." || target.native().back() == L'\\' ||
            target.native().back() == L'/')
        {
            detail::report(detail::errc_code(system::errc::invalid_argument),
                           std::string(who) + ": the target must name a file (not a directory such as \"dir\\\", "
                                              "\".\" or \"..\")",
                           target, ec);
            return;
        }
        system::error_code abs_ec;
        filesystem::path absolute = filesystem::absolute(target, abs_ec);
        if (abs_ec)
        {
            detail::report(abs_ec, std::string(who) + ": cannot make the target absolute", target, ec);
            return;
        }
        const filesystem::path dir = absolute.parent_path();
        // Pinned: without FILE_SHARE_DELETE nobody can rename or remove the
        // directory while this object lives.
        HANDLE dir_handle = ::CreateFileW(dir.c_str(), FILE_LIST_DIRECTORY | READ_CONTROL | SYNCHRONIZE,
                                          FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                                          FILE_FLAG_BACKUP_SEMANTICS, nullptr);
        if (dir_handle == INVALID_HANDLE_VALUE)
        {
            detail::report(detail::win::win32_code(::GetLastError()),
                           std::string(who) + ": cannot open the target's directory", absolute, dir, ec);
            return;
        }
        std::wstring shown = name.substr(0, detail::max_target_name_in_temp);
        if (shown.size() < name.size() && shown.back() >= 0xD800 && shown.back() <= 0xDBFF)
            shown.pop_back(); // keep a surrogate pair together
        std::wstring full;
        system::error_code create_ec;
        HANDLE h = INVALID_HANDLE_VALUE;
        BOOST_TRY
        {
            detail::win::owner_only_security security;
            if (!security.init(false))
            {
                create_ec = detail::win::win32_code(::GetLastError());
            }
            else
            {
                SECURITY_ATTRIBUTES* sa = security.get();
                detail::win::create_unique< used_naming >(
                    temp_options(detail::win::narrow_utf8(shown), dir, ".tmp"), dir,
                    [&h, sa](const wchar_t* p) noexcept {
                        h = create_file(used_platform{}, p, temp_access, detail::win::share_all, sa, CREATE_NEW,
                                        FILE_ATTRIBUTE_NORMAL);
                        return h != INVALID_HANDLE_VALUE;
                    },
                    full, who, "the temporary file", &create_ec);
            }
        }
        BOOST_CATCH(...)
        {
            if (h != INVALID_HANDLE_VALUE)
            {
                detail::win::delete_by_handle(h);
                ::CloseHandle(h);
            }
            ::CloseHandle(dir_handle);
            BOOST_RETHROW
        }
        BOOST_CATCH_END
        if (h == INVALID_HANDLE_VALUE)
        {
            ::CloseHandle(dir_handle);
            detail::report(create_ec, std::string(who) + ": cannot create the temporary file beside the target",
                           absolute, dir, ec);
            return;
        }
        detail::win::identify(h, id_);
        h_ = h;
        dir_ = dir_handle;
        owns_temp_ = true;
        temp_ = filesystem::path(std::move(full));
        target_ = std::move(absolute);
        detail::clear(ec);
    }

    static options temp_options(const std::string& shown, const filesystem::path& dir, const char* suffix)
    {
        options opts;
        opts.dir(dir);
        // The stock naming policies refuse an option they would ignore: each
        // gets what it makes names from (a user's policy gets all of it).
        if constexpr (!std::is_same< used_naming, pattern_name >::value)
            opts.prefix("." + shown + ".").suffix(suffix);
        if constexpr (!detail::is_random_name< used_naming >::value)
            opts.pattern("." + shown + ".XXXXXXXXXX" + suffix);
        return opts;
    }

    void commit_impl(bool keep_existing, const char* op, system::error_code* ec)
    {
        const std::string what = std::string(who) + op;
        if (!is_open())
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           what + ": nothing to commit (already committed, cancelled or failed)", target_, ec);
            return;
        }
        if (stream_)
        {
            const int e = stream_->sync_and_error();
            stream_.reset();
            if (e != 0)
                return fail(static_cast< DWORD >(e), what + ": cannot write the new content", false, ec);
        }

        const mode_context::hooks hooks{&stat_target_hook, &new_file_mode_hook, this};
        const mode_context context(hooks);
        const mode_type new_mode = mode_policy().final_mode(context);
        if (context.error_ != 0)
            return fail(static_cast< DWORD >(context.error_), what + ": cannot read the target's attributes", false,
                        ec);
        if ((new_mode & ~07777u) != 0)
            return fail(ERROR_INVALID_PARAMETER, what + ": the mode policy gave bits outside 07777", false, ec);
        if (const DWORD e = apply_mode(new_mode, context))
            return fail(e, what + ": cannot give the new content its permissions", false, ec);

        if constexpr (detail::has_sync_flags< used_durability >::sync_file)
        {
            if (sync_fd(used_platform{}, h_) != 0)
                return fail(::GetLastError(), what + ": cannot flush the new content to disk", false, ec);
        }

        DWORD e = publish(keep_existing);
        if (e != 0)
        {
            const char* why = detail::win::name_taken(e) && keep_existing ? ": the target already exists"
                              : e == ERROR_NOT_SAME_DEVICE ? ": cannot rename the temporary file over the target: "
                                                             "they are on different volumes"
                              : e == ERROR_ACCESS_DENIED || e == ERROR_SHARING_VIOLATION
                                  ? ": cannot rename the temporary file over the target (is the target open "
                                    "without FILE_SHARE_DELETE, or a directory?)"
                                  : ": cannot rename the temporary file over the target";
            return fail(e, what + why, true, ec);
        }
        committed_ = true;
        owns_temp_ = false;
        temp_.clear();

        e = 0;
        if constexpr (detail::has_sync_flags< used_durability >::sync_directory)
        {
            // Directories cannot be flushed on Windows; on NTFS flushing the
            // renamed file commits the log that holds the rename.
            if (sync_fd(used_platform{}, h_) != 0)
                e = ::GetLastError();
        }
        const bool closed = close_fd(used_platform{}, h_) == 0;
        if (!closed && e == 0)
            e = ::GetLastError();
        h_ = INVALID_HANDLE_VALUE;
        close_dir();
        if (e != 0)
        {
            detail::report(detail::win::win32_code(e),
                           what + (closed ? ": the new content is in place, but it could not be flushed: the "
                                            "change may not survive a crash"
                                          : ": the new content is in place, but closing it failed"),
                           target_, ec);
            return;
        }
        detail::clear(ec);
    }

    //! The read-only attribute and the DACL for `mode` (see the top of this
    //! file). 0 or a Win32 error.
    DWORD apply_mode(mode_type wanted, const mode_context& context) noexcept
    {
        DWORD e = 0;
        if (context.target_known_ && context.exists_ && wanted == context.target_mode_)
        {
            HANDLE t = ::CreateFileW(target_.c_str(), READ_CONTROL, detail::win::share_all, nullptr, OPEN_EXISTING,
                                     FILE_FLAG_BACKUP_SEMANTICS, nullptr);
            if (t == INVALID_HANDLE_VALUE)
                return ::GetLastError();
            e = detail::win::copy_dacl(t, h_);
            ::CloseHandle(t);
        }
        else if ((wanted & 077u) != 0)
            e = detail::win::inherit_dacl(dir_, h_);
        if (e != 0)
            return e;
        if ((wanted & 0200u) == 0 && !detail::win::set_read_only(h_, true))
            return ::GetLastError();
        return 0;
    }

    //! Renames the temporary file over the target through its handle. A
    //! read-only target refuses to be replaced where FileRenameInfoEx is
    //! missing: its attribute is then cleared, and put back if the rename
    //! still fails. 0 or a Win32 error.
    DWORD publish(bool keep_existing)
    {
        if (publish_handle(used_platform{}, h_, target_.native(), !keep_existing))
            return 0;
        const DWORD e = ::GetLastError();
        if (e != ERROR_ACCESS_DENIED || keep_existing)
            return e;
        HANDLE t = ::CreateFileW(target_.c_str(), FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, detail::win::share_all,
                                 nullptr, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS,
                                 nullptr);
        if (t == INVALID_HANDLE_VALUE)
            return e;
        bool was_read_only = false;
        DWORD result = e;
        if (detail::win::set_read_only(t, false, &was_read_only) && was_read_only)
        {
            if (publish_handle(used_platform{}, h_, target_.native(), true))
                result = 0;
            else
            {
                result = ::GetLastError();
                detail::win::set_read_only(t, true);
            }
        }
        ::CloseHandle(t);
        return result;
    }

    void fail(DWORD e, const std::string& what, bool both_paths, system::error_code* ec)
    {
        const filesystem::path temp = temp_;
        discard();
        if (both_paths)
            detail::report(detail::win::win32_code(e), what, target_, temp, ec);
        else
            detail::report(detail::win::win32_code(e), what, target_, ec);
    }

    //! Removes the temporary file through its handle and closes it; after an
    //! earlier failure to remove it, by its name, if the name still means it.
    //! 0 or a Win32 error (the object then still owns the name).
    DWORD remove_temp() noexcept
    {
        DWORD e = 0;
        if (h_ != INVALID_HANDLE_VALUE)
        {
            if (owns_temp_ && !delete_handle(used_platform{}, h_))
                e = ::GetLastError();
            else if (owns_temp_)
                owns_temp_ = false;
            ::CloseHandle(h_);
            h_ = INVALID_HANDLE_VALUE;
            return e;
        }
        if (!owns_temp_)
            return 0;
        HANDLE h = ::CreateFileW(temp_.c_str(), DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES,
                                 detail::win::share_all, nullptr, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
        if (h == INVALID_HANDLE_VALUE)
        {
            e = ::GetLastError();
            if (detail::win::not_found(e))
                owns_temp_ = false;
            return owns_temp_ ? e : 0;
        }
        detail::win::file_id got;
        if (!detail::win::identify(h, got) || got != id_)
            owns_temp_ = false; // someone else's file now: not ours to remove
        else if (!delete_handle(used_platform{}, h))
            e = ::GetLastError();
        else
            owns_temp_ = false;
        ::CloseHandle(h);
        return e;
    }

    bool discard() noexcept
    {
        stream_.reset();
        const DWORD e = remove_temp();
        if (e != 0)
        {
            ::SetLastError(e);
            return false;
        }
        temp_.clear();
        close_dir();
        return true;
    }

    void cancel_impl(system::error_code* ec)
    {
        if (!discard())
        {
            detail::report(detail::win::win32_code(::GetLastError()),
                           std::string(who) + "::cancel: cannot remove the temporary file", target_, temp_, ec);
            return;
        }
        detail::clear(ec);
    }

    void close_dir() noexcept
    {
        if (dir_ != INVALID_HANDLE_VALUE)
        {
            ::CloseHandle(dir_);
            dir_ = INVALID_HANDLE_VALUE;
        }
    }

    void dispose() noexcept
    {
        stream_.reset();
        remove_temp();
        owns_temp_ = false;
        close_dir();
    }

    void forget() noexcept
    {
        h_ = INVALID_HANDLE_VALUE;
        dir_ = INVALID_HANDLE_VALUE;
        owns_temp_ = false;
        committed_ = false;
        temp_.clear();
        target_.clear();
    }

    //! 0444 for a read-only target, else 0666; a symbolic link is looked
    //! through (a dangling one counts as no target).
    static int stat_target_hook(const void* owner, mode_type& mode, bool& exists) noexcept
    {
        const basic_atomic_file& self = *static_cast< const basic_atomic_file* >(owner);
        HANDLE t = ::CreateFileW(self.target_.c_str(), FILE_READ_ATTRIBUTES, detail::win::share_all, nullptr,
                                 OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
        if (t == INVALID_HANDLE_VALUE)
        {
            const DWORD e = ::GetLastError();
            exists = false;
            return detail::win::not_found(e) ? 0 : static_cast< int >(e);
        }
        BY_HANDLE_FILE_INFORMATION info;
        const bool ok = ::GetFileInformationByHandle(t, &info) != 0;
        const DWORD e = ok ? 0 : ::GetLastError();
        ::CloseHandle(t);
        if (!ok)
            return static_cast< int >(e);
        exists = true;
        mode = (info.dwFileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444u : 0666u;
        return 0;
    }

    //! Windows has no umask: a new file is 0666 in these terms.
    static int new_file_mode_hook(const void*, mode_type& mode) noexcept
    {
        mode = 0666u;
        return 0;
    }

    filesystem::path target_, temp_;
    std::unique_ptr< detail::fd_stream< used_platform > > stream_;
    HANDLE h_ = INVALID_HANDLE_VALUE;
    HANDLE dir_ = INVALID_HANDLE_VALUE;
    detail::win::file_id id_;
    bool owns_temp_ = false;
    bool committed_ = false;
    bool keep_existing_ = false;
};

template< typename M, typename D, typename N, typename P >
void swap(basic_atomic_file< M, D, N, P >& a, basic_atomic_file< M, D, N, P >& b) noexcept
{
    a.swap(b);
}

//! The common case: copy the target's read-only attribute and DACL, flush.
using atomic_file = basic_atomic_file<>;

} // namespace tempfile
} // namespace boost

#endif
