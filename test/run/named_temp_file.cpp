// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// named_temp_file on POSIX: the open flags, modes under the umask, a forked
// child, a symlink at the chosen name, descriptors across exec. What every
// backend shares is in test/behaviour/named_temp_file.cpp.

#define BOOST_TEST_MODULE named_temp_file
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <optional>
#include <set>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::mode_of;
using test_support::scoped_umask;
using test_support::scratch_dir;
using test_support::read_file;
using test_support::write_file;

namespace {

mode_t fd_mode(int fd)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return static_cast< mode_t >(-1);
    return st.st_mode & 07777;
}

//! Execs /bin/sh in a child and asks whether descriptor `fd` is open there
//! and refers to a path starting with `where`. The shell's answer is its
//! exit status: 0 yes, 1 no, anything else a broken test.
int exec_child_sees_fd(int fd, const std::string& where)
{
    const std::string number = std::to_string(fd);
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
    {
        ::execl("/bin/sh", "sh", "-c",
                "case \"$(readlink /proc/self/fd/$1 2>/dev/null)\" in \"$2\"*) exit 0 ;; *) exit 1 ;; esac", "sh",
                number.c_str(), where.c_str(), static_cast< char* >(nullptr));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

//! A naming policy that offers `taken` for the first `collisions` calls and
//! then "fresh-<call number>", so a test decides which names collide.
struct scripted_name
{
    static inline std::string taken;
    static inline unsigned collisions = 0;
    static inline unsigned calls = 0;

    static void script(std::string name, unsigned k)
    {
        taken = std::move(name);
        collisions = k;
        calls = 0;
    }

    void generate(const tf::options&, std::string& name)
    {
        name = calls < collisions ? taken : "fresh-" + std::to_string(calls);
        ++calls;
    }
};

using scripted_file = tf::basic_named_temp_file< tf::delete_on_close, scripted_name >;

} // namespace

// A platform that records the flags and mode of every open it is asked for,
// then opens for real: it shows exactly what the library asks the kernel for.
namespace recording {

struct platform : tf::native_platform
{
};

struct seen_opens
{
    int flags = 0;
    mode_t mode = 0;
    unsigned count = 0;
};

inline seen_opens& seen()
{
    static seen_opens s;
    return s;
}

inline int open_at(platform, int dirfd, const char* name, int flags, ::mode_t mode) noexcept
{
    seen().flags = flags;
    seen().mode = mode;
    ++seen().count;
    return boost::tempfile::sys::open_at(tf::native_platform{}, dirfd, name, flags, mode);
}

} // namespace recording

BOOST_AUTO_TEST_SUITE(creation)

BOOST_AUTO_TEST_CASE(opens_with_rdwr_creat_excl_nofollow_cloexec_and_mode_0600)
{
    fd_leak_check leak;
    scratch_dir scratch;
    recording::seen() = recording::seen_opens{};
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, recording::platform > f(
        tf::options().dir(scratch.path));
    BOOST_TEST(recording::seen().count == 1u);
    BOOST_TEST(recording::seen().flags == (O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC));
    BOOST_TEST(recording::seen().mode == 0600u);
    BOOST_TEST(fs::is_regular_file(f.path()));
}

BOOST_AUTO_TEST_CASE(descriptor_is_read_write_and_close_on_exec)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const int fd = f.native_handle();
    BOOST_TEST_REQUIRE(fd >= 0);
    const int fl = ::fcntl(fd, F_GETFL);
    BOOST_TEST((fl & O_ACCMODE) == O_RDWR);
    BOOST_TEST((fl & O_APPEND) == 0);
    BOOST_TEST((::fcntl(fd, F_GETFD) & FD_CLOEXEC) == FD_CLOEXEC);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(modes)

BOOST_AUTO_TEST_CASE(owner_only_is_0600_under_umask_000)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(0);
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(f.path()) == 0600u);
    BOOST_TEST(fd_mode(f.native_handle()) == 0600u);
}

