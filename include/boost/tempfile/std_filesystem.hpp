// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_STD_FILESYSTEM_HPP
#define BOOST_TEMPFILE_STD_FILESYSTEM_HPP
#pragma once

// For programs written against std::filesystem: the library's paths are
// boost::filesystem::path, and these give the same path as the other type.
// Both carry the native string over unchanged (bytes on POSIX, UTF-16 on
// Windows): no code-page or locale conversion can alter a name on the way,
// so the std path names exactly the file the library made.

#include <boost/filesystem/path.hpp>

#include <filesystem>

namespace boost {
namespace tempfile {

//! The same path as a std::filesystem::path: `to_std_path(file.path())`.
//! Throws only std::bad_alloc.
inline std::filesystem::path to_std_path(const filesystem::path& p)
{
    return std::filesystem::path(p.native());
}

//! The same path as a boost::filesystem::path, for the library's parameters
//! (`options::dir`, `persist`, `atomic_file`). Boost.Filesystem 1.81 converts
//! a std::filesystem::path implicitly; 1.74 does not, and then this is the
//! way. Throws only std::bad_alloc.
inline filesystem::path to_boost_path(const std::filesystem::path& p)
{
    return filesystem::path(p.native());
}

} // namespace tempfile
} // namespace boost

#endif
