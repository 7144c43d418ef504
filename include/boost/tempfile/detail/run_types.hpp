// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_RUN_TYPES_HPP
#define BOOST_TEMPFILE_DETAIL_RUN_TYPES_HPP
#pragma once

// The words in which the run operations of every platform
// (detail/{posix,windows}/run_ops.hpp) answer run_dir and the sweep.

namespace boost {
namespace tempfile {
namespace detail {

//! Why the application's root was refused (see run_dir.hpp for the messages).
enum class root_refusal
{
    none,
    absent,        // no root yet (a sweep has nothing to do)
    cannot_create, // mkdir failed
    cannot_open,
    symlink,       // a symbolic link (or a reparse point) where the root should be
    not_directory,
    foreign_owner, // owned by another user
    cannot_repair  // ours, with a mode other than 0700 that could not be set
};

//! What a look at one entry of the root found.
enum class run_probe
{
    not_ours, // not a directory of this user on the root's file system: never touched
    alive,    // its lock is held: the process (or a child that inherited it) lives
    young,    // lock free but not yet a run (being made): left for a later sweep
    dead,     // lock free: the process is gone; `run_lock` holds the lock now
    gone,     // removed meanwhile
    failed
};

//! A directory being made (".new-" on POSIX, or a run without its lock
//! file on Windows) whose lock is free is taken for the remains of a
//! creator that died before locking it only once it is this old: a creator
//! takes its lock microseconds after the mkdir.
constexpr long long incomplete_run_grace_seconds = 60;

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
