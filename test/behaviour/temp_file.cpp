// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_file (anonymous) on every backend: I/O through the stream and the
// handle, close, release, moves, and write and close failures. Whether a
// name is ever visible differs: POSIX in test/run/temp_file.cpp (no entry,
// no link), Windows in test/windows/temp_file.cpp (a hidden, unopenable name
// where POSIX delete semantics are missing).

#define BOOST_TEST_MODULE behaviour_temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <optional>
#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_temp_file = tf::basic_temp_file< tf::random_name<>, tf::owner_only, faulty >;

} // namespace

BOOST_AUTO_TEST_SUITE(anonymous)

BOOST_AUTO_TEST_CASE(read_write_and_seek)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::temp_file f(tf::options().dir(scratch.path));
    BOOST_TEST(f.is_open());
    f.stream() << "This is an anonymous temporary file.";
    BOOST_TEST(stream_contents(f.stream()) == "This is an anonymous temporary file.");
    f.stream().clear();
    f.stream().seekp(8);
    f.stream() << "AN";
    f.stream().seekg(-4, std::ios::end);
    std::string tail;
    f.stream() >> tail;
    BOOST_TEST(tail == "ile.");
    f.stream().clear();
    BOOST_TEST(stream_contents(f.stream()) == "This is AN anonymous temporary file.");
    // Formatted input and output.
    f.stream().clear();
    f.stream().seekp(0, std::ios::end);
    f.stream() << " anonymous " << 7;
    f.stream().seekg(37);
    std::string word;
    int n = 0;
    f.stream() >> word >> n;
    BOOST_TEST(word == "anonymous");
    BOOST_TEST(n == 7);
    // Raw I/O and the stream agree.
    const handle h = f.native_handle();
    BOOST_TEST(handle_contents(h).substr(0, 4) == "This");
}

BOOST_AUTO_TEST_CASE(close_is_idempotent)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::temp_file f(tf::options().dir(scratch.path));
    const handle h = f.native_handle();
    f.close();
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!handle_is_open(h));
    BOOST_TEST(f.native_handle() == no_handle());
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    f.close(ec);
    BOOST_TEST(!ec);
    BOOST_CHECK_NO_THROW(f.close());
}

BOOST_AUTO_TEST_CASE(release_hands_over_the_descriptor)
{
    case_dir scratch;
    handle_leak_check leak;
    handle h = no_handle();
    {
        tf::temp_file f(tf::options().dir(scratch.path));
        f.stream() << "buffered";
        h = f.release();
        BOOST_TEST(!f.is_open());
        BOOST_TEST(f.native_handle() == no_handle());
    }
    BOOST_TEST_REQUIRE(handle_is_open(h));
    BOOST_TEST(handle_size(h) == 8);
    BOOST_TEST(handle_contents(h) == "buffered");
    BOOST_TEST(close_handle(h));
    // Closing the handle is all it takes: nothing is left in the directory.
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ownership)

BOOST_AUTO_TEST_CASE(move_construction_transfers_the_descriptor)
{
    case_dir scratch;
    handle_leak_check leak;
    std::optional< tf::temp_file > from(std::in_place, tf::options().dir(scratch.path));
    from->stream() << "moved";
    const handle h = from->native_handle();
    tf::temp_file to(std::move(*from));
    BOOST_TEST(!from->is_open());
    BOOST_TEST(to.native_handle() == h);
    from.reset();
    BOOST_TEST(handle_is_open(h));
    BOOST_TEST(stream_contents(to.stream()) == "moved");
}

BOOST_AUTO_TEST_CASE(move_assignment_closes_the_old_descriptor)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::temp_file a(tf::options().dir(scratch.path));
    tf::temp_file b(tf::options().dir(scratch.path));
    const handle ha = a.native_handle(), hb = b.native_handle();
    b.stream() << "b";
    const long open_before = open_handle_count();
    a = std::move(b);
    BOOST_TEST(open_handle_count() == open_before - 1);
    BOOST_TEST(!b.is_open());
    BOOST_TEST(a.is_open());
    BOOST_TEST(a.native_handle() == hb);
    BOOST_TEST((ha == hb || !handle_is_open(ha)));
    BOOST_TEST(stream_contents(a.stream()) == "b");
}

BOOST_AUTO_TEST_CASE(swap_exchanges_descriptors_and_streams)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::temp_file a(tf::options().dir(scratch.path));
    tf::temp_file b(tf::options().dir(scratch.path));
    a.stream() << "A";
    b.stream() << "B";
    const handle ha = a.native_handle(), hb = b.native_handle();
    a.swap(b);
    BOOST_TEST(a.native_handle() == hb);
    BOOST_TEST(b.native_handle() == ha);
    BOOST_TEST(stream_contents(a.stream()) == "B");
    swap(a, b);
    BOOST_TEST(stream_contents(a.stream()) == "A");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(io_errors)

BOOST_AUTO_TEST_CASE(failed_write_is_reported_by_close)
{
    case_dir scratch;
    handle_leak_check leak;
    fault_scope faults;
    faulty_temp_file f(tf::options().dir(scratch.path));
    tf::fault_injection::fail(tf::sys_call::write, disk_full);
    f.stream() << "never reaches the disk";
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec == system_error(disk_full), ec.message());
    BOOST_TEST(!f.is_open());
}

BOOST_AUTO_TEST_CASE(failed_close_is_reported)
{
    case_dir scratch;
    handle_leak_check leak;
    fault_scope faults;
    faulty_temp_file f(tf::options().dir(scratch.path));
    tf::fault_injection::fail(tf::sys_call::close, io_error);
    bool thrown = false;
    try
    {
        f.close();
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(e.code() == system_error(io_error));
    }
    BOOST_TEST(thrown);
    BOOST_TEST(!f.is_open());
}

BOOST_AUTO_TEST_SUITE_END()
