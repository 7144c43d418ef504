// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_path on POSIX: a forked child never removes, renames or hands over
// what its parent adopted or split off (decisions.md, 1); a symlink is
// adopted as itself, never followed; the adopted file's inode is held, so a
// name removed and made again at once is recognised as another file. What
// every backend shares is in test/behaviour/temp_path.cpp.

#define BOOST_TEST_MODULE temp_path
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
namespace errc = boost::system::errc;
using test_support::fd_leak_check;
using namespace portable;

BOOST_AUTO_TEST_SUITE(forked_child)

BOOST_AUTO_TEST_CASE(a_forked_child_removes_nothing_its_parent_adopted)
{
    scratch_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    tf::temp_path<> t(tf::adopt, p);
    const int child = test_support::run_in_child([&] {
        boost::system::error_code ec;
        t.remove(ec);
        if (ec != errc::operation_not_permitted || !fs::exists(p) || !t.owns_name())
            return 1;
        t.persist(scratch.path / "g", ec);
        if (ec != errc::operation_not_permitted || !fs::exists(p))
            return 2;
        const fs::path released = t.release(ec);
        if (ec != errc::operation_not_permitted || !released.empty() || !t.owns_name())
            return 3;
        {
            tf::temp_path<> moved(std::move(t)); // its end in the child removes nothing
        }
        return fs::exists(p) ? 0 : 4;
    });
    BOOST_TEST(child == 0);
    BOOST_TEST(fs::exists(p));
    BOOST_TEST(t.owns_name());
    t.remove();
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(a_forked_child_cannot_split_or_join_its_parents_file)
{
    fd_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    const int child = test_support::run_in_child([&] {
        boost::system::error_code ec;
        auto t = f.into_temp_path(ec);
        if (ec != errc::operation_not_permitted || t.owns_name() || !f.owns_name())
            return 1;
        auto parts = f.into_parts(ec);
        if (ec != errc::operation_not_permitted || parts.handle || !f.is_open())
            return 2;
        return fs::exists(p) ? 0 : 3;
    });
    BOOST_TEST(child == 0);
    auto parts = f.into_parts();
    const int joining = test_support::run_in_child([&] {
        boost::system::error_code ec;
        auto g = tf::named_temp_file<>::from_parts(std::move(parts), ec);
        if (ec != errc::operation_not_permitted || g.is_open() || !parts.handle || !parts.path.owns_name())
            return 1;
        return 0;
    });
    BOOST_TEST(joining == 0);
    BOOST_TEST(fs::exists(p));
    auto g = tf::named_temp_file<>::from_parts(std::move(parts));
    BOOST_TEST(g.owns_name());
    g.close();
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(recorded_identity)

BOOST_AUTO_TEST_CASE(a_symlink_is_adopted_as_itself_and_its_target_is_never_removed)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "precious";
    write_file(target, "keep me");
    fs::create_symlink(target, scratch.path / "link");
    {
        tf::temp_path<> t(tf::adopt, scratch.path / "link");
    }
    BOOST_TEST(!fs::is_symlink(fs::symlink_status(scratch.path / "link")));
    BOOST_TEST(read_file(target) == "keep me");
}

BOOST_AUTO_TEST_CASE(a_name_removed_and_made_again_at_once_is_another_file)
{
    // The adopted inode is held (O_PATH): its number cannot pass to the file
    // made next at the same name, which is then left alone.
    scratch_dir scratch;
    const fs::path p = scratch.path / "f";
    for (int round = 0; round < 20; ++round)
    {
        write_file(p, "mine");
        {
            tf::temp_path<> t(tf::adopt, p);
            BOOST_TEST(::unlink(p.c_str()) == 0);
            write_file(p, "theirs");
        }
        BOOST_TEST(read_file(p) == "theirs");
        BOOST_TEST(::unlink(p.c_str()) == 0);
    }
}

BOOST_AUTO_TEST_CASE(adopting_through_an_unreadable_directory_reports_the_system_error)
{
    scratch_dir scratch;
    make_dir(scratch.path / "locked");
    write_file(scratch.path / "locked" / "f", "x");
    BOOST_TEST(::chmod((scratch.path / "locked").c_str(), 0) == 0);
    const int child = test_support::run_in_child([&] {
        if (!test_support::drop_permission_override())
            return 1;
        boost::system::error_code ec;
        tf::temp_path<> t(tf::adopt, scratch.path / "locked" / "f", ec);
        return ec == errc::permission_denied && t.path().empty() ? 0 : 2;
    });
    BOOST_TEST(child == 0);
}

BOOST_AUTO_TEST_SUITE_END()
