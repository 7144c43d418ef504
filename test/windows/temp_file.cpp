// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_file (anonymous) on Windows: the name it may keep while open (nobody
// can open it) and nothing left behind, closed twice, a Windows separator in
// the options. What every backend shares is in test/behaviour/temp_file.cpp
// (persist refused: test/behaviour/persist.cpp).

#define BOOST_TEST_MODULE windows_temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

BOOST_AUTO_TEST_CASE(leaves_no_name_after_close_and_none_openable_while_open)
{
    scratch_dir scratch;
    {
        tf::temp_file f(tf::options().dir(scratch.path));
        f.stream() << "data";
        f.stream().flush();
        const std::set< std::string > names = names_in(scratch.path);
        BOOST_TEST_MESSAGE("name removed at creation (POSIX delete semantics): " << f.name_removed()
                                                                                 << ", names visible: "
                                                                                 << names.size());
        if (f.name_removed())
            BOOST_TEST(names.empty());
        else
        {
            // wine, FAT, Windows before 10 1709: a name stays until close, but
            // nobody can open it (no sharing, delete on close).
            BOOST_TEST_REQUIRE(names.size() == 1u);
            const fs::path p = scratch.path / portable::from_utf8(*names.begin());
            HANDLE h = ::CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                     nullptr, OPEN_EXISTING, 0, nullptr);
            BOOST_TEST(h == INVALID_HANDLE_VALUE);
            if (h != INVALID_HANDLE_VALUE)
                ::CloseHandle(h);
            BOOST_TEST(ifstream_contents(p) == "<cannot open>");
        }
    }
    BOOST_TEST(names_in(scratch.path).empty());
}

BOOST_AUTO_TEST_CASE(closed_twice_is_fine_and_stream_then_is_failed)
{
    tf::temp_file f;
    f.close();
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(f.stream().bad());
    BOOST_TEST(f.native_handle() == INVALID_HANDLE_VALUE);
}

BOOST_AUTO_TEST_CASE(bad_options_and_missing_directory_are_reported)
{
    scratch_dir scratch;
    boost::system::error_code ec;
    tf::temp_file a(tf::options().prefix("a\\b"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    tf::temp_file b(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory);
    BOOST_TEST(!b.is_open());
    BOOST_CHECK_THROW(tf::temp_file(tf::options().dir(scratch.path / "missing")), fs::filesystem_error);
}
