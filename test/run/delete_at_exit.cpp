// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// delete_at_exit: files and directories that are removed also when the
// process ends before their owners do -- at std::exit and when it dies of
// SIGINT, SIGTERM, SIGHUP or SIGQUIT -- with the exit status kept right, the
// signal handlers of the program chained, ignored signals left ignored, and
// a forked child never removing its parent's entries. Every scenario runs in
// a real forked child that the test kills or lets exit.
//
// This process itself never makes a delete_at_exit owner: the registry and
// its signal handlers are installed once per process, and each child must
// start without them (to install a handler of its own "before the first
// owner", or to ignore a signal).

#define BOOST_TEST_MODULE delete_at_exit
#include <boost/tempfile.hpp>
#include <boost/tempfile/delete_at_exit.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::names_in;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

namespace {

using exit_file = tf::named_temp_file< tf::delete_at_exit >;
using exit_dir = tf::temp_dir< tf::delete_at_exit >;

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

std::string describe_status(int status)
{
    if (WIFEXITED(status))
        return "exited with " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
               ::strsignal(WTERMSIG(status)) + ")";
    return "status " + std::to_string(status);
}

// ---- a child process to talk to ------------------------------------------------

//! The child's side: lines to the parent, bytes from it, and checks whose
//! failures travel to the parent as "fail" lines.
struct child_io
{
    int to_parent;
    int from_parent;

    void say(const std::string& line) const
    {
        const std::string text = line + '\n';
        std::size_t done = 0;
        while (done < text.size())
        {
            const ssize_t n = ::write(to_parent, text.data() + done, text.size() - done);
            if (n <= 0 && errno != EINTR)
                return;
            if (n > 0)
                done += static_cast< std::size_t >(n);
        }
    }

    //! Blocks until the parent sends a byte (0 if the parent went away).
    char hear() const
    {
        char c = 0;
        while (::read(from_parent, &c, 1) < 0 && errno == EINTR)
        {
        }
        return c;
    }

    bool check(bool ok, const char* what, int line) const
    {
        if (!ok)
            say("fail line " + std::to_string(line) + ": " + what);
        return ok;
    }
};
#define CHILD_CHECK(io, cond) (io).check((cond), #cond, __LINE__)

//! A forked child running `body`; killed with SIGKILL if the test leaves
//! it running. Its core dumps are disabled (SIGQUIT) and the four exit
//! signals start at their default action, whatever this process inherited.
class child_process
{
public:
    explicit child_process(const std::function< void(const child_io&) >& body)
    {
        int up[2], down[2];
        if (::pipe2(up, O_CLOEXEC) != 0 || ::pipe2(down, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe2 failed");
        std::fflush(nullptr);
        std::cout.flush();
        std::cerr.flush();
        pid_ = ::fork();
        if (pid_ < 0)
            throw std::runtime_error("fork failed");
        if (pid_ == 0)
        {
            ::close(up[0]);
            ::close(down[1]);
            const rlimit no_core{0, 0};
            ::setrlimit(RLIMIT_CORE, &no_core);
            for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
                std::signal(s, SIG_DFL);
            sigset_t none;
            sigemptyset(&none);
            ::sigprocmask(SIG_SETMASK, &none, nullptr);
            const child_io io{up[1], down[0]};
            try
            {
                body(io);
            }
            catch (const std::exception& e)
            {
                io.say(std::string("fail exception: ") + e.what());
                ::_exit(98);
            }
            catch (...)
            {
                io.say("fail unknown exception");
                ::_exit(98);
            }
            ::_exit(0);
        }
        ::close(up[1]);
        ::close(down[0]);
        from_child_ = up[0];
        to_child_ = down[1];
    }

    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    ~child_process()
    {
        if (pid_ > 0 && !reaped_)
        {
            ::kill(pid_, SIGKILL);
            int status;
            ::waitpid(pid_, &status, 0);
        }
        if (from_child_ >= 0)
            ::close(from_child_);
        if (to_child_ >= 0)
            ::close(to_child_);
    }

    pid_t pid() const { return pid_; }

    //! The next line from the child; false at end of file (the child and
    //! everything it forked closed the pipe).
    bool next_line(std::string& line)
    {
        line.clear();
        for (;;)
        {
            char c;
            const ssize_t n = ::read(from_child_, &c, 1);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return !line.empty();
            if (c == '\n')
                return true;
            line.push_back(c);
        }
    }

    //! Lines up to "ready" (not included); "fail" lines become test errors.
    std::vector< std::string > until_ready()
    {
        std::vector< std::string > lines;
        std::string line;
        while (next_line(line))
        {
            if (line == "ready")
                return lines;
            if (line.rfind("fail", 0) == 0)
                BOOST_ERROR("in the child: " << line);
            else
                lines.push_back(line);
        }
        BOOST_ERROR("the child ended before it was ready");
        return lines;
    }

    //! Every line left (call after wait()); "fail" lines become test errors.
    std::vector< std::string > rest()
    {
        std::vector< std::string > lines;
        std::string line;
        while (next_line(line))
        {
            if (line.rfind("fail", 0) == 0)
                BOOST_ERROR("in the child: " << line);
            else
                lines.push_back(line);
        }
        return lines;
    }

    void tell(char c)
    {
        BOOST_TEST(::write(to_child_, &c, 1) == 1);
    }

    void kill(int sig) { BOOST_TEST(::kill(pid_, sig) == 0); }

    //! Whether the child is still running (not waited for yet).
    bool running()
    {
        if (reaped_)
            return false;
        int status;
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_)
        {
            reaped_ = true;
            status_ = status;
            return false;
        }
        return true;
    }

    //! The wait status; a child still running after 30 s is killed (a
    //! deadlocked signal handler, say) and the test fails.
    int wait()
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!reaped_)
        {
            int status;
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_)
            {
                reaped_ = true;
                status_ = status;
                break;
            }
            if (r < 0 && errno != EINTR)
                break;
            if (std::chrono::steady_clock::now() > deadline)
            {
                BOOST_ERROR("the child did not end in 30 s: killed");
                ::kill(pid_, SIGKILL);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return status_;
    }

private:
    pid_t pid_ = -1;
    int from_child_ = -1;
    int to_child_ = -1;
    bool reaped_ = false;
    int status_ = -1;
};

void expect_exit_code(int status, int code)
{
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == code),
               "expected exit code " << code << ", got: " << describe_status(status));
}

