// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// atomic_file against the attacks of issue 11 (POSIX): a copied mode that
// would publish a setuid program, a forked child that would write or publish
// its parent's half-written file, a directory whose default ACL decides a
// new file's mode, error_code forms that must not throw, and messages that
// must name the real cause and the right path.

#define BOOST_TEST_MODULE atomic_file_defects
#include <boost/tempfile/atomic_file.hpp>
#include <boost/tempfile/fault_injection.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/filesystem.hpp>
#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/xattr.h>
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
using test_support::fault_scope;
using test_support::leftovers;
using test_support::read_file;
using test_support::write_file;

namespace {

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
template< typename Mode = tf::copy_target_mode >
using faulty_file = tf::basic_atomic_file< Mode, tf::full_sync, tf::random_name<>, faulty_platform >;

struct stat stat_of(const fs::path& p)
{
    struct stat st
    {
    };
    BOOST_TEST_REQUIRE(::lstat(p.c_str(), &st) == 0);
    return st;
}

//! Content of several stream buffers (8 KiB each), different at every byte.
std::string big_content(std::size_t n, char seed)
{
    std::string s(n, ' ');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast< char >('a' + (static_cast< std::size_t >(seed) + i * 7) % 26);
    return s;
}

//! A mode policy with run-time state: whatever the caller sets.
struct runtime_mode
{
    tf::mode_type mode = 0644;
    tf::mode_type final_mode(const tf::mode_context&) const noexcept { return mode; }
};

//! A policy that copies the target's mode as it is, privilege bits and all.
struct verbatim_target_mode
{
    static tf::mode_type final_mode(const tf::mode_context& c) noexcept
    {
        return c.target_exists() ? c.target_mode() : c.new_file_mode();
    }
};

mode_t current_umask()
{
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
}

bool is_forked_child_refusal(const boost::system::error_code& ec)
{
    return ec == boost::system::errc::operation_not_permitted;
}

const uid_t other_uid = 65534; // nobody
const gid_t other_gid = 65534; // nogroup

} // namespace

// ---- 3. never publish set-user-ID or set-group-ID --------------------------------------------

BOOST_AUTO_TEST_SUITE(privilege_bits)

