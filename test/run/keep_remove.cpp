// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 16.4: one keep/remove story for the file owner, the same on every
// system -- each cell of the table in the manual's reference of
// named_temp_file (remove(), close(), the destructor, keep(), release(),
// persist(), in each state of the object). Highlights: remove() after
// keep(), persist() or release(), and on an object that owns nothing,
// fails with operation_not_permitted and changes nothing; a second remove()
// after the object's own removal does nothing (and never touches a later
// file of that name); close() and the destructor never remove a name that
// now means another file; a failed remove() is tried again by the
// destructor whatever the policy (decision 2).
//
// Portable: built here and, through test/windows/keep_remove.cpp, for
// Windows (run under wine).

#define BOOST_TEST_MODULE keep_remove
#include <boost/tempfile/fault_injection.hpp>
#include <boost/tempfile/named_temp_file.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/test/unit_test.hpp>

#include <iterator>
#include <string>
#include <utility>
#if !defined(_WIN32)
#include <cerrno>
#include <unistd.h>
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;

namespace {

struct scratch_dir
{
    fs::path path;
    scratch_dir() : path(fs::temp_directory_path() / fs::unique_path("tf-keep-%%%%-%%%%-%%%%"))
    {
        fs::create_directory(path);
    }
    ~scratch_dir()
    {
        error_code ec;
        fs::remove_all(path, ec);
    }
    tf::options in() const { return tf::options().dir(path); }
    std::size_t entries() const
    {
        return static_cast< std::size_t >(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
    }
};

bool present(const fs::path& p)
{
    error_code ec;
    return fs::exists(fs::symlink_status(p, ec));
}

std::string contents(const fs::path& p)
{
    fs::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

void write_file(const fs::path& p, const std::string& text)
{
    fs::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

//! Renames a file of someone else's over `p` (what an editor saving `p` does).
void replace_with_another_file(const fs::path& p, const std::string& text)
{
    const fs::path other = p.parent_path() / "someone-elses";
    write_file(other, text);
    fs::rename(other, p);
}

bool mentions(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}

#if defined(_WIN32)
constexpr int name_replaced = 1006; // ERROR_FILE_INVALID
constexpr int removal_refused = 5;  // ERROR_ACCESS_DENIED
#else
constexpr int name_replaced = ESTALE;
constexpr int removal_refused = EBUSY;
#endif

using faulty = tf::fault_injecting_platform< tf::native_platform >;
template< typename Cleanup >
using faulty_file = tf::basic_named_temp_file< Cleanup, tf::random_name<>, tf::owner_only, faulty >;

struct fault_scope
{
    fault_scope() { tf::fault_injection::clear(); }
    ~fault_scope() { tf::fault_injection::clear(); }
};

//! remove() must fail with operation_not_permitted, say that the object no
//! longer owns the name, and change nothing.
template< typename File >
void expect_remove_refused(File& f, const fs::path& name_on_disk)
{
    const bool was_open = f.is_open();
    error_code ec;
    f.remove(ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    BOOST_TEST(f.is_open() == was_open, "remove() that fails closes nothing");
    if (!name_on_disk.empty())
        BOOST_TEST(present(name_on_disk), "nothing removed");
    try
    {
        f.remove();
        BOOST_ERROR("remove() did not throw");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::operation_not_permitted);
        BOOST_TEST(mentions(e.what(), "named_temp_file::remove: the object no longer owns"), e.what());
        BOOST_TEST(e.path1() == f.path());
    }
}

} // namespace

// ---- remove() ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(remove_removes_now_whatever_the_policy_open_or_closed)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::keep > open_kept(scratch.in());
    open_kept.remove();
    BOOST_TEST(!present(open_kept.path()));
    BOOST_TEST(!open_kept.is_open());
    BOOST_TEST(!open_kept.owns_name());

    tf::named_temp_file< tf::delete_on_destroy > closed(scratch.in());
    closed.close();
    BOOST_TEST(present(closed.path()));
    closed.remove();
    BOOST_TEST(!present(closed.path()));

    tf::named_temp_file< tf::keep > closed_kept(scratch.in());
    closed_kept.close();
    closed_kept.remove();
    BOOST_TEST(!present(closed_kept.path()));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(remove_after_keep_is_refused_and_changes_nothing)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    f.keep();
    expect_remove_refused(f, f.path());
    BOOST_TEST(f.is_open());
    f.close();
    BOOST_TEST(present(f.path()), "kept");
    expect_remove_refused(f, f.path());
}

BOOST_AUTO_TEST_CASE(remove_under_a_keep_policy_after_keep_is_refused_too)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::keep > f(scratch.in());
    f.keep();
    expect_remove_refused(f, f.path());
}

BOOST_AUTO_TEST_CASE(remove_after_persist_is_refused_and_leaves_the_published_file)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    f.stream() << "published";
    const fs::path target = scratch.path / "target.txt";
    f.persist(target);
    expect_remove_refused(f, target);
    f.close();
    BOOST_TEST(contents(target) == "published");
}

BOOST_AUTO_TEST_CASE(remove_after_release_is_refused)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    tf::created_file made = f.release();
    expect_remove_refused(f, made.path);
#if defined(_WIN32)
    ::CloseHandle(made.handle);
#else
    ::close(made.handle);
#endif
    fs::remove(made.path);
}

