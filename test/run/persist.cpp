// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// persist() on POSIX: renameat2(RENAME_NOREPLACE) and its link + unlink
// fallback, EXDEV across file systems, a symlink or a directory at the
// target, a second persist; for anonymous O_TMPFILE files linkat, with a
// staged name renamed over the target for the replacing form. What every
// backend shares is in test/behaviour/persist.cpp.

#define BOOST_TEST_MODULE persist
#include <boost/tempfile.hpp>
#include <boost/tempfile/fault_injection.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::fault_scope;
using test_support::names_in;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_named = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty >;
using faulty_anonymous = tf::basic_temp_file< tf::random_name<>, tf::owner_only, faulty >;

struct identity
{
    dev_t dev = 0;
    ino_t ino = 0;
    nlink_t links = 0;
    bool operator==(const identity& o) const { return dev == o.dev && ino == o.ino; }
    bool operator!=(const identity& o) const { return !(*this == o); }
    friend std::ostream& operator<<(std::ostream& os, const identity& i)
    {
        return os << "dev " << i.dev << " ino " << i.ino << " links " << i.links;
    }
};

identity identity_of(const fs::path& p)
{
    struct stat st;
    if (::lstat(p.c_str(), &st) != 0)
        return {};
    return {st.st_dev, st.st_ino, st.st_nlink};
}

identity identity_of_fd(int fd)
{
    struct stat st;
    if (::fstat(fd, &st) != 0)
        return {};
    return {st.st_dev, st.st_ino, st.st_nlink};
}

//! A scratch directory on /dev/shm (tmpfs), for moves between file systems.
struct shm_dir
{
    shm_dir()
    {
        char t[] = "/dev/shm/tempfile-persist-XXXXXX";
        if (::mkdtemp(t))
            path = t;
    }
    ~shm_dir()
    {
        if (!path.empty())
        {
            boost::system::error_code ec;
            fs::remove_all(path, ec);
        }
    }
    fs::path path;
};

//! Whether a and b are on different file systems (st_dev differs).
bool different_file_systems(const fs::path& a, const fs::path& b)
{
    struct stat sa, sb;
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev != sb.st_dev;
}

//! Whether the file system holding dir accepts O_TMPFILE.
bool o_tmpfile_works_in(const fs::path& dir)
{
#if defined(O_TMPFILE)
    const int fd = ::open(dir.c_str(), O_RDWR | O_TMPFILE | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
#else
    (void)dir;
    return false;
#endif
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

} // namespace

// =============================================================================
// named_temp_file::persist
// =============================================================================

BOOST_AUTO_TEST_SUITE(named_file)

BOOST_AUTO_TEST_CASE(a_second_persist_fails_and_moves_nothing)
{
    // Issue 16.7: once published the object owns and moves nothing.
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    f.persist(scratch.path / "first");
    boost::system::error_code ec;
    f.persist(scratch.path / "second", ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    BOOST_TEST(f.path() == scratch.path / "first");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"first"}));
}

BOOST_AUTO_TEST_CASE(persist_onto_a_directory_fails_and_leaves_the_file_owned)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path target = scratch.path / "a-directory";
    fs::create_directory(target);
    fs::path temp;
    {
        tf::named_temp_file<> f(in(scratch.path));
        temp = f.path();
        boost::system::error_code ec;
        f.persist(target, ec);
        BOOST_TEST(ec == boost::system::errc::is_a_directory);
        BOOST_TEST(f.path() == temp);
        BOOST_TEST(f.owns_name());
        BOOST_TEST(present(temp));
        BOOST_TEST(fs::is_directory(target));
    }
    BOOST_TEST(!present(temp));
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"a-directory"}));
}

BOOST_AUTO_TEST_CASE(error_code_form_clears_a_stale_error_on_success)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    boost::system::error_code ec = make_error_code(boost::system::errc::io_error);
    f.persist(scratch.path / "a", ec);
    BOOST_TEST(!ec);
    tf::named_temp_file<> g(in(scratch.path));
    ec = make_error_code(boost::system::errc::io_error);
    g.persist(scratch.path / "b", tf::no_clobber, ec);
    BOOST_TEST(!ec);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"a", "b"}));
}

