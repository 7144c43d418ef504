// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_dir on POSIX: creation modes under the umask, the descriptor, and
// removal of whatever the directory holds -- never following a symlink out
// of the tree, through locked directories, within a descriptor budget --
// plus keep and release. What every backend shares is in
// test/behaviour/temp_dir.cpp.

#define BOOST_TEST_MODULE temp_dir
#include <boost/filesystem/directory.hpp>
#include <boost/tempfile.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::mode_of;
using test_support::scoped_umask;
using test_support::scratch_dir;
using test_support::is_real_dir;
using test_support::make_dir;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

using test_support::child_checks;
using test_support::run_checked_in_child;

namespace {

// ---- helpers ---------------------------------------------------------------

void make_symlink(const fs::path& target, const fs::path& link)
{
    if (::symlink(target.c_str(), link.c_str()) != 0)
        throw std::runtime_error("cannot symlink " + link.string());
}

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

//! Things outside the temp dir that symlinks inside it point at: they must
//! survive the removal byte for byte.
struct outside_targets
{
    explicit outside_targets(const fs::path& base)
        : file(base / "outside_file"), dir(base / "outside_dir")
    {
        write_file(file, "outside file content");
        make_dir(dir);
        write_file(dir / "inner.txt", "outside inner");
        make_dir(dir / "sub");
        write_file(dir / "sub" / "deep.txt", "outside deep");
    }
    bool untouched() const
    {
        return read_file(file) == "outside file content" && is_real_dir(dir) &&
               read_file(dir / "inner.txt") == "outside inner" && is_real_dir(dir / "sub") &&
               read_file(dir / "sub" / "deep.txt") == "outside deep";
    }
    fs::path file, dir;
};

//! Fills root with every kind of entry a removal must handle.
void populate_hard_tree(const fs::path& root, const outside_targets& outside)
{
    fs::path level = root;
    for (int depth = 0; depth < 6; ++depth)
    {
        level /= "level" + std::to_string(depth);
        make_dir(level);
        write_file(level / "file.txt", "depth " + std::to_string(depth));
        make_dir(level / "empty");
    }
    write_file(root / "level0" / "level1" / "readonly.txt", "read only", 0400);
    write_file(root / "no_permissions.txt", "none", 0000);
    make_dir(root / "readonly_empty_dir", 0500);
    write_file(root / ".hidden", "hidden");
    make_dir(root / ".hidden_dir");
    write_file(root / ".hidden_dir" / ".inner_hidden", "hidden too");
    write_file(root / "...", "three dots");
    write_file(root / "..x", "dot dot x");
    write_file(root / "with space", "space");
    write_file(root / "new\nline", "newline");
    if (::mkfifo((root / "fifo").c_str(), 0600) != 0)
        throw std::runtime_error("mkfifo failed");
    make_symlink(outside.file, root / "link_to_outside_file");
    make_symlink(outside.dir, root / "link_to_outside_dir");
    make_symlink(outside.dir, root / "level0" / "level1" / "level2" / "deep_link_to_outside_dir");
    make_symlink(root / "loop_b", root / "loop_a");
    make_symlink(root / "loop_a", root / "loop_b");
    make_symlink("self", root / "self");
    make_symlink(root / "does_not_exist", root / "dangling");
}

} // namespace

// ---- creation ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(directory_is_created_0700_under_umask_000)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    scoped_umask um(0);
    tf::temp_dir<> d(in(scratch.path));
    BOOST_TEST(is_real_dir(d.path()));
    BOOST_TEST(mode_of(d.path()) == 0700u);
}

BOOST_AUTO_TEST_CASE(directory_is_created_0700_under_umask_077)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    scoped_umask um(077);
    tf::temp_dir<> d(in(scratch.path));
    BOOST_TEST(mode_of(d.path()) == 0700u);
}

BOOST_AUTO_TEST_CASE(owner_bits_stripped_by_umask_0277_are_restored_so_owner_can_create_files)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path made;
    {
        scoped_umask um(0277);
        tf::temp_dir<> d(in(scratch.path));
        made = d.path();
        BOOST_TEST((mode_of(d.path()) & 0700u) == 0700u, "mode is 0" << std::oct << mode_of(d.path()));
        // Root writes anywhere: only a process without the override shows
        // whether the owner's bits are really there.
        const int status = run_checked_in_child([&](const child_checks& check) {
            CHILD_CHECK(check, test_support::drop_permission_override());
            const fs::path f = d.path() / "created_by_owner";
            const int fd = ::open(f.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            CHILD_CHECK(check, fd >= 0);
            if (fd >= 0)
                ::close(fd);
            CHILD_CHECK(check, ::mkdir((d.path() / "subdir").c_str(), 0700) == 0);
            return 0;
        });
        BOOST_TEST(status == 0);
        BOOST_TEST(present(d.path() / "created_by_owner"));
    }
    BOOST_TEST(!present(made));
}