BOOST_AUTO_TEST_CASE(copy_target_mode_drops_setuid_setgid_and_sticky_of_another_users_target)
{
    if (::geteuid() != 0)
    {
        BOOST_TEST_MESSAGE("skipped: needs root to give the target to another user");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    for (const mode_t privileged : {mode_t(04755), mode_t(02755), mode_t(06755), mode_t(01755)})
    {
        const fs::path target = dir.path / ("prog-" + std::to_string(privileged));
        write_file(target, "#!/bin/sh\necho user's\n", 0644);
        BOOST_TEST_REQUIRE(::chown(target.c_str(), other_uid, other_gid) == 0);
        BOOST_TEST_REQUIRE(::chmod(target.c_str(), privileged) == 0); // after chown, which clears the bits
        BOOST_TEST_REQUIRE(mode_of(target) == privileged);
        tf::atomic_file f(target);
        f.stream() << "#!/bin/sh\necho root's\n";
        f.commit();
        const struct stat st = stat_of(target);
        BOOST_TEST((st.st_mode & (S_ISUID | S_ISGID)) == 0u, "from " << std::oct << privileged);
        BOOST_TEST((st.st_mode & 07777) == 0755u, "from " << std::oct << privileged);
        BOOST_TEST(st.st_uid == ::geteuid()); // the writer's, as documented
        BOOST_TEST(read_file(target) == "#!/bin/sh\necho root's\n");
    }
    BOOST_TEST(dir.entries() == 4u); // the four targets, no temporary file
}

BOOST_AUTO_TEST_CASE(copy_target_mode_drops_setuid_of_a_program_reached_through_a_symlink)
{
    if (::geteuid() != 0)
    {
        BOOST_TEST_MESSAGE("skipped: needs root to give the program to another user");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    for (const mode_t privileged : {mode_t(04755), mode_t(02755), mode_t(06755), mode_t(01755)})
    {
        const fs::path program = dir.path / "program";
        const fs::path link = dir.path / "users-config";
        fs::remove(link);
        write_file(program, "setuid program", 0644);
        BOOST_TEST_REQUIRE(::chown(program.c_str(), other_uid, other_gid) == 0);
        BOOST_TEST_REQUIRE(::chmod(program.c_str(), privileged) == 0);
        fs::create_symlink(program, link); // planted where a service rewrites a user's file
        tf::atomic_file f(link);
        f.stream() << "service's content";
        f.commit();
        BOOST_TEST(!fs::is_symlink(fs::symlink_status(link)));
        BOOST_TEST((mode_of(link) & (S_ISUID | S_ISGID)) == 0u, "from " << std::oct << privileged);
        // The link is no target (issue 16.7): a new file's mode, nothing of the program's.
        BOOST_TEST(mode_of(link) == (0666u & ~current_umask()), "from " << std::oct << privileged);
        BOOST_TEST(mode_of(program) == privileged); // the program itself is untouched
        BOOST_TEST(read_file(program) == "setuid program");
    }
}

BOOST_AUTO_TEST_CASE(a_run_time_policy_asking_for_setuid_or_setgid_fails_commit_and_keeps_the_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "t";
    for (const tf::mode_type asked : {tf::mode_type(04755), tf::mode_type(02755), tf::mode_type(06711)})
    {
        write_file(target, "old", 0644);
        tf::basic_atomic_file< runtime_mode > f(target);
        const fs::path temp = f.temp_path();
        f.mode_policy().mode = asked;
        f.stream() << "new";
        try
        {
            f.commit();
            BOOST_ERROR("commit published mode " << std::oct << asked);
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == boost::system::errc::operation_not_permitted);
            BOOST_TEST(std::string(e.what()).find("set-user-ID or set-group-ID") != std::string::npos, e.what());
            BOOST_TEST(e.path1() == target);
        }
        BOOST_TEST(!f.committed());
        BOOST_TEST(read_file(target) == "old");
        BOOST_TEST(mode_of(target) == 0644u);
        BOOST_TEST(!fs::exists(temp));
    }
    BOOST_TEST(leftovers(dir.path, {"t"}) == "");
}

BOOST_AUTO_TEST_CASE(a_policy_copying_a_setuid_targets_mode_verbatim_is_refused_with_error_code)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "suid";
    write_file(target, "old", 04755);
    tf::basic_atomic_file< verbatim_target_mode > f(target);
    f.stream() << "new";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(leftovers(dir.path, {"suid"}) == "");
}

BOOST_AUTO_TEST_CASE(target_mode_still_tells_the_truth_to_a_policy)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "sticky";
    write_file(target, "old", 04710);
    struct seen_mode
    {
        static tf::mode_type& last()
        {
            static tf::mode_type m = 0;
            return m;
        }
        static tf::mode_type final_mode(const tf::mode_context& c) noexcept
        {
            last() = c.target_mode();
            return 0600;
        }
    };
    tf::basic_atomic_file< seen_mode > f(target);
    f.commit();
    BOOST_TEST(seen_mode::last() == 04710u);
    BOOST_TEST(mode_of(target) == 0600u);
}

