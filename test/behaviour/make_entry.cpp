// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// make_entry / temp_entry (Rust's Builder::make and make_in) on every
// backend: a user's creator runs over the library's names; a taken name
// (exists, address in use) moves on to the next, any other error ends the
// creation as the creator reported it; the entry is owned like a
// named_temp_file's name (removed as the policy says, only while the name
// still means it; keep, release, persist), with or without a handle.
// Sockets, FIFOs and fork are in test/run/make_entry.cpp.

#define BOOST_TEST_MODULE behaviour_make_entry
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#if !defined(_WIN32)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;
using boost::system::error_code;

namespace {

//! Creates a file exclusively at p and returns its handle (the invalid one, with ec, when it cannot).
tf::unique_handle open_lock_file(const fs::path& p, error_code& ec)
{
#if defined(_WIN32)
    // No FILE_SHARE_DELETE: the entry must close it before it removes the name.
    const HANDLE h = ::CreateFileW(p.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr, CREATE_NEW,
                                   FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        ec = system_error(static_cast< int >(::GetLastError()));
    return tf::unique_handle(h);
#else
    const int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        ec = system_error(errno);
    return tf::unique_handle(fd);
#endif
}

//! A creator of lock files (bool form), counting its calls and recording the names offered.
struct lock_file_creator
{
    std::vector< fs::path >* offered;
    bool operator()(const fs::path& p, error_code& ec) const
    {
        offered->push_back(p);
        tf::unique_handle h = open_lock_file(p, ec);
        return static_cast< bool >(h);
    }
};

//! Offers n1, n2, n3, ...
struct numbered
{
    static inline unsigned next = 0;
    void generate(const tf::options&, std::string& name) { name = "n" + std::to_string(++next); }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_creator_makes_its_entry_at_a_fresh_name_which_the_owner_removes)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    fs::path made;
    {
        tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path).prefix("lock-"));
        made = e.path();
        BOOST_TEST(made.parent_path() == scratch.path);
        BOOST_TEST(name_of(made).substr(0, 5) == "lock-");
        BOOST_TEST(offered.size() == 1u);
        BOOST_TEST(offered.front() == made);
        BOOST_TEST(present(made));
        BOOST_TEST(e.owns_name());
        BOOST_TEST(!e.has_handle());
        BOOST_TEST(!e.is_directory());
        BOOST_TEST(e.native_handle() == no_handle());
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(a_creator_that_returns_a_handle_gives_it_to_the_owner_which_closes_it_first)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_entry<> e = tf::make_entry([](const fs::path& p, error_code& ec) { return open_lock_file(p, ec); },
                                            tf::options().dir(scratch.path));
        made = e.path();
        BOOST_TEST_REQUIRE(e.has_handle());
        BOOST_TEST(handle_is(e.native_handle(), made));
        BOOST_TEST(write_handle(e.native_handle(), "pid 42"));
        BOOST_TEST(read_file(made) == "pid 42");
    }
    // Windows: the handle shares no deletion, so the name goes only because it was closed first.
    BOOST_TEST(!present(made));
}

BOOST_AUTO_TEST_CASE(a_taken_name_moves_on_to_the_next)
{
    case_dir scratch;
    write_file(scratch.path / "n1", "theirs");
    make_dir(scratch.path / "n2");
    numbered::next = 0;
    std::vector< fs::path > offered;
    tf::basic_temp_entry< tf::delete_on_close, numbered > e(lock_file_creator{&offered}, tf::options().dir(scratch.path));
    BOOST_TEST(e.path() == scratch.path / "n3");
    BOOST_TEST(offered.size() == 3u);
    BOOST_TEST(read_file(scratch.path / "n1") == "theirs");
}

