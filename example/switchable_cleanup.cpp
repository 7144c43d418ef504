// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Mirrors Rust's
//     let mut dir = TempDir::new()?;
//     dir.disable_cleanup(keep_temps);   // decided at run time (a --keep-temps flag)
//     ...
//     dir.disable_cleanup(false);        // changed our mind: clean up after all
// switchable<Base> is a cleanup policy with a switch: while it is off, the
// owner's automatic removals (close(), its end) do nothing, but the object
// still owns the entry -- remove() works, and the switch can go back on.
// keep() is the final word instead: the object lets go of the entry for good.

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <iostream>
#include <string>

namespace tf = boost::tempfile;
namespace fs = boost::filesystem;

namespace {

bool check(bool ok, const char* claim)
{
    std::cout << (ok ? "ok:     " : "FAILED: ") << claim << '\n';
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    bool ok = true;
    const bool keep_temps = argc > 1 && std::string(argv[1]) == "--keep-temps";
    const tf::temp_dir<> work; // holds whatever the switch keeps

    fs::path scratch;
    {
        tf::temp_dir< tf::switchable< tf::recursive_remove > > dir(tf::options().dir(work.path()));
        scratch = dir.path();
        dir.cleanup().disable_cleanup(keep_temps);
        ok &= check(dir.owns_directory(), "the switch does not end ownership");
    }
    ok &= check(fs::exists(scratch) == keep_temps, "the directory is kept exactly when --keep-temps was given");

    fs::path log;
    {
        tf::named_temp_file< tf::switchable< tf::delete_on_close > > file(tf::options().dir(work.path()));
        log = file.path();
        file.cleanup().disable_cleanup();
        file.close();
        ok &= check(fs::exists(log), "close() keeps the name while the switch is off");
        file.cleanup().disable_cleanup(false);
    }
    ok &= check(!fs::exists(log), "switched back on, the end of the object removes it");

    return ok ? 0 : 1;
}
