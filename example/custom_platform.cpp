// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// A platform policy of your own: the native platform, plus a log and a count
// of every file created or removed. Every system call the library makes is a
// free function overloaded on the platform tag and found by argument-
// dependent lookup, so a tag derived from native_platform, with overloads in
// its own namespace, replaces just the calls it names; each forwards to the
// base tag, and every other call goes to the native backend unchanged.
// (Python's tempfile has no such layer; you would monkeypatch os.open.)

#include <boost/tempfile.hpp>

#include <boost/filesystem/operations.hpp>

#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>

namespace tf = boost::tempfile;

namespace audited {

struct audited_platform : tf::native_platform
{
};

struct call_counts
{
    unsigned opens = 0, unlinks = 0;
};

inline call_counts& counts()
{
    static call_counts c;
    return c;
}

int open_at(audited_platform, int dirfd, const char* name, int flags, ::mode_t mode) noexcept
{
    ++counts().opens;
    std::cout << "  open_at   " << name << ((flags & O_CREAT) ? " (create)\n" : "\n");
    return open_at(tf::native_platform{}, dirfd, name, flags, mode);
}

int unlink_at(audited_platform, int dirfd, const char* name, int flags) noexcept
{
    ++counts().unlinks;
    std::cout << "  unlink_at " << name << ((flags & AT_REMOVEDIR) ? " (directory)\n" : "\n");
    return unlink_at(tf::native_platform{}, dirfd, name, flags);
}

} // namespace audited

int main()
{
    using audited_file = tf::basic_named_temp_file< tf::delete_on_close, tf::random_name<>, tf::owner_only,
                                                    audited::audited_platform >;
    audited::counts() = audited::call_counts{};

    boost::filesystem::path path;
    {
        audited_file file;
        path = file.path();
        file.stream() << "audited";
    }
    std::cout << "open_at calls: " << audited::counts().opens << ", unlink_at calls: " << audited::counts().unlinks
              << '\n';

    // One exclusive creation and one removal, both through the audited tag.
    if (audited::counts().opens != 1 || audited::counts().unlinks != 1 || boost::filesystem::exists(path))
        return 1;
    return 0;
}
