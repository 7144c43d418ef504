// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The keep/remove table of doc/policies.adoc, cell by cell (issue 16.4):
// for directories every verb under every policy -- remove() removes now
// whatever the policy (only an empty directory under remove_if_empty), a
// failed removal keeps the directory owned, remove() after keep() or
// release() or in an empty object is refused, a forked child's remove() and
// release() are refused; the destructor as the policy says, also while an
// exception unwinds; and, through the public API of named_temp_file, what
// each policy does to a file at close(), at destruction and with the
// verbs. Also the adaptors (also_at_exit<Base>, kept_on_error<Base>), the
// kept reporter, and the empty state of temp_dir (issue 16.5).

#define BOOST_TEST_MODULE cleanup_policies
#include <boost/tempfile.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::errc::directory_not_empty;
using boost::system::errc::operation_not_permitted;
using test_support::child_checks;
using test_support::fd_leak_check;
using test_support::run_checked_in_child;
using test_support::scratch_dir;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

bool present(const fs::path& p)
{
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0;
}

void write_file(const fs::path& p, const std::string& text)
{
    std::ofstream(p.string(), std::ios::binary | std::ios::trunc) << text;
}

std::string read_file(const fs::path& p)
{
    std::ifstream in(p.string(), std::ios::binary);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

//! A directory holding a file and a nested directory with a file.
void fill(const fs::path& dir)
{
    write_file(dir / "top.txt", "top");
    fs::create_directories(dir / "a" / "b");
    write_file(dir / "a" / "b" / "deep.txt", "deep");
}

//! The first owner registered for exit reserves a few descriptors for the
//! cleanup (kept for the process's life): made before a leak check starts.
void reserve_exit_descriptors()
{
    static const bool done = [] {
        tf::temp_dir< tf::delete_at_exit > first;
        return true;
    }();
    (void)done;
}

struct failure : std::runtime_error
{
    failure() : std::runtime_error("failure") {}
};

// The kept reporter of this test program: remembers what it is told.
std::vector< std::pair< fs::path, tf::entry_kind > > g_kept;

void remember_kept(const fs::path& p, tf::entry_kind kind) noexcept
{
    try
    {
        g_kept.emplace_back(p, kind);
    }
    catch (...)
    {
    }
}

//! Installs remember_kept for the scope of a test, restoring the previous reporter.
struct kept_recorder
{
    kept_recorder() : previous(tf::set_kept_reporter(&remember_kept)) { g_kept.clear(); }
    ~kept_recorder() { tf::set_kept_reporter(previous); }
    tf::kept_reporter previous;
};

// ---- directories: what each policy's end does -----------------------------------------------

//! Makes a filled directory under policy C in `where` and lets it end
//! normally: whether it is still there.
template< typename C >
bool survives_normal_end(const fs::path& where, bool filled)
{
    fs::path p;
    {
        tf::temp_dir< C > d(in(where));
        p = d.path();
        if (filled)
            fill(p);
    }
    const bool there = present(p);
    fs::remove_all(p);
    return there;
}

//! The same, the owner ended by an exception newer than it.
template< typename C >
bool survives_unwinding(const fs::path& where)
{
    fs::path p;
    try
    {
        tf::temp_dir< C > d(in(where));
        p = d.path();
        fill(p);
        throw failure();
    }
    catch (const failure&)
    {
    }
    const bool there = present(p) && read_file(p / "a" / "b" / "deep.txt") == "deep";
    fs::remove_all(p);
    return there;
}

} // namespace

