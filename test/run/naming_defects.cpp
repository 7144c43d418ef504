// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 11, point 15: pattern_name's rules. A pattern must carry at least
// min_random_chars (6) random characters, or a local user can take all its
// names beforehand (a single '%' gives 32); it is refused once, before
// anything is made, with invalid_argument naming the pattern in the message
// and the directory as the path. A backslash makes '%', 'X' and '\' literal;
// one before anything else is refused. Every run of six or more 'X' is random,
// not only the last.

#define BOOST_TEST_MODULE naming_defects
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using test_support::fd_leak_check;
using portable::case_dir;
using test_support::scratch_dir;

namespace {

using pattern_file = tf::basic_named_temp_file< tf::delete_on_close, tf::pattern_name >;
using pattern_dir = tf::basic_temp_dir< tf::recursive_remove, tf::pattern_name >;
using pattern_anonymous = tf::basic_temp_file< tf::pattern_name >;
using pattern_spooled = tf::basic_spooled_temp_file< tf::pattern_name >;

bool is_alphabet(const std::string& s)
{
    if (s.empty())
        return false;
    for (const char c : s)
        if (std::strchr(tf::name_alphabet, c) == nullptr || c == '\0')
            return false;
    return true;
}

bool contains(const std::string& s, const std::string& part)
{
    return s.find(part) != std::string::npos;
}

std::string generated(const std::string& pattern)
{
    std::string name = "left over";
    tf::pattern_name().generate(tf::options().pattern(pattern), name);
    return name;
}

//! What each creator reports for `pattern` in `dir`: every error form of
//! every creator that takes a naming policy. Nothing may be created.
struct refusal
{
    boost::system::error_code code;
    std::string what;
    fs::path path1;
};

std::vector< refusal > refusals(const std::string& pattern, const fs::path& dir)
{
    const tf::options opts = tf::options().pattern(pattern).dir(dir);
    std::vector< refusal > out;
    const auto thrown = [&](auto make) {
        refusal r;
        try
        {
            make();
            r.what = "<nothing thrown>";
        }
        catch (const fs::filesystem_error& e)
        {
            r.code = e.code();
            r.what = e.what();
            r.path1 = e.path1();
        }
        out.push_back(r);
    };
    const auto with_ec = [&](auto make) {
        refusal r;
        make(r.code);
        r.what = "<error_code form>";
        r.path1 = dir; // the ec form has no path: nothing to compare
        out.push_back(r);
    };
    thrown([&] { pattern_file f(opts); });
    thrown([&] { pattern_dir d(opts); });
    thrown([&] { pattern_anonymous f(opts); });
    thrown([&] { pattern_spooled f(16, opts); });
    thrown([&] {
        const tf::created_file made = tf::make_temp_file< tf::pattern_name >(opts);
        ::close(made.handle);
    });
    thrown([&] { (void)tf::make_temp_dir< tf::pattern_name >(opts); });
    with_ec([&](boost::system::error_code& ec) { pattern_file f(opts, ec); });
    with_ec([&](boost::system::error_code& ec) { pattern_dir d(opts, ec); });
    with_ec([&](boost::system::error_code& ec) { pattern_anonymous f(opts, ec); });
    with_ec([&](boost::system::error_code& ec) { pattern_spooled f(16, opts, ec); });
    with_ec([&](boost::system::error_code& ec) {
        const tf::created_file made = tf::make_temp_file< tf::pattern_name >(opts, ec);
        if (made.handle >= 0)
            ::close(made.handle);
    });
    with_ec([&](boost::system::error_code& ec) { (void)tf::make_temp_dir< tf::pattern_name >(opts, ec); });
    return out;
}

//! Checks that every creator refuses `pattern` with invalid_argument, the
//! directory as path, and `expected` in the message, creating nothing.
void check_refused(const std::string& pattern, const std::string& expected)
{
    BOOST_TEST_CONTEXT("pattern \"" << pattern << '"')
    {
        fd_leak_check leaks;
        scratch_dir scratch;
        for (const refusal& r : refusals(pattern, scratch.path))
        {
            BOOST_TEST((r.code == boost::system::errc::invalid_argument), r.code.message() << ": " << r.what);
            BOOST_TEST(r.path1 == scratch.path, r.what);
            if (r.what != "<error_code form>")
                BOOST_TEST(contains(r.what, expected), r.what);
        }
        BOOST_TEST(scratch.entries() == 0u);
    }
}

//! Counts the names it is asked for: shows whether a refused pattern ever
//! reaches the naming policy (it must not: the check is made once, first).
struct counting_pattern : tf::pattern_name
{
    static int calls;
    void generate(const tf::options& opts, std::string& name) const
    {
        ++calls;
        tf::pattern_name::generate(opts, name);
    }
};
int counting_pattern::calls = 0;

} // namespace

