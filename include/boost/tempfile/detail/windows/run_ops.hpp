// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_RUN_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_RUN_OPS_HPP
#pragma once

// run_dir on Windows:
// - the root <parent>\<app>-<SID> is made with the owner-only DACL of
//   temp_dir, opened without following a reparse point, and refused if it
//   is one, if it is no directory, or if its owner is neither the user
//   nor the owner this process gives what it creates (TokenOwner);
// - a run is alive while its lock file "<run>\.lock" is held open without
//   any sharing: the kernel closes a dead process's handles, and a sweep that
//   can then open the file knows the owner is gone (it opens it sharing
//   deletion only, so that a second sweep meets a sharing violation and
//   leaves the run to the first). Windows cannot rename a directory holding
//   an open file, so runs are not staged: a run directory is made under its
//   run name, and one without its lock file is a run being made -- or the
//   remains of a creator that died before making the file, removed once
//   older than incomplete_run_grace_seconds;
// - removal: the lock file is marked for deletion through its handle and
//   closed, then the run goes with the hardened walk.

#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/run_types.hpp>
#include <boost/tempfile/detail/windows/dir_ops.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/platform.hpp>

#include <aclapi.h>
#include <sddl.h>

#include <boost/core/no_exceptions_support.hpp>

#include <string>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

struct run_root
{
    HANDLE h = INVALID_HANDLE_VALUE;
};

struct run_lock
{
    HANDLE dir = INVALID_HANDLE_VALUE;
    HANDLE lock = INVALID_HANDLE_VALUE; // "<run>\.lock", held without sharing by the run's process
    file_identity id;
    long long mtime = 0; // seconds since 1601: only compared
};

namespace win {

constexpr const wchar_t* run_lock_name = L"\\.lock";

//! The SID of the token's user (`owner` false) or default owner (true), as
//! a string; empty with GetLastError() on failure.
inline std::string token_sid(bool owner)
{
    HANDLE token = nullptr;
    if (!::OpenThreadToken(::GetCurrentThread(), TOKEN_QUERY, TRUE, &token) &&
        (::GetLastError() != ERROR_NO_TOKEN || !::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token)))
        return std::string();
    alignas(8) unsigned char buffer[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    DWORD size = 0;
    const bool ok = ::GetTokenInformation(token, owner ? TokenOwner : TokenUser, buffer, sizeof buffer, &size) != 0;
    const DWORD e = ::GetLastError();
    ::CloseHandle(token);
    if (!ok)
    {
        ::SetLastError(e);
        return std::string();
    }
    PSID sid = owner ? reinterpret_cast< TOKEN_OWNER* >(buffer)->Owner : reinterpret_cast< TOKEN_USER* >(buffer)->User.Sid;
    char* text = nullptr;
    if (!::ConvertSidToStringSidA(sid, &text))
        return std::string();
    std::string out;
    BOOST_TRY
    {
        out = text;
    }
    BOOST_CATCH(...)
    {
        ::LocalFree(text);
        BOOST_RETHROW
    }
    BOOST_CATCH_END
    ::LocalFree(text);
    return out;
}

//! Whether the object open as h is owned by the SID `expected` (a string).
inline bool owned_by(HANDLE h, const std::string& expected, DWORD& err) noexcept
{
    PSID owner = nullptr;
    PSECURITY_DESCRIPTOR sd = nullptr;
    err = ::GetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, nullptr, nullptr, nullptr, &sd);
    if (err != ERROR_SUCCESS)
        return false;
    bool same = false;
    char* text = nullptr;
    if (owner && ::ConvertSidToStringSidA(owner, &text))
    {
        same = expected == text;
        ::LocalFree(text);
    }
    ::LocalFree(sd);
    return same;
}

inline HANDLE open_dir_no_follow(const wchar_t* path) noexcept
{
    return ::CreateFileW(path, FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | READ_CONTROL | SYNCHRONIZE, share_all,
                         nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
}

inline long long write_time_seconds(HANDLE h) noexcept
{
    FILETIME t;
    if (!::GetFileTime(h, nullptr, nullptr, &t))
        return 0;
    const unsigned long long ticks = (static_cast< unsigned long long >(t.dwHighDateTime) << 32) | t.dwLowDateTime;
    return static_cast< long long >(ticks / 10000000ULL);
}

inline long long now_seconds() noexcept
{
    FILETIME t;
    ::GetSystemTimeAsFileTime(&t);
    const unsigned long long ticks = (static_cast< unsigned long long >(t.dwHighDateTime) << 32) | t.dwLowDateTime;
    return static_cast< long long >(ticks / 10000000ULL);
}

inline void close_if_open(HANDLE& h) noexcept
{
    if (h != INVALID_HANDLE_VALUE)
        ::CloseHandle(h);
    h = INVALID_HANDLE_VALUE;
}

} // namespace win

