// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_FILE_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_FILE_OPS_HPP
#pragma once

// The file operations of the owners (named_temp_file, temp_file,
// make_temp_file, spooled_temp_file) on POSIX systems, made of the calls of
// the system-call layer (detail/posix/sys.hpp, detail/linux/sys.hpp) through
// the platform tag, so that a wrapping tag (fault_injecting_platform) reaches
// every one of them. The Windows file of the same name offers the same
// operations with the same signatures; detail/file_ops.hpp picks one.
//
// Conventions: every operation is noexcept, takes the platform tag first,
// and reports a failure by its result (false, or an invalid handle) and the
// errno value in `err`. EINTR is retried as detail/eintr.hpp says.
//
// Identity. A name is acted on (removed, renamed) only while it still means
// the owner's file:
//   - while the file is open, its name is removed or renamed by name, with
//     no extra system call. The name can have been replaced only by someone
//     allowed to remove the entry (the directory's writers; in a sticky
//     directory such as /tmp only the file's owner and root): someone who
//     could have removed our file, and who put theirs at a name that is
//     known to be removed -- a link made at our name while our name is
//     still there is refused (EEXIST), only a rename over it succeeds;
//   - once the file is closed with its name kept, the name is handed to
//     others on purpose (delete_on_destroy: another process opens it, and an
//     editor may save it by renaming a new file over it), so its identity is
//     compared first (one lstat): a name that now means another file is left
//     alone, and ESTALE reported. The identity is pinned before the close:
//     device and inode, and where the system has O_PATH a reference that
//     holds the inode, so that its number cannot pass to another file while
//     the owner lives (ext4 gives a freed inode number out again at once).

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/detail/rename.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! File offsets and sizes as the system-call layer takes them.
using file_offset = ::off_t;

//! How new files are made: the mode given to open(), whether it is set again
//! through the descriptor so that the umask cannot narrow it, and whether
//! the file is opened for appending (O_APPEND: every write goes to the end,
//! whatever the position; reads and seeks are not affected).
struct file_security
{
    ::mode_t mode = 0600;
    bool exact = false;
    bool append = false;
};

//! Prepares the protection of new files with `mode`. Cannot fail on POSIX.
template< typename Platform >
bool prepare_file_security(Platform, mode_type mode, bool exact, file_security& s, int& err) noexcept
{
    s.mode = static_cast< ::mode_t >(mode);
    s.exact = exact;
    err = 0;
    return true;
}

//! open() flags of a new named file: exclusive (never reuses or follows what
//! is there), no symlink, not inherited across exec.
constexpr int new_file_flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

//! One exclusive attempt at a new named file at `path`: the descriptor, or
//! -1 with err (EEXIST: the name is taken).
template< typename Platform >
int create_named_file_at(Platform, const char* path, const file_security& s, int& err) noexcept
{
    const int fd = open_at(Platform{}, AT_FDCWD, path, new_file_flags | (s.append ? O_APPEND : 0), s.mode);
    err = fd < 0 ? errno : 0;
    return fd;
}

//! One exclusive attempt at the file an anonymous file is made from where
//! the system cannot make it without a name: a named file, unnamed at once
//! by unname_new_file().
template< typename Platform >
int create_hidden_file_at(Platform, const char* path, const file_security& s, int& err) noexcept
{
    return create_named_file_at(Platform{}, path, s, err);
}

//! After a new file is made: gives it exactly its mode when asked (fchmod,
//! which the umask cannot narrow). False with err; the caller discards it.
template< typename Platform >
bool finish_new_file(Platform, int fd, const file_security& s, int& err) noexcept
{
    err = 0;
    if (s.exact && chmod_fd(Platform{}, fd, s.mode) != 0)
    {
        err = errno;
        return false;
    }
    return true;
}

//! A file just made whose creation failed afterwards: closed, and its name
//! (which nobody else can have replaced yet: it was made a moment ago with
//! O_EXCL, see the identity note above) removed.
template< typename Platform >
void discard_new_file(Platform, int fd, const char* path) noexcept
{
    close_fd(Platform{}, fd);
    if (path)
        unlink_at(Platform{}, AT_FDCWD, path, 0);
}

