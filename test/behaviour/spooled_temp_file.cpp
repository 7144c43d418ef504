// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// spooled_temp_file on every backend: in memory up to max_size bytes, then
// rolled over into an anonymous file in options().dir(); the stream behaves
// like a std::stringstream across the threshold; failed rollovers lose
// nothing and are reported. Where the rolled-over file lives and what it
// looks like differ: POSIX in test/run/spooled_temp_file.cpp (no name, mode,
// memfd), Windows in test/windows/spooled_temp_file.cpp (attributes, hidden
// names).

#define BOOST_TEST_MODULE behaviour_spooled_temp_file
#include <boost/tempfile.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <ios>
#include <random>
#include <sstream>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_spooled_file = tf::basic_spooled_temp_file< tf::random_name<>, tf::owner_only, faulty >;

tf::options in(const case_dir& d)
{
    return tf::options().dir(d.path);
}

std::string pattern(std::size_t n, char first = 'a')
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast< char >(first + static_cast< char >(i % 26));
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(exactly_max_size_bytes_stay_in_memory)
{
    case_dir scratch;
    handle_leak_check leaks;
    const long fds = open_handle_count();
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << pattern(10);
    f.stream().write("0123456789", 6);
    f.stream().flush();
    BOOST_TEST(f.stream().good());
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(f.size() == 16u);
    BOOST_TEST(f.max_size() == 16u);
    BOOST_TEST(open_handle_count() == fds, "no descriptor while in memory");
    BOOST_TEST(scratch.entries() == 0u);
    BOOST_TEST(stream_contents(f.stream()) == pattern(10) + "012345");
    BOOST_TEST(!f.rolled_over(), "reading does not roll over");
}

BOOST_AUTO_TEST_CASE(write_crossing_the_threshold_moves_all_of_it_into_the_file)
{
    case_dir scratch;
    handle_leak_check leaks;
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
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(16, in(scratch));
    std::iostream& s = f.stream();
    s << "abc";
    s.seekp(100);
    BOOST_TEST(s.good());
    BOOST_TEST(!f.rolled_over(), "seeking alone keeps the data in memory");
    BOOST_TEST(s.tellp() == 100);
    BOOST_TEST(f.size() == 3u, "seeking alone does not grow the data");
    s << 'Z';
    BOOST_TEST(s.good());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == 101u);
    const std::string expected = "abc" + std::string(97, '\0') + "Z";
    BOOST_TEST(handle_size(f.native_handle()) == 101);
    BOOST_TEST(handle_contents(f.native_handle()) == expected);
    BOOST_TEST(stream_contents(s) == expected);
}

BOOST_AUTO_TEST_CASE(gap_left_in_memory_reads_as_zeros_even_over_truncated_bytes)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(64, in(scratch));
    std::iostream& s = f.stream();
    s << std::string(20, 'x');
    f.truncate(5);
    BOOST_TEST(f.size() == 5u);
    s.seekp(10);
    s << 'y';
    BOOST_TEST(!f.rolled_over());
    const std::string expected = "xxxxx" + std::string(5, '\0') + "y";
    BOOST_TEST(stream_contents(s) == expected);
    f.rollover();
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(handle_contents(f.native_handle()) == expected);
}

BOOST_AUTO_TEST_CASE(native_handle_forces_rollover_and_returns_a_synced_descriptor)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(1024, in(scratch));
    f.stream() << "hello";
    BOOST_TEST(!f.rolled_over());
    const handle fd = f.native_handle();
    BOOST_TEST(fd != no_handle());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(handle_size(fd) == 5);
    BOOST_TEST(handle_contents(fd) == "hello");
    BOOST_TEST(handle_offset(fd) == 5, "the descriptor's offset is the stream's position");
    f.stream() << " world";
    BOOST_TEST(f.native_handle() == fd, "the same descriptor after the rollover");
    BOOST_TEST(handle_contents(fd) == "hello world", "native_handle() writes out what the stream buffers");
    BOOST_TEST(handle_offset(fd) == 11);
    // Raw I/O on the descriptor and the stream agree.
    BOOST_TEST(write_handle(fd, "!"));
    BOOST_TEST(f.stream().tellp() == 12);
    BOOST_TEST(stream_contents(f.stream()) == "hello world!");
}

