// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_EXIT_REGISTRY_HPP
#define BOOST_TEMPFILE_DETAIL_EXIT_REGISTRY_HPP
#pragma once

// What delete_at_exit owners leave to be removed if the process ends before
// they do: at exit (std::exit, return from main) and when it dies of SIGINT,
// SIGTERM, SIGHUP or SIGQUIT.
//
// The signal path must be async-signal-safe: it may run while the
// interrupted code holds the allocator's lock or is half-way through
// registering an entry. So the registry is a list that only grows (nodes are
// recycled, never freed), each node's state is claimed with compare-and-swap
// before anyone reads or rewrites its path, and the handler uses system calls
// only -- getdents64 on a stack buffer for directories -- no allocation, no
// locks. Entries record the process that made them: a forked child's exit
// or signal never removes its parent's files.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
// atexit and console control events: see the Windows header.
#include <boost/tempfile/detail/windows/exit_registry.hpp>
#else

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/remove_tree.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <signal.h> // NOLINT(modernize-deprecated-headers): sigaction, siginfo_t are POSIX, not in <csignal>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

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
    ::pid_t owner = 0;
    ::dev_t device = 0; // what the name meant when registered: removal at
    ::ino_t inode = 0;  // exit leaves alone whatever replaced it since
    char* path = nullptr;
    std::size_t capacity = 0;
    exit_entry* next = nullptr; // fixed once linked
};

//! The signals whose default action ends the process and that a user
//! typically sends to stop a program.
constexpr int exit_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr std::size_t exit_signal_count = sizeof(exit_signals) / sizeof(exit_signals[0]);

//! Constant-initialised and trivially destructible, so that it outlives
//! every static owner and the exit handler.
struct exit_registry_state
{
    std::atomic< exit_entry* > head{nullptr};
    std::atomic< bool > installed{false};
    struct ::sigaction previous[exit_signal_count];
};

inline exit_registry_state& exit_registry() noexcept
{
    static exit_registry_state state;
    return state;
}

// ---- async-signal-safe removal ----------------------------------------------

inline std::size_t c_length(const char* s) noexcept
{
    std::size_t n = 0;
    while (s[n])
        ++n;
    return n;
}

//! Whether the name still means the entry registered (never follows a symlink).
inline bool same_entry(const exit_entry& e) noexcept
{
    struct ::stat st;
    return ::lstat(e.path, &st) == 0 && st.st_dev == e.device && st.st_ino == e.inode;
}

