// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_dir error paths: real failures (missing or read-only parents, name
// collisions, a subdirectory that cannot be emptied) and injected ones at
// every system call of creation and of removal.

#define BOOST_TEST_MODULE dir_errors
#include <boost/filesystem/directory.hpp>
#include <boost/tempfile.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <fcntl.h>
#include <functional>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::fault_scope;
using test_support::make_dir;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

using test_support::child_checks;
using test_support::run_checked_in_child;

namespace {

// ---- helpers ---------------------------------------------------------------

bool is_real_dir(const fs::path& p)
{
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

//! p is root or somewhere below it.
bool within(const fs::path& p, const fs::path& root)
{
    const std::string& s = p.native();
    const std::string& r = root.native();
    return s == r || (s.size() > r.size() && s.compare(0, r.size(), r) == 0 && s[r.size()] == '/');
}

//! A naming policy that hands out the names of script() first, then random
//! ones: it steers creation into chosen collisions.
struct scripted_name
{
    static std::vector< std::string >& script()
    {
        static std::vector< std::string > names;
        return names;
    }
    static unsigned& calls()
    {
        static unsigned n = 0;
        return n;
    }
    static void reset(std::vector< std::string > names)
    {
        script() = std::move(names);
        calls() = 0;
    }
    void generate(const tf::options& opts, std::string& name) const
    {
        const unsigned i = calls()++;
        if (i < script().size())
            name = script()[i];
        else
            tf::random_name<>().generate(opts, name);
    }
};

using scripted_dir = tf::basic_temp_dir< tf::recursive_remove, scripted_name >;

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
using faulty_dir = tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::owner_only, faulty_platform >;

} // namespace

// ---- creation: real failures ------------------------------------------------

BOOST_AUTO_TEST_CASE(nonexistent_parent_fails_with_enoent_naming_the_parent)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path missing = scratch.path / "missing";
    try
    {
        tf::temp_dir<> d(in(missing));
        BOOST_ERROR("no exception");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code().value() == ENOENT);
        BOOST_TEST((e.code().category() == boost::system::system_category()));
        BOOST_TEST(e.path1() == missing);
    }
    boost::system::error_code ec;
    tf::temp_dir<> d(in(missing), ec);
    BOOST_TEST(ec.value() == ENOENT);
    BOOST_TEST(d.path().empty());
    BOOST_TEST(d.native_handle() == -1);
    BOOST_TEST(!d.owns_directory());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(file_as_parent_fails_with_enotdir_naming_the_parent)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path file = scratch.path / "a_file";
    write_file(file, "not a directory");
    try
    {
        tf::temp_dir<> d(in(file));
        BOOST_ERROR("no exception");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code().value() == ENOTDIR);
        BOOST_TEST(e.path1() == file);
    }
    boost::system::error_code ec;
    tf::temp_dir<> d(in(file), ec);
    BOOST_TEST(ec.value() == ENOTDIR);
    BOOST_TEST(d.path().empty());
    BOOST_TEST(d.native_handle() == -1);
    BOOST_TEST(scratch.entries() == 1u);
    BOOST_TEST(read_file(file) == "not a directory");
}

BOOST_AUTO_TEST_CASE(read_only_parent_fails_with_eacces_naming_the_parent)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path ro = scratch.path / "read_only";
    make_dir(ro, 0500);
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, test_support::drop_permission_override());
        bool threw = false;
        try
        {
            tf::temp_dir<> d(in(ro));
        }
        catch (const fs::filesystem_error& e)
        {
            threw = true;
            CHILD_CHECK(check, e.code().value() == EACCES);
            CHILD_CHECK(check, e.path1() == ro);
        }
        CHILD_CHECK(check, threw);
        boost::system::error_code ec;
        tf::temp_dir<> d(in(ro), ec);
        CHILD_CHECK(check, ec.value() == EACCES);
        CHILD_CHECK(check, d.path().empty());
        CHILD_CHECK(check, d.native_handle() == -1);
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::is_empty(ro));
}

BOOST_AUTO_TEST_CASE(collision_with_existing_directory_and_file_moves_to_the_next_name)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    make_dir(scratch.path / "taken_dir", 0755);
    write_file(scratch.path / "taken_dir" / "inside.txt", "inside");
    write_file(scratch.path / "taken_file", "file content");
    scripted_name::reset({"taken_dir", "taken_file", "free_name"});
    fs::path made;
    {
        scripted_dir d(in(scratch.path));
        made = d.path();
        BOOST_TEST(scripted_name::calls() == 3u);
        BOOST_TEST(d.path() == scratch.path / "free_name");
        BOOST_TEST(is_real_dir(made));
    }
    BOOST_TEST(!present(made));
    // What was there before was neither changed nor removed.
    BOOST_TEST(test_support::mode_of(scratch.path / "taken_dir") == 0755u);
    BOOST_TEST(read_file(scratch.path / "taken_dir" / "inside.txt") == "inside");
    BOOST_TEST(read_file(scratch.path / "taken_file") == "file content");
    BOOST_TEST(scratch.entries() == 2u);
}

