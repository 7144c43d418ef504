// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The Windows defects of issue 11, each proven here:
// - a named file renamed away while open and replaced at its old name: no
//   removal or persist() acts on the new occupant (wine's ReOpenFile reopens
//   by name);
// - temp_directory_path(ec) with TMP naming a missing folder:
//   no_such_file_or_directory, naming the folder;
// - a removal that fails (someone holds the entry open without
//   FILE_SHARE_DELETE) keeps it owned; a later remove() or the destructor
//   removes it (decision 2);
// - persist(), persist(ec) and release() report a failed write-out of the
//   stream's buffer, mark the stream bad and change nothing (the cases every
//   backend shares: test/behaviour/persist.cpp);
// - no error_code form throws.

#define BOOST_TEST_MODULE windows_defects
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <ios>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

//! Opens p as a plain program would that does not share delete: nobody can
//! delete or rename p while this is held.
struct holder_without_share_delete
{
    HANDLE h;
    explicit holder_without_share_delete(const fs::path& p)
        : h(::CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                          FILE_FLAG_BACKUP_SEMANTICS, nullptr))
    {
        BOOST_TEST_REQUIRE((h != INVALID_HANDLE_VALUE), "cannot hold " << p << ": " << ::GetLastError());
    }
    void release()
    {
        if (h != INVALID_HANDLE_VALUE)
            ::CloseHandle(h);
        h = INVALID_HANDLE_VALUE;
    }
    ~holder_without_share_delete() { release(); }
};

//! Renames the file at p away to `moved` (by name, as another program would)
//! and creates a new file at p holding "theirs".
void rename_away_and_replace(const fs::path& p, const fs::path& moved)
{
    BOOST_TEST_REQUIRE(::MoveFileExW(p.c_str(), moved.c_str(), 0) != 0);
    write_file(p, "theirs");
    BOOST_TEST_REQUIRE(read_file(p) == "theirs");
}

using faulty = tf::fault_injecting_platform< tf::windows_platform >;

//! Sets an environment variable for the scope of a test, and makes
//! temp_directory_path() look again before and after.
struct environment_override
{
    std::wstring name;
    std::wstring old;
    bool had;
    environment_override(const wchar_t* n, const std::wstring& value) : name(n)
    {
        wchar_t buf[32768];
        const DWORD len = ::GetEnvironmentVariableW(n, buf, 32768);
        had = len > 0 && len < 32768;
        if (had)
            old.assign(buf, len);
        ::SetEnvironmentVariableW(n, value.c_str());
        tf::reset_temp_directory_path();
    }
    ~environment_override()
    {
        ::SetEnvironmentVariableW(name.c_str(), had ? old.c_str() : nullptr);
        tf::reset_temp_directory_path();
    }
};

} // namespace

// ---- 16: a named file renamed away while open and replaced at its old name -----------------------

BOOST_AUTO_TEST_CASE(remove_of_a_file_renamed_away_and_replaced_spares_the_new_occupant)
{
    scratch_dir scratch;
    const fs::path moved = scratch.path / "moved-away.txt";
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    f.stream() << "ours";
    f.native_handle(); // written out
    rename_away_and_replace(p, moved);

    boost::system::error_code ec;
    f.remove(ec);
    BOOST_TEST(read_file(p) == "theirs", "the new occupant of the old name is untouched");
    if (under_wine())
    {
        // wine reopens by name: our file is out of reach, and says so.
        BOOST_TEST(ec == win32(ERROR_FILE_INVALID), ec.message());
        BOOST_TEST(read_file(moved) == "ours");
        BOOST_TEST(f.owns_name(), "a failed removal keeps the name owned");
    }
    else
    {
        // Windows reopens the file object: our file goes, under the name it has now.
        BOOST_TEST(!ec, ec.message());
        BOOST_TEST(!present(moved));
        BOOST_TEST(!f.owns_name());
    }
}

