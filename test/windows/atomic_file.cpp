// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// atomic_file on Windows: the temporary file beside the target, commit by a
// rename through its handle, the mode policies mapped to the read-only
// attribute and the DACL, a reader sharing delete, the pinned directory, and
// the errors of Windows paths. What every backend shares is in
// test/behaviour/atomic_file.cpp.

#define BOOST_TEST_MODULE windows_atomic_file
#include <boost/tempfile.hpp>
#include <boost/tempfile/atomic_file.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

bool read_only(const fs::path& p)
{
    const DWORD a = ::GetFileAttributesW(p.c_str());
    return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_READONLY);
}

void make_read_only(const fs::path& p, bool on)
{
    DWORD a = ::GetFileAttributesW(p.c_str());
    a = on ? (a | FILE_ATTRIBUTE_READONLY) : (a & ~static_cast< DWORD >(FILE_ATTRIBUTE_READONLY));
    ::SetFileAttributesW(p.c_str(), a == 0 ? FILE_ATTRIBUTE_NORMAL : a);
}

//! Nothing in the DACL for Everyone (WD) or Users (BU). Under wine only the
//! owner's mode bits are kept, so this is what can be checked there.
bool private_dacl(const fs::path& p)
{
    const std::wstring sddl = dacl_sddl(p);
    return sddl.find(L";;;WD)") == std::wstring::npos && sddl.find(L";;;BU)") == std::wstring::npos &&
           sddl.compare(0, 1, L"<") != 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(commit_replaces_the_target_and_leaves_no_temporary_file)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "app.conf";
    write_file(target, "old");
    tf::atomic_file f(target);
    BOOST_TEST(f.is_open());
    BOOST_TEST(f.target_path() == target);
    BOOST_TEST(f.temp_path().parent_path() == scratch.path, "the temporary file is beside the target");
    const std::wstring temp_name = f.temp_path().filename().native();
    BOOST_TEST(temp_name.compare(0, 10, L".app.conf.") == 0, narrow(temp_name));
    BOOST_TEST(temp_name.size() > 14u);
    BOOST_TEST(temp_name.compare(temp_name.size() - 4, 4, L".tmp") == 0);
    BOOST_TEST(private_dacl(f.temp_path()), narrow(dacl_sddl(f.temp_path())));
    f.stream() << "new content";
    BOOST_TEST(read_file(target) == "old", "the target is untouched until commit");
    f.commit();
    BOOST_TEST(f.committed());
    BOOST_TEST(!f.is_open());
    BOOST_TEST(f.temp_path().empty());
    BOOST_TEST(read_file(target) == "new content");
    BOOST_TEST(names_in(scratch.path).size() == 1u);
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    BOOST_TEST(f.stream().bad(), "the stream outlives the file, failed (issue 16.2)");
}

BOOST_AUTO_TEST_CASE(commit_creates_a_target_that_did_not_exist)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / L"n\u00e9w.txt";
    {
        tf::atomic_file f(target);
        f.stream() << "fresh";
        f.commit();
    }
    BOOST_TEST(read_file(target) == "fresh");
    BOOST_TEST(!read_only(target));
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

BOOST_AUTO_TEST_CASE(copy_target_mode_keeps_a_read_only_target_read_only)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "ro.txt";
    write_file(target, "old");
    make_read_only(target, true);
    {
        tf::atomic_file f(target);
        f.stream() << "new";
        f.commit();
    }
    BOOST_TEST(read_file(target) == "new", "a read-only target is replaced");
    BOOST_TEST(read_only(target), "and the new file is read-only too");
    make_read_only(target, false);
    {
        tf::atomic_file f(target);
        f.stream() << "newer";
        f.commit();
    }
    BOOST_TEST(read_file(target) == "newer");
    BOOST_TEST(!read_only(target));
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

