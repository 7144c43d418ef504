// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// tmp_path (issue 13), end to end: the sample test programs
// (sample_boost_test.cpp, sample_gtest.cpp) run as child processes, several
// times, under each retention policy, in parallel, killed with SIGKILL; what
// remains on disk is checked exactly against what each run reported.
//
// The samples' paths come after "--" on the command line (test/Jamfile
// passes the built programs), or from $TMP_PATH_SAMPLES (space-separated).
// A sample that is missing is a NOT TESTED line, not a pass.

#define BOOST_TEST_MODULE tmp_path_driver
#include <boost/tempfile/run_dir.hpp>
#include <boost/tempfile/temp_dir.hpp>
#include <boost/tempfile/test_dirs.hpp>
#include <boost/test/unit_test.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/operations.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace fs = boost::filesystem;
namespace tf = boost::tempfile;

namespace {

struct sample_program
{
    std::string exe;
    bool gtest = false;
    const char* name() const { return gtest ? "GoogleTest" : "Boost.Test"; }
    // Arguments that run only the named tests of the sample.
    std::vector< std::string > only(const std::string& tests) const
    {
        if (gtest)
            return {"--gtest_filter=" + tests};
        return {"--run_test=" + tests};
    }
    std::vector< std::string > only_passes() const { return only(gtest ? "sample.passes" : "sample/passes"); }
    std::vector< std::string > only_waits() const { return only(gtest ? "sample.waits" : "sample/waits"); }
    std::vector< std::string > only_fails() const { return only(gtest ? "sample.fails" : "sample/fails"); }
};

std::vector< sample_program > samples()
{
    std::vector< std::string > paths;
    const auto& master = boost::unit_test::framework::master_test_suite();
    // Boost.Test takes its own arguments and the "--" away.
    for (int i = 1; i < master.argc; ++i)
        if (master.argv[i][0] != '-')
            paths.push_back(master.argv[i]);
    if (paths.empty())
        if (const char* env = std::getenv("TMP_PATH_SAMPLES"))
        {
            std::istringstream in(env);
            for (std::string p; in >> p;)
                paths.push_back(p);
        }
    std::vector< sample_program > found;
    for (const std::string& p : paths)
    {
        sample_program s;
        s.exe = fs::absolute(p).string();
        s.gtest = fs::path(p).filename().string().find("gtest") != std::string::npos;
        found.push_back(s);
    }
    return found;
}

//! Runs `test` once per sample; says NOT TESTED for a framework without one.
template< typename Test >
void for_each_sample(Test test)
{
    bool boost_test = false, gtest = false;
    for (const sample_program& s : samples())
    {
        BOOST_TEST_CONTEXT("sample " << s.name() << " (" << s.exe << ")")
        {
            test(s);
        }
        (s.gtest ? gtest : boost_test) = true;
    }
    if (!boost_test)
        BOOST_ERROR("no Boost.Test sample program given (after -- or in $TMP_PATH_SAMPLES)");
    if (!gtest)
        BOOST_TEST_MESSAGE("NOT TESTED: the GoogleTest adapter (no GoogleTest sample program: libgtest-dev missing?)");
}

using environment = std::map< std::string, std::string >;

//! A started sample: its pid, and the file its output goes to.
struct child
{
    pid_t pid = -1;
    fs::path output;
};

child start(const sample_program& s, const environment& env, const std::vector< std::string >& args,
            const fs::path& output)
{
    std::vector< std::string > argv_text{s.exe};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    if (!s.gtest)
        argv_text.push_back("--color_output=no");
    std::vector< char* > argv;
    for (std::string& a : argv_text)
        argv.push_back(&a[0]);
    argv.push_back(nullptr);
    child c;
    c.output = output;
    c.pid = ::fork();
    BOOST_TEST_REQUIRE(c.pid >= 0);
    if (c.pid == 0)
    {
        for (const auto& e : env)
            ::setenv(e.first.c_str(), e.second.c_str(), 1);
        const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            ::_exit(126);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return c;
}

struct finished
{
    int status = 0; // the exit status, or 128 + the signal
    std::string output;
};

finished wait_for(const child& c)
{
    int st = 0;
    while (::waitpid(c.pid, &st, 0) < 0 && errno == EINTR)
    {
    }
    finished f;
    f.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    std::ifstream in(c.output.string());
    std::ostringstream text;
    text << in.rdbuf();
    f.output = text.str();
    return f;
}

struct report_line
{
    std::string key;
    fs::path path;
    bool ok = false;
};

std::vector< report_line > read_report(const fs::path& report)
{
    std::vector< report_line > lines;
    std::ifstream in(report.string());
    for (std::string line; std::getline(in, line);)
    {
        std::istringstream fields(line);
        report_line r;
        std::string p, ok;
        if (std::getline(fields, r.key, '\t') && std::getline(fields, p, '\t') && std::getline(fields, ok))
        {
            r.path = p;
            r.ok = ok == "ok";
            lines.push_back(r);
        }
    }
    return lines;
}

std::map< std::string, fs::path > by_key(const std::vector< report_line >& lines)
{
    std::map< std::string, fs::path > m;
    for (const report_line& r : lines)
        m[r.key] = r.path;
    return m;
}

//! A scratch directory for one test case: BOOST_TEMPFILE_TEST_DIR, the report, the outputs.
struct scratch
{
    tf::temp_dir<> dir{tf::options().prefix("tmp_path_driver-")};
    fs::path test_dir = dir.path() / "tests";
    fs::path report = dir.path() / "report";
    int outputs = 0;

    scratch() { fs::create_directory(test_dir); }

    environment env(const std::string& retention, const std::string& keep = "3") const
    {
        environment e{{"BOOST_TEMPFILE_TEST_DIR", test_dir.string()}, {"SAMPLE_REPORT", report.string()}};
        if (!retention.empty())
            e["BOOST_TEMPFILE_TEST_RETENTION"] = retention;
        if (!keep.empty())
            e["BOOST_TEMPFILE_TEST_KEEP"] = keep;
        return e;
    }

    fs::path next_output() { return dir.path() / ("output-" + std::to_string(outputs++)); }

    finished run(const sample_program& s, const environment& e, const std::vector< std::string >& args = {})
    {
        return wait_for(start(s, e, args, next_output()));
    }

    //! The program's root in test_dir (there is one program per scratch).
    fs::path root() const
    {
        for (fs::directory_iterator it(test_dir), end; it != end; ++it)
            return it->path();
        return fs::path();
    }

    //! The run directories now in the root.
    std::set< fs::path > runs() const
    {
        std::set< fs::path > found;
        const fs::path r = root();
        if (r.empty())
            return found;
        for (fs::directory_iterator it(r), end; it != end; ++it)
            found.insert(it->path());
        return found;
    }

    void clear_report() const { fs::remove(report); }
};

std::string names(const std::set< fs::path >& paths)
{
    std::string s;
    for (const fs::path& p : paths)
        s += " " + p.filename().string();
    return s;
}

bool mode_is(const fs::path& p, unsigned mode)
{
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0 && (st.st_mode & 07777) == mode;
}

const std::vector< std::string > every_key{"passes", "fails", "fixture", "data0", "data1", "data2"};

//! Runs the whole sample once, and checks what every test got.
std::map< std::string, fs::path > full_run(scratch& sc, const sample_program& s, const std::string& retention,
                                           finished* result = nullptr)
{
    sc.clear_report();
    const finished f = sc.run(s, sc.env(retention), s.gtest ? std::vector< std::string >{}
                                                           : std::vector< std::string >{"--log_level=message"});
    BOOST_TEST(f.status != 0, "the sample has a failing test: its exit status is not 0");
    const std::vector< report_line > lines = read_report(sc.report);
    for (const report_line& r : lines)
        BOOST_TEST(r.ok, r.key << ": " << r.path << " was not absolute, empty, 0700 and the same object in its test");
    const auto dirs = by_key(lines);
    for (const std::string& k : every_key)
        BOOST_TEST_REQUIRE(dirs.count(k) == 1u, "no directory reported for " << k << "; output:\n" << f.output);
    if (result)
        *result = f;
    return dirs;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_test_gets_a_fresh_private_directory_named_after_it_in_one_run_directory)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        const auto dirs = full_run(sc, s, "all");
        std::set< fs::path > distinct;
        const fs::path run = dirs.at("passes").parent_path();
        for (const auto& d : dirs)
        {
            distinct.insert(d.second);
            BOOST_TEST(d.second.is_absolute());
            BOOST_TEST(d.second.parent_path() == run, d.first << " is not in the run directory " << run);
            const std::string leaf = d.second.filename().string();
            for (const char c : leaf)
                BOOST_TEST(tf::detail::portable_name_char(c), d.first << ": '" << c << "' in " << leaf);
            BOOST_TEST(leaf[0] != '.');
        }
        BOOST_TEST(distinct.size() == dirs.size(), "two tests shared a directory");
        BOOST_TEST(run.parent_path() == sc.root());
        BOOST_TEST(run.filename().string().compare(0, 4, "run-") == 0);
        BOOST_TEST(sc.root().filename().string().compare(0, 9, "tmp_path.") == 0);
        BOOST_TEST(mode_is(run, 0700));
        BOOST_TEST(dirs.at("passes").filename() == "sample.passes");
        BOOST_TEST(dirs.at("fails").filename() == "sample.fails");
        BOOST_TEST(dirs.at("fixture").filename().string().find("in_a_fixture") != std::string::npos);
        for (int i = 0; i < 3; ++i)
        {
            // Boost.Test: sample/samples/_<i>; GoogleTest: sample/samples.each/<i>.
            const std::string leaf = dirs.at("data" + std::to_string(i)).filename().string();
            BOOST_TEST(leaf.find("samples") != std::string::npos, leaf);
            BOOST_TEST(leaf.substr(leaf.size() - 2) == "_" + std::to_string(i), leaf);
        }
        if (!s.gtest)
        {
            // "con. a\b?"c"<d>|e|<e acute> <tab>.": a device name, separators,
            // quotes, UTF-8 bytes, a trailing dot.
            BOOST_TEST(dirs.at("unsafe").filename() == "_con._a_b__c__d__e______");
            // "x?y" and "x|y" are both "x_y" made safe: the second gets "-2".
            BOOST_TEST(dirs.at("collide1").filename() == "x_y");
            BOOST_TEST(dirs.at("collide2").filename() == "x_y-2");
        }
    });
}

