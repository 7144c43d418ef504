// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The names the API review (issue 16) added to the file owners' interface:
// options remembering what was set (16.3), to_perms / to_mode (16.3), owned
// raw resources (16.5): unique_handle, duplicate_handle(), open_stdio(), and
// the empty state (boost::tempfile::empty).
//
// Portable: built here and, through test/windows/api_additions.cpp, for
// Windows (run under wine).

#define BOOST_TEST_MODULE api_additions
#include <boost/tempfile/empty.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/options.hpp>
#include <boost/tempfile/permissions.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/tempfile/temp_directory.hpp>
#include <boost/tempfile/temp_file.hpp>
#include <boost/tempfile/unique_handle.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/file_status.hpp>
#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <iterator>
#include <string>
#include <type_traits>
#include <utility>
#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;

namespace {

struct scratch_dir
{
    fs::path path;
    scratch_dir() : path(fs::temp_directory_path() / fs::unique_path("tf-api-%%%%-%%%%-%%%%"))
    {
        fs::create_directory(path);
    }
    ~scratch_dir()
    {
        error_code ec;
        fs::remove_all(path, ec);
    }
    tf::options in() const { return tf::options().dir(path); }
    std::size_t entries() const
    {
        return static_cast< std::size_t >(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
    }
};

std::string contents(const fs::path& p)
{
    fs::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

//! Whether h is an open handle of this process.
bool handle_is_open(tf::native_handle_type h)
{
#if defined(_WIN32)
    DWORD flags = 0;
    return ::GetHandleInformation(h, &flags) != 0;
#else
    return ::fcntl(h, F_GETFD) != -1;
#endif
}

std::string read_from_start(std::FILE* f)
{
    std::string text;
    if (std::fseek(f, 0, SEEK_SET) != 0)
        return "<cannot seek>";
    char buf[256];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        text.append(buf, n);
    return text;
}

} // namespace

// ---- options remember what the caller set (16.3) ---------------------------------------------------

BOOST_AUTO_TEST_CASE(options_remember_which_of_prefix_suffix_and_pattern_were_set)
{
    const tf::options none;
    BOOST_TEST(!none.has_prefix());
    BOOST_TEST(!none.has_suffix());
    BOOST_TEST(!none.has_pattern());
    BOOST_TEST(none.prefix() == "tmp", "the default prefix is still there to use");

    const tf::options some = tf::options().prefix("tmp").pattern("XXXXXX");
    BOOST_TEST(some.has_prefix(), "set to its default value still counts as set");
    BOOST_TEST(!some.has_suffix());
    BOOST_TEST(some.has_pattern());

    tf::options lvalue;
    lvalue.suffix(".x");
    const tf::options copy = lvalue;
    BOOST_TEST(copy.has_suffix(), "a copy remembers too");
    BOOST_TEST(!copy.has_prefix());
    tf::options moved = std::move(lvalue);
    BOOST_TEST(moved.has_suffix());
}

// ---- to_perms / to_mode (16.3) -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(to_perms_and_to_mode_convert_the_permission_bits)
{
    static_assert(tf::to_perms(0600) == (fs::owner_read | fs::owner_write), "");
    static_assert(tf::to_mode(fs::owner_all | fs::group_read) == 0740u, "");
    static_assert(tf::to_mode(tf::to_perms(01777)) == 01777u, "");
    static_assert(tf::to_perms(010644) == tf::to_perms(0644), "file-type bits are no permission bits");
    static_assert(tf::to_mode(fs::perms_not_known) == 0u, "unknown: no bits");
    static_assert(tf::to_mode(fs::add_perms | fs::owner_read) == 0400u, "flags are dropped");
    BOOST_TEST(tf::to_mode(fs::set_uid_on_exe) == 04000u);
    BOOST_TEST(tf::to_mode(tf::to_perms(tf::owner_only::file_mode)) == 0600u);
}

// ---- owned raw resources (16.5) ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(unique_handle_owns_closes_releases_and_moves)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    tf::unique_handle none;
    BOOST_TEST(!none);
    BOOST_TEST(none.get() == tf::system_platform::invalid_handle());

    tf::native_handle_type raw = tf::system_platform::invalid_handle();
    {
        tf::unique_handle a = f.duplicate_handle();
        BOOST_TEST(static_cast< bool >(a));
        raw = a.get();
        BOOST_TEST(raw != f.native_handle());
        BOOST_TEST(handle_is_open(raw));
        tf::unique_handle b(std::move(a));
        BOOST_TEST(!a);
        BOOST_TEST(b.get() == raw);
        swap(a, b);
        BOOST_TEST(a.get() == raw);
    }
    BOOST_TEST(!handle_is_open(raw), "closed with its owner");
    BOOST_TEST(handle_is_open(f.native_handle()), "the object's own handle is untouched");

