// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#define BOOST_TEMPFILE_NAMED_TEMP_FILE_HPP
#pragma once

// A temporary file with a visible name (Python's NamedTemporaryFile): created
// exclusively, 0600, with an absolute path; the cleanup policy says whether
// close() and the end of the owner's life remove the name. Move-only. A
// process forked from the creator closes its copy's descriptor, writes none
// of the data the creator's stream had buffered, and never removes,
// publishes or hands over the file: only the creating process does.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/created_file.hpp>
#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/create_file.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/file_handle.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/no_clobber.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/temp_path.hpp>
#include <boost/tempfile/unique_handle.hpp>

#include <boost/core/empty_value.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace boost {
namespace tempfile {

template< typename Cleanup = delete_on_close, typename Naming = random_name<>, typename Permissions = owner_only,
          typename Platform = native_platform >
class basic_named_temp_file : private boost::empty_value< Cleanup >
{
    static_assert(detail::check_file_cleanup< Cleanup >::value);
    static_assert(detail::check_naming< Naming >::value);
    static_assert(detail::check_permissions< Permissions >::value);
    static_assert(detail::check_platform< Platform >::value);

    static constexpr const char* who = "boost::tempfile::named_temp_file";

public:
    using cleanup_type = Cleanup;
    using naming_type = Naming;
    using permissions_type = Permissions;
    using platform_type = Platform;
    using native_handle_type = typename detail::handle_type_of< Platform >::type;

    //! Creates a file in temp_directory_path(). Throws filesystem_error.
    basic_named_temp_file() : basic_named_temp_file(detail::default_options()) {}

    //! Creates a file as `opts` says. Throws filesystem_error naming the
    //! directory (also for a refused option: the text is quoted in the message).
    explicit basic_named_temp_file(const options& opts) { create(opts, nullptr); }

    //! As above; on failure sets ec and leaves the object empty (path() is
    //! empty, is_open() false).
    basic_named_temp_file(const options& opts, system::error_code& ec) { create(opts, &ec); }
    explicit basic_named_temp_file(system::error_code& ec) { create(detail::default_options(), &ec); }

    //! Owns nothing and creates nothing (`named_temp_file<> f(empty);`), to
    //! move a real one into later. path() is empty, is_open() false.
    explicit basic_named_temp_file(empty_t) noexcept {}

    basic_named_temp_file(basic_named_temp_file&& other) noexcept
        : boost::empty_value< Cleanup >(boost::empty_init_t(), std::move(other.cleanup())),
          path_(std::move(other.path_)), file_(std::move(other.file_)), pin_(std::move(other.pin_)),
          generation_(other.generation_), state_(other.state_), retry_removal_(other.retry_removal_)
    {
        other.forget();
    }

    basic_named_temp_file& operator=(basic_named_temp_file&& other) noexcept
    {
        if (this != &other)
        {
            dispose();
            cleanup() = std::move(other.cleanup());
            path_ = std::move(other.path_);
            file_ = std::move(other.file_);
            pin_ = std::move(other.pin_);
            generation_ = other.generation_;
            state_ = other.state_;
            retry_removal_ = other.retry_removal_;
            other.forget();
        }
        return *this;
    }

    basic_named_temp_file(const basic_named_temp_file&) = delete;
    basic_named_temp_file& operator=(const basic_named_temp_file&) = delete;

    //! Flushes the stream, closes, and removes the name if the policy says so
    //! (in the creating process only: a forked child's copy writes nothing
    //! and removes nothing). Never throws.
    ~basic_named_temp_file() { dispose(); }

    //! Absolute path of the file; empty if creation failed or after release().
    const filesystem::path& path() const noexcept { return path_; }

    //! Whether the handle is still open.
    bool is_open() const noexcept { return file_.is_open(); }

    //! Whether this object will still remove the name (cleanup policy
    //! allowing). Stays true when a removal failed: it is tried again.
    bool owns_name() const noexcept { return state_ == name_state::owned; }

