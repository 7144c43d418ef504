// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_NAMING_HPP
#define BOOST_TEMPFILE_NAMING_HPP
#pragma once

// Naming policies make candidate file names. Contract (checked by
// detail/policy_checks.hpp): default-constructible, and
//     void generate(const options& opts, std::string& name);
// replaces `name` with one candidate (a file name, not a path). The library
// calls it again after each collision, rejects a name that is empty, "." or
// "..", or holds a separator or NUL, and creates the file or directory
// exclusively, so a policy need not be clever about races, only about spread.

#include <boost/tempfile/detail/random.hpp>
#include <boost/tempfile/options.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace boost {
namespace tempfile {

//! 32 characters, safe in file names everywhere, and distinct also where
//! names are case-insensitive (Windows, macOS): each one carries 5 bits.
constexpr const char name_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
constexpr std::size_t name_alphabet_bits = 5;

//! 64 unpredictable bits from this thread's generator (keyed from the OS
//! generator once per thread and again after fork): for naming policies.
inline std::uint64_t random_bits() noexcept
{
    return detail::random_word();
}

//! Gives this thread's generator a fresh key from the OS generator. The
//! library does so itself after repeated collisions.
inline void renew_random_key() noexcept
{
    detail::rekey(detail::thread_random_state());
}

//! Hands out characters of name_alphabet, 5 random bits each, drawing a new
//! 64-bit word only every 12 characters.
class random_chars
{
public:
    char next() noexcept
    {
        if (left_ < name_alphabet_bits)
        {
            bits_ = random_bits();
            left_ = 64;
        }
        const char c = name_alphabet[bits_ & 31u];
        bits_ >>= name_alphabet_bits;
        left_ -= name_alphabet_bits;
        return c;
    }

private:
    std::uint64_t bits_ = 0;
    std::size_t left_ = 0;
};

//! Appends n random characters of name_alphabet.
inline void append_random_chars(std::string& out, std::size_t n)
{
    random_chars source;
    char chunk[16]; // one append per 16 characters, not one per character
    while (n > 0)
    {
        const std::size_t now = n < sizeof chunk ? n : sizeof chunk;
        for (std::size_t i = 0; i < now; ++i)
            chunk[i] = source.next();
        out.append(chunk, now);
        n -= now;
    }
}

//! The fewest random characters a name may carry: 6, that is 30 bits. Fewer
//! leave so few names that a local user can create them all beforehand and
//! so block every creation (32 names for one character). random_name's
//! Length and the placeholders of a pattern_name pattern are held to it.
constexpr std::size_t min_random_chars = 6;

namespace detail {

//! What a pattern says, read once from left to right: the rules of
//! pattern_name, in one place for generate() and for the options check.
struct pattern_reading
{
    std::size_t random = 0;                      //!< placeholders: random characters in each name
    std::size_t bad_escape = std::string::npos;  //!< offset of a '\' that escapes nothing
};

//! Runs literal(char) for each character the name keeps and random() for
//! each placeholder, in order; stops at a '\' that escapes nothing.
template< typename Literal, typename Random >
pattern_reading read_pattern(const std::string& pattern, Literal literal, Random random)
{
    pattern_reading r;
    const std::size_t n = pattern.size();
    for (std::size_t i = 0; i < n;)
    {
        const char c = pattern[i];
        if (c == '\\')
        {
            const char next = i + 1 < n ? pattern[i + 1] : '\0';
            if (i + 1 == n || (next != '%' && next != 'X' && next != '\\'))
            {
                r.bad_escape = i;
                return r;
            }
            literal(next);
            i += 2;
        }
        else if (c == '%')
        {
            random();
            ++r.random;
            ++i;
        }
        else if (c == 'X')
        {
            std::size_t end = i;
            while (end < n && pattern[end] == 'X')
                ++end;
            const bool placeholders = end - i >= min_random_chars;
            for (; i < end; ++i)
            {
                if (placeholders)
                {
                    random();
                    ++r.random;
                }
                else
                    literal('X');
            }
        }
        else
        {
            literal(c);
            ++i;
        }
    }
    return r;
}

//! A name made from `pattern` by pattern_name's rules (below); empty when
//! the pattern is refused (a stray backslash, too few placeholders).
inline void generate_from_pattern(const std::string& pattern, std::string& name)
{
    name.clear();
    name.reserve(pattern.size());
    random_chars source;
    const pattern_reading r =
        read_pattern(pattern, [&name](char c) { name += c; }, [&name, &source] { name += source.next(); });
    if (r.bad_escape != std::string::npos || r.random < min_random_chars)
        name.clear();
}

} // namespace detail

//! prefix + Length random characters + suffix. The default, 10 characters,
//! carries 50 bits. options().random_length(n), when set, wins over Length
//! (checked at run time: 0 for the exact name prefix + suffix, tried once,
//! else 6 to 255). When the caller set a pattern (options().pattern()),
//! the name comes from the pattern instead, by pattern_name's rules; a
//! pattern set together with a prefix or suffix is refused before anything
//! is created (invalid_argument), as no name could honour both.
template< std::size_t Length = 10 >
struct random_name
{
    static_assert(Length >= min_random_chars,
                  "boost::tempfile::random_name<Length>: Length must be at least 6 (30 bits): "
                  "shorter names collide too often to be found by retrying");
    static constexpr std::size_t length = Length;

    void generate(const options& opts, std::string& name) const
    {
        if (opts.has_pattern())
        {
            detail::generate_from_pattern(opts.pattern(), name);
            return;
        }
        name.assign(opts.prefix());
        append_random_chars(name, opts.has_random_length() ? opts.random_length() : Length);
        name.append(opts.suffix());
    }
};


//! Whole-name template from options::pattern(). Placeholders, each one
//! random character of name_alphabet:
//!   - every '%';
//!   - every 'X' of every run of six or more 'X' (mkstemp's XXXXXX, allowed
//!     anywhere and any number of times). A run of one to five 'X' is text.
//! A backslash makes the next character text: "\%" is a '%', "\X" an 'X' that
//! belongs to no run, "\\" a '\'. A backslash before anything else, or at the
//! end, is an error (so that a Windows path "a\b" is not silently read as
//! "ab"). A pattern needs at least min_random_chars placeholders: the library
//! refuses one with fewer, or with a stray backslash, before creating
//! anything (invalid_argument naming the pattern); generate() itself then
//! makes an empty name. The whole name comes from the pattern: a prefix or
//! suffix the caller set is refused the same way rather than ignored.
struct pattern_name
{
    void generate(const options& opts, std::string& name) const { detail::generate_from_pattern(opts.pattern(), name); }
};

//! `text` with every '%', 'X' and '\' escaped, so that it stands for itself
//! in a pattern: options().pattern(escape_pattern(user_text) + "-XXXXXX").
inline std::string escape_pattern(const std::string& text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    for (const char c : text)
    {
        if (c == '%' || c == 'X' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace tempfile
} // namespace boost

#endif
