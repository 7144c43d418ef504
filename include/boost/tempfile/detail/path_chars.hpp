// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_PATH_CHARS_HPP
#define BOOST_TEMPFILE_DETAIL_PATH_CHARS_HPP
#pragma once

// The one place that knows what a path is made of on this system: narrow
// characters taken as they are on POSIX, UTF-16 on Windows. Prefix, suffix,
// pattern and the names a naming policy makes are UTF-8 (std::string, the
// naming contract); they are appended to a native path here, and a name
// that is not valid UTF-8 cannot become a Windows path.

#include <boost/tempfile/platform.hpp>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#endif

#include <boost/filesystem/path.hpp>

#include <cerrno>
#include <string>

namespace boost {
namespace tempfile {
namespace detail {

using path_char = filesystem::path::value_type;
using path_string = filesystem::path::string_type;

//! The separator put between a directory and a name.
#if defined(BOOST_TEMPFILE_WINDOWS)
constexpr path_char name_separator = L'\\';
#else
constexpr path_char name_separator = '/';
#endif

//! Whether c ends a directory path already (no separator to add).
inline bool is_separator(path_char c) noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    return c == L'\\' || c == L'/';
#else
    return c == '/';
#endif
}

//! Appends UTF-8 text to a native path. False (out unchanged) when the text
//! cannot be a native name: invalid UTF-8 on Windows. May throw bad_alloc.
inline bool append_utf8(path_string& out, const std::string& utf8)
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    std::wstring wide;
    if (!win::widen(utf8, wide))
        return false;
    out += wide;
#else
    out += utf8;
#endif
    return true;
}

//! Whether a failed exclusive creation of `candidate` with error `err`
//! (errno / Win32 code) means that the name is taken: then another name is
//! tried. On Windows a name whose file is being deleted (delete pending)
//! answers ERROR_ACCESS_DENIED: taken too, if something is there.
inline bool name_taken(const path_char* candidate, int err) noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    const DWORD e = static_cast< DWORD >(err);
    return win::name_taken(e) || (e == ERROR_ACCESS_DENIED && ::GetFileAttributesW(candidate) != INVALID_FILE_ATTRIBUTES);
#else
    (void)candidate;
    return err == EEXIST;
#endif
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