BOOST_AUTO_TEST_CASE(truncate_past_threshold_rolls_over_and_keeps_the_position)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << "abc";
    f.truncate(16);
    BOOST_TEST(!f.rolled_over(), "truncate to exactly max_size stays in memory");
    BOOST_TEST(f.size() == 16u);
    f.truncate(17);
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == 17u);
    BOOST_TEST(f.stream().tellp() == 3, "truncate does not move the position");
    const handle fd = f.native_handle();
    BOOST_TEST(handle_size(fd) == 17);
    BOOST_TEST(handle_contents(fd) == "abc" + std::string(14, '\0'));
    f.truncate(2);
    BOOST_TEST(handle_size(fd) == 2);
    BOOST_TEST(stream_contents(f.stream()) == "ab");
}

BOOST_AUTO_TEST_CASE(truncate_within_threshold_shrinks_and_extends_in_memory)
{
    case_dir scratch;
    handle_leak_check leaks;
    const long fds = open_handle_count();
    tf::spooled_temp_file f(16, in(scratch));
    f.stream() << "abcdef";
    f.truncate(2);
    BOOST_TEST(f.size() == 2u);
    BOOST_TEST(stream_contents(f.stream()) == "ab");
    f.truncate(8);
    BOOST_TEST(stream_contents(f.stream()) == "ab" + std::string(6, '\0'), "extension reads as zeros, not old bytes");
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(open_handle_count() == fds);
}