template< typename Platform, if_windows< Platform > = 0 >
constexpr bool stages_runs(Platform) noexcept
{
    return false;
}

//! What tells one user's root from another's: the user's SID.
template< typename Platform, if_windows< Platform > = 0 >
std::string user_tag(Platform, int& err)
{
    std::string sid = win::token_sid(false);
    if (sid.empty())
        err = static_cast< int >(::GetLastError());
    return sid;
}

template< typename Platform, if_windows< Platform > = 0 >
bool open_run_root(Platform, const wchar_t* path, bool create, run_root& root, root_refusal& why, int& err)
{
    why = root_refusal::none;
    if (create)
    {
        new_dir_attributes attributes;
        if (!prepare_new_dir(Platform{}, attributes, 0700, err))
        {
            why = root_refusal::cannot_create;
            return false;
        }
        if (!create_dir(Platform{}, path, attributes.attributes) && ::GetLastError() != ERROR_ALREADY_EXISTS)
        {
            err = static_cast< int >(::GetLastError());
            why = root_refusal::cannot_create;
            return false;
        }
    }
    HANDLE h = win::open_dir_no_follow(path);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        err = static_cast< int >(e);
        why = !create && win::not_found(e) ? root_refusal::absent
            : e == ERROR_DIRECTORY         ? root_refusal::not_directory
                                           : root_refusal::cannot_open;
        return false;
    }
    file_identity id;
    DWORD attributes = 0;
    DWORD e = ERROR_SUCCESS;
    if (!win::identify(h, id, &attributes))
    {
        e = ::GetLastError();
        why = root_refusal::cannot_open;
    }
    else if (attributes & FILE_ATTRIBUTE_REPARSE_POINT)
    {
        e = ERROR_CANT_RESOLVE_FILENAME;
        why = root_refusal::symlink;
    }
    else if (!(attributes & FILE_ATTRIBUTE_DIRECTORY))
    {
        e = ERROR_DIRECTORY;
        why = root_refusal::not_directory;
    }
    else
    {
        // The user, or the default owner the token gives what it creates
        // (BUILTIN\Administrators for an elevated administrator).
        const std::string user = win::token_sid(false);
        const std::string owner = win::token_sid(true);
        if (user.empty() || owner.empty())
        {
            e = ::GetLastError();
            why = root_refusal::cannot_open;
        }
        else if (!win::owned_by(h, user, e) && (e != ERROR_SUCCESS || !win::owned_by(h, owner, e)))
        {
            if (e == ERROR_SUCCESS)
                e = ERROR_ACCESS_DENIED;
            why = root_refusal::foreign_owner;
        }
    }
    if (why != root_refusal::none)
    {
        ::CloseHandle(h);
        err = static_cast< int >(e);
        return false;
    }
    root.h = h;
    return true;
}

template< typename Platform, if_windows< Platform > = 0 >
void close_run_root(Platform, run_root& root) noexcept
{
    win::close_if_open(root.h);
}

template< typename Platform, if_windows< Platform > = 0 >
bool list_run_root(Platform, const run_root& root, std::vector< path_string >& names, int& err)
{
    std::vector< win::dir_entry > entries;
    if (!win::list_directory(root.h, entries))
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    for (win::dir_entry& e : entries)
        names.push_back(std::move(e.name));
    return true;
}

template< typename Platform, if_windows< Platform > = 0 >
bool make_run_entry(Platform, const run_root&, const wchar_t* full, const wchar_t*, int& err) noexcept
{
    new_dir_attributes attributes;
    if (!prepare_new_dir(Platform{}, attributes, 0700, err))
        return false;
    if (create_dir(Platform{}, full, attributes.attributes))
        return true;
    err = static_cast< int >(::GetLastError());
    return false;
}