BOOST_AUTO_TEST_CASE(fixed_and_umask_modes_map_to_the_read_only_attribute_and_the_dacl)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "m.txt";
    {
        tf::basic_atomic_file< tf::fixed_mode< 0444 > > f(target);
        f.stream() << "a";
        f.commit();
    }
    BOOST_TEST(read_only(target), "no owner write bit: read-only");
    {
        tf::basic_atomic_file< tf::fixed_mode< 0644 > > f(target);
        f.stream() << "b";
        f.commit();
    }
    BOOST_TEST(read_file(target) == "b");
    BOOST_TEST(!read_only(target));
    {
        tf::basic_atomic_file< tf::fixed_mode< 0600 > > f(target);
        f.stream() << "c";
        f.commit();
    }
    BOOST_TEST(!read_only(target));
    BOOST_TEST(private_dacl(target), "0600 keeps the owner-only DACL: " << narrow(dacl_sddl(target)));
    if (!under_wine())
        BOOST_TEST((dacl_sddl(target) == L"D:P(A;;FA;;;" + current_user_sid() + L")"), narrow(dacl_sddl(target)));
    {
        tf::basic_atomic_file< tf::umask_mode > f(target);
        f.stream() << "d";
        f.commit();
    }
    BOOST_TEST(read_file(target) == "d");
    BOOST_TEST(!read_only(target));
    BOOST_TEST_MESSAGE("umask_mode DACL (inherited from the directory): " << narrow(dacl_sddl(target)));
    if (!under_wine())
        BOOST_TEST(dacl_sddl(target).compare(0, 3, L"D:P") != 0, "not protected: inherits from the directory");
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_reader_sharing_delete_keeps_the_old_content)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "shared.txt";
    write_file(target, "old");
    HANDLE reader = ::CreateFileW(target.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                  nullptr, OPEN_EXISTING, 0, nullptr);
    BOOST_TEST_REQUIRE(reader != INVALID_HANDLE_VALUE);
    tf::atomic_file f(target);
    f.stream() << "new";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST_MESSAGE("commit while a reader holds the target open with FILE_SHARE_DELETE: "
                       << (ec ? ec.message() : std::string("ok")));
    char buf[16] = {};
    DWORD got = 0;
    ::ReadFile(reader, buf, sizeof buf, &got, nullptr);
    ::CloseHandle(reader);
    BOOST_TEST(std::string(buf, got) == "old", "the reader keeps reading what it opened");
    if (!ec)
        BOOST_TEST(read_file(target) == "new");
    else
        BOOST_TEST(read_file(target) == "old", "a failed commit leaves the target whole");
}

BOOST_AUTO_TEST_CASE(the_directory_is_pinned_while_the_object_lives)
{
    scratch_dir scratch;
    const fs::path dir = scratch.path / "d";
    fs::create_directory(dir);
    {
        tf::atomic_file f(dir / "x.txt");
        const BOOL moved = ::MoveFileW(dir.c_str(), (scratch.path / "moved").c_str());
        BOOST_TEST_MESSAGE("renaming the target's directory while an atomic_file lives: "
                           << (moved ? "done" : "refused, error " + std::to_string(::GetLastError())));
        BOOST_TEST(!moved, "the directory is held open without FILE_SHARE_DELETE");
        if (moved)
            ::MoveFileW((scratch.path / "moved").c_str(), dir.c_str());
        f.stream() << "x";
        f.commit();
    }
    BOOST_TEST(read_file(dir / "x.txt") == "x");
}

BOOST_AUTO_TEST_CASE(errors_name_the_target_and_the_directory)
{
    scratch_dir scratch;
    const fs::path missing = scratch.path / "missing";
    try
    {
        tf::atomic_file f(missing / "x.txt");
        BOOST_ERROR("created beside a missing directory");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::no_such_file_or_directory, e.what());
        BOOST_TEST(e.path1() == missing / "x.txt");
        BOOST_TEST(e.path2() == missing);
    }
    boost::system::error_code ec;
    tf::atomic_file f(scratch.path, ec);
    BOOST_TEST(!ec, "a directory path without a trailing separator names a file to replace");
    f.cancel();
    tf::atomic_file g(fs::path(scratch.path.native() + L"\\"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST(!g.is_open());

    // A directory at the target: the rename fails, nothing is left behind.
    fs::create_directory(scratch.path / "sub");
    tf::atomic_file h(scratch.path / "sub");
    h.stream() << "x";
    h.commit(ec);
    BOOST_TEST(ec, "replacing a directory fails");
    BOOST_TEST(!h.committed());
    BOOST_TEST(fs::is_directory(scratch.path / "sub"));
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

// ---- issue 16: the API review conditions -------------------------------------------------

BOOST_AUTO_TEST_CASE(a_stream_reference_kept_across_commit_cancel_and_a_move_stays_valid_and_failed)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "s.txt";
    {
        tf::atomic_file f(target);
        std::iostream& s = f.stream();
        s << "committed";
        tf::atomic_file g(std::move(f));
        BOOST_TEST(&g.stream() == &s, "a move takes the stream along");
        g.commit();
        BOOST_TEST(s.bad());
        s.clear();
        s << "after" << std::flush;
        BOOST_TEST(s.bad());
        BOOST_TEST(&g.stream() == &s);
        BOOST_TEST(f.stream().bad(), "moved from: a failed stream, no throw");
    }
    {
        tf::atomic_file f(target);
        std::iostream& s = f.stream();
        s << "dropped";
        f.cancel();
        s << "more" << std::flush;
        BOOST_TEST(s.bad());
    }
    BOOST_TEST(read_file(target) == "committed");
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_second_commit_or_cancel_fails_clearly)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "v.txt";
    tf::atomic_file f(target);
    f.commit();
    try
    {
        f.commit();
        BOOST_ERROR("committed twice");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::operation_not_permitted);
        BOOST_TEST(std::string(e.what()).find("already committed") != std::string::npos, e.what());
    }
    try
    {
        f.cancel();
        BOOST_ERROR("cancelled after commit");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::operation_not_permitted);
        BOOST_TEST(std::string(e.what()).find("no longer owns") != std::string::npos, e.what());
    }
    BOOST_TEST(present(target));
}

