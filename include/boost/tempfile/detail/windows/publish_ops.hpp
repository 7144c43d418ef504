// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_PUBLISH_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_PUBLISH_OPS_HPP
#pragma once

// atomic_file's operations on Windows (see detail/publish.hpp).
//
// The temporary file is created exclusively (CREATE_NEW) beside the target,
// with an owner-only DACL (the counterpart of 0600), and held open with
// DELETE access: it is removed and published through that handle, never by
// a name that could now mean another file. The target's directory is held
// open without FILE_SHARE_DELETE for the object's life, so it cannot be
// renamed or removed meanwhile: the temporary file and the rename stay in
// one directory (POSIX gets that from a directory descriptor).
//
// Publication renames the file by handle (FileRenameInfoEx with POSIX
// semantics and leave to replace a read-only target where the system has
// it, else FileRenameInfo; never by name, and no MoveFileExW fallback).
// Windows cannot flush a directory; on NTFS flushing the renamed file
// commits the volume's log, which holds the rename: that is the directory
// sync here, and the handle is closed after it.
//
// Modes: target_mode() is 0444 for a target with FILE_ATTRIBUTE_READONLY,
// else 0666 (as the CRT's _stat reports), and a new file's mode is 0666
// (Windows has no umask). The final mode is applied as
//   * read-only attribute: set when the mode has no owner write bit (0200);
//   * DACL: when the policy looked at an existing target and chose its mode
//     (copy_target_mode), the target's DACL is copied, protected or not as
//     it was; otherwise a mode giving nothing to group and others keeps the
//     owner-only DACL, and any other mode gets the DACL a new file in that
//     directory would get (inherited from it).
// A symlink or junction at the target (a name-surrogate reparse point) is
// no target: its DACL and owner are never copied.

#include <boost/tempfile/detail/windows/sys.hpp>

#include <boost/filesystem/path.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace boost {
namespace tempfile {
namespace detail {

//! NTFS takes names of up to 255 UTF-16 code units.
constexpr std::size_t publish_max_name = 255;

namespace win {

//! Frees what the security functions allocate with LocalAlloc.
struct local_free
{
    void operator()(void* p) const noexcept { ::LocalFree(p); }
};
using local_descriptor = std::unique_ptr< void, local_free >;

//! Whether a reparse tag stands for another name (symlink, junction): the
//! name-surrogate bit. Other reparse points (deduplicated or cloud files)
//! are files in their own right.
inline bool is_name_surrogate(DWORD tag) noexcept
{
    return (tag & 0x20000000u) != 0;
}

//! UTF-16 to UTF-8 (for the naming policy, which works in UTF-8).
inline std::string narrow_utf8(const std::wstring& w)
{
    if (w.empty())
        return std::string();
    const int n =
        ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast< int >(w.size()), nullptr, 0, nullptr, nullptr);
    std::string out(n > 0 ? static_cast< std::size_t >(n) : 0u, '\0');
    if (n > 0)
        ::WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast< int >(w.size()), &out[0], n, nullptr, nullptr);
    return out;
}

} // namespace win

//! The owner-only DACL the temporary file is created with, made once
//! before the creation loop (reading the token may fail).
struct publish_security
{
    win::owner_only_security security;
    bool init(int& err) noexcept
    {
        if (security.init(false))
            return true;
        err = static_cast< int >(::GetLastError());
        return false;
    }
};

//! The target's name as the temporary name shows it: its first UTF-16
//! units (a surrogate pair kept whole), in UTF-8.
inline std::string publish_shown_name(const std::wstring& name)
{
    std::wstring shown = name.substr(0, max_target_name_in_temp);
    if (shown.size() < name.size() && shown.back() >= 0xD800 && shown.back() <= 0xDBFF)
        shown.pop_back();
    return win::narrow_utf8(shown);
}

//! Opens and pins the target's directory: without FILE_SHARE_DELETE nobody
//! can rename or remove it while the object lives.
template< typename Platform >
HANDLE publish_open_dir(Platform, const wchar_t* dir, int& err) noexcept
{
    HANDLE h = create_file(Platform{}, dir, FILE_LIST_DIRECTORY | READ_CONTROL | SYNCHRONIZE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS);
    err = h == INVALID_HANDLE_VALUE ? static_cast< int >(::GetLastError()) : 0;
    return h;
}

