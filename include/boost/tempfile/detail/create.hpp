// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_CREATE_HPP
#define BOOST_TEMPFILE_DETAIL_CREATE_HPP
#pragma once

// The creation loop shared by files, directories and make_temp_*: check the
// options, ask the naming policy for a candidate, create it exclusively,
// and move on to another name only when the name was taken (EEXIST). Any
// other error is final and reported at once with the directory.

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/path_chars.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/temp_directory.hpp>

#include <boost/core/no_exceptions_support.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

//! Renew the generator's key after this many collisions in a row: a run of
//! collisions means someone may be predicting names.
constexpr unsigned collisions_before_rekey = 3;

//! Whether c may stand in a prefix, suffix or generated name: no separator,
//! no NUL, so that the text cannot leave the directory it names a file in. On
//! Windows '\\' is a separator too, and ':' (a drive, or an NTFS alternate
//! data stream) is refused as well.
inline bool allowed_in_name(char c) noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    if (c == '\\' || c == ':')
        return false;
#endif
    return c != '/' && c != '\0';
}

inline bool valid_name_part(const std::string& s) noexcept
{
    return std::all_of(s.begin(), s.end(), allowed_in_name);
}

inline bool valid_file_name(const std::string& s) noexcept
{
    const bool dots = (s.size() == 1 && s[0] == '.') || (s.size() == 2 && s[0] == '.' && s[1] == '.');
    return !s.empty() && !dots && valid_name_part(s);
}

//! The absolute directory a creation happens in; empty when reported. The
//! default directory comes from this thread's cache, `storage` holds any other.
inline const filesystem::path& creation_dir(const options& opts, filesystem::path& storage, system::error_code* ec)
{
    if (opts.dir().empty())
        return cached_temp_directory_path(ec);
    if (is_normal_absolute(opts.dir()))
    {
        clear(ec);
        return opts.dir();
    }
    storage = absolute_dir(opts.dir(), ec);
    return storage;
}

//! Whether a naming policy makes its names from options().pattern(): then
//! the pattern is checked once per creation, not once per name.
template< typename Naming >
struct reads_pattern : std::is_base_of< pattern_name, Naming >
{
};

//! The stock random_name is not run through the general naming contract:
//! its candidates are written in place into the one path buffer (no name
//! string, no append per attempt) and need no check -- the prefix and suffix
//! were checked once, the random part comes from name_alphabet. Every other
//! naming policy, the user's included, has each name checked.
template< typename Naming >
struct is_random_name : std::false_type
{
};
template< std::size_t Length >
struct is_random_name< random_name< Length > > : std::true_type
{
};

//! The composed name of a new entry as the path its owner keeps. Newer
//! Boost.Filesystem releases move the string into the path without
//! allocating; older ones (1.74, the oldest supported) copy it, and that copy
//! can throw bad_alloc after the entry exists. `undo` (noexcept: remove the
//! new entry by its name, close its handle) then runs before the exception
//! goes on, so that a failed construction leaves nothing behind on every
//! supported release.
template< typename Undo >
filesystem::path adopt_name(path_string& full, Undo&& undo)
{
    filesystem::path result;
    BOOST_TRY
    {
        result = filesystem::path(std::move(full));
    }
    BOOST_CATCH(...)
    {
        undo();
        BOOST_RETHROW
    }
    BOOST_CATCH_END
    return result;
}

//! Text as a message shows it: quoted, control characters as \xNN, so that
//! a NUL or a newline in it cannot cut or forge the message.
inline std::string quoted_text(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text)
    {
        const unsigned char u = static_cast< unsigned char >(c);
        if (u < 0x20 || u == 0x7f)
        {
            const char* const hex = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15u];
        }
        else
            out += c;
    }
    out += '"';
    return out;
}

//! Where a refusal of the options points: the directory the creation
//! happens in (`dir`, or where it would have gone when null) -- never the
//! refused text, which is no path: the text goes into the message, quoted.
inline filesystem::path refusal_path(const options& opts, const filesystem::path* dir)
{
    if (dir)
        return *dir;
    system::error_code ignored; // the option is the error to report, not this one
    filesystem::path storage;
    const filesystem::path& found = creation_dir(opts, storage, &ignored);
    return ignored ? opts.dir() : found;
}

//! Reports options refused before anything is created; false.
inline bool refuse_options(const options& opts, const char* who, const std::string& why, const filesystem::path* dir,
                           system::error_code* ec)
{
    report(errc_code(system::errc::invalid_argument), std::string(who) + why, refusal_path(opts, dir), ec);
    return false;
}

