// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// atomic_file under the API review conditions of issue 16 (POSIX): the
// stream lives as long as the object (16.2), one rule per verb after commit
// and cancel (16.4), a planted symlink never chooses the published mode, and
// the run-time options to write through a symlinked target and to keep the
// target's owner and group (16.7).

#define BOOST_TEST_MODULE atomic_file_review
#include <boost/tempfile/atomic_file.hpp>
#include <boost/tempfile/fault_injection.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <linux/capability.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::child_checks;
using test_support::fd_leak_check;
using test_support::mode_of;
using test_support::run_checked_in_child;
using test_support::scoped_umask;
using test_support::scratch_dir;

namespace {

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
using faulty_file = tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>, faulty_platform >;

struct fault_scope
{
    fault_scope() { tf::fault_injection::clear(); }
    ~fault_scope() { tf::fault_injection::clear(); }
};

void write_file(const fs::path& p, const std::string& content, mode_t mode)
{
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    BOOST_TEST_REQUIRE(fd >= 0);
    BOOST_TEST_REQUIRE(::write(fd, content.data(), content.size()) == static_cast< ::ssize_t >(content.size()));
    BOOST_TEST_REQUIRE(::fchmod(fd, mode) == 0);
    ::close(fd);
}

std::string read_file(const fs::path& p)
{
    std::ifstream in(p.string(), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string leftovers(const fs::path& dir, const std::vector< std::string >& expected)
{
    std::string extra;
    for (fs::directory_iterator it(dir), end; it != end; ++it)
    {
        const std::string name = it->path().filename().string();
        bool known = false;
        for (const std::string& e : expected)
            known = known || e == name;
        if (!known)
            extra += name + " ";
    }
    return extra;
}

struct stat lstat_of(const fs::path& p)
{
    struct stat st
    {
    };
    BOOST_TEST_REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st;
}

bool no_longer_owns(const boost::system::error_code& ec)
{
    return ec == boost::system::errc::operation_not_permitted;
}

const uid_t other_uid = 65534; // nobody
const gid_t other_gid = 65534; // nogroup

//! In a child of root: drop CAP_CHOWN, so that giving a file to another
//! user is refused as it is to everyone but root.
bool drop_chown_capability()
{
    if (::geteuid() != 0)
        return true;
    __user_cap_header_struct header{};
    header.version = _LINUX_CAPABILITY_VERSION_3;
    header.pid = 0;
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    for (int cap : {CAP_CHOWN, CAP_FOWNER})
    {
        data[cap / 32].effective &= ~(1u << (cap % 32));
        data[cap / 32].permitted &= ~(1u << (cap % 32));
        data[cap / 32].inheritable &= ~(1u << (cap % 32));
    }
    return ::syscall(SYS_capset, &header, data) == 0;
}

} // namespace

// ---- 16.2 the stream lives as long as the object ---------------------------------------------

BOOST_AUTO_TEST_SUITE(stream_lifetime)

BOOST_AUTO_TEST_CASE(a_stream_reference_kept_across_commit_stays_valid_and_writes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "conf";
    tf::atomic_file f(target);
    std::iostream& s = f.stream();
    s << "committed";
    f.commit();
    // Under ASan a use of a destroyed stream is a heap-use-after-free.
    BOOST_TEST(s.bad());
    s.clear();
    s << "after commit" << std::flush;
    BOOST_TEST(s.bad(), "the stream stays failed: it has no file to write to");
    BOOST_TEST(read_file(target) == "committed");
    BOOST_TEST(&f.stream() == &s, "stream() hands out the same object, in its failed state");
    BOOST_TEST(leftovers(dir.path, {"conf"}) == "");
}

BOOST_AUTO_TEST_CASE(a_stream_reference_kept_across_cancel_and_a_failed_commit_stays_valid)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "t";
    write_file(target, "old", 0644);
    {
        tf::atomic_file f(target);
        std::iostream& s = f.stream();
        s << "dropped";
        f.cancel();
        BOOST_TEST(s.bad());
        s.clear();
        s << "more" << std::flush;
        BOOST_TEST(s.bad());
        BOOST_TEST(&f.stream() == &s);
    }
    {
        fault_scope faults;
        faulty_file f(target);
        std::iostream& s = f.stream();
        s << "new";
        tf::fault_injection::fail(tf::sys_call::rename, EIO);
        boost::system::error_code ec;
        f.commit(ec);
        BOOST_TEST(ec == boost::system::errc::io_error);
        BOOST_TEST(s.bad());
        s.clear();
        s << "again" << std::flush;
        BOOST_TEST(s.bad());
    }
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(leftovers(dir.path, {"t"}) == "");
}

BOOST_AUTO_TEST_CASE(a_stream_moves_with_its_object_and_keeps_its_address)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "moved";
    tf::atomic_file a(target);
    std::iostream& s = a.stream();
    s << "one ";
    tf::atomic_file b(std::move(a));
    BOOST_TEST(&b.stream() == &s);
    s << "two";
    tf::atomic_file c(dir.path / "other");
    std::iostream& dropped = c.stream();
    dropped << "dropped";
    c = std::move(b);
    BOOST_TEST(&c.stream() == &s);
    BOOST_TEST(dropped.bad(), "the assigned-to object's old stream is still an object, failed");
    dropped << "nowhere" << std::flush;
    c.commit();
    BOOST_TEST(s.bad());
    BOOST_TEST(read_file(target) == "one two");
    BOOST_TEST(!fs::exists(dir.path / "other"));
    BOOST_TEST(leftovers(dir.path, {"moved"}) == "");
    BOOST_TEST(a.stream().bad(), "a moved-from object hands out a failed stream, no throw");
}

