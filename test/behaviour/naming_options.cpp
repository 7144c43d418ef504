// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Run-time options (prefix, suffix, dir, attempts, the temporary-directory
// variable) and the stock naming policies (random_name, pattern_name) with
// their random source, on every backend. POSIX-only (a forked child's random
// sequence) and the spellings of a directory the review changes (lexical
// dot-dot) are in test/run/naming_options.cpp; Windows names (drive letters,
// streams, backslashes, UTF-8) in test/windows/named_temp_file.cpp.

#define BOOST_TEST_MODULE behaviour_naming_options
#include <boost/filesystem/directory.hpp>
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/portable.hpp"

#include <climits>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using namespace portable;

namespace {

bool is_alphabet(const std::string& s)
{
    return !s.empty() && s.find_first_not_of(tf::name_alphabet) == std::string::npos;
}

bool starts_with(const std::string& s, const std::string& head)
{
    return s.size() >= head.size() && s.compare(0, head.size(), head) == 0;
}

bool ends_with(const std::string& s, const std::string& tail)
{
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string pattern_once(const std::string& pattern)
{
    std::string name = "junk";
    tf::pattern_name().generate(tf::options().pattern(pattern), name);
    return name;
}

//! Entries below p, at any depth.
std::size_t entries_below(const fs::path& p)
{
    std::size_t n = 0;
    for (fs::recursive_directory_iterator it(p), end; it != end; ++it)
        ++n;
    return n;
}

//! Makes temp_directory_path() look again when the scope ends: declared
//! before a scoped_env, it runs after the variable is restored.
struct temp_directory_reset
{
    temp_directory_reset() { tf::reset_temp_directory_path(); }
    ~temp_directory_reset() { tf::reset_temp_directory_path(); }
};

//! Counts its calls; always offers the same name.
struct same_name
{
    static inline unsigned calls = 0;
    void generate(const tf::options&, std::string& name)
    {
        ++calls;
        name = "same";
    }
};

template< typename Make >
void expect_invalid_argument_before_creation(const char* what, Make make)
{
    BOOST_TEST_CONTEXT(what)
    {
        handle_leak_check leak;
        scratch_dir scratch;
        // A subdirectory "a" catches a '/' that was passed through to open().
        fs::create_directory(scratch.path / "a");
        bool thrown = false;
        try
        {
            make(scratch.path, nullptr);
        }
        catch (const fs::filesystem_error& e)
        {
            thrown = true;
            BOOST_TEST((e.code() == boost::system::errc::invalid_argument), e.code().message());
        }
        BOOST_TEST(thrown);
        boost::system::error_code ec;
        make(scratch.path, &ec);
        BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
        BOOST_TEST(entries_below(scratch.path) == 1u);
    }
}

//! Tries every creating API with `opts` in `dir`; returns what ec says (or throws).
void create_each(const tf::options& base, const fs::path& dir, boost::system::error_code* ec, int which)
{
    tf::options opts = base;
    opts.dir(dir);
    switch (which)
    {
    case 0:
        if (ec)
            tf::named_temp_file<> f(opts, *ec);
        else
            tf::named_temp_file<> f(opts);
        break;
    case 1:
    {
        tf::created_file made = ec ? tf::make_temp_file(opts, *ec) : tf::make_temp_file(opts);
        if (made.handle != no_handle())
            close_handle(made.handle);
        break;
    }
    case 2:
        if (ec)
            (void)tf::make_temp_dir(opts, *ec);
        else
            (void)tf::make_temp_dir(opts);
        break;
    case 3:
        if (ec)
            tf::temp_file f(opts, *ec);
        else
            tf::temp_file f(opts);
        break;
    }
}

const char* const api_names[] = {"named_temp_file", "make_temp_file", "make_temp_dir", "temp_file"};

} // namespace

BOOST_AUTO_TEST_SUITE(run_time_options)

BOOST_AUTO_TEST_CASE(defaults)
{
    tf::options o;
    BOOST_TEST(o.prefix() == "tmp");
    BOOST_TEST(o.suffix().empty());
    BOOST_TEST(o.pattern().empty());
    BOOST_TEST(o.dir().empty());
    BOOST_TEST(o.attempts() == 100u);
}

BOOST_AUTO_TEST_CASE(prefix_suffix_and_dir_are_honoured)
{
    handle_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().prefix("my_app_").suffix(".log").dir(scratch.path));
    const std::string name = f.path().filename().string();
    BOOST_TEST(f.path().parent_path() == scratch.path);
    BOOST_TEST(starts_with(name, "my_app_"), name);
    BOOST_TEST(ends_with(name, ".log"), name);
    BOOST_TEST(name.size() == 7u + 10u + 4u);
    BOOST_TEST(is_alphabet(name.substr(7, 10)), name);
}