BOOST_AUTO_TEST_CASE(retention_all_keeps_every_directory_and_the_run_is_dead_once_the_program_ended)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        const auto dirs = full_run(sc, s, "all");
        for (const auto& d : dirs)
            BOOST_TEST(fs::exists(d.second / "written"), d.first << ": " << d.second << " was not kept");
        const fs::path run = dirs.at("passes").parent_path();
        BOOST_TEST(sc.runs() == std::set< fs::path >{run});
        // Its lock went with the program: a dead run, which the sweeps keep
        // only among the newest K - 1.
        const std::string app = sc.root().filename().string().substr(0, sc.root().filename().string().rfind('-'));
        const auto dead = tf::list_dead_runs(app, tf::options().dir(sc.test_dir));
        BOOST_TEST(dead == std::vector< fs::path >{run});
    });
}

BOOST_AUTO_TEST_CASE(retention_failed_keeps_only_the_failed_tests_directories)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        const auto dirs = full_run(sc, s, "failed");
        for (const auto& d : dirs)
            BOOST_TEST(fs::exists(d.second) == (d.first == "fails"), d.first << ": " << d.second);
        BOOST_TEST(fs::exists(dirs.at("fails") / "written"));
        const fs::path run = dirs.at("fails").parent_path();
        BOOST_TEST(sc.runs() == std::set< fs::path >{run});

        // A run in which nothing failed leaves nothing (the earlier run stays).
        sc.clear_report();
        const finished f = sc.run(s, sc.env("failed"), s.only_passes());
        BOOST_TEST(f.status == 0, f.output);
        const auto second = by_key(read_report(sc.report));
        BOOST_TEST_REQUIRE(second.count("passes") == 1u);
        BOOST_TEST(!fs::exists(second.at("passes").parent_path()));
        BOOST_TEST(sc.runs() == std::set< fs::path >{run}, names(sc.runs()));
    });
}

