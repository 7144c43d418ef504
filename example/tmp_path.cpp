// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// pytest's tmp_path for Boost.Test: every test case gets its own fresh
// directory, named after it, inside one run directory per run of the test
// program; the last runs stay for inspection, and a killed run is swept by a
// later one. This program keeps only what failed (its tests pass, so nothing
// stays); BOOST_TEMPFILE_TEST_RETENTION=all in the environment keeps it all.

#define BOOST_TEST_MODULE tmp_path_example
#include <boost/tempfile/unit_test.hpp> // opt-in: not part of <boost/tempfile.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using tf::unit_test::tmp_path;

// The program's defaults, before any test asks for a directory; the
// environment still wins.
struct tmp_path_settings
{
    tmp_path_settings() { tf::test_dirs().retention(tf::test_retention::failed).keep(3); }
};
BOOST_TEST_GLOBAL_FIXTURE(tmp_path_settings);

// What a test would check: a function that writes a report into a directory.
void write_report(const fs::path& dir, const std::string& text)
{
    std::ofstream(dir / "report.txt") << text;
}

BOOST_AUTO_TEST_CASE(writes_a_report)
{
    const fs::path& dir = tmp_path(); // this test case's directory: empty, 0700
    BOOST_TEST(fs::is_empty(dir));
    write_report(dir, "42 files");
    BOOST_TEST(fs::file_size(dir / "report.txt") == 8u);
    BOOST_TEST(&tmp_path() == &dir); // the same directory for the rest of the test case
}

BOOST_AUTO_TEST_CASE(gets_a_directory_of_its_own)
{
    BOOST_TEST(fs::is_empty(tmp_path())); // not the previous test case's
    BOOST_TEST(tmp_path().filename() == "gets_a_directory_of_its_own");
}

// A fixture may ask first: the test case sees the same directory.
struct workspace
{
    fs::path root = tmp_path();
    workspace() { fs::create_directory(root / "input"); }
};

BOOST_FIXTURE_TEST_CASE(shares_the_directory_with_its_fixture, workspace)
{
    BOOST_TEST(fs::is_directory(tmp_path() / "input"));
}

// One directory per sample: "each_size._0", "each_size._1", ...
BOOST_DATA_TEST_CASE(each_size, boost::unit_test::data::make({0, 1, 1000}), size)
{
    const fs::path file = tmp_path() / "data";
    std::ofstream(file.string()) << std::string(static_cast< std::size_t >(size), 'x');
    BOOST_TEST(fs::file_size(file) == static_cast< std::uintmax_t >(size));
}
