// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// make_temp_file (opened by a plain C++ program while held), make_temp_dir
// (a Windows name) and temp_directory_path (TMP, drive roots) on Windows.
// What every backend shares is in test/behaviour/make_temp.cpp and
// test/behaviour/temp_directory.cpp.

#define BOOST_TEST_MODULE windows_make_temp
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

BOOST_AUTO_TEST_CASE(make_temp_file_returns_an_open_handle_and_an_absolute_path)
{
    tf::created_file made = tf::make_temp_file(tf::options().prefix("manual_").suffix(".txt"));
    BOOST_TEST(made.path.is_absolute());
    BOOST_TEST(made.handle != INVALID_HANDLE_VALUE);
    BOOST_TEST(made.path.filename().string().substr(0, 7) == "manual_");
    DWORD put = 0;
    BOOST_TEST(::WriteFile(made.handle, "abc", 3, &put, nullptr));
    BOOST_TEST(ifstream_contents(made.path) == "abc"); // openable by plain C++ while open
    BOOST_TEST(::CloseHandle(made.handle));
    BOOST_TEST(present(made.path));
    fs::remove(made.path);
}

BOOST_AUTO_TEST_CASE(error_code_forms)
{
    scratch_dir scratch;
    boost::system::error_code ec;
    tf::created_file f = tf::make_temp_file(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory);
    BOOST_TEST(f.handle == INVALID_HANDLE_VALUE);
    BOOST_TEST(f.path.empty());
    const fs::path d = tf::make_temp_dir(tf::options().prefix("a:b"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST(d.empty());
    BOOST_CHECK_THROW(tf::make_temp_dir(tf::options().dir(scratch.path / "missing")), fs::filesystem_error);
    (void)tf::make_temp_dir(tf::options().dir(scratch.path), ec);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(temp_directory_path_honours_TMP)
{
    scratch_dir scratch;
    const fs::path mine = scratch.path / fs::path(L"tmp-\u00e9");
    fs::create_directory(mine);
    wchar_t old[1024];
    const DWORD had = ::GetEnvironmentVariableW(L"TMP", old, 1024);
    BOOST_TEST_REQUIRE(::SetEnvironmentVariableW(L"TMP", mine.c_str()));
    tf::reset_temp_directory_path();
    const fs::path got = tf::temp_directory_path();
    BOOST_TEST(got == mine);
    {
        tf::named_temp_file<> f;
        BOOST_TEST(f.path().parent_path() == mine);
    }
    ::SetEnvironmentVariableW(L"TMP", had ? old : nullptr);
    tf::reset_temp_directory_path();
    BOOST_TEST(tf::temp_directory_path() != mine);
}

BOOST_AUTO_TEST_CASE(temp_directory_path_is_absolute_without_trailing_separator)
{
    const fs::path t = tf::temp_directory_path();
    BOOST_TEST(t.is_absolute());
    BOOST_TEST(fs::is_directory(t));
    const std::wstring& n = t.native();
    BOOST_TEST((n.back() != L'\\' || n.size() == 3u));
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    BOOST_TEST(tf::temp_directory_path(ec) == t);
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(TMP_naming_no_directory_is_reported)
{
    scratch_dir scratch;
    wchar_t old[1024];
    const DWORD had = ::GetEnvironmentVariableW(L"TMP", old, 1024);
    ::SetEnvironmentVariableW(L"TMP", (scratch.path / "nowhere").c_str());
    tf::reset_temp_directory_path();
    boost::system::error_code ec;
    tf::temp_directory_path(ec);
    BOOST_TEST(ec);
    ::SetEnvironmentVariableW(L"TMP", had ? old : nullptr);
    tf::reset_temp_directory_path();
}
