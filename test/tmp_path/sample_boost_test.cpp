// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A test program that uses tmp_path() -- run by test/tmp_path/driver.cpp as
// a child process, several times, under each retention policy. Not a test
// by itself: some of its test cases fail on purpose. What each test case got
// is appended to $SAMPLE_REPORT (see sample_report.hpp); the driver checks
// what remains on disk against it.

#define BOOST_TEST_MODULE tmp_path_sample
#include <boost/tempfile/unit_test.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "sample_report.hpp"

using boost::tempfile::unit_test::tmp_path;

namespace {

void ask(const std::string& key)
{
    const boost::filesystem::path& p = tmp_path();
    sample::record(key, p, &tmp_path() == &p && tmp_path() == p);
}

struct fixture_asking_first
{
    boost::filesystem::path from_fixture;
    fixture_asking_first() : from_fixture(tmp_path()) { sample::check_fresh(from_fixture); }
};

void unsafe_name() { ask("unsafe"); }
void collides_1() { ask("collide1"); }
void collides_2() { ask("collide2"); }

// Names the framework keeps as they are (it replaces only : * @ + ! / ,).
struct register_unsafe_names
{
    register_unsafe_names()
    {
        auto& master = boost::unit_test::framework::master_test_suite();
        master.add(BOOST_TEST_CASE_NAME(&unsafe_name, "con. a\\b?\"c\"<d>|e|\xc3\xa9 \t."));
        master.add(BOOST_TEST_CASE_NAME(&collides_1, "x?y"));
        master.add(BOOST_TEST_CASE_NAME(&collides_2, "x|y"));
    }
} const registered;

} // namespace

BOOST_AUTO_TEST_SUITE(sample)

BOOST_AUTO_TEST_CASE(passes)
{
    ask("passes");
}

BOOST_AUTO_TEST_CASE(fails)
{
    ask("fails");
    BOOST_TEST(false, "this test case fails on purpose");
}

BOOST_AUTO_TEST_CASE(never_asks)
{
    BOOST_TEST(true);
}

BOOST_FIXTURE_TEST_CASE(in_a_fixture, fixture_asking_first)
{
    BOOST_TEST(from_fixture == tmp_path());
    ask("fixture");
}

BOOST_DATA_TEST_CASE(samples, boost::unit_test::data::xrange(3), i)
{
    ask("data" + std::to_string(i));
}

BOOST_AUTO_TEST_CASE(waits)
{
    // The driver's parallel runs and kills: told where to wait.
    if (sample::wait_wanted())
    {
        ask("waits");
        sample::wait_for_go();
    }
}

BOOST_AUTO_TEST_SUITE_END()
