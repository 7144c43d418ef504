// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Write a report where nobody can see it half-done, then give it its final
// name in one atomic step: readers of report.txt see the old report or the
// new one, never a mixture. persist(to) replaces what is there (rename);
// persist(to, no_clobber) refuses to (EEXIST) and changes nothing.
//
// The temporary file is made in the target's directory: a rename cannot
// cross file systems (EXDEV), and /tmp is often another one.

#include <boost/tempfile.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

std::string read_by_name(const fs::path& path)
{
    std::ifstream in(path.string());
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

//! Writes a report beside `target` and publishes it over whatever is there.
void publish_report(const fs::path& target, const std::string& text)
{
    tf::named_temp_file<> draft(tf::options().dir(target.parent_path()).prefix(".report-"));
    draft.stream() << text;
    // If anything above throws, the draft is removed and `target` is untouched.
    draft.persist(target); // written out, then renamed: from here nothing removes it
}

} // namespace

int main()
{
    tf::temp_dir<> out; // stands for the program's output directory; removed at the end
    const fs::path report = out.path() / "report.txt";

    publish_report(report, "monday: 3 errors\n");
    publish_report(report, "tuesday: 0 errors\n"); // replaces monday's atomically
    const std::string published = read_by_name(report);
    std::cout << report.string() << " holds: " << published;
    bool ok = published == "tuesday: 0 errors\n";

    // Refuse to replace: the first writer wins, the second learns it lost.
    tf::named_temp_file<> late(tf::options().dir(out.path()));
    late.stream() << "wednesday: late\n";
    boost::system::error_code ec;
    late.persist(report, tf::no_clobber, ec);
    std::cout << "persist(no_clobber) over an existing report: " << ec.message() << " (expected)\n";
    ok = ok && ec == boost::system::errc::file_exists && read_by_name(report) == published;
    ok = ok && late.owns_name(); // still a temporary file: removed at the end of main

    const fs::path archive = out.path() / "wednesday.txt";
    late.persist(archive, tf::no_clobber); // a free name: this one succeeds
    std::cout << "persisted to " << late.path().string() << '\n';
    ok = ok && late.path() == archive && read_by_name(archive) == "wednesday: late\n";

    // An anonymous file (O_TMPFILE) never has a visible half-written name.
    tf::temp_file anonymous(tf::options().dir(out.path()));
    if (anonymous.linkable())
    {
        anonymous.stream() << "thursday: 1 error\n";
        anonymous.persist(report); // linked beside the target, then renamed over it
        std::cout << "the anonymous file replaced the report: " << read_by_name(report);
        ok = ok && read_by_name(report) == "thursday: 1 error\n";
    }
    else
        std::cout << "no O_TMPFILE here: the anonymous file cannot be given a name\n";

    // (On Windows without POSIX delete semantics -- wine, FAT, before
    // Windows 10 1709 -- an anonymous file keeps a hidden name until closed.)
    anonymous.close();

    // The draft names are all gone; only the published files are left.
    std::size_t entries = 0;
    for (fs::directory_iterator it(out.path()), end; it != end; ++it)
        ++entries;
    ok = ok && entries == 2;
    std::cout << (ok ? "all as expected\n" : "UNEXPECTED\n");
    return ok ? 0 : 1;
}
