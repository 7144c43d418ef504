// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_EXIT_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_EXIT_OPS_HPP
#pragma once

// What the exit registry (detail/exit_registry.hpp) does differently on
// POSIX: the handlers -- atexit, at_quick_exit, and the signals SIGINT,
// SIGTERM, SIGHUP and SIGQUIT -- and the removal of a registered entry from
// a signal handler. The signal path must be async-signal-safe: it may run
// while the interrupted code holds the allocator's lock or is half-way
// through registering an entry. So it uses system calls only --
// getdents64 on one buffer of a fixed-size walk, whatever the depth -- no
// allocation, no locks, and a few descriptors reserved when the handlers
// are installed and given back first thing in the cleanup, so that a process
// that ran out of descriptors (EMFILE) can still walk its trees. It repairs
// a root or a directory that lost its permissions through a descriptor
// (never a chmod by name), after checking that it is the registered
// directory, or on the tree's own mount.
//
// Signals belong to the application: a handler is installed only for a
// signal whose disposition is SIG_DFL at that moment -- never over a
// handler of the application, never over SIG_IGN -- and a handler the
// application installs later replaces it (nothing chains). Ours removes the
// entries, restores SIG_DFL and re-raises: the process dies of the signal
// as it would have. An application handling a signal itself calls
// run_exit_cleanup() from its handler if it wants the entries removed.
//
// These calls go to the system directly (system_platform), never through a
// fault-injecting platform: they run at exit and in signal handlers, where
// a test's plans must not reach.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/exit_hook.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/posix/dir_ops.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/platform.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h> // NOLINT(modernize-deprecated-headers): sigaction, sigset_t are POSIX, not in <csignal>
#include <sys/stat.h>
#include <time.h> // NOLINT(modernize-deprecated-headers): clock_gettime, nanosleep are POSIX, not in <ctime>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