// The same operations on a spooled file and on a std::stringstream give the
// same results, with the threshold crossed at every point of the sequences.
// A stringstream keeps separate read and write positions where a file has
// one, so the sequences seek before each change of direction (as C requires
// of fopen'ed streams), where the two models agree.
BOOST_AUTO_TEST_CASE(stream_behaves_like_a_stringstream_across_the_threshold)
{
    case_dir scratch;
    handle_leak_check leaks;
    std::mt19937 rng(20240611u);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution< int >(lo, hi)(rng); };
    int rolled = 0, stayed = 0;
    const std::size_t thresholds[] = {0, 1, 7, 16, 33, 100};
    for (int round = 0; round < 300; ++round)
    {
        const std::size_t max_size = thresholds[round % 6];
        tf::spooled_temp_file f(max_size, in(scratch));
        std::iostream& a = f.stream();
        std::stringstream b(std::ios::in | std::ios::out | std::ios::binary);
        enum { none, reading, writing } direction = none;
        bool got_char = false;
        std::string trace;
        for (int step = 0; step < 60; ++step)
        {
            const long size = static_cast< long >(b.str().size());
            const int op = pick(0, 13);
            const bool was_got_char = got_char;
            got_char = false;
            if (op == 0 || (direction == none && op < 6))
            {
                const long p = pick(0, static_cast< int >(size));
                trace += " seekp(" + std::to_string(p) + ")";
                a.seekp(p);
                b.seekp(p);
                direction = writing;
            }
            else if (op == 1 || (direction == none && op >= 6))
            {
                const long p = pick(0, static_cast< int >(size));
                trace += " seekg(" + std::to_string(p) + ")";
                a.seekg(p);
                b.seekg(p);
                direction = reading;
            }
            else if (op == 2)
            {
                trace += " seekp(end)";
                a.seekp(0, std::ios::end);
                b.seekp(0, std::ios::end);
                direction = writing;
            }
            else if (op == 3 && direction == reading)
            {
                const long here = static_cast< long >(b.tellg());
                const long off = pick(static_cast< int >(-here), static_cast< int >(size - here));
                trace += " seekg(cur" + std::to_string(off) + ")";
                a.seekg(off, std::ios::cur);
                b.seekg(off, std::ios::cur);
            }
            else if (op <= 6 && direction == writing)
            {
                const std::string text = pattern(static_cast< std::size_t >(pick(0, 12)), static_cast< char >('A' + pick(0, 25)));
                trace += " write(" + std::to_string(text.size()) + ")";
                a.write(text.data(), static_cast< std::streamsize >(text.size()));
                b.write(text.data(), static_cast< std::streamsize >(text.size()));
            }
            else if (op == 7 && direction == writing)
            {
                const int v = pick(-5000, 5000);
                trace += " <<" + std::to_string(v);
                a << v << ' ';
                b << v << ' ';
            }
            else if (op == 8 && direction == writing)
            {
                trace += " put";
                a.put('#');
                b.put('#');
                BOOST_TEST(a.tellp() == b.tellp(), trace);
            }
            else if (op <= 10 && direction == reading)
            {
                const std::streamsize n = pick(0, 10);
                trace += " read(" + std::to_string(n) + ")";
                char x[16] = {}, y[16] = {};
                a.read(x, n);
                b.read(y, n);
                BOOST_TEST(a.gcount() == b.gcount(), trace);
                BOOST_TEST(std::string(x, 16) == std::string(y, 16), trace);
                BOOST_TEST(a.rdstate() == b.rdstate(), trace);
                a.clear();
                b.clear();
                BOOST_TEST(a.tellg() == b.tellg(), trace);
            }
            else if (op == 11 && direction == reading)
            {
                trace += " get";
                const int x = a.get(), y = b.get();
                BOOST_TEST(x == y, trace);
                BOOST_TEST(a.rdstate() == b.rdstate(), trace);
                got_char = a.good() && b.good();
                a.clear();
                b.clear();
            }
            else if (op == 12 && direction == reading)
            {
                if (was_got_char && pick(0, 1) == 0)
                {
                    trace += " unget";
                    a.unget();
                    b.unget();
                }
                else
                {
                    trace += " >>";
                    int x = 7, y = 7;
                    a >> x;
                    b >> y;
                    BOOST_TEST(x == y, trace);
                }
                BOOST_TEST(a.rdstate() == b.rdstate(), trace);
                a.clear();
                b.clear();
                BOOST_TEST(a.tellg() == b.tellg(), trace);
            }
            else if (op == 13)
            {
                trace += " peek/tell";
                if (direction == reading)
                {
                    BOOST_TEST(a.peek() == b.peek(), trace);
                    BOOST_TEST(a.rdstate() == b.rdstate(), trace);
                    a.clear();
                    b.clear();
                    BOOST_TEST(a.tellg() == b.tellg(), trace);
                }
                else if (direction == writing)
                    BOOST_TEST(a.tellp() == b.tellp(), trace);
            }
            BOOST_TEST(a.good(), trace);
            BOOST_TEST(f.size() == b.str().size(), trace);
            BOOST_TEST(f.rolled_over() == (b.str().size() > max_size), trace);
        }
        BOOST_TEST(static_cast< long long >(a.seekg(0, std::ios::end).tellg()) ==
                       static_cast< long long >(b.seekg(0, std::ios::end).tellg()),
                   trace);
        BOOST_TEST(stream_contents(a) == b.str(), trace);
        (f.rolled_over() ? rolled : stayed) += 1;
    }
    BOOST_TEST(rolled > 20, "the sequences cross the threshold");
    BOOST_TEST(stayed > 20, "some sequences stay in memory");
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(read_and_write_positions_carry_over_the_rollover)
{
    case_dir scratch;
    handle_leak_check leaks;
    {
        tf::spooled_temp_file f(32, in(scratch));
        std::iostream& s = f.stream();
        s << "0123456789";
        s.seekp(4);
        f.rollover();
        BOOST_TEST(f.rolled_over());
        BOOST_TEST(s.tellp() == 4);
        s << "ab";
        BOOST_TEST(s.tellp() == 6);
        BOOST_TEST(stream_contents(s) == "0123ab6789");
    }
    {
        tf::spooled_temp_file f(32, in(scratch));
        std::iostream& s = f.stream();
        s << "0123456789";
        s.seekg(2);
        char two[2];
        s.read(two, 2);
        BOOST_TEST(s.tellg() == 4);
        BOOST_TEST(f.native_handle() != no_handle());
        BOOST_TEST(s.tellg() == 4);
        BOOST_TEST(s.get() == '4');
        BOOST_TEST(handle_offset(f.native_handle()) == 5);
    }
    {
        // A put area open at the threshold: the next byte rolls over and
        // lands right after the ones in memory.
        tf::spooled_temp_file f(8, in(scratch));
        std::iostream& s = f.stream();
        for (char c : std::string("abcdefgh"))
            s.put(c);
        BOOST_TEST(s.tellp() == 8);
        BOOST_TEST(!f.rolled_over());
        s.put('i');
        BOOST_TEST(f.rolled_over());
        BOOST_TEST(s.tellp() == 9);
        BOOST_TEST(stream_contents(s) == "abcdefghi");
    }
}

