// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_PUBLISH_HPP
#define BOOST_TEMPFILE_DETAIL_PUBLISH_HPP
#pragma once

// The operations atomic_file is made of -- hold the target's directory,
// create the temporary file beside the target, answer the mode policy's
// questions, give the new content its mode and owner, make it durable,
// publish it, remove it -- declared once here in what they exchange, and
// defined per system in detail/{posix,windows}/publish_ops.hpp. Each takes
// the platform tag first and is written from the tag's system-call layer,
// so that a fault-injecting platform reaches every call; each reports a
// failure by its result and an `int& err` (errno, or a Win32 code).

#include <boost/tempfile/detail/identity.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>

#include <cstddef>
#include <cstdint>

namespace boost {
namespace tempfile {
namespace detail {

//! What commit() learns about the entry it replaces. A symlink that is not
//! followed is no target: commit() replaces the link itself, and nothing
//! of what it leads to -- mode, owner -- may decide what is published.
struct target_facts
{
    bool exists = false;      // a file (not a symlink) is at the name
    mode_type mode = 0;       // its permission bits (07777)
    std::uint64_t owner = 0;  // POSIX: st_uid (unused on Windows)
    std::uint64_t group = 0;  // POSIX: st_gid (unused on Windows)
};

//! The names one atomic_file works with: absolute paths for the systems
//! that act through them (Windows renames to an absolute path), and last
//! components for those that act relative to the pinned directory (POSIX).
struct publish_names
{
    const filesystem::path& target;
    const path_char* target_name;
    const filesystem::path& temp;
    const path_char* temp_name;
};

//! How a publication ended.
struct publish_outcome
{
    enum stage_type
    {
        not_closed,  // the new content could not be closed: nothing published
        refused,     // the rename failed: nothing published
        published,   // the content is at the target
        name_left    // published, but the temporary name could not be removed
    };
    stage_type stage;
    int error; // errno / Win32 code of the failure, 0 if none
};

//! How the steps after a publication ended.
enum class finish_failure
{
    none,
    sync, // the directory sync (or its Windows stand-in) failed
    close // closing the published file failed (Windows: it stays open until then)
};

//! The last component of a native path (after the last separator).
inline const path_char* last_component(const path_char* p) noexcept
{
    const path_char* last = p;
    for (const path_char* c = p; *c; ++c)
        if (is_separator(*c))
            last = c + 1;
    return last;
}

//! The target's name is kept in the temporary name so that a leftover
//! (after a crash) says what it was for; cut so that the whole name stays
//! under the file systems' limit (255) with room for the random part and
//! the suffix.
constexpr std::size_t max_target_name_in_temp = 128;

} // namespace detail
} // namespace tempfile
} // namespace boost

#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/publish_ops.hpp>
#else
#include <boost/tempfile/detail/posix/publish_ops.hpp>
#endif

#endif
