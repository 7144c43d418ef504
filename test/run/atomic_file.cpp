// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// atomic_file on POSIX: the temporary file's name and mode, modes under the
// umask, fsync counts, renameat2 and its link fallback, symlinks at the
// target, fork, every injected failure and crashes at every step. What every
// backend shares is in test/behaviour/atomic_file.cpp.

#define BOOST_TEST_MODULE atomic_file
#include <boost/tempfile/atomic_file.hpp>
#include <boost/tempfile/fault_injection.hpp>

#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::mode_of;
using test_support::scoped_umask;
using test_support::scratch_dir;
using test_support::fault_scope;
using test_support::leftovers;
using test_support::names_in;
using test_support::read_file;
using test_support::write_file;

namespace {

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
template< typename Mode = tf::copy_target_mode, typename Durability = tf::full_sync >
using faulty_file = tf::basic_atomic_file< Mode, Durability, tf::random_name<>, faulty_platform >;
// The portable backend: rename_at2 refuses RENAME_NOREPLACE, so no_clobber
// takes the link-and-unlink fallback.
using posix_faulty_file = tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>,
                                                 tf::fault_injecting_platform< tf::posix_platform > >;

std::string read_fd_all(int fd)
{
    std::string s;
    char buf[4096];
    ::off_t off = 0;
    for (;;)
    {
        const ::ssize_t n = ::pread(fd, buf, sizeof buf, off);
        if (n <= 0)
            break;
        s.append(buf, static_cast< std::size_t >(n));
        off += n;
    }
    return s;
}

mode_t current_umask()
{
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
}

ino_t inode_of(const fs::path& p)
{
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

ino_t inode_of_fd(int fd)
{
    struct stat st;
    return ::fstat(fd, &st) == 0 ? st.st_ino : 0;
}

//! Content that takes several buffer flushes to write.
std::string big_content(std::size_t n, char seed)
{
    std::string s(n, ' ');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast< char >('a' + (static_cast< std::size_t >(seed) + i * 7) % 26);
    return s;
}

} // namespace

// ---- what the temporary file is ----------------------------------------------

BOOST_AUTO_TEST_CASE(temp_is_hidden_beside_target_private_and_close_on_exec)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask no_umask(0);
    const fs::path target = dir.path / "app.conf";
    write_file(target, "old\n", 0644);
    tf::atomic_file f(target);
    BOOST_TEST(f.is_open());
    BOOST_TEST(!f.committed());
    BOOST_TEST(f.replaces_existing());
    BOOST_TEST(f.target_path() == target);
    BOOST_TEST(f.temp_path().parent_path() == dir.path);
    const std::string name = f.temp_path().filename().string();
    BOOST_TEST(name.rfind(".app.conf.", 0) == 0u, name);
    BOOST_TEST(name.size() == std::string(".app.conf.").size() + 10 + 4, name);
    BOOST_TEST(name.substr(name.size() - 4) == ".tmp", name);
    BOOST_TEST(mode_of(f.temp_path()) == 0600u);
    const int fd = f.native_handle();
    BOOST_TEST((::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    BOOST_TEST((::fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    f.stream() << "new\n";
    f.native_handle();
    BOOST_TEST(read_file(f.temp_path()) == "new\n");
    BOOST_TEST(read_file(target) == "old\n");
}

BOOST_AUTO_TEST_CASE(long_target_name_is_cut_in_the_temp_name_to_stay_under_name_max)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / std::string(250, 'n');
    tf::atomic_file f(target);
    BOOST_TEST(f.temp_path().filename().string().size() <= 255u);
    f.stream() << "x";
    f.commit();
    BOOST_TEST(read_file(target) == "x");
    BOOST_TEST(dir.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(pattern_name_policy_gets_a_pattern_holding_the_target_name)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "settings.ini";
    tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::pattern_name > f(target);
    const std::string name = f.temp_path().filename().string();
    BOOST_TEST(name.rfind(".settings.ini.", 0) == 0u, name);
    BOOST_TEST(name.size() == std::string(".settings.ini.XXXXXXXXXX.tmp").size(), name);
    BOOST_TEST(name.find("XXXXXXXXXX") == std::string::npos, name);
    f.commit();
    BOOST_TEST(fs::exists(target));
    BOOST_TEST(dir.entries() == 1u);
}

// ---- commit -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(commit_replaces_content_while_a_reader_of_the_old_file_keeps_the_old_content)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "data.txt";
    write_file(target, "old content\n", 0644);
    const ino_t old_inode = inode_of(target);
    const int reader = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
    BOOST_TEST_REQUIRE(reader >= 0);
    ino_t new_inode = 0;
    {
        tf::atomic_file f(target);
        new_inode = inode_of_fd(f.native_handle());
        f.stream() << "new content, longer than the old one\n";
        BOOST_TEST(read_file(target) == "old content\n");
        f.commit();
        BOOST_TEST(f.committed());
        BOOST_TEST(!f.is_open());
        BOOST_TEST(f.temp_path().empty());
        BOOST_TEST(f.native_handle() == -1);
    }
    BOOST_TEST(read_fd_all(reader) == "old content\n");
    ::close(reader);
    BOOST_TEST(read_file(target) == "new content, longer than the old one\n");
    BOOST_TEST(inode_of(target) == new_inode);
    BOOST_TEST(new_inode != old_inode);
    BOOST_TEST(leftovers(dir.path, {"data.txt"}) == "");
}

BOOST_AUTO_TEST_CASE(renamed_directory_does_not_split_temp_and_rename)
{
    // Every step is relative to the directory opened at construction: moving
    // the directory away meanwhile moves the commit with it.
    fd_leak_check leaks;
    scratch_dir dir;
    fs::create_directory(dir.path / "a");
    write_file(dir.path / "a" / "f", "old", 0644);
    tf::atomic_file f(dir.path / "a" / "f");
    fs::rename(dir.path / "a", dir.path / "b");
    f.stream() << "new";
    f.commit();
    BOOST_TEST(read_file(dir.path / "b" / "f") == "new");
    BOOST_TEST(leftovers(dir.path / "b", {"f"}) == "");
    BOOST_TEST(!fs::exists(dir.path / "a"));
}

BOOST_AUTO_TEST_CASE(symlink_at_target_is_replaced_and_the_file_it_named_is_untouched)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path real = dir.path / "real";
    const fs::path link = dir.path / "link";
    write_file(real, "real old", 0640);
    fs::create_symlink(real, link);
    tf::atomic_file f(link);
    f.stream() << "via link";
    f.commit();
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(link)));
    BOOST_TEST(read_file(link) == "via link");
    BOOST_TEST(read_file(real) == "real old");
    // A link that is not followed is no target: what it leads to does not
    // choose the mode (issue 16.7); the new file gets a new file's mode.
    BOOST_TEST(mode_of(link) == (0666u & ~current_umask()));
}

