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

//! Checks the prefix and suffix before anything is created. False: reported.
inline bool check_options(const options& opts, const char* who, system::error_code* ec)
{
    if (!valid_name_part(opts.prefix()))
    {
        report(errc_code(system::errc::invalid_argument),
               std::string(who) + ": the prefix must not contain a path separator or NUL", opts.prefix(), ec);
        return false;
    }
    if (!valid_name_part(opts.suffix()))
    {
        report(errc_code(system::errc::invalid_argument),
               std::string(who) + ": the suffix must not contain a path separator or NUL", opts.suffix(), ec);
        return false;
    }
    return true;
}

//! Whether a naming policy makes its names from options().pattern(): then
//! the pattern is checked once per creation, not once per name.
template< typename Naming >
struct reads_pattern : std::is_base_of< pattern_name, Naming >
{
};

//! The pattern as a message shows it: control characters as \xNN, so that
//! a NUL or a newline in it cannot cut or forge the message.
inline std::string quoted_pattern(const std::string& pattern)
{
    std::string out = "\"";
    for (const char c : pattern)
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
        why = ": the pattern " + quoted_pattern(pattern) + " has a '\\' at offset " + std::to_string(r.bad_escape) +
              " that escapes nothing: in a pattern '\\' must be followed by '%', 'X' or '\\', which it makes "
              "literal";
    else if (separator)
        why = ": the pattern " + quoted_pattern(pattern) +
              " holds a path separator or NUL: a pattern makes a file name, not a path";
    else if (r.random < min_random_chars)
        why = ": the pattern " + quoted_pattern(pattern) + " has " + std::to_string(r.random) +
              " random character" + (r.random == 1 ? "" : "s") + "; pattern_name needs at least " +
              std::to_string(min_random_chars) +
              " (30 bits), so that its names cannot all be taken beforehand: each '%' and each 'X' of a run of six "
              "or more 'X' is one (\\% is a literal '%')";
    else
        return true;
    filesystem::path where;
    if (dir)
        where = *dir;
    else
    {
        system::error_code ignored; // the pattern is the error to report, not this one
        filesystem::path storage;
        const filesystem::path& found = creation_dir(opts, storage, &ignored);
        where = ignored ? opts.dir() : found;
    }
    report(errc_code(system::errc::invalid_argument), std::string(who) + why, where, ec);
    return false;
}

//! Checks the options for a creation with naming policy Naming before
//! anything is created: prefix and suffix always, the pattern when Naming
//! reads it. `dir`: the directory, when already known. False: reported.
template< typename Naming >
bool check_options(const options& opts, const char* who, system::error_code* ec,
                   const filesystem::path* dir = nullptr)
{
    if (!check_options(opts, who, ec))
        return false;
    if constexpr (reads_pattern< Naming >::value)
        return check_pattern(opts, who, dir, ec);
    else
        return true;
}

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