BOOST_AUTO_TEST_CASE(stream_of_an_object_without_a_file_is_failed_and_does_not_throw)
{
    fd_leak_check leaks;
    scratch_dir dir;
    boost::system::error_code ec;
    tf::atomic_file f(dir.path / "missing" / "t", ec);
    BOOST_TEST_REQUIRE(!!ec);
    std::iostream* s = nullptr;
    BOOST_CHECK_NO_THROW(s = &f.stream());
    BOOST_TEST(s->bad());
    *s << "nowhere" << std::flush;
    BOOST_TEST(s->bad());
    // The caller's exception mask is kept: a write to the dead stream throws
    // when the caller asked for that.
    BOOST_CHECK_THROW(s->exceptions(std::ios_base::badbit), std::ios_base::failure); // as for any bad stream
    BOOST_CHECK_THROW(*s << "x", std::ios_base::failure);
}

BOOST_AUTO_TEST_CASE(native_handle_after_commit_is_invalid_and_writes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    tf::atomic_file f(dir.path / "h");
    f.stream() << "x";
    f.commit();
    BOOST_TEST(f.native_handle() == -1);
    BOOST_TEST(read_file(dir.path / "h") == "x");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- 16.4 one rule per verb -----------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(verbs)

BOOST_AUTO_TEST_CASE(a_second_commit_fails_saying_it_was_committed_and_changes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "twice";
    tf::atomic_file f(target);
    f.stream() << "1";
    f.commit();
    write_file(target, "someone else's", 0644);
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    try
    {
        f.commit(tf::no_clobber);
        BOOST_ERROR("a second commit succeeded");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(no_longer_owns(e.code()));
        BOOST_TEST(std::string(e.what()).find("already committed") != std::string::npos, e.what());
        BOOST_TEST(e.path1() == target);
    }
    BOOST_TEST(read_file(target) == "someone else's");
}

BOOST_AUTO_TEST_CASE(cancel_after_commit_fails_and_removes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "c";
    tf::atomic_file f(target);
    f.stream() << "kept";
    f.commit();
    boost::system::error_code ec;
    f.cancel(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    try
    {
        f.cancel();
        BOOST_ERROR("cancel after commit succeeded");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(no_longer_owns(e.code()));
        BOOST_TEST(std::string(e.what()).find("no longer owns") != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find("committed") != std::string::npos, e.what());
    }
    BOOST_TEST(read_file(target) == "kept");
}

BOOST_AUTO_TEST_CASE(a_second_cancel_and_a_commit_after_cancel_fail_clearly)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "x";
    tf::atomic_file f(target);
    f.cancel();
    boost::system::error_code ec;
    f.cancel(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    try
    {
        f.commit();
        BOOST_ERROR("commit after cancel succeeded");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(no_longer_owns(e.code()));
        BOOST_TEST(std::string(e.what()).find("cancelled") != std::string::npos, e.what());
    }
    BOOST_TEST(!fs::exists(target));
    BOOST_TEST(dir.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(verbs_of_an_object_whose_creation_failed_or_that_was_moved_from_fail_clearly)
{
    fd_leak_check leaks;
    scratch_dir dir;
    boost::system::error_code ec;
    tf::atomic_file failed(dir.path / "missing" / "t", ec);
    BOOST_TEST_REQUIRE(!!ec);
    failed.cancel(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    failed.commit(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    tf::atomic_file a(dir.path / "a");
    tf::atomic_file b(std::move(a));
    a.commit(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    a.cancel(ec);
    BOOST_TEST(no_longer_owns(ec), ec.message());
    BOOST_TEST(b.is_open());
}

BOOST_AUTO_TEST_CASE(commit_after_a_failed_commit_fails_saying_so)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fault_scope faults;
    const fs::path target = dir.path / "f";
    faulty_file f(target);
    tf::fault_injection::fail(tf::sys_call::sync, EIO);
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::io_error);
    try
    {
        f.commit();
        BOOST_ERROR("a commit after a failed one succeeded");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(no_longer_owns(e.code()));
        BOOST_TEST(std::string(e.what()).find("failed") != std::string::npos, e.what());
    }
    // cancel() after a failed commit is the clean-up idiom: nothing is left
    // to remove, and it succeeds (a catch handler calling it must not throw).
    f.cancel(ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_CHECK_NO_THROW(f.cancel());
    BOOST_TEST(!fs::exists(target));
    BOOST_TEST(dir.entries() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- 16.7 a planted symlink, and the run-time options --------------------------------------------

BOOST_AUTO_TEST_SUITE(symlinks)

BOOST_AUTO_TEST_CASE(a_planted_symlink_to_dev_null_does_not_choose_the_published_mode)
{
    // /dev/null is 0666: copying its mode would publish a file anyone may
    // write, chosen by whoever planted the link.
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(022);
    const fs::path link = dir.path / "config";
    fs::create_symlink("/dev/null", link);
    tf::atomic_file f(link);
    f.stream() << "service's content";
    f.commit();
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(link)));
    BOOST_TEST(mode_of(link) == 0644u, std::oct << mode_of(link));
    BOOST_TEST(read_file(link) == "service's content");
}

BOOST_AUTO_TEST_CASE(a_symlink_not_followed_is_no_target_for_any_mode_policy)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(027);
    write_file(dir.path / "real", "real", 0604);
    const fs::path link = dir.path / "link";
    fs::create_symlink("real", link);
    struct seen
    {
        static bool& exists()
        {
            static bool e = true;
            return e;
        }
        static tf::mode_type final_mode(const tf::mode_context& c) noexcept
        {
            exists() = c.target_exists();
            return c.target_exists() ? c.target_mode() : c.new_file_mode();
        }
    };
    tf::basic_atomic_file< seen > f(link);
    f.commit();
    BOOST_TEST(!seen::exists());
    BOOST_TEST(mode_of(link) == 0640u);
    BOOST_TEST(mode_of(dir.path / "real") == 0604u);
}

#if !defined(TEMPFILE_TEST_BASE_API)

BOOST_AUTO_TEST_CASE(follow_symlinks_writes_the_file_the_link_names_and_keeps_the_link)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fs::create_directory(dir.path / "dotfiles");
    const fs::path real = dir.path / "dotfiles" / "bashrc";
    write_file(real, "old", 0640);
    const fs::path link = dir.path / ".bashrc";
    fs::create_symlink("dotfiles/bashrc", link);
    const auto opts = tf::atomic_options().follow_symlinks();
    BOOST_TEST(opts.follows_symlinks());
    tf::atomic_file f(link, opts);
    BOOST_TEST(f.target_path() == real, f.target_path());
    BOOST_TEST(f.temp_path().parent_path() == real.parent_path(), "the temporary file is beside the real file");
    f.stream() << "new";
    f.commit();
    BOOST_TEST(fs::is_symlink(fs::symlink_status(link)), "the link is still a link");
    BOOST_TEST(read_file(real) == "new");
    BOOST_TEST(mode_of(real) == 0640u, "the real file's mode is copied");
    BOOST_TEST(leftovers(dir.path / "dotfiles", {"bashrc"}) == "");
    BOOST_TEST(leftovers(dir.path, {"dotfiles", ".bashrc"}) == "");
}

BOOST_AUTO_TEST_CASE(follow_symlinks_follows_a_chain_and_an_absolute_link)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fs::create_directories(dir.path / "a" / "b");
    const fs::path real = dir.path / "a" / "b" / "file";
    write_file(real, "old", 0600);
    fs::create_symlink(real, dir.path / "a" / "abs");         // absolute
    fs::create_symlink("a/abs", dir.path / "first");          // relative, to another link
    tf::atomic_file f(dir.path / "first", tf::atomic_options().follow_symlinks());
    f.stream() << "through two links";
    f.commit();
    BOOST_TEST(read_file(real) == "through two links");
    BOOST_TEST(fs::is_symlink(fs::symlink_status(dir.path / "first")));
    BOOST_TEST(fs::is_symlink(fs::symlink_status(dir.path / "a" / "abs")));
}

BOOST_AUTO_TEST_CASE(follow_symlinks_resolves_dot_dot_where_the_kernel_does)
{
    // "link/../file" where link leads elsewhere: the kernel goes to the
    // parent of where the link leads, not back where it started.
    fd_leak_check leaks;
    scratch_dir dir;
    fs::create_directories(dir.path / "far" / "inner");
    fs::create_directory(dir.path / "near");
    write_file(dir.path / "far" / "file", "far", 0600);
    write_file(dir.path / "file", "near", 0600);
    fs::create_symlink("../far/inner", dir.path / "near" / "hop");
    fs::create_symlink("hop/../file", dir.path / "near" / "t");
    tf::atomic_file f(dir.path / "near" / "t", tf::atomic_options().follow_symlinks());
    f.stream() << "new";
    f.commit();
    BOOST_TEST(read_file(dir.path / "far" / "file") == "new");
    BOOST_TEST(read_file(dir.path / "file") == "near");
}

BOOST_AUTO_TEST_CASE(follow_symlinks_without_a_link_creates_or_replaces_as_usual)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(022);
    tf::atomic_file f(dir.path / "plain", tf::atomic_options().follow_symlinks());
    f.stream() << "x";
    f.commit();
    BOOST_TEST(read_file(dir.path / "plain") == "x");
    BOOST_TEST(mode_of(dir.path / "plain") == 0644u);
}

BOOST_AUTO_TEST_CASE(follow_symlinks_refuses_a_dangling_or_looping_link_and_leaves_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    fs::create_symlink("nowhere", dir.path / "dangling");
    fs::create_symlink("loop", dir.path / "loop");
    try
    {
        tf::atomic_file f(dir.path / "dangling", tf::atomic_options().follow_symlinks());
        BOOST_ERROR("followed a dangling link");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::no_such_file_or_directory, e.what());
        BOOST_TEST(e.path1() == dir.path / "dangling");
        BOOST_TEST(std::string(e.what()).find("leads to nothing") != std::string::npos, e.what());
    }
    boost::system::error_code ec;
    tf::atomic_file g(dir.path / "loop", tf::atomic_options().follow_symlinks(), ec);
    BOOST_TEST(ec == boost::system::errc::too_many_symbolic_link_levels, ec.message());
    BOOST_TEST(!g.is_open());
    BOOST_TEST(leftovers(dir.path, {"dangling", "loop"}) == "");
    BOOST_TEST(!fs::exists(dir.path / "nowhere"));
}

BOOST_AUTO_TEST_CASE(follow_symlinks_with_no_clobber_refuses_the_existing_file_the_link_names)
{
    fd_leak_check leaks;
    scratch_dir dir;
    write_file(dir.path / "real", "old", 0644);
    fs::create_symlink("real", dir.path / "link");
    tf::atomic_file f(dir.path / "link", tf::atomic_options().follow_symlinks().no_clobber());
    BOOST_TEST(!f.replaces_existing());
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(read_file(dir.path / "real") == "old");
}

BOOST_AUTO_TEST_CASE(without_follow_symlinks_the_link_itself_is_replaced)
{
    fd_leak_check leaks;
    scratch_dir dir;
    write_file(dir.path / "real", "old", 0640);
    fs::create_symlink("real", dir.path / "link");
    tf::atomic_file f(dir.path / "link", tf::atomic_options());
    f.stream() << "new";
    f.commit();
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(dir.path / "link")));
    BOOST_TEST(read_file(dir.path / "real") == "old");
}