void expect_killed_by(int status, int sig)
{
    BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == sig),
               "expected death by signal " << sig << ", got: " << describe_status(status));
}

// ---- what the children own --------------------------------------------------------

//! A directory outside every temporary tree, that a symlink inside points to:
//! removal must never follow the link into it.
struct outside_tree
{
    explicit outside_tree(const fs::path& scratch) : dir(scratch / "outside"), file(dir / "keep.txt")
    {
        fs::create_directory(dir);
        write_file(file, "must survive");
    }
    bool intact() const { return read_file(file) == "must survive"; }
    fs::path dir, file;
};

//! Fills a temporary directory: nested levels, more entries than one
//! getdents buffer holds, an empty directory, a FIFO, and symlinks leading
//! out of the tree.
void populate(const fs::path& root, const fs::path& outside)
{
    fs::create_directories(root / "a" / "b" / "c" / "d");
    write_file(root / "a" / "b" / "c" / "d" / "deep.txt", "deep");
    write_file(root / "a" / "top.txt", "top");
    fs::create_directory(root / "many");
    for (int i = 0; i < 150; ++i)
    {
        char name[64];
        std::snprintf(name, sizeof name, "an-entry-with-a-longish-name-%03d", i);
        write_file(root / "many" / name, name);
    }
    fs::create_directory(root / "empty");
    ::mkfifo((root / "a" / "fifo").c_str(), 0600);
    fs::create_directory_symlink(outside, root / "link-to-outside");
    fs::create_symlink(outside / "keep.txt", root / "a" / "link-to-outside-file");
}

//! The owners a child holds: a file with content and a populated directory.
struct owned_pair
{
    owned_pair(const fs::path& where, const fs::path& outside) : file(in(where)), dir(in(where))
    {
        file.stream() << "temporary data";
        file.native_handle(); // written out
        populate(dir.path(), outside);
    }
    void report(const child_io& io) const
    {
        io.say(file.path().string());
        io.say(dir.path().string());
    }
    exit_file file;
    exit_dir dir;
};

//! What a test expects of the scratch directory once the child is gone:
//! only the outside tree, untouched.
void expect_only_outside_left(const scratch_dir& scratch, const outside_tree& outside)
{
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"outside"}));
    BOOST_TEST(outside.intact());
    BOOST_TEST((names_in(outside.dir) == std::set< std::string >{"keep.txt"}));
}

//! A child that makes an owned_pair, reports its paths, then waits for a signal.
void own_and_wait(const child_io& io, const fs::path& where, const fs::path& outside)
{
    owned_pair owned(where, outside);
    owned.report(io);
    io.say("ready");
    for (;;)
        ::pause();
}

} // namespace

// =============================================================================
// normal exit
// =============================================================================

BOOST_AUTO_TEST_CASE(names_released_by_their_owners_are_not_touched_at_exit)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        fs::path file, dir;
        [&] {
            owned_pair owned(scratch.path, outside.dir);
            file = owned.file.path();
            dir = owned.dir.path();
        }(); // returns normally: the owners remove their names
        CHILD_CHECK(io, !present(file));
        CHILD_CHECK(io, !present(dir));
        // Someone reuses the names: exit must leave them alone.
        write_file(file, "not a temporary file");
        fs::create_directory(dir);
        write_file(dir / "inside", "not temporary either");
        io.say(file.string());
        io.say(dir.string());
        io.say("ready");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    const int status = child.wait();
    child.rest();
    expect_exit_code(status, 0);
    BOOST_TEST_REQUIRE(paths.size() == 2u);
    BOOST_TEST(read_file(paths[0]) == "not a temporary file");
    BOOST_TEST(read_file(fs::path(paths[1]) / "inside") == "not temporary either");
    fs::remove(paths[0]);
    fs::remove_all(paths[1]);
    expect_only_outside_left(scratch, outside);
}

