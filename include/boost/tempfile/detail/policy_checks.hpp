// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_POLICY_CHECKS_HPP
#define BOOST_TEMPFILE_DETAIL_POLICY_CHECKS_HPP
#pragma once

// Policy contracts, checked where a policy is used, each failure with a
// message that says what is wrong. Later checks are conditional on earlier
// ones so that one mistake gives one message. Each has a compile-fail test
// in test/compile_fail/.

#include <boost/tempfile/cleanup.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <string>
#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

template< typename... >
using void_t = void;

// ---- cleanup ---------------------------------------------------------------

template< typename C, typename = void >
struct has_remove_on_close : std::false_type
{
    static constexpr bool is_noexcept = true; // absent: reported by its own check
};
template< typename C >
struct has_remove_on_close< C, void_t< decltype(std::declval< const C& >().remove_on_close()) > >
    : std::integral_constant< bool, std::is_convertible< decltype(std::declval< const C& >().remove_on_close()), bool >::value >
{
    static constexpr bool is_noexcept = noexcept(std::declval< const C& >().remove_on_close());
};

template< typename C, typename = void >
struct has_remove_on_destroy : std::false_type
{
    static constexpr bool is_noexcept = true; // absent: reported by its own check
};
template< typename C >
struct has_remove_on_destroy< C, void_t< decltype(std::declval< const C& >().remove_on_destroy()) > >
    : std::integral_constant< bool, std::is_convertible< decltype(std::declval< const C& >().remove_on_destroy()), bool >::value >
{
    static constexpr bool is_noexcept = noexcept(std::declval< const C& >().remove_on_destroy());
};

template< typename C, typename = void >
struct has_recursive : std::false_type {};
template< typename C >
struct has_recursive< C, void_t< decltype(static_cast< bool >(C::recursive)) > > : std::true_type {};

template< typename C, bool Present, typename Hook >
struct hook_noexcept_if_present : std::true_type {};
template< typename C, typename Hook >
struct hook_noexcept_if_present< C, true, Hook > : std::integral_constant< bool, Hook::template is_noexcept< C >() > {};

struct on_create_hook
{
    template< typename C >
    static constexpr bool is_noexcept() { return noexcept(std::declval< C& >().on_create(std::declval< const filesystem::path& >(), entry_kind::file)); }
};
struct on_keep_hook
{
    template< typename C >
    static constexpr bool is_noexcept() { return noexcept(std::declval< C& >().on_keep(std::declval< const filesystem::path& >(), entry_kind::file)); }
};
struct on_release_hook
{
    template< typename C >
    static constexpr bool is_noexcept() { return noexcept(std::declval< C& >().on_release(std::declval< const filesystem::path& >(), entry_kind::file)); }
};

template< typename C >
struct hooks_noexcept
    : std::integral_constant< bool, hook_noexcept_if_present< C, has_on_create< C >::value, on_create_hook >::value &&
                                        hook_noexcept_if_present< C, has_on_keep< C >::value, on_keep_hook >::value &&
                                        hook_noexcept_if_present< C, has_on_release< C >::value, on_release_hook >::value >
{
};

template< typename C >
struct check_cleanup_common
{
    static_assert(std::is_nothrow_default_constructible< C >::value,
                  "boost::tempfile: a cleanup policy must be nothrow default-constructible");
    static_assert(std::is_nothrow_move_constructible< C >::value,
                  "boost::tempfile: a cleanup policy must be nothrow move-constructible");
    static_assert(has_remove_on_destroy< C >::value,
                  "boost::tempfile: a cleanup policy needs `bool remove_on_destroy() const noexcept` "
                  "(whether the end of the owner's life removes the name)");
    static constexpr bool destroy_ok = has_remove_on_destroy< C >::value;
    static_assert(hooks_noexcept< C >::value,
                  "boost::tempfile: a cleanup policy's hooks (on_create, on_keep, on_release) must be noexcept: "
                  "owners call them from destructors");
};

template< typename C >
struct check_file_cleanup : check_cleanup_common< C >
{
    static_assert(has_remove_on_close< C >::value,
                  "boost::tempfile: a file cleanup policy needs `bool remove_on_close() const noexcept` "
                  "(whether close() removes the name); directory policies such as recursive_remove have none");
    static_assert(!has_remove_on_close< C >::value || has_remove_on_close< C >::is_noexcept,
                  "boost::tempfile: a cleanup policy's remove_on_close() must be noexcept");
    static_assert(!check_cleanup_common< C >::destroy_ok || has_remove_on_destroy< C >::is_noexcept,
                  "boost::tempfile: a cleanup policy's remove_on_destroy() must be noexcept: destructors call it");
    static constexpr bool value = true;
};