BOOST_AUTO_TEST_CASE(every_name_taken_fails_with_eexist_after_the_allowed_attempts)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    make_dir(scratch.path / "a");
    write_file(scratch.path / "b", "b");
    scripted_name::reset({"a", "b", "a", "b", "a"});
    try
    {
        scripted_dir d(in(scratch.path).attempts(4));
        BOOST_ERROR("no exception");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::file_exists);
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(std::string(e.what()).find('4') != std::string::npos, e.what());
    }
    BOOST_TEST(scripted_name::calls() == 4u);
    BOOST_TEST(scratch.entries() == 2u);
}

// ---- removal: a subdirectory that cannot be emptied ---------------------------

namespace {

//! Makes dir impossible for this process to empty: it belongs to another
//! user and gives others no write bit, so neither unlinking inside it nor
//! repairing its mode (the removal widens modes of directories it owns) can
//! work. Needs CAP_CHOWN, which drop_permission_override() leaves.
void lock_against_us(const fs::path& dir)
{
    if (::chmod(dir.c_str(), 0755) != 0 || ::chown(dir.c_str(), 65534, 65534) != 0)
        throw std::runtime_error("cannot hand " + dir.string() + " to another user");
}

} // namespace

BOOST_AUTO_TEST_CASE(unremovable_entry_is_reported_with_its_path_and_everything_else_removed)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    for (const bool throwing : {false, true})
    {
        BOOST_TEST_CONTEXT((throwing ? "remove()" : "remove(ec)"))
        {
            const int status = run_checked_in_child([&](const child_checks& check) {
                CHILD_CHECK(check, test_support::drop_permission_override());
                tf::temp_dir<> d(in(scratch.path));
                const fs::path root = d.path();
                write_file(root / "top.txt", "t");
                make_dir(root / "a_sibling");
                write_file(root / "a_sibling" / "x", "x");
                make_dir(root / "locked");
                write_file(root / "locked" / "stuck.txt", "stuck");
                lock_against_us(root / "locked");
                // Ours, merely unwritable: the removal may repair it.
                make_dir(root / "m_own_read_only");
                write_file(root / "m_own_read_only" / "w", "w");
                ::chmod((root / "m_own_read_only").c_str(), 0500);
                make_dir(root / "z_sibling");
                make_dir(root / "z_sibling" / "deeper");
                write_file(root / "z_sibling" / "deeper" / "y", "y");

                boost::system::error_code ec;
                fs::path where;
                if (throwing)
                {
                    try
                    {
                        d.remove();
                    }
                    catch (const fs::filesystem_error& e)
                    {
                        ec = e.code();
                        where = e.path1();
                    }
                }
                else
                    d.remove(ec);
                CHILD_CHECK(check, ec.value() == EACCES);
                if (throwing)
                    CHILD_CHECK(check, where == root / "locked" / "stuck.txt");
                CHILD_CHECK(check, !present(root / "top.txt"));
                CHILD_CHECK(check, !present(root / "a_sibling"));
                CHILD_CHECK(check, !present(root / "m_own_read_only"));
                CHILD_CHECK(check, !present(root / "z_sibling"));
                CHILD_CHECK(check, read_file(root / "locked" / "stuck.txt") == "stuck");
                // A failed removal keeps the directory owned (decisions: 2).
                CHILD_CHECK(check, d.owns_directory());
                CHILD_CHECK(check, d.native_handle() >= 0);
                // Only the locked entry is left.
                std::size_t left = 0;
                for (fs::directory_iterator it(root), end; it != end; ++it)
                    ++left;
                CHILD_CHECK(check, left == 1u);
                return 0;
            });
            BOOST_TEST(status == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(destructor_meeting_an_unremovable_entry_does_not_throw_and_removes_the_rest)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, test_support::drop_permission_override());
        const int fds = test_support::open_fd_count();
        fs::path root;
        {
            tf::temp_dir<> d(in(scratch.path));
            root = d.path();
            make_dir(root / "locked");
            write_file(root / "locked" / "stuck.txt", "stuck");
            lock_against_us(root / "locked");
            write_file(root / "other.txt", "o");
        }
        CHILD_CHECK(check, test_support::open_fd_count() == fds);
        CHILD_CHECK(check, present(root / "locked" / "stuck.txt"));
        CHILD_CHECK(check, !present(root / "other.txt"));
        return 0;
    });
    BOOST_TEST(status == 0);
}

// ---- creation: injected failures -------------------------------------------

