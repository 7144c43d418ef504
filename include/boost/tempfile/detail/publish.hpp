// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_PUBLISH_HPP
#define BOOST_TEMPFILE_DETAIL_PUBLISH_HPP
#pragma once

// Giving finished content its final name: the atomic rename (or the
// no-clobber rename, with its fallback where renameat2 is missing), the
// directory sync that makes the new name survive a crash, and the question
// "what mode would a new file get here" (the umask, unless the directory's
// default ACL overrides it). Shared by everything that publishes
// a file (atomic_file, and persist of a named file): every system call goes
// through the platform layer, so a fault-injecting platform can fail each.

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/detail/rename.hpp> // rename_noreplace
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/permissions.hpp>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <stdio.h> // NOLINT(modernize-deprecated-headers): POSIX declares renameat here, <cstdio> need not
#include <sys/stat.h>

namespace boost {
namespace tempfile {
namespace detail {

//! How a publication ended.
struct publish_result
{
    int error;      // errno of the failure, 0 if none
    bool published; // the content is at the destination (even if error != 0)
};

//! Moves `from` (in from_dir) to `to` (in to_dir) in one step. Plain mode
//! replaces whatever is at `to` (rename). No-clobber mode fails with EEXIST
//! when `to` exists: renameat2(RENAME_NOREPLACE) where the kernel and file
//! system have it; where they answer EINVAL or ENOSYS, a hard link (which
//! never replaces either) followed by removing the old name. The fallback has
//! one state the rename has not: linked but the old name not removed; that is
//! reported as an error with published == true. Taking the new name back
//! instead would race: someone may have renamed their own file over it.
template< typename Platform >
publish_result publish_at(int from_dir, const char* from, int to_dir, const char* to, bool keep_existing) noexcept
{
    int r;
    if (!keep_existing)
    {
        r = detail::retry_on_eintr([&]() noexcept { return rename_at(Platform{}, from_dir, from, to_dir, to); });
        return publish_result{r == 0 ? 0 : errno, r == 0};
    }
    r = detail::retry_on_eintr([&]() noexcept { return rename_at2(Platform{}, from_dir, from, to_dir, to, rename_noreplace); });
    if (r == 0)
        return publish_result{0, true};
    if (errno != EINVAL && errno != ENOSYS)
        return publish_result{errno, false};
    r = detail::retry_on_eintr([&]() noexcept { return link_at(Platform{}, from_dir, from, to_dir, to, 0); });
    if (r != 0)
        return publish_result{errno, false};
    if (unlink_at(Platform{}, from_dir, from, 0) != 0 && errno != ENOENT)
        return publish_result{errno, true};
    return publish_result{0, true};
}

//! fsync of a directory held open, so that the names changed in it last
//! across a crash. Returns 0 or errno.
template< typename Platform >
int sync_dir(int dirfd) noexcept
{
    int r;
    r = detail::retry_on_eintr([&]() noexcept { return sync_fd(Platform{}, dirfd); });
    return r == 0 ? 0 : errno;
}

//! Opens a directory for the *at calls and for fsync (which needs a real,
//! readable descriptor, not O_PATH). Returns the descriptor or -1 and errno.
template< typename Platform >
int open_dir_for_sync(int at, const char* path) noexcept
{
    int fd;
    fd = detail::retry_on_eintr([&]() noexcept { return open_at(Platform{}, at, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0); });
    return fd;
}

//! Parses the "Umask:" line of /proc/<pid>/status text. False if absent.
inline bool parse_status_umask(const char* text, std::size_t n, mode_type& umask) noexcept
{
    static const char key[] = "Umask:";
    const std::size_t key_len = sizeof(key) - 1;
    for (std::size_t line = 0; line < n;)
    {
        if (n - line > key_len && std::memcmp(text + line, key, key_len) == 0)
        {
            std::size_t i = line + key_len;
            while (i < n && (text[i] == ' ' || text[i] == '\t'))
                ++i;
            mode_type value = 0;
            std::size_t digits = 0;
            for (; i < n && text[i] >= '0' && text[i] <= '7'; ++i, ++digits)
                value = value * 8 + static_cast< mode_type >(text[i] - '0');
            if (digits == 0 || i == n || text[i] != '\n')
                return false;
            umask = value & 0777u;
            return true;
        }
        const void* nl = std::memchr(text + line, '\n', n - line);
        if (!nl)
            return false;
        line = static_cast< std::size_t >(static_cast< const char* >(nl) - text) + 1;
    }
    return false;
}

//! The process umask without changing it (umask() can only be read by
//! setting it, which races with every other thread creating files): Linux
//! 4.7+ shows it in /proc/self/status. Returns 0, or an errno when the
//! answer is not available there (no procfs, an older kernel: ENOENT/ENODATA).
template< typename Platform >
int read_umask(mode_type& umask) noexcept
{
    int fd;
    fd = detail::retry_on_eintr([&]() noexcept { return open_at(Platform{}, AT_FDCWD, "/proc/self/status", O_RDONLY | O_CLOEXEC, 0); });
    if (fd < 0)
        return errno;
    // The Umask line is the second one; a page holds it with room to spare.
    char text[4096];
    std::size_t n = 0;
    int error = ENODATA;
    eintr_budget interrupted;
    while (n < sizeof(text))
    {
        const ::ssize_t got = read_fd(Platform{}, fd, text + n, sizeof(text) - n);
        if (got < 0 && interrupted.retry())
            continue;
        if (got < 0)
        {
            error = errno;
            break;
        }
        if (got == 0)
            break;
        n += static_cast< std::size_t >(got);
        // One read normally returns the whole file; stop as soon as the line
        // is complete rather than paying for a read that only sees EOF.
        if (parse_status_umask(text, n, umask))
        {
            error = 0;
            break;
        }
    }
    close_fd(Platform{}, fd);
    return error;
}

//! What a directory's default ACL means for the mode of a new file in it.
enum class default_acl
{
    absent,  // the umask decides (0666 less the umask)
    present, // the ACL decides, and Linux does not apply the umask at all
    unknown  // cannot tell: only creating a file shows what it gets
};

//! Whether `dirfd` carries a default ACL (POSIX.1e draft ACLs as Linux
//! stores them: the system.posix_acl_default attribute; no libacl needed).
//! An unexpected error answers `unknown`, never `absent`: the umask shortcut
//! must only be taken when it is known to be right.
template< typename Platform >
default_acl directory_default_acl(int dirfd) noexcept
{
    const ::ssize_t size = get_xattr_fd(Platform{}, dirfd, "system.posix_acl_default", nullptr, 0);
    if (size >= 0)
        return default_acl::present;
    // ENOTSUP: a file system without ACLs (or mounted noacl), where the umask
    // applies. ENODATA is Linux's ENOATTR.
    const int e = errno;
    if (e == ENODATA || e == ENOTSUP)
        return default_acl::absent;
#if defined(EOPNOTSUPP) && EOPNOTSUPP != ENOTSUP
    if (e == EOPNOTSUPP)
        return default_acl::absent;
#endif
    return default_acl::unknown;
}

//! The mode open(name, O_CREAT, 0666) gives a new file in `dirfd`, found
//! by doing exactly that with a probe name (then removed): the fallback
//! where the umask cannot be read without changing it. `probe` must be a
//! name nobody else uses (a fresh random one); EEXIST is returned as is so
//! that the caller can try another. Returns 0 or errno.
template< typename Platform >
int probe_new_file_mode(int dirfd, const char* probe, mode_type& mode) noexcept
{
    int fd;
    fd = detail::retry_on_eintr([&]() noexcept { return open_at(Platform{}, dirfd, probe, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666); });
    if (fd < 0)
        return errno;
    struct ::stat st;
    int error = stat_fd(Platform{}, fd, &st) == 0 ? 0 : errno;
    if (unlink_at(Platform{}, dirfd, probe, 0) != 0 && errno != ENOENT && error == 0)
        error = errno;
    close_fd(Platform{}, fd);
    if (error == 0)
        mode = static_cast< mode_type >(st.st_mode) & 07777u;
    return error;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
