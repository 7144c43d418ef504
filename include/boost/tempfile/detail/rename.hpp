// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_RENAME_HPP
#define BOOST_TEMPFILE_DETAIL_RENAME_HPP
#pragma once

// Publishing a file under its final name without replacing what is there:
// renameat2(RENAME_NOREPLACE) where the kernel and file system have it, else
// link() + unlink(), which fails with EEXIST just as atomically. A kernel
// without renameat2 (ENOSYS) is remembered for the process; a file system
// refusing the flag (EINVAL) is not, as the next target may be elsewhere.

#include <boost/tempfile/detail/linux/sys.hpp>

#include <atomic>
#include <cerrno>
#include <cstdio>

namespace boost {
namespace tempfile {
namespace detail {

constexpr unsigned rename_noreplace = 1; // RENAME_NOREPLACE of <linux/fs.h>

inline std::atomic< bool >& kernel_lacks_renameat2() noexcept
{
    static std::atomic< bool > lacks{false};
    return lacks;
}

//! Renames from -> to unless `to` exists (then EEXIST). 0, or -1 and errno.
//! On failure `published` tells whether `to` names the file all the same:
//! the link was made but `from` could not be removed. `to` is then left
//! alone -- taking it back by name could remove what another process put
//! there in between -- and the caller reports the two names.
template< typename Platform >
int rename_no_replace(const char* from, const char* to, bool& published) noexcept
{
    published = false;
    if (!kernel_lacks_renameat2().load(std::memory_order_relaxed))
    {
        if (rename_at2(Platform{}, AT_FDCWD, from, AT_FDCWD, to, rename_noreplace) == 0)
            return 0;
        if (errno == ENOSYS)
            kernel_lacks_renameat2().store(true, std::memory_order_relaxed);
        else if (errno != EINVAL)
            return -1;
    }
    if (link_at(Platform{}, AT_FDCWD, from, AT_FDCWD, to, 0) != 0)
        return -1;
    published = true;
    if (unlink_at(Platform{}, AT_FDCWD, from, 0) != 0 && errno != ENOENT)
        return -1;
    return 0;
}

//! The message for a failed publication.
inline const char* persist_failure(int e, bool keep_existing) noexcept
{
    if (e == EXDEV)
        return ": the target is on another file system; the file stays where it was";
    if (e == EEXIST && keep_existing)
        return ": the target exists and no_clobber was asked; the file stays where it was";
    return ": cannot give the file its new name; it stays where it was";
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
