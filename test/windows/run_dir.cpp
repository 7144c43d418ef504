// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// run_dir on Windows: the lock file that says a run is alive is held without
// sharing, a run without its lock file is one being made (left alone while
// young, removed once old), the root is named after the user's SID. What
// every backend shares is in test/behaviour/run_dir.cpp.

#define BOOST_TEST_MODULE windows_run_dir
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

//! Sets a directory's last write time `seconds` into the past.
void make_old(const fs::path& p, long long seconds)
{
    HANDLE h = ::CreateFileW(p.c_str(), FILE_WRITE_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                             nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    BOOST_REQUIRE(h != INVALID_HANDLE_VALUE);
    FILETIME now;
    ::GetSystemTimeAsFileTime(&now);
    unsigned long long ticks = (static_cast< unsigned long long >(now.dwHighDateTime) << 32) | now.dwLowDateTime;
    ticks -= static_cast< unsigned long long >(seconds) * 10000000ULL;
    FILETIME old;
    old.dwLowDateTime = static_cast< DWORD >(ticks);
    old.dwHighDateTime = static_cast< DWORD >(ticks >> 32);
    BOOST_REQUIRE(::SetFileTime(h, nullptr, nullptr, &old));
    ::CloseHandle(h);
}

} // namespace

BOOST_AUTO_TEST_CASE(the_lock_file_of_a_live_run_cannot_be_opened_by_anyone)
{
    scratch_dir scratch;
    tf::run_dir run("myapp", in(scratch.path));
    const fs::path lock = run.path() / ".lock";
    BOOST_TEST(present(lock));
    HANDLE h = ::CreateFileW(lock.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                             nullptr, OPEN_EXISTING, 0, nullptr);
    BOOST_TEST((h == INVALID_HANDLE_VALUE));
    BOOST_TEST(::GetLastError() == static_cast< DWORD >(ERROR_SHARING_VIOLATION));
    if (h != INVALID_HANDLE_VALUE)
        ::CloseHandle(h);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
}

BOOST_AUTO_TEST_CASE(the_root_is_named_after_the_users_sid)
{
    scratch_dir scratch;
    tf::run_dir run("myapp", in(scratch.path));
    const std::string name = run.root().filename().string();
    BOOST_TEST(name.compare(0, 8, "myapp-S-") == 0);
}

BOOST_AUTO_TEST_CASE(a_run_without_its_lock_file_is_left_while_young_and_removed_once_old)
{
    scratch_dir scratch;
    fs::path root;
    {
        tf::run_dir first("myapp", in(scratch.path));
        root = first.root();
    }
    const fs::path making = root / "run-77-abcdefghij";
    fs::create_directory(making);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
    BOOST_TEST(tf::list_dead_runs("myapp", in(scratch.path)).empty());
    BOOST_TEST(portable::is_real_dir(making));
    make_old(making, 3600);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(making));
}
