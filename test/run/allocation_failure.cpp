// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// std::bad_alloc during a creation must leave no descriptor open and no
// entry on disk, from the throwing and the error_code form alike. This
// executable replaces the global operator new with one that fails the N-th
// allocation on request: each creation is run once to count its
// allocations, then once for each of them with that one failing.
//
// The sanitizers bring their own operator new; under them the replacement is
// left out and the suite only checks that a creation without failures
// leaves nothing behind (CI runs it for real in the plain builds).

#define BOOST_TEST_MODULE allocation_failure
#include <boost/tempfile.hpp>
#include <boost/tempfile/fault_injection.hpp>

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TEMPFILE_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define TEMPFILE_TEST_SANITIZED 1
#endif
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;
using test_support::fd_leak_check;
using test_support::scratch_dir;
using test_support::entries;

namespace {

//! The plan of the replaced operator new (one thread: the suite runs none).
struct allocation_plan
{
    bool counting = false; // between start() and stop()
    long seen = 0;         // allocations since start()
    long fail_at = -1;     // which one throws bad_alloc; -1: none
    bool failed = false;   // whether it did
};

allocation_plan plan;

#if !defined(TEMPFILE_TEST_SANITIZED)
constexpr bool injecting = true;
#else
constexpr bool injecting = false;
#endif

void* allocate(std::size_t n)
{
    if (plan.counting && plan.seen++ == plan.fail_at)
    {
        plan.failed = true;
        throw std::bad_alloc();
    }
    if (void* p = std::malloc(n != 0 ? n : 1))
        return p;
    throw std::bad_alloc();
}

//! Counts (and may fail) the allocations made while it lives.
struct allocation_window
{
    explicit allocation_window(long fail_at)
    {
        plan.seen = 0;
        plan.fail_at = fail_at;
        plan.failed = false;
        plan.counting = true;
    }
    ~allocation_window() { plan.counting = false; }
};

} // namespace