BOOST_AUTO_TEST_CASE(address_in_use_means_taken_too)
{
    case_dir scratch;
    numbered::next = 0;
    unsigned calls = 0;
    tf::basic_temp_entry< tf::delete_on_close, numbered > e(
        [&calls](const fs::path& p, error_code& ec) {
            if (++calls == 1)
            {
                ec = boost::system::errc::make_error_code(boost::system::errc::address_in_use);
                return false;
            }
            return static_cast< bool >(open_lock_file(p, ec));
        },
        tf::options().dir(scratch.path));
    BOOST_TEST(calls == 2u);
    BOOST_TEST(e.path() == scratch.path / "n2");
}

BOOST_AUTO_TEST_CASE(any_other_error_of_the_creator_ends_the_creation_as_it_was_reported)
{
    case_dir scratch;
    unsigned calls = 0;
    const error_code theirs = system_error(access_denied);
    const auto refuse = [&](const fs::path&, error_code& ec) {
        ++calls;
        ec = theirs;
        return false;
    };
    error_code ec;
    tf::temp_entry<> e = tf::make_entry(refuse, tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec == theirs);
    BOOST_TEST((ec.category() == theirs.category()));
    BOOST_TEST(calls == 1u);
    BOOST_TEST(e.path().empty());
    BOOST_TEST(!e.owns_name());
    try
    {
        tf::temp_entry<> thrown = tf::make_entry(refuse, tf::options().dir(scratch.path));
        BOOST_ERROR("the creator's error was not reported");
    }
    catch (const fs::filesystem_error& x)
    {
        BOOST_TEST(x.code() == theirs);
        BOOST_TEST(x.path1() == scratch.path);
        BOOST_TEST(std::string(x.what()).find("boost::tempfile::temp_entry: cannot create the entry") !=
                   std::string::npos);
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(a_creator_that_fails_without_saying_why_is_reported_as_canceled)
{
    case_dir scratch;
    error_code ec;
    tf::temp_entry<> e = tf::make_entry([](const fs::path&, error_code&) { return false; },
                                        tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec == boost::system::errc::operation_canceled);
    tf::temp_entry<> h = tf::make_entry([](const fs::path&, error_code&) { return tf::unique_handle(); },
                                        tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec == boost::system::errc::operation_canceled);
}

BOOST_AUTO_TEST_CASE(when_every_name_is_taken_the_creation_fails_with_exists)
{
    case_dir scratch;
    unsigned calls = 0;
    error_code ec;
    tf::temp_entry<> e = tf::make_entry(
        [&calls](const fs::path&, error_code& c) {
            ++calls;
            c = boost::system::errc::make_error_code(boost::system::errc::file_exists);
            return false;
        },
        tf::options().dir(scratch.path).attempts(5), ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(calls == 5u);
}

BOOST_AUTO_TEST_CASE(an_exact_name_is_offered_once)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered},
                                        tf::options().dir(scratch.path).prefix("app.lock").random_length(0));
    BOOST_TEST(e.path() == scratch.path / "app.lock");
    error_code ec;
    tf::temp_entry<> again = tf::make_entry(lock_file_creator{&offered},
                                            tf::options().dir(scratch.path).prefix("app.lock").random_length(0), ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(offered.size() == 2u);
}

BOOST_AUTO_TEST_CASE(append_and_permissions_are_the_creators_to_apply_and_refused)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    error_code ec;
    tf::temp_entry<> a = tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path).append(true), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    tf::temp_entry<> p =
        tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path).permissions(0600), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST(offered.empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(keep_remove_and_release_work_as_for_a_named_file)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    const tf::options opts = tf::options().dir(scratch.path);
    fs::path kept;
    {
        tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered}, opts);
        kept = e.path();
        e.keep();
        BOOST_TEST(!e.owns_name());
        error_code ec;
        e.remove(ec);
        BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    }
    BOOST_TEST(present(kept));
    {
        tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered}, opts);
        const fs::path p = e.path();
        e.remove();
        BOOST_TEST(!present(p));
        e.remove(); // done already: nothing to do
    }
    tf::created_file released;
    {
        tf::temp_entry<> e =
            tf::make_entry([](const fs::path& p, error_code& ec) { return open_lock_file(p, ec); }, opts);
        released = e.release();
        BOOST_TEST(e.path().empty());
        BOOST_TEST(!e.has_handle());
    }
    BOOST_TEST(present(released.path));
    BOOST_TEST(handle_is(released.handle, released.path));
    close_handle(released.handle);
}

