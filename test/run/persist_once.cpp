// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 16.7: after a successful persist() the object owns and moves nothing:
// a second persist() fails with operation_not_permitted, saying where the
// file was published, and nothing moves. Issue 16.8: running out of names and
// a no-clobber publication that meets an existing target give one and the
// same error_code (the system's "exists").
//
// Portable: built here and, through test/windows/persist_once.cpp, for
// Windows (run under wine).

#define BOOST_TEST_MODULE persist_once
#include <boost/tempfile/make_temp.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/test/unit_test.hpp>

#include <iterator>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;

namespace {

struct scratch_dir
{
    fs::path path;
    scratch_dir() : path(fs::temp_directory_path() / fs::unique_path("tf-persist-%%%%-%%%%-%%%%"))
    {
        fs::create_directory(path);
    }
    ~scratch_dir()
    {
        error_code ec;
        fs::remove_all(path, ec);
    }
    tf::options in() const { return tf::options().dir(path); }
};

std::string contents(const fs::path& p)
{
    fs::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

void write_file(const fs::path& p, const std::string& text)
{
    fs::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

//! Always offers the same name.
struct same_name
{
    void generate(const tf::options&, std::string& name) const { name = "same"; }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_second_persist_of_a_named_file_fails_and_moves_nothing)
{
    scratch_dir scratch;
    const fs::path first = scratch.path / "first.txt";
    const fs::path second = scratch.path / "second.txt";
    tf::named_temp_file<> f(scratch.in());
    f.stream() << "published once";
    f.persist(first);
    error_code ec;
    f.persist(second, ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    f.persist(second, tf::no_clobber, ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    try
    {
        f.persist(second);
        BOOST_ERROR("nothing thrown");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::operation_not_permitted);
        BOOST_TEST(std::string(e.what()).find("already persisted to") != std::string::npos, e.what());
        BOOST_TEST(e.path1() == first);
        BOOST_TEST(e.path2() == second);
    }
    BOOST_TEST(!fs::exists(second), "nothing moved");
    BOOST_TEST(f.path() == first);
    f.close();
    BOOST_TEST(contents(first) == "published once");
}

BOOST_AUTO_TEST_CASE(a_second_persist_of_a_closed_file_fails_too)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(scratch.in());
    f.close();
    f.persist(scratch.path / "first");
    error_code ec;
    f.persist(scratch.path / "second", ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    BOOST_TEST(fs::exists(scratch.path / "first"));
    BOOST_TEST(!fs::exists(scratch.path / "second"));
}

BOOST_AUTO_TEST_CASE(a_second_persist_of_an_anonymous_file_fails_and_names_nothing)
{
    scratch_dir scratch;
    tf::temp_file t(scratch.in());
    if (!t.linkable())
    {
        BOOST_TEST_MESSAGE("NOT TESTED here: anonymous files cannot be named on this system or file system");
        BOOST_TEST(!t.is_open() == false, "the file is there; it only cannot be named");
        return;
    }
    t.persist(scratch.path / "first");
    error_code ec;
    t.persist(scratch.path / "second", ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    BOOST_TEST(!fs::exists(scratch.path / "second"));
}

BOOST_AUTO_TEST_CASE(name_exhaustion_and_a_no_clobber_persist_give_equal_error_codes)
{
    scratch_dir scratch;
    tf::basic_named_temp_file< tf::delete_on_close, same_name > taken(scratch.in());
    error_code exhausted;
    tf::basic_named_temp_file< tf::delete_on_close, same_name > again(scratch.in().attempts(3), exhausted);
    BOOST_TEST(exhausted == boost::system::errc::file_exists, exhausted.message());

    const fs::path target = scratch.path / "target.txt";
    write_file(target, "there");
    tf::named_temp_file<> f(scratch.in());
    error_code clobber;
    f.persist(target, tf::no_clobber, clobber);
    BOOST_TEST(clobber == boost::system::errc::file_exists, clobber.message());
    BOOST_TEST(clobber == exhausted, "no_clobber: " << clobber << ", exhaustion: " << exhausted);

    error_code dir_exhausted;
    fs::create_directory(scratch.path / "d");
    (void)tf::make_temp_dir< same_name >(tf::options().dir(scratch.path / "d").attempts(2), dir_exhausted);
    (void)tf::make_temp_dir< same_name >(tf::options().dir(scratch.path / "d").attempts(2), dir_exhausted);
    BOOST_TEST(dir_exhausted == exhausted, "make_temp_dir: " << dir_exhausted);

    tf::temp_file t(scratch.in());
    if (t.linkable())
    {
        error_code anonymous;
        t.persist(target, tf::no_clobber, anonymous);
        BOOST_TEST(anonymous == exhausted, "temp_file: " << anonymous);
    }
    BOOST_TEST(contents(target) == "there");
}
