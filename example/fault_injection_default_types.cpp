// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Fault-testing code that names no platform. save_config() is ordinary
// application code: a plain function over boost::tempfile::atomic_file. The
// test program is built with BOOST_TEMPFILE_FAULT_INJECTION (for all of its
// translation units: here, this one), which makes the default platform the
// fault-injecting one, so fault_injection::fail() reaches save_config()'s
// system calls: a full disk, a failing fsync, a rename refused. Each time
// save_config() must say it failed and the old configuration must survive.
// The production build leaves the macro undefined and pays nothing for it.

#define BOOST_TEMPFILE_FAULT_INJECTION 1 // normally: -DBOOST_TEMPFILE_FAULT_INJECTION for the test build
#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace tf = boost::tempfile;

// ---- the application's code ----------------------------------------------

//! Replaces the configuration file atomically; false if it could not.
bool save_config(const boost::filesystem::path& file, const std::string& text)
{
    boost::system::error_code ec;
    boost::tempfile::atomic_file f(file, ec);
    if (ec)
        return false;
    f.stream() << text;
    f.commit(ec); // flush, fsync, rename over the old file, fsync the directory
    return !ec;
}

// ---- its test ----------------------------------------------------------------

namespace {

std::string contents(const boost::filesystem::path& p)
{
    std::ifstream in(p.string());
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

//! Plans one failure, saves, and checks that the failure was reported and
//! the old configuration kept.
bool survives(const boost::filesystem::path& file, tf::sys_call call, int error, const char* what)
{
    tf::fault_injection::clear();
    tf::fault_injection::fail(call, error); // the next call of that kind fails
    const bool saved = save_config(file, "volume = 11\n");
    const bool ok = !saved && tf::fault_injection::injected() == 1 && contents(file) == "volume = 3\n";
    std::cout << "  " << what << ": save_config " << (saved ? "claimed success" : "reported the failure")
              << ", the old configuration " << (contents(file) == "volume = 3\n" ? "is intact" : "was lost") << '\n';
    tf::fault_injection::clear();
    return ok;
}

} // namespace

int main()
{
    tf::temp_dir<> dir;
    const boost::filesystem::path file = dir.path() / "player.conf";
    if (!save_config(file, "volume = 3\n"))
        return 1;
    bool ok = survives(file, tf::sys_call::write, ENOSPC, "disk full on write");
    ok = survives(file, tf::sys_call::sync, EIO, "I/O error on fsync") && ok;
    ok = survives(file, tf::sys_call::rename, EXDEV, "rename across file systems") && ok;
    ok = survives(file, tf::sys_call::rename, EACCES, "rename refused") && ok;
    ok = save_config(file, "volume = 11\n") && contents(file) == "volume = 11\n" && ok; // and without a plan
    return ok ? 0 : 1;
}