BOOST_AUTO_TEST_CASE(keep_owner_of_ones_own_file_commits)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "mine.txt";
    write_file(target, "old");
    tf::atomic_file f(target, tf::atomic_options().keep_owner());
    f.stream() << "new";
    f.commit();
    BOOST_TEST(read_file(target) == "new");
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_permission_step_keeps_the_target)
{
    using faulty = tf::fault_injecting_platform< tf::windows_platform >;
    scratch_dir scratch;
    const fs::path target = scratch.path / "p.txt";
    write_file(target, "old");
    tf::fault_injection::clear();
    tf::basic_atomic_file< tf::fixed_mode< 0444 >, tf::full_sync, tf::random_name<>, faulty > f(target);
    f.stream() << "new";
    tf::fault_injection::fail(tf::sys_call::chmod, ERROR_ACCESS_DENIED);
    boost::system::error_code ec;
    f.commit(ec);
    tf::fault_injection::clear();
    BOOST_TEST(ec == boost::system::error_code(ERROR_ACCESS_DENIED, boost::system::system_category()), ec.message());
    BOOST_TEST(!f.committed());
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(names_in(scratch.path).size() == 1u);
}

BOOST_AUTO_TEST_CASE(follow_symlinks_writes_the_file_a_link_leads_to)
{
    // A link to a file: one made here (Windows; wine 8's CreateSymbolicLinkW
    // makes none), or a Unix symlink the runner planted (which wine shows as
    // the file itself, resolved by GetFinalPathNameByHandleW).
    scratch_dir scratch;
    fs::path real = scratch.path / "dotfiles" / "rc.txt";
    fs::path link = scratch.path / "rc-link.txt";
    fs::create_directory(real.parent_path());
    write_file(real, "old");
    const bool made = ::CreateSymbolicLinkW(link.c_str(), real.c_str(), 0x2 /* ALLOW_UNPRIVILEGED_CREATE */) &&
                      ::GetFileAttributesW(link.c_str()) != INVALID_FILE_ATTRIBUTES;
    if (!made)
    {
        const char* planted = std::getenv("TEMPFILE_TEST_PLANTED_FILE_LINK");
        const char* planted_real = std::getenv("TEMPFILE_TEST_PLANTED_FILE_LINK_TARGET");
        if (!planted || !planted_real)
        {
            BOOST_TEST_MESSAGE("NOT TESTED: no symbolic link to a file can be made here");
            return;
        }
        link = fs::path(planted);
        real = fs::path(planted_real);
        write_file(real, "old");
    }
    {
        tf::atomic_file f(link, tf::atomic_options().follow_symlinks());
        BOOST_TEST(fs::equivalent(f.target_path(), real), narrow(f.target_path().native()));
        BOOST_TEST(f.temp_path().parent_path() == f.target_path().parent_path());
        f.stream() << "through the link";
        f.commit();
    }
    BOOST_TEST(read_file(real) == "through the link");
    BOOST_TEST(read_file(link) == "through the link", "the link still leads to the file");
    BOOST_TEST(names_in(real.parent_path()).size() == 1u);
}