    //! The handle, after writing out what the stream buffers and moving the
    //! handle's offset to the stream's position, so raw I/O and the stream
    //! agree. The invalid handle when closed. Throws filesystem_error (the
    //! write's error, naming the file) if that write fails: the stream is
    //! then bad, what it could not write is dropped, and persist()/release()
    //! refuse the file. In a forked child: the handle, nothing written.
    native_handle_type native_handle() { return file_.written_fd(who, path_); }

    //! A second handle on the open file (dup / DuplicateHandle: the same
    //! open file, one position), owned by the caller and closed by it,
    //! after the stream is written out. Fails with bad_file_descriptor when
    //! the file is closed, with the write's error if the stream cannot write
    //! out.
    [[nodiscard]] unique_handle duplicate_handle() { return file_.duplicate(who, path_, nullptr); }
    [[nodiscard]] unique_handle duplicate_handle(system::error_code& ec) { return file_.duplicate(who, path_, &ec); }

    //! A C stream (std::FILE*) in `mode` ("r+b", "ab", ...) over a duplicate
    //! of the handle, owned by the caller: closing it closes the duplicate,
    //! never the object's own handle. Errors as duplicate_handle(), or the
    //! C library's refusal of `mode`.
    [[nodiscard]] unique_stdio_file open_stdio(const char* mode) { return file_.open_stdio(mode, who, path_, nullptr); }
    [[nodiscard]] unique_stdio_file open_stdio(const char* mode, system::error_code& ec)
    {
        return file_.open_stdio(mode, who, path_, &ec);
    }

    //! A std::iostream over the handle (binary, buffered). Throws
    //! filesystem_error (bad_file_descriptor) when the file is closed. In a
    //! forked child the stream is bad and never touches the handle.
    std::iostream& stream() { return file_.stream(); }

    //! Writes out the stream, closes the handle, and removes the name if the
    //! policy's remove_on_close() says so. Reports the first error met (a
    //! failed removal, a failed write of buffered data, a failed close). A
    //! failed removal leaves the name owned: calling close() again (or
    //! remove(), or the destructor) tries it again; otherwise calling it
    //! again does nothing. A name already removed by someone else is not an
    //! error. In a forked child it only closes the child's handle.
    void close() { close_impl(false, nullptr); }
    void close(system::error_code& ec) { close_impl(false, &ec); }

    //! Closes and removes the name now, whatever the cleanup policy says, if
    //! the object owns it -- only while the name still means this file. A
    //! failed removal keeps the name owned (a later remove() or the
    //! destructor tries again). Done already by this object: nothing to do.
    //! Fails with operation_not_permitted, changing nothing, after keep(),
    //! persist() or release(), in a moved-from or never made object, and in
    //! a forked child.
    void remove() { remove_impl(nullptr); }
    void remove(system::error_code& ec) { remove_impl(&ec); }

    //! From now on the name is never removed by this object (Python's
    //! delete=False decided late). The handle stays open and owned.
    void keep() noexcept
    {
        retry_removal_ = false;
        disown(name_state::kept);
    }

    //! Gives up the handle and the name: the caller now closes and removes
    //! them. The object is left empty. If the stream cannot write out what
    //! it buffers (or lost a write before), nothing is handed over: the
    //! error is reported (throw, or ec and {invalid handle, empty}) and the
    //! object keeps the file. Fails with operation_not_permitted in a forked
    //! child.
    [[nodiscard]] created_file release() { return release_impl(nullptr); }
    [[nodiscard]] created_file release(system::error_code& ec) { return release_impl(&ec); }

