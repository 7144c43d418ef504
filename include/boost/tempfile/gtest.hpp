// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_GTEST_HPP
#define BOOST_TEMPFILE_GTEST_HPP
#pragma once

// Opt-in header (not included by <boost/tempfile.hpp>): it needs GoogleTest.
//
// boost::tempfile::gtest::tmp_path() -- the current test's own temporary
// directory, pytest's tmp_path for GoogleTest, over the framework-neutral
// test_directories of <boost/tempfile/test_dirs.hpp>. The adapter tells the
// core which test runs (UnitTest::current_test_info(): its suite and name)
// and, through an event listener appended on the first call, how each test
// ended (TestResult::Failed() in OnTestEnd) and when the program's tests end
// (OnTestProgramEnd). A failure is followed by a line that says where the
// test's directory is.

#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/test_dirs.hpp>

#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>
#include <boost/system/error_code.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>

namespace boost {
namespace tempfile {
namespace gtest {
namespace detail {

//! Hears how the tests that asked for a directory end, and the program's end.
class tmp_path_listener : public ::testing::EmptyTestEventListener
{
public:
    void OnTestPartResult(const ::testing::TestPartResult& result) override
    {
        if (!result.failed() || said_)
            return;
        const filesystem::path p = test_dirs().current_test_path();
        if (p.empty())
            return;
        said_ = true;
        std::printf("tmp_path() of this test: %s\n", p.string().c_str());
    }
    void OnTestStart(const ::testing::TestInfo&) override { said_ = false; }
    void OnTestEnd(const ::testing::TestInfo& info) override
    {
        const filesystem::path kept = test_dirs().end_test(info.result()->Failed());
        if (!kept.empty())
            std::printf("tmp_path() of the failed test %s.%s is kept in %s\n", info.test_suite_name(), info.name(),
                        kept.string().c_str());
    }
    void OnTestProgramEnd(const ::testing::UnitTest&) override { test_dirs().end_run(); }

private:
    std::atomic< bool > said_{false};
};

//! The program's name, which GoogleTest does not hand out: Linux's
//! /proc/self/exe; elsewhere test_dirs().program() sets it (else "tests").
inline std::string program_name()
{
#if defined(__linux__)
    system::error_code ec;
    const filesystem::path exe = filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec)
        return exe.filename().string();
#endif
    return std::string();
}

inline void listen_once()
{
    static const bool appended = [] {
        // GoogleTest owns the listener from here on.
        ::testing::UnitTest::GetInstance()->listeners().Append(new tmp_path_listener);
        const std::string program = program_name();
        if (!program.empty())
            test_dirs().program_default(program);
        return true;
    }();
    (void)appended;
}

} // namespace detail

//! The current test's temporary directory: made on the first call in a test
//! (absolute, empty, 0700, named "<suite>.<test>" made safe, inside this
//! run's directory), the same path for the rest of the test, another one in
//! the next test -- also in a fixture's SetUp() and in each instance of a
//! parameterized test. Throws filesystem_error: called outside a test
//! (operation_not_permitted), a setting in the environment that is not valid
//! (invalid_argument), the run or the directory not made.
inline const filesystem::path& tmp_path()
{
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    if (!info)
        boost::tempfile::detail::report(
            boost::tempfile::detail::errc_code(system::errc::operation_not_permitted),
            "boost::tempfile::gtest::tmp_path: called outside a test (a test's directory is made in the test, or in "
            "its fixture's SetUp)",
            filesystem::path(), nullptr);
    detail::listen_once();
    const std::string name = std::string(info->test_suite_name()) + "." + info->name();
    return test_dirs().directory_for(reinterpret_cast< std::uintptr_t >(info), name);
}

} // namespace gtest
} // namespace tempfile
} // namespace boost

#endif