BOOST_AUTO_TEST_CASE(directory_end_under_each_policy)
{
    reserve_exit_descriptors();
    fd_leak_check leaks;
    scratch_dir scratch;
    kept_recorder kept;
    const fs::path& s = scratch.path;
    BOOST_TEST(!survives_normal_end< tf::recursive_remove >(s, true));
    BOOST_TEST(!survives_normal_end< tf::delete_on_destroy >(s, true), "delete_on_destroy serves directories");
    BOOST_TEST(!survives_normal_end< tf::remove_if_empty >(s, false));
    BOOST_TEST(survives_normal_end< tf::remove_if_empty >(s, true), "a directory holding something is left");
    BOOST_TEST(survives_normal_end< tf::keep >(s, true));
    BOOST_TEST(!survives_normal_end< tf::keep_on_error >(s, true));
    BOOST_TEST(!survives_normal_end< tf::delete_at_exit >(s, true));
    BOOST_TEST(!survives_normal_end< tf::kept_on_error< tf::recursive_remove > >(s, true));
    BOOST_TEST(!survives_normal_end< tf::also_at_exit< tf::remove_if_empty > >(s, false));
    BOOST_TEST(survives_normal_end< tf::also_at_exit< tf::remove_if_empty > >(s, true));
    BOOST_TEST(g_kept.empty(), "nothing is reported at a normal end");
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(directory_end_while_an_exception_unwinds_under_each_policy)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    kept_recorder kept;
    const fs::path& s = scratch.path;
    BOOST_TEST(!survives_unwinding< tf::recursive_remove >(s));
    BOOST_TEST(!survives_unwinding< tf::delete_on_destroy >(s));
    BOOST_TEST(!survives_unwinding< tf::delete_at_exit >(s));
    BOOST_TEST(g_kept.empty());
    BOOST_TEST(survives_unwinding< tf::keep_on_error >(s));
    BOOST_TEST(survives_unwinding< tf::kept_on_error< tf::recursive_remove > >(s));
    BOOST_TEST(survives_unwinding< tf::kept_on_error< tf::delete_at_exit > >(s));
    BOOST_TEST_REQUIRE(g_kept.size() == 3u, "each evidence reported once");
    for (const auto& k : g_kept)
        BOOST_TEST((k.second == tf::entry_kind::directory));
    g_kept.clear();
    BOOST_TEST(survives_unwinding< tf::keep >(s));
    BOOST_TEST(survives_unwinding< tf::kept_on_error< tf::keep > >(s));
    BOOST_TEST(g_kept.empty(), "kept by policy, not because of the error: nothing reported");
    BOOST_TEST(scratch.entries() == 0u);
}

// ---- directories: remove() under every policy -------------------------------------------------

namespace {

//! remove() on a filled directory under C: removes it with its contents.
template< typename C >
void remove_takes_everything(const fs::path& where)
{
    tf::temp_dir< C > d(in(where));
    const fs::path p = d.path();
    fill(p);
    boost::system::error_code ec;
    d.remove(ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(!present(p));
    BOOST_TEST(!d.owns_directory());
    BOOST_TEST(d.native_handle() == -1, "the descriptor goes with the directory");
    d.remove(ec); // nothing left to do
    BOOST_TEST(!ec, ec.message());
}

} // namespace

BOOST_AUTO_TEST_CASE(remove_removes_now_with_the_contents_whatever_the_policy)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    remove_takes_everything< tf::recursive_remove >(scratch.path);
    remove_takes_everything< tf::delete_on_destroy >(scratch.path);
    remove_takes_everything< tf::keep >(scratch.path);
    remove_takes_everything< tf::keep_on_error >(scratch.path);
    remove_takes_everything< tf::delete_at_exit >(scratch.path);
    remove_takes_everything< tf::kept_on_error< tf::keep > >(scratch.path);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(remove_if_empty_removes_only_an_empty_directory_and_keeps_a_full_one_owned)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    for (const bool also_at_exit : {false, true})
    {
        fs::path p;
        {
            tf::temp_dir< tf::remove_if_empty > plain(in(scratch.path));
            tf::temp_dir< tf::also_at_exit< tf::remove_if_empty > > registered(in(scratch.path));
            auto act = [&](auto& d) {
                p = d.path();
                write_file(p / "inside.txt", "x");
                boost::system::error_code ec;
                d.remove(ec);
                BOOST_TEST(ec == directory_not_empty, ec.message());
                BOOST_TEST(read_file(p / "inside.txt") == "x", "nothing inside was removed");
                BOOST_TEST(d.owns_directory(), "a failed removal keeps the directory owned");
                try
                {
                    d.remove();
                    BOOST_ERROR("remove() did not throw");
                }
                catch (const fs::filesystem_error& e)
                {
                    BOOST_TEST(e.code() == directory_not_empty);
                    BOOST_TEST(e.path1() == p);
                    BOOST_TEST(std::string(e.what()).find("not empty") != std::string::npos, e.what());
                }
                fs::remove(p / "inside.txt");
                d.remove(ec);
                BOOST_TEST(!ec, ec.message());
                BOOST_TEST(!present(p));
            };
            if (also_at_exit)
                act(registered);
            else
                act(plain);
        }
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(failed_remove_keeps_ownership_and_the_destructor_tries_again)
{
    // remove() under remove_if_empty fails on a full directory; emptied
    // afterwards, the destructor removes it although it failed before.
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_dir< tf::remove_if_empty > d(in(scratch.path));
        p = d.path();
        write_file(p / "inside.txt", "x");
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == directory_not_empty);
        fs::remove(p / "inside.txt");
    }
    BOOST_TEST(!present(p));
}

