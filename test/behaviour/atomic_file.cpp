// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// atomic_file on every backend: what commit publishes, what cancel and
// destruction leave, no_clobber, a missing directory, moves, a failed write.
// POSIX-only behaviour (modes, the umask, fsync counts, renameat2 and its
// fallback, symlinks at the target, fork, crashes at every step) is in
// test/run/atomic_file*.cpp; the Windows-only (read-only attribute, DACLs,
// sharing, the pinned directory) in test/windows/atomic_file.cpp.

#define BOOST_TEST_MODULE behaviour_atomic_file
#include <boost/tempfile.hpp>
#include <boost/tempfile/atomic_file.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

using faulty_platform = tf::fault_injecting_platform< tf::native_platform >;
template< typename Mode = tf::copy_target_mode, typename Durability = tf::full_sync >
using faulty_file = tf::basic_atomic_file< Mode, Durability, tf::random_name<>, faulty_platform >;

//! Content that takes several buffer flushes to write.
std::string big_content(std::size_t n, char seed)
{
    std::string s(n, ' ');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast< char >('a' + (static_cast< std::size_t >(seed) + i * 7) % 26);
    return s;
}

} // namespace

BOOST_AUTO_TEST_CASE(atomic_file_is_move_only_and_never_throws_from_moves_or_destruction)
{
    static_assert(!std::is_copy_constructible< tf::atomic_file >::value, "copyable");
    static_assert(!std::is_copy_assignable< tf::atomic_file >::value, "copy-assignable");
    static_assert(std::is_nothrow_move_constructible< tf::atomic_file >::value, "move may throw");
    static_assert(std::is_nothrow_move_assignable< tf::atomic_file >::value, "move assignment may throw");
    static_assert(std::is_nothrow_destructible< tf::atomic_file >::value, "destructor may throw");
    static_assert(std::is_same< tf::atomic_file, tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync,
                                                                        tf::random_name<>, tf::native_platform > >::value,
                  "atomic_file is not the default basic_atomic_file");
    BOOST_TEST(sizeof(tf::atomic_file) > 0u);
}

BOOST_AUTO_TEST_CASE(commit_with_error_code_clears_it_on_success)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "t";
    boost::system::error_code ec = make_error_code(boost::system::errc::io_error);
    tf::atomic_file f(target, ec);
    BOOST_TEST(!ec);
    ec = make_error_code(boost::system::errc::io_error);
    f.stream() << "v";
    f.commit(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(read_file(target) == "v");
}

BOOST_AUTO_TEST_CASE(large_content_written_in_many_pieces_is_committed_whole)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "big";
    write_file(target, "old");
    const std::string content = big_content(3 * 1024 * 1024 + 17, 'q');
    tf::atomic_file f(target);
    for (std::size_t i = 0; i < content.size(); i += 1000)
        f.stream() << content.substr(i, 1000);
    f.commit();
    BOOST_TEST((read_file(target) == content));
}

BOOST_AUTO_TEST_CASE(stream_and_raw_descriptor_writes_land_in_order)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "mixed";
    tf::atomic_file f(target);
    f.stream() << "one,";
    const handle fd = f.native_handle();
    BOOST_TEST_REQUIRE(write_handle(fd, "two,"));
    f.stream() << "three";
    f.commit();
    BOOST_TEST(read_file(target) == "one,two,three");
    BOOST_TEST(f.native_handle() == no_handle());
}

BOOST_AUTO_TEST_CASE(content_can_be_read_back_through_the_stream_before_commit)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "rw";
    tf::atomic_file f(target);
    f.stream() << "line 1\nline 2\n";
    f.stream().seekg(0);
    std::string line;
    std::getline(f.stream(), line);
    BOOST_TEST(line == "line 1");
    f.stream().seekp(0, std::ios::end);
    f.stream() << "line 3\n";
    f.commit();
    BOOST_TEST(read_file(target) == "line 1\nline 2\nline 3\n");
}