// The file's own buffer holds nothing right after tellg() or size(); unget()
// must step back in the file, as it does in memory.
BOOST_AUTO_TEST_CASE(unget_after_a_sync_steps_back_in_the_file_as_in_memory)
{
    case_dir scratch;
    handle_leak_check leaks;
    for (const std::size_t max_size : {std::size_t(100), std::size_t(4)})
    {
        tf::spooled_temp_file f(max_size, in(scratch));
        std::iostream& s = f.stream();
        s << "abcdefgh";
        BOOST_TEST(f.rolled_over() == (max_size == 4));
        s.seekg(3);
        BOOST_TEST(s.get() == 'd');
        BOOST_TEST(s.tellg() == 4);
        BOOST_TEST(f.size() == 8u);
        s.unget();
        BOOST_TEST(s.good());
        BOOST_TEST(s.tellg() == 3);
        BOOST_TEST(s.get() == 'd');
        s.seekg(0);
        s.unget();
        BOOST_TEST(s.bad(), "nothing before the start");
        s.clear();
        BOOST_TEST(s.tellg() == 0);
        s.seekg(5);
        s.putback('x');
        BOOST_TEST(s.bad(), "putback of a different character fails");
        s.clear();
        BOOST_TEST(s.tellg() == 5, "a failed putback does not move");
        s.putback('e');
        BOOST_TEST(s.good());
        BOOST_TEST(s.get() == 'e');
        const handle fd_before = max_size == 4 ? f.native_handle() : no_handle();
        f.rollover();
        f.rollover();
        BOOST_TEST(f.rolled_over());
        if (fd_before != no_handle())
            BOOST_TEST(f.native_handle() == fd_before, "a second rollover keeps the same file");
        BOOST_TEST(stream_contents(s) == "abcdefgh");
    }
}

BOOST_AUTO_TEST_CASE(stream_object_and_its_settings_survive_the_rollover)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(4, in(scratch));
    std::iostream& before = f.stream();
    const std::streambuf* buffer = before.rdbuf();
    before << std::hex << 255;
    BOOST_TEST(!f.rolled_over());
    before.exceptions(std::ios::badbit);
    before << ' ' << 4096;
    BOOST_TEST(f.rolled_over());
    std::iostream& after = f.stream();
    BOOST_TEST(&before == &after);
    BOOST_TEST(after.rdbuf() == buffer);
    BOOST_TEST((after.flags() & std::ios::hex) != 0, "formatting carries over");
    BOOST_TEST(after.exceptions() == std::ios::badbit);
    BOOST_TEST(stream_contents(after) == "ff 1000");
}

