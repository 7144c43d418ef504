// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_dir on every backend: where it is made, recursive removal of what is
// put inside, a name removed or replaced by someone else, the remove_if_empty
// policy, keep, and ownership moves. POSIX-only behaviour (modes, the walk's
// symlinks, FIFOs, locked directories, descriptor budgets) is in
// test/run/temp_dir.cpp; the Windows-only (read-only attributes, junctions,
// held files, DACLs, non-ASCII names) in test/windows/temp_dir.cpp.

#define BOOST_TEST_MODULE behaviour_temp_dir
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/fstream.hpp>

#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

} // namespace

// ---- creation ----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(path_is_absolute_and_in_the_requested_directory_even_when_given_relative)
{
    case_dir scratch;
    handle_leak_check leaks;
    make_dir(scratch.path / "sub");
    const fs::path old_cwd = fs::current_path();
    fs::current_path(scratch.path);
    fs::path made;
    {
        tf::temp_dir<> d(tf::options().dir("sub").prefix("pre_").suffix("_suf"));
        made = d.path();
        BOOST_TEST(d.path().is_absolute());
        BOOST_TEST(d.path().parent_path() == fs::current_path() / "sub");
        BOOST_TEST(d.native_handle() != no_handle());
        BOOST_TEST(d.owns_directory());
        const std::string name = name_of(d.path());
        BOOST_TEST(name.compare(0, 4, "pre_") == 0);
        BOOST_TEST(name.size() == 4 + 10 + 4);
        BOOST_TEST(name.compare(name.size() - 4, 4, "_suf") == 0);
        // Leaving the directory must not redirect the removal.
        fs::current_path(old_cwd);
        BOOST_TEST(is_real_dir(made));
    }
    fs::current_path(old_cwd);
    BOOST_TEST(!present(made));
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(default_directory_is_made_in_temp_directory_path)
{
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir<> d;
        made = d.path();
        BOOST_TEST(d.path().parent_path() == tf::temp_directory_path());
        BOOST_TEST(is_real_dir(made));
    }
    BOOST_TEST(!present(made));
}

