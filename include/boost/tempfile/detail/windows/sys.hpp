// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_SYS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_SYS_HPP
#pragma once

// The Windows system-call layer. The functions the shared stream and handle
// code calls (read_fd, write_fd, seek_fd, close_fd, sync_fd, truncate_fd,
// last_error) keep the POSIX layer's shape -- -1 on failure -- and leave
// the reason in GetLastError(), which last_error(windows_platform) returns;
// errno is set to EIO on failure only so that no stale EINTR makes a caller
// retry. Error codes reported from here are Win32 codes in
// system_category(), as Boost.Filesystem reports them on Windows.
//
// The Windows-only helpers (detail::win) create files and directories with an
// owner-only DACL, delete and rename through a handle, and read a file's
// identity (volume serial number, file index).

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/platform.hpp>

#if !defined(_WIN32)
#error "boost/tempfile/detail/windows/sys.hpp is for Windows targets only"
#endif

#ifndef NOMINMAX
#define NOMINMAX
#define BOOST_TEMPFILE_DEFINED_NOMINMAX
#endif
#include <windows.h>
#include <bcrypt.h>
#include <aclapi.h> // SetSecurityInfo (atomic_file: permissions and owner of the new content)
#ifdef BOOST_TEMPFILE_DEFINED_NOMINMAX
#undef NOMINMAX
#undef BOOST_TEMPFILE_DEFINED_NOMINMAX
#endif

#if defined(_MSC_VER)
#pragma comment(lib, "bcrypt.lib")
#pragma comment(lib, "advapi32.lib")
#endif

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

namespace boost {
namespace tempfile {
namespace sys {

//! The reason for the last failure of a call below: a Win32 error code.
inline int last_error(windows_platform) noexcept
{
    return static_cast< int >(::GetLastError());
}

inline int close_fd(windows_platform, void* h) noexcept
{
    if (::CloseHandle(h))
        return 0;
    errno = EIO;
    return -1;
}

//! Reads at most n bytes (in one ReadFile of at most 1 GiB); 0 at the end.
inline long long read_fd(windows_platform, void* h, void* buf, std::size_t n) noexcept
{
    DWORD got = 0;
    const DWORD want = n > (1u << 30) ? (1u << 30) : static_cast< DWORD >(n);
    if (::ReadFile(h, buf, want, &got, nullptr))
        return static_cast< long long >(got);
    const DWORD e = ::GetLastError();
    if (e == ERROR_HANDLE_EOF || e == ERROR_BROKEN_PIPE)
        return 0;
    errno = EIO;
    return -1;
}

inline long long write_fd(windows_platform, void* h, const void* buf, std::size_t n) noexcept
{
    DWORD put = 0;
    const DWORD want = n > (1u << 30) ? (1u << 30) : static_cast< DWORD >(n);
    if (::WriteFile(h, buf, want, &put, nullptr))
        return static_cast< long long >(put);
    errno = EIO;
    return -1;
}

//! whence: SEEK_SET, SEEK_CUR, SEEK_END. Returns the new offset.
inline long long seek_fd(windows_platform, void* h, long long off, int whence) noexcept
{
    LARGE_INTEGER distance, result;
    distance.QuadPart = off;
    const DWORD method = whence == SEEK_SET ? FILE_BEGIN : whence == SEEK_CUR ? FILE_CURRENT : FILE_END;
    if (::SetFilePointerEx(h, distance, &result, method))
        return result.QuadPart;
    errno = EIO;
    return -1;
}

inline int sync_fd(windows_platform, void* h) noexcept
{
    if (::FlushFileBuffers(h))
        return 0;
    errno = EIO;
    return -1;
}

//! Sets the file's size; the file pointer is left where it was.
inline int truncate_fd(windows_platform, void* h, long long size) noexcept
{
    LARGE_INTEGER zero, here, to;
    zero.QuadPart = 0;
    to.QuadPart = size;
    if (::SetFilePointerEx(h, zero, &here, FILE_CURRENT) && ::SetFilePointerEx(h, to, nullptr, FILE_BEGIN) &&
        ::SetEndOfFile(h))
    {
        ::SetFilePointerEx(h, here, nullptr, FILE_BEGIN);
        return 0;
    }
    const DWORD e = ::GetLastError();
    ::SetFilePointerEx(h, here, nullptr, FILE_BEGIN);
    ::SetLastError(e);
    errno = EIO;
    return -1;
}

} // namespace sys

namespace detail {
namespace win {

inline HANDLE invalid() noexcept
{
    return INVALID_HANDLE_VALUE;
}

//! UTF-8 (the library's encoding of prefix, suffix and pattern on Windows)
//! to UTF-16. False on invalid UTF-8.
inline bool widen(const std::string& utf8, std::wstring& out)
{
    out.clear();
    if (utf8.empty())
        return true;
    const int n = ::MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), static_cast< int >(utf8.size()),
                                        nullptr, 0);
    if (n <= 0)
        return false;
    out.resize(static_cast< std::size_t >(n));
    return ::MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8.data(), static_cast< int >(utf8.size()), &out[0],
                                 n) == n;
}

//! A security descriptor whose DACL is protected (nothing inherited from the
//! parent) and grants full control to the current user only: the Windows
//! counterpart of mode 0600/0700. For a directory the entry is inherited by
//! what is created inside. init() fails only if the token cannot be read.
class owner_only_security
{
public:
    owner_only_security() noexcept = default;
    owner_only_security(const owner_only_security&) = delete;
    owner_only_security& operator=(const owner_only_security&) = delete;