//! Opens the run just made and creates its lock file, held without sharing
//! (DELETE access: the run's own removal marks it for deletion). May throw
//! std::bad_alloc before the lock file exists: the directory left is a run
//! being made, which a sweep removes once it is old.
template< typename Platform, if_windows< Platform > = 0 >
bool open_new_run(Platform, const run_root&, const wchar_t* full, const wchar_t*, run_lock& run, int& err)
{
    const std::wstring lock_path = std::wstring(full) + win::run_lock_name;
    run.dir = win::open_dir_no_follow(full);
    if (run.dir == INVALID_HANDLE_VALUE || !win::identify(run.dir, run.id))
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    run.lock = create_file(Platform{}, lock_path.c_str(), GENERIC_READ | GENERIC_WRITE | DELETE, 0, nullptr, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL);
    if (run.lock == INVALID_HANDLE_VALUE)
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    run.mtime = win::write_time_seconds(run.dir);
    return true;
}

template< typename Platform, if_windows< Platform > = 0 >
bool publish_run(Platform, const run_root&, const wchar_t*, const wchar_t*, int&) noexcept
{
    return true; // runs are not staged on Windows
}

//! Removes a run whose creation failed half-way.
template< typename Platform, if_windows< Platform > = 0 >
void discard_new_run(Platform, const run_root&, const wchar_t* full, const wchar_t*, run_lock& run) noexcept
{
    const DWORD e = ::GetLastError();
    if (run.lock != INVALID_HANDLE_VALUE)
        win::delete_by_handle(run.lock);
    win::close_if_open(run.lock);
    win::close_if_open(run.dir);
    ::RemoveDirectoryW(full);
    ::SetLastError(e);
}

template< typename Platform, if_windows< Platform > = 0 >
run_probe probe_run(Platform, const run_root&, const wchar_t* full, const wchar_t*, bool, run_lock& run, int& err)
{
    const std::wstring lock_path = std::wstring(full) + win::run_lock_name;
    HANDLE dir = win::open_dir_no_follow(full);
    if (dir == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        err = static_cast< int >(e);
        if (win::not_found(e))
            return run_probe::gone;
        return e == ERROR_DIRECTORY ? run_probe::not_ours : run_probe::failed;
    }
    file_identity id;
    DWORD attributes = 0;
    if (!win::identify(dir, id, &attributes))
    {
        err = static_cast< int >(::GetLastError());
        ::CloseHandle(dir);
        return run_probe::failed;
    }
    if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
    {
        ::CloseHandle(dir);
        return run_probe::not_ours; // a link or a file: never followed, never removed
    }
    HANDLE lock = ::CreateFileW(lock_path.c_str(), GENERIC_READ | DELETE, FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                                FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    run_probe result = run_probe::dead;
    if (lock == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        if (e == ERROR_SHARING_VIOLATION || e == ERROR_ACCESS_DENIED) // held, or being deleted by a sweep
            result = run_probe::alive;
        else if (!win::not_found(e))
        {
            err = static_cast< int >(e);
            result = run_probe::failed;
        }
        else if (win::now_seconds() - win::write_time_seconds(dir) < incomplete_run_grace_seconds)
            result = run_probe::young;
    }
    if (result != run_probe::dead)
    {
        win::close_if_open(lock);
        ::CloseHandle(dir);
        return result;
    }
    run.dir = dir;
    run.lock = lock;
    run.id = id;
    run.mtime = win::write_time_seconds(dir);
    return run_probe::dead;
}

//! Marks the lock file for deletion and closes it, so that the walk can
//! remove the run; the directory's handle tells the walk a run deleted by
//! someone else meanwhile.
template< typename Platform, if_windows< Platform > = 0 >
HANDLE handle_for_removal(Platform, run_lock& run) noexcept
{
    if (run.lock != INVALID_HANDLE_VALUE)
        win::delete_by_handle(run.lock);
    win::close_if_open(run.lock);
    return run.dir;
}

template< typename Platform, if_windows< Platform > = 0 >
HANDLE native_run_handle(Platform, const run_lock& run) noexcept
{
    return run.dir;
}

template< typename Platform, if_windows< Platform > = 0 >
void release_run(Platform, run_lock& run) noexcept
{
    win::close_if_open(run.lock);
    win::close_if_open(run.dir);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