BOOST_AUTO_TEST_CASE(std_exit_with_live_owners_removes_everything_and_keeps_the_exit_code)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        owned_pair owned(scratch.path, outside.dir);
        owned.report(io);
        io.say("ready");
        std::exit(7); // the owners are never destroyed
    });
    const std::vector< std::string > paths = child.until_ready();
    const int status = child.wait();
    child.rest();
    expect_exit_code(status, 7);
    BOOST_TEST(paths.size() == 2u);
    for (const std::string& p : paths)
        BOOST_TEST(!present(p), p);
    expect_only_outside_left(scratch, outside);
}

BOOST_AUTO_TEST_CASE(owners_leaked_on_the_heap_are_removed_at_exit)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        // Never deleted, so never destroyed; held in a static array only so
        // that LeakSanitizer does not report the deliberate leak.
        static owned_pair* leaked[20];
        for (owned_pair*& owner : leaked)
        {
            owner = new owned_pair(scratch.path, outside.dir);
            owner->report(io);
        }
        io.say("ready");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    const int status = child.wait();
    child.rest();
    expect_exit_code(status, 0);
    BOOST_TEST(paths.size() == 40u);
    expect_only_outside_left(scratch, outside);
}

BOOST_AUTO_TEST_CASE(exit_from_a_nested_call_removes_the_owners_of_every_frame)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        owned_pair outer(scratch.path, outside.dir);
        outer.report(io);
        [&] {
            owned_pair inner(scratch.path, outside.dir);
            inner.report(io);
            io.say("ready");
            std::exit(3);
        }();
    });
    const std::vector< std::string > paths = child.until_ready();
    const int status = child.wait();
    child.rest();
    expect_exit_code(status, 3);
    BOOST_TEST(paths.size() == 4u);
    expect_only_outside_left(scratch, outside);
}

// =============================================================================
// death by signal
// =============================================================================

BOOST_AUTO_TEST_CASE(each_exit_signal_removes_everything_and_the_child_dies_of_it)
{
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
    {
        BOOST_TEST_CONTEXT("signal " << sig << " (" << ::strsignal(sig) << ")")
        {
            fd_leak_check leaks;
            scratch_dir scratch;
            const outside_tree outside(scratch.path);
            child_process child([&](const child_io& io) { own_and_wait(io, scratch.path, outside.dir); });
            const std::vector< std::string > paths = child.until_ready();
            BOOST_TEST(paths.size() == 2u);
            for (const std::string& p : paths)
                BOOST_TEST(present(p), p);
            child.kill(sig);
            const int status = child.wait();
            child.rest();
            expect_killed_by(status, sig);
            for (const std::string& p : paths)
                BOOST_TEST(!present(p), p);
            expect_only_outside_left(scratch, outside);
        }
    }
}

BOOST_AUTO_TEST_CASE(signal_removes_every_owner_alive_and_none_already_released)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        std::vector< std::unique_ptr< owned_pair > > alive;
        for (int i = 0; i < 10; ++i)
        {
            alive.emplace_back(new owned_pair(scratch.path, outside.dir));
            alive.back()->report(io);
        }
        // Half of them end first; their registry slots are recycled by new ones.
        fs::path reused;
        for (int i = 0; i < 10; i += 2)
        {
            reused = alive[static_cast< std::size_t >(i)]->file.path();
            alive[static_cast< std::size_t >(i)].reset();
        }
        for (int i = 0; i < 5; ++i)
        {
            alive.emplace_back(new owned_pair(scratch.path, outside.dir));
            alive.back()->report(io);
        }
        write_file(reused, "a file of someone else's at a released name");
        io.say("reused " + reused.string());
        io.say("ready");
        for (;;)
            ::pause();
    });
    const std::vector< std::string > lines = child.until_ready();
    child.kill(SIGTERM);
    const int status = child.wait();
    child.rest();
    expect_killed_by(status, SIGTERM);
    BOOST_TEST_REQUIRE(lines.size() == 31u);
    const std::string reused = lines.back().substr(std::string("reused ").size());
    BOOST_TEST(read_file(reused) == "a file of someone else's at a released name");
    fs::remove(reused);
    expect_only_outside_left(scratch, outside);
}

