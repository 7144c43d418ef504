// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_DIR_HPP
#define BOOST_TEMPFILE_TEMP_DIR_HPP
#pragma once

// A temporary directory (Python's TemporaryDirectory): created exclusively,
// private from the first instant (0700; on Windows an owner-only DACL that
// what is made inside inherits), with an absolute path. The owner holds the
// directory open for its whole life and remembers its identity (device and
// inode; volume and file index): removal never follows a symlink or a
// junction nor enters a mount point, repairs modes through handles, and
// removes the name itself only if it still means the directory that was
// made (detail/remove_tree.hpp). One class for every platform: what differs
// is in detail/{posix,windows}/dir_ops.hpp, reached through the platform tag.
//
// The verbs (doc/policies.adoc has the table): remove() removes now,
// whatever the policy (with the contents, except under remove_if_empty); a
// removal that fails keeps the directory owned, and a later remove() or the
// destructor tries again; after keep() or release() remove() is refused. The
// destructor removes as the policy says, in the creating process only: a
// process forked from the creator closes its copy's handle and removes
// nothing, and its remove() and release() are refused.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/dir_ops.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/detail/remove_tree.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <string>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

inline const char* new_dir_failure(new_dir_step step) noexcept
{
    switch (step)
    {
    case new_dir_step::status:
        return ": cannot read the new directory's status";
    case new_dir_step::mode:
        return ": cannot set the new directory's mode";
    default:
        return ": cannot open the new directory";
    }
}

//! Creates a directory exclusively in `dir` with the policies' name and
//! permissions, opens it and reads its identity: the handle (path in `full`),
//! or the invalid handle when reported (nothing left on disk then). Shared
//! by temp_dir and make_temp_dir.
template< typename Naming, typename Permissions, typename Platform >
typename handle_type_of< Platform >::type make_directory(const options& opts, const filesystem::path& dir,
                                                         path_string& full, file_identity& id, const char* who,
                                                         system::error_code* ec)
{
    const auto none = handle_type_of< Platform >::invalid();
    if (!check_kind_options(opts, creation_kind::directory, who, &dir, ec))
        return none;
    new_dir_attributes attributes;
    int err = 0;
    if (!prepare_new_dir(Platform{}, attributes, dir_mode_for< Permissions >(opts), err))
    {
        report(errno_code(err), std::string(who) + ": cannot build an owner-only security descriptor for a new "
                                                   "directory in",
               dir, ec);
        return none;
    }
    if (!create_unique_entry< Naming >(
            opts, dir,
            [&attributes](const path_char* p, int& e) noexcept { return make_dir(Platform{}, p, attributes, e); },
            full, who, "a directory", ec))
        return none;
    new_dir_step step = new_dir_step::open;
    const auto h = open_new_dir(Platform{}, full.c_str(), dir_mode_for< Permissions >(opts),
                                exact_mode_for< Permissions >(opts), id, step, err);
    if (h != none)
        return h;
    remove_new_dir(Platform{}, full.c_str());
    // Like every creation error, it names the directory created in first;
    // the new directory (already removed again) comes second.
    const filesystem::path made(full);
    report(errno_code(err), std::string(who) + new_dir_failure(step), made.parent_path(), made, ec);
    return none;
}

} // namespace detail

