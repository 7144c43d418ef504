// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_FAULT_INJECTION_HPP
#define BOOST_TEMPFILE_FAULT_INJECTION_HPP
#pragma once

#include <boost/tempfile/platform.hpp>

// A platform policy that wraps another and makes chosen system calls fail
// with chosen errno values, so that every error path -- the library's and
// the caller's own -- can be driven for real:
//
//     using faulty = boost::tempfile::fault_injecting_platform<boost::tempfile::native_platform>;
//     boost::tempfile::fault_injection::fail(boost::tempfile::sys_call::write, ENOSPC);
//     boost::tempfile::basic_named_temp_file<delete_on_close, random_name<>, owner_only, faulty> f;
//
// Plans and counters are per thread, so tests running in parallel threads do
// not disturb each other. calls() counts the calls seen since clear(): run an
// operation once to count its calls of a kind, then fail each one in turn.
//
// On Windows the error is a Win32 code (ERROR_DISK_FULL, ERROR_ACCESS_DENIED,
// ...), left in GetLastError() by the failed call, and the wrapped calls are
// the Windows layer's: open = CreateFileW (of a new file; atomic_file also
// opens its directory and looks at the target through it), mkdir =
// CreateDirectoryW, unlink = deletion through a handle, rename = rename
// through a handle (persist, atomic_file's commit), close, read, write, seek,
// truncate, sync (FlushFileBuffers), chmod = the DACL, owner and read-only
// attribute atomic_file gives the new content; a temp_dir's removal walk
// deletes through the handle-deletion wrapper (unlink) too. On POSIX chmod
// also counts fchown (atomic_options().keep_owner()) and stat counts readlink
// (atomic_options().follow_symlinks()). The calls made at exit and in signal
// handlers are never wrapped, on any system: they use system_platform.

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#endif

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>

namespace boost {
namespace tempfile {

//! The system calls of the platform layer, one per wrapper.
enum class sys_call : unsigned
{
    open, mkdir, unlink, close, stat, chmod, read, write, seek, truncate, sync,
    rename, link, open_dir, read_dir, close_dir, open_tmpfile, memory_file,
    lock, // flock (run_dir)
    count_
};

class fault_injection
{
public:
    static constexpr unsigned always = UINT_MAX;

    //! Of the calls of kind `call` made from now on, those numbered `after`,
    //! after+1, ... after+times-1 (counted from 0 at this call of fail())
    //! fail with `error`. A later fail() for the same kind replaces the plan.
    static void fail(sys_call call, int error, unsigned after = 0, unsigned times = 1) noexcept
    {
        plan& p = state().plans[index(call)];
        p.error = error;
        p.first = state().counts[index(call)] + after;
        p.times = times;
    }

    //! Forgets every plan and resets the counters.
    static void clear() noexcept { state() = thread_state{}; }

    //! Calls of kind `call` since the last clear(), failed ones included.
    static unsigned calls(sys_call call) noexcept { return state().counts[index(call)]; }

    //! Failures injected since the last clear().
    static unsigned injected() noexcept { return state().injected; }

