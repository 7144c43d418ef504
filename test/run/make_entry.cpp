// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// make_entry on POSIX, with the entries users make it for: a Unix domain
// socket (bind: a bound name answers EADDRINUSE, and the next name is
// tried), a FIFO (mkfifo), a symlink; the entry owner removes the name
// without following it, and a forked child's copy removes nothing. What
// every backend shares is in test/behaviour/make_entry.cpp.

#define BOOST_TEST_MODULE make_entry
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;
using test_support::fd_leak_check;
using test_support::run_in_child;
using test_support::scratch_dir;

namespace {

error_code errno_error()
{
    return error_code(errno, boost::system::system_category());
}

//! Binds a listening Unix domain socket at p: its descriptor, or the invalid handle with ec.
tf::unique_handle bind_socket(const fs::path& p, error_code& ec)
{
    tf::unique_handle s(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!s)
    {
        ec = errno_error();
        return s;
    }
    ::sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (p.native().size() >= sizeof address.sun_path)
    {
        ec = boost::system::errc::make_error_code(boost::system::errc::filename_too_long);
        return tf::unique_handle();
    }
    std::memcpy(address.sun_path, p.c_str(), p.native().size() + 1);
    if (::bind(s.get(), reinterpret_cast< const ::sockaddr* >(&address), sizeof address) != 0 ||
        ::listen(s.get(), 4) != 0)
    {
        ec = errno_error();
        return tf::unique_handle();
    }
    return s;
}

bool is_socket(const fs::path& p)
{
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

//! Offers n1, n2, n3, ...
struct numbered
{
    static inline unsigned next = 0;
    void generate(const tf::options&, std::string& name) { name = "n" + std::to_string(++next); }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_unix_socket_is_bound_at_a_fresh_name_and_its_name_removed_after_the_socket_closes)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_entry<> e = tf::make_entry(bind_socket, tf::options().dir(scratch.path).prefix("sock-"));
        p = e.path();
        BOOST_TEST(is_socket(p));
        BOOST_TEST(e.has_handle());
        // It listens: a client connects through the name.
        tf::unique_handle client(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        ::sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, p.c_str(), p.native().size() + 1);
        BOOST_TEST(::connect(client.get(), reinterpret_cast< const ::sockaddr* >(&address), sizeof address) == 0);
    }
    BOOST_TEST(!fs::exists(fs::symlink_status(p)));
}

BOOST_AUTO_TEST_CASE(a_name_where_a_socket_is_bound_is_taken_and_the_next_one_tried)
{
    scratch_dir scratch;
    error_code ec;
    tf::unique_handle theirs = bind_socket(scratch.path / "n1", ec);
    BOOST_TEST_REQUIRE(!ec);
    numbered::next = 0;
    unsigned calls = 0;
    tf::basic_temp_entry< tf::delete_on_close, numbered > e(
        [&calls](const fs::path& p, error_code& c) {
            ++calls;
            return bind_socket(p, c);
        },
        tf::options().dir(scratch.path));
    BOOST_TEST(calls == 2u);
    BOOST_TEST(e.path() == scratch.path / "n2");
    BOOST_TEST(is_socket(scratch.path / "n1"));
}

BOOST_AUTO_TEST_CASE(a_fifo_is_made_at_a_fresh_name_and_removed)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_entry<> e = tf::make_entry(
            [](const fs::path& candidate, error_code& ec) {
                if (::mkfifo(candidate.c_str(), 0600) == 0)
                    return true;
                ec = errno_error();
                return false;
            },
            tf::options().dir(scratch.path).suffix(".fifo"));
        p = e.path();
        struct stat st;
        BOOST_TEST_REQUIRE(::lstat(p.c_str(), &st) == 0);
        BOOST_TEST(S_ISFIFO(st.st_mode));
        BOOST_TEST((st.st_mode & 0777) == 0600u);
    }
    BOOST_TEST(!fs::exists(fs::symlink_status(p)));
}

BOOST_AUTO_TEST_CASE(a_symlink_entry_is_removed_itself_never_its_target)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "target";
    portable::write_file(target, "keep me");
    {
        tf::temp_entry<> e = tf::make_entry(
            [&target](const fs::path& candidate, error_code& ec) {
                if (::symlink(target.c_str(), candidate.c_str()) == 0)
                    return true;
                ec = errno_error();
                return false;
            },
            tf::options().dir(scratch.path));
        BOOST_TEST(fs::is_symlink(fs::symlink_status(e.path())));
        BOOST_TEST(!e.is_directory());
    }
    BOOST_TEST(portable::read_file(target) == "keep me");
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(a_forked_childs_copy_removes_nothing_and_refuses_to_hand_over)
{
    scratch_dir scratch;
    tf::temp_entry<> e = tf::make_entry(bind_socket, tf::options().dir(scratch.path));
    const fs::path p = e.path();
    const int status = run_in_child([&e, &p]() {
        error_code ec;
        e.remove(ec);
        if (ec != boost::system::errc::operation_not_permitted)
            return 1;
        e.persist(p.parent_path() / "moved", ec);
        if (ec != boost::system::errc::operation_not_permitted)
            return 2;
        (void)e.release(ec);
        if (ec != boost::system::errc::operation_not_permitted)
            return 3;
        e.close(ec); // closes the child's descriptor only
        if (ec || !fs::exists(fs::symlink_status(p)))
            return 4;
        { tf::temp_entry<> gone = std::move(e); } // its destructor removes nothing either
        return fs::exists(fs::symlink_status(p)) ? 0 : 5;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(is_socket(p));
    e.remove();
    BOOST_TEST(!fs::exists(fs::symlink_status(p)));
}

BOOST_AUTO_TEST_CASE(an_entry_whose_name_was_moved_and_replaced_is_left_alone)
{
    scratch_dir scratch;
    fs::path p;
    {
        tf::temp_entry<> e = tf::make_entry(
            [](const fs::path& candidate, error_code& ec) {
                if (::mkfifo(candidate.c_str(), 0600) == 0)
                    return true;
                ec = errno_error();
                return false;
            },
            tf::options().dir(scratch.path));
        p = e.path();
        // Removed, not moved aside: the O_PATH reference keeps the inode
        // number from passing to the impostor.
        BOOST_TEST_REQUIRE(::unlink(p.c_str()) == 0);
        portable::write_file(p, "impostor");
        error_code ec;
        e.remove(ec);
        BOOST_TEST(ec == error_code(ESTALE, boost::system::system_category()));
    }
    BOOST_TEST(portable::read_file(p) == "impostor");
}