//! Checks the prefix and suffix before anything is created. False: reported.
inline bool check_name_parts(const options& opts, const char* who, system::error_code* ec,
                             const filesystem::path* dir)
{
    if (!valid_name_part(opts.prefix()))
        return refuse_options(opts, who,
                              ": the prefix " + quoted_text(opts.prefix()) +
                                  " holds a path separator or NUL: it is text within one file name, not a path",
                              dir, ec);
    if (!valid_name_part(opts.suffix()))
        return refuse_options(opts, who,
                              ": the suffix " + quoted_text(opts.suffix()) +
                                  " holds a path separator or NUL: it is text within one file name, not a path",
                              dir, ec);
    return true;
}

//! Checks options().pattern() against pattern_name's rules. The error names
//! the pattern in its message and the directory as its path (`dir`, or
//! where the creation would have gone when null): the pattern is no path.
inline bool check_pattern(const options& opts, const char* who, const filesystem::path* dir, system::error_code* ec)
{
    const std::string& pattern = opts.pattern();
    bool separator = false;
    const pattern_reading r = read_pattern(
        pattern, [&separator](char c) noexcept { separator = separator || !allowed_in_name(c); }, []() noexcept {});
    std::string why;
    if (pattern.empty())
        why = ": pattern_name needs a pattern (options().pattern()), such as \"name-XXXXXX\"; it is empty";
    else if (r.bad_escape != std::string::npos)
        why = ": the pattern " + quoted_text(pattern) + " has a '\\' at offset " + std::to_string(r.bad_escape) +
              " that escapes nothing: in a pattern '\\' must be followed by '%', 'X' or '\\', which it makes "
              "literal";
    else if (separator)
        why = ": the pattern " + quoted_text(pattern) +
              " holds a path separator or NUL: a pattern makes a file name, not a path";
    else if (r.random < min_random_chars)
        why = ": the pattern " + quoted_text(pattern) + " has " + std::to_string(r.random) +
              " random character" + (r.random == 1 ? "" : "s") + "; pattern_name needs at least " +
              std::to_string(min_random_chars) +
              " (30 bits), so that its names cannot all be taken beforehand: each '%' and each 'X' of a run of six "
              "or more 'X' is one (\\% is a literal '%')";
    else
        return true;
    return refuse_options(opts, who, why, dir, ec);
}

//! The most random characters options().random_length() may ask for: no
//! file system takes a longer name (255 bytes nearly everywhere).
constexpr std::size_t max_random_length = 255;

//! Checks options().random_length() for random_name: not with a pattern
//! (which decides the random part), not 1 to 5 (as random_name<N> refuses at
//! compile time), not beyond max_random_length, and 0 only when prefix +
//! suffix is a name. False: reported.
inline bool check_random_length(const options& opts, const char* who, const filesystem::path* dir,
                                system::error_code* ec)
{
    const std::size_t n = opts.random_length();
    if (opts.has_pattern())
        return refuse_options(opts, who,
                              ": random_length(" + std::to_string(n) +
                                  ") was set together with a pattern, which decides the random part of the name "
                                  "(each '%' and each 'X' of a run of six or more); set one of them",
                              dir, ec);
    if (n > 0 && n < min_random_chars)
        return refuse_options(opts, who,
                              ": random_length(" + std::to_string(n) + ") is too short: a random part needs at least " +
                                  std::to_string(min_random_chars) +
                                  " characters (30 bits), so that its names cannot all be taken beforehand; 0 asks "
                                  "for the exact name prefix + suffix",
                              dir, ec);
    if (n > max_random_length)
        return refuse_options(opts, who,
                              ": random_length(" + std::to_string(n) + ") is longer than a file name can be (" +
                                  std::to_string(max_random_length) + ")",
                              dir, ec);
    if (n == 0 && !valid_file_name(opts.prefix() + opts.suffix()))
        return refuse_options(opts, who,
                              ": random_length(0) asks for the exact name prefix + suffix, and " +
                                  quoted_text(opts.prefix() + opts.suffix()) +
                                  R"( is no file name (empty, ".", "..", or holding a path separator or NUL))",
                              dir, ec);
    return true;
}

