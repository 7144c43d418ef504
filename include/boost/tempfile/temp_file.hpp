// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_FILE_HPP
#define BOOST_TEMPFILE_TEMP_FILE_HPP
#pragma once

// An anonymous temporary file (Python's TemporaryFile): a handle whose file
// has no name, so nothing is ever left behind. On Linux it is made with
// O_TMPFILE and no name is ever visible; where the file system refuses
// O_TMPFILE (remembered per directory, so the refusal is paid once), or on
// other POSIX systems, a named file is created exclusively and unlinked at
// once. On Windows it is made with FILE_FLAG_DELETE_ON_CLOSE and no sharing,
// and its name removed at once where POSIX delete semantics exist (see
// detail/windows/file_ops.hpp). The directory it was made in may be removed
// while it is open (POSIX).

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/create_file.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/unique_handle.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Naming, typename Permissions, typename Platform >
class basic_spooled_temp_file;

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
        : file_(detail::create_anonymous_file< Naming, Permissions, Platform >(opts, who, kind_, nullptr))
    {
    }

    //! As above; on failure sets ec and leaves the object closed.
    basic_temp_file(const options& opts, system::error_code& ec)
        : file_(detail::create_anonymous_file< Naming, Permissions, Platform >(opts, who, kind_, &ec))
    {
    }
    explicit basic_temp_file(system::error_code& ec) : basic_temp_file(detail::default_options(), ec) {}

    //! Owns nothing and creates nothing (`temp_file f(empty);`), to move a
    //! real one into later. is_open() is false.
    explicit basic_temp_file(empty_t) noexcept {}

    basic_temp_file(basic_temp_file&& other) noexcept
        : kind_(other.kind_), file_(std::move(other.file_)), persisted_(std::move(other.persisted_))
    {
        other.persisted_.clear();
    }
    basic_temp_file& operator=(basic_temp_file&& other) noexcept
    {
        file_ = std::move(other.file_);
        kind_ = other.kind_;
        persisted_ = std::move(other.persisted_);
        other.persisted_.clear();
        return *this;
    }

    //! Closes the handle; the file's storage goes with it. Never throws.
    ~basic_temp_file() = default;

    bool is_open() const noexcept { return file_.is_open(); }

    //! The handle, after the stream's buffer is written out and its position
    //! made the handle's. The invalid handle when closed. Throws
    //! filesystem_error if that write fails (the stream is then bad, and
    //! persist()/release() refuse the file). In a forked child: the handle,
    //! nothing written.
    native_handle_type native_handle() { return file_.written_fd(who, filesystem::path()); }

    //! A second handle on the open file (dup / DuplicateHandle: the same
    //! open file, one position), owned by the caller and closed by it,
    //! after the stream is written out. Fails with bad_file_descriptor when
    //! the file is closed, with the write's error if the stream cannot write
    //! out.
    [[nodiscard]] unique_handle duplicate_handle() { return file_.duplicate(who, filesystem::path(), nullptr); }
    [[nodiscard]] unique_handle duplicate_handle(system::error_code& ec) { return file_.duplicate(who, filesystem::path(), &ec); }

    //! A C stream (std::FILE*) in `mode` ("r+b", "ab", ...) over a duplicate
    //! of the handle, owned by the caller: closing it closes the duplicate,
    //! never the object's own handle. Errors as duplicate_handle(), or the
    //! C library's refusal of `mode`.
    [[nodiscard]] unique_stdio_file open_stdio(const char* mode) { return file_.open_stdio(mode, who, filesystem::path(), nullptr); }
    [[nodiscard]] unique_stdio_file open_stdio(const char* mode, system::error_code& ec)
    {
        return file_.open_stdio(mode, who, filesystem::path(), &ec);
    }

    //! A std::iostream over the handle. Throws filesystem_error
    //! (bad_file_descriptor) when closed. In a forked child the stream is
    //! bad and never touches the handle.
    std::iostream& stream() { return file_.stream(); }

    //! Writes out the stream and closes; reports the first error met. Again:
    //! no-op. In a forked child it only closes the child's handle.
    void close() { close_impl(nullptr); }
    void close(system::error_code& ec) { close_impl(&ec); }

    //! Whether the file can be given a name: it is open and never had one
    //! (O_TMPFILE). Always false on Windows.
    bool linkable() const noexcept
    {
        return kind_ == detail::anonymous_kind::unnamed && file_.is_open() && persisted_.empty();
    }

    //! Whether the file is open and no name of it is left in its directory:
    //! true on POSIX; on Windows true where POSIX delete semantics removed
    //! the name at creation, false where a hidden, unopenable name stays
    //! until the handle closes (older Windows, FAT, wine).
    bool name_removed() const noexcept { return kind_ != detail::anonymous_kind::name_hidden && file_.is_open(); }

    //! Gives the anonymous file the name `to`, atomically replacing what is
    //! there (linked beside `to` under a fresh name, then renamed over it);
    //! the handle stays open and nothing removes the new name, and the object
    //! names nothing again. The stream is written out first. Atomic for
    //! visibility only, unless `durable` is asked for: then the file is
    //! flushed to disk before it is linked and its directory after. With
    //! `no_clobber`, linked at `to` directly, failing with EEXIST (nothing
    //! changed) if `to` exists. Fails, naming nothing, with the write's error
    //! when the stream cannot write out (or lost a write before), with
    //! operation_not_supported when the file cannot be named (see
    //! linkable()), with EXDEV when `to` is on another file system, with
    //! invalid_argument when `to` cannot name a file, with
    //! operation_not_permitted after a successful persist() and in a forked
    //! child.
    void persist(const filesystem::path& to) { persist_impl(to, persist_flags(), nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, persist_flags(), &ec); }
    void persist(const filesystem::path& to, persist_flags flags) { persist_impl(to, flags, nullptr); }
    void persist(const filesystem::path& to, persist_flags flags, system::error_code& ec)
    {
        persist_impl(to, flags, &ec);
    }

    //! Gives up the handle: the caller closes it. The object is left
    //! closed. If the stream cannot write out what it buffers (or lost a
    //! write before), the handle is not handed over: the error is reported
    //! (throw, or ec and the invalid handle) and the object keeps the file.
    //! Fails with operation_not_permitted in a forked child.
    [[nodiscard]] native_handle_type release() { return release_impl(nullptr); }
    [[nodiscard]] native_handle_type release(system::error_code& ec) { return release_impl(&ec); }

    void swap(basic_temp_file& other) noexcept
    {
        file_.swap(other.file_);
        std::swap(kind_, other.kind_);
        persisted_.swap(other.persisted_);
    }

