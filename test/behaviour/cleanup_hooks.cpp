// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The optional hooks of a cleanup policy, on every backend: on_create once
// per successful creation (never for a failed one), on_release exactly once
// per owner whatever way it lets go (removal at the end or by
// close()/remove(), keep(), release(), persist(), a move followed by the
// end), on_keep when the owner's end leaves the name by policy. A forked
// child, and a directory removed twice (which the review changes), are in
// test/run/cleanup_hooks.cpp.

#define BOOST_TEST_MODULE behaviour_cleanup_hooks
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

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

BOOST_AUTO_TEST_CASE(on_create_runs_once_per_created_file_and_directory_with_its_path_and_kind)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    {
        file_of< removing > f(in(scratch.path));
        BOOST_TEST_REQUIRE(calls().size() == 1u);
        BOOST_TEST(calls()[0].hook == "create");
        BOOST_TEST(calls()[0].path == f.path());
        BOOST_TEST((calls()[0].kind == tf::entry_kind::file));
        BOOST_TEST(calls()[0].existed);
        dir_of< removing > d(in(scratch.path));
        BOOST_TEST_REQUIRE(calls().size() == 2u);
        BOOST_TEST(calls()[1].hook == "create");
        BOOST_TEST(calls()[1].path == d.path());
        BOOST_TEST((calls()[1].kind == tf::entry_kind::directory));
        BOOST_TEST(calls()[1].existed);
    }
    BOOST_TEST(count("create") == 2u);
}

BOOST_AUTO_TEST_CASE(failed_creation_calls_no_hook)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    const fs::path missing = scratch.path / "does-not-exist";
    {
        boost::system::error_code ec;
        file_of< removing > f(in(missing), ec);
        BOOST_TEST(ec);
        dir_of< removing > d(in(missing), ec);
        BOOST_TEST(ec);
        file_of< removing > bad_prefix(tf::options().dir(scratch.path).prefix("a/b"), ec);
        BOOST_TEST(ec);
    }
    BOOST_CHECK_THROW(file_of< keeping >{in(missing)}, fs::filesystem_error);
    BOOST_CHECK_THROW(dir_of< keeping >{in(missing)}, fs::filesystem_error);
    BOOST_TEST(calls().empty(), sequence());
    BOOST_TEST(scratch.entries() == 0u);
}

// ---- files: every way an owner lets go ------------------------------------------------

BOOST_AUTO_TEST_CASE(end_with_removal_releases_once_after_the_name_is_gone)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    fs::path p;
    {
        file_of< removing > f(in(scratch.path));
        p = f.path();
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(calls()[1].path == p);
    BOOST_TEST(!calls()[1].existed);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(close_with_removal_releases_once_and_the_end_adds_nothing)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    {
        file_of< removing > f(in(scratch.path));
        f.close();
        BOOST_TEST(sequence() == "create,release");
        BOOST_TEST(!calls()[1].existed);
        f.close();
    }
    BOOST_TEST(sequence() == "create,release");
}