BOOST_AUTO_TEST_CASE(remove_of_a_moved_from_or_never_made_object_is_refused)
{
    scratch_dir scratch;
    tf::named_temp_file<> a(scratch.in());
    tf::named_temp_file<> b(std::move(a));
    expect_remove_refused(a, b.path());
    BOOST_TEST(b.owns_name());

    error_code ec;
    tf::named_temp_file<> never(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(ec);
    expect_remove_refused(never, fs::path());
}

BOOST_AUTO_TEST_CASE(remove_after_the_objects_own_removal_does_nothing_and_spares_a_later_file)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in());
    f.remove();
    write_file(f.path(), "a later file of the same name");
    error_code ec;
    f.remove(ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(contents(f.path()) == "a later file of the same name");

    tf::named_temp_file<> g(scratch.in()); // removed by close() (delete_on_close)
    g.close();
    write_file(g.path(), "later");
    g.remove(ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(contents(g.path()) == "later");
}

BOOST_AUTO_TEST_CASE(remove_of_a_closed_file_whose_name_now_means_another_file_leaves_it_and_keeps_ownership)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(scratch.in());
    f.stream() << "ours";
    f.close();
    replace_with_another_file(f.path(), "theirs");
    error_code ec;
    f.remove(ec);
    BOOST_TEST(ec.value() == name_replaced, ec.message());
    BOOST_TEST(contents(f.path()) == "theirs", "the other file is left alone");
    BOOST_TEST(f.owns_name(), "a failed removal keeps ownership (decision 2)");
}

// ---- close() ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(close_removes_the_name_only_under_remove_on_close)
{
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_close > a(scratch.in());
    tf::named_temp_file< tf::delete_on_destroy > b(scratch.in());
    tf::named_temp_file< tf::keep > c(scratch.in());
    a.close();
    b.close();
    c.close();
    BOOST_TEST(!present(a.path()));
    BOOST_TEST(!a.owns_name());
    BOOST_TEST(present(b.path()));
    BOOST_TEST(b.owns_name());
    BOOST_TEST(present(c.path()));
    BOOST_TEST(c.owns_name());
    c.remove();
}

BOOST_AUTO_TEST_CASE(close_after_keep_never_removes)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_close > f(scratch.in());
        p = f.path();
        f.keep();
        f.close();
        BOOST_TEST(present(p));
    }
    BOOST_TEST(present(p), "nor does the destructor");
}

// ---- the destructor ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(destructor_removes_the_name_only_under_remove_on_destroy_open_or_closed)
{
    scratch_dir scratch;
    fs::path open_removed, closed_removed, open_kept, closed_kept;
    {
        tf::named_temp_file< tf::delete_on_destroy > a(scratch.in());
        tf::named_temp_file< tf::delete_on_destroy > b(scratch.in());
        tf::named_temp_file< tf::keep > c(scratch.in());
        tf::named_temp_file< tf::keep > d(scratch.in());
        b.close();
        d.close();
        open_removed = a.path();
        closed_removed = b.path();
        open_kept = c.path();
        closed_kept = d.path();
    }
    BOOST_TEST(!present(open_removed));
    BOOST_TEST(!present(closed_removed));
    BOOST_TEST(present(open_kept));
    BOOST_TEST(present(closed_kept));
}

BOOST_AUTO_TEST_CASE(destructor_after_close_leaves_a_name_that_now_means_another_file)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(scratch.in());
        p = f.path();
        f.stream() << "ours";
        f.close();
        replace_with_another_file(p, "theirs");
    }
    BOOST_TEST(contents(p) == "theirs", "the destructor removed another file at the old name");
}

BOOST_AUTO_TEST_CASE(destructor_after_persist_or_release_removes_nothing)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "published";
    fs::path released;
    {
        tf::named_temp_file<> f(scratch.in());
        f.persist(target);
        tf::named_temp_file<> g(scratch.in());
        tf::created_file made = g.release();
        released = made.path;
#if defined(_WIN32)
        ::CloseHandle(made.handle);
#else
        ::close(made.handle);
#endif
    }
    BOOST_TEST(present(target));
    BOOST_TEST(present(released));
}

// ---- a failed removal keeps ownership (decision 2) --------------------------------------------------

BOOST_AUTO_TEST_CASE(failed_remove_is_tried_again_by_the_destructor_whatever_the_policy)
{
    fault_scope faults;
    scratch_dir scratch;
    fs::path p;
    {
        faulty_file< tf::keep > f(scratch.in());
        p = f.path();
        tf::fault_injection::fail(tf::sys_call::unlink, removal_refused);
        error_code ec;
        f.remove(ec);
        BOOST_TEST(ec.value() == removal_refused, ec.message());
        BOOST_TEST(f.owns_name());
        BOOST_TEST(present(p));
    }
    BOOST_TEST(!present(p), "remove() was asked for: the destructor finishes it even under keep");
}

BOOST_AUTO_TEST_CASE(keep_after_a_failed_remove_ends_the_retry)
{
    fault_scope faults;
    scratch_dir scratch;
    fs::path p;
    {
        faulty_file< tf::delete_on_destroy > f(scratch.in());
        p = f.path();
        tf::fault_injection::fail(tf::sys_call::unlink, removal_refused);
        error_code ec;
        f.remove(ec);
        BOOST_TEST(ec.value() == removal_refused, ec.message());
        f.keep();
        BOOST_TEST(!f.owns_name());
        f.remove(ec);
        BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    }
    BOOST_TEST(present(p));
}
