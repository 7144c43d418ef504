// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// delete_at_exit's cleanup at std::exit and on SIGTERM against hostile
// conditions: mount points inside the tree (bind mounts of its own file
// system, locked mount roots), a root that lost its permissions, a signal
// taken on a thread with a small stack, a process out of descriptors or out
// of memory, a signal arriving in the middle of a creation, and a directory
// moved out of the tree while the signal-time walk is inside it.
//
// Every scenario runs in a forked child that the test kills or lets exit;
// this process itself never makes a delete_at_exit owner (the handlers are
// installed once per process).

#define BOOST_TEST_MODULE exit_cleanup_hostile
#include <boost/filesystem/directory.hpp>
#include <boost/tempfile.hpp>
#include <boost/tempfile/delete_at_exit.hpp>
#include <boost/test/unit_test.hpp>

#include "hostile_support.hpp"
#include "test_support.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <new>
#include <pthread.h>
#include <random>
#include <string>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#if defined(__SANITIZE_THREAD__)
#define TEST_UNDER_TSAN 1
#endif
#if defined(__SANITIZE_ADDRESS__)
#define TEST_UNDER_ASAN 1
#endif
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TEST_UNDER_TSAN 1
#endif
#if __has_feature(address_sanitizer)
#define TEST_UNDER_ASAN 1
#endif
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace hostile;
using test_support::scratch_dir;

// ---- allocation failure on demand ------------------------------------------------

namespace {
//! Once set, every allocation throws std::bad_alloc.
std::atomic< bool > allocations_fail{false};
} // namespace

void* operator new(std::size_t n)
{
    if (allocations_fail.load(std::memory_order_relaxed))
        throw std::bad_alloc();
    if (void* p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}

// The replacement pairs malloc with free; gcc, seeing operator new's
// pointer reach free(), warns of a mismatch that is not one.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void operator delete(void* p) noexcept
{
    std::free(p);
}

void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}

// The nothrow forms too, so that every pointer the replaced delete frees
// came from malloc (a sanitizer's own nothrow new would not match).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try
    {
        return ::operator new(n);
    }
    catch (...)
    {
        return nullptr;
    }
}

