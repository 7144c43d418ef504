// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_CREATE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_CREATE_HPP
#pragma once

// The Windows creation loop: the same contract as detail::create_unique (ask
// the naming policy, create exclusively, retry only when the name is taken),
// on UTF-16 paths. Names from the naming policy (and so prefix, suffix and
// pattern) are UTF-8 and converted here; invalid UTF-8 is invalid_argument.
// Exclusivity is CREATE_NEW / CreateDirectoryW, which never open or follow
// what is there.

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <string>

namespace boost {
namespace tempfile {
namespace detail {
namespace win {

//! Win32 error as an error_code (system_category holds Win32 codes on Windows).
inline system::error_code win32_code(DWORD e) noexcept
{
    return errno_code(static_cast< int >(e));
}

//! The code reported when a name no longer means what this object made
//! (POSIX reports ESTALE, which Windows lacks).
constexpr DWORD name_replaced = ERROR_FILE_INVALID;

//! Runs `attempt(const wchar_t* full_path)` (true on success, false with
//! GetLastError() set) on fresh names in `dir` until one is free. True on
//! success with the path in `full`; false when reported.
template< typename Naming, typename Attempt >
bool create_unique(const options& opts, const filesystem::path& dir, Attempt attempt, std::wstring& full,
                   const char* who, const char* what, system::error_code* ec)
{
    if (!check_options< Naming >(opts, who, ec, &dir))
        return false;
    Naming naming;
    std::string name;
    std::wstring wide;
    full.assign(dir.native());
    if (full.empty() || (full.back() != L'\\' && full.back() != L'/'))
        full += L'\\';
    const std::size_t base = full.size();
    const unsigned attempts = opts.attempts() == 0 ? 1u : opts.attempts();
    unsigned collisions_in_a_row = 0;
    for (unsigned i = 0; i < attempts; ++i)
    {
        naming.generate(opts, name);
        if (!valid_file_name(name) || !valid_name_part(name))
        {
            report(errc_code(system::errc::invalid_argument),
                   std::string(who) + ": the naming policy made an invalid file name \"" + name +
                       "\" (empty, \".\", \"..\", or holding a separator, ':' or NUL)",
                   dir, ec);
            return false;
        }
        if (!widen(name, wide))
        {
            report(errc_code(system::errc::invalid_argument),
                   std::string(who) + ": the file name \"" + name + "\" is not valid UTF-8", dir, ec);
            return false;
        }
        full.resize(base);
        full += wide;
        if (attempt(full.c_str()))
        {
            clear(ec);
            return true;
        }
        const DWORD e = ::GetLastError();
        // A name whose file is being deleted (delete pending) answers
        // ERROR_ACCESS_DENIED: taken, too, if something is there.
        const bool taken = name_taken(e) ||
                           (e == ERROR_ACCESS_DENIED && ::GetFileAttributesW(full.c_str()) != INVALID_FILE_ATTRIBUTES);
        if (!taken)
        {
            report(win32_code(e), std::string(who) + ": cannot create " + what + " in directory", dir, ec);
            return false;
        }
        if (++collisions_in_a_row % collisions_before_rekey == 0)
            renew_random_key();
    }
    report(name_exists_code(),
           std::string(who) + ": all " + std::to_string(attempts) + " names tried already exist in directory", dir,
           ec);
    return false;
}

//! Security attributes for a new entry: owner-only when `owner_only`, else
//! inherited from the parent (still not inheritable by child processes).
struct creation_security
{
    owner_only_security owner;
    SECURITY_ATTRIBUTES plain;
    SECURITY_ATTRIBUTES* attributes = nullptr;

