// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Compile-cost benchmark (bench/compile_cost.sh), by-hand side: what
// tempfile.cpp does, written with Boost.Filesystem and <fstream> only.
#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>

#include <fstream>

namespace fs = boost::filesystem;

int main()
{
    const fs::path tmp = fs::temp_directory_path();
    const fs::path dir = tmp / fs::unique_path("tmp%%%%%%%%%%");
    fs::create_directory(dir);                      // a directory, removed with its contents below
    const fs::path named = dir / fs::unique_path("tmp%%%%%%%%%%");
    {
        fs::ofstream out(named);                    // a named file inside it
        out << "hello\n";
    }
    const fs::path anonymous = tmp / fs::unique_path("tmp%%%%%%%%%%");
    std::fstream scratch(anonymous.string(), std::ios::in | std::ios::out | std::ios::trunc);
    fs::remove(anonymous);                          // "anonymous": unlinked while open
    scratch << "scratch\n";
    const fs::path manual = tmp / fs::unique_path("tmp%%%%%%%%%%");
    {
        std::ofstream out(manual.string());         // managed by hand
    }
    fs::remove(manual);
    fs::remove(named);
    fs::remove_all(dir);
    return named.empty() ? 1 : 0;
}
