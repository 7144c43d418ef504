// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 16.7: persist(to, durable) and persist(to, no_clobber | durable)
// flush the file to disk before the rename and its directory after (counted
// through fault_injecting_platform: two syncs, none without `durable`); a
// failed flush of the file publishes nothing; a failed flush of the directory
// is reported after the publication, which it does not undo.
//
// Portable: built here and, through test/windows/durable_persist.cpp, for
// Windows (run under wine), where the directory's flush is a second flush
// of the renamed file (NTFS commits the rename with it).

#define BOOST_TEST_MODULE durable_persist
#include <boost/tempfile/fault_injection.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/no_clobber.hpp>
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
    scratch_dir() : path(fs::temp_directory_path() / fs::unique_path("tf-durable-%%%%-%%%%-%%%%"))
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

using faulty = tf::fault_injecting_platform< tf::native_platform >;
template< typename Cleanup = tf::delete_on_close >
using faulty_named = tf::basic_named_temp_file< Cleanup, tf::random_name<>, tf::owner_only, faulty >;
using faulty_anonymous = tf::basic_temp_file< tf::random_name<>, tf::owner_only, faulty >;

struct fault_scope
{
    fault_scope() { tf::fault_injection::clear(); }
    ~fault_scope() { tf::fault_injection::clear(); }
};

#if defined(_WIN32)
constexpr int io_error = 1117; // ERROR_IO_DEVICE
#else
constexpr int io_error = 5; // EIO
#endif

} // namespace

BOOST_AUTO_TEST_CASE(persist_flags_combine_and_convert_from_the_tags)
{
    constexpr tf::persist_flags none;
    constexpr tf::persist_flags both = tf::no_clobber | tf::durable;
    static_assert(!none.has_no_clobber() && !none.has_durable(), "");
    static_assert(both.has_no_clobber() && both.has_durable(), "");
    static_assert((tf::durable | tf::no_clobber) == both, "");
    static_assert(tf::persist_flags(tf::no_clobber).has_no_clobber(), "");
    static_assert(!tf::persist_flags(tf::no_clobber).has_durable(), "");
    static_assert((tf::persist_flags(tf::durable) | tf::no_clobber) == both, "");
    BOOST_TEST(both.has_durable());
}

BOOST_AUTO_TEST_CASE(durable_persist_flushes_the_file_and_the_directory)
{
    fault_scope faults;
    scratch_dir scratch;
    faulty_named<> f(scratch.in());
    f.stream() << "durable";
    tf::fault_injection::clear();
    f.persist(scratch.path / "plain-is-not-durable.txt", tf::no_clobber);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::sync) == 0u, "without durable: atomic for visibility only");

    faulty_named<> g(scratch.in());
    g.stream() << "durable";
    tf::fault_injection::clear();
    g.persist(scratch.path / "durable.txt", tf::durable);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::sync) == 2u, "the file, then the directory");
    g.close();
    BOOST_TEST(contents(scratch.path / "durable.txt") == "durable");
}

BOOST_AUTO_TEST_CASE(no_clobber_and_durable_together_refuse_an_existing_target)
{
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "target.txt";
    write_file(target, "there");
    faulty_named<> f(scratch.in());
    f.stream() << "new";
    error_code ec;
    f.persist(target, tf::no_clobber | tf::durable, ec);
    BOOST_TEST(ec == boost::system::errc::file_exists, ec.message());
    BOOST_TEST(contents(target) == "there");
    BOOST_TEST(f.owns_name());
    f.persist(scratch.path / "free.txt", tf::no_clobber | tf::durable, ec);
    BOOST_TEST(!ec, ec.message());
    f.close();
    BOOST_TEST(contents(scratch.path / "free.txt") == "new");
}

BOOST_AUTO_TEST_CASE(a_failed_flush_of_the_file_publishes_nothing)
{
    fault_scope faults;
    scratch_dir scratch;
    faulty_named<> f(scratch.in());
    f.stream() << "never published";
    tf::fault_injection::fail(tf::sys_call::sync, io_error);
    error_code ec;
    f.persist(scratch.path / "target.txt", tf::durable, ec);
    BOOST_TEST(ec.value() == io_error, ec.message());
    BOOST_TEST(std::string(ec.message()).size() > 0u);
    BOOST_TEST(!fs::exists(scratch.path / "target.txt"));
    BOOST_TEST(f.owns_name());
    try
    {
        tf::fault_injection::fail(tf::sys_call::sync, io_error);
        f.persist(scratch.path / "target.txt", tf::durable);
        BOOST_ERROR("nothing thrown");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(std::string(e.what()).find("cannot flush the file to disk; nothing published") != std::string::npos,
                   e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_failed_flush_of_the_directory_is_reported_after_the_publication)
{
    fault_scope faults;
    scratch_dir scratch;
    faulty_named<> f(scratch.in());
    f.stream() << "published";
    tf::fault_injection::fail(tf::sys_call::sync, io_error, 1); // the second flush
    error_code ec;
    f.persist(scratch.path / "target.txt", tf::durable, ec);
    BOOST_TEST(ec.value() == io_error, ec.message());
    BOOST_TEST(fs::exists(scratch.path / "target.txt"), "published all the same");
    BOOST_TEST(f.path() == scratch.path / "target.txt");
    BOOST_TEST(!f.owns_name());
    f.persist(scratch.path / "again.txt", ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, "persisted once: nothing moves again");
}

BOOST_AUTO_TEST_CASE(durable_persist_of_a_closed_file_flushes_it_through_a_handle_proven_to_be_it)
{
    fault_scope faults;
    scratch_dir scratch;
    faulty_named< tf::delete_on_destroy > f(scratch.in());
    f.stream() << "closed first";
    f.close();
    tf::fault_injection::clear();
    f.persist(scratch.path / "target.txt", tf::durable);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::sync) == 2u);
    BOOST_TEST(contents(scratch.path / "target.txt") == "closed first");
}

BOOST_AUTO_TEST_CASE(durable_persist_of_an_anonymous_file)
{
    fault_scope faults;
    scratch_dir scratch;
    faulty_anonymous t(scratch.in());
    if (!t.linkable())
    {
        BOOST_TEST_MESSAGE("NOT TESTED here: anonymous files cannot be named on this system or file system");
        BOOST_TEST(!t.is_open() == false, "the file is there; it only cannot be named");
        return;
    }
    t.stream() << "anonymous";
    tf::fault_injection::clear();
    t.persist(scratch.path / "named.txt", tf::no_clobber | tf::durable);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::sync) == 2u);
    BOOST_TEST(contents(scratch.path / "named.txt") == "anonymous");
}
