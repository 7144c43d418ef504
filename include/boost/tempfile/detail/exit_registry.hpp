// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_EXIT_REGISTRY_HPP
#define BOOST_TEMPFILE_DETAIL_EXIT_REGISTRY_HPP
#pragma once

// What also_at_exit owners (delete_at_exit among them) leave to be removed
// if the process ends before they do: at exit (std::exit, return from main,
// std::quick_exit), when a signal whose disposition was the default one ends
// it (SIGINT, SIGTERM, SIGHUP, SIGQUIT; on Windows the console events that
// end a process), and when the application calls run_exit_cleanup() --
// from its own signal handler, for instance. Written once for every
// platform; the handlers and what a signal handler may do are in
// detail/{posix,windows}/exit_ops.hpp.
//
// The cleanup may run while the interrupted code holds the allocator's lock
// or is half-way through registering an entry. So the registry is a list
// that only grows (nodes are recycled, never freed), each node's state is
// claimed with compare-and-swap before anyone reads or rewrites its path,
// and the cleanup itself neither allocates nor locks when it runs in a
// signal handler. Entries record the process that made them: a forked
// child's exit or signal never removes its parent's entries.
//
// The creation window: an entry made but not registered yet would be
// missed, so creation and registration happen inside an exit_creation_scope
// -- the exit signals blocked in the creating thread (POSIX), a count of
// creations in progress that the cleanup waits for before its last pass,
// and, while our own handler is removing the entries of a dying process, a
// creation that waits for the end rather than make what it could miss.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/exit_ops.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/remove_tree.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <atomic>
#include <cstddef>
#include <cstring>
#include <new>

namespace boost {
namespace tempfile {
namespace detail {

struct exit_entry
{
    enum : int
    {
        free_slot = 0,
        active = 1,
        busy = 2 // being written, or being removed
    };
    std::atomic< int > state{busy};
    entry_kind kind = entry_kind::file;
    bool recursive = true; // a directory's contents go too
    process_id owner = 0;
    std::uint64_t device = 0; // what the name meant when registered: removal at
    std::uint64_t inode = 0;  // exit leaves alone whatever replaced it since
    path_char* path = nullptr;
    std::size_t capacity = 0;
    exit_entry* next = nullptr; // fixed once linked
};

#if defined(BOOST_TEMPFILE_NO_SIGNAL_HANDLERS)
constexpr bool signal_cleanup_by_default = false;
#else
constexpr bool signal_cleanup_by_default = true;
#endif

//! Constant-initialised and trivially destructible, so that it outlives
//! every static owner and the exit handler.
struct exit_registry_state
{
    std::atomic< exit_entry* > head{nullptr};
    std::atomic< bool > hooks_installed{false};
    //! set_signal_cleanup(): whether the library installs its handlers.
    std::atomic< bool > signal_cleanup{signal_cleanup_by_default};
    std::atomic< bool > signals_installed{false};
    std::atomic< bool > configuring{false};
    //! Creations of registered entries in progress (exit_creation_scope).
    std::atomic< unsigned > creating{0};
    //! Monotonic nanoseconds until which our handler is removing the entries
    //! of a dying process: a creation starting before then waits for the
    //! end instead of making what the handler could miss.
    std::atomic< long long > dying_until{0};
};

// One for the whole process (see detail/config.hpp).
BOOST_TEMPFILE_DECL exit_registry_state& exit_registry() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL exit_registry_state& exit_registry() noexcept
{
    static exit_registry_state state;
    return state;
}
#endif

// ---- creations in progress -----------------------------------------------------------------

//! How long a creation waits for a process whose handler is removing the
//! entries to end (refreshed by the handler as it goes).
constexpr long long dying_grace_ns = 2000000000LL;

inline void mark_dying() noexcept
{
    exit_registry().dying_until.store(monotonic_ns(system_platform{}) + dying_grace_ns, std::memory_order_seq_cst);
}

inline bool dying_now() noexcept
{
    const long long until = exit_registry().dying_until.load(std::memory_order_seq_cst);
    return until != 0 && monotonic_ns(system_platform{}) < until;
}

extern "C" inline void boost_tempfile_creations_after_fork() noexcept
{
    // Only the forking thread lives on in the child, and it is not creating.
    exit_registry().creating.store(0, std::memory_order_relaxed);
}

//! Waits (at most a second) until no other thread is between creating a
//! registered entry and registering it. Async-signal-safe.
inline void wait_for_creations() noexcept
{
    exit_registry_state& r = exit_registry();
    for (int i = 0; i < 1000 && r.creating.load(std::memory_order_seq_cst) != 0; ++i)
        sleep_ms(system_platform{}, 1);
}

//! Lives across the creation of an entry registered for exit and its
//! registration (the owners construct it first, when their cleanup policy
//! names it as `creation_scope`). Costs two pthread_sigmask calls (POSIX)
//! and two atomic operations per creation.
class exit_creation_scope
{
public:
    exit_creation_scope() noexcept
    {
        static const bool fork_handler = (on_fork_child(system_platform{}, &boost_tempfile_creations_after_fork), true);
        (void)fork_handler;
        block_exit_signals(system_platform{}, saved_);
        exit_registry_state& r = exit_registry();
        // Either the handler sees this count, or this sees dying_until (both
        // sequentially consistent): never neither.
        r.creating.fetch_add(1, std::memory_order_seq_cst);
        while (dying_now())
        {
            r.creating.fetch_sub(1, std::memory_order_seq_cst);
            sleep_ms(system_platform{}, 1);
            r.creating.fetch_add(1, std::memory_order_seq_cst);
        }
    }