namespace {

int g_handler_fd = -1;
char g_watched[PATH_MAX];

//! A program's own handler: says whether the library had already removed
//! the watched file when it ran (access() and write() are async-signal-safe).
extern "C" void program_handler(int)
{
    const char* msg = ::access(g_watched, F_OK) != 0 ? "handler ran after removal\n" : "handler ran before removal\n";
    if (::write(g_handler_fd, msg, std::strlen(msg)) < 0)
    {
    }
}

extern "C" void program_siginfo_handler(int sig, siginfo_t* info, void*)
{
    const char* msg = info == nullptr || info->si_signo != sig ? "siginfo handler got a bad siginfo\n"
                      : ::access(g_watched, F_OK) != 0     ? "siginfo handler ran after removal\n"
                                                           : "siginfo handler ran before removal\n";
    if (::write(g_handler_fd, msg, std::strlen(msg)) < 0)
    {
    }
}

// ---- signals belong to the application (issue 16.1) ----------------------------------------

//! Installs the program's own handler for sig (plain or SA_SIGINFO).
bool install_program_handler(int sig, bool siginfo)
{
    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    if (siginfo)
    {
        action.sa_sigaction = &program_siginfo_handler;
        action.sa_flags = SA_SIGINFO;
    }
    else
        action.sa_handler = &program_handler;
    return ::sigaction(sig, &action, nullptr) == 0;
}

//! The daemon's check: after `sig` arrived and its handler ran, the child is
//! alive and every entry is still there; then a normal exit removes them.
void expect_handled_signal_removes_nothing(int sig, bool siginfo, bool handler_first)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        g_handler_fd = io.to_parent;
        if (handler_first)
            CHILD_CHECK(io, install_program_handler(sig, siginfo));
        owned_pair owned(scratch.path, outside.dir);
        if (!handler_first)
            CHILD_CHECK(io, install_program_handler(sig, siginfo));
        std::snprintf(g_watched, sizeof g_watched, "%s", owned.file.path().c_str());
        owned.report(io);
        io.say("ready");
        io.hear(); // the signal arrives meanwhile; then the parent says go
        CHILD_CHECK(io, present(owned.file.path()) && present(owned.dir.path() / "a" / "top.txt"));
        io.say("still alive");
        std::exit(0); // the normal end still removes them
    });
    const std::vector< std::string > paths = child.until_ready();
    child.kill(sig);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const bool alive = child.running();
    BOOST_TEST(alive, "the application's handler keeps the process alive");
    for (const std::string& p : paths)
        BOOST_TEST(present(p), p);
    if (alive) // a dead child's pipe would end this test program with SIGPIPE
        child.tell('g');
    const int status = child.wait();
    const std::vector< std::string > after = child.rest();
    expect_exit_code(status, 0);
    const std::string ran = siginfo ? "siginfo handler ran before removal" : "handler ran before removal";
    BOOST_TEST((after == std::vector< std::string >{ran, "still alive"}));
    expect_only_outside_left(scratch, outside);
}

} // namespace

BOOST_AUTO_TEST_CASE(daemon_handling_a_signal_before_the_first_owner_survives_it_with_nothing_removed)
{
    for (const bool siginfo : {false, true})
        for (int sig : {SIGHUP, SIGINT, SIGTERM, SIGQUIT})
            BOOST_TEST_CONTEXT("signal " << sig << (siginfo ? ", SA_SIGINFO handler" : ", plain handler"))
            {
                expect_handled_signal_removes_nothing(sig, siginfo, true);
            }
}

BOOST_AUTO_TEST_CASE(daemon_handling_a_signal_installed_after_the_first_owner_survives_it_with_nothing_removed)
{
    for (const bool siginfo : {false, true})
        for (int sig : {SIGHUP, SIGTERM})
            BOOST_TEST_CONTEXT("signal " << sig << (siginfo ? ", SA_SIGINFO handler" : ", plain handler"))
            {
                expect_handled_signal_removes_nothing(sig, siginfo, false);
            }
}

BOOST_AUTO_TEST_CASE(application_handler_calling_run_exit_cleanup_removes_the_entries_and_the_process_goes_on)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        g_handler_fd = io.to_parent;
        struct sigaction action;
        std::memset(&action, 0, sizeof action);
        sigemptyset(&action.sa_mask);
        action.sa_handler = [](int) { tf::run_exit_cleanup(); };
        CHILD_CHECK(io, ::sigaction(SIGTERM, &action, nullptr) == 0);
        owned_pair owned(scratch.path, outside.dir);
        owned.report(io);
        io.say("ready");
        io.hear();
        CHILD_CHECK(io, !present(owned.file.path()) && !present(owned.dir.path()));
        io.say("still alive");
        // The owners end now and find their entries gone: no error, no crash.
    });
    const std::vector< std::string > paths = child.until_ready();
    child.kill(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const bool alive = child.running();
    BOOST_TEST(alive);
    for (const std::string& p : paths)
        BOOST_TEST(!present(p), p);
    if (alive)
        child.tell('g');
    const int status = child.wait();
    BOOST_TEST((child.rest() == std::vector< std::string >{"still alive"}));
    expect_exit_code(status, 0);
    expect_only_outside_left(scratch, outside);
}