    //! False with GetLastError() set on failure.
    bool init(bool directory) noexcept
    {
        HANDLE token = nullptr;
        if (!::OpenThreadToken(::GetCurrentThread(), TOKEN_QUERY, TRUE, &token))
        {
            if (::GetLastError() != ERROR_NO_TOKEN || !::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
                return false;
        }
        DWORD size = 0;
        ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
        bool ok = size != 0 && size <= sizeof user_;
        if (ok)
            ok = ::GetTokenInformation(token, TokenUser, user_, size, &size) != 0;
        const DWORD e = ::GetLastError();
        ::CloseHandle(token);
        if (!ok)
        {
            ::SetLastError(e == ERROR_SUCCESS ? ERROR_INSUFFICIENT_BUFFER : e);
            return false;
        }
        PSID sid = reinterpret_cast< TOKEN_USER* >(user_)->User.Sid;
        const BYTE inherit = directory ? static_cast< BYTE >(OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE) : 0;
        if (!::InitializeAcl(reinterpret_cast< PACL >(acl_), sizeof acl_, ACL_REVISION) ||
            !::AddAccessAllowedAceEx(reinterpret_cast< PACL >(acl_), ACL_REVISION, inherit, FILE_ALL_ACCESS, sid) ||
            !::InitializeSecurityDescriptor(&descriptor_, SECURITY_DESCRIPTOR_REVISION) ||
            !::SetSecurityDescriptorDacl(&descriptor_, TRUE, reinterpret_cast< PACL >(acl_), FALSE) ||
            !::SetSecurityDescriptorControl(&descriptor_, SE_DACL_PROTECTED, SE_DACL_PROTECTED))
            return false;
        attributes_.nLength = sizeof attributes_;
        attributes_.lpSecurityDescriptor = &descriptor_;
        attributes_.bInheritHandle = FALSE;
        return true;
    }

    SECURITY_ATTRIBUTES* get() noexcept { return &attributes_; }

private:
    alignas(8) unsigned char user_[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    alignas(8) unsigned char acl_[sizeof(ACL) + sizeof(ACCESS_ALLOWED_ACE) + SECURITY_MAX_SID_SIZE];
    SECURITY_DESCRIPTOR descriptor_;
    SECURITY_ATTRIBUTES attributes_;
};

//! Identity of an open file: volume serial number and file index (what
//! device and inode are on POSIX).
struct file_id
{
    DWORD volume = 0, high = 0, low = 0;
    bool operator==(const file_id& o) const noexcept { return volume == o.volume && high == o.high && low == o.low; }
    bool operator!=(const file_id& o) const noexcept { return !(*this == o); }
};

inline bool identify(HANDLE h, file_id& id, DWORD* attributes = nullptr) noexcept
{
    BY_HANDLE_FILE_INFORMATION info;
    if (!::GetFileInformationByHandle(h, &info))
        return false;
    id.volume = info.dwVolumeSerialNumber;
    id.high = info.nFileIndexHigh;
    id.low = info.nFileIndexLow;
    if (attributes)
        *attributes = info.dwFileAttributes;
    return true;
}

// FILE_INFO_BY_HANDLE_CLASS values and flags of Windows 10 1709, spelled out
// so that older SDK headers (and mingw-w64 targeting older versions) do.
constexpr int file_disposition_info_ex = 21;
constexpr DWORD disposition_delete = 0x1, disposition_posix_semantics = 0x2, disposition_ignore_readonly = 0x10;

//! Whether FileDispositionInfoEx was refused once (Windows before 10 1709,
//! FAT volumes, wine 8): then only the classic disposition is tried.
BOOST_TEMPFILE_DECL std::atomic< bool >& posix_delete_refused() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL std::atomic< bool >& posix_delete_refused() noexcept
{
    static std::atomic< bool > refused{false};
    return refused;
}
#endif

//! Marks the file open as h for deletion (h needs DELETE access). With
//! POSIX semantics (Windows 10 1709+, NTFS) the name goes at once, even
//! while other handles are open; else (wine, FAT, older Windows) the name
//! goes when the last handle closes and, until then, opening it fails with
//! ERROR_ACCESS_DENIED. Read-only files are deleted too. False and
//! GetLastError() on failure.
inline bool delete_by_handle(HANDLE h, bool* immediate = nullptr) noexcept
{
    if (immediate)
        *immediate = false;
    if (!posix_delete_refused().load(std::memory_order_relaxed))
    {
        DWORD flags = disposition_delete | disposition_posix_semantics | disposition_ignore_readonly;
        if (::SetFileInformationByHandle(h, static_cast< FILE_INFO_BY_HANDLE_CLASS >(file_disposition_info_ex), &flags,
                                         sizeof flags))
        {
            if (immediate)
                *immediate = true;
            return true;
        }
        const DWORD e = ::GetLastError();
        if (e != ERROR_INVALID_PARAMETER && e != ERROR_NOT_SUPPORTED && e != ERROR_INVALID_FUNCTION)
            return false;
        posix_delete_refused().store(true, std::memory_order_relaxed);
    }
    FILE_DISPOSITION_INFO info;
    info.DeleteFile = TRUE;
    if (::SetFileInformationByHandle(h, FileDispositionInfo, &info, sizeof info))
        return true;
    if (::GetLastError() != ERROR_ACCESS_DENIED)
        return false;
    // Classic disposition refuses read-only files: clear the attribute through
    // the same handle, then try again.
    FILE_BASIC_INFO basic;
    if (!::GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic) ||
        !(basic.FileAttributes & FILE_ATTRIBUTE_READONLY))
    {
        ::SetLastError(ERROR_ACCESS_DENIED);
        return false;
    }
    basic.FileAttributes &= ~static_cast< DWORD >(FILE_ATTRIBUTE_READONLY);
    if (basic.FileAttributes == 0)
        basic.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    return ::SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic) &&
           ::SetFileInformationByHandle(h, FileDispositionInfo, &info, sizeof info);
}

//! Renames the file open as h (DELETE access) to the absolute path `to`,
//! replacing what is there if `replace`. Only through the handle: a rename by
//! name (MoveFileExW) could move whatever the name means by then, and it
//! sends the file system the same FileRenameInformation request, so it would
//! not succeed where this is refused. False and GetLastError().
inline bool rename_by_handle(HANDLE h, const std::wstring& to, bool replace)
{
    const std::size_t bytes = to.size() * sizeof(wchar_t);
    const std::size_t total = sizeof(FILE_RENAME_INFO) + bytes;
    std::unique_ptr< unsigned char[] > storage(new unsigned char[total]());
    FILE_RENAME_INFO* info = reinterpret_cast< FILE_RENAME_INFO* >(storage.get());
    info->ReplaceIfExists = replace ? TRUE : FALSE;
    info->RootDirectory = nullptr;
    info->FileNameLength = static_cast< DWORD >(bytes);
    std::memcpy(info->FileName, to.c_str(), bytes);
    return ::SetFileInformationByHandle(h, FileRenameInfo, info, static_cast< DWORD >(total)) != 0;
}

// FileRenameInfoEx (Windows 10 1809) and its flags, spelled out for older
// SDK headers.
constexpr int file_rename_info_ex = 22;
constexpr DWORD rename_replace_if_exists = 0x1, rename_posix_semantics = 0x2, rename_ignore_readonly = 0x40;

//! Whether FileRenameInfoEx was refused once (Windows before 10 1809, FAT,
//! wine 8): then only the classic FileRenameInfo is tried.
BOOST_TEMPFILE_DECL std::atomic< bool >& rename_ex_refused() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL std::atomic< bool >& rename_ex_refused() noexcept
{
    static std::atomic< bool > refused{false};
    return refused;
}
#endif

//! Publishes the file open as h (DELETE access) at the absolute path `to`:
//! FileRenameInfoEx with POSIX semantics (a replaced target that others hold
//! open with FILE_SHARE_DELETE goes at once) and, when replacing, leave to
//! replace a read-only target; where that class is refused, FileRenameInfo.
//! Never by name (see rename_by_handle). False and GetLastError().
inline bool publish_by_handle(HANDLE h, const std::wstring& to, bool replace)
{
    const std::size_t bytes = to.size() * sizeof(wchar_t);
    const std::size_t total = sizeof(FILE_RENAME_INFO) + bytes;
    std::unique_ptr< unsigned char[] > storage(new unsigned char[total]());
    FILE_RENAME_INFO* info = reinterpret_cast< FILE_RENAME_INFO* >(storage.get());
    info->RootDirectory = nullptr;
    info->FileNameLength = static_cast< DWORD >(bytes);
    std::memcpy(info->FileName, to.c_str(), bytes);
    if (!rename_ex_refused().load(std::memory_order_relaxed))
    {
        // The first member is a union of BOOLEAN ReplaceIfExists and DWORD
        // Flags (older headers show only the BOOLEAN; the padding before the
        // HANDLE leaves room for the DWORD either way).
        const DWORD flags =
            rename_posix_semantics | (replace ? rename_replace_if_exists | rename_ignore_readonly : 0u);
        std::memcpy(storage.get(), &flags, sizeof flags);
        if (::SetFileInformationByHandle(h, static_cast< FILE_INFO_BY_HANDLE_CLASS >(file_rename_info_ex), info,
                                         static_cast< DWORD >(total)))
            return true;
        const DWORD e = ::GetLastError();
        if (e != ERROR_INVALID_PARAMETER && e != ERROR_NOT_SUPPORTED && e != ERROR_INVALID_FUNCTION)
            return false;
        rename_ex_refused().store(true, std::memory_order_relaxed);
    }
    const DWORD zero = 0;
    std::memcpy(storage.get(), &zero, sizeof zero);
    info->ReplaceIfExists = replace ? TRUE : FALSE;
    return ::SetFileInformationByHandle(h, FileRenameInfo, info, static_cast< DWORD >(total)) != 0;
}

//! Sets or clears FILE_ATTRIBUTE_READONLY through h (FILE_WRITE_ATTRIBUTES).
//! `was` receives whether it was set. False and GetLastError().
inline bool set_read_only(HANDLE h, bool on, bool* was = nullptr) noexcept
{
    FILE_BASIC_INFO basic;
    if (!::GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic))
        return false;
    const bool before = (basic.FileAttributes & FILE_ATTRIBUTE_READONLY) != 0;
    if (was)
        *was = before;
    if (before == on)
        return true;
    if (on)
        basic.FileAttributes = (basic.FileAttributes & ~static_cast< DWORD >(FILE_ATTRIBUTE_NORMAL)) |
                               FILE_ATTRIBUTE_READONLY;
    else
    {
        basic.FileAttributes &= ~static_cast< DWORD >(FILE_ATTRIBUTE_READONLY);
        if (basic.FileAttributes == 0)
            basic.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    }
    // Zero times mean "leave unchanged".
    basic.CreationTime.QuadPart = basic.LastAccessTime.QuadPart = basic.LastWriteTime.QuadPart =
        basic.ChangeTime.QuadPart = 0;
    return ::SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic) != 0;
}