template< typename Platform >
const char* publish_dir_hint(Platform, int) noexcept
{
    return "";
}

//! Access of the temporary file's handle: I/O, removal and rename through
//! it (DELETE), attributes, its DACL (READ_CONTROL, WRITE_DAC) and its owner
//! (WRITE_OWNER, for keep_owner).
constexpr DWORD publish_temp_access =
    GENERIC_READ | GENERIC_WRITE | DELETE | READ_CONTROL | WRITE_DAC | WRITE_OWNER | FILE_WRITE_ATTRIBUTES;

//! Creates the temporary file `full` exclusively with the owner-only DACL.
template< typename Platform >
HANDLE publish_create_temp(Platform, HANDLE, const wchar_t* full, publish_security& security, int& err) noexcept
{
    HANDLE h = create_file(Platform{}, full, publish_temp_access, win::share_all, security.security.get(), CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL);
    err = h == INVALID_HANDLE_VALUE ? static_cast< int >(::GetLastError()) : 0;
    return h;
}

//! The rename reports a name the volume does not take.
template< typename Platform >
bool publish_name_fits(Platform, HANDLE, const wchar_t*, const wchar_t*) noexcept
{
    return true;
}

//! The identity of the temporary file: a retried removal by name (after the
//! handle was closed by a failed one) removes the name only if it still
//! means this file.
template< typename Platform >
void publish_identify_temp(Platform, HANDLE file, file_identity& id) noexcept
{
    win::file_id got;
    if (win::identify(file, got))
    {
        id.device = got.volume;
        id.inode = (static_cast< std::uint64_t >(got.high) << 32) | got.low;
    }
}

//! Opens what is at `path` without following a final reparse point.
template< typename Platform >
HANDLE publish_open_target(Platform, const wchar_t* path, DWORD access) noexcept
{
    return create_file(Platform{}, path, access, win::share_all, nullptr, OPEN_EXISTING,
                       FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT);
}

//! Whether the open entry is a symlink or junction.
inline bool publish_is_link(HANDLE h) noexcept
{
    FILE_ATTRIBUTE_TAG_INFO tag;
    return ::GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag) &&
           (tag.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) && win::is_name_surrogate(tag.ReparseTag);
}

