// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_DIR_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_DIR_OPS_HPP
#pragma once

// The directory operations of the system compiled for: what temp_dir and
// the removal walk (detail/remove_tree.hpp) do differently on POSIX and on
// Windows, each overloaded on the platform tag. Both files provide the same
// names: new_dir_attributes, prepare_new_dir, make_dir, remove_new_dir,
// new_dir_step, open_new_dir, close_dir_handle; and for the walk walk_dir,
// walk_tree, walk_error, walk_hint, walk_read, walk_outcome, root_status,
// classify, stale_error, walk_open_limit, open_root, remove_root,
// start_walk, open_listing, read_entry, rewind_listing, remove_entry,
// enter_dir, remove_emptied_dir, repair_dir, let_go, climb_to,
// close_walk_dir; and put_path, which writes a path to a C stream.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/dir_ops.hpp>
#else
#include <boost/tempfile/detail/posix/dir_ops.hpp>
#endif

#endif
