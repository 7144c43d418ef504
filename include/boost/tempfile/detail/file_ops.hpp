// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_FILE_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_FILE_OPS_HPP
#pragma once

// The file operations the owners are written over (create, identify, pin,
// remove, rename, reopen, anonymous files, duplicates, durability): one set
// per system, the same names and signatures, overloaded on the platform tag.
// This is the one place that chooses between them; the owners above never
// ask which system they are on.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/file_ops.hpp>
#else
#include <boost/tempfile/detail/posix/file_ops.hpp>
#endif

#endif
