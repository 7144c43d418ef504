// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_REMOVE_TREE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_REMOVE_TREE_HPP
#pragma once

// Removes the contents of a directory tree on Windows. Win32 has no openat(),
// so entries are reached by path; what makes the paths safe is pinning:
// - every directory on the way down (the root included, by the caller) is
//   held open without FILE_SHARE_DELETE, so nobody can rename or delete it,
//   or any ancestor, while its contents are removed: the path prefix keeps
//   meaning the directories that were checked;
// - an entry whose attributes say reparse point (a junction, a symbolic
//   link, a mount point; under wine, a Unix symlink to a directory) is
//   removed itself, never entered: opened without following it and deleted
//   through that handle, only if the handle says reparse point too;
// - a directory is entered only after it was opened with
//   FILE_FLAG_OPEN_REPARSE_POINT and its handle says directory and no
//   reparse point;
// - files are opened without following a reparse point and deleted through
//   that handle, read-only ones too (the attribute is cleared first).
// The first error is kept with its path; the walk goes on removing all it can.

#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/windows/create.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <memory>
#include <string>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! The first error of a removal and where it happened (as on POSIX).
struct removal_result
{
    system::error_code error;
    filesystem::path where;
};

namespace win {

struct entry
{
    std::wstring name;
    DWORD attributes;
};

//! Access and sharing of a pinned directory: listed and deleted by us,
//! neither renamed nor deleted by anybody else meanwhile.
constexpr DWORD pinned_dir_access = DELETE | FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES |
                                    SYNCHRONIZE;
constexpr DWORD pinned_dir_share = FILE_SHARE_READ | FILE_SHARE_WRITE;

inline HANDLE pin_directory(const wchar_t* path) noexcept
{
    return ::CreateFileW(path, pinned_dir_access, pinned_dir_share, nullptr, OPEN_EXISTING,
                         FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
}

inline void keep_first(removal_result& result, DWORD e, const std::wstring& where)
{
    if (!result.error)
    {
        result.error = win32_code(e);
        result.where = filesystem::path(where);
    }
}

//! Lists the directory open as h (without "." and ".."), through the handle:
//! a listing by name (FindFirstFileW) would need a share mode the pin denies.
//! False and GetLastError() on failure.
inline bool list_directory(HANDLE h, std::vector< entry >& out)
{
    out.clear();
    // On the heap: the walk recurses, and Windows stacks are 1 MiB.
    constexpr DWORD size = 64 * 1024;
    std::unique_ptr< unsigned long long[] > storage(new unsigned long long[size / sizeof(unsigned long long)]);
    unsigned char* const buf = reinterpret_cast< unsigned char* >(storage.get());
    FILE_INFO_BY_HANDLE_CLASS kind = FileFullDirectoryRestartInfo;
    for (;;)
    {
        if (!::GetFileInformationByHandleEx(h, kind, buf, size))
        {
            const DWORD e = ::GetLastError();
            if (e == ERROR_NO_MORE_FILES)
                return true;
            return false;
        }
        kind = FileFullDirectoryInfo;
        const unsigned char* at = buf;
        for (;;)
        {
            const FILE_FULL_DIR_INFO* info = reinterpret_cast< const FILE_FULL_DIR_INFO* >(at);
            const std::wstring name(info->FileName, info->FileNameLength / sizeof(wchar_t));
            if (name != L"." && name != L"..")
                out.push_back(entry{name, info->FileAttributes});
            if (info->NextEntryOffset == 0)
                break;
            at += info->NextEntryOffset;
        }
    }
}

//! Removes a reparse point itself, never what it points to: through a handle
//! opened without following it, and only if that handle says reparse point.
//! wine 8 lists a Unix symlink to a directory as a directory reparse point but
//! resolves it when it is opened, so that deleting it -- through a handle or
//! with RemoveDirectoryW -- removes the target directory when that is empty,
//! and leaves the link. Then nothing is deleted: false with
//! ERROR_NOT_A_REPARSE_POINT. False and GetLastError() on failure.
inline bool remove_link(const std::wstring& path) noexcept
{
    HANDLE h = open_for_delete(path.c_str(), pinned_file_share);
    if (h == INVALID_HANDLE_VALUE)
        return false;
    DWORD e = 0;
    FILE_ATTRIBUTE_TAG_INFO tag;
    if (!::GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag))
        e = ::GetLastError();
    else if (!(tag.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
        e = ERROR_NOT_A_REPARSE_POINT; // the system opened what it points to
    else if (!delete_by_handle(h))
        e = ::GetLastError();
    ::CloseHandle(h);
    ::SetLastError(e);
    return e == 0;
}

//! Deletes a file (or anything that is not a directory to enter) through a
//! handle opened without following a reparse point.
inline bool remove_file(const std::wstring& path) noexcept
{
    HANDLE h = open_for_delete(path.c_str(), share_all);
    if (h == INVALID_HANDLE_VALUE)
        return not_found(::GetLastError());
    const bool ok = delete_by_handle(h);
    const DWORD e = ::GetLastError();
    ::CloseHandle(h);
    ::SetLastError(e);
    return ok;
}

//! Removes everything inside the directory `dir`, pinned as `pinned`.
inline void remove_contents(HANDLE pinned, const std::wstring& dir, removal_result& result, unsigned depth = 0)
{
    std::vector< entry > entries;
    if (!list_directory(pinned, entries))
    {
        keep_first(result, ::GetLastError(), dir);
        return;
    }
    for (const entry& e : entries)
    {
        const std::wstring child = dir + L"\\" + e.name;
        if (e.attributes & FILE_ATTRIBUTE_REPARSE_POINT)
        {
            if (!remove_link(child) && !not_found(::GetLastError()))
                keep_first(result, ::GetLastError(), child);
            continue;
        }
        if (!(e.attributes & FILE_ATTRIBUTE_DIRECTORY))
        {
            if (!remove_file(child))
                keep_first(result, ::GetLastError(), child);
            continue;
        }
        HANDLE h = pin_directory(child.c_str());
        if (h == INVALID_HANDLE_VALUE)
        {
            if (!not_found(::GetLastError()))
                keep_first(result, ::GetLastError(), child);
            continue;
        }
        file_id ignored;
        DWORD attributes = 0;
        if (!identify(h, ignored, &attributes))
            keep_first(result, ::GetLastError(), child);
        else if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
        {
            // Swapped for a link or a file since it was listed: remove that
            // itself, through the handle we hold.
            if (!delete_by_handle(h))
                keep_first(result, ::GetLastError(), child);
        }
        else
        {
            if (depth < 1024)
                remove_contents(h, child, result, depth + 1);
            if (!delete_by_handle(h))
                keep_first(result, ::GetLastError(), child);
        }
        ::CloseHandle(h);
    }
}

} // namespace win
} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
