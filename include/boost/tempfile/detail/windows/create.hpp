// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_CREATE_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_CREATE_HPP
#pragma once

// The Windows creation loop of the owners not yet moved to
// detail::create_unique_entry (directories, atomic_file's temporary): the
// same contract as detail::create_unique (ask the naming policy, create
// exclusively, retry only when the name is taken), on UTF-16 paths. Files
// are made by detail/create_file.hpp over detail/windows/file_ops.hpp. Names from the naming policy (and so prefix, suffix and
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

} // namespace win
} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
