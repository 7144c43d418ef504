// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_EINTR_HPP
#define BOOST_TEMPFILE_DETAIL_EINTR_HPP
#pragma once

// A system call interrupted by a signal handler (EINTR) is made again, but
// not forever: a platform that answers EINTR every time -- a
// fault_injecting_platform told to fail `always` with EINTR, or a storm of
// signals -- must end in an error the caller sees, not in a hang. After
// max_eintr_retries interruptions in a row the call fails with EINTR.

#include <cerrno>

namespace boost {
namespace tempfile {
namespace detail {

//! Interruptions in a row after which EINTR is reported as the error.
constexpr unsigned max_eintr_retries = 100;

//! Runs `call` (a system call wrapper: a negative result and errno on
//! failure) again while it fails with EINTR, at most max_eintr_retries times.
template< typename Call >
auto retry_on_eintr(Call call) noexcept(noexcept(call())) -> decltype(call())
{
    auto r = call();
    for (unsigned again = 0; r < 0 && errno == EINTR && again < max_eintr_retries; ++again)
        r = call();
    return r;
}

//! For loops that retry by hand (partial reads and writes): says whether a
//! failure is an interruption to retry, counting interruptions in a row.
class eintr_budget
{
public:
    //! True if errno is EINTR and the budget allows one more attempt.
    bool retry() noexcept
    {
        if (errno != EINTR || left_ == 0)
            return false;
        --left_;
        return true;
    }

    //! Progress was made: the next interruption starts a new count.
    void reset() noexcept { left_ = max_eintr_retries; }

private:
    unsigned left_ = max_eintr_retries;
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
