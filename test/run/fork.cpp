// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Fork-awareness: a child process that closes or destroys its copies of the
// parent's temporary objects removes nothing (only the creating process
// does), and the name generator never repeats its parent's sequence.

#define BOOST_TEST_MODULE fork
#include <boost/tempfile.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::present;
using test_support::read_file;
using test_support::write_file;

using test_support::child_checks;
using test_support::read_all;
using test_support::run_checked_in_child;

namespace {

// ---- helpers ---------------------------------------------------------------

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

std::vector< std::string > make_names(std::size_t n)
{
    std::vector< std::string > names(n);
    for (std::string& name : names)
        tf::random_name<>().generate(tf::options(), name);
    return names;
}

//! Names a forked child makes right after fork, passed back through a pipe.
std::vector< std::string > names_from_child(std::size_t n)
{
    int p[2];
    BOOST_TEST_REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
    const int status = test_support::run_in_child([&] {
        ::close(p[0]);
        std::string out;
        for (const std::string& name : make_names(n))
            out += name + '\n';
        const bool ok = ::write(p[1], out.data(), out.size()) == static_cast< ::ssize_t >(out.size());
        ::close(p[1]);
        return ok ? 0 : 1;
    });
    ::close(p[1]);
    const std::string out = read_all(p[0]);
    ::close(p[0]);
    BOOST_TEST(status == 0);
    std::vector< std::string > names;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
        names.push_back(line);
    BOOST_TEST(names.size() == n);
    return names;
}

std::size_t common(const std::vector< std::string >& a, const std::vector< std::string >& b)
{
    const std::set< std::string > sa(a.begin(), a.end());
    std::size_t n = 0;
    for (const std::string& s : b)
        n += sa.count(s);
    return n;
}

} // namespace

// ---- objects copied into a child ----------------------------------------------

BOOST_AUTO_TEST_CASE(child_closing_and_destroying_its_copies_removes_nothing_of_the_parent)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    std::optional< tf::named_temp_file< tf::delete_on_close > > on_close(std::in_place, in(scratch.path));
    std::optional< tf::named_temp_file< tf::delete_on_destroy > > on_destroy(std::in_place, in(scratch.path));
    std::optional< tf::temp_dir<> > dir(std::in_place, in(scratch.path));
    const fs::path p1 = on_close->path(), p2 = on_destroy->path(), pd = dir->path();
    on_close->stream() << "parent data" << std::flush;
    write_file(pd / "inside.txt", "inside");

    const int status = run_checked_in_child([&](const child_checks& check) {
        const int fds = test_support::open_fd_count();
        boost::system::error_code ec;
        on_close->close(ec);
        CHILD_CHECK(check, !ec);
        on_destroy->close(ec);
        CHILD_CHECK(check, !ec);
        CHILD_CHECK(check, !on_close->is_open());
        CHILD_CHECK(check, present(p1));
        CHILD_CHECK(check, present(p2));
        on_close.reset();
        on_destroy.reset();
        dir.reset();
        // The child's copies of the descriptors are closed all the same.
        CHILD_CHECK(check, test_support::open_fd_count() == fds - 3);
        CHILD_CHECK(check, present(p1));
        CHILD_CHECK(check, present(p2));
        CHILD_CHECK(check, present(pd / "inside.txt"));
        return 0;
    });
    BOOST_TEST(status == 0);

    BOOST_TEST(read_file(p1) == "parent data");
    BOOST_TEST(present(p2));
    BOOST_TEST(read_file(pd / "inside.txt") == "inside");
    // The parent's descriptors are untouched by the child's closing.
    on_close->stream() << " and more" << std::flush;
    BOOST_TEST(read_file(p1) == "parent data and more");
    struct stat st;
    BOOST_TEST(::fstat(dir->native_handle(), &st) == 0);

    on_close.reset();
    on_destroy.reset();
    dir.reset();
    BOOST_TEST(!present(p1));
    BOOST_TEST(!present(p2));
    BOOST_TEST(!present(pd));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(child_returning_from_a_scope_holding_moved_copies_removes_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path p1, p2, pd;
    {
        tf::named_temp_file< tf::delete_on_close > on_close(in(scratch.path));
        tf::named_temp_file< tf::delete_on_destroy > on_destroy(in(scratch.path));
        tf::temp_dir<> dir(in(scratch.path));
        p1 = on_close.path();
        p2 = on_destroy.path();
        pd = dir.path();
        write_file(pd / "inside.txt", "inside");

        const int status = run_checked_in_child([&](const child_checks& check) {
            {
                // Moving keeps the creator's identity: still not the child's to remove.
                tf::named_temp_file< tf::delete_on_close > a(std::move(on_close));
                tf::named_temp_file< tf::delete_on_destroy > b(std::move(on_destroy));
                tf::temp_dir<> c(std::move(dir));
                CHILD_CHECK(check, a.path() == p1);
                CHILD_CHECK(check, c.path() == pd);
            }
            CHILD_CHECK(check, present(p1));
            CHILD_CHECK(check, present(p2));
            CHILD_CHECK(check, present(pd / "inside.txt"));
            return 0;
        });
        BOOST_TEST(status == 0);
        BOOST_TEST(present(p1));
        BOOST_TEST(present(p2));
        BOOST_TEST(read_file(pd / "inside.txt") == "inside");
    }
    BOOST_TEST(!present(p1));
    BOOST_TEST(!present(p2));
    BOOST_TEST(!present(pd));
}

