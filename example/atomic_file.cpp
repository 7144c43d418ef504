// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Updating a configuration file safely. The new version is written to a
// hidden file beside the old one and renamed over it only once it is
// complete and on disk, so a program reading the configuration -- or the
// machine rebooting after a crash -- finds the old version or the new one,
// never half of each, and never an empty file.

#include <boost/tempfile/atomic_file.hpp>
#include <boost/tempfile/temp_dir.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

using settings = std::map< std::string, std::string >;

static settings load(const fs::path& file)
{
    settings result;
    std::ifstream in(file.string());
    std::string line;
    while (std::getline(in, line))
    {
        const std::string::size_type eq = line.find(" = ");
        if (eq != std::string::npos)
            result[line.substr(0, eq)] = line.substr(eq + 3);
    }
    return result;
}

//! Replaces `file` with `values`; on failure the old file is left as it was
//! and ec says why.
static bool save(const fs::path& file, const settings& values, boost::system::error_code& ec)
{
    tf::atomic_file out(file, ec); // .app.conf.XXXXXXXXXX.tmp, 0600 while being written
    if (ec)
        return false;
    for (const auto& [key, value] : values)
        out.stream() << key << " = " << value << '\n';
    out.commit(ec); // flush, fsync, the old file's mode, rename over it, fsync the directory
    return !ec;
}

static std::string contents(const fs::path& file)
{
    std::ifstream in(file.string());
    return std::string((std::istreambuf_iterator< char >(in)), std::istreambuf_iterator< char >());
}

int main()
{
    tf::temp_dir<> etc; // stands in for /etc/myapp
    const fs::path config = etc.path() / "app.conf";

    // First start: write the defaults, but only if no configuration exists
    // yet -- never over one that an administrator wrote in the meantime.
    {
        tf::atomic_file defaults(config, tf::no_clobber);
        defaults.stream() << "log_level = info\nport = 8080\n";
        defaults.commit();
    }
    ::chmod(config.c_str(), 0640); // the administrator makes it group-readable only

    // A program that has the configuration open while it is updated.
    std::ifstream reader(config.string());

    boost::system::error_code ec;
    settings values = load(config);
    values["log_level"] = "debug";
    if (!save(config, values, ec))
    {
        std::cerr << "cannot update " << config << ": " << ec.message() << '\n';
        return 1;
    }
    const std::string updated = contents(config);
    struct stat st;
    ::stat(config.c_str(), &st);
    std::cout << "updated " << config.filename() << " (mode " << std::oct << (st.st_mode & 07777) << std::dec
              << "):\n"
              << updated;

    // The reader still sees the version it opened: the update made a new
    // file rather than rewriting the old one in place.
    const std::string seen((std::istreambuf_iterator< char >(reader)), std::istreambuf_iterator< char >());
    std::cout << "a reader that opened it before the update still reads:\n" << seen;

    // Writing the defaults again is refused: the file exists.
    {
        tf::atomic_file defaults(config, tf::no_clobber);
        defaults.stream() << "log_level = info\nport = 8080\n";
        defaults.commit(ec);
        std::cout << "writing the defaults again: " << ec.message() << " (expected: the configuration is kept)\n";
    }

    // An update abandoned half-way (here by an exception) leaves the file
    // exactly as it was, and no temporary file behind.
    try
    {
        tf::atomic_file out(config);
        out.stream() << "log_level = ";
        throw std::runtime_error("no valid log level given");
    }
    catch (const std::exception& e)
    {
        std::cout << "update abandoned (" << e.what() << "): the configuration is unchanged\n";
    }

    std::size_t files = 0;
    for (fs::directory_iterator it(etc.path()), end; it != end; ++it)
        ++files;

    const bool ok = updated == "log_level = debug\nport = 8080\n" && seen == "log_level = info\nport = 8080\n" &&
                    (st.st_mode & 07777) == 0640 && ec == boost::system::errc::file_exists &&
                    contents(config) == updated && files == 1;
    return ok ? 0 : 1;
}
