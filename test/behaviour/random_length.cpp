// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// options().random_length(n) (Rust's rand_bytes) on every backend: the
// run-time length wins over random_name's Length for every creation; 0 is
// the exact name prefix + suffix, tried once and reported at once with its
// own path when taken; lengths that cannot work, and the combinations that
// would ignore it (a pattern, pattern_name), are refused before anything
// is made.

#define BOOST_TEST_MODULE behaviour_random_length
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

bool is_alphabet(const std::string& s)
{
    return s.find_first_not_of(tf::name_alphabet) == std::string::npos;
}

//! The random part of `name` between `prefix` and `suffix`, or "<shape>" when the name has another shape.
std::string random_part(const std::string& name, const std::string& prefix, const std::string& suffix)
{
    if (name.size() < prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return "<shape>";
    return name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
}

void check_refused(const boost::system::error_code& ec, const case_dir& scratch)
{
    BOOST_TEST(ec == boost::system::errc::invalid_argument);
    BOOST_TEST((ec.category() == boost::system::generic_category()));
    BOOST_TEST(scratch.entries() == 0u);
}

//! Counts its calls; offers the length it was asked for as the name.
struct length_as_name
{
    static inline unsigned calls = 0;
    void generate(const tf::options& opts, std::string& name)
    {
        ++calls;
        name = "len-" + std::to_string(opts.random_length()) + "-" + std::to_string(calls);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_run_time_random_length_wins_over_the_compile_time_length)
{
    case_dir scratch;
    for (const std::size_t n : {6u, 7u, 20u, 64u})
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix("p-").suffix(".s").random_length(n));
        const std::string part = random_part(name_of(f.path()), "p-", ".s");
        BOOST_TEST(part.size() == n);
        BOOST_TEST(is_alphabet(part));
    }
    // And a random_name<N> of another length yields to it too.
    tf::basic_named_temp_file< tf::delete_on_close, tf::random_name< 30 > > g(
        tf::options().dir(scratch.path).prefix("").random_length(8));
    BOOST_TEST(name_of(g.path()).size() == 8u);
}

BOOST_AUTO_TEST_CASE(the_longest_random_part_is_255_characters)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix("").random_length(tf::detail::max_random_length));
    BOOST_TEST(name_of(f.path()).size() == 255u);
}

BOOST_AUTO_TEST_CASE(every_creation_honours_the_random_length)
{
    case_dir scratch;
    const tf::options opts = tf::options().dir(scratch.path).prefix("q").random_length(9);
    {
        tf::temp_dir<> d(opts);
        BOOST_TEST(random_part(name_of(d.path()), "q", "").size() == 9u);
    }
    {
        const fs::path d = tf::make_temp_dir(opts);
        BOOST_TEST(random_part(name_of(d), "q", "").size() == 9u);
        fs::remove(d);
    }
    {
        const tf::created_file made = tf::make_temp_file(opts);
        BOOST_TEST(random_part(name_of(made.path), "q", "").size() == 9u);
        close_handle(made.handle);
        fs::remove(made.path);
    }
    std::string name;
    tf::random_name<>().generate(opts, name);
    BOOST_TEST(random_part(name, "q", "").size() == 9u);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(random_length_zero_makes_the_exact_name)
{
    case_dir scratch;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix("server").suffix(".lock").random_length(0));
    BOOST_TEST(f.path() == scratch.path / "server.lock");
    tf::temp_dir<> d(tf::options().dir(scratch.path).prefix("exact-dir").random_length(0));
    BOOST_TEST(d.path() == scratch.path / "exact-dir");
    std::string name;
    tf::random_name<>().generate(tf::options().prefix("a").suffix("b").random_length(0), name);
    BOOST_TEST(name == "ab");
}

BOOST_AUTO_TEST_CASE(a_taken_exact_name_fails_at_once_naming_the_name)
{
    case_dir scratch;
    write_file(scratch.path / "taken", "theirs");
    boost::system::error_code ec;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix("taken").random_length(0).attempts(1000), ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(read_file(scratch.path / "taken") == "theirs");
    BOOST_TEST(scratch.entries() == 1u);
    try
    {
        tf::named_temp_file<> thrown(tf::options().dir(scratch.path).prefix("taken").random_length(0));
        BOOST_ERROR("a taken exact name was accepted");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == scratch.path / "taken");
        BOOST_TEST(std::string(e.what()).find("tried once") != std::string::npos);
    }
    // A directory at the exact name stops a directory and a file alike.
    make_dir(scratch.path / "dir");
    tf::temp_dir<> d(tf::options().dir(scratch.path).prefix("dir").random_length(0), ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    const tf::created_file made = tf::make_temp_file(tf::options().dir(scratch.path).prefix("dir").random_length(0), ec);
    BOOST_TEST(ec == boost::system::errc::file_exists);
    BOOST_TEST(made.path.empty());
    BOOST_TEST(scratch.entries() == 2u);
}

BOOST_AUTO_TEST_CASE(random_lengths_that_cannot_work_are_refused_before_anything_is_made)
{
    case_dir scratch;
    boost::system::error_code ec;
    for (const std::size_t n : {1u, 2u, 5u, 256u, 100000u})
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path).random_length(n), ec);
        check_refused(ec, scratch);
        tf::temp_dir<> d(tf::options().dir(scratch.path).random_length(n), ec);
        check_refused(ec, scratch);
        tf::temp_file t(tf::options().dir(scratch.path).random_length(n), ec);
        check_refused(ec, scratch);
        tf::spooled_temp_file s(4, tf::options().dir(scratch.path).random_length(n), ec);
        check_refused(ec, scratch);
    }
}

BOOST_AUTO_TEST_CASE(an_exact_name_that_is_no_file_name_is_refused)
{
    case_dir scratch;
    boost::system::error_code ec;
    for (const char* prefix : {"", ".", ".."})
    {
        tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix(prefix).random_length(0), ec);
        check_refused(ec, scratch);
    }
    tf::named_temp_file<> f(tf::options().dir(scratch.path).prefix("a/b").random_length(0), ec);
    check_refused(ec, scratch);
}

BOOST_AUTO_TEST_CASE(a_random_length_that_a_pattern_would_ignore_is_refused)
{
    case_dir scratch;
    boost::system::error_code ec;
    tf::named_temp_file<> f(tf::options().dir(scratch.path).pattern("x-%%%%%%").random_length(8), ec);
    check_refused(ec, scratch);
    tf::basic_named_temp_file< tf::delete_on_close, tf::pattern_name > g(
        tf::options().dir(scratch.path).pattern("x-%%%%%%").random_length(8), ec);
    check_refused(ec, scratch);
    try
    {
        tf::basic_temp_dir< tf::recursive_remove, tf::pattern_name > d(
            tf::options().dir(scratch.path).pattern("x-%%%%%%").random_length(8));
        BOOST_ERROR("pattern_name accepted random_length");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(std::string(e.what()).find("random_length(8)") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_users_naming_policy_sees_the_random_length_and_decides)
{
    case_dir scratch;
    length_as_name::calls = 0;
    tf::basic_named_temp_file< tf::delete_on_close, length_as_name > f(
        tf::options().dir(scratch.path).random_length(3));
    BOOST_TEST(name_of(f.path()) == "len-3-1");
}