//! Checks the options for a creation with naming policy Naming before
//! anything is created: prefix and suffix always; for the stock policies,
//! that every option the caller set is honoured -- random_name makes its
//! names from a pattern when one is set, and refuses it together with a
//! prefix or suffix; pattern_name refuses a prefix or suffix it would
//! ignore -- and the pattern when the policy reads it. A user's own naming
//! policy sees every option and is not second-guessed. `dir`: the
//! directory, when already known. False: reported.
template< typename Naming >
bool check_options(const options& opts, const char* who, system::error_code* ec,
                   const filesystem::path* dir = nullptr)
{
    if (!check_name_parts(opts, who, ec, dir))
        return false;
    if constexpr (is_random_name< Naming >::value)
    {
        if (opts.has_random_length() && !check_random_length(opts, who, dir, ec))
            return false;
        if (!opts.has_pattern())
            return true;
        if (opts.has_prefix() || opts.has_suffix())
            return refuse_options(opts, who,
                                  ": a pattern was set together with a prefix or suffix: random_name then makes the "
                                  "whole name from the pattern, which would ignore them; put them into the pattern",
                                  dir, ec);
        return check_pattern(opts, who, dir, ec);
    }
    else if constexpr (std::is_same< Naming, pattern_name >::value)
    {
        if (opts.has_random_length())
            return refuse_options(opts, who,
                                  ": pattern_name makes the random part from the pattern's placeholders and would "
                                  "ignore random_length(" +
                                      std::to_string(opts.random_length()) +
                                      "); write as many '%' into the pattern, or use random_name",
                                  dir, ec);
        if (opts.has_prefix() || opts.has_suffix())
            return refuse_options(opts, who,
                                  ": pattern_name makes the whole name from the pattern and would ignore the prefix or "
                                  "suffix that was set; put them into the pattern",
                                  dir, ec);
        return check_pattern(opts, who, dir, ec);
    }
    else if constexpr (reads_pattern< Naming >::value)
        return check_pattern(opts, who, dir, ec);
    else
        return true;
}


//! What a creation makes, for the options whose meaning depends on it
//! (append(), permissions()).
enum class creation_kind : unsigned char
{
    file,         //!< named_temp_file, make_temp_file, temp_file
    spooled_file, //!< spooled_temp_file (memory first, a file later)
    directory,    //!< temp_dir, make_temp_dir
    user_entry    //!< make_entry: the user's creator makes the entry
};

//! `mode` as a message shows it: 0 and four octal digits.
inline std::string octal_mode(mode_type mode)
{
    std::string digits;
    for (mode_type m = mode; m != 0; m >>= 3)
        digits.insert(digits.begin(), static_cast< char >('0' + (m & 7u)));
    while (digits.size() < 4)
        digits.insert(digits.begin(), '0');
    if (digits.front() != '0')
        digits.insert(digits.begin(), '0'); // 04600, not 4600
    return digits;
}

//! Checks options().permissions() against the permission policies' rules
//! (detail/policy_checks.hpp), at run time. False: reported.
inline bool check_run_time_mode(const options& opts, bool directory, const char* who, const filesystem::path* dir,
                                system::error_code* ec)
{
    const mode_type m = opts.permissions();
    const std::string shown = "permissions(" + octal_mode(m) + ")";
    std::string why;
    if ((m & ~07777u) != 0)
        why = ": " + shown + " holds bits that are no permission bits (07777)";
    else if ((m & 06000u) != 0)
        why = ": " + shown +
              " holds 04000 (S_ISUID) or 02000 (S_ISGID): nothing the library creates carries the privileges of "
              "its creator";
    else if (!directory && (m & 0600u) != 0600u)
        why = ": " + shown + " lacks 0600: the owner must be able to read and write its own temporary file";
    else if (directory && (m & 0700u) != 0700u)
        why = ": " + shown + " lacks 0700: a temporary directory must stay usable by its owner";
    else if (directory && (m & 022u) != 0 && (m & 01000u) == 0)
        why = ": " + shown +
              " lets group or others write (020, 002) into the directory without the sticky bit (01000): they "
              "could remove or replace every file in it; add 01000, or take the write bits away";
    else
        return true;
    return refuse_options(opts, who, why, dir, ec);
}