BOOST_AUTO_TEST_CASE(exact_mode_gives_exactly_0750_under_umask_077)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    scoped_umask um(077);
    tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::exact_mode< 0600, 0750 > > d(in(scratch.path));
    BOOST_TEST(mode_of(d.path()) == 0750u, "mode is 0" << std::oct << mode_of(d.path()));
}

BOOST_AUTO_TEST_CASE(plain_mode_policy_is_narrowed_by_the_umask_but_keeps_owner_bits)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    using dir_0750 = tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::mode< 0600, 0750 > >;
    {
        scoped_umask um(0);
        dir_0750 d(in(scratch.path));
        BOOST_TEST(mode_of(d.path()) == 0750u);
    }
    {
        scoped_umask um(027);
        dir_0750 d(in(scratch.path));
        BOOST_TEST(mode_of(d.path()) == 0750u);
    }
    {
        scoped_umask um(077);
        dir_0750 d(in(scratch.path));
        BOOST_TEST(mode_of(d.path()) == 0700u);
    }
    {
        scoped_umask um(0737);
        dir_0750 d(in(scratch.path));
        BOOST_TEST(mode_of(d.path()) == 0740u, "mode is 0" << std::oct << mode_of(d.path()));
    }
}

BOOST_AUTO_TEST_CASE(native_handle_is_an_open_descriptor_of_the_directory_itself)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::temp_dir<> d(in(scratch.path));
    const int fd = d.native_handle();
    BOOST_TEST_REQUIRE(fd >= 0);
    struct stat by_fd, by_name;
    BOOST_TEST_REQUIRE(::fstat(fd, &by_fd) == 0);
    BOOST_TEST(S_ISDIR(by_fd.st_mode));
    BOOST_TEST_REQUIRE(::lstat(d.path().c_str(), &by_name) == 0);
    BOOST_TEST(by_fd.st_dev == by_name.st_dev);
    BOOST_TEST(by_fd.st_ino == by_name.st_ino);
    BOOST_TEST((::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);

    const int f = ::openat(fd, "through_fd.txt", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    BOOST_TEST_REQUIRE(f >= 0);
    BOOST_TEST(::write(f, "abc", 3) == 3);
    ::close(f);
    BOOST_TEST(read_file(d.path() / "through_fd.txt") == "abc");
    BOOST_TEST(::mkdirat(fd, "sub_through_fd", 0700) == 0);
    BOOST_TEST(is_real_dir(d.path() / "sub_through_fd"));
}

// ---- removal ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(destructor_removes_every_kind_of_entry_and_never_follows_symlinks_out)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_targets outside(scratch.path);
    fs::path made;
    {
        tf::temp_dir<> d(in(scratch.path));
        made = d.path();
        populate_hard_tree(made, outside);
        BOOST_TEST(present(made / "loop_a"));
        BOOST_TEST(read_file(made / "link_to_outside_dir" / "inner.txt") == "outside inner");
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(outside.untouched());
    BOOST_TEST(scratch.entries() == 2u); // the two outside targets, nothing else
}

BOOST_AUTO_TEST_CASE(tree_is_removed_without_root_permission_override)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_targets outside(scratch.path);
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, test_support::drop_permission_override());
        fs::path made;
        {
            tf::temp_dir<> d(in(scratch.path));
            made = d.path();
            populate_hard_tree(made, outside);
            boost::system::error_code ec;
            d.remove(ec);
            CHILD_CHECK(check, !ec);
        }
        CHILD_CHECK(check, !present(made));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(outside.untouched());
    BOOST_TEST(scratch.entries() == 2u);
}

