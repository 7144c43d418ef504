// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POSIX_PUBLISH_OPS_HPP
#define BOOST_TEMPFILE_DETAIL_POSIX_PUBLISH_OPS_HPP
#pragma once

// atomic_file's operations on POSIX (see detail/publish.hpp). The target's
// directory is held as a descriptor and every step is relative to it (the
// *at calls), so renaming or replacing the directory's path meanwhile cannot
// make the temporary file and the rename land in different places. The
// temporary file is created 0600, O_EXCL|O_NOFOLLOW|O_CLOEXEC; it is closed
// before the rename (close() is where a network file system may first
// report a write error, and nothing must be published then). The new-file
// mode comes from the umask read without changing it, unless the directory
// has a default ACL (which replaces the umask): then from a probe file.

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/posix/sys.hpp>
#include <boost/tempfile/detail/rename.hpp> // rename_noreplace
#include <boost/tempfile/permissions.hpp>

#include <boost/filesystem/path.hpp>

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>

namespace boost {
namespace tempfile {
namespace detail {

//! The longest file name, in bytes, any local file system takes; a file
//! system may take fewer (publish_name_fits asks it when that matters).
#if defined(NAME_MAX)
constexpr std::size_t publish_max_name = NAME_MAX;
#else
constexpr std::size_t publish_max_name = 255;
#endif

//! What the permissions of the temporary file need made ready once before
//! the creation loop: nothing on POSIX (the mode argument says it all).
struct publish_security
{
    bool init(int&) noexcept { return true; }
};

//! The target's name as the temporary name shows it: its first bytes, as
//! they are (a name is bytes here).
inline std::string publish_shown_name(const std::string& name)
{
    return name.substr(0, max_target_name_in_temp);
}

//! Opens the target's directory for the *at calls and for fsync (which
//! needs a real, readable descriptor, not O_PATH). -1 and err on failure.
template< typename Platform >
int publish_open_dir(Platform, const char* dir, int& err) noexcept
{
    const int fd = detail::retry_on_eintr([&]() noexcept {
        return open_at(Platform{}, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    });
    err = fd < 0 ? errno : 0;
    return fd;
}

//! What to add to "cannot open the target's directory" for `err`.
template< typename Platform >
const char* publish_dir_hint(Platform, int err) noexcept
{
    return err == EACCES ? " (it must be readable: commit() syncs it after the rename)" : "";
}

//! Creates the temporary file `full` (its last component, in `dir`):
//! exclusive, never through a symlink, private (0600), not inherited across
//! exec. -1 and err on failure (EEXIST: the name is taken).
template< typename Platform >
int publish_create_temp(Platform, int dir, const char* full, publish_security&, int& err) noexcept
{
    const int fd = open_at(Platform{}, dir, last_component(full), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                           static_cast< ::mode_t >(0600));
    err = fd < 0 ? errno : 0;
    return fd;
}

//! Whether the file system takes the target's name. A temporary name at
//! least as long (the target's name is part of it, unless cut or the naming
//! policy leaves it out) was just created, which proves it; else the name is
//! looked up, without following a symlink.
template< typename Platform >
bool publish_name_fits(Platform, int dir, const char* name, const char* temp_name) noexcept
{
    if (std::strlen(temp_name) >= std::strlen(name))
        return true;
    struct ::stat st;
    const int r = detail::retry_on_eintr(
        [&]() noexcept { return stat_at(Platform{}, dir, name, &st, AT_SYMLINK_NOFOLLOW); });
    return r == 0 || errno != ENAMETOOLONG;
}

//! The identity of the temporary file, for a removal by name after its
//! handle is closed: not needed here, where the name is removed relative to
//! the pinned directory (whoever could replace it there could remove it).
template< typename Platform >
void publish_identify_temp(Platform, int, file_identity&) noexcept
{
}

//! Follows the symlinks at `target` (absolute) to the file they lead to,
//! as the kernel would: each link's content relative to the directory that
//! holds the link, never collapsed lexically. `resolved` is `target` itself
//! when it is no symlink, or nothing is there. A link that leads to nothing
//! (its file missing, or through a non-directory) fails with ENOENT and
//! `dangling`; more than 40 links, with ELOOP. May throw bad_alloc.
template< typename Platform >
bool publish_follow_target(Platform, const filesystem::path& target, filesystem::path& resolved, bool& dangling,
                           int& err)
{
    dangling = false;
    resolved = target;
    char content[PATH_MAX];
    for (unsigned hops = 0;; ++hops)
    {
        const ::ssize_t n = detail::retry_on_eintr([&]() noexcept {
            return read_link_at(Platform{}, AT_FDCWD, resolved.c_str(), content, sizeof content);
        });
        if (n < 0)
        {
            const int e = errno;
            // Not a link: the file is found. At the first step any other
            // failure is what opening the directory will report, as without
            // the option.
            if (e == EINVAL || hops == 0)
                return true;
            dangling = e == ENOENT || e == ENOTDIR;
            err = dangling ? ENOENT : e;
            return false;
        }
        if (static_cast< std::size_t >(n) == sizeof content)
        {
            err = ENAMETOOLONG;
            return false;
        }
        if (hops == 40) // SYMLOOP_MAX on Linux
        {
            err = ELOOP;
            return false;
        }
        const filesystem::path next(content, content + n);
        resolved = next.is_absolute() ? next : resolved.parent_path() / next;
    }
}

//! What is at the target's name, not following a symlink. 0, or errno.
template< typename Platform >
int publish_look_at_target(Platform, int dir, const publish_names& names, target_facts& facts) noexcept
{
    facts = target_facts();
    struct ::stat st;
    const int r = detail::retry_on_eintr(
        [&]() noexcept { return stat_at(Platform{}, dir, names.target_name, &st, AT_SYMLINK_NOFOLLOW); });
    if (r != 0)
        return errno == ENOENT ? 0 : errno;
    if (S_ISLNK(st.st_mode))
        return 0; // replaced, not followed: a link has no mode or owner that counts
    facts.exists = true;
    facts.mode = static_cast< mode_type >(st.st_mode) & 07777u;
    facts.owner = st.st_uid;
    facts.group = st.st_gid;
    return 0;
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
int read_umask(Platform, mode_type& umask) noexcept
{
    const int fd = detail::retry_on_eintr([&]() noexcept {
        return open_at(Platform{}, AT_FDCWD, "/proc/self/status", O_RDONLY | O_CLOEXEC, 0);
    });
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
default_acl directory_default_acl(Platform, int dirfd) noexcept
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

//! The mode of a new file in `dir` when it can be known without creating
//! one: 0666 less the umask where no default ACL overrides the umask (Linux
//! ignores the umask under one). False: a probe file must tell.
template< typename Platform >
bool publish_new_file_mode(Platform, int dir, mode_type& mode) noexcept
{
    mode_type umask = 0;
    if (read_umask(Platform{}, umask) == 0 && directory_default_acl(Platform{}, dir) == default_acl::absent)
    {
        mode = 0666u & ~umask;
        return true;
    }
    return false;
}

//! The mode open(name, O_CREAT, 0666) gives a new file in `dir`, found by
//! doing exactly that with the probe name `full` (a fresh random one; its
//! last component in `dir`), then removed. False and err on failure
//! (EEXIST: the name is taken, try another).
template< typename Platform >
bool publish_probe_mode(Platform, int dir, const char* full, mode_type& mode, int& err) noexcept
{
    const char* probe = last_component(full);
    const int fd = detail::retry_on_eintr([&]() noexcept {
        return open_at(Platform{}, dir, probe, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    });
    if (fd < 0)
    {
        err = errno;
        return false;
    }
    struct ::stat st;
    err = stat_fd(Platform{}, fd, &st) == 0 ? 0 : errno;
    if (unlink_at(Platform{}, dir, probe, 0) != 0 && errno != ENOENT && err == 0)
        err = errno;
    close_fd(Platform{}, fd);
    if (err != 0)
        return false;
    mode = static_cast< mode_type >(st.st_mode) & 07777u;
    return true;
}

//! Gives the new content the target's owner and group (fchown: root, or an
//! owner giving a group it belongs to; refused with EPERM otherwise).
template< typename Platform >
bool publish_set_owner(Platform, int file, int, const publish_names&, const target_facts& target, int& err) noexcept
{
    if (chown_fd(Platform{}, file, static_cast< ::uid_t >(target.owner), static_cast< ::gid_t >(target.group)) == 0)
        return true;
    err = errno;
    return false;
}

//! Gives the new content its final mode. Under a default ACL, fchmod
//! keeps the ACL a plain create gave the file and sets its mask from the
//! mode, as chmod does for any file. (`copied` matters on Windows only.)
template< typename Platform >
bool publish_set_mode(Platform, int file, int, const publish_names&, mode_type mode, const target_facts*,
                      int& err) noexcept
{
    if (chmod_fd(Platform{}, file, static_cast< ::mode_t >(mode)) == 0)
        return true;
    err = errno;
    return false;
}

//! fsync of the new content.
template< typename Platform >
bool publish_sync_file(Platform, int file, int& err) noexcept
{
    const int r = detail::retry_on_eintr([&]() noexcept { return sync_fd(Platform{}, file); });
    err = r == 0 ? 0 : errno;
    return r == 0;
}

//! Closes the new content (an EINTR from close() has closed it: Linux and
//! POSIX 2024), then puts it at the target's name in one step: renameat
//! replaces; no-clobber is renameat2(RENAME_NOREPLACE) where the kernel and
//! file system have it, else (EINVAL, ENOSYS) a hard link, which never
//! replaces either, and the removal of the temporary name. That fallback has
//! a state the rename has not: linked but the old name still there
//! (name_left); taking the new name back instead would race with whoever
//! renamed their own file over it meanwhile.
template< typename Platform >
publish_outcome publish_move(Platform, int& file, int dir, const publish_names& names, bool keep_existing) noexcept
{
    const int closed = close_fd(Platform{}, file);
    const int close_error = errno;
    file = -1;
    if (closed != 0 && close_error != EINTR)
        return publish_outcome{publish_outcome::not_closed, close_error};
    const char* from = names.temp_name;
    const char* to = names.target_name;
    int r;
    if (!keep_existing)
    {
        r = detail::retry_on_eintr([&]() noexcept { return rename_at(Platform{}, dir, from, dir, to); });
        return r == 0 ? publish_outcome{publish_outcome::published, 0}
                      : publish_outcome{publish_outcome::refused, errno};
    }
    r = detail::retry_on_eintr(
        [&]() noexcept { return rename_at2(Platform{}, dir, from, dir, to, rename_noreplace); });
    if (r == 0)
        return publish_outcome{publish_outcome::published, 0};
    if (errno != EINVAL && errno != ENOSYS)
        return publish_outcome{publish_outcome::refused, errno};
    r = detail::retry_on_eintr([&]() noexcept { return link_at(Platform{}, dir, from, dir, to, 0); });
    if (r != 0)
        return publish_outcome{publish_outcome::refused, errno};
    if (unlink_at(Platform{}, dir, from, 0) != 0 && errno != ENOENT)
        return publish_outcome{publish_outcome::name_left, errno};
    return publish_outcome{publish_outcome::published, 0};
}

//! After the rename: the directory's fsync (so that the new name survives
//! a crash) when `sync`, then the directory is let go.
template< typename Platform >
finish_failure publish_finish(Platform, int& file, int& dir, bool sync, int& err) noexcept
{
    (void)file; // closed before the rename
    finish_failure failed = finish_failure::none;
    if (sync)
    {
        const int r = detail::retry_on_eintr([&]() noexcept { return sync_fd(Platform{}, dir); });
        if (r != 0)
        {
            err = errno;
            failed = finish_failure::sync;
        }
    }
    // Read-only and nothing pending on it: a close error loses nothing.
    close_fd(Platform{}, dir);
    dir = -1;
    return failed;
}

//! What "the new content is in place, but ..." says of a failed finish.
template< typename Platform >
const char* publish_finish_text(Platform, finish_failure) noexcept
{
    return "the directory could not be synced";
}

//! Closes the temporary file if it is open and removes its name (relative
//! to the pinned directory; already gone counts as removed). False and err
//! when the name could not be removed: it is still the caller's to retry.
template< typename Platform >
bool publish_remove_temp(Platform, int& file, int dir, const publish_names& names, const file_identity&,
                         int& err) noexcept
{
    if (file >= 0)
    {
        close_fd(Platform{}, file);
        file = -1;
    }
    if (unlink_at(Platform{}, dir, names.temp_name, 0) != 0 && errno != ENOENT)
    {
        err = errno;
        return false;
    }
    return true;
}

//! Closes a handle the owner holds (the directory, or the file in a forked
//! child, where nothing else may happen to it).
template< typename Platform >
void publish_close(Platform, int& h) noexcept
{
    if (h >= 0)
        close_fd(Platform{}, h);
    h = -1;
}

//! A word on why a rename failed, for `err`.
template< typename Platform >
const char* publish_rename_hint(Platform, int err, bool keep_existing) noexcept
{
    if (err == EEXIST && keep_existing)
        return ": the target already exists";
    if (err == EXDEV)
        return ": cannot rename the temporary file over the target: they are on different file systems (is the "
               "target a mount point?)";
    return ": cannot rename the temporary file over the target";
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