void operator delete(void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic pop
#endif

namespace {

using exit_file = tf::named_temp_file< tf::delete_at_exit >;
using exit_dir = tf::temp_dir< tf::delete_at_exit >;

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

// ---- a child process to talk to ------------------------------------------------

//! The child's way back to the parent (write(2) only: usable anywhere).
int to_parent = -1;

void say(const std::string& line)
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

bool child_check(bool ok, const char* what, int line)
{
    if (!ok)
        say("fail line " + std::to_string(line) + ": " + what);
    return ok;
}
#define CHILD_CHECK(cond) child_check((cond), #cond, __LINE__)

//! Says why the child cannot run here and ends it as skipped.
[[noreturn]] void skip(const std::string& why)
{
    say("skip " + why);
    ::_exit(77);
}

void wait_forever()
{
    for (;;)
        ::pause();
}

//! A forked child running `body` with the four exit signals at their
//! default action and unblocked, core dumps off. Killed with SIGKILL if the
//! test leaves it running.
class child_process
{
public:
    explicit child_process(const std::function< void() >& body)
    {
        int up[2];
        if (::pipe2(up, O_CLOEXEC) != 0)
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
            to_parent = up[1];
            const rlimit no_core{0, 0};
            ::setrlimit(RLIMIT_CORE, &no_core);
            for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
                std::signal(s, SIG_DFL);
            sigset_t none;
            sigemptyset(&none);
            ::sigprocmask(SIG_SETMASK, &none, nullptr);
            try
            {
                body();
            }
            catch (const std::exception& e)
            {
                say(std::string("fail exception: ") + e.what());
                ::_exit(98);
            }
            ::_exit(0);
        }
        ::close(up[1]);
        from_child_ = up[0];
    }

    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    ~child_process()
    {
        if (!reaped_)
        {
            ::kill(pid_, SIGKILL);
            int status;
            ::waitpid(pid_, &status, 0);
        }
        ::close(from_child_);
    }

    //! Lines up to "ready" (not included); "fail" lines become test errors.
    //! False if the child skipped (or ended) instead.
    bool until_ready(std::vector< std::string >& lines)
    {
        std::string line;
        while (next_line(line))
        {
            if (line == "ready")
                return true;
            if (!take(line))
                return false;
            lines.push_back(line);
        }
        BOOST_ERROR("the child ended before it was ready");
        return false;
    }

    void kill(int sig) { BOOST_TEST(::kill(pid_, sig) == 0); }

    //! The wait status (the child is killed after `seconds`, and the test
    //! fails); then the remaining lines are checked.
    int wait(int seconds = 60)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        int status = -1;
        while (!reaped_)
        {
            const pid_t r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_)
            {
                reaped_ = true;
                break;
            }
            if (r < 0 && errno != EINTR)
                break;
            if (std::chrono::steady_clock::now() > deadline)
            {
                BOOST_ERROR("the child did not end in " << seconds << " s: killed");
                ::kill(pid_, SIGKILL);
                deadline_passed_ = true;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        std::string line;
        while (next_line(line))
            take(line);
        return status;
    }

    bool skipped() const { return skipped_; }

private:
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

    bool take(const std::string& line)
    {
        if (line.rfind("fail", 0) == 0)
            BOOST_ERROR("in the child: " << line);
        else if (line.rfind("skip", 0) == 0)
        {
            BOOST_TEST_MESSAGE("skipped: " << line.substr(5));
            skipped_ = true;
            return false;
        }
        return true;
    }

    pid_t pid_ = -1;
    int from_child_ = -1;
    bool reaped_ = false;
    bool skipped_ = false;
    bool deadline_passed_ = false;
};

std::string describe_status(int status)
{
    if (WIFEXITED(status))
        return "exited with " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
               ::strsignal(WTERMSIG(status)) + ")";
    return "status " + std::to_string(status);
}

enum class ending
{
    exit,
    sigterm
};

const char* ending_name(ending how)
{
    return how == ending::exit ? "std::exit" : "SIGTERM";
}

//! The child's last act: std::exit(0), or waiting for the parent's SIGTERM.
void end_as(ending how)
{
    say("ready");
    if (how == ending::exit)
        std::exit(0);
    wait_forever();
}

//! Runs `body` in a child that ends as `how` says; checks it ended so and
//! returns the lines it said before "ready". `ran` is false if it skipped.
std::vector< std::string > run_child(ending how, const std::function< void() >& body, bool& ran)
{
    child_process child(body);
    std::vector< std::string > lines;
    ran = child.until_ready(lines);
    if (!ran)
    {
        child.wait();
        return lines;
    }
    if (how == ending::sigterm)
        child.kill(SIGTERM);
    const int status = child.wait();
    if (how == ending::sigterm)
        BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM),
                   "expected death by SIGTERM, got: " << describe_status(status));
    else
        BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0),
                   "expected exit code 0, got: " << describe_status(status));
    return lines;
}

void in_mount_namespace()
{
    const std::string why = private_mount_namespace();
    if (!why.empty())
        skip(why);
}

void require(const std::string& failure)
{
    if (!failure.empty())
        throw std::runtime_error(failure);
}

} // namespace

// =============================================================================
// mount points inside the tree
// =============================================================================

