// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// temp_dir on Windows: removal of read-only files and directories and of a
// tree where someone holds a file open, never following junctions or
// symbolic links out of the tree, policies, non-ASCII names, the DACL. What
// every backend shares is in test/behaviour/temp_dir.cpp.

#define BOOST_TEST_MODULE windows_temp_dir
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <winioctl.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

void make_tree(const fs::path& root)
{
    fs::create_directories(root / "a" / "b" / "c");
    write_file(root / "top.txt", "top");
    write_file(root / "a" / "one.txt", "1");
    write_file(root / "a" / "b" / "c" / "deep.txt", "deep");
    write_file(root / "a" / "readonly.txt", "ro");
    BOOST_TEST(::SetFileAttributesW((root / "a" / "readonly.txt").c_str(), FILE_ATTRIBUTE_READONLY));
    fs::create_directory(root / "rodir");
    write_file(root / "rodir" / "inside.txt", "in");
    BOOST_TEST(::SetFileAttributesW((root / "rodir").c_str(), FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_DIRECTORY));
    write_file(root / "hidden.txt", "h");
    BOOST_TEST(::SetFileAttributesW((root / "hidden.txt").c_str(),
                                    FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_READONLY));
}

// REPARSE_DATA_BUFFER's mount point part (not in every SDK's user-mode headers).
struct mount_point_buffer
{
    DWORD tag;
    WORD data_length;
    WORD reserved;
    WORD substitute_offset, substitute_length, print_offset, print_length;
    WCHAR path[1];
};

//! Makes `link` a junction to `target`: true, or false with GetLastError().
bool make_junction(const fs::path& link, const fs::path& target)
{
    if (!::CreateDirectoryW(link.c_str(), nullptr))
        return false;
    HANDLE h = ::CreateFileW(link.c_str(), GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                             FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return false;
    const std::wstring substitute = L"\\??\\" + target.native();
    const std::size_t bytes = substitute.size() * sizeof(wchar_t);
    std::vector< unsigned char > buf(sizeof(mount_point_buffer) + bytes + 4, 0);
    mount_point_buffer* r = reinterpret_cast< mount_point_buffer* >(buf.data());
    r->tag = IO_REPARSE_TAG_MOUNT_POINT;
    r->substitute_offset = 0;
    r->substitute_length = static_cast< WORD >(bytes);
    r->print_offset = static_cast< WORD >(bytes + 2);
    r->print_length = 0;
    std::memcpy(r->path, substitute.c_str(), bytes);
    r->data_length = static_cast< WORD >(8 + bytes + 2 + 2);
    DWORD ret = 0;
    const BOOL ok =
        ::DeviceIoControl(h, FSCTL_SET_REPARSE_POINT, r, r->data_length + 8u, nullptr, 0, &ret, nullptr);
    const DWORD e = ::GetLastError();
    ::CloseHandle(h);
    if (!ok)
    {
        ::RemoveDirectoryW(link.c_str());
        ::SetLastError(e);
    }
    return ok != 0;
}

} // namespace

BOOST_AUTO_TEST_CASE(tree_with_read_only_files_and_directories_is_removed)
{
    fs::path p;
    {
        tf::temp_dir<> d;
        p = d.path();
        make_tree(p);
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(remove_reports_success_and_is_idempotent)
{
    tf::temp_dir<> d;
    const fs::path p = d.path();
    make_tree(p);
    boost::system::error_code ec;
    d.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!present(p));
    d.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!d.owns_directory());
}

BOOST_AUTO_TEST_CASE(a_file_held_open_by_someone_else_is_reported_and_the_rest_removed)
{
    tf::temp_dir<> d;
    const fs::path p = d.path();
    write_file(p / "busy.txt", "busy");
    write_file(p / "free.txt", "free");
    HANDLE busy = ::CreateFileW((p / "busy.txt").c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING, 0,
                                nullptr);
    BOOST_TEST_REQUIRE(busy != INVALID_HANDLE_VALUE);
    boost::system::error_code ec;
    d.remove(ec);
    BOOST_TEST(ec);
    BOOST_TEST_MESSAGE("removal with a busy file: " << ec.message());
    BOOST_TEST(!present(p / "free.txt"));
    ::CloseHandle(busy);
    fs::remove_all(p);
}