BOOST_AUTO_TEST_CASE(quick_exit_removes_everything)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        owned_pair* leaked = new owned_pair(scratch.path, outside.dir); // no destructor runs at quick_exit
        leaked->report(io);
        io.say("ready");
        std::quick_exit(7);
    });
    const std::vector< std::string > paths = child.until_ready();
    BOOST_TEST(paths.size() == 2u);
    const int status = child.wait();
    child.rest();
    expect_exit_code(status, 7);
    for (const std::string& p : paths)
        BOOST_TEST(!present(p), p);
    expect_only_outside_left(scratch, outside);
}

namespace {

//! Whether our handler is installed for sig (not SIG_DFL, not SIG_IGN, not SA_SIGINFO).
bool library_handler_installed(int sig)
{
    struct sigaction now;
    return ::sigaction(sig, nullptr, &now) == 0 && !(now.sa_flags & SA_SIGINFO) && now.sa_handler != SIG_DFL &&
           now.sa_handler != SIG_IGN;
}

} // namespace

BOOST_AUTO_TEST_CASE(set_signal_cleanup_false_installs_nothing_and_a_signal_kills_without_removing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        tf::set_signal_cleanup(false);
        owned_pair owned(scratch.path, outside.dir);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            CHILD_CHECK(io, !library_handler_installed(sig));
        owned.report(io);
        io.say("ready");
        for (;;)
            ::pause();
    });
    const std::vector< std::string > paths = child.until_ready();
    child.kill(SIGTERM);
    const int status = child.wait();
    child.rest();
    expect_killed_by(status, SIGTERM);
    for (const std::string& p : paths)
        BOOST_TEST(present(p), "the default disposition killed the process; nothing ran: " << p);
    for (const std::string& p : paths)
        fs::remove_all(p);
}

BOOST_AUTO_TEST_CASE(set_signal_cleanup_false_after_the_first_owner_restores_the_default_and_true_installs_again)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        std::signal(SIGHUP, SIG_IGN); // the application's choice: left alone throughout
        owned_pair owned(scratch.path, outside.dir);
        for (int sig : {SIGINT, SIGTERM, SIGQUIT})
            CHILD_CHECK(io, library_handler_installed(sig));
        tf::set_signal_cleanup(false);
        for (int sig : {SIGINT, SIGTERM, SIGQUIT})
        {
            struct sigaction now;
            CHILD_CHECK(io, ::sigaction(sig, nullptr, &now) == 0 && now.sa_handler == SIG_DFL);
        }
        tf::set_signal_cleanup(true);
        for (int sig : {SIGINT, SIGTERM, SIGQUIT})
            CHILD_CHECK(io, library_handler_installed(sig));
        struct sigaction hup;
        CHILD_CHECK(io, ::sigaction(SIGHUP, nullptr, &hup) == 0 && hup.sa_handler == SIG_IGN);
        owned.report(io);
        io.say("ready");
        for (;;)
            ::pause();
    });
    const std::vector< std::string > paths = child.until_ready();
    child.kill(SIGINT);
    const int status = child.wait();
    child.rest();
    expect_killed_by(status, SIGINT);
    for (const std::string& p : paths)
        BOOST_TEST(!present(p), p);
    expect_only_outside_left(scratch, outside);
}

BOOST_AUTO_TEST_CASE(default_sigterm_removes_everything_and_kills_by_sigterm_also_when_handlers_were_turned_back_on)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        tf::set_signal_cleanup(false);
        tf::set_signal_cleanup(true); // before any owner: installed with the first one
        own_and_wait(io, scratch.path, outside.dir);
    });
    const std::vector< std::string > paths = child.until_ready();
    child.kill(SIGTERM);
    const int status = child.wait();
    child.rest();
    expect_killed_by(status, SIGTERM);
    for (const std::string& p : paths)
        BOOST_TEST(!present(p), p);
    expect_only_outside_left(scratch, outside);
}

namespace {

void expect_ignored_signal_stays_ignored(int sig)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        std::signal(sig, SIG_IGN);
        owned_pair owned(scratch.path, outside.dir);
        struct sigaction now;
        CHILD_CHECK(io, ::sigaction(sig, nullptr, &now) == 0);
        CHILD_CHECK(io, !(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_IGN);
        owned.report(io);
        io.say("ready");
        io.hear(); // sig arrives meanwhile; then the parent says go
        io.say("still alive");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    child.kill(sig);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BOOST_TEST(child.running());
    for (const std::string& p : paths)
        BOOST_TEST(present(p), p);
    child.tell('g');
    const int status = child.wait();
    const std::vector< std::string > after = child.rest();
    expect_exit_code(status, 0);
    BOOST_TEST((after == std::vector< std::string >{"still alive"}));
    expect_only_outside_left(scratch, outside);
}

} // namespace

BOOST_AUTO_TEST_CASE(signal_ignored_before_the_first_owner_stays_ignored)
{
    for (int sig : {SIGHUP, SIGTERM})
        BOOST_TEST_CONTEXT("signal " << sig)
        {
            expect_ignored_signal_stays_ignored(sig);
        }
}

