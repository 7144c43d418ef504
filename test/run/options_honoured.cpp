// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Issue 16.3 and 16.8: no option is silently ignored, and a refused option is
// reported against the directory. The stock naming policies honour every
// option the caller set or refuse it before anything is created: random_name
// makes its names from a pattern the caller set (named files, directories,
// make_temp_*), and refuses a pattern set together with a prefix or suffix;
// pattern_name refuses a prefix or suffix it would ignore. A bad prefix or
// suffix is a filesystem_error whose path1() is the directory, the text
// quoted in the message.
//
// Portable: built here and, through test/windows/options_honoured.cpp, for
// Windows (run under wine).

#define BOOST_TEST_MODULE options_honoured
#include <boost/tempfile/make_temp.hpp>
#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/spooled_temp_file.hpp>
#include <boost/tempfile/temp_dir.hpp>
#include <boost/tempfile/temp_file.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <functional>
#include <vector>
#include <iterator>
#include <string>
#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;
using boost::system::error_code;

namespace {

struct scratch_dir
{
    fs::path path;
    scratch_dir() : path(fs::temp_directory_path() / fs::unique_path("tf-options-%%%%-%%%%-%%%%"))
    {
        fs::create_directory(path);
    }
    ~scratch_dir()
    {
        error_code ec;
        fs::remove_all(path, ec);
    }
    tf::options in() const { return tf::options().dir(path); }
    std::size_t entries() const
    {
        return static_cast< std::size_t >(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
    }
};

//! Whether `name` is `before`, then n characters of name_alphabet, then `after`.
bool made_from(const std::string& name, const std::string& before, std::size_t n, const std::string& after)
{
    if (name.size() != before.size() + n + after.size() || name.compare(0, before.size(), before) != 0 ||
        name.compare(before.size() + n, after.size(), after) != 0)
        return false;
    for (std::size_t i = before.size(); i < before.size() + n; ++i)
        if (!std::strchr(tf::name_alphabet, name[i]))
            return false;
    return true;
}

void close_handle(tf::native_handle_type h)
{
#if defined(_WIN32)
    ::CloseHandle(h);
#else
    ::close(h);
#endif
}

//! Every creating API with `opts` (in `dir`), as a function of the error_code
//! form (nullptr: the throwing one).
struct creation
{
    const char* name;
    std::function< void(const tf::options&, error_code*) > make;
};

template< typename Naming >
std::vector< creation > creations()
{
    return {
        {"named_temp_file",
         [](const tf::options& o, error_code* ec) {
             if (ec)
                 tf::basic_named_temp_file< tf::delete_on_close, Naming > f(o, *ec);
             else
                 tf::basic_named_temp_file< tf::delete_on_close, Naming > f(o);
         }},
        {"temp_dir",
         [](const tf::options& o, error_code* ec) {
             if (ec)
                 tf::basic_temp_dir< tf::recursive_remove, Naming > d(o, *ec);
             else
                 tf::basic_temp_dir< tf::recursive_remove, Naming > d(o);
         }},
        {"make_temp_file",
         [](const tf::options& o, error_code* ec) {
             const tf::created_file made = ec ? tf::make_temp_file< Naming >(o, *ec) : tf::make_temp_file< Naming >(o);
             if (!made.path.empty())
             {
                 close_handle(made.handle);
                 fs::remove(made.path);
             }
         }},
        {"make_temp_dir",
         [](const tf::options& o, error_code* ec) {
             const fs::path made = ec ? tf::make_temp_dir< Naming >(o, *ec) : tf::make_temp_dir< Naming >(o);
             if (!made.empty())
                 fs::remove(made);
         }},
        {"temp_file",
         [](const tf::options& o, error_code* ec) {
             if (ec)
                 tf::basic_temp_file< Naming > t(o, *ec);
             else
                 tf::basic_temp_file< Naming > t(o);
         }},
        {"spooled_temp_file",
         [](const tf::options& o, error_code* ec) {
             if (ec)
                 tf::basic_spooled_temp_file< Naming > s(16, o, *ec);
             else
                 tf::basic_spooled_temp_file< Naming > s(16, o);
         }},
    };
}

//! Every creation must refuse `opts` with invalid_argument before anything
//! is made, in both error forms, the exception naming the directory and its
//! message holding `says`.
template< typename Naming >
void expect_refused(const tf::options& base, const char* says)
{
    for (const creation& c : creations< Naming >())
    {
        BOOST_TEST_CONTEXT(c.name)
        {
            scratch_dir scratch;
            tf::options opts = base;
            opts.dir(scratch.path);
            error_code ec;
            c.make(opts, &ec);
            BOOST_TEST(ec == boost::system::errc::invalid_argument, ec.message());
            try
            {
                c.make(opts, nullptr);
                BOOST_ERROR("nothing thrown");
            }
            catch (const fs::filesystem_error& e)
            {
                BOOST_TEST(e.code() == boost::system::errc::invalid_argument);
                BOOST_TEST(e.path1() == scratch.path, "path1 is the directory, not the option: " << e.path1());
                BOOST_TEST(std::string(e.what()).find(says) != std::string::npos, e.what());
            }
            BOOST_TEST(scratch.entries() == 0u, "nothing created");
        }
    }
}

#if defined(_WIN32)
const char* const separator_text = "a\\b";
#else
const char* const separator_text = "a/b";
#endif

} // namespace

// ---- random_name honours a pattern the caller set --------------------------------------------------

BOOST_AUTO_TEST_CASE(random_name_makes_named_files_from_a_pattern_the_caller_set)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in().pattern("report-XXXXXX.csv"));
    BOOST_TEST(made_from(f.path().filename().string(), "report-", 6, ".csv"), f.path());
    const tf::created_file made = tf::make_temp_file(scratch.in().pattern("m-%%%%%%%%.txt"));
    BOOST_TEST(made_from(made.path.filename().string(), "m-", 8, ".txt"), made.path);
    close_handle(made.handle);
    fs::remove(made.path);
}