BOOST_AUTO_TEST_CASE(failing_mkdir_is_reported_at_once_without_retry)
{
    scratch_dir scratch;
    for (const int error : {EACCES, ENOSPC, EROFS})
    {
        BOOST_TEST_CONTEXT("errno " << error)
        {
            fd_leak_check leaks;
            fault_scope faults;
            tf::fault_injection::fail(tf::sys_call::mkdir, error);
            boost::system::error_code ec;
            faulty_dir d(in(scratch.path), ec);
            BOOST_TEST(ec.value() == error);
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 1u);
            BOOST_TEST(d.path().empty());
            BOOST_TEST(d.native_handle() == -1);

            tf::fault_injection::clear();
            tf::fault_injection::fail(tf::sys_call::mkdir, error);
            try
            {
                faulty_dir t(in(scratch.path));
                BOOST_ERROR("no exception");
            }
            catch (const fs::filesystem_error& e)
            {
                BOOST_TEST(e.code().value() == error);
                BOOST_TEST(e.path1() == scratch.path);
            }
            BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 1u);
        }
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(eexist_storm_is_retried_with_fresh_names)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::mkdir, EEXIST, 0, 50);
    {
        faulty_dir d(in(scratch.path));
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 51u);
        BOOST_TEST(is_real_dir(d.path()));
        BOOST_TEST(test_support::mode_of(d.path()) == 0700u);
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(eexist_storm_longer_than_the_attempts_fails_with_eexist)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::mkdir, EEXIST, 0, tf::fault_injection::always);
    boost::system::error_code ec;
    faulty_dir d(in(scratch.path).attempts(20), ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 20u);
    BOOST_TEST(d.path().empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(eintr_from_mkdir_is_retried)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::mkdir, EINTR, 0, 3);
    {
        faulty_dir d(in(scratch.path));
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 4u);
        BOOST_TEST(is_real_dir(d.path()));
    }
    BOOST_TEST(scratch.entries() == 0u);
}

