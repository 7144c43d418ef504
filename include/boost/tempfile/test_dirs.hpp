// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_DIRS_HPP
#define BOOST_TEMPFILE_TEST_DIRS_HPP
#pragma once

// Per-test temporary directories -- pytest's tmp_path -- for any test
// framework. The framework adapters (<boost/tempfile/unit_test.hpp> for
// Boost.Test, <boost/tempfile/gtest.hpp> for GoogleTest) tell the process's
// test_directories which test is running and how it ended; this header knows
// no framework.
//
// A run of the test program is a run_dir of the application
// "tmp_path.<program>": so the runs are kept per program and user, two runs
// at once never collide, and a run whose program was killed is a dead run
// that the next one sweeps. Keeping the last K runs is the run_dir sweep's
// keep_crashed_runs(K - 1) at the start of a run, plus the run itself: a
// run that is to stay is kept (run_dir::keep()) and becomes a dead run when
// the program ends -- the same kind of dead run as a crashed one, which is
// why a killed run counts among the K. Each test's directory is a temp_dir
// inside the run, kept or removed when the test ends as the retention says.

#include <boost/tempfile/detail/create.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/run_dir.hpp>
#include <boost/tempfile/temp_dir.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <string>

namespace boost {
namespace tempfile {

//! What of a run stays when it ends (pytest's tmp_path_retention_policy).
enum class test_retention
{
    all,    //!< every test's directory (the default, as pytest)
    failed, //!< the directories of failed tests; a run without any is removed
    none    //!< nothing: each test's directory goes when the test ends
};

namespace detail {

//! The test's name first; "<name>-2", "<name>-3"... when a test of the same
//! name already has a directory in this run.
struct numbered_test_name
{
    unsigned tries = 0;
    void generate(const options& opts, std::string& name)
    {
        name = opts.prefix();
        if (++tries > 1)
            name += "-" + std::to_string(tries);
    }
};

constexpr std::size_t test_name_limit = 48;

inline bool portable_name_char(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

//! `name` made usable as a directory name on every file system: characters
//! other than letters, digits, '.', '_' and '-' become '_' (path separators,
//! ':', '*', spaces, bytes of UTF-8 sequences), no leading '.' or '-' (hidden
//! files, options), no trailing '.' (Windows drops it), no Windows device
//! name (CON, NUL, COM1...), at most `limit` characters (the middle goes: the
//! start names the test, the end tells the samples of a data-driven test
//! apart), never empty.
inline std::string safe_test_name(const std::string& name, std::size_t limit = test_name_limit)
{
    std::string s;
    s.reserve(name.size());
    for (const char c : name)
        s += portable_name_char(c) ? c : '_';
    if (s.empty())
        s = "test";
    if (s.size() > limit && limit >= 8)
    {
        const std::size_t tail = (limit - 1) / 3;
        s = s.substr(0, limit - 1 - tail) + "~" + s.substr(s.size() - tail);
        s[limit - 1 - tail] = '_';
    }
    if (s[0] == '.' || s[0] == '-')
        s[0] = '_';
    if (s.back() == '.')
        s.back() = '_';
    std::string stem = s.substr(0, s.find('.'));
    for (char& c : stem)
        if (c >= 'a' && c <= 'z')
            c = static_cast< char >(c - 'a' + 'A');
    static const char* const devices[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"};
    bool device = false;
    for (const char* d : devices)
        device = device || stem == d;
    if (stem.size() == 4 && (stem.compare(0, 3, "COM") == 0 || stem.compare(0, 3, "LPT") == 0) && stem[3] >= '0' &&
        stem[3] <= '9')
        device = true;
    if (device)
        s = "_" + s;
    return s;
}

//! The value of environment variable `name`, or empty.
inline std::string environment_text(const char* name)
{
    // getenv is not reentrant with setenv, but a test program reads its
    // settings once, before its tests start threads of their own.
    const char* v = std::getenv(name); // NOLINT(concurrency-mt-unsafe)
    return v ? std::string(v) : std::string();
}

} // namespace detail

//! The temporary directories of one test program's run: one directory per
//! test, made on first use, inside one run directory per run. One object per
//! process: test_dirs(). Thread-safe.
class test_directories
{
    using test_dir = basic_temp_dir< recursive_remove, detail::numbered_test_name >;

public:
    test_directories() = default;
    test_directories(const test_directories&) = delete;
    test_directories& operator=(const test_directories&) = delete;

    //! Ends the run as end_run() does: a test still open counts as failed.
    ~test_directories() { end_run(); }

    // ---- settings: the program's defaults; the environment variable, when
    // set, wins (so that whoever runs the tests can keep everything) -----

    //! Where the runs go (BOOST_TEMPFILE_TEST_DIR): the parent of the
    //! program's root "tmp_path.<program>-<user>". Default: temp_directory_path().
    //! Takes effect at the next run made (the first directory asked for).
    test_directories& parent(const filesystem::path& dir)
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        code_parent_ = dir;
        return *this;
    }

    //! What of the run stays when it ends (BOOST_TEMPFILE_TEST_RETENTION;
    //! default all). Takes effect at the next run made.
    test_directories& retention(test_retention r)
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        code_retention_ = r;
        return *this;
    }

