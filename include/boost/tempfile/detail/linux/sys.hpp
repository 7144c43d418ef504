#ifndef BOOST_TEMPFILE_DETAIL_LINUX_SYS_HPP
#define BOOST_TEMPFILE_DETAIL_LINUX_SYS_HPP
#pragma once

// Linux additions to the POSIX layer. Only what Linux does better is here;
// everything else falls back to the posix_platform overloads.

#include <boost/tempfile/detail/posix/sys.hpp>

#if defined(__linux__)
#include <fcntl.h>
#endif

namespace boost {
namespace tempfile {
namespace sys {

#if defined(__linux__) && defined(O_TMPFILE)
//! An unnamed file in the directory `dir` (Linux 3.11+, and only on file
//! systems that support it: the caller falls back on EOPNOTSUPP/EISDIR/EINVAL).
inline int open_tmpfile(linux_platform, int dirfd, const char* dir, int flags, ::mode_t mode) noexcept
{
    return ::openat(dirfd, dir, flags | O_TMPFILE, mode);
}
#endif

} // namespace sys
} // namespace tempfile
} // namespace boost

#endif
