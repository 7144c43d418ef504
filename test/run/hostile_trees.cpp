// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The owner's removal walk (temp_dir::remove, its destructor) against trees
// an attacker -- or an unlucky program -- prepared: mount points inside the
// tree (bind mounts of the tree's own file system, other file systems,
// locked mount roots), a root that lost its permissions, and allocation
// failure in the middle of the walk. Mounts are made in forked children
// with a mount namespace of their own. The exit and signal paths are in
// exit_cleanup_hostile.cpp.

#define BOOST_TEST_MODULE hostile_trees
#include <boost/tempfile.hpp>
#include <boost/tempfile/detail/linux/sys.hpp>

#include "checked_child.hpp"
#include "hostile_support.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <new>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace hostile;
using test_support::child_checks;
using test_support::child_skipped;
using test_support::fd_leak_check;
using test_support::run_checked_in_child;
using test_support::scratch_dir;

// ---- allocation failure on demand ------------------------------------------------

namespace {
//! -1: allocations succeed. n >= 0: the allocation n from now throws
//! std::bad_alloc (once).
std::atomic< long > allocations_before_failure{-1};
std::atomic< long > failures_injected{0};
} // namespace

void* operator new(std::size_t n)
{
    if (allocations_before_failure.load(std::memory_order_relaxed) >= 0 &&
        allocations_before_failure.fetch_sub(1, std::memory_order_relaxed) == 0)
    {
        failures_injected.fetch_add(1, std::memory_order_relaxed);
        throw std::bad_alloc();
    }
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

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

#define CHILD_REQUIRE_EMPTY(c, why)                                                                                    \
    do                                                                                                                 \
    {                                                                                                                  \
        const std::string reason_ = (why);                                                                             \
        if (!reason_.empty())                                                                                          \
        {                                                                                                              \
            (c)(false, reason_, __LINE__);                                                                             \
            return 1;                                                                                                  \
        }                                                                                                              \
    } while (false)

//! A child that cannot have mounts of its own (no CLONE_NEWNS here) skips.
#define CHILD_NEEDS_MOUNTS(c)                                                                                          \
    do                                                                                                                 \
    {                                                                                                                  \
        const std::string reason_ = private_mount_namespace();                                                        \
        if (!reason_.empty())                                                                                          \
        {                                                                                                              \
            (c)(false, "skipped: " + reason_, __LINE__);                                                               \
            return child_skipped;                                                                                      \
        }                                                                                                              \
    } while (false)

//! The child's status: 0, or skipped (said why); anything else fails.
void expect_passed_or_skipped(int status)
{
    if (status == child_skipped)
        BOOST_TEST_MESSAGE("skipped: no private mount namespace here");
    else
        BOOST_TEST(status == 0);
}

enum class removal_by
{
    error_code,
    exception,
    destructor
};

const char* removal_name(removal_by how)
{
    return how == removal_by::error_code ? "remove(ec)" : how == removal_by::exception ? "remove()" : "destructor";
}

//! Removes d as `how` says and checks that what is reported names the mount
//! point `mount`, says what it is, and that it was left in place.
template< typename Dir >
void remove_expecting_mount_point(Dir& d, removal_by how, const fs::path& mount, const child_checks& check)
{
    if (how == removal_by::error_code)
    {
        boost::system::error_code ec;
        d.remove(ec);
        CHILD_CHECK(check, ec == boost::system::errc::cross_device_link);
    }
    else if (how == removal_by::exception)
    {
        bool thrown = false;
        try
        {
            d.remove();
        }
        catch (const fs::filesystem_error& e)
        {
            thrown = true;
            const std::string what = e.what();
            CHILD_CHECK(check, e.code() == boost::system::errc::cross_device_link);
            CHILD_CHECK(check, e.path1() == mount);
            CHILD_CHECK(check, what.find("mount point") != std::string::npos);
            CHILD_CHECK(check, what.find("left in place") != std::string::npos);
            CHILD_CHECK(check, what.find(mount.string()) != std::string::npos);
        }
        CHILD_CHECK(check, thrown);
    }
}

} // namespace

// =============================================================================
// mount points inside the tree
// =============================================================================