namespace {

//! A platform whose directory listing, on meeting the entry `victim`,
//! replaces that (empty) directory with a symlink to `target` before handing
//! the entry out: what an attacker racing the walk would do between the
//! listing and the descent.
struct swapping_platform : tf::native_platform
{
    static std::string& victim()
    {
        static std::string s;
        return s;
    }
    static std::string& target()
    {
        static std::string s;
        return s;
    }
    static bool& swapped()
    {
        static bool b = false;
        return b;
    }
};

struct ::dirent* read_dir(swapping_platform, ::DIR* d) noexcept
{
    struct ::dirent* e = ::readdir(d);
    if (e && !swapping_platform::swapped() && swapping_platform::victim() == e->d_name)
    {
        const int fd = ::dirfd(d);
        swapping_platform::swapped() = ::unlinkat(fd, e->d_name, AT_REMOVEDIR) == 0 &&
                                       ::symlinkat(swapping_platform::target().c_str(), fd, e->d_name) == 0;
    }
    return e;
}

//! A platform whose listings say nothing about entry types, as on file
//! systems without d_type: the walk must find out by trying.
struct untyped_platform : tf::native_platform
{
};

struct ::dirent* read_dir(untyped_platform, ::DIR* d) noexcept
{
    struct ::dirent* e = ::readdir(d);
    if (e)
        e->d_type = DT_UNKNOWN;
    return e;
}

} // namespace

BOOST_AUTO_TEST_CASE(symlink_swapped_in_for_a_directory_during_the_walk_is_not_followed)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_targets outside(scratch.path);
    fs::path made;
    {
        tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::owner_only, swapping_platform > d(
            in(scratch.path));
        made = d.path();
        make_dir(made / "sub");
        make_dir(made / "sub" / "victim");
        write_file(made / "sub" / "sibling.txt", "s");
        swapping_platform::victim() = "victim";
        swapping_platform::target() = outside.dir.string();
        swapping_platform::swapped() = false;
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(swapping_platform::swapped(), "the race was not staged");
        BOOST_TEST(!ec, ec.message());
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(outside.untouched());
}

BOOST_AUTO_TEST_CASE(walk_without_entry_types_removes_the_tree_and_follows_no_symlink)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_targets outside(scratch.path);
    fs::path made;
    {
        tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::owner_only, untyped_platform > d(
            in(scratch.path));
        made = d.path();
        populate_hard_tree(made, outside);
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(outside.untouched());
}

