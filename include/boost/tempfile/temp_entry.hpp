// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_ENTRY_HPP
#define BOOST_TEMPFILE_TEMP_ENTRY_HPP
#pragma once

// Any kind of entry at a fresh name (Rust's Builder::make and make_in): a
// user's creator -- a Unix socket's bind, mkfifo, a lock file's open, a
// mkdir -- runs over the library's name generation and retry, without a
// platform policy of its own. Its entry then belongs to a temp_entry, which
// removes the name as the cleanup policy says (in the creating process only)
// and only while the name still means the entry that was made: its identity
// is pinned by name right after the creator returns. The object may hold the
// handle the creator returned (a descriptor, a socket), which it closes
// before it removes the name.
//
// The creator is called as `creator(const filesystem::path& candidate,
// system::error_code& ec)` and returns either
//   - bool: true when it made the entry at `candidate`; or
//   - unique_handle: a handle (owned by the object from then on) when it
//     made the entry, the invalid one when it did not.
// When it did not, `ec` says why: file_exists or address_in_use (what bind
// reports for a socket path that exists) mean "the name is taken" and the
// next name is tried; any other error ends the creation and is reported as
// the creator gave it, with the directory. A creator that fails without
// setting `ec` is reported as operation_canceled. A creator that throws
// ends the creation with its exception: the library removes nothing then,
// as it cannot know what the creator left behind.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/unique_handle.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <string>
#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

//! What a creator returns: bool (no handle) or unique_handle. Anything else
//! -- an int descriptor above all, which would convert to bool -- is refused
//! at compile time.
template< typename Creator >
using creator_result_t = decltype(std::declval< Creator& >()(std::declval< const filesystem::path& >(),
                                                             std::declval< system::error_code& >()));

template< typename Creator, typename = void >
struct creator_kind
{
    static constexpr bool callable = false, returns_handle = false, valid = false;
};
template< typename Creator >
struct creator_kind< Creator, decltype(void(std::declval< creator_result_t< Creator > >())) >
{
    using result = creator_result_t< Creator >;
    static constexpr bool callable = true;
    static constexpr bool returns_handle = std::is_same< result, unique_handle >::value;
    static constexpr bool valid = std::is_same< result, bool >::value || returns_handle;
};

//! Whether a creator's error means that the name is taken: the entry exists
//! (EEXIST, ERROR_FILE_EXISTS, ERROR_ALREADY_EXISTS), or a socket is bound
//! there (EADDRINUSE, WSAEADDRINUSE).
inline bool creator_name_taken(const system::error_code& ec) noexcept
{
    return ec == system::errc::file_exists || ec == system::errc::address_in_use;
}

//! One attempt of the creation loop over a user's creator: the candidate is
//! made a path before the creator runs (so that nothing allocates once the
//! entry exists: `made` is moved into the owner), a taken name is told to
//! the loop as the system's "exists", any other error kept to be reported
//! as it came (error_of).
template< typename Creator >
struct creator_attempt
{
    Creator* creator;
    filesystem::path* made;
    unique_handle* handle;
    system::error_code failure;

    bool operator()(const path_char* candidate, int& err)
    {
        *made = filesystem::path(candidate);
        const filesystem::path& offered = *made;
        system::error_code ec;
        bool ok = false;
        if constexpr (creator_kind< Creator >::returns_handle)
        {
            *handle = (*creator)(offered, ec);
            ok = static_cast< bool >(*handle);
        }
        else
            ok = (*creator)(offered, ec);
        if (ok)
        {
            err = 0;
            return true;
        }
        if (creator_name_taken(ec))
        {
            err = name_exists_code().value();
            return false;
        }
        failure = ec ? ec : errc_code(system::errc::operation_canceled);
        err = -1; // final: not "taken", not EINTR
        return false;
    }

    system::error_code error_of(int) const { return failure; }
};

} // namespace detail

