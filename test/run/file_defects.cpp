// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The file owners' defects of issue 11, each attacked as it was found:
// publishing or handing over a file whose stream could not write out (a full
// file system), a forked child writing its parent's buffered bytes a second
// time or publishing what it did not create, reopen() fooled by an inode
// number the file system gave to another file, error_code forms that throw
// when the current directory is gone, a failed removal that gives up the
// name, and messages that blame the wrong thing.

#define BOOST_TEST_MODULE file_defects
#include <boost/tempfile.hpp>
#include <boost/tempfile/fault_injection.hpp>

#include "checked_child.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;
using test_support::child_checks;
using test_support::child_skipped;
using test_support::fd_leak_check;
using test_support::run_checked_in_child;
using test_support::scratch_dir;
using test_support::fault_scope;
using test_support::handle_contents;
using test_support::present;
using test_support::read_file;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;
using faulty_named = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty >;
using faulty_kept = tf::basic_named_temp_file< tf::delete_on_destroy, tf::random_name<>, tf::owner_only, faulty >;
using faulty_anonymous = tf::basic_temp_file< tf::random_name<>, tf::owner_only, faulty >;

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

bool mentions(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}

const char* const forked_message = "belongs to the process that created it (this is a forked child)";

//! Runs `call`, which must throw filesystem_error; returns it (a default one,
//! with the test failed, if nothing was thrown).
template< typename Call >
fs::filesystem_error thrown_by(Call call)
{
    try
    {
        call();
    }
    catch (const fs::filesystem_error& e)
    {
        return e;
    }
    BOOST_ERROR("no filesystem_error thrown");
    return fs::filesystem_error("nothing thrown", error_code());
}

//! In a child: a private mount namespace with a 64 KiB tmpfs at `where`.
bool small_tmpfs(const fs::path& where, std::string& why)
{
    if (::unshare(CLONE_NEWNS) != 0)
    {
        why = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
        return false;
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    {
        why = std::string("making / private: ") + std::strerror(errno);
        return false;
    }
    if (::mount("tmpfs", where.c_str(), "tmpfs", 0, "size=64k,mode=0700") != 0)
    {
        why = std::string("mounting a tmpfs: ") + std::strerror(errno);
        return false;
    }
    return true;
}

//! Fills the file system holding `dir` with one file; true once a write
//! failed with ENOSPC.
bool fill(const fs::path& dir)
{
    const fs::path filler = dir / "filler";
    const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const std::string block(4096, 'f');
    bool full = false;
    for (int i = 0; i < 1000 && !full; ++i)
        if (::write(fd, block.data(), block.size()) < 0)
            full = errno == ENOSPC;
    ::close(fd);
    return full;
}

} // namespace

// ---- item 2: a stream that cannot write out is never published or handed over ----------

BOOST_AUTO_TEST_SUITE(write_out_failures)

