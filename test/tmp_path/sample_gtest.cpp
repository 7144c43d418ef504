// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The GoogleTest twin of sample_boost_test.cpp: the same tests, the same
// report, for the driver (test/tmp_path/driver.cpp). Some tests fail on
// purpose.

#include <boost/tempfile/gtest.hpp>

#include <gtest/gtest.h>

#include "sample_report.hpp"

using boost::tempfile::gtest::tmp_path;

namespace {

void ask(const std::string& key)
{
    const boost::filesystem::path& p = tmp_path();
    sample::record(key, p, &tmp_path() == &p && tmp_path() == p);
}

class fixture_asking_first : public ::testing::Test
{
protected:
    void SetUp() override
    {
        from_fixture = tmp_path();
        sample::check_fresh(from_fixture);
    }
    boost::filesystem::path from_fixture;
};

class samples : public ::testing::TestWithParam< int >
{
};

} // namespace

TEST(sample, passes) { ask("passes"); }

TEST(sample, fails)
{
    ask("fails");
    ADD_FAILURE() << "this test fails on purpose";
}

TEST(sample, never_asks) { SUCCEED(); }

TEST_F(fixture_asking_first, in_a_fixture)
{
    EXPECT_EQ(from_fixture, tmp_path());
    ask("fixture");
}

TEST_P(samples, each) { ask("data" + std::to_string(GetParam())); }
INSTANTIATE_TEST_SUITE_P(sample, samples, ::testing::Range(0, 3));

TEST(sample, waits)
{
    if (sample::wait_wanted())
    {
        ask("waits");
        sample::wait_for_go();
    }
}