namespace {

template< typename C >
void remove_after_keep_and_release_is_refused(const fs::path& where)
{
    {
        tf::temp_dir< C > d(in(where));
        const fs::path p = d.path();
        fill(p);
        d.keep();
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == operation_not_permitted, ec.message());
        BOOST_TEST(present(p / "a" / "b" / "deep.txt"), "nothing removed");
        try
        {
            d.remove();
            BOOST_ERROR("remove() after keep() did not throw");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == operation_not_permitted);
            BOOST_TEST(e.path1() == p);
            BOOST_TEST(std::string(e.what()).find("no longer owns the directory") != std::string::npos, e.what());
        }
    }
    {
        tf::temp_dir< C > d(in(where));
        fill(d.path());
        const fs::path p = d.release();
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == operation_not_permitted, ec.message());
        BOOST_TEST(present(p / "a" / "b" / "deep.txt"));
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(remove_after_keep_or_release_fails_with_operation_not_permitted_and_removes_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    remove_after_keep_and_release_is_refused< tf::recursive_remove >(scratch.path);
    remove_after_keep_and_release_is_refused< tf::remove_if_empty >(scratch.path);
    remove_after_keep_and_release_is_refused< tf::keep >(scratch.path);
    remove_after_keep_and_release_is_refused< tf::delete_at_exit >(scratch.path);
    remove_after_keep_and_release_is_refused< tf::keep_on_error >(scratch.path);
    BOOST_TEST(scratch.entries() == 10u, "each kept and each released directory is still there");
}

BOOST_AUTO_TEST_CASE(keep_and_release_end_the_ownership_at_exit_too)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        tf::temp_dir< tf::delete_at_exit > kept(in(scratch.path));
        tf::temp_dir< tf::delete_at_exit > released(in(scratch.path));
        tf::temp_dir< tf::delete_at_exit > owned(in(scratch.path));
        kept.keep();
        const fs::path handed = released.release();
        CHILD_CHECK(check, !handed.empty());
        std::exit(0); // no destructor runs: only the registry acts
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 2u, "the kept and the released directory stay, the owned one went");
}

// ---- the empty state (issue 16.5) ----------------------------------------------------------

BOOST_AUTO_TEST_CASE(an_empty_temp_dir_owns_nothing_refuses_remove_and_takes_a_real_one)
{
    static_assert(std::is_nothrow_constructible< tf::temp_dir<>, tf::empty_t >::value,
                  "empty construction cannot fail");
    static_assert(!std::is_convertible< tf::empty_t, tf::temp_dir<> >::value, "explicit");
    fd_leak_check leaks;
    scratch_dir scratch;
    const int fds = test_support::open_fd_count();
    tf::temp_dir<> d(tf::empty);
    BOOST_TEST(d.path().empty());
    BOOST_TEST(!d.owns_directory());
    BOOST_TEST(d.native_handle() == -1);
    BOOST_TEST(test_support::open_fd_count() == fds);
    BOOST_TEST(scratch.entries() == 0u);
    boost::system::error_code ec;
    d.remove(ec);
    BOOST_TEST(ec == operation_not_permitted, ec.message());
    BOOST_TEST(d.release(ec).empty());
    BOOST_TEST(!ec);
    d = tf::temp_dir<>(in(scratch.path));
    BOOST_TEST(d.owns_directory());
    const fs::path p = d.path();
    d = tf::temp_dir<>(tf::empty); // the real one ends here, as its policy says
    BOOST_TEST(!present(p));
}