    tf::unique_handle c = f.duplicate_handle();
    const tf::native_handle_type mine = c.release();
    BOOST_TEST(!c);
    BOOST_TEST(handle_is_open(mine));
    c.reset(mine); // owned again, closed by reset() below
    c.reset();
    BOOST_TEST(!handle_is_open(mine));
    static_assert(!std::is_copy_constructible< tf::unique_handle >::value, "");
    static_assert(std::is_nothrow_move_constructible< tf::unique_handle >::value, "");
}

BOOST_AUTO_TEST_CASE(duplicate_handle_writes_out_the_stream_first_and_shares_the_file)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    f.stream() << "buffered";
    tf::unique_stdio_file c = f.open_stdio("r+b");
    BOOST_TEST_REQUIRE(c.get() != nullptr);
    BOOST_TEST(read_from_start(c.get()) == "buffered", "the duplicate sees what the stream buffered");
    BOOST_TEST(std::fseek(c.get(), 0, SEEK_END) == 0);
    BOOST_TEST(std::fputs(" and more", c.get()) >= 0);
    c.reset(); // fclose: closes the duplicate only
    BOOST_TEST(f.is_open());
    BOOST_TEST(handle_is_open(f.native_handle()));
    BOOST_TEST(contents(f.path()) == "buffered and more");
    f.stream().seekp(0, std::ios::end);
    f.stream() << "!";
    f.native_handle();
    BOOST_TEST(contents(f.path()) == "buffered and more!");
}

BOOST_AUTO_TEST_CASE(anonymous_files_give_duplicates_and_c_streams_too)
{
    scratch_dir scratch;
    tf::temp_file t(scratch.in());
    t.stream() << "anonymous";
    tf::unique_stdio_file c = t.open_stdio("rb");
    BOOST_TEST_REQUIRE(c.get() != nullptr);
    BOOST_TEST(read_from_start(c.get()) == "anonymous");
    tf::unique_handle d = t.duplicate_handle();
    BOOST_TEST(static_cast< bool >(d));
}

BOOST_AUTO_TEST_CASE(duplicate_handle_and_open_stdio_of_a_closed_file_fail_clearly)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(scratch.in());
    f.close();
    error_code ec;
    tf::unique_handle d = f.duplicate_handle(ec);
    BOOST_TEST(ec == boost::system::errc::bad_file_descriptor, ec.message());
    BOOST_TEST(!d);
    tf::unique_stdio_file c = f.open_stdio("rb", ec);
    BOOST_TEST(ec == boost::system::errc::bad_file_descriptor, ec.message());
    BOOST_TEST(c.get() == nullptr);
    try
    {
        (void)f.duplicate_handle();
        BOOST_ERROR("nothing thrown");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(std::string(e.what()).find("named_temp_file::duplicate_handle: the file is closed") !=
                       std::string::npos,
                   e.what());
        BOOST_TEST(e.path1() == f.path());
    }
}

#if !defined(_WIN32)
// (On Windows an invalid mode reaches the C runtime's invalid-parameter handler.)
BOOST_AUTO_TEST_CASE(open_stdio_with_a_mode_the_c_library_refuses_reports_it_and_leaks_nothing)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    const tf::native_handle_type probe = f.duplicate_handle().release(); // the lowest free number
    ::close(probe);
    error_code ec;
    tf::unique_stdio_file c = f.open_stdio("", ec);
    BOOST_TEST(ec);
    BOOST_TEST(c.get() == nullptr);
    BOOST_TEST(!handle_is_open(probe), "the duplicate made for it was closed");
}
#endif

// ---- the empty state (16.5) ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(empty_owners_own_nothing_create_nothing_and_take_a_real_one_later)
{
    static_assert(std::is_nothrow_constructible< tf::named_temp_file<>, tf::empty_t >::value, "");
    static_assert(std::is_nothrow_constructible< tf::temp_file, tf::empty_t >::value, "");
    static_assert(std::is_nothrow_constructible< tf::spooled_temp_file, tf::empty_t >::value, "");
    static_assert(!std::is_convertible< tf::empty_t, tf::named_temp_file<> >::value, "explicit");
    scratch_dir scratch;
    {
        tf::named_temp_file<> f(tf::empty);
        BOOST_TEST(!f.is_open());
        BOOST_TEST(f.path().empty());
        BOOST_TEST(!f.owns_name());
        BOOST_TEST(f.stream().bad());
        f = tf::named_temp_file<>(scratch.in());
        BOOST_TEST(f.is_open());
        BOOST_TEST(scratch.entries() == 1u);

        tf::temp_file t(tf::empty);
        BOOST_TEST(!t.is_open());
        t = tf::temp_file(scratch.in());
        BOOST_TEST(t.is_open());

        tf::spooled_temp_file s(tf::empty);
        BOOST_TEST(!s.is_open());
        BOOST_TEST(s.stream().bad());
        s = tf::spooled_temp_file(8, scratch.in());
        s.stream() << "x";
        BOOST_TEST(s.stream().good());
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(default_construction_still_creates)
{
    tf::named_temp_file<> f;
    BOOST_TEST(f.is_open());
    BOOST_TEST(f.path().parent_path() == tf::temp_directory_path());
}
