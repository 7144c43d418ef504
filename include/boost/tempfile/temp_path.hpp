// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_PATH_HPP
#define BOOST_TEMPFILE_TEMP_PATH_HPP
#pragma once

// A path-only owner (Rust's TempPath): it holds no handle, only the name of
// a file and that file's identity, and removes the name at the end of its
// life (as the cleanup policy says) -- only while the name still means that
// file: a name that has come to mean another file is left alone (ESTALE /
// ERROR_FILE_INVALID). It is what a named_temp_file becomes when it gives up
// its handle (into_temp_path), the path half of into_parts(), and what takes
// over an existing file for removal at the end of a scope (the adopt
// constructor, Rust's TempPath::from_path). Move-only. A process forked from
// the one that made or adopted it removes nothing (decisions.md, 1).

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/path_ops.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <string>
#include <utility>

namespace boost {
namespace tempfile {

struct adopt_t
{
    explicit adopt_t() = default;
};

//! Pass to temp_path's constructor to take over an existing file's name
//! (`temp_path p(adopt, "out.tmp");`).
constexpr adopt_t adopt{};

namespace detail {

//! What became of the name an owner made or adopted.
enum class name_state : unsigned char
{
    none,     //!< no name: moved from, released, or never made
    owned,    //!< the object removes it as the cleanup policy says
    removed,  //!< removed by this object
    kept,     //!< keep(): never removed by this object
    persisted //!< published at path() by persist()
};

//! Why an owner in state `s` may not act on its name (nullptr: it may).
inline const char* not_owned_reason(name_state s) noexcept
{
    switch (s)
    {
    case name_state::none:
        return ": the object no longer owns a file name (it was released or moved from, or its creation failed); "
               "nothing changed";
    case name_state::kept:
        return ": the object no longer owns the file's name (keep() was called); nothing changed";
    case name_state::persisted:
        return ": the object no longer owns the file's name (it was persisted to this path); nothing changed";
    case name_state::removed:
        return ": the object removed the file already; nothing changed";
    case name_state::owned:
        break;
    }
    return nullptr;
}

} // namespace detail

template< typename Cleanup, typename Naming, typename Permissions, typename Platform >
class basic_named_temp_file;

template< typename Cleanup = delete_on_destroy, typename Platform = native_platform >
class basic_temp_path : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_file_cleanup< Cleanup >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::temp_path";

    template< typename, typename, typename, typename >
    friend class basic_named_temp_file;

public:
    using cleanup_type = Cleanup;
    using platform_type = Platform;

    //! Owns nothing (`temp_path p(empty);`), to move a real one into later.
    explicit basic_temp_path(empty_t) noexcept {}

    //! Takes over the file at `p` (Rust's TempPath::from_path): records what
    //! the name means now (device and inode, not following a symlink: a
    //! symlink is adopted as itself) and removes the name at the end of the
    //! object, as Cleanup says, while it still means that file. `p` is made
    //! absolute. Throws filesystem_error naming `p`: invalid_argument for an
    //! empty path, is_a_directory for a directory, the system's error (ENOENT,
    //! EACCES, ...) when nothing can be recorded -- a name that means nothing
    //! yet cannot be adopted, since there is no file to recognise later.
    basic_temp_path(adopt_t, const filesystem::path& p) { adopt_impl(p, nullptr); }

    //! As above; on failure sets ec and leaves the object empty.
    basic_temp_path(adopt_t, const filesystem::path& p, system::error_code& ec) { adopt_impl(p, &ec); }

    basic_temp_path(basic_temp_path&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), pin_(std::move(other.pin_)), generation_(other.generation_),
          state_(other.state_), retry_removal_(other.retry_removal_)
    {
        other.forget();
    }

    basic_temp_path& operator=(basic_temp_path&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            pin_ = std::move(other.pin_);
            generation_ = other.generation_;
            state_ = other.state_;
            retry_removal_ = other.retry_removal_;
            other.forget();
        }
        return *this;
    }

    basic_temp_path(const basic_temp_path&) = delete;
    basic_temp_path& operator=(const basic_temp_path&) = delete;

    //! Removes the name if the object owns it and remove_on_destroy() says
    //! so (or an earlier remove() failed), in the process that made the
    //! object only; quietly. Never throws.
    ~basic_temp_path() { dispose(); }

    //! The absolute path; empty when the object owns nothing.
    const filesystem::path& path() const noexcept { return path_; }

    //! Whether this object will still remove the name (cleanup policy
    //! allowing). Stays true when a removal failed: it is tried again.
    bool owns_name() const noexcept { return state_ == detail::name_state::owned; }