#if !defined(TEMPFILE_TEST_SANITIZED)
void* operator new(std::size_t n)
{
    return allocate(n);
}
void* operator new[](std::size_t n)
{
    return allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try
    {
        return allocate(n);
    }
    catch (...)
    {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    try
    {
        return allocate(n);
    }
    catch (...)
    {
        return nullptr;
    }
}
void operator delete(void* p) noexcept
{
    std::free(p);
}
void operator delete[](void* p) noexcept
{
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    std::free(p);
}
#endif

namespace {

//! Runs `make` -- a creation -- with its allocations counted (and the
//! fail_at-th failing); what it makes is returned, for the caller to end
//! outside the window.
template< typename Make >
auto counted(long fail_at, Make make) -> decltype(make())
{
    allocation_window window(fail_at);
    return make();
}

//! `attempt(fail_at)` creates something with counted(fail_at, ...) and ends
//! it (or lets bad_alloc out). Once as a warm-up (caches), once to count,
//! then once per allocation with that one failing: each time no descriptor
//! may be left open and `dir` must hold no more than `expected` entries.
void every_allocation_fails_cleanly(const char* what, const fs::path& dir, const std::function< void(long) >& attempt,
                                    std::size_t expected = 0)
{
    attempt(-1);
    BOOST_TEST(entries(dir) == expected, what << ": the warm-up left entries");
    attempt(-1);
    const long total = plan.seen;
    BOOST_TEST_MESSAGE(what << ": " << total << " allocations");
    if (!injecting)
        return;
    for (long i = 0; i < total; ++i)
    {
        fd_leak_check leaks;
        bool threw = false;
        try
        {
            attempt(i);
        }
        catch (const std::bad_alloc&)
        {
            threw = true;
        }
        BOOST_TEST(plan.failed, what << ": allocation " << i << " of " << total << " was not reached");
        BOOST_TEST(entries(dir) == expected, what << ": allocation " << i << " of " << total
                                                  << " failed (bad_alloc " << (threw ? "thrown" : "absorbed")
                                                  << ") and entries were left behind");
    }
}

tf::options in(const fs::path& dir)
{
    return tf::options().dir(dir);
}

//! A new, empty directory `name` in `parent`: one per variant, so that what
//! one leaves behind is counted there only.
fs::path fresh(const fs::path& parent, const char* name)
{
    const fs::path dir = parent / name;
    fs::create_directory(dir);
    return dir;
}

//! Makes `dir` the current directory for a scope.
struct scoped_chdir
{
    explicit scoped_chdir(const fs::path& dir) : home(fs::current_path())
    {
        BOOST_TEST_REQUIRE(::chdir(dir.c_str()) == 0);
    }
    ~scoped_chdir()
    {
        if (::chdir(home.c_str()) != 0)
            std::abort();
    }
    fs::path home;
};

} // namespace

BOOST_AUTO_TEST_CASE(the_replaced_operator_new_fails_the_chosen_allocation)
{
    if (!injecting)
        return;
    bool threw = false;
    try
    {
        counted(1, [] { return std::string(100, 'a') + std::string(100, 'b'); });
    }
    catch (const std::bad_alloc&)
    {
        threw = true;
    }
    BOOST_TEST(threw);
    BOOST_TEST(plan.failed);
    counted(-1, [] { return std::string(100, 'a') + std::string(100, 'b'); });
    BOOST_TEST(plan.seen >= 2);
}

BOOST_AUTO_TEST_CASE(named_temp_file_creation)
{
    scratch_dir scratch;
    const fs::path a = fresh(scratch.path, "a"), b = fresh(scratch.path, "b"), c = fresh(scratch.path, "c"),
                   d = fresh(scratch.path, "d");
    every_allocation_fails_cleanly("named_temp_file(opts)", a, [&](long fail_at) {
        auto f = counted(fail_at, [&] { return tf::named_temp_file<>(in(a)); });
    });
    every_allocation_fails_cleanly("named_temp_file(opts, ec)", b, [&](long fail_at) {
        error_code ec;
        auto f = counted(fail_at, [&] { return tf::named_temp_file<>(in(b), ec); });
        BOOST_TEST(!ec);
    });
    every_allocation_fails_cleanly("named_temp_file<delete_at_exit>(opts)", c, [&](long fail_at) {
        auto f = counted(fail_at, [&] { return tf::named_temp_file< tf::delete_at_exit >(in(c)); });
    });
    every_allocation_fails_cleanly("named_temp_file with pattern_name", d, [&](long fail_at) {
        const tf::options pattern = in(d).pattern("file-XXXXXXXX.txt");
        auto f = counted(fail_at, [&] {
            return tf::basic_named_temp_file< tf::delete_on_close, tf::pattern_name >(pattern);
        });
    });
}

BOOST_AUTO_TEST_CASE(named_temp_file_creation_with_a_long_path_and_a_relative_directory)
{
    scratch_dir scratch;
    // Longer than the stack buffer of the name loop (256 bytes).
    fs::path deep = scratch.path;
    for (int i = 0; i < 6; ++i)
        deep /= std::string(50, static_cast< char >('a' + i));
    fs::create_directories(deep);
    every_allocation_fails_cleanly("named_temp_file in a long path", deep, [&](long fail_at) {
        auto f = counted(fail_at, [&] { return tf::named_temp_file<>(in(deep)); });
    });
    const fs::path near = fresh(scratch.path, "near");
    scoped_chdir here(scratch.path);
    every_allocation_fails_cleanly("named_temp_file in a relative directory", near, [&](long fail_at) {
        auto f = counted(fail_at, [&] { return tf::named_temp_file<>(in("./near/.")); });
    });
}

BOOST_AUTO_TEST_CASE(make_temp_file_and_make_temp_dir)
{
    scratch_dir scratch;
    const fs::path a = fresh(scratch.path, "a"), b = fresh(scratch.path, "b"), c = fresh(scratch.path, "c"),
                   d = fresh(scratch.path, "d");
    every_allocation_fails_cleanly("make_temp_file(opts)", a, [&](long fail_at) {
        const tf::created_file made = counted(fail_at, [&] { return tf::make_temp_file(in(a)); });
        ::close(made.handle);
        ::unlink(made.path.c_str());
    });
    every_allocation_fails_cleanly("make_temp_file(opts, ec)", b, [&](long fail_at) {
        error_code ec;
        const tf::created_file made = counted(fail_at, [&] { return tf::make_temp_file(in(b), ec); });
        BOOST_TEST(!ec);
        ::close(made.handle);
        ::unlink(made.path.c_str());
    });
    every_allocation_fails_cleanly("make_temp_dir(opts)", c, [&](long fail_at) {
        const fs::path made = counted(fail_at, [&] { return tf::make_temp_dir(in(c)); });
        ::rmdir(made.c_str());
    });
    every_allocation_fails_cleanly("make_temp_dir(opts, ec)", d, [&](long fail_at) {
        error_code ec;
        const fs::path made = counted(fail_at, [&] { return tf::make_temp_dir(in(d), ec); });
        ::rmdir(made.c_str());
    });
}

BOOST_AUTO_TEST_CASE(temp_dir_creation)
{
    scratch_dir scratch;
    const fs::path a = fresh(scratch.path, "a"), b = fresh(scratch.path, "b"), c = fresh(scratch.path, "c");
    every_allocation_fails_cleanly("temp_dir(opts)", a, [&](long fail_at) {
        auto d = counted(fail_at, [&] { return tf::temp_dir<>(in(a)); });
    });
    every_allocation_fails_cleanly("temp_dir(opts, ec)", b, [&](long fail_at) {
        error_code ec;
        auto d = counted(fail_at, [&] { return tf::temp_dir<>(in(b), ec); });
    });
    every_allocation_fails_cleanly("temp_dir<delete_at_exit>(opts)", c, [&](long fail_at) {
        auto d = counted(fail_at, [&] { return tf::temp_dir< tf::delete_at_exit >(in(c)); });
    });
}

BOOST_AUTO_TEST_CASE(temp_file_creation_with_and_without_o_tmpfile)
{
    scratch_dir scratch;
    const fs::path a = fresh(scratch.path, "a"), b = fresh(scratch.path, "b"), c = fresh(scratch.path, "c");
    every_allocation_fails_cleanly("temp_file(opts)", a, [&](long fail_at) {
        auto t = counted(fail_at, [&] { return tf::temp_file(in(a)); });
    });
    every_allocation_fails_cleanly("temp_file(opts, ec)", b, [&](long fail_at) {
        error_code ec;
        auto t = counted(fail_at, [&] { return tf::temp_file(in(b), ec); });
    });
    // The create-and-unlink fallback, where O_TMPFILE is refused.
    using faulty = tf::fault_injecting_platform< tf::native_platform >;
    using fallback_file = tf::basic_temp_file< tf::random_name<>, tf::owner_only, faulty >;
    tf::fault_injection::clear();
    tf::fault_injection::fail(tf::sys_call::open_tmpfile, EOPNOTSUPP, 0, tf::fault_injection::always);
    every_allocation_fails_cleanly("temp_file(opts) without O_TMPFILE", c, [&](long fail_at) {
        auto t = counted(fail_at, [&] { return fallback_file(in(c)); });
        BOOST_TEST(!t.linkable());
    });
    tf::fault_injection::clear();
}

BOOST_AUTO_TEST_CASE(temp_file_persist_and_its_staged_link)
{
    TEST_NEEDS_LINUX_BACKEND("O_TMPFILE (a linkable anonymous file)");
    scratch_dir scratch;
    const fs::path a = fresh(scratch.path, "a"), b = fresh(scratch.path, "b"), c = fresh(scratch.path, "c"),
                   d = fresh(scratch.path, "d");
    every_allocation_fails_cleanly("temp_file::persist(to)", a, [&](long fail_at) {
        tf::temp_file t(in(a));
        t.stream() << "content";
        counted(fail_at, [&] { t.persist(a / "published"); });
        ::unlink((a / "published").c_str());
    });
    every_allocation_fails_cleanly("temp_file::persist(to, ec)", b, [&](long fail_at) {
        tf::temp_file t(in(b));
        error_code ec;
        counted(fail_at, [&] { t.persist(b / "published", ec); });
        ::unlink((b / "published").c_str());
    });
    {
        tf::named_temp_file< tf::keep > existing(in(c));
        existing.persist(c / "published");
    }
    every_allocation_fails_cleanly("temp_file::persist(to) over an existing target", c,
                                   [&](long fail_at) {
                                       tf::temp_file t(in(c));
                                       counted(fail_at, [&] { t.persist(c / "published"); });
                                   },
                                   1u); // the target, replaced or not, and no staged link
    every_allocation_fails_cleanly("temp_file::persist(to, no_clobber)", d, [&](long fail_at) {
        tf::temp_file t(in(d));
        counted(fail_at, [&] { t.persist(d / "published", tf::no_clobber); });
        ::unlink((d / "published").c_str());
    });
}

BOOST_AUTO_TEST_CASE(named_temp_file_persist)
{
    scratch_dir scratch;
    const fs::path target = scratch.path / "published";
    every_allocation_fails_cleanly("named_temp_file::persist(to)", scratch.path, [&](long fail_at) {
        tf::named_temp_file<> f(in(scratch.path));
        f.stream() << "content";
        counted(fail_at, [&] { f.persist(target); });
        ::unlink(target.c_str());
    });
}

BOOST_AUTO_TEST_CASE(atomic_file_creation)
{
    scratch_dir scratch;
    const fs::path a = fresh(scratch.path, "a"), b = fresh(scratch.path, "b");
    every_allocation_fails_cleanly("atomic_file(target)", a, [&](long fail_at) {
        auto f = counted(fail_at, [&] { return tf::atomic_file(a / "target"); });
    });
    every_allocation_fails_cleanly("atomic_file(target, no_clobber, ec)", b, [&](long fail_at) {
        error_code ec;
        auto f = counted(fail_at, [&] { return tf::atomic_file(b / "target", tf::no_clobber, ec); });
    });
}
