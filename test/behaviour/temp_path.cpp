// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_path on every backend (Rust's TempPath): adopting an existing file,
// the path owner a named file becomes (into_temp_path), the split into a
// handle and a path owner and back (into_parts / from_parts), each half with
// its own duty; identity (only the file recorded is removed), failed
// removals (kept and retried). The fork rules are in test/run/temp_path.cpp.

#define BOOST_TEST_MODULE behaviour_temp_path
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
namespace errc = boost::system::errc;
using namespace portable;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_path = tf::basic_temp_path< tf::delete_on_destroy, faulty >;
using faulty_named = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty >;

bool generic_says(const boost::system::error_code& ec, errc::errc_t c)
{
    return ec.category() == boost::system::generic_category() && ec == c;
}

//! Puts another file at p: made beside it and renamed over it, so that it
//! exists while the old one does and cannot be given the old one's identity
//! (a removed file's number may be reused at once).
void replace_file(const fs::path& p, const std::string& text)
{
    const fs::path beside = p.parent_path() / (p.filename().string() + ".new");
    write_file(beside, text);
    fs::rename(beside, p);
}

} // namespace

BOOST_AUTO_TEST_SUITE(adopt)

BOOST_AUTO_TEST_CASE(adopted_file_is_removed_at_the_end_of_the_scope)
{
    case_dir scratch;
    const fs::path p = scratch.path / "result.txt";
    write_file(p, "data");
    {
        tf::temp_path<> t(tf::adopt, p);
        BOOST_TEST(t.owns_name());
        BOOST_TEST(t.path() == p);
        BOOST_TEST(present(p));
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(adopting_a_relative_path_records_it_absolute)
{
    case_dir scratch;
    write_file(scratch.path / "rel.txt", "x");
    const fs::path old = fs::current_path();
    fs::current_path(scratch.path);
    {
        tf::temp_path<> t(tf::adopt, "rel.txt");
        fs::current_path(old); // the object still means the file it adopted
        BOOST_TEST(t.path().is_absolute());
        BOOST_TEST(t.path() == fs::canonical(scratch.path) / "rel.txt");
    }
    BOOST_TEST(!present(scratch.path / "rel.txt"));
}

BOOST_AUTO_TEST_CASE(adopting_a_missing_file_fails_with_the_system_error_and_owns_nothing)
{
    case_dir scratch;
    boost::system::error_code ec;
    tf::temp_path<> t(tf::adopt, scratch.path / "missing", ec);
    BOOST_TEST(system_says(ec, errc::no_such_file_or_directory));
    BOOST_TEST(!t.owns_name());
    BOOST_TEST(t.path().empty());
    try
    {
        tf::temp_path<> thrown(tf::adopt, scratch.path / "missing");
        BOOST_FAIL("no exception");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == scratch.path / "missing");
        BOOST_TEST(e.code() == errc::no_such_file_or_directory);
    }
}

BOOST_AUTO_TEST_CASE(adopting_a_directory_or_an_empty_path_is_refused_and_touches_nothing)
{
    case_dir scratch;
    make_dir(scratch.path / "d");
    boost::system::error_code ec;
    {
        tf::temp_path<> t(tf::adopt, scratch.path / "d", ec);
        BOOST_TEST(generic_says(ec, errc::is_a_directory));
        BOOST_TEST(!t.owns_name());
    }
    BOOST_TEST(is_real_dir(scratch.path / "d"));
    tf::temp_path<> e(tf::adopt, fs::path(), ec);
    BOOST_TEST(generic_says(ec, errc::invalid_argument));
    BOOST_CHECK_THROW(tf::temp_path<>(tf::adopt, scratch.path / "d"), fs::filesystem_error);
}

BOOST_AUTO_TEST_CASE(a_name_that_now_means_another_file_is_left_alone)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "mine");
    {
        tf::temp_path<> t(tf::adopt, p);
        replace_file(p, "someone else's");
        boost::system::error_code ec;
        t.remove(ec);
        BOOST_TEST(ec == system_error(name_means_another_entry));
        BOOST_TEST(t.owns_name()); // a failed removal keeps the name owned
    }
    BOOST_TEST(read_file(p) == "someone else's");
}

BOOST_AUTO_TEST_CASE(a_name_removed_by_someone_else_is_no_error)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    tf::temp_path<> t(tf::adopt, p);
    BOOST_TEST(remove_file(p));
    boost::system::error_code ec;
    t.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!t.owns_name());
    t.remove(ec); // done already: nothing to do
    BOOST_TEST(!ec);
}

