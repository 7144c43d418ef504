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

//! Windows: declared so that code can name it; its backend is not part of
//! this release.
struct windows_platform
{
    using native_handle_type = void*;
    static native_handle_type invalid_handle() noexcept { return reinterpret_cast< void* >(-1); } // NOLINT(performance-no-int-to-ptr): INVALID_HANDLE_VALUE is defined so
};

} // namespace sys

using sys::posix_platform;
using sys::linux_platform;
using sys::windows_platform;

#if defined(BOOST_WINDOWS_API)
#error "Boost.TempFile: the Windows backend is not available yet"
#elif defined(__linux__)
using native_platform = linux_platform;
#else
using native_platform = posix_platform;
#endif

//! The handle type of the native platform: a file descriptor on POSIX.
using native_handle_type = native_platform::native_handle_type;

//! True for the types the library accepts as a platform policy.
template< typename Platform >
struct is_platform
{
    static constexpr bool value = std::is_base_of< posix_platform, Platform >::value;
};

} // namespace tempfile
} // namespace boost

#endif
