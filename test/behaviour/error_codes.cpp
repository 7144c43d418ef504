// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// One OS error, one error code (issue 16.8): "a name is taken" reached by
// different paths of the library -- every attempt of a creation loop
// collided, persist(no_clobber) onto an existing target, atomic_file's
// no_clobber commit -- is the same error_code, value and category, so that a
// caller comparing codes (a map key, a log filter, `ec == other`) is not told
// two different things. And a refused option is an error about a creation in
// a directory: path1() is that directory, never the refused text.

#define BOOST_TEST_MODULE behaviour_error_codes
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

//! Always offers the same name.
struct same_name
{
    void generate(const tf::options&, std::string& name) { name = "taken"; }
};

//! The code of "every name tried already exists" from a creation loop.
boost::system::error_code exhausted_attempts(const fs::path& dir)
{
    write_file(dir / "taken", "someone else's");
    boost::system::error_code ec;
    tf::basic_named_temp_file< tf::delete_on_close, same_name > f(tf::options().dir(dir).attempts(3), ec);
    BOOST_TEST(!f.is_open());
    return ec;
}

} // namespace

BOOST_AUTO_TEST_CASE(exhausted_attempts_and_persist_no_clobber_report_the_same_code)
{
    case_dir scratch;
    const boost::system::error_code exhausted = exhausted_attempts(scratch.path);
    BOOST_TEST_REQUIRE(!!exhausted);

    write_file(scratch.path / "target", "precious");
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    boost::system::error_code clobber;
    f.persist(scratch.path / "target", tf::no_clobber, clobber);
    BOOST_TEST_REQUIRE(!!clobber);

    BOOST_TEST(exhausted == clobber, exhausted.category().name() << ':' << exhausted.value() << " against "
                                                                 << clobber.category().name() << ':' << clobber.value());
    BOOST_TEST(system_says(exhausted, boost::system::errc::file_exists), exhausted.message());
    BOOST_TEST(read_file(scratch.path / "target") == "precious");
}

BOOST_AUTO_TEST_CASE(the_same_code_from_the_throwing_forms_and_from_atomic_file)
{
    case_dir scratch;
    const boost::system::error_code exhausted = exhausted_attempts(scratch.path);
    BOOST_TEST_REQUIRE(!!exhausted);

    try
    {
        tf::basic_named_temp_file< tf::delete_on_close, same_name > f(tf::options().dir(scratch.path).attempts(2));
        BOOST_ERROR("created at a taken name");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == exhausted, e.what());
        BOOST_TEST(e.path1() == scratch.path);
    }

    write_file(scratch.path / "target", "precious");
    tf::atomic_file a(scratch.path / "target", tf::atomic_options().no_clobber());
    a.stream() << "new";
    boost::system::error_code ec;
    a.commit(ec);
    BOOST_TEST(ec == exhausted, ec.category().name() << ':' << ec.value() << " against "
                                                     << exhausted.category().name() << ':' << exhausted.value());
    BOOST_TEST(read_file(scratch.path / "target") == "precious");
}

BOOST_AUTO_TEST_CASE(a_refused_prefix_is_reported_on_the_directory_not_as_a_path)
{
    case_dir scratch;
    const std::string bad = "a/b";
    try
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix(bad));
        BOOST_ERROR("a prefix holding a separator was accepted");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::invalid_argument);
        BOOST_TEST(e.path1() == scratch.path, e.path1());
        BOOST_TEST(std::string(e.what()).find(bad) != std::string::npos, e.what());
    }
    BOOST_TEST(scratch.entries() == 0u);
}
