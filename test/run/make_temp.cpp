// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// make_temp_file and make_temp_dir on POSIX: flags, modes under the umask,
// exec, a failed exact-mode chmod. What every backend shares is in
// test/behaviour/make_temp.cpp.

#define BOOST_TEST_MODULE make_temp
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::mode_of;
using test_support::scoped_umask;
using test_support::scratch_dir;
using test_support::fault_scope;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;

//! Closes and removes what make_temp_file handed over, at the end of a scope.
struct owned_file
{
    explicit owned_file(tf::created_file f) : file(std::move(f)) {}
    ~owned_file()
    {
        if (file.handle >= 0)
            ::close(file.handle);
        if (!file.path.empty())
            ::unlink(file.path.c_str());
    }
    tf::created_file file;
};

bool is_alphabet(const std::string& s)
{
    return s.find_first_not_of(tf::name_alphabet) == std::string::npos;
}

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

//! Offers `taken` for the first `collisions` calls, then "fresh-<call number>".
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

} // namespace

BOOST_AUTO_TEST_SUITE(make_temp_file)

BOOST_AUTO_TEST_CASE(returns_open_read_write_descriptor_and_absolute_path)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(0);
    owned_file made(tf::make_temp_file(tf::options().dir(scratch.path)));
    const int fd = made.file.handle;
    BOOST_TEST_REQUIRE(fd >= 0);
    BOOST_TEST(made.file.path.is_absolute());
    BOOST_TEST(made.file.path.parent_path() == scratch.path);
    BOOST_TEST((::fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    BOOST_TEST((::fcntl(fd, F_GETFD) & FD_CLOEXEC) == FD_CLOEXEC);
    BOOST_TEST(mode_of(made.file.path) == 0600u);
    struct stat by_fd, by_name;
    BOOST_TEST_REQUIRE(::fstat(fd, &by_fd) == 0);
    BOOST_TEST_REQUIRE(::lstat(made.file.path.c_str(), &by_name) == 0);
    BOOST_TEST(by_fd.st_ino == by_name.st_ino);
    BOOST_TEST(S_ISREG(by_name.st_mode));
}

BOOST_AUTO_TEST_CASE(exact_mode_and_pattern_policies_apply)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    owned_file made(tf::make_temp_file< tf::pattern_name, tf::exact_mode< 0640, 0750 > >(
        tf::options().pattern("obj-XXXXXX.o").dir(scratch.path)));
    const std::string name = made.file.path.filename().string();
    BOOST_TEST(mode_of(made.file.path) == 0640u);
    BOOST_TEST(name.size() == 12u);
    BOOST_TEST(name.compare(0, 4, "obj-") == 0, name);
    BOOST_TEST(name.compare(10, 2, ".o") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(4, 6)), name);
}

BOOST_AUTO_TEST_CASE(descriptor_is_not_inherited_across_exec)
{
    fd_leak_check leak;
    scratch_dir scratch;
    owned_file made(tf::make_temp_file(tf::options().dir(scratch.path)));
    BOOST_TEST(exec_child_sees_fd(made.file.handle, made.file.path.string()) == 1);
    const int inheritable = ::dup(made.file.handle); // control: the probe sees an inherited one
    BOOST_TEST(exec_child_sees_fd(inheritable, made.file.path.string()) == 0);
    ::close(inheritable);
}

BOOST_AUTO_TEST_CASE(exact_mode_chmod_failure_removes_the_file_and_closes_it)
{
    fd_leak_check leak;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::chmod, EPERM);
    boost::system::error_code ec;
    tf::created_file made =
        tf::make_temp_file< tf::random_name<>, tf::exact_mode< 0640, 0750 >, faulty >(tf::options().dir(scratch.path),
                                                                                     ec);
    BOOST_TEST(ec.value() == EPERM, ec.message());
    BOOST_TEST(made.handle == -1);
    BOOST_TEST(made.path.empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(make_temp_dir)

BOOST_AUTO_TEST_CASE(makes_a_0700_directory_with_an_absolute_path)
{
    fd_leak_check leak;
    scratch_dir scratch;
    for (mode_t umask_value : {0u, 022u, 077u})
    {
        BOOST_TEST_CONTEXT("umask " << std::oct << umask_value)
        {
            scoped_umask mask(umask_value);
            const fs::path d = tf::make_temp_dir(tf::options().dir(scratch.path));
            BOOST_TEST(d.is_absolute());
            BOOST_TEST(d.parent_path() == scratch.path);
            BOOST_TEST(fs::is_directory(fs::symlink_status(d)));
            BOOST_TEST(mode_of(d) == 0700u);
            BOOST_TEST(fs::is_empty(d));
            fs::remove(d);
        }
    }
}

BOOST_AUTO_TEST_CASE(default_options_create_in_temp_directory_path)
{
    fd_leak_check leak;
    const fs::path d = tf::make_temp_dir();
    BOOST_TEST(d.parent_path() == tf::temp_directory_path());
    BOOST_TEST(mode_of(d) == 0700u);
    fs::remove(d);
}

BOOST_AUTO_TEST_CASE(mode_policies_apply)
{
    fd_leak_check leak;
    scratch_dir scratch;
    scoped_umask mask(077);
    const fs::path exact = tf::make_temp_dir< tf::random_name<>, tf::exact_mode< 0600, 0750 > >(
        tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(exact) == 0750u);
    const fs::path narrowed = tf::make_temp_dir< tf::random_name<>, tf::mode< 0600, 0750 > >(
        tf::options().dir(scratch.path));
    BOOST_TEST(mode_of(narrowed) == 0700u);
}

BOOST_AUTO_TEST_CASE(owner_can_use_it_even_under_umask_0777)
{
    // Root would not notice a directory its owner cannot enter: drop the override.
    scratch_dir scratch;
    const int child = test_support::run_in_child([&] {
        if (!test_support::drop_permission_override())
            return 10;
        ::umask(0777);
        boost::system::error_code ec;
        const fs::path d = tf::make_temp_dir(tf::options().dir(scratch.path), ec);
        if (ec)
        {
            std::fprintf(stderr, "make_temp_dir under umask 0777: %s\n", ec.message().c_str());
            return 11;
        }
        if (mode_of(d) != 0700u)
            return 12;
        const int fd = ::open((d / "inside").c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return 13;
        ::close(fd);
        return 0;
    });
    BOOST_TEST(child == 0);
}

BOOST_AUTO_TEST_CASE(collision_with_existing_file_and_directory_moves_to_next_name)
{
    fd_leak_check leak;
    scratch_dir scratch;
    std::ofstream((scratch.path / "file").string()) << "precious";
    fs::create_directory(scratch.path / "dir");
    std::ofstream((scratch.path / "dir" / "inner").string()) << "inside";
    scripted_name::script("file", 2);
    const fs::path a = tf::make_temp_dir< scripted_name >(tf::options().dir(scratch.path));
    BOOST_TEST(a == scratch.path / "fresh-2");
    scripted_name::script("dir", 3);
    const fs::path b = tf::make_temp_dir< scripted_name >(tf::options().dir(scratch.path));
    BOOST_TEST(b == scratch.path / "fresh-3");
    BOOST_TEST(fs::file_size(scratch.path / "file") == 8u);
    BOOST_TEST(fs::file_size(scratch.path / "dir" / "inner") == 6u);
    BOOST_TEST(mode_of(b) == 0700u);
}

BOOST_AUTO_TEST_SUITE_END()