// ---- no_clobber --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(no_clobber_counts_a_dangling_symlink_as_an_existing_target)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path target = scratch.path / "dangling";
    BOOST_TEST_REQUIRE(::symlink("nowhere", target.c_str()) == 0);
    tf::named_temp_file<> f(in(scratch.path));
    boost::system::error_code ec;
    f.persist(target, tf::no_clobber, ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(fs::is_symlink(fs::symlink_status(target)));
    BOOST_TEST(!present(scratch.path / "nowhere"));
    BOOST_TEST(f.owns_name());
}

// ---- across file systems -------------------------------------------------------

BOOST_AUTO_TEST_CASE(persist_across_file_systems_fails_with_exdev_naming_both_paths)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    shm_dir shm;
    if (shm.path.empty() || !different_file_systems(shm.path, scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: /dev/shm and " << scratch.path << " are not two file systems here");
        return;
    }
    const fs::path target = scratch.path / "elsewhere.txt";
    fs::path temp;
    {
        tf::named_temp_file<> f(in(shm.path));
        temp = f.path();
        f.stream() << "do not lose me";
        for (bool no_clobber : {false, true})
        {
            BOOST_TEST_CONTEXT("no_clobber " << no_clobber)
            {
                try
                {
                    if (no_clobber)
                        f.persist(target, tf::no_clobber);
                    else
                        f.persist(target);
                    BOOST_ERROR("persist across file systems did not throw");
                }
                catch (const fs::filesystem_error& e)
                {
                    BOOST_TEST(e.code() == boost::system::errc::cross_device_link);
                    BOOST_TEST(e.path1() == temp);
                    BOOST_TEST(e.path2() == target);
                    BOOST_TEST(contains(e.what(), "another file system"));
                }
                boost::system::error_code ec;
                if (no_clobber)
                    f.persist(target, tf::no_clobber, ec);
                else
                    f.persist(target, ec);
                BOOST_TEST(ec == boost::system::errc::cross_device_link);
                BOOST_TEST(f.path() == temp);
                BOOST_TEST(f.owns_name());
                BOOST_TEST(read_file(temp) == "do not lose me");
                BOOST_TEST(!present(target));
            }
        }
    }
    BOOST_TEST(!present(temp));
    BOOST_TEST(scratch.entries() == 0u);
    BOOST_TEST(names_in(shm.path).empty());
}

BOOST_AUTO_TEST_CASE(injected_exdev_is_reported_as_another_file_system_and_loses_nothing)
{
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "target";
    fs::path temp;
    {
        faulty_named f(in(scratch.path));
        temp = f.path();
        tf::fault_injection::fail(tf::sys_call::rename, EXDEV);
        try
        {
            f.persist(target);
            BOOST_ERROR("persist did not throw");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == boost::system::errc::cross_device_link);
            BOOST_TEST(e.path1() == temp);
            BOOST_TEST(e.path2() == target);
            BOOST_TEST(contains(e.what(), "another file system"));
        }
        BOOST_TEST(tf::fault_injection::injected() == 1u);
        BOOST_TEST(f.owns_name());
        BOOST_TEST(present(temp));
        BOOST_TEST(!present(target));
    }
    BOOST_TEST(scratch.entries() == 0u);
}

// ---- the link + unlink fallback of no_clobber ------------------------------------

BOOST_AUTO_TEST_CASE(no_clobber_falls_back_to_link_and_unlink_when_renameat2_says_einval)
{
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "linked.txt";
    fs::path temp;
    {
        faulty_named f(in(scratch.path));
        temp = f.path();
        f.stream() << "via link";
        const identity mine = identity_of_fd(f.native_handle());
        tf::fault_injection::clear();
        tf::fault_injection::fail(tf::sys_call::rename, EINVAL);
        f.persist(target, tf::no_clobber);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::rename) == 1u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::link) == 1u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 1u);
        BOOST_TEST(f.path() == target);
        BOOST_TEST(!f.owns_name());
        BOOST_TEST(!present(temp));
        BOOST_TEST(identity_of(target) == mine);
        BOOST_TEST(identity_of(target).links == 1u);
    }
    BOOST_TEST(read_file(target) == "via link");
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(no_clobber_fallback_fails_with_eexist_and_leaves_the_target_untouched)
{
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "taken";
    write_file(target, "theirs");
    const identity theirs = identity_of(target);
    fs::path temp;
    {
        faulty_named f(in(scratch.path));
        temp = f.path();
        tf::fault_injection::clear();
        tf::fault_injection::fail(tf::sys_call::rename, EINVAL);
        try
        {
            f.persist(target, tf::no_clobber);
            BOOST_ERROR("persist over an existing target did not throw");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == boost::system::errc::file_exists);
            BOOST_TEST(e.path1() == temp);
            BOOST_TEST(e.path2() == target);
        }
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::link) == 1u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 0u);
        BOOST_TEST(f.owns_name());
        BOOST_TEST(f.path() == temp);
        BOOST_TEST(present(temp));
        BOOST_TEST(identity_of(target) == theirs);
        BOOST_TEST(identity_of(temp).links == 1u);
    }
    BOOST_TEST(read_file(target) == "theirs");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"taken"}));
}

