// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_FILE_HPP
#define BOOST_TEMPFILE_TEMP_FILE_HPP
#pragma once

// An anonymous temporary file (Python's TemporaryFile): a descriptor whose
// file has no name, so nothing is ever left behind. On Linux it is made with
// O_TMPFILE and no name is ever visible; where the file system refuses
// O_TMPFILE (remembered per directory, so the refusal is paid once), or on
// other POSIX systems, a named file is created exclusively and unlinked at
// once. The directory it was made in may be removed while it is open.

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/platform.hpp>

#if defined(BOOST_TEMPFILE_WINDOWS)
// The same class over a HANDLE: see the Windows header.
#include <boost/tempfile/detail/windows/temp_file.hpp>
#else

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/detail/rename.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>

#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace boost {
namespace tempfile {
namespace detail {

//! Directories where O_TMPFILE was refused. The flag keeps the common case
//! (O_TMPFILE works everywhere used) free of the lock.
struct tmpfile_refusals
{
    std::atomic< bool > any{false};
    std::mutex lock;
    std::vector< std::string > dirs;

    bool refused(const std::string& dir)
    {
        if (!any.load(std::memory_order_acquire))
            return false;
        std::lock_guard< std::mutex > guard(lock);
        return std::find(dirs.begin(), dirs.end(), dir) != dirs.end();
    }

    void remember(const std::string& dir)
    {
        std::lock_guard< std::mutex > guard(lock);
        if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end())
            dirs.push_back(dir);
        any.store(true, std::memory_order_release);
    }
};

inline tmpfile_refusals& tmpfile_refusal_cache()
{
    static tmpfile_refusals cache;
    return cache;
}

//! errno values meaning "this kernel or file system has no O_TMPFILE".
inline bool tmpfile_unsupported(int e) noexcept
{
    return e == EOPNOTSUPP || e == EISDIR || e == EINVAL || e == ENOTSUP;
}

//! Links the file open as fd at `to` (fails with EEXIST if `to` exists):
//! through /proc/self/fd/N, which needs no privilege, else AT_EMPTY_PATH
//! (which needs CAP_DAC_READ_SEARCH). 0, or -1 and errno.
template< typename Platform >
int link_descriptor(int fd, const char* to) noexcept
{
    char proc[40];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (link_at(Platform{}, AT_FDCWD, proc, AT_FDCWD, to, AT_SYMLINK_FOLLOW) == 0)
        return 0;
#if defined(AT_EMPTY_PATH)
    if (errno == ENOENT) // no /proc mounted
        return link_at(Platform{}, fd, "", AT_FDCWD, to, AT_EMPTY_PATH);
#endif
    return -1;
}

//! Makes an anonymous file; `linkable` tells whether it came from O_TMPFILE
//! (only such a file may be given a name later: the fallback's file had one
//! that anybody could have reused meanwhile).
template< typename Naming, typename Permissions, typename Platform >
int create_anonymous_file(const options& opts, const char* who, bool& linkable, system::error_code* ec)
{
    linkable = false;
    if (!check_options< Naming >(opts, who, ec)) // O_TMPFILE uses no name, but bad options are still bad
        return -1;
    filesystem::path storage;
    const filesystem::path& dir = creation_dir(opts, storage, ec);
    if (dir.empty())
        return -1;
    const ::mode_t mode = static_cast< ::mode_t >(Permissions::file_mode);
    int fd = -1;
    if (!tmpfile_refusal_cache().refused(dir.native()))
    {
        fd = detail::retry_on_eintr([&]() noexcept { return open_tmpfile(Platform{}, AT_FDCWD, dir.c_str(), O_RDWR | O_CLOEXEC, mode); });
        linkable = fd >= 0;
        if (fd < 0)
        {
            const int e = errno;
            if (!tmpfile_unsupported(e))
            {
                report(errno_code(e), std::string(who) + ": cannot create an anonymous file in directory", dir, ec);
                return -1;
            }
            tmpfile_refusal_cache().remember(dir.native());
        }
    }
    if (fd < 0)
    {
        std::string full;
        fd = create_unique< Naming >(
            opts, dir,
            [](const char* p) noexcept {
                return open_at(Platform{}, AT_FDCWD, p, named_file_flags, static_cast< ::mode_t >(Permissions::file_mode));
            },
            full, who, "a file", ec);
        if (fd < 0)
            return -1;
        if (unlink_at(Platform{}, AT_FDCWD, full.c_str(), 0) != 0 && errno != ENOENT)
        {
            const int e = errno;
            close_fd(Platform{}, fd);
            // The creation has failed; still, an anonymous file must not leave
            // a name: one more try after the descriptor is closed.
            unlink_at(Platform{}, AT_FDCWD, full.c_str(), 0);
            report(errno_code(e), std::string(who) + ": cannot unlink the new file", filesystem::path(full), ec);
            return -1;
        }
    }
    if (Permissions::exact && chmod_fd(Platform{}, fd, mode) != 0)
    {
        const int e = errno;
        close_fd(Platform{}, fd);
        report(errno_code(e), std::string(who) + ": cannot set the file's mode in directory", dir, ec);
        return -1;
    }
    clear(ec);
    return fd;
}

} // namespace detail

