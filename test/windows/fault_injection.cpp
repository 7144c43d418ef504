// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// fault_injecting_platform<windows_platform>: chosen calls of the Windows
// layer fail with chosen Win32 errors, and the owners report them as they
// would a real failure -- creation naming the directory, a write through the
// stream, a removal, a rename. (A failed rollover: test/behaviour/spooled_temp_file.cpp.)

#define BOOST_TEST_MODULE windows_fault_injection
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "win_support.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace win_support;

namespace {

using faulty = tf::fault_injecting_platform< tf::windows_platform >;
using faulty_file = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only, faulty >;
using faulty_dir = tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, tf::owner_only, faulty >;

} // namespace

BOOST_AUTO_TEST_CASE(creation_error_names_the_directory)
{
    fault_scope faults;
    scratch_dir scratch;
    tf::fault_injection::fail(tf::sys_call::open, ERROR_DISK_FULL);
    try
    {
        faulty_file f(tf::options().dir(scratch.path));
        BOOST_ERROR("creation did not fail");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == win32(ERROR_DISK_FULL), e.what());
        BOOST_TEST(e.path1() == scratch.path);
    }
    BOOST_TEST(tf::fault_injection::injected() == 1u);
    BOOST_TEST(names_in(scratch.path).empty());
    faulty_file ok(tf::options().dir(scratch.path));
    BOOST_TEST(ok.is_open(), "one failure only");

    tf::fault_injection::fail(tf::sys_call::mkdir, ERROR_ACCESS_DENIED);
    boost::system::error_code ec;
    faulty_dir d(tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec == win32(ERROR_ACCESS_DENIED));
    BOOST_TEST(d.path().empty());
}

BOOST_AUTO_TEST_CASE(write_error_through_the_stream_is_reported_by_close)
{
    fault_scope faults;
    scratch_dir scratch;
    faulty_file f(tf::options().dir(scratch.path));
    tf::fault_injection::fail(tf::sys_call::write, ERROR_DISK_FULL);
    f.stream() << "data that will not fit";
    f.stream().flush();
    BOOST_TEST(f.stream().bad());
    boost::system::error_code ec;
    f.close(ec);
    BOOST_TEST(ec == win32(ERROR_DISK_FULL), ec.message());
    BOOST_TEST(names_in(scratch.path).empty(), "delete_on_close removed it all the same");
}

BOOST_AUTO_TEST_CASE(removal_error_is_reported_and_the_name_stays_owned_until_the_destructor_retries)
{
    fault_scope faults;
    scratch_dir scratch;
    fs::path p;
    {
        faulty_file f(tf::options().dir(scratch.path));
        p = f.path();
        tf::fault_injection::fail(tf::sys_call::unlink, ERROR_ACCESS_DENIED);
        boost::system::error_code ec;
        f.remove(ec);
        BOOST_TEST(ec == win32(ERROR_ACCESS_DENIED), ec.message());
        BOOST_TEST(!f.is_open());
        BOOST_TEST(present(p), "the failed removal left the name");
        BOOST_TEST(f.owns_name(), "and the object still owns it (decision 2)");
    }
    BOOST_TEST(!present(p), "the destructor tried again, and the fault was injected once only");
}

BOOST_AUTO_TEST_CASE(rename_error_in_persist_and_in_atomic_commit)
{
    fault_scope faults;
    scratch_dir scratch;
    using keeper = tf::basic_named_temp_file< tf::delete_on_destroy, tf::random_name<>, tf::owner_only, faulty >;
    keeper f(tf::options().dir(scratch.path));
    tf::fault_injection::fail(tf::sys_call::rename, ERROR_WRITE_PROTECT);
    boost::system::error_code ec;
    f.persist(scratch.path / "kept.txt", ec);
    BOOST_TEST(ec == win32(ERROR_WRITE_PROTECT));
    BOOST_TEST(present(f.path()));
    BOOST_TEST(!present(scratch.path / "kept.txt"));

    const fs::path target = scratch.path / "target.txt";
    write_file(target, "old");
    tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>, faulty > a(target);
    a.stream() << "new";
    tf::fault_injection::fail(tf::sys_call::rename, ERROR_WRITE_PROTECT);
    try
    {
        a.commit();
        BOOST_ERROR("commit did not fail");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == win32(ERROR_WRITE_PROTECT), e.what());
        BOOST_TEST(e.path1() == target);
    }
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(!a.committed());

    tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::random_name<>, faulty > b(target);
    b.stream() << "new";
    tf::fault_injection::fail(tf::sys_call::sync, ERROR_IO_DEVICE);
    b.commit(ec);
    BOOST_TEST(ec == win32(ERROR_IO_DEVICE));
    BOOST_TEST(read_file(target) == "old", "nothing is published when the flush fails");
    BOOST_TEST(names_in(scratch.path).size() == 2u, "the kept file and the target; no temporary file");
}
