// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// run_dir and sweep_runs on every backend: the layout, a live run (this
// process's own) never swept, a run whose lock is free swept with its
// contents while foreign entries stay, retention and listing, a root that is
// a file refused, moves and the verbs. Real processes killed with SIGKILL,
// forks, symlinked and foreign-owned roots, mounts and the race with
// creations are in test/run/run_dir.cpp.

#define BOOST_TEST_MODULE behaviour_run_dir
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

//! The remains of a run whose process is gone: a directory with a run's
//! name whose lock nobody holds (on Windows with its lock file, which a run
//! has from its first instant).
fs::path dead_run(const fs::path& root, const std::string& name, const std::string& content)
{
    const fs::path p = root / name;
    make_dir(p);
    write_file(p / ".lock", "");
    write_file(p / "left.txt", content);
    make_dir(p / "sub");
    write_file(p / "sub" / "deep.txt", content);
    return p;
}

//! The first run_dir of a process registers for removal at exit, which
//! reserves descriptors for the signal handler once and for all: made here,
//! so that no leak check takes them for a leak.
struct exit_registry_warmed_up
{
    exit_registry_warmed_up()
    {
        scratch_dir scratch;
        tf::run_dir warm("warmup", in(scratch.path));
    }
};
BOOST_TEST_GLOBAL_FIXTURE(exit_registry_warmed_up);

} // namespace

BOOST_AUTO_TEST_CASE(a_run_is_a_directory_of_its_own_in_the_applications_root_and_goes_with_the_object)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    fs::path made;
    fs::path root;
    {
        tf::run_dir run("myapp", in(scratch.path));
        made = run.path();
        root = run.root();
        BOOST_TEST(run.path().is_absolute());
        BOOST_TEST(run.path().parent_path() == run.root());
        BOOST_TEST(run.root().parent_path() == scratch.path);
        BOOST_TEST(name_of(run.root()).compare(0, 6, "myapp-") == 0);
        BOOST_TEST(name_of(run.path()).compare(0, 4, "run-") == 0);
        BOOST_TEST(is_real_dir(run.path()));
        BOOST_TEST(run.owns_directory());
        BOOST_TEST(run.native_handle() != no_handle());
        write_file(run.path() / "work.txt", "w");
        make_dir(run.path() / "d");
        write_file(run.path() / "d" / "f", "f");
        // A live run -- ours -- is never swept, from this process either.
        BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
        BOOST_TEST(tf::list_dead_runs("myapp", in(scratch.path)).empty());
        tf::run_dir second("myapp", in(scratch.path));
        BOOST_TEST(second.swept() == 0u);
        BOOST_TEST(second.path() != run.path());
        BOOST_TEST(read_file(run.path() / "d" / "f") == "f");
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(is_real_dir(root)); // the root stays for the next start
}

BOOST_AUTO_TEST_CASE(temp_objects_of_the_process_can_live_inside_the_run)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    tf::run_dir run("myapp", in(scratch.path));
    tf::named_temp_file<> f(in(run.path()));
    tf::temp_dir<> d(in(run.path()));
    BOOST_TEST(f.path().parent_path() == run.path());
    BOOST_TEST(d.path().parent_path() == run.path());
}

BOOST_AUTO_TEST_CASE(a_run_whose_lock_is_free_is_swept_with_its_contents_and_foreign_entries_stay)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    fs::path root;
    {
        tf::run_dir first("myapp", in(scratch.path));
        root = first.root();
    }
    const fs::path dead = dead_run(root, "run-99999-abcdefghij", "lost");
    write_file(root / "notes.txt", "foreign");
    make_dir(root / "run-not-a-run");
    write_file(root / "run-99998-abcdefghij", "a file with a run's name");
    const fs::path other = dead_run(scratch.path, "run-99997-abcdefghij", "not in a root");

    const std::vector< fs::path > listed = tf::list_dead_runs("myapp", in(scratch.path));
    BOOST_TEST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0] == dead);
    BOOST_TEST(present(dead / "sub" / "deep.txt"));

    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 1u);
    BOOST_TEST(!present(dead));
    BOOST_TEST(read_file(root / "notes.txt") == "foreign");
    BOOST_TEST(is_real_dir(root / "run-not-a-run"));
    BOOST_TEST(read_file(root / "run-99998-abcdefghij") == "a file with a run's name");
    BOOST_TEST(present(other / "sub" / "deep.txt"));
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path)) == 0u);
    BOOST_TEST(tf::sweep_runs("otherapp", in(scratch.path)) == 0u);
}

