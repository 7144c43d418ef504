// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// perf_check.cpp -- the small program tools/perf-check.sh runs under strace -c.
// It does N times one operation of the library and nothing else, so that the
// difference of the syscall counts of two values of N is the cost per
// operation (start-up, library loading and one-time set-up cancel).
//
//   perf_check named N       named_temp_file<> created and destroyed
//   perf_check anon N        temp_file created and destroyed
//   perf_check dir N         temp_dir<> (empty) created and destroyed
//   perf_check tree remove|keep BASE DIRS FILES
//       a temp_dir<> (or temp_dir<keep>) in BASE holding DIRS directories of
//       FILES empty files each; `remove` lets the destructor remove it all,
//       `keep` leaves it in BASE: the two runs differ only by the removal.
// Every creation uses the default temporary directory ($TMPDIR).

#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/temp_dir.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;

namespace {

template< typename Dir >
void fill(const Dir& d, long dirs, long files)
{
    const int root = d.native_handle();
    char name[32];
    for (long i = 0; i < dirs; ++i)
    {
        std::snprintf(name, sizeof name, "d%ld", i);
        if (::mkdirat(root, name, 0700) != 0)
            std::exit(3);
        const int sub = ::openat(root, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sub < 0)
            std::exit(3);
        for (long j = 0; j < files; ++j)
        {
            std::snprintf(name, sizeof name, "f%ld", j);
            const int fd = ::openat(sub, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0)
                std::exit(3);
            ::close(fd);
        }
        ::close(sub);
    }
}

} // namespace

int main(int argc, char** argv)
{
    const std::string what = argc > 1 ? argv[1] : "";
    if (argc == 3 && (what == "named" || what == "anon" || what == "dir"))
    {
        const long n = std::atol(argv[2]);
        for (long i = 0; i < n; ++i)
        {
            if (what == "named")
                tf::named_temp_file<> f;
            else if (what == "anon")
                tf::temp_file f;
            else
                tf::temp_dir<> d;
        }
        return 0;
    }
    if (argc == 6 && what == "tree")
    {
        const tf::options opts = tf::options().dir(argv[3]).prefix("perf-check-");
        const long dirs = std::atol(argv[4]), files = std::atol(argv[5]);
        if (std::strcmp(argv[2], "remove") == 0)
        {
            tf::temp_dir<> d(opts);
            fill(d, dirs, files);
        }
        else
        {
            tf::temp_dir< tf::keep > d(opts);
            fill(d, dirs, files); // left in BASE, which the caller removes
        }
        return 0;
    }
    std::fprintf(stderr, "usage: perf_check named|anon|dir N | perf_check tree remove|keep BASE DIRS FILES\n");
    return 2;
}
