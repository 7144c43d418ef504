// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A permission policy of your own: files the owner's group may read (0640)
// in directories the group may enter (0750), e.g. for results a service in
// the same group picks up. Python's tempfile always makes 0600/0700; you
// would have to os.chmod() afterwards, with a moment of the wrong mode.
//
// The modes are given to open() and mkdir() themselves. With `exact` the
// library also sets them through the descriptor, so a strict umask (077)
// cannot take the group's bits away.

#include <boost/tempfile.hpp>

#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/stat.h>

namespace tf = boost::tempfile;

namespace {

struct group_readable
{
    static constexpr tf::mode_type file_mode = 0640;
    static constexpr tf::mode_type dir_mode = 0750;
    static constexpr bool exact = true;
};

tf::mode_type mode_of(const char* path)
{
    struct ::stat status;
    if (::stat(path, &status) != 0)
        return 0;
    return static_cast< tf::mode_type >(status.st_mode) & 07777u;
}

std::string octal(tf::mode_type mode)
{
    std::ostringstream out;
    out << std::oct << std::setfill('0') << std::setw(4) << mode;
    return out.str();
}

} // namespace

int main()
{
    using shared_dir = tf::basic_temp_dir< tf::recursive_remove, tf::random_name<>, group_readable >;
    using shared_file = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, group_readable >;

    // The strictest usual umask, to show that it does not narrow exact modes.
    const ::mode_t saved_umask = ::umask(077);
    shared_dir results;
    shared_file report(tf::options().dir(results.path()).suffix(".txt"));
    ::umask(saved_umask);

    const tf::mode_type dir_mode = mode_of(results.path().c_str());
    const tf::mode_type file_mode = mode_of(report.path().c_str());
    std::cout << "directory " << results.path().string() << " has mode " << octal(dir_mode) << '\n';
    std::cout << "file      " << report.path().string() << " has mode " << octal(file_mode) << '\n';
    return dir_mode == 0750 && file_mode == 0640 ? 0 : 1;
}