//! Checks the options whose meaning depends on what is made before anything
//! is created: append() for files only (a spooled file's memory stage writes
//! at the stream's position, and a user's creator opens what it makes
//! itself), permissions() held to the policies' rules, and refused where the
//! user's creator sets the modes. False: reported.
inline bool check_kind_options(const options& opts, creation_kind kind, const char* who, const filesystem::path* dir,
                               system::error_code* ec)
{
    if (opts.append())
    {
        if (kind == creation_kind::directory)
            return refuse_options(opts, who,
                                  ": append(true) is for files (named_temp_file, temp_file, make_temp_file); a "
                                  "directory has no data to append to",
                                  dir, ec);
        if (kind == creation_kind::spooled_file)
            return refuse_options(opts, who,
                                  ": append(true) is refused: a spooled file writes at the stream's position in "
                                  "memory, which O_APPEND would contradict once it rolls over into a file",
                                  dir, ec);
        if (kind == creation_kind::user_entry)
            return refuse_options(opts, who,
                                  ": append(true) is refused: the creator opens what it makes itself (open it "
                                  "with O_APPEND there)",
                                  dir, ec);
    }
    if (!opts.has_permissions())
        return true;
    if (kind == creation_kind::user_entry)
        return refuse_options(opts, who,
                              ": permissions(" + octal_mode(opts.permissions()) +
                                  ") is refused: the creator makes the entry with the modes it chooses (give them "
                                  "to mkfifo, open or chmod there)",
                              dir, ec);
    return check_run_time_mode(opts, kind == creation_kind::directory, who, dir, ec);
}

//! The mode a new file gets: options().permissions() when set, else the policy's.
template< typename Permissions >
mode_type file_mode_for(const options& opts) noexcept
{
    return opts.has_permissions() ? opts.permissions() : Permissions::file_mode;
}

//! The mode a new directory gets: options().permissions() when set, else the policy's.
template< typename Permissions >
mode_type dir_mode_for(const options& opts) noexcept
{
    return opts.has_permissions() ? opts.permissions() : Permissions::dir_mode;
}

//! Whether the mode is set exactly, whatever the umask: the policy asks,
//! or the options' permissions(mode, true).
template< typename Permissions >
bool exact_mode_for(const options& opts) noexcept
{
    return Permissions::exact || (opts.has_permissions() && opts.exact_permissions());
}

//! Fills n characters at out with characters of name_alphabet: the length
//! options().random_length() asks for at run time.
template< typename Char >
void fill_random_chars_n(Char* out, std::size_t n) noexcept
{
    constexpr std::size_t per_word = 64 / name_alphabet_bits;
    for (std::size_t done = 0; done < n; done += per_word)
    {
        std::uint64_t bits = random_bits();
        const std::size_t now = n - done < per_word ? n - done : per_word;
        for (std::size_t i = 0; i < now; ++i, bits >>= name_alphabet_bits)
            out[done + i] = static_cast< Char >(name_alphabet[bits & 31u]);
    }
}

//! Fills N characters at out with characters of name_alphabet (ASCII, so
//! also as UTF-16). N is a constant so that the loop unrolls: 12 characters
//! per 64-bit word.
template< std::size_t N, typename Char >
void fill_random_chars(Char* out) noexcept
{
    constexpr std::size_t per_word = 64 / name_alphabet_bits;
    for (std::size_t done = 0; done < N; done += per_word)
    {
        std::uint64_t bits = random_bits();
        const std::size_t now = N - done < per_word ? N - done : per_word;
        for (std::size_t i = 0; i < now; ++i, bits >>= name_alphabet_bits)
            out[done + i] = static_cast< Char >(name_alphabet[bits & 31u]);
    }
}

//! A prefix or suffix in native characters: the text itself on POSIX (no
//! copy), converted into `storage` on Windows. False: not valid UTF-8.
inline bool native_text(const std::string& utf8, path_string& storage, const path_string*& result)
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    storage.clear();
    result = &storage;
    return append_utf8(storage, utf8);
#else
    (void)storage;
    result = &utf8;
    return true;
#endif
}

//! Whether a native path character may stand in a name (see allowed_in_name;
//! a character of UTF-8 text converted to UTF-16 is one of these when it is
//! ASCII, and allowed otherwise).
inline bool allowed_in_native_name(path_char c) noexcept
{
    return c == path_char(static_cast< unsigned char >(c)) ? allowed_in_name(static_cast< char >(c)) : true;
}

//! Copies a prefix or suffix, refusing a separator or NUL on the way (one
//! pass instead of a check and a copy: this runs for every creation).
//! nullptr when the text holds one.
template< typename Char >
Char* copy_name_part(Char* out, const std::basic_string< Char >& part) noexcept
{
    for (const Char c : part)
    {
        if (!allowed_in_native_name(c))
            return nullptr;
        *out++ = c;
    }
    return out;
}

