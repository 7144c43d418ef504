// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_MAKE_TEMP_HPP
#define BOOST_TEMPFILE_MAKE_TEMP_HPP
#pragma once

// Manual management (Python's mkstemp and mkdtemp): the file or directory is
// made exactly as the owners make theirs -- exclusive, 0600/0700, absolute
// path -- and then belongs to the caller, who closes and removes it.

#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/create_file.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/temp_dir.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <string>

namespace boost {
namespace tempfile {
namespace detail {

// The file as named_temp_file makes it (see detail/create_file.hpp), on
// every system. On Windows its handle has GENERIC_READ | GENERIC_WRITE
// without DELETE, so that openers that do not share delete can still open
// it; the caller renames or deletes it through ReOpenFile with DELETE, or by
// name.
template< typename Naming, typename Permissions, typename Platform >
created_file make_temp_file(const options& opts, system::error_code* ec)
{
    static_assert(check_naming< Naming >::value);
    static_assert(check_permissions< Permissions >::value);
    static_assert(check_platform< Platform >::value);
    created_file result{handle_type_of< Platform >::invalid(), filesystem::path()};
    filesystem::path storage;
    const filesystem::path& dir = creation_dir(opts, storage, ec);
    if (dir.empty())
        return result;
    path_string full;
    result.handle = create_named_file< Naming, Permissions, Platform >(opts, dir, full, "boost::tempfile::make_temp_file",
                                                                        ec);
    const auto h = result.handle;
    if (h != handle_type_of< Platform >::invalid())
        result.path = adopt_name(full, [h, &full]() noexcept { discard_new_file(Platform{}, h, full.c_str()); });
    return result;
}

//! The directory as temp_dir makes it (detail::make_directory: exclusive,
//! owner-only, the umask's damage to the owner's bits repaired through the
//! handle), handed over: the handle is closed, the path returned.
template< typename Naming, typename Permissions, typename Platform >
filesystem::path make_temp_dir(const options& opts, system::error_code* ec)
{
    static_assert(check_naming< Naming >::value);
    static_assert(check_permissions< Permissions >::value);
    static_assert(check_platform< Platform >::value);
    filesystem::path storage;
    const filesystem::path& dir = creation_dir(opts, storage, ec);
    if (dir.empty())
        return filesystem::path();
    path_string full;
    file_identity id;
    const auto h = make_directory< Naming, Permissions, Platform >(opts, dir, full, id,
                                                                   "boost::tempfile::make_temp_dir", ec);
    if (h == handle_type_of< Platform >::invalid())
        return filesystem::path();
    filesystem::path result = adopt_name(full, [h, &full]() noexcept {
        close_dir_handle(Platform{}, h);
        remove_new_dir(Platform{}, full.c_str());
    });
    close_dir_handle(Platform{}, h);
    return result;
}

} // namespace detail

//! Creates a file exclusively (0600, as Permissions says) and returns its
//! open descriptor and absolute path; both are the caller's. Throws
//! filesystem_error naming the directory.
template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
[[nodiscard]] created_file make_temp_file(const options& opts = options())
{
    return detail::make_temp_file< Naming, Permissions, Platform >(opts, nullptr);
}

//! As above; on failure sets ec and returns {invalid handle (-1 on POSIX), empty path}.
template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
[[nodiscard]] created_file make_temp_file(const options& opts, system::error_code& ec)
{
    return detail::make_temp_file< Naming, Permissions, Platform >(opts, &ec);
}

//! Creates a directory exclusively (0700) and returns its absolute path, the
//! caller's to remove. Throws filesystem_error naming the parent directory.
template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
[[nodiscard]] filesystem::path make_temp_dir(const options& opts = options())
{
    return detail::make_temp_dir< Naming, Permissions, Platform >(opts, nullptr);
}

//! As above; on failure sets ec and returns an empty path.
template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
[[nodiscard]] filesystem::path make_temp_dir(const options& opts, system::error_code& ec)
{
    return detail::make_temp_dir< Naming, Permissions, Platform >(opts, &ec);
}

} // namespace tempfile
} // namespace boost

#endif
