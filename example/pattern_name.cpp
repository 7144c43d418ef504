// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors mkstemp(3)'s "XXXXXX" templates (Python's tempfile builds names
// only as prefix + random + suffix): with pattern_name the whole name is a
// template. Every run of six or more 'X' and every '%' become random
// characters, wherever they are (at least six of them).

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <cstddef>
#include <iostream>
#include <string>

namespace tf = boost::tempfile;

namespace {

//! Does `name` follow `pattern`, with a random character wherever the
//! pattern has a placeholder (`placeholder`) and the same text elsewhere?
bool follows(const std::string& name, const std::string& pattern, char placeholder)
{
    if (name.size() != pattern.size())
        return false;
    for (std::size_t i = 0; i < name.size(); ++i)
    {
        const bool random_here = pattern[i] == placeholder;
        if (random_here ? name[i] == placeholder : name[i] != pattern[i])
            return false;
    }
    return true;
}

} // namespace

int main()
{
    using report_file = tf::basic_named_temp_file< tf::delete_on_close, tf::pattern_name >;
    using work_dir = tf::basic_temp_dir< tf::recursive_remove, tf::pattern_name >;

    boost::filesystem::path file_path, dir_path;
    {
        report_file report(tf::options().pattern("report-XXXXXX.csv"));
        work_dir work(tf::options().pattern("%%%%-%%%%.tmp"));
        file_path = report.path();
        dir_path = work.path();
        std::cout << "\"report-XXXXXX.csv\" made the file " << file_path.string() << '\n';
        std::cout << "\"%%%%-%%%%.tmp\" made the directory " << dir_path.string() << '\n';

        if (!follows(file_path.filename().string(), "report-XXXXXX.csv", 'X') ||
            !follows(dir_path.filename().string(), "%%%%-%%%%.tmp", '%') || !boost::filesystem::is_directory(dir_path))
            return 1;
    }
    if (boost::filesystem::exists(file_path) || boost::filesystem::exists(dir_path))
        return 1;
    return 0;
}
