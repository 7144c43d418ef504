// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Creation errors every backend reports alike, through the throwing and the
// error_code form of every creating API (named_temp_file, temp_file,
// make_temp_file, make_temp_dir): what the system said, in system_category,
// with the directory named and nothing made. Injected and POSIX-only
// failures (a file given as the directory: ENOTDIR, where Windows says
// ERROR_PATH_NOT_FOUND; permissions; descriptor exhaustion) are in
// test/run/file_errors.cpp and test/run/dir_errors.cpp.

#define BOOST_TEST_MODULE behaviour_creation_errors
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <sstream>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

struct named_api
{
    static constexpr const char* name = "named_temp_file";
    static void create(const tf::options& o) { tf::named_temp_file<> f(o); }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        tf::named_temp_file<> f(o, ec);
        return f.path().empty() && !f.is_open() && !f.owns_name();
    }
};

struct anonymous_api
{
    static constexpr const char* name = "temp_file";
    static void create(const tf::options& o) { tf::temp_file f(o); }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        tf::temp_file f(o, ec);
        return !f.is_open();
    }
};

struct mkstemp_api
{
    static constexpr const char* name = "make_temp_file";
    static void create(const tf::options& o)
    {
        tf::created_file made = tf::make_temp_file(o);
        close_handle(made.handle);
        remove_file(made.path);
    }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        tf::created_file made = tf::make_temp_file(o, ec);
        const bool empty = made.handle == no_handle() && made.path.empty();
        if (made.handle != no_handle())
            close_handle(made.handle);
        if (!made.path.empty())
            remove_file(made.path);
        return empty;
    }
};

struct mkdtemp_api
{
    static constexpr const char* name = "make_temp_dir";
    static void create(const tf::options& o) { fs::remove(tf::make_temp_dir(o)); }
    static bool create(const tf::options& o, boost::system::error_code& ec)
    {
        const fs::path d = tf::make_temp_dir(o, ec);
        if (!d.empty())
            fs::remove(d);
        return d.empty();
    }
};

//! Creates in `dir` through both error forms of Api and describes every way
//! the result differs from "what the system said, meaning `err`, reported
//! with `dir`, object empty". Empty when all is as it should be.
template< typename Api >
std::string error_forms_mismatch(const fs::path& dir, boost::system::errc::errc_t err)
{
    std::ostringstream why;
    const tf::options opts = tf::options().dir(dir);
    try
    {
        Api::create(opts);
        why << Api::name << ": the throwing form did not throw; ";
    }
    catch (const fs::filesystem_error& e)
    {
        if (!system_says(e.code(), err))
            why << Api::name << ": threw " << e.code() << " (" << e.code().message() << "), not " << err << "; ";
        if (e.path1() != dir)
            why << Api::name << ": path1 is " << e.path1() << ", not " << dir << "; ";
    }
    catch (const std::exception& e)
    {
        why << Api::name << ": threw something else: " << e.what() << "; ";
    }
    boost::system::error_code ec;
    const bool empty = Api::create(opts, ec);
    if (!system_says(ec, err))
        why << Api::name << ": ec is " << ec << " (" << ec.message() << "), not " << err << "; ";
    if (!empty)
        why << Api::name << ": the error_code form did not leave the result empty; ";
    return why.str();
}

std::string all_error_forms_mismatch(const fs::path& dir, boost::system::errc::errc_t err)
{
    return error_forms_mismatch< named_api >(dir, err) + error_forms_mismatch< anonymous_api >(dir, err) +
           error_forms_mismatch< mkstemp_api >(dir, err) + error_forms_mismatch< mkdtemp_api >(dir, err);
}

} // namespace

BOOST_AUTO_TEST_CASE(nonexistent_directory_reports_enoent)
{
    case_dir scratch;
    handle_leak_check leak;
    const fs::path missing = scratch.path / "missing";
    const std::string why = all_error_forms_mismatch(missing, boost::system::errc::no_such_file_or_directory);
    BOOST_TEST(why.empty(), why);
    BOOST_TEST(!fs::exists(missing));
    BOOST_TEST(scratch.entries() == 0u);
}