BOOST_AUTO_TEST_CASE(random_name_makes_directories_from_a_pattern_the_caller_set)
{
    scratch_dir scratch;
    tf::temp_dir<> d(scratch.in().pattern("build-XXXXXXXX"));
    BOOST_TEST(made_from(d.path().filename().string(), "build-", 8, ""), d.path());
    const fs::path made = tf::make_temp_dir(scratch.in().pattern("XXXXXX.d"));
    BOOST_TEST(made_from(made.filename().string(), "", 6, ".d"), made);
    fs::remove(made);
}

BOOST_AUTO_TEST_CASE(every_run_of_six_or_more_x_is_random_and_shorter_runs_are_text)
{
    scratch_dir scratch;
    tf::named_temp_file<> f(scratch.in().pattern("XXXXXX-XXXXXX-XX"));
    const std::string name = f.path().filename().string();
    BOOST_TEST(made_from(name.substr(0, 7), "", 6, "-"), name);
    BOOST_TEST(made_from(name.substr(7), "", 6, "-XX"), name);
}

BOOST_AUTO_TEST_CASE(random_name_refuses_a_pattern_set_together_with_a_prefix_or_suffix)
{
    expect_refused< tf::random_name<> >(tf::options().prefix("a-").pattern("XXXXXX"), "prefix or suffix");
    expect_refused< tf::random_name<> >(tf::options().suffix(".log").pattern("XXXXXX"), "prefix or suffix");
}

BOOST_AUTO_TEST_CASE(an_option_set_to_its_default_value_counts_as_set)
{
    expect_refused< tf::random_name<> >(tf::options().prefix("tmp").pattern("XXXXXX"), "prefix or suffix");
}

BOOST_AUTO_TEST_CASE(random_name_refuses_a_pattern_with_too_few_placeholders)
{
    expect_refused< tf::random_name<> >(tf::options().pattern("report-XXXXX.csv"), "\"report-XXXXX.csv\"");
}

BOOST_AUTO_TEST_CASE(pattern_name_refuses_a_prefix_or_suffix_it_would_ignore)
{
    expect_refused< tf::pattern_name >(tf::options().prefix("ignored-").pattern("XXXXXX"), "prefix or suffix");
    expect_refused< tf::pattern_name >(tf::options().suffix(".ignored").pattern("XXXXXX"), "prefix or suffix");
}

BOOST_AUTO_TEST_CASE(a_users_naming_policy_sees_every_option_and_is_not_second_guessed)
{
    struct both
    {
        void generate(const tf::options& o, std::string& name) const
        {
            name = o.prefix() + std::to_string(tf::random_bits()) + o.pattern();
        }
    };
    scratch_dir scratch;
    tf::basic_named_temp_file< tf::delete_on_close, both > f(scratch.in().prefix("p-").pattern("-pat"));
    const std::string name = f.path().filename().string();
    BOOST_TEST(name.compare(0, 2, "p-") == 0, name);
    BOOST_TEST(name.compare(name.size() - 4, 4, "-pat") == 0, name);
}

// ---- 16.8: a bad prefix or suffix names the directory -------------------------------------------------

BOOST_AUTO_TEST_CASE(a_bad_prefix_or_suffix_is_reported_against_the_directory_with_the_text_quoted)
{
    const std::string quoted = std::string("\"") + separator_text + "\"";
    expect_refused< tf::random_name<> >(tf::options().prefix(separator_text), quoted.c_str());
    expect_refused< tf::random_name<> >(tf::options().suffix(separator_text), quoted.c_str());
}

BOOST_AUTO_TEST_CASE(a_bad_prefix_without_a_directory_names_the_temporary_directory)
{
    try
    {
        tf::named_temp_file<> f(tf::options().prefix(separator_text));
        BOOST_ERROR("nothing thrown");
    }
    catch (const fs::filesystem_error& e)
    {
        BOOST_TEST(e.code() == boost::system::errc::invalid_argument);
        BOOST_TEST(e.path1() == tf::temp_directory_path(), e.path1());
        BOOST_TEST(e.path1() != fs::path(separator_text));
    }
}

BOOST_AUTO_TEST_CASE(control_characters_in_a_bad_prefix_are_shown_escaped)
{
    scratch_dir scratch;
    try
    {
        tf::named_temp_file<> f(scratch.in().prefix(std::string("x\n") + separator_text));
        BOOST_ERROR("nothing thrown");
    }
    catch (const fs::filesystem_error& e)
    {
        const std::string what = e.what();
        BOOST_TEST(what.find("x\\x0a") != std::string::npos, what);
        BOOST_TEST(what.find('\n') == std::string::npos, what);
    }
}
