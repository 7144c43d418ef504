// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// named_temp_file on Windows: the HANDLE, reopening by name while open and
// while another opener holds it, option validation of Windows names,
// non-ASCII names, the owner-only DACL. What every backend shares is in
// test/behaviour/ (named_temp_file, persist, reopen, creation_errors).

#define BOOST_TEST_MODULE windows_named_temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

BOOST_AUTO_TEST_CASE(native_platform_is_windows_and_the_handle_a_HANDLE)
{
    BOOST_TEST((std::is_same< tf::native_platform, tf::windows_platform >::value));
    BOOST_TEST((std::is_same< tf::named_temp_file<>::native_handle_type, void* >::value));
    BOOST_TEST(tf::is_platform< tf::windows_platform >::value);
}

BOOST_AUTO_TEST_CASE(file_can_be_reopened_by_name_while_open)
{
    tf::named_temp_file<> f;
    f.stream() << "shared";
    f.stream().flush();
    // Another opener with ordinary sharing, as another process would.
    HANDLE other = ::CreateFileW(f.path().c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                 nullptr, OPEN_EXISTING, 0, nullptr);
    BOOST_TEST_REQUIRE(other != INVALID_HANDLE_VALUE);
    char buf[16] = {};
    DWORD got = 0;
    BOOST_TEST(::ReadFile(other, buf, sizeof buf, &got, nullptr));
    BOOST_TEST(std::string(buf, got) == "shared");
    ::CloseHandle(other);
    // And the C++ way (the CRT does not share delete: works because the
    // owner's handle has no DELETE access).
    BOOST_TEST(ifstream_contents(f.path()) == "shared");
}

BOOST_AUTO_TEST_CASE(reopen_after_the_name_was_replaced_fails)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
    f.close();
    // Moved away rather than deleted: wine's file index is the inode number,
    // which the file system may give the very next file.
    BOOST_TEST(::MoveFileW(f.path().c_str(), (f.path().native() + L".moved").c_str()));
    write_file(f.path(), "stranger");
    boost::system::error_code ec;
    HANDLE h = f.reopen(ec);
    BOOST_TEST(h == INVALID_HANDLE_VALUE);
    BOOST_TEST(ec.value() == ERROR_FILE_INVALID);
    f = tf::named_temp_file< tf::delete_on_destroy >(tf::options().dir(scratch.path)); // old one's end
    BOOST_TEST(read_file(scratch.path / f.path().filename()).empty());
    // The stranger's file was not removed by the old owner's end.
    BOOST_TEST(names_in(scratch.path).size() == 3u);
}

BOOST_AUTO_TEST_CASE(stream_of_closed_file_is_failed)
{
    tf::named_temp_file<> f;
    f.close();
    BOOST_TEST(f.stream().bad());
}

BOOST_AUTO_TEST_CASE(close_with_reader_still_open_removes_the_name_eventually)
{
    tf::named_temp_file<> f;
    const fs::path p = f.path();
    HANDLE other = ::CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                 nullptr, OPEN_EXISTING, 0, nullptr);
    BOOST_TEST_REQUIRE(other != INVALID_HANDLE_VALUE);
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(!ec);
    BOOST_TEST_MESSAGE("name visible while another handle is open: " << present(p)
                                                                      << " (0 with POSIX delete semantics)");
    ::CloseHandle(other);
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(prefix_and_suffix_are_used_and_validated)
{
    tf::named_temp_file<> f(tf::options().prefix("my_app_").suffix(".log"));
    const std::string name = f.path().filename().string();
    BOOST_TEST(name.substr(0, 7) == "my_app_");
    BOOST_TEST(name.substr(name.size() - 4) == ".log");
    BOOST_TEST(name.size() == 7 + 10 + 4);
    for (const char* bad : {"a/b", "a\\b", "c:", "x:stream"})
    {
        boost::system::error_code ec;
        tf::named_temp_file<> g(tf::options().prefix(bad), ec);
        BOOST_TEST(ec == boost::system::errc::invalid_argument, "prefix " << bad);
        BOOST_TEST(g.path().empty());
        tf::named_temp_file<> h(tf::options().suffix(bad), ec);
        BOOST_TEST(ec == boost::system::errc::invalid_argument, "suffix " << bad);
        BOOST_CHECK_THROW(tf::named_temp_file<>(tf::options().prefix(bad)), fs::filesystem_error);
    }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_prefix_is_invalid_argument)
{
    boost::system::error_code ec;
    tf::named_temp_file<> f(tf::options().prefix("\xff\xfe"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
}

BOOST_AUTO_TEST_CASE(non_ascii_prefix_and_directory_work)
{
    scratch_dir scratch;
    const fs::path dir = scratch.path / fs::path(L"d\u00e9j\u00e0-\u6587\u4ef6");
    fs::create_directory(dir);
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(dir).prefix(u8"\u00fcn\u00ef_").suffix(u8".\u00e9"));
        p = f.path();
        const std::wstring name = p.filename().native();
        BOOST_TEST((name.substr(0, 4) == L"\u00fcn\u00ef_"));
        BOOST_TEST((name.substr(name.size() - 2) == L".\u00e9"));
        BOOST_TEST(present(p));
        f.stream() << "unicode";
        f.stream().flush();
        BOOST_TEST(read_file(p) == "unicode");
        const std::set< std::string > names = names_in(dir);
        BOOST_TEST_REQUIRE(names.size() == 1u);
        BOOST_TEST((*names.begin() == portable::utf8(name)));
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(file_dacl_grants_only_the_current_user)
{
    tf::named_temp_file<> f;
    const std::wstring sddl = dacl_sddl(f.path());
    const std::wstring sid = current_user_sid();
    BOOST_TEST_MESSAGE("DACL: " << narrow(sddl) << ", user " << narrow(sid));
    BOOST_TEST(!sid.empty());
    if (!under_wine())
        BOOST_TEST((sddl == L"D:P(A;;FA;;;" + sid + L")"));
    else
    {
        // wine 8 keeps no DACL: it turns the one given into Unix mode bits
        // (0600 here) and reads back a DACL made from them (owner and SYSTEM).
        BOOST_TEST((sddl.find(L"(A;;FA;;;" + sid + L")") != std::wstring::npos));
        BOOST_TEST((sddl.find(L";;;WD)") == std::wstring::npos)); // nothing for Everyone
        BOOST_TEST((sddl.find(L";;;BU)") == std::wstring::npos)); // nor for Users
    }
}

BOOST_AUTO_TEST_CASE(umask_default_policy_inherits_the_parent_dacl)
{
    using file = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::umask_default >;
    file f;
    const std::wstring sddl = dacl_sddl(f.path());
    BOOST_TEST_MESSAGE("DACL: " << narrow(sddl));
    BOOST_TEST((sddl.substr(0, 3) != L"D:P"));
    if (under_wine())
        BOOST_TEST((sddl.find(L";;;WD)") != std::wstring::npos)); // 0644: Everyone reads
}