template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Platform = native_platform >
class basic_temp_entry : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_file_cleanup< Cleanup >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::temp_entry";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Runs `creator` on fresh names in opts.dir() (temp_directory_path()
    //! when empty) until it makes its entry (see the contract above), and
    //! owns the entry. Throws filesystem_error naming the directory: the
    //! creator's own error, "all names tried exist", or a refused option
    //! (append() and permissions() are the creator's to apply: refused).
    template< typename Creator >
    basic_temp_entry(Creator&& creator, const options& opts)
    {
        create(creator, opts, nullptr);
    }

    //! As above; on failure sets ec and leaves the object empty.
    template< typename Creator >
    basic_temp_entry(Creator&& creator, const options& opts, system::error_code& ec)
    {
        create(creator, opts, &ec);
    }

    //! Owns nothing and creates nothing, to move a real one into later.
    explicit basic_temp_entry(empty_t) noexcept {}

    basic_temp_entry(basic_temp_entry&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), handle_(std::move(other.handle_)), pin_(std::move(other.pin_)),
          generation_(other.generation_), state_(other.state_), directory_(other.directory_),
          retry_removal_(other.retry_removal_)
    {
        other.forget();
    }

    basic_temp_entry& operator=(basic_temp_entry&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            handle_ = std::move(other.handle_);
            pin_ = std::move(other.pin_);
            generation_ = other.generation_;
            state_ = other.state_;
            directory_ = other.directory_;
            retry_removal_ = other.retry_removal_;
            other.forget();
        }
        return *this;
    }

    basic_temp_entry(const basic_temp_entry&) = delete;
    basic_temp_entry& operator=(const basic_temp_entry&) = delete;

    //! Closes the handle, then removes the name if the policy says so (in
    //! the creating process only). Never throws.
    ~basic_temp_entry() { dispose(); }

    //! Absolute path of the entry; empty if the creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! Whether the object will still remove the name (the policy allowing).
    bool owns_name() const noexcept { return state_ == name_state::owned; }

    //! Whether the entry the creator made is a directory (removed only when empty).
    bool is_directory() const noexcept { return directory_; }

    //! Whether the object holds the handle the creator returned.
    bool has_handle() const noexcept { return static_cast< bool >(handle_); }

    //! The handle the creator returned, still owned; the invalid handle when none.
    native_handle_type native_handle() const noexcept { return handle_.get(); }

    //! Closes the handle, if any, and removes the name if the policy's
    //! remove_on_close() says so -- only while the name still means the
    //! entry made. A failed removal leaves the name owned: close(),
    //! remove() or the destructor tries again. In a forked child it only
    //! closes the handle.
    void close() { close_impl(false, nullptr); }
    void close(system::error_code& ec) { close_impl(false, &ec); }

    //! Closes the handle and removes the name now, whatever the policy says
    //! (a directory must be empty). Done already: nothing to do. Fails with
    //! operation_not_permitted, changing nothing, after keep(), persist() or
    //! release(), in an empty object and in a forked child; with ESTALE /
    //! ERROR_FILE_INVALID when the name now means another entry (left alone).
    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    //! From now on the name is never removed by this object; the handle stays owned.
    void keep() noexcept
    {
        retry_removal_ = false;
        disown(name_state::kept);
    }

    //! Gives up the handle (the invalid one when none) and the name: the
    //! caller closes and removes them. The object is left empty. Fails with
    //! operation_not_permitted in a forked child.
    [[nodiscard]] created_file release() { return release_impl(nullptr); }
    [[nodiscard]] created_file release(system::error_code& ec) { return release_impl(&ec); }

    //! Gives the entry the name `to` atomically (replacing what is there, or
    //! not with `no_clobber`), while its name still means the entry made;
    //! from then on the object removes nothing and path() is `to`. Refuses
    //! `durable` (invalid_argument): the library cannot flush an entry it
    //! did not make. Errors as named_temp_file::persist; on Windows an
    //! entry the creator holds open without FILE_SHARE_DELETE cannot be
    //! renamed (ERROR_SHARING_VIOLATION).
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

    void swap(basic_temp_entry& other) noexcept
    {
        basic_temp_entry tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    enum class name_state : unsigned char
    {
        none,     //!< no name: moved from, released, or never made
        owned,    //!< the object removes it as the cleanup policy says
        removed,  //!< removed by this object
        kept,     //!< keep(): never removed by this object
        persisted //!< published at path() by persist()
    };

    template< typename Creator >
    void create(Creator& creator, const options& opts, system::error_code* ec)
    {
        using kind = detail::creator_kind< Creator >;
        static_assert(kind::callable,
                      "boost::tempfile::make_entry: the creator must be callable as "
                      "creator(const boost::filesystem::path&, boost::system::error_code&)");
        static_assert(!kind::callable || kind::valid,
                      "boost::tempfile::make_entry: the creator must return bool (made or not) or "
                      "boost::tempfile::unique_handle (the handle, owned by the entry from then on); a raw "
                      "descriptor would convert to bool");
        filesystem::path storage;
        const filesystem::path& dir = detail::creation_dir(opts, storage, ec);
        if (dir.empty())
            return;
        if (!detail::check_kind_options(opts, detail::creation_kind::user_entry, who, &dir, ec))
            return;
        filesystem::path made;
        unique_handle handle;
        detail::path_string full;
        // Held until on_create has registered the new name (delete_at_exit).
        const typename detail::creation_scope_of< Cleanup >::type scope{};
        (void)scope;
        if (!detail::create_unique_entry< Naming >(opts, dir, detail::creator_attempt< Creator >{&creator, &made, &handle, {}},
                                                   full, who, "the entry", ec))
            return;
        int err = 0;
        bool directory = false;
        if (!detail::pin_new_entry(Platform{}, made.c_str(), pin_, directory, err))
        {
            // Nothing to remove: what is there (if anything) is not known to be what the creator made.
            detail::report(detail::errno_code(err),
                           std::string(who) + ": the creator made the entry, but it cannot be found or identified; "
                                              "nothing is owned",
                           made, ec);
            return;
        }
        handle_ = std::move(handle);
        path_ = std::move(made);
        directory_ = directory;
        state_ = name_state::owned;
        generation_ = detail::fork_generation();
        detail::notify_create(cleanup(), path_, kind_of_entry());
        detail::clear(ec);
    }

    entry_kind kind_of_entry() const noexcept { return directory_ ? entry_kind::directory : entry_kind::file; }

    void disown(name_state now) noexcept
    {
        if (state_ != name_state::owned)
            return;
        state_ = now;
        detail::notify_release(cleanup(), path_, kind_of_entry());
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

    static const char* removal_failure(int e) noexcept
    {
        if (e == detail::name_replaced_error(Platform{}))
            return ": the name now refers to another entry; nothing was removed";
        return ": cannot remove the entry; it is still owned: a later remove() or the destructor tries again";
    }

    void close_impl(bool remove_now, system::error_code* ec)
    {
        const bool remove =
            state_ == name_state::owned && (remove_now || (cleanup().remove_on_close() && created_here()));
        handle_.reset(); // first: on Windows the creator's handle may share no deletion
        int removal = 0;
        if (remove)
        {
            const bool removed = detail::remove_own_entry(Platform{}, path_.c_str(), pin_, directory_, removal);
            retry_removal_ = !removed;
            if (removed)
            {
                pin_.reset();
                disown(name_state::removed);
            }
        }
        if (removal != 0)
            detail::report(detail::errno_code(removal),
                           std::string(who) + (remove_now ? "::remove" : "::close") + removal_failure(removal), path_,
                           ec);
        else
            detail::clear(ec);
    }

    void remove_impl(system::error_code* ec)
    {
        const char* why = nullptr;
        switch (state_)
        {
        case name_state::none:
            why = ": the object owns no entry (it was released or moved from, or its creation failed); nothing "
                  "removed";
            break;
        case name_state::kept:
            why = ": the object no longer owns the entry's name (keep() was called); nothing removed";
            break;
        case name_state::persisted:
            why = ": the object no longer owns the entry's name (it was persisted to this path); nothing removed";
            break;
        case name_state::removed:
            detail::clear(ec);
            return;
        case name_state::owned:
            break;
        }
        if (why)
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted), std::string(who) + "::remove" + why,
                           path_, ec);
            return;
        }
        if (!refused_in_child("::remove", nullptr, ec))
            close_impl(true, ec);
    }

    created_file release_impl(system::error_code* ec)
    {
        const native_handle_type none = detail::handle_type_of< Platform >::invalid();
        if (path_.empty() && !handle_)
        {
            detail::clear(ec);
            return created_file{none, filesystem::path()};
        }
        if (refused_in_child("::release", nullptr, ec))
            return created_file{none, filesystem::path()};
        disown(name_state::none);
        created_file result{handle_.release(), std::move(path_)};
        forget();
        detail::clear(ec);
        return result;
    }

    void persist_impl(const filesystem::path& to, persist_flags flags, system::error_code* ec)
    {
        if (path_.empty())
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::persist: the object owns no entry (it was released, moved from, or "
                                              "its creation failed)",
                           to, ec);
            return;
        }
        if (state_ == name_state::persisted)
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::persist: the entry was already persisted to \"" + path_.string() +
                               "\"; nothing moved",
                           path_, to, ec);
            return;
        }
        if (flags.has_durable())
        {
            detail::report(detail::errc_code(system::errc::invalid_argument),
                           std::string(who) + "::persist: durable is refused: the library cannot flush an entry it "
                                              "did not make; flush it yourself, then persist without durable",
                           path_, to, ec);
            return;
        }
        if (refused_in_child("::persist", &to, ec))
            return;
        filesystem::path target;
        if (!detail::persist_target(to, "boost::tempfile::temp_entry::persist", path_, target, ec))
            return;
        bool published = false;
        int e = 0;
        if (!detail::rename_own_entry(Platform{}, path_.c_str(), pin_, target.c_str(), !flags.has_no_clobber(),
                                      published, e))
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist" +
                               (published ? ": the entry has its new name, but its temporary name could not be removed"
                                          : detail::persist_failure(Platform{}, e, flags.has_no_clobber())),
                           path_, target, ec);
            return;
        }
        retry_removal_ = false;
        disown(name_state::persisted);
        pin_.reset();
        path_ = std::move(target);
        detail::clear(ec);
    }

    void dispose() noexcept
    {
        handle_.reset();
        if (state_ == name_state::owned && created_here())
        {
            if (cleanup().remove_on_destroy() || retry_removal_)
            {
                int ignored = 0;
                detail::remove_own_entry(Platform{}, path_.c_str(), pin_, directory_, ignored);
            }
            else
                detail::notify_keep(cleanup(), path_, kind_of_entry());
        }
        disown(name_state::none);
        pin_.reset();
    }

    void forget() noexcept
    {
        state_ = name_state::none;
        retry_removal_ = false;
        directory_ = false;
        pin_.reset();
        path_.clear();
    }

    filesystem::path path_;
    unique_handle handle_;
    detail::file_pin< Platform > pin_; // the entry's identity: its name is acted on only while it means the entry
    unsigned generation_ = 0;
    name_state state_ = name_state::none;
    bool directory_ = false;
    bool retry_removal_ = false; // remove() or a removing close() failed: the destructor tries again
};

template< typename C, typename N, typename Pl >
void swap(basic_temp_entry< C, N, Pl >& a, basic_temp_entry< C, N, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: random name, removed on close() and at the end of the
//! owner's life (or as Cleanup says).
template< typename Cleanup = delete_on_close >
using temp_entry = basic_temp_entry< Cleanup >;

//! Runs `creator` over fresh names as `opts` says and returns the owner of
//! the entry it made (Rust's Builder::make; make_in is
//! options().dir(...)). Throws filesystem_error naming the directory.
template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Platform = native_platform,
          typename Creator >
[[nodiscard]] basic_temp_entry< Cleanup, Naming, Platform > make_entry(Creator&& creator,
                                                                       const options& opts = detail::default_options())
{
    return basic_temp_entry< Cleanup, Naming, Platform >(creator, opts);
}

//! As above; on failure sets ec and returns an empty object.
template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Platform = native_platform,
          typename Creator >
[[nodiscard]] basic_temp_entry< Cleanup, Naming, Platform > make_entry(Creator&& creator, const options& opts,
                                                                       system::error_code& ec)
{
    return basic_temp_entry< Cleanup, Naming, Platform >(creator, opts, ec);
}

} // namespace tempfile
} // namespace boost

#endif