//! Tries candidate names until one can be created. `next(full)` leaves the
//! next candidate in its buffer and returns it (nullptr: an invalid name,
//! already reported); `attempt(const path_char* candidate, int& err)`
//! creates it exclusively: true on success, else false with the errno /
//! Win32 code in err. A failure that means "the name is taken" moves on to
//! another name (and renews the generator's key after a run of them); any
//! other failure is final, reported with the directory. EINTR is retried
//! as detail/eintr.hpp says.
template< typename Attempt, typename Next >
bool try_candidates(const options& opts, const filesystem::path& dir, Attempt& attempt, Next next, const char* who,
                    const char* what, system::error_code* ec)
{
    const unsigned attempts = opts.attempts() == 0 ? 1u : opts.attempts();
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
            report(errno_code(err), std::string(who) + ": cannot create " + what + " in directory", dir, ec);
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
    if (!check_options< Naming >(opts, who, ec, &dir))
        return false;
    const path_string& d = dir.native();
    const bool separate = d.empty() || !is_separator(d.back());
    if constexpr (is_random_name< Naming >::value)
    {
        // dir, separator, prefix, random part, suffix.
        path_string prefix_storage, suffix_storage;
        const path_string* prefix = nullptr;
        const path_string* suffix = nullptr;
        if (!native_text(opts.prefix(), prefix_storage, prefix) || !native_text(opts.suffix(), suffix_storage, suffix))
        {
            report(errc_code(system::errc::invalid_argument),
                   std::string(who) + ": the prefix or suffix is not valid UTF-8", dir, ec);
            return false;
        }
        // Composed in the result itself, before the first attempt; each
        // attempt rewrites only the random part in place, so that nothing
        // is allocated once an entry exists (not even by an assign() that
        // fits the capacity: libstdc++ may allocate there when built for
        // C++23 by clang).
        constexpr std::size_t length = Naming::length;
        full.assign(d);
        if (separate)
            full += name_separator;
        full += *prefix;
        const std::size_t random_at = full.size();
        full.append(length, path_char('x'));
        full += *suffix;
        path_char* const random_part = &full[random_at];
        const path_char* const candidate = full.c_str();
        const bool made = try_candidates(
            opts, dir, attempt,
            [candidate, random_part]() noexcept {
                fill_random_chars< length >(random_part);
                return candidate;
            },
            who, what, ec);
        if (!made)
            full.clear(); // no name was made
        return made;
    }
    else
    {
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
                    why = "\" (empty, \".\", \"..\", or holding a path separator or NUL)";
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
}

#if !defined(BOOST_TEMPFILE_WINDOWS)
// POSIX: narrow paths, errno. Windows has its own loop on UTF-16 paths and
// Win32 errors in detail/windows/create.hpp.

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
    if (!valid_file_name(to.filename().native()))
        return refuse(errc_code(system::errc::invalid_argument),
                      ": the target must name a file, not a directory (such as \"/\", \"dir/\", \".\" or \"..\")");
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

//! Copies a prefix or suffix, refusing a separator or NUL on the way (one
//! pass instead of a check and a copy: this runs for every creation).
inline char* copy_name_part(char* out, const std::string& part) noexcept
{
    for (const char c : part)
    {
        if (!allowed_in_name(c))
            return nullptr;
        *out++ = c;
    }
    return out;
}

//! The candidate loop shared by every naming policy: `next()` returns the
//! next candidate path (nullptr: an invalid name, already reported).
template< typename Attempt, typename Next >
int try_names(const options& opts, const filesystem::path& dir, Attempt& attempt, Next next, const char* who,
              const char* what, system::error_code* ec)
{
    const unsigned attempts = opts.attempts() == 0 ? 1u : opts.attempts();
    unsigned collisions_in_a_row = 0;
    for (unsigned i = 0; i < attempts; ++i)
    {
        const char* candidate = next();
        if (!candidate)
            return -1;
        int r;
        r = detail::retry_on_eintr([&]() noexcept { return attempt(candidate); });
        if (r >= 0)
        {
            clear(ec);
            return r;
        }
        if (errno != EEXIST)
        {
            report(errno_code(errno), std::string(who) + ": cannot create " + what + " in directory", dir, ec);
            return -1;
        }
        if (++collisions_in_a_row % collisions_before_rekey == 0)
            renew_random_key();
    }
    report(name_exists_code(),
           std::string(who) + ": all " + std::to_string(attempts) + " names tried already exist in directory", dir,
           ec);
    return -1;
}

//! Runs `attempt(const char* full_path)` (returns >= 0 on success, -1 and
//! errno on failure) on fresh names in `dir` until one is free. On success
//! `full` holds the path made and the attempt's result is returned; on
//! failure the error has been reported and -1 is returned.
template< typename Naming, typename Attempt >
int create_unique(const options& opts, const filesystem::path& dir, Attempt attempt, std::string& full,
                  const char* who, const char* what, system::error_code* ec)
{
    const std::string& d = dir.native();
    const bool slash = d.empty() || d.back() != '/';
    if constexpr (is_random_name< Naming >::value)
    {
        // dir '/' prefix <random> suffix, composed in the result before the
        // first attempt (prefix and suffix checked while copied); each
        // attempt rewrites the random part in place, so that nothing is
        // allocated once an entry exists.
        constexpr std::size_t length = Naming::length;
        const std::size_t size = d.size() + (slash ? 1 : 0) + opts.prefix().size() + length + opts.suffix().size();
        full.resize(size);
        char* const buffer = &full[0];
        char* out = std::copy(d.begin(), d.end(), buffer);
        if (slash)
            *out++ = '/';
        char* const random_part = copy_name_part(out, opts.prefix());
        char* const end = random_part ? copy_name_part(random_part + length, opts.suffix()) : nullptr;
        if (!end)
        {
            full.clear();
            check_options(opts, who, ec); // says which part is wrong
            return -1;
        }
        const int r = try_names(
            opts, dir, attempt,
            [buffer, random_part]() noexcept {
                fill_random_chars< length >(random_part);
                return static_cast< const char* >(buffer);
            },
            who, what, ec);
        if (r < 0)
            full.clear(); // no name was made
        return r;
    }
    else
    {
        if (!check_options< Naming >(opts, who, ec, &dir))
            return -1;
        Naming naming;
        std::string name;
        full.assign(d);
        if (slash)
            full += '/';
        const std::size_t base = full.size();
        return try_names(
            opts, dir, attempt,
            [&]() -> const char* {
                naming.generate(opts, name);
                if (!valid_file_name(name))
                {
                    report(errc_code(system::errc::invalid_argument),
                           std::string(who) + ": the naming policy made an invalid file name \"" + name +
                               "\" (empty, \".\", \"..\", or holding a separator or NUL)",
                           dir, ec);
                    return nullptr;
                }
                full.resize(base);
                full += name;
                return full.c_str();
            },
            who, what, ec);
    }
}

//! open() flags of a named temporary file: exclusive (never reuses or
//! follows what is there), no symlink, not inherited across exec.
constexpr int named_file_flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

//! Creates a named file in `dir` with the policies' name and mode.
//! Returns the descriptor (and the path in `full`), or -1 when reported.
template< typename Naming, typename Permissions, typename Platform >
int create_named_file(const options& opts, const filesystem::path& dir, std::string& full, const char* who,
                      system::error_code* ec)
{
    int fd = create_unique< Naming >(
        opts, dir,
        [](const char* p) noexcept {
            return open_at(Platform{}, AT_FDCWD, p, named_file_flags, static_cast< ::mode_t >(Permissions::file_mode));
        },
        full, who, "a file", ec);
    if (fd >= 0 && Permissions::exact && chmod_fd(Platform{}, fd, static_cast< ::mode_t >(Permissions::file_mode)) != 0)
    {
        const int e = errno;
        close_fd(Platform{}, fd);
        unlink_at(Platform{}, AT_FDCWD, full.c_str(), 0);
        report(errno_code(e), std::string(who) + ": cannot set the file's mode", filesystem::path(full), ec);
        return -1;
    }
    return fd;
}
#endif // !BOOST_TEMPFILE_WINDOWS

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
