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

//! prefix + Length random characters + suffix. The default, 10 characters,
//! carries 50 bits.
template< std::size_t Length = 10 >
struct random_name
{
    static_assert(Length >= 6, "boost::tempfile::random_name<Length>: Length must be at least 6 (30 bits): "
                               "shorter names collide too often to be found by retrying");
    static constexpr std::size_t length = Length;

    void generate(const options& opts, std::string& name) const
    {
        name.assign(opts.prefix());
        append_random_chars(name, Length);
        name.append(opts.suffix());
    }
};

//! Whole-name template from options::pattern(): every '%' becomes a random
//! character, and so does every 'X' of the last run of six or more 'X'
//! (mkstemp's XXXXXX, here allowed anywhere). A template with neither yields
//! an empty name, which the library reports as invalid_argument.
struct pattern_name
{
    void generate(const options& opts, std::string& name) const
    {
        const std::string& pattern = opts.pattern();
        name.assign(pattern);
        std::size_t run_end = std::string::npos;
        std::size_t run_length = 0;
        for (std::size_t i = pattern.size(); i-- > 0;)
        {
            if (pattern[i] == 'X')
            {
                std::size_t start = i;
                while (start > 0 && pattern[start - 1] == 'X')
                    --start;
                if (i + 1 - start >= 6)
                {
                    run_end = i + 1;
                    run_length = i + 1 - start;
                    break;
                }
                i = start;
            }
        }
        bool any = false;
        random_chars source;
        for (std::size_t i = 0; i < name.size(); ++i)
        {
            const bool in_run = run_end != std::string::npos && i < run_end && i >= run_end - run_length;
            if (name[i] != '%' && !in_run)
                continue;
            name[i] = source.next();
            any = true;
        }
        if (!any)
            name.clear();
    }
};

} // namespace tempfile
} // namespace boost

#endif
