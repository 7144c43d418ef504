// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_FILE_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_FILE_OPS_HPP
#pragma once

// The file operations of the owners on Windows: the operations of
// detail/posix/file_ops.hpp, with the same names and signatures, over a
// HANDLE and UTF-16 paths; errors are Win32 codes. The calls the Windows
// system-call layer wraps (CreateFileW of a new file, deletion and rename
// through a handle, close, DuplicateHandle) go through the platform tag.
//
// A named file is created with CREATE_NEW, an owner-only DACL (for a mode
// that gives nothing to group and others) and full sharing (read, write,
// delete), so that it can be opened by name while it is open, as on POSIX;
// the owner's handle has no DELETE access, so that openers that do not share
// delete (fopen, std::ifstream) can open it too.
//
// Identity. The file's identity (volume serial number, file index) is taken
// when it is made. Removal and rename act only through a handle proven to be
// that file and pinned (opened without FILE_SHARE_DELETE, so that nobody can
// rename or delete it meanwhile): a second handle on the open file
// (ReOpenFile) or, once it is closed -- or when ReOpenFile answers with
// another file, as wine's does, which reopens by the name the handle was
// opened by -- its name opened without following a reparse point and
// checked. Never by a name alone: a name that now means another file is
// left alone (ERROR_FILE_INVALID).
//
// An anonymous file is created exclusively with FILE_FLAG_DELETE_ON_CLOSE
// and no sharing, so nothing outlives the handle (also when the process is
// killed) and nobody else can open it. Where POSIX delete semantics exist
// (Windows 10 1709+, NTFS) its name is removed at once; elsewhere (older
// Windows, FAT, wine) a hidden name stays until the handle closes. It cannot
// be given a name later.

#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/no_exceptions_support.hpp>
#include <boost/filesystem/path.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <io.h>
#include <string>