//! Directories where O_TMPFILE was refused. The flag keeps the common case
//! (O_TMPFILE works everywhere used) free of the lock.
struct tmpfile_refusals
{
    std::atomic< bool > any{false};
    fork_safe_mutex lock; // a fork() while another thread holds it must not leave the child waiting
    std::vector< std::string > dirs;

    bool refused(const std::string& dir)
    {
        if (!any.load(std::memory_order_acquire))
            return false;
        std::lock_guard< fork_safe_mutex > guard(lock);
        return std::find(dirs.begin(), dirs.end(), dir) != dirs.end();
    }

    void remember(const std::string& dir)
    {
        std::lock_guard< fork_safe_mutex > guard(lock);
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end())
            dirs.push_back(dir);
        any.store(true, std::memory_order_release);
    }
};

// One cache for the whole process (the compiled part defines it with
// BOOST_TEMPFILE_SEPARATE_COMPILATION), never destroyed: exit-time code and
// the fork handlers never meet a destroyed lock.
BOOST_TEMPFILE_DECL tmpfile_refusals& tmpfile_refusal_cache() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL tmpfile_refusals& tmpfile_refusal_cache() noexcept
{
    static immortal< tmpfile_refusals > cache;
    return cache.get();
}
#endif

//! errno values meaning "this kernel or file system has no O_TMPFILE".
inline bool tmpfile_unsupported(int e) noexcept
{
    return e == EOPNOTSUPP || e == EISDIR || e == EINVAL || e == ENOTSUP;
}

//! An anonymous file that never has a name (O_TMPFILE, Linux 3.11+ on file
//! systems that have it), in `dir`. -1 with err on failure; -1 with err 0
//! when the system or this directory's file system cannot make one --
//! remembered per directory, so that the refusal is paid once -- and the
//! caller makes a named file and unnames it instead. May throw bad_alloc
//! (the refusal cache), before anything is made.
template< typename Platform >
int open_unnamed_file(Platform, const filesystem::path& dir, const file_security& s, int& err)
{
    err = 0;
    if (tmpfile_refusal_cache().refused(dir.native()))
        return -1;
    const int fd = retry_on_eintr(
        [&]() noexcept { return open_tmpfile(Platform{}, AT_FDCWD, dir.c_str(), O_RDWR | O_CLOEXEC | (s.append ? O_APPEND : 0), s.mode);
        });
    if (fd >= 0)
        return fd;
    const int e = errno;
    if (!tmpfile_unsupported(e))
    {
        err = e;
        return -1;
    }
    tmpfile_refusal_cache().remember(dir.native());
    return -1;
}

//! Takes the name of a file just made for an anonymous file: unlinked at
//! once. `name_removed` is true then. On failure the file is closed, its
//! name removed if at all possible (an anonymous file must not leave one),
//! and false returned with err.
template< typename Platform >
bool unname_new_file(Platform, int fd, const char* path, bool& name_removed, int& err) noexcept
{
    name_removed = false;
    err = 0;
    if (unlink_at(Platform{}, AT_FDCWD, path, 0) == 0 || errno == ENOENT)
    {
        name_removed = true;
        return true;
    }
    err = errno;
    close_fd(Platform{}, fd);
    unlink_at(Platform{}, AT_FDCWD, path, 0); // one more try, the descriptor closed
    return false;
}

//! The identity (device, inode) of the open file fd.
template< typename Platform >
bool identify(Platform, int fd, file_identity& id, int& err) noexcept
{
    struct ::stat st;
    if (stat_fd(Platform{}, fd, &st) != 0)
    {
        err = errno;
        return false;
    }
    id.device = static_cast< std::uint64_t >(st.st_dev);
    id.inode = static_cast< std::uint64_t >(st.st_ino);
    err = 0;
    return true;
}

//! What an owner knows about its file's identity once the file is closed.
enum class pin_state : unsigned char
{
    none,     //!< nothing recorded: the name is not acted on
    proven,   //!< the identity cannot pass to another file while pinned
    unproven  //!< recorded, but the number could be given to another file
};