BOOST_AUTO_TEST_CASE(retention_none_leaves_nothing_of_the_run)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        const auto dirs = full_run(sc, s, "none");
        for (const auto& d : dirs)
            BOOST_TEST(!fs::exists(d.second), d.first << ": " << d.second);
        BOOST_TEST(!fs::exists(dirs.at("fails").parent_path()));
        BOOST_TEST(sc.runs().empty(), names(sc.runs()));
    });
}

BOOST_AUTO_TEST_CASE(five_runs_with_keep_3_leave_the_newest_3)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        std::vector< fs::path > made;
        for (int i = 0; i < 5; ++i)
        {
            if (i > 0) // the runs are ordered by their directory's mtime, in seconds
                std::this_thread::sleep_for(std::chrono::milliseconds(1100));
            sc.clear_report();
            const finished f = sc.run(s, sc.env("all", "3"), s.only_passes());
            BOOST_TEST_REQUIRE(f.status == 0, f.output);
            const auto dirs = by_key(read_report(sc.report));
            BOOST_TEST_REQUIRE(dirs.count("passes") == 1u);
            made.push_back(dirs.at("passes").parent_path());
            BOOST_TEST(fs::exists(dirs.at("passes") / "written"));
        }
        BOOST_TEST(sc.runs() == std::set< fs::path >(made.begin() + 2, made.end()), names(sc.runs()));
        // KEEP=1: the next run keeps none of the earlier ones.
        sc.clear_report();
        BOOST_TEST(sc.run(s, sc.env("all", "1"), s.only_passes()).status == 0);
        const auto last = by_key(read_report(sc.report));
        BOOST_TEST_REQUIRE(last.count("passes") == 1u);
        BOOST_TEST(sc.runs() == std::set< fs::path >{last.at("passes").parent_path()}, names(sc.runs()));
    });
}

