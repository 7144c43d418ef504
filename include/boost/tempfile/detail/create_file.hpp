// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_CREATE_FILE_HPP
#define BOOST_TEMPFILE_DETAIL_CREATE_FILE_HPP
#pragma once

// How every file owner makes its file, on every system, written once over
// the creation loop (detail/create.hpp) and the file operations
// (detail/file_ops.hpp): a named file (named_temp_file, make_temp_file) and
// an anonymous one (temp_file, spooled_temp_file's rollover).

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/options.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <string>

namespace boost {
namespace tempfile {
namespace detail {

//! Builds how new files are made: the protection with the mode of the
//! options or else the policy, and append mode when the options ask. False
//! when reported (Windows: the owner-only security descriptor cannot be built).
template< typename Permissions, typename Platform >
bool prepare_security(const options& opts, file_security& security, const filesystem::path& dir, const char* who,
                      system::error_code* ec)
{
    int err = 0;
    security.append = opts.append();
    if (prepare_file_security(Platform{}, file_mode_for< Permissions >(opts), exact_mode_for< Permissions >(opts),
                              security, err))
        return true;
    report(errno_code(err), std::string(who) + ": cannot build an owner-only security descriptor for a new file in",
           dir, ec);
    return false;
}

//! Creates a named file exclusively in `dir` with the policies' name and
//! protection. The handle (and the path in `full`), or the invalid handle
//! when reported. Once the file exists nothing allocates: a bad_alloc leaves
//! no file and no handle behind.
template< typename Naming, typename Permissions, typename Platform >
typename handle_type_of< Platform >::type create_named_file(const options& opts, const filesystem::path& dir,
                                                            path_string& full, const char* who, system::error_code* ec)
{
    using handle_type = typename handle_type_of< Platform >::type;
    const handle_type none = handle_type_of< Platform >::invalid();
    if (!check_kind_options(opts, creation_kind::file, who, &dir, ec))
        return none;
    file_security security;
    if (!prepare_security< Permissions, Platform >(opts, security, dir, who, ec))
        return none;
    handle_type h = none;
    const bool made = create_unique_entry< Naming >(
        opts, dir,
        [&h, &security](const path_char* p, int& err) noexcept {
            h = create_named_file_at(Platform{}, p, security, err);
            return h != handle_type_of< Platform >::invalid();
        },
        full, who, "a file", ec);
    if (!made)
        return none;
    int err = 0;
    if (!finish_new_file(Platform{}, h, security, err))
    {
        discard_new_file(Platform{}, h, full.c_str());
        report(errno_code(err), std::string(who) + ": cannot set the file's mode", filesystem::path(full), ec);
        return none;
    }
    return h;
}

//! What kind of anonymous file a creation made.
enum class anonymous_kind : unsigned char
{
    none,         //!< nothing made
    unnamed,      //!< never had a name (O_TMPFILE): may be given one later
    name_removed, //!< made with a name, removed at once
    name_hidden   //!< made with a name that stays, unopenable, until the handle closes (Windows
                  //!< without POSIX delete semantics)
};

//! Makes an anonymous file in opts.dir(): without a name where the system
//! can (O_TMPFILE), else a file made exclusively under a name from Naming
//! and unnamed at once. The handle, or the invalid handle when reported.
template< typename Naming, typename Permissions, typename Platform >
typename handle_type_of< Platform >::type create_anonymous_file(const options& opts, const char* who,
                                                                anonymous_kind& kind, system::error_code* ec)
{
    using handle_type = typename handle_type_of< Platform >::type;
    const handle_type none = handle_type_of< Platform >::invalid();
    kind = anonymous_kind::none;
    if (!check_options< Naming >(opts, who, ec)) // an unnamed file uses no name, but bad options are still bad
        return none;
    filesystem::path storage;
    const filesystem::path& dir = creation_dir(opts, storage, ec);
    if (dir.empty())
        return none;
    if (!check_kind_options(opts, creation_kind::file, who, &dir, ec))
        return none;
    file_security security;
    if (!prepare_security< Permissions, Platform >(opts, security, dir, who, ec))
        return none;
    int err = 0;
    handle_type h = open_unnamed_file(Platform{}, dir, security, err);
    if (h != none)
        kind = anonymous_kind::unnamed;
    else if (err != 0)
    {
        report(errno_code(err), std::string(who) + ": cannot create an anonymous file in directory", dir, ec);
        return none;
    }
    else
    {
        path_string full;
        const bool made = create_unique_entry< Naming >(
            opts, dir,
            [&h, &security](const path_char* p, int& e) noexcept {
                h = create_hidden_file_at(Platform{}, p, security, e);
                return h != handle_type_of< Platform >::invalid();
            },
            full, who, "a file", ec);
        if (!made)
            return none;
        bool removed = false;
        if (!unname_new_file(Platform{}, h, full.c_str(), removed, err))
        {
            report(errno_code(err), std::string(who) + ": cannot unlink the new file", filesystem::path(full), ec);
            return none;
        }
        kind = removed ? anonymous_kind::name_removed : anonymous_kind::name_hidden;
    }
    if (!finish_new_file(Platform{}, h, security, err))
    {
        close_fd(Platform{}, h);
        kind = anonymous_kind::none;
        report(errno_code(err), std::string(who) + ": cannot set the file's mode in directory", dir, ec);
        return none;
    }
    clear(ec);
    return h;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