    bool init(bool owner_only, bool directory, const char* who, const filesystem::path& dir, system::error_code* ec)
    {
        if (owner_only)
        {
            if (!owner.init(directory))
            {
                report(win32_code(::GetLastError()),
                       std::string(who) + ": cannot build an owner-only security descriptor for a new entry in", dir,
                       ec);
                return false;
            }
            attributes = owner.get();
            return true;
        }
        plain.nLength = sizeof plain;
        plain.lpSecurityDescriptor = nullptr;
        plain.bInheritHandle = FALSE;
        attributes = &plain;
        return true;
    }
};

//! Access and sharing of a named temporary file: others may open it by name
//! (read, write, and delete or rename it) while it is open, as on POSIX. No
//! DELETE access: an opener that does not share delete (fopen,
//! std::ifstream) could not open it then; removal and rename take a second
//! handle on the same file (ReOpenFile) when they need one.
constexpr DWORD named_file_access = GENERIC_READ | GENERIC_WRITE;

//! Creates a named file exclusively in `dir`. The handle, or
//! INVALID_HANDLE_VALUE when reported.
template< typename Naming, typename Permissions, typename Platform = windows_platform >
HANDLE create_named_file(const options& opts, const filesystem::path& dir, std::wstring& full, const char* who,
                         system::error_code* ec)
{
    creation_security security;
    if (!security.init((Permissions::file_mode & 077u) == 0, false, who, dir, ec))
        return INVALID_HANDLE_VALUE;
    HANDLE h = INVALID_HANDLE_VALUE;
    SECURITY_ATTRIBUTES* sa = security.attributes;
    create_unique< Naming >(
        opts, dir,
        [&h, sa](const wchar_t* p) noexcept {
            h = create_file(Platform{}, p, named_file_access, share_all, sa, CREATE_NEW, FILE_ATTRIBUTE_NORMAL);
            return h != INVALID_HANDLE_VALUE;
        },
        full, who, "a file", ec);
    return h;
}

//! Tries to remove the name of the file open as h at once (POSIX semantics);
//! quietly does nothing where that is refused.
inline bool try_unlink_now(HANDLE h) noexcept
{
    if (posix_delete_refused().load(std::memory_order_relaxed))
        return false;
    DWORD flags = disposition_delete | disposition_posix_semantics;
    if (::SetFileInformationByHandle(h, static_cast< FILE_INFO_BY_HANDLE_CLASS >(file_disposition_info_ex), &flags,
                                     sizeof flags))
        return true;
    const DWORD e = ::GetLastError();
    if (e == ERROR_INVALID_PARAMETER || e == ERROR_NOT_SUPPORTED || e == ERROR_INVALID_FUNCTION)
        posix_delete_refused().store(true, std::memory_order_relaxed);
    return false;
}

//! An anonymous file: created exclusively with FILE_FLAG_DELETE_ON_CLOSE and
//! no sharing (nobody else can open it), then its name removed at once where
//! POSIX delete semantics exist (Windows 10 1709+ on NTFS). Elsewhere the
//! name stays, unopenable, until the handle closes. `unlinked` says which.
template< typename Naming, typename Permissions, typename Platform = windows_platform >
HANDLE create_anonymous_file(const options& opts, const char* who, bool& unlinked, system::error_code* ec)
{
    unlinked = false;
    if (!check_options< Naming >(opts, who, ec))
        return INVALID_HANDLE_VALUE;
    filesystem::path storage;
    const filesystem::path& dir = creation_dir(opts, storage, ec);
    if (dir.empty())
        return INVALID_HANDLE_VALUE;
    creation_security security;
    if (!security.init((Permissions::file_mode & 077u) == 0, false, who, dir, ec))
        return INVALID_HANDLE_VALUE;
    HANDLE h = INVALID_HANDLE_VALUE;
    SECURITY_ATTRIBUTES* sa = security.attributes;
    std::wstring full;
    create_unique< Naming >(
        opts, dir,
        [&h, sa](const wchar_t* p) noexcept {
            h = create_file(Platform{}, p, GENERIC_READ | GENERIC_WRITE | DELETE, 0, sa, CREATE_NEW,
                            FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_HIDDEN | FILE_FLAG_DELETE_ON_CLOSE);
            return h != INVALID_HANDLE_VALUE;
        },
        full, who, "an anonymous file", ec);
    if (h != INVALID_HANDLE_VALUE)
        unlinked = try_unlink_now(h);
    return h;
}

//! Creates a directory exclusively in `dir`; false when reported.
template< typename Naming, typename Permissions, typename Platform = windows_platform >
bool create_directory(const options& opts, const filesystem::path& dir, std::wstring& full, const char* who,
                      system::error_code* ec)
{
    creation_security security;
    if (!security.init((Permissions::dir_mode & 077u) == 0, true, who, dir, ec))
        return false;
    SECURITY_ATTRIBUTES* sa = security.attributes;
    return create_unique< Naming >(
        opts, dir, [sa](const wchar_t* p) noexcept { return create_dir(Platform{}, p, sa); }, full, who,
        "a directory", ec);
}

//! The message for a failed publication (persist).
inline const char* persist_failure(DWORD e, bool keep_existing) noexcept
{
    if (e == ERROR_NOT_SAME_DEVICE)
        return ": the target is on another volume; the file stays where it was";
    if (name_taken(e) && keep_existing)
        return ": the target exists and no_clobber was asked; the file stays where it was";
    if (e == name_replaced)
        return ": the file was renamed or replaced since it was made and its name now refers to another file; "
               "nothing was renamed";
    if (not_found(e))
        return ": the file is gone";
    return ": cannot give the file its new name; it stays where it was";
}

//! The message for a failed removal of a named file; the object still owns
//! the name then.
inline const char* removal_failure(DWORD e) noexcept
{
    if (e == name_replaced)
        return ": the file was renamed or replaced since it was made and its name now refers to another file; "
               "nothing was removed";
    if (e == ERROR_SHARING_VIOLATION)
        return ": the file is open elsewhere without FILE_SHARE_DELETE; it is still owned: a later remove() or the "
               "destructor tries again";
    return ": cannot remove the file; it is still owned: a later remove() or the destructor tries again";
}

} // namespace win
} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