BOOST_AUTO_TEST_SUITE(entropy)

BOOST_AUTO_TEST_CASE(a_pattern_with_fewer_than_six_random_characters_is_refused_by_every_creator)
{
    check_refused("x%", "\"x%\" has 1 random character; pattern_name needs at least 6");
    check_refused("report-%%%%.csv", "\"report-%%%%.csv\" has 4 random characters");
    check_refused("%%%%%", "has 5 random characters");
    check_refused("XXXXX%", "has 1 random character;"); // five X are text
    check_refused("XXXXX-XXXXX", "has 0 random characters");
}

BOOST_AUTO_TEST_CASE(squatting_every_name_of_a_one_percent_pattern_is_no_longer_possible)
{
    // The attack: a single '%' has 32 names; whoever creates them first
    // blocks every later creation. Now the pattern itself is refused, with
    // the cause, instead of "all 100 names tried already exist".
    case_dir scratch;
    fd_leak_check leaks;
    for (const char c : std::string(tf::name_alphabet))
    {
        const fs::path squat = scratch.path / (std::string("x") + c);
        const int fd = ::open(squat.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        BOOST_TEST_REQUIRE(fd >= 0);
        ::close(fd);
    }
    try
    {
        pattern_file f(tf::options().pattern("x%").dir(scratch.path));
        BOOST_ERROR("a one-character pattern was accepted: " << f.path());
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST((e.code() == boost::system::errc::invalid_argument), e.what());
        BOOST_TEST(contains(e.what(), "\"x%\""), e.what());
        BOOST_TEST(!contains(e.what(), "already exist"), e.what());
    }
    BOOST_TEST(scratch.entries() == 32u);
}

BOOST_AUTO_TEST_CASE(six_random_characters_are_enough_wherever_they_come_from)
{
    case_dir scratch;
    fd_leak_check leaks;
    for (const char* pattern : {"%%%%%%", "XXXXXX", "%%%-XXXXX-%%%", "a%b%c%d%e%f%"})
    {
        BOOST_TEST_CONTEXT(pattern)
        {
            boost::system::error_code ec;
            pattern_file f(tf::options().pattern(pattern).dir(scratch.path), ec);
            BOOST_TEST(!ec, ec.message());
            BOOST_TEST(f.is_open());
        }
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(generate_makes_no_name_from_a_pattern_the_library_refuses)
{
    BOOST_TEST(generated("x%").empty());
    BOOST_TEST(generated("%%%%%").empty());
    BOOST_TEST(generated("a\\b-XXXXXX").empty());
    BOOST_TEST(generated("XXXXXX\\").empty());
    BOOST_TEST(generated("").empty());
    BOOST_TEST(generated("%%%%%%").size() == 6u);
    BOOST_TEST(tf::min_random_chars == 6u);
}

BOOST_AUTO_TEST_CASE(a_refused_pattern_never_reaches_the_naming_policy)
{
    // The check belongs to the creation (once), not to each attempt.
    case_dir scratch;
    fd_leak_check leaks;
    counting_pattern::calls = 0;
    boost::system::error_code ec;
    tf::basic_named_temp_file< tf::delete_on_close, counting_pattern > f(
        tf::options().pattern("one-%").dir(scratch.path), ec);
    BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
    BOOST_TEST(counting_pattern::calls == 0);
    tf::basic_temp_file< counting_pattern > anonymous(tf::options().pattern("one-%").dir(scratch.path), ec);
    BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
    BOOST_TEST(counting_pattern::calls == 0);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(an_anonymous_file_refuses_a_bad_pattern_even_where_it_needs_no_name)
{
    // O_TMPFILE makes no name, so the pattern went unchecked on Linux and
    // was refused only where the fallback names a file: one rule everywhere.
    case_dir scratch;
    fd_leak_check leaks;
    boost::system::error_code ec;
    pattern_anonymous f(tf::options().pattern("tmp-%").dir(scratch.path), ec);
    BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
    BOOST_TEST(!f.is_open());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(messages)

BOOST_AUTO_TEST_CASE(the_error_names_the_pattern_in_its_message_and_the_directory_as_its_path)
{
    case_dir scratch;
    fd_leak_check leaks;
    try
    {
        pattern_file f(tf::options().pattern("sub/XXXXXX").dir(scratch.path));
        BOOST_ERROR("a pattern with a separator was accepted");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST((e.code() == boost::system::errc::invalid_argument), e.what());
        BOOST_TEST(e.path1() == scratch.path);
        BOOST_TEST(contains(e.what(), "the pattern \"sub/XXXXXX\" holds a path separator"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(in_the_default_directory_the_path_is_temp_directory_path)
{
    fd_leak_check leaks;
    try
    {
        pattern_file f(tf::options().pattern("%"));
        BOOST_ERROR("a one-character pattern was accepted: " << f.path());
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST((e.code() == boost::system::errc::invalid_argument), e.what());
        BOOST_TEST(e.path1() == tf::temp_directory_path(), e.what());
        BOOST_TEST(e.path1() != fs::path("%"), e.what());
    }
    try
    {
        // The spooled file checks at construction, before any directory is used.
        pattern_spooled f(0, tf::options().pattern("%"));
        BOOST_ERROR("a one-character pattern was accepted by a spooled file");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.path1() == tf::temp_directory_path(), e.what());
        BOOST_TEST(contains(e.what(), "\"%\" has 1 random character"), e.what());
    }
}

BOOST_AUTO_TEST_CASE(an_empty_pattern_says_that_pattern_name_needs_one)
{
    check_refused("", "pattern_name needs a pattern (options().pattern())");
}

BOOST_AUTO_TEST_CASE(control_characters_of_a_pattern_are_shown_escaped)
{
    // A NUL would cut the message short where it is read as a C string.
    check_refused(std::string("a\0b-XXXXXX", 10), "\"a\\x00b-XXXXXX\" holds a path separator or NUL");
    check_refused("line\nbreak-%", "\"line\\x0abreak-%\" has 1 random character");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(escapes)

BOOST_AUTO_TEST_CASE(a_backslash_makes_percent_x_and_backslash_literal)
{
    std::string name = generated("100\\%-XXXXXX");
    BOOST_TEST(name.size() == 11u, name);
    BOOST_TEST(name.compare(0, 5, "100%-") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(5)), name);

    // An escaped X belongs to no run: a literal X, then a run of six.
    name = generated("\\XXXXXXX");
    BOOST_TEST(name.size() == 7u, name);
    BOOST_TEST(name[0] == 'X', name);
    BOOST_TEST(is_alphabet(name.substr(1)), name);

    // Six escaped X stay text; the percents carry the randomness.
    name = generated("\\X\\X\\X\\X\\X\\X-%%%%%%");
    BOOST_TEST(name.compare(0, 7, "XXXXXX-") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(7)), name);
    BOOST_TEST(name.size() == 13u, name);

    name = generated("a\\\\b-%%%%%%");
    BOOST_TEST(name.compare(0, 4, "a\\b-") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(4)), name);
}

BOOST_AUTO_TEST_CASE(a_file_can_have_a_literal_percent_in_its_name)
{
    case_dir scratch;
    fd_leak_check leaks;
    pattern_file f(tf::options().pattern("100\\%-done-XXXXXX.log").dir(scratch.path));
    const std::string name = f.path().filename().string();
    BOOST_TEST(name.compare(0, 10, "100%-done-") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(10, 6)), name);
    BOOST_TEST(name.substr(16) == ".log", name);
}

BOOST_AUTO_TEST_CASE(a_backslash_that_escapes_nothing_is_refused_with_its_offset)
{
    check_refused("a\\b-XXXXXX", "'\\' at offset 1 that escapes nothing");
    check_refused("name-XXXXXX\\", "'\\' at offset 11 that escapes nothing");
}

BOOST_AUTO_TEST_CASE(escape_pattern_makes_any_text_stand_for_itself)
{
    const std::string text = "50% of XXXXXXXX\\ %%";
    const std::string escaped = tf::escape_pattern(text);
    BOOST_TEST(escaped == "50\\% of \\X\\X\\X\\X\\X\\X\\X\\X\\\\ \\%\\%");
    const std::string name = generated(tf::escape_pattern(text) + "-XXXXXX");
    BOOST_TEST(name.compare(0, text.size() + 1, text + "-") == 0, name);
    BOOST_TEST(is_alphabet(name.substr(text.size() + 1)), name);
    BOOST_TEST(name.size() == text.size() + 7, name);
    // Text alone has no randomness: refused.
    BOOST_TEST(generated(tf::escape_pattern("XXXXXXXXXX")).empty());
}

BOOST_AUTO_TEST_CASE(atomic_file_with_pattern_name_keeps_its_target_name_as_text)
{
    // atomic_file gives pattern_name the pattern ".<target>.XXXXXXXXXX.tmp":
    // a target named with a backslash, a '%' or a run of X must still work,
    // and show in the temporary name as it is.
    case_dir scratch;
    fd_leak_check leaks;
    for (const char* target : {"back\\slash.conf", "100%.conf", "XXXXXXXX.conf"})
    {
        BOOST_TEST_CONTEXT(target)
        {
            boost::system::error_code ec;
            tf::basic_atomic_file< tf::copy_target_mode, tf::full_sync, tf::pattern_name > f(scratch.path / target,
                                                                                              ec);
            BOOST_TEST_REQUIRE(!ec, ec.message());
            const std::string name = f.temp_path().filename().string();
            const std::string head = std::string(".") + target + ".";
            BOOST_TEST(name.compare(0, head.size(), head) == 0, name);
            BOOST_TEST(is_alphabet(name.substr(head.size(), 10)), name);
            BOOST_TEST(name.substr(head.size() + 10) == ".tmp", name);
            f.stream() << "content";
            f.commit();
            BOOST_TEST(fs::file_size(scratch.path / target) == 7u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(runs_of_x)

BOOST_AUTO_TEST_CASE(every_run_of_six_or_more_x_is_random_not_only_the_last)
{
    const std::string name = generated("XXXXXX-XXXXXX");
    BOOST_TEST(name.size() == 13u, name);
    BOOST_TEST(is_alphabet(name.substr(0, 6)), name);
    BOOST_TEST(name[6] == '-', name);
    BOOST_TEST(is_alphabet(name.substr(7)), name);
    BOOST_TEST(name.compare(0, 6, "XXXXXX") != 0, name);

    // Short runs stay text wherever they are.
    const std::string mixed = generated("XX-XXXXXXX-XXXXX-XXXXXX");
    BOOST_TEST(mixed.compare(0, 3, "XX-") == 0, mixed);
    BOOST_TEST(is_alphabet(mixed.substr(3, 7)), mixed);
    BOOST_TEST(mixed.compare(10, 7, "-XXXXX-") == 0, mixed);
    BOOST_TEST(is_alphabet(mixed.substr(17, 6)), mixed);
}

BOOST_AUTO_TEST_CASE(names_from_two_runs_differ_between_creations)
{
    case_dir scratch;
    fd_leak_check leaks;
    std::set< std::string > first_runs;
    std::vector< pattern_file > files;
    for (int i = 0; i < 50; ++i)
    {
        files.emplace_back(tf::options().pattern("XXXXXX-XXXXXX").dir(scratch.path));
        first_runs.insert(files.back().path().filename().string().substr(0, 6));
    }
    // 30 random bits in the first run: fifty equal ones would mean none.
    BOOST_TEST(first_runs.size() > 45u);
}

BOOST_AUTO_TEST_SUITE_END()