BOOST_AUTO_TEST_CASE(removal_does_not_enter_a_bind_mount_of_the_same_file_system)
{
    TEST_NEEDS_LINUX_BACKEND("mount identities: the plain POSIX backend tells a mount point by st_dev alone, and a bind "
                             "mount of the same file system shares it (doc/platforms.adoc)");
    // The data-loss case: a directory outside the tree, bind-mounted inside
    // it. Its st_dev is the tree's own, so only the mount identity tells.
    fd_leak_check leaks;
    scratch_dir scratch;
    const precious_dir outside(scratch.path / "outside");
    for (const removal_by how : {removal_by::error_code, removal_by::exception, removal_by::destructor})
    {
        BOOST_TEST_CONTEXT(removal_name(how))
        {
            const int status = run_checked_in_child([&](const child_checks& check) {
                CHILD_NEEDS_MOUNTS(check);
                fs::path root, mount;
                {
                    tf::temp_dir<> d(in(scratch.path));
                    root = d.path();
                    populate(root);
                    mount = root / "bind";
                    make_dir(mount);
                    CHILD_REQUIRE_EMPTY(check, bind_mount(outside.dir, mount));
                    struct stat seen, source;
                    CHILD_CHECK(check, ::stat(mount.c_str(), &seen) == 0 && ::stat(outside.dir.c_str(), &source) == 0);
                    CHILD_CHECK(check, seen.st_dev == source.st_dev); // what fooled the st_dev check
                    remove_expecting_mount_point(d, how, mount, check);
                }
                CHILD_CHECK(check, outside.intact());
                CHILD_CHECK(check, names_in(root) == std::set< std::string >{"bind"}); // the rest is gone
                CHILD_CHECK(check, ::umount2(mount.c_str(), MNT_DETACH) == 0);
                return 0;
            });
            expect_passed_or_skipped(status);
            BOOST_TEST(outside.intact());
        }
    }
}

namespace {
//! Recursive, but the end of the owner keeps the directory: only a failed
//! remove() makes the destructor remove anything.
struct recursive_kept_at_the_end
{
    static constexpr bool recursive = true;
    bool remove_on_destroy() const noexcept { return false; }
};
} // namespace