    //! Removes the name now, whatever the cleanup policy says (Rust's
    //! TempPath::close), only while it still means the file recorded:
    //! ESTALE / ERROR_FILE_INVALID otherwise, nothing removed. A name already
    //! gone is no error. A failed removal keeps the name owned (a later
    //! remove() or the destructor tries again). Done already by this object:
    //! nothing to do. Fails with operation_not_permitted, changing nothing,
    //! after keep(), persist() or release(), in an object that owns nothing,
    //! and in a forked child.
    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    //! From now on the name is never removed by this object (Rust's
    //! TempPath::keep). path() stays.
    void keep() noexcept
    {
        retry_removal_ = false;
        disown(detail::name_state::kept);
    }

    //! Gives up the name: the caller removes it. Returns the path (empty if
    //! the object owned nothing); the object is left empty. Fails with
    //! operation_not_permitted in a forked child.
    [[nodiscard]] filesystem::path release() { return release_impl(nullptr); }
    [[nodiscard]] filesystem::path release(system::error_code& ec) { return release_impl(&ec); }

    //! Gives the file the name `to` atomically (Rust's TempPath::persist),
    //! only while path() still means the file recorded (ESTALE /
    //! ERROR_FILE_INVALID otherwise); from then on the object removes nothing
    //! and path() is `to` (made absolute). With `no_clobber`, fails with the
    //! system's "exists" if `to` exists (Rust's persist_noclobber); with
    //! `durable`, the file (reopened and proven to be it) is flushed to disk
    //! before the rename and its directory after. Errors as
    //! named_temp_file::persist(); operation_not_permitted after a successful
    //! persist(), in an object that owns nothing and in a forked child.
    void persist(const filesystem::path& to) { persist_impl(to, persist_flags(), nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, persist_flags(), &ec); }
    void persist(const filesystem::path& to, persist_flags flags) { persist_impl(to, flags, nullptr); }
    void persist(const filesystem::path& to, persist_flags flags, system::error_code& ec)
    {
        persist_impl(to, flags, &ec);
    }

    //! The cleanup policy object (for stateful policies).
    Cleanup& cleanup() noexcept { return boost::empty_value< Cleanup >::get(); }
    const Cleanup& cleanup() const noexcept { return boost::empty_value< Cleanup >::get(); }

    void swap(basic_temp_path& other) noexcept
    {
        basic_temp_path tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    using native_handle_type = typename detail::handle_type_of< Platform >::type;
    static native_handle_type invalid() noexcept { return detail::handle_type_of< Platform >::invalid(); }

    //! What named_temp_file hands over (into_temp_path, into_parts).
    basic_temp_path(Cleanup&& c, filesystem::path&& p, detail::file_pin< Platform >&& pin, unsigned generation,
                    detail::name_state state, bool retry) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(c)), path_(std::move(p)),
          pin_(std::move(pin)), generation_(generation), state_(state), retry_removal_(retry)
    {
    }

    void adopt_impl(const filesystem::path& p, system::error_code* ec)
    {
        if (p.empty())
        {
            detail::report(detail::errc_code(system::errc::invalid_argument),
                           std::string(who) + ": cannot adopt an empty path", p, ec);
            return;
        }
        system::error_code abs_ec;
        filesystem::path full = filesystem::absolute(p, abs_ec);
        if (abs_ec)
        {
            detail::report(abs_ec, std::string(who) + ": cannot make the path absolute: no current directory", p, ec);
            return;
        }
        // Held until on_create has registered the name (also_at_exit).
        const typename detail::creation_scope_of< Cleanup >::type scope{};
        (void)scope;
        detail::file_pin< Platform > pin;
        const int e = detail::pin_existing_name(Platform{}, full.c_str(), pin);
        if (e != 0)
        {
            if (e == detail::is_directory_error(Platform{}))
                detail::report(detail::errc_code(system::errc::is_a_directory),
                               std::string(who) + ": cannot adopt a directory (temp_dir owns directories)", full, ec);
            else
                detail::report(detail::errno_code(e), std::string(who) + ": cannot adopt the file", full, ec);
            return;
        }
        path_ = std::move(full);
        pin_ = std::move(pin);
        state_ = detail::name_state::owned;
        generation_ = detail::fork_generation();
        detail::notify_create(cleanup(), path_, entry_kind::file);
        detail::clear(ec);
    }