BOOST_AUTO_TEST_CASE(commit_twice_reports_nothing_to_commit)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "twice";
    tf::atomic_file f(target);
    f.stream() << "1";
    f.commit();
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    BOOST_CHECK_THROW(f.commit(), fs::filesystem_error);
    BOOST_TEST(f.stream().bad()); // the stream outlives the file, failed (issue 16.2)
    f.cancel(ec); // nothing left to cancel: refused, target kept (issue 16.4)
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    BOOST_TEST(read_file(target) == "1");
}

// ---- final mode -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(copy_target_mode_keeps_0640_of_existing_target_whatever_the_umask)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask mask(077);
    const fs::path target = dir.path / "secret.conf";
    write_file(target, "old", 0640);
    BOOST_TEST_REQUIRE(mode_of(target) == 0640u);
    tf::atomic_file f(target);
    BOOST_TEST(mode_of(f.temp_path()) == 0600u); // private while being written
    f.stream() << "new";
    f.commit();
    BOOST_TEST(mode_of(target) == 0640u);
}

BOOST_AUTO_TEST_CASE(copy_target_mode_keeps_a_narrow_0400_mode)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "ro";
    write_file(target, "old", 0400);
    tf::atomic_file f(target);
    f.stream() << "new";
    f.commit();
    BOOST_TEST(mode_of(target) == 0400u);
    BOOST_TEST(read_file(target) == "new");
}

BOOST_AUTO_TEST_CASE(new_target_gets_0666_less_the_umask)
{
    fd_leak_check leaks;
    scratch_dir dir;
    for (mode_t mask : {mode_t(022), mode_t(027), mode_t(077), mode_t(0)})
    {
        scoped_umask scope(mask);
        const fs::path target = dir.path / ("new-" + std::to_string(mask));
        tf::atomic_file f(target);
        f.stream() << "x";
        f.commit();
        BOOST_TEST(mode_of(target) == (0666u & ~mask), "umask " << std::oct << mask);
    }
}

BOOST_AUTO_TEST_CASE(fixed_mode_overrides_target_mode_and_umask)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask mask(077);
    const fs::path target = dir.path / "fixed";
    write_file(target, "old", 0600);
    tf::basic_atomic_file< tf::fixed_mode< 0644 > > f(target);
    f.stream() << "new";
    f.commit();
    BOOST_TEST(mode_of(target) == 0644u);
    const fs::path fresh = dir.path / "fresh";
    tf::basic_atomic_file< tf::fixed_mode< 0604 > > g(fresh);
    g.commit();
    BOOST_TEST(mode_of(fresh) == 0604u);
}

BOOST_AUTO_TEST_CASE(umask_mode_ignores_the_existing_target_mode)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask mask(022);
    const fs::path target = dir.path / "um";
    write_file(target, "old", 0600);
    fault_scope faults;
    faulty_file< tf::umask_mode > f(target);
    f.stream() << "new";
    f.commit();
    BOOST_TEST(mode_of(target) == 0644u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::stat) == 0u); // the target is never looked at
}