namespace boost {
namespace tempfile {
namespace detail {

//! File offsets and sizes as the Windows layer takes them (SetFilePointerEx).
using file_offset = long long;

//! How new files are protected: an owner-only DACL for a mode that gives
//! nothing to group and others, else the DACL inherited from the directory.
struct file_security
{
    win::owner_only_security owner;
    SECURITY_ATTRIBUTES plain;
    SECURITY_ATTRIBUTES* attributes = nullptr;
    bool append = false; //!< the handle may append but not overwrite (see append_access)
};

//! Write access of an appending handle: FILE_APPEND_DATA without
//! FILE_WRITE_DATA, so that every write goes to the end of the file whatever
//! the position (Windows' O_APPEND); the rest of GENERIC_WRITE is kept
//! (attributes, extended attributes, SYNCHRONIZE).
constexpr DWORD append_access = GENERIC_READ | (FILE_GENERIC_WRITE & ~static_cast< DWORD >(FILE_WRITE_DATA));

//! Prepares the protection of new files with `mode` (`exact` means nothing
//! here: Windows has no umask). False with err if the security descriptor
//! cannot be built (the process token cannot be read).
template< typename Platform >
bool prepare_file_security(Platform, mode_type mode, bool, file_security& s, int& err) noexcept
{
    err = 0;
    if ((mode & 077u) == 0)
    {
        if (!s.owner.init(false))
        {
            err = static_cast< int >(::GetLastError());
            return false;
        }
        s.attributes = s.owner.get();
        return true;
    }
    s.plain.nLength = sizeof s.plain;
    s.plain.lpSecurityDescriptor = nullptr;
    s.plain.bInheritHandle = FALSE;
    s.attributes = &s.plain;
    return true;
}

//! Access of a named temporary file's own handle: no DELETE (see above);
//! removal and rename take a second handle with it.
constexpr DWORD named_file_access = GENERIC_READ | GENERIC_WRITE;

//! One exclusive attempt at a new named file at `path`: the handle, or
//! INVALID_HANDLE_VALUE with err (ERROR_FILE_EXISTS: the name is taken).
template< typename Platform >
HANDLE create_named_file_at(Platform, const wchar_t* path, const file_security& s, int& err) noexcept
{
    const HANDLE h = create_file(Platform{}, path, s.append ? append_access : named_file_access, win::share_all,
                                 s.attributes, CREATE_NEW, FILE_ATTRIBUTE_NORMAL);
    err = h == INVALID_HANDLE_VALUE ? static_cast< int >(::GetLastError()) : 0;
    return h;
}

//! One exclusive attempt at an anonymous file: FILE_FLAG_DELETE_ON_CLOSE,
//! no sharing (nobody else can open it), kept in memory by the cache manager
//! as long as it can (FILE_ATTRIBUTE_TEMPORARY).
template< typename Platform >
HANDLE create_hidden_file_at(Platform, const wchar_t* path, const file_security& s, int& err) noexcept
{
    const HANDLE h = create_file(Platform{}, path, (s.append ? append_access : GENERIC_READ | GENERIC_WRITE) | DELETE,
                                 0, s.attributes, CREATE_NEW,
                                 FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_HIDDEN | FILE_FLAG_DELETE_ON_CLOSE);
    err = h == INVALID_HANDLE_VALUE ? static_cast< int >(::GetLastError()) : 0;
    return h;
}

//! Nothing is left to do after a creation on Windows: the DACL was given
//! with the file.
template< typename Platform >
bool finish_new_file(Platform, HANDLE, const file_security&, int& err) noexcept
{
    err = 0;
    return true;
}

//! A file just made whose creation failed afterwards: deleted through a
//! handle on it, and closed.
template< typename Platform >
void discard_new_file(Platform, HANDLE h, const wchar_t*) noexcept
{
    const HANDLE deleter = win::reopen_pinned(h, DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES);
    if (deleter != INVALID_HANDLE_VALUE)
        delete_handle(Platform{}, deleter);
    close_fd(Platform{}, h);
    if (deleter != INVALID_HANDLE_VALUE)
        ::CloseHandle(deleter);
}

//! Windows cannot make a file without a name: INVALID_HANDLE_VALUE with err
//! 0, and the caller makes a hidden file and unnames it.
template< typename Platform >
HANDLE open_unnamed_file(Platform, const filesystem::path&, const file_security&, int& err) noexcept
{
    err = 0;
    return INVALID_HANDLE_VALUE;
}

//! Removes the name of a hidden file just made at once, where POSIX delete
//! semantics exist (`name_removed` true); elsewhere the name stays,
//! unopenable, until the handle closes. Never fails.
template< typename Platform >
bool unname_new_file(Platform, HANDLE h, const wchar_t*, bool& name_removed, int& err) noexcept
{
    err = 0;
    name_removed = false;
    if (win::posix_delete_refused().load(std::memory_order_relaxed))
        return true;
    DWORD flags = win::disposition_delete | win::disposition_posix_semantics;
    if (::SetFileInformationByHandle(h, static_cast< FILE_INFO_BY_HANDLE_CLASS >(win::file_disposition_info_ex), &flags,
                                     sizeof flags))
    {
        name_removed = true;
        return true;
    }
    const DWORD e = ::GetLastError();
    if (e == ERROR_INVALID_PARAMETER || e == ERROR_NOT_SUPPORTED || e == ERROR_INVALID_FUNCTION)
        win::posix_delete_refused().store(true, std::memory_order_relaxed);
    return true;
}

//! The identity (volume serial number, file index) of the open file h.
template< typename Platform >
bool identify(Platform, HANDLE h, file_identity& id, int& err) noexcept
{
    win::file_id got;
    if (!win::identify(h, got))
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    id.device = got.volume;
    id.inode = (static_cast< std::uint64_t >(got.high) << 32) | got.low;
    err = 0;
    return true;
}

//! What an owner knows about its file's identity.
enum class pin_state : unsigned char
{
    none,     //!< nothing recorded: the name is not acted on
    proven,   //!< recorded when the file was made
    unproven  //!< (not used on Windows)
};

//! The identity of an owner's file, taken when it is made.
template< typename Platform >
class file_pin
{
public:
    pin_state state() const noexcept { return state_; }
    const file_identity& identity() const noexcept { return id_; }
    void reset() noexcept { state_ = pin_state::none; }
    void set(const file_identity& id, pin_state state) noexcept
    {
        id_ = id;
        state_ = state;
    }

private:
    file_identity id_;
    pin_state state_ = pin_state::none;
};

//! Right after a creation: the identity is recorded (GetFileInformationByHandle).
template< typename Platform >
void pin_on_create(Platform, HANDLE h, file_pin< Platform >& pin) noexcept
{
    file_identity id;
    int err = 0;
    if (identify(Platform{}, h, id, err))
        pin.set(id, pin_state::proven);
}

//! Before the handle is closed with the name kept: known since the creation.
template< typename Platform >
void pin_on_close(Platform, HANDLE h, const wchar_t*, file_pin< Platform >& pin) noexcept
{
    if (pin.state() == pin_state::none)
        pin_on_create(Platform{}, h, pin);
}

//! The error of a name that now means another file than the owner's (POSIX
//! reports ESTALE, which Windows lacks).
template< typename Platform >
constexpr int name_replaced_error(Platform) noexcept
{
    return static_cast< int >(ERROR_FILE_INVALID);
}

//! Opens `path` without following a reparse point if it still means the
//! pinned file; INVALID_HANDLE_VALUE otherwise, with e (ERROR_FILE_INVALID
//! when it means another file).
template< typename Platform >
HANDLE open_own_name(const wchar_t* path, const file_pin< Platform >& pin, DWORD access, DWORD share, DWORD& e) noexcept
{
    const HANDLE h =
        ::CreateFileW(path, access, share, nullptr, OPEN_EXISTING, FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
    {
        e = ::GetLastError();
        return h;
    }
    file_identity got;
    int ignored = 0;
    if (pin.state() == pin_state::none || !identify(Platform{}, h, got, ignored) || got != pin.identity())
    {
        ::CloseHandle(h);
        e = ERROR_FILE_INVALID;
        return INVALID_HANDLE_VALUE;
    }
    e = 0;
    return h;
}

//! A handle with `access` on the owner's file, proven to be it and pinned
//! (no FILE_SHARE_DELETE), for removal and rename. Through the open handle
//! when there is one (ReOpenFile); if that yields another file (wine) or
//! nothing, then by `path`, which the owner's own persist() may have changed.
//! INVALID_HANDLE_VALUE and the error in `e` otherwise: ERROR_FILE_INVALID
//! when what is within reach is another file; a not-found code (or
//! ERROR_ACCESS_DENIED with `gone`) when the file was removed by someone else.
template< typename Platform >
HANDLE pin_own_file(HANDLE open, const wchar_t* path, const file_pin< Platform >& pin, DWORD access, DWORD& e,
                    bool& gone) noexcept
{
    e = 0;
    gone = false;
    bool replaced = false;
    if (open != INVALID_HANDLE_VALUE)
    {
        const HANDLE h = win::reopen_pinned(open, access);
        if (h != INVALID_HANDLE_VALUE)
        {
            file_identity got;
            int ignored = 0;
            if (pin.state() != pin_state::none && identify(Platform{}, h, got, ignored) && got == pin.identity())
                return h;
            ::CloseHandle(h);
            replaced = true;
        }
        else
        {
            e = ::GetLastError();
            if (e == ERROR_ACCESS_DENIED && win::delete_pending(open))
            {
                gone = true; // removed by someone else, still open here
                return INVALID_HANDLE_VALUE;
            }
            if (!win::not_found(e))
                return INVALID_HANDLE_VALUE;
        }
    }
    const HANDLE h = open_own_name(path, pin, access | SYNCHRONIZE, win::pinned_file_share, e);
    if (h != INVALID_HANDLE_VALUE)
        return h;
    if (replaced && win::not_found(e))
        e = ERROR_FILE_INVALID; // our file is out of reach; only another one answered
    gone = win::not_found(e);
    return INVALID_HANDLE_VALUE;
}

//! The pinned handle a removal marked for deletion, closed after the
//! owner's own handle: where deletion happens at the last close, by name
//! (wine), the name is still pinned then.
template< typename Platform >
class removal_hold
{
public:
    removal_hold() noexcept = default;
    removal_hold(const removal_hold&) = delete;
    removal_hold& operator=(const removal_hold&) = delete;
    ~removal_hold()
    {
        if (h_ != INVALID_HANDLE_VALUE)
            ::CloseHandle(h_);
    }
    void hold(HANDLE h) noexcept { h_ = h; }

private:
    HANDLE h_ = INVALID_HANDLE_VALUE;
};

//! Removes the owner's file, open (`open`) or closed, through a pinned
//! handle proven to be it. A file removed by someone else is no error.
//! False with err (ERROR_FILE_INVALID: only another file is within reach;
//! ERROR_SHARING_VIOLATION: someone holds it without FILE_SHARE_DELETE).
template< typename Platform >
bool remove_own_name(Platform, HANDLE open, const wchar_t* path, const file_pin< Platform >& pin,
                     removal_hold< Platform >& hold, int& err) noexcept
{
    err = 0;
    DWORD e = 0;
    bool gone = false;
    const HANDLE h = pin_own_file(open, path, pin, DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES, e, gone);
    if (h == INVALID_HANDLE_VALUE)
    {
        err = gone ? 0 : static_cast< int >(e);
        return gone;
    }
    hold.hold(h);
    if (delete_handle(Platform{}, h))
        return true;
    err = static_cast< int >(::GetLastError());
    return false;
}

//! Gives the owner's file the name `to` through a pinned handle proven to
//! be it (SetFileInformationByHandle with FileRenameInfo; never by name),
//! replacing what is there or not (then ERROR_FILE_EXISTS, what a creation
//! that finds the name taken reports). `published` is always false: the
//! rename is one step. May throw bad_alloc (the rename request).
template< typename Platform >
bool rename_own_file(Platform, HANDLE open, const wchar_t* path, const file_pin< Platform >& pin,
                     const wchar_t* to, bool replace, bool& published, int& err)
{
    published = false;
    DWORD e = 0;
    bool gone = false;
    const HANDLE h = pin_own_file(open, path, pin, DELETE | FILE_READ_ATTRIBUTES, e, gone);
    if (h != INVALID_HANDLE_VALUE)
    {
        if (!rename_handle(Platform{}, h, std::wstring(to), replace))
            e = ::GetLastError();
        ::CloseHandle(h);
    }
    if (e == 0)
    {
        err = 0;
        return true;
    }
    if (!replace && win::name_taken(e))
        e = ERROR_FILE_EXISTS;
    err = static_cast< int >(e);
    return false;
}

//! Opens the owner's file again by its name (read-write, full sharing, no
//! reparse point followed) and checks that it is still the file made. A new
//! handle, or INVALID_HANDLE_VALUE with err: ERROR_FILE_INVALID (another
//! file), ERROR_FILE_NOT_FOUND (gone).
template< typename Platform >
HANDLE reopen_own_file(Platform, HANDLE, const wchar_t* path, const file_pin< Platform >& pin, int& err) noexcept
{
    DWORD e = 0;
    const HANDLE h = open_own_name(path, pin, GENERIC_READ | GENERIC_WRITE, win::share_all, e);
    err = static_cast< int >(e);
    return h;
}

//! A FILE_FLAG_DELETE_ON_CLOSE file cannot be given a name (the owner never
//! asks: linkable() is false on Windows).
template< typename Platform >
bool link_unnamed_file(Platform, HANDLE, const wchar_t*, int& err) noexcept
{
    err = static_cast< int >(ERROR_NOT_SUPPORTED);
    return false;
}

//! (Staged links exist only where anonymous files can be linked.)
template< typename Platform >
bool name_means_file(Platform, const wchar_t*, HANDLE) noexcept
{
    return false;
}

template< typename Platform >
void remove_new_name(Platform, const wchar_t*) noexcept
{
}

template< typename Platform >
bool rename_new_name(Platform, const wchar_t*, const wchar_t*, int& err) noexcept
{
    err = static_cast< int >(ERROR_NOT_SUPPORTED);
    return false;
}

//! Why an anonymous file cannot be named on Windows.
template< typename Platform >
constexpr const char* not_linkable_reason(Platform) noexcept
{
    return ": an anonymous file made with FILE_FLAG_DELETE_ON_CLOSE cannot be given a name on Windows";
}

//! FlushFileBuffers of the file open as h.
template< typename Platform >
bool sync_file(Platform, HANDLE h, int& err) noexcept
{
    if (sync_fd(Platform{}, h) == 0)
    {
        err = 0;
        return true;
    }
    err = static_cast< int >(::GetLastError());
    return false;
}

//! After a rename: Windows cannot flush a directory, but on NTFS flushing
//! the renamed file commits the volume's log, which holds the rename.
template< typename Platform >
bool sync_directory_of(Platform, HANDLE h, const filesystem::path&, int& err) noexcept
{
    return sync_file(Platform{}, h, err);
}

//! A second handle on the open file h (DuplicateHandle, not inheritable).
template< typename Platform >
HANDLE duplicate(Platform, HANDLE h, int& err) noexcept
{
    const HANDLE d = dup_fd(Platform{}, h);
    err = d == INVALID_HANDLE_VALUE ? static_cast< int >(::GetLastError()) : 0;
    return d;
}

//! A C stream over the handle h (_open_osfhandle, then _fdopen), which it
//! then owns; on failure h is closed and nullptr returned with err.
template< typename Platform >
std::FILE* open_stdio_over(Platform, HANDLE h, const char* mode, int& err) noexcept
{
    int flags = 0;
    if (std::strchr(mode, 'a'))
        flags |= _O_APPEND;
    if (std::strchr(mode, 'r') && !std::strchr(mode, '+'))
        flags |= _O_RDONLY;
    if (!std::strchr(mode, 'b'))
        flags |= _O_TEXT;
    const int fd = ::_open_osfhandle(reinterpret_cast< std::intptr_t >(h), flags);
    if (fd < 0)
    {
        err = errno == EMFILE ? static_cast< int >(ERROR_TOO_MANY_OPEN_FILES) : static_cast< int >(ERROR_INVALID_PARAMETER);
        close_fd(Platform{}, h);
        return nullptr;
    }
    std::FILE* f = ::_fdopen(fd, mode);
    if (!f)
    {
        err = errno == EMFILE ? static_cast< int >(ERROR_TOO_MANY_OPEN_FILES) : static_cast< int >(ERROR_INVALID_PARAMETER);
        ::_close(fd); // closes h too
        return nullptr;
    }
    err = 0;
    return f;
}

//! Windows has no memfd: INVALID_HANDLE_VALUE with err 0, and the caller
//! makes an anonymous file, which FILE_ATTRIBUTE_TEMPORARY already asks the
//! cache manager to keep in memory as long as it can.
template< typename Platform >
HANDLE create_memory_file(Platform, const std::string&, mode_type, int& err) noexcept
{
    err = 0;
    return INVALID_HANDLE_VALUE;
}

//! The size of the file open as h.
template< typename Platform >
bool file_size(Platform, HANDLE h, std::uintmax_t& size, int& err) noexcept
{
    LARGE_INTEGER got;
    if (!::GetFileSizeEx(h, &got))
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    size = static_cast< std::uintmax_t >(got.QuadPart);
    err = 0;
    return true;
}

//! The error of a write that wrote nothing and said no more.
template< typename Platform >
int short_write_error(Platform) noexcept
{
    ::SetLastError(ERROR_WRITE_FAULT);
    return static_cast< int >(ERROR_WRITE_FAULT);
}

//! A failed seek's error as it is (SetFilePointerEx says what it means).
template< typename Platform >
int seek_failure(Platform, int e, bool& beyond) noexcept
{
    beyond = false;
    return e;
}

//! Bytes of physical memory, 0 if unknown.
template< typename Platform >
std::uintmax_t physical_memory(Platform) noexcept
{
    MEMORYSTATUSEX status;
    status.dwLength = sizeof status;
    return ::GlobalMemoryStatusEx(&status) ? static_cast< std::uintmax_t >(status.ullTotalPhys) : 0;
}

//! Opens any entry at `path` itself (a directory too, never a reparse
//! point's target) with `access`.
inline HANDLE open_entry(const wchar_t* path, DWORD access, DWORD share) noexcept
{
    return ::CreateFileW(path, access, share, nullptr, OPEN_EXISTING,
                         FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS, nullptr);
}

//! After a user's creator made an entry at `path` (make_entry): records its
//! identity through a handle on the entry itself, and whether it is a
//! directory. False with err (a not-found code: nothing is there).
template< typename Platform >
bool pin_new_entry(Platform, const wchar_t* path, file_pin< Platform >& pin, bool& directory, int& err) noexcept
{
    const HANDLE h = open_entry(path, FILE_READ_ATTRIBUTES, win::share_all);
    if (h == INVALID_HANDLE_VALUE)
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    file_identity id;
    BY_HANDLE_FILE_INFORMATION info;
    const bool known = identify(Platform{}, h, id, err) && ::GetFileInformationByHandle(h, &info);
    if (known)
    {
        directory = (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        pin.set(id, pin_state::proven);
    }
    else if (err == 0)
        err = static_cast< int >(::GetLastError());
    ::CloseHandle(h);
    return known;
}

//! Removes a user's entry at `path` through a handle on it proven to be the
//! pinned entry (a directory must be empty). A name already gone is no
//! error. False with err (ERROR_FILE_INVALID: the name means another entry,
//! left alone; ERROR_SHARING_VIOLATION: someone holds it open without
//! FILE_SHARE_DELETE -- the creator's own handle, for one; ERROR_DIR_NOT_EMPTY).
template< typename Platform >
bool remove_own_entry(Platform, const wchar_t* path, const file_pin< Platform >& pin, bool, int& err) noexcept
{
    err = 0;
    const HANDLE h =
        open_entry(path, DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES | SYNCHRONIZE, win::pinned_file_share);
    if (h == INVALID_HANDLE_VALUE)
    {
        const DWORD e = ::GetLastError();
        if (win::not_found(e))
            return true;
        err = static_cast< int >(e);
        return false;
    }
    file_identity got;
    int ignored = 0;
    if (pin.state() == pin_state::none || !identify(Platform{}, h, got, ignored) || got != pin.identity())
        err = static_cast< int >(ERROR_FILE_INVALID);
    else if (!delete_handle(Platform{}, h))
        err = static_cast< int >(::GetLastError());
    ::CloseHandle(h);
    return err == 0;
}

//! Gives a user's entry at `path` the name `to` through a handle on it
//! proven to be the pinned entry (a directory too), replacing what is there
//! or not (then ERROR_FILE_EXISTS). `published` is always false. May throw
//! bad_alloc (the rename request).
template< typename Platform >
bool rename_own_entry(Platform, const wchar_t* path, const file_pin< Platform >& pin, const wchar_t* to,
                      bool replace, bool& published, int& err)
{
    published = false;
    const HANDLE h = open_entry(path, DELETE | FILE_READ_ATTRIBUTES | SYNCHRONIZE, win::pinned_file_share);
    if (h == INVALID_HANDLE_VALUE)
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    DWORD e = 0;
    file_identity got;
    int ignored = 0;
    if (pin.state() == pin_state::none || !identify(Platform{}, h, got, ignored) || got != pin.identity())
        e = ERROR_FILE_INVALID;
    else
    {
        BOOST_TRY
        {
            if (!rename_handle(Platform{}, h, std::wstring(to), replace))
                e = ::GetLastError();
        }
        BOOST_CATCH(...)
        {
            ::CloseHandle(h);
            BOOST_RETHROW
        }
        BOOST_CATCH_END
    }
    ::CloseHandle(h);
    if (!replace && win::name_taken(e))
        e = ERROR_FILE_EXISTS;
    err = static_cast< int >(e);
    return e == 0;
}

//! The message for a failed publication.
template< typename Platform >
const char* persist_failure(Platform, int err, bool no_clobber) noexcept
{
    const DWORD e = static_cast< DWORD >(err);
    if (e == ERROR_NOT_SAME_DEVICE)
        return ": the target is on another volume; the file stays where it was";
    if (win::name_taken(e) && no_clobber)
        return ": the target exists and no_clobber was asked; the file stays where it was";
    if (e == ERROR_FILE_INVALID)
        return ": the file was renamed or replaced since it was made and its name now refers to another file; "
               "nothing was renamed";
    if (win::not_found(e))
        return ": the file is gone";
    return ": cannot give the file its new name; it stays where it was";
}

//! The message for a failed removal of a named file; the object still owns
//! the name then.
template< typename Platform >
const char* removal_failure(Platform, int err) noexcept
{
    const DWORD e = static_cast< DWORD >(err);
    if (e == ERROR_FILE_INVALID)
        return ": the file was renamed or replaced since it was made and its name now refers to another file; "
               "nothing was removed";
    if (e == ERROR_SHARING_VIOLATION)
        return ": the file is open elsewhere without FILE_SHARE_DELETE; it is still owned: a later remove() or the "
               "destructor tries again";
    return ": cannot remove the file; it is still owned: a later remove() or the destructor tries again";
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
