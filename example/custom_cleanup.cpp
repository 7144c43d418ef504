// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A cleanup policy of your own: temporary files that stay behind when the
// environment variable KEEP_TEMP_FILES is set, so that a failing run can be
// inspected, and are removed as usual otherwise. (Python's delete= argument,
// chosen by the environment instead of by the code.)
//
// A file cleanup policy answers two questions, both noexcept because
// destructors ask them: does close() remove the name, and does the end of
// the owner's life remove it. The policy object lives inside the owner, so
// it can decide once, when the file is made.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <cstdlib>
#include <iostream>

namespace tf = boost::tempfile;

namespace {

class keep_if_env_set
{
public:
    keep_if_env_set() noexcept : keep_(std::getenv("KEEP_TEMP_FILES") != nullptr) {}

    bool remove_on_close() const noexcept { return !keep_; }
    bool remove_on_destroy() const noexcept { return !keep_; }

private:
    bool keep_;
};

using debug_file = tf::named_temp_file< keep_if_env_set >;

//! Makes a file with the policy and says whether its name outlived the scope.
bool survives_scope()
{
    boost::filesystem::path path;
    {
        debug_file scratch;
        path = scratch.path();
        scratch.stream() << "intermediate results";
    }
    const bool survived = boost::filesystem::exists(path);
    std::cout << "  " << path.string() << (survived ? " was kept\n" : " was removed\n");
    if (survived)
        boost::filesystem::remove(path); // the example itself leaves nothing behind
    return survived;
}

} // namespace

int main()
{
    std::cout << "With KEEP_TEMP_FILES=1:\n";
    ::setenv("KEEP_TEMP_FILES", "1", 1);
    const bool kept_when_set = survives_scope();

    std::cout << "Without KEEP_TEMP_FILES:\n";
    ::unsetenv("KEEP_TEMP_FILES");
    const bool kept_when_unset = survives_scope();

    return kept_when_set && !kept_when_unset ? 0 : 1;
}