//! Sharing of a handle that removes or renames a file: without
//! FILE_SHARE_DELETE, so that nobody else can rename or delete the file while
//! it is held. Where the system acts on names underneath (wine renames and
//! unlinks the Unix name the handle was opened by), that name keeps meaning
//! the file checked for as long as the handle is held.
constexpr DWORD pinned_file_share = FILE_SHARE_READ | FILE_SHARE_WRITE;

//! A second handle, with `access`, on the file open as h (ReOpenFile), shared
//! as pinned_file_share. Windows reopens the file object itself, whatever its
//! name is now; wine reopens the name h was opened by, which may by now mean
//! another file -- callers check the identity. Named files are not opened
//! with DELETE access: an opener that does not share delete (fopen,
//! std::ifstream) could not open them then. INVALID_HANDLE_VALUE and
//! GetLastError() on failure (ERROR_SHARING_VIOLATION while someone has the
//! file open without FILE_SHARE_DELETE, or holds it with DELETE access).
inline HANDLE reopen_pinned(HANDLE h, DWORD access) noexcept
{
    return ::ReOpenFile(h, access | SYNCHRONIZE, pinned_file_share, 0);
}

//! Whether the file open as h is being deleted (someone else removed it;
//! opening it fails with ERROR_ACCESS_DENIED meanwhile).
inline bool delete_pending(HANDLE h) noexcept
{
    FILE_STANDARD_INFO info;
    return ::GetFileInformationByHandleEx(h, FileStandardInfo, &info, sizeof info) && info.DeletePending;
}