BOOST_AUTO_TEST_CASE(persist_on_a_full_file_system_publishes_nothing_and_keeps_the_temporary)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path mnt = scratch.path / "mnt";
    fs::create_directory(mnt);
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!small_tmpfs(mnt, why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        const std::string payload(4000, 'p'); // fits the stream's buffer: nothing written yet
        {
            tf::named_temp_file< tf::delete_on_destroy > f(in(mnt));
            f.stream() << payload;
            CHILD_CHECK(check, fill(mnt));
            const fs::path target = mnt / "published";
            error_code ec;
            f.persist(target, ec);
            CHILD_CHECK(check, ec.value() == ENOSPC);
            CHILD_CHECK(check, !present(target));
            CHILD_CHECK(check, present(f.path()));
            CHILD_CHECK(check, f.owns_name());
            CHILD_CHECK(check, f.path().parent_path() == mnt);
            CHILD_CHECK(check, f.stream().bad());
            // Space again: the bytes the stream dropped are still missing,
            // so the file is still not published.
            ::unlink((mnt / "filler").c_str());
            f.persist(target, ec);
            CHILD_CHECK(check, ec.value() == ENOSPC);
            CHILD_CHECK(check, !present(target));
            const fs::filesystem_error e = thrown_by([&] { f.persist(target, tf::no_clobber); });
            CHILD_CHECK(check, e.code().value() == ENOSPC);
            CHILD_CHECK(check, mentions(e.what(), "cannot write out what the stream buffers"));
            CHILD_CHECK(check, e.path1() == f.path());
            CHILD_CHECK(check, e.path2() == target);
            CHILD_CHECK(check, !present(target));
        }
        CHILD_CHECK(check, fs::is_empty(mnt)); // the owner still removed its temporary
        return 0;
    });
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(anonymous_persist_on_a_full_file_system_names_nothing)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path mnt = scratch.path / "mnt";
    fs::create_directory(mnt);
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!small_tmpfs(mnt, why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        tf::temp_file t(in(mnt));
        CHILD_CHECK(check, t.linkable());
        t.stream() << std::string(4000, 'p');
        CHILD_CHECK(check, fill(mnt));
        error_code ec;
        t.persist(mnt / "published", ec);
        CHILD_CHECK(check, ec.value() == ENOSPC);
        t.persist(mnt / "clobber-free", tf::no_clobber, ec);
        CHILD_CHECK(check, ec.value() == ENOSPC);
        CHILD_CHECK(check, !present(mnt / "published"));
        CHILD_CHECK(check, !present(mnt / "clobber-free"));
        ::unlink((mnt / "filler").c_str());
        CHILD_CHECK(check, fs::is_empty(mnt)); // no staged link either
        return 0;
    });
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(release_on_a_full_file_system_reports_and_hands_nothing_over)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path mnt = scratch.path / "mnt";
    fs::create_directory(mnt);
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::string why;
        if (!small_tmpfs(mnt, why))
        {
            check(false, why, __LINE__);
            return child_skipped;
        }
        {
            tf::named_temp_file<> f(in(mnt));
            const fs::path p = f.path();
            f.stream() << std::string(4000, 'p');
            CHILD_CHECK(check, fill(mnt));
            const fs::filesystem_error e = thrown_by([&] { (void)f.release(); });
            CHILD_CHECK(check, e.code().value() == ENOSPC);
            CHILD_CHECK(check, mentions(e.what(), "not handed over"));
            CHILD_CHECK(check, e.path1() == p);
            CHILD_CHECK(check, f.is_open());
            CHILD_CHECK(check, f.owns_name());
            CHILD_CHECK(check, f.path() == p);
        }
        {
            tf::temp_file t(in(mnt));
            t.stream() << std::string(4000, 'p');
            const fs::filesystem_error e = thrown_by([&] { (void)t.release(); });
            CHILD_CHECK(check, e.code().value() == ENOSPC);
            CHILD_CHECK(check, t.is_open());
        }
        ::unlink((mnt / "filler").c_str());
        CHILD_CHECK(check, fs::is_empty(mnt));
        return 0;
    });
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(injected_enospc_makes_persist_fail_and_changes_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_kept f(in(scratch.path));
    const fs::path p = f.path();
    const fs::path target = scratch.path / "published";
    f.stream() << "never reaches the disk";
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    const fs::filesystem_error e = thrown_by([&] { f.persist(target); });
    BOOST_TEST(e.code().value() == ENOSPC);
    BOOST_TEST(mentions(e.what(), "nothing published"), e.what());
    BOOST_TEST(e.path1() == p);
    BOOST_TEST(e.path2() == target);
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    BOOST_TEST(!present(target));
    BOOST_TEST(present(p));
    BOOST_TEST(f.owns_name());
    BOOST_TEST(f.path() == p);
    BOOST_TEST(f.stream().bad());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::rename) == 0u);
}

BOOST_AUTO_TEST_CASE(injected_enospc_makes_release_fail_and_the_object_keep_the_file)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    fs::path p;
    {
        faulty_named f(in(scratch.path));
        p = f.path();
        f.stream() << "never reaches the disk";
        tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
        const fs::filesystem_error e = thrown_by([&] { (void)f.release(); });
        BOOST_TEST(e.code().value() == ENOSPC);
        BOOST_TEST(e.path1() == p);
        BOOST_TEST(f.is_open());
        BOOST_TEST(f.owns_name());
        BOOST_TEST(f.stream().bad());
        // The data is gone: a second release refuses too.
        error_code ec;
        const tf::created_file none = f.release(ec);
        BOOST_TEST(ec.value() == ENOSPC);
        BOOST_TEST(none.handle == -1);
        BOOST_TEST(none.path.empty());
        BOOST_TEST(f.is_open());
    }
    BOOST_TEST(!present(p)); // still the object's to remove
}

