// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The keep/remove table of doc/policies.adoc on Windows (issue 16.4): the
// same cells as test/run/cleanup_policies.cpp that need no fork -- every
// verb under every policy for temp_dir, what each policy does to a file at
// close(), at destruction and while an exception unwinds, the adaptors, the
// kept reporter and the empty state (issue 16.5).

#define BOOST_TEST_MODULE windows_cleanup_policies
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;
using boost::system::errc::directory_not_empty;
using boost::system::errc::operation_not_permitted;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

void fill(const fs::path& dir)
{
    write_file(dir / "top.txt", "top");
    fs::create_directories(dir / "a" / "b");
    write_file(dir / "a" / "b" / "deep.txt", "deep");
}

struct failure : std::runtime_error
{
    failure() : std::runtime_error("failure") {}
};

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

struct kept_recorder
{
    kept_recorder() : previous(tf::set_kept_reporter(&remember_kept)) { g_kept.clear(); }
    ~kept_recorder() { tf::set_kept_reporter(previous); }
    tf::kept_reporter previous;
};

template< typename C >
bool survives(const fs::path& where, bool filled, bool unwound)
{
    fs::path p;
    try
    {
        tf::temp_dir< C > d(in(where));
        p = d.path();
        if (filled)
            fill(p);
        if (unwound)
            throw failure();
    }
    catch (const failure&)
    {
    }
    const bool there = present(p);
    fs::remove_all(p);
    return there;
}

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
    d.remove(ec);
    BOOST_TEST(!ec, ec.message());
}

template< typename C >
void remove_after_keep_and_release_is_refused(const fs::path& where)
{
    tf::temp_dir< C > kept(in(where));
    fill(kept.path());
    kept.keep();
    boost::system::error_code ec;
    kept.remove(ec);
    BOOST_TEST(ec == operation_not_permitted, ec.message());
    BOOST_TEST(present(kept.path() / "a" / "b" / "deep.txt"));
    tf::temp_dir< C > released(in(where));
    const fs::path p = released.release();
    released.remove(ec);
    BOOST_TEST(ec == operation_not_permitted, ec.message());
    BOOST_TEST(present(p));
}

} // namespace

BOOST_AUTO_TEST_CASE(directory_end_under_each_policy_normally_and_while_unwinding)
{
    scratch_dir scratch;
    kept_recorder kept;
    const fs::path& s = scratch.path;
    BOOST_TEST(!survives< tf::recursive_remove >(s, true, false));
    BOOST_TEST(!survives< tf::delete_on_destroy >(s, true, false));
    BOOST_TEST(!survives< tf::remove_if_empty >(s, false, false));
    BOOST_TEST(survives< tf::remove_if_empty >(s, true, false));
    BOOST_TEST(survives< tf::keep >(s, true, false));
    BOOST_TEST(!survives< tf::keep_on_error >(s, true, false));
    BOOST_TEST(!survives< tf::delete_at_exit >(s, true, false));
    BOOST_TEST(g_kept.empty());
    BOOST_TEST(!survives< tf::recursive_remove >(s, true, true));
    BOOST_TEST(!survives< tf::delete_at_exit >(s, true, true));
    BOOST_TEST(survives< tf::keep_on_error >(s, true, true));
    BOOST_TEST(survives< tf::kept_on_error< tf::recursive_remove > >(s, true, true));
    BOOST_TEST(g_kept.size() == 2u);
    BOOST_TEST(names_in(s).empty());
}

BOOST_AUTO_TEST_CASE(remove_under_each_policy_and_after_keep_or_release)
{
    scratch_dir scratch;
    remove_takes_everything< tf::recursive_remove >(scratch.path);
    remove_takes_everything< tf::delete_on_destroy >(scratch.path);
    remove_takes_everything< tf::keep >(scratch.path);
    remove_takes_everything< tf::keep_on_error >(scratch.path);
    remove_takes_everything< tf::delete_at_exit >(scratch.path);
    BOOST_TEST(names_in(scratch.path).empty());
    remove_after_keep_and_release_is_refused< tf::recursive_remove >(scratch.path);
    remove_after_keep_and_release_is_refused< tf::keep >(scratch.path);
    BOOST_TEST(names_in(scratch.path).size() == 4u);
}

