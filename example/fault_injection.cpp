// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Testing your own error handling with fault_injecting_platform: a disk that
// fills up (ENOSPC) while a report is being written. Such errors are hard to
// provoke for real; here the platform makes the chosen system call fail, and
// everything else runs against the real file system.
//
// The stream buffers, so the failing write happens when close() writes the
// buffer out; close(ec) reports it, and close() would throw a
// filesystem_error naming the file.

#include <boost/tempfile.hpp>

#include <boost/filesystem/exception.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <iostream>
#include <string>

namespace tf = boost::tempfile;

namespace {

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
using report_file = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty_platform >;

const boost::system::error_code disk_full(ENOSPC, boost::system::system_category());

//! The code under test: writes a report and says whether it was saved,
//! explaining why not.
bool save_report(report_file& file, const std::string& text, boost::system::error_code& ec)
{
    file.stream() << text;
    file.close(ec);
    if (ec)
    {
        std::cout << "  could not save " << file.path().string() << ": " << ec.message() << " (expected)\n";
        return false;
    }
    return true;
}

bool failing_close_reports_the_error()
{
    tf::fault_injection::clear();
    report_file file;
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC); // the next write fails
    boost::system::error_code ec;
    const bool saved = save_report(file, "quarterly figures", ec);
    const unsigned injected = tf::fault_injection::injected();
    tf::fault_injection::clear();
    return !saved && ec == disk_full && injected == 1 && !boost::filesystem::exists(file.path());
}

bool failing_close_throws_with_the_path()
{
    tf::fault_injection::clear();
    report_file file;
    file.stream() << "quarterly figures";
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    bool reported = false;
    try
    {
        file.close();
    }
    catch (const boost::filesystem::filesystem_error& e)
    {
        std::cout << "  close() threw, as expected: " << e.what() << '\n';
        reported = e.code() == disk_full && e.path1() == file.path();
    }
    tf::fault_injection::clear();
    return reported;
}

} // namespace

int main()
{
    std::cout << "close(ec) with the disk full:\n";
    const bool ec_ok = failing_close_reports_the_error();
    std::cout << "close() with the disk full:\n";
    const bool throw_ok = failing_close_throws_with_the_path();
    return ec_ok && throw_ok ? 0 : 1;
}
