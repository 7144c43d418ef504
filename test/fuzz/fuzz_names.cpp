// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// libFuzzer harness for the name-template parser (pattern_name) and for the
// validation of options (prefix, suffix, pattern, attempts) on the way to a
// real creation. Built and run by test/fuzz/run.sh.
//
// Input: byte 0 chooses what to do, the rest is text.
//   byte0 % 4 == 0  pattern_name::generate on the text, checked against an
//                   independent model of the template rules
//   byte0 % 4 == 1  a file made with pattern_name and the text as pattern;
//                   (byte0 >> 2) % 2 == 1: the throwing form
//   byte0 % 4 == 2  prefix and suffix (the text split at the first 0xFF)
//                   for random_name; (byte0 >> 2) % 4 picks the creator,
//                   (byte0 >> 4) % 4 the attempts
//   byte0 % 4 == 3  a directory made with pattern_name and the text as
//                   pattern; (byte0 >> 2) % 2 == 1: the throwing form
//
// The template rules (doc/policies.adoc): every '%' and every 'X' of every
// run of six or more 'X' is random; '\' makes the next '%', 'X' or '\'
// literal and is an error before anything else or at the end; a pattern
// with fewer than 6 random characters is refused.
//
// Every creation goes through guarded_platform, which aborts -- a finding --
// before any system call that would touch a path outside the sandbox or
// with a separator in the name: a validation bug is found, never acted on.

#include <boost/tempfile.hpp>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <functional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = boost::filesystem;
namespace tf = boost::tempfile;

namespace fuzz {

std::string& sandbox()
{
    static std::string dir;
    return dir;
}

[[noreturn]] void finding(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "FINDING: %s: [", what);
    for (unsigned char c : detail)
        std::fprintf(stderr, (c >= 0x20 && c < 0x7f) ? "%c" : "\\x%02x", c);
    std::fprintf(stderr, "]\n");
    std::abort();
}

void check(bool ok, const char* what, const std::string& detail = std::string())
{
    if (!ok)
        finding(what, detail);
}

//! The native platform, except that a path given with AT_FDCWD must be a
//! single name directly inside the sandbox.
struct guarded_platform : tf::linux_platform
{
};

void guard(int dirfd, const char* path)
{
    if (dirfd != AT_FDCWD)
        return;
    const std::string p(path);
    const std::string& box = sandbox();
    const bool inside = p.size() > box.size() + 1 && p.compare(0, box.size(), box) == 0 && p[box.size()] == '/' &&
                        p.find('/', box.size() + 1) == std::string::npos;
    const std::string name = inside ? p.substr(box.size() + 1) : std::string();
    if (!inside || name == "." || name == "..")
        finding("system call on a path outside the sandbox", p);
}

int open_at(guarded_platform, int dirfd, const char* name, int flags, ::mode_t mode) noexcept
{
    guard(dirfd, name);
    return open_at(tf::linux_platform{}, dirfd, name, flags, mode);
}

int mkdir_at(guarded_platform, int dirfd, const char* name, ::mode_t mode) noexcept
{
    guard(dirfd, name);
    return mkdir_at(tf::linux_platform{}, dirfd, name, mode);
}

int unlink_at(guarded_platform, int dirfd, const char* name, int flags) noexcept
{
    guard(dirfd, name);
    return unlink_at(tf::linux_platform{}, dirfd, name, flags);
}

int stat_at(guarded_platform, int dirfd, const char* name, struct ::stat* st, int flags) noexcept
{
    guard(dirfd, name);
    return stat_at(tf::linux_platform{}, dirfd, name, st, flags);
}

int chmod_at(guarded_platform, int dirfd, const char* name, ::mode_t mode, int flags) noexcept
{
    if (std::strncmp(name, "/proc/self/fd/", 14) != 0)
        guard(dirfd, name);
    return chmod_at(tf::linux_platform{}, dirfd, name, mode, flags);
}

using file_type = tf::basic_named_temp_file< tf::keep, tf::random_name<>, tf::owner_only, guarded_platform >;
using pattern_file_type = tf::basic_named_temp_file< tf::keep, tf::pattern_name, tf::owner_only, guarded_platform >;
using dir_type = tf::basic_temp_dir< tf::keep, tf::random_name<>, tf::owner_only, guarded_platform >;
using pattern_dir_type = tf::basic_temp_dir< tf::keep, tf::pattern_name, tf::owner_only, guarded_platform >;

bool in_alphabet(char c)
{
    return std::memchr(tf::name_alphabet, c, sizeof tf::name_alphabet - 1) != nullptr;
}

bool has_separator(const std::string& s)
{
    return s.find('/') != std::string::npos || s.find('\0') != std::string::npos;
}

//! One character of the name a template makes: a placeholder, or text.
struct model_char
{
    bool random;
    char text;
};