BOOST_AUTO_TEST_CASE(four_runs_at_once_each_keep_their_own)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        const fs::path go = sc.dir.path() / "go";
        // KEEP=1: every start sweeps every dead run it may -- and must leave
        // the three live ones.
        environment e = sc.env("all", "1");
        e["SAMPLE_WAIT"] = go.string();
        std::vector< child > running;
        for (int i = 0; i < 4; ++i)
            running.push_back(start(s, e, s.only(s.gtest ? "sample.passes:sample.waits" : "sample/passes,waits"),
                                    sc.next_output()));
        std::vector< report_line > lines;
        for (int i = 0; i < 3000; ++i)
        {
            lines = read_report(sc.report);
            if (lines.size() >= 8)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        BOOST_TEST_REQUIRE(lines.size() == 8u, "the four runs did not all reach their waiting test");
        std::set< fs::path > runs;
        for (const report_line& r : lines)
            runs.insert(r.path.parent_path());
        BOOST_TEST(runs.size() == 4u, "four runs at once did not get four run directories");
        BOOST_TEST(sc.runs() == runs, names(sc.runs()));
        std::ofstream(go.string()) << "go";
        for (const child& c : running)
            BOOST_TEST(wait_for(c).status == 0);
        for (const report_line& r : lines)
            BOOST_TEST(fs::exists(r.path / "written"), r.key << ": " << r.path << " was removed by another run");
        BOOST_TEST(sc.runs() == runs, names(sc.runs()));
    });
}