    //! Gives the file its final name `to` atomically, replacing what is
    //! there; from then on the object owns and moves nothing, and path() is
    //! `to` (made absolute). The stream is written out first and the handle
    //! stays open. Atomic for visibility only, unless `durable` is asked for:
    //! then the file is flushed to disk before the rename and its directory
    //! after. With `no_clobber`, fails with the system's "exists" (nothing
    //! changed) if `to` exists. Fails -- the file staying where it was, still
    //! owned -- with the write's error if the stream cannot write out (or
    //! lost a write before), with EXDEV / ERROR_NOT_SAME_DEVICE when `to` is
    //! on another file system, with invalid_argument when `to` cannot name a
    //! file, with ESTALE / ERROR_FILE_INVALID when the file's name now means
    //! another file, with operation_not_permitted after a successful
    //! persist() and in a forked child; errors name both paths.
    void persist(const filesystem::path& to) { persist_impl(to, persist_flags(), nullptr); }
    void persist(const filesystem::path& to, system::error_code& ec) { persist_impl(to, persist_flags(), &ec); }
    void persist(const filesystem::path& to, persist_flags flags) { persist_impl(to, flags, nullptr); }
    void persist(const filesystem::path& to, persist_flags flags, system::error_code& ec)
    {
        persist_impl(to, flags, &ec);
    }

    //! Opens the file again by its name (read-write, no symlink or reparse
    //! point followed) and checks that the name still means this file: a new
    //! handle the caller owns. Fails with ESTALE / ERROR_FILE_INVALID if the
    //! name now means another file, ENOENT / ERROR_FILE_NOT_FOUND if it is
    //! gone, bad_file_descriptor when the file is closed and its identity
    //! not known.
    [[nodiscard]] native_handle_type reopen() { return reopen_impl(nullptr); }
    [[nodiscard]] native_handle_type reopen(system::error_code& ec) { return reopen_impl(&ec); }

    //! Gives up the handle and keeps only the duty to remove the name (Rust's
    //! into_temp_path): writes out the stream, closes the handle, and moves
    //! the name, the file's identity and the cleanup policy into a temp_path,
    //! which removes the name at its end (as Cleanup's remove_on_destroy()
    //! says) while it still means this file. The object is left empty. Fails,
    //! handing nothing over and keeping the name owned, with the write's
    //! error if the stream cannot write out (or lost a write before), with
    //! the close's error (the handle is closed then; call again to hand the
    //! name over); with operation_not_permitted after keep(), persist(),
    //! release() or remove(), in an object that owns nothing, and in a
    //! forked child.
    [[nodiscard]] basic_temp_path< Cleanup, Platform > into_temp_path() { return into_temp_path_impl(nullptr); }
    [[nodiscard]] basic_temp_path< Cleanup, Platform > into_temp_path(system::error_code& ec)
    {
        return into_temp_path_impl(&ec);
    }

    //! The two halves of a named file (Rust's into_parts): `handle` closes
    //! the file at its end, `path` removes the name at its end. Structured
    //! bindings work: `auto [h, p] = f.into_parts();`.
    struct parts
    {
        unique_handle handle;
        basic_temp_path< Cleanup, Platform > path;
    };

    //! Splits the file into its handle and its path owner (Rust's
    //! into_parts): the stream is written out, its position becomes the
    //! handle's, and the object is left empty. The handle half only closes;
    //! the path half only removes (see into_temp_path). Fails, changing
    //! nothing, with bad_file_descriptor when the file is closed (use
    //! into_temp_path()), with the write's error if the stream cannot write
    //! out, with operation_not_permitted as into_temp_path().
    [[nodiscard]] parts into_parts() { return into_parts_impl(nullptr); }
    [[nodiscard]] parts into_parts(system::error_code& ec) { return into_parts_impl(&ec); }