// ---- a forked child (decision 1) -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(forked_child_cannot_remove_or_release_the_parents_directory)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::temp_dir<> d(in(scratch.path));
    const fs::path p = d.path();
    fill(p);
    const int status = run_checked_in_child([&](const child_checks& check) {
        boost::system::error_code ec;
        d.remove(ec);
        CHILD_CHECK(check, ec == operation_not_permitted);
        CHILD_CHECK(check, present(p / "a" / "b" / "deep.txt"));
        try
        {
            d.remove();
            CHILD_CHECK(check, !"remove() threw nothing");
        }
        catch (const fs::filesystem_error& e)
        {
            CHILD_CHECK(check, std::string(e.what()).find("forked child") != std::string::npos);
            CHILD_CHECK(check, e.path1() == p);
        }
        const fs::path released = d.release(ec);
        CHILD_CHECK(check, ec == operation_not_permitted);
        CHILD_CHECK(check, released.empty() && d.path() == p);
        CHILD_CHECK(check, d.owns_directory()); // still the parent's, unchanged
        d.keep(); // allowed: it changes nothing on disk
        return 0; // d's destructor (in the parent's frame) is not run by _exit
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(d.owns_directory());
    BOOST_TEST(present(p / "a" / "b" / "deep.txt"));
    d.remove();
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(forked_child_ending_its_copy_removes_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_dir<> d(in(scratch.path));
        p = d.path();
        const int status = run_checked_in_child([&](const child_checks&) {
            tf::temp_dir<> mine(std::move(d)); // ends in the child, at the end of this scope
            return 0;
        });
        BOOST_TEST(status == 0);
        BOOST_TEST(present(p));
    }
    BOOST_TEST(!present(p));
}

// ---- files, through the policies ----------------------------------------------------------

namespace {

struct file_cells
{
    bool after_close;   // the name still there after close()
    bool after_end;     // after the owner's normal end (closed first)
    bool after_unwound; // after an end by an exception, close() called in the scope first
};

template< typename C >
file_cells cells_of(const fs::path& where)
{
    file_cells c{};
    fs::path p;
    {
        tf::named_temp_file< C > f(in(where));
        p = f.path();
        f.stream() << "data";
        f.close();
        c.after_close = present(p);
    }
    c.after_end = present(p);
    fs::remove(p);
    try
    {
        tf::named_temp_file< C > f(in(where));
        p = f.path();
        f.stream() << "evidence";
        f.close();
        throw failure(); // a failure after close(): the evidence must survive it
    }
    catch (const failure&)
    {
    }
    c.after_unwound = present(p) && read_file(p) == "evidence";
    fs::remove(p);
    return c;
}

} // namespace

BOOST_AUTO_TEST_CASE(file_close_end_and_unwinding_under_each_policy)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    kept_recorder kept;
    auto expect = [](const file_cells& c, bool close, bool end, bool unwound) {
        BOOST_TEST(c.after_close == close);
        BOOST_TEST(c.after_end == end);
        BOOST_TEST(c.after_unwound == unwound);
    };
    BOOST_TEST_CONTEXT("delete_on_close") { expect(cells_of< tf::delete_on_close >(scratch.path), false, false, false); }
    BOOST_TEST_CONTEXT("delete_on_destroy") { expect(cells_of< tf::delete_on_destroy >(scratch.path), true, false, false); }
    BOOST_TEST_CONTEXT("keep") { expect(cells_of< tf::keep >(scratch.path), true, true, true); }
    BOOST_TEST_CONTEXT("delete_at_exit") { expect(cells_of< tf::delete_at_exit >(scratch.path), true, false, false); }
    BOOST_TEST(g_kept.empty());
    BOOST_TEST_CONTEXT("keep_on_error")
    {
        // close() keeps the name: the failure that comes after it finds the evidence.
        expect(cells_of< tf::keep_on_error >(scratch.path), true, false, true);
    }
    BOOST_TEST_CONTEXT("kept_on_error<delete_on_close>")
    {
        // close() removes in normal flow; the unwound case closed before the
        // failure, so nothing was left to keep.
        expect(cells_of< tf::kept_on_error< tf::delete_on_close > >(scratch.path), false, false, false);
    }
    BOOST_TEST_REQUIRE(g_kept.size() == 1u, "keep_on_error's evidence reported once");
    BOOST_TEST((g_kept[0].second == tf::entry_kind::file));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(file_closed_while_unwinding_under_kept_on_error_delete_on_close_is_kept)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    kept_recorder kept;
    fs::path p;
    try
    {
        tf::named_temp_file< tf::kept_on_error< tf::delete_on_close > > f(in(scratch.path));
        p = f.path();
        struct closer
        {
            decltype(f)& file;
            ~closer() { file.close(); } // runs during unwinding
        } at_unwind{f};
        throw failure();
    }
    catch (const failure&)
    {
    }
    BOOST_TEST(present(p));
    BOOST_TEST(g_kept.size() == 1u);
    fs::remove(p);
}

