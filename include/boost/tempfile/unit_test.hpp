// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_UNIT_TEST_HPP
#define BOOST_TEMPFILE_UNIT_TEST_HPP
#pragma once

// Opt-in header (not included by <boost/tempfile.hpp>): it needs Boost.Test.
//
// boost::tempfile::unit_test::tmp_path() -- the current test case's own
// temporary directory, pytest's tmp_path for Boost.Test, over the
// framework-neutral test_directories of <boost/tempfile/test_dirs.hpp>.
// The adapter tells the core which test case runs (its id and its name, from
// framework::current_test_case()) and, through a test_observer registered on
// the first call, how each test case ended (results_collector, which has
// settled a test case's result before this observer hears of its end: the
// framework calls test_unit_finish in decreasing priority) and when the run
// ends (test_finish).

#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/test_dirs.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/test/framework.hpp>
#include <boost/test/results_collector.hpp>
#include <boost/test/tree/observer.hpp>
#include <boost/test/tree/test_unit.hpp>
#include <boost/test/unit_test_log.hpp>
#include <boost/test/utils/lazy_ostream.hpp>

#include <atomic>
#include <cstdint>
#include <string>

namespace boost {
namespace tempfile {
namespace unit_test {
namespace detail {

//! Hears how the test cases that asked for a directory end, and the run's end.
class tmp_path_observer : public boost::unit_test::test_observer
{
public:
    void test_unit_finish(boost::unit_test::test_unit const& tu, unsigned long) override
    {
        if (tu.p_type != boost::unit_test::TUT_CASE)
            return;
        const bool passed = boost::unit_test::results_collector.results(tu.p_id).passed();
        const filesystem::path kept = test_dirs().end_test(!passed);
        if (!kept.empty())
            BOOST_TEST_MESSAGE("tmp_path() of the failed test case \"" << tu.full_name() << "\" is kept in "
                                                                         << kept.string());
    }
    void test_finish() override { test_dirs().end_run(); }
    // After the results collector (3) and the log (2): see the header comment.
    int priority() override { return 0; }
};

//! The test case's name as a directory name: its suites below the master
//! suite and its own name, joined by '.'; a sample of a data-driven test
//! case is "<case>._<index>".
inline std::string test_case_name(boost::unit_test::test_case const& tc)
{
    namespace ut = boost::unit_test;
    std::string name(tc.p_name.get().begin(), tc.p_name.get().end());
    ut::test_unit_id parent = tc.p_parent_id;
    while (parent != ut::INV_TEST_UNIT_ID && parent != ut::framework::master_test_suite().p_id)
    {
        const ut::test_unit& suite = ut::framework::get(parent, ut::TUT_SUITE);
        name.insert(name.begin(), '.');
        name.insert(name.begin(), suite.p_name.get().begin(), suite.p_name.get().end());
        parent = suite.p_parent_id;
    }
    return name;
}

inline void observe_once()
{
    static const bool registered = [] {
        static tmp_path_observer observer;
        boost::unit_test::framework::register_observer(observer);
        return true;
    }();
    (void)registered;
}

} // namespace detail

//! The current test case's temporary directory: made on the first call in a
//! test case (absolute, empty, 0700, named after the test case inside this
//! run's directory), the same path for the rest of the test case, another
//! directory in the next one -- also in fixtures and in each sample of a
//! data-driven test case. Throws filesystem_error: called outside a test
//! case (operation_not_permitted), a setting in the environment that is
//! not valid (invalid_argument), the run or the directory not made.
inline const filesystem::path& tmp_path()
{
    namespace ut = boost::unit_test;
    const ut::test_unit_id id = ut::framework::current_test_case_id();
    if (id == ut::INV_TEST_UNIT_ID)
        boost::tempfile::detail::report(
            boost::tempfile::detail::errc_code(system::errc::operation_not_permitted),
            "boost::tempfile::unit_test::tmp_path: called outside a test case (a test case's directory is made in "
            "the test case, or in its fixture)",
            filesystem::path(), nullptr);
    detail::observe_once();
    test_directories& dirs = test_dirs();
    const ut::master_test_suite_t& master = ut::framework::master_test_suite();
    if (master.argc > 0 && master.argv[0])
        dirs.program_default(master.argv[0]);
    const ut::test_case& tc = ut::framework::current_test_case();
    static std::atomic< ut::test_unit_id > announced{ut::INV_TEST_UNIT_ID};
    const filesystem::path& p = dirs.directory_for(static_cast< std::uintmax_t >(id), detail::test_case_name(tc));
    if (announced.exchange(id) != id)
    {
        // Sticky: said with every failure of this test case, at the failure.
        ut::framework::add_context(ut::lazy_ostream::instance() << "tmp_path() of this test case: " << p.string(),
                                   true);
    }
    return p;
}

} // namespace unit_test
} // namespace tempfile
} // namespace boost

#endif
