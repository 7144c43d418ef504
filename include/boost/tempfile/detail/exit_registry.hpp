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
// only -- getdents64 on one buffer of a fixed-size walk, whatever the depth
// -- no allocation, no locks. Entries record the process that made them: a
// forked child's exit or signal never removes its parent's files.
//
// Three things keep the cleanup from missing what it should remove:
// - creation and registration happen with the exit signals blocked in the
//   creating thread (exit_creation_scope), and a handler running in another
//   thread waits for creations in progress before its last pass, so an entry
//   is never made without being seen;
// - a few descriptors are reserved when the handlers are installed and
//   given back first thing in the cleanup, so that a process that ran out of
//   descriptors (EMFILE) can still walk its trees;
// - the walks repair a root or a directory that lost its permissions
//   through a descriptor (never a chmod by name), after checking that it is
//   the registered directory, or on the tree's own mount.

#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
// atexit and console control events: see the Windows header.
#include <boost/tempfile/detail/windows/exit_registry.hpp>
#else

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/remove_tree.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <pthread.h>
#include <signal.h> // NOLINT(modernize-deprecated-headers): sigaction, siginfo_t are POSIX, not in <csignal>
#include <sys/stat.h>
#include <time.h> // NOLINT(modernize-deprecated-headers): clock_gettime, nanosleep are POSIX, not in <ctime>
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

//! Descriptors held back for the cleanup: what the signal-time walk needs at
//! most (the root's, the current directory's, and three more while it opens
//! a locked directory or climbs "..") plus one for opening the root by name.
constexpr std::size_t reserved_descriptors = 6;

//! Constant-initialised and trivially destructible, so that it outlives
//! every static owner and the exit handler.
struct exit_registry_state
{
    std::atomic< exit_entry* > head{nullptr};
    std::atomic< bool > installed{false};
    struct ::sigaction previous[exit_signal_count];
    //! Descriptor + 1 of each reserved descriptor (0: none); all refer to
    //! one pipe, whose identity tells them from descriptors that took their
    //! number after the program closed ours.
    std::atomic< int > reserved[reserved_descriptors];
    ::dev_t reserved_device;
    ::ino_t reserved_inode;
    //! Creations of delete_at_exit entries in progress (exit_creation_scope).
    std::atomic< unsigned > creating{0};
    //! CLOCK_MONOTONIC nanoseconds until which a signal handler is removing
    //! the entries: a creation starting before then waits for the process
    //! to end instead of making what the handler could miss.
    std::atomic< long long > dying_until{0};
};

inline exit_registry_state& exit_registry() noexcept
{
    static exit_registry_state state;
    return state;
}

// ---- reserved descriptors ------------------------------------------------------