private:
    template< typename, typename, typename >
    friend class basic_spooled_temp_file;

    static native_handle_type invalid() noexcept { return detail::handle_type_of< Platform >::invalid(); }

    //! Takes over `h`, an anonymous file of kind `kind` that a spooled file
    //! rolled over into (spooled_temp_file::into_file).
    basic_temp_file(native_handle_type h, detail::anonymous_kind kind) noexcept : kind_(kind), file_(h) {}

    void close_impl(system::error_code* ec)
    {
        if (const int e = file_.close())
            detail::report(detail::errno_code(e), std::string(who) + "::close", filesystem::path(), ec);
        else
            detail::clear(ec);
    }

    //! Reports the refusal of `op` in a forked child (the handle was
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
    int written_out() { return file_.is_open() ? file_.write_out_everything() : 0; }

    native_handle_type release_impl(system::error_code* ec)
    {
        if (refused_in_child("::release", nullptr, ec))
            return invalid();
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) +
                               "::release: cannot write out what the stream buffers; the handle is not handed over",
                           filesystem::path(), ec);
            return invalid();
        }
        detail::clear(ec);
        return file_.release();
    }

    void persist_impl(const filesystem::path& to, persist_flags flags, system::error_code* ec)
    {
        if (!persisted_.empty())
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::persist: the file was already persisted to \"" + persisted_.string() +
                               "\"; nothing named",
                           persisted_, to, ec);
            return;
        }
        if (refused_in_child("::persist", &to, ec))
            return;
        filesystem::path target;
        if (!detail::persist_target(to, "boost::tempfile::temp_file::persist", filesystem::path(), target, ec))
            return;
        if (!linkable())
        {
            detail::report(detail::errc_code(file_.is_open() ? system::errc::operation_not_supported
                                                             : system::errc::bad_file_descriptor),
                           std::string(who) + "::persist" +
                               (file_.is_open() ? detail::not_linkable_reason(Platform{})
                                                : ": the file is closed (or released)"),
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
        const native_handle_type h = file_.native();
        int e = 0;
        if (flags.has_durable() && !detail::sync_file(Platform{}, h, e))
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: cannot flush the file to disk; nothing published", target, ec);
            return;
        }
        if (flags.has_no_clobber())
        {
            if (!detail::link_unnamed_file(Platform{}, h, target.c_str(), e))
            {
                detail::report(detail::errno_code(e),
                               std::string(who) + "::persist" + detail::persist_failure(Platform{}, e, true), target,
                               ec);
                return;
            }
            published(std::move(target), flags, ec);
            return;
        }
        // Replace atomically: a fresh name beside the target, then rename over it.
        // The staged name tells whose it is, unless that would make it longer
        // than a file system allows (255 bytes nearly everywhere).
        detail::path_string staged;
        const std::string leaf = target.filename().string();
        const std::size_t staged_length = leaf.size() + 2 + 10 + 4;
        const options beside =
            options().dir(target.parent_path()).prefix(staged_length <= 255 ? "." + leaf + "." : ".tf-").suffix(".tmp");
        system::error_code link_ec;
        const bool linked = detail::create_unique_entry< random_name<> >(
            beside, target.parent_path(),
            [h](const detail::path_char* p, int& err) noexcept { return detail::link_unnamed_file(Platform{}, h, p, err); },
            staged, "boost::tempfile::temp_file::persist", "a link", &link_ec);
        if (!linked)
        {
            // The staging link is the first to meet another file system: say so.
            const bool exdev = link_ec == detail::errno_code(EXDEV);
            detail::report(link_ec,
                           std::string(who) + "::persist" +
                               (exdev ? detail::persist_failure(Platform{}, EXDEV, false)
                                      : ": cannot link the file beside the target; it stays unnamed"),
                           target, ec);
            return;
        }
        if (!detail::rename_new_name(Platform{}, staged.c_str(), target.c_str(), e))
        {
            detail::remove_new_name(Platform{}, staged.c_str());
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist" + detail::persist_failure(Platform{}, e, false),
                           filesystem::path(staged), target, ec);
            return;
        }
        // rename() does nothing when both names are links to one file (the
        // target was already this file): then the staged name is still there.
        if (detail::name_means_file(Platform{}, staged.c_str(), h))
            detail::remove_new_name(Platform{}, staged.c_str());
        published(std::move(target), flags, ec);
    }

    //! After the file got its name `target`: remembered (the object names
    //! nothing again), and with `durable` the directory flushed.
    void published(filesystem::path target, persist_flags flags, system::error_code* ec)
    {
        persisted_ = std::move(target);
        int e = 0;
        if (flags.has_durable() && !detail::sync_directory_of(Platform{}, file_.native(), persisted_, e))
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: the file has its new name, but the directory could not be "
                                              "flushed to disk: the name may not survive a crash",
                           persisted_, ec);
            return;
        }
        detail::clear(ec);
    }

    detail::anonymous_kind kind_ = detail::anonymous_kind::none; // before file_: file_'s initialiser sets it
    detail::file_handle< Platform > file_;
    filesystem::path persisted_; // where persist() named the file: it names nothing again
};

template< typename N, typename P, typename Pl >
void swap(basic_temp_file< N, P, Pl >& a, basic_temp_file< N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: an anonymous 0600 file in temp_directory_path().
using temp_file = basic_temp_file<>;

// With BOOST_TEMPFILE_SEPARATE_COMPILATION the default owner is compiled once,
// in libs/tempfile (see detail/config.hpp); nothing otherwise.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, basic_temp_file<>)

} // namespace tempfile
} // namespace boost

#endif