BOOST_AUTO_TEST_CASE(directories_locked_by_their_owner_inside_the_tree_are_repaired_and_removed)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, test_support::drop_permission_override());
        fs::path made;
        {
            tf::temp_dir<> d(in(scratch.path));
            made = d.path();
            // Modes are narrowed after filling, deepest first, as a build or
            // a test run might leave them.
            make_dir(made / "no_write");
            write_file(made / "no_write" / "f", "f");
            make_dir(made / "nothing");
            make_dir(made / "nothing" / "no_write_inside");
            write_file(made / "nothing" / "no_write_inside" / "g", "g");
            write_file(made / "nothing" / "h", "h", 0000);
            make_dir(made / "no_read");
            write_file(made / "no_read" / "i", "i");
            ::chmod((made / "nothing" / "no_write_inside").c_str(), 0500);
            ::chmod((made / "nothing").c_str(), 0000);
            ::chmod((made / "no_write").c_str(), 0500);
            ::chmod((made / "no_read").c_str(), 0300);
            CHILD_CHECK(check, ::unlink((made / "no_write" / "f").c_str()) != 0);
            boost::system::error_code ec;
            d.remove(ec);
            CHILD_CHECK(check, !ec);
        }
        CHILD_CHECK(check, !present(made));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(umask_0477_leaves_no_read_bit_yet_the_directory_is_opened_and_usable)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, test_support::drop_permission_override());
        scoped_umask um(0477);
        fs::path made;
        {
            tf::temp_dir<> d(in(scratch.path));
            made = d.path();
            CHILD_CHECK(check, (mode_of(made) & 0700u) == 0700u);
            CHILD_CHECK(check, d.native_handle() >= 0);
            const int fd = ::openat(d.native_handle(), "f", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            CHILD_CHECK(check, fd >= 0);
            if (fd >= 0)
                ::close(fd);
        }
        CHILD_CHECK(check, !present(made));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

namespace {

//! A chain of `depth` nested directories, each with a file, made by
//! descriptor so that no path grows long.
void make_deep_chain(const fs::path& root, int depth)
{
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (int i = 0; i < depth && fd >= 0; ++i)
    {
        const int f = ::openat(fd, "file", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (f >= 0)
            ::close(f);
        const int next = ::mkdirat(fd, "d", 0700) == 0 ? ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
        ::close(fd);
        fd = next;
    }
    if (fd < 0)
        throw std::runtime_error("cannot build the deep chain");
    ::close(fd);
}

//! A descriptor limit that leaves exactly `free` descriptor numbers unused
//! (descriptors open above it, inherited from whoever started us, stay open
//! but take no room).
rlim_t limit_leaving(int free)
{
    std::vector< bool > used;
    for (fs::directory_iterator it("/proc/self/fd"), end; it != end; ++it)
    {
        const std::size_t n = static_cast< std::size_t >(std::atoi(it->path().filename().c_str()));
        if (used.size() <= n)
            used.resize(n + 1);
        used[n] = true;
    }
    rlim_t limit = 0;
    for (int left = free; left > 0; ++limit)
        if (limit >= used.size() || !used[limit])
            --left;
    return limit;
}

} // namespace

BOOST_AUTO_TEST_CASE(tree_deeper_than_the_descriptor_budget_is_removed_completely)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path made;
    {
        tf::temp_dir<> d(in(scratch.path));
        made = d.path();
        make_deep_chain(made, 300);
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(deep_tree_is_removed_under_a_tight_descriptor_limit)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        fs::path made;
        {
            tf::temp_dir<> d(in(scratch.path));
            made = d.path();
            make_deep_chain(made, 100);
            // Room for only a few more descriptors than are open now.
            struct rlimit lim;
            ::getrlimit(RLIMIT_NOFILE, &lim);
            lim.rlim_cur = limit_leaving(6);
            CHILD_CHECK(check, ::setrlimit(RLIMIT_NOFILE, &lim) == 0);
            boost::system::error_code ec;
            d.remove(ec);
            CHILD_CHECK(check, !ec);
            if (ec)
                check(false, ec.message().c_str(), __LINE__);
        }
        CHILD_CHECK(check, !present(made));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(remove_with_error_code_twice_is_not_an_error)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::temp_dir<> d(in(scratch.path));
    const fs::path made = d.path();
    write_file(made / "x", "x");
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    d.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!present(made));
    ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    d.remove(ec);
    BOOST_TEST(!ec, "second remove: " << ec.message());
    BOOST_CHECK_NO_THROW(d.remove());
}

BOOST_AUTO_TEST_CASE(name_replaced_by_symlink_is_left_alone_and_its_target_untouched)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const outside_targets outside(scratch.path);
    const fs::path moved = scratch.path / "moved_original";
    fs::path name;
    {
        tf::temp_dir<> d(in(scratch.path));
        name = d.path();
        write_file(name / "original.txt", "ours");
        BOOST_TEST_REQUIRE(::rename(name.c_str(), moved.c_str()) == 0);
        make_symlink(outside.dir, name);
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec.value() == ESTALE, ec.message());
        BOOST_TEST(!present(moved / "original.txt"));
    }
    BOOST_TEST(fs::is_symlink(fs::symlink_status(name)));
    BOOST_TEST(outside.untouched());
}

// ---- cleanup policies and ownership -------------------------------------------

BOOST_AUTO_TEST_CASE(keep_policy_never_removes_the_directory)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path empty_one, full_one;
    {
        tf::temp_dir< tf::keep > a(in(scratch.path));
        tf::temp_dir< tf::keep > b(in(scratch.path));
        empty_one = a.path();
        full_one = b.path();
        write_file(full_one / "f", "f");
        BOOST_TEST(mode_of(empty_one) == 0700u);
    }
    BOOST_TEST(is_real_dir(empty_one));
    BOOST_TEST(read_file(full_one / "f") == "f");
    fs::remove_all(empty_one);
    fs::remove_all(full_one);
}

BOOST_AUTO_TEST_CASE(release_returns_the_path_empties_the_object_and_closes_the_descriptor)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int fds_before = test_support::open_fd_count();
    fs::path released;
    {
        tf::temp_dir<> d(in(scratch.path));
        const fs::path made = d.path();
        write_file(made / "f", "f");
        BOOST_TEST(test_support::open_fd_count() == fds_before + 1);
        released = d.release();
        BOOST_TEST(released == made);
        BOOST_TEST(d.path().empty());
        BOOST_TEST(d.native_handle() == -1);
        BOOST_TEST(!d.owns_directory());
        BOOST_TEST(test_support::open_fd_count() == fds_before);
        boost::system::error_code ec;
        d.remove(ec); // the object owns nothing any more: refused (issue 16.4)
        BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    }
    BOOST_TEST(read_file(released / "f") == "f");
}