inline void reserve_descriptors() noexcept
{
    exit_registry_state& r = exit_registry();
    int ends[2];
#if defined(__linux__)
    if (::pipe2(ends, O_CLOEXEC) != 0)
        return;
#else
    if (::pipe(ends) != 0)
        return;
    ::fcntl(ends[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(ends[1], F_SETFD, FD_CLOEXEC);
#endif
    struct ::stat st;
    if (::fstat(ends[0], &st) != 0)
    {
        ::close(ends[0]);
        ::close(ends[1]);
        return;
    }
    r.reserved_device = st.st_dev;
    r.reserved_inode = st.st_ino;
    r.reserved[0].store(ends[0] + 1, std::memory_order_release);
    r.reserved[1].store(ends[1] + 1, std::memory_order_release);
    for (std::size_t i = 2; i < reserved_descriptors; ++i)
    {
        const int fd = ::fcntl(ends[0], F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
            break;
        r.reserved[i].store(fd + 1, std::memory_order_release);
    }
}

//! Gives the reserved descriptors back (once); a number the program closed
//! and reused for something else is left alone. Async-signal-safe.
inline void release_reserved_descriptors() noexcept
{
    exit_registry_state& r = exit_registry();
    for (std::atomic< int >& slot : r.reserved)
    {
        const int fd = slot.exchange(0, std::memory_order_acq_rel) - 1;
        struct ::stat st;
        if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_dev == r.reserved_device && st.st_ino == r.reserved_inode)
            ::close(fd);
    }
}

// ---- creations in progress -----------------------------------------------------

inline long long monotonic_ns() noexcept
{
    struct ::timespec now;
    if (::clock_gettime(CLOCK_MONOTONIC, &now) != 0)
        return 0;
    return static_cast< long long >(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

inline void sleep_ms(long ms) noexcept
{
    struct ::timespec pause_for;
    pause_for.tv_sec = 0;
    pause_for.tv_nsec = ms * 1000000L;
    ::nanosleep(&pause_for, nullptr); // EINTR only shortens one step of a bounded wait
}

//! How long a creation waits for a process whose signal handler is removing
//! the entries to end (refreshed by the handler as it goes). Longer only if
//! the program's own handler, chained after ours, keeps the process alive.
constexpr long long dying_grace_ns = 2000000000LL;

inline void mark_dying() noexcept
{
    exit_registry().dying_until.store(monotonic_ns() + dying_grace_ns, std::memory_order_seq_cst);
}

inline bool dying_now() noexcept
{
    const long long until = exit_registry().dying_until.load(std::memory_order_seq_cst);
    return until != 0 && monotonic_ns() < until;
}

extern "C" inline void boost_tempfile_creations_after_fork() noexcept
{
    // Only the forking thread lives on in the child, and it is not creating.
    exit_registry().creating.store(0, std::memory_order_relaxed);
}

//! Waits (at most a second) until no other thread is between creating a
//! delete_at_exit entry and registering it. Async-signal-safe.
inline void wait_for_creations() noexcept
{
    exit_registry_state& r = exit_registry();
    for (int i = 0; i < 1000 && r.creating.load(std::memory_order_seq_cst) != 0; ++i)
        sleep_ms(1);
}

//! Lives across the creation of a delete_at_exit entry and its registration
//! (the owners construct it first, when their cleanup policy names it as
//! `creation_scope`). A signal arriving between the two would find an entry
//! on disk that the registry does not know yet, so:
//! - the exit signals are blocked in this thread meanwhile: one sent to it
//!   is taken right after the registration;
//! - a handler running in another thread waits for the count of creations
//!   in progress to drop before its last pass;
//! - a creation starting while a handler is removing the entries waits for
//!   the process to end rather than make what the handler could miss.
//! Costs two pthread_sigmask calls and two atomic operations per creation.
class exit_creation_scope
{
public:
    exit_creation_scope() noexcept
    {
        static const bool fork_handler = (::pthread_atfork(nullptr, nullptr, &boost_tempfile_creations_after_fork), true);
        (void)fork_handler;
        ::sigset_t block;
        ::sigemptyset(&block);
        for (int s : exit_signals)
            ::sigaddset(&block, s);
        blocked_ = ::pthread_sigmask(SIG_BLOCK, &block, &previous_) == 0;
        exit_registry_state& r = exit_registry();
        // Either the handler sees this count, or this sees dying_until (both
        // sequentially consistent): never neither.
        r.creating.fetch_add(1, std::memory_order_seq_cst);
        while (dying_now())
        {
            r.creating.fetch_sub(1, std::memory_order_seq_cst);
            sleep_ms(1);
            r.creating.fetch_add(1, std::memory_order_seq_cst);
        }
    }

    ~exit_creation_scope()
    {
        exit_registry().creating.fetch_sub(1, std::memory_order_seq_cst);
        if (blocked_)
            ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }

    exit_creation_scope(const exit_creation_scope&) = delete;
    exit_creation_scope& operator=(const exit_creation_scope&) = delete;

private:
    ::sigset_t previous_;
    bool blocked_ = false;
};

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

//! Gives the owner rwx on the directory held by the O_PATH descriptor
//! `handle` (mode `mode`), through /proc/self/fd/N -- never a chmod by name
//! -- and opens it for reading through the handle. -1 if impossible.
//! Formats without snprintf, which is not async-signal-safe.
inline int signal_safe_reopen(int handle, ::mode_t mode) noexcept
{
#if defined(O_PATH)
    char proc[32] = "/proc/self/fd/";
    char digits[12];
    int n = 0;
    for (unsigned v = static_cast< unsigned >(handle); n == 0 || v != 0; v /= 10)
        digits[n++] = static_cast< char >('0' + v % 10);
    std::size_t at = c_length(proc);
    while (n > 0)
        proc[at++] = digits[--n];
    proc[at] = '\0';
    if (::chmod(proc, (mode & 07777) | 0700) != 0)
        return -1;
    return ::openat(handle, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#else
    (void)handle;
    (void)mode;
    errno = EACCES;
    return -1;
#endif
}

//! Opens the registered directory for reading if its name still means it
//! (st: its status). A root that lost its read or search permission is
//! opened through an O_PATH descriptor, checked to be the registered
//! directory, and only then repaired. -1 if not ours or not openable.
inline int open_registered_dir(const exit_entry& e, struct ::stat& st) noexcept
{
    int fd = ::open(e.path, walk_open_flags);
#if defined(O_PATH)
    if (fd < 0 && (errno == EACCES || errno == EPERM))
    {
        const int handle = ::open(e.path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (handle >= 0)
        {
            struct ::stat held;
            if (::fstat(handle, &held) == 0 && held.st_dev == e.device && held.st_ino == e.inode)
                fd = signal_safe_reopen(handle, held.st_mode);
            ::close(handle);
        }
    }
#endif
    if (fd < 0)
        return -1;
    if (::fstat(fd, &st) != 0 || st.st_dev != e.device || st.st_ino != e.inode)
    {
        ::close(fd);
        return -1;
    }
    return fd;
}

#if defined(__linux__) && defined(SYS_getdents64)

//! Ancestors whose identity and resume position the signal-time walk keeps;
//! one further up is checked on the way back by climbing ".." to the root.
constexpr int signal_walk_memory = 32;

//! Empties a directory tree from a signal handler: system calls only, no
//! allocation, and a fixed amount of stack whatever the depth. The object
//! is 1.8 KiB (one 1 KiB getdents64 buffer and 32 remembered ancestors of
//! 24 bytes); the calls it makes add at most about 0.6 KiB (mount_id's
//! 256-byte statx buffer, or fdinfo's 256-byte text and path). Measured for
//! signal_safe_remove() by test/run/exit_cleanup_hostile.cpp: 2.9 to 3.3 KiB
//! (gcc and clang, -O0 and -O2), the same for 10 and 400 levels. With the
//! handler's own frame (a struct sigaction, a sigset_t: under 0.5 KiB) the
//! signal path needs under 4 KiB of stack, whatever the tree. It holds at
//! most five descriptors, the root's (the caller's) included.
//!
//! One buffer serves every level: entering a subdirectory abandons the rest
//! of the parent's buffer and remembers where in the parent the
//! subdirectory's entry starts (its d_off chain); coming back, the parent
//! -- reached through ".." and accepted only if it is the remembered
//! directory, or, for ancestors no longer remembered, if climbing ".."
//! reaches the root at exactly its depth -- is read again from there, the
//! emptied subdirectory found by inode and removed, and the listing goes on.
//! Like the owner's walk, it never follows a symlink, never enters a
//! directory on another mount (checked before any mode repair), and repairs
//! directories whose modes deny it through their descriptors.
class signal_safe_walk
{
public:
    signal_safe_walk(int root_fd, const struct ::stat& root) noexcept
        : root_fd_(root_fd), cur_(root_fd), device_(root.st_dev), root_inode_(root.st_ino),
          cur_inode_(root.st_ino)
    {
        if (mount_id(native_platform{}, root_fd, &root_mount_) != 0)
            root_mount_error_ = errno;
        forget_ancestors();
        seek(0);
    }

    signal_safe_walk(const signal_safe_walk&) = delete;
    signal_safe_walk& operator=(const signal_safe_walk&) = delete;

    ~signal_safe_walk() { back_to_root(); }

    //! One pass over the tree: returns when the root's listing ends.
    void run() noexcept
    {
        for (;;)
        {
            const long n = ::syscall(SYS_getdents64, cur_, buf_, sizeof buf_);
            if (n <= 0)
            {
                if (seeking_ && !seek_from_start_)
                {
                    // The emptied subdirectory may now sit before where its
                    // entry was (offsets that count entries): look from the start.
                    seek(0);
                    seek_from_start_ = true;
                    continue;
                }
                seeking_ = false;
                if (depth_ == 0)
                    return;
                if (!ascend() && !restart())
                    return;
                continue;
            }
            for (long off = 0; off < n;)
            {
                // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen,
                // u8 d_type, char d_name[].
                std::uint64_t inode;
                std::int64_t next;
                unsigned short reclen;
                std::memcpy(&inode, buf_ + off, sizeof inode);
                std::memcpy(&next, buf_ + off + 8, sizeof next);
                std::memcpy(&reclen, buf_ + off + 16, sizeof reclen);
                const unsigned char type = static_cast< unsigned char >(buf_[off + 18]);
                const char* name = buf_ + off + 19;
                if (reclen == 0)
                    break;
                off += reclen;
                const ::off_t here = pos_;
                pos_ = static_cast< ::off_t >(next);
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                    continue;
                if (seeking_)
                {
                    if (inode != seek_child_)
                        continue;
                    seeking_ = false;
                    remove_emptied(name);
                    continue;
                }
                if (type != DT_DIR && unlink_entry(name))
                    continue;
                if (descend(name, here))
                    break; // the rest of this listing is read again on the way back
            }
        }
    }

    //! Starts the next pass at the root's first entry.
    void rewind() noexcept { back_to_root(); }

private:
    struct ancestor
    {
        ::ino_t inode;
        ::off_t resume; // where the entry of the child entered starts; -1: unknown
        int depth;      // -1: nothing remembered
    };

    void forget_ancestors() noexcept
    {
        for (ancestor& a : ancestors_)
            a.depth = -1;
    }

    void remember(int depth, ::ino_t inode, ::off_t resume) noexcept
    {
        ancestor& a = ancestors_[depth % signal_walk_memory];
        a.inode = inode;
        a.resume = resume;
        a.depth = depth;
    }

    void seek(::off_t to) noexcept
    {
        const ::off_t at = ::lseek(cur_, to, SEEK_SET);
        pos_ = at < 0 ? 0 : at;
    }

    void back_to_root() noexcept
    {
        if (cur_ != root_fd_)
            ::close(cur_);
        cur_ = root_fd_;
        cur_inode_ = root_inode_;
        depth_ = 0;
        repaired_ = false;
        seeking_ = false;
        forget_ancestors();
        seek(0);
    }

    //! After a failed climb (the tree changed under the walk): start again
    //! from the root, a bounded number of times.
    bool restart() noexcept
    {
        if (++restarts_ > 4)
            return false;
        back_to_root();
        return true;
    }

    //! Whether the directory open as fd (status st; fd may be O_PATH) is on
    //! the root's mount: same st_dev and, where the system tells, same mount.
    bool on_tree_mount(int fd, const struct ::stat& st) const noexcept
    {
        if (st.st_dev != device_)
            return false;
        if (root_mount_error_ == ENOSYS)
            return true;
        if (root_mount_error_ != 0)
            return false;
        std::uint64_t mount = 0;
        return mount_id(native_platform{}, fd, &mount) == 0 && mount == root_mount_;
    }

    //! Gives the owner rwx on the current directory, once per visit.
    bool repair_current() noexcept
    {
        if (repaired_)
            return false;
        repaired_ = true;
        struct ::stat st;
        return ::fstat(cur_, &st) == 0 && ::fchmod(cur_, (st.st_mode & 07777) | 0700) == 0;
    }

    //! Removes a non-directory entry; false if it is a directory.
    bool unlink_entry(const char* name) noexcept
    {
        for (;;)
        {
            if (::unlinkat(cur_, name, 0) == 0 || errno == ENOENT)
                return true;
            if (errno == EISDIR)
                return false;
            if ((errno == EACCES || errno == EPERM) && repair_current())
                continue;
            return true; // left in place (a file mount point says EBUSY)
        }
    }

    //! The emptied subdirectory `name` of the current directory.
    void remove_emptied(const char* name) noexcept
    {
        if (::unlinkat(cur_, name, AT_REMOVEDIR) == 0)
            return;
        if ((errno == EACCES || errno == EPERM) && repair_current())
            ::unlinkat(cur_, name, AT_REMOVEDIR);
    }

    //! Opens the subdirectory `name` for reading if it is on the tree's
    //! mount; a locked one through an O_PATH descriptor, checked first. A
    //! symlink or file swapped in is removed as itself.
    int open_subdir(const char* name, struct ::stat& st) noexcept
    {
        int fd = ::openat(cur_, name, walk_open_flags);
        if (fd < 0)
        {
            const int e = errno;
            if (e == ENOTDIR || e == ELOOP)
            {
                ::unlinkat(cur_, name, 0);
                return -1;
            }
            if (e != EACCES && e != EPERM)
                return -1;
#if defined(O_PATH)
            const int handle = ::openat(cur_, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (handle < 0)
                return -1;
            if (::fstat(handle, &st) == 0 && on_tree_mount(handle, st))
                fd = signal_safe_reopen(handle, st.st_mode);
            ::close(handle);
#endif
            if (fd < 0)
                return -1;
        }
        if (::fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) || !on_tree_mount(fd, st))
        {
            ::close(fd);
            return -1;
        }
        return fd;
    }

    //! Enters the subdirectory `name`, whose entry starts at `here` in the
    //! current listing. False if it is not entered (left in place).
    bool descend(const char* name, ::off_t here) noexcept
    {
        struct ::stat st;
        const int fd = open_subdir(name, st);
        if (fd < 0)
            return false;
        remember(depth_, cur_inode_, here);
        if (cur_ != root_fd_)
            ::close(cur_);
        cur_ = fd;
        cur_inode_ = st.st_ino;
        ++depth_;
        pos_ = 0;
        repaired_ = false;
        seeking_ = false;
        return true;
    }

    //! Whether `parent` (inode parent_inode), claimed to be at depth `depth`
    //! (1 or more), reaches the root by climbing ".." exactly `depth` times
    //! -- so that it is inside the tree, at the place the walk came down
    //! through. The ancestors met are remembered (their resume positions
    //! unknown). Two descriptors besides parent and the current one.
    bool climbs_to_root(int parent, ::ino_t parent_inode, int depth) noexcept
    {
        remember(depth, parent_inode, -1);
        int at = parent;
        for (int d = depth - 1; d >= 0; --d)
        {
            const int up = ::openat(at, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
            if (at != parent)
                ::close(at);
            if (up < 0)
                return false;
            at = up;
            struct ::stat st;
            if (::fstat(at, &st) != 0 || st.st_dev != device_ || (st.st_ino == root_inode_) != (d == 0))
            {
                ::close(at);
                return false;
            }
            if (d > 0 && depth - d < signal_walk_memory)
                remember(d, st.st_ino, -1);
        }
        if (at != parent)
            ::close(at);
        return true;
    }

    //! The current directory's listing ended: go back to its parent, to
    //! remove it there and read on. False if the parent cannot be trusted.
    bool ascend() noexcept
    {
        const ::ino_t child = cur_inode_;
        const int up = depth_ - 1;
        const ancestor& known = ancestors_[up % signal_walk_memory];
        const bool remembered = known.depth == up;
        const ::off_t resume = remembered ? known.resume : -1;
        int parent = root_fd_;
        ::ino_t parent_inode = root_inode_;
        if (up > 0)
        {
            parent = ::openat(cur_, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (parent < 0)
                return false;
            struct ::stat st;
            const bool trusted = ::fstat(parent, &st) == 0 && st.st_dev == device_ && st.st_ino != root_inode_ &&
                                 (remembered ? st.st_ino == known.inode : climbs_to_root(parent, st.st_ino, up));
            if (!trusted)
            {
                ::close(parent);
                return false;
            }
            parent_inode = st.st_ino;
        }
        ::close(cur_);
        cur_ = parent;
        cur_inode_ = parent_inode;
        depth_ = up;
        repaired_ = false;
        seeking_ = true;
        seek_child_ = static_cast< std::uint64_t >(child);
        seek_from_start_ = resume <= 0;
        seek(resume > 0 ? resume : 0);
        return true;
    }

    const int root_fd_;
    int cur_;
    const ::dev_t device_;
    const ::ino_t root_inode_;
    ::ino_t cur_inode_;
    std::uint64_t root_mount_ = 0;
    int root_mount_error_ = 0; // as in tree_remover
    int depth_ = 0;
    int restarts_ = 0;
    ::off_t pos_ = 0;             // where the next entry of the listing starts
    bool repaired_ = false;
    bool seeking_ = false;        // looking for the entry of the child just emptied
    bool seek_from_start_ = false;
    std::uint64_t seek_child_ = 0;
    ancestor ancestors_[signal_walk_memory];
    alignas(8) char buf_[1024];
};

//! Empties the registered directory open as fd (status st) and removes it
//! if its name still means it; a few passes, as the owner's walk makes.
inline void signal_safe_remove_tree(const exit_entry& e, int fd, const struct ::stat& st) noexcept
{
    signal_safe_walk walk(fd, st);
    for (int pass = 0; pass < removal_passes; ++pass)
    {
        walk.run();
        if (!same_entry(e))
            return;
        if (::rmdir(e.path) == 0 || (errno != ENOTEMPTY && errno != EEXIST))
            return;
        walk.rewind();
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
    struct ::stat st;
    const int fd = open_registered_dir(e, st);
    if (fd >= 0)
    {
        signal_safe_remove_tree(e, fd, st);
        ::close(fd);
        return;
    }
#endif
    // Without the walk only an empty directory goes.
    if (same_entry(e))
        ::rmdir(e.path);
}

//! At normal exit there is no such constraint: the full descriptor-relative
//! removal, with its identity check of the root. What it leaves -- out of
//! memory, out of descriptors -- the signal-time walk, which needs neither
//! memory nor more than a few descriptors, tries again.
inline void exit_remove(const exit_entry& e) noexcept
{
    if (e.kind == entry_kind::file)
    {
        if (same_entry(e))
            ::unlink(e.path);
        return;
    }
    struct ::stat st;
    const int fd = open_registered_dir(e, st);
    if (fd < 0)
    {
        if (same_entry(e))
            ::rmdir(e.path);
        return;
    }
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
#if defined(__linux__) && defined(SYS_getdents64)
    if (same_entry(e))
        signal_safe_remove_tree(e, fd, st);
#endif
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
            {
                mark_dying(); // still at it: creations keep waiting
                signal_safe_remove(*e);
            }
            else
                exit_remove(*e);
        }
        // Left busy: the owner's later release finds nothing to do.
    }
}

//! The whole cleanup: descriptors given back, every entry removed, and once
//! more after the creations in progress are through: one that registered
//! while the first pass went by -- even one the first pass saw no sign of,
//! as it ended before the count was looked at -- is removed by the second.
inline void run_exit_cleanup(bool in_signal) noexcept
{
    if (in_signal)
        mark_dying();
    release_reserved_descriptors();
    remove_registered(in_signal);
    wait_for_creations();
    remove_registered(in_signal);
}

extern "C" inline void boost_tempfile_exit_handler() noexcept
{
    run_exit_cleanup(false);
}

extern "C" inline void boost_tempfile_signal_handler(int sig, ::siginfo_t* info, void* context) noexcept
{
    const int saved_errno = errno;
    run_exit_cleanup(true);
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

//! Installs the exit and signal handlers, once per process, and reserves
//! the cleanup's descriptors. A signal that was ignored when this runs
//! stays ignored.
inline void install_exit_handlers() noexcept
{
    exit_registry_state& r = exit_registry();
    bool expected = false;
    if (!r.installed.compare_exchange_strong(expected, true))
        return;
    reserve_descriptors();
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
