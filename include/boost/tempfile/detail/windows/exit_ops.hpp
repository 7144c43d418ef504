// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_WINDOWS_EXIT_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_WINDOWS_EXIT_OPS_HPP
#pragma once

// What the exit registry (detail/exit_registry.hpp) does differently on
// Windows: the handlers -- atexit, at_quick_exit, and a console control
// handler for the events that end a process (Ctrl+C, Ctrl+Break, the console
// closed, logoff, shutdown: SetConsoleCtrlHandler) -- and the removal of a
// registered file.
//
// Windows runs a console control handler in a thread of its own, not as a
// signal: it may lock and allocate, so a registered directory is removed by
// the owners' own walk (identity-checked, reparse-point-safe, pinned).
//
// The console handler chain: Windows calls the handlers last-registered
// first until one returns TRUE; no disposition can be read beforehand, as
// sigaction() does for a signal. Ours is registered with the first
// registered entry (unless set_signal_cleanup(false) or
// BOOST_TEMPFILE_NO_SIGNAL_HANDLERS); it removes the entries and returns
// FALSE, so the handlers registered before it run next, and finally the
// default one, which ends the process (exit code STATUS_CONTROL_C_EXIT). So:
// - an application handler registered after ours that returns TRUE (the
//   event handled, the process goes on) runs alone: nothing is removed --
//   the application owns the event, and calls run_exit_cleanup() itself if
//   it wants the entries removed;
// - one registered before ours that returns TRUE keeps the process alive
//   with the entries already removed: register it after the first owner,
//   or turn ours off;
// - CTRL_CLOSE_EVENT, logoff and shutdown end the process whatever the
//   handlers return.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/exit_hook.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/windows/dir_ops.hpp>
#include <boost/tempfile/detail/windows/sys.hpp>
#include <boost/tempfile/platform.hpp>

#include <atomic>
#include <cstdint>
#include <cstdlib>

namespace boost {
namespace tempfile {
namespace detail {

using process_id = std::int64_t;

//! Windows has no fork(): every process is its own creator.
template< typename Platform, if_windows< Platform > = 0 >
process_id current_process(Platform) noexcept
{
    return static_cast< process_id >(::GetCurrentProcessId());
}

//! What `path` means now, without following a reparse point.
template< typename Platform, if_windows< Platform > = 0 >
bool identify_name(Platform, const wchar_t* path, file_identity& id, int& err) noexcept
{
    HANDLE h = ::CreateFileW(path, FILE_READ_ATTRIBUTES, win::share_all, nullptr, OPEN_EXISTING,
                             FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
    {
        err = static_cast< int >(::GetLastError());
        return false;
    }
    const bool known = win::identify(h, id);
    if (!known)
        err = static_cast< int >(::GetLastError());
    ::CloseHandle(h);
    return known;
}

template< typename Platform, if_windows< Platform > = 0 >
long long monotonic_ns(Platform) noexcept
{
    return static_cast< long long >(::GetTickCount64()) * 1000000LL;
}

template< typename Platform, if_windows< Platform > = 0 >
void sleep_ms(Platform, long ms) noexcept
{
    ::Sleep(static_cast< DWORD >(ms));
}

//! Console events are not delivered to the creating thread: nothing to block.
struct exit_signal_mask
{
};

template< typename Platform, if_windows< Platform > = 0 >
void block_exit_signals(Platform, exit_signal_mask&) noexcept
{
}

template< typename Platform, if_windows< Platform > = 0 >
void restore_exit_signals(Platform, const exit_signal_mask&) noexcept
{
}

template< typename Platform, if_windows< Platform > = 0 >
void on_fork_child(Platform, void (*)()) noexcept
{
}

template< typename Platform, if_windows< Platform > = 0 >
void release_reserved(Platform) noexcept
{
}

//! Console handlers run in a thread of their own: the owners' walk serves.
template< typename Platform, if_windows< Platform > = 0 >
constexpr bool signals_interrupt(Platform) noexcept
{
    return false;
}

//! Removes a registered file if its name still means it (volume serial
//! number and file index), through a handle that does not follow a
//! reparse point.
template< typename Platform, if_windows< Platform > = 0 >
void remove_registered_file(Platform, const wchar_t* path, const file_identity& id) noexcept
{
    HANDLE h = win::open_for_delete(path, win::share_all);
    if (h == INVALID_HANDLE_VALUE)
        return;
    file_identity got;
    if (win::identify(h, got) && got == id)
        win::delete_by_handle(h);
    ::CloseHandle(h);
}

//! Never called (signals_interrupt() is false).
template< typename Platform, if_windows< Platform > = 0 >
void remove_registered_dir_in_signal(Platform, const wchar_t*, const file_identity&, bool) noexcept
{
}

template< typename Platform, if_windows< Platform > = 0 >
void finish_registered_dir(Platform, const wchar_t*, const file_identity&, bool) noexcept
{
}

extern "C" inline void boost_tempfile_exit_handler() noexcept
{
    run_cleanup_hook(cleanup_moment::at_exit);
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
        run_cleanup_hook(cleanup_moment::in_signal);
        break;
    default:
        break;
    }
    return FALSE;
}

template< typename Platform, if_windows< Platform > = 0 >
void install_exit_hooks(Platform) noexcept
{
    std::atexit(&boost_tempfile_exit_handler);
#if defined(_MSC_VER) || defined(_UCRT)
    std::at_quick_exit(&boost_tempfile_exit_handler);
#endif
    // The old msvcrt (mingw-w64's default) has no quick_exit at all.
}

//! Whether our console handler is registered (registering it twice would
//! run it twice).
BOOST_TEMPFILE_DECL std::atomic< bool >& console_handler_registered() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL std::atomic< bool >& console_handler_registered() noexcept
{
    static std::atomic< bool > registered{false};
    return registered;
}
#endif

template< typename Platform, if_windows< Platform > = 0 >
void install_signal_handlers(Platform) noexcept
{
    if (!console_handler_registered().exchange(true))
        ::SetConsoleCtrlHandler(&boost_tempfile_console_handler, TRUE);
}

template< typename Platform, if_windows< Platform > = 0 >
void uninstall_signal_handlers(Platform) noexcept
{
    if (console_handler_registered().exchange(false))
        ::SetConsoleCtrlHandler(&boost_tempfile_console_handler, FALSE);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