BOOST_AUTO_TEST_CASE(fixed_mode_makes_no_stat_and_no_umask_lookup)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    faulty_file< tf::fixed_mode< 0644 > > f(dir.path / "cheap");
    f.stream() << "x";
    f.commit();
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::stat) == 0u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 2u); // directory and temporary file only
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::read) == 0u);
}

BOOST_AUTO_TEST_CASE(umask_is_found_through_a_probe_file_when_proc_is_unavailable)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask mask(027);
    fault_scope faults;
    // open #0 the directory, #1 the temporary file, #2 /proc/self/status.
    tf::fault_injection::fail(tf::sys_call::open, ENOENT, 2);
    faulty_file<> f(dir.path / "probed");
    f.stream() << "x";
    f.commit();
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 4u); // #3: the probe
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 1u);
    BOOST_TEST(mode_of(dir.path / "probed") == 0640u);
    BOOST_TEST(leftovers(dir.path, {"probed"}) == "");
}

BOOST_AUTO_TEST_CASE(umask_unavailable_everywhere_fails_commit_and_keeps_target_absent)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open, EACCES, 2, 2); // /proc and the probe
    faulty_file<> f(dir.path / "nomode");
    f.stream() << "x";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::permission_denied);
    BOOST_TEST(!f.committed());
    BOOST_TEST(dir.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_probe_stat_fails_commit_and_removes_the_probe)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::open, ENOENT, 2); // /proc
    tf::fault_injection::fail(tf::sys_call::stat, EIO, 1);    // #0 the target, #1 the probe
    faulty_file<> f(dir.path / "probe-stat");
    f.stream() << "x";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::io_error);
    BOOST_TEST(dir.entries() == 0u);
}

namespace {

//! A mode policy with run-time state.
struct runtime_mode
{
    tf::mode_type mode = 0600;
    tf::mode_type final_mode(const tf::mode_context&) const noexcept { return mode; }
};

//! Wider than the target by the group-read bit: uses both questions.
struct target_plus_group_read
{
    static tf::mode_type final_mode(const tf::mode_context& c) noexcept
    {
        return (c.target_exists() ? c.target_mode() : c.new_file_mode()) | 0040u;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(stateful_mode_policy_is_set_through_mode_policy)
{
    fd_leak_check leaks;
    scratch_dir dir;
    tf::basic_atomic_file< runtime_mode > f(dir.path / "rt");
    f.mode_policy().mode = 0640;
    tf::basic_atomic_file< runtime_mode > moved(std::move(f));
    BOOST_TEST(moved.mode_policy().mode == 0640u);
    moved.commit();
    BOOST_TEST(mode_of(dir.path / "rt") == 0640u);
}

BOOST_AUTO_TEST_CASE(user_mode_policy_sees_the_target_mode)
{
    fd_leak_check leaks;
    scratch_dir dir;
    write_file(dir.path / "u", "old", 0600);
    tf::basic_atomic_file< target_plus_group_read > f(dir.path / "u");
    f.commit();
    BOOST_TEST(mode_of(dir.path / "u") == 0640u);
}

BOOST_AUTO_TEST_CASE(mode_policy_giving_file_type_bits_fails_commit_with_einval_and_keeps_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "bad-bits";
    write_file(target, "old", 0644);
    tf::basic_atomic_file< runtime_mode > f(target);
    f.mode_policy().mode = 0100644;
    f.stream() << "new";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(leftovers(dir.path, {"bad-bits"}) == "");
}

// ---- durability ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(full_sync_fsyncs_the_file_before_the_rename_and_the_directory_after)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    faulty_file<> f(dir.path / "durable");
    f.stream() << "x";
    f.commit();
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::sync) == 2u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::rename) == 1u);
}

// ---- cancel and destruction -----------------------------------------------------

// ---- no_clobber ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(no_clobber_falls_back_to_link_and_unlink_where_renameat2_is_missing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "portable";
    {
        posix_faulty_file f(target);
        f.stream() << "one";
        f.commit(tf::no_clobber);
        BOOST_TEST(f.committed());
    }
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::rename) == 1u); // refused: EINVAL
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::link) == 1u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 1u);
    BOOST_TEST(read_file(target) == "one");
    struct stat st;
    BOOST_TEST_REQUIRE(::stat(target.c_str(), &st) == 0);
    BOOST_TEST(st.st_nlink == 1u);
    BOOST_TEST(leftovers(dir.path, {"portable"}) == "");
    {
        posix_faulty_file f(target);
        f.stream() << "two";
        boost::system::error_code ec;
        f.commit(tf::no_clobber, ec);
        BOOST_TEST(ec == boost::system::errc::file_exists);
    }
    BOOST_TEST(read_file(target) == "one");
    BOOST_TEST(leftovers(dir.path, {"portable"}) == "");
}