BOOST_AUTO_TEST_CASE(no_clobber_fallback_with_a_failing_link_changes_nothing)
{
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "target";
    fs::path temp;
    {
        faulty_named f(in(scratch.path));
        temp = f.path();
        tf::fault_injection::fail(tf::sys_call::rename, EINVAL);
        tf::fault_injection::fail(tf::sys_call::link, EMLINK);
        boost::system::error_code ec;
        f.persist(target, tf::no_clobber, ec);
        BOOST_TEST(ec == boost::system::errc::too_many_links);
        BOOST_TEST(tf::fault_injection::injected() == 2u);
        BOOST_TEST(f.owns_name());
        BOOST_TEST(f.path() == temp);
        BOOST_TEST(present(temp));
        BOOST_TEST(!present(target));
    }
    BOOST_TEST(!present(temp));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(no_clobber_fallback_with_a_failing_unlink_leaves_the_new_name_and_says_so)
{
    // Taking the new name back by path could remove what another process
    // put there after the link: the target is left published, the error
    // names both paths, and the object still owns (and later removes) only
    // the temporary name -- the data lives on under the target.
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "target";
    fs::path temp;
    {
        faulty_named f(in(scratch.path));
        temp = f.path();
        f.stream() << "payload" << std::flush;
        tf::fault_injection::clear();
        tf::fault_injection::fail(tf::sys_call::rename, EINVAL);
        tf::fault_injection::fail(tf::sys_call::unlink, EBUSY);
        try
        {
            f.persist(target, tf::no_clobber);
            BOOST_ERROR("persist with a failing unlink did not throw");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == boost::system::errc::device_or_resource_busy);
            BOOST_TEST(e.path1() == temp);
            BOOST_TEST(e.path2() == target);
            BOOST_TEST(contains(e.what(), "has its new name"), e.what());
        }
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::link) == 1u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::unlink) == 1u); // no take-back
        BOOST_TEST(f.owns_name());
        BOOST_TEST(f.path() == temp);
        BOOST_TEST(present(temp));
        BOOST_TEST(identity_of(temp).links == 2u);
        BOOST_TEST(present(target));
    }
    BOOST_TEST(!present(temp));
    BOOST_TEST(read_file(target) == "payload");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"target"}));
}

BOOST_AUTO_TEST_CASE(kernel_without_renameat2_is_remembered_for_the_process)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    // The memory is process-wide and sticky: learn it in a child only.
    const int status = test_support::run_in_child([&] {
        tf::fault_injection::clear();
        {
            faulty_named f(in(scratch.path));
            tf::fault_injection::fail(tf::sys_call::rename, ENOSYS);
            f.persist(scratch.path / "first", tf::no_clobber);
            if (tf::fault_injection::calls(tf::sys_call::rename) != 1 ||
                tf::fault_injection::calls(tf::sys_call::link) != 1)
                return 2;
        }
        tf::fault_injection::clear();
        {
            faulty_named f(in(scratch.path));
            f.persist(scratch.path / "second", tf::no_clobber);
            if (tf::fault_injection::calls(tf::sys_call::rename) != 0) // renameat2 not tried again
                return 3;
            if (tf::fault_injection::calls(tf::sys_call::link) != 1)
                return 4;
            boost::system::error_code ec;
            faulty_named g(in(scratch.path));
            g.persist(scratch.path / "second", tf::no_clobber, ec);
            if (ec != boost::system::errc::file_exists)
                return 5;
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"first", "second"}));
}

