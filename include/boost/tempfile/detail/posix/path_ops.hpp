// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_PATH_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_PATH_OPS_HPP
#pragma once

#include <boost/tempfile/detail/posix/file_ops.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>

#include <cerrno>
#include <cstdint>

#include <fcntl.h>
#include <sys/stat.h>

namespace boost {
namespace tempfile {
namespace detail {

//! Records the identity of what `path` names, not followed (a symlink is
//! the link itself), in `pin`, so that the owner later removes the name
//! only while it still means that entry. Where the system has O_PATH the
//! pin also holds a reference to the inode: its number cannot pass to
//! another file while the owner lives. 0, or the errno (EISDIR for a
//! directory, which a file owner does not take).
template< typename Platform >
int pin_existing_name(Platform, const char* path, file_pin< Platform >& pin) noexcept
{
    struct ::stat st;
#if defined(O_PATH)
    const int ref = open_at(Platform{}, AT_FDCWD, path, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
    if (ref < 0)
        return errno;
    if (stat_fd(Platform{}, ref, &st) != 0)
    {
        const int e = errno;
        close_fd(Platform{}, ref);
        return e;
    }
#else
    const int ref = -1;
    if (stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno;
#endif
    if (S_ISDIR(st.st_mode))
    {
        if (ref >= 0)
            close_fd(Platform{}, ref);
        return EISDIR;
    }
    file_identity id;
    id.device = static_cast< std::uint64_t >(st.st_dev);
    id.inode = static_cast< std::uint64_t >(st.st_ino);
    pin.set(id, ref, pin_state::proven);
    return 0;
}

//! The error a path-only owner reports for a directory it was asked to adopt.
template< typename Platform >
constexpr int is_directory_error(Platform) noexcept
{
    return EISDIR;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
