// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     NamedTemporaryFile(delete=True, delete_on_close=False)   -- and delete=False
// close() keeps the name, so another reader (here std::ifstream, elsewhere
// another process) can open the file by path; the end of the scope removes it.
// With `keep` nothing ever removes it: the name is yours.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace tf = boost::tempfile;

namespace {

std::string read_by_name(const boost::filesystem::path& path)
{
    std::ifstream reader(path.string());
    return std::string(std::istreambuf_iterator< char >(reader), std::istreambuf_iterator< char >());
}

bool delete_on_destroy_example()
{
    const std::string text = "Handed over by name.";
    boost::filesystem::path path;
    {
        tf::named_temp_file< tf::delete_on_destroy > handover;
        path = handover.path();
        handover.stream() << text;
        handover.close(); // written out and closed; the name stays

        const std::string seen = read_by_name(path);
        std::cout << "After close(), another reader opens " << path.string() << " and reads: " << seen << '\n';
        if (seen != text)
            return false;
    }
    std::cout << "After the scope, does it exist? " << std::boolalpha << boost::filesystem::exists(path) << '\n';
    return !boost::filesystem::exists(path);
}

bool keep_example()
{
    const std::string text = "Still here after the scope.";
    boost::filesystem::path path;
    {
        tf::named_temp_file< tf::keep > result;
        path = result.path();
        result.stream() << text;
    }
    const bool kept = boost::filesystem::exists(path) && read_by_name(path) == text;
    std::cout << "With keep, after the scope, is " << path.string() << " still there? " << std::boolalpha << kept
              << '\n';
    boost::filesystem::remove(path); // ours now
    return kept && !boost::filesystem::exists(path);
}

} // namespace

int main()
{
    const bool destroy_ok = delete_on_destroy_example();
    const bool keep_ok = keep_example();
    return destroy_ok && keep_ok ? 0 : 1;
}
