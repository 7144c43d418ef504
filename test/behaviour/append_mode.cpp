// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// options().append(true) (Rust's Builder::append, Python's mode='a+b') on
// every backend: every write lands at the end of the file whatever the
// position, through the stream and through the handle, for named_temp_file,
// temp_file and make_temp_file; persist keeps the handle appending; reopen
// gives a plain read-write handle; the creations that cannot honour it
// (temp_dir, make_temp_dir, spooled_temp_file) refuse it before making anything.

#define BOOST_TEST_MODULE behaviour_append_mode
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

//! Writes "abc" through the stream, seeks to the start and writes "XYZ".
template< typename Owner >
void write_then_overwrite_the_start(Owner& f)
{
    f.stream() << "abc";
    BOOST_TEST_REQUIRE(static_cast< bool >(f.stream().flush()));
    f.stream().seekp(0);
    f.stream() << "XYZ";
    BOOST_TEST_REQUIRE(static_cast< bool >(f.stream().flush()));
}

//! Seeks the handle to the start and writes `text` there.
bool write_at_start(handle h, const std::string& text)
{
#if defined(_WIN32)
    LARGE_INTEGER zero;
    zero.QuadPart = 0;
    if (!::SetFilePointerEx(h, zero, nullptr, FILE_BEGIN))
        return false;
#else
    if (::lseek(h, 0, SEEK_SET) != 0)
        return false;
#endif
    return write_handle(h, text);
}

void check_refused(const boost::system::error_code& ec, const case_dir& scratch)
{
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST((ec.category() == boost::system::generic_category()));
    BOOST_TEST(scratch.entries() == 0u);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_named_file_in_append_mode_writes_at_the_end_whatever_the_stream_position)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).append(true));
    BOOST_TEST(f.path().parent_path() == scratch.path);
    write_then_overwrite_the_start(f);
    BOOST_TEST(read_file(f.path()) == "abcXYZ");
    // The stream's position follows the write to the end.
    BOOST_TEST(static_cast< long long >(f.stream().tellp()) == 6);
}

BOOST_AUTO_TEST_CASE(a_named_file_without_append_mode_overwrites_at_the_position)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).append(false));
    write_then_overwrite_the_start(f);
    BOOST_TEST(read_file(f.path()) == "XYZ");
}

BOOST_AUTO_TEST_CASE(reading_and_seeking_work_as_usual_in_append_mode)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).append(true));
    f.stream() << "hello world";
    f.stream().flush();
    f.stream().seekg(6);
    std::string word;
    f.stream() >> word;
    BOOST_TEST(word == "world");
}

BOOST_AUTO_TEST_CASE(the_handle_of_a_named_file_in_append_mode_appends_too)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).append(true));
    f.stream() << "first;";
    const handle h = f.native_handle();
    BOOST_TEST_REQUIRE(write_at_start(h, "second;"));
    BOOST_TEST(read_file(f.path()) == "first;second;");
    // A duplicate shares the open file and so its append mode.
    tf::unique_handle d = f.duplicate_handle();
    BOOST_TEST_REQUIRE(write_at_start(d.get(), "third;"));
    BOOST_TEST(read_file(f.path()) == "first;second;third;");
}

BOOST_AUTO_TEST_CASE(an_appending_file_keeps_appending_after_persist)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).append(true));
    f.stream() << "log 1\n";
    const fs::path target = scratch.path / "app.log";
    f.persist(target);
    f.stream().seekp(0);
    f.stream() << "log 2\n";
    f.stream().flush();
    BOOST_TEST(read_file(target) == "log 1\nlog 2\n");
}

BOOST_AUTO_TEST_CASE(reopen_of_an_appending_file_gives_a_plain_read_write_handle)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).append(true));
    f.stream() << "abcdef";
    owned_handle again(f.reopen());
    BOOST_TEST_REQUIRE(write_at_start(again.fd, "XY"));
    BOOST_TEST(read_file(f.path()) == "XYcdef");
}

BOOST_AUTO_TEST_CASE(an_anonymous_file_in_append_mode_writes_at_the_end)
{
    case_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path).append(true));
    write_then_overwrite_the_start(f);
    BOOST_TEST(handle_contents(f.native_handle()) == "abcXYZ");
}

BOOST_AUTO_TEST_CASE(an_anonymous_file_without_append_mode_overwrites)
{
    case_dir scratch;
    tf::temp_file f(tf::options().dir(scratch.path));
    write_then_overwrite_the_start(f);
    BOOST_TEST(handle_contents(f.native_handle()) == "XYZ");
}

BOOST_AUTO_TEST_CASE(make_temp_file_in_append_mode_hands_over_an_appending_handle)
{
    case_dir scratch;
    tf::created_file made = tf::make_temp_file(tf::options().dir(scratch.path).append(true));
    owned_handle h(made.handle);
    BOOST_TEST_REQUIRE(write_handle(h.fd, "one;"));
    BOOST_TEST_REQUIRE(write_at_start(h.fd, "two;"));
    BOOST_TEST(read_file(made.path) == "one;two;");
    fs::remove(made.path);
}

BOOST_AUTO_TEST_CASE(temp_dir_refuses_append_mode_before_making_anything)
{
    case_dir scratch;
    boost::system::error_code ec;
    tf::temp_dir<> d(tf::options().dir(scratch.path).append(true), ec);
    check_refused(ec, scratch);
    BOOST_TEST(d.path().empty());
    try
    {
        tf::temp_dir<> thrown(tf::options().dir(scratch.path).append(true));
        BOOST_ERROR("temp_dir accepted append(true)");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(std::string(e.what()).find("append(true) is for files") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(make_temp_dir_refuses_append_mode)
{
    case_dir scratch;
    boost::system::error_code ec;
    const fs::path p = tf::make_temp_dir(tf::options().dir(scratch.path).append(true), ec);
    check_refused(ec, scratch);
    BOOST_TEST(p.empty());
}

BOOST_AUTO_TEST_CASE(spooled_temp_file_refuses_append_mode_at_construction)
{
    case_dir scratch;
    boost::system::error_code ec;
    tf::spooled_temp_file f(4, tf::options().dir(scratch.path).append(true), ec);
    check_refused(ec, scratch);
    BOOST_TEST(!f.is_open());
}
