// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// options().permissions(mode) and options().append(true) on Windows: a
// run-time mode that gives nothing to group and others means the owner-only
// DACL, any other the DACL inherited from the directory, whatever the
// policy says; an appending handle has FILE_APPEND_DATA without
// FILE_WRITE_DATA.

#define BOOST_TEST_MODULE windows_run_time_permissions
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

bool owner_only_dacl(const fs::path& p)
{
    const std::wstring sddl = dacl_sddl(p);
    BOOST_TEST_MESSAGE("DACL of " << p.string() << ": " << narrow(sddl));
    if (!under_wine())
        return sddl.substr(0, 3) == L"D:P";
    // wine turns a DACL into Unix mode bits: an owner-only one grants nothing to Everyone.
    return sddl.find(L";;;WD)") == std::wstring::npos;
}

//! The access a handle was opened with.
ACCESS_MASK access_of(HANDLE h)
{
    struct basic_information
    {
        ULONG attributes;
        ACCESS_MASK granted;
        ULONG handles, pointers, reserved[7];
    } info{};
    using query_fn = LONG(WINAPI*)(HANDLE, int, void*, ULONG, ULONG*);
    const auto query = reinterpret_cast< query_fn >(
        reinterpret_cast< void (*)() >(::GetProcAddress(::GetModuleHandleW(L"ntdll.dll"), "NtQueryObject")));
    if (!query || query(h, 0, &info, sizeof info, nullptr) != 0)
        return 0;
    return info.granted;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_run_time_mode_for_the_owner_only_gives_the_owner_only_dacl_whatever_the_policy)
{
    using shared = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::umask_default >;
    shared f(tf::options().permissions(0600));
    BOOST_TEST(owner_only_dacl(f.path()));
    tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::umask_default > d(
        tf::options().permissions(0700));
    BOOST_TEST(owner_only_dacl(d.path()));
}

BOOST_AUTO_TEST_CASE(a_run_time_mode_that_shares_gives_the_inherited_dacl_whatever_the_policy)
{
    tf::named_temp_file<> f(tf::options().permissions(0644));
    BOOST_TEST(!owner_only_dacl(f.path()));
    tf::temp_dir<> d(tf::options().permissions(0755));
    BOOST_TEST(!owner_only_dacl(d.path()));
}

BOOST_AUTO_TEST_CASE(an_appending_handle_may_append_but_not_overwrite)
{
    tf::named_temp_file<> plain;
    if (access_of(plain.native_handle()) == 0)
    {
        // wine 8 answers NtQueryObject(ObjectBasicInformation) without the
        // granted access; test/behaviour/append_mode.cpp shows the effect.
        BOOST_TEST_MESSAGE("NOT TESTED on Windows: this system does not report a handle's granted access");
        BOOST_TEST(under_wine());
        return;
    }
    tf::named_temp_file<> f(tf::options().append(true));
    const ACCESS_MASK a = access_of(f.native_handle());
    BOOST_TEST_MESSAGE("access " << std::hex << a);
    BOOST_TEST((a & FILE_APPEND_DATA) != 0u);
    BOOST_TEST((a & FILE_WRITE_DATA) == 0u);
    BOOST_TEST((a & FILE_READ_DATA) != 0u);
    BOOST_TEST((access_of(plain.native_handle()) & FILE_WRITE_DATA) != 0u);
}