namespace boost {
namespace tempfile {
namespace detail {

//! The signals whose default action ends the process and that a user
//! typically sends to stop a program.
constexpr int exit_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr std::size_t exit_signal_count = sizeof(exit_signals) / sizeof(exit_signals[0]);

//! Descriptors held back for the cleanup: what the signal-time walk needs at
//! most (the root's, the current directory's, and three more while it opens
//! a locked directory or climbs "..") plus one for opening the root by name.
constexpr std::size_t reserved_descriptors = 6;

//! What the POSIX handlers keep: constant-initialised and trivially
//! destructible, so that it outlives every static owner and the exit handler.
struct exit_ops_state
{
    //! Descriptor + 1 of each reserved descriptor (0: none); all refer to
    //! one pipe, whose identity tells them from descriptors that took their
    //! number after the program closed ours.
    std::atomic< int > reserved[reserved_descriptors];
    ::dev_t reserved_device;
    ::ino_t reserved_inode;
    //! Bit i: our handler is installed for exit_signals[i].
    std::atomic< unsigned > installed_signals;
};

// One for the whole process (see detail/config.hpp).
BOOST_TEMPFILE_DECL exit_ops_state& exit_ops() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL exit_ops_state& exit_ops() noexcept
{
    static exit_ops_state state;
    return state;
}
#endif

using process_id = std::int64_t;

//! The process an entry belongs to: a forked child's exit or signal never
//! removes its parent's entries. Async-signal-safe.
template< typename Platform, if_posix< Platform > = 0 >
process_id current_process(Platform) noexcept
{
    return static_cast< process_id >(::getpid());
}

//! What `path` means now, not following a final symlink.
template< typename Platform, if_posix< Platform > = 0 >
bool identify_name(Platform, const char* path, file_identity& id, int& err) noexcept
{
    struct ::stat st;
    if (stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
        err = errno;
        return false;
    }
    id = identity_of(st);
    return true;
}

// ---- time ----------------------------------------------------------------------------------

template< typename Platform, if_posix< Platform > = 0 >
long long monotonic_ns(Platform) noexcept
{
    struct ::timespec now;
    if (::clock_gettime(CLOCK_MONOTONIC, &now) != 0)
        return 0;
    return static_cast< long long >(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

template< typename Platform, if_posix< Platform > = 0 >
void sleep_ms(Platform, long ms) noexcept
{
    struct ::timespec pause_for;
    pause_for.tv_sec = 0;
    pause_for.tv_nsec = ms * 1000000L;
    ::nanosleep(&pause_for, nullptr); // EINTR only shortens one step of a bounded wait
}

// ---- the creation window ---------------------------------------------------------------------

//! The exit signals a creating thread blocked.
struct exit_signal_mask
{
    ::sigset_t previous;
    bool blocked = false;
};

//! Blocks the exit signals in this thread while an entry is made and
//! registered: one sent to it is taken right after the registration.
template< typename Platform, if_posix< Platform > = 0 >
void block_exit_signals(Platform, exit_signal_mask& saved) noexcept
{
    ::sigset_t block;
    ::sigemptyset(&block);
    for (int s : exit_signals)
        ::sigaddset(&block, s);
    saved.blocked = ::pthread_sigmask(SIG_BLOCK, &block, &saved.previous) == 0;
}

template< typename Platform, if_posix< Platform > = 0 >
void restore_exit_signals(Platform, const exit_signal_mask& saved) noexcept
{
    if (saved.blocked)
        ::pthread_sigmask(SIG_SETMASK, &saved.previous, nullptr);
}

//! Runs `reset` in a forked child (only the forking thread lives on there,
//! and it is not creating).
template< typename Platform, if_posix< Platform > = 0 >
void on_fork_child(Platform, void (*reset)()) noexcept
{
    ::pthread_atfork(nullptr, nullptr, reset);
}

// ---- reserved descriptors ------------------------------------------------------------------

template< typename Platform, if_posix< Platform > = 0 >
void reserve_for_cleanup(Platform) noexcept
{
    exit_ops_state& r = exit_ops();
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
template< typename Platform, if_posix< Platform > = 0 >
void release_reserved(Platform) noexcept
{
    exit_ops_state& r = exit_ops();
    for (std::atomic< int >& slot : r.reserved)
    {
        const int fd = slot.exchange(0, std::memory_order_acq_rel) - 1;
        struct ::stat st;
        if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_dev == r.reserved_device && st.st_ino == r.reserved_inode)
            ::close(fd);
    }
}

// ---- async-signal-safe removal ---------------------------------------------------------------

inline std::size_t c_length(const char* s) noexcept
{
    std::size_t n = 0;
    while (s[n])
        ++n;
    return n;
}

//! Whether the name still means the entry registered (never follows a symlink).
inline bool same_entry(const char* path, const file_identity& id) noexcept
{
    struct ::stat st;
    return ::lstat(path, &st) == 0 && identity_of(st) == id;
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
inline int open_registered_dir(const char* path, const file_identity& id, struct ::stat& st) noexcept
{
    int fd = ::open(path, walk_open_flags);
#if defined(O_PATH)
    if (fd < 0 && (errno == EACCES || errno == EPERM))
    {
        const int handle = ::open(path, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (handle >= 0)
        {
            struct ::stat held;
            if (::fstat(handle, &held) == 0 && identity_of(held) == id)
                fd = signal_safe_reopen(handle, held.st_mode);
            ::close(handle);
        }
    }
#endif
    if (fd < 0)
        return -1;
    if (::fstat(fd, &st) != 0 || identity_of(st) != id)
    {
        ::close(fd);
        return -1;
    }
    return fd;
}

//! Times the signal-time walk lists a directory again when its removal
//! says "not empty" (as detail::removal_passes for the owner's walk).
constexpr int signal_walk_passes = 3;

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
        if (mount_id(system_platform{}, root_fd, &root_mount_) != 0)
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
        return mount_id(system_platform{}, fd, &mount) == 0 && mount == root_mount_;
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
inline void signal_safe_remove_tree(const char* path, const file_identity& id, int fd,
                                    const struct ::stat& st) noexcept
{
    signal_safe_walk walk(fd, st);
    for (int pass = 0; pass < signal_walk_passes; ++pass)
    {
        walk.run();
        if (!same_entry(path, id))
            return;
        if (::rmdir(path) == 0 || (errno != ENOTEMPTY && errno != EEXIST))
            return;
        walk.rewind();
    }
}
#endif

//! Whether removing a registered directory at a signal needs the walk
//! below: POSIX signal handlers interrupt the program wherever it is.
template< typename Platform, if_posix< Platform > = 0 >
constexpr bool signals_interrupt(Platform) noexcept
{
    return true;
}

//! Removes a registered file if its name still means it. Async-signal-safe.
template< typename Platform, if_posix< Platform > = 0 >
void remove_registered_file(Platform, const char* path, const file_identity& id) noexcept
{
    if (same_entry(path, id))
        ::unlink(path);
}

//! Removes a registered directory -- with its contents when `recursive`
//! and the system has getdents64 -- from a signal handler. Without the
//! walk only an empty directory goes.
template< typename Platform, if_posix< Platform > = 0 >
void remove_registered_dir_in_signal(Platform, const char* path, const file_identity& id, bool recursive) noexcept
{
#if defined(__linux__) && defined(SYS_getdents64)
    struct ::stat st;
    const int fd = recursive ? open_registered_dir(path, id, st) : -1;
    if (fd >= 0)
    {
        signal_safe_remove_tree(path, id, fd, st);
        ::close(fd);
        return;
    }
#else
    (void)recursive;
#endif
    if (same_entry(path, id))
        ::rmdir(path);
}

//! After the owner's walk at exit: what it left -- out of memory, out of
//! descriptors -- the signal-time walk, which needs neither memory nor more
//! than a few descriptors, tries again.
template< typename Platform, if_posix< Platform > = 0 >
void finish_registered_dir(Platform, const char* path, const file_identity& id, bool recursive) noexcept
{
    if (same_entry(path, id))
        remove_registered_dir_in_signal(Platform{}, path, id, recursive);
}

// ---- handlers --------------------------------------------------------------------------------

extern "C" inline void boost_tempfile_exit_handler() noexcept
{
    run_cleanup_hook(cleanup_moment::at_exit);
}

extern "C" inline void boost_tempfile_signal_handler(int sig) noexcept
{
    const int saved_errno = errno;
    run_cleanup_hook(cleanup_moment::in_signal);
    // Die of the signal, as the default disposition would have: the parent
    // sees the right status.
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

//! atexit and at_quick_exit, once per process, and the reserved descriptors.
template< typename Platform, if_posix< Platform > = 0 >
void install_exit_hooks(Platform) noexcept
{
    reserve_for_cleanup(Platform{});
    std::atexit(&boost_tempfile_exit_handler);
    std::at_quick_exit(&boost_tempfile_exit_handler);
}

//! Whether the handler now installed for `sig` is ours.
inline bool ours(const struct ::sigaction& a) noexcept
{
    return (a.sa_flags & SA_SIGINFO) == 0 && a.sa_handler == &boost_tempfile_signal_handler;
}

//! Installs our handler for each exit signal whose disposition is SIG_DFL.
template< typename Platform, if_posix< Platform > = 0 >
void install_signal_handlers(Platform) noexcept
{
    struct ::sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_handler = &boost_tempfile_signal_handler;
    ::sigemptyset(&action.sa_mask);
    for (int s : exit_signals)
        ::sigaddset(&action.sa_mask, s); // one cleanup at a time
    for (std::size_t i = 0; i < exit_signal_count; ++i)
    {
        struct ::sigaction now;
        if (::sigaction(exit_signals[i], nullptr, &now) != 0)
            continue;
        if ((now.sa_flags & SA_SIGINFO) || now.sa_handler != SIG_DFL)
            continue; // the application's, or ignored: left as it is
        if (::sigaction(exit_signals[i], &action, nullptr) == 0)
            exit_ops().installed_signals.fetch_or(1u << i, std::memory_order_acq_rel);
    }
}

//! Restores SIG_DFL where our handler is still installed.
template< typename Platform, if_posix< Platform > = 0 >
void uninstall_signal_handlers(Platform) noexcept
{
    const unsigned mine = exit_ops().installed_signals.exchange(0, std::memory_order_acq_rel);
    for (std::size_t i = 0; i < exit_signal_count; ++i)
    {
        struct ::sigaction now;
        if (!(mine & (1u << i)) || ::sigaction(exit_signals[i], nullptr, &now) != 0 || !ours(now))
            continue;
        struct ::sigaction default_action;
        std::memset(&default_action, 0, sizeof default_action);
        default_action.sa_handler = SIG_DFL;
        ::sigemptyset(&default_action.sa_mask);
        ::sigaction(exit_signals[i], &default_action, nullptr);
    }
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
