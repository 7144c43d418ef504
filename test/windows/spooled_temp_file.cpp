// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// spooled_temp_file on Windows: what the rolled-over file is -- the Windows
// anonymous file (FILE_FLAG_DELETE_ON_CLOSE, FILE_ATTRIBUTE_TEMPORARY) in
// options().dir(), checked against the directory and the HANDLE itself --
// and a moved-from object. What every backend shares is in
// test/behaviour/spooled_temp_file.cpp.

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
    BOOST_TEST(a.stream().bad(), "a moved-from object's stream is failed, not a throw");
    BOOST_TEST(a.native_handle() == INVALID_HANDLE_VALUE);
}