namespace {

using scripted_faulty_dir = tf::basic_temp_dir< tf::recursive_remove, scripted_name, tf::owner_only, faulty_platform >;

//! A step after mkdir fails: the error names the new directory, which is
//! removed again, and no descriptor is left open.
void check_failure_after_mkdir(const fs::path& parent, tf::sys_call call, int error)
{
    {
        fd_leak_check leaks;
        fault_scope faults;
        tf::fault_injection::fail(call, error);
        boost::system::error_code ec;
        faulty_dir d(in(parent), ec);
        BOOST_TEST(ec.value() == error);
        BOOST_TEST(tf::fault_injection::injected() == 1u);
        BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 1u);
        BOOST_TEST(d.path().empty());
        BOOST_TEST(d.native_handle() == -1);
        BOOST_TEST(fs::is_empty(parent));
    }
    {
        fd_leak_check leaks;
        fault_scope faults;
        scripted_name::reset({"new_dir"});
        tf::fault_injection::fail(call, error);
        try
        {
            scripted_faulty_dir d(in(parent));
            BOOST_ERROR("no exception");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code().value() == error);
            BOOST_TEST(e.path1() == parent);
            BOOST_TEST(e.path2() == parent / "new_dir");
        }
        BOOST_TEST(fs::is_empty(parent));
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(failing_open_of_the_new_directory_names_it_and_removes_it_again)
{
    scratch_dir scratch;
    check_failure_after_mkdir(scratch.path, tf::sys_call::open, EMFILE);
}

BOOST_AUTO_TEST_CASE(failing_fstat_of_the_new_directory_names_it_and_removes_it_again)
{
    scratch_dir scratch;
    check_failure_after_mkdir(scratch.path, tf::sys_call::stat, EIO);
}

BOOST_AUTO_TEST_CASE(failing_mode_repair_of_the_new_directory_names_it_and_removes_it_again)
{
    scratch_dir scratch;
    test_support::scoped_umask um(0277); // the owner bits must be put back: one fchmod
    check_failure_after_mkdir(scratch.path, tf::sys_call::chmod, EPERM);
}

// ---- removal: injected failures at every call --------------------------------
//
// One clean removal of a small tree counts the calls of each kind; then each
// call in turn fails once, removal by remove(ec), remove() and the
// destructor. EIO must always be reported. EACCES may instead be overcome:
// the removal widens the mode of a directory it owns and tries again -- then
// the tree must be gone entirely and a mode change must really have happened.

namespace {

//! A small tree with a file, nested directories, an empty one and a symlink
//! out of the tree.
void build_small_tree(const fs::path& root, const fs::path& outside_file)
{
    write_file(root / "f1", "1");
    if (::symlink(outside_file.c_str(), (root / "link_out").c_str()) != 0)
        throw std::runtime_error("symlink failed");
    make_dir(root / "s1");
    write_file(root / "s1" / "f2", "2");
    make_dir(root / "s1" / "s2");
    write_file(root / "s1" / "s2" / "f3", "3");
    make_dir(root / "empty");
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

//! Fails call number `index` of kind `call` with `error` while removing the
//! small tree and checks the outcome.
void remove_with_one_fault(const fs::path& parent, const fs::path& outside_file, tf::sys_call call, unsigned index,
                           int error, removal_by how)
{
    const int fds = test_support::open_fd_count();
    fs::path root;
    boost::system::error_code reported;
    fs::path where;
    {
        faulty_dir d(in(parent));
        root = d.path();
        build_small_tree(root, outside_file);
        tf::fault_injection::clear();
        tf::fault_injection::fail(call, error, index);
        if (how == removal_by::error_code)
        {
            d.remove(reported);
            // A failed removal keeps the directory and its descriptor (decisions: 2).
            BOOST_TEST(d.owns_directory() == static_cast< bool >(reported));
            BOOST_TEST((d.native_handle() >= 0) == static_cast< bool >(reported));
            boost::system::error_code again;
            d.remove(again);
            BOOST_TEST(!again, "a second remove(ec): " << again.message());
            BOOST_TEST(d.native_handle() == -1);
        }
        else if (how == removal_by::exception)
        {
            try
            {
                d.remove();
            }
            catch (const fs::filesystem_error& e)
            {
                reported = e.code();
                where = e.path1();
            }
        }
    }
    const unsigned injected = tf::fault_injection::injected();
    const unsigned mode_changes = tf::fault_injection::calls(tf::sys_call::chmod);
    tf::fault_injection::clear();
    BOOST_TEST(injected == 1u);
    BOOST_TEST(test_support::open_fd_count() == fds, "descriptors leaked");

    const bool repaired = error == EACCES && !reported && !present(root) && mode_changes > 0;
    if (how != removal_by::destructor && !repaired)
    {
        BOOST_TEST(reported.value() == error, "reported: " << reported.message());
        if (how == removal_by::exception)
            BOOST_TEST(within(where, root), where << " is not in " << root);
    }
    boost::system::error_code ec;
    fs::remove_all(root, ec);
    BOOST_TEST(!ec, "remove_all after the failure: " << ec.message());
    BOOST_TEST(!present(root));
    BOOST_TEST(read_file(outside_file) == "outside");
}

//! Fails every call of kind `call` that removing the small tree makes, one
//! at a time.
void fail_each_call_of_removal(tf::sys_call call, const char* name)
{
    scratch_dir scratch;
    fault_scope faults;
    const fs::path outside_file = scratch.path / "outside";
    write_file(outside_file, "outside");

    unsigned count = 0;
    {
        faulty_dir d(in(scratch.path));
        build_small_tree(d.path(), outside_file);
        tf::fault_injection::clear();
        d.remove();
        count = tf::fault_injection::calls(call);
        BOOST_TEST(!present(d.path()));
    }
    BOOST_TEST_MESSAGE("a clean removal of the small tree makes " << count << " " << name << " calls");
    BOOST_TEST(count > 0u, name << " is never called");

    for (unsigned i = 0; i < count; ++i)
        for (const int error : {EIO, EACCES})
            for (const removal_by how : {removal_by::error_code, removal_by::exception, removal_by::destructor})
                BOOST_TEST_CONTEXT(name << " #" << i << " fails with errno " << error << ", " << removal_name(how))
                {
                    remove_with_one_fault(scratch.path, outside_file, call, i, error, how);
                }
    BOOST_TEST(scratch.entries() == 1u);
}

} // namespace

BOOST_AUTO_TEST_CASE(each_failing_open_during_removal_is_reported_or_overcome)
{
    fail_each_call_of_removal(tf::sys_call::open, "open");
}

BOOST_AUTO_TEST_CASE(each_failing_fdopendir_during_removal_is_reported_or_overcome)
{
    fail_each_call_of_removal(tf::sys_call::open_dir, "open_dir");
}

BOOST_AUTO_TEST_CASE(each_failing_readdir_during_removal_is_reported_or_overcome)
{
    fail_each_call_of_removal(tf::sys_call::read_dir, "read_dir");
}

BOOST_AUTO_TEST_CASE(each_failing_unlink_during_removal_is_reported_or_overcome)
{
    fail_each_call_of_removal(tf::sys_call::unlink, "unlink");
}

BOOST_AUTO_TEST_CASE(each_failing_closedir_during_removal_is_reported)
{
    fail_each_call_of_removal(tf::sys_call::close_dir, "close_dir");
}

BOOST_AUTO_TEST_CASE(each_failing_stat_during_removal_is_reported_or_overcome)
{
    fail_each_call_of_removal(tf::sys_call::stat, "stat");
}