BOOST_AUTO_TEST_CASE(removal_refused_by_a_mount_point_keeps_the_directory_owned_for_a_later_try)
{
    TEST_NEEDS_LINUX_BACKEND("mount identities: the plain POSIX backend tells a mount point by st_dev alone, and a bind "
                             "mount of the same file system shares it (doc/platforms.adoc)");
    // decisions.md 2: a failed removal keeps ownership and the descriptor;
    // once the mount is gone, the next remove() -- or the destructor, even
    // for a policy that would keep the directory -- removes what is left.
    fd_leak_check leaks;
    scratch_dir scratch;
    const precious_dir outside(scratch.path / "outside");
    for (const bool by_destructor : {false, true})
    {
        BOOST_TEST_CONTEXT((by_destructor ? "then the destructor" : "then remove() again"))
        {
            const int status = run_checked_in_child([&](const child_checks& check) {
                CHILD_NEEDS_MOUNTS(check);
                fs::path root;
                {
                    tf::temp_dir< recursive_kept_at_the_end > d(in(scratch.path));
                    root = d.path();
                    populate(root);
                    make_dir(root / "bind");
                    CHILD_REQUIRE_EMPTY(check, bind_mount(outside.dir, root / "bind"));
                    boost::system::error_code ec;
                    d.remove(ec);
                    CHILD_CHECK(check, ec == boost::system::errc::cross_device_link);
                    CHILD_CHECK(check, d.owns_directory());
                    CHILD_CHECK(check, d.native_handle() >= 0);
                    CHILD_CHECK(check, ::umount2((root / "bind").c_str(), MNT_DETACH) == 0);
                    if (!by_destructor)
                    {
                        d.remove(ec);
                        CHILD_CHECK(check, !ec);
                        CHILD_CHECK(check, !d.owns_directory());
                        CHILD_CHECK(check, d.native_handle() == -1);
                    }
                }
                CHILD_CHECK(check, !present(root));
                return 0;
            });
            expect_passed_or_skipped(status);
            BOOST_TEST(outside.intact());
            BOOST_TEST(scratch.entries() == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(removal_does_not_enter_a_bind_mount_of_a_directory_of_the_tree_itself)
{
    TEST_NEEDS_LINUX_BACKEND("mount identities: the plain POSIX backend tells a mount point by st_dev alone, and a bind "
                             "mount of the same file system shares it (doc/platforms.adoc)");
    // The same directory reached twice: through its own name and through a
    // bind mount elsewhere in the tree. The mount is not entered; the
    // directory goes through its own name, and the mount point stays.
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_NEEDS_MOUNTS(check);
        tf::temp_dir<> d(in(scratch.path));
        const fs::path root = d.path();
        make_dir(root / "zz-source");
        write_file(root / "zz-source" / "content", "c");
        make_dir(root / "aa-mount");
        CHILD_REQUIRE_EMPTY(check, bind_mount(root / "zz-source", root / "aa-mount"));
        boost::system::error_code ec;
        d.remove(ec);
        CHILD_CHECK(check, ec == boost::system::errc::cross_device_link);
        CHILD_CHECK(check, names_in(root) == std::set< std::string >{"aa-mount"});
        CHILD_CHECK(check, ::umount2((root / "aa-mount").c_str(), MNT_DETACH) == 0);
        return 0;
    });
    expect_passed_or_skipped(status);
}

BOOST_AUTO_TEST_CASE(removal_does_not_enter_another_file_system_and_removes_the_rest)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    for (const removal_by how : {removal_by::error_code, removal_by::exception, removal_by::destructor})
    {
        BOOST_TEST_CONTEXT(removal_name(how))
        {
            const int status = run_checked_in_child([&](const child_checks& check) {
                CHILD_NEEDS_MOUNTS(check);
                fs::path root, mount;
                {
                    tf::temp_dir<> d(in(scratch.path));
                    root = d.path();
                    populate(root);
                    mount = root / "tmpfs";
                    make_dir(mount);
                    CHILD_REQUIRE_EMPTY(check, mount_tmpfs(mount));
                    write_file(mount / "on-tmpfs.txt", "keep");
                    remove_expecting_mount_point(d, how, mount, check);
                }
                CHILD_CHECK(check, read_file(mount / "on-tmpfs.txt") == "keep");
                CHILD_CHECK(check, names_in(root) == std::set< std::string >{"tmpfs"});
                CHILD_CHECK(check, ::umount2(mount.c_str(), MNT_DETACH) == 0);
                return 0;
            });
            expect_passed_or_skipped(status);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_file_bind_mounted_over_a_file_of_the_tree_is_reported_and_left)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const precious_dir outside(scratch.path / "outside");
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_NEEDS_MOUNTS(check);
        tf::temp_dir<> d(in(scratch.path));
        const fs::path root = d.path();
        populate(root);
        write_file(root / "covered", "");
        CHILD_REQUIRE_EMPTY(check, bind_mount(outside.file, root / "covered"));
        boost::system::error_code ec;
        d.remove(ec);
        CHILD_CHECK(check, ec == boost::system::errc::device_or_resource_busy);
        CHILD_CHECK(check, read_file(root / "covered") == "irreplaceable");
        CHILD_CHECK(check, names_in(root) == std::set< std::string >{"covered"});
        CHILD_CHECK(check, ::umount2((root / "covered").c_str(), MNT_DETACH) == 0);
        return 0;
    });
    expect_passed_or_skipped(status);
    BOOST_TEST(outside.intact());
}

