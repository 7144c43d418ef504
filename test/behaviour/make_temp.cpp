// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// make_temp_file and make_temp_dir on every backend: what they hand over,
// the names they make, collisions, and a missing directory. POSIX-only
// behaviour (flags, modes, exec, the umask) is in test/run/make_temp.cpp.

#define BOOST_TEST_MODULE behaviour_make_temp
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <climits>
#include <fstream>
#include <string>
#include <type_traits>
#include <utility>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

using faulty = tf::fault_injecting_platform< tf::native_platform >;

//! Closes and removes what make_temp_file handed over, at the end of a scope.
struct owned_file
{
    explicit owned_file(tf::created_file f) : file(std::move(f)) {}
    ~owned_file()
    {
        if (file.handle != no_handle())
            close_handle(file.handle);
        if (!file.path.empty())
            remove_file(file.path);
    }
    owned_file(const owned_file&) = delete;
    owned_file& operator=(const owned_file&) = delete;
    tf::created_file file;
};

bool is_alphabet(const std::string& s)
{
    return s.find_first_not_of(tf::name_alphabet) == std::string::npos;
}

//! Offers `taken` for the first `collisions` calls, then "fresh-<call number>".
struct scripted_name
{
    static inline std::string taken;
    static inline unsigned collisions = 0;
    static inline unsigned calls = 0;

    static void script(std::string name, unsigned k)
    {
        taken = std::move(name);
        collisions = k;
        calls = 0;
    }