//! Whether an attempt reports its final errors itself (`error_of(int)`): a
//! user's creator (make_entry) gives an error_code, which is reported as it
//! came rather than as an errno value.
template< typename Attempt, typename = void >
struct reports_own_error : std::false_type
{
};
template< typename Attempt >
struct reports_own_error< Attempt, decltype(std::declval< const Attempt& >().error_of(0), void()) > : std::true_type
{
};

template< typename Attempt >
system::error_code attempt_error(const Attempt& attempt, int err)
{
    if constexpr (reports_own_error< Attempt >::value)
        return attempt.error_of(err);
    else
        return errno_code(err);
}

//! Tries candidate names until one can be created. `next(full)` leaves the
//! next candidate in its buffer and returns it (nullptr: an invalid name,
//! already reported); `attempt(const path_char* candidate, int& err)`
//! creates it exclusively: true on success, else false with the errno /
//! Win32 code in err. A failure that means "the name is taken" moves on to
//! another name (and renews the generator's key after a run of them); any
//! other failure is final, reported with the directory. EINTR is retried
//! as detail/eintr.hpp says.
//! `exact`: the one candidate is the exact name random_length(0) asked for,
//! tried once; taken, it is reported at once with its own path.
template< typename Attempt, typename Next >
bool try_candidates(const options& opts, const filesystem::path& dir, Attempt& attempt, Next next, const char* who,
                    const char* what, system::error_code* ec, bool exact = false)
{
    const unsigned attempts = exact || opts.attempts() == 0 ? 1u : opts.attempts();
    unsigned collisions_in_a_row = 0;
    for (unsigned i = 0; i < attempts; ++i)
    {
        const path_char* candidate = next();
        if (!candidate)
            return false;
        int err = 0;
        bool made = attempt(candidate, err);
        for (unsigned again = 0; !made && err == EINTR && again < max_eintr_retries; ++again)
            made = attempt(candidate, err);
        if (made)
        {
            clear(ec);
            return true;
        }
        if (!name_taken(candidate, err))
        {
            report(attempt_error(attempt, err), std::string(who) + ": cannot create " + what + " in directory", dir,
                   ec);
            return false;
        }
        if (exact)
        {
            report(name_exists_code(),
                   std::string(who) + ": the exact name asked for (random_length(0)) exists already; an exact name "
                                      "is tried once",
                   filesystem::path(candidate), ec);
            return false;
        }
        if (++collisions_in_a_row % collisions_before_rekey == 0)
            renew_random_key();
    }
    report(name_exists_code(),
           std::string(who) + ": all " + std::to_string(attempts) + " names tried already exist in directory", dir,
           ec);
    return false;
}

//! create_unique_entry for the stock random_name without a pattern: dir,
//! separator, prefix, random part, suffix composed in the result itself
//! before the first attempt (the prefix and suffix checked while they are
//! copied); each attempt rewrites only the random part in place, so that
//! nothing is allocated once an entry exists (not even by an assign() that
//! fits the capacity: libstdc++ may allocate there when built for C++23 by
//! clang). The result is empty when no name was made.
template< typename Naming, typename Attempt >
bool create_random_entry(const options& opts, const filesystem::path& dir, Attempt& attempt, path_string& full,
                         const char* who, const char* what, system::error_code* ec)
{
    const path_string& d = dir.native();
    const bool separate = d.empty() || !is_separator(d.back());
    path_string prefix_storage;
    path_string suffix_storage;
    const path_string* prefix = nullptr;
    const path_string* suffix = nullptr;
    if (!native_text(opts.prefix(), prefix_storage, prefix) || !native_text(opts.suffix(), suffix_storage, suffix))
    {
        report(errc_code(system::errc::invalid_argument),
               std::string(who) + ": the prefix or suffix is not valid UTF-8", dir, ec);
        return false;
    }
    if (opts.has_random_length() && !check_random_length(opts, who, &dir, ec))
        return false;
    const bool run_time = opts.has_random_length();
    const std::size_t length = run_time ? opts.random_length() : Naming::length;
    const std::size_t size = d.size() + (separate ? 1 : 0) + prefix->size() + length + suffix->size();
    full.assign(size, path_char('x'));
    path_char* out = std::copy(d.begin(), d.end(), full.data());
    if (separate)
        *out++ = name_separator;
    path_char* const random_part = copy_name_part(out, *prefix);
    if (!random_part || !copy_name_part(random_part + length, *suffix))
    {
        full.clear();
        check_options< Naming >(opts, who, ec, &dir); // says which part is wrong
        return false;
    }
    const path_char* const candidate = full.c_str();
    const bool made =
        run_time ? try_candidates(
                       opts, dir, attempt,
                       [candidate, random_part, length]() noexcept {
                           fill_random_chars_n(random_part, length);
                           return candidate;
                       },
                       who, what, ec, length == 0)
                 : try_candidates(
                       opts, dir, attempt,
                       [candidate, random_part]() noexcept {
                           fill_random_chars< Naming::length >(random_part);
                           return candidate;
                       },
                       who, what, ec);
    if (!made)
        full.clear(); // no name was made
    return made;
}