BOOST_AUTO_TEST_CASE(a_mount_point_with_mode_000_is_left_as_found)
{
    // Without root's permission override the walk cannot open a mode-000
    // directory and repairs it through an O_PATH descriptor -- but only on
    // the tree's own mount: a file system mounted there keeps its mode.
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path locked_outside = scratch.path / "locked-outside";
    make_dir(locked_outside);
    write_file(locked_outside / "inside.txt", "keep");
    BOOST_TEST_REQUIRE(::chmod(locked_outside.c_str(), 0) == 0);
    for (const bool other_file_system : {true, false})
    {
        BOOST_TEST_CONTEXT((other_file_system ? "tmpfs" : "bind mount of the same file system"))
        {
            if (!other_file_system && !portable::linux_backend)
            {
                BOOST_TEST_MESSAGE("NOT TESTED on " << portable::backend_name()
                                                    << ": a locked bind mount of the same file system (mount points "
                                                       "told by st_dev alone, doc/platforms.adoc)");
                continue;
            }
            const int status = run_checked_in_child([&](const child_checks& check) {
                CHILD_NEEDS_MOUNTS(check);
                tf::temp_dir<> d(in(scratch.path));
                const fs::path root = d.path();
                populate(root);
                const fs::path mount = root / "mnt";
                make_dir(mount);
                if (other_file_system)
                {
                    CHILD_REQUIRE_EMPTY(check, mount_tmpfs(mount, "size=64k,mode=000"));
                    write_file(mount / "inside.txt", "keep");
                }
                else
                    CHILD_REQUIRE_EMPTY(check, bind_mount(locked_outside, mount));
                CHILD_CHECK(check, mode_of(mount) == 0);
                CHILD_CHECK(check, test_support::drop_permission_override());
                CHILD_CHECK(check, ::opendir(mount.c_str()) == nullptr); // the bits apply now
                boost::system::error_code ec;
                d.remove(ec);
                CHILD_CHECK(check, ec == boost::system::errc::cross_device_link);
                CHILD_CHECK(check, mode_of(mount) == 0);
                CHILD_CHECK(check, names_in(root) == std::set< std::string >{"mnt"});
                return 0;
            });
            expect_passed_or_skipped(status);
        }
    }
    BOOST_TEST(mode_of(locked_outside) == 0u);
    BOOST_TEST(::chmod(locked_outside.c_str(), 0700) == 0);
    BOOST_TEST(read_file(locked_outside / "inside.txt") == "keep");
}

BOOST_AUTO_TEST_CASE(posix_platform_does_not_enter_another_file_system)
{
    // What plain POSIX systems get: st_dev alone, which tells another file
    // system (not a bind mount of the same one: doc/security.adoc).
    using posix_dir = tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::owner_only, tf::posix_platform >;
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_NEEDS_MOUNTS(check);
        posix_dir d(in(scratch.path));
        const fs::path root = d.path();
        populate(root);
        const fs::path mount = root / "tmpfs";
        make_dir(mount);
        CHILD_REQUIRE_EMPTY(check, mount_tmpfs(mount));
        write_file(mount / "on-tmpfs.txt", "keep");
        boost::system::error_code ec;
        d.remove(ec);
        CHILD_CHECK(check, ec == boost::system::errc::cross_device_link);
        CHILD_CHECK(check, read_file(mount / "on-tmpfs.txt") == "keep");
        CHILD_CHECK(check, names_in(root) == std::set< std::string >{"tmpfs"});
        return 0;
    });
    expect_passed_or_skipped(status);
}

BOOST_AUTO_TEST_CASE(mount_identity_from_fdinfo_agrees_with_statx_and_tells_a_bind_mount)
{
    // The fallback for kernels before 5.8 must mean the same thing as the
    // primary source, and both must tell a bind mount from its source.
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_NEEDS_MOUNTS(check);
        const fs::path source = scratch.path / "source", mount = scratch.path / "mount";
        make_dir(source);
        make_dir(mount);
        CHILD_REQUIRE_EMPTY(check, bind_mount(source, mount));
        std::uint64_t ids[2][2] = {};
        const fs::path dirs[2] = {source, mount};
        for (int i = 0; i < 2; ++i)
        {
            for (const int flags : {O_RDONLY | O_DIRECTORY, O_PATH | O_DIRECTORY})
            {
                const int fd = ::open(dirs[i].c_str(), flags | O_CLOEXEC);
                CHILD_CHECK(check, fd >= 0);
                CHILD_CHECK(check, tf::sys::mount_id(tf::linux_platform{}, fd, &ids[i][0]) == 0);
                CHILD_CHECK(check, tf::sys::mount_id_from_fdinfo(fd, &ids[i][1]) == 0);
                CHILD_CHECK(check, ids[i][0] == ids[i][1]);
                ::close(fd);
            }
        }
        CHILD_CHECK(check, ids[0][0] != ids[1][0]);
        std::uint64_t none = 0;
        CHILD_CHECK(check, tf::sys::mount_id(tf::posix_platform{}, 0, &none) == -1 && errno == ENOSYS);
        CHILD_CHECK(check, tf::sys::mount_id(tf::linux_platform{}, 12345, &none) == -1 && errno == EBADF);
        CHILD_CHECK(check, tf::sys::mount_id_from_fdinfo(12345, &none) == -1 && errno == EBADF);
        return 0;
    });
    expect_passed_or_skipped(status);
}