    void generate(const tf::options&, std::string& name)
    {
        name = calls < collisions ? taken : "fresh-" + std::to_string(calls);
        ++calls;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(make_temp_file)

BOOST_AUTO_TEST_CASE(structured_binding_gives_descriptor_and_path)
{
    case_dir scratch;
    handle_leak_check leak;
    auto [fd, path] = tf::make_temp_file(tf::options().dir(scratch.path));
    static_assert(std::is_same< decltype(fd), tf::native_handle_type >::value, "the handle comes first");
    BOOST_TEST_REQUIRE(fd != no_handle());
    BOOST_TEST(write_handle(fd, "mkstemp"));
    BOOST_TEST(fs::file_size(path) == 7u);
    close_handle(fd);
    fs::remove(path);
}

BOOST_AUTO_TEST_CASE(caller_owns_the_file_after_the_call)
{
    case_dir scratch;
    handle_leak_check leak;
    tf::created_file made{no_handle(), fs::path()};
    {
        made = tf::make_temp_file(tf::options().dir(scratch.path));
    }
    BOOST_TEST(fs::exists(made.path));
    BOOST_TEST(handle_is_open(made.handle));
    close_handle(made.handle);
    BOOST_TEST(fs::exists(made.path));
    BOOST_TEST(fs::remove(made.path));
}

BOOST_AUTO_TEST_CASE(honours_prefix_suffix_and_dir)
{
    case_dir scratch;
    handle_leak_check leak;
    owned_file made(tf::make_temp_file(tf::options().prefix("manual_").suffix(".txt").dir(scratch.path)));
    const std::string name = made.file.path.filename().string();
    BOOST_TEST(made.file.path.parent_path() == scratch.path);
    BOOST_TEST(name.size() == 7u + 10u + 4u);
    BOOST_TEST(name.compare(0, 7, "manual_") == 0, name);
    BOOST_TEST(name.compare(name.size() - 4, 4, ".txt") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(7, 10)), name);
}

BOOST_AUTO_TEST_CASE(default_options_create_in_temp_directory_path)
{
    handle_leak_check leak;
    owned_file made(tf::make_temp_file());
    BOOST_TEST(made.file.path.parent_path() == tf::temp_directory_path());
    BOOST_TEST(made.file.path.filename().string().compare(0, 3, "tmp") == 0);
}

BOOST_AUTO_TEST_CASE(collision_with_existing_file_moves_to_next_name)
{
    case_dir scratch;
    handle_leak_check leak;
    std::ofstream((scratch.path / "taken").string()) << "precious";
    scripted_name::script("taken", 2);
    owned_file made(tf::make_temp_file< scripted_name >(tf::options().dir(scratch.path)));
    BOOST_TEST(made.file.path == scratch.path / "fresh-2");
    BOOST_TEST(fs::file_size(scratch.path / "taken") == 8u);
}

BOOST_AUTO_TEST_CASE(nonexistent_directory_throwing_form)
{
    case_dir scratch;
    handle_leak_check leak;
    const fs::path missing = scratch.path / "missing";
    bool thrown = false;
    try
    {
        owned_file made(tf::make_temp_file(tf::options().dir(missing)));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(system_says(e.code(), boost::system::errc::no_such_file_or_directory));
        BOOST_TEST(e.path1() == missing);
    }
    BOOST_TEST(thrown);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(nonexistent_directory_error_code_form)
{
    case_dir scratch;
    handle_leak_check leak;
    boost::system::error_code ec;
    tf::created_file made = tf::make_temp_file(tf::options().dir(scratch.path / "missing"), ec);
    BOOST_TEST(system_says(ec, boost::system::errc::no_such_file_or_directory), ec.message());
    BOOST_TEST(made.handle == no_handle());
    BOOST_TEST(made.path.empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(error_code_form_clears_a_stale_error_on_success)
{
    case_dir scratch;
    handle_leak_check leak;
    boost::system::error_code ec = boost::system::errc::make_error_code(boost::system::errc::io_error);
    owned_file made(tf::make_temp_file(tf::options().dir(scratch.path), ec));
    BOOST_TEST(!ec);
    BOOST_TEST(made.file.handle != no_handle());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(make_temp_dir)

BOOST_AUTO_TEST_CASE(caller_owns_the_directory_after_the_call)
{
    case_dir scratch;
    handle_leak_check leak;
    fs::path d;
    {
        d = tf::make_temp_dir(tf::options().prefix("manual_dir_").dir(scratch.path));
    }
    BOOST_TEST(fs::is_directory(d));
    std::ofstream((d / "nested_file.txt").string()) << "Inside the manual directory.";
    BOOST_TEST(fs::file_size(d / "nested_file.txt") == 28u);
    BOOST_TEST(fs::remove_all(d) == 2u);
}

BOOST_AUTO_TEST_CASE(honours_prefix_suffix_and_dir)
{
    case_dir scratch;
    handle_leak_check leak;
    const fs::path d = tf::make_temp_dir(tf::options().prefix("pre.").suffix(".d").dir(scratch.path));
    const std::string name = d.filename().string();
    BOOST_TEST(d.parent_path() == scratch.path);
    BOOST_TEST(name.size() == 4u + 10u + 2u);
    BOOST_TEST(name.compare(0, 4, "pre.") == 0, name);
    BOOST_TEST(name.compare(14, 2, ".d") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(4, 10)), name);
    fs::remove(d);
}

BOOST_AUTO_TEST_CASE(exhausted_attempts_report_file_exists)
{
    case_dir scratch;
    handle_leak_check leak;
    fs::create_directory(scratch.path / "taken");
    scripted_name::script("taken", UINT_MAX);
    bool thrown = false;
    try
    {
        (void)tf::make_temp_dir< scripted_name >(tf::options().dir(scratch.path).attempts(5));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST((e.code() == boost::system::errc::file_exists), e.code().message());
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(std::string(e.what()).find('5') != std::string::npos, e.what());
    }
    BOOST_TEST(thrown);
    BOOST_TEST(scripted_name::calls == 5u);
    scripted_name::script("taken", UINT_MAX);
    boost::system::error_code ec;
    const fs::path d = tf::make_temp_dir< scripted_name >(tf::options().dir(scratch.path).attempts(5), ec);
    BOOST_TEST((ec == boost::system::errc::file_exists), ec.message());
    BOOST_TEST(d.empty());
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_CASE(nonexistent_directory_both_forms)
{
    case_dir scratch;
    handle_leak_check leak;
    const fs::path missing = scratch.path / "missing";
    bool thrown = false;
    try
    {
        (void)tf::make_temp_dir(tf::options().dir(missing));
    }
    catch (const fs::filesystem_error& e)
    {
        thrown = true;
        BOOST_TEST(system_says(e.code(), boost::system::errc::no_such_file_or_directory));
        BOOST_TEST(e.path1() == missing);
    }
    BOOST_TEST(thrown);
    boost::system::error_code ec;
    const fs::path d = tf::make_temp_dir(tf::options().dir(missing), ec);
    BOOST_TEST(system_says(ec, boost::system::errc::no_such_file_or_directory), ec.message());
    BOOST_TEST(d.empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(mkdir_eexist_storm_moves_on_and_other_errors_stop_at_once)
{
    case_dir scratch;
    handle_leak_check leak;
    fault_scope faults;
    tf::fault_injection::fail(tf::sys_call::mkdir, directory_exists, 0, 3);
    const fs::path d = tf::make_temp_dir< tf::random_name<>, tf::owner_only, faulty >(tf::options().dir(scratch.path));
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 4u);
    BOOST_TEST(fs::is_directory(d));
    BOOST_TEST(scratch.entries() == 1u);
    fs::remove(d);

    tf::fault_injection::clear();
    tf::fault_injection::fail(tf::sys_call::mkdir, disk_full);
    boost::system::error_code ec;
    const fs::path none =
        tf::make_temp_dir< tf::random_name<>, tf::owner_only, faulty >(tf::options().dir(scratch.path), ec);
    BOOST_TEST(ec == system_error(disk_full), ec.message());
    BOOST_TEST(tf::fault_injection::calls(tf::sys_call::mkdir) == 1u);
    BOOST_TEST(none.empty());
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(make_temp_dir_returns_an_absolute_existing_directory)
{
    const fs::path d = tf::make_temp_dir(tf::options().prefix("manual_dir_"));
    BOOST_TEST(d.is_absolute());
    BOOST_TEST(fs::is_directory(d));
    BOOST_TEST(d.filename().string().substr(0, 11) == "manual_dir_");
    fs::remove(d);
}

BOOST_AUTO_TEST_CASE(pattern_name_makes_the_whole_name)
{
    case_dir scratch;
    const fs::path d = tf::make_temp_dir< tf::pattern_name >(tf::options().dir(scratch.path).pattern("build-XXXXXX.d"));
    const std::string name = d.filename().string();
    BOOST_TEST(name.size() == 14u);
    BOOST_TEST(name.substr(0, 6) == "build-");
    BOOST_TEST(name.substr(12) == ".d");
}

BOOST_AUTO_TEST_SUITE_END()
