// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// What a sample test program (sample_boost_test.cpp, sample_gtest.cpp)
// tells the driver: one line per directory it got,
//     <key> \t <path> \t <ok|bad> \n
// appended to $SAMPLE_REPORT with one write(2) (O_APPEND), so that parallel
// runs can share a report. "ok": the directory was absolute, empty, 0700 and
// in a run directory when it was first given, and a second call in the same
// test gave the same object. Each sample writes a file "written" into its
// directory. With $SAMPLE_WAIT set, the test "waits" blocks until the file
// $SAMPLE_WAIT exists (at most 60 s).

#ifndef BOOST_TEMPFILE_TEST_SAMPLE_REPORT_HPP
#define BOOST_TEMPFILE_TEST_SAMPLE_REPORT_HPP

#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

namespace sample {

inline bool fresh(const boost::filesystem::path& p)
{
    struct stat st;
    return p.is_absolute() && ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0700 &&
           boost::filesystem::is_empty(p);
}

inline bool& all_fresh()
{
    static bool ok = true;
    return ok;
}

inline void check_fresh(const boost::filesystem::path& p)
{
    if (!fresh(p))
        all_fresh() = false;
}

inline void record(const std::string& key, const boost::filesystem::path& p, bool same_object)
{
    const bool ok = fresh(p) && same_object && all_fresh();
    std::ofstream(p.string() + "/written") << key;
    const char* report = std::getenv("SAMPLE_REPORT");
    if (!report)
        return;
    const std::string line = key + "\t" + p.string() + "\t" + (ok ? "ok" : "bad") + "\n";
    const int fd = ::open(report, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    (void)!::write(fd, line.data(), line.size());
    ::close(fd);
}

inline bool wait_wanted() { return std::getenv("SAMPLE_WAIT") != nullptr; }

inline void wait_for_go()
{
    const char* go = std::getenv("SAMPLE_WAIT");
    for (int i = 0; i < 6000 && !boost::filesystem::exists(go); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

} // namespace sample

#endif