BOOST_AUTO_TEST_CASE(link_inside_the_tree_is_removed_and_its_target_untouched)
{
    scratch_dir outside;
    write_file(outside.path / "precious.txt", "keep me");
    fs::create_directory(outside.path / "sub");
    write_file(outside.path / "sub" / "also.txt", "keep me too");
    fs::path p;
    std::string how;
    {
        tf::temp_dir<> d;
        p = d.path();
        write_file(p / "mine.txt", "mine");
        const fs::path link = p / "link";
        if (make_junction(link, outside.path))
            how = "junction";
        else
        {
            BOOST_TEST_MESSAGE("junction refused: error " << ::GetLastError());
            // wine 8 returns success from CreateSymbolicLinkW but makes nothing.
            if (::CreateSymbolicLinkW(link.c_str(), outside.path.c_str(),
                                      SYMBOLIC_LINK_FLAG_DIRECTORY | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE) &&
                present(link))
                how = "directory symbolic link";
            else
                BOOST_TEST_MESSAGE("directory symbolic link not made: error " << ::GetLastError());
        }
        if (how.empty())
        {
            BOOST_TEST_MESSAGE("NOT TESTED here: no junction or symbolic link can be made (wine 8); see "
                               "planted_unix_symlink_is_removed_and_not_followed");
            return;
        }
        BOOST_TEST_MESSAGE("link made as: " << how);
        BOOST_TEST((::GetFileAttributesW(link.c_str()) & FILE_ATTRIBUTE_REPARSE_POINT) != 0u);
        BOOST_TEST(present(link / "precious.txt")); // it leads out of the tree
    }
    BOOST_TEST(!present(p));
    BOOST_TEST(read_file(outside.path / "precious.txt") == "keep me");
    BOOST_TEST(read_file(outside.path / "sub" / "also.txt") == "keep me too");
}

// Under wine, tools/windows-test.sh plants a directory holding two Unix
// symlinks -- one to a directory outside with contents, one to an empty
// directory outside -- (wine lists them as directory reparse points) and a
// plain file. (Not a Unix symlink to a file: wine 8 shows that as a plain
// file and DeleteFileW on it deletes the target -- see doc/platforms.adoc.)
// The walk temp_dir uses must never enter a link nor remove what it points
// to. (Moving a link into a temp_dir is no way to test this through the
// public API: wine's MoveFileExW moves the symlink's target, not the link.)
BOOST_AUTO_TEST_CASE(planted_unix_symlink_is_removed_and_not_followed)
{
    const std::wstring planted = env(L"TEMPFILE_TEST_PLANTED_DIR");
    const std::wstring target = env(L"TEMPFILE_TEST_PLANTED_TARGET");
    const std::wstring empty_target = env(L"TEMPFILE_TEST_PLANTED_EMPTY_TARGET");
    if (planted.empty() || target.empty() || empty_target.empty())
    {
        BOOST_TEST_MESSAGE("NOT TESTED: TEMPFILE_TEST_PLANTED_DIR / _TARGET / _EMPTY_TARGET not set "
                           "(tools/windows-test.sh sets them)");
        return;
    }
    const fs::path dir(planted), outside(target), empty_outside(empty_target);
    BOOST_TEST_REQUIRE(present(outside / "keep.txt"));
    BOOST_TEST_REQUIRE(present(empty_outside));
    BOOST_TEST((::GetFileAttributesW((dir / "link").c_str()) & FILE_ATTRIBUTE_REPARSE_POINT) != 0u);
    BOOST_TEST((::GetFileAttributesW((dir / "link-to-empty").c_str()) & FILE_ATTRIBUTE_REPARSE_POINT) != 0u);
    // The walk temp_dir runs, on the planted directory itself: it is removed
    // with what it holds, if the links can be removed without following them.
    tf::detail::file_identity id;
    int err = 0;
    BOOST_TEST_REQUIRE(tf::detail::identify_name(tf::windows_platform{}, dir.c_str(), id, err));
    const tf::detail::removal_result result =
        tf::detail::remove_directory< tf::windows_platform >(dir, id, INVALID_HANDLE_VALUE, true);
    // Never followed: everything outside is still there, the empty directory too.
    BOOST_TEST(read_file(outside / "keep.txt") == "keep me");
    BOOST_TEST(present(outside / "sub" / "also.txt"));
    BOOST_TEST(present(empty_outside), "the empty directory a link points to was removed instead of the link");
    BOOST_TEST(!present(dir / "file.txt"));
    if (!result.error)
        BOOST_TEST(!present(dir));
    else
    {
        // wine 8 resolves a Unix symlink to a directory when it is opened, even
        // with FILE_FLAG_OPEN_REPARSE_POINT: no handle on the link itself can be
        // had, so the links are reported (ERROR_NOT_A_REPARSE_POINT) and left in
        // place, their targets untouched.
        BOOST_TEST_MESSAGE("links left in place: " << result.error.message() << " at " << result.where.string());
        BOOST_TEST(under_wine());
        BOOST_TEST(result.error.value() == ERROR_NOT_A_REPARSE_POINT);
        BOOST_TEST((result.where == dir / "link" || result.where == dir / "link-to-empty"));
        BOOST_TEST(names_in(dir).size() == 2u);
    }
}

