// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Temporary files that disappear even when the program does not get to run
// their destructors: std::exit() from deep inside, or Ctrl-C (SIGINT),
// SIGTERM, SIGHUP, SIGQUIT while the program leaves them their default
// action. delete_at_exit behaves as delete_on_destroy and also registers the
// name for removal at exit and on those signals; the exit code and the death
// by signal are kept, so callers see what happened. A signal the program
// handles itself is left to it (call run_exit_cleanup() from the handler).
//
// To show it, the example runs the "program" in a child process: one that
// gives up with std::exit(3), one that is stopped with SIGTERM.

#include <boost/tempfile.hpp>
#include <boost/tempfile/delete_at_exit.hpp>

#include <boost/filesystem/operations.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

void tell(int fd, const std::string& line)
{
    const std::string text = line + '\n';
    if (::write(fd, text.data(), text.size()) < 0)
        std::_Exit(100);
}

[[noreturn]] void give_up(const char* why)
{
    // A real program would say this on standard error. Here it is part of
    // what the example shows, so it goes to standard output, in order with
    // the rest (std::exit flushes it before the parent reads the end of the
    // pipe).
    std::cout << "  the program gives up, as expected: fatal: " << why << '\n';
    std::exit(3); // no destructor of main's locals runs
}

//! The program: temporary work files, then a fatal error (or a signal).
[[noreturn]] void program(int report_fd, bool wait_for_signal)
{
    tf::named_temp_file< tf::delete_at_exit > scratch_file;
    tf::temp_dir< tf::delete_at_exit > work_dir;
    scratch_file.stream() << "intermediate data";
    scratch_file.close(); // the name stays (as delete_on_destroy) for other tools to read
    std::ofstream((work_dir.path() / "partial.csv").string()) << "1,2,3\n";
    tell(report_fd, scratch_file.path().string());
    tell(report_fd, work_dir.path().string());
    tell(report_fd, "ready");
    if (wait_for_signal)
    {
        for (;;)
            ::pause(); // until someone stops us
    }
    give_up("the configuration is broken");
}

//! Runs program() in a child; returns its paths and wait status.
std::vector< std::string > run(bool stop_with_sigterm, int& status)
{
    int p[2];
    if (::pipe(p) != 0)
        std::exit(1);
    std::fflush(nullptr);
    std::cout.flush();
    const pid_t pid = ::fork();
    if (pid == 0)
    {
        ::close(p[0]);
        program(p[1], stop_with_sigterm);
    }
    ::close(p[1]);
    std::vector< std::string > lines;
    std::string line;
    char c;
    while (::read(p[0], &c, 1) == 1)
    {
        if (c != '\n')
        {
            line += c;
            continue;
        }
        if (line == "ready")
        {
            if (stop_with_sigterm)
                ::kill(pid, SIGTERM);
        }
        else
            lines.push_back(line);
        line.clear();
    }
    ::close(p[0]);
    ::waitpid(pid, &status, 0);
    return lines;
}

bool nothing_left(const std::vector< std::string >& paths)
{
    bool none = !paths.empty();
    for (const std::string& p : paths)
    {
        const bool exists = fs::exists(fs::symlink_status(p));
        std::cout << "  " << p << (exists ? " is still there\n" : " is gone\n");
        none = none && !exists;
    }
    return none;
}

} // namespace

int main()
{
    int status = 0;
    std::cout << "A program that calls std::exit(3) with its temporary files open:\n";
    const std::vector< std::string > exited = run(false, status);
    const bool exit_ok = WIFEXITED(status) && WEXITSTATUS(status) == 3;
    std::cout << "  exit code " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << '\n';
    const bool exit_clean = nothing_left(exited);

    std::cout << "A program stopped with SIGTERM:\n";
    const std::vector< std::string > killed = run(true, status);
    const bool signal_ok = WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM;
    std::cout << "  " << (signal_ok ? "died of SIGTERM" : "did not die of SIGTERM") << '\n';
    const bool signal_clean = nothing_left(killed);

    return exit_ok && exit_clean && signal_ok && signal_clean ? 0 : 1;
}