BOOST_AUTO_TEST_CASE(relative_target_is_resolved_against_the_current_directory_at_construction)
{
    case_dir dir;
    handle_leak_check leaks;
    fs::create_directory(dir.path / "sub");
    const fs::path old_cwd = fs::current_path();
    fs::current_path(dir.path);
    tf::atomic_file f("sub/rel.txt");
    fs::current_path(old_cwd);
    BOOST_TEST(f.target_path() == dir.path / "sub" / "rel.txt");
    BOOST_TEST(f.target_path().is_absolute());
    f.stream() << "rel";
    f.commit();
    BOOST_TEST(read_file(dir.path / "sub" / "rel.txt") == "rel");
}

BOOST_AUTO_TEST_CASE(no_sync_makes_no_fsync)
{
    case_dir dir;
    handle_leak_check leaks;
    fault_scope faults;
    faulty_file< tf::copy_target_mode, tf::no_sync > f(dir.path / "fast");
    f.stream() << "x";
    f.commit();
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::sync) == 0u);
    BOOST_TEST(read_file(dir.path / "fast") == "x");
}

BOOST_AUTO_TEST_CASE(cancel_removes_the_temp_and_leaves_the_target_untouched)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "keep.txt";
    write_file(target, "precious");
    const entry_state before = state_of(target);
    tf::atomic_file f(target);
    const fs::path temp = f.temp_path();
    f.stream() << "discarded";
    f.cancel();
    BOOST_TEST(!f.is_open());
    BOOST_TEST(!f.committed());
    BOOST_TEST(!fs::exists(temp));
    BOOST_TEST(f.temp_path().empty());
    BOOST_TEST(read_file(target) == "precious");
    BOOST_TEST(state_of(target) == before);
    BOOST_TEST(leftovers(dir.path, {"keep.txt"}) == "");
    boost::system::error_code ec;
    f.cancel(ec); // twice: the object no longer owns a temporary file
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
    BOOST_TEST(read_file(target) == "precious");
}

BOOST_AUTO_TEST_CASE(destruction_without_commit_leaves_target_untouched_and_no_temp)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "existing";
    write_file(target, "old");
    fs::path temp;
    {
        tf::atomic_file f(target);
        temp = f.temp_path();
        f.stream() << std::string(100000, 'z');
        BOOST_TEST(fs::exists(temp));
    }
    BOOST_TEST(!fs::exists(temp));
    BOOST_TEST(read_file(target) == "old");
    {
        tf::atomic_file f(dir.path / "never");
        f.stream() << "y";
    }
    BOOST_TEST(!fs::exists(dir.path / "never"));
    BOOST_TEST(leftovers(dir.path, {"existing"}) == "");
}

BOOST_AUTO_TEST_CASE(exception_before_commit_leaves_target_untouched)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "config";
    write_file(target, "a=1\n");
    try
    {
        tf::atomic_file f(target);
        f.stream() << "a=";
        throw std::runtime_error("the new value could not be computed");
    }
    catch (const std::runtime_error&)
    {
    }
    BOOST_TEST(read_file(target) == "a=1\n");
    BOOST_TEST(leftovers(dir.path, {"config"}) == "");
}

BOOST_AUTO_TEST_CASE(no_clobber_commit_fails_with_eexist_when_target_exists)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "exists";
    write_file(target, "first");
    {
        tf::atomic_file f(target);
        const fs::path temp = f.temp_path();
        f.stream() << "second";
        boost::system::error_code ec;
        f.commit(tf::no_clobber, ec);
        BOOST_TEST(ec == boost::system::errc::file_exists);
        BOOST_TEST(!f.committed());
        BOOST_TEST(!f.is_open());
        BOOST_TEST(!fs::exists(temp));
    }
    BOOST_TEST(read_file(target) == "first");
    BOOST_TEST(leftovers(dir.path, {"exists"}) == "");
    // The throwing form names the target, then the temporary file.
    tf::atomic_file g(target);
    const fs::path temp = g.temp_path();
    try
    {
        g.commit(tf::no_clobber);
        BOOST_ERROR("commit(no_clobber) replaced an existing target");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::file_exists);
        BOOST_TEST(e.path1() == target);
        BOOST_TEST(e.path2() == temp);
        BOOST_TEST(std::string(e.what()).find("already exists") != std::string::npos, e.what());
    }
    BOOST_TEST(read_file(target) == "first");
    BOOST_TEST(leftovers(dir.path, {"exists"}) == "");
}