BOOST_AUTO_TEST_CASE(failed_rollover_keeps_the_data_and_close_reports_it_with_the_directory)
{
    case_dir scratch;
    handle_leak_check leaks;
    fault_scope faults;
    {
        // A real failure: the directory is missing.
        const fs::path missing = scratch.path / "missing";
        tf::spooled_temp_file m(4, tf::options().dir(missing));
        m.stream() << "abcd";
        BOOST_TEST(m.stream().good());
        m.stream() << "e";
        BOOST_TEST(m.stream().bad(), "the write that needed the rollover fails");
        BOOST_TEST(!m.rolled_over());
        m.stream().clear();
        BOOST_TEST(stream_contents(m.stream()) == "abcd", "nothing is lost");
        boost::system::error_code ec;
        m.rollover(ec);
        BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory, ec.message());
        try
        {
            m.close();
            BOOST_ERROR("close() did not report the failed rollover");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.path1() == missing, e.what());
        }
    }
    // An injected one.
    const long fds = open_handle_count();
    // Where O_TMPFILE has been refused the named fallback is used: fail both.
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, disk_full, 0, tf::fault_injection::always);
    tf::fault_injection::fail(tf::sys_call::open, disk_full, 0, tf::fault_injection::always);
    faulty_spooled_file f(8, in(scratch));
    std::iostream& s = f.stream();
    s << "12345678";
    BOOST_TEST(s.good());
    s << "9";
    BOOST_TEST(s.bad(), "the write that needed the rollover fails");
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(tf::fault_injection::injected() >= 1u);
    BOOST_TEST(open_handle_count() == fds);
    BOOST_TEST(f.size() == 8u, "nothing of the failed write is kept, nothing before it lost");
    BOOST_TEST(stream_contents(s) == "12345678");
    s.seekp(0, std::ios::end);
    BOOST_TEST(s.tellp() == 8);
    s.write("abcdef", 6);
    BOOST_TEST(s.bad(), "a write crossing the threshold fails as a whole");
    BOOST_TEST(stream_contents(s) == "12345678");
    try
    {
        f.close();
        BOOST_TEST(false, "close() must report the failed rollover");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == system_error(disk_full));
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(std::string(e.what()).find(scratch.path.string()) != std::string::npos, e.what());
    }
    BOOST_TEST(!f.is_open());
    BOOST_TEST(open_handle_count() == fds);
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(!ec, "a second close has nothing to report");
}

BOOST_AUTO_TEST_CASE(explicit_rollover_reports_failure_then_succeeds_with_data_intact)
{
    case_dir scratch;
    handle_leak_check leaks;
    fault_scope faults;
    const long fds = open_handle_count();
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, too_many_open_files, 0, tf::fault_injection::always);
    tf::fault_injection::fail(tf::sys_call::open, too_many_open_files, 0, tf::fault_injection::always);
    faulty_spooled_file f(64, in(scratch));
    f.stream() << "keep me";
    f.stream().seekp(3);
    boost::system::error_code ec;
    f.rollover(ec);
    BOOST_TEST(ec == system_error(too_many_open_files));
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(f.native_handle(ec) == no_handle());
    BOOST_TEST(ec == system_error(too_many_open_files));
    f.truncate(100, ec);
    BOOST_TEST(ec == system_error(too_many_open_files));
    BOOST_TEST(f.size() == 7u, "a failed truncate past the threshold changes nothing");
    try
    {
        f.rollover();
        BOOST_TEST(false, "rollover() must throw");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == system_error(too_many_open_files));
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(std::string(e.what()).find(scratch.path.string()) != std::string::npos, e.what());
    }
    BOOST_TEST(open_handle_count() == fds);
    tf::fault_injection::clear();
    f.rollover(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.stream().tellp() == 3);
    BOOST_TEST(handle_contents(f.native_handle()) == "keep me");
    f.close(ec);
    BOOST_TEST(!ec, "explicit failures were reported when they happened, not again at close");
}

BOOST_AUTO_TEST_CASE(failed_copy_into_the_new_file_closes_it_and_keeps_the_data)
{
    case_dir scratch;
    handle_leak_check leaks;
    fault_scope faults;
    const long fds = open_handle_count();
    faulty_spooled_file f(8, in(scratch));
    f.stream() << "12345678";
    tf::fault_injection::fail(tf::sys_call::write, disk_full);
    f.stream() << "9";
    BOOST_TEST(f.stream().bad());
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    BOOST_TEST(!f.rolled_over());
    BOOST_TEST(open_handle_count() == fds, "the file made for the rollover is closed again");
    BOOST_TEST(scratch.entries() == 0u);
    BOOST_TEST(stream_contents(f.stream()) == "12345678");
    // The fault is spent: the next write rolls over with everything.
    f.stream().seekp(0, std::ios::end);
    f.stream() << "9";
    BOOST_TEST(f.stream().good());
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(handle_contents(f.native_handle()) == "123456789");
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec == system_error(disk_full), "close reports the failure the stream met");
    BOOST_TEST(ec.message().size() > 0u);
}

