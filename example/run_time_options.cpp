// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Rust's
//     tempfile::Builder::new().rand_bytes(16).permissions(Permissions::from_mode(0o640)).tempfile()
//     tempfile::Builder::new().prefix("app.pid").rand_bytes(0).tempfile()   // an exact name
// Choices made at run time -- from a configuration file, a command line --
// are options; the policies stay the compile-time default. The option wins
// when it is set, and is checked by the policies' rules (no S_ISUID or
// S_ISGID, the owner keeps read and write, ...): a mode they refuse is an
// invalid_argument error, not a silent change.

#include <boost/tempfile.hpp>

#include <iostream>
#include <string>

namespace tf = boost::tempfile;

int main()
{
    const tf::temp_dir<> dir;

    // Sixteen random characters instead of random_name's ten; group may read.
    tf::named_temp_file<> report(tf::options().dir(dir.path()).prefix("report-").random_length(16).permissions(0640));
    std::cout << "report: " << report.path().string() << '\n';
    if (report.path().filename().string().size() != std::string("report-").size() + 16)
        return 1;

    // random_length(0): exactly "app.pid", tried once; taken, it fails at once.
    tf::named_temp_file<> pid(tf::options().dir(dir.path()).prefix("app.pid").random_length(0));
    boost::system::error_code ec;
    tf::named_temp_file<> second(tf::options().dir(dir.path()).prefix("app.pid").random_length(0), ec);
    std::cout << "a second app.pid: " << ec.message() << '\n';
    if (ec != boost::system::errc::file_exists)
        return 1;

    // A mode the rules refuse is reported, and nothing is made.
    tf::temp_dir<> shared(tf::options().dir(dir.path()).permissions(0777), ec);
    std::cout << "a directory all may write without the sticky bit: " << ec.message() << '\n';
    return ec == boost::system::errc::invalid_argument ? 0 : 1;
}