BOOST_AUTO_TEST_CASE(signal_amid_owners_coming_and_going_still_kills_and_cleans_up)
{
    // The handler may interrupt a registration or a release half-way: it
    // must neither deadlock nor crash, and must remove every entry
    // registered by then. Only the one object being created at that moment
    // (made, not yet registered) may be left.
    for (int round = 0; round < 5; ++round)
    {
        BOOST_TEST_CONTEXT("round " << round)
        {
            fd_leak_check leaks;
            scratch_dir scratch;
            const fs::path work = scratch.path / "work";
            fs::create_directory(work);
            child_process child([&](const child_io& io) {
                exit_file steady(in(scratch.path));
                io.say(steady.path().string());
                io.say("ready");
                for (unsigned i = 0;; ++i)
                {
                    if (i % 2)
                    {
                        exit_file f(in(work));
                        f.stream() << "churn";
                        if (i % 3 == 0)
                            f.close();
                    }
                    else
                    {
                        exit_dir d(in(work));
                        write_file(d.path() / "x", "x");
                    }
                }
            });
            const std::vector< std::string > paths = child.until_ready();
            std::this_thread::sleep_for(std::chrono::milliseconds(20 + 15 * round));
            child.kill(SIGTERM);
            const int status = child.wait();
            child.rest();
            expect_killed_by(status, SIGTERM);
            BOOST_TEST_REQUIRE(paths.size() == 1u);
            BOOST_TEST(!present(paths[0]));
            BOOST_TEST(names_in(work).size() <= 1u, names_in(work).size() << " entries left in the work directory");
        }
    }
}

// =============================================================================
// fork
// =============================================================================

BOOST_AUTO_TEST_CASE(grandchildren_ending_in_any_way_remove_nothing_of_the_child)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_tree outside(scratch.path);
    child_process child([&](const child_io& io) {
        owned_pair owned(scratch.path, outside.dir);
        owned.report(io);
        const fs::path nested = owned.dir.path() / "a" / "b" / "c" / "d" / "deep.txt";

        // 1. A grandchild calls std::exit with the inherited owners alive.
        pid_t g = ::fork();
        if (g == 0)
            std::exit(0);
        int st = 0;
        ::waitpid(g, &st, 0);
        CHILD_CHECK(io, WIFEXITED(st) && WEXITSTATUS(st) == 0);
        CHILD_CHECK(io, present(owned.file.path()) && present(nested));

        // 2. A grandchild dies of SIGTERM, running the inherited handler.
        g = ::fork();
        if (g == 0)
        {
            for (;;)
                ::pause();
        }
        ::kill(g, SIGTERM);
        ::waitpid(g, &st, 0);
        CHILD_CHECK(io, WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
        CHILD_CHECK(io, present(owned.file.path()) && present(nested));

        // 3. A grandchild makes its own owner and exits: only that goes.
        int p[2];
        CHILD_CHECK(io, ::pipe2(p, O_CLOEXEC) == 0);
        g = ::fork();
        if (g == 0)
        {
            ::close(p[0]);
            exit_file own(in(scratch.path));
            const std::string line = own.path().string() + "\n";
            if (::write(p[1], line.data(), line.size()) < 0)
            {
            }
            std::exit(0);
        }
        ::close(p[1]);
        std::string theirs;
        char c;
        while (::read(p[0], &c, 1) == 1 && c != '\n')
            theirs.push_back(c);
        ::close(p[0]);
        ::waitpid(g, &st, 0);
        CHILD_CHECK(io, WIFEXITED(st) && WEXITSTATUS(st) == 0);
        CHILD_CHECK(io, !theirs.empty() && !present(theirs));
        CHILD_CHECK(io, present(owned.file.path()) && present(nested));
        CHILD_CHECK(io, owned.file.cleanup().registered() && owned.dir.cleanup().registered());

        io.say("ready");
        std::exit(0); // now the child's own exit removes them
    });
    const std::vector< std::string > paths = child.until_ready();
    const int status = child.wait();
    child.rest();
    expect_exit_code(status, 0);
    BOOST_TEST(paths.size() == 2u);
    expect_only_outside_left(scratch, outside);
}

// =============================================================================
// what the owner does with the registration
// =============================================================================