BOOST_AUTO_TEST_CASE(empty_prefix_gives_only_random_characters)
{
    handle_leak_check leak;
    scratch_dir scratch;
    tf::named_temp_file<> f(tf::options().prefix("").dir(scratch.path));
    const std::string name = f.path().filename().string();
    BOOST_TEST(name.size() == 10u);
    BOOST_TEST(is_alphabet(name), name);
}

void expect_bad_prefix_and_suffix_rejected(int which)
{
    const std::string with_nul("a\0b", 3);
    BOOST_TEST_CONTEXT(api_names[which])
    {
        auto with = [which](tf::options o) {
            return [which, o](const fs::path& dir, boost::system::error_code* ec) { create_each(o, dir, ec, which); };
        };
        expect_invalid_argument_before_creation("prefix with '/'", with(tf::options().prefix("a/")));
        expect_invalid_argument_before_creation("prefix with NUL", with(tf::options().prefix(with_nul)));
        expect_invalid_argument_before_creation("suffix with '/'", with(tf::options().suffix("/a")));
        expect_invalid_argument_before_creation("suffix with NUL", with(tf::options().suffix(with_nul)));
    }
}

BOOST_AUTO_TEST_CASE(separator_or_nul_in_prefix_or_suffix_is_rejected_before_creation)
{
    expect_bad_prefix_and_suffix_rejected(0);
    expect_bad_prefix_and_suffix_rejected(1);
    expect_bad_prefix_and_suffix_rejected(2);
}

// The same options must not succeed or fail depending on whether the file
// system takes O_TMPFILE (the fallback does use the prefix and suffix).
BOOST_AUTO_TEST_CASE(temp_file_rejects_separator_or_nul_in_prefix_or_suffix_too)
{
    expect_bad_prefix_and_suffix_rejected(3);
}