BOOST_AUTO_TEST_CASE(einval_from_renameat2_is_not_remembered)
{
    TEST_NEEDS_LINUX_BACKEND("renameat2");
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = test_support::run_in_child([&] {
        tf::fault_injection::clear();
        {
            faulty_named f(in(scratch.path));
            tf::fault_injection::fail(tf::sys_call::rename, EINVAL);
            f.persist(scratch.path / "first", tf::no_clobber);
        }
        tf::fault_injection::clear();
        faulty_named f(in(scratch.path));
        f.persist(scratch.path / "second", tf::no_clobber);
        if (tf::fault_injection::calls(tf::sys_call::rename) != 1 || tf::fault_injection::calls(tf::sys_call::link) != 0)
            return 2;
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"first", "second"}));
}

BOOST_AUTO_TEST_SUITE_END()

// =============================================================================
// temp_file::persist (O_TMPFILE + linkat)
// =============================================================================

BOOST_AUTO_TEST_SUITE(anonymous_file)

BOOST_AUTO_TEST_CASE(o_tmpfile_file_is_linkable_until_closed)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    tf::temp_file f(in(scratch.path));
    BOOST_TEST(f.linkable());
    BOOST_TEST(scratch.entries() == 0u);
    f.close();
    BOOST_TEST(!f.linkable());
}

BOOST_AUTO_TEST_CASE(persist_names_the_file_with_its_content_inode_and_mode)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const fs::path target = scratch.path / "named.txt";
    {
        tf::temp_file f(in(scratch.path));
        f.stream() << "was anonymous"; // left in the stream's buffer: persist writes it out
        f.persist(target);
        BOOST_TEST(f.is_open());
        const int fd = f.native_handle();
        BOOST_TEST(identity_of(target) == identity_of_fd(fd));
        BOOST_TEST(identity_of(target).links == 1u);
        BOOST_TEST(test_support::mode_of(target) == 0600u);
        BOOST_TEST(read_file(target) == "was anonymous");
        f.stream() << " and still writable";
        f.native_handle();
    }
    BOOST_TEST(read_file(target) == "was anonymous and still writable");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"named.txt"}));
}

BOOST_AUTO_TEST_CASE(persist_replaces_an_existing_target_and_leaves_no_staged_name)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const fs::path target = scratch.path / "target.txt";
    write_file(target, "old");
    const identity old = identity_of(target);
    tf::temp_file f(in(scratch.path));
    f.stream() << "new";
    f.persist(target);
    BOOST_TEST(identity_of(target) == identity_of_fd(f.native_handle()));
    BOOST_TEST(identity_of(target) != old);
    BOOST_TEST(identity_of(target).links == 1u);
    BOOST_TEST(read_file(target) == "new");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"target.txt"}));
}

//! Links the open file fd at `to` by hand, as another program could.
void link_by_hand(int fd, const fs::path& to)
{
    const std::string proc = "/proc/self/fd/" + std::to_string(fd);
    BOOST_TEST_REQUIRE(::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, to.c_str(), AT_SYMLINK_FOLLOW) == 0);
}

BOOST_AUTO_TEST_CASE(persist_onto_a_name_that_is_already_this_file_leaves_no_staged_name)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const fs::path target = scratch.path / "same.txt";
    tf::temp_file f(in(scratch.path));
    link_by_hand(f.native_handle(), target);
    // The target is already this file: rename() between two links of one
    // file does nothing, so the staged link must be removed by hand.
    f.persist(target);
    BOOST_TEST(identity_of(target) == identity_of_fd(f.native_handle()));
    BOOST_TEST(identity_of(target).links == 1u);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"same.txt"}));
}

BOOST_AUTO_TEST_CASE(persist_to_a_hard_link_of_the_same_file_leaves_no_staged_name)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    tf::temp_file f(in(scratch.path));
    link_by_hand(f.native_handle(), scratch.path / "one");
    link_by_hand(f.native_handle(), scratch.path / "two");
    f.persist(scratch.path / "two");
    BOOST_TEST(identity_of(scratch.path / "two").links == 2u);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"one", "two"}));
}

BOOST_AUTO_TEST_CASE(no_clobber_names_a_free_target)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const fs::path target = scratch.path / "free.txt";
    tf::temp_file f(in(scratch.path));
    f.stream() << "linked";
    f.persist(target, tf::no_clobber);
    BOOST_TEST(identity_of(target) == identity_of_fd(f.native_handle()));
    BOOST_TEST(read_file(target) == "linked");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"free.txt"}));
}

