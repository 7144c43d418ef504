// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Crash-proof cleanup: a program killed with SIGKILL -- no destructor, no
// exit handler, no signal handler runs -- leaves its run directory behind,
// and the next start of the same application removes it. Each process puts
// its temporary work in a run_dir; constructing one first sweeps the runs
// whose process is gone (their lock went with the process), never a live
// one.
//
// To show it, the first "start" of the program runs in a child process that
// is killed with SIGKILL; the second start is this process.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

//! One start of the application: its work goes into its own run directory.
[[noreturn]] void first_start(const fs::path& parent, int report_fd)
{
    tf::run_dir run("example-app", tf::options().dir(parent));
    tf::set_temp_directory_path(run.path()); // every temp object of the process goes inside
    tf::temp_dir<> work;                     // made inside the run
    std::ofstream((work.path() / "partial.csv").string()) << "1,2,3\n";
    const std::string line = run.path().string() + "\n";
    if (::write(report_fd, line.data(), line.size()) < 0)
        ::_exit(1);
    for (;;)
        ::pause(); // working ... until SIGKILL
}

} // namespace

int main()
{
    tf::temp_dir<> parent; // where the application keeps its runs in this example
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0)
        return 1;
    const pid_t pid = ::fork();
    if (pid < 0)
        return 1;
    if (pid == 0)
    {
        ::close(pipe_fds[0]);
        first_start(parent.path(), pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    std::string crashed;
    char c;
    while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n')
        crashed += c;
    ::close(pipe_fds[0]);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::cout << "first start killed by SIGKILL; its run is still there: " << std::boolalpha
              << fs::exists(crashed) << "\n";
    for (const fs::path& dead : tf::list_dead_runs("example-app", tf::options().dir(parent.path())))
        std::cout << "  dead run: " << dead.filename().string() << "\n";

    // The next start: constructing its run_dir sweeps the dead runs first.
    tf::run_dir run("example-app", tf::options().dir(parent.path()));
    std::cout << "next start removed " << run.swept() << " dead run(s); the old run exists: " << fs::exists(crashed)
              << "\n";
    std::cout << "this start works in " << run.path().filename().string() << "\n";
    return run.swept() == 1 && !fs::exists(crashed) ? 0 : 1;
}
