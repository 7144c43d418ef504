// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WALK_TYPES_HPP
#define BOOST_TEMPFILE_DETAIL_WALK_TYPES_HPP
#pragma once

// The words in which the directory operations of every platform
// (detail/{posix,windows}/dir_ops.hpp) tell temp_dir and the removal walk
// how a step went: the walk decides on these, never on an errno value or a
// Win32 code.

namespace boost {
namespace tempfile {
namespace detail {

//! The step of opening a new directory that failed (for the message).
enum class new_dir_step
{
    open,
    status,
    mode
};

//! What a failure means to the walk (classify()).
enum class walk_error
{
    other,
    gone,          // nothing there (any more)
    not_empty,     // a directory still holding entries
    denied,        // a mode to repair
    too_many_open, // out of descriptors: let some go
    stale          // a name that no longer means what was made
};

//! How opening the root of a removal went.
enum class root_status
{
    ready,
    gone,
    failed
};

//! What a listing says of an entry.
enum class walk_hint
{
    unknown,
    directory,
    link
};

enum class walk_read
{
    entry,
    end,
    failed
};

enum class walk_outcome
{
    done,         // removed (or already gone), or entered
    is_directory, // remove_entry: a directory, to enter
    mount_point,  // enter_dir: not entered, left as found
    failed
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
