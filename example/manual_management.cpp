// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's mkstemp() and mkdtemp():
//     fd, path = tempfile.mkstemp(suffix='.txt', prefix='manual_')
//     dir_path = tempfile.mkdtemp(prefix='manual_dir_')
// Created exactly as the owning classes create theirs (exclusively, 0600 and
// 0700), then handed over: closing and removing is the caller's job.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <cstddef>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace tf = boost::tempfile;

namespace {

bool write_all(int fd, const std::string& text)
{
    std::size_t done = 0;
    while (done < text.size())
    {
        const ::ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            return false;
        done += static_cast< std::size_t >(n);
    }
    return true;
}

std::string read_file(const boost::filesystem::path& path)
{
    std::ifstream in(path.string());
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

bool mkstemp_example()
{
    const std::string text = "This file was created with make_temp_file.";
    auto [fd, path] = tf::make_temp_file(tf::options().prefix("manual_").suffix(".txt"));
    std::cout << "Created temporary file: " << path.string() << " with descriptor: " << fd << '\n';

    const bool written = write_all(fd, text);
    std::cout << "Data written.\n";
    const bool read_back = read_file(path) == text;

    // Ours to close and remove: nothing does it for us.
    ::close(fd);
    boost::filesystem::remove(path);
    std::cout << "Manually deleted file: " << path.string() << '\n';
    return written && read_back && !boost::filesystem::exists(path);
}

bool mkdtemp_example()
{
    const boost::filesystem::path dir_path = tf::make_temp_dir(tf::options().prefix("manual_dir_"));
    std::cout << "Created temporary directory: " << dir_path.string() << '\n';

    const boost::filesystem::path nested = dir_path / "nested_file.txt";
    std::ofstream(nested.string()) << "Inside the manual directory.";
    const bool nested_made = boost::filesystem::exists(nested);

    // Ours to remove, with everything in it.
    boost::filesystem::remove_all(dir_path);
    std::cout << "Manually deleted directory: " << dir_path.string() << '\n';
    return nested_made && !boost::filesystem::exists(dir_path);
}

} // namespace

int main()
{
    const bool file_ok = mkstemp_example();
    const bool dir_ok = mkdtemp_example();
    return file_ok && dir_ok ? 0 : 1;
}
