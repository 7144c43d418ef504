// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// spooled_temp_file on Windows: in memory up to max_size bytes, then rolled
// over into the Windows anonymous file (FILE_FLAG_DELETE_ON_CLOSE,
// FILE_ATTRIBUTE_TEMPORARY) in options().dir(). Checked against the directory
// and the HANDLE itself.

#define BOOST_TEST_MODULE windows_spooled_temp_file
#include <boost/tempfile.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <iterator>
#include <random>
#include <sstream>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

tf::options in(const scratch_dir& d)
{
    return tf::options().dir(d.path);
}

DWORD handle_attributes(HANDLE h)
{
    BY_HANDLE_FILE_INFORMATION info;
    return ::GetFileInformationByHandle(h, &info) ? info.dwFileAttributes : 0;
}

//! FILE_ATTRIBUTE_TEMPORARY on the rolled-over file. wine 8 does not keep
//! that attribute (it reads back 0), so it is checked on Windows only.
void check_temporary_attribute(HANDLE h)
{
    if (under_wine())
    {
        BOOST_TEST_MESSAGE("NOT TESTED under wine: FILE_ATTRIBUTE_TEMPORARY is not kept (attributes read back: "
                           << handle_attributes(h) << ")");
        return;
    }
    BOOST_TEST((handle_attributes(h) & FILE_ATTRIBUTE_TEMPORARY) != 0u);
}

template< typename Stream >
std::string read_all(Stream& s)
{
    s.clear();
    s.seekg(0);
    std::string out((std::istreambuf_iterator< char >(s)), std::istreambuf_iterator< char >());
    s.clear();
    return out;
}

std::string pattern(std::size_t n, char first = 'a')
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast< char >(first + static_cast< char >(i % 26));
    return s;
}

//! Names the rolled-over file may leave in its directory while open: none
//! with POSIX delete semantics, one hidden, unopenable name elsewhere (wine).
bool at_most_one_hidden_name(const fs::path& dir)
{
    const std::set< std::string > names = names_in(dir);
    if (names.empty())
        return true;
    if (names.size() != 1u)
        return false;
    const DWORD a = ::GetFileAttributesW((dir / portable::from_utf8(*names.begin())).c_str());
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_HIDDEN);
}

} // namespace

BOOST_AUTO_TEST_CASE(exactly_max_size_bytes_stay_in_memory)
{
    scratch_dir scratch;
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << pattern(10);
    f.stream().write("0123456789", 6);
    f.stream().flush();
    BOOST_TEST(f.stream().good());
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(f.size() == 16u);
    BOOST_TEST(names_in(scratch.path).empty(), "nothing is created while in memory");
    BOOST_TEST(read_all(f.stream()) == pattern(10) + "012345");
    BOOST_TEST(!f.rolled_over(), "reading does not roll over");
}

BOOST_AUTO_TEST_CASE(one_byte_more_rolls_over_into_an_anonymous_file_in_dir)
{
    scratch_dir scratch;
    {
        tf::spooled_temp_file f(16, in(scratch));
        f.stream() << pattern(16);
        BOOST_TEST(!f.rolled_over());
        f.stream().put('!');
        BOOST_TEST(f.stream().good());
        BOOST_TEST(f.rolled_over());
        BOOST_TEST(at_most_one_hidden_name(scratch.path));
        HANDLE h = f.native_handle();
        BOOST_TEST_REQUIRE(h != INVALID_HANDLE_VALUE);
        BOOST_TEST(handle_size(h) == 17);
        BOOST_TEST(handle_contents(h) == pattern(16) + "!");
        check_temporary_attribute(h);
        BOOST_TEST(read_all(f.stream()) == pattern(16) + "!");
        // Nobody else can open it by whatever name it still has.
        for (const std::string& n : names_in(scratch.path))
            BOOST_TEST(ifstream_contents(scratch.path / portable::from_utf8(n)) == "<cannot open>");
        f.close();
        BOOST_TEST(!f.is_open());
    }
    BOOST_TEST(names_in(scratch.path).empty(), "nothing is left after close");
}

