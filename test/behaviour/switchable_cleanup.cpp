// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// switchable<Base> on every backend (Rust's disable_cleanup(bool)): each cell
// of its row in the keep/remove table of doc/policies.adoc -- close(), the
// end of the owner, an end while an exception unwinds, exit registration --
// with the switch off, and on again; how it relates to keep() (final) and to
// remove() (always allowed while the name is owned); for files, directories
// and path owners.

#define BOOST_TEST_MODULE behaviour_switchable_cleanup
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
namespace errc = boost::system::errc;
using namespace portable;

namespace {

using switchable_file = tf::named_temp_file< tf::switchable< tf::delete_on_close > >;
using faulty = tf::fault_injecting_platform< tf::native_platform >;

template< typename C, typename = void >
struct has_remove_on_close : std::false_type
{
};
template< typename C >
struct has_remove_on_close< C, decltype((void)std::declval< const C& >().remove_on_close()) > : std::true_type
{
};

static_assert(has_remove_on_close< tf::switchable< tf::delete_on_close > >::value);
static_assert(!has_remove_on_close< tf::switchable< tf::recursive_remove > >::value,
              "a directory policy stays a directory policy");
static_assert(tf::switchable< tf::remove_if_empty >::recursive == false);

int reports = 0;
void count_report(const fs::path&, tf::entry_kind) noexcept { ++reports; }

} // namespace

BOOST_AUTO_TEST_SUITE(files)

BOOST_AUTO_TEST_CASE(disabled_close_keeps_the_name_and_the_object_still_owns_it)
{
    case_dir scratch;
    switchable_file f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    BOOST_TEST(!f.cleanup().cleanup_disabled());
    f.cleanup().disable_cleanup();
    BOOST_TEST(f.cleanup().cleanup_disabled());
    f.close();
    BOOST_TEST(present(p));
    BOOST_TEST(f.owns_name());
    f.remove(); // remove() still removes: the switch only stops the automatic removals
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(disabled_end_of_the_object_keeps_the_name)
{
    case_dir scratch;
    fs::path p;
    {
        switchable_file f(tf::options().dir(scratch.path));
        p = f.path();
        f.cleanup().disable_cleanup(true);
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(switched_back_on_close_and_the_end_remove_again)
{
    case_dir scratch;
    fs::path p;
    {
        switchable_file f(tf::options().dir(scratch.path));
        p = f.path();
        f.cleanup().disable_cleanup();
        f.cleanup().disable_cleanup(false);
        f.close();
        BOOST_TEST(!present(p));
    }
    {
        tf::named_temp_file< tf::switchable< tf::delete_on_destroy > > f(tf::options().dir(scratch.path));
        p = f.path();
        f.cleanup().disable_cleanup();
        f.close();
        BOOST_TEST(present(p));
        f.cleanup().disable_cleanup(false); // after close(): the end removes
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(keep_is_final_whatever_the_switch_says_later)
{
    case_dir scratch;
    fs::path p;
    {
        switchable_file f(tf::options().dir(scratch.path));
        p = f.path();
        f.keep();
        f.cleanup().disable_cleanup(false);
        BOOST_TEST(!f.owns_name());
        boost::system::error_code ec;
        f.remove(ec);
        BOOST_TEST(ec == errc::operation_not_permitted);
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(a_failed_remove_is_retried_at_the_end_even_when_disabled)
{
    fault_scope faults;
    case_dir scratch;
    fs::path p;
    {
        tf::basic_named_temp_file< tf::switchable< tf::delete_on_close >, tf::random_name<>, tf::owner_only, faulty > f(
            tf::options().dir(scratch.path));
        p = f.path();
        tf::fault_injection::fail(tf::sys_call::unlink, access_denied);
        boost::system::error_code ec;
        f.remove(ec);
        BOOST_TEST(ec == system_error(access_denied));
        f.cleanup().disable_cleanup();
        BOOST_TEST(f.owns_name());
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(the_switch_moves_with_the_owner_and_into_its_path_half)
{
    case_dir scratch;
    fs::path p;
    {
        switchable_file f(tf::options().dir(scratch.path));
        p = f.path();
        f.cleanup().disable_cleanup();
        switchable_file g(std::move(f));
        BOOST_TEST(g.cleanup().cleanup_disabled());
        auto t = g.into_temp_path();
        BOOST_TEST(t.cleanup().cleanup_disabled());
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(inside_kept_on_error_a_disabled_switch_keeps_without_a_report)
{
    case_dir scratch;
    const tf::kept_reporter old = tf::set_kept_reporter(&count_report);
    reports = 0;
    fs::path disabled_path, enabled_path;
    try
    {
        tf::named_temp_file< tf::kept_on_error< tf::switchable< tf::delete_on_destroy > > > a(
            tf::options().dir(scratch.path));
        tf::named_temp_file< tf::kept_on_error< tf::switchable< tf::delete_on_destroy > > > b(
            tf::options().dir(scratch.path));
        disabled_path = a.path();
        enabled_path = b.path();
        a.cleanup().disable_cleanup();
        throw std::runtime_error("job failed");
    }
    catch (const std::runtime_error&)
    {
    }
    tf::set_kept_reporter(old);
    BOOST_TEST(present(disabled_path));
    BOOST_TEST(present(enabled_path));
    BOOST_TEST(reports == 1); // only the one kept because of the exception
}

BOOST_AUTO_TEST_CASE(inside_also_at_exit_the_entry_stays_registered)
{
    case_dir scratch;
    tf::named_temp_file< tf::also_at_exit< tf::switchable< tf::delete_on_destroy > > > f(
        tf::options().dir(scratch.path));
    f.cleanup().disable_cleanup();
    BOOST_TEST(f.cleanup().registered()); // exit removes it: keep() is what keeps past the program
    f.keep();
    BOOST_TEST(!f.cleanup().registered());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(directories_and_paths)

BOOST_AUTO_TEST_CASE(a_disabled_directory_is_kept_and_switched_on_again_removed)
{
    case_dir scratch;
    fs::path kept, removed;
    {
        tf::temp_dir< tf::switchable< tf::recursive_remove > > a(tf::options().dir(scratch.path));
        tf::temp_dir< tf::switchable< tf::recursive_remove > > b(tf::options().dir(scratch.path));
        kept = a.path();
        removed = b.path();
        write_file(a.path() / "inside", "x");
        write_file(b.path() / "inside", "x");
        a.cleanup().disable_cleanup();
        b.cleanup().disable_cleanup();
        b.cleanup().disable_cleanup(false);
        BOOST_TEST(a.owns_directory());
    }
    BOOST_TEST(present(kept / "inside"));
    BOOST_TEST(!present(removed));
}

BOOST_AUTO_TEST_CASE(a_disabled_directory_is_still_removed_by_remove)
{
    case_dir scratch;
    tf::temp_dir< tf::switchable< tf::recursive_remove > > d(tf::options().dir(scratch.path));
    const fs::path p = d.path();
    d.cleanup().disable_cleanup();
    d.remove();
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(a_disabled_path_owner_keeps_its_file)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    {
        tf::temp_path< tf::switchable< tf::delete_on_destroy > > t(tf::adopt, p);
        t.cleanup().disable_cleanup();
        BOOST_TEST(t.owns_name());
    }
    BOOST_TEST(present(p));
    {
        tf::temp_path< tf::switchable< tf::delete_on_destroy > > t(tf::adopt, p);
        t.cleanup().disable_cleanup();
        t.cleanup().disable_cleanup(false);
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_SUITE_END()