BOOST_AUTO_TEST_CASE(keep_policy_release_and_keep_member)
{
    fs::path a_path, b_path, c_path;
    {
        tf::temp_dir< tf::keep > a;
        a_path = a.path();
        tf::temp_dir<> b;
        b_path = b.path();
        b.keep();
        tf::temp_dir<> c;
        c_path = c.release();
        BOOST_TEST(c.path().empty());
        BOOST_TEST(c.native_handle() == INVALID_HANDLE_VALUE);
    }
    BOOST_TEST(present(a_path));
    BOOST_TEST(present(b_path));
    BOOST_TEST(present(c_path));
    fs::remove(a_path);
    fs::remove(b_path);
    fs::remove(c_path);
}

BOOST_AUTO_TEST_CASE(non_ascii_prefix_and_contents)
{
    fs::path p;
    {
        tf::temp_dir<> d(tf::options().prefix(u8"\u00fcn\u00ef_\u6587_"));
        p = d.path();
        BOOST_TEST((p.filename().native().substr(0, 6) == L"\u00fcn\u00ef_\u6587_"));
        fs::create_directory(p / fs::path(L"\u00e9t\u00e9"));
        write_file(p / fs::path(L"\u00e9t\u00e9") / fs::path(L"\u0444\u0430\u0439\u043b.txt"), "x");
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(directory_dacl_is_owner_only_and_inherited_inside)
{
    tf::temp_dir<> d;
    const std::wstring sddl = dacl_sddl(d.path());
    const std::wstring sid = current_user_sid();
    BOOST_TEST_MESSAGE("DACL: " << narrow(sddl));
    if (!under_wine())
        BOOST_TEST((sddl == L"D:P(A;OICI;FA;;;" + sid + L")"));
    else
    {
        BOOST_TEST((sddl.find(sid) != std::wstring::npos));
        BOOST_TEST((sddl.find(L";;;WD)") == std::wstring::npos));
    }
}

BOOST_AUTO_TEST_CASE(error_code_and_throwing_forms)
{
    scratch_dir scratch;
    boost::system::error_code ec;
    tf::temp_dir<> a(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory);
    BOOST_TEST(a.path().empty());
    tf::temp_dir<> b(tf::options().suffix("x/y"), ec);
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_CHECK_THROW(tf::temp_dir<>(tf::options().dir(scratch.path / "missing")), fs::filesystem_error);
}
