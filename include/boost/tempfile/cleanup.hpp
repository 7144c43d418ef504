// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_CLEANUP_HPP
#define BOOST_TEMPFILE_CLEANUP_HPP
#pragma once

// Cleanup policies say what happens to the name when an owner closes and when
// it ends. A policy object lives inside the owner, so it may keep state.
//
// File cleanup contract (named_temp_file), checked by detail/policy_checks.hpp:
//     nothrow default-constructible and nothrow move-constructible;
//     bool remove_on_close() const noexcept;    // close() also removes the name
//     bool remove_on_destroy() const noexcept;  // the destructor removes the name
// Directory cleanup contract (temp_dir):
//     nothrow default-constructible and nothrow move-constructible;
//     bool remove_on_destroy() const noexcept;
//     static constexpr bool recursive;          // remove the contents too
//
// `keep` serves both.
//
// Optional hooks, called when present (all noexcept):
//     void on_create(const filesystem::path&, entry_kind) noexcept;  // the owner made it
//     void on_keep(const filesystem::path&, entry_kind) noexcept;    // the owner's end left it by policy
//     void on_release(const filesystem::path&, entry_kind) noexcept; // the owner is no longer responsible
//                                                                    // (removed, kept, persisted, released)
// Optional type: `creation_scope`, nothrow default-constructible; the owner
// holds one from before it creates the entry until on_create has returned
// (delete_at_exit blocks its signals there). Policies without it cost nothing.

#include <boost/filesystem/path.hpp>

#include <cstddef>
#include <exception>
#include <type_traits>
#include <utility>
#include <boost/tempfile/platform.hpp>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <unistd.h>
#endif

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
struct delete_on_destroy
{
    bool remove_on_close() const noexcept { return false; }
    bool remove_on_destroy() const noexcept { return true; }
};

//! Files and directories: never removed. (Python's delete=False, mkdtemp.)
struct keep
{
    static constexpr bool recursive = false;
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
//! directory that still holds something is left in place.
struct remove_if_empty
{
    static constexpr bool recursive = false;
    bool remove_on_destroy() const noexcept { return true; }
};

//! Files and directories: removed when the owner ends normally; left in
//! place, and its path written to standard error, when the owner ends
//! because an exception is leaving its scope -- the evidence stays for
//! debugging. Create the owner inside the scope that may throw.
class keep_on_error
{
public:
    static constexpr bool recursive = true;

    keep_on_error() noexcept : uncaught_(std::uncaught_exceptions()) {}

    //! True unless an exception newer than this object is in flight.
    bool unwinding() const noexcept { return std::uncaught_exceptions() > uncaught_; }

    bool remove_on_close() const noexcept { return !unwinding(); }
    bool remove_on_destroy() const noexcept { return !unwinding(); }

    void on_keep(const filesystem::path& p, entry_kind kind) const noexcept
    {
        // write(2): nothing here may throw or allocate while unwinding.
        const char* what = kind == entry_kind::file ? "boost::tempfile: kept file " : "boost::tempfile: kept directory ";
        const char* tail = " for inspection (its scope was left by an exception)\n";
        write_all(what);
#if defined(BOOST_TEMPFILE_WINDOWS)
        detail::win::write_stderr(p.c_str());
#else
        write_all(p.c_str());
#endif
        write_all(tail);
    }

private:
    static void write_all(const char* s) noexcept
    {
        std::size_t n = 0;
        while (s[n])
            ++n;
#if defined(BOOST_TEMPFILE_WINDOWS)
        HANDLE err = ::GetStdHandle(STD_ERROR_HANDLE);
        DWORD put;
        if (err != nullptr && err != INVALID_HANDLE_VALUE)
            ::WriteFile(err, s, static_cast< DWORD >(n), &put, nullptr);
#else
        while (n > 0)
        {
            const ::ssize_t w = ::write(2, s, n);
            if (w <= 0)
                return;
            s += w;
            n -= static_cast< std::size_t >(w);
        }
#endif
    }

    int uncaught_;
};

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

} // namespace tempfile
} // namespace boost

#endif
