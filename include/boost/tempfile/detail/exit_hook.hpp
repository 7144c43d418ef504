// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_EXIT_HOOK_HPP
#define BOOST_TEMPFILE_DETAIL_EXIT_HOOK_HPP
#pragma once

// How the handlers of detail/{posix,windows}/exit_ops.hpp reach the exit
// registry (detail/exit_registry.hpp), which stores its cleanup here before
// it installs them: a function pointer read atomically, as a signal handler
// may.

#include <boost/tempfile/detail/config.hpp>
#include <atomic>

namespace boost {
namespace tempfile {
namespace detail {

//! Why the registered entries are being removed.
enum class cleanup_moment
{
    at_exit,    // std::exit, return from main, std::quick_exit: anything goes
    in_signal,  // our own handler (POSIX signal, Windows console event): the process is ending
    on_request  // run_exit_cleanup(): async-signal-safe, the process may go on
};

using cleanup_function = void (*)(cleanup_moment) noexcept;

// One for the whole process (see detail/config.hpp).
BOOST_TEMPFILE_DECL std::atomic< cleanup_function >& cleanup_hook() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL std::atomic< cleanup_function >& cleanup_hook() noexcept
{
    static std::atomic< cleanup_function > hook{nullptr};
    return hook;
}
#endif

//! Runs the registry's cleanup, if a registry installed it.
inline void run_cleanup_hook(cleanup_moment moment) noexcept
{
    const cleanup_function f = cleanup_hook().load(std::memory_order_acquire);
    if (f)
        f(moment);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
