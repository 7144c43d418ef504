// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_DIR_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_DIR_OPS_HPP
#pragma once

// The directory operations of temp_dir and of the removal walk on Windows
// (the same names as detail/posix/dir_ops.hpp), each taking the platform tag
// first and reporting a failure by its result and a Win32 code in `err`.
// Creation, deletion and the directory's own removal go through the tag's
// wrappers (detail/windows/sys.hpp), so that fault_injecting_platform
// reaches them. Win32 has no openat(), so the walk reaches entries by path;
// what makes the paths safe is pinning:
// - every directory on the way down (the root included) is held open without
//   FILE_SHARE_DELETE, so nobody can rename or delete it, or any ancestor,
//   while its contents are removed: the path prefix keeps meaning the
//   directories that were checked. No level is ever let go
//   (walk_open_limit() is unbounded): a let-go level could not be pinned
//   again safely;
// - an entry whose attributes say reparse point (a junction, a symbolic
//   link, a mount point; under wine, a Unix symlink to a directory) is
//   removed itself, never entered: opened without following it and deleted
//   through that handle, only if the handle says reparse point too;
// - a directory is entered only after it was opened with
//   FILE_FLAG_OPEN_REPARSE_POINT and its handle says directory and no
//   reparse point;
// - files are opened without following a reparse point and deleted through
//   that handle, read-only ones too (the attribute is cleared first).
// Modes need no repair: a read-only directory is deleted through its
// handle like a read-only file.

#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/walk_types.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/platform.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! Enables an operation for the Windows tag and the tags derived from it.
template< typename Platform >
using if_windows = typename std::enable_if< std::is_base_of< windows_platform, Platform >::value, int >::type;