BOOST_AUTO_TEST_CASE(tmpdir_is_honoured_when_dir_is_empty)
{
    handle_leak_check leak;
    scratch_dir scratch;
    {
        temp_directory_reset reset;
        scoped_env env(temp_variable, scratch.path.string().c_str());
        tf::reset_temp_directory_path();
        BOOST_TEST(tf::temp_directory_path() == scratch.path);
        {
            tf::named_temp_file<> f;
            BOOST_TEST(f.path().parent_path() == scratch.path);
        }
        tf::created_file made = tf::make_temp_file();
        BOOST_TEST(made.path.parent_path() == scratch.path);
        close_handle(made.handle);
        fs::remove(made.path);
        const fs::path d = tf::make_temp_dir();
        BOOST_TEST(d.parent_path() == scratch.path);
        fs::remove(d);
    }
    // Restored: the next look no longer finds the scratch directory.
    BOOST_TEST(tf::temp_directory_path() != scratch.path);
    tf::named_temp_file<> after;
    BOOST_TEST(after.path().parent_path() != scratch.path);
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_CASE(zero_attempts_counts_as_one)
{
    handle_leak_check leak;
    scratch_dir scratch;
    std::ofstream((scratch.path / "same").string());
    same_name::calls = 0;
    boost::system::error_code ec;
    tf::basic_named_temp_file< tf::delete_on_close, same_name > f(tf::options().dir(scratch.path).attempts(0), ec);
    BOOST_TEST((ec == boost::system::errc::file_exists), ec.message());
    BOOST_TEST(same_name::calls == 1u);
}

BOOST_AUTO_TEST_CASE(default_attempts_is_one_hundred)
{
    handle_leak_check leak;
    scratch_dir scratch;
    std::ofstream((scratch.path / "same").string());
    same_name::calls = 0;
    boost::system::error_code ec;
    tf::basic_named_temp_file< tf::delete_on_close, same_name > f(tf::options().dir(scratch.path), ec);
    BOOST_TEST((ec == boost::system::errc::file_exists), ec.message());
    BOOST_TEST(same_name::calls == 100u);
    BOOST_TEST(scratch.entries() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(pattern_names)

BOOST_AUTO_TEST_CASE(six_x_in_the_middle_are_replaced)
{
    const std::string name = pattern_once("build-XXXXXX.o");
    BOOST_TEST(name.size() == 14u);
    BOOST_TEST(starts_with(name, "build-"), name);
    BOOST_TEST(ends_with(name, ".o"), name);
    BOOST_TEST(is_alphabet(name.substr(6, 6)), name);
}

BOOST_AUTO_TEST_CASE(every_percent_is_replaced)
{
    const std::string name = pattern_once("%%%%-%%%%");
    BOOST_TEST(name.size() == 9u);
    BOOST_TEST(name[4] == '-');
    BOOST_TEST(is_alphabet(name.substr(0, 4)), name);
    BOOST_TEST(is_alphabet(name.substr(5, 4)), name);
    BOOST_TEST(name.find('%') == std::string::npos, name);
}

// Was only_the_last_run_of_six_or_more_x_is_replaced: issue 11 point 15
// decided that every run of six or more X is a run of placeholders
// (naming_defects.cpp holds the cases that prove the change).
BOOST_AUTO_TEST_CASE(every_run_of_six_or_more_x_is_replaced)
{
    std::string name = pattern_once("XX-XXXXXX");
    BOOST_TEST(starts_with(name, "XX-"), name);
    BOOST_TEST(is_alphabet(name.substr(3)), name);

    name = pattern_once("XXXXXX-XXXXXXX-XX");
    BOOST_TEST(name.size() == 17u);
    BOOST_TEST(is_alphabet(name.substr(0, 6)), name);
    BOOST_TEST(name[6] == '-');
    BOOST_TEST(is_alphabet(name.substr(7, 7)), name);
    BOOST_TEST(ends_with(name, "-XX"), name);

    name = pattern_once("XXXXXXXX");
    BOOST_TEST(is_alphabet(name), name);
    BOOST_TEST(name.size() == 8u);
}

BOOST_AUTO_TEST_CASE(percent_and_x_run_together)
{
    const std::string name = pattern_once("p%-XXXXXX-X");
    BOOST_TEST(name.size() == 11u);
    BOOST_TEST(name[0] == 'p');
    BOOST_TEST(is_alphabet(name.substr(1, 1)), name);
    BOOST_TEST(is_alphabet(name.substr(3, 6)), name);
    BOOST_TEST(ends_with(name, "-X"), name);
}

BOOST_AUTO_TEST_CASE(pattern_without_placeholder_gives_no_name)
{
    BOOST_TEST(pattern_once("plain.txt").empty());
    BOOST_TEST(pattern_once("XXXXX").empty()); // five X are literal
    BOOST_TEST(pattern_once("").empty());
}

BOOST_AUTO_TEST_CASE(pattern_without_placeholder_is_rejected_before_creation)
{
    using patterned = tf::basic_named_temp_file< tf::delete_on_close, tf::pattern_name >;
    for (const char* pattern : {"plain.txt", "XXXXX-XX", ""})
    {
        BOOST_TEST_CONTEXT("pattern \"" << pattern << '"')
        {
            handle_leak_check leak;
            scratch_dir scratch;
            bool thrown = false;
            try
            {
                patterned f(tf::options().pattern(pattern).dir(scratch.path));
            }
            catch (const fs::filesystem_error& e)
            {
                thrown = true;
                BOOST_TEST((e.code() == boost::system::errc::invalid_argument), e.code().message());
            }
            BOOST_TEST(thrown);
            boost::system::error_code ec;
            patterned f(tf::options().pattern(pattern).dir(scratch.path), ec);
            BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
            BOOST_TEST(!f.is_open());
            boost::system::error_code ec_dir;
            const fs::path d = tf::make_temp_dir< tf::pattern_name >(tf::options().pattern(pattern).dir(scratch.path),
                                                                     ec_dir);
            BOOST_TEST((ec_dir == boost::system::errc::invalid_argument), ec_dir.message());
            BOOST_TEST(d.empty());
            BOOST_TEST(scratch.entries() == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(pattern_with_a_separator_is_rejected_before_creation)
{
    handle_leak_check leak;
    scratch_dir scratch;
    fs::create_directory(scratch.path / "sub");
    boost::system::error_code ec;
    tf::basic_named_temp_file< tf::delete_on_close, tf::pattern_name > f(
        tf::options().pattern("sub/XXXXXX").dir(scratch.path), ec);
    BOOST_TEST((ec == boost::system::errc::invalid_argument), ec.message());
    BOOST_TEST(entries_below(scratch.path) == 1u);
}

BOOST_AUTO_TEST_CASE(pattern_names_real_files_and_differs_across_calls)
{
    handle_leak_check leak;
    scratch_dir scratch;
    {
        std::vector< tf::basic_named_temp_file< tf::delete_on_destroy, tf::pattern_name > > files;
        std::set< std::string > names;
        for (int i = 0; i < 300; ++i)
        {
            files.emplace_back(tf::options().pattern("build-XXXXXXXXXX.o").dir(scratch.path));
            const std::string name = files.back().path().filename().string();
            BOOST_TEST(starts_with(name, "build-"), name);
            BOOST_TEST(ends_with(name, ".o"), name);
            names.insert(name);
            files.back().close();
        }
        BOOST_TEST(names.size() == 300u);
        BOOST_TEST(scratch.entries() == 300u);
    }
    BOOST_TEST(scratch.entries() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(random_source)

BOOST_AUTO_TEST_CASE(random_name_is_prefix_n_alphabet_characters_suffix)
{
    const tf::options opts = tf::options().prefix("pre-").suffix(".suf");
    std::string name = "junk";
    tf::random_name< 6 >().generate(opts, name);
    BOOST_TEST(name.size() == 4u + 6u + 4u);
    BOOST_TEST(starts_with(name, "pre-"), name);
    BOOST_TEST(ends_with(name, ".suf"), name);
    BOOST_TEST(is_alphabet(name.substr(4, 6)), name);

    tf::random_name< 32 >().generate(opts, name);
    BOOST_TEST(name.size() == 4u + 32u + 4u);
    BOOST_TEST(is_alphabet(name.substr(4, 32)), name);

    tf::random_name<>().generate(tf::options(), name);
    BOOST_TEST(tf::random_name<>::length == 10u);
    BOOST_TEST(name.size() == 3u + 10u);
    BOOST_TEST(starts_with(name, "tmp"), name);
}

BOOST_AUTO_TEST_CASE(random_names_differ_across_many_calls)
{
    std::set< std::string > seen;
    std::string name;
    tf::random_name<> naming;
    for (int i = 0; i < 20000; ++i)
    {
        naming.generate(tf::options(), name);
        seen.insert(name);
    }
    BOOST_TEST(seen.size() == 20000u);
}

BOOST_AUTO_TEST_CASE(alphabet_is_32_filename_safe_case_distinct_characters)
{
    const std::string alphabet = tf::name_alphabet;
    BOOST_TEST(alphabet.size() == 32u);
    BOOST_TEST(std::set< char >(alphabet.begin(), alphabet.end()).size() == 32u);
    for (char c : alphabet)
        BOOST_TEST(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')), c);
    BOOST_TEST(tf::name_alphabet_bits == 5u);
}

BOOST_AUTO_TEST_CASE(every_alphabet_character_is_about_equally_likely)
{
    std::string s;
    tf::append_random_chars(s, 320000);
    std::map< char, int > counts;
    for (char c : s)
        ++counts[c];
    BOOST_TEST(counts.size() == 32u);
    // Expected 10000 each; a standard deviation is about 98.
    for (const auto& kv : counts)
        BOOST_TEST((kv.second > 9000 && kv.second < 11000), kv.first << ": " << kv.second);
}

BOOST_AUTO_TEST_CASE(append_random_chars_appends_only)
{
    std::string s = "keep:";
    tf::append_random_chars(s, 20);
    BOOST_TEST(s.size() == 25u);
    BOOST_TEST(starts_with(s, "keep:"));
    BOOST_TEST(is_alphabet(s.substr(5)), s);
    std::string t = "keep:";
    tf::append_random_chars(t, 20);
    BOOST_TEST(s != t);
    std::string u = "same";
    tf::append_random_chars(u, 0);
    BOOST_TEST(u == "same");
}

BOOST_AUTO_TEST_CASE(random_bits_are_distinct_and_use_all_64_bits)
{
    std::set< std::uint64_t > seen;
    std::uint64_t any = 0, all = ~std::uint64_t(0);
    for (int i = 0; i < 10000; ++i)
    {
        const std::uint64_t r = tf::random_bits();
        seen.insert(r);
        any |= r;
        all &= r;
    }
    BOOST_TEST(seen.size() == 10000u);
    BOOST_TEST(any == ~std::uint64_t(0));
    BOOST_TEST(all == 0u);
}

BOOST_AUTO_TEST_CASE(renewing_the_key_keeps_names_valid_and_distinct)
{
    std::set< std::string > seen;
    std::string name;
    for (int i = 0; i < 1000; ++i)
    {
        if (i % 10 == 0)
            tf::renew_random_key();
        tf::random_name<>().generate(tf::options().prefix(""), name);
        BOOST_TEST_REQUIRE(is_alphabet(name));
        seen.insert(name);
    }
    BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