    ~exit_creation_scope()
    {
        exit_registry().creating.fetch_sub(1, std::memory_order_seq_cst);
        restore_exit_signals(system_platform{}, saved_);
    }

    exit_creation_scope(const exit_creation_scope&) = delete;
    exit_creation_scope& operator=(const exit_creation_scope&) = delete;

private:
    exit_signal_mask saved_;
};

// ---- removal -------------------------------------------------------------------------------

//! Removes one registered entry if its name still means what was
//! registered. `signal_safe`: no allocation, no lock (a POSIX signal
//! handler, run_exit_cleanup()); else the owners' own walk, and on POSIX the
//! signal-time walk for what that left (out of memory or descriptors).
template< typename Platform >
void remove_entry(Platform, const exit_entry& e, bool signal_safe) noexcept
{
    file_identity id;
    id.device = e.device;
    id.inode = e.inode;
    if (e.kind == entry_kind::file)
        return remove_registered_file(Platform{}, e.path, id);
    if (signals_interrupt(Platform{}) && signal_safe)
        return remove_registered_dir_in_signal(Platform{}, e.path, id, e.recursive);
    BOOST_TRY
    {
        const filesystem::path root(e.path);
        remove_directory< Platform >(root, id, Platform::invalid_handle(), e.recursive);
    }
    BOOST_CATCH(...)
    {
    }
    BOOST_CATCH_END
    finish_registered_dir(Platform{}, e.path, id, e.recursive);
}

//! The removal a signal handler makes (kept under this name for the tests
//! that measure it).
inline void signal_safe_remove(const exit_entry& e) noexcept
{
    remove_entry(system_platform{}, e, true);
}

//! Removes every active entry of this process, claiming each first.
inline void remove_registered(cleanup_moment moment) noexcept
{
    const process_id self = current_process(system_platform{});
    for (exit_entry* e = exit_registry().head.load(std::memory_order_acquire); e; e = e->next)
    {
        int expected = exit_entry::active;
        if (!e->state.compare_exchange_strong(expected, exit_entry::busy, std::memory_order_acq_rel))
            continue;
        if (e->owner == self)
        {
            if (moment == cleanup_moment::in_signal)
                mark_dying(); // still at it: creations keep waiting
            remove_entry(system_platform{}, *e, moment != cleanup_moment::at_exit);
        }
        // Left busy: the owner's later release finds nothing to do.
    }
}

//! The whole cleanup: descriptors given back, every entry removed, and once
//! more after the creations in progress are through: one that registered
//! while the first pass went by -- even one the first pass saw no sign of,
//! as it ended before the count was looked at -- is removed by the second.
inline void run_registered_cleanup(cleanup_moment moment) noexcept
{
    if (moment == cleanup_moment::in_signal)
        mark_dying();
    release_reserved(system_platform{});
    remove_registered(moment);
    wait_for_creations();
    remove_registered(moment);
}

// ---- handlers ------------------------------------------------------------------------------

//! Serialises installing and removing the signal handlers (set_signal_cleanup
//! may race with the first registration).
class configuration_lock
{
public:
    configuration_lock() noexcept
    {
        bool expected = false;
        while (!exit_registry().configuring.compare_exchange_weak(expected, true, std::memory_order_acquire))
        {
            expected = false;
            sleep_ms(system_platform{}, 1);
        }
    }
    ~configuration_lock() { exit_registry().configuring.store(false, std::memory_order_release); }
    configuration_lock(const configuration_lock&) = delete;
    configuration_lock& operator=(const configuration_lock&) = delete;
};

//! Installs or removes the signal handlers so that they are in place iff
//! the exit hooks are and set_signal_cleanup() allows them. Installing
//! again is harmless (only over SIG_DFL, the console handler once), and puts
//! ours back where the application reset a signal to SIG_DFL since.
inline void sync_signal_handlers() noexcept
{
    exit_registry_state& r = exit_registry();
    const configuration_lock lock;
    const bool want = r.hooks_installed.load() && r.signal_cleanup.load();
    if (want)
        install_signal_handlers(system_platform{});
    else if (r.signals_installed.load())
        uninstall_signal_handlers(system_platform{});
    r.signals_installed.store(want);
}

//! Installs the exit hooks and (allowed) the signal handlers, once per
//! process, with the first registration.
inline void install_exit_handlers() noexcept
{
    exit_registry_state& r = exit_registry();
    bool expected = false;
    if (!r.hooks_installed.load(std::memory_order_acquire))
    {
        static std::atomic< bool > once{false};
        if (once.compare_exchange_strong(expected, true))
        {
            cleanup_hook().store(&run_registered_cleanup, std::memory_order_release);
            install_exit_hooks(system_platform{});
            r.hooks_installed.store(true, std::memory_order_release);
            sync_signal_handlers();
        }
    }
}

// ---- registration --------------------------------------------------------------------------

//! Registers p with what it means now; nullptr if memory ran out or p is
//! already gone (then it is only removed as the owner's policy says).
inline exit_entry* register_for_exit(const filesystem::path& p, entry_kind kind, bool recursive = true) noexcept
{
    file_identity id;
    int err = 0;
    if (!identify_name(system_platform{}, p.c_str(), id, err))
        return nullptr;
    install_exit_handlers();
    const path_string& native = p.native();
    const std::size_t need = native.size() + 1;
    exit_registry_state& r = exit_registry();
    exit_entry* slot = nullptr;
    for (exit_entry* e = r.head.load(std::memory_order_acquire); e && !slot; e = e->next)
    {
        int expected = exit_entry::free_slot;
        if (e->capacity >= need && e->state.compare_exchange_strong(expected, exit_entry::busy))
            slot = e;
    }
    if (!slot)
    {
        slot = new (std::nothrow) exit_entry;
        path_char* buffer = slot ? new (std::nothrow) path_char[need] : nullptr;
        if (!buffer)
        {
            delete slot;
            return nullptr;
        }
        slot->path = buffer;
        slot->capacity = need;
        exit_entry* head = r.head.load(std::memory_order_relaxed);
        do
            slot->next = head;
        while (!r.head.compare_exchange_weak(head, slot, std::memory_order_release, std::memory_order_relaxed));
    }
    std::memcpy(slot->path, native.c_str(), need * sizeof(path_char));
    slot->kind = kind;
    slot->recursive = recursive;
    slot->owner = current_process(system_platform{});
    slot->device = id.device;
    slot->inode = id.inode;
    slot->state.store(exit_entry::active, std::memory_order_release);
    return slot;
}

//! The owner removed, kept or handed over the entry: nothing to do at exit.
inline void unregister_for_exit(exit_entry* e) noexcept
{
    if (!e)
        return;
    int expected = exit_entry::active;
    e->state.compare_exchange_strong(expected, exit_entry::free_slot, std::memory_order_acq_rel);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