//! What a template means, from the documented rules, computed differently
//! from the library (which reads the template in one pass): first the
//! escapes are resolved into tokens, then runs of unescaped 'X' are found.
struct template_model
{
    bool bad_escape = false;
    std::vector< model_char > chars;
    std::size_t placeholders = 0;
    bool separator = false; // a text character that is '/' or NUL

    //! Whether the library must accept it (before the system has its say).
    bool accepted() const { return !bad_escape && placeholders >= 6 && !separator; }
};

template_model model_of(const std::string& pattern)
{
    template_model m;
    struct token
    {
        char c;
        bool escaped;
    };
    std::vector< token > tokens;
    for (std::size_t i = 0; i < pattern.size(); ++i)
    {
        if (pattern[i] != '\\')
        {
            tokens.push_back({pattern[i], false});
            continue;
        }
        if (i + 1 == pattern.size() || std::strchr("%X\\", pattern[i + 1]) == nullptr || pattern[i + 1] == '\0')
        {
            m.bad_escape = true;
            return m;
        }
        tokens.push_back({pattern[++i], true});
    }
    std::vector< bool > random(tokens.size(), false);
    for (std::size_t i = 0; i < tokens.size(); ++i)
        random[i] = !tokens[i].escaped && tokens[i].c == '%';
    for (std::size_t begin = 0; begin < tokens.size();)
    {
        std::size_t end = begin;
        while (end < tokens.size() && !tokens[end].escaped && tokens[end].c == 'X')
            ++end;
        if (end - begin >= 6)
            for (std::size_t i = begin; i < end; ++i)
                random[i] = true;
        begin = end == begin ? begin + 1 : end;
    }
    for (std::size_t i = 0; i < tokens.size(); ++i)
    {
        m.chars.push_back({random[i], tokens[i].c});
        m.placeholders += random[i];
        if (!random[i] && (tokens[i].c == '/' || tokens[i].c == '\0'))
            m.separator = true;
    }
    return m;
}

//! The name made from `pattern`, per the model: empty if the pattern has a
//! bad escape or fewer than 6 placeholders, else the template's text with
//! an alphabet character for each placeholder.
void check_generated(const std::string& pattern, const std::string& name)
{
    const template_model m = model_of(pattern);
    if (m.bad_escape || m.placeholders < 6)
    {
        check(name.empty(), "a refused template made a name", pattern);
        return;
    }
    check(name.size() == m.chars.size(), "the name's length differs from the template's", pattern);
    for (std::size_t i = 0; i < name.size(); ++i)
    {
        if (m.chars[i].random)
            check(in_alphabet(name[i]), "a placeholder was not replaced by an alphabet character", pattern);
        else
            check(name[i] == m.chars[i].text, "a character that is no placeholder was changed", pattern);
    }
}

void generate_only(const std::string& pattern)
{
    tf::pattern_name naming;
    std::string first, second = "left over";
    naming.generate(tf::options().pattern(pattern), first);
    naming.generate(tf::options().pattern(pattern), second);
    check_generated(pattern, first);
    check_generated(pattern, second);
    // 12 placeholders carry 60 bits: two equal names mean no randomness.
    if (model_of(pattern).placeholders >= 12 && !model_of(pattern).bad_escape)
        check(first != second, "two names from one template are equal", pattern);
}