BOOST_AUTO_TEST_CASE(close_keeps_the_name_and_the_owners_end_removes_it)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    child_process child([&](const child_io& io) {
        fs::path p;
        {
            exit_file f(in(scratch.path));
            p = f.path();
            CHILD_CHECK(io, f.cleanup().registered());
            f.stream() << "for another reader";
            f.close();
            CHILD_CHECK(io, present(p));
            CHILD_CHECK(io, read_file(p) == "for another reader");
            CHILD_CHECK(io, f.cleanup().registered());
        }
        CHILD_CHECK(io, !present(p));
        io.say("ready");
    });
    child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(closed_file_whose_owner_is_alive_is_removed_at_exit)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    child_process child([&](const child_io& io) {
        exit_file f(in(scratch.path));
        f.close();
        io.say(f.path().string());
        io.say("ready");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST(paths.size() == 1u);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(keep_unregisters_so_neither_exit_nor_a_signal_removes_the_name)
{
    for (const bool by_signal : {false, true})
    {
        BOOST_TEST_CONTEXT((by_signal ? "SIGTERM" : "std::exit"))
        {
            fd_leak_check leaks;
            scratch_dir scratch;
            child_process child([&](const child_io& io) {
                exit_file f(in(scratch.path));
                exit_dir d(in(scratch.path));
                write_file(d.path() / "inside", "kept");
                f.keep();
                d.keep();
                CHILD_CHECK(io, !f.cleanup().registered());
                CHILD_CHECK(io, !d.cleanup().registered());
                io.say(f.path().string());
                io.say(d.path().string());
                {
                    exit_file ended(in(scratch.path)); // kept, then its owner ends
                    ended.keep();
                    io.say(ended.path().string());
                }
                io.say("ready");
                if (!by_signal)
                    std::exit(0);
                for (;;)
                    ::pause();
            });
            const std::vector< std::string > paths = child.until_ready();
            if (by_signal)
                child.kill(SIGTERM);
            const int status = child.wait();
            child.rest();
            if (by_signal)
                expect_killed_by(status, SIGTERM);
            else
                expect_exit_code(status, 0);
            BOOST_TEST_REQUIRE(paths.size() == 3u);
            BOOST_TEST(present(paths[0]));
            BOOST_TEST(read_file(fs::path(paths[1]) / "inside") == "kept");
            BOOST_TEST(present(paths[2]));
            BOOST_TEST(scratch.entries() == 3u);
        }
    }
}

BOOST_AUTO_TEST_CASE(persist_unregisters_so_exit_leaves_the_persisted_file)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path target = scratch.path / "final.txt";
    child_process child([&](const child_io& io) {
        exit_file f(in(scratch.path));
        f.stream() << "final";
        const fs::path temp = f.path();
        f.persist(target);
        CHILD_CHECK(io, !f.cleanup().registered());
        CHILD_CHECK(io, !present(temp));
        // The temporary name is free again: a file made there is not ours.
        write_file(temp, "someone else's");
        io.say(temp.string());
        io.say("ready");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST(read_file(target) == "final");
    BOOST_TEST_REQUIRE(paths.size() == 1u);
    BOOST_TEST(read_file(paths[0]) == "someone else's");
    BOOST_TEST(scratch.entries() == 2u);
}

BOOST_AUTO_TEST_CASE(failed_persist_keeps_the_registration)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path target = scratch.path / "taken";
    write_file(target, "theirs");
    child_process child([&](const child_io& io) {
        exit_file f(in(scratch.path));
        boost::system::error_code ec;
        f.persist(target, tf::no_clobber, ec);
        CHILD_CHECK(io, ec == boost::system::errc::file_exists);
        CHILD_CHECK(io, f.cleanup().registered());
        io.say(f.path().string());
        io.say("ready");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST(paths.size() == 1u);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"taken"}));
    BOOST_TEST(read_file(target) == "theirs");
}

BOOST_AUTO_TEST_CASE(release_unregisters_so_exit_leaves_what_was_released)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    child_process child([&](const child_io& io) {
        exit_file f(in(scratch.path));
        exit_dir d(in(scratch.path));
        write_file(d.path() / "inside", "released");
        const tf::created_file made = f.release();
        const fs::path dir = d.release();
        CHILD_CHECK(io, !f.cleanup().registered());
        CHILD_CHECK(io, !d.cleanup().registered());
        ::close(made.handle);
        io.say(made.path.string());
        io.say(dir.string());
        io.say("ready");
        std::exit(0);
    });
    const std::vector< std::string > paths = child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST_REQUIRE(paths.size() == 2u);
    BOOST_TEST(present(paths[0]));
    BOOST_TEST(read_file(fs::path(paths[1]) / "inside") == "released");
    BOOST_TEST(scratch.entries() == 2u);
}