BOOST_AUTO_TEST_CASE(write_crossing_the_threshold_moves_all_of_it_into_the_file)
{
    scratch_dir scratch;
    tf::spooled_temp_file f(16, in(scratch));
    f.stream().write("0123456789", 10);
    BOOST_TEST(!f.rolled_over());
    f.stream().write("abcdefghij", 10);
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.stream().tellp() == 20);
    BOOST_TEST(handle_contents(f.native_handle()) == "0123456789abcdefghij");
}

BOOST_AUTO_TEST_CASE(seek_past_threshold_then_write_rolls_over_and_gap_reads_as_zeros)
{
    scratch_dir scratch;
    tf::spooled_temp_file f(16, in(scratch));
    std::iostream& s = f.stream();
    s << "abc";
    s.seekp(100);
    BOOST_TEST(s.good());
    BOOST_TEST(!f.rolled_over(), "seeking alone keeps the data in memory");
    BOOST_TEST(f.size() == 3u);
    s << 'Z';
    BOOST_TEST(s.good());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == 101u);
    const std::string expected = "abc" + std::string(97, '\0') + "Z";
    BOOST_TEST(handle_size(f.native_handle()) == 101);
    BOOST_TEST(handle_contents(f.native_handle()) == expected);
    BOOST_TEST(read_all(s) == expected);
}

BOOST_AUTO_TEST_CASE(native_handle_forces_rollover_and_returns_a_synced_handle)
{
    scratch_dir scratch;
    tf::spooled_temp_file f(1024, in(scratch));
    f.stream() << "hello";
    BOOST_TEST(!f.rolled_over());
    HANDLE h = f.native_handle();
    BOOST_TEST_REQUIRE(h != INVALID_HANDLE_VALUE);
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(handle_size(h) == 5);
    BOOST_TEST(handle_contents(h) == "hello");
    BOOST_TEST(handle_offset(h) == 5, "the file pointer is the stream's position");
    f.stream() << " world";
    BOOST_TEST(f.native_handle() == h, "the same HANDLE after the rollover");
    BOOST_TEST(handle_contents(h) == "hello world");
    BOOST_TEST(handle_offset(h) == 11);
    DWORD put = 0;
    BOOST_TEST(::WriteFile(h, "!", 1, &put, nullptr) != 0);
    BOOST_TEST(f.stream().tellp() == 12, "raw I/O on the HANDLE and the stream agree");
    BOOST_TEST(read_all(f.stream()) == "hello world!");
}

BOOST_AUTO_TEST_CASE(truncate_past_threshold_rolls_over_and_keeps_the_position)
{
    scratch_dir scratch;
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << "abc";
    f.truncate(16);
    BOOST_TEST(!f.rolled_over(), "truncate to exactly max_size stays in memory");
    BOOST_TEST(f.size() == 16u);
    f.truncate(17);
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == 17u);
    BOOST_TEST(f.stream().tellp() == 3, "truncate does not move the position");
    HANDLE h = f.native_handle();
    BOOST_TEST(handle_size(h) == 17);
    BOOST_TEST(handle_contents(h) == "abc" + std::string(14, '\0'));
    f.truncate(2);
    BOOST_TEST(handle_size(h) == 2);
    BOOST_TEST(read_all(f.stream()) == "ab");
}

BOOST_AUTO_TEST_CASE(memory_file_target_is_the_same_temporary_file_on_windows)
{
    scratch_dir scratch;
    tf::spooled_temp_file f(4, tf::spool_target::memory_file, in(scratch));
    f.stream() << "12345";
    BOOST_TEST(f.rolled_over());
    HANDLE h = f.native_handle();
    check_temporary_attribute(h);
    BOOST_TEST(handle_contents(h) == "12345");
    BOOST_TEST(at_most_one_hidden_name(scratch.path), "made in options().dir()");
    f.close();
    BOOST_TEST(names_in(scratch.path).empty());
}