//! The creation loop of every owner and make_temp_*, on every platform:
//! checks the options, asks the naming policy for candidates in `dir`, and
//! runs `attempt(const path_char* full_path, int& err) -> bool` (noexcept)
//! on each until one is created. On success `full` holds the path made --
//! its storage taken before the first attempt, so that nothing allocates
//! once an entry exists (a bad_alloc then would leave it behind) -- and the
//! result is true; on failure the error is reported and the result false.
template< typename Naming, typename Attempt >
bool create_unique_entry(const options& opts, const filesystem::path& dir, Attempt attempt, path_string& full,
                         const char* who, const char* what, system::error_code* ec)
{
    const path_string& d = dir.native();
    const bool separate = d.empty() || !is_separator(d.back());
    if constexpr (is_random_name< Naming >::value)
    {
        if (!opts.has_pattern())
            return create_random_entry< Naming >(opts, dir, attempt, full, who, what, ec);
    }
    if (!check_options< Naming >(opts, who, ec, &dir))
        return false;
    Naming naming;
    std::string name;
    full.assign(d);
    if (separate)
        full += name_separator;
    const std::size_t base = full.size();
    return try_candidates(
        opts, dir, attempt,
        [&]() -> const path_char* {
            naming.generate(opts, name);
            const char* why = nullptr;
            if (!valid_file_name(name))
                why = R"(" (empty, ".", "..", or holding a path separator or NUL))";
            full.resize(base);
            if (!why && !append_utf8(full, name))
                why = "\" (not valid UTF-8)";
            if (why)
            {
                report(errc_code(system::errc::invalid_argument),
                       std::string(who) + ": the naming policy made an invalid file name \"" + name + why, dir,
                       ec);
                return nullptr;
            }
            return full.c_str();
        },
        who, what, ec);
}

//! Whether the last component of a publication's target can name a file:
//! not empty (a path ending in a separator, in Filesystem v4), not "." or
//! "..", no separator (the root "/" is its own filename) and no NUL.
inline bool valid_target_name(const path_string& name) noexcept
{
    const path_char dot = path_char('.');
    if (name.empty() || (name.size() == 1 && name[0] == dot) || (name.size() == 2 && name[0] == dot && name[1] == dot))
        return false;
    return std::none_of(name.begin(), name.end(), [](path_char c) { return c == path_char() || is_separator(c); });
}

//! The absolute path a persist operation publishes at. False when reported:
//! invalid_argument for an empty target or one that cannot name a file ("/",
//! "dir/", "." or ".."), which renaming would turn into a misleading error
//! about a directory; the current directory's error for a relative target
//! when there is none (an error_code form must not throw for it). `file` is
//! the file being published (empty for an anonymous one): the first path of
//! the error, the target the second.
inline bool persist_target(const filesystem::path& to, const char* who, const filesystem::path& file,
                           filesystem::path& target, system::error_code* ec)
{
    const auto refuse = [&](system::error_code err, const char* why) {
        if (file.empty())
            report(err, std::string(who) + why, to, ec);
        else
            report(err, std::string(who) + why, file, to, ec);
        return false;
    };
    if (to.empty())
        return refuse(errc_code(system::errc::invalid_argument), ": the target path is empty");
    if (!valid_target_name(to.filename().native()))
        return refuse(errc_code(system::errc::invalid_argument),
                      R"(: the target must name a file, not a directory (such as "/", "dir/", "." or ".."))");
    if (to.is_absolute())
    {
        target = to;
        return true;
    }
    system::error_code cwd_ec;
    filesystem::path cwd = filesystem::current_path(cwd_ec);
    if (cwd_ec)
        return refuse(cwd_ec, ": cannot make the target absolute: no current directory");
    target = cwd / to;
    return true;
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
