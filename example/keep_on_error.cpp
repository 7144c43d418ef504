// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Keep the evidence when something goes wrong: with keep_on_error a
// temporary file or directory is removed when its scope ends normally, but
// left in place -- and its path written to standard error -- when the scope
// is left by an exception. Make the owner inside the work that may fail.
//
// The example runs a small job twice: on good input it leaves nothing; on
// bad input its work directory stays for inspection, which the example then
// looks at and removes, so that it leaves nothing behind either.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

struct job_failed : std::runtime_error
{
    job_failed(const std::string& what, fs::path evidence) : std::runtime_error(what), work_dir(std::move(evidence)) {}
    fs::path work_dir;
};

//! Sums the numbers in `input` in stages, each stage's output in a work directory.
int run_job(const std::string& input, fs::path& work_dir_seen)
{
    tf::temp_dir< tf::keep_on_error > work(tf::options().prefix("job-"));
    work_dir_seen = work.path();
    std::ofstream((work.path() / "input.txt").string()) << input;

    int sum = 0;
    std::string::size_type at = 0;
    std::ofstream trace((work.path() / "trace.txt").string());
    while (at < input.size())
    {
        const std::string::size_type comma = input.find(',', at);
        const std::string field = input.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        trace << "field '" << field << "'\n" << std::flush;
        if (field.empty() || field.find_first_not_of("0123456789") != std::string::npos)
            throw job_failed("not a number: '" + field + "'", work.path()); // `work` stays
        sum += std::stoi(field);
        at = comma == std::string::npos ? input.size() : comma + 1;
    }
    return sum; // `work` and its files are removed
}

std::string read_by_name(const fs::path& path)
{
    std::ifstream in(path.string());
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

} // namespace

int main()
{
    fs::path good_dir;
    const int sum = run_job("1,2,39", good_dir);
    const bool good_removed = !fs::exists(good_dir);
    std::cout << "good input: sum " << sum << "; work directory " << good_dir.string()
              << (good_removed ? " removed\n" : " still there\n");

    fs::path bad_dir;
    bool evidence_ok = false;
    // The library reports the directory it keeps on the C stream stderr
    // (set_kept_reporter replaces the report): say so first, and flush, so
    // that the lines come in order.
    std::cout << "bad input (expected: the library says on standard error which directory it keeps):"
              << std::endl;
    try
    {
        run_job("4,five,6", bad_dir);
        std::cout << "bad input was accepted\n";
    }
    catch (const job_failed& e)
    {
        std::cout << "bad input: " << e.what() << "; evidence kept in " << e.work_dir.string() << '\n';
        const std::string trace = read_by_name(e.work_dir / "trace.txt");
        std::cout << "its trace.txt:\n" << trace;
        evidence_ok = e.work_dir == bad_dir && read_by_name(e.work_dir / "input.txt") == "4,five,6" &&
                      trace == "field '4'\nfield 'five'\n";
        fs::remove_all(e.work_dir); // inspected: now ours to remove
    }
    const bool bad_cleaned = !bad_dir.empty() && !fs::exists(bad_dir);
    return sum == 42 && good_removed && evidence_ok && bad_cleaned ? 0 : 1;
}