namespace win {

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

//! The identity of an open file or directory, and its attributes.
inline bool identify(HANDLE h, file_identity& id, DWORD* attributes = nullptr) noexcept
{
    BY_HANDLE_FILE_INFORMATION info;
    if (!::GetFileInformationByHandle(h, &info))
        return false;
    id.device = info.dwVolumeSerialNumber;
    id.inode = (static_cast< std::uint64_t >(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
    if (attributes)
        *attributes = info.dwFileAttributes;
    return true;
}

struct dir_entry
{
    std::wstring name;
    DWORD attributes;
};

//! Lists the directory open as h (without "." and ".."), through the handle:
//! a listing by name (FindFirstFileW) would need a share mode the pin denies.
//! False and GetLastError() on failure. May throw std::bad_alloc.
inline bool list_directory(HANDLE h, std::vector< dir_entry >& out)
{
    out.clear();
    constexpr DWORD size = 64 * 1024;
    std::unique_ptr< unsigned long long[] > storage(new unsigned long long[size / sizeof(unsigned long long)]);
    unsigned char* const buf = reinterpret_cast< unsigned char* >(storage.get());
    FILE_INFO_BY_HANDLE_CLASS kind = FileFullDirectoryRestartInfo;
    for (;;)
    {
        if (!::GetFileInformationByHandleEx(h, kind, buf, size))
            return ::GetLastError() == ERROR_NO_MORE_FILES;
        kind = FileFullDirectoryInfo;
        const unsigned char* at = buf;
        for (;;)
        {
            const FILE_FULL_DIR_INFO* info = reinterpret_cast< const FILE_FULL_DIR_INFO* >(at);
            std::wstring name(info->FileName, info->FileNameLength / sizeof(wchar_t));
            if (name != L"." && name != L"..")
                out.push_back(dir_entry{std::move(name), info->FileAttributes});
            if (info->NextEntryOffset == 0)
                break;
            at += info->NextEntryOffset;
        }
    }
}

} // namespace win

// ---- creation ------------------------------------------------------------------------------

//! What a new directory is made with: an owner-only DACL whose entry is
//! inherited by what is created inside (the counterpart of 0700), or the
//! parent's inherited permissions when the policy's mode shares it.
struct new_dir_attributes
{
    win::owner_only_security owner;
    SECURITY_ATTRIBUTES plain;
    SECURITY_ATTRIBUTES* attributes = nullptr;
};

template< typename Platform, if_windows< Platform > = 0 >
bool prepare_new_dir(Platform, new_dir_attributes& a, unsigned mode, int& err) noexcept
{
    if ((mode & 077u) == 0)
    {
        if (!a.owner.init(true))
        {
            err = static_cast< int >(::GetLastError());
            return false;
        }
        a.attributes = a.owner.get();
        return true;
    }
    a.plain.nLength = sizeof a.plain;
    a.plain.lpSecurityDescriptor = nullptr;
    a.plain.bInheritHandle = FALSE;
    a.attributes = &a.plain;
    return true;
}

//! CreateDirectoryW: exclusive, never follows what is there.
template< typename Platform, if_windows< Platform > = 0 >
bool make_dir(Platform, const wchar_t* path, const new_dir_attributes& a, int& err) noexcept
{
    if (create_dir(Platform{}, path, a.attributes))
        return true;
    err = static_cast< int >(::GetLastError());
    return false;
}

template< typename Platform, if_windows< Platform > = 0 >
void remove_new_dir(Platform, const wchar_t* path) noexcept
{
    const DWORD e = ::GetLastError();
    ::RemoveDirectoryW(path);
    ::SetLastError(e);
}

//! Opens the directory just made (FILE_LIST_DIRECTORY, full sharing, so that
//! the user may still rename or remove it) and reads its identity. The DACL
//! was set at creation: nothing to repair. INVALID_HANDLE_VALUE and err.
template< typename Platform, if_windows< Platform > = 0 >
HANDLE open_new_dir(Platform, const wchar_t* path, unsigned, bool, file_identity& id, new_dir_step& step,
                    int& err) noexcept
{
    step = new_dir_step::open;
    HANDLE h = ::CreateFileW(path, FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | SYNCHRONIZE, win::share_all, nullptr,
                             OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h != INVALID_HANDLE_VALUE)
    {
        step = new_dir_step::status;
        if (win::identify(h, id))
            return h;
    }
    err = static_cast< int >(::GetLastError());
    if (h != INVALID_HANDLE_VALUE)
        ::CloseHandle(h);
    return INVALID_HANDLE_VALUE;
}

template< typename Platform, if_windows< Platform > = 0 >
void close_dir_handle(Platform, HANDLE h) noexcept
{
    ::CloseHandle(h);
}

// ---- the walk ---------------------------------------------------------------------------

template< typename Platform, if_windows< Platform > = 0 >
walk_error classify(Platform, int err) noexcept
{
    switch (static_cast< DWORD >(err))
    {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        return walk_error::gone;
    case ERROR_DIR_NOT_EMPTY:
        return walk_error::not_empty;
    case ERROR_ACCESS_DENIED:
        return walk_error::denied;
    case ERROR_FILE_INVALID:
        return walk_error::stale;
    default:
        return walk_error::other; // out of handles too: no level is let go on Windows
    }
}

//! The code reported for a name that now means another directory (POSIX
//! reports ESTALE, which Windows lacks).
template< typename Platform, if_windows< Platform > = 0 >
int stale_error(Platform) noexcept
{
    return static_cast< int >(ERROR_FILE_INVALID);
}

template< typename Platform, if_windows< Platform > = 0 >
constexpr std::size_t walk_open_limit(Platform) noexcept
{
    return static_cast< std::size_t >(-1);
}

//! A pinned directory of the walk, with its path (to reach its entries)
//! and its listing, read whole through the handle.
struct walk_dir
{
    HANDLE h = INVALID_HANDLE_VALUE;
    std::wstring path;
    std::vector< win::dir_entry > entries;
    std::size_t next = 0;
    bool listed = false;
    file_identity id;

    walk_dir() noexcept = default;
    walk_dir(walk_dir&& o) noexcept
        : h(o.h), path(std::move(o.path)), entries(std::move(o.entries)), next(o.next), listed(o.listed), id(o.id)
    {
        o.h = INVALID_HANDLE_VALUE;
    }
    walk_dir& operator=(walk_dir&&) = delete;
    walk_dir(const walk_dir&) = delete;
    ~walk_dir()
    {
        if (h != INVALID_HANDLE_VALUE)
            ::CloseHandle(h);
    }
    bool let_go() const noexcept { return h == INVALID_HANDLE_VALUE; }
};

//! Nothing to compare with the root: reparse points are recognised by
//! their attributes.
struct walk_tree
{
};

//! Pins the directory by name and accepts it only if it is the directory
//! made (`id`) and no reparse point. `held`, the owner's handle, tells a
//! directory someone else deleted while we hold it (its name answers
//! ERROR_ACCESS_DENIED until our handle closes: delete pending) from one we
//! may not open. May throw std::bad_alloc, before a handle is taken.
template< typename Platform, if_windows< Platform > = 0 >
root_status open_root(Platform, const wchar_t* path, const file_identity& id, HANDLE held, walk_dir& root, int& err)
{
    root.path = path;
    root.id = id;
    HANDLE h = win::pin_directory(path);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        if (win::not_found(e) ||
            (e == ERROR_ACCESS_DENIED && held != INVALID_HANDLE_VALUE && win::delete_pending(held)))
            return root_status::gone;
        err = static_cast< int >(e);
        return root_status::failed;
    }
    file_identity got;
    DWORD attributes = 0;
    if (!win::identify(h, got, &attributes))
        err = static_cast< int >(::GetLastError());
    else if (got != id || (attributes & FILE_ATTRIBUTE_REPARSE_POINT) || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
        err = static_cast< int >(ERROR_FILE_INVALID); // not ours: left alone
    else
    {
        root.h = h;
        return root_status::ready;
    }
    ::CloseHandle(h);
    return root_status::failed;
}

//! Deletes the pinned root through its handle: the name goes when the last
//! handle closes (at once with POSIX semantics). ERROR_DIR_NOT_EMPTY while
//! it holds entries.
template< typename Platform, if_windows< Platform > = 0 >
bool remove_root(Platform, walk_dir& root, const wchar_t*, const file_identity&, int& err) noexcept
{
    if (delete_handle(Platform{}, root.h))
        return true;
    err = static_cast< int >(::GetLastError());
    return false;
}

template< typename Platform, if_windows< Platform > = 0 >
void start_walk(Platform, walk_tree&, const walk_dir&) noexcept
{
}

//! The listing is read through the pinning handle itself.
template< typename Platform, if_windows< Platform > = 0 >
bool open_listing(Platform, walk_dir&, int&) noexcept
{
    return true;
}

//! The next entry; the whole listing is read at the first call. May throw
//! std::bad_alloc.
template< typename Platform, if_windows< Platform > = 0 >
walk_read read_entry(Platform, walk_dir& d, const wchar_t*& name, walk_hint& hint, int& err)
{
    if (!d.listed)
    {
        if (!win::list_directory(d.h, d.entries))
        {
            err = static_cast< int >(::GetLastError());
            d.entries.clear();
            return walk_read::failed;
        }
        d.listed = true;
        d.next = 0;
    }
    if (d.next == d.entries.size())
        return walk_read::end;
    const win::dir_entry& e = d.entries[d.next++];
    name = e.name.c_str();
    hint = (e.attributes & FILE_ATTRIBUTE_REPARSE_POINT) ? walk_hint::link
           : (e.attributes & FILE_ATTRIBUTE_DIRECTORY)   ? walk_hint::directory
                                                         : walk_hint::unknown;
    return walk_read::entry;
}

template< typename Platform, if_windows< Platform > = 0 >
void rewind_listing(Platform, walk_dir& d) noexcept
{
    d.listed = false;
    d.entries.clear();
}

//! Removes a reparse point itself, never what it points to: through a
//! handle opened without following it, and only if that handle says
//! reparse point. wine 8 lists a Unix symlink to a directory as a directory
//! reparse point but resolves it when it is opened, so that deleting it --
//! through a handle or with RemoveDirectoryW -- removes the target
//! directory when that is empty, and leaves the link. Then nothing is
//! deleted: false with ERROR_NOT_A_REPARSE_POINT.
template< typename Platform >
bool remove_link(const std::wstring& path, int& err) noexcept
{
    HANDLE h = win::open_for_delete(path.c_str(), win::pinned_file_share);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        err = static_cast< int >(e);
        return win::not_found(e);
    }
    DWORD e = 0;
    FILE_ATTRIBUTE_TAG_INFO tag;
    if (!::GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag))
        e = ::GetLastError();
    else if (!(tag.FileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
        e = ERROR_NOT_A_REPARSE_POINT; // the system opened what it points to
    else if (!delete_handle(Platform{}, h))
        e = ::GetLastError();
    ::CloseHandle(h);
    err = static_cast< int >(e);
    return e == 0;
}

//! Deletes a file (or anything that is not a directory to enter) through a
//! handle opened without following a reparse point.
template< typename Platform >
bool remove_file(const std::wstring& path, int& err) noexcept
{
    HANDLE h = win::open_for_delete(path.c_str(), win::share_all);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        err = static_cast< int >(e);
        return win::not_found(e);
    }
    const bool ok = delete_handle(Platform{}, h);
    err = static_cast< int >(::GetLastError());
    ::CloseHandle(h);
    return ok;
}

//! Removes a link or file entry of `parent`. May throw std::bad_alloc
//! (the entry's path), before a handle is taken.
template< typename Platform, if_windows< Platform > = 0 >
walk_outcome remove_entry(Platform, walk_dir& parent, const wchar_t* name, walk_hint hint, int& err)
{
    const std::wstring path = parent.path + L'\\' + name;
    const bool ok = hint == walk_hint::link ? remove_link< Platform >(path, err) : remove_file< Platform >(path, err);
    return ok ? walk_outcome::done : walk_outcome::failed;
}

//! Pins the subdirectory `name` of `parent` into `child`. Swapped for a link
//! or a file since it was listed, it is removed itself through the handle
//! held (done, nothing entered). May throw std::bad_alloc (the path),
//! before a handle is taken.
template< typename Platform, if_windows< Platform > = 0 >
walk_outcome enter_dir(Platform, const walk_tree&, walk_dir& parent, const wchar_t* name, walk_dir& child, int& err)
{
    child.path = parent.path + L'\\' + name;
    HANDLE h = win::pin_directory(child.path.c_str());
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        err = static_cast< int >(e);
        return win::not_found(e) ? walk_outcome::done : walk_outcome::failed;
    }
    DWORD attributes = 0;
    walk_outcome outcome = walk_outcome::done;
    if (!win::identify(h, child.id, &attributes))
    {
        err = static_cast< int >(::GetLastError());
        outcome = walk_outcome::failed;
    }
    else if ((attributes & FILE_ATTRIBUTE_REPARSE_POINT) || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
    {
        if (!delete_handle(Platform{}, h))
        {
            err = static_cast< int >(::GetLastError());
            outcome = walk_outcome::failed;
        }
    }
    else
    {
        child.h = h;
        return walk_outcome::done;
    }
    ::CloseHandle(h);
    return outcome;
}

//! Deletes the emptied directory through the handle pinning it.
template< typename Platform, if_windows< Platform > = 0 >
bool remove_emptied_dir(Platform, walk_dir&, const wchar_t*, walk_dir& child, int& err) noexcept
{
    if (delete_handle(Platform{}, child.h))
        return true;
    err = static_cast< int >(::GetLastError());
    return false;
}

template< typename Platform, if_windows< Platform > = 0 >
bool repair_dir(Platform, walk_dir&) noexcept
{
    return false;
}

template< typename Platform, if_windows< Platform > = 0 >
void let_go(Platform, walk_dir& d) noexcept
{
    if (d.h != INVALID_HANDLE_VALUE)
        ::CloseHandle(d.h);
    d.h = INVALID_HANDLE_VALUE;
}

//! Never needed: no level is let go (see walk_open_limit).
template< typename Platform, if_windows< Platform > = 0 >
bool climb_to(Platform, walk_dir&, walk_dir&, int& err) noexcept
{
    err = static_cast< int >(ERROR_NOT_SUPPORTED);
    return false;
}

template< typename Platform, if_windows< Platform > = 0 >
bool close_walk_dir(Platform, walk_dir& d, int&) noexcept
{
    let_go(Platform{}, d);
    return true;
}

// ---- reports ------------------------------------------------------------------------------

//! Writes a path to a C stream as UTF-8, without allocating.
inline void put_path(std::FILE* out, const wchar_t* text) noexcept
{
    char buf[1024];
    while (*text)
    {
        int n = 0;
        while (text[n] && n < 256)
            ++n;
        if (n == 256 && text[n - 1] >= 0xD800 && text[n - 1] <= 0xDBFF)
            --n; // keep a surrogate pair together
        const int len = ::WideCharToMultiByte(CP_UTF8, 0, text, n, buf, sizeof buf, nullptr, nullptr);
        if (len > 0)
            std::fwrite(buf, 1, static_cast< std::size_t >(len), out);
        text += n;
    }
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