BOOST_AUTO_TEST_CASE(no_clobber_fails_with_eexist_and_changes_nothing)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const fs::path target = scratch.path / "taken.txt";
    write_file(target, "theirs");
    const identity theirs = identity_of(target);
    tf::temp_file f(in(scratch.path));
    f.stream() << "mine";
    boost::system::error_code ec;
    f.persist(target, tf::no_clobber, ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    try
    {
        f.persist(target, tf::no_clobber);
        BOOST_ERROR("no_clobber persist over an existing file did not throw");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::file_exists);
        BOOST_TEST(e.path1() == target);
    }
    BOOST_TEST(identity_of(target) == theirs);
    BOOST_TEST(read_file(target) == "theirs");
    BOOST_TEST(identity_of_fd(f.native_handle()).links == 0u);
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"taken.txt"}));
}

BOOST_AUTO_TEST_CASE(persist_across_file_systems_fails_with_exdev_and_names_nothing)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    shm_dir shm;
    if (shm.path.empty() || !different_file_systems(shm.path, scratch.path) || !o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: needs O_TMPFILE in " << scratch.path << " and /dev/shm on another file system");
        return;
    }
    const fs::path target = shm.path / "elsewhere";
    tf::temp_file f(in(scratch.path));
    BOOST_TEST_REQUIRE(f.linkable());
    for (bool no_clobber : {false, true})
    {
        BOOST_TEST_CONTEXT("no_clobber " << no_clobber)
        {
            boost::system::error_code ec;
            if (no_clobber)
                f.persist(target, tf::no_clobber, ec);
            else
                f.persist(target, ec);
            BOOST_TEST(ec == boost::system::errc::cross_device_link);
            BOOST_TEST(f.linkable());
            // The throwing form says what went wrong as named_temp_file's
            // does: another file system, and the target's name.
            try
            {
                if (no_clobber)
                    f.persist(target, tf::no_clobber);
                else
                    f.persist(target);
                BOOST_ERROR("persist across file systems did not throw");
            }
            catch (const fs::filesystem_error& e)
            {
                BOOST_TEST(e.code() == boost::system::errc::cross_device_link);
                BOOST_TEST(contains(e.what(), "another file system"), e.what());
                BOOST_TEST((e.path1() == target || e.path2() == target), e.what());
            }
        }
    }
    BOOST_TEST(names_in(shm.path).empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failing_rename_of_the_staged_name_removes_it_and_names_both_paths)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    fault_scope faults;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const fs::path target = scratch.path / "target";
    write_file(target, "untouched");
    faulty_anonymous f(in(scratch.path));
    BOOST_TEST_REQUIRE(f.linkable());
    tf::fault_injection::fail(tf::sys_call::rename, EIO);
    try
    {
        f.persist(target);
        BOOST_ERROR("persist with a failing rename did not throw");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::io_error);
        BOOST_TEST(e.path2() == target);
        const std::string staged = e.path1().filename().string();
        BOOST_TEST(e.path1().parent_path() == scratch.path);
        BOOST_TEST(staged.rfind(".target.", 0) == 0u, "staged name " << staged);
        BOOST_TEST(!present(e.path1()));
    }
    BOOST_TEST(read_file(target) == "untouched");
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{"target"}));
    BOOST_TEST(identity_of_fd(f.native_handle()).links == 0u);
}

BOOST_AUTO_TEST_CASE(persist_to_a_long_but_valid_name_replaces_it)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    if (!o_tmpfile_works_in(scratch.path))
    {
        BOOST_TEST_MESSAGE("skipped: no O_TMPFILE in " << scratch.path);
        return;
    }
    const long name_max = ::pathconf(scratch.path.c_str(), _PC_NAME_MAX);
    BOOST_TEST_REQUIRE(name_max > 20);
    // A name the file system accepts, too long to take 16 more characters.
    const std::string name(static_cast< std::size_t >(name_max) - 5, 'n');
    const fs::path target = scratch.path / name;
    write_file(target, "old");
    BOOST_TEST_REQUIRE(present(target));
    tf::temp_file f(in(scratch.path));
    f.stream() << "new";
    boost::system::error_code ec;
    f.persist(target, ec);
    BOOST_TEST(!ec, "persist to a " << name.size() << "-character name: " << ec.message());
    BOOST_TEST(read_file(target) == (ec ? "old" : "new"));
    BOOST_TEST((names_in(scratch.path) == std::set< std::string >{name}));
}

BOOST_AUTO_TEST_SUITE_END()