BOOST_AUTO_TEST_CASE(close_removes_as_the_policy_says)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    tf::temp_entry<> on_close = tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path));
    on_close.close();
    BOOST_TEST(!present(on_close.path()));
    fs::path p;
    {
        tf::temp_entry< tf::delete_on_destroy > on_destroy =
            tf::make_entry< tf::delete_on_destroy >(lock_file_creator{&offered}, tf::options().dir(scratch.path));
        p = on_destroy.path();
        on_destroy.close();
        BOOST_TEST(present(p));
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(persist_publishes_the_entry_once)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path));
    const fs::path first = e.path();
    error_code ec;
    e.persist(scratch.path / "final", tf::durable, ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    write_file(scratch.path / "taken", "theirs");
    e.persist(scratch.path / "taken", tf::no_clobber, ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(e.owns_name());
    e.persist(scratch.path / "final");
    BOOST_TEST(e.path() == scratch.path / "final");
    BOOST_TEST(!present(first));
    BOOST_TEST(!e.owns_name());
    e.persist(scratch.path / "again", ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    BOOST_TEST(present(scratch.path / "final"));
}

BOOST_AUTO_TEST_CASE(a_name_that_now_means_another_entry_is_left_alone)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    fs::path p;
    {
        tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path));
        p = e.path();
        // Moved aside, not removed: a removed entry's number may pass to the
        // next file (wine's file index is the Unix inode).
        fs::rename(p, p.string() + ".moved");
        write_file(p, "someone else's");
        error_code ec;
        e.remove(ec);
        BOOST_TEST(ec == system_error(name_means_another_entry));
        BOOST_TEST(e.owns_name()); // a failed removal keeps the name owned
    }
    BOOST_TEST(read_file(p) == "someone else's");
}

BOOST_AUTO_TEST_CASE(a_directory_entry_is_removed_only_when_empty)
{
    case_dir scratch;
    const auto make_directory = [](const fs::path& p, error_code& ec) {
        if (fs::exists(p, ec))
        {
            ec = boost::system::errc::make_error_code(boost::system::errc::file_exists);
            return false;
        }
        return fs::create_directory(p, ec);
    };
    tf::temp_entry<> e = tf::make_entry(make_directory, tf::options().dir(scratch.path));
    BOOST_TEST(e.is_directory());
    write_file(e.path() / "inside", "x");
    error_code ec;
    e.remove(ec);
    BOOST_TEST(ec);
    BOOST_TEST(e.owns_name());
    BOOST_TEST(present(e.path() / "inside"));
    BOOST_TEST_REQUIRE(remove_file(e.path() / "inside"));
    e.remove();
    BOOST_TEST(!present(e.path()));
}

BOOST_AUTO_TEST_CASE(a_creator_that_throws_ends_the_creation_with_its_exception)
{
    case_dir scratch;
    BOOST_CHECK_THROW((void)tf::make_entry([](const fs::path&, error_code&) -> bool { throw std::runtime_error("no"); },
                                           tf::options().dir(scratch.path)),
                      std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_moved_entry_keeps_its_duty)
{
    case_dir scratch;
    std::vector< fs::path > offered;
    fs::path p;
    tf::temp_entry<> outer(tf::empty);
    {
        tf::temp_entry<> e = tf::make_entry(lock_file_creator{&offered}, tf::options().dir(scratch.path));
        p = e.path();
        outer = std::move(e);
        BOOST_TEST(e.path().empty());
    }
    BOOST_TEST(present(p));
    BOOST_TEST(outer.path() == p);
    outer = tf::temp_entry<>(tf::empty);
    BOOST_TEST(!present(p));
}
