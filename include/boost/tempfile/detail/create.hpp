#ifndef BOOST_TEMPFILE_DETAIL_CREATE_HPP
#define BOOST_TEMPFILE_DETAIL_CREATE_HPP
#pragma once

// The creation loop shared by files, directories and make_temp_*: check the
// options, ask the naming policy for a candidate, create it exclusively,
// and move on to another name only when the name was taken (EEXIST). Any
// other error is final and reported at once with the directory.

#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/naming.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/temp_directory.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstring>
#include <string>

namespace boost {
namespace tempfile {
namespace detail {

//! Renew the generator's key after this many collisions in a row: a run of
//! collisions means someone may be predicting names.
constexpr unsigned collisions_before_rekey = 3;

//! No separator, no NUL: text that cannot leave the directory it names a file
//! in. On Windows '\\' is a separator too, and ':' (a drive, or an NTFS
//! alternate data stream) is refused as well.
inline bool valid_name_part(const std::string& s) noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    if (s.find('\\') != std::string::npos || s.find(':') != std::string::npos)
        return false;
#endif
    return s.find('/') == std::string::npos && s.find('\0') == std::string::npos;
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
    storage = absolute_dir(opts.dir(), ec);
    return storage;
}

//! Checks the options before anything is created. False: reported.
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

#if !defined(BOOST_TEMPFILE_WINDOWS)
// POSIX: narrow paths, errno. Windows has its own loop on UTF-16 paths and
// Win32 errors in detail/windows/create.hpp.

//! Runs `attempt(const char* full_path)` (returns >= 0 on success, -1 and
//! errno on failure) on fresh names in `dir` until one is free. On success
//! `full` holds the path made and the attempt's result is returned; on
//! failure the error has been reported and -1 is returned.
template< typename Naming, typename Attempt >
int create_unique(const options& opts, const filesystem::path& dir, Attempt attempt, std::string& full,
                  const char* who, const char* what, system::error_code* ec)
{
    if (!check_options(opts, who, ec))
        return -1;
    Naming naming;
    std::string name;
    full.reserve(dir.native().size() + opts.prefix().size() + opts.suffix().size() + 32);
    full.assign(dir.native());
    if (full.empty() || full.back() != '/')
        full += '/';
    const std::size_t base = full.size();
    const unsigned attempts = opts.attempts() == 0 ? 1u : opts.attempts();
    unsigned collisions_in_a_row = 0;
    for (unsigned i = 0; i < attempts; ++i)
    {
        naming.generate(opts, name);
        if (!valid_file_name(name))
        {
            report(errc_code(system::errc::invalid_argument),
                   std::string(who) + ": the naming policy made an invalid file name \"" + name +
                       "\" (empty, \".\", \"..\", or holding a separator or NUL; pattern_name needs a pattern "
                       "with XXXXXX or %)",
                   dir, ec);
            return -1;
        }
        full.resize(base);
        full += name;
        int r;
        do
            r = attempt(full.c_str());
        while (r < 0 && errno == EINTR);
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
    report(errc_code(system::errc::file_exists),
           std::string(who) + ": all " + std::to_string(attempts) + " names tried already exist in directory", dir,
           ec);
    return -1;
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