BOOST_AUTO_TEST_CASE(no_clobber_falls_back_when_renameat2_answers_einval_or_enosys)
{
    fd_leak_check leaks;
    scratch_dir dir;
    for (int refusal : {EINVAL, ENOSYS})
    {
        fault_scope faults;
        const fs::path target = dir.path / ("refused-" + std::to_string(refusal));
        {
            faulty_file<> f(target);
            f.stream() << "a";
            tf::fault_injection::fail(tf::sys_call::rename, refusal);
            f.commit(tf::no_clobber);
        }
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::link) == 1u);
        BOOST_TEST(read_file(target) == "a");
        {
            faulty_file<> f(target);
            f.stream() << "b";
            tf::fault_injection::fail(tf::sys_call::rename, refusal);
            boost::system::error_code ec;
            f.commit(tf::no_clobber, ec);
            BOOST_TEST(ec == boost::system::errc::file_exists);
        }
        BOOST_TEST(read_file(target) == "a");
    }
    BOOST_TEST(leftovers(dir.path, {"refused-" + std::to_string(EINVAL), "refused-" + std::to_string(ENOSYS)}) == "");
}

BOOST_AUTO_TEST_CASE(link_fallback_whose_unlink_fails_reports_published_and_destructor_removes_the_name)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "linked";
    fs::path temp;
    {
        posix_faulty_file f(target);
        temp = f.temp_path();
        f.stream() << "content";
        tf::fault_injection::fail(tf::sys_call::unlink, EBUSY);
        boost::system::error_code ec;
        f.commit(tf::no_clobber, ec);
        BOOST_TEST(ec == boost::system::errc::device_or_resource_busy);
        BOOST_TEST(f.committed());
        BOOST_TEST(read_file(target) == "content");
        BOOST_TEST(fs::exists(temp));
    }
    BOOST_TEST(!fs::exists(temp));
    BOOST_TEST(read_file(target) == "content");
    BOOST_TEST(leftovers(dir.path, {"linked"}) == "");
}

// ---- errors at construction ------------------------------------------------------------

BOOST_AUTO_TEST_CASE(target_naming_a_directory_is_rejected_with_invalid_argument)
{
    fd_leak_check leaks;
    scratch_dir dir;
    for (const fs::path& bad : {fs::path(dir.path / "."), fs::path(dir.path / ".."), fs::path("/"), fs::path()})
    {
        boost::system::error_code ec;
        tf::atomic_file f(bad, ec);
        BOOST_TEST(ec == boost::system::errc::invalid_argument, bad);
        BOOST_TEST(!f.is_open());
        BOOST_CHECK_THROW((void)tf::atomic_file(bad), fs::filesystem_error);
    }
    BOOST_TEST(dir.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(unwritable_directory_reports_eacces_and_leaves_nothing)
{
    scratch_dir dir;
    const fs::path ro = dir.path / "ro";
    fs::create_directory(ro);
    write_file(ro / "t", "old", 0644);
    ::chmod(ro.c_str(), 0555);
    const int status = test_support::run_in_child([&] {
        if (!test_support::drop_permission_override())
            return 10;
        const int before = test_support::open_fd_count();
        boost::system::error_code ec;
        {
            tf::atomic_file f(ro / "t", ec);
            if (ec != boost::system::errc::permission_denied || f.is_open())
                return 11;
        }
        try
        {
            tf::atomic_file f(ro / "t");
            return 12;
        }
        catch (const fs::filesystem_error& e)
        {
            if (e.path1() != ro / "t" || e.code() != boost::system::errc::permission_denied)
                return 13;
        }
        return test_support::open_fd_count() == before ? 0 : 14;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(read_file(ro / "t") == "old");
    BOOST_TEST(leftovers(ro, {"t"}) == "");
}

BOOST_AUTO_TEST_CASE(commit_over_a_directory_fails_and_leaves_it)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "adir";
    fs::create_directory(target);
    write_file(target / "inside", "kept", 0644);
    tf::basic_atomic_file< tf::fixed_mode< 0644 > > f(target);
    f.stream() << "x";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::is_a_directory);
    BOOST_TEST(fs::is_directory(target));
    BOOST_TEST(read_file(target / "inside") == "kept");
    BOOST_TEST(leftovers(dir.path, {"adir"}) == "");
}

// ---- ownership -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(forked_child_never_removes_the_parents_temp)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "forked";
    write_file(target, "old", 0644);
    tf::atomic_file f(target);
    f.stream() << "parent's";
    const fs::path temp = f.temp_path();
    const int status = test_support::run_in_child([&] {
        {
            tf::atomic_file child_copy(std::move(f)); // ends here, in the child
        }
        return fs::exists(temp) ? 0 : 1;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::exists(temp));
    f.commit();
    BOOST_TEST(read_file(target) == "parent's");
    BOOST_TEST(leftovers(dir.path, {"forked"}) == "");
}

// ---- failures, one step at a time ------------------------------------------------------

BOOST_AUTO_TEST_CASE(failed_directory_open_is_reported_naming_the_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "t";
    tf::fault_injection::fail(tf::sys_call::open, EMFILE, 0);
    try
    {
        faulty_file<> f(target);
        BOOST_ERROR("no error");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::too_many_files_open);
        BOOST_TEST(e.path1() == target);
    }
    BOOST_TEST(dir.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_temp_open_is_reported_naming_the_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "t";
    write_file(target, "old", 0644);
    tf::fault_injection::fail(tf::sys_call::open, ENOSPC, 1);
    try
    {
        faulty_file<> f(target);
        BOOST_ERROR("no error");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::no_space_on_device);
        BOOST_TEST(e.path1() == target);
        BOOST_TEST(e.path2() == dir.path);
        BOOST_TEST(std::string(e.what()).find("temporary file") != std::string::npos, e.what());
    }
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(leftovers(dir.path, {"t"}) == "");
}

namespace {

//! Commits "new" over a target holding "old" with `call` failing once with
//! `error` at its `index`th use; checks the error and what is left.
template< typename File = faulty_file<> >
void check_commit_failure(tf::sys_call call, int error, unsigned index, bool published, const char* message)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "target";
    write_file(target, "old", 0640);
    {
        File f(target);
        const fs::path temp = f.temp_path();
        f.stream() << "new";
        tf::fault_injection::fail(call, error, index);
        try
        {
            f.commit();
            BOOST_ERROR("no error");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code().value() == error);
            BOOST_TEST(e.path1() == target);
            BOOST_TEST(std::string(e.what()).find(message) != std::string::npos, e.what());
            if (call == tf::sys_call::rename)
                BOOST_TEST(e.path2() == temp);
        }
        BOOST_TEST(tf::fault_injection::injected() == 1u);
        BOOST_TEST(f.committed() == published);
        BOOST_TEST(!f.is_open());
    }
    BOOST_TEST(read_file(target) == (published ? "new" : "old"));
    BOOST_TEST(mode_of(target) == 0640u);
    BOOST_TEST(leftovers(dir.path, {"target"}) == "");
}

} // namespace

