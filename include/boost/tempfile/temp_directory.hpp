// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEMP_DIRECTORY_HPP
#define BOOST_TEMPFILE_TEMP_DIRECTORY_HPP
#pragma once

// Where temporary files go when options().dir() is empty (Python's
// gettempdir). Candidates in order: $TMPDIR, $TEMP, $TMP, /tmp, /var/tmp,
// /usr/tmp, the current directory. A candidate is taken only if a file can
// really be created in it (the probe creates one exclusively and removes it),
// so a read-only /tmp or a TMPDIR naming a file is passed over. The answer is
// computed once per process; set_temp_directory_path() overrides it and
// reset_temp_directory_path() makes the next call look again. On Windows the
// answer is GetTempPath2W's where it exists, else GetTempPathW's (TMP, TEMP,
// USERPROFILE, the Windows folder), and must name an existing directory.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/platform.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <atomic>
#include <cstddef>
#include <string>

// What only the definitions need: with BOOST_TEMPFILE_SEPARATE_COMPILATION a
// translation unit that uses the default directory does not parse them here.
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <boost/tempfile/detail/posix/sys.hpp>
#endif
#include <boost/tempfile/naming.hpp>

#include <boost/filesystem/operations.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <cstdlib>
#include <mutex>
#include <utility>
#endif