//! The identity of an owner's file, kept across close() so that the name is
//! recognised later (reopen, removal, rename). Move-only: it may hold a
//! reference (an O_PATH descriptor) that holds the inode.
template< typename Platform >
class file_pin
{
public:
    file_pin() noexcept = default;
    file_pin(file_pin&& other) noexcept : id_(other.id_), ref_(other.ref_), state_(other.state_)
    {
        other.ref_ = -1;
        other.state_ = pin_state::none;
    }
    file_pin& operator=(file_pin&& other) noexcept
    {
        if (this != &other)
        {
            reset();
            id_ = other.id_;
            ref_ = other.ref_;
            state_ = other.state_;
            other.ref_ = -1;
            other.state_ = pin_state::none;
        }
        return *this;
    }
    file_pin(const file_pin&) = delete;
    file_pin& operator=(const file_pin&) = delete;
    ~file_pin() { reset(); }

    pin_state state() const noexcept { return state_; }
    const file_identity& identity() const noexcept { return id_; }

    //! Forgets the identity (after the name was removed or handed over).
    void reset() noexcept
    {
        if (ref_ >= 0)
            close_fd(Platform{}, ref_);
        ref_ = -1;
        state_ = pin_state::none;
    }

    void set(const file_identity& id, int ref, pin_state state) noexcept
    {
        reset();
        id_ = id;
        ref_ = ref;
        state_ = state;
    }

private:
    file_identity id_;
    int ref_ = -1;
    pin_state state_ = pin_state::none;
};

//! Right after a creation: nothing to do on POSIX, where the identity costs
//! an fstat and is taken only when the file is closed with its name kept.
template< typename Platform >
void pin_on_create(Platform, int, file_pin< Platform >&) noexcept
{
}

