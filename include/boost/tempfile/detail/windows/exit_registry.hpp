// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_EXIT_REGISTRY_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_EXIT_REGISTRY_HPP
#pragma once

// What delete_at_exit owners leave to be removed if the process ends before
// they do, on Windows: at normal exit (std::exit, return from main: atexit)
// and on the console events that end a process -- Ctrl+C, Ctrl+Break, the
// console window closed, logoff, shutdown (SetConsoleCtrlHandler).
//
// Windows runs a console control handler in a thread of its own, not as a
// signal: it may lock and allocate, so both paths use the owners' own removal
// (identity-checked, reparse-point-safe, pinned walk for directories). The
// registry is still a list that only grows, with each node claimed by
// compare-and-swap, so that the handler thread and the owners never remove
// the same entry twice.
//
// Chaining: Windows calls console handlers last-registered first. Ours is
// registered with the first delete_at_exit owner; it removes the entries and
// returns FALSE, so the handlers registered before it run next, and finally
// the default one, which ends the process (exit code STATUS_CONTROL_C_EXIT).
// A handler registered after ours that returns TRUE (the event handled, the
// process goes on) keeps ours from running: nothing is removed. One
// registered before ours that returns TRUE keeps the process alive with its
// delete_at_exit entries already removed. CTRL_CLOSE_EVENT, logoff and
// shutdown end the process whatever the handlers return.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/windows/remove_tree.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

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
    win::file_id id; // what the name meant when registered
    std::wstring path;
    exit_entry* next = nullptr; // fixed once linked
};

struct exit_registry_state
{
    std::atomic< exit_entry* > head{nullptr};
    std::atomic< bool > installed{false};
};

inline exit_registry_state& exit_registry() noexcept
{
    static exit_registry_state state;
    return state;
}

//! Removes the entry if its name still means what was registered (volume
//! serial number and file index); never follows a reparse point.
inline void exit_remove(const exit_entry& e) noexcept
{
    if (e.kind == entry_kind::file)
    {
        HANDLE h = win::open_for_delete(e.path.c_str(), win::share_all);
        if (h == INVALID_HANDLE_VALUE)
            return;
        win::file_id got;
        if (win::identify(h, got) && got == e.id)
            win::delete_by_handle(h);
        ::CloseHandle(h);
        return;
    }
    HANDLE root = win::pin_directory(e.path.c_str());
    if (root == INVALID_HANDLE_VALUE)
        return;
    win::file_id got;
    DWORD attributes = 0;
    if (win::identify(root, got, &attributes) && got == e.id && !(attributes & FILE_ATTRIBUTE_REPARSE_POINT) &&
        (attributes & FILE_ATTRIBUTE_DIRECTORY))
    {
        BOOST_TRY
        {
            removal_result ignored;
            win::remove_contents(root, e.path, ignored);
        }
        BOOST_CATCH(...)
        {
        }
        BOOST_CATCH_END
        win::delete_by_handle(root);
    }
    ::CloseHandle(root);
}

//! Removes every active entry, claiming each first.
inline void remove_registered() noexcept
{
    for (exit_entry* e = exit_registry().head.load(std::memory_order_acquire); e; e = e->next)
    {
        int expected = exit_entry::active;
        if (!e->state.compare_exchange_strong(expected, exit_entry::busy, std::memory_order_acq_rel))
            continue;
        exit_remove(*e);
        // Left busy: the owner's later release finds nothing to do.
    }
}

extern "C" inline void boost_tempfile_exit_handler() noexcept
{
    remove_registered();
}

//! The console events that end the process: entries are removed, and the
//! event goes on to the handlers registered before this one.
inline BOOL WINAPI boost_tempfile_console_handler(DWORD event) noexcept
{
    switch (event)
    {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        remove_registered();
        break;
    default:
        break;
    }
    return FALSE;
}

//! Installs the exit and console handlers, once per process.
inline void install_exit_handlers() noexcept
{
    exit_registry_state& r = exit_registry();
    bool expected = false;
    if (!r.installed.compare_exchange_strong(expected, true))
        return;
    std::atexit(&boost_tempfile_exit_handler);
    ::SetConsoleCtrlHandler(&boost_tempfile_console_handler, TRUE);
}

//! Registers p with what it means now; nullptr if memory ran out or p is
//! already gone (then it is only removed as the owner's policy says).
inline exit_entry* register_for_exit(const filesystem::path& p, entry_kind kind) noexcept
{
    HANDLE h = ::CreateFileW(p.c_str(), FILE_READ_ATTRIBUTES, win::share_all, nullptr, OPEN_EXISTING,
                             FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return nullptr;
    win::file_id id;
    const bool known = win::identify(h, id);
    ::CloseHandle(h);
    if (!known)
        return nullptr;
    install_exit_handlers();
    exit_registry_state& r = exit_registry();
    exit_entry* slot = nullptr;
    for (exit_entry* e = r.head.load(std::memory_order_acquire); e && !slot; e = e->next)
    {
        int expected = exit_entry::free_slot;
        if (e->state.compare_exchange_strong(expected, exit_entry::busy))
            slot = e;
    }
    bool fresh = false;
    if (!slot)
    {
        slot = new (std::nothrow) exit_entry;
        if (!slot)
            return nullptr;
        fresh = true;
    }
    BOOST_TRY
    {
        slot->path = p.native();
    }
    BOOST_CATCH(...)
    {
        if (fresh)
            delete slot;
        else
            slot->state.store(exit_entry::free_slot, std::memory_order_release);
        return nullptr;
    }
    BOOST_CATCH_END
    slot->kind = kind;
    slot->id = id;
    if (fresh)
    {
        exit_entry* head = r.head.load(std::memory_order_relaxed);
        do
            slot->next = head;
        while (!r.head.compare_exchange_weak(head, slot, std::memory_order_release, std::memory_order_relaxed));
    }
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
