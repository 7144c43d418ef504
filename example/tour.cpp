// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A tour of Boost.TempFile: runs every example of this folder in turn, each
// under a heading, and fails if any of them does. The examples are compiled
// here from their own files, not copied: each is included into a namespace of
// its own with its main() renamed, so what the tour shows is what the tests run.

// Every header the examples include, included first: their include guards then
// make the examples' own #includes empty, so no header ends up inside one of
// the namespaces below. A new example's headers must be added here.
#include <boost/tempfile.hpp>

#include <boost/filesystem/directory.hpp>
#include <boost/filesystem/exception.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#define main run

namespace ex_named_file {
#include "named_file.cpp"
}
namespace ex_prefix_suffix {
#include "prefix_suffix.cpp"
}
namespace ex_temp_directory {
#include "temp_directory.cpp"
}
namespace ex_anonymous_file {
#include "anonymous_file.cpp"
}
namespace ex_manual_management {
#include "manual_management.cpp"
}
namespace ex_delete_on_destroy {
#include "delete_on_destroy.cpp"
}
namespace ex_pattern_name {
#include "pattern_name.cpp"
}
namespace ex_custom_naming {
#include "custom_naming.cpp"
}
namespace ex_custom_cleanup {
#include "custom_cleanup.cpp"
}
namespace ex_custom_permissions {
#include "custom_permissions.cpp"
}
namespace ex_custom_platform {
#include "custom_platform.cpp"
}
namespace ex_fault_injection {
#include "fault_injection.cpp"
}
namespace ex_spooled_file {
#include "spooled_file.cpp"
}
namespace ex_atomic_file {
#include "atomic_file.cpp"
}
namespace ex_persist {
#include "persist.cpp"
}
namespace ex_delete_at_exit {
#include "delete_at_exit.cpp"
}
namespace ex_keep_on_error {
#include "keep_on_error.cpp"
}
namespace ex_std_filesystem {
#include "std_filesystem.cpp"
}
namespace ex_run_dir {
#include "run_dir.cpp"
}

#undef main

namespace {

struct example
{
    const char* heading;
    int (*run)();
};

const example examples[] = {
    {"NamedTemporaryFile(mode='w+', delete=True)  -- named_file.cpp", ex_named_file::run},
    {"NamedTemporaryFile(suffix='.log', prefix='my_app_')  -- prefix_suffix.cpp", ex_prefix_suffix::run},
    {"TemporaryDirectory()  -- temp_directory.cpp", ex_temp_directory::run},
    {"TemporaryFile()  -- anonymous_file.cpp", ex_anonymous_file::run},
    {"mkstemp() and mkdtemp()  -- manual_management.cpp", ex_manual_management::run},
    {"delete_on_close=False, and delete=False  -- delete_on_destroy.cpp", ex_delete_on_destroy::run},
    {"Name templates: XXXXXX and %%%%  -- pattern_name.cpp", ex_pattern_name::run},
    {"Your own naming policy: UUID names  -- custom_naming.cpp", ex_custom_naming::run},
    {"Your own cleanup policy: KEEP_TEMP_FILES  -- custom_cleanup.cpp", ex_custom_cleanup::run},
    {"Your own permission policy: 0640 / 0750  -- custom_permissions.cpp", ex_custom_permissions::run},
    {"Your own platform: auditing system calls  -- custom_platform.cpp", ex_custom_platform::run},
    {"Testing your error handling: a full disk  -- fault_injection.cpp", ex_fault_injection::run},
    {"SpooledTemporaryFile(max_size=...)  -- spooled_file.cpp", ex_spooled_file::run},
    {"Replacing a file safely: atomic_file  -- atomic_file.cpp", ex_atomic_file::run},
    {"Keeping a finished temp file: persist  -- persist.cpp", ex_persist::run},
    {"Removal at exit and on signals: delete_at_exit  -- delete_at_exit.cpp", ex_delete_at_exit::run},
    {"Kept for inspection after an exception: keep_on_error  -- keep_on_error.cpp", ex_keep_on_error::run},
    {"From a std::filesystem program: to_std_path, to_boost_path  -- std_filesystem.cpp", ex_std_filesystem::run},
    {"Cleanup after SIGKILL: run_dir and the next start's sweep  -- run_dir.cpp", ex_run_dir::run},
};

} // namespace

int main()
{
    // Piped (through tee, say), standard output is fully buffered, while the
    // library's reports on standard error (keep_on_error) are written at once:
    // they would land under another example's heading. Line by line, with
    // standard error going the same way, every line comes in the order it
    // was written, under its example's heading.
    std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
    ::dup2(STDOUT_FILENO, STDERR_FILENO);

    std::cout << "Temporary files go to " << boost::tempfile::temp_directory_path().string() << "\n";
    int failures = 0;
    for (const example& e : examples)
    {
        std::cout << "\n=== " << e.heading << " ===\n";
        int status = 1;
        try
        {
            status = e.run();
        }
        catch (const std::exception& error)
        {
            std::cout << "exception: " << error.what() << '\n';
        }
        if (status != 0)
        {
            std::cout << "*** FAILED (status " << status << ")\n";
            ++failures;
        }
    }
    std::cout << '\n' << (sizeof examples / sizeof examples[0]) - static_cast< std::size_t >(failures) << " of "
              << sizeof examples / sizeof examples[0] << " examples passed\n";
    return failures == 0 ? 0 : 1;
}