//! Before the descriptor fd is closed with the name at `path` kept: records
//! the identity and, where the system has O_PATH, takes a reference that
//! holds the inode (no read or write access: no ETXTBSY, and closing it
//! drops no fcntl lock). Through /proc/self/fd/N, else by the name, which
//! must still mean the file (its inode is held by fd now). If no reference
//! can be had the identity is unproven: reopen() then refuses rather than
//! guess. Already pinned: nothing done.
template< typename Platform >
void pin_on_close(Platform, int fd, const char* path, file_pin< Platform >& pin) noexcept
{
    if (pin.state() != pin_state::none)
        return;
    file_identity id;
    int err = 0;
    if (!identify(Platform{}, fd, id, err))
        return;
#if defined(O_PATH)
    char proc[40];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    int ref = open_at(Platform{}, AT_FDCWD, proc, O_PATH | O_CLOEXEC, 0);
    if (ref < 0)
        ref = open_at(Platform{}, AT_FDCWD, path, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
    file_identity pinned;
    if (ref >= 0 && (!identify(Platform{}, ref, pinned, err) || pinned != id))
    {
        close_fd(Platform{}, ref);
        ref = -1;
    }
    pin.set(id, ref, ref >= 0 ? pin_state::proven : pin_state::unproven);
#else
    // No way to hold an inode: the identity is what there is to go by.
    (void)path;
    pin.set(id, -1, pin_state::proven);
#endif
}

//! The error of a name that now means another file than the owner's.
template< typename Platform >
constexpr int name_replaced_error(Platform) noexcept
{
    return ESTALE;
}

//! Whether a closed file's name at `path` still means the pinned file: 0 if
//! it does, ENOENT if nothing is there, ESTALE if another file is (or the
//! identity is not known), another errno if lstat failed.
template< typename Platform >
int check_pinned_name(const char* path, const file_pin< Platform >& pin) noexcept
{
    struct ::stat st;
    if (stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno;
    if (pin.state() == pin_state::none)
        return ESTALE;
    const file_identity& id = pin.identity();
    if (static_cast< std::uint64_t >(st.st_dev) != id.device || static_cast< std::uint64_t >(st.st_ino) != id.inode)
        return ESTALE;
    return 0;
}

//! What a removal holds until the owner's handle is closed: nothing on POSIX.
template< typename Platform >
struct removal_hold
{
};

//! Removes the name of the owner's file: by name while the file is open
//! (`open` >= 0), after comparing the pinned identity once it is closed (see
//! the identity note above). A name already gone is no error. False with err
//! (ESTALE: the name means another file, which is left alone).
template< typename Platform >
bool remove_own_name(Platform, int open, const char* path, const file_pin< Platform >& pin, removal_hold< Platform >&,
                     int& err) noexcept
{
    err = 0;
    if (open < 0)
    {
        const int e = check_pinned_name(path, pin);
        if (e == ENOENT)
            return true;
        if (e != 0)
        {
            err = e;
            return false;
        }
    }
    if (unlink_at(Platform{}, AT_FDCWD, path, 0) == 0 || errno == ENOENT)
        return true;
    err = errno;
    return false;
}

//! Gives the owner's file at `path` the name `to`: replacing what is there
//! (renameat), or not (renameat2(RENAME_NOREPLACE), else link + unlink;
//! EEXIST if `to` exists). By name while open, after the identity check once
//! closed. On failure `published` says whether `to` names the file all the
//! same (the fallback linked it but could not remove `path`).
template< typename Platform >
bool rename_own_file(Platform, int open, const char* path, const file_pin< Platform >& pin, const char* to,
                     bool replace, bool& published, int& err) noexcept
{
    published = false;
    err = 0;
    if (open < 0)
    {
        const int e = check_pinned_name(path, pin);
        if (e != 0)
        {
            err = e;
            return false;
        }
    }
    const int r = replace ? rename_at(Platform{}, AT_FDCWD, path, AT_FDCWD, to)
                          : rename_no_replace< Platform >(path, to, published);
    if (r == 0)
        return true;
    err = errno;
    return false;
}

//! Opens the owner's file again by its name (read-write, close-on-exec, no
//! symlink followed) and checks that the name still means it: against the
//! open descriptor `open`, else against the pinned identity. -1 with err:
//! ESTALE (another file), ENOENT (gone), EBADF (closed, and no proven
//! identity to compare with).
template< typename Platform >
int reopen_own_file(Platform, int open, const char* path, const file_pin< Platform >& pin, int& err) noexcept
{
    file_identity want;
    if (open >= 0)
    {
        if (!identify(Platform{}, open, want, err))
            return -1;
    }
    else if (pin.state() == pin_state::proven)
        want = pin.identity();
    else
    {
        err = EBADF;
        return -1;
    }
    const int fd = open_at(Platform{}, AT_FDCWD, path, O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0);
    if (fd < 0)
    {
        err = errno;
        return -1;
    }
    file_identity got;
    const bool known = identify(Platform{}, fd, got, err);
    if (known && got == want)
        return fd;
    if (known)
        err = ESTALE; // replaced since we made it
    close_fd(Platform{}, fd);
    return -1;
}

//! Links the anonymous file open as fd at `to` (EEXIST if `to` exists):
//! through /proc/self/fd/N, which needs no privilege, else AT_EMPTY_PATH
//! (which needs CAP_DAC_READ_SEARCH). Only a file that never had a name
//! (O_TMPFILE) may be linked: the owner checks.
template< typename Platform >
bool link_unnamed_file(Platform, int fd, const char* to, int& err) noexcept
{
    err = 0;
    char proc[40];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (link_at(Platform{}, AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW) == 0)
        return true;
#if defined(AT_EMPTY_PATH)
    if (errno == ENOENT && link_at(Platform{}, fd, "", AT_FDCWD, to, AT_EMPTY_PATH) == 0) // no /proc mounted
        return true;
#endif
    err = errno;
    return false;
}

//! Whether the file at `path` (not followed) is the one open as fd: how a
//! staged link left behind by a rename between two links of one file is
//! recognised.
template< typename Platform >
bool name_means_file(Platform, const char* path, int fd) noexcept
{
    struct ::stat there;
    struct ::stat mine;
    return stat_at(Platform{}, AT_FDCWD, path, &there, AT_SYMLINK_NOFOLLOW) == 0 && stat_fd(Platform{}, fd, &mine) == 0 &&
           there.st_dev == mine.st_dev && there.st_ino == mine.st_ino;
}

//! Removes a name the owner just made itself (a staged link).
template< typename Platform >
void remove_new_name(Platform, const char* path) noexcept
{
    unlink_at(Platform{}, AT_FDCWD, path, 0);
}

//! Renames a name the owner just made itself (a staged link) to `to`,
//! replacing what is there.
template< typename Platform >
bool rename_new_name(Platform, const char* from, const char* to, int& err) noexcept
{
    err = 0;
    if (rename_at(Platform{}, AT_FDCWD, from, AT_FDCWD, to) == 0)
        return true;
    err = errno;
    return false;
}

//! Why an anonymous file that did not come from O_TMPFILE cannot be named.
template< typename Platform >
constexpr const char* not_linkable_reason(Platform) noexcept
{
    return ": the file was made without O_TMPFILE (refused here) and cannot be named safely";
}

//! fsync of the file open as fd.
template< typename Platform >
bool sync_file(Platform, int fd, int& err) noexcept
{
    err = 0;
    if (retry_on_eintr([&]() noexcept { return sync_fd(Platform{}, fd); }) == 0)
        return true;
    err = errno;
    return false;
}

//! After a rename to `to`: fsync of the directory `to` is in, so that the
//! new name survives a crash (the file open as fd is not needed on POSIX).
template< typename Platform >
bool sync_directory_of(Platform, int, const filesystem::path& to, int& err) noexcept
{
    err = 0;
    const filesystem::path::string_type& s = to.native();
    const std::size_t slash = s.rfind('/');
    std::string dir;
    if (slash == std::string::npos)
        dir = ".";
    else if (slash == 0)
        dir = "/";
    else
        dir.assign(s, 0, slash);
    const int d = retry_on_eintr(
        [&]() noexcept { return open_at(Platform{}, AT_FDCWD, dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0); });
    if (d < 0)
    {
        err = errno;
        return false;
    }
    const bool synced = sync_file(Platform{}, d, err);
    close_fd(Platform{}, d);
    return synced;
}

//! A second descriptor on the open file fd (close-on-exec).
template< typename Platform >
int duplicate(Platform, int fd, int& err) noexcept
{
    const int d = dup_fd(Platform{}, fd);
    err = d < 0 ? errno : 0;
    return d;
}

//! A C stream over fd (fdopen), which it then owns; on failure fd is closed
//! and nullptr returned with err.
template< typename Platform >
std::FILE* open_stdio_over(Platform, int fd, const char* mode, int& err) noexcept
{
    std::FILE* f = ::fdopen(fd, mode);
    if (f)
    {
        err = 0;
        return f;
    }
    err = errno;
    close_fd(Platform{}, fd);
    return nullptr;
}

//! memfd_create's MFD_CLOEXEC, spelled out so that no libc header is needed
//! for it (the value is part of the kernel's ABI).
constexpr unsigned memfd_close_on_exec = 0x0001u;

//! memfd_create refuses longer debug names.
constexpr std::size_t memfd_name_max = 249;

//! An anonymous file in memory (Linux memfd) named `name` for debugging,
//! given `mode` (memfd_create takes none: the file starts 0777,
//! reachable by whoever may open /proc/<pid>/fd/<n>). -1 with err; -1 with
//! err 0 where the system has none (ENOSYS): then an anonymous file on disk.
template< typename Platform >
int create_memory_file(Platform, const std::string& name, mode_type mode, int& err) noexcept
{
    char debug_name[memfd_name_max + 1];
    const std::size_t n = std::min(name.size(), memfd_name_max);
    std::copy(name.begin(), name.begin() + static_cast< std::ptrdiff_t >(n), debug_name);
    debug_name[n] = '\0';
    err = 0;
    const int fd = memory_file(Platform{}, debug_name, memfd_close_on_exec);
    if (fd < 0)
    {
        err = errno == ENOSYS ? 0 : errno;
        return -1;
    }
    if (chmod_fd(Platform{}, fd, static_cast< ::mode_t >(mode)) != 0)
    {
        err = errno;
        close_fd(Platform{}, fd);
        return -1;
    }
    return fd;
}

//! The size of the file open as fd.
template< typename Platform >
bool file_size(Platform, int fd, std::uintmax_t& size, int& err) noexcept
{
    struct ::stat st;
    if (stat_fd(Platform{}, fd, &st) != 0)
    {
        err = errno;
        return false;
    }
    size = static_cast< std::uintmax_t >(st.st_size);
    err = 0;
    return true;
}

//! The error of a write that wrote nothing and said no more.
template< typename Platform >
int short_write_error(Platform) noexcept
{
    errno = EIO;
    return EIO;
}

//! The error of a seek to a position the file cannot have: lseek refuses a
//! position >= 0 with EINVAL only past the largest file the file system can
//! hold, which is EFBIG. `beyond` tells whether that is the case.
template< typename Platform >
int seek_failure(Platform, int e, bool& beyond) noexcept
{
    beyond = e == EINVAL;
    return beyond ? EFBIG : e;
}

//! Bytes of physical memory, 0 if unknown. Data larger than that is not
//! worth holding in memory (it would only be paged out), and asking the
//! allocator for it only fails -- or, under a sanitizer, aborts.
template< typename Platform >
std::uintmax_t physical_memory(Platform) noexcept
{
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return 0;
    return static_cast< std::uintmax_t >(pages) * static_cast< std::uintmax_t >(page);
#else
    return 0;
#endif
}

//! After a user's creator made an entry at `path` (make_entry: a socket, a
//! FIFO, a file, a directory, a symlink): records its identity by name, not
//! followed, and -- where the system has O_PATH -- takes a reference that
//! holds the inode, so that its number cannot pass to another entry while
//! the owner lives; `directory` tells whether it is one. Between the
//! creator's call and this one only someone allowed to remove entries in
//! the directory could have replaced it (see the identity note above).
//! False with err (ENOENT: the creator said it made the entry, but nothing
//! is there).
template< typename Platform >
bool pin_new_entry(Platform, const char* path, file_pin< Platform >& pin, bool& directory, int& err) noexcept
{
    struct ::stat st;
    if (stat_at(Platform{}, AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
        err = errno;
        return false;
    }
    file_identity id;
    id.device = static_cast< std::uint64_t >(st.st_dev);
    id.inode = static_cast< std::uint64_t >(st.st_ino);
    directory = S_ISDIR(st.st_mode);
    int ref = -1;
#if defined(O_PATH)
    ref = open_at(Platform{}, AT_FDCWD, path, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
    file_identity held;
    int ignored = 0;
    if (ref >= 0 && (!identify(Platform{}, ref, held, ignored) || held != id))
    {
        close_fd(Platform{}, ref);
        ref = -1;
    }
    pin.set(id, ref, ref >= 0 ? pin_state::proven : pin_state::unproven);
#else
    pin.set(id, ref, pin_state::proven);
#endif
    err = 0;
    return true;
}

//! Removes a user's entry at `path` while the name still means the pinned
//! entry: unlink, or rmdir for a directory (which must be empty then). A
//! name already gone is no error. False with err (ESTALE: the name means
//! another entry, which is left alone; ENOTEMPTY).
template< typename Platform >
bool remove_own_entry(Platform, const char* path, const file_pin< Platform >& pin, bool directory, int& err) noexcept
{
    err = 0;
    const int e = check_pinned_name(path, pin);
    if (e == ENOENT)
        return true;
    if (e != 0)
    {
        err = e;
        return false;
    }
    if (unlink_at(Platform{}, AT_FDCWD, path, directory ? AT_REMOVEDIR : 0) == 0 || errno == ENOENT)
        return true;
    err = errno;
    return false;
}

//! Gives a user's entry at `path` the name `to` while the name still means
//! the pinned entry (rename_own_file, for any kind of entry).
template< typename Platform >
bool rename_own_entry(Platform, const char* path, const file_pin< Platform >& pin, const char* to, bool replace,
                      bool& published, int& err) noexcept
{
    return rename_own_file(Platform{}, -1, path, pin, to, replace, published, err);
}

//! The message for a failed publication.
template< typename Platform >
const char* persist_failure(Platform, int e, bool no_clobber) noexcept
{
    if (e == ESTALE)
        return ": the file was closed and its name now refers to another file; nothing was renamed";
    return detail::persist_failure(e, no_clobber);
}

//! The message for a failed removal; the object still owns the name then.
template< typename Platform >
const char* removal_failure(Platform, int e) noexcept
{
    if (e == ESTALE)
        return ": the file was closed and its name now refers to another file (or its identity could not be "
               "recorded); nothing was removed";
    return ": cannot remove the file; it is still owned: a later remove() or the destructor tries again";
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
