// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_ERROR_HPP
#define BOOST_TEMPFILE_DETAIL_ERROR_HPP
#pragma once

// One place turns a failure into the Boost pair of error forms: a throw of
// filesystem_error carrying the path when the caller passed no error_code,
// else an assignment to it.

#include <boost/filesystem/exception.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/throw_exception.hpp>
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

inline system::error_code errno_code(int e) noexcept
{
    return system::error_code(e, system::system_category());
}

inline system::error_code errc_code(system::errc::errc_t e) noexcept
{
    return system::errc::make_error_code(e);
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
