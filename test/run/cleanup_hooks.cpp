// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The hooks of a cleanup policy on POSIX: a forked child ending its copies
// removes nothing (what it tells the hooks is pinned down here), and
// directory owners (their second remove() is what phase B's review
// changes). What every backend shares is in test/behaviour/cleanup_hooks.cpp.

#define BOOST_TEST_MODULE cleanup_hooks
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::present;

namespace {

//! One hook call as the policy saw it.
struct hook_call
{
    std::string hook; // "create", "keep", "release"
    fs::path path;
    tf::entry_kind kind;
    bool existed; // whether the path existed when the hook ran
};

//! Every hook call since the last reset. Hooks are noexcept: a failed
//! push_back would terminate, which is acceptable in a test.
std::vector< hook_call >& calls()
{
    static std::vector< hook_call > log;
    return log;
}

std::size_t count(const char* hook)
{
    std::size_t n = 0;
    for (const hook_call& c : calls())
        n += c.hook == hook;
    return n;
}

std::string sequence()
{
    std::string s;
    for (const hook_call& c : calls())
        s += (s.empty() ? "" : ",") + c.hook;
    return s;
}

//! Starts and ends each test with an empty log.
struct log_scope
{
    log_scope() { calls().clear(); }
    ~log_scope() { calls().clear(); }
};

template< bool RemoveOnClose, bool RemoveOnDestroy >
struct counting
{
    static constexpr bool recursive = true;
    bool remove_on_close() const noexcept { return RemoveOnClose; }
    bool remove_on_destroy() const noexcept { return RemoveOnDestroy; }
    void on_create(const fs::path& p, tf::entry_kind k) noexcept { record("create", p, k); }
    void on_keep(const fs::path& p, tf::entry_kind k) noexcept { record("keep", p, k); }
    void on_release(const fs::path& p, tf::entry_kind k) noexcept { record("release", p, k); }

private:
    static void record(const char* hook, const fs::path& p, tf::entry_kind k) noexcept
    {
        calls().push_back(hook_call{hook, p, k, present(p)});
    }
};

using removing = counting< true, true >;   // as delete_on_close / recursive_remove
using on_destroy = counting< false, true >; // as delete_on_destroy
using keeping = counting< false, false >;   // as keep

template< typename C >
using file_of = tf::named_temp_file< C >;
template< typename C >
using dir_of = tf::temp_dir< C >;

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

} // namespace

// ---- creation ---------------------------------------------------------------------

// ---- files: every way an owner lets go ------------------------------------------------

// ---- directories ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(directory_owners_call_each_hook_as_files_do)
{
    fd_leak_check leaks;
    log_scope log;
    scratch_dir scratch;
    {
        dir_of< removing > d(in(scratch.path));
        std::ofstream((d.path() / "inside").string()) << "x";
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(!calls()[1].existed);
    BOOST_TEST((calls()[1].kind == tf::entry_kind::directory));
    calls().clear();

    {
        dir_of< removing > d(in(scratch.path));
        d.remove();
        d.remove();
    }
    BOOST_TEST(sequence() == "create,release");
    calls().clear();

    fs::path kept, released;
    {
        dir_of< removing > d(in(scratch.path));
        kept = d.path();
        d.keep();
        dir_of< removing > e(in(scratch.path));
        dir_of< removing > moved(std::move(e));
        released = moved.release();
    }
    BOOST_TEST(sequence() == "create,release,create,release");
    BOOST_TEST(calls()[1].path == kept);
    BOOST_TEST(calls()[3].path == released);
    calls().clear();

    fs::path by_policy;
    {
        dir_of< keeping > d(in(scratch.path));
        by_policy = d.path();
    }
    BOOST_TEST(sequence() == "create,keep,release");
    BOOST_TEST((calls()[1].kind == tf::entry_kind::directory));
    BOOST_TEST(present(by_policy));
    BOOST_TEST(scratch.entries() == 3u);
}

// ---- fork -----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(forked_child_ending_its_copies_removes_nothing_and_only_releases)
{
    // Current behaviour, pinned down: the child's copy is not the child's to
    // remove, so its end calls neither a removal nor on_keep -- but it does
    // call on_release (the copy stops being responsible), in the child only.
    fd_leak_check leaks;
    log_scope log;
    scratch_dir scratch;
    file_of< removing > f(in(scratch.path));
    file_of< keeping > k(in(scratch.path));
    dir_of< removing > d(in(scratch.path));
    BOOST_TEST_REQUIRE(sequence() == "create,create,create");
    int p[2];
    BOOST_TEST_REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
    const int status = test_support::run_in_child([&] {
        ::close(p[0]);
        calls().clear();
        {
            file_of< removing > cf(std::move(f));
            file_of< keeping > ck(std::move(k));
            dir_of< removing > cd(std::move(d));
            cf.close(); // not the child's to remove: keeps the name
        }
        const std::string seen = sequence();
        const bool ok = ::write(p[1], seen.data(), seen.size()) == static_cast< ssize_t >(seen.size());
        ::close(p[1]);
        return ok ? 0 : 1;
    });
    ::close(p[1]);
    std::string seen;
    char buf[256];
    for (ssize_t n; (n = ::read(p[0], buf, sizeof buf)) > 0;)
        seen.append(buf, static_cast< std::size_t >(n));
    ::close(p[0]);
    BOOST_TEST(status == 0);
    BOOST_TEST(seen == "release,release,release");
    BOOST_TEST(present(f.path()));
    BOOST_TEST(present(k.path()));
    BOOST_TEST(present(d.path()));
    BOOST_TEST(sequence() == "create,create,create"); // the parent heard nothing
    const fs::path kept = k.path();
    {
        file_of< removing > end_f(std::move(f));
        file_of< keeping > end_k(std::move(k));
        dir_of< removing > end_d(std::move(d));
    }
    BOOST_TEST(count("release") == 3u);
    BOOST_TEST(count("keep") == 1u);
    fs::remove(kept);
    BOOST_TEST(scratch.entries() == 0u);
}