BOOST_AUTO_TEST_CASE(failed_rollover_keeps_the_data_and_close_reports_it_with_the_directory)
{
    scratch_dir scratch;
    const fs::path missing = scratch.path / "missing";
    tf::spooled_temp_file f(4, tf::options().dir(missing));
    f.stream() << "abcd";
    BOOST_TEST(f.stream().good());
    f.stream() << "e";
    BOOST_TEST(f.stream().bad(), "the write that needed the rollover fails");
    BOOST_TEST(!f.rolled_over());
    f.stream().clear();
    BOOST_TEST(read_all(f.stream()) == "abcd", "nothing is lost");
    boost::system::error_code ec;
    f.rollover(ec);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory, ec.message());
    try
    {
        f.close();
        BOOST_ERROR("close() did not report the failed rollover");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == missing, e.what());
    }
}

BOOST_AUTO_TEST_CASE(move_keeps_the_stream_and_the_data)
{
    scratch_dir scratch;
    tf::spooled_temp_file a(8, in(scratch));
    std::iostream& s = a.stream();
    s << "1234";
    tf::spooled_temp_file b(std::move(a));
    BOOST_TEST(!a.is_open());
    BOOST_TEST(&b.stream() == &s);
    s << "56789";
    BOOST_TEST(b.rolled_over());
    BOOST_TEST(read_all(b.stream()) == "123456789");
    BOOST_CHECK_THROW(a.stream(), fs::filesystem_error);
    BOOST_TEST(a.native_handle() == INVALID_HANDLE_VALUE);
}

// The same operations on a spooled file and on a std::stringstream give the
// same results, with the threshold crossed at every point (seeks before each
// change of direction: a stringstream has two positions, a file one).
BOOST_AUTO_TEST_CASE(stream_behaves_the_same_before_and_after_the_rollover)
{
    scratch_dir scratch;
    std::mt19937 rng(20240611u);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution< int >(lo, hi)(rng); };
    int rolled = 0, stayed = 0;
    const std::size_t thresholds[] = {0, 1, 7, 16, 33, 100};
    for (int round = 0; round < 120; ++round)
    {
        const std::size_t max_size = thresholds[round % 6];
        tf::spooled_temp_file f(max_size, in(scratch));
        std::iostream& a = f.stream();
        std::stringstream b(std::ios::in | std::ios::out | std::ios::binary);
        std::string trace;
        for (int step = 0; step < 40; ++step)
        {
            const long size = static_cast< long >(b.str().size());
            const int op = pick(0, 4);
            if (op == 0)
            {
                const std::string text = pattern(static_cast< std::size_t >(pick(1, 20)), 'A');
                const long p = pick(0, static_cast< int >(size));
                a.seekp(p);
                b.seekp(p);
                a << text;
                b << text;
                trace += " write@" + std::to_string(p) + "x" + std::to_string(text.size());
            }
            else if (op == 1)
            {
                const long p = pick(0, static_cast< int >(size));
                a.seekg(p);
                b.seekg(p);
                char x[8] = {}, y[8] = {};
                a.read(x, 5);
                b.read(y, 5);
                BOOST_TEST(a.gcount() == b.gcount(), trace);
                BOOST_TEST(std::string(x, static_cast< std::size_t >(a.gcount())) ==
                               std::string(y, static_cast< std::size_t >(b.gcount())),
                           trace);
                a.clear();
                b.clear();
                trace += " read@" + std::to_string(p);
            }
            else if (op == 2)
            {
                a.seekp(0, std::ios::end);
                b.seekp(0, std::ios::end);
                a << step;
                b << step;
                trace += " append";
            }
            else if (op == 3)
            {
                BOOST_TEST(static_cast< long long >(a.seekg(0, std::ios::end).tellg()) ==
                               static_cast< long long >(b.seekg(0, std::ios::end).tellg()),
                           trace);
                trace += " tell-end";
            }
            else
            {
                BOOST_TEST(f.size() == static_cast< std::uintmax_t >(size), trace);
                trace += " size";
            }
        }
        BOOST_TEST(read_all(a) == b.str(), trace);
        (f.rolled_over() ? rolled : stayed)++;
    }
    BOOST_TEST(rolled > 0);
    BOOST_TEST(stayed > 0);
    BOOST_TEST(names_in(scratch.path).empty());
}