    //! How many runs are kept, this one included (BOOST_TEMPFILE_TEST_KEEP,
    //! default 3); at least 1. Takes effect at the next run made.
    test_directories& keep(std::size_t runs)
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        code_keep_ = runs;
        return *this;
    }

    //! The program's name in the root's name (adapters set it from argv[0]:
    //! the file name without a directory or ".exe"); made safe as a test
    //! name is. Default "tests". Takes effect at the next run made.
    test_directories& program(const std::string& name)
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        set_program(name);
        program_set_ = true;
        return *this;
    }

    //! As program(), unless program() was called: what an adapter calls
    //! with the program's argv[0].
    test_directories& program_default(const std::string& name)
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        if (!program_set_)
            set_program(name);
        return *this;
    }

    // ---- the adapter's side ------------------------------------------------

    //! The directory of the test `test_id` (any value that tells this test
    //! apart from the previous one), named after `test_name`: made on the
    //! first call of a test (making the run first, on the first call of the
    //! run), the same path for the rest of it -- until end_test(). Absolute,
    //! empty when made, 0700. Throws filesystem_error: a setting in the
    //! environment that is not valid (invalid_argument, naming it), the
    //! run's root refused (see run_dir), the directory not made.
    const filesystem::path& directory_for(std::uintmax_t test_id, const std::string& test_name)
    {
        return directory_for_impl(test_id, test_name, nullptr);
    }
    //! As above; on failure sets ec and returns an empty path.
    const filesystem::path& directory_for(std::uintmax_t test_id, const std::string& test_name,
                                          system::error_code& ec)
    {
        return directory_for_impl(test_id, test_name, &ec);
    }

    //! The current test ended: its directory is kept or removed as the
    //! retention says. Returns the directory when the test failed and the
    //! directory stays (for the adapter to log), else an empty path.
    filesystem::path end_test(bool failed) noexcept
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        return end_test_locked(failed);
    }

    //! The run ended: `all` keeps it; `failed` keeps it if a failed test's
    //! directory is in it and removes it otherwise; `none` removes it. The
    //! next directory asked for starts a new run.
    void end_run() noexcept
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        if (test_open_)
            end_test_locked(true);
        if (run_.path().empty())
            return;
        if (retention_ == test_retention::all || (retention_ == test_retention::failed && kept_failed_))
            run_.keep();
        else
        {
            remove_quietly(run_); // what cannot be removed is a dead run for the next sweep
        }
        run_ = run_dir(empty);
        run_path_.clear();
        kept_failed_ = false;
    }

    //! This run's directory; empty before the first directory_for().
    filesystem::path run_path() const
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        return run_path_;
    }

    //! The current test's directory; empty when none was asked for since
    //! the test began (or between tests).
    filesystem::path current_test_path() const
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        return test_open_ ? test_path_ : filesystem::path();
    }

    //! The retention in force (after the environment was read).
    test_retention current_retention() const
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        return retention_;
    }