// =============================================================================
// a root that lost its permissions
// =============================================================================

BOOST_AUTO_TEST_CASE(root_that_lost_read_or_search_permission_is_removed)
{
    // CPython's test_modes: whatever the root's mode, the owner removes it.
    // The repair goes through the descriptor the object holds.
    fd_leak_check leaks;
    scratch_dir scratch;
    for (const mode_t mode : {0000, 0100, 0200, 0300, 0400, 0500, 0600})
    {
        for (const removal_by how : {removal_by::error_code, removal_by::exception, removal_by::destructor})
        {
            BOOST_TEST_CONTEXT("root mode 0" << std::oct << mode << std::dec << ", " << removal_name(how))
            {
                const int status = run_checked_in_child([&](const child_checks& check) {
                    CHILD_CHECK(check, test_support::drop_permission_override());
                    fs::path root;
                    {
                        tf::temp_dir<> d(in(scratch.path));
                        root = d.path();
                        populate(root);
                        CHILD_CHECK(check, ::chmod(root.c_str(), mode) == 0);
                        if (how == removal_by::error_code)
                        {
                            boost::system::error_code ec;
                            d.remove(ec);
                            CHILD_CHECK(check, !ec);
                        }
                        else if (how == removal_by::exception)
                            d.remove();
                    }
                    CHILD_CHECK(check, !present(root));
                    return 0;
                });
                expect_passed_or_skipped(status);
                BOOST_TEST(scratch.entries() == 0u);
            }
        }
    }
}

// =============================================================================
// allocation failure
// =============================================================================

BOOST_AUTO_TEST_CASE(allocation_failure_anywhere_in_the_walk_leaks_no_descriptor)
{
    // Each allocation the removal makes fails in turn: std::bad_alloc comes
    // out of remove(ec) (the one exception it lets through), no descriptor
    // stays open, and the destructor removes the tree afterwards.
    // Under valgrind, whose allocator replaces ours, nothing can be failed.
    allocations_before_failure = 0;
    bool injection_works = false;
    try
    {
        ::operator delete(::operator new(1)); // a call, not a new-expression: never elided
    }
    catch (const std::bad_alloc&)
    {
        injection_works = true;
    }
    allocations_before_failure = -1;
    if (!injection_works)
    {
        BOOST_TEST_MESSAGE("skipped: operator new is not ours here (valgrind?)");
        return;
    }
    scratch_dir scratch;
    long failed_runs = 0;
    bool completed = false;
    for (long n = 0; n < 5000 && !completed; ++n)
    {
        BOOST_TEST_CONTEXT("allocation #" << n << " of the removal fails")
        {
            const int before = test_support::open_fd_count();
            fs::path root;
            {
                tf::temp_dir<> d(in(scratch.path));
                root = d.path();
                fs::path p = root;
                for (int depth = 0; depth < 6; ++depth)
                {
                    p /= "a-directory-name-long-enough-to-be-allocated-" + std::to_string(depth);
                    make_dir(p);
                    write_file(p / "a-file-name-long-enough-to-be-allocated-too", "x");
                    make_dir(p / "a-sibling-directory-with-a-long-name");
                }
                failures_injected = 0;
                allocations_before_failure = n;
                bool threw = false;
                boost::system::error_code ec;
                try
                {
                    d.remove(ec);
                }
                catch (const std::bad_alloc&)
                {
                    threw = true;
                }
                allocations_before_failure = -1;
                if (failures_injected == 0)
                {
                    completed = true;
                    BOOST_TEST(!threw);
                    BOOST_TEST(!ec);
                }
                else
                    ++failed_runs;
            }
            BOOST_TEST(test_support::open_fd_count() == before, "descriptors leaked");
            BOOST_TEST(!present(root));
        }
    }
    BOOST_TEST(completed);
    BOOST_TEST(failed_runs > 10, "only " << failed_runs << " allocations during the walk");
}
