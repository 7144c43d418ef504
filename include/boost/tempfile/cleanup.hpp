// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_CLEANUP_HPP
#define BOOST_TEMPFILE_CLEANUP_HPP
#pragma once

// Cleanup policies say what happens to the name when an owner closes and when
// it ends. A policy object lives inside the owner, so it may keep state.
// The verbs every owner offers whatever its policy -- remove(), keep(),
// release() -- and what each policy adds are tabled in doc/policies.adoc.
//
// File cleanup contract (named_temp_file), checked by detail/policy_checks.hpp:
//     nothrow default-constructible and nothrow move-constructible;
//     bool remove_on_close() const noexcept;    // close() also removes the name
//     bool remove_on_destroy() const noexcept;  // the destructor removes the name
// Directory cleanup contract (temp_dir):
//     nothrow default-constructible and nothrow move-constructible;
//     bool remove_on_destroy() const noexcept;
//     static constexpr bool recursive;          // removals take the contents too
//
// `keep` and `delete_on_destroy` serve both.
//
// Optional hooks, called when present (all noexcept):
//     void on_create(const filesystem::path&, entry_kind) noexcept;  // the owner made it
//     void on_keep(const filesystem::path&, entry_kind) noexcept;    // the owner's end left it by policy
//     void on_release(const filesystem::path&, entry_kind) noexcept; // the owner is no longer responsible
//                                                                    // (removed, kept, persisted, released)
// Optional type: `creation_scope`, nothrow default-constructible; the owner
// holds one from before it creates the entry until on_create has returned
// (also_at_exit blocks its signals there). Policies without it cost nothing.
//
// Orthogonal choices combine without writing a policy: *when* the owner
// removes (delete_on_close, delete_on_destroy, keep; for directories
// recursive_remove, remove_if_empty) and three adaptors over any of them:
// also_at_exit<Base> (delete_at_exit.hpp: also removed at exit and at a
// deadly signal), kept_on_error<Base> (nothing removed while an exception
// newer than the owner unwinds) and switchable<Base> (the automatic removals
// turned off and on again at run time).

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/dir_ops.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>

#include <atomic>
#include <cstdio>
#include <exception>
#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {

//! What a cleanup hook is told it is looking after.
enum class entry_kind
{
    file,
    directory
};

//! Files: close() removes the name; so does the end of the owner's life.
//! (Python's NamedTemporaryFile(delete=True).)
struct delete_on_close
{
    bool remove_on_close() const noexcept { return true; }
    bool remove_on_destroy() const noexcept { return true; }
};

//! Files: close() keeps the name so that another process can open it; the
//! end of the owner's life removes it. (Python's delete_on_close=False.)
//! Directories: removed with everything inside when the owner ends.
struct delete_on_destroy
{
    static constexpr bool recursive = true;
    bool remove_on_close() const noexcept { return false; }
    bool remove_on_destroy() const noexcept { return true; }
};

//! Files and directories: never removed by the owner's end; remove() still
//! removes (a directory with its contents). (Python's delete=False, mkdtemp.)
struct keep
{
    static constexpr bool recursive = true;
    bool remove_on_close() const noexcept { return false; }
    bool remove_on_destroy() const noexcept { return false; }
};

//! Directories: removed with everything inside when the owner ends.
//! (Python's TemporaryDirectory.)
struct recursive_remove
{
    static constexpr bool recursive = true;
    bool remove_on_destroy() const noexcept { return true; }
};

//! Directories: removed when the owner ends only if empty by then; a
//! directory that still holds something is left in place. remove() too
//! removes only an empty one (directory_not_empty otherwise).
struct remove_if_empty
{
    static constexpr bool recursive = false;
    bool remove_on_destroy() const noexcept { return true; }
};

// ---- the "kept for inspection" report ------------------------------------------------------

//! Told of each entry kept_on_error (keep_on_error) left in place because
//! an exception was unwinding. Runs in a destructor during unwinding: it
//! must not throw.
using kept_reporter = void (*)(const filesystem::path&, entry_kind) noexcept;

//! The default report: one line on the C stream stderr -- so that whatever
//! the application did to stderr (freopen, a buffer, another FILE*) applies;
//! never a write to descriptor 2 behind its back.
inline void report_kept_to_stderr(const filesystem::path& p, entry_kind kind) noexcept
{
    std::FILE* out = stderr;
    if (!out)
        return;
    std::fputs(kind == entry_kind::file ? "boost::tempfile: kept file " : "boost::tempfile: kept directory ", out);
    detail::put_path(out, p.c_str());
    std::fputs(" for inspection (its scope was left by an exception)\n", out);
    std::fflush(out);
}

namespace detail {

// One for the whole process (see detail/config.hpp).
BOOST_TEMPFILE_DECL std::atomic< kept_reporter >& kept_reporter_slot() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL std::atomic< kept_reporter >& kept_reporter_slot() noexcept
{
    static std::atomic< kept_reporter > slot{&report_kept_to_stderr};
    return slot;
}
#endif

} // namespace detail

//! Replaces the kept reporter of the process (nullptr: report nothing) and
//! returns the previous one.
inline kept_reporter set_kept_reporter(kept_reporter reporter) noexcept
{
    return detail::kept_reporter_slot().exchange(reporter, std::memory_order_acq_rel);
}

