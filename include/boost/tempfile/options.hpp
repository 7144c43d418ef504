// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_OPTIONS_HPP
#define BOOST_TEMPFILE_OPTIONS_HPP
#pragma once

// The run-time choices of a creation: where, and how the name looks.
// Compile-time choices (cleanup, naming scheme, modes, platform) are policies.

#include <boost/filesystem/path.hpp>
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

private:
    static constexpr unsigned char prefix_set = 1, suffix_set = 2, pattern_set = 4;

    std::string prefix_ = "tmp";
    std::string suffix_;
    std::string pattern_;
    filesystem::path dir_;
    unsigned attempts_ = 100;
    unsigned char set_ = 0;
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