BOOST_AUTO_TEST_CASE(a_run_killed_with_sigkill_is_swept_by_a_later_run)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        const fs::path go = sc.dir.path() / "never";
        environment e = sc.env("none", "1");
        e["SAMPLE_WAIT"] = go.string();
        const child c = start(s, e, s.only_waits(), sc.next_output());
        std::vector< report_line > lines;
        for (int i = 0; i < 3000 && lines.empty(); ++i)
        {
            lines = read_report(sc.report);
            if (lines.empty())
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        BOOST_TEST_REQUIRE(lines.size() == 1u);
        ::kill(c.pid, SIGKILL);
        BOOST_TEST(wait_for(c).status == 128 + SIGKILL);
        const fs::path killed = lines[0].path.parent_path();
        // Nothing ran at the kill: even retention "none" left it.
        BOOST_TEST(fs::exists(lines[0].path / "written"));
        BOOST_TEST(sc.runs() == std::set< fs::path >{killed});

        sc.clear_report();
        BOOST_TEST(sc.run(s, sc.env("all", "1"), s.only_passes()).status == 0);
        const auto later = by_key(read_report(sc.report));
        BOOST_TEST_REQUIRE(later.count("passes") == 1u);
        BOOST_TEST(!fs::exists(killed), "the killed run " << killed << " was not swept");
        BOOST_TEST(sc.runs() == std::set< fs::path >{later.at("passes").parent_path()}, names(sc.runs()));
    });
}

