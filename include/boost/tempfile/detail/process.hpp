// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_PROCESS_HPP
#define BOOST_TEMPFILE_DETAIL_PROCESS_HPP
#pragma once

// Which process are we, and what does fork() do to the process-wide state?
//
// Owners must not remove what a parent process created before it forked,
// and the name generator must not repeat its parent's sequence. getpid() is
// a system call on current glibc, so instead of asking on every creation we
// count forks with pthread_atfork: the count changes in every child, and
// reading it costs a load.
//
// Process-wide state guarded by a mutex has a second problem with fork():
// only the forking thread lives on in the child, so a mutex another thread
// held at the fork stays locked there for ever, and the child's first use of
// the state waits for ever (a thread calling set_temp_directory_path() while
// the main thread forks did that to the child's first creation). A
// fork_safe_mutex is held by the forking thread across fork() -- locked just
// before, released just after in the parent and in the child -- so the child
// gets the state whole (no half-made update) and the mutex free.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/platform.hpp>

#include <atomic>
#include <new>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <mutex>
#else
#include <pthread.h>
#endif

namespace boost {
namespace tempfile {
namespace detail {

//! A T constructed on first use and never destroyed: process-wide state must
//! stay usable by whatever runs during exit (exit handlers, destructors of
//! other static objects, a fork from an atexit handler), and a mutex that
//! fork handlers lock must never go away under them.
template< typename T >
class immortal
{
public:
    immortal() noexcept(noexcept(T())) { ::new (static_cast< void* >(storage_)) T(); }
    immortal(const immortal&) = delete;
    immortal& operator=(const immortal&) = delete;
    T& get() noexcept { return *std::launder(reinterpret_cast< T* >(storage_)); }

private:
    alignas(T) unsigned char storage_[sizeof(T)];
};

#if defined(BOOST_TEMPFILE_WINDOWS)

//! Windows has no fork(): an ordinary mutex.
class fork_safe_mutex
{
public:
    fork_safe_mutex() = default;
    fork_safe_mutex(const fork_safe_mutex&) = delete;
    fork_safe_mutex& operator=(const fork_safe_mutex&) = delete;
    void lock() { mutex_.lock(); }
    void unlock() noexcept { mutex_.unlock(); }

private:
    std::mutex mutex_;
};

struct process_state
{
    std::atomic< unsigned > forks{0};
};

BOOST_TEMPFILE_DECL process_state& the_process_state() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL process_state& the_process_state() noexcept
{
    static process_state state; // constant-initialised
    return state;
}
#endif

#else // POSIX

class fork_safe_mutex;

//! What fork() must know of this process. Constant-initialised and trivially
//! destructible: usable at any time, during exit too.
struct process_state
{
    //! Forks this process descends through (changes in every child).
    std::atomic< unsigned > forks{0};
    //! Guards `mutexes`, and is held across fork() with them, so that a
    //! mutex registered during a fork is either held across it or made after.
    ::pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
    //! Every fork_safe_mutex of the process, newest first.
    fork_safe_mutex* mutexes = nullptr;
};

//! A mutex for process-wide state that fork() cannot leave locked in the
//! child (see the header comment). Only for state that is never destroyed
//! (detail::immortal): the fork handlers keep a pointer to every one made.
//! Never hold two at once: the fork handlers lock them all, newest first.
class fork_safe_mutex
{
public:
    fork_safe_mutex() noexcept;
    fork_safe_mutex(const fork_safe_mutex&) = delete;
    fork_safe_mutex& operator=(const fork_safe_mutex&) = delete;

    // A default (non-error-checking) mutex fails only for misuse, which
    // would be a bug here: the results are not looked at.
    void lock() noexcept { ::pthread_mutex_lock(&mutex_); }
    void unlock() noexcept { ::pthread_mutex_unlock(&mutex_); }

private:
    friend void hold_across_fork(process_state&) noexcept;
    friend void release_after_fork(process_state&) noexcept;

    ::pthread_mutex_t mutex_ = PTHREAD_MUTEX_INITIALIZER;
    fork_safe_mutex* next_ = nullptr;
};

inline void hold_across_fork(process_state& s) noexcept
{
    ::pthread_mutex_lock(&s.registry);
    for (fork_safe_mutex* m = s.mutexes; m; m = m->next_)
        m->lock();
}

//! In the parent, and in the child (whose only thread is the one that locked
//! them: unlocking is its right, and leaves the mutexes as new).
inline void release_after_fork(process_state& s) noexcept
{
    for (fork_safe_mutex* m = s.mutexes; m; m = m->next_)
        m->unlock();
    ::pthread_mutex_unlock(&s.registry);
}

BOOST_TEMPFILE_DECL process_state& the_process_state() noexcept;

extern "C" inline void boost_tempfile_before_fork() noexcept
{
    hold_across_fork(the_process_state());
}

extern "C" inline void boost_tempfile_after_fork_in_parent() noexcept
{
    release_after_fork(the_process_state());
}

extern "C" inline void boost_tempfile_after_fork_in_child() noexcept
{
    process_state& s = the_process_state();
    s.forks.fetch_add(1, std::memory_order_relaxed);
    release_after_fork(s);
}

#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL process_state& the_process_state() noexcept
{
    static process_state state; // constant-initialised: no guard, never destroyed
    // pthread_atfork fails only for want of memory; the fork counter would
    // then not change in children, as for raw clone() (see fork_generation).
    static const bool handlers_installed = ::pthread_atfork(&boost_tempfile_before_fork,
                                                            &boost_tempfile_after_fork_in_parent,
                                                            &boost_tempfile_after_fork_in_child) == 0;
    (void)handlers_installed;
    return state;
}
#endif

inline fork_safe_mutex::fork_safe_mutex() noexcept
{
    process_state& s = the_process_state();
    ::pthread_mutex_lock(&s.registry);
    next_ = s.mutexes;
    s.mutexes = this;
    ::pthread_mutex_unlock(&s.registry);
}

#endif // POSIX

//! Changes in a child process after fork() (children made by raw clone() or
//! vfork()+exec do not run atfork handlers and are not distinguished).
inline unsigned fork_generation() noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    return 0; // Windows has no fork(): every process is its own creator.
#else
    return the_process_state().forks.load(std::memory_order_relaxed);
#endif
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
