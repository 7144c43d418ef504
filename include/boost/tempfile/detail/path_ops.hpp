// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_PATH_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_PATH_OPS_HPP
#pragma once

// The operations of a path-only owner (temp_path) that the file operations
// do not already offer: recording the identity of an existing name, not
// followed, when it is adopted. One set per system, overloaded on the
// platform tag; removal and rename go through detail/file_ops.hpp.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/path_ops.hpp>
#else
#include <boost/tempfile/detail/posix/path_ops.hpp>
#endif

#endif
