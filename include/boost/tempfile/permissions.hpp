// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_PERMISSIONS_HPP
#define BOOST_TEMPFILE_PERMISSIONS_HPP
#pragma once

// Permission policies give the modes a file and a directory are created with.
// Contract (checked by detail/policy_checks.hpp):
//     static constexpr mode_type file_mode;  // includes 0600: the owner reads and writes
//     static constexpr mode_type dir_mode;   // includes 0700: the owner can use the directory
//     static constexpr bool exact;           // true: set the mode through the descriptor
//                                            // after creation, so the umask cannot narrow it
// The modes are given to open()/mkdir() themselves, so there is never a moment
// with wider permissions. Without `exact`, the umask may remove bits, as with
// every POSIX call; a directory is still repaired to stay usable by its owner.
// No dangerous value compiles: a mode with S_ISUID or S_ISGID (nothing the
// library makes carries privilege), or a directory mode that lets group or
// others write without the sticky bit (they could remove or replace what the
// owner puts in it; the umask may take such bits away, but it may be 0).

#include <boost/filesystem/file_status.hpp>

namespace boost {
namespace tempfile {

//! POSIX permission bits (0600, 0700, ...).
using mode_type = unsigned;

//! The permission bits of `m` (07777) as Boost.Filesystem's perms, for
//! filesystem::permissions() or a comparison with status().permissions().
constexpr filesystem::perms to_perms(mode_type m) noexcept
{
    return static_cast< filesystem::perms >(m & 07777u);
}

//! The permission bits of `p` as a mode_type. The flags that are not
//! permission bits (add_perms, remove_perms, symlink_perms) are dropped, and
//! perms_not_known gives 0: no bits are known.
constexpr mode_type to_mode(filesystem::perms p) noexcept
{
    return p == filesystem::perms_not_known ? 0u : static_cast< mode_type >(p) & 07777u;
}

//! Any modes, narrowed by the umask as usual.
template< mode_type FileMode, mode_type DirMode >
struct mode
{
    static constexpr mode_type file_mode = FileMode;
    static constexpr mode_type dir_mode = DirMode;
    static constexpr bool exact = false;
};

//! Exactly these modes whatever the umask (one fchmod more per creation).
template< mode_type FileMode, mode_type DirMode >
struct exact_mode
{
    static constexpr mode_type file_mode = FileMode;
    static constexpr mode_type dir_mode = DirMode;
    static constexpr bool exact = true;
};

//! The default: 0600 files and 0700 directories, private to the owner.
struct owner_only : mode< 0600, 0700 >
{
};

//! What open(O_CREAT) and mkdir() give ordinary files and directories: 0666
//! and 0777 less the umask -- with the sticky bit on the directory, so that
//! a umask that leaves it writable by others does not let them remove or
//! replace what is in it.
struct umask_default : mode< 0666, 01777 >
{
};

} // namespace tempfile
} // namespace boost

#endif