BOOST_AUTO_TEST_CASE(constructing_a_run_dir_sweeps_the_dead_runs_first)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    fs::path root;
    {
        tf::run_dir first("myapp", in(scratch.path));
        root = first.root();
    }
    const fs::path a = dead_run(root, "run-11-abcdefghij", "a");
    const fs::path b = dead_run(root, "run-12-bcdefghijk", "b");
    tf::run_dir next("myapp", in(scratch.path));
    BOOST_TEST(next.swept() == 2u);
    BOOST_TEST(!present(a));
    BOOST_TEST(!present(b));
}

BOOST_AUTO_TEST_CASE(keep_crashed_runs_keeps_that_many_dead_runs_for_post_mortem)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    fs::path root;
    {
        tf::run_dir first("myapp", in(scratch.path));
        root = first.root();
    }
    dead_run(root, "run-21-abcdefghij", "a");
    dead_run(root, "run-22-bcdefghijk", "b");
    dead_run(root, "run-23-cdefghijkl", "c");
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), tf::keep_crashed_runs(2)) == 1u);
    BOOST_TEST(tf::list_dead_runs("myapp", in(scratch.path)).size() == 2u);
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), tf::keep_crashed_runs(5), ec) == 0u);
    BOOST_TEST(!ec);
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 2u);
    BOOST_TEST(!ec);
    BOOST_TEST(tf::list_dead_runs("myapp", in(scratch.path), ec).empty());
}

BOOST_AUTO_TEST_CASE(a_root_that_is_a_file_is_refused_naming_it_and_kept)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    fs::path root;
    {
        tf::run_dir probe("myapp", in(scratch.path));
        root = probe.root();
    }
    fs::remove(root);
    write_file(root, "not a directory");
    try
    {
        tf::run_dir r("myapp", in(scratch.path));
        BOOST_ERROR("a file as root was accepted");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == root);
        BOOST_TEST(std::string(e.what()).find("not a directory") != std::string::npos);
    }
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 0u);
    BOOST_TEST(!!ec);
    tf::run_dir r("myapp", in(scratch.path), ec);
    BOOST_TEST(!!ec);
    BOOST_TEST(r.path().empty());
    BOOST_TEST(read_file(root) == "not a directory");
}

BOOST_AUTO_TEST_CASE(a_missing_root_is_no_error_for_a_sweep)
{
    scratch_dir scratch;
    boost::system::error_code ec;
    BOOST_TEST(tf::sweep_runs("myapp", in(scratch.path), ec) == 0u);
    BOOST_TEST(!ec);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(bad_application_names_are_refused_with_invalid_argument)
{
    scratch_dir scratch;
    for (const char* app : {"", "a/b", "a\\b", "..", ".x", "a:b", "a b"})
    {
        boost::system::error_code ec;
        tf::run_dir r(app, in(scratch.path), ec);
        BOOST_TEST(ec == boost::system::errc::invalid_argument);
        BOOST_TEST(r.path().empty());
        BOOST_TEST(tf::sweep_runs(app, in(scratch.path), ec) == 0u);
        BOOST_TEST(ec == boost::system::errc::invalid_argument);
    }
    BOOST_CHECK_THROW(tf::run_dir("", in(scratch.path)), fs::filesystem_error);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(moves_carry_the_run_and_remove_ends_it_now)
{
    handle_leak_check leaks;
    scratch_dir scratch;
    tf::run_dir a("myapp", in(scratch.path));
    const fs::path p = a.path();
    tf::run_dir b(std::move(a));
    BOOST_TEST(a.path().empty());
    BOOST_TEST(!a.owns_directory());
    BOOST_TEST(b.path() == p);
    tf::run_dir c{tf::empty};
    c = std::move(b);
    BOOST_TEST(c.path() == p);
    boost::system::error_code ec;
    a.remove(ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    c.remove();
    BOOST_TEST(!present(p));
    BOOST_TEST(!c.owns_directory());
    c.remove(ec); // a second remove() has nothing to do
    BOOST_TEST(!ec);
}