template< typename Cleanup = recursive_remove, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_temp_dir : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_dir_cleanup< Cleanup >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_permissions< Permissions >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::temp_dir";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Creates a directory in temp_directory_path(). Throws filesystem_error.
    basic_temp_dir() : basic_temp_dir(detail::default_options()) {}

    //! Creates a directory as `opts` says. Throws filesystem_error naming the
    //! parent directory (also for a refused option: the text is quoted in the message).
    explicit basic_temp_dir(const options& opts) { create(opts, nullptr); }

    //! As above; on failure sets ec and leaves the object empty.
    basic_temp_dir(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_temp_dir(system::error_code& ec) { create(detail::default_options(), &ec); }

    //! An object that owns nothing, to move a real one into later.
    explicit basic_temp_dir(empty_t) noexcept {}

    basic_temp_dir(basic_temp_dir&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), handle_(other.handle_), id_(other.id_), state_(other.state_),
          generation_(other.generation_), retry_removal_(other.retry_removal_)
    {
        other.forget();
    }

    basic_temp_dir& operator=(basic_temp_dir&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            handle_ = other.handle_;
            id_ = other.id_;
            state_ = other.state_;
            generation_ = other.generation_;
            retry_removal_ = other.retry_removal_;
            other.forget();
        }
        return *this;
    }

    basic_temp_dir(const basic_temp_dir&) = delete;
    basic_temp_dir& operator=(const basic_temp_dir&) = delete;

    //! Removes the directory as the policy says (in the creating process
    //! only) and closes its handle. Never throws.
    ~basic_temp_dir() { dispose(); }

    //! Absolute path of the directory; empty if creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! The directory's handle: a descriptor for openat() and friends (POSIX),
    //! a HANDLE with FILE_LIST_DIRECTORY and full sharing (Windows); the
    //! invalid handle if none.
    native_handle_type native_handle() const noexcept { return handle_; }

    //! Whether this object will still remove the directory (policy allowing).
    bool owns_directory() const noexcept { return state_ == ownership::owned; }

    //! Removes the directory now, whatever the cleanup policy says: with its
    //! contents (remove_if_empty: only an empty one, else
    //! directory_not_empty), reporting the first error met (with the path
    //! where it happened) after removing all it could. A directory already
    //! removed by someone else is not an error; one whose name now means
    //! another directory is left alone and reported (ESTALE on POSIX,
    //! ERROR_FILE_INVALID on Windows). A failure keeps the directory owned.
    //! Refused with operation_not_permitted after keep() or release(), in an
    //! object that owns nothing, and in a forked child; a second remove()
    //! after a successful one does nothing.
    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    //! From now on the directory is never removed by this object.
    void keep() noexcept { disown(); }

    //! Gives up the directory: closes the handle and returns the path, now
    //! the caller's to remove. The object is left empty. Refused with
    //! operation_not_permitted in a forked child (nothing changes).
    [[nodiscard]] filesystem::path release() { return release_impl(nullptr); }
    [[nodiscard]] filesystem::path release(system::error_code& ec) { return release_impl(&ec); }

    Cleanup& cleanup() noexcept { return boost::empty_value< Cleanup >::get(); }
    const Cleanup& cleanup() const noexcept { return boost::empty_value< Cleanup >::get(); }

    void swap(basic_temp_dir& other) noexcept
    {
        basic_temp_dir tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    enum class ownership : unsigned char
    {
        none,    // never made, kept, released, moved from
        owned,
        removed  // by remove(): a second remove() has nothing to do
    };

    void create(const options& opts, system::error_code* ec)
    {
        filesystem::path storage;
        const filesystem::path& dir = detail::creation_dir(opts, storage, ec);
        if (dir.empty())
            return;
        detail::path_string full;
        // Held until on_create has registered the new directory (also_at_exit).
        const typename detail::creation_scope_of< Cleanup >::type scope{};
        (void)scope;
        const native_handle_type h =
            detail::make_directory< Naming, Permissions, Platform >(opts, dir, full, id_, who, ec);
        if (h == detail::handle_type_of< Platform >::invalid())
            return;
        path_ = detail::adopt_name(full, [h, &full]() noexcept {
            detail::close_dir_handle(Platform{}, h);
            detail::remove_new_dir(Platform{}, full.c_str());
        });
        handle_ = h;
        state_ = ownership::owned;
        generation_ = detail::fork_generation();
        detail::notify_create(cleanup(), path_, entry_kind::directory);
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    //! Reports the refusal of `op` in a forked child; false if this is the
    //! creating process (or the object holds nothing).
    bool refused_in_child(const char* op, system::error_code* ec) const
    {
        if (path_.empty() || created_here())
            return false;
        detail::report(detail::errc_code(system::errc::operation_not_permitted),
                       std::string(who) + op + detail::forked_child_refusal, path_, ec);
        return true;
    }

    //! This object stops being responsible for the directory.
    void disown() noexcept
    {
        if (state_ != ownership::owned)
            return;
        state_ = ownership::none;
        detail::notify_release(cleanup(), path_, entry_kind::directory);
    }

    detail::removal_result remove_now()
    {
        return detail::remove_directory< Platform >(path_, id_, handle_, Cleanup::recursive);
    }

    //! A removal that fails keeps the directory owned, and its handle open:
    //! a later remove() or the destructor tries again.
    void remove_impl(system::error_code* ec)
    {
        if (refused_in_child("::remove", ec))
            return;
        if (state_ != ownership::owned)
        {
            if (state_ == ownership::removed)
                return detail::clear(ec);
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::remove: the object no longer owns the directory (it was kept, "
                                              "released or moved from, or its creation failed); nothing removed",
                           path_, ec);
            return;
        }
        const detail::removal_result result = remove_now();
        retry_removal_ = static_cast< bool >(result.error);
        if (!result.error)
        {
            disown();
            state_ = ownership::removed;
            close_handle();
            return detail::clear(ec);
        }
        const char* why =
            result.mount_point
                ? "::remove: a mount point inside the directory (another file system, or a bind mount) was not "
                  "entered; it and what is mounted there are left in place"
            : result.error == detail::errno_code(detail::stale_error(Platform{}))
                ? "::remove: the name no longer refers to the directory created; left in place"
            : !Cleanup::recursive && result.where == path_
                ? "::remove: the directory is not empty (the policy removes only an empty directory); it is still "
                  "owned: a later remove() or the destructor tries again"
                : "::remove: the directory is still owned: a later remove() or the destructor tries again";
        detail::report(result.error, std::string(who) + why, result.where, ec);
    }

    filesystem::path release_impl(system::error_code* ec)
    {
        if (refused_in_child("::release", ec))
            return filesystem::path();
        disown();
        filesystem::path p = std::move(path_);
        close_handle();
        forget();
        detail::clear(ec);
        return p;
    }

    void dispose() noexcept
    {
        if (state_ == ownership::owned && created_here())
        {
            if (cleanup().remove_on_destroy() || retry_removal_)
            {
                BOOST_TRY
                {
                    remove_now();
                }
                BOOST_CATCH(...)
                {
                }
                BOOST_CATCH_END
            }
            else
                detail::notify_keep(cleanup(), path_, entry_kind::directory);
        }
        disown();
        close_handle();
    }

    void close_handle() noexcept
    {
        if (handle_ != detail::handle_type_of< Platform >::invalid())
            detail::close_dir_handle(Platform{}, handle_);
        handle_ = detail::handle_type_of< Platform >::invalid();
    }

    void forget() noexcept
    {
        handle_ = detail::handle_type_of< Platform >::invalid();
        state_ = ownership::none;
        retry_removal_ = false;
        path_.clear();
    }

    filesystem::path path_;
    native_handle_type handle_ = detail::handle_type_of< Platform >::invalid();
    detail::file_identity id_;
    ownership state_ = ownership::none;
    unsigned generation_ = 0;
    bool retry_removal_ = false; // remove() failed: the destructor tries again
};

template< typename C, typename N, typename P, typename Pl >
void swap(basic_temp_dir< C, N, P, Pl >& a, basic_temp_dir< C, N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: a 0700 directory in temp_directory_path(), removed with
//! its contents (or as Cleanup says).
template< typename Cleanup = recursive_remove >
using temp_dir = basic_temp_dir< Cleanup >;

// With BOOST_TEMPFILE_SEPARATE_COMPILATION the default owner is compiled once,
// in libs/tempfile (see detail/config.hpp); nothing otherwise.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, basic_temp_dir<>)

} // namespace tempfile
} // namespace boost

#endif
