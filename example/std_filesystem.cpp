// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A program written against std::filesystem. The library's paths are
// boost::filesystem::path: to_std_path() gives each one back as a
// std::filesystem::path, to_boost_path() the other way (Boost 1.81 also
// converts implicitly; Boost 1.74 does not, so this example spells it).

#include <boost/tempfile.hpp>
#include <boost/tempfile/std_filesystem.hpp>

#include <boost/system/error_code.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>

namespace tf = boost::tempfile;
namespace stdfs = std::filesystem;

namespace {

std::string read_by_name(const stdfs::path& path)
{
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

} // namespace

int main()
{
    // A scratch directory, used with std::filesystem only.
    tf::temp_dir<> scratch;
    const stdfs::path work = tf::to_std_path(scratch.path());
    stdfs::create_directories(work / "exports" / "2026");
    std::cout << "Scratch directory: " << work << '\n';

    // A named file made in a directory given as a std path, written through
    // the library's stream, then looked at with std::filesystem.
    tf::named_temp_file<> draft(tf::options().dir(tf::to_boost_path(work / "exports")).suffix(".csv"));
    draft.stream() << "id,total\n1,42\n";
    draft.stream().flush();
    const stdfs::path draft_path = tf::to_std_path(draft.path());
    std::cout << "Draft: " << draft_path.filename() << ", " << stdfs::file_size(draft_path) << " bytes\n";
    if (draft_path.parent_path() != work / "exports" || stdfs::file_size(draft_path) != 14)
        return 1;

    // Published under a name chosen as a std path.
    const stdfs::path published = work / "exports" / "2026" / "totals.csv";
    draft.persist(tf::to_boost_path(published));
    std::cout << "Published as " << published << ": " << read_by_name(published);
    if (read_by_name(published) != "id,total\n1,42\n" || stdfs::exists(draft_path))
        return 1;

    // The error_code forms take a boost::system::error_code, which converts
    // to a std::error_code and compares with std::errc.
    boost::system::error_code ec;
    tf::named_temp_file<> nowhere(tf::options().dir(tf::to_boost_path(work / "missing")), ec);
    const std::error_code std_ec = ec;
    std::cout << "In a missing directory: " << std_ec.message() << " (expected)\n";
    if (std_ec != std::errc::no_such_file_or_directory)
        return 1;

    // The whole tree goes with the scope, however it was filled.
    scratch.remove();
    std::cout << "Scratch directory removed: " << std::boolalpha << !stdfs::exists(work) << '\n';
    return stdfs::exists(work) ? 1 : 0;
}
