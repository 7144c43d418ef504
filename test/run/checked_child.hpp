// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_TEST_CHECKED_CHILD_HPP
#define BOOST_TEMPFILE_TEST_CHECKED_CHILD_HPP

// Checks made in a forked child. Boost.Test in the child cannot report to the
// parent, so what the child finds wrong travels back through a pipe, one line
// per failed check, and the parent reports each as a test error -- or, when
// the child returns child_skipped, as a message saying why it could not run.

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <exception>
#include <fcntl.h>
#include <functional>
#include <sstream>
#include <string>
#include <unistd.h>

namespace test_support {

//! A child's exit status meaning "could not run here" (its lines say why).
constexpr int child_skipped = 77;

struct child_checks
{
    int fd;
    void operator()(bool ok, const std::string& what, int line) const
    {
        if (ok)
            return;
        const std::string msg = std::to_string(line) + ": " + what + "\n";
        if (::write(fd, msg.data(), msg.size()) < 0)
        {
        }
    }
};
#define CHILD_CHECK(c, cond) (c)((cond), #cond, __LINE__)

//! Everything readable from fd until end of file (EINTR retried).
inline std::string read_all(int fd)
{
    std::string out;
    char buf[4096];
    for (;;)
    {
        const ::ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0)
            out.append(buf, static_cast< std::size_t >(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    return out;
}

//! Runs body(check) in a forked child, reports what it found wrong, and
//! returns the child's exit status (body's return value; 98 if it threw).
inline int run_checked_in_child(const std::function< int(const child_checks&) >& body)
{
    int p[2];
    BOOST_TEST_REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
    const int status = run_in_child([&] {
        ::close(p[0]);
        const child_checks check{p[1]};
        int code = 0;
        try
        {
            code = body(check);
        }
        catch (const std::exception& e)
        {
            check(false, e.what(), 0);
            code = 98;
        }
        ::close(p[1]);
        return code;
    });
    ::close(p[1]);
    const std::string out = read_all(p[0]);
    ::close(p[0]);
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
    {
        if (status == child_skipped)
            BOOST_TEST_MESSAGE("child: " << line);
        else
            BOOST_ERROR("failed in the child process, line " << line);
    }
    return status;
}

} // namespace test_support

#endif