BOOST_AUTO_TEST_CASE(destructor_of_a_file_renamed_away_and_replaced_spares_the_new_occupant)
{
    scratch_dir scratch;
    const fs::path moved = scratch.path / "moved-away.txt";
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(tf::options().dir(scratch.path));
        p = f.path();
        f.stream() << "ours";
        f.native_handle();
        rename_away_and_replace(p, moved);
    }
    BOOST_TEST(read_file(p) == "theirs", "the new occupant of the old name is untouched");
    if (!under_wine())
        BOOST_TEST(!present(moved), "Windows removes our file under its new name");
}

BOOST_AUTO_TEST_CASE(close_with_delete_on_close_of_a_file_renamed_away_and_replaced_spares_the_new_occupant)
{
    scratch_dir scratch;
    const fs::path moved = scratch.path / "moved-away.txt";
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    rename_away_and_replace(p, moved);
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(read_file(p) == "theirs");
    BOOST_TEST(!f.is_open());
    if (under_wine())
        BOOST_TEST(ec == win32(ERROR_FILE_INVALID), ec.message());
    else
        BOOST_TEST(!ec, ec.message());
}

BOOST_AUTO_TEST_CASE(persist_of_a_file_renamed_away_and_replaced_does_not_publish_the_new_occupant)
{
    scratch_dir scratch;
    const fs::path moved = scratch.path / "moved-away.txt";
    const fs::path target = scratch.path / "published.txt";
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    f.stream() << "ours";
    rename_away_and_replace(p, moved);

    boost::system::error_code ec;
    f.persist(target, ec);
    BOOST_TEST(read_file(p) == "theirs", "the new occupant stays where it is");
    if (under_wine())
    {
        BOOST_TEST(ec == win32(ERROR_FILE_INVALID), ec.message());
        BOOST_TEST(!present(target), "nothing was published");
        BOOST_TEST(f.owns_name());
        BOOST_TEST(f.path() == p);
    }
    else
    {
        BOOST_TEST(!ec, ec.message());
        BOOST_TEST(read_file(target) == "ours", "our file is published, from wherever it is");
        BOOST_TEST(!f.owns_name());
    }
    try
    {
        tf::named_temp_file<> g(tf::options().dir(scratch.path));
        const fs::path q = g.path();
        rename_away_and_replace(q, scratch.path / "moved-again.txt");
        g.persist(scratch.path / "published-again.txt", tf::no_clobber);
        BOOST_TEST(!under_wine(), "only Windows can reach the file renamed away");
        BOOST_TEST(read_file(q) == "theirs");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(under_wine(), e.what());
        BOOST_TEST(e.code() == win32(ERROR_FILE_INVALID), e.what());
        BOOST_TEST(std::string(e.what()).find("refers to another file") != std::string::npos, e.what());
        BOOST_TEST(!present(scratch.path / "published-again.txt"));
    }
}

BOOST_AUTO_TEST_CASE(a_second_persist_is_refused_and_the_published_file_stays)
{
    // Issue 16.7: once published the object owns and moves nothing (it used
    // to move the published file again, through the name the first persist
    // gave it).
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    f.stream() << "data";
    const fs::path first = scratch.path / "first.txt";
    const fs::path second = scratch.path / "second.txt";
    f.persist(first);
    BOOST_TEST(read_file(first) == "data");
    boost::system::error_code ec;
    f.persist(second, ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted, ec.message());
    BOOST_TEST(!present(second));
    BOOST_TEST(f.path() == first);
    f.stream() << " more";
    f.close();
    BOOST_TEST(read_file(first) == "data more");
}

// ---- 17: temp_directory_path with TMP naming a missing folder ------------------------------------

