// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// named_temp_file::reopen() on every backend: a new handle on the same file,
// owned by the caller; refused when the name now means another entry, is
// gone, or was never the object's to reopen; the identity recorded at
// close() travels with the object. POSIX-only (flags, symlinks and hard
// links at the name, a reused inode) is in test/run/reopen.cpp and
// test/run/file_defects.cpp.

#define BOOST_TEST_MODULE behaviour_reopen
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

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

//! Moves the file at p away and puts a new file (other content) at p.
fs::path replace_with_another_file(const fs::path& p)
{
    const fs::path moved = p.string() + ".moved";
    fs::rename(p, moved);
    write_file(p, "an impostor");
    return moved;
}

} // namespace

BOOST_AUTO_TEST_CASE(reopen_gives_a_new_descriptor_on_the_same_file)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    owned_handle again(f.reopen());
    BOOST_TEST_REQUIRE(again.fd != no_handle());
    BOOST_TEST(again.fd != f.native_handle());
    BOOST_TEST(same_file(again.fd, f.native_handle()));
    f.stream() << "again";
    f.native_handle();
    BOOST_TEST(read_handle(again.fd, 8) == "again");
}

BOOST_AUTO_TEST_CASE(reopened_descriptor_has_its_own_offset)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    const handle fd = f.native_handle();
    BOOST_TEST_REQUIRE(write_handle(fd, "hello, world"));
    owned_handle again(f.reopen());
    BOOST_TEST_REQUIRE(again.fd != no_handle());
    BOOST_TEST(handle_offset(again.fd) == 0);
    BOOST_TEST(read_handle(again.fd, 5) == "hello");
    BOOST_TEST(handle_offset(fd) == 12); // the owner's offset did not move
    BOOST_TEST(handle_offset(again.fd) == 5);
}

BOOST_AUTO_TEST_CASE(reopen_fails_with_estale_when_the_name_means_another_file)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file< tf::keep > f(in(scratch.path));
    const fs::path p = f.path();
    const fs::path moved = replace_with_another_file(p);
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == no_handle());
    BOOST_TEST(ec == system_error(name_means_another_entry));
    try
    {
        const handle fd = f.reopen();
        close_handle(fd);
        BOOST_ERROR("reopen of a replaced name did not throw");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == system_error(name_means_another_entry));
        BOOST_TEST(e.path1() == p);
        BOOST_TEST(std::string(e.what()).find("another file") != std::string::npos, e.what());
    }
    BOOST_TEST(read_file(p) == "an impostor");
    BOOST_TEST(handle_is(f.native_handle(), moved));
}

BOOST_AUTO_TEST_CASE(reopen_fails_when_a_directory_took_the_name)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file< tf::keep > f(in(scratch.path));
    const fs::path p = f.path();
    fs::rename(p, p.string() + ".moved");
    fs::create_directory(p);
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == no_handle());
    BOOST_TEST(ec);
}

BOOST_AUTO_TEST_CASE(reopen_after_close_of_a_delete_on_destroy_file_uses_the_recorded_identity)
{
    case_dir scratch;
    handle_leak_check leaks;
    fs::path p;
    {
        tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
        p = f.path();
        f.stream() << "written before close";
        f.close();
        BOOST_TEST(!f.is_open());
        owned_handle again(f.reopen());
        BOOST_TEST_REQUIRE(again.fd != no_handle());
        BOOST_TEST(handle_is(again.fd, p));
        BOOST_TEST(handle_contents(again.fd) == "written before close");
    }
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(reopen_after_close_detects_a_replaced_name)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    f.close();
    const fs::path p = f.path();
    replace_with_another_file(p);
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == no_handle());
    BOOST_TEST(ec == system_error(name_means_another_entry));
}

BOOST_AUTO_TEST_CASE(reopen_after_close_detects_a_removed_name)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    f.close();
    BOOST_TEST_REQUIRE(remove_file(f.path()));
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == no_handle());
    BOOST_TEST(ec == boost::system::errc::no_such_file_or_directory);
}

BOOST_AUTO_TEST_CASE(recorded_identity_moves_with_the_owner)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    f.close();
    tf::named_temp_file< tf::delete_on_destroy > g(std::move(f));
    owned_handle again(g.reopen());
    BOOST_TEST(again.fd != no_handle());
    BOOST_TEST(handle_is(again.fd, g.path()));
    tf::named_temp_file< tf::delete_on_destroy > h(in(scratch.path));
    h = std::move(g);
    replace_with_another_file(h.path());
    boost::system::error_code ec;
    BOOST_TEST(h.reopen(ec) == no_handle());
    BOOST_TEST(ec == system_error(name_means_another_entry));
}

BOOST_AUTO_TEST_CASE(reopen_after_release_fails)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    tf::created_file made = f.release();
    boost::system::error_code ec;
    BOOST_TEST(f.reopen(ec) == no_handle());
    BOOST_TEST(ec);
    close_handle(made.handle);
    fs::remove(made.path);
}

BOOST_AUTO_TEST_CASE(reopen_after_persist_opens_the_new_name)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    const fs::path target = scratch.path / "final";
    f.persist(target);
    owned_handle again(f.reopen());
    BOOST_TEST_REQUIRE(again.fd != no_handle());
    BOOST_TEST(handle_is(again.fd, target));
    f.close();
    owned_handle after_close(f.reopen());
    BOOST_TEST(handle_is(after_close.fd, target));
}

BOOST_AUTO_TEST_CASE(error_code_form_clears_a_stale_error_on_success)
{
    case_dir scratch;
    handle_leak_check leaks;
    tf::named_temp_file<> f(in(scratch.path));
    boost::system::error_code ec = make_error_code(boost::system::errc::io_error);
    owned_handle again(f.reopen(ec));
    BOOST_TEST(again.fd != no_handle());
    BOOST_TEST(!ec);
}