#endif // !TEMPFILE_TEST_BASE_API

BOOST_AUTO_TEST_SUITE_END()

#if !defined(TEMPFILE_TEST_BASE_API)

BOOST_AUTO_TEST_SUITE(owner)

BOOST_AUTO_TEST_CASE(keep_owner_as_root_gives_the_new_file_the_targets_owner_and_group)
{
    if (::geteuid() != 0)
    {
        BOOST_TEST_MESSAGE("skipped: needs root to give the target to another user");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "users.conf";
    write_file(target, "old", 0640);
    BOOST_TEST_REQUIRE(::chown(target.c_str(), other_uid, other_gid) == 0);
    {
        tf::atomic_file f(target, tf::atomic_options().keep_owner());
        f.stream() << "root's edit";
        f.commit();
    }
    struct stat st = lstat_of(target);
    BOOST_TEST(st.st_uid == other_uid);
    BOOST_TEST(st.st_gid == other_gid);
    BOOST_TEST((st.st_mode & 07777) == 0640u, "the mode survives the change of owner");
    BOOST_TEST(read_file(target) == "root's edit");
    // Without the option the writer owns the new file, as documented.
    {
        tf::atomic_file f(target);
        f.commit();
    }
    st = lstat_of(target);
    BOOST_TEST(st.st_uid == 0u);
    BOOST_TEST(leftovers(dir.path, {"users.conf"}) == "");
}

BOOST_AUTO_TEST_CASE(keep_owner_without_permission_fails_commit_and_keeps_the_target)
{
    if (::geteuid() != 0)
    {
        BOOST_TEST_MESSAGE("skipped: needs root to give the target to another user");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "theirs";
    write_file(target, "old", 0644);
    BOOST_TEST_REQUIRE(::chown(target.c_str(), other_uid, other_gid) == 0);
    const int status = run_checked_in_child([&](const child_checks& check) {
        if (!drop_chown_capability())
            return test_support::child_skipped;
        tf::atomic_file f(target, tf::atomic_options().keep_owner());
        f.stream() << "new";
        boost::system::error_code ec;
        f.commit(ec);
        CHILD_CHECK(check, ec == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, !f.committed());
        CHILD_CHECK(check, read_file(target) == "old");
        tf::atomic_file g(target, tf::atomic_options().keep_owner());
        try
        {
            g.commit();
            check(false, "commit gave the file away without permission", __LINE__);
        }
        catch (const fs::filesystem_error& e)
        {
            CHILD_CHECK(check, std::string(e.what()).find("owner") != std::string::npos);
            CHILD_CHECK(check, e.path1() == target);
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(lstat_of(target).st_uid == other_uid);
    BOOST_TEST(leftovers(dir.path, {"theirs"}) == "");
}

BOOST_AUTO_TEST_CASE(keep_owner_of_ones_own_file_makes_one_call_and_works_without_privilege)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "mine";
    write_file(target, "old", 0600);
    fault_scope faults;
    {
        faulty_file f(target, tf::atomic_options().keep_owner());
        f.stream() << "new";
        f.commit();
    }
    BOOST_TEST(read_file(target) == "new");
    BOOST_TEST(lstat_of(target).st_uid == ::geteuid());
    // fchown counts as a chmod: the mode and the owner.
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::chmod) == 2u);
    tf::fault_injection::clear();
    {
        faulty_file f(dir.path / "fresh", tf::atomic_options().keep_owner());
        f.commit();
    }
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::chmod) == 1u, "no target: no owner to keep");
}