BOOST_AUTO_TEST_CASE(remove_if_empty_refuses_a_full_directory_and_keeps_it_owned)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_dir< tf::remove_if_empty > d(in(scratch.path));
        p = d.path();
        write_file(p / "inside.txt", "x");
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == directory_not_empty, ec.message());
        BOOST_TEST(d.owns_directory());
        BOOST_TEST(read_file(p / "inside.txt") == "x");
        fs::remove(p / "inside.txt");
    }
    BOOST_TEST(!present(p), "the destructor tried again");
}

BOOST_AUTO_TEST_CASE(empty_temp_dir_owns_nothing_and_takes_a_real_one)
{
    static_assert(std::is_nothrow_constructible< tf::temp_dir<>, tf::empty_t >::value, "");
    scratch_dir scratch;
    tf::temp_dir<> d(tf::empty);
    BOOST_TEST(d.path().empty());
    BOOST_TEST(d.native_handle() == INVALID_HANDLE_VALUE);
    boost::system::error_code ec;
    d.remove(ec);
    BOOST_TEST(ec == operation_not_permitted);
    d = tf::temp_dir<>(in(scratch.path));
    const fs::path p = d.path();
    BOOST_TEST(present(p));
    d = tf::temp_dir<>(tf::empty);
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(file_close_end_and_unwinding_under_keep_on_error_and_the_reporter)
{
    scratch_dir scratch;
    kept_recorder kept;
    fs::path p;
    {
        tf::named_temp_file< tf::keep_on_error > f(in(scratch.path));
        p = f.path();
        f.close();
        BOOST_TEST(present(p), "close() keeps the name");
    }
    BOOST_TEST(!present(p), "the normal end removes it");
    try
    {
        tf::named_temp_file< tf::keep_on_error > f(in(scratch.path));
        p = f.path();
        f.stream() << "evidence";
        f.close();
        throw failure(); // after close(): the evidence must survive
    }
    catch (const failure&)
    {
    }
    BOOST_TEST(read_file(p) == "evidence");
    BOOST_TEST_REQUIRE(g_kept.size() == 1u);
    BOOST_TEST(g_kept[0].first == p);
    BOOST_TEST((g_kept[0].second == tf::entry_kind::file));
    fs::remove(p);
    {
        tf::named_temp_file< tf::also_at_exit< tf::delete_on_close > > f(in(scratch.path));
        p = f.path();
        BOOST_TEST(f.cleanup().registered());
        f.close();
        BOOST_TEST(!present(p), "Base's behaviour: close() removes");
    }
    BOOST_TEST(names_in(scratch.path).empty());
}

BOOST_AUTO_TEST_CASE(run_exit_cleanup_removes_the_registered_entries_now)
{
    scratch_dir scratch;
    fs::path dir, kept;
    {
        tf::temp_dir< tf::delete_at_exit > d(in(scratch.path));
        tf::named_temp_file< tf::delete_at_exit > f(in(scratch.path));
        tf::temp_dir<> not_registered(in(scratch.path));
        dir = d.path();
        kept = not_registered.path();
        fill(dir);
        write_file(kept / "mine.txt", "mine");
        f.close();
        tf::run_exit_cleanup();
        BOOST_TEST(!present(f.path()));
        // The directory is deleted through a handle: without POSIX delete
        // semantics (wine, FAT) its name goes when d's own handle closes.
        BOOST_TEST(names_in(dir).empty());
        BOOST_TEST(read_file(kept / "mine.txt") == "mine");
    }
    BOOST_TEST(!present(dir));
    BOOST_TEST(names_in(scratch.path).empty());
}

BOOST_AUTO_TEST_CASE(set_signal_cleanup_false_removes_the_console_handler_and_true_puts_it_back)
{
    scratch_dir scratch;
    {
        tf::temp_dir< tf::delete_at_exit > first(in(scratch.path)); // the handlers come with the first one
    }
    const auto handler = &tf::detail::boost_tempfile_console_handler;
    tf::set_signal_cleanup(false);
    BOOST_TEST(!::SetConsoleCtrlHandler(handler, FALSE), "not registered any more");
    tf::set_signal_cleanup(true);
    BOOST_TEST(::SetConsoleCtrlHandler(handler, FALSE), "registered again");
    ::SetConsoleCtrlHandler(handler, TRUE); // as it was
}
