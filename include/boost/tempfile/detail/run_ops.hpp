// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_RUN_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_RUN_OPS_HPP
#pragma once

// The operations of run_dir and sweep_runs that differ between systems,
// overloaded on the platform tag; both files provide the same names:
// run_root, run_lock, user_tag, open_run_root, close_run_root,
// list_run_root, make_run_entry, open_new_run, publish_run, discard_new_run,
// probe_run, handle_for_removal, release_run, stages_runs. The words they
// answer in are in detail/run_types.hpp.

#include <boost/tempfile/detail/run_types.hpp>
#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/run_ops.hpp>
#else
#include <boost/tempfile/detail/posix/run_ops.hpp>
#endif

#endif
