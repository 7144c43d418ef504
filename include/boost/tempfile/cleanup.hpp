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

namespace boost {
namespace tempfile {

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

} // namespace tempfile
} // namespace boost

#endif