//! Opens an existing file or directory by name without following a final
//! reparse point, for deletion and attribute changes.
inline HANDLE open_for_delete(const wchar_t* path, DWORD share) noexcept
{
    return ::CreateFileW(path, DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES | SYNCHRONIZE, share, nullptr,
                         OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
}

constexpr DWORD share_all = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

//! Whether a Win32 error means "the name is already taken".
inline bool name_taken(DWORD e) noexcept
{
    return e == ERROR_FILE_EXISTS || e == ERROR_ALREADY_EXISTS;
}

//! Whether a Win32 error means "nothing is there".
inline bool not_found(DWORD e) noexcept
{
    return e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND;
}

} // namespace win
} // namespace detail

namespace sys {

// The calls the Windows owners make through the platform tag, so that a
// wrapper such as fault_injecting_platform<windows_platform> can fail them.
// Each returns what the Win32 call returns and leaves the reason in
// GetLastError().

//! CreateFileW (creation of files; sys_call::open).
inline HANDLE create_file(windows_platform, const wchar_t* path, DWORD access, DWORD share, SECURITY_ATTRIBUTES* sa,
                          DWORD disposition, DWORD flags) noexcept
{
    return ::CreateFileW(path, access, share, sa, disposition, flags, nullptr);
}

//! CreateDirectoryW (sys_call::mkdir).
inline bool create_dir(windows_platform, const wchar_t* path, SECURITY_ATTRIBUTES* sa) noexcept
{
    return ::CreateDirectoryW(path, sa) != 0;
}

//! Deletion through a handle (sys_call::unlink): detail::win::delete_by_handle.
inline bool delete_handle(windows_platform, HANDLE h) noexcept
{
    return detail::win::delete_by_handle(h);
}

//! Rename through a handle (sys_call::rename): detail::win::rename_by_handle.
inline bool rename_handle(windows_platform, HANDLE h, const std::wstring& to, bool replace)
{
    return detail::win::rename_by_handle(h, to, replace);
}

//! Publication through a handle (sys_call::rename): detail::win::publish_by_handle.
inline bool publish_handle(windows_platform, HANDLE h, const std::wstring& to, bool replace)
{
    return detail::win::publish_by_handle(h, to, replace);
}

// ---- file owners (duplicate_handle, open_stdio) ------------------------------

//! A second handle on the file open as h, with the same access, not
//! inheritable (DuplicateHandle). INVALID_HANDLE_VALUE and GetLastError()
//! on failure.
inline HANDLE dup_fd(windows_platform, HANDLE h) noexcept
{
    HANDLE copy = INVALID_HANDLE_VALUE;
    const HANDLE self = ::GetCurrentProcess();
    if (!::DuplicateHandle(self, h, self, &copy, 0, FALSE, DUPLICATE_SAME_ACCESS))
        return INVALID_HANDLE_VALUE;
    return copy;
}

// ---- atomic_file (detail/windows/publish_ops.hpp) --------------------------

//! SetSecurityInfo on a handle (sys_call::chmod: permissions and owner).
//! Returns 0 or a Win32 error, which is also left in GetLastError().
inline DWORD set_security(windows_platform, HANDLE h, SECURITY_INFORMATION what, PSID owner, PSID group,
                          PACL dacl) noexcept
{
    const DWORD e = ::SetSecurityInfo(h, SE_FILE_OBJECT, what, owner, group, dacl, nullptr);
    ::SetLastError(e);
    return e;
}

//! Sets or clears the read-only attribute through a handle
//! (sys_call::chmod): detail::win::set_read_only.
inline bool change_read_only(windows_platform, HANDLE h, bool on, bool* was) noexcept
{
    return detail::win::set_read_only(h, on, was);
}

} // namespace sys
} // namespace tempfile
} // namespace boost

#endif
