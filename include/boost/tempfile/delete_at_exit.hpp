// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DELETE_AT_EXIT_HPP
#define BOOST_TEMPFILE_DELETE_AT_EXIT_HPP
#pragma once

#include <boost/tempfile/platform.hpp>

// A cleanup policy for files and directories that behaves as
// delete_on_destroy (files: close() keeps the name; directories: removed
// recursively) and also removes the name if the process ends first: at
// normal exit (std::exit, return from main) and when it dies of SIGINT,
// SIGTERM, SIGHUP or SIGQUIT. The signal handlers are installed with the
// first such owner; a handler installed before is called after the cleanup,
// then the signal's default action ends the process, so exit statuses stay
// right. Signals ignored at that moment stay ignored. A forked child never
// removes its parent's entries. Directories are removed with the owner's
// rules -- no symlink followed, no mount point entered or changed (bind
// mounts of the tree's own file system included), modes repaired through
// descriptors, the root's included -- also from a signal handler taken on a
// small stack, also when the process has run out of descriptors (a few are
// reserved) or memory; a signal arriving while an entry is being created
// does not miss it. See detail/exit_registry.hpp for how, and why the signal
// path is safe.
//
// On Windows the name is removed at normal exit and on the console events
// that end a process (Ctrl+C, Ctrl+Break, console closed, logoff, shutdown),
// from a console control handler; see detail/windows/exit_registry.hpp for
// how it chains with other handlers.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/exit_registry.hpp>

#include <boost/filesystem/path.hpp>

namespace boost {
namespace tempfile {

class delete_at_exit
{
public:
    static constexpr bool recursive = true;

    delete_at_exit() noexcept = default;
    delete_at_exit(delete_at_exit&& other) noexcept : entry_(other.entry_) { other.entry_ = nullptr; }
    delete_at_exit& operator=(delete_at_exit&& other) noexcept
    {
        if (this != &other)
        {
            detail::unregister_for_exit(entry_);
            entry_ = other.entry_;
            other.entry_ = nullptr;
        }
        return *this;
    }
    delete_at_exit(const delete_at_exit&) = delete;
    delete_at_exit& operator=(const delete_at_exit&) = delete;
    ~delete_at_exit() { detail::unregister_for_exit(entry_); }

#if !defined(BOOST_TEMPFILE_WINDOWS)
    //! The owner holds one across creating the entry and calling on_create:
    //! no exit signal handled in between can miss the entry (see
    //! detail::exit_creation_scope).
    using creation_scope = detail::exit_creation_scope;
#endif

    bool remove_on_close() const noexcept { return false; }
    bool remove_on_destroy() const noexcept { return true; }

    void on_create(const filesystem::path& p, entry_kind kind) noexcept
    {
        entry_ = detail::register_for_exit(p, kind);
    }

    void on_release(const filesystem::path&, entry_kind) noexcept
    {
        detail::unregister_for_exit(entry_);
        entry_ = nullptr;
    }

    //! Whether the name is registered for removal at exit (false if memory
    //! ran out when it was made, or once the owner let go of it).
    bool registered() const noexcept { return entry_ != nullptr; }

private:
    detail::exit_entry* entry_ = nullptr;
};

} // namespace tempfile
} // namespace boost

#endif