BOOST_AUTO_TEST_CASE(registration_moves_with_the_owner)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    child_process child([&](const child_io& io) {
        exit_file a(in(scratch.path));
        const fs::path pa = a.path();
        exit_file b(std::move(a));
        CHILD_CHECK(io, !a.cleanup().registered());
        CHILD_CHECK(io, b.cleanup().registered());
        {
            exit_file moved_from(std::move(b)); // ends: removes pa
            CHILD_CHECK(io, moved_from.path() == pa);
        }
        CHILD_CHECK(io, !present(pa));
        write_file(pa, "reused"); // must survive exit

        exit_file c(in(scratch.path));
        exit_file d(in(scratch.path));
        const fs::path pc = c.path();
        d = std::move(c); // d's own file goes now; c's is d's from here
        CHILD_CHECK(io, present(pc));
        CHILD_CHECK(io, d.cleanup().registered());
        CHILD_CHECK(io, scratch.entries() == 2u);

        exit_dir e(in(scratch.path));
        exit_dir f(std::move(e));
        CHILD_CHECK(io, f.cleanup().registered());
        io.say(pa.string());
        io.say("ready");
        std::exit(0); // removes pc and f's directory, not pa
    });
    const std::vector< std::string > paths = child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST_REQUIRE(paths.size() == 1u);
    BOOST_TEST(read_file(paths[0]) == "reused");
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(many_owners_alive_at_exit_are_all_removed)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    child_process child([&](const child_io& io) {
        std::vector< exit_file > files;
        std::vector< exit_dir > dirs;
        for (int i = 0; i < 200; ++i)
        {
            // Longer and longer prefixes: slots of short paths cannot be reused.
            files.emplace_back(in(scratch.path).prefix(std::string(static_cast< std::size_t >(i % 50), 'p')));
            if (i % 4 == 0)
                dirs.emplace_back(in(scratch.path));
        }
        // Some end early, some are made after: recycled slots.
        files.erase(files.begin(), files.begin() + 50);
        for (int i = 0; i < 50; ++i)
            files.emplace_back(in(scratch.path));
        CHILD_CHECK(io, scratch.entries() == 250u);
        io.say("ready");
        std::exit(0);
    });
    child.until_ready();
    expect_exit_code(child.wait(), 0);
    child.rest();
    BOOST_TEST(scratch.entries() == 0u);
}

// =============================================================================
// identity and permissions on the exit and signal paths
// =============================================================================

BOOST_AUTO_TEST_CASE(exit_leaves_a_directory_that_replaced_the_temp_dir_at_its_name)
{
    // temp_dir removes its name only while it means the directory made
    // (see temp_dir.hpp); the exit and signal paths act for the same owner.
    for (const bool by_signal : {false, true})
    {
        BOOST_TEST_CONTEXT((by_signal ? "SIGTERM" : "std::exit"))
        {
            fd_leak_check leaks;
            scratch_dir scratch;
            const fs::path moved = scratch.path / "moved-away";
            child_process child([&](const child_io& io) {
                exit_dir d(in(scratch.path));
                write_file(d.path() / "ours", "ours");
                fs::rename(d.path(), moved);
                fs::create_directory(d.path());
                write_file(d.path() / "victim.txt", "not the temp dir's");
                io.say(d.path().string());
                io.say("ready");
                if (!by_signal)
                    std::exit(0);
                for (;;)
                    ::pause();
            });
            const std::vector< std::string > paths = child.until_ready();
            if (by_signal)
                child.kill(SIGTERM);
            const int status = child.wait();
            child.rest();
            if (by_signal)
                expect_killed_by(status, SIGTERM);
            else
                expect_exit_code(status, 0);
            BOOST_TEST_REQUIRE(paths.size() == 1u);
            BOOST_TEST(read_file(fs::path(paths[0]) / "victim.txt") == "not the temp dir's");
        }
    }
}

BOOST_AUTO_TEST_CASE(exit_and_signal_remove_a_tree_holding_read_only_directories)
{
    // Without root's override of permission bits: a directory of mode 0500
    // inside the tree must be made writable (through a descriptor) before
    // its entries can go, as the owner's own removal does.
    for (const bool by_signal : {false, true})
    {
        BOOST_TEST_CONTEXT((by_signal ? "SIGTERM" : "std::exit"))
        {
            fd_leak_check leaks;
            scratch_dir scratch;
            child_process child([&](const child_io& io) {
                if (!CHILD_CHECK(io, test_support::drop_permission_override()))
                    return;
                exit_dir d(in(scratch.path));
                fs::create_directories(d.path() / "ro" / "sub");
                write_file(d.path() / "ro" / "inside", "x");
                write_file(d.path() / "ro" / "sub" / "deeper", "x");
                CHILD_CHECK(io, ::chmod((d.path() / "ro" / "sub").c_str(), 0500) == 0);
                CHILD_CHECK(io, ::chmod((d.path() / "ro").c_str(), 0500) == 0);
                CHILD_CHECK(io, ::unlink((d.path() / "ro" / "inside").c_str()) != 0); // the bits apply
                io.say(d.path().string());
                io.say("ready");
                if (!by_signal)
                    std::exit(0);
                for (;;)
                    ::pause();
            });
            const std::vector< std::string > paths = child.until_ready();
            if (by_signal)
                child.kill(SIGTERM);
            const int status = child.wait();
            child.rest();
            if (by_signal)
                expect_killed_by(status, SIGTERM);
            else
                expect_exit_code(status, 0);
            BOOST_TEST(paths.size() == 1u);
            BOOST_TEST(scratch.entries() == 0u, "left behind: " << scratch.entries() << " entries");
        }
    }
}