private:
    static constexpr const char* who = "boost::tempfile::tmp_path";

    void set_program(const std::string& name)
    {
        std::string stem = filesystem::path(name).filename().string();
        if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".exe") == 0)
            stem.resize(stem.size() - 4);
        program_ = detail::safe_test_name(stem, 40);
    }

    //! The settings of the run being made: the environment's where set, the
    //! program's (or the defaults) elsewhere. False: reported.
    bool read_settings(system::error_code* ec)
    {
        const auto refuse = [&](const char* variable, const std::string& value, const char* expected) {
            detail::report(detail::errc_code(system::errc::invalid_argument),
                           std::string(who) + ": " + variable + "=" + detail::quoted_text(value) + " is not " +
                               expected + "; set it right or unset it",
                           filesystem::path(), ec);
            return false;
        };
        const std::string d = detail::environment_text("BOOST_TEMPFILE_TEST_DIR");
        parent_ = d.empty() ? code_parent_ : filesystem::path(d);
        {
            const std::string r = detail::environment_text("BOOST_TEMPFILE_TEST_RETENTION");
            if (r.empty())
                retention_ = code_retention_;
            else if (r == "all")
                retention_ = test_retention::all;
            else if (r == "failed")
                retention_ = test_retention::failed;
            else if (r == "none")
                retention_ = test_retention::none;
            else
                return refuse("BOOST_TEMPFILE_TEST_RETENTION", r, "all, failed or none");
        }
        {
            const std::string k = detail::environment_text("BOOST_TEMPFILE_TEST_KEEP");
            keep_ = code_keep_;
            if (!k.empty())
            {
                std::size_t n = 0;
                bool digits = k.size() <= 6;
                for (const char c : k)
                {
                    digits = digits && c >= '0' && c <= '9';
                    if (digits)
                        n = n * 10 + static_cast< std::size_t >(c - '0');
                }
                if (!digits || n == 0)
                    return refuse("BOOST_TEMPFILE_TEST_KEEP", k, "a number of runs from 1 to 999999");
                keep_ = n;
            }
        }
        if (keep_ == 0)
            return refuse("the number of runs to keep", "0", "at least 1");
        return true;
    }

    bool make_run(system::error_code* ec)
    {
        if (!read_settings(ec))
            return false;
        options opts;
        if (!parent_.empty())
            opts.dir(parent_);
        const std::string app = "tmp_path." + (program_.empty() ? std::string("tests") : program_);
        run_dir run(empty);
        if (ec)
            run = run_dir(app, opts, keep_crashed_runs(keep_ - 1), *ec);
        else
            run = run_dir(app, opts, keep_crashed_runs(keep_ - 1));
        if (run.path().empty())
            return false;
        if (retention_ == test_retention::all)
            run.keep(); // nothing of this run is to be removed, not even at a deadly signal
        run_ = std::move(run);
        run_path_ = run_.path();
        kept_failed_ = false;
        return true;
    }

    const filesystem::path& directory_for_impl(std::uintmax_t test_id, const std::string& test_name,
                                               system::error_code* ec)
    {
        std::lock_guard< detail::fork_safe_mutex > hold(mutex_);
        if (test_open_ && test_id == test_id_ && !test_path_.empty())
        {
            detail::clear(ec);
            return test_path_;
        }
        if (test_open_)
            end_test_locked(false); // a test the adapter did not see end: it did not fail here
        if (run_.path().empty() && !make_run(ec))
            return empty_path_;
        test_dir dir(empty);
        options opts;
        opts.dir(run_path_).prefix(detail::safe_test_name(test_name)).attempts(1000);
        if (ec)
            dir = test_dir(opts, *ec);
        else
            dir = test_dir(opts);
        if (dir.path().empty())
            return empty_path_;
        test_ = std::move(dir);
        test_path_ = test_.path();
        test_id_ = test_id;
        test_open_ = true;
        return test_path_;
    }

    //! Removes what `owner` holds, errors ignored (a bad_alloc while
    //! reporting one included): what stays behind is taken by the run's
    //! removal or by a later sweep, and the callers end a test or a run
    //! from a destructor or a framework callback, where nothing may escape.
    template< typename Owner >
    static void remove_quietly(Owner& owner) noexcept
    {
        BOOST_TRY
        {
            system::error_code ignored;
            owner.remove(ignored);
        }
        BOOST_CATCH(...)
        {
        }
        BOOST_CATCH_END
    }

    filesystem::path end_test_locked(bool failed) noexcept
    {
        filesystem::path kept;
        if (!test_open_)
            return kept;
        test_open_ = false;
        const bool stays =
            retention_ == test_retention::all || (retention_ == test_retention::failed && failed);
        if (stays)
        {
            test_.keep();
            if (failed)
            {
                kept_failed_ = true;
                BOOST_TRY
                {
                    kept = test_path_;
                }
                BOOST_CATCH(...)
                {
                }
                BOOST_CATCH_END
            }
        }
        else
        {
            remove_quietly(test_); // left behind on failure: the run's removal or a sweep takes it
        }
        test_ = test_dir(empty);
        test_path_.clear();
        return kept;
    }

    mutable detail::fork_safe_mutex mutex_;
    filesystem::path code_parent_;
    test_retention code_retention_ = test_retention::all;
    std::size_t code_keep_ = 3;
    std::string program_;
    bool program_set_ = false;
    // In force for the current run (read when it is made).
    filesystem::path parent_;
    test_retention retention_ = test_retention::all;
    std::size_t keep_ = 3;

    run_dir run_{empty};
    filesystem::path run_path_;
    bool kept_failed_ = false;

    test_dir test_{empty};
    filesystem::path test_path_;
    std::uintmax_t test_id_ = 0;
    bool test_open_ = false;

    const filesystem::path empty_path_;
};

//! The process's test directories (one per program: a function-local static).
inline test_directories& test_dirs()
{
    static test_directories dirs;
    return dirs;
}

} // namespace tempfile
} // namespace boost

#endif