template< typename Naming = random_name<>, typename Permissions = owner_only, typename Platform = native_platform >
class basic_temp_file
{
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_permissions< Permissions >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::temp_file";

public:
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Creates an anonymous file in temp_directory_path(). Throws filesystem_error.
    basic_temp_file() : basic_temp_file(detail::default_options()) {}

    //! Creates an anonymous file in opts.dir(). Throws filesystem_error naming the directory.
    explicit basic_temp_file(const options& opts)
        : file_(detail::create_anonymous_file< Naming, Permissions, Platform >(opts, who, linkable_, nullptr))
    {
    }

    //! As above; on failure sets ec and leaves the object closed.
    basic_temp_file(const options& opts, system::error_code& ec)
        : file_(detail::create_anonymous_file< Naming, Permissions, Platform >(opts, who, linkable_, &ec))
    {
    }
    explicit basic_temp_file(system::error_code& ec) : basic_temp_file(detail::default_options(), ec) {}

    basic_temp_file(basic_temp_file&& other) noexcept : linkable_(other.linkable_), file_(std::move(other.file_)) {}
    basic_temp_file& operator=(basic_temp_file&& other) noexcept
    {
        file_ = std::move(other.file_);
        linkable_ = other.linkable_;
        return *this;
    }

    //! Closes the descriptor; the file's storage goes with it. Never throws.
    ~basic_temp_file() = default;

    bool is_open() const noexcept { return file_.is_open(); }

    //! The descriptor, after the stream's buffer is written out and its
    //! position made the descriptor's. -1 when closed. Throws
    //! filesystem_error if that write fails (the stream is then bad, and
    //! persist()/release() refuse the file). In a forked child: the
    //! descriptor, nothing written.
    native_handle_type native_handle()
    {
        int e = 0;
        const native_handle_type fd = file_.written_fd(e);
        if (e != 0)
            detail::report(detail::errno_code(e),
                           std::string(who) + "::native_handle: cannot write out what the stream buffers",
                           filesystem::path(), nullptr);
        return fd;
    }

    //! A std::iostream over the descriptor. Throws filesystem_error
    //! (bad_file_descriptor) when closed. In a forked child the stream is
    //! bad and never touches the descriptor.
    std::iostream& stream() { return file_.stream(who, filesystem::path()); }

    //! Writes out the stream and closes; reports the first error met. Again:
    //! no-op. In a forked child it only closes the child's descriptor.
    void close() { close_impl(nullptr); }
    void close(system::error_code& ec) { close_impl(&ec); }

    //! Whether the file can be given a name (made with O_TMPFILE).
    bool linkable() const noexcept { return linkable_ && file_.is_open(); }

    //! Gives the anonymous file the name `to`, atomically replacing what is
    //! there (linked beside `to` under a fresh name, then renamed over it);
    //! the descriptor stays open and nothing removes the new name. The
    //! stream is written out first. Fails, naming nothing, with the write's
    //! error when the stream cannot write out (or lost a write before),
    //! with operation_not_supported when the file was made by the
    //! create-and-unlink fallback (see linkable()), with EXDEV when `to` is
    //! on another file system, with invalid_argument when `to` cannot name a
    //! file, with operation_not_permitted in a forked child.
    void persist(const filesystem::path& to) { persist_impl(to, false, nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, false, &ec); }

    //! As above, but fails with EEXIST (nothing changed) if `to` exists.
    void persist(const filesystem::path& to, no_clobber_t) { persist_impl(to, true, nullptr); }
    void persist(const filesystem::path& to, no_clobber_t, system::error_code& ec) { persist_impl(to, true, &ec); }

    //! Gives up the descriptor: the caller closes it. The object is left
    //! closed. If the stream cannot write out what it buffers (or lost a
    //! write before), the descriptor is not handed over: the error is
    //! reported (throw, or ec and -1) and the object keeps the file. Fails
    //! with operation_not_permitted in a forked child.
    native_handle_type release() { return release_impl(nullptr); }
    native_handle_type release(system::error_code& ec) { return release_impl(&ec); }

    void swap(basic_temp_file& other) noexcept
    {
        file_.swap(other.file_);
        std::swap(linkable_, other.linkable_);
    }

private:
    void close_impl(system::error_code* ec)
    {
        if (const int e = file_.close())
            detail::report(detail::errno_code(e), std::string(who) + "::close", filesystem::path(), ec);
        else
            detail::clear(ec);
    }