#if defined(__linux__) && defined(SYS_getdents64)
//! Opens the subdirectory `name` of parent without following a symlink; a
//! directory without owner read/search bits (mode 000) is repaired through an
//! O_PATH descriptor first, as the owner's own removal does.
inline int signal_safe_open_dir(int parent, const char* name) noexcept
{
    int fd = ::openat(parent, name, walk_open_flags);
    if (fd >= 0 || (errno != EACCES && errno != EPERM))
        return fd;
#if defined(O_PATH)
    const int handle = ::openat(parent, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (handle < 0)
        return -1;
    // "/proc/self/fd/<handle>", formatted without snprintf (not signal-safe).
    char proc[32] = "/proc/self/fd/";
    char digits[12];
    int n = 0;
    for (unsigned v = static_cast< unsigned >(handle); n == 0 || v != 0; v /= 10)
        digits[n++] = static_cast< char >('0' + v % 10);
    std::size_t at = c_length(proc);
    while (n > 0)
        proc[at++] = digits[--n];
    proc[at] = '\0';
    struct ::stat st;
    if (::fstat(handle, &st) == 0 && ::chmod(proc, (st.st_mode & 07777) | 0700) == 0)
        fd = ::open(proc, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ::close(handle);
#endif
    return fd;
}

//! Empties the directory open as fd, recursing to a bounded depth and never
//! into another file system; uses a stack buffer and system calls only.
inline void signal_safe_empty(int fd, ::dev_t device, int depth) noexcept
{
    struct ::stat st;
    if (::fstat(fd, &st) != 0 || st.st_dev != device)
        return;
    if ((st.st_mode & 0700) != 0700) // entries of a read-only directory cannot go
        ::fchmod(fd, (st.st_mode & 07777) | 0700);
    alignas(8) char buf[1024];
    for (int pass = 0; pass < removal_passes; ++pass)
    {
        bool removed = false;
        for (;;)
        {
            const long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
            if (n <= 0)
                break;
            for (long off = 0; off < n;)
            {
                // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name
                unsigned short reclen;
                std::memcpy(&reclen, buf + off + 16, sizeof reclen);
                const char* name = buf + off + 19;
                off += reclen;
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                    continue;
                if (::unlinkat(fd, name, 0) == 0)
                {
                    removed = true;
                    continue;
                }
                if (errno != EISDIR || depth >= 64)
                    continue;
                const int sub = signal_safe_open_dir(fd, name);
                if (sub < 0)
                    continue;
                signal_safe_empty(sub, device, depth + 1);
                ::close(sub);
                if (::unlinkat(fd, name, AT_REMOVEDIR) == 0)
                    removed = true;
            }
        }
        if (!removed)
            return;
        ::lseek(fd, 0, SEEK_SET); // deletions may have hidden entries from this pass
    }
}
#endif

inline void signal_safe_remove(const exit_entry& e) noexcept
{
    if (e.kind == entry_kind::file)
    {
        if (same_entry(e))
            ::unlink(e.path);
        return;
    }
#if defined(__linux__) && defined(SYS_getdents64)
    const int fd = ::open(e.path, walk_open_flags);
    if (fd < 0)
        return;
    struct ::stat st;
    const bool ours = ::fstat(fd, &st) == 0 && st.st_dev == e.device && st.st_ino == e.inode;
    if (ours)
        signal_safe_empty(fd, e.device, 0);
    ::close(fd);
    if (!ours)
        return;
#endif
    if (same_entry(e))
        ::rmdir(e.path);
}

//! At normal exit there is no such constraint: the full descriptor-relative
//! removal, with its identity check of the root.
inline void exit_remove(const exit_entry& e) noexcept
{
    if (e.kind == entry_kind::file)
    {
        if (same_entry(e))
            ::unlink(e.path);
        return;
    }
    const int fd = ::open(e.path, walk_open_flags);
    if (fd < 0)
        return;
    struct ::stat st;
    if (::fstat(fd, &st) == 0 && st.st_dev == e.device && st.st_ino == e.inode)
    {
        BOOST_TRY
        {
            const filesystem::path root(e.path);
            remove_tree< native_platform >(fd, root, st.st_dev, st.st_ino, [&]() noexcept {
                struct ::stat now;
                if (::lstat(e.path, &now) != 0)
                    return -1;
                if (now.st_dev != st.st_dev || now.st_ino != st.st_ino)
                {
                    errno = ESTALE;
                    return -1;
                }
                return ::rmdir(e.path);
            });
        }
        BOOST_CATCH(...)
        {
        }
        BOOST_CATCH_END
    }
    ::close(fd);
}

//! Removes every active entry of this process, claiming each first.
inline void remove_registered(bool in_signal) noexcept
{
    const ::pid_t self = ::getpid();
    for (exit_entry* e = exit_registry().head.load(std::memory_order_acquire); e; e = e->next)
    {
        int expected = exit_entry::active;
        if (!e->state.compare_exchange_strong(expected, exit_entry::busy, std::memory_order_acq_rel))
            continue;
        if (e->owner == self)
        {
            if (in_signal)
                signal_safe_remove(*e);
            else
                exit_remove(*e);
        }
        // Left busy: the owner's later release finds nothing to do.
    }
}

extern "C" inline void boost_tempfile_exit_handler() noexcept
{
    remove_registered(false);
}

extern "C" inline void boost_tempfile_signal_handler(int sig, ::siginfo_t* info, void* context) noexcept
{
    const int saved_errno = errno;
    remove_registered(true);
    std::size_t i = 0;
    while (i < exit_signal_count && exit_signals[i] != sig)
        ++i;
    if (i < exit_signal_count)
    {
        const struct ::sigaction& before = exit_registry().previous[i];
        if ((before.sa_flags & SA_SIGINFO) && before.sa_sigaction)
            before.sa_sigaction(sig, info, context);
        else if (!(before.sa_flags & SA_SIGINFO) && before.sa_handler != SIG_DFL && before.sa_handler != SIG_IGN)
            before.sa_handler(sig);
    }
    // Die of the signal, so that the parent sees the right status.
    struct ::sigaction default_action;
    std::memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    ::sigemptyset(&default_action.sa_mask);
    ::sigaction(sig, &default_action, nullptr);
    ::sigset_t unblock;
    ::sigemptyset(&unblock);
    ::sigaddset(&unblock, sig);
    ::sigprocmask(SIG_UNBLOCK, &unblock, nullptr);
    ::raise(sig);
    errno = saved_errno;
}

//! Installs the exit and signal handlers, once per process. A signal that
//! was ignored when this runs stays ignored.
inline void install_exit_handlers() noexcept
{
    exit_registry_state& r = exit_registry();
    bool expected = false;
    if (!r.installed.compare_exchange_strong(expected, true))
        return;
    std::atexit(&boost_tempfile_exit_handler);
    struct ::sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_sigaction = &boost_tempfile_signal_handler;
    action.sa_flags = SA_SIGINFO;
    ::sigemptyset(&action.sa_mask);
    for (int s : exit_signals)
        ::sigaddset(&action.sa_mask, s);
    for (std::size_t i = 0; i < exit_signal_count; ++i)
    {
        if (::sigaction(exit_signals[i], nullptr, &r.previous[i]) != 0)
            continue;
        if (!(r.previous[i].sa_flags & SA_SIGINFO) && r.previous[i].sa_handler == SIG_IGN)
            continue;
        ::sigaction(exit_signals[i], &action, nullptr);
    }
}

//! Registers p with what it means now; nullptr if memory ran out or p is
//! already gone (then it is only removed as the owner's policy says).
inline exit_entry* register_for_exit(const filesystem::path& p, entry_kind kind) noexcept
{
    struct ::stat identity;
    if (::lstat(p.c_str(), &identity) != 0)
        return nullptr;
    install_exit_handlers();
    const std::size_t need = c_length(p.c_str()) + 1;
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
        char* buffer = slot ? new (std::nothrow) char[need] : nullptr;
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
    std::memcpy(slot->path, p.c_str(), need);
    slot->kind = kind;
    slot->owner = ::getpid();
    slot->device = identity.st_dev;
    slot->inode = identity.st_ino;
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

#endif // !BOOST_TEMPFILE_WINDOWS

#endif