// ---- removal ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(files_made_inside_with_std_streams_are_removed)
{
    fs::path p;
    {
        tf::temp_dir<> d;
        p = d.path();
        fs::ofstream(p / "data1.txt") << "This is file 1.";
        fs::create_directory(p / "sub");
        fs::ofstream(p / "sub" / "data2.txt") << "This is file 2.";
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(deep_tree_is_removed)
{
    fs::path p;
    {
        tf::temp_dir<> d;
        p = d.path();
        fs::path at = p;
        // Deep, yet short enough for Windows' MAX_PATH.
        for (int i = 0; i < 80 && at.native().size() < 230; ++i)
        {
            at /= "d";
            make_dir(at);
            write_file(at / "f", "x");
        }
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(explicit_remove_reports_success_and_the_object_removes_nothing_more)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir<> d(in(scratch.path));
        made = d.path();
        write_file(made / "a.txt", "a");
        make_dir(made / "sub");
        write_file(made / "sub" / "b.txt", "b");
        BOOST_TEST(d.owns_directory());

        BOOST_CHECK_NO_THROW(d.remove());
        BOOST_TEST(!present(made));
        BOOST_TEST(!d.owns_directory());
        BOOST_TEST(d.native_handle() == no_handle());

        // Whatever appears at the name later is not this object's.
        make_dir(made);
        write_file(made / "newcomer.txt", "mine");
    }
    BOOST_TEST(is_real_dir(made));
    BOOST_TEST(read_file(made / "newcomer.txt") == "mine");
}

BOOST_AUTO_TEST_CASE(directory_removed_by_hand_before_the_end_is_not_an_error)
{
    case_dir scratch;
    handle_leak_check leaks;
    {
        tf::temp_dir<> d(in(scratch.path));
        write_file(d.path() / "x", "x");
        fs::remove_all(d.path());
        boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
        d.remove(ec);
        BOOST_TEST(!ec, ec.message());
        BOOST_TEST(d.native_handle() == no_handle());
    }
    {
        tf::temp_dir<> d(in(scratch.path));
        fs::remove_all(d.path());
        BOOST_CHECK_NO_THROW(d.remove());
    }
    {
        // The destructor meets the same situation quietly.
        tf::temp_dir<> d(in(scratch.path));
        fs::remove_all(d.path());
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(name_replaced_by_another_directory_is_reported_stale_and_the_replacement_kept)
{
    case_dir scratch;
    handle_leak_check leaks;
    const fs::path moved = scratch.path / "moved_original";
    {
        tf::temp_dir<> d(in(scratch.path));
        const fs::path name = d.path();
        write_file(name / "original.txt", "ours");
        make_dir(name / "sub");
        write_file(name / "sub" / "deeper.txt", "ours too");
        fs::rename(name, moved);
        make_dir(name);
        write_file(name / "replacement.txt", "theirs");

        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == system_error(name_means_another_entry), ec.message());
        BOOST_TEST(is_real_dir(name));
        BOOST_TEST(read_file(name / "replacement.txt") == "theirs");
        // The handle still reached the original: its contents are gone.
        BOOST_TEST(is_real_dir(moved));
        if (posix)
        {
            BOOST_TEST(!present(moved / "original.txt"));
            BOOST_TEST(!present(moved / "sub"));
        }
        else
            BOOST_TEST_MESSAGE("NOT TESTED on Windows: the contents of a directory whose name was replaced are "
                               "left (the walk refuses before it starts; POSIX empties it through the handle)");
        // A failed removal keeps the directory owned (decisions: 2).
        BOOST_TEST(d.owns_directory());
        BOOST_TEST(d.native_handle() != no_handle());
    }
    BOOST_TEST(is_real_dir(moved)); // its name was never ours to remove
    fs::remove_all(moved);
}

BOOST_AUTO_TEST_CASE(replaced_name_throws_filesystem_error_with_the_path)
{
    case_dir scratch;
    handle_leak_check leaks;
    const fs::path moved = scratch.path / "moved_original";
    {
        tf::temp_dir<> d(in(scratch.path));
        const fs::path name = d.path();
        write_file(name / "original.txt", "ours");
        fs::rename(name, moved);
        make_dir(name);
        try
        {
            d.remove();
            BOOST_ERROR("remove() did not throw");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(e.code() == system_error(name_means_another_entry));
            BOOST_TEST(e.path1() == name);
        }
        BOOST_TEST(is_real_dir(name));
        if (posix)
            BOOST_TEST(!present(moved / "original.txt"));
        else
            BOOST_TEST_MESSAGE("NOT TESTED on Windows: the contents of a directory whose name was replaced are "
                               "left (the walk refuses before it starts; POSIX empties it through the handle)");
    }
    BOOST_TEST(scratch.entries() == 2u); // replacement and moved original
}

BOOST_AUTO_TEST_CASE(tree_of_2000_files_in_20_directories_is_removed_completely)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir<> d(in(scratch.path));
        made = d.path();
        for (int i = 0; i < 20; ++i)
        {
            const fs::path sub = made / ("dir" + std::to_string(i));
            make_dir(sub);
            for (int j = 0; j < 100; ++j)
                write_file(sub / ("file" + std::to_string(j)), "x");
        }
        std::size_t count = 0;
        for (fs::recursive_directory_iterator it(made), end; it != end; ++it)
            ++count;
        BOOST_TEST(count == 2020u);
    }
    BOOST_TEST(!present(made));
    BOOST_TEST(scratch.entries() == 0u);
}

// ---- cleanup policies and ownership -------------------------------------------

BOOST_AUTO_TEST_CASE(remove_if_empty_removes_an_empty_directory)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir< tf::remove_if_empty > d(in(scratch.path));
        made = d.path();
        // Something that came and went leaves it empty again.
        write_file(made / "transient", "t");
        fs::remove(made / "transient");
    }
    BOOST_TEST(!present(made));
}

BOOST_AUTO_TEST_CASE(remove_if_empty_leaves_a_non_empty_directory_in_place_at_the_end)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir< tf::remove_if_empty > d(in(scratch.path));
        made = d.path();
        make_dir(made / "sub");
        write_file(made / "sub" / "kept.txt", "kept");
    }
    BOOST_TEST(is_real_dir(made));
    BOOST_TEST(read_file(made / "sub" / "kept.txt") == "kept");
}