namespace boost {
namespace tempfile {
namespace detail {

//! The answer, shared by every thread. The lock is held only to copy or
//! replace the path -- never across the probe -- and a fork() in another
//! thread cannot leave it locked in the child (detail/process.hpp).
struct temp_directory_cache
{
    fork_safe_mutex lock;
    filesystem::path path;               // empty: not computed yet
    std::atomic< unsigned > version{1};  // changes with every set/reset
};

//! Each thread's copy of the answer, so that the common creation in the
//! default directory takes neither the lock nor a copy of the path.
struct thread_temp_directory
{
    unsigned version = 0;
    filesystem::path path;
};

//! Process-wide: one per executable or shared library in the header-only
//! mode, one per process with BOOST_TEMPFILE_SEPARATE_COMPILATION (see
//! detail/config.hpp).
BOOST_TEMPFILE_DECL temp_directory_cache& temp_directory_state() noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL temp_directory_cache& temp_directory_state() noexcept
{
    static immortal< temp_directory_cache > cache;
    return cache.get();
}
#endif

//! Whether p is already what absolute_dir() would make of it: absolute, no
//! empty or "." component, no trailing separator (".." components stay: see
//! absolute_dir). The usual directory given in options is, and then costs no
//! copy and no tidying (which was four times the rest of a creation). POSIX
//! only; elsewhere false.
inline bool is_normal_absolute(const filesystem::path& p) noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    (void)p;
    return false;
#else
    const std::string& s = p.native();
    if (s.empty() || s[0] != '/')
        return false;
    if (s.size() == 1)
        return true; // "/"
    // One pass by hand: the library's find() is out of line and was most of the cost.
    const char* const end = s.data() + s.size();
    const char* part = s.data() + 1;
    for (const char* c = part;; ++c)
    {
        if (c != end && *c != '/')
            continue;
        const std::ptrdiff_t length = c - part;
        if (length == 0 || (length == 1 && part[0] == '.'))
            return false;
        if (c == end)
            return true;
        part = c + 1;
    }
#endif
}

//! p made absolute against the current directory, with no "." component,
//! repeated or trailing separator ("." becomes the current directory
//! itself); ".." components kept on POSIX (see the definition). Reported
//! and empty on failure.
BOOST_TEMPFILE_DECL filesystem::path absolute_dir(const filesystem::path& p, system::error_code* ec);

//! The first usable candidate; reported and empty if none is.
BOOST_TEMPFILE_DECL filesystem::path find_temp_directory(system::error_code* ec);

//! The process's answer (cached, or set), computed on first use.
BOOST_TEMPFILE_DECL filesystem::path temp_directory_path(system::error_code* ec);

//! The same answer, as a reference valid until this thread's next call;
//! empty (and reported) on failure.
inline const filesystem::path& cached_temp_directory_path(system::error_code* ec)
{
    static thread_local thread_temp_directory mine;
    temp_directory_cache& cache = temp_directory_state();
    const unsigned now = cache.version.load(std::memory_order_acquire);
    if (mine.version != now || mine.path.empty())
    {
        mine.path = temp_directory_path(ec);
        mine.version = now;
    }
    else
        clear(ec);
    return mine.path;
}

} // namespace detail

//! The directory temporary files go to by default (see the header comment).
BOOST_TEMPFILE_DECL filesystem::path temp_directory_path();

//! As above; on failure sets ec and returns an empty path.
BOOST_TEMPFILE_DECL filesystem::path temp_directory_path(system::error_code& ec);

//! From now on temp_directory_path() returns dir (made absolute), for every
//! thread of the process. It is not probed: the caller chose it.
BOOST_TEMPFILE_DECL void set_temp_directory_path(const filesystem::path& dir);

//! Forgets the cached or overridden answer: the next temp_directory_path()
//! reads the environment again.
BOOST_TEMPFILE_DECL void reset_temp_directory_path();

#if BOOST_TEMPFILE_HEADER_DEFINITIONS

namespace detail {

#if !defined(BOOST_TEMPFILE_WINDOWS)
//! The absolute POSIX path s without empty or "." components and without a
//! trailing separator; ".." components are kept where they are. Only what
//! never changes the meaning is dropped: "a/./b" and "a//b" resolve as
//! "a/b" whatever a is, while "a/b/.." is a's directory only if b is not a
//! symlink -- the kernel takes b's target's parent -- so ".." is left to it.
inline std::string tidy_absolute(const std::string& s)
{
    std::string out;
    out.reserve(s.size());
#if !defined(__linux__)
    // POSIX leaves a leading "//" to the system (a network root on Cygwin,
    // say); Linux reads it as "/", and so does a leading "///" everywhere.
    if (s.size() > 2 && s[0] == '/' && s[1] == '/' && s[2] != '/')
        out = "/";
#endif
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n)
    {
        while (i < n && s[i] == '/')
            ++i;
        std::size_t j = i;
        while (j < n && s[j] != '/')
            ++j;
        const std::size_t length = j - i;
        if (length > 0 && !(length == 1 && s[i] == '.'))
        {
            out += '/';
            out.append(s, i, length);
        }
        i = j;
    }
    if (out.empty())
        out = "/";
    return out;
}
#endif

//! p made absolute against the current directory, with no "." component,
//! repeated or trailing separator: "." becomes the current directory itself.
//! POSIX: ".." components are kept, for the kernel to resolve (never rewrite
//! a path lexically through a symlink). Windows: lexically normal, because
//! Windows itself resolves ".." lexically before it looks at the path.
BOOST_TEMPFILE_DECL filesystem::path absolute_dir(const filesystem::path& p, system::error_code* ec)
{
    if (is_normal_absolute(p))
    {
        clear(ec);
        return p;
    }
    filesystem::path result;
    if (p.is_absolute())
        result = p;
    else
    {
        system::error_code cwd_ec;
        filesystem::path cwd = filesystem::current_path(cwd_ec);
        if (cwd_ec)
        {
            report(cwd_ec, "boost::tempfile: cannot make the directory absolute: no current directory", p, ec);
            return filesystem::path();
        }
        result = cwd / p;
    }
    clear(ec);
#if defined(BOOST_TEMPFILE_WINDOWS)
    result = result.lexically_normal();
    while (result.has_relative_path() && (result.filename() == "." || result.filename().empty()))
        result = result.parent_path();
    return result;
#else
    return filesystem::path(tidy_absolute(result.native()));
#endif
}

#if !defined(BOOST_TEMPFILE_WINDOWS)
//! Why no file can be created in dir: 0 if one can (the probe creates one
//! exclusively and removes it), else the errno met (ENOTDIR for a
//! non-directory, EEXIST if every probe name was taken).
inline int temp_directory_refusal(const filesystem::path& dir) noexcept
{
    struct ::stat st;
    if (::stat(dir.c_str(), &st) != 0)
        return errno;
    if (!S_ISDIR(st.st_mode))
        return ENOTDIR;
    std::string probe;
    for (int attempt = 0; attempt < 10; ++attempt)
    {
        BOOST_TRY
        {
            probe = dir.native();
            probe += "/.tempfile-probe-";
            append_random_chars(probe, 10);
        }
        BOOST_CATCH(...)
        {
            return ENOMEM;
        }
        BOOST_CATCH_END
        int fd = ::open(probe.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0)
        {
            ::close(fd);
            ::unlink(probe.c_str());
            return 0;
        }
        if (errno != EEXIST)
            return errno;
    }
    return EEXIST;
}

//! Can a file be created in dir?
inline bool usable_temp_directory(const filesystem::path& dir) noexcept
{
    return temp_directory_refusal(dir) == 0;
}

//! The first usable candidate. When none is, the error is the one met at the
//! first candidate (the directory the user or the system meant: $TMPDIR if
//! set, else /tmp), with that candidate as its path, and the message lists
//! every candidate tried and why each was passed over -- a read-only /tmp is
//! then reported as such, not as "no such file" in the current directory.
BOOST_TEMPFILE_DECL filesystem::path find_temp_directory(system::error_code* ec)
{
    clear(ec); // success must not leave a caller's earlier error behind
    system::error_code first_error;
    filesystem::path first_path;
    std::string tried;
    const auto passed_over = [&](const std::string& what, const filesystem::path& dir, const system::error_code& why) {
        if (!first_error)
        {
            first_error = why;
            first_path = dir;
        }
        tried += tried.empty() ? "; tried " : ", ";
        tried += what;
        tried += " (";
        tried += why.message();
        tried += ')';
    };
    for (const char* var : {"TMPDIR", "TEMP", "TMP"})
    {
        const char* value = std::getenv(var);
        if (value && *value)
        {
            system::error_code abs_ec;
            filesystem::path dir = absolute_dir(value, &abs_ec);
            const int refusal = abs_ec ? 0 : temp_directory_refusal(dir);
            if (!abs_ec && refusal == 0)
                return dir;
            passed_over(std::string("$") + var + "=" + value, abs_ec ? filesystem::path(value) : dir,
                        abs_ec ? abs_ec : errno_code(refusal));
        }
    }
    for (const char* fixed : {"/tmp", "/var/tmp", "/usr/tmp"})
    {
        const int refusal = temp_directory_refusal(fixed);
        if (refusal == 0)
            return fixed;
        passed_over(fixed, fixed, errno_code(refusal));
    }
    system::error_code cwd_ec;
    filesystem::path cwd = filesystem::current_path(cwd_ec);
    const int refusal = cwd_ec ? 0 : temp_directory_refusal(cwd);
    if (!cwd_ec && refusal == 0)
        return cwd;
    passed_over(cwd_ec ? std::string("the current directory") : "the current directory " + cwd.string(), cwd,
                cwd_ec ? cwd_ec : errno_code(refusal));
    report(first_error, "boost::tempfile::temp_directory_path: no usable temporary directory" + tried, first_path,
           ec);
    return filesystem::path();
}
#else
//! Windows: GetTempPath2W (Windows 11 and Server 2022 updates; SYSTEM gets a
//! private folder) looked up at run time, else GetTempPathW: TMP, TEMP,
//! USERPROFILE, the Windows folder, in that order. The answer must name an
//! existing directory; it is made absolute and loses its trailing separator.
BOOST_TEMPFILE_DECL filesystem::path find_temp_directory(system::error_code* ec)
{
    using get_temp_path_fn = DWORD(WINAPI*)(DWORD, LPWSTR);
    get_temp_path_fn get = nullptr;
    if (HMODULE kernel = ::GetModuleHandleW(L"kernel32.dll"))
        get = reinterpret_cast< get_temp_path_fn >(
            reinterpret_cast< void (*)() >(::GetProcAddress(kernel, "GetTempPath2W")));
    if (!get)
        get = &::GetTempPathW;
    std::wstring buf(MAX_PATH + 1, L'\0');
    DWORD n = get(static_cast< DWORD >(buf.size()), &buf[0]);
    if (n > buf.size())
    {
        buf.assign(n, L'\0');
        n = get(static_cast< DWORD >(buf.size()), &buf[0]);
    }
    if (n == 0 || n > buf.size())
    {
        report(errno_code(static_cast< int >(::GetLastError())),
               "boost::tempfile::temp_directory_path: GetTempPathW failed", filesystem::path(), ec);
        return filesystem::path();
    }
    buf.resize(n);
    system::error_code abs_ec;
    filesystem::path dir = absolute_dir(filesystem::path(buf), &abs_ec);
    if (abs_ec)
    {
        report(abs_ec, "boost::tempfile::temp_directory_path: cannot make the folder named by TMP, TEMP or USERPROFILE "
                       "absolute",
               filesystem::path(buf), ec);
        return filesystem::path();
    }
    const DWORD attributes = ::GetFileAttributesW(dir.c_str());
    if (attributes == INVALID_FILE_ATTRIBUTES)
    {
        // A missing folder is no_such_file_or_directory (ERROR_FILE_NOT_FOUND
        // or ERROR_PATH_NOT_FOUND, both mapped to it); anything else, such as
        // ERROR_ACCESS_DENIED, as the system said.
        const DWORD e = ::GetLastError();
        report(win::not_found(e) ? errc_code(system::errc::no_such_file_or_directory) : errno_code(static_cast< int >(e)),
               win::not_found(e) ? "boost::tempfile::temp_directory_path: the folder named by TMP, TEMP or USERPROFILE "
                                   "does not exist"
                                 : "boost::tempfile::temp_directory_path: cannot read the attributes of the folder "
                                   "named by TMP, TEMP or USERPROFILE",
               dir, ec);
        return filesystem::path();
    }
    if (!(attributes & FILE_ATTRIBUTE_DIRECTORY))
    {
        report(errc_code(system::errc::not_a_directory),
               "boost::tempfile::temp_directory_path: TMP, TEMP or USERPROFILE names something that is not a folder",
               dir, ec);
        return filesystem::path();
    }
    clear(ec);
    return dir;
}
#endif

BOOST_TEMPFILE_DECL filesystem::path temp_directory_path(system::error_code* ec)
{
    temp_directory_cache& cache = temp_directory_state();
    // The probe creates and removes files: it runs outside the lock, so that
    // neither other threads nor a fork() wait for the file system. Its answer
    // is kept only if no set/reset came meanwhile (it may predate a change of
    // the environment that the reset announced); else the lookup starts over,
    // a bounded number of times.
    for (int attempt = 0;; ++attempt)
    {
        unsigned seen;
        {
            std::lock_guard< fork_safe_mutex > guard(cache.lock);
            if (!cache.path.empty())
            {
                clear(ec);
                return cache.path;
            }
            seen = cache.version.load(std::memory_order_relaxed);
        }
        filesystem::path found = find_temp_directory(ec);
        if (found.empty())
            return found;
        std::lock_guard< fork_safe_mutex > guard(cache.lock);
        if (!cache.path.empty())
            return cache.path; // set by another thread meanwhile: that answer wins
        if (cache.version.load(std::memory_order_relaxed) == seen)
        {
            cache.path = found;
            return found;
        }
        if (attempt == 2)
            return found; // reset over and over: answer without caching
    }
}

} // namespace detail

BOOST_TEMPFILE_DECL filesystem::path temp_directory_path()
{
    return detail::temp_directory_path(nullptr);
}

BOOST_TEMPFILE_DECL filesystem::path temp_directory_path(system::error_code& ec)
{
    return detail::temp_directory_path(&ec);
}

BOOST_TEMPFILE_DECL void set_temp_directory_path(const filesystem::path& dir)
{
    filesystem::path absolute = detail::absolute_dir(dir, nullptr);
    detail::temp_directory_cache& cache = detail::temp_directory_state();
    std::lock_guard< detail::fork_safe_mutex > guard(cache.lock);
    cache.path.swap(absolute); // the old path is freed after the lock is released
    cache.version.fetch_add(1, std::memory_order_acq_rel);
}

BOOST_TEMPFILE_DECL void reset_temp_directory_path()
{
    filesystem::path forgotten;
    detail::temp_directory_cache& cache = detail::temp_directory_state();
    std::lock_guard< detail::fork_safe_mutex > guard(cache.lock);
    cache.path.swap(forgotten);
    cache.version.fetch_add(1, std::memory_order_acq_rel);
}

#endif // BOOST_TEMPFILE_HEADER_DEFINITIONS

} // namespace tempfile
} // namespace boost

#endif