BOOST_AUTO_TEST_CASE(temp_directory_path_with_TMP_naming_a_missing_folder_is_no_such_file_or_directory)
{
    scratch_dir scratch;
    const fs::path missing = scratch.path / "no-such-folder";
    environment_override tmp(L"TMP", missing.native());
    environment_override temp(L"TEMP", missing.native());
    boost::system::error_code ec;
    const fs::path got = tf::temp_directory_path(ec);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory, ec.message());
    BOOST_TEST(got.empty());
    try
    {
        tf::temp_directory_path();
        BOOST_ERROR("no error");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::no_such_file_or_directory, e.what());
        BOOST_TEST(e.path1() == missing, "the error names the folder: " << e.path1());
        BOOST_TEST(std::string(e.what()).find("does not exist") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(temp_directory_path_with_TMP_naming_a_file_is_not_a_directory)
{
    scratch_dir scratch;
    const fs::path file = scratch.path / "a-file";
    write_file(file, "x");
    environment_override tmp(L"TMP", file.native());
    environment_override temp(L"TEMP", file.native());
    boost::system::error_code ec;
    tf::temp_directory_path(ec);
    BOOST_TEST(ec == boost::system::errc::not_a_directory, ec.message());
    try
    {
        tf::temp_directory_path();
        BOOST_ERROR("no error");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == file, "the error names it: " << e.path1());
    }
    // And a named file made by default then fails the same way, naming it.
    tf::named_temp_file<> f(ec);
    BOOST_TEST(ec == boost::system::errc::not_a_directory);
    BOOST_TEST(!f.is_open());
}

// ---- 19: a failed removal keeps ownership (decision 2) ------------------------------------------

BOOST_AUTO_TEST_CASE(remove_failing_with_a_sharing_violation_keeps_the_name_owned_and_remove_retries)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path));
    const fs::path p = f.path();
    holder_without_share_delete holder(p);
    boost::system::error_code ec;
    f.remove(ec);
    BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION), ec.message());
    BOOST_TEST(f.owns_name(), "the object still owns the name");
    BOOST_TEST(!f.is_open(), "the handle is closed all the same");
    BOOST_TEST(present(p));
    try
    {
        f.remove();
        BOOST_ERROR("a second removal while the holder is there succeeded");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == win32(ERROR_SHARING_VIOLATION), e.what());
        BOOST_TEST(e.path1() == p);
        BOOST_TEST(std::string(e.what()).find("tries again") != std::string::npos, e.what());
    }
    BOOST_TEST(f.owns_name());
    holder.release();
    f.remove(); // the holder is gone: now it works
    BOOST_TEST(!f.owns_name());
    BOOST_TEST(!present(p));
    BOOST_TEST(names_in(scratch.path).empty());
}

BOOST_AUTO_TEST_CASE(destructor_removes_what_a_failed_remove_left)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        holder_without_share_delete holder(p);
        boost::system::error_code ec;
        f.remove(ec);
        BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION), ec.message());
        BOOST_TEST(f.owns_name());
        holder.release();
    }
    BOOST_TEST(!present(p), "the destructor tried again");
}

BOOST_AUTO_TEST_CASE(failed_removing_close_keeps_the_name_for_the_destructor)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_close > f(tf::options().dir(scratch.path));
        p = f.path();
        holder_without_share_delete holder(p);
        boost::system::error_code ec;
        f.close(ec);
        BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION), ec.message());
        BOOST_TEST(f.owns_name());
        holder.release();
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(destructor_retries_a_failed_remove_even_when_the_policy_keeps)
{
    scratch_dir scratch;
    fs::path p, kept;
    {
        tf::named_temp_file< tf::keep > f(tf::options().dir(scratch.path));
        tf::named_temp_file< tf::keep > other(tf::options().dir(scratch.path));
        p = f.path();
        kept = other.path();
        holder_without_share_delete holder(p);
        boost::system::error_code ec;
        f.remove(ec);
        BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION));
        holder.release();
    }
    BOOST_TEST(!present(p), "remove() was asked for: the destructor finishes it");
    BOOST_TEST(present(kept), "the policy still keeps what was never asked to go");
}

BOOST_AUTO_TEST_CASE(keep_after_a_failed_remove_stops_the_retry)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path));
        p = f.path();
        holder_without_share_delete holder(p);
        boost::system::error_code ec;
        f.remove(ec);
        BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION));
        f.keep();
        BOOST_TEST(!f.owns_name());
        holder.release();
    }
    BOOST_TEST(present(p));
}

