// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_IDENTITY_HPP
#define BOOST_TEMPFILE_DETAIL_IDENTITY_HPP
#pragma once

// What makes a file or directory the one an owner made, on every platform:
// device and inode on POSIX (st_dev, st_ino), volume serial number and file
// index on Windows. The owners compare identities before they act on a name
// that could have come to mean another entry; each backend fills one in from
// a handle (identify) and from a name that is not followed (identify_name).

#include <cstdint>

namespace boost {
namespace tempfile {
namespace detail {

struct file_identity
{
    std::uint64_t device = 0; // st_dev / volume serial number
    std::uint64_t inode = 0;  // st_ino / file index

    friend bool operator==(const file_identity& a, const file_identity& b) noexcept
    {
        return a.device == b.device && a.inode == b.inode;
    }
    friend bool operator!=(const file_identity& a, const file_identity& b) noexcept { return !(a == b); }
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
