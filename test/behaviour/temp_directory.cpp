// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_directory_path on every backend: the variable the system reads first
// (TMPDIR on POSIX, TMP on Windows) is honoured, the answer cached until
// reset, set_temp_directory_path overrides it, the error_code form. The
// order of the variables and the fixed fallbacks differ by system: POSIX in
// test/run/temp_directory.cpp, Windows in test/windows/make_temp.cpp.

#define BOOST_TEST_MODULE behaviour_temp_directory
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

//! Each test starts and ends with none of the variables set and nothing
//! cached, so no answer leaks from one test into the next.
struct clean_lookup
{
    scoped_env tmpdir{"TMPDIR", nullptr}, temp{"TEMP", nullptr}, tmp{"TMP", nullptr};
    clean_lookup() { tf::reset_temp_directory_path(); }
    ~clean_lookup() { tf::reset_temp_directory_path(); }
};

//! Changes the current directory for a scope.
struct scoped_cwd
{
    explicit scoped_cwd(const fs::path& p) : old(fs::current_path()) { fs::current_path(p); }
    ~scoped_cwd() { fs::current_path(old); }
    fs::path old;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(lookup, clean_lookup)

BOOST_AUTO_TEST_CASE(tmpdir_is_honoured_and_the_probe_leaves_nothing_behind)
{
    handle_leak_check leaks;
    scratch_dir a;
    scoped_env env(temp_variable, a.path.string().c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == a.path);
    BOOST_TEST(a.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(answer_is_cached_until_reset)
{
    scratch_dir a, b;
    scoped_env e1(temp_variable, a.path.string().c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == a.path);
    scoped_env::set(temp_variable, b.path.string().c_str());
    BOOST_TEST(tf::temp_directory_path() == a.path);
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == b.path);
}

BOOST_AUTO_TEST_CASE(set_temp_directory_path_overrides_for_the_process_and_reset_rereads)
{
    scratch_dir a, b;
    scoped_env e1(temp_variable, a.path.string().c_str());
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == a.path);

    tf::set_temp_directory_path(b.path);
    BOOST_TEST(tf::temp_directory_path() == b.path);
    fs::path made;
    {
        tf::temp_dir<> d; // the default place follows the override
        made = d.path();
        BOOST_TEST(made.parent_path() == b.path);
    }
    BOOST_TEST(!fs::exists(made));

    // The caller's choice is not probed: even a missing directory is taken.
    tf::set_temp_directory_path(a.path / "not_there");
    BOOST_TEST(tf::temp_directory_path() == a.path / "not_there");

    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() == a.path);
}

BOOST_AUTO_TEST_CASE(relative_override_is_made_absolute_at_once)
{
    scratch_dir a;
    make_dir(a.path / "sub");
    fs::path expected;
    {
        scoped_cwd cwd(a.path);
        expected = fs::current_path() / "sub";
        tf::set_temp_directory_path("sub");
    }
    // Leaving the directory does not change the answer.
    BOOST_TEST(tf::temp_directory_path() == expected);
}

BOOST_AUTO_TEST_CASE(error_code_form_clears_the_code_on_success)
{
    scratch_dir a;
    scoped_env e1(temp_variable, a.path.string().c_str());
    tf::reset_temp_directory_path();
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    BOOST_TEST(tf::temp_directory_path(ec) == a.path);
    BOOST_TEST(!ec);
    ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    BOOST_TEST(tf::temp_directory_path(ec) == a.path); // the cached answer
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_SUITE_END()
