// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_ERROR_HPP
#define BOOST_TEMPFILE_DETAIL_ERROR_HPP
#pragma once

// One place turns a failure into the Boost pair of error forms: a throw of
// filesystem_error carrying the path when the caller passed no error_code,
// else an assignment to it.

#include <boost/tempfile/platform.hpp> // BOOST_TEMPFILE_WINDOWS: name_exists_code()

#include <boost/filesystem/exception.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/throw_exception.hpp>
#include <cerrno>
#include <string>

namespace boost {
namespace tempfile {
namespace detail {

inline void report(system::error_code err, const std::string& what, const filesystem::path& p, system::error_code* ec)
{
    if (ec)
        *ec = err;
    else
        boost::throw_exception(filesystem::filesystem_error(what, p, err));
}

inline void report(system::error_code err, const std::string& what, const filesystem::path& p1,
                   const filesystem::path& p2, system::error_code* ec)
{
    if (ec)
        *ec = err;
    else
        boost::throw_exception(filesystem::filesystem_error(what, p1, p2, err));
}

// Which category an error is in. What the system said -- an errno value on
// POSIX, a Win32 code on Windows -- is reported in system_category(), as
// Boost.Filesystem reports it, and so is what the library concludes the system
// would say (every name taken: the system's "exists"). What the library decides
// on its own about its arguments and state (an invalid prefix, a forked child's
// refusal, a closed file) is a portable condition in generic_category().
// Either compares equal to the errc condition it means: test
// `ec == boost::system::errc::file_exists`, never the category.

//! An errno value (POSIX) or a Win32 code (Windows), as the system gave it.
inline system::error_code errno_code(int e) noexcept
{
    return system::error_code(e, system::system_category());
}

//! A condition the library decided on its own.
inline system::error_code errc_code(system::errc::errc_t e) noexcept
{
    return system::errc::make_error_code(e);
}

//! "The name exists", in the system's own words: EEXIST, or on Windows
//! ERROR_FILE_EXISTS (80) -- what a failed exclusive creation reports, so
//! that running out of names and a no-clobber publication that meets an
//! existing target give one and the same error.
inline system::error_code name_exists_code() noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    return errno_code(80);
#else
    return errno_code(EEXIST);
#endif
}

//! Appended to the operation's name when a forked child tries to publish,
//! hand over or remove what its parent created (reported as
//! operation_not_permitted, nothing changed).
constexpr const char* forked_child_refusal =
    ": the object belongs to the process that created it (this is a forked child)";

//! Appended when an owner that owns nothing (released, moved from, or never
//! made) is asked to publish it.
constexpr const char* owns_nothing = ": the object owns no file (it was released, moved from, or its creation failed)";

inline void clear(system::error_code* ec) noexcept
{
    if (ec)
        ec->clear();
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
