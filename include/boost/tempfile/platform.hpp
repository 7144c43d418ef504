// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_PLATFORM_HPP
#define BOOST_TEMPFILE_PLATFORM_HPP
#pragma once

// Platform policies are tag types. Every system call the library makes is a
// free function overloaded on the tag (see detail/posix/sys.hpp), found by
// argument-dependent lookup. A more specific tag derives from a more general
// one, so its backend overrides only what it improves and inherits the rest.

#include <boost/system/api_config.hpp>
#include <type_traits>

namespace boost {
namespace tempfile {
namespace sys {

//! POSIX.1-2008: openat, mkdirat, unlinkat, fstatat, fdopendir.
struct posix_platform
{
    using native_handle_type = int;
    static constexpr native_handle_type invalid_handle() noexcept { return -1; }
};

//! Linux: POSIX plus O_TMPFILE, getrandom, renameat2, linkat(AT_EMPTY_PATH).
struct linux_platform : posix_platform
{
};

//! Windows (Vista and later; mingw-w64 or MSVC): CreateFileW with CREATE_NEW
//! and an owner-only DACL, FILE_FLAG_DELETE_ON_CLOSE, BCryptGenRandom. The
//! handle is a HANDLE; INVALID_HANDLE_VALUE marks none.
struct windows_platform
{
    using native_handle_type = void*;
    // INVALID_HANDLE_VALUE, spelled without <windows.h>.
    static native_handle_type invalid_handle() noexcept { return reinterpret_cast< void* >(static_cast< long long >(-1)); } // NOLINT(performance-no-int-to-ptr)
};

} // namespace sys

using sys::posix_platform;
using sys::linux_platform;
using sys::windows_platform;

// The platform of the system compiled for. Cygwin is POSIX here: only a
// native Windows target (_WIN32) gets the Windows backend.
// BOOST_TEMPFILE_FORCE_POSIX_PLATFORM makes Linux use the plain POSIX
// backend -- no O_TMPFILE, renameat2, memfd_create, O_PATH, statx -- so that
// the fallbacks macOS and the BSDs run can be built and tested on Linux.
#if defined(_WIN32)
#define BOOST_TEMPFILE_WINDOWS 1
using system_platform = windows_platform;
#elif defined(__linux__) && !defined(BOOST_TEMPFILE_FORCE_POSIX_PLATFORM)
using system_platform = linux_platform;
#else
using system_platform = posix_platform;
#endif

#if defined(BOOST_TEMPFILE_FAULT_INJECTION)
// Fault injection in the default types (named_temp_file<>, atomic_file, ...):
// defined for a whole program (every translation unit alike, or the types
// differ between them), native_platform becomes
// fault_injecting_platform<system_platform>, so that fault_injection::fail()
// reaches code that never names a platform. Without the macro nothing of it
// is compiled: the default types cost what they cost.
namespace sys {
template< typename Base >
struct fault_injecting_platform;
} // namespace sys
using native_platform = sys::fault_injecting_platform< system_platform >;
} // namespace tempfile
} // namespace boost
#include <boost/tempfile/fault_injection.hpp>
namespace boost {
namespace tempfile {
#else
//! The platform policy the owners use by default.
using native_platform = system_platform;
#endif

//! The handle type of the native platform: a file descriptor on POSIX, a
//! HANDLE on Windows.
using native_handle_type = system_platform::native_handle_type;

//! True for the types the library accepts as a platform policy: those of
//! the system being compiled for (the POSIX tags on POSIX systems, the
//! Windows tag on Windows), and types derived from them.
template< typename Platform >
struct is_platform
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    static constexpr bool value = std::is_base_of< windows_platform, Platform >::value;
#else
    static constexpr bool value = std::is_base_of< posix_platform, Platform >::value;
#endif
};

} // namespace tempfile
} // namespace boost

#endif