BOOST_AUTO_TEST_CASE(injected_enospc_makes_anonymous_persist_and_release_fail)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_anonymous t(in(scratch.path));
    BOOST_TEST_REQUIRE(t.linkable());
    t.stream() << "never reaches the disk";
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    error_code ec;
    t.persist(scratch.path / "published", ec);
    BOOST_TEST(ec.value() == ENOSPC);
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::link) == 0u);
    BOOST_TEST(scratch.entries() == 0u);
    const fs::filesystem_error e = thrown_by([&] { (void)t.release(); });
    BOOST_TEST(e.code().value() == ENOSPC);
    BOOST_TEST(t.is_open());
    BOOST_TEST(t.release(ec) == -1);
    BOOST_TEST(ec.value() == ENOSPC);
}

BOOST_AUTO_TEST_CASE(native_handle_reports_a_failed_write_out)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(in(scratch.path));
    f.stream() << "buffered";
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    const fs::filesystem_error e = thrown_by([&] { f.native_handle(); });
    BOOST_TEST(e.code().value() == ENOSPC);
    BOOST_TEST(mentions(e.what(), "native_handle: cannot write out what the stream buffers"), e.what());
    BOOST_TEST(e.path1() == f.path());
    BOOST_TEST(f.stream().bad());
    // Reported once: the stream holds nothing more, the descriptor is given.
    BOOST_TEST(f.native_handle() >= 0);

    faulty_anonymous t(in(scratch.path));
    t.stream() << "buffered";
    tf::fault_injection::fail(tf::sys_call::write, ENOSPC);
    const fs::filesystem_error et = thrown_by([&] { t.native_handle(); });
    BOOST_TEST(et.code().value() == ENOSPC);
    BOOST_TEST(t.stream().bad());
}