BOOST_AUTO_TEST_CASE(stream_exceptions_turn_a_failed_rollover_into_ios_failure)
{
    case_dir scratch;
    handle_leak_check leaks;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, disk_full, 0, tf::fault_injection::always);
    tf::fault_injection::fail(tf::sys_call::open, disk_full, 0, tf::fault_injection::always);
    faulty_spooled_file f(4, in(scratch));
    f.stream().exceptions(std::ios::badbit);
    f.stream() << "abcd";
    BOOST_CHECK_THROW(f.stream() << "e", std::ios_base::failure);
    f.stream().exceptions(std::ios::goodbit);
    BOOST_TEST(stream_contents(f.stream()) == "abcd");
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec == system_error(disk_full));
}

BOOST_AUTO_TEST_CASE(zero_max_size_rolls_over_at_the_first_byte)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(0, in(scratch));
    f.stream().write("", 0);
    f.stream().flush();
    f.truncate(0);
    BOOST_TEST(f.stream().good());
    BOOST_TEST(!f.rolled_over(), "no byte yet");
    BOOST_TEST(f.size() == 0u);
    f.stream().put('x');
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(handle_contents(f.native_handle()) == "x");
}

BOOST_AUTO_TEST_CASE(size_after_rollover_counts_buffered_writes)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(2, in(scratch));
    f.stream() << "abc";
    BOOST_TEST(f.rolled_over());
    f.stream() << "defg";
    BOOST_TEST(f.size() == 7u);
}

BOOST_AUTO_TEST_CASE(large_data_spools_through_and_reads_back)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::spooled_temp_file f(100000, in(scratch));
    std::string expected;
    for (int i = 0; i < 300; ++i)
    {
        const std::string chunk = pattern(1000 + static_cast< std::size_t >(i), static_cast< char >('A' + i % 26));
        f.stream() << chunk;
        expected += chunk;
        BOOST_TEST(f.rolled_over() == (expected.size() > 100000u));
    }
    BOOST_TEST(f.rolled_over());
    BOOST_TEST(f.size() == expected.size());
    BOOST_TEST(stream_contents(f.stream()) == expected);
    BOOST_TEST(handle_contents(f.native_handle()) == expected);
}

BOOST_AUTO_TEST_CASE(prefix_with_separator_is_rejected_at_construction)
{
    case_dir scratch;
    handle_leak_check leaks;
    BOOST_CHECK_THROW(tf::spooled_temp_file(8, in(scratch).prefix("a/b")), fs::filesystem_error);
    boost::system::error_code ec;
    tf::spooled_temp_file f(8, in(scratch).suffix("x/"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST(!f.is_open());
    tf::spooled_temp_file g(8, in(scratch), ec);
    BOOST_TEST(!ec);
    BOOST_TEST(g.is_open());
}

BOOST_AUTO_TEST_CASE(failed_rollover_keeps_the_data)
{
    fault_scope faults;
    case_dir scratch;
    faulty_spooled_file s(4, tf::options().dir(scratch.path));
    s.stream() << "abcd";
    // The first call of the rollover fails: O_TMPFILE on Linux, the create
    // (after the tag's "no O_TMPFILE") on plain POSIX, CreateFileW on Windows.
    if (linux_backend)
        tf::fault_injection::fail(tf::sys_call::open_tmpfile, disk_full);
    else
        tf::fault_injection::fail(tf::sys_call::open, disk_full);
    s.stream() << "e";
    BOOST_TEST(s.stream().bad());
    BOOST_TEST(!s.rolled_over());
    boost::system::error_code ec;
    s.rollover(ec);
    BOOST_TEST(!ec, "the next attempt works");
    s.stream().clear();
    s.stream() << "e";
    s.stream().seekg(0);
    std::string all;
    s.stream() >> all;
    BOOST_TEST(all == "abcde");
    try
    {
        s.close();
        BOOST_ERROR("close() did not report the failed rollover");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == system_error(disk_full), e.what());
        BOOST_TEST(e.path1() == scratch.path);
    }
}