BOOST_AUTO_TEST_CASE(a_run_ended_by_sigterm_stays_under_all_and_goes_under_failed_and_none)
{
    // The run's exit registration (run_dir) removes it at a deadly signal;
    // under "all" the run was kept from the start, so nothing removes it.
    for_each_sample([](const sample_program& s) {
        for (const char* retention : {"all", "failed", "none"})
        {
            scratch sc;
            environment e = sc.env(retention, "3");
            e["SAMPLE_WAIT"] = (sc.dir.path() / "never").string();
            const child c = start(s, e, s.only_waits(), sc.next_output());
            std::vector< report_line > lines;
            for (int i = 0; i < 3000 && lines.empty(); ++i)
            {
                lines = read_report(sc.report);
                if (lines.empty())
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            BOOST_TEST_REQUIRE(lines.size() == 1u);
            ::kill(c.pid, SIGTERM);
            BOOST_TEST(wait_for(c).status == 128 + SIGTERM);
            const bool all = std::string(retention) == "all";
            BOOST_TEST(fs::exists(lines[0].path / "written") == all, retention << ": " << lines[0].path);
            BOOST_TEST(sc.runs().size() == (all ? 1u : 0u), retention << ":" << names(sc.runs()));
        }
    });
}

BOOST_AUTO_TEST_CASE(the_log_says_where_a_failed_tests_directory_is)
{
    for_each_sample([](const sample_program& s) {
        scratch sc;
        finished f;
        const auto dirs = full_run(sc, s, "failed", &f);
        const std::string at_failure = s.gtest ? "tmp_path() of this test: " : "tmp_path() of this test case: ";
        BOOST_TEST(f.output.find(at_failure + dirs.at("fails").string()) != std::string::npos, f.output);
        BOOST_TEST(f.output.find("is kept in " + dirs.at("fails").string()) != std::string::npos, f.output);
        BOOST_TEST(f.output.find("is kept in " + dirs.at("passes").string()) == std::string::npos);

        // Nothing is kept under "none": the log does not say it is.
        scratch none;
        const auto gone = full_run(none, s, "none", &f);
        BOOST_TEST(f.output.find("is kept in") == std::string::npos, f.output);
    });
}

BOOST_AUTO_TEST_CASE(a_setting_that_is_not_valid_fails_the_tests_that_ask_and_makes_nothing)
{
    for_each_sample([](const sample_program& s) {
        const std::pair< std::string, std::string > bad[] = {
            {"BOOST_TEMPFILE_TEST_RETENTION", "sometimes"},
            {"BOOST_TEMPFILE_TEST_KEEP", "0"},
            {"BOOST_TEMPFILE_TEST_KEEP", "three"},
        };
        for (const auto& b : bad)
        {
            scratch sc;
            environment e = sc.env("", "");
            e[b.first] = b.second;
            const finished f = sc.run(s, e, s.only_passes());
            BOOST_TEST(f.status != 0, b.first << "=" << b.second << " did not fail the test");
            BOOST_TEST(f.output.find(b.first + "=\"" + b.second + "\" is not") != std::string::npos, f.output);
            BOOST_TEST(fs::is_empty(sc.test_dir), b.first << "=" << b.second << " made something");
        }
    });
}

BOOST_AUTO_TEST_CASE(names_are_made_safe_and_short_for_every_file_system)
{
    using tf::detail::safe_test_name;
    BOOST_TEST(safe_test_name("suite.case") == "suite.case");
    BOOST_TEST(safe_test_name("") == "test");
    BOOST_TEST(safe_test_name("..") == "__");
    BOOST_TEST(safe_test_name(".hidden") == "_hidden");
    BOOST_TEST(safe_test_name("-rf") == "_rf");
    BOOST_TEST(safe_test_name("a/b\\c:d*e?f\"g<h>i|j k") == "a_b_c_d_e_f_g_h_i_j_k");
    BOOST_TEST(safe_test_name("NUL") == "_NUL");
    BOOST_TEST(safe_test_name("com1.txt") == "_com1.txt");
    BOOST_TEST(safe_test_name("LPT9") == "_LPT9");
    BOOST_TEST(safe_test_name("console") == "console");
    BOOST_TEST(safe_test_name("COM10") == "COM10");
    BOOST_TEST(safe_test_name("ends.") == "ends_");
    BOOST_TEST(safe_test_name("\xc3\xa9t\xc3\xa9") == "__t__");
    const std::string long_name = "a_very_long_suite_name_that_goes_on.and_a_test_case_named_at_length._17";
    const std::string short_name = safe_test_name(long_name);
    BOOST_TEST(short_name.size() == tf::detail::test_name_limit);
    BOOST_TEST(short_name.compare(0, 20, long_name, 0, 20) == 0, short_name);
    BOOST_TEST(short_name.substr(short_name.size() - 3) == "_17", short_name);
}

BOOST_AUTO_TEST_CASE(a_kept_run_dir_is_alive_while_its_object_lives_and_a_dead_run_after)
{
    tf::temp_dir<> parent;
    const tf::options opts = tf::options().dir(parent.path());
    fs::path p;
    {
        tf::run_dir run("keeps", opts);
        p = run.path();
        run.keep();
        BOOST_TEST(!run.owns_directory());
        boost::system::error_code ec;
        run.remove(ec);
        BOOST_TEST(ec == boost::system::errc::operation_not_permitted);
        BOOST_TEST(fs::exists(p));
        BOOST_TEST(tf::list_dead_runs("keeps", opts).empty(), "a kept run whose object lives is alive");
        BOOST_TEST(tf::sweep_runs("keeps", opts) == 0u);
        BOOST_TEST(fs::exists(p));
    }
    BOOST_TEST(fs::exists(p), "the kept run was removed when its object ended");
    BOOST_TEST(tf::list_dead_runs("keeps", opts) == std::vector< fs::path >{p});
    BOOST_TEST(tf::sweep_runs("keeps", opts, tf::keep_crashed_runs(1)) == 0u);
    BOOST_TEST(fs::exists(p));
    BOOST_TEST(tf::sweep_runs("keeps", opts) == 1u);
    BOOST_TEST(!fs::exists(p));
}

BOOST_AUTO_TEST_CASE(a_kept_run_dir_is_not_removed_at_exit_and_one_not_kept_is)
{
    tf::temp_dir<> parent;
    const tf::options opts = tf::options().dir(parent.path());
    for (const bool keep : {true, false})
    {
        int fds[2];
        BOOST_TEST_REQUIRE(::pipe(fds) == 0);
        std::fflush(nullptr); // the child's exit must not write the parent's buffered output again
        const pid_t pid = ::fork();
        BOOST_TEST_REQUIRE(pid >= 0);
        if (pid == 0)
        {
            ::close(fds[0]);
            static tf::run_dir* run = new tf::run_dir("exits", opts); // never destroyed: only exit cleans up
            if (keep)
                run->keep();
            const std::string path = run->path().string();
            (void)!::write(fds[1], path.data(), path.size());
            ::close(fds[1]);
            std::exit(0);
        }
        ::close(fds[1]);
        char buf[4096];
        std::string path;
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
            path.append(buf, static_cast< std::size_t >(n));
        ::close(fds[0]);
        int st = 0;
        ::waitpid(pid, &st, 0);
        BOOST_TEST_REQUIRE(!path.empty());
        BOOST_TEST(fs::exists(path) == keep, (keep ? "kept" : "not kept") << ": " << path);
    }
}