BOOST_AUTO_TEST_CASE(owner_only_is_0600_under_umask_077)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(f.path()) == 0600u);
}

BOOST_AUTO_TEST_CASE(mode_policy_is_narrowed_by_the_umask)
{
    fd_leak_check leak;
    scratch_dir scratch;
    using file_0640 = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::mode< 0640, 0750 > >;
    {
        scoped_umask mask(022);
        file_0640 f(tf::options().dir(scratch.path));
        BOOST_TEST(mode_of(f.path()) == (0640u & ~022u));
    }
    {
        // 077 takes the group's read bit: the umask really applies.
        scoped_umask mask(077);
        file_0640 f(tf::options().dir(scratch.path));
        BOOST_TEST(mode_of(f.path()) == 0600u);
    }
}

BOOST_AUTO_TEST_CASE(exact_mode_ignores_the_umask)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::exact_mode< 0640, 0750 > > f(
        tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(f.path()) == 0640u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(delete_on_close_policy)

BOOST_AUTO_TEST_CASE(stream_after_close_is_returned_failed_and_touches_nothing)
{
    // Issue 16.2: stream() on a closed file no longer throws; it returns the
    // stream (the one made before, or a new one) failed, and nothing written
    // through it reaches any descriptor.
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    std::iostream& before = f.stream();
    f.close();
    std::iostream& after = f.stream();
    BOOST_TEST(&after == &before, "the same stream object");
    BOOST_TEST(after.bad());
    after.clear();
    after << "lost";
    after.flush();
    BOOST_TEST(after.bad());
    tf::named_temp_file<> g(tf::options().dir(scratch.path));
    g.close();
    BOOST_TEST(g.stream().bad(), "a stream first asked for after close() is failed too");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ownership)

BOOST_AUTO_TEST_CASE(forked_child_never_removes_its_parents_file)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    const int child = test_support::run_in_child([&] {
        f.close(); // delete_on_close, but the child did not create it
        if (!fs::exists(p))
            return 1;
        {
            tf::named_temp_file<> copy(std::move(f));
        }
        return fs::exists(p) ? 0 : 2;
    });
    BOOST_TEST(child == 0);
    BOOST_TEST(fs::exists(p));
    BOOST_TEST(f.is_open());
    f.close();
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(names)

BOOST_AUTO_TEST_CASE(symlink_with_the_chosen_name_is_never_followed)
{
    fd_leak_check leak;
    scratch_dir scratch;
    const fs::path victim = scratch.path / "victim";
    write_file(victim, "victim");
    fs::create_symlink(victim, scratch.path / "to-victim");
    fs::create_symlink(scratch.path / "would-be-created", scratch.path / "dangling");
    scripted_name::script("to-victim", 1);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-1");
        f.stream() << "mine";
    }
    scripted_name::script("dangling", 1);
    {
        scripted_file f(tf::options().dir(scratch.path));
        BOOST_TEST(f.path() == scratch.path / "fresh-1");
    }
    BOOST_TEST(read_file(victim) == "victim");
    BOOST_TEST(!fs::exists(scratch.path / "would-be-created"));
    BOOST_TEST(fs::is_symlink(scratch.path / "dangling"));
    BOOST_TEST(fs::is_symlink(scratch.path / "to-victim"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(exec)

BOOST_AUTO_TEST_CASE(descriptor_is_not_inherited_across_exec)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    BOOST_TEST(exec_child_sees_fd(f.native_handle(), f.path().string()) == 1);
}

BOOST_AUTO_TEST_CASE(control_descriptor_without_cloexec_is_inherited)
{
    // Shows that the probe above can see an inherited descriptor at all.
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const int inheritable = ::dup(f.native_handle());
    BOOST_TEST_REQUIRE(inheritable >= 0);
    BOOST_TEST(exec_child_sees_fd(inheritable, f.path().string()) == 0);
    ::close(inheritable);
}

BOOST_AUTO_TEST_SUITE_END()
