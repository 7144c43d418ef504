// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// What run_dir costs (issue 12). A run_dir is made once per process, so the
// figures that matter are its system calls and the time of a sweep that
// finds many dead runs.
//
//   run_dir_bench create DIR N     N run_dirs made and ended in DIR (empty
//                                  root: the sweep finds nothing); prints
//                                  microseconds per run_dir
//   run_dir_bench create-once DIR  one run_dir, for strace -c (the root made
//                                  first by a warm-up run_dir, so that the
//                                  count is that of a later start)
//   run_dir_bench sweep DIR N      N dead runs (one file and one subdirectory
//                                  each, as a run left by SIGKILL: no lock held)
//                                  made by hand, then one sweep_runs timed;
//                                  prints milliseconds and runs removed
//   run_dir_bench sweep-idle DIR N N live runs of this process, one sweep
//                                  timed (all alive: nothing removed)

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

double elapsed_us(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration< double, std::micro >(std::chrono::steady_clock::now() - since).count();
}

std::string random_tail()
{
    std::string s;
    tf::append_random_chars(s, 10);
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3)
    {
        std::fprintf(stderr, "usage: run_dir_bench create|create-once|sweep|sweep-idle DIR [N]\n");
        return 2;
    }
    const std::string mode = argv[1];
    const fs::path dir = argv[2];
    const long n = argc > 3 ? std::atol(argv[3]) : 1000;
    const tf::options opts = tf::options().dir(dir);
    if (mode == "create-once")
    {
        { tf::run_dir warm("bench", opts); }
        ::write(1, "--start--\n", 10); // strace marker: what follows is one run_dir
        tf::run_dir r("bench", opts);
        return r.path().empty() ? 1 : 0;
    }
    if (mode == "create")
    {
        { tf::run_dir warm("bench", opts); }
        const auto t = std::chrono::steady_clock::now();
        for (long i = 0; i < n; ++i)
            tf::run_dir r("bench", opts);
        std::printf("run_dir made and ended: %.1f us each (%ld)\n", elapsed_us(t) / static_cast< double >(n), n);
        return 0;
    }
    if (mode == "sweep" || mode == "sweep-idle")
    {
        fs::path root;
        { tf::run_dir warm("bench", opts); root = warm.root(); }
        std::vector< std::unique_ptr< tf::run_dir > > live;
        for (long i = 0; i < n; ++i)
        {
            if (mode == "sweep-idle")
            {
                live.emplace_back(new tf::run_dir("bench", opts));
                continue;
            }
            const fs::path run = root / ("run-" + std::to_string(100000 + i) + "-" + random_tail());
            fs::create_directory(run);
            std::ofstream((run / "data").string()) << "x";
            fs::create_directory(run / "sub");
        }
        const auto t = std::chrono::steady_clock::now();
        const std::size_t removed = tf::sweep_runs("bench", opts);
        std::printf("sweep of %ld %s runs: %.2f ms, %zu removed\n", n, mode == "sweep" ? "dead" : "live",
                    elapsed_us(t) / 1000.0, removed);
        return 0;
    }
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
}
