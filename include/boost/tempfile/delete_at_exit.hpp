// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DELETE_AT_EXIT_HPP
#define BOOST_TEMPFILE_DELETE_AT_EXIT_HPP
#pragma once

// Removal at the end of the process, for owners whose own end may not come:
// also_at_exit<Base> behaves as Base and also removes the name if the
// process ends first -- at normal exit (std::exit, return from main), at
// std::quick_exit, and when a signal whose disposition was the default one
// kills it (SIGINT, SIGTERM, SIGHUP, SIGQUIT; on Windows the console events
// that end a process). delete_at_exit is also_at_exit<delete_on_destroy>.
//
// Signals belong to the application. The library installs its handler for
// a signal only where the disposition is SIG_DFL when the first such owner
// appears: never over a handler of the application, never over SIG_IGN; an
// application that installs its own handler later replaces ours (nothing
// chains). Our handler removes the entries, restores SIG_DFL and re-raises,
// so the process dies of the signal as it would have. An application that
// handles a signal itself calls run_exit_cleanup() from its handler (it is
// async-signal-safe) when the entries must go. set_signal_cleanup(false), or
// BOOST_TEMPFILE_NO_SIGNAL_HANDLERS for a whole program, installs no handler
// at all. doc/policies.adoc tables what each ending of a program removes.
//
// A forked child never removes its parent's entries. Directories are removed
// with the owner's rules -- no symlink followed, no mount point entered or
// changed, modes repaired through descriptors -- also from a signal handler
// taken on a small stack, also when the process has run out of descriptors
// (a few are reserved) or memory; a signal arriving while an entry is being
// created does not miss it. See detail/exit_registry.hpp and
// detail/{posix,windows}/exit_ops.hpp for how.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/detail/exit_registry.hpp>

#include <boost/filesystem/path.hpp>

#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

//! Whether removal at exit takes a directory's contents: as the policy's
//! own removals do (files have no such member).
template< typename C, typename = void >
struct removes_contents : std::true_type
{
};
template< typename C >
struct removes_contents< C, hook_void_t< decltype(C::recursive) > > : std::integral_constant< bool, C::recursive >
{
};

} // namespace detail

//! Base's behaviour, plus removal at exit and at a deadly signal.
template< typename Base >
class also_at_exit : public Base
{
public:
    also_at_exit() = default;
    also_at_exit(also_at_exit&& other) noexcept : Base(std::move(static_cast< Base& >(other))), entry_(other.entry_)
    {
        other.entry_ = nullptr;
    }
    also_at_exit& operator=(also_at_exit&& other) noexcept
    {
        if (this != &other)
        {
            detail::unregister_for_exit(entry_);
            static_cast< Base& >(*this) = std::move(static_cast< Base& >(other));
            entry_ = other.entry_;
            other.entry_ = nullptr;
        }
        return *this;
    }
    also_at_exit(const also_at_exit&) = delete;
    also_at_exit& operator=(const also_at_exit&) = delete;
    ~also_at_exit() { detail::unregister_for_exit(entry_); }

    //! The owner holds one across creating the entry and calling on_create:
    //! no exit signal handled in between can miss the entry (see
    //! detail::exit_creation_scope).
    using creation_scope = detail::exit_creation_scope;

    void on_create(const filesystem::path& p, entry_kind kind) noexcept
    {
        entry_ = detail::register_for_exit(p, kind, detail::removes_contents< Base >::value);
        detail::notify_create(static_cast< Base& >(*this), p, kind);
    }

    void on_release(const filesystem::path& p, entry_kind kind) noexcept
    {
        detail::unregister_for_exit(entry_);
        entry_ = nullptr;
        detail::notify_release(static_cast< Base& >(*this), p, kind);
    }

    //! Whether the name is registered for removal at exit (false if memory
    //! ran out when it was made, or once the owner let go of it).
    bool registered() const noexcept { return entry_ != nullptr; }

private:
    detail::exit_entry* entry_ = nullptr;
};

//! Files and directories: as delete_on_destroy (files: close() keeps the
//! name; directories: removed recursively), and also removed at exit and at
//! a deadly signal.
using delete_at_exit = also_at_exit< delete_on_destroy >;

//! Removes now every entry this process registered for removal at exit
//! (also_at_exit, delete_at_exit). Async-signal-safe: call it from the
//! application's own handler of a signal the library leaves alone. Usable
//! at any time; the owners of the entries removed find them gone.
inline void run_exit_cleanup() noexcept
{
    detail::run_registered_cleanup(detail::cleanup_moment::on_request);
}

//! Whether the library installs its signal handlers (Windows: its console
//! control handler) with the first also_at_exit owner. false: none is
//! installed, and one installed that is still in place is removed; true
//! (the default, unless BOOST_TEMPFILE_NO_SIGNAL_HANDLERS is defined):
//! installed now if an owner was made already, over SIG_DFL only. Exit and
//! quick_exit cleanup are not affected.
inline void set_signal_cleanup(bool on) noexcept
{
    detail::exit_registry().signal_cleanup.store(on);
    detail::sync_signal_handlers();
}

} // namespace tempfile
} // namespace boost

#endif