BOOST_AUTO_TEST_CASE(exit_and_signal_do_not_enter_a_bind_mount_of_the_same_file_system)
{
    TEST_NEEDS_LINUX_BACKEND("mount identities: the plain POSIX backend tells a mount point by st_dev alone, and a bind "
                             "mount of the same file system shares it (doc/platforms.adoc)");
    // The data-loss case: a directory outside the tree bind-mounted inside
    // it shares the tree's st_dev; only the mount identity tells. A file
    // bind-mounted over one of the tree's stays too.
    for (const ending how : {ending::exit, ending::sigterm})
    {
        BOOST_TEST_CONTEXT(ending_name(how))
        {
            scratch_dir scratch;
            const precious_dir outside(scratch.path / "outside");
            bool ran = false;
            const auto lines = run_child(how, [&] {
                in_mount_namespace();
                exit_dir d(in(scratch.path));
                populate(d.path());
                make_dir(d.path() / "bind");
                require(bind_mount(outside.dir, d.path() / "bind"));
                write_file(d.path() / "covered", "");
                require(bind_mount(outside.file, d.path() / "covered")); // cannot be unlinked: EBUSY
                say(d.path().string());
                end_as(how);
            }, ran);
            if (!ran)
                continue;
            BOOST_TEST(outside.intact());
            BOOST_TEST_REQUIRE(lines.size() == 1u);
            BOOST_TEST((names_in(lines[0]) == std::set< std::string >{"bind", "covered"}),
                       "the rest of the tree is removed");
        }
    }
}