BOOST_AUTO_TEST_CASE(persist_and_release_still_succeed_after_a_failed_read)
{
    // Only a lost write makes the file short; a failed read does not.
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_kept f(in(scratch.path));
    f.stream() << "complete" << std::flush;
    f.stream().seekg(0);
    tf::fault_injection::fail(tf::sys_call::read, EIO);
    std::string word;
    f.stream() >> word;
    BOOST_TEST(!f.stream());
    const fs::path target = scratch.path / "published";
    error_code ec;
    f.persist(target, ec);
    BOOST_TEST(!ec, ec.message());
    BOOST_TEST(read_file(target) == "complete");
    const tf::created_file made = f.release(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(made.handle >= 0);
    BOOST_TEST(made.path == target);
    ::close(made.handle);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- item 4: fork -------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(fork_inherited_objects)

BOOST_AUTO_TEST_CASE(child_destructor_never_writes_the_parents_buffered_bytes)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    std::optional< tf::named_temp_file< tf::delete_on_destroy > > on_destroy(std::in_place, in(scratch.path));
    std::optional< tf::named_temp_file<> > on_close(std::in_place, in(scratch.path));
    std::optional< tf::temp_file > anonymous(std::in_place, in(scratch.path));
    on_destroy->stream() << "destroy:buffered";
    on_close->stream() << "close:buffered";
    anonymous->stream() << "anonymous:buffered";
    const int status = run_checked_in_child([&](const child_checks& check) {
        on_destroy.reset();
        error_code ec;
        on_close->close(ec);
        CHILD_CHECK(check, !ec);
        on_close.reset();
        anonymous = tf::temp_file(in(scratch.path)); // move assignment ends the inherited one
        return 0;
    });
    BOOST_TEST(status == 0);
    const int fa = anonymous->native_handle();
    on_destroy->native_handle();
    BOOST_TEST(read_file(on_destroy->path()) == "destroy:buffered");
    on_close->native_handle();
    BOOST_TEST(read_file(on_close->path()) == "close:buffered");
    BOOST_TEST(handle_contents(fa) == "anonymous:buffered");
}

BOOST_AUTO_TEST_CASE(child_native_handle_writes_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    f.stream() << "parent";
    const int fd = f.native_handle();
    f.stream() << ":buffered";
    const int status = run_checked_in_child([&](const child_checks& check) {
        CHILD_CHECK(check, f.native_handle() == fd);
        CHILD_CHECK(check, handle_contents(fd) == "parent");
        return 0;
    });
    BOOST_TEST(status == 0);
    f.native_handle();
    BOOST_TEST(read_file(f.path()) == "parent:buffered");
}

BOOST_AUTO_TEST_CASE(child_persist_release_and_remove_fail_with_operation_not_permitted_and_change_nothing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    const fs::path p = f.path();
    const fs::path target = scratch.path / "published";
    f.stream() << "parent";
    const int status = run_checked_in_child([&](const child_checks& check) {
        const fs::filesystem_error persisted = thrown_by([&] { f.persist(target); });
        CHILD_CHECK(check, persisted.code() == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, mentions(persisted.what(), forked_message));
        CHILD_CHECK(check, mentions(persisted.what(), "named_temp_file::persist"));
        CHILD_CHECK(check, persisted.path1() == p);
        CHILD_CHECK(check, persisted.path2() == target);
        error_code ec;
        f.persist(target, tf::no_clobber, ec);
        CHILD_CHECK(check, ec == boost::system::errc::operation_not_permitted);
        const fs::filesystem_error released = thrown_by([&] { (void)f.release(); });
        CHILD_CHECK(check, released.code() == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, mentions(released.what(), forked_message));
        CHILD_CHECK(check, released.path1() == p);
        const fs::filesystem_error removed = thrown_by([&] { f.remove(); });
        CHILD_CHECK(check, removed.code() == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, mentions(removed.what(), forked_message));
        CHILD_CHECK(check, removed.path1() == p);
        f.remove(ec);
        CHILD_CHECK(check, ec == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, f.is_open());
        CHILD_CHECK(check, f.owns_name());
        CHILD_CHECK(check, f.path() == p);
        CHILD_CHECK(check, present(p));
        CHILD_CHECK(check, !present(target));
        CHILD_CHECK(check, read_file(p).empty());
        // keep() is the child's own business; closing succeeds.
        f.close(ec);
        CHILD_CHECK(check, !ec);
        CHILD_CHECK(check, present(p));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(present(p));
    BOOST_TEST(!present(target));
    BOOST_TEST(f.owns_name());
    f.persist(target);
    BOOST_TEST(read_file(target) == "parent");
}

BOOST_AUTO_TEST_CASE(child_cannot_name_or_take_an_inherited_anonymous_file)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::temp_file t(in(scratch.path));
    BOOST_TEST_REQUIRE(t.linkable());
    t.stream() << "parent";
    const fs::path target = scratch.path / "published";
    const int status = run_checked_in_child([&](const child_checks& check) {
        const fs::filesystem_error persisted = thrown_by([&] { t.persist(target); });
        CHILD_CHECK(check, persisted.code() == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, mentions(persisted.what(), "temp_file::persist"));
        CHILD_CHECK(check, mentions(persisted.what(), forked_message));
        CHILD_CHECK(check, persisted.path1() == target);
        error_code ec;
        t.persist(target, tf::no_clobber, ec);
        CHILD_CHECK(check, ec == boost::system::errc::operation_not_permitted);
        const fs::filesystem_error released = thrown_by([&] { (void)t.release(); });
        CHILD_CHECK(check, released.code() == boost::system::errc::operation_not_permitted);
        CHILD_CHECK(check, t.is_open());
        CHILD_CHECK(check, !present(target));
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(scratch.entries() == 0u);
    t.persist(target);
    BOOST_TEST(read_file(target) == "parent");
}

BOOST_AUTO_TEST_CASE(stream_taken_before_fork_goes_bad_in_the_child_without_writing)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    std::iostream& s = f.stream();
    s << "parent";
    const int status = run_checked_in_child([&](const child_checks& check) {
        s << std::string(20000, 'c'); // more than the buffer: it would be written
        CHILD_CHECK(check, s.bad());
        s.clear();
        s << "c" << std::flush;
        CHILD_CHECK(check, s.bad());
        s.clear();
        s.seekg(0);
        CHILD_CHECK(check, s.fail());
        s.clear();
        char c = 0;
        s.get(c); // a read would move the parent's offset
        CHILD_CHECK(check, s.bad());
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(s.good());
    s << ":more" << std::flush;
    const std::string got = read_file(f.path());
    BOOST_TEST((got == "parent:more"), "the file holds " << got.size() << " bytes: " << got.substr(0, 40));
    BOOST_TEST(::lseek(f.native_handle(), 0, SEEK_CUR) == 11);
}

BOOST_AUTO_TEST_CASE(stream_asked_for_in_the_child_is_bad_and_does_not_throw)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> with_stream(in(scratch.path));
    tf::named_temp_file<> without_stream(in(scratch.path));
    tf::temp_file anonymous(in(scratch.path));
    with_stream.stream() << "parent";
    const int status = run_checked_in_child([&](const child_checks& check) {
        std::iostream& a = with_stream.stream();
        CHILD_CHECK(check, a.bad());
        std::iostream& b = without_stream.stream();
        CHILD_CHECK(check, b.bad());
        b.clear();
        b << std::string(20000, 'c') << std::flush;
        CHILD_CHECK(check, b.bad());
        std::iostream& c = anonymous.stream();
        CHILD_CHECK(check, c.bad());
        return 0;
    });
    BOOST_TEST(status == 0);
    with_stream.native_handle();
    BOOST_TEST(read_file(with_stream.path()) == "parent");
    BOOST_TEST(read_file(without_stream.path()).empty());
    BOOST_TEST(without_stream.stream().good());
}

BOOST_AUTO_TEST_SUITE_END()

// ---- item 6: reopen() and a reused inode number ------------------------------------------

BOOST_AUTO_TEST_SUITE(reopen_identity)

BOOST_AUTO_TEST_CASE(reopen_after_close_is_not_fooled_by_a_reused_inode_number)
{
    fd_leak_check leaks;
    scratch_dir scratch; // in /tmp: ext4 here, which hands a freed inode number out again at once
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    f.stream() << "ours";
    f.close();
    struct stat st;
    BOOST_TEST_REQUIRE(::stat(f.path().c_str(), &st) == 0);
    const ino_t ours = st.st_ino;
    BOOST_TEST_REQUIRE(::unlink(f.path().c_str()) == 0);
    bool reused = false;
    for (int i = 0; i < 2000 && !reused; ++i)
    {
        const fs::path candidate = scratch.path / ("stranger" + std::to_string(i));
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        BOOST_TEST_REQUIRE(fd >= 0);
        const bool wrote = ::write(fd, "stranger", 8) == 8;
        BOOST_TEST(wrote);
        BOOST_TEST_REQUIRE(::fstat(fd, &st) == 0);
        ::close(fd);
        if (st.st_ino == ours)
        {
            reused = true;
            BOOST_TEST_REQUIRE(::rename(candidate.c_str(), f.path().c_str()) == 0);
        }
    }
    // The reference the closed object keeps holds the inode: its number
    // cannot be given to a stranger while the object lives.
    BOOST_TEST(!reused, "inode number " << ours << " was given to another file");
    if (!reused)
        BOOST_TEST_REQUIRE(::link((scratch.path / "stranger0").c_str(), f.path().c_str()) == 0);
    error_code ec;
    const int fd = f.reopen(ec);
    if (fd >= 0)
        ::close(fd);
    BOOST_TEST(fd == -1, "reopen() gave a descriptor on the stranger's file");
    BOOST_TEST(ec.value() == ESTALE, ec.message());
    BOOST_TEST(read_file(f.path()) == "stranger");
}

BOOST_AUTO_TEST_CASE(the_reference_kept_for_reopen_ends_with_the_object)
{
    scratch_dir scratch;
    const int before = test_support::open_fd_count();
    {
        tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
        f.close();
        BOOST_TEST(test_support::open_fd_count() == before + 1); // the O_PATH reference
        error_code ec;
        f.remove(ec);
        BOOST_TEST(!ec);
        BOOST_TEST(test_support::open_fd_count() == before);
        BOOST_TEST(f.reopen(ec) == -1);
        BOOST_TEST(ec == boost::system::errc::bad_file_descriptor);
    }
    {
        tf::named_temp_file< tf::keep > f(in(scratch.path));
        f.close();
        const tf::created_file made = f.release();
        BOOST_TEST(made.handle == -1);
        BOOST_TEST(test_support::open_fd_count() == before);
        fs::remove(made.path);
    }
    {
        tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
        f.close();
    }
    BOOST_TEST(test_support::open_fd_count() == before);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(a_closed_file_kept_for_reopen_can_still_be_executed)
{
    // The reference is O_PATH: not a writer, so exec() does not fail with ETXTBSY.
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    f.stream() << "#!/bin/sh\nexit 7\n";
    BOOST_TEST_REQUIRE(::fchmod(f.native_handle(), 0700) == 0);
    f.close();
    const int status = test_support::run_in_child([&] {
        ::execl(f.path().c_str(), f.path().c_str(), static_cast< char* >(nullptr));
        return errno == ETXTBSY ? 100 : 101;
    });
    BOOST_TEST(status == 7, "exit status " << status << " (100: ETXTBSY)");
}

BOOST_AUTO_TEST_CASE(the_reference_kept_for_reopen_drops_no_lock_when_it_ends)
{
    // Closing any other descriptor of the file would drop the process's
    // fcntl locks on it; closing an O_PATH one does not.
    fd_leak_check leaks;
    scratch_dir scratch;
    fs::path p;
    int locked = -1;
    {
        tf::named_temp_file< tf::keep > f(in(scratch.path));
        f.close();
        locked = f.reopen();
        struct flock lock{};
        lock.l_type = F_WRLCK;
        lock.l_whence = SEEK_SET;
        BOOST_TEST_REQUIRE(::fcntl(locked, F_SETLK, &lock) == 0);
        p = f.path();
    }
    const pid_t parent = ::getpid();
    const int status = run_checked_in_child([&](const child_checks& check) {
        const int fd = ::open(p.c_str(), O_RDWR | O_CLOEXEC);
        struct flock probe{};
        probe.l_type = F_WRLCK;
        probe.l_whence = SEEK_SET;
        CHILD_CHECK(check, ::fcntl(fd, F_GETLK, &probe) == 0);
        CHILD_CHECK(check, probe.l_type == F_WRLCK);
        CHILD_CHECK(check, probe.l_pid == parent);
        ::close(fd);
        return 0;
    });
    BOOST_TEST(status == 0);
    ::close(locked);
    fs::remove(p);
}

BOOST_AUTO_TEST_CASE(without_proc_the_reference_is_taken_by_name_and_checked)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_kept f(in(scratch.path));
    tf::fault_injection::fail(tf::sys_call::open, ENOENT); // /proc/self/fd/N is not there
    f.close();
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    error_code ec;
    const int fd = f.reopen(ec);
    BOOST_TEST(fd >= 0);
    BOOST_TEST(!ec);
    if (fd >= 0)
        ::close(fd);

    // A name that means another file already at close() yields no reference.
    faulty_kept g(in(scratch.path));
    const fs::path moved = scratch.path / "moved";
    fs::rename(g.path(), moved);
    {
        tf::named_temp_file< tf::keep > stranger(in(scratch.path));
        fs::rename(stranger.path(), g.path());
    }
    tf::fault_injection::fail(tf::sys_call::open, ENOENT);
    g.close();
    BOOST_TEST(g.reopen(ec) == -1);
    BOOST_TEST(ec == boost::system::errc::bad_file_descriptor);
    fs::remove(moved);
}

BOOST_AUTO_TEST_CASE(reopen_after_close_refuses_when_no_reference_could_be_kept)
{
    // Descriptors exhausted at close(): the identity cannot be proven later,
    // so reopen() fails instead of trusting an inode number.
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_kept f(in(scratch.path));
    tf::fault_injection::fail(tf::sys_call::open, EMFILE, 0, 2);
    f.close();
    BOOST_TEST(tf::fault_injection::injected() == 2u);
    BOOST_TEST(present(f.path()));
    error_code ec;
    BOOST_TEST(f.reopen(ec) == -1);
    BOOST_TEST(ec == boost::system::errc::bad_file_descriptor);
}

BOOST_AUTO_TEST_CASE(reopen_in_a_forked_child_after_close_still_knows_the_file)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
    f.stream() << "ours";
    f.close();
    const int status = run_checked_in_child([&](const child_checks& check) {
        error_code ec;
        const int fd = f.reopen(ec);
        CHILD_CHECK(check, fd >= 0 && !ec);
        CHILD_CHECK(check, handle_contents(fd) == "ours");
        ::close(fd);
        return 0;
    });
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- item 13: error_code forms with no current directory ----------------------------------

BOOST_AUTO_TEST_SUITE(no_current_directory)

BOOST_AUTO_TEST_CASE(error_code_forms_with_a_relative_path_report_a_removed_current_directory)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const int status = run_checked_in_child([&](const child_checks& check) {
        const fs::path gone = scratch.path / "gone";
        if (::mkdir(gone.c_str(), 0700) != 0 || ::chdir(gone.c_str()) != 0 || ::rmdir(gone.c_str()) != 0)
        {
            check(false, "cannot remove the current directory", __LINE__);
            return 1;
        }
        const auto no_cwd = [](const error_code& ec) { return ec == boost::system::errc::no_such_file_or_directory; };
        tf::named_temp_file< tf::delete_on_destroy > f(in(scratch.path));
        const fs::path p = f.path();
        error_code ec;
        try
        {
            f.persist("relative", ec);
            CHILD_CHECK(check, no_cwd(ec));
            f.persist("relative", tf::no_clobber, ec);
            CHILD_CHECK(check, no_cwd(ec));
        }
        catch (...)
        {
            check(false, "named_temp_file::persist(to, ec) threw", __LINE__);
        }
        CHILD_CHECK(check, f.path() == p && f.owns_name() && present(p));
        tf::temp_file t(in(scratch.path));
        try
        {
            t.persist("relative", ec);
            CHILD_CHECK(check, no_cwd(ec));
            t.persist("relative", tf::no_clobber, ec);
            CHILD_CHECK(check, no_cwd(ec));
        }
        catch (...)
        {
            check(false, "temp_file::persist(to, ec) threw", __LINE__);
        }
        const tf::options relative = tf::options().dir("relative");
        try
        {
            tf::named_temp_file<> g(relative, ec);
            CHILD_CHECK(check, no_cwd(ec) && !g.is_open());
            tf::temp_file u(relative, ec);
            CHILD_CHECK(check, no_cwd(ec) && !u.is_open());
            tf::temp_dir<> d(relative, ec);
            CHILD_CHECK(check, no_cwd(ec) && d.path().empty());
            const tf::created_file made = tf::make_temp_file(relative, ec);
            CHILD_CHECK(check, no_cwd(ec) && made.handle == -1);
            CHILD_CHECK(check, no_cwd(ec) && tf::make_temp_dir(relative, ec).empty());
            tf::atomic_file a("relative", ec);
            CHILD_CHECK(check, no_cwd(ec) && !a.is_open());
        }
        catch (...)
        {
            check(false, "a creation's error_code form threw", __LINE__);
        }
        // An absolute target needs no current directory.
        f.persist(scratch.path / "absolute", ec);
        CHILD_CHECK(check, !ec);
        t.persist(scratch.path / "anonymous", ec);
        // Only an O_TMPFILE file can be named (the plain POSIX backend has none).
        CHILD_CHECK(check, portable::linux_backend ? !ec : ec == boost::system::errc::operation_not_supported);
        CHILD_CHECK(check, present(scratch.path / "absolute") &&
                               present(scratch.path / "anonymous") == portable::linux_backend);
        return 0;
    });
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- item 19: a failed removal keeps ownership ---------------------------------------------

BOOST_AUTO_TEST_SUITE(failed_removal)

BOOST_AUTO_TEST_CASE(failed_remove_keeps_the_name_owned_and_a_second_remove_succeeds)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_kept f(in(scratch.path));
    const fs::path p = f.path();
    tf::fault_injection::fail(tf::sys_call::unlink, EBUSY);
    error_code ec;
    f.remove(ec);
    BOOST_TEST(ec.value() == EBUSY);
    BOOST_TEST(f.owns_name());
    BOOST_TEST(!f.is_open());
    BOOST_TEST(present(p));
    f.remove(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!f.owns_name());
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(failed_remove_is_tried_again_by_the_destructor)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    fs::path p;
    {
        faulty_kept f(in(scratch.path));
        p = f.path();
        tf::fault_injection::fail(tf::sys_call::unlink, EBUSY);
        const fs::filesystem_error e = thrown_by([&] { f.remove(); });
        BOOST_TEST(e.code().value() == EBUSY);
        BOOST_TEST(e.path1() == p);
        BOOST_TEST(f.owns_name());
    }
    BOOST_TEST(!present(p));
}

BOOST_AUTO_TEST_CASE(failed_removal_by_close_is_tried_again_by_the_next_close)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    fault_scope faults;
    faulty_named f(in(scratch.path));
    const fs::path p = f.path();
    f.stream() << "data";
    tf::fault_injection::fail(tf::sys_call::unlink, EBUSY);
    error_code ec;
    f.close(ec);
    BOOST_TEST(ec.value() == EBUSY);
    BOOST_TEST(f.owns_name());
    BOOST_TEST(present(p));
    BOOST_TEST(read_file(p) == "data"); // written out all the same
    f.close(ec);
    BOOST_TEST(!ec);
    BOOST_TEST(!present(p));
    BOOST_TEST(!f.owns_name());
}

BOOST_AUTO_TEST_CASE(removal_from_a_read_only_directory_fails_keeps_ownership_and_succeeds_once_writable)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    const fs::path dir = scratch.path / "dir";
    fs::create_directory(dir);
    const int status = run_checked_in_child([&](const child_checks& check) {
        if (!test_support::drop_permission_override())
        {
            check(false, "cannot drop CAP_DAC_OVERRIDE", __LINE__);
            return child_skipped;
        }
        fs::path by_remove, by_destructor;
        {
            tf::named_temp_file< tf::delete_on_destroy > a(in(dir));
            std::optional< tf::named_temp_file<> > b(std::in_place, in(dir));
            by_remove = a.path();
            by_destructor = b->path();
            CHILD_CHECK(check, ::chmod(dir.c_str(), 0500) == 0);
            error_code ec;
            a.remove(ec);
            CHILD_CHECK(check, ec == boost::system::errc::permission_denied);
            CHILD_CHECK(check, a.owns_name());
            b->close(ec);
            CHILD_CHECK(check, ec == boost::system::errc::permission_denied);
            CHILD_CHECK(check, b->owns_name());
            CHILD_CHECK(check, present(by_remove) && present(by_destructor));
            CHILD_CHECK(check, ::chmod(dir.c_str(), 0700) == 0);
            a.remove(ec);
            CHILD_CHECK(check, !ec);
            CHILD_CHECK(check, !present(by_remove));
            b.reset();
            CHILD_CHECK(check, !present(by_destructor));
        }
        return 0;
    });
    BOOST_TEST(status == 0);
    BOOST_TEST(fs::is_empty(dir));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- messages that named the wrong cause or path -------------------------------------------

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(persist_to_an_empty_path_says_the_target_is_empty)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    const fs::filesystem_error e = thrown_by([&] { f.persist(""); });
    BOOST_TEST(e.code() == boost::system::errc::invalid_argument);
    BOOST_TEST(mentions(e.what(), "named_temp_file::persist: the target path is empty"), e.what());
    BOOST_TEST(e.path1() == f.path());
    BOOST_TEST(e.path2().empty());
    BOOST_TEST(f.owns_name());

    tf::temp_file t(in(scratch.path));
    const fs::filesystem_error et = thrown_by([&] { t.persist(""); });
    BOOST_TEST(et.code() == boost::system::errc::invalid_argument);
    BOOST_TEST(mentions(et.what(), "temp_file::persist: the target path is empty"), et.what());
}

BOOST_AUTO_TEST_CASE(persist_to_a_directory_name_says_the_target_must_name_a_file)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    tf::temp_file t(in(scratch.path));
    for (const fs::path& to : {fs::path("/"), scratch.path / "dir/", fs::path("."), fs::path(".."),
                              scratch.path / "."})
    {
        const fs::filesystem_error e = thrown_by([&] { f.persist(to); });
        BOOST_TEST(e.code() == boost::system::errc::invalid_argument, to);
        BOOST_TEST(mentions(e.what(), "the target must name a file"), e.what());
        BOOST_TEST(e.path1() == f.path());
        BOOST_TEST(e.path2() == to);
        const fs::filesystem_error et = thrown_by([&] { t.persist(to, tf::no_clobber); });
        BOOST_TEST(et.code() == boost::system::errc::invalid_argument, to);
        BOOST_TEST(mentions(et.what(), "temp_file::persist: the target must name a file"), et.what());
        BOOST_TEST(!mentions(et.what(), "prefix"), et.what());
        BOOST_TEST(et.path1() == to);
    }
    BOOST_TEST(present(f.path()));
    BOOST_TEST(f.owns_name());
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(persist_after_release_says_the_object_owns_no_file)
{
    fd_leak_check leaks;
    scratch_dir scratch;
    tf::named_temp_file<> f(in(scratch.path));
    const tf::created_file made = f.release();
    const fs::path target = scratch.path / "published";
    const fs::filesystem_error e = thrown_by([&] { f.persist(target); });
    BOOST_TEST(mentions(e.what(), "named_temp_file::persist: the object owns no file (it was released"), e.what());
    BOOST_TEST(e.path1() == target);
    BOOST_TEST(!present(target));
    ::close(made.handle);
    fs::remove(made.path);
}

BOOST_AUTO_TEST_SUITE_END()