BOOST_AUTO_TEST_CASE(no_clobber_commit_creates_a_missing_target)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "fresh";
    tf::atomic_file f(target);
    f.stream() << "made";
    f.commit(tf::no_clobber);
    BOOST_TEST(f.committed());
    BOOST_TEST(read_file(target) == "made");
    BOOST_TEST(leftovers(dir.path, {"fresh"}) == "");
    // The constructor's option and a plain commit, the same.
    const fs::path other = dir.path / "fresh too";
    {
        tf::atomic_file g(other, tf::no_clobber);
        BOOST_TEST(!g.replaces_existing());
        g.stream() << "made too";
        g.commit();
        BOOST_TEST(g.committed());
    }
    BOOST_TEST(read_file(other) == "made too");
    BOOST_TEST(leftovers(dir.path, {"fresh", "fresh too"}) == "");
}

BOOST_AUTO_TEST_CASE(no_clobber_constructor_option_makes_plain_commit_refuse_to_replace)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "opt";
    tf::atomic_file f(target, tf::no_clobber);
    BOOST_TEST(!f.replaces_existing());
    write_file(target, "someone else was first"); // appears while we write
    f.stream() << "ours";
    boost::system::error_code ec;
    f.commit(ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(!f.committed());
    BOOST_TEST(f.temp_path().empty());
    BOOST_TEST(read_file(target) == "someone else was first");
    BOOST_TEST(leftovers(dir.path, {"opt"}) == "");
}

BOOST_AUTO_TEST_CASE(missing_directory_is_reported_naming_the_target)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "no" / "such" / "file";
    try
    {
        tf::atomic_file f(target);
        BOOST_ERROR("created in a missing directory");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::no_such_file_or_directory);
        BOOST_TEST(e.path1() == target);
        BOOST_TEST(e.path2() == target.parent_path());
        BOOST_TEST(std::string(e.what()).find("directory") != std::string::npos, e.what());
    }
    boost::system::error_code ec;
    tf::atomic_file f(target, ec);
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(f.temp_path().empty());
    f.cancel(ec); // an empty object owns nothing to cancel
    BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
}

BOOST_AUTO_TEST_CASE(moved_object_commits_and_the_moved_from_one_is_empty)
{
    case_dir dir;
    handle_leak_check leaks;
    const fs::path target = dir.path / "mv";
    tf::atomic_file a(target);
    a.stream() << "moved ";
    tf::atomic_file b(std::move(a));
    BOOST_TEST(!a.is_open());
    BOOST_TEST(a.temp_path().empty());
    BOOST_TEST(b.is_open());
    b.stream() << "along";
    tf::atomic_file c(dir.path / "other");
    const fs::path other_temp = c.temp_path();
    c = std::move(b); // c's own pending file is dropped
    BOOST_TEST(!fs::exists(other_temp));
    BOOST_TEST(!fs::exists(dir.path / "other"));
    c.commit();
    BOOST_TEST(read_file(target) == "moved along");
    swap(a, c);
    BOOST_TEST(a.committed());
    BOOST_TEST(!c.committed());
    BOOST_TEST(leftovers(dir.path, {"mv"}) == "");
}

BOOST_AUTO_TEST_CASE(stream_write_failing_with_enospc_is_reported_by_commit)
{
    case_dir dir;
    handle_leak_check leaks;
    fault_scope faults;
    const fs::path target = dir.path / "full";
    write_file(target, "old");
    faulty_file<> f(target);
    tf::fault_injection::fail(tf::sys_call::write, disk_full, 1); // the second buffer flush
    const std::string content = big_content(50000, 'w');
    for (std::size_t i = 0; i < content.size(); i += 1000)
        f.stream() << content.substr(i, 1000);
    try
    {
        f.commit();
        BOOST_ERROR("commit succeeded after a failed write");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::no_space_on_device);
        BOOST_TEST(e.path1() == target);
        BOOST_TEST(std::string(e.what()).find("cannot write") != std::string::npos, e.what());
    }
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    BOOST_TEST(!f.is_open());
    BOOST_TEST((read_file(target) == "old"));
    BOOST_TEST(leftovers(dir.path, {"full"}) == "");
}