BOOST_AUTO_TEST_CASE(temp_dir_remove_failing_with_a_sharing_violation_keeps_it_owned_and_remove_retries)
{
    scratch_dir scratch;
    tf::temp_dir<> d(tf::options().dir(scratch.path));
    const fs::path p = d.path();
    write_file(p / "inside.txt", "x");
    holder_without_share_delete holder(p);
    boost::system::error_code ec;
    d.remove(ec);
    BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION), ec.message());
    BOOST_TEST(d.owns_directory(), "the object still owns the directory");
    BOOST_TEST(present(p));
    BOOST_TEST(d.native_handle() != INVALID_HANDLE_VALUE, "and keeps its handle while it owns it");
    holder.release();
    d.remove();
    BOOST_TEST(!d.owns_directory());
    BOOST_TEST(!present(p));
    BOOST_TEST(d.native_handle() == INVALID_HANDLE_VALUE);
}

BOOST_AUTO_TEST_CASE(temp_dir_with_a_held_file_inside_keeps_it_owned_and_the_destructor_finishes)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_dir<> d(tf::options().dir(scratch.path));
        p = d.path();
        write_file(p / "held.txt", "x");
        write_file(p / "free.txt", "y");
        holder_without_share_delete holder(p / "held.txt");
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION), ec.message());
        BOOST_TEST(d.owns_directory());
        BOOST_TEST(present(p / "held.txt"));
        holder.release();
    }
    BOOST_TEST(!present(p), "the destructor tried again");
}

BOOST_AUTO_TEST_CASE(temp_dir_destructor_removes_what_a_failed_remove_left)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_dir<> d(tf::options().dir(scratch.path));
        p = d.path();
        holder_without_share_delete holder(p);
        boost::system::error_code ec;
        d.remove(ec);
        BOOST_TEST(ec == win32(ERROR_SHARING_VIOLATION), ec.message());
        holder.release();
    }
    BOOST_TEST(!present(p));
}

// ---- 2: a failed write-out is reported by what publishes or hands over the file ------------------

BOOST_AUTO_TEST_CASE(persist_ec_reports_a_failed_write_out_and_changes_nothing)
{
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "published.txt";
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(
        tf::options().dir(scratch.path));
    const fs::path p = f.path();
    f.stream() << "buffered, never written";
    BOOST_TEST(f.stream().good());
    tf::fault_injection::fail(tf::sys_call::write, ERROR_DISK_FULL);
    boost::system::error_code ec;
    f.persist(target, ec);
    BOOST_TEST(ec == win32(ERROR_DISK_FULL), ec.message());
    BOOST_TEST(f.stream().bad(), "the stream is marked bad");
    BOOST_TEST(!present(target), "nothing published");
    BOOST_TEST(f.path() == p);
    BOOST_TEST(f.owns_name());
    BOOST_TEST(present(p));
    f.persist(target, tf::no_clobber, ec);
    BOOST_TEST(ec == win32(ERROR_DISK_FULL), "the lost data stays lost: every later publication fails too");
    BOOST_TEST(!present(target));
}

BOOST_AUTO_TEST_CASE(persist_throws_on_a_failed_write_out_even_after_the_caller_cleared_the_stream)
{
    fault_scope faults;
    scratch_dir scratch;
    const fs::path target = scratch.path / "published.txt";
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty > f(
        tf::options().dir(scratch.path));
    f.stream() << "lost";
    tf::fault_injection::fail(tf::sys_call::write, ERROR_DISK_FULL);
    f.stream().flush();
    BOOST_TEST(f.stream().bad());
    f.stream().clear(); // the caller pretends all is well
    try
    {
        f.persist(target);
        BOOST_ERROR("persist published a file whose data was lost");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == win32(ERROR_DISK_FULL), e.what());
        BOOST_TEST(e.path1() == f.path());
        BOOST_TEST(e.path2() == target);
        BOOST_TEST(std::string(e.what()).find("write out") != std::string::npos, e.what());
    }
    BOOST_TEST(f.stream().bad());
    BOOST_TEST(!present(target));
}
