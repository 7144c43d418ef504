// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_PROCESS_HPP
#define BOOST_TEMPFILE_DETAIL_PROCESS_HPP
#pragma once

// Which process are we? Owners must not remove what a parent process created
// before it forked, and the name generator must not repeat its parent's
// sequence. getpid() is a system call on current glibc, so instead of asking
// on every creation we count forks with pthread_atfork: the count changes in
// every child, and reading it costs a load.

#include <boost/tempfile/platform.hpp>

#include <atomic>
#if !defined(BOOST_TEMPFILE_WINDOWS)
#include <pthread.h>
#endif

namespace boost {
namespace tempfile {
namespace detail {

inline std::atomic< unsigned >& fork_counter() noexcept
{
    static std::atomic< unsigned > counter{0};
    return counter;
}

extern "C" inline void boost_tempfile_on_fork_child() noexcept
{
    fork_counter().fetch_add(1, std::memory_order_relaxed);
}

//! Changes in a child process after fork() (children made by raw clone() or
//! vfork()+exec do not run atfork handlers and are not distinguished).
inline unsigned fork_generation() noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    return 0; // Windows has no fork(): every process is its own creator.
#else
    static const bool registered = (::pthread_atfork(nullptr, nullptr, &boost_tempfile_on_fork_child), true);
    (void)registered;
    return fork_counter().load(std::memory_order_relaxed);
#endif
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
