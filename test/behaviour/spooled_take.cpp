// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// spooled_temp_file on every backend, what users of Rust's and Python's
// spooled files do with it: take the data out of memory (into_buffer) or
// the file out (into_file; Rust's into_inner), roll over on demand, and cut
// at the stream's position (Python's truncate() without an argument); with
// the error cases (a rolled-over file asked for its memory, a failed
// rollover, a lost write, a closed object). The fork rules are in
// test/run/spooled_take.cpp.

#define BOOST_TEST_MODULE behaviour_spooled_take
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
namespace errc = boost::system::errc;
using namespace portable;

namespace {

std::string text(const std::vector< char >& v) { return std::string(v.begin(), v.end()); }

//! Everything the stream holds, read from the start; the position is put back.
std::string contents(tf::spooled_temp_file& f)
{
    std::iostream& s = f.stream();
    const auto at = s.tellg();
    s.seekg(0);
    std::string out((std::istreambuf_iterator< char >(s)), std::istreambuf_iterator< char >());
    s.clear();
    s.seekg(at);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(into_buffer)

BOOST_AUTO_TEST_CASE(takes_exactly_the_data_and_leaves_the_object_closed)
{
    tf::spooled_temp_file f(64);
    f.stream() << "hello world";
    f.stream().seekp(3); // the position does not cut the data
    const std::vector< char > data = f.into_buffer();
    BOOST_TEST(text(data) == "hello world");
    BOOST_TEST(data.size() == 11u);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(f.stream().bad());
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(a_gap_left_by_a_seek_is_handed_over_as_zeros)
{
    tf::spooled_temp_file f(64);
    f.stream() << "ab";
    f.stream().seekp(5);
    f.stream() << "c";
    BOOST_TEST(text(f.into_buffer()) == std::string("ab\0\0\0c", 6));
}

BOOST_AUTO_TEST_CASE(refused_once_rolled_over_and_nothing_changes)
{
    tf::spooled_temp_file f(4);
    f.stream() << "0123456789";
    f.stream().flush();
    BOOST_TEST(f.rolled_over());
    boost::system::error_code ec;
    const std::vector< char > none = f.into_buffer(ec);
    BOOST_TEST(ec == errc::operation_not_supported);
    BOOST_TEST(none.empty());
    BOOST_TEST(f.is_open());
    BOOST_TEST(contents(f) == "0123456789");
    BOOST_CHECK_THROW((void)f.into_buffer(), fs::filesystem_error);
}

BOOST_AUTO_TEST_CASE(refused_when_closed)
{
    tf::spooled_temp_file f(4);
    f.close();
    boost::system::error_code ec;
    (void)f.into_buffer(ec);
    BOOST_TEST(ec == errc::bad_file_descriptor);
    tf::spooled_temp_file g(tf::empty);
    (void)g.into_buffer(ec);
    BOOST_TEST(ec == errc::bad_file_descriptor);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(into_file)

BOOST_AUTO_TEST_CASE(from_memory_it_rolls_over_and_the_handle_is_at_the_stream_position)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::spooled_temp_file f(64, tf::options().dir(scratch.path));
    f.stream() << "abcdef";
    f.stream().seekg(2);
    BOOST_TEST(!f.rolled_over());
    tf::temp_file file = f.into_file();
    BOOST_TEST(!f.is_open());
    BOOST_TEST(f.stream().bad());
    BOOST_TEST(file.is_open());
    BOOST_TEST(handle_offset(file.native_handle()) == 2);
    BOOST_TEST(handle_contents(file.native_handle()) == "abcdef");
    file.close();
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(after_the_rollover_what_the_stream_buffers_is_written_out_first)
{
    handle_leak_check leak;
    tf::spooled_temp_file f(2);
    f.stream() << "abcdef"; // rolled over
    f.stream() << "gh";     // buffered by the file's stream
    tf::temp_file file = f.into_file();
    BOOST_TEST(handle_offset(file.native_handle()) == 8);
    BOOST_TEST(handle_contents(file.native_handle()) == "abcdefgh");
    file.stream().seekp(0, std::ios_base::end);
    file.stream() << "!";
    file.stream().flush();
    BOOST_TEST(handle_contents(file.native_handle()) == "abcdefgh!");
}

BOOST_AUTO_TEST_CASE(a_memory_file_target_is_handed_over_too)
{
    handle_leak_check leak;
    tf::spooled_temp_file f(64, tf::spool_target::memory_file);
    f.stream() << "in memory";
    tf::temp_file file = f.into_file();
    BOOST_TEST(handle_contents(file.native_handle()) == "in memory");
}

BOOST_AUTO_TEST_CASE(a_failed_rollover_hands_nothing_over_and_the_data_stays_in_memory)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::spooled_temp_file f(64, tf::options().dir(scratch.path / "missing"));
    f.stream() << "kept";
    boost::system::error_code ec;
    tf::temp_file file = f.into_file(ec);
    BOOST_TEST(ec == errc::no_such_file_or_directory);
    BOOST_TEST(!file.is_open());
    BOOST_TEST(f.is_open());
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(text(f.into_buffer()) == "kept"); // still whole: the failure lost nothing
}

BOOST_AUTO_TEST_CASE(a_lost_write_refuses_both_and_close_still_reports_it)
{
    case_dir scratch;
    tf::spooled_temp_file f(4, tf::options().dir(scratch.path / "missing"));
    f.stream() << "ab";
    f.stream() << "cdefgh"; // needs a rollover, which fails: this write is lost
    BOOST_TEST(f.stream().bad());
    boost::system::error_code ec;
    (void)f.into_buffer(ec);
    BOOST_TEST(ec == errc::no_such_file_or_directory);
    BOOST_TEST(f.is_open());
    tf::temp_file file = f.into_file(ec);
    BOOST_TEST(ec == errc::no_such_file_or_directory);
    BOOST_TEST(!file.is_open());
    f.close(ec);
    BOOST_TEST(ec == errc::no_such_file_or_directory);
}

BOOST_AUTO_TEST_CASE(refused_when_closed)
{
    tf::spooled_temp_file f(4);
    f.close();
    boost::system::error_code ec;
    tf::temp_file file = f.into_file(ec);
    BOOST_TEST(ec == errc::bad_file_descriptor);
    BOOST_CHECK_THROW((void)f.into_file(), fs::filesystem_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(truncate_here)

BOOST_AUTO_TEST_CASE(in_memory_cuts_at_the_position_which_stays)
{
    tf::spooled_temp_file f(64);
    f.stream() << "hello world";
    f.stream().seekp(5);
    f.truncate();
    BOOST_TEST(f.size() == 5u);
    BOOST_TEST(f.stream().tellp() == 5);
    BOOST_TEST(contents(f) == "hello");
    BOOST_TEST(!f.rolled_over());
}

BOOST_AUTO_TEST_CASE(after_the_rollover_cuts_at_the_position_which_stays)
{
    tf::spooled_temp_file f(4);
    f.stream() << "hello world";
    f.stream().seekg(7);
    BOOST_TEST(f.rolled_over());
    f.truncate();
    BOOST_TEST(f.size() == 7u);
    BOOST_TEST(f.stream().tellg() == 7);
    BOOST_TEST(contents(f) == "hello w");
}

BOOST_AUTO_TEST_CASE(after_a_read_the_position_is_the_readers)
{
    tf::spooled_temp_file f(4);
    f.stream() << "abcdefgh";
    f.stream().seekg(0);
    char c[3] = {};
    f.stream().read(c, 3); // the file's stream read ahead past 3
    f.truncate();
    BOOST_TEST(f.size() == 3u);
    BOOST_TEST(contents(f) == "abc");
}

BOOST_AUTO_TEST_CASE(a_position_past_the_end_extends_with_zeros_as_a_file_does)
{
    tf::spooled_temp_file f(64);
    f.stream() << "ab";
    f.stream().seekp(6);
    f.truncate();
    BOOST_TEST(f.size() == 6u);
    BOOST_TEST(contents(f) == std::string("ab\0\0\0\0", 6));
    BOOST_TEST(!f.rolled_over());
}

BOOST_AUTO_TEST_CASE(a_position_past_max_size_rolls_over)
{
    tf::spooled_temp_file f(4);
    f.stream() << "ab";
    f.stream().seekp(10);
    f.truncate();
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == 10u);
}

BOOST_AUTO_TEST_CASE(refused_when_closed)
{
    tf::spooled_temp_file f(4);
    f.close();
    boost::system::error_code ec;
    f.truncate(ec);
    BOOST_TEST(ec == errc::bad_file_descriptor);
    BOOST_CHECK_THROW(f.truncate(), fs::filesystem_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rollover_on_demand)

BOOST_AUTO_TEST_CASE(rollover_moves_the_data_and_keeps_the_position)
{
    tf::spooled_temp_file f(tf::never_roll_over);
    f.stream() << "abc";
    f.stream().seekg(1);
    f.rollover();
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.stream().tellg() == 1);
    BOOST_TEST(contents(f) == "abc");
    f.rollover(); // done already: nothing
    BOOST_TEST(f.rolled_over());
}

BOOST_AUTO_TEST_SUITE_END()