BOOST_AUTO_TEST_CASE(keep_is_final_and_remove_after_it_is_refused)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    {
        tf::temp_path<> t(tf::adopt, p);
        t.keep();
        BOOST_TEST(!t.owns_name());
        BOOST_TEST(t.path() == p);
        boost::system::error_code ec;
        t.remove(ec);
        BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(release_hands_the_name_over_and_removes_nothing)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    fs::path got;
    {
        tf::temp_path<> t(tf::adopt, p);
        got = t.release();
        BOOST_TEST(t.path().empty());
        BOOST_TEST(!t.owns_name());
    }
    BOOST_TEST(got == p);
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(keep_policy_leaves_the_file_and_remove_still_removes)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    {
        tf::temp_path< tf::keep > t(tf::adopt, p);
        BOOST_TEST(t.owns_name());
    }
    BOOST_TEST(present(p));
    tf::temp_path< tf::keep > t(tf::adopt, p);
    t.remove();
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(moves_carry_the_duty_and_the_moved_from_object_removes_nothing)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    tf::temp_path<> outer(tf::empty);
    {
        tf::temp_path<> t(tf::adopt, p);
        outer = std::move(t);
        BOOST_TEST(!t.owns_name());
        BOOST_TEST(t.path().empty());
    }
    BOOST_TEST(present(p));
    BOOST_TEST(outer.owns_name());
    outer = tf::temp_path<>(tf::empty); // the move-assignment ends the old duty
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(adopting_under_also_at_exit_registers_the_name)
{
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    tf::temp_path< tf::delete_at_exit > t(tf::adopt, p);
    BOOST_TEST(t.cleanup().registered());
    t.keep();
    BOOST_TEST(!t.cleanup().registered());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(failed_removal)

BOOST_AUTO_TEST_CASE(a_failed_remove_keeps_the_name_and_the_destructor_tries_again)
{
    fault_scope faults;
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    {
        faulty_path t(tf::adopt, p);
        tf::fault_injection::fail(tf::sys_call::unlink, access_denied);
        boost::system::error_code ec;
        t.remove(ec);
        BOOST_TEST(ec == system_error(access_denied));
        BOOST_TEST(t.owns_name());
        BOOST_TEST(present(p));
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(the_destructor_retries_a_failed_removal_even_under_keep_policy)
{
    fault_scope faults;
    case_dir scratch;
    const fs::path p = scratch.path / "f";
    write_file(p, "x");
    {
        tf::basic_temp_path< tf::keep, faulty > t(tf::adopt, p);
        tf::fault_injection::fail(tf::sys_call::unlink, io_error);
        boost::system::error_code ec;
        t.remove(ec);
        BOOST_TEST(ec == system_error(io_error));
        BOOST_TEST(t.owns_name());
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(persist)

BOOST_AUTO_TEST_CASE(persist_renames_and_ends_the_duty)
{
    case_dir scratch;
    const fs::path p = scratch.path / "a";
    write_file(p, "content");
    {
        tf::temp_path<> t(tf::adopt, p);
        t.persist(scratch.path / "b");
        BOOST_TEST(t.path() == scratch.path / "b");
        BOOST_TEST(!t.owns_name());
        boost::system::error_code ec;
        t.persist(scratch.path / "c", ec);
        BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
    }
    BOOST_TEST(!present(p));
    BOOST_TEST(read_file(scratch.path / "b") == "content");
}

BOOST_AUTO_TEST_CASE(persist_no_clobber_refuses_an_existing_target_and_keeps_the_duty)
{
    case_dir scratch;
    const fs::path p = scratch.path / "a";
    write_file(p, "new");
    write_file(scratch.path / "b", "old");
    {
        tf::temp_path<> t(tf::adopt, p);
        boost::system::error_code ec;
        t.persist(scratch.path / "b", tf::no_clobber, ec);
        BOOST_TEST(ec == tf::detail::name_exists_code());
        BOOST_TEST(t.owns_name());
        t.persist(scratch.path / "c", tf::durable, ec);
        BOOST_TEST(!ec);
    }
    BOOST_TEST(read_file(scratch.path / "b") == "old");
    BOOST_TEST(read_file(scratch.path / "c") == "new");
}

BOOST_AUTO_TEST_CASE(persist_of_a_replaced_name_moves_nothing)
{
    case_dir scratch;
    const fs::path p = scratch.path / "a";
    write_file(p, "mine");
    tf::temp_path<> t(tf::adopt, p);
    replace_file(p, "theirs");
    boost::system::error_code ec;
    t.persist(scratch.path / "b", ec);
    BOOST_TEST(ec == system_error(name_means_another_entry));
    BOOST_TEST(!present(scratch.path / "b"));
    BOOST_TEST(read_file(p) == "theirs");
    t.keep();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(into_temp_path)

BOOST_AUTO_TEST_CASE(the_handle_is_closed_the_data_written_and_the_name_removed_at_the_end)
{
    case_dir scratch;
    handle_leak_check leak;
    fs::path p;
    {
        tf::temp_path< tf::delete_on_close > t(tf::empty);
        {
            tf::named_temp_file<> f(tf::options().dir(scratch.path));
            p = f.path();
            f.stream() << "buffered";
            t = f.into_temp_path();
            BOOST_TEST(!f.is_open());
            BOOST_TEST(!f.owns_name());
            BOOST_TEST(f.path().empty());
        }
        BOOST_TEST(t.owns_name());
        BOOST_TEST(t.path() == p);
        BOOST_TEST(read_file(p) == "buffered"); // written out, closed: readable by anyone
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(the_cleanup_policy_goes_along)
{
    case_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::keep > f(tf::options().dir(scratch.path));
        p = f.path();
        tf::temp_path< tf::keep > t = f.into_temp_path();
        BOOST_TEST(t.owns_name());
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(a_closed_file_hands_its_name_over_and_a_replaced_name_is_then_left_alone)
{
    case_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    f.close();
    auto t = f.into_temp_path();
    BOOST_TEST(t.owns_name());
    replace_file(p, "theirs");
    boost::system::error_code ec;
    t.remove(ec);
    BOOST_TEST(ec == system_error(name_means_another_entry));
    t.keep();
    BOOST_TEST(read_file(p) == "theirs");
}

BOOST_AUTO_TEST_CASE(an_exit_registration_goes_along_and_through_the_split)
{
    case_dir scratch;
    tf::named_temp_file< tf::delete_at_exit > f(tf::options().dir(scratch.path));
    BOOST_TEST(f.cleanup().registered());
    auto parts = f.into_parts();
    BOOST_TEST(parts.path.cleanup().registered()); // the duty moved, it did not end
    auto g = tf::named_temp_file< tf::delete_at_exit >::from_parts(std::move(parts));
    BOOST_TEST(g.cleanup().registered());
    auto t = g.into_temp_path();
    BOOST_TEST(t.cleanup().registered());
    const fs::path p = t.path();
    t.remove();
    BOOST_TEST(!t.cleanup().registered());
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(refused_after_keep_persist_or_remove_and_nothing_changes)
{
    case_dir scratch;
    boost::system::error_code ec;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        f.keep();
        auto t = f.into_temp_path(ec);
        BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
        BOOST_TEST(!t.owns_name());
        BOOST_TEST(t.path().empty());
        BOOST_TEST(f.is_open());
        BOOST_TEST(!f.path().empty());
    }
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        f.persist(scratch.path / "published");
        BOOST_CHECK_THROW((void)f.into_temp_path(), fs::filesystem_error);
        BOOST_TEST(f.is_open());
    }
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        f.remove();
        auto t = f.into_temp_path(ec);
        BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
    }
    {
        tf::named_temp_file<> f(tf::empty);
        auto t = f.into_temp_path(ec);
        BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
    }
}

BOOST_AUTO_TEST_CASE(a_failed_write_out_hands_nothing_over_and_the_file_stays_owned)
{
    fault_scope faults;
    case_dir scratch;
    fs::path p;
    {
        faulty_named f(tf::options().dir(scratch.path));
        p = f.path();
        f.stream() << "data";
        tf::fault_injection::fail(tf::sys_call::write, disk_full, 0, tf::fault_injection::always);
        boost::system::error_code ec;
        auto t = f.into_temp_path(ec);
        BOOST_TEST(ec == system_error(disk_full));
        BOOST_TEST(!t.owns_name());
        BOOST_TEST(f.owns_name());
        BOOST_TEST(f.is_open());
        tf::fault_injection::clear();
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(a_failed_close_hands_nothing_over_and_a_second_call_does)
{
    fault_scope faults;
    case_dir scratch;
    faulty_named f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    tf::fault_injection::fail(tf::sys_call::close, io_error);
    boost::system::error_code ec;
    auto t = f.into_temp_path(ec);
    BOOST_TEST(ec == system_error(io_error));
    BOOST_TEST(!t.owns_name());
    BOOST_TEST(f.owns_name());
    t = f.into_temp_path(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(t.owns_name());
    BOOST_TEST(t.path() == p);
    t.remove();
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parts)

BOOST_AUTO_TEST_CASE(into_parts_gives_a_handle_that_closes_and_a_path_owner_that_removes)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    f.stream() << "head-";
    auto [handle, path] = f.into_parts();
    BOOST_TEST(!f.is_open());
    BOOST_TEST(f.path().empty());
    BOOST_TEST(path.path() == p);
    BOOST_TEST(path.owns_name());
    BOOST_TEST(handle_offset(handle.get()) == 5); // the stream's position became the handle's
    BOOST_TEST(write_handle(handle.get(), "tail"));
    BOOST_TEST(handle_contents(handle.get()) == "head-tail");
    handle.reset(); // the handle half only closes
    BOOST_TEST(present(p));
    path.remove(); // the path half only removes
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(the_path_half_removes_the_name_while_the_handle_half_is_still_open)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    auto parts = f.into_parts();
    boost::system::error_code ec;
    parts.path.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!parts.path.owns_name());
#if !defined(_WIN32)
    BOOST_TEST(!present(p));
#endif
    BOOST_TEST(write_handle(parts.handle.get(), "still writable"));
    parts.handle.reset();
    // Where deletion waits for the last handle (wine, FAT), the name goes with it.
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(into_parts_of_a_closed_file_fails_and_changes_nothing)
{
    case_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
    f.close();
    boost::system::error_code ec;
    auto parts = f.into_parts(ec);
    BOOST_TEST(generic_says(ec, errc::bad_file_descriptor));
    BOOST_TEST(!parts.handle);
    BOOST_TEST(!parts.path.owns_name());
    BOOST_TEST(f.owns_name());
    BOOST_TEST(present(f.path()));
}

BOOST_AUTO_TEST_CASE(from_parts_puts_the_file_together_again)
{
    case_dir scratch;
    handle_leak_check leak;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        f.stream() << "one ";
        auto parts = f.into_parts();
        auto g = tf::named_temp_file<>::from_parts(std::move(parts));
        BOOST_TEST(!parts.handle);
        BOOST_TEST(parts.path.path().empty());
        BOOST_TEST(g.is_open());
        BOOST_TEST(g.owns_name());
        BOOST_TEST(g.path() == p);
        g.stream() << "two";
        g.stream().flush();
        BOOST_TEST(read_file(p) == "one two");
        g.close(); // delete_on_close: the reunited file removes at close again
        BOOST_TEST(!present(p));
    }
}

BOOST_AUTO_TEST_CASE(from_parts_refuses_a_handle_on_another_file_and_takes_nothing)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::named_temp_file<> a(tf::options().dir(scratch.path));
    tf::named_temp_file<> b(tf::options().dir(scratch.path));
    auto pa = a.into_parts();
    auto pb = b.into_parts();
    boost::system::error_code ec;
    auto mixed = tf::named_temp_file<>::from_parts(std::move(pa.handle), std::move(pb.path), ec);
    BOOST_TEST(generic_says(ec, errc::invalid_argument));
    BOOST_TEST(!mixed.is_open());
    BOOST_TEST(mixed.path().empty());
    BOOST_TEST(static_cast< bool >(pa.handle)); // nothing taken
    BOOST_TEST(pb.path.owns_name());
    BOOST_CHECK_THROW(tf::named_temp_file<>::from_parts(std::move(pb.handle), std::move(pa.path)),
                      fs::filesystem_error);
    auto right = tf::named_temp_file<>::from_parts(std::move(pa.handle), std::move(pa.path), ec);
    BOOST_TEST(!ec);
    BOOST_TEST(right.owns_name());
}

BOOST_AUTO_TEST_CASE(from_parts_refuses_no_handle_or_a_path_owner_that_owns_nothing)
{
    case_dir scratch;
    tf::named_temp_file<> a(tf::options().dir(scratch.path));
    auto pa = a.into_parts();
    boost::system::error_code ec;
    auto none = tf::named_temp_file<>::from_parts(tf::unique_handle(), std::move(pa.path), ec);
    BOOST_TEST(generic_says(ec, errc::bad_file_descriptor));
    BOOST_TEST(pa.path.owns_name());
    pa.path.remove();
    auto gone = tf::named_temp_file<>::from_parts(std::move(pa.handle), std::move(pa.path), ec);
    BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
    BOOST_TEST(static_cast< bool >(pa.handle));
    tf::temp_path< tf::delete_on_close > empty_half(tf::empty);
    auto nothing = tf::named_temp_file<>::from_parts(std::move(pa.handle), std::move(empty_half), ec);
    BOOST_TEST(generic_says(ec, errc::operation_not_permitted));
}

BOOST_AUTO_TEST_CASE(a_kept_path_half_gives_a_kept_file)
{
    case_dir scratch;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        auto parts = f.into_parts();
        parts.path.keep();
        auto g = tf::named_temp_file<>::from_parts(std::move(parts));
        BOOST_TEST(g.is_open());
        BOOST_TEST(!g.owns_name());
        g.close();
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_SUITE_END()
