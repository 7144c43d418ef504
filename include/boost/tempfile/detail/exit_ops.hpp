// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_EXIT_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_EXIT_OPS_HPP
#pragma once

// The exit operations of the system compiled for: what the exit registry
// (detail/exit_registry.hpp) does differently on POSIX (signals) and on
// Windows (console control events), each overloaded on the platform tag.
// Both files provide: process_id, current_process, identify_name,
// monotonic_ns, sleep_ms, exit_signal_mask, block_exit_signals,
// restore_exit_signals, on_fork_child, release_reserved, signals_interrupt,
// remove_registered_file, remove_registered_dir_in_signal,
// finish_registered_dir, install_exit_hooks, install_signal_handlers,
// uninstall_signal_handlers. Their handlers call back into the registry
// through detail/exit_hook.hpp.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/exit_ops.hpp>
#else
#include <boost/tempfile/detail/posix/exit_ops.hpp>
#endif

#endif