    //! Puts the halves together again (Rust's from_parts): the handle must
    //! be open on the very file `path` owns (device and inode; volume and
    //! file index), else invalid_argument and nothing is taken. The result
    //! owns the handle and the name as the path half owned it (a kept or
    //! persisted half gives a kept or persisted file). Fails, taking
    //! nothing, with bad_file_descriptor for no handle, with
    //! operation_not_permitted for a path half that owns nothing (empty,
    //! released, removed) or that a parent process made (a forked child).
    //! The error_code form returns an empty object on failure.
    static basic_named_temp_file from_parts(unique_handle&& handle, basic_temp_path< Cleanup, Platform >&& path)
    {
        return from_parts_impl(handle, path, nullptr);
    }
    static basic_named_temp_file from_parts(unique_handle&& handle, basic_temp_path< Cleanup, Platform >&& path,
                                            system::error_code& ec)
    {
        return from_parts_impl(handle, path, &ec);
    }
    static basic_named_temp_file from_parts(parts&& p) { return from_parts_impl(p.handle, p.path, nullptr); }
    static basic_named_temp_file from_parts(parts&& p, system::error_code& ec)
    {
        return from_parts_impl(p.handle, p.path, &ec);
    }

    //! The cleanup policy object (for stateful policies).
    Cleanup& cleanup() noexcept { return boost::empty_value< Cleanup >::get(); }
    const Cleanup& cleanup() const noexcept { return boost::empty_value< Cleanup >::get(); }

    void swap(basic_named_temp_file& other) noexcept
    {
        basic_named_temp_file tmp(std::move(other));
        other = std::move(*this);
        *this = std::move(tmp);
    }

private:
    static native_handle_type invalid() noexcept { return detail::handle_type_of< Platform >::invalid(); }

    void create(const options& opts, system::error_code* ec)
    {
        filesystem::path storage;
        const filesystem::path& dir = detail::creation_dir(opts, storage, ec);
        if (dir.empty())
            return;
        detail::path_string full;
        // Held until on_create has registered the new name (delete_at_exit).
        const typename detail::creation_scope_of< Cleanup >::type scope{};
        (void)scope;
        const native_handle_type h = detail::create_named_file< Naming, Permissions, Platform >(opts, dir, full, who, ec);
        if (h == invalid())
            return;
        path_ = detail::adopt_name(full,
                                   [h, &full]() noexcept { detail::discard_new_file(Platform{}, h, full.c_str()); });
        detail::pin_on_create(Platform{}, h, pin_);
        file_ = detail::file_handle< Platform >(h);
        state_ = name_state::owned;
        generation_ = detail::fork_generation();
        detail::notify_create(cleanup(), path_, entry_kind::file);
    }

    using name_state = detail::name_state;

    //! This object stops being responsible for the name, which is now `now`.
    void disown(name_state now) noexcept
    {
        if (state_ != name_state::owned)
            return;
        state_ = now;
        detail::notify_release(cleanup(), path_, entry_kind::file);
    }

    bool created_here() const noexcept { return generation_ == detail::fork_generation(); }

    //! Reports the refusal of `op` in a forked child; false if this is the
    //! creating process.
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

    //! Writes out the stream before the file is published or handed over:
    //! the error of this write, or of an earlier one whose data was dropped
    //! (the file would be short); 0 if the file holds all that was written.
    int written_out() { return file_.is_open() ? file_.write_out_everything() : 0; }