template< typename C >
struct check_dir_cleanup : check_cleanup_common< C >
{
    static_assert(has_recursive< C >::value,
                  "boost::tempfile: a directory cleanup policy needs `static constexpr bool recursive` "
                  "(whether the contents are removed too); file policies such as delete_on_close have none");
    static_assert(!check_cleanup_common< C >::destroy_ok || has_remove_on_destroy< C >::is_noexcept,
                  "boost::tempfile: a cleanup policy's remove_on_destroy() must be noexcept: destructors call it");
    static constexpr bool value = true;
};

// ---- naming ----------------------------------------------------------------

template< typename N, typename = void >
struct has_generate : std::false_type {};
template< typename N >
struct has_generate< N, void_t< decltype(std::declval< N& >().generate(std::declval< const options& >(),
                                                                         std::declval< std::string& >())) > >
    : std::true_type {};

template< typename N >
struct check_naming
{
    static_assert(std::is_default_constructible< N >::value,
                  "boost::tempfile: a naming policy must be default-constructible");
    static_assert(has_generate< N >::value,
                  "boost::tempfile: a naming policy needs `void generate(const boost::tempfile::options&, "
                  "std::string& name)` that writes one candidate file name");
    static constexpr bool value = true;
};

// ---- permissions -----------------------------------------------------------

template< typename P, typename = void >
struct has_modes : std::false_type {};
template< typename P >
struct has_modes< P, void_t< decltype(static_cast< mode_type >(P::file_mode)), decltype(static_cast< mode_type >(P::dir_mode)),
                             decltype(static_cast< bool >(P::exact)) > > : std::true_type {};

template< typename P, bool = has_modes< P >::value >
struct modes_of
{
    static constexpr mode_type file_mode = 0600, dir_mode = 0700;
    static constexpr bool exact = false;
};
template< typename P >
struct modes_of< P, true >
{
    static constexpr mode_type file_mode = P::file_mode, dir_mode = P::dir_mode;
    static constexpr bool exact = P::exact;
};

//! S_ISUID, S_ISGID, S_ISVTX and the write bits of group and others.
constexpr mode_type set_id_bits = 06000u, sticky_bit = 01000u, shared_write_bits = 022u;

template< typename P >
struct check_permissions
{
    static_assert(has_modes< P >::value,
                  "boost::tempfile: a permission policy needs `static constexpr mode_type file_mode`, "
                  "`static constexpr mode_type dir_mode` and `static constexpr bool exact`");
    static_assert((modes_of< P >::file_mode & ~07777u) == 0 && (modes_of< P >::dir_mode & ~07777u) == 0,
                  "boost::tempfile: permission modes hold only permission bits (07777)");
    static_assert((modes_of< P >::file_mode & 0600u) == 0600u,
                  "boost::tempfile: a permission policy's file_mode must include 0600: "
                  "the owner must be able to read and write its own temporary file");
    static_assert((modes_of< P >::dir_mode & 0700u) == 0700u,
                  "boost::tempfile: a permission policy's dir_mode must include 0700: "
                  "a temporary directory must stay usable by its owner");
    static_assert(((modes_of< P >::file_mode | modes_of< P >::dir_mode) & set_id_bits) == 0,
                  "boost::tempfile: a permission policy's modes must not hold 04000 (S_ISUID) or 02000 (S_ISGID): "
                  "nothing the library creates carries the privileges of its creator");
    static_assert((modes_of< P >::dir_mode & shared_write_bits) == 0 || (modes_of< P >::dir_mode & sticky_bit) != 0,
                  "boost::tempfile: a permission policy's dir_mode lets group or others write (020, 002) without "
                  "the sticky bit (01000): they could remove or replace every file in the directory; add 01000, or "
                  "take the write bits away");
    static constexpr bool value = true;
};

// ---- platform --------------------------------------------------------------

//! The platform's handle type, or int for a type that is no platform (its
//! own check reports that), so that one mistake gives one message.
template< typename P, bool = is_platform< P >::value >
struct handle_type_of
{
    using type = int;
    static constexpr type invalid() noexcept { return -1; }
};
template< typename P >
struct handle_type_of< P, true >
{
    using type = typename P::native_handle_type;
    static constexpr type invalid() noexcept { return P::invalid_handle(); }
};

template< typename P >
struct check_platform
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    static_assert(is_platform< P >::value,
                  "boost::tempfile: the platform policy must be windows_platform, native_platform or a type "
                  "derived from one of them");
#else
    static_assert(is_platform< P >::value,
                  "boost::tempfile: the platform policy must be posix_platform, linux_platform, "
                  "native_platform or a type derived from one of them");
#endif
    static constexpr bool value = true;
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