BOOST_AUTO_TEST_CASE(failed_target_stat_keeps_old_content)
{
    check_commit_failure(tf::sys_call::stat, EACCES, 0, false, "target's mode");
}

BOOST_AUTO_TEST_CASE(failed_chmod_keeps_old_content)
{
    check_commit_failure(tf::sys_call::chmod, EPERM, 0, false, "mode");
}

BOOST_AUTO_TEST_CASE(failed_file_sync_keeps_old_content)
{
    check_commit_failure(tf::sys_call::sync, EIO, 0, false, "sync the new content");
}

BOOST_AUTO_TEST_CASE(failed_close_keeps_old_content)
{
    check_commit_failure(tf::sys_call::close, EIO, 0, false, "close");
}

BOOST_AUTO_TEST_CASE(failed_rename_keeps_old_content_and_names_both_paths)
{
    check_commit_failure(tf::sys_call::rename, EACCES, 0, false, "rename");
}

BOOST_AUTO_TEST_CASE(exdev_rename_keeps_old_content_and_says_why)
{
    check_commit_failure(tf::sys_call::rename, EXDEV, 0, false, "different file systems");
}

BOOST_AUTO_TEST_CASE(failed_directory_sync_is_reported_after_publishing)
{
    // The rename has happened: the old content cannot come back, and the
    // error says the new one may not survive a crash.
    check_commit_failure(tf::sys_call::sync, EIO, 1, true, "may not survive a crash");
}

BOOST_AUTO_TEST_CASE(failed_unlink_of_temp_after_a_failed_step_is_retried_by_cancel)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "t";
    write_file(target, "old", 0644);
    faulty_file<> f(target);
    const fs::path temp = f.temp_path();
    tf::fault_injection::fail(tf::sys_call::sync, EIO, 0);
    tf::fault_injection::fail(tf::sys_call::unlink, EBUSY, 0, 2);
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::io_error); // the first failure is the one reported
    BOOST_TEST(fs::exists(temp));
    f.cancel(ec); // the second unlink fails too
    BOOST_TEST(ec == boost::system::errc::device_or_resource_busy);
    BOOST_TEST(fs::exists(temp));
    f.cancel(ec); // the third one works
    BOOST_TEST(!ec);
    BOOST_TEST(!fs::exists(temp));
    BOOST_TEST(f.temp_path().empty());
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(leftovers(dir.path, {"t"}) == "");
}

BOOST_AUTO_TEST_CASE(failed_unlink_at_cancel_is_reported_and_the_destructor_retries)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "t";
    fs::path temp;
    {
        faulty_file<> f(target);
        temp = f.temp_path();
        tf::fault_injection::fail(tf::sys_call::unlink, EBUSY, 0);
        try
        {
            f.cancel();
            BOOST_ERROR("no error");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == boost::system::errc::device_or_resource_busy);
            BOOST_TEST(e.path1() == target);
            BOOST_TEST(e.path2() == temp);
        }
        BOOST_TEST(fs::exists(temp));
        BOOST_TEST(!f.is_open());
    }
    BOOST_TEST(!fs::exists(temp));
    BOOST_TEST(dir.entries() == 0u);
}

// ---- every failure point ------------------------------------------------------------------