BOOST_AUTO_TEST_CASE(file_verbs_under_each_policy)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    auto verbs = [&](auto policy) {
        using C = decltype(policy);
        fs::path p;
        { // remove() removes now, whatever the policy
            tf::named_temp_file< C > f(in(scratch.path));
            p = f.path();
            f.remove();
            BOOST_TEST(!present(p));
            BOOST_TEST(!f.owns_name());
        }
        { // keep(): the end leaves it
            tf::named_temp_file< C > f(in(scratch.path));
            p = f.path();
            f.keep();
            BOOST_TEST(!f.owns_name());
        }
        BOOST_TEST(present(p));
        fs::remove(p);
        { // release(): handed over, the end leaves it
            tf::named_temp_file< C > f(in(scratch.path));
            const tf::created_file handed = f.release();
            p = handed.path;
            BOOST_TEST(handed.handle >= 0);
            ::close(handed.handle);
        }
        BOOST_TEST(present(p));
        fs::remove(p);
        { // persist(): published, the end leaves it
            tf::named_temp_file< C > f(in(scratch.path));
            f.persist(scratch.path / "published.txt");
        }
        BOOST_TEST(present(scratch.path / "published.txt"));
        fs::remove(scratch.path / "published.txt");
    };
    verbs(tf::delete_on_close{});
    verbs(tf::delete_on_destroy{});
    verbs(tf::keep{});
    BOOST_TEST(scratch.entries() == 0u);
    // Policies that are not default-movable as values: the same, by type.
    auto by_type = [&](auto* tag) {
        using C = std::remove_pointer_t< decltype(tag) >;
        fs::path p;
        {
            tf::named_temp_file< C > f(in(scratch.path));
            p = f.path();
            f.remove();
        }
        BOOST_TEST(!present(p));
        {
            tf::named_temp_file< C > f(in(scratch.path));
            p = f.path();
            f.keep();
        }
        BOOST_TEST(present(p));
        fs::remove(p);
    };
    by_type(static_cast< tf::keep_on_error* >(nullptr));
    by_type(static_cast< tf::delete_at_exit* >(nullptr));
    by_type(static_cast< tf::kept_on_error< tf::delete_on_close >* >(nullptr));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(also_at_exit_adds_removal_at_exit_to_any_file_policy)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        auto* on_close = new tf::named_temp_file< tf::also_at_exit< tf::delete_on_close > >(in(scratch.path));
        auto* kept = new tf::named_temp_file< tf::also_at_exit< tf::keep > >(in(scratch.path));
        CHILD_CHECK(check, on_close->cleanup().registered() && kept->cleanup().registered());
        on_close->stream() << "x";
        std::exit(0); // leaked owners: only the exit registry removes
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 0u, "both removed at exit, also the one whose policy keeps");
}

// ---- the kept reporter -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(set_kept_reporter_returns_the_previous_one_and_nullptr_silences)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const tf::kept_reporter original = tf::set_kept_reporter(nullptr);
    BOOST_TEST((original == &tf::report_kept_to_stderr), "the default reports to stderr");
    BOOST_TEST((tf::set_kept_reporter(&remember_kept) == nullptr));
    g_kept.clear();
    fs::path dir, file;
    try
    {
        tf::temp_dir< tf::keep_on_error > d(in(scratch.path));
        tf::named_temp_file< tf::keep_on_error > f(in(scratch.path));
        dir = d.path();
        file = f.path();
        throw failure();
    }
    catch (const failure&)
    {
    }
    BOOST_TEST_REQUIRE(g_kept.size() == 2u);
    BOOST_TEST(g_kept[0].first == file); // destroyed first
    BOOST_TEST((g_kept[0].second == tf::entry_kind::file));
    BOOST_TEST(g_kept[1].first == dir);
    BOOST_TEST((g_kept[1].second == tf::entry_kind::directory));
    BOOST_TEST((tf::set_kept_reporter(nullptr) == &remember_kept));
    const int status = run_checked_in_child([&](const child_checks&) {
        // Silenced: nothing written anywhere.
        ::close(2);
        try
        {
            tf::named_temp_file< tf::keep_on_error > f(in(scratch.path));
            throw failure();
        }
        catch (const failure&)
        {
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    tf::set_kept_reporter(original);
}

BOOST_AUTO_TEST_CASE(default_report_goes_to_the_c_stream_stderr_never_to_descriptor_2_behind_its_back)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path log = scratch.path / "stderr.log";
    const fs::path fd2 = scratch.path / "fd2.log";
    const fs::path where = scratch.path / "owners";
    fs::create_directory(where);
    const int status = run_checked_in_child([&](const child_checks& check) {
        // Descriptor 2 goes to one file; the application points the C
        // stream stderr at another (glibc's stderr is assignable).
        const int two = ::open(fd2.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        CHILD_CHECK(check, two >= 0 && ::dup2(two, 2) == 2);
        std::FILE* redirected = std::fopen(log.c_str(), "w");
        CHILD_CHECK(check, redirected != nullptr);
        stderr = redirected;
        fs::path kept;
        try
        {
            tf::temp_dir< tf::keep_on_error > d(in(where));
            kept = d.path();
            throw failure();
        }
        catch (const failure&)
        {
        }
        std::fclose(redirected);
        CHILD_CHECK(check, read_file(log) == "boost::tempfile: kept directory " + kept.string() +
                               " for inspection (its scope was left by an exception)\n");
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(read_file(fd2).empty(), "descriptor 2 got: " << read_file(fd2));
    fs::remove_all(where);
}
