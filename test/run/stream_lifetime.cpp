// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 16.2: the stream lives as long as its owner. A reference taken from
// stream() stays valid across close(), release(), a failed persist() and
// moves of the owner (run under ASan: a dangling reference is a
// heap-use-after-free); once the file is closed or handed over the stream is
// failed and touches no descriptor; stream() on an object without an open
// file returns a failed stream instead of throwing.
//
// Portable: built here and, through test/windows/stream_lifetime.cpp, for
// Windows (run under wine).

#define BOOST_TEST_MODULE stream_lifetime
#include <boost/tempfile/fault_injection.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <iterator>
#include <string>
#include <utility>
#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

//! The test case's directory (tmp_path()), and options that create in it.
struct case_dir : portable::case_dir
{
    tf::options in() const { return tf::options().dir(path); }
};

std::string contents(const fs::path& p)
{
    fs::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

//! Writes through a stream the caller expects to be failed: nothing may
//! reach a file, and the stream stays bad.
void write_through_failed(std::iostream& s)
{
    s.clear();
    s << "must not arrive";
    s.flush();
    BOOST_TEST(s.bad());
    s.clear();
    s.seekp(0);
    BOOST_TEST(s.fail());
    s.clear();
    char c = 0;
    BOOST_TEST(!s.get(c));
}

#if defined(_WIN32)
constexpr int disk_full = 112; // ERROR_DISK_FULL
#else
constexpr int disk_full = 28; // ENOSPC
#endif

using faulty = tf::fault_injecting_platform< tf::native_platform >;

struct fault_scope
{
    fault_scope() { tf::fault_injection::clear(); }
    ~fault_scope() { tf::fault_injection::clear(); }
};

} // namespace

BOOST_AUTO_TEST_CASE(named_file_stream_reference_survives_close_and_is_failed)
{
    case_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(scratch.in());
    std::iostream& s = f.stream();
    s << "kept";
    f.close();
    BOOST_TEST(contents(f.path()) == "kept");
    BOOST_TEST(s.bad(), "closing the file fails the stream");
    write_through_failed(s);
    BOOST_TEST(contents(f.path()) == "kept", "nothing written after close() arrives");
    BOOST_TEST(&f.stream() == &s, "stream() gives the same object after close()");
}

BOOST_AUTO_TEST_CASE(named_file_stream_reference_survives_release)
{
    case_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    std::iostream& s = f.stream();
    s << "handed over";
    tf::created_file made = f.release();
    BOOST_TEST(contents(made.path) == "handed over");
    BOOST_TEST(s.bad());
    write_through_failed(s);
    BOOST_TEST(contents(made.path) == "handed over", "the released handle is not written through the stream");
    BOOST_TEST(&f.stream() == &s);
#if defined(_WIN32)
    ::CloseHandle(made.handle);
#else
    ::close(made.handle);
#endif
    fs::remove(made.path);
}

BOOST_AUTO_TEST_CASE(named_file_stream_reference_moves_with_the_owner)
{
    case_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > a(scratch.in());
    std::iostream& s = a.stream();
    s << "one ";
    tf::named_temp_file< tf::delete_on_destroy > b(std::move(a));
    BOOST_TEST(&b.stream() == &s, "a move takes the stream along");
    s << "two";
    BOOST_TEST(s.good());
    tf::named_temp_file< tf::delete_on_destroy > c(scratch.in());
    c = std::move(b);
    BOOST_TEST(&c.stream() == &s);
    c.close();
    BOOST_TEST(contents(c.path()) == "one two");
    BOOST_TEST(s.bad());
}

BOOST_AUTO_TEST_CASE(stream_of_a_moved_from_or_never_made_owner_is_failed_without_a_throw)
{
    case_dir scratch;
    tf::named_temp_file<> a(scratch.in());
    std::iostream& s = a.stream();
    tf::named_temp_file<> b(std::move(a));
    std::iostream* left = nullptr;
    BOOST_CHECK_NO_THROW(left = &a.stream());
    BOOST_TEST(left != &s);
    BOOST_TEST(left->bad());
    write_through_failed(*left);
    BOOST_TEST(s.good(), "the moved stream is untouched");

    boost::system::error_code ec;
    tf::named_temp_file<> never(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(ec);
    BOOST_CHECK_NO_THROW(never.stream());
    BOOST_TEST(never.stream().bad());

    tf::temp_file t(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(ec);
    BOOST_CHECK_NO_THROW(t.stream());
    BOOST_TEST(t.stream().bad());
}

BOOST_AUTO_TEST_CASE(stream_that_throws_on_badbit_is_still_returned_after_close)
{
    case_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    std::iostream& s = f.stream();
    s.exceptions(std::ios_base::badbit);
    s << "x";
    BOOST_CHECK_NO_THROW(f.close());
    BOOST_CHECK_NO_THROW(f.stream());
    s.exceptions(std::ios_base::goodbit);
    BOOST_TEST(s.bad());
}

BOOST_AUTO_TEST_CASE(anonymous_file_stream_reference_survives_close_release_and_moves)
{
    case_dir scratch;
    tf::temp_file a(scratch.in());
    std::iostream& s = a.stream();
    s << "abc";
    tf::temp_file b(std::move(a));
    BOOST_TEST(&b.stream() == &s);
    b.close();
    BOOST_TEST(s.bad());
    write_through_failed(s);
    BOOST_TEST(&b.stream() == &s);

    tf::temp_file c(scratch.in());
    std::iostream& t = c.stream();
    t << "def";
    const tf::temp_file::native_handle_type h = c.release();
    BOOST_TEST(t.bad());
    write_through_failed(t);
#if defined(_WIN32)
    ::CloseHandle(h);
#else
    ::close(h);
#endif
}

BOOST_AUTO_TEST_CASE(stream_reference_survives_a_failed_persist)
{
    fault_scope faults;
    case_dir scratch;
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(scratch.in());
    std::iostream& s = f.stream();
    s << "buffered";
    tf::fault_injection::fail(tf::sys_call::write, disk_full);
    boost::system::error_code ec;
    f.persist(scratch.path / "published", ec);
    BOOST_TEST(ec.value() == disk_full, ec.message());
    BOOST_TEST(s.bad(), "the write-out failed: the stream says so");
    BOOST_TEST(&f.stream() == &s);
    f.close(ec);
    BOOST_TEST(!fs::exists(scratch.path / "published"));
}

BOOST_AUTO_TEST_CASE(spooled_stream_reference_survives_close_and_moves)
{
    case_dir scratch;
    tf::spooled_temp_file a(4, scratch.in());
    std::iostream& s = a.stream();
    s << "ab";
    tf::spooled_temp_file b(std::move(a));
    BOOST_TEST(&b.stream() == &s);
    s << "cdef"; // rolls over
    BOOST_TEST(b.rolled_over());
    b.close();
    BOOST_TEST(!b.is_open());
    BOOST_TEST(s.bad());
    write_through_failed(s);
    BOOST_TEST(&b.stream() == &s, "the same stream after close()");
    BOOST_TEST(b.stream().bad());

    tf::spooled_temp_file m(100, scratch.in());
    std::iostream& in_memory = m.stream();
    in_memory << "still in memory";
    m.close();
    BOOST_TEST(in_memory.bad());
    write_through_failed(in_memory);
}