namespace {

enum class scenario { replace_existing, create_new, no_clobber_portable };

const char* name_of(scenario s)
{
    return s == scenario::replace_existing ? "replace existing" : s == scenario::create_new ? "create new" : "no_clobber (link fallback)";
}

struct outcome
{
    boost::system::error_code ctor_ec, commit_ec;
    bool committed = false;
};

template< typename File >
outcome run_scenario(const fs::path& target, const std::string& content, bool keep_existing)
{
    outcome o;
    File f(target, o.ctor_ec);
    if (o.ctor_ec)
        return o;
    for (std::size_t i = 0; i < content.size(); i += 3000)
        f.stream() << content.substr(i, 3000);
    if (keep_existing)
        f.commit(tf::no_clobber, o.commit_ec);
    else
        f.commit(o.commit_ec);
    o.committed = f.committed();
    return o;
}

template< typename File >
void every_failure_point(scenario s)
{
    const std::string old_content = "old content";
    const std::string new_content = big_content(20000, 'n');
    const bool exists = s == scenario::replace_existing;
    const bool keep_existing = s == scenario::no_clobber_portable;
    const struct
    {
        tf::sys_call call;
        int error;
    } faults[] = {{tf::sys_call::open, EMFILE},  {tf::sys_call::write, ENOSPC}, {tf::sys_call::read, EIO},
                  {tf::sys_call::stat, EACCES},  {tf::sys_call::chmod, EPERM},  {tf::sys_call::sync, EIO},
                  {tf::sys_call::close, EIO},    {tf::sys_call::rename, EXDEV}, {tf::sys_call::link, EMLINK},
                  {tf::sys_call::unlink, EBUSY}};
    scratch_dir dir;
    const fs::path target = dir.path / "target";
    unsigned points = 0;
    for (const auto& fault : faults)
    {
        // A clean run counts the calls of this kind; then each one fails in turn.
        fault_scope counting;
        if (exists)
            write_file(target, old_content, 0640);
        else
            fs::remove(target);
        BOOST_TEST_REQUIRE(!run_scenario< File >(target, new_content, keep_existing).commit_ec);
        const unsigned n = tf::fault_injection::calls(fault.call);
        for (unsigned i = 0; i < n; ++i, ++points)
        {
            if (exists)
                write_file(target, old_content, 0640);
            else
                fs::remove(target);
            fd_leak_check leaks;
            fault_scope faults_now;
            tf::fault_injection::fail(fault.call, fault.error, i);
            const outcome o = run_scenario< File >(target, new_content, keep_existing);
            const std::string where = std::string(name_of(s)) + ", call " + std::to_string(static_cast< unsigned >(fault.call)) +
                                      " #" + std::to_string(i);
            BOOST_TEST(tf::fault_injection::injected() == 1u, where);
            const boost::system::error_code ec = o.ctor_ec ? o.ctor_ec : o.commit_ec;
            if (ec)
            {
                BOOST_TEST(ec.value() == fault.error, where << ": " << ec.message());
            }
            const bool has_new = o.committed;
            if (has_new)
            {
                BOOST_TEST((read_file(target) == new_content), where);
                BOOST_TEST(mode_of(target) == (exists ? 0640u : (0666u & ~current_umask())), where);
            }
            else if (exists)
                BOOST_TEST(read_file(target) == old_content, where);
            else
                BOOST_TEST(!fs::exists(target), where);
            // Only after the rename may an error come with published content;
            // a fallback (the umask probe) may absorb a failure entirely.
            if (!ec)
                BOOST_TEST(has_new, where);
            BOOST_TEST(leftovers(dir.path, {"target"}) == "", where);
        }
    }
    BOOST_TEST_MESSAGE(name_of(s) << ": " << points << " failure points");
    BOOST_TEST(points >= 10u);
}

} // namespace

BOOST_AUTO_TEST_CASE(every_injected_failure_replacing_a_target_keeps_old_or_new_content_whole_and_no_temp)
{
    every_failure_point< faulty_file<> >(scenario::replace_existing);
}

BOOST_AUTO_TEST_CASE(every_injected_failure_creating_a_target_leaves_it_absent_or_whole_and_no_temp)
{
    every_failure_point< faulty_file<> >(scenario::create_new);
}

BOOST_AUTO_TEST_CASE(every_injected_failure_in_the_no_clobber_link_fallback_is_clean)
{
    every_failure_point< posix_faulty_file >(scenario::no_clobber_portable);
}

// ---- crashes -----------------------------------------------------------------------------

