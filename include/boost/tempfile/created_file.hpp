// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_CREATED_FILE_HPP
#define BOOST_TEMPFILE_CREATED_FILE_HPP
#pragma once

// What make_temp_file() returns and what an owner's release() hands over: an
// open handle and the absolute path, both now the caller's to close and
// remove (Python's mkstemp() pair). Plain data, so `auto [fd, path] = ...`.

#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>

namespace boost {
namespace tempfile {

struct created_file
{
    native_handle_type handle;
    filesystem::path path;
};

} // namespace tempfile
} // namespace boost

#endif