    created_file release_impl(system::error_code* ec)
    {
        if (path_.empty() && !file_.is_open())
        {
            detail::clear(ec); // nothing to hand over
            return created_file{invalid(), filesystem::path()};
        }
        if (refused_in_child("::release", nullptr, ec))
            return created_file{invalid(), filesystem::path()};
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) +
                               "::release: cannot write out what the stream buffers; the file is not handed over",
                           path_, ec);
            return created_file{invalid(), filesystem::path()};
        }
        disown(name_state::none);
        created_file result{file_.release(), std::move(path_)};
        forget();
        detail::clear(ec);
        return result;
    }

    void persist_impl(const filesystem::path& to, persist_flags flags, system::error_code* ec)
    {
        if (path_.empty())
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::persist" + detail::owns_nothing, to, ec);
            return;
        }
        if (state_ == name_state::persisted)
        {
            // The object owns and moves nothing once published: moving the
            // published file again could take it from whoever relies on it.
            detail::report(detail::errc_code(system::errc::operation_not_permitted),
                           std::string(who) + "::persist: the file was already persisted to \"" + path_.string() +
                               "\"; nothing moved",
                           path_, to, ec);
            return;
        }
        if (refused_in_child("::persist", &to, ec))
            return;
        filesystem::path target;
        if (!detail::persist_target(to, "boost::tempfile::named_temp_file::persist", path_, target, ec))
            return;
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: cannot write out what the stream buffers; nothing published",
                           path_, target, ec);
            return;
        }
        // Durable: flushed through the open handle, or once closed through a
        // handle reopened on the file (proven to be it).
        detail::file_handle< Platform > reopened;
        native_handle_type syncable = file_.native();
        int e = 0;
        if (flags.has_durable())
        {
            if (!file_.is_open())
            {
                if (pin_.state() == detail::pin_state::proven)
                    reopened = detail::file_handle< Platform >(
                        detail::reopen_own_file(Platform{}, invalid(), path_.c_str(), pin_, e));
                else
                    e = detail::name_replaced_error(Platform{});
                syncable = reopened.native();
            }
            if (e == 0)
                detail::sync_file(Platform{}, syncable, e);
            if (e != 0)
            {
                detail::report(detail::errno_code(e),
                               std::string(who) + "::persist: cannot flush the file to disk; nothing published", path_,
                               target, ec);
                return;
            }
        }
        bool published = false;
        if (!detail::rename_own_file(Platform{}, file_.native(), path_.c_str(), pin_, target.c_str(),
                                     !flags.has_no_clobber(), published, e))
        {
            // Published but the temporary name stayed: this object keeps
            // owning that name (its cleanup removes only the extra link).
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist" +
                               (published ? ": the file has its new name, but its temporary name could not be removed"
                                          : detail::persist_failure(Platform{}, e, flags.has_no_clobber())),
                           path_, target, ec);
            return;
        }
        retry_removal_ = false;
        disown(name_state::persisted);
        path_ = std::move(target); // no allocation once published
        if (flags.has_durable() && !detail::sync_directory_of(Platform{}, syncable, path_, e))
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::persist: the file has its new name, but the directory could not be "
                                              "flushed to disk: the name may not survive a crash",
                           path_, ec);
            return;
        }
        detail::clear(ec);
    }

    native_handle_type reopen_impl(system::error_code* ec)
    {
        int e = 0;
        const char* why = "::reopen";
        native_handle_type h = invalid();
        if (file_.is_open())
        {
            file_.written_fd(e);
            if (e != 0)
                why = "::reopen: cannot write out what the stream buffers";
        }
        else if (path_.empty() || pin_.state() != detail::pin_state::proven)
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::reopen: the file is closed and its identity is not known (removed, "
                                              "released, or not provable)",
                           path_, ec);
            return h;
        }
        if (e == 0)
        {
            h = detail::reopen_own_file(Platform{}, file_.native(), path_.c_str(), pin_, e);
            if (h == invalid() && e == detail::name_replaced_error(Platform{}))
                why = "::reopen: the name now refers to another file";
        }
        if (h == invalid())
            detail::report(detail::errno_code(e), std::string(who) + why, path_, ec);
        else
            detail::clear(ec);
        return h;
    }

    //! Whether the name may be handed over to a path owner; reports why not.
    bool can_hand_over(const char* op, system::error_code* ec) const
    {
        if (const char* why = detail::not_owned_reason(state_))
        {
            detail::report(detail::errc_code(system::errc::operation_not_permitted), std::string(who) + op + why,
                           path_, ec);
            return false;
        }
        return !refused_in_child(op, nullptr, ec);
    }

    basic_temp_path< Cleanup, Platform > hand_over_name() noexcept
    {
        basic_temp_path< Cleanup, Platform > result(std::move(cleanup()), std::move(path_), std::move(pin_),
                                                   generation_, state_, retry_removal_);
        forget(); // responsibility moves with the policy: no on_release
        return result;
    }

    basic_temp_path< Cleanup, Platform > into_temp_path_impl(system::error_code* ec)
    {
        if (!can_hand_over("::into_temp_path", ec))
            return basic_temp_path< Cleanup, Platform >(empty);
        if (file_.is_open())
        {
            if (const int e = written_out())
            {
                detail::report(detail::errno_code(e),
                               std::string(who) + "::into_temp_path: cannot write out what the stream buffers; the "
                                                  "name is not handed over",
                               path_, ec);
                return basic_temp_path< Cleanup, Platform >(empty);
            }
            // The identity is taken before the handle goes: the path owner
            // recognises the name by it.
            detail::pin_on_close(Platform{}, file_.native(), path_.c_str(), pin_);
            if (const int e = file_.close())
            {
                detail::report(detail::errno_code(e),
                               std::string(who) + "::into_temp_path: cannot close the file; the name is not handed "
                                                  "over (it still is this object's)",
                               path_, ec);
                return basic_temp_path< Cleanup, Platform >(empty);
            }
        }
        detail::clear(ec);
        return hand_over_name();
    }

    parts into_parts_impl(system::error_code* ec)
    {
        if (!can_hand_over("::into_parts", ec))
            return parts{unique_handle(), basic_temp_path< Cleanup, Platform >(empty)};
        if (!file_.is_open())
        {
            detail::report(detail::errc_code(system::errc::bad_file_descriptor),
                           std::string(who) + "::into_parts: the file is closed (into_temp_path() hands over the "
                                              "name alone); nothing changed",
                           path_, ec);
            return parts{unique_handle(), basic_temp_path< Cleanup, Platform >(empty)};
        }
        if (const int e = written_out())
        {
            detail::report(detail::errno_code(e),
                           std::string(who) + "::into_parts: cannot write out what the stream buffers; nothing "
                                              "handed over",
                           path_, ec);
            return parts{unique_handle(), basic_temp_path< Cleanup, Platform >(empty)};
        }
        detail::pin_on_close(Platform{}, file_.native(), path_.c_str(), pin_);
        unique_handle handle(file_.release());
        detail::clear(ec);
        return parts{std::move(handle), hand_over_name()};
    }

    static basic_named_temp_file from_parts_impl(unique_handle& handle, basic_temp_path< Cleanup, Platform >& path,
                                                 system::error_code* ec)
    {
        basic_named_temp_file result(empty);
        const char* why = nullptr;
        system::errc::errc_t code = system::errc::operation_not_permitted;
        if (!handle)
        {
            code = system::errc::bad_file_descriptor;
            why = "::from_parts: no handle; nothing taken";
        }
        else if (path.state_ == name_state::none || path.state_ == name_state::removed ||
                 path.pin_.state() == detail::pin_state::none)
            why = "::from_parts: the path owner owns no file (empty, released, removed, or its file's identity "
                  "is unknown); nothing taken";
        else if (!path.created_here())
            why = "::from_parts: the path owner belongs to the process that created it (this is a forked child); "
                  "nothing taken";
        else
        {
            detail::file_identity id;
            int e = 0;
            if (!detail::identify(Platform{}, handle.get(), id, e) || id != path.pin_.identity())
            {
                code = system::errc::invalid_argument;
                why = "::from_parts: the handle is not open on the file the path owner owns; nothing taken";
            }
        }
        if (why)
        {
            detail::report(detail::errc_code(code), std::string(who) + why, path.path_, ec);
            return result;
        }
        result.cleanup() = std::move(path.cleanup());
        result.path_ = std::move(path.path_);
        result.pin_ = std::move(path.pin_);
        result.generation_ = path.generation_;
        result.state_ = path.state_;
        result.retry_removal_ = path.retry_removal_;
        result.file_ = detail::file_handle< Platform >(handle.release());
        path.forget();
        detail::clear(ec);
        return result;
    }

    void remove_impl(system::error_code* ec)
    {
        const char* why = nullptr;
        switch (state_)
        {
        case name_state::none:
            why = ": the object no longer owns a file name (it was released or moved from, or its creation failed); "
                  "nothing removed";
            break;
        case name_state::kept:
            why = ": the object no longer owns the file's name (keep() was called); nothing removed";
            break;
        case name_state::persisted:
            why = ": the object no longer owns the file's name (it was persisted to this path); nothing removed";
            break;
        case name_state::removed:
            detail::clear(ec); // removed by this object already
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

    //! Removes the name (through the operations' identity rules), then
    //! writes out and closes the handle. A removal that fails keeps the name
    //! owned: a later remove(), close() or the destructor tries again.
    void close_impl(bool remove_now, system::error_code* ec)
    {
        const bool remove =
            state_ == name_state::owned && (remove_now || (cleanup().remove_on_close() && created_here()));
        bool removed = false;
        int removal = 0;
        int closing = 0;
        {
            detail::removal_hold< Platform > hold; // released after our handle is closed
            if (remove)
                removed = detail::remove_own_name(Platform{}, file_.native(), path_.c_str(), pin_, hold, removal);
            if (file_.is_open())
            {
                if (!removed)
                    detail::pin_on_close(Platform{}, file_.native(), path_.c_str(), pin_);
                closing = file_.close();
            }
        }
        if (remove)
            retry_removal_ = !removed;
        if (removed)
        {
            pin_.reset();
            disown(name_state::removed);
        }
        const char* op = remove_now ? "::remove" : "::close";
        if (removal != 0)
            detail::report(detail::errno_code(removal),
                           std::string(who) + op + detail::removal_failure(Platform{}, removal), path_, ec);
        else if (closing != 0)
            detail::report(detail::errno_code(closing), std::string(who) + op, path_, ec);
        else
            detail::clear(ec);
    }

    void dispose() noexcept
    {
        if (state_ == name_state::owned && created_here())
        {
            if (cleanup().remove_on_destroy() || retry_removal_)
            {
                detail::removal_hold< Platform > hold;
                int ignored = 0;
                detail::remove_own_name(Platform{}, file_.native(), path_.c_str(), pin_, hold, ignored);
                file_.close_quietly();
            }
            else
                detail::notify_keep(cleanup(), path_, entry_kind::file);
        }
        file_.close_quietly(); // in a forked child: writes nothing
        disown(name_state::none);
        pin_.reset();
    }

    void forget() noexcept
    {
        state_ = name_state::none;
        retry_removal_ = false;
        pin_.reset();
        path_.clear();
    }

    filesystem::path path_;
    detail::file_handle< Platform > file_;
    detail::file_pin< Platform > pin_; // the file's identity, to recognise its name after close()
    unsigned generation_ = 0;
    name_state state_ = name_state::none;
    bool retry_removal_ = false; // remove() or a removing close() failed: the destructor tries again
};

template< typename C, typename N, typename P, typename Pl >
void swap(basic_named_temp_file< C, N, P, Pl >& a, basic_named_temp_file< C, N, P, Pl >& b) noexcept
{
    a.swap(b);
}

//! The common case: random name in temp_directory_path(), 0600, removed on
//! close (or as Cleanup says).
template< typename Cleanup = delete_on_close >
using named_temp_file = basic_named_temp_file< Cleanup >;

// With BOOST_TEMPFILE_SEPARATE_COMPILATION the default owner is compiled once,
// in libs/tempfile (see detail/config.hpp); nothing otherwise.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, basic_named_temp_file<>)

} // namespace tempfile
} // namespace boost

#endif