BOOST_AUTO_TEST_CASE(the_sticky_bit_asked_for_by_a_policy_is_published)
{
    // Not a privilege: only copy_target_mode leaves it out (it would fail
    // commit() on the BSDs for others than root); asked for, it is kept.
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "asked";
    tf::basic_atomic_file< runtime_mode > f(target);
    f.mode_policy().mode = 01644;
    f.commit();
    BOOST_TEST(mode_of(target) == 01644u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- 4. fork: a child never writes or publishes its parent's file ---------------------------------

BOOST_AUTO_TEST_SUITE(forked_child)

BOOST_AUTO_TEST_CASE(child_commit_fails_and_the_parents_commit_publishes_exactly_its_content)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "conf";
    write_file(target, "old", 0644);
    // Some of it written out already, the rest still in the stream's buffer.
    const std::string first = big_content(20000, 'p');
    const std::string rest = "and the parent's tail";
    tf::atomic_file f(target);
    f.stream() << first;
    const fs::path temp = f.temp_path();
    const int status = run_checked_in_child([&](const child_checks& check) {
        boost::system::error_code ec;
        f.commit(ec);
        CHILD_CHECK(check, is_forked_child_refusal(ec));
        CHILD_CHECK(check, !f.committed());
        CHILD_CHECK(check, read_file(target) == "old");
        CHILD_CHECK(check, fs::exists(temp));
        try
        {
            f.commit();
            check(false, "the throwing commit() published in the child", __LINE__);
        }
        catch (const fs::filesystem_error& e)
        {
            CHILD_CHECK(check, is_forked_child_refusal(e.code()));
            CHILD_CHECK(check, std::string(e.what()).find("belongs to the process that created it (this is a forked "
                                                          "child)") != std::string::npos);
            CHILD_CHECK(check, e.path1() == target);
            CHILD_CHECK(check, e.path2() == temp);
        }
        CHILD_CHECK(check, read_file(target) == "old");
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(fs::exists(temp));
    f.stream() << rest;
    f.commit();
    BOOST_TEST((read_file(target) == first + rest)); // byte for byte: nothing twice, nothing lost
    BOOST_TEST(leftovers(dir.path, {"conf"}) == "");
}

BOOST_AUTO_TEST_CASE(child_commit_no_clobber_of_a_new_target_publishes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "fresh";
    tf::atomic_file f(target);
    f.stream() << "parent";
    const int status = run_checked_in_child([&](const child_checks& check) {
        boost::system::error_code ec;
        f.commit(tf::no_clobber, ec);
        CHILD_CHECK(check, is_forked_child_refusal(ec));
        CHILD_CHECK(check, !fs::exists(target));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(!fs::exists(target));
    f.commit(tf::no_clobber);
    BOOST_TEST(read_file(target) == "parent");
}

BOOST_AUTO_TEST_CASE(child_cancel_fails_and_the_parents_temporary_file_stays)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "kept";
    write_file(target, "old", 0644);
    tf::atomic_file f(target);
    f.stream() << "parent";
    const fs::path temp = f.temp_path();
    const int status = run_checked_in_child([&](const child_checks& check) {
        boost::system::error_code ec;
        f.cancel(ec);
        CHILD_CHECK(check, is_forked_child_refusal(ec));
        CHILD_CHECK(check, fs::exists(temp));
        try
        {
            f.cancel();
            check(false, "the throwing cancel() succeeded in the child", __LINE__);
        }
        catch (const fs::filesystem_error& e)
        {
            CHILD_CHECK(check, is_forked_child_refusal(e.code()));
            CHILD_CHECK(check, e.path1() == target);
        }
        CHILD_CHECK(check, fs::exists(temp));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::exists(temp));
    f.commit();
    BOOST_TEST(read_file(target) == "parent");
    BOOST_TEST(leftovers(dir.path, {"kept"}) == "");
}

BOOST_AUTO_TEST_CASE(child_destroying_its_copy_writes_nothing_and_removes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "d";
    write_file(target, "old", 0644);
    tf::atomic_file f(target);
    f.stream() << "buffered in the parent";
    const fs::path temp = f.temp_path();
    const int status = run_checked_in_child([&](const child_checks& check) {
        {
            tf::atomic_file copy(std::move(f));
        }
        {
            tf::atomic_file other(target); // the child's own: works as usual
            other.stream() << "child's own";
            other.cancel();
        }
        CHILD_CHECK(check, fs::exists(temp));
        CHILD_CHECK(check, fs::file_size(temp) == 0u);
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::file_size(temp) == 0u);
    f.commit();
    BOOST_TEST(read_file(target) == "buffered in the parent");
}

BOOST_AUTO_TEST_CASE(child_stream_is_failed_for_good_and_writes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "s";
    for (const bool parent_made_the_stream : {true, false})
    {
        write_file(target, "old", 0644);
        tf::atomic_file f(target);
        if (parent_made_the_stream)
            f.stream() << "parent";
        else
            BOOST_TEST_REQUIRE(::write(f.native_handle(), "parent", 6) == 6);
        const fs::path temp = f.temp_path();
        const int status = run_checked_in_child([&](const child_checks& check) {
            std::iostream& s = f.stream();
            CHILD_CHECK(check, s.bad());
            s.clear();
            s << "child" << std::flush;
            CHILD_CHECK(check, s.bad());
            CHILD_CHECK(check, fs::file_size(temp) == (parent_made_the_stream ? 0u : 6u));
            return 0;
        });
        BOOST_TEST(status == 0);
        BOOST_TEST(fs::file_size(temp) == (parent_made_the_stream ? 0u : 6u));
        BOOST_TEST(f.stream().good());
        f.commit();
        BOOST_TEST(read_file(target) == "parent", "stream made in the parent: " << parent_made_the_stream);
    }
}

BOOST_AUTO_TEST_CASE(child_stream_does_not_throw_even_with_badbit_in_the_exception_mask)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "x";
    tf::atomic_file f(target);
    f.stream().exceptions(std::ios_base::badbit | std::ios_base::failbit);
    f.stream() << "parent";
    const int status = run_checked_in_child([&](const child_checks& check) {
        try
        {
            CHILD_CHECK(check, f.stream().bad());
        }
        catch (const std::exception& e)
        {
            check(false, std::string("stream() threw in the child: ") + e.what(), __LINE__);
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    f.commit();
    BOOST_TEST(read_file(target) == "parent");
}

BOOST_AUTO_TEST_CASE(child_native_handle_does_not_write_the_parents_buffer)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "h";
    tf::atomic_file f(target);
    f.stream() << "NEW";
    const fs::path temp = f.temp_path();
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, f.native_handle() >= 0);
        CHILD_CHECK(check, fs::file_size(temp) == 0u);
        return 0;
    });
    BOOST_TEST(status == 0);
    f.commit();
    BOOST_TEST(read_file(target) == "NEW");
}

BOOST_AUTO_TEST_CASE(child_move_assignment_over_the_parents_object_writes_and_removes_nothing)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "m";
    tf::atomic_file f(target);
    f.stream() << "parent";
    const fs::path temp = f.temp_path();
    const int status = run_checked_in_child([&](const child_checks& check) {
        tf::atomic_file mine(dir.path / "child's");
        f = std::move(mine); // disposes of the parent's copy here
        f.cancel();          // the child's own: cancelled as usual
        CHILD_CHECK(check, fs::exists(temp));
        CHILD_CHECK(check, fs::file_size(temp) == 0u);
        return 0;
    });
    BOOST_TEST(status == 0);
    f.commit();
    BOOST_TEST(read_file(target) == "parent");
    BOOST_TEST(leftovers(dir.path, {"m"}) == "");
}

BOOST_AUTO_TEST_CASE(parent_that_failed_to_remove_its_temp_name_still_owns_it_against_the_child)
{
    // After the link fallback could not remove the temporary name, cancel()
    // retries; in a child it must not.
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / "linked";
    fs::path temp;
    {
        using portable = tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>,
                                                tf::fault_injecting_platform< tf::posix_platform > >;
        fault_scope faults;
        portable f(target);
        temp = f.temp_path();
        f.stream() << "content";
        tf::fault_injection::fail(tf::sys_call::unlink, EBUSY);
        boost::system::error_code ec;
        f.commit(tf::no_clobber, ec);
        BOOST_TEST_REQUIRE(f.committed());
        BOOST_TEST_REQUIRE(fs::exists(temp));
        const int status = run_checked_in_child([&](const child_checks& check) {
            boost::system::error_code cancel_ec;
            f.cancel(cancel_ec);
            CHILD_CHECK(check, is_forked_child_refusal(cancel_ec));
            CHILD_CHECK(check, fs::exists(temp));
            return 0;
        });
        BOOST_TEST(status == 0);
        BOOST_TEST(fs::exists(temp));
        f.cancel();
    }
    BOOST_TEST(!fs::exists(temp));
    BOOST_TEST(read_file(target) == "content");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- 14. a new file's mode where the directory has a default ACL -------------------------------

BOOST_AUTO_TEST_SUITE(default_acl)

namespace {

bool have_setfacl()
{
    return std::system("command -v setfacl >/dev/null 2>&1") == 0;
}

//! Gives dir a default ACL; false (with a message) where that is not possible.
bool set_default_acl(const fs::path& dir, const std::string& spec)
{
    const std::string cmd = "setfacl -d -m '" + spec + "' '" + dir.string() + "' 2>&1";
    if (std::system(cmd.c_str()) != 0)
    {
        BOOST_TEST_MESSAGE("skipped: setfacl could not set a default ACL here (" << cmd << ")");
        return false;
    }
    return true;
}

//! The access ACL as stored (the system.posix_acl_access attribute); "" when none.
std::string access_acl(const fs::path& p)
{
    char buf[1024];
    const ::ssize_t n = ::lgetxattr(p.c_str(), "system.posix_acl_access", buf, sizeof buf);
    return n < 0 ? std::string() : std::string(buf, static_cast< std::size_t >(n));
}

//! What a plain create gives in dir.
fs::path plain_create(const fs::path& dir)
{
    const fs::path p = dir / "plain";
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    BOOST_TEST_REQUIRE(fd >= 0);
    ::close(fd);
    return p;
}

//! A platform that cannot read extended attributes: "cannot tell".
struct xattr_blind_platform : tf::native_platform
{
};

::ssize_t get_xattr_fd(xattr_blind_platform, int, const char*, void*, std::size_t) noexcept
{
    errno = EIO;
    return -1;
}

template< typename File >
void check_new_file_gets_what_a_plain_create_gets(const std::string& spec)
{
    if (!have_setfacl())
    {
        BOOST_TEST_MESSAGE("skipped: setfacl is missing (Debian package acl; tools/setup.sh installs it)");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    if (!set_default_acl(dir.path, spec))
        return;
    for (const mode_t mask : {mode_t(077), mode_t(022), mode_t(0)})
    {
        scoped_umask scope(mask);
        const fs::path plain = plain_create(dir.path);
        const fs::path target = dir.path / "published";
        {
            File f(target);
            BOOST_TEST(mode_of(f.temp_path()) == 0600u); // private while written
            f.stream() << "x";
            f.commit();
        }
        BOOST_TEST(mode_of(target) == mode_of(plain), spec << ", umask " << std::oct << mask << ": "
                                                          << mode_of(target) << " instead of " << mode_of(plain));
        BOOST_TEST((access_acl(target) == access_acl(plain)), spec << ", umask " << std::oct << mask);
        BOOST_TEST(leftovers(dir.path, {"plain", "published"}) == "");
        fs::remove(plain);
        fs::remove(target);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(new_target_gets_the_mode_of_a_plain_create_under_a_default_acl)
{
    check_new_file_gets_what_a_plain_create_gets< tf::atomic_file >("u::rw,g::r,o::r,m::rw");
}

BOOST_AUTO_TEST_CASE(new_target_gets_the_mode_and_acl_of_a_plain_create_under_named_entries)
{
    check_new_file_gets_what_a_plain_create_gets< tf::atomic_file >("u::rwx,u:65534:rw,g::r,g:65534:rwx,m::rwx,o::-");
}

BOOST_AUTO_TEST_CASE(new_target_gets_the_mode_of_a_plain_create_under_a_minimal_default_acl)
{
    check_new_file_gets_what_a_plain_create_gets< tf::atomic_file >("u::rw,g::rw,o::rw");
}

BOOST_AUTO_TEST_CASE(umask_mode_also_gets_what_the_default_acl_gives)
{
    check_new_file_gets_what_a_plain_create_gets< tf::basic_atomic_file< tf::umask_mode > >("u::rw,g::rw,o::r,m::rw");
}

BOOST_AUTO_TEST_CASE(a_platform_that_cannot_tell_probes_and_gets_the_truth)
{
    using blind_file = tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>,
                                              xattr_blind_platform >;
    check_new_file_gets_what_a_plain_create_gets< blind_file >("u::rw,g::r,o::rw,m::rw");
    // And without any default ACL.
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(027);
    {
        blind_file f(dir.path / "no-acl");
        f.commit();
    }
    BOOST_TEST(mode_of(dir.path / "no-acl") == 0640u);
    BOOST_TEST(leftovers(dir.path, {"no-acl"}) == "");
}

BOOST_AUTO_TEST_CASE(without_a_default_acl_the_umask_shortcut_makes_no_probe_file)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(027);
    fault_scope faults;
    {
        faulty_file<> f(dir.path / "quick");
        f.commit();
    }
    BOOST_TEST(mode_of(dir.path / "quick") == 0640u);
    // The directory, the temporary file, /proc/self/status: no probe.
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::open) == 3u);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 0u);
}

BOOST_AUTO_TEST_CASE(existing_target_keeps_its_mode_under_a_default_acl)
{
    if (!have_setfacl())
    {
        BOOST_TEST_MESSAGE("skipped: setfacl is missing (Debian package acl; tools/setup.sh installs it)");
        return;
    }
    fd_leak_check leaks;
    scratch_dir dir;
    if (!set_default_acl(dir.path, "u::rw,u:65534:rw,g::r,m::rw,o::r"))
        return;
    const fs::path target = dir.path / "existing";
    write_file(target, "old", 0640);
    tf::atomic_file f(target);
    f.stream() << "new";
    f.commit();
    BOOST_TEST(mode_of(target) == 0640u); // the mask is the copied group bits: u:65534 gets r only
    // The ACL any new file there gets, with the copied mode applied.
    const fs::path reference = dir.path / "reference";
    const int fd = ::open(reference.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    BOOST_TEST_REQUIRE(fd >= 0);
    BOOST_TEST_REQUIRE(::fchmod(fd, 0640) == 0);
    ::close(fd);
    BOOST_TEST(!access_acl(target).empty());
    BOOST_TEST((access_acl(target) == access_acl(reference)));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- 13. error_code forms throw nothing but bad_alloc -----------------------------------------------

BOOST_AUTO_TEST_SUITE(error_code_forms)

BOOST_AUTO_TEST_CASE(a_relative_target_with_no_current_directory_is_reported_not_thrown)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const int status = run_checked_in_child([&](const child_checks& check) {
        const fs::path gone = dir.path / "gone";
        CHILD_CHECK(check, ::mkdir(gone.c_str(), 0700) == 0);
        CHILD_CHECK(check, ::chdir(gone.c_str()) == 0);
        CHILD_CHECK(check, ::rmdir(gone.c_str()) == 0);
        boost::system::error_code ec;
        try
        {
            tf::atomic_file f("relative", ec);
            CHILD_CHECK(check, ec == boost::system::errc::no_such_file_or_directory);
            CHILD_CHECK(check, !f.is_open());
            f.commit(ec);
            CHILD_CHECK(check, ec == boost::system::errc::operation_not_permitted);
            f.cancel(ec);
            CHILD_CHECK(check, ec == boost::system::errc::operation_not_permitted);
            tf::atomic_file g("relative", tf::no_clobber, ec);
            CHILD_CHECK(check, !!ec);
        }
        catch (...)
        {
            check(false, "an error_code form threw", __LINE__);
        }
        try
        {
            tf::atomic_file f("relative");
            check(false, "constructed without a current directory", __LINE__);
        }
        catch (const fs::filesystem_error& e)
        {
            CHILD_CHECK(check, e.path1() == "relative");
            CHILD_CHECK(check, std::string(e.what()).find("no current directory") != std::string::npos);
        }
        return 0;
    });
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(every_injected_failure_through_the_error_code_forms_is_reported_not_thrown)
{
    scratch_dir dir;
    const fs::path target = dir.path / "target";
    const tf::sys_call calls[] = {tf::sys_call::open,  tf::sys_call::unlink, tf::sys_call::close,
                                  tf::sys_call::stat,  tf::sys_call::chmod,  tf::sys_call::read,
                                  tf::sys_call::write, tf::sys_call::seek,   tf::sys_call::sync,
                                  tf::sys_call::rename, tf::sys_call::link};
    const auto scenario = [&](bool existing, bool no_clobber) {
        boost::system::error_code ec;
        faulty_file<> f(target, ec);
        if (ec)
            return;
        f.stream() << big_content(10000, 'e');
        if (no_clobber)
            f.commit(tf::no_clobber, ec);
        else
            f.commit(ec);
        f.cancel(ec);
        (void)existing;
    };
    unsigned points = 0;
    for (const bool existing : {true, false})
        for (const bool no_clobber : {false, true})
            for (const tf::sys_call call : calls)
            {
                fault_scope counting;
                fs::remove(target);
                if (existing)
                    write_file(target, "old", 0644);
                scenario(existing, no_clobber);
                const unsigned n = tf::fault_injection::calls(call);
                for (unsigned i = 0; i < n; ++i, ++points)
                {
                    fd_leak_check leaks;
                    fault_scope faults;
                    fs::remove(target);
                    if (existing)
                        write_file(target, "old", 0644);
                    tf::fault_injection::fail(call, EIO, i);
                    BOOST_CHECK_NO_THROW(scenario(existing, no_clobber));
                    BOOST_TEST(leftovers(dir.path, {"target"}) == "");
                }
            }
    BOOST_TEST(points >= 20u);
}

BOOST_AUTO_TEST_CASE(error_code_forms_in_a_forked_child_report_and_do_not_throw)
{
    fd_leak_check leaks;
    scratch_dir dir;
    tf::atomic_file f(dir.path / "p");
    const int status = run_checked_in_child([&](const child_checks& check) {
        boost::system::error_code ec;
        try
        {
            f.commit(ec);
            CHILD_CHECK(check, is_forked_child_refusal(ec));
            f.commit(tf::no_clobber, ec);
            CHILD_CHECK(check, is_forked_child_refusal(ec));
            f.cancel(ec);
            CHILD_CHECK(check, is_forked_child_refusal(ec));
        }
        catch (...)
        {
            check(false, "an error_code form threw in the child", __LINE__);
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    f.cancel();
}

BOOST_AUTO_TEST_SUITE_END()

// ---- messages that name the real cause and the right path ------------------------------------------

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(a_target_name_longer_than_name_max_is_refused_at_construction_naming_the_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / std::string(256, 'n');
    try
    {
        tf::atomic_file f(target);
        BOOST_ERROR("constructed over a 256-byte name");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::filename_too_long);
        BOOST_TEST(std::string(e.what()).find("the target's file name is too long (256 bytes") != std::string::npos,
                   e.what());
        BOOST_TEST(e.path1() == target);
    }
    boost::system::error_code ec;
    tf::basic_atomic_file< tf::fixed_mode< 0644 > > g(target, ec);
    BOOST_TEST(ec == boost::system::errc::filename_too_long);
    BOOST_TEST(!g.is_open());
    BOOST_TEST(dir.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(a_name_too_long_for_the_file_system_is_refused_at_construction)
{
    // A file system taking fewer than NAME_MAX bytes: its ENAMETOOLONG comes
    // from looking the name up, which happens only for a name longer than
    // what the temporary name proved to fit.
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path target = dir.path / std::string(200, 'l');
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::stat, ENAMETOOLONG);
    try
    {
        faulty_file< tf::fixed_mode< 0644 > > f(target);
        BOOST_ERROR("constructed");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::filename_too_long);
        BOOST_TEST(std::string(e.what()).find("the target's file name is too long for its file system") !=
                       std::string::npos,
                   e.what());
        BOOST_TEST(e.path1() == target);
        BOOST_TEST(e.path2() == dir.path);
    }
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    BOOST_TEST(dir.entries() == 0u);
    // A short name needs no look-up: the temporary name, longer, proved it fits.
    tf::fault_injection::clear();
    faulty_file< tf::fixed_mode< 0644 > > g(dir.path / "short");
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::stat) == 0u);
}

BOOST_AUTO_TEST_CASE(a_self_looping_symlink_at_the_target_is_replaced_with_a_new_files_mode)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(022);
    const fs::path loop = dir.path / "loop";
    BOOST_TEST_REQUIRE(::symlink("loop", loop.c_str()) == 0); // ln -s loop loop
    tf::atomic_file f(loop);
    f.stream() << "replaced";
    f.commit();
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(loop)));
    BOOST_TEST(read_file(loop) == "replaced");
    BOOST_TEST(mode_of(loop) == 0644u);
    BOOST_TEST(leftovers(dir.path, {"loop"}) == "");
}

BOOST_AUTO_TEST_CASE(a_symlink_through_a_regular_file_counts_as_no_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    scoped_umask scope(027);
    write_file(dir.path / "file", "not a directory", 0600);
    const fs::path link = dir.path / "link";
    BOOST_TEST_REQUIRE(::symlink("file/below", link.c_str()) == 0);
    tf::atomic_file f(link);
    f.commit();
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(link)));
    BOOST_TEST(mode_of(link) == 0640u);
}

BOOST_AUTO_TEST_CASE(a_looping_symlink_with_no_clobber_is_an_existing_target)
{
    fd_leak_check leaks;
    scratch_dir dir;
    const fs::path loop = dir.path / "loop";
    BOOST_TEST_REQUIRE(::symlink("loop", loop.c_str()) == 0);
    tf::atomic_file f(loop, tf::no_clobber);
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(fs::is_symlink(fs::symlink_status(loop)));
    BOOST_TEST(leftovers(dir.path, {"loop"}) == "");
}

BOOST_AUTO_TEST_SUITE_END()
