// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_OPTIONS_HPP
#define BOOST_TEMPFILE_OPTIONS_HPP
#pragma once

// The run-time choices of a creation: where, how the name looks, and --
// where a user makes them at run time -- the length of the random part, the
// permission bits and append mode. Compile-time choices (cleanup, naming
// scheme, modes, platform) are policies; an option set here wins over the
// policy's value for that creation (doc/reference.adoc, "options").

#include <boost/tempfile/permissions.hpp>

#include <boost/filesystem/path.hpp>
#include <cstddef>
#include <string>
#include <utility>

namespace boost {
namespace tempfile {

class options
{
public:
    //! Text before the random part of the name (random_name). Default "tmp".
    const std::string& prefix() const noexcept { return prefix_; }
    options& prefix(std::string p) & { prefix_ = std::move(p); set_ |= prefix_set; return *this; }
    options prefix(std::string p) && { prefix(std::move(p)); return std::move(*this); }

    //! Text after the random part of the name (random_name). Default empty.
    const std::string& suffix() const noexcept { return suffix_; }
    options& suffix(std::string s) & { suffix_ = std::move(s); set_ |= suffix_set; return *this; }
    options suffix(std::string s) && { suffix(std::move(s)); return std::move(*this); }

    //! Whole-name template, e.g. "build-XXXXXX.o" or "%%%%-%%%%": what
    //! pattern_name makes its names from, and random_name too when it is set.
    const std::string& pattern() const noexcept { return pattern_; }
    options& pattern(std::string p) & { pattern_ = std::move(p); set_ |= pattern_set; return *this; }
    options pattern(std::string p) && { pattern(std::move(p)); return std::move(*this); }

    //! Whether the caller set the prefix, the suffix, the pattern (even to
    //! the default value): the stock naming policies honour or refuse what
    //! was set, and never ignore it.
    bool has_prefix() const noexcept { return (set_ & prefix_set) != 0; }
    bool has_suffix() const noexcept { return (set_ & suffix_set) != 0; }
    bool has_pattern() const noexcept { return (set_ & pattern_set) != 0; }

    //! Directory to create in. Empty (the default) means temp_directory_path().
    //! A relative directory is taken relative to the current directory.
    const filesystem::path& dir() const noexcept { return dir_; }
    options& dir(filesystem::path d) & { dir_ = std::move(d); return *this; }
    options dir(filesystem::path d) && { dir_ = std::move(d); return std::move(*this); }

    //! How many names to try when each one already exists. Default 100; 0 counts as 1.
    unsigned attempts() const noexcept { return attempts_; }
    options& attempts(unsigned n) & noexcept { attempts_ = n; return *this; }
    options attempts(unsigned n) && noexcept { attempts_ = n; return std::move(*this); }

    //! Open the file for appending: every write goes to the end of the file,
    //! wherever the position is (O_APPEND; on Windows the handle has
    //! FILE_APPEND_DATA without FILE_WRITE_DATA). For named_temp_file,
    //! temp_file and make_temp_file; refused (invalid_argument) by temp_dir,
    //! make_temp_dir and spooled_temp_file. Default false.
    bool append() const noexcept { return append_; }
    options& append(bool on) & noexcept { append_ = on; return *this; }
    options append(bool on) && noexcept { append_ = on; return std::move(*this); }

    //! The number of random characters random_name puts between the prefix
    //! and the suffix, instead of its compile-time Length (Rust's
    //! rand_bytes). 0 asks for the exact name prefix + suffix: one attempt,
    //! and the name's "exists" error at once if it is taken. 1 to 5 are
    //! refused (too few names to be found by retrying, as random_name<N>
    //! refuses them at compile time), and more than 255 (longer than a file
    //! name can be). pattern_name refuses it, and so does random_name
    //! together with a pattern: the pattern decides the random part.
    bool has_random_length() const noexcept { return (set_ & random_length_set) != 0; }
    std::size_t random_length() const noexcept { return random_length_; }
    options& random_length(std::size_t n) & noexcept { random_length_ = n; set_ |= random_length_set; return *this; }
    options random_length(std::size_t n) && noexcept { random_length(n); return std::move(*this); }

    //! Permission bits of what is created, instead of the permission
    //! policy's file_mode or dir_mode (Rust's Builder::permissions). Held to
    //! the policies' rules, at run time (invalid_argument): only permission
    //! bits, never 04000 or 02000; a file mode includes 0600, a directory
    //! mode 0700, and a directory mode that lets group or others write needs
    //! the sticky bit (01000). The umask narrows it as it narrows open() and
    //! mkdir(), unless `exact` (or the policy's own `exact`) asks for exactly
    //! these bits. On Windows a mode that gives nothing to group and others
    //! means the owner-only DACL, any other the DACL inherited from the directory.
    bool has_permissions() const noexcept { return (set_ & permissions_set) != 0; }
    mode_type permissions() const noexcept { return permissions_; }
    bool exact_permissions() const noexcept { return exact_permissions_; }
    options& permissions(mode_type mode, bool exact = false) & noexcept
    {
        permissions_ = mode;
        exact_permissions_ = exact;
        set_ |= permissions_set;
        return *this;
    }
    options permissions(mode_type mode, bool exact = false) && noexcept
    {
        permissions(mode, exact);
        return std::move(*this);
    }

private:
    static constexpr unsigned char prefix_set = 1, suffix_set = 2, pattern_set = 4, random_length_set = 8,
                                   permissions_set = 16;

    std::string prefix_ = "tmp";
    std::string suffix_;
    std::string pattern_;
    filesystem::path dir_;
    unsigned attempts_ = 100;
    std::size_t random_length_ = 0;
    mode_type permissions_ = 0;
    unsigned char set_ = 0;
    bool append_ = false;
    bool exact_permissions_ = false;
};

namespace detail {

//! The default options, made once: owners built without options use this
//! rather than building and destroying four strings per creation.
inline const options& default_options() noexcept
{
    static const options defaults;
    return defaults;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
