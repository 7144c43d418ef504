// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Rust's
//     let path = TempPath::from_path("report.tmp");        // removed when `path` drops
//     let file = NamedTempFile::new()?;
//     let path = file.into_temp_path();                    // handle closed, name kept until drop
//     let (file, path) = NamedTempFile::new()?.into_parts();
//     let file = NamedTempFile::from_parts(file, path);
// A path owner (temp_path) holds no handle, only a name and the identity of
// the file it means: it removes the name at its end, and only while the
// name still means that file.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

bool check(bool ok, const char* claim)
{
    std::cout << (ok ? "ok:     " : "FAILED: ") << claim << '\n';
    return ok;
}

} // namespace

int main()
{
    bool ok = true;
    const tf::temp_dir<> work; // everything below happens in here

    // 1. Take over a file something else made: removed at the end of the scope.
    const fs::path report = work.path() / "report.tmp";
    std::ofstream(report.string()) << "made by another tool\n";
    {
        tf::temp_path<> owned(tf::adopt, report);
        ok &= check(owned.owns_name() && fs::exists(report), "the adopted file is owned and still there");
    }
    ok &= check(!fs::exists(report), "the adopted file is gone at the end of the scope");

    // 2. Give up the handle, keep the duty to remove: another program may now
    //    open the file by its name (on Windows too: no handle of ours is open).
    fs::path handed;
    {
        tf::named_temp_file<> file(tf::options().dir(work.path()));
        file.stream() << "input for a child process\n";
        tf::temp_path< tf::delete_on_close > path = file.into_temp_path();
        handed = path.path();
        std::ifstream again(handed.string());
        std::string line;
        std::getline(again, line);
        ok &= check(line == "input for a child process", "the data was written out when the handle closed");
    }
    ok &= check(!fs::exists(handed), "the path owner removed the name at its end");

    // 3. Split into a handle that closes and a path that removes, and back.
    {
        tf::named_temp_file<> file(tf::options().dir(work.path()));
        auto [handle, path] = file.into_parts();
        ok &= check(static_cast< bool >(handle) && path.owns_name(), "each half has its duty");
        tf::named_temp_file<> again = tf::named_temp_file<>::from_parts(std::move(handle), std::move(path));
        again.stream() << "whole again";
        ok &= check(again.is_open() && again.owns_name(), "the halves make one named file again");
        handed = again.path();
    }
    ok &= check(!fs::exists(handed), "the reunited file removed its name");

    return ok ? 0 : 1;
}
