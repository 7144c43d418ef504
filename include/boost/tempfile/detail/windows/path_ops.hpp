// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_PATH_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_PATH_OPS_HPP
#pragma once

#include <boost/tempfile/detail/windows/file_ops.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>

#include <cstdint>

namespace boost {
namespace tempfile {
namespace detail {

//! Records the identity (volume, file index) of what `path` names, no
//! reparse point followed, in `pin`, so that the owner later removes the
//! name only while it still means that file. Opened for attributes only
//! and shared in every way, so that adopting disturbs no other opener. 0,
//! or the Win32 error (ERROR_DIRECTORY for a directory, which a file owner
//! does not take).
template< typename Platform >
int pin_existing_name(Platform, const wchar_t* path, file_pin< Platform >& pin) noexcept
{
    const HANDLE h = ::CreateFileW(path, FILE_READ_ATTRIBUTES, win::share_all, nullptr, OPEN_EXISTING,
                                   FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return static_cast< int >(::GetLastError());
    win::file_id got;
    DWORD attributes = 0;
    const bool known = win::identify(h, got, &attributes);
    const int e = known ? 0 : static_cast< int >(::GetLastError());
    ::CloseHandle(h);
    if (!known)
        return e;
    if (attributes & FILE_ATTRIBUTE_DIRECTORY)
        return static_cast< int >(ERROR_DIRECTORY);
    file_identity id;
    id.device = got.volume;
    id.inode = (static_cast< std::uint64_t >(got.high) << 32) | got.low;
    pin.set(id, pin_state::proven);
    return 0;
}

//! The error a path-only owner reports for a directory it was asked to adopt.
template< typename Platform >
constexpr int is_directory_error(Platform) noexcept
{
    return static_cast< int >(ERROR_DIRECTORY);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