BOOST_AUTO_TEST_CASE(remove_if_empty_remove_reports_enotempty_with_the_path)
{
    case_dir scratch;
    handle_leak_check leaks;
    {
        tf::temp_dir< tf::remove_if_empty > d(in(scratch.path));
        write_file(d.path() / "kept.txt", "kept");
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(system_says(ec, boost::system::errc::directory_not_empty), ec.message());
        BOOST_TEST(read_file(d.path() / "kept.txt") == "kept");
        // A failed removal keeps the directory owned (decisions: 2).
        BOOST_TEST(d.owns_directory());
        BOOST_TEST(d.native_handle() != no_handle());
    }
    {
        tf::temp_dir< tf::remove_if_empty > d(in(scratch.path));
        write_file(d.path() / "kept.txt", "kept");
        try
        {
            d.remove();
            BOOST_ERROR("remove() did not throw");
        }
        catch (const fs::filesystem_error& e)
        {
            BOOST_TEST(system_says(e.code(), boost::system::errc::directory_not_empty));
            BOOST_TEST(e.path1() == d.path());
        }
    }
    BOOST_TEST(scratch.entries() == 2u);
}

BOOST_AUTO_TEST_CASE(keep_member_stops_removal_and_the_descriptor_is_still_closed_at_the_end)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir<> d(in(scratch.path));
        made = d.path();
        write_file(made / "f", "f");
        d.keep();
        BOOST_TEST(!d.owns_directory());
        BOOST_TEST(d.path() == made);
        BOOST_TEST(d.native_handle() != no_handle());
    }
    BOOST_TEST(read_file(made / "f") == "f");
}

BOOST_AUTO_TEST_CASE(move_construction_transfers_the_removal_exactly_once)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path made;
    {
        tf::temp_dir<> a(in(scratch.path));
        made = a.path();
        const handle h = a.native_handle();
        {
            tf::temp_dir<> b(std::move(a));
            BOOST_TEST(a.path().empty());
            BOOST_TEST(a.native_handle() == no_handle());
            BOOST_TEST(!a.owns_directory());
            BOOST_TEST(b.path() == made);
            BOOST_TEST(b.native_handle() == h);
            BOOST_TEST(b.owns_directory());
        }
        BOOST_TEST(!present(made));
        // A new directory at the old name is no business of the moved-from object.
        make_dir(made);
    }
    BOOST_TEST(is_real_dir(made));
    fs::remove(made);
}

BOOST_AUTO_TEST_CASE(move_assignment_removes_the_target_own_directory_and_takes_over)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path first, second;
    {
        tf::temp_dir<> a(in(scratch.path));
        tf::temp_dir<> b(in(scratch.path));
        first = a.path();
        second = b.path();
        write_file(second / "f", "f");
        b = std::move(a);
        BOOST_TEST(!present(second));
        BOOST_TEST(b.path() == first);
        BOOST_TEST(a.path().empty());
        BOOST_TEST(a.native_handle() == no_handle());
        BOOST_TEST(is_real_dir(first));
        b.remove();
        BOOST_TEST(!present(first));
        make_dir(first);
    }
    BOOST_TEST(is_real_dir(first));
    fs::remove(first);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(swap_exchanges_the_directories_and_their_duties)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::temp_dir<> a(in(scratch.path));
    tf::temp_dir< tf::recursive_remove > b(in(scratch.path));
    const fs::path pa = a.path(), pb = b.path();
    const handle fa = a.native_handle(), fb = b.native_handle();

    a.swap(b);
    BOOST_TEST(a.path() == pb);
    BOOST_TEST(b.path() == pa);
    BOOST_TEST(a.native_handle() == fb);
    BOOST_TEST(b.native_handle() == fa);

    swap(a, b); // the free function, found by argument-dependent lookup
    BOOST_TEST(a.path() == pa);
    BOOST_TEST(b.path() == pb);

    swap(a, b);
    a.remove();
    BOOST_TEST(!present(pb));
    BOOST_TEST(is_real_dir(pa));
    b.remove();
    BOOST_TEST(!present(pa));
}