    void disown(detail::name_state now) noexcept
    {
        if (state_ != detail::name_state::owned)
            return;
        state_ = now;
        detail::notify_release(cleanup(), path_, entry_kind::file);
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    bool refused_in_child(const char* op, const filesystem::path* to, system::error_code* ec) const
    {
        if (created_here())
            return false;
        const std::string what = std::string(who) + op + detail::forked_child_refusal;
        if (to)
            detail::report(detail::errc_code(system::errc::operation_not_permitted), what, path_, *to, ec);
        else
            detail::report(detail::errc_code(system::errc::operation_not_permitted), what, path_, ec);
        return true;
    }

    void remove_impl(system::error_code* ec)
    {
        if (state_ == detail::name_state::removed)
        {
            detail::clear(ec); // removed by this object already
            return;
        }
        if (const char* why = detail::not_owned_reason(state_))
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::remove" + why, path_, ec);
            return;
        }
        if (refused_in_child("::remove", nullptr, ec))
            return;
        int e = 0;
        bool removed = false;
        {
            detail::removal_hold< Platform > hold;
            removed = detail::remove_own_name(Platform{}, invalid(), path_.c_str(), pin_, hold, e);
        }
        retry_removal_ = !removed;
        if (!removed)
        {
            detail::report(detail::errno_code(e), std::string(who) + "::remove" + detail::removal_failure(Platform{}, e),
                           path_, ec);
            return;
        }
        pin_.reset();
        disown(detail::name_state::removed);
        detail::clear(ec);
    }

    filesystem::path release_impl(system::error_code* ec)
    {
        if (path_.empty())
        {
            detail::clear(ec); // nothing to hand over
            return filesystem::path();
        }
        if (refused_in_child("::release", nullptr, ec))
            return filesystem::path();
        disown(detail::name_state::none);
        filesystem::path result = std::move(path_);
        forget();
        detail::clear(ec);
        return result;
    }

    void persist_impl(const filesystem::path& to, persist_flags flags, system::error_code* ec)
    {
        if (state_ == detail::name_state::none || state_ == detail::name_state::removed)
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::persist" + detail::not_owned_reason(state_), path_, to, ec);
            return;
        }
        if (state_ == detail::name_state::persisted)
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::persist: the file was already persisted to \"" + path_.string() +
                               "\"; nothing moved",
                           path_, to, ec);
            return;
        }
        if (refused_in_child("::persist", &to, ec))
            return;
        filesystem::path target;
        if (!detail::persist_target(to, "boost::tempfile::temp_path::persist", path_, target, ec))
            return;
        int e = 0;
        detail::file_handle< Platform > reopened; // closed when the function returns
        if (flags.has_durable())
        {
            // Flushed through a handle reopened on the file and proven to be it.
            reopened = detail::file_handle< Platform >(
                detail::reopen_own_file(Platform{}, invalid(), path_.c_str(), pin_, e));
            if (reopened.is_open())
                detail::sync_file(Platform{}, reopened.native(), e);
            if (e != 0)
            {
                detail::report(detail::errno_code(e),
                               std::string(who) + "::persist: cannot flush the file to disk; nothing published", path_,
                               target, ec);
                return;
            }
        }
        bool published = false;
        if (!detail::rename_own_file(Platform{}, invalid(), path_.c_str(), pin_, target.c_str(),
                                     !flags.has_no_clobber(), published, e))
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist" +
                               (published ? ": the file has its new name, but its temporary name could not be removed"
                                          : detail::persist_failure(Platform{}, e, flags.has_no_clobber())),
                           path_, target, ec);
            return;
        }
        retry_removal_ = false;
        disown(detail::name_state::persisted);
        state_ = detail::name_state::persisted; // also after keep()
        path_ = std::move(target);
        if (reopened.is_open() && !detail::sync_directory_of(Platform{}, reopened.native(), path_, e))
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: the file has its new name, but the directory could not be "
                                              "flushed to disk: the name may not survive a crash",
                           path_, ec);
            return;
        }
        detail::clear(ec);
    }

    void dispose() noexcept
    {
        if (state_ == detail::name_state::owned && created_here())
        {
            if (cleanup().remove_on_destroy() || retry_removal_)
            {
                detail::removal_hold< Platform > hold;
                int ignored = 0;
                detail::remove_own_name(Platform{}, invalid(), path_.c_str(), pin_, hold, ignored);
            }
            else
                detail::notify_keep(cleanup(), path_, entry_kind::file);
        }
        disown(detail::name_state::none);
        pin_.reset();
    }

    void forget() noexcept
    {
        state_ = detail::name_state::none;
        retry_removal_ = false;
        pin_.reset();
        path_.clear();
    }

    filesystem::path path_;
    detail::file_pin< Platform > pin_; // the file's identity, to recognise its name
    unsigned generation_ = 0;
    detail::name_state state_ = detail::name_state::none;
    bool retry_removal_ = false; // remove() failed: the destructor tries again
};

template< typename C, typename Pl >
void swap(basic_temp_path< C, Pl >& a, basic_temp_path< C, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: the name is removed at the end of the object.
template< typename Cleanup = delete_on_destroy >
using temp_path = basic_temp_path< Cleanup >;

} // namespace tempfile
} // namespace boost

#endif