BOOST_AUTO_TEST_CASE(objects_a_child_creates_itself_are_removed_by_the_child)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        fs::path p1, p2, pd;
        {
            tf::named_temp_file< tf::delete_on_close > on_close(in(scratch.path));
            tf::named_temp_file< tf::delete_on_destroy > on_destroy(in(scratch.path));
            tf::temp_dir<> dir(in(scratch.path));
            p1 = on_close.path();
            p2 = on_destroy.path();
            pd = dir.path();
            write_file(pd / "inside.txt", "inside");
            on_close.close();
            CHILD_CHECK(check, !present(p1));
        }
        CHILD_CHECK(check, !present(p2));
        CHILD_CHECK(check, !present(pd));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(grandchild_removes_nothing_of_its_parent_or_grandparent)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    std::optional< tf::temp_dir<> > from_parent(std::in_place, in(scratch.path));
    const fs::path pp = from_parent->path();
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::optional< tf::temp_dir<> > from_child(std::in_place, in(scratch.path));
        const fs::path pc = from_child->path();
        const int inner = test_support::run_in_child([&] {
            from_parent.reset();
            from_child.reset();
            return 0;
        });
        CHILD_CHECK(check, inner == 0);
        CHILD_CHECK(check, present(pp));
        CHILD_CHECK(check, present(pc));
        from_child.reset();
        CHILD_CHECK(check, !present(pc));
        from_parent.reset();
        CHILD_CHECK(check, present(pp));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(present(pp));
    from_parent.reset();
    BOOST_TEST(!present(pp));
}

// ---- the name generator after fork ----------------------------------------------

BOOST_AUTO_TEST_CASE(child_does_not_repeat_the_parent_name_sequence)
{
    // The parent's generator is keyed before the fork: a child that kept the
    // key would produce exactly the parent's next names.
    make_names(5);
    const std::vector< std::string > child = names_from_child(100);
    const std::vector< std::string > parent = make_names(100);
    BOOST_TEST(common(parent, child) == 0u);
    BOOST_TEST(std::set< std::string >(child.begin(), child.end()).size() == 100u);
    BOOST_TEST(std::set< std::string >(parent.begin(), parent.end()).size() == 100u);
}

BOOST_AUTO_TEST_CASE(two_children_of_one_parent_make_different_names)
{
    make_names(5);
    const std::vector< std::string > first = names_from_child(100);
    const std::vector< std::string > second = names_from_child(100);
    BOOST_TEST(common(first, second) == 0u);
}

BOOST_AUTO_TEST_CASE(random_bits_differ_between_parent_and_child)
{
    (void)tf::random_bits();
    int p[2];
    BOOST_TEST_REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
    const int status = test_support::run_in_child([&] {
        ::close(p[0]);
        std::uint64_t words[16];
        for (std::uint64_t& w : words)
            w = tf::random_bits();
        const bool ok = ::write(p[1], words, sizeof words) == static_cast< ::ssize_t >(sizeof words);
        ::close(p[1]);
        return ok ? 0 : 1;
    });
    ::close(p[1]);
    const std::string got = read_all(p[0]);
    ::close(p[0]);
    BOOST_TEST(status == 0);
    BOOST_TEST_REQUIRE(got.size() == 16 * sizeof(std::uint64_t));
    std::set< std::uint64_t > child;
    for (std::size_t i = 0; i < 16; ++i)
    {
        std::uint64_t w;
        std::memcpy(&w, got.data() + i * sizeof w, sizeof w);
        child.insert(w);
    }
    std::size_t shared = 0;
    for (int i = 0; i < 16; ++i)
        shared += child.count(tf::random_bits());
    BOOST_TEST(shared == 0u);
}