std::vector< std::string > sandbox_entries()
{
    std::vector< std::string > out;
    if (DIR* d = ::opendir(sandbox().c_str()))
    {
        while (struct dirent* e = ::readdir(d))
            if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
                out.push_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

void empty_sandbox()
{
    for (const std::string& name : sandbox_entries())
    {
        const std::string p = sandbox() + "/" + name;
        if (::unlink(p.c_str()) != 0)
            ::rmdir(p.c_str());
    }
}

//! What a creation should do with this name, decided before it runs.
enum class expect
{
    invalid_argument,
    name_too_long,
    created
};

expect expected_for_name(std::size_t name_length)
{
    return name_length > NAME_MAX ? expect::name_too_long : expect::created;
}

//! Checks a creation's outcome: the error, or the object made.
void check_outcome(expect want, const boost::system::error_code& ec, const fs::path& made, bool directory,
                   const std::string& input, const std::function< bool(const std::string&) >& name_ok)
{
    switch (want)
    {
    case expect::invalid_argument:
        check(ec == boost::system::errc::invalid_argument, "not rejected as invalid_argument", input);
        check(made.empty(), "a path was returned with an error", input);
        check(sandbox_entries().empty(), "a rejected creation left something", input);
        return;
    case expect::name_too_long:
        check(ec == boost::system::errc::filename_too_long, "an overlong name was not ENAMETOOLONG", input);
        check(made.empty(), "a path was returned with an error", input);
        check(sandbox_entries().empty(), "a failed creation left something", input);
        return;
    case expect::created:
        break;
    }
    check(!ec, "a valid creation failed", input + " -> " + ec.message());
    check(made.parent_path() == fs::path(sandbox()), "created outside the directory", made.string());
    const std::string name = made.filename().string();
    check(name_ok(name), "the name made does not follow the options", input + " -> " + name);
    const std::vector< std::string > entries = sandbox_entries();
    check(entries.size() == 1 && entries[0] == name, "the sandbox does not hold exactly the object made", name);
    struct stat st;
    check(::lstat(made.c_str(), &st) == 0, "the object made is missing", name);
    check(directory ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode), "the object made has the wrong type", name);
    check((st.st_mode & 07777) == (directory ? 0700u : 0600u), "the object made has the wrong mode", name);
}

void create_with_pattern(unsigned selector, const std::string& pattern, bool directory)
{
    const tf::options opts = tf::options().dir(sandbox()).pattern(pattern);
    const template_model m = model_of(pattern);
    const expect want = !m.accepted() ? expect::invalid_argument : expected_for_name(m.chars.size());
    boost::system::error_code ec;
    fs::path made;
    if ((selector >> 2) % 2 == 1)
    {
        // The throwing form: only filesystem_error; a refused pattern is
        // named in the message, and the path is the directory, not the
        // pattern.
        try
        {
            if (directory)
                made = pattern_dir_type(opts).path();
            else
                made = pattern_file_type(opts).path();
        }
        catch (const fs::filesystem_error& e)
        {
            ec = e.code();
            if (want == expect::invalid_argument)
            {
                check(e.path1() == fs::path(sandbox()), "a refused pattern's error does not name the directory",
                      e.path1().string());
                check(std::string(e.what()).find("pattern") != std::string::npos,
                      "a refused pattern's error does not say that the pattern is wrong", e.what());
            }
        }
    }
    else if (directory)
    {
        pattern_dir_type d(opts, ec);
        made = d.path();
    }
    else
    {
        pattern_file_type f(opts, ec);
        made = f.path();
    }
    check_outcome(want, ec, made, directory, pattern,
                  [&](const std::string& name) {
                      check_generated(pattern, name);
                      return true;
                  });
    empty_sandbox();
}

void create_with_prefix_suffix(unsigned selector, const std::string& text)
{
    const std::size_t cut = text.find('\xff');
    const std::string prefix = text.substr(0, cut);
    const std::string suffix = cut == std::string::npos ? std::string() : text.substr(cut + 1);
    const tf::options opts = tf::options().dir(sandbox()).prefix(prefix).suffix(suffix).attempts((selector >> 4) % 4);
    const bool bad_prefix = has_separator(prefix), bad_suffix = has_separator(suffix);
    const expect want = bad_prefix || bad_suffix ? expect::invalid_argument
                                                 : expected_for_name(prefix.size() + 10 + suffix.size());
    const unsigned creator = (selector >> 2) % 4;
    const bool directory = creator >= 2;
    boost::system::error_code ec;
    fs::path made;
    if (creator % 2 == 0)
    {
        // The throwing form: only filesystem_error. A bad prefix or suffix
        // is text, not a path: the error names the directory and says which
        // part was refused in its message (doc/rationale.adoc).
        try
        {
            if (directory)
                made = dir_type(opts).path();
            else
                made = file_type(opts).path();
        }
        catch (const fs::filesystem_error& e)
        {
            ec = e.code();
            if (want == expect::invalid_argument)
            {
                check(e.path1() == fs::path(sandbox()), "the error does not name the directory", e.path1().string());
                check(std::string(e.what()).find(bad_prefix ? "the prefix \"" : "the suffix \"") != std::string::npos,
                      "the message does not say which part was refused", e.what());
            }
        }
    }
    else if (directory)
        made = dir_type(opts, ec).path();
    else
        made = file_type(opts, ec).path();
    check_outcome(want, ec, made, directory, text, [&](const std::string& name) {
        if (name.size() != prefix.size() + 10 + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            return false;
        for (std::size_t i = prefix.size(); i < prefix.size() + 10; ++i)
            if (!in_alphabet(name[i]))
                return false;
        return true;
    });
    empty_sandbox();
}

void remove_sandbox()
{
    if (sandbox().empty())
        return;
    empty_sandbox();
    ::rmdir(sandbox().c_str());
}

} // namespace fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/tempfile-fuzz-sandbox-XXXXXX";
    if (!::mkdtemp(&templ[0]))
    {
        std::perror("mkdtemp");
        std::abort();
    }
    // The modes checked are the policy's own: no umask bits in the way.
    ::umask(022);
    fuzz::sandbox() = templ;
    std::atexit(fuzz::remove_sandbox);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const unsigned selector = data[0];
    const std::string text(reinterpret_cast< const char* >(data + 1), size - 1);
    switch (selector % 4)
    {
    case 0:
        fuzz::generate_only(text);
        break;
    case 1:
        fuzz::create_with_pattern(selector, text, false);
        break;
    case 2:
        fuzz::create_with_prefix_suffix(selector, text);
        break;
    default:
        fuzz::create_with_pattern(selector, text, true);
        break;
    }
    return 0;
}