    //! Reports the refusal of `op` in a forked child (the descriptor was
    //! inherited); false otherwise.
    bool refused_in_child(const char* op, const filesystem::path* to, system::error_code* ec) const
    {
        if (!file_.is_open() || !file_.inherited())
            return false;
        detail::report(detail::errc_code(system::errc::operation_not_permitted),
                       std::string(who) + op + detail::forked_child_refusal, to ? *to : filesystem::path(), ec);
        return true;
    }

    //! Writes out the stream before the file is named or handed over: the
    //! error of this write, or of an earlier one whose data was dropped.
    int written_out()
    {
        int e = 0;
        file_.written_fd(e);
        return e != 0 ? e : file_.lost_write();
    }

    native_handle_type release_impl(system::error_code* ec)
    {
        if (refused_in_child("::release", nullptr, ec))
            return -1;
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) +
                               "::release: cannot write out what the stream buffers; the descriptor is not handed over",
                           filesystem::path(), ec);
            return -1;
        }
        detail::clear(ec);
        return file_.release();
    }

    void persist_impl(const filesystem::path& to, bool keep_existing, system::error_code* ec)
    {
        if (refused_in_child("::persist", &to, ec))
            return;
        filesystem::path target;
        if (!detail::persist_target(to, "boost::tempfile::temp_file::persist", filesystem::path(), target, ec))
            return;
        if (!linkable())
        {
            detail::report(detail::errc_code(file_.is_open() ? system::errc::operation_not_supported
                                                             : system::errc::bad_file_descriptor),
                           std::string(who) + (file_.is_open() ? "::persist: the file was made without O_TMPFILE "
                                                                 "(refused here) and cannot be named safely"
                                                               : "::persist: the file is closed (or released)"),
                           target, ec);
            return;
        }
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: cannot write out what the stream buffers; nothing published",
                           target, ec);
            return;
        }
        const int fd = file_.native();
        if (keep_existing)
        {
            if (detail::link_descriptor< Platform >(fd, target.c_str()) != 0)
            {
                const int e = errno;
                detail::report(detail::errno_code(e), std::string(who) + "::persist" + detail::persist_failure(e, true),
                               target, ec);
                return;
            }
            detail::clear(ec);
            return;
        }
        // Replace atomically: a fresh name beside the target, then rename over it.
        // The staged name tells whose it is, unless that would make it longer
        // than a file system allows (255 bytes nearly everywhere).
        std::string staged;
        const std::string leaf = target.filename().native();
        const std::size_t staged_length = leaf.size() + 2 + 10 + 4;
        const options beside =
            options().dir(target.parent_path()).prefix(staged_length <= 255 ? "." + leaf + "." : ".tf-").suffix(".tmp");
        const auto link_here = [fd](const char* p) noexcept { return detail::link_descriptor< Platform >(fd, p); };
        system::error_code link_ec;
        const int linked = detail::create_unique< random_name<> >(beside, target.parent_path(), link_here, staged,
                                                                   "boost::tempfile::temp_file::persist", "a link",
                                                                   &link_ec);
        if (linked < 0)
        {
            // The staging link is the first to meet another file system: say so.
            const bool exdev = link_ec == detail::errno_code(EXDEV);
            detail::report(link_ec,
                           std::string(who) + "::persist" +
                               (exdev ? detail::persist_failure(EXDEV, false)
                                      : ": cannot link the file beside the target; it stays unnamed"),
                           target, ec);
            return;
        }
        if (rename_at(Platform{}, AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str()) != 0)
        {
            const int e = errno;
            unlink_at(Platform{}, AT_FDCWD, staged.c_str(), 0);
            detail::report(detail::errno_code(e), std::string(who) + "::persist" + detail::persist_failure(e, false),
                           filesystem::path(staged), target, ec);
            return;
        }
        // rename() does nothing when both names are links to one file (the
        // target was already this file): then the staged name is still there.
        struct ::stat mine;
        struct ::stat left;
        if (stat_at(Platform{}, AT_FDCWD, staged.c_str(), &left, AT_SYMLINK_NOFOLLOW) == 0 &&
            stat_fd(Platform{}, fd, &mine) == 0 && left.st_dev == mine.st_dev && left.st_ino == mine.st_ino)
            unlink_at(Platform{}, AT_FDCWD, staged.c_str(), 0);
        detail::clear(ec);
    }

    bool linkable_ = false; // before file_: file_'s initialiser sets it
    detail::file_handle< Platform > file_;
};

} // namespace tempfile
} // namespace boost

#endif // BOOST_TEMPFILE_WINDOWS

namespace boost {
namespace tempfile {

template< typename N, typename P, typename Pl >
void swap(basic_temp_file< N, P, Pl >& a, basic_temp_file< N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: an anonymous 0600 file in temp_directory_path().
using temp_file = basic_temp_file<>;

} // namespace tempfile
} // namespace boost

#endif