namespace detail {

template< typename... >
using hook_void_t = void;

template< typename C, typename = void >
struct has_on_create : std::false_type {};
template< typename C >
struct has_on_create< C, hook_void_t< decltype(std::declval< C& >().on_create(std::declval< const filesystem::path& >(), entry_kind::file)) > >
    : std::true_type {};

template< typename C, typename = void >
struct has_on_keep : std::false_type {};
template< typename C >
struct has_on_keep< C, hook_void_t< decltype(std::declval< C& >().on_keep(std::declval< const filesystem::path& >(), entry_kind::file)) > >
    : std::true_type {};

template< typename C, typename = void >
struct has_on_release : std::false_type {};
template< typename C >
struct has_on_release< C, hook_void_t< decltype(std::declval< C& >().on_release(std::declval< const filesystem::path& >(), entry_kind::file)) > >
    : std::true_type {};

//! What an owner holds across creation and on_create: the policy's
//! creation_scope, or an empty object.
template< typename C, typename = void >
struct creation_scope_of
{
    struct type
    {
    };
};
template< typename C >
struct creation_scope_of< C, hook_void_t< typename C::creation_scope > >
{
    using type = typename C::creation_scope;
};

template< typename C >
void notify_create(C& c, const filesystem::path& p, entry_kind k, std::true_type) noexcept { c.on_create(p, k); }
template< typename C >
void notify_create(C&, const filesystem::path&, entry_kind, std::false_type) noexcept {}
template< typename C >
void notify_create(C& c, const filesystem::path& p, entry_kind k) noexcept { notify_create(c, p, k, has_on_create< C >{}); }

template< typename C >
void notify_keep(C& c, const filesystem::path& p, entry_kind k, std::true_type) noexcept { c.on_keep(p, k); }
template< typename C >
void notify_keep(C&, const filesystem::path&, entry_kind, std::false_type) noexcept {}
template< typename C >
void notify_keep(C& c, const filesystem::path& p, entry_kind k) noexcept { notify_keep(c, p, k, has_on_keep< C >{}); }

template< typename C >
void notify_release(C& c, const filesystem::path& p, entry_kind k, std::true_type) noexcept { c.on_release(p, k); }
template< typename C >
void notify_release(C&, const filesystem::path&, entry_kind, std::false_type) noexcept {}
template< typename C >
void notify_release(C& c, const filesystem::path& p, entry_kind k) noexcept { notify_release(c, p, k, has_on_release< C >{}); }

} // namespace detail

//! Base's behaviour, except that nothing is removed while an exception newer
//! than the object unwinds -- neither at close() nor at destruction: the
//! entry stays as evidence and the kept reporter (set_kept_reporter) is
//! told. Create the owner inside the scope that may throw. Base's hooks and
//! creation scope are kept.
template< typename Base >
class kept_on_error : public Base
{
public:
    kept_on_error() noexcept(std::is_nothrow_default_constructible< Base >::value)
        : uncaught_(std::uncaught_exceptions())
    {
    }

    //! True while an exception newer than this object is in flight.
    bool unwinding() const noexcept { return std::uncaught_exceptions() > uncaught_; }

    //! Files: as Base says, but never while unwinding (present only if
    //! Base is a file policy).
    template< typename B = Base, typename = decltype(std::declval< const B& >().remove_on_close()) >
    bool remove_on_close() const noexcept
    {
        return Base::remove_on_close() && !unwinding();
    }

    bool remove_on_destroy() const noexcept { return Base::remove_on_destroy() && !unwinding(); }

    void on_keep(const filesystem::path& p, entry_kind kind) noexcept
    {
        if (Base::remove_on_destroy() && unwinding())
        {
            const kept_reporter report = detail::kept_reporter_slot().load(std::memory_order_acquire);
            if (report)
                report(p, kind);
        }
        detail::notify_keep(static_cast< Base& >(*this), p, kind);
    }

private:
    int uncaught_;
};

//! Base's behaviour, with a switch that turns the automatic removals --
//! close() and the end of the owner -- off and on again at run time (Rust's
//! disable_cleanup(bool)): `f.cleanup().disable_cleanup()`. Unlike the
//! owner's keep(), which is final (the owner stops owning the name and
//! remove() is refused from then on), a disabled switch keeps the name
//! owned: owns_name() stays true, remove() still removes, and
//! disable_cleanup(false) brings Base's cleanup back. Two things it does not
//! stop: the retry of a remove() that failed (an explicit request, ended
//! only by keep()), and the removal at exit of an entry also_at_exit
//! registered (put switchable inside it, and call keep() to keep an entry
//! past the program). Put it innermost when combining: kept_on_error<
//! switchable<B>> then reports nothing for an entry the switch kept.
template< typename Base >
class switchable : public Base
{
public:
    switchable() noexcept(std::is_nothrow_default_constructible< Base >::value) = default;

    //! Turns the owner's automatic removals off (true) or back on (false).
    void disable_cleanup(bool disabled = true) noexcept { disabled_ = disabled; }

    //! Whether the automatic removals are off.
    bool cleanup_disabled() const noexcept { return disabled_; }

    //! Files: as Base says while enabled, false while disabled (present
    //! only if Base is a file policy).
    template< typename B = Base, typename = decltype(std::declval< const B& >().remove_on_close()) >
    bool remove_on_close() const noexcept
    {
        return !disabled_ && Base::remove_on_close();
    }

    bool remove_on_destroy() const noexcept { return !disabled_ && Base::remove_on_destroy(); }

private:
    bool disabled_ = false;
};

//! Files and directories: removed when the owner ends normally (never at
//! close()); left in place, and reported (set_kept_reporter; by default a
//! line on stderr), when the owner ends because an exception is leaving its
//! scope -- the evidence stays for debugging, also when the failure comes
//! after close().
using keep_on_error = kept_on_error< delete_on_destroy >;

} // namespace tempfile
} // namespace boost

#endif