//! Follows the links at `target` to the file they lead to: the final path
//! the system opens (GetFinalPathNameByHandleW). `resolved` is `target`
//! itself when nothing is there; a link whose file is missing fails with
//! ERROR_FILE_NOT_FOUND and `dangling`. May throw bad_alloc.
template< typename Platform >
bool publish_follow_target(Platform, const filesystem::path& target, filesystem::path& resolved, bool& dangling,
                           int& err)
{
    dangling = false;
    resolved = target;
    HANDLE h = create_file(Platform{}, target.c_str(), FILE_READ_ATTRIBUTES, win::share_all, nullptr, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        if (!win::not_found(e))
            return true; // as without the option: opening the directory or the rename reports it
        HANDLE link = publish_open_target(Platform{}, target.c_str(), FILE_READ_ATTRIBUTES);
        if (link == INVALID_HANDLE_VALUE)
            return true; // nothing there: a new file
        const bool is_link = publish_is_link(link);
        ::CloseHandle(link);
        if (!is_link)
            return true;
        dangling = true;
        err = ERROR_FILE_NOT_FOUND;
        return false;
    }
    std::wstring final_path(MAX_PATH, L'\0');
    for (;;)
    {
        const DWORD n = ::GetFinalPathNameByHandleW(h, &final_path[0], static_cast< DWORD >(final_path.size()),
                                                    FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
        if (n == 0)
        {
            err = static_cast< int >(::GetLastError());
            ::CloseHandle(h);
            return false;
        }
        if (n < final_path.size())
        {
            final_path.resize(n);
            break;
        }
        final_path.resize(n + 1);
    }
    ::CloseHandle(h);
    // "\\?\C:\dir\file" -> "C:\dir\file"; "\\?\UNC\server\share" -> "\\server\share".
    if (final_path.compare(0, 8, L"\\\\?\\UNC\\") == 0)
        final_path = L"\\\\" + final_path.substr(8);
    else if (final_path.compare(0, 4, L"\\\\?\\") == 0 && final_path.size() > 6 && final_path[5] == L':')
        final_path = final_path.substr(4);
    resolved = filesystem::path(final_path);
    return true;
}

//! What is at the target's name, not following a reparse point: 0444 when
//! read-only, else 0666. 0, or a Win32 error.
template< typename Platform >
int publish_look_at_target(Platform, HANDLE, const publish_names& names, target_facts& facts) noexcept
{
    facts = target_facts();
    HANDLE t = publish_open_target(Platform{}, names.target.c_str(), FILE_READ_ATTRIBUTES);
    if (t == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        return win::not_found(e) ? 0 : static_cast< int >(e);
    }
    BY_HANDLE_FILE_INFORMATION info;
    const bool ok = ::GetFileInformationByHandle(t, &info) != 0;
    const DWORD e = ok ? 0 : ::GetLastError();
    const bool link = ok && publish_is_link(t);
    ::CloseHandle(t);
    if (!ok)
        return static_cast< int >(e);
    if (link)
        return 0;
    facts.exists = true;
    facts.mode = (info.dwFileAttributes & FILE_ATTRIBUTE_READONLY) ? 0444u : 0666u;
    return 0;
}

//! Windows has no umask: a new file is 0666 in these terms.
template< typename Platform >
bool publish_new_file_mode(Platform, HANDLE, mode_type& mode) noexcept
{
    mode = 0666u;
    return true;
}

//! Never asked (publish_new_file_mode always knows).
template< typename Platform >
bool publish_probe_mode(Platform, HANDLE, const wchar_t*, mode_type&, int& err) noexcept
{
    err = ERROR_NOT_SUPPORTED;
    return false;
}

//! Gives the file open as `to` the owner and primary group of the target
//! (not through a reparse point), where they differ. Another user's SID as
//! owner needs SeRestorePrivilege enabled in the token; else the system
//! refuses (ERROR_INVALID_OWNER).
template< typename Platform >
bool publish_set_owner(Platform, HANDLE to, HANDLE, const publish_names& names, const target_facts&, int& err) noexcept
{
    HANDLE t = publish_open_target(Platform{}, names.target.c_str(), READ_CONTROL);
    if (t == INVALID_HANDLE_VALUE)
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    PSID owner = nullptr, group = nullptr, mine_owner = nullptr, mine_group = nullptr;
    PSECURITY_DESCRIPTOR raw = nullptr, mine_raw = nullptr;
    DWORD e = ::GetSecurityInfo(t, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION, &owner,
                                &group, nullptr, nullptr, &raw);
    ::CloseHandle(t);
    if (e != ERROR_SUCCESS)
    {
        err = static_cast< int >(e);
        return false;
    }
    const win::local_descriptor theirs(raw);
    e = ::GetSecurityInfo(to, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION, &mine_owner,
                          &mine_group, nullptr, nullptr, &mine_raw);
    if (e != ERROR_SUCCESS)
    {
        err = static_cast< int >(e);
        return false;
    }
    const win::local_descriptor mine(mine_raw);
    const bool same = owner && group && mine_owner && mine_group && ::EqualSid(owner, mine_owner) &&
                      ::EqualSid(group, mine_group);
    if (same)
        return true;
    e = set_security(Platform{}, to, OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION, owner, group, nullptr);
    err = static_cast< int >(e);
    return e == ERROR_SUCCESS;
}

//! Gives the file open as `to` the DACL of the target (not through a
//! reparse point), protected or not as it is there. 0 or a Win32 error.
template< typename Platform >
DWORD publish_copy_dacl(Platform, const filesystem::path& target, HANDLE to) noexcept
{
    HANDLE from = publish_open_target(Platform{}, target.c_str(), READ_CONTROL);
    if (from == INVALID_HANDLE_VALUE)
        return ::GetLastError();
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR raw = nullptr;
    DWORD e =
        ::GetSecurityInfo(from, SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl, nullptr, &raw);
    ::CloseHandle(from);
    if (e != ERROR_SUCCESS)
        return e;
    const win::local_descriptor sd(raw);
    SECURITY_DESCRIPTOR_CONTROL control = 0;
    DWORD revision = 0;
    if (!::GetSecurityDescriptorControl(raw, &control, &revision))
        return ::GetLastError();
    const SECURITY_INFORMATION what =
        DACL_SECURITY_INFORMATION |
        ((control & SE_DACL_PROTECTED) ? PROTECTED_DACL_SECURITY_INFORMATION : UNPROTECTED_DACL_SECURITY_INFORMATION);
    return set_security(Platform{}, to, what, nullptr, nullptr, dacl);
}

//! Gives the file open as `to` the DACL a new file in the directory open as
//! `dir` gets: computed from the directory's inheritable entries as the
//! system does at creation (the token's default DACL when there are none).
//! 0 or a Win32 error.
template< typename Platform >
DWORD publish_inherit_dacl(Platform, HANDLE dir, HANDLE to) noexcept
{
    PSECURITY_DESCRIPTOR raw_parent = nullptr;
    DWORD e = ::GetSecurityInfo(dir, SE_FILE_OBJECT,
                                DACL_SECURITY_INFORMATION | OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION,
                                nullptr, nullptr, nullptr, nullptr, &raw_parent);
    if (e != ERROR_SUCCESS)
        return e;
    const win::local_descriptor parent(raw_parent);
    HANDLE token = nullptr;
    if (!::OpenThreadToken(::GetCurrentThread(), TOKEN_QUERY, TRUE, &token))
    {
        if (::GetLastError() != ERROR_NO_TOKEN || !::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
            return ::GetLastError();
    }
    GENERIC_MAPPING mapping = {FILE_GENERIC_READ, FILE_GENERIC_WRITE, FILE_GENERIC_EXECUTE, FILE_ALL_ACCESS};
    PSECURITY_DESCRIPTOR made = nullptr;
    const BOOL ok = ::CreatePrivateObjectSecurityEx(
        raw_parent, nullptr, &made, nullptr, FALSE,
        SEF_DACL_AUTO_INHERIT | SEF_AVOID_OWNER_CHECK | SEF_AVOID_PRIVILEGE_CHECK, token, &mapping);
    e = ok ? 0 : ::GetLastError();
    ::CloseHandle(token);
    if (!ok)
        return e;
    BOOL present = FALSE, defaulted = FALSE;
    PACL dacl = nullptr;
    if (!::GetSecurityDescriptorDacl(made, &present, &dacl, &defaulted))
        e = ::GetLastError();
    else
        e = set_security(Platform{}, to, DACL_SECURITY_INFORMATION | UNPROTECTED_DACL_SECURITY_INFORMATION, nullptr,
                         nullptr, present ? dacl : nullptr);
    ::DestroyPrivateObjectSecurity(&made);
    return e;
}

//! The read-only attribute and the DACL for `mode` (see the top of this
//! file). `copied`: the target whose mode the policy chose, if it did.
template< typename Platform >
bool publish_set_mode(Platform, HANDLE file, HANDLE dir, const publish_names& names, mode_type mode,
                      const target_facts* copied, int& err) noexcept
{
    DWORD e = 0;
    if (copied)
        e = publish_copy_dacl(Platform{}, names.target, file);
    else if ((mode & 077u) != 0)
        e = publish_inherit_dacl(Platform{}, dir, file);
    if (e == 0 && (mode & 0200u) == 0 && !change_read_only(Platform{}, file, true, nullptr))
        e = ::GetLastError();
    err = static_cast< int >(e);
    return e == 0;
}

//! FlushFileBuffers of the new content.
template< typename Platform >
bool publish_sync_file(Platform, HANDLE file, int& err) noexcept
{
    if (sync_fd(Platform{}, file) == 0)
        return true;
    err = static_cast< int >(::GetLastError());
    return false;
}

//! Renames the temporary file over the target through its handle. A
//! read-only target refuses to be replaced where FileRenameInfoEx is
//! missing: its attribute is then cleared, and put back if the rename still
//! fails. The handle stays open (publish_finish flushes and closes it).
template< typename Platform >
publish_outcome publish_move(Platform, HANDLE& file, HANDLE, const publish_names& names, bool keep_existing)
{
    if (publish_handle(Platform{}, file, names.target.native(), !keep_existing))
        return publish_outcome{publish_outcome::published, 0};
    const DWORD e = ::GetLastError();
    // A taken target is one error whatever the call said (ERROR_ALREADY_EXISTS
    // from a rename), the same code a creation loop and persist(no_clobber)
    // report, so that callers comparing codes see one "file exists".
    if (keep_existing && win::name_taken(e))
        return publish_outcome{publish_outcome::refused, ERROR_FILE_EXISTS};
    if (e != ERROR_ACCESS_DENIED || keep_existing)
        return publish_outcome{publish_outcome::refused, static_cast< int >(e)};
    HANDLE t = publish_open_target(Platform{}, names.target.c_str(), FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES);
    if (t == INVALID_HANDLE_VALUE)
        return publish_outcome{publish_outcome::refused, static_cast< int >(e)};
    bool was_read_only = false;
    DWORD result = e;
    if (change_read_only(Platform{}, t, false, &was_read_only) && was_read_only)
    {
        if (publish_handle(Platform{}, file, names.target.native(), true))
            result = 0;
        else
        {
            result = ::GetLastError();
            change_read_only(Platform{}, t, true, nullptr);
        }
    }
    ::CloseHandle(t);
    return result == 0 ? publish_outcome{publish_outcome::published, 0}
                       : publish_outcome{publish_outcome::refused, static_cast< int >(result)};
}

//! After the rename: the flush that stands in for the directory sync (on
//! NTFS it commits the log that holds the rename) when `sync`, then the
//! file's handle is closed and the directory let go.
template< typename Platform >
finish_failure publish_finish(Platform, HANDLE& file, HANDLE& dir, bool sync, int& err) noexcept
{
    finish_failure failed = finish_failure::none;
    if (sync && sync_fd(Platform{}, file) != 0)
    {
        err = static_cast< int >(::GetLastError());
        failed = finish_failure::sync;
    }
    if (close_fd(Platform{}, file) != 0 && failed == finish_failure::none)
    {
        err = static_cast< int >(::GetLastError());
        failed = finish_failure::close;
    }
    file = INVALID_HANDLE_VALUE;
    ::CloseHandle(dir);
    dir = INVALID_HANDLE_VALUE;
    return failed;
}

template< typename Platform >
const char* publish_finish_text(Platform, finish_failure failed) noexcept
{
    return failed == finish_failure::close ? "closing it failed" : "it could not be flushed";
}

//! Removes the temporary file through its handle and closes it; after an
//! earlier failure to remove it, by its name, if the name still means it.
//! False and err when it could not be removed (it is still the caller's).
template< typename Platform >
bool publish_remove_temp(Platform, HANDLE& file, HANDLE, const publish_names& names, const file_identity& id,
                         int& err) noexcept
{
    if (file != INVALID_HANDLE_VALUE)
    {
        const bool removed = delete_handle(Platform{}, file);
        if (!removed)
            err = static_cast< int >(::GetLastError());
        ::CloseHandle(file);
        file = INVALID_HANDLE_VALUE;
        return removed;
    }
    HANDLE h = create_file(Platform{}, names.temp.c_str(), DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES,
                           win::share_all, nullptr, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        if (win::not_found(e))
            return true;
        err = static_cast< int >(e);
        return false;
    }
    file_identity got;
    publish_identify_temp(Platform{}, h, got);
    bool removed = true; // someone else's file now: not ours to remove
    if (got == id && !delete_handle(Platform{}, h))
    {
        err = static_cast< int >(::GetLastError());
        removed = false;
    }
    ::CloseHandle(h);
    return removed;
}

template< typename Platform >
void publish_close(Platform, HANDLE& h) noexcept
{
    if (h != INVALID_HANDLE_VALUE)
        ::CloseHandle(h);
    h = INVALID_HANDLE_VALUE;
}

template< typename Platform >
const char* publish_rename_hint(Platform, int err, bool keep_existing) noexcept
{
    const DWORD e = static_cast< DWORD >(err);
    if (win::name_taken(e) && keep_existing)
        return ": the target already exists";
    if (e == ERROR_NOT_SAME_DEVICE)
        return ": cannot rename the temporary file over the target: they are on different volumes";
    if (e == ERROR_ACCESS_DENIED || e == ERROR_SHARING_VIOLATION)
        return ": cannot rename the temporary file over the target (is the target open without FILE_SHARE_DELETE, "
               "or a directory?)";
    return ": cannot rename the temporary file over the target";
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