BOOST_AUTO_TEST_CASE(close_keeping_the_name_releases_nothing_until_the_end_removes_it)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    {
        file_of< on_destroy > f(in(scratch.path));
        f.close();
        BOOST_TEST(sequence() == "create");
        BOOST_TEST(present(f.path()));
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(remove_releases_once)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    {
        file_of< keeping > f(in(scratch.path));
        f.remove();
        BOOST_TEST(sequence() == "create,release");
        BOOST_TEST(!calls()[1].existed);
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(keep_releases_once_and_the_end_calls_no_on_keep)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    fs::path p;
    {
        file_of< removing > f(in(scratch.path));
        p = f.path();
        f.keep();
        BOOST_TEST(sequence() == "create,release");
        BOOST_TEST(calls()[1].existed);
        f.keep();
        f.close();
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(release_releases_once_with_the_path_handed_over)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    tf::created_file made{no_handle(), {}};
    {
        file_of< removing > f(in(scratch.path));
        made = f.release();
        BOOST_TEST(sequence() == "create,release");
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(calls()[1].path == made.path);
    BOOST_TEST(calls()[1].existed);
    close_handle(made.handle);
    BOOST_TEST(present(made.path));
}

BOOST_AUTO_TEST_CASE(persist_releases_once_with_the_path_on_create_was_told)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    const fs::path target = scratch.path / "final";
    fs::path temp;
    {
        file_of< removing > f(in(scratch.path));
        temp = f.path();
        f.persist(target);
        BOOST_TEST(sequence() == "create,release");
        f.close();
    }
    BOOST_TEST(sequence() == "create,release");
    // The hook pairs with on_create: it hears of the name it was told about.
    BOOST_TEST(calls()[1].path == temp);
    BOOST_TEST(present(target));
}

BOOST_AUTO_TEST_CASE(failed_persist_releases_nothing)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    const fs::path target = scratch.path / "taken";
    {
        std::ofstream(target.string()) << "taken";
    }
    {
        file_of< removing > f(in(scratch.path));
        boost::system::error_code ec;
        f.persist(target, tf::no_clobber, ec);
        BOOST_TEST(ec);
        BOOST_TEST(sequence() == "create");
    }
    BOOST_TEST(sequence() == "create,release");
}

BOOST_AUTO_TEST_CASE(move_then_end_releases_once_in_total)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    {
        file_of< removing > a(in(scratch.path));
        file_of< removing > b(std::move(a));
        {
            file_of< removing > c(std::move(b));
        }
        BOOST_TEST(sequence() == "create,release");
    }
    BOOST_TEST(sequence() == "create,release");
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(move_assignment_releases_the_overwritten_owner_once_and_the_moved_one_once)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    fs::path pa, pb;
    {
        file_of< removing > a(in(scratch.path));
        file_of< removing > b(in(scratch.path));
        pa = a.path();
        pb = b.path();
        b = std::move(a);
        BOOST_TEST(sequence() == "create,create,release");
        BOOST_TEST(calls()[2].path == pb);
        a = std::move(b); // back again
        b.swap(a);
        BOOST_TEST(sequence() == "create,create,release");
    }
    BOOST_TEST(sequence() == "create,create,release,release");
    BOOST_TEST(calls()[3].path == pa);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(end_leaving_the_name_by_policy_calls_on_keep_then_release)
{
    case_dir scratch;
    handle_leak_check leaks;
    log_scope log;
    fs::path p;
    {
        file_of< keeping > f(in(scratch.path));
        p = f.path();
        f.close();
        BOOST_TEST(sequence() == "create");
    }
    BOOST_TEST(sequence() == "create,keep,release");
    BOOST_TEST(calls()[1].path == p);
    BOOST_TEST(calls()[1].existed);
    BOOST_TEST((calls()[1].kind == tf::entry_kind::file));
    BOOST_TEST(present(p));
}

// ---- directories ----------------------------------------------------------------------

// ---- fork -----------------------------------------------------------------------------

// ---- stateful policies ------------------------------------------------------------------

namespace {

//! A policy that remembers, in itself, what it was told.
struct remembering
{
    static constexpr bool recursive = true;
    bool remove_on_close() const noexcept { return true; }
    bool remove_on_destroy() const noexcept { return true; }
    void on_create(const fs::path&, tf::entry_kind) noexcept { ++created; }
    void on_release(const fs::path&, tf::entry_kind) noexcept { ++released; }
    int created = 0;
    int released = 0;
};

} // namespace

BOOST_AUTO_TEST_CASE(hooks_act_on_the_owners_own_policy_object_which_moves_with_it)
{
    case_dir scratch;
    handle_leak_check leaks;
    file_of< remembering > a(in(scratch.path));
    BOOST_TEST(a.cleanup().created == 1);
    file_of< remembering > b(std::move(a));
    BOOST_TEST(b.cleanup().created == 1);
    b.keep();
    BOOST_TEST(b.cleanup().released == 1);
    fs::remove(b.path());
    dir_of< remembering > d(in(scratch.path));
    d.remove();
    BOOST_TEST(d.cleanup().created == 1);
    BOOST_TEST(d.cleanup().released == 1);
}