BOOST_AUTO_TEST_CASE(keep_owner_does_not_take_the_owner_of_a_planted_symlink)
{
    if (::geteuid() != 0)
    {
        BOOST_TEST_MESSAGE("skipped: needs root");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    write_file(dir.path / "theirs", "x", 0644);
    BOOST_TEST_REQUIRE(::chown((dir.path / "theirs").c_str(), other_uid, other_gid) == 0);
    const fs::path link = dir.path / "config";
    fs::create_symlink("theirs", link);
    BOOST_TEST_REQUIRE(::lchown(link.c_str(), other_uid, other_gid) == 0);
    tf::atomic_file f(link, tf::atomic_options().keep_owner());
    f.commit();
    BOOST_TEST(lstat_of(link).st_uid == 0u, "the link is replaced as if nothing were there");
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(link)));
}

BOOST_AUTO_TEST_CASE(keep_owner_through_a_followed_link_keeps_the_real_files_owner)
{
    if (::geteuid() != 0)
    {
        BOOST_TEST_MESSAGE("skipped: needs root");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path real = dir.path / "real";
    write_file(real, "old", 0640);
    BOOST_TEST_REQUIRE(::chown(real.c_str(), other_uid, other_gid) == 0);
    fs::create_symlink("real", dir.path / "link");
    tf::atomic_file f(dir.path / "link", tf::atomic_options().follow_symlinks().keep_owner());
    f.stream() << "new";
    f.commit();
    BOOST_TEST(lstat_of(real).st_uid == other_uid);
    BOOST_TEST(lstat_of(real).st_gid == other_gid);
    BOOST_TEST(mode_of(real) == 0640u);
    BOOST_TEST(read_file(real) == "new");
}

BOOST_AUTO_TEST_SUITE_END()

#endif // !TEMPFILE_TEST_BASE_API