namespace crash {

// A platform that kills the process (SIGKILL: no handler, no cleanup, no
// destructor) just before or just after its k-th system call.
// With `trace` set, each call's name is also recorded (before the call).
int kill_at = -1;
int steps = 0;
std::vector< std::string >* trace = nullptr;

inline void step(const char* name = nullptr) noexcept
{
    if (steps++ == kill_at)
        ::raise(SIGKILL);
    if (trace && name)
        trace->push_back(name);
}

template< typename Base >
struct crashing_platform : Base
{
};

template< typename B >
int open_at(crashing_platform< B >, int d, const char* n, int f, ::mode_t m) noexcept
{
    step("open_at");
    const int r = tf::sys::open_at(B{}, d, n, f, m);
    step();
    return r;
}
template< typename B >
::ssize_t write_fd(crashing_platform< B >, int fd, const void* b, std::size_t n) noexcept
{
    step("write_fd");
    const ::ssize_t r = tf::sys::write_fd(B{}, fd, b, n);
    step();
    return r;
}
template< typename B >
::ssize_t read_fd(crashing_platform< B >, int fd, void* b, std::size_t n) noexcept
{
    step("read_fd");
    const ::ssize_t r = tf::sys::read_fd(B{}, fd, b, n);
    step();
    return r;
}
template< typename B >
int stat_at(crashing_platform< B >, int d, const char* n, struct ::stat* st, int f) noexcept
{
    step("stat_at");
    const int r = tf::sys::stat_at(B{}, d, n, st, f);
    step();
    return r;
}
template< typename B >
int chmod_fd(crashing_platform< B >, int fd, ::mode_t m) noexcept
{
    step("chmod_fd");
    const int r = tf::sys::chmod_fd(B{}, fd, m);
    step();
    return r;
}
template< typename B >
int sync_fd(crashing_platform< B >, int fd) noexcept
{
    step("sync_fd");
    const int r = tf::sys::sync_fd(B{}, fd);
    step();
    return r;
}
template< typename B >
int close_fd(crashing_platform< B >, int fd) noexcept
{
    step("close_fd");
    const int r = tf::sys::close_fd(B{}, fd);
    step();
    return r;
}
template< typename B >
int rename_at(crashing_platform< B >, int od, const char* on, int nd, const char* nn) noexcept
{
    step("rename_at");
    const int r = tf::sys::rename_at(B{}, od, on, nd, nn);
    step();
    return r;
}
template< typename B >
int rename_at2(crashing_platform< B >, int od, const char* on, int nd, const char* nn, unsigned fl) noexcept
{
    step("rename_at2");
    const int r = tf::sys::rename_at2(B{}, od, on, nd, nn, fl);
    step();
    return r;
}
template< typename B >
int link_at(crashing_platform< B >, int od, const char* on, int nd, const char* nn, int fl) noexcept
{
    step("link_at");
    const int r = tf::sys::link_at(B{}, od, on, nd, nn, fl);
    step();
    return r;
}
template< typename B >
int unlink_at(crashing_platform< B >, int d, const char* n, int fl) noexcept
{
    step("unlink_at");
    const int r = tf::sys::unlink_at(B{}, d, n, fl);
    step();
    return r;
}

//! Forks a child that writes `content` (in pieces, so that the stream
//! flushes several times) and commits, killed at step k (-1: never). Returns
//! the child's status as run_in_child does; with k == -1, the step count.
template< typename Base >
int write_and_commit_in_child(const fs::path& target, const std::string& content, bool keep_existing, int k)
{
    return test_support::run_in_child([&] {
        kill_at = k;
        steps = 0;
        {
            tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>, crashing_platform< Base > > f(
                target);
            for (std::size_t i = 0; i < content.size(); i += 1000)
                f.stream() << content.substr(i, 1000);
            if (keep_existing)
                f.commit(tf::no_clobber);
            else
                f.commit();
        }
        return steps < 128 ? steps : 127;
    });
}

//! Removes the temporary files a killed child left; returns how many, or
//! -1 if anything else is there.
int clear_leftovers(const fs::path& dir)
{
    int n = 0;
    for (const std::string& name : names_in(dir))
    {
        if (name == "target")
            continue;
        if (name.rfind(".target.", 0) != 0 || name.size() != std::string(".target.").size() + 10 + 4 ||
            name.substr(name.size() - 4) != ".tmp")
            return -1;
        fs::remove(dir / name);
        ++n;
    }
    return n;
}

template< typename Base >
void kill_at_every_step(bool target_exists, bool keep_existing)
{
    scratch_dir dir;
    const fs::path target = dir.path / "target";
    const std::string old_content = big_content(9000, 'o');
    const std::string new_content = big_content(30000, 'n');
    auto reset = [&] {
        if (target_exists)
            write_file(target, old_content, 0640);
        else
            fs::remove(target);
    };
    reset();
    const int total = write_and_commit_in_child< Base >(target, new_content, keep_existing, -1);
    BOOST_TEST_REQUIRE(total > 10);
    BOOST_TEST_REQUIRE(total < 127);
    BOOST_TEST_REQUIRE(read_file(target) == new_content);
    BOOST_TEST(clear_leftovers(dir.path) == 0);
    int first_new = -1;
    for (int k = 0; k < total; ++k)
    {
        reset();
        const int status = write_and_commit_in_child< Base >(target, new_content, keep_existing, k);
        BOOST_TEST(status == 128 + SIGKILL, "step " << k);
        bool is_new = false;
        if (fs::exists(target))
        {
            const std::string now = read_file(target);
            is_new = now == new_content;
            BOOST_TEST((is_new || (target_exists && now == old_content)),
                       "step " << k << ": the target holds " << now.size() << " bytes of neither version");
            BOOST_TEST(mode_of(target) == (target_exists || !is_new ? 0640u : (0666u & ~current_umask())),
                       "step " << k);
        }
        else
            BOOST_TEST(!target_exists, "step " << k << ": the target vanished");
        if (is_new && first_new < 0)
            first_new = k;
        // Once published, the new content stays: no step undoes the rename.
        if (first_new >= 0)
            BOOST_TEST(is_new, "step " << k << ": old content after new content appeared at step " << first_new);
        BOOST_TEST(clear_leftovers(dir.path) >= 0, "step " << k << ": unexpected files " << leftovers(dir.path, {"target"}));
    }
    BOOST_TEST(first_new > 0);
    BOOST_TEST_MESSAGE("killed at each of " << total << " steps; new content from step " << first_new);
}

} // namespace crash