BOOST_AUTO_TEST_CASE(exit_and_signal_leave_a_locked_mount_point_as_found)
{
    // Without root's permission override a mode-000 directory is repaired
    // through an O_PATH descriptor -- only on the tree's own mount. The
    // mounted directory is outside the tree (on the same file system, or on
    // /dev/shm's) so that its mode is seen after the child's mounts vanish.
    for (const bool same_file_system : {true, false})
    {
        for (const ending how : {ending::exit, ending::sigterm})
        {
            BOOST_TEST_CONTEXT(ending_name(how) << (same_file_system ? ", same file system" : ", /dev/shm"))
            {
                if (same_file_system && !portable::linux_backend)
                {
                    BOOST_TEST_MESSAGE("NOT TESTED on " << portable::backend_name()
                                                        << ": a locked bind mount of the same file system (mount "
                                                           "points told by st_dev alone, doc/platforms.adoc)");
                    continue;
                }
                scratch_dir scratch;
                fs::path locked;
                if (same_file_system)
                    locked = scratch.path / "locked";
                else
                {
                    std::string t = "/dev/shm/tempfile-test-XXXXXX";
                    if (!::mkdtemp(&t[0]))
                    {
                        BOOST_TEST_MESSAGE("skipped: no /dev/shm");
                        continue;
                    }
                    ::rmdir(t.c_str());
                    locked = t;
                }
                make_dir(locked);
                write_file(locked / "inside.txt", "keep");
                BOOST_TEST_REQUIRE(::chmod(locked.c_str(), 0) == 0);
                bool ran = false;
                const auto lines = run_child(how, [&] {
                    in_mount_namespace();
                    exit_dir d(in(scratch.path));
                    populate(d.path());
                    make_dir(d.path() / "mnt");
                    require(bind_mount(locked, d.path() / "mnt"));
                    CHILD_CHECK(test_support::drop_permission_override());
                    CHILD_CHECK(::opendir((d.path() / "mnt").c_str()) == nullptr); // the bits apply
                    say(d.path().string());
                    end_as(how);
                }, ran);
                BOOST_TEST(mode_of(locked) == 0u);
                BOOST_TEST(::chmod(locked.c_str(), 0700) == 0);
                BOOST_TEST(read_file(locked / "inside.txt") == "keep");
                if (ran)
                {
                    BOOST_TEST_REQUIRE(lines.size() == 1u);
                    BOOST_TEST((names_in(lines[0]) == std::set< std::string >{"mnt"}));
                }
                if (!same_file_system)
                    fs::remove_all(locked);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(deep_tree_with_a_mount_point_deep_inside_is_removed_around_it)
{
    TEST_NEEDS_LINUX_BACKEND("mount identities: the plain POSIX backend tells a mount point by st_dev alone, and a bind "
                             "mount of the same file system shares it (doc/platforms.adoc)");
    // 200 levels -- deeper than the signal-time walk remembers -- with a
    // bind mount of a precious directory at level 150: the walk must leave
    // it, climb back through ancestors it no longer remembers, remove
    // everything else and end.
    for (const ending how : {ending::exit, ending::sigterm})
    {
        BOOST_TEST_CONTEXT(ending_name(how))
        {
            scratch_dir scratch;
            const precious_dir outside(scratch.path / "outside");
            bool ran = false;
            const auto lines = run_child(how, [&] {
                in_mount_namespace();
                exit_dir d(in(scratch.path));
                const fs::path mid = make_chain(d.path(), 150);
                make_dir(mid / "mnt");
                require(bind_mount(outside.dir, mid / "mnt"));
                make_chain(mid, 50, "below");
                make_chain(d.path(), 60, "beside");
                say(d.path().string());
                end_as(how);
            }, ran);
            if (!ran)
                continue;
            BOOST_TEST(outside.intact());
            BOOST_TEST_REQUIRE(lines.size() == 1u);
            // Left: the chain down to the mount point, and nothing else.
            fs::path p = lines[0];
            for (int i = 0; i < 150; ++i)
            {
                const std::string next = "level" + std::to_string(i);
                BOOST_TEST_REQUIRE((names_in(p) == std::set< std::string >{next}), "at " << p);
                p /= next;
            }
            BOOST_TEST((names_in(p) == std::set< std::string >{"mnt"}));
            BOOST_TEST(names_in(p / "mnt").empty());
        }
    }
}

// =============================================================================
// a root that lost its permissions
// =============================================================================

BOOST_AUTO_TEST_CASE(exit_and_signal_remove_a_root_that_lost_read_or_search_permission)
{
    // CPython's test_modes, at exit: the root is opened through an O_PATH
    // descriptor, checked to be the registered directory, then repaired.
    for (const mode_t mode : {0000, 0100, 0200, 0300, 0400, 0500, 0600})
    {
        for (const ending how : {ending::exit, ending::sigterm})
        {
            BOOST_TEST_CONTEXT("root mode 0" << std::oct << mode << std::dec << ", " << ending_name(how))
            {
                scratch_dir scratch;
                bool ran = false;
                const auto lines = run_child(how, [&] {
                    CHILD_CHECK(test_support::drop_permission_override());
                    exit_dir d(in(scratch.path));
                    populate(d.path());
                    CHILD_CHECK(::chmod(d.path().c_str(), mode) == 0);
                    say(d.path().string());
                    end_as(how);
                }, ran);
                BOOST_TEST_REQUIRE(lines.size() == 1u);
                BOOST_TEST(!present(lines[0]));
                BOOST_TEST(scratch.entries() == 0u);
            }
        }
    }
}

// =============================================================================
// a small stack
// =============================================================================

namespace {

void* pause_with_sigterm_unblocked(void*)
{
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    ::pthread_sigmask(SIG_UNBLOCK, &term, nullptr);
    wait_forever();
    return nullptr;
}

} // namespace

BOOST_AUTO_TEST_CASE(sigterm_taken_on_a_thread_with_a_64_kib_stack_removes_a_deep_tree)
{
    for (const int depth : {50, 300})
    {
        BOOST_TEST_CONTEXT("depth " << depth)
        {
            scratch_dir scratch;
            bool ran = false;
            const auto lines = run_child(ending::sigterm, [&] {
                exit_dir d(in(scratch.path));
                make_chain(d.path(), depth);
                make_chain(d.path(), depth / 2, "other");
                // Only the small thread may take SIGTERM.
                sigset_t term;
                sigemptyset(&term);
                sigaddset(&term, SIGTERM);
                ::pthread_sigmask(SIG_BLOCK, &term, nullptr);
                pthread_attr_t attr;
                ::pthread_attr_init(&attr);
                CHILD_CHECK(::pthread_attr_setstacksize(&attr, 64 * 1024) == 0);
                pthread_t small;
                CHILD_CHECK(::pthread_create(&small, &attr, &pause_with_sigterm_unblocked, nullptr) == 0);
                say(d.path().string());
                end_as(ending::sigterm);
            }, ran);
            BOOST_TEST_REQUIRE(lines.size() == 1u);
            BOOST_TEST(!present(lines[0]));
            BOOST_TEST(scratch.entries() == 0u);
        }
    }
}

namespace {

//! Stack bytes a call made on a fresh thread touches: the thread runs on a
//! stack of our own, painted first.
std::size_t stack_touched(const std::function< void() >& body)
{
    static const std::size_t size = 1 << 20;
    std::vector< unsigned char > stack(size, 0xa5);
    pthread_attr_t attr;
    ::pthread_attr_init(&attr);
    ::pthread_attr_setstack(&attr, stack.data(), size);
    pthread_t thread;
    auto run = [](void* f) -> void* {
        (*static_cast< const std::function< void() >* >(f))();
        return nullptr;
    };
    if (::pthread_create(&thread, &attr, run, const_cast< std::function< void() >* >(&body)) != 0)
        return 0;
    ::pthread_join(thread, nullptr);
    std::size_t untouched = 0;
    while (untouched < size && stack[untouched] == 0xa5)
        ++untouched;
    return size - untouched;
}

} // namespace

BOOST_AUTO_TEST_CASE(signal_time_walk_uses_the_same_small_stack_whatever_the_depth)
{
    // What the signal path costs in stack, measured: the walk over a 10-deep
    // and a 400-deep tree, against a thread that does nothing.
    scratch_dir scratch;
    auto walk_over = [&](int depth) {
        const fs::path root = scratch.path / ("tree" + std::to_string(depth));
        make_dir(root, 0700);
        make_chain(root, depth);
        struct stat st;
        BOOST_TEST_REQUIRE(::lstat(root.c_str(), &st) == 0);
        tf::detail::exit_entry e;
        e.kind = tf::entry_kind::directory;
        e.owner = ::getpid();
        e.device = st.st_dev;
        e.inode = st.st_ino;
        std::string path = root.string();
        e.path = &path[0];
        const std::size_t used = stack_touched([&] { tf::detail::signal_safe_remove(e); });
        BOOST_TEST(!present(root));
        return used;
    };
    walk_over(3); // binds the C library's symbols: the dynamic linker's first calls take stack of their own
    const std::size_t nothing = stack_touched([] {});
    const std::size_t shallow = walk_over(10);
    const std::size_t deep = walk_over(400);
    BOOST_TEST_MESSAGE("stack touched: idle thread " << nothing << " B, walk of 10 levels " << shallow
                                                     << " B, walk of 400 levels " << deep << " B");
#if defined(TEST_UNDER_TSAN)
    // ThreadSanitizer's interceptors use stack of their own, varying per call.
    BOOST_TEST_MESSAGE("not checked under ThreadSanitizer");
#else
    BOOST_TEST(deep <= shallow + 512, "the stack grows with the depth");
#if !defined(TEST_UNDER_ASAN)
    BOOST_TEST(deep - nothing <= 4096u, "the signal-time walk uses " << deep - nothing << " bytes of stack");
#endif
#endif
}

// =============================================================================
// out of descriptors, out of memory
// =============================================================================

BOOST_AUTO_TEST_CASE(exit_and_signal_remove_the_tree_when_the_process_is_out_of_descriptors)
{
    for (const ending how : {ending::exit, ending::sigterm})
    {
        BOOST_TEST_CONTEXT(ending_name(how))
        {
            scratch_dir scratch;
            bool ran = false;
            const auto lines = run_child(how, [&] {
                rlimit few;
                CHILD_CHECK(::getrlimit(RLIMIT_NOFILE, &few) == 0);
                few.rlim_cur = 64;
                CHILD_CHECK(::setrlimit(RLIMIT_NOFILE, &few) == 0);
                exit_file f(in(scratch.path));
                exit_dir d(in(scratch.path));
                populate(d.path());
                make_chain(d.path(), 40);
                int opened = 0;
                while (::open("/dev/null", O_RDONLY | O_CLOEXEC) >= 0)
                    ++opened;
                CHILD_CHECK(errno == EMFILE);
                CHILD_CHECK(opened > 0);
                say(d.path().string());
                end_as(how);
            }, ran);
            BOOST_TEST_REQUIRE(lines.size() == 1u);
            BOOST_TEST(!present(lines[0]));
            BOOST_TEST(scratch.entries() == 0u);
        }
    }
}

namespace {
extern "C" void make_every_allocation_fail()
{
    allocations_fail = true;
}
} // namespace

BOOST_AUTO_TEST_CASE(exit_removes_the_tree_when_memory_has_run_out)
{
    // An exit function registered after the first owner runs before the
    // library's, and leaves no memory: the full walk throws std::bad_alloc,
    // and the walk that needs none removes the tree.
    scratch_dir scratch;
    bool ran = false;
    const auto lines = run_child(ending::exit, [&] {
        exit_dir d(in(scratch.path));
        populate(d.path());
        make_chain(d.path(), 20);
        std::atexit(&make_every_allocation_fail);
        say(d.path().string());
        end_as(ending::exit);
    }, ran);
    BOOST_TEST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(!present(lines[0]));
    BOOST_TEST(scratch.entries() == 0u);
}

// =============================================================================
// a signal in the middle of a creation
// =============================================================================

namespace {

enum class made
{
    files,
    directories,
    both_in_threads
};

const char* made_name(made what)
{
    return what == made::files ? "files" : what == made::directories ? "directories" : "files and directories in two threads";
}

//! Creates owners without end, keeping the last ones alive so that most of
//! the time goes into creating.
template< typename Owner >
void create_forever(const fs::path& where)
{
    std::vector< Owner > kept;
    kept.reserve(64);
    for (;;)
    {
        kept.emplace_back(in(where));
        if (kept.size() == kept.capacity())
            kept.clear();
    }
}

void create_forever(made what, const fs::path& where)
{
    if (what == made::files)
        create_forever< exit_file >(where);
    create_forever< exit_dir >(where);
}

} // namespace

BOOST_AUTO_TEST_CASE(sigterm_during_a_creation_loop_never_leaves_an_entry)
{
    // The window between open/mkdir returning and the name being
    // registered: SIGTERM at random moments of a loop that creates and
    // destroys; after every round nothing may remain.
    std::mt19937 random(20260514);
    for (const made what : {made::files, made::directories, made::both_in_threads})
    {
        BOOST_TEST_CONTEXT(made_name(what))
        {
            scratch_dir scratch;
            const int rounds = 150;
            int rounds_leaving_entries = 0;
            for (int round = 0; round < rounds; ++round)
            {
                child_process child([&] {
                    if (what != made::both_in_threads)
                    {
                        {
                            exit_file warm_up(in(scratch.path)); // installs the handlers
                        }
                        say("ready");
                        create_forever(what, scratch.path);
                    }
                    {
                        exit_file warm_up(in(scratch.path));
                    }
                    // Two creating threads; the main thread takes the signals
                    // that the creators block while they create.
                    std::thread a([&] { create_forever(made::files, scratch.path); });
                    std::thread b([&] { create_forever(made::directories, scratch.path); });
                    say("ready");
                    wait_forever();
                });
                std::vector< std::string > lines;
                BOOST_TEST_REQUIRE(child.until_ready(lines));
                std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
                child.kill(SIGTERM);
                const int status = child.wait();
                BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM), describe_status(status));
                if (scratch.entries() != 0)
                {
                    ++rounds_leaving_entries;
                    boost::system::error_code ec;
                    for (fs::directory_iterator it(scratch.path, ec), end; !ec && it != end; it.increment(ec))
                        fs::remove_all(it->path(), ec);
                }
            }
            BOOST_TEST(rounds_leaving_entries == 0, rounds_leaving_entries << " of " << rounds
                                                                          << " rounds left an entry behind");
        }
    }
}

// =============================================================================
// a directory moved out of the tree while the signal-time walk is inside it
// =============================================================================

BOOST_AUTO_TEST_CASE(signal_time_walk_never_climbs_out_of_a_directory_moved_away_under_it)
{
    // The walk holds one directory at a time and comes back up through "..":
    // if a directory it is inside is moved out of the tree meanwhile, ".."
    // leads out of the tree. It must notice -- the remembered parent's
    // identity, or for ancestors no longer remembered the climb to the root
    // -- and never list, let alone empty, what it would climb into. The
    // directory is moved while the walk empties a crowded directory: in
    // "remembered" that directory is the one moved (its parent is
    // remembered); in "climb" it lies 40 levels below the one moved, deeper
    // than the walk remembers, so the way up is checked by climbing.
    for (const bool climb : {false, true})
    {
        BOOST_TEST_CONTEXT((climb ? "parent found by climbing" : "parent remembered"))
        {
            scratch_dir scratch;
            child_process child([&] {
                in_mount_namespace();
                require(mount_tmpfs(scratch.path, "size=64m,nr_inodes=200000"));
                const precious_dir outside(scratch.path / "outside");
                const fs::path root = scratch.path / "tree";
                make_dir(root, 0700);
                const fs::path victim = make_chain(root, 3, "up") / "victim";
                make_dir(victim);
                const fs::path crowded = climb ? make_chain(victim, 40, "down") : victim;
                for (int i = 0; i < 20000; ++i)
                    write_file(crowded / ("crowd" + std::to_string(i)), "");
                struct stat st, full;
                CHILD_CHECK(::lstat(root.c_str(), &st) == 0);
                CHILD_CHECK(::stat(crowded.c_str(), &full) == 0);
                tf::detail::exit_entry e;
                e.kind = tf::entry_kind::directory;
                e.owner = ::getpid();
                e.device = st.st_dev;
                e.inode = st.st_ino;
                std::string path = root.string();
                e.path = &path[0];
                const int crowded_fd = ::open(crowded.c_str(), O_PATH | O_CLOEXEC);
                std::atomic< bool > moved{false};
                std::thread mover([&] {
                    // Once a quarter of the crowd is gone the walk is inside.
                    for (int i = 0; i < 1000000; ++i)
                    {
                        struct stat now;
                        if (::fstat(crowded_fd, &now) != 0)
                            return;
                        if (now.st_size < full.st_size * 3 / 4)
                        {
                            moved = ::rename(victim.c_str(), (outside.dir / "victim").c_str()) == 0;
                            return;
                        }
                        std::this_thread::sleep_for(std::chrono::microseconds(10));
                    }
                });
                tf::detail::signal_safe_remove(e);
                mover.join();
                ::close(crowded_fd);
                CHILD_CHECK(moved);
                CHILD_CHECK(read_file(outside.file) == "irreplaceable");
                CHILD_CHECK(read_file(outside.dir / "sub" / "also.txt") == "also irreplaceable");
                CHILD_CHECK(present(outside.dir / "victim"));
                if (climb) // the walk gave up the moved chain rather than climb out
                    CHILD_CHECK(present(outside.dir / "victim" / "down0"));
                CHILD_CHECK(!present(root));
                say("ready");
            });
            std::vector< std::string > lines;
            child.until_ready(lines);
            const int status = child.wait(120);
            BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0), describe_status(status));
        }
    }
}
