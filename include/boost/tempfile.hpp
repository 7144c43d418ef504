// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_HPP
#define BOOST_TEMPFILE_HPP
#pragma once

// Boost.TempFile: temporary files and directories, everything Python's
// tempfile module offers and more. This header includes every public header,
// on POSIX systems and on Windows alike (see doc/platforms.adoc).

#include <boost/tempfile/atomic_file.hpp>
#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/delete_at_exit.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/fault_injection.hpp>
#include <boost/tempfile/make_temp.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/run_dir.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/tempfile/std_filesystem.hpp>
#include <boost/tempfile/temp_dir.hpp>
#include <boost/tempfile/temp_directory.hpp>
#include <boost/tempfile/temp_entry.hpp>
#include <boost/tempfile/temp_file.hpp>
#include <boost/tempfile/temp_path.hpp>
#include <boost/tempfile/test_dirs.hpp>
#include <boost/tempfile/unique_handle.hpp>

#endif