    //! Called by the wrappers: counts the call and says whether it must fail
    //! (then errno, and on Windows GetLastError(), is already set).
    static bool should_fail(sys_call call) noexcept
    {
        thread_state& s = state();
        const unsigned n = s.counts[index(call)]++;
        const plan& p = s.plans[index(call)];
        if (p.error == 0 || n < p.first || (p.times != always && n - p.first >= p.times))
            return false;
        ++s.injected;
        errno = p.error;
#if defined(BOOST_TEMPFILE_WINDOWS)
        ::SetLastError(static_cast< DWORD >(p.error));
#endif
        return true;
    }

private:
    struct plan
    {
        int error;
        unsigned first, times;
    };
    struct thread_state
    {
        plan plans[static_cast< std::size_t >(sys_call::count_)];
        unsigned counts[static_cast< std::size_t >(sys_call::count_)];
        unsigned injected;
    };
    static std::size_t index(sys_call c) noexcept { return static_cast< std::size_t >(c); }
    static thread_state& state() noexcept
    {
        static thread_local thread_state s{};
        return s;
    }
};

namespace sys {

//! Behaves as Base except for the calls fault_injection says must fail.
template< typename Base >
struct fault_injecting_platform : Base
{
};

#define BOOST_TEMPFILE_INJECT(call, failed)                                                                   \
    if (::boost::tempfile::fault_injection::should_fail(::boost::tempfile::sys_call::call))                   \
        return failed;

#if defined(BOOST_TEMPFILE_WINDOWS)

template< typename B >
HANDLE create_file(fault_injecting_platform< B >, const wchar_t* path, DWORD access, DWORD share,
                   SECURITY_ATTRIBUTES* sa, DWORD disposition, DWORD flags) noexcept
{
    BOOST_TEMPFILE_INJECT(open, INVALID_HANDLE_VALUE)
    return create_file(B{}, path, access, share, sa, disposition, flags);
}

template< typename B >
bool create_dir(fault_injecting_platform< B >, const wchar_t* path, SECURITY_ATTRIBUTES* sa) noexcept
{
    BOOST_TEMPFILE_INJECT(mkdir, false)
    return create_dir(B{}, path, sa);
}

template< typename B >
bool delete_handle(fault_injecting_platform< B >, HANDLE h) noexcept
{
    BOOST_TEMPFILE_INJECT(unlink, false)
    return delete_handle(B{}, h);
}

template< typename B >
bool rename_handle(fault_injecting_platform< B >, HANDLE h, const std::wstring& to, bool replace)
{
    BOOST_TEMPFILE_INJECT(rename, false)
    return rename_handle(B{}, h, to, replace);
}

template< typename B >
bool publish_handle(fault_injecting_platform< B >, HANDLE h, const std::wstring& to, bool replace)
{
    BOOST_TEMPFILE_INJECT(rename, false)
    return publish_handle(B{}, h, to, replace);
}

//! A failed close still closes the handle, so an injected error never leaks one.
template< typename B >
int close_fd(fault_injecting_platform< B >, void* h) noexcept
{
    if (fault_injection::should_fail(sys_call::close))
    {
        const DWORD e = ::GetLastError();
        close_fd(B{}, h);
        ::SetLastError(e);
        errno = static_cast< int >(e);
        return -1;
    }
    return close_fd(B{}, h);
}

template< typename B >
long long read_fd(fault_injecting_platform< B >, void* h, void* buf, std::size_t n) noexcept
{
    BOOST_TEMPFILE_INJECT(read, -1)
    return read_fd(B{}, h, buf, n);
}

template< typename B >
long long write_fd(fault_injecting_platform< B >, void* h, const void* buf, std::size_t n) noexcept
{
    BOOST_TEMPFILE_INJECT(write, -1)
    return write_fd(B{}, h, buf, n);
}

template< typename B >
long long seek_fd(fault_injecting_platform< B >, void* h, long long off, int whence) noexcept
{
    BOOST_TEMPFILE_INJECT(seek, -1)
    return seek_fd(B{}, h, off, whence);
}

template< typename B >
int truncate_fd(fault_injecting_platform< B >, void* h, long long size) noexcept
{
    BOOST_TEMPFILE_INJECT(truncate, -1)
    return truncate_fd(B{}, h, size);
}

template< typename B >
int sync_fd(fault_injecting_platform< B >, void* h) noexcept
{
    BOOST_TEMPFILE_INJECT(sync, -1)
    return sync_fd(B{}, h);
}

//! Counted and failed as sys_call::open: it makes a new handle.
template< typename B >
void* dup_fd(fault_injecting_platform< B >, void* h) noexcept
{
    BOOST_TEMPFILE_INJECT(open, INVALID_HANDLE_VALUE)
    return dup_fd(B{}, h);
}

//! Counted and failed as sys_call::chmod: permissions and owner.
template< typename B >
DWORD set_security(fault_injecting_platform< B >, HANDLE h, SECURITY_INFORMATION what, PSID owner, PSID group,
                   PACL dacl) noexcept
{
    BOOST_TEMPFILE_INJECT(chmod, static_cast< DWORD >(::GetLastError()))
    return set_security(B{}, h, what, owner, group, dacl);
}

//! Counted and failed as sys_call::chmod.
template< typename B >
bool change_read_only(fault_injecting_platform< B >, HANDLE h, bool on, bool* was) noexcept
{
    BOOST_TEMPFILE_INJECT(chmod, false)
    return change_read_only(B{}, h, on, was);
}

#else // POSIX

template< typename B >
int open_at(fault_injecting_platform< B >, int dirfd, const char* name, int flags, ::mode_t mode) noexcept
{
    BOOST_TEMPFILE_INJECT(open, -1)
    return open_at(B{}, dirfd, name, flags, mode);
}

template< typename B >
int mkdir_at(fault_injecting_platform< B >, int dirfd, const char* name, ::mode_t mode) noexcept
{
    BOOST_TEMPFILE_INJECT(mkdir, -1)
    return mkdir_at(B{}, dirfd, name, mode);
}

template< typename B >
int unlink_at(fault_injecting_platform< B >, int dirfd, const char* name, int flags) noexcept
{
    BOOST_TEMPFILE_INJECT(unlink, -1)
    return unlink_at(B{}, dirfd, name, flags);
}

//! A failed close still releases the descriptor, as close() does on Linux
//! whatever it reports, so an injected close error never leaks one.
template< typename B >
int close_fd(fault_injecting_platform< B >, int fd) noexcept
{
    if (fault_injection::should_fail(sys_call::close))
    {
        const int e = errno;
        close_fd(B{}, fd);
        errno = e;
        return -1;
    }
    return close_fd(B{}, fd);
}

template< typename B >
int stat_fd(fault_injecting_platform< B >, int fd, struct ::stat* st) noexcept
{
    BOOST_TEMPFILE_INJECT(stat, -1)
    return stat_fd(B{}, fd, st);
}

template< typename B >
int stat_at(fault_injecting_platform< B >, int dirfd, const char* name, struct ::stat* st, int flags) noexcept
{
    BOOST_TEMPFILE_INJECT(stat, -1)
    return stat_at(B{}, dirfd, name, st, flags);
}

//! Counted and failed as sys_call::stat: it is statx (or a read of fdinfo).
template< typename B >
int mount_id(fault_injecting_platform< B >, int fd, std::uint64_t* id) noexcept
{
    BOOST_TEMPFILE_INJECT(stat, -1)
    return mount_id(B{}, fd, id);
}

template< typename B >
int chmod_fd(fault_injecting_platform< B >, int fd, ::mode_t mode) noexcept
{
    BOOST_TEMPFILE_INJECT(chmod, -1)
    return chmod_fd(B{}, fd, mode);
}

template< typename B >
int chmod_at(fault_injecting_platform< B >, int dirfd, const char* name, ::mode_t mode, int flags) noexcept
{
    BOOST_TEMPFILE_INJECT(chmod, -1)
    return chmod_at(B{}, dirfd, name, mode, flags);
}

template< typename B >
::ssize_t read_fd(fault_injecting_platform< B >, int fd, void* buf, std::size_t n) noexcept
{
    BOOST_TEMPFILE_INJECT(read, -1)
    return read_fd(B{}, fd, buf, n);
}

template< typename B >
::ssize_t write_fd(fault_injecting_platform< B >, int fd, const void* buf, std::size_t n) noexcept
{
    BOOST_TEMPFILE_INJECT(write, -1)
    return write_fd(B{}, fd, buf, n);
}

template< typename B >
::off_t seek_fd(fault_injecting_platform< B >, int fd, ::off_t off, int whence) noexcept
{
    BOOST_TEMPFILE_INJECT(seek, -1)
    return seek_fd(B{}, fd, off, whence);
}

template< typename B >
int truncate_fd(fault_injecting_platform< B >, int fd, ::off_t size) noexcept
{
    BOOST_TEMPFILE_INJECT(truncate, -1)
    return truncate_fd(B{}, fd, size);
}

template< typename B >
int sync_fd(fault_injecting_platform< B >, int fd) noexcept
{
    BOOST_TEMPFILE_INJECT(sync, -1)
    return sync_fd(B{}, fd);
}

template< typename B >
int rename_at(fault_injecting_platform< B >, int olddirfd, const char* oldname, int newdirfd,
              const char* newname) noexcept
{
    BOOST_TEMPFILE_INJECT(rename, -1)
    return rename_at(B{}, olddirfd, oldname, newdirfd, newname);
}

//! Counted and failed as sys_call::rename, like rename_at.
template< typename B >
int rename_at2(fault_injecting_platform< B >, int olddirfd, const char* oldname, int newdirfd, const char* newname,
               unsigned flags) noexcept
{
    BOOST_TEMPFILE_INJECT(rename, -1)
    return rename_at2(B{}, olddirfd, oldname, newdirfd, newname, flags);
}

template< typename B >
int memory_file(fault_injecting_platform< B >, const char* name, unsigned flags) noexcept
{
    BOOST_TEMPFILE_INJECT(memory_file, -1)
    return memory_file(B{}, name, flags);
}

template< typename B >
int link_at(fault_injecting_platform< B >, int olddirfd, const char* oldname, int newdirfd, const char* newname,
            int flags) noexcept
{
    BOOST_TEMPFILE_INJECT(link, -1)
    return link_at(B{}, olddirfd, oldname, newdirfd, newname, flags);
}

//! Like the real one, takes ownership of fd also when it fails.
template< typename B >
::DIR* open_dir_fd(fault_injecting_platform< B >, int fd) noexcept
{
    if (fault_injection::should_fail(sys_call::open_dir))
    {
        const int e = errno;
        close_fd(B{}, fd);
        errno = e;
        return nullptr;
    }
    return open_dir_fd(B{}, fd);
}

template< typename B >
struct ::dirent* read_dir(fault_injecting_platform< B >, ::DIR* d) noexcept
{
    BOOST_TEMPFILE_INJECT(read_dir, nullptr)
    return read_dir(B{}, d);
}

template< typename B >
int close_dir(fault_injecting_platform< B >, ::DIR* d) noexcept
{
    if (fault_injection::should_fail(sys_call::close_dir))
    {
        const int e = errno;
        close_dir(B{}, d);
        errno = e;
        return -1;
    }
    return close_dir(B{}, d);
}

template< typename B >
int open_tmpfile(fault_injecting_platform< B >, int dirfd, const char* dir, int flags, ::mode_t mode) noexcept
{
    BOOST_TEMPFILE_INJECT(open_tmpfile, -1)
    return open_tmpfile(B{}, dirfd, dir, flags, mode);
}

//! Counted and failed as sys_call::open: it makes a new descriptor.
template< typename B >
int dup_fd(fault_injecting_platform< B >, int fd) noexcept
{
    BOOST_TEMPFILE_INJECT(open, -1)
    return dup_fd(B{}, fd);
}

//! Counted and failed as sys_call::stat: it reads what a name is.
template< typename B >
::ssize_t read_link_at(fault_injecting_platform< B >, int dirfd, const char* name, char* buf, std::size_t size) noexcept
{
    BOOST_TEMPFILE_INJECT(stat, -1)
    return read_link_at(B{}, dirfd, name, buf, size);
}

//! Counted and failed as sys_call::chmod: the owner and group, like the mode.
template< typename B >
int chown_fd(fault_injecting_platform< B >, int fd, ::uid_t owner, ::gid_t group) noexcept
{
    BOOST_TEMPFILE_INJECT(chmod, -1)
    return chown_fd(B{}, fd, owner, group);
}

//! flock (run_dir); counted and failed as sys_call::lock.
template< typename B >
int lock_fd(fault_injecting_platform< B >, int fd, int operation) noexcept
{
    BOOST_TEMPFILE_INJECT(lock, -1)
    return lock_fd(B{}, fd, operation);
}

#endif // POSIX

#undef BOOST_TEMPFILE_INJECT

} // namespace sys

using sys::fault_injecting_platform;

} // namespace tempfile
} // namespace boost

#endif
