// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Python's
//     tempfile.NamedTemporaryFile(mode='a+b')
// and Rust's
//     tempfile::Builder::new().append(true).tempfile()
// A file opened for appending: every write lands at the end, wherever the
// stream (or anyone sharing the handle) has seeked to -- what a log that
// several writers share needs. It keeps appending after persist().

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace tf = boost::tempfile;

int main()
{
    const tf::temp_dir<> dir;
    tf::named_temp_file<> log(tf::options().dir(dir.path()).prefix("app-").suffix(".log").append(true));
    log.stream() << "started\n";
    log.stream().seekp(0); // no effect on where the next write goes
    log.stream() << "working\n";
    log.persist(dir.path() / "app.log");
    log.stream() << "done\n";
    log.stream().flush();

    std::ifstream in((dir.path() / "app.log").string());
    std::ostringstream text;
    text << in.rdbuf();
    std::cout << text.str();
    return text.str() == "started\nworking\ndone\n" ? 0 : 1;
}