BOOST_AUTO_TEST_CASE(killed_at_every_step_of_a_replacement_the_target_is_old_or_new_never_mixed)
{
    crash::kill_at_every_step< tf::native_platform >(true, false);
}

BOOST_AUTO_TEST_CASE(killed_at_every_step_of_a_creation_the_target_is_absent_or_whole)
{
    crash::kill_at_every_step< tf::native_platform >(false, false);
}

BOOST_AUTO_TEST_CASE(killed_at_every_step_of_a_no_clobber_link_fallback_the_target_is_absent_or_whole)
{
    crash::kill_at_every_step< tf::posix_platform >(false, true);
}

BOOST_AUTO_TEST_CASE(commit_writes_sets_the_mode_syncs_closes_renames_then_syncs_the_directory)
{
    fd_leak_check leaks;
    scratch_dir dir;
    write_file(dir.path / "t", "old", 0644);
    std::vector< std::string > calls;
    crash::kill_at = -1;
    crash::trace = &calls;
    {
        tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>,
                               crash::crashing_platform< tf::native_platform > >
            f(dir.path / "t");
        f.stream() << "new";
        f.commit();
    }
    const std::vector< std::string > replace = {"open_at",  "open_at", "write_fd",  "stat_at", "chmod_fd",
                                                "sync_fd",  "close_fd", "rename_at", "sync_fd", "close_fd"};
    BOOST_TEST(calls == replace, boost::test_tools::per_element());
    // No clobber where renameat2 is missing, over a new target (whose mode
    // needs the umask).
    calls.clear();
    {
        tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>,
                               crash::crashing_platform< tf::posix_platform > >
            f(dir.path / "n");
        f.stream() << "new";
        f.commit(tf::no_clobber);
    }
    crash::trace = nullptr;
    const std::vector< std::string > create = {"open_at",    "open_at",  "write_fd",  "stat_at", "open_at",
                                               "read_fd",    "close_fd", "chmod_fd",  "sync_fd", "close_fd",
                                               "rename_at2", "link_at",  "unlink_at", "sync_fd", "close_fd"};
    BOOST_TEST(calls == create, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unreadable_directory_is_refused_at_construction_because_it_cannot_be_synced)
{
    scratch_dir dir;
    const fs::path wx = dir.path / "wx";
    fs::create_directory(wx);
    ::chmod(wx.c_str(), 0300);
    const int status = test_support::run_in_child([&] {
        if (!test_support::drop_permission_override())
            return 10;
        try
        {
            tf::atomic_file f(wx / "t");
            return 11;
        }
        catch (const fs::filesystem_error& e)
        {
            if (e.code() != boost::system::errc::permission_denied || e.path1() != wx / "t")
                return 12;
            if (std::string(e.what()).find("readable") == std::string::npos)
                return 13;
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    ::chmod(wx.c_str(), 0700);
    BOOST_TEST(fs::is_empty(wx));
}

// ---- the umask parser -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(status_umask_line_is_parsed_and_garbage_rejected)
{
    tf::mode_type m = 0;
    const std::string good = "Name:\tx\nUmask:\t0027\nState:\tR\n";
    BOOST_TEST(tf::detail::parse_status_umask(good.data(), good.size(), m));
    BOOST_TEST(m == 027u);
    const std::string cut = "Name:\tx\nUmask:\t00";
    BOOST_TEST(!tf::detail::parse_status_umask(cut.data(), cut.size(), m));
    const std::string none = "Name:\tx\nState:\tR\n";
    BOOST_TEST(!tf::detail::parse_status_umask(none.data(), none.size(), m));
    const std::string bad = "Umask:\t0x22\n";
    BOOST_TEST(!tf::detail::parse_status_umask(bad.data(), bad.size(), m));
    // What this kernel shows agrees with umask().
    std::ifstream status("/proc/self/status");
    std::ostringstream text;
    text << status.rdbuf();
    BOOST_TEST_REQUIRE(tf::detail::parse_status_umask(text.str().data(), text.str().size(), m));
    BOOST_TEST(m == current_umask());
}
